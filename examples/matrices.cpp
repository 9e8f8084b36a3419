// examples/matrices.cpp - the shapes of a network's maths, checked by the compiler.
//
// Teaches: a ctnn::matrix carries its shape in its type, so the first line of
// the forward pass, z(2) = X W(1), is dimension-checked before the program runs.
// Prints: z(2) for the walkthrough's three examples and a hidden layer of 3.

#include <cstdio>

#include <ctnn/matrix.hpp>

// X: 3 examples (rows) x 2 features (hours of sleep, hours of study), each
// column scaled by its maximum so that every feature lies in [0, 1].
constexpr ctnn::matrix<double, 3, 2> X{{3.0 / 10, 5.0 / 5}, {5.0 / 10, 1.0 / 5}, {10.0 / 10, 2.0 / 5}};

// W(1): 2 inputs x 3 hidden units. Rows written as rows; the element type and
// the shape are deduced (class template argument deduction).
constexpr ctnn::matrix W1{{0.5, -0.25, 1.0}, {0.75, 0.5, -1.0}};
static_assert(W1.rows() == 2 && W1.cols() == 3);

// z(2) = X W(1): (3 x 2)(2 x 3) is 3 x 3, and the compiler knows it.
constexpr auto z2 = X * W1;
static_assert(z2.rows() == 3 && z2.cols() == 3);
static_assert(z2(2, 0) == 1.0 * 0.5 + 0.4 * 0.75);

// The product the other way round, W(1) X, is (2 x 3)(3 x 2): its inner
// sizes agree, so it compiles too, but it is 2 x 2 and means nothing here.
// The transpose of X is what does not fit:
//
//   constexpr auto bad = ctnn::transpose(X) * W1;   // (2 x 3)(2 x 3)
//
// GCC 12 says:   error: static assertion failed: ctnn: matrix product needs lhs.cols() == rhs.rows()
//                note: the comparison reduces to '(3 == 2)'
// Clang 14 says: error: static_assert failed due to requirement '3UL == 2UL'
//                "ctnn: matrix product needs lhs.cols() == rhs.rows()"
static_assert(!ctnn::multipliable<decltype(ctnn::transpose(X)), decltype(W1)>);

int main() {
  std::printf("z2 = X W1 (%zu x %zu):\n", z2.rows(), z2.cols());
  for (std::size_t r = 0; r < z2.rows(); ++r) {
    for (std::size_t c = 0; c < z2.cols(); ++c) std::printf(" %8.4f", z2(r, c));
    std::printf("\n");
  }
}

// Expected output:
// z2 = X W1 (3 x 3):
//    0.9000   0.4250  -0.7000
//    0.4000  -0.0250   0.3000
//    0.8000  -0.0500   0.6000

// Tests for ctnn::matrix: each value is checked twice, in a static_assert
// (constant evaluation) and in a doctest case (run time).
#include <doctest/doctest.h>

#include <cstring>
#include <new>

#include <ctnn/matrix.hpp>

namespace {

using ctnn::matrix;

constexpr matrix<double, 3, 2> X{{3, 5}, {5, 1}, {10, 2}};
constexpr matrix<double, 2, 3> W{{1, 2, 3}, {4, 5, 6}};

// Hand-computed: X W, row by row: [3+20, 6+25, 9+30], [5+4, 10+5, 15+6], [10+8, 20+10, 30+12].
constexpr matrix<double, 3, 3> XW{{23, 31, 39}, {9, 15, 21}, {18, 30, 42}};

template <class A, class B>
concept can_add = requires(A a, B b) { a + b; };

// ---- shapes are types ------------------------------------------------------
static_assert(X.rows() == 3 && X.cols() == 2 && X.size() == 6);
static_assert(std::is_same_v<decltype(X * W), matrix<double, 3, 3>>);
static_assert(std::is_same_v<decltype(ctnn::transpose(X)), matrix<double, 2, 3>>);
static_assert(ctnn::multipliable<decltype(X), decltype(W)>);
static_assert(!ctnn::multipliable<decltype(X), decltype(X)>);          // (3x2)(3x2)
static_assert(!ctnn::multipliable<matrix<float, 3, 2>, decltype(W)>);  // element types differ
static_assert(ctnn::same_shape<decltype(X), decltype(X)>);
static_assert(!ctnn::same_shape<decltype(X), decltype(W)>);
static_assert(!ctnn::Matrix<double>);
static_assert(ctnn::Matrix<const matrix<float, 1, 1>&>);

// CTAD from rows.
constexpr matrix deduced{{1.0, 2.0}, {3.0, 4.0}};
static_assert(std::is_same_v<decltype(deduced), const matrix<double, 2, 2>>);
constexpr matrix deduced_f{{1.0f, 2.0f, 3.0f}};
static_assert(std::is_same_v<decltype(deduced_f), const matrix<float, 1, 3>>);

// A structural type: usable as a template argument.
template <matrix<double, 3, 2> M>
constexpr double first = M(0, 0);
static_assert(first<X> == 3);

// ---- values ----------------------------------------------------------------
static_assert(X(0, 1) == 5 && X(2, 0) == 10);
static_assert(X * W == XW);
static_assert(X + X == 2.0 * X);
static_assert(X - X == matrix<double, 3, 2>{});
static_assert(X * 2.0 == 2.0 * X);
static_assert((X / 2.0)(2, 0) == 5);
static_assert((60.0 / X)(2, 1) == 30);
static_assert(-X == X * -1.0);
static_assert(ctnn::transpose(X)(1, 2) == 2);
static_assert(ctnn::transpose(ctnn::transpose(X)) == X);
static_assert(ctnn::hadamard(X, X)(2, 0) == 100);
static_assert(ctnn::sum(X) == 26);
static_assert(ctnn::map(X, [](double x) { return x + 1; })(1, 1) == 2);
static_assert(ctnn::column_sums(X) == matrix<double, 1, 2>{{18, 8}});
static_assert(ctnn::add_to_each_row(X, matrix<double, 1, 2>{{1, -1}})(2, 1) == 1);
static_assert(ctnn::row(X, 1) == matrix<double, 1, 2>{{5, 1}});
static_assert(matrix<int, 2, 2>{} == matrix<int, 2, 2>{{0, 0}, {0, 0}});
static_assert(X != 2.0 * X);
// The fused forms the backward pass uses equal the products they replace.
static_assert(ctnn::transpose_times(X, X) == ctnn::transpose(X) * X);
static_assert(ctnn::times_transpose(X, X) == X * ctnn::transpose(X));

constexpr double sum_by_iteration() {
  double s = 0;
  for (double x : X) s += x;
  return s;
}
static_assert(sum_by_iteration() == 26);

constexpr matrix<double, 3, 2> mutated() {
  matrix<double, 3, 2> m = X;
  m(0, 0) = 7;
  m += X;
  m -= X;
  m *= 2.0;
  return m;
}
static_assert(mutated()(0, 0) == 14 && mutated()(2, 1) == 4);

}  // namespace

TEST_CASE("matrix values at run time agree with the static_asserts") {
  // volatile keeps the compiler from folding these at compile time.
  volatile double three = 3;
  const matrix<double, 3, 2> x{{three, 5}, {5, 1}, {10, 2}};
  CHECK(x == X);
  CHECK(x * W == XW);
  CHECK(x(2, 0) == 10);
  CHECK(ctnn::sum(x) == 26);
  CHECK(x + x == 2.0 * x);
  CHECK(ctnn::transpose(x)(1, 2) == 2);
  CHECK(ctnn::hadamard(x, x)(2, 0) == 100);
  CHECK((60.0 / x)(2, 1) == 30);
  CHECK(ctnn::column_sums(x) == matrix<double, 1, 2>{{18, 8}});
  CHECK(ctnn::transpose_times(x, x) == ctnn::transpose(x) * x);
  CHECK(ctnn::times_transpose(x, x) == x * ctnn::transpose(x));
  CHECK(mutated()(0, 0) == 14);
  double s = 0;
  for (double e : x) s += e;
  CHECK(s == 26);
}

TEST_CASE("float matrices take double scalars") {
  const matrix<float, 1, 2> a{{1.5f, 2.0f}};
  CHECK((2.0f * a)(0, 1) == 4.0f);
  CHECK((a / 2.0f)(0, 0) == 0.75f);
}

// ---- a matrix starts at zero ---------------------------------------------
// elements has no default member initializer (so that run-time scratch,
// matrix(detail::scratch), can skip the zeros): each constructor zeroes
// instead. Built over bytes of 0xff, a default-initialised matrix (no {})
// must still hold zeros: this fails if matrix() is ever `= default` again.
namespace {
template <class M>
bool zero_over_garbage() {
  alignas(M) unsigned char bytes[sizeof(M)];
  std::memset(bytes, 0xff, sizeof bytes);
  const M* m = ::new (static_cast<void*>(bytes)) M;  // default-initialised: no () or {}
  bool all_zero = true;
  for (const auto& e : m->elements) all_zero = all_zero && e == 0;
  return all_zero;
}
constexpr bool scratch_is_zero_in_constant_evaluation() {
  matrix<double, 2, 2> s(ctnn::detail::scratch);
  return s(0, 0) == 0 && s(0, 1) == 0 && s(1, 0) == 0 && s(1, 1) == 0;
}
static_assert(scratch_is_zero_in_constant_evaluation());
}  // namespace

TEST_CASE("a default-initialised matrix is zero, whatever its memory held") {
  CHECK(zero_over_garbage<matrix<double, 4, 5>>());
  CHECK(zero_over_garbage<matrix<float, 1, 7>>());
  CHECK(zero_over_garbage<matrix<int, 3, 3>>());
}

// examples/walkthrough.cpp - one step of backpropagation, every number shown.
//
// Teaches: the walkthrough's equations, in the order of the design notes,
// written out with ctnn::matrix operations on the walkthrough's data and fixed
// starting weights: the forward pass z(2), a(2), z(3), ŷ and the cost J; the
// backward pass δ(3), ∂J/∂W(2), δ(2), ∂J/∂W(1); one step of gradient descent.
// Every value is computed by the compiler and checked by static_assert against
// an independent NumPy implementation (tests/reference/welch_labs.py), to
// 1e-12, and against the library's own ctnn::gradient and ctnn::train.
// Prints: each of those values, in order, then J after the step and the
// gradient check. docs/walkthrough.md explains them, quoting this output
// (tools/check_doc_output.py checks that the quotes are still true).

#include <array>
#include <cstddef>
#include <cstdio>

#include <ctnn/ctnn.hpp>

#include "../tests/reference/welch_labs_reference.hpp"

namespace ref = ctnn_reference::welch_labs;

// ---- agreement with the reference: |a - b| <= 1e-12 (1 + |b|) ----------------
constexpr double tolerance = 1e-12;
constexpr bool close(double a, double b) {
  return ctnn::math::abs(a - b) <= tolerance * (1.0 + ctnn::math::abs(b));
}
// The reference stores an R x C matrix as std::array<std::array<double, C>, R>.
template <std::size_t R, std::size_t C>
constexpr bool close(const ctnn::matrix<double, R, C>& a, const std::array<std::array<double, C>, R>& b) {
  for (std::size_t r = 0; r < R; ++r)
    for (std::size_t c = 0; c < C; ++c)
      if (!close(a(r, c), b[r][c])) return false;
  return true;
}
template <std::size_t R, std::size_t C>
constexpr bool close(const ctnn::matrix<double, R, C>& a, const ctnn::matrix<double, R, C>& b) {
  for (std::size_t r = 0; r < R; ++r)
    for (std::size_t c = 0; c < C; ++c)
      if (!close(a(r, c), b(r, c))) return false;
  return true;
}

// ---- the data and the starting weights ---------------------------------------
// X: hours of sleep and of study for 3 students, each column divided by its
// maximum (10 and 5); y: their test scores divided by 100. All in [0, 1].
constexpr ctnn::matrix<double, 3, 2> X{{3.0 / 10, 5.0 / 5}, {5.0 / 10, 1.0 / 5}, {10.0 / 10, 2.0 / 5}};
constexpr ctnn::matrix<double, 3, 1> y{{75.0 / 100}, {82.0 / 100}, {93.0 / 100}};
static_assert(close(X, ref::X) && close(y, ref::y));

// Fixed starting weights (not random), so that every number below can be checked.
constexpr ctnn::matrix<double, 2, 3> W1{{0.2, -0.4, 0.6}, {0.8, 0.1, -0.3}};  // W(1): m x k = 2 x 3
constexpr ctnn::matrix<double, 3, 1> W2{{0.5}, {-0.7}, {0.9}};                // W(2): k x 1 = 3 x 1
static_assert(close(W1, ref::W1_start) && close(W2, ref::W2_start));
constexpr double eta = 3.0;  // η, the learning rate

// f(z) = 1 / (1 + e^-z), the sigmoid, and its derivative f'(z) = f(z) (1 - f(z)).
constexpr auto f = [](double z) { return ctnn::math::sigmoid(z); };
constexpr auto f_prime = [](double z) { return f(z) * (1 - f(z)); };

// ---- forward pass -------------------------------------------------------------
constexpr auto z2 = X * W1;  // z(2) = X W(1): (3 x 2)(2 x 3) = 3 x 3
static_assert(close(z2, ref::z2));

constexpr auto a2 = ctnn::map(z2, f);  // a(2) = f(z(2)), element by element
static_assert(close(a2, ref::a2));

constexpr auto z3 = a2 * W2;  // z(3) = a(2) W(2): (3 x 3)(3 x 1) = 3 x 1
static_assert(close(z3, ref::z3));

constexpr auto yhat = ctnn::map(z3, f);  // ŷ = f(z(3))
static_assert(close(yhat, ref::yhat));

constexpr double J = 0.5 * ctnn::sum(ctnn::hadamard(y - yhat, y - yhat));  // J = Σ ½ (y − ŷ)²
static_assert(close(J, ref::J));

// ---- backward pass ------------------------------------------------------------
constexpr auto delta3 = ctnn::hadamard(-(y - yhat), ctnn::map(z3, f_prime));  // δ(3) = −(y − ŷ) ⊙ f'(z(3))
static_assert(close(delta3, ref::delta3));

constexpr auto dJdW2 = ctnn::transpose(a2) * delta3;  // ∂J/∂W(2) = a(2)ᵀ δ(3): (3 x 3)(3 x 1) = 3 x 1
static_assert(close(dJdW2, ref::dJdW2));

constexpr auto delta2 = ctnn::hadamard(delta3 * ctnn::transpose(W2), ctnn::map(z2, f_prime));  // δ(2) = δ(3) W(2)ᵀ ⊙ f'(z(2))
static_assert(close(delta2, ref::delta2));

constexpr auto dJdW1 = ctnn::transpose(X) * delta2;  // ∂J/∂W(1) = Xᵀ δ(2): (2 x 3)(3 x 3) = 2 x 3
static_assert(close(dJdW1, ref::dJdW1));

// ---- one step of gradient descent ---------------------------------------------
constexpr auto W1_next = W1 - eta * dJdW1;  // W(1) ← W(1) − η ∂J/∂W(1)
constexpr auto W2_next = W2 - eta * dJdW2;  // W(2) ← W(2) − η ∂J/∂W(2)
static_assert(close(W1_next, ref::W1_step1) && close(W2_next, ref::W2_step1));

// ---- the same, by the library -------------------------------------------------
using net_t = ctnn::mlp<double, ctnn::sigmoid, 2, 3, 1>;
constexpr net_t make_net(const ctnn::matrix<double, 2, 3>& w1, const ctnn::matrix<double, 3, 1>& w2) {
  net_t net{};
  ctnn::get<0>(net).weights = w1;
  ctnn::get<1>(net).weights = w2;
  return net;
}
constexpr net_t net = make_net(W1, W2);
static_assert(close(ctnn::predict(net, X), yhat) && close(ctnn::cost(net, X, y), J));

constexpr auto g = ctnn::gradient(net, X, y);  // ctnn::get<i>(g).weights is ∂J/∂W(i+1)
static_assert(close(ctnn::get<0>(g).weights, dJdW1) && close(ctnn::get<1>(g).weights, dJdW2));

constexpr auto one_step = ctnn::train(net, X, y, ctnn::gradient_descent{.learning_rate = eta},
                                      ctnn::until{.max_epochs = 1});
static_assert(close(ctnn::get<0>(one_step.network).weights, W1_next) &&
              close(ctnn::get<1>(one_step.network).weights, W2_next));

constexpr double J_next = ctnn::cost(make_net(W1_next, W2_next), X, y);  // J after the step
static_assert(close(J_next, ref::J_step1) && J_next < J);

// ---- the gradient check: backpropagation against central differences ----------
constexpr double check = ctnn::gradient_check(net, X, y);  // ‖g − g_num‖ / ‖g + g_num‖, ε = 1e-4
// The ratio is itself a difference of nearly equal numbers, so rounding moves it:
// compare its order of magnitude with the reference, not its digits.
static_assert(check < 1e-8 && check > ref::gradient_check / 2 && check < ref::gradient_check * 2);

// ---- printing -------------------------------------------------------------------
template <std::size_t R, std::size_t C>
void print(const char* equation, const ctnn::matrix<double, R, C>& m) {
  std::printf("%s   (%zu x %zu)\n", equation, R, C);
  for (std::size_t r = 0; r < R; ++r) {
    std::printf("  [");
    for (std::size_t c = 0; c < C; ++c) std::printf(" %10.6f", m(r, c));
    std::printf(" ]\n");
  }
}

int main() {
  print("X", X);
  print("y", y);
  print("W1", W1);
  print("W2", W2);
  std::printf("\n-- forward pass --\n");
  print("z2 = X W1", z2);
  print("a2 = f(z2)", a2);
  print("z3 = a2 W2", z3);
  print("yhat = f(z3)", yhat);
  std::printf("J = sum 1/2 (y - yhat)^2 = %.6f\n", J);
  std::printf("\n-- backward pass --\n");
  print("delta3 = -(y - yhat) * f'(z3)", delta3);
  print("dJdW2 = a2^T delta3", dJdW2);
  print("delta2 = delta3 W2^T * f'(z2)", delta2);
  print("dJdW1 = X^T delta2", dJdW1);
  std::printf("\n-- one step of gradient descent, eta = %.1f --\n", eta);
  print("W1 - eta dJdW1", W1_next);
  print("W2 - eta dJdW2", W2_next);
  std::printf("J = %.6f -> %.6f\n", J, J_next);
  std::printf("\n-- gradient check --\n");
  std::printf("|g - g_num| / |g + g_num| = %.2e\n", check);
}

// Expected output:
// X   (3 x 2)
//   [   0.300000   1.000000 ]
//   [   0.500000   0.200000 ]
//   [   1.000000   0.400000 ]
// y   (3 x 1)
//   [   0.750000 ]
//   [   0.820000 ]
//   [   0.930000 ]
// W1   (2 x 3)
//   [   0.200000  -0.400000   0.600000 ]
//   [   0.800000   0.100000  -0.300000 ]
// W2   (3 x 1)
//   [   0.500000 ]
//   [  -0.700000 ]
//   [   0.900000 ]
//
// -- forward pass --
// z2 = X W1   (3 x 3)
//   [   0.860000  -0.020000  -0.120000 ]
//   [   0.260000  -0.180000   0.240000 ]
//   [   0.520000  -0.360000   0.480000 ]
// a2 = f(z2)   (3 x 3)
//   [   0.702661   0.495000   0.470036 ]
//   [   0.564636   0.455121   0.559714 ]
//   [   0.627148   0.410960   0.617748 ]
// z3 = a2 W2   (3 x 1)
//   [   0.427863 ]
//   [   0.467476 ]
//   [   0.581875 ]
// yhat = f(z3)   (3 x 1)
//   [   0.605363 ]
//   [   0.614786 ]
//   [   0.641499 ]
// J = sum 1/2 (y - yhat)^2 = 0.073133
//
// -- backward pass --
// delta3 = -(y - yhat) * f'(z3)   (3 x 1)
//   [  -0.034554 ]
//   [  -0.048600 ]
//   [  -0.066349 ]
// dJdW2 = a2^T delta3   (3 x 1)
//   [  -0.093331 ]
//   [  -0.066489 ]
//   [  -0.084430 ]
// delta2 = delta3 W2^T * f'(z2)   (3 x 3)
//   [  -0.003610   0.006046  -0.007747 ]
//   [  -0.005973   0.008436  -0.010779 ]
//   [  -0.007757   0.011243  -0.014101 ]
// dJdW1 = X^T delta2   (2 x 3)
//   [  -0.011827   0.017275  -0.021814 ]
//   [  -0.007907   0.012231  -0.015543 ]
//
// -- one step of gradient descent, eta = 3.0 --
// W1 - eta dJdW1   (2 x 3)
//   [   0.235481  -0.451825   0.665442 ]
//   [   0.823722   0.063308  -0.253372 ]
// W2 - eta dJdW2   (3 x 1)
//   [   0.779993 ]
//   [  -0.500532 ]
//   [   1.153291 ]
// J = 0.073133 -> 0.025895
//
// -- gradient check --
// |g - g_num| / |g + g_num| = 1.19e-10

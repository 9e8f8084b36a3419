// examples/gradient_check.cpp - the walkthrough's numerical gradient check, and what it catches.
//
// Teaches: how to know that backpropagation is right. Nudge each weight by
// ε = 1e-4 both ways and measure how J moves: (J(w + ε) − J(w − ε)) / 2ε is
// ∂J/∂w up to O(ε²). Set side by side with the analytic gradient, the two
// agree to about 10 digits, and ‖g − g_num‖ / ‖g + g_num‖ is about 1e-10;
// a gradient with a mistake in it (here, δ(3) without its factor f'(z(3)))
// gives a ratio near 1. The check also holds with L2 regularisation on
// (the walkthrough's part 7 cost), and with biases.
// Prints: both gradients for each of the 9 weights of the walkthrough's
// 2-3-1 network, the ratio, then the ratio for the broken gradient and for
// the regularised cost. Each ratio is proven by static_assert; the analytic
// gradient is checked against the NumPy reference (tests/reference/) to 1e-12.
// Compiles in about 1 s (GCC 12 and Clang 14, -O2), default limits.

#include <cstddef>
#include <cstdio>

#include <ctnn/ctnn.hpp>

#include "../tests/reference/welch_labs_reference.hpp"

namespace ref = ctnn_reference::welch_labs;

// The walkthrough's data and fixed starting weights (as examples/walkthrough.cpp).
constexpr ctnn::matrix<double, 3, 2> X{{3.0 / 10, 5.0 / 5}, {5.0 / 10, 1.0 / 5}, {10.0 / 10, 2.0 / 5}};
constexpr ctnn::matrix<double, 3, 1> y{{0.75}, {0.82}, {0.93}};
using net_t = ctnn::mlp<double, ctnn::sigmoid, 2, 3, 1>;
constexpr net_t make_net() {
  net_t net{};
  ctnn::get<0>(net).weights = {{0.2, -0.4, 0.6}, {0.8, 0.1, -0.3}};  // W(1)
  ctnn::get<1>(net).weights = {{0.5}, {-0.7}, {0.9}};                // W(2)
  return net;
}
constexpr net_t net = make_net();

// g: backpropagation; g_num: central differences, ε = 1e-4. Both flattened
// in the order W(1) row by row, then W(2).
constexpr auto g = ctnn::flatten(ctnn::gradient(net, X, y));
constexpr auto g_num = ctnn::numerical_gradient(net, X, y);

constexpr bool matches_reference() {
  for (std::size_t k = 0; k < 9; ++k) {
    const double want = k < 6 ? ref::dJdW1[k / 3][k % 3] : ref::dJdW2[k - 6][0];
    if (ctnn::math::abs(g(k, 0) - want) > 1e-12 * (1 + ctnn::math::abs(want))) return false;
  }
  return true;
}
static_assert(matches_reference());

// ‖a − b‖ / ‖a + b‖
template <std::size_t P>
constexpr double ratio(const ctnn::matrix<double, P, 1>& a, const ctnn::matrix<double, P, 1>& b) {
  double diff = 0, total = 0;
  for (std::size_t k = 0; k < P; ++k) {
    diff += (a(k, 0) - b(k, 0)) * (a(k, 0) - b(k, 0));
    total += (a(k, 0) + b(k, 0)) * (a(k, 0) + b(k, 0));
  }
  return ctnn::math::sqrt(diff) / ctnn::math::sqrt(total);
}
constexpr double check = ratio(g, g_num);
static_assert(check < 1e-8);
static_assert(check == ctnn::gradient_check(net, X, y));  // the library's one-call form
// A difference of nearly equal numbers: its digits move with rounding, its
// order of magnitude does not (NumPy: 1.19e-10).
static_assert(check > ref::gradient_check / 2 && check < ref::gradient_check * 2);

// A common mistake: δ(3) = −(y − ŷ), forgetting ⊙ f'(z(3)).
constexpr auto broken_gradient() {
  constexpr auto f = [](double z) { return ctnn::math::sigmoid(z); };
  constexpr auto f_prime = [](double z) { return ctnn::math::sigmoid(z) * (1 - ctnn::math::sigmoid(z)); };
  const auto W1 = ctnn::get<0>(net).weights;
  const auto W2 = ctnn::get<1>(net).weights;
  const auto z2 = X * W1;
  const auto a2 = ctnn::map(z2, f);
  const auto yhat = ctnn::map(a2 * W2, f);
  const auto delta3 = -(y - yhat);  // the mistake
  const auto dJdW2 = ctnn::transpose(a2) * delta3;
  const auto delta2 = ctnn::hadamard(delta3 * ctnn::transpose(W2), ctnn::map(z2, f_prime));
  const auto dJdW1 = ctnn::transpose(X) * delta2;
  net_t wrong{};
  ctnn::get<0>(wrong).weights = dJdW1;
  ctnn::get<1>(wrong).weights = dJdW2;
  return ctnn::flatten(wrong);
}
constexpr double broken = ratio(broken_gradient(), g_num);
static_assert(broken > 0.1);  // caught

// The part 7 cost: J = (1/n) Σ ½ (y − ŷ)² + (λ/2) Σ‖W‖², λ = 1e-4; and a
// network with biases (XOR's), under a large λ so that the penalty matters.
constexpr double check_l2 = ctnn::gradient_check(net, X, y, ctnn::regularization{.lambda = 1e-4});
static_assert(check_l2 < 1e-8);
using xor_t = ctnn::network<double, ctnn::dense<2, 3, ctnn::sigmoid, ctnn::with_bias>,
                            ctnn::dense<3, 1, ctnn::sigmoid, ctnn::with_bias>>;
constexpr ctnn::matrix<double, 4, 2> X_xor{{0, 0}, {0, 1}, {1, 0}, {1, 1}};
constexpr ctnn::matrix<double, 4, 1> y_xor{{0}, {1}, {1}, {0}};
constexpr double check_xor =
    ctnn::gradient_check(ctnn::initialize<xor_t>(3), X_xor, y_xor, ctnn::regularization{.lambda = 0.5});
static_assert(check_xor < 1e-8);

int main() {
  constexpr const char* names[] = {"W1[0][0]", "W1[0][1]", "W1[0][2]", "W1[1][0]", "W1[1][1]",
                                   "W1[1][2]", "W2[0][0]", "W2[1][0]", "W2[2][0]"};
  std::printf("weight      backpropagation    central differences (eps = 1e-4)\n");
  for (std::size_t k = 0; k < 9; ++k) std::printf("%s   %16.12f   %16.12f\n", names[k], g(k, 0), g_num(k, 0));
  std::printf("|g - g_num| / |g + g_num| = %.1e   (below 1e-8: the gradient is right)\n", check);
  std::printf("\nwith delta3 = -(y - yhat), f'(z3) forgotten: %.2f   (caught)\n", broken);
  std::printf("with L2 regularisation, lambda = 1e-4:        %.1e\n", check_l2);
  std::printf("XOR with biases, lambda = 0.5:                %.1e\n", check_xor);
}

// Expected output:
// weight      backpropagation    central differences (eps = 1e-4)
// W1[0][0]    -0.011826901315    -0.011826901311
// W1[0][1]     0.017274933352     0.017274933345
// W1[0][2]    -0.021814067740    -0.021814067733
// W1[1][0]    -0.007907219531    -0.007907219531
// W1[1][1]     0.012230686581     0.012230686575
// W1[1][2]    -0.015542657460    -0.015542657453
// W2[0][0]    -0.093331115671    -0.093331115696
// W2[1][0]    -0.066489453979    -0.066489453989
// W2[2][0]    -0.084430196837    -0.084430196853
// |g - g_num| / |g + g_num| = 1.2e-10   (below 1e-8: the gradient is right)
//
// with delta3 = -(y - yhat), f'(z3) forgotten: 0.62   (caught)
// with L2 regularisation, lambda = 1e-4:        1.2e-10
// XOR with biases, lambda = 0.5:                1.8e-11

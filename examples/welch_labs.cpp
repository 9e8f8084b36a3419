// examples/welch_labs.cpp - the walkthrough's network, trained while the program compiles.
//
// Teaches: the one-hidden-layer walkthrough, equation by equation, and how
// ctnn runs it in constant evaluation: the weights below are computed by the
// compiler, and static_assert proves they fit the data before the program exists.
// Prints: the prediction ŷ next to the target y, the cost J, and the number of epochs.
//
// Compile-time cost, no flags (-fsyntax-only, 2026-11-28, the CI machine):
// GCC 12: 4.7 s, 0.44 GB; Clang 14: 3.5 s, 0.11 GB. See docs/performance.md.

#include <cstdio>

#include <ctnn/ctnn.hpp>

// ---- the data ----------------------------------------------------------------
// X: hours of sleep and hours of study for 3 students; y: their test scores.
// Each column of X is divided by its maximum (10 hours of sleep, 5 of study)
// and y by 100, so every value lies in [0, 1]: features of different scales
// then weigh the same.
constexpr ctnn::matrix<double, 3, 2> X{{3.0 / 10, 5.0 / 5}, {5.0 / 10, 1.0 / 5}, {10.0 / 10, 2.0 / 5}};
constexpr ctnn::matrix<double, 3, 1> y{{75.0 / 100}, {82.0 / 100}, {93.0 / 100}};

// ---- the network -------------------------------------------------------------
// 2 inputs, a hidden layer of 3, 1 output; sigmoid f(z) = 1 / (1 + e^-z) on
// both layers; no biases. W(1) is 2 x 3 and W(2) is 3 x 1, and the compiler
// checks that every product below fits.
using net_t = ctnn::mlp<double, ctnn::sigmoid, 2, 3, 1>;

// Seeded Xavier-uniform starting weights: the same on every compiler.
constexpr net_t start = ctnn::initialize<net_t>(42);

// ---- one pass, written out ---------------------------------------------------
// What ctnn::gradient does for this network, line by line:
constexpr net_t walkthrough_gradient(const net_t& net) {
  const auto& W1 = ctnn::get<0>(net).weights;
  const auto& W2 = ctnn::get<1>(net).weights;
  const auto f = [](double z) { return ctnn::math::sigmoid(z); };
  const auto f_prime = [](double z) { const double s = ctnn::math::sigmoid(z); return s * (1 - s); };

  const auto z2 = X * W1;                 // z(2) = X W(1)          3 x 3
  const auto a2 = ctnn::map(z2, f);       // a(2) = f(z(2))
  const auto z3 = a2 * W2;                // z(3) = a(2) W(2)       3 x 1
  const auto yhat = ctnn::map(z3, f);     // ŷ = f(z(3))
  // J = Σ ½ (y − ŷ)²; by the chain rule, for the last layer:
  const auto delta3 = ctnn::hadamard(-(y - yhat), ctnn::map(z3, f_prime));         // δ(3) = −(y − ŷ) ⊙ f'(z(3))
  const auto dJdW2 = ctnn::transpose(a2) * delta3;                                 // ∂J/∂W(2) = a(2)ᵀ δ(3)
  // and one layer further back, through W(2):
  const auto delta2 = ctnn::hadamard(delta3 * ctnn::transpose(W2), ctnn::map(z2, f_prime));  // δ(2) = δ(3) W(2)ᵀ ⊙ f'(z(2))
  const auto dJdW1 = ctnn::transpose(X) * delta2;                                  // ∂J/∂W(1) = Xᵀ δ(2)

  net_t g{};
  ctnn::get<0>(g).weights = dJdW1;
  ctnn::get<1>(g).weights = dJdW2;
  return g;
}

constexpr bool agrees(const net_t& a, const net_t& b) {
  const auto fa = ctnn::flatten(a), fb = ctnn::flatten(b);
  for (std::size_t i = 0; i < fa.size(); ++i)
    if (ctnn::math::abs(fa.elements[i] - fb.elements[i]) > 1e-15) return false;
  return true;
}
// The library's backward pass (a fold over the layers, for any depth) is the walkthrough's.
static_assert(agrees(walkthrough_gradient(start), ctnn::gradient(start, X, y)));
// And both agree with central differences: ‖g − g_num‖ / ‖g + g_num‖.
static_assert(ctnn::gradient_check(start, X, y) < 1e-8);

// ---- gradient descent, at compile time ---------------------------------------
// W(i) ← W(i) − η ∂J/∂W(i), until J < 1e-6. That takes about 2,700 epochs at
// η = 10, more than one constant expression may spend (Clang stops one after
// 1,048,576 steps, about 1,000 epochs here). So the run is split into stages of
// 250 epochs, each its own constexpr variable with a fresh budget; each stage
// resumes from the one before, and the result is the same bits as one long run
// (ctnn::staged_training<Setup, K> packages the same pattern; see staged.hpp).
constexpr ctnn::gradient_descent descent{.learning_rate = 10.0};
constexpr double target_J = 1e-6;
constexpr std::size_t epochs_per_stage = 250;

template <std::size_t K>
constexpr auto stage = ctnn::train(stage<K - 1>, X, y, descent,
                                   ctnn::until{.max_epochs = K * epochs_per_stage, .loss_below = target_J});
template <>
constexpr auto stage<0> = ctnn::train(start, X, y, descent, ctnn::until{.max_epochs = 0, .loss_below = target_J});

constexpr auto fit = stage<12>;  // up to 3,000 epochs

static_assert(fit.status == ctnn::train_status::converged);
static_assert(fit.loss < target_J);
// J < 1e-6 means every prediction is within sqrt(2e-6) ≈ 0.0014 of its target.
constexpr auto yhat = ctnn::predict(fit.network, X);
static_assert(ctnn::math::abs(yhat(0, 0) - 0.75) < 0.0015);
static_assert(ctnn::math::abs(yhat(1, 0) - 0.82) < 0.0015);
static_assert(ctnn::math::abs(yhat(2, 0) - 0.93) < 0.0015);

int main() {
  std::printf("trained at compile time: %zu epochs of gradient descent, J = %.2e\n", fit.epochs, fit.loss);
  std::printf("  sleep  study |  y     yhat\n");
  for (std::size_t i = 0; i < X.rows(); ++i)
    std::printf("  %4.1f   %4.1f  | %.2f  %.4f\n", X(i, 0) * 10, X(i, 1) * 5, y(i, 0), yhat(i, 0));
}

// Expected output:
// trained at compile time: 2670 epochs of gradient descent, J = 9.99e-07
//   sleep  study |  y     yhat
//    3.0    5.0  | 0.75  0.7500
//    5.0    1.0  | 0.82  0.8207
//   10.0    2.0  | 0.93  0.9288

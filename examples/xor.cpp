// examples/xor.cpp - XOR, the function no single layer can learn, trained at compile time.
//
// Teaches: why a hidden layer and biases matter. XOR's two classes cannot be
// split by one straight line, so a network needs a hidden layer to bend
// the boundary, and biases so that a unit can fire when its inputs are 0.
// Prints: the truth table next to the network's outputs.

#include <cstdio>

#include <ctnn/ctnn.hpp>

constexpr ctnn::matrix<double, 4, 2> X{{0, 0}, {0, 1}, {1, 0}, {1, 1}};
constexpr ctnn::matrix<double, 4, 1> y{{0}, {1}, {1}, {0}};

// 2 inputs, 3 hidden units, 1 output, sigmoid, each layer with a bias row b:
// z = a_prev W + b.
using net_t = ctnn::network<double,
                            ctnn::dense<2, 3, ctnn::sigmoid, ctnn::with_bias>,
                            ctnn::dense<3, 1, ctnn::sigmoid, ctnn::with_bias>>;

// One constexpr declaration, default compiler limits: about 70 epochs.
constexpr auto fit = ctnn::train(ctnn::initialize<net_t>(3), X, y,
                                 ctnn::gradient_descent{.learning_rate = 10.0},
                                 ctnn::until{.max_epochs = 250, .loss_below = 0.02});
static_assert(fit.status == ctnn::train_status::converged);

// The truth table, proven: every output on the right side of 0.5.
constexpr auto yhat = ctnn::predict(fit.network, X);
static_assert(yhat(0, 0) < 0.5);  // 0 xor 0 = 0
static_assert(yhat(1, 0) > 0.5);  // 0 xor 1 = 1
static_assert(yhat(2, 0) > 0.5);  // 1 xor 0 = 1
static_assert(yhat(3, 0) < 0.5);  // 1 xor 1 = 0

int main() {
  std::printf("XOR after %zu epochs (J = %.4f):\n", fit.epochs, fit.loss);
  for (std::size_t i = 0; i < 4; ++i)
    std::printf("  %g xor %g = %g   network: %.3f\n", X(i, 0), X(i, 1), y(i, 0), yhat(i, 0));
}

// Expected output:
// XOR after 71 epochs (J = 0.0200):
//   0 xor 0 = 0   network: 0.037
//   0 xor 1 = 1   network: 0.902
//   1 xor 0 = 1   network: 0.911
//   1 xor 1 = 0   network: 0.145

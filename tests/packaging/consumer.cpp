// The consumer program of tests/packaging/consumers.py: what a project that
// uses ctnn might first write. It trains the walkthrough's 2-3-1 network for
// 50 epochs while it compiles, proves that J fell, and prints J.
#include <cstdio>

#include <ctnn/ctnn.hpp>

namespace {
constexpr ctnn::matrix<double, 3, 2> X{{0.3, 1.0}, {0.5, 0.2}, {1.0, 0.4}};
constexpr ctnn::matrix<double, 3, 1> y{{0.75}, {0.82}, {0.93}};
using net_t = ctnn::mlp<double, ctnn::sigmoid, 2, 3, 1>;

constexpr auto start = ctnn::initialize<net_t>(42);
constexpr auto fit = ctnn::train(start, X, y, ctnn::gradient_descent{.learning_rate = 3.0},
                                 ctnn::until{.max_epochs = 50});
static_assert(fit.epochs == 50 && fit.loss < ctnn::cost(start, X, y) / 10);
}  // namespace

int main() {
  std::printf("consumer: J = %.6f after %zu epochs of compile-time training (J = %.6f before)\n",
              fit.loss, fit.epochs, ctnn::cost(start, X, y));
  return 0;
}

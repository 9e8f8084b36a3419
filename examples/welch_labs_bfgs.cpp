// examples/welch_labs_bfgs.cpp - the walkthrough's network trained with BFGS, as its original was.
//
// Teaches: a quasi-Newton method. Gradient descent takes 2,670 epochs to
// bring J below 1e-6 on this network (examples/welch_labs.cpp); BFGS, which
// learns the curvature of J from how the gradient changes, brings it below
// 1e-10 in about 50, in one constexpr declaration with the compiler's
// default limits.
// Prints: ŷ next to y, J and the number of iterations.
//
// The walkthrough's original (SciPy's BFGS) converges in about 57
// iterations to ŷ = [0.75004, 0.82008, 0.92988]; ctnn's agrees to 1e-3.

#include <cstdio>

#include <ctnn/ctnn.hpp>

constexpr ctnn::matrix<double, 3, 2> X{{3.0 / 10, 5.0 / 5}, {5.0 / 10, 1.0 / 5}, {10.0 / 10, 2.0 / 5}};
constexpr ctnn::matrix<double, 3, 1> y{{0.75}, {0.82}, {0.93}};
using net_t = ctnn::mlp<double, ctnn::sigmoid, 2, 3, 1>;

constexpr auto fit = ctnn::train(ctnn::initialize<net_t>(42), X, y, ctnn::bfgs{},
                                 ctnn::until{.max_epochs = 200, .loss_below = 1e-10});
static_assert(fit.status == ctnn::train_status::converged && fit.loss < 1e-10);

constexpr auto yhat = ctnn::predict(fit.network, X);
constexpr double original[] = {0.75004, 0.82008, 0.92988};
static_assert(ctnn::math::abs(yhat(0, 0) - original[0]) < 1e-3);
static_assert(ctnn::math::abs(yhat(1, 0) - original[1]) < 1e-3);
static_assert(ctnn::math::abs(yhat(2, 0) - original[2]) < 1e-3);

int main() {
  std::printf("BFGS: %zu iterations, J = %.2e\n", fit.epochs, fit.loss);
  for (std::size_t i = 0; i < 3; ++i) std::printf("  y = %.2f  yhat = %.5f\n", y(i, 0), yhat(i, 0));
}

// Expected output:
// BFGS: 48 iterations, J = 1.21e-11
//   y = 0.75  yhat = 0.75000
//   y = 0.82  yhat = 0.82000
//   y = 0.93  yhat = 0.93000

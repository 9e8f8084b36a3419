// examples/overfitting.cpp - the walkthrough's part 7: overfitting, a test set, and L2 regularisation.
//
// Teaches: a network that fits its training data perfectly may have learned
// the noise in it. Four students (hours of sleep, hours of study -> test
// score) train the 2-3-1 network; four others, never trained on, test it.
// Trained to convergence by BFGS, the plain network drives its training
// error towards 0 and its test error stays where it is; with the part 7
// cost, which adds (λ/2) Σ‖W‖² (λ = 1e-4) to the per-example error
//   J = (1/n) Σ ½ (y − ŷ)² + (λ/2) (Σ W(1)² + Σ W(2)²),
// large weights cost something, the fit is smoother, and the gap between
// training and test error narrows.
// Prints: for both networks, the training and test error (the data term
// (1/n) Σ ½ (y − ŷ)², without the penalty, so that the two are comparable),
// ‖W‖², and the test set's predicted scores. Every comparison is proven by
// static_assert. Writes the original's figure, both errors after each BFGS
// iteration, for each run (overfitting_plain.svg, overfitting_l2.svg, into
// the directory given as its argument, else the current one).
//
// Data as the original's: X / the training data's maximum per column
// ([10, 5]), scores / 100. (The original's notebook divides the test X by the
// maximum of the already scaled training X, [1, 1], which leaves it unscaled;
// this is the scaling its comment describes.) Starting weights: the
// walkthrough's fixed ones. The NumPy reference (tests/reference/regularization.py)
// checks the cost and gradient at the start.
// Compile time, both trainings (one constexpr each, default limits) and the
// run-time plotting code, -O2, 2-core machine under load 3.5: GCC 12 2.0 s
// CPU, 0.24 GB; Clang 14 1.7 s CPU, 0.14 GB.

#include <cstddef>
#include <cstdio>
#include <fstream>
#include <string>

#include <ctnn/ctnn.hpp>
#include <ctnn/plot.hpp>

#include "../tests/reference/regularization_reference.hpp"

namespace ref = ctnn_reference::overfitting;

// Hours of sleep and of study, / [10, 5]; scores / 100.
constexpr ctnn::matrix<double, 4, 2> X{
    {3.0 / 10, 5.0 / 5}, {5.0 / 10, 1.0 / 5}, {10.0 / 10, 2.0 / 5}, {6.0 / 10, 1.5 / 5}};
constexpr ctnn::matrix<double, 4, 1> y{{0.75}, {0.82}, {0.93}, {0.70}};
constexpr ctnn::matrix<double, 4, 2> X_test{
    {4.0 / 10, 5.5 / 5}, {4.5 / 10, 1.0 / 5}, {9.0 / 10, 2.5 / 5}, {6.0 / 10, 2.0 / 5}};
constexpr ctnn::matrix<double, 4, 1> y_test{{0.70}, {0.89}, {0.85}, {0.75}};

using net_t = ctnn::mlp<double, ctnn::sigmoid, 2, 3, 1>;
constexpr net_t make_net() {
  net_t net{};
  ctnn::get<0>(net).weights = {{0.2, -0.4, 0.6}, {0.8, 0.1, -0.3}};
  ctnn::get<1>(net).weights = {{0.5}, {-0.7}, {0.9}};
  return net;
}
constexpr net_t start = make_net();

constexpr ctnn::regularization plain{.lambda = 0};       // J = (1/n) Σ ½ (y − ŷ)²
constexpr ctnn::regularization l2{.lambda = ref::lambda};  // + (λ/2) Σ‖W‖², λ = 1e-4
// The part 7 cost at the start, against NumPy.
static_assert(ctnn::math::abs(ctnn::cost(start, X, y, l2) - ref::J) < 1e-12);
static_assert(ctnn::math::abs(ctnn::cost(start, X_test, y_test, l2) - ref::J_test) < 1e-12);

// BFGS, as the original (SciPy's, maxiter 200), until no weight moves.
constexpr ctnn::until stop{.max_epochs = 200, .weight_change_below = 1e-12};
constexpr auto overfit = ctnn::train(start, X, y, ctnn::bfgs{}, stop, plain);
constexpr auto regularized = ctnn::train(start, X, y, ctnn::bfgs{}, stop, l2);

// Errors without the penalty, so that train and test compare like with like.
constexpr double train_error(const net_t& n) { return ctnn::cost(n, X, y, plain); }
constexpr double test_error(const net_t& n) { return ctnn::cost(n, X_test, y_test, plain); }
constexpr double squared_weights(const net_t& n) {
  double s = 0;
  for (double w : ctnn::flatten(n)) s += w * w;
  return s;
}

// What the chapter claims, proven: without regularisation the network fits
// its training data far better than its test data; with it, the training
// error rises, the weights shrink, and the gap narrows.
static_assert(train_error(overfit.network) < test_error(overfit.network) / 10);
static_assert(train_error(regularized.network) > train_error(overfit.network));
static_assert(squared_weights(regularized.network) < squared_weights(overfit.network));
static_assert(test_error(regularized.network) - train_error(regularized.network) <
              test_error(overfit.network) - train_error(overfit.network));
// And the test error itself (the honest result, whichever way it goes):
static_assert(test_error(regularized.network) < test_error(overfit.network));

// A training error of 1e-31 is rounding, not a digit worth printing.
void print_error(const char* what, double e) {
  if (e < 1e-12) {
    std::printf("  %s < 1e-12", what);
  } else {
    std::printf("  %s %.2e", what, e);
  }
}

void report(const char* title, const auto& fit) {
  const auto yhat = ctnn::predict(fit.network, X_test);
  std::printf("%s: %zu BFGS iterations\n", title, fit.epochs);
  print_error("training error", train_error(fit.network));
  print_error(" test error", test_error(fit.network));
  std::printf("   |W|^2 %.1f\n", squared_weights(fit.network));
  std::printf("  test scores  ");
  for (std::size_t i = 0; i < 4; ++i) std::printf("  %.0f -> %.1f", 100 * y_test(i, 0), 100 * yhat(i, 0));
  std::printf("\n");
}

// The original's figure: training and test error after each BFGS iteration.
// At run time, by resuming the run one iteration at a time (which takes the
// same steps as the run in one piece), recording both errors as it goes.
// (Run-time maths is <cmath>'s, not the compiler's, so the last of some 100
// iterations may differ a little from the compile-time run's.)
bool error_curves(const std::string& path, const char* title, ctnn::regularization loss) {
  ctnn::loss_history<double, 128> train_J{}, test_J{};
  auto r = ctnn::train(start, X, y, ctnn::bfgs{}, ctnn::until{.max_epochs = 0}, loss);
  for (;;) {
    train_J.record(r.epochs, train_error(r.network));
    test_J.record(r.epochs, test_error(r.network));
    if (r.status != ctnn::train_status::max_epochs || r.epochs >= stop.max_epochs) break;
    r = ctnn::train(r, X, y, ctnn::bfgs{},
                    ctnn::until{.max_epochs = r.epochs + 1, .weight_change_below = stop.weight_change_below}, loss);
  }
  std::ofstream out(path);
  ctnn::plot_losses_svg(out, {.title = title, .x_label = "BFGS iteration", .y_label = "(1/n) sum 1/2 (y - yhat)^2"},
                        ctnn::curve(train_J, "training"), ctnn::curve(test_J, "test"));
  out.close();
  return static_cast<bool>(out);
}

int main(int argc, char** argv) {
  report("without regularisation", overfit);
  report("with lambda = 1e-4     ", regularized);
  const std::string dir = argc > 1 ? std::string(argv[1]) + "/" : "";
  if (!error_curves(dir + "overfitting_plain.svg", "Without regularisation: errors per iteration", plain) ||
      !error_curves(dir + "overfitting_l2.svg", "With lambda = 1e-4: errors per iteration", l2)) {
    std::fprintf(stderr, "overfitting: could not write the SVGs\n");
    return 1;
  }
  std::printf("wrote overfitting_plain.svg, overfitting_l2.svg\n");
}

// Expected output:
// without regularisation: 116 BFGS iterations
//   training error < 1e-12   test error 3.15e-02   |W|^2 2812.8
//   test scores    70 -> 78.2  89 -> 75.4  85 -> 56.0  75 -> 37.2
// with lambda = 1e-4     : 76 BFGS iterations
//   training error 2.11e-03   test error 2.69e-03   |W|^2 10.2
//   test scores    70 -> 77.0  89 -> 77.1  85 -> 84.6  75 -> 80.1
// wrote overfitting_plain.svg, overfitting_l2.svg

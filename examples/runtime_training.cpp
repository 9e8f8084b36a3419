// examples/runtime_training.cpp - the same API at run time, on data the compiler never sees.
//
// Teaches: nothing in ctnn needs constant evaluation. Here the walkthrough's
// data arrives at run time (from the command line, or the default below),
// the network trains with the same calls, and the result is compared with
// the same training done at compile time.
// Prints: epochs and J for both runs and their relative difference.
//
// The two runs use different exp: <cmath> at run time, ctnn's own in
// constant evaluation. Both are within an ulp, so the two losses agree to
// far better than the 1e-12 this program checks.

#include <cstdio>
#include <cstdlib>

#include <ctnn/ctnn.hpp>

using net_t = ctnn::mlp<double, ctnn::sigmoid, 2, 3, 1>;
constexpr ctnn::gradient_descent descent{.learning_rate = 10.0};
constexpr ctnn::until stop{.max_epochs = 200};

// The compile-time twin of the run below.
constexpr ctnn::matrix<double, 3, 2> X_ct{{0.3, 1.0}, {0.5, 0.2}, {1.0, 0.4}};
constexpr ctnn::matrix<double, 3, 1> y_ct{{0.75}, {0.82}, {0.93}};
constexpr auto fit_ct = ctnn::train(ctnn::initialize<net_t>(42), X_ct, y_ct, descent, stop);

int main(int argc, char** argv) {
  // Hours of sleep, hours of study and score for each student, read at run
  // time: "3 5 75  5 1 82  10 2 93" unless given on the command line.
  double raw[3][3] = {{3, 5, 75}, {5, 1, 82}, {10, 2, 93}};
  if (argc == 10)
    for (int i = 0; i < 9; ++i) raw[i / 3][i % 3] = std::strtod(argv[i + 1], nullptr);

  ctnn::matrix<double, 3, 2> X{};
  ctnn::matrix<double, 3, 1> y{};
  for (std::size_t i = 0; i < 3; ++i) {
    X(i, 0) = raw[i][0] / 10;   // scaled by the column's maximum, as at compile time
    X(i, 1) = raw[i][1] / 5;
    y(i, 0) = raw[i][2] / 100;
  }

  const auto fit = ctnn::train(ctnn::initialize<net_t>(42), X, y, descent, stop);
  const double relative = ctnn::math::abs(fit.loss - fit_ct.loss) / fit_ct.loss;
  std::printf("run time:     %zu epochs, J = %.10f\n", fit.epochs, fit.loss);
  std::printf("compile time: %zu epochs, J = %.10f\n", fit_ct.epochs, fit_ct.loss);
  std::printf("relative difference below 1e-12: %s\n", relative < 1e-12 ? "yes" : "NO");
  return relative < 1e-12 ? 0 : 1;
}

// Expected output:
// run time:     200 epochs, J = 0.0013746334
// compile time: 200 epochs, J = 0.0013746334
// relative difference below 1e-12: yes

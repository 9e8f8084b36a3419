// Writes the SVGs that tests/plot/check_svgs.py renders and inspects, into
// the directory given as argv[1], and prints one line per file with what
// the checker needs to know of the input (not of the output):
//   FILE WIDTH HEIGHT key=value ...
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <string>

#include <ctnn/ctnn.hpp>
#include <ctnn/plot.hpp>

namespace {

constexpr ctnn::matrix<double, 4, 2> X{{0, 0}, {0, 1}, {1, 0}, {1, 1}};
constexpr ctnn::matrix<double, 4, 1> y{{0}, {1}, {1}, {0}};
using xor_t = ctnn::network<double, ctnn::dense<2, 3, ctnn::sigmoid, ctnn::with_bias>,
                            ctnn::dense<3, 1, ctnn::sigmoid, ctnn::with_bias>>;
// examples/xor.cpp's run, recorded.
constexpr auto fit = ctnn::train(ctnn::initialize<xor_t>(3), X, y, ctnn::gradient_descent{.learning_rate = 10.0},
                                 ctnn::until{.max_epochs = 250, .loss_below = 0.02}, ctnn::loss_history<double, 64>{});

// The walkthrough's data and its BFGS fit (examples/welch_labs_bfgs.cpp).
constexpr ctnn::matrix<double, 3, 2> X_walk{{0.3, 1.0}, {0.5, 0.2}, {1.0, 0.4}};
constexpr ctnn::matrix<double, 3, 1> y_walk{{0.75}, {0.82}, {0.93}};
using walk_t = ctnn::mlp<double, ctnn::sigmoid, 2, 3, 1>;
constexpr auto walk = ctnn::train(ctnn::initialize<walk_t>(42), X_walk, y_walk, ctnn::bfgs{},
                                  ctnn::until{.max_epochs = 200, .loss_below = 1e-10});

std::string path(const char* dir, const char* name) { return std::string(dir) + "/" + name; }

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: write_plots DIRECTORY\n");
    return 2;
  }
  const char* dir = argv[1];
  {
    std::ofstream o(path(dir, "loss.svg"));
    ctnn::plot_loss_svg(o, fit.history, {.title = "XOR: J per epoch"});
  }
  std::printf("loss.svg 640 400 epochs=%zu capacity=%zu title=XOR: J per epoch\n", fit.epochs,
              fit.history.capacity);
  {
    std::ofstream o(path(dir, "loss_log.svg"));
    ctnn::plot_loss_svg(o, fit.history, {.title = "XOR <log> & \"co\"", .log_y = true, .width = 800, .height = 300});
  }
  std::printf("loss_log.svg 800 300 epochs=%zu capacity=%zu title=XOR <log> & \"co\"\n", fit.epochs,
              fit.history.capacity);
  // J = 1, 0.1, NaN, 0, 0.001 at epochs 0..4: 4 finite points, 3 of them positive.
  ctnn::loss_history<double, 8> gaps{};
  const double J[] = {1, 0.1, std::numeric_limits<double>::quiet_NaN(), 0, 0.001};
  for (std::size_t e = 0; e < 5; ++e) gaps.record(e, J[e]);
  {
    std::ofstream o(path(dir, "gaps.svg"));
    ctnn::plot_loss_svg(o, gaps, {.title = "gaps"});
  }
  {
    std::ofstream o(path(dir, "gaps_log.svg"));
    ctnn::plot_loss_svg(o, gaps, {.title = "gaps", .log_y = true});
  }
  std::printf("gaps.svg 640 400 points=4\ngaps_log.svg 640 400 points=3\n");
  {
    std::ofstream o(path(dir, "losses.svg"));
    ctnn::plot_losses_svg(o, {.title = "two curves"}, ctnn::curve(fit.history, "XOR"), ctnn::curve(gaps, "gaps"));
  }
  std::printf("losses.svg 640 400 epochs=%zu capacity=%zu points2=4 labels=XOR|gaps title=two curves\n", fit.epochs,
              fit.history.capacity);
  {
    std::ofstream o(path(dir, "boundary.svg"));
    ctnn::plot_decision_boundary_svg(o, fit.network, X, y, {.title = "XOR", .cells = 40});
  }
  std::printf("boundary.svg 480 480 cells=40 points=4 title=XOR\n");
  {
    std::ofstream o(path(dir, "boundary_walkthrough.svg"));
    ctnn::plot_decision_boundary_svg(o, walk.network, X_walk, y_walk,
                                     {.title = "test score", .width = 520, .height = 440, .cells = 50,
                                      .value_min = 0.6, .value_max = 1.0, .levels = {0.7, 0.8, 0.9},
                                      .level_count = 3, .x_label = "sleep", .y_label = "study"});
  }
  std::printf("boundary_walkthrough.svg 520 440 cells=50 points=3 title=test score\n");
}

// examples/plots.cpp - pictures of training: a loss curve and a decision boundary.
//
// Teaches: how to watch a network learn. train(..., loss_history<double, 64>{})
// records J at the start and after every epoch (a long run is thinned evenly
// to fit the 64 slots), here for XOR trained at compile time as in
// examples/xor.cpp. <ctnn/plot.hpp>, a run-time header, turns the history into
// an SVG loss curve and a chart for the terminal, and draws what the trained
// network predicts over the whole input plane, with the line where ŷ = 0.5:
// XOR's two classes need a boundary that bends, which is why it needs a
// hidden layer. The walkthrough's network (trained by BFGS) gets the same
// picture of its predicted test score over hours of sleep and study, with
// contours at 70, 80 and 90 points, like the original's contour plot.
// Prints: the text chart and a sparkline of the XOR loss, and the files it
// writes (into the directory given as its argument, else the current one):
//   xor_loss.svg, xor_boundary.svg, walkthrough_scores.svg
// docs/images/ holds copies of the first two, shown in the README (the test
// doc_images checks that they are still what this program writes).
// Compile time (both trainings at compile time, default limits), -O2: GCC 12
// 1.3 s CPU, 0.18 GB; Clang 14 1.7 s CPU, 0.15 GB.

#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include <ctnn/ctnn.hpp>
#include <ctnn/plot.hpp>

constexpr ctnn::matrix<double, 4, 2> X{{0, 0}, {0, 1}, {1, 0}, {1, 1}};
constexpr ctnn::matrix<double, 4, 1> y{{0}, {1}, {1}, {0}};
using xor_t = ctnn::network<double, ctnn::dense<2, 3, ctnn::sigmoid, ctnn::with_bias>,
                            ctnn::dense<3, 1, ctnn::sigmoid, ctnn::with_bias>>;

constexpr auto fit = ctnn::train(ctnn::initialize<xor_t>(3), X, y, ctnn::gradient_descent{.learning_rate = 10.0},
                                 ctnn::until{.max_epochs = 250, .loss_below = 0.02}, ctnn::loss_history<double, 64>{});
static_assert(fit.status == ctnn::train_status::converged);
// The history holds the whole run: from epoch 0 to the last, J falling overall.
static_assert(fit.history.epoch[0] == 0 && fit.history.last_epoch() == fit.epochs);
static_assert(fit.history.last_loss() == fit.loss && fit.history.last_loss() < fit.history.loss[0]);

constexpr ctnn::matrix<double, 3, 2> X_walk{{3.0 / 10, 5.0 / 5}, {5.0 / 10, 1.0 / 5}, {10.0 / 10, 2.0 / 5}};
constexpr ctnn::matrix<double, 3, 1> y_walk{{0.75}, {0.82}, {0.93}};
using walk_t = ctnn::mlp<double, ctnn::sigmoid, 2, 3, 1>;
constexpr auto walk = ctnn::train(ctnn::initialize<walk_t>(42), X_walk, y_walk, ctnn::bfgs{},
                                  ctnn::until{.max_epochs = 200, .loss_below = 1e-10});
static_assert(walk.status == ctnn::train_status::converged);

// Opens dir + name, lets draw write into it, and says whether all went well.
template <class Draw>
bool write(const std::string& path, Draw draw) {
  std::ofstream out(path);
  draw(out);
  out.close();
  if (!out) std::fprintf(stderr, "plots: could not write %s\n", path.c_str());
  return static_cast<bool>(out);
}

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? std::string(argv[1]) + "/" : "";
  std::printf("XOR: J over %zu epochs (%zu points recorded, every %zu epochs)\n", fit.epochs, fit.history.count,
              fit.history.stride);
  ctnn::plot_loss_text(std::cout, fit.history, {.width = 50, .height = 8});
  std::cout << "sparkline: ";
  ctnn::sparkline(std::cout, fit.history, 50);
  std::cout << '\n';

  const bool ok =
      write(dir + "xor_loss.svg",
            [](std::ostream& out) {
              ctnn::plot_loss_svg(out, fit.history, {.title = "XOR 2-3-1, gradient descent (eta = 10): J per epoch"});
            }) &&
      write(dir + "xor_boundary.svg",
            [](std::ostream& out) {
              ctnn::plot_decision_boundary_svg(out, fit.network, X, y,
                                               {.title = "XOR: what the network predicts", .cells = 40});
            }) &&
      write(dir + "walkthrough_scores.svg", [](std::ostream& out) {
        ctnn::plot_decision_boundary_svg(
            out, walk.network, X_walk, y_walk,
            {.title = "Predicted test score (BFGS fit)", .width = 520, .height = 440, .cells = 50, .x_min = 0,
             .x_max = 1.05, .y_min = 0, .y_max = 1.05, .value_min = 0.6, .value_max = 1.0,
             .levels = {0.7, 0.8, 0.9}, .level_count = 3, .x_label = "hours of sleep / 10",
             .y_label = "hours of study / 5"});
      });
  if (!ok) return 1;
  std::printf("wrote xor_loss.svg, xor_boundary.svg, walkthrough_scores.svg\n");
}

// Expected output:
// XOR: J over 71 epochs (37 points recorded, every 2 epochs)
//      0.691 + ***                                              
//            | *  ********                                      
//            |*           ****                                  
//            |                ***                 *             
//            |                   ***************** *            
//            |                                      * **        
//            |                                       *  **      
//       0.02 +                                            ******
//            +--------------------------------------------------
//             0                                        71 epochs
// sparkline: ▆███▇▇▇▇▇▇▇▇▆▆▆▆▅▅▅▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▅▄▃▂▃▃▂▂▁▁▁▁▁▁
// wrote xor_loss.svg, xor_boundary.svg, walkthrough_scores.svg

// A decision boundary over the plane needs a network of 2 inputs; this one has 3.
// expect: ctnn: plot_decision_boundary_svg(os, net, X, y) needs a network with 2 inputs and 1 output
#include <sstream>

#include <ctnn/plot.hpp>

#ifdef CTNN_COMPILE_FAIL
constexpr std::size_t inputs = 3;
#else
constexpr std::size_t inputs = 2;
#endif
using net_t = ctnn::mlp<double, ctnn::sigmoid, inputs, 3, 1>;
constexpr ctnn::matrix<double, 2, inputs> X{};
constexpr ctnn::matrix<double, 2, 1> y{{0}, {1}};

void draw() {
  std::ostringstream os;
  ctnn::plot_decision_boundary_svg(os, ctnn::initialize<net_t>(1), X, y);
}

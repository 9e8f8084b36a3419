// descend with X of 3 columns for a network whose first layer takes 2 inputs.
// expect: ctnn: descend(net, X, y, eta) needs X.cols() == the first layer's inputs
#include <ctnn/descend.hpp>

using net_t = ctnn::network<double, ctnn::dense<2, 3>, ctnn::dense<3, 1>>;
#ifdef CTNN_COMPILE_FAIL
constexpr ctnn::matrix<double, 3, 3> X{{3, 5, 1}, {5, 1, 1}, {10, 2, 1}};
#else
constexpr ctnn::matrix<double, 3, 2> X{{3, 5}, {5, 1}, {10, 2}};
#endif
constexpr ctnn::matrix<double, 3, 1> y{{0.75}, {0.82}, {0.93}};
[[maybe_unused]] constexpr auto stepped = [] {
  auto net = ctnn::initialize<net_t>(42);
  ctnn::descend(net, X, y, 0.5);
  return net;
}();

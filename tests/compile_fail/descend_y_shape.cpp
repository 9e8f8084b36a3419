// descend with y of 2 columns for a network with one output.
// expect: ctnn: descend(net, X, y, eta) needs y to be X.rows() x the last layer's outputs
#include <ctnn/descend.hpp>

using net_t = ctnn::network<double, ctnn::dense<2, 3>, ctnn::dense<3, 1>>;
constexpr ctnn::matrix<double, 3, 2> X{{3, 5}, {5, 1}, {10, 2}};
#ifdef CTNN_COMPILE_FAIL
constexpr ctnn::matrix<double, 3, 2> y{{0.75, 0}, {0.82, 0}, {0.93, 0}};
#else
constexpr ctnn::matrix<double, 3, 1> y{{0.75}, {0.82}, {0.93}};
#endif
[[maybe_unused]] constexpr auto stepped = [] {
  auto net = ctnn::initialize<net_t>(42);
  ctnn::descend(net, X, y, 0.5);
  return net;
}();

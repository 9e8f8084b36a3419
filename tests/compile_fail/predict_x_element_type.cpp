// predict with float data for a double network: X must have the network's element type.
// expect: ctnn: predict(net, X) needs X to have the network's element type T
#include <ctnn/network.hpp>

using net_t = ctnn::network<double, ctnn::dense<2, 3>, ctnn::dense<3, 1>>;
constexpr auto net = ctnn::initialize<net_t>(42);
#ifdef CTNN_COMPILE_FAIL
using element = float;
#else
using element = double;
#endif
constexpr ctnn::matrix<element, 3, 2> X{{3, 5}, {5, 1}, {10, 2}};
[[maybe_unused]] constexpr auto yhat = ctnn::predict(net, X);

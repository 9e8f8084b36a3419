// L2 regularisation around a type that is not a Loss.
// expect: ctnn: the loss argument needs to be a Loss
#include <ctnn/network.hpp>
#include <ctnn/regularization.hpp>

struct hinge {
  template <class Output>
  static constexpr bool fits = true;
};

using net_t = ctnn::network<double, ctnn::dense<2, 3>, ctnn::dense<3, 1>>;
constexpr auto net = ctnn::initialize<net_t>(42);
constexpr ctnn::matrix<double, 3, 2> X{{3, 5}, {5, 1}, {10, 2}};
constexpr ctnn::matrix<double, 3, 1> y{{0.75}, {0.82}, {0.93}};
#ifdef CTNN_COMPILE_FAIL
using loss = hinge;
#else
using loss = ctnn::mean_squared_error;
#endif
[[maybe_unused]] constexpr double J = ctnn::cost(net, X, y, ctnn::regularized<loss>{.lambda = 1e-4});

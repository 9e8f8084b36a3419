// binary_cross_entropy after a softmax output: softmax pairs with categorical_cross_entropy.
// expect: ctnn: this loss does not fit the output layer's activation
#include <ctnn/network.hpp>

using net_t = ctnn::network<double, ctnn::dense<2, 3>, ctnn::dense<3, 2, ctnn::softmax>>;
constexpr auto net = ctnn::initialize<net_t>(42);
constexpr ctnn::matrix<double, 3, 2> X{{3, 5}, {5, 1}, {10, 2}};
constexpr ctnn::matrix<double, 3, 2> y{{1, 0}, {0, 1}, {1, 0}};
#ifdef CTNN_COMPILE_FAIL
using loss = ctnn::binary_cross_entropy;
#else
using loss = ctnn::categorical_cross_entropy;
#endif
[[maybe_unused]] constexpr double J = ctnn::cost(net, X, y, loss{});

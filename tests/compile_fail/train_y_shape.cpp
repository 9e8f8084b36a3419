// train with y of 3 x 2 for a network with 1 output (y must be X.rows() x 1).
// expect: ctnn: train(net, X, y, ...) needs y to be X.rows() x the last layer's outputs
#include <ctnn/train.hpp>

using net_t = ctnn::network<double, ctnn::dense<2, 3>, ctnn::dense<3, 1>>;
constexpr auto net = ctnn::initialize<net_t>(42);
constexpr ctnn::matrix<double, 3, 2> X{{3, 5}, {5, 1}, {10, 2}};
#ifdef CTNN_COMPILE_FAIL
constexpr ctnn::matrix<double, 3, 2> y{{0.75, 0.25}, {0.82, 0.18}, {0.93, 0.07}};
#else
constexpr ctnn::matrix<double, 3, 1> y{{0.75}, {0.82}, {0.93}};
#endif
[[maybe_unused]] constexpr auto out = ctnn::train(net, X, y, ctnn::gradient_descent{.learning_rate = 3.0}, ctnn::until{.max_epochs = 10});

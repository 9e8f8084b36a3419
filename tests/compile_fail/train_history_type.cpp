// train recording into a loss_history whose element type is not the network's.
// expect: ctnn: train(net, X, y, ..., history) needs a loss_history of the network's element type T
#include <ctnn/train.hpp>

using net_t = ctnn::network<double, ctnn::dense<2, 3>, ctnn::dense<3, 1>>;
constexpr auto net = ctnn::initialize<net_t>(42);
constexpr ctnn::matrix<double, 3, 2> X{{3, 5}, {5, 1}, {10, 2}};
constexpr ctnn::matrix<double, 3, 1> y{{0.75}, {0.82}, {0.93}};
#ifdef CTNN_COMPILE_FAIL
using history = ctnn::loss_history<float, 16>;
#else
using history = ctnn::loss_history<double, 16>;
#endif
[[maybe_unused]] constexpr auto fit =
    ctnn::train(net, X, y, ctnn::gradient_descent{}, ctnn::until{.max_epochs = 10}, history{});

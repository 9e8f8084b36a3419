// train with an optimizer that has no state, init() or step(): not an Optimizer.
// expect: ctnn: train(net, X, y, optimizer, ...) needs an Optimizer
#include <ctnn/train.hpp>

struct hill_climb {
  double step_size = 0.1;
};

using net_t = ctnn::network<double, ctnn::dense<2, 3>, ctnn::dense<3, 1>>;
constexpr auto net = ctnn::initialize<net_t>(42);
constexpr ctnn::matrix<double, 3, 2> X{{3, 5}, {5, 1}, {10, 2}};
constexpr ctnn::matrix<double, 3, 1> y{{0.75}, {0.82}, {0.93}};
#ifdef CTNN_COMPILE_FAIL
using optimizer = hill_climb;
#else
using optimizer = ctnn::gradient_descent;
#endif
[[maybe_unused]] constexpr auto fit = ctnn::train(net, X, y, optimizer{}, ctnn::until{.max_epochs = 10});

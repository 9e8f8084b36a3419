// An activation without value() and derivative(): not an Activation.
// expect: ctnn: dense<In, Out, Activation, ...> needs an Activation
#include <ctnn/network.hpp>

struct squash {
  static constexpr bool elementwise = true;
};

#ifdef CTNN_COMPILE_FAIL
using hidden = squash;
#else
using hidden = ctnn::tanh;
#endif
using net_t = ctnn::network<double, ctnn::dense<2, 3, hidden>, ctnn::dense<3, 1>>;
[[maybe_unused]] constexpr auto net = ctnn::initialize<net_t>(42);

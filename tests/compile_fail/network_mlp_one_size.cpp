// mlp with a single size: a network needs at least an input and an output size.
// expect: ctnn: mlp<T, Activation, Sizes...> needs at least two sizes
#include <ctnn/network.hpp>

#ifdef CTNN_COMPILE_FAIL
using net_t = ctnn::mlp<double, ctnn::sigmoid, 2>;
#else
using net_t = ctnn::mlp<double, ctnn::sigmoid, 2, 1>;
#endif
[[maybe_unused]] constexpr auto net = ctnn::initialize<net_t>(42);

// A layer chain that does not fit: layer 2 takes 4 inputs, but layer 1 gives 3.
// The diagnostic also names check_layer_chain<2, 4, 3> (layer number, takes,
// gives); the harness checks only the message (see docs/diagnostics.md).
// expect: ctnn: network layer chain does not fit
#include <ctnn/network.hpp>

#ifdef CTNN_COMPILE_FAIL
using net_t = ctnn::network<double, ctnn::dense<2, 3>, ctnn::dense<4, 1>>;
#else
using net_t = ctnn::network<double, ctnn::dense<2, 3>, ctnn::dense<3, 1>>;
#endif
[[maybe_unused]] constexpr auto net = ctnn::initialize<net_t>(42);

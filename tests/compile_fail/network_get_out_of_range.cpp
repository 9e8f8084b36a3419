// get<2> of a two-layer network: layers count from 0, so only get<0> and get<1> exist.
// expect: ctnn: get<I>(net) needs I < the number of layers
#include <ctnn/network.hpp>

using net_t = ctnn::network<double, ctnn::dense<2, 3>, ctnn::dense<3, 1>>;
constexpr auto net = ctnn::initialize<net_t>(42);
#ifdef CTNN_COMPILE_FAIL
[[maybe_unused]] constexpr auto W = ctnn::get<2>(net).weights;
#else
[[maybe_unused]] constexpr auto W = ctnn::get<1>(net).weights;
#endif

// A layer with no inputs.
// expect: ctnn: dense<In, Out, ...> needs In > 0 and Out > 0
#include <ctnn/network.hpp>

#ifdef CTNN_COMPILE_FAIL
using layer = ctnn::dense<0, 3>;
#else
using layer = ctnn::dense<1, 3>;
#endif
using net_t = ctnn::network<double, layer, ctnn::dense<3, 1>>;
[[maybe_unused]] constexpr auto net = ctnn::initialize<net_t>(42);

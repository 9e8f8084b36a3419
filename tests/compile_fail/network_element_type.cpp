// A network of bool: the element type must be a number.
// expect: ctnn: network<T, Layers...> needs an arithmetic element type T
#include <ctnn/network.hpp>

#ifdef CTNN_COMPILE_FAIL
using element = bool;
#else
using element = double;
#endif
using net_t = ctnn::network<element, ctnn::dense<2, 3>, ctnn::dense<3, 1>>;
[[maybe_unused]] constexpr auto net = ctnn::initialize<net_t>(42);

// A network of a user struct that has no arithmetic.
// expect: ctnn: network<T, Layers...> needs an arithmetic element type T
#include <ctnn/network.hpp>

struct weight {
  double w;
};

#ifdef CTNN_COMPILE_FAIL
using element = weight;
#else
using element = double;
#endif
using net_t = ctnn::network<element, ctnn::dense<2, 3>, ctnn::dense<3, 1>>;
[[maybe_unused]] net_t net{};

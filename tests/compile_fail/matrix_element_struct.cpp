// A matrix of a user struct that has no arithmetic (and does not opt in
// through ctnn::enable_scalar).
// expect: ctnn: matrix<T, Rows, Cols> needs an arithmetic element type T (not bool)
#include <ctnn/matrix.hpp>

struct pixel {
  unsigned char r, g, b;
};

#ifdef CTNN_COMPILE_FAIL
using element = pixel;
#else
using element = unsigned char;
#endif
[[maybe_unused]] constexpr ctnn::matrix<element, 2, 2> m{};

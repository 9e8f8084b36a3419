// A matrix of bool: arithmetic to the standard, but not a number that can
// be summed or scaled.
// expect: ctnn: matrix<T, Rows, Cols> needs an arithmetic element type T (not bool)
#include <ctnn/matrix.hpp>

#ifdef CTNN_COMPILE_FAIL
using element = bool;
#else
using element = int;
#endif
[[maybe_unused]] constexpr ctnn::matrix<element, 2, 2> m{};

// Three rows written for a matrix with two.
// expect: ctnn: matrix<T, Rows, Cols>{{...}, ...} needs exactly Rows rows
#include <ctnn/matrix.hpp>

#ifdef CTNN_COMPILE_FAIL
[[maybe_unused]] constexpr ctnn::matrix<double, 2, 2> m{{1, 2}, {3, 4}, {5, 6}};
#else
[[maybe_unused]] constexpr ctnn::matrix<double, 2, 2> m{{1, 2}, {3, 4}};
#endif

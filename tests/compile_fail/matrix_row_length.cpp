// Rows written as rows: every row must have Cols elements.
// expect: ctnn: matrix<T, Rows, Cols>{{...}, ...} needs every row to have Cols elements
#include <ctnn/matrix.hpp>

#ifdef CTNN_COMPILE_FAIL
[[maybe_unused]] constexpr ctnn::matrix<double, 2, 2> m{{1, 2, 3}, {4, 5}};
#else
[[maybe_unused]] constexpr ctnn::matrix<double, 2, 2> m{{1, 2}, {4, 5}};
#endif

// One row written for a matrix with two: ctnn does not zero-fill the rest,
// since a forgotten row is more often a slip than an intent.
// expect: ctnn: matrix<T, Rows, Cols>{{...}, ...} needs exactly Rows rows
#include <ctnn/matrix.hpp>

#ifdef CTNN_COMPILE_FAIL
[[maybe_unused]] constexpr ctnn::matrix<double, 2, 2> m{{1, 2}};
#else
[[maybe_unused]] constexpr ctnn::matrix<double, 2, 2> m{{1, 2}, {0, 0}};
#endif

// A matrix with no rows.
// expect: ctnn: matrix<T, Rows, Cols> needs Rows > 0 and Cols > 0
#include <ctnn/matrix.hpp>

#ifdef CTNN_COMPILE_FAIL
[[maybe_unused]] constexpr ctnn::matrix<double, 0, 3> m{};
#else
[[maybe_unused]] constexpr ctnn::matrix<double, 1, 3> m{};
#endif

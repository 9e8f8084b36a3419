// A difference of a 2x3 and a 2x2 matrix.
// expect: ctnn: matrix difference A - B needs both matrices to have the same shape
#include <ctnn/matrix.hpp>

constexpr ctnn::matrix<double, 2, 3> a{};
#ifdef CTNN_COMPILE_FAIL
constexpr ctnn::matrix<double, 2, 2> b{};
#else
constexpr ctnn::matrix<double, 2, 3> b{};
#endif
[[maybe_unused]] constexpr auto c = a - b;

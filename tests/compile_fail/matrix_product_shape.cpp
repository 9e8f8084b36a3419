// A product whose inner sizes disagree: (2x3) * (2x2).
// expect: ctnn: matrix product needs lhs.cols() == rhs.rows()
#include <ctnn/matrix.hpp>

constexpr ctnn::matrix<double, 2, 3> a{};
#ifdef CTNN_COMPILE_FAIL
constexpr ctnn::matrix<double, 2, 2> b{};
#else
constexpr ctnn::matrix<double, 3, 2> b{};
#endif
[[maybe_unused]] constexpr auto c = a * b;

// A bias row with the wrong length: z = a W + b with b of 1x2 for a 4x3 z.
// expect: ctnn: add_to_each_row(A, b) needs b to be a 1 x A.cols() row of the same element type
#include <ctnn/matrix.hpp>

constexpr ctnn::matrix<double, 4, 3> z{};
#ifdef CTNN_COMPILE_FAIL
constexpr ctnn::matrix<double, 1, 2> b{};
#else
constexpr ctnn::matrix<double, 1, 3> b{};
#endif
[[maybe_unused]] constexpr auto out = ctnn::add_to_each_row(z, b);

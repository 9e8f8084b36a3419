// An element-wise product of a 3x1 and a 1x3 matrix (a transposed operand,
// the usual slip when writing δ = -(y - ŷ) ⊙ f'(z)).
// expect: ctnn: hadamard(A, B) needs both matrices to have the same shape
#include <ctnn/matrix.hpp>

constexpr ctnn::matrix<double, 3, 1> a{};
#ifdef CTNN_COMPILE_FAIL
constexpr ctnn::matrix<double, 1, 3> b{};
#else
constexpr ctnn::matrix<double, 3, 1> b{};
#endif
[[maybe_unused]] constexpr auto c = ctnn::hadamard(a, b);

// Harness sanity: the switch introduces an unrelated error and, after it, a
// genuine mismatched product. ctnn's message is in the output but is not the
// first error, so the _ko check must reject this case. Registered with
// should_fail.
// expect-rejection: not-first
// expect: ctnn: matrix product needs lhs.cols() == rhs.rows()
#include <ctnn/matrix.hpp>

constexpr ctnn::matrix<double, 2, 3> a{};
#ifdef CTNN_COMPILE_FAIL
[[maybe_unused]] constexpr int unrelated = not_declared_anywhere;
constexpr ctnn::matrix<double, 2, 2> b{};
#else
constexpr ctnn::matrix<double, 3, 2> b{};
#endif
[[maybe_unused]] constexpr auto c = a * b;

// Harness sanity: the switch introduces only an unrelated error (a misspelt
// name). Failing to compile is not enough; the _ko check must reject this case
// because ctnn's message is missing. Registered with should_fail.
// expect-rejection: text-missing not-first
// expect: ctnn: matrix product needs lhs.cols() == rhs.rows()
#include <ctnn/matrix.hpp>

constexpr ctnn::matrix<double, 2, 3> a{};
constexpr ctnn::matrix<double, 3, 2> b{};
#ifdef CTNN_COMPILE_FAIL
[[maybe_unused]] constexpr auto c = a * bb;
#else
[[maybe_unused]] constexpr auto c = a * b;
#endif

// Harness sanity: the switch changes nothing that ctnn rejects, so the case
// compiles both ways. The _ko check must reject a case that compiles.
// Registered with should_fail.
// expect-rejection: compiled
// expect: ctnn: matrix product needs lhs.cols() == rhs.rows()
#include <ctnn/matrix.hpp>

constexpr ctnn::matrix<double, 2, 3> a{};
#ifdef CTNN_COMPILE_FAIL
constexpr ctnn::matrix<double, 3, 1> b{};
#else
constexpr ctnn::matrix<double, 3, 2> b{};
#endif
[[maybe_unused]] constexpr auto c = a * b;

// Harness sanity: the switch triggers a real ctnn error, but the expected
// text below appears nowhere in it. The _ko check must reject this case;
// meson registers it with should_fail, so the suite fails if it passes.
// expect-rejection: text-missing not-first
// expect: ctnn: this message is deliberately absent from every diagnostic
#include <ctnn/matrix.hpp>

constexpr ctnn::matrix<double, 2, 3> a{};
#ifdef CTNN_COMPILE_FAIL
constexpr ctnn::matrix<double, 2, 2> b{};
#else
constexpr ctnn::matrix<double, 3, 2> b{};
#endif
[[maybe_unused]] constexpr auto c = a * b;

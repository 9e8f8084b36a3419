// A product of a float matrix and a double matrix: ctnn never converts
// element types silently, even when the shapes agree.
// expect: ctnn: matrix product needs both matrices to have the same element type
#include <ctnn/matrix.hpp>

constexpr ctnn::matrix<float, 2, 3> a{};
#ifdef CTNN_COMPILE_FAIL
constexpr ctnn::matrix<double, 3, 2> b{};
#else
constexpr ctnn::matrix<float, 3, 2> b{};
#endif
[[maybe_unused]] constexpr auto c = a * b;

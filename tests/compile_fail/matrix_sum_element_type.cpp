// A sum of an int matrix and a double matrix of the same shape: no silent
// conversion of element types.
// expect: ctnn: matrix sum A + B needs both matrices to have the same element type
#include <ctnn/matrix.hpp>

constexpr ctnn::matrix<double, 2, 2> a{};
#ifdef CTNN_COMPILE_FAIL
constexpr ctnn::matrix<int, 2, 2> b{};
#else
constexpr ctnn::matrix<double, 2, 2> b{};
#endif
[[maybe_unused]] constexpr auto c = a + b;

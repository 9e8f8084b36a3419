// A matrix of strings: the element type must be arithmetic.
// expect: ctnn: matrix<T, Rows, Cols> needs an arithmetic element type T (not bool)
#include <string>

#include <ctnn/matrix.hpp>

#ifdef CTNN_COMPILE_FAIL
using element = std::string;
#else
using element = double;
#endif
[[maybe_unused]] ctnn::matrix<element, 2, 2> m{};

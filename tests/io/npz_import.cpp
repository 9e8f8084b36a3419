// tools/npz_to_header.py: a network made in NumPy (tests/io/make_npz.py),
// turned into a header, predicts what NumPy's own forward pass predicts
// (npz_reference.hpp): within 1e-12 in double (NumPy's exp and tanh and
// ctnn's differ by an ulp or so per operation) and 1e-5 in float, both in
// constant evaluation and at run time. The same weights stored the PyTorch
// way (positional, OUT x IN) give the same network.
#include <doctest/doctest.h>

#include <type_traits>

#include "npz_imported.hpp"
#include "npz_imported_float.hpp"
#include "npz_imported_torch.hpp"
#include "npz_reference.hpp"

#include "../support/check.hpp"

namespace {

using layers_double = ctnn::network<double,
                                    ctnn::dense<3, 5, ctnn::tanh, ctnn::with_bias>,
                                    ctnn::dense<5, 4, ctnn::relu>,
                                    ctnn::dense<4, 4, ctnn::basic_leaky_relu<1, 10>, ctnn::with_bias>,
                                    ctnn::dense<4, 4, ctnn::softplus>,
                                    ctnn::dense<4, 3, ctnn::sigmoid, ctnn::with_bias>,
                                    ctnn::dense<3, 3, ctnn::identity>,
                                    ctnn::dense<3, 2, ctnn::softmax, ctnn::with_bias>>;
static_assert(std::is_same_v<std::remove_const_t<decltype(imported)>, layers_double>);
static_assert(std::is_same_v<std::remove_const_t<decltype(imported_float)>,
                             decltype(ctnn::convert<float>(layers_double{}))>);
static_assert(imported_torch == imported);

template <class T, std::size_t R, std::size_t C>
constexpr bool close(const ctnn::matrix<T, R, C>& got, const ctnn::matrix<T, R, C>& want, double tol) {
  for (std::size_t i = 0; i < R * C; ++i)
    if (!test::close(static_cast<double>(got.elements[i]), static_cast<double>(want.elements[i]), tol)) return false;
  return true;
}

static_assert(close(ctnn::predict(imported, npz_reference::X), npz_reference::yhat, 1e-12));
static_assert(close(ctnn::predict(imported_float, ctnn::convert<float>(npz_reference::X)), npz_reference::yhat_float,
                    1e-5));
// A check that can fail: the reference is not met by another network.
static_assert(!close(ctnn::predict(ctnn::initialize<layers_double>(1), npz_reference::X), npz_reference::yhat, 1e-3));

}  // namespace

TEST_CASE("a network imported from NumPy predicts as NumPy does") {
  const auto X = test::opaque(npz_reference::X);
  CHECK(close(ctnn::predict(imported, X), npz_reference::yhat, 1e-12));
  CHECK(close(ctnn::predict(imported_float, ctnn::convert<float>(X)), npz_reference::yhat_float, 1e-5));
  CHECK(close(ctnn::predict(imported_torch, X), npz_reference::yhat, 1e-12));
}

// ctnn/convert.hpp - the same network (or matrix) with another element type,
// computed at compile time.
//
//   constexpr auto fit = ctnn::train(ctnn::initialize<net_t>(42), X, y, ...);  // in double
//   constexpr auto netf = ctnn::convert<float>(fit.network);   // network<float, same layers>
//   static_assert(std::is_same_v<decltype(netf), const ctnn::rebind_t<net_t, float>>);
//
// Each parameter is converted with static_cast<U>: double -> float rounds to
// nearest, and a number type of ctnn's own (ctnn::fixed) defines its own
// rounding. quantize<fixed<...>>(net) in ctnn/fixed.hpp is this, plus checks.
#pragma once

#include <cstddef>

#include <boost/hana/at.hpp>

#include "matrix.hpp"
#include "network.hpp"
#include "scalar.hpp"

namespace ctnn {

// rebind_t<network<T, Layers...>, U> is network<U, Layers...>; for a matrix,
// matrix<U, Rows, Cols>. The layers (sizes, activations, biases) are unchanged.
template <class Net, class U>
struct rebind;
template <class T, class... Layers, class U>
struct rebind<network<T, Layers...>, U> {
  using type = network<U, Layers...>;
};
template <class T, std::size_t R, std::size_t C, class U>
struct rebind<matrix<T, R, C>, U> {
  using type = matrix<U, R, C>;
};
template <class Net, class U>
using rebind_t = typename rebind<Net, U>::type;

// Every element of a, as a U.
template <Scalar U, class T, std::size_t R, std::size_t C>
constexpr matrix<U, R, C> convert(const matrix<T, R, C>& a) noexcept {
  matrix<U, R, C> out{};
  for (std::size_t i = 0; i < R * C; ++i) CTNN_CELLS(out.elements)[i] = static_cast<U>(CTNN_CELLS(a.elements)[i]);
  return out;
}

// The same network with element type U: every weight (and bias) as a U.
template <Scalar U, class T, class... Layers>
constexpr network<U, Layers...> convert(const network<T, Layers...>& net) noexcept {
  network<U, Layers...> out{};
  detail::for_each_index<sizeof...(Layers)>([&](auto layer_index) {
    const auto& from = boost::hana::at_c<layer_index>(net.layers);
    auto& to = boost::hana::at_c<layer_index>(out.layers);
    to.weights = convert<U>(from.weights);
    if constexpr (network<T, Layers...>::template layer<layer_index>::has_bias) to.bias = convert<U>(from.bias);
  });
  return out;
}

}  // namespace ctnn

// ctnn/network.hpp - network<T, Layers...>: layers whose sizes are template
// parameters, held in a Boost.Hana tuple.
//
//   using net_t = ctnn::network<double,
//                               ctnn::dense<2, 3, ctnn::sigmoid>,    // W(1): 2 x 3
//                               ctnn::dense<3, 1, ctnn::sigmoid>>;   // W(2): 3 x 1
//   using same  = ctnn::mlp<double, ctnn::sigmoid, 2, 3, 1>;
//   constexpr auto net = ctnn::initialize<net_t>(42);
//   ctnn::get<0>(net).weights;   // W(1)
//
// A chain that does not fit (a layer taking 4 inputs after one giving 3)
// does not compile: "ctnn: network layer chain does not fit ...".
// This header also brings in forward/predict/cost (forward.hpp) and
// gradient (gradient.hpp), which work on it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <tuple>
#include <type_traits>
#include <utility>

#include <boost/hana/at.hpp>
#include <boost/hana/fold_left.hpp>
#include <boost/hana/tuple.hpp>

#include "layer.hpp"
#include "matrix.hpp"
#include "random.hpp"
#include "scalar.hpp"

namespace ctnn {

namespace detail {

// Calls f(std::integral_constant<std::size_t, I>{}) for I = 0, 1, ..., N-1.
template <std::size_t N, class F>
constexpr void for_each_index(F&& f) {
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (f(std::integral_constant<std::size_t, I>{}), ...);
  }(std::make_index_sequence<N>{});
}

// Layer numbers in messages count from 1, as "layer 1" is W(1).
template <std::size_t LayerNumber, std::size_t TakesInputs, std::size_t PreviousLayerGives>
struct check_layer_chain {
  static_assert(TakesInputs == PreviousLayerGives,
                "ctnn: network layer chain does not fit: layer <LayerNumber> takes <TakesInputs> inputs "
                "but the layer before gives <PreviousLayerGives> (numbers in check_layer_chain<...> above)");
  static constexpr bool value = TakesInputs == PreviousLayerGives;
};

template <class... Layers>
constexpr bool chain_fits() {
  using list = std::tuple<Layers...>;
  return [&]<std::size_t... I>(std::index_sequence<I...>) {
    return (check_layer_chain<I + 2, std::tuple_element_t<I + 1, list>::inputs,
                              std::tuple_element_t<I, list>::outputs>::value && ...);
  }(std::make_index_sequence<sizeof...(Layers) - 1>{});
}

struct not_a_layer_parameters {};
template <class L, class T>
constexpr auto parameters_of() {
  if constexpr (Layer<L>) {
    return std::type_identity<typename L::template parameters<T>>{};
  } else {
    return std::type_identity<not_a_layer_parameters>{};  // only after a failed static_assert
  }
}
template <class L, class T>
using parameters_t = typename decltype(parameters_of<L, T>())::type;

template <class L>
constexpr std::size_t count_parameters() {
  if constexpr (Layer<L>) {
    return L::parameter_count;
  } else {
    return 0;
  }
}

}  // namespace detail

template <class T, class... Layers>
struct network {
  static_assert(Scalar<T>, "ctnn: network<T, Layers...> needs an arithmetic element type T");
  static_assert(sizeof...(Layers) > 0, "ctnn: network<T, Layers...> needs at least one layer");
  static_assert((Layer<Layers> && ...),
                "ctnn: network<T, Layers...> needs every layer to be a Layer, such as ctnn::dense<In, Out>");

  using value_type = T;
  using layer_list = std::tuple<Layers...>;
  template <std::size_t I>
  using layer = std::tuple_element_t<I, layer_list>;

  static constexpr std::size_t depth = sizeof...(Layers);
  static constexpr bool well_formed = (Layer<Layers> && ...) && detail::chain_fits<Layers...>();
  static constexpr std::size_t inputs = layer<0>::inputs;
  static constexpr std::size_t outputs = layer<depth - 1>::outputs;
  // Number of trainable scalars: the length of flatten(net).
  static constexpr std::size_t parameter_count = (detail::count_parameters<Layers>() + ...);

  // One parameters<T> (weights, and bias where the layer has one) per layer.
  boost::hana::tuple<detail::parameters_t<Layers, T>...> layers{};

  friend constexpr bool operator==(const network& a, const network& b) {
    bool same = true;
    detail::for_each_index<depth>([&](auto layer_index) {
      same = same && boost::hana::at_c<layer_index>(a.layers) == boost::hana::at_c<layer_index>(b.layers);
    });
    return same;
  }
};

namespace detail {
template <class N>
struct is_network : std::false_type {};
template <class T, class... L>
struct is_network<network<T, L...>> : std::true_type {};
}  // namespace detail

// Any ctnn::network.
template <class N>
concept Network = detail::is_network<std::remove_cvref_t<N>>::value;

// The I-th layer's parameters (counting from 0): get<0>(net).weights is W(1).
template <std::size_t I, class T, class... L>
constexpr auto& get(network<T, L...>& net) noexcept {
  static_assert(I < sizeof...(L), "ctnn: get<I>(net) needs I < the number of layers");
  return boost::hana::at_c<(I < sizeof...(L) ? I : 0)>(net.layers);
}
template <std::size_t I, class T, class... L>
constexpr const auto& get(const network<T, L...>& net) noexcept {
  static_assert(I < sizeof...(L), "ctnn: get<I>(net) needs I < the number of layers");
  return boost::hana::at_c<(I < sizeof...(L) ? I : 0)>(net.layers);
}

// ---- mlp: sizes only -------------------------------------------------------

namespace detail {
template <class T, class F, std::size_t... Sizes>
struct mlp_builder {
  static_assert(sizeof...(Sizes) >= 2, "ctnn: mlp<T, Activation, Sizes...> needs at least two sizes");
  static constexpr std::array<std::size_t, sizeof...(Sizes)> sizes{Sizes...};
  template <std::size_t... I>
  static auto make(std::index_sequence<I...>) -> network<T, dense<sizes[I], sizes[I + 1], F>...>;
  using type = decltype(make(std::make_index_sequence<(sizeof...(Sizes) >= 2 ? sizeof...(Sizes) - 1 : 1)>{}));
};
}  // namespace detail

// mlp<double, sigmoid, 2, 3, 1> is network<double, dense<2, 3, sigmoid>, dense<3, 1, sigmoid>>:
// every layer with the same activation and no bias.
template <class T, class F, std::size_t... Sizes>
using mlp = typename detail::mlp_builder<T, F, Sizes...>::type;

// ---- parameters as one vector ---------------------------------------------

// Calls f(parameter) for every trainable scalar, in flatten order: layer by
// layer, each layer's weights row by row, then its bias.
template <Network Net, class F>
constexpr void for_each_parameter(Net&& net, F&& f) {
  using N = std::remove_cvref_t<Net>;
  detail::for_each_index<N::depth>([&](auto layer_index) {
    auto& p = boost::hana::at_c<layer_index>(net.layers);
    for (auto& w : p.weights.elements) f(w);
    if constexpr (N::template layer<layer_index>::has_bias) {
      for (auto& b : p.bias.elements) f(b);
    }
  });
}

// Calls f(parameter of a, matching parameter of b) for networks of one type,
// in flatten order: used to apply a gradient to the weights it belongs to.
template <Network Net, class F>
constexpr void for_each_parameter_pair(Net& a, const std::remove_const_t<Net>& b, F&& f) {
  detail::for_each_index<Net::depth>([&](auto layer_index) {
    auto& pa = boost::hana::at_c<layer_index>(a.layers);
    const auto& pb = boost::hana::at_c<layer_index>(b.layers);
    for (std::size_t k = 0; k < pa.weights.size(); ++k) f(pa.weights.elements[k], pb.weights.elements[k]);
    if constexpr (Net::template layer<layer_index>::has_bias) {
      for (std::size_t k = 0; k < pa.bias.size(); ++k) f(pa.bias.elements[k], pb.bias.elements[k]);
    }
  });
}

// All parameters as one column, for optimizers that see the network as a
// point in R^P (bfgs) and for gradient checking.
template <class T, class... L>
constexpr matrix<T, network<T, L...>::parameter_count, 1> flatten(const network<T, L...>& net) noexcept {
  matrix<T, network<T, L...>::parameter_count, 1> v{};
  std::size_t i = 0;
  for_each_parameter(net, [&](const T& param) { v.elements[i++] = param; });
  return v;
}

// The inverse of flatten: unflatten<Net>(flatten(net)) == net.
template <Network Net>
constexpr Net unflatten(const matrix<typename Net::value_type, Net::parameter_count, 1>& v) noexcept {
  Net net{};
  std::size_t i = 0;
  for_each_parameter(net, [&](typename Net::value_type& param) { param = v.elements[i++]; });
  return net;
}

// ---- initialisation ----------------------------------------------------------

// Deterministic, seeded weights: each layer's W drawn from U(-r, r) with r
// from the initialiser (Xavier/Glorot uniform by default; he_uniform for
// relu networks); biases start at zero. The same seed gives the same bits
// on every compiler, at compile time and at run time.
template <Network Net, Initializer Init = xavier_uniform>
constexpr Net initialize(std::uint64_t seed, Init = {}) noexcept {
  using T = typename Net::value_type;
  Net net{};
  splitmix64 rng{seed};
  detail::for_each_index<Net::depth>([&](auto layer_index) {
    using L = typename Net::template layer<layer_index>;
    const double r = Init::limit(L::inputs, L::outputs);
    for (auto& w : boost::hana::at_c<layer_index>(net.layers).weights.elements) w = static_cast<T>(rng.uniform(-r, r));
  });
  return net;
}

}  // namespace ctnn

// forward.hpp includes gradient.hpp at its end: gradient.hpp needs all of
// forward.hpp, which needs all of this header, whichever is included first.
#include "forward.hpp"

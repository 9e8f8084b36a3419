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

// The first layer that does not take what the layer before gives.
// Layer numbers count from 1, as "layer 1" is W(1); 0 means that the
// chain fits (or that a layer has already failed its own checks).
struct layer_chain_misfit {
  std::size_t layer_number = 0;
  std::size_t takes_inputs = 0;
  std::size_t previous_layer_gives = 0;
};
template <class... Layers>
constexpr layer_chain_misfit first_chain_misfit() {
  if constexpr (sizeof...(Layers) > 1 && (layer_checks_pass<Layers> && ...)) {
    constexpr std::size_t inputs[] = {Layers::inputs...};
    constexpr std::size_t outputs[] = {Layers::outputs...};
    for (std::size_t i = 1; i < sizeof...(Layers); ++i) {
      if (inputs[i] != outputs[i - 1]) return {i + 1, inputs[i], outputs[i - 1]};
    }
  }
  return {};
}
template <class... Layers>
inline constexpr layer_chain_misfit chain_misfit = first_chain_misfit<Layers...>();

// Instantiated by network with the numbers of the first misfit, so that
// the compiler shows them as this template's arguments, e.g.
// check_layer_chain<2, 4, 3>: layer 2 takes 4 inputs, layer 1 gives 3.
template <std::size_t LayerNumber, std::size_t TakesInputs, std::size_t PreviousLayerGives>
struct check_layer_chain {
  static constexpr bool done = true;  // first: see network_checks
  static_assert(TakesInputs == PreviousLayerGives,
                "ctnn: network layer chain does not fit: layer LayerNumber takes TakesInputs inputs, but the "
                "layer before gives PreviousLayerGives (see check_layer_chain<LayerNumber, TakesInputs, "
                "PreviousLayerGives> in this diagnostic)");
};

// network<T, Layers...>::well_formed: every check passes.
template <class T, class... Layers>
constexpr bool network_well_formed() {
  return is_scalar<T> && sizeof...(Layers) > 0 && (layer_checks_pass<Layers> && ...) &&
         chain_misfit<Layers...>.layer_number == 0;
}

// network's checks, in a class of their own: clang treats a class whose
// static_assert failed as broken, and a function that returns one as not
// constant, so `constexpr auto net = initialize<net_t>(42)` would be a
// second error; a failure in this helper leaves network whole. `done`
// comes first, as clang drops the members that follow a failed
// static_assert. The conditions are bools, not concepts, so that no
// satisfaction trace follows the message.
template <class T, class... Layers>
struct network_checks {
  static constexpr bool done = true;
  static_assert(is_scalar<T>, "ctnn: network<T, Layers...> needs an arithmetic element type T");
  static_assert(sizeof...(Layers) > 0, "ctnn: network<T, Layers...> needs at least one layer");
  static_assert((is_layer<Layers> && ...),
                "ctnn: network<T, Layers...> needs every layer to be a Layer, such as ctnn::dense<In, Out>");
};

struct not_a_layer_parameters {};
template <class L, class T>
constexpr auto parameters_of() {
  if constexpr (is_scalar<T> && layer_checks_pass<L>) {
    return std::type_identity<typename L::template parameters<T>>{};
  } else {
    return std::type_identity<not_a_layer_parameters>{};  // only after a failed static_assert
  }
}
template <class L, class T>
using parameters_t = typename decltype(parameters_of<L, T>())::type;

template <class L>
constexpr std::size_t count_parameters() {
  if constexpr (layer_checks_pass<L>) {
    return L::parameter_count;
  } else {
    return 0;
  }
}

}  // namespace detail

template <class T, class... Layers>
struct network {
  // Completes each layer type first, so that a layer's own check (such as
  // dense<0, 3>'s) is reported here, with the fewest notes; not inside a
  // concept check, after which clang would also call the layer "not a Layer".
  static_assert(((sizeof(Layers) > 0) && ...));
  // These two never fail themselves: see network_checks and check_layer_chain.
  static_assert(detail::network_checks<T, Layers...>::done);
  static_assert(detail::check_layer_chain<detail::chain_misfit<Layers...>.layer_number,
                                          detail::chain_misfit<Layers...>.takes_inputs,
                                          detail::chain_misfit<Layers...>.previous_layer_gives>::done);

  using value_type = T;
  using layer_list = std::tuple<Layers...>;
  template <std::size_t I>
  using layer = std::tuple_element_t<I, layer_list>;

  static constexpr std::size_t depth = sizeof...(Layers);
  // True when every check passes; functions on a network that is not well
  // formed do nothing else (behind if constexpr), so its error stays the only one.
  static constexpr bool well_formed = detail::network_well_formed<T, Layers...>();
  static constexpr std::size_t inputs = detail::inputs_of<layer<0>>;
  static constexpr std::size_t outputs = detail::outputs_of<layer<depth - 1>>;
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
// In a class of its own, as network's checks are (see network_checks): a
// failure here leaves mlp_builder whole, so that a `using net_t = mlp<...>`
// is not reported again where net_t is used.
template <std::size_t SizeCount>
struct check_mlp_sizes {
  static constexpr bool done = true;
  static_assert(SizeCount >= 2, "ctnn: mlp<T, Activation, Sizes...> needs at least two sizes");
};

template <class T, class F, std::size_t... Sizes>
struct mlp_builder {
  static_assert(check_mlp_sizes<sizeof...(Sizes)>::done);  // never fails itself: see check_mlp_sizes
  static constexpr std::array<std::size_t, sizeof...(Sizes)> sizes{Sizes...};
  template <std::size_t... I>
  static auto make(std::index_sequence<I...>) -> network<T, dense<sizes[I], sizes[I + 1], F>...>;
  // With fewer than two sizes, a placeholder, so that only check_mlp_sizes
  // reports the mistake.
  using type = std::conditional_t<(sizeof...(Sizes) >= 2),
                                  decltype(make(std::make_index_sequence<(sizeof...(Sizes) >= 2 ? sizeof...(Sizes) - 1
                                                                                               : 0)>{})),
                                  network<T, dense<1, 1, F>>>;
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
    auto&& W = CTNN_CELLS(p.weights.elements);
    for (std::size_t k = 0; k < p.weights.size(); ++k) f(W[k]);
    if constexpr (N::template layer<layer_index>::has_bias) {
      auto&& B = CTNN_CELLS(p.bias.elements);
      for (std::size_t k = 0; k < p.bias.size(); ++k) f(B[k]);
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
    auto&& Wa = CTNN_CELLS(pa.weights.elements);
    const auto& Wb = CTNN_CELLS(pb.weights.elements);
    for (std::size_t k = 0; k < pa.weights.size(); ++k) f(Wa[k], Wb[k]);
    if constexpr (Net::template layer<layer_index>::has_bias) {
      auto&& Ba = CTNN_CELLS(pa.bias.elements);
      const auto& Bb = CTNN_CELLS(pb.bias.elements);
      for (std::size_t k = 0; k < pa.bias.size(); ++k) f(Ba[k], Bb[k]);
    }
  });
}

// Calls f(block, count) for each block of parameters (each layer's
// weights, then its bias), in flatten order. block is the block's array of
// count elements (CTNN_CELLS), which converts to a pointer for an f that
// takes T*; a generic f that indexes the array itself costs GCC's constant
// evaluation less memory (see CTNN_CELLS). The hot loops of training use
// this: a raw loop over a block costs constant evaluation one step per
// element, where a call per element costs several.
template <Network Net, class F>
constexpr void for_each_parameter_block(Net&& net, F&& f) {
  using N = std::remove_cvref_t<Net>;
  detail::for_each_index<N::depth>([&](auto layer_index) {
    auto& p = boost::hana::at_c<layer_index>(net.layers);
    f(CTNN_CELLS(p.weights.elements), p.weights.size());
    if constexpr (N::template layer<layer_index>::has_bias) f(CTNN_CELLS(p.bias.elements), p.bias.size());
  });
}

// The same over two networks of one type: f(block of a, block of b, count).
template <Network Net, class F>
constexpr void for_each_parameter_block_pair(Net& a, const std::remove_const_t<Net>& b, F&& f) {
  detail::for_each_index<Net::depth>([&](auto layer_index) {
    auto& pa = boost::hana::at_c<layer_index>(a.layers);
    const auto& pb = boost::hana::at_c<layer_index>(b.layers);
    f(CTNN_CELLS(pa.weights.elements), CTNN_CELLS(pb.weights.elements), pa.weights.size());
    if constexpr (Net::template layer<layer_index>::has_bias)
      f(CTNN_CELLS(pa.bias.elements), CTNN_CELLS(pb.bias.elements), pa.bias.size());
  });
}

// All parameters as one column, for optimizers that see the network as a
// point in R^P (bfgs) and for gradient checking.
template <class T, class... L>
constexpr matrix<T, network<T, L...>::parameter_count, 1> flatten(const network<T, L...>& net) noexcept {
  matrix<T, network<T, L...>::parameter_count, 1> v{};
  auto&& out = CTNN_CELLS(v.elements);
  std::size_t i = 0;
  for_each_parameter_block(net, [&](const auto& block, std::size_t count) {
    for (std::size_t k = 0; k < count; ++k) out[i++] = block[k];
  });
  return v;
}

// The inverse of flatten: unflatten<Net>(flatten(net)) == net.
template <Network Net>
constexpr Net unflatten(const matrix<typename Net::value_type, Net::parameter_count, 1>& v) noexcept {
  Net net{};
  const auto& in = CTNN_CELLS(v.elements);
  std::size_t i = 0;
  for_each_parameter_block(net, [&](auto&& block, std::size_t count) {
    for (std::size_t k = 0; k < count; ++k) block[k] = in[i++];
  });
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
  if constexpr (Net::well_formed) {  // else network's static_assert has reported why
    splitmix64 rng{seed};
    detail::for_each_index<Net::depth>([&](auto layer_index) {
      using L = typename Net::template layer<layer_index>;
      const double r = Init::limit(L::inputs, L::outputs);
      for (auto& w : boost::hana::at_c<layer_index>(net.layers).weights.elements)
        w = static_cast<T>(rng.uniform(-r, r));
    });
  }
  return net;
}

}  // namespace ctnn

// forward.hpp includes gradient.hpp at its end: gradient.hpp needs all of
// forward.hpp, which needs all of this header, whichever is included first.
#include "forward.hpp"

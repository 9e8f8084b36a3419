// ctnn/forward.hpp - the forward pass: forward (every layer's z and a),
// predict (ŷ only) and cost (J).
//
// For the walkthrough's 2-3-1 network:
//   z(2) = X W(1)    a(2) = f(z(2))    z(3) = a(2) W(2)    ŷ = f(z(3))
//   J = Σ ½ (y − ŷ)²
#pragma once

#include <cstddef>
#include <type_traits>

#include <boost/hana/at.hpp>
#include <boost/hana/fold_left.hpp>
#include <boost/hana/tuple.hpp>

#include "loss.hpp"
#include "matrix.hpp"
#include "network.hpp"

namespace ctnn {

// One layer's part of the forward pass, for a batch of N rows.
template <class T, std::size_t N, std::size_t Out>
struct layer_trace {
  matrix<T, N, Out> z{};  // weighted input, z = a_prev W (+ b)
  matrix<T, N, Out> a{};  // activation, a = f(z)

  constexpr layer_trace() noexcept = default;
  // Scratch (detail::scratch_t): for a trace that fill_forward writes whole.
  constexpr explicit layer_trace(detail::scratch_t s) noexcept : z(s), a(s) {}
};

// Every layer's z and a: trace<0> holds z(2) and a(2), trace<1> z(3) and ŷ.
template <class T, std::size_t N, class... Layers>
struct forward_trace {
  boost::hana::tuple<layer_trace<T, N, Layers::outputs>...> layers{};

  constexpr forward_trace() noexcept = default;
  // Every z and a as scratch (detail::scratch_t: unset at run time), each
  // built in place, so that nothing unset is copied: the trace of descend
  // and gradient, which fill_forward writes whole before anything reads it.
  constexpr explicit forward_trace(detail::scratch_t s) noexcept
      : layers((static_cast<void>(Layers::outputs), s)...) {}
};

template <std::size_t I, class T, std::size_t N, class... L>
constexpr const auto& get(const forward_trace<T, N, L...>& t) noexcept {
  static_assert(I < sizeof...(L), "ctnn: get<I>(trace) needs I < the number of layers");
  return boost::hana::at_c<(I < sizeof...(L) ? I : 0)>(t.layers);
}

// Each function below checks X (and y) with static_asserts written out in
// its own body, not in a macro (which adds "in expansion of macro" notes),
// and then does its work only if they all pass (behind if constexpr), so
// that a mistake gives one error: ctnn's message.
namespace detail {
template <class Net, class U, std::size_t M>
inline constexpr bool fits_input = std::is_same_v<typename Net::value_type, U> && Net::inputs == M;
template <class Net, std::size_t N, class V, std::size_t YR, std::size_t YC>
inline constexpr bool fits_target = std::is_same_v<typename Net::value_type, V> && YR == N && YC == Net::outputs;
}  // namespace detail

namespace detail {
// Every layer's z and a into trace (all of it is written), for a well-formed
// network and an X that fits: forward checks that first.
template <class T, class... L, std::size_t N, std::size_t M>
constexpr void fill_forward(const network<T, L...>& net, const matrix<T, N, M>& X,
                            forward_trace<T, N, L...>& trace) noexcept {
  for_each_index<sizeof...(L)>([&](auto layer_index) {
    using layer = typename network<T, L...>::template layer<layer_index>;
    auto& this_layer = boost::hana::at_c<layer_index>(trace.layers);
    // z = a_prev W (+ b), a = f(z); a_prev is X for the first layer.
    if constexpr (layer_index == 0) {
      layer::forward(get<layer_index>(net), X, this_layer.z, this_layer.a);
    } else {
      layer::forward(get<layer_index>(net), boost::hana::at_c<layer_index - 1>(trace.layers).a, this_layer.z,
                     this_layer.a);
    }
  });
}
}  // namespace detail

// Every layer's z and a, for teaching and for the backward pass.
template <class T, class... L, class U, std::size_t N, std::size_t M>
constexpr forward_trace<T, N, L...> forward(const network<T, L...>& net, const matrix<U, N, M>& X) noexcept {
  static_assert(std::is_same_v<T, U>, "ctnn: forward(net, X) needs X to have the network's element type T");
  static_assert(network<T, L...>::inputs == M, "ctnn: forward(net, X) needs X.cols() == the first layer's inputs");
  forward_trace<T, N, L...> trace{};
  if constexpr (network<T, L...>::well_formed && detail::fits_input<network<T, L...>, U, M>) {
    detail::fill_forward(net, X, trace);
  }
  return trace;
}

// ŷ = f(... f(f(X W(1)) W(2)) ...): a left fold of the layers over X.
template <class T, class... L, class U, std::size_t N, std::size_t M>
constexpr matrix<T, N, network<T, L...>::outputs> predict(const network<T, L...>& net,
                                                          const matrix<U, N, M>& X) noexcept {
  static_assert(std::is_same_v<T, U>, "ctnn: predict(net, X) needs X to have the network's element type T");
  static_assert(network<T, L...>::inputs == M, "ctnn: predict(net, X) needs X.cols() == the first layer's inputs");
  if constexpr (network<T, L...>::well_formed && detail::fits_input<network<T, L...>, U, M>) {
    return boost::hana::fold_left(net.layers, X, [](const auto& a_prev, const auto& params) {
      using layer = typename std::remove_cvref_t<decltype(params)>::layer_type;
      return layer::apply(params, a_prev);  // f(a_prev W (+ b))
    });
  } else {
    return {};
  }
}

namespace detail {
// A bool, not the concept: a failed concept in a static_assert makes both
// compilers append its satisfaction trace under our message.
template <class Lo>
inline constexpr bool is_loss = Loss<Lo>;

// Checks the loss argument of cost and gradient; true if it may be used.
template <class Lo, class Net>
constexpr bool check_loss() {
  static_assert(is_loss<Lo>, "ctnn: the loss argument needs to be a Loss, such as ctnn::half_squared_error");
  if constexpr (is_loss<Lo> && Net::well_formed) {
    using output = typename Net::template layer<Net::depth - 1>::activation;
    static_assert(Lo::template fits<output>,
                  "ctnn: this loss does not fit the output layer's activation: categorical_cross_entropy "
                  "needs softmax, and softmax does not fit binary_cross_entropy");
    return Lo::template fits<output>;
  } else {
    return false;
  }
}
}  // namespace detail

// J, by half_squared_error (Σ ½ (y − ŷ)²) unless another loss is given.
template <class T, class... L, class U, std::size_t N, std::size_t M, class V, std::size_t YR,
          std::size_t YC, class Lo = half_squared_error>
constexpr T cost(const network<T, L...>& net, const matrix<U, N, M>& X, const matrix<V, YR, YC>& y,
                 Lo = {}) noexcept {
  using Net = network<T, L...>;
  static_assert(std::is_same_v<T, U>, "ctnn: cost(net, X, y) needs X to have the network's element type T");
  static_assert(Net::inputs == M, "ctnn: cost(net, X, y) needs X.cols() == the first layer's inputs");
  static_assert(std::is_same_v<T, V>, "ctnn: cost(net, X, y) needs y to have the network's element type T");
  static_assert(YR == N && YC == Net::outputs,
                "ctnn: cost(net, X, y) needs y to be X.rows() x the last layer's outputs");
  constexpr bool loss_fits = detail::check_loss<Lo, Net>();
  if constexpr (Net::well_formed && detail::fits_input<Net, U, M> && detail::fits_target<Net, N, V, YR, YC> &&
                loss_fits) {
    return Lo::value(predict(net, X), y);
  } else {
    return T{};
  }
}

}  // namespace ctnn

// Here, not at the top: gradient.hpp needs all of this header (see the end
// of network.hpp).
#include "gradient.hpp"

// ctnn/quantize.hpp - networks of fixed-point numbers: quantize<Q>(net)
// at compile time, and predict on the result.
//
//   using q7_8 = ctnn::fixed<7, 8, std::int16_t>;
//   static_assert(ctnn::representable<q7_8>(fit.network));      // no weight saturates
//   constexpr auto qnet = ctnn::quantize<q7_8>(fit.network);     // network<q7_8, same layers>
//   constexpr auto yhat = ctnn::predict(qnet, ctnn::quantize<q7_8>(X));
//
// predict works on a network of fixed because fixed is a Scalar with the
// arithmetic a layer needs, and ctnn::math::sigmoid and ::tanh have
// fixed-point overloads (ctnn/fixed.hpp, which must come before
// activation.hpp: <ctnn/ctnn.hpp> sees to it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "fixed.hpp"  // first: see the note on include order there

#include "activation.hpp"
#include "convert.hpp"
#include "matrix.hpp"
#include "network.hpp"

namespace ctnn {

// Whether an activation has a fixed-point form: true for sigmoid and tanh
// (ctnn::math's fixed versions; also for fast_sigmoid and fast_tanh, which
// run them in fixed point) and for those whose value<T> needs only
// comparisons and arithmetic (relu, leaky_relu, identity). Specialise it for
// an activation of your own whose value<T> works on fixed.
template <class A>
inline constexpr bool supports_fixed_point = false;
template <>
inline constexpr bool supports_fixed_point<sigmoid> = true;
template <>
inline constexpr bool supports_fixed_point<tanh> = true;
template <>
inline constexpr bool supports_fixed_point<relu> = true;
// fast_sigmoid and fast_tanh stand for sigmoid and tanh: a network trained
// with them in float quantizes to the fixed-point sigmoid and tanh, which
// are what a fixed-point network has (the rational form's division and
// Q^4 terms would not fit a small fixed format).
template <>
inline constexpr bool supports_fixed_point<fast_sigmoid> = true;
template <>
inline constexpr bool supports_fixed_point<fast_tanh> = true;
template <int N, int D>
inline constexpr bool supports_fixed_point<basic_leaky_relu<N, D>> = true;
template <>
inline constexpr bool supports_fixed_point<identity> = true;

// a = f(z) for a fixed-point z: found by argument-dependent lookup from
// predict and forward, and more specialised than the general activate.
template <class A, int I, int F, class S, std::size_t R, std::size_t C>
constexpr matrix<fixed<I, F, S>, R, C> activate(const matrix<fixed<I, F, S>, R, C>& z) noexcept {
  static_assert(supports_fixed_point<A>,
                "ctnn: a fixed-point network needs activations with a fixed-point form: sigmoid, tanh, relu, "
                "leaky_relu, identity, fast_sigmoid, fast_tanh (see ctnn::supports_fixed_point)");
  matrix<fixed<I, F, S>, R, C> a{};
  if constexpr (supports_fixed_point<A>) {
    for (std::size_t i = 0; i < R * C; ++i) {
      if constexpr (std::is_same_v<A, sigmoid> || std::is_same_v<A, fast_sigmoid>) {
        a.elements[i] = math::sigmoid(z.elements[i]);
      } else if constexpr (std::is_same_v<A, tanh> || std::is_same_v<A, fast_tanh>) {
        a.elements[i] = math::tanh(z.elements[i]);
      } else {
        a.elements[i] = A::value(z.elements[i]);
      }
    }
  }
  return a;
}

// Matrix product with one exact wide sum per element, rounded once: found
// by argument-dependent lookup, and more specialised than the general product.
template <int I, int F, class S, std::size_t R, std::size_t K, std::size_t C>
  requires(sizeof(S) <= 2)
constexpr matrix<fixed<I, F, S>, R, C> operator*(const matrix<fixed<I, F, S>, R, K>& a,
                                                 const matrix<fixed<I, F, S>, K, C>& b) noexcept {
  using Q = fixed<I, F, S>;
  matrix<Q, R, C> out{};
  for (std::size_t i = 0; i < R; ++i) {
    for (std::size_t j = 0; j < C; ++j) {
      std::int64_t acc = 0;
      for (std::size_t k = 0; k < K; ++k)
        acc += static_cast<std::int64_t>(a.elements[i * K + k].raw) * b.elements[k * C + j].raw;
      out.elements[i * C + j] = Q::saturate(Q::round_shift(acc));
    }
  }
  return out;
}

// The network with every weight and bias rounded to nearest Q (saturated:
// check with representable<Q>(net) that nothing was). Computed at compile
// time when net is constexpr; the result is a network<Q, same layers>.
template <FixedPoint Q, class T, class... Layers>
constexpr network<Q, Layers...> quantize(const network<T, Layers...>& net) noexcept {
  return convert<Q>(net);
}
template <FixedPoint Q, class T, std::size_t R, std::size_t C>
constexpr matrix<Q, R, C> quantize(const matrix<T, R, C>& a) noexcept {
  return convert<Q>(a);
}

// Whether every parameter of net lies within Q's range, so that quantize<Q>
// saturates none of them.
template <FixedPoint Q, Network Net>
constexpr bool representable(const Net& net) noexcept {
  bool fits = true;
  for_each_parameter(net, [&](const auto& p) {
    const double d = static_cast<double>(p);
    fits = fits && d >= static_cast<double>(Q::lowest()) && d <= static_cast<double>(Q::max());
  });
  return fits;
}

}  // namespace ctnn

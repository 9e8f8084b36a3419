// ctnn/activation.hpp - activation functions f and their derivatives f'.
//
// An Activation is a type with
//   static constexpr bool elementwise;
// and, when elementwise,
//   static T value(T z)            -- f(z)
//   static T derivative(T z, T a)  -- f'(z), given also a = f(z), which the
//                                     forward pass already holds (sigmoid's
//                                     f'(z) is a (1 - a): no second exp)
// or, when not (softmax), matrix-valued
//   static matrix value(const matrix& z)
//   static matrix backward(const matrix& z, const matrix& a, const matrix& dJda)
//                                  -- dJ/dz from dJ/da (a Jacobian product)
// The free functions activate() and backward() below use either kind.
#pragma once

#include <cstddef>
#include <type_traits>

#include "math.hpp"
#include "matrix.hpp"

namespace ctnn {

// f(z) = 1 / (1 + e^-z), the walkthrough's f.
// (value is always inlined, for sigmoid and tanh: a loop over a matrix
// vectorises only if no call is left in it, and Clang would keep one.)
struct sigmoid {
  static constexpr bool elementwise = true;
  template <class T>
  [[gnu::always_inline]] static constexpr T value(T z) noexcept {
    // Straight to the kernel in constant evaluation: each level of calls
    // costs steps of the compiler's budget, and training calls this most.
    if constexpr (std::is_same_v<T, double>) {
      if (CTNN_CONSTANT_EVALUATED()) return detail::fdlibm::sigmoid(z);
    }
    return math::sigmoid(z);
  }
  template <class T>
  static constexpr T derivative(T /*z*/, T a) noexcept { return a * (T{1} - a); }
  // f for a run-time loop too short to vectorise (see math::scalar): same bits.
  template <class T>
  static T scalar_value(T z) noexcept {
    if constexpr (math::floating<T> && math::uses_portable_math_at_run_time) return math::scalar::sigmoid(z); else return value(z);
  }
};

// f(z) = tanh z; f'(z) = 1 - a^2.
struct tanh {
  static constexpr bool elementwise = true;
  template <class T>
  [[gnu::always_inline]] static constexpr T value(T z) noexcept { return math::tanh(z); }
  template <class T>
  static T scalar_value(T z) noexcept {
    if constexpr (math::floating<T> && math::uses_portable_math_at_run_time) return math::scalar::tanh(z); else return value(z);
  }
  template <class T>
  static constexpr T derivative(T /*z*/, T a) noexcept { return T{1} - a * a; }
};

// f(z) = max(0, z); f'(0) is taken as 0.
struct relu {
  static constexpr bool elementwise = true;
  template <class T>
  static constexpr T value(T z) noexcept { return z > 0 ? z : T{0}; }
  template <class T>
  static constexpr T derivative(T z, T /*a*/) noexcept { return z > 0 ? T{1} : T{0}; }
};

// f(z) = z for z > 0, else slope z, with slope = SlopeNum / SlopeDen (0.01
// by default). A ratio of integers because Clang 14 takes no floating-point
// template arguments.
template <int SlopeNum = 1, int SlopeDen = 100>
struct basic_leaky_relu {
  static_assert(SlopeDen > 0, "ctnn: basic_leaky_relu<SlopeNum, SlopeDen> needs SlopeDen > 0");
  static constexpr bool elementwise = true;
  template <class T>
  static constexpr T slope() noexcept { return static_cast<T>(SlopeNum) / static_cast<T>(SlopeDen); }
  template <class T>
  static constexpr T value(T z) noexcept { return z > 0 ? z : slope<T>() * z; }
  template <class T>
  static constexpr T derivative(T z, T /*a*/) noexcept { return z > 0 ? T{1} : slope<T>(); }
};
using leaky_relu = basic_leaky_relu<>;

// f(z) = z.
struct identity {
  static constexpr bool elementwise = true;
  template <class T>
  static constexpr T value(T z) noexcept { return z; }
  template <class T>
  static constexpr T derivative(T /*z*/, T /*a*/) noexcept { return T{1}; }
};

// f(z) = log(1 + e^z), a smooth relu; f'(z) = sigmoid(z). Written so that
// e^z never overflows: for z > 0, log(1 + e^z) = z + log(1 + e^-z).
struct softplus {
  static constexpr bool elementwise = true;
  template <class T>
  static constexpr T value(T z) noexcept {
    return z > 0 ? z + math::log1p(math::exp(-z)) : math::log1p(math::exp(z));
  }
  template <class T>
  static constexpr T derivative(T z, T /*a*/) noexcept { return math::sigmoid(z); }
};

// Each row z -> e^z / sum(e^z): a probability distribution over the
// columns (classes). Subtracting the row's maximum first keeps every e^x in
// (0, 1], so huge logits cannot overflow.
struct softmax {
  static constexpr bool elementwise = false;

  template <class T, std::size_t R, std::size_t C>
  static constexpr matrix<T, R, C> value(const matrix<T, R, C>& z) noexcept {
    matrix<T, R, C> a{};
    for (std::size_t r = 0; r < R; ++r) {
      T zmax = z(r, 0);
      for (std::size_t c = 1; c < C; ++c) zmax = z(r, c) > zmax ? z(r, c) : zmax;
      T total{};
      // e^x is 0 below x = -1000 anyway; skipping those also keeps z - zmax
      // from overflowing (-1e308 - 1e308), which GCC's constant evaluator
      // rejects. Written !(<) so that a NaN z still reaches exp and shows.
      for (std::size_t c = 0; c < C; ++c)
        total += a(r, c) = !(z(r, c) < zmax - T{1000}) ? math::exp(z(r, c) - zmax) : T{0};
      for (std::size_t c = 0; c < C; ++c) a(r, c) /= total;  // total >= 1: the max contributes e^0
    }
    return a;
  }

  // dJ/dz_i = a_i (dJ/da_i - sum_j dJ/da_j a_j), the softmax Jacobian applied to dJ/da.
  template <class T, std::size_t R, std::size_t C>
  static constexpr matrix<T, R, C> backward(const matrix<T, R, C>& /*z*/, const matrix<T, R, C>& a,
                                            const matrix<T, R, C>& dJda) noexcept {
    matrix<T, R, C> delta{};
    for (std::size_t r = 0; r < R; ++r) {
      T dot{};
      for (std::size_t c = 0; c < C; ++c) dot += dJda(r, c) * a(r, c);
      for (std::size_t c = 0; c < C; ++c) delta(r, c) = a(r, c) * (dJda(r, c) - dot);
    }
    return delta;
  }
};

namespace detail {
// Act = f(Z) over Count cells, at run time, for an elementwise F. Loops of
// 2 KB or more run in 512-bit vectors where CTNN_WIDE makes them (Clang 19
// -march=native, fastest of 15: predict 16-32-32-4 x32, 1,024 tanh in each
// hidden layer, float 3,556 -> 3,118 ns, double 16,626 -> 12,777 ns).
// Below, the call costs what the width gains: 2-3-1 double x32, 96
// sigmoids, went 297 -> 312 ns.
// The width is a hint, not a demand: where the loop cannot vectorize (under
// -fsanitize=address, at -O0) Clang would say so with -Wpass-failed, an
// error under -Werror, though the scalar loop gives the same bits.
#if CTNN_HAS_WIDE
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wpass-failed"
#endif
template <class F, std::size_t Count, class T>
CTNN_WIDE void activate_wide(const T* __restrict Z, T* __restrict Act) noexcept {
  CTNN_WIDE_LOOP(T)
  for (std::size_t i = 0; i < Count; ++i) Act[i] = F::value(Z[i]);
}
#if CTNN_HAS_WIDE
#pragma clang diagnostic pop
#endif
template <class F, std::size_t Count, class T>
[[gnu::always_inline]] inline void activate_cells(const T* __restrict Z, T* __restrict Act) noexcept {
  if constexpr (CTNN_HAS_WIDE && Count * sizeof(T) >= 2048) {
    activate_wide<F, Count>(Z, Act);
  } else {
    for (std::size_t i = 0; i < Count; ++i) Act[i] = F::value(Z[i]);
  }
}
}  // namespace detail

template <class A>
concept Activation = requires {
  { A::elementwise } -> std::convertible_to<bool>;
} && (A::elementwise ? requires(double z) {
  { A::value(z) } -> std::convertible_to<double>;
  { A::derivative(z, z) } -> std::convertible_to<double>;
} : requires(const matrix<double, 2, 2>& m) {
  { A::value(m) } -> std::convertible_to<matrix<double, 2, 2>>;
  { A::backward(m, m, m) } -> std::convertible_to<matrix<double, 2, 2>>;
});

// a = f(z), for either kind of activation.
template <class A, class T, std::size_t R, std::size_t C>
constexpr matrix<T, R, C> activate(const matrix<T, R, C>& z) noexcept {
  if constexpr (A::elementwise) {
    matrix<T, R, C> a{};
    const auto& Z = CTNN_CELLS(z.elements);  // the C arrays: see CTNN_CELLS
    auto&& Ap = CTNN_CELLS(a.elements);
    for (std::size_t i = 0; i < R * C; ++i) Ap[i] = A::value(Z[i]);
    return a;
  } else {
    return A::value(z);
  }
}

// dJ/dz = dJ/da ⊙ f'(z) for elementwise f; the Jacobian product otherwise.
template <class A, class T, std::size_t R, std::size_t C>
constexpr matrix<T, R, C> backward(const matrix<T, R, C>& z, const matrix<T, R, C>& a,
                                   const matrix<T, R, C>& dJda) noexcept {
  if constexpr (A::elementwise) {
    matrix<T, R, C> delta{};
    const auto& Z = CTNN_CELLS(z.elements);
    const auto& Ap = CTNN_CELLS(a.elements);
    const auto& G = CTNN_CELLS(dJda.elements);
    auto&& D = CTNN_CELLS(delta.elements);
    for (std::size_t i = 0; i < R * C; ++i) D[i] = G[i] * A::derivative(Z[i], Ap[i]);
    return delta;
  } else {
    return A::backward(z, a, dJda);
  }
}

}  // namespace ctnn

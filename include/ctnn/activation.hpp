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

#include <bit>
#include <cstddef>
#include <cstdint>
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

// f(z) ~ tanh z and 1 / (1 + e^-z), by a rational function: an opt-in for
// where the activation's cost matters more than its last bits, at the
// accuracy class of Eigen's vectorised tanh and logistic. Over every float
// (benchmarks/float_math_exhaustive.cpp --fast, docs/math.md): fast_tanh
// within 5.70 ulp of tanh (ctnn::tanh: 1.33; Eigen's: 6.88); fast_sigmoid
// within 3.31 ulp where the result is at least 1/2 and within 1.97e-7 of
// it everywhere, so its relative error grows as the result shrinks (1,273
// ulp near -6.5), and it is exactly 0 for every x <= -18.125 (ctnn::sigmoid
// keeps 2.4 ulp down to 2^-149). Both stay within [-1, 1] and [0, 1], are
// exactly +-1 (0, 1) past the clamp, and pass NaN on. In double they keep
// float's accuracy (4.73e-8 relative, the fit's own), not double's.
//
// Why they are faster: no exp, no range reduction, no choice of formula.
// Eight multiply-adds, one division and a few clamps, the same for every
// input, so a loop over a layer vectorises in a few instructions per value
// and a one-row layer waits on a short chain. They are the same arithmetic
// in constant evaluation and at run time: the same bits wherever the
// compiler fuses no multiply-adds (-ffp-contract=off), with or without
// CTNN_CMATH, which they do not use.
//
// tanh x = x P(x^2) / Q(x^2) on |x| <= 9.02, P and Q of degree 4 with
// P(0) = Q(0) = 1 (so tanh x = x exactly for |x| <= 3.57e-4): a minimax fit
// in relative error (tools/fit_fast_tanh.py, NumPy: 0.79 of 2^-24 with these
// float coefficients), evaluated as estrin4 below says, a chain of 3
// multiply-adds where Horner's has 4. tanh rounds to +-1 in float from 9.01;
// from 9.0625 on, where x P / Q has passed 1 (9.056), the result is +-1
// exactly and x^2, which would overflow the polynomials, is kept out of
// them (ratio below says how); below, it is clamped to [-1, 1], which float
// rounding overshoots by up to 2 ulp near 8. sigmoid x = 1/2 + tanh(x / 2) / 2 =
// 1/2 + x Ps(x^2) / Qs(x^2), whose coefficients are P's and Q's scaled by
// powers of 2 (exact).
namespace detail::fast {
inline constexpr float p1 = 0x1.1213bcp-3f, p2 = 0x1.ca6a88p-9f, p3 = 0x1.5a34b8p-16f, p4 = 0x1.cbdd2ep-27f;
inline constexpr float q1 = 0x1.de5f2cp-2f, q2 = 0x1.a81690p-6f, q3 = 0x1.58d292p-12f, q4 = 0x1.a239aap-21f;
inline constexpr float tanh_clamp = 9.0625f;  // where x P / Q passes 1 (9.056), so the clamp makes exactly +-1

// c0 + c1 t + c2 t^2 + c3 t^3 + c4 t^4, t2 = t^2, as (c0 + c1 t) +
// t2 (c2 + t (c3 + t c4)): Estrin's split, a chain of 3 multiply-adds where
// Horner's has 4, with Horner's inside. Not t2 c4 there, Estrin's own
// term: for 1e-9 < |x| < 2e-7 in the sigmoid (its c4 is p4 / 4^5) that
// product is subnormal, which this machine computes slowly: a loop of
// 2,048 sigmoids on [-1.8, 1.9] in steps of 0.1, one of them 1.2e-7, took
// 4.85 us against 3.59 for the same loop of tanh (GCC -O3).
template <class T>
[[gnu::always_inline]] constexpr T estrin4(T t, T t2, T c0, T c1, T c2, T c3, T c4) noexcept {
  return (c0 + c1 * t) + t2 * (c2 + t * (c3 + t * c4));
}

// |x| and x's sign put back on m: the rational function is odd, so it is
// computed on |x| and the sign put back, which leaves one clamp of the
// result instead of two (GCC 12 makes each a comparison and three logical
// operations, not a minps: a loop of float sigmoids 55 -> 48 instructions
// per vector of 4, tanh 56 -> 47, GCC 12 -O3; with AVX2 33 -> 31, 32 -> 29).
// By the builtins, not on the bits: GCC keeps them in the vector registers
// (andps, andnps, orps) where bits read as integers go through a general
// register and back, which in a one-row layer is latency on the chain
// (GCC -O3, the 2-3-1 float predict of one row 53 -> 41 ns; Eigen 35).
// Both are exact, and constant expressions in GCC and Clang.
template <class T>
[[gnu::always_inline]] constexpr T magnitude(T x) noexcept {
  if constexpr (std::is_same_v<T, float>)
    return __builtin_fabsf(x);
  else
    return __builtin_fabs(x);
}
template <class T>
[[gnu::always_inline]] constexpr T with_sign_of(T m, T x) noexcept {
  if constexpr (std::is_same_v<T, float>)
    return __builtin_copysignf(m, x);
  else
    return __builtin_copysign(m, x);
}

// ax P(t) / Q(t) for ax = |x| (or NaN), with P's and Q's coefficients
// divided by 4^(i + Shift) and 4^i: Shift 0 is tanh |x|, Shift 1 is
// tanh(|x| / 2) / 2. At most 1 (1/2), which float rounding overshoots by up
// to 2 ulp near 8 (16), and exactly that from c = 9.0625 (2c) on, where
// ax P(c^2) / Q(c^2) has passed it (at 9.056). A NaN passes every clamp
// (each comparison with it is false) and comes out.
//
// Past c, x^2 must not reach the polynomials: t^4 overflows from |x| = 6.5e4
// in float, and inf / inf is NaN. Two spellings, the same bits:
// - Clang: t = min(x^2, c^2) and r = min(r, 1), each `a < b ? a : b`, a
//   minss (minps in a loop). Past c, r = ax P(c^2) / Q(c^2) >= 1.
// - GCC 12 makes neither a minps. Its partial redundancy elimination sees
//   that P(c^2) and Q(c^2) are constants on the branch where t is c^2,
//   moves the polynomials onto the other branch, and will not if-convert
//   them (floating-point operations may trap): the loop did not vectorise.
//   So t = x^2 unclamped, computed and thrown away past c (it may overflow
//   there: IEEE arithmetic, no trap), and one select at the end, r = 1
//   where |x| > c or r > 1. Off the chain of latency, where a min of t was
//   on it (first on the bits, 4 integer operations, and for one value a
//   round trip through a general register): side by side, GCC -O3, the
//   one-row 2-3-1 float predict 37 -> 32 ns (Eigen 34), 2,048 tanh 3.57 ->
//   2.95 us (Eigen 3.40-3.48); -march=native 36 -> 27 ns (Eigen 22).
// For |x| <= c, x^2 <= c^2 (c^2 is exact, and rounding is monotone): both
// compute the same t and r there. Constant evaluation sees only |x| < c.
template <int Shift, class T>
[[gnu::always_inline]] constexpr T ratio(T ax) noexcept {
  constexpr T s = Shift == 0 ? T{1} : T{0.25};  // a power of 2: the scaled coefficients are exact
  constexpr T c = T{tanh_clamp} * (Shift == 0 ? T{1} : T{2});
  constexpr T top = Shift == 0 ? T{1} : T{0.5};
#if defined(__clang__)
  const T t = ax * ax < c * c ? ax * ax : c * c;
#else
  const T t = ax * ax;
#endif
  const T t2 = t * t;
  const T P = estrin4(t, t2, s, T{p1} * s * s, T{p2} * s * s * s, T{p3} * s * s * s * s, T{p4} * s * s * s * s * s);
  const T Q = estrin4(t, t2, T{1}, T{q1} * s, T{q2} * s * s, T{q3} * s * s * s, T{q4} * s * s * s * s);
  const T r = ax * P / Q;
#if defined(__clang__)
  return top < r ? top : r;
#else
  return ((ax > c) | (top < r)) ? top : r;  // | not ||: no branch
#endif
}
}  // namespace detail::fast

struct fast_tanh {
  static constexpr bool elementwise = true;
  template <class T>
  [[gnu::always_inline]] static constexpr T value(T z) noexcept {
    static_assert(math::floating<T> || requires { math::tanh(z); }, "ctnn: fast_tanh is for float, double and ctnn::fixed");
    if constexpr (!math::floating<T>) {
      return math::tanh(z);  // fixed point: tanh's fixed form, which fast_tanh stands for (quantize.hpp)
    } else {
      constexpr T c = T{detail::fast::tanh_clamp};
      // Constant evaluation rejects arithmetic on a NaN and overflow (x^2
      // past 1.8e19 in float), so it returns what run time computes there.
      if (CTNN_CONSTANT_EVALUATED()) {
        if (z != z) return z;
        if (!(z > -c && z < c)) return z < 0 ? T{-1} : T{1};
      }
      return detail::fast::with_sign_of(detail::fast::ratio<0>(detail::fast::magnitude(z)), z);
    }
  }
  // tanh's f'(z) = 1 - a^2, at the a the forward pass computed.
  template <class T>
  static constexpr T derivative(T /*z*/, T a) noexcept { return T{1} - a * a; }
};

struct fast_sigmoid {
  static constexpr bool elementwise = true;
  template <class T>
  [[gnu::always_inline]] static constexpr T value(T z) noexcept {
    static_assert(math::floating<T> || requires { math::sigmoid(z); },
                  "ctnn: fast_sigmoid is for float, double and ctnn::fixed");
    if constexpr (!math::floating<T>) {
      return math::sigmoid(z);  // fixed point: sigmoid's fixed form (quantize.hpp)
    } else {
      constexpr T c = 2 * T{detail::fast::tanh_clamp};
      if (CTNN_CONSTANT_EVALUATED()) {
        if (z != z) return z;
        if (!(z > -c && z < c)) return z < 0 ? T{0} : T{1};
      }
      return T{0.5} + detail::fast::with_sign_of(detail::fast::ratio<1>(detail::fast::magnitude(z)), z);
    }
  }
  // sigmoid's f'(z) = a (1 - a).
  template <class T>
  static constexpr T derivative(T /*z*/, T a) noexcept { return a * (T{1} - a); }
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

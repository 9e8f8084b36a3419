// ctnn/math.hpp - constexpr elementary functions for float and double.
//
// One algorithm everywhere: in constant evaluation ctnn::math::exp and
// friends run ctnn's own algorithms (ctnn::math::portable: fdlibm's for
// double, and for float exp, tanh and sigmoid float_math.hpp's), and
// at run time the same algorithms, so a network trained at run time gets
// the bits it would get at compile time (with -ffp-contract=off; see the
// README). exp, tanh and sigmoid run at run time as branch-free restatements
// (detail/vector_math.hpp, same bits) that a loop over a matrix vectorises;
// sqrt is the hardware's, which is correctly rounded like ctnn's own.
// Define CTNN_CMATH to call <cmath> at run time instead (and sigmoid as
// 1 / (1 + e^-x)): smaller code where there is no double-precision FPU (ctnn
// computes float expm1, log, log1p and pow in double), and no promise of
// equal bits.
//
// Accuracy of the portable algorithms against glibc (tests/math/accuracy.cpp,
// figures in docs/math.md): exp, expm1, log, log1p, tanh and pow below
// 1 ulp of error, except float tanh (1.33 ulp, within 2 ulp of glibc's
// tanhf); sqrt correctly rounded; tanh exactly +-1 for |x| >= 22 (float:
// 9.5); sigmoid never NaN for non-NaN input.
#pragma once

#include <cmath>
#include <concepts>
#include <limits>
#include <type_traits>

#include "detail/fdlibm.hpp"
#include "detail/float_math.hpp"
#include "detail/ieee754.hpp"
#include "detail/vector_math.hpp"

namespace ctnn::math {

// The element types ctnn's math accepts. long double is left out on purpose:
// its format differs between hosts, and ctnn promises the same bits everywhere.
template <class T>
concept floating = std::same_as<T, float> || std::same_as<T, double>;

// The constant-evaluation algorithms, callable at run time too (for
// measuring them against the C library, and for bit-reproducible runs).
// float's exp and tanh are float_math.hpp's, in float arithmetic (they are
// what a float network runs, and float lanes are twice as many); its other
// functions are computed in double and rounded once, within half an ulp
// plus a hair.
namespace portable {

namespace fd = ::ctnn::detail::fdlibm;

template <floating T>
constexpr T from_double(double d) noexcept {
  if constexpr (std::same_as<T, float>) {
    // Clang 14's constant evaluator rounds some subnormal doubles to 2^-149
    // instead of 0 (fixed in 16); nothing at or below 2^-150 survives.
    if (d >= -0x1p-150 && d <= 0x1p-150) return static_cast<float>(d * 0.0);  // keeps the sign
    return ::ctnn::detail::to_float(d);
  } else {
    return d;
  }
}

template <floating T>
constexpr T exp(T x) noexcept {
  if constexpr (std::same_as<T, double>) return fd::exp(x); else return ::ctnn::detail::float_math::exp(x);
}
template <floating T>
constexpr T expm1(T x) noexcept {
  if constexpr (std::same_as<T, double>) return fd::expm1(x); else return from_double<T>(fd::expm1(x));
}
template <floating T>
constexpr T log(T x) noexcept {
  if constexpr (std::same_as<T, double>) return fd::log(x); else return from_double<T>(fd::log(x));
}
template <floating T>
constexpr T log1p(T x) noexcept {
  if constexpr (std::same_as<T, double>) return fd::log1p(x); else return from_double<T>(fd::log1p(x));
}
template <floating T>
constexpr T tanh(T x) noexcept {
  if constexpr (std::same_as<T, double>) return fd::tanh(x); else return ::ctnn::detail::float_math::tanh(x);
}
// Double rounding is harmless for float sqrt: 53 >= 2 * 24 + 2.
template <floating T>
constexpr T sqrt(T x) noexcept {
  if constexpr (std::same_as<T, double>) return fd::sqrt(x); else return from_double<T>(fd::sqrt(x));
}
template <floating T>
constexpr T pow(T x, T y) noexcept { return from_double<T>(fd::pow(x, y)); }

}  // namespace portable

// CTNN_PORTABLE_MATH, which used to select ctnn's algorithms at run time,
// is now the default and changes nothing.
#if defined(CTNN_CMATH)
inline constexpr bool uses_portable_math_at_run_time = false;
#else
inline constexpr bool uses_portable_math_at_run_time = true;
#endif

// Whether the branch-free kernels are worth it at run time: where the
// compiler vectorises them, and not otherwise, where the branchy scalar code
// is faster. Both return the same bits. Measured on x86-64 (GCC 12 -O3,
// loops of 2,048 doubles in (-3, 3), Intel Xeon; us per loop, vector /
// branchy / <cmath>): the float kernels (32-bit lanes) vectorise
// everywhere; the double ones with Clang, and with GCC since vector_math.hpp
// makes its masks by shifts (2 lanes on SSE2): tanh 36 / 62 / 49, sigmoid
// 15 / 18 / 19. The double exp is the exception on GCC below AVX2: its
// branchy form is cheap on common inputs (exp 17 / 14 / 13), so it stays.
// uses_vector_kernels says it for the double tanh and sigmoid (its old name,
// kept), uses_vector_exp for the double exp.
#if defined(__clang__) || defined(__SSE2__)
inline constexpr bool uses_vector_kernels = true;
#else
inline constexpr bool uses_vector_kernels = false;
#endif
#if defined(__clang__) || defined(__AVX2__)
inline constexpr bool uses_vector_exp = true;
#else
inline constexpr bool uses_vector_exp = false;
#endif
template <floating T>
inline constexpr bool uses_vector_kernels_for = std::same_as<T, float> || uses_vector_kernels;
template <floating T>
inline constexpr bool uses_vector_exp_for = std::same_as<T, float> || uses_vector_exp;

// Not ctnn::math::detail: fixed.hpp's math functions name ctnn::detail from in here.
namespace run_time {
template <floating T>
[[gnu::always_inline]] inline T exp(T x) noexcept {
  if constexpr (uses_vector_exp_for<T>) return ::ctnn::detail::vector_math::exp(x); else return portable::exp(x);
}
template <floating T>
[[gnu::always_inline]] inline T tanh(T x) noexcept {
  if constexpr (uses_vector_kernels_for<T>) return ::ctnn::detail::vector_math::tanh(x); else return portable::tanh(x);
}
}  // namespace run_time

// Chooses the algorithm: ctnn's own in constant evaluation and, unless
// CTNN_CMATH is defined, at run time; the C library's otherwise.
// (No braces: each statement counts against constant evaluation's budget.)
#define CTNN_MATH_DISPATCH(name, run_time, ...)                                          \
  if (CTNN_CONSTANT_EVALUATED()) return portable::name(__VA_ARGS__); \
  if constexpr (uses_portable_math_at_run_time) return run_time(__VA_ARGS__); else return std::name(__VA_ARGS__);

template <floating T>
[[gnu::always_inline]] constexpr T exp(T x) noexcept { CTNN_MATH_DISPATCH(exp, run_time::exp, x) }
template <floating T>
constexpr T expm1(T x) noexcept { CTNN_MATH_DISPATCH(expm1, portable::expm1, x) }
template <floating T>
constexpr T log(T x) noexcept { CTNN_MATH_DISPATCH(log, portable::log, x) }
template <floating T>
constexpr T log1p(T x) noexcept { CTNN_MATH_DISPATCH(log1p, portable::log1p, x) }
template <floating T>
[[gnu::always_inline]] constexpr T tanh(T x) noexcept { CTNN_MATH_DISPATCH(tanh, run_time::tanh, x) }
// std::sqrt is correctly rounded (IEEE 754 requires it), as portable::sqrt
// is: the same bits, from one instruction.
template <floating T>
constexpr T sqrt(T x) noexcept { CTNN_MATH_DISPATCH(sqrt, std::sqrt, x) }
template <floating T>
constexpr T pow(T x, std::type_identity_t<T> y) noexcept { CTNN_MATH_DISPATCH(pow, portable::pow, x, y) }

#undef CTNN_MATH_DISPATCH

// |x|, with abs(-0.0) == +0.0.
template <floating T>
constexpr T abs(T x) noexcept {
  return x < 0 ? -x : x + T{0};  // -0 + 0 == +0
}

// The same functions by fdlibm's branchy scalar code (same bits again), for
// the run-time loops too short to vectorise: run one at a time, the
// branch-free kernels cost several times more (GCC 12: 34 ns against 6 ns
// per exp; a 2-3-1 float predict of one row 116 ns against 16 ns).
namespace scalar {
template <floating T>
inline T tanh(T x) noexcept { return portable::tanh(x); }
template <floating T>
inline T sigmoid(T x) noexcept {
  if constexpr (std::same_as<T, double>) return portable::fd::sigmoid(x); else return ::ctnn::detail::float_math::sigmoid(x);
}
}  // namespace scalar

// The logistic function 1 / (1 + e^-x), stable for any input: e^-x is only
// ever taken of a non-positive argument, so it cannot overflow, and
// sigmoid(+-1000) is exactly 1 or 0.
template <floating T>
[[gnu::always_inline]] constexpr T sigmoid(T x) noexcept {
  if (CTNN_CONSTANT_EVALUATED()) {
    if constexpr (std::same_as<T, double>) return portable::fd::sigmoid(x); else return ::ctnn::detail::float_math::sigmoid(x);
  }
  if constexpr (!uses_portable_math_at_run_time) {
    // With <cmath>: 1 / (1 + e^-x) is exact in IEEE arithmetic at the
    // extremes (e^1000 overflows to inf, and 1 / inf is 0), passes NaN on,
    // and is branch-free: the smallest code, which matters in firmware.
    return T{1} / (T{1} + std::exp(-x));
  } else if constexpr (uses_vector_kernels_for<T>) {
    return ::ctnn::detail::vector_math::sigmoid(x);
  } else {
    return scalar::sigmoid(x);
  }
}

template <floating T>
constexpr bool isnan(T x) noexcept { return x != x; }
// Comparisons only: constant evaluation rejects any operation that makes a
// NaN (such as inf - inf), so the usual x - x == 0 test cannot be used.
template <floating T>
constexpr bool isfinite(T x) noexcept {
  return x >= -std::numeric_limits<T>::max() && x <= std::numeric_limits<T>::max();
}

}  // namespace ctnn::math

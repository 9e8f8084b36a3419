// ctnn/fixed.hpp - fixed<IntegerBits, FractionBits, Storage>: a Q-format
// number, and networks quantized to it at compile time.
//
//   using q7_8 = ctnn::fixed<7, 8, std::int16_t>;      // range [-128, 128), step 2^-8
//   constexpr auto qnet = ctnn::quantize<q7_8>(fit.network);   // weights rounded to nearest
//   constexpr auto qX = ctnn::quantize<q7_8>(X);
//   constexpr auto yhat = ctnn::predict(qnet, qX);     // integer arithmetic only
//
// A value is raw / 2^FractionBits with raw a Storage. IntegerBits +
// FractionBits is the number of bits of Storage less the sign bit: Q1.14 and
// Q7.8 in std::int16_t, Q0.7 ("Q7") in std::int8_t, Q0.31 in std::int32_t.
//
// Arithmetic is integer only, the same bits at compile time and at run time
// on every target, and never undefined:
//   - every result saturates to [lowest(), max()] instead of wrapping;
//   - +, - are exact unless they saturate;
//   - * and / compute in a wider integer and round once to nearest (products
//     ties toward +infinity, quotients ties away from zero); x / 0 is max()
//     for x > 0, lowest() for x < 0, and 0 for 0;
//   - conversion from a floating-point number rounds to nearest (ties away
//     from zero) and saturates; NaN becomes 0. Conversion to float or double
//     is exact for storage up to 16 bits, rounded once for 32.
//
// A matrix of fixed multiplies with one wide accumulator per element (for
// storage up to 16 bits): Σ a(i,k) b(k,j) is summed exactly, then rounded
// once, as a multiply-accumulate DSP instruction does.
//
// sigmoid and tanh have fixed-point versions (ctnn::math::sigmoid(q),
// ctnn::math::tanh(q)) that need no table and no floating point: e^-|x| by
// range reduction to 2^-f and a degree-8 polynomial, in 30 fraction bits,
// then one division. Their error is at most half a step of the format plus
// 2^-28 (tests/fixed.cpp measures it over every input of Q1.14, Q7.8 and
// Q0.7). relu, leaky_relu and identity work on fixed as they are; softplus
// and softmax do not.
//
// Networks of fixed (quantize, predict) are in ctnn/quantize.hpp.
//
// Include order: ctnn::sigmoid::value calls ctnn::math::sigmoid by its
// qualified name, which finds only the overloads declared before
// activation.hpp. <ctnn/ctnn.hpp> includes this header first; a program
// that includes headers one by one must include this one before
// <ctnn/activation.hpp> (or anything that includes it).
#pragma once

#include <compare>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <utility>

#include "scalar.hpp"

namespace ctnn {

namespace detail {
// The smallest signed integer with at least Digits value bits.
template <int Digits>
using fixed_storage_t =
    std::conditional_t<(Digits <= 7), std::int8_t, std::conditional_t<(Digits <= 15), std::int16_t, std::int32_t>>;
}  // namespace detail

template <int IntegerBits, int FractionBits, class Storage = detail::fixed_storage_t<IntegerBits + FractionBits>>
struct fixed {
  static_assert(std::signed_integral<Storage> && sizeof(Storage) <= 4,
                "ctnn: fixed<IntegerBits, FractionBits, Storage> needs Storage to be a signed integer of at most 32 bits");
  static_assert(IntegerBits >= 0 && FractionBits >= 0 &&
                    IntegerBits + FractionBits == std::numeric_limits<Storage>::digits,
                "ctnn: fixed<IntegerBits, FractionBits, Storage> needs IntegerBits + FractionBits == the bits of "
                "Storage less the sign bit (Q1.14 and Q7.8 in std::int16_t, Q0.7 in std::int8_t)");

  using storage_type = Storage;
  // Holds any product of two raws and any raw shifted left by FractionBits.
  using wide_type = std::conditional_t<(sizeof(Storage) <= 2), std::int32_t, std::int64_t>;
  static constexpr int integer_bits = IntegerBits;
  static constexpr int fraction_bits = FractionBits;
  static constexpr wide_type one_raw = wide_type{1} << FractionBits;  // 1.0 (not representable when IntegerBits == 0)
  static constexpr double one_double = static_cast<double>(one_raw);   // 2^FractionBits, exact

  // The value is raw / 2^FractionBits. Public, so that fixed is a structural
  // type (a template argument), as matrix is.
  Storage raw{};

  constexpr fixed() noexcept = default;

  // From any arithmetic value: rounded to nearest, saturated.
  template <class A>
    requires std::is_arithmetic_v<A>
  explicit constexpr fixed(A value) noexcept : raw{from_value(value)} {}

  static constexpr fixed from_raw(Storage r) noexcept {
    fixed f;
    f.raw = r;
    return f;
  }
  static constexpr fixed max() noexcept { return from_raw(std::numeric_limits<Storage>::max()); }
  static constexpr fixed lowest() noexcept { return from_raw(std::numeric_limits<Storage>::min()); }
  static constexpr fixed epsilon() noexcept { return from_raw(1); }  // one step, 2^-FractionBits

  // To float or double (raw * 2^-FractionBits), or to an integer (toward zero).
  template <class A>
    requires std::is_arithmetic_v<A>
  explicit constexpr operator A() const noexcept {
    if constexpr (std::is_floating_point_v<A>) {
      return static_cast<A>(raw) * static_cast<A>(1 / one_double);  // 2^-FractionBits: exact
    } else {
      return static_cast<A>(raw / one_raw);
    }
  }

  // Clamps a wide result to Storage's range.
  template <std::signed_integral W>
  static constexpr fixed saturate(W w) noexcept {
    if (w > static_cast<W>(std::numeric_limits<Storage>::max())) return max();
    if (w < static_cast<W>(std::numeric_limits<Storage>::min())) return lowest();
    return from_raw(static_cast<Storage>(w));
  }

  friend constexpr fixed operator+(fixed a, fixed b) noexcept {
    return saturate(static_cast<wide_type>(a.raw) + static_cast<wide_type>(b.raw));
  }
  friend constexpr fixed operator-(fixed a, fixed b) noexcept {
    return saturate(static_cast<wide_type>(a.raw) - static_cast<wide_type>(b.raw));
  }
  friend constexpr fixed operator-(fixed a) noexcept { return saturate(-static_cast<wide_type>(a.raw)); }
  friend constexpr fixed operator+(fixed a) noexcept { return a; }
  friend constexpr fixed operator*(fixed a, fixed b) noexcept {
    return saturate(round_shift(static_cast<wide_type>(a.raw) * static_cast<wide_type>(b.raw)));
  }
  friend constexpr fixed operator/(fixed a, fixed b) noexcept {
    if (b.raw == 0) return a.raw > 0 ? max() : a.raw < 0 ? lowest() : fixed{};
    const wide_type n = static_cast<wide_type>(a.raw) * one_raw;
    const wide_type d = b.raw;
    wide_type q = n / d;
    const wide_type r = n % d;
    if (2 * (r < 0 ? -r : r) >= (d < 0 ? -d : d)) q += (n < 0) == (d < 0) ? 1 : -1;  // ties away from zero
    return saturate(q);
  }
  constexpr fixed& operator+=(fixed b) noexcept { return *this = *this + b; }
  constexpr fixed& operator-=(fixed b) noexcept { return *this = *this - b; }
  constexpr fixed& operator*=(fixed b) noexcept { return *this = *this * b; }
  constexpr fixed& operator/=(fixed b) noexcept { return *this = *this / b; }

  friend constexpr bool operator==(const fixed&, const fixed&) = default;
  friend constexpr std::strong_ordering operator<=>(const fixed&, const fixed&) = default;

  // Exact comparison with any arithmetic value, so that an activation's
  // `z > 0` works; integers compare in integer arithmetic.
  template <class A>
    requires std::is_arithmetic_v<A>
  friend constexpr std::partial_ordering operator<=>(const fixed& a, A b) noexcept {
    if constexpr (std::is_integral_v<A>) {
      constexpr wide_type limit = wide_type{1} << IntegerBits;  // |a| <= 2^IntegerBits
      if (std::cmp_greater(b, limit)) return std::partial_ordering::less;
      if (std::cmp_less(b, -limit)) return std::partial_ordering::greater;
      return static_cast<wide_type>(a.raw) <=> static_cast<wide_type>(b) * one_raw;
    } else {
      return static_cast<double>(a) <=> static_cast<double>(b);
    }
  }
  template <class A>
    requires std::is_arithmetic_v<A>
  friend constexpr bool operator==(const fixed& a, A b) noexcept {
    return (a <=> b) == 0;
  }

  // (w + half) >> FractionBits: w / 2^FractionBits rounded to nearest, ties up.
  template <std::signed_integral W>
  static constexpr W round_shift(W w) noexcept {
    if constexpr (FractionBits == 0) {
      return w;
    } else {
      return (w + (W{1} << (FractionBits - 1))) >> FractionBits;
    }
  }

 private:
  template <class A>
  static constexpr Storage from_value(A value) noexcept {
    constexpr Storage hi = std::numeric_limits<Storage>::max();
    constexpr Storage lo = std::numeric_limits<Storage>::min();
    if constexpr (std::is_integral_v<A>) {
      constexpr wide_type limit = wide_type{1} << IntegerBits;
      if (std::cmp_greater_equal(value, limit)) return hi;
      if (std::cmp_less(value, -limit)) return lo;
      return static_cast<Storage>(static_cast<wide_type>(value) * one_raw);
    } else {
      const double v = static_cast<double>(value);
      if (v != v) return 0;
      const double scaled = v * one_double;  // exact
      if (scaled >= static_cast<double>(hi)) return hi;
      if (scaled <= static_cast<double>(lo)) return lo;
      auto t = static_cast<std::int64_t>(scaled);  // toward zero; |scaled| < 2^31, so exact
      const double rest = scaled - static_cast<double>(t);
      if (rest >= 0.5) ++t;
      if (rest <= -0.5) --t;
      return static_cast<Storage>(t);
    }
  }
};

// Q-format shorthands, in ARM's naming (the sign bit not counted).
using q7 = fixed<0, 7, std::int8_t>;      // [-1, 1), step 2^-7
using q15 = fixed<0, 15, std::int16_t>;   // [-1, 1), step 2^-15
using q1_14 = fixed<1, 14, std::int16_t>; // [-2, 2), step 2^-14
using q7_8 = fixed<7, 8, std::int16_t>;   // [-128, 128), step 2^-8

// fixed is a Scalar: matrix<fixed<...>, R, C> and network<fixed<...>, ...> exist.
template <int I, int F, class S>
inline constexpr bool enable_scalar<fixed<I, F, S>> = true;

namespace detail {
template <class T>
struct is_fixed : std::false_type {};
template <int I, int F, class S>
struct is_fixed<fixed<I, F, S>> : std::true_type {};
}  // namespace detail

// Any ctnn::fixed.
template <class T>
concept FixedPoint = detail::is_fixed<T>::value;

// ---- sigmoid and tanh in fixed point ----------------------------------------

namespace detail::fixed_point {

// Internal precision: 30 fraction bits in an int64, so that every product of
// two internal numbers (each below 2^32) fits.
inline constexpr int q = 30;
inline constexpr std::int64_t one = std::int64_t{1} << q;

constexpr std::int64_t constant(double d) noexcept {  // round(d * 2^30), d > 0
  return static_cast<std::int64_t>(d * static_cast<double>(one) + 0.5);
}
inline constexpr std::int64_t log2e = constant(1.4426950408889634);
inline constexpr std::int64_t ln2 = constant(0.6931471805599453);
inline constexpr std::int64_t sqrt_half = constant(0.7071067811865476);

constexpr std::int64_t mul(std::int64_t a, std::int64_t b) noexcept { return (a * b + (one >> 1)) >> q; }

// 1/k! in Q30, k = 0..8: the Taylor coefficients of e^v.
inline constexpr std::int64_t taylor[9] = {
    one, one, (one + 1) / 2, (one + 3) / 6, (one + 12) / 24, (one + 60) / 120, (one + 360) / 720,
    (one + 2520) / 5040, (one + 20160) / 40320};

// e^(-Scale * t) in Q30 for t = t_raw / 2^F >= 0 (t_raw < 2^32, Scale 1 or 2).
// e^-s = 2^-u with u = s log2(e) = n + f: 2^-f = 2^-1/2 e^(-(f - 1/2) ln 2),
// whose exponent is within ±0.35, where 9 Taylor terms are good to 2e-10.
template <int F, int Scale>
constexpr std::int64_t exp_neg(std::int64_t t_raw) noexcept {
  const std::int64_t u = t_raw * (log2e * Scale);  // F + 30 fraction bits; < 2^63
  const std::int64_t n = u >> (F + q);
  if (n >= 31) return 0;
  const std::int64_t f = (u >> F) & (one - 1);   // Q30 in [0, 1)
  const std::int64_t v = -mul(f - one / 2, ln2);  // |v| <= 0.35
  std::int64_t p = taylor[8];
  for (int k = 7; k >= 0; --k) p = taylor[k] + mul(p, v);
  const std::int64_t r = mul(p, sqrt_half);  // 2^-f, in (1/2, 1]
  return n == 0 ? r : (r + (std::int64_t{1} << (n - 1))) >> n;
}

// A Q30 number in [0, 1] as a fixed<I, F, S>, rounded to nearest, saturated.
template <int I, int F, class S>
constexpr fixed<I, F, S> from_q30(std::int64_t v) noexcept {
  if constexpr (F <= q) {
    if constexpr (F == q) return fixed<I, F, S>::saturate(v);
    else return fixed<I, F, S>::saturate((v + (std::int64_t{1} << (q - F - 1))) >> (q - F));
  } else {
    return fixed<I, F, S>::saturate(v << (F - q));
  }
}

// num / den in Q30, rounded to nearest, for 0 <= num <= den, den in [2^30, 2^31].
constexpr std::int64_t ratio(std::int64_t num, std::int64_t den) noexcept { return ((num << q) + den / 2) / den; }

}  // namespace detail::fixed_point

namespace math {

// 1 / (1 + e^-x) in fixed point, within half a step of the format plus 2^-28.
template <int I, int F, class S>
constexpr fixed<I, F, S> sigmoid(fixed<I, F, S> x) noexcept {
  namespace fp = detail::fixed_point;
  const std::int64_t a = x.raw < 0 ? -static_cast<std::int64_t>(x.raw) : x.raw;
  const std::int64_t e = fp::exp_neg<F, 1>(a);        // e^-|x|
  const std::int64_t s = fp::ratio(fp::one, fp::one + e);  // sigmoid(|x|), in [1/2, 1]
  return fp::from_q30<I, F, S>(x.raw < 0 ? fp::one - s : s);
}

// tanh x = (1 - e^-2|x|) / (1 + e^-2|x|), with the sign of x, in fixed point.
template <int I, int F, class S>
constexpr fixed<I, F, S> tanh(fixed<I, F, S> x) noexcept {
  namespace fp = detail::fixed_point;
  const std::int64_t a = x.raw < 0 ? -static_cast<std::int64_t>(x.raw) : x.raw;
  const std::int64_t e2 = fp::exp_neg<F, 2>(a);
  const auto t = fp::from_q30<I, F, S>(fp::ratio(fp::one - e2, fp::one + e2));
  return x.raw < 0 ? -t : t;
}

template <int I, int F, class S>
constexpr fixed<I, F, S> abs(fixed<I, F, S> x) noexcept {
  return x.raw < 0 ? -x : x;  // abs(lowest()) saturates to max()
}

}  // namespace math

}  // namespace ctnn

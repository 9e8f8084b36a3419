// ctnn/detail/vector_math.hpp - fdlibm.hpp's exp, sigmoid and tanh for run
// time, rewritten without branches so that a loop of calls vectorises.
//
// Each function here returns the same bits as its constant-evaluation
// counterpart in fdlibm.hpp (double) or float_math.hpp (float) for every
// input: tests/math/vector_math.cpp checks every float and a few million
// doubles. Every operation runs for every input and only results are
// selected, because GCC will not if-convert a floating-point operation it
// would have to speculate, and a loop with a branch in it does not
// vectorise. Nor will it keep a `c ? a : b` on doubles as a select: it
// threads the condition back into the code before it and makes branches.
// So every choice is select(c, a, b), done on the bits (for doubles on a
// mask64, made as below explains), and conditions are joined with & and |,
// not && and ||. Where a path's operation would be
// undefined for inputs it does not serve (a float-to-int conversion out of
// range), its argument is replaced first by a harmless one.
//
// Always inlined: a call in the loop is what stops it vectorising, and
// Clang does not inline tanh on its own.
//
// Not constexpr on purpose: the paths that are computed and thrown away
// make NaNs and infinities, which constant evaluation rejects.
#pragma once

#include <bit>
#include <cstdint>
#include <limits>

#include "fdlibm.hpp"
#include "float_math.hpp"
#include "ieee754.hpp"

#define CTNN_VECTOR_INLINE [[gnu::always_inline]] inline

namespace ctnn::detail::vector_math {

namespace fd = ::ctnn::detail::fdlibm;

// c ? a : b on the bits: no branch for the optimiser to recreate.
CTNN_VECTOR_INLINE float select(bool c, float a, float b) noexcept {
  const std::uint32_t mask = 0 - static_cast<std::uint32_t>(c);
  return std::bit_cast<float>((std::bit_cast<std::uint32_t>(a) & mask) | (std::bit_cast<std::uint32_t>(b) & ~mask));
}
CTNN_VECTOR_INLINE int select(bool c, int a, int b) noexcept {
  const int mask = -static_cast<int>(c);
  return (a & mask) | (b & ~mask);
}

// The double kernels choose by 64-bit masks. A bool from comparing
// doubles, widened to a 64-bit mask, needs a select of 64-bit integer lanes
// that GCC 12 has only from SSE4.2 on: with plain x86-64 (SSE2) it left
// every double loop scalar. There (GCC below AVX), each condition is the
// sign of a 64-bit difference instead, spread over the word by an
// arithmetic shift, which every x86-64 has: 2 lanes instead of 1, a loop of
// 2,048 tanh 164 -> 44 us. Elsewhere comparisons are kept: one instruction
// against three (Clang, SSE2: sigmoid 19 -> 17 us per 2,048). Both make
// the same masks.
#if defined(__GNUC__) && !defined(__clang__) && defined(__SSE2__) && !defined(__AVX__)
#define CTNN_VECTOR_GCC_SSE 1
#else
#define CTNN_VECTOR_GCC_SSE 0
#endif

// 2^n for an integer n in a lane of its float's width (two's complement),
// normal n only: the exponent field n + bias, built without converting n.
CTNN_VECTOR_INLINE double two_to(std::uint64_t n) noexcept { return std::bit_cast<double>((n + 1023) << 52); }
CTNN_VECTOR_INLINE float two_to(std::uint32_t n) noexcept { return std::bit_cast<float>((n + 127) << 23); }

// A struct, so that a bool cannot be passed where a mask is meant.
struct mask64 {
  std::uint64_t bits;
  CTNN_VECTOR_INLINE friend mask64 operator|(mask64 a, mask64 b) noexcept { return {a.bits | b.bits}; }
  CTNN_VECTOR_INLINE friend mask64 operator~(mask64 a) noexcept { return {~a.bits}; }
};

CTNN_VECTOR_INLINE std::uint64_t bits_of(double x) noexcept { return std::bit_cast<std::uint64_t>(x); }

inline constexpr std::uint64_t sign_bit = std::uint64_t{1} << 63;

// All ones where v, read as a signed 64-bit integer, is negative.
CTNN_VECTOR_INLINE mask64 negative(std::uint64_t v) noexcept {
  return {static_cast<std::uint64_t>(static_cast<std::int64_t>(v) >> 63)};
}
// a < b for the bits of two doubles without sign, b not NaN: such bits are
// in the order of the values (a NaN above infinity, so false, as a
// comparison of doubles says).
CTNN_VECTOR_INLINE mask64 below(std::uint64_t a, std::uint64_t b) noexcept {
#if CTNN_VECTOR_GCC_SSE
  return negative(a - b);
#else
  return {0 - static_cast<std::uint64_t>(std::bit_cast<double>(a) < std::bit_cast<double>(b))};
#endif
}
// NaN, from the bits of |x|.
CTNN_VECTOR_INLINE mask64 is_nan_abs(std::uint64_t abs_bits) noexcept {
#if CTNN_VECTOR_GCC_SSE
  return negative(bits_of(fd::inf) - abs_bits);  // above infinity
#else
  return {0 - static_cast<std::uint64_t>(std::bit_cast<double>(abs_bits) != std::bit_cast<double>(abs_bits))};
#endif
}

CTNN_VECTOR_INLINE std::uint64_t select(mask64 m, std::uint64_t a, std::uint64_t b) noexcept {
  return (a & m.bits) | (b & ~m.bits);
}
CTNN_VECTOR_INLINE double select(mask64 m, double a, double b) noexcept {
  return std::bit_cast<double>(select(m, bits_of(a), bits_of(b)));
}

// w rounded to the nearest integer n as fdlibm::exp rounds x log2 e, by
// adding 1.5 2^52 (the sum's ulp is 1): returns n, and sets n_bits to n as
// a two's complement integer, the sum's low bits (no conversion needed).
CTNN_VECTOR_INLINE double round_by_shift(double w, std::uint64_t& n_bits) noexcept {
  const double shifted = w + fd::exp_round_shift;
  n_bits = bits_of(shifted) - bits_of(fd::exp_round_shift);
  return shifted - fd::exp_round_shift;
}

// fdlibm::exp's e^r, and k.
CTNN_VECTOR_INLINE double reduced_exp(double x, std::uint64_t& k_bits) noexcept {
  const double kd = round_by_shift(fd::invln2 * x, k_bits);
  const double hi = x - kd * fd::ln2_hi, lo = kd * fd::ln2_lo, r = hi - lo, t = r * r;
  const double c = r - t * (fd::P1 + t * (fd::P2 + t * (fd::P3 + t * (fd::P4 + t * fd::P5))));
  return 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
}

// fdlibm::exp.
CTNN_VECTOR_INLINE double exp(double x) noexcept {
  const std::uint64_t abs_bits = bits_of(x) & ~sign_bit;
  const mask64 minus = negative(bits_of(x));
  // u_threshold <= x <= o_threshold, as |x| below the double after the
  // bound on x's side; false for NaN.
  const std::uint64_t bound = select(minus, bits_of(-fd::u_threshold), bits_of(fd::o_threshold));
  const mask64 in_range = below(abs_bits, bound + 1);
  std::uint64_t k = 0;
  const double y = reduced_exp(select(in_range, x, 0.0), k);
  // NaN, overflow, underflow (out of range, x is not 0: its sign decides).
  const double special = select(is_nan_abs(abs_bits), x, select(minus, 0.0, fd::inf));
  // 2^k y as (y 2^a) 2^b, a = floor(k / 2), b = k - a. For every k that
  // occurs (-1075 to 1024) both powers are normal doubles, y 2^a is exact,
  // and the second product rounds once, into the subnormals where it must:
  // the bits of fdlibm::exp, whose exponent-field addition is exact where
  // the result is normal. No product is subnormal unless the result is (a
  // multiplication that makes a subnormal costs a microcode assist: 109
  // against 6 ns per exp, scalar, on an AMD EPYC). The powers are made from
  // k while y is computed, so that y then waits for two multiplications,
  // not for a trip through the integer unit and back (docs/runtime_speed.md).
  // Out of range, x was replaced by 0 (k = 0, y = 1) and the first power is
  // the answer.
  const std::uint64_t a = ((k + 2048) >> 1) - 1024;  // floor(k / 2), by a shift of a positive number
  return y * select(in_range, two_to(a), special) * two_to(k - a);
}

// fdlibm::sigmoid: 1 / (1 + e^-|x|) or e^-|x| / (1 + e^-|x|). e^-|x| has
// k <= 0, so (y 2^(k + 1000)) 2^-1000 is exact where the result is normal
// and rounds once where it is not, as fdlibm::exp does there: one path, no
// choice. 2^(k + 1000) is made from k while y is computed (see exp above).
// Below u_threshold, fdlibm's e^x is 0: computed at 0, then multiplied by
// 0; a NaN is carried by the same factor, through the quotient.
CTNN_VECTOR_INLINE double sigmoid(double x) noexcept {
  const std::uint64_t abs_bits = bits_of(x) & ~sign_bit;
  const mask64 underflows = ~below(abs_bits, bits_of(-fd::u_threshold) + 1);  // -|x| < u_threshold, or NaN
  std::uint64_t k = 0;
  const double y = reduced_exp(select(underflows, 0.0, std::bit_cast<double>(abs_bits | sign_bit)), k);
  const double e = y * select(underflows, select(is_nan_abs(abs_bits), x, 0.0), two_to(k + 1000)) * 0x1p-1000;
  // fdlibm's x >= 0 is the sign bit here but for -0, where e = 1: the same 1 / 2.
  return select(negative(bits_of(x)), e, 1.0) / (1.0 + e);
}

// fdlibm::expm1_parts, for -44 < x <= 0.
CTNN_VECTOR_INLINE fd::double_double expm1_parts(double x) noexcept {
#if CTNN_VECTOR_GCC_SSE
  // fdlibm's hx > 0x3fd62e42 (|x| > ln2/2): else k = 0.
  const mask64 reduce = ~below(bits_of(x) & ~sign_bit, bits_of(0x1.62e43p-2));
  // fdlibm's k = (int)(x / ln2 - 0.5), a truncation towards zero of w < 0
  // where it is used: w rounded to the nearest integer n (as exp rounds),
  // plus 1 where n < w. GCC below AVX vectorises no
  // conversion between double and int lanes (with them: 74 against 44 us
  // per 2,048 tanh); with AVX, the conversions are faster (13 against 16).
  const double w = fd::invln2 * x - 0.5;
  std::uint64_t n_bits = 0;
  const double n = round_by_shift(w, n_bits);
  const mask64 up = negative(bits_of(n - w));  // n < w (n - w is exact and not -0)
  const std::uint64_t k = select(reduce, n_bits - up.bits, std::uint64_t{0});
  const double t = select(reduce, n + select(up, 1.0, 0.0), 0.0);
  const double scale = two_to(k);  // exp2i(k), from k's lane
#else
  // fdlibm's hx > 0x3fd62e42 (|x| > ln2/2), for x <= 0 and as a double comparison.
  const int k = select(x <= -0x1.62e43p-2, static_cast<int>(fd::invln2 * x - 0.5), 0);
  const double t = k;
  const double scale = exp2i(k);
#endif
  const double hi = x - t * fd::ln2_hi, lo = t * fd::ln2_lo;  // x and 0 when k == 0, as in fdlibm
  const double r = hi - lo;
  const double rr = r * r;
  const double c = r - rr * (fd::P1 + rr * (fd::P2 + rr * (fd::P3 + rr * (fd::P4 + rr * fd::P5))));
  const auto [b, b_lo] = fd::two_sum(scale, -1.0);
  const auto [a, a_lo] = fd::two_sum(b, scale * hi);
  return fd::fast_two_sum(a, (a_lo + b_lo) + scale * ((r * c) / (2.0 - c) - lo));
}

// fdlibm::tanh, on |x|, with x's sign put back by a bit.
CTNN_VECTOR_INLINE double tanh(double x) noexcept {
  const std::uint64_t sign = bits_of(x) & sign_bit, abs_bits = bits_of(x) & ~sign_bit;
  const mask64 tiny = below(abs_bits, bits_of(0x1p-55));    // tanh(x) = x
  const mask64 large = ~below(abs_bits, bits_of(22.0));      // also inf and NaN: +-1 (NaN is kept below)
  const double ax = select(tiny | large, 1.0, std::bit_cast<double>(abs_bits));
  const auto [m, m_lo] = expm1_parts(-2.0 * ax);
  const auto [d, d_lo0] = fd::two_sum(2.0, m);
  const double d_lo = d_lo0 + m_lo;
  const double q = -m / d;
  const auto [qd, qd_lo] = fd::two_product(q, d);
  const double z = select(large, 1.0, q + ((((-m - qd) - qd_lo) - m_lo) - q * d_lo) / d);
  return select(tiny | is_nan_abs(abs_bits), x, std::bit_cast<double>(bits_of(z) | sign));
}

// float_math.hpp's algorithms, in float lanes. Their shared part: e^r and
// the 2^k, k as the integer in round_shift's low bits (no conversion).
namespace ff = ::ctnn::detail::float_math;

CTNN_VECTOR_INLINE float reduced_exp(float x, std::uint32_t& k_bits) noexcept {
  const float shifted = ff::log2e * x + ff::round_shift;
  k_bits = std::bit_cast<std::uint32_t>(shifted) - ff::round_shift_bits;  // k, two's complement
  return ff::exp_of_reduced(x, shifted - ff::round_shift);
}

// float_math::exp, with scale() as (y 2^a) 2^b, a = floor(k / 2), as the
// double exp does it: for k from -150 to 128 both powers are normal floats,
// the first product is exact and the second rounds once, as scale() does.
CTNN_VECTOR_INLINE float exp(float x) noexcept {
  const bool in_range = (x <= ff::o_threshold) & (x >= ff::u_threshold);  // false for NaN
  std::uint32_t k = 0;
  const float y = reduced_exp(select(in_range, x, 0.0f), k);
  const float special = select(x != x, x, select(x > 0, std::numeric_limits<float>::infinity(), 0.0f));
  const std::uint32_t a = ((k + 256) >> 1) - 128;  // floor(k / 2)
  return y * select(in_range, two_to(a), special) * two_to(k - a);
}

// float_math::tanh, on |x|, with x's sign put back by a bit: both the
// series and 1 - 2 / (e + 1) are odd, and the constexpr code negates. The
// exp needs none of its special cases: its argument is 2 min(|x|, 9.5), and
// at 9.5 the quotient rounds to 1 already, as float_math returns from there.
CTNN_VECTOR_INLINE float tanh(float x) noexcept {
  const std::uint32_t sign = std::bit_cast<std::uint32_t>(x) & 0x80000000u;
  const float ax = std::bit_cast<float>(std::bit_cast<std::uint32_t>(x) ^ sign);
  const float x2 = ax * ax;
  const float series =
      ax + ax * x2 * (ff::tanh_c3 + x2 * (ff::tanh_c5 + x2 * (ff::tanh_c7 + x2 * (ff::tanh_c9 + x2 * ff::tanh_c11))));
  std::uint32_t k = 0;
  const float y = reduced_exp(2.0f * select(ax < ff::tanh_one_from, ax, ff::tanh_one_from), k);
  const float e = y * two_to(k);  // k from 0 to 28: e normal, the product exact
  const float magnitude = select(ax < ff::tanh_series_below, series, 1.0f - 2.0f / (e + 1.0f));
  return select(x != x, x, std::bit_cast<float>(std::bit_cast<std::uint32_t>(magnitude) | sign));
}

// float_math::sigmoid. e^-|x| has k <= 0, so (y 2^(k + 64)) 2^-64 is exact
// where the result is normal and rounds once where it is not: scale()'s
// two paths in one, with no choice to make; 2^(k + 64) is made from k while
// y is computed, and carries a NaN through the quotient.
CTNN_VECTOR_INLINE float sigmoid(float x) noexcept {
  const float minus_abs = std::bit_cast<float>(std::bit_cast<std::uint32_t>(x) | 0x80000000u);
  // Below -104 the exp is computed at -104, where it rounds to 0 as well.
  const float clamped = select(minus_abs >= ff::u_threshold, minus_abs, ff::u_threshold);
  std::uint32_t k = 0;
  const float y = reduced_exp(clamped, k);
  const float e = y * select(x != x, x, two_to(k + 64)) * 0x1p-64f;
  return select(x >= 0, 1.0f, e) / (1.0f + e);
}

}  // namespace ctnn::detail::vector_math

#undef CTNN_VECTOR_INLINE
#undef CTNN_VECTOR_GCC_SSE

// ctnn/detail/fdlibm.hpp - the algorithms ctnn::math uses in constant
// evaluation, for double. Float callers compute in double and round once.
//
// exp, expm1, log and tanh follow Sun's fdlibm 5.3 (e_exp.c, s_expm1.c,
// e_log.c, s_tanh.c), whose error bound is below 1 ulp; we keep its
// variable names and thresholds so a reader can set the two side by side.
//   Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//   Developed at SunPro, a Sun Microsystems, Inc. business.
//   Permission to use, copy, modify, and distribute this software is freely
//   granted, provided that this notice is preserved.
// sqrt, log1p, pow and tanh's final division are ctnn's own; see the
// comments at each. Measured accuracy is in docs/math.md.
//
// Constant evaluation rejects overflow and division by zero, so every path
// that fdlibm ends with `huge*huge` or `x/zero` returns the IEEE result
// (infinity, NaN) explicitly instead.
#pragma once

#include <cstdint>
#include <limits>

#include "ieee754.hpp"

namespace ctnn::detail::fdlibm {

inline constexpr double inf = std::numeric_limits<double>::infinity();
inline constexpr double nan = std::numeric_limits<double>::quiet_NaN();

inline constexpr double ln2_hi = 6.93147180369123816490e-01;  // 0x3fe62e42 fee00000
inline constexpr double ln2_lo = 1.90821492927058770002e-10;  // 0x3dea39ef 35793c76
inline constexpr double invln2 = 1.44269504088896338700e+00;  // 0x3ff71547 652b82fe
inline constexpr double exp_round_shift = 0x1.8p52;
inline constexpr double o_threshold = 7.09782712893383973096e+02;
inline constexpr double u_threshold = -7.45133219101941108420e+02;
inline constexpr double two54 = 1.80143985094819840000e+16;

// exp's polynomial (e_exp.c), shared with the extra-precision kernels below.
inline constexpr double P1 = 1.66666666666666019037e-01;
inline constexpr double P2 = -2.77777777770155933842e-03;
inline constexpr double P3 = 6.61375632143793436117e-05;
inline constexpr double P4 = -1.65339022054652515390e-06;
inline constexpr double P5 = 4.13813679705723846039e-08;
// log's polynomial (e_log.c), shared with log_parts.
inline constexpr double Lg1 = 6.666666666666735130e-01;
inline constexpr double Lg2 = 3.999999999940941908e-01;
inline constexpr double Lg3 = 2.857142874366239149e-01;
inline constexpr double Lg4 = 2.222219843214978396e-01;
inline constexpr double Lg5 = 1.818357216161805012e-01;
inline constexpr double Lg6 = 1.531383769920937332e-01;
inline constexpr double Lg7 = 1.479819860511658591e-01;

// A value carried as the unevaluated sum hi + lo, |lo| <= ulp(hi) / 2: about
// 106 bits, so that intermediate roundings stay far below the final one.
struct double_double {
  double hi, lo;
};

// a + b = hi + lo exactly (Knuth's TwoSum; no precondition on a and b).
constexpr double_double two_sum(double a, double b) noexcept {
  const double s = a + b;
  const double bb = s - a;
  return {s, (a - (s - bb)) + (b - bb)};
}
// a + b = hi + lo exactly, when |a| >= |b| or a is zero (Dekker's Fast2Sum).
constexpr double_double fast_two_sum(double a, double b) noexcept {
  const double s = a + b;
  return {s, b - (s - a)};
}
// a * b = hi + lo exactly (Dekker's product with Veltkamp's split); needs no
// fma. The caller keeps |a|, |b| below 2^996, where the split cannot overflow.
constexpr double_double two_product(double a, double b) noexcept {
  constexpr double split = 134217729.0;  // 2^27 + 1
  const double p = a * b;
  const double ta = split * a, ahi = ta - (ta - a), alo = a - ahi;
  const double tb = split * b, bhi = tb - (tb - b), blo = b - bhi;
  return {p, ((ahi * bhi - p) + ahi * blo + alo * bhi) + alo * blo};
}

// e^x. Reduce x = k ln2 + r with |r| <= ln2/2 (r kept as hi - lo), then
// exp(r) = 1 + r + r c(r) / (2 - c(r)) with a degree-5 polynomial c.
constexpr double exp(double x) noexcept {
  // Written as few statements as it can be: constant evaluation charges
  // every statement against its budget (Clang: 1,048,576 per expression),
  // and training calls exp for every unit of every example of every epoch.
  if (!(x <= o_threshold && x >= u_threshold)) return x != x ? x : x > 0 ? inf : 0.0;  // NaN, overflow, underflow
  // k = round(x / ln2), by adding 1.5 2^52: the sum's ulp is 1, so it rounds
  // x log2 e to the nearest integer (ties to even), which a vector lane does
  // the same way without converting to int. (fdlibm tests |x| > ln2/2 and
  // rounds half away from zero; the two differ only at ties, and either r is
  // within ln2/2.)
  const double kd = (invln2 * x + exp_round_shift) - exp_round_shift;
  const int k = static_cast<int>(kd);
  const double hi = x - kd * ln2_hi,  // exact: ln2_hi has 32 trailing zero bits
      lo = kd * ln2_lo, r = hi - lo, t = r * r, c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5)))),
               y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);  // e^r, r = hi - lo
  // 2^k y by adding k to y's exponent field (bit_cast is a builtin: no call to pay for).
  return k == 0 ? y
         : k >= -1021
             ? std::bit_cast<double>(std::bit_cast<std::uint64_t>(y) + (static_cast<std::uint64_t>(static_cast<std::int64_t>(k)) << 52))
             : add_to_exponent(y, k + 1000) * 0x1p-1000;  // subnormal result: round once
}

// The logistic function 1 / (1 + e^-x), through one exp of a non-positive
// argument (never overflows). Here, next to exp, so that constant evaluation
// pays for one call chain per sigmoid, not three.
constexpr double sigmoid(double x) noexcept {
  if (x != x) return x;  // Clang rejects any arithmetic on a NaN in constant evaluation
  const double e = exp(x >= 0 ? -x : x);
  return x >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
}

// e^x - 1, accurate near 0 where exp(x) - 1 cancels.
constexpr double expm1(double x) noexcept {
  constexpr double Q1 = -3.33333333333331316428e-02;
  constexpr double Q2 = 1.58730158725481460165e-03;
  constexpr double Q3 = -7.93650757867487942473e-05;
  constexpr double Q4 = 4.00821782732936239552e-06;
  constexpr double Q5 = -2.01099218183624371326e-07;

  if (is_nan(x)) return x;
  if (x > o_threshold) return inf;
  const std::uint32_t hx = high_word(x) & 0x7fffffffU;
  const bool negative = x < 0;
  if (negative && hx >= 0x4043687aU) return -1.0;  // x < -56 ln2: e^x is below half an ulp of 1

  int k = 0;
  double c = 0.0;
  if (hx > 0x3fd62e42U) {  // |x| > ln2/2
    double hi = 0.0, lo = 0.0;
    if (hx < 0x3ff0a2b2U) {  // and |x| < 1.5 ln2
      hi = negative ? x + ln2_hi : x - ln2_hi;
      lo = negative ? -ln2_lo : ln2_lo;
      k = negative ? -1 : 1;
    } else {
      k = static_cast<int>(invln2 * x + (negative ? -0.5 : 0.5));
      const double t = k;
      hi = x - t * ln2_hi;
      lo = t * ln2_lo;
    }
    x = hi - lo;
    c = (hi - x) - lo;  // what the subtraction above lost
  } else if (hx < 0x3c900000U) {  // |x| < 2^-54
    return x;
  }

  const double hfx = 0.5 * x;
  const double hxs = x * hfx;
  const double r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  const double t = 3.0 - r1 * hfx;
  double e = hxs * ((r1 - t) / (6.0 - x * t));
  if (k == 0) return x - (x * e - hxs);
  e = (x * (e - c) - c);
  e -= hxs;
  if (k == -1) return 0.5 * (x - e) - 0.5;
  if (k == 1) return x < -0.25 ? -2.0 * (e - (x + 0.5)) : 1.0 + 2.0 * (x - e);
  if (k <= -2 || k > 56) return add_to_exponent(1.0 - (e - x), k) - 1.0;
  if (k < 20) {
    const double t1 = std::bit_cast<double>(std::uint64_t{0x3ff00000U - (0x200000U >> k)} << 32);  // 1 - 2^-k
    return add_to_exponent(t1 - (e - x), k);
  }
  const double t2 = std::bit_cast<double>(static_cast<std::uint64_t>(0x3ff - k) << 52);  // 2^-k
  return add_to_exponent((x - (e + t2)) + 1.0, k);
}

// Natural logarithm. Write x = 2^k (1 + f) with sqrt(2)/2 < 1 + f < sqrt(2);
// then log(1 + f) = 2s + 2/3 s^3 + ... with s = f / (2 + f).
constexpr double log(double x) noexcept {
  if (is_nan(x)) return x;
  if (x < 0) return nan;
  if (x == 0) return -inf;
  if (x == inf) return x;
  int k = 0;
  if (x < 0x1p-1022) {  // subnormal: scale into the normal range first
    k -= 54;
    x *= two54;
  }
  std::uint32_t hx = high_word(x);
  k += static_cast<int>(hx >> 20) - 1023;
  hx &= 0x000fffffU;
  const std::uint32_t i = (hx + 0x95f64U) & 0x100000U;
  x = with_high_word(x, hx | (i ^ 0x3ff00000U));  // normalise x or x/2
  k += static_cast<int>(i >> 20);
  const double f = x - 1.0;
  const double dk = k;
  if ((0x000fffffU & (2 + hx)) < 3) {  // |f| < 2^-20
    if (f == 0) return k == 0 ? 0.0 : dk * ln2_hi + dk * ln2_lo;
    const double R = f * f * (0.5 - 0.33333333333333333 * f);
    return k == 0 ? f - R : dk * ln2_hi - ((R - dk * ln2_lo) - f);
  }
  const double s = f / (2.0 + f);
  const double z = s * s;
  const double w = z * z;
  const double t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const double t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  const double R = t2 + t1;
  const int i2 = static_cast<int>(hx) - 0x6147a;
  const int j = 0x6b851 - static_cast<int>(hx);
  if ((i2 | j) > 0) {  // f far from 0: keep f^2/2 separate to save a bit
    const double hfsq = 0.5 * f * f;
    return k == 0 ? f - (hfsq - s * (hfsq + R))
                  : dk * ln2_hi - ((hfsq - (s * (hfsq + R) + dk * ln2_lo)) - f);
  }
  return k == 0 ? f - s * (f - R) : dk * ln2_hi - ((s * (f - R) - dk * ln2_lo) - f);
}

// log(x) for a positive finite x, as hi + lo with a relative error near
// 2^-64 (for log1p and pow, which round once at the end). fdlibm's
// log(1 + f) = f - s (f - R), with s = f / (2 + f), where s, f - R and the
// leading term 2/3 s^2 of R are carried as double_doubles: the rest of R is
// below 2^-12 of the result, so its double rounding costs under 2^-65.
constexpr double_double log_parts(double x) noexcept {
  int k = 0;
  if (x < 0x1p-1022) {
    k -= 54;
    x *= two54;
  }
  std::uint32_t hx = high_word(x);
  k += static_cast<int>(hx >> 20) - 1023;
  hx &= 0x000fffffU;
  const std::uint32_t i = (hx + 0x95f64U) & 0x100000U;
  x = with_high_word(x, hx | (i ^ 0x3ff00000U));
  k += static_cast<int>(i >> 20);
  const double f = x - 1.0;  // exact (Sterbenz)
  const double s = f / (2.0 + f);
  // s's rounding error, (f - s (2 + f)) / (2 + f): f - 2s and the difference
  // to s f are exact by Sterbenz's lemma, as 2s and f are within a factor 1.2.
  const auto [sf, sf_lo] = two_product(s, f);
  const double s_lo = (((f - 2.0 * s) - sf) - sf_lo) / (2.0 + f);
  // R = 2 atanh(s) / s - 2 = sum 2/(2n+1) s^2n by its Taylor series, not by
  // fdlibm's Lg1..Lg7 (whose 2^-58.45 would cost pow up to 7 ulp): through
  // n = 13 the series is within 2^-75 for |s| <= 0.1716, and 2/3 is split.
  constexpr double two_thirds_hi = 0x1.5555555555555p-1;
  constexpr double two_thirds_lo = 0x1.5555555555555p-55;
  const auto [z, z_lo0] = two_product(s, s);
  const double z_lo = z_lo0 + 2.0 * s * s_lo;
  const auto [R1, R1_lo0] = two_product(two_thirds_hi, z);
  const double tail =
      2.0 / 5 + z * (2.0 / 7 + z * (2.0 / 9 + z * (2.0 / 11 + z * (2.0 / 13 + z * (2.0 / 15 +
      z * (2.0 / 17 + z * (2.0 / 19 + z * (2.0 / 21 + z * (2.0 / 23 + z * (2.0 / 25 + z * (2.0 / 27)))))))))));
  const double R_lo = R1_lo0 + (two_thirds_hi * z_lo + two_thirds_lo * z) + z * z * tail;
  const auto [d, d_lo0] = two_sum(f, -R1);  // f - R
  const double d_lo = d_lo0 - R_lo;
  const auto [sd, sd_lo0] = two_product(s, d);  // s (f - R)
  const double sd_lo = sd_lo0 + s * d_lo + s_lo * d;
  const double dk = k;
  const auto [h1, l1] = two_sum(dk * ln2_hi, f);  // dk * ln2_hi is exact
  const auto [h2, l2] = two_sum(h1, -sd);
  return fast_two_sum(h2, ((l1 + l2) - sd_lo) + dk * ln2_lo);
}

// e^(x + xl) for a tail |xl| <= ulp(x), with exp's reduction and polynomial:
// the tail joins the reduced argument's low part, so it costs no accuracy.
constexpr double exp_parts(double x, double xl) noexcept {
  if (x > o_threshold + 1.0) return inf;
  if (x < u_threshold - 1.0) return 0.0;
  const int k = static_cast<int>(invln2 * x + (x < 0 ? -0.5 : 0.5));
  const double t = k;
  const double hi = x - t * ln2_hi;
  const double lo = t * ln2_lo - xl;
  const double r = hi - lo;
  const double rr = r * r;
  const double c = r - rr * (P1 + rr * (P2 + rr * (P3 + rr * (P4 + rr * P5))));
  const double y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
  // Only 2^1024 y with y < 1 is finite; at k = 1025 and up the exponent field
  // itself would overflow.
  if (k > 1023) return k == 1024 && y < 1.0 ? add_to_exponent(y, k) : inf;
  if (k >= -1021) return add_to_exponent(y, k);
  return add_to_exponent(y, k + 1000) * 0x1p-1000;  // subnormal result: round once
}

// log(1 + x). u = 1 + x rounds, but its error c = (1 + x) - u is exact
// (Fast2Sum) and log(u + c) = log(u) + c / u to far below an ulp; with u's
// logarithm in extra precision only the final addition rounds.
constexpr double log1p(double x) noexcept {
  if (is_nan(x)) return x;
  if (x < -1.0) return nan;
  if (x == -1.0) return -inf;
  if (x == inf) return x;
  const double u = 1.0 + x;
  if (u == 1.0) return x;  // |x| below half an ulp of 1: log1p(x) = x to working precision
  const double c = x > 1.0 ? 1.0 - (u - x) : x - (u - 1.0);
  const auto [h, l] = log_parts(u);
  return h + (l + c / u);
}

// e^x - 1 as hi + lo, for -44 < x <= 0 (tanh's range), with exp's reduction
// x = k ln2 + r and polynomial: e^r - 1 = hi_r + (r c / (2 - c) - lo_r), so
// e^x - 1 = (2^k - 1) + 2^k hi_r + 2^k (r c / (2 - c) - lo_r).
constexpr double_double expm1_parts(double x) noexcept {
  const std::uint32_t hx = high_word(x) & 0x7fffffffU;
  int k = 0;
  double hi = x, lo = 0.0;
  if (hx > 0x3fd62e42U) {  // |x| > ln2/2
    k = static_cast<int>(invln2 * x - 0.5);
    const double t = k;
    hi = x - t * ln2_hi;
    lo = t * ln2_lo;
  }
  const double r = hi - lo;
  const double rr = r * r;
  const double c = r - rr * (P1 + rr * (P2 + rr * (P3 + rr * (P4 + rr * P5))));
  const double scale = exp2i(k);
  const auto [b, b_lo] = two_sum(scale, -1.0);  // 2^k - 1 is inexact below k = -53
  const auto [a, a_lo] = two_sum(b, scale * hi);
  return fast_two_sum(a, (a_lo + b_lo) + scale * ((r * c) / (2.0 - c) - lo));
}

// tanh(x) = -m / (2 + m) with m = e^-2|x| - 1 (s_tanh.c's formula for
// |x| < 1, used everywhere here). fdlibm rounds m, 2 + m and the quotient,
// up to 2.03 ulp in all; carrying m and 2 + m as double_doubles and
// correcting the quotient by its exact remainder leaves about one rounding.
// Exactly +-1 once |x| >= 22, where tanh is within half an ulp of 1.
constexpr double tanh(double x) noexcept {
  if (is_nan(x)) return x;
  const std::uint32_t ix = high_word(x) & 0x7fffffffU;
  double z = 1.0;
  if (ix < 0x40360000U) {  // |x| < 22
    if (ix < 0x3c800000U) return x;  // |x| < 2^-55: tanh(x) = x to working precision
    const auto [m, m_lo] = expm1_parts(x < 0 ? 2.0 * x : -2.0 * x);
    const auto [d, d_lo0] = two_sum(2.0, m);
    const double d_lo = d_lo0 + m_lo;
    const double q = -m / d;
    const auto [qd, qd_lo] = two_product(q, d);
    // -(m + m_lo) - q (d + d_lo), where -m - qd is exact (Sterbenz)
    z = q + ((((-m - qd) - qd_lo) - m_lo) - q * d_lo) / d;
  }
  return x < 0 ? -z : z;
}

// Correctly rounded square root. Write x = m 2^E with m in [1, 4) and E
// even; Newton's method brings y within an ulp of sqrt(m); then the exact
// residual r = m - y^2 decides between y and its neighbours. The root is
// above the midpoint y + u/2 exactly when r > y u (r and y u are both
// multiples of u^2, so the u^2/4 term can never tip the comparison), and
// a square root of a double never lands on a midpoint, so there are no ties.
constexpr double sqrt(double x) noexcept {
  if (is_nan(x)) return x;
  if (x < 0) return nan;
  if (x == 0 || x == inf) return x;  // keeps the sign of -0
  int E = 0;
  if (x < 0x1p-1022) {
    x *= 0x1p54;
    E = -54;
  }
  const std::uint64_t bits = std::bit_cast<std::uint64_t>(x);
  E += static_cast<int>(bits >> 52) - 1023;
  double m = std::bit_cast<double>((bits & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL);
  if (E % 2 != 0) {
    m *= 2.0;
    E -= 1;
  }
  double y = 0.70833333333333333 + m / 3.0;  // within 4.2 % of sqrt(m) on [1, 4)
  for (int i = 0; i < 4; ++i) y = 0.5 * (y + m / y);  // error 4e-2 -> 9e-4 -> 4e-7 -> 7e-14 -> 1 ulp
  for (int i = 0; i < 2; ++i) {
    const double up = y >= 2.0 ? 0x1p-51 : 0x1p-52;    // gap to the next double above y
    const double down = y > 1.0 ? 0x1p-52 : 0x1p-53;   // gap to the next double below y
    const auto [p, e] = two_product(y, y);
    const double r = (m - p) - e;  // m - y^2, exact
    if (r > y * up)
      y += up;
    else if (r <= -y * down)
      y -= down;
    else
      break;
  }
  return add_to_exponent(y, E / 2);
}

// x^y = e^(y log x), with log x in extra precision (log_parts) and the
// product y log x as a double_double that exp_parts takes whole: only the
// final exponential rounds, so exact powers (3^2, 2^-10) come out exact.
// The special cases follow C99 Annex F (F.10.4.4).
constexpr double pow(double x, double y) noexcept {
  if (y == 0 || x == 1.0) return 1.0;
  if (is_nan(x) || is_nan(y)) return nan;
  const bool x_negative = (high_word(x) >> 31) != 0;  // -0 too
  const double ax = x_negative ? -x : x;
  const double ay = y < 0 ? -y : y;
  if (ay == inf) {
    if (ax == 1.0) return 1.0;  // (-1)^+-inf
    return (ax > 1.0) == (y > 0) ? inf : 0.0;
  }
  // Doubles at or past 2^53 in magnitude are all even integers.
  const bool y_integral = ay >= 0x1p53 || y == static_cast<double>(static_cast<long long>(y));
  const bool y_odd = y_integral && ay < 0x1p53 && (static_cast<long long>(y) & 1) != 0;
  double r = 0.0;
  if (ax == 0 || ax == inf) {
    r = (ax == inf) == (y > 0) ? inf : 0.0;
  } else if (x_negative && !y_integral) {
    return nan;
  } else if (ax == 1.0) {
    // (-1)^y, y integral: +-1. Not through y log 1 = 0: two_product splits
    // y, which overflows past about 1e300 (inf - inf, then a NaN cast to
    // int in exp_parts: undefined behaviour, found by tests/fuzz).
    r = 1.0;
  } else {
    const auto [lh, ll] = log_parts(ax);
    const double alh = lh < 0 ? -lh : lh;
    if (ay > 0x1p20 && alh > 0x1p11 / ay) {
      // |y log x| > 2^11: certain over- or underflow, decided before any
      // product that constant evaluation would reject as overflowing.
      r = (lh > 0) == (y > 0) ? inf : 0.0;
    } else {
      const auto [ph, pl] = two_product(y, lh);
      const auto [zh, zl] = fast_two_sum(ph, pl + y * ll);
      r = exp_parts(zh, zl);
    }
  }
  return x_negative && y_odd ? -r : r;
}

}  // namespace ctnn::detail::fdlibm

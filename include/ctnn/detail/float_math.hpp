// ctnn/detail/float_math.hpp - exp, tanh and sigmoid for float, in float
// arithmetic: the algorithms constant evaluation runs for float networks,
// and (restated without branches in vector_math.hpp, same bits) the ones a
// run-time loop over a float matrix runs, 8 or 16 to a vector register.
//
// Why not double, as ctnn's other float functions are: a double kernel
// fills half as many lanes, and converts each value in and out. Measured on
// 96 floats (GCC 12 -O3 -march=native, AMD EPYC): tanh 326 ns in double,
// 52 ns here; sigmoid 245 against 38 ns.
//
// Accuracy, every float checked against glibc's expf and tanhf and against
// long double (docs/math.md): exp within 1 ulp of glibc everywhere, 1.004 ulp
// of error at most; tanh within 2 ulp of glibc, 1.33 ulp of error at most;
// sigmoid 2.40 ulp of error at most, as it was computed from a double exp
// (its quotient, not its exp, is the larger error).
//
// Written as ordinary branchy code: in constant evaluation each statement
// counts, and no operation may make an infinity or a NaN.
#pragma once

#include <bit>
#include <cstdint>
#include <limits>

namespace ctnn::detail::float_math {

// e^x = 2^k e^r, with k = round(x log2 e) and |r| <= ln2 / 2. The reduction
// and the polynomial are Cephes's expf (S. L. Moshier): ln 2 split in two so
// that k ln2_hi is exact for every k that occurs (ln2_hi has 9 significant
// bits, k at most 8), and e^r = 1 + r + r^2 P(r).
inline constexpr float log2e = 0x1.715476p+0f;
inline constexpr float ln2_hi = 0x1.63p-1f;        // 0.693359375
inline constexpr float ln2_lo = -0x1.bd0106p-13f;  // -2.12194440e-4: ln 2 - ln2_hi
inline constexpr float exp_p0 = 0x1.a0d2cep-13f, exp_p1 = 0x1.6e879cp-10f, exp_p2 = 0x1.111210p-7f,
                       exp_p3 = 0x1.555382p-5f, exp_p4 = 0x1.555554p-3f, exp_p5 = 0x1p-1f;
// Rounding to an integer by adding 1.5 2^23: the sum's ulp is 1, so it
// rounds x log2 e to the nearest integer (ties to even), and its low bits
// hold that integer. The same in constant evaluation as in a vector lane.
inline constexpr float round_shift = 0x1.8p23f;
inline constexpr std::uint32_t round_shift_bits = 0x4b400000u;
// The largest float whose e^x is finite, and a bound below which e^x rounds to 0.
inline constexpr float o_threshold = 0x1.62e42ep6f;  // 88.7228317
inline constexpr float u_threshold = -104.0f;        // e^-104 < 2^-150

// e^r for r = x - kf ln 2, kf = round(x log2 e): in [0.70, 1.42]. Shared,
// bit for bit, with the vector kernels (vector_math.hpp), which find kf the
// same way but read k from the bits; always inlined, as a call left in a
// loop stops it vectorising.
//
// P(r) = p5 + p4 r + ... + p0 r^5 by Horner's rule in z = r^2 over the pairs
// (p4 r + p5), (p2 r + p3), (p0 r + p1), which are computed side by side:
// a chain of 3 multiply-adds after r, where Horner's rule in r has 5. The
// chain is what a one-row layer waits for, and what limits a loop over a
// layer once the processor's window holds only a few iterations of it
// (docs/runtime_speed.md): a chain of float sigmoids 28.9 -> 25.1 ns each,
// GCC 12 -O3 (Clang 19: 30.2 -> 26.3), a loop of 1,024 tanh 6-8 % shorter
// with SSE2 and within 5 % with AVX2. It rounds differently: over every float,
// exp's largest error is 1.004 ulp (Horner in r: 0.990), still within 1
// ulp of glibc's expf everywhere.
[[gnu::always_inline]] constexpr float exp_of_reduced(float x, float kf) noexcept {
  const float r = (x - kf * ln2_hi) - kf * ln2_lo;  // x - kf ln2_hi is exact (Sterbenz)
  const float z = r * r;
  return ((exp_p4 * r + exp_p5) + z * ((exp_p2 * r + exp_p3) + z * (exp_p0 * r + exp_p1))) * z + r + 1.0f;
}

// The reduction and e^r: returns e^r and sets k.
constexpr float reduced_exp(float x, int& k) noexcept {
  const float kf = (log2e * x + round_shift) - round_shift;
  k = static_cast<int>(kf);
  return exp_of_reduced(x, kf);
}

// y 2^k for y in [0.5, 2): the exponent field when the result is normal;
// below, y 2^(k + 64) (normal, exact) times 2^-64, which rounds once.
constexpr float scale(float y, int k) noexcept {
  const std::uint32_t bits = std::bit_cast<std::uint32_t>(y);
  if (k >= -125) return std::bit_cast<float>(bits + (static_cast<std::uint32_t>(k) << 23));
  return std::bit_cast<float>(bits + (static_cast<std::uint32_t>(k + 64) << 23)) * 0x1p-64f;
}

constexpr float exp(float x) noexcept {
  if (x != x) return x;
  if (x > o_threshold) return std::numeric_limits<float>::infinity();
  if (x < u_threshold) return 0.0f;
  int k = 0;
  const float y = reduced_exp(x, k);
  return scale(y, k);
}

// tanh(x) = x + x^3 P(x^2) for |x| < 0.625, a minimax fit in relative error
// (tools/fit_tanh_float.py, NumPy: 0.14 of 2^-24 with these float
// coefficients); 1 - 2 / (e^2|x| + 1) above, where that quotient is small
// enough not to cancel; +-1 from 9.5, where tanh rounds to 1 (from 9.01).
inline constexpr float tanh_c3 = -0x1.555532p-2f, tanh_c5 = 0x1.110726p-3f, tanh_c7 = -0x1.b83c5ap-5f,
                       tanh_c9 = 0x1.522698p-6f, tanh_c11 = -0x1.75e1c0p-8f;
inline constexpr float tanh_series_below = 0.625f, tanh_one_from = 9.5f;

constexpr float tanh(float x) noexcept {
  if (x != x) return x;
  const float ax = x < 0 ? -x : x;
  if (ax < tanh_series_below) {
    if (x == 0) return x;  // the series would turn -0 into +0
    const float x2 = x * x;
    return x + x * x2 * (tanh_c3 + x2 * (tanh_c5 + x2 * (tanh_c7 + x2 * (tanh_c9 + x2 * tanh_c11))));
  }
  if (!(ax < tanh_one_from)) return x < 0 ? -1.0f : 1.0f;
  int k = 0;
  const float y = reduced_exp(2.0f * ax, k);  // sets k: a statement of its own, as argument order is unspecified
  const float e = scale(y, k);                // e^2|x| in [3.49, 1.8e8]: always normal
  const float t = 1.0f - 2.0f / (e + 1.0f);
  return x < 0 ? -t : t;
}

// 1 / (1 + e^-x) from e = e^-|x| in (0, 1], so nothing overflows: 1 / (1 + e)
// for x >= 0, e / (1 + e) below, and sigmoid(+-1000) is exactly 1 or 0.
constexpr float sigmoid(float x) noexcept {
  if (x != x) return x;  // Clang rejects arithmetic that yields NaN in constant evaluation, even on a NaN
  const float e = exp(x >= 0 ? -x : x);
  return x >= 0 ? 1.0f / (1.0f + e) : e / (1.0f + e);
}

}  // namespace ctnn::detail::float_math

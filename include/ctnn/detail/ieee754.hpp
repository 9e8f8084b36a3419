// ctnn/detail/ieee754.hpp - bit-level access to IEEE-754 doubles, usable in
// constant evaluation (std::bit_cast is constexpr; unions and memcpy are not).
#pragma once

#include <bit>
#include <cstdint>
#include <limits>

// std::is_constant_evaluated() without the call: constant evaluation
// charges a step for every function call, and the hot loops ask once per
// layer per pass (18 Clang steps per epoch of XOR 2-4-1 with the call).
#define CTNN_CONSTANT_EVALUATED() __builtin_is_constant_evaluated()

namespace ctnn::detail {

static_assert(std::numeric_limits<double>::is_iec559 && sizeof(double) == 8,
              "ctnn: needs IEEE-754 binary64 double");
static_assert(std::numeric_limits<float>::is_iec559 && sizeof(float) == 4,
              "ctnn: needs IEEE-754 binary32 float");

// fdlibm reads a double as two 32-bit words; these keep its comparisons
// (`hx < 0x3fd62e42`) recognisable next to the original source.
constexpr std::uint32_t high_word(double x) noexcept {
  return static_cast<std::uint32_t>(std::bit_cast<std::uint64_t>(x) >> 32);
}
constexpr std::uint32_t low_word(double x) noexcept {
  return static_cast<std::uint32_t>(std::bit_cast<std::uint64_t>(x));
}
constexpr double with_high_word(double x, std::uint32_t hi) noexcept {
  return std::bit_cast<double>((std::uint64_t{hi} << 32) | low_word(x));
}
// Multiplies by 2^k by adding k to the exponent field. The caller guarantees
// the result is a normal number, which is why no rounding can happen here.
constexpr double add_to_exponent(double x, int k) noexcept {
  return std::bit_cast<double>(std::bit_cast<std::uint64_t>(x) +
                               (static_cast<std::uint64_t>(static_cast<std::int64_t>(k)) << 52));
}
// 2^k for a normal-range k (-1022 <= k <= 1023), exactly.
constexpr double exp2i(int k) noexcept {
  return std::bit_cast<double>(static_cast<std::uint64_t>(k + 1023) << 52);
}

constexpr bool is_nan(double x) noexcept { return x != x; }
constexpr bool is_nan(float x) noexcept { return x != x; }

// Rounds a double to float without the undefined behaviour (and, in constant
// evaluation, the hard error) of converting a value beyond float's range.
constexpr float to_float(double d) noexcept {
  // FLT_MAX plus half an ulp: anything at or past it rounds to infinity.
  constexpr double overflow = 0x1.ffffffp127;
  if (d >= overflow) return std::numeric_limits<float>::infinity();
  if (d <= -overflow) return -std::numeric_limits<float>::infinity();
  return static_cast<float>(d);
}

}  // namespace ctnn::detail

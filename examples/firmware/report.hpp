// examples/firmware/report.hpp - runs every predict function on its
// network's training inputs and writes one line per output, without printf
// (which would bring malloc and 20 KB of newlib into the firmware):
//
//   walkthrough f32 0 0x3f3fffe0 0.749999    network, format, row, exact bits, value to 1e-6
//   walkthrough q7_8 0 192 0.750000          Q7.8: the raw int16_t, then raw / 256
//
// The firmware (main.cpp) writes them through semihosting, the host
// program (host.cpp) to stdout; run_qemu.py compares the two.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>

#include <ctnn/quantize.hpp>

#include "data.hpp"
#include "predict.h"

namespace firmware {

// A line of text built without the C library.
struct line {
  char text[96]{};
  std::size_t size = 0;

  line& put(const char* s) {
    while (*s != '\0' && size + 1 < sizeof text) text[size++] = *s++;
    return *this;
  }
  // 32-bit arithmetic only: a 64-bit division or a float-to-int64
  // conversion would link libgcc's soft-double and long-division code.
  line& put_unsigned(std::uint32_t v, int min_digits = 1) {
    char digits[24]{};
    int n = 0;
    do {
      digits[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0 || n < min_digits);
    while (n > 0 && size + 1 < sizeof text) text[size++] = digits[--n];
    return *this;
  }
  line& put_hex(std::uint32_t v) {
    put("0x");
    for (int shift = 28; shift >= 0; shift -= 4) text[size++] = "0123456789abcdef"[(v >> shift) & 0xf];
    return *this;
  }
  // micro / 10^6, with its sign.
  line& put_micro(std::int32_t micro) {
    if (micro < 0) put("-");
    const auto m = static_cast<std::uint32_t>(micro < 0 ? -micro : micro);
    return put_unsigned(m / 1000000).put(".").put_unsigned(m % 1000000, 6);
  }
};

inline constexpr ctnn::matrix<float, 3, 2> walkthrough_X_f32 = ctnn::convert<float>(walkthrough_X);
inline constexpr ctnn::matrix<ctnn::q7_8, 3, 2> walkthrough_X_q7_8 = ctnn::quantize<ctnn::q7_8>(walkthrough_X);
inline constexpr ctnn::matrix<float, 4, 2> xor_X_f32 = ctnn::convert<float>(xor_X);
inline constexpr ctnn::matrix<ctnn::q7_8, 4, 2> xor_X_q7_8 = ctnn::quantize<ctnn::q7_8>(xor_X);

template <std::size_t N, class Write>
void report_network(const char* name, const ctnn::matrix<float, N, 2>& X_f32,
                    const ctnn::matrix<ctnn::q7_8, N, 2>& X_q7_8, float (*predict_f32)(const float*),
                    std::int16_t (*predict_q7_8)(const std::int16_t*), Write write) {
  for (std::size_t i = 0; i < N; ++i) {
    const float in[2] = {X_f32(i, 0), X_f32(i, 1)};
    const float out = predict_f32(in);
    const auto micro = static_cast<std::int32_t>(out * 1e6f + (out < 0 ? -0.5f : 0.5f));  // |out| < 2147
    line l;
    l.put(name).put(" f32 ").put_unsigned(static_cast<std::uint32_t>(i)).put(" ").put_hex(std::bit_cast<std::uint32_t>(out)).put(" ");
    l.put_micro(micro).put("\n");
    write(l.text, l.size);
  }
  for (std::size_t i = 0; i < N; ++i) {
    const std::int16_t in[2] = {X_q7_8(i, 0).raw, X_q7_8(i, 1).raw};
    const std::int16_t raw = predict_q7_8(in);
    const std::int32_t scaled = std::int32_t{raw} * 15625;  // raw / 256 in millionths = raw * 15625 / 4
    line l;
    l.put(name).put(" q7_8 ").put_unsigned(static_cast<std::uint32_t>(i)).put(" ");
    if (raw < 0) l.put("-");
    l.put_unsigned(static_cast<std::uint32_t>(raw < 0 ? -raw : raw)).put(" ");
    l.put_micro((scaled + (scaled < 0 ? -2 : 2)) / 4).put("\n");
    write(l.text, l.size);
  }
}

// Writes every line through write(const char* text, std::size_t size).
template <class Write>
void report(Write write) {
  report_network("walkthrough", walkthrough_X_f32, walkthrough_X_q7_8, walkthrough_predict_f32,
                 walkthrough_predict_q7_8, write);
  report_network("xor", xor_X_f32, xor_X_q7_8, xor_predict_f32, xor_predict_q7_8, write);
}

}  // namespace firmware

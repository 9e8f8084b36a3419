// ctnn/detail/interleaved.hpp - the one summation order ctnn chooses for
// speed: on a batch of fewer than 4 rows, a sum of 16 or more products is
// 8 interleaved partial sums, at compile time as at run time.
//
// Everywhere else ctnn adds a sum's terms left to right, in the order the
// walkthrough writes them. Left to right, a sum is one chain of additions,
// each waiting for the one before (3 to 5 cycles): a batch of 4 or more rows
// has other sums to run meanwhile, one row has not. So for N < 4 rows:
// - δ Wᵀ's dot products over a layer's outputs (gradient.hpp), and
// - a layer's sums z(n, j) = Σ_k a(n, k) W(k, j) (+ b(j)) (layer.hpp)
// are each summed as interleaved_dot says. The order depends on N and the
// layer's sizes only, which are types, so constant evaluation and run time
// add the same terms in the same order: the same bits (tests/bit_identity).
// What it gives up: the same row can round differently in a batch of 1 and
// in a batch of 32 (both are correct to the same few ulp).
#pragma once

#include <cstddef>

#include "../matrix.hpp"

namespace ctnn::detail {

// Whether a batch of N rows sums Terms products in interleaved partial sums.
template <std::size_t N, std::size_t Terms>
inline constexpr bool interleaved_sums = N < 4 && Terms >= 16;

// The 8 partial sums added as a vector's halves are: s_i + s_i+4, then
// + s_i+2, then s_0 + s_1. S is T, or a vector of outputs each summed so.
template <class S>
[[gnu::always_inline]] constexpr S fold_eight(S (&s)[8]) noexcept {
  for (std::size_t i = 0; i < 4; ++i) s[i] += s[i + 4];
  for (std::size_t i = 0; i < 2; ++i) s[i] += s[i + 2];
  return s[0] + s[1];
}

// Σ_t d[t] w[t Stride] over t < Terms as 8 partial sums, s_i of the terms
// with t = i mod 8 in increasing t, folded (fold_eight), then the terms past
// the last 8 left to right. Stride 1 reads a row of W, stride Out a column.
template <std::size_t Terms, std::size_t Stride = 1, class T>
[[gnu::always_inline]] constexpr T interleaved_dot(const T* d, const T* w) noexcept {
  constexpr std::size_t blocked = Terms - Terms % 8;
  T s[8] = {};
  for (std::size_t t = 0; t < blocked; t += 8)
    for (std::size_t i = 0; i < 8; ++i) s[i] += d[t + i] * w[(t + i) * Stride];
  T total = fold_eight(s);
  for (std::size_t t = blocked; t < Terms; ++t) total += d[t] * w[t * Stride];
  return total;
}

// A layer's z(j) for one row a: interleaved_dot over k of a(k) W(k, j),
// then + b(j), or + 0 without a bias (B is then not read).
template <std::size_t In, std::size_t Out, bool HasBias, class T>
[[gnu::always_inline]] constexpr T interleaved_z(const T* a, const T* W, const T* B, std::size_t j) noexcept {
  return interleaved_dot<In, Out>(a, W + j) + (HasBias ? B[j] : T{});
}

#if defined(CTNN_VECTOR_BYTES)
// interleaved_dot's sums (stride 1), in the same order, in vector registers
// (GCC's and Clang's vector extension): the 8 partial sums are 8 / R
// accumulators of R lanes, R = min(register_lanes<T>, 8), so that each is
// one register (a vector wider than the registers went through the stack
// with GCC 12: the one-row double δ Wᵀ at -O3 was slower than the
// left-to-right sums). Written as interleaved_dot, GCC 12 vectorised the
// loop over t instead, transposing W with permutes, and the 32 x 32 float
// δ Wᵀ of one row took 614 ns, 2x the left-to-right sums. s_i + s_i+4 and
// s_i + s_i+2 are accumulators added together where a step spans them, and
// a shuffle within one where it does not (the same sums, commuted, land in
// the lanes not used).
template <std::size_t Terms, class T>
[[gnu::always_inline]] inline T interleaved_dot_at_run_time(const T* d, const T* w) noexcept {
  constexpr std::size_t R = register_lanes<T> < 8 ? register_lanes<T> : 8, M = 8 / R;
  static_assert(R >= 2, "ctnn: interleaved_dot_at_run_time needs registers of 2 lanes or more");
  using V = typename lanes_of<T, R>::type;
  constexpr std::size_t blocked = Terms - Terms % 8;
  V s[M] = {};
  for (std::size_t t = 0; t < blocked; t += 8)
    for (std::size_t m = 0; m < M; ++m) {
      V dv, wv;
      __builtin_memcpy(&dv, d + t + m * R, sizeof dv);
      __builtin_memcpy(&wv, w + t + m * R, sizeof wv);
      s[m] += dv * wv;
    }
  // s_i += s_i+4
  if constexpr (R == 8) {
    s[0] += __builtin_shufflevector(s[0], s[0], 4, 5, 6, 7, 0, 1, 2, 3);
  } else {
    for (std::size_t m = 0; m < M / 2; ++m) s[m] += s[m + M / 2];
  }
  // s_i += s_i+2
  if constexpr (R == 8) {
    s[0] += __builtin_shufflevector(s[0], s[0], 2, 3, 0, 1, 0, 1, 2, 3);
  } else if constexpr (R == 4) {
    s[0] += __builtin_shufflevector(s[0], s[0], 2, 3, 0, 1);
  } else {
    s[0] += s[1];
  }
  T total = s[0][0] + s[0][1];
  for (std::size_t t = blocked; t < Terms; ++t) total += d[t] * w[t];
  return total;
}

#else
template <std::size_t Terms, class T>
inline T interleaved_dot_at_run_time(const T* d, const T* w) noexcept {
  return interleaved_dot<Terms>(d, w);
}
#endif

// One row of a layer's sums at run time, each as interleaved_z sums it.
// Along j in vectors of row_lanes where they fill 16 bytes or more: then
// each of the 8 partial sums is a vector of R outputs, 8 independent chains
// of In / 8 multiply-adds, each term a slice of a row of W (no gathering of
// W's columns), and the same operations on each output as interleaved_z's:
// the same bits.
template <std::size_t In, std::size_t Out, bool HasBias, class T>
[[gnu::always_inline]] inline void interleaved_row_at_run_time(const T* __restrict a, const T* __restrict W,
                                                               const T* __restrict B, T* __restrict z) noexcept {
#if defined(CTNN_VECTOR_BYTES)
  if constexpr (row_lanes<T, Out> * sizeof(T) >= 16) {
    constexpr std::size_t R = row_lanes<T, Out>, blocked = In - In % 8;
    using V = typename lanes_of<T, R>::type;
    for (std::size_t j = 0; j < Out; j += R) {
      V s[8] = {};
      for (std::size_t k = 0; k < blocked; k += 8)
        for (std::size_t i = 0; i < 8; ++i) {
          V w;
          __builtin_memcpy(&w, W + (k + i) * Out + j, sizeof w);
          s[i] += a[k + i] * w;
        }
      V total = fold_eight(s);
      for (std::size_t k = blocked; k < In; ++k) {
        V w;
        __builtin_memcpy(&w, W + k * Out + j, sizeof w);
        total += a[k] * w;
      }
      V b{};
      if constexpr (HasBias) __builtin_memcpy(&b, B + j, sizeof b);
      total += b;
      __builtin_memcpy(z + j, &total, sizeof total);
    }
    return;
  }
#endif
  for (std::size_t j = 0; j < Out; ++j) z[j] = interleaved_z<In, Out, HasBias>(a, W, B, j);
}

}  // namespace ctnn::detail

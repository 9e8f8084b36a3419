// ctnn/random.hpp - a constexpr PRNG and weight initialisers.
//
// SplitMix64 (Steele, Lea and Flood, 2014): 64-bit state, integer-only, so
// the same seed gives the same bits on every compiler, at compile time and
// at run time. Uniform reals take the top 53 bits, so they are exact doubles.
#pragma once

#include <cstddef>
#include <cstdint>

#include "math.hpp"

namespace ctnn {

struct splitmix64 {
  std::uint64_t state = 0;

  friend constexpr bool operator==(const splitmix64&, const splitmix64&) = default;

  constexpr std::uint64_t operator()() noexcept {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  // Uniform on [0, 1), a multiple of 2^-53.
  constexpr double uniform() noexcept { return static_cast<double>((*this)() >> 11) * 0x1p-53; }

  // Uniform on [lo, hi).
  constexpr double uniform(double lo, double hi) noexcept { return lo + (hi - lo) * uniform(); }

  // Uniform integer on [0, n), without modulo bias (Lemire's rejection method
  // would need 128-bit products; rejection from a power-of-two mask does not).
  constexpr std::size_t below(std::size_t n) noexcept {
    if (n <= 1) return 0;
    std::uint64_t mask = n - 1;
    for (unsigned s = 1; s < 64; s <<= 1) mask |= mask >> s;
    for (;;) {
      const std::uint64_t r = (*this)() & mask;
      if (r < n) return static_cast<std::size_t>(r);
    }
  }
};

// Initialisers: each gives the half-width of the uniform interval the
// weights of an In x Out layer are drawn from. Biases start at zero.

// Glorot and Bengio (2010): keeps the variance of activations and gradients
// alike across layers for sigmoid and tanh. U(-r, r) with r = sqrt(6 / (In + Out)).
struct xavier_uniform {
  static constexpr double limit(std::size_t in, std::size_t out) noexcept {
    return math::sqrt(6.0 / static_cast<double>(in + out));
  }
};

// He et al. (2015): for ReLU layers, which zero half their inputs.
// U(-r, r) with r = sqrt(6 / In).
struct he_uniform {
  static constexpr double limit(std::size_t in, std::size_t /*out*/) noexcept {
    return math::sqrt(6.0 / static_cast<double>(in));
  }
};

template <class I>
concept Initializer = requires(std::size_t n) {
  { I::limit(n, n) } -> std::convertible_to<double>;
};

}  // namespace ctnn

// Proves that the branch-free run-time kernels (ctnn/detail/vector_math.hpp)
// return the same bits as the constant-evaluation algorithms
// (ctnn::math::portable, fdlibm.hpp) they restate, and so, with
// constexpr_equals_runtime.cpp, the same bits as constant evaluation:
//   - float: every 257th bit pattern of all 2^32 (16.7 million values), and
//     the 8,192 floats around each threshold of the algorithms
//     (float_math.hpp's; benchmarks/float_math_exhaustive.cpp compares all
//     2^32, in about 10 minutes: too long for the suite);
//   - double: 3 million random doubles of every exponent, 3 million
//     uniform over the range where the functions are not constant, and the
//     edges (zeros, subnormals, thresholds, infinities, NaN).
// Each mismatch is reported with its input.
#include <doctest/doctest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <limits>

#include <ctnn/detail/vector_math.hpp>
#include <ctnn/math.hpp>

namespace {

namespace vm = ctnn::detail::vector_math;
namespace portable = ctnn::math::portable;
namespace fd = ctnn::detail::fdlibm;

template <class T>
auto bits(T x) {
  if constexpr (sizeof(T) == 8) return std::bit_cast<std::uint64_t>(x); else return std::bit_cast<std::uint32_t>(x);
}

struct tally {
  const char* name;
  std::uint64_t checked = 0, wrong = 0;
  template <class T>
  void check(T x, T got, T want) {
    ++checked;
    // NaN in, NaN out: payloads are not part of the promise.
    if (bits(got) == bits(want) || (got != got && want != want)) return;
    if (++wrong <= 5) std::printf("%s(%a): vector_math %a, portable %a\n", name, double(x), double(got), double(want));
  }
};

void check_float(float x, tally& e, tally& s, tally& t) {
  e.check(x, vm::exp(x), portable::exp(x));
  s.check(x, vm::sigmoid(x), ctnn::detail::float_math::sigmoid(x));  // ctnn::math::sigmoid's constexpr path
  t.check(x, vm::tanh(x), portable::tanh(x));
}

void check_double(double x, tally& e, tally& s, tally& t) {
  e.check(x, vm::exp(x), fd::exp(x));
  s.check(x, vm::sigmoid(x), fd::sigmoid(x));
  t.check(x, vm::tanh(x), fd::tanh(x));
}

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

TEST_CASE("float: vector_math == portable, every 257th bit pattern and around the thresholds") {
  tally e{"exp"}, s{"sigmoid"}, t{"tanh"};
  for (std::uint64_t b = 0; b <= 0xffffffffULL; b += 257) check_float(std::bit_cast<float>(static_cast<std::uint32_t>(b)), e, s, t);
  // float_math's: exp's k = +-1 and its over- and underflow, the first
  // subnormal result (k = -126) and -104; tanh's 0.625 and 9.5.
  for (const float edge : {0.0f, 0x1.62e43p-2f, 0.625f, 9.5f, 88.72f, -87.33f, -103.97f, -104.0f, 0x1p-126f}) {
    float up = edge, down = edge;
    for (int i = 0; i < 4096; ++i, up = std::nextafter(up, 1e30f), down = std::nextafter(down, -1e30f))
      check_float(up, e, s, t), check_float(down, e, s, t), check_float(-up, e, s, t), check_float(-down, e, s, t);
  }
  CHECK(e.checked > 16'000'000);
  CHECK(e.wrong == 0);
  CHECK(s.wrong == 0);
  CHECK(t.wrong == 0);
}

TEST_CASE("double: vector_math == fdlibm on random doubles and the edges") {
  tally e{"exp"}, s{"sigmoid"}, t{"tanh"};
  constexpr double inf = std::numeric_limits<double>::infinity();
  const double edges[] = {0.0, -0.0, 0x1p-1074, -0x1p-1074, 0x1p-1022, 0x1p-56, 0x1p-55, -0x1p-55, 0x1.fffffffffffffp-56,
                          0x1.62e42fefa39efp-2, 0x1.62e43p-2, -0x1.62e43p-2, -0x1.62e42fffffffffp-2, 1.0, -1.0, 22.0,
                          -22.0, 0x1.5fffffffffffffp4, fd::o_threshold, fd::u_threshold, 709.79, -745.2, -708.4,
                          -708.3964185322641, -744.4, 1e300, -1e300, inf, -inf, std::numeric_limits<double>::quiet_NaN()};
  for (double x : edges) check_double(x, e, s, t);
  std::uint64_t state = 20261201;
  for (int i = 0; i < 3'000'000; ++i) {
    check_double(std::bit_cast<double>(splitmix64(state)), e, s, t);  // every exponent, NaNs included
    const double u = static_cast<double>(splitmix64(state) >> 11) * 0x1p-53;
    check_double(-760.0 + 1480.0 * u, e, s, t);  // where exp and sigmoid are not constant
    check_double(-23.0 + 46.0 * u, e, s, t);     // where tanh is not +-1
  }
  CHECK(e.checked > 9'000'000);
  CHECK(e.wrong == 0);
  CHECK(s.wrong == 0);
  CHECK(t.wrong == 0);
}

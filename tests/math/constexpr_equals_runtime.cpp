// Proves that constant evaluation computes the same bits as a run-time call
// of ctnn::math::portable, so the accuracy measured at run time by
// tests/math/accuracy.cpp holds for the values ctnn computes while
// compiling. Each table below is filled in constant evaluation through the
// public ctnn::math functions; the test recomputes every entry at run time
// with portable:: and compares bit patterns.
//
// ctnn::math::sigmoid, which has no portable:: twin, is compared through
// its run-time call, which by default uses ctnn's exp too.
#include <doctest/doctest.h>

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>

#include <ctnn/math.hpp>

namespace {

namespace m = ctnn::math;
namespace portable = ctnn::math::portable;

// The same SplitMix64 as tests/math/accuracy.cpp, constexpr.
struct splitmix64 {
  std::uint64_t state;

  constexpr std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  constexpr double unit() { return static_cast<double>(next() >> 11) * 0x1p-53; }
  constexpr double uniform(double lo, double hi) { return lo + (hi - lo) * unit(); }
  // Random sign and a random binade down to 2^-(span): reaches the
  // small-argument branches that a uniform draw never hits.
  constexpr double small(int span) {
    double x = unit();
    for (auto k = next() % static_cast<std::uint64_t>(span); k != 0; --k) x *= 0.5;
    return next() & 1 ? -x : x;
  }
};

enum class fn { exp, expm1, log, log1p, tanh, sqrt, pow, sigmoid };
inline constexpr std::size_t random_points = 40;

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
inline constexpr std::array<double, 24> edges = {
    0.0, -0.0, 0x1p-1074, 0x1p-1022, -0x1p-30, 0x1p-60, 0.34657359027997264, -0.5, 1.0, -1.0,
    2.0, 22.0, -22.0, 88.7, -103.9, 709.78, -708.5, -745.1, 710.0, -746.0, 1e300, inf, -inf, nan};

// Arguments for one function: the edges, then random points over its range.
constexpr double argument(fn f, std::size_t i, splitmix64& rng) {
  if (i < edges.size()) return edges[i];
  switch (f) {
    case fn::exp:
    case fn::expm1:
    case fn::sigmoid:
      return rng.next() & 1 ? rng.uniform(-745.0, 709.0) : rng.small(60);
    case fn::log:
    case fn::sqrt:
      return rng.next() & 1 ? std::bit_cast<double>(rng.next() >> 2) : 1.0 + rng.small(40);
    case fn::log1p:
      return rng.next() & 1 ? rng.uniform(-1.0, 1e6) : rng.small(60);
    case fn::tanh:
      return rng.next() & 1 ? rng.uniform(-25.0, 25.0) : rng.small(60);
    case fn::pow:
      return rng.uniform(0.0, 30.0);
  }
  return 0.0;
}
// pow's exponent, so that x^y stays mostly within range.
constexpr double exponent(std::size_t i, splitmix64& rng) {
  if (i < edges.size()) return i % 3 == 0 ? 3.0 : (i % 3 == 1 ? -0.5 : 1e300);
  return rng.next() & 1 ? static_cast<double>(static_cast<int>(rng.uniform(-40.0, 40.0)))
                        : rng.uniform(-200.0, 200.0);
}

template <class T>
struct entry {
  T x, y, result;
};

// The function under test as ctnn::math exposes it: in constant evaluation
// this is the portable algorithm.
template <class T>
constexpr T call_public(fn f, T x, T y) {
  switch (f) {
    case fn::exp: return m::exp(x);
    case fn::expm1: return m::expm1(x);
    case fn::log: return m::log(x);
    case fn::log1p: return m::log1p(x);
    case fn::tanh: return m::tanh(x);
    case fn::sqrt: return m::sqrt(x);
    case fn::pow: return m::pow(x, y);
    case fn::sigmoid: return m::sigmoid(x);
  }
  return T{0};
}

template <class T>
T call_portable(fn f, T x, T y) {
  switch (f) {
    case fn::exp: return portable::exp(x);
    case fn::expm1: return portable::expm1(x);
    case fn::log: return portable::log(x);
    case fn::log1p: return portable::log1p(x);
    case fn::tanh: return portable::tanh(x);
    case fn::sqrt: return portable::sqrt(x);
    case fn::pow: return portable::pow(x, y);
    case fn::sigmoid: return m::sigmoid(x);  // portable exp at run time, see the top
  }
  return T{0};
}

template <class T>
constexpr T narrow(double d) {
  if constexpr (std::is_same_v<T, float>) {
    return ctnn::detail::to_float(d);  // plain static_cast is an error past FLT_MAX here
  } else {
    return d;
  }
}

template <class T, fn F>
constexpr auto table() {
  std::array<entry<T>, edges.size() + random_points> t{};
  splitmix64 rng{static_cast<std::uint64_t>(F) + (std::is_same_v<T, float> ? 100u : 0u)};
  for (std::size_t i = 0; i < t.size(); ++i) {
    const T x = narrow<T>(argument(F, i, rng));
    const T y = narrow<T>(F == fn::pow ? exponent(i, rng) : 0.0);
    t[i] = {x, y, call_public(F, x, y)};
  }
  return t;
}

template <class T>
std::uint64_t bits(T v) {
  if constexpr (std::is_same_v<T, float>) {
    return std::bit_cast<std::uint32_t>(v);
  } else {
    return std::bit_cast<std::uint64_t>(v);
  }
}

template <class T, fn F>
void compare(const char* name) {
  static constexpr auto t = table<T, F>();  // computed while compiling
  int differ = 0;
  for (const entry<T>& e : t) {
    const T now = call_portable(F, e.x, e.y);
    if (bits(now) != bits(e.result) && !(now != now && e.result != e.result)) {
      ++differ;
      MESSAGE(name, "(", e.x, ", ", e.y, "): constant evaluation ", e.result, ", run time ", now);
    }
  }
  INFO(name);
  CHECK(differ == 0);
}

template <class T>
void compare_all() {
  compare<T, fn::exp>("exp");
  compare<T, fn::expm1>("expm1");
  compare<T, fn::log>("log");
  compare<T, fn::log1p>("log1p");
  compare<T, fn::tanh>("tanh");
  compare<T, fn::sqrt>("sqrt");
  compare<T, fn::pow>("pow");
  compare<T, fn::sigmoid>("sigmoid");
}

// sigmoid in constant evaluation: exact at the extremes, never NaN.
template <class T>
constexpr bool sigmoid_saturates() {
  return m::sigmoid(T{1000}) == T{1} && m::sigmoid(T{-1000}) == T{0} &&
         m::sigmoid(std::numeric_limits<T>::infinity()) == T{1} &&
         m::sigmoid(-std::numeric_limits<T>::infinity()) == T{0} && m::sigmoid(T{0}) == T{0.5};
}
static_assert(sigmoid_saturates<double>());
static_assert(sigmoid_saturates<float>());

template <class T, fn F>
constexpr bool no_nan_for_non_nan_input() {
  for (const entry<T>& e : table<T, F>()) {
    if (e.x == e.x && e.result != e.result) return false;
  }
  return true;
}
static_assert(no_nan_for_non_nan_input<double, fn::sigmoid>());
static_assert(no_nan_for_non_nan_input<float, fn::sigmoid>());

}  // namespace

TEST_CASE("constant evaluation and run time agree bit for bit: double") { compare_all<double>(); }
TEST_CASE("constant evaluation and run time agree bit for bit: float") { compare_all<float>(); }

// ctnn::fast_tanh and ctnn::fast_sigmoid, the opt-in rational activations:
// their accuracy against glibc (an implementation independent of ctnn),
// their exact values at the ends and on special inputs, compile-time bits =
// run-time bits (the run-time side through ctnn::activate's loop over a
// matrix, which the compiler vectorises), training with them at compile
// time and at run time, and binary cross-entropy's fused δ.
//
// Built with -ffp-contract=off, and again with -march=native
// (tests/meson.build), as tests/bit_identity.cpp is: a fused multiply-add
// would round once where constant evaluation rounds twice.
//
// The error bounds are the maxima measured over every float by
// benchmarks/float_math_exhaustive.cpp --fast (docs/math.md), rounded up;
// the samples here cannot exceed them unless the code changed. (They are
// not glibc's: it is the reference.)
#include <doctest/doctest.h>

#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

#include <ctnn/ctnn.hpp>
#include <ctnn/quantize.hpp>

#include "support/check.hpp"

namespace {

template <class T>
constexpr auto bits_of(T x) {
  if constexpr (sizeof(T) == 8) return std::bit_cast<std::uint64_t>(x); else return std::bit_cast<std::uint32_t>(x);
}

// |v - exact| in ulps of exact as a float (glibc's double functions are
// within 1e-16 relative: exact enough for float ulps).
double float_ulps(float v, double exact) {
  const double ulp = std::ldexp(1.0, std::max(std::ilogb(static_cast<float>(exact)), -126) - 23);
  return std::fabs(static_cast<double>(v) - exact) / ulp;
}

// A value the optimiser cannot see through.
template <class T>
T opaque_value(T x) {
  volatile T v = x;
  return v;
}

long double exact_sigmoid(long double x) { return 1.0L / (1.0L + std::exp(-x)); }

// Uniform on [-12, 12] or, every other draw, log-uniform magnitude in
// [2^-40, 32] with a random sign: the middle and the small arguments.
// (ctnn's SplitMix64 only spreads the points; the reference is glibc.)
double point(ctnn::splitmix64& rng) {
  const std::uint64_t r = rng();
  const double x = r & 1 ? rng.uniform(-12.0, 12.0) : std::exp2(rng.uniform(-40.0, 5.0));
  return r & 2 ? -x : x;
}

constexpr std::size_t samples = 400000;

// Bounds: the maxima measured by float_math_exhaustive --fast over every
// float (5.696 ulp, 3.301 ulp, 1.97e-7) and over 10^8 doubles (4.73e-8,
// 2.36e-8), rounded up.
constexpr double tanh_float_ulps = 5.7;
constexpr double sigmoid_float_ulps_upper_half = 3.31;  // results >= 1/2
constexpr double sigmoid_float_abs = 1.98e-7;
constexpr double tanh_double_rel = 4.74e-8;
constexpr double sigmoid_double_abs = 2.37e-8;

}  // namespace

TEST_CASE("fast_tanh and fast_sigmoid, float: within their bounds of glibc, and inside [-1, 1] and [0, 1]") {
  ctnn::splitmix64 rng{2026};
  double worst_tanh = 0, worst_sigmoid_upper = 0, worst_sigmoid_abs = 0;
  std::size_t outside = 0;
  for (std::size_t i = 0; i < samples; ++i) {
    const float x = static_cast<float>(point(rng));
    const float t = ctnn::fast_tanh::value(x), s = ctnn::fast_sigmoid::value(x);
    const double exact_t = std::tanh(static_cast<double>(x));
    const double exact_s = static_cast<double>(exact_sigmoid(x));
    worst_tanh = std::max(worst_tanh, float_ulps(t, exact_t));
    if (exact_s >= 0.5) worst_sigmoid_upper = std::max(worst_sigmoid_upper, float_ulps(s, exact_s));
    worst_sigmoid_abs = std::max(worst_sigmoid_abs, std::fabs(static_cast<double>(s) - exact_s));
    outside += !(t >= -1 && t <= 1) + !(s >= 0 && s <= 1);
  }
  INFO("fast_tanh ", worst_tanh, " ulp; fast_sigmoid ", worst_sigmoid_upper, " ulp above 1/2, ", worst_sigmoid_abs,
       " absolute");
  CHECK(worst_tanh <= tanh_float_ulps);
  CHECK(worst_sigmoid_upper <= sigmoid_float_ulps_upper_half);
  CHECK(worst_sigmoid_abs <= sigmoid_float_abs);
  CHECK(outside == 0);
  // Not ctnn::tanh's accuracy, and the test can tell: ctnn::tanh is within 1.33 ulp.
  CHECK(worst_tanh > 1.5);
}

TEST_CASE("fast_tanh and fast_sigmoid, double: float's accuracy, relative and absolute") {
  ctnn::splitmix64 rng{612};
  double worst_tanh = 0, worst_sigmoid = 0;
  for (std::size_t i = 0; i < samples; ++i) {
    const double x = point(rng);
    const long double exact_t = std::tanh(static_cast<long double>(x));
    worst_tanh = std::max(worst_tanh, static_cast<double>(std::fabs((ctnn::fast_tanh::value(x) - exact_t) / exact_t)));
    worst_sigmoid = std::max(worst_sigmoid, static_cast<double>(std::fabs(ctnn::fast_sigmoid::value(x) - exact_sigmoid(x))));
  }
  INFO("fast_tanh ", worst_tanh, " relative; fast_sigmoid ", worst_sigmoid, " absolute");
  CHECK(worst_tanh <= tanh_double_rel);
  CHECK(worst_sigmoid <= sigmoid_double_abs);
}

// The ends, zero and NaN, in constant evaluation: exactly +-1, 0 and 1 from
// the clamp on (9.0625 for tanh, 18.125 for sigmoid) to infinity; tanh x = x
// for tiny x, with -0 kept; NaN passed on.
template <class T>
constexpr bool special_values() {
  using ctnn::fast_sigmoid, ctnn::fast_tanh;
  constexpr T inf = std::numeric_limits<T>::infinity();
  const T nan = std::numeric_limits<T>::quiet_NaN();
  bool ok = fast_tanh::value(T{9.0625}) == 1 && fast_tanh::value(T{-9.0625}) == -1 && fast_tanh::value(T{0x1p100}) == 1 &&
            fast_tanh::value(inf) == 1 && fast_tanh::value(-inf) == -1;
  ok = ok && fast_sigmoid::value(T{18.125}) == 1 && fast_sigmoid::value(T{-18.125}) == 0 &&
       fast_sigmoid::value(inf) == 1 && fast_sigmoid::value(-inf) == 0 && fast_sigmoid::value(T{0}) == T{0.5};
  ok = ok && fast_tanh::value(T{0x1p-70}) == T{0x1p-70} && fast_tanh::value(T{-0x1p-70}) == T{-0x1p-70};
  ok = ok && bits_of(fast_tanh::value(T{-0.0})) == bits_of(T{-0.0});
  const T tn = fast_tanh::value(nan), sn = fast_sigmoid::value(nan);
  return ok && tn != tn && sn != sn;
}
static_assert(special_values<float>());
static_assert(special_values<double>());

TEST_CASE("fast_tanh and fast_sigmoid at run time: the ends, tiny arguments, -0 and NaN") {
  for (const float big : {9.0625f, 10.0f, 1e30f, std::numeric_limits<float>::infinity()}) {
    const float b = opaque_value(big);
    CHECK(ctnn::fast_tanh::value(b) == 1.0f);
    CHECK(ctnn::fast_tanh::value(-b) == -1.0f);
    CHECK(ctnn::fast_sigmoid::value(2 * b) == 1.0f);
    CHECK(ctnn::fast_sigmoid::value(-2 * b) == 0.0f);
  }
  CHECK(ctnn::fast_tanh::value(opaque_value(1e-30f)) == 1e-30f);
  CHECK(std::signbit(ctnn::fast_tanh::value(opaque_value(-0.0f))));
  CHECK(ctnn::fast_sigmoid::value(opaque_value(0.0)) == 0.5);
  const double nan = opaque_value(std::numeric_limits<double>::quiet_NaN());
  CHECK(std::isnan(ctnn::fast_tanh::value(nan)));
  CHECK(std::isnan(ctnn::fast_sigmoid::value(nan)));
  CHECK(std::isnan(ctnn::fast_tanh::value(static_cast<float>(nan))));
}

// ---- compile time = run time, through activate's vectorised loop ----------------

template <class T>
constexpr ctnn::matrix<T, 16, 16> grid() {
  ctnn::matrix<T, 16, 16> z{};
  for (std::size_t i = 0; i < 256; ++i) {
    // -20 to 20 in uneven steps, and small values near 0.
    const T x = i % 4 == 3 ? T(i) * T(1e-6) : T(-20) + T(i) * T(0.157);
    z(i / 16, i % 16) = i % 8 == 5 ? -x : x;
  }
  return z;
}

template <class A, class T>
void check_activate_bits() {
  constexpr ctnn::matrix<T, 16, 16> at_compile_time = ctnn::activate<A>(grid<T>());
  const ctnn::matrix<T, 16, 16> at_run_time = ctnn::activate<A>(test::opaque(grid<T>()));
  std::size_t differ = 0;
  for (std::size_t i = 0; i < 256; ++i) differ += bits_of(at_compile_time(i / 16, i % 16)) != bits_of(at_run_time(i / 16, i % 16));
  CHECK(differ == 0);
}

TEST_CASE("fast_tanh and fast_sigmoid: the same bits at compile time and at run time") {
  check_activate_bits<ctnn::fast_tanh, float>();
  check_activate_bits<ctnn::fast_tanh, double>();
  check_activate_bits<ctnn::fast_sigmoid, float>();
  check_activate_bits<ctnn::fast_sigmoid, double>();
}

// ---- training ----------------------------------------------------------------

namespace {
constexpr ctnn::matrix<float, 4, 2> xor_X{{0, 0}, {0, 1}, {1, 0}, {1, 1}};
constexpr ctnn::matrix<float, 4, 1> xor_y{{0}, {1}, {1}, {0}};
using fast_xor_net = ctnn::network<float, ctnn::dense<2, 4, ctnn::fast_tanh, ctnn::with_bias>,
                                   ctnn::dense<4, 1, ctnn::fast_sigmoid, ctnn::with_bias>>;
constexpr auto fast_xor = [](const fast_xor_net& net, const auto& X, const auto& y) {
  return ctnn::train(net, X, y, ctnn::adam{.learning_rate = 0.1}, ctnn::until{.max_epochs = 120},
                     ctnn::binary_cross_entropy{});
};
constexpr auto fast_xor_ct = fast_xor(ctnn::initialize<fast_xor_net>(3), xor_X, xor_y);
static_assert(fast_xor_ct.epochs == 120);
// It learns XOR while compiling: every prediction on the right side of 1/2.
static_assert([] {
  const auto yhat = ctnn::predict(fast_xor_ct.network, xor_X);
  return yhat(0, 0) < 0.5f && yhat(1, 0) > 0.5f && yhat(2, 0) > 0.5f && yhat(3, 0) < 0.5f;
}());
// Quantized, the network runs ctnn's fixed-point tanh and sigmoid (the
// functions fast_tanh and fast_sigmoid stand for) and still computes XOR.
using q7_8 = ctnn::fixed<7, 8, std::int16_t>;
static_assert([] {
  const auto yhat = ctnn::predict(ctnn::quantize<q7_8>(fast_xor_ct.network), ctnn::quantize<q7_8>(xor_X));
  return yhat(0, 0) < 0.5 && yhat(1, 0) > 0.5 && yhat(2, 0) > 0.5 && yhat(3, 0) < 0.5;
}());
}  // namespace

TEST_CASE("a fast_tanh / fast_sigmoid network trains at run time to the bits it gets at compile time") {
  volatile std::uint64_t seed = 3;
  const auto rt = fast_xor(ctnn::initialize<fast_xor_net>(seed), test::opaque(xor_X), test::opaque(xor_y));
  CHECK(rt.epochs == fast_xor_ct.epochs);
  CHECK(bits_of(rt.loss) == bits_of(fast_xor_ct.loss));
  std::size_t differ = 0;
  ctnn::for_each_parameter_pair(rt.network, fast_xor_ct.network,
                                [&](const auto& a, const auto& b) { differ += bits_of(a) != bits_of(b); });
  CHECK(differ == 0);
  CHECK(rt.loss < 0.5f);  // J summed over 4 examples: started near 4 ln 2 = 2.8
}

// binary_cross_entropy fuses with fast_sigmoid to δ = ŷ − y: where
// fast_sigmoid returns exactly 0 for a positive example, the gradient must
// still pull it up (the unfused product would be (0 - 1) / ε · 0 = 0).
static_assert(ctnn::detail::loss_fuses<ctnn::binary_cross_entropy, ctnn::fast_sigmoid>());
TEST_CASE("binary_cross_entropy's δ through a saturated fast_sigmoid is y-hat minus y") {
  const ctnn::matrix<double, 1, 2> z{{-40.0, 40.0}};
  const auto yhat = ctnn::activate<ctnn::fast_sigmoid>(z);
  CHECK(yhat(0, 0) == 0.0);
  CHECK(yhat(0, 1) == 1.0);
  const ctnn::matrix<double, 1, 2> y{{1.0, 0.0}};
  const auto delta = ctnn::output_delta<ctnn::binary_cross_entropy, ctnn::fast_sigmoid>(z, yhat, y);
  CHECK(delta(0, 0) == -1.0);
  CHECK(delta(0, 1) == 1.0);
}

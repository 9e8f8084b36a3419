// ctnn::math on chosen points, both ways: static_assert (ctnn's own
// algorithms, in constant evaluation) and doctest (run time: <cmath>).
// Expected values are the correctly rounded results, printed by Python 3.11's
// math module with float.hex() (math.exp(1).hex() and so on), which calls glibc.
#include <doctest/doctest.h>

#include <ctnn/math.hpp>

namespace m = ctnn::math;

// Within n ulps of an expected double (the accuracy targets are 1 ulp for exp and log).
constexpr bool within_ulps(double got, double want, double n) {
  const double ulp = want == 0 ? 0x1p-1074 : m::abs(want) * 0x1p-52;
  return m::abs(got - want) <= n * ulp;
}

// exp
static_assert(m::exp(0.0) == 1.0);
static_assert(m::exp(-0.0) == 1.0);
static_assert(within_ulps(m::exp(1.0), 0x1.5bf0a8b145769p+1, 1));
static_assert(within_ulps(m::exp(-1.0), 0x1.78b56362cef38p-2, 1));
static_assert(within_ulps(m::exp(0x1.62e42fefa39efp-1), 2.0, 1));  // e^ln2
static_assert(within_ulps(m::exp(709.0), 0x1.d422d2be5dc9bp+1022, 1));
static_assert(m::exp(710.0) == std::numeric_limits<double>::infinity());
static_assert(m::exp(-746.0) == 0.0);
static_assert(m::exp(1e-300) == 1.0);
// log
static_assert(m::log(1.0) == 0.0);
static_assert(m::log(2.0) == 0x1.62e42fefa39efp-1);
static_assert(within_ulps(m::log(10.0), 0x1.26bb1bbb55516p+1, 1));
static_assert(m::log(0.0) == -std::numeric_limits<double>::infinity());
static_assert(m::isnan(m::log(-1.0)));
static_assert(within_ulps(m::log(0x1p-1074), -0x1.74385446d71c3p+9, 1));  // smallest subnormal
// sqrt: correctly rounded
static_assert(m::sqrt(2.0) == 0x1.6a09e667f3bcdp+0);
static_assert(m::sqrt(4.0) == 2.0);
static_assert(m::sqrt(0x1p-1074) == 0x1p-537);
static_assert(m::sqrt(0x1.fffffffffffffp+1023) == 0x1.fffffffffffffp+511);
// tanh
static_assert(m::tanh(0.0) == 0.0);
static_assert(within_ulps(m::tanh(1.0), 0x1.85efab514f394p-1, 2));
static_assert(m::tanh(1000.0) == 1.0 && m::tanh(-1000.0) == -1.0);
static_assert(m::tanh(22.0) == 1.0);
// sigmoid: exact at the extremes, never NaN
static_assert(m::sigmoid(0.0) == 0.5);
static_assert(m::sigmoid(1000.0) == 1.0 && m::sigmoid(-1000.0) == 0.0);
static_assert(m::sigmoid(1000.0f) == 1.0f && m::sigmoid(-1000.0f) == 0.0f);
// float
static_assert(m::exp(1.0f) == 0x1.5bf0a8p+1f);
static_assert(m::exp(89.0f) == std::numeric_limits<float>::infinity());
static_assert(m::sqrt(2.0f) == 0x1.6a09e6p+0f);

TEST_CASE("chosen points at run time") {
  volatile double one = 1.0;  // keeps these calls at run time
  CHECK(within_ulps(m::exp(one), 0x1.5bf0a8b145769p+1, 1));
  CHECK(m::log(2.0 * one) == 0x1.62e42fefa39efp-1);
  CHECK(m::sqrt(2.0 * one) == 0x1.6a09e667f3bcdp+0);
  CHECK(m::tanh(1000.0 * one) == 1.0);
  CHECK(m::sigmoid(1000.0 * one) == 1.0);
  CHECK(m::sigmoid(-1000.0 * one) == 0.0);
  CHECK(m::sigmoid(0.0 * one) == 0.5);
}

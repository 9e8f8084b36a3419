// The write_header round trip, second half: the networks that
// roundtrip_generate.cpp trained or initialised at run time, read back from
// the headers it wrote, must
//   - hold every parameter bit for bit (a static_assert, and again at run time);
//   - predict bit-identically at run time to the originals (whose predictions
//     the generator wrote down with printf's %a);
//   - be usable in constant evaluation: predict in a static_assert, equal to
//     the run-time prediction exactly for fixed point and for long double
//     (whose activations here use no ctnn::math), and within 1e-12 where
//     ctnn::math's constexpr algorithms stand in for <cmath> (up to an ulp or two).
// The network types come only from the generated headers: a wrong layer,
// activation, bias or element type there changes the predictions (or fails to compile).
#include <doctest/doctest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <type_traits>

#include "roundtrip_expected.hpp"
#include "roundtrip_mixed.hpp"
#include "roundtrip_mixed_float.hpp"
#include "roundtrip_fixed_q15_16.hpp"
#include "roundtrip_quantized.hpp"
#include "roundtrip_walkthrough.hpp"
#include "roundtrip_wide.hpp"

#include "../support/check.hpp"
#include "roundtrip_setup.hpp"  // the inputs only

namespace {

using namespace roundtrip;

// The same bits: a double's (float widened exactly), a long double's value, a fixed's raw.
template <class T, class E>
constexpr bool same_bits(const T& got, const E& want) {
  if constexpr (std::is_same_v<T, double>) {
    return std::bit_cast<std::uint64_t>(got) == std::bit_cast<std::uint64_t>(want);
  } else if constexpr (std::is_same_v<T, float>) {
    return std::bit_cast<std::uint64_t>(static_cast<double>(got)) == std::bit_cast<std::uint64_t>(want);
  } else if constexpr (std::is_same_v<T, long double>) {
    return got == want;  // no zeros of either sign here, and no NaN (write_header refuses it)
  } else {
    return static_cast<std::int64_t>(got.raw) == want;
  }
}

template <class M, class A>
constexpr bool all_same_bits(const M& m, const A& expected) {
  static_assert(M::size() == std::tuple_size_v<A>, "the generated network has the expected shape");
  for (std::size_t i = 0; i < M::size(); ++i)
    if (!same_bits(m.elements[i], expected[i])) return false;
  return true;
}

template <class M, class A>
constexpr bool all_close(const M& m, const A& expected) {
  for (std::size_t i = 0; i < M::size(); ++i)
    if (!test::close(static_cast<double>(m.elements[i]), static_cast<double>(expected[i]))) return false;
  return true;
}

// The networks' types, as the headers spell them.
static_assert(std::is_same_v<std::remove_const_t<decltype(walkthrough)>, walkthrough_t>);
static_assert(std::is_same_v<std::remove_const_t<decltype(mixed)>, mixed_t>);
static_assert(std::is_same_v<std::remove_const_t<decltype(mixed_float)>, ctnn::network<float,
    ctnn::dense<3, 4, ctnn::tanh, ctnn::with_bias>, ctnn::dense<4, 4, ctnn::relu>,
    ctnn::dense<4, 4, ctnn::basic_leaky_relu<1, 10>, ctnn::with_bias>, ctnn::dense<4, 3, ctnn::softplus>,
    ctnn::dense<3, 3, ctnn::identity, ctnn::with_bias>, ctnn::dense<3, 2, ctnn::softmax, ctnn::with_bias>>>);
static_assert(std::is_same_v<std::remove_const_t<decltype(wide)>, wide_t>);
static_assert(std::is_same_v<std::remove_const_t<decltype(quantized)>,
                             decltype(ctnn::quantize<q7_8>(quantized_source_t{}))>);
static_assert(std::is_same_v<std::remove_const_t<decltype(fixed_q15_16)>, q15_16_t>);

// Every parameter, bit for bit, in constant evaluation.
static_assert(all_same_bits(ctnn::flatten(walkthrough), expected::walkthrough_parameters));
static_assert(all_same_bits(ctnn::flatten(mixed), expected::mixed_parameters));
static_assert(all_same_bits(ctnn::flatten(mixed_float), expected::mixed_float_parameters));
static_assert(all_same_bits(ctnn::flatten(wide), expected::wide_parameters));
static_assert(all_same_bits(ctnn::flatten(quantized), expected::quantized_parameters));
static_assert(all_same_bits(ctnn::flatten(fixed_q15_16), expected::fixed_q15_16_parameters));
static_assert(ctnn::get<0>(fixed_q15_16).weights(0, 0) == q15_16::lowest());

// predict in constant evaluation.
static_assert(all_close(ctnn::predict(walkthrough, X_walkthrough), expected::walkthrough_yhat));
static_assert(all_close(ctnn::predict(mixed, X_mixed), expected::mixed_yhat));
static_assert(all_same_bits(ctnn::predict(wide, ctnn::convert<long double>(X_mixed)), expected::wide_yhat));
static_assert(all_same_bits(ctnn::predict(quantized, ctnn::quantize<q7_8>(X_mixed)), expected::quantized_yhat));
static_assert(all_same_bits(ctnn::predict(fixed_q15_16, ctnn::quantize<q15_16>(X_mixed)),
                            expected::fixed_q15_16_yhat));

}  // namespace

TEST_CASE("the generated headers hold every parameter bit for bit") {
  CHECK(all_same_bits(test::opaque(ctnn::flatten(walkthrough)), expected::walkthrough_parameters));
  CHECK(all_same_bits(test::opaque(ctnn::flatten(mixed)), expected::mixed_parameters));
  CHECK(all_same_bits(test::opaque(ctnn::flatten(mixed_float)), expected::mixed_float_parameters));
  CHECK(all_same_bits(test::opaque(ctnn::flatten(wide)), expected::wide_parameters));
  // test::opaque takes no fixed: the comparison itself is opaque enough here.
  CHECK(all_same_bits(ctnn::flatten(quantized), expected::quantized_parameters));
  CHECK(all_same_bits(ctnn::flatten(fixed_q15_16), expected::fixed_q15_16_parameters));
}

TEST_CASE("the generated networks predict bit-identically to the originals at run time") {
  // The inputs go through test::opaque, as in the generator, so that both predict at run time.
  const auto X = test::opaque(X_mixed);
  CHECK(all_same_bits(ctnn::predict(walkthrough, test::opaque(X_walkthrough)), expected::walkthrough_yhat));
  CHECK(all_same_bits(ctnn::predict(mixed, X), expected::mixed_yhat));
  CHECK(all_same_bits(ctnn::predict(mixed_float, ctnn::convert<float>(X)), expected::mixed_float_yhat));
  CHECK(all_same_bits(ctnn::predict(wide, ctnn::convert<long double>(X)), expected::wide_yhat));
  CHECK(all_same_bits(ctnn::predict(quantized, ctnn::quantize<q7_8>(X)), expected::quantized_yhat));
  CHECK(all_same_bits(ctnn::predict(fixed_q15_16, ctnn::quantize<q15_16>(X)), expected::fixed_q15_16_yhat));
}

TEST_CASE("the comparisons see a change in the last bit") {
  // So that the checks above could fail: one ulp more in one prediction, or
  // in one weight, is told apart. (A weight's ulp need not reach the
  // predictions, which round: hence the parameters are compared too.)
  auto yhat = ctnn::predict(walkthrough, test::opaque(X_walkthrough));
  CHECK(all_same_bits(yhat, expected::walkthrough_yhat));
  yhat(2, 0) = std::nextafter(yhat(2, 0), 2.0);
  CHECK_FALSE(all_same_bits(yhat, expected::walkthrough_yhat));

  auto nudged = walkthrough;
  auto& w = ctnn::get<1>(nudged).weights(2, 0);
  w = std::nextafter(w, 2.0);
  CHECK_FALSE(all_same_bits(ctnn::flatten(nudged), expected::walkthrough_parameters));

  auto q = ctnn::flatten(quantized);
  q(0, 0) = q(0, 0) + q7_8::epsilon();
  CHECK_FALSE(all_same_bits(q, expected::quantized_parameters));
}

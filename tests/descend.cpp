// ctnn::descend: one step of gradient descent in place, with no gradient
// stored. It must give the same bits as ctnn::gradient followed by
// w -= eta * g, and return what gradient_descent::step returns (refused
// steps included), at run time, where it has its own loops, and in
// constant evaluation. Built with -ffp-contract=off (tests/meson.build), so
// that the compiler fuses neither form's w - eta * g into one rounding.
#include <doctest/doctest.h>

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

#include <ctnn/ctnn.hpp>

#include "support/check.hpp"
#include "support/wide_problem.hpp"

namespace {

template <class T>
auto bits_of(T x) {
  if constexpr (sizeof(T) == 8) return std::bit_cast<std::uint64_t>(x); else return std::bit_cast<std::uint32_t>(x);
}

template <class Net>
constexpr std::size_t differing_parameters(const Net& a, const Net& b) {
  std::size_t differ = 0;
  ctnn::for_each_parameter_pair(a, b, [&](const auto& x, const auto& y) { differ += bits_of(x) != bits_of(y); });
  return differ;
}

// What descend replaces: the gradient, then the update gradient_descent::step makes.
template <class Net, class XM, class YM, class Lo = ctnn::half_squared_error>
constexpr ctnn::descend_result<typename Net::value_type> by_gradient(Net& net, const XM& X, const YM& y,
                                                                     double eta, Lo loss = {}) {
  const auto [J, g] = ctnn::cost_and_gradient(net, X, y, loss);
  const ctnn::gradient_descent gd{.learning_rate = eta};
  auto s = gd.init(net);
  const bool moved = gd.step(net, s, g, J, ctnn::objective<Net, XM, YM, Lo>{X, y, loss});
  return {J, !moved};
}

// Steps of both, from the same start: after each, the same result and the same bits.
template <class Net, class XM, class YM, class Lo = ctnn::half_squared_error>
std::size_t mismatches_over_steps(Net start, const XM& X, const YM& y, double eta, int steps, Lo loss = {}) {
  Net a = start, b = start;
  std::size_t differ = 0;
  for (int i = 0; i < steps; ++i) {
    const auto ra = ctnn::descend(a, X, y, eta, loss);
    const auto rb = by_gradient(b, X, y, eta, loss);
    differ += static_cast<std::size_t>(bits_of(ra.cost) != bits_of(rb.cost)) +
              static_cast<std::size_t>(ra.diverged != rb.diverged) + differing_parameters(a, b);
  }
  return differ;
}

// The walkthrough, 2-3-1 sigmoid without bias, in double.
constexpr ctnn::matrix<double, 3, 2> walk_X{{0.3, 1.0}, {0.5, 0.2}, {1.0, 0.4}};
constexpr ctnn::matrix<double, 3, 1> walk_y{{0.75}, {0.82}, {0.93}};
using walk_net = ctnn::mlp<double, ctnn::sigmoid, 2, 3, 1>;

// Wider layers in float, with biases, and 5 examples (or 1, below).
using test::wide_X, test::wide_y, test::wide_net;  // tests/support/wide_problem.hpp

// Three classes: softmax with categorical cross-entropy (the fused δ).
constexpr ctnn::matrix<double, 4, 2> cls_X{{0.1, 0.9}, {0.9, 0.1}, {0.5, 0.5}, {0.2, 0.7}};
constexpr ctnn::matrix<double, 4, 3> cls_y{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}};
using cls_net = ctnn::network<double, ctnn::dense<2, 5, ctnn::tanh, ctnn::with_bias>,
                              ctnn::dense<5, 3, ctnn::softmax, ctnn::with_bias>>;

// Three steps at compile time by both routes.
template <class Net, class XM, class YM, class Lo = ctnn::half_squared_error>
constexpr bool same_at_compile_time(Net start, const XM& X, const YM& y, double eta, Lo loss = {}) {
  Net a = start, b = start;
  for (int i = 0; i < 3; ++i) {
    const auto ra = ctnn::descend(a, X, y, eta, loss);
    const auto rb = by_gradient(b, X, y, eta, loss);
    if (!(ra == rb) || !(a == b)) return false;
  }
  return true;
}
static_assert(same_at_compile_time(ctnn::initialize<walk_net>(7), walk_X, walk_y, 3.0));
static_assert(same_at_compile_time(ctnn::initialize<cls_net>(5), cls_X, cls_y, 0.2, ctnn::categorical_cross_entropy{}));

// The compile-time result of three steps, for the run-time comparison below.
constexpr wide_net wide_after_3 = [] {
  auto net = ctnn::initialize<wide_net>(13);
  for (int i = 0; i < 3; ++i) ctnn::descend(net, wide_X, wide_y, 0.1);
  return net;
}();

// A step moves the weights: J falls on the walkthrough.
constexpr bool descent_lowers_J = [] {
  auto net = ctnn::initialize<walk_net>(7);
  const double before = ctnn::cost(net, walk_X, walk_y);
  const auto r = ctnn::descend(net, walk_X, walk_y, 3.0);
  return r.cost == before && ctnn::cost(net, walk_X, walk_y) < before && !r.diverged;
}();
static_assert(descent_lowers_J);

// Layers of 16 and 32 outputs, a multiple of any register's lanes (2 to 16),
// and of 4, part of a register's with AVX, so that a one-row step moves
// them in vectors (land_one_row_in_lanes).
template <class T>
using lanes_net = ctnn::network<T, ctnn::dense<3, 16, ctnn::tanh, ctnn::with_bias>,
                                ctnn::dense<16, 32, ctnn::tanh, ctnn::with_bias>, ctnn::dense<32, 4, ctnn::tanh>>;

template <class T>
ctnn::matrix<T, 1, 3> lanes_X() {
  return test::opaque(ctnn::matrix<T, 1, 3>{{T(0.4), T(0.8), T(0.1)}});
}
template <class T>
ctnn::matrix<T, 1, 4> lanes_y() {
  return test::opaque(ctnn::matrix<T, 1, 4>{{T(0.3), T(-0.2), T(0.6), T(-0.5)}});
}

// One weight of layer I put past weight_bound<T> (either sign), at each of
// its places in turn: every one-row step must be refused, as
// gradient_descent::step refuses it, whichever lane of which vector the
// weight lands in. Returns how many steps were not refused as they should be.
template <class T, std::size_t I>
int unrefused_steps_past_the_bound() {
  const auto start = ctnn::initialize<lanes_net<T>>(23);
  const auto X = lanes_X<T>();
  const auto y = lanes_y<T>();
  int wrong = 0;
  for (std::size_t i = 0; i < ctnn::get<I>(start).weights.size(); ++i)
    for (const T sign : {T(1), T(-1)}) {
      auto a = start, b = start;
      ctnn::get<I>(a).weights.elements[i] = sign * 2 * ctnn::weight_bound<T>;
      ctnn::get<I>(b).weights.elements[i] = sign * 2 * ctnn::weight_bound<T>;
      wrong += !ctnn::descend(a, X, y, 1e-3).diverged;
      wrong += !by_gradient(b, X, y, 1e-3).diverged;
    }
  return wrong;
}

}  // namespace

TEST_CASE("descend: one row, a weight that lands past the bound is refused, in every lane") {
  CHECK(unrefused_steps_past_the_bound<float, 1>() == 0);   // 16 x 32: 512 places
  CHECK(unrefused_steps_past_the_bound<double, 1>() == 0);
  CHECK(unrefused_steps_past_the_bound<float, 2>() == 0);   // 32 x 4: 128 places
  CHECK(unrefused_steps_past_the_bound<double, 2>() == 0);
  // And without one, the same steps are taken: the check is not always true.
  auto f = ctnn::initialize<lanes_net<float>>(23);
  CHECK(!ctnn::descend(f, lanes_X<float>(), lanes_y<float>(), 1e-3).diverged);
  auto d = ctnn::initialize<lanes_net<double>>(23);
  CHECK(!ctnn::descend(d, lanes_X<double>(), lanes_y<double>(), 1e-3).diverged);
}

// Signed zeros: the gradient's route sums ∂J/∂W(k, j) from +0, so a −0
// input gives 0 + (−0 δ(j)) = +0 and a −0 weight stays −0 − η 0 = −0; a move
// that skipped the + 0 would land −0 − (−0) = +0 wherever δ(j) > 0.
TEST_CASE("descend: one row, -0 inputs and -0 weights land with the gradient's bits") {
  auto a = ctnn::initialize<lanes_net<float>>(23);
  for (std::size_t j = 0; j < 16; ++j) ctnn::get<0>(a).weights(0, j) = -0.0f;
  auto b = a;
  const auto X = test::opaque(ctnn::matrix<float, 1, 3>{{-0.0f, 0.8f, 0.1f}});
  const auto y = lanes_y<float>();
  CHECK(!ctnn::descend(a, X, y, 0.3).diverged);
  CHECK(!by_gradient(b, X, y, 0.3).diverged);
  CHECK(differing_parameters(a, b) == 0);
  std::size_t negative_zeros = 0;
  for (std::size_t j = 0; j < 16; ++j) negative_zeros += bits_of(ctnn::get<0>(a).weights(0, j)) == bits_of(-0.0f);
  CHECK(negative_zeros == 16);
}

TEST_CASE("descend: the same bits as gradient then w -= eta g, at run time") {
  CHECK(mismatches_over_steps(ctnn::initialize<walk_net>(7), test::opaque(walk_X), test::opaque(walk_y), 3.0, 20) == 0);
  CHECK(mismatches_over_steps(ctnn::initialize<wide_net>(13), test::opaque(wide_X), test::opaque(wide_y), 0.1, 10) == 0);
  CHECK(mismatches_over_steps(ctnn::initialize<cls_net>(5), test::opaque(cls_X), test::opaque(cls_y), 0.2, 10,
                              ctnn::categorical_cross_entropy{}) == 0);
  // One example: the run-time loops' other path.
  const ctnn::matrix<float, 1, 3> one_X = test::opaque(ctnn::matrix<float, 1, 3>{{0.4f, 0.8f, 0.1f}});
  const ctnn::matrix<float, 1, 2> one_y = test::opaque(ctnn::matrix<float, 1, 2>{{0.3f, -0.2f}});
  CHECK(mismatches_over_steps(ctnn::initialize<wide_net>(21), one_X, one_y, 0.5, 10) == 0);
  // One example through layers moved in vector registers (η = 0.3, not a
  // power of 2, so that η (a δ) and (η a) δ round apart).
  CHECK(mismatches_over_steps(ctnn::initialize<lanes_net<float>>(23), lanes_X<float>(), lanes_y<float>(), 0.3, 10) == 0);
  CHECK(mismatches_over_steps(ctnn::initialize<lanes_net<double>>(23), lanes_X<double>(), lanes_y<double>(), 0.3, 10) ==
        0);
  // An L2-regularised loss takes the gradient's route, with the same result.
  CHECK(mismatches_over_steps(ctnn::initialize<walk_net>(7), test::opaque(walk_X), test::opaque(walk_y), 3.0, 5,
                              ctnn::regularization{.lambda = 1e-3}) == 0);
}

TEST_CASE("descend: run time gives the compile-time bits") {
  auto net = ctnn::initialize<wide_net>(13);
  const auto X = test::opaque(wide_X);
  const auto y = test::opaque(wide_y);
  for (int i = 0; i < 3; ++i) ctnn::descend(net, X, y, 0.1);
  CHECK(differing_parameters(net, wide_after_3) == 0);
}

TEST_CASE("descend: a step that would diverge is refused, as gradient_descent::step refuses it") {
  const auto X = test::opaque(walk_X);
  const auto y = test::opaque(walk_y);
  const auto start = ctnn::initialize<walk_net>(7);
  // η so large that η g passes weight_bound<double> (1e12): refused.
  auto net = start;
  const auto r = ctnn::descend(net, X, y, 1e20);
  CHECK(r.diverged);
  CHECK(r.cost == ctnn::cost(start, X, y));
  auto ref = start;
  CHECK(by_gradient(ref, X, y, 1e20).diverged);
  // A NaN or infinite η moves nothing.
  for (const double eta : {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}) {
    auto untouched = start;
    CHECK(ctnn::descend(untouched, X, y, eta).diverged);
    CHECK(differing_parameters(untouched, start) == 0);
  }
  // A NaN in X: J is what ctnn::cost says (infinity), the step is refused.
  auto bad_X = X;
  bad_X(1, 0) = std::numeric_limits<double>::quiet_NaN();
  auto with_nan = start;
  const auto rn = ctnn::descend(with_nan, bad_X, y, 3.0);
  CHECK(rn.diverged);
  CHECK(!std::isfinite(rn.cost));
  CHECK(bits_of(rn.cost) == bits_of(ctnn::cost(start, bad_X, y)));
}

// One row: descend checks each layer's |∂J/∂W(k, j)| = |a_prev(k) δ(j)| as
// |a_prev(k)| max_j |δ(j)|, not product by product; it must refuse exactly
// the steps gradient_descent::step refuses. η is small, so that only the
// gradient check can refuse (η g stays far inside weight_bound).
TEST_CASE("descend: one row, a gradient past the bound is refused as gradient_descent::step refuses it") {
  const auto start = ctnn::initialize<test::wide_net>(21);
  // An input of 30, so that in the first layer |a_prev(k) δ(j)| exceeds
  // |δ(j)|, the bias's gradient, which is checked apart.
  const ctnn::matrix<float, 1, 3> X = test::opaque(ctnn::matrix<float, 1, 3>{{0.4f, 30.0f, 0.1f}});
  int refused = 0, taken = 0;
  // Targets from 1e4 to 1e8 put the largest |g| on both sides of
  // weight_bound<float> (1e6), and near it.
  for (const float target : {1e4f, 1e5f, 3e5f, 8e5f, 1.2e6f, 2e6f, 1e8f}) {
    const auto y = test::opaque(ctnn::matrix<float, 1, 2>{{target, -0.5f * target}});
    auto a = start, b = start;
    const auto ra = ctnn::descend(a, X, y, 1e-9);
    const auto rb = by_gradient(b, X, y, 1e-9);
    CHECK(ra.diverged == rb.diverged);
    CHECK(bits_of(ra.cost) == bits_of(rb.cost));
    if (!rb.diverged) CHECK(differing_parameters(a, b) == 0);
    refused += rb.diverged;
    taken += !rb.diverged;
  }
  // Both outcomes occur, so the comparison above tested both.
  CHECK(refused > 0);
  CHECK(taken > 0);
  // A NaN or an infinity in the one row: refused by both.
  for (const float bad : {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity()}) {
    auto bad_X = X;
    bad_X(0, 1) = bad;
    const auto y = test::opaque(ctnn::matrix<float, 1, 2>{{0.3f, -0.2f}});
    auto a = start, b = start;
    CHECK(ctnn::descend(a, bad_X, y, 0.5).diverged);
    CHECK(by_gradient(b, bad_X, y, 0.5).diverged);
  }
}

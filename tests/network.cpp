// The network API: layers, get, mlp, initialize, flatten, forward, the
// activations and losses, and train's stopping rules, each checked in a
// static_assert and again at run time.
#include <doctest/doctest.h>

#include <cstddef>
#include <type_traits>

#include <ctnn/ctnn.hpp>

#include "support/check.hpp"

namespace {

using test::close;
using walk_t = ctnn::mlp<double, ctnn::sigmoid, 2, 3, 1>;
using xor_t = ctnn::network<double, ctnn::dense<2, 3, ctnn::sigmoid, ctnn::with_bias>,
                            ctnn::dense<3, 1, ctnn::sigmoid, ctnn::with_bias>>;

constexpr ctnn::matrix<double, 3, 2> X{{0.3, 1.0}, {0.5, 0.2}, {1.0, 0.4}};
constexpr ctnn::matrix<double, 3, 1> y{{0.75}, {0.82}, {0.93}};

// ---- types -----------------------------------------------------------------
static_assert(std::is_same_v<walk_t, ctnn::network<double, ctnn::dense<2, 3, ctnn::sigmoid>,
                                                   ctnn::dense<3, 1, ctnn::sigmoid>>>);
static_assert(std::is_same_v<ctnn::dense<2, 3>, ctnn::dense<2, 3, ctnn::sigmoid, ctnn::no_bias>>);
static_assert(walk_t::depth == 2 && walk_t::inputs == 2 && walk_t::outputs == 1);
static_assert(walk_t::parameter_count == 9 && xor_t::parameter_count == 13);
static_assert(std::is_same_v<decltype(ctnn::get<0>(walk_t{}).weights), ctnn::matrix<double, 2, 3>>);
static_assert(std::is_same_v<decltype(ctnn::get<1>(xor_t{}).bias), ctnn::matrix<double, 1, 1>>);
template <class N>
concept first_layer_has_bias = requires(const N& n) { ctnn::get<0>(n).bias; };
static_assert(!first_layer_has_bias<walk_t> && first_layer_has_bias<xor_t>);  // no_bias layers have no .bias
static_assert(ctnn::Layer<ctnn::dense<4, 2, ctnn::relu, ctnn::with_bias>> && !ctnn::Layer<int>);
static_assert(ctnn::Activation<ctnn::softmax> && ctnn::Activation<ctnn::leaky_relu> && !ctnn::Activation<int>);
static_assert(ctnn::Loss<ctnn::categorical_cross_entropy> && !ctnn::Loss<ctnn::sigmoid>);
static_assert(ctnn::Optimizer<ctnn::gradient_descent, walk_t>);
static_assert(ctnn::Network<walk_t> && !ctnn::Network<ctnn::matrix<double, 1, 1>>);
static_assert(std::is_same_v<decltype(ctnn::predict(walk_t{}, X)), ctnn::matrix<double, 3, 1>>);

// ---- splitmix64: Vigna's published outputs for seed 1234567 ---------------
constexpr std::uint64_t third_output(std::uint64_t seed) {
  ctnn::splitmix64 g{seed};
  g();
  g();
  return g();
}
static_assert(ctnn::splitmix64{1234567}() == 6457827717110365317ULL);
static_assert(third_output(1234567) == 9817491932198370423ULL);
// uniform() is the top 53 bits: computed independently in Python from seed 42.
static_assert(ctnn::splitmix64{42}.uniform() == 0.7415648787718233);

// ---- initialize -------------------------------------------------------------
constexpr auto net42 = ctnn::initialize<walk_t>(42);
// Xavier uniform: W(1) ~ U(-r, r), r = sqrt(6 / (2 + 3)); the first draw is 0.7415648787718233.
static_assert(close(ctnn::get<0>(net42).weights(0, 0), -1.0954451150103321 + 2 * 1.0954451150103321 * 0.7415648787718233));
constexpr bool all_within(const walk_t& n) {
  for (double w : ctnn::get<0>(n).weights) if (w < -1.0954451150103322 || w >= 1.0954451150103322) return false;
  for (double w : ctnn::get<1>(n).weights) if (w < -1.2247448713915890 || w >= 1.2247448713915890) return false;  // sqrt(6/4)
  return true;
}
static_assert(all_within(net42));
static_assert(ctnn::initialize<walk_t>(42) == net42 && !(ctnn::initialize<walk_t>(43) == net42));
constexpr auto he = ctnn::initialize<walk_t>(42, ctnn::he_uniform{});
static_assert(close(ctnn::get<0>(he).weights(0, 0), -1.7320508075688772 + 2 * 1.7320508075688772 * 0.7415648787718233));
static_assert(ctnn::get<0>(ctnn::initialize<xor_t>(1)).bias == ctnn::matrix<double, 1, 3>{});  // biases start at 0

// ---- flatten / unflatten ---------------------------------------------------
static_assert(ctnn::unflatten<walk_t>(ctnn::flatten(net42)) == net42);
static_assert(ctnn::flatten(net42)(6, 0) == ctnn::get<1>(net42).weights(0, 0));  // W(1)'s 6, then W(2)
constexpr double sum_by_visit(const xor_t& n) {
  double s = 0;
  ctnn::for_each_parameter(n, [&](double p) { s += p; });
  return s;
}
static_assert(sum_by_visit(ctnn::initialize<xor_t>(5)) == ctnn::sum(ctnn::flatten(ctnn::initialize<xor_t>(5))));

// ---- activations: values and derivatives from their definitions ------------
static_assert(ctnn::sigmoid::value(0.0) == 0.5 && ctnn::sigmoid::derivative(0.0, 0.5) == 0.25);
static_assert(ctnn::tanh::derivative(0.3, ctnn::math::tanh(0.3)) == 1 - ctnn::math::tanh(0.3) * ctnn::math::tanh(0.3));
static_assert(ctnn::relu::value(-2.0) == 0 && ctnn::relu::value(2.0) == 2 && ctnn::relu::derivative(-1.0, 0.0) == 0);
static_assert(ctnn::leaky_relu::value(-2.0) == -0.02 && ctnn::leaky_relu::derivative(-2.0, -0.02) == 0.01);
static_assert(ctnn::basic_leaky_relu<1, 5>::value(-1.0) == -0.2);
static_assert(ctnn::identity::value(-3.5) == -3.5 && ctnn::identity::derivative(1.0, 1.0) == 1);
static_assert(close(ctnn::softplus::value(0.0), 0.6931471805599453));  // log 2
static_assert(ctnn::softplus::value(1000.0) == 1000.0 && ctnn::softplus::value(-1000.0) == 0.0);
constexpr auto p = ctnn::activate<ctnn::softmax>(ctnn::matrix<double, 1, 3>{{1.0, 2.0, 3.0}});
// e^(i) / (e + e^2 + e^3), from Python's math.exp: 0.09003057317038046, 0.24472847105479764, 0.6652409557748219.
static_assert(close(p(0, 0), 0.09003057317038046) && close(p(0, 1), 0.24472847105479764) &&
              close(p(0, 2), 0.6652409557748219));
// Huge logits: no overflow, one class certain.
constexpr auto huge = ctnn::activate<ctnn::softmax>(ctnn::matrix<double, 1, 2>{{1e308, 0.0}});
static_assert(huge(0, 0) == 1.0 && huge(0, 1) == 0.0);

// ---- losses --------------------------------------------------------------------
constexpr ctnn::matrix<double, 2, 1> yh{{0.25}, {0.5}};
constexpr ctnn::matrix<double, 2, 1> t{{0.0}, {1.0}};
static_assert(ctnn::half_squared_error::value(yh, t) == 0.5 * (0.0625 + 0.25));
static_assert(ctnn::mean_squared_error::value(yh, t) == (0.0625 + 0.25) / 2);
// −[log(1 − 0.25) + log(0.5)] = 0.9808292530117262 (Python's math.log).
static_assert(close(ctnn::binary_cross_entropy::value(yh, t), 0.9808292530117262));
static_assert(ctnn::half_squared_error::gradient(yh, t) == yh - t);
// log(0) is clamped: a certain, wrong answer costs −log(2^−1022) = 708.3964185322641, not infinity.
static_assert(close(ctnn::binary_cross_entropy::value(ctnn::matrix<double, 1, 1>{{0.0}}, ctnn::matrix<double, 1, 1>{{1.0}}),
                    708.3964185322641));
static_assert(close(ctnn::categorical_cross_entropy::value(ctnn::matrix<double, 1, 2>{{0.25, 0.75}},
                                                           ctnn::matrix<double, 1, 2>{{0, 1}}),
                    0.2876820724517809));  // −log 0.75

// ---- forward, predict, cost, gradient ---------------------------------------
constexpr auto tr = ctnn::forward(net42, X);
static_assert(ctnn::get<1>(tr).a == ctnn::predict(net42, X));
static_assert(ctnn::get<0>(tr).z == X * ctnn::get<0>(net42).weights);
static_assert(ctnn::cost(net42, X, y) == ctnn::half_squared_error::value(ctnn::predict(net42, X), y));
static_assert(ctnn::cost_and_gradient(net42, X, y).cost == ctnn::cost(net42, X, y));
static_assert(ctnn::cost_and_gradient(net42, X, y).gradient == ctnn::gradient(net42, X, y));
static_assert(close(ctnn::numerical_gradient(net42, X, y)(0, 0), ctnn::get<0>(ctnn::gradient(net42, X, y)).weights(0, 0), 1e-8));

// ---- train: each way of stopping -----------------------------------------------
constexpr ctnn::gradient_descent gd{.learning_rate = 10.0};
constexpr auto by_epochs = ctnn::train(net42, X, y, gd, ctnn::until{.max_epochs = 20});
static_assert(by_epochs.status == ctnn::train_status::max_epochs && by_epochs.epochs == 20);
static_assert(by_epochs.loss == ctnn::cost(by_epochs.network, X, y));  // .loss is J of .network
static_assert(by_epochs.loss < ctnn::cost(net42, X, y));
constexpr auto by_loss = ctnn::train(net42, X, y, gd, ctnn::until{.max_epochs = 200, .loss_below = 5e-3});
static_assert(by_loss.status == ctnn::train_status::converged && by_loss.loss < 5e-3 && by_loss.epochs < 200);
// η = 0.01 moves no weight by 1 in a step; η = 10 moves some weight by more than 1e-3 in each of 20.
constexpr auto by_change = ctnn::train(net42, X, y, ctnn::gradient_descent{.learning_rate = 0.01},
                                       ctnn::until{.max_epochs = 200, .weight_change_below = 1.0});
static_assert(by_change.status == ctnn::train_status::converged && by_change.epochs == 1);
static_assert(ctnn::train(net42, X, y, gd, ctnn::until{.max_epochs = 20, .weight_change_below = 1e-3}).status ==
              ctnn::train_status::max_epochs);
constexpr auto none = ctnn::train(net42, X, y, gd, ctnn::until{.max_epochs = 0});
static_assert(none.epochs == 0 && none.network == net42 && none.status == ctnn::train_status::max_epochs);
// A learning rate far too large: every sigmoid saturates and the gradient is
// exactly zero, which the loop reports instead of calling it convergence.
constexpr auto saturated = ctnn::train(net42, X, y, ctnn::gradient_descent{.learning_rate = 1e9},
                                       ctnn::until{.max_epochs = 50, .weight_change_below = 1e-9});
static_assert(saturated.status == ctnn::train_status::diverged);
// With a linear output nothing saturates: the weights grow until the next
// step would pass weight_bound, and the last good network comes back.
using linear_t = ctnn::mlp<double, ctnn::identity, 2, 3, 1>;
constexpr auto exploded = ctnn::train(ctnn::initialize<linear_t>(1), X, y, ctnn::gradient_descent{.learning_rate = 50.0},
                                      ctnn::until{.max_epochs = 500});
static_assert(exploded.status == ctnn::train_status::diverged && exploded.epochs < 500);
static_assert(ctnn::math::isfinite(exploded.loss));
constexpr bool bounded(const linear_t& n) {
  bool ok = true;
  ctnn::for_each_parameter(n, [&](double w) { ok = ok && ctnn::math::abs(w) <= ctnn::weight_bound<double>; });
  return ok;
}
static_assert(bounded(exploded.network));
// A zero learning rate is allowed and moves nothing: with weight_change_below
// set that is convergence after one epoch, without it the run uses up max_epochs.
constexpr auto frozen = ctnn::train(net42, X, y, ctnn::gradient_descent{.learning_rate = 0.0},
                                    ctnn::until{.max_epochs = 5, .weight_change_below = 1e-12});
static_assert(frozen.status == ctnn::train_status::converged && frozen.epochs == 1 && frozen.network == net42);
static_assert(ctnn::train(net42, X, y, ctnn::gradient_descent{.learning_rate = 0.0}, ctnn::until{.max_epochs = 5}).status ==
              ctnn::train_status::max_epochs);
// Resuming: two stages give the same bits as one run.
constexpr auto first = ctnn::train(net42, X, y, gd, ctnn::until{.max_epochs = 7});
constexpr auto second = ctnn::train(first, X, y, gd, ctnn::until{.max_epochs = 20});
static_assert(second.network == by_epochs.network && second.epochs == 20 && second.loss == by_epochs.loss);

// ---- BFGS ------------------------------------------------------------------------
// A quasi-Newton method reaches J < 1e-10 on the walkthrough in well under
// 100 iterations, where gradient descent needs thousands for 1e-6.
constexpr auto by_bfgs = ctnn::train(net42, X, y, ctnn::bfgs{}, ctnn::until{.max_epochs = 100, .loss_below = 1e-10});
static_assert(by_bfgs.status == ctnn::train_status::converged && by_bfgs.loss < 1e-10 && by_bfgs.epochs < 100);
// J < 1e-10 bounds every |y − ŷ| by sqrt(2e-10) ≈ 1.5e-5.
static_assert(close(ctnn::predict(by_bfgs.network, X)(2, 0), 0.93, 1.5e-5));
// At a minimum, BFGS stops moving: with weight_change_below set, that is convergence.
constexpr auto settled = ctnn::train(by_bfgs, X, y, ctnn::bfgs{}, ctnn::until{.max_epochs = 400, .weight_change_below = 1e-15});
static_assert(settled.status == ctnn::train_status::converged && settled.loss <= by_bfgs.loss);

// ---- float networks ------------------------------------------------------------
using xor_f = ctnn::network<float, ctnn::dense<2, 3, ctnn::sigmoid, ctnn::with_bias>,
                            ctnn::dense<3, 1, ctnn::sigmoid, ctnn::with_bias>>;
constexpr ctnn::matrix<float, 4, 2> Xf{{0, 0}, {0, 1}, {1, 0}, {1, 1}};
constexpr ctnn::matrix<float, 4, 1> yf{{0}, {1}, {1}, {0}};
constexpr auto fit_f = ctnn::train(ctnn::initialize<xor_f>(3), Xf, yf, ctnn::gradient_descent{.learning_rate = 10.0},
                                   ctnn::until{.max_epochs = 250, .loss_below = 0.02});
static_assert(fit_f.status == ctnn::train_status::converged);
constexpr auto yf_hat = ctnn::predict(fit_f.network, Xf);
static_assert(yf_hat(0, 0) < 0.5f && yf_hat(1, 0) > 0.5f && yf_hat(2, 0) > 0.5f && yf_hat(3, 0) < 0.5f);

}  // namespace

TEST_CASE("initialize, flatten and the PRNG at run time") {
  volatile std::uint64_t seed = 42;
  const auto n = ctnn::initialize<walk_t>(seed);
  CHECK(n == net42);
  CHECK(all_within(n));
  CHECK(ctnn::unflatten<walk_t>(ctnn::flatten(n)) == n);
  ctnn::splitmix64 g{seed * 0 + 1234567};
  CHECK(g() == 6457827717110365317ULL);
  CHECK(g() == 3203168211198807973ULL);
}

TEST_CASE("activations and losses at run time") {
  volatile double zero = 0.0;
  CHECK(ctnn::sigmoid::value(zero) == 0.5);
  CHECK(close(ctnn::softplus::value(zero), 0.6931471805599453));
  CHECK(ctnn::softplus::value(1000.0 + zero) == 1000.0);
  const auto pr = ctnn::activate<ctnn::softmax>(test::opaque(ctnn::matrix<double, 1, 3>{{1.0, 2.0, 3.0}}));
  CHECK(close(pr(0, 2), 0.6652409557748219));
  const auto hg = ctnn::activate<ctnn::softmax>(test::opaque(ctnn::matrix<double, 1, 2>{{1e308, 0.0}}));
  CHECK(hg(0, 0) == 1.0);
  CHECK(close(ctnn::binary_cross_entropy::value(test::opaque(yh), t), 0.9808292530117262));
  CHECK(close(ctnn::binary_cross_entropy::value(test::opaque(ctnn::matrix<double, 1, 1>{{0.0}}),
                                                ctnn::matrix<double, 1, 1>{{1.0}}),
              708.3964185322641));
}

TEST_CASE("forward, predict, cost and gradient agree at run time") {
  const auto x = test::opaque(X);
  const auto trace = ctnn::forward(net42, x);
  CHECK(ctnn::get<1>(trace).a == ctnn::predict(net42, x));
  CHECK(close(ctnn::cost(net42, x, y), ctnn::cost(net42, X, y)));
  const auto cg = ctnn::cost_and_gradient(net42, x, y);
  CHECK(cg.cost == ctnn::cost(net42, x, y));
  CHECK(close(ctnn::numerical_gradient(net42, x, y)(0, 0), ctnn::get<0>(cg.gradient).weights(0, 0), 1e-8));
}

// ---- the order of a one-row sum ---------------------------------------------
// A batch of fewer than 4 rows sums each z over 16 or more inputs into a layer
// of fewer than 8 outputs in 8 interleaved partial sums (detail/interleaved.hpp).
// One row of 16 ones against a column of W that is 2^24 and then fifteen 1s:
// z(0, 0) is 2^24 + 15 = 16,777,231, which float cannot hold. Worked by hand:
// left to right, each + 1 on 2^24 rounds back to 2^24 (ties to even), so
// 16,777,216; interleaved, s0 = 2^24 + 1 -> 2^24 and s1..s7 = 2, then
// s0 + s4 = 2^24 + 2, + s2 + s6 = 2^24 + 6, + (s1 + s5 + s3 + s7 = 8): 16,777,230.
// A batch of 4 rows sums left to right, which the same column shows.
using one_row_sum_t = ctnn::network<float, ctnn::dense<16, 4, ctnn::identity>>;
constexpr one_row_sum_t one_row_sum_net = [] {
  one_row_sum_t net{};
  auto& W = ctnn::get<0>(net).weights;
  for (std::size_t k = 0; k < 16; ++k)
    for (std::size_t j = 0; j < 4; ++j) W(k, j) = k == 0 && j == 0 ? 16777216.0f : 1.0f;
  return net;
}();
constexpr auto ones_of = []<std::size_t N>(std::integral_constant<std::size_t, N>) {
  ctnn::matrix<float, N, 16> x{};
  for (auto& e : x) e = 1.0f;
  return x;
};
constexpr auto one_row_ones = ones_of(std::integral_constant<std::size_t, 1>{});
constexpr auto four_row_ones = ones_of(std::integral_constant<std::size_t, 4>{});
static_assert(ctnn::predict(one_row_sum_net, one_row_ones)(0, 0) == 16777230.0f);
static_assert(ctnn::predict(one_row_sum_net, one_row_ones)(0, 1) == 16.0f);
static_assert(ctnn::predict(one_row_sum_net, four_row_ones)(3, 0) == 16777216.0f);

TEST_CASE("a one-row sum is 8 interleaved partial sums at run time as at compile time") {
  CHECK(ctnn::predict(one_row_sum_net, test::opaque(one_row_ones))(0, 0) == 16777230.0f);
  CHECK(ctnn::predict(one_row_sum_net, test::opaque(one_row_ones))(0, 1) == 16.0f);
  CHECK(ctnn::predict(one_row_sum_net, test::opaque(four_row_ones))(3, 0) == 16777216.0f);
}

TEST_CASE("train stops for each reason at run time as at compile time") {
  const auto x = test::opaque(X);
  const auto r1 = ctnn::train(net42, x, y, gd, ctnn::until{.max_epochs = 20});
  CHECK(r1.status == ctnn::train_status::max_epochs);
  CHECK(r1.epochs == 20);
  CHECK(close(r1.loss, by_epochs.loss));
  const auto r2 = ctnn::train(net42, x, y, gd, ctnn::until{.max_epochs = 200, .loss_below = 5e-3});
  CHECK(r2.status == ctnn::train_status::converged);
  CHECK(r2.epochs == by_loss.epochs);
  const auto r3 = ctnn::train(net42, x, y, ctnn::gradient_descent{.learning_rate = 1e9},
                              ctnn::until{.max_epochs = 50, .weight_change_below = 1e-9});
  CHECK(r3.status == ctnn::train_status::diverged);
  const auto r4 = ctnn::train(ctnn::initialize<linear_t>(1), x, y, ctnn::gradient_descent{.learning_rate = 50.0},
                              ctnn::until{.max_epochs = 500});
  CHECK(r4.status == ctnn::train_status::diverged);
  CHECK(r4.epochs == exploded.epochs);
  CHECK(bounded(r4.network));
  const auto r5 = ctnn::train(net42, x, y, ctnn::gradient_descent{.learning_rate = 0.0},
                              ctnn::until{.max_epochs = 5, .weight_change_below = 1e-12});
  CHECK(r5.status == ctnn::train_status::converged);
  CHECK(r5.network == net42);
  const auto s1 = ctnn::train(net42, x, y, gd, ctnn::until{.max_epochs = 7});
  const auto s2 = ctnn::train(s1, x, y, gd, ctnn::until{.max_epochs = 20});
  CHECK(s2.network == r1.network);
}

TEST_CASE("BFGS at run time") {
  const auto r = ctnn::train(net42, test::opaque(X), y, ctnn::bfgs{}, ctnn::until{.max_epochs = 100, .loss_below = 1e-10});
  CHECK(r.status == ctnn::train_status::converged);
  CHECK(r.loss < 1e-10);
  CHECK(r.epochs < 100);
  CHECK(close(ctnn::predict(r.network, X)(0, 0), 0.75, 1.5e-5));
}

TEST_CASE("NaN or infinite data ends in diverged, never in NaN weights") {
  auto x = test::opaque(X);
  x(1, 1) = std::numeric_limits<double>::quiet_NaN();
  const auto r = ctnn::train(net42, x, y, gd, ctnn::until{.max_epochs = 10});
  CHECK(r.status == ctnn::train_status::diverged);
  CHECK(r.network == net42);
  x(1, 1) = std::numeric_limits<double>::infinity();
  CHECK(ctnn::train(net42, x, y, gd, ctnn::until{.max_epochs = 10}).status == ctnn::train_status::diverged);
}

TEST_CASE("float XOR trains at run time too") {
  const auto r = ctnn::train(ctnn::initialize<xor_f>(3), test::opaque(Xf), yf,
                             ctnn::gradient_descent{.learning_rate = 10.0},
                             ctnn::until{.max_epochs = 250, .loss_below = 0.02});
  CHECK(r.status == ctnn::train_status::converged);
  const auto out = ctnn::predict(r.network, Xf);
  CHECK(out(0, 0) < 0.5f);
  CHECK(out(1, 0) > 0.5f);
  CHECK(out(2, 0) > 0.5f);
  CHECK(out(3, 0) < 0.5f);
}

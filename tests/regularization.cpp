// L2 regularisation (ctnn::regularization, ctnn::regularized<Loss>) against
// tests/reference/regularization.py (NumPy, the walkthrough's part 7 cost):
// cost, gradient, the gradient law, gradient descent full-batch and in
// mini-batches, and BFGS on the regularised objective. Each value in a
// static_assert and again at run time.
#include <doctest/doctest.h>

#include <ctnn/ctnn.hpp>

#include "reference/regularization_reference.hpp"
#include "support/check.hpp"

namespace {

namespace ref = ctnn_reference::overfitting;
namespace refx = ctnn_reference::xor_biased;
using test::close;
using test::to_matrix;

using walk_t = ctnn::mlp<double, ctnn::sigmoid, 2, 3, 1>;
using xor_t = ctnn::network<double, ctnn::dense<2, 3, ctnn::sigmoid, ctnn::with_bias>,
                            ctnn::dense<3, 1, ctnn::sigmoid, ctnn::with_bias>>;

constexpr auto X = to_matrix(ref::X);
constexpr auto y = to_matrix(ref::y);
constexpr auto X_test = to_matrix(ref::X_test);
constexpr auto y_test = to_matrix(ref::y_test);
constexpr ctnn::regularization l2{.lambda = ref::lambda};

constexpr walk_t start_walk() {
  walk_t net{};
  ctnn::get<0>(net).weights = to_matrix(ref::W1_start);
  ctnn::get<1>(net).weights = to_matrix(ref::W2_start);
  return net;
}
constexpr xor_t start_xor() {
  xor_t net{};
  ctnn::get<0>(net).weights = to_matrix(refx::W1_start);
  ctnn::get<0>(net).bias = to_matrix(refx::b1_start);
  ctnn::get<1>(net).weights = to_matrix(refx::W2_start);
  ctnn::get<1>(net).bias = to_matrix(refx::b2_start);
  return net;
}
constexpr auto net = start_walk();
constexpr auto xnet = start_xor();
constexpr ctnn::regularization xl2{.lambda = refx::lambda};

// ---- cost and gradient -------------------------------------------------------
static_assert(close(ctnn::cost(net, X, y, l2), ref::J));
static_assert(close(ctnn::cost(net, X, y, ctnn::regularization{.lambda = 0}), ref::J_unregularized));
static_assert(close(ctnn::cost(net, X_test, y_test, l2), ref::J_test));
constexpr auto g = ctnn::gradient(net, X, y, l2);
static_assert(close(ctnn::get<0>(g).weights, ref::dJdW1) && close(ctnn::get<1>(g).weights, ref::dJdW2));
// cost_and_gradient gives both, the same.
static_assert(ctnn::cost_and_gradient(net, X, y, l2).cost == ctnn::cost(net, X, y, l2));
// With biases: the bias gradient is the data term's alone.
static_assert(close(ctnn::cost(xnet, to_matrix(refx::X), to_matrix(refx::y), xl2), refx::J));
constexpr auto gx = ctnn::gradient(xnet, to_matrix(refx::X), to_matrix(refx::y), xl2);
static_assert(close(ctnn::get<0>(gx).weights, refx::dJdW1) && close(ctnn::get<0>(gx).bias, refx::dJdb1) &&
              close(ctnn::get<1>(gx).weights, refx::dJdW2) && close(ctnn::get<1>(gx).bias, refx::dJdb2));

// ---- the gradient law with regularisation on ---------------------------------
static_assert(ctnn::gradient_check(net, X, y, l2) < 1e-8);
static_assert(ctnn::gradient_check(xnet, to_matrix(refx::X), to_matrix(refx::y), xl2) < 1e-8);
// Around other losses, with a large λ so that the penalty matters.
static_assert(ctnn::gradient_check(xnet, to_matrix(refx::X), to_matrix(refx::y),
                                   ctnn::regularized<ctnn::binary_cross_entropy>{.lambda = 0.5}) < 1e-8);
static_assert(ctnn::gradient_check(net, X, y, ctnn::regularized<ctnn::mean_squared_error>{.lambda = 0.5}) < 1e-8);
// A tanh hidden layer and a softmax output with categorical cross-entropy, both with biases.
using softmax_t = ctnn::network<double, ctnn::dense<2, 3, ctnn::tanh, ctnn::with_bias>,
                                ctnn::dense<3, 2, ctnn::softmax, ctnn::with_bias>>;
constexpr ctnn::matrix<double, 4, 2> one_hot{{1, 0}, {0, 1}, {0, 1}, {1, 0}};
static_assert(ctnn::gradient_check(ctnn::initialize<softmax_t>(5), to_matrix(refx::X), one_hot,
                                   ctnn::regularized<ctnn::categorical_cross_entropy>{.lambda = 0.5}) < 1e-8);
// The penalty is there: without it, the check against the regularised cost fails.
static_assert(!close(ctnn::cost(net, X, y, ctnn::regularization{.lambda = 0.5}), ref::J, 1e-3));

// ---- training ---------------------------------------------------------------
constexpr ctnn::gradient_descent gd{.learning_rate = ref::eta};
constexpr auto step1 = ctnn::train(net, X, y, gd, ctnn::until{.max_epochs = 1}, l2);
constexpr auto step10 = ctnn::train(net, X, y, gd, ctnn::until{.max_epochs = 10}, l2);
static_assert(close(ctnn::get<0>(step1.network).weights, ref::W1_step1) &&
              close(ctnn::get<1>(step1.network).weights, ref::W2_step1) && close(step1.loss, ref::J_step1));
static_assert(close(ctnn::get<0>(step10.network).weights, ref::W1_step10) &&
              close(ctnn::get<1>(step10.network).weights, ref::W2_step10) && close(step10.loss, ref::J_step10));
// Mini-batches: each batch's gradient is the regularised gradient of its rows.
constexpr ctnn::gradient_descent mb{.learning_rate = ref::eta, .batch_size = ref::batch_size, .seed = ref::seed};
constexpr auto epoch1 = ctnn::train(net, X, y, mb, ctnn::until{.max_epochs = 1}, l2);
constexpr auto epoch5 = ctnn::train(net, X, y, mb, ctnn::until{.max_epochs = 5}, l2);
static_assert(close(ctnn::get<0>(epoch1.network).weights, ref::W1_epoch1) &&
              close(ctnn::get<1>(epoch1.network).weights, ref::W2_epoch1) && close(epoch1.loss, ref::J_epoch1));
static_assert(close(ctnn::get<0>(epoch5.network).weights, ref::W1_epoch5) &&
              close(ctnn::get<1>(epoch5.network).weights, ref::W2_epoch5) && close(epoch5.loss, ref::J_epoch5));
// BFGS minimises the regularised J: at its result that J's gradient is ~0.
constexpr auto bfgs_fit = ctnn::train(net, X, y, ctnn::bfgs{}, ctnn::until{.max_epochs = 60}, l2);
constexpr double gradient_norm(const walk_t& n, double lambda) {
  const auto f = ctnn::flatten(ctnn::gradient(n, X, y, ctnn::regularization{.lambda = lambda}));
  double s = 0;
  for (double e : f) s += e * e;
  return ctnn::math::sqrt(s);
}
static_assert(gradient_norm(bfgs_fit.network, ref::lambda) < 1e-6);
static_assert(gradient_norm(bfgs_fit.network, 0) > 1e-5);  // not a minimum of the plain J
static_assert(close(bfgs_fit.loss, ctnn::cost(bfgs_fit.network, X, y, l2), 1e-15));
// Momentum and Adam take it as well.
static_assert(ctnn::train(net, X, y, ctnn::adam{.learning_rate = 0.05}, ctnn::until{.max_epochs = 5}, l2).loss <
              ref::J);
static_assert(ctnn::train(net, X, y, ctnn::momentum{.learning_rate = 1.0}, ctnn::until{.max_epochs = 5}, l2).loss <
              ref::J);

}  // namespace

TEST_CASE("regularised cost and gradient match NumPy at run time") {
  const auto Xr = test::opaque(X);
  const auto yr = test::opaque(y);
  const auto n = test::opaque(ctnn::matrix<double, 1, 1>{{ref::lambda}});
  const ctnn::regularization reg{.lambda = n(0, 0)};
  CHECK(close(ctnn::cost(net, Xr, yr, reg), ref::J));
  CHECK(close(ctnn::cost(net, test::opaque(X_test), test::opaque(y_test), reg), ref::J_test));
  const auto gr = ctnn::gradient(net, Xr, yr, reg);
  CHECK(close(ctnn::get<0>(gr).weights, ref::dJdW1));
  CHECK(close(ctnn::get<1>(gr).weights, ref::dJdW2));
  CHECK(ctnn::gradient_check(net, Xr, yr, reg) < 1e-8);
  const auto Xx = test::opaque(to_matrix(refx::X));
  const auto yx = test::opaque(to_matrix(refx::y));
  CHECK(close(ctnn::cost(xnet, Xx, yx, xl2), refx::J));
  const auto gxr = ctnn::gradient(xnet, Xx, yx, xl2);
  CHECK(close(ctnn::get<0>(gxr).bias, refx::dJdb1));
  CHECK(close(ctnn::get<1>(gxr).bias, refx::dJdb2));
  CHECK(close(ctnn::get<0>(gxr).weights, refx::dJdW1));
  CHECK(ctnn::gradient_check(xnet, Xx, yx, xl2) < 1e-8);
}

TEST_CASE("regularised training matches NumPy at run time") {
  const auto Xr = test::opaque(X);
  const auto yr = test::opaque(y);
  const auto s10 = ctnn::train(net, Xr, yr, gd, ctnn::until{.max_epochs = 10}, l2);
  CHECK(close(ctnn::get<0>(s10.network).weights, ref::W1_step10));
  CHECK(close(ctnn::get<1>(s10.network).weights, ref::W2_step10));
  CHECK(close(s10.loss, ref::J_step10));
  const auto e5 = ctnn::train(net, Xr, yr, mb, ctnn::until{.max_epochs = 5}, l2);
  CHECK(close(ctnn::get<0>(e5.network).weights, ref::W1_epoch5));
  CHECK(close(e5.loss, ref::J_epoch5));
  const auto b = ctnn::train(net, Xr, yr, ctnn::bfgs{}, ctnn::until{.max_epochs = 60}, l2);
  CHECK(close(b.loss, bfgs_fit.loss, 1e-12));
  CHECK(gradient_norm(b.network, ref::lambda) < 1e-6);
}

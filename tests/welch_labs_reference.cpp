// The walkthrough's 2-3-1 network against the independent NumPy reference
// (tests/reference/welch_labs.py): every intermediate of the forward and
// backward pass, the gradient check, and W(1), W(2) after 1 and 100 steps
// of gradient descent, to 1e-12. Checked in constant evaluation
// (static_assert, ctnn's own math) and at run time (doctest, <cmath>).
#include <doctest/doctest.h>

#include <ctnn/ctnn.hpp>

#include "reference/welch_labs_reference.hpp"
#include "support/check.hpp"

namespace {

namespace ref = ctnn_reference::welch_labs;
using test::close;
using net_t = ctnn::mlp<double, ctnn::sigmoid, 2, 3, 1>;

constexpr auto X = test::to_matrix(ref::X);
constexpr auto y = test::to_matrix(ref::y);

constexpr net_t start() {
  net_t net{};
  ctnn::get<0>(net).weights = test::to_matrix(ref::W1_start);  // W(1)
  ctnn::get<1>(net).weights = test::to_matrix(ref::W2_start);  // W(2)
  return net;
}

constexpr auto train_for(const net_t& net, const ctnn::matrix<double, 3, 2>& x,
                         const ctnn::matrix<double, 3, 1>& t, std::size_t epochs) {
  return ctnn::train(net, x, t, ctnn::gradient_descent{.learning_rate = ref::eta},
                     ctnn::until{.max_epochs = epochs});
}

// ---- forward pass ----------------------------------------------------------
constexpr auto trace = ctnn::forward(start(), X);
static_assert(close(ctnn::get<0>(trace).z, ref::z2));   // z(2) = X W(1)
static_assert(close(ctnn::get<0>(trace).a, ref::a2));   // a(2) = f(z(2))
static_assert(close(ctnn::get<1>(trace).z, ref::z3));   // z(3) = a(2) W(2)
static_assert(close(ctnn::get<1>(trace).a, ref::yhat)); // ŷ = f(z(3))
static_assert(close(ctnn::predict(start(), X), ref::yhat));
static_assert(close(ctnn::cost(start(), X, y), ref::J));
static_assert(close(ctnn::cost(start(), X, y, ctnn::half_squared_error{}), ref::J));

// ---- backward pass ---------------------------------------------------------
constexpr auto g = ctnn::gradient(start(), X, y);
static_assert(close(ctnn::get<0>(g).weights, ref::dJdW1));
static_assert(close(ctnn::get<1>(g).weights, ref::dJdW2));
constexpr auto g_num = ctnn::numerical_gradient(start(), X, y);
static_assert(close(g_num(0, 0), ref::dJdW1_numerical[0][0], 1e-12));
static_assert(close(g_num(8, 0), ref::dJdW2_numerical[2][0], 1e-12));
constexpr double check = ctnn::gradient_check(start(), X, y);
static_assert(check < 1e-8);
// Same ε and formula as the reference; the ratio is itself a difference of
// nearly equal numbers, so rounding moves it: same order of magnitude.
static_assert(check > ref::gradient_check / 2 && check < ref::gradient_check * 2);

// ---- gradient descent ------------------------------------------------------
constexpr auto one = train_for(start(), X, y, 1);
static_assert(one.epochs == 1 && one.status == ctnn::train_status::max_epochs);
static_assert(close(ctnn::get<0>(one.network).weights, ref::W1_step1));
static_assert(close(ctnn::get<1>(one.network).weights, ref::W2_step1));
static_assert(close(one.loss, ref::J_step1));

constexpr auto hundred = train_for(start(), X, y, 100);
static_assert(hundred.epochs == 100);
static_assert(close(ctnn::get<0>(hundred.network).weights, ref::W1_step100));
static_assert(close(ctnn::get<1>(hundred.network).weights, ref::W2_step100));
static_assert(close(hundred.loss, ref::J_step100));

}  // namespace

TEST_CASE("walkthrough forward and backward pass at run time match NumPy") {
  const auto x = test::opaque(X);
  const auto t = test::opaque(y);
  const net_t net = start();
  const auto tr = ctnn::forward(net, x);
  CHECK(close(ctnn::get<0>(tr).z, ref::z2));
  CHECK(close(ctnn::get<0>(tr).a, ref::a2));
  CHECK(close(ctnn::get<1>(tr).z, ref::z3));
  CHECK(close(ctnn::get<1>(tr).a, ref::yhat));
  CHECK(close(ctnn::predict(net, x), ref::yhat));
  CHECK(close(ctnn::cost(net, x, t), ref::J));
  const auto grad = ctnn::gradient(net, x, t);
  CHECK(close(ctnn::get<0>(grad).weights, ref::dJdW1));
  CHECK(close(ctnn::get<1>(grad).weights, ref::dJdW2));
  const double c = ctnn::gradient_check(net, x, t);
  CHECK(c < 1e-8);
  CHECK(c > ref::gradient_check / 2);
  CHECK(c < ref::gradient_check * 2);
}

TEST_CASE("walkthrough gradient descent at run time matches NumPy after 1 and 100 steps") {
  const auto x = test::opaque(X);
  const auto t = test::opaque(y);
  const auto r1 = train_for(start(), x, t, 1);
  CHECK(close(ctnn::get<0>(r1.network).weights, ref::W1_step1));
  CHECK(close(ctnn::get<1>(r1.network).weights, ref::W2_step1));
  CHECK(close(r1.loss, ref::J_step1));
  const auto r100 = train_for(start(), x, t, 100);
  CHECK(r100.epochs == 100);
  CHECK(close(ctnn::get<0>(r100.network).weights, ref::W1_step100));
  CHECK(close(ctnn::get<1>(r100.network).weights, ref::W2_step100));
  CHECK(close(r100.loss, ref::J_step100));
}

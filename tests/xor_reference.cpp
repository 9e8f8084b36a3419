// Networks with biases against the independent NumPy reference
// (tests/reference/welch_labs.py): XOR with a 2-3-1 sigmoid network, and a
// 2-3-2 tanh/softmax network under categorical cross-entropy. Gradients
// (W and b) at the start, and every parameter after 1 and 100 steps of
// gradient descent, to 1e-12, in constant evaluation and at run time.
#include <doctest/doctest.h>

#include <ctnn/ctnn.hpp>

#include "reference/welch_labs_reference.hpp"
#include "support/check.hpp"

namespace {

using test::close;

// ---- XOR, sigmoid, half squared error --------------------------------------
namespace xs = ctnn_reference::xor_sigmoid;
using sig_t = ctnn::network<double, ctnn::dense<2, 3, ctnn::sigmoid, ctnn::with_bias>,
                            ctnn::dense<3, 1, ctnn::sigmoid, ctnn::with_bias>>;

constexpr sig_t sig_start() {
  sig_t net{};
  ctnn::get<0>(net).weights = test::to_matrix(xs::W1_start);
  ctnn::get<0>(net).bias = test::to_matrix(xs::b1_start);
  ctnn::get<1>(net).weights = test::to_matrix(xs::W2_start);
  ctnn::get<1>(net).bias = test::to_matrix(xs::b2_start);
  return net;
}

template <class Net, class NS>
constexpr bool parameters_match(const Net& net, NS, int which) {
  if (which == 1)
    return close(ctnn::get<0>(net).weights, NS::W1_step1) && close(ctnn::get<0>(net).bias, NS::b1_step1) &&
           close(ctnn::get<1>(net).weights, NS::W2_step1) && close(ctnn::get<1>(net).bias, NS::b2_step1);
  return close(ctnn::get<0>(net).weights, NS::W1_step100) && close(ctnn::get<0>(net).bias, NS::b1_step100) &&
         close(ctnn::get<1>(net).weights, NS::W2_step100) && close(ctnn::get<1>(net).bias, NS::b2_step100);
}

// The reference's namespaces, as types, so one checker serves both cases.
struct xs_ref {
  static constexpr auto& W1_step1 = xs::W1_step1;
  static constexpr auto& b1_step1 = xs::b1_step1;
  static constexpr auto& W2_step1 = xs::W2_step1;
  static constexpr auto& b2_step1 = xs::b2_step1;
  static constexpr auto& W1_step100 = xs::W1_step100;
  static constexpr auto& b1_step100 = xs::b1_step100;
  static constexpr auto& W2_step100 = xs::W2_step100;
  static constexpr auto& b2_step100 = xs::b2_step100;
};

constexpr auto Xs = test::to_matrix(xs::X);
constexpr auto ys = test::to_matrix(xs::y);

constexpr auto sig_grad = ctnn::gradient(sig_start(), Xs, ys);
static_assert(close(ctnn::predict(sig_start(), Xs), xs::yhat));
static_assert(close(ctnn::cost(sig_start(), Xs, ys), xs::J));
static_assert(close(ctnn::get<0>(sig_grad).weights, xs::dJdW1));
static_assert(close(ctnn::get<0>(sig_grad).bias, xs::dJdb1));
static_assert(close(ctnn::get<1>(sig_grad).weights, xs::dJdW2));
static_assert(close(ctnn::get<1>(sig_grad).bias, xs::dJdb2));
static_assert(ctnn::gradient_check(sig_start(), Xs, ys) < 1e-8);

constexpr auto sig_train(std::size_t epochs) {
  return ctnn::train(sig_start(), Xs, ys, ctnn::gradient_descent{.learning_rate = xs::eta},
                     ctnn::until{.max_epochs = epochs});
}
constexpr auto sig_1 = sig_train(1);
static_assert(parameters_match(sig_1.network, xs_ref{}, 1) && close(sig_1.loss, xs::J_step1));
constexpr auto sig_100 = sig_train(100);
static_assert(parameters_match(sig_100.network, xs_ref{}, 100) && close(sig_100.loss, xs::J_step100));

// ---- XOR, tanh hidden, softmax output, categorical cross-entropy ------------
namespace xm = ctnn_reference::xor_softmax;
using soft_t = ctnn::network<double, ctnn::dense<2, 3, ctnn::tanh, ctnn::with_bias>,
                             ctnn::dense<3, 2, ctnn::softmax, ctnn::with_bias>>;
constexpr ctnn::categorical_cross_entropy cce{};

constexpr soft_t soft_start() {
  soft_t net{};
  ctnn::get<0>(net).weights = test::to_matrix(xm::W1_start);
  ctnn::get<0>(net).bias = test::to_matrix(xm::b1_start);
  ctnn::get<1>(net).weights = test::to_matrix(xm::W2_start);
  ctnn::get<1>(net).bias = test::to_matrix(xm::b2_start);
  return net;
}
struct xm_ref {
  static constexpr auto& W1_step1 = xm::W1_step1;
  static constexpr auto& b1_step1 = xm::b1_step1;
  static constexpr auto& W2_step1 = xm::W2_step1;
  static constexpr auto& b2_step1 = xm::b2_step1;
  static constexpr auto& W1_step100 = xm::W1_step100;
  static constexpr auto& b1_step100 = xm::b1_step100;
  static constexpr auto& W2_step100 = xm::W2_step100;
  static constexpr auto& b2_step100 = xm::b2_step100;
};

constexpr auto Xm = test::to_matrix(xm::X);
constexpr auto Ym = test::to_matrix(xm::Y);

constexpr auto soft_grad = ctnn::gradient(soft_start(), Xm, Ym, cce);
static_assert(close(ctnn::predict(soft_start(), Xm), xm::yhat));
static_assert(close(ctnn::cost(soft_start(), Xm, Ym, cce), xm::J));
static_assert(close(ctnn::get<0>(soft_grad).weights, xm::dJdW1));
static_assert(close(ctnn::get<0>(soft_grad).bias, xm::dJdb1));
static_assert(close(ctnn::get<1>(soft_grad).weights, xm::dJdW2));
static_assert(close(ctnn::get<1>(soft_grad).bias, xm::dJdb2));
static_assert(ctnn::gradient_check(soft_start(), Xm, Ym, cce) < 1e-8);

constexpr auto soft_train(std::size_t epochs) {
  return ctnn::train(soft_start(), Xm, Ym, ctnn::gradient_descent{.learning_rate = xm::eta},
                     ctnn::until{.max_epochs = epochs}, cce);
}
constexpr auto soft_1 = soft_train(1);
static_assert(parameters_match(soft_1.network, xm_ref{}, 1) && close(soft_1.loss, xm::J_step1));
constexpr auto soft_100 = soft_train(100);
static_assert(parameters_match(soft_100.network, xm_ref{}, 100) && close(soft_100.loss, xm::J_step100));

}  // namespace

TEST_CASE("XOR with biases at run time matches NumPy") {
  const auto x = test::opaque(Xs);
  const auto t = test::opaque(ys);
  const auto g = ctnn::gradient(sig_start(), x, t);
  CHECK(close(ctnn::get<0>(g).weights, xs::dJdW1));
  CHECK(close(ctnn::get<0>(g).bias, xs::dJdb1));
  CHECK(close(ctnn::get<1>(g).weights, xs::dJdW2));
  CHECK(close(ctnn::get<1>(g).bias, xs::dJdb2));
  CHECK(ctnn::gradient_check(sig_start(), x, t) < 1e-8);
  const auto r1 = ctnn::train(sig_start(), x, t, ctnn::gradient_descent{.learning_rate = xs::eta},
                              ctnn::until{.max_epochs = 1});
  CHECK(parameters_match(r1.network, xs_ref{}, 1));
  const auto r100 = ctnn::train(sig_start(), x, t, ctnn::gradient_descent{.learning_rate = xs::eta},
                                ctnn::until{.max_epochs = 100});
  CHECK(parameters_match(r100.network, xs_ref{}, 100));
  CHECK(close(r100.loss, xs::J_step100));
}

TEST_CASE("softmax with categorical cross-entropy at run time matches NumPy") {
  const auto x = test::opaque(Xm);
  const auto t = test::opaque(Ym);
  CHECK(close(ctnn::predict(soft_start(), x), xm::yhat));
  CHECK(close(ctnn::cost(soft_start(), x, t, cce), xm::J));
  const auto g = ctnn::gradient(soft_start(), x, t, cce);
  CHECK(close(ctnn::get<0>(g).weights, xm::dJdW1));
  CHECK(close(ctnn::get<1>(g).weights, xm::dJdW2));
  CHECK(close(ctnn::get<1>(g).bias, xm::dJdb2));
  const auto r100 = ctnn::train(soft_start(), x, t, ctnn::gradient_descent{.learning_rate = xm::eta},
                                ctnn::until{.max_epochs = 100}, cce);
  CHECK(parameters_match(r100.network, xm_ref{}, 100));
  CHECK(close(r100.loss, xm::J_step100));
}

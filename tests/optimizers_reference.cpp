// Momentum, Adam and mini-batch gradient descent against the independent
// NumPy reference (tests/reference/optimizers.py), after 1 and 50 steps
// (1 and 10 epochs for mini-batches, whose shuffled order the reference
// draws from its own SplitMix64), in constant evaluation and at run time.
#include <doctest/doctest.h>

#include <ctnn/ctnn.hpp>

#include "reference/optimizers_reference.hpp"
#include "support/check.hpp"

namespace {

using test::close;
using net_t = ctnn::mlp<double, ctnn::sigmoid, 2, 3, 1>;
namespace mo = ctnn_reference::momentum;
namespace ad = ctnn_reference::adam;
namespace mb = ctnn_reference::minibatch;
namespace ax = ctnn_reference::adam_xor;

constexpr auto X = test::to_matrix(mo::X);
constexpr auto y = test::to_matrix(mo::y);

constexpr net_t start() {
  net_t net{};
  ctnn::get<0>(net).weights = test::to_matrix(mo::W1_start);
  ctnn::get<1>(net).weights = test::to_matrix(mo::W2_start);
  return net;
}

template <class Opt>
constexpr auto run(Opt opt, std::size_t epochs, const ctnn::matrix<double, 3, 2>& x = X) {
  return ctnn::train(start(), x, y, opt, ctnn::until{.max_epochs = epochs});
}

constexpr ctnn::momentum heavy{.learning_rate = mo::eta, .beta = mo::beta};
constexpr ctnn::adam adam{.learning_rate = ad::eta, .beta1 = ad::beta1, .beta2 = ad::beta2, .epsilon = ad::epsilon};
constexpr ctnn::gradient_descent sgd{.learning_rate = mb::eta, .batch_size = mb::batch_size, .seed = mb::seed};

template <class R, class W1, class W2>
constexpr bool matches(const R& r, const W1& w1, const W2& w2, double J) {
  return close(ctnn::get<0>(r.network).weights, w1) && close(ctnn::get<1>(r.network).weights, w2) && close(r.loss, J);
}

static_assert(matches(run(heavy, 1), mo::W1_step1, mo::W2_step1, mo::J_step1));
static_assert(matches(run(heavy, 50), mo::W1_step50, mo::W2_step50, mo::J_step50));
static_assert(matches(run(adam, 1), ad::W1_step1, ad::W2_step1, ad::J_step1));
static_assert(matches(run(adam, 50), ad::W1_step50, ad::W2_step50, ad::J_step50));
static_assert(matches(run(sgd, 1), mb::W1_epoch1, mb::W2_epoch1, mb::J_epoch1));
static_assert(matches(run(sgd, 10), mb::W1_epoch10, mb::W2_epoch10, mb::J_epoch10));

// XOR with biases under Adam.
using xor_t = ctnn::network<double, ctnn::dense<2, 3, ctnn::sigmoid, ctnn::with_bias>,
                            ctnn::dense<3, 1, ctnn::sigmoid, ctnn::with_bias>>;
constexpr xor_t xor_start() {
  xor_t net{};
  ctnn::get<0>(net).weights = test::to_matrix(ax::W1_start);
  ctnn::get<0>(net).bias = test::to_matrix(ax::b1_start);
  ctnn::get<1>(net).weights = test::to_matrix(ax::W2_start);
  ctnn::get<1>(net).bias = test::to_matrix(ax::b2_start);
  return net;
}
constexpr auto xor_run(std::size_t epochs, const ctnn::matrix<double, 4, 2>& x) {
  return ctnn::train(xor_start(), x, test::to_matrix(ax::y),
                     ctnn::adam{.learning_rate = ax::eta, .beta1 = ax::beta1, .beta2 = ax::beta2, .epsilon = ax::epsilon},
                     ctnn::until{.max_epochs = epochs});
}
template <class R>
constexpr bool xor_matches_50(const R& r) {
  return close(ctnn::get<0>(r.network).weights, ax::W1_step50) && close(ctnn::get<0>(r.network).bias, ax::b1_step50) &&
         close(ctnn::get<1>(r.network).weights, ax::W2_step50) && close(ctnn::get<1>(r.network).bias, ax::b2_step50) &&
         close(r.loss, ax::J_step50);
}
constexpr auto xor_50 = xor_run(50, test::to_matrix(ax::X));
static_assert(xor_matches_50(xor_50));
static_assert(close(ctnn::get<0>(xor_run(1, test::to_matrix(ax::X)).network).bias, ax::b1_step1));

}  // namespace

TEST_CASE("momentum, Adam and mini-batches at run time match NumPy") {
  const auto x = test::opaque(X);
  CHECK(matches(run(heavy, 1, x), mo::W1_step1, mo::W2_step1, mo::J_step1));
  CHECK(matches(run(heavy, 50, x), mo::W1_step50, mo::W2_step50, mo::J_step50));
  CHECK(matches(run(adam, 1, x), ad::W1_step1, ad::W2_step1, ad::J_step1));
  CHECK(matches(run(adam, 50, x), ad::W1_step50, ad::W2_step50, ad::J_step50));
  CHECK(matches(run(sgd, 1, x), mb::W1_epoch1, mb::W2_epoch1, mb::J_epoch1));
  CHECK(matches(run(sgd, 10, x), mb::W1_epoch10, mb::W2_epoch10, mb::J_epoch10));
  CHECK(xor_matches_50(xor_run(50, test::opaque(test::to_matrix(ax::X)))));
}

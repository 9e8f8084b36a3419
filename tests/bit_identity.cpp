// Training at run time gives the same bits as the same training at compile
// time (issue 6: one algorithm everywhere). Each run below is done twice:
// once in a constexpr variable, by the compiler's constant evaluator, and
// once at run time on data the optimiser cannot see (test::opaque), through
// the run-time code paths (ctnn's branch-free exp/tanh/sigmoid, the
// row-wise loops). Every weight, J and the epoch count must be equal bit for
// bit. Built with -ffp-contract=off (tests/meson.build): a fused
// multiply-add rounds once where the constant evaluator rounds twice, so
// contraction is the one thing that may separate the two; a second build
// adds -march=native, where the loops and the math run in vector registers.
//
// The runs cover every function the run-time path replaces: sigmoid
// (double and float), tanh (double and float), softplus (exp and log1p),
// softmax with cross-entropy (exp, log), gradient descent, momentum with
// shuffled mini-batches, Adam (sqrt) and BFGS (its line search).
#include <doctest/doctest.h>

#include <bit>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctnn/ctnn.hpp>

#include "support/check.hpp"
#include "support/wide_problem.hpp"

namespace {

template <class T>
auto bits_of(T x) {
  if constexpr (sizeof(T) == 8) return std::bit_cast<std::uint64_t>(x); else return std::bit_cast<std::uint32_t>(x);
}

// Number of parameters whose bits differ.
template <class Net>
std::size_t differing_parameters(const Net& a, const Net& b) {
  std::size_t differ = 0;
  ctnn::for_each_parameter_pair(a, b, [&](const auto& x, const auto& y) { differ += bits_of(x) != bits_of(y); });
  return differ;
}

template <class R>
void check_same_run(const R& compile_time, const R& run_time) {
  CHECK(run_time.status == compile_time.status);
  CHECK(run_time.epochs == compile_time.epochs);
  CHECK(bits_of(run_time.loss) == bits_of(compile_time.loss));
  CHECK(differing_parameters(run_time.network, compile_time.network) == 0);
}

std::uint64_t opaque_seed(std::uint64_t s) {
  volatile std::uint64_t v = s;
  return v;
}

// ---- the walkthrough: 2-3-1 sigmoid, no bias, double, gradient descent ------------
constexpr ctnn::matrix<double, 3, 2> walk_X{{0.3, 1.0}, {0.5, 0.2}, {1.0, 0.4}};
constexpr ctnn::matrix<double, 3, 1> walk_y{{0.75}, {0.82}, {0.93}};
using walk_net = ctnn::mlp<double, ctnn::sigmoid, 2, 3, 1>;
constexpr auto walk_gd = [](const walk_net& net, const auto& X, const auto& y) {
  return ctnn::train(net, X, y, ctnn::gradient_descent{.learning_rate = 3.0}, ctnn::until{.max_epochs = 60});
};
constexpr auto walk_gd_ct = walk_gd(ctnn::initialize<walk_net>(7), walk_X, walk_y);
static_assert(walk_gd_ct.epochs == 60);

// The same network by BFGS to J < 1e-10: its line search and its update.
constexpr auto walk_bfgs = [](const walk_net& net, const auto& X, const auto& y) {
  return ctnn::train(net, X, y, ctnn::bfgs{}, ctnn::until{.max_epochs = 200, .loss_below = 1e-10});
};
constexpr auto walk_bfgs_ct = walk_bfgs(ctnn::initialize<walk_net>(7), walk_X, walk_y);
static_assert(walk_bfgs_ct.status == ctnn::train_status::converged);

// ---- XOR in float: tanh hidden layer, sigmoid output, biases, Adam ---------------------
constexpr ctnn::matrix<float, 4, 2> xor_X{{0, 0}, {0, 1}, {1, 0}, {1, 1}};
constexpr ctnn::matrix<float, 4, 1> xor_y{{0}, {1}, {1}, {0}};
using xor_net = ctnn::network<float, ctnn::dense<2, 4, ctnn::tanh, ctnn::with_bias>,
                              ctnn::dense<4, 1, ctnn::sigmoid, ctnn::with_bias>>;
constexpr auto xor_adam = [](const xor_net& net, const auto& X, const auto& y) {
  return ctnn::train(net, X, y, ctnn::adam{.learning_rate = 0.05}, ctnn::until{.max_epochs = 60});
};
constexpr auto xor_adam_ct = xor_adam(ctnn::initialize<xor_net>(3), xor_X, xor_y);
static_assert(xor_adam_ct.epochs == 60);

// ---- softplus hidden layer (exp and log1p), float, gradient descent --------------------
using softplus_net = ctnn::network<float, ctnn::dense<2, 3, ctnn::softplus, ctnn::with_bias>,
                                   ctnn::dense<3, 1, ctnn::sigmoid>>;
constexpr auto softplus_gd = [](const softplus_net& net, const auto& X, const auto& y) {
  return ctnn::train(net, X, y, ctnn::gradient_descent{.learning_rate = 2.0}, ctnn::until{.max_epochs = 40});
};
constexpr auto softplus_gd_ct = softplus_gd(ctnn::initialize<softplus_net>(11), xor_X, xor_y);

// ---- three classes: tanh + softmax with cross-entropy, momentum, shuffled batches of 2 --
constexpr ctnn::matrix<double, 6, 2> cls_X{{0.1, 0.9}, {0.2, 0.8}, {0.9, 0.1}, {0.8, 0.3}, {0.5, 0.5}, {0.6, 0.4}};
constexpr ctnn::matrix<double, 6, 3> cls_y{{1, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 1, 0}, {0, 0, 1}, {0, 0, 1}};
using cls_net = ctnn::network<double, ctnn::dense<2, 5, ctnn::tanh, ctnn::with_bias>,
                              ctnn::dense<5, 3, ctnn::softmax, ctnn::with_bias>>;
constexpr auto cls_momentum = [](const cls_net& net, const auto& X, const auto& y) {
  return ctnn::train(net, X, y, ctnn::momentum{.learning_rate = 0.2, .beta = 0.9, .batch_size = 2, .seed = 5},
                     ctnn::until{.max_epochs = 20}, ctnn::categorical_cross_entropy{});
};
constexpr auto cls_momentum_ct = cls_momentum(ctnn::initialize<cls_net>(5), cls_X, cls_y);
static_assert(cls_momentum_ct.epochs == 20);

// ---- wide layers, 5 examples and 1 --------------------------------------------------
// The run-time loops of δ Wᵀ take one path for 4 rows or more (a copy of
// Wᵀ, summed a row at a time) and another for fewer (the dot products):
// wide_net (13 and 19 wide) is trained on 5 examples in float, one_net (17
// and 24 wide) on one example in double.
using test::wide_X, test::wide_y, test::wide_net;
constexpr auto wide_gd = [](const wide_net& net, const auto& X, const auto& y) {
  return ctnn::train(net, X, y, ctnn::gradient_descent{.learning_rate = 0.1}, ctnn::until{.max_epochs = 6});
};
constexpr auto wide_gd_ct = wide_gd(ctnn::initialize<wide_net>(13), wide_X, wide_y);
static_assert(wide_gd_ct.epochs == 6);

constexpr ctnn::matrix<double, 1, 2> one_X{{0.4, 0.8}};
constexpr ctnn::matrix<double, 1, 1> one_y{{0.3}};
using one_net = ctnn::network<double, ctnn::dense<2, 17, ctnn::sigmoid, ctnn::with_bias>,
                              ctnn::dense<17, 24, ctnn::sigmoid>, ctnn::dense<24, 1, ctnn::sigmoid>>;
constexpr auto one_gd = [](const one_net& net, const auto& X, const auto& y) {
  return ctnn::train(net, X, y, ctnn::gradient_descent{.learning_rate = 1.0}, ctnn::until{.max_epochs = 6});
};
constexpr auto one_gd_ct = one_gd(ctnn::initialize<one_net>(17), one_X, one_y);
static_assert(one_gd_ct.epochs == 6);

// A batch of fewer than 4 rows sums δ Wᵀ's dot products of 16 or more terms
// in 8 interleaved partial sums (detail::interleaved_dot), at compile time
// too; one_net's 24 are 3 blocks of 8, three_net's 20 are 2 blocks and 4
// terms left over, on a batch of 3 in float.
constexpr ctnn::matrix<float, 3, 2> three_X{{0.1f, 0.9f}, {0.7f, 0.2f}, {0.4f, 0.5f}};
constexpr ctnn::matrix<float, 3, 1> three_y{{0.2f}, {0.9f}, {0.6f}};
using three_net = ctnn::network<float, ctnn::dense<2, 9, ctnn::tanh, ctnn::with_bias>,
                                ctnn::dense<9, 20, ctnn::tanh, ctnn::with_bias>, ctnn::dense<20, 1, ctnn::sigmoid>>;
constexpr auto three_gd = [](const three_net& net, const auto& X, const auto& y) {
  return ctnn::train(net, X, y, ctnn::gradient_descent{.learning_rate = 0.5f}, ctnn::until{.max_epochs = 6});
};
constexpr auto three_gd_ct = three_gd(ctnn::initialize<three_net>(19), three_X, three_y);
static_assert(three_gd_ct.epochs == 6);

// A batch of fewer than 4 rows also sums a layer's z(n, j) over 16 or more
// inputs in 8 interleaved partial sums when the layer has fewer than 8
// outputs (dense::interleaved): at run time in vectors along j where 2 or
// more outputs fill 16 bytes (4 floats; 4 doubles, 2 to a register without
// AVX), one z at a time where they do not (one_net's and three_net's
// last layers, 1 output). 18 inputs: 2 blocks of 8 and 2 left over.
constexpr ctnn::matrix<float, 2, 3> narrow_X{{0.3f, -0.6f, 0.8f}, {-0.2f, 0.5f, 0.1f}};
constexpr ctnn::matrix<float, 2, 4> narrow_y{{0.1f, 0.7f, 0.4f, 0.9f}, {0.8f, 0.2f, 0.5f, 0.3f}};
template <class T>
using narrow_net = ctnn::network<T, ctnn::dense<3, 18, ctnn::tanh, ctnn::with_bias>,
                                 ctnn::dense<18, 4, ctnn::sigmoid, ctnn::with_bias>>;
constexpr auto narrow_gd = [](const auto& net, const auto& X, const auto& y) {
  using T = typename std::remove_cvref_t<decltype(net)>::value_type;
  return ctnn::train(net, X, y, ctnn::gradient_descent{.learning_rate = T(0.8)}, ctnn::until{.max_epochs = 6});
};
constexpr auto narrow_gd_float_ct = narrow_gd(ctnn::initialize<narrow_net<float>>(29), narrow_X, narrow_y);
constexpr auto narrow_gd_double_ct = narrow_gd(ctnn::initialize<narrow_net<double>>(29), ctnn::convert<double>(narrow_X),
                                               ctnn::convert<double>(narrow_y));
static_assert(narrow_gd_float_ct.epochs == 6 && narrow_gd_double_ct.epochs == 6);

}  // namespace

TEST_CASE("bit identity: a layer of 4 outputs over 18 inputs, 2 examples, float and double") {
  check_same_run(narrow_gd_float_ct, narrow_gd(ctnn::initialize<narrow_net<float>>(opaque_seed(29)),
                                               test::opaque(narrow_X), test::opaque(narrow_y)));
  check_same_run(narrow_gd_double_ct,
                 narrow_gd(ctnn::initialize<narrow_net<double>>(opaque_seed(29)),
                           test::opaque(ctnn::convert<double>(narrow_X)), test::opaque(ctnn::convert<double>(narrow_y))));
}

TEST_CASE("bit identity: wide layers, 5 examples in float, 1 in double and 3 in float") {
  check_same_run(wide_gd_ct, wide_gd(ctnn::initialize<wide_net>(opaque_seed(13)), test::opaque(wide_X), test::opaque(wide_y)));
  check_same_run(one_gd_ct, one_gd(ctnn::initialize<one_net>(opaque_seed(17)), test::opaque(one_X), test::opaque(one_y)));
  check_same_run(three_gd_ct,
                 three_gd(ctnn::initialize<three_net>(opaque_seed(19)), test::opaque(three_X), test::opaque(three_y)));
}

TEST_CASE("bit identity: the walkthrough by gradient descent, 60 epochs") {
  check_same_run(walk_gd_ct, walk_gd(ctnn::initialize<walk_net>(opaque_seed(7)), test::opaque(walk_X), test::opaque(walk_y)));
}

TEST_CASE("bit identity: the walkthrough by BFGS") {
  check_same_run(walk_bfgs_ct,
                 walk_bfgs(ctnn::initialize<walk_net>(opaque_seed(7)), test::opaque(walk_X), test::opaque(walk_y)));
}

TEST_CASE("bit identity: XOR in float, tanh and sigmoid, Adam") {
  check_same_run(xor_adam_ct, xor_adam(ctnn::initialize<xor_net>(opaque_seed(3)), test::opaque(xor_X), test::opaque(xor_y)));
}

TEST_CASE("bit identity: softplus in float, gradient descent") {
  check_same_run(softplus_gd_ct,
                 softplus_gd(ctnn::initialize<softplus_net>(opaque_seed(11)), test::opaque(xor_X), test::opaque(xor_y)));
}

TEST_CASE("bit identity: softmax and cross-entropy, momentum in shuffled mini-batches") {
  check_same_run(cls_momentum_ct,
                 cls_momentum(ctnn::initialize<cls_net>(opaque_seed(5)), test::opaque(cls_X), test::opaque(cls_y)));
}

TEST_CASE("bit identity: predict on a grid, every activation path") {
  // ŷ of each trained network on 64 points, at run time and at compile time.
  constexpr auto grid = [] {
    ctnn::matrix<double, 64, 2> g{};
    for (std::size_t i = 0; i < 64; ++i) g(i, 0) = static_cast<double>(i % 8) / 7.0 - 0.2, g(i, 1) = static_cast<double>(i / 8) / 3.5 - 1.0;
    return g;
  }();
  constexpr auto grid_f = ctnn::convert<float>(grid);
  constexpr auto walk_ct = ctnn::predict(walk_gd_ct.network, grid);
  constexpr auto xor_ct = ctnn::predict(xor_adam_ct.network, grid_f);
  constexpr auto cls_ct = ctnn::predict(cls_momentum_ct.network, grid);
  const auto walk_rt = ctnn::predict(walk_gd_ct.network, test::opaque(grid));
  const auto xor_rt = ctnn::predict(xor_adam_ct.network, test::opaque(grid_f));
  const auto cls_rt = ctnn::predict(cls_momentum_ct.network, test::opaque(grid));
  std::size_t differ = 0;
  for (std::size_t i = 0; i < walk_ct.elements.size(); ++i) differ += bits_of(walk_ct.elements[i]) != bits_of(walk_rt.elements[i]);
  for (std::size_t i = 0; i < xor_ct.elements.size(); ++i) differ += bits_of(xor_ct.elements[i]) != bits_of(xor_rt.elements[i]);
  for (std::size_t i = 0; i < cls_ct.elements.size(); ++i) differ += bits_of(cls_ct.elements[i]) != bits_of(cls_rt.elements[i]);
  CHECK(differ == 0);
}

TEST_CASE("bit identity: predict with layers of 2 KB and more (the 512-bit activation loop)") {
  // wide_net on 64 rows: 64 x 13 and 64 x 19 floats (3.3 and 4.9 KB) of
  // tanh, which detail::activate_cells runs in 512-bit vectors on Clang with
  // AVX-512; the grid test above covers double (cls_net's 64 x 5 tanh).
  constexpr auto rows = [] {
    ctnn::matrix<float, 64, 3> g{};
    for (std::size_t i = 0; i < 64; ++i)
      for (std::size_t k = 0; k < 3; ++k) g(i, k) = static_cast<float>((i * (k + 3)) % 17) / 4.0f - 2.0f;
    return g;
  }();
  constexpr auto ct = ctnn::predict(wide_gd_ct.network, rows);
  const auto rt = ctnn::predict(wide_gd_ct.network, test::opaque(rows));
  std::size_t differ = 0;
  for (std::size_t i = 0; i < ct.elements.size(); ++i) differ += bits_of(ct.elements[i]) != bits_of(rt.elements[i]);
  CHECK(differ == 0);
}

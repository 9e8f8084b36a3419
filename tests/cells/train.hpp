// tests/cells/train.hpp - the trainings tests/cells/fallback.cpp compares:
// compiled once as ctnn normally indexes matrices in constant evaluation
// (std::array's own C array, CTNN_CELLS) and once through data()
// (-DCTNN_CELLS_USE_DATA), in two translation units of one program.
// Every optimizer and layer path that CTNN_CELLS reaches: dense layers with
// and without bias, sigmoid/tanh/softmax, the losses, δWᵀ, ∂J/∂W, gradient
// descent, momentum, Adam with mini-batches, BFGS, flatten.
#pragma once

#include <array>
#include <cstddef>

#include <ctnn/ctnn.hpp>

namespace cells_test {

using xor_t = ctnn::network<double, ctnn::dense<2, 4, ctnn::sigmoid, ctnn::with_bias>,
                            ctnn::dense<4, 1, ctnn::sigmoid, ctnn::with_bias>>;
using soft_t = ctnn::network<double, ctnn::dense<2, 3, ctnn::tanh, ctnn::with_bias>,
                             ctnn::dense<3, 2, ctnn::softmax, ctnn::with_bias>>;
using walk_t = ctnn::mlp<double, ctnn::sigmoid, 2, 3, 1>;

inline constexpr ctnn::matrix<double, 4, 2> X{{0, 0}, {0, 1}, {1, 0}, {1, 1}};
inline constexpr ctnn::matrix<double, 4, 1> y{{0}, {1}, {1}, {0}};
inline constexpr ctnn::matrix<double, 4, 2> y2{{1, 0}, {0, 1}, {0, 1}, {1, 0}};
inline constexpr ctnn::matrix<double, 3, 2> Xw{{0.3, 1.0}, {0.5, 0.2}, {1.0, 0.4}};
inline constexpr ctnn::matrix<double, 3, 1> yw{{0.75}, {0.82}, {0.93}};

// All results' parameters, one after another, and their J.
inline constexpr std::size_t count =
    3 * xor_t::parameter_count + soft_t::parameter_count + walk_t::parameter_count + 5;

constexpr std::array<double, count> trainings() {
  std::array<double, count> out{};
  std::size_t i = 0;
  const auto put = [&](const auto& r) {
    const auto v = ctnn::flatten(r.network);
    for (std::size_t k = 0; k < v.rows(); ++k) out[i++] = v(k, 0);
    out[i++] = static_cast<double>(r.loss);
  };
  put(ctnn::train(ctnn::initialize<xor_t>(3), X, y, ctnn::gradient_descent{.learning_rate = 10.0},
                  ctnn::until{.max_epochs = 20}));
  put(ctnn::train(ctnn::initialize<xor_t>(3), X, y, ctnn::momentum{.learning_rate = 2.0, .beta = 0.9},
                  ctnn::until{.max_epochs = 10}));
  put(ctnn::train(ctnn::initialize<xor_t>(5), X, y,
                  ctnn::adam{.learning_rate = 0.05, .batch_size = 2, .seed = 7}, ctnn::until{.max_epochs = 5},
                  ctnn::binary_cross_entropy{}));
  put(ctnn::train(ctnn::initialize<soft_t>(11), X, y2, ctnn::gradient_descent{.learning_rate = 1.0},
                  ctnn::until{.max_epochs = 10}, ctnn::categorical_cross_entropy{}));
  put(ctnn::train(ctnn::initialize<walk_t>(42), Xw, yw, ctnn::bfgs{}, ctnn::until{.max_epochs = 10}));
  return out;
}

}  // namespace cells_test

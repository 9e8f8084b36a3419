// examples/firmware/networks.hpp - the two networks the firmware carries,
// trained while the compiler runs, then converted to float and quantized to
// Q7.8, with the accuracy of each version proven here by static_assert.
// Included by the firmware's predict functions and by the host program that
// checks them (host.cpp), so both use the very same weights.
#pragma once

#include <cstddef>

#include <ctnn/ctnn.hpp>

#include "data.hpp"

namespace firmware {

using q = ctnn::q7_8;  // int16_t, [-128, 128), step 2^-8

// The walkthrough's 2-3-1 network (no biases), trained by BFGS.
using walkthrough_t = ctnn::mlp<double, ctnn::sigmoid, 2, 3, 1>;
inline constexpr auto walkthrough_fit =
    ctnn::train(ctnn::initialize<walkthrough_t>(42), walkthrough_X, walkthrough_y, ctnn::bfgs{},
                ctnn::until{.max_epochs = 200, .loss_below = 1e-10});
static_assert(walkthrough_fit.status == ctnn::train_status::converged);
inline constexpr auto walkthrough_f64 = walkthrough_fit.network;
inline constexpr auto walkthrough_f32 = ctnn::convert<float>(walkthrough_f64);
inline constexpr auto walkthrough_q7_8 = ctnn::quantize<q>(walkthrough_f64);
static_assert(ctnn::representable<q>(walkthrough_f64));  // no weight saturated

// XOR with biases, trained by gradient descent.
using xor_t = ctnn::network<double, ctnn::dense<2, 3, ctnn::sigmoid, ctnn::with_bias>,
                            ctnn::dense<3, 1, ctnn::sigmoid, ctnn::with_bias>>;
inline constexpr auto xor_fit = ctnn::train(ctnn::initialize<xor_t>(3), xor_X, xor_y,
                                            ctnn::gradient_descent{.learning_rate = 10.0},
                                            ctnn::until{.max_epochs = 250, .loss_below = 0.02});
static_assert(xor_fit.status == ctnn::train_status::converged);
inline constexpr auto xor_f64 = xor_fit.network;
inline constexpr auto xor_f32 = ctnn::convert<float>(xor_f64);
inline constexpr auto xor_q7_8 = ctnn::quantize<q>(xor_f64);
static_assert(ctnn::representable<q>(xor_f64));

// The documented bounds, on the training data, against the double network:
// float within 1e-6; Q7.8 within one step, 2^-8 = 0.0039 (measured: 3.1e-4
// for the walkthrough, 1.9e-3 for XOR). run_qemu.py checks the firmware's
// output against the host with the same bounds.
inline constexpr double float_bound = 1e-6;
inline constexpr double fixed_bound = 0x1p-8;

template <class Net, class QNet, class FNet, std::size_t N>
constexpr bool within_bounds(const Net& f64, const FNet& f32, const QNet& q7_8,
                             const ctnn::matrix<double, N, 2>& X) {
  const auto yhat = ctnn::predict(f64, X);
  const auto yhat_f = ctnn::predict(f32, ctnn::convert<float>(X));
  const auto yhat_q = ctnn::predict(q7_8, ctnn::quantize<q>(X));
  for (std::size_t i = 0; i < N; ++i) {
    if (ctnn::math::abs(static_cast<double>(yhat_f(i, 0)) - yhat(i, 0)) > float_bound) return false;
    if (ctnn::math::abs(static_cast<double>(yhat_q(i, 0)) - yhat(i, 0)) > fixed_bound) return false;
  }
  return true;
}
static_assert(within_bounds(walkthrough_f64, walkthrough_f32, walkthrough_q7_8, walkthrough_X));
static_assert(within_bounds(xor_f64, xor_f32, xor_q7_8, xor_X));

}  // namespace firmware

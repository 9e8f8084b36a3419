// The networks of the write_header round trip and their inputs: what
// roundtrip_generate.cpp trains or initialises at run time and writes out,
// and roundtrip.cpp reads back from the generated headers only (it sees
// these types nowhere else; the inputs are shared).
//
// Between them the networks use every activation (sigmoid, tanh, relu,
// leaky_relu with two slopes, identity, softplus, softmax), layers with and
// without bias, and the element types double, float, long double and
// ctnn::fixed (16-bit Q7.8 and 32-bit Q15.16, whose lowest raw value needs a
// literal of its own).
#pragma once

#include <cstdint>

#include <ctnn/ctnn.hpp>

namespace roundtrip {

// The walkthrough's data (hours of sleep and study, scaled by the column's maximum).
inline constexpr ctnn::matrix<double, 3, 2> X_walkthrough{{0.3, 1.0}, {0.5, 0.2}, {1.0, 0.4}};
inline constexpr ctnn::matrix<double, 3, 1> y_walkthrough{{0.75}, {0.82}, {0.93}};
using walkthrough_t = ctnn::network<double, ctnn::dense<2, 3, ctnn::sigmoid>, ctnn::dense<3, 1, ctnn::sigmoid>>;

// Inputs of the three-input networks: of both signs, so that relu and
// leaky_relu see both sides of 0.
inline constexpr ctnn::matrix<double, 4, 3> X_mixed{
    {0.5, -1.25, 2.0}, {-0.75, 0.3, 0.1}, {1.5, 0.9, -2.2}, {0.0, -0.4, 0.6}};
using mixed_t = ctnn::network<double,
                              ctnn::dense<3, 4, ctnn::tanh, ctnn::with_bias>,
                              ctnn::dense<4, 4, ctnn::relu>,
                              ctnn::dense<4, 4, ctnn::basic_leaky_relu<1, 10>, ctnn::with_bias>,
                              ctnn::dense<4, 3, ctnn::softplus>,
                              ctnn::dense<3, 3, ctnn::identity, ctnn::with_bias>,
                              ctnn::dense<3, 2, ctnn::softmax, ctnn::with_bias>>;

// long double: ctnn::math has no long double, so only activations without it.
using wide_t = ctnn::network<long double, ctnn::dense<3, 3, ctnn::relu, ctnn::with_bias>,
                             ctnn::dense<3, 2, ctnn::leaky_relu>, ctnn::dense<2, 1, ctnn::identity, ctnn::with_bias>>;

// Fixed point: each activation that has a fixed-point form.
using q7_8 = ctnn::fixed<7, 8, std::int16_t>;
using quantized_source_t = ctnn::network<double,
                                         ctnn::dense<3, 3, ctnn::tanh, ctnn::with_bias>,
                                         ctnn::dense<3, 3, ctnn::relu>,
                                         ctnn::dense<3, 2, ctnn::leaky_relu, ctnn::with_bias>,
                                         ctnn::dense<2, 1, ctnn::sigmoid, ctnn::with_bias>>;
using q15_16 = ctnn::fixed<15, 16, std::int32_t>;
using q15_16_t = ctnn::network<q15_16, ctnn::dense<3, 2, ctnn::identity, ctnn::with_bias>>;

}  // namespace roundtrip

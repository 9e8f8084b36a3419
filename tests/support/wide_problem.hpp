// A 3-13-19-2 tanh network with biases and 5 examples in float, shared by
// tests/bit_identity.cpp and tests/descend.cpp: 13 and 19 wide, so that the
// backward pass's run-time loops take their path for 4 rows or more.
#pragma once

#include <ctnn/ctnn.hpp>

namespace test {

inline constexpr ctnn::matrix<float, 5, 3> wide_X{
    {0.1f, 0.9f, 0.4f}, {0.7f, 0.2f, 0.5f}, {0.3f, 0.3f, 0.9f}, {1.0f, 0.6f, 0.0f}, {0.5f, 0.8f, 0.2f}};
inline constexpr ctnn::matrix<float, 5, 2> wide_y{
    {0.2f, -0.4f}, {0.6f, 0.1f}, {-0.3f, 0.5f}, {0.8f, -0.7f}, {0.0f, 0.3f}};
using wide_net = ctnn::network<float, ctnn::dense<3, 13, ctnn::tanh, ctnn::with_bias>,
                               ctnn::dense<13, 19, ctnn::tanh, ctnn::with_bias>,
                               ctnn::dense<19, 2, ctnn::tanh, ctnn::with_bias>>;

}  // namespace test

// examples/firmware/data.hpp - the training data of the firmware's two
// networks, which are also the inputs the firmware runs them on.
#pragma once

#include <ctnn/matrix.hpp>

namespace firmware {

// Hours of sleep / 10 and hours of study / 5 -> test score / 100.
inline constexpr ctnn::matrix<double, 3, 2> walkthrough_X{
    {3.0 / 10, 5.0 / 5}, {5.0 / 10, 1.0 / 5}, {10.0 / 10, 2.0 / 5}};
inline constexpr ctnn::matrix<double, 3, 1> walkthrough_y{{0.75}, {0.82}, {0.93}};

inline constexpr ctnn::matrix<double, 4, 2> xor_X{{0, 0}, {0, 1}, {1, 0}, {1, 1}};
inline constexpr ctnn::matrix<double, 4, 1> xor_y{{0}, {1}, {1}, {0}};

}  // namespace firmware

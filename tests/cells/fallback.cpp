// CTNN_CELLS (matrix.hpp) makes constant evaluation index std::array's own
// C array, a member the standard does not name, for GCC's memory; with any
// other standard library it falls back to data(). Both must give the same
// trainings, bit for bit: this translation unit uses the member, data.cpp
// the fallback, and the program compares them.
#include <cstring>
#include <type_traits>

#include <doctest/doctest.h>

#include "train.hpp"

static_assert(std::is_array_v<std::remove_cvref_t<decltype(CTNN_CELLS(cells_test::X.elements))>>,
              "this translation unit must index std::array's own array (libstdc++ or libc++)");

namespace cells_test {
std::array<double, count> through_data();
}

TEST_CASE("trainings in constant evaluation: std::array's array and data() give the same bits") {
  static constexpr auto direct = cells_test::trainings();
  const auto via_data = cells_test::through_data();
  for (std::size_t i = 0; i < cells_test::count; ++i) {
    CAPTURE(i);
    CHECK(std::memcmp(&direct[i], &via_data[i], sizeof(double)) == 0);
  }
  // The trainings ran: gradient descent moved XOR's first weight.
  CHECK(direct[0] != ctnn::flatten(ctnn::initialize<cells_test::xor_t>(3))(0, 0));
}

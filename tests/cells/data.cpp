// The trainings of train.hpp with CTNN_CELLS as data() (meson passes
// -DCTNN_CELLS_USE_DATA for this file only).
#include <type_traits>

#include "train.hpp"

static_assert(std::is_pointer_v<std::remove_cvref_t<decltype(CTNN_CELLS(cells_test::X.elements))>>,
              "this translation unit must index through data()");

namespace cells_test {
std::array<double, count> through_data() {
  static constexpr auto r = trainings();  // in constant evaluation
  return r;
}
}  // namespace cells_test

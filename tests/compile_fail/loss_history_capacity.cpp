// A loss_history with room for one point: it could not hold both the first and the latest epoch.
// expect: ctnn: loss_history<T, N> needs N >= 2
#include <ctnn/history.hpp>

#ifdef CTNN_COMPILE_FAIL
constexpr std::size_t capacity = 1;
#else
constexpr std::size_t capacity = 2;
#endif
[[maybe_unused]] constexpr ctnn::loss_history<double, capacity> history{};

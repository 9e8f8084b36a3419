// ctnn/history.hpp - loss_history<T, N>: J per epoch, in a fixed-size buffer.
//
//   constexpr auto fit = ctnn::train(net, X, y, ctnn::gradient_descent{.learning_rate = 3.0},
//                                    ctnn::until{.max_epochs = 1000}, ctnn::loss_history<double, 64>{});
//   fit.history.count;                          // points held, at most 64
//   fit.history.epoch[i], fit.history.loss[i];  // i < count: J after epoch[i] updates
//
// A run of any length fits, sampled evenly, which is what a loss curve
// wants: points are kept at epochs 0, stride, 2 stride, ... and the buffer's
// last point is always the latest epoch recorded (on the grid or not, so a
// curve ends where training ended). stride starts at 1; when the buffer is
// full, every other grid point is dropped and stride doubles. So after E
// epochs the history holds epoch 0, every stride-th epoch and epoch E, with
// stride the smallest power of two that fits them in N: between N / 2 and
// N points once the run is longer than N epochs. Nothing is allocated.
// A run that diverges ends the history at its last good epoch (a refused
// step is not recorded); one refused at the start (non-finite data or
// weights) records nothing.
#pragma once

#include <array>
#include <cstddef>

namespace ctnn {

template <class T, std::size_t N>
struct loss_history {
  static_assert(N >= 2, "ctnn: loss_history<T, N> needs N >= 2 (the first and the latest epoch)");
  static constexpr std::size_t capacity = N;

  std::array<std::size_t, N> epoch{};  // epoch[i]: updates applied before loss[i] was measured
  std::array<T, N> loss{};             // J of the network after epoch[i] updates
  std::size_t count = 0;               // points held, [0, count)
  std::size_t stride = 1;              // epochs between kept points (a power of two)

  // Records J after epoch e. Epochs come in increasing order; recording the
  // latest epoch again (a resumed run starts where the last one ended)
  // replaces its point.
  constexpr void record(std::size_t e, T J) noexcept {
    if (count > 0 && (epoch[count - 1] == e || epoch[count - 1] % stride != 0)) --count;  // the latest is replaced
    if (count == N) {
      // Full, and every point is on the grid: keep the multiples of 2 stride.
      std::size_t kept = 0;
      for (std::size_t i = 0; i < count; ++i)
        if (epoch[i] % (2 * stride) == 0) epoch[kept] = epoch[i], loss[kept] = loss[i], ++kept;
      count = kept;
      stride *= 2;
    }
    epoch[count] = e;
    loss[count] = J;
    ++count;
  }

  constexpr bool empty() const noexcept { return count == 0; }
  // The most recent point (count > 0).
  constexpr std::size_t last_epoch() const noexcept { return epoch[count > 0 ? count - 1 : 0]; }
  constexpr T last_loss() const noexcept { return loss[count > 0 ? count - 1 : 0]; }

  friend constexpr bool operator==(const loss_history&, const loss_history&) = default;
};

namespace detail {
template <class H>
struct is_loss_history_t {
  static constexpr bool value = false;
};
template <class T, std::size_t N>
struct is_loss_history_t<loss_history<T, N>> {
  static constexpr bool value = true;
};
template <class H>
inline constexpr bool is_loss_history = is_loss_history_t<H>::value;
}  // namespace detail

}  // namespace ctnn

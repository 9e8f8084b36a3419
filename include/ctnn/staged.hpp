// ctnn/staged.hpp - training longer than one constant expression may run.
//
// A compiler gives each constexpr variable its own budget (Clang: 1,048,576
// steps; GCC: 33,554,432 operations). staged_training<Setup, K> splits a run
// into K stages, each a constexpr variable of its own that resumes from the
// one before, with the network, the epoch count and the optimizer's state
// carried over. The result has the same bits as one unsplit run (which would
// need raised limits); tests/staged.cpp checks that.
//
//   struct setup {
//     static constexpr auto start = ctnn::initialize<net_t>(42);
//     static constexpr auto X = ...;  static constexpr auto y = ...;
//     static constexpr ctnn::gradient_descent optimizer{.learning_rate = 10.0};
//     static constexpr ctnn::until stop{.max_epochs = 3000, .loss_below = 1e-6};
//     static constexpr std::size_t epochs_per_stage = 250;
//     // optional: static constexpr ctnn::categorical_cross_entropy loss{};
//     // optional: static constexpr ctnn::loss_history<double, 64> history{};  (J per epoch, as .history)
//   };
//   constexpr auto fit = ctnn::staged_training<setup, 12>;   // 12 stages of up to 250 epochs
//
// A stage after convergence costs one evaluation of J and returns at once.
// Each stage is instantiated only once, so K stages cost K budgets, not K².
#pragma once

#include <cstddef>

#include "loss.hpp"
#include "train.hpp"

namespace ctnn {

template <class S>
concept StagedSetup = requires {
  S::start;
  S::X;
  S::y;
  S::optimizer;
  { S::stop } -> std::convertible_to<until>;
  { S::epochs_per_stage } -> std::convertible_to<std::size_t>;
};

namespace detail {
template <class S>
constexpr auto loss_of() {
  if constexpr (requires { S::loss; }) {
    return S::loss;
  } else {
    return half_squared_error{};
  }
}

// Stage K may run up to K * epochs_per_stage epochs in all, and never past stop.max_epochs.
template <class S, std::size_t K>
constexpr until stage_stop() {
  until u = S::stop;
  const std::size_t cap = K * S::epochs_per_stage;
  u.max_epochs = cap < S::stop.max_epochs ? cap : S::stop.max_epochs;
  return u;
}
}  // namespace detail

template <StagedSetup S, std::size_t K>
inline constexpr auto staged_training =
    train(staged_training<S, K - 1>, S::X, S::y, S::optimizer, detail::stage_stop<S, K>(), detail::loss_of<S>());

namespace detail {
// With S::history (an empty loss_history), every stage records J into it.
template <class S>
constexpr auto first_stage() {
  if constexpr (requires { S::history; }) {
    return train(S::start, S::X, S::y, S::optimizer, stage_stop<S, 0>(), loss_of<S>(), S::history);
  } else {
    return train(S::start, S::X, S::y, S::optimizer, stage_stop<S, 0>(), loss_of<S>());
  }
}
}  // namespace detail

template <StagedSetup S>
inline constexpr auto staged_training<S, 0> = detail::first_stage<S>();

}  // namespace ctnn

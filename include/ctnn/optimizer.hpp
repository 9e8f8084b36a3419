// ctnn/optimizer.hpp - optimizers: how the weights move, given ∂J/∂W.
//
// An Optimizer is an aggregate of options, so that
// ctnn::gradient_descent{.learning_rate = 3.0} works, with
//   template <class Net> struct state;         -- what it remembers between steps
//   state<Net> init(const Net&) const;
//   bool step(Net& net, state<Net>& s, const Net& grad, T J, const Objective& f) const;
// step moves net in place, and returns false if the move would take a
// weight past weight_bound<T> or make it non-finite (the run has diverged;
// net is then not to be used). f.cost(net) and f.cost_and_gradient(net)
// evaluate other points, for optimizers that search along a line.
//
// First-order optimizers also have `batch_size` (0, the default, is the
// whole data set) and `seed` (for shuffling): train() then takes one step
// per batch of rows, in an order shuffled every epoch.
//
// ctnn has gradient_descent (here), momentum, adam and bfgs (their own headers).
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "forward.hpp"
#include "gradient.hpp"
#include "math.hpp"
#include "network.hpp"
#include "random.hpp"
#include "regularization.hpp"  // before objective: its ctnn::cost must see regularized's overloads

namespace ctnn {

// No trained weight needs to be larger than this; one that is has
// diverged. Keeping weights (and inputs) below it keeps every product in the
// forward pass finite, which constant evaluation requires.
template <class T>
inline constexpr T weight_bound = static_cast<T>(sizeof(T) >= 8 ? 1e12 : 1e6);

// The function being minimised, J(net) on fixed data, for optimizers that
// need to look at more than the current point.
template <class Net, class XM, class YM, class Lo>
struct objective {
  const XM& X;
  const YM& y;
  Lo loss{};
  constexpr typename Net::value_type cost(const Net& net) const noexcept { return ctnn::cost(net, X, y, loss); }
  constexpr auto cost_and_gradient(const Net& net) const noexcept { return ctnn::cost_and_gradient(net, X, y, loss); }
  // The same written into out: for the training loops (see detail::cost_and_gradient_into).
  constexpr void cost_and_gradient_into(const Net& net, cost_and_gradient_result<Net>& out) const noexcept {
    // Qualified here, after regularization.hpp, so that its overload is seen.
    detail::cost_and_gradient_into(net, X, y, loss, out.cost, out.gradient);
  }
};

namespace detail {

// w ← w − scale * g, refusing (returning false) before any operation could
// overflow or produce a NaN.
// (Few statements: this runs for every weight in every step, and constant
// evaluation charges each statement against its budget.)
template <class T>
constexpr bool checked_step(T& w, T scale, T g) noexcept {
  constexpr T bound = weight_bound<T>, lowest = -bound;
  const T ag = g < 0 ? -g : g, as = scale < 0 ? -scale : scale;
  // Also refuses a NaN or infinite g or scale (Clang's constant evaluator
  // rejects NaN * g itself, so the test must come before the product).
  if (!(ag <= bound) || !(as <= std::numeric_limits<T>::max()) || (as > T{1} && ag > bound / as)) return false;
  const T moved = w - scale * g;
  return moved <= bound && moved >= lowest && ((w = moved), true);
}

// Stand-ins for the concept check below.
struct any_objective {
  template <class Net>
  constexpr typename Net::value_type cost(const Net&) const noexcept { return {}; }
};

}  // namespace detail

template <class O, class Net>
concept Optimizer = requires(const O& o, Net& net, const Net& grad, typename O::template state<Net>& s) {
  { o.init(net) } -> std::same_as<typename O::template state<Net>>;
  { o.step(net, s, grad, typename Net::value_type{}, detail::any_objective{}) } -> std::convertible_to<bool>;
};

// W(i) ← W(i) − η ∂J/∂W(i), the walkthrough's update.
struct gradient_descent {
  double learning_rate = 0.1;  // η
  std::size_t batch_size = 0;  // rows per step; 0 = all of them
  std::uint64_t seed = 0;      // for the order of the rows when batch_size > 0

  template <class Net>
  struct state {
    splitmix64 shuffle{};  // used by train() for mini-batches
    friend constexpr bool operator==(const state&, const state&) = default;
  };

  template <class Net>
  constexpr state<Net> init(const Net&) const noexcept {
    return {splitmix64{seed}};
  }

  template <class Net, class Objective>
  constexpr bool step(Net& net, state<Net>&, const Net& grad, typename Net::value_type /*J*/,
                      const Objective& /*f*/) const noexcept {
    using T = typename Net::value_type;
    // The negated bounds are named once: GCC's evaluator would build a new
    // constant for each `-bound` it meets, and keep it (see CTNN_CELLS).
    constexpr T bound = weight_bound<T>, lowest = -bound;
    const T eta = static_cast<T>(learning_rate);
    const T abs_eta = eta < 0 ? -eta : eta;
    // No move may exceed the bound: |g| <= limit keeps |η g| <= bound, so
    // the update itself can never overflow (constant evaluation rejects an
    // overflowing operation). Once a check fails, `ok` stops every later
    // update; NaN fails every comparison. One statement per weight, because
    // constant evaluation charges each statement against its budget.
    // A NaN or infinite η gets a limit no gradient meets (-1), so no step is
    // taken: Clang's constant evaluator rejects NaN * g itself. (In this
    // statement, not a new one: each costs a constexpr step.)
    const T limit = !(abs_eta <= std::numeric_limits<T>::max()) ? T{-1} : abs_eta > T{1} ? bound / abs_eta : bound,
            neg_limit = -limit;
    bool ok = true;
    if (!CTNN_CONSTANT_EVALUATED()) {
      // Check every gradient, move every weight, check every weight: three
      // loops without a dependence from one weight to the next, which
      // vectorise. A successful step moves each weight by the same
      // operation as below; after a failed one the network is not used
      // (train keeps the last good one), so the order of the checks may differ.
      // The misfits are or-ed into an unsigned, not and-ed into a bool: GCC
      // 12 vectorises an integer reduction but not that of a bool.
      unsigned misfit = 0;
      for_each_parameter_block_pair(net, grad, [&](auto&&, const auto& G, std::size_t n) {
        for (std::size_t k = 0; k < n; ++k)
          misfit |= static_cast<unsigned>(!(G[k] <= limit)) | static_cast<unsigned>(!(G[k] >= neg_limit));
      });
      if (misfit != 0) return false;
      for_each_parameter_block_pair(net, grad, [&](auto&& W, const auto& G, std::size_t n) {
        for (std::size_t k = 0; k < n; ++k) {
          W[k] -= eta * G[k];
          misfit |= static_cast<unsigned>(!(W[k] <= bound)) | static_cast<unsigned>(!(W[k] >= lowest));
        }
      });
      return misfit == 0;
    }
    for_each_parameter_block_pair(net, grad, [&](auto&& W, const auto& G, std::size_t n) {
      for (std::size_t k = 0; k < n; ++k)  // && in place of commas: GCC keeps ~60 bytes per comma operator
        ok = ok && G[k] <= limit && G[k] >= neg_limit && (W[k] -= eta * G[k]) <= bound && W[k] >= lowest;
    });
    return ok;
  }
};

}  // namespace ctnn

#include "momentum.hpp"
#include "adam.hpp"
#include "bfgs.hpp"

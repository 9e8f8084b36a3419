// ctnn/optimizer.hpp - optimizers: how the weights move, given ∂J/∂W.
//
// An Optimizer is an aggregate of options (so ctnn::gradient_descent{.learning_rate = 3.0}
// works) with
//   template <class Net> struct state;                   -- what it remembers between epochs
//   state<Net> init(const Net&) const;
//   bool step(Net& net, state<Net>& s, const Net& grad, T J, Evaluate&& evaluate) const;
// step moves net in place and returns false, leaving net unusable, if the
// move would take a weight past weight_bound<T> (the run has diverged).
// evaluate(net) returns cost_and_gradient at another point, for optimizers
// that search along a line; first-order ones ignore it.
#pragma once

#include <cstddef>
#include <limits>

#include "math.hpp"
#include "network.hpp"

namespace ctnn {

// No trained weight needs to be larger than this; one that is has
// diverged. Keeping weights (and inputs) below it keeps every product in the
// forward pass finite, which constant evaluation requires.
template <class T>
inline constexpr T weight_bound = static_cast<T>(sizeof(T) >= 8 ? 1e12 : 1e6);

namespace detail {

// w ← w − s with s = scale * g, refusing (returning false) before any
// operation could overflow.
template <class T>
constexpr bool checked_step(T& w, T scale, T g) noexcept {
  const T bound = weight_bound<T>;
  if (!(math::abs(g) <= std::numeric_limits<T>::max())) return false;  // also catches NaN
  if (math::abs(scale) > T{1} && math::abs(g) > bound / math::abs(scale)) return false;
  const T s = scale * g;
  if (!(math::abs(s) <= T{2} * bound)) return false;
  const T moved = w - s;
  if (!(math::abs(moved) <= bound)) return false;
  w = moved;
  return true;
}

}  // namespace detail

// W(i) ← W(i) − η ∂J/∂W(i), the walkthrough's update.
struct gradient_descent {
  double learning_rate = 0.1;  // η

  template <class Net>
  struct state {
    friend constexpr bool operator==(const state&, const state&) = default;
  };

  template <class Net>
  constexpr state<Net> init(const Net&) const noexcept {
    return {};
  }

  template <class Net, class Evaluate>
  constexpr bool step(Net& net, state<Net>&, const Net& grad, typename Net::value_type /*J*/,
                      Evaluate&& /*evaluate*/) const noexcept {
    using T = typename Net::value_type;
    const T eta = static_cast<T>(learning_rate);
    bool ok = true;
    for_each_parameter_pair(net, grad, [&](T& w, const T& g) { ok = ok && detail::checked_step(w, eta, g); });
    return ok;
  }
};

template <class O, class Net>
concept Optimizer = requires(const O& o, Net& net, const Net& grad, typename O::template state<Net>& s) {
  { o.init(net) } -> std::same_as<typename O::template state<Net>>;
  { o.step(net, s, grad, typename Net::value_type{}, [](const Net&) { return 0; }) } -> std::convertible_to<bool>;
};

}  // namespace ctnn

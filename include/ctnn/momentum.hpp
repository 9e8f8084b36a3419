// ctnn/momentum.hpp - gradient descent with momentum (Polyak's heavy ball).
//
//   v ← β v + ∂J/∂W        W ← W − η v
//
// v remembers the direction of past steps, so steps along a long, narrow
// valley add up while steps across it cancel.
#pragma once

#include <cstddef>
#include <cstdint>

#include "network.hpp"
#include "optimizer.hpp"
#include "random.hpp"

namespace ctnn {

struct momentum {
  double learning_rate = 0.1;  // η
  double beta = 0.9;           // β, the fraction of v kept from one step to the next
  std::size_t batch_size = 0;  // rows per step; 0 = all of them
  std::uint64_t seed = 0;      // for the order of the rows when batch_size > 0

  template <class Net>
  struct state {
    Net velocity{};  // v, shaped like the network
    splitmix64 shuffle{};
    friend constexpr bool operator==(const state&, const state&) = default;
  };

  template <class Net>
  constexpr state<Net> init(const Net&) const noexcept {
    return {Net{}, splitmix64{seed}};
  }

  template <class Net, class Objective>
  constexpr bool step(Net& net, state<Net>& s, const Net& grad, typename Net::value_type /*J*/,
                      const Objective& /*f*/) const noexcept {
    using T = typename Net::value_type;
    const T eta = static_cast<T>(learning_rate), b = static_cast<T>(beta);
    bool ok = true;
    // v ← β v + g, refusing a velocity past the bound (it would overflow the next step).
    for_each_parameter_pair(s.velocity, grad, [&](T& v, const T& g) {
      if (!ok) return;
      const T next = b * v + g;
      ok = math::abs(next) <= weight_bound<T>;
      if (ok) v = next;
    });
    if (!ok) return false;
    for_each_parameter_pair(net, s.velocity, [&](T& w, const T& v) { ok = ok && detail::checked_step(w, eta, v); });
    return ok;
  }
};

}  // namespace ctnn

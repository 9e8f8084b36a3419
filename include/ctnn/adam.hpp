// ctnn/adam.hpp - Adam (Kingma and Ba, 2015).
//
//   m ← β1 m + (1 − β1) g          v ← β2 v + (1 − β2) g²
//   m̂ = m / (1 − β1^t)             v̂ = v / (1 − β2^t)
//   W ← W − η m̂ / (√v̂ + ε)
//
// Each weight gets its own step size, scaled by the root mean square of its
// recent gradients, so weights with small gradients still move.
#pragma once

#include <cstddef>
#include <cstdint>

#include "math.hpp"
#include "network.hpp"
#include "optimizer.hpp"
#include "random.hpp"

namespace ctnn {

struct adam {
  double learning_rate = 0.001;  // η
  double beta1 = 0.9;            // decay of m, the mean of the gradients
  double beta2 = 0.999;          // decay of v, the mean of their squares
  double epsilon = 1e-8;         // keeps the step finite where v̂ is 0
  std::size_t batch_size = 0;    // rows per step; 0 = all of them
  std::uint64_t seed = 0;        // for the order of the rows when batch_size > 0

  template <class Net>
  struct state {
    Net m{};
    Net v{};
    // β1^t and β2^t, by repeated multiplication rather than pow: exact to
    // the same bits on every compiler and cheap in constant evaluation.
    typename Net::value_type beta1_t{1};
    typename Net::value_type beta2_t{1};
    splitmix64 shuffle{};
    friend constexpr bool operator==(const state&, const state&) = default;
  };

  template <class Net>
  constexpr state<Net> init(const Net&) const noexcept {
    return {Net{}, Net{}, 1, 1, splitmix64{seed}};
  }

  template <class Net, class Objective>
  constexpr bool step(Net& net, state<Net>& s, const Net& grad, typename Net::value_type /*J*/,
                      const Objective& /*f*/) const noexcept {
    using T = typename Net::value_type;
    const T b1 = static_cast<T>(beta1), b2 = static_cast<T>(beta2);
    const T eta = static_cast<T>(learning_rate), eps = static_cast<T>(epsilon);
    s.beta1_t *= b1;
    s.beta2_t *= b2;
    const T c1 = T{1} - s.beta1_t, c2 = T{1} - s.beta2_t;  // bias corrections
    bool ok = true;
    for_each_parameter_pair(s.m, grad, [&](T& m, const T& g) { m = b1 * m + (T{1} - b1) * g; });
    for_each_parameter_pair(s.v, grad, [&](T& v, const T& g) {
      // g² overflows past sqrt(max): such a gradient means the run has diverged.
      ok = ok && math::abs(g) <= weight_bound<T>;
      if (ok) v = b2 * v + (T{1} - b2) * g * g;
    });
    if (!ok) return false;
    // W ← W − η m̂ / (√v̂ + ε), one weight at a time.
    std::size_t k = 0;
    auto v_flat = flatten(s.v);
    for_each_parameter_pair(net, s.m, [&](T& w, const T& m) {
      const T v_hat = CTNN_CELLS(v_flat.elements)[k++] / c2;
      ok = ok && detail::checked_step(w, eta, (m / c1) / (math::sqrt(v_hat) + eps));
    });
    return ok;
  }
};

}  // namespace ctnn

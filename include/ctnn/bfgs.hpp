// ctnn/bfgs.hpp - BFGS, a quasi-Newton method over the flattened parameters.
//
// Sees the network as a point x in R^P (flatten(net)) and keeps H, an
// approximation of the inverse Hessian of J, built from how the gradient g
// changed between steps:
//   p = −H g                                     the search direction
//   x ← x + α p, α halved until J falls enough   (Armijo: J(x + αp) ≤ J + c1 α gᵀp)
//   s = α p, y = g_new − g, ρ = 1 / (yᵀ s)
//   H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ    (Nocedal and Wright, eq. 6.17)
// Full batch only. The walkthrough's original trains its 2-3-1 network with
// SciPy's BFGS; this one reaches J < 1e-10 on it in one constant expression.
#pragma once

#include <cstddef>

#include "math.hpp"
#include "matrix.hpp"
#include "network.hpp"
#include "optimizer.hpp"

namespace ctnn {

struct bfgs {
  double armijo = 1e-4;            // c1: the fraction of the predicted decrease a step must achieve
  std::size_t max_halvings = 40;   // of α in one line search, before giving up on the direction

  template <class Net>
  struct state {
    static constexpr std::size_t P = Net::parameter_count;
    using T = typename Net::value_type;
    matrix<T, P, P> H{};         // inverse Hessian estimate; zero until the first step
    matrix<T, P, 1> s{};         // the last step, x_new − x
    matrix<T, P, 1> g_prev{};    // the gradient where the last step started
    bool has_step = false;
    bool has_H = false;          // H holds an estimate (else it is to be set, to a scaled I)
    bool stalled = false;        // no step lowers J, even along −g: J is at a minimum to rounding
    friend constexpr bool operator==(const state&, const state&) = default;
  };

  template <class Net>
  constexpr state<Net> init(const Net&) const noexcept {
    return {};
  }

  template <class Net, class Objective>
  constexpr bool step(Net& net, state<Net>& st, const Net& grad, typename Net::value_type J,
                      const Objective& f) const noexcept {
    using T = typename Net::value_type;
    constexpr std::size_t P = Net::parameter_count;
    if (st.stalled) return true;  // the weights stay; train() stops on weight_change_below or max_epochs
    const auto x = flatten(net);
    const auto g = flatten(grad);

    // Fold in the curvature seen over the last step, now that g_new is known.
    if (st.has_step) {
      const auto y = g - st.g_prev;
      const T sy = dot(st.s, y);
      // Only a step with positive curvature (yᵀs > 0) keeps H positive definite.
      if (sy > T{0} && sy * sy > static_cast<T>(1e-20) * dot(st.s, st.s) * dot(y, y)) {
        if (!st.has_H) {
          // First update: start from H = (yᵀs / yᵀy) I, the scale of the curvature seen (eq. 6.20).
          st.H = matrix<T, P, P>{};
          const T scale = sy / dot(y, y);
          for (std::size_t i = 0; i < P; ++i) st.H(i, i) = scale;
          st.has_H = true;
        }
        update_inverse_hessian(st.H, st.s, y, T{1} / sy);
      }
    }
    if (!st.has_H) {
      st.H = matrix<T, P, P>{};
      for (std::size_t i = 0; i < P; ++i) st.H(i, i) = T{1};
    }

    auto p = -(st.H * g);
    T slope = dot(g, p);  // gᵀp: negative for a descent direction
    if (!(slope < T{0})) {
      // H lost positive definiteness to rounding: restart from steepest descent.
      st.H = matrix<T, P, P>{};
      for (std::size_t i = 0; i < P; ++i) st.H(i, i) = T{1};
      st.has_H = false;
      p = -g;
      slope = dot(g, p);
      if (!(slope < T{0})) return true;  // g = 0: a stationary point; nothing to do
    }

    // Backtracking line search from α = 1 (a Newton step when H is right).
    T alpha{1};
    for (std::size_t halving = 0; halving <= max_halvings; ++halving, alpha /= T{2}) {
      auto x_new = x;
      bool ok = true;
      auto&& moved = CTNN_CELLS(x_new.elements);
      const auto& direction = CTNN_CELLS(p.elements);
      for (std::size_t i = 0; i < P && ok; ++i) ok = detail::checked_step(moved[i], -alpha, direction[i]);
      if (!ok) continue;  // too far for weight_bound: a shorter step may do
      const Net candidate = unflatten<Net>(x_new);
      const T J_new = f.cost(candidate);
      if (math::isfinite(J_new) && J_new <= J + static_cast<T>(armijo) * alpha * slope) {
        st.s = x_new - x;
        st.g_prev = g;
        st.has_step = true;
        net = candidate;
        return true;
      }
    }
    // No step along p lowers J. If p was already −g, J is at a minimum up
    // to rounding: stay there. Otherwise forget H and try −g next time.
    bool steepest = true;
    for (std::size_t i = 0; i < P; ++i) steepest = steepest && CTNN_CELLS(p.elements)[i] == -CTNN_CELLS(g.elements)[i];
    st.stalled = steepest;
    st.has_H = false;
    st.has_step = false;
    return true;
  }

 private:
  template <class T, std::size_t P>
  static constexpr T dot(const matrix<T, P, 1>& a, const matrix<T, P, 1>& b) noexcept {
    T d{};
    const auto& A = CTNN_CELLS(a.elements);  // the C array: cheaper in constant evaluation
    const auto& B = CTNN_CELLS(b.elements);
    for (std::size_t i = 0; i < P; ++i) d += A[i] * B[i];
    return d;
  }

  // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, expanded so that it costs O(P²):
  // with Hy = H y and yHy = yᵀ H y (H is symmetric),
  // H ← H − ρ (s Hyᵀ + Hy sᵀ) + (ρ² yHy + ρ) s sᵀ.
  template <class T, std::size_t P>
  static constexpr void update_inverse_hessian(matrix<T, P, P>& H, const matrix<T, P, 1>& s,
                                               const matrix<T, P, 1>& y, T rho) noexcept {
    const auto Hy = H * y;
    const T yHy = dot(y, Hy);
    const T c = rho * rho * yHy + rho;
    auto&& Hp = CTNN_CELLS(H.elements);
    const auto& S = CTNN_CELLS(s.elements);
    const auto& V = CTNN_CELLS(Hy.elements);
    for (std::size_t i = 0; i < P; ++i)
      for (std::size_t j = 0; j < P; ++j) Hp[i * P + j] += c * S[i] * S[j] - rho * (S[i] * V[j] + V[i] * S[j]);
  }
};

}  // namespace ctnn

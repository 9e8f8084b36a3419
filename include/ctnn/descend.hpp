// ctnn/descend.hpp - one step of gradient descent, in place, with no
// gradient stored:
//
//   auto r = ctnn::descend(net, X, y, 0.5);   // W(i) ← W(i) − η ∂J/∂W(i) for every layer
//   r.cost;                                  // J before the step
//   r.diverged;                              // true: the step was refused or went past weight_bound
//
// The same bits as
//
//   const auto g = ctnn::gradient(net, X, y);
//   ctnn::for_each_parameter_pair(net, g, [eta](T& w, const T& dw) { w -= eta * dw; });
//
// with eta = T(learning_rate), and the same checks as
// ctnn::gradient_descent{.learning_rate = learning_rate}.step: a gradient
// that could move a weight past weight_bound<T>, a weight that lands past it
// and a non-finite η are refused (diverged). What it saves is the gradient:
// a whole network's worth of memory (7 KB for a 16-32-32-4 float network),
// written, read back and zeroed first. At run time each layer's ∂J/∂W is
// summed a row at a time in registers and subtracted at once, as Eigen's
// `W.noalias() -= eta * (a.transpose() * delta)` does. For firmware that
// learns on the device, that is the stack a step needs; for the run-time
// benchmark, the difference in the step rows (README, "Run-time speed").
//
// Backpropagation needs each layer's W as it was before the step (δ of the
// layer below is δ Wᵀ ⊙ f'(z)), so each layer sends its δ down first and
// moves its weights after. If diverged is true, some layers may have moved
// and the network is not to be used, as after a refused
// gradient_descent::step (train keeps the last good network instead).
//
// In constant evaluation it computes the gradient and calls
// gradient_descent::step: the same bits, and no new code for the
// evaluator's budget.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include <boost/hana/at.hpp>

#include "forward.hpp"
#include "gradient.hpp"
#include "loss.hpp"
#include "matrix.hpp"
#include "network.hpp"
#include "optimizer.hpp"
#include "regularization.hpp"

namespace ctnn {

template <class T>
struct descend_result {
  T cost{};               // J at the weights before the step
  bool diverged = false;  // the step was refused, or left a weight past weight_bound<T>
  friend constexpr bool operator==(const descend_result&, const descend_result&) = default;
};

namespace detail {

// The bounds of gradient_descent::step: |g| <= limit keeps |η g| <= bound.
template <class T>
struct descent_bounds {
  T eta{}, limit{};
  static constexpr T bound = weight_bound<T>;
  constexpr explicit descent_bounds(double learning_rate) noexcept : eta(static_cast<T>(learning_rate)) {
    const T abs_eta = eta < 0 ? -eta : eta;
    limit = !(abs_eta <= std::numeric_limits<T>::max()) ? T{-1} : abs_eta > T{1} ? bound / abs_eta : bound;
  }
  constexpr bool eta_finite() const noexcept { return limit >= 0; }
};

// |x| by its bits: an and, which vectorises (std::abs is not constexpr in C++20).
template <class T>
[[gnu::always_inline]] inline T magnitude(T x) noexcept {
  using bits = std::conditional_t<sizeof(T) == 8, std::uint64_t, std::uint32_t>;
  return std::bit_cast<T>(std::bit_cast<bits>(x) & (~bits{0} >> 1));
}

#if defined(CTNN_VECTOR_BYTES)
// The one-row move of move_weights_and_bias, W(k, j) -= η (0 + a(k) δ(j)),
// in vectors of row_lanes (a register, or the half or quarter of one that
// divides Out: 4 floats for the 32 -> 4 layer with AVX): the same operations on
// each weight, so the same bits, but the landed weights' checks or-ed into
// one vector for the whole layer and reduced once, where the loop over j
// reduced its vector to one integer for every row k (GCC 12: 8 shuffles
// and ors per row of 32 floats, a third of the move's instructions).
// Returns the or of bound_bits − bits(|w|) over every landed weight.
template <std::size_t In, std::size_t Out, class T, class Lanes>
[[gnu::always_inline]] inline Lanes land_one_row_in_lanes(const T* __restrict A, const T* __restrict D,
                                                          T* __restrict W, T eta, Lanes bound_bits) noexcept {
  constexpr std::size_t R = row_lanes<T, Out>;
  using V = typename lanes_of<T, R>::type;
  using L = typename lanes_of<Lanes, R>::type;
  constexpr Lanes magnitude_mask = static_cast<Lanes>(~std::make_unsigned_t<Lanes>{0} >> 1);
  L any{};
  for (std::size_t k = 0; k < In; ++k) {
    const T a_k = A[k];
    for (std::size_t j = 0; j < Out; j += R) {
      V d, w;
      __builtin_memcpy(&d, D + j, sizeof d);
      __builtin_memcpy(&w, W + k * Out + j, sizeof w);
      w -= eta * (T{} + a_k * d);
      __builtin_memcpy(W + k * Out + j, &w, sizeof w);
      any |= bound_bits - (__builtin_bit_cast(L, w) & magnitude_mask);
    }
  }
  Lanes total = 0;
  for (std::size_t i = 0; i < R; ++i) total |= any[i];
  return total;
}
#endif

// W ← W − η a_prevᵀ δ (and b ← b − η Σ_n δ(n, ·)), each ∂J/∂W(k, ·) summed
// over n as weight_and_bias_gradient's run-time loops sum it (the same
// bits), in a local row, and checked as gradient_descent::step checks.
// Every misfit is or-ed into `misfit` (see gradient_descent::step).
template <bool HasBias, class T, std::size_t N, std::size_t In, std::size_t Out, class Params>
void move_weights_and_bias(const matrix<T, N, In>& a_prev, const matrix<T, N, Out>& delta, Params& p,
                           const descent_bounds<T>& b, unsigned& misfit) noexcept {
  const auto& A = CTNN_CELLS(a_prev.elements);
  const auto& D = CTNN_CELLS(delta.elements);
  auto&& W = CTNN_CELLS(p.weights.elements);
  // Copies, not b's members: a T written through W could be one of them, as
  // far as the compiler knows, and it would reload them for every weight
  // instead of vectorising.
  //
  // A misfit is found on the bits: for x >= 0 (its sign bit cleared) and
  // c >= 0, x > c exactly where bits(c) - bits(x) is negative as a signed
  // integer, and a NaN's bits lie above infinity's, so it is caught too.
  // That is a subtraction and an or per weight, in the weights' lanes, where
  // a comparison and a select took 3 or 4 (GCC 12 does not vectorise a bool
  // widened to a double's width). The differences cannot overflow: both
  // operands are in [0, 2^(w-1)). They are or-ed a row at a time into one
  // integer, an or reduction, which vectorises; an array of one lane per
  // column, carried over the rows, went to the stack and back for every row
  // (72 % of a one-row layer's samples, Clang). The sign of the whole is
  // read once, at the end.
  using lanes = std::conditional_t<sizeof(T) == 8, std::int64_t, std::int32_t>;
  const T eta = b.eta, limit = b.limit;
  const lanes limit_bits = std::bit_cast<lanes>(limit);  // limit >= 0: descend has returned if η is not finite
  constexpr lanes bound_bits = std::bit_cast<lanes>(descent_bounds<T>::bound);
  lanes any = 0;
  const auto over = [](T x, lanes c) { return c - std::bit_cast<lanes>(magnitude(x)); };
  // land: w -= η g, and the landed weight checked; move: g checked first.
  const auto land = [&](T& w, T g, lanes& m) {
    w -= eta * g;
    m |= over(w, bound_bits);
  };
  const auto move = [&](T& w, T g, lanes& m) {
    m |= over(g, limit_bits);
    land(w, g, m);
  };
  // With one row, each ∂J/∂W(k, j) is 0 + a_prev(0, k) δ(0, j), the sum
  // below with one term, computed where it is used: a local row would only
  // go to the stack and back. Nor is each |∂J/∂W(k, j)| checked: rounding
  // is monotonic, so the largest is |a_prev(0, k)| max_j |δ(0, j)| rounded,
  // checked once per k (and an infinite or NaN factor fails the check, as
  // some product of it does: inf, or inf 0 = NaN). The landed weight is
  // still checked one by one: 1 comparison per weight instead of 2.
  //
  // max_j |δ(0, j)| is found on the bits, as the largest of bits(|δ(0, j)|):
  // those are in the order of the values, a NaN's above infinity's, so an
  // infinite or NaN δ makes the maximum infinite or NaN, and the check of
  // each k fails. An integer maximum is a reduction the compilers vectorise;
  // a maximum of floats (not associative, for a NaN) was a chain of Out
  // dependent maxss, about 19 ns per layer of 32 (Clang -march=native, by perf).
  [[maybe_unused]] T delta_max{};
  if constexpr (N == 1) {
    lanes max_bits = 0;
    for (std::size_t j = 0; j < Out; ++j) {
      const lanes d_bits = std::bit_cast<lanes>(magnitude(D[j]));
      max_bits = d_bits > max_bits ? d_bits : max_bits;
    }
    delta_max = std::bit_cast<T>(max_bits);
  }
  if constexpr (N == 1) {
    for (std::size_t k = 0; k < In; ++k) misfit |= static_cast<unsigned>(!(magnitude(A[k]) * delta_max <= limit));
#if defined(CTNN_VECTOR_BYTES)
    if constexpr (row_lanes<T, Out> * sizeof(T) >= 16) {
      any |= land_one_row_in_lanes<In, Out>(A, D, W, eta, bound_bits);
    } else
#endif
    {
      for (std::size_t k = 0; k < In; ++k) {
        T* W_k = W + k * Out;
        const T a_k = A[k];
        lanes row = 0;
        for (std::size_t j = 0; j < Out; ++j) land(W_k[j], T{} + a_k * D[j], row);
        any |= row;
      }
    }
  } else {
    // Several rows of ∂J/∂W at a time, summed as weight_and_bias_gradient sums them.
    for_each_gradient_block<N, In, Out>(A, D, [&]<std::size_t Rows>(std::size_t k0, const T(&s)[Rows][Out]) {
      for (std::size_t r = 0; r < Rows; ++r) {
        lanes row = 0;
        for (std::size_t j = 0; j < Out; ++j) move(W[(k0 + r) * Out + j], s[r][j], row);
        any |= row;
      }
    });
  }
  if constexpr (HasBias) {
    auto&& B = CTNN_CELLS(p.bias.elements);
    if constexpr (N == 1) {
      misfit |= static_cast<unsigned>(!(delta_max <= limit));  // each |∂J/∂b(j)| is |δ(0, j)|
      lanes row = 0;
      for (std::size_t j = 0; j < Out; ++j) land(B[j], T{} + D[j], row);
      any |= row;
    } else {
      T s[Out] = {};
      for (std::size_t n = 0; n < N; ++n)
        for (std::size_t j = 0; j < Out; ++j) s[j] += D[n * Out + j];
      lanes row = 0;
      for (std::size_t j = 0; j < Out; ++j) move(B[j], s[j], row);
      any |= row;
    }
  }
  misfit |= static_cast<unsigned>(any < 0);
}

// Layer I's δ is ∂J/∂z of that layer: δ Wᵀ ⊙ f'(z) goes down first, with
// W as it was, then W moves, then layer I - 1 takes its turn.
template <std::size_t I, class Net, class Input, class Trace, class Delta>
void descend_from(Net& net, const Input& X, const Trace& trace, const Delta& delta,
                  const descent_bounds<typename Net::value_type>& b, unsigned& misfit) noexcept {
  using layer = typename Net::template layer<I>;
  auto& p = boost::hana::at_c<I>(net.layers);
  if constexpr (I == 0) {
    move_weights_and_bias<layer::has_bias>(X, delta, p, b, misfit);  // W(1) ← W(1) − η Xᵀ δ(2)
  } else {
    using below = typename Net::template layer<I - 1>;
    const auto& t = boost::hana::at_c<I - 1>(trace.layers);  // z and a of the layer below
    std::remove_cvref_t<decltype(t.z)> delta_of_below(scratch);  // filled whole
    fill_delta_below<typename below::activation>(delta, p.weights, t.z, t.a, delta_of_below);
    move_weights_and_bias<layer::has_bias>(t.a, delta, p, b, misfit);  // W ← W − η a_prevᵀ δ
    descend_from<I - 1>(net, X, trace, delta_of_below, b, misfit);
  }
}

}  // namespace detail

// One step of gradient descent on (X, y) by the loss (half_squared_error
// unless another is given), in place; see the top of this header.
template <class T, class... L, class U, std::size_t N, std::size_t M, class V, std::size_t YR, std::size_t YC,
          class Lo = half_squared_error>
constexpr descend_result<T> descend(network<T, L...>& net, const matrix<U, N, M>& X, const matrix<V, YR, YC>& y,
                                    double learning_rate, Lo loss = {}) noexcept {
  using Net = network<T, L...>;
  static_assert(std::is_same_v<T, U>, "ctnn: descend(net, X, y, eta) needs X to have the network's element type T");
  static_assert(Net::inputs == M, "ctnn: descend(net, X, y, eta) needs X.cols() == the first layer's inputs");
  static_assert(std::is_same_v<T, V>, "ctnn: descend(net, X, y, eta) needs y to have the network's element type T");
  static_assert(YR == N && YC == Net::outputs,
                "ctnn: descend(net, X, y, eta) needs y to be X.rows() x the last layer's outputs");
  descend_result<T> r{};
  if constexpr (detail::fits_input<Net, U, M> && detail::fits_target<Net, N, V, YR, YC>) {
    // The path without a stored gradient, for a plain loss and a float or
    // double network at run time; a regularized loss (whose gradient has a
    // term for every weight), another element type (ctnn::fixed) and
    // constant evaluation take the gradient and gradient_descent::step.
    if constexpr (std::is_floating_point_v<T> && detail::cost_and_gradient_fits<Net, U, N, M, V, YR, YC, Lo>()) {
      if (!CTNN_CONSTANT_EVALUATED()) {
        const detail::descent_bounds<T> b(learning_rate);
        forward_trace<T, N, L...> trace(detail::scratch);  // fill_forward writes it all
        detail::fill_forward(net, X, trace);
        const auto& last = boost::hana::at_c<Net::depth - 1>(trace.layers);
        r.cost = Lo::value(last.a, y);
        if (!b.eta_finite()) {  // as gradient_descent::step: no weight moves
          r.diverged = true;
          return r;
        }
        using output = typename Net::template layer<Net::depth - 1>::activation;
        unsigned misfit = 0;
        detail::descend_from<Net::depth - 1>(net, X, trace, output_delta<Lo, output>(last.z, last.a, y), b, misfit);
        r.diverged = misfit != 0;
        return r;
      }
    }
    Net g{};
    detail::cost_and_gradient_into(net, X, y, loss, r.cost, g);
    const gradient_descent gd{.learning_rate = learning_rate};
    auto state = gd.init(net);
    r.diverged = !gd.step(net, state, g, r.cost, detail::any_objective{});
  }
  return r;
}

}  // namespace ctnn

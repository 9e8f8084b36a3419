// ctnn/loss.hpp - losses J(ŷ, y) and their gradients dJ/dŷ.
//
// A Loss is a type with
//   static constexpr bool averages_rows                        -- J is a mean over examples, not a sum
//   static T value(const matrix& yhat, const matrix& y)        -- J
//   static matrix gradient(const matrix& yhat, const matrix& y) -- dJ/dŷ
//   template <class Output> static constexpr bool fits          -- may follow that output activation
// and optionally, for an output activation it pairs with,
//   template <class Output> static constexpr bool fuses
//   static matrix fused_delta(const matrix& yhat, const matrix& y) -- dJ/dz directly
// (softmax with cross-entropy gives δ = ŷ − y, which never divides by ŷ).
//
// Values never overflow or take log(0): a term that would is replaced by
// infinity, explicitly (constant evaluation rejects an overflowing
// operation), and probabilities are clamped to the smallest normal number,
// so a confident wrong answer costs at most -log(2^-1022) ≈ 708 per element.
#pragma once

#include <cstddef>
#include <limits>
#include <type_traits>

#include "activation.hpp"
#include "math.hpp"
#include "matrix.hpp"

namespace ctnn {

namespace detail {
// Largest |y − ŷ| whose square, summed N times, stays finite.
template <class T, std::size_t N>
inline constexpr T square_cap = math::sqrt(std::numeric_limits<T>::max() / static_cast<T>(2 * N));

template <class T, std::size_t R, std::size_t C>
constexpr T sum_of_squared_differences(const matrix<T, R, C>& yhat, const matrix<T, R, C>& y) noexcept {
  constexpr T cap = square_cap<T, R * C>, neg_cap = -cap;  // named once: see gradient_descent::step
  T J{};
  bool ok = true;
  const auto& Yh = CTNN_CELLS(yhat.elements);
  const auto& Y = CTNN_CELLS(y.elements);
  // One statement per element (constant evaluation charges each); a term
  // past the cap (or NaN) is not squared, and J becomes infinity.
  // (No comma operator: GCC's evaluator keeps about 60 bytes for each.)
  for (std::size_t i = 0; i < R * C; ++i)
    J += (ok = ok && Y[i] - Yh[i] <= cap && Y[i] - Yh[i] >= neg_cap) ? (Y[i] - Yh[i]) * (Y[i] - Yh[i]) : T{};
  return ok ? J : std::numeric_limits<T>::infinity();
}

// ŷ − y, the shared core of several gradients, in one raw pass.
template <class T, std::size_t R, std::size_t C>
constexpr matrix<T, R, C> difference(const matrix<T, R, C>& yhat, const matrix<T, R, C>& y) noexcept {
  matrix<T, R, C> d{};
  const auto& Yh = CTNN_CELLS(yhat.elements);
  const auto& Y = CTNN_CELLS(y.elements);
  auto&& D = CTNN_CELLS(d.elements);
  for (std::size_t i = 0; i < R * C; ++i) D[i] = Yh[i] - Y[i];
  return d;
}

template <class T>
constexpr T clamped_log(T p) noexcept {
  return math::log(p > std::numeric_limits<T>::min() ? p : std::numeric_limits<T>::min());
}
}  // namespace detail

// J = Σ ½ (y − ŷ)², the walkthrough's cost; dJ/dŷ = −(y − ŷ).
struct half_squared_error {
  static constexpr bool averages_rows = false;  // J sums over examples
  template <class Output>
  static constexpr bool fits = true;
  template <class T, std::size_t R, std::size_t C>
  static constexpr T value(const matrix<T, R, C>& yhat, const matrix<T, R, C>& y) noexcept {
    return detail::sum_of_squared_differences(yhat, y) / T{2};
  }
  template <class T, std::size_t R, std::size_t C>
  static constexpr matrix<T, R, C> gradient(const matrix<T, R, C>& yhat, const matrix<T, R, C>& y) noexcept {
    return detail::difference(yhat, y);  // = −(y − ŷ)
  }
};

// J = (1 / N) Σ (y − ŷ)² over all N = rows × cols elements; dJ/dŷ = 2 (ŷ − y) / N.
struct mean_squared_error {
  static constexpr bool averages_rows = true;  // J divides by the number of examples
  template <class Output>
  static constexpr bool fits = true;
  template <class T, std::size_t R, std::size_t C>
  static constexpr T value(const matrix<T, R, C>& yhat, const matrix<T, R, C>& y) noexcept {
    return detail::sum_of_squared_differences(yhat, y) / static_cast<T>(R * C);
  }
  template <class T, std::size_t R, std::size_t C>
  static constexpr matrix<T, R, C> gradient(const matrix<T, R, C>& yhat, const matrix<T, R, C>& y) noexcept {
    return (yhat - y) * (T{2} / static_cast<T>(R * C));
  }
};

// J = −Σ [y log ŷ + (1 − y) log(1 − ŷ)], summed over examples like the
// walkthrough's J. Needs outputs in (0, 1): a sigmoid (or fast_sigmoid)
// output, with which it fuses to δ = ŷ − y (which also keeps the gradient
// where fast_sigmoid's ŷ is exactly 0 or 1). Softmax does not fit (use categorical_cross_entropy).
struct binary_cross_entropy {
  static constexpr bool averages_rows = false;  // J sums over examples
  template <class Output>
  static constexpr bool fits = !std::is_same_v<Output, softmax>;
  template <class Output>
  static constexpr bool fuses = std::is_same_v<Output, sigmoid> || std::is_same_v<Output, fast_sigmoid>;
  template <class T, std::size_t R, std::size_t C>
  static constexpr T value(const matrix<T, R, C>& yhat, const matrix<T, R, C>& y) noexcept {
    T J{};
    for (std::size_t i = 0; i < R * C; ++i) {
      const T p = CTNN_CELLS(yhat.elements)[i], t = CTNN_CELLS(y.elements)[i];
      J -= t * detail::clamped_log(p) + (T{1} - t) * detail::clamped_log(T{1} - p);
    }
    return J;
  }
  // (ŷ − y) / (ŷ (1 − ŷ)), with the denominator kept at least machine epsilon.
  template <class T, std::size_t R, std::size_t C>
  static constexpr matrix<T, R, C> gradient(const matrix<T, R, C>& yhat, const matrix<T, R, C>& y) noexcept {
    matrix<T, R, C> g{};
    for (std::size_t i = 0; i < R * C; ++i) {
      const T p = CTNN_CELLS(yhat.elements)[i];
      const T d = p * (T{1} - p);
      CTNN_CELLS(g.elements)[i] = (p - CTNN_CELLS(y.elements)[i]) /
                      (d > std::numeric_limits<T>::epsilon() ? d : std::numeric_limits<T>::epsilon());
    }
    return g;
  }
  template <class T, std::size_t R, std::size_t C>
  static constexpr matrix<T, R, C> fused_delta(const matrix<T, R, C>& yhat, const matrix<T, R, C>& y) noexcept {
    return detail::difference(yhat, y);
  }
};

// J = −Σ y log ŷ over examples and classes, for one-hot (or probability) rows
// y. Needs a softmax output layer, with which it fuses to δ = ŷ − y.
struct categorical_cross_entropy {
  static constexpr bool averages_rows = false;  // J sums over examples
  template <class Output>
  static constexpr bool fits = std::is_same_v<Output, softmax>;
  template <class Output>
  static constexpr bool fuses = std::is_same_v<Output, softmax>;
  template <class T, std::size_t R, std::size_t C>
  static constexpr T value(const matrix<T, R, C>& yhat, const matrix<T, R, C>& y) noexcept {
    T J{};
    for (std::size_t i = 0; i < R * C; ++i)
      if (CTNN_CELLS(y.elements)[i] != T{0})
        J -= CTNN_CELLS(y.elements)[i] * detail::clamped_log(CTNN_CELLS(yhat.elements)[i]);
    return J;
  }
  template <class T, std::size_t R, std::size_t C>
  static constexpr matrix<T, R, C> gradient(const matrix<T, R, C>& yhat, const matrix<T, R, C>& y) noexcept {
    matrix<T, R, C> g{};
    for (std::size_t i = 0; i < R * C; ++i) {
      const T p = CTNN_CELLS(yhat.elements)[i];
      CTNN_CELLS(g.elements)[i] =
          -CTNN_CELLS(y.elements)[i] / (p > std::numeric_limits<T>::min() ? p : std::numeric_limits<T>::min());
    }
    return g;
  }
  template <class T, std::size_t R, std::size_t C>
  static constexpr matrix<T, R, C> fused_delta(const matrix<T, R, C>& yhat, const matrix<T, R, C>& y) noexcept {
    return detail::difference(yhat, y);
  }
};

template <class L>
concept Loss = requires(const matrix<double, 2, 2>& m) {
  { L::value(m, m) } -> std::convertible_to<double>;
  { L::gradient(m, m) } -> std::convertible_to<matrix<double, 2, 2>>;
  { L::template fits<sigmoid> } -> std::convertible_to<bool>;
  { L::averages_rows } -> std::convertible_to<bool>;
};

namespace detail {
template <class L, class Output>
constexpr bool loss_fuses() {
  if constexpr (requires { L::template fuses<Output>; }) {
    return L::template fuses<Output>;
  } else {
    return false;
  }
}
}  // namespace detail

// δ of the output layer, dJ/dz: fused when the loss pairs with the output
// activation, else dJ/dŷ ⊙ f'(z) — the walkthrough's δ(3) = −(y − ŷ) ⊙ f'(z(3)).
template <class L, class Output, class T, std::size_t R, std::size_t C>
constexpr matrix<T, R, C> output_delta(const matrix<T, R, C>& z, const matrix<T, R, C>& yhat,
                                       const matrix<T, R, C>& y) noexcept {
  if constexpr (detail::loss_fuses<L, Output>()) {
    return L::fused_delta(yhat, y);
  } else {
    return backward<Output>(z, yhat, L::gradient(yhat, y));
  }
}

}  // namespace ctnn

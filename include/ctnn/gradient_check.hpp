// ctnn/gradient_check.hpp - checks backpropagation against central differences.
//
//   ∂J/∂w ≈ (J(w + ε) − J(w − ε)) / 2ε     for every parameter w
//   gradient_check(net, X, y) = ‖g − g_num‖ / ‖g + g_num‖
//
// A correct gradient gives about 1e-10 in double (the walkthrough reports
// 2.75e-10 for its 2-3-1 network); a wrong one, something near 1.
#pragma once

#include <cstddef>

#include "forward.hpp"
#include "gradient.hpp"
#include "loss.hpp"
#include "math.hpp"
#include "network.hpp"

namespace ctnn {

// ε: 1e-4 for double, as in the walkthrough; float has about 7 digits, so
// it needs a larger ε before the difference of two costs means anything.
template <class T>
inline constexpr T default_gradient_check_epsilon = static_cast<T>(sizeof(T) >= 8 ? 1e-4 : 1e-2);

// ∂J/∂w for every parameter by central differences, as a flattened column.
template <class T, class... L, class U, std::size_t N, std::size_t M, class V, std::size_t YR, std::size_t YC,
          class Lo = half_squared_error>
constexpr auto numerical_gradient(const network<T, L...>& net, const matrix<U, N, M>& X,
                                  const matrix<V, YR, YC>& y, Lo loss = {},
                                  T epsilon = default_gradient_check_epsilon<T>) noexcept {
  using Net = network<T, L...>;
  auto v = flatten(net);
  decltype(v) g{};
  for (std::size_t k = 0; k < Net::parameter_count; ++k) {
    const T w = CTNN_CELLS(v.elements)[k];
    CTNN_CELLS(v.elements)[k] = w + epsilon;
    const T J_plus = cost(unflatten<Net>(v), X, y, loss);
    CTNN_CELLS(v.elements)[k] = w - epsilon;
    const T J_minus = cost(unflatten<Net>(v), X, y, loss);
    CTNN_CELLS(v.elements)[k] = w;
    CTNN_CELLS(g.elements)[k] = (J_plus - J_minus) / (T{2} * epsilon);
  }
  return g;
}

// ‖g − g_num‖ / ‖g + g_num‖; 0 when both gradients are zero.
template <class T, class... L, class U, std::size_t N, std::size_t M, class V, std::size_t YR, std::size_t YC,
          class Lo = half_squared_error>
constexpr T gradient_check(const network<T, L...>& net, const matrix<U, N, M>& X, const matrix<V, YR, YC>& y,
                           Lo loss = {}, T epsilon = default_gradient_check_epsilon<T>) noexcept {
  const auto g = flatten(gradient(net, X, y, loss));
  const auto g_num = numerical_gradient(net, X, y, loss, epsilon);
  T diff{}, total{};
  for (std::size_t k = 0; k < g.size(); ++k) {
    const T d = CTNN_CELLS(g.elements)[k] - CTNN_CELLS(g_num.elements)[k];
    const T s = CTNN_CELLS(g.elements)[k] + CTNN_CELLS(g_num.elements)[k];
    diff += d * d;
    total += s * s;
  }
  if (total == T{0}) return T{0};
  return math::sqrt(diff) / math::sqrt(total);
}

}  // namespace ctnn

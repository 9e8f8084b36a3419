// ctnn/regularization.hpp - L2 regularisation: a loss per example plus (λ/2) Σ‖W‖².
//
// With the default loss it is the walkthrough's part 7 cost, exactly:
//   J = (1/n) Σ ½ (y − ŷ)² + (λ/2) (Σ W(1)² + Σ W(2)² + ...)
//   ∂J/∂W(i) = (a(i−1)ᵀ δ(i)) / n + λ W(i)       (a(0) = X)
//   ∂J/∂b(i) = (Σ over rows of δ(i)) / n          biases are not penalised
// n is the number of rows of X. The data term is divided by n so that λ
// means the same whatever the number of examples; a loss that already
// averages over rows (mean_squared_error) is taken as it is.
//
//   constexpr ctnn::regularization l2{.lambda = 1e-4};
//   ctnn::cost(net, X, y, l2);   ctnn::gradient(net, X, y, l2);   ctnn::gradient_check(net, X, y, l2);
//   ctnn::train(net, X, y, ctnn::bfgs{}, ctnn::until{...}, l2);
//   ctnn::regularized<ctnn::binary_cross_entropy>{.lambda = 1e-3};   // around another loss
//
// It goes where the loss goes, so every optimizer minimises it (bfgs's
// line search too), and mini-batches take the mean of the batch's rows
// plus the penalty: each row's J is its data term plus (λ/2) Σ‖W‖², and
// the batch is averaged (averages_rows).
#pragma once

#include <cstddef>

#include <boost/hana/at.hpp>

#include "forward.hpp"
#include "gradient.hpp"
#include "loss.hpp"
#include "matrix.hpp"
#include "network.hpp"

namespace ctnn {

template <class Lo = half_squared_error>
struct regularized {
  static constexpr bool averages_rows = true;  // J is per example: see above
  double lambda = 0;                           // λ
  Lo loss{};                                   // the data term, before division by n
};

// The walkthrough's: J = (1/n) Σ ½ (y − ŷ)² + (λ/2) Σ‖W‖².
using regularization = regularized<half_squared_error>;

namespace detail {
// Σ‖W‖² over every layer's weights (not biases). (Names in the lambdas
// here are unusual on purpose: GCC's -Wshadow compares a lambda's names in
// a template with the user's globals, such as a `W` or a `g`.)
template <class Net>
constexpr typename Net::value_type sum_of_squared_weights(const Net& net) noexcept {
  using T = typename Net::value_type;
  T all_layers{};
  for_each_index<Net::depth>([&](auto layer_index) {
    const auto& layer_w = boost::hana::at_c<layer_index>(net.layers).weights;
    const auto& wp = CTNN_CELLS(layer_w.elements);
    T layer_sum{};
    for (std::size_t wi = 0; wi < layer_w.size(); ++wi) layer_sum += wp[wi] * wp[wi];
    all_layers += layer_sum;
  });
  return all_layers;
}
}  // namespace detail

template <class T, class... L, class U, std::size_t N, std::size_t M, class V, std::size_t YR, std::size_t YC,
          class Lo>
constexpr T cost(const network<T, L...>& net, const matrix<U, N, M>& X, const matrix<V, YR, YC>& y,
                 regularized<Lo> r) noexcept {
  const T data_term = cost(net, X, y, r.loss);  // checks the shapes and the loss, with their messages
  if constexpr (detail::is_loss<Lo>) {
    return (Lo::averages_rows ? data_term : data_term / static_cast<T>(N)) +
           static_cast<T>(r.lambda) / T{2} * detail::sum_of_squared_weights(net);
  } else {
    return T{};
  }
}

namespace detail {
// Turns the data term's J and ∂J/∂W in result into the regularized ones:
// the mean over the N rows (if Lo sums), plus (λ/2) Σ‖W‖² and λ W.
template <std::size_t N, class Lo, class T, class... L>
constexpr void add_penalty(const network<T, L...>& net, regularized<Lo> r, T& cost,
                           network<T, L...>& gradient) noexcept {
  using Net = network<T, L...>;
  if constexpr (!Lo::averages_rows) {
    const T rows = static_cast<T>(N);
    cost /= rows;
    for_each_parameter_block(gradient, [&](auto&& grad_block, std::size_t grad_count) {
      for (std::size_t gi = 0; gi < grad_count; ++gi) grad_block[gi] /= rows;
    });
  }
  const T lambda = static_cast<T>(r.lambda);
  cost += lambda / T{2} * sum_of_squared_weights(net);
  for_each_index<Net::depth>([&](auto layer_index) {
    auto&& dJdW_layer = CTNN_CELLS(boost::hana::at_c<layer_index>(gradient.layers).weights.elements);
    const auto& layer_w = boost::hana::at_c<layer_index>(net.layers).weights;
    const auto& wp = CTNN_CELLS(layer_w.elements);
    for (std::size_t wi = 0; wi < layer_w.size(); ++wi) dJdW_layer[wi] += lambda * wp[wi];  // + λ W
  });
}
}  // namespace detail

template <class T, class... L, class U, std::size_t N, std::size_t M, class V, std::size_t YR, std::size_t YC,
          class Lo>
constexpr cost_and_gradient_result<network<T, L...>> cost_and_gradient(const network<T, L...>& net,
                                                                       const matrix<U, N, M>& X,
                                                                       const matrix<V, YR, YC>& y,
                                                                       regularized<Lo> r) noexcept {
  auto result = cost_and_gradient(net, X, y, r.loss);  // checks the shapes and the loss, with their messages
  if constexpr (detail::is_loss<Lo> && network<T, L...>::well_formed)
    detail::add_penalty<N>(net, r, result.cost, result.gradient);
  return result;
}

namespace detail {
// The same written into out (see cost_and_gradient_into in gradient.hpp).
template <class T, class... L, class U, std::size_t N, std::size_t M, class V, std::size_t YR, std::size_t YC,
          class Lo>
constexpr void cost_and_gradient_into(const network<T, L...>& net, const matrix<U, N, M>& X,
                                      const matrix<V, YR, YC>& y, regularized<Lo> r, T& cost,
                                      network<T, L...>& gradient) noexcept {
  cost_and_gradient_into(net, X, y, r.loss, cost, gradient);
  if constexpr (cost_and_gradient_fits<network<T, L...>, U, N, M, V, YR, YC, Lo>())
    add_penalty<N>(net, r, cost, gradient);
}
}  // namespace detail

}  // namespace ctnn

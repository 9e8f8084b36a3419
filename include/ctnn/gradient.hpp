// ctnn/gradient.hpp - backpropagation: ∂J/∂W for every layer, by the chain rule.
//
// For the walkthrough's 2-3-1 network:
//   δ(3) = −(y − ŷ) ⊙ f'(z(3))          ∂J/∂W(2) = a(2)ᵀ δ(3)
//   δ(2) = δ(3) W(2)ᵀ ⊙ f'(z(2))        ∂J/∂W(1) = Xᵀ δ(2)
// and for any depth the same two lines, from the last layer to the first:
// the backward pass folds over the layers the other way from predict.
// A layer with bias also gets ∂J/∂b = the column sums of its δ.
#pragma once

#include <cstddef>
#include <type_traits>

#include <boost/hana/at.hpp>

#include "detail/interleaved.hpp"
#include "forward.hpp"
#include "loss.hpp"
#include "matrix.hpp"
#include "network.hpp"

namespace ctnn {

// J and ∂J/∂W together: the training loop needs both, from one forward pass.
template <class Net>
struct cost_and_gradient_result {
  typename Net::value_type cost{};
  Net gradient{};  // shaped like the network: get<0>(gradient).weights is ∂J/∂W(1)
};

namespace detail {

// δ Wᵀ's dot products of a batch of fewer than 4 rows, over 16 or more
// outputs, are summed as detail/interleaved.hpp says (interleaved_sums).
// Left to right, a dot product is one chain of additions, which does not
// vectorise; a batch of 4 or more rows vectorises across k instead (the
// copy of Wᵀ below), but one row has nothing else to run in parallel, and
// its strided loads of W's columns (gathered, or shuffled into place) took
// most of a one-row step (32 x 32 float: 627 ns of 1,339 with GCC 12
// -march=native on an AVX-512 Xeon). In 8 lanes the same 32 x 32 takes 67
// ns instead of 289 (GCC 12 -march=native, AMD EPYC; 60 instead of 196 with
// Clang 19). Summed this way for every N, a batch of 32 needed 8 x 8
// running sums per block, and GCC -O3 ran its step 2x slower
// (docs/runtime_speed.md, "Tried and reverted").

// At run time, δ Wᵀ row by row as a sum of rows of Wᵀ: out(n, ·) gains
// δ(n, j) Wᵀ(j, ·) for j = 0, 1, ..., the same terms in the same order as
// the dot products in fill_delta_below, so the same bits, but along rows, which
// the compiler vectorises. Wᵀ is copied once to the stack when it is small
// (up to 4,096 weights); a larger layer keeps the dot products, so as not to
// put a large copy on a small stack. So does a batch of fewer than 4 rows
// whose layer above has fewer than 16 outputs, for which the copy would cost
// about as much as the products; with 16 or more, a batch of fewer than 4
// rows sums in 8 lanes (interleaved_sums).
// O is none of the inputs (__restrict, as dense::sum_each says why).
template <class F, std::size_t N, std::size_t In, std::size_t Out, class T>
void delta_below_at_run_time(const T* __restrict D, const T* __restrict W, const T* __restrict Z, const T* __restrict A,
                             T* __restrict O) noexcept {
  if constexpr (interleaved_sums<N, Out>) {
    for (std::size_t n = 0; n < N; ++n)
      for (std::size_t k = 0; k < In; ++k)
        O[n * In + k] = interleaved_dot_at_run_time<Out>(D + n * Out, W + k * Out) * F::derivative(Z[n * In + k], A[n * In + k]);
  } else if constexpr (In * Out <= 4096 && N >= 4) {
    T Wt[Out * In];
    for (std::size_t k = 0; k < In; ++k)
      for (std::size_t j = 0; j < Out; ++j) Wt[j * In + k] = W[k * Out + j];
    for (std::size_t n = 0; n < N; ++n) {
      T s[In] = {};
      for (std::size_t j = 0; j < Out; ++j) {
        const T d = D[n * Out + j];
        for (std::size_t k = 0; k < In; ++k) s[k] += d * Wt[j * In + k];
      }
      for (std::size_t k = 0; k < In; ++k) O[n * In + k] = s[k] * F::derivative(Z[n * In + k], A[n * In + k]);
    }
  } else {
    // The dot products, each summed over j in order, but 8 at a time: one
    // sum alone waits for each addition before the next (about 4 cycles
    // each), 8 interleaved keep the adder busy (docs/runtime_speed.md,
    // "At 042ec3e").
    constexpr std::size_t block = 8, blocked = In - In % block;
    for (std::size_t n = 0; n < N; ++n) {
      const T* D_n = D + n * Out;
      for (std::size_t k0 = 0; k0 < blocked; k0 += block) {
        T s[block] = {};
        for (std::size_t j = 0; j < Out; ++j)
          for (std::size_t i = 0; i < block; ++i) s[i] += D_n[j] * W[(k0 + i) * Out + j];
        for (std::size_t i = 0; i < block; ++i)
          O[n * In + k0 + i] = s[i] * F::derivative(Z[n * In + k0 + i], A[n * In + k0 + i]);
      }
      for (std::size_t k = blocked; k < In; ++k) {
        T s{};
        for (std::size_t j = 0; j < Out; ++j) s += D_n[j] * W[k * Out + j];
        O[n * In + k] = s * F::derivative(Z[n * In + k], A[n * In + k]);
      }
    }
  }
}

// out = δ_below = δ Wᵀ ⊙ f'(z_below) (every element written), without forming Wᵀ or δ Wᵀ for an
// elementwise f (the softmax Jacobian needs the whole of δ Wᵀ).
template <class F, class T, std::size_t N, std::size_t In, std::size_t Out>
constexpr void fill_delta_below(const matrix<T, N, Out>& delta, const matrix<T, In, Out>& W, const matrix<T, N, In>& z,
                                const matrix<T, N, In>& a, matrix<T, N, In>& out) noexcept {
  if constexpr (F::elementwise) {
    const auto& D = CTNN_CELLS(delta.elements);
    const auto& Wp = CTNN_CELLS(W.elements);
    const auto& Z = CTNN_CELLS(z.elements);
    const auto& Ap = CTNN_CELLS(a.elements);
    auto&& O = CTNN_CELLS(out.elements);
    if (!CTNN_CONSTANT_EVALUATED()) {
      delta_below_at_run_time<F, N, In, Out>(D, Wp, Z, Ap, O);
      return;
    }
    if constexpr (interleaved_sums<N, Out>) {
      for (std::size_t n = 0; n < N; ++n)
        for (std::size_t k = 0; k < In; ++k)
          O[n * In + k] = interleaved_dot<Out>(D + n * Out, Wp + k * Out) * F::derivative(Z[n * In + k], Ap[n * In + k]);
    } else {
      for (std::size_t n = 0; n < N; ++n)
        for (std::size_t k = 0; k < In; ++k) {
          T s{};
          for (std::size_t j = 0; j < Out; ++j) s += D[n * Out + j] * Wp[k * Out + j];
          O[n * In + k] = s * F::derivative(Z[n * In + k], Ap[n * In + k]);
        }
    }
  } else {
    out = backward<F>(z, a, times_transpose(delta, W));
  }
}

// How many rows of ∂J/∂W weight_and_bias_gradient and descend's
// move_weights_and_bias sum together. One row's sums are Out / lanes chains
// of N multiply-adds, each waiting on the one before (4 cycles), too few to
// keep the multiply-adders busy; R rows are R times as many chains. R is as
// many as fit in half the vector registers, at most 4 (8 rows spilled:
// Clang 19 -march=native step 16-32-32-4 float x32 5,819 -> 40,801 ns).
// Measured in docs/runtime_speed.md, "Rows of the weight gradient summed
// together".
template <class T, std::size_t Out>
constexpr std::size_t rows_of_gradient_at_once() noexcept {
#if defined(__AVX512F__)
  constexpr std::size_t registers = 32, width = 32;  // 32 vector registers; the compilers' loops use 256 bits
#elif defined(__AVX__)
  constexpr std::size_t registers = 16, width = 32;
#else
  constexpr std::size_t registers = 16, width = 16;
#endif
  constexpr std::size_t per_row = (Out * sizeof(T) + width - 1) / width;  // accumulators of one row
  constexpr std::size_t fit = registers / 2 / per_row;                     // half the registers hold sums
  return fit < 1 ? 1 : fit > 4 ? 4 : fit;
}

// s(r, ·) = Σ_n a_prev(n, r) δ(n, ·) for r < Rows, n = 0, 1, ... in order:
// rows k0 ... k0 + Rows - 1 of ∂J/∂W, with A = a_prev's cells from column k0.
// A function of __restrict pointers: as a lambda over move_weights_and_bias's
// pointers, Clang 19 did not vectorise it (7,206 -> 30,444 ns a step).
template <std::size_t Rows, std::size_t N, std::size_t In, std::size_t Out, class T>
[[gnu::always_inline]] inline void gradient_rows(const T* __restrict A, const T* __restrict D,
                                                 T (&__restrict s)[Rows][Out]) noexcept {
  for (std::size_t r = 0; r < Rows; ++r)
    for (std::size_t j = 0; j < Out; ++j) s[r][j] = T{};
  for (std::size_t n = 0; n < N; ++n)
    for (std::size_t r = 0; r < Rows; ++r) {
      const T a_nr = A[n * In + r];
      for (std::size_t j = 0; j < Out; ++j) s[r][j] += a_nr * D[n * Out + j];
    }
}

// Calls on_block(k0, s) for blocks of rows k0 ... k0 + Rows - 1 of ∂J/∂W
// = a_prevᵀ δ, in order, s as gradient_rows sums it: Rows is
// rows_of_gradient_at_once (at most In), then 1 for the rows left over.
// weight_and_bias_gradient stores each block; descend moves the weights.
// The bounds are constants: with a running k, GCC 12 warned that the
// remainder loop's writes past the end would be undefined.
template <std::size_t N, std::size_t In, std::size_t Out, class T, class OnBlock>
[[gnu::always_inline]] inline void for_each_gradient_block(const T* __restrict A, const T* __restrict D,
                                                           OnBlock&& on_block) noexcept {
  constexpr std::size_t R = rows_of_gradient_at_once<T, Out>() < In ? rows_of_gradient_at_once<T, Out>() : In;
  constexpr std::size_t blocked = In - In % R;
  for (std::size_t k = 0; k < blocked; k += R) {
    T s[R][Out];
    gradient_rows<R, N, In, Out>(A + k, D, s);
    on_block(k, s);
  }
  for (std::size_t k = blocked; k < In; ++k) {
    T s[1][Out];
    gradient_rows<1, N, In, Out>(A + k, D, s);
    on_block(k, s);
  }
}

// ∂J/∂W = a_prevᵀ δ and, with a bias, ∂J/∂b = the column sums of δ, in one
// pass over δ (each row of δ is read once for both).
template <bool HasBias, class T, std::size_t N, std::size_t In, std::size_t Out, class Params>
constexpr void weight_and_bias_gradient(const matrix<T, N, In>& a_prev, const matrix<T, N, Out>& delta,
                                        Params& g) noexcept {
  const auto& A = CTNN_CELLS(a_prev.elements);
  const auto& D = CTNN_CELLS(delta.elements);
  auto&& GW = CTNN_CELLS(g.weights.elements);
  if (!CTNN_CONSTANT_EVALUATED()) {
    // The same sums, each over n = 0, 1, ... in the same order, but R rows
    // of ∂J/∂W at a time: row k gathers a_prev(n, k) δ(n, ·) over all n in
    // a local array, which stays in registers, along rows of δ, which
    // vectorises. (The loops below would read and write all of ∂J/∂W
    // once per example.)
    for_each_gradient_block<N, In, Out>(A, D, [&]<std::size_t Rows>(std::size_t k0, const T(&s)[Rows][Out]) {
      for (std::size_t r = 0; r < Rows; ++r)
        for (std::size_t j = 0; j < Out; ++j) GW[(k0 + r) * Out + j] = s[r][j];
    });
    if constexpr (HasBias) {
      T s[Out] = {};
      for (std::size_t n = 0; n < N; ++n)
        for (std::size_t j = 0; j < Out; ++j) s[j] += D[n * Out + j];
      auto&& GB = CTNN_CELLS(g.bias.elements);
      for (std::size_t j = 0; j < Out; ++j) GB[j] = s[j];
    }
    return;
  }
  // ∂J/∂W (and ∂J/∂b) start at zero, for the loops below add to them (the
  // run-time loops above write every element instead). Zeroed element by
  // element, not by assigning matrix{}: GCC's evaluator keeps the temporary
  // and the copy (4.6 KB an epoch of XOR 2-4-1, for 17 steps of Clang's).
  for (std::size_t i = 0; i < In * Out; ++i) GW[i] = T{};
  // The loops are written twice rather than
  // testing HasBias inside them, because each statement is a constexpr step.
  if constexpr (HasBias) {
    auto&& GB = CTNN_CELLS(g.bias.elements);
    for (std::size_t j = 0; j < Out; ++j) GB[j] = T{};
    for (std::size_t n = 0; n < N; ++n)
      for (std::size_t j = 0; j < Out; ++j) {
        GB[j] += D[n * Out + j];
        for (std::size_t k = 0; k < In; ++k) GW[k * Out + j] += A[n * In + k] * D[n * Out + j];
      }
  } else {
    for (std::size_t n = 0; n < N; ++n)
      for (std::size_t k = 0; k < In; ++k)
        for (std::size_t j = 0; j < Out; ++j) GW[k * Out + j] += A[n * In + k] * D[n * Out + j];
  }
}

// Layer I's δ is ∂J/∂z of that layer. Writes ∂J/∂W (and ∂J/∂b), then sends
// δ Wᵀ ⊙ f'(z) down to layer I - 1.
template <std::size_t I, class Net, class Input, class Trace, class Delta>
constexpr void backpropagate(const Net& net, const Input& X, const Trace& trace, const Delta& delta,
                             Net& grad) noexcept {
  using layer = typename Net::template layer<I>;
  auto& g = boost::hana::at_c<I>(grad.layers);
  if constexpr (I == 0) {
    weight_and_bias_gradient<layer::has_bias>(X, delta, g);  // ∂J/∂W(1) = Xᵀ δ(2)
  } else {
    using below = typename Net::template layer<I - 1>;
    const auto& t = boost::hana::at_c<I - 1>(trace.layers);  // z and a of the layer below
    weight_and_bias_gradient<layer::has_bias>(t.a, delta, g);  // a_prevᵀ δ
    // δ of the layer below, filled in place: GCC's constant evaluator keeps
    // a copy of every matrix a call returns.
    std::remove_cvref_t<decltype(t.z)> delta_of_below(scratch);  // filled whole
    fill_delta_below<typename below::activation>(delta, boost::hana::at_c<I>(net.layers).weights, t.z, t.a,
                                                 delta_of_below);
    backpropagate<I - 1>(net, X, trace, delta_of_below, grad);
  }
}

// J and ∂J/∂W into out, every element of which it writes (out may hold an
// earlier evaluation). For a network, data and loss that fit: the public
// functions check that first. The trace is filled in place, not returned:
// GCC's constant evaluator keeps a copy of every aggregate a call returns
// (a forward trace of XOR 2-4-1 costs it 5 KB).
template <class Lo, class T, class... L, std::size_t N, std::size_t M, std::size_t K>
constexpr void fill_cost_and_gradient(const network<T, L...>& net, const matrix<T, N, M>& X, const matrix<T, N, K>& y,
                                      T& cost, network<T, L...>& gradient) noexcept {
  using Net = network<T, L...>;
  forward_trace<T, N, L...> trace(scratch);  // fill_forward writes it all
  fill_forward(net, X, trace);
  const auto& last = boost::hana::at_c<Net::depth - 1>(trace.layers);
  cost = Lo::value(last.a, y);
  using output = typename Net::template layer<Net::depth - 1>::activation;
  backpropagate<Net::depth - 1>(net, X, trace, output_delta<Lo, output>(last.z, last.a, y), gradient);
}

// Whether cost_and_gradient(net, X, y, Lo{}) is well formed, without its messages.
template <class Net, class U, std::size_t N, std::size_t M, class V, std::size_t YR, std::size_t YC, class Lo>
constexpr bool cost_and_gradient_fits() noexcept {
  if constexpr (Net::well_formed && is_loss<Lo>) {
    return fits_input<Net, U, M> && fits_target<Net, N, V, YR, YC> &&
           Lo::template fits<typename Net::template layer<Net::depth - 1>::activation>;
  } else {
    return false;
  }
}

}  // namespace detail

template <class T, class... L, class U, std::size_t N, std::size_t M, class V, std::size_t YR,
          std::size_t YC, class Lo = half_squared_error>
constexpr cost_and_gradient_result<network<T, L...>> cost_and_gradient(const network<T, L...>& net,
                                                                       const matrix<U, N, M>& X,
                                                                       const matrix<V, YR, YC>& y,
                                                                       Lo = {}) noexcept {
  using Net = network<T, L...>;
  static_assert(std::is_same_v<T, U>,
                "ctnn: cost_and_gradient(net, X, y) needs X to have the network's element type T");
  static_assert(Net::inputs == M, "ctnn: cost_and_gradient(net, X, y) needs X.cols() == the first layer's inputs");
  static_assert(std::is_same_v<T, V>,
                "ctnn: cost_and_gradient(net, X, y) needs y to have the network's element type T");
  static_assert(YR == N && YC == Net::outputs,
                "ctnn: cost_and_gradient(net, X, y) needs y to be X.rows() x the last layer's outputs");
  constexpr bool loss_fits = detail::check_loss<Lo, Net>();
  cost_and_gradient_result<Net> out{};
  if constexpr (Net::well_formed && detail::fits_input<Net, U, M> && detail::fits_target<Net, N, V, YR, YC> &&
                loss_fits) {
    detail::fill_cost_and_gradient<Lo>(net, X, y, out.cost, out.gradient);
  }
  return out;
}

namespace detail {
// cost_and_gradient(net, X, y, loss) written into out instead of returned,
// for the training loops, which evaluate into the same two results over and
// over (see fill_cost_and_gradient). Where the arguments do not fit, the
// call of cost_and_gradient says why.
// J into cost and ∂J/∂W into gradient (every element of both written).
template <class T, class... L, class U, std::size_t N, std::size_t M, class V, std::size_t YR, std::size_t YC,
          class Lo>
constexpr void cost_and_gradient_into(const network<T, L...>& net, const matrix<U, N, M>& X,
                                      const matrix<V, YR, YC>& y, Lo loss, T& cost,
                                      network<T, L...>& gradient) noexcept {
  if constexpr (cost_and_gradient_fits<network<T, L...>, U, N, M, V, YR, YC, Lo>()) {
    fill_cost_and_gradient<Lo>(net, X, y, cost, gradient);
  } else {
    const auto r = cost_and_gradient(net, X, y, loss);
    cost = r.cost;
    gradient = r.gradient;
  }
}
}  // namespace detail

// ∂J/∂W (and ∂J/∂b) for every layer, shaped like the network.
template <class T, class... L, class U, std::size_t N, std::size_t M, class V, std::size_t YR,
          std::size_t YC, class Lo = half_squared_error>
constexpr network<T, L...> gradient(const network<T, L...>& net, const matrix<U, N, M>& X,
                                    const matrix<V, YR, YC>& y, Lo loss = {}) noexcept {
  using Net = network<T, L...>;
  // Checked here too, not only in cost_and_gradient: one level of
  // instantiation notes less under the message.
  static_assert(std::is_same_v<T, U>, "ctnn: gradient(net, X, y) needs X to have the network's element type T");
  static_assert(Net::inputs == M, "ctnn: gradient(net, X, y) needs X.cols() == the first layer's inputs");
  static_assert(std::is_same_v<T, V>, "ctnn: gradient(net, X, y) needs y to have the network's element type T");
  static_assert(YR == N && YC == Net::outputs,
                "ctnn: gradient(net, X, y) needs y to be X.rows() x the last layer's outputs");
  Net g{};
  if constexpr (detail::fits_input<Net, U, M> && detail::fits_target<Net, N, V, YR, YC>) {
    // Straight into the network returned, not copied out of a cost_and_gradient_result
    // (at run time a copy of the whole gradient; J is computed and dropped).
    T J{};
    detail::cost_and_gradient_into(net, X, y, loss, J, g);
  }
  return g;
}

}  // namespace ctnn

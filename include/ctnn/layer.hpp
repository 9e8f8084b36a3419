// ctnn/layer.hpp - dense<In, Out, Activation, Bias>: a fully connected layer.
//
//   z = a_prev W (+ b),   a = f(z)
//
// dense is a description: its sizes and activation are types and numbers.
// A network<T, ...> holds, for each layer, dense<...>::parameters<T>: the
// weights W (In x Out) and, for with_bias layers, the bias b (1 x Out).
//
//   using hidden = ctnn::dense<2, 3, ctnn::sigmoid>;                   // the walkthrough's W(1)
//   using biased = ctnn::dense<2, 4, ctnn::tanh, ctnn::with_bias>;
#pragma once

#include <cstddef>
#include <type_traits>

#include "activation.hpp"
#include "detail/interleaved.hpp"
#include "matrix.hpp"

namespace ctnn {

// The layer has no bias: z = a_prev W, as in the walkthrough. The default.
struct no_bias {};
// The layer adds a learned row b to every row: z = a_prev W + b.
struct with_bias {};

template <class T, std::size_t In, std::size_t Out, class Layer, bool HasBias>
struct dense_parameters;

template <class T, std::size_t In, std::size_t Out, class Layer>
struct dense_parameters<T, In, Out, Layer, false> {
  using layer_type = Layer;
  matrix<T, In, Out> weights{};
  friend constexpr bool operator==(const dense_parameters&, const dense_parameters&) = default;
};

template <class T, std::size_t In, std::size_t Out, class Layer>
struct dense_parameters<T, In, Out, Layer, true> {
  using layer_type = Layer;
  matrix<T, In, Out> weights{};
  matrix<T, 1, Out> bias{};
  friend constexpr bool operator==(const dense_parameters&, const dense_parameters&) = default;
};

namespace detail {
// A bool, not the concept: a failed concept in a static_assert makes both
// compilers append its satisfaction trace under our message.
template <class F>
inline constexpr bool is_activation = Activation<F>;

template <std::size_t In, std::size_t Out, class F, class Bias>
inline constexpr bool dense_arguments_valid = In > 0 && Out > 0 && is_activation<F> &&
                                              (std::is_same_v<Bias, no_bias> || std::is_same_v<Bias, with_bias>);
}  // namespace detail

// F is the activation function (f in the maths).
template <std::size_t In, std::size_t Out, class F = sigmoid, class Bias = no_bias>
struct dense {
  static constexpr std::size_t inputs = In;
  static constexpr std::size_t outputs = Out;
  static constexpr bool has_bias = std::is_same_v<Bias, with_bias>;
  using activation = F;

  template <class T>
  using parameters = dense_parameters<T, In, Out, dense, has_bias>;

  // Whether a batch of N rows sums each z(n, j) in 8 interleaved partial
  // sums (detail/interleaved.hpp): fewer than 4 rows, 16 inputs or more, and
  // fewer than 8 outputs. With 8 or more, one row's sums, left to right
  // along vectors of W's rows, are already 8 or more chains in flight.
  template <std::size_t N>
  static constexpr bool interleaved = detail::interleaved_sums<N, In> && Out < 8;

  // Number of trainable scalars.
  static constexpr std::size_t parameter_count = In * Out + (has_bias ? Out : 0);

  // a = f(a_prev W (+ b)): what predict needs.
  template <class T, std::size_t N>
  static constexpr matrix<T, N, Out> apply(const parameters<T>& p, const matrix<T, N, In>& a_prev) noexcept {
    // No zeros first at run time: compute writes every z and a (detail::scratch_t).
    matrix<T, N, Out> z(detail::scratch), a(detail::scratch);
    compute<true>(p, a_prev, z, a);
    return a;
  }

  // z and a = f(z) together, as the forward pass keeps both for the backward pass.
  template <class T, std::size_t N>
  static constexpr void forward(const parameters<T>& p, const matrix<T, N, In>& a_prev, matrix<T, N, Out>& z,
                                matrix<T, N, Out>& a) noexcept {
    compute<true>(p, a_prev, z, a);
  }

 private:
  // One pass: each z(n, j) = b(j) + Σ_k a_prev(n, k) W(k, j) is summed in a
  // register and, for an elementwise f, activated at once. Indexing the C
  // arrays themselves (CTNN_CELLS) and few statements, because constant
  // evaluation charges every statement (and every std::array::operator[]
  // call) against its budget, and GCC's keeps what each access builds.
  template <bool Activate, class T, std::size_t N>
  static constexpr void compute(const parameters<T>& p, const matrix<T, N, In>& a_prev, matrix<T, N, Out>& z,
                                matrix<T, N, Out>& a) noexcept {
    const auto& A = CTNN_CELLS(a_prev.elements);
    const auto& W = CTNN_CELLS(p.weights.elements);
    const auto& B = bias_or_weights(p);  // read only if has_bias
    auto&& Z = CTNN_CELLS(z.elements);
    auto&& Act = CTNN_CELLS(a.elements);
    if (!CTNN_CONSTANT_EVALUATED()) return compute_at_run_time<Activate>(A, W, B, z, a);
    // The loop is written twice rather than testing Activate inside it:
    // even a discarded `if constexpr` is a step each time it is reached.
    if constexpr (Activate && F::elementwise && interleaved<N>) {
      for (std::size_t n = 0; n < N; ++n)
        for (std::size_t j = 0; j < Out; ++j)
          Act[n * Out + j] = F::value(Z[n * Out + j] = detail::interleaved_z<In, Out, has_bias>(A + n * In, W, B, j));
    } else if constexpr (Activate && F::elementwise) {
      for (std::size_t n = 0; n < N; ++n)
        for (std::size_t j = 0; j < Out; ++j) {
          T s = has_bias ? B[j] : T{};
          for (std::size_t k = 0; k < In; ++k) s += A[n * In + k] * W[k * Out + j];
          // One statement (one step), and no comma: GCC's evaluator keeps
          // about 60 bytes for each comma operator it evaluates.
          Act[n * Out + j] = F::value(Z[n * Out + j] = s);
        }
    } else {
      sum_each<N>(A, W, B, Z);
      if constexpr (Activate) a = F::value(z);
    }
  }

  // z = a_prev W (+ b), one z(n, j) at a time: constant evaluation's loop
  // for a layer it activates as a whole (softmax), and the run-time loop
  // for a layer of few outputs (see compute_at_run_time).
  //
  // The inputs are __restrict (they are only read, so B may be W, as
  // bias_or_weights makes it without a bias): Z is no part of them. Without
  // that promise Clang, which does not test for an overlap at run time as
  // GCC does, sums each z(n, j) on its own chain of scalar additions,
  // unvectorised: in predict 16-32-32-4 float x32, Clang 19 -march=native,
  // the 32 -> 4 layer alone took 3.5 of 9.5 us.
  template <std::size_t N, class T, class Cells>
  static constexpr void sum_each(const T* __restrict A, const T* __restrict W, const T* __restrict B,
                                 Cells&& Z) noexcept {
    if constexpr (interleaved<N>) {
      for (std::size_t n = 0; n < N; ++n)
        for (std::size_t j = 0; j < Out; ++j)
          Z[n * Out + j] = detail::interleaved_z<In, Out, has_bias>(A + n * In, W, B, j);
      return;
    }
    for (std::size_t n = 0; n < N; ++n)
      for (std::size_t j = 0; j < Out; ++j) {
        T s = has_bias ? B[j] : T{};
        for (std::size_t k = 0; k < In; ++k) s += A[n * In + k] * W[k * Out + j];
        Z[n * Out + j] = s;
      }
  }

  template <class T>
  static constexpr decltype(auto) bias_or_weights(const parameters<T>& p) noexcept {
    if constexpr (has_bias) return CTNN_CELLS(p.bias.elements); else return CTNN_CELLS(p.weights.elements);
  }

  // The same sums in another loop order: for each row n, z(n, ·) starts as b
  // and gains a_prev(n, k) W(k, ·) for k = 0, 1, ..., a whole row of W at a
  // time. Each z(n, j) adds the same terms in the same order as above, so
  // the bits are the same, but the inner loop runs along rows of W and z,
  // which the compiler vectorises; f then runs over all of z in one loop,
  // which vectorises too (ctnn's exp, tanh and sigmoid are branch-free at
  // run time). The running sums live in a local array, which the compiler
  // knows no other pointer reaches.
  template <bool Activate, class T, std::size_t N>
  static void compute_at_run_time(const T* A, const T* W, const T* B, matrix<T, N, Out>& z,
                                  matrix<T, N, Out>& a) noexcept {
    auto&& Z = CTNN_CELLS(z.elements);
    auto&& Act = CTNN_CELLS(a.elements);
    if constexpr (interleaved<N>) {
      // A batch of fewer than 4 rows: each sum in 8 interleaved partial
      // sums (detail/interleaved.hpp), as constant evaluation sums it.
      for (std::size_t n = 0; n < N; ++n)
        detail::interleaved_row_at_run_time<In, Out, has_bias>(A + n * In, W, B, Z + n * Out);
    } else if constexpr (Out < 8) {
      // Along a row of fewer than 8 outputs there is too little to
      // vectorise, and GCC vectorises nothing (32 x 3 -> 1 float: 18.4 ns,
      // 32 x 32 -> 4: 659 ns, -march=native, AMD EPYC). Summed one z(n, j) at
      // a time, in constant evaluation's order (the same bits), it
      // vectorises across the rows instead: 3.98 and 301 ns. Clang is within
      // 20 % either way (benchmarks/layer_loops.cpp, re-measured 2026-12-03
      // once its harness stopped Clang timing nothing: 32 x 2 -> 3 float
      // 44.6 / 37.9 ns, 32 x 32 -> 4 658 / 667 ns, -O3).
      sum_each<N>(A, W, B, Z);
    } else {
      compute_rows<N>(A, W, B, Z);
    }
    if constexpr (Activate && F::elementwise && N * Out < 8 && requires(T t) { F::scalar_value(t); }) {
      for (std::size_t i = 0; i < N * Out; ++i) Act[i] = F::scalar_value(Z[i]);  // too short to vectorise
    } else if constexpr (Activate && F::elementwise) {
      detail::activate_cells<F, N * Out>(Z, Act);
    } else if constexpr (Activate) {
      a = F::value(z);
    }
  }

  // Rows summed together by compute_rows: each row's sums are Out / lanes
  // vector chains of In multiply-adds, and with fewer than about 8 chains
  // in flight (a multiply-add's latency times the units that do them) the
  // loop waits on its own additions. Clang keeps R rows' sums in registers
  // where there are enough of them (32 with AVX-512, 16 with AVX): predict
  // 16-32-32-4 float x32, Clang 19 -march=native, 32 x 32 -> 32 went from
  // 33 % to 23 % of the time with 4 rows. GCC spills the sums of even one
  // row to the stack, and more rows made it slower (benchmarks/layer_loops:
  // 32 x 32 -> 32 float 2,617 -> 4,622 ns); without AVX (16 registers of 4
  // floats) one row already has 8 chains. Each z(n, j) still adds the same
  // terms in the same order: the same bits.
  template <class T>
  static constexpr std::size_t rows_at_once() noexcept {
#if defined(__clang__) && defined(__AVX__)
#if defined(__AVX512F__)
    constexpr std::size_t most = 4;
#else
    constexpr std::size_t most = 2;
#endif
    constexpr std::size_t chains = (Out * sizeof(T) + 31) / 32;  // 256-bit vectors per row
    return chains >= 8 ? 1 : (8 / chains < most ? 8 / chains : most);
#else
    return 1;
#endif
  }

  // __restrict inputs for the reason sum_each gives.
  template <std::size_t N, class T, class Cells>
  static void compute_rows(const T* __restrict A, const T* __restrict W, const T* __restrict B,
                           Cells&& Z) noexcept {
    constexpr std::size_t R = rows_at_once<T>() < N ? rows_at_once<T>() : N;
    std::size_t n = 0;
    for (; n + R <= N; n += R) sum_rows<R>(A + n * In, W, B, Z + n * Out);
    for (; n < N; ++n) sum_rows<1>(A + n * In, W, B, Z + n * Out);
  }

  // z(n + r, ·) for r < R: starts as b, gains a_prev(n + r, k) W(k, ·) for
  // k = 0, 1, ...
  template <std::size_t R, class T>
  [[gnu::always_inline]] static void sum_rows(const T* __restrict A, const T* __restrict W,
                                              const T* __restrict B, T* __restrict Z) noexcept {
    T s[R][Out];
    for (std::size_t r = 0; r < R; ++r)
      for (std::size_t j = 0; j < Out; ++j) s[r][j] = has_bias ? B[j] : T{};
    for (std::size_t k = 0; k < In; ++k) {
      const T* W_k = W + k * Out;
      for (std::size_t r = 0; r < R; ++r) {
        const T a_rk = A[r * In + k];
        for (std::size_t j = 0; j < Out; ++j) s[r][j] += a_rk * W_k[j];
      }
    }
    for (std::size_t r = 0; r < R; ++r)
      for (std::size_t j = 0; j < Out; ++j) Z[r * Out + j] = s[r][j];
  }

 public:
  // The checks come last: clang drops the members that follow a failed
  // static_assert, and a network would then find no inputs, outputs, ...
  // and report the layer again. Their conditions are bools, not concepts,
  // so that no satisfaction trace follows the message.
  // detail::dense_arguments_valid says the same, for network.
  static_assert(In > 0 && Out > 0, "ctnn: dense<In, Out, ...> needs In > 0 and Out > 0");
  static_assert(detail::is_activation<F>,
                "ctnn: dense<In, Out, Activation, ...> needs an Activation (see ctnn/activation.hpp)");
  static_assert(std::is_same_v<Bias, no_bias> || std::is_same_v<Bias, with_bias>,
                "ctnn: dense<In, Out, Activation, Bias> needs Bias to be ctnn::no_bias or ctnn::with_bias");
};

namespace detail {
template <class L>
struct is_dense : std::false_type {};
template <std::size_t In, std::size_t Out, class A, class B>
struct is_dense<dense<In, Out, A, B>> : std::true_type {};
}  // namespace detail

// A Layer describes its sizes, its activation and its parameters<T>.
template <class L>
concept Layer = requires {
  { L::inputs } -> std::convertible_to<std::size_t>;
  { L::outputs } -> std::convertible_to<std::size_t>;
  { L::has_bias } -> std::convertible_to<bool>;
  typename L::activation;
  typename L::template parameters<double>;
};

namespace detail {
template <class L>
inline constexpr bool is_layer = Layer<L>;  // a bool, for static_assert (see is_activation)
// Every dense is a Layer. Said without instantiating it: a dense whose own
// static_assert failed, first instantiated inside the concept check, would
// not be one to clang, and network would report it a second time.
template <std::size_t In, std::size_t Out, class F, class Bias>
inline constexpr bool is_layer<dense<In, Out, F, Bias>> = true;

// A layer's sizes; a dense's read from its arguments, for the same reason.
template <class L>
inline constexpr std::size_t inputs_of = L::inputs;
template <std::size_t In, std::size_t Out, class F, class Bias>
inline constexpr std::size_t inputs_of<dense<In, Out, F, Bias>> = In;
template <class L>
inline constexpr std::size_t outputs_of = L::outputs;
template <std::size_t In, std::size_t Out, class F, class Bias>
inline constexpr std::size_t outputs_of<dense<In, Out, F, Bias>> = Out;

// False for a Layer whose own static_asserts have failed, such as
// dense<0, 3>: a network must not go on to build its weights (a
// matrix<T, 0, 3>, a second error) or run it.
template <class L>
inline constexpr bool layer_checks_pass = Layer<L>;
template <std::size_t In, std::size_t Out, class F, class Bias>
inline constexpr bool layer_checks_pass<dense<In, Out, F, Bias>> = dense_arguments_valid<In, Out, F, Bias>;
}  // namespace detail

}  // namespace ctnn

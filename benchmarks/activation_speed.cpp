// activation_speed: what one exp, tanh or sigmoid costs, ctnn's against
// Eigen 3.4's vectorised functions and glibc's, in float and double. The
// run-time benchmark's small networks spend most of their time here
// (README, "Run-time speed"), so this is the floor under their rows.
//
// - over/<f>/<type>/<who>: a loop over 2,048 values, as a layer's
//   activation runs (throughput): ctnn's branch-free kernels
//   (detail/vector_math.hpp, the bits constant evaluation gives), Eigen's
//   Array::exp, tanh and logistic (Eigen's double tanh and logistic are
//   scalar calls), and std::exp / std::tanh in a loop (glibc, scalar);
//   for tanh and sigmoid also ctnn_fast, the opt-in rational activations
//   ctnn::fast_tanh and ctnn::fast_sigmoid (activation.hpp), as a layer
//   calls them.
// - chain/<f>/<type>/<who>: 100 calls, each on the result of the one before
//   (latency): what a one-row predict waits for, layer after layer.
//
// Inputs are spread over [-1.8, 1.9], where a trained tanh or sigmoid layer
// mostly works. Per value or per call: divide the time by 2,048 or 100.
//
//   meson compile -C build/g++ activation_speed activation_speed_native
//   build/g++/benchmarks/activation_speed --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <cmath>
#include <cstddef>

#include <benchmark/benchmark.h>
#include <Eigen/Core>

#include <ctnn/activation.hpp>
#include <ctnn/detail/vector_math.hpp>

namespace {

namespace vm = ctnn::detail::vector_math;

constexpr int count = 2048;

template <class T>
Eigen::Array<T, count, 1> inputs() {
  Eigen::Array<T, count, 1> a;
  for (int i = 0; i < count; ++i) a[i] = static_cast<T>(i % 38) * static_cast<T>(0.1) - static_cast<T>(1.8);
  return a;
}

// The three functions, each three ways; tanh and sigmoid a fourth, fast.
struct exp_f {
  template <class T> static T ctnn(T x) { return vm::exp(x); }
  template <class T> static T libm(T x) { return std::exp(x); }
  template <class A> static auto eigen(const A& a) { return a.exp(); }
};
struct tanh_f {
  template <class T> static T ctnn(T x) { return vm::tanh(x); }
  template <class T> static T fast(T x) { return ctnn::fast_tanh::value(x); }
  template <class T> static T libm(T x) { return std::tanh(x); }
  template <class A> static auto eigen(const A& a) { return a.tanh(); }
};
struct sigmoid_f {
  template <class T> static T ctnn(T x) { return vm::sigmoid(x); }
  template <class T> static T fast(T x) { return ctnn::fast_sigmoid::value(x); }
  template <class T> static T libm(T x) { return T(1) / (T(1) + std::exp(-x)); }
  template <class A> static auto eigen(const A& a) { return a.logistic(); }
};

// Whose f: F::ctnn, F::fast (named ctnn_fast) or F::libm (named std).
enum class who { ctnn, ctnn_fast, libm };

template <class F, who W, class T>
[[gnu::always_inline]] inline T call(T x) {
  if constexpr (W == who::ctnn)
    return F::ctnn(x);
  else if constexpr (W == who::ctnn_fast)
    return F::fast(x);
  else
    return F::libm(x);
}

// out = f(in), in fixed: no drift of the inputs towards a fast path.
template <class F, class T, who W>
void over(benchmark::State& state) {
  const auto in = inputs<T>();
  Eigen::Array<T, count, 1> out;
  const T* x = in.data();
  T* y = out.data();
  for (auto _ : state) {
    benchmark::DoNotOptimize(x);
    benchmark::DoNotOptimize(y);
    for (int i = 0; i < count; ++i) y[i] = call<F, W>(x[i]);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * count);
}

template <class F, class T>
void over_eigen(benchmark::State& state) {
  const auto in = inputs<T>();
  Eigen::Array<T, count, 1> out;
  T* y = out.data();
  for (auto _ : state) {
    benchmark::DoNotOptimize(in.data());
    benchmark::DoNotOptimize(y);
    out = F::eigen(in);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * count);
}

// x -> f(x) * c + d, kept in [-1.8, 1.9] for every f and type.
template <class F, class T, who W>
void chain(benchmark::State& state) {
  T x = static_cast<T>(0.3);
  for (auto _ : state) {
    for (int i = 0; i < 100; ++i) {
      const T f = call<F, W>(x);
      x = f * static_cast<T>(0.25) - static_cast<T>(0.4);
    }
    benchmark::DoNotOptimize(x);
  }
  state.SetItemsProcessed(state.iterations() * 100);
}

}  // namespace

#define CTNN_ACTIVATION_CASES(F, name, T, type)                                            \
  BENCHMARK(over<F, T, who::ctnn>)->Name("over/" name "/" type "/ctnn");                   \
  BENCHMARK(over_eigen<F, T>)->Name("over/" name "/" type "/eigen");                       \
  BENCHMARK(over<F, T, who::libm>)->Name("over/" name "/" type "/std");                    \
  BENCHMARK(chain<F, T, who::ctnn>)->Name("chain/" name "/" type "/ctnn");                 \
  BENCHMARK(chain<F, T, who::libm>)->Name("chain/" name "/" type "/std");

// exp has no fast variant.
#define CTNN_FAST_CASES(F, name, T, type)                                                  \
  BENCHMARK(over<F, T, who::ctnn_fast>)->Name("over/" name "/" type "/ctnn_fast");         \
  BENCHMARK(chain<F, T, who::ctnn_fast>)->Name("chain/" name "/" type "/ctnn_fast");

CTNN_ACTIVATION_CASES(exp_f, "exp", float, "float")
CTNN_ACTIVATION_CASES(exp_f, "exp", double, "double")
CTNN_ACTIVATION_CASES(tanh_f, "tanh", float, "float")
CTNN_FAST_CASES(tanh_f, "tanh", float, "float")
CTNN_ACTIVATION_CASES(tanh_f, "tanh", double, "double")
CTNN_FAST_CASES(tanh_f, "tanh", double, "double")
CTNN_ACTIVATION_CASES(sigmoid_f, "sigmoid", float, "float")
CTNN_FAST_CASES(sigmoid_f, "sigmoid", float, "float")
CTNN_ACTIVATION_CASES(sigmoid_f, "sigmoid", double, "double")
CTNN_FAST_CASES(sigmoid_f, "sigmoid", double, "double")

BENCHMARK_MAIN();

// layer_loops: the loop orders behind two choices in ctnn's run-time code,
// timed side by side on the shapes of runtime_speed's networks, float and
// double, one row and 32.
//
//   z = A W, row by row: "rows" keeps z(n, ·) in a local array and adds
//   a(n, k) W(k, ·) for each k (vectorises along a row of W); "each" sums
//   one z(n, j) at a time (constant evaluation's loop; vectorises across
//   rows, or not at all). Same terms, same order, same bits. dense uses
//   "each" when the layer has fewer than 8 outputs (include/ctnn/layer.hpp).
//
//   ∂J/∂W = Aᵀ δ: "k outer" (what gradient and descend do) sums column k of
//   A against δ for one k at a time; "n outer" keeps every sum in a local
//   array and adds row n's terms to all of them (more sums in flight). Same
//   bits again. Not adopted: it won only for 3 x 1, and lost by up to 47x
//   elsewhere (Clang -march=native, 32 x 32).
//
// Only the loops: no ctnn header. Build: `meson compile -C <builddir>
// layer_loops layer_loops_native` (as runtime_speed, -O3, with and without
// -march=native), then run build/<compiler>/benchmarks/layer_loops.
#include <cstddef>
#include <string>

#include <benchmark/benchmark.h>

namespace {

template <class T, std::size_t N, std::size_t In, std::size_t Out>
[[gnu::noinline]] void z_rows(const T* __restrict A, const T* __restrict W, T* __restrict Z) {
  for (std::size_t n = 0; n < N; ++n) {
    T s[Out];
    for (std::size_t j = 0; j < Out; ++j) s[j] = T{};
    for (std::size_t k = 0; k < In; ++k) {
      const T a_nk = A[n * In + k];
      for (std::size_t j = 0; j < Out; ++j) s[j] += a_nk * W[k * Out + j];
    }
    for (std::size_t j = 0; j < Out; ++j) Z[n * Out + j] = s[j];
  }
}

template <class T, std::size_t N, std::size_t In, std::size_t Out>
[[gnu::noinline]] void z_each(const T* __restrict A, const T* __restrict W, T* __restrict Z) {
  for (std::size_t n = 0; n < N; ++n)
    for (std::size_t j = 0; j < Out; ++j) {
      T s{};
      for (std::size_t k = 0; k < In; ++k) s += A[n * In + k] * W[k * Out + j];
      Z[n * Out + j] = s;
    }
}

template <class T, std::size_t N, std::size_t In, std::size_t Out>
[[gnu::noinline]] void dw_k_outer(const T* __restrict A, const T* __restrict D, T* __restrict G) {
  for (std::size_t k = 0; k < In; ++k) {
    T s[Out] = {};
    for (std::size_t n = 0; n < N; ++n) {
      const T a_nk = A[n * In + k];
      for (std::size_t j = 0; j < Out; ++j) s[j] += a_nk * D[n * Out + j];
    }
    for (std::size_t j = 0; j < Out; ++j) G[k * Out + j] = s[j];
  }
}

template <class T, std::size_t N, std::size_t In, std::size_t Out>
[[gnu::noinline]] void dw_n_outer(const T* __restrict A, const T* __restrict D, T* __restrict G) {
  T s[In * Out] = {};
  for (std::size_t n = 0; n < N; ++n)
    for (std::size_t k = 0; k < In; ++k) {
      const T a_nk = A[n * In + k];
      for (std::size_t j = 0; j < Out; ++j) s[k * Out + j] += a_nk * D[n * Out + j];
    }
  for (std::size_t i = 0; i < In * Out; ++i) G[i] = s[i];
}

template <class T, std::size_t N, std::size_t In, std::size_t Out, auto Kernel, std::size_t OtherCols>
void run(benchmark::State& state) {
  alignas(64) static T A[N * In], B[OtherCols], C[In * Out > N * Out ? In * Out : N * Out];
  for (auto& x : A) x = T(0.5);
  for (auto& x : B) x = T(0.25);
  for (auto _ : state) {
    // All three, not A alone: Clang otherwise found the inputs unchanged
    // from one iteration to the next and timed almost nothing (about 2 ns
    // for a 32 x 32 -> 32 layer, until 2026-12-03).
    benchmark::DoNotOptimize(A);
    benchmark::DoNotOptimize(B);
    Kernel(A, B, C);
    benchmark::DoNotOptimize(C);
    benchmark::ClobberMemory();
  }
}

template <class T, std::size_t N, std::size_t In, std::size_t Out>
void add(const char* type) {
  const std::string shape = std::string(type) + "/" + std::to_string(N) + "x" + std::to_string(In) + "->" +
                            std::to_string(Out);
  benchmark::RegisterBenchmark(("z/" + shape + "/rows").c_str(), run<T, N, In, Out, z_rows<T, N, In, Out>, In * Out>);
  benchmark::RegisterBenchmark(("z/" + shape + "/each").c_str(), run<T, N, In, Out, z_each<T, N, In, Out>, In * Out>);
  if constexpr (N > 1) {
    benchmark::RegisterBenchmark(("dW/" + shape + "/k_outer").c_str(),
                                 run<T, N, In, Out, dw_k_outer<T, N, In, Out>, N * Out>);
    benchmark::RegisterBenchmark(("dW/" + shape + "/n_outer").c_str(),
                                 run<T, N, In, Out, dw_n_outer<T, N, In, Out>, N * Out>);
  }
}

template <class T, std::size_t N>
void add_shapes(const char* type) {
  add<T, N, 2, 3>(type);
  add<T, N, 3, 1>(type);
  add<T, N, 16, 32>(type);
  add<T, N, 32, 32>(type);
  add<T, N, 32, 4>(type);
}

}  // namespace

int main(int argc, char** argv) {
  add_shapes<float, 1>("float");
  add_shapes<float, 32>("float");
  add_shapes<double, 1>("double");
  add_shapes<double, 32>("double");
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
}

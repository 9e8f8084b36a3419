// float_math_exhaustive: every one of the 2^32 floats through ctnn's float
// exp, tanh and sigmoid (include/ctnn/detail/float_math.hpp), to give the
// accuracy figures of docs/math.md over all inputs rather than samples:
//   - ulp vs glibc: distance from expf and tanhf (sigmoid has no glibc twin);
//   - error: |ctnn - exact| in ulps of the exact result, "exact" being
//     glibc's long double function (11 bits more than double on x86-64);
//   - vector == constexpr: the branch-free kernels of vector_math.hpp, in
//     loops the compiler vectorises, against float_math's branchy code
//     (what constant evaluation runs), bit for bit;
//   - with Eigen 3.4 present, the same error for Eigen's vectorised float
//     tanh, logistic and exp (the benchmark's fastest other columns), for
//     scale. Eigen flushes results below 2^-126 to 0; those are counted, not
//     put in its maximum.
// Build with -ffp-contract=off (benchmarks/meson.build does): a fused
// multiply-add would change ctnn's run-time bits. About 10 minutes on 2 cores.
//
//   meson compile -C build/g++ float_math_exhaustive && build/g++/benchmarks/float_math_exhaustive
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <thread>

#include <ctnn/math.hpp>

#if __has_include(<Eigen/Core>)
#include <Eigen/Core>
#define CTNN_WITH_EIGEN 1
#endif

namespace {

namespace ff = ctnn::detail::float_math;
namespace vm = ctnn::detail::vector_math;

// Distance in representable floats (the ordered integer line: -0 and +0 both 0).
std::int64_t ulps(float a, float b) {
  auto key = [](float f) {
    const auto i = static_cast<std::int64_t>(std::bit_cast<std::int32_t>(f));
    return i < 0 ? -(i & 0x7fffffff) : i;
  };
  const std::int64_t d = key(a) - key(b);
  return d < 0 ? -d : d;
}

// |v - t| in ulps of t as a float; infinite results must match exactly.
double error(float v, long double t) {
  if (v != v || t != t) return (v != v) == (t != t) ? 0.0 : 1e30;
  // An exact value past FLT_MAX plus half an ulp rounds to infinity.
  if (std::isinf(v) || std::isinf(static_cast<float>(t))) return v == static_cast<float>(t) ? 0.0 : 1e30;
  if (t == 0) return v == 0 ? 0.0 : 1e30;
  const long double ulp = std::ldexp(1.0L, std::max(std::ilogb(static_cast<float>(t)), -126) - 23);
  return static_cast<double>(std::fabs(static_cast<long double>(v) - t) / ulp);
}

struct worst {
  double value = 0;
  float at = 0;
  void see(double v, float x) {
    if (v > value) value = v, at = x;
  }
  void merge(const worst& o) {
    if (o.value > value) *this = o;
  }
};

enum { exp_fn, tanh_fn, sigmoid_fn, functions };
const char* const names[functions] = {"exp", "tanh", "sigmoid"};

struct tally {
  worst vs_glibc[functions], err[functions], eigen[functions], eigen_normal[functions];
  std::uint64_t vector_differs[functions] = {}, eigen_flushed[functions] = {}, points = 0;
  void merge(const tally& o) {
    for (int f = 0; f < functions; ++f) {
      vs_glibc[f].merge(o.vs_glibc[f]), err[f].merge(o.err[f]), eigen[f].merge(o.eigen[f]);
      eigen_normal[f].merge(o.eigen_normal[f]);
      vector_differs[f] += o.vector_differs[f], eigen_flushed[f] += o.eigen_flushed[f];
    }
    points += o.points;
  }
};

bool same(float a, float b) { return std::bit_cast<std::uint32_t>(a) == std::bit_cast<std::uint32_t>(b) || (a != a && b != b); }

long double exact(int f, float x) {
  const long double lx = x;
  if (f == exp_fn) return std::exp(lx);
  if (f == tanh_fn) return std::tanh(lx);
  return 1.0L / (1.0L + std::exp(-lx));
}

// The correctly rounded result where it is a constant, else NaN: e^x is
// inf above 89 and rounds to 0 below -104 (e^-104 < 2^-150); tanh is +-1
// from |x| = 10 (1 - tanh 10 < 2^-25); sigmoid is 1 from 18 (e^-18 < 2^-25)
// and 0 below -104.
float saturated(int f, float x) {
  constexpr float inf = std::numeric_limits<float>::infinity(), nan = std::numeric_limits<float>::quiet_NaN();
  if (f == exp_fn) return x > 89.0f ? inf : x < -104.0f ? 0.0f : nan;
  if (f == tanh_fn) return x >= 10.0f ? 1.0f : x <= -10.0f ? -1.0f : nan;
  return x >= 18.0f ? 1.0f : x < -104.0f ? 0.0f : nan;
}

constexpr int chunk = 4096;

void scan(std::uint64_t first, std::uint64_t step, tally& t) {
  static thread_local float in[chunk], vec[functions][chunk], eig[functions][chunk];
  for (std::uint64_t base = first; base <= 0xffffffffULL; base += step) {
    for (int i = 0; i < chunk; ++i) in[i] = std::bit_cast<float>(static_cast<std::uint32_t>(base + static_cast<std::uint64_t>(i)));
    // One function per loop, so that each vectorises.
    for (int i = 0; i < chunk; ++i) vec[exp_fn][i] = vm::exp(in[i]);
    for (int i = 0; i < chunk; ++i) vec[tanh_fn][i] = vm::tanh(in[i]);
    for (int i = 0; i < chunk; ++i) vec[sigmoid_fn][i] = vm::sigmoid(in[i]);
#ifdef CTNN_WITH_EIGEN
    const Eigen::Map<const Eigen::ArrayXf> a(in, chunk);
    Eigen::Map<Eigen::ArrayXf>(eig[exp_fn], chunk) = a.exp();
    Eigen::Map<Eigen::ArrayXf>(eig[tanh_fn], chunk) = a.tanh();
    Eigen::Map<Eigen::ArrayXf>(eig[sigmoid_fn], chunk) = a.logistic();
#endif
    for (int i = 0; i < chunk; ++i) {
      const float x = in[i];
      const float ours[functions] = {ff::exp(x), ff::tanh(x), ff::sigmoid(x)};
      const float glibc[2] = {std::exp(x), std::tanh(x)};
      ++t.points;
      for (int f = 0; f < functions; ++f) {
        if (!same(vec[f][i], ours[f])) ++t.vector_differs[f];
        if (f < 2 && x == x) t.vs_glibc[f].see(static_cast<double>(ulps(ours[f], glibc[f])), x);
        if (x != x) continue;  // NaN in, NaN out: the vector comparison above covers it
        // Where the correctly rounded result is known (inf, 0 or +-1), skip
        // glibc's long double exp, which is slow out there (errno, fesetenv).
        const float known = saturated(f, x);
        if (known == known) {
          t.err[f].see(same(ours[f], known) ? 0.0 : 1e30, x);
          continue;
        }
        const long double e = exact(f, x);
        t.err[f].see(error(ours[f], e), x);
#ifdef CTNN_WITH_EIGEN
        if (std::fabs(e) < 0x1p-126L && eig[f][i] == 0) {
          ++t.eigen_flushed[f];
        } else {
          t.eigen[f].see(error(eig[f][i], e), x);
          if (std::fabs(e) >= 0x1p-126L) t.eigen_normal[f].see(error(eig[f][i], e), x);
        }
#endif
      }
    }
  }
}

}  // namespace

int main() {
  tally parts[2];
  std::thread other(scan, std::uint64_t{chunk}, std::uint64_t{2 * chunk}, std::ref(parts[1]));
  scan(0, 2 * chunk, parts[0]);
  other.join();
  parts[0].merge(parts[1]);
  const tally& t = parts[0];
  std::printf("%llu floats (every bit pattern)\n\n", static_cast<unsigned long long>(t.points));
  std::printf("| function | max ulp vs glibc | worst x | max error, ulp | worst x | vector kernel differs from constexpr |\n");
  std::printf("|---|---:|---:|---:|---:|---:|\n");
  for (int f = 0; f < functions; ++f) {
    char vs[64] = "(no glibc function)", at[64] = "";
    if (f < 2) std::snprintf(vs, sizeof vs, "%.0f", t.vs_glibc[f].value), std::snprintf(at, sizeof at, "%a", t.vs_glibc[f].at);
    std::printf("| %s | %s | %s | %.3f | %a | %llu |\n", names[f], vs, at, t.err[f].value, t.err[f].at,
                static_cast<unsigned long long>(t.vector_differs[f]));
  }
#ifdef CTNN_WITH_EIGEN
  std::printf("\nEigen %d.%d.%d, for scale (its float exp, tanh and logistic, vectorised)\n\n", EIGEN_WORLD_VERSION,
              EIGEN_MAJOR_VERSION, EIGEN_MINOR_VERSION);
  std::printf("| function | max error, ulp | worst x | where the result is normal | worst x | results below 2^-126 returned as 0 |\n");
  std::printf("|---|---:|---:|---:|---:|---:|\n");
  const char* const eigen_names[functions] = {"exp", "tanh", "logistic"};
  for (int f = 0; f < functions; ++f)
    std::printf("| %s | %.3f | %a | %.3f | %a | %llu |\n", eigen_names[f], t.eigen[f].value, t.eigen[f].at,
                t.eigen_normal[f].value, t.eigen_normal[f].at, static_cast<unsigned long long>(t.eigen_flushed[f]));
#endif
  bool ok = true;
  for (int f = 0; f < functions; ++f) ok = ok && t.vector_differs[f] == 0;
  return ok ? 0 : 1;
}

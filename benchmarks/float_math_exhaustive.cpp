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
// Then the opt-in rational activations of activation.hpp, fast_tanh and
// fast_sigmoid, over every float (the reference: glibc's tanh and exp in
// double, whose error, under 2^-52 relative, is nothing in float ulps):
//   - fast_tanh: the error in ulps of tanh x, results outside [-1, 1], from
//     where the result is exactly +-1 for every x out to +-inf (and where it
//     first is), where it is x itself, that it is odd bit for bit, -0, NaN,
//     and the steps where it falls as x rises to the next float;
//   - fast_sigmoid: the error in ulps where the exact result is at least 1/2
//     and in [2^-10, 1/2), the absolute error everywhere, from where the
//     result is exactly 0 and 1, results outside [0, 1], NaN, falling steps;
//   - vector == scalar: each in a loop the compiler vectorises against a
//     noinline scalar call, bit for bit;
// and over 10^8 sampled doubles (log-uniform magnitudes 1e-8..40 of either
// sign, and uniform in [-10, 10]), fast_tanh's relative and fast_sigmoid's
// absolute error against glibc's long double tanhl and 1 / (1 + expl(-x)).
// Build with -ffp-contract=off (benchmarks/meson.build does): a fused
// multiply-add would change ctnn's run-time bits. About 16 minutes on 2
// cores, the last 4-7 of them for fast_tanh and fast_sigmoid; --fast runs
// only those.
//
//   meson compile -C build/g++ float_math_exhaustive && build/g++/benchmarks/float_math_exhaustive [--fast]
#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <random>
#include <thread>

#include <ctnn/activation.hpp>
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

// fast_tanh and fast_sigmoid (activation.hpp), every float.
// The scalar evaluation: a call the compiler cannot vectorise a loop over.
[[gnu::noinline]] float scalar_fast_tanh(float x) { return ctnn::fast_tanh::value(x); }
[[gnu::noinline]] float scalar_fast_sigmoid(float x) { return ctnn::fast_sigmoid::value(x); }
[[gnu::noinline]] double scalar_fast_tanh(double x) { return ctnn::fast_tanh::value(x); }
[[gnu::noinline]] double scalar_fast_sigmoid(double x) { return ctnn::fast_sigmoid::value(x); }

constexpr float inf = std::numeric_limits<float>::infinity();

// The least and the greatest x seen (x not NaN).
struct span {
  float lo = inf, hi = -inf;
  void see(float x) { lo = std::min(lo, x), hi = std::max(hi, x); }
  void merge(const span& o) { lo = std::min(lo, o.lo), hi = std::max(hi, o.hi); }
  bool empty() const { return lo > hi; }
};

struct fast_tally {
  // fast_tanh
  worst tanh_err;                                  // ulps of tanh x
  span tanh_one, tanh_not_one;                     // x > 0 with the result 1, and not 1
  span tanh_minus_one, tanh_not_minus_one;         // x < 0 with the result -1, and not -1
  span tanh_is_x, tanh_not_x;                      // x != 0 with the result x, and not x
  std::uint64_t tanh_outside = 0, tanh_nan_wrong = 0, tanh_not_odd = 0, tanh_vector_differs = 0;
  // Monotonicity: x and the next float up, where the result goes down.
  std::uint64_t tanh_drops = 0, sig_drops = 0;
  worst tanh_drop, sig_drop;  // the largest fall in ulps, at the upper x
  // fast_sigmoid
  worst sig_err_half, sig_err_mid, sig_abs;        // ulps where sigmoid x >= 1/2, in [2^-10, 1/2); absolute
  span sig_zero, sig_not_zero, sig_one, sig_not_one;
  std::uint64_t sig_outside = 0, sig_nan_wrong = 0, sig_vector_differs = 0;
  std::uint64_t points = 0;
  void merge(const fast_tally& o) {
    tanh_err.merge(o.tanh_err);
    tanh_one.merge(o.tanh_one), tanh_not_one.merge(o.tanh_not_one);
    tanh_minus_one.merge(o.tanh_minus_one), tanh_not_minus_one.merge(o.tanh_not_minus_one);
    tanh_is_x.merge(o.tanh_is_x), tanh_not_x.merge(o.tanh_not_x);
    tanh_outside += o.tanh_outside, tanh_nan_wrong += o.tanh_nan_wrong, tanh_not_odd += o.tanh_not_odd;
    tanh_vector_differs += o.tanh_vector_differs;
    tanh_drops += o.tanh_drops, sig_drops += o.sig_drops, tanh_drop.merge(o.tanh_drop), sig_drop.merge(o.sig_drop);
    sig_err_half.merge(o.sig_err_half), sig_err_mid.merge(o.sig_err_mid), sig_abs.merge(o.sig_abs);
    sig_zero.merge(o.sig_zero), sig_not_zero.merge(o.sig_not_zero);
    sig_one.merge(o.sig_one), sig_not_one.merge(o.sig_not_one);
    sig_outside += o.sig_outside, sig_nan_wrong += o.sig_nan_wrong, sig_vector_differs += o.sig_vector_differs;
    points += o.points;
  }
};

// Where f(y) > f(x) for x the float after y (both neither NaN nor
// different in sign): a fall of the result as x rises.
void see_drop(float y, float fy, float x, float fx, std::uint64_t& drops, worst& drop) {
  if (x != x || y != y || std::signbit(x) != std::signbit(y)) return;
  const float hi = std::max(x, y), flo = x < y ? fx : fy, fhi = x < y ? fy : fx;
  if (flo > fhi) ++drops, drop.see(static_cast<double>(ulps(flo, fhi)), hi);
}

void scan_fast(std::uint64_t first, std::uint64_t step, fast_tally& t) {
  static thread_local float in[chunk], vt[chunk], vs[chunk];
  for (std::uint64_t base = first; base <= 0xffffffffULL; base += step) {
    for (int i = 0; i < chunk; ++i) in[i] = std::bit_cast<float>(static_cast<std::uint32_t>(base + static_cast<std::uint64_t>(i)));
    // GCC 12 vectorises neither loop (as of 925c06e: it threads the clamp's
    // comparisons into branches, -fopt-info-vec-missed says "control flow in
    // loop"), so with GCC this compares scalar code with scalar code; Clang
    // 19 vectorises both.
    for (int i = 0; i < chunk; ++i) vt[i] = ctnn::fast_tanh::value(in[i]);
    for (int i = 0; i < chunk; ++i) vs[i] = ctnn::fast_sigmoid::value(in[i]);
    // The float before the chunk's first bit pattern (its -1), for the fall.
    float y = std::bit_cast<float>(static_cast<std::uint32_t>(base - 1));
    float ty = scalar_fast_tanh(y), sy = scalar_fast_sigmoid(y);
    for (int i = 0; i < chunk; ++i) {
      const float x = in[i], th = scalar_fast_tanh(x), sg = scalar_fast_sigmoid(x);
      ++t.points;
      see_drop(y, ty, x, th, t.tanh_drops, t.tanh_drop);
      see_drop(y, sy, x, sg, t.sig_drops, t.sig_drop);
      y = x, ty = th, sy = sg;
      if (!same(vt[i], th)) ++t.tanh_vector_differs;
      if (!same(vs[i], sg)) ++t.sig_vector_differs;
      if (x != x) {
        t.tanh_nan_wrong += th == th, t.sig_nan_wrong += sg == sg;
        continue;
      }
      // fast_tanh
      t.tanh_nan_wrong += th != th;
      t.tanh_outside += th < -1 || th > 1;
      if (std::bit_cast<std::uint32_t>(scalar_fast_tanh(-x)) != (std::bit_cast<std::uint32_t>(th) ^ 0x80000000u)) ++t.tanh_not_odd;
      if (x > 0) (th == 1 ? t.tanh_one : t.tanh_not_one).see(x);
      if (x < 0) (th == -1 ? t.tanh_minus_one : t.tanh_not_minus_one).see(x);
      if (x != 0) (same(th, x) ? t.tanh_is_x : t.tanh_not_x).see(std::fabs(x));
      if (std::fabs(x) >= 16.0f) {
        // tanh 16 = 1 - 2.5e-14: the result must be +-1 (its error, under
        // 1e-6 ulp, is no maximum).
        t.tanh_err.see(th == std::copysign(1.0f, x) ? 0.0 : 1e30, x);
      } else {
        t.tanh_err.see(error(th, std::tanh(static_cast<double>(x))), x);
      }
      // fast_sigmoid
      t.sig_nan_wrong += sg != sg;
      t.sig_outside += sg < 0 || sg > 1;
      (sg == 0 ? t.sig_zero : t.sig_not_zero).see(x);
      (sg == 1 ? t.sig_one : t.sig_not_one).see(x);
      if (x >= 32.0f) {  // sigmoid 32 = 1 - 1.3e-14: 1 in float
        t.sig_err_half.see(sg == 1 ? 0.0 : 1e30, x);
        t.sig_abs.see(std::fabs(static_cast<double>(sg) - 1.0), x);
      } else if (x <= -104.0f) {  // sigmoid -104 < 2^-150: 0 in float
        t.sig_abs.see(static_cast<double>(std::fabs(sg)), x);
      } else {
        const double e = 1.0 / (1.0 + std::exp(-static_cast<double>(x)));
        t.sig_abs.see(std::fabs(static_cast<double>(sg) - e), x);
        if (e >= 0.5) t.sig_err_half.see(error(sg, e), x);
        else if (e >= 0x1p-10) t.sig_err_mid.see(error(sg, e), x);
      }
    }
  }
}

// fast_tanh and fast_sigmoid in double, sampled.
struct worst_double {
  double value = 0, at = 0;
  void see(double v, double x) {
    if (v > value || v != v) value = v, at = x;
  }
  void merge(const worst_double& o) {
    if (o.value > value || o.value != o.value) *this = o;
  }
};

struct double_tally {
  worst_double tanh_rel, sig_abs, sig_rel_half;  // relative error of fast_tanh; of fast_sigmoid: absolute, relative for x >= 0
  std::uint64_t tanh_vector_differs = 0, sig_vector_differs = 0, points = 0;
  void merge(const double_tally& o) {
    tanh_rel.merge(o.tanh_rel), sig_abs.merge(o.sig_abs), sig_rel_half.merge(o.sig_rel_half);
    tanh_vector_differs += o.tanh_vector_differs, sig_vector_differs += o.sig_vector_differs, points += o.points;
  }
};

constexpr std::uint64_t double_chunks = 12208;  // per thread: 2 x 12,208 x 4,096 = 100,007,936 doubles

void scan_double(std::uint64_t seed, double_tally& t) {
  static thread_local double in[chunk], vt[chunk], vs[chunk];
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> log_magnitude(std::log(1e-8), std::log(40.0)), uniform(-10.0, 10.0);
  for (std::uint64_t c = 0; c < double_chunks; ++c) {
    // Even places: +-e^u, u uniform in [log 1e-8, log 40]; odd: uniform in [-10, 10].
    for (int i = 0; i < chunk; i += 2) {
      const double m = std::exp(log_magnitude(rng));
      in[i] = (rng() & 1) ? -m : m;
      in[i + 1] = uniform(rng);
    }
    for (int i = 0; i < chunk; ++i) vt[i] = ctnn::fast_tanh::value(in[i]);
    for (int i = 0; i < chunk; ++i) vs[i] = ctnn::fast_sigmoid::value(in[i]);
    for (int i = 0; i < chunk; ++i) {
      const double x = in[i], th = scalar_fast_tanh(x), sg = scalar_fast_sigmoid(x);
      ++t.points;
      if (std::bit_cast<std::uint64_t>(vt[i]) != std::bit_cast<std::uint64_t>(th)) ++t.tanh_vector_differs;
      if (std::bit_cast<std::uint64_t>(vs[i]) != std::bit_cast<std::uint64_t>(sg)) ++t.sig_vector_differs;
      const long double lx = x, et = std::tanh(lx), es = 1.0L / (1.0L + std::exp(-lx));
      t.tanh_rel.see(static_cast<double>(std::fabs((th - et) / et)), x);
      t.sig_abs.see(static_cast<double>(std::fabs(sg - es)), x);
      if (x >= 0) t.sig_rel_half.see(static_cast<double>(std::fabs((sg - es) / es)), x);
    }
  }
}

// x as "%a (%.9g)".
const char* show(char (&buf)[64], float x) {
  std::snprintf(buf, sizeof buf, "%a (%.9g)", static_cast<double>(x), static_cast<double>(x));
  return buf;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Prints the fast_tanh and fast_sigmoid tables; false if a check fails.
bool report_fast(const fast_tally& t, const double_tally& d, double float_seconds, double double_seconds) {
  char a[64];
  bool ok = true;
  auto check = [&ok](bool c) {
    ok = ok && c;
    return c ? "yes" : "**NO**";
  };
  std::printf("\nfast_tanh and fast_sigmoid (activation.hpp), float: %llu floats (every bit pattern), %.0f s.\n",
              static_cast<unsigned long long>(t.points), float_seconds);
  std::printf("Error in ulps of the exact result; the exact result from glibc's tanh and exp in double.\n\n");

  std::printf("| fast_tanh, float | value | x |\n|---|---:|---:|\n");
  std::printf("| max error, ulp | %.3f | %s |\n", t.tanh_err.value, show(a, t.tanh_err.at));
  std::printf("| results outside [-1, 1] | %llu | |\n", static_cast<unsigned long long>(t.tanh_outside));
  std::printf("| result exactly 1 for every x from (the float after the greatest x with another result) | %s | |\n",
              show(a, std::nextafter(t.tanh_not_one.hi, inf)));
  std::printf("| ... and at +inf | %s | |\n", check(t.tanh_one.hi == inf));
  std::printf("| ... least x > 0 with 1 (from there on: 1 or below) | %s | |\n", show(a, t.tanh_one.lo));
  std::printf("| result exactly -1 for every x down from | %s | |\n", show(a, std::nextafter(t.tanh_not_minus_one.lo, -inf)));
  std::printf("| ... and at -inf | %s | |\n", check(t.tanh_minus_one.lo == -inf));
  std::printf("| ... greatest x < 0 with -1 | %s | |\n", show(a, t.tanh_minus_one.hi));
  std::printf("| results below the previous float's (non-monotone steps); largest fall, ulp | %llu; %.0f | %s |\n",
              static_cast<unsigned long long>(t.tanh_drops), t.tanh_drop.value, show(a, t.tanh_drop.at));
  std::printf("| result == x for every 0 < \\|x\\| up to | %s | |\n",
              show(a, std::nextafter(t.tanh_not_x.lo, 0.0f)));
  std::printf("| ... greatest \\|x\\| with result == x | %s | |\n", show(a, t.tanh_is_x.hi));
  std::printf("| odd, bit for bit: f(-x) == -f(x), failures | %llu | |\n", static_cast<unsigned long long>(t.tanh_not_odd));
  const float tm0 = scalar_fast_tanh(-0.0f), tp0 = scalar_fast_tanh(0.0f);
  std::printf("| f(-0), f(+0) | %a, %a: %s | |\n", static_cast<double>(tm0), static_cast<double>(tp0),
              check(std::bit_cast<std::uint32_t>(tm0) == 0x80000000u && std::bit_cast<std::uint32_t>(tp0) == 0));
  std::printf("| NaN in iff NaN out, failures | %llu | |\n", static_cast<unsigned long long>(t.tanh_nan_wrong));
  std::printf("| vectorised loop differs from scalar, results | %llu | |\n",
              static_cast<unsigned long long>(t.tanh_vector_differs));

  std::printf("\n| fast_sigmoid, float | value | x |\n|---|---:|---:|\n");
  std::printf("| max error, ulp, where sigmoid x >= 1/2 | %.3f | %s |\n", t.sig_err_half.value, show(a, t.sig_err_half.at));
  std::printf("| max absolute error, every x | %.3g (%.3f x 2^-24) | %s |\n", t.sig_abs.value, t.sig_abs.value * 0x1p24,
              show(a, t.sig_abs.at));
  std::printf("| max error, ulp, where sigmoid x in [2^-10, 1/2) | %.1f | %s |\n", t.sig_err_mid.value,
              show(a, t.sig_err_mid.at));
  std::printf("| results outside [0, 1] | %llu | |\n", static_cast<unsigned long long>(t.sig_outside));
  std::printf("| result exactly 0 for every x down from (the float before the least x with another result) | %s | |\n",
              show(a, std::nextafter(t.sig_not_zero.lo, -inf)));
  std::printf("| ... and at -inf | %s | |\n", check(t.sig_zero.lo == -inf));
  std::printf("| ... greatest x with 0 | %s | |\n", show(a, t.sig_zero.hi));
  std::printf("| result exactly 1 for every x from | %s | |\n", show(a, std::nextafter(t.sig_not_one.hi, inf)));
  std::printf("| ... and at +inf | %s | |\n", check(t.sig_one.hi == inf));
  std::printf("| ... least x with 1 | %s | |\n", show(a, t.sig_one.lo));
  std::printf("| results below the previous float's (non-monotone steps); largest fall, ulp | %llu; %.0f | %s |\n",
              static_cast<unsigned long long>(t.sig_drops), t.sig_drop.value, show(a, t.sig_drop.at));
  const float sm0 = scalar_fast_sigmoid(-0.0f), sp0 = scalar_fast_sigmoid(0.0f);
  std::printf("| f(-0), f(+0) | %a, %a: %s | |\n", static_cast<double>(sm0), static_cast<double>(sp0),
              check(sm0 == 0.5f && sp0 == 0.5f));
  std::printf("| NaN in iff NaN out, failures | %llu | |\n", static_cast<unsigned long long>(t.sig_nan_wrong));
  std::printf("| vectorised loop differs from scalar, results | %llu | |\n",
              static_cast<unsigned long long>(t.sig_vector_differs));

  std::printf("\nfast_tanh and fast_sigmoid, double: %llu sampled doubles (half +-e^u, u uniform in [log 1e-8, log 40];"
              " half uniform in [-10, 10]), %.0f s. Exact: glibc's tanhl, 1 / (1 + expl(-x)).\n\n",
              static_cast<unsigned long long>(d.points), double_seconds);
  std::printf("| double | max error | x | vectorised loop differs from scalar, results |\n|---|---:|---:|---:|\n");
  std::printf("| fast_tanh, relative | %.3g (%.3f x 2^-24) | %.17g | %llu |\n", d.tanh_rel.value, d.tanh_rel.value * 0x1p24,
              d.tanh_rel.at, static_cast<unsigned long long>(d.tanh_vector_differs));
  std::printf("| fast_sigmoid, absolute | %.3g (%.3f x 2^-24) | %.17g | %llu |\n", d.sig_abs.value, d.sig_abs.value * 0x1p24,
              d.sig_abs.at, static_cast<unsigned long long>(d.sig_vector_differs));
  std::printf("| fast_sigmoid, relative, x >= 0 | %.3g (%.3f x 2^-24) | %.17g | |\n", d.sig_rel_half.value,
              d.sig_rel_half.value * 0x1p24, d.sig_rel_half.at);

  return ok && t.tanh_outside == 0 && t.tanh_nan_wrong == 0 && t.tanh_not_odd == 0 && t.tanh_vector_differs == 0 &&
         t.sig_outside == 0 && t.sig_nan_wrong == 0 && t.sig_vector_differs == 0 && d.tanh_vector_differs == 0 &&
         d.sig_vector_differs == 0;
}

bool run_fast() {
  const auto start = std::chrono::steady_clock::now();
  fast_tally parts[2];
  std::thread other(scan_fast, std::uint64_t{chunk}, std::uint64_t{2 * chunk}, std::ref(parts[1]));
  scan_fast(0, 2 * chunk, parts[0]);
  other.join();
  parts[0].merge(parts[1]);
  const double float_seconds = seconds_since(start);
  const auto double_start = std::chrono::steady_clock::now();
  double_tally dparts[2];
  std::thread dother(scan_double, std::uint64_t{2}, std::ref(dparts[1]));
  scan_double(1, dparts[0]);
  dother.join();
  dparts[0].merge(dparts[1]);
  return report_fast(parts[0], dparts[0], float_seconds, seconds_since(double_start));
}

}  // namespace

int main(int argc, char** argv) {
  const bool fast_only = argc == 2 && std::strcmp(argv[1], "--fast") == 0;
  if (argc > 2 || (argc == 2 && !fast_only)) {
    std::fprintf(stderr, "usage: %s [--fast]\n  --fast: only fast_tanh and fast_sigmoid (a few minutes)\n", argv[0]);
    return 2;
  }
  if (fast_only) return run_fast() ? 0 : 1;
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
  ok = run_fast() && ok;
  return ok ? 0 : 1;
}

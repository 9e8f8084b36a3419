// libFuzzer harness (issue 8): arbitrary bytes become data, weights and
// hyper-parameters for predict, cost_and_gradient, gradient and a few
// epochs of train, on small networks in double and float, and arguments for
// ctnn::math's portable algorithms (the ones constant evaluation runs).
// Built with -fsanitize=fuzzer,address,undefined (Clang only; see
// tests/fuzz/meson.build), so a crash or a sanitizer report is a finding.
// Each property ctnn documents (README, "Training and its stopping rules",
// and the predict guarantee beside it) is checked here; a violation calls
// __builtin_trap(), which libFuzzer reports with the input that caused it.
//
// Input layout: byte 0 picks the network, byte 1 the element type, byte 2
// the loss, byte 3 the optimizer; then the hyper-parameters, X, y and the
// weights, each number decoded by bytes::number (below). Missing bytes read
// as 0, so every input, even the empty one, is a valid case.
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <type_traits>

#include <ctnn/ctnn.hpp>

namespace {

// Names the property in the log, then traps (libFuzzer saves the input).
#define CTNN_FUZZ_REQUIRE(condition)                                                     \
  do {                                                                                   \
    if (!(condition)) {                                                                  \
      std::fprintf(stderr, "%s:%d: property violated: %s\n", __FILE__, __LINE__, #condition); \
      __builtin_trap();                                                                  \
    }                                                                                    \
  } while (false)

// Reads the fuzzer's bytes as numbers biased towards the interesting ones:
// raw bit patterns reach NaN payloads, infinities and denormals only
// rarely, so most numbers come from a table of specials or small ranges.
struct bytes {
  const std::uint8_t* p;
  std::size_t n;

  std::uint8_t byte() noexcept {
    if (n == 0) return 0;
    --n;
    return *p++;
  }
  template <class U>
  U raw() noexcept {
    unsigned char b[sizeof(U)] = {};
    for (auto& c : b) c = byte();
    U u;
    std::memcpy(&u, b, sizeof(U));
    return u;
  }
  template <class T>
  T special() noexcept {
    using lim = std::numeric_limits<T>;
    const T bound = ctnn::weight_bound<T>;
    const T table[] = {T{0},          -T{0},           T{1},           -T{1},        T{0.5},
                       lim::quiet_NaN(), -lim::quiet_NaN(), lim::infinity(), -lim::infinity(), lim::denorm_min(),
                       -lim::denorm_min(), lim::min(),    lim::max(),     -lim::max(),  bound,
                       -bound,        std::nextafter(bound, lim::infinity()), T{1e4}, -T{1e4}, T{1000},
                       -T{1000},      lim::epsilon(),  static_cast<T>(1e-30),       T{3},         T{-0.75}};
    return table[byte() % (sizeof(table) / sizeof(table[0]))];
  }
  template <class T>
  T number() noexcept {
    switch (byte() % 8) {
      case 0: return raw<T>();
      case 1: return special<T>();
      case 2: return static_cast<T>(static_cast<std::int8_t>(byte())) / T{16};
      case 3: {  // a wide range of magnitudes: m * 2^e, |e| < 128
        const auto m = static_cast<std::int8_t>(byte());
        return std::ldexp(static_cast<T>(m), static_cast<std::int8_t>(byte()));
      }
      default: return static_cast<T>(byte()) / T{255};  // in [0, 1], like scaled data
    }
  }
};

template <class T>
bool finite(T x) noexcept {
  return std::isfinite(x);
}
template <class T>
bool within(T x) noexcept {
  return x >= -ctnn::weight_bound<T> && x <= ctnn::weight_bound<T>;
}
template <class T, std::size_t R, std::size_t C, class F>
bool all_of(const ctnn::matrix<T, R, C>& m, F f) noexcept {
  for (const T& e : m.elements)
    if (!f(e)) return false;
  return true;
}
template <class Net, class F>
bool all_parameters(const Net& net, F f) noexcept {
  bool ok = true;
  ctnn::for_each_parameter(net, [&](const auto& w) { ok = ok && f(w); });
  return ok;
}
// Bitwise, so that NaN still equals itself.
template <class T>
  requires std::is_floating_point_v<T>
bool same_bits(T a, T b) noexcept {
  return std::memcmp(&a, &b, sizeof(T)) == 0;
}
template <class Net>
  requires(!std::is_floating_point_v<Net>)
bool same_bits(const Net& a, const Net& b) noexcept {
  const auto fa = ctnn::flatten(a), fb = ctnn::flatten(b);
  return std::memcmp(fa.elements.data(), fb.elements.data(), sizeof(fa.elements)) == 0;
}

// The networks. Each has two layers, so that with |X|, |W|, |b| <= B =
// weight_bound<T> every z is bounded by In2 (In1 B^2 + B) B + B (relu,
// identity, leaky relu, softplus pass their input's size on; sigmoid, tanh
// and softmax cap it at 1): 4 (2e24 + 1e12) 1e12 + 1e12 < 1e37 in double,
// 4 (2e12 + 1e6) 1e6 + 1e6 < 1e19 in float. So predict must be finite for
// inputs within the bound, which the fuzzer checks; deeper unbounded
// networks can overflow there (see the README).
template <class T>
using walkthrough = ctnn::mlp<T, ctnn::sigmoid, 2, 3, 1>;  // the walkthrough's 2-3-1, no bias
template <class T>
using sigmoid_net = ctnn::network<T, ctnn::dense<2, 4, ctnn::sigmoid, ctnn::with_bias>,
                                  ctnn::dense<4, 1, ctnn::sigmoid, ctnn::with_bias>>;
template <class T>
using relu_net = ctnn::network<T, ctnn::dense<2, 4, ctnn::relu, ctnn::with_bias>,
                               ctnn::dense<4, 1, ctnn::identity, ctnn::with_bias>>;
template <class T>
using tanh_net = ctnn::network<T, ctnn::dense<2, 4, ctnn::tanh, ctnn::with_bias>,
                               ctnn::dense<4, 1, ctnn::softplus, ctnn::with_bias>>;
template <class T>
using leaky_net = ctnn::network<T, ctnn::dense<2, 4, ctnn::leaky_relu, ctnn::with_bias>,
                                ctnn::dense<4, 1, ctnn::sigmoid, ctnn::with_bias>>;
template <class T>
using softplus_net = ctnn::network<T, ctnn::dense<2, 4, ctnn::softplus, ctnn::with_bias>,
                                   ctnn::dense<4, 1, ctnn::identity, ctnn::with_bias>>;
template <class T>
using softmax_net = ctnn::network<T, ctnn::dense<2, 4, ctnn::tanh, ctnn::with_bias>,
                                  ctnn::dense<4, 3, ctnn::softmax, ctnn::with_bias>>;

constexpr std::size_t rows = 3;  // the walkthrough's three examples

template <class Net, class Lo, class Opt>
void check_train(const Net& net, const ctnn::matrix<typename Net::value_type, rows, Net::inputs>& X,
                 const ctnn::matrix<typename Net::value_type, rows, Net::outputs>& y, const Opt& opt,
                 const ctnn::until& stop, bool inputs_within) {
  using T = typename Net::value_type;
  const auto r = ctnn::train(net, X, y, opt, stop, Lo{});
#ifdef CTNN_FUZZ_TRACE  // to see what a seed exercises: -DCTNN_FUZZ_TRACE, then run it on the seed
  std::fprintf(stderr, "train: status %d, %zu of %zu epochs, loss %g, inputs within the bound: %d\n",
               static_cast<int>(r.status), r.epochs, stop.max_epochs, static_cast<double>(r.loss), inputs_within);
#endif
  CTNN_FUZZ_REQUIRE(r.epochs <= stop.max_epochs);
  CTNN_FUZZ_REQUIRE(!std::isnan(r.loss));  // never NaN, whatever the inputs
  if (!inputs_within) {
    // Refused at the start: nothing moved, J not evaluated.
    CTNN_FUZZ_REQUIRE(r.status == ctnn::train_status::diverged && r.epochs == 0 && same_bits(r.network, net));
    CTNN_FUZZ_REQUIRE(r.loss == std::numeric_limits<T>::infinity());
    return;
  }
  // Every result, whatever its status: finite weights within the bound, and
  // .loss is J of .network (infinite only if J was not finite at the start).
  CTNN_FUZZ_REQUIRE(all_parameters(r.network, [](T w) { return within(w); }));
  CTNN_FUZZ_REQUIRE(all_of(ctnn::predict(r.network, X), [](T v) { return finite(v); }));
  CTNN_FUZZ_REQUIRE(same_bits(r.loss, ctnn::cost(r.network, X, y, Lo{})));
  if (!finite(r.loss)) CTNN_FUZZ_REQUIRE(r.status == ctnn::train_status::diverged && r.epochs == 0);
  if (r.status == ctnn::train_status::converged) {
    CTNN_FUZZ_REQUIRE(finite(r.loss));
    CTNN_FUZZ_REQUIRE(static_cast<double>(r.loss) < stop.loss_below || stop.weight_change_below > 0);
  }
  if (r.status == ctnn::train_status::max_epochs) CTNN_FUZZ_REQUIRE(r.epochs == stop.max_epochs);
  // Resuming keeps every promise too, and a diverged run stays as it was.
  const auto again = ctnn::train(r, X, y, opt, ctnn::until{.max_epochs = r.epochs + 2}, Lo{});
  CTNN_FUZZ_REQUIRE(again.epochs <= r.epochs + 2);
  CTNN_FUZZ_REQUIRE(all_parameters(again.network, [](T w) { return within(w); }) && !std::isnan(again.loss));
  if (r.status == ctnn::train_status::diverged) CTNN_FUZZ_REQUIRE(same_bits(again.network, r.network));
}

template <class Net, class Lo>
void run(bytes& in, std::uint8_t optimizer_choice) {
  using T = typename Net::value_type;
  // Hyper-parameters: any double, from the same biased decoder.
  const double learning_rate = in.number<double>();
  const std::size_t batch_size = in.byte() % (rows + 2);  // 0 (all), 1 .. rows, and one past
  const std::uint64_t seed = in.byte();
  ctnn::until stop{};
  stop.max_epochs = in.byte() % 6;
  stop.loss_below = in.byte() % 2 ? in.number<double>() : 0.0;
  stop.weight_change_below = in.byte() % 2 ? in.number<double>() : 0.0;

  ctnn::matrix<T, rows, Net::inputs> X{};
  ctnn::matrix<T, rows, Net::outputs> y{};
  for (T& e : X.elements) e = in.number<T>();
  for (T& e : y.elements) e = in.number<T>();
  // Weights: seeded (a realistic start) or fuzzed one by one.
  Net net = ctnn::initialize<Net>(in.raw<std::uint64_t>());
  if (in.byte() % 2) ctnn::for_each_parameter(net, [&](T& w) { w = in.number<T>(); });

  const bool inputs_within = all_of(X, [](T v) { return within(v); }) && all_of(y, [](T v) { return within(v); }) &&
                             all_parameters(net, [](T w) { return within(w); });
  const bool data_within = all_of(X, [](T v) { return within(v); }) && all_parameters(net, [](T w) { return within(w); });

  // predict: finite for data and parameters within the bound (the README's guarantee).
  const auto yhat = ctnn::predict(net, X);
  if (data_within) CTNN_FUZZ_REQUIRE(all_of(yhat, [](T v) { return finite(v); }));
  const auto cg = ctnn::cost_and_gradient(net, X, y, Lo{});
  if (inputs_within) {
    // J may be +inf (a squared difference past the cap is not squared), never NaN.
    CTNN_FUZZ_REQUIRE(!std::isnan(cg.cost));
    CTNN_FUZZ_REQUIRE(all_parameters(cg.gradient, [](T g) { return !std::isnan(g); }));
  }
  CTNN_FUZZ_REQUIRE(same_bits(ctnn::gradient(net, X, y, Lo{}), cg.gradient));
  const T J = ctnn::cost(net, X, y, Lo{});
  CTNN_FUZZ_REQUIRE(same_bits(cg.cost, J) || (std::isnan(cg.cost) && std::isnan(J)));

  switch (optimizer_choice % 4) {
    case 0:
      check_train<Net, Lo>(net, X, y, ctnn::gradient_descent{.learning_rate = learning_rate, .batch_size = batch_size, .seed = seed},
                           stop, inputs_within);
      break;
    case 1:
      check_train<Net, Lo>(net, X, y,
                           ctnn::momentum{.learning_rate = learning_rate, .beta = in.number<double>(),
                                          .batch_size = batch_size, .seed = seed},
                           stop, inputs_within);
      break;
    case 2:
      check_train<Net, Lo>(net, X, y,
                           ctnn::adam{.learning_rate = learning_rate, .beta1 = in.number<double>(),
                                      .beta2 = in.number<double>(), .epsilon = in.number<double>(),
                                      .batch_size = batch_size, .seed = seed},
                           stop, inputs_within);
      break;
    default:
      // max_halvings is a loop count: kept small so that one input stays fast.
      check_train<Net, Lo>(net, X, y, ctnn::bfgs{.armijo = in.number<double>(), .max_halvings = in.byte() % 64u},
                           stop, inputs_within);
      break;
  }
}

template <template <class> class NetOf, class T>
void run_losses(bytes& in, std::uint8_t loss_choice, std::uint8_t optimizer_choice) {
  using Net = NetOf<T>;
  using output = typename Net::template layer<Net::depth - 1>::activation;
  if constexpr (std::is_same_v<output, ctnn::softmax>) {
    switch (loss_choice % 3) {
      case 0: return run<Net, ctnn::categorical_cross_entropy>(in, optimizer_choice);
      case 1: return run<Net, ctnn::half_squared_error>(in, optimizer_choice);
      default: return run<Net, ctnn::mean_squared_error>(in, optimizer_choice);
    }
  } else {
    switch (loss_choice % 3) {
      case 0: return run<Net, ctnn::half_squared_error>(in, optimizer_choice);
      case 1: return run<Net, ctnn::mean_squared_error>(in, optimizer_choice);
      default: return run<Net, ctnn::binary_cross_entropy>(in, optimizer_choice);
    }
  }
}

template <class T>
void run_networks(bytes& in, std::uint8_t network_choice, std::uint8_t loss_choice, std::uint8_t optimizer_choice) {
  switch (network_choice % 7) {
    case 0: return run_losses<walkthrough, T>(in, loss_choice, optimizer_choice);
    case 1: return run_losses<sigmoid_net, T>(in, loss_choice, optimizer_choice);
    case 2: return run_losses<relu_net, T>(in, loss_choice, optimizer_choice);
    case 3: return run_losses<tanh_net, T>(in, loss_choice, optimizer_choice);
    case 4: return run_losses<leaky_net, T>(in, loss_choice, optimizer_choice);
    case 5: return run_losses<softplus_net, T>(in, loss_choice, optimizer_choice);
    default: return run_losses<softmax_net, T>(in, loss_choice, optimizer_choice);
  }
}

// Distance in units in the last place between two finite values of one sign class.
template <class T>
std::uint64_t ulps(T a, T b) noexcept {
  using U = std::conditional_t<sizeof(T) == 8, std::uint64_t, std::uint32_t>;
  using S = std::make_signed_t<U>;
  const auto key = [](T x) {  // monotonic map of the floats onto integers
    const S s = std::bit_cast<S>(x);
    return s < 0 ? static_cast<std::int64_t>(std::numeric_limits<S>::min()) - s : static_cast<std::int64_t>(s);
  };
  const std::int64_t d = key(a) - key(b);
  return static_cast<std::uint64_t>(d < 0 ? -d : d);
}

// The algorithms constant evaluation runs, run here on arbitrary arguments:
// their accuracy against <cmath> within the bounds docs/math.md gives, the
// same NaN and infinities, and the activations' ranges.
template <class T>
void check_math(bytes& in) {
  namespace portable = ctnn::math::portable;
  const T x = in.number<T>(), y = in.number<T>();
  const auto agree = [](T ours, T libm, std::uint64_t max_ulps) {
    if (std::isnan(libm) || std::isnan(ours)) return std::isnan(libm) == std::isnan(ours);
    if (std::isinf(libm) || std::isinf(ours)) return ours == libm;
    return ulps(ours, libm) <= max_ulps;
  };
  CTNN_FUZZ_REQUIRE(agree(portable::exp(x), std::exp(x), 1));
  CTNN_FUZZ_REQUIRE(agree(portable::expm1(x), std::expm1(x), 1));
  CTNN_FUZZ_REQUIRE(agree(portable::log(x), std::log(x), 1));
  CTNN_FUZZ_REQUIRE(agree(portable::log1p(x), std::log1p(x), 1));
  CTNN_FUZZ_REQUIRE(agree(portable::tanh(x), std::tanh(x), 2));
  CTNN_FUZZ_REQUIRE(agree(portable::sqrt(x), std::sqrt(x), 0));
  // pow(NaN, 0) is 1 by C's rules, but glibc makes a signalling NaN
  // (which ctnn's float-to-double step quiets) into NaN: no rule to test.
  if (!std::isnan(x) && !std::isnan(y)) CTNN_FUZZ_REQUIRE(agree(portable::pow(x, y), std::pow(x, y), 1));
  if (!std::isnan(x)) {
    const T s = ctnn::sigmoid::value(x), t = ctnn::tanh::value(x), sp = ctnn::softplus::value(x);
    CTNN_FUZZ_REQUIRE(s >= 0 && s <= 1 && t >= -1 && t <= 1 && sp >= 0);
    CTNN_FUZZ_REQUIRE(ctnn::sigmoid::derivative(x, s) >= 0 && ctnn::tanh::derivative(x, t) >= 0);
    const T ds = ctnn::softplus::derivative(x, sp);
    CTNN_FUZZ_REQUIRE(ds >= 0 && ds <= 1);
    if constexpr (std::is_same_v<T, double>) {
      const double ps = ctnn::math::portable::fd::sigmoid(x);  // sigmoid in constant evaluation
      CTNN_FUZZ_REQUIRE(ps >= 0 && ps <= 1);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  bytes in{data, size};
  const std::uint8_t network_choice = in.byte(), type_choice = in.byte();
  const std::uint8_t loss_choice = in.byte(), optimizer_choice = in.byte();
  switch (type_choice % 4) {
    case 0: run_networks<double>(in, network_choice, loss_choice, optimizer_choice); break;
    case 1: run_networks<float>(in, network_choice, loss_choice, optimizer_choice); break;
    case 2: check_math<double>(in); break;
    default: check_math<float>(in); break;
  }
  return 0;
}

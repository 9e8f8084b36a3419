// benchmarks/runtime_speed.cpp - ctnn's run-time speed beside Eigen's
// fixed-size matrices and hand-written loops, doing the same work (issue 6).
//
// Networks: the walkthrough's 2-3-1 sigmoid network without bias
// (ctnn::mlp<T, ctnn::sigmoid, 2, 3, 1>) and a 16-32-32-4 tanh network with
// biases; float and double; batches of 1 and 32 rows. Operations:
//   predict  ŷ for the batch;
//   step     one step of gradient descent: the full gradient by
//            backpropagation of J = Σ ½ (y − ŷ)², then W ← W − η ∂J/∂W
//            (and b ← b − η ∂J/∂b) for every layer.
// Implementations (the last part of each benchmark's name):
//   ctnn        ctnn's public API: ctnn::predict; for the step
//               ctnn::descend(net, X, y, eta), the cheapest public way to take
//               one step of gradient descent (with gradient_descent::step's
//               checks, and no gradient stored);
//   ctnn_gradient  (step only, for scale) ctnn::gradient, then w -= eta * g
//               over ctnn::for_each_parameter_pair(net, g, ...): the same
//               bits as descend, by way of a whole gradient network;
//   ctnn_gd_step  (step only, for scale) ctnn::gradient, then
//               ctnn::gradient_descent{...}.step(...), the update ctnn::train
//               applies each epoch, with its divergence checks;
//   ctnn_train  (step only, for scale) ctnn::train(net, X, y,
//               gradient_descent{...}, until{.max_epochs = 1}), which also
//               evaluates J and ∂J/∂W again after the step, as it reports the
//               loss of the network it returns;
//   ctnn_fast   ctnn's calls as in ctnn, on the same network with the opt-in
//               rational activations ctnn::fast_sigmoid and ctnn::fast_tanh
//               in place of sigmoid and tanh, and the same weights: what a
//               user who trades the last bits of f for speed gets;
//   eigen       Eigen fixed-size matrices as a user writes them, with
//               .array().tanh() and .array().logistic();
//   eigen_std   the same Eigen code calling std::tanh and 1 / (1 + std::exp(-z))
//               through unaryExpr;
//   loops       hand-written loops over plain C arrays, with std::tanh and
//               1 / (1 + std::exp(-z)).
// Benchmark names are op/network/type/batch/implementation, e.g.
// "step/16-32-32-4_tanh/float/32/eigen"; benchmarks/runtime_speed.py runs
// this program and prints the tables.
//
// Before anything is timed, every implementation's ŷ and the weights after
// one step are compared with ctnn's (the program stops with a message if
// any differs by more than a tolerance), so the columns do the same work.
// (ctnn_fast's f are other, float-accurate functions: it is checked at
// float's tolerance in double too; see tolerance_of.)
//
// Steps use η = 1e-5 and restore the starting weights every 256 steps (a
// copy of the whole state, < 1% of a step), so that millions of iterations
// neither drift the weights far from where they were checked nor saturate
// the activations, whose cost in a C library depends on the argument.
#include <benchmark/benchmark.h>

#include <Eigen/Dense>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <string>
#include <type_traits>
#include <vector>

#include <ctnn/ctnn.hpp>

namespace {

using std::size_t;

constexpr double benchmark_eta = 1e-5;
constexpr size_t reset_every = 256;
constexpr double check_eta = 0.1;  // large enough that a wrong step shows

// ---- the networks, as ctnn types ------------------------------------------

// Sigmoid and Tanh: ctnn's, or (for ctnn_fast) the rational fast_sigmoid and fast_tanh.
template <class T, class Sigmoid = ctnn::sigmoid>
using walkthrough_net = ctnn::mlp<T, Sigmoid, 2, 3, 1>;

template <class T, class Tanh = ctnn::tanh>
using tanh_net = ctnn::network<T, ctnn::dense<16, 32, Tanh, ctnn::with_bias>, ctnn::dense<32, 32, Tanh, ctnn::with_bias>,
                               ctnn::dense<32, 4, Tanh, ctnn::with_bias>>;

template <class T>
using walkthrough_fast_net = walkthrough_net<T, ctnn::fast_sigmoid>;
template <class T>
using tanh_fast_net = tanh_net<T, ctnn::fast_tanh>;

// Weights from ctnn::initialize; biases (which initialize sets to zero) and
// data from a fixed splitmix64 stream, so that the check below also covers
// the biases. Inputs in [0, 1), as the walkthrough scales them; targets in
// the output activation's range.
template <class Net, size_t N>
struct problem {
  using T = typename Net::value_type;
  Net net{};
  ctnn::matrix<T, N, Net::inputs> X{};
  ctnn::matrix<T, N, Net::outputs> y{};
};

template <class Net, size_t N>
problem<Net, N> make_problem(double y_lo, double y_hi) {
  using T = typename Net::value_type;
  problem<Net, N> p{};
  p.net = ctnn::initialize<Net>(42);
  ctnn::splitmix64 rng{7};
  ctnn::detail::for_each_index<Net::depth>([&](auto i) {
    if constexpr (Net::template layer<i>::has_bias)
      for (auto& b : ctnn::get<i>(p.net).bias) b = static_cast<T>(rng.uniform(-0.1, 0.1));
  });
  for (auto& x : p.X) x = static_cast<T>(rng.uniform());
  for (auto& t : p.y) t = static_cast<T>(rng.uniform(y_lo, y_hi));
  return p;
}

// p on FastNet, a network whose layers differ from Net's only in their
// activation: the same weights, biases and data. Layer by layer, as the two
// network types share no conversion; the matrices are of one type.
template <class FastNet, class Net, size_t N>
problem<FastNet, N> same_problem(const problem<Net, N>& p) {
  static_assert(FastNet::depth == Net::depth && FastNet::parameter_count == Net::parameter_count);
  problem<FastNet, N> q{};
  ctnn::detail::for_each_index<Net::depth>([&](auto i) {
    static_assert(FastNet::template layer<i>::has_bias == Net::template layer<i>::has_bias);
    ctnn::get<i>(q.net).weights = ctnn::get<i>(p.net).weights;
    if constexpr (Net::template layer<i>::has_bias) ctnn::get<i>(q.net).bias = ctnn::get<i>(p.net).bias;
  });
  q.X = p.X;
  q.y = p.y;
  return q;
}

// ---- ctnn -----------------------------------------------------------------

template <class Net, size_t N>
struct ctnn_impl {
  using T = typename Net::value_type;
  static constexpr const char* name = "ctnn";
  Net net;
  ctnn::matrix<T, N, Net::inputs> X;
  ctnn::matrix<T, N, Net::outputs> y;

  explicit ctnn_impl(const problem<Net, N>& p) : net(p.net), X(p.X), y(p.y) {}

  auto predict() const { return ctnn::predict(net, X); }

  void step(T eta) { ctnn::descend(net, X, y, static_cast<double>(eta)); }

  std::vector<T> prediction() const {
    const auto yhat = predict();
    return {yhat.begin(), yhat.end()};
  }
  std::vector<T> parameters() const {
    const auto v = ctnn::flatten(net);
    return {v.begin(), v.end()};
  }
};

// The gradient as a network of its own, then the plain update.
template <class Net, size_t N>
struct ctnn_gradient_impl : ctnn_impl<Net, N> {
  using T = typename Net::value_type;
  static constexpr const char* name = "ctnn_gradient";
  using ctnn_impl<Net, N>::ctnn_impl;
  void step(T eta) {
    const Net dJdW = ctnn::gradient(this->net, this->X, this->y);
    ctnn::for_each_parameter_pair(this->net, dJdW, [eta](T& w, const T& g) { w -= eta * g; });
  }
};

// The update by ctnn::gradient_descent's own step, which refuses a move that
// would pass weight_bound<T> or make a weight non-finite.
template <class Net, size_t N>
struct ctnn_gd_step_impl : ctnn_impl<Net, N> {
  using T = typename Net::value_type;
  static constexpr const char* name = "ctnn_gd_step";
  using ctnn_impl<Net, N>::ctnn_impl;
  void step(T eta) {
    const ctnn::gradient_descent opt{.learning_rate = static_cast<double>(eta)};
    auto s = opt.init(this->net);
    const ctnn::objective<Net, decltype(this->X), decltype(this->y), ctnn::half_squared_error> f{this->X, this->y};
    const Net dJdW = ctnn::gradient(this->net, this->X, this->y);
    opt.step(this->net, s, dJdW, T{}, f);  // gradient_descent uses neither J nor f
  }
};

// One epoch of ctnn::train: J and ∂J/∂W before the step and again after it
// (train reports the loss of the network it returns), with its checks.
template <class Net, size_t N>
struct ctnn_train_impl : ctnn_impl<Net, N> {
  using T = typename Net::value_type;
  static constexpr const char* name = "ctnn_train";
  using ctnn_impl<Net, N>::ctnn_impl;
  void step(T eta) {
    this->net = ctnn::train(this->net, this->X, this->y,
                            ctnn::gradient_descent{.learning_rate = static_cast<double>(eta)},
                            ctnn::until{.max_epochs = 1})
                    .network;
  }
};

// ctnn_impl itself, on FastNet (fast_sigmoid or fast_tanh in place of Net's
// sigmoid or tanh), so that predict and step are the same calls; built from
// Net's problem, as every other column is.
template <class Net, class FastNet, size_t N>
struct ctnn_fast_impl : ctnn_impl<FastNet, N> {
  static constexpr const char* name = "ctnn_fast";
  // Checked at float's tolerance in double too (see tolerance_of): these f
  // differ from ctnn's sigmoid and tanh by up to ~3e-7 relative (fast_tanh
  // 6 ulp, fast_sigmoid 2.3e-7 absolute) in double as in float, which
  // double's 1e-10 would reject on the activations alone. Worst difference
  // seen (GCC 12, -O3; |got - want| / (1 + |want|)): 1.6e-7 in float, no
  // more than Eigen's and the loops' columns, and 1.8e-8 in double.
  static constexpr bool float_accurate = true;
  explicit ctnn_fast_impl(const problem<Net, N>& p) : ctnn_impl<FastNet, N>(same_problem<FastNet>(p)) {}
};

// ---- Eigen ----------------------------------------------------------------

// The activation as Eigen offers it: vectorised approximations.
struct eigen_native {
  static constexpr const char* name = "eigen";
  template <class E>
  static auto tanh(const Eigen::MatrixBase<E>& z) {
    return z.array().tanh().matrix();
  }
  template <class E>
  static auto sigmoid(const Eigen::MatrixBase<E>& z) {
    return z.array().logistic().matrix();
  }
};

// The same through the C library, one element at a time.
struct eigen_std {
  static constexpr const char* name = "eigen_std";
  template <class E>
  static auto tanh(const Eigen::MatrixBase<E>& z) {
    using S = typename E::Scalar;
    return z.unaryExpr([](S v) { return std::tanh(v); });
  }
  template <class E>
  static auto sigmoid(const Eigen::MatrixBase<E>& z) {
    using S = typename E::Scalar;
    return z.unaryExpr([](S v) { return S{1} / (S{1} + std::exp(-v)); });
  }
};

template <class T, int R, int C>
using emat = Eigen::Matrix<T, R, C>;

template <class T, int R, int C, class V>
void copy_from(emat<T, R, C>& m, const V& rows_major) {
  for (int r = 0; r < R; ++r)
    for (int c = 0; c < C; ++c) m(r, c) = rows_major(static_cast<size_t>(r), static_cast<size_t>(c));
}
template <class T, int R, int C>
void append(std::vector<T>& v, const emat<T, R, C>& m) {
  for (int r = 0; r < R; ++r)
    for (int c = 0; c < C; ++c) v.push_back(m(r, c));
}

// The walkthrough: z2 = X W1, a2 = f(z2), z3 = a2 W2, ŷ = f(z3).
template <class T, int N, class F>
struct eigen_walkthrough {
  static constexpr const char* name = F::name;
  emat<T, 2, 3> W1;
  emat<T, 3, 1> W2;
  emat<T, N, 2> X;
  emat<T, N, 1> y;

  explicit eigen_walkthrough(const problem<walkthrough_net<T>, static_cast<size_t>(N)>& p) {
    copy_from(W1, ctnn::get<0>(p.net).weights);
    copy_from(W2, ctnn::get<1>(p.net).weights);
    copy_from(X, p.X);
    copy_from(y, p.y);
  }

  emat<T, N, 1> predict() const {
    const emat<T, N, 3> a2 = F::sigmoid(X * W1);
    return F::sigmoid(a2 * W2);
  }

  void step(T eta) {
    const emat<T, N, 3> a2 = F::sigmoid(X * W1);
    const emat<T, N, 1> yhat = F::sigmoid(a2 * W2);
    // δ3 = −(y − ŷ) ⊙ f'(z3), δ2 = δ3 W2ᵀ ⊙ f'(z2), with f'(z) = a (1 − a).
    const emat<T, N, 1> delta3 = ((yhat - y).array() * yhat.array() * (T{1} - yhat.array())).matrix();
    const emat<T, N, 3> delta2 = ((delta3 * W2.transpose()).array() * a2.array() * (T{1} - a2.array())).matrix();
    W2.noalias() -= eta * (a2.transpose() * delta3);  // ∂J/∂W2 = a2ᵀ δ3
    W1.noalias() -= eta * (X.transpose() * delta2);   // ∂J/∂W1 = Xᵀ δ2
  }

  std::vector<T> prediction() const {
    std::vector<T> v;
    append(v, predict());
    return v;
  }
  std::vector<T> parameters() const {
    std::vector<T> v;
    append(v, W1);
    append(v, W2);
    return v;
  }
};

// 16-32-32-4, tanh everywhere, with biases: z = a W + b (b added to every row).
template <class T, int N, class F>
struct eigen_tanh {
  static constexpr const char* name = F::name;
  emat<T, 16, 32> W1;
  emat<T, 1, 32> b1;
  emat<T, 32, 32> W2;
  emat<T, 1, 32> b2;
  emat<T, 32, 4> W3;
  emat<T, 1, 4> b3;
  emat<T, N, 16> X;
  emat<T, N, 4> y;

  explicit eigen_tanh(const problem<tanh_net<T>, static_cast<size_t>(N)>& p) {
    copy_from(W1, ctnn::get<0>(p.net).weights);
    copy_from(b1, ctnn::get<0>(p.net).bias);
    copy_from(W2, ctnn::get<1>(p.net).weights);
    copy_from(b2, ctnn::get<1>(p.net).bias);
    copy_from(W3, ctnn::get<2>(p.net).weights);
    copy_from(b3, ctnn::get<2>(p.net).bias);
    copy_from(X, p.X);
    copy_from(y, p.y);
  }

  emat<T, N, 4> predict() const {
    const emat<T, N, 32> a2 = F::tanh((X * W1).rowwise() + b1);
    const emat<T, N, 32> a3 = F::tanh((a2 * W2).rowwise() + b2);
    return F::tanh((a3 * W3).rowwise() + b3);
  }

  void step(T eta) {
    const emat<T, N, 32> a2 = F::tanh((X * W1).rowwise() + b1);
    const emat<T, N, 32> a3 = F::tanh((a2 * W2).rowwise() + b2);
    const emat<T, N, 4> yhat = F::tanh((a3 * W3).rowwise() + b3);
    // δ = ∂J/∂z, with f'(z) = 1 − a².
    const emat<T, N, 4> delta4 = ((yhat - y).array() * (T{1} - yhat.array().square())).matrix();
    const emat<T, N, 32> delta3 = ((delta4 * W3.transpose()).array() * (T{1} - a3.array().square())).matrix();
    const emat<T, N, 32> delta2 = ((delta3 * W2.transpose()).array() * (T{1} - a2.array().square())).matrix();
    W3.noalias() -= eta * (a3.transpose() * delta4);
    b3 -= eta * delta4.colwise().sum();
    W2.noalias() -= eta * (a2.transpose() * delta3);
    b2 -= eta * delta3.colwise().sum();
    W1.noalias() -= eta * (X.transpose() * delta2);
    b1 -= eta * delta2.colwise().sum();
  }

  std::vector<T> prediction() const {
    std::vector<T> v;
    append(v, predict());
    return v;
  }
  std::vector<T> parameters() const {  // ctnn's flatten order
    std::vector<T> v;
    append(v, W1);
    append(v, b1);
    append(v, W2);
    append(v, b2);
    append(v, W3);
    append(v, b3);
    return v;
  }
};

// ---- hand-written loops over plain arrays --------------------------------

namespace hand {

template <class T>
T sigmoid(T z) {
  return T{1} / (T{1} + std::exp(-z));
}
template <class T>
T tanh(T z) {
  return std::tanh(z);
}

// a = f(a_prev W + b), one row at a time; the k-j order keeps the inner loop
// on contiguous rows of W.
template <class T, size_t N, size_t In, size_t Out, class F>
void layer(const T (&a_prev)[N][In], const T (&W)[In][Out], const std::type_identity_t<T>* b, T (&a)[N][Out], F f) {
  for (size_t n = 0; n < N; ++n) {
    T z[Out];
    for (size_t j = 0; j < Out; ++j) z[j] = b ? b[j] : T{};
    for (size_t k = 0; k < In; ++k) {
      const T x = a_prev[n][k];
      for (size_t j = 0; j < Out; ++j) z[j] += x * W[k][j];
    }
    for (size_t j = 0; j < Out; ++j) a[n][j] = f(z[j]);
  }
}

// δ_below = (δ Wᵀ) ⊙ f'(z_below), with f' given the activation a_below.
template <class T, size_t N, size_t In, size_t Out, class FPrime>
void delta_below(const T (&delta)[N][Out], const T (&W)[In][Out], const T (&a_below)[N][In], T (&out)[N][In],
                 FPrime f_prime) {
  for (size_t n = 0; n < N; ++n)
    for (size_t k = 0; k < In; ++k) {
      T s{};
      for (size_t j = 0; j < Out; ++j) s += delta[n][j] * W[k][j];
      out[n][k] = s * f_prime(a_below[n][k]);
    }
}

// W ← W − η a_prevᵀ δ, and b ← b − η Σ_n δ(n, ·) when there is a bias.
template <class T, size_t N, size_t In, size_t Out>
void descend(const T (&a_prev)[N][In], const T (&delta)[N][Out], T (&W)[In][Out], std::type_identity_t<T>* b,
             std::type_identity_t<T> eta) {
  T dJdW[In][Out] = {};
  for (size_t n = 0; n < N; ++n)
    for (size_t k = 0; k < In; ++k) {
      const T x = a_prev[n][k];
      for (size_t j = 0; j < Out; ++j) dJdW[k][j] += x * delta[n][j];
    }
  for (size_t k = 0; k < In; ++k)
    for (size_t j = 0; j < Out; ++j) W[k][j] -= eta * dJdW[k][j];
  if (b) {
    T dJdb[Out] = {};
    for (size_t n = 0; n < N; ++n)
      for (size_t j = 0; j < Out; ++j) dJdb[j] += delta[n][j];
    for (size_t j = 0; j < Out; ++j) b[j] -= eta * dJdb[j];
  }
}

template <class T, size_t R, size_t C, class V>
void copy_from(T (&a)[R][C], const V& m) {
  for (size_t r = 0; r < R; ++r)
    for (size_t c = 0; c < C; ++c) a[r][c] = m(r, c);
}
template <class T, size_t C, class V>
void copy_from(T (&a)[C], const V& m) {
  for (size_t c = 0; c < C; ++c) a[c] = m(0, c);
}
template <class T, size_t R, size_t C>
void append(std::vector<T>& v, const T (&a)[R][C]) {
  for (size_t r = 0; r < R; ++r)
    for (size_t c = 0; c < C; ++c) v.push_back(a[r][c]);
}
template <class T, size_t C>
void append(std::vector<T>& v, const T (&a)[C]) {
  for (size_t c = 0; c < C; ++c) v.push_back(a[c]);
}

template <class T, size_t R, size_t C>
struct array2 {
  T a[R][C];
};

template <class T, size_t N>
struct walkthrough {
  static constexpr const char* name = "loops";
  T W1[2][3];
  T W2[3][1];
  T X[N][2];
  T y[N][1];

  explicit walkthrough(const problem<walkthrough_net<T>, N>& p) {
    copy_from(W1, ctnn::get<0>(p.net).weights);
    copy_from(W2, ctnn::get<1>(p.net).weights);
    copy_from(X, p.X);
    copy_from(y, p.y);
  }

  array2<T, N, 1> predict() const {
    T a2[N][3];
    array2<T, N, 1> yhat;
    layer(X, W1, nullptr, a2, sigmoid<T>);
    layer(a2, W2, nullptr, yhat.a, sigmoid<T>);
    return yhat;
  }

  void step(T eta) {
    T a2[N][3], yhat[N][1], delta3[N][1], delta2[N][3];
    layer(X, W1, nullptr, a2, sigmoid<T>);
    layer(a2, W2, nullptr, yhat, sigmoid<T>);
    for (size_t n = 0; n < N; ++n) delta3[n][0] = (yhat[n][0] - y[n][0]) * yhat[n][0] * (T{1} - yhat[n][0]);
    delta_below(delta3, W2, a2, delta2, [](T a) { return a * (T{1} - a); });
    descend(a2, delta3, W2, nullptr, eta);
    descend(X, delta2, W1, nullptr, eta);
  }

  std::vector<T> prediction() const {
    std::vector<T> v;
    append(v, predict().a);
    return v;
  }
  std::vector<T> parameters() const {
    std::vector<T> v;
    append(v, W1);
    append(v, W2);
    return v;
  }
};

template <class T, size_t N>
struct tanh_16_32_32_4 {
  static constexpr const char* name = "loops";
  T W1[16][32], b1[32], W2[32][32], b2[32], W3[32][4], b3[4];
  T X[N][16];
  T y[N][4];

  explicit tanh_16_32_32_4(const problem<tanh_net<T>, N>& p) {
    copy_from(W1, ctnn::get<0>(p.net).weights);
    copy_from(b1, ctnn::get<0>(p.net).bias);
    copy_from(W2, ctnn::get<1>(p.net).weights);
    copy_from(b2, ctnn::get<1>(p.net).bias);
    copy_from(W3, ctnn::get<2>(p.net).weights);
    copy_from(b3, ctnn::get<2>(p.net).bias);
    copy_from(X, p.X);
    copy_from(y, p.y);
  }

  array2<T, N, 4> predict() const {
    T a2[N][32], a3[N][32];
    array2<T, N, 4> yhat;
    layer(X, W1, b1, a2, tanh<T>);
    layer(a2, W2, b2, a3, tanh<T>);
    layer(a3, W3, b3, yhat.a, tanh<T>);
    return yhat;
  }

  void step(T eta) {
    T a2[N][32], a3[N][32], yhat[N][4], delta4[N][4], delta3[N][32], delta2[N][32];
    layer(X, W1, b1, a2, tanh<T>);
    layer(a2, W2, b2, a3, tanh<T>);
    layer(a3, W3, b3, yhat, tanh<T>);
    for (size_t n = 0; n < N; ++n)
      for (size_t j = 0; j < 4; ++j) delta4[n][j] = (yhat[n][j] - y[n][j]) * (T{1} - yhat[n][j] * yhat[n][j]);
    const auto tanh_prime = [](T a) { return T{1} - a * a; };
    delta_below(delta4, W3, a3, delta3, tanh_prime);
    delta_below(delta3, W2, a2, delta2, tanh_prime);
    descend(a3, delta4, W3, b3, eta);
    descend(a2, delta3, W2, b2, eta);
    descend(X, delta2, W1, b1, eta);
  }

  std::vector<T> prediction() const {
    std::vector<T> v;
    append(v, predict().a);
    return v;
  }
  std::vector<T> parameters() const {
    std::vector<T> v;
    append(v, W1);
    append(v, b1);
    append(v, W2);
    append(v, b2);
    append(v, W3);
    append(v, b3);
    return v;
  }
};

}  // namespace hand

// ---- the check: same work in every column ---------------------------------

template <class T>
constexpr double tolerance = std::is_same_v<T, float> ? 1e-4 : 1e-10;

// T's tolerance, or float's for an implementation whose activations are
// float-accurate in double too (ctnn_fast): wider only where it must be.
template <class Impl, class T>
constexpr double tolerance_of() {
  if constexpr (requires { Impl::float_accurate; })
    return tolerance<float>;
  else
    return tolerance<T>;
}

template <class T>
bool agree(const std::vector<T>& got, const std::vector<T>& want, const std::string& what, double within) {
  if (got.size() != want.size()) {
    std::fprintf(stderr, "runtime_speed: %s: %zu values, ctnn has %zu\n", what.c_str(), got.size(), want.size());
    return false;
  }
  for (size_t i = 0; i < got.size(); ++i) {
    const double g = static_cast<double>(got[i]), w = static_cast<double>(want[i]);
    if (!(std::fabs(g - w) <= within * (1 + std::fabs(w)))) {
      std::fprintf(stderr, "runtime_speed: %s: value %zu is %.17g, ctnn's is %.17g (tolerance %g)\n", what.c_str(), i,
                   g, w, within);
      return false;
    }
  }
  return true;
}

template <class T>
const char* type_name() {
  return std::is_same_v<T, float> ? "float" : "double";
}

// ---- the benchmarks -------------------------------------------------------

template <class Impl>
void bench_predict(benchmark::State& state, const Impl& start) {
  Impl impl = start;
  for (auto _ : state) {
    benchmark::DoNotOptimize(impl);  // the weights and X may have changed: no hoisting out of the loop
    const auto yhat = impl.predict();
    benchmark::DoNotOptimize(yhat);  // const: the input-only form (see opaque_eta)
  }
}

// η as a value the compiler cannot fold into the step. Not by
// benchmark::DoNotOptimize(eta): in Google Benchmark 1.7.1 (Debian 12) its
// "+m,r" constraint on a local scalar, compiled by GCC 12, leaves eta holding
// whatever the stack held (seen: 1e-310, a denormal learning rate, in every
// GCC step case before this was changed). A volatile read is portable.
template <class T>
T opaque_eta() {
  volatile T eta = static_cast<T>(benchmark_eta);
  return eta;
}

template <class Impl, class T>
void bench_step(benchmark::State& state, const Impl& start) {
  Impl impl = start;
  const T eta = opaque_eta<T>();
  size_t since_reset = 0;
  for (auto _ : state) {
    if (++since_reset == reset_every) impl = start, since_reset = 0;
    benchmark::DoNotOptimize(impl);
    impl.step(eta);
    benchmark::ClobberMemory();
  }
}

// ---- instruction counts ----------------------------------------------------
// `runtime_speed --calls=N --case=NAME` runs benchmark NAME's body N times in
// calls_of_predict or calls_of_step, untimed. Under
//   valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*calls_of_*'
// that counts the instructions of N calls and nothing else: a figure that
// does not depend on the load of the machine (runtime_speed.py --callgrind).

template <class Impl>
[[gnu::noinline]] void calls_of_predict(Impl& impl, size_t calls) {
  for (size_t i = 0; i < calls; ++i) {
    benchmark::DoNotOptimize(impl);
    const auto yhat = impl.predict();
    benchmark::DoNotOptimize(yhat);  // const: the input-only form (see opaque_eta)
  }
}

template <class Impl, class T>
[[gnu::noinline]] void calls_of_step(Impl& impl, const Impl& start, T eta, size_t calls) {
  for (size_t i = 1; i <= calls; ++i) {
    if (i % reset_every == 0) impl = start;
    benchmark::DoNotOptimize(impl);
    impl.step(eta);
    benchmark::ClobberMemory();
  }
}

std::map<std::string, std::function<void(size_t)>>& runners() {
  static std::map<std::string, std::function<void(size_t)>> r;
  return r;
}

int failures = 0;

// Checks Impl against ctnn on problem p, then registers its benchmarks.
template <class Net, size_t N, class Impl>
void add(const std::string& network, const problem<Net, N>& p, bool with_predict = true) {
  using T = typename Net::value_type;
  const std::string tail = network + "/" + type_name<T>() + "/" + std::to_string(N) + "/" + Impl::name;
  const Impl impl(p);
  const ctnn_impl<Net, N> reference(p);
  constexpr double within = tolerance_of<Impl, T>();
  if (!agree(impl.prediction(), reference.prediction(), "predict/" + tail, within)) ++failures;
  Impl stepped = impl;
  ctnn_impl<Net, N> reference_stepped = reference;
  stepped.step(static_cast<T>(check_eta));
  reference_stepped.step(static_cast<T>(check_eta));
  if (!agree(stepped.parameters(), reference_stepped.parameters(), "step/" + tail, within)) ++failures;
  if (with_predict) {
    benchmark::RegisterBenchmark(("predict/" + tail).c_str(),
                                 [impl](benchmark::State& s) { bench_predict(s, impl); });
    runners()["predict/" + tail] = [impl](size_t calls) {
      Impl work = impl;
      calls_of_predict(work, calls);
    };
  }
  benchmark::RegisterBenchmark(("step/" + tail).c_str(), [impl](benchmark::State& s) { bench_step<Impl, T>(s, impl); });
  runners()["step/" + tail] = [impl](size_t calls) {
    Impl work = impl;
    calls_of_step(work, impl, opaque_eta<T>(), calls);
  };
}

template <class T, size_t N>
void add_walkthrough() {
  const auto p = make_problem<walkthrough_net<T>, N>(0.0, 1.0);
  const std::string net = "2-3-1_sigmoid";
  add<walkthrough_net<T>, N, ctnn_impl<walkthrough_net<T>, N>>(net, p);
  add<walkthrough_net<T>, N, ctnn_gradient_impl<walkthrough_net<T>, N>>(net, p, false);
  add<walkthrough_net<T>, N, ctnn_gd_step_impl<walkthrough_net<T>, N>>(net, p, false);
  add<walkthrough_net<T>, N, ctnn_train_impl<walkthrough_net<T>, N>>(net, p, false);
  add<walkthrough_net<T>, N, eigen_walkthrough<T, static_cast<int>(N), eigen_native>>(net, p);
  add<walkthrough_net<T>, N, eigen_walkthrough<T, static_cast<int>(N), eigen_std>>(net, p);
  add<walkthrough_net<T>, N, hand::walkthrough<T, N>>(net, p);
  add<walkthrough_net<T>, N, ctnn_fast_impl<walkthrough_net<T>, walkthrough_fast_net<T>, N>>(net, p);
}

template <class T, size_t N>
void add_tanh() {
  const auto p = make_problem<tanh_net<T>, N>(-0.8, 0.8);
  const std::string net = "16-32-32-4_tanh";
  add<tanh_net<T>, N, ctnn_impl<tanh_net<T>, N>>(net, p);
  add<tanh_net<T>, N, ctnn_gradient_impl<tanh_net<T>, N>>(net, p, false);
  add<tanh_net<T>, N, ctnn_gd_step_impl<tanh_net<T>, N>>(net, p, false);
  add<tanh_net<T>, N, ctnn_train_impl<tanh_net<T>, N>>(net, p, false);
  add<tanh_net<T>, N, eigen_tanh<T, static_cast<int>(N), eigen_native>>(net, p);
  add<tanh_net<T>, N, eigen_tanh<T, static_cast<int>(N), eigen_std>>(net, p);
  add<tanh_net<T>, N, hand::tanh_16_32_32_4<T, N>>(net, p);
  add<tanh_net<T>, N, ctnn_fast_impl<tanh_net<T>, tanh_fast_net<T>, N>>(net, p);
}

}  // namespace

int main(int argc, char** argv) {
  // --calls=N --case=NAME: see calls_of_predict; taken out before Google Benchmark reads the rest.
  size_t calls = 0;
  std::string only;
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--calls=", 0) == 0)
      calls = std::strtoull(arg.c_str() + 8, nullptr, 10);
    else if (arg.rfind("--case=", 0) == 0)
      only = arg.substr(7);
    else
      argv[kept++] = argv[i];
  }
  argc = kept;
  benchmark::Initialize(&argc, argv);
  // For benchmarks/runtime_speed.py's tables: which compiler, which vector units.
  benchmark::AddCustomContext("compiler", __VERSION__);
  std::string isa = "x86-64";
#if defined(__AVX512F__)
  isa += " AVX-512F";
#endif
#if defined(__AVX2__)
  isa += " AVX2";
#endif
#if defined(__FMA__)
  isa += " FMA";
#endif
  benchmark::AddCustomContext("vector_extensions", isa);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  // -DRUNTIME_SPEED_ONLY_WALKTHROUGH (or _TANH) builds one network's cases
  // and no other: a quicker build, when working on one of them.
#if !defined(RUNTIME_SPEED_ONLY_TANH)
  add_walkthrough<float, 1>();
  add_walkthrough<float, 32>();
  add_walkthrough<double, 1>();
  add_walkthrough<double, 32>();
#endif
#if !defined(RUNTIME_SPEED_ONLY_WALKTHROUGH)
  add_tanh<float, 1>();
  add_tanh<float, 32>();
  add_tanh<double, 1>();
  add_tanh<double, 32>();
#endif
  if (failures > 0) {
    std::fprintf(stderr, "runtime_speed: %d implementation(s) do not do ctnn's work; nothing timed\n", failures);
    return 1;
  }
  std::fprintf(stderr, "runtime_speed: every implementation's predict and step agree with ctnn's\n");
  if (!only.empty()) {
    const auto found = runners().find(only);
    if (found == runners().end() || calls == 0) {
      std::fprintf(stderr, "runtime_speed: --case=%s --calls=%zu: no such case, or no calls; the cases are\n",
                   only.c_str(), calls);
      for (const auto& [name, run] : runners()) std::fprintf(stderr, "  %s\n", name.c_str());
      return 2;
    }
    found->second(calls);
    return 0;
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

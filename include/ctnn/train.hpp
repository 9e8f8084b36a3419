// ctnn/train.hpp - the training loop: gradient steps until a stopping rule holds.
//
//   constexpr auto fit = ctnn::train(net, X, y,
//                                    ctnn::gradient_descent{.learning_rate = 3.0},
//                                    ctnn::until{.max_epochs = 5000, .loss_below = 1e-6});
//   static_assert(fit.status == ctnn::train_status::converged);
//
// It never lets NaN or infinite weights out: a step that would produce one
// (or a weight past weight_bound<T>) is not taken, and training ends with
// status diverged and the last good network. In constant evaluation this
// is what keeps a too-large learning rate from ending in a compiler error.
#pragma once

#include <array>
#include <cstddef>
#include <limits>
#include <type_traits>

#include "forward.hpp"
#include "gradient.hpp"
#include "history.hpp"
#include "loss.hpp"
#include "math.hpp"
#include "matrix.hpp"
#include "network.hpp"
#include "optimizer.hpp"

namespace ctnn {

// When to stop. Every field is optional; zero turns a rule off.
struct until {
  std::size_t max_epochs = 1000;     // stop after this many updates (status max_epochs)
  double loss_below = 0;             // stop once J < loss_below (status converged)
  double weight_change_below = 0;    // stop once no weight moved more than this in one update
                                     // (status converged): "the weights stop changing much"
};

enum class train_status {
  converged,   // loss_below or weight_change_below was met
  max_epochs,  // ran out of epochs first
  diverged,    // J or a weight would have become non-finite or passed weight_bound<T>,
               // or every unit saturated: ∂J/∂W is exactly zero while J > 0, so no
               // step can ever change the weights again (the usual end of a
               // too-large learning rate with sigmoid or tanh, which cannot overflow)
};

template <class Net, class Opt>
struct train_result {
  Net network{};                 // the last good network
  std::size_t epochs = 0;        // updates applied, counting any earlier stages
  typename Net::value_type loss{};  // J of `network`
  train_status status = train_status::max_epochs;
  typename Opt::template state<Net> optimizer_state{};  // to resume from
};

// A train_result and the run's J per epoch (see history.hpp), for
// train(..., loss_history<T, N>{}) and for resuming such a run.
template <class Net, class Opt, std::size_t N>
struct recorded_train_result : train_result<Net, Opt> {
  loss_history<typename Net::value_type, N> history{};
};

namespace detail {

// Comparisons only, no arithmetic: Clang's constant evaluator rejects any
// operation whose result is NaN (even abs(NaN) = NaN + 0), so a test that
// computed |x| would end a compile-time run on NaN data in a compiler
// error instead of in status diverged. NaN fails both comparisons.
template <class Net>
constexpr bool within_bound(const Net& net) noexcept {
  using T = typename Net::value_type;
  bool ok = true;
  for_each_parameter(net, [&](const T& p) { ok = ok && p >= -weight_bound<T> && p <= weight_bound<T>; });
  return ok;
}

template <class T, std::size_t R, std::size_t C>
constexpr bool data_within_bound(const matrix<T, R, C>& m) noexcept {
  const auto& E = CTNN_CELLS(m.elements);
  for (std::size_t i = 0; i < R * C; ++i)
    if (!(E[i] >= -weight_bound<T> && E[i] <= weight_bound<T>)) return false;
  return true;
}

enum class health { ok, non_finite, saturated };

// Whether J and ∂J/∂W can be trained on: non_finite if any is NaN or
// infinite; saturated when ∂J/∂W is exactly zero while J > 0, which means
// every path from the weights to J passes through a unit whose f'(z)
// rounds to 0, so no step can ever change anything (a true minimum with
// J > 0 is never exactly flat). One pass, comparisons only.
template <class Net>
constexpr health check(typename Net::value_type J, const Net& grad) noexcept {
  using T = typename Net::value_type;
  constexpr T max = std::numeric_limits<T>::max(), lowest = -max;  // named once: see gradient_descent::step
  bool finite = J >= lowest && J <= max, nonzero = false;
  for_each_parameter_block(grad, [&](const auto& G, std::size_t n) {
    // One statement per element and no comma operator (GCC keeps ~60 bytes
    // per comma); nonzero stops updating once finite is false, when it no
    // longer matters.
    for (std::size_t k = 0; k < n; ++k)
      finite = finite && G[k] >= lowest && G[k] <= max && ((nonzero = nonzero || G[k] != 0) || true);
  });
  return !finite ? health::non_finite : J > 0 && !nonzero ? health::saturated : health::ok;
}

// Largest |change| of any one parameter between two networks.
template <class Net>
constexpr double largest_change(const Net& before, const Net& after) noexcept {
  double largest = 0;
  for_each_parameter_pair(after, before, [&](const auto& a, const auto& b) {
    const double d = static_cast<double>(math::abs(a - b));
    largest = d > largest ? d : largest;
  });
  return largest;
}

template <class Opt>
constexpr std::size_t batch_size_of(const Opt& opt) noexcept {
  if constexpr (requires { opt.batch_size; }) {
    return opt.batch_size;
  } else {
    return 0;
  }
}

// One epoch of mini-batches: the rows in a new shuffled order (Fisher-Yates,
// from the optimizer's seeded PRNG), one step per batch_size rows. A batch's
// gradient is the sum of its rows' gradients (the mean, for losses that
// average over rows), computed one row at a time so that the batch size
// need not be a compile-time constant.
template <class Net, class Opt, class T, std::size_t N, std::size_t M, std::size_t K, class Lo>
constexpr bool minibatch_epoch(Net& net, typename Opt::template state<Net>& s, const matrix<T, N, M>& X,
                               const matrix<T, N, K>& y, const Opt& opt, Lo loss) noexcept {
  std::array<std::size_t, N> order{};
  for (std::size_t i = 0; i < N; ++i) order[i] = i;
  for (std::size_t i = N - 1; i > 0; --i) {
    const std::size_t j = s.shuffle.below(i + 1);
    const std::size_t tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  const std::size_t B = opt.batch_size;
  const objective<Net, matrix<T, N, M>, matrix<T, N, K>, Lo> f{X, y, loss};
  cost_and_gradient_result<Net> part{};  // one row's J and ∂J/∂W, filled in place
  for (std::size_t start = 0; start < N; start += B) {
    const std::size_t end = start + B < N ? start + B : N;
    Net g{};
    T J{};
    for (std::size_t k = start; k < end; ++k) {
      detail::cost_and_gradient_into(net, row(X, order[k]), row(y, order[k]), loss, part.cost, part.gradient);
      J += part.cost;
      bool finite = math::isfinite(part.cost);
      for_each_parameter_pair(g, part.gradient, [&](T& acc, const T& d) {
        finite = finite && math::isfinite(d) && math::abs(d) <= weight_bound<T>;
        if (finite) acc += d;
      });
      if (!finite) return false;
    }
    if constexpr (Lo::averages_rows) {
      const T n = static_cast<T>(end - start);
      for_each_parameter(g, [&](T& d) { d /= n; });
      J /= n;
    }
    if (!opt.step(net, s, g, J, f)) return false;
  }
  return true;
}

// recorder is empty, or one loss_history to record J into. Each record is
// a fold over recorder written into a statement that is there anyway, so
// that with no recorder the loop is the same code, statement for statement,
// and costs constant evaluation not one step more.
template <class Net, class Opt, class XM, class YM, class Lo, class... H>
constexpr train_result<Net, Opt> train_loop(train_result<Net, Opt> r, const XM& X, const YM& y, const Opt& opt,
                                            const until& stop, Lo loss, H&... recorder) noexcept {
  using T = typename Net::value_type;
  const objective<Net, XM, YM, Lo> f{X, y, loss};
  const std::size_t batch = batch_size_of(opt);
  const bool batched = batch > 0 && batch < XM::rows();
  // Inputs past the bound could overflow in the first product: refuse them.
  // J is not evaluated on them (it could be NaN), so .loss says "no finite
  // J" as infinity rather than a 0 that looks like a perfect fit.
  if (!data_within_bound(X) || !data_within_bound(y) || !within_bound(r.network)) {
    r.status = train_status::diverged;
    r.loss = std::numeric_limits<T>::infinity();
    return r;
  }
  // Two networks and two evaluations (J and ∂J/∂W), used in turn: slot `now`
  // holds the current point, the other the step being tried, and a step
  // that is kept makes it `now`. Filled in place rather than returned and
  // assigned, because GCC's constant evaluator keeps every copy it makes
  // (about 2 KB for each copy of XOR 2-4-1's network and its gradient).
  // r.network is written once, when training stops.
  Net nets[2] = {r.network, r.network};
  cost_and_gradient_result<Net> evals[2]{};
  std::size_t now = 0;
  f.cost_and_gradient_into(nets[now], evals[now]);
  r.loss = evals[now].cost;
  if (check(evals[now].cost, evals[now].gradient) != health::ok) {
    r.status = train_status::diverged;
    return r;
  }
  for (;;) {
    // Here: the starting point, and every epoch that training goes on from.
    if ((recorder.record(r.epochs, r.loss), ..., (static_cast<double>(evals[now].cost) < stop.loss_below))) {
      r.network = nets[now];
      r.status = train_status::converged;
      return r;
    }
    if (r.epochs >= stop.max_epochs) {
      r.network = nets[now];
      r.status = train_status::max_epochs;
      return r;
    }
    const std::size_t next = 1 - now;
    nets[next] = nets[now];
    bool ok = false;
    if constexpr (requires { opt.batch_size; }) {
      ok = batched ? minibatch_epoch(nets[next], r.optimizer_state, X, y, opt, loss)
                   : opt.step(nets[next], r.optimizer_state, evals[now].gradient, evals[now].cost, f);
    } else {
      ok = opt.step(nets[next], r.optimizer_state, evals[now].gradient, evals[now].cost, f);
    }
    if (!ok) {
      r.network = nets[now];
      r.status = train_status::diverged;
      return r;
    }
    f.cost_and_gradient_into(nets[next], evals[next]);
    const health h = check(evals[next].cost, evals[next].gradient);
    if (h == health::non_finite) {
      r.network = nets[now];
      r.status = train_status::diverged;  // r keeps the last good network and its J
      return r;
    }
    if (h == health::saturated && !(static_cast<double>(evals[next].cost) < stop.loss_below)) {
      r.network = nets[next];  // finite, but saturated: report where training got stuck
      r.epochs += 1;
      r.loss = evals[next].cost;
      r.status = (recorder.record(r.epochs, r.loss), ..., train_status::diverged);
      return r;
    }
    const double change = stop.weight_change_below > 0 ? largest_change(nets[now], nets[next]) : 0.0;
    now = next;
    r.epochs += 1;
    r.loss = static_cast<T>(evals[now].cost);
    if (stop.weight_change_below > 0 && change < stop.weight_change_below) {
      r.network = nets[now];
      r.status = (recorder.record(r.epochs, r.loss), ..., train_status::converged);
      return r;
    }
  }
}

}  // namespace detail

namespace detail {
// A bool, not the concept, in the static_assert below: a failed concept makes
// compilers print its satisfaction trace under ctnn's message.
template <class Opt, class Net>
inline constexpr bool is_optimizer = Optimizer<Opt, Net>;

// What train returns for a type that is not an Optimizer: train_result
// would need Opt::state, and naming it would be an error before train's own.
struct not_an_optimizer_result {};
template <class Net, class Opt>
constexpr auto train_result_for() {
  if constexpr (is_optimizer<Opt, Net>) {
    return std::type_identity<train_result<Net, Opt>>{};
  } else {
    return std::type_identity<not_an_optimizer_result>{};
  }
}
template <class Net, class Opt>
using train_result_t = typename decltype(train_result_for<Net, Opt>())::type;
template <class Net, class Opt, std::size_t N>
constexpr auto recorded_train_result_for() {
  if constexpr (is_optimizer<Opt, Net>) {
    return std::type_identity<recorded_train_result<Net, Opt, N>>{};
  } else {
    return std::type_identity<not_an_optimizer_result>{};
  }
}
template <class Net, class Opt, std::size_t N>
using recorded_train_result_t = typename decltype(recorded_train_result_for<Net, Opt, N>())::type;
}  // namespace detail

// Trains net on (X, y) from epoch 0.
template <class T, class... L, class U, std::size_t N, std::size_t M, class V, std::size_t YR, std::size_t YC,
          class Opt, class Lo = half_squared_error>
constexpr detail::train_result_t<network<T, L...>, Opt> train(const network<T, L...>& net, const matrix<U, N, M>& X,
                                                              const matrix<V, YR, YC>& y, Opt opt, until stop = {},
                                                              Lo loss = {}) noexcept {
  using Net = network<T, L...>;
  static_assert(detail::is_optimizer<Opt, Net>,
                "ctnn: train(net, X, y, optimizer, ...) needs an Optimizer, such as ctnn::gradient_descent{...}");
  static_assert(std::is_same_v<T, U>, "ctnn: train(net, X, y, ...) needs X to have the network's element type T");
  static_assert(Net::inputs == M, "ctnn: train(net, X, y, ...) needs X.cols() == the first layer's inputs");
  static_assert(std::is_same_v<T, V>, "ctnn: train(net, X, y, ...) needs y to have the network's element type T");
  static_assert(YR == N && YC == Net::outputs,
                "ctnn: train(net, X, y, ...) needs y to be X.rows() x the last layer's outputs");
  if constexpr (detail::is_optimizer<Opt, Net> && std::is_same_v<T, U> && std::is_same_v<T, V> && Net::inputs == M &&
                YR == N && YC == Net::outputs && Net::well_formed) {
    return detail::train_loop(train_result<Net, Opt>{net, 0, T{}, train_status::max_epochs, opt.init(net)}, X, y,
                              opt, stop, loss);
  } else {
    return {};
  }
}

// Trains as above and records J at the start and after every epoch into
// `history` (usually empty; see history.hpp for what is kept of a long
// run), returned as the result's .history. Without a history, train does
// not record, and costs nothing more.
template <class T, class... L, class U, std::size_t N, std::size_t M, class V, std::size_t YR, std::size_t YC,
          class Opt, class Lo, class HT, std::size_t HN>
constexpr detail::recorded_train_result_t<network<T, L...>, Opt, HN> train(
    const network<T, L...>& net, const matrix<U, N, M>& X, const matrix<V, YR, YC>& y, Opt opt, until stop, Lo loss,
    loss_history<HT, HN> history) noexcept {
  using Net = network<T, L...>;
  static_assert(detail::is_optimizer<Opt, Net>,
                "ctnn: train(net, X, y, optimizer, ...) needs an Optimizer, such as ctnn::gradient_descent{...}");
  static_assert(std::is_same_v<T, U>, "ctnn: train(net, X, y, ...) needs X to have the network's element type T");
  static_assert(Net::inputs == M, "ctnn: train(net, X, y, ...) needs X.cols() == the first layer's inputs");
  static_assert(std::is_same_v<T, V>, "ctnn: train(net, X, y, ...) needs y to have the network's element type T");
  static_assert(YR == N && YC == Net::outputs,
                "ctnn: train(net, X, y, ...) needs y to be X.rows() x the last layer's outputs");
  static_assert(std::is_same_v<T, HT>,
                "ctnn: train(net, X, y, ..., history) needs a loss_history of the network's element type T");
  if constexpr (detail::is_optimizer<Opt, Net> && std::is_same_v<T, U> && std::is_same_v<T, V> &&
                std::is_same_v<T, HT> && Net::inputs == M && YR == N && YC == Net::outputs && Net::well_formed) {
    recorded_train_result<Net, Opt, HN> recorded{{net, 0, T{}, train_status::max_epochs, opt.init(net)}, history};
    static_cast<train_result<Net, Opt>&>(recorded) = detail::train_loop(
        static_cast<const train_result<Net, Opt>&>(recorded), X, y, opt, stop, loss, recorded.history);
    return recorded;
  } else {
    return {};
  }
}

// The same with the default loss: train(net, X, y, optimizer, until{...}, loss_history<T, N>{}).
template <class T, class... L, class U, std::size_t N, std::size_t M, class V, std::size_t YR, std::size_t YC,
          class Opt, class HT, std::size_t HN>
constexpr detail::recorded_train_result_t<network<T, L...>, Opt, HN> train(
    const network<T, L...>& net, const matrix<U, N, M>& X, const matrix<V, YR, YC>& y, Opt opt, until stop,
    loss_history<HT, HN> history) noexcept {
  return train(net, X, y, opt, stop, half_squared_error{}, history);
}

// Resumes from an earlier result: its network, epoch count and optimizer
// state carry over, and stop.max_epochs counts all epochs, earlier ones too.
// Splitting a run this way gives the same bits as running it unsplit.
template <class Net, class Opt, class U, std::size_t N, std::size_t M, class V, std::size_t YR, std::size_t YC,
          class Lo = half_squared_error>
constexpr train_result<Net, Opt> train(const train_result<Net, Opt>& from, const matrix<U, N, M>& X,
                                       const matrix<V, YR, YC>& y, Opt opt, until stop = {}, Lo loss = {}) noexcept {
  if (from.status == train_status::diverged) return from;
  return detail::train_loop(from, X, y, opt, stop, loss);
}

// Resumes a recorded run, recording on into (a copy of) its history.
template <class Net, class Opt, std::size_t HN, class U, std::size_t N, std::size_t M, class V, std::size_t YR,
          std::size_t YC, class Lo = half_squared_error>
constexpr recorded_train_result<Net, Opt, HN> train(const recorded_train_result<Net, Opt, HN>& from,
                                                    const matrix<U, N, M>& X, const matrix<V, YR, YC>& y, Opt opt,
                                                    until stop = {}, Lo loss = {}) noexcept {
  if (from.status == train_status::diverged) return from;
  recorded_train_result<Net, Opt, HN> recorded = from;
  static_cast<train_result<Net, Opt>&>(recorded) =
      detail::train_loop(static_cast<const train_result<Net, Opt>&>(from), X, y, opt, stop, loss, recorded.history);
  return recorded;
}

}  // namespace ctnn

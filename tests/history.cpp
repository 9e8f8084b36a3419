// loss_history and train(..., loss_history<T, N>{}): what is kept of a run,
// and that every recorded J is the J of the network train gives for that
// many epochs, recomputed with ctnn::cost. Each in a static_assert and again
// at run time.
#include <doctest/doctest.h>

#include <limits>

#include <ctnn/ctnn.hpp>

#include "support/check.hpp"

namespace {

using walk_t = ctnn::mlp<double, ctnn::sigmoid, 2, 3, 1>;
constexpr ctnn::matrix<double, 3, 2> X{{0.3, 1.0}, {0.5, 0.2}, {1.0, 0.4}};
constexpr ctnn::matrix<double, 3, 1> y{{0.75}, {0.82}, {0.93}};
constexpr auto start = ctnn::initialize<walk_t>(42);
constexpr ctnn::gradient_descent gd{.learning_rate = 3.0};

// ---- the buffer on its own: the decimation rule ------------------------------
template <std::size_t N>
constexpr ctnn::loss_history<double, N> filled(std::size_t epochs) {
  ctnn::loss_history<double, N> h{};
  for (std::size_t e = 0; e <= epochs; ++e) h.record(e, static_cast<double>(100 - e));
  return h;
}
template <std::size_t N, std::size_t K>
constexpr bool holds(const ctnn::loss_history<double, N>& h, const std::size_t (&epochs)[K]) {
  if (h.count != K) return false;
  for (std::size_t i = 0; i < K; ++i)
    if (h.epoch[i] != epochs[i] || h.loss[i] != static_cast<double>(100 - epochs[i])) return false;
  return true;
}
// Up to N points, every epoch.
constexpr std::size_t first8[] = {0, 1, 2, 3, 4, 5, 6, 7};
static_assert(holds(filled<8>(7), first8) && filled<8>(7).stride == 1);
// The ninth drops every other point: stride 2, and the latest (8) last.
constexpr std::size_t after8[] = {0, 2, 4, 6, 8};
static_assert(holds(filled<8>(8), after8) && filled<8>(8).stride == 2);
// An off-grid latest point is kept until the next one replaces it.
constexpr std::size_t after9[] = {0, 2, 4, 6, 8, 9};
static_assert(holds(filled<8>(9), after9));
// Worked by hand: 0..20 into 8 slots is every 4th epoch, 20 included.
constexpr std::size_t after20[] = {0, 4, 8, 12, 16, 20};
static_assert(holds(filled<8>(20), after20) && filled<8>(20).stride == 4);
constexpr std::size_t after22[] = {0, 4, 8, 12, 16, 20, 22};
static_assert(holds(filled<8>(22), after22));
// A long run: 10,000 epochs into 64 slots keeps between 32 and 64 points,
// evenly spaced, from epoch 0 to the last.
constexpr bool long_run_ok() {
  const auto h = filled<64>(10000);
  if (h.count < 32 || h.count > 64 || h.epoch[0] != 0 || h.last_epoch() != 10000) return false;
  for (std::size_t i = 0; i + 1 < h.count; ++i)
    if (h.epoch[i] != i * h.stride) return false;  // every kept point on the grid
  return h.stride == 256;                         // 10000 / 64 < 256: the smallest power of two that fits
}
static_assert(long_run_ok());
// Recording the latest epoch again replaces it (a resumed run starts there).
constexpr bool rerecord() {
  ctnn::loss_history<double, 4> h{};
  h.record(0, 1.0);
  h.record(1, 0.5);
  h.record(1, 0.25);
  return h.count == 2 && h.loss[1] == 0.25;
}
static_assert(rerecord());

// ---- train with a history ----------------------------------------------------
// The J of train(start, ..., until{.max_epochs = k}).network, by ctnn::cost:
// computed through predict, not through train's own cost_and_gradient.
constexpr double J_after(std::size_t k) {
  return ctnn::cost(ctnn::train(start, X, y, gd, ctnn::until{.max_epochs = k}).network, X, y);
}

constexpr auto fit20 = ctnn::train(start, X, y, gd, ctnn::until{.max_epochs = 20}, ctnn::loss_history<double, 8>{});
static_assert(std::is_same_v<std::remove_cvref_t<decltype(fit20)>,
                             ctnn::recorded_train_result<walk_t, ctnn::gradient_descent, 8>>);
static_assert(fit20.history.count == 6 && fit20.history.stride == 4);
constexpr bool recorded_matches_cost() {
  for (std::size_t i = 0; i < fit20.history.count; ++i) {
    if (fit20.history.epoch[i] != 4 * i) return false;
    if (!test::close(fit20.history.loss[i], J_after(fit20.history.epoch[i]), 1e-15)) return false;
  }
  return true;
}
static_assert(recorded_matches_cost());
// The result itself is the one train gives without a history.
constexpr auto plain20 = ctnn::train(start, X, y, gd, ctnn::until{.max_epochs = 20});
static_assert(fit20.network == plain20.network && fit20.epochs == 20 && fit20.loss == plain20.loss &&
              fit20.status == plain20.status);
static_assert(fit20.history.last_loss() == fit20.loss);

// Every stopping rule ends with the final epoch recorded.
constexpr auto by_loss = ctnn::train(start, X, y, gd, ctnn::until{.max_epochs = 500, .loss_below = 0.01},
                                     ctnn::loss_history<double, 16>{});
static_assert(by_loss.status == ctnn::train_status::converged && by_loss.history.last_epoch() == by_loss.epochs &&
              by_loss.history.last_loss() == by_loss.loss && by_loss.loss < 0.01);
constexpr auto by_change = ctnn::train(start, X, y, ctnn::gradient_descent{.learning_rate = 0.0},
                                       ctnn::until{.max_epochs = 50, .weight_change_below = 1e-9},
                                       ctnn::loss_history<double, 4>{});
static_assert(by_change.status == ctnn::train_status::converged && by_change.epochs == 1 &&
              by_change.history.count == 2 && by_change.history.epoch[1] == 1);
// With another loss, and with an optimizer that searches along a line.
constexpr auto mse = ctnn::train(start, X, y, gd, ctnn::until{.max_epochs = 3}, ctnn::mean_squared_error{},
                                 ctnn::loss_history<double, 8>{});
static_assert(mse.history.count == 4 &&
              test::close(mse.history.loss[3],
                          ctnn::cost(ctnn::train(start, X, y, gd, ctnn::until{.max_epochs = 3},
                                                 ctnn::mean_squared_error{}).network,
                                     X, y, ctnn::mean_squared_error{}),
                          1e-15));
constexpr auto quasi = ctnn::train(start, X, y, ctnn::bfgs{}, ctnn::until{.max_epochs = 5},
                                   ctnn::loss_history<double, 8>{});
static_assert(quasi.history.count == 6 && quasi.history.loss[5] < quasi.history.loss[0]);

// Divergence: refused at the start, nothing is recorded; a run that
// saturates ends the history at the epoch where it stopped.
// (Infinite, not NaN, data: Clang's constant evaluator stops at any arithmetic
// on a NaN, even math::abs; the NaN case is tested at run time below.)
constexpr ctnn::matrix<double, 3, 2> X_inf{{0.3, std::numeric_limits<double>::infinity()}, {0.5, 0.2}, {1.0, 0.4}};
constexpr auto refused =
    ctnn::train(start, X_inf, y, gd, ctnn::until{.max_epochs = 5}, ctnn::loss_history<double, 4>{});
static_assert(refused.status == ctnn::train_status::diverged && refused.history.count == 0);
constexpr auto saturated = ctnn::train(start, X, y, ctnn::gradient_descent{.learning_rate = 1e9},
                                       ctnn::until{.max_epochs = 50}, ctnn::loss_history<double, 64>{});
static_assert(saturated.status == ctnn::train_status::diverged && saturated.history.last_epoch() == saturated.epochs &&
              saturated.history.last_loss() == saturated.loss);

// Resuming records on, and gives the history of the unsplit run.
constexpr auto first_half = ctnn::train(start, X, y, gd, ctnn::until{.max_epochs = 9}, ctnn::loss_history<double, 8>{});
constexpr auto resumed = ctnn::train(first_half, X, y, gd, ctnn::until{.max_epochs = 20});
static_assert(resumed.history == fit20.history && resumed.network == fit20.network);

// Staged training with S::history records across stages.
struct staged_setup {
  static constexpr auto start = ctnn::initialize<walk_t>(42);
  static constexpr auto X = ::X;
  static constexpr auto y = ::y;
  static constexpr ctnn::gradient_descent optimizer{.learning_rate = 3.0};
  static constexpr ctnn::until stop{.max_epochs = 20};
  static constexpr std::size_t epochs_per_stage = 7;
  static constexpr ctnn::loss_history<double, 8> history{};
};
static_assert(ctnn::staged_training<staged_setup, 3>.history == fit20.history);

}  // namespace

TEST_CASE("loss_history keeps epoch 0, every stride-th epoch and the latest at run time") {
  volatile std::size_t epochs = 20;  // so that the loop runs at run time
  const auto h = filled<8>(epochs);
  CHECK(h.count == 6);
  CHECK(h.stride == 4);
  for (std::size_t i = 0; i < h.count; ++i) CHECK(h.epoch[i] == after20[i]);
  ctnn::loss_history<double, 64> big{};
  for (std::size_t e = 0; e <= 10000; ++e) big.record(e, 1.0 / static_cast<double>(e + 1));
  CHECK(big.count >= 32);
  CHECK(big.stride == 256);
  CHECK(big.last_epoch() == 10000);
}

TEST_CASE("train records J per epoch at run time as at compile time") {
  const auto Xr = test::opaque(X);
  const auto yr = test::opaque(y);
  const auto fit = ctnn::train(start, Xr, yr, gd, ctnn::until{.max_epochs = 20}, ctnn::loss_history<double, 8>{});
  CHECK(fit.history.count == 6);  // (CHECK, not REQUIRE: the suite is also built without exceptions)
  for (std::size_t i = 0; i < fit.history.count; ++i) {
    CHECK(fit.history.epoch[i] == 4 * i);
    const auto at = ctnn::train(start, Xr, yr, gd, ctnn::until{.max_epochs = fit.history.epoch[i]});
    CHECK(test::close(fit.history.loss[i], ctnn::cost(at.network, Xr, yr), 1e-15));
    CHECK(test::close(fit.history.loss[i], fit20.history.loss[i], 1e-12));
  }
  auto X_nan = Xr;
  X_nan(0, 1) = std::numeric_limits<double>::quiet_NaN();
  const auto refused_at_run_time =
      ctnn::train(start, X_nan, yr, gd, ctnn::until{.max_epochs = 5}, ctnn::loss_history<double, 4>{});
  CHECK(refused_at_run_time.status == ctnn::train_status::diverged);
  CHECK(refused_at_run_time.history.count == 0);
  const auto plain = ctnn::train(start, Xr, yr, gd, ctnn::until{.max_epochs = 20});
  CHECK(fit.network == plain.network);
  const auto half = ctnn::train(start, Xr, yr, gd, ctnn::until{.max_epochs = 9}, ctnn::loss_history<double, 8>{});
  CHECK(ctnn::train(half, Xr, yr, gd, ctnn::until{.max_epochs = 20}).history == fit.history);
}

// Staged training gives the same bits as one unsplit run.
//
// The unsplit runs here are longer than Clang's default budget allows, so
// this test (alone) is built with raised limits (tests/meson.build); each
// stage on its own stays inside the defaults, as examples/welch_labs.cpp,
// built with no flags, shows. Checked for gradient descent (no state),
// momentum with mini-batches (velocity and the shuffling PRNG carried over)
// and Adam (m, v and β^t carried over).
#include <doctest/doctest.h>

#include <ctnn/ctnn.hpp>

namespace {

using net_t = ctnn::mlp<double, ctnn::sigmoid, 2, 3, 1>;
constexpr ctnn::matrix<double, 3, 2> X{{0.3, 1.0}, {0.5, 0.2}, {1.0, 0.4}};
constexpr ctnn::matrix<double, 3, 1> y{{0.75}, {0.82}, {0.93}};

template <class Opt, std::size_t Epochs, std::size_t PerStage>
struct setup {
  static constexpr auto start = ctnn::initialize<net_t>(42);
  static constexpr auto X = ::X;
  static constexpr auto y = ::y;
  static constexpr Opt optimizer{};
  static constexpr ctnn::until stop{.max_epochs = Epochs};
  static constexpr std::size_t epochs_per_stage = PerStage;
};

struct gd : ctnn::gradient_descent {
  constexpr gd() : ctnn::gradient_descent{.learning_rate = 10.0} {}
};
struct heavy_ball : ctnn::momentum {
  constexpr heavy_ball() : ctnn::momentum{.learning_rate = 1.0, .beta = 0.9, .batch_size = 2, .seed = 7} {}
};
struct adam_05 : ctnn::adam {
  constexpr adam_05() : ctnn::adam{.learning_rate = 0.05} {}
};

template <class S, std::size_t K>
constexpr bool same_as_unsplit() {
  const auto& staged = ctnn::staged_training<S, K>;
  const auto whole = ctnn::train(S::start, X, y, S::optimizer, S::stop);
  return staged.network == whole.network && staged.epochs == whole.epochs && staged.loss == whole.loss &&
         staged.status == whole.status && staged.optimizer_state == whole.optimizer_state;
}

// 360 epochs of gradient descent: more than Clang's default 1,048,576 steps
// in one piece; 3 stages of 120 each fit.
using gd_setup = setup<gd, 360, 120>;
static_assert(same_as_unsplit<gd_setup, 3>());
static_assert(ctnn::staged_training<gd_setup, 3>.epochs == 360);
// Stages past the end change nothing.
static_assert(ctnn::staged_training<gd_setup, 4>.network == ctnn::staged_training<gd_setup, 3>.network);

using momentum_setup = setup<heavy_ball, 60, 20>;
static_assert(same_as_unsplit<momentum_setup, 3>());
using adam_setup = setup<adam_05, 90, 30>;
static_assert(same_as_unsplit<adam_setup, 3>());

}  // namespace

TEST_CASE("resuming at run time gives the same bits as the staged compile-time run's own arithmetic") {
  // At run time ctnn::math calls <cmath>, so the bits differ from compile
  // time by an ulp here and there; what must hold is that splitting a
  // run-time run changes nothing.
  volatile double lr = 10.0;
  const ctnn::gradient_descent opt{.learning_rate = lr};
  const auto start = ctnn::initialize<net_t>(42);
  auto r = ctnn::train(start, X, y, opt, ctnn::until{.max_epochs = 0});
  for (std::size_t k = 1; k <= 3; ++k) r = ctnn::train(r, X, y, opt, ctnn::until{.max_epochs = 120 * k});
  const auto whole = ctnn::train(start, X, y, opt, ctnn::until{.max_epochs = 360});
  CHECK(r.network == whole.network);
  CHECK(r.epochs == 360);
  CHECK(r.loss == whole.loss);
}

// tests/determinism/train_and_dump.cpp - three training runs done by the
// compiler, their weights printed as hexadecimal floats (printf "%a", exact
// to the last bit), one per line. compare.py builds this file with every
// compiler it finds and requires the outputs to be byte-identical.
//
// Why the bits can be the same on every compiler: determinism has three parts.
//   1. The seeded PRNG: initialize<Net>(seed) draws from ctnn::splitmix64, a
//      fixed integer recurrence, so the starting weights depend on the seed
//      only (not on <random>, whose distributions differ between libraries).
//   2. ctnn's own math in constant evaluation: exp, log, tanh, sqrt, pow are
//      ctnn::math::portable (fdlibm's algorithms, in plain IEEE double
//      operations), never a compiler's builtin or the host's libm, so each
//      call gives the same bits on GCC and Clang.
//   3. No long double: ctnn::math accepts float and double only, and no
//      intermediate is widened to long double (80, 64 or 128 bits depending
//      on the host), so no result depends on the host's format.
// Everything below is computed in constexpr variables: the program only
// prints values the compiler has already fixed.

#include <cstddef>
#include <cstdio>

#include <ctnn/ctnn.hpp>

namespace {

// (a) The walkthrough's 2-3-1 sigmoid network, gradient descent, 200 epochs.
constexpr ctnn::matrix<double, 3, 2> walk_X{{3.0 / 10, 5.0 / 5}, {5.0 / 10, 1.0 / 5}, {10.0 / 10, 2.0 / 5}};
constexpr ctnn::matrix<double, 3, 1> walk_y{{0.75}, {0.82}, {0.93}};
using walk_t = ctnn::mlp<double, ctnn::sigmoid, 2, 3, 1>;

constexpr auto walk_gd = ctnn::train(ctnn::initialize<walk_t>(42), walk_X, walk_y,
                                     ctnn::gradient_descent{.learning_rate = 10.0},
                                     ctnn::until{.max_epochs = 200});
static_assert(walk_gd.epochs == 200);

// (b) XOR with biases, Adam, 100 epochs.
constexpr ctnn::matrix<double, 4, 2> xor_X{{0, 0}, {0, 1}, {1, 0}, {1, 1}};
constexpr ctnn::matrix<double, 4, 1> xor_y{{0}, {1}, {1}, {0}};
using xor_t = ctnn::network<double, ctnn::dense<2, 3, ctnn::sigmoid, ctnn::with_bias>,
                                    ctnn::dense<3, 1, ctnn::sigmoid, ctnn::with_bias>>;

constexpr auto xor_adam = ctnn::train(ctnn::initialize<xor_t>(3), xor_X, xor_y,
                                      ctnn::adam{.learning_rate = 0.1},
                                      ctnn::until{.max_epochs = 100});
static_assert(xor_adam.epochs == 100);

// (c) The walkthrough with BFGS, until J < 1e-10.
constexpr auto walk_bfgs = ctnn::train(ctnn::initialize<walk_t>(42), walk_X, walk_y, ctnn::bfgs{},
                                       ctnn::until{.max_epochs = 200, .loss_below = 1e-10});
static_assert(walk_bfgs.status == ctnn::train_status::converged && walk_bfgs.loss < 1e-10);

template <class Fit>
void dump(const char* name, const Fit& fit) {
  constexpr std::size_t n = decltype(fit.network)::parameter_count;
  const auto w = ctnn::flatten(fit.network);
  std::printf("# %s: %zu epochs, %zu weights, J = %a\n", name, fit.epochs, n, fit.loss);
  for (std::size_t i = 0; i < n; ++i) std::printf("%a\n", w(i, 0));
}

}  // namespace

int main() {
  // flatten() at run time only copies: the values were fixed by the compiler.
  dump("walkthrough, gradient descent", walk_gd);
  dump("XOR with biases, Adam", xor_adam);
  dump("walkthrough, BFGS", walk_bfgs);
}

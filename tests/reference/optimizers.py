#!/usr/bin/python3
"""Independent NumPy reference for ctnn's optimizers.

Computes, in float64, the parameters and cost of two small fixed networks
after a few steps of each first-order optimizer, and writes them to
optimizers_reference.hpp as exact hexadecimal floating literals, so that C++
tests can compare against them without NumPy.

    momentum   the walkthrough's 2-3-1 network (no biases), momentum, 1 and 50 steps
    adam       the same network, Adam, 1 and 50 steps
    minibatch  the same network, mini-batch gradient descent (batch_size 2, seed 7),
               rows shuffled every epoch with SplitMix64, 1 and 10 epochs
    adam_xor   XOR, 2-3-1 sigmoid with biases, Adam, 1 and 50 steps

The networks, their forward pass, cost and backpropagated gradient are those of
welch_labs.py (imported from it); the optimizers and the PRNG are written here
from their equations:

    momentum   v <- beta v + g;  W <- W - eta v                          (v starts at 0)
    adam       m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g^2
               mhat = m / (1 - b1^t);  vhat = v / (1 - b2^t)
               W <- W - eta mhat / (sqrt(vhat) + eps)                    (t = 1 on the first step)
    minibatch  per epoch: Fisher-Yates shuffle of the row indices, then one step
               W <- W - eta g per batch of consecutive shuffled rows, g being the
               sum of the batch's per-row gradients

Regenerate from the repository root with:

    /usr/bin/python3 tests/reference/optimizers.py
"""

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from welch_labs import Header, WelchLabs, XorSigmoid  # noqa: E402


# ---------------------------------------------------------------- SplitMix64

MASK64 = (1 << 64) - 1


class SplitMix64:
    """SplitMix64 (Steele, Lea and Flood, 2014), with explicit 64-bit wrap-around."""

    def __init__(self, seed):
        self.state = seed & MASK64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def below(self, n):
        """Uniform integer on [0, n): rejection from the smallest all-ones mask >= n - 1."""
        if n <= 1:
            return 0
        mask = 1
        while mask < n - 1:
            mask = (mask << 1) | 1
        while True:
            r = self.next() & mask
            if r < n:
                return r


def shuffled_rows(rng, n):
    """Fisher-Yates: i from n-1 down to 1, swap order[i] with order[rng.below(i + 1)]."""
    order = list(range(n))
    for i in range(n - 1, 0, -1):
        j = rng.below(i + 1)
        order[i], order[j] = order[j], order[i]
    return order


# ---------------------------------------------------------------- optimizers

def copy_params(N):
    return [P.copy() for P in N.params()]


class Momentum:
    def __init__(self, N, eta, beta):
        self.eta, self.beta = eta, beta
        self.v = [np.zeros_like(P) for P in N.params()]

    def step(self, N, grads):
        for P, V, G in zip(N.params(), self.v, grads):
            V *= self.beta
            V += G                      # v <- beta v + g
            P -= self.eta * V           # W <- W - eta v


class Adam:
    def __init__(self, N, eta, beta1, beta2, epsilon, use_pow=False):
        self.eta, self.b1, self.b2, self.eps = eta, beta1, beta2, epsilon
        self.use_pow = use_pow
        self.m = [np.zeros_like(P) for P in N.params()]
        self.v = [np.zeros_like(P) for P in N.params()]
        # b1^t and b2^t by repeated multiplication (as ctnn does; agrees with
        # ** to within an ulp or two, checked in main()).
        self.b1_t = 1.0
        self.b2_t = 1.0
        self.t = 0

    def step(self, N, grads):
        self.t += 1
        if self.use_pow:
            self.b1_t, self.b2_t = self.b1 ** self.t, self.b2 ** self.t
        else:
            self.b1_t *= self.b1
            self.b2_t *= self.b2
        for P, M, V, G in zip(N.params(), self.m, self.v, grads):
            M[...] = self.b1 * M + (1.0 - self.b1) * G          # m <- b1 m + (1 - b1) g
            V[...] = self.b2 * V + (1.0 - self.b2) * G * G      # v <- b2 v + (1 - b2) g^2
            mhat = M / (1.0 - self.b1_t)
            vhat = V / (1.0 - self.b2_t)
            P -= self.eta * mhat / (np.sqrt(vhat) + self.eps)


class GradientDescent:
    def __init__(self, eta):
        self.eta = eta

    def step(self, N, grads):
        for P, G in zip(N.params(), grads):
            P -= self.eta * G


def full_batch_run(N, X, y, opt, checkpoints):
    """Full-batch steps; returns {steps: (params, J)} at each checkpoint."""
    out = {}
    for t in range(1, max(checkpoints) + 1):
        opt.step(N, N.gradients(X, y))
        if t in checkpoints:
            out[t] = (copy_params(N), N.cost(X, y))
    return out


def batch_gradient(N, X, y, rows):
    """Sum of the per-row gradients of the given rows, accumulated in order."""
    total = [np.zeros_like(P) for P in N.params()]
    for i in rows:
        for T, G in zip(total, N.gradients(X[i:i + 1], y[i:i + 1])):
            T += G
    return total


def minibatch_run(N, X, y, opt, batch_size, seed, checkpoints):
    """Epochs of mini-batch steps; returns {epochs: (params, J on all rows)} and the
    row order used in each epoch. The PRNG persists across epochs."""
    rng = SplitMix64(seed)
    n = X.shape[0]
    out, orders = {}, []
    for epoch in range(1, max(checkpoints) + 1):
        order = shuffled_rows(rng, n)
        orders.append(order)
        for start in range(0, n, batch_size):
            opt.step(N, batch_gradient(N, X, y, order[start:start + batch_size]))
        if epoch in checkpoints:
            out[epoch] = (copy_params(N), N.cost(X, y))
    return out, orders


# ---------------------------------------------------------------- the cases

X_WL = np.array([[0.3, 1.0], [0.5, 0.2], [1.0, 0.4]])
Y_WL = np.array([[0.75], [0.82], [0.93]])
W1_WL = [[0.2, -0.4, 0.6], [0.8, 0.1, -0.3]]
W2_WL = [[0.5], [-0.7], [0.9]]

X_XOR = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y_XOR = np.array([[0.0], [1.0], [1.0], [0.0]])
W1_XOR = [[0.5, -0.6, 0.3], [-0.2, 0.7, 0.9]]
B1_XOR = [[0.1, -0.1, 0.05]]
W2_XOR = [[0.6], [-0.4], [0.8]]
B2_XOR = [[-0.3]]

MOMENTUM = dict(eta=1.0, beta=0.9)
ADAM = dict(eta=0.05, beta1=0.9, beta2=0.999, epsilon=1e-8)
MINIBATCH = dict(eta=3.0, batch_size=2, seed=7)
ADAM_XOR = dict(eta=0.1, beta1=0.9, beta2=0.999, epsilon=1e-8)

SPLITMIX64_PUBLISHED = (1234567, [6457827717110365317, 3203168211198807973, 9817491932198370423])


def welch_labs_net():
    return WelchLabs(W1_WL, W2_WL)


def xor_net():
    return XorSigmoid(W1_XOR, B1_XOR, W2_XOR, B2_XOR)


# ---------------------------------------------------------------- self-checks

def rel_err(a, b):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(np.max(np.abs(a - b) / (1e-300 + np.abs(b))))


def check_splitmix64():
    seed, expected = SPLITMIX64_PUBLISHED
    rng = SplitMix64(seed)
    got = [rng.next() for _ in expected]
    assert got == expected, ("SplitMix64 does not match the published outputs", got, expected)
    # below(n) stays in range and reaches every value
    rng = SplitMix64(7)
    for n in (1, 2, 3, 4, 5, 7, 8, 9):
        seen = {rng.below(n) for _ in range(400)}
        assert seen == set(range(n)), (n, seen)
    return got


def check_cases(results):
    J0 = welch_labs_net().cost(X_WL, Y_WL)
    Jx = xor_net().cost(X_XOR, Y_XOR)

    # The cost falls at every checkpoint.
    for name, start, runs in (("momentum", J0, results["momentum"]),
                              ("adam", J0, results["adam"]),
                              ("minibatch", J0, results["minibatch"]),
                              ("adam_xor", Jx, results["adam_xor"])):
        costs = [start] + [runs[k][1] for k in sorted(runs)]
        assert all(b < a for a, b in zip(costs, costs[1:])), (name, costs)

    # Momentum's first step (v = g) is a plain gradient descent step with the same eta.
    N = welch_labs_net()
    g = N.gradients(X_WL, Y_WL)
    for P, G, P1 in zip(N.params(), g, results["momentum"][1][0]):
        assert np.array_equal(P - MOMENTUM["eta"] * G, P1), "momentum step 1 != W - eta g"

    # Adam's first step moves every weight by eta * g / (|g| + eps), i.e. by ~eta.
    for net, X, y, opts, key in ((welch_labs_net(), X_WL, Y_WL, ADAM, "adam"),
                                 (xor_net(), X_XOR, Y_XOR, ADAM_XOR, "adam_xor")):
        g = net.gradients(X, y)
        for P, G, P1 in zip(net.params(), g, results[key][1][0]):
            expected = P - opts["eta"] * G / (np.abs(G) + opts["epsilon"])
            assert rel_err(P1, expected) < 1e-14, (key, P1, expected)
            assert np.all(np.abs(np.abs(P1 - P) - opts["eta"]) < 1e-5 * opts["eta"]), key

    # Adam with b^t from ** instead of repeated multiplication: the same to ~1e-14.
    N = welch_labs_net()
    alt = full_batch_run(N, X_WL, Y_WL, Adam(N, use_pow=True, **ADAM), {50})
    for P, Q in zip(alt[50][0], results["adam"][50][0]):
        assert rel_err(P, Q) < 1e-12, ("adam with pow", rel_err(P, Q))

    # The sum of the per-row gradients is the full-batch gradient, so a mini-batch run
    # with one batch of all the rows is full-batch gradient descent.
    N = welch_labs_net()
    whole = batch_gradient(N, X_WL, Y_WL, [2, 0, 1])
    for A, B in zip(whole, N.gradients(X_WL, Y_WL)):
        assert rel_err(A, B) < 1e-13, "sum of row gradients != full gradient"
    one_batch, _ = minibatch_run(welch_labs_net(), X_WL, Y_WL, GradientDescent(MINIBATCH["eta"]),
                                 3, MINIBATCH["seed"], {10})
    full = full_batch_run(welch_labs_net(), X_WL, Y_WL, GradientDescent(MINIBATCH["eta"]), {10})
    for A, B in zip(one_batch[10][0], full[10][0]):
        assert rel_err(A, B) < 1e-12, "one batch of all rows != full batch"

    # Every epoch's order is a permutation of the rows.
    for order in results["minibatch_orders"]:
        assert sorted(order) == [0, 1, 2], order


# ---------------------------------------------------------------- C++ output

def emit_uint(h, ctype, name, value):
    h.lines.append("    inline constexpr %s %s = %d;" % (ctype, name, value))


def emit_data_welch_labs(h):
    h.comment("data: the walkthrough's X (divided by each column's maximum) and y")
    h.matrix("X", X_WL)
    h.matrix("y", Y_WL)
    h.blank()
    h.comment("starting parameters and the cost there")
    h.matrix("W1_start", W1_WL)
    h.matrix("W2_start", W2_WL)
    h.scalar("J", welch_labs_net().cost(X_WL, Y_WL))


def emit_runs(h, names, runs, unit):
    for k in sorted(runs):
        params, J = runs[k]
        h.blank()
        h.comment("after %d %s%s" % (k, unit, "" if k == 1 else "s"))
        for name, P in zip(names, params):
            h.matrix("%s_%s%d" % (name, unit, k), P)
        h.scalar("J_%s%d" % (unit, k), J)


def write_header(path, results, splitmix_check):
    h = Header()
    L = h.lines
    L.append("// Generated by tests/reference/optimizers.py with NumPy %s (Python %s); do not edit."
             % (np.__version__, sys.version.split()[0]))
    L.append("// Regenerate from the repository root: /usr/bin/python3 tests/reference/optimizers.py")
    L.append("//")
    L.append("// An independent float64 reference for ctnn's first-order optimizers (momentum, Adam,")
    L.append("// mini-batch gradient descent with SplitMix64 shuffling) on the walkthrough's 2-3-1")
    L.append("// network and on XOR. The forward pass, J = sum(1/2 (y - yhat)^2) and the gradient are")
    L.append("// those of welch_labs_reference.hpp. Every value is an exact hexadecimal floating")
    L.append("// literal; the decimal comment beside it is only for reading. NumPy's exp, sqrt and")
    L.append("// matrix products may differ from ctnn by an ulp or so, and 50 steps carry that along:")
    L.append("// compare with a relative tolerance, not with ==. Matrices are name[row][col].")
    L.append("#pragma once")
    L.append("")
    L.append("#include <array>")
    L.append("#include <cstddef>")
    L.append("#include <cstdint>")
    L.append("")
    L.append("namespace ctnn_reference {")
    L.append("")

    # momentum
    L.append("// Momentum on the walkthrough: 2-3-1, sigmoid/sigmoid, no biases, full batch.")
    L.append("// v <- beta v + dJ/dW (v starts at 0), W <- W - eta v.")
    L.append("namespace momentum {")
    h.blank()
    emit_data_welch_labs(h)
    h.blank()
    h.comment("options")
    h.scalar("eta", MOMENTUM["eta"])
    h.scalar("beta", MOMENTUM["beta"])
    emit_runs(h, WelchLabs.param_names, results["momentum"], "step")
    h.blank()
    L.append("}  // namespace momentum")
    h.blank()

    # adam
    L.append("// Adam on the walkthrough: 2-3-1, sigmoid/sigmoid, no biases, full batch.")
    L.append("// m <- b1 m + (1 - b1) g, v <- b2 v + (1 - b2) g^2, mhat = m / (1 - b1^t),")
    L.append("// vhat = v / (1 - b2^t), W <- W - eta mhat / (sqrt(vhat) + epsilon); t = 1 on the first")
    L.append("// step; m and v start at 0; b^t by repeated multiplication.")
    L.append("namespace adam {")
    h.blank()
    emit_data_welch_labs(h)
    h.blank()
    h.comment("options")
    h.scalar("eta", ADAM["eta"])
    h.scalar("beta1", ADAM["beta1"])
    h.scalar("beta2", ADAM["beta2"])
    h.scalar("epsilon", ADAM["epsilon"])
    emit_runs(h, WelchLabs.param_names, results["adam"], "step")
    h.blank()
    L.append("}  // namespace adam")
    h.blank()

    # minibatch
    orders = results["minibatch_orders"]
    L.append("// Mini-batch gradient descent on the walkthrough: W <- W - eta g once per batch, g the sum")
    L.append("// of the batch's per-row gradients. Each epoch shuffles the row indices with SplitMix64")
    L.append("// (state starts at the seed and persists across epochs): Fisher-Yates, i from N-1 down")
    L.append("// to 1, j = below(i + 1), swap order[i] and order[j]; below(n) draws next() & mask,")
    L.append("// mask the smallest 2^k - 1 >= n - 1, until the draw is < n. Then batches of")
    L.append("// batch_size consecutive shuffled rows (here 2 rows, then 1). J is over all rows.")
    L.append("namespace minibatch {")
    h.blank()
    emit_data_welch_labs(h)
    h.blank()
    h.comment("options")
    h.scalar("eta", MINIBATCH["eta"])
    emit_uint(h, "std::size_t", "batch_size", MINIBATCH["batch_size"])
    emit_uint(h, "std::uint64_t", "seed", MINIBATCH["seed"])
    h.blank()
    h.comment("row order of each epoch, order[epoch - 1][k] (the batches are {k = 0, 1}, {k = 2})")
    L.append("    inline constexpr std::array<std::array<std::size_t, %d>, %d> order{{"
             % (len(orders[0]), len(orders)))
    for i, o in enumerate(orders):
        L.append("        {%s}%s" % (", ".join(str(v) for v in o), "," if i + 1 < len(orders) else ""))
    L.append("    }};")
    emit_runs(h, WelchLabs.param_names, results["minibatch"], "epoch")
    h.blank()
    L.append("}  // namespace minibatch")
    h.blank()

    # adam_xor
    L.append("// Adam on XOR with biases: 2-3-1, sigmoid/sigmoid, z2 = X W1 + b1, z3 = a2 W2 + b2,")
    L.append("// J = sum(1/2 (y - yhat)^2), full batch; the update as in namespace adam.")
    L.append("namespace adam_xor {")
    h.blank()
    h.comment("data")
    h.matrix("X", X_XOR)
    h.matrix("y", Y_XOR)
    h.blank()
    h.comment("starting parameters and the cost there")
    h.matrix("W1_start", W1_XOR)
    h.matrix("b1_start", B1_XOR)
    h.matrix("W2_start", W2_XOR)
    h.matrix("b2_start", B2_XOR)
    h.scalar("J", xor_net().cost(X_XOR, Y_XOR))
    h.blank()
    h.comment("options")
    h.scalar("eta", ADAM_XOR["eta"])
    h.scalar("beta1", ADAM_XOR["beta1"])
    h.scalar("beta2", ADAM_XOR["beta2"])
    h.scalar("epsilon", ADAM_XOR["epsilon"])
    emit_runs(h, XorSigmoid.param_names, results["adam_xor"], "step")
    h.blank()
    L.append("}  // namespace adam_xor")
    h.blank()

    # SplitMix64 check values
    seed, expected = SPLITMIX64_PUBLISHED
    L.append("// SplitMix64's published first outputs for seed %d, reproduced by this script." % seed)
    L.append("namespace splitmix64 {")
    h.blank()
    emit_uint(h, "std::uint64_t", "seed", seed)
    L.append("    inline constexpr std::array<std::uint64_t, %d> outputs{%s};"
             % (len(splitmix_check), ", ".join("%dULL" % v for v in splitmix_check)))
    h.blank()
    L.append("}  // namespace splitmix64")
    h.blank()
    L.append("}  // namespace ctnn_reference")

    with open(path, "w") as f:
        f.write("\n".join(L) + "\n")


# ---------------------------------------------------------------- main

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_path = os.path.join(here, "optimizers_reference.hpp")

    splitmix_check = check_splitmix64()

    results = {}
    N = welch_labs_net()
    results["momentum"] = full_batch_run(N, X_WL, Y_WL, Momentum(N, **MOMENTUM), {1, 50})
    N = welch_labs_net()
    results["adam"] = full_batch_run(N, X_WL, Y_WL, Adam(N, **ADAM), {1, 50})
    N = welch_labs_net()
    results["minibatch"], results["minibatch_orders"] = minibatch_run(
        N, X_WL, Y_WL, GradientDescent(MINIBATCH["eta"]), MINIBATCH["batch_size"], MINIBATCH["seed"], {1, 10})
    N = xor_net()
    results["adam_xor"] = full_batch_run(N, X_XOR, Y_XOR, Adam(N, **ADAM_XOR), {1, 50})

    check_cases(results)
    write_header(out_path, results, splitmix_check)

    print("NumPy %s" % np.__version__)
    print("wrote %s" % os.path.relpath(out_path))
    print("SplitMix64 seed %d: %s (matches the published values)" % (SPLITMIX64_PUBLISHED[0], splitmix_check))
    print("minibatch row orders: %s" % results["minibatch_orders"])
    J0 = welch_labs_net().cost(X_WL, Y_WL)
    Jx = xor_net().cost(X_XOR, Y_XOR)
    for name, start, runs, unit in (("momentum", J0, results["momentum"], "steps"),
                                    ("adam", J0, results["adam"], "steps"),
                                    ("minibatch", J0, results["minibatch"], "epochs"),
                                    ("adam_xor", Jx, results["adam_xor"], "steps")):
        print("%-10s J start %.17g  " % (name, start)
              + "  ".join("J %d %s %.17g" % (k, unit, runs[k][1]) for k in sorted(runs)))


if __name__ == "__main__":
    main()

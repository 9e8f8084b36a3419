#!/usr/bin/python3
"""Independent NumPy reference for ctnn's L2 regularisation (ctnn::regularization).

The cost and gradient of the walkthrough's part 7 (Welch Labs, "Neural
Networks Demystified", part 7: overfitting, testing and regularization),
written from its equations:

    J      = 0.5 * sum((y - yHat)**2) / n + (Lambda / 2) * (sum(W1**2) + sum(W2**2))
    dJdW2  = a2.T @ delta3 / n + Lambda * W2
    dJdW1  = X.T @ delta2 / n + Lambda * W1
    (with biases, as ctnn allows: dJdb = sum(delta, axis=0) / n, biases not penalised)

with n = X.shape[0]. Cases:

    overfitting  2-3-1, no biases, the original's 4 training examples (hours of
                 sleep and of study -> test score) and 4 test examples, Lambda = 1e-4:
                 J, gradients, numerical gradient check, J on the test set,
                 gradient descent (eta = 3) after 1 and 10 steps, mini-batch
                 gradient descent (batch 2, seed 7, SplitMix64 shuffling as in
                 optimizers.py) after 1 and 5 epochs, where a batch's gradient is
                 the formula above applied to the batch's rows (its n = the batch size)
    xor_biased   2-3-1 with biases on XOR, Lambda = 0.01: J, gradients, check

It writes regularization_reference.hpp (same format as welch_labs_reference.hpp).
Regenerate from the repository root:

    /usr/bin/python3 tests/reference/regularization.py
"""

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from welch_labs import Header, sigmoid, sigmoid_prime, compute_numerical_gradient, relative_difference  # noqa: E402
from optimizers import SplitMix64, shuffled_rows  # noqa: E402


class Regularized:
    """2-3-1, sigmoid on both layers, optional biases, the part 7 cost."""

    def __init__(self, Lambda, W1, W2, b1=None, b2=None):
        self.Lambda = Lambda
        self.W1 = np.array(W1, dtype=np.float64)
        self.W2 = np.array(W2, dtype=np.float64)
        self.biased = b1 is not None
        if self.biased:
            self.b1 = np.array(b1, dtype=np.float64)
            self.b2 = np.array(b2, dtype=np.float64)
        self.param_names = ("W1", "b1", "W2", "b2") if self.biased else ("W1", "W2")

    def params(self):
        return [self.W1, self.b1, self.W2, self.b2] if self.biased else [self.W1, self.W2]

    def forward(self, X):
        self.z2 = X @ self.W1 + (self.b1 if self.biased else 0.0)
        self.a2 = sigmoid(self.z2)
        self.z3 = self.a2 @ self.W2 + (self.b2 if self.biased else 0.0)
        return sigmoid(self.z3)

    def cost(self, X, y):
        self.yHat = self.forward(X)
        n = X.shape[0]
        return float(0.5 * np.sum((y - self.yHat) ** 2) / n
                     + (self.Lambda / 2) * (np.sum(self.W1 ** 2) + np.sum(self.W2 ** 2)))

    def gradients(self, X, y):
        self.yHat = self.forward(X)
        n = X.shape[0]
        delta3 = -(y - self.yHat) * sigmoid_prime(self.z3)
        dJdW2 = self.a2.T @ delta3 / n + self.Lambda * self.W2
        delta2 = (delta3 @ self.W2.T) * sigmoid_prime(self.z2)
        dJdW1 = X.T @ delta2 / n + self.Lambda * self.W1
        if not self.biased:
            return [dJdW1, dJdW2]
        dJdb1 = np.sum(delta2, axis=0, keepdims=True) / n
        dJdb2 = np.sum(delta3, axis=0, keepdims=True) / n
        return [dJdW1, dJdb1, dJdW2, dJdb2]

    def step(self, grads, eta):
        for P, G in zip(self.params(), grads):
            P -= eta * G


# ---------------------------------------------------------------- data

# The original's training and test data: (hours of sleep, hours of study) -> score.
TRAIN_X_RAW = np.array([[3, 5], [5, 1], [10, 2], [6, 1.5]], dtype=np.float64)
TRAIN_Y_RAW = np.array([[75], [82], [93], [70]], dtype=np.float64)
TEST_X_RAW = np.array([[4, 5.5], [4.5, 1], [9, 2.5], [6, 2]], dtype=np.float64)
TEST_Y_RAW = np.array([[70], [89], [85], [75]], dtype=np.float64)
# Both scaled by the training data's maximum per column ([10, 5]), scores by 100.
# (The original's notebook divides testX by the maximum of the already scaled
# trainX, that is by [1, 1], which leaves testX unscaled; the scaling here is
# the one its comment "Normalize by max of training data" describes.)
SCALE = np.amax(TRAIN_X_RAW, axis=0)
TRAIN_X = TRAIN_X_RAW / SCALE
TRAIN_Y = TRAIN_Y_RAW / 100.0
TEST_X = TEST_X_RAW / SCALE
TEST_Y = TEST_Y_RAW / 100.0

W1_WL = [[0.2, -0.4, 0.6], [0.8, 0.1, -0.3]]
W2_WL = [[0.5], [-0.7], [0.9]]
LAMBDA = 1e-4
ETA = 3.0
BATCH, SEED = 2, 7

X_XOR = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
Y_XOR = np.array([[0], [1], [1], [0]], dtype=np.float64)
W1_XOR = [[0.5, -0.6, 0.3], [-0.2, 0.7, 0.9]]
B1_XOR = [[0.1, -0.1, 0.05]]
W2_XOR = [[0.6], [-0.4], [0.8]]
B2_XOR = [[-0.3]]
LAMBDA_XOR = 0.01


def overfitting_net(Lambda=LAMBDA):
    return Regularized(Lambda, W1_WL, W2_WL)


def xor_net(Lambda=LAMBDA_XOR):
    return Regularized(Lambda, W1_XOR, W2_XOR, B1_XOR, B2_XOR)


def full_batch(N, X, y, steps):
    for _ in range(steps):
        N.step(N.gradients(X, y), ETA)
    return [P.copy() for P in N.params()], N.cost(X, y)


def minibatch(N, X, y, epochs):
    rng = SplitMix64(SEED)
    orders = []
    for _ in range(epochs):
        order = shuffled_rows(rng, X.shape[0])
        orders.append(order)
        for start in range(0, X.shape[0], BATCH):
            rows = order[start:start + BATCH]
            N.step(N.gradients(X[rows], y[rows]), ETA)
    return [P.copy() for P in N.params()], N.cost(X, y), orders


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_path = os.path.join(here, "regularization_reference.hpp")

    N = overfitting_net()
    J = N.cost(TRAIN_X, TRAIN_Y)
    grads = [G.copy() for G in N.gradients(TRAIN_X, TRAIN_Y)]
    check = relative_difference(grads, compute_numerical_gradient(N, TRAIN_X, TRAIN_Y))
    J_test = N.cost(TEST_X, TEST_Y)
    J_unregularized = overfitting_net(0.0).cost(TRAIN_X, TRAIN_Y)
    after1, J1 = full_batch(overfitting_net(), TRAIN_X, TRAIN_Y, 1)
    after10, J10 = full_batch(overfitting_net(), TRAIN_X, TRAIN_Y, 10)
    mb1, Jmb1, _ = minibatch(overfitting_net(), TRAIN_X, TRAIN_Y, 1)
    mb5, Jmb5, orders = minibatch(overfitting_net(), TRAIN_X, TRAIN_Y, 5)

    Nx = xor_net()
    Jx = Nx.cost(X_XOR, Y_XOR)
    gx = [G.copy() for G in Nx.gradients(X_XOR, Y_XOR)]
    check_x = relative_difference(gx, compute_numerical_gradient(Nx, X_XOR, Y_XOR))

    # Self-checks: the gradient law, the penalty's size, that biases are not
    # penalised, and that training lowers J.
    assert check < 1e-8 and check_x < 1e-8, (check, check_x)
    penalty = LAMBDA / 2 * (np.sum(np.square(W1_WL)) + np.sum(np.square(W2_WL)))
    assert abs(J - J_unregularized - penalty) < 1e-15
    g0 = xor_net(0.0).gradients(X_XOR, Y_XOR)
    assert np.array_equal(gx[1], g0[1]) and np.array_equal(gx[3], g0[3])  # dJdb1, dJdb2
    assert np.allclose(gx[0], g0[0] + LAMBDA_XOR * np.array(W1_XOR), rtol=0, atol=1e-16)
    assert J10 < J1 < J and Jmb5 < Jmb1 < J

    h = Header()
    L = h.lines
    L += [
        "// Generated by tests/reference/regularization.py with NumPy %s (Python %s); do not edit."
        % (np.__version__, sys.version.split()[0]),
        "// Regenerate from the repository root: /usr/bin/python3 tests/reference/regularization.py",
        "//",
        "// An independent float64 reference for L2 regularisation, the walkthrough's part 7 cost:",
        "//   J = 0.5 sum((y - yhat)^2) / n + (Lambda/2) (sum(W1^2) + sum(W2^2)),",
        "//   dJdW = (a_prev^T delta) / n + Lambda W,  dJdb = sum(delta) / n (biases not penalised).",
        "// Exact hexadecimal literals; compare with a tolerance (see README.md). Matrices are name[row][col].",
        "#pragma once",
        "",
        "#include <array>",
        "#include <cstddef>",
        "#include <cstdint>",
        "",
        "namespace ctnn_reference {",
        "",
        "// The overfitting chapter: 2-3-1, sigmoid/sigmoid, no biases, Lambda = 1e-4.",
        "namespace overfitting {",
        "",
    ]
    h.comment("training data: X = [[3,5],[5,1],[10,2],[6,1.5]] / [10, 5], y = [75,82,93,70] / 100")
    h.matrix("X", TRAIN_X)
    h.matrix("y", TRAIN_Y)
    h.comment("test data: X = [[4,5.5],[4.5,1],[9,2.5],[6,2]] / [10, 5] (the training maximum), y = [70,89,85,75] / 100")
    h.matrix("X_test", TEST_X)
    h.matrix("y_test", TEST_Y)
    h.comment("starting weights, Lambda, learning rate, mini-batch options")
    h.matrix("W1_start", W1_WL)
    h.matrix("W2_start", W2_WL)
    h.scalar("lambda", LAMBDA)
    h.scalar("eta", ETA)
    L.append("    inline constexpr std::size_t batch_size = %d;" % BATCH)
    L.append("    inline constexpr std::uint64_t seed = %d;" % SEED)
    h.blank()
    h.comment("at the starting weights: J, J without the penalty (Lambda = 0), J on the test set")
    h.scalar("J", J)
    h.scalar("J_unregularized", J_unregularized)
    h.scalar("J_test", J_test)
    h.comment("gradient, and norm(g - g_num) / norm(g + g_num) with central differences, eps = 1e-4")
    h.matrix("dJdW1", grads[0])
    h.matrix("dJdW2", grads[1])
    h.scalar("gradient_check", check)
    h.blank()
    h.comment("full-batch gradient descent, W <- W - eta dJdW: after 1 and 10 steps")
    for suffix, params, Jv in (("step1", after1, J1), ("step10", after10, J10)):
        h.matrix("W1_" + suffix, params[0])
        h.matrix("W2_" + suffix, params[1])
        h.scalar("J_" + suffix, Jv)
    h.comment("mini-batch gradient descent, batch_size 2, seed 7: after 1 and 5 epochs")
    h.comment("row orders: %s" % orders)
    for suffix, params, Jv in (("epoch1", mb1, Jmb1), ("epoch5", mb5, Jmb5)):
        h.matrix("W1_" + suffix, params[0])
        h.matrix("W2_" + suffix, params[1])
        h.scalar("J_" + suffix, Jv)
    L += ["", "}  // namespace overfitting", "",
          "// XOR 2-3-1 with biases, sigmoid/sigmoid, Lambda = 0.01: biases are not penalised.",
          "namespace xor_biased {", ""]
    h.matrix("X", X_XOR)
    h.matrix("y", Y_XOR)
    h.matrix("W1_start", W1_XOR)
    h.matrix("b1_start", B1_XOR)
    h.matrix("W2_start", W2_XOR)
    h.matrix("b2_start", B2_XOR)
    h.scalar("lambda", LAMBDA_XOR)
    h.scalar("J", Jx)
    for name, G in zip(Nx.param_names, gx):
        h.matrix("dJd" + name, G)
    h.scalar("gradient_check", check_x)
    L += ["", "}  // namespace xor_biased", "", "}  // namespace ctnn_reference"]
    with open(out_path, "w") as f:
        f.write("\n".join(L) + "\n")

    print("NumPy %s; wrote %s" % (np.__version__, os.path.relpath(out_path)))
    print("overfitting: J %.17g  J_unregularized %.17g  J_test %.17g  check %.3g" % (J, J_unregularized, J_test, check))
    print("             J after 1 / 10 steps %.17g %.17g; mini-batch 1 / 5 epochs %.17g %.17g, orders %s"
          % (J1, J10, Jmb1, Jmb5, orders))
    print("xor_biased:  J %.17g  check %.3g" % (Jx, check_x))


if __name__ == "__main__":
    main()

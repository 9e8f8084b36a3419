#!/usr/bin/python3
"""Independent NumPy reference for ctnn's tests.

Computes, in float64, the quantities of the one-hidden-layer walkthrough
(Welch Labs, "Neural Networks Demystified"; the maths of ctnn's design) for
three small fixed networks, and writes them to welch_labs_reference.hpp as
exact hexadecimal floating literals, so that C++ tests can compare against
them without NumPy.

    case 1  welch_labs   2-3-1, sigmoid/sigmoid, no biases, J = sum(1/2 (y - yhat)^2)
    case 2  xor_sigmoid  2-3-1, sigmoid/sigmoid, with biases, same J
    case 3  xor_softmax  2-3-2, tanh/softmax, with biases, J = -sum(Y * log(yhat))

Regenerate from the repository root with:

    /usr/bin/python3 tests/reference/welch_labs.py

The names z2, a2, z3, yhat, delta3, dJdW2, delta2, dJdW1 are the walkthrough's.
"""

import os
import sys

import numpy as np


# ---------------------------------------------------------------- activations

def sigmoid(z):
    # f(z) = 1 / (1 + e^-z)
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z):
    # f'(z) = e^-z / (1 + e^-z)^2, the walkthrough's sigmoidPrime
    return np.exp(-z) / ((1.0 + np.exp(-z)) ** 2)


def tanh(z):
    return np.tanh(z)


def tanh_prime(z):
    return 1.0 - np.tanh(z) ** 2


def softmax(z):
    # Row-wise; the row maximum is subtracted first (does not change the value
    # mathematically, avoids overflow).
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    return e / np.sum(e, axis=1, keepdims=True)


# ---------------------------------------------------------------- case 1: the walkthrough, no biases

class WelchLabs:
    """2-3-1, sigmoid on both layers, no biases, J = sum(1/2 (y - yhat)^2)."""

    param_names = ("W1", "W2")

    def __init__(self, W1, W2):
        self.W1 = np.array(W1, dtype=np.float64)
        self.W2 = np.array(W2, dtype=np.float64)

    def params(self):
        return [self.W1, self.W2]

    def forward(self, X):
        self.z2 = X @ self.W1
        self.a2 = sigmoid(self.z2)
        self.z3 = self.a2 @ self.W2
        yhat = sigmoid(self.z3)
        return yhat

    def cost(self, X, y):
        self.yhat = self.forward(X)
        J = np.sum(0.5 * (y - self.yhat) ** 2)
        return float(J)

    def gradients(self, X, y):
        self.yhat = self.forward(X)
        self.delta3 = -(y - self.yhat) * sigmoid_prime(self.z3)
        self.dJdW2 = self.a2.T @ self.delta3
        self.delta2 = (self.delta3 @ self.W2.T) * sigmoid_prime(self.z2)
        self.dJdW1 = X.T @ self.delta2
        return [self.dJdW1, self.dJdW2]


# ---------------------------------------------------------------- case 2: XOR, sigmoid, with biases

class XorSigmoid:
    """2-3-1, sigmoid on both layers, with biases, J = sum(1/2 (y - yhat)^2)."""

    param_names = ("W1", "b1", "W2", "b2")

    def __init__(self, W1, b1, W2, b2):
        self.W1 = np.array(W1, dtype=np.float64)
        self.b1 = np.array(b1, dtype=np.float64)
        self.W2 = np.array(W2, dtype=np.float64)
        self.b2 = np.array(b2, dtype=np.float64)

    def params(self):
        return [self.W1, self.b1, self.W2, self.b2]

    def forward(self, X):
        self.z2 = X @ self.W1 + self.b1
        self.a2 = sigmoid(self.z2)
        self.z3 = self.a2 @ self.W2 + self.b2
        yhat = sigmoid(self.z3)
        return yhat

    def cost(self, X, y):
        self.yhat = self.forward(X)
        J = np.sum(0.5 * (y - self.yhat) ** 2)
        return float(J)

    def gradients(self, X, y):
        self.yhat = self.forward(X)
        self.delta3 = -(y - self.yhat) * sigmoid_prime(self.z3)
        self.dJdW2 = self.a2.T @ self.delta3
        self.dJdb2 = np.sum(self.delta3, axis=0, keepdims=True)
        self.delta2 = (self.delta3 @ self.W2.T) * sigmoid_prime(self.z2)
        self.dJdW1 = X.T @ self.delta2
        self.dJdb1 = np.sum(self.delta2, axis=0, keepdims=True)
        return [self.dJdW1, self.dJdb1, self.dJdW2, self.dJdb2]


# ---------------------------------------------------------------- case 3: XOR, tanh + softmax, cross-entropy

class XorSoftmax:
    """2-3-2, tanh hidden, softmax output, with biases, J = -sum(Y * log(yhat))."""

    param_names = ("W1", "b1", "W2", "b2")

    def __init__(self, W1, b1, W2, b2):
        self.W1 = np.array(W1, dtype=np.float64)
        self.b1 = np.array(b1, dtype=np.float64)
        self.W2 = np.array(W2, dtype=np.float64)
        self.b2 = np.array(b2, dtype=np.float64)

    def params(self):
        return [self.W1, self.b1, self.W2, self.b2]

    def forward(self, X):
        self.z2 = X @ self.W1 + self.b1
        self.a2 = tanh(self.z2)
        self.z3 = self.a2 @ self.W2 + self.b2
        yhat = softmax(self.z3)
        return yhat

    def cost(self, X, Y):
        # Summed over the examples, not averaged.
        self.yhat = self.forward(X)
        J = -np.sum(Y * np.log(self.yhat))
        return float(J)

    def gradients(self, X, Y):
        self.yhat = self.forward(X)
        # softmax followed by categorical cross-entropy: dJ/dz3 = yhat - Y
        self.delta3 = self.yhat - Y
        self.dJdW2 = self.a2.T @ self.delta3
        self.dJdb2 = np.sum(self.delta3, axis=0, keepdims=True)
        self.delta2 = (self.delta3 @ self.W2.T) * tanh_prime(self.z2)
        self.dJdW1 = X.T @ self.delta2
        self.dJdb1 = np.sum(self.delta2, axis=0, keepdims=True)
        return [self.dJdW1, self.dJdb1, self.dJdW2, self.dJdb2]


# ---------------------------------------------------------------- shared machinery

def compute_numerical_gradient(N, X, y, e=1e-4):
    """The walkthrough's computeNumericalGradient: central differences,
    one parameter at a time, in the order W1, (b1,) W2, (b2,) row-major."""
    numgrad = []
    for P in N.params():
        G = np.zeros_like(P)
        for index in np.ndindex(P.shape):
            original = P[index]
            P[index] = original + e
            loss2 = N.cost(X, y)
            P[index] = original - e
            loss1 = N.cost(X, y)
            P[index] = original
            G[index] = (loss2 - loss1) / (2.0 * e)
        numgrad.append(G)
    return numgrad


def flat(mats):
    return np.concatenate([M.ravel() for M in mats])


def relative_difference(grad, numgrad):
    g, g_num = flat(grad), flat(numgrad)
    return float(np.linalg.norm(g - g_num) / np.linalg.norm(g + g_num))


def gradient_descent_step(N, X, y, eta):
    # W <- W - eta dJ/dW, full batch, all parameters updated from the same gradient
    grads = N.gradients(X, y)
    for P, G in zip(N.params(), grads):
        P -= eta * G


def train(N, X, y, eta, steps):
    for _ in range(steps):
        gradient_descent_step(N, X, y, eta)
    return N.cost(X, y)


# ---------------------------------------------------------------- C++ output

def literal(x):
    x = float(x)
    if not np.isfinite(x):
        raise ValueError("non-finite value %r" % x)
    return x.hex()


class Header:
    def __init__(self):
        self.lines = []

    def comment(self, text):
        for line in text.splitlines():
            self.lines.append(("    // " + line).rstrip())

    def blank(self):
        self.lines.append("")

    def scalar(self, name, value):
        self.lines.append("    inline constexpr double %s = %s;  // %r"
                          % (name, literal(value), float(value)))

    def matrix(self, name, M):
        M = np.asarray(M, dtype=np.float64)
        assert M.ndim == 2, name
        R, C = M.shape
        rows = ["{%s}" % ", ".join(literal(v) for v in row) for row in M]
        self.lines.append("    inline constexpr std::array<std::array<double, %d>, %d> %s{{"
                          % (C, R, name))
        for i, row in enumerate(rows):
            self.lines.append("        " + row + ("," if i + 1 < R else ""))
        self.lines.append("    }};")
        decimal = ", ".join("[%s]" % ", ".join(repr(float(v)) for v in row) for row in M)
        self.lines.append("    // = [" + decimal + "]")


def emit_case(h, N, grads_start, numgrad, check, after1, after100,
              J_start, J1, J100, gradient_note=""):
    h.comment("gradients at the starting parameters (analytic, backpropagation)" + gradient_note)
    for name, G in zip(N.param_names, grads_start):
        h.matrix("dJd" + name, G)
    h.blank()
    h.comment("numerical gradient at the starting parameters: central differences, eps = 1e-4")
    for name, G in zip(N.param_names, numgrad):
        h.matrix("dJd" + name + "_numerical", G)
    h.comment("gradient check: norm(g - g_num) / norm(g + g_num), parameters flattened row-major")
    h.comment("in the order " + ", ".join(N.param_names))
    h.scalar("gradient_check", check)
    h.blank()
    h.comment("cost at the starting parameters")
    h.scalar("J", J_start)
    h.blank()
    h.comment("after 1 step of full-batch gradient descent")
    for name, P in zip(N.param_names, after1):
        h.matrix(name + "_step1", P)
    h.scalar("J_step1", J1)
    h.blank()
    h.comment("after 100 steps of full-batch gradient descent")
    for name, P in zip(N.param_names, after100):
        h.matrix(name + "_step100", P)
    h.scalar("J_step100", J100)


def run_case(N_factory, X, y, eta):
    """Returns everything a case needs: start gradients, numerical gradient,
    check, and parameters/costs after 1 and 100 steps."""
    N = N_factory()
    J_start = N.cost(X, y)
    grads = [G.copy() for G in N.gradients(X, y)]
    forward = {k: getattr(N, k).copy() for k in ("z2", "a2", "z3", "yhat", "delta3", "delta2")}
    numgrad = compute_numerical_gradient(N, X, y)
    check = relative_difference(grads, numgrad)

    N = N_factory()
    J1 = train(N, X, y, eta, 1)
    after1 = [P.copy() for P in N.params()]
    J100 = train(N, X, y, eta, 99)
    after100 = [P.copy() for P in N.params()]
    return dict(J_start=J_start, grads=grads, forward=forward, numgrad=numgrad, check=check,
                J1=J1, after1=after1, J100=J100, after100=after100)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_path = os.path.join(here, "welch_labs_reference.hpp")

    # ---- case 1: the walkthrough's data, scaled by each column's maximum
    X_raw = np.array([[3, 5], [5, 1], [10, 2]], dtype=np.float64)
    y_raw = np.array([[75], [82], [93]], dtype=np.float64)
    X1 = X_raw / np.amax(X_raw, axis=0)
    y1 = y_raw / 100.0
    assert np.array_equal(X1, np.array([[0.3, 1.0], [0.5, 0.2], [1.0, 0.4]]))
    assert np.array_equal(y1, np.array([[0.75], [0.82], [0.93]]))
    W1_1 = [[0.2, -0.4, 0.6], [0.8, 0.1, -0.3]]
    W2_1 = [[0.5], [-0.7], [0.9]]
    eta1 = 3.0
    c1 = run_case(lambda: WelchLabs(W1_1, W2_1), X1, y1, eta1)

    # ---- case 2: XOR with biases, sigmoid, half squared error
    X2 = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    y2 = np.array([[0], [1], [1], [0]], dtype=np.float64)
    W1_2 = [[0.5, -0.6, 0.3], [-0.2, 0.7, 0.9]]
    b1_2 = [[0.1, -0.1, 0.05]]
    W2_2 = [[0.6], [-0.4], [0.8]]
    b2_2 = [[-0.3]]
    eta2 = 2.0
    c2 = run_case(lambda: XorSigmoid(W1_2, b1_2, W2_2, b2_2), X2, y2, eta2)

    # ---- case 3: XOR one-hot, tanh + softmax, categorical cross-entropy (summed)
    X3 = X2
    Y3 = np.array([[1, 0], [0, 1], [0, 1], [1, 0]], dtype=np.float64)
    W1_3 = W1_2
    b1_3 = b1_2
    W2_3 = [[0.6, -0.1], [-0.4, 0.3], [0.8, 0.2]]
    b2_3 = [[-0.3, 0.1]]
    eta3 = 0.5
    c3 = run_case(lambda: XorSoftmax(W1_3, b1_3, W2_3, b2_3), X3, Y3, eta3)

    # Self-checks: backpropagation agrees with central differences, and
    # gradient descent lowers the cost.
    for name, c in (("welch_labs", c1), ("xor_sigmoid", c2), ("xor_softmax", c3)):
        assert c["check"] < 1e-8, (name, c["check"])
        assert c["J100"] < c["J1"] < c["J_start"], name
    assert np.allclose(c3["forward"]["yhat"].sum(axis=1), 1.0)

    # ---- header
    h = Header()
    h.lines += [
        "// Generated by tests/reference/welch_labs.py with NumPy %s (Python %d.%d.%d); do not edit."
        % ((np.__version__,) + tuple(sys.version_info[:3])),
        "// Regenerate from the repository root: /usr/bin/python3 tests/reference/welch_labs.py",
        "//",
        "// An independent float64 reference for the one-hidden-layer walkthrough of ctnn's",
        "// design (z2 = X W1, a2 = f(z2), z3 = a2 W2, yhat = f(z3), ...). Every value is",
        "// written as an exact hexadecimal floating literal; the decimal comment beside it is",
        "// only for reading. NumPy's exp and matrix products may differ from <cmath> and from",
        "// ctnn by a few ulps, so compare with a relative tolerance, not with ==.",
        "// Matrices are std::array rows: name[row][col].",
        "#pragma once",
        "",
        "#include <array>",
        "",
        "namespace ctnn_reference {",
        "",
    ]

    # case 1
    h.lines.append("// Case 1: the walkthrough. 2-3-1, sigmoid f(z) = 1/(1+e^-z) on both layers, no biases,")
    h.lines.append("// J = sum(1/2 (y - yhat)^2), gradient descent W <- W - eta dJ/dW, full batch.")
    h.lines.append("namespace welch_labs {")
    h.blank()
    h.comment("data: X = [[3,5],[5,1],[10,2]] divided by each column's maximum; y = [75,82,93] / 100")
    h.matrix("X", X1)
    h.matrix("y", y1)
    h.blank()
    h.comment("starting weights and learning rate")
    h.matrix("W1_start", W1_1)
    h.matrix("W2_start", W2_1)
    h.scalar("eta", eta1)
    h.blank()
    h.comment("forward pass at the starting weights: z2 = X W1, a2 = f(z2), z3 = a2 W2, yhat = f(z3)")
    for k in ("z2", "a2", "z3", "yhat"):
        h.matrix(k, c1["forward"][k])
    h.blank()
    h.comment("backward pass at the starting weights, f'(z) = e^-z / (1 + e^-z)^2:")
    h.comment("delta3 = -(y - yhat) * f'(z3), delta2 = (delta3 W2^T) * f'(z2)")
    h.matrix("delta3", c1["forward"]["delta3"])
    h.matrix("delta2", c1["forward"]["delta2"])
    h.blank()
    emit_case(h, WelchLabs, c1["grads"], c1["numgrad"], c1["check"],
              c1["after1"], c1["after100"], c1["J_start"], c1["J1"], c1["J100"],
              gradient_note=":\ndJdW1 = X^T delta2, dJdW2 = a2^T delta3")
    h.blank()
    h.lines.append("}  // namespace welch_labs")
    h.blank()

    # case 2
    h.lines.append("// Case 2: XOR with biases. 2-3-1, sigmoid on both layers, z2 = X W1 + b1, z3 = a2 W2 + b2,")
    h.lines.append("// J = sum(1/2 (y - yhat)^2); dJdb = column sums of delta.")
    h.lines.append("namespace xor_sigmoid {")
    h.blank()
    h.comment("data")
    h.matrix("X", X2)
    h.matrix("y", y2)
    h.blank()
    h.comment("starting parameters and learning rate")
    h.matrix("W1_start", W1_2)
    h.matrix("b1_start", b1_2)
    h.matrix("W2_start", W2_2)
    h.matrix("b2_start", b2_2)
    h.scalar("eta", eta2)
    h.blank()
    h.comment("prediction at the starting parameters")
    h.matrix("yhat", c2["forward"]["yhat"])
    h.blank()
    emit_case(h, XorSigmoid, c2["grads"], c2["numgrad"], c2["check"],
              c2["after1"], c2["after100"], c2["J_start"], c2["J1"], c2["J100"])
    h.blank()
    h.lines.append("}  // namespace xor_sigmoid")
    h.blank()

    # case 3
    h.lines.append("// Case 3: XOR, one-hot targets. 2-3-2, tanh hidden layer with bias, softmax output with")
    h.lines.append("// bias, J = -sum(Y * log(softmax(z3))) summed over the examples (not averaged);")
    h.lines.append("// output delta3 = yhat - Y, delta2 = (delta3 W2^T) * (1 - tanh(z2)^2).")
    h.lines.append("namespace xor_softmax {")
    h.blank()
    h.comment("data")
    h.matrix("X", X3)
    h.matrix("Y", Y3)
    h.blank()
    h.comment("starting parameters and learning rate")
    h.matrix("W1_start", W1_3)
    h.matrix("b1_start", b1_3)
    h.matrix("W2_start", W2_3)
    h.matrix("b2_start", b2_3)
    h.scalar("eta", eta3)
    h.blank()
    h.comment("prediction (softmax probabilities) at the starting parameters")
    h.matrix("yhat", c3["forward"]["yhat"])
    h.blank()
    emit_case(h, XorSoftmax, c3["grads"], c3["numgrad"], c3["check"],
              c3["after1"], c3["after100"], c3["J_start"], c3["J1"], c3["J100"])
    h.blank()
    h.lines.append("}  // namespace xor_softmax")
    h.blank()
    h.lines.append("}  // namespace ctnn_reference")

    with open(out_path, "w") as f:
        f.write("\n".join(h.lines) + "\n")

    print("NumPy %s" % np.__version__)
    print("wrote %s" % os.path.relpath(out_path))
    for name, c in (("welch_labs", c1), ("xor_sigmoid", c2), ("xor_softmax", c3)):
        print("%-12s J start %.17g  J 1 step %.17g  J 100 steps %.17g  gradient check %.3e"
              % (name, c["J_start"], c["J1"], c["J100"], c["check"]))


if __name__ == "__main__":
    main()

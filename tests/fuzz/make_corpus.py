#!/usr/bin/env python3
"""Writes the seed corpus of tests/fuzz/fuzz_ctnn.cpp into tests/fuzz/corpus/.

    python3 tests/fuzz/make_corpus.py

Each seed is a case worth starting from, spelled in the harness's input
layout (see the comment at the top of fuzz_ctnn.cpp and bytes::number):
a realistic training run per network, optimizer and loss, then the hostile
numbers of issue 8 (NaN, infinity, denormals, 1e308, +-1e4). libFuzzer
mutates them from there. The files are committed; rerun this script after
changing the input layout, and commit what it writes.
"""

import pathlib
import struct

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "corpus"

NETWORKS = {"walkthrough": 0, "sigmoid": 1, "relu": 2, "tanh": 3, "leaky": 4, "softplus": 5, "softmax": 6}
SHAPES = {0: (2, 1, 9), 1: (2, 1, 17), 2: (2, 1, 17), 3: (2, 1, 17), 4: (2, 1, 17), 5: (2, 1, 17), 6: (2, 3, 27)}
TYPES = {"double": 0, "float": 1, "math_double": 2, "math_float": 3}
OPTIMIZERS = {"gradient_descent": 0, "momentum": 1, "adam": 2, "bfgs": 3}
ROWS = 3


def num(value, t="double"):
    """Tag 0 (raw bits) followed by the value's IEEE bytes, little-endian."""
    return b"\x00" + struct.pack("<d" if t == "double" else "<f", value)


def case(network, t, loss, optimizer, lr, epochs, X, y, weights=None, batch=0, init_seed=42,
         loss_below=None, change_below=None, extras=b""):
    shape = SHAPES[NETWORKS[network]]
    assert len(X) == ROWS * shape[0] and len(y) == ROWS * shape[1]
    out = bytes([NETWORKS[network], TYPES[t], loss, OPTIMIZERS[optimizer]])
    out += num(lr) + bytes([batch, 7, epochs])
    out += (b"\x01" + num(loss_below)) if loss_below is not None else b"\x00"
    out += (b"\x01" + num(change_below)) if change_below is not None else b"\x00"
    out += b"".join(num(v, t) for v in X) + b"".join(num(v, t) for v in y)
    out += struct.pack("<Q", init_seed)
    if weights is None:
        out += b"\x00"
    else:
        assert len(weights) == shape[2]
        out += b"\x01" + b"".join(num(w, t) for w in weights)
    return out + extras


# The walkthrough's data (hours of sleep and study, scaled; test scores / 100).
WX = [0.3, 1.0, 0.5, 0.2, 1.0, 0.4]
WY = [0.75, 0.82, 0.93]
XOR_X = [0.0, 0.0, 0.0, 1.0, 1.0, 0.0]
XOR_Y = [0.0, 1.0, 1.0]
ONE_HOT = [1, 0, 0, 0, 1, 0, 0, 0, 1]
NAN = float("nan")
INF = float("inf")
DENORMAL = 5e-324

SEEDS = {
    "walkthrough_gd": case("walkthrough", "double", 0, "gradient_descent", 3.0, 5, WX, WY),
    "walkthrough_bfgs_float": case("walkthrough", "float", 0, "bfgs", 0.0, 5, WX, WY, loss_below=1e-6,
                                   extras=num(1e-4) + bytes([40])),
    "sigmoid_adam_bce": case("sigmoid", "double", 2, "adam", 0.1, 5, XOR_X, XOR_Y, batch=1,
                             extras=num(0.9) + num(0.999) + num(1e-8)),
    "relu_momentum_float": case("relu", "float", 1, "momentum", 0.05, 5, WX, WY, change_below=1e-6,
                                extras=num(0.9)),
    "softmax_cce_gd": case("softmax", "double", 0, "gradient_descent", 1.0, 4, WX, ONE_HOT, batch=2),
    "tanh_softplus_bfgs": case("tanh", "double", 1, "bfgs", 0.0, 3, XOR_X, XOR_Y, extras=num(1e-4) + bytes([20])),
    "nan_data": case("leaky", "double", 0, "gradient_descent", 0.5, 3, [0.3, NAN, 0.5, 0.2, 1.0, 0.4], WY),
    "inf_weight_float": case("sigmoid", "float", 0, "adam", 0.01, 3, WX, WY,
                             weights=[INF] + [0.1] * 16, extras=num(0.9) + num(0.999) + num(1e-8)),
    "denormals": case("softplus", "double", 0, "momentum", 0.1, 3, [DENORMAL] * 6, [DENORMAL] * 3,
                      weights=[DENORMAL] * 17, extras=num(0.9)),
    "huge_weights": case("relu", "double", 0, "gradient_descent", 1.0, 3, WX, WY, weights=[1e308] * 17),
    "bound_weights_float": case("relu", "float", 0, "gradient_descent", 1e6, 3, [1e6] * 6, [-1e6] * 3,
                                weights=[1e6] * 17),
    "zero_learning_rate": case("walkthrough", "double", 0, "gradient_descent", 0.0, 5, WX, WY, change_below=1e-12),
    "no_epochs": case("softmax", "float", 1, "adam", 0.1, 0, WX, ONE_HOT, extras=num(0.9) + num(0.999) + num(1e-8)),
    "math_double_1e4": bytes([0, TYPES["math_double"], 0, 0]) + num(1e4) + num(-1e4),
    "math_float_denormal": bytes([0, TYPES["math_float"], 0, 0]) + num(1e-45, "float") + num(0.5, "float"),
    # The fuzzer's first library finding: pow(-1, DBL_MAX) cast a NaN to int.
    "math_double_pow_minus_one": bytes([0, TYPES["math_double"], 0, 0]) + num(-1.0) + num(1.7976931348623157e308),
}


def main():
    OUT.mkdir(exist_ok=True)
    for name, data in sorted(SEEDS.items()):
        (OUT / name).write_bytes(data)
    print(f"wrote {len(SEEDS)} seeds to {OUT}")


if __name__ == "__main__":
    main()

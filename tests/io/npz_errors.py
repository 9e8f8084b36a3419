#!/usr/bin/env python3
"""tools/npz_to_header.py refuses what does not fit the declared network.

Usage: npz_errors.py NPZ_TO_HEADER

Each case writes a small .npz, runs the tool on it, and requires the exit
status, a message on stderr that names the problem (the array, the expected
and the actual shape), and no header written. A correct case first proves
that the harness can pass. Exits 77 (skipped) without NumPy.
"""
import os
import subprocess
import sys
import tempfile

try:
    import numpy as np
except ImportError:
    print("skipped: no numpy (Debian: python3-numpy)")
    sys.exit(77)

TOOL = sys.argv[1]
SPEC = "2:3:tanh:bias,3:1:sigmoid"
GOOD = {"W1": np.full((2, 3), 0.5), "b1": np.zeros(3), "W2": np.ones((3, 1))}


def changed(**arrays):
    out = dict(GOOD)
    for key, value in arrays.items():
        if value is None:
            del out[key]
        else:
            out[key] = value
    return out


CASES = [
    # (what, arrays, extra arguments, exit status, text expected on stderr)
    ("weights of the wrong shape", changed(W2=np.ones((4, 1))), [], 1,
     "array 'W2', the weights of layer 2 (dense<3, 1, sigmoid>), has shape (4, 1); expected (3, 1)"),
    ("weights transposed", changed(W1=np.ones((3, 2))), [], 1,
     "array 'W1', the weights of layer 1 (dense<2, 3, tanh, with_bias>), has shape (3, 2); expected (2, 3)"),
    ("a bias of the wrong length", changed(b1=np.zeros(4)), [], 1,
     "array 'b1', the bias of layer 1 (dense<2, 3, tanh, with_bias>), has shape (4,); expected (1, 3) or (3,)"),
    ("--transposed on IN x OUT weights", GOOD, ["--transposed"], 1,
     "array 'W1', the weights (stored OUT x IN) of layer 1 (dense<2, 3, tanh, with_bias>), has shape (2, 3); "
     "expected (3, 2)"),
    ("a missing bias", changed(b1=None), [], 1, "no array 'b1' for layer 1 (dense<2, 3, tanh, with_bias>); "
     "it holds: 'W1', 'W2'"),
    ("an array the network does not use", changed(W3=np.ones((1, 1))), [], 1,
     "array(s) not used by the declared network: 'W3'"),
    ("a NaN", changed(W1=np.array([[0.5, np.nan, 0.5], [0.5, 0.5, 0.5]])), [], 1,
     "array 'W1' holds nan at (0, 1), which is not finite"),
    ("a value past float's range", changed(W2=np.array([[1.0], [1e300], [1.0]])), ["--type", "float"], 1,
     "array 'W2' holds 1e+300 at (1, 0), which is not finite as a float"),
    ("text instead of numbers", changed(b1=np.array(["a", "b", "c"])), [], 1,
     "array 'b1' has dtype <U1; expected floating-point or integer numbers"),
    ("too few arrays in order", {"arr_0": np.ones((2, 3))}, ["--in-order"], 1,
     "holds 1 arrays, but the network needs 3"),
    ("an unknown activation", GOOD, ["--layers", "2:3:tanh:bias,3:1:sigmod"], 1,
     "--layers: layer 2: unknown activation 'sigmod'"),
    ("a layer chain that does not fit", GOOD, ["--layers", "2:3:tanh:bias,4:1:sigmoid"], 1,
     "the layer chain does not fit: layer 2 takes 4 inputs, but layer 1 gives 3"),
    ("a malformed layer", GOOD, ["--layers", "2:3:tanh:bias,3-1-sigmoid"], 1,
     "--layers: layer 2 is '3-1-sigmoid'; expected IN:OUT:ACTIVATION"),
    ("a name that is not an identifier", GOOD, ["--name", "my-net"], 1,
     "--name 'my-net' is not a C++ identifier"),
    ("a keyword for a name", GOOD, ["--name", "class"], 1, "--name 'class' is not a C++ identifier"),
    ("no --layers", GOOD, ["--layers", None], 2, "the following arguments are required: --layers"),
]


def run(tmp, arrays, extra, npz_text=None):
    npz = os.path.join(tmp, "w.npz")
    if npz_text is not None:
        with open(npz, "w", encoding="utf-8") as f:
            f.write(npz_text)
    else:
        np.savez(npz, **arrays)
    header = os.path.join(tmp, "out.hpp")
    if os.path.exists(header):
        os.remove(header)
    args = {"--layers": SPEC, "--name": "net"}
    rest = []
    i = 0
    while i < len(extra):
        if extra[i] in args:
            args[extra[i]] = extra[i + 1]
            i += 2
        else:
            rest.append(extra[i])
            i += 1
    cmd = [sys.executable, TOOL, npz, "-o", header] + rest
    for key, value in args.items():
        if value is not None:
            cmd += [key, value]
    p = subprocess.run(cmd, capture_output=True, text=True)
    return p, os.path.exists(header), header


def main():
    failures = 0
    with tempfile.TemporaryDirectory(prefix="ctnn-npz-") as tmp:
        p, written, header = run(tmp, GOOD, [])
        ok = p.returncode == 0 and written and "inline constexpr ctnn::network<double," in open(header).read()
        print(f"{'ok  ' if ok else 'FAIL'} a correct npz is converted (exit {p.returncode}){p.stderr.strip()}")
        failures += not ok
        cases = CASES + [("not an npz file", None, [], 1, "not a NumPy .npz file (not a zip archive)")]
        for what, arrays, extra, status, text in cases:
            p, written, _ = run(tmp, arrays, extra, npz_text="not a zip" if arrays is None else None)
            problems = []
            if p.returncode != status:
                problems.append(f"exit {p.returncode}, expected {status}")
            if text not in p.stderr:
                problems.append(f"stderr lacks {text!r}")
            if written:
                problems.append("a header was written")
            print(f"{'FAIL' if problems else 'ok  '} {what}: {p.stderr.strip()}")
            for problem in problems:
                print(f"       {problem}")
            failures += bool(problems)
    print(f"{len(CASES) + 2 - failures} of {len(CASES) + 2} cases as expected")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

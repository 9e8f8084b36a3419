#!/usr/bin/env python3
"""What train(..., loss_history<T, N>{}) costs in constant evaluation, and that
train without one costs nothing more than before loss_history existed.

For XOR 2-4-1 with biases (as benchmarks/training_cost.py's network (c)),
gradient descent, E = 0 and 50 epochs, it finds by bisection the smallest
-fconstexpr-steps=N (Clang) or -fconstexpr-ops-limit=N (GCC) under which
    constexpr auto r = ctnn::train(..., ctnn::until{.max_epochs = E}[, ctnn::loss_history<double, 64>{}]);
still compiles, for three versions of the library:
  base        include/ as of --base (default 1f2470a, the commit before loss_history)
  no history  the working tree's include/, train without a history
  history     the working tree's include/, with loss_history<double, 64>
"no history" must equal "base" exactly (the recording is a fold over an empty
pack written into statements that exist anyway). Per epoch: (N(50) - N(0)) / 50.

Usage: python3 benchmarks/history_cost.py [--compilers clang++ g++] [--base REV]
About 4 minutes on a quiet 2-core machine (one compile at a time).
"""
import argparse
import os
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

TU = """#include <ctnn/ctnn.hpp>
using net_t = ctnn::network<double, ctnn::dense<2, 4, ctnn::sigmoid, ctnn::with_bias>,
                            ctnn::dense<4, 1, ctnn::sigmoid, ctnn::with_bias>>;
constexpr ctnn::matrix<double, 4, 2> X{{0, 0}, {0, 1}, {1, 0}, {1, 1}};
constexpr ctnn::matrix<double, 4, 1> y{{0}, {1}, {1}, {0}};
constexpr auto r = ctnn::train(ctnn::initialize<net_t>(3), X, y, ctnn::gradient_descent{.learning_rate = 10.0},
                               ctnn::until{.max_epochs = EPOCHS} HISTORY);
static_assert(r.epochs == EPOCHS);
"""


def compiles(cxx, include, flag, limit, epochs, history, tu):
    cmd = [cxx, "-std=c++20", "-fsyntax-only", "-I", include, f"-DEPOCHS={epochs}", f"-DHISTORY={history}",
           f"{flag}={limit}", tu]
    return subprocess.run(cmd, capture_output=True).returncode == 0


def smallest(cxx, include, flag, epochs, history, tu, high):
    low = 1
    while low < high:
        mid = (low + high) // 2
        if compiles(cxx, include, flag, mid, epochs, history, tu):
            high = mid
        else:
            low = mid + 1
    return low


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--compilers", nargs="*", default=["clang++", "g++"])
    parser.add_argument("--base", default="1f2470a")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", REPO, "archive", args.base, "include"], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        tu = os.path.join(tmp, "tu.cpp")
        with open(tu, "w") as f:
            f.write(TU)
        versions = [("base " + args.base, os.path.join(tmp, "include"), ""),
                    ("no history", os.path.join(REPO, "include"), ""),
                    ("loss_history<double, 64>", os.path.join(REPO, "include"), ",ctnn::loss_history<double, 64>{}")]
        print("| compiler | version | N(0) | N(50) | per epoch |")
        print("|---|---|---:|---:|---:|")
        for cxx in args.compilers:
            gcc = "clang" not in cxx
            flag, high = ("-fconstexpr-ops-limit", 200_000_000) if gcc else ("-fconstexpr-steps", 4_000_000)
            for label, include, history in versions:
                n0 = smallest(cxx, include, flag, 0, history, tu, high)
                n50 = smallest(cxx, include, flag, 50, history, tu, high)
                print(f"| {cxx} | {label} | {n0:,} | {n50:,} | {(n50 - n0) / 50:,.1f} |", flush=True)
                print(f"{cxx} {label} done", file=sys.stderr)


if __name__ == "__main__":
    main()

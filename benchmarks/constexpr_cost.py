#!/usr/bin/env python3
"""Constant-evaluation cost per call of ctnn::math functions, as the compilers count it.

For each compiler, and each function f, this writes a tiny translation unit
whose static_assert evaluates one expression holding K calls of f at distinct
arguments, and finds by bisection the smallest limit under which it still
compiles: -fconstexpr-steps=N for Clang (about one step per statement executed
and per loop iteration), -fconstexpr-ops-limit=N for GCC (operations
evaluated). The cost per call is (cost(K=101) - cost(K=1)) / 100, minus the
same slope for an expression that sums the arguments without calling
anything, so neither the fixed overhead nor the additions are counted.

A naive exp (halve the argument until it is at most 1/2, sum the Taylor series
until its terms vanish, square back; the way most constexpr math libraries
start) is measured beside ctnn's for scale.

Usage (from the repository root; needs only python3 and the compilers):
    python3 benchmarks/constexpr_cost.py               # every compiler found
    python3 benchmarks/constexpr_cost.py --compilers clang++ g++
Prints a Markdown table on stdout and progress on stderr.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INCLUDE = os.path.join(REPO, "include")

CANDIDATES = ["clang++", "clang++-16", "clang++-19", "g++"]
K_SMALL, K_LARGE = 1, 101

NAIVE_EXP = r"""
// The baseline: range reduction by halving, then Taylor, then squaring back.
constexpr double naive_exp(double x) {
  if (x < 0) return 1.0 / naive_exp(-x);
  int halvings = 0;
  while (x > 0.5) {
    x *= 0.5;
    ++halvings;
  }
  double term = 1.0, sum = 1.0;
  for (int n = 1; term > 0x1p-53 * sum; ++n) {
    term *= x / n;
    sum += term;
  }
  while (halvings-- > 0) sum *= sum;
  return sum;
}
"""


def spread(lo, hi, n):
    return [lo + (hi - lo) * i / (n - 1) for i in range(n)]


def geometric(lo, hi, n):
    return [lo * (hi / lo) ** (i / (n - 1)) for i in range(n)]


# name shown, expression template ({} is the argument), arguments (K_LARGE of them).
# Arguments cover the range where networks use each function; the first one is
# also the K = 1 case, so the slope averages over the other 100.
FUNCTIONS = [
    ("ctnn::math::exp", "ctnn::math::exp({})", spread(-20.0, 20.0, K_LARGE)),
    ("naive Taylor exp", "naive_exp({})", spread(-20.0, 20.0, K_LARGE)),
    ("ctnn::math::log", "ctnn::math::log({})", geometric(1e-3, 1e3, K_LARGE)),
    ("ctnn::math::tanh", "ctnn::math::tanh({})", spread(-5.0, 5.0, K_LARGE)),
    ("ctnn::math::sigmoid", "ctnn::math::sigmoid({})", spread(-10.0, 10.0, K_LARGE)),
]
BASELINE = ("(no call)", "({})", spread(-20.0, 20.0, K_LARGE))


def source(expr, args):
    terms = " + ".join(expr.format(repr(a)) for a in args)
    return ("#include <ctnn/math.hpp>\n" + NAIVE_EXP +
            "constexpr double total() { return " + terms + "; }\n"
            "constexpr double value = total();  // one constant evaluation\n")


def version(compiler):
    out = subprocess.run([compiler, "--version"], capture_output=True, text=True).stdout
    first = out.splitlines()[0] if out else compiler
    # "Debian clang version 16.0.6 (15~deb12u1)" / "g++ (Debian 12.2.0-14) 12.2.0"
    words = first.split()
    if "version" in words[:-1]:
        number = words[words.index("version") + 1]
    else:
        number = next((w for w in reversed(words) if w[:1].isdigit()), "?")
    family = "clang" if "clang" in first else "gcc"
    return family, number


def limit_flag(family, n):
    return f"-fconstexpr-steps={n}" if family == "clang" else f"-fconstexpr-ops-limit={n}"


LIMIT_MESSAGES = ("step limit", "constexpr-steps", "operation count exceeds", "constexpr-ops-limit")


def compiles(compiler, family, path, n):
    cmd = [compiler, "-std=c++20", "-fsyntax-only", "-I", INCLUDE, limit_flag(family, n), path]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode == 0:
        return True
    if not any(m in r.stderr for m in LIMIT_MESSAGES):
        sys.exit(f"{' '.join(cmd)} failed for another reason than the limit:\n{r.stderr}")
    return False


def smallest_limit(compiler, family, text, workdir):
    path = os.path.join(workdir, "cost.cpp")
    with open(path, "w") as f:
        f.write(text)
    hi = 1024
    while not compiles(compiler, family, path, hi):
        hi *= 4
    lo = hi // 4 if hi > 1024 else 0  # lo fails (or is 0), hi compiles
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if compiles(compiler, family, path, mid):
            hi = mid
        else:
            lo = mid
    return hi


def slope(compiler, family, expr, args, workdir):
    small = smallest_limit(compiler, family, source(expr, args[:K_SMALL]), workdir)
    large = smallest_limit(compiler, family, source(expr, args[:K_LARGE]), workdir)
    return (large - small) / (K_LARGE - K_SMALL)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--compilers", nargs="*", default=CANDIDATES)
    compilers = [c for c in parser.parse_args().compilers if shutil.which(c)]
    seen, columns = set(), []
    for c in compilers:
        family, number = version(c)
        if (family, number) not in seen:  # clang++ is often clang++-14 under another name
            seen.add((family, number))
            columns.append((c, family, number))

    results = {}
    with tempfile.TemporaryDirectory() as workdir:
        for compiler, family, number in columns:
            base = slope(compiler, family, BASELINE[1], BASELINE[2], workdir)
            for name, expr, args in FUNCTIONS:
                cost = slope(compiler, family, expr, args, workdir) - base
                results[(name, compiler)] = cost
                print(f"{compiler} {name}: {cost:.1f}", file=sys.stderr)

    heads = [f"{'Clang' if f == 'clang' else 'GCC'} {n} ({'steps' if f == 'clang' else 'ops'})"
             for _, f, n in columns]
    print("| per call | " + " | ".join(heads) + " |")
    print("|---|" + "---:|" * len(columns))
    for name, _, _ in FUNCTIONS:
        cells = [f"{results[(name, c)]:.1f}" for c, _, _ in columns]
        print(f"| {name} | " + " | ".join(cells) + " |")
    ratios = [f"{results[('naive Taylor exp', c)] / results[('ctnn::math::exp', c)]:.1f}x"
              for c, _, _ in columns]
    print("| naive / ctnn exp | " + " | ".join(ratios) + " |")


if __name__ == "__main__":
    main()

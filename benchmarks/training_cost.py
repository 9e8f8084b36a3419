#!/usr/bin/env python3
"""Compile-time cost of training with ctnn, as the compilers count and feel it.

Networks measured, each trained by plain full-batch gradient descent
(learning rate 10) with ctnn::train(..., ctnn::until{.max_epochs = E}):
  (a) the walkthrough: mlp<double, sigmoid, 2, 3, 1>, 3 examples, initialize(42);
  (b) XOR 2-3-1 with biases, 4 examples, initialize(3);
  (c) XOR 2-4-1 with biases, 4 examples, initialize(3);
and, for scale, a naive kernel written out in the generated file (not in the
library): network (c) with plain loops over std::array and C arrays, a Taylor-series exp (halve
the argument until it is at most 1/2, 20 Taylor terms, square back), the same
starting weights and the same updates.

Each translation unit holds one costly constant expression,
    constexpr auto r = ctnn::train(ctnn::initialize<net_t>(seed), X, y, ...);
(initialisation inside it), and static_asserts that all E epochs ran.

Tables:
  1. Clang steps and GCC operations per epoch: the smallest -fconstexpr-steps=N
     (Clang) or -fconstexpr-ops-limit=N (GCC) under which the file still
     compiles, found by bisection, for E = 0 and E = 50; the figure is
     (N(50) - N(0)) / 50.
  2. Wall-clock time, CPU time and peak memory of the compiler
     (/usr/bin/time -f "%e %U %S %M", -fsyntax-only) for 1,000 epochs, with the
     limits raised, and for 0 epochs.
  3. GCC's peak memory at 200, 400 and 1,000 epochs, and its growth per epoch,
     (M(400) - M(200)) / 200: GCC keeps what its constant evaluator
     allocates, so its memory grows with the number of epochs.

The bisections compile against a precompiled ctnn.hpp (same counts, less
parsing); the timed compiles do not.

Usage (from anywhere; needs only python3, /usr/bin/time, git for --rev, and the compilers):
    python3 benchmarks/training_cost.py                          # every compiler found
    python3 benchmarks/training_cost.py --compilers g++ clang++-19
    python3 benchmarks/training_cost.py --rev HEAD               # ctnn as committed (git archive)
Without --rev it measures the working tree's include/. Prints Markdown on
stdout and progress on stderr. Runs one compiler at a time: about 4-5 minutes
of CPU time with the four default compilers, and 5-10 minutes of wall-clock
time on a 2-core machine, more if it is busy.
"""

import argparse
import datetime
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INCLUDE = os.path.join(REPO, "include")
TIME = "/usr/bin/time"

CANDIDATES = ["g++", "clang++", "clang++-16", "clang++-19"]
STEP_EPOCHS = (0, 50)           # per-epoch counters: (N(50) - N(0)) / 50
WALL_EPOCHS = 1000              # wall time and peak memory
GCC_MEMORY_EPOCHS = (200, 400)  # GCC memory growth per epoch
HIGH_LIMIT = {"clang": 100_000_000, "gcc": 1_000_000_000}  # raised limits for the timed runs

# ---- the translation units ----------------------------------------------------

CTNN_TU = """\
#include <ctnn/ctnn.hpp>

using net_t = {net};
constexpr ctnn::matrix<double, {n}, {m}> X{X};
constexpr ctnn::matrix<double, {n}, 1> y{y};

// The only costly constant expression: initialisation and training together.
constexpr auto r = ctnn::train(ctnn::initialize<net_t>({seed}), X, y,
                               ctnn::gradient_descent{{.learning_rate = 10.0}},
                               ctnn::until{{.max_epochs = EPOCHS}});
static_assert(r.epochs == EPOCHS, "training stopped early: the per-epoch figure would be wrong");
"""

NAIVE_TU = """\
// A straightforward constexpr trainer for XOR 2-4-1 with biases: network (c)
// without ctnn. std::array loops, a Taylor-series exp, full-batch gradient
// descent on J = sum 1/2 (y - yhat)^2 with learning rate 10, and the same
// starting weights as ctnn::initialize<net_t>(3) (SplitMix64, Xavier uniform).
#include <array>
#include <cstddef>
#include <cstdint>

// Range reduction by halving, then 20 Taylor terms, then squaring back.
constexpr double naive_exp(double x) {
  if (x < 0) return 1.0 / naive_exp(-x);
  int halvings = 0;
  while (x > 0.5) {
    x *= 0.5;
    ++halvings;
  }
  double term = 1.0, sum = 1.0;
  for (int n = 1; n <= 20; ++n) {
    term *= x / n;
    sum += term;
  }
  while (halvings-- > 0) sum *= sum;
  return sum;
}
constexpr double naive_sigmoid(double z) { return 1.0 / (1.0 + naive_exp(-z)); }

struct naive_net {
  std::array<std::array<double, 4>, 2> W1{};  // 2 x 4
  std::array<double, 4> b1{};
  std::array<double, 4> W2{};                 // 4 x 1
  double b2 = 0;
};
struct naive_result {
  naive_net net{};
  double loss = 0;
  std::size_t epochs = 0;
};

constexpr naive_net naive_init(std::uint64_t state) {
  auto uniform = [&state] {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return static_cast<double>((z ^ (z >> 31)) >> 11) * 0x1p-53;
  };
  naive_net n{};
  const double r1 = 1.0, r2 = 1.0954451150103321;  // sqrt(6 / (2 + 4)), sqrt(6 / (4 + 1))
  for (auto& row : n.W1)
    for (auto& w : row) w = -r1 + 2 * r1 * uniform();
  for (auto& w : n.W2) w = -r2 + 2 * r2 * uniform();
  return n;
}

constexpr naive_result naive_train(std::size_t epochs) {
  constexpr double X[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
  constexpr double y[4] = {0, 1, 1, 0};
  const double lr = 10.0;
  naive_result r{naive_init(3), 0, 0};
  naive_net& n = r.net;
  for (;;) {
    // forward: a1 = f(X W1 + b1), a2 = f(a1 W2 + b2)
    double a1[4][4]{}, a2[4]{};
    for (int i = 0; i < 4; ++i) {
      for (int j = 0; j < 4; ++j) {
        double z = n.b1[j];
        for (int k = 0; k < 2; ++k) z += X[i][k] * n.W1[k][j];
        a1[i][j] = naive_sigmoid(z);
      }
      double z = n.b2;
      for (int j = 0; j < 4; ++j) z += a1[i][j] * n.W2[j];
      a2[i] = naive_sigmoid(z);
    }
    r.loss = 0;
    for (int i = 0; i < 4; ++i) r.loss += 0.5 * (y[i] - a2[i]) * (y[i] - a2[i]);
    if (r.epochs == epochs) return r;
    // backward
    naive_net g{};
    for (int i = 0; i < 4; ++i) {
      const double d2 = (a2[i] - y[i]) * a2[i] * (1 - a2[i]);
      g.b2 += d2;
      for (int j = 0; j < 4; ++j) {
        g.W2[j] += a1[i][j] * d2;
        const double d1 = d2 * n.W2[j] * a1[i][j] * (1 - a1[i][j]);
        g.b1[j] += d1;
        for (int k = 0; k < 2; ++k) g.W1[k][j] += X[i][k] * d1;
      }
    }
    // update
    for (int k = 0; k < 2; ++k)
      for (int j = 0; j < 4; ++j) n.W1[k][j] -= lr * g.W1[k][j];
    for (int j = 0; j < 4; ++j) {
      n.b1[j] -= lr * g.b1[j];
      n.W2[j] -= lr * g.W2[j];
    }
    n.b2 -= lr * g.b2;
    ++r.epochs;
  }
}

constexpr auto r = naive_train(EPOCHS);
static_assert(r.epochs == EPOCHS);
"""


def ctnn_tu(net, X, y, seed):
    rows = lambda m: "{" + ", ".join("{" + ", ".join(repr(v) for v in row) + "}" for row in m) + "}"
    return CTNN_TU.format(net=net, n=len(X), m=len(X[0]), X=rows(X), y=rows(y), seed=seed)


XOR_X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
XOR_Y = [[0.0], [1.0], [1.0], [0.0]]
BIASED = "ctnn::network<double, ctnn::dense<2, {h}, ctnn::sigmoid, ctnn::with_bias>, " \
         "ctnn::dense<{h}, 1, ctnn::sigmoid, ctnn::with_bias>>"

# key, label, source
PROGRAMS = [
    ("a", "(a) walkthrough 2-3-1, no bias, 3 examples",
     ctnn_tu("ctnn::mlp<double, ctnn::sigmoid, 2, 3, 1>", [[0.3, 1.0], [0.5, 0.2], [1.0, 0.4]],
             [[0.75], [0.82], [0.93]], 42)),
    ("b", "(b) XOR 2-3-1 with biases, 4 examples", ctnn_tu(BIASED.format(h=3), XOR_X, XOR_Y, 3)),
    ("c", "(c) XOR 2-4-1 with biases, 4 examples", ctnn_tu(BIASED.format(h=4), XOR_X, XOR_Y, 3)),
    ("naive", "naive kernel, XOR 2-4-1 with biases", NAIVE_TU),
]
LABEL = {key: label for key, label, _ in PROGRAMS}
SOURCE = {key: text for key, _, text in PROGRAMS}

# ---- running the compilers -------------------------------------------------------


def version(compiler):
    """(family, version number, first line of --version)."""
    out = subprocess.run([compiler, "--version"], capture_output=True, text=True).stdout
    first = out.splitlines()[0] if out else compiler
    # "Debian clang version 16.0.6 (15~deb12u1)" / "g++ (Debian 12.2.0-14+deb12u1) 12.2.0"
    family = "clang" if "clang" in first else "gcc"
    found = re.search(r"version (\d+\.\d+\.\d+)" if family == "clang" else r"(\d+\.\d+\.\d+)\s*$", first)
    return family, found.group(1) if found else "?", first


def limit_flag(family, n):
    return f"-fconstexpr-steps={n}" if family == "clang" else f"-fconstexpr-ops-limit={n}"


LIMIT_MESSAGES = ("step limit", "constexpr-steps", "operation count exceeds", "constexpr-ops-limit")


class CompileError(Exception):
    pass


class Runner:
    """Writes translation units into a scratch directory and compiles them, one at a time."""

    def __init__(self, workdir, include=INCLUDE, use_pch=True):
        self.workdir = workdir
        self.include = include
        self.use_pch = use_pch
        self.pch = {}  # compiler -> extra flags that use its precompiled ctnn.hpp
        self.compiles = 0

    def write(self, key, epochs):
        path = os.path.join(self.workdir, f"train_{key}_{epochs}.cpp")
        with open(path, "w") as f:
            f.write(f"#define EPOCHS {epochs}\n" + SOURCE[key])
        return path

    def command(self, compiler, family, path, limit, pch=False):
        extra = self.pch.get(compiler, []) if pch else []
        return [compiler, "-std=c++20", "-fsyntax-only"] + extra + ["-I", self.include,
                                                                    limit_flag(family, limit), path]

    def precompile(self, compiler, family):
        """Precompiles ctnn.hpp for the bisections, which then skip parsing it: the counts
        are the same (the header only declares), the compiles about 0.4 s shorter."""
        if not self.use_pch or compiler in self.pch:
            return
        header = os.path.join(self.include, "ctnn", "ctnn.hpp")
        base = os.path.join(self.workdir, "pch", compiler)
        if family == "gcc":  # found as <dir>/ctnn/ctnn.hpp.gch before <include>/ctnn/ctnn.hpp
            os.makedirs(os.path.join(base, "ctnn"), exist_ok=True)
            out, flags = os.path.join(base, "ctnn", "ctnn.hpp.gch"), ["-I", base]
        else:
            os.makedirs(base, exist_ok=True)
            out = os.path.join(base, "ctnn.pch")
            flags = ["-include-pch", out]
        r = subprocess.run([compiler, "-std=c++20", "-x", "c++-header", "-I", self.include, header, "-o", out],
                           capture_output=True, text=True)
        self.pch[compiler] = flags if r.returncode == 0 else []
        if r.returncode != 0:
            print(f"{compiler}: no precompiled header ({r.stderr.strip()[:200]}); going on without", file=sys.stderr)

    def compiles_under(self, compiler, family, path, limit, pch):
        """True if it compiles, False if it fails on the limit; CompileError otherwise."""
        self.compiles += 1
        r = subprocess.run(self.command(compiler, family, path, limit, pch), capture_output=True, text=True)
        if r.returncode == 0:
            return True
        if any(m in r.stderr for m in LIMIT_MESSAGES):
            return False
        if pch and self.pch.get(compiler):  # perhaps an unusable precompiled header: retry without it
            print(f"{compiler}: failed with the precompiled header; retrying, and going on, without it",
                  file=sys.stderr)
            self.pch[compiler] = []
            return self.compiles_under(compiler, family, path, limit, pch)
        raise CompileError(f"{compiler} {path}: failed for another reason than the limit:\n"
                           + "\n".join(r.stderr.splitlines()[:15]))

    def smallest_limit(self, compiler, family, key, epochs, guess=None, exact_guess=False):
        """The smallest limit under which the program compiles: its cost in the compiler's units.

        With a guess, brackets it first, widening 4x per miss from 1 (exact_guess: another
        compiler of the family counted the same before) or from guess / 1000; then bisects."""
        path = self.write(key, epochs)
        pch = key != "naive"
        if pch:
            self.precompile(compiler, family)
        ok = lambda n: self.compiles_under(compiler, family, path, n, pch)
        if guess:
            step = 1 if exact_guess else max(guess // 1000, 1)
            if ok(guess):
                hi, lo = guess, guess - step
                while lo > 0 and ok(lo):
                    hi, step = lo, step * 4
                    lo = hi - step
                lo = max(lo, 0)
            else:
                lo, hi = guess, guess + step
                while not ok(hi):
                    lo, step = hi, step * 4
                    hi = lo + step
        else:
            lo, hi = 0, 1024
            while not ok(hi):
                lo, hi = hi, hi * 4
        while hi - lo > 1:  # lo fails (or is 0), hi compiles
            mid = (lo + hi) // 2
            if ok(mid):
                hi = mid
            else:
                lo = mid
        return hi

    def timed(self, compiler, family, key, epochs, repeat=1):
        """(wall s, CPU s, peak KB) of compiling, the least of `repeat` runs, limits raised (no
        PCH: this is what a user's compile costs). Retries with a higher limit if needed."""
        path = self.write(key, epochs)
        limit, best = HIGH_LIMIT[family], None
        out = os.path.join(self.workdir, "time.txt")
        while best is None or len(best) < repeat:
            cmd = [TIME, "-f", "%e %U %S %M", "-o", out] + self.command(compiler, family, path, limit)
            if family == "gcc":
                cmd.insert(-1, "-fconstexpr-loop-limit=100000000")
            r = subprocess.run(cmd, capture_output=True, text=True)
            if r.returncode != 0:
                if not any(m in r.stderr for m in LIMIT_MESSAGES) or limit >= 1000 * HIGH_LIMIT[family]:
                    raise CompileError(f"{compiler} {path}:\n" + "\n".join(r.stderr.splitlines()[:15]))
                limit, best = limit * 10, None
                continue
            with open(out) as f:
                wall, user, system, kb = f.read().split()[-4:]
            best = (best or []) + [(float(wall), float(user) + float(system), int(kb))]
        return tuple(min(column) for column in zip(*best))


# ---- formatting -----------------------------------------------------------------------


def num(x, digits=0):
    return "n/a" if x is None else f"{x:,.{digits}f}"


def ratio(a, b):
    return "n/a" if a is None or b is None or b == 0 else f"{a / b:.2f}"


def head(family, number):
    return f"{'Clang' if family == 'clang' else 'GCC'} {number}"


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return f.read().split()[0]
    except OSError:
        return "?"


def describe_source(rev):
    git = lambda *a: subprocess.run(["git", "-C", REPO, *a], capture_output=True, text=True).stdout.strip()
    if rev:
        return f"`include/` at commit {git('rev-parse', '--short', rev)} ({git('log', '-1', '--format=%s', rev)[:70]})"
    head_commit = git("rev-parse", "--short", "HEAD") or "?"
    dirty = git("status", "--porcelain", "--", "include")
    return f"the working tree's `include/`, HEAD {head_commit}" + (" with uncommitted changes" if dirty else "")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--compilers", nargs="*", default=CANDIDATES,
                        help="compilers to use (default: %(default)s; missing ones are skipped)")
    parser.add_argument("--rev", help="measure include/ as of this git revision (extracted with git archive) "
                                      "instead of the working tree")
    parser.add_argument("--repeat", type=int, default=1,
                        help="timed compiles per figure, the fastest kept (default: %(default)s)")
    parser.add_argument("--no-pch", action="store_true",
                        help="bisect without a precompiled ctnn.hpp (slower; the counts are the same)")
    args = parser.parse_args()
    if args.rev:  # pinned once, so that a commit made during the run changes nothing
        args.rev = subprocess.run(["git", "-C", REPO, "rev-parse", "--verify", args.rev + "^{commit}"],
                                  capture_output=True, text=True, check=True).stdout.strip()
    if not os.path.exists(TIME):
        sys.exit(f"{TIME} not found (Debian: apt-get install time)")
    columns, seen = [], set()
    for c in args.compilers:
        if not shutil.which(c):
            print(f"skipping {c}: not found", file=sys.stderr)
            continue
        family, number, first = version(c)
        if (family, number) in seen:  # clang++ is often clang++-14 under another name
            print(f"skipping {c}: same version as an earlier column", file=sys.stderr)
            continue
        seen.add((family, number))
        columns.append((c, family, number, first))
    if not columns:
        sys.exit("no compiler found")
    clangs = [col for col in columns if col[1] == "clang"]
    gccs = [col for col in columns if col[1] == "gcc"]
    counters = clangs + gccs
    keys = [key for key, _, _ in PROGRAMS]
    lo_e, hi_e = STEP_EPOCHS
    started = time.time()
    load_before = loadavg()
    elapsed = lambda: f"[{time.time() - started:.0f} s]"

    cost = {}                  # (key, compiler, epochs) -> smallest limit
    timing, memory = {}, {}    # (key, compiler, epochs) -> (s, KB) / KB
    with tempfile.TemporaryDirectory(prefix="ctnn-training-cost-") as workdir:
        if args.rev:
            include = os.path.join(workdir, "snapshot", "include")
            os.makedirs(os.path.dirname(include))
            archive = subprocess.run(["git", "-C", REPO, "archive", args.rev, "include"], capture_output=True,
                                     check=True).stdout
            subprocess.run(["tar", "-x", "-C", os.path.dirname(include)], input=archive, check=True)
        else:
            include = INCLUDE
        run = Runner(workdir, include, use_pch=not args.no_pch)

        def attempt(what, f):
            try:
                return f()
            except CompileError as e:
                print(f"{what}: {e}", file=sys.stderr)
                return None

        # 1, 2: the counters. Earlier results seed later bisections: the same program on an
        # earlier compiler of the family (usually the same count), else the previous program's
        # ratio N(50) / N(0) on this compiler.
        for compiler, family, _, _ in counters:
            done = [c for c, f, _, _ in counters if f == family and c != compiler and (keys[0], c, lo_e) in cost]
            for i, key in enumerate(keys):
                same = [c for c in done if cost.get((key, c, hi_e))]
                n0 = attempt(f"{compiler} {key} E={lo_e}", lambda: run.smallest_limit(
                    compiler, family, key, lo_e, cost[(key, same[-1], lo_e)] if same else None, bool(same)))
                if n0 is None:
                    continue
                cost[(key, compiler, lo_e)] = n0
                if same:
                    guess = n0 + cost[(key, same[-1], hi_e)] - cost[(key, same[-1], lo_e)]
                else:
                    prev = [k for k in keys[:i] if cost.get((k, compiler, hi_e)) and k != "naive"]
                    factor = cost[(prev[-1], compiler, hi_e)] / cost[(prev[-1], compiler, lo_e)] if prev else 40
                    guess = int(n0 * factor)
                n1 = attempt(f"{compiler} {key} E={hi_e}", lambda: run.smallest_limit(
                    compiler, family, key, hi_e, guess, bool(same)))
                if n1 is not None:
                    cost[(key, compiler, hi_e)] = n1
                print(f"{compiler} {key}: N({lo_e}) = {n0}, N({hi_e}) = {n1}  {elapsed()}", file=sys.stderr)

        # 3: wall time and peak memory; GCC's memory at fewer epochs.
        for compiler, family, _, _ in columns:
            for key in keys:
                for epochs in (0, WALL_EPOCHS) + (GCC_MEMORY_EPOCHS if family == "gcc" else ()):
                    repeat = args.repeat if epochs == WALL_EPOCHS else 1
                    res = attempt(f"{compiler} {key} E={epochs}",
                                  lambda: run.timed(compiler, family, key, epochs, repeat))
                    timing[(key, compiler, epochs)] = res
                    memory[(key, compiler, epochs)] = None if res is None else res[2]
                    print(f"{compiler} {key} E={epochs}: {res}  {elapsed()}", file=sys.stderr)
        compiles = run.compiles
        used_pch = any(run.pch.values())

    def per_epoch(key, compiler):
        n0, n1 = cost.get((key, compiler, lo_e)), cost.get((key, compiler, hi_e))
        return None if n0 is None or n1 is None else (n1 - n0) / (hi_e - lo_e)

    # ---- the tables -------------------------------------------------------------------
    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    command = " ".join(["python3 benchmarks/training_cost.py"] + sys.argv[1:])
    print(f"Measured {datetime.date.today().isoformat()} by `{command}`; machine: {cpu_model()}, nproc = {nproc}, "
          f"{platform.system()} {platform.machine()}.")
    print()
    print(f"ctnn: {describe_source(args.rev)}.")
    print()
    print(f"Load average (1 min) at the start and end: {load_before} and {loadavg()}: other work on the "
          "machine slows the wall clock, not the counters.")
    print()
    print("Compilers:")
    print()
    for compiler, _, _, first in columns:
        print(f"- `{compiler}`: {first}")
    print()

    if counters:
        print(f"### Constant-evaluation cost per epoch, (N({hi_e}) − N({lo_e})) / {hi_e - lo_e}")
        print()
        heads = [f"{head(f, n)} ({'steps' if f == 'clang' else 'ops'})" for _, f, n, _ in counters]
        print("| network | " + " | ".join(heads) + " |")
        print("|---|" + "---:|" * len(counters))
        for key in keys:
            print(f"| {LABEL[key]} | " + " | ".join(num(per_epoch(key, c)) for c, _, _, _ in counters) + " |")
        print("| (c) ÷ naive kernel | " + " | ".join(
            ratio(per_epoch("c", c), per_epoch("naive", c)) for c, _, _, _ in counters) + " |")
        print()
        print(f"N({lo_e}), the fixed cost (initialisation, the first forward and backward pass, checks):")
        print()
        print("| network | " + " | ".join(heads) + " |")
        print("|---|" + "---:|" * len(counters))
        for key in keys:
            print(f"| {LABEL[key]} | " + " | ".join(num(cost.get((key, c, lo_e))) for c, _, _, _ in counters) + " |")
        print()
        for c, _, n, _ in clangs[-1:]:
            if per_epoch("c", c):
                print(f"Under Clang's default limit of 1,048,576 steps, one constant expression trains (c) for "
                      f"about {num((1048576 - cost[('c', c, lo_e)]) / per_epoch('c', c))} epochs (Clang {n}).")
                print()

    print(f"### Compiler time and peak memory, {WALL_EPOCHS:,} epochs")
    print()
    print(f"`-fsyntax-only`, limits raised to `-fconstexpr-steps={HIGH_LIMIT['clang']}` (Clang) and "
          f"`-fconstexpr-ops-limit={HIGH_LIMIT['gcc']}` (GCC); {'one run' if args.repeat == 1 else f'the least of {args.repeat} runs'}. Time is wall "
          "clock, and in brackets CPU time (user + system), which depends less on the machine's load.")
    print()

    def time_table(epochs):
        print("| network | " + " | ".join(f"{head(f, n)} s | {head(f, n)} MB" for _, f, n, _ in columns) + " |")
        print("|---|" + "---:|---:|" * len(columns))
        for key in keys:
            cells = []
            for c, _, _, _ in columns:
                t = timing.get((key, c, epochs))
                cells += ["n/a", "n/a"] if t is None else [f"{t[0]:.2f} ({t[1]:.2f})", f"{t[2] / 1024:,.0f}"]
            print(f"| {LABEL[key]} | " + " | ".join(cells) + " |")
        print()

    time_table(WALL_EPOCHS)
    print("The same files with 0 epochs (parsing, initialisation and one pass), one run:")
    print()
    time_table(0)

    m1, m2 = GCC_MEMORY_EPOCHS
    for c, f, n, _ in gccs:
        print(f"### {head(f, n)}: peak memory against epochs")
        print()
        print(f"| network | {m1} epochs (MB) | {m2} epochs (MB) | {WALL_EPOCHS:,} epochs (MB) "
              f"| KB per epoch, ({m2} − {m1}) / {m2 - m1} | KB per epoch, ({WALL_EPOCHS:,} − {m1}) / {WALL_EPOCHS - m1} |")
        print("|---|---:|---:|---:|---:|---:|")
        growth = {}
        for key in keys:
            m = [memory.get((key, c, e)) for e in (m1, m2, WALL_EPOCHS)]
            g1 = None if None in m[:2] else (m[1] - m[0]) / (m2 - m1)
            g2 = None if m[0] is None or m[2] is None else (m[2] - m[0]) / (WALL_EPOCHS - m1)
            growth[key] = g1
            print(f"| {LABEL[key]} | " + " | ".join("n/a" if v is None else f"{v / 1024:,.0f}" for v in m)
                  + f" | {num(g1)} | {num(g2)} |")
        print(f"| (c) ÷ naive kernel | | | | {ratio(growth.get('c'), growth.get('naive'))} | |")
        print()

    print(f"({compiles} bisection compiles{', ctnn.hpp precompiled' if used_pch else ''}; "
          f"{time.time() - started:.0f} s in all.)")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Runs benchmarks/runtime_speed.cpp's programs and prints Markdown tables.

    python3 benchmarks/runtime_speed.py build/gcc/benchmarks/runtime_speed \\
                                        build/gcc/benchmarks/runtime_speed_native
    python3 benchmarks/runtime_speed.py --repetitions 10 --save results/ BINARY...
    python3 benchmarks/runtime_speed.py --load results/*.json   # tables again, no run

For each program: one table with, per case (operation x network x type x
batch), the CPU time of one call in ns of each implementation, the median
over --repetitions runs, and the ratio of ctnn's median to each other
column's (<= 1.0: ctnn is as fast or faster). Then, over all programs, a
summary: per case and program, ctnn's median over the fastest other column's
median, and which column that is; the issue's target is <= 1.0 everywhere.

"ctnn fast" is the same networks with ctnn::fast_sigmoid and ctnn::fast_tanh
(opt-in, Eigen-class accuracy) in place of ctnn::sigmoid and ctnn::tanh. It
has columns and a summary of its own: its median over Eigen's `.tanh()`
column and over the fastest other column. The other columns are Eigen's and
the loops only: ctnn fast is not one of them for ctnn's ratios, nor ctnn for
ctnn fast's. Saved results without it (older programs) show no such columns.

CPU time, not wall time: the machine may be shared, and a program's CPU
time counts only while it runs. Repetitions are interleaved at random
(--benchmark_enable_random_interleaving), so that a burst of load from
another process spreads over all columns instead of landing on one.
The spread is shown as the largest coefficient of variation of any column.

With --callgrind, it also counts instructions per call under valgrind's
callgrind (deterministic, whatever the load) for four cases (every case
with --callgrind-all), for ctnn, the other columns and ctnn fast (when the
program has it), from the programs' --calls=N --case=NAME mode: the count
of 150 calls minus that of 50, over 100, so start-up is not counted. Only
programs built without -march=native are counted (valgrind does not run
AVX-512 code).
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Columns in the order shown; the first is ctnn, the ratios are ctnn over each of OTHERS.
OTHERS = ["eigen", "eigen_std", "loops"]
# ctnn with fast_sigmoid / fast_tanh: after OTHERS, with ratios over "eigen" and over the
# fastest of OTHERS. Never one of OTHERS: ctnn's ratios (and the summary) stay ctnn's
# default activations against Eigen and the loops.
FAST = "ctnn_fast"
CTNN_EXTRA = ["ctnn_gradient", "ctnn_gd_step", "ctnn_train"]  # step only, shown for scale, no ratio
COLUMN_TITLES = {
    "ctnn": "ctnn",
    "eigen": "Eigen `.tanh()`",
    "eigen_std": "Eigen + `std::`",
    "loops": "loops",
    "ctnn_fast": "ctnn fast",
    "ctnn_gradient": "ctnn `gradient`, then w −= η g",
    "ctnn_gd_step": "ctnn `gradient_descent::step`",
    "ctnn_train": "ctnn `train`, 1 epoch",
}
OPS = ["predict", "step"]
NETWORKS = ["2-3-1_sigmoid", "16-32-32-4_tanh"]
TYPES = ["float", "double"]


def run(binary, repetitions, min_time, extra):
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        out = f.name
    try:
        cmd = [binary, f"--benchmark_repetitions={repetitions}", f"--benchmark_min_time={min_time}",
               "--benchmark_enable_random_interleaving=true", "--benchmark_report_aggregates_only=true",
               f"--benchmark_out={out}", "--benchmark_out_format=json", "--benchmark_format=console"] + extra
        print(f"runtime_speed.py: running {' '.join(cmd)}", file=sys.stderr)
        # The console output goes to stderr, for progress; the JSON file is what is read.
        subprocess.run(cmd, check=True, stdout=sys.stderr)
        with open(out) as f:
            data = json.load(f)
    finally:
        os.unlink(out)
    data["context"]["binary"] = os.path.basename(binary)
    return data


def medians(data):
    """{(op, network, type, batch): {impl: (median cpu ns, cv)}}"""
    table = {}
    cvs = {}
    for b in data["benchmarks"]:
        if b.get("run_type") != "aggregate":
            continue
        op, network, typ, batch, impl = b["run_name"].split("/")
        key = (op, network, typ, int(batch))
        scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}[b.get("time_unit", "ns")]
        if b["aggregate_name"] == "median":
            table.setdefault(key, {})[impl] = b["cpu_time"] * scale
        elif b["aggregate_name"] == "cv":
            cvs[(key, impl)] = b["cpu_time"]  # a ratio, unitless
    return table, cvs


def label(data):
    c = data["context"]
    binary = c.get("binary", "?")
    compiler = c.get("compiler", "?")
    name = ("Clang " + compiler.split("Clang ")[-1].split()[0]) if "clang" in compiler.lower() else f"GCC {compiler}"
    flags = "-O3 -march=native" if binary.endswith("_native") else "-O3"
    return f"{name} {flags}"


def fmt_ns(x):
    if x is None:
        return "–"
    return f"{x:,.0f}" if x >= 100 else f"{x:.1f}"


def fmt_ratio(x):
    return "–" if x is None else (f"**{x:.2f}**" if x > 1.0 else f"{x:.2f}")


def cases(table):
    keys = [(op, n, t, b) for op in OPS for n in NETWORKS for t in TYPES for b in (1, 32)]
    return [k for k in keys if k in table]


def case_name(key):
    op, network, typ, batch = key
    return f"{op} {network.replace('_', ' ')} {typ} ×{batch}"


def fastest_other(row):
    """(value, column) of the smallest of OTHERS in row, or None."""
    others = [(row[i], i) for i in OTHERS if row.get(i)]
    return min(others) if others else None


def has_fast(table):
    return any(row.get(FAST) for row in table.values())


# The ratio columns of ctnn fast, after ctnn's: over Eigen's `.tanh()` and over the fastest other.
FAST_RATIO_TITLES = [f"{COLUMN_TITLES[FAST]} / {COLUMN_TITLES['eigen']}", f"{COLUMN_TITLES[FAST]} / fastest other"]


def fast_ratios(row):
    fast, best = row.get(FAST), fastest_other(row)
    return [fmt_ratio(fast / row["eigen"] if fast and row.get("eigen") else None),
            fmt_ratio(fast / best[0] if fast and best else None)]


def full_table(data):
    table, cvs = medians(data)
    c = data["context"]
    lines = [f"#### {label(data)}", "",
             f"`{c.get('binary')}`: {c.get('compiler')}, {c.get('vector_extensions', '')}; "
             f"{c.get('num_cpus')} CPUs at {c.get('mhz_per_cpu')} MHz; load average "
             f"{', '.join(f'{x:.2f}' for x in c.get('load_avg', []))} at the start; {c.get('date')}.", ""]
    fast = [FAST] if has_fast(table) else []
    head = ["case"] + [COLUMN_TITLES[i] for i in ["ctnn"] + OTHERS + fast] + \
           [f"ctnn / {COLUMN_TITLES[i]}" for i in OTHERS] + (FAST_RATIO_TITLES if fast else []) + \
           [COLUMN_TITLES[i] for i in CTNN_EXTRA] + ["max CV"]
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|")
    for key in cases(table):
        row = table[key]
        ctnn = row.get("ctnn")
        cells = [case_name(key)] + [fmt_ns(row.get(i)) for i in ["ctnn"] + OTHERS + fast]
        cells += [fmt_ratio(ctnn / row[i] if ctnn and row.get(i) else None) for i in OTHERS]
        cells += fast_ratios(row) if fast else []
        cells += [fmt_ns(row.get(i)) for i in CTNN_EXTRA]
        cv = max((cvs.get((key, i), 0.0) for i in row), default=0.0)
        cells.append(f"{cv * 100:.0f}%")
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    return "\n".join(lines)


def summary(datas, who="ctnn"):
    """Per case and program: who's column (ctnn or ctnn_fast) over the fastest of OTHERS."""
    tables = [medians(d)[0] for d in datas]
    keys = []
    for t in tables:
        keys += [k for k in cases(t) if k not in keys]
    head = ["case"] + [label(d) for d in datas]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] + [":---:"] * len(datas)) + "|"]
    for key in keys:
        cells = [case_name(key)]
        for t in tables:
            row = t.get(key, {})
            best = fastest_other(row)
            if not row.get(who) or not best:
                cells.append("–")
                continue
            cells.append(f"{fmt_ratio(row[who] / best[0])} ({best[1]})")
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    return "\n".join(lines)


CALLGRIND_CASES = ["predict/2-3-1_sigmoid/float/1", "step/2-3-1_sigmoid/double/32",
                   "predict/16-32-32-4_tanh/float/32", "step/16-32-32-4_tanh/double/1"]


def instructions(binary, case, calls):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "callgrind.out")
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", "--collect-atstart=no",
                        "--toggle-collect=*calls_of_*", binary, f"--calls={calls}", f"--case={case}"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(out) as f:
            for line in f:
                if line.startswith(("summary:", "totals:")):
                    return int(line.split()[1])
    raise RuntimeError(f"no instruction count in callgrind's output for {binary} {case}")


def listed_cases(binary):
    """The program's benchmark names (one from before ctnn_fast has none of its cases)."""
    listed = subprocess.run([binary, "--benchmark_list_tests=true"], check=True, capture_output=True, text=True)
    return set(listed.stdout.split())


def callgrind_table(binaries, every_case):
    lines = ["Instructions per call (callgrind; Ir), and ctnn's count over each other column's "
             "(ctnn fast's: over Eigen's `.tanh()` and over the fewest of the other columns):", ""]
    head = ["program", "case"] + [COLUMN_TITLES[i] for i in ["ctnn"] + OTHERS + [FAST]] + \
           [f"ctnn / {COLUMN_TITLES[i]}" for i in OTHERS] + FAST_RATIO_TITLES
    lines += ["| " + " | ".join(head) + " |", "|" + "|".join(["---", "---"] + ["---:"] * (len(head) - 2)) + "|"]
    for binary in binaries:
        if binary.endswith("_native"):
            continue
        chosen = [f"{op}/{n}/{t}/{b}" for op in OPS for n in NETWORKS for t in TYPES for b in (1, 32)] \
            if every_case else CALLGRIND_CASES
        listed = listed_cases(binary)
        for case in chosen:
            print(f"runtime_speed.py: callgrind {binary} {case}", file=sys.stderr)
            counted = ["ctnn"] + OTHERS + ([FAST] if f"{case}/{FAST}" in listed else [])
            ir = {i: (instructions(binary, f"{case}/{i}", 150) - instructions(binary, f"{case}/{i}", 50)) / 100
                  for i in counted}
            op, network, typ, batch = case.split("/")
            cells = [f"`{binary}`", case_name((op, network, typ, int(batch)))]
            cells += [f"{ir[i]:,.0f}" if i in ir else "–" for i in ["ctnn"] + OTHERS + [FAST]]
            cells += [fmt_ratio(ir["ctnn"] / ir[i]) for i in OTHERS]
            cells += fast_ratios(ir)
            lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    return "\n".join(lines)


def git_commit():
    """HEAD, and whether the library or the benchmark differ from it (what was measured)."""
    def git(*a):
        return subprocess.run(["git", "-C", REPO, *a], capture_output=True, text=True, check=True).stdout.strip()
    try:
        rev = git("rev-parse", "--short", "HEAD")
        dirty = git("status", "--porcelain", "--", "include", "benchmarks/runtime_speed.cpp")
        return rev + (" (with uncommitted changes to include/ or runtime_speed.cpp)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binaries", nargs="*", help="runtime_speed programs to run (e.g. build/gcc/benchmarks/runtime_speed)")
    ap.add_argument("--repetitions", type=int, default=7, help="runs of each benchmark (default 7); medians are shown")
    ap.add_argument("--min-time", default="0.2", help="seconds per run (default 0.2)")
    ap.add_argument("--filter", help="--benchmark_filter regex, to run only some cases")
    ap.add_argument("--save", metavar="DIR", help="also write each program's JSON results into DIR")
    ap.add_argument("--callgrind", action="store_true", help="also count instructions per call under callgrind")
    ap.add_argument("--callgrind-all", action="store_true", help="count every case, not four (several minutes)")
    ap.add_argument("--no-timing", action="store_true", help="do not time the programs: only count instructions")
    ap.add_argument("--load", nargs="+", metavar="JSON", default=[], help="print tables from saved results, no run")
    args = ap.parse_args()
    if not args.binaries and not args.load:
        ap.error("give runtime_speed programs to run, or --load saved results")

    if args.no_timing:
        print(callgrind_table(args.binaries, args.callgrind_all))
        return 0
    datas = []
    for path in args.load:
        with open(path) as f:
            datas.append(json.load(f))
    extra = [f"--benchmark_filter={args.filter}"] if args.filter else []
    for binary in args.binaries:
        data = run(binary, args.repetitions, args.min_time, extra)
        data["context"]["ctnn_commit"] = git_commit()
        data["context"]["repetitions"] = args.repetitions
        datas.append(data)
        if args.save:
            os.makedirs(args.save, exist_ok=True)
            name = f"{label(data).replace(' ', '_').replace('-', '')}.json"
            with open(os.path.join(args.save, name), "w") as f:
                json.dump(data, f, indent=1)

    commits = sorted({d["context"].get("ctnn_commit", "unknown") for d in datas})
    reps = sorted({str(d["context"].get("repetitions", "?")) for d in datas})
    print(f"ctnn {', '.join(commits)}; medians of {', '.join(reps)} repetitions; CPU time per call in ns; "
          f"ratios are ctnn's (or ctnn fast's) median over the other column's (≤ 1.00: as fast or faster; "
          f"above 1.00 in bold).\n")
    print("Summary: ctnn over the fastest other implementation (which one in brackets).\n")
    print(summary(datas))
    if any(has_fast(medians(d)[0]) for d in datas):
        print("Summary: ctnn `fast_tanh` / `fast_sigmoid` over the fastest other implementation "
              "(which one in brackets; ctnn's default activations are not one of them).\n")
        print(summary(datas, FAST))
    for d in datas:
        print(full_table(d))
    if args.callgrind or args.callgrind_all:
        print(callgrind_table(args.binaries, args.callgrind_all))
    return 0


if __name__ == "__main__":
    sys.exit(main())

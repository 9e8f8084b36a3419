#!/usr/bin/env python3
"""Runs the libFuzzer harness for meson test (tests/fuzz/meson.build).

    run_fuzz.py fuzz   FUZZER CORPUS BUILDDIR SECONDS
    run_fuzz.py replay FUZZER CORPUS BUILDDIR SECONDS

fuzz: mutates for SECONDS (or $CTNN_FUZZ_SECONDS) starting from the
committed seeds in CORPUS plus what earlier runs learnt (BUILDDIR/corpus,
the directory new inputs go to, so the source tree is never written). A
failing input is saved under BUILDDIR/fuzz-artifacts/ and the command that
reproduces it is printed.
replay: runs each committed seed once, in name order: the same inputs and
the same result on every run.
Exits non-zero if libFuzzer reports anything, or if it ran no input.
"""

import os
import pathlib
import re
import subprocess
import sys


def main():
    mode, fuzzer, corpus, builddir, seconds = sys.argv[1:6]
    seconds = int(os.environ.get("CTNN_FUZZ_SECONDS", seconds))
    corpus = pathlib.Path(corpus)
    seeds = sorted(p for p in corpus.iterdir() if p.is_file())
    if not seeds:
        print(f"run_fuzz.py: no seeds in {corpus}", file=sys.stderr)
        return 99
    build = pathlib.Path(builddir)
    artifacts = build / "fuzz-artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    common = [fuzzer, f"-artifact_prefix={artifacts}/", "-timeout=20", "-print_final_stats=1"]
    if mode == "fuzz":
        learnt = build / "corpus"
        learnt.mkdir(parents=True, exist_ok=True)
        cmd = common + [f"-max_total_time={seconds}", str(learnt), str(corpus)]
    elif mode == "replay":
        cmd = common + [str(p) for p in seeds]
    else:
        print(f"run_fuzz.py: unknown mode {mode}", file=sys.stderr)
        return 99
    print("running:", " ".join(cmd), flush=True)
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace")
    out = proc.stdout
    # The log is long while fuzzing (one line per new input): keep its end.
    lines = out.splitlines()
    print("\n".join(lines if len(lines) <= 200 else ["[...]"] + lines[-200:]))
    runs = re.search(r"stat::number_of_executed_units:\s*(\d+)", out)
    executed = int(runs.group(1)) if runs else 0
    if proc.returncode != 0:
        crash = re.findall(r"Test unit written to (\S+)", out)
        for path in crash:
            print(f"run_fuzz.py: failing input saved; reproduce with: {os.path.abspath(fuzzer)} {path}")
        return 1
    if mode == "replay":
        executed = len(re.findall(r"^Executed ", out, re.M))
        if executed != len(seeds):
            print(f"run_fuzz.py: replayed {executed} of {len(seeds)} seeds", file=sys.stderr)
            return 1
    if executed == 0:
        print("run_fuzz.py: libFuzzer executed no input", file=sys.stderr)
        return 1
    print(f"run_fuzz.py: {mode}: {executed} inputs executed, no failure")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Determinism test: the same training run, done at compile time, gives
bit-identical weights on every compiler.

Builds train_and_dump.cpp with each of g++, clang++, clang++-16 and clang++-19
that is installed (at least two are needed), runs each program, and requires
their outputs (weights as hexadecimal floats) to be byte-identical. Prints one
line per compiler with its version and a SHA-256 of its output; on a mismatch,
prints a unified diff against the first compiler's output and exits 1.

Usage: compare.py SOURCE INCLUDE_DIR
"""
import difflib
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile

COMPILERS = ["g++", "clang++", "clang++-16", "clang++-19"]


def version(cxx):
    out = subprocess.run([cxx, "--version"], capture_output=True, text=True).stdout
    return out.splitlines()[0] if out else "?"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    source, include_dir = sys.argv[1], sys.argv[2]
    found = [c for c in COMPILERS if shutil.which(c)]
    missing = [c for c in COMPILERS if c not in found]
    if missing:
        print("not installed, skipped: " + ", ".join(missing))
    if len(found) < 2:
        print(f"FAIL: need at least 2 compilers, found {len(found)}: {found}")
        return 1

    outputs = {}
    with tempfile.TemporaryDirectory(prefix="ctnn-determinism-") as tmp:
        for cxx in found:
            exe = os.path.join(tmp, "dump_" + cxx.replace("+", "p"))
            cmd = [cxx, "-std=c++20", "-O2", "-Wall", "-Wextra", "-Wpedantic", "-Werror",
                   "-I" + include_dir, source, "-o", exe]
            build = subprocess.run(cmd, capture_output=True, text=True)
            if build.returncode != 0:
                print(f"FAIL: {cxx} could not build the program:\n  {' '.join(cmd)}")
                print(build.stdout + build.stderr)
                return 1
            run = subprocess.run([exe], capture_output=True)
            if run.returncode != 0:
                print(f"FAIL: the {cxx} build exited with {run.returncode}")
                return 1
            outputs[cxx] = run.stdout

    reference = found[0]
    weights = sum(1 for line in outputs[reference].splitlines() if not line.startswith(b"#"))
    status = 0
    for cxx in found:
        digest = hashlib.sha256(outputs[cxx]).hexdigest()[:16]
        same = outputs[cxx] == outputs[reference]
        print(f"{cxx:12} sha256 {digest}  {'same' if same else 'DIFFERENT'}  ({version(cxx)})")
        if not same:
            status = 1
            diff = difflib.unified_diff(
                outputs[reference].decode().splitlines(), outputs[cxx].decode().splitlines(),
                fromfile=reference, tofile=cxx, lineterm="")
            print("\n".join(diff))
    if status == 0:
        print(f"OK: {weights} weights bit-identical on {len(found)} compilers")
        print(outputs[reference].decode(), end="")
    else:
        print("FAIL: the compilers disagree")
    return status


if __name__ == "__main__":
    sys.exit(main())

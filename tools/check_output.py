#!/usr/bin/env python3
"""Runs an example and compares what it prints with the expected output
written in the example's own source, in a trailing comment block:

    // Expected output:
    // yhat = 0.75 ...

Usage: check_output.py EXECUTABLE SOURCE
Exit status 0 when they agree; otherwise prints a diff and exits 1.
"""
import difflib
import subprocess
import sys


def expected_output(source):
    lines = open(source, encoding="utf-8").read().splitlines()
    try:
        start = lines.index("// Expected output:")
    except ValueError:
        sys.exit(f"{source}: no '// Expected output:' block")
    out = []
    for line in lines[start + 1:]:
        if not line.startswith("//"):
            break
        out.append(line[3:] if line.startswith("// ") else line[2:])
    return out


def main():
    exe, source = sys.argv[1], sys.argv[2]
    run = subprocess.run([exe], capture_output=True, text=True, timeout=600)
    if run.returncode != 0:
        sys.stdout.write(run.stdout)
        sys.stderr.write(run.stderr)
        sys.exit(f"{exe} exited with status {run.returncode}")
    got = [line.rstrip() for line in run.stdout.splitlines()]
    want = [line.rstrip() for line in expected_output(source)]
    if got != want:
        sys.stdout.write("\n".join(difflib.unified_diff(want, got, "expected", "printed", lineterm="")))
        sys.stdout.write("\n")
        sys.exit(1)
    print(f"{len(got)} lines match")


if __name__ == "__main__":
    main()

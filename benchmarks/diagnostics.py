#!/usr/bin/env python3
"""How long and how clear are ctnn's compile errors?

    python3 benchmarks/diagnostics.py [COMPILER ...]

Compiles every case in tests/compile_fail (except the harness's own sanity_*
cases) with its switch -DCTNN_COMPILE_FAIL on each compiler (default: g++,
clang++, clang++-16, clang++-19; missing ones are skipped), and prints a
Markdown table: for each case and compiler, the number of lines the compiler
printed, and a mark telling whether the first error line is ctnn's expected
message. Exits 1 if any first error is not ctnn's. It uses tests/compile_fail/expect_error.py, so it judges exactly as
`meson test --suite compile_fail` does.

For scale: Eigen prints 127 lines for a mismatched product, Blaze 28; ctnn
aims at 15 or fewer per case.
"""

import pathlib
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "compile_fail"
sys.path.insert(0, str(CASES))
import expect_error  # noqa: E402  (found through the path set just above)

DEFAULT_COMPILERS = ["g++", "clang++", "clang++-16", "clang++-19"]
AIM = 15


def version(compiler):
    out = subprocess.run([compiler, "--version"], stdout=subprocess.PIPE, text=True, check=False).stdout
    return out.splitlines()[0] if out else compiler


def main(argv):
    wanted = argv[1:] or DEFAULT_COMPILERS
    compilers = [c for c in wanted if shutil.which(c)]
    for missing in sorted(set(wanted) - set(compilers)):
        print(f"skipping {missing}: not found", file=sys.stderr)
    if not compilers:
        print("no compiler found", file=sys.stderr)
        return 2
    cases = sorted(p for p in CASES.glob("*.cpp") if not p.name.startswith("sanity_"))

    print("| case | " + " | ".join(compilers) + " |")
    print("|---|" + "---:|" * len(compilers))
    worst = 0
    failures = 0
    for case in cases:
        expect = expect_error.expected_text(case)
        cells = []
        for compiler in compilers:
            cmd = [compiler, "-std=c++20", "-I" + str(ROOT / "include")]
            returncode, lines = expect_error.compile_case(cmd, str(case))
            ok = bool(expect) and not expect_error.judge(returncode, lines, expect)
            failures += not ok
            worst = max(worst, len(lines))
            count = f"**{len(lines)}**" if len(lines) > AIM else str(len(lines))
            cells.append(f"{count} {'✓' if ok else '✗'}")
        print(f"| `{case.stem}` | " + " | ".join(cells) + " |")

    print()
    print("Lines: everything the compiler printed for the case (`-fsyntax-only`).")
    print("✓: the first line that mentions an error is ctnn's expected message (✗: it is not).")
    print(f"Bold: more than {AIM} lines.")
    print(f"Longest: {worst} lines (aim: ≤ {AIM}; Eigen 127, Blaze 28 for a mismatched product).")
    print()
    for compiler in compilers:
        print(f"- `{compiler}`: {version(compiler)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

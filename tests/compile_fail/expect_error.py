#!/usr/bin/env python3
"""Compile one compile-fail case with its switch on, and check how it fails.

    expect_error.py CASE.cpp -- COMPILER [ARGS...]

CASE.cpp holds a line `// expect: TEXT`. The case passes only if, with
-DCTNN_COMPILE_FAIL added, the compiler
  1. fails,
  2. prints TEXT on stderr, and
  3. prints it on the first line that mentions an error, so that ctnn's message
     is what the user reads first (a cascade that merely contains it later, or a
     typo that fails for another reason, is not accepted).
It also prints how many lines the compiler printed, the measure that
benchmarks/diagnostics.py tabulates. This file is imported by that script, so
both judge a diagnostic by the same rules.

The harness's own sanity cases also hold `// expect-rejection: KEY [KEY...]`
(keys: compiled, text-missing, not-first). For them the script still exits 1,
as meson's should_fail wants, but only if the case is rejected for exactly those
reasons; rejected for any other reason, it exits 99, which meson reports as an
ERROR even under should_fail. So each sanity case proves the rule it names.
Any problem of the harness itself (bad arguments, no expect line, no compiler)
also exits 99, never 1.
"""

import re
import subprocess
import sys

SWITCH = "-DCTNN_COMPILE_FAIL"

# "error:" as a word: g++'s and clang's "error:" and "fatal error:" lines,
# but not a path that merely contains the word (".../expect_error.py",
# a build directory named "errors") nor clang's closing "1 error generated.".
_ERROR_LINE = re.compile(r"\berror:")
_EXPECT = re.compile(r"^\s*//\s*expect:\s*(.*?)\s*$")
_EXPECT_REJECTION = re.compile(r"^\s*//\s*expect-rejection:\s*(.*?)\s*$")
HARNESS_ERROR = 99  # meson: ERROR, whatever should_fail says


def _comment(case_path, pattern):
    with open(case_path, encoding="utf-8") as f:
        for line in f:
            m = pattern.match(line)
            if m:
                return m.group(1)
    return None


def expected_text(case_path):
    """The text after `// expect:` in the case file, or None."""
    return _comment(case_path, _EXPECT)


def expected_rejection(case_path):
    """The keys after `// expect-rejection:` (sanity cases only), or None."""
    keys = _comment(case_path, _EXPECT_REJECTION)
    return None if keys is None else set(keys.split())


def compile_case(compiler_cmd, case_path):
    """Compiles the case with its switch on; returns (returncode, output lines)."""
    # -fsyntax-only: every check is in the front end, and it is quicker.
    # No colour codes, so that the text and the line count are plain.
    cmd = list(compiler_cmd) + [SWITCH, "-fsyntax-only", "-fdiagnostics-color=never", case_path]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, check=False)
    # Both streams, as a terminal would show them; compilers write to stderr.
    lines = (proc.stdout + proc.stderr).splitlines()
    return proc.returncode, lines


def first_error_line(lines):
    return next((line for line in lines if _ERROR_LINE.search(line)), None)


def judge(returncode, lines, expect):
    """Returns {key: reason} for each rule the diagnostic breaks (empty: accepted)."""
    if returncode == 0:
        return {"compiled": "the case compiled with " + SWITCH + ", but it must not"}
    problems = {}
    if not any(expect in line for line in lines):
        problems["text-missing"] = "the expected text is not in the compiler's output"
    first = first_error_line(lines)
    if first is None:
        problems["not-first"] = "the compiler failed without printing an error line"
    elif expect not in first:
        problems["not-first"] = "the first error line lacks the expected text: " + first.strip()
    return problems


def main(argv):
    if len(argv) < 4 or argv[2] != "--":
        print(__doc__, file=sys.stderr)
        return HARNESS_ERROR
    case_path, compiler_cmd = argv[1], argv[3:]
    expect = expected_text(case_path)
    if not expect:
        print(f"{case_path}: no '// expect: TEXT' line", file=sys.stderr)
        return HARNESS_ERROR
    rejection = expected_rejection(case_path)

    try:
        returncode, lines = compile_case(compiler_cmd, case_path)
    except OSError as e:
        print(f"cannot run the compiler {compiler_cmd[0]}: {e}", file=sys.stderr)
        return HARNESS_ERROR
    print("command:", " ".join(compiler_cmd + [SWITCH, "-fsyntax-only", case_path]))
    print("expect: ", expect)
    print(f"compiler exit status {returncode}, {len(lines)} lines printed:")
    for line in lines:
        print("  | " + line)

    problems = judge(returncode, lines, expect)
    for key, reason in problems.items():
        print(f"REJECTED ({key}): {reason}")
    if rejection is not None:
        if set(problems) != rejection:
            print(f"HARNESS ERROR: this sanity case must be rejected for exactly "
                  f"{sorted(rejection)}, but was for {sorted(problems)}")
            return HARNESS_ERROR
        print(f"rejected as a sanity case must be ({', '.join(sorted(rejection))})")
        return 1
    if not problems:
        print(f"OK: ctnn's message comes first ({len(lines)} lines)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

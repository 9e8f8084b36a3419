#!/usr/bin/env python3
"""Checks that a document's quotes of a program are still true.

Usage: check_doc_output.py EXECUTABLE DOC

Runs EXECUTABLE and reads DOC (Markdown). Two kinds of fenced block are checked:

- output: a block opened with ```text whose previous non-blank line is
  `<!-- output -->`. Its lines must appear, consecutively and verbatim, in
  what the program prints (trailing spaces ignored). Every ```text block
  must be marked so: an unmarked one is an error, so that a quote cannot
  silently escape the check.
- code: a block opened with ```cpp whose previous non-blank line ends in a
  Markdown link to a source line, `[...](../examples/x.cpp#L57):` (the path
  relative to DOC). Its lines must equal the file's lines from line 57 on
  (leading and trailing spaces ignored), so the pointer and the quote stay true.

Every `#L<n>` link in DOC must name an existing line. DOC must hold at least one
output block. Exit status 0 when everything agrees; otherwise each disagreement
is printed (with a diff against the closest part of the output) and the status is 1.
"""
import difflib
import os
import re
import subprocess
import sys

OUTPUT_MARK = "<!-- output -->"
LINK = re.compile(r"\]\(([^)#\s]+)#L(\d+)\)")


def blocks(lines):
    """Yields (line number of the opening fence, info string, previous non-blank line, body lines)."""
    i = 0
    prev = ""
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            info = line[3:].strip()
            start = i
            body = []
            i += 1
            while i < len(lines) and lines[i].strip() != "```":
                body.append(lines[i])
                i += 1
            if i == len(lines):
                sys.exit(f"line {start + 1}: fenced block is never closed")
            yield start + 1, info, prev, body
            prev = ""
        elif line.strip():
            prev = line.strip()
        i += 1


def find_run(needle, haystack):
    n = len(needle)
    return any(haystack[k:k + n] == needle for k in range(len(haystack) - n + 1))


def closest(needle, haystack):
    n = len(needle)
    best, best_score = haystack[:n], (-1, -1.0)
    for k in range(max(1, len(haystack) - n + 1)):
        window = haystack[k:k + n]
        # lines equal in place first, then similarity
        score = (sum(a == b for a, b in zip(needle, window)), difflib.SequenceMatcher(None, needle, window).ratio())
        if score > best_score:
            best, best_score = window, score
    return best


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    exe, doc = sys.argv[1], sys.argv[2]
    run = subprocess.run([exe], capture_output=True, timeout=600)
    if run.returncode != 0:
        sys.stdout.write(run.stdout.decode("utf-8", "replace"))
        sys.stderr.write(run.stderr.decode("utf-8", "replace"))
        sys.exit(f"{exe} exited with status {run.returncode}")
    printed = [line.rstrip() for line in run.stdout.decode("utf-8").splitlines()]

    doc_lines = read_lines(doc)
    doc_dir = os.path.dirname(os.path.abspath(doc))
    errors = []
    outputs = codes = 0

    for number, line in enumerate(doc_lines, 1):
        for path, target in LINK.findall(line):
            source = os.path.join(doc_dir, path)
            if not os.path.isfile(source):
                errors.append(f"{doc}:{number}: link to a missing file {path}")
            elif not 1 <= int(target) <= len(read_lines(source)):
                errors.append(f"{doc}:{number}: {path} has no line {target}")

    for number, info, prev, body in blocks(doc_lines):
        if info == "text":
            if prev != OUTPUT_MARK:
                errors.append(f"{doc}:{number}: ```text block not preceded by {OUTPUT_MARK}")
                continue
            outputs += 1
            quote = [line.rstrip() for line in body]
            if not find_run(quote, printed):
                diff = difflib.unified_diff(closest(quote, printed), quote, "printed", "quoted in the doc",
                                            lineterm="")
                errors.append(f"{doc}:{number}: output block not in the program's output:\n" + "\n".join(diff))
        elif info == "cpp":
            links = LINK.findall(prev)
            if not links or not prev.rstrip(":").endswith(")"):
                continue
            path, target = links[-1]
            source = os.path.join(doc_dir, path)
            if not os.path.isfile(source):
                continue  # reported above
            codes += 1
            first = int(target)
            actual = [line.strip() for line in read_lines(source)[first - 1:first - 1 + len(body)]]
            quote = [line.strip() for line in body]
            if actual != quote:
                diff = difflib.unified_diff(actual, quote, f"{path} from line {first}", "quoted in the doc",
                                            lineterm="")
                errors.append(f"{doc}:{number}: code block does not match {path}#L{first}:\n" + "\n".join(diff))

    if outputs == 0:
        errors.append(f"{doc}: no output blocks ({OUTPUT_MARK} followed by ```text)")
    if errors:
        print("\n\n".join(errors))
        sys.exit(1)
    print(f"{outputs} output blocks and {codes} code quotes match")


if __name__ == "__main__":
    main()

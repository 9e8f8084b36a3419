#!/usr/bin/env python3
"""docs/images/*.svg are copies of what examples/plots writes: checks that they still are.

Usage: compare_doc_images.py PLOTS_EXECUTABLE DOCS_IMAGES_DIR NAME...
Runs the example into a temporary directory and compares each NAME byte for
byte with DOCS_IMAGES_DIR/NAME. To refresh them after a deliberate change:
    build/gcc/examples/plots docs/images   (then delete walkthrough_scores.svg there)
    build/gcc/examples/overfitting docs/images
"""
import os
import subprocess
import sys
import tempfile


def main():
    exe, docs, names = sys.argv[1], sys.argv[2], sys.argv[3:]
    stale = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([exe, tmp], check=True, capture_output=True)
        for name in names:
            with open(os.path.join(tmp, name), "rb") as a, open(os.path.join(docs, name), "rb") as b:
                if a.read() != b.read():
                    stale.append(name)
    for name in stale:
        print(f"{docs}/{name} is not what {os.path.basename(exe)} writes now")
    print(f"{len(names) - len(stale)} of {len(names)} images current")
    sys.exit(1 if stale else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Checks the SVGs of ctnn/plot.hpp with a real renderer and by their structure.

Usage: check_svgs.py WRITE_PLOTS RSVG_CONVERT

Runs WRITE_PLOTS (tests/plot/write_plots.cpp) on a temporary directory; it
writes SVG files and prints, for each, "FILE WIDTH HEIGHT key=value ...".
For every file:
  - it parses as XML, and its root's width and height are WIDTH and HEIGHT;
  - rsvg-convert (librsvg) renders it without a word on stderr, to a PNG whose
    IHDR chunk says WIDTH x HEIGHT, and whose pixels are not all one colour;
  - the title is the one given, unescaped.
Loss curves: the polyline (each of them, with its legend label, for two
curves) has one vertex per point of the history, where the
number of points comes from an implementation of history.hpp's rule written
here (epoch 0, every stride-th epoch, the latest; stride doubles when full),
or is given (points=); x grows from the left edge of the plot to the right;
a log-scale plot's J ticks are consecutive powers of ten.
Decision boundaries: cells x cells cells, one circle per training point, and
a contour line inside the plot.
Exit status 0 if all hold, 1 otherwise, 77 (skipped) without rsvg-convert.
"""
import os
import re
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib

SVG = "{http://www.w3.org/2000/svg}"
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def history_count(epochs, capacity):
    """loss_history's rule, written again: the number of points after
    recording epochs 0, 1, ..., epochs."""
    kept, stride = [], 1
    for e in range(epochs + 1):
        if kept and (kept[-1] == e or kept[-1] % stride != 0):
            kept.pop()
        if len(kept) == capacity:
            kept = [k for k in kept if k % (2 * stride) == 0]
            stride *= 2
        kept.append(e)
    return len(kept)


def png_size_and_colours(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None, None, 0
    width, height = struct.unpack(">II", data[16:24])  # IHDR is the first chunk
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    return width, height, len(set(zlib.decompress(idat)))


def main():
    exe, rsvg = sys.argv[1], sys.argv[2]
    if not os.path.exists(rsvg):
        print("rsvg-convert not found (Debian package librsvg2-bin): skipped")
        sys.exit(77)
    with tempfile.TemporaryDirectory() as tmp:
        run = subprocess.run([exe, tmp], capture_output=True, text=True, check=True)
        for line in run.stdout.splitlines():
            name, width, height, rest = line.split(" ", 3)
            width, height = int(width), int(height)
            opts = dict(re.findall(r"(\w+)=(.*?)(?= \w+=|$)", rest))
            path = os.path.join(tmp, name)
            root = ET.parse(path).getroot()
            check(root.tag == SVG + "svg", f"{name}: root is {root.tag}")
            check(root.get("width") == str(width) and root.get("height") == str(height),
                  f"{name}: size {root.get('width')} x {root.get('height')}, want {width} x {height}")
            png = path + ".png"
            r = subprocess.run([rsvg, "-o", png, path], capture_output=True, text=True)
            check(r.returncode == 0 and r.stderr == "", f"{name}: rsvg-convert said {r.returncode}: {r.stderr}")
            w, h, colours = png_size_and_colours(png)
            check((w, h) == (width, height), f"{name}: PNG is {w} x {h}, want {width} x {height}")
            check(colours > 10, f"{name}: PNG has {colours} distinct bytes: blank?")
            if "title" in opts:
                titles = [t.text for t in root.iter(SVG + "text") if t.get("class") == "title"]
                check(titles == [opts["title"]], f"{name}: title {titles}, want {opts['title']!r}")
            if name.startswith(("loss", "gaps")):
                check_loss(name, root, width, opts)
            else:
                check_boundary(name, root, opts)
            print(f"{name}: {width} x {height} rendered, {'ok' if not failures else 'FAILED'}")
    for f in failures:
        print("FAIL:", f)
    sys.exit(1 if failures else 0)


def check_loss(name, root, width, opts):
    lines = [p for p in root.iter(SVG + "polyline") if p.get("class") == "loss"]
    curves = 2 if "points2" in opts else 1
    if not check(len(lines) == curves, f"{name}: {len(lines)} loss polylines, want {curves}"):
        return
    if curves == 2:  # the second curve's vertices, and one legend entry per curve
        check(len(lines[1].get("points").split()) == int(opts["points2"]), f"{name}: second curve's vertices")
        check(lines[0].get("stroke") != lines[1].get("stroke"), f"{name}: both curves {lines[0].get('stroke')}")
        legend = [t.text for t in root.iter(SVG + "text") if t.get("class") == "legend"]
        check(legend == opts["labels"].split("|"), f"{name}: legend {legend}")
    vertices = [tuple(map(float, v.split(","))) for v in lines[0].get("points").split()]
    want = int(opts["points"]) if "points" in opts else history_count(int(opts["epochs"]), int(opts["capacity"]))
    check(len(vertices) == want, f"{name}: {len(vertices)} vertices, want {want}")
    xs = [x for x, _ in vertices]
    check(all(a < b for a, b in zip(xs, xs[1:])), f"{name}: x does not grow")
    if "epochs" in opts:  # the whole run, from the plot's left edge (70) to its right (width - 20)
        check(abs(xs[0] - 70) < 0.01 and abs(xs[-1] - (width - 20)) < 0.01, f"{name}: x spans {xs[0]}..{xs[-1]}")
    if "log" in name:
        ticks = [t.text for g in root.iter(SVG + "g") if g.get("class") == "y-ticks" for t in g.iter(SVG + "text")]
        powers = [int(t[2:]) for t in ticks if re.fullmatch(r"1e-?\d+", t)]
        check(len(powers) == len(ticks) >= 2 and powers == list(range(powers[0], powers[0] + len(powers))),
              f"{name}: log ticks {ticks}")


def check_boundary(name, root, opts):
    cells = [r for r in root.iter(SVG + "rect") if r.get("class") == "cell"]
    check(len(cells) == int(opts["cells"]) ** 2, f"{name}: {len(cells)} cells, want {opts['cells']}^2")
    circles = list(root.iter(SVG + "circle"))
    check(len(circles) == int(opts["points"]), f"{name}: {len(circles)} points, want {opts['points']}")
    contour = [l for l in root.iter(SVG + "line") if l.get("class") == "contour"]
    check(len(contour) > 10, f"{name}: {len(contour)} contour segments")
    frame = [r for r in root.iter(SVG + "rect") if r.get("fill") == "none"]
    if check(len(frame) == 1, f"{name}: no plot frame"):
        x0, y0 = float(frame[0].get("x")), float(frame[0].get("y"))
        x1, y1 = x0 + float(frame[0].get("width")), y0 + float(frame[0].get("height"))
        inside = all(x0 - 0.01 <= float(l.get(a)) <= x1 + 0.01 and y0 - 0.01 <= float(l.get(b)) <= y1 + 0.01
                     for l in contour for a, b in (("x1", "y1"), ("x2", "y2")))
        check(inside, f"{name}: a contour segment leaves the plot")


if __name__ == "__main__":
    main()

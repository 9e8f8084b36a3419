#!/usr/bin/env python3
"""The firmware test: cross-builds examples/firmware for the Cortex-M4 (with
Meson and cortex-m4.ini, in a build directory of its own), runs it under
qemu-system-arm -machine mps2-an386 -semihosting, and compares every value
it prints with the host program's (host.cpp: the same predict sources,
compiled natively, and the double networks):

  - float:  firmware vs host float, to 1e-6;
  - Q7.8:   firmware vs the double network, to the documented bound (2^-8,
            printed by the host), and bit-identical to the host's Q7.8
            (integer arithmetic gives the same bits everywhere).

Exit status 0 when all agree, 1 when not, 77 (Meson's "skipped") when
arm-none-eabi-g++ or qemu-system-arm is missing.

Usage: run_qemu.py --host HOST_EXE --cross-file cortex-m4.ini
                   --source-root DIR --build-dir DIR [--timeout SECONDS]
"""
import argparse
import os
import shutil
import struct
import subprocess
import sys

FLOAT_TOLERANCE = 1e-6


def parse(text):
    """{(network, format, row): value} from lines 'net fmt row value...'."""
    values, bounds = {}, {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[0] == "bounds":
            bounds = {parts[1]: float(parts[2]), parts[3]: float(parts[4])}
        elif len(parts) >= 4 and parts[1] in ("f32", "q7_8", "f64"):
            net, fmt, row = parts[0], parts[1], int(parts[2])
            if fmt == "f32":
                value = struct.unpack("<f", struct.pack("<I", int(parts[3], 16)))[0]
            elif fmt == "q7_8":
                value = int(parts[3])  # the raw int16_t
            else:
                value = float(parts[3])
            values[(net, fmt, row)] = value
    return values, bounds


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", required=True)
    ap.add_argument("--cross-file", required=True)
    ap.add_argument("--source-root", required=True)
    ap.add_argument("--build-dir", required=True)
    ap.add_argument("--timeout", type=float, default=60)
    args = ap.parse_args()

    missing = [tool for tool in ("arm-none-eabi-g++", "qemu-system-arm") if shutil.which(tool) is None]
    if missing:
        print(f"skipped: {' and '.join(missing)} not found (bash tools/install-firmware-deps.sh installs them)")
        return 77
    meson = shutil.which("meson")
    if meson is None:
        print("meson not found on PATH")
        return 1

    env = {k: v for k, v in os.environ.items() if k not in ("CXX", "CC", "CXXFLAGS", "CPPFLAGS", "LDFLAGS")}
    if not os.path.exists(os.path.join(args.build_dir, "build.ninja")):
        subprocess.run([meson, "setup", "--cross-file", os.path.abspath(args.cross_file),
                        args.build_dir, args.source_root], check=True, env=env)
    subprocess.run([meson, "compile", "-C", args.build_dir], check=True, env=env)
    elf = os.path.join(args.build_dir, "examples", "firmware", "firmware.elf")

    qemu = subprocess.run(["qemu-system-arm", "-machine", "mps2-an386", "-nographic", "-semihosting",
                           "-kernel", elf], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT,  # QEMU 7.2 writes semihosting output to stderr
                          text=True, timeout=args.timeout)
    print("--- firmware (QEMU) ---")
    print(qemu.stdout, end="")
    if qemu.returncode != 0 or "done" not in qemu.stdout.split():
        print(f"QEMU exited with {qemu.returncode}, or the firmware did not finish")
        return 1

    host = subprocess.run([args.host], capture_output=True, text=True, check=True)
    firmware_values, _ = parse(qemu.stdout)
    host_values, bounds = parse(host.stdout)
    fixed_bound = bounds["q7_8"]

    failures = 0
    checked = 0
    print("--- comparison ---")
    for (net, fmt, row), value in sorted(host_values.items()):
        if fmt == "f64":
            continue
        if (net, fmt, row) not in firmware_values:
            print(f"{net} {fmt} {row}: missing from the firmware's output")
            failures += 1
            continue
        got = firmware_values[(net, fmt, row)]
        exact = host_values[(net, "f64", row)]
        checked += 1
        if fmt == "f32":
            error = abs(got - value)
            ok = error <= FLOAT_TOLERANCE
            print(f"{net:12} f32  row {row}: firmware {got:.9f} host {value:.9f} |diff| {error:.2e}"
                  f" <= {FLOAT_TOLERANCE:g}: {'ok' if ok else 'FAIL'}")
        else:
            error = abs(got / 256 - exact)
            ok = error <= fixed_bound and got == value
            print(f"{net:12} q7_8 row {row}: firmware {got:4d} ({got / 256:.6f}) host {value:4d}, double"
                  f" {exact:.6f} |diff| {error:.2e} <= {fixed_bound:g}: {'ok' if ok else 'FAIL'}")
        failures += not ok
    if checked == 0:
        print("nothing compared")
        return 1
    print(f"{checked} values compared, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

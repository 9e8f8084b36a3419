#!/usr/bin/env python3
"""Code and data size of ctnn's predict on a Cortex-M, as a Markdown table.

Compiles examples/firmware/predict_f32.cpp and predict_q7_8.cpp with
arm-none-eabi-g++ (the flags of examples/firmware/cortex-m4.ini, plus
-fstack-usage) for the Cortex-M4, and predict_q7_8.cpp also for the
Cortex-M0 (no FPU), then reports with arm-none-eabi-size / nm:

  - .text of each extern "C" predict and of the ctnn functions it calls (every
    text symbol of the object: the object holds nothing else), not counting
    what the linker adds from newlib/libgcc (expf; 64-bit division);
  - .rodata (the weights), .data and .bss of the object;
  - the deepest stack frame (-fstack-usage; each predict's frame plus its callees');
  - the whole linked firmware.elf, and whether it holds any allocation,
    exception or RTTI symbol.

Sizes are deterministic for a given compiler version. The reference figures
for genann and TensorFlow Lite Micro are quoted from issue 5, not measured.

    python3 benchmarks/firmware_size.py        # from anywhere
"""
import ast
import configparser
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FW = os.path.join(ROOT, "examples", "firmware")
CXX, SIZE, NM = "arm-none-eabi-g++", "arm-none-eabi-size", "arm-none-eabi-nm"


def cross_flags():
    """cpp_args and cpp_link_args of cortex-m4.ini, with its [constants] substituted."""
    ini = configparser.ConfigParser()
    ini.read(os.path.join(FW, "cortex-m4.ini"))
    constants = {k: ast.literal_eval(v) for k, v in ini["constants"].items()}

    def value(text):
        total = []
        for part in text.split("+"):
            part = part.strip()
            total += constants[part] if part in constants else ast.literal_eval(part)
        return total

    opts = ini["built-in options"]
    return value(opts["cpp_args"]), value(opts["cpp_link_args"])


def compile_object(src, out, flags):
    cmd = [CXX, "-std=c++20", "-Os", "-fstack-usage", "-I", os.path.join(ROOT, "include"), *flags, "-c", src,
           "-o", out]
    subprocess.run(cmd, check=True)


def sections(obj):
    """Sums of .text*, .rodata*, .data*, .bss* in an object or ELF (size -A)."""
    sums = {"text": 0, "rodata": 0, "data": 0, "bss": 0}
    out = subprocess.run([SIZE, "-A", obj], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 2 or not parts[1].isdigit():
            continue
        for key in sums:
            if parts[0] == "." + key or parts[0].startswith("." + key + "."):
                sums[key] += int(parts[1])
    return sums


def max_stack(su_file):
    """Deepest static frame in a .su file, and the function's name."""
    worst, name = 0, ""
    for line in open(su_file):
        parts = line.rsplit("\t", 2)
        if len(parts) == 3 and int(parts[1]) > worst:
            worst, name = int(parts[1]), parts[0].split(":")[-1]
    return worst, name


def predict_symbols(obj):
    out = subprocess.run([NM, "-S", "--size-sort", obj], capture_output=True, text=True, check=True).stdout
    sizes = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[2] in "TtWw":
            sizes[parts[3]] = int(parts[1], 16)
    return sizes


def main():
    for tool in (CXX, SIZE, NM):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} not found: bash tools/install-firmware-deps.sh installs it")
    cpp_args, link_args = cross_flags()
    m0 = [f for f in cpp_args if not f.startswith(("-mcpu", "-mfpu", "-mfloat-abi"))]
    m0 += ["-mcpu=cortex-m0", "-mfloat-abi=soft"]
    builds = [("float, Cortex-M4 (FPU)", "predict_f32.cpp", cpp_args),
              ("Q7.8, Cortex-M4", "predict_q7_8.cpp", cpp_args),
              ("Q7.8, Cortex-M0 (no FPU)", "predict_q7_8.cpp", m0)]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, (label, src, flags) in enumerate(builds):
            obj = os.path.join(tmp, f"predict{i}.o")
            compile_object(os.path.join(FW, src), obj, flags)
            s = sections(obj)
            symbols = predict_symbols(obj)
            entry = {k: v for k, v in symbols.items() if "predict" in k and not k.startswith("_Z")}
            stack, _ = max_stack(obj[:-2] + ".su")
            undefined = subprocess.run([NM, "-u", obj], capture_output=True, text=True).stdout.split()
            external = sorted({u for u in undefined if u != "U"})
            rows.append((label, s, entry, stack, external))

        # The whole program, linked as the meson cross build links it.
        elf = os.path.join(tmp, "firmware.elf")
        sources = [os.path.join(FW, f) for f in ("startup.cpp", "main.cpp", "predict_f32.cpp", "predict_q7_8.cpp")]
        subprocess.run([CXX, "-std=c++20", "-Os", "-I", os.path.join(ROOT, "include"), *cpp_args, *link_args, *sources,
                        "-T", os.path.join(FW, "mps2-an386.ld"), "-lm", "-o", elf], check=True)
        whole = sections(elf)
        nm = subprocess.run([NM, elf], capture_output=True, text=True, check=True).stdout
        forbidden = sorted({s for s in re.findall(r"\S+$", nm, re.M)
                            if re.search(r"malloc|^_Zn[wa]|__cxa_|^_ZTI|^_ZTS|__gxx_personality", s)})

    print("| predict | .text (ctnn, all functions) | extern \"C\" entry points | .rodata (weights) "
          "| .data | .bss | deepest frame | from newlib/libgcc |")
    print("|---|---:|---|---:|---:|---:|---:|---|")
    for label, s, entry, stack, external in rows:
        entries = ", ".join(f"`{k}` {v} B" for k, v in sorted(entry.items()))
        print(f"| {label} | {s['text']} B | {entries} | {s['rodata']} B | {s['data']} B | {s['bss']} B "
              f"| {stack} B | {', '.join(external) or '-'} |")
    print()
    print(f"Whole firmware.elf (startup, report printing, both networks in both formats, newlib's expf, "
          f"memcpy/memset, libgcc): .text {whole['text']} B, .rodata {whole['rodata']} B, "
          f".data {whole['data']} B (newlib's errno state, for expf), .bss {whole['bss']} B.")
    print(f"Allocation, exception or RTTI symbols in the ELF: {', '.join(forbidden) if forbidden else 'none'}.")
    print()
    print("For comparison (quoted from issue 5, not measured here):")
    print()
    print("| library | code | RAM |")
    print("|---|---:|---|")
    print("| genann | 3.7 KB | 32 KB sigmoid lookup table, weights from malloc |")
    print("| TensorFlow Lite Micro | about 16 KB (core) | an arena sized by trial and error |")
    print("| ctnn (above) | the predict's .text | none: weights in .rodata, activations on the stack |")


if __name__ == "__main__":
    main()

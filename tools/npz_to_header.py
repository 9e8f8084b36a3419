#!/usr/bin/env python3
"""Turns a NumPy .npz of weight arrays into a C++ header holding a constexpr ctnn network.

Usage:
    npz_to_header.py WEIGHTS.npz --layers SPEC --name NAME [-o HEADER]
                     [--bias] [--type double|float]
                     [--weights-key W{}] [--bias-key b{}] [--first-index 1] | [--in-order]
                     [--transposed] [--ignore-extra]

The network is declared on the command line, and every array is checked
against it: its shape, its values (finite), and that each array is used.

  --layers SPEC   the layers, comma-separated, each IN:OUT:ACTIVATION[:bias], e.g.
                  "2:3:sigmoid,3:1:sigmoid" (the walkthrough's 2-3-1) or
                  "4:8:tanh:bias,8:3:softmax:bias". ACTIVATION is one of sigmoid, tanh,
                  relu, leaky_relu (slope 1/100), leaky_relu=N/D (slope N/D), identity,
                  softplus, softmax, fast_sigmoid, fast_tanh.
  --bias          every layer has a bias (as if each said :bias).
  --type T        the element type, double (default) or float. Values are converted
                  with NumPy (float64 -> float32 rounds to nearest).
  --name NAME     the network's C++ name: letters, digits, '_'; not a keyword; not
                  starting with '_' or a digit; no "__" (as ctnn::valid_identifier).

How arrays are found (layer numbers count from 1, as W(1) is the first layer's):
  --weights-key, --bias-key   patterns with {} for the layer's number: W{} and b{}
                  by default, so W1, b1, W2, b2, ... (e.g. "layer{}/kernel").
  --first-index K the number {} takes for the first layer (1 by default; 0 for W0, b0, ...).
  --in-order      instead, the arrays in the order they are stored, W then b for each
                  layer: what np.savez(path, W1, b1, W2, b2) writes as arr_0, arr_1, ...
  --transposed    weights are stored OUT x IN (PyTorch's nn.Linear.weight), not IN x OUT.

Shapes: a layer's weights must be IN x OUT (OUT x IN with --transposed), its bias
OUT or 1 x OUT. Anything else, a missing array, an array left over (unless
--ignore-extra), a value that is NaN or infinite (or overflows float), a layer
chain that does not fit, fails with a message naming the array, the expected
and the actual shape, and exit status 1 (2 for bad usage). Nothing is written then.

The header is what ctnn::write_header (<ctnn/io.hpp>) writes: #pragma once,
#include <ctnn/ctnn.hpp>, and

    inline constexpr ctnn::network<double, ctnn::dense<2, 3, ctnn::sigmoid, ctnn::no_bias>, ...> NAME{...};

with every value written exactly, as a hexadecimal floating literal (float.hex()).
For a fixed-point network, quantize it in C++: ctnn::quantize<ctnn::fixed<7, 8>>(NAME).
Needs NumPy (Debian: python3-numpy).
"""
import argparse
import os
import re
import shlex
import sys
import zipfile

KEYWORDS = set("""
alignas alignof and and_eq asm auto bitand bitor bool break case catch char char8_t char16_t
char32_t class compl concept const consteval constexpr constinit const_cast continue co_await
co_return co_yield decltype default delete do double dynamic_cast else enum explicit export
extern false float for friend goto if inline int long mutable namespace new noexcept not not_eq
nullptr operator or or_eq private protected public register reinterpret_cast requires return
short signed sizeof static static_assert static_cast struct switch template this thread_local
throw true try typedef typeid typename union unsigned using virtual void volatile wchar_t while
xor xor_eq""".split())

ACTIVATIONS = {
    "sigmoid": "ctnn::sigmoid",
    "tanh": "ctnn::tanh",
    "fast_sigmoid": "ctnn::fast_sigmoid",
    "fast_tanh": "ctnn::fast_tanh",
    "relu": "ctnn::relu",
    "identity": "ctnn::identity",
    "softplus": "ctnn::softplus",
    "softmax": "ctnn::softmax",
}


class Failure(Exception):
    """A problem with the input: reported on stderr, exit status 1."""


def valid_identifier(name):
    return (re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) is not None and not name.startswith("_")
            and "__" not in name and name not in KEYWORDS)


class Layer:
    def __init__(self, number, inputs, outputs, activation, cpp_activation, bias):
        self.number, self.inputs, self.outputs = number, inputs, outputs
        self.activation, self.cpp_activation, self.bias = activation, cpp_activation, bias

    def cpp_type(self):
        bias = "ctnn::with_bias" if self.bias else "ctnn::no_bias"
        return f"ctnn::dense<{self.inputs}, {self.outputs}, {self.cpp_activation}, {bias}>"

    def describe(self):
        return f"layer {self.number} (dense<{self.inputs}, {self.outputs}, {self.activation}" + \
            (", with_bias" if self.bias else "") + ">)"


def parse_layers(spec, all_bias):
    layers = []
    for number, item in enumerate(spec.split(","), start=1):
        parts = item.strip().split(":")
        if len(parts) not in (3, 4) or (len(parts) == 4 and parts[3] != "bias"):
            raise Failure(f"--layers: layer {number} is {item.strip()!r}; expected IN:OUT:ACTIVATION or "
                          "IN:OUT:ACTIVATION:bias")
        try:
            inputs, outputs = int(parts[0]), int(parts[1])
        except ValueError:
            raise Failure(f"--layers: layer {number} ({item.strip()!r}): IN and OUT must be integers") from None
        if inputs <= 0 or outputs <= 0:
            raise Failure(f"--layers: layer {number} ({item.strip()!r}): IN and OUT must be positive")
        activation = parts[2]
        leaky = re.fullmatch(r"leaky_relu(?:=(-?\d+)/(\d+))?", activation)
        if leaky:
            num, den = (int(leaky.group(1)), int(leaky.group(2))) if leaky.group(1) else (1, 100)
            if den == 0:
                raise Failure(f"--layers: layer {number}: leaky_relu=N/D needs D > 0")
            cpp = f"ctnn::basic_leaky_relu<{num}, {den}>"
        elif activation in ACTIVATIONS:
            cpp = ACTIVATIONS[activation]
        else:
            raise Failure(f"--layers: layer {number}: unknown activation {activation!r}; expected one of "
                          + ", ".join(["sigmoid", "tanh", "relu", "leaky_relu", "leaky_relu=N/D", "identity",
                                       "softplus", "softmax", "fast_sigmoid", "fast_tanh"]))
        layers.append(Layer(number, inputs, outputs, activation, cpp, all_bias or len(parts) == 4))
    for before, layer in zip(layers, layers[1:]):
        if layer.inputs != before.outputs:
            raise Failure(f"--layers: the layer chain does not fit: layer {layer.number} takes {layer.inputs} "
                          f"inputs, but layer {before.number} gives {before.outputs}")
    return layers


def shape_text(shape):
    return "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def load_arrays(np, path):
    if os.path.exists(path) and not zipfile.is_zipfile(path):
        raise Failure(f"{path}: not a NumPy .npz file (not a zip archive)")
    try:
        with np.load(path, allow_pickle=False) as data:
            return [(key, data[key]) for key in data.files]  # in the order they are stored
    except FileNotFoundError:
        raise Failure(f"{path}: no such file") from None
    except (OSError, ValueError) as e:
        raise Failure(f"{path}: not a NumPy .npz file ({e})") from None


def pick_arrays(arrays, layers, args, path):
    """[(layer, weights_key, W, bias_key or None, b or None)], checking names and leftovers."""
    by_name = dict(arrays)
    picked, used = [], set()
    if args.in_order:
        needed = sum(2 if layer.bias else 1 for layer in layers)
        if len(arrays) < needed:
            raise Failure(f"{path}: holds {len(arrays)} arrays, but the network needs {needed} "
                          "(weights, and a bias where a layer has one, for each layer in order)")
        queue = list(arrays)
        for layer in layers:
            wk, W = queue.pop(0)
            bk, b = queue.pop(0) if layer.bias else (None, None)
            picked.append((layer, wk, W, bk, b))
        used = {key for key, _ in arrays[:needed]}
    else:
        for layer in layers:
            index = layer.number - 1 + args.first_index
            wk = args.weights_key.replace("{}", str(index))
            bk = args.bias_key.replace("{}", str(index)) if layer.bias else None
            for key in [wk] + ([bk] if bk else []):
                if key not in by_name:
                    raise Failure(f"{path}: no array {key!r} for {layer.describe()}; it holds: "
                                  + (", ".join(repr(k) for k, _ in arrays) or "nothing"))
            picked.append((layer, wk, by_name[wk], bk, by_name[bk] if bk else None))
            used |= {wk} | ({bk} if bk else set())
    extra = [key for key, _ in arrays if key not in used]
    if extra and not args.ignore_extra:
        raise Failure(f"{path}: array(s) not used by the declared network: {', '.join(repr(k) for k in extra)} "
                      "(a layer missing from --layers? pass --ignore-extra to allow)")
    return picked


def check(np, key, array, expected, alternatives, layer, what, path, dtype):
    if array.shape not in [expected] + alternatives:
        wanted = " or ".join(shape_text(s) for s in [expected] + alternatives)
        raise Failure(f"{path}: array {key!r}, the {what} of {layer.describe()}, has shape "
                      f"{shape_text(array.shape)}; expected {wanted}")
    if array.dtype.kind not in "fiu":
        raise Failure(f"{path}: array {key!r} has dtype {array.dtype}; expected floating-point or integer numbers")
    with np.errstate(over="ignore", invalid="ignore"):
        converted = array.astype(dtype)
    bad = np.argwhere(~np.isfinite(converted))
    if bad.size:
        at = tuple(int(i) for i in bad[0])
        raise Failure(f"{path}: array {key!r} holds {array[at]!r} at {at}, which is not finite"
                      + (" as a float" if np.isfinite(array[at]) else ""))
    return converted.reshape(expected)


def literal(value, suffix):
    """An exact hexadecimal floating literal: float.hex() without its trailing zeros."""
    text = float(value).hex()              # e.g. '-0x1.8000000000000p-3'
    mantissa, exponent = text.split("p")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}p{exponent}{suffix}"


def decimal(np, value, element):
    return str(np.float32(value)) if element == "float" else repr(float(value))


def rows(np, matrix, element):
    suffix = "f" if element == "float" else ""
    lines = []
    for r, row in enumerate(matrix):
        cells = ", ".join(literal(v, suffix) for v in row)
        comment = ", ".join(decimal(np, v, element) for v in row)
        start = "{" if r == 0 else " " * 24
        end = "}}," if r + 1 == len(matrix) else "},"
        lines.append(f"{start}{{{cells}{end}  // {comment}")
    return lines


def header(np, layers, matrices, element, name, source, command):
    parameters = sum(l.inputs * l.outputs + (l.outputs if l.bias else 0) for l in layers)
    out = [f"// {name} - a ctnn network: {len(layers)} {'layer' if len(layers) == 1 else 'layers'}, "
           f"{parameters} parameters.",
           "//",
           f"// Generated by tools/npz_to_header.py from {source}. Do not edit; regenerate:",
           f"//   {command}",
           "// Values are exact (hexadecimal floating literals); each row's comment gives them in decimal.",
           "#pragma once",
           "",
           "#include <ctnn/ctnn.hpp>",
           "",
           f"inline constexpr ctnn::network<{element},"]
    for i, layer in enumerate(layers):
        out.append(" " * 31 + layer.cpp_type() + (">" if i + 1 == len(layers) else ","))
    out.append(f"    {name}{{{{")
    for layer, (W, b) in zip(layers, matrices):
        n = layer.number
        out.append(f"        // layer {n}: W({n}) is {layer.inputs} x {layer.outputs}"
                   + (f", b({n}) is 1 x {layer.outputs}" if layer.bias else ""))
        out.append(f"        {layer.cpp_type()}::parameters<{element}>{{")
        lines = rows(np, W, element)
        out.append("            .weights = " + lines[0])
        out += lines[1:]
        if layer.bias:
            out.append("            .bias =    " + rows(np, b, element)[0])
        out.append("        },")
    out.append("    }};")
    return "\n".join(out) + "\n"


def quote(arg):
    return arg if re.fullmatch(r"[\w./=:,{}-]+", arg) else shlex.quote(arg)


def main(argv):
    parser = argparse.ArgumentParser(
        prog="npz_to_header.py", description=__doc__.split("\n\n")[0],
        epilog="See the top of tools/npz_to_header.py for the details.")
    parser.add_argument("npz", help="the .npz file of weight arrays")
    parser.add_argument("--layers", required=True, help="IN:OUT:ACTIVATION[:bias],... e.g. 2:3:sigmoid,3:1:sigmoid")
    parser.add_argument("--name", required=True, help="the network's C++ name")
    parser.add_argument("-o", "--output", help="the header to write (default: standard output)")
    parser.add_argument("--bias", action="store_true", help="every layer has a bias")
    parser.add_argument("--type", default="double", choices=["double", "float"], help="element type")
    parser.add_argument("--weights-key", default="W{}", help="name of a layer's weights, {} its number (W{})")
    parser.add_argument("--bias-key", default="b{}", help="name of a layer's bias, {} its number (b{})")
    parser.add_argument("--first-index", type=int, default=1, help="the first layer's number in the names (1)")
    parser.add_argument("--in-order", action="store_true", help="take the arrays in stored order instead of by name")
    parser.add_argument("--transposed", action="store_true", help="weights are stored OUT x IN")
    parser.add_argument("--ignore-extra", action="store_true", help="allow arrays the network does not use")
    args = parser.parse_args(argv[1:])

    try:
        import numpy as np
    except ImportError:
        print("npz_to_header.py: needs NumPy (Debian: apt-get install python3-numpy)", file=sys.stderr)
        return 2
    try:
        if not valid_identifier(args.name):
            raise Failure(f"--name {args.name!r} is not a C++ identifier (letters, digits, '_'; not a keyword; "
                          "not starting with '_' or a digit; no \"__\")")
        layers = parse_layers(args.layers, args.bias)
        dtype = np.float32 if args.type == "float" else np.float64
        matrices = []
        for layer, wk, W, bk, b in pick_arrays(load_arrays(np, args.npz), layers, args, args.npz):
            io = (layer.inputs, layer.outputs)
            if args.transposed:
                W = check(np, wk, W, io[::-1], [], layer, "weights (stored OUT x IN)", args.npz, dtype).T
            else:
                W = check(np, wk, W, io, [], layer, "weights", args.npz, dtype)
            if layer.bias:
                b = check(np, bk, b, (1, layer.outputs), [(layer.outputs,)], layer, "bias", args.npz, dtype)
            matrices.append((W, b))
    except Failure as e:
        print(f"npz_to_header.py: {e}", file=sys.stderr)
        return 1

    command = " ".join(["python3", "tools/npz_to_header.py"] + [quote(a) for a in argv[1:]])
    text = header(np, layers, matrices, args.type, args.name, os.path.basename(args.npz), command)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

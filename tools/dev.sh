#!/usr/bin/env bash
# tools/dev.sh - one command from a fresh Debian 12 machine to a result.
#
#   bash tools/dev.sh example   # installs what is missing, builds, runs examples/welch_labs
#   bash tools/dev.sh test      # installs what is missing, builds, runs the whole test suite
#
# CXX selects the compiler (default g++; CXX=clang++ for Clang). Each
# compiler gets its own build directory, build/<compiler>. Installing needs
# root (apt-get); on a machine that has everything, nothing is installed.
set -euo pipefail
cd "$(dirname "$0")/.."

what=${1:-test}
cxx=${CXX:-g++}

packages=(g++ meson ninja-build libboost-dev doctest-dev python3)
packages+=(python3-numpy)   # tests/io: tools/npz_to_header.py against NumPy
packages+=(cmake pkg-config)   # tests/packaging: the CMake and pkg-config consumers
packages+=(librsvg2-bin fonts-dejavu-core)   # tests/plot: rsvg-convert renders ctnn/plot.hpp's SVGs (the font for their text)
packages+=(libclang-rt-14-dev)   # tests/fuzz: libFuzzer and the sanitizer runtimes for clang++ (without it the fuzz suite is skipped)
case "$cxx" in
  clang++) packages+=(clang) ;;
  clang++-*) packages+=("clang-${cxx#clang++-}") ;;
esac
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "tools/dev.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

builddir="build/$(basename "$cxx")"
if [ ! -f "$builddir/build.ninja" ]; then
  CXX="$cxx" meson setup "$builddir"
fi

case "$what" in
  example)
    meson compile -C "$builddir" examples/welch_labs
    "$builddir/examples/welch_labs"
    ;;
  test)
    meson test -C "$builddir" --print-errorlogs
    ;;
  *)
    echo "usage: bash tools/dev.sh example|test" >&2
    exit 2
    ;;
esac

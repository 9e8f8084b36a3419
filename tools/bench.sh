#!/usr/bin/env bash
# tools/bench.sh - one command from a fresh Debian 12 machine to a benchmark table.
#
#   bash tools/bench.sh runtime                        # g++: ctnn beside Eigen and loops, -O3 and -O3 -march=native
#   CXX=clang++-19 bash tools/bench.sh runtime
#   CXX="g++ clang++-19" bash tools/bench.sh runtime   # both compilers, one summary table
#   bash tools/bench.sh runtime --repetitions 11 --save results/   # the rest goes to benchmarks/runtime_speed.py
#
# Installs what is missing (apt-get: needs root; libbenchmark-dev and
# libeigen3-dev are needed only here), configures build/<compiler> (the
# directory tools/dev.sh uses) if needed, builds the two programs
# benchmarks/runtime_speed and benchmarks/runtime_speed_native (-O3 whatever
# the build type), and runs benchmarks/runtime_speed.py on them, which prints
# Markdown (the tables of docs/runtime_speed.md) on stdout. The run takes
# about 5 minutes per compiler; the builds about 3 minutes per program.
set -euo pipefail
cd "$(dirname "$0")/.."

what=${1:-runtime}
shift || true
compilers=${CXX:-g++}
# Not left in the environment: a build directory that meson regenerates (after
# a change to a meson.build) would hand CXX="g++ clang++-19" to CMake.
unset CXX

case "$what" in
  runtime) ;;
  *) echo "usage: [CXX=...] bash tools/bench.sh runtime [runtime_speed.py options]" >&2; exit 2 ;;
esac

# doctest-dev: meson setup configures the tests too, and stops without it.
packages=(g++ meson ninja-build libboost-dev doctest-dev python3 pkg-config libbenchmark-dev libeigen3-dev)
for cxx in $compilers; do
  case "$cxx" in
    clang++) packages+=(clang) ;;
    clang++-*) packages+=("clang-${cxx#clang++-}") ;;
  esac
done
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "tools/bench.sh: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi

binaries=()
for cxx in $compilers; do
  builddir="build/$(basename "$cxx")"
  if [ ! -f "$builddir/build.ninja" ]; then
    CXX="$cxx" meson setup "$builddir" >&2
  elif ! grep -q '^build benchmarks/runtime_speed:' "$builddir/build.ninja"; then
    # Configured before Google Benchmark or Eigen was installed.
    meson setup --reconfigure "$builddir" >&2
  fi
  meson compile -C "$builddir" -j 2 runtime_speed runtime_speed_native >&2
  binaries+=("$builddir/benchmarks/runtime_speed" "$builddir/benchmarks/runtime_speed_native")
done

python3 benchmarks/runtime_speed.py "$@" "${binaries[@]}"

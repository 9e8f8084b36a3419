#!/usr/bin/env bash
# tools/install-firmware-deps.sh - the cross tools for examples/firmware:
# arm-none-eabi-g++ with newlib and its libstdc++, and qemu-system-arm.
# Without them the firmware_qemu test is skipped. Needs root (apt-get).
# Measured on Debian 12: about 2 minutes, a 412 MB download, 2.5 GB on disk,
# which is why tools/dev.sh (the README's first command) does not do it.
set -euo pipefail

packages=(gcc-arm-none-eabi libstdc++-arm-none-eabi-newlib libnewlib-arm-none-eabi qemu-system-arm)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "tools/install-firmware-deps.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

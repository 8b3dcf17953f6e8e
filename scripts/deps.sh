#!/usr/bin/env bash
# Installs every Debian package polyhart needs to build, test and benchmark. Idempotent.
set -euo pipefail

# libglib2.0-dev: slirp.pc names glib-2.0, so pkg-config needs it to resolve slirp's flags.
# python3: the host side of the network and console tests and of bench/net.sh.
PACKAGES=(
    build-essential pkg-config
    gcc-riscv64-linux-gnu libc6-dev-riscv64-cross binutils-riscv64-linux-gnu
    libfdt-dev liburcu-dev libcmocka-dev libslirp-dev libglib2.0-dev
    python3
    qemu-system-misc opensbi
    e2fsprogs
    gdb-multiarch
)

missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "deps: all ${#PACKAGES[@]} packages already installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    SUDO=sudo
fi
echo "deps: installing ${missing[*]}"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"

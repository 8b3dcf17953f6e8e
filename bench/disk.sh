#!/usr/bin/env bash
# Disk benchmark: sequential dd in the guest on a virtio-blk disk (raw image, cache=writeback),
# polyhart and qemu-system-riscv64 side by side with the same OpenSBI, kernel, initramfs and
# options, in the same run. The guest's /init test disk-bench (guest/README.md) runs, on the
# raw /dev/vda, after dropping its caches each time:
#   write-direct  dd if=/dev/zero of=/dev/vda bs=1M count=MIB oflag=direct
#   read-direct   dd if=/dev/vda of=/dev/null bs=1M count=MIB iflag=direct
#   write-cached  dd if=/dev/zero of=/dev/vda bs=1M count=MIB conv=fsync
#   read-cached   dd if=/dev/vda of=/dev/null bs=1M count=MIB
# and times each with the guest clock. Best of BENCH_RUNS (default 3) runs per emulator;
# prints MiB/s and the ratio polyhart/QEMU (>1: polyhart faster).
# Usage: bench/disk.sh [POLYHART_BINARY]   (the guest image comes from `make guest`)
# Environment: BENCH_RUNS, BENCH_HARTS (1), BENCH_DISK_MIB (256), BENCH_QEMU,
# POLYHART_GUEST_DIR (default ${POLYHART_CACHE:-~/.cache/polyhart}/guest/current), TMPDIR
# (where the image goes: a real disk, not a tmpfs, for meaningful cached-write figures).
set -eu
PH=${1:-build/polyhart}
QEMU=${BENCH_QEMU:-qemu-system-riscv64}
RUNS=${BENCH_RUNS:-3}
HARTS=${BENCH_HARTS:-1}
MIB=${BENCH_DISK_MIB:-256}
IMG_DIR=${POLYHART_GUEST_DIR:-${POLYHART_CACHE:-$HOME/.cache/polyhart}/guest/current}
for f in "$IMG_DIR/Image" "$IMG_DIR/initramfs.cpio.gz"; do
    [ -f "$f" ] || { echo "disk.sh: missing $f (run make guest)" >&2; exit 2; }
done
zcat "$IMG_DIR/initramfs.cpio.gz" | grep -aq test_disk_bench \
    || { echo "disk.sh: the guest image has no disk-bench test (run make guest)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/polyhart-bench-disk.XXXXXX")
trap 'rm -rf "$work"' EXIT
disk=$work/disk.img
truncate -s $((MIB + 16))M "$disk"

# shellcheck disable=SC2054  # commas inside option values
ARGS=(-M virt -smp "$HARTS" -m 512M -bios default -kernel "$IMG_DIR/Image"
      -initrd "$IMG_DIR/initramfs.cpio.gz"
      -append "console=ttyS0 polyhart.test=disk-bench polyhart.disk.mib=$MIB" -nographic
      -drive "file=$disk,format=raw,if=none,id=d0,cache=writeback"
      -device virtio-blk-device,drive=d0)
TESTS=(write-direct read-direct write-cached read-cached)

# one_run CMD...: prints "NAME SECONDS" per test, or nothing if the guest failed.
one_run() {
    local out
    out=$(timeout 600 "$@" "${ARGS[@]}" < /dev/null 2>&1) || { echo "run failed: $(tail -n 3 <<<"$out")" >&2; return; }
    grep -q "POLYHART-TEST disk-bench PASS" <<<"$out" || { echo "guest failed: $(grep -a POLYHART-TEST <<<"$out")" >&2; return; }
    grep -ao 'POLYHART-DISK-BENCH [a-z-]* [0-9]* [0-9.]*' <<<"$out" | awk '{ print $2, $4 }'
}

declare -A best_ph best_q
keep_best() { # ARRAY NAME SECONDS
    local -n best=$1
    if [ -z "${best[$2]:-}" ] || awk -v t="$3" -v b="${best[$2]}" 'BEGIN { exit !(t < b) }'; then
        best[$2]=$3
    fi
}

for i in $(seq "$RUNS"); do
    for emu in polyhart qemu; do
        if [ "$emu" = polyhart ]; then cmd=("$PH"); which=best_ph; else cmd=("$QEMU"); which=best_q; fi
        line=""
        while read -r name secs; do
            [ -n "$name" ] || continue
            keep_best "$which" "$name" "$secs"
            line="$line $name $(awk -v m="$MIB" -v s="$secs" 'BEGIN { printf "%.0f", (s > 0 ? m / s : 0) }')"
        done < <(one_run "${cmd[@]}")
        printf '%-8s run %d/%d: MiB/s%s\n' "$emu" "$i" "$RUNS" "${line:- failed}"
    done
done

echo
printf 'sequential dd, %d MiB, bs=1M, %d hart(s), best of %d (MiB/s; ratio > 1: polyhart faster)\n' \
    "$MIB" "$HARTS" "$RUNS"
printf '%-14s %10s %10s %8s\n' test polyhart qemu ratio
status=0
for t in "${TESTS[@]}"; do
    p=${best_ph[$t]:-} q=${best_q[$t]:-}
    if [ -z "$p" ] || [ -z "$q" ]; then
        printf '%-14s %10s %10s %8s\n' "$t" "${p:+ok}" "${q:+ok}" "failed"
        status=1
        continue
    fi
    awk -v t="$t" -v m="$MIB" -v p="$p" -v q="$q" 'BEGIN {
        pr = p > 0 ? m / p : 0; qr = q > 0 ? m / q : 0
        printf "%-14s %10.0f %10.0f %7.2fx\n", t, pr, qr, (qr > 0 ? pr / qr : 0) }'
done
exit "$status"

#!/usr/bin/env bash
# Boot benchmark: time from start until the guest's /init has run and powered the machine off
# (polyhart.test=poweroff), for polyhart and qemu-system-riscv64 with the same OpenSBI, kernel
# and initramfs, in the same run. Best of BENCH_RUNS (default 3) runs each; prints the ratio.
# Usage: bench/boot.sh [POLYHART_BINARY]   (the guest image comes from `make guest`)
set -eu
PH=${1:-build/polyhart}
QEMU=${BENCH_QEMU:-qemu-system-riscv64}
RUNS=${BENCH_RUNS:-3}
HARTS=${BENCH_HARTS:-2}
IMG=${POLYHART_CACHE:-$HOME/.cache/polyhart}/guest/current
for f in "$IMG/Image" "$IMG/initramfs.cpio.gz"; do
    [ -f "$f" ] || { echo "boot.sh: missing $f (run make guest)" >&2; exit 2; }
done
ARGS=(-M virt -smp "$HARTS" -m 256M -bios default -kernel "$IMG/Image"
      -initrd "$IMG/initramfs.cpio.gz" -append "console=ttyS0 polyhart.test=poweroff" -nographic)

# one_run CMD...: prints the wall time in seconds, or "fail"
one_run() {
    local start end out
    start=$(date +%s.%N)
    out=$(timeout 300 "$@" "${ARGS[@]}" </dev/null 2>&1) || { echo fail; return; }
    end=$(date +%s.%N)
    grep -q "POLYHART-TEST poweroff PASS" <<<"$out" || { echo fail; return; }
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}

best_ph="" best_q=""
for i in $(seq "$RUNS"); do
    t=$(one_run "$PH"); echo "polyhart run $i/$RUNS: $t s"
    [ "$t" != fail ] && { [ -z "$best_ph" ] || awk -v t="$t" -v b="$best_ph" 'BEGIN{exit !(t<b)}'; } && best_ph=$t
    t=$(one_run "$QEMU"); echo "qemu     run $i/$RUNS: $t s"
    [ "$t" != fail ] && { [ -z "$best_q" ] || awk -v t="$t" -v b="$best_q" 'BEGIN{exit !(t<b)}'; } && best_q=$t
done
[ -n "$best_ph" ] && [ -n "$best_q" ] || { echo "boot.sh: a boot failed"; exit 1; }
awk -v p="$best_ph" -v q="$best_q" -v n="$HARTS" 'BEGIN {
    printf "\nboot to init and poweroff, %d harts: polyhart %.3f s, qemu %.3f s, speed %.2fx (>1 = polyhart faster)\n", n, p, q, q / p }'

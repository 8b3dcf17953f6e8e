#!/usr/bin/env bash
# SMP scaling benchmark: the guest image's /tests/parcompute (a CPU-bound pthreads job, one
# thread per hart, the same total work at every hart count) under SMP Linux at 1, 2, 4 and 8
# harts, on polyhart and on qemu-system-riscv64 -accel tcg,thread=multi with the same OpenSBI,
# kernel and initramfs, in the same run. The guest times its own parallel phase, so boot time
# is not counted. Prints throughput (numbers tested per second), speedup over one hart, and the
# polyhart/QEMU ratio; best of BENCH_RUNS runs (default 3) per cell, alternating emulators.
# Usage: bench/smp.sh [POLYHART_BINARY]
# Environment: BENCH_HARTS ("1 2 4 8"), BENCH_WORK (10000000), BENCH_RUNS (3), BENCH_QEMU
# (qemu-system-riscv64; "none" skips QEMU), BENCH_TIMEOUT (seconds per run, 600).
set -eu
PH=${1:-build/polyhart}
QEMU=${BENCH_QEMU:-qemu-system-riscv64}
HARTS_LIST=${BENCH_HARTS:-1 2 4 8}
WORK=${BENCH_WORK:-10000000}
RUNS=${BENCH_RUNS:-3}
LIMIT=${BENCH_TIMEOUT:-600}
IMG=${POLYHART_CACHE:-$HOME/.cache/polyhart}/guest/current
CORES=$(nproc)
for f in "$IMG/Image" "$IMG/initramfs.cpio.gz"; do
    [ -f "$f" ] || { echo "smp.sh: missing $f (run make guest)" >&2; exit 2; }
done
[ -x "$PH" ] || { echo "smp.sh: no polyhart binary at $PH (run make)" >&2; exit 2; }

# one_run EMULATOR HARTS: prints the guest's rate, or "fail"
one_run() {
    local emu=$1 n=$2 out line extra=()
    [ "$emu" = "$QEMU" ] && extra=(-accel tcg,thread=multi)
    out=$(timeout "$LIMIT" "$emu" "${extra[@]}" -M virt -smp "$n" -m 512M -bios default \
        -kernel "$IMG/Image" -initrd "$IMG/initramfs.cpio.gz" -nographic \
        -append "console=ttyS0 polyhart.test=parcompute polyhart.args.parcompute=$n,$WORK" \
        </dev/null 2>&1) || { echo fail; return; }
    line=$(grep -a '^parcompute threads=' <<<"$out" | tail -n 1)
    case $line in
        *" PASS"*) sed -n 's/.* rate=\([0-9.]*\).*/\1/p' <<<"$line" ;;
        *) echo fail ;;
    esac
}

best() { # best RATE...: the highest numeric argument, or "fail"
    printf '%s\n' "$@" | grep -v fail | sort -g | tail -n 1 | grep . || echo fail
}

echo "parcompute work=$WORK on a $CORES-CPU host; best of $RUNS; rate = numbers tested per second"
declare -A ph_rate q_rate
for n in $HARTS_LIST; do
    ph_runs=() q_runs=()
    for i in $(seq "$RUNS"); do
        r=$(one_run "$PH" "$n"); ph_runs+=("$r"); echo "  polyhart -smp $n run $i: rate $r"
        if [ "$QEMU" != none ]; then
            r=$(one_run "$QEMU" "$n"); q_runs+=("$r"); echo "  qemu     -smp $n run $i: rate $r"
        fi
    done
    ph_rate[$n]=$(best "${ph_runs[@]}")
    q_rate[$n]=$( [ "$QEMU" != none ] && best "${q_runs[@]}" || echo fail)
done

first=${HARTS_LIST%% *}
status=0
printf '\n%6s %14s %8s %14s %8s %9s %8s\n' harts polyhart speedup qemu speedup ph/qemu target
for n in $HARTS_LIST; do
    p=${ph_rate[$n]} q=${q_rate[$n]}
    [ "$p" = fail ] && status=1
    awk -v n="$n" -v p="$p" -v q="$q" -v p1="${ph_rate[$first]}" -v q1="${q_rate[$first]}" \
        -v c="$CORES" 'BEGIN {
        sp = (p != "fail" && p1 != "fail") ? sprintf("%.2fx", p / p1) : "-"
        sq = (q != "fail" && q1 != "fail") ? sprintf("%.2fx", q / q1) : "-"
        ra = (p != "fail" && q != "fail") ? sprintf("%.2fx", p / q) : "-"
        m = n < c ? n : c
        printf "%6d %14s %8s %14s %8s %9s %7.2fx\n", n, p, sp, q, sq, ra, 0.9 * m
    }'
done
echo "target: speedup >= 0.9 x min(harts, host CPUs); overcommitted runs >= 0.8 x the"
echo "throughput at min(harts, host CPUs) harts. Run nothing else while this measures."
exit $status

#!/usr/bin/env bash
# Network benchmark: TCP throughput between the guest and the host through virtio-net and the
# user-mode network (slirp), for polyhart and qemu-system-riscv64 with the same OpenSBI,
# kernel and initramfs, in the same run (both: -netdev user + -device virtio-net-device).
#   tx: the guest sends BENCH_NET_MIB MiB of zeros with nc to a sink on the host (127.0.0.1,
#       reached as 10.0.2.2)
#   rx: the guest downloads a BENCH_NET_MIB MiB file with wget from an HTTP server on the host
# Times are the guest's own (/proc/uptime around the transfer). Best of BENCH_RUNS (default 3)
# runs each; prints MB/s and the ratio (>1: polyhart faster).
# Usage: bench/net.sh [POLYHART_BINARY]   (the guest image comes from `make guest`)
set -eu
PH=${1:-build/polyhart}
QEMU=${BENCH_QEMU:-qemu-system-riscv64}
RUNS=${BENCH_RUNS:-3}
HARTS=${BENCH_HARTS:-2}
MIB=${BENCH_NET_MIB:-128}
IMG=${POLYHART_GUEST_DIR:-${POLYHART_CACHE:-$HOME/.cache/polyhart}/guest/current}
HELPER=$(dirname "$(readlink -f "$0")")/../tests/virtio/nethelper.py
for f in "$IMG/Image" "$IMG/initramfs.cpio.gz"; do
    [ -f "$f" ] || { echo "net.sh: missing $f (run make guest)" >&2; exit 2; }
done
zcat "$IMG/initramfs.cpio.gz" | grep -aq test_net_bench \
    || { echo "net.sh: the guest image in $IMG has no net-bench test (run make guest)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/polyhart-bench-net.XXXXXX")
srv_pid=
cleanup() {
    [ -n "$srv_pid" ] && kill "$srv_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/www"
truncate -s "${MIB}M" "$work/www/blob" # sparse: the host reads it at memory speed
python3 "$HELPER" serve "$work/www" "$work/www.port" &
srv_pid=$!
for _ in $(seq 100); do [ -s "$work/www.port" ] && break; sleep 0.1; done
url="http://10.0.2.2:$(cat "$work/www.port")/blob"

# one_run NAME CMD...: prints "TX_MBS RX_MBS" (MB = 10^6 bytes), or "fail fail"
one_run() {
    local name=$1 sink_pid out tx rx
    shift
    rm -f "$work/sink.port"
    python3 "$HELPER" sink "$work/sink.port" > "$work/sink.out" &
    sink_pid=$!
    for _ in $(seq 100); do [ -s "$work/sink.port" ] && break; sleep 0.1; done
    out=$(timeout 600 "$@" -M virt -smp "$HARTS" -m 512M -bios default -kernel "$IMG/Image" \
        -initrd "$IMG/initramfs.cpio.gz" -nographic \
        -append "console=ttyS0 polyhart.test=net-bench polyhart.bench.mib=$MIB \
polyhart.bench.tx=$(cat "$work/sink.port") polyhart.bench.rx=$url" \
        -netdev user,id=n0 -device virtio-net-device,netdev=n0 < /dev/null 2>&1 | tr -d '\r') || true
    kill "$sink_pid" 2>/dev/null || true
    wait "$sink_pid" 2>/dev/null || true
    printf '%s\n' "$out" > "$work/$name.log"
    if ! grep -q "POLYHART-TEST net-bench PASS" <<<"$out"; then
        echo "fail fail"
        return
    fi
    tx=$(awk '$1 == "POLYHART-BENCH" && $2 == "tx" { printf "%.1f", $3 / ($4 / 100) / 1e6 }' <<<"$out")
    rx=$(awk '$1 == "POLYHART-BENCH" && $2 == "rx" { printf "%.1f", $3 / ($4 / 100) / 1e6 }' <<<"$out")
    echo "${tx:-fail} ${rx:-fail}"
}

best() { # best OLD NEW: the larger number (fail is ignored)
    if [ "$2" = fail ]; then echo "$1"; elif [ -z "$1" ]; then echo "$2"
    else awk -v a="$1" -v b="$2" 'BEGIN { print (b > a ? b : a) }'; fi
}

ph_tx="" ph_rx="" q_tx="" q_rx=""
for i in $(seq "$RUNS"); do
    read -r tx rx < <(one_run polyhart "$PH")
    echo "polyhart run $i/$RUNS: tx $tx MB/s, rx $rx MB/s"
    ph_tx=$(best "$ph_tx" "$tx"); ph_rx=$(best "$ph_rx" "$rx")
    read -r tx rx < <(one_run qemu "$QEMU")
    echo "qemu     run $i/$RUNS: tx $tx MB/s, rx $rx MB/s"
    q_tx=$(best "$q_tx" "$tx"); q_rx=$(best "$q_rx" "$rx")
done
if [ -z "$ph_tx$ph_rx" ] || [ -z "$q_tx$q_rx" ]; then
    echo "net.sh: every run of an emulator failed (logs: $work, kept)"
    trap - EXIT
    kill "$srv_pid" 2>/dev/null
    exit 1
fi
echo
printf 'TCP over slirp, %d MiB, %d harts (MB/s, best of %d)\n' "$MIB" "$HARTS" "$RUNS"
printf '%-4s %10s %10s %8s\n' dir polyhart qemu ratio
for d in tx rx; do
    p=$([ $d = tx ] && echo "$ph_tx" || echo "$ph_rx")
    q=$([ $d = tx ] && echo "$q_tx" || echo "$q_rx")
    awk -v d="$d" -v p="${p:-0}" -v q="${q:-0}" \
        'BEGIN { printf "%-4s %10.1f %10.1f %7.2fx\n", d, p, q, (q > 0 ? p / q : 0) }'
done

#!/usr/bin/env bash
# virtio tier: the virtio-mmio board slots, -device options and the virtio devices with the
# Linux guest image (guest/build.sh; /init protocol in guest/README.md).
# Usage: run.sh POLYHART [CASE...]
# Cases (default: all):
#   device-help       -device help lists virtio-rng-device, exit 0
#   device-unknown    -device nosuch: exit 1, one line naming the known devices
#   device-bad-prop   -device virtio-rng-device,foo=1: exit 1, names the property
#   device-too-many   9 virtio devices for 8 slots: exit 1 with a message
#   dtb-slots         the device tree lists the 8 virtio-mmio slots (reg, irq 1-8)
#   rng               Linux reads /dev/hwrng from -device virtio-rng-device (polyhart.test=hwrng):
#                     rng_current is virtio_rng, 64 KiB twice, not zero, different
#   rng-2h            the same with 2 harts and two rng devices
#   rng-reboot        hwrng, a board reset, hwrng again (polyhart.test=hwrng-reboot): exactly
#                     one POLYHART-REBOOTING, then PASS
#   blk-*             virtio-blk: start-up errors, ext4 images written and checked on the host,
#                     read-only drives, code run from the disk, 4 harts, ENOSPC, discard and
#                     write-zeroes, several disks (tests/virtio/blk.sh lists them)
#   bad-guest         a bare-metal driver (guest/baremetal/virtio_bad.c) feeds the rng good and
#                     malformed requests: each malformed one must give DEVICE_NEEDS_RESET (and a
#                     guest_errors line), a reset must recover, the emulator must keep running
#   net-cli, net-port-in-use, net, hvc, net-par
#                     virtio-net (slirp) and virtio-console cases: see tests/virtio/net.sh
# Prints one PASS:/FAIL: line per case (virtio/NAME); exits 1 if any failed. A sanitizer
# report in a log fails its case. Console logs go to VIRTIO_LOG_DIR (default: a temporary
# directory, removed when every case passed).
set -u

ALL_CASES=(device-help device-unknown device-bad-prop device-too-many dtb-slots rng rng-2h
           rng-reboot bad-guest)
# shellcheck source=tests/virtio/net.sh
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/net.sh"
ALL_CASES+=("${NET_CASES[@]}")
# virtio-blk cases: tests/virtio/blk.sh (BLK_CASES, blk_case_run)
# shellcheck source=tests/virtio/blk.sh
. "$(dirname "${BASH_SOURCE[0]}")/blk.sh"
ALL_CASES+=("${BLK_CASES[@]}")
BOOT_TIMEOUT=120

if [ $# -lt 1 ]; then
    echo "usage: $0 POLYHART [CASE...]   (cases: ${ALL_CASES[*]})" >&2
    exit 2
fi
polyhart=$1
shift
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=("${ALL_CASES[@]}")

repo=$(dirname "$(dirname "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")")")
export TSAN_OPTIONS=${TSAN_OPTIONS:-suppressions=$repo/tests/tsan.supp exitcode=66}

case $polyhart in
    */san-thread/*) scale=10 ;;
    */san-*/*) scale=3 ;;
    *) scale=1 ;;
esac

image_dir=${POLYHART_GUEST_DIR:-${POLYHART_CACHE:-$HOME/.cache/polyhart}/guest/current}
# Resolved once: a guest build from another tree may move `current` while the tier runs.
image_dir=$(readlink -f "$image_dir" || echo "$image_dir")
kernel=$image_dir/Image
initrd=$image_dir/initramfs.cpio.gz

if [ -n "${VIRTIO_LOG_DIR:-}" ]; then
    log_dir=$VIRTIO_LOG_DIR
    keep_logs=1
    mkdir -p "$log_dir"
else
    log_dir=$(mktemp -d "${TMPDIR:-/tmp}/polyhart-virtio.XXXXXX")
    keep_logs=0
fi

sanitizer_report() {
    grep -a -m 1 -e '^SUMMARY: [A-Za-z]*Sanitizer' -e 'runtime error:' "$1"
}

# Prints the result line of case NAME: PASS when WHY is empty and LOG (if given) holds no
# sanitizer report.
report() {
    local name=$1 why=$2 log=${3:-} san
    if [ -n "$log" ]; then
        san=$(sanitizer_report "$log")
        [ -z "$san" ] || why="${why:+$why; }sanitizer: $san"
    fi
    if [ -z "$why" ]; then
        echo "PASS: virtio/$name"
        return 0
    fi
    echo "FAIL: virtio/$name ($why${log:+; log: $log})"
    return 1
}

# Runs polyhart with ARGS (no guest needed: the options fail first); sets cli_status and
# cli_out (stderr and stdout).
run_cli() {
    cli_out=$(timeout 30 "$polyhart" "$@" 2>&1)
    cli_status=$?
}

# Expects exit status 1 and a single output line holding every one of the PATTERNS.
expect_error() {
    local name=$1 pattern why=""
    shift
    local -a patterns=()
    while [ "$1" != -- ]; do patterns+=("$1"); shift; done
    shift
    run_cli "$@"
    [ "$cli_status" -eq 1 ] || why="exit $cli_status, expected 1"
    [ "$(printf '%s\n' "$cli_out" | grep -c .)" -eq 1 ] || why="${why:+$why; }not one line: $cli_out"
    for pattern in "${patterns[@]}"; do
        printf '%s\n' "$cli_out" | grep -q -- "$pattern" || why="${why:+$why; }no '$pattern' in: $cli_out"
    done
    report "$name" "$why"
}

case_device_help() {
    local why=
    run_cli -device help
    [ "$cli_status" -eq 0 ] || why="exit $cli_status"
    printf '%s\n' "$cli_out" | grep -q '^virtio-rng-device ' || why="${why:+$why; }no virtio-rng-device in: $cli_out"
    report device-help "$why"
}

case_device_unknown() {
    expect_error device-unknown "unknown device 'nosuch'" "virtio-rng-device" -- \
        -M virt -kernel /dev/null -device nosuch,x=1
}

case_device_bad_prop() {
    expect_error device-bad-prop "virtio-rng-device" "unknown property 'foo=1'" -- \
        -M virt -kernel /dev/null -device virtio-rng-device,foo=1
}

case_device_too_many() {
    local -a devs=()
    for _ in 1 2 3 4 5 6 7 8 9; do devs+=(-device virtio-rng-device); done
    expect_error device-too-many "9 virtio devices" "8 virtio-mmio slots" -- \
        -M virt -bios none -kernel "$kernel" "${devs[@]}"
}

# The dumped device tree holds the 8 slots: their node names and "virtio,mmio" 8 times.
case_dtb_slots() {
    local dtb=$log_dir/virt.dtb why="" names compat
    run_cli -M "virt,dumpdtb=$dtb" -bios none -kernel "$kernel" -device virtio-rng-device
    if [ "$cli_status" -ne 0 ] || [ ! -s "$dtb" ]; then
        report dtb-slots "dumpdtb exit $cli_status: $cli_out"
        return
    fi
    names=$(grep -ao 'virtio_mmio@1000[1-8]000' "$dtb" | sort -u | wc -l)
    compat=$(grep -ao 'virtio,mmio' "$dtb" | wc -l)
    [ "$names" -eq 8 ] || why="$names distinct virtio_mmio@ nodes, expected 8"
    [ "$compat" -eq 8 ] || why="${why:+$why; }$compat 'virtio,mmio' strings, expected 8"
    report dtb-slots "$why"
}

# Boots the guest with SMP harts, kernel arguments ARGS and extra emulator options; sets
# boot_status (124 on timeout) and writes the console to LOG.
boot_once() {
    local smp=$1 args=$2 log=$3 limit=$((BOOT_TIMEOUT * scale))
    shift 3
    timeout -k 5 "$limit" "$polyhart" -M virt -smp "$smp" -m 256M -bios default \
        -kernel "$kernel" -initrd "$initrd" -append "console=ttyS0 earlycon=sbi $args" \
        -nographic -d guest_errors "$@" < /dev/null 2>&1 | tr -d '\r' > "$log"
    boot_status=${PIPESTATUS[0]}
}

# Why the boot of guest test NAME in LOG did not pass (empty when it did).
guest_verdict() {
    local name=$1 log=$2 lines
    lines=$(grep -ao "POLYHART-TEST $name .*" "$log")
    if [ "$boot_status" -eq 124 ] || [ "$boot_status" -eq 137 ]; then
        echo "timeout; last output: $(grep -av '^[[:space:]]*$' "$log" | tail -n 1)"
    elif [ "$(printf '%s\n' "$lines" | grep -c .)" -ne 1 ]; then
        echo "exit $boot_status, no single POLYHART-TEST line"
    elif [ "${lines#"POLYHART-TEST $name "}" != PASS ]; then
        echo "exit $boot_status: ${lines#"POLYHART-TEST $name "}"
    elif [ "$boot_status" -ne 0 ]; then
        echo "exit $boot_status after PASS"
    elif grep -aq '^virtio-mmio@' "$log"; then
        echo "guest errors logged: $(grep -a -m 1 '^virtio-mmio@' "$log")"
    fi
}

case_rng() {
    local log=$log_dir/rng.log
    boot_once 1 "polyhart.test=hwrng" "$log" -device virtio-rng-device
    report rng "$(guest_verdict hwrng "$log")" "$log"
}

case_rng_2h() {
    local log=$log_dir/rng-2h.log
    boot_once 2 "polyhart.test=hwrng" "$log" -device virtio-rng-device -device virtio-rng-device
    report rng-2h "$(guest_verdict hwrng "$log")" "$log"
}

case_rng_reboot() {
    local log=$log_dir/rng-reboot.log why reboots
    boot_once 1 "polyhart.test=hwrng-reboot" "$log" -device virtio-rng-device
    why=$(guest_verdict hwrng-reboot "$log")
    reboots=$(grep -ac '^POLYHART-REBOOTING' "$log")
    [ "$reboots" -eq 1 ] || why="${why:+$why; }$reboots reboots, expected 1"
    report rng-reboot "$why" "$log"
}

# The program prints PASS:/FAIL: NAME lines and exits with the number of failures.
case_bad_guest() {
    local log=$log_dir/bad-guest.log elf=$repo/build/guest/virtio_bad.elf why="" passes resets
    if [ ! -f "$elf" ]; then
        report bad-guest "$elf missing: make build/guest/virtio_bad.elf"
        return
    fi
    timeout -k 5 $((60 * scale)) "$polyhart" -M virt -bios none -kernel "$elf" -nographic \
        -device virtio-rng-device -d guest_errors < /dev/null > "$log" 2>&1
    local status=$?
    passes=$(grep -c '^PASS: ' "$log")
    resets=$(grep -c '^virtio-mmio@10001000 (virtio-rng): .*device needs reset' "$log")
    [ "$status" -eq 0 ] || why="exit $status; $(grep -a -m 1 '^FAIL: ' "$log")"
    [ "$passes" -eq 10 ] || why="${why:+$why; }$passes of 10 program cases passed"
    [ "$resets" -ge 6 ] || why="${why:+$why; }$resets 'device needs reset' log lines, expected 6+"
    report bad-guest "$why" "$log"
}

need_image() {
    if [ ! -f "$kernel" ] || [ ! -f "$initrd" ]; then
        report "$1" "guest image missing in $image_dir: run guest/build.sh (make guest)"
        return 1
    fi
    if ! zcat "$initrd" | grep -aq 'test_hwrng_reboot'; then
        report "$1" "guest image in $image_dir predates the hwrng tests: run guest/build.sh"
        return 1
    fi
}

case_run() {
    case $1 in
        device-help) case_device_help ;;
        device-unknown) case_device_unknown ;;
        device-bad-prop) case_device_bad_prop ;;
        device-too-many) need_image "$1" && case_device_too_many ;;
        dtb-slots) need_image "$1" && case_dtb_slots ;;
        rng) need_image "$1" && case_rng ;;
        rng-2h) need_image "$1" && case_rng_2h ;;
        rng-reboot) need_image "$1" && case_rng_reboot ;;
        bad-guest) case_bad_guest ;;
        blk-*) blk_case_run "$1" ;;
        *) net_case_run "$1"; local rc=$?; [ "$rc" -ne 2 ] && return "$rc"
           report "$1" "unknown case; cases: ${ALL_CASES[*]}" ;;
    esac
}

trap net_server_stop EXIT
failed=0
for name in "${cases[@]}"; do
    case_run "$name" || failed=$((failed + 1))
done
if [ "$failed" -eq 0 ] && [ "$keep_logs" -eq 0 ]; then
    rm -rf "$log_dir"
fi
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# Boot tier: boots the Linux guest image (guest/build.sh) on an emulator and checks what
# its /init reports (protocol: guest/README.md). Usage: run.sh EMULATOR_CMD [CASE...]
# EMULATOR_CMD may hold arguments (split on spaces); each boot runs
#   EMULATOR_CMD -M virt -smp N -m 256M -bios default -kernel Image -initrd initramfs.cpio.gz \
#       -append "console=ttyS0 earlycon=sbi polyhart.test=..." -nographic
# with a timeout of BOOT_TIMEOUT seconds (default 120, 480 for sanitizer builds). The console
# input the selfcheck asks for (POLYHART-INPUT?) is typed on the emulator's stdin. Cases (default: all):
#   selfcheck-1h selfcheck-2h poweroff fail reboot
# Prints one PASS:/FAIL: line per case; exits 1 if any failed. Console logs are kept in
# BOOT_LOG_DIR (default: a temporary directory, removed when every case passed).
set -u

ECHO_LINE=polyhart-echo-test
ALL_CASES=(selfcheck-1h selfcheck-2h poweroff fail reboot)

if [ $# -lt 1 ]; then
    echo "usage: $0 EMULATOR_CMD [CASE...]   (cases: ${ALL_CASES[*]})" >&2
    exit 2
fi
read -r -a emulator_argv <<< "$1"
shift
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=("${ALL_CASES[@]}")
case ${emulator_argv[0]} in
    */san-*) timeout_s=${BOOT_TIMEOUT:-480} ;;    # sanitizer builds run ~5-15x slower
    *) timeout_s=${BOOT_TIMEOUT:-120} ;;
esac
image_dir=${POLYHART_CACHE:-$HOME/.cache/polyhart}/guest/current
kernel=$image_dir/Image
initrd=$image_dir/initramfs.cpio.gz

if [ ! -f "$kernel" ] || [ ! -f "$initrd" ]; then
    echo "boot: no guest image in $image_dir: build it with guest/build.sh (make guest)" >&2
    for name in "${cases[@]}"; do
        echo "FAIL: boot/$name (guest image missing: run guest/build.sh)"
    done
    exit 1
fi

if [ -n "${BOOT_LOG_DIR:-}" ]; then
    log_dir=$BOOT_LOG_DIR
    keep_logs=1
    mkdir -p "$log_dir"
else
    log_dir=$(mktemp -d "${TMPDIR:-/tmp}/polyhart-boot.XXXXXX")
    keep_logs=0
fi

# Boots once with SMP harts and kernel arguments ARGS, console log in LOG. Answers the input
# prompt; stops the emulator when the guest asks for a second reboot (a board whose boot count
# does not advance would otherwise loop until the timeout). Sets boot_status (the emulator's
# exit status, 124 on timeout) and boot_reboots (POLYHART-REBOOTING lines seen).
boot_once() {
    local smp=$1 args=$2 log=$3 line pid from_emu to_emu
    boot_status=0
    boot_reboots=0
    : > "$log"
    coproc EMU {
        exec timeout -k 5 "$timeout_s" "${emulator_argv[@]}" -M virt -smp "$smp" -m 256M \
            -bios default -kernel "$kernel" -initrd "$initrd" \
            -append "console=ttyS0 earlycon=sbi $args" -nographic 2>&1
    }
    pid=$EMU_PID
    # Own copies of the pipes: bash closes EMU's fds as soon as the coprocess is reaped,
    # possibly before its last output has been read.
    exec {from_emu}<&"${EMU[0]}" {to_emu}>&"${EMU[1]}"
    while IFS= read -r line <&"$from_emu"; do
        line=${line%$'\r'}
        printf '%s\n' "$line" >> "$log"
        case $line in
            *POLYHART-INPUT\?*)
                printf '%s\n' "$ECHO_LINE" >&"$to_emu" ;;
            *POLYHART-REBOOTING*)
                boot_reboots=$((boot_reboots + 1))
                if [ "$boot_reboots" -gt 1 ]; then
                    echo "boot: second POLYHART-REBOOTING, stopping the emulator" >> "$log"
                    kill "$pid" 2>/dev/null
                fi ;;
        esac
    done
    exec {from_emu}<&- {to_emu}>&-
    wait "$pid"
    boot_status=$?
}

# The single POLYHART-TEST line of LOG, empty if there is none or more than one.
result_line() {
    local lines
    lines=$(grep -a '^POLYHART-TEST ' "$1")
    [ "$(printf '%s\n' "$lines" | grep -c .)" -eq 1 ] && printf '%s\n' "$lines"
}

# Last non-blank console line of LOG that is not the emulator being stopped by timeout.
last_line() {
    grep -av -e '^[[:space:]]*$' -e 'terminating on signal' "$1" | tail -n 1
}

# Why the boot did not end as expected (empty when it did): test NAME should print RESULT
# (PASS or FAIL) and the emulator exit with STATUS.
boot_verdict() {
    local name=$1 result=$2 status=$3 log=$4 line
    if [ "$boot_status" -eq 124 ] || [ "$boot_status" -eq 137 ]; then
        echo "timeout after ${timeout_s}s; last output: $(last_line "$log")"
        return
    fi
    line=$(result_line "$log")
    case $line in
        "POLYHART-TEST $name $result"*) ;;
        "") echo "exit $boot_status, no single POLYHART-TEST line; last output:" \
                 "$(last_line "$log")"; return ;;
        *) echo "exit $boot_status: $line"; return ;;
    esac
    [ "$boot_status" -eq "$status" ] || echo "exit $boot_status (expected $status): $line"
}

case_run() {
    local name=$1 log=$log_dir/$1.log why
    case $name in
        selfcheck-1h)
            boot_once 1 "polyhart.test=selfcheck polyhart.harts=1" "$log"
            why=$(boot_verdict selfcheck PASS 0 "$log") ;;
        selfcheck-2h)
            boot_once 2 "polyhart.test=selfcheck polyhart.harts=2" "$log"
            why=$(boot_verdict selfcheck PASS 0 "$log") ;;
        poweroff)
            boot_once 2 "polyhart.test=poweroff" "$log"
            why=$(boot_verdict poweroff PASS 0 "$log") ;;
        fail)
            boot_once 1 "polyhart.test=fail" "$log"
            why=$(boot_verdict fail FAIL 1 "$log") ;;
        reboot)
            boot_once 2 "polyhart.test=reboot" "$log"
            if [ "$boot_reboots" -gt 1 ]; then
                why="the guest asked to reboot again: /chosen/polyhart,boot-count did not advance"
            elif [ "$boot_reboots" -eq 0 ]; then
                why="no POLYHART-REBOOTING before the result"
                why="$why; $(boot_verdict reboot PASS 0 "$log")"
            else
                why=$(boot_verdict reboot PASS 0 "$log")
            fi ;;
        *)
            why="unknown case (cases: ${ALL_CASES[*]})" ;;
    esac
    if [ -z "$why" ]; then
        echo "PASS: boot/$name"
        return 0
    fi
    echo "FAIL: boot/$name ($why; log: $log)"
    return 1
}

failed=0
for name in "${cases[@]}"; do
    case_run "$name" || failed=$((failed + 1))
done
if [ "$failed" -eq 0 ] && [ "$keep_logs" -eq 0 ]; then
    rm -rf "$log_dir"
fi
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# Debug tier: the GDB stub, QMP and the monitor through the real path.
#  - gdb-bm-*: gdb-multiarch (batch) against build/guest/smp_debug.elf on 4 harts started with
#    -S: threads, Ctrl-C (SIGINT to gdb), a breakpoint in code translated before it was set,
#    registers, memory, stepi, a write watchpoint hit by another hart, a read watchpoint,
#    thread selection, `monitor`, a memory write that ends the program, exit status.
#  - gdb-linux-*: gdb-multiarch with the guest image's vmlinux on 2 harts started with -S:
#    threads, a breakpoint on start_kernel (untranslated code), privilege, satp, the banner in
#    kernel memory, stepi, a breakpoint on do_idle, continue to poweroff.
#  - gdbproto-*: the raw protocol and its bad input (gdbproto.py).
#  - qmp-*: QMP clients (qmp_test.py).
#  - monitor-*: the console monitor (Ctrl-A c) on piped input.
# Usage: tests/debug/run.sh POLYHART   (POLYHART_GUEST_DIR: the Linux image, default
# ${POLYHART_CACHE:-~/.cache/polyhart}/guest/current)
# Prints one PASS:/FAIL: line per check; exits 1 if any failed. Logs of failing parts are kept
# in $DEBUG_LOGS (default build/debug-logs).
set -u
PH=$1
DIR=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
ELF=build/guest/smp_debug.elf
IMAGE=${POLYHART_GUEST_DIR:-${POLYHART_CACHE:-$HOME/.cache/polyhart}/guest/current}
# Resolved once: a guest build from another tree may move `current` while the tier runs.
IMAGE=$(readlink -f "$IMAGE" || echo "$IMAGE")
LOGS=${DEBUG_LOGS:-build/debug-logs}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
status=0

case "$PH" in
*san-thread*) S=10 ;; # ThreadSanitizer: 5-15x slower
*san-*) S=4 ;;
*) S=1 ;;
esac

pass() { echo "PASS: debug/$1"; }
fail() {
    echo "FAIL: debug/$1 ($2)"
    status=1
    mkdir -p "$LOGS" && cat "$TMP"/*.out >"$LOGS/${1%%-*}-$(date +%s).log" 2>/dev/null
}
# expect NAME CONDITION-COMMAND... : PASS if the command succeeds.
expect() {
    local name=$1 why=$2
    shift 2
    if "$@"; then pass "$name"; else fail "$name" "$why"; fi
}
has() { grep -aq -- "$2" "$1"; }
value() { sed -n "s/^$2 //p" "$1" | head -n 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
no_sanitizer_report() { ! grep -aqE "WARNING: ThreadSanitizer|ERROR: AddressSanitizer|runtime error:" "$1"; }

# wait_for FILE PATTERN SECONDS
wait_for() {
    local end=$((SECONDS + $3))
    until has "$1" "$2"; do
        [ $SECONDS -lt $end ] || return 1
        sleep 0.1
    done
}

# wait_or_kill PID SECONDS: waits for a background job, killing it after SECONDS.
wait_or_kill() {
    local end=$((SECONDS + $2))
    while kill -0 "$1" 2>/dev/null; do
        if [ $SECONDS -ge $end ]; then
            kill "$1"
            break
        fi
        sleep 0.2
    done
    wait "$1"
}

missing_tools() {
    local t missing=""
    for t in gdb-multiarch python3 riscv64-linux-gnu-nm; do
        command -v "$t" >/dev/null || missing="$missing $t"
    done
    echo "$missing"
}

gdb_baremetal() {
    local port epid gpid erc out=$TMP/gdb-bm.out emu=$TMP/emu-bm.out
    port=$(free_port)
    timeout -k 5 $((120 * S)) "$PH" -M virt -bios none -smp 4 -kernel "$ELF" -nographic -S \
        -gdb "tcp:127.0.0.1:$port" </dev/null >"$emu" 2>&1 &
    epid=$!
    # not under timeout(1), which would pass the SIGINT below on twice (to gdb and to its
    # process group), and a second Ctrl-C makes gdb give up on the target
    gdb-multiarch -nx -batch -ex "target remote 127.0.0.1:$port" \
        -x "$DIR/gdb_baremetal.gdb" "$ELF" >"$out" 2>&1 &
    gpid=$!
    if wait_for "$emu" "smp_debug: harts=4 running" $((30 * S)); then
        sleep 0.5
        kill -INT "$gpid" # gdb sends Ctrl-C to the stub
    fi
    wait_or_kill "$gpid" $((120 * S))
    wait "$epid"
    erc=$?
    local bp pc3
    bp=$(value "$out" BP-HIT)
    expect gdb-bm-threads "info threads lacks 4 harts" test "$(grep -ac 'Thread [0-9] "hart [0-3]"' "$out")" -ge 4
    expect gdb-bm-ctrl-c "no SIGINT stop" has "$out" "received signal SIGINT"
    expect gdb-bm-bp-translated-code "no breakpoint hit: $bp" has "$out" "hit Breakpoint 1, .* in debug_marker"
    expect gdb-bm-registers "privilege or sp missing" test "$(value "$out" PRIV)" = 3 -a -n "$(grep -a '^sp ' "$out")"
    expect gdb-bm-memory "read_me '$(value "$out" READ-ME)', counter '$(value "$out" COUNTER0)'" \
        test "$(value "$out" READ-ME)" = 42 -a "$(value "$out" COUNTER0)" -gt 0
    expect gdb-bm-stepi "stepi did not move: $bp" test -n "$(value "$out" STEPPED)" -a "$(value "$out" STEPPED)" != "${bp%% *}"
    expect gdb-bm-watch-other-hart "stop thread '$(value "$out" WATCH-THREAD)'" test "$(value "$out" WATCH-THREAD)" = 2
    expect gdb-bm-rwatch "stop thread '$(value "$out" RWATCH-THREAD)'" test "$(value "$out" RWATCH-THREAD)" = 1
    pc3=$(value "$out" THREAD3-PC)
    expect gdb-bm-thread-select "no pc for thread 3" test -n "$pc3"
    expect gdb-bm-monitor "monitor info status" has "$out" "VM status: paused (debug)"
    expect gdb-bm-continue-to-exit "exit $erc; $(tail -n 1 "$out")" test "$erc" -eq 0 -a "$(grep -ac 'exited normally' "$out")" -eq 1
    expect gdb-bm-no-sanitizer-report "$(grep -am1 -E 'ThreadSanitizer|AddressSanitizer' "$emu")" no_sanitizer_report "$emu"
}

gdb_linux() {
    local port epid erc out=$TMP/gdb-linux.out emu=$TMP/emu-linux.out sk
    if [ ! -f "$IMAGE/vmlinux" ]; then
        fail gdb-linux "no $IMAGE/vmlinux: build the guest image (make guest)"
        return
    fi
    port=$(free_port)
    timeout -k 5 $((240 * S)) "$PH" -M virt -smp 2 -m 256M -bios default -kernel "$IMAGE/Image" \
        -initrd "$IMAGE/initramfs.cpio.gz" -append "console=ttyS0 polyhart.test=poweroff" \
        -nographic -S -gdb "tcp:127.0.0.1:$port" </dev/null >"$emu" 2>&1 &
    epid=$!
    timeout -k 5 $((240 * S)) gdb-multiarch -nx -batch -ex "target remote 127.0.0.1:$port" \
        -x "$DIR/gdb_linux.gdb" "$IMAGE/vmlinux" >"$out" 2>&1
    wait "$epid"
    erc=$?
    sk=$(awk '$3 == "start_kernel" { print $1 }' "$IMAGE/System.map")
    local bp=$(value "$out" KERNEL-BP)
    expect gdb-linux-threads "info threads lacks 2 harts" test "$(grep -ac 'Thread [0-9] "hart [01]"' "$out")" -ge 2
    expect gdb-linux-bp-start-kernel "stop '$bp', start_kernel $sk" \
        test -n "$bp" -a $((0x${bp%% *} - 0x${sk:-0})) -ge 0 -a $((0x${bp%% *} - 0x${sk:-0})) -lt 256
    expect gdb-linux-priv "priv '$(value "$out" PRIV)'" test "$(value "$out" PRIV)" = 1
    expect gdb-linux-satp "satp '$(value "$out" SATP)'" test "$(value "$out" SATP)" != 0 -a -n "$(value "$out" SATP)"
    expect gdb-linux-memory "no banner" has "$out" 'linux_banner>:.*"Linux version 6\.1'
    expect gdb-linux-stepi "stepi did not move" test -n "$(value "$out" STEPPED)" -a "$(value "$out" STEPPED)" != "${bp%% *}"
    expect gdb-linux-bp-do-idle "no stop in do_idle" has "$out" "hit Breakpoint 2, .* in do_idle"
    expect gdb-linux-poweroff "exit $erc; $(tail -n 1 "$out")" \
        test "$erc" -eq 0 -a "$(grep -ac 'exited normally' "$out")" -eq 1 -a "$(grep -ac 'POLYHART-TEST poweroff PASS' "$emu")" -eq 1
    expect gdb-linux-no-sanitizer-report "sanitizer" no_sanitizer_report "$emu"
}

monitor_console() {
    local out=$TMP/monitor.out rc
    # the guest runs, then Ctrl-A c: commands go to the monitor; quit ends the emulator
    # (typed ahead: the echo of later lines may land between the outputs of earlier ones)
    (sleep 1; printf '\001cinfo status\rinfo cpus\rcpu 1\rinfo registers\rstop\rinfo status\rquit\r') |
        timeout -k 5 $((60 * S)) "$PH" -M virt -bios none -smp 2 -kernel "$ELF" -nographic >"$out" 2>&1
    rc=$?
    expect monitor-prompt "no prompt" has "$out" "(polyhart) "
    expect monitor-info-status "no status" has "$out" "VM status: running"
    expect monitor-info-cpus "no CPU #1" has "$out" "CPU #1: pc="
    expect monitor-cpu-select "registers not of hart 1" has "$out" "hart 1: pc [0-9a-f]* priv"
    expect monitor-stop "not paused after stop" has "$out" "VM status: paused (paused)"
    expect monitor-quit "exit $rc" test "$rc" -eq 0
}

missing=$(missing_tools)
if [ -n "$missing" ]; then
    fail tools "missing:$missing (make deps installs them)"
    exit 1
fi
if [ ! -f "$ELF" ]; then
    fail guest "$ELF missing (make $ELF)"
    exit 1
fi
gdb_baremetal
gdb_linux
monitor_console
python3 "$DIR/gdbproto.py" "$PH" "$ELF" || status=1
python3 "$DIR/qmp_test.py" "$PH" "$ELF" || status=1
exit $status

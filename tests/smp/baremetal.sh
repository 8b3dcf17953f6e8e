#!/usr/bin/env bash
# SMP tier, bare-metal half: the multi-hart programs build/guest/smp_*.elf
# (guest/baremetal/smp_*.c) and the bad-input cases, in which misbehaving guests (smp_bad.elf:
# harts spinning with interrupts off, LR without SC, IPI storms) must still be ended cleanly by
# the finisher, SIGTERM, SIGINT and Ctrl-A x, within a bounded time.
# Usage: tests/smp/baremetal.sh EMULATOR [CASES]
#   EMULATOR: build/polyhart, a sanitized build (build/san-*/polyhart: time limits scaled), or
#   qemu-system-riscv64 to validate the programs themselves (QEMU exits 0 on SIGTERM/SIGINT;
#   its compare-and-swap LR/SC fails the lrsc-aba cases by design).
#   CASES: an extended regular expression; only cases whose name matches run (default: all).
# Prints one PASS:/FAIL: line per case; exits 1 if any failed. Failing runs' output is kept
# in $SMP_LOGS (default build/smp-logs).
set -u
PH=$1
CASES=${2:-.}
G=build/guest
TMP=$(mktemp -d)
LOGS=${SMP_LOGS:-build/smp-logs}
trap 'rm -rf "$TMP"' EXIT
status=0

case "$PH" in
*san-thread*) S=10 ;; # ThreadSanitizer: 5-15x slower
*san-*) S=4 ;;
*) S=1 ;;
esac
case "$(basename "$PH")" in
qemu-*) QEMU=1 ;;
*) QEMU=0 ;;
esac

selected() { [[ $1 =~ $CASES ]]; }
pass() { echo "PASS: smp/$1"; }
fail() {
    echo "FAIL: smp/$1 ($2)"
    status=1
    mkdir -p "$LOGS" && cat "$TMP/out" "$TMP/err" >"$LOGS/$1.log" 2>/dev/null
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# The first sanitizer report line in the run's output, if any.
sanitizer_report() {
    cat "$TMP/out" "$TMP/err" 2>/dev/null |
        grep -m1 -E "WARNING: ThreadSanitizer|ERROR: AddressSanitizer|runtime error:"
}

# One line saying why a run failed: the guest's own FAIL line, else its last line.
guest_reason() {
    local line
    line=$(grep -m1 -E "FAIL" "$TMP/out")
    [ -n "$line" ] || line=$(tail -1 "$TMP/out")
    echo "$line" | tr -d '\r'
}

# run HARTS ELF [ARGS...]: runs a program to completion (bounded); sets RC.
run() {
    local harts=$1 elf=$2
    shift 2
    timeout -k 5 $((60 * S)) "$PH" -M virt -bios none -smp "$harts" -kernel "$G/$elf" \
        -nographic "$@" </dev/null >"$TMP/out" 2>"$TMP/err"
    RC=$?
}

# expect_prog NAME HARTS ELF PATTERN: exit 0 and the summary line PATTERN, no sanitizer report.
expect_prog() {
    local name=$1 harts=$2 elf=$3 pattern=$4 report
    selected "$name" || return 0
    run "$harts" "$elf"
    report=$(sanitizer_report)
    if [ $RC -eq 124 ] || [ $RC -eq 137 ]; then
        fail "$name" "timeout after $((60 * S)) s"
    elif [ -n "$report" ]; then
        fail "$name" "sanitizer: $report"
    elif [ $RC -ne 0 ]; then
        fail "$name" "exit $RC: $(guest_reason)"
    elif ! grep -Eq "$pattern" "$TMP/out"; then
        fail "$name" "output lacks '$pattern'"
    else
        pass "$name"
    fi
}

for n in 1 2 4 8; do
    expect_prog "start-$n" $n smp_start.elf "^smp_start: harts=$n .* ok"
done
for n in 2 4 8; do
    expect_prog "ipi-$n" $n smp_ipi.elf "^smp_ipi: harts=$n .* ok"
    expect_prog "timer-$n" $n smp_timer.elf "^smp_timer: harts=$n .* ok"
    expect_prog "lrsc-$n" $n smp_lrsc.elf "^smp_lrsc: harts=$n .* ok"
done

# smp_lrsc_aba: one result per case (see guest/baremetal/smp_lrsc_aba.c); expected to fail on
# compare-and-swap LR/SC emulations (QEMU) except the control.
selected lrsc-aba && run 2 smp_lrsc_aba.elf
ABA_REPORT=$(sanitizer_report)
for c in control-nothing sc-aba amo-aba sc-same-value amo-same-value plain-same-value plain-aba; do
    selected "lrsc-aba-$c" || continue
    line=$(grep -m1 "^lrsc-case $c: " "$TMP/out" | tr -d '\r')
    if [ -n "$ABA_REPORT" ]; then
        fail "lrsc-aba-$c" "sanitizer: $ABA_REPORT"
    elif [ "$line" = "lrsc-case $c: ok" ]; then
        pass "lrsc-aba-$c"
    elif [ -n "$line" ]; then
        line=${line#"lrsc-case $c: FAIL ("}
        fail "lrsc-aba-$c" "${line%)}"
    else
        fail "lrsc-aba-$c" "no result, exit $RC: $(guest_reason)"
    fi
done

# ---- bad input: misbehaving guests on 4 harts ----
BAD=(-M virt -bios none -smp 4 -kernel "$G/smp_bad.elf" -nographic)
PROMPT_S=$((5 * S)) # how long a clean end may take once asked for

# wait_for FILE PATTERN SECONDS [PID]: true once PATTERN is in FILE (false if PID dies first).
wait_for() {
    local end=$(($(now_ms) + $3 * 1000))
    while [ "$(now_ms)" -lt $end ]; do
        grep -q "$2" "$1" 2>/dev/null && return 0
        [ -n "${4:-}" ] && ! kill -0 "$4" 2>/dev/null && return 1
        sleep 0.05
    done
    return 1
}

# Finisher written by hart 0 after 300 ms while the other harts keep misbehaving: status 7.
bad_finisher() {
    local mode=$1 name="bad-$1-finisher" start took report
    start=$(now_ms)
    timeout -k 2 "$PROMPT_S" "$PH" "${BAD[@]}" -append "$mode exit=300" </dev/null \
        >"$TMP/out" 2>"$TMP/err"
    local rc=$?
    took=$(($(now_ms) - start))
    report=$(sanitizer_report)
    if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
        fail "$name" "hang: not ended within $PROMPT_S s of start"
    elif [ -n "$report" ]; then
        fail "$name" "sanitizer: $report"
    elif [ $rc -ne 7 ]; then
        fail "$name" "exit $rc, want 7: $(guest_reason)"
    elif ! grep -q "running" "$TMP/out"; then
        fail "$name" "the guest never started misbehaving"
    else
        pass "$name"
    fi
    echo "    $name: ${took} ms" >>"$TMP/times"
}

# A signal from the host once every hart misbehaves: a prompt exit with the documented status
# (polyhart: 128 + signal, README; QEMU: 0) and a message naming the signal.
bad_signal() {
    local mode=$1 sig=$2 num=$3 name="bad-$1-sig${2,,}" pid rc report want
    want=$((128 + num))
    [ $QEMU -eq 1 ] && want=0
    : >"$TMP/out" # emptied now: the child's own redirection may come after wait_for's first look
    env --default-signal=INT,TERM "$PH" "${BAD[@]}" -append "$mode" </dev/null \
        >"$TMP/out" 2>"$TMP/err" &
    pid=$!
    if ! wait_for "$TMP/out" running $((10 * S)) $pid; then
        kill -KILL $pid 2>/dev/null
        wait $pid 2>/dev/null
        fail "$name" "the guest never started misbehaving"
        return
    fi
    local start
    start=$(now_ms)
    kill -s "$sig" $pid
    while kill -0 $pid 2>/dev/null && [ $(($(now_ms) - start)) -lt $((PROMPT_S * 1000)) ]; do
        sleep 0.05
    done
    if kill -0 $pid 2>/dev/null; then
        kill -KILL $pid
        wait $pid 2>/dev/null
        fail "$name" "hang: still running ${PROMPT_S} s after SIG$sig"
        return
    fi
    wait $pid
    rc=$?
    echo "    $name: $(($(now_ms) - start)) ms" >>"$TMP/times"
    report=$(sanitizer_report)
    if [ -n "$report" ]; then
        fail "$name" "sanitizer: $report"
    elif [ $rc -ne $want ]; then
        fail "$name" "exit $rc, want $want"
    elif ! grep -q "terminating on signal $num" "$TMP/err"; then
        fail "$name" "stderr lacks 'terminating on signal $num'"
    else
        pass "$name"
    fi
}

# wait_gone PIDFILE SECONDS: true once the process named in PIDFILE has ended.
wait_gone() {
    local end=$(($(now_ms) + $2 * 1000)) pid
    while [ "$(now_ms)" -lt $end ]; do
        pid=$(cat "$1" 2>/dev/null)
        [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null && return 0
        sleep 0.05
    done
    return 1
}

# Ctrl-A x typed on the console (a pseudo-terminal, through script) once every hart
# misbehaves: status 0, the console's message after the guest's "running" line. The shell in
# the terminal records its pid and execs the emulator, so a hung emulator can be killed.
bad_ctrl_a() {
    local mode=$1 name="bad-$1-ctrl-a-x" ts="$TMP/typescript" pidf="$TMP/emu.pid" start
    rm -f "$ts" "$pidf"
    : >"$TMP/err"
    start=$(now_ms)
    {
        wait_for "$ts" running $((10 * S)) && printf '\001x'
        wait_gone "$pidf" $((PROMPT_S + 2)) # keeps the console open until the emulator ends
    } | timeout -k 2 $((10 * S + PROMPT_S + 4)) script -qfec \
        "echo \$\$ >$pidf; exec $PH ${BAD[*]} -append $mode" "$ts" >/dev/null 2>&1
    local rc=$? pid
    pid=$(cat "$pidf" 2>/dev/null)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid"
        rc=124
    fi
    tr -d '\r' <"$ts" >"$TMP/out" 2>/dev/null
    echo "    $name: $(($(now_ms) - start)) ms (from start)" >>"$TMP/times"
    local report run_line quit_line
    report=$(sanitizer_report)
    run_line=$(grep -n -m1 "running" "$TMP/out" | cut -d: -f1)
    quit_line=$(grep -n -m1 -E "terminated \(C-a x\)|QEMU: Terminated" "$TMP/out" | cut -d: -f1)
    if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
        fail "$name" "hang: console session not ended"
    elif [ -n "$report" ]; then
        fail "$name" "sanitizer: $report"
    elif [ -z "$run_line" ]; then
        fail "$name" "the guest never started misbehaving"
    elif [ -z "$quit_line" ] || [ "$quit_line" -lt "$run_line" ]; then
        fail "$name" "no 'terminated' message after the guest ran"
    elif [ $rc -ne 0 ]; then
        fail "$name" "exit $rc, want 0"
    else
        pass "$name"
    fi
}

for mode in spin lr storm; do
    selected "bad-$mode-finisher" && bad_finisher $mode
    selected "bad-$mode-sigterm" && bad_signal $mode TERM 15
    selected "bad-$mode-sigint" && bad_signal $mode INT 2
    if ! selected "bad-$mode-ctrl-a-x"; then
        :
    elif command -v script >/dev/null; then
        bad_ctrl_a $mode
    else
        echo "SKIP: smp/bad-$mode-ctrl-a-x (no script command)"
    fi
done
if [ -n "${SMP_TIMES:-}" ] && [ -f "$TMP/times" ]; then
    cat "$TMP/times" >&2
fi
exit $status

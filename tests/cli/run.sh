#!/usr/bin/env bash
# Command-line behaviour and robustness of build/polyhart, through the real binary:
# bad options and images give a one-line error and exit 1; guest programs' exit codes reach the
# host; logging works; random instruction streams never crash the emulator.
# Usage: tests/cli/run.sh POLYHART   (guest ELFs are expected in build/guest/)
set -u
PH=$1
G=build/guest
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

pass() { echo "PASS: cli/$1"; }
fail() { echo "FAIL: cli/$1 ($2)"; }

# expect_error NAME PATTERN ARGS...: exit 1 with exactly one stderr line matching PATTERN.
expect_error() {
    local name=$1 pattern=$2
    shift 2
    timeout 10 "$PH" "$@" </dev/null >"$TMP/out" 2>"$TMP/err"
    local rc=$? lines
    lines=$(wc -l <"$TMP/err")
    if [ $rc -ne 1 ]; then
        fail "$name" "exit $rc, want 1"
    elif [ "$lines" -ne 1 ]; then
        fail "$name" "$lines lines on stderr, want 1"
    elif ! grep -q -- "$pattern" "$TMP/err"; then
        fail "$name" "stderr '$(cat "$TMP/err")' lacks '$pattern'"
    else
        pass "$name"
    fi
}

# expect_run NAME WANT_RC OUTPUT_PATTERN ARGS...
expect_run() {
    local name=$1 want=$2 pattern=$3
    shift 3
    timeout 60 "$PH" "$@" </dev/null >"$TMP/out" 2>"$TMP/err"
    local rc=$?
    if [ $rc -ne "$want" ]; then
        fail "$name" "exit $rc, want $want: $(tail -1 "$TMP/err")"
    elif [ -n "$pattern" ] && ! grep -q -- "$pattern" "$TMP/out" "$TMP/err"; then
        fail "$name" "output lacks '$pattern'"
    else
        pass "$name"
    fi
}

BOOT=(-M virt -bios none -nographic)
head -c 200 "$G/hello.elf" >"$TMP/truncated.elf"
printf 'hello' >"$TMP/tiny"

expect_run help 0 "usage: polyhart" -h
expect_run version 0 "polyhart " --version
expect_run log-help 0 "in_asm" -d help
expect_error unknown-option "unknown option '-frobnicate'" -frobnicate
expect_error missing-argument "needs an argument" -M virt -kernel
expect_error no-kernel "no guest image" -M virt -bios none
expect_error bad-machine "unsupported machine" -M pc -kernel "$G/hello.elf"
expect_error bad-smp-zero "invalid -smp" -smp 0 -kernel "$G/hello.elf"
expect_error bad-smp-huge "invalid -smp" -smp 100000 -kernel "$G/hello.elf"
expect_error bad-smp-text "invalid -smp" -smp two -kernel "$G/hello.elf"
expect_error bad-mem-suffix "invalid -m" -m 12Q -kernel "$G/hello.elf"
expect_error bad-mem-small "invalid -m" -m 1K -kernel "$G/hello.elf"
expect_error bad-accel "unsupported accelerator 'kvm'" -accel kvm -kernel "$G/hello.elf"
expect_error bad-accel-jit "unsupported -accel property 'jit=maybe'" -accel tcg,jit=maybe -kernel "$G/hello.elf"
expect_error bad-accel-tb-size "invalid -accel tb-size" -accel tcg,tb-size=0 -kernel "$G/hello.elf"
expect_error bad-accel-tb-size-huge "expected 1 to 1024" -accel tcg,tb-size=2048 -kernel "$G/hello.elf"
expect_error bad-accel-thread "unsupported -accel property 'thread=single'" -accel tcg,thread=single -kernel "$G/hello.elf"
# The host refuses the JIT's arena (address space capped): one clear line, no crash.
(ulimit -v 600000 && expect_error jit-arena-refused "cannot map 1024 MiB of executable memory" \
    "${BOOT[@]}" -accel tcg,tb-size=1024 -kernel "$G/hello.elf")
expect_error bad-log-item "unknown -d category" -d nonsense -kernel "$G/hello.elf"
expect_error missing-image "cannot open" "${BOOT[@]}" -kernel "$TMP/does-not-exist.elf"
expect_error not-elf "not an ELF file or a RISC-V Linux Image" "${BOOT[@]}" -kernel "$TMP/tiny"
expect_error wrong-arch "not a 64-bit little-endian RISC-V" "${BOOT[@]}" -kernel /bin/true
expect_error truncated-elf "corrupt ELF" "${BOOT[@]}" -kernel "$TMP/truncated.elf"
expect_error too-big-for-ram "does not fit in RAM" "${BOOT[@]}" -m 16M -kernel build/bench/mem.elf
expect_error log-file-unwritable "cannot open log file" "${BOOT[@]}" -D /nonexistent/dir/log \
    -kernel "$G/hello.elf"
expect_error missing-firmware "cannot open" -M virt -bios "$TMP/no-firmware.bin" -kernel "$G/hello.elf"
expect_error kernel-overlaps-firmware "overlaps firmware" -M virt -bios default -kernel "$G/hello.elf"
expect_error missing-initrd "cannot open" "${BOOT[@]}" -kernel "$G/hello.elf" -initrd "$TMP/nope"
head -c 20000000 /dev/zero >"$TMP/big.img"
expect_error initrd-too-big "does not fit in RAM" "${BOOT[@]}" -m 16M -kernel "$G/hello.elf" \
    -initrd "$TMP/big.img"
expect_error initrd-without-kernel "-initrd needs -kernel" -M virt -initrd "$TMP/big.img"
expect_error bad-machine-property "unsupported machine property" -M virt,frob=1 -kernel "$G/hello.elf"
expect_error bad-dtb "not a valid device tree" "${BOOT[@]}" -dtb "$TMP/tiny" -kernel "$G/hello.elf"
expect_run hello 0 "Hello from polyhart" "${BOOT[@]}" -kernel "$G/hello.elf"
expect_run hello-interpreter 0 "Hello from polyhart" "${BOOT[@]}" -accel tcg,jit=off -kernel "$G/hello.elf"
expect_run hello-small-jit-arena 0 "Hello from polyhart" "${BOOT[@]}" -accel tcg,tb-size=1,thread=multi -kernel "$G/hello.elf"
expect_run holes 0 "holes: access faults" "${BOOT[@]}" -kernel "$G/holes.elf" -d guest_errors

# -machine dumpdtb writes a device tree describing the board; -dtb boots with it.
if timeout 10 "$PH" -M "virt,dumpdtb=$TMP/virt.dtb" -smp 3 -kernel "$G/hello.elf" -bios none \
    </dev/null >/dev/null 2>&1 && [ "$(od -An -tx1 -N4 "$TMP/virt.dtb" | tr -d ' ')" = d00dfeed ] &&
    grep -q "rv64imafdc_zicsr_zifencei_zihintpause_zba_zbb_zbs_sstc" "$TMP/virt.dtb" &&
    grep -q "cpu@2" "$TMP/virt.dtb" && ! grep -q "cpu@3" "$TMP/virt.dtb" &&
    grep -q "sifive,plic-1.0.0" "$TMP/virt.dtb" && grep -q "ns16550a" "$TMP/virt.dtb"; then
    pass dumpdtb
else
    fail dumpdtb "missing or incomplete device tree"
fi
expect_run boot-with-dtb 0 "Hello from polyhart" "${BOOT[@]}" -dtb "$TMP/virt.dtb" -kernel "$G/hello.elf"
expect_run double-dash-options 0 "Hello from polyhart" --M virt --bios none --kernel "$G/hello.elf"
expect_run exit-code 42 "" "${BOOT[@]}" -kernel "$G/exitcode.elf"
expect_run guest-error-logged 0 "uart: write" "${BOOT[@]}" -kernel "$G/holes.elf" -d guest_errors
expect_run chaos 0 "random streams" "${BOOT[@]}" -kernel "$G/chaos.elf"

# -d in_asm,int -D FILE: translated code is disassembled, traps are logged.
timeout 60 "$PH" "${BOOT[@]}" -kernel "$G/chaos.elf" -d in_asm,int -D "$TMP/log" >/dev/null 2>&1
if grep -q '^IN: pa 0x80000000' "$TMP/log" && grep -q 'illegal insn' "$TMP/log" &&
    grep -Eq '^0x0000000080000000: +[0-9a-f]+ +[a-z]' "$TMP/log"; then
    pass log-in-asm-int
else
    fail log-in-asm-int "log lacks blocks or traps: $(head -3 "$TMP/log")"
fi

# The console on a terminal: raw mode, Ctrl-A h prints the keys, Ctrl-A x quits with status 0,
# and the terminal's mode is restored afterwards (stty runs in the same pseudo-terminal).
if command -v script >/dev/null; then
    (sleep 2; printf '\001h'; sleep 0.5; printf '\001x') |
        timeout 30 script -qec "$PH ${BOOT[*]} -kernel $G/idle.elf; echo status=\$?; stty -a" \
        /dev/null >"$TMP/tty.out" 2>&1
    if grep -q "idle guest ready" "$TMP/tty.out" && grep -q "C-a x    exit" "$TMP/tty.out" &&
        grep -q "status=0" "$TMP/tty.out" && grep -Eq "(^| )icanon( |$)" "$TMP/tty.out" &&
        grep -Eq "(^| )echo( |$)" "$TMP/tty.out"; then
        pass console-ctrl-a
    else
        fail console-ctrl-a "$(tr -d '\r' <"$TMP/tty.out" | tail -3 | tr '\n' ' ')"
    fi
    # SIGTERM to an emulator that owns the terminal also restores it
    (sleep 30) | timeout 30 script -qec "timeout --foreground -s TERM 3 $PH ${BOOT[*]} -kernel $G/idle.elf; echo status=\$?; stty -a" \
        /dev/null >"$TMP/tty2.out" 2>&1
    if grep -q "terminating on signal 15" "$TMP/tty2.out" && grep -q "status=124" "$TMP/tty2.out" &&
        grep -Eq "(^| )icanon( |$)" "$TMP/tty2.out" && grep -Eq "(^| )echo( |$)" "$TMP/tty2.out"; then
        pass console-sigterm-restores
    else
        fail console-sigterm-restores "$(tr -d '\r' <"$TMP/tty2.out" | tail -3 | tr '\n' ' ')"
    fi
else
    echo "SKIP: cli/console-ctrl-a (no script command)"
fi

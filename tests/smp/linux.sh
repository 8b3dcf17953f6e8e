#!/usr/bin/env bash
# SMP tier, Linux part: boots the guest image (guest/build.sh) with several harts and checks
# what its /init reports (protocol: guest/README.md). Usage: linux.sh EMULATOR_CMD [CASE...]
# EMULATOR_CMD may hold arguments (split on spaces), e.g. `linux.sh qemu-system-riscv64` to
# validate the tests on QEMU. Each boot runs
#   EMULATOR_CMD -M virt -smp N -m 256M -bios default -kernel Image -initrd initramfs.cpio.gz \
#       -append "console=ttyS0 earlycon=sbi polyhart.test=..." -nographic
# Cases (default: all):
#   harts-1 harts-2 harts-4 harts-8   boot with N harts; /init checks that N are online and
#                                     that each runs a program (polyhart.test=harts)
#   programs                          one boot with 4 harts running the parallel test programs
#                                     (polyhart.test=smp); one result line per program:
#                                     linux-counters linux-litmus linux-lfstack linux-parcompute
# Prints one `PASS: smp/linux-NAME` or `FAIL: smp/linux-NAME (reason)` line per case (per
# program for `programs`); exits 1 if any failed.
#
# Environment:
#   POLYHART_GUEST_DIR  the image (default ${POLYHART_CACHE:-~/.cache/polyhart}/guest/current)
#   SMP_LOG_DIR         console logs (default: a temporary directory, removed when every case
#                       passed)
#   SMP_TIMEOUT_SCALE   multiplies every timeout (default 10 for an emulator under
#                       build/san-thread/, 3 under another build/san-*/, else 1)
#   SMP_LIGHT           1: about a tenth of the programs' default work (the default under a
#                       sanitized emulator), 0: the defaults
# A sanitizer report in a console log fails the results of that boot; TSAN_OPTIONS defaults to
# the Makefile's (suppressions from tests/tsan.supp, exitcode=66).
set -u

ALL_CASES=(harts-1 harts-2 harts-4 harts-8 programs)
PROGRAMS=(counters litmus lfstack parcompute)
HARTS_TIMEOUT=120      # seconds for a harts boot (about 2 s on polyhart, 5 s on QEMU)
PROGRAM_TIMEOUT=120    # seconds per program inside the guest (each takes 1-10 s)
PROGRAMS_HARTS=4
PROGRAMS_THREADS=4

if [ $# -lt 1 ]; then
    echo "usage: $0 EMULATOR_CMD [CASE...]   (cases: ${ALL_CASES[*]})" >&2
    exit 2
fi
read -r -a emulator_argv <<< "$1"
shift
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=("${ALL_CASES[@]}")

# Run by hand (not through make), a TSan build still needs the project's suppressions (liburcu
# is not instrumented; see tests/tsan.supp).
repo=$(dirname "$(dirname "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")")")
export TSAN_OPTIONS=${TSAN_OPTIONS:-suppressions=$repo/tests/tsan.supp exitcode=66}

image_dir=${POLYHART_GUEST_DIR:-${POLYHART_CACHE:-$HOME/.cache/polyhart}/guest/current}
kernel=$image_dir/Image
initrd=$image_dir/initramfs.cpio.gz

# Sanitized emulators are several times slower: scale every timeout with them.
timeout_scale() {
    if [ -n "${SMP_TIMEOUT_SCALE:-}" ]; then
        echo "$SMP_TIMEOUT_SCALE"
        return
    fi
    case ${emulator_argv[0]} in
        */san-thread/*) echo 10 ;;
        */san-*/*) echo 3 ;;
        *) echo 1 ;;
    esac
}
scale=$(timeout_scale)

# Lighter program workloads (about a tenth) for sanitized emulators, which run them some 40x
# slower: the point there is the emulator's own races, not the guest's statistics.
light=${SMP_LIGHT:-$([ "$scale" -gt 1 ] && echo 1 || echo 0)}
LIGHT_ARGS="polyhart.args.counters=$PROGRAMS_THREADS,20000 polyhart.args.litmus=20000 \
polyhart.args.lfstack=$PROGRAMS_THREADS,20000 polyhart.args.parcompute=$PROGRAMS_THREADS,300000"

# The names of the results a case produces.
case_results() {
    case $1 in
        programs) printf 'linux-%s\n' "${PROGRAMS[@]}" ;;
        *) echo "linux-$1" ;;
    esac
}

# Fails every case with REASON (a missing or too old image).
fail_all() {
    local name result
    for name in "${cases[@]}"; do
        for result in $(case_results "$name"); do
            echo "FAIL: smp/$result ($1)"
        done
    done
    exit 1
}

if [ ! -f "$kernel" ] || [ ! -f "$initrd" ]; then
    echo "smp: no guest image in $image_dir: build it with guest/build.sh (make guest)" >&2
    fail_all "guest image missing: run guest/build.sh"
fi
# The image lists its inputs: one built before the SMP programs existed cannot pass.
if [ -f "$image_dir/inputs.txt" ] && ! grep -q 'linux/tests/lfstack\.c' "$image_dir/inputs.txt"
then
    fail_all "guest image in $image_dir predates the SMP test programs: run guest/build.sh"
fi

if [ -n "${SMP_LOG_DIR:-}" ]; then
    log_dir=$SMP_LOG_DIR
    keep_logs=1
    mkdir -p "$log_dir"
else
    log_dir=$(mktemp -d "${TMPDIR:-/tmp}/polyhart-smp.XXXXXX")
    keep_logs=0
fi

# Boots with SMP harts and kernel arguments ARGS for at most LIMIT seconds, console log in LOG
# (carriage returns removed). Sets boot_status: the emulator's exit status, 124 on timeout.
boot_once() {
    local smp=$1 args=$2 limit=$3 log=$4
    timeout -k 5 "$limit" "${emulator_argv[@]}" -M virt -smp "$smp" -m 256M -bios default \
        -kernel "$kernel" -initrd "$initrd" -append "console=ttyS0 earlycon=sbi $args" \
        -nographic < /dev/null 2>&1 | tr -d '\r' > "$log"
    boot_status=${PIPESTATUS[0]}
}

# Last non-blank console line of LOG that is not the emulator being stopped by timeout.
last_line() {
    grep -av -e '^[[:space:]]*$' -e 'terminating on signal' "$1" | tail -n 1
}

timed_out() {
    [ "$boot_status" -eq 124 ] || [ "$boot_status" -eq 137 ]
}

# The result of test NAME in LOG ("PASS", "FAIL reason"), from its single POLYHART-TEST line;
# empty if there is none or more than one. Kernel messages may precede the marker on its line.
test_result() {
    local lines
    lines=$(grep -ao "POLYHART-TEST $1 .*" "$2")
    [ "$(printf '%s\n' "$lines" | grep -c .)" -eq 1 ] || return 0
    printf '%s\n' "${lines#"POLYHART-TEST $1 "}"
}

# Why the boot of test NAME did not end with a PASS and exit status 0 (empty when it did).
boot_verdict() {
    local name=$1 limit=$2 log=$3 result
    if timed_out; then
        echo "timeout after ${limit}s; last output: $(last_line "$log")"
        return
    fi
    result=$(test_result "$name" "$log")
    case $result in
        PASS) [ "$boot_status" -eq 0 ] || echo "exit $boot_status after PASS" ;;
        "") echo "exit $boot_status, no single POLYHART-TEST line;" \
                 "last output: $(last_line "$log")" ;;
        *) echo "exit $boot_status: $result" ;;
    esac
}

# The first sanitizer report in LOG (empty if none): the SMP tier must run clean under them.
sanitizer_report() {
    grep -a -m 1 -e '^SUMMARY: [A-Za-z]*Sanitizer' -e 'runtime error:' "$1"
}

# Prints the PASS/FAIL line of result NAME: FAIL when WHY is not empty or the log holds a
# sanitizer report (a shared log blames every result of its boot).
report() {
    local name=$1 why=$2 log=$3 san
    san=$(sanitizer_report "$log")
    if [ -n "$san" ]; then
        why="${why:+$why; }sanitizer: $san"
    fi
    if [ -z "$why" ]; then
        echo "PASS: smp/$name"
        return 0
    fi
    echo "FAIL: smp/$name ($why; log: $log)"
    return 1
}

case_harts() {
    local n=$1 log=$log_dir/harts-$1.log limit=$((HARTS_TIMEOUT * scale))
    boot_once "$n" "polyhart.test=harts polyhart.harts=$n" "$limit" "$log"
    report "linux-harts-$n" "$(boot_verdict harts "$limit" "$log")" "$log"
}

# What went wrong with the end of a programs boot that did not time out (empty if nothing):
# /init must print its final line and exit with status 0 after PASS, 1 after FAIL.
programs_boot_problem() {
    local log=$1 result
    timed_out && return
    result=$(test_result smp "$log")
    case $result in
        PASS) [ "$boot_status" -eq 0 ] || echo "exit $boot_status after POLYHART-TEST smp PASS" ;;
        FAIL*) [ "$boot_status" -eq 1 ] || echo "exit $boot_status after POLYHART-TEST smp FAIL" ;;
        *) echo "exit $boot_status without a single POLYHART-TEST smp line" ;;
    esac
}

# Why program NAME did not pass in the programs boot of LOG (empty when it did).
program_verdict() {
    local name=$1 limit=$2 log=$3 problem=$4 lines
    lines=$(grep -ao "POLYHART-SUBTEST $name .*" "$log")
    case $(printf '%s\n' "$lines" | grep -c .) in
        0)
            if timed_out; then
                echo "no result: timeout after ${limit}s; last output: $(last_line "$log")"
            else
                echo "no result: exit $boot_status; last output: $(last_line "$log")"
            fi
            return ;;
        1) ;;
        *) echo "more than one result line"; return ;;
    esac
    case ${lines#"POLYHART-SUBTEST $name "} in
        PASS) [ -z "$problem" ] || echo "passed, but the boot ended badly: $problem" ;;
        *) echo "${lines#"POLYHART-SUBTEST $name "}" ;;
    esac
}

case_programs() {
    local log=$log_dir/programs.log name problem failed=0
    local inner=$((PROGRAM_TIMEOUT * scale))
    local limit=$(((PROGRAM_TIMEOUT * ${#PROGRAMS[@]} + 60) * scale))
    local args="polyhart.test=smp polyhart.threads=$PROGRAMS_THREADS polyhart.timeout=$inner"
    [ "$light" = 1 ] && args="$args $LIGHT_ARGS"
    boot_once "$PROGRAMS_HARTS" "$args" "$limit" "$log"
    problem=$(programs_boot_problem "$log")
    for name in "${PROGRAMS[@]}"; do
        report "linux-$name" "$(program_verdict "$name" "$limit" "$log" "$problem")" "$log" \
            || failed=1
    done
    return $failed
}

case_run() {
    case $1 in
        harts-[0-9]*) case_harts "${1#harts-}" ;;
        programs) case_programs ;;
        *) echo "FAIL: smp/linux-$1 (unknown case; cases: ${ALL_CASES[*]})"; return 1 ;;
    esac
}

failed=0
for name in "${cases[@]}"; do
    case_run "$name" || failed=$((failed + 1))
done
if [ "$failed" -eq 0 ] && [ "$keep_logs" -eq 0 ]; then
    rm -rf "$log_dir"
fi
[ "$failed" -eq 0 ]

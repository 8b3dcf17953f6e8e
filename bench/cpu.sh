#!/bin/bash
# Single-hart CPU benchmark: runs each benchmark ELF on polyhart and on QEMU in the same run,
# alternating between the two so that both see the same machine conditions, keeps the best wall
# time of each, and prints a comparison table. See bench/README.md.
#
# usage: bench/cpu.sh [POLYHART_COMMAND [ELF...]]
#   POLYHART_COMMAND  default build/polyhart; may carry options ("build/polyhart -d none"),
#                     it is split on spaces.
#   ELF...            default build/bench/{int,fp,mem}.elf
# environment: BENCH_RUNS (3), BENCH_TIMEOUT (seconds per run, 120), BENCH_QEMU
#              (qemu-system-riscv64).
# Exit status: 0 when every program passed on both emulators, 1 when any run failed or timed
# out (the table is still printed), 2 on a usage error or a missing binary.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
readonly ROOT
readonly RUNS=${BENCH_RUNS:-3}
readonly TIMEOUT=${BENCH_TIMEOUT:-120}
readonly QEMU_CMD=${BENCH_QEMU:-qemu-system-riscv64}
readonly BOARD_ARGS=(-M virt -bios none -nographic)

die() {
    echo "cpu.sh: $*" >&2
    exit 2
}

usage() {
    sed -n '2,13s/^# \{0,1\}//p' "$0"
}

# Fails with a clear message unless the first word of a command can be executed.
require_command() {
    local what=$1 cmd=$2
    if ! command -v "$cmd" >/dev/null 2>&1; then
        die "$what '$cmd' not found or not executable${3:+ ($3)}"
    fi
}

require_positive_int() {
    case $2 in
    '' | *[!0-9]* | 0) die "$1 must be a positive integer, not '$2'" ;;
    esac
}

# Prints the current time in seconds with nanoseconds.
now() {
    date +%s.%N
}

# Runs one emulator on one ELF with stdin from /dev/null and its output in LOG. Prints the wall
# time in seconds on success, or a one-word reason on failure: timeout, exit-N, or no-result
# (exited 0 without printing "result OK").
time_run() {
    local elf=$1 log=$2 t0 t1 rc=0
    shift 2
    t0=$(now)
    timeout -k 5 "$TIMEOUT" "$@" "${BOARD_ARGS[@]}" -kernel "$elf" </dev/null >"$log" 2>&1 ||
        rc=$?
    t1=$(now)
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        echo timeout
    elif [ "$rc" -ne 0 ]; then
        echo "exit-$rc"
    elif ! tr -d '\r' <"$log" | grep -qx 'result OK'; then
        echo no-result
    else
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }'
    fi
}

is_time() {
    case $1 in
    [0-9]*) return 0 ;;
    *) return 1 ;;
    esac
}

# Prints the smaller of a best-so-far time (or "none") and a new time.
min_time() {
    awk -v a="$1" -v b="$2" 'BEGIN { print (a == "none" || b + 0 < a + 0) ? b : a }'
}

# True when a best-time slot holds a failure reason rather than "none" or a time.
has_failed() {
    [ "$1" != none ] && ! is_time "$1"
}

# The guest's own instruction count, from its "instret N" line; "-" if there is none.
log_instret() {
    tr -d '\r' <"$1" | awk '$1 == "instret" && $2 ~ /^[0-9]+$/ { n = $2 } END { print (n == "" ? "-" : n) }'
}

show_log_tail() {
    echo "    last lines of its output:"
    tr -d '\r' <"$1" | tail -n 5 | sed 's/^/    | /'
}

# Runs both emulators RUNS times each on one ELF, alternating. Appends a result row
# "name instret poly_time qemu_time" to ROWS_FILE; a failed side gets its reason as the time.
bench_program() {
    local elf=$1 name poly_best=none qemu_best=none instret=- run t
    name=$(basename "$elf" .elf)
    for ((run = 1; run <= RUNS; run++)); do
        # A side that failed once is not run again: one failure already fails the row.
        if ! has_failed "$poly_best"; then
            printf '%-6s polyhart run %d/%d ... ' "$name" "$run" "$RUNS"
            t=$(time_run "$elf" "$WORK/poly.log" "${POLY_CMD[@]}")
            echo "$t"
            if is_time "$t"; then
                poly_best=$(min_time "$poly_best" "$t")
                instret=$(log_instret "$WORK/poly.log")
            else
                poly_best=$t
                instret=-
                show_log_tail "$WORK/poly.log"
            fi
        fi
        if has_failed "$qemu_best"; then
            continue
        fi
        printf '%-6s qemu     run %d/%d ... ' "$name" "$run" "$RUNS"
        t=$(time_run "$elf" "$WORK/qemu.log" "${QEMU[@]}")
        echo "$t"
        if is_time "$t"; then
            qemu_best=$(min_time "$qemu_best" "$t")
        else
            qemu_best=$t
            show_log_tail "$WORK/qemu.log"
        fi
    done
    echo "$name $instret $poly_best $qemu_best" >>"$ROWS_FILE"
}

# Formats the rows: MIPS from polyhart's exact instruction count for both emulators, speed as
# QEMU time / polyhart time (above 1 means polyhart is faster), and the geometric mean speed.
print_table() {
    awk '
    function is_time(t) { return t ~ /^[0-9]/ }
    function mips(n, t) { return (n ~ /^[0-9]+$/ && is_time(t) && t > 0) ? sprintf("%.1f", n / t / 1e6) : "-" }
    function secs(t) { return is_time(t) ? sprintf("%.3f", t) : "FAILED(" t ")" }
    BEGIN {
        fmt = "%-8s %13s %18s %18s %10s %10s %10s\n"
        printf fmt, "program", "instructions", "polyhart s", "qemu s", "ph MIPS", "qemu MIPS", "speed"
        printf fmt, "-------", "------------", "----------", "------", "-------", "---------", "-----"
    }
    {
        speed = "-"
        if (is_time($3) && is_time($4) && $3 > 0) {
            r = $4 / $3
            speed = sprintf("%.3fx", r)
            logsum += log(r)
            nratio++
        } else {
            failed++
        }
        printf fmt, $1, $2, secs($3), secs($4), mips($2, $3), mips($2, $4), speed
    }
    END {
        if (nratio > 0)
            printf "geometric mean speed (polyhart vs qemu, >1 = polyhart faster): %.3fx over %d program(s)\n", exp(logsum / nratio), nratio
        else
            print "geometric mean speed: n/a (no program ran on both)"
        if (failed > 0)
            printf "%d program(s) failed on at least one emulator\n", failed
    }' "$ROWS_FILE"
}

main() {
    case ${1:-} in
    -h | --help)
        usage
        exit 0
        ;;
    esac
    require_positive_int BENCH_RUNS "$RUNS"
    require_positive_int BENCH_TIMEOUT "$TIMEOUT"

    local poly_spec=${1:-$ROOT/build/polyhart}
    [ $# -gt 0 ] && shift
    read -r -a POLY_CMD <<<"$poly_spec"
    read -r -a QEMU <<<"$QEMU_CMD"
    [ ${#POLY_CMD[@]} -gt 0 ] || die "empty polyhart command"
    [ ${#QEMU[@]} -gt 0 ] || die "empty BENCH_QEMU"
    require_command "polyhart binary" "${POLY_CMD[0]}" "build it with: make"
    require_command "QEMU binary" "${QEMU[0]}" "install qemu-system-misc"
    require_command "tool" timeout
    require_command "tool" awk

    local elfs=("$@")
    if [ ${#elfs[@]} -eq 0 ]; then
        elfs=("$ROOT/build/bench/int.elf" "$ROOT/build/bench/fp.elf" "$ROOT/build/bench/mem.elf")
    fi
    local elf
    for elf in "${elfs[@]}"; do
        [ -r "$elf" ] || die "benchmark '$elf' not found (build it with: make bench-elfs)"
    done

    WORK=$(mktemp -d "${TMPDIR:-/tmp}/polyhart-bench.XXXXXX")
    trap 'rm -rf "$WORK"' EXIT
    ROWS_FILE=$WORK/rows
    : >"$ROWS_FILE"

    echo "single-hart CPU benchmark: best of $RUNS runs each, alternating, timeout ${TIMEOUT}s"
    echo "polyhart: ${POLY_CMD[*]}"
    echo "qemu:     ${QEMU[*]} ($("${QEMU[@]}" --version 2>/dev/null | head -n 1 || true))"
    echo "host:     $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true), $(nproc 2>/dev/null || echo '?') cpu(s)"
    for elf in "${elfs[@]}"; do
        bench_program "$elf"
    done
    echo
    print_table
    if awk '$3 !~ /^[0-9]/ || $4 !~ /^[0-9]/ { bad = 1 } END { exit !bad }' "$ROWS_FILE"; then
        exit 1
    fi
}

main "$@"

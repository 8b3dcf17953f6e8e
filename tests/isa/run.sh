#!/usr/bin/env bash
# Run ISA test ELFs on an emulator: run.sh EMULATOR_CMD ELF...
# EMULATOR_CMD may hold arguments (it is split on spaces). Each ELF runs as
#   EMULATOR_CMD -M virt -bios none -kernel ELF -nographic
# with stdin from /dev/null and a 10 s timeout; ISA_SUFFIX is appended to the test names. A test passes when the emulator exits 0 and the
# harness printed its "PASS " line (so an emulator that exits 0 without running the test, or a
# failing case number that is a multiple of 256, cannot pass). Exits 1 if any test failed.
set -u

if [ $# -lt 1 ]; then
    echo "usage: $0 EMULATOR_CMD ELF..." >&2
    exit 2
fi
emulator=$1
shift
read -r -a emulator_argv <<< "$emulator"
timeout_s=${ISA_TIMEOUT:-10}

failed=0
for elf in "$@"; do
    name=isa/$(basename "$elf" .elf)${ISA_SUFFIX:-}
    output=$(timeout -k 2 "$timeout_s" "${emulator_argv[@]}" -M virt -bios none \
             -kernel "$elf" -nographic < /dev/null 2>&1)
    status=$?
    output=$(printf '%s\n' "$output" | tr -d '\r')
    if [ "$status" -eq 0 ] && printf '%s\n' "$output" | grep -q '^PASS '; then
        echo "PASS: $name"
    else
        last=$(printf '%s\n' "$output" | grep -v '^[[:space:]]*$' | tail -n 1)
        if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
            last="timeout after ${timeout_s}s${last:+; last output: $last}"
        fi
        echo "FAIL: $name (exit $status: $last)"
        failed=$((failed + 1))
    fi
done
[ "$failed" -eq 0 ]

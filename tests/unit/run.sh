#!/usr/bin/env bash
# Runs cmocka test binaries and turns their per-test lines into PASS:/FAIL: lines.
set -u
for bin in "$@"; do
    name=$(basename "$bin")
    out=$(timeout 120 "$bin" 2>&1)
    rc=$?
    ok=$(printf '%s\n' "$out" | sed -n 's/^\[       OK \] \(.*\)$/\1/p')
    bad=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([A-Za-z_][A-Za-z0-9_]*\)$/\1/p')
    skipped=$(printf '%s\n' "$out" | sed -n 's/^\[  SKIPPED \] \([A-Za-z_][A-Za-z0-9_]*\)$/\1/p' | sort -u)
    for t in $ok; do echo "PASS: unit/$name/$t"; done
    for t in $skipped; do echo "SKIP: unit/$name/$t"; done
    for t in $bad; do echo "FAIL: unit/$name/$t"; done
    if [ $rc -ne 0 ] && [ -z "$bad" ]; then
        echo "FAIL: unit/$name (exit $rc)"
        printf '%s\n' "$out" | tail -5 | sed 's/^/    /'
    elif [ -n "$bad" ]; then
        printf '%s\n' "$out" | grep -B2 -A3 'FAILED\|Failure\|error' | head -20 | sed 's/^/    /'
    fi
done

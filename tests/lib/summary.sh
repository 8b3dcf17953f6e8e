#!/usr/bin/env bash
# Sums PASS:/FAIL:/SKIP: lines of result files; prints failures and "N passed, N failed[, N skipped]".
# Exits 1 if anything failed or a result file is missing.
set -u
pass=0 fail=0 skip=0 missing=0
for f in "$@"; do
    if [ ! -f "$f" ]; then
        echo "missing results: $f (the tier did not run)"
        missing=$((missing + 1))
        continue
    fi
    pass=$((pass + $(grep -c '^PASS:' "$f")))
    fail=$((fail + $(grep -c '^FAIL:' "$f")))
    skip=$((skip + $(grep -c '^SKIP:' "$f")))
done
fail=$((fail + missing))
if [ $# -gt 1 ] && [ $fail -gt 0 ]; then
    echo "failures:"
    grep -h '^FAIL:' "$@" 2>/dev/null | sed 's/^/  /'
fi
if [ $skip -gt 0 ]; then
    echo "$pass passed, $fail failed, $skip skipped"
else
    echo "$pass passed, $fail failed"
fi
[ $fail -eq 0 ]

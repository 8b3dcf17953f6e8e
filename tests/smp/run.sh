#!/usr/bin/env bash
# SMP tier: bare-metal multi-hart programs (tests/smp/baremetal.sh) and SMP Linux with the
# guest image's parallel test programs (tests/smp/linux.sh). Usage: run.sh POLYHART
# Prints one PASS:/FAIL: line per case.
set -u
PH=$1
DIR=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
status=0
for part in baremetal linux; do
    if [ -x "$DIR/$part.sh" ]; then
        "$DIR/$part.sh" "$PH" || status=1
    fi
done
exit $status

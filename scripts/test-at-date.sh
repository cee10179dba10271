#!/usr/bin/env bash
# Runs the whole test suite with the system clock set to another day, to show that no test
# depends on the wall clock (the binary's tests fix « today » with RECOUVRE_AUJOURDHUI; this
# checks that nothing else reads the clock).
#
#   scripts/test-at-date.sh 2026-12-15 [2026-12-31 …]
#
# Needs libfaketime (`apt-get install faketime`); says so and stops when it is absent.
# The test binaries are built first, then started directly under faketime, so that only the
# clock of the tests differs (faking cargo's own clock would confuse its freshness checks).
# `-f '@DATE 10:00:00'` starts the clock at that instant and lets it tick; the monotonic clock
# stays real (FAKETIME_DONT_FAKE_MONOTONIC) so that timeouts and thread waits behave.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -eq 0 ]; then
    echo "usage : scripts/test-at-date.sh AAAA-MM-JJ [AAAA-MM-JJ …]" >&2
    exit 2
fi
if ! command -v faketime >/dev/null; then
    echo "faketime absent (apt-get install faketime) : vérification sautée" >&2
    exit 0
fi

# The lib's unit tests and the integration binary `it`, as cargo built them.
mapfile -t binaries < <(cargo test --no-run --message-format=json 2>/dev/null |
    python3 -c '
import json, sys
for line in sys.stdin:
    try:
        msg = json.loads(line)
    except ValueError:
        continue
    if msg.get("reason") == "compiler-artifact" and msg.get("profile", {}).get("test") and msg.get("executable"):
        if msg["target"]["kind"] in (["lib"], ["test"]):
            print(msg["executable"])
')
if [ ${#binaries[@]} -eq 0 ]; then
    echo "aucun binaire de test trouvé (cargo test --no-run a-t-il échoué ?)" >&2
    exit 1
fi

status=0
for day in "$@"; do
    for bin in "${binaries[@]}"; do
        echo "== $day : $(basename "$bin")"
        # Integration tests find the crate's files from the manifest directory, as under cargo.
        if ! CARGO_MANIFEST_DIR="$PWD" FAKETIME_DONT_FAKE_MONOTONIC=1 \
            faketime -f "@$day 10:00:00" "$bin" -q; then
            status=1
        fi
    done
done
exit $status

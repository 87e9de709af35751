#!/bin/sh
# Golden output: the mini fixture (with its own plain theme) must build into
# exactly the files under tests/golden/mini/.  After an intended change, run
# `GOLDEN_UPDATE=1 sh tests/cli/golden.sh` and review the diff in git.
. "$(dirname "$0")/lib.sh"
G="$ROOT/tests/golden/mini"
"$GOVPUB" build --site "$ROOT/tests/fixtures/mini" --out "$T/out" -q -j2
check_eq "golden build exits 0" "$?" 0
if [ -n "${GOLDEN_UPDATE:-}" ]; then
  rm -rf "$G" && mkdir -p "$G" && cp -R "$T/out/preview/." "$G/"
fi
if diff -r "$G" "$T/out/preview/" > "$T/diff"; then ok "output matches tests/golden/mini"; else
  fail "output differs from tests/golden/mini"; head -40 "$T/diff"
fi

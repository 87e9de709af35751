#!/bin/sh
# Runs every test group against $BUILD/govpub and the unit binaries in
# $BUILD/tests, counts `ok`/`FAIL` lines and ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
case $BUILD in /*) GOVPUB=$BUILD/govpub ;; *) GOVPUB=$PWD/$BUILD/govpub ;; esac # BUILD may be absolute
export BUILD GOVPUB
# Run alone, this needs what `make test-fast` builds first: without it the
# unit tests would be skipped without a word.
for need in "$GOVPUB" "$BUILD/tests/test_cjk" "$BUILD/fuzz/replay_front_matter"; do
  [ -x "$need" ] || { echo "tests/run.sh: $need is not built: run make test-fast (or make test)" >&2; exit 2; }
done
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in "$BUILD"/tests/test_*; do
  [ -x "$t" ] || continue
  echo "== unit $(basename "$t")"
  "$t" >>"$log" 2>&1 || grep -q '^FAIL' "$log" || echo "FAIL $(basename "$t"): exited $?" >>"$log"
done
# The exact paths cjk.c's AVX2 passes fall back on where a processor lacks
# AVX2, tested here too (GOVPUB_SIMD=0 turns the AVX2 paths off).
if [ -x "$BUILD/tests/test_cjk" ]; then
  echo "== unit test_cjk, GOVPUB_SIMD=0"
  GOVPUB_SIMD=0 "$BUILD/tests/test_cjk" >"$log.simd" 2>&1 || echo "FAIL test_cjk (GOVPUB_SIMD=0): exited non-zero" >>"$log.simd"
  sed 's/^\(ok\|FAIL\) /\1 GOVPUB_SIMD=0: /' "$log.simd" >>"$log"
  rm -f "$log.simd"
fi
for s in tests/cli/*.sh; do
  [ "$(basename "$s")" = lib.sh ] && continue
  [ -f "$s" ] || continue
  echo "== cli $(basename "$s")"
  sh "$s" >>"$log" 2>&1 || grep -q "^FAIL $(basename "$s" .sh)" "$log" || echo "FAIL $(basename "$s" .sh): exited non-zero" >>"$log"
done
# The browser checks (headless Chromium: axe-core, CSP, keyboard; vnu) on
# the sample portal's publishing build; once per `make test` (BROWSER=1).
if [ "${BROWSER:-0}" = 1 ]; then
  echo "== browser"
  site=$(mktemp -d)
  { "$GOVPUB" build --out "$site" --publish --trust samples/keys/trust.pub -q &&
    sh tests/browser/run.sh "$site/current"; } >>"$log" 2>&1 ||
    grep -q '^FAIL browser' "$log" || echo "FAIL browser: exited non-zero (see above)" >>"$log"
  rm -rf "$site"
  # govpub serve's live reload in Chromium, on a scratch copy of the mini site
  live=$(mktemp -d)
  { cp -R tests/fixtures/mini "$live/s" &&
    node tests/browser/live.mjs "$GOVPUB" "$live/s"; } >>"$log" 2>&1 ||
    grep -q '^FAIL browser-live' "$log" || echo "FAIL browser-live: exited non-zero (see above)" >>"$log"
  rm -rf "$live"
  # the column and search pagers on phones (one line at 320-414 px) and on
  # a desktop, on a copy of the sample portal with a 130-page 政务动态
  long=$(mktemp -d)
  { sh tests/tools/long_list_fixture.sh "$long/s" &&
    "$GOVPUB" build --site "$long/s" --out "$long/out" -q &&
    node tests/browser/pager.mjs "$long/out/preview"; } >>"$log" 2>&1 ||
    grep -q '^FAIL pager' "$log" || echo "FAIL pager: exited non-zero (see above)" >>"$log"
  rm -rf "$long"
  # hostile content (tests/fixtures/hostile) in Chromium, served without
  # CSP: as it is, then with raw_html: true
  hostile=$(mktemp -d)
  for mode in plain raw; do
    { sh tests/tools/hostile_fixture.sh "$hostile/$mode" $mode &&
      "$GOVPUB" build --site "$hostile/$mode" --out "$hostile/out-$mode" -q &&
      node tests/browser/hostile.mjs "$hostile/out-$mode/preview" "$hostile/$mode"; } >>"$log" 2>&1 ||
      grep -q '^FAIL browser-hostile' "$log" || echo "FAIL browser-hostile: $mode: exited non-zero (see above)" >>"$log"
  done
  rm -rf "$hostile"
fi
# each failure with the lines that explain it (up to 30, until the next
# result or group): CI keeps only this summary
awk '/^FAIL/ { p = 1; n = 0; print; next } /^(ok|==) / { p = 0 } p && n < 30 { print; n++ }' "$log" | head -400
passed=$(grep -c '^ok ' "$log")
failed=$(grep -c '^FAIL' "$log")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

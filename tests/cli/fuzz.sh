# The fuzz targets' corpora and kept crashes (tests/fuzz/corpus/<name>/,
# tests/fuzz/regress/<name>/) replayed through each target without libFuzzer
# (replay.c), with the build's compiler and sanitizers: `ok fuzz-<name>: N
# inputs`.  docs/fuzzing.md.
. "$(dirname "$0")/lib.sh"
BUILD=${BUILD:-build}
cd "$ROOT" || exit 1
for src in tests/fuzz/fuzz_*.c; do
  name=$(basename "$src" .c)
  name=${name#fuzz_}
  bin=$BUILD/fuzz/replay_$name
  if [ ! -x "$bin" ]; then
    echo "FAIL fuzz-$name: $bin not built (make fuzz-replay)"
    continue
  fi
  if [ ! -d "tests/fuzz/corpus/$name" ]; then
    echo "FAIL fuzz-$name: no corpus tests/fuzz/corpus/$name"
    continue
  fi
  if GOVPUB_PCRE2_JIT=0 "$bin" "$name" "tests/fuzz/corpus/$name" "tests/fuzz/regress/$name" \
       >"$T/out" 2>"$T/err"; then
    cat "$T/out"
  else
    echo "FAIL fuzz-$name: exited $? on the last input named:"
    grep '^> ' "$T/err" | tail -1
    grep -v '^> ' "$T/err" | head -30
  fi
done
# The replay must fail when a target does: fuzz_front_matter aborts when run
# outside the repository (its fixture site is not there).
if sh -c 'cd "$1" && exec "$2" front_matter "$3"' sh "$T" "$ROOT/$BUILD/fuzz/replay_front_matter" \
     "$ROOT/tests/fuzz/corpus/front_matter" >/dev/null 2>&1; then
  fail "a target that aborts fails the replay (it passed)"
else
  ok "a target that aborts fails the replay"
fi

#!/bin/sh
# run.sh BINDIR NAME...: runs the libFuzzer targets BINDIR/fuzz_NAME one
# after the other (never two at once: the machine is shared), each for
# FUZZ_TIME seconds (600) under nice, on tests/fuzz/corpus/NAME, then
# minimises the corpus (-merge=1: only inputs that add coverage are kept)
# and prints one line per target: executions, seconds, crashes.  Crashes,
# timeouts and OOMs land in build/fuzz/crashes/NAME-*; keep each one, once
# fixed, in tests/fuzz/regress/NAME/ (docs/fuzzing.md).
set -u
cd "$(dirname "$0")/../.."
bindir=$1
shift
time=${FUZZ_TIME:-600}
work=build/fuzz
mkdir -p "$work/crashes"
status=0
for name in "$@"; do
  corpus=tests/fuzz/corpus/$name new=$work/new/$name merged=$work/merged/$name log=$work/$name.log
  mkdir -p "$corpus" "$new"
  case $name in
    markdown|front_matter) max=65536 ;;
    chart|csv|site_yaml|reviewers|words|signoff|manifest) max=16384 ;;
    seal) max=4096 ;;
    state) max=32768 ;;
    *) max=4096 ;;
  esac
  # -timeout: one input taking 20 s is a finding (pathological input must
  # finish in bounded time); -rss_limit_mb: so is one needing 2 GB.
  nice -n 19 "$bindir/fuzz_$name" -max_total_time="$time" -rss_limit_mb=2048 -timeout=20 \
    -max_len="$max" -artifact_prefix="$work/crashes/$name-" -print_final_stats=1 \
    "$new" "$corpus" >"$log" 2>&1
  rc=$?
  rm -rf "$merged" && mkdir -p "$merged"
  if nice -n 19 "$bindir/fuzz_$name" -merge=1 -rss_limit_mb=2048 -timeout=20 -max_len="$max" \
       "$merged" "$corpus" "$new" >>"$log" 2>&1; then
    rm -rf "$corpus" && mv "$merged" "$corpus" && rm -rf "$new"
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | head -1)
  secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | head -1)
  crashes=$(ls "$work/crashes" | grep -c "^$name-")
  echo "fuzz-$name: exit $rc, ${execs:-?} executions in ${secs:-?} s, $(ls "$corpus" | wc -l) corpus files, $crashes crash files"
  [ "$rc" -eq 0 ] || status=1
done
exit $status

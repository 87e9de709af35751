#!/bin/sh
# Part of `make bench` (issue 10): 100k pages.  gen-corpus --pages 100000
# (seed 1) into $BUILD/bench/site-100k, reused like the 1k and 10k corpora;
# one whole build with govpub (once: a build takes tens of seconds and a
# gigabyte of output); time per page beside the 10k figure (goal: within
# 1.2×) and peak RSS (GNU time %M; goal: under 1 GB).  Hugo is not run.
#
# The 10k figure is BENCH_10K_MS (run.sh passes its best 10k wall time);
# without it this script builds the 10k site once itself.  BENCH_100K=0
# skips the whole section.  Reports, never asserts a timing.
cd "$(dirname "$0")/../.." || exit 1
BENCH_NAME="bench 100k"
. tests/bench/common.sh
TIME=/usr/bin/time

if [ "${BENCH_100K:-1}" = 0 ]; then
  echo "100k pages: skipped (BENCH_100K=0)"
  exit 0
fi
[ -x "$GOVPUB" ] || die "$GOVPUB not found: build it with make"
[ -x "$TIME" ] || die "$TIME (GNU time) not installed (make deps)"
workdir scale

# build SITE OUT: one timed whole build; sets ms and kb.
build() {
  t0=$(date +%s%N)
  "$TIME" -f '%M' -o "$W/time.txt" "$GOVPUB" build -q --site "$1" --out "$2" >"$W/log" 2>&1 ||
    { tail -n 20 "$W/log" >&2; die "govpub failed on $1"; }
  ms=$((($(date +%s%N) - t0) / 1000000))
  kb=$(tail -n 1 "$W/time.txt")
}

ten=${BENCH_10K_MS:-}
how="best of the 10k runs above"
if [ -z "$ten" ]; then
  corpus 10000 "$B/site-10k" "$B/words-10k.txt" 10000 >/dev/null
  site "$B/site-10k"
  build "$B/site-10k" "$W/out-10k"
  ten=$ms how="one build"
fi
corpus 100000 "$B/site-100k"
site "$B/site-100k"
build "$B/site-100k" "$W/out-100k"
files=$(find "$W/out-100k/releases" -type f | wc -l)

echo "100k pages, whole build (one run, $files files written):"
awk -v ms="$ms" -v kb="$kb" -v ten="$ten" -v how="$how" 'BEGIN {
  p100 = ms / 100000; p10 = ten / 10000; r = p100 / p10
  printf "  wall %.3f s, peak RSS %.0f MB\n", ms / 1000, kb / 1024
  printf "  goal: time per page within 1.2× of the 10k figure, measured: %.3f ms/page vs %.3f ms/page at 10k (%s), ratio %.2f×, %s\n",
         p100, p10, how, r, (r <= 1.2) ? "met" : "NOT met"
  printf "  goal: peak RSS under 1 GB, measured: %.0f MB, ratio %.2f of 1 GB, %s\n",
         kb / 1024, kb / 1048576, (kb < 1048576) ? "met" : "NOT met" }'

#!/bin/sh
# Part of `make bench` (issue 10): the whole build of the 10k-page bench
# site on each core alone and on both, and the Markdown floor on the same
# cores.
#
#   both cores busy: `govpub build -j1` pinned to CPU 0 (`taskset -c 0`),
#     `-j1` pinned to CPU 1, `-j2` unpinned; pages per second of each (the
#     corpus's 10,000 pages over the wall time); goal: the 2-thread rate at
#     least 85 % of the sum of the two 1-thread rates (the two vCPUs differ,
#     so each is measured alone).
#   the floor: $BUILD/tests/md_floor (tests/bench/md_floor.c: cmark-gfm
#     alone, the same extensions and options, every content file of the same
#     corpus without its front matter) with 1 thread on CPU 0 and on CPU 1
#     and 2 threads unpinned, beside govpub's build on the same cores; goal:
#     govpub within 2× of the floor.
#   and, for what the floor leaves out: the floor on 2 threads writing each
#     page where a build puts it (md_floor -o: a folder and an index.html a
#     page, the system calls govpub's writer makes); reported, no goal.
#
# $BENCH_RUNS rounds (default 3), each every command once in the order
# above; best wall time (ms around the command) of each.  Every build
# writes a folder no earlier run used; all are removed at the end (see
# run.sh on ext4's deleted inodes).  Reports, never asserts a timing.
cd "$(dirname "$0")/../.." || exit 1
BENCH_NAME="bench cores"
. tests/bench/common.sh
FLOOR=$ROOT/$BUILD/tests/md_floor
SITE=$B/site-10k
PAGES=10000

[ -x "$GOVPUB" ] || die "$GOVPUB not found: build it with make"
[ -x "$FLOOR" ] || die "$FLOOR not found: build it with make unit"
command -v taskset >/dev/null 2>&1 || die "taskset not installed (util-linux; make deps)"
taskset -c 1 true 2>/dev/null || die "CPU 1 is not available to this process (the goal needs two cores)"
corpus 10000 "$SITE" "$B/words-10k.txt" 10000 >/dev/null
site "$SITE"
workdir cores

# timed NAME COMMAND...: runs the command (output to $W/log) after a sync
# (no build pays for the writeback of the one before) and keeps in
# best_NAME the fastest wall time so far, in ms.
timed() {
  name=$1
  shift
  sync
  t0=$(date +%s%N)
  "$@" >"$W/log" 2>&1 || { tail -n 20 "$W/log" >&2; die "failed: $*"; }
  ms=$((($(date +%s%N) - t0) / 1000000))
  eval "prev=\${best_$name-}"
  if [ -z "$prev" ] || [ "$ms" -lt "$prev" ]; then eval "best_$name=$ms"; fi
}

i=0
while [ "$i" -lt "$RUNS" ]; do
  i=$((i + 1))
  timed j1cpu0 taskset -c 0 "$GOVPUB" build -j1 -q --full --site "$SITE" --out "$W/j1cpu0-$i"
  timed j1cpu1 taskset -c 1 "$GOVPUB" build -j1 -q --full --site "$SITE" --out "$W/j1cpu1-$i"
  timed j2 "$GOVPUB" build -j2 -q --full --site "$SITE" --out "$W/j2-$i"
  timed floor1cpu0 taskset -c 0 "$FLOOR" "$SITE/content"
  timed floor1cpu1 taskset -c 1 "$FLOOR" "$SITE/content"
  timed floor2 "$FLOOR" -t 2 "$SITE/content"
  timed floorw2 "$FLOOR" -t 2 -o "$W/floorw-$i" "$SITE/content"
done
floor_files=$(cat "$W/log")

echo "both cores busy, 10k pages, whole build (best of $RUNS rounds; pages/s = $PAGES corpus pages / wall time):"
awk -v p="$PAGES" -v a="$best_j1cpu0" -v b="$best_j1cpu1" -v c="$best_j2" 'BEGIN {
  ra = p * 1000 / a; rb = p * 1000 / b; rc = p * 1000 / c; r = rc / (ra + rb)
  printf "  -j1 on CPU 0: %.3f s, %.0f pages/s; -j1 on CPU 1: %.3f s, %.0f pages/s; -j2: %.3f s, %.0f pages/s\n",
         a / 1000, ra, b / 1000, rb, c / 1000, rc
  printf "  goal: the 2-thread rate ≥ 85%% of the sum of the 1-thread rates, measured: %.0f vs %.0f + %.0f pages/s, ratio %.2f, %s\n",
         rc, ra, rb, r, (r >= 0.85) ? "met" : "NOT met" }'
echo
echo "the Markdown floor (md_floor: cmark-gfm alone, same extensions and options; $floor_files; best of $RUNS):"
awk -v g0="$best_j1cpu0" -v g1="$best_j1cpu1" -v g2="$best_j2" \
    -v f0="$best_floor1cpu0" -v f1="$best_floor1cpu1" -v f2="$best_floor2" 'BEGIN {
  printf "  floor: 1 thread on CPU 0 %.3f s, on CPU 1 %.3f s; 2 threads %.3f s\n", f0 / 1000, f1 / 1000, f2 / 1000
  n = split("1 core (CPU 0)|1 core (CPU 1)|2 cores", what, "|")
  g[1] = g0; g[2] = g1; g[3] = g2; f[1] = f0; f[2] = f1; f[3] = f2
  for (k = 1; k <= n; k++) {
    r = g[k] / f[k]
    printf "  goal: the whole build within 2× of the floor on %s, measured: govpub %.3f s vs floor %.3f s, ratio %.1f×, %s\n",
           what[k], g[k] / 1000, f[k] / 1000, r, (r <= 2) ? "met" : "NOT met"
  } }'
awk -v g2="$best_j2" -v f2="$best_floor2" -v w2="$best_floorw2" 'BEGIN {
  printf "  the floor writing its pages as a build does (md_floor -o, 2 threads; no goal): %.3f s, %.3f s more than the floor; govpub -j2 %.1f× of it\n",
         w2 / 1000, (w2 - f2) / 1000, g2 / w2 }'

#!/bin/sh
# Part of `make bench` (issue 8, issue 10): the rebuild after editing one
# page of the 10k-page bench site beside the whole build, two ways
# (docs/incremental.md): `govpub build` (an incremental preview build from
# the state the last build left) and `govpub serve` (from the model it
# kept: the time it says a rebuild took, after its 100 ms wait for the
# save to finish); each followed by the proof that the edited output
# equals a whole build of the same site.  Works on a copy of the bench
# site; reports, never asserts a timing.
cd "$(dirname "$0")/../.." || exit 1
BENCH_NAME="bench incremental"
. tests/bench/common.sh
EDITS=${BENCH_EDITS:-5}

[ -x "$GOVPUB" ] || die "$GOVPUB not found: build it with make"
corpus 10000 "$B/site-10k" "$B/words-10k.txt" 10000 >/dev/null
site "$B/site-10k"
workdir incremental # not deleted before the 100k builds that follow it in run.sh
cp -R "$B/site-10k" "$W/site" || die "cannot copy the bench site"

ms() { echo $((($(date +%s%N) - $1) / 1000000)); }

t0=$(date +%s%N)
"$GOVPUB" build --site "$W/site" --out "$W/out" -q || die "the whole build failed"
full=$(ms "$t0")
sync # the whole build's writeback is not the edits' work (as in scale.sh)
release=$(readlink "$W/out/preview")
pages=$(cd "$W/site/content" && find . -name '*.md' ! -name '_index.md' | LC_ALL=C sort)
n=$(echo "$pages" | wc -l)
times=""
i=0
while [ "$i" -lt "$EDITS" ]; do
  i=$((i + 1))
  f=$(echo "$pages" | sed -n "$((i * n / (EDITS + 1)))p")
  printf '\n第 %d 次修改：补充一句说明。\n' "$i" >> "$W/site/content/$f"
  t0=$(date +%s%N)
  "$GOVPUB" build --site "$W/site" --out "$W/out" -q 2>"$W/err" || die "the rebuild after editing $f failed"
  times="$times $(ms "$t0")"
  [ "$(readlink "$W/out/preview")" = "$release" ] || die "the rebuild after editing $f was not incremental"
done
"$GOVPUB" build --site "$W/site" --out "$W/whole" -q --full || die "the whole build of the edited site failed"
if diff -r "$W/out/preview/" "$W/whole/preview/" >/dev/null; then same=yes; else same=NO; fi


# govpub serve: EDITS first edits of different pages, then EDITS more of the
# last one (an editor saving as they write); serve's own "rebuilt … in N ms".
"$GOVPUB" serve --site "$W/site" --out "$W/serve" --port 0 >/dev/null 2>"$W/serve.err" &
spid=$!
trap 'kill $spid 2>/dev/null; wait $spid 2>/dev/null; [ -n "${BENCH_RUNS_DIR-}" ] || rm -rf "$W"' EXIT
# rebuilds N: until serve has said N rebuilds (or failed), up to 60 s
said() { grep -cE '^govpub: ((re)?built [0-9]+ pages? in|build failed)' "$W/serve.err"; }
rebuilds() {
  k=0
  while [ "$(said)" -lt "$1" ] && [ $k -lt 600 ]; do sleep 0.1; k=$((k + 1)); done
  [ "$(said)" -ge "$1" ] || die "govpub serve did not rebuild (see $W/serve.err)"
}
rebuilds 1
i=0
while [ "$i" -lt $((EDITS * 2)) ]; do
  i=$((i + 1))
  j=$((i > EDITS ? EDITS : i))
  f=$(echo "$pages" | sed -n "$((j * n / (EDITS + 1) + 1))p")
  printf '\n第 %d 次在预览中修改：补充一句说明。\n' "$i" >> "$W/site/content/$f"
  rebuilds $((i + 1))
done
kill $spid 2>/dev/null
wait $spid 2>/dev/null
"$GOVPUB" build --site "$W/site" --out "$W/whole2" -q --full || die "the whole build of the site edited in serve failed"
if diff -r "$W/serve/preview/" "$W/whole2/preview/" >/dev/null; then served_same=yes; else served_same=NO; fi
kept=$(sed -n 's/^govpub: rebuilt 1 page in \([0-9]*\) ms (in place, from the kept model)$/\1/p' "$W/serve.err")
[ "$(echo "$kept" | grep -c .)" -eq $((EDITS * 2)) ] || die "govpub serve did not rebuild every edit from its kept model (see $W/serve.err)"

# summary TIMES LABEL: best and median of the times (ms) against the goal
summary() {
  echo "$1" | tr ' ' '\n' | grep . | sort -n | awk -v label="$2" '
    { t[NR] = $1 } END {
      printf "  %s: best %d ms, median %d ms (goal ≤ 50 ms: %s)\n",
             label, t[1], t[int((NR + 1) / 2)], (t[int((NR + 1) / 2)] <= 50) ? "met" : "NOT met" }'
}
echo "incremental rebuild, 10k pages (one article's body edited; whole build $(awk -v f="$full" 'BEGIN { printf "%.2f", f / 1000 }') s):"
summary "$times" "govpub build (from the state, $EDITS edits)"
summary "$(echo "$kept" | head -n "$EDITS")" "govpub serve, first edit of a page (from the kept model, $EDITS edits)"
summary "$(echo "$kept" | tail -n "$EDITS")" "govpub serve, the same page again ($EDITS edits)"
echo "  the edited previews equal a whole build of the same site: govpub build $same, govpub serve $served_same"

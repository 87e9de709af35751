#!/bin/sh
# Part of `make bench` (issue 8, issue 10): the rebuild after editing one
# page of the 10k-page bench site (an incremental preview build,
# docs/incremental.md) beside the whole build, then the proof that the
# edited output equals a whole build of the same site.  Works on a copy of
# the bench site; reports, never asserts a timing.
cd "$(dirname "$0")/../.." || exit 1
BENCH_NAME="bench incremental"
. tests/bench/common.sh
EDITS=${BENCH_EDITS:-5}

[ -x "$GOVPUB" ] || die "$GOVPUB not found: build it with make"
corpus 10000 "$B/site-10k" "$B/words-10k.txt" 10000 >/dev/null
site "$B/site-10k"
W=$B/incremental
rm -rf "$W" && mkdir -p "$W" && cp -R "$B/site-10k" "$W/site" || die "cannot copy the bench site"
trap 'rm -rf "$W"' EXIT

ms() { echo $((($(date +%s%N) - $1) / 1000000)); }

t0=$(date +%s%N)
"$GOVPUB" build --site "$W/site" --out "$W/out" -q || die "the whole build failed"
full=$(ms "$t0")
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

echo "incremental rebuild, 10k pages (one article's body edited, $EDITS edits):"
echo "$times" | tr ' ' '\n' | grep . | sort -n | awk -v full="$full" -v same="$same" '
  { t[NR] = $1 } END {
    printf "  rebuild: best %d ms, median %d ms (goal ≤ 50 ms: %s); whole build %.2f s\n",
           t[1], t[int((NR + 1) / 2)], (t[int((NR + 1) / 2)] <= 50) ? "met" : "NOT met", full / 1000
    printf "  the edited preview equals a whole build of the same site: %s\n", same }'

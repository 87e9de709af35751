#!/bin/sh
# govpub serve's kept model (build_session.h, docs/incremental.md): after
# each edit of a copy of the sample portal, serve rebuilds, and its preview
# is exactly what a whole `govpub build` of the same site gives (`diff -r`,
# search index and feeds included).  Edits of article bodies are rebuilt
# from the model serve kept, in place: the first and later edits of one
# page (the later ones patch only the search shards whose tokens changed),
# a new first paragraph, a chart fence in and out, a chart's CSV and title,
# a word that comes and goes again, two pages at once, a broken edit
# (nothing changes, the next good edit recovers).  The changes the model
# does not take (a chart a column page shows, a front matter, a new page)
# build as `govpub build` does, and body edits are taken from the kept
# model again after them.  When serve stops it leaves the state the
# preview matches: `govpub build` finds it up to date.
. "$(dirname "$0")/lib.sh"

sample_copy "$T/s"
export GOVPUB_DATADIR="$ROOT"
unset GOVPUB_TIMINGS
pid=
stop() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; pid=; }
trap 'stop; rm -rf "$T"' EXIT

"$GOVPUB" serve --site "$T/s" --out "$T/o" --port 0 -j2 >/dev/null 2>"$T/err" &
pid=$!

# said: serve's lines about its builds so far
said() { grep -E '^govpub: ((re)?built [0-9]+ pages? in|build failed)' "$T/err"; }
# wait_builds N: until serve has said N of them (up to 20 s)
wait_builds() {
  i=0
  while [ "$(said | wc -l)" -lt "$1" ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
}
builds=1
wait_builds 1
# edited NAME HOW: after an edit, serve rebuilt; its line says HOW (a
# regular expression for what follows "rebuilt N page(s) in T ms ").
edited() {
  builds=$((builds + 1))
  wait_builds $builds
  last=$(said | sed -n "${builds}p")
  if echo "$last" | grep -qE "^govpub: rebuilt [0-9]+ pages? in [0-9.]+ m?s $2\$"; then ok "$1: rebuilt $2"; else
    fail "$1: expected \"$2\", serve said: ${last:-nothing}"
  fi
}
# same NAME: the preview equals a whole build of the site into a fresh output.
same() {
  rm -rf "$T/w"
  "$GOVPUB" build --site "$T/s" --out "$T/w" --full -q -j2 2>/dev/null
  if diff -r "$T/o/preview/" "$T/w/preview/" >"$T/diff" 2>&1; then ok "$1: same as a whole build"; else
    fail "$1: differs from a whole build"
    head -20 "$T/diff"
  fi
}
KEPT='\(in place, from the kept model\)'

# 125 pages: the sample portal's (with 信件选登's list and three letters)
check_eq "first build" "$(said | sed 's/ in [0-9.]* m\?s / in T /')" "govpub: built 125 pages in T (a new release)"
release=$(readlink "$T/o/preview")

articles=$(cd "$T/s/content" && find . -name '*.md' ! -name '_index.md' | sed 's#^\./##' | LC_ALL=C sort)
pick() { echo "$articles" | awk -v n="$1" 'BEGIN { srand(20241221 + n) } { a[NR] = $0 } END { print a[int(rand() * NR) + 1] }'; }

f=$(pick 1)
printf '\n文末补充一段说明：本文所列数据均为示例数据。\n' >>"$T/s/content/$f"
edited "a sentence at the end of $f" "$KEPT"
check_eq "in place: the same release" "$(readlink "$T/o/preview")" "$release"
same "a sentence at the end"
printf '\n再补充一句：数据开放平台已同步更新。\n' >>"$T/s/content/$f"
edited "the same page again" "$KEPT"
same "the same page again (only the shards of its new tokens)"

made=$(cd "$T/s/content" && for x in $articles; do grep -q '^summary:' "$x" || echo "$x"; done)
f=$(echo "$made" | sed -n 2p)
awk 'done != 1 && n == 2 && /./ { print "开篇先说明：本页内容已按最新情况修订。"; print ""; done = 1 } /^---$/ { n++ } { print }' \
  "$T/s/content/$f" >"$T/x" && cat "$T/x" >"$T/s/content/$f"
edited "a new first paragraph in $f" "$KEPT"
same "a new first paragraph (summary, lists, feeds)"

f=$(pick 4)
printf '\n```chart\ngdp\n```\n' >>"$T/s/content/$f"
edited "a chart fence in $f" "$KEPT"
same "a chart fence (home highlights)"
head -n -3 "$T/s/content/$f" >"$T/x" && cat "$T/x" >"$T/s/content/$f"
edited "the chart fence taken out again" "$KEPT"
same "the chart fence taken out again"

# a chart's data and title: the chart and the pages that show it
sed -i 's/^2019,44520,/2019,44530,/' "$T/s/charts/income.csv"
edited "a chart's CSV changed" "$KEPT"
check_file_has "a chart's CSV changed: the CSV served" "$T/o/preview/charts/income.csv" "2019,44530,"
same "a chart's CSV changed"
sed -i 's/^title: 2018—2023年云岭区居民人均可支配收入/title: 2018—2023年云岭区居民人均可支配收入（修订）/' "$T/s/charts/income.yaml"
edited "a chart's title changed" "$KEPT"
same "a chart's title changed"

# a word comes and goes, twice on the same page: the second patch knows the
# page's tokens and must take it out of exactly the shard the word is in
f=$(pick 5)
printf '\nquokkazebra\n' >>"$T/s/content/$f"
edited "a new word" "$KEPT"
check "a new word: in the index" grep -rq quokkazebra "$T/o/preview/search/t"
same "a new word"
sed -i '/quokkazebra/d' "$T/s/content/$f"
edited "the word gone again" "$KEPT"
check "the word gone again: not in the index" sh -c "! grep -rq quokkazebra '$T/o/preview/search'"
same "the word gone again"

f=$(pick 6) g=$(pick 7)
printf '\n补充：两篇同时修改。\n' >>"$T/s/content/$f"
printf '\n补充：第二篇也修改了。\n' >>"$T/s/content/$g"
edited "two pages at once" "$KEPT"
wait_builds $((builds + 1)) # the two saves may come as two rebuilds
builds=$(said | wc -l)
same "two pages at once"

# a broken edit: reported, nothing served changes; the next good edit recovers
f=$(pick 8)
cp "$T/s/content/$f" "$T/keep"
find "$T/o/releases" -type f | sort | xargs sha256sum >"$T/before"
printf '\n[断开的链接](../nowhere/missing.md)\n' >>"$T/s/content/$f"
builds=$((builds + 1))
wait_builds $builds
check_eq "a broken link: serve says the build failed" "$(said | sed -n "${builds}p")" \
  "govpub: build failed: 1 error; $T/o/preview is unchanged"
check_file_has "a broken link: reported" "$T/err" "missing.md"
find "$T/o/releases" -type f | sort | xargs sha256sum >"$T/after"
check "a broken link: the output is byte-identical" cmp "$T/before" "$T/after"
cp "$T/keep" "$T/s/content/$f"
printf '\n修复后的补充说明。\n' >>"$T/s/content/$f"
edited "the fix" "$KEPT"
same "the fix"

# changes the kept model does not take, then body edits from it again
sed -i 's/^2019,/2019,1/' "$T/s/charts/growth.csv" # the data column's introduction shows it
edited "a chart a column page shows" '\(a new release\)'
same "a chart a column page shows"
f=$(echo "$articles" | grep '^news/' | sed -n 3p)
sed -i '0,/^title: /s/^title: \(.*\)$/title: \1（修订）/' "$T/s/content/$f"
edited "a title changed" '\(in place\)'
same "a title changed"
printf '\n标题修改后再补充正文。\n' >>"$T/s/content/$f"
edited "a body edit after it" "$KEPT"
same "a body edit after it"
new_news_page "$T/s/content/news/zz-new.md"
edited "a new page" '\(a new release\)'
same "a new page"
printf '\n新文章的第二段。\n' >>"$T/s/content/news/zz-new.md"
edited "the new page's body" "$KEPT"
same "the new page's body"

stop
"$GOVPUB" build --site "$T/s" --out "$T/o" 2>"$T/cli"
check_eq "serve stopped: govpub build finds the preview up to date" \
  "$(sed 's/release [0-9-]*/release R/' "$T/cli")" "$T/o/preview is up to date (release R)"

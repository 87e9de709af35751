#!/bin/sh
# make bench's search section (issue 8): govpub's site search beside
# Pagefind (npm `pagefind`, pinned in tests/bench/package-lock.json), on the
# same built 10k-page site, in the same headless Chromium.
#
#   1. govpub builds the 10k-page gen-corpus site (reused from make bench's
#      other sections, generated when missing) once into $BUILD/bench/search/out;
#      GOVPUB_TIMINGS gives its search phase;
#   2. Pagefind indexes that built folder (pagefind --site DIR), timed; by
#      default the same documents govpub indexes: the 10,000 article pages
#      (--glob) and within them the <article> (--root-selector: title,
#      文号/索引号 table, body; not the header, menus and footer every page
#      repeats).  PAGEFIND_ARGS replaces those two options (PAGEFIND_ARGS=" "
#      for Pagefind's defaults: every HTML file, the whole <body>);
#   3. tests/bench/search.mjs serves each engine's folder on a loopback port
#      and measures in Chromium: index size and files, bytes and time of
#      typical queries typed into each engine's search page, and recall of
#      random 2-, 3- and 4-character substrings of the pages' text; then
#      prints the table, the ratios and the goals.
#
# Timings are reported, never asserted: the script fails only when a tool
# fails or is missing.  BENCH_SEARCH_RUNS (default 5) sets the runs per query
# timing (the median is printed), BENCH_RECALL (default 100) the substrings
# per length.  Everything is written under $BUILD/bench/search/.
cd "$(dirname "$0")/../.." || exit 1
BENCH_NAME="bench search"
. tests/bench/common.sh
SITE=$B/site-10k
S=$B/search
PAGEFIND=$ROOT/tests/bench/node_modules/pagefind/lib/runner/bin.cjs

[ -x "$GOVPUB" ] || die "$GOVPUB not found: build it with make"
[ -f "$PAGEFIND" ] || die "pagefind is not installed in tests/bench (make deps)"
[ -d "$ROOT/tests/browser/node_modules/playwright-core" ] || die "playwright-core is not installed in tests/browser (make deps)"
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || die "no Chromium at ${CHROMIUM:-/usr/bin/chromium} (make deps)"

mkdir -p "$B" || exit 1
corpus 10000 "$SITE" "$B/words-10k.txt" 10000
site "$SITE"
rm -rf "$S" && mkdir -p "$S" || exit 1

now_ms() { echo $(($(date +%s%N) / 1000000)); }

t0=$(now_ms)
GOVPUB_TIMINGS=1 "$GOVPUB" build --site "$SITE" --out "$S/out" -q 2> "$S/govpub.err" ||
  { tail -n 25 "$S/govpub.err" >&2; die "govpub build failed"; }
build_ms=$(($(now_ms) - t0))
OUT=$(readlink -f "$S/out/preview") || die "no preview release in $S/out"
search_s=$(sed -n 's/^timing: search *\([0-9.]*\) s,.*$/\1/p' "$S/govpub.err")

# The article pages: <column>/<page>/index.html for every column of the corpus.
cols=$(cd "$SITE/content" && for d in */; do printf '%s,' "${d%/}"; done)
set -- --glob "{${cols%,}}/*/index.html" --root-selector article
# (PAGEFIND_ARGS is split into words on purpose, without globbing)
if [ -n "${PAGEFIND_ARGS+set}" ]; then set -f; set -- $PAGEFIND_ARGS; set +f; fi
t0=$(now_ms)
node "$PAGEFIND" --site "$OUT" --output-path "$S/pagefind/pagefind" --silent "$@" > "$S/pagefind.log" 2>&1 ||
  { tail -n 25 "$S/pagefind.log" >&2; die "pagefind failed"; }
pagefind_ms=$(($(now_ms) - t0))
cp tests/bench/pagefind-page/index.html tests/bench/pagefind-page/page.js "$S/pagefind/" || exit 1

echo
echo "search (10k pages): govpub's index beside Pagefind $(node -p 'require("./tests/bench/node_modules/pagefind/package.json").version') on the same built site"
echo "  index build: govpub's search phase ${search_s:-?} s (inside a build of $(awk -v m="$build_ms" 'BEGIN { printf "%.2f", m / 1000 }') s);" \
  "Pagefind $(awk -v m="$pagefind_ms" 'BEGIN { printf "%.2f", m / 1000 }') s (pagefind --site DIR $*)"
node tests/bench/search.mjs "$OUT" "$S/pagefind" || die "search measurements failed"

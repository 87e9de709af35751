#!/bin/sh
# Incremental preview builds (docs/incremental.md): after each edit of a
# copy of the sample portal, `govpub build` into the same output (the
# incremental path where it applies) gives exactly the files a whole build
# of the same site gives into a fresh output (`diff -r`, search index and
# feeds included).  The edits are drawn at random with a fixed seed: body
# edits at the end (the page and the search index change), at the start
# (the summary changes: lists, home and feeds too) and in the middle, a
# chart fence added (the home page's highlights), two pages at once, a
# chart's CSV and title (the chart and the pages showing it); and the
# edits that make the build whole (a front matter, a new file, a
# removed one, a layout, the layout of the aliases' redirects).  A broken edit fails and leaves the preview as it
# was; the next good edit is incremental again.
. "$(dirname "$0")/lib.sh"

sample_copy "$T/s"
GOVPUB_TIMINGS=
export GOVPUB_DATADIR="$ROOT"

# build NAME: the incremental build into $T/o; its summary line → $T/said.
build() {
  "$GOVPUB" build --site "$T/s" --out "$T/o" -j2 2>"$T/err"
  rc=$?
  grep -E '^(rebuilt|built|govpub: build failed)' "$T/err" | sed 's/ in [0-9.]* s / in S /; s/release [0-9-]*/release R/' > "$T/said"
}
# same NAME: $T/o/preview equals a whole build of the site into a fresh output.
same() {
  rm -rf "$T/w"
  "$GOVPUB" build --site "$T/s" --out "$T/w" --full -q -j2 2>/dev/null
  if diff -r "$T/o/preview/" "$T/w/preview/" > "$T/diff" 2>&1; then ok "$1: same as a whole build"; else
    fail "$1: differs from a whole build"; head -20 "$T/diff"
  fi
}
# said NAME TEXT: what the build said.
said() { check_eq "$1: the build says" "$(cat "$T/said")" "$2"; }
# incremental NAME N: the build rendered N pages (a regular expression) in place (and maybe the
# lists: a short page's summary is its whole text).
incremental() {
  if grep -qE "^rebuilt $2 pages?( and the lists)? in S → $T/o/preview \(release R, updated in place\)\$" "$T/said"; then
    ok "$1: incremental"; else fail "$1: not incremental: $(cat "$T/said")"; fi
}
# whole NAME: the build was whole.
whole() {
  if grep -qE "^built [0-9]+ pages, [0-9]+ charts and [0-9]+ static files in S → $T/o/preview \(release R\)\$" "$T/said"; then
    ok "$1: a whole build"; else fail "$1: not a whole build: $(cat "$T/said")"; fi
}

build
whole "first build"
release=$(readlink "$T/o/preview")
build
said "nothing changed" ""
check_file_has "nothing changed: it says so" "$T/err" "$T/o/preview is up to date"

# pick N: the N-th article of the sample (sorted), a file with a body
articles=$(cd "$T/s/content" && find . -name '*.md' ! -name '_index.md' | sed 's#^\./##' | LC_ALL=C sort)
# (pick_from LIST N: the same from another list)
pick() { pick_from "$articles" "$1"; }
pick_from() { echo "$1" | awk -v n="$2" -v seed="$SEED" 'BEGIN { srand(seed) } { a[NR] = $0 } END { srand(seed + n); print a[int(rand() * NR) + 1] }'; }
SEED=20241220

# ---- body edits: incremental, in place ----------------------------------------
f=$(pick 1)
printf '\n文末补充一段说明：本文所列数据均为示例数据。\n' >> "$T/s/content/$f"
build
incremental "a sentence at the end of $f" 1
check_eq "in place: the same release" "$(readlink "$T/o/preview")" "$release"
same "a sentence at the end"

# a page whose summary is made from its body (no summary: in the front matter)
made=$(cd "$T/s/content" && for x in $articles; do grep -q '^summary:' "$x" || echo "$x"; done)
f=$(pick_from "$made" 2)
awk 'done != 1 && n == 2 && /./ { print "开篇先说明：本页内容已按最新情况修订。"; print ""; done = 1 } /^---$/ { n++ } { print }' \
  "$T/s/content/$f" > "$T/x" && cat "$T/x" > "$T/s/content/$f"
build
said "a new first paragraph in $f" "rebuilt 1 page and the lists in S → $T/o/preview (release R, updated in place)"
same "a new first paragraph (summary, lists, feeds)"

f=$(pick 3)
sed -i '$!{/^[^-].*。$/{s/。$/；特此说明。/;}}' "$T/s/content/$f"
build
incremental "sentences changed in the middle of $f" 1
same "sentences changed in the middle"

f=news/2024-data-column-launch.md
[ -f "$T/s/content/$f" ] || f=$(pick 4)
printf '\n```chart\ngdp\n```\n' >> "$T/s/content/$f"
build
said "a chart fence in $f" "rebuilt 1 page and the lists in S → $T/o/preview (release R, updated in place)"
same "a chart fence (home highlights)"

f=$(pick 5) g=$(pick 6)
printf '\n补充：两篇同时修改。\n' >> "$T/s/content/$f"
printf '\n补充：第二篇也修改了。\n' >> "$T/s/content/$g"
build
if [ "$f" = "$g" ]; then n=1; else n=2; fi
incremental "two pages at once" $n
same "two pages at once"

# a word comes and goes again: the second build must take the page out of
# the shard the first one put it in (the shard bits it kept); and back.  A page of
# one token (短, shard 2 of 8) and a word of another shard (quokkazebra: 3).
cat > "$T/s/content/news/zz-tiny.md" <<'EOF'
---
title: 短
date: 2024-01-02T09:00:00+08:00
source: 云岭区数据资源管理局
---

短
EOF
build
whole "a tiny page"
printf '\nquokkazebra\n' >> "$T/s/content/news/zz-tiny.md"
build
incremental "a new word" 1
same "a new word"
check_file_has "a new word: in the index" "$T/o/preview/search/t/3.txt" "quokkazebra"
sed -i '/quokkazebra/d' "$T/s/content/news/zz-tiny.md"
build
incremental "the word gone again" 1
same "the word gone again"
check "the word gone again: not in the index" sh -c "! grep -rq quokkazebra '$T/o/preview/search'"
# and back: the state holds two patches with a mark of the page, and the
# last one (without the word) is what the third build must start from
printf '\nquokkazebra\n' >> "$T/s/content/news/zz-tiny.md"
build
incremental "the word back" 1
same "the word back"
check_file_has "the word back: in the index" "$T/o/preview/search/t/3.txt" "quokkazebra"
rm "$T/s/content/news/zz-tiny.md"
build
whole "the tiny page removed"

# ---- content/'s listing: kept while no folder changes -------------------------
# (a listing is trusted once it was made two seconds after its folders'
# last change: timings builds say whether the walk was left out)
listed() { # listed NAME yes|no: whether an incremental build took content/'s listing from the state
  GOVPUB_TIMINGS=1 "$GOVPUB" build --site "$T/s" --out "$T/o" -j2 2>"$T/err" >/dev/null
  if grep -q "incremental: content/ as the last build listed it" "$T/err"; then got=yes; else got=no; fi
  check_eq "$1" "$got" "$2"
}
f=$(pick 10)
sleep 3
printf '\n过了两秒以后。\n' >> "$T/s/content/$f"
build
incremental "folders unchanged for two seconds: $f" 1
printf '\n列表沿用上次构建。\n' >> "$T/s/content/$f"
listed "no folder changed: content/ not listed again" yes
# a folder changed just before a build lists it: a later change within the
# same tick of the file system's clock would keep its stamp, so the builds
# after it list it again until a listing is two seconds younger
touch "$T/s/content/news"
printf '\n目录刚修改过。\n' >> "$T/s/content/$f"
build
incremental "a folder changed just before the build" 1
printf '\n再改一句。\n' >> "$T/s/content/$f"
listed "a folder changed just before the last listing: listed again" no
# a build that finds nothing to do records the listing it made
sleep 3
touch "$T/s/content/news/.editor-swap" && rm "$T/s/content/news/.editor-swap"
sleep 3
build
said "a dot-file came and went: nothing to build" ""
listed "then content/ is not listed again" yes
# the listing's paths (a block of their own in the state, one after the
# other) damaged: the listing is not taken from the state, the build is right
state="$T/o/.cache/preview-state"
at=$(grep -aboP '(?:[A-Za-z0-9_./-]+\.md\x00){3}' "$state" | head -1 | cut -d: -f1)
check "the listing's paths found in the state" test -n "$at"
printf '/' | dd of="$state" bs=1 seek="${at:-0}" conv=notrunc 2>/dev/null
printf '\n路径损坏之后。\n' >> "$T/s/content/$f"
listed "the listing's paths damaged: content/ listed again" no
same "the listing's paths damaged"
# a page added and the folder's time set back as it was (rsync -t, tar,
# cp -p): the folder's ctime tells
stamp=$(stat -c %.9Y "$T/s/content/news")
new_news_page "$T/s/content/news/zz-hidden.md"
touch -d "@$stamp" "$T/s/content/news"
check_eq "a page added, the folder's time set back: its time is unchanged" "$(stat -c %.9Y "$T/s/content/news")" "$stamp"
build
whole "a page added, the folder's time set back"
same "a page added, the folder's time set back"
rm "$T/s/content/news/zz-hidden.md"
build
whole "the page removed again"

# ---- a broken edit: nothing changes; the next good edit is incremental ---------
f=$(pick 7)
cp "$T/s/content/$f" "$T/keep"
printf '\n[断开的链接](../nowhere/missing.md)\n' >> "$T/s/content/$f"
find "$T/o/releases" -type f | sort | xargs sha256sum > "$T/before"
build
check_eq "a broken link: exit 1" "$rc" 1
check_file_has "a broken link: reported" "$T/err" "missing.md"
find "$T/o/releases" -type f | sort | xargs sha256sum > "$T/after"
check "a broken link: the output is byte-identical" cmp "$T/before" "$T/after"
cp "$T/keep" "$T/s/content/$f"
printf '\n修复后的补充说明。\n' >> "$T/s/content/$f"
build
incremental "the fix" 1
same "the fix"

# ---- the state: patched in place, no state when damaged -----------------------------
state="$T/o/.cache/preview-state"
truncate -s -1 "$state"
f=$(pick 8)
printf '\n再补充一句说明。\n' >> "$T/s/content/$f"
build
whole "a state cut short: $f"
same "a state cut short"
cp "$state" "$T/state.whole"
printf '\n又补充一句说明。\n' >> "$T/s/content/$f"
build
incremental "the state patched: $f" 1
check "the state patched: the whole-written state kept, a patch after it" \
  cmp -n "$(wc -c < "$T/state.whole")" "$T/state.whole" "$state"
check "the state patched: longer" test "$(wc -c < "$state")" -gt "$(wc -c < "$T/state.whole")"
f=$(pick 9)
printf '\n另一页补充一句说明。\n' >> "$T/s/content/$f"
build
incremental "from the patched state: $f" 1
same "from the patched state"
# a state whose records are damaged (each is read when its page asks for
# it): a length that runs past the records makes the page's record
# unreadable, and the build whole
g=$(pick 12)
# its record: the path as a string (u32 length, bytes, NUL; the path also
# appears inside others, such as the review records' in the environment)
at=$(grep -aboP "$(printf '\\x%02x\\x00\\x00\\x00\\Q%s\\E\\x00' ${#g} "$g")" "$state" | head -1 | cut -d: -f1)
check "a page's record damaged: its record found" test -n "$at"
# the tree's length: after the path, its NUL, four u64 (stamp, hash), the column place (u32), the flags (u8)
printf '\377\377\377\377' | dd of="$state" bs=1 seek=$((at + 4 + ${#g} + 1 + 32 + 4 + 1)) conv=notrunc 2>/dev/null
printf '\n记录损坏之后再补充。\n' >> "$T/s/content/$f"
build
whole "a page's record damaged"
same "a page's record damaged"
printf '\n又一句。\n' >> "$T/s/content/$f"
build
incremental "after it: $f" 1
mv "$state" "$state.aside" # as a build killed while renaming leaves it
printf '\n再一句。\n' >> "$T/s/content/$f"
build
whole "a state set aside"
same "a state set aside"
check "a state set aside: gone after the whole build" test ! -e "$state.aside"

# ---- chart edits: the chart and the pages that show it -----------------------------
sed -i 's/^2019,44520,/2019,44530,/' "$T/s/charts/income.csv"
build
incremental "a chart's CSV changed" '[0-9]+'
check_file_has "a chart's CSV changed: the CSV served" "$T/o/preview/charts/income.csv" "2019,44530,"
same "a chart's CSV changed"
sed -i 's/^title: 2018—2023年云岭区居民人均可支配收入/title: 2018—2023年云岭区居民人均可支配收入（修订）/' "$T/s/charts/income.yaml"
build
incremental "a chart's title changed" '[0-9]+'
check_file_has "a chart's title changed: the chart" "$T/o/preview/charts/income.svg" "（修订）"
same "a chart's title changed"
sed -i 's/^2019,/2019,1/' "$T/s/charts/growth.csv" # the data column's introduction shows it
build
whole "a chart a column page shows"
same "a chart a column page shows"

# ---- edits that make the build whole ---------------------------------------------
news=$(echo "$articles" | grep '^news/')
f=$(pick_from "$news" 8)
sed -i '0,/^title: /s/^title: \(.*\)$/title: \1（修订）/' "$T/s/content/$f"
build
incremental "a title changed" '[0-9]+'
check_file_has "a title changed: the page" "$T/o/preview/${f%.md}/index.html" "（修订）"
same "a title changed"

# a 文号 corrected: the policy, the interpretation that names it, the lists,
# its entry and strong tokens in the search index
sed -i 's/^doc_no: 云数资〔2024〕12号$/doc_no: 云数资〔2024〕13号/' "$T/s/content/policy/2024-data-catalog-rules.md"
build
incremental "a 文号 corrected" '[0-9]+'
same "a 文号 corrected"
check "a 文号 corrected: in the search table" grep -rq '"云数资〔2024〕13号"' "$T/o/preview/search/d"

# a 索引号 made another page's: only bodies unchanged is not enough, the
# unique fields are checked again (a body-only build skips that check)
g=policy/2024-new-media-rules.md
cp "$T/s/content/$g" "$T/keep"
dup=$(sed -n 's/^index_no: //p' "$T/s/content/policy/2024-data-catalog-rules.md")
sed -i "s#^index_no: .*#index_no: $dup#" "$T/s/content/$g"
find "$T/o/releases" -type f | sort | xargs sha256sum > "$T/before"
build
check_eq "a duplicate 索引号: exit 1" "$rc" 1
check_file_has "a duplicate 索引号: reported" "$T/err" \
  "$T/s/content/$g:4:11: error: duplicate index_no \"$dup\" (also in $T/s/content/policy/2024-data-catalog-rules.md)"
find "$T/o/releases" -type f | sort | xargs sha256sum > "$T/after"
check "a duplicate 索引号: the output is byte-identical" cmp "$T/before" "$T/after"
cp "$T/keep" "$T/s/content/$g"

# an interpretation's title: the policy it interprets shows it
f=$(cd "$T/s/content" && grep -l '^interprets:' policy/jiedu/*.md | head -1)
sed -i '0,/^title: /s/^title: \(.*\)$/title: 图解：\1/' "$T/s/content/$f"
build
incremental "an interpretation's title" '[0-9]+'
same "an interpretation's title"

# a summary in the front matter: the lists and feeds
f=$(pick 11)
sed -i '0,/^title: /s/^title: \(.*\)$/title: \1\nsummary: 一句新加的摘要。/' "$T/s/content/$f"
build
incremental "a summary added" '[0-9]+'
same "a summary added"

# a date: the page moves in its lists, the build is whole
f=$(pick 12)
sed -i 's/^date: 20\([0-9][0-9]\)-/date: 20\1-/; 0,/^date: /s/^date: \(....\)-\(..\)-\(..\)/date: \1-\2-01/' "$T/s/content/$f"
build
whole "a date changed"
same "a date changed"

# tags: the build is whole
f=$(pick 13)
if grep -q '^tags: \[' "$T/s/content/$f"; then sed -i 's/^tags: \[/tags: [新增标签, /' "$T/s/content/$f"
else sed -i '0,/^title: /s/^title: \(.*\)$/title: \1\ntags: [新增标签]/' "$T/s/content/$f"; fi
build
whole "tags changed"
same "tags changed"

new_news_page "$T/s/content/news/zz-new.md"
build
whole "a new page"
same "a new page"
printf '\n新页面的第二段。\n' >> "$T/s/content/news/zz-new.md"
build
said "then its body" "rebuilt 1 page and the lists in S → $T/o/preview (release R, updated in place)"
same "then its body"

rm "$T/s/content/news/zz-new.md"
build
whole "a page removed"
same "a page removed"

mkdir -p "$T/s/layouts/partials"
sed 's#</footer>#<p class="x-note">布局已修改</p></footer>#' "$ROOT/themes/default/layouts/partials/footer.mustache" \
  > "$T/s/layouts/partials/footer.mustache"
build
whole "a layout"
same "a layout"

# the redirects of aliases are rendered with a layout (alias): a site's own
# alias.mustache, and an edit of it, build whole, and every redirect (here
# the column 机构职能's old address, its _index.md's alias) is written again
redirect=$T/o/preview/zwgk/jgzn/index.html
check_file_lacks "the redirect before the site's own alias layout" "$redirect" 'class="x-moved"'
sed 's#<p>本页#<p class="x-moved">本页#' "$ROOT/themes/default/layouts/alias.mustache" > "$T/s/layouts/alias.mustache"
build
whole "the site's own alias layout"
check_file_has "the site's own alias layout: the redirect written with it" "$redirect" '<p class="x-moved">本页已迁移至'
same "the site's own alias layout"
sed -i 's#x-moved#x-gone#' "$T/s/layouts/alias.mustache"
build
whole "the alias layout edited"
check_file_has "the alias layout edited: the redirect written again" "$redirect" '<p class="x-gone">本页已迁移至'
same "the alias layout edited"

# ---- edits of the same size whose modification time is set back (touch -r,
# rsync -t, cp -p): the stamp's time is the inode's change time, which no
# program sets back
f=$(pick 13)
touch -r "$T/s/content/$f" "$T/ref"
sed 's/。/！/' "$T/s/content/$f" > "$T/x" && cat "$T/x" > "$T/s/content/$f" # in place, the same size
touch -r "$T/ref" "$T/s/content/$f"
build
incremental "the same size, the modification time set back: $f" 1
same "the same size, the modification time set back"
l=$T/s/layouts/partials/footer.mustache
touch -r "$l" "$T/ref"
sed 's/布局已修改/布局已改动/' "$l" > "$T/x" && cat "$T/x" > "$l"
touch -r "$T/ref" "$l"
build
whole "a layout of the same size, its modification time set back"
same "a layout of the same size, its modification time set back"

# ---- --full, and publishing builds are whole -----------------------------------
f=$(pick 9)
printf '\n最后一次修改。\n' >> "$T/s/content/$f"
"$GOVPUB" build --site "$T/s" --out "$T/o" --full 2>"$T/err"
check_file_has "--full: a whole build" "$T/err" "built "
same "--full"

# ---- content/ itself a symbolic link (to a folder elsewhere): its listing is kept too
mv "$T/s/content" "$T/content-real" && ln -s "$T/content-real" "$T/s/content"
build
said "content/ a link: the same files, nothing to build" ""
sleep 3
f=$(pick 10)
printf '\n内容目录是链接。\n' >> "$T/s/content/$f"
build
incremental "content/ a link: $f" 1
printf '\n再一句。\n' >> "$T/s/content/$f"
listed "content/ a link: not listed again" yes
same "content/ a link"

# ---- a front matter whose aliases repeat a long value: not kept in the state
# (its tree's image would be some 1.8 MB; a short file could make gigabytes),
# and the builds stay right
long=$(awk 'BEGIN { while (n++ < 2000) printf "长文本十个字一组重复" }')
{ printf -- '---\ntitle: 别名重复的长字段\ndate: 2024-12-18T09:00:00+08:00\nsource: 云岭区数据资源管理局\nnote: &l "%s"\nrepeat: [' "$long"
  i=0; while [ $i -lt 30 ]; do printf '*l, '; i=$((i + 1)); done; printf '*l]\n---\n\n正文。\n'; } > "$T/s/content/news/zz-aliases.md"
build
whole "a page of repeated aliases added"
check "a page of repeated aliases: the state stays small" test "$(wc -c < "$T/o/.cache/preview-state")" -lt 1000000
f=$(pick 11)
printf '\n别名页面之后。\n' >> "$T/s/content/$f"
build
incremental "a page of repeated aliases: an edit elsewhere (that page rendered again too)" 2
same "a page of repeated aliases"
printf '\n别名页面补充一句。\n' >> "$T/s/content/news/zz-aliases.md"
build
incremental "a page of repeated aliases: an edit of its body" 1
same "a page of repeated aliases: its body edited"
sed -i 's/^title: 别名重复的长字段$/title: 别名重复的长字段（修订）/' "$T/s/content/news/zz-aliases.md"
build
whole "a page of repeated aliases: its title edited (no tree to compare with)"
same "a page of repeated aliases: its title edited"

# ---- a column's `aliases:` (its _index.md, as a moved column has): an
# edit of an _index.md makes the build whole, which writes the redirect to
# the column's list; an incremental build after it keeps it; taking the
# alias out removes it
sed -i 's#^description: .*#&\naliases: [/zwgk/dongtai/]#' "$T/s/content/news/_index.md"
build
whole "a column's alias added"
check_file_has "a column's alias added: its redirect" "$T/o/preview/zwgk/dongtai/index.html" \
  '<meta http-equiv="refresh" content="0; url=/news/">'
same "a column's alias added"
f=$(pick 13)
printf '\n栏目别名之后。\n' >> "$T/s/content/$f"
build
incremental "a column's alias: an edit elsewhere" 2
check "a column's alias: its redirect kept in place" test -f "$T/o/preview/zwgk/dongtai/index.html"
same "a column's alias: an edit elsewhere"
sed -i '/^aliases: \[\/zwgk\/dongtai\/\]$/d' "$T/s/content/news/_index.md"
build
whole "a column's alias taken out"
check "a column's alias taken out: its redirect gone" test ! -e "$T/o/preview/zwgk/dongtai"
same "a column's alias taken out"

# ---- what a killed build or serve left beside the state and the preview link
# (`<name>.new-<pid>`, a state's size each) goes with the next build that
# writes there, once a minute old; a running process's stays, and so does a
# fresh one of a pid not seen here (another container's process, between
# its write and its rename)
rm "$T/s/content/news/zz-aliases.md"
build
whole "the page of repeated aliases removed"
dead=$(($(cat /proc/sys/kernel/pid_max) + 1)) # no process has it
for x in .cache/preview-state.new-$dead-0 .cache/preview-state.next.new-$dead-3 .cache/preview-state.new-$$-0; do
  printf 'left' > "$T/o/$x"
  touch -d '2 minutes ago' "$T/o/$x"
done
printf 'fresh' > "$T/o/.cache/preview-state.new-$dead-7"
ln -s releases/none "$T/o/preview.new-$dead-1"
touch -h -d '2 minutes ago' "$T/o/preview.new-$dead-1"
f=$(pick 12)
printf '\n被中断的构建之后。\n' >> "$T/s/content/$f"
build
incremental "after a killed build: an edit" 1
check "after a killed build: its state left beside the state goes" test ! -e "$T/o/.cache/preview-state.new-$dead-0"
check "after a killed build: a running process's stays" test -e "$T/o/.cache/preview-state.new-$$-0"
check "after a killed build: a fresh one of a pid not seen here stays" test -e "$T/o/.cache/preview-state.new-$dead-7"
rm "$T/o/.cache/preview-state.new-$dead-7"
printf -- '---\ntitle: 新增页面\ndate: 2024-12-19T09:00:00+08:00\nsource: 云岭区数据资源管理局\n---\n\n正文。\n' > "$T/s/content/news/zz-new.md"
build
whole "after a killed build: a page added"
check "after a killed build: its next state goes" test ! -e "$T/o/.cache/preview-state.next.new-$dead-3"
check "after a killed build: its preview link goes" test ! -L "$T/o/preview.new-$dead-1"
check "after a killed build: a running process's still stays" test -e "$T/o/.cache/preview-state.new-$$-0"
same "after a killed build"

# ---- another govpub binary: a whole build, then incremental again -------------
# (a newer govpub may check what an older one did not: its first build checks
# every page; build_state_binary)
cp "$GOVPUB" "$T/govpub-other"
f=$(pick 13)
printf '\n换了一个 govpub 之后。\n' >> "$T/s/content/$f"
GOVPUB="$T/govpub-other" build
whole "another govpub binary: an edit"
printf '\n同一个 govpub 再改一次。\n' >> "$T/s/content/$f"
GOVPUB="$T/govpub-other" build
incremental "another govpub binary, then the same one again" 1
same "another govpub binary"

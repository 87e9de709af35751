#!/bin/sh
# Paths: no input makes govpub read or write outside the site and the
# output — `..` and absolute paths in links, images, slugs, aliases,
# attachments and chart data, partial names, symbolic links leading out
# (a content file and folder, a static file and folder, a chart spec, its
# CSV and a folder on the way to it, a template) — each an exact error,
# and out/ byte-identical after every refused build.  A file outside the
# site (secret.txt, ext.md) would show in the output if it were read.
. "$(dirname "$0")/lib.sh"
. "$ROOT/tests/tools/hostile_lib.sh"

X=$T/outside
mkdir -p "$X"
printf '年份,收入\n2022,机密\n' > "$X/secret.csv"
printf 'secret\n' > "$X/secret.txt"
printf -- '---\ntitle: 外部\ndate: 2024-01-01\n---\n机密正文\n' > "$X/ext.md"
printf 'title: 外部图表\ntype: bar\ndata: rev.csv\nx: 年份\nseries:\n  - column: 收入\n' > "$X/ext.yaml"
printf '机密模板' > "$X/ext.mustache"

fresh
page dots 'slug: ../../../outside/pwned\naliases: [/../../outside/pwned2/, ../x/]\nattachments: [/../../outside/secret.txt, ../../../outside/secret.txt, /etc/passwd]\n' \
  '[a](../../../../outside/secret.txt) [b](/../../outside/secret.txt) ![c](/../../outside/secret.txt)'
printf 'title: t\ntype: bar\ndata: ../../outside/secret.csv\nx: 年份\nseries:\n  - column: 收入\n' > "$T/s/charts/up.yaml"
printf 'title: t\ntype: bar\ndata: /etc/passwd\nx: 年份\nseries:\n  - column: 收入\n' > "$T/s/charts/abs.yaml"
refused "'..' and absolute paths" <<'X'
charts/abs.yaml:3:7: error: data file "/etc/passwd" is outside charts/
  hint: put the CSV file in the charts folder and name it relative to the spec: data: gdp.csv
charts/up.yaml:3:7: error: data file "../../outside/secret.csv" is outside charts/
  hint: put the CSV file in the charts folder and name it relative to the spec: data: gdp.csv
content/news/dots.md:4:7: error: slug "../../../outside/pwned" cannot be part of a URL
  hint: use letters, digits, - and _ only
content/news/dots.md:5:11: error: alias "/../../outside/pwned2/" is not a path inside the site
  hint: write the old address inside the site, like /old/path/
content/news/dots.md:5:35: error: alias "../x/" is not a path inside the site
  hint: write the old address inside the site, like /old/path/
content/news/dots.md:6:15: error: attachment "/../../outside/secret.txt" not found
  hint: put the file under static/ and name it from the site root, e.g. /files/x.pdf
content/news/dots.md:6:42: error: attachment "../../../outside/secret.txt" not found
  hint: put the file under static/ and name it from the site root, e.g. /files/x.pdf
content/news/dots.md:6:71: error: attachment "/etc/passwd" not found
  hint: put the file under static/ and name it from the site root, e.g. /files/x.pdf
content/news/dots.md:8:1: error: broken link "../../../../outside/secret.txt"
  hint: link to a page by its URL (/policy/x/) or its file (../policy/x.md), or to a file under static/
content/news/dots.md:8:37: error: broken link "/../../outside/secret.txt"
  hint: link to a page by its URL (/policy/x/) or its file (../policy/x.md), or to a file under static/
content/news/dots.md:8:68: error: broken image "/../../outside/secret.txt"
  hint: put the image under static/ and link to it from the site root, e.g. /images/x.png
govpub: build failed: 11 errors; OUT/preview is unchanged
X
check "nothing written outside" test ! -e "$T/pwned" -a ! -e "$T/outside/pwned" -a ! -e "$T/outside/pwned2"

fresh
ln -s "$X/ext.md" "$T/s/content/news/ext.md"
ln -s "$X" "$T/s/content/news/sub"
ln -s "$X/secret.txt" "$T/s/static/files/secret.txt"
ln -s "$X" "$T/s/static/linked"
ln -s "$X/ext.yaml" "$T/s/charts/ext.yaml"
ln -s "$X/secret.csv" "$T/s/charts/sec.csv"
ln -s "$X" "$T/s/charts/sub"
printf 'title: t\ntype: bar\ndata: sec.csv\nx: 年份\nseries:\n  - column: 收入\n' > "$T/s/charts/sl.yaml"
printf 'title: t\ntype: bar\ndata: sub/secret.csv\nx: 年份\nseries:\n  - column: 收入\n' > "$T/s/charts/sl2.yaml"
ln -s "$X/ext.mustache" "$T/s/themes/plain/layouts/partials/ext.mustache"
sed -i 's#{{> partials/footer}}#{{> partials/footer}}{{> partials/ext}}#' \
  "$T/s/themes/plain/layouts/baseof.mustache"
# (a link to a file is said at 1:1, the whole file; one to a folder has no line)
refused "symbolic links leading out" <<'X'
charts/ext.yaml:1:1: error: symbolic links are not followed (they could lead out of the site)
  hint: copy the file into the site instead of linking to it
charts/sl.yaml:3:7: error: charts/sec.csv is read through a symbolic link, which is not followed (it could lead out of the site)
  hint: copy the file into the site instead of linking to it
charts/sl2.yaml:3:7: error: charts/sub/secret.csv is read through a symbolic link, which is not followed (it could lead out of the site)
  hint: copy the file into the site instead of linking to it
content/news/ext.md:1:1: error: symbolic links are not followed (they could lead out of the site)
  hint: copy the file into the site instead of linking to it
content/news/sub: error: symbolic links are not followed (they could lead out of the site)
  hint: copy the file into the site instead of linking to it
static/files/secret.txt:1:1: error: symbolic links are not followed (they could lead out of the site)
  hint: copy the file into the site instead of linking to it
static/linked: error: symbolic links are not followed (they could lead out of the site)
  hint: copy the file into the site instead of linking to it
themes/plain/layouts/partials/ext.mustache:1:1: error: symbolic links are not followed (they could lead out of the site)
  hint: copy the file into the site instead of linking to it
govpub: build failed: 8 errors; OUT/preview is unchanged
X
check_file_lacks "symbolic links: nothing from outside is shown" "$T/got" '机密'

# Links that loop back up (a folder's link to its parent's parent): the
# build does not walk into them (it took exponential time, walking each
# loop through the other), it refuses them at once.
fresh
ln -s .. "$T/s/static/up"
ln -s ../.. "$T/s/static/files/up"
ln -s ../../../.. "$T/s/themes/plain/layouts/partials/up"
timeout 60 "$GOVPUB" build --site "$T/s" --out "$T/out-loop" -q 2>/dev/null
check_eq "symbolic links that loop: refused, not walked (exit 1 within a minute)" "$?" 1
refused "symbolic links that loop" <<'X'
static/files/up: error: symbolic links are not followed (they could lead out of the site)
  hint: copy the file into the site instead of linking to it
static/up: error: symbolic links are not followed (they could lead out of the site)
  hint: copy the file into the site instead of linking to it
govpub: build failed: 2 errors; OUT/preview is unchanged
X

# An attachment named through a static file's link, and a link leading nowhere: both refused as
# links (told from their folder's entries, statics.c takes no stat), so the attachment is not
# found and no size is ever taken through a link
fresh
ln -s "$X/secret.txt" "$T/s/static/files/att.txt"
ln -s "$X/none.pdf" "$T/s/static/files/gone.pdf"
page att 'attachments: [/files/att.txt, /files/gone.pdf]\n' '正文'
refused "an attachment through a symbolic link, a dangling link" <<'X'
content/news/att.md:4:15: error: attachment "/files/att.txt" not found
  hint: put the file under static/ and name it from the site root, e.g. /files/x.pdf
content/news/att.md:4:31: error: attachment "/files/gone.pdf" not found
  hint: put the file under static/ and name it from the site root, e.g. /files/x.pdf
static/files/att.txt:1:1: error: symbolic links are not followed (they could lead out of the site)
  hint: copy the file into the site instead of linking to it
static/files/gone.pdf:1:1: error: symbolic links are not followed (they could lead out of the site)
  hint: copy the file into the site instead of linking to it
govpub: build failed: 4 errors; OUT/preview is unchanged
X

# Template names cannot climb out of the layouts either.
fresh
sed -i 's#{{> partials/footer}}#{{> partials/footer}}{{> ../../../../outside/ext}}{{> /etc/passwd}}#' \
  "$T/s/themes/plain/layouts/baseof.mustache"
refused "partial names with .. or /" <<'X'
themes/plain/layouts/baseof.mustache:9:22: error: bad template name '../../../../outside/ext' in tag '{{> ../../../../outside/ext}}': '..' is not allowed
  hint: name templates relative to the layouts folder, like partials/footer
themes/plain/layouts/baseof.mustache:9:51: error: bad template name '/etc/passwd' in tag '{{> /etc/passwd}}': it starts with '/'
  hint: name templates relative to the layouts folder, like partials/footer
govpub: build failed: 2 errors; OUT/preview is unchanged
X

# Names — pages, aliases, static files — that differ only in case or in
# Unicode normalisation (é as one code point, NFC, or as e + U+0301, NFD)
# are one file on Windows, macOS and case-insensitive mounts: each pair is
# an error naming both.
fresh
cp "$T/s/content/news/c.md" "$T/s/content/news/C.md"
page "$(printf 'caf\303\251')" '' 'NFC'
page "$(printf 'cafe\314\201')" '' 'NFD'
cp "$T/s/static/files/guide.txt" "$T/s/static/files/Guide.txt"
sed -i 's#^aliases: \[/old/a/\]#aliases: [/old/a/, /News/B/]#' "$T/s/content/news/a.md"
refused "names differing only in case or normalisation" <<X
content/news/a.md:7:20: error: alias /News/B/ differs from /news/b/ (content/news/b.md) only in case or Unicode normalisation
  hint: remove the alias or rename it: a server on a case-insensitive or normalising file system (Windows, macOS) would serve the redirect for the page or the page for it
content/news/c.md:1:1: error: URL /news/c/ differs from /news/C/ (content/news/C.md) only in case or Unicode normalisation
  hint: rename one: a server on a case-insensitive or normalising file system (Windows, macOS) would serve one page for both
content/news/$(printf 'caf\303\251').md:1:1: error: URL /news/$(printf 'caf\303\251')/ differs from /news/$(printf 'cafe\314\201')/ (content/news/$(printf 'cafe\314\201').md) only in case or Unicode normalisation
  hint: rename one: a server on a case-insensitive or normalising file system (Windows, macOS) would serve one page for both
static/files/guide.txt:1:1: error: static file /files/guide.txt differs from static/files/Guide.txt only in case or Unicode normalisation
  hint: rename one: a server on a case-insensitive or normalising file system (Windows, macOS) would serve one file for both
govpub: build failed: 4 errors; OUT/preview is unchanged
X

# A static file whose output differs only in case from a page's output or
# a chart's, or that has the name of a folder of outputs (news/) in another
# case: each is an error naming both, all in one run.  Said at the one made
# from a source file (the static file, the page, the chart's spec: each at
# 1:1), at the greater path when both are: news/a.md makes
# news/a/index.html, charts/rev.yaml charts/rev.svg (said as
# charts/rev.yaml, as every message about a chart's spec: sorted last).
# One where govpub writes a file of its own (a column's list, sitemap.xml),
# in another case, is said at the file as such (statics_check_written), and
# left out.
fresh
mkdir -p "$T/s/static/News" "$T/s/static/news/A" && echo x > "$T/s/static/News/index.html"
echo x > "$T/s/static/news/A/index.html"
echo x > "$T/s/static/NEWS"
echo x > "$T/s/static/Sitemap.xml"
mkdir -p "$T/s/static/charts" && echo x > "$T/s/static/charts/REV.svg" # the chart rev's (charts/rev.yaml)
refused "outputs differing only in case from a static file" <<'X'
content/news/a.md:1:1: error: output /news/a/index.html differs from /news/A/index.html (static/news/A/index.html) only in case or Unicode normalisation
  hint: rename one: on a case-insensitive or normalising file system (out/ copied to Windows or a Mac) one would overwrite the other
static/NEWS:1:1: error: output /NEWS differs from the folder /news/ only in case or Unicode normalisation
  hint: rename one: a case-insensitive or normalising file system (out/ copied to Windows or a Mac) cannot hold a file and a folder of that name
static/News/index.html:1:1: error: static file /News/index.html is where govpub writes the list of news (/news/index.html)
  hint: rename the file or move it, and the links to it (a column's page/, index.html and index.xml are govpub's)
static/Sitemap.xml:1:1: error: static file /Sitemap.xml is where govpub writes the sitemap (/sitemap.xml)
  hint: rename the file or move it, and the links to it (at the site's root, index.html, index.xml, 404.html, robots.txt, sitemap.xml, published-dates.tsv, search/, tags/ and topics/ are govpub's)
charts/rev.yaml:1:1: error: output /charts/rev.svg differs from /charts/REV.svg (static/charts/REV.svg) only in case or Unicode normalisation
  hint: rename one: on a case-insensitive or normalising file system (out/ copied to Windows or a Mac) one would overwrite the other
govpub: build failed: 5 errors; OUT/preview is unchanged
X
# The same, found once the build has already failed (its outputs are then
# only claimed).
fresh
sed -i 's/^date: 2024-02-10/date: 2024-13-10/' "$T/s/content/news/b.md"
mkdir -p "$T/s/static/news/A" && echo x > "$T/s/static/news/A/index.html"
refused "outputs differing only in case, found by a build that has already failed" <<'X'
content/news/a.md:1:1: error: output /news/a/index.html differs from /news/A/index.html (static/news/A/index.html) only in case or Unicode normalisation
  hint: rename one: on a case-insensitive or normalising file system (out/ copied to Windows or a Mac) one would overwrite the other
content/news/b.md:3:7: error: "date" is not a valid date and time: "2024-13-10"
  hint: there is no month 13: months run from 01 to 12 (write it as 2024-11-20 or 2024-11-20T10:12:00+08:00)
govpub: build failed: 2 errors; OUT/preview is unchanged
X

# A static file differing only in case from a chart's CSV copied beside
# its SVG (charts/rev.csv, the chart rev's): both copies, of two kinds, one
# of which the model compares with each other (static files, charts' CSVs)
# but not across; said at the greater path, both being files of the site.
fresh
mkdir -p "$T/s/static/charts" && echo x > "$T/s/static/charts/Rev.csv"
refused "a static file differing only in case from a chart's CSV" <<'X'
charts/rev.csv:1:1: error: output /charts/rev.csv differs from /charts/Rev.csv (static/charts/Rev.csv) only in case or Unicode normalisation
  hint: rename one: on a case-insensitive or normalising file system (out/ copied to Windows or a Mac) one would overwrite the other
govpub: build failed: 1 error; OUT/preview is unchanged
X

# Tags (and topics) that differ only in case or normalisation are one tag:
# one folder, named as the oldest page writes it (a newer page never moves
# it), listing every page that has it, and each page links to it once.
fresh
sed -i 's/^tags: .*/tags: [Data, 数据, caf\xc3\xa9, DATA]/' "$T/s/content/news/a.md"
sed -i 's/^tags: .*/tags: [data, cafe\xcc\x81]/' "$T/s/content/news/b.md"
"$GOVPUB" build --site "$T/s" --out "$T/out-tags" -q 2>"$T/err"
check_eq "tags differing only in case or normalisation: the build" "$?:$(cat "$T/err")" "0:"
check_eq "tags differing only in case or normalisation: one folder each" \
  "$(cd "$T/out-tags/preview/tags" && ls -d */ | LC_ALL=C sort | tr '\n' ' ')" \
  "$(printf 'cafe\314\201/ data/ 数据/ ')"
check_eq "tags differing only in case or normalisation: each page links to it" \
  "$(grep -ho 'href="/tags/[^"]*/"' "$T/out-tags/preview/news/a/index.html" "$T/out-tags/preview/news/b/index.html" | LC_ALL=C sort | uniq -c | sed 's/^ *//' | tr '\n' ' ')" \
  "$(printf '2 href="/tags/cafe\314\201/" 2 href="/tags/data/" 1 href="/tags/数据/" ')"
check_eq "tags differing only in case or normalisation: the tag's page lists both" \
  "$(grep -c 'href="/news/[ab]/"' "$T/out-tags/preview/tags/data/index.html")" 2

# A tab or another control character in a file name or in a value a
# message quotes is shown escaped (\t, \xNN): one diagnostic, one line, and
# nothing in a name drives the reader's terminal.  The summary names the
# output folder alike.
fresh
printf -- '---\ntitle: t\ndate: 2024-03-01\nslug: "a\\tb"\n---\nx\n' > "$T/s/content/news/$(printf 'x\ty')".md
printf -- '---\ntitle: t\ndate: 2024-03-01\nslug: "a\\e[2J"\n---\nx\n' > "$T/s/content/news/$(printf 'z\033[2J')".md
refused "control characters in a file name and a quoted value: escaped" <<'X'
content/news/x\ty.md:1:1: error: the file name holds the control character U+0009
  hint: rename the file: a name under content/ is in UTF-8, visible, and one Windows takes
content/news/x\ty.md:4:7: error: slug "a\tb" cannot be part of a URL
  hint: use letters, digits, - and _ only
content/news/z\x1B[2J.md:1:1: error: the file name holds the control character U+001B
  hint: rename the file: a name under content/ is in UTF-8, visible, and one Windows takes
content/news/z\x1B[2J.md:4:7: error: control character U+001B in a quoted value (written as an escape such as \x1B)
  hint: remove the escape: a page cannot show a control character
govpub: build failed: 4 errors; OUT/preview is unchanged
X
"$GOVPUB" build --site "$T/s" --out "$T/o$(printf '\t')ut" -q 2>"$T/err"
check_eq "control characters in the output folder's name: the summary escapes them" "$(tail -1 "$T/err")" \
  "govpub: build failed: 4 errors; $T/o\\tut/preview is unchanged"

# A static file's or folder's name (the site's, the theme's) is a part of
# its URL: content/'s rule (site_name.h), at the file or the folder; a
# name with only what a URL cannot hold (a space: an attachment named by
# its editor) gets a name to give it.
fresh
touch "$T/s/static/files/附件1 申请表.docx" "$T/s/static/files/a#b.pdf" "$T/s/static/files/con.txt" \
  "$T/s/static/files/x:y.pdf" "$T/s/static/files/$(printf 'a\342\200\256b').pdf" \
  "$T/s/static/files/$(printf 'gbk\270\275').pdf" "$T/s/themes/plain/static/end."
mkdir "$T/s/static/my files"
touch "$T/s/static/my files/x.pdf"
refused "static files' names: what a URL, Windows or an editor's screen cannot take" <<'X'
static/files/a#b.pdf:1:1: error: the file name holds "#", which a URL cannot hold
  hint: rename the file (and the links to it), e.g. a-b.pdf: its name is a part of its URL
static/files/a\u202Eb.pdf:1:1: error: the file name holds U+202E, an invisible character that reorders the text around it
  hint: rename the file: a static file's name is in UTF-8, visible, and one Windows takes
static/files/con.txt:1:1: error: the file name is "con", a device's name on Windows
  hint: rename the file: a static file's name is in UTF-8, visible, and one Windows takes
static/files/gbk\xB8\xBD.pdf:1:1: error: the file name is not UTF-8 (byte 0xB8: was it named in GBK or another encoding?)
  hint: rename the file: a static file's name is in UTF-8, visible, and one Windows takes
static/files/x:y.pdf:1:1: error: the file name holds ":", which Windows does not allow in a name
  hint: rename the file: a static file's name is in UTF-8, visible, and one Windows takes
static/files/附件1 申请表.docx:1:1: error: the file name holds a space, which a URL cannot hold
  hint: rename the file (and the links to it), e.g. 附件1-申请表.docx: its name is a part of its URL
static/my files: error: the folder name holds a space, which a URL cannot hold
  hint: rename the folder (and the links to it), e.g. my-files: its name is a part of its URL
themes/plain/static/end.:1:1: error: the file name ends with ".", which Windows drops from a name
  hint: rename the file (and the links to it), e.g. end-: its name is a part of its URL
govpub: build failed: 8 errors; OUT/preview is unchanged
X

# The data catalog's distribution paths (the sample portal has a catalog):
# '..', absolute, a link as the file, a link on the way to it (before the
# check, charts/lnk/secret.csv was copied into the release from outside).
C=$T/cat
sample_copy "$C"
sed -i 's#path: static/datasets/clinics.csv#path: ../../../../outside/secret.csv#' "$C/content/catalog/clinics.md"
sed -i 's#path: static/datasets/employment.csv#path: /etc/passwd#' "$C/content/catalog/employment.md"
ln -s "$X/secret.csv" "$C/static/datasets/evil.csv"
sed -i 's#path: charts/gdp.csv#path: static/datasets/evil.csv#' "$C/content/catalog/gdp-annual.md"
ln -s "$X" "$C/charts/lnk"
sed -i 's#path: charts/fiscal.csv#path: charts/lnk/secret.csv#' "$C/content/catalog/fiscal-budget.md"
"$GOVPUB" build --site "$C" --out "$T/cout" -q 2>"$T/err"
check_eq "distribution paths: exit 1" "$?" 1
sed "s#$C/##g; s#$T/cout#OUT#g" "$T/err" > "$T/got"
cat > "$T/want" <<'X'
content/catalog/clinics.md:20:31: error: distribution path "../../../../outside/secret.csv" is not a file the site serves
  hint: put the file under static/ (or charts/) and give its path from the site folder, e.g. static/datasets/x.csv
content/catalog/employment.md:19:38: error: distribution path "/etc/passwd" is not a file the site serves
  hint: put the file under static/ (or charts/) and give its path from the site folder, e.g. static/datasets/x.csv
content/catalog/fiscal-budget.md:21:41: error: distribution file "charts/lnk/secret.csv" is reached through a symbolic link, which is not followed (it could lead out of the site)
  hint: copy the file into the site instead of linking to it
content/catalog/gdp-annual.md:22:39: error: distribution file "static/datasets/evil.csv" is reached through a symbolic link, which is not followed (it could lead out of the site)
  hint: copy the file into the site instead of linking to it
static/datasets/evil.csv:1:1: error: symbolic links are not followed (they could lead out of the site)
  hint: copy the file into the site instead of linking to it
govpub: build failed: 5 errors; OUT/preview is unchanged
X
if diff -u "$T/want" "$T/got" > "$T/diff"; then ok "distribution paths: each refused"; else fail "distribution paths: each refused"; cat "$T/diff"; fi
check "distribution paths: nothing released" test ! -e "$T/cout/preview"

# The output folder apart from what a build reads (site_out.h): a folder a
# build reads inside the output (scan.words, a static: folder: a dictionary
# or static files an older build wrote), the output inside one (the build
# would write into its own inputs), the trust anchor inside the output.
# Refused before anything is written: the output folder is not even made.
# out_refused NAME OUT [OPTIONS] < expected-stderr
out_refused() {
  name=$1 out=$2
  shift 2
  "$GOVPUB" build --site "$T/s" --out "$out" -q "$@" 2>"$T/got"
  rc=$?
  sed "s#$T/s/##g; s#$T/##g" "$T/got" > "$T/got.rel"
  if [ $rc -eq 1 ] && diff -u - "$T/got.rel" > "$T/diff"; then ok "$name"; else fail "$name (exit $rc)"; cat "$T/diff"; fi
  check "$name: no output folder made" test ! -e "$out"
}
fresh
printf 'scan:\n  words: out/words\n' >> "$T/s/site.yaml"
sed -i 's#^  - static$#  - static\n  - {dir: out/files, to: files2}#' "$T/s/site.yaml"
out_refused "folders a build reads inside the output folder" "$T/s/out" <<'X'
site.yaml:23:5: error: the static folder "out/files" is inside the output folder out, which the build writes
  hint: keep them apart: move the folder out of the output folder, or build into another folder (--out)
site.yaml:46:10: error: scan.words "out/words" is inside the output folder out, which the build writes
  hint: keep them apart: move the folder out of the output folder, or build into another folder (--out)
govpub: build failed: 2 errors; out/preview is unchanged
X
fresh
out_refused "the output folder inside the word lists (scan.words by default)" "$T/s/words/out" <<'X'
site.yaml:1:1: error: the output folder words/out is inside scan.words "words": the build would write into what it reads
  hint: keep them apart: build into a folder outside it (--out), e.g. the site's out/ (the default)
govpub: build failed: 1 error; words/out/preview is unchanged
X
out_refused "the output folder inside a static folder" "$T/s/static/new/out" <<'X'
site.yaml:22:5: error: the output folder static/new/out is inside the static folder "static": the build would write into what it reads
  hint: keep them apart: build into a folder outside it (--out), e.g. the site's out/ (the default)
govpub: build failed: 1 error; static/new/out/preview is unchanged
X
out_refused "the output folder inside content/" "$T/s/content/out" <<'X'
content: error: the output folder content/out is inside content/: the build would write into what it reads
  hint: keep them apart: build into a folder outside it (--out), e.g. the site's out/ (the default)
govpub: build failed: 1 error; content/out/preview is unchanged
X
# … however --out reaches it: a .. after a folder that does not exist yet
# (the build would make nope/, then write through nope/.. into content/)
out_refused "the output folder inside content/, through a missing folder and .." "$T/s/nope/../content/out" <<'X'
content: error: the output folder nope/../content/out is inside content/: the build would write into what it reads
  hint: keep them apart: build into a folder outside it (--out), e.g. the site's out/ (the default)
govpub: build failed: 1 error; nope/../content/out/preview is unchanged
X
check "the output folder through a missing folder: that folder not made" test ! -e "$T/s/nope"
out_refused "the output folder inside the theme, through a missing folder and .." "$T/s/themes/nope/../plain/out" <<'X'
site.yaml:7:8: error: the output folder themes/nope/../plain/out is inside the theme folder themes/plain: the build would write into what it reads
  hint: keep them apart: build into a folder outside it (--out), e.g. the site's out/ (the default)
govpub: build failed: 1 error; themes/nope/../plain/out/preview is unchanged
X
# The output folder that IS a folder the build reads (`--out content`, as
# typed in the site's folder) is neither inside the other: said as it is.
# The folder exists, so instead of "not made": left as it was.
same_refused() {
  name=$1 out=$2
  tree_digest "$out" > "$T/digest.before"
  (cd "$T/s" && "$GOVPUB" build --out "$out" -q 2>"$T/got")
  rc=$?
  sed "s#$T/s/##g; s#$T/##g" "$T/got" > "$T/got.rel"
  if [ $rc -eq 1 ] && diff -u - "$T/got.rel" > "$T/diff"; then ok "$name"; else fail "$name (exit $rc)"; cat "$T/diff"; fi
  tree_digest "$out" > "$T/digest.after"
  check "$name: the folder left as it was" cmp -s "$T/digest.before" "$T/digest.after"
}
same_refused "the output folder is content/" content <<'X'
content: error: the output folder content is content/ itself: the build would write into what it reads
  hint: give the output a folder of its own (--out), e.g. the site's out/ (the default)
govpub: build failed: 1 error; content/preview is unchanged
X
same_refused "the output folder is the theme" "$T/s/themes/plain" <<'X'
site.yaml:7:8: error: the output folder themes/plain is the theme folder ./themes/plain itself: the build would write into what it reads
  hint: give the output a folder of its own (--out), e.g. the site's out/ (the default)
govpub: build failed: 1 error; themes/plain/preview is unchanged
X
# the summary names the folder without the '/' it was typed with (not ./static//preview)
same_refused "the output folder is a static folder, named with a ./ and a /" ./static/ <<'X'
site.yaml:22:5: error: the output folder ./static is the static folder "static" itself: the build would write into what it reads
  hint: give the output a folder of its own (--out), e.g. the site's out/ (the default)
govpub: build failed: 1 error; ./static/preview is unchanged
X
out_refused "the trust anchor inside the output folder" "$T/pub" --publish --trust "$T/pub/current/files/trust.pub" <<'X'
pub/current/files/trust.pub: error: the trust anchor is inside the output folder pub
  hint: keep the trusted keys outside the output folder: what a build writes must not choose who may approve the next one
govpub: build failed: 1 error; pub/current is unchanged
X
# An output folder that holds the whole site (the checkout's parent) is
# fine: the build writes there only releases/, current, preview and its
# hidden folders, none of them the site's.
mkdir -p "$T/holder" && rm -rf "$T/holder/s" && cp -R "$T/s" "$T/holder/s"
"$GOVPUB" build --site "$T/holder/s" --out "$T/holder" -q 2>"$T/err"
check_eq "an output folder holding the site: built" "$?:$(cat "$T/err")" "0:"

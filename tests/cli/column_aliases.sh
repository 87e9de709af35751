#!/bin/sh
# A column's `aliases:` (its _index.md: a column moved from /zwgk/dongtai/
# to /news/ keeps its old address, as a Hugo site's does): a redirect page
# at each alias to the column's list, and at each <alias>page/N/ to the
# list's page N, written like an article's (extras.c),
# recorded in published-dates.tsv as an article's are; the same checks as
# an article's aliases (site_link.c), each said at the alias.
. "$(dirname "$0")/lib.sh"
site_copy mini a
sed -i 's#^description: .*#&\naliases: [/zwgk/dongtai/, zwgk/Old/]#' "$T/a/content/news/_index.md"
"$GOVPUB" build --site "$T/a" --out "$T/aout" -q 2>"$T/err"
check_eq "a column with aliases: built, nothing said" "$?:$(cat "$T/err")" "0:"
P="$T/aout/preview"
same "the redirect to the column's list" "$P/zwgk/dongtai/index.html" <<'X'
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>政务动态</title>
<link rel="canonical" href="https://www.test.gov.cn/news/">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=/news/">
</head>
<body>
<p>本页已迁移至 <a href="/news/">政务动态</a>。</p>
</body>
</html>
X
check "an alias written without a leading slash: its redirect too" test -f "$P/zwgk/Old/index.html"
check_eq "published-dates.tsv: the column's aliases as an article's are" \
  "$(grep '^news/_index.md' "$P/published-dates.tsv")" "$(printf 'news/_index.md\t\t/news/\t/zwgk/dongtai/\t/zwgk/Old/')"

# every page of the column's list keeps its old address: a redirect at
# <alias>page/N/ to the column's page/N/ for each further page the build
# writes (news/: 3 items at 2 a page here), none past the last; the
# sitemap names no redirect
check_eq "the redirect of the list's page 2: the first's, sending readers to page 2" \
  "$(cat "$P/zwgk/dongtai/page/2/index.html")" "$(sed 's#/news/#/news/page/2/#g' "$P/zwgk/dongtai/index.html")"
check_file_has "each alias's page 2, as spelled" "$P/zwgk/Old/page/2/index.html" 'content="0; url=/news/page/2/"'
# pages: the further pages of the column's list, and of each alias's redirects
pages() { for d in news zwgk/dongtai zwgk/Old; do printf '%s:' "$d"; ls "$P/$d/page" | tr '\n' ' '; done; }
check_eq "no redirect past the list's last page" "$(pages)" "news:2 zwgk/dongtai:2 zwgk/Old:2 "
check_eq "the sitemap names no redirect" "$(grep -c 'zwgk' "$P/sitemap.xml")" 0
# a list that gains a page gains its redirect, one that loses a page
# loses it: a file added or removed makes the build whole (docs/incremental.md)
printf -- '---\ntitle: 动态四\ndate: 2024-01-04\n---\n正文。\n' > "$T/a/content/news/e.md"
printf -- '---\ntitle: 动态五\ndate: 2024-01-05\n---\n正文。\n' > "$T/a/content/news/f.md"
GOVPUB_TIMINGS=1 "$GOVPUB" build --site "$T/a" --out "$T/aout" -q 2>"$T/err"
check_eq "a list gaining a page: a whole build" "$?:$(grep '^incremental' "$T/err")" \
  "0:incremental: a whole build: a file was added, removed or its front matter changed"
check_eq "a list gaining a page: its redirect too" "$(pages)" "news:2 3 zwgk/dongtai:2 3 zwgk/Old:2 3 "
check_file_has "the redirect of the list's page 3" "$P/zwgk/dongtai/page/3/index.html" \
  '<meta http-equiv="refresh" content="0; url=/news/page/3/">'
rm "$T/a/content/news/f.md" "$T/a/content/news/e.md"
GOVPUB_TIMINGS=1 "$GOVPUB" build --site "$T/a" --out "$T/aout" -q 2>"$T/err"
check_eq "a list losing a page: a whole build" "$?:$(grep '^incremental' "$T/err")" \
  "0:incremental: a whole build: a file was added, removed or its front matter changed"
check_eq "a list losing a page: its redirect goes" "$(pages)" "news:2 zwgk/dongtai:2 zwgk/Old:2 "

# the checks of an article's aliases: a page's URL (also once folded),
# another page's alias, where govpub writes, given twice; each said at the
# alias, and nothing written
site_copy mini s
"$GOVPUB" build --site "$T/s" --out "$T/out" -q 2>/dev/null
sed -i 's#^description: .*#&\naliases: [/news/a/, /Policy/, /old/a/, /news/page/2/, /search/, /x/, /x/]#' \
  "$T/s/content/news/_index.md"
expect "a column's aliases: a page's URL, in another case, an article's alias, govpub's own, twice" <<'X'
content/news/_index.md:4:11: error: alias /news/a/ is the URL of content/news/a.md
  hint: remove the alias or move the other page
content/news/_index.md:4:21: error: alias /Policy/ differs from /policy/ (content/policy/_index.md) only in case or Unicode normalisation
  hint: remove the alias or rename it: a server on a case-insensitive or normalising file system (Windows, macOS) would serve the redirect for the page or the page for it
content/news/_index.md:4:31: error: alias /old/a/ is also an alias of content/news/a.md
  hint: keep the alias on one page: it can send readers to one only
content/news/_index.md:4:40: error: alias /news/page/2/ is where govpub writes a further page of its column's list
  hint: remove the alias: that address is not free
content/news/_index.md:4:55: error: alias /search/ is where govpub writes the search page
  hint: remove the alias: that address is not free
content/news/_index.md:4:70: error: alias /x/ is given twice
  hint: remove one of them
govpub: build failed: 6 errors; OUT/preview is unchanged
X

# the redirects of the further pages are held to the same rules (news/: 5
# items, 3 pages): an alias whose page/N/ is another page's alias, also
# in another case, is an error at the alias, once (/x/: its page 2 and 3),
# and writes nothing; an alias at a further page's redirect, in any case,
# is one at that alias
rm -rf "$T/s" && site_copy mini s
printf -- '---\ntitle: 动态四\ndate: 2024-01-04\n---\n正文。\n' > "$T/s/content/news/e.md"
printf -- '---\ntitle: 动态五\ndate: 2024-01-05\n---\n正文。\n' > "$T/s/content/news/f.md"
sed -i 's#^title: .*#&\naliases: [/x/page/2/, /x/page/3/, /y/Page/3/]#' "$T/s/content/news/b.md"
sed -i 's#^description: .*#&\naliases: [/x/, /y/, /z/, /z/page/3/]#' "$T/s/content/news/_index.md"
sed -i 's#^title: .*#&\naliases: [/Z/page/2/]#' "$T/s/content/policy/_index.md"
expect "a column's alias whose further pages are not free; an alias at one of them" <<'X'
content/news/_index.md:4:11: error: alias /x/ would redirect /x/page/2/ to page 2 of the column's list, but that is also an alias of content/news/b.md
  hint: keep the address on one page: it can send readers to one only
content/news/_index.md:4:16: error: alias /y/ would redirect /y/page/3/ to page 3 of the column's list, but that differs from the alias /y/Page/3/ of content/news/b.md only in case or Unicode normalisation
  hint: remove the alias or rename it: a server on a case-insensitive or normalising file system (Windows, macOS) would serve one redirect for both
content/news/_index.md:4:26: error: alias /z/page/3/ is where the alias /z/ of content/news/_index.md redirects page 3 of the column's list
  hint: remove the alias: that address is not free
content/policy/_index.md:3:11: error: alias /Z/page/2/ differs from /z/page/2/, where the alias /z/ of content/news/_index.md redirects page 2 of the column's list, only in case or Unicode normalisation
  hint: remove the alias or rename it: a server on a case-insensitive or normalising file system (Windows, macOS) would serve one redirect for both
govpub: build failed: 4 errors; OUT/preview is unchanged
X
# a static file at a further page's redirect: as spelled, at the file; in
# another case, at the alias, by the build and govpub check alike (which
# loads the site as a publish does: news/ without its draft, still 2 pages)
rm -rf "$T/s" && site_copy mini s
printf -- '---\ntitle: 动态四\ndate: 2024-01-04\n---\n正文。\n' > "$T/s/content/news/e.md"
sed -i 's#^description: .*#&\naliases: [/zwgk/dongtai/]#' "$T/s/content/news/_index.md"
mkdir -p "$T/s/static/zwgk/dongtai/page/2"
echo x > "$T/s/static/zwgk/dongtai/page/2/index.html"
expect "a static file at the redirect of a further page" <<'X'
static/zwgk/dongtai/page/2/index.html:1:1: error: static file /zwgk/dongtai/page/2/index.html is where govpub writes the redirect of the alias /zwgk/dongtai/ of content/news/_index.md to page 2 of its list
  hint: rename the file or move it, and the links to it (an alias's folder is the old address of a page: govpub writes the redirect to the page there)
govpub: build failed: 1 error; OUT/preview is unchanged
X
mv "$T/s/static/zwgk/dongtai/page" "$T/s/static/zwgk/dongtai/Page"
expect "a static file at the redirect of a further page, in another case" <<'X'
content/news/_index.md:4:11: error: output /zwgk/dongtai/page/2/index.html differs from /zwgk/dongtai/Page/2/index.html (static/zwgk/dongtai/Page/2/index.html) only in case or Unicode normalisation
  hint: rename one: on a case-insensitive or normalising file system (out/ copied to Windows or a Mac) one would overwrite the other
govpub: build failed: 1 error; OUT/preview is unchanged
X
"$GOVPUB" check --site "$T/s" > "$T/said" 2>&1
check_eq "a static file at the redirect of a further page, in another case: govpub check says it" \
  "$?:$(grep -A1 'page/2/index.html differs' "$T/said" | sed "s#$T/s/##g")" \
  "1:content/news/_index.md:4:11: error: [站点内容] output /zwgk/dongtai/page/2/index.html differs from /zwgk/dongtai/Page/2/index.html (static/zwgk/dongtai/Page/2/index.html) only in case or Unicode normalisation
  hint: rename one: on a case-insensitive or normalising file system (out/ copied to Windows or a Mac) one would overwrite the other"

# a static file at a column's redirect in another case: the build says it as
# it writes the redirect, and govpub check without a build (check_fold.c),
# both at the alias
rm -rf "$T/s" && site_copy mini s
sed -i 's#^description: .*#&\naliases: [/zwgk/dongtai/]#' "$T/s/content/news/_index.md"
mkdir -p "$T/s/static/zwgk/Dongtai"
echo x > "$T/s/static/zwgk/Dongtai/index.html"
expect "a static file at a column's redirect, in another case" <<'X'
content/news/_index.md:4:11: error: output /zwgk/dongtai/index.html differs from /zwgk/Dongtai/index.html (static/zwgk/Dongtai/index.html) only in case or Unicode normalisation
  hint: rename one: on a case-insensitive or normalising file system (out/ copied to Windows or a Mac) one would overwrite the other
govpub: build failed: 1 error; OUT/preview is unchanged
X
"$GOVPUB" check --site "$T/s" > "$T/said" 2>&1
check_eq "a static file at a column's redirect, in another case: govpub check says it" \
  "$?:$(grep -A1 'zwgk/dongtai/index.html differs' "$T/said" | sed "s#$T/s/##g")" \
  "1:content/news/_index.md:4:11: error: [站点内容] output /zwgk/dongtai/index.html differs from /zwgk/Dongtai/index.html (static/zwgk/Dongtai/index.html) only in case or Unicode normalisation
  hint: rename one: on a case-insensitive or normalising file system (out/ copied to Windows or a Mac) one would overwrite the other"

# The redirect is a layout (alias: layouts/alias.mustache, the theme's
# unless the site has its own, Hugo's layouts/alias.html): its values
# escaped, its link as the build's links are written (root, a sub-path,
# index.html links for opening from disk), the layout and what it includes
# recorded as inputs of the pages with aliases (an article's, a column's)
rm -rf "$T/s" && site_copy mini s
sed -i 's#^description: .*#&\naliases: [/zwgk/dongtai/]#; s#^title: .*#title: "动态 <\&> \\"引\\" '"'"'单'"'"'"#' \
  "$T/s/content/news/_index.md"
mkdir -p "$T/s/layouts/partials"
cat > "$T/s/layouts/alias.mustache" <<'X'
<title>{{page.title}}</title><link rel="stylesheet" href="{{site.css_url}}">
<meta http-equiv="refresh" content="0; url={{page.url}}">
<a href="{{page.url}}" data-permalink="{{page.permalink}}" data-kind="{{page.kind}}">{{> partials/moved}}</a>
X
printf '已迁移（{{site.title}}）' > "$T/s/layouts/partials/moved.mustache"
# redirect_in NAME BASE_URL RELATIVE WANT WANT2: the column's redirect
# built so, and the one of its list's page 2
redirect_in() {
  sed -i "s#^base_url: .*#base_url: $2#; /^relative_urls:/d; \$a relative_urls: $3" "$T/s/site.yaml"
  rm -rf "$T/out"
  "$GOVPUB" build --site "$T/s" --out "$T/out" -q 2>"$T/err"
  check_eq "the site's alias layout, $1: built, nothing said" "$?:$(cat "$T/err")" "0:"
  check_eq "the site's alias layout, $1" "$(cat "$T/out/preview/zwgk/dongtai/index.html")" "$4"
  check_eq "the site's alias layout, $1: page 2" "$(cat "$T/out/preview/zwgk/dongtai/page/2/index.html")" "$5"
}
t='动态 &lt;&amp;&gt; &quot;引&quot; &#39;单&#39;'
redirect_in "links from the root" https://www.test.gov.cn/ false "<title>$t</title><link rel=\"stylesheet\" href=\"/css/site.css\">
<meta http-equiv=\"refresh\" content=\"0; url=/news/\">
<a href=\"/news/\" data-permalink=\"https://www.test.gov.cn/news/\" data-kind=\"alias\">已迁移（测试区人民政府）</a>" \
  "<title>$t</title><link rel=\"stylesheet\" href=\"/css/site.css\">
<meta http-equiv=\"refresh\" content=\"0; url=/news/page/2/\">
<a href=\"/news/page/2/\" data-permalink=\"https://www.test.gov.cn/news/page/2/\" data-kind=\"alias\">已迁移（测试区人民政府）</a>"
redirect_in "under a sub-path" https://www.test.gov.cn/qz/ false "<title>$t</title><link rel=\"stylesheet\" href=\"/qz/css/site.css\">
<meta http-equiv=\"refresh\" content=\"0; url=/qz/news/\">
<a href=\"/qz/news/\" data-permalink=\"https://www.test.gov.cn/qz/news/\" data-kind=\"alias\">已迁移（测试区人民政府）</a>" \
  "<title>$t</title><link rel=\"stylesheet\" href=\"/qz/css/site.css\">
<meta http-equiv=\"refresh\" content=\"0; url=/qz/news/page/2/\">
<a href=\"/qz/news/page/2/\" data-permalink=\"https://www.test.gov.cn/qz/news/page/2/\" data-kind=\"alias\">已迁移（测试区人民政府）</a>"
redirect_in "opened from disk" https://www.test.gov.cn/ true "<title>$t</title><link rel=\"stylesheet\" href=\"../../css/site.css\">
<meta http-equiv=\"refresh\" content=\"0; url=../../news/index.html\">
<a href=\"../../news/index.html\" data-permalink=\"https://www.test.gov.cn/news/\" data-kind=\"alias\">已迁移（测试区人民政府）</a>" \
  "<title>$t</title><link rel=\"stylesheet\" href=\"../../../../css/site.css\">
<meta http-equiv=\"refresh\" content=\"0; url=../../../../news/page/2/index.html\">
<a href=\"../../../../news/page/2/index.html\" data-permalink=\"https://www.test.gov.cn/news/page/2/\" data-kind=\"alias\">已迁移（测试区人民政府）</a>"
sed -i 's#^title: .*#&\naliases: [/old/b/]#' "$T/s/content/news/b.md"
"$GOVPUB" build --site "$T/s" --out "$T/out" -q --inputs > "$T/inputs"
check_eq "the alias layout: an input of each page with aliases, as the site's overrides the theme's" \
  "$(grep 'alias\|moved' "$T/inputs")" "$(printf '%s\n' \
  "content/news/_index.md	layouts/alias.mustache" "content/news/_index.md	layouts/partials/moved.mustache" \
  "content/news/a.md	layouts/alias.mustache" "content/news/a.md	layouts/partials/moved.mustache" \
  "content/news/b.md	layouts/alias.mustache" "content/news/b.md	layouts/partials/moved.mustache")"

# what is wrong with the alias layout is said once, at the template, as it
# stops the first redirect (content/news/a.md's /old/a/: the articles come
# first, newest first), with one note there counting the redirects not
# rendered (b.md's /old/b/, the column's /zwgk/dongtai/): not once per
# redirect; the note follows the errors of the template at fault, which it
# explains
echo '{{#page.title}}<a href="{{page.url}}">' > "$T/s/layouts/alias.mustache"
expect "the alias layout does not compile" <<'X'
layouts/alias.mustache:1:1: error: '{{#page.title}}' is never closed
  hint: add '{{/page.title}}' where it ends
content/news/a.md:7:11: note: not rendered: the redirect of alias /old/a/ and 2 more (layout "alias" has errors)
govpub: build failed: 1 error; OUT/preview is unchanged
X
echo '{{> partials/gone}}' > "$T/s/layouts/alias.mustache"
expect "the alias layout includes what does not exist: said once" <<'X'
layouts/alias.mustache:1:1: error: partial 'partials/gone' not found (rendering content/news/a.md)
  hint: looked for layouts/partials/gone.mustache, themes/plain/layouts/partials/gone.mustache
content/news/a.md:7:11: note: not rendered: the redirect of alias /old/a/ and 2 more (layout "alias" has errors)
govpub: build failed: 1 error; OUT/preview is unchanged
X
printf '<meta http-equiv="refresh" content="0; url={{page.url}}">{{> partials/moved}}' > "$T/s/layouts/alias.mustache"
echo '{{#site.title}}已迁移' > "$T/s/layouts/partials/moved.mustache"
expect "the alias layout includes a template that does not compile: said once, at it" <<'X'
layouts/partials/moved.mustache:1:1: error: '{{#site.title}}' is never closed
  hint: add '{{/site.title}}' where it ends
content/news/a.md:7:11: note: not rendered: the redirect of alias /old/a/ and 2 more (layout "alias" has errors)
govpub: build failed: 1 error; OUT/preview is unchanged
X
printf '已迁移（{{site.title}}）' > "$T/s/layouts/partials/moved.mustache"

# a redirect must send readers on: a layout whose page has no meta refresh
# to page.url (as written: here a link for opening from disk, relative_urls) at once is one error, at
# the layout, whichever it is (the site's own, the theme's): at its meta
# refresh (line 8 of the plain theme's) when it has one, else at its <head>
# (line 3; a refresh in a comment is none), else at 1:1
# refresh_to TEMPLATE_LINE: the site's alias layout, the plain theme's with
# its meta refresh so
refresh_to() {
  sed "s#<meta http-equiv=\"refresh\".*#$1#" "$ROOT/tests/fixtures/mini/themes/plain/layouts/alias.mustache" \
    > "$T/s/layouts/alias.mustache"
}
# no_refresh WHAT AT: the error said at AT (line:col) of the site's alias layout
no_refresh() {
  expect "the site's alias layout with $1: said at $2" <<X
layouts/alias.mustache:$2: error: the redirect of alias /old/a/ does not send readers on: it has no <meta http-equiv="refresh" content="0; url=../../news/a/index.html">
  hint: keep <meta http-equiv="refresh" content="0; url={{page.url}}"> in <head>
content/news/a.md:7:11: note: not rendered: the redirect of alias /old/a/ and 2 more (layout "alias" has errors)
govpub: build failed: 1 error; OUT/preview is unchanged
X
}
for bad in '3:1|' '8:1|<meta http-equiv="refresh" content="0; url={{site.home_url}}">' \
  '8:1|<meta http-equiv="refresh" content="30; url={{page.url}}">' \
  '3:1|<!-- <meta http-equiv="refresh" content="0; url={{page.url}}"> -->'; do
  refresh_to "${bad#*|}"
  no_refresh "«${bad#*|}» for its meta refresh" "${bad%%|*}"
done
# columns in characters, past a <title>'s text; the first refresh decides
printf '<html>\n  <head><title>已迁移</title><meta http-equiv="refresh" content="5; url={{page.url}}">\n</head><body><meta http-equiv="refresh" content="0; url={{page.url}}"></body></html>\n' \
  > "$T/s/layouts/alias.mustache"
no_refresh "a refresh of 5 s after its title" 2:27
printf '\n\n<p>本页已迁移至 <a href="{{page.url}}">{{page.title}}</a></p>\n' > "$T/s/layouts/alias.mustache"
no_refresh "no <head> nor refresh" 1:1
rm "$T/s/layouts/alias.mustache"
sed -i 's#http-equiv="refresh" content="0; url=#http-equiv="refresh" content="0; url=/x#' "$T/s/themes/plain/layouts/alias.mustache"
expect "the theme's alias layout, its meta refresh sending readers elsewhere" <<'X'
themes/plain/layouts/alias.mustache:8:1: error: the redirect of alias /old/a/ does not send readers on: it has no <meta http-equiv="refresh" content="0; url=../../news/a/index.html">
  hint: keep <meta http-equiv="refresh" content="0; url={{page.url}}"> in <head>
content/news/a.md:7:11: note: not rendered: the redirect of alias /old/a/ and 2 more (layout "alias" has errors)
govpub: build failed: 1 error; OUT/preview is unchanged
X
# restyled, the meta refresh kept in another spelling a browser follows: written
refresh_to "<META HTTP-EQUIV=Refresh CONTENT='0;URL=\"{{page.url}}\"'>"
"$GOVPUB" build --site "$T/s" --out "$T/out" -q 2>"$T/err"
check_eq "the site's alias layout, the meta refresh spelled otherwise: built, nothing said" \
  "$?:$(cat "$T/err"):$(grep -c "CONTENT='0;URL=\"../../news/a/index.html\"'" "$T/out/preview/old/a/index.html")" "0::1"
rm "$T/s/layouts/alias.mustache" "$T/s/themes/plain/layouts/alias.mustache"
# the hint names the default theme's copy (GOVPUB_DATADIR: here the checkout)
export GOVPUB_DATADIR="$ROOT"
expect "no alias layout, in the site or its theme" <<X
content/news/a.md:7:11: error: no layout found (tried alias.mustache)
  hint: add one of these layouts to the theme or the site's layouts/ (govpub's default theme has its own in $(cd "$ROOT" && pwd -P)/themes/default/layouts/)
govpub: build failed: 1 error; OUT/preview is unchanged
X
unset GOVPUB_DATADIR

# govpub check: a list published at a column's old address (before the
# move) is served by the alias's redirects, as many pages as the column's
# list has now; fewer than were published, a warning at the alias, as for
# any list that got shorter (docs/check.md)
rm -rf "$T/s" && site_copy mini s
sed -i '/^draft: true/d' "$T/s/content/news/c.md"
printf -- '---\ntitle: 动态四\ndate: 2024-01-04\n---\n正文。\n' > "$T/s/content/news/e.md"
printf -- '---\ntitle: 动态五\ndate: 2024-01-05\n---\n正文。\n' > "$T/s/content/news/f.md"
sed -i 's#^description: .*#&\naliases: [/zwgk/dongtai/]#' "$T/s/content/news/_index.md"
"$GOVPUB" build --site "$T/s" --out "$T/sout" -q 2>/dev/null
ln -s preview "$T/sout/current"
cp "$T/sout/current/published-dates.tsv" "$T/pub"
# moved_list N: the served release published the list at /zwgk/dongtai/ with N pages
moved_list() {
  { cat "$T/pub"; printf '#list\t/zwgk/dongtai/'; n=2; while [ $n -le "$1" ]; do printf '\t/zwgk/dongtai/page/%s/' $n; n=$((n + 1)); done; echo; } \
    > "$T/sout/current/published-dates.tsv"
  "$GOVPUB" check --site "$T/s" --out "$T/sout" --today 2024-03-10 > "$T/said" 2>&1
}
moved_list 3
check_eq "a moved column's list, its 3 pages redirected: no 死链 item" "$(grep -c '死链' "$T/said")" 0
moved_list 4
check_eq "a moved column's list, published with more pages than it has now: a warning at the alias" \
  "$(grep -A1 '\[死链\]' "$T/said" | sed "s#$T/s/##g")" \
  "content/news/_index.md:4:11: warning: [死链] the list published at /zwgk/dongtai/ had 4 pages and is this page's alias (a redirect to /news/) now: /zwgk/dongtai/page/4/ is no longer built
  hint: nothing to do if its items went on purpose (each one's own address is checked): a list's further pages show other items after every publish, and an old link past its last page lands on the 404 page; once this is published, the warning is not said again"

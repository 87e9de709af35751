#!/bin/sh
# Bad input: the exact diagnostics (every problem of a run, sorted), exit 1,
# and nothing served changes.
. "$(dirname "$0")/lib.sh"

fresh() { rm -rf "$T/s"; cp -R "$ROOT/tests/fixtures/mini" "$T/s"; }

fresh
"$GOVPUB" build --site "$T/s" --out "$T/out" -q
check_eq "baseline build" "$?" 0

fresh
sed -i 's/^doc_no: .*/doc_no: 测政发[2024]01号/; s/^written: .*/written: 2024-02-30/; s/^index_no: .*/index_no: 2024-1/' "$T/s/content/policy/rules.md"
sed -i 's/^date: 2024-02-10/date: 2024-13-10/' "$T/s/content/news/b.md"
expect "field formats" <<'X'
content/news/b.md:3:7: error: "date" is not a valid date and time: "2024-13-10"
  hint: there is no month 13: months run from 01 to 12 (write it as 2024-11-20 or 2024-11-20T10:12:00+08:00)
content/policy/rules.md:4:11: error: "index_no" "2024-1" is not a valid 索引号
  hint: write 索引号 as <机构代码>/<年份>-<5位序号>, e.g. 11530199MB0000000X/2024-00012
content/policy/rules.md:7:10: error: "written" is not a valid date: "2024-02-30"
  hint: 2024-02 has 29 days (write the date as YYYY-MM-DD, e.g. 2024-11-20)
content/policy/rules.md:8:9: error: "doc_no" "测政发[2024]01号" is not a valid 文号: the year must stand in six-corner brackets 〔〕, not [] () 【】 or （）
  hint: write 文号 like 区数据资源局〔2024〕12号
govpub: build failed: 4 errors; OUT/preview is unchanged
X

fresh
printf -- '---\ntitle: [未闭合\n---\n正文\n' > "$T/s/content/news/e.md"
printf -- 'title: 没有前置元数据\n' > "$T/s/content/news/f.md"
printf -- '+++\r\ntitle = "Hugo 的写法"\r\n+++\r\n正文\r\n' > "$T/s/content/news/g.md"
expect "YAML syntax, missing front matter, Hugo's TOML front matter" <<'X'
content/news/e.md:2:8: error: invalid YAML: did not find expected ',' or ']' at line 3, column 1, while parsing a flow sequence that starts here
  hint: close the [ or { that starts here, with commas between its items
content/news/f.md:1:1: error: missing front matter
  hint: start the file with a --- line, the YAML fields, and another --- line
content/news/g.md:1:1: error: TOML front matter (+++) is not read: govpub's front matter is YAML
  hint: write the fields as YAML between two --- lines (title: "…", not title = "…")
govpub: build failed: 3 errors; OUT/preview is unchanged
X

fresh
printf -- '---\ntitle: "未闭合\ndate: 2024-01-01\n---\n正文\n' > "$T/s/content/news/e.md"
printf -- '---\ntitle: 标题\n来源\ndate: 2024-01-01\n---\n正文\n' > "$T/s/content/news/f.md"
printf -- '---\ntitle: 标题\n\tdate: 2024-01-01\n---\n正文\n' > "$T/s/content/news/g.md"
expect "YAML errors stand where the editor mends them: an open quote, a key without its colon; a tab where it is" <<'X'
content/news/e.md:2:8: error: invalid YAML: found unexpected end of stream at line 4, column 1, while scanning a quoted scalar that starts here
  hint: end the quoted value with the quote mark it starts with, or write it without quotes
content/news/f.md:3:1: error: invalid YAML: could not find expected ':' at line 4, column 1, while scanning a simple key that starts here
  hint: end the key with a colon and a space, like title: 标题
content/news/g.md:3:1: error: invalid YAML: found a tab character that violates indentation while scanning a plain scalar
  hint: check indentation, colons and quotes around this spot
govpub: build failed: 3 errors; OUT/preview is unchanged
X

fresh
printf -- '---\ntitle:\ndate: 2024-03-01\naliases: [/old/x/]\ntags: [数据]\n---\n正文\n' > "$T/s/content/news/e.md"
printf -- '---\ntitle: [一, 二]\ndate: 2024-03-02\naliases: [/old/y/]\n---\n正文\n' > "$T/s/content/news/f.md"
expect "a title empty or not one value, on pages with aliases: each said once, where it stands (no crash writing the redirects)" <<'X'
content/news/e.md:2:7: error: missing required field "title"
  hint: fill in `title:`
content/news/f.md:2:8: error: "title" must be a single value
  hint: write the title as one line of text
govpub: build failed: 2 errors; OUT/preview is unchanged
X

fresh
sed -i 's#^aliases: .*#aliases: [/old/a/, /search/, /News/Page/2/, /x/, /x/, /TAGS/数据/, /page/3/, /y/page/2/, /tags/数据/page/2/, /topics/, /tags/会议/]#' "$T/s/content/news/a.md"
sed -i 's#^title: \(.*\)#title: \1\naliases: [/X/, /old/a/, /policy/rules/]#' "$T/s/content/news/b.md"
expect "aliases: where govpub writes its own pages (in any case; a tag's folder while a page has the tag), given twice, on two pages, differing only in case, a page's URL; each said once, at the alias" <<'X'
content/news/a.md:7:20: error: alias /search/ is where govpub writes the search page
  hint: remove the alias: that address is not free
content/news/a.md:7:30: error: alias /News/Page/2/ is where govpub writes a further page of its column's list
  hint: remove the alias: that address is not free
content/news/a.md:7:50: error: alias /x/ is given twice
  hint: remove one of them
content/news/a.md:7:55: error: alias /TAGS/数据/ is where govpub writes the 标签 pages
  hint: remove the alias: that address is not free
content/news/a.md:7:66: error: alias /page/3/ is where govpub writes a further page of the home page's list
  hint: remove the alias: that address is not free
content/news/a.md:7:88: error: alias /tags/数据/page/2/ is where govpub writes the 标签 pages
  hint: remove the alias: that address is not free
content/news/a.md:7:106: error: alias /topics/ is where govpub writes the 专题 pages
  hint: remove the alias: that address is not free
content/news/a.md:7:116: error: alias /tags/会议/ is the 标签 page of "会议", which content/news/a.md has
  hint: remove the alias: while a page has it, the 标签 page answers there itself
content/news/b.md:3:11: error: alias /X/ differs from the alias /x/ of content/news/a.md only in case or Unicode normalisation
  hint: remove the alias or rename it: a server on a case-insensitive or normalising file system (Windows, macOS) would serve one redirect for both
content/news/b.md:3:16: error: alias /old/a/ is also an alias of content/news/a.md
  hint: keep the alias on one page: it can send readers to one only
content/news/b.md:3:25: error: alias /policy/rules/ is the URL of content/policy/rules.md
  hint: remove the alias or move the other page
govpub: build failed: 11 errors; OUT/preview is unchanged
X

# aliases at a file or a folder govpub writes beside the pages (the root's
# and a column's, in any case; not a page/N/ of a list but in its folder):
# each said at its alias, with no "output written twice" after it
fresh
sed -i 's#^aliases: .*#aliases: [/sitemap.xml, /robots.txt, /index.xml, /404.html, /News/Index.XML/, /sitemap-1.xml, /published-dates.tsv, /policy/jiedu/page/x/, /old/b/]#' "$T/s/content/news/a.md"
expect "aliases: at what govpub writes at the root and in a column, each said once at the alias" <<'X'
content/news/a.md:7:11: error: alias /sitemap.xml/ is where govpub writes the sitemap (/sitemap.xml)
  hint: remove the alias: that address is not free
content/news/a.md:7:25: error: alias /robots.txt/ is where govpub writes the site's robots.txt (/robots.txt)
  hint: remove the alias: that address is not free
content/news/a.md:7:38: error: alias /index.xml/ is where govpub writes the site's feed (/index.xml)
  hint: remove the alias: that address is not free
content/news/a.md:7:50: error: alias /404.html/ is where govpub writes the page of an address that does not exist (/404.html)
  hint: remove the alias: that address is not free
content/news/a.md:7:61: error: alias /News/Index.XML/ is where govpub writes the feed of news (/news/index.xml)
  hint: remove the alias: that address is not free
content/news/a.md:7:79: error: alias /sitemap-1.xml/ is where govpub writes a part of the sitemap (/sitemap-1.xml, …)
  hint: remove the alias: that address is not free
content/news/a.md:7:95: error: alias /published-dates.tsv/ is where govpub writes the dates pages were first published (/published-dates.tsv)
  hint: remove the alias: that address is not free
content/news/a.md:7:117: error: alias /policy/jiedu/page/x/ is where govpub writes the further pages of the list of policy/jiedu (/policy/jiedu/page/2/, …)
  hint: remove the alias: that address is not free
govpub: build failed: 8 errors; OUT/preview is unchanged
X

# A page or a column named as what its column's list writes: page/ (the
# further list pages, /news/page/2/: Hugo keeps page/ in a section too),
# index.html and index.xml (the list and the feed), in any case; at the
# slug when one names it, else at the file (a column: at site.yaml).  The
# page news/page.md would be beside /news/page/2/ only while news has more
# than one list page: refused whatever its length, so that no new article
# makes a page's address a list's.
fresh
printf -- '---\ntitle: 页\ndate: 2024-03-01\n---\n正文\n' > "$T/s/content/news/page.md"
printf -- '---\ntitle: 页\ndate: 2024-03-01\nslug: Page\n---\n正文\n' > "$T/s/content/news/e.md"
printf -- '---\ntitle: 页\ndate: 2024-03-01\n---\n正文\n' > "$T/s/content/page.md"
expect "a page named page/ in a column (not at the root, whose list has no further pages)" <<'X'
content/news/e.md:4:7: error: URL /news/Page/ is where govpub writes the further pages of the list of news (/news/page/2/, …)
  hint: choose another slug (a column's page/, index.html and index.xml are govpub's)
content/news/page.md:1:1: error: URL /news/page/ is where govpub writes the further pages of the list of news (/news/page/2/, …)
  hint: rename the file, or give the page a slug: (a column's page/, index.html and index.xml are govpub's)
content/page.md:1:1: error: unknown content type "page"
  hint: declare the type under types: in site.yaml, or use one that is declared
govpub: build failed: 3 errors; OUT/preview is unchanged
X
fresh
mkdir "$T/s/content/news/page"
printf -- '---\ntitle: 分页\n---\n' > "$T/s/content/news/page/_index.md"
sed -i 's#^  policy/jiedu:.*#&\n  news/page: {class: 动态, type: news}#' "$T/s/site.yaml"
expect "a column news/page" <<'X'
site.yaml:27:3: error: column "news/page" is where govpub writes the further pages of the list of news (/news/page/2/, …)
  hint: rename the folder and its entry under columns: (a column's page/, index.html and index.xml are govpub's)
govpub: build failed: 1 error; OUT/preview is unchanged
X
"$GOVPUB" check --site "$T/s" > "$T/said" 2>&1
check_eq "a column news/page: govpub check says it, without a build" "$?:$(grep -A1 'govpub writes' "$T/said" | sed "s#$T/s/##")" \
"1:site.yaml:27:3: error: [站点内容] column \"news/page\" is where govpub writes the further pages of the list of news (/news/page/2/, …)
  hint: rename the folder and its entry under columns: (a column's page/, index.html and index.xml are govpub's)"
# a feed's name: the folder index.xml/ where the feed is a file — said once,
# at the page (its output is not written: no "output written twice" after)
fresh
printf -- '---\ntitle: 源\ndate: 2024-03-01\n---\n正文\n' > "$T/s/content/news/index.xml.md"
expect "a page named as its column's feed" <<'X'
content/news/index.xml.md:1:1: error: URL /news/index.xml/ is where govpub writes the feed of news (/news/index.xml)
  hint: rename the file, or give the page a slug: (a column's page/, index.html and index.xml are govpub's)
govpub: build failed: 1 error; OUT/preview is unchanged
X

# What govpub writes at the site's root after the pages (404.html,
# robots.txt, the sitemap and its parts, published-dates.tsv, search/,
# tags/, topics/; the home page and its feed), in any case: a page or a
# column named so is said at its file, slug or site.yaml entry, once — not
# as "output written twice" at the output besides (its outputs, and its
# column's, are not written).  topics/ and sitemap-2.xml are refused though
# this site writes neither yet: a new topic or page must not make them clash.
fresh
for n in 404.html robots.txt Sitemap.xml sitemap-2.xml published-dates.tsv topics tags; do
  printf -- '---\ntitle: 根\ndate: 2024-03-01\ntype: news\n---\n正文\n' > "$T/s/content/$n.md"
done
printf -- '---\ntitle: 根\ndate: 2024-03-01\ntype: news\nslug: search\n---\n正文\n' > "$T/s/content/find.md"
mkdir "$T/s/content/Search"
printf -- '---\ntitle: 搜索\n---\n' > "$T/s/content/Search/_index.md"
printf -- '---\ntitle: 一\ndate: 2024-03-01\n---\n正文\n' > "$T/s/content/Search/a.md"
sed -i 's#^  policy/jiedu:.*#&\n  Search: {class: 动态, type: news}#' "$T/s/site.yaml"
root_hint="at the site's root, index.html, index.xml, 404.html, robots.txt, sitemap.xml, published-dates.tsv, search/, tags/ and topics/ are govpub's"
sed "s#ROOT#$root_hint#" <<'X' > "$T/root-want"
content/404.html.md:1:1: error: URL /404.html/ is where govpub writes the page of an address that does not exist (/404.html)
  hint: rename the file, or give the page a slug: (ROOT)
content/Sitemap.xml.md:1:1: error: URL /Sitemap.xml/ is where govpub writes the sitemap (/sitemap.xml)
  hint: rename the file, or give the page a slug: (ROOT)
content/find.md:5:7: error: URL /search/ is where govpub writes the search page and its index (/search/)
  hint: choose another slug (ROOT)
content/published-dates.tsv.md:1:1: error: URL /published-dates.tsv/ is where govpub writes the dates pages were first published (/published-dates.tsv)
  hint: rename the file, or give the page a slug: (ROOT)
content/robots.txt.md:1:1: error: URL /robots.txt/ is where govpub writes the site's robots.txt (/robots.txt)
  hint: rename the file, or give the page a slug: (ROOT)
content/sitemap-2.xml.md:1:1: error: URL /sitemap-2.xml/ is where govpub writes a part of the sitemap (/sitemap-1.xml, …)
  hint: rename the file, or give the page a slug: (ROOT)
content/tags.md:1:1: error: URL /tags/ is where govpub writes the list of tags (/tags/)
  hint: rename the file, or give the page a slug: (ROOT)
content/topics.md:1:1: error: URL /topics/ is where govpub writes the list of topics (/topics/)
  hint: rename the file, or give the page a slug: (ROOT)
site.yaml:27:3: error: column "Search" is where govpub writes the search page and its index (/search/)
  hint: rename the folder and its entry under columns: (ROOT)
govpub: build failed: 9 errors; OUT/preview is unchanged
X
expect "pages and a column named as what govpub writes at the root: one error each, at the source" < "$T/root-want"
"$GOVPUB" check --site "$T/s" > "$T/said" 2>&1
check_eq "names govpub writes at the root: govpub check says them, without a build" \
  "$?:$(grep -c '\[站点内容\] .* is where govpub writes' "$T/said")" "1:9"

# Static files (the site's and the theme's) where govpub writes something
# of its own, in any case: what it writes at the root (404.html, the
# sitemap and its parts, the home page and its feed, published-dates.tsv,
# search/, tags/, topics/ — refused though this site has no topic yet) and
# in a column (its list, feed and page/).  Each said once, at the file or
# at the folder named so (static/Search/ and its files: one error; the
# theme's search/ another), before anything is written; none is copied, so
# no "output written twice" follows.  robots.txt as it is named is the
# site's own (build_output.sh, publish.sh): another case of it is told so.
fresh
mkdir -p "$T/s/static/Search/js" "$T/s/static/tags/数据" "$T/s/static/topics" "$T/s/static/news/page/2" \
  "$T/s/static/policy/jiedu" "$T/s/themes/plain/static/search"
for f in 404.html Sitemap.xml sitemap-2.xml index.html index.xml published-dates.tsv Robots.txt Search/index.html \
  Search/js/a.js tags/数据/index.html topics/x.txt news/index.xml news/page/2/index.html policy/jiedu/Index.HTML; do
  echo x > "$T/s/static/$f"
done
echo x > "$T/s/themes/plain/static/search/site.css"
col_hint="a column's page/, index.html and index.xml are govpub's"
sed "s#ROOT#$root_hint#; s#COLUMN#$col_hint#" <<'X' > "$T/static-want"
static/404.html:1:1: error: static file /404.html is where govpub writes the page of an address that does not exist (/404.html)
  hint: make the page of a missing address with the layout 404 (layouts/404.mustache, docs/templates.md), or rename the file
static/Robots.txt:1:1: error: static file /Robots.txt is where govpub writes the site's robots.txt (/robots.txt)
  hint: name it robots.txt, in lower case: the site's own robots.txt is published in place of govpub's (docs/operators.md)
static/Search: error: static folder /Search/ is where govpub writes the search page and its index (/search/)
  hint: rename the folder or move it, and the links to its files (ROOT)
static/Sitemap.xml:1:1: error: static file /Sitemap.xml is where govpub writes the sitemap (/sitemap.xml)
  hint: rename the file or move it, and the links to it (ROOT)
static/index.html:1:1: error: static file /index.html is where govpub writes the home page (/index.html)
  hint: rename the file or move it, and the links to it (ROOT)
static/index.xml:1:1: error: static file /index.xml is where govpub writes the site's feed (/index.xml)
  hint: rename the file or move it, and the links to it (ROOT)
static/news/index.xml:1:1: error: static file /news/index.xml is where govpub writes the feed of news (/news/index.xml)
  hint: rename the file or move it, and the links to it (COLUMN)
static/news/page: error: static folder /news/page/ is where govpub writes the further pages of the list of news (/news/page/2/, …)
  hint: rename the folder or move it, and the links to its files (COLUMN)
static/policy/jiedu/Index.HTML:1:1: error: static file /policy/jiedu/Index.HTML is where govpub writes the list of policy/jiedu (/policy/jiedu/index.html)
  hint: rename the file or move it, and the links to it (COLUMN)
static/published-dates.tsv:1:1: error: static file /published-dates.tsv is where govpub writes the dates pages were first published (/published-dates.tsv)
  hint: rename the file or move it, and the links to it (ROOT)
static/sitemap-2.xml:1:1: error: static file /sitemap-2.xml is where govpub writes a part of the sitemap (/sitemap-1.xml, …)
  hint: rename the file or move it, and the links to it (ROOT)
static/tags: error: static folder /tags/ is where govpub writes the list of tags (/tags/)
  hint: rename the folder or move it, and the links to its files (ROOT)
static/topics: error: static folder /topics/ is where govpub writes the list of topics (/topics/)
  hint: rename the folder or move it, and the links to its files (ROOT)
themes/plain/static/search: error: static folder /search/ is where govpub writes the search page and its index (/search/)
  hint: rename the folder or move it, and the links to its files (ROOT)
govpub: build failed: 14 errors; OUT/preview is unchanged
X
expect "static files and folders where govpub writes: one error each, at the file or folder" < "$T/static-want"
"$GOVPUB" check --site "$T/s" > "$T/said" 2>&1
check_eq "static files where govpub writes: govpub check says them, without a build" \
  "$?:$(grep -c '\[站点内容\] static .* is where govpub writes' "$T/said")" "1:14"

# Static files at a page's own output (news/a/index.html, the page of
# content/news/a.md; old/a/index.html, the redirect of its alias /old/a/)
# and at a chart's (the chart rev's figure, its phones'
# version and the copy of its CSV, charts/rev.csv): said at the file as
# those are, not copied, no "output written twice" at the output.  One in
# another case (static/news/B/index.html) is the build's to say as it
# writes it, naming both (hostile_paths.sh); beside a page's folder, a
# static file is the page's attachment (static/news/a/x.txt).  govpub
# check says the page's; a chart's files are named only by rendering.
fresh
mkdir -p "$T/s/static/news/a" "$T/s/static/news/B" "$T/s/static/charts" "$T/s/static/old/a"
for f in news/a/index.html old/a/index.html news/a/x.txt news/B/index.html charts/rev.svg charts/rev.narrow.svg charts/rev.csv charts/other.svg; do
  echo x > "$T/s/static/$f"
done
expect "static files at a page's or a chart's output: one error each, at the file" <<'X'
content/news/b.md:1:1: error: output /news/b/index.html differs from /news/B/index.html (static/news/B/index.html) only in case or Unicode normalisation
  hint: rename one: on a case-insensitive or normalising file system (out/ copied to Windows or a Mac) one would overwrite the other
static/charts/rev.csv:1:1: error: static file /charts/rev.csv is where govpub writes the copy of charts/rev.csv, the data of its charts
  hint: rename the file or move it, and the links to it (a chart's charts/<id>.svg and .narrow.svg and the copy of its data file are govpub's)
static/charts/rev.narrow.svg:1:1: error: static file /charts/rev.narrow.svg is where govpub writes the phones' version of the chart of charts/rev.yaml
  hint: rename the file or move it, and the links to it (a chart's charts/<id>.svg and .narrow.svg and the copy of its data file are govpub's)
static/charts/rev.svg:1:1: error: static file /charts/rev.svg is where govpub writes the chart of charts/rev.yaml
  hint: rename the file or move it, and the links to it (a chart's charts/<id>.svg and .narrow.svg and the copy of its data file are govpub's)
static/news/a/index.html:1:1: error: static file /news/a/index.html is where govpub writes the page of content/news/a.md
  hint: rename the file or move it, and the links to it (a page's folder is its URL: govpub writes its index.html)
static/old/a/index.html:1:1: error: static file /old/a/index.html is where govpub writes the redirect of the alias /old/a/ of content/news/a.md
  hint: rename the file or move it, and the links to it (an alias's folder is the old address of a page: govpub writes the redirect to the page there)
govpub: build failed: 6 errors; OUT/preview is unchanged
X
"$GOVPUB" check --site "$T/s" > "$T/said" 2>&1
check_eq "a static file at a page's output: govpub check says it, without a build" \
  "$?:$(grep '\[站点内容\] static .* is where govpub writes' "$T/said" | sed "s#$T/s/##g")" \
  "1:static/news/a/index.html:1:1: error: [站点内容] static file /news/a/index.html is where govpub writes the page of content/news/a.md
static/old/a/index.html:1:1: error: [站点内容] static file /old/a/index.html is where govpub writes the redirect of the alias /old/a/ of content/news/a.md"

# A static file at an alias's redirect is found as the alias is spelled
# (site_alias_page, of the site's one map of aliases): in another case
# (static/old/A/ for news/a.md's /old/a/) it is the build's to say as it
# writes the redirect; an alias differing from a page's URL only in case
# is said and still written, so a static file at it is said too.
fresh
mkdir -p "$T/s/static/old/A" "$T/s/static/News/A"
echo x > "$T/s/static/old/A/index.html"
echo x > "$T/s/static/News/A/index.html"
sed -i 's#^title: \(.*\)#title: \1\naliases: [/News/A/]#' "$T/s/content/news/b.md"
expect "static files at an alias's redirect: as the alias is spelled" <<'X'
content/news/a.md:7:11: error: output /old/a/index.html differs from /old/A/index.html (static/old/A/index.html) only in case or Unicode normalisation
  hint: rename one: on a case-insensitive or normalising file system (out/ copied to Windows or a Mac) one would overwrite the other
content/news/b.md:3:11: error: alias /News/A/ differs from /news/a/ (content/news/a.md) only in case or Unicode normalisation
  hint: remove the alias or rename it: a server on a case-insensitive or normalising file system (Windows, macOS) would serve the redirect for the page or the page for it
static/News/A/index.html:1:1: error: static file /News/A/index.html is where govpub writes the redirect of the alias /News/A/ of content/news/b.md
  hint: rename the file or move it, and the links to it (an alias's folder is the old address of a page: govpub writes the redirect to the page there)
govpub: build failed: 3 errors; OUT/preview is unchanged
X

# Names under content/ (docs/editors.md): any script (会议纪要.md), but
# valid UTF-8 without control, invisible or reordering characters and
# nothing Windows refuses (\ : * ? " < > |, CON, NUL, …) — said at the file
# (1:1) or the folder; what names a URL (a folder, a file without slug:)
# also without what a URL cannot hold (a space, # % [ ] ^ ` { }) nor a "."
# at its start or end: for a file, a slug: mends that.
fresh
N=$T/s/content/news
for n in "$(printf '\263\307')" "$(printf 'a\342\200\250b')" "$(printf 'ab\342\200\256cd')" "$(printf 'pu\356\200\200a')" \
         'a:b' 'Con' 'x y' '会议 纪要' 'x#1' 'p%20q' 'v1.' 会议纪要; do
  printf -- '---\ntitle: 名\ndate: 2024-03-01\n---\n正文\n' > "$N/$n.md"
done
printf -- '---\ntitle: 名\ndate: 2024-03-01\nslug: with-slug\n---\n正文\n' > "$N/with slug.md"
printf -- '---\ntitle: 名\ndate: 2024-03-01\nslug: "a:b"\n---\n正文\n' > "$N/slugged.md"
mkdir "$T/s/content/a b" "$N/$(printf '\263')"
expect "names that no file under content/, or no URL, may have" <<'X'
content/a b: error: the folder name holds a space, which a URL cannot hold
  hint: rename the folder (and its entry under columns: in site.yaml)
content/news/Con.md:1:1: error: the file name is "Con", a device's name on Windows
  hint: rename the file: a name under content/ is in UTF-8, visible, and one Windows takes
content/news/a:b.md:1:1: error: the file name holds ":", which Windows does not allow in a name
  hint: rename the file: a name under content/ is in UTF-8, visible, and one Windows takes
content/news/ab\u202Ecd.md:1:1: error: the file name holds U+202E, an invisible character that reorders the text around it
  hint: rename the file: a name under content/ is in UTF-8, visible, and one Windows takes
content/news/a\u2028b.md:1:1: error: the file name holds U+2028, a line break to an editor
  hint: rename the file: a name under content/ is in UTF-8, visible, and one Windows takes
content/news/p%20q.md:1:1: error: the file name makes the page's URL and holds "%", which a URL cannot hold
  hint: rename the file, or give the page a slug (e.g. slug: p-20q)
content/news/pua.md:1:1: error: the file name holds U+E000, a private-use character
  hint: rename the file: a name under content/ is in UTF-8, visible, and one Windows takes
content/news/slugged.md:4:7: error: slug "a:b" cannot be part of a URL
  hint: use letters, digits, - and _ only
content/news/v1..md:1:1: error: the file name makes the page's URL and ends with ".", which Windows drops from a name
  hint: rename the file, or give the page a slug (e.g. slug: v1-)
content/news/x y.md:1:1: error: the file name makes the page's URL and holds a space, which a URL cannot hold
  hint: rename the file, or give the page a slug (e.g. slug: x-y)
content/news/x#1.md:1:1: error: the file name makes the page's URL and holds "#", which a URL cannot hold
  hint: rename the file, or give the page a slug (e.g. slug: x-1)
content/news/\xB3: error: the folder name is not UTF-8 (byte 0xB3: was it named in GBK or another encoding?)
  hint: rename the folder (and its entry under columns: in site.yaml)
content/news/\xB3\xC7.md:1:1: error: the file name is not UTF-8 (byte 0xB3: was it named in GBK or another encoding?)
  hint: rename the file: a name under content/ is in UTF-8, visible, and one Windows takes
content/news/会议 纪要.md:1:1: error: the file name makes the page's URL and holds a space, which a URL cannot hold
  hint: rename the file, or give the page a slug (e.g. slug: 会议-纪要)
govpub: build failed: 14 errors; OUT/preview is unchanged
X
"$GOVPUB" check --site "$T/s" > "$T/said" 2>&1
check_eq "names under content/: govpub check says them, without a build" \
  "$?:$(grep -A1 'file name holds U+202E' "$T/said" | sed "s#$T/s/##")" \
"1:content/news/ab\u202Ecd.md:1:1: error: [站点内容] the file name holds U+202E, an invisible character that reorders the text around it
  hint: rename the file: a name under content/ is in UTF-8, visible, and one Windows takes"
# A Chinese file name builds; its URL is percent-encoded where a format
# wants ASCII (the sitemap, the feeds) and left readable in the HTML.
fresh
printf -- '---\ntitle: 名\ndate: 2024-03-01\n---\n正文\n' > "$T/s/content/news/会议纪要.md"
printf -- '---\ntitle: 名\ndate: 2024-03-01\nslug: with-slug\n---\n正文\n' > "$T/s/content/news/with slug.md"
"$GOVPUB" build --site "$T/s" --out "$T/out" -q 2>"$T/err"
check_eq "a Chinese file name, and a space mended by slug:: built" "$?:$(cat "$T/err")" "0:"
check_file_has "a Chinese file name: its page" "$T/out/preview/news/会议纪要/index.html" "<h1>名</h1>"
check_file_has "a Chinese file name: percent-encoded in the sitemap" "$T/out/preview/sitemap.xml" \
  "<loc>https://www.test.gov.cn/news/%E4%BC%9A%E8%AE%AE%E7%BA%AA%E8%A6%81/</loc>"
check_file_has "a Chinese file name: percent-encoded in the feed" "$T/out/preview/news/index.xml" \
  '<link href="https://www.test.gov.cn/news/%E4%BC%9A%E8%AE%AE%E7%BA%AA%E8%A6%81/"/>'
check_file_has "a Chinese file name: as it is in the list's link" "$T/out/preview/news/page/2/index.html" 'href="/news/会议纪要/"'

fresh
sed -i 's#^title: \(.*\)#title: \1\ndraft: maybe\nweight: abc\nlayout: ../../../x#' "$T/s/content/news/a.md"
sed -i 's#^title: \(.*\)#title: \1\nweight: -3\nlayout: single\ndraft: false#' "$T/s/content/news/b.md"
expect "draft, weight and layout: values govpub can read (b.md's are)" <<'X'
content/news/a.md:3:8: error: "draft" must be true or false
  hint: write draft: true (no quotes), or leave the field out
content/news/a.md:4:9: error: "weight" must be a whole number
  hint: write a whole number, like weight: 10 (lower comes first)
content/news/a.md:5:9: error: bad layout name "../../../x": '..' is not allowed
  hint: name a template of layouts/, like special for layouts/special.mustache
govpub: build failed: 3 errors; OUT/preview is unchanged
X

fresh
sed -i 's#^title: \(.*\)#title: \1\nsummary: ""#' "$T/s/content/news/a.md"
sed -i 's#^title: \(.*\)#title: \1\nsummary: "\xe3\x80\x80 "#' "$T/s/content/news/b.md"
sed -i 's#^title: \(.*\)#title: \1\nsummary:#' "$T/s/content/news/c.md"
sed -i "s#^title: \\(.*\\)#title: \\1\\nsummary: ''#" "$T/s/content/news/_index.md"
expect "an empty summary (or only spaces, 　 too) is an error at its value; a bare summary: is none (c.md's)" <<'X'
content/news/_index.md:3:10: error: "summary" is empty
  hint: write the summary, or remove the line to have one made from the body (docs/editors.md, summary:)
content/news/a.md:3:10: error: "summary" is empty
  hint: write the summary, or remove the line to have one made from the body (docs/editors.md, summary:)
content/news/b.md:3:10: error: "summary" is empty
  hint: write the summary, or remove the line to have one made from the body (docs/editors.md, summary:)
govpub: build failed: 3 errors; OUT/preview is unchanged
X

fresh
sed -i 's#^title: \(.*\)#title: \1\nlayout: polciy#' "$T/s/content/news/a.md"
sed -i 's#^title: \(.*\)#title: \1\nlayout: null#' "$T/s/content/news/b.md"
sed -i 's#^title: \(.*\)#title: \1\nlayout: lst#' "$T/s/content/news/_index.md"
sed -i 's#^  news: {required: \[title, date\]}#  news: {required: [title, date], layout: nwes}#' "$T/s/site.yaml"
expect "a layout no template has: the page's and the column's where they name it, a type's once in site.yaml (layout: null takes the type's)" <<'X'
content/news/_index.md:3:9: error: layout "lst" is not a template of the site or the theme
  hint: create layouts/lst.mustache in the site, or correct the name (layouts are looked up in the site's layouts/, then the theme's)
content/news/a.md:3:9: error: layout "polciy" is not a template of the site or the theme
  hint: create layouts/polciy.mustache in the site, or correct the name (layouts are looked up in the site's layouts/, then the theme's)
site.yaml:28:43: error: type "news": layout "nwes" is not a template of the site or the theme
  hint: create layouts/nwes.mustache in the site, or correct the name (layouts are looked up in the site's layouts/, then the theme's)
govpub: build failed: 3 errors; OUT/preview is unchanged
X

fresh
printf -- '---\ntitle: [政务动态\n---\n' > "$T/s/content/news/_index.md"
expect "a column's _index.md that does not load: its own error, not a missing _index.md" <<'X'
content/news/_index.md:2:8: error: invalid YAML: did not find expected ',' or ']' at line 3, column 1, while parsing a flow sequence that starts here
  hint: close the [ or { that starts here, with commas between its items
govpub: build failed: 1 error; OUT/preview is unchanged
X

fresh
printf -- '---\ntitle: 政务动态\ndisclosure: 依申请公开\n---\n' > "$T/s/content/news/_index.md"
expect "a column's _index.md that is not 主动公开" <<'X'
content/news/_index.md:3:13: error: column "news" would have no page: its _index.md is 依申请公开, not 主动公开
  hint: make the column's _index.md 主动公开, or remove the column
govpub: build failed: 1 error; OUT/preview is unchanged
X

fresh
printf '\n另见[申请公开的文件](d.md)。\n' >> "$T/s/content/news/a.md"
expect "a link to a page that is not 主动公开 says why it is left out" <<'X'
content/news/a.md:23:3: error: link to content/news/d.md, which is not part of this build: it is 依申请公开, not 主动公开
  hint: link to a published page, or publish that page first
govpub: build failed: 1 error; OUT/preview is unchanged
X

fresh
mkdir "$T/s/content/zwgk" && printf -- '---\ntitle: 政务公开\n---\n' > "$T/s/content/zwgk/_index.md"
sed -i 's/^title: 测试区政务服务中心延长服务时间/type: notice\ntitle: 测试区政务服务中心延长服务时间/' "$T/s/content/news/b.md"
sed -i '/^index_no:/d; /^publisher:/d' "$T/s/content/policy/rules.md"
expect "unknown column, unknown type, missing fields" <<'X'
content/news/b.md:2:7: error: unknown content type "notice"
  hint: declare the type under types: in site.yaml, or use one that is declared
content/policy/rules.md:1:1: error: missing required field "index_no"
  hint: add `index_no:` to the front matter (required for type policy, e.g. 11530199MB0000000X/2024-00012)
content/policy/rules.md:1:1: error: missing required field "publisher"
  hint: add `publisher:` to the front matter (required for type policy)
content/zwgk: error: column "zwgk" is not declared in site.yaml
  hint: declare it in site.yaml under columns:, e.g. `zwgk: {class: 动态, type: news}`
govpub: build failed: 4 errors; OUT/preview is unchanged
X

fresh
cat >> "$T/s/content/news/a.md" <<'MD'

见[旧文件](../policy/gone.md)、[旧页面](/policy/gone/)和![](/files/chart.svg)，图片![示意图](/files/missing.png)。
MD
sed -i 's#^interprets: .*#interprets: ../nothing.md#' "$T/s/content/policy/jiedu/rules-jd.md"
sed -i 's#^attachments: .*#attachments: [/files/guide.txt, /files/gone.pdf]#' "$T/s/content/news/a.md"
expect "broken links, images, alt text and references" <<'X'
content/news/a.md:6:33: error: attachment "/files/gone.pdf" not found
  hint: put the file under static/ and name it from the site root, e.g. /files/x.pdf
content/news/a.md:23:2: error: broken link "../policy/gone.md"
  hint: link to a page by its URL (/policy/x/) or its file (../policy/x.md), or to a file under static/
content/news/a.md:23:27: error: broken link "/policy/gone/"
  hint: link to a page by its URL (/policy/x/) or its file (../policy/x.md), or to a file under static/
content/news/a.md:23:48: error: image "/files/chart.svg" has no alt text
  hint: describe the image for readers who cannot see it: ![描述](…)
content/news/a.md:23:72: error: broken image "/files/missing.png"
  hint: put the image under static/ and link to it from the site root, e.g. /images/x.png
content/policy/jiedu/rules-jd.md:4:13: error: "../nothing.md" names no page
  hint: give the other page's URL (/policy/x/) or its file (../policy/x.md)
govpub: build failed: 6 errors; OUT/preview is unchanged
X

# Hugo shortcodes: none in govpub, so each is an error at its {{ (a reader
# would see the braces); in a code span they are text as written
fresh
cat >> "$T/s/content/news/a.md" <<'MD'

{{< figure src="/images/dzjg.svg" caption="图为会场" >}}

{{<figure src="/images/dzjg.svg">}}

写法是`{{< x >}}`。{{% notice %}}注意{{% /notice %}}
MD
expect "Hugo shortcodes: an error at each" <<'X'
content/news/a.md:23:1: error: a Hugo shortcode: govpub has none, and the page would show it as text
  hint: an image: ![描述](/images/x.jpg), its caption on the line below it; a chart: a ```chart block; braces meant as text: in `backticks` (docs/editors.md)
content/news/a.md:25:1: error: a Hugo shortcode: govpub has none, and the page would show it as text
  hint: an image: ![描述](/images/x.jpg), its caption on the line below it; a chart: a ```chart block; braces meant as text: in `backticks` (docs/editors.md)
content/news/a.md:27:16: error: a Hugo shortcode: govpub has none, and the page would show it as text
  hint: an image: ![描述](/images/x.jpg), its caption on the line below it; a chart: a ```chart block; braces meant as text: in `backticks` (docs/editors.md)
content/news/a.md:27:32: error: a Hugo shortcode: govpub has none, and the page would show it as text
  hint: an image: ![描述](/images/x.jpg), its caption on the line below it; a chart: a ```chart block; braces meant as text: in `backticks` (docs/editors.md)
govpub: build failed: 4 errors; OUT/preview is unchanged
X
# Heading ids: an {#id} another heading has, by its own {#id} or by its
# text, is an error at the second; a link to an anchor the page does not
# have is one at the link, with the nearest id or a few of the page's
fresh
cat >> "$T/s/content/news/a.md" <<'MD'

## 三、工作要求 {#yaoqiu}

见[要求](#yaoqu)、[第三条](#%E7%AC%AC%E4%B8%89%E6%9D%A1)、[附件](#二相关文件)。

## 四、其他 {#yaoqiu}

## yaoqiu

### 一、总体要求 {#一总体要求}
MD
printf -- '---\ntitle: 无标题\ndate: 2024-03-03T09:00:00+08:00\n---\n见[下文](#xia)。\n' > "$T/s/content/news/e.md"
expect "heading ids taken; links to anchors a page lacks" <<'X'
content/news/a.md:25:2: error: link to "#yaoqu": this page has no id "yaoqu"
  hint: did you mean #yaoqiu?
content/news/a.md:25:15: error: link to "#%E7%AC%AC%E4%B8%89%E6%9D%A1": this page has no id "第三条"
  hint: the page's ids: #一总体要求, #二相关文件, #yaoqiu, #yaoqiu-1; give a heading an id of your own: ## 标题 {#id}
content/news/a.md:27:9: error: heading id "yaoqiu" is taken: the heading at line 23 has it
  hint: ids are unique in a page: give this heading another {#id}
content/news/a.md:29:1: error: this heading's text makes the id "yaoqiu", which the heading at line 23 gives itself
  hint: give this heading an id of its own, ## 标题 {#id}, or the one at that line another
content/news/a.md:31:12: error: heading id "一总体要求" is taken: the heading at line 11 has it (made from its text)
  hint: ids are unique in a page: give this heading another {#id}
content/news/e.md:5:2: error: link to "#xia": this page has no id "xia"
  hint: the page has no ids; give a heading an id of your own: ## 标题 {#id}
govpub: build failed: 6 errors; OUT/preview is unchanged
X

fresh
printf '\n写法是`{{< x >}}`和 {{ 双括号 }}。\n' >> "$T/s/content/news/a.md"
"$GOVPUB" build --site "$T/s" --out "$T/out" -q 2>"$T/err"
check_eq "braces in a code span or without < %: no error" "$?:$(cat "$T/err")" "0:"

fresh
cat >> "$T/s/content/news/a.md" <<'MD'

见[办法](/policy/rule/)、[原文](../policy/rule.md)、[指南](/files/guid.txt)和![标识](/images/dzjgg.svg)。
MD
expect "a broken link or image near a name that exists: did you mean …" <<'X'
content/news/a.md:23:2: error: broken link "/policy/rule/"
  hint: did you mean /policy/rules/, the page of content/policy/rules.md?
content/news/a.md:23:22: error: broken link "../policy/rule.md"
  hint: did you mean /policy/rules/, the page of content/policy/rules.md?
content/news/a.md:23:46: error: broken link "/files/guid.txt"
  hint: did you mean /files/guide.txt?
content/news/a.md:23:68: error: broken image "/images/dzjgg.svg"
  hint: did you mean /images/dzjg.svg?
govpub: build failed: 4 errors; OUT/preview is unchanged
X

fresh
cp "$T/s/content/policy/rules.md" "$T/s/content/policy/rules2.md"
sed -i 's/^title: .*/title: 另一份办法/' "$T/s/content/policy/rules2.md"
# the hint names the next free serial of the organ and year: not the other
# year's, nor another organ's higher ones
for n in 3:X/2024-00005 4:X/2023-00009 5:Y/2024-00020; do
  sed "s/^title: .*/title: 办法${n%%:*}/; s|^index_no: .*|index_no: 11000000MB0000000${n#*:}|" \
    "$T/s/content/policy/rules.md" > "$T/s/content/policy/rules${n%%:*}.md"
done
expect "duplicate 索引号" <<'X'
content/policy/rules2.md:4:11: error: duplicate index_no "11000000MB0000000X/2024-00001" (also in content/policy/rules.md)
  hint: each document needs its own; the next free one is 11000000MB0000000X/2024-00006
govpub: build failed: 1 error; OUT/preview is unchanged
X

fresh
sed -i 's/{{page.title}}<\/h1>/{{#page.title}}<\/h1>/' "$T/s/themes/plain/layouts/single.mustache"
expect "template error names the template and the page" <<'X'
themes/plain/layouts/single.mustache:10:11: error: '{{/main}}' does not close the open '{{#page.title}}' (line 1)
  hint: write '{{/page.title}}' to close it
content/news/a.md:1:1: note: not rendered: layout "single" has errors
govpub: build failed: 1 error; OUT/preview is unchanged
X
sed -i 's/{{page.source}}/{{\/page.source}}/' "$T/s/themes/plain/layouts/single.mustache"
expect "the note on the page follows every error of the layout it explains" <<'X'
themes/plain/layouts/single.mustache:2:34: error: '{{/page.source}}' does not close the open '{{#page.title}}' (line 1)
  hint: write '{{/page.title}}' to close it
themes/plain/layouts/single.mustache:10:11: error: '{{/main}}' does not close the open '{{#page.title}}' (line 1)
  hint: write '{{/page.title}}' to close it
content/news/a.md:1:1: note: not rendered: layout "single" has errors
govpub: build failed: 2 errors; OUT/preview is unchanged
X

fresh
sed -i '/^  icp:/d; s/^  site_code: .*/  site_code: "12345"/' "$T/s/site.yaml"
sed -i 's#^  dzjg_url: .*#  dzjg_url: "javascript:alert(1)"#; s#^  correction_url: .*#  correction_url: " //evil.example/x"\n  weibo_url: /about/weibo/#' "$T/s/site.yaml"
# (no footer.icp: a preview only warns of it, once site.yaml has no errors; a publish refuses it, tests/cli/init.sh)
expect "footer keys checked; its links are http(s) addresses or paths on the site" <<'X'
site.yaml:14:14: error: footer.site_code "12345" is not a valid 网站标识码
  hint: 网站标识码 is 10 digits, or bm followed by 8 digits; quote it ("5301990001")
site.yaml:18:13: error: footer.dzjg_url "javascript:alert(1)" is neither an http(s) address nor a path on the site
  hint: write the full address, https://…, or a path on the site, /…
site.yaml:19:19: error: footer.correction_url " //evil.example/x" is neither an http(s) address nor a path on the site
  hint: write the full address, https://…, or a path on the site, /…
govpub: build failed: 3 errors; OUT/preview is unchanged
X

# footer.dzjg_img names a static file: one the site lacks is said at the
# key (with the one it likely meant, or where it must be; a path with a
# leading / too) — in a preview as a warning (a site being set up builds
# before it has its static files); a publish and govpub check refuse it
# (publish.sh, check.sh)
# badge NAME: a preview with footer.dzjg_img NAME; exit status and stderr
badge() {
  fresh
  sed -i "s#^  dzjg_img: .*#  dzjg_img: $1#" "$T/s/site.yaml"
  "$GOVPUB" build --site "$T/s" --out "$T/badge-out" -q 2>"$T/got"
  echo "exit $?" >> "$T/got"
  sed -i "s#$T/s/##g" "$T/got"
}
badge images/dzjg.png
same "footer.dzjg_img naming no static file: a warning at its key, the file there named" "$T/got" <<'X'
site.yaml:18:13: warning: footer.dzjg_img "images/dzjg.png" (the 党政机关网站标识 image) is not a static file of the site: a publish is refused until it is
  hint: put the file at static/images/dzjg.png, or name the one there is: images/dzjg.svg
exit 0
X
badge images/badge/dzjg.png
same "footer.dzjg_img: where the file must be" "$T/got" <<'X'
site.yaml:18:13: warning: footer.dzjg_img "images/badge/dzjg.png" (the 党政机关网站标识 image) is not a static file of the site: a publish is refused until it is
  hint: put the file at static/images/badge/dzjg.png (a static folder serves its files under their path there)
exit 0
X
badge /images/dzjg.svg
same "footer.dzjg_img: a path from the site root is not what the theme writes" "$T/got" <<'X'
site.yaml:18:13: warning: footer.dzjg_img "/images/dzjg.svg" (the 党政机关网站标识 image) is not a static file of the site: a publish is refused until it is
  hint: name it by its path under a static folder, without a leading / (images/dzjg.png for static/images/dzjg.png)
exit 0
X

fresh
sed -i 's#^  - static$#  - {dir: static, to: ../../x}#' "$T/s/site.yaml"
expect "a static folder copied out of the output: said at to:" <<'X'
site.yaml:22:23: error: static folder "static" is copied to "../../x", which leaves the output
  hint: name a folder of the output, like files, without .. or a leading /
govpub: build failed: 1 error; OUT/preview is unchanged
X

fresh
cp "$T/s/static/files/guide.txt" "$T/s/static/files/guide.txt.gz"
mkdir -p "$T/s/static/news/a" && printf 'x' > "$T/s/static/news/a/index.html.gz" # beside a page govpub writes
printf 'x' > "$T/s/static/files/data.csv.gz" # a download alone: allowed
mkdir -p "$T/s/shadow/files" && printf 'x\n' > "$T/s/shadow/files/guide.txt"
sed -i 's#^  - static$#  - static\n  - shadow#' "$T/s/site.yaml"
expect "static files: one path from two of the site's folders; a FILE.gz beside FILE (served for it by gzip_static)" <<'X'
shadow/files/guide.txt:1:1: error: static file /files/guide.txt is also given by static/files/guide.txt
  hint: keep the file in one of the static folders
static/files/guide.txt.gz:1:1: error: static file /files/guide.txt.gz would be served for /files/guide.txt (nginx gzip_static, brotli_static), unreviewed
  hint: remove it: publishing writes the compressed copies it needs
static/news/a/index.html.gz:1:1: error: static file /news/a/index.html.gz would be served for /news/a/index.html (nginx gzip_static, brotli_static), unreviewed
  hint: remove it: publishing writes the compressed copies it needs
govpub: build failed: 3 errors; OUT/preview is unchanged
X

fresh
long=$(printf 'a%.0s' $(seq 256))
# (the tag: 64 characters, as many as a tag may have, of four bytes each)
sed -i "s/^title: \(.*\)/title: \1\nslug: $long/; s/^tags: .*/tags: [短, $(printf '\360\240\200\200%.0s' $(seq 64))]/
        s#^aliases: .*#aliases: [/old/a/, /old/$long/]#" "$T/s/content/news/a.md"
expect "names too long for a folder of the output (slug, tag, alias)" <<'X'
content/news/a.md:3:7: error: slug is 256 bytes long; a file or folder name may have at most 255
  hint: shorten it: the slug names the page's folder
content/news/a.md:5:11: error: tag is 256 bytes long; a file or folder name may have at most 255
  hint: shorten it: its page is a folder named after it
content/news/a.md:8:20: error: a part of the alias is 256 bytes long; a file or folder name may have at most 255
  hint: shorten it: each part of the path names a folder
govpub: build failed: 3 errors; OUT/preview is unchanged
X

# A page has at most 32 tags (and topics) of at most 64 characters each:
# both bounds are met exactly here, and the page builds.  One more tag, a
# tag and a topic a character longer: each an error at its item (the 33rd
# tag after 标签1, … 标签9, of five characters with ", ", 标签10 … of six).
fresh
t64=$(printf '标%.0s' $(seq 64))
tags=$(for i in $(seq 31); do printf '标签%d, ' "$i"; done)
sed -i "s/^tags: .*/tags: [$tags$t64]\ntopics: [$t64]/" "$T/s/content/news/a.md"
"$GOVPUB" build --site "$T/s" --out "$T/out" -q 2>"$T/err"
check_eq "32 tags, a tag and a topic of 64 characters: built" "$?:$(cat "$T/err")" "0:"
check "the tag of 64 characters has its page" test -d "$T/out/preview/tags/$t64"
sed -i "s/^tags: .*/tags: [$tags$t64, 再一个]/; s/^topics: .*/topics: [${t64}题]/" "$T/s/content/news/a.md"
sed -i "s/^tags: .*/tags: [${t64}长]/" "$T/s/content/news/b.md"
expect "33 tags, a tag and a topic of 65 characters" <<X
content/news/a.md:4:$(( 8 + 9 * 5 + 22 * 6 + 64 + 2 )): error: a page may have at most 32 tags; this one has 33
  hint: keep the ones a reader would look the page up by
content/news/a.md:5:10: error: topic is 65 characters long; it may have at most 64
  hint: shorten it: it is a name, shown on the page and on its own list
content/news/b.md:4:8: error: tag is 65 characters long; it may have at most 64
  hint: shorten it: it is a name, shown on the page and on its own list
govpub: build failed: 3 errors; OUT/preview is unchanged
X

# Two outputs on one path: a static file where a page goes, and one where
# a page's folder goes.  Said alike when the build has already failed (then
# its outputs are only claimed, not written: release_dry_after_errors).
collide() {
  mkdir -p "$T/s/static/news/a" && echo x > "$T/s/static/news/a/index.html"
  echo y > "$T/s/static/news/b"
  mkdir -p "$T/s/static/old/a" && echo z > "$T/s/static/old/a/index.html" # news/a.md's alias
  echo w > "$T/s/static/404.html" # a page govpub makes: said at the static file, as it is named
}
# Reported at the page (1:1, the whole file, or its slug: when it has one):
# static files are copied before any page is written.  A static file where
# govpub writes a page of its own (404.html), a page of the content
# (news/a/index.html) or an alias's redirect (old/a/index.html) is said at
# the file, before anything is written, and not copied: no "output written
# twice" at the output besides.
COLLIDE_404='static/404.html:1:1: error: static file /404.html is where govpub writes the page of an address that does not exist (/404.html)
  hint: make the page of a missing address with the layout 404 (layouts/404.mustache, docs/templates.md), or rename the file
static/news/a/index.html:1:1: error: static file /news/a/index.html is where govpub writes the page of content/news/a.md
  hint: rename the file or move it, and the links to it (a page'"'"'s folder is its URL: govpub writes its index.html)
static/old/a/index.html:1:1: error: static file /old/a/index.html is where govpub writes the redirect of the alias /old/a/ of content/news/a.md
  hint: rename the file or move it, and the links to it (an alias'"'"'s folder is the old address of a page: govpub writes the redirect to the page there)'
COLLIDE_B='content/news/b.md:1:1: error: output /news/b/index.html needs a folder where another output is a file
  hint: two pages, static files or aliases want the same output path; rename one'
fresh
collide
expect "two outputs on one path" <<X
$COLLIDE_B
$COLLIDE_404
govpub: build failed: 4 errors; OUT/preview is unchanged
X
fresh
collide
sed -i 's/^date: 2024-02-10/date: 2024-13-10/' "$T/s/content/news/b.md"
expect "two outputs on one path, found by a build that has already failed" <<X
$COLLIDE_B
content/news/b.md:3:7: error: "date" is not a valid date and time: "2024-13-10"
  hint: there is no month 13: months run from 01 to 12 (write it as 2024-11-20 or 2024-11-20T10:12:00+08:00)
$COLLIDE_404
govpub: build failed: 5 errors; OUT/preview is unchanged
X

# A problem of a whole file stands at 1:1 (an editor opens the file there),
# or at the setting that caused it: the static: entry of a missing folder,
# the slug: that names a page's folder where a static file is (a static
# file at the page's index.html is said at that file, above).
fresh
sed -i 's/^  - static$/  - static\n  - nope/' "$T/s/site.yaml"
cp "$T/s/charts/rev.yaml" "$T/s/charts/bad name.yaml"
printf -- '---\ntitle: 丙\ndate: 2024-03-01\nslug: zz\n---\n正文\n' > "$T/s/content/news/c.md"
mkdir -p "$T/s/static/news" && echo x > "$T/s/static/news/zz"
expect "whole-file problems: at 1:1 or at the setting that caused them" <<'X'
charts/bad name.yaml:1:1: error: "bad name" cannot be a chart id
  hint: name chart specs with letters, digits, - and _
content/news/c.md:4:7: error: output /news/zz/index.html needs a folder where another output is a file
  hint: two pages, static files or aliases want the same output path; rename one
site.yaml:23:5: error: static folder "nope" does not exist
  hint: create the folder or remove it from static:
govpub: build failed: 3 errors; OUT/preview is unchanged
X

# A build that has failed writes no more files (it renders on, for the
# errors of every page): with no file size allowed, a write would kill it.
fresh
sed -i 's/^date: 2024-02-10/date: 2024-13-10/' "$T/s/content/news/b.md"
(ulimit -f 0 && "$GOVPUB" build --site "$T/s" --out "$T/out" -q 2>&1; echo "exit $?") | cat > "$T/got"
check_eq "a failed build writes no file" "$(sed -n "1s#$T/s/##p;\$p" "$T/got")" 'content/news/b.md:3:7: error: "date" is not a valid date and time: "2024-13-10"
exit 1'

# ... and leaves out/.trash (releases an earlier build pruned) as it was:
# a good build empties it while it works
mkdir -p "$T/out/.trash/20240101-000000/news"
printf 'old' > "$T/out/.trash/20240101-000000/news/index.html"
"$GOVPUB" build --site "$T/s" --out "$T/out" -q 2>/dev/null
check "a failed build leaves .trash as it was" test -f "$T/out/.trash/20240101-000000/news/index.html"
fresh
"$GOVPUB" build --site "$T/s" --out "$T/out" -q 2>/dev/null
check "a good build empties .trash" test ! -e "$T/out/.trash/20240101-000000"

# Usage errors exit 2; a system failure exits 3.
fresh
"$GOVPUB" build --bogus 2>"$T/err"
check_eq "unknown option exits 2" "$?" 2
check_file_has "unknown option named" "$T/err" 'govpub: error: unknown or incomplete option "--bogus"'
"$GOVPUB" frobnicate 2>"$T/err"
check_eq "unknown command exits 2" "$?" 2
printf 'not a folder\n' > "$T/outfile"
"$GOVPUB" build --site "$T/s" --out "$T/outfile" -q 2>"$T/err"
check_eq "unwritable output exits 3" "$?" 3

# A system failure's hint is chosen from its errno (diag_system_hint):
# ENOENT and ENOTDIR name the path, EACCES the permissions.  Each fails for
# root too: nothing can be made under /proc/self, nor a file in /sys/kernel
# (where that is not so, no sysfs or a read-only one, EACCES is skipped).
"$GOVPUB" build --site "$T/s" --out /proc/self/govpub-none/out -q 2>"$T/err"
check_eq "ENOENT: exit 3, the hint names the path" "$?:$(cat "$T/err")" "3:/proc/self/govpub-none/out: error: cannot create the output folder: No such file or directory
  hint: the path, or a folder on the way to it, is missing or is a file: check the path
govpub: build failed: 1 error; /proc/self/govpub-none/out/preview is unchanged"
"$GOVPUB" build --site "$T/s" --out "$T/outfile/out" -q 2>"$T/err"
check_eq "ENOTDIR: exit 3, the hint names the path" "$?:$(sed "s#$T/##g" "$T/err")" "3:outfile/out: error: cannot create the output folder: Not a directory
  hint: the path, or a folder on the way to it, is missing or is a file: check the path
govpub: build failed: 1 error; outfile/out/preview is unchanged"
# govpub releases, rollback and releases --seal say why the releases
# cannot be listed (here releases is a file), at that folder
mkdir -p "$T/relfile" && : > "$T/relfile/releases"
unlisted="relfile/releases: error: cannot list the releases: Not a directory
  hint: the path, or a folder on the way to it, is missing or is a file: check the path"
"$GOVPUB" releases --out "$T/relfile" 2>"$T/err"
check_eq "releases: unlistable releases, exit 3 with the reason" "$?:$(sed "s#$T/##g" "$T/err")" "3:$unlisted"
"$GOVPUB" rollback --out "$T/relfile" 2>"$T/err"
check_eq "rollback: unlistable releases, exit 3 with the reason" "$?:$(sed "s#$T/##g" "$T/err")" "3:$unlisted
govpub: rollback refused; relfile/current is unchanged"
"$GOVPUB" releases --out "$T/relfile" --seal 20241120-101200 2>"$T/err"
check_eq "releases --seal: unlistable releases, exit 3 with the reason" "$?:$(sed "s#$T/##g" "$T/err")" "3:$unlisted
govpub: release 20241120-101200 not sealed"
if touch /sys/kernel/govpub-probe 2>&1 | grep -q 'Permission denied'; then
  "$GOVPUB" chart "$T/s/charts/rev.yaml" -o /sys/kernel/govpub-probe.svg 2>"$T/err"
  check_eq "EACCES: exit 3, the hint names the permissions" "$?:$(cat "$T/err")" "3:/sys/kernel/govpub-probe.svg: error: cannot write: Permission denied
  hint: check the permissions of the path and of the folders above it, and the account govpub runs as"
else
  echo "skip $SUITE: EACCES: /sys/kernel/ takes files here (or is not sysfs), no path refuses root"
fi

# -j/--jobs: every command that takes it reads it one way (pool_jobs): a
# decimal from 1 to 256 and nothing else (4x was 4, abc 0), the value said
for cmd in build publish chart check report; do
  for j in 0 abc 257 4x ''; do
    check_eq "$cmd -j '$j': usage error, the value said" "$("$GOVPUB" $cmd -j "$j" 2>&1; echo "exit $?")" "govpub: error: invalid --jobs \"$j\"
  hint: give a number of threads from 1 to 256
exit 2"
  done
done
"$GOVPUB" build --site "$ROOT/tests/fixtures/mini" --out "$T/jobs" -q --jobs=256 2>"$T/err"
check_eq "build --jobs=256: built" "$?:$(cat "$T/err")" "0:"

# A build that fails leaves the output folder as it found it: a first build
# leaves no out/ (nor the parents it made for it), one into an empty folder
# leaves it empty (no releases/, .cache/ or .lock); one beside a good
# release keeps that release's folders.
fresh
printf -- '---\ntitle: 坏日期\ndate: nope\n---\n正文\n' > "$T/s/content/news/bad.md"
"$GOVPUB" build --site "$T/s" --out "$T/first/a/b" -q 2>/dev/null
check_eq "a failed first build: exit 1, no output folder nor its new parents" "$?:$(ls -A "$T/first" 2>&1)" \
  "1:ls: cannot access '$T/first': No such file or directory"
mkdir "$T/empty"
"$GOVPUB" build --site "$T/s" --out "$T/empty" -q 2>/dev/null
check_eq "a failed build into an empty folder leaves it empty" "$?:$(ls -A "$T/empty")" "1:"
"$GOVPUB" build --site "$T/s" --out "$T/out" -q 2>/dev/null
check_eq "a failed build beside releases keeps what was there" "$?:$(ls -A "$T/out" | tr '\n' ' ')" \
  "1:.cache .lock .trash preview releases "

# Hugo's front matter keys that govpub does not read: a warning at each
# (the build goes on), unless site.yaml maps the key (aliases:) or declares
# it as a field of its own.
fresh
printf -- '---\ntitle: 从 Hugo 搬来的页面\ndate: 2024-03-02\nlastmod: 2024-03-03\nurl: /old/page/\ncategories: [新闻]\npublishDate: 2024-03-01\nexpiryDate: 2025-01-01\n---\n正文。\n' \
  > "$T/s/content/news/hugo.md"
"$GOVPUB" build --site "$T/s" --out "$T/hugo-out" -q 2>"$T/got"
echo "exit $?" >> "$T/got"
sed -i "s#$T/s/##g" "$T/got"
same "Hugo's keys: a warning each, at the key, with what govpub reads instead" "$T/got" <<'X'
content/news/hugo.md:4:1: warning: "lastmod" is Hugo's: govpub does not read it
  hint: write the date of the last change as updated: (or map it in site.yaml: aliases: {lastmod: updated})
content/news/hugo.md:5:1: warning: "url" is Hugo's: govpub does not read it
  hint: the file's name (or slug:) makes the page's address; keep an old address with aliases: [/old/]
content/news/hugo.md:6:1: warning: "categories" is Hugo's: govpub does not read it
  hint: use tags: or topics: (each gets its own list pages)
content/news/hugo.md:7:1: warning: "publishDate" is Hugo's: govpub does not read it
  hint: a page is published by the build that includes it: leave it out (draft: true) until then
content/news/hugo.md:8:1: warning: "expiryDate" is Hugo's: govpub does not read it
  hint: withdraw a page by removing it (and keep its address with an alias if others link to it)
exit 0
X
sed -i 's/^aliases:$/&\n  lastmod: updated/; s/^fields:$/&\n  url: {format: text}/' "$T/s/site.yaml"
grep -q '^  lastmod: updated$' "$T/s/site.yaml" && grep -q '^  url: {format: text}$' "$T/s/site.yaml" ||
  fail "Hugo's keys: the fixture's site.yaml has no aliases: or fields: to add to"
"$GOVPUB" build --site "$T/s" --out "$T/hugo-out" -q 2>"$T/got"
check_eq "Hugo's keys: none said once mapped or declared in site.yaml" "$?:$(grep -c 'lastmod\|"url"' "$T/got")" "0:0"

# Hugo's page bundle (a folder with an index.md and its images): one error
# at the index.md saying what to do, not a column to declare, an unknown
# type and a broken image; a folder with an _index.md is a column as ever.
fresh
mkdir -p "$T/s/content/news/photos"
printf -- '---\ntitle: 组图\ndate: 2024-05-01\n---\n正文。\n\n![现场](photo.png)\n' > "$T/s/content/news/photos/index.md"
printf 'PNG' > "$T/s/content/news/photos/photo.png"
expect "a Hugo page bundle: one error, at its index.md" <<'X'
content/news/photos/index.md:1:1: error: a folder with an index.md is a page bundle in Hugo; govpub's pages are the .md files of a column
  hint: write the page as content/news/photos.md, its images under static/ (static/images/photos/…, linked as /images/photos/…)
govpub: build failed: 1 error; OUT/preview is unchanged
X
printf -- '---\ntitle: 组图栏目\n---\n' > "$T/s/content/news/photos/_index.md"
expect "a folder with _index.md and index.md: an undeclared column" <<'X'
content/news/photos: error: column "news/photos" is not declared in site.yaml
  hint: declare it in site.yaml under columns:, e.g. `news/photos: {class: 动态, type: news}`
content/news/photos/index.md:1:1: error: unknown content type "page"
  hint: declare the type under types: in site.yaml, or use one that is declared
content/news/photos/index.md:7:1: error: broken image "photo.png"
  hint: put the image under static/ and link to it from the site root, e.g. /images/x.png
govpub: build failed: 3 errors; OUT/preview is unchanged
X

# An alias without a leading /: govpub takes it from the root (as ever),
# Hugo from the page's folder: a warning at each where the two differ, the
# hint naming both (a top column's, read from its parent, the root, is the
# same address: nothing said).
fresh
sed -i 's#^aliases: \[/old/a/\]#aliases: [/old/a/, old-b, dl/c]#' "$T/s/content/news/a.md"
sed -i 's#^title: .*#&\naliases: [dongtai]#' "$T/s/content/news/_index.md"
"$GOVPUB" build --site "$T/s" --out "$T/slash-out" -q 2>"$T/got"
echo "exit $?" >> "$T/got"
sed -i "s#$T/s/##g" "$T/got"
same "an alias without a leading /: a warning at each, both readings in the hint" "$T/got" <<'X'
content/news/a.md:7:20: warning: alias "old-b" is taken from the site root
  hint: write it with its leading /: /old-b/ (Hugo would have read it from the page's folder: /news/old-b/)
content/news/a.md:7:27: warning: alias "dl/c" is taken from the site root
  hint: write it with its leading /: /dl/c/ (Hugo would have read it from the page's folder: /news/dl/c/)
exit 0
X
check "an alias without a leading /: its redirect at the root" test -f "$T/slash-out/preview/old-b/index.html"
check "a top column's alias without a leading /: its redirect at the root" test -f "$T/slash-out/preview/dongtai/index.html"

#!/bin/sh
# govpub check: the self-inspection.  Purpose-made broken sites
# (tests/fixtures/check-model: the model rules; tests/fixtures/check-output:
# the rules on built HTML) report exactly the expected items, in text
# (compared whole), JSON and SARIF (parsed with python3); a date changed
# after publishing; a missing footer key; usage and settings errors; and the
# sample portal's own inspection is clean (合格, exit 0), before and after
# a publishing build.
. "$(dirname "$0")/lib.sh"
# the fixtures use the default theme: the checkout's, wherever govpub was built
export GOVPUB_DATADIR="$ROOT"

site_copy check-model m
site_copy check-output o
# run ARGS...: govpub check in $T; stdout → $T/out, stderr → $T/err, status → $rc.
run() {
  (cd "$T" && "$GOVPUB" check "$@") > "$T/out" 2> "$T/err"
  rc=$?
}

# ---- the model rules ---------------------------------------------------------------
run --site m
check_eq "model: fails (exit 1)" "$rc" 1
# stderr: only the note that the built pages were not checked, and how
same "model: no built site: the note on stderr" "$T/err" <<'X'
m/out: note: the built pages were not checked (links, images, footers, meta tags): no --out or --output
  hint: nothing is built yet; build a preview, then check it: govpub build --site m, then govpub check --site m --output m/out/preview
X
same "model: the report" "$T/out" <<'X'
m/content/_index.md:1:1: error: [首页更新] the home page has no new item since 2024-11-01 (49 days before 2024-12-20)
  hint: publish a new item (the inspection monitors the home page for two weeks: 单项否决)
m/content/guide/_index.md:1:1: warning: [栏目更新] column "guide" (其他) is empty (空白栏目)
  hint: publish its first item, or remove the column from the site (5 empty columns fail the inspection)
m/content/hr/_index.md:1:1: warning: [栏目更新] column "hr" (人事) is empty (空白栏目)
  hint: publish its first item, or remove the column from the site (5 empty columns fail the inspection)
m/content/interview/_index.md:1:1: warning: [栏目更新] column "interview" (互动) is empty (空白栏目)
  hint: publish its first item, or remove the column from the site (5 empty columns fail the inspection)
m/content/news/_index.md:1:1: warning: [栏目更新] column "news" (动态) not updated since 2024-11-01 (栏目不更新, 49 days before 2024-12-20)
  hint: a 动态 column needs a new item every 14 days (check.freshness in site.yaml); 5 such columns fail the inspection
m/content/news/_index.md:2:1: error: [网站标识] column "news" has no keywords (ColumnKeywords)
  hint: add `keywords: [政务动态, …]` to its front matter: the theme writes it as the ColumnKeywords meta tag
m/content/news/undated.md:2:1: error: [发布日期] "没有日期的动态" has no publication date
  hint: add `date:` (the publication time, 2024-11-20T10:12:00+08:00): every item shows when it was published
m/content/notice/_index.md:1:1: warning: [栏目更新] column "notice" (通知公告) is empty (空白栏目)
  hint: publish its first item, or remove the column from the site (5 empty columns fail the inspection)
m/content/plan/_index.md:1:1: warning: [栏目更新] column "plan" (规划) is empty (空白栏目)
  hint: publish its first item, or remove the column from the site (5 empty columns fail the inspection)
m/content/plan/_index.md:2:1: error: [网站标识] column "plan" has no description (ColumnDescription)
  hint: add `description: <a sentence on what 规划计划 holds>` to its front matter: the theme writes it as the ColumnDescription meta tag
m/content/plan/_index.md:2:1: error: [网站标识] column "plan" has no keywords (ColumnKeywords)
  hint: add `keywords: [规划计划, …]` to its front matter: the theme writes it as the ColumnKeywords meta tag
m/content/policy/metadata.md:2:1: error: [信息公开] policy document without 发布机构 (publisher)
  hint: add `publisher:` (发布机构): a policy document shows the whole 信息公开 block
m/content/policy/metadata.md:2:1: error: [信息公开] policy document without 成文日期 (written)
  hint: add `written:` (成文日期): a policy document shows the whole 信息公开 block
m/content/policy/metadata.md:4:11: error: [信息公开] 索引号 "ABC-2024-1" is malformed
  hint: write 索引号 as <机构代码>/<年份>-<5位序号>, e.g. 11530199MB0000000X/2024-00012
m/content/policy/metadata.md:6:9: error: [信息公开] "doc_no" "测政发[2024]4号" is not a valid 文号: the year must stand in six-corner brackets 〔〕, not [] () 【】 or （）
  hint: write 文号 like 区数据资源局〔2024〕12号
m/content/policy/normative-late.md:4:1: error: [政策解读] 规范性文件 of 2024-09-27 interpreted only on 2024-10-09 (m/content/policy/jiedu/late.md); due by 2024-10-08
  hint: publish its interpretation (政策解读, `interprets:` this file) within 3 working days (site.yaml calendar: lists holidays and 调休 workdays)
m/content/policy/normative-none.md:4:1: error: [政策解读] 规范性文件 of 2024-06-03 has no interpretation; it was due by 2024-06-06
  hint: publish its interpretation (政策解读, `interprets:` this file) within 3 working days (site.yaml calendar: lists holidays and 调休 workdays)
m/content/policy/normative-none.md:5:11: error: [信息公开] duplicate 索引号 "11000000MB0000000X/2024-00001" (also in m/content/policy/duplicate.md)
  hint: each document has its own 索引号; the next free one is 11000000MB0000000X/2024-00004

政府网站检查 (国办秘函〔2019〕19号) as of 2024-12-20 (check.as_of)
  首页更新: 1 error, 0 warnings
  栏目更新: 0 errors, 6 warnings
  发布日期: 1 error, 0 warnings
  信息公开: 5 errors, 0 warnings
  政策解读: 2 errors, 0 warnings
  网站标识: 3 errors, 0 warnings
  stale columns: 1, empty columns: 5
  单项否决: 首页不更新: no new item on the home page for more than 14 days
  单项否决: 空白栏目: 5 empty columns (5 or more)
verdict: 不合格 (12 errors, 6 warnings, 单项否决)
X

run --site m --format json
check_eq "model json: exit 1" "$rc" 1
check_eq "model json: fields" "$(python3 - "$T/out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
items = r["items"]
print(r["tool"], r["as_of"], r["as_of_from"], r["verdict"], r["passed"], r["errors"], r["warnings"],
      r["stale_columns"], r["empty_columns"], len(r["vetoes"]), len(items))
print(r["rules"]["column-empty"], r["rules"]["interpretation"], r["rules"]["doc-no"], r["rules"]["index-no"])
i = [x for x in items if x["rule"] == "doc-no"][0]
print(i["path"], i["line"], i["column"], i["level"], i["category"])
PY
)" "govpub check 2024-12-20 check.as_of 不合格 False 12 6 1 5 2 18
5 2 1 2
m/content/policy/metadata.md 6 9 error 信息公开"

run --site m --format sarif
check_eq "model sarif: exit 1" "$rc" 1
check_eq "model sarif: shape" "$(python3 - "$T/out" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
run = s["runs"][0]
rules = run["tool"]["driver"]["rules"]
res = run["results"]
print(s["version"], run["columnKind"], run["tool"]["driver"]["name"], len(rules), len(res))
print(run["properties"]["verdict"], len(run["properties"]["vetoes"]), run["originalUriBaseIds"]["SITEROOT"]["uri"].startswith("file:///"))
r = [x for x in res if x["ruleId"] == "interpretation"][0]
loc = r["locations"][0]["physicalLocation"]
print(rules[r["ruleIndex"]]["id"], r["level"], loc["artifactLocation"]["uri"], loc["artifactLocation"]["uriBaseId"],
      loc["region"]["startLine"], loc["region"]["startColumn"])
PY
)" "2.1.0 unicodeCodePoints govpub check 29 18
不合格 2 True
interpretation error m/content/policy/normative-late.md SITEROOT 4 1"

# --today wins over check.as_of: on 2024-11-05 the home page and news are fresh
run --site m --today 2024-11-05
check_eq "--today: exit 1 (still 空白栏目)" "$rc" 1
check_eq "--today: as of line" "$(grep '^政府网站检查' "$T/out")" "政府网站检查 (国办秘函〔2019〕19号) as of 2024-11-05 (--today)"
check_eq "--today: no stale column, no home veto" "$(grep -c 'column-stale\|首页' "$T/out")" 0
check_eq "--today: one veto left" "$(grep '单项否决:' "$T/out")" "  单项否决: 空白栏目: 5 empty columns (5 or more)"

# an item dated after the day of the check: an error at its date, and no
# update of its column or of the home page (both still stale as before).
# 2099-01-01 is ahead of the clock too: the editor's date is what is wrong
printf -- '---\ntitle: 提前的动态\ndate: 2099-01-01T09:00:00+08:00\n---\n正文。\n' > "$T/m/content/news/ahead.md"
run --site m
check_eq "a date ahead: said at the date" "$(grep -A1 'ahead.md' "$T/out")" \
'm/content/news/ahead.md:3:7: error: [发布日期] publication date 2099-01-01 is after 2024-12-20, the day of the check (check.as_of)
  hint: date the item the day it is published: a date ahead counts for nothing in the columns'"'"' and the home page'"'"'s freshness, and shows readers a day that has not come'
check_eq "a date ahead: the home page and news still stale" "$(grep -c 'since 2024-11-01 (.*49 days before 2024-12-20)' "$T/out")" 2
# dated by the clock's today (or before) but after check.as_of: the date is
# right and the pinned day is what an editor of a copy of the sample meets
sed -i 's/^date: 2099-01-01T09:00:00+08:00$/date: 2024-12-25T09:00:00+08:00/' "$T/m/content/news/ahead.md"
run --site m
check_eq "a date after check.as_of only: the hint names the setting" "$(grep -A1 'ahead.md' "$T/out")" \
'm/content/news/ahead.md:3:7: error: [发布日期] publication date 2024-12-25 is after 2024-12-20, the day of the check (check.as_of)
  hint: the date is not ahead of today: site.yaml'"'"'s check.as_of pins the day of the check (for a sample or a test site); remove it to judge as of today'
run --site m --today 2024-12-20
check_eq "a date after --today: the editor's date is what is wrong" "$(grep -A1 'ahead.md' "$T/out" | tail -1)" \
'  hint: date the item the day it is published: a date ahead counts for nothing in the columns'"'"' and the home page'"'"'s freshness, and shows readers a day that has not come'
rm "$T/m/content/news/ahead.md"

# dates that contradict each other: a 成文日期 after the publication date,
# an interpretation dated before its document
sed -i 's/^written: 2024-05-30$/written: 2024-06-10/' "$T/m/content/policy/normative-none.md"
sed -i 's/^date: 2024-10-08T10:00:00+08:00$/date: 2024-09-26T10:00:00+08:00/' "$T/m/content/policy/jiedu/ok.md"
run --site m
check_eq "dates out of order: both said where they stand" "$(grep -A1 '成文日期 2024\|before the document' "$T/out" | grep -v '^--$')" \
'm/content/policy/jiedu/ok.md:3:7: error: [政策解读] interpretation dated 2024-09-26, before the document it interprets (m/content/policy/normative-ok.md, 2024-09-27)
  hint: an interpretation comes out with its document or after it: correct one of the two dates
m/content/policy/normative-none.md:8:10: error: [信息公开] 成文日期 2024-06-10 is after the publication date 2024-06-03
  hint: a document is written (成文) before it is published: correct 成文日期 or the publication date'
sed -i 's/^written: 2024-06-10$/written: 2024-05-30/' "$T/m/content/policy/normative-none.md"
sed -i 's/^date: 2024-09-26T10:00:00+08:00$/date: 2024-10-08T10:00:00+08:00/' "$T/m/content/policy/jiedu/ok.md"

# the calendar decides: without the 调休 workday and the holidays, the late
# interpretation's deadline moves, and the one published on 10-08 is late too
sed -i '/^calendar:/,$d' "$T/m/site.yaml"
run --site m
check_eq "no calendar: both interpretations late" "$(grep -o 'interpreted only on [0-9-]*.*due by [0-9-]*' "$T/out" | sed 's/ (.*)//')" \
  "interpreted only on 2024-10-09; due by 2024-10-02
interpreted only on 2024-10-08; due by 2024-10-02"

# ---- the output rules -------------------------------------------------------------------
run --site o --output o/html
check_eq "output: fails (exit 1)" "$rc" 1
same "output: the report" "$T/out" <<'X'
o/content/notice/_index.md:2:1: error: [网站标识] column "notice" has no description (ColumnDescription)
  hint: add `description: <a sentence on what 通知公告 holds>` to its front matter: the theme writes it as the ColumnDescription meta tag
o/content/notice/_index.md:2:1: error: [网站标识] without description, 2 list pages of o/html lack the ColumnDescription meta tag
  hint: fill in `description:` in this _index.md and build again: the theme writes it as ColumnDescription on every page of the column's list
o/html/about.html:3:1: error: [移动端适配] this page, and 3 more of o/html, have no viewport meta tag: phones show them as a shrunken desktop page
  hint: write <meta name="viewport" content="width=device-width, initial-scale=1"> in the <head> of the layout these pages are made with (the site's layouts/, else the theme's)
o/html/about.html:3:1: error: [网站标识] the page has no <footer>
  hint: every page ends with the site's footer (主办单位, 联系方式, 网站标识码, 备案号, 党政机关网站标识, 我要纠错)
o/html/about.html:3:1: error: [网站标识] meta tag SiteIDCode "5300000000" is not the site's 网站标识码 "1234567891"
  hint: SiteIDCode is the 网站标识码 of footer.site_code in site.yaml
o/html/index.html:3:1: error: [站内搜索] the home page o/html/index.html has no site-search form (<form role="search"> sending to the search page)
  hint: keep the site-search form of the theme's header (partials/header.mustache: <form role="search" action="{{site.search_url}}">), or write one in this layout
o/html/index.html:8:1: error: [链接可用性] file "/css/site.css" names css/site.css, which is not in the output
  hint: the stylesheet or script is not in the output: fix the theme's address or add the file
o/html/index.html:15:36: error: [链接可用性] link "news/a/index.html#missing": news/a/index.html has no id "missing"
  hint: link to a heading or id the page has, or drop the #part
o/html/index.html:16:16: error: [附件下载] attachment "/files/report.pdf" names files/report.pdf, which is not in the output
  hint: the file is not in the output: put it under static/ and name it from the site root
o/html/index.html:16:51: error: [链接可用性] link "../../etc/passwd" names a file outside the site, which is not in the output
  hint: fix the address, or publish the page it names
o/html/index.html:17:4: error: [链接可用性] image "/images/logo.png" names images/logo.png, which is not in the output
  hint: the image file is not in the output: put it under static/ or fix the address
o/html/index.html:18:1: error: [链接可用性] file "/js/site.js" names js/site.js, which is not in the output
  hint: the stylesheet or script is not in the output: fix the theme's address or add the file
o/html/news/a/index.html:3:1: error: [网站标识] meta tag ContentSource is missing
  hint: the theme's <head> writes <meta name="ContentSource" content="…"> on every article (source: in the front matter)
o/html/news/a/index.html:3:1: error: [网站标识] meta tag PubDate "2024/12/18 09:00" is not yyyy-MM-dd HH:mm
  hint: write PubDate as yyyy-MM-dd HH:mm, e.g. 2024-11-20 10:12
o/html/news/a/index.html:14:9: error: [无障碍] image "/images/dzjg.svg" has no alt text
  hint: describe the image in its alt attribute (in Markdown: ![描述](…)); GB/T 37668 and the checklist ask for a text alternative of every image
o/html/news/index.html:3:1: error: [网站标识] meta tag ColumnKeywords is missing
  hint: the theme's <head> writes <meta name="ColumnKeywords" content="…"> on every column page (keywords: in its _index.md)
o/html/news/index.html:14:1: error: [网站标识] the footer lacks 我要纠错 link
  hint: the footer shows footer.correction_url of site.yaml on every page (政府网站检查指标)
o/html/notice/index.html:4:1: error: [适老化] this page, and 1 more of o/html, have the viewport "width=device-width, initial-scale=1, user-scalable=no": user-scalable=no stops older readers enlarging the text
  hint: take user-scalable=no out of the viewport tag of the layout these pages are made with (the site's layouts/, else the theme's): readers must be able to zoom in to 200% (WCAG 1.4.4; 适老化: docs/check.md)

政府网站检查 (国办秘函〔2019〕19号) as of 2024-12-20 (check.as_of)
  链接可用性: 5 errors, 0 warnings
  附件下载: 1 error, 0 warnings
  无障碍: 1 error, 0 warnings
  移动端适配: 1 error, 0 warnings
  适老化: 1 error, 0 warnings
  站内搜索: 1 error, 0 warnings
  网站标识: 8 errors, 0 warnings
  stale columns: 0, empty columns: 0
verdict: 不合格 (18 errors, 0 warnings)
X
run --site o --output o/html --format json
check_eq "output json: rules" "$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
print(" ".join("%s=%d" % (k, v) for k, v in r["rules"].items() if v))' "$T/out")" \
  "link=3 anchor=1 image=1 attachment=1 alt=1 viewport=1 zoom=1 search=1 footer=2 meta=6"
# a symbolic link in the output (govpub writes none) is said, not followed
mkdir -p "$T/elsewhere" && printf '<a href="/nowhere/">x</a>\n' > "$T/elsewhere/x.html"
ln -s "$T/elsewhere/x.html" "$T/o/html/linked.html"
run --site o --output o/html
check_eq "output: a symbolic link is not followed" "$(grep -c 'linked.html\|nowhere' "$T/out")" 0
check_file_has "output: a symbolic link: the warning" "$T/err" "o/html/linked.html: warning: symbolic link in the output: not followed"
rm "$T/o/html/linked.html"
# footer.organizer (承办单位) is optional; once site.yaml names one, every
# page's footer must show it
cp "$T/o/site.yaml" "$T/o/site.yaml.orig"
sed -i 's/^  contact:/  organizer: 输出检查区数据资源管理局\n  contact:/' "$T/o/site.yaml"
run --site o --output o/html
check_eq "output: footer.organizer named: the footers without it" "$(grep 'the footer lacks 承办单位' "$T/out" | cut -d: -f1)" \
  "o/html/index.html
o/html/news/a/index.html
o/html/news/index.html
o/html/notice/index.html
o/html/notice/page/2/index.html"
mv "$T/o/site.yaml.orig" "$T/o/site.yaml"
# the same address on many pages is resolved once (every catalog group page
# links every group): each page that writes a broken one is still told, at
# its place, and a relative address is the same only from the same folder —
# ../sib/ names x/sib/ (there) from x/a/ and x/b/deep/'s ../../sib/, but
# y/sib/ (not there) from y/c/ and x/b/sib/ from x/b/deep/
mkdir -p "$T/o/html/x/a" "$T/o/html/x/b/deep" "$T/o/html/x/sib" "$T/o/html/y/c"
printf '<p id="here">x</p>\n' > "$T/o/html/x/sib/index.html"
for p in x/a y/c x/b/deep; do
  printf '<p><a href="/gone/">甲</a> <a href="/x/sib/#nope">乙</a> <a href="/x/sib/#here">丙</a></p>\n<p>链接：<a href="../sib/">丁</a></p>\n' > "$T/o/html/$p/index.html"
done
printf '<p><a href="../../sib/">戊</a></p>\n' >> "$T/o/html/x/b/deep/index.html"
run --site o --output o/html
grep -A1 'o/html/[xy]/.*\[链接可用性\]' "$T/out" | grep -v '^--$' > "$T/links"
same "output: a broken address on many pages: said on each" "$T/links" <<'X'
o/html/x/a/index.html:1:4: error: [链接可用性] link "/gone/" names gone/index.html, which is not in the output
  hint: fix the address, or publish the page it names
o/html/x/a/index.html:1:27: error: [链接可用性] link "/x/sib/#nope": x/sib/index.html has no id "nope"
  hint: link to a heading or id the page has, or drop the #part
o/html/x/b/deep/index.html:1:4: error: [链接可用性] link "/gone/" names gone/index.html, which is not in the output
  hint: fix the address, or publish the page it names
o/html/x/b/deep/index.html:1:27: error: [链接可用性] link "/x/sib/#nope": x/sib/index.html has no id "nope"
  hint: link to a heading or id the page has, or drop the #part
o/html/x/b/deep/index.html:2:7: error: [链接可用性] link "../sib/" names x/b/sib/index.html, which is not in the output
  hint: fix the address, or publish the page it names
o/html/y/c/index.html:1:4: error: [链接可用性] link "/gone/" names gone/index.html, which is not in the output
  hint: fix the address, or publish the page it names
o/html/y/c/index.html:1:27: error: [链接可用性] link "/x/sib/#nope": x/sib/index.html has no id "nope"
  hint: link to a heading or id the page has, or drop the #part
o/html/y/c/index.html:2:7: error: [链接可用性] link "../sib/" names y/sib/index.html, which is not in the output
  hint: fix the address, or publish the page it names
X
rm -r "$T/o/html/x" "$T/o/html/y"

# ---- a publication date changed after publishing (伪造发稿日期) --------------------------
site_copy mini d
"$GOVPUB" build --site "$T/d" --out "$T/dout" -q 2>/dev/null
ln -s preview "$T/dout/current"
check_file_has "the release records its dates" "$T/dout/current/published-dates.tsv" "news/a.md	2024-03-01T09:30:00+08:00"
run --site d --out dout --today 2024-03-10
check_eq "dates unchanged: no date-changed item" "$(grep -c 'changed after publishing' "$T/out")" 0
sed -i 's/^date: 2024-03-01T09:30:00+08:00/date: 2024-02-20T09:30:00+08:00/' "$T/d/content/news/a.md"
run --site d --out dout --today 2024-03-10
check_eq "date changed: exit 1" "$rc" 1
check_eq "date changed: the item" "$(grep -A1 'news/a.md:3' "$T/out")" \
  "d/content/news/a.md:3:7: error: [发布日期] publication date changed after publishing: was 2024-03-01T09:30:00+08:00, now 2024-02-20T09:30:00+08:00
  hint: put back the date it was published with; record a change with \`updated:\` (changing a publication date is 伪造发稿日期: 单项否决)"
check_eq "date changed: 单项否决" "$(grep '弄虚作假' "$T/out")" \
  "  单项否决: 弄虚作假: 1 publication date changed after publishing (伪造发稿日期)"
# without --out: the site's own out/, where build and publish put it
cp -R "$T/dout" "$T/d/out"
run --site d --today 2024-03-10
check_eq "date changed, no --out: the site's out/ read" "$(grep -c 'd/content/news/a.md:3:7: error: \[发布日期\]' "$T/out")" 1
same "no --out, a release published: the note names --out" "$T/err" <<'X'
d/out: note: the built pages were not checked (links, images, footers, meta tags): no --out or --output
  hint: check the published release too: govpub check --site d --out d/out
X
# ---- an address published before and no longer served (死链) --------------------------
# release 1 publishes every page of the mini site (c.md, a draft there, made
# public); then a page is renamed without an alias, an alias is dropped and
# a page goes back to draft: each address is said at the file that
# published it.  An alias (a move) or check.withdrawn (a withdrawal, with
# its reason) answers for it; through the alias the date rule follows the
# moved page.
site_copy mini g
sed -i '/^draft: true/d' "$T/g/content/news/c.md"
"$GOVPUB" build --site "$T/g" --out "$T/gout" -q 2>/dev/null
ln -s preview "$T/gout/current"
same "the release records each page's URL and aliases" "$T/gout/current/published-dates.tsv" <<'X'
# govpub published dates: content path<TAB>publication date<TAB>URL<TAB>aliases… (docs/check.md)
_index.md		/
news/_index.md		/news/
news/a.md	2024-03-01T09:30:00+08:00	/news/a/	/old/a/
news/b.md	2024-02-10T00:00:00+08:00	/news/b/
news/c.md	2024-03-05T10:00:00+08:00	/news/c/
policy/_index.md		/policy/
policy/jiedu/_index.md		/policy/jiedu/
policy/jiedu/rules-jd.md	2024-01-16T10:00:00+08:00	/policy/jiedu/rules-jd/
policy/rules.md	2024-01-15T10:00:00+08:00	/policy/rules/
# lists govpub generated: #kind<TAB>URL<TAB>its further pages…; #from<TAB>URL<TAB>the newest pages a tag's or topic's listed (docs/check.md)
#list	/news/	/news/page/2/
#list	/policy/
#list	/policy/jiedu/
#tags	/tags/
#tag	/tags/会议/
#from	/tags/会议/	news/a.md
#tag	/tags/政务服务/
#from	/tags/政务服务/	news/b.md
#tag	/tags/数据/
#from	/tags/数据/	news/a.md	policy/rules.md
#search	/search/
X
# what it records of the lists is what the build wrote (pubdates_generated
# and render.c agree): every address a file of the release
for u in $(grep '^#[a-z]' "$T/gout/current/published-dates.tsv" | grep -v '^#from' | cut -f2-); do
  check "recorded $u: written" test -f "$T/gout/current$u/index.html"
done
run --site g --out gout --today 2024-03-10
check_eq "nothing gone: no 死链 item" "$(grep -c '死链' "$T/out")" 0
mv "$T/g/content/news/b.md" "$T/g/content/news/b-renamed.md"
sed -i '/^aliases: /d' "$T/g/content/news/a.md"
sed -i 's/^date: 2024-03-05T10:00:00+08:00/&\ndraft: true/' "$T/g/content/news/c.md"
rm "$T/g/content/news/_index.md" # the column is still served: not gone
run --site g --out gout --today 2024-03-10
check_eq "gone: exit 1" "$rc" 1
check_eq "gone: each address, at the file that published it" "$(grep -A1 '\[死链\]' "$T/out")" \
'g/content/news/a.md:1:1: error: [死链] the alias /old/a/ published with this page is no longer built: the page is at /news/a/, without /old/a/ as an alias
  hint: add "/old/a/" to its `aliases:`; or, list it under check.withdrawn in site.yaml with the reason it was withdrawn (`/old/a/: 2025-03-01 撤稿：why`), signed with the site
g/content/news/b.md:1:1: error: [死链] the page published at /news/b/ is no longer built: its file was deleted, moved or renamed, and no page has /news/b/ as an alias
  hint: add "/news/b/" to `aliases:` of the page that replaces it (docs/editors.md); or, list it under check.withdrawn in site.yaml with the reason it was withdrawn (`/news/b/: 2025-03-01 撤稿：why`), signed with the site
g/content/news/c.md:1:1: error: [死链] the page published at /news/c/ is no longer built: the page is a draft now
  hint: remove `draft: true` to keep it published; or, list it under check.withdrawn in site.yaml with the reason it was withdrawn (`/news/c/: 2025-03-01 撤稿：why`), signed with the site'
check_eq "gone: counted under 死链" "$(grep '^  死链' "$T/out")" "  死链: 3 errors, 0 warnings"
# the moved page takes its old address (and its date changed: said through the alias)
sed -i 's#^date: 2024-02-10#aliases: [/news/b/]\ndate: 2024-02-11#' "$T/g/content/news/b-renamed.md"
sed -i 's#^source: .*#&\naliases: [/old/a/]#' "$T/g/content/news/a.md"
printf 'check:\n  withdrawn:\n    /news/c/: 2024-03-08 撤稿：内容有误，经终审撤回\n' >> "$T/g/site.yaml"
run --site g --out gout --today 2024-03-10
check_eq "alias and withdrawal: no 死链 item" "$(grep -c '死链' "$T/out")" 0
check_eq "moved with an alias: the date rule follows it" "$(grep -A1 'b-renamed.md' "$T/out")" \
"g/content/news/b-renamed.md:4:7: error: [发布日期] publication date changed after publishing: was 2024-02-10T00:00:00+08:00 at /news/b/ (news/b.md, its alias now), now 2024-02-11T00:00:00+08:00
  hint: put back the date it was published with; record a change with \`updated:\` (changing a publication date is 伪造发稿日期: 单项否决)"
# check.withdrawn must name an address and say why
printf 'check:\n  withdrawn:\n    news/c/: 撤稿\n    /news/d/: ""\n' > "$T/g/wd.yaml"
sed -i '/^check:/,$d' "$T/g/site.yaml" && cat "$T/g/wd.yaml" >> "$T/g/site.yaml"
run --site g --out gout --today 2024-03-10
same "check.withdrawn: a bad entry, at its place" "$T/err" <<'X'
g/site.yaml:46:5: error: check.withdrawn "news/c/" is not an address of the site
  hint: write the address as published, from the site's root: /news/x/
g/site.yaml:47:15: error: check.withdrawn "/news/d/" does not say why it was withdrawn
  hint: write check: {withdrawn: {/news/x/: 2025-03-01 撤稿：why the page was withdrawn}}
X
# a release written before URLs were recorded: its dates compared, no
# address known; a list of a kind this govpub does not know (a later
# one's): skipped
printf '# govpub published dates: content path<TAB>publication date (docs/check.md)\nnews/a.md\t2024-02-29T09:30:00+08:00\n#feed\t/x/\n' \
  > "$T/gout/current/published-dates.tsv"
sed -i '/^check:/,$d' "$T/g/site.yaml"
run --site g --out gout --today 2024-03-10
check_eq "a two-column record: no 死链 item" "$(grep -c '死链' "$T/out")" 0
check_eq "a two-column record: dates compared" "$(grep -c 'g/content/news/a.md:3:7: error: \[发布日期\] publication date changed' "$T/out")" 1
# an _index.md's alias: a redirect to the column's list, recorded with its
# page as an article's are, so it counts as served (site.aliases) while the
# _index.md keeps it
site_copy mini gi
sed -i '/^draft: true/d' "$T/gi/content/news/c.md"
sed -i 's#^description: .*#&\naliases: [/old/news/]#' "$T/gi/content/news/_index.md"
"$GOVPUB" build --site "$T/gi" --out "$T/giout" -q 2>/dev/null
ln -s preview "$T/giout/current"
check_eq "an _index.md's alias: recorded" "$(grep '^news/_index.md' "$T/giout/current/published-dates.tsv")" \
  "$(printf 'news/_index.md\t\t/news/\t/old/news/')"
run --site gi --out giout --today 2024-03-10
check_eq "an _index.md's alias kept: no 死链 item" "$(grep -c '死链' "$T/out")" 0
# ---- a tag, a topic no page has any more; a column shrunk ----------------------------
# The lists govpub generated: one item per list (not per page of it).  A
# tag or topic gone is an error at the page the release recorded with it,
# at its `tags:` (`topics:`; the file's start without one); a column's
# list with fewer pages, a warning at its _index.md.  check.withdrawn
# takes their addresses too.
site_copy mini tg
sed -i '/^draft: true/d' "$T/tg/content/news/c.md"
sed -i 's/^tags: \[政务服务\]/&\ntopics: [营商环境]/' "$T/tg/content/news/b.md"
"$GOVPUB" build --site "$T/tg" --out "$T/tgout" -q 2>/dev/null
ln -s preview "$T/tgout/current"
check_eq "the topic recorded" "$(grep '^#topic' "$T/tgout/current/published-dates.tsv")" "$(printf '#topics\t/topics/\n#topic\t/topics/营商环境/')"
sed -i 's/^tags: \[数据, 会议\]/tags: [数据]/' "$T/tg/content/news/a.md"
sed -i '/^topics:/d' "$T/tg/content/news/b.md"
sed -i 's/^date: 2024-03-05T10:00:00+08:00/&\ndraft: true/' "$T/tg/content/news/c.md" # news/: 2 items, 1 page
run --site tg --out tgout --today 2024-03-10
check_eq "a tag and a topic removed, a column shrunk: each list once" "$(grep -A1 '\[死链\]' "$T/out")" \
'tg/site.yaml:1:1: error: [死链] the list of topics published at /topics/ is no longer built: no page built now has a topic
  hint: give a published page a topic (`topics:`); or, list it under check.withdrawn in site.yaml with the reason it was withdrawn (`/topics/: 2025-03-01 撤稿：why`), signed with the site
tg/content/news/_index.md:1:1: warning: [死链] the list published at /news/ had 2 pages and has 1 now: /news/page/2/ is no longer built
  hint: nothing to do if its items went on purpose (each one'"'"'s own address is checked): a list'"'"'s further pages show other items after every publish, and an old link past its last page lands on the 404 page; once this is published, the warning is not said again
tg/content/news/a.md:4:1: error: [死链] the tag page published at /tags/会议/ is no longer built: this page had the tag when it was published, and no page built now has it
  hint: put the tag back in `tags:` here or on another published page; or, add "/tags/会议/" to `aliases:` of the page readers should find instead (a redirect, docs/editors.md); or, list it under check.withdrawn in site.yaml with the reason it was withdrawn (`/tags/会议/: 2025-03-01 撤稿：why`), signed with the site
tg/content/news/b.md:1:1: error: [死链] the topic page published at /topics/营商环境/ is no longer built: this page had the topic when it was published, and no page built now has it
  hint: put the topic back in `topics:` here or on another published page; or, add "/topics/营商环境/" to `aliases:` of the page readers should find instead (a redirect, docs/editors.md); or, list it under check.withdrawn in site.yaml with the reason it was withdrawn (`/topics/营商环境/: 2025-03-01 撤稿：why`), signed with the site
tg/content/news/c.md:1:1: error: [死链] the page published at /news/c/ is no longer built: the page is a draft now
  hint: remove `draft: true` to keep it published; or, list it under check.withdrawn in site.yaml with the reason it was withdrawn (`/news/c/: 2025-03-01 撤稿：why`), signed with the site'
check_eq "lists gone: counted under 死链" "$(grep '^  死链' "$T/out")" "  死链: 4 errors, 1 warning"
printf 'check:\n  withdrawn:\n    /tags/会议/: 2024-03-08 撤稿：标签停用\n    /topics/: 2024-03-08 撤稿：专题停用\n    /topics/营商环境/: 2024-03-08 撤稿：专题停用\n    /news/c/: 2024-03-08 撤稿：内容有误\n' \
  >> "$T/tg/site.yaml"
run --site tg --out tgout --today 2024-03-10
check_eq "a withdrawn tag and topic: the shrunk column's warning alone" "$(grep '\[死链\]' "$T/out")" \
  "tg/content/news/_index.md:1:1: warning: [死链] the list published at /news/ had 2 pages and has 1 now: /news/page/2/ is no longer built"
printf '    /news/page/2/: 2024-03-08 撤稿：随 /news/c/ 撤回\n' >> "$T/tg/site.yaml"
run --site tg --out tgout --today 2024-03-10
check_eq "a withdrawn list page: no 死链 item" "$(grep -c '死链' "$T/out")" 0
# a published release kept beside the served one (after a rollback): its
# lists count too, said once each; not its longer lists, of news/ and of a
# tag the served release did not have (a list's further pages are held to
# the served release only)
kept="$T/tgout/releases/19990101T000000Z"
mkdir -p "$kept" && touch "$kept/.govpub-manifest"
printf '#list\t/news/\t/news/page/2/\t/news/page/3/\n#tag\t/tags/旧/\t/tags/旧/page/2/\n#tag\t/tags/新/\t/tags/新/page/2/\n' \
  > "$kept/published-dates.tsv"
sed -i 's/^tags: \[数据\]/tags: [数据, 新]/' "$T/tg/content/news/a.md"
run --site tg --out tgout --today 2024-03-10
sed -i 's/^tags: \[数据, 新\]/tags: [数据]/' "$T/tg/content/news/a.md"
check_eq "a kept release: its tag gone said, not its longer list" "$(grep -A1 '\[死链\]' "$T/out")" \
'tg/site.yaml:1:1: error: [死链] the tag page published at /tags/旧/ (with 1 further page) is no longer built: no page built now has the tag
  hint: put the tag back on a published page (`tags:`); or, add "/tags/旧/" to `aliases:` of the page readers should find instead (a redirect, docs/editors.md); or, list it under check.withdrawn in site.yaml with the reason it was withdrawn (`/tags/旧/: 2025-03-01 撤稿：why`), signed with the site'
rm -r "$kept"
# a record from before the lists were recorded: nothing said of them
sed -i '/^check:/,$d' "$T/tg/site.yaml"
sed -i '/^#/d' "$T/tgout/current/published-dates.tsv"
run --site tg --out tgout --today 2024-03-10
check_eq "a record without lists: the pages' items alone" "$(grep '\[死链\]' "$T/out")" \
  "tg/content/news/c.md:1:1: error: [死链] the page published at /news/c/ is no longer built: the page is a draft now"
# ---- where a tag gone is said; an alias at its address -------------------------------
# The release records with each tag's list the newest pages it showed
# (#from): a tag gone is said at the first of them still there — at the
# tag in its `tags:` when the page still has it but is left out (a
# draft), or has it spelt so that its folder moved (the oldest page names
# it) — else at site.yaml, naming the page that had it, gone.  An alias
# on a page keeps a tag's address (a redirect the build writes); its
# further pages, a warning at that page.
site_copy mini tt
sed -i '/^draft: true/d; s/^title: .*/&\ntags: [快讯, 旧]/' "$T/tt/content/news/c.md"
sed -i '/^disclosure: /d; s/^title: .*/&\ntags: [专项]/' "$T/tt/content/news/d.md"
sed -i 's/^tags: \[数据, 会议\]/tags: [数据, 会议, 旧, Data]/' "$T/tt/content/news/a.md"
sed -i 's/^tags: \[政务服务\]/tags: [政务服务, 旧]/' "$T/tt/content/news/b.md"
sed -i 's/^tags: \[数据\]/tags: [数据, data]/' "$T/tt/content/policy/rules.md"
"$GOVPUB" build --site "$T/tt" --out "$T/ttout" -q 2>/dev/null
ln -s preview "$T/ttout/current"
check_eq "each tag recorded with its newest pages" "$(grep -A1 '^#tag	' "$T/ttout/current/published-dates.tsv")" \
'#tag	/tags/data/
#from	/tags/data/	news/a.md	policy/rules.md
#tag	/tags/专项/
#from	/tags/专项/	news/d.md
#tag	/tags/会议/
#from	/tags/会议/	news/a.md
#tag	/tags/快讯/
#from	/tags/快讯/	news/c.md
#tag	/tags/政务服务/
#from	/tags/政务服务/	news/b.md
#tag	/tags/数据/
#from	/tags/数据/	news/a.md	policy/rules.md
#tag	/tags/旧/	/tags/旧/page/2/
#from	/tags/旧/	news/c.md	news/a.md	news/b.md'
sed -i 's/^tags: \[快讯, 旧\]/tags: [快讯]\ndraft: true/' "$T/tt/content/news/c.md"
rm "$T/tt/content/news/d.md"
sed -i 's/^tags: \[数据, 会议, 旧, Data\]/tags: [数据, 会议, Data]/' "$T/tt/content/news/a.md"
sed -i 's#^tags: \[政务服务, 旧\]#tags: [政务服务]\naliases: [/tags/旧/]#' "$T/tt/content/news/b.md"
sed -i 's/^tags: \[数据, data\]/tags: [数据]/' "$T/tt/content/policy/rules.md"
run --site tt --out ttout --today 2024-03-10
check_eq "tags gone: each at the page that had it, or at site.yaml; an alias keeps one" "$(grep -A1 '\[死链\] the tag' "$T/out")" \
'tt/site.yaml:1:1: error: [死链] the tag page published at /tags/专项/ is no longer built: no page built now has the tag; the page that had it, tt/content/news/d.md, is gone
  hint: put the tag back on a published page (`tags:`); or, add "/tags/专项/" to `aliases:` of the page readers should find instead (a redirect, docs/editors.md); or, list it under check.withdrawn in site.yaml with the reason it was withdrawn (`/tags/专项/: 2025-03-01 撤稿：why`), signed with the site
--
tt/content/news/a.md:4:16: error: [死链] the tag page published at /tags/data/ is no longer built: this page has the tag, but its page is /tags/Data/ now, named as the oldest page that has it spells it
  hint: spell the tag on the oldest page that has it as /tags/data/ does; or, list it under check.withdrawn in site.yaml with the reason it was withdrawn (`/tags/data/: 2025-03-01 撤稿：why`), signed with the site
tt/content/news/b.md:5:11: warning: [死链] the tag page published at /tags/旧/ had 2 pages and is this page'"'"'s alias (a redirect to /news/b/) now: /tags/旧/page/2/ is no longer built
  hint: nothing to do if its items went on purpose (each one'"'"'s own address is checked): a list'"'"'s further pages show other items after every publish, and an old link past its last page lands on the 404 page; once this is published, the warning is not said again
--
tt/content/news/c.md:3:8: error: [死链] the tag page published at /tags/快讯/ is no longer built: this page has the tag but is a draft now, and no page built now has it
  hint: remove `draft: true` to keep it published, or put the tag on another published page (`tags:`); or, add "/tags/快讯/" to `aliases:` of the page readers should find instead (a redirect, docs/editors.md); or, list it under check.withdrawn in site.yaml with the reason it was withdrawn (`/tags/快讯/: 2025-03-01 撤稿：why`), signed with the site'
"$GOVPUB" build --site "$T/tt" --out "$T/ttout" -q 2>/dev/null
check_file_has "an alias at a tag's address: the redirect written" "$T/ttout/preview/tags/旧/index.html" 'content="0; url=/news/b/"'
# at the address of a tag a page has (in any case: /tags/data/ is the
# folder of Data on some servers), the build refuses the alias
sed -i 's#^aliases: \[/tags/旧/\]#aliases: [/tags/旧/, /tags/data/]#' "$T/tt/content/news/b.md"
"$GOVPUB" build --site "$T/tt" --out "$T/ttout" -q 2> "$T/err"
check_eq "an alias at the address of a tag a page has: refused" "$?:$(grep -A1 'error' "$T/err")" \
"1:$T/tt/content/news/b.md:5:21: error: alias /tags/data/ is the 标签 page of \"Data\", which $T/tt/content/news/a.md has
  hint: remove the alias: while a page has it, the 标签 page answers there itself
govpub: build failed: 1 error; $T/ttout/preview is unchanged"

# after a rollback: the release rolled back from was served too, and what
# it published is held as the served one's (each published release kept
# in out/releases; a preview's is not one).  Release 2 adds a page;
# rolled back to release 1, the page is removed: its address is said.
sample_copy "$T/rb"
"$GOVPUB" publish --site "$T/rb" --trust "$TRUST" -q 2>/dev/null
new_news_page "$T/rb/content/news/zz-new.md"
sed -i 's/^date: 2024-12-19/date: 2025-01-06/' "$T/rb/content/news/zz-new.md" # not counted by the 2024 annual report
sample_sign "$T/rb" content/news/zz-new.md
"$GOVPUB" publish --site "$T/rb" --trust "$TRUST" -q 2>/dev/null
check "after a rollback: release 2 published the page" test -f "$T/rb/out/current/news/zz-new/index.html"
"$GOVPUB" rollback --site "$T/rb" 2>/dev/null
rm "$T/rb/content/news/zz-new.md"
"$GOVPUB" build --site "$T/rb" -q 2>/dev/null # a preview beside them: not a release readers were given
run --site rb --today 2025-01-10
check_eq "after a rollback: the address release 2 published, gone, is said" \
  "$rc:$(grep -A1 '\[死链\]' "$T/out")" \
'1:rb/content/news/zz-new.md:1:1: error: [死链] the page published at /news/zz-new/ is no longer built: its file was deleted, moved or renamed, and no page has /news/zz-new/ as an alias
  hint: add "/news/zz-new/" to `aliases:` of the page that replaces it (docs/editors.md); or, list it under check.withdrawn in site.yaml with the reason it was withdrawn (`/news/zz-new/: 2025-03-01 撤稿：why`), signed with the site'
"$GOVPUB" publish --site "$T/rb" --trust "$TRUST" -q 2> "$T/err"
check_eq "after a rollback: publishing refused the same" "$?:$(grep -c 'zz-new.md:1:1: error: \[死链\]' "$T/err")" "1:1"
# a tag no published page has any more, a 提供部门 no dataset has: the
# data catalog's page is said at its column's _index.md; publishing refused
new_news_page "$T/rb/content/news/zz-new.md" # back as release 2 published it (still approved)
sed -i 's/^date: 2024-12-19/date: 2025-01-06/' "$T/rb/content/news/zz-new.md"
sed -i 's/^tags: \[政务服务, 办公时间\]/tags: [政务服务]/' "$T/rb/content/notice/2023-new-year-hours.md"
sed -i 's/^department: 云岭区卫生健康局/department: 云岭区统计局/' "$T/rb/content/catalog/clinics.md"
for f in notice/2023-new-year-hours.md catalog/clinics.md; do sample_sign "$T/rb" "content/$f"; done
run --site rb --today 2025-01-10
check_eq "a tag and a catalog department gone" "$rc:$(grep -A1 '\[死链\]' "$T/out")" \
'1:rb/content/catalog/_index.md:1:1: error: [死链] the data catalog'"'"'s 提供部门 page published at /catalog/department/云岭区卫生健康局/ is no longer built: no dataset built now has that `department:`
  hint: keep a published dataset of that department (`department:`); or, list it under check.withdrawn in site.yaml with the reason it was withdrawn (`/catalog/department/云岭区卫生健康局/: 2025-03-01 撤稿：why`), signed with the site
--
rb/content/notice/2023-new-year-hours.md:6:1: error: [死链] the tag page published at /tags/办公时间/ is no longer built: this page had the tag when it was published, and no page built now has it
  hint: put the tag back in `tags:` here or on another published page; or, add "/tags/办公时间/" to `aliases:` of the page readers should find instead (a redirect, docs/editors.md); or, list it under check.withdrawn in site.yaml with the reason it was withdrawn (`/tags/办公时间/: 2025-03-01 撤稿：why`), signed with the site'
"$GOVPUB" publish --site "$T/rb" --trust "$TRUST" -q 2> "$T/err"
check_eq "a tag and a catalog department gone: publishing refused the same" "$?:$(grep -h '\[死链\]' "$T/err")" \
"1:$T/rb/content/catalog/_index.md:1:1: error: [死链] the data catalog's 提供部门 page published at /catalog/department/云岭区卫生健康局/ is no longer built: no dataset built now has that \`department:\`
$T/rb/content/notice/2023-new-year-hours.md:6:1: error: [死链] the tag page published at /tags/办公时间/ is no longer built: this page had the tag when it was published, and no page built now has it"
# the tag given back to that page, not signed again: the review gate
# withholds the page from a publish, and the tag's page with it (a
# warning, at the tag, as for the page's own address)
sed -i 's/^tags: \[政务服务\]/tags: [政务服务, 办公时间]/' "$T/rb/content/notice/2023-new-year-hours.md"
"$GOVPUB" publish --site "$T/rb" --trust "$TRUST" -q 2> "$T/err"
check_eq "a tag on a page withheld from the publish: a warning at the tag" "$(grep -A1 '/tags/办公时间/' "$T/err")" \
"$T/rb/content/notice/2023-new-year-hours.md:6:14: warning: [死链] the tag page published at /tags/办公时间/ is withheld from this publish with this page, which has the tag: the address is a dead link until it is signed again
  hint: have it signed again (govpub review status): the next publish serves it again"
rm -rf "$T/d/out"
# before the first publish: only a preview, which --output checks
"$GOVPUB" build --site "$T/d" -q 2>/dev/null
run --site d --today 2024-03-10
same "no --out, only a preview: the note names --output out/preview" "$T/err" <<'X'
d/out: note: the built pages were not checked (links, images, footers, meta tags): no --out or --output
  hint: nothing is published yet; check the preview build: govpub check --site d --output d/out/preview
X
run --site d --today 2024-03-10 --output d/out/preview
check_eq "the preview checked as the note says: no note" "$(cat "$T/err")" ""
rm -rf "$T/d/out"

# ---- footer data missing from site.yaml: filed under 网站标识, and the site inspected all the same ----
sed -i '/^  icp:/d' "$T/o/site.yaml"
run --site o
check_eq "no footer.icp: exit 1" "$rc" 1
same "no footer.icp: the report" "$T/out" <<'X'
o/site.yaml:9:3: error: [网站标识] footer.icp (ICP备案号) is missing
  hint: every page's footer must show it (政府网站检查指标); add it under footer:
o/content/notice/_index.md:2:1: error: [网站标识] column "notice" has no description (ColumnDescription)
  hint: add `description: <a sentence on what 通知公告 holds>` to its front matter: the theme writes it as the ColumnDescription meta tag

政府网站检查 (国办秘函〔2019〕19号) as of 2024-12-20 (check.as_of)
  网站标识: 2 errors, 0 warnings
  stale columns: 0, empty columns: 0
verdict: 不合格 (2 errors, 0 warnings)
X

# the site's name and address missing or empty: 网站标识 too (SiteName, SiteDomain), not 站点内容; a
# footer key there but empty is filled in, not added
sed -i 's/^title: .*/title: ""/; /^base_url:/d; s/^  psb: .*/  psb:/' "$T/o/site.yaml"
run --site o
check_eq "no title, base_url, footer.psb: exit 1" "$rc" 1
same "no title, base_url, footer.psb: the report" "$T/out" <<'X'
o/site.yaml:5:1: error: [网站标识] base_url (the site's address) is missing
  hint: write the address the site is served at, e.g. https://www.example.gov.cn/
o/site.yaml:5:8: error: [网站标识] title (SiteName) is missing
  hint: write the site's name, e.g. 云岭区人民政府
o/site.yaml:8:3: error: [网站标识] footer.icp (ICP备案号) is missing
  hint: every page's footer must show it (政府网站检查指标); add it under footer:
o/site.yaml:11:7: error: [网站标识] footer.psb (公安备案号) is missing
  hint: every page's footer must show it (政府网站检查指标); fill in footer.psb
o/content/notice/_index.md:2:1: error: [网站标识] column "notice" has no description (ColumnDescription)
  hint: add `description: <a sentence on what 通知公告 holds>` to its front matter: the theme writes it as the ColumnDescription meta tag

政府网站检查 (国办秘函〔2019〕19号) as of 2024-12-20 (check.as_of)
  网站标识: 5 errors, 0 warnings
  stale columns: 0, empty columns: 0
verdict: 不合格 (5 errors, 0 warnings)
X

# ---- a footer value missing from site.yaml, on built pages: said at site.yaml, first, with the
# number of pages it leaves without it — not once more on every page; a page that drops what
# site.yaml gives is the page's own item ----
sample_copy "$T/nocode"
sed -i '/^  site_code:/d; s/^  psb: .*/  psb:/' "$T/nocode/site.yaml"
"$GOVPUB" build --site "$T/nocode" --out "$T/nocode/out" -q 2>/dev/null
sed -i 's#云岭区人民政府办公室##g' "$T/nocode/out/preview/about/index.html" # as a layout that drops it would
run --site nocode --output nocode/out/preview
check_eq "footer values missing, built pages: exit 1" "$rc" 1
# 125 pages: every page the sample builds (信件选登 added its list and three letters)
same "footer values missing, built pages: the report" "$T/out" <<'X'
nocode/site.yaml:20:3: error: [网站标识] footer.site_code (网站标识码) is missing
  hint: every page's footer must show it (政府网站检查指标); add it under footer:
nocode/site.yaml:20:3: error: [网站标识] without footer.site_code, 125 pages of nocode/out/preview lack 网站标识码 in the footer and the SiteIDCode meta tag
  hint: fill in footer.site_code in site.yaml and build again: the theme shows it on every page
nocode/site.yaml:24:7: error: [网站标识] footer.psb (公安备案号) is missing
  hint: every page's footer must show it (政府网站检查指标); fill in footer.psb
nocode/site.yaml:24:7: error: [网站标识] without footer.psb, 125 pages of nocode/out/preview lack 公安备案号 linked to its record at www.beian.gov.cn in the footer
  hint: fill in footer.psb in site.yaml and build again: the theme shows it on every page
nocode/content/report/2024.md:14:3: error: [年度报表] annual report figure "site.code" is no longer computed from the content
  hint: regenerate it (govpub report --year 2024) and have it reviewed again
nocode/out/preview/about/index.html:109:1: error: [网站标识] the footer lacks 主办单位
  hint: the footer shows footer.sponsor of site.yaml on every page (政府网站检查指标)

政府网站检查 (国办秘函〔2019〕19号) as of 2025-01-16 (check.as_of)
  网站标识: 5 errors, 0 warnings
  年度报表: 1 error, 0 warnings
  stale columns: 0, empty columns: 0
verdict: 不合格 (6 errors, 0 warnings)
X

# ---- a column's _index.md without description or keywords, on built pages: said there, once,
# with the number of its list pages that lack the meta tag (page/2/ … too), not on each page ----
sample_copy "$T/cm"
sed -i 's/^paginate: .*/paginate: 3/' "$T/cm/site.yaml"
sed -i '/^description:/d; /^keywords:/d' "$T/cm/content/catalog/_index.md"
"$GOVPUB" build --site "$T/cm" -q 2>/dev/null
run --site cm --output cm/out/preview
check_eq "column without description, 4 list pages: exit 1" "$rc" 1
same "column without description, 4 list pages: at its _index.md, counted" "$T/out" <<'X'
cm/content/catalog/_index.md:2:1: error: [网站标识] column "catalog" has no description (ColumnDescription)
  hint: add `description: <a sentence on what 数据资源目录 holds>` to its front matter: the theme writes it as the ColumnDescription meta tag
cm/content/catalog/_index.md:2:1: error: [网站标识] column "catalog" has no keywords (ColumnKeywords)
  hint: add `keywords: [数据资源目录, …]` to its front matter: the theme writes it as the ColumnKeywords meta tag
cm/content/catalog/_index.md:2:1: error: [网站标识] without description, 4 list pages of cm/out/preview lack the ColumnDescription meta tag
  hint: fill in `description:` in this _index.md and build again: the theme writes it as ColumnDescription on every page of the column's list
cm/content/catalog/_index.md:2:1: error: [网站标识] without keywords, 4 list pages of cm/out/preview lack the ColumnKeywords meta tag
  hint: fill in `keywords:` in this _index.md and build again: the theme writes it as ColumnKeywords on every page of the column's list

政府网站检查 (国办秘函〔2019〕19号) as of 2025-01-16 (check.as_of)
  网站标识: 4 errors, 0 warnings
  stale columns: 0, empty columns: 0
verdict: 不合格 (4 errors, 0 warnings)
X
# given again but not built again: the pages that lack it are said (a layout, or an old build)
cp "$ROOT/content/catalog/_index.md" "$T/cm/content/catalog/_index.md"
run --site cm --output cm/out/preview
check_eq "description given, pages built without: each page" "$(grep -c 'meta tag ColumnDescription is empty' "$T/out") $(grep -c 'catalog/page/4/index.html:.*ColumnKeywords is empty' "$T/out")" "4 1"

# ---- a layout override that drops what a phone or the home page needs (移动端适配, 站内搜索):
# one item at the layout the pages are made with (the templates a build would use now), with
# the number of pages, not one per page; the pages are said only where no layout is known ----
sample_copy "$T/lay"
mkdir "$T/lay/layouts"
B=$ROOT/themes/default/layouts/baseof.mustache
build_lay() { rm -rf "$T/lay/out"; "$GOVPUB" build --site "$T/lay" -q 2>/dev/null; run --site lay --output lay/out/preview; }
grep -v 'name="viewport"' "$B" > "$T/lay/layouts/baseof.mustache"
build_lay
check_eq "layout without a viewport: exit 1" "$rc" 1
same "layout without a viewport: one item, at the layout" "$T/out" <<'X'
lay/layouts/baseof.mustache:17:1: error: [移动端适配] 125 pages of lay/out/preview made with this layout have no viewport meta tag (404.html first): phones show them as a shrunken desktop page
  hint: write <meta name="viewport" content="width=device-width, initial-scale=1"> in the <head> this layout writes, as the theme's baseof.mustache does

政府网站检查 (国办秘函〔2019〕19号) as of 2025-01-16 (check.as_of)
  移动端适配: 1 error, 0 warnings
  stale columns: 0, empty columns: 0
verdict: 不合格 (1 error, 0 warnings)
X
sed 's/width=device-width, initial-scale=1/width=1200/' "$B" > "$T/lay/layouts/baseof.mustache"
build_lay
check_eq "layout with width=1200: the item, at its viewport tag" "$(head -2 "$T/out")" \
  "lay/layouts/baseof.mustache:19:1: error: [移动端适配] 125 pages of lay/out/preview made with this layout have the viewport \"width=1200\", not width=device-width (404.html first): phones show them as a shrunken desktop page
  hint: write content=\"width=device-width, initial-scale=1\": the page then takes the phone's width"
# the layouts changed since the build: the pages are said, counted, at the first of them
cp "$B" "$T/lay/layouts/baseof.mustache"
run --site lay --output lay/out/preview
check_eq "built before the layout was fixed: at the page" "$(head -2 "$T/out")" \
  "lay/out/preview/404.html:3:1: error: [移动端适配] this page, and 124 more of lay/out/preview, have the viewport \"width=1200\", not width=device-width: phones show them as a shrunken desktop page
  hint: write <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"> in the <head> of the layout these pages are made with (the site's layouts/, else the theme's)"
# 适老化: a viewport that keeps readers from zooming in (user-scalable=no, a maximum-scale below 2),
# one item at the layout's viewport tag, naming every key that does
sed 's/initial-scale=1"/initial-scale=1, maximum-scale=1.5, user-scalable=0"/' "$B" > "$T/lay/layouts/baseof.mustache"
build_lay
check_eq "layout locking zoom: exit 1" "$rc" 1
same "layout locking zoom: one item, at its viewport tag" "$T/out" <<'X'
lay/layouts/baseof.mustache:19:1: error: [适老化] 125 pages of lay/out/preview made with this layout have the viewport "width=device-width, initial-scale=1, maximum-scale=1.5, user-scalable=0" (404.html first): maximum-scale=1.5 and user-scalable=0 stop older readers enlarging the text
  hint: take maximum-scale=1.5 and user-scalable=0 out of this viewport tag (the theme's baseof.mustache writes content="width=device-width, initial-scale=1"): readers must be able to zoom in to 200% (WCAG 1.4.4; 适老化: docs/check.md)

政府网站检查 (国办秘函〔2019〕19号) as of 2025-01-16 (check.as_of)
  适老化: 1 error, 0 warnings
  stale columns: 0, empty columns: 0
verdict: 不合格 (1 error, 0 warnings)
X
# the layout lets readers zoom now, the pages were built before: said at the first page's viewport tag
sed 's/initial-scale=1"/initial-scale=1, maximum-scale=2"/' "$B" > "$T/lay/layouts/baseof.mustache"
run --site lay --output lay/out/preview
check_eq "built before the zoom was unlocked: at the page" "$(head -1 "$T/out")" \
  "lay/out/preview/404.html:5:1: error: [适老化] this page, and 124 more of lay/out/preview, have the viewport \"width=device-width, initial-scale=1, maximum-scale=1.5, user-scalable=0\": maximum-scale=1.5 and user-scalable=0 stop older readers enlarging the text"
build_lay
check_eq "maximum-scale=2: clean" "$rc" 0
rm "$T/lay/layouts/baseof.mustache"
# the site's own alias layout (the redirect of 机构职能's old address): restyled, with its
# meta refresh kept, the redirect is accepted (its links followed, held to no page rule);
# without one the build refuses it (column_aliases.sh has the message), so no redirect
# govpub check sees as a page comes from it
sed 's#</title>#&\n<link rel="stylesheet" href="{{site.css_url}}">#; s#</p>#&\n<p><a href="{{site.home_url}}">返回首页</a></p>#' \
  "$ROOT/themes/default/layouts/alias.mustache" > "$T/lay/layouts/alias.mustache"
build_lay
check_eq "a site's own alias layout keeping the meta refresh: clean, the redirect restyled" \
  "$rc $(grep -c 'zwgk/jgzn' "$T/out") $(grep -c 'css/site.css\|返回首页' "$T/lay/out/preview/zwgk/jgzn/index.html")" "0 0 2"
grep -v 'http-equiv="refresh"' "$ROOT/themes/default/layouts/alias.mustache" > "$T/lay/layouts/alias.mustache"
rm -rf "$T/lay/out"
"$GOVPUB" build --site "$T/lay" -q 2>"$T/err"
check_eq "an alias layout without the meta refresh: the build refuses it, once, at the layout's <head>" \
  "$? $(grep -c ' error: ' "$T/err") $(grep -c "^$T/lay/layouts/alias.mustache:9:1: error: the redirect of alias /zwgk/jgzn/ does not send readers on" "$T/err") $(ls "$T/lay/out/releases" | wc -l)" \
  "1 1 1 0"
rm "$T/lay/layouts/alias.mustache"
# two viewport tags (a partial of the site's own writing one after the theme's): Chromium uses
# the last, whole (tests/browser/viewport.mjs), so the rules judge that one, and the second tag
# is a warning of its own, at the template that writes it
mkdir "$T/lay/layouts/partials"
H=$ROOT/themes/default/layouts/partials/head-meta.mustache
{ echo '<meta name="viewport" content="width=device-width, initial-scale=1, user-scalable=no">'; cat "$H"; } \
  > "$T/lay/layouts/partials/head-meta.mustache"
build_lay
check_eq "a partial's viewport after the theme's, locking zoom: exit 1" "$rc" 1
same "a partial's viewport after the theme's, locking zoom: the last judged, the second said" "$T/out" <<'X'
lay/layouts/partials/head-meta.mustache:1:1: warning: [移动端适配] 125 pages of lay/out/preview made with this layout have two viewport tags (404.html first): browsers use the last, "width=device-width, initial-scale=1, user-scalable=no", and ignore the other
  hint: keep one viewport tag among this template and the others these pages are made with (the theme's baseof.mustache writes <meta name="viewport" content="width=device-width, initial-scale=1">)
lay/layouts/partials/head-meta.mustache:1:1: error: [适老化] 125 pages of lay/out/preview made with this layout have the viewport "width=device-width, initial-scale=1, user-scalable=no" (404.html first): user-scalable=no stops older readers enlarging the text
  hint: take user-scalable=no out of this viewport tag (the theme's baseof.mustache writes content="width=device-width, initial-scale=1"): readers must be able to zoom in to 200% (WCAG 1.4.4; 适老化: docs/check.md)

政府网站检查 (国办秘函〔2019〕19号) as of 2025-01-16 (check.as_of)
  移动端适配: 0 errors, 1 warning
  适老化: 1 error, 0 warnings
  stale columns: 0, empty columns: 0
verdict: 不合格 (1 error, 1 warning)
X
# the other way round: the first locks zoom, the last lets readers zoom: only the warning, at
# the first of the site's own templates that writes one
sed 's/initial-scale=1"/initial-scale=1, user-scalable=no"/' "$B" > "$T/lay/layouts/baseof.mustache"
{ echo '<meta name="viewport" content="width=device-width, initial-scale=1">'; cat "$H"; } \
  > "$T/lay/layouts/partials/head-meta.mustache"
build_lay
check_eq "a locking viewport, then a zoomable one: exit 0" "$rc" 0
same "a locking viewport, then a zoomable one: the warning only" "$T/out" <<'X'
lay/layouts/baseof.mustache:19:1: warning: [移动端适配] 125 pages of lay/out/preview made with this layout have two viewport tags (404.html first): browsers use the last, "width=device-width, initial-scale=1", and ignore the other
  hint: keep one viewport tag among this template and the others these pages are made with (the theme's baseof.mustache writes <meta name="viewport" content="width=device-width, initial-scale=1">)

政府网站检查 (国办秘函〔2019〕19号) as of 2025-01-16 (check.as_of)
  移动端适配: 0 errors, 1 warning
  stale columns: 0, empty columns: 0
verdict: 合格 (0 errors, 1 warning)
X
# the layouts write one tag now, the pages were built before: said at the first page's second tag
rm -r "$T/lay/layouts/baseof.mustache" "$T/lay/layouts/partials"
run --site lay --output lay/out/preview
check_eq "built before the second tag was taken out: at the page's second tag" "$(head -2 "$T/out")" \
  "lay/out/preview/404.html:7:1: warning: [移动端适配] this page, and 124 more of lay/out/preview, have two viewport tags: browsers use the last, \"width=device-width, initial-scale=1\", and ignore the other
  hint: keep one viewport tag in the layout these pages are made with (the site's layouts/, else the theme's): <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
# one template writing both: said at its second, the one browsers use (here too narrow for a phone)
sed 's/^<meta name="viewport".*/&\n<meta name="viewport" content="width=980">/' "$B" > "$T/lay/layouts/baseof.mustache"
build_lay
same "one layout writing two viewport tags: both items at its second" "$T/out" <<'X'
lay/layouts/baseof.mustache:20:1: error: [移动端适配] 125 pages of lay/out/preview made with this layout have the viewport "width=980", not width=device-width (404.html first): phones show them as a shrunken desktop page
  hint: write content="width=device-width, initial-scale=1": the page then takes the phone's width
lay/layouts/baseof.mustache:20:1: warning: [移动端适配] 125 pages of lay/out/preview made with this layout have two viewport tags (404.html first): browsers use the last, "width=980", and ignore the other
  hint: keep one viewport tag among this template and the others these pages are made with (the theme's baseof.mustache writes <meta name="viewport" content="width=device-width, initial-scale=1">)

政府网站检查 (国办秘函〔2019〕19号) as of 2025-01-16 (check.as_of)
  移动端适配: 1 error, 1 warning
  stale columns: 0, empty columns: 0
verdict: 不合格 (1 error, 1 warning)
X
rm "$T/lay/layouts/baseof.mustache"
# the pages govpub makes itself, which no page of the content stands for, are found by their
# layouts (render.h's one table of them): the 404 page, the terms' pages (40, page/2/ … too) and
# the catalog's department and topic pages (15) made with a base of the site's own without the
# viewport, the home page, the search page and the taxonomies' indexes with the theme's
grep -v 'name="viewport"' "$B" > "$T/lay/layouts/own-baseof.mustache"
for k in 404 term catalog; do
  sed 's#{{< baseof}}#{{< own-baseof}}#; s#{{/baseof}}#{{/own-baseof}}#' "$ROOT/themes/default/layouts/$k.mustache" \
    > "$T/lay/layouts/$k.mustache"
done
build_lay
check_eq "the pages govpub makes, by kind: one item, at their layouts' base" "$(head -1 "$T/out")" \
  "lay/layouts/own-baseof.mustache:17:1: error: [移动端适配] 56 pages of lay/out/preview made with this layout have no viewport meta tag (404.html first): phones show them as a shrunken desktop page"
rm "$T/lay/layouts/"*.mustache
# a home layout of the site's own, without the theme's header and its search form
cat > "$T/lay/layouts/home.mustache" <<'X'
{{! home: the site's own, without the theme's header }}
<!DOCTYPE html>
<html lang="{{site.lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{site.title}}</title>
{{> partials/head-meta}}
<link rel="stylesheet" href="{{site.css_url}}">
</head>
<body>
<main id="main">
<h1>{{site.title}}</h1>
</main>
{{> partials/footer}}
</body>
</html>
X
build_lay
check_eq "home layout without the search form: exit 1" "$rc" 1
same "home layout without the search form: the item, at the layout" "$T/out" <<'X'
lay/layouts/home.mustache:11:1: error: [站内搜索] the home page lay/out/preview/index.html has no site-search form (<form role="search"> sending to the search page)
  hint: keep the site-search form of the theme's header (partials/header.mustache: <form role="search" action="{{site.search_url}}">), or write one in this layout

政府网站检查 (国办秘函〔2019〕19号) as of 2025-01-16 (check.as_of)
  站内搜索: 1 error, 0 warnings
  stale columns: 0, empty columns: 0
verdict: 不合格 (1 error, 0 warnings)
X
# a search form sending to a page that is not built, or outside a sub-path site's base path
sed -i 's#<main id="main">#<form role="search" action="/search.html"><input name="q" aria-label="搜索"></form>\n&#' "$T/lay/layouts/home.mustache"
build_lay
check_eq "search form to a page not built: the item" "$(head -2 "$T/out")" \
  "lay/layouts/home.mustache:12:1: error: [站内搜索] the search form of the home page lay/out/preview/index.html sends to \"/search.html\", which names search.html, not in the output
  hint: send it to the search page: action=\"{{site.search_url}}\", as the theme's partials/header.mustache does"
sed -i 's#action="/search.html"#action="/search/"#' "$T/lay/layouts/home.mustache"
sed -i 's#^base_url: \(.*\)/$#base_url: \1/gov/#' "$T/lay/site.yaml"
build_lay
check_eq "search form outside the base path: the item" "$(head -1 "$T/out")" \
  "lay/layouts/home.mustache:12:1: error: [站内搜索] the search form of the home page lay/out/preview/index.html sends to \"/search/\", outside the site's base path /gov/"
sed -i 's#action="/search/"#action="{{site.search_url}}"#' "$T/lay/layouts/home.mustache"
build_lay
check_eq "search form to the search page, on a sub-path site: clean" "$rc" 0

# ---- footer.dzjg_img naming no static file: said once, at its key, under 网站标识 ----
site_copy check-output badge
sed -i 's#^  dzjg_img: .*#  dzjg_img: images/dzjg.png#' "$T/badge/site.yaml"
run --site badge
check_eq "badge not in static/: exit 1" "$rc" 1
same "badge not in static/: the report" "$T/out" <<'X'
badge/site.yaml:15:13: error: [网站标识] footer.dzjg_img "images/dzjg.png" (the 党政机关网站标识 image) is not a static file of the site
  hint: put the file at static/images/dzjg.png, or name the one there is: images/dzjg.svg
badge/content/notice/_index.md:2:1: error: [网站标识] column "notice" has no description (ColumnDescription)
  hint: add `description: <a sentence on what 通知公告 holds>` to its front matter: the theme writes it as the ColumnDescription meta tag

政府网站检查 (国办秘函〔2019〕19号) as of 2024-12-20 (check.as_of)
  网站标识: 2 errors, 0 warnings
  stale columns: 0, empty columns: 0
verdict: 不合格 (2 errors, 0 warnings)
X

# ---- a 数据发布 that names no catalog dataset (数据来源): site.yaml requires datasets ----
sample_copy "$T/nods"
sed -i '/^datasets:/d' "$T/nods/content/data/2018-2023-gdp.md"
run --site nods
check_eq "data release without datasets: exit 1" "$rc" 1
same "data release without datasets: the report" "$T/out" <<'X'
nods/content/data/2018-2023-gdp.md:1:1: error: [数据发布] missing required field "datasets"
  hint: add `datasets:` to the front matter (required for type data, a list of pages' .md files: [../column/name.md])

政府网站检查 (国办秘函〔2019〕19号) as of 2025-01-16 (check.as_of)
  数据发布: 1 error, 0 warnings
  stale columns: 0, empty columns: 0
verdict: 不合格 (1 error, 0 warnings)
X

# ---- usage and settings -------------------------------------------------------------------
run --today 2024-02-30
check_eq "bad --today: exit 2" "$rc" 2
check_eq "bad --today: message" "$(head -1 "$T/err")" 'govpub: error: invalid --today "2024-02-30"'
run --out a --output b
check_eq "--out with --output: exit 2" "$rc" 2
run --format xml
check_eq "unknown format: exit 2" "$rc" 2
run --help
check_eq "--help: exit 0" "$rc" 0
check_file_has "--help: usage" "$T/out" "usage: govpub check [--site DIR] [--out DIR | --output DIR] [--today YYYY-MM-DD]"
site_copy check-model bad
sed -i 's/^  as_of: 2024-12-20/  as_of: 2024-13-01\n  freshness: {动态: 2w}\n  home: 14/' "$T/bad/site.yaml"
run --site bad
check_eq "bad settings: exit 1" "$rc" 1
same "bad settings: every problem, at its place" "$T/err" <<'X'
bad/site.yaml:37:10: error: check.as_of "2024-13-01" is not a date
  hint: write the date as YYYY-MM-DD
bad/site.yaml:38:19: error: check.freshness.动态 is not a period
  hint: write a number of days (14 or 14d), months (6m) or years (1y), or none
bad/site.yaml:39:3: error: unknown key "check.home"
  hint: check: has as_of, freshness, home_days, interpretation_days, result_days, reply_days and withdrawn
X
check_eq "bad settings: no report" "$(cat "$T/out")" ""

# a site without content/: reported, not a crash
mkdir "$T/bare" && cp -R "$ROOT/tests/fixtures/check-model/site.yaml" "$ROOT/tests/fixtures/check-model/static" "$T/bare/"
run --site bare
check_eq "no content/: exit 1" "$rc" 1
check_eq "no content/: the items (site.yaml's first)" "$(grep ': error: ' "$T/out")" "bare/site.yaml:1:1: error: [首页更新] the home page has no item at all
bare/content: error: [站点内容] no content folder"

# a tab in a file's name (refused as one: site_name.h) and in a title the
# item quotes: shown as \t, one item one line
site_copy check-model tab
printf -- '---\ntitle: "a\\tb"\n---\nx\n' > "$T/tab/content/news/$(printf 'x\ty').md"
run --site tab
check_eq "a tab in a name and a title: escaped in the text report" "$(grep -a -A1 '^tab/content/news/x' "$T/out")" \
'tab/content/news/x\ty.md:1:1: error: [站点内容] the file name holds the control character U+0009
  hint: rename the file: a name under content/ is in UTF-8, visible, and one Windows takes
tab/content/news/x\ty.md:2:1: error: [发布日期] "a\tb" has no publication date
  hint: add `date:` (the publication time, 2024-11-20T10:12:00+08:00): every item shows when it was published'

# outputs differing only in case from a static file (a page's folder, a
# file where the folder is): what a build refuses as it writes them, said
# in its words under 站点内容, and failing the inspection; so are static
# files where govpub writes, in any case (static/News/index.html, the
# column news/'s list; static/Sitemap.xml), at the file as a build says them
site_copy check-model fold
sed -i 's/^static: \[\].*/static: [static]/' "$T/fold/site.yaml"
mkdir -p "$T/fold/static/News" "$T/fold/static/news/Meeting"
echo x > "$T/fold/static/News/index.html"
echo x > "$T/fold/static/news/Meeting/index.html"
echo x > "$T/fold/static/NEWS"
echo x > "$T/fold/static/Sitemap.xml"
run --site fold
check_eq "outputs differing only in case: exit 1" "$rc" 1
check_eq "outputs differing only in case: the items" "$(grep -A1 '\[站点内容\]' "$T/out" | grep -v '^--$')" \
'fold/content/news/meeting.md:1:1: error: [站点内容] output /news/meeting/index.html differs from /news/Meeting/index.html (fold/static/news/Meeting/index.html) only in case or Unicode normalisation
  hint: rename one: on a case-insensitive or normalising file system (out/ copied to Windows or a Mac) one would overwrite the other
fold/static/NEWS:1:1: error: [站点内容] output /NEWS differs from the folder /news/ only in case or Unicode normalisation
  hint: rename one: a case-insensitive or normalising file system (out/ copied to Windows or a Mac) cannot hold a file and a folder of that name
fold/static/News/index.html:1:1: error: [站点内容] static file /News/index.html is where govpub writes the list of news (/news/index.html)
  hint: rename the file or move it, and the links to it (a column'"'"'s page/, index.html and index.xml are govpub'"'"'s)
fold/static/Sitemap.xml:1:1: error: [站点内容] static file /Sitemap.xml is where govpub writes the sitemap (/sitemap.xml)
  hint: rename the file or move it, and the links to it (at the site'"'"'s root, index.html, index.xml, 404.html, robots.txt, sitemap.xml, published-dates.tsv, search/, tags/ and topics/ are govpub'"'"'s)'
check_eq "outputs differing only in case: counted under 站点内容" "$(grep '^  站点内容:' "$T/out")" "  站点内容: 4 errors, 0 warnings"

# ---- citizens' personal data published (安全、泄密事故: 单项否决) -------------------------
# what the scan's privacy/ lists find (a 身份证号 with its check digit, a
# mobile number; a first-generation 15-digit 身份证号, both written in
# groups) in a page that is published: an error each, masked as the scan
# masks it, and the verdict fails on it alone; near misses are not (a
# 15-digit number with no such birth date, a grouped number whose check
# digit fails, a date range; figures that are not a mobile number's
# groupings: a run of groups, 138 12345678, 1381234 5678, mixed separators,
# a number joined to another by a hyphen); the same in a draft is not published (the scan
# still finds it: `govpub scan`), and the scan's other lists (a 敏感词 of the
# sample list) are not the inspection's
sample_copy "$T/leak"
printf '\n联系人张三，身份证号530102199003071238，手机13812345678，samplebadword。\n' >> "$T/leak/content/news/2024-data-sharing.md"
printf '\n李四，旧身份证530102800101123，又作530102 1980 0101 1237，手机138-0013-8000。\n' >> "$T/leak/content/news/2024-data-sharing.md"
printf '\n编号530102800230123，530102-19800101-1234，2024-01-01至2024-12-31。\n' >> "$T/leak/content/news/2024-data-sharing.md"
printf '\n共 6422 167 1234 5983 项，138 12345678，1381234 5678，138 1234-5678，2024-167-1234-5983。\n' >> "$T/leak/content/news/2024-data-sharing.md"
printf -- '---\ntitle: 草稿\ndate: 2024-12-01T09:00:00+08:00\ndraft: true\nsource: 办公室\n---\n手机13812345678\n' > "$T/leak/content/news/draft.md"
run --site leak
check_eq "personal data: exit 1" "$rc" 1
same "personal data: the report" "$T/out" <<'X'
leak/content/news/2024-data-sharing.md:18:11: error: [安全泄密] 身份证号 published «联系人张三，身份证号530***********1238，手机138****5678…»
  hint: 公开的文字中不得出现公民身份号码；删除，或只保留首尾几位（如 530***********0012）
leak/content/news/2024-data-sharing.md:18:32: error: [安全泄密] 手机号码 published «…530***********1238，手机138****5678，samplebadwo…»
  hint: 个人手机号码不得公开；办事电话请写单位固定电话或政务服务热线
leak/content/news/2024-data-sharing.md:20:8: error: [安全泄密] 身份证号 published «李四，旧身份证530********1123，又作530*** **** **** 1237…»
  hint: 公开的文字中不得出现公民身份号码；删除，或只保留首尾几位（如 530***********0012）
leak/content/news/2024-data-sharing.md:20:26: error: [安全泄密] 身份证号 published «…530********1123，又作530*** **** **** 1237，手机138-****-8000…»
  hint: 公开的文字中不得出现公民身份号码；删除，或只保留首尾几位（如 530***********0012）
leak/content/news/2024-data-sharing.md:20:50: error: [安全泄密] 手机号码 published «…530*** **** **** 1237，手机138-****-8000。»
  hint: 个人手机号码不得公开；办事电话请写单位固定电话或政务服务热线

政府网站检查 (国办秘函〔2019〕19号) as of 2025-01-16 (check.as_of)
  安全泄密: 5 errors, 0 warnings
  stale columns: 0, empty columns: 0
  单项否决: 安全、泄密事故: 5 items of citizens' personal data published (身份证号, 手机号码, 银行卡号)
verdict: 不合格 (5 errors, 0 warnings, 单项否决)
X

# ---- letters left unanswered (互动回应差: 单项否决) ---------------------------------------
# pending letters of data/letters/2025.yaml, judged as of check.as_of
# (2025-01-16): within the default check.reply_days (90) nothing is said;
# with reply_days 14, the letter of 2025-01-01 (15 days) is an error and a
# 单项否决, the one of 01-02 (14 days: due today) and of 01-03 a warning;
# with 29, the reply of 01-01 due in 14 days is a warning, 01-02's (in 15)
# nothing.  A publish with the overdue letter is refused.
sample_copy "$T/reply"
cat > "$T/reply/data/letters/2025.yaml" <<'Y'
received: 5
handled: 1
pending:
  - received: 2025-01-01
    no: XX2025-0001
    subject: 关于公布区政务数据共享目录的建议
  - received: 2025-01-02
    no: XX2025-0002
  - received: 2025-01-03
Y
run --site reply
check_eq "pending letters within check.reply_days: 合格, nothing said" "$rc/$(grep -c '互动回应差' "$T/out")" "0/0"
sed -i 's/^  as_of: 2025-01-16$/&\n  reply_days: 14/' "$T/reply/site.yaml"
run --site reply
check_eq "a letter unanswered too long: exit 1" "$rc" 1
same "a letter unanswered too long: the report" "$T/out" <<'X'
reply/data/letters/2025.yaml:4:15: error: [互动回应差] letter XX2025-0001 "关于公布区政务数据共享目录的建议" received 2025-01-01 has waited 15 days for a reply as of 2025-01-16, more than 14: it was due by 2025-01-15
  hint: answer it, then take it out of `pending:` (count it in `handled:` once it is 办结): a letter unanswered for more than 14 days (check.reply_days) is 互动回应差, 单项否决
reply/data/letters/2025.yaml:7:15: warning: [互动回应差] letter XX2025-0002 received 2025-01-02 has waited 14 days: its reply is due by 2025-01-16 (today)
  hint: answer it by 2025-01-16, then take it out of `pending:`: unanswered after 14 days (check.reply_days) it is 互动回应差, 单项否决
reply/data/letters/2025.yaml:9:15: warning: [互动回应差] letter received 2025-01-03 has waited 13 days: its reply is due by 2025-01-17 (in 1 day)
  hint: answer it by 2025-01-17, then take it out of `pending:`: unanswered after 14 days (check.reply_days) it is 互动回应差, 单项否决

政府网站检查 (国办秘函〔2019〕19号) as of 2025-01-16 (check.as_of)
  互动回应差: 1 error, 2 warnings
  stale columns: 0, empty columns: 0
  单项否决: 互动回应差: 1 letter (群众来信) unanswered for more than 14 days
verdict: 不合格 (1 error, 2 warnings, 单项否决)
X
run --site reply --format json
check_eq "a letter unanswered too long: json" "$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
print(r["verdict"], r["rules"]["reply"], r["vetoes"])
for i in r["items"]:
    print(i["rule"], i["level"], i["category"], i["path"], i["line"], i["column"])' "$T/out")" \
"不合格 3 ['互动回应差: 1 letter (群众来信) unanswered for more than 14 days']
reply error 互动回应差 reply/data/letters/2025.yaml 4 15
reply warning 互动回应差 reply/data/letters/2025.yaml 7 15
reply warning 互动回应差 reply/data/letters/2025.yaml 9 15"
sample_sign_site "$T/reply"
sample_sign "$T/reply" content/hudong/_index.md # the letters files are its inputs
"$GOVPUB" publish --site "$T/reply" --out "$T/reply-out" --trust "$TRUST" -q 2>"$T/err"
check_eq "a letter unanswered too long: the publish is refused" "$?/$(test -e "$T/reply-out/current" && echo served)" "1/"
check_file_has "a letter unanswered too long: the publish says the 单项否决" "$T/err" \
  "govpub: error: inspection: 单项否决: 互动回应差: 1 letter (群众来信) unanswered for more than 14 days"
sed -i 's/^  reply_days: 14$/  reply_days: 29/' "$T/reply/site.yaml"
run --site reply
check_eq "a reply due within 14 days: a warning only" "$rc $(grep -c ': warning: \[互动回应差\]' "$T/out") $(grep ': warning: ' "$T/out" | cut -d: -f1-3)" \
  "0 1 reply/data/letters/2025.yaml:4:15"
check_file_has "a reply due within 14 days: when" "$T/out" \
  'letter XX2025-0001 "关于公布区政务数据共享目录的建议" received 2025-01-01 has waited 15 days: its reply is due by 2025-01-30 (in 14 days)'
# A pending letter received after the day of the check is a typo, almost
# surely: a warning at its date (the 互动回应差 count stays 0 errors).
# 2025-02-03 is after check.as_of but not after today: the hint names the
# setting; 2099-01-05 is ahead of the clock too: the hint names the date.
# --today judges as of its day.  The build, which judges the file and
# never the clock (as for a page's date ahead), says nothing.
cat > "$T/reply/data/letters/2025.yaml" <<'Y'
received: 5
handled: 3
pending:
  - received: 2025-01-02
  - received: 2025-02-03
    no: XX2025-0009
Y
printf 'received: 1\nhandled: 0\npending:\n  - received: 2099-01-05\n' > "$T/reply/data/letters/2099.yaml"
run --site reply
same "letters received after the day of the check: warnings" "$T/out" <<'X'
reply/data/letters/2025.yaml:5:15: warning: [互动回应差] letter XX2025-0009 received 2025-02-03 is after 2025-01-16, the day of the check (check.as_of)
  hint: the date is not ahead of today: site.yaml's check.as_of pins the day of the check (for a sample or a test site); remove it to judge as of today
reply/data/letters/2099.yaml:4:15: warning: [互动回应差] letter received 2099-01-05 is after 2025-01-16, the day of the check (check.as_of)
  hint: correct `received:` to the day the letter came in (a typo?): its reply is due check.reply_days after that day, and a date ahead hides a letter overdue

政府网站检查 (国办秘函〔2019〕19号) as of 2025-01-16 (check.as_of)
  互动回应差: 0 errors, 2 warnings
  stale columns: 0, empty columns: 0
verdict: 合格（仅检查内容模型，未检查生成的页面：govpub build --site reply, then govpub check --site reply --output reply/out/preview） (0 errors, 2 warnings)
X
check_eq "letters received after the day of the check: exit 0" "$rc" 0
run --site reply --today 2025-02-02
check_eq "letters received after --today: warned as of it" "$(grep ': warning: \[互动回应差\]' "$T/out")" \
"reply/data/letters/2025.yaml:5:15: warning: [互动回应差] letter XX2025-0009 received 2025-02-03 is after 2025-02-02, the day of the check (--today)
reply/data/letters/2099.yaml:4:15: warning: [互动回应差] letter received 2099-01-05 is after 2025-02-02, the day of the check (--today)"
run --site reply --today 2025-02-03
check_eq "a letter received on the day of the check: no warning" "$(grep -c ': warning: .*2025-02-03 is after' "$T/out")" 0
(cd "$T" && "$GOVPUB" build --site reply --out reply-b -q) > "$T/build-out" 2>&1
check_eq "letters received after today: the build says nothing" "$?/$(cat "$T/build-out")" "0/"

# ---- the sample portal: a clean inspection, on its model and on its publishing build ----
# on the model alone, the verdict says the built pages were not checked
# and how to check them (the note's command); JSON and SARIF keep 合格 and
# say it in a field of their own
sample_copy "$T/sm"
run --site sm
check_eq "sample portal: exit 0" "$rc" 0
same "sample portal: clean, the model only" "$T/out" <<'X'
政府网站检查 (国办秘函〔2019〕19号) as of 2025-01-16 (check.as_of)
  stale columns: 0, empty columns: 0
verdict: 合格（仅检查内容模型，未检查生成的页面：govpub build --site sm, then govpub check --site sm --output sm/out/preview） (0 errors, 0 warnings)
X
run --site sm --format json
check_eq "sample portal, the model only: json" "$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
print(r["verdict"], r["passed"], r["pages_checked"], r["check_pages"])' "$T/out")" \
  "合格 True False govpub build --site sm, then govpub check --site sm --output sm/out/preview"
run --site sm --format sarif
check_eq "sample portal, the model only: sarif" "$(python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))["runs"][0]["properties"]
print(p["verdict"], p["pagesChecked"])' "$T/out")" "合格 False"
"$GOVPUB" build --site "$T/sm" -q 2>/dev/null
run --site sm
check_eq "sample portal, a preview built: the verdict names it" "$(tail -1 "$T/out")" \
  "verdict: 合格（仅检查内容模型，未检查生成的页面：govpub check --site sm --output sm/out/preview） (0 errors, 0 warnings)"
run --site sm --output sm/out/preview --format json
check_eq "sample portal, the preview checked: json" "$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
print(r["verdict"], r["pages_checked"], r["check_pages"])' "$T/out")" "合格 True None"
(cd "$ROOT" && "$GOVPUB" build --publish --trust samples/keys/trust.pub --out "$T/sample" -q) 2>/dev/null
(cd "$ROOT" && "$GOVPUB" check --out "$T/sample") > "$T/out" 2> "$T/err"
check_eq "sample portal built: exit 0" "$?" 0
same "sample portal built: clean" "$T/out" <<'X'
政府网站检查 (国办秘函〔2019〕19号) as of 2025-01-16 (check.as_of)
  stale columns: 0, empty columns: 0
verdict: 合格 (0 errors, 0 warnings)
X

#!/bin/sh
# govpub build on the mini fixture: what a release holds, where links point,
# what is left out, and the release layout of DESIGN §8.
. "$(dirname "$0")/lib.sh"
site_copy mini site
"$GOVPUB" build --site "$T/site" --out "$T/out" -q -j2 2>"$T/err"
check_eq "preview build exits 0" "$?" 0
P="$T/out/preview"
check "preview link exists" test -L "$P"
case $(readlink "$P") in releases/*) ok "preview points into releases/" ;; *) fail "preview target $(readlink "$P")" ;; esac
for f in index.html 404.html robots.txt sitemap.xml index.xml news/index.html news/index.xml \
         news/a/index.html news/b/index.html policy/rules/index.html policy/jiedu/rules-jd/index.html \
         policy/jiedu/index.html tags/index.html "tags/数据/index.html" old/a/index.html \
         css/site.css files/guide.txt images/dzjg.svg; do
  check "writes $f" test -f "$P/$f"
done
check "draft shown in preview" test -f "$P/news/c/index.html"
check "依申请公开 never built" test ! -e "$P/news/d"
check_file_has "md link resolved to page URL" "$P/news/a/index.html" 'href="/policy/rules/"'
check_file_has "URL link with anchor kept" "$P/news/a/index.html" 'href="/policy/jiedu/rules-jd/#%E4%B8%80%E6%80%BB%E4%BD%93%E8%A6%81%E6%B1%82"'
check_file_has "static link" "$P/news/b/index.html" 'href="/files/guide.txt"'
# links written one a line (docs/editors.md): a line break between them; a
# link ending a line of a sentence is joined like text
check_file_has "links one a line: kept apart" "$P/news/a/index.html" '<p><a href="/policy/rules/">《管理办法》</a><br />'
check_file_has "a link ending a line of a sentence: joined" "$P/news/a/index.html" \
  '详见<a href="/policy/rules/">《管理办法》</a>和<a href="/policy/jiedu/rules-jd/">办法解读</a>。</p>'
check_file_has "table rendered" "$P/news/b/index.html" '<th>项目</th>'
check_file_lacks "raw script dropped" "$P/policy/rules/index.html" '<script>'
check_file_has "policy metadata" "$P/policy/rules/index.html" '<td>测政发〔2024〕1号</td>'
check_file_has "value alias 现行有效 → 有效" "$P/policy/rules/index.html" '<td>有效</td>'
check_file_has "policy links its interpretation" "$P/policy/rules/index.html" 'href="/policy/jiedu/rules-jd/"'
check_file_has "interpretation links back" "$P/policy/jiedu/rules-jd/index.html" '原文件：<a href="/policy/rules/">'
check_file_has "pubdate" "$P/news/a/index.html" '2024-03-01 09:30'
check_file_has "pagination (paginate: 2)" "$P/news/index.html" 'href="/news/page/2/"'
check "page 2 written" test -f "$P/news/page/2/index.html"
check_file_has "alias redirect" "$P/old/a/index.html" 'content="0; url=/news/a/"'
check_file_has "sitemap percent-encodes" "$P/sitemap.xml" '<loc>https://www.test.gov.cn/tags/%E6%95%B0%E6%8D%AE/</loc>'
check_file_has "atom feed entry" "$P/news/index.xml" '<id>https://www.test.gov.cn/news/a/</id>'
check_file_has "preview robots" "$P/robots.txt" 'Disallow: /'
check_file_has "CJK summary on list" "$P/news/index.html" '会议要求，各单位要做好数据共享工作。'
# the site's own static/robots.txt is published in place of govpub's
# (publish.sh); a preview keeps govpub's, which no search engine follows
printf 'User-agent: *\nDisallow: /search/\n' > "$T/site/static/robots.txt"
"$GOVPUB" build --site "$T/site" --out "$T/out" -q 2>"$T/err"
check_eq "the site's robots.txt: the preview's is govpub's" "$?:$(cat "$T/err"):$(cat "$T/out/preview/robots.txt")" \
  "0::User-agent: *
Disallow: /
Sitemap: https://www.test.gov.cn/sitemap.xml"
rm "$T/site/static/robots.txt"
# robots.txt is plain text: its Sitemap: line is the URL a client sends
# (percent-encoded), with no XML escapes (an & stayed &amp;)
site_copy mini amp
sed -i 's|^base_url: .*|base_url: https://www.test.gov.cn/a\&b/数据/|' "$T/amp/site.yaml"
"$GOVPUB" build --site "$T/amp" --out "$T/amp-out" -q 2>"$T/err"
check_eq "robots.txt under a base_url with & and Chinese" "$?:$(cat "$T/err"):$(tail -1 "$T/amp-out/preview/robots.txt")" \
  "0::Sitemap: https://www.test.gov.cn/a&b/%E6%95%B0%E6%8D%AE/sitemap.xml"
check_file_has "the sitemap escapes the & for XML" "$T/amp-out/preview/sitemap.xml" '<loc>https://www.test.gov.cn/a&amp;b/%E6%95%B0%E6%8D%AE/</loc>'

# A publishing build needs the review trust anchor (tests/cli/review.sh
# covers publishing itself); without it, nothing is published.
"$GOVPUB" build --site "$T/site" --out "$T/out" --publish -q 2>"$T/err"
check_eq "publishing without --trust exits 1" "$?" 1
check_eq "publishing without --trust says why" "$(head -2 "$T/err")" "govpub: error: publishing needs the review trust anchor
  hint: give the publishing host's trust anchor: --trust FILE, or \$GOVPUB_TRUST (docs/reviewers.md)"
# govpub publish too: the hint names no other command
env -u GOVPUB_TRUST "$GOVPUB" publish --site "$T/site" --out "$T/out" -q 2>"$T/err"
check_eq "publish without --trust exits 1" "$?" 1
check_eq "publish without --trust says why" "$(head -2 "$T/err")" "govpub: error: publishing needs the review trust anchor
  hint: give the publishing host's trust anchor: --trust FILE, or \$GOVPUB_TRUST (docs/reviewers.md)"
check "no current link made" test ! -e "$T/out/current"
check "preview untouched by the refused publishing build" test -f "$T/out/preview/news/c/index.html"

# Each page's recorded inputs: its file, static files it links, templates.
"$GOVPUB" build --site "$T/site" --out "$T/out" -q --inputs > "$T/inputs"
check_eq "inputs of news/b.md" "$(grep '^content/news/b.md' "$T/inputs" | cut -f2 | tr '\n' ' ')" \
  "content/news/b.md static/files/guide.txt charts/rev.yaml charts/rev.csv charts/rev-line.yaml themes/plain/layouts/single.mustache themes/plain/layouts/baseof.mustache themes/plain/layouts/partials/footer.mustache "
check_eq "inputs of the interpretation include its image" \
  "$(grep '^content/policy/jiedu/rules-jd.md' "$T/inputs" | cut -f2 | grep -c '^static/files/chart.svg$')" 1

# A site's own layouts/ override the theme's.
mkdir -p "$T/site/layouts"
printf '<p>site layout: {{page.title}}</p>\n' > "$T/site/layouts/policy.mustache"
"$GOVPUB" build --site "$T/site" --out "$T/out2" -q
check_file_has "site layout overrides theme layout" "$T/out2/preview/policy/rules/index.html" '<p>site layout: 测试区公共数据管理办法</p>'
check_file_has "other pages keep the theme's layout" "$T/out2/preview/news/a/index.html" '<article><h1>'

# A long list: the pager shows the first, the last and two pages on each
# side of the current one, … between (the sample portal, one item a page);
# the numbers a phone leaves out are pager-wide (pager.h).
sample_copy "$T/long"
sed -i 's/^paginate: .*/paginate: 1/' "$T/long/site.yaml"
for i in 1 2 3; do # 9 news pages and these: 12 pages
  printf -- '---\ntitle: 第%s条补充动态\ndate: 2023-01-0%sT09:00:00+08:00\nsource: 测试\n---\n\n正文。\n' "$i" "$i" \
    > "$T/long/content/news/zz-$i.md"
done
"$GOVPUB" build --site "$T/long" --out "$T/long-out" -q 2>/dev/null
sed -n '/<ul class="pager-list">/,/<\/ul>/p' "$T/long-out/preview/news/page/5/index.html" > "$T/pager"
check_eq "a long list: the pager of page 5" "$(cat "$T/pager")" '<ul class="pager-list">
<li><a href="/news/page/4/" rel="prev">上一页</a></li>
<li><a href="/news/" aria-label="第 1 页">1</a></li>
<li><span class="pager-gap" aria-hidden="true">…</span></li>
<li class="pager-wide"><a href="/news/page/3/" aria-label="第 3 页">3</a></li>
<li class="pager-wide"><a href="/news/page/4/" aria-label="第 4 页">4</a></li>
<li><span class="pager-current" aria-current="page">5</span></li>
<li class="pager-wide"><a href="/news/page/6/" aria-label="第 6 页">6</a></li>
<li class="pager-wide"><a href="/news/page/7/" aria-label="第 7 页">7</a></li>
<li><span class="pager-gap" aria-hidden="true">…</span></li>
<li><a href="/news/page/12/" aria-label="第 12 页">12</a></li>
<li><a href="/news/page/6/" rel="next">下一页</a></li>
</ul>'
check_eq "a long list: page 2 has no gap before it" \
  "$(grep -c 'pager-gap' "$T/long-out/preview/news/page/2/index.html")" 1
check_eq "a long list: page 4 has a gap only a phone shows (1 … 4, where 2 and 3 are pager-wide)" \
  "$(grep -o '<li class="pager-narrow"><span class="pager-gap" aria-hidden="true">…</span></li>' \
    "$T/long-out/preview/news/page/4/index.html" | wc -l)" 1

# A policy no longer in force (有效性 废止 or 失效) says so above its table,
# in its column's list and beside its interpretation's 原文件 link; one in
# force (有效) says nothing of the kind (the sample portal, default theme)
sed -i 's/^validity: 有效$/validity: 废止/' "$T/long/content/policy/2024-one-thing-plan.md"
sed -i 's/^validity: 有效$/validity: 失效/' "$T/long/content/policy/2024-new-media-rules.md"
"$GOVPUB" build --site "$T/long" --out "$T/lapse-out" -q 2>/dev/null
L="$T/lapse-out/preview"
check_eq "废止: said above the table" "$(grep -A1 'validity-notice' "$L/policy/2024-one-thing-plan/index.html")" \
'<p class="validity-notice" role="note">本文件已废止，仅供查阅。</p>
<table class="disclosure">'
check_file_has "失效: said too" "$L/policy/2024-new-media-rules/index.html" \
  '<p class="validity-notice" role="note">本文件已失效，仅供查阅。</p>'
check_file_lacks "有效: nothing said" "$L/policy/2024-zongchuang-plan/index.html" 'validity-notice'
check_eq "废止 and 失效: badges in the column's list (one item a page)" \
  "$(cat "$L/policy/index.html" "$L"/policy/page/*/index.html | grep -o '[^>]*</a> <span class="status-badge status-closed">[^<]*</span>')" \
'云岭区推进“高效办成一件事”工作实施方案</a> <span class="status-badge status-closed">已废止</span>
云岭区政府网站和政务新媒体信息发布管理办法</a> <span class="status-badge status-closed">已失效</span>'
check_file_has "废止: the interpretation's 原文件 link says so" "$L/policy/jiedu/2024-one-thing-jiedu/index.html" \
  '云岭区推进“高效办成一件事”工作实施方案</a>（已废止）</p>'
check_file_has "有效: the interpretation's 原文件 link as before" "$L/policy/jiedu/2024-zongchuang-jiedu/index.html" \
  '云岭区政务服务“综合窗口”改革实施方案</a></p>'

# A sitemap holds at most sitemap_max_urls URLs (50,000: the Sitemaps
# protocol's and Baidu's limit); more go into sitemap-<n>.xml files that
# sitemap.xml lists as a sitemap index, the same URLs in the same order.
site_copy mini split
printf 'sitemap_max_urls: 5\n' >> "$T/split/site.yaml"
"$GOVPUB" build --site "$T/split" --out "$T/split-out" -q 2>"$T/err"
S="$T/split-out/preview"
urls=$(grep -c '<loc>' "$P/sitemap.xml")
parts=$(((urls + 4) / 5))
check_eq "split sitemap: an index of the parts" "$(sed -n '2p;$p' "$S/sitemap.xml")" '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
</sitemapindex>'
check_eq "split sitemap: the index names $parts parts" "$(grep -o '<loc>[^<]*</loc>' "$S/sitemap.xml")" \
  "$(i=1; while [ $i -le $parts ]; do echo "<loc>https://www.test.gov.cn/sitemap-$i.xml</loc>"; i=$((i + 1)); done)"
check_eq "split sitemap: at most 5 URLs a part" "$(for f in "$S"/sitemap-*.xml; do grep -c '<loc>' "$f"; done | sort -n | tail -1)" 5
check_eq "split sitemap: the same URLs in the same order" \
  "$(i=1; while [ $i -le $parts ]; do grep '<url>' "$S/sitemap-$i.xml"; i=$((i + 1)); done)" "$(grep '<url>' "$P/sitemap.xml")"
check "split sitemap: no part beyond" test ! -e "$S/sitemap-$((parts + 1)).xml"

# the summary line counts in the singular when there is one: one chart
site_copy mini one
rm "$T/one/charts/rev-line.yaml"
sed -i '/^```chart$/{N;/\nrev-line$/{N;d}}' "$T/one/content/news/b.md" # its block, fences and all
"$GOVPUB" build --site "$T/one" --out "$T/one-out" 2>"$T/err"
check_eq "one chart: the summary says 1 chart" "$?:$(sed 's/ in [0-9.]* s / in S /; s/(release .*)/(release R)/' "$T/err")" \
  "0:built 16 pages, 1 chart and 4 static files in S → $T/one-out/preview (release R)"

# An attachment says its format (the extension, upper case) and size (units
# of 1024: B, whole KB rounded half up, MB with one decimal; 1023.5 KB is
# 1.0 MB) in the page's model, and the media type a link may hint when one
# is known (XLSX, not OFD nor a name without an extension).  The sizes are
# the bytes at the rounding edges.
site_copy mini att
sed -i 's#{{\#page.attachments}}.*{{/page.attachments}}#{{\#page.attachments}}<p class="att">{{name}}|{{format}}|{{size}}|{{media_type}}</p>{{/page.attachments}}#' \
  "$T/att/themes/plain/layouts/single.mustache"
mk() { head -c "$2" /dev/zero > "$T/att/static/files/$1"; }
mk empty.txt 0
mk b.pdf 1023
mk k.docx 1024
mk half.csv 1535     # 1.499 KB: 1 KB
mk up.csv 1536       # 1.5 KB: 2 KB
mk 目录.xlsx 23552
mk edge.zip 1048063  # 1023.499 KB
mk mb.ofd 1048064    # 1023.5 KB: 1.0 MB
mk big.WPS 1572864   # 1.5 MB
mk README 10
sed -i 's#^attachments: .*#attachments: [/files/empty.txt, /files/b.pdf, /files/k.docx, /files/half.csv, /files/up.csv, /files/目录.xlsx, /files/edge.zip, /files/mb.ofd, /files/big.WPS, /files/README]#' \
  "$T/att/content/news/a.md"
"$GOVPUB" build --site "$T/att" --out "$T/att-out" -q 2>"$T/err"
check_eq "attachments: the site builds" "$?:$(cat "$T/err")" "0:"
check_eq "attachments: format, size and media type of each" "$(grep 'class="att"' "$T/att-out/preview/news/a/index.html")" \
'<p class="att">empty.txt|TXT|0 B|text/plain</p><p class="att">b.pdf|PDF|1023 B|application/pdf</p><p class="att">k.docx|DOCX|1 KB|application/vnd.openxmlformats-officedocument.wordprocessingml.document</p><p class="att">half.csv|CSV|1 KB|text/csv</p><p class="att">up.csv|CSV|2 KB|text/csv</p><p class="att">目录.xlsx|XLSX|23 KB|application/vnd.openxmlformats-officedocument.spreadsheetml.sheet</p><p class="att">edge.zip|ZIP|1023 KB|application/zip</p><p class="att">mb.ofd|OFD|1.0 MB|</p><p class="att">big.WPS|WPS|1.5 MB|</p><p class="att">README||10 B|</p>'

# A column's feed lists its pages newest first by date and is as new as its
# newest entry, whatever order its list shows them in: news/b (2024-02-10)
# pinned to the top of the list with `weight: 1` and corrected on
# 2024-03-08 (`updated:`) is second in the feed, and the feed's and the
# sitemap's dates are its correction's, not the list's first page's date.
site_copy mini pin
sed -i 's/^date: 2024-02-10$/&\nweight: 1\nupdated: 2024-03-08T08:00:00+08:00/' "$T/pin/content/news/b.md"
"$GOVPUB" build --site "$T/pin" --out "$T/pin-out" -q 2>"$T/err"
check_eq "pinned page: the list shows it first" "$?:$(cat "$T/err"):$(grep -o 'href="/news/[a-c]/"' "$T/pin-out/preview/news/index.html" | head -1)" \
  '0::href="/news/b/"'
check_eq "pinned page: the feed, newest published first, as new as its newest change" \
  "$(grep -E '^  <updated>|<id>|<updated>' "$T/pin-out/preview/news/index.xml" | sed 1d)" \
  '  <updated>2024-03-08T08:00:00+08:00</updated>
    <id>https://www.test.gov.cn/news/c/</id>
    <updated>2024-03-05T10:00:00+08:00</updated>
    <id>https://www.test.gov.cn/news/a/</id>
    <updated>2024-03-01T09:30:00+08:00</updated>
    <id>https://www.test.gov.cn/news/b/</id>
    <updated>2024-03-08T08:00:00+08:00</updated>'
check_eq "pinned page: the list's lastmod in the sitemap is the newest change" \
  "$(grep -o '<url><loc>[^<]*/news/</loc><lastmod>[^<]*' "$T/pin-out/preview/sitemap.xml")" \
  '<url><loc>https://www.test.gov.cn/news/</loc><lastmod>2024-03-08'

# Hugo's summary divider: the text before <!--more--> is the page's
# summary, whole (longer than summary_length: 40), in lists and in the
# page's meta description; `summary:` still wins; the comment is never written.
site_copy mini more
printf -- '---\ntitle: 草稿新闻\ndate: 2024-03-05T10:00:00+08:00\ndraft: true\n---\n%s\n\n## 二、要求\n\n<!--more-->\n\n此后的文字不在摘要里。\n' \
  '第一段写得很长，超过了站点设定的四十个字的摘要长度，但它在分隔标记之前，所以整段都是摘要，一个字也不截断。' \
  > "$T/more/content/news/c.md"
sed -i 's/^date: 2024-03-01T09:30:00+08:00$/&\nsummary: 编辑写的摘要。/; $a\\n<!--more-->\n' "$T/more/content/news/a.md"
"$GOVPUB" build --site "$T/more" --out "$T/more-out" -q 2>"$T/err"
check_eq "<!--more-->: the list shows the text before it, whole; summary: wins" \
  "$?:$(cat "$T/err"):$(grep -o '<time [^>]*>[^<]*</time> [^<]*' "$T/more-out/preview/news/index.html" | sed 's/<time [^>]*>[^<]*<.time> //')" \
  '0::第一段写得很长，超过了站点设定的四十个字的摘要长度，但它在分隔标记之前，所以整段都是摘要，一个字也不截断。二、要求
编辑写的摘要。'
check_file_lacks "<!--more-->: never written" "$T/more-out/preview/news/c/index.html" 'more--'

# Footnotes as an editor used to Hugo writes them: numbered references, the
# notes at the end of the body with links back; a link in a note is
# resolved and checked like any other (docs/editors.md).  They once read
# as link definitions: `broken link "脚注。"`.
site_copy mini fn
printf -- '---\ntitle: 脚注\ndate: 2024-03-05T10:00:00+08:00\n---\n%s\n\n%s\n\n%s\n' \
  '文字[^1]，再引[^1]，又见[^依据]。' '[^1]: 脚注。' '[^依据]: 见[《管理办法》](../policy/rules.md)。' \
  > "$T/fn/content/news/fn.md"
"$GOVPUB" build --site "$T/fn" --out "$T/fn-out" -q 2>"$T/err"
check_eq "footnotes: the build succeeds" "$?:$(cat "$T/err")" "0:"
check_eq "footnotes: references and notes, exactly" \
  "$(sed -n '/^<p>文字/,/^<\/section>/p' "$T/fn-out/preview/news/fn/index.html")" \
  '<p>文字<sup class="footnote-ref"><a href="#fn-1" id="fnref-1">1</a></sup>，再引<sup class="footnote-ref"><a href="#fn-1" id="fnref-1-2">1</a></sup>，又见<sup class="footnote-ref"><a href="#fn-2" id="fnref-2">2</a></sup>。</p>
<section class="footnotes" aria-label="注释">
<ol>
<li id="fn-1">
<p>脚注。 <a href="#fnref-1" class="footnote-backref" aria-label="返回正文">↩</a> <a href="#fnref-1-2" class="footnote-backref" aria-label="返回正文第2处">↩<sup>2</sup></a></p>
</li>
<li id="fn-2">
<p>见<a href="/policy/rules/">《管理办法》</a>。 <a href="#fnref-2" class="footnote-backref" aria-label="返回正文">↩</a></p>
</li>
</ol>
</section>'
sed -i 's|../policy/rules.md|../policy/gone.md|' "$T/fn/content/news/fn.md"
"$GOVPUB" build --site "$T/fn" --out "$T/fn-out" -q 2>"$T/err"
check_eq "footnotes: a broken link in a note, at its place in the file" "$?:$(head -1 "$T/err")" \
  "1:$T/fn/content/news/fn.md:9:9: error: broken link \"../policy/gone.md\""

# Heading ids written {#id} (Hugo's goldmark): the heading's id, gone from
# its text, the table of contents and the search text; links to the page's
# own anchors (its headings', the layout's, percent-encoded or not) build.
site_copy mini anchors
sed -i 's/<body>/<body id="top">/' "$T/anchors/themes/plain/layouts/baseof.mustache"
cat >> "$T/anchors/content/news/a.md" <<'MD'

## 三、工作要求 {#yaoqiu}

见[要求](#yaoqiu)、[第一部分](#一总体要求)、[编码的](#%E4%B8%80%E6%80%BB%E4%BD%93%E8%A6%81%E6%B1%82)、[顶部](#top)和[页首](#)。

# 附 {#fu}
MD
"$GOVPUB" build --site "$T/anchors" --out "$T/anchors-out" -q 2>"$T/err"
check_eq "{#id} and in-page links: builds" "$?:$(cat "$T/err")" "0:"
check_eq "{#id}: the heading's id, not its text; an h1 gets its own {#id} (and only that one)" \
  "$(grep -o '<h[12][^>]*>[^<]*</h[12]>' "$T/anchors-out/preview/news/a/index.html" | sed -n '2,$p')" \
  '<h2 id="一总体要求">一、总体要求</h2>
<h2 id="二相关文件">二、相关文件</h2>
<h2 id="yaoqiu">三、工作要求</h2>
<h1 id="fu">附</h1>'
check_file_has "{#id}: in-page links written as they were" "$T/anchors-out/preview/news/a/index.html" \
  '见<a href="#yaoqiu">要求</a>、<a href="#%E4%B8%80%E6%80%BB%E4%BD%93%E8%A6%81%E6%B1%82">第一部分</a>'
check_eq "{#id}: not in the search index (it was, as text)" "$(grep -rl yaoqiu "$T/anchors-out/preview/search")" ""

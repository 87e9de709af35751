#!/bin/sh
# Hostile content (tests/fixtures/hostile): every payload the fixture holds
# — raw HTML, javascript:/vbscript:/data:/file: URLs (mixed case, entities,
# a leading space), front matter that closes tags, chart titles, labels and
# column names, a file name — comes out as the exact harmless text or an
# emptied URL, never as markup; the search index holds it JSON-escaped.
# (tests/browser/hostile.mjs proves in Chromium that none of it runs.)
# What cannot be made harmless is refused: an SVG among the static files
# that holds script, a link whose scheme hides behind a control character.
. "$(dirname "$0")/lib.sh"
. "$ROOT/tests/tools/hostile_lib.sh"

sh "$ROOT/tests/tools/hostile_fixture.sh" "$T/h"
"$GOVPUB" build --site "$T/h" --out "$T/hout" -q 2>"$T/err"
# It builds; what is said is a warning at each raw HTML block whose text a
# browser would have shown (as a browser reads it: "-->" after <!-->, the
# "<img …" that a comment split out of a tag is text), nothing else.
check_eq "the hostile fixture builds, warning of the dropped blocks that held text" \
  "$?:$(sed -n "s#^$T/h/##; s/: warning: raw HTML is not written, and with it the text /: /p" "$T/err")" \
  '0:content/news/html.md:8:1: "悬停 原始链接 提交"
content/news/html.md:27:1: "-->"
content/news/html.md:29:1: "-->"
content/news/html.md:31:1: ""> ?>"
content/news/html.md:33:1: ""> ]]>"
content/news/html.md:41:1: "<img src=x onerror=a…"
content/news/html.md:43:1: "'"'"'>"
content/news/html.md:45:1: "点击"'
check_eq "the hostile fixture: nothing but those warnings and their hints" \
  "$(grep -vc -e ': warning: raw HTML is not written, and with it the text ' -e '^  hint: write it in Markdown' "$T/err")" 0
P=$T/hout/preview
FM=$P/news/fm/index.html
check_file_has "title: escaped in <title>" "$FM" \
  "<title>&lt;/title&gt;&lt;script&gt;alert(&#39;fm.title&#39;)&lt;/script&gt;前置元数据 - 测试区人民政府&lt;/title&gt;&lt;script&gt;alert(&#39;site.title&#39;)&lt;/script&gt;</title>"
check_file_has "title: escaped in <h1>" "$FM" \
  '<h1 class="article-title">&lt;/title&gt;&lt;script&gt;alert(&#39;fm.title&#39;)&lt;/script&gt;前置元数据</h1>'
check_file_has "summary: escaped in a meta attribute" "$FM" \
  '<meta name="Description" content="&lt;/p&gt;&lt;script&gt;alert(&#39;fm.summary&#39;)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(&#39;fm.summary2&#39;)&gt;">'
check_file_has "source: escaped" "$FM" '<span>来源：&quot;&gt;&lt;script&gt;alert(&#39;fm.source&#39;)&lt;/script&gt;</span>'
check_file_has "author: escaped" "$FM" '<span>作者：&lt;img src=x onerror=alert(&#39;fm.author&#39;)&gt;</span>'
check_file_has "tag: escaped text, URL made of its letters" "$FM" \
  '<a href="/tags/-script-alert(&#39;fm.tag&#39;)--script-/" rel="tag">&lt;script&gt;alert(&#39;fm.tag&#39;)&lt;/script&gt;</a>'
# (< > " are refused in a static file's name, as Windows does: ' and & are what a name can carry)
check_file_has "a file name: escaped in the attachment link" "$FM" \
  '<a href="/files/&#39;onmouseover=alert(&#39;file.name&#39;)&amp;lt;x.txt" download type="text/plain">&#39;onmouseover=alert(&#39;file.name&#39;)&amp;lt;x.txt<span class="attachment-kind">（TXT，7 B）</span></a>'
check_file_has "column keywords: escaped" "$P/news/index.html" \
  '<meta name="ColumnKeywords" content="&quot;&gt;&lt;script&gt;alert(&#39;column.keywords&#39;)&lt;/script&gt;,政务">'
check_file_has "chart title: escaped in the table caption" "$FM" \
  '<caption>&lt;/title&gt;&lt;script&gt;alert(&#39;chart.title&#39;)&lt;/script&gt;图表</caption>'
check_file_has "chart column names: escaped" "$FM" \
  '<thead><tr><th scope="col">&lt;b onmouseover=alert(&#39;chart.x&#39;)&gt;年份&lt;/b&gt;</th><th scope="col">&lt;script&gt;alert(&#39;chart.column&#39;)&lt;/script&gt;收入（&lt;svg onload=alert(&#39;chart.unit&#39;)&gt;亿元）</th></tr></thead>'
check_file_has "CSV labels: escaped" "$FM" \
  '<tr><th scope="row">&lt;img src=x onerror=alert(&#39;csv.label2&#39;)&gt;</th><td>12.0</td></tr>'
check_file_has "chart SVG: title escaped" "$P/charts/evil.svg" \
  '<title id="chart-evil-title">&lt;/title&gt;&lt;script&gt;alert(&apos;chart.title&apos;)&lt;/script&gt;图表</title>'
check_file_has "search index: JSON-escaped" "$P/search/d/0.json" \
  '"\u003c/title\u003e\u003cscript\u003ealert('"'"'fm.title'"'"')\u003c/script\u003e前置元数据"'
check_eq "raw HTML: blocks dropped, inline script's tags dropped, a broken tag as text" \
  "$(sed -n '/<div class="prose">/,/<\/div>/p' "$P/news/html/index.html")" \
  '<div class="prose">
<p>正文开始。</p>
<p>x img src=x onerror=alert('"'html.inlinelt'"') x</p>
<p>正文结束alert('"'html.inline'"')，&lt;img src=x onerror=alert('"'html.inlineimg'"')&gt;。</p>

</div>'
# (links written one a line stay one a line, markdown.c: between_links; a
# line break next to an image and a wide character is nothing)
check_eq "dangerous URLs: emptied, their text kept" \
  "$(sed -n '/<div class="prose">/,/<\/div>/p' "$P/news/urls/index.html")" \
  '<div class="prose">
<p><a href="">小写</a><br />
<a href="">大小写</a><br />
<a href="">实体</a><br />
<a href="">十六进制实体</a><br />
<a href="">命名实体</a><br />
<a href="">空格开头</a><br />
<a href="">vbscript</a><br />
<a href="">data</a><br />
<a href="">文件</a><img src="" alt="图片脚本" /><img src="" alt="SVG数据" /><a href="">引用式</a></p>

</div>'
# Across every file served, read with Python's HTML and XML parsers: the
# theme's two scripts and no other, no event attribute, no script URL, no
# iframe/object/embed/base/meta refresh.
parsed() {
  python3 - "$1" <<'PY'
import sys, os, re
from html.parser import HTMLParser
import xml.etree.ElementTree as ET
bad = re.compile(r'^\s*(javascript|vbscript|data):', re.I)
found = set()
def attrs(where, tag, pairs):
    for k, v in pairs:
        k = k.split('}')[-1].lower()
        if k.startswith('on'): found.add('%s: <%s %s>' % (where, tag, k))
        if k in ('href', 'src', 'action', 'formaction', 'data') and v and bad.match(v):
            found.add('%s: <%s %s="%s">' % (where, tag, k, v))
    if tag == 'script': found.add('script %s' % dict(pairs).get('src'))
    if tag in ('iframe', 'object', 'embed', 'base', 'foreignobject'): found.add('%s: <%s>' % (where, tag))
    if tag == 'meta' and 'refresh' in (dict(pairs).get('http-equiv') or '').lower(): found.add('%s: <meta refresh>' % where)
class P(HTMLParser):
    def handle_starttag(self, tag, pairs): attrs(self.where, tag, pairs)
for d, _, files in os.walk(sys.argv[1]):
    for f in files:
        path = os.path.join(d, f)
        if f.endswith('.html'):
            p = P(); p.where = f; p.feed(open(path, encoding='utf-8').read())
        elif f.endswith('.svg'):
            for el in ET.parse(path).iter():
                attrs(f, el.tag.split('}')[-1].lower(), el.attrib.items())
print('\n'.join(sorted(found)))
PY
}
check_eq "every page and SVG, parsed: the theme's scripts, nothing that runs" "$(parsed "$P")" \
  'script /js/a11y.js
script /js/search.js'

# raw_html: true lets raw HTML through, but not what runs, read as a
# browser reads it (html_safe.c): event attributes are removed, dangerous
# URLs emptied, script, plugin and foreign tags (object, embed, base, meta,
# noscript, svg, math …) written as text and what follows them read as
# text; comments (and what a browser takes for one: <?…>, <![CDATA[…>,
# <!-->, --!>) left out; a tag left open written as text, so the next
# block is not read as its attributes.
sh "$ROOT/tests/tools/hostile_fixture.sh" "$T/hr" raw
"$GOVPUB" build --site "$T/hr" --out "$T/hraw" -q 2>"$T/err"
check_eq "raw_html: true: the fixture builds" "$?:$(cat "$T/err")" "0:"
check_eq "raw_html: true: every page and SVG, parsed: nothing that runs" "$(parsed "$T/hraw/preview")" \
  'script /js/a11y.js
script /js/search.js'
check_eq "raw_html: true: the raw HTML as it comes out" \
  "$(sed -n '/<div class="prose">/,/^<\/div>/p' "$T/hraw/preview/news/html/index.html")" \
  '<div class="prose">
<p>正文开始。</p>
&lt;script>alert('"'"'html.script'"'"')&lt;/script>
&lt;iframe src="javascript:alert('"'"'html.iframe'"'"')">&lt;/iframe>
&lt;object data="javascript:alert('"'"'html.object'"'"')">&lt;/object>
&lt;embed src="javascript:alert('"'"'html.embed'"'"')">
<div  >悬停</div>
<img src="x" >
&lt;svg>&lt;script>alert('"'"'html.svg'"'"')&lt;/script><circle />&lt;/svg>
<a href="">原始链接</a>
&lt;form action="javascript:alert('"'"'html.form'"'"')"><button>提交</button>&lt;/form>
&lt;meta http-equiv="refresh" content="0;url=javascript:alert('"'"'html.meta'"'"')">
&lt;base href="javascript:alert('"'"'html.base'"'"')//">
&lt;style>body{background:url("javascript:alert('"'"'html.style'"'"')")}&lt;/style>
&lt;math><mtext>&lt;script>alert('"'"'html.math'"'"')&lt;/script></mtext>&lt;/math>
&lt;script title="<img src=x >">x&lt;/script>
&lt;object title="<img src=x >">
<p>&lt;noscript><p title="</noscript><img src=x onerror=alert('"'"'html.noscript'"'"')>">&lt;/noscript></p>
<img src=x >-->
<img src=x >-->
 <img src=x > "> ?>
 <img src=x > "> ]]>
&lt;p title='"'"'
<b title="'"'"'><img src=x onerror=alert('"'"'html.split'"'"')>">
<div>&lt;img src=x onerror=alert('"'"'html.joined'"'"')></div>
<div x  =" z='"'"'"> <img src=x > '"'"'></div>
<div><a href  ="" id=j3>点击</a></div>
<p>x &lt;img src=x onerror=alert('"'"'html.inlinelt'"'"') x</p>
<div b= style="text-align: x='"'"'  >  <img src=x onerror=alert('"'"'html.aligned'"'"')>  '"'"'>"
</div>'

# Refused: SVG, HTML and XML static files that would run script when
# opened: served from the site's own address (nginx's mime.types makes
# .html .htm .shtml HTML, .xhtml XHTML, .xml .atom XML), where CSP's 'self'
# lets them load a script file beside them.  Among them what hid script
# from a plain search (each ran in Chromium with default-src 'self', or is
# a URL a browser reads as javascript:): markup in an entity of the
# internal DTD subset, a namespace prefix on <script>, a scheme written
# with character references or split by one, an XSLT stylesheet.  Plain
# ones still publish (a search engine's verification page, an XML data
# file, a drawing whose text says "online").
fresh
S=$T/s/static/files
I=$T/s/static/images
printf '<svg xmlns="http://www.w3.org/2000/svg">\n  <script>alert(1)</script>\n</svg>\n' > "$I/a.svg"
printf '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>\n' > "$I/b.svg"
printf '<svg xmlns="http://www.w3.org/2000/svg"><a xlink:href="JavaScript:alert(1)"><text>x</text></a></svg>\n' > "$I/c.SVG"
printf '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div/></foreignObject><text>online</text></svg>\n' > "$I/d.svg"
printf '<svg xmlns="http://www.w3.org/2000/svg"><a xlink:href = "&#106;avascript:alert(1)"><text>x</text></a></svg>\n' > "$I/e.svg"
printf '<svg xmlns="http://www.w3.org/2000/svg"><text>online 在线</text></svg>\n' > "$I/ok.svg"
printf '<!DOCTYPE svg [\n<!ENTITY s "&#60;script href=\x27/files/x.js\x27/&#62;">\n]>\n<svg xmlns="http://www.w3.org/2000/svg">&s;</svg>\n' > "$I/h.svg"
printf '<svg xmlns="http://www.w3.org/2000/svg"><x:script xmlns:x="http://www.w3.org/2000/svg" href="/files/x.js"/></svg>\n' > "$I/i.svg"
printf '<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript&#58;alert(1)"><text>x</text></a></svg>\n' > "$I/j.svg"
printf '<svg xmlns="http://www.w3.org/2000/svg"><a href="java&#9;script:alert(1)"><text>x</text></a></svg>\n' > "$I/k.svg"
printf '<!DOCTYPE svg [<!ENTITY u "java&#38;#115;cript:alert(1)">]>\n<svg xmlns="http://www.w3.org/2000/svg"><a href="&u;"><text>x</text></a></svg>\n' > "$I/l.svg"
printf '<?xml-stylesheet type="text/xsl" href="/files/t.xsl"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>\n' > "$I/m.svg"
printf '<!DOCTYPE html>\n<p>通知</p><script src="/files/x.js"></script>\n' > "$S/a.html"
printf '<img/src/onerror=alert(1)>\n' > "$S/b.htm"
printf '<p><img src="x"onerror=alert(1)></p>\n' > "$S/c.shtml"
printf '<html xmlns="http://www.w3.org/1999/xhtml"><h:script xmlns:h="http://www.w3.org/1999/xhtml" src="/files/x.js"/></html>\n' > "$S/d.xhtml"
printf '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><script src="/files/x.js"/></html>\n' > "$S/e.XML"
printf '<a href="&#x6A&#x61vascript&colon;alert(1)">通知</a>\n' > "$S/f.html"
printf '<feed xmlns="http://www.w3.org/2005/Atom"><iframe xmlns="http://www.w3.org/1999/xhtml" src="/files/a.html"/></feed>\n' > "$S/g.atom"
printf '<p>x</p><script src="/files/x.js"></script>\n' | iconv -t UTF-16 > "$S/h.html" # a byte order mark
printf '<?xml version="1.0" encoding="iso-2022-jp"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><scr\033(Bipt src="/files/x.js"/></html>\n' > "$S/i.xhtml"
printf '<script src="/files/x.js"/>\n' | iconv -t UTF-16LE > "$S/j.xml" # no mark
printf 'document.title = 1;\n' > "$S/x.js"
printf 'baidu-site-verification: code-0123456789\n' > "$S/baidu_verify_code-0123456789.html"
printf '<?xml version="1.0"?>\n<data><year>2023</year><text>online 在线 &#60;b&#62;</text></data>\n' > "$S/ok.xml"
refused "SVG, HTML and XML static files with script" <<'X'
static/files/a.html:2:10: error: HTML file runs script: <script
  hint: remove it (or publish the document as PDF): a reader opening the file would run it on the site's own address
static/files/b.htm:1:10: error: HTML file runs script: onerror=
  hint: remove it (or publish the document as PDF): a reader opening the file would run it on the site's own address
static/files/c.shtml:1:16: error: HTML file runs script: onerror=
  hint: remove it (or publish the document as PDF): a reader opening the file would run it on the site's own address
static/files/d.xhtml:1:44: error: XHTML file runs script: <h:script
  hint: remove it (or publish the document as PDF): a reader opening the file would run it on the site's own address
static/files/e.XML:2:44: error: XML file runs script: <script
  hint: remove it (or publish the document as PDF): a reader opening the file would run it on the site's own address
static/files/f.html:1:10: error: HTML file runs script: &#x6A&#x61vascript&colon;
  hint: remove it (or publish the document as PDF): a reader opening the file would run it on the site's own address
static/files/g.atom:1:43: error: XML file runs script: <iframe
  hint: remove it (or publish the document as PDF): a reader opening the file would run it on the site's own address
static/files/h.html:1:1: error: HTML file holds a UTF-16 byte order mark: a browser would read text this check cannot
  hint: save it as UTF-8 (or publish the document as PDF)
static/files/i.xhtml:2:48: error: XHTML file holds an ESC byte (an ISO-2022 shift): a browser would read text this check cannot
  hint: save it as UTF-8 (or publish the document as PDF)
static/files/j.xml:1:2: error: XML file holds a NUL byte (UTF-16 or UTF-32 text): a browser would read text this check cannot
  hint: save it as UTF-8 (or publish the document as PDF)
static/images/a.svg:2:3: error: SVG file runs script: <script
  hint: remove it (export the drawing again without scripts): a reader opening the file would run it on the site's own address
static/images/b.svg:1:41: error: SVG file runs script: onload=
  hint: remove it (export the drawing again without scripts): a reader opening the file would run it on the site's own address
static/images/c.SVG:1:56: error: SVG file runs script: JavaScript:
  hint: remove it (export the drawing again without scripts): a reader opening the file would run it on the site's own address
static/images/d.svg:1:41: error: SVG file runs script: <foreignObject
  hint: remove it (export the drawing again without scripts): a reader opening the file would run it on the site's own address
static/images/e.svg:1:58: error: SVG file runs script: &#106;avascript:
  hint: remove it (export the drawing again without scripts): a reader opening the file would run it on the site's own address
static/images/h.svg:2:13: error: SVG file runs script: &#60;script
  hint: remove it (export the drawing again without scripts): a reader opening the file would run it on the site's own address
static/images/i.svg:1:41: error: SVG file runs script: <x:script
  hint: remove it (export the drawing again without scripts): a reader opening the file would run it on the site's own address
static/images/j.svg:1:50: error: SVG file runs script: javascript&#58;
  hint: remove it (export the drawing again without scripts): a reader opening the file would run it on the site's own address
static/images/k.svg:1:50: error: SVG file runs script: java&#9;script:
  hint: remove it (export the drawing again without scripts): a reader opening the file would run it on the site's own address
static/images/l.svg:1:28: error: SVG file runs script: java&#38;#115;cript:
  hint: remove it (export the drawing again without scripts): a reader opening the file would run it on the site's own address
static/images/m.svg:1:1: error: SVG file runs script: <?xml-stylesheet
  hint: remove it (export the drawing again without scripts): a reader opening the file would run it on the site's own address
govpub: build failed: 21 errors; OUT/preview is unchanged
X
rm -f "$S"/[a-j].* "$I"/[a-m].svg "$I/c.SVG"
"$GOVPUB" build --site "$T/s" --out "$T/plain" -q 2>"$T/plain.err"
check_eq "plain HTML and XML static files publish" \
  "$(cat "$T/plain.err"; cd "$T/plain/preview" && ls files/baidu_verify_code-0123456789.html files/ok.xml files/x.js images/ok.svg)" \
  "files/baidu_verify_code-0123456789.html
files/ok.xml
files/x.js
images/ok.svg"

# Refused too, each run in Chromium behind deploy/nginx.conf's CSP: a
# namespace prefix that is not ASCII (<é:script>, an XML name), markup in
# an entity of a parameter entity nested four deep (each level one more
# round of character references), and an SVG named .svgz (nginx's
# mime.types serves it as image/svg+xml), plain or gzip-compressed.  A
# compressed drawing without script still publishes.
fresh
I=$T/s/static/images
printf '<svg xmlns="http://www.w3.org/2000/svg"><\303\251:script xmlns:\303\251="http://www.w3.org/2000/svg" href="/files/x.js"/></svg>\n' > "$I/n.svg"
printf '<html xmlns="http://www.w3.org/1999/xhtml"><\303\251:script xmlns:\303\251="http://www.w3.org/1999/xhtml" src="/files/x.js"/></html>\n' > "$I/o.xhtml"
python3 - "$I/p.svg" "$I/z.svg" <<'PY'
import sys
def esc(s):
    return s.replace('&', '&#38;').replace('"', '&#34;').replace('%', '&#37;')
def nested(depth):
    d = '<!ENTITY s "&#60;script href=\'/files/x.js\'/&#62;">'
    for i in range(depth):
        d = '<!ENTITY %% p%d "%s">%%p%d;' % (i, esc(d), i)
    return '<!DOCTYPE svg [\n%s\n]>\n<svg xmlns="http://www.w3.org/2000/svg">&s;</svg>\n' % d
open(sys.argv[1], 'w').write(nested(3))
open(sys.argv[2], 'w').write(nested(16))
PY
printf '<svg xmlns="http://www.w3.org/2000/svg">\n<script href="/files/x.js"/></svg>\n' > "$I/q.svgz"
printf '<svg xmlns="http://www.w3.org/2000/svg">\n\n<script href="/files/x.js"/></svg>\n' | gzip -n > "$I/r.svgz"
printf '<svg xmlns="http://www.w3.org/2000/svg"><text>online 在线</text></svg>\n' | gzip -n > "$I/ok.svgz"
printf 'x' | gzip -n | head -c 12 > "$I/s.svgz"
refused "script a fixed search missed: a prefix not ASCII, entities nested deep, .svgz" <<'X'
static/images/n.svg:1:41: error: SVG file runs script: <é:script
  hint: remove it (export the drawing again without scripts): a reader opening the file would run it on the site's own address
static/images/o.xhtml:1:44: error: XHTML file runs script: <é:script
  hint: remove it (or publish the document as PDF): a reader opening the file would run it on the site's own address
static/images/p.svg:2:94: error: SVG file runs script: &#38;#38;#38;#60;script
  hint: remove it (export the drawing again without scripts): a reader opening the file would run it on the site's own address
static/images/q.svgz:2:1: error: SVG file runs script: <script
  hint: remove it (export the drawing again without scripts): a reader opening the file would run it on the site's own address
static/images/r.svgz:3:1: error: SVG file runs script: <script
  hint: remove it (export the drawing again without scripts): a reader opening the file would run it on the site's own address
static/images/s.svgz:1:1: error: SVG file is gzip-compressed, but not whole (or larger than 64 MiB uncompressed): a browser would read text this check cannot
  hint: compress it again (gzip), or save it as a plain .svg
static/images/z.svg:2:1283: error: SVG file holds character references nested more than 16 deep: a browser would read text this check cannot
  hint: write the characters themselves, not references to references (or publish the document as PDF)
govpub: build failed: 7 errors; OUT/preview is unchanged
X
rm -f "$I"/[n-z].svg* "$I/o.xhtml"
"$GOVPUB" build --site "$T/s" --out "$T/plain2" -q 2>"$T/plain2.err"
check_eq "a compressed drawing without script publishes" \
  "$(cat "$T/plain2.err"; cmp "$I/ok.svgz" "$T/plain2/preview/images/ok.svgz" && echo same)" same

# Refused: a scheme split by a tab is no URL a browser would run, but no
# page either: a broken link; one led by a control character stops at the
# character itself (no page may hold one, text_check).
fresh
printf -- '---\ntitle: 制表符\ndate: 2024-03-01\n---\n[制表符](<java\tscript:alert(1)>)\n' > "$T/s/content/news/tab.md"
printf -- '---\ntitle: 控制字符\ndate: 2024-03-01\n---\n[控制](\001javascript:alert(2))\n' > "$T/s/content/news/ctl.md"
refused "schemes hidden by a tab or a control character" <<'X'
content/news/ctl.md:5:6: error: invisible control character U+0001 in the text (HTML and XML forbid it)
  hint: delete it (it comes with text pasted from Word, a PDF or a web page; most editors show it as a box or ^ sign)
content/news/tab.md:5:1: error: broken link "java\tscript:alert(1)"
  hint: link to a page by its URL (/policy/x/) or its file (../policy/x.md), or to a file under static/
govpub: build failed: 2 errors; OUT/preview is unchanged
X

#!/bin/sh
# Encoding: invalid UTF-8 (a stray byte, a truncated sequence, an overlong
# form, a surrogate, a GBK file), NUL bytes — in a page's body and front
# matter, site.yaml, a template, a chart spec and its CSV — each an exact
# error at its line and column (in characters), out/ byte-identical; a BOM,
# CRLF and CR line endings are handled, and no U+FFFD (mojibake) reaches
# the output.
. "$(dirname "$0")/lib.sh"
. "$ROOT/tests/tools/hostile_lib.sh"

fresh
N=$T/s/content/news
printf -- '---\ntitle: 坏字节\ndate: 2024-03-01\n---\n正文\377\376坏\n' > "$N/bad.md"
printf -- '---\ntitle: "坏\303标题"\ndate: 2024-03-01\n---\n正文\n' > "$N/badfm.md"
printf -- '---\ntitle: 过长\ndate: 2024-03-01\n---\n正文 \300\257 slash\n' > "$N/overlong.md"
printf -- '---\ntitle: 代理\ndate: 2024-03-01\n---\n正文\355\240\200代理\n' > "$N/surrogate.md"
printf -- '---\ntitle: 零\ndate: 2024-03-01\n---\n正文\000零\n' > "$N/nul-byte.md" # not nul.md: NUL is a device on Windows, no name under content/
printf -- '---\ntitle: GBK\ndate: 2024-03-01\n---\n数据共享\n' | iconv -f UTF-8 -t GBK > "$N/gbk.md"
refused "invalid UTF-8 and NUL bytes in pages" <<'X'
content/news/bad.md:5:3: error: not valid UTF-8: byte 0xFF (is the file in GBK or another encoding?)
  hint: save the file as UTF-8 (in most editors: Save As, encoding UTF-8)
content/news/badfm.md:2:10: error: not valid UTF-8: byte 0xC3 (is the file in GBK or another encoding?)
  hint: save the file as UTF-8 (in most editors: Save As, encoding UTF-8)
content/news/gbk.md:5:1: error: not valid UTF-8: byte 0xCA (is the file in GBK or another encoding?)
  hint: save the file as UTF-8 (in most editors: Save As, encoding UTF-8)
content/news/nul-byte.md:5:3: error: the file contains a NUL byte
  hint: save the file as UTF-8 text
content/news/overlong.md:5:4: error: not valid UTF-8: byte 0xC0 (is the file in GBK or another encoding?)
  hint: save the file as UTF-8 (in most editors: Save As, encoding UTF-8)
content/news/surrogate.md:5:3: error: not valid UTF-8: byte 0xED (is the file in GBK or another encoding?)
  hint: save the file as UTF-8 (in most editors: Save As, encoding UTF-8)
govpub: build failed: 6 errors; OUT/preview is unchanged
X

fresh
sed -i "s/^description: 测试站点/description: 测试$(printf '\377')站点/" "$T/s/site.yaml"
refused "invalid UTF-8 in site.yaml" <<'X'
site.yaml:4:16: error: not valid UTF-8: byte 0xFF (is the file in GBK or another encoding?)
  hint: save the file as UTF-8 (in most editors: Save As, encoding UTF-8)
govpub: build failed: 1 error; OUT/preview is unchanged
X

fresh
sed -i "s/<h1>/<h1>$(printf '\300\257')/" "$T/s/themes/plain/layouts/single.mustache"
printf '年份,收入\n2022,10\340\200\n' > "$T/s/charts/rev.csv"
sed -i "s/^title: 测试区收入/title: 测试区$(printf '\355\240\200')收入/" "$T/s/charts/rev.yaml"
refused "invalid UTF-8 in a template, a chart spec and a CSV" <<'X'
charts/rev.csv:2:8: error: not valid UTF-8: byte 0xE0 (is the file in GBK or another encoding?)
  hint: save the file as UTF-8 (in most editors: Save As, encoding UTF-8)
charts/rev.yaml:1:11: error: not valid UTF-8: byte 0xED (is the file in GBK or another encoding?)
  hint: save the file as UTF-8 (in most editors: Save As, encoding UTF-8)
themes/plain/layouts/single.mustache:1:35: error: not valid UTF-8: byte 0xC0 (is the file in GBK or another encoding?)
  hint: save the file as UTF-8 (in most editors: Save As, encoding UTF-8)
content/news/a.md:1:1: note: not rendered: layout "single" has errors
govpub: build failed: 3 errors; OUT/preview is unchanged
X

# Handled: a BOM, CRLF and CR (old Mac) line endings in pages, site.yaml,
# a chart spec and its CSV.
fresh
printf '\357\273\277---\ntitle: BOM开头\ndate: 2024-03-01\n---\n带BOM的正文\n' > "$N/bom.md"
printf -- '---\r\ntitle: CRLF换行\r\ndate: 2024-03-01\r\n---\r\nCRLF正文\r\n\r\n第二段\r\n' > "$N/crlf.md"
printf -- '---\rtitle: CR换行\rdate: 2024-03-01\r---\rCR正文\r\r第二段\r' > "$N/cr.md"
for f in site.yaml charts/rev.csv charts/rev.yaml; do
  { printf '\357\273\277'; sed 's/$/\r/' "$T/s/$f"; } > "$T/tmp" && mv "$T/tmp" "$T/s/$f"
done
"$GOVPUB" build --site "$T/s" --out "$T/out" -q 2>"$T/err"
check_eq "BOM, CRLF and CR: built" "$?:$(cat "$T/err")" "0:"
P=$T/out/preview
article() { sed -n '/<article>/,/<\/article>/p' "$P/news/$1/index.html" | grep -v '^$'; }
check_eq "BOM: title and body" "$(article bom | sed -n '1p;3p')" "<article><h1>BOM开头</h1>
<p>带BOM的正文</p>"
check_eq "CRLF: title and two paragraphs" "$(article crlf | sed -n '1p;3,4p')" "<article><h1>CRLF换行</h1>
<p>CRLF正文</p>
<p>第二段</p>"
check_eq "CR: title and two paragraphs" "$(article cr | sed -n '1p;3,4p')" "<article><h1>CR换行</h1>
<p>CR正文</p>
<p>第二段</p>"
check_file_has "site.yaml with a BOM and CRLF: the site's name" "$P/news/cr/index.html" '<title>CR换行 - 测试区人民政府</title>'
check_file_has "a chart spec and CSV with a BOM and CRLF: drawn" "$P/news/b/index.html" '测试区收入'
check_eq "no U+FFFD and no CR in any page" "$(grep -rlE "$(printf '\357\277\275|\r')" "$P" --include='*.html' | wc -l)" 0

# Refused: control characters (HTML makes them parse errors, XML forbids
# them; Word's line break U+000B comes with pasted text): raw in a body, a
# front matter, a template or site.yaml, a C1 control (U+0085), DEL, and
# written as an escape in a quoted YAML value (which no byte check sees).
fresh
printf -- '---\ntitle: 换行\ndate: 2024-03-01\n---\n第一行\013第二行\n' > "$N/vt.md"
printf -- '---\ntitle: 控制\ndate: 2024-03-01\n---\n正文与\033[1m控制\n' > "$N/esc.md"
printf -- '---\ntitle: C1\ndate: 2024-03-01\n---\n正文\302\205与\177\n' > "$N/c1.md"
printf -- '---\ntitle: "转义\\x01"\ndate: 2024-03-01\n---\n正文\n' > "$N/escape.md"
printf -- '---\ntitle: 转义\ndate: 2024-03-01\ntags: [a, "b\\e"]\n---\n正文\n' > "$N/tag.md"
sed -i "s/<h1>/<h1>$(printf '\014')/" "$T/s/themes/plain/layouts/single.mustache"
refused "control characters, raw or escaped" <<'X'
content/news/c1.md:5:3: error: invisible control character U+0085 in the text (HTML and XML forbid it)
  hint: delete it (it comes with text pasted from Word, a PDF or a web page; most editors show it as a box or ^ sign)
content/news/esc.md:5:4: error: invisible control character U+001B in the text (HTML and XML forbid it)
  hint: delete it (it comes with text pasted from Word, a PDF or a web page; most editors show it as a box or ^ sign)
content/news/escape.md:2:8: error: control character U+0001 in a quoted value (written as an escape such as \x01)
  hint: remove the escape: a page cannot show a control character
content/news/tag.md:4:11: error: control character U+001B in a quoted value (written as an escape such as \x1B)
  hint: remove the escape: a page cannot show a control character
content/news/vt.md:5:4: error: invisible control character U+000B in the text (HTML and XML forbid it)
  hint: delete it, or put a line break in its place (Word's line and page breaks paste as this character)
themes/plain/layouts/single.mustache:1:35: error: invisible control character U+000C in the text (HTML and XML forbid it)
  hint: delete it, or put a line break in its place (Word's line and page breaks paste as this character)
content/news/a.md:1:1: note: not rendered: layout "single" has errors
govpub: build failed: 6 errors; OUT/preview is unchanged
X

# What a message quotes is shown escaped where a terminal would act on it
# (diag_visible): a file name that is not UTF-8 byte by byte (a lone 0x9B
# is CSI to a terminal not in UTF-8 mode), the line and paragraph
# separators a link may hold as \u2028 and \u2029 (one diagnostic, one line).
fresh
printf -- '---\ntitle: 名\ndate: 2024-03-01\n---\n[a](/x\342\200\250y) [b](/c\342\200\251)\n' > "$N/$(printf '\233\263\307').md"
refused "a file name that is not UTF-8 and separators in a link: escaped" <<'X'
content/news/\x9B\xB3\xC7.md:1:1: error: the file name is not UTF-8 (byte 0x9B: was it named in GBK or another encoding?)
  hint: rename the file: a name under content/ is in UTF-8, visible, and one Windows takes
content/news/\x9B\xB3\xC7.md:5:1: error: broken link "/x\u2028y"
  hint: link to a page by its URL (/policy/x/) or its file (../policy/x.md), or to a file under static/
content/news/\x9B\xB3\xC7.md:5:11: error: broken link "/c\u2029"
  hint: link to a page by its URL (/policy/x/) or its file (../policy/x.md), or to a file under static/
govpub: build failed: 3 errors; OUT/preview is unchanged
X

fresh
sed -i "s/^description: 测试站点/description: 测试$(printf '\007')站点/" "$T/s/site.yaml"
refused "a control character in site.yaml" <<'X'
site.yaml:4:16: error: invisible control character U+0007 in the text (HTML and XML forbid it)
  hint: delete it (it comes with text pasted from Word, a PDF or a web page; most editors show it as a box or ^ sign)
govpub: build failed: 1 error; OUT/preview is unchanged
X

# Handled: characters XML 1.0 does not allow but a page may hold (U+FFFE
# and U+FFFF, valid UTF-8 that a YAML escape or a pasted text can hold) in
# a title, a tag and the text a summary is cut from: every feed and the
# sitemap stay well-formed (one such character makes a feed reader reject
# the whole site's feed).
fresh
printf -- '---\ntitle: "非字符\\uFFFE标题"\ndate: 2024-03-01\ntags: ["标签\\uFFFF"]\n---\n正文\357\277\277与控制\n' > "$N/nonchar.md"
"$GOVPUB" build --site "$T/s" --out "$T/out" -q 2>"$T/err"
check_eq "noncharacters: built" "$?:$(cat "$T/err")" "0:"
check_eq "noncharacters: every feed and the sitemap well-formed XML" "$(cd "$T/out/preview" && find . -name '*.xml' | LC_ALL=C sort |
  python3 -c '
import sys, xml.dom.minidom
for f in sys.stdin.read().split():
    try: xml.dom.minidom.parse(f); print(f, "ok")
    except Exception as e: print(f, e)')" "./index.xml ok
./news/index.xml ok
./policy/index.xml ok
./policy/jiedu/index.xml ok
./sitemap.xml ok"
check_file_has "noncharacters: the feed's title without them" "$T/out/preview/index.xml" "<title>非字符标题</title>"

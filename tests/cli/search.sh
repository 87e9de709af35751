#!/bin/sh
# The site-search index (docs/search.md) of the mini fixture: which files a
# build writes under search/, their exact content (meta, document table,
# columns, postings with their strong-field marks), that every token sits
# in the shard its FNV-1a hash names (checked by an independent Python
# implementation), and that the search layout is required like the others.
. "$(dirname "$0")/lib.sh"
site_copy mini site
"$GOVPUB" build --site "$T/site" --out "$T/out" -q -j2 2>"$T/err"
check_eq "build exits 0" "$?" 0
X="$T/out/preview/search"

check_eq "files under search/" "$(cd "$X" && find . -type f | sort | tr '\n' ' ')" \
  "./columns.txt ./d/0.json ./index.html ./meta.json ./t/0.txt ./t/1.txt ./t/2.txt ./t/3.txt ./t/4.txt ./t/5.txt ./t/6.txt ./t/7.txt "
check_eq "meta.json" "$(cat "$X/meta.json")" '{"version":1,"shards":8,"docs":5,"chunk":16,"column_width":1,
"columns":[{"path":"news","title":"政务动态","url":"news/"},
{"path":"policy","title":"政策文件","url":"policy/"},
{"path":"policy/jiedu","title":"政策解读","url":"policy/jiedu/"}],
"years":[[2024,0,4]]}'
# documents newest first: the draft (preview build), a, b, the interpretation, the policy
check_eq "columns.txt: each document's column" "$(cat "$X/columns.txt")" "00021"
check_eq "document table: URLs in date order" "$(cut -d'"' -f2 "$X/d/0.json" | tr '\n' ' ')" \
  "news/c/ news/a/ news/b/ policy/jiedu/rules-jd/ policy/rules/ "
check_file_has "a policy document's entry: title, column, date, 文号, 索引号, snippet" "$X/d/0.json" \
  '["policy/rules/","测试区公共数据管理办法",1,"2024-01-15","测政发〔2024〕1号","11000000MB0000000X/2024-00001","第一条为规范公共数据管理，制定本办法。alert(1)第二条本办法自发布之日起施行。"]]'
check_file_lacks "依申请公开 page never indexed" "$X/d/0.json" '"news/d/"'

# token<TAB>postings: each document as (gap - 1) * 2 + strong in base-32 digits
posting() { cat "$X"/t/*.txt | grep "^$1	" | cut -f2; }
check_eq "bigram 办法: body of a (2), title of the interpretation (3) and of the policy (1)" "$(posting 办法)" "231"
check_eq "single character 办: the documents of 办法, and b (its heading 办理地点)" "$(posting 办)" "2011"
check_eq "bigram across a line break (a heading, then its paragraph)" "$(posting 求数)" "2"
check_eq "文号 tokens are strong: 测政 only in the policy" "$(posting 测政)" "9"
check_eq "索引号 number 00001 is strong" "$(posting 00001)" "9"
check_eq "year 2024 (b's body; the policy's 文号 and 索引号)" "$(posting 2024)" "43"
check_eq "Latin word lower-cased" "$(posting download)" "4"
check_eq "no token for punctuation" "$(cat "$X"/t/*.txt | grep -c '^[，。、《》〔〕]')" "0"
check_eq "no upper-case token" "$(cat "$X"/t/*.txt | grep -c '^[A-Z]')" "0"

python3 - "$X" >"$T/shards" <<'PY'
import json, os, sys
x = sys.argv[1]
shards = json.load(open(os.path.join(x, "meta.json")))["shards"]
seen = set()
for n in range(shards):
    lines = open(os.path.join(x, "t", "%d.txt" % n), "rb").read().split(b"\n")[:-1]
    toks = [l.split(b"\t")[0] for l in lines]
    if toks != sorted(toks): print("shard %d not sorted" % n)
    for t in toks:
        h = 2166136261
        for b in t: h = ((h ^ b) * 16777619) & 0xFFFFFFFF
        if h % shards != n: print("%s in shard %d, hash says %d" % (t.decode(), n, h % shards))
        if t in seen: print("%s twice" % t.decode())
        seen.add(t)
print("%d tokens" % len(seen))
PY
check_eq "every token once, in its hash's shard, shards sorted" "$(grep -v ' tokens$' "$T/shards")" ""

# the snippet of a page without summary: its first prose paragraphs, not the
# cells of the table it begins with, its caption or note, its headings, nor
# its 落款; a line break after 。 is no space; the table's text is still
# searched.  Its summary (feeds, lists, description) is made the same way.
cat > "$T/site/content/news/e.md" <<'EOF'
---
title: 测试区2023年主要经济指标
date: 2023-06-01
---
## 一、综合

表1 主要指标

| 指标 | 单位 | 数值 |
| --- | --- | ---: |
| 地区生产总值 | 亿元 | 415.3 |

注：示例数据。

全年经济运行稳中有进。
2024年将继续推进。

![增长图](/images/dzjg.svg)

## 二、展望

- 下一步继续推进。

测试区统计局

2023年6月1日
EOF
"$GOVPUB" build --site "$T/site" --out "$T/lead" -q -j2 2>"$T/err"
check_eq "a data release builds" "$?" 0
L="$T/lead/preview/search"
check_eq "its snippet: the prose, after the table" "$(grep '"news/e/"' "$L/d/0.json")" \
  '["news/e/","测试区2023年主要经济指标",0,"2023-06-01","","","全年经济运行稳中有进。2024年将继续推进。下一步继续推进。"]]'
# feed_summary FEED: the <summary> of news/e's entry in FEED
feed_summary() { sed -n '\|<id>https://www.test.gov.cn/news/e/</id>|,\|</entry>|s|.*<summary>\(.*\)</summary>|\1|p' "$1"; }
for f in news/index.xml index.xml; do
  check_eq "its summary in $f: the same prose" "$(feed_summary "$T/lead/preview/$f")" \
    "全年经济运行稳中有进。2024年将继续推进。下一步继续推进。"
done
check_eq "its summary in the column's list: the same" \
  "$(grep -rh '<a href="/news/e/">' "$T/lead/preview/news" --include=index.html | sed 's|.*</time> ||')" \
  "全年经济运行稳中有进。2024年将继续推进。下一步继续推进。</li>"
check_eq "its table cells are still searched (单位: a's 各单位, and this, the 6th document)" \
  "$(cat "$L"/t/*.txt | grep '^单位	' | cut -f2)" "26"
# the incremental build's patch makes the same snippet
sed -i 's/^全年经济运行稳中有进。$/全年经济运行总体平稳。/' "$T/site/content/news/e.md"
"$GOVPUB" build --site "$T/site" --out "$T/lead" -j2 2>"$T/err"
# (its summary changed: the lists that show it too)
check_file_has "the edit is patched in place" "$T/err" "rebuilt 1 page and the lists in "
check_eq "after an edit of the body: its snippet" "$(grep '"news/e/"' "$L/d/0.json")" \
  '["news/e/","测试区2023年主要经济指标",0,"2023-06-01","","","全年经济运行总体平稳。2024年将继续推进。下一步继续推进。"]]'
check_eq "... and its summary in the feed" "$(feed_summary "$T/lead/preview/news/index.xml")" \
  "全年经济运行总体平稳。2024年将继续推进。下一步继续推进。"
rm "$T/site/content/news/e.md"

# the search page and its template data
P="$X/index.html"
check_file_has "search page: index URL for the script" "$P" 'data-index="/search/meta.json" data-root="/"'
check_file_has "search page: column filter" "$P" '<option value="policy/jiedu">政策解读</option>'
check_file_has "search page: year filter" "$P" '<option>2024</option>'

# under a sub-path, the page finds the index there
sed -i 's|^base_url: .*|base_url: https://www.test.gov.cn/sub/|' "$T/site/site.yaml"
"$GOVPUB" build --site "$T/site" --out "$T/sub" -q 2>"$T/err"
check_file_has "sub-path: index URL" "$T/sub/preview/search/index.html" 'data-index="/sub/search/meta.json" data-root="/sub/"'

# a theme without the search layout fails like any missing layout
rm "$T/site/themes/plain/layouts/search.mustache"
GOVPUB_DATADIR=$ROOT/build/.. "$GOVPUB" build --site "$T/site" --out "$T/out2" -q 2>"$T/err"
check_eq "missing search layout exits 1" "$?" 1
check_eq "missing search layout message" "$(cat "$T/err")" "search: error: no layout found (tried search.mustache)
  hint: add one of these layouts to the theme or the site's layouts/ (govpub's default theme has its own in $(cd "$ROOT" && pwd -P)/themes/default/layouts/)
govpub: build failed: 1 error; $T/out2/preview is unchanged"

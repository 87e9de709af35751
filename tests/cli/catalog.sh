#!/bin/sh
# The data resource catalog (docs/catalog.md): /data/catalog.json exactly,
# the schema.org JSON-LD of a dataset page, the catalog pages and their
# counts, and the bad input a dataset can carry (exact diagnostics, exit 1,
# nothing served changes).  The site: tests/fixtures/mini with the default
# theme, a catalog column and three datasets.
. "$(dirname "$0")/lib.sh"

fresh() {
  rm -rf "$T/s"
  cp -R "$ROOT/tests/fixtures/mini" "$T/s"
  cp -R "$ROOT/themes/default" "$T/s/themes/default"
  sed -i 's/^theme: plain/theme: default/' "$T/s/site.yaml"
  sed -i 's/^  policy: {class: 政策文件, type: policy}/&\n  catalog: {class: 其他, type: dataset}/' "$T/s/site.yaml"
  sed -i 's/^  news: {required: \[title, date\]}/&\n  dataset: {required: [title, department, description, fields, sharing, distributions]}/' "$T/s/site.yaml"
  cat >> "$T/s/site.yaml" <<'Y'
catalog:
  column: catalog
  title: 测试区数据资源目录
  description: 测试目录
  publisher: 测试区数据资源管理局
  contact: {name: 数据资源科, email: data@test.gov.cn}
Y
  sed -i 's/^fields:/&\n  sharing: {format: enum, values: [无条件共享, 有条件共享, 不予共享]}\n  fields: {format: records, keys: [name, type, description], required_keys: [name, type]}\n  distributions: {format: records, keys: [title, path, url, format], required_keys: [title]}\n  datasets: {format: paths}/' "$T/s/site.yaml"
  sed -i 's#^source: 测试区数据局#datasets: [/catalog/people/]\n&#' "$T/s/content/news/a.md"
  mkdir -p "$T/s/content/catalog" "$T/s/static/datasets"
  printf -- '---\ntitle: 数据资源目录\ntype: catalog\n---\n' > "$T/s/content/catalog/_index.md"
  printf '年份,人口\n2023,1000\n' > "$T/s/static/datasets/people.csv"
  cat > "$T/s/content/catalog/people.md" <<'D'
---
title: 人口数据
date: 2024-03-01
department: 测试区统计局
description: 年末常住人口</script><b>
fields:
  - {name: 年份, type: 整数}
  - {name: 人口, type: 整数, description: 人}
sharing: 无条件共享
temporal: 2023
spatial: 测试区
distributions:
  - {title: 人口（CSV）, path: static/datasets/people.csv}
topics: [人口]
---
D
  cat > "$T/s/content/catalog/revenue.md" <<'D'
---
title: 财政收入
date: 2024-03-02
department: 测试区财政局
description: 财政收入年度数据
fields:
  - {name: 年份, type: 整数}
sharing: 有条件共享
distributions:
  - {title: 财政收入, path: charts/rev.csv}
  - {title: 接口, url: "https://data.test.gov.cn/api/rev", format: API}
topics: [财政, 人口]
---
D
  cat > "$T/s/content/catalog/births.md" <<'D'
---
title: 出生登记
date: 2024-03-03
department: 测试区统计局
description: 出生登记数
fields:
  - {name: 月份, type: 文本}
sharing: 不予共享
distributions:
  - {title: 出生登记, path: static/datasets/people.csv}
---
D
}

fresh
"$GOVPUB" build --site "$T/s" --out "$T/out" -q
check_eq "fixture builds" "$?" 0
P=$T/out/preview
cat > "$T/want.json" <<'J'
{
  "@type": "dcat:Catalog",
  "title": "测试区数据资源目录",
  "description": "测试目录",
  "homepage": "https://www.test.gov.cn/catalog/",
  "language": "zh-CN",
  "publisher": {"name": "测试区数据资源管理局"},
  "contactPoint": {"fn": "数据资源科", "hasEmail": "mailto:data@test.gov.cn"},
  "dataset": [
    {
      "identifier": "https://www.test.gov.cn/catalog/people/",
      "title": "人口数据",
      "description": "年末常住人口\u003c/script\u003e\u003cb\u003e",
      "landingPage": "https://www.test.gov.cn/catalog/people/",
      "issued": "2024-03-01",
      "temporal": "2023",
      "spatial": "测试区",
      "sharingType": "无条件共享",
      "publisher": {"name": "测试区统计局"},
      "theme": ["人口"],
      "distribution": [
        {
          "title": "人口（CSV）",
          "downloadURL": "https://www.test.gov.cn/datasets/people.csv",
          "format": "CSV",
          "mediaType": "text/csv"
        }
      ]
    },
    {
      "identifier": "https://www.test.gov.cn/catalog/births/",
      "title": "出生登记",
      "description": "出生登记数",
      "landingPage": "https://www.test.gov.cn/catalog/births/",
      "issued": "2024-03-03",
      "sharingType": "不予共享",
      "publisher": {"name": "测试区统计局"},
      "theme": [],
      "distribution": [
        {
          "title": "出生登记",
          "downloadURL": "https://www.test.gov.cn/datasets/people.csv",
          "format": "CSV",
          "mediaType": "text/csv"
        }
      ]
    },
    {
      "identifier": "https://www.test.gov.cn/catalog/revenue/",
      "title": "财政收入",
      "description": "财政收入年度数据",
      "landingPage": "https://www.test.gov.cn/catalog/revenue/",
      "issued": "2024-03-02",
      "sharingType": "有条件共享",
      "publisher": {"name": "测试区财政局"},
      "theme": ["财政", "人口"],
      "distribution": [
        {
          "title": "财政收入",
          "downloadURL": "https://www.test.gov.cn/charts/rev.csv",
          "format": "CSV",
          "mediaType": "text/csv"
        },
        {
          "title": "接口",
          "downloadURL": "https://data.test.gov.cn/api/rev",
          "format": "API",
          "mediaType": "API"
        }
      ]
    }
  ]
}
J
if diff -u "$T/want.json" "$P/data/catalog.json" > "$T/diff"; then ok "catalog.json exactly"; else
  fail "catalog.json exactly"; cat "$T/diff"
fi
check "catalog.json parses" python3 -m json.tool "$P/data/catalog.json"
check "the CSV of a distribution is served" cmp "$P/datasets/people.csv" "$T/s/static/datasets/people.csv"
check "a charts/ CSV is served" cmp "$P/charts/rev.csv" "$T/s/charts/rev.csv"

# The JSON-LD of a dataset page: one script element, JSON with every key,
# and nothing in it closes the element early.
got=$(python3 - "$P/catalog/people/index.html" <<'PY'
import json, re, sys
html = open(sys.argv[1], encoding='utf-8').read()
blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
d = json.loads(blocks[0])
keys = ["@context", "@type", "name", "description", "url", "temporalCoverage", "spatialCoverage",
        "publisher", "includedInDataCatalog", "distribution"]
print(len(blocks), d["@type"], [k for k in keys if k not in d], d["description"],
      d["spatialCoverage"]["name"], d["includedInDataCatalog"]["@type"], d["includedInDataCatalog"]["url"],
      [(x["@type"], x["contentUrl"], x["encodingFormat"]) for x in d["distribution"]],
      html.count("</script>"))
PY
)
check_eq "JSON-LD of a dataset page" "$got" "1 Dataset [] 年末常住人口</script><b> 测试区 DataCatalog https://www.test.gov.cn/catalog/ [('DataDownload', 'https://www.test.gov.cn/datasets/people.csv', 'text/csv')] 2"

# The dataset page: metadata, fields and downloads.
check_file_has "fields table" "$P/catalog/people/index.html" '<tr><td>人口</td><td>整数</td><td>人</td></tr>'
check_file_has "a field without a description: an empty cell, not the dataset's description" "$P/catalog/people/index.html" '<tr><td>年份</td><td>整数</td><td></td></tr>'
check_file_has "metadata row" "$P/catalog/people/index.html" '<tr><th scope="row">共享类型</th><td>无条件共享</td></tr>'
check_file_has "download link" "$P/catalog/people/index.html" '<li><a href="/datasets/people.csv">人口（CSV）</a> <span class="dataset-format">CSV</span></li>'

# What is built from a dataset: the pages that name it, the charts of its CSV.
related() { sed -n '/<h2>相关数据发布和图表/,/<\/ul>/p' "$1" | grep -o '<li>.*</li>'; }
check_eq "a dataset lists the pages that name it" "$(related "$P/catalog/people/index.html")" \
  '<li><a href="/news/a/">测试区召开数据工作会议</a></li>'
check_eq "a dataset lists the charts drawn from its CSV" "$(related "$P/catalog/revenue/index.html")" \
  '<li><a href="/charts/rev.svg">图表：测试区收入</a></li>
<li><a href="/charts/rev-line.svg">图表：测试区收入（折线）</a></li>'
check_file_lacks "no related section without relations" "$P/catalog/births/index.html" '<h2>相关数据发布和图表'

# The catalog pages: one per department and topic, with counts.
counts() { grep -o '<a href="[^"]*"[^>]*>[^<]*<span class="term-count">[0-9]* 项' "$1" | sed 's/<a href="\([^"]*\)"[^>]*>\([^<]*\)<span class="term-count">\([0-9]*\) 项/\1 \2 \3/'; }
check_eq "catalog home: departments and topics with counts" "$(counts "$P/catalog/index.html")" "/catalog/department/测试区统计局/ 测试区统计局 2
/catalog/department/测试区财政局/ 测试区财政局 1
/catalog/topic/人口/ 人口 2
/catalog/topic/财政/ 财政 1"
check_file_has "catalog home count" "$P/catalog/index.html" '<p class="page-lead">共 3 项数据资源</p>'
check_file_has "department page count" "$P/catalog/department/测试区统计局/index.html" '<p class="page-lead">共 2 项数据资源</p>'
check_eq "department page lists its datasets" \
  "$(grep -o 'class="item-title" href="[^"]*"' "$P/catalog/department/测试区统计局/index.html" | tr '\n' ' ')" \
  'class="item-title" href="/catalog/people/" class="item-title" href="/catalog/births/" '
check_file_has "department page is the current filter" "$P/catalog/department/测试区统计局/index.html" \
  '<a href="/catalog/department/测试区统计局/" aria-current="page">'
check_eq "topic page lists its datasets" \
  "$(grep -o 'class="item-title" href="[^"]*"' "$P/catalog/topic/人口/index.html" | tr '\n' ' ')" \
  'class="item-title" href="/catalog/people/" class="item-title" href="/catalog/revenue/" '

check_eq "the sitemap lists the department and topic pages" \
  "$(grep -c '<loc>https://www.test.gov.cn/catalog/\(department\|topic\)/' "$P/sitemap.xml")" 4

# Same input, same catalog.
"$GOVPUB" build --site "$T/s" --out "$T/out2" -q
check "catalog.json is deterministic" cmp "$P/data/catalog.json" "$T/out2/preview/data/catalog.json"

# Bad input (expect: lib.sh).
fresh
sed -i 's/^sharing: 无条件共享/sharing: 完全共享/; /^department:/d' "$T/s/content/catalog/people.md"
sed -i 's#path: charts/rev.csv#path: static/datasets/rev.csv#' "$T/s/content/catalog/revenue.md"
sed -i 's#^  - {name: 月份, type: 文本}#  - {name: 月份, kind: 文本}#' "$T/s/content/catalog/births.md"
sed -i 's#^datasets: .*#datasets: [../news/b.md, /catalog/nothing/]#' "$T/s/content/news/a.md"
expect "unknown sharing type, missing department, missing file, bad field item, datasets: naming no dataset" <<'X'
content/catalog/births.md:7:5: error: item of "fields" is missing "type"
  hint: add `type:` to the item
content/catalog/births.md:7:16: error: unknown key "kind" in an item of "fields"
  hint: write items with the keys name, type, description
content/catalog/people.md:1:1: error: missing required field "department"
  hint: add `department:` to the front matter (required for type dataset)
content/catalog/people.md:8:10: error: "sharing" has an unknown value "完全共享"
  hint: use one of: 无条件共享, 有条件共享, 不予共享
content/catalog/revenue.md:10:25: error: distribution file "static/datasets/rev.csv" does not exist
  hint: check the file name, or add the file (e.g. static/datasets/x.csv)
content/news/a.md:5:12: error: "datasets" names no dataset of the catalog: "../news/b.md"
  hint: give the dataset's file (../catalog/x.md) or URL (/catalog/x/)
content/news/a.md:5:26: error: "datasets" names no dataset of the catalog: "/catalog/nothing/"
  hint: give the dataset's file (../catalog/x.md) or URL (/catalog/x/)
govpub: build failed: 7 errors; OUT/preview is unchanged
X
(cd "$T/s" && "$GOVPUB" check --today 2024-03-10 >"$T/check.out" 2>&1)
check_eq "govpub check reports a distribution file that does not exist (exit 1)" "$?" 1
check_file_has "govpub check: the missing file at its place" "$T/check.out" \
  'content/catalog/revenue.md:10:25: error: [站点内容] distribution file "static/datasets/rev.csv" does not exist'

# aliases at what the catalog writes: its department/ and topic/ pages, data/catalog.json (not the
# catalog's list, another column's folder, nor data/ itself); each said at its alias, nothing after it
fresh
sed -i 's#^title: \(.*\)#title: \1\naliases: [/data/catalog.json, /Catalog/department/测试区统计局/, /catalog/topic/, /data/x/]#' \
  "$T/s/content/news/b.md"
expect "aliases at the catalog's pages and data/catalog.json: said at the alias" <<'X'
content/news/b.md:3:11: error: alias /data/catalog.json/ is where govpub writes the data catalog (/data/catalog.json)
  hint: remove the alias: that address is not free
content/news/b.md:3:31: error: alias /Catalog/department/测试区统计局/ is where govpub writes the data catalog's 提供部门 pages (/catalog/department/…)
  hint: remove the alias: that address is not free
content/news/b.md:3:60: error: alias /catalog/topic/ is where govpub writes the data catalog's 主题 pages (/catalog/topic/…)
  hint: remove the alias: that address is not free
govpub: build failed: 3 errors; OUT/preview is unchanged
X

# pages and static files at what the catalog writes: a dataset whose file
# or slug names its department/ or topic/ folder (in any case), a static
# folder catalog/topic/, a static data/catalog.json; each said once at its
# source (a page's URL would be the groups' folder: before, it was the
# dataset and the groups' pages were below it, with nothing said)
fresh
cp "$T/s/content/catalog/people.md" "$T/s/content/catalog/department.md"
sed -i 's/^title: 财政收入$/&\nslug: Topic/' "$T/s/content/catalog/revenue.md"
mkdir -p "$T/s/static/catalog/topic" "$T/s/static/data"
echo x > "$T/s/static/catalog/topic/人口.csv"
echo '{}' > "$T/s/static/data/catalog.json"
cat_hint="in the data catalog's column, department/, topic/, page/, index.html and index.xml are govpub's"
sed "s#CATALOG#$cat_hint#" <<'X' > "$T/want-names"
content/catalog/department.md:1:1: error: URL /catalog/department/ is where govpub writes the data catalog's 提供部门 pages (/catalog/department/…)
  hint: rename the file, or give the page a slug: (CATALOG)
content/catalog/revenue.md:3:7: error: URL /catalog/Topic/ is where govpub writes the data catalog's 主题 pages (/catalog/topic/…)
  hint: choose another slug (CATALOG)
static/catalog/topic: error: static folder /catalog/topic/ is where govpub writes the data catalog's 主题 pages (/catalog/topic/…)
  hint: rename the folder or move it, and the links to its files (CATALOG)
static/data/catalog.json:1:1: error: static file /data/catalog.json is where govpub writes the data catalog (/data/catalog.json)
  hint: rename the file or move it, and the links to it (data/catalog.json is the data catalog's, docs/catalog.md)
govpub: build failed: 4 errors; OUT/preview is unchanged
X
expect "pages and static files at the catalog's pages and data/catalog.json: said at the source" < "$T/want-names"

fresh
long=$(printf '部%.0s' $(seq 86))
long4=$(printf '\360\240\200\200%.0s' $(seq 64)) # a topic has at most 64 characters: four bytes each
sed -i "s/^department: 测试区统计局/department: $long/; s/^topics: \[人口\]/topics: [人口, \"\", $long4]/" \
  "$T/s/content/catalog/people.md"
expect "a department or topic too long to name its page's folder (the topic's own item, past an empty one)" <<'X'
content/catalog/people.md:4:13: error: department is 258 bytes long; a file or folder name may have at most 255
  hint: shorten it: its page is a folder named after it
content/catalog/people.md:14:18: error: topic is 256 bytes long; a file or folder name may have at most 255
  hint: shorten it: its page is a folder named after it
govpub: build failed: 2 errors; OUT/preview is unchanged
X

fresh
sed -i 's#path: static/datasets/people.csv#path: content/catalog/births.md#' "$T/s/content/catalog/births.md"
sed -i 's#url: "https://data.test.gov.cn/api/rev"#url: data.test.gov.cn/api#' "$T/s/content/catalog/revenue.md"
sed -i '/^distributions:/,/^topics/{/^  - /d}' "$T/s/content/catalog/people.md"
sed -i '/^  contact: {name/d' "$T/s/site.yaml"
expect "no distributions, a path the site does not serve, a bad url, no contact point" <<'X'
content/catalog/births.md:10:25: error: distribution path "content/catalog/births.md" is not a file the site serves
  hint: put the file under static/ (or charts/) and give its path from the site folder, e.g. static/datasets/x.csv
content/catalog/people.md:12:15: error: missing required field "distributions"
  hint: fill in `distributions:` (required for type dataset, items with the keys title, path, url, format)
content/catalog/revenue.md:11:22: error: distribution url "data.test.gov.cn/api" is not an http(s) address
  hint: write the full address, https://…, or use path: for a file in the site
site.yaml:51:3: error: catalog: needs "contact" (a required DCAT field)
  hint: write contact: {name: 数据资源科, email: sjzy@example.gov.cn}
govpub: build failed: 4 errors; OUT/preview is unchanged
X

# A distribution under charts/ is copied as it is (no static folder's check
# reads it): an SVG or HTML file there that runs script is refused as it is
# among the static files (docs/security.md), and nothing is published.
fresh
printf '<svg xmlns="http://www.w3.org/2000/svg"><script href="/charts/x.js"/></svg>\n' > "$T/s/charts/map.svg"
printf '<p>地图</p><img src=x onerror=alert(1)>\n' > "$T/s/charts/map.html"
sed -i 's#^  - {title: 财政收入, path: charts/rev.csv}#&\n  - {title: 地图, path: charts/map.svg, format: SVG}\n  - {title: 地图（网页）, path: charts/map.html, format: HTML}#' \
  "$T/s/content/catalog/revenue.md"
expect "a distribution under charts/ that runs script" <<'X'
charts/map.html:1:21: error: HTML file runs script: onerror=
  hint: remove it (or publish the document as PDF): a reader opening the file would run it on the site's own address
charts/map.svg:1:41: error: SVG file runs script: <script
  hint: remove it (export the drawing again without scripts): a reader opening the file would run it on the site's own address
govpub: build failed: 2 errors; OUT/preview is unchanged
X

# A charts/ file a dataset names is copied by the catalog: one differing
# only in case from a chart's CSV (charts/rev.csv, the chart rev's) or from
# another such file is refused as every output differing only in case is
# (release_fold.h), at the greater path when both are files of the site.
fresh
printf '年份,收入\n2023,1\n' > "$T/s/charts/REV.csv"
printf 'a\n1\n' > "$T/s/charts/data.csv"
printf 'a\n1\n' > "$T/s/charts/DATA.csv"
sed -i 's#^  - {title: 财政收入, path: charts/rev.csv}#&\n  - {title: 收入（大写）, path: charts/REV.csv}\n  - {title: 数据, path: charts/data.csv}\n  - {title: 数据（大写）, path: charts/DATA.csv}#' \
  "$T/s/content/catalog/revenue.md"
expect "a dataset's charts/ file differing only in case from a chart's CSV or another dataset's file" <<'X'
charts/data.csv:1:1: error: output /charts/data.csv differs from /charts/DATA.csv (charts/DATA.csv) only in case or Unicode normalisation
  hint: rename one: on a case-insensitive or normalising file system (out/ copied to Windows or a Mac) one would overwrite the other
charts/rev.csv:1:1: error: output /charts/rev.csv differs from /charts/REV.csv (charts/REV.csv) only in case or Unicode normalisation
  hint: rename one: on a case-insensitive or normalising file system (out/ copied to Windows or a Mac) one would overwrite the other
govpub: build failed: 2 errors; OUT/preview is unchanged
X

#!/bin/sh
# govpub report: the annual website report (docs/report.md).  The figures
# it computes for tests/fixtures/report and for the sample portal equal the
# values counted by hand; the JSON twin parses and carries every figure with
# its origin, its readers' source and its auditors' basis; the same input gives the same bytes; bad figures
# and letters files give exact diagnostics, exit 1 and write nothing; the
# built home page links the latest report; govpub check names each figure
# the content has moved away from.
. "$(dirname "$0")/lib.sh"
export GOVPUB_DATADIR="$ROOT"

fresh() { rm -rf "$T/s"; site_copy report s; }
# report ARGS...: govpub report in $T; stdout → $T/out, stderr → $T/err, status → $rc.
report() {
  (cd "$T" && "$GOVPUB" report "$@") > "$T/out" 2> "$T/err"
  rc=$?
}
# figures FILE: "id value kind" of every figure in the page's front matter;
# kind 计算 when its source names the site (网站配置, 网站内容统计, 群众来信统计),
# 填报 when it is 人工填报 (with the file and key as its basis), else "?".
figures() {
  python3 - "$1" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
fm = text.split("\n---\n", 1)[0]
for m in re.finditer(r'^  "([^"]+)": \{label: "[^"]*", value: ("[^"]*"|[0-9.]+), unit: "[^"]*", source: "([^"]*)", basis: "([^"]+)"\}$', fm, re.M):
    src, basis = m.group(3), m.group(4)
    kind = ("计算" if re.match("(网站配置|网站内容统计|群众来信统计)：", src)
            else "填报" if src == "人工填报" and re.match(r"reports/2024\.yaml [a-z_]+\.[a-z_]+$", basis) else "?")
    print(m.group(1), m.group(2).strip('"'), kind)
PY
}

# ---- the fixture: every figure, counted by hand ------------------------------------
fresh
report --site s --year 2024
check_eq "fixture: exit 0" "$rc" 0
check_eq "fixture: nothing on stderr" "$(cat "$T/err")" ""
same "fixture: what was written" "$T/out" <<'X'
wrote s/content/report/2024.md (37 figures)
wrote s/static/data/report-2024.json
X
# 信息发布 2024: about/intro; news a, b (not c of 2023, the draft, the page
# on request, the page of 2025-01-01 00:30 +08:00); notice n1 and the two
# result pages, policy p1, jiedu j1 j2 (not j3 of 2025).  专题: 甲 乙 丙
# (丁 only in 2025, 戊 only on a draft, the catalog's 数据主题 not counted);
# new: 甲 丙 (乙 has a page of 2023).  Surveys s1 s2, s1 with its result;
# solicitations o1 o2 (not o3 of 2023), o1 with its result.  Letters 90 of 92
# = 97.8%.  Catalog: d1 (2024) and d2 (2023) from two departments, not d3 (2025).
figures "$T/s/content/report/2024.md" > "$T/got"
same "fixture: the figures and their origins" "$T/got" <<'X'
site.name 报表示例区人民政府 计算
site.url https://www.report.gov.cn/ 计算
site.sponsor 报表示例区人民政府办公室 计算
site.code 1234567891 计算
site.icp 测ICP备00000003号 计算
site.psb 测公网安备 00000000000003号 计算
visits.unique 1000 填报
visits.total 5000 填报
info.overview 1 计算
info.news 2 计算
info.disclosure 6 计算
info.total 9 计算
topics.maintained 3 计算
topics.new 2 计算
interp.total 2 计算
interp.form.文字解读 1 计算
interp.form.图解 1 计算
interp.form.音视频解读 0 计算
service.items 300 填报
interact.interview 2 计算
interact.survey 2 计算
interact.survey_results 1 计算
interact.solicitation 2 计算
interact.solicitation_results 1 计算
letters.received 92 计算
letters.handled 90 计算
letters.rate 97.8 计算
letters.channel.网站 60 计算
letters.channel.信件 32 计算
catalog.entries 2 计算
catalog.departments 2 计算
catalog.mounted 2 计算
catalog.mount_rate 100.0 计算
security.checks 4 填报
security.problems 1 填报
security.fixed 1 填报
new_media.wechat 报表示例区发布 填报
X
# Each figure's source is for readers (plain Chinese, columns by their
# titles: news is 工作动态), its basis for auditors (file, key, column paths).
check_file_has "fixture: site.yaml figures say what, their basis where" "$T/s/content/report/2024.md" \
  '"site.icp": {label: "ICP备案号", value: "测ICP备00000003号", unit: "", source: "网站配置：页脚ICP备案号", basis: "site.yaml footer.icp"}'
check_file_has "fixture: columns by title, their basis by path" "$T/s/content/report/2024.md" \
  '"info.news": {label: "政务动态信息更新量", value: 2, unit: "条", source: "网站内容统计：2024年发布于“工作动态”栏目的页面", basis: "2024年发布于栏目 news（class 动态、要闻）的页面"}'
check_file_has "fixture: types described, their basis by name" "$T/s/content/report/2024.md" \
  '"interp.total": {label: "解读信息发布总数", value: 2, unit: "条", source: "网站内容统计：2024年发布的解读页面", basis: "类型 interpretation 中2024年发布的页面"}'
check_file_has "fixture: letters, their basis the file" "$T/s/content/report/2024.md" \
  '"letters.handled": {label: "群众来信办结数量", value: 90, unit: "件", source: "群众来信统计：2024年办结件数", basis: "data/letters/2024.yaml handled"}'
check_file_has "fixture: filed figures, their basis the file and key" "$T/s/content/report/2024.md" \
  '"visits.total": {label: "网站总访问量", value: 5000, unit: "次", source: "人工填报", basis: "reports/2024.yaml visits.total"}'
check_file_has "fixture: the page is dated by the figures file" "$T/s/content/report/2024.md" "date: 2025-01-10"
check_file_has "fixture: the JSON is the page's attachment" "$T/s/content/report/2024.md" \
  'attachments: ["/data/report-2024.json"]'
check_file_has "fixture: the 互动交流 table" "$T/s/content/report/2024.md" \
  "| 网上调查公布结果期数 | 1 | 期 | 网站内容统计：上述网上调查中已结束且已发布反馈结果的 |"
check_file_has "fixture: the 信息发布 table names columns by their titles" "$T/s/content/report/2024.md" \
  "| 信息公开目录信息更新量 | 6 | 条 | 网站内容统计：2024年发布于“通知公告”“政策文件”“政策解读”栏目的页面 |"

# A site without a data catalog (no `catalog:` in site.yaml): its 专题 are
# counted without one, and the readers' source does not mention one; the
# catalog column's 数据主题 is then an ordinary 专题 (4 maintained, 2 new).
fresh
python3 - "$T/s/site.yaml" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[1], "w", encoding="utf-8").write(re.sub(r"^catalog:\n(  .*\n)+", "", text, flags=re.M))
PY
report --site s --year 2024
check_eq "no catalog: exit 0" "$rc" 0
grep "专栏专题.*数量" "$T/s/content/report/2024.md" | grep "^|" > "$T/got"
same "no catalog: the 专题 figures and their sources" "$T/got" <<'X'
| 专栏专题维护数量 | 4 | 个 | 网站内容统计：到2024年底已有页面的专题（不含年度报表的主题） |
| 新开设专栏专题数量 | 2 | 个 | 网站内容统计：最早的页面发布于2024年的专题（不含年度报表的主题） |
X
# The letters not answered yet (pending:, govpub check's) are no figure of
# the report: with two listed, it is written the same, byte for byte.
cp "$T/s/content/report/2024.md" "$T/report-no-pending.md"
printf 'pending:\n  - received: 2024-12-20\n  - received: 2024-12-28\n    no: XX2024-0092\n' >> "$T/s/data/letters/2024.yaml"
report --site s --year 2024
check_eq "pending letters: the report unchanged" "$rc/$(cmp "$T/s/content/report/2024.md" "$T/report-no-pending.md" && echo same)" "0/same"
fresh
report --site s --year 2024

# ---- the JSON twin ---------------------------------------------------------------------
python3 - "$T/s/static/data/report-2024.json" "$T/s/content/report/2024.md" > "$T/json" 2>&1 <<'PY'
import json, re, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
page = open(sys.argv[2], encoding="utf-8").read()
ids = re.findall(r'^  "([^"]+)": \{', page, re.M)
bad = [f.get("id") for f in j["figures"]
       if not all(f.get(k) not in (None, "") for k in ("section", "id", "label", "source", "basis"))
       or "value" not in f
       or f.get("origin") not in ("computed", "filed")
       or (f["source"] == "人工填报") == (f["origin"] == "computed")]
# what readers see names no file, key, path or type: no lower-case letters, _ or /
technical = [f["id"] for f in j["figures"] if re.search(r"[a-z_/]", f["source"])]
table = re.findall(r"^\| .* \| (.*) \|$", page.split("\n---\n", 1)[1], re.M)
print(j["year"], j["date"], j["unit"], len(j["figures"]))
print("same figures as the page:", [f["id"] for f in j["figures"]] == ids)
print("without source, basis or origin:", bad)
print("sources with technical text:", technical, [c for c in table if re.search(r"[a-z_/]", c)])
print("numbers:", [f["value"] for f in j["figures"] if f["id"] in ("info.total", "letters.rate", "catalog.mount_rate")])
PY
same "json: parses, every figure with its origin, source and basis; readers' sources plain Chinese" "$T/json" <<'X'
2024 2025-01-10 报表示例区数据资源管理局 37
same figures as the page: True
without source, basis or origin: []
sources with technical text: [] []
numbers: [9, 97.8, 100.0]
X
check "json: python3 -m json.tool" python3 -m json.tool "$T/s/static/data/report-2024.json"

# ---- same input, same bytes; the committed page is not counted as content ----------
cp "$T/s/content/report/2024.md" "$T/first.md"
cp "$T/s/static/data/report-2024.json" "$T/first.json"
report --site s --year 2024 -j 1
check_eq "again: exit 0" "$rc" 0
check "again: the same page" cmp "$T/first.md" "$T/s/content/report/2024.md"
check "again: the same JSON" cmp "$T/first.json" "$T/s/static/data/report-2024.json"

# ---- the built site: the home page links the latest report ------------------------
mkdir -p "$T/s/content/report"
sed 's/^year: 2024$/year: 2023/; s/^title: .*/title: "旧年度报表"/' "$T/s/content/report/2024.md" > "$T/s/content/report/2023.md"
"$GOVPUB" build --site "$T/s" --out "$T/o" -q 2> "$T/err"
check_eq "build: exit 0" "$?" 0
grep -A3 '<section class="latest-report"' "$T/o/preview/index.html" > "$T/home"
same "build: the home page links the latest report (2024, not 2023)" "$T/home" <<'X'
<section class="latest-report" aria-labelledby="latest-report-title">
<h2 class="section-title" id="latest-report-title">政府网站工作年度报表</h2>
<p><a href="/report/2024/">报表示例区人民政府网站工作年度报表（2024年度）</a> <time datetime="2025-01-10">2025-01-10</time></p>
</section>
X
check "build: the JSON is served" cmp "$T/first.json" "$T/o/preview/data/report-2024.json"
check_file_has "build: the report page shows the form's tables" "$T/o/preview/report/2024/index.html" \
  '<h2 id="七互动交流">七、互动交流</h2>'
kb=$((($(wc -c < "$T/o/preview/data/report-2024.json") + 512) / 1024)) # its size as the link says it (KB)
check_file_has "build: the report page offers the JSON, its format and size" "$T/o/preview/report/2024/index.html" \
  "<a href=\"/data/report-2024.json\" download type=\"application/json\">report-2024.json<span class=\"attachment-kind\">（JSON，$kb KB）</span></a>"
rm "$T/s/content/report/2023.md"
site_copy report m
rm -rf "$T/m/content/report"/[0-9]*
printf -- '---\ntitle: 年度报表\n---\n' > "$T/m/content/report/_index.md"
"$GOVPUB" build --site "$T/m" --out "$T/om" -q 2>/dev/null
check_file_lacks "build: no report, no link" "$T/om/preview/index.html" "latest-report"

# ---- govpub check: a report the content has moved away from -----------------------
run_check() { (cd "$T" && "$GOVPUB" check --site s) > "$T/out" 2> "$T/err"; rc=$?; }
run_check
check_eq "check: a current report passes (exit 0)" "$rc" 0
check_eq "check: no 年度报表 item" "$(grep -c 年度报表 "$T/out")" 0
printf -- '---\ntitle: 新动态\ndate: 2024-12-19T10:00:00+08:00\n---\n\n正文。\n' > "$T/s/content/news/late.md"
printf 'received: 92\nhandled: 92\n' > "$T/s/data/letters/2024.yaml"
run_check
check_eq "check: a stale report fails (exit 1)" "$rc" 1
grep -A1 '\[年度报表\]' "$T/out" > "$T/stale"
same "check: each stale figure, written vs now" "$T/stale" <<'X'
s/content/report/2024.md:20:44: error: [年度报表] annual report figure "info.news" (政务动态信息更新量) is 2 but the content gives 3
  hint: regenerate it (govpub report --year 2024) and have it reviewed again
s/content/report/2024.md:22:42: error: [年度报表] annual report figure "info.total" (信息发布总数) is 9 but the content gives 10
  hint: regenerate it (govpub report --year 2024) and have it reviewed again
s/content/report/2024.md:36:49: error: [年度报表] annual report figure "letters.handled" (群众来信办结数量) is 90 but the content gives 92
  hint: regenerate it (govpub report --year 2024) and have it reviewed again
s/content/report/2024.md:37:45: error: [年度报表] annual report figure "letters.rate" (群众来信办结率) is 97.8 but the content gives 100.0
  hint: regenerate it (govpub report --year 2024) and have it reviewed again
s/content/report/2024.md:38:3: error: [年度报表] annual report figure "letters.channel.网站" is no longer computed from the content
  hint: regenerate it (govpub report --year 2024) and have it reviewed again
s/content/report/2024.md:39:3: error: [年度报表] annual report figure "letters.channel.信件" is no longer computed from the content
  hint: regenerate it (govpub report --year 2024) and have it reviewed again
X
report --site s --year 2024
run_check
check_eq "check: regenerated, it passes again" "$rc" 0

# ---- bad input: exact diagnostics, exit 1, nothing written -------------------------
fresh
cat > "$T/s/reports/2024.yaml" <<'Y'
date: 2025-01-10
unit: 报表示例区数据资源管理局
visits: {unique: 1000, total: 约5000}
service: {items: 300, item: 3}
security: {checks: 4, problems: 1}
media: {wechat: x}
new_media: {wechat_posts: 1.5}
Y
report --site s --year 2024
check_eq "bad figures: exit 1" "$rc" 1
check_eq "bad figures: nothing on stdout" "$(cat "$T/out")" ""
same "bad figures: every problem at its place" "$T/err" <<'X'
govpub: error: no report written
  hint: fix the problems listed with it, then run govpub report again
s/reports/2024.yaml:3:31: error: figure "visits.total" (网站总访问量) must be a whole number, not "约5000"
  hint: write the number alone, e.g. 1523000 (no 万, no commas, no unit)
s/reports/2024.yaml:4:23: error: unknown figure "service.item"
  hint: the figures a report takes are listed in docs/report.md
s/reports/2024.yaml:5:1: error: required figure "security.fixed" is missing
  hint: add security.fixed (问题整改数量, 个); the form cannot be filed without it
s/reports/2024.yaml:6:1: error: unknown figure "media"
  hint: the figures a report takes are listed in docs/report.md
s/reports/2024.yaml:7:27: error: figure "new_media.wechat_posts" (微信信息发布量) must be a whole number, not "1.5"
  hint: write the number alone, e.g. 1523000 (no 万, no commas, no unit)
X
check "bad figures: no page written" test ! -e "$T/s/content/report/2024.md"
check "bad figures: no JSON written" test ! -e "$T/s/static/data/report-2024.json"

fresh
printf 'date: 2025-01-10\nunit: x\n' > "$T/s/reports/2024.yaml"
printf 'received: 9\nhandled: 10\nreplied: 1\n' > "$T/s/data/letters/2024.yaml"
report --site s --year 2024
check_eq "bad letters and missing groups: exit 1" "$rc" 1
same "bad letters and missing groups: reported" "$T/err" <<'X'
govpub: error: no report written
  hint: fix the problems listed with it, then run govpub report again
s/data/letters/2024.yaml:2:10: error: "handled" 10 is more than "received" 9
  hint: 办结 cannot exceed 收到: check both figures
s/data/letters/2024.yaml:3:1: error: unknown key "replied"
  hint: a letters file has received, handled, by_channel and pending
s/reports/2024.yaml:1:1: error: required figure "visits.unique" is missing
  hint: add visits.unique (独立用户访问总量, 个); the form cannot be filed without it
s/reports/2024.yaml:1:1: error: required figure "visits.total" is missing
  hint: add visits.total (网站总访问量, 次); the form cannot be filed without it
s/reports/2024.yaml:1:1: error: required figure "service.items" is missing
  hint: add service.items (政务服务事项数量, 项); the form cannot be filed without it
s/reports/2024.yaml:1:1: error: required figure "security.checks" is missing
  hint: add security.checks (安全检测评估次数, 次); the form cannot be filed without it
s/reports/2024.yaml:1:1: error: required figure "security.problems" is missing
  hint: add security.problems (发现问题数量, 个); the form cannot be filed without it
s/reports/2024.yaml:1:1: error: required figure "security.fixed" is missing
  hint: add security.fixed (问题整改数量, 个); the form cannot be filed without it
X
check "bad letters: no page written" test ! -e "$T/s/content/report/2024.md"

# The letters files are read by the build's loader (interact_letters.c),
# not by the report: every file, the pending letters too, with the very
# diagnostics a build gives — a bad file of another year included, since
# a site that does not build gets no report.
fresh
printf 'received: 9\nhandled: 5\nby_channel: {网站: 3}\npending:\n  - received: 2024-09-31\n' > "$T/s/data/letters/2024.yaml"
printf 'received: x\nhandled: 1\n' > "$T/s/data/letters/2023.yaml"
report --site s --year 2024
same "letters the build refuses: the loader's diagnostics" "$T/err" <<'X'
govpub: error: no report written
  hint: fix the problems listed with it, then run govpub report again
s/data/letters/2023.yaml:1:11: error: "received" must be a whole number, not "x"
  hint: write the number of letters in digits, e.g. 92
s/data/letters/2024.yaml:3:13: error: "by_channel" adds up to 3, but "received" is 9
  hint: the channels are the received letters split by where they came in: check the figures
s/data/letters/2024.yaml:5:15: error: "received" is not a valid date: "2024-09-31"
  hint: 2024-09 has 30 days (write the day it came in as YYYY-MM-DD, e.g. received: 2024-09-02)
X
(cd "$T" && "$GOVPUB" build --site s --out o -q) 2> "$T/build-err"
grep -A1 '^s/data/letters/' "$T/build-err" > "$T/build-letters"
grep -A1 '^s/data/letters/' "$T/err" > "$T/report-letters"
check "letters the build refuses: the build says the same" cmp -s "$T/build-letters" "$T/report-letters"
check_eq "letters the build refuses: exit 1, no page written" "$rc/$(test -e "$T/s/content/report/2024.md" && echo written)" "1/"

fresh
printf -- '---\ntitle: 无日期\n---\n' > "$T/s/content/news/undated.md"
sed -i 's/^service: {items: 300}/service: {items: 三百}/' "$T/s/reports/2024.yaml"
report --site s --year 2024
check_eq "a site with problems: exit 1" "$rc" 1
same "a site with problems: its problems and the figures' in one run" "$T/err" <<'X'
govpub: error: no report written
  hint: fix the problems listed with it, then run govpub report again
s/content/news/undated.md:1:1: error: missing required field "date"
  hint: add `date:` to the front matter (required for type news, a date: YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS+08:00)
s/reports/2024.yaml:4:18: error: figure "service.items" (政务服务事项数量) must be a whole number, not "三百"
  hint: write the number alone, e.g. 1523000 (no 万, no commas, no unit)
X
check "a site with problems: no page written" test ! -e "$T/s/content/report/2024.md"

fresh
report --site s --year 2031
check_eq "no figures file: exit 1" "$rc" 1
same "no figures file: reported" "$T/err" <<'X'
govpub: error: no report written
  hint: fix the problems listed with it, then run govpub report again
s/reports/2031.yaml: error: cannot read the report's figures file
  hint: write the figures people file (docs/report.md), or pass --figures FILE
X

# ---- usage ------------------------------------------------------------------------------
report --help
check_eq "--help: exit 0" "$rc" 0
check_file_has "--help: the synopsis" "$T/out" "usage: govpub report --year YYYY"
report --site s
check_eq "no --year: exit 2" "$rc" 2
same "no --year: said" "$T/err" <<'X'
govpub: error: --year is required
  hint: say which year, e.g. --year 2024
X
report --site s --year 24
check_eq "bad --year: exit 2" "$rc" 2

# ---- the sample portal: its committed 2024 report is what the command writes --------
sample_copy "$T/p"
rm "$T/p/content/report/2024.md" "$T/p/static/data/report-2024.json"
report --site p --year 2024
check_eq "sample: exit 0" "$rc" 0
check "sample: the committed page is current" cmp "$ROOT/content/report/2024.md" "$T/p/content/report/2024.md"
check "sample: the committed JSON is current" cmp "$ROOT/static/data/report-2024.json" "$T/p/static/data/report-2024.json"
# Counted by hand from content/: 2024 pages — about 1; news 7 (not the
# security check of 2023) + data 3; bulletin 3 + notice 2 (not 2023's
# new-year hours) + policy 4 + jiedu 2.  Topics with a page by 2024:
# 优化营商环境, 数字政府建设, 政务公开; new in 2024: 优化营商环境 only.
# Interviews: issues 1 and 2.  Surveys: 2, both with results; solicitations:
# 3, two ended with results.  Letters 2024: 92 received, 92 handled (57 + 21 + 14).
# Catalog: 10 datasets from 7 departments.
figures "$T/p/content/report/2024.md" | grep 计算 | grep -v '^site\.' > "$T/got"
same "sample: the computed figures" "$T/got" <<'X'
info.overview 1 计算
info.news 10 计算
info.disclosure 11 计算
info.total 22 计算
topics.maintained 3 计算
topics.new 1 计算
interp.total 2 计算
interp.form.文字解读 2 计算
interp.form.图解 0 计算
interp.form.音视频解读 0 计算
interp.form.专家解读 0 计算
interp.form.媒体评论 0 计算
interact.interview 2 计算
interact.survey 2 计算
interact.survey_results 2 计算
interact.solicitation 3 计算
interact.solicitation_results 2 计算
letters.received 92 计算
letters.handled 92 计算
letters.rate 100.0 计算
letters.channel.网站信箱 57 计算
letters.channel.书面来信 21 计算
letters.channel.上级转办 14 计算
catalog.entries 10 计算
catalog.departments 7 计算
catalog.mounted 10 计算
catalog.mount_rate 100.0 计算
X

# The publish gate runs the same rule: a news page removed after the report
# was signed makes 政务动态 one fewer, and nothing is published.
sample_copy "$T/stalesite"
rm "$T/stalesite/content/news/2024-data-sharing.md"
"$GOVPUB" publish --site "$T/stalesite" --trust "$TRUST" > "$T/out" 2> "$T/err"
check_eq "publish with a stale report: exit 1" "$?" 1
check_file_has "publish with a stale report: the figure named" "$T/err" \
  'annual report figure "info.news" (政务动态信息更新量) is 10 but the content gives 9'
check "publish with a stale report: nothing published" test ! -e "$T/stalesite/out/current"

# 网站基本信息 is what the site was when the report was filed: a new site
# title later does not make the 2024 report stale.
sample_copy "$T/renamed"
sed -i 's/^title: .*/title: 云岭区人民政府（新版）/' "$T/renamed/site.yaml"
(cd "$T" && "$GOVPUB" check --site renamed) > "$T/out" 2>"$T/err" # stderr: the note that no built pages were checked
check_eq "a renamed site: its last report is not stale" "$(tail -1 "$T/out")" \
  "verdict: 合格（仅检查内容模型，未检查生成的页面：govpub build --site renamed, then govpub check --site renamed --output renamed/out/preview） (0 errors, 0 warnings)"

# --output naming a FIFO or a device (--output /dev/stdout): the page is
# written into it, not renamed over it (as root, a device became a file).
# A FIFO stands for the device, so a regression puts no device at risk.
fresh
report --site s --year 2024
mkfifo "$T/fifo"
timeout 20 cat "$T/fifo" > "$T/fifo.md" &
reader=$!
report --site s --year 2024 --output fifo
check_eq "--output a FIFO: exit 0" "$rc" 0
wait $reader
check "--output a FIFO: the FIFO is still one" test -p "$T/fifo"
check "--output a FIFO: the page went through it" cmp -s "$T/fifo.md" "$T/s/content/report/2024.md"

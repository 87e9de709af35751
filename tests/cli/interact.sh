#!/bin/sh
# 互动交流 (docs/interaction.md) on a copy of the sample portal: a survey's
# facts and its result link, the result page's generated back link, status
# badges in the lists, the 群众来信 summary of the 互动交流 column, a letter
# of 信件选登 with its facts, letter and reply, and its list item (exact
# HTML); then the bad input — a result path naming no page, a letters figure
# that is not a number or exceeds what was received, a duplicate 期数, a
# letter without its reply or answered before it came in — with
# its exact diagnostics (exit 1, nothing served changes), and the check rule
# `result` for an ended survey without a result, in text, JSON and SARIF,
# and the rule `reply` for a published letter answered late.
. "$(dirname "$0")/lib.sh"

sample_copy "$T/s"
"$GOVPUB" build --site "$T/s" --out "$T/out" -q 2>"$T/err"
check_eq "sample builds" "$?" 0
P=$T/out/preview

# between FILE START END: the lines from the first matching START to the next END
between() { sed -n "\\#$2#,\\#$3#p" "$1"; }

check_eq "survey: 期数, time, organiser, status" \
  "$(between "$P/hudong/survey/2024-1-portal-satisfaction/index.html" '<dl class="interview-facts' '</dl>')" \
  '<dl class="interview-facts interaction-facts">
<div class="interview-fact"><dt>期数</dt><dd>2024年第1期</dd></div>
<div class="interview-fact"><dt>调查时间</dt><dd><time datetime="2024-04-01">2024-04-01</time> 至 <time datetime="2024-04-30">2024-04-30</time></dd></div>
<div class="interview-fact"><dt>组织单位</dt><dd>云岭区数据资源管理局</dd></div>
<div class="interview-fact"><dt>状态</dt><dd><span class="status-badge status-closed">已结束</span></dd></div>
</dl>'
check_eq "survey: links its result" \
  "$(grep 'result-link' "$P/hudong/survey/2024-1-portal-satisfaction/index.html")" \
  '<p class="related result-link"><span class="related-label">反馈结果：</span><a href="/hudong/result/2024-survey-1-portal-satisfaction/">门户网站用户满意度网上调查结果</a></p>'
check_eq "solicitation: 征集时间, 进行中, no result yet" \
  "$(grep -c 'result-link' "$P/hudong/solicitation/2024-3-zongchuang/index.html") $(grep -o '<dt>征集时间</dt>.*</dd>\|<span class="status-badge[^>]*>[^<]*</span>' "$P/hudong/solicitation/2024-3-zongchuang/index.html")" \
  '0 <dt>征集时间</dt><dd><time datetime="2024-12-10">2024-12-10</time> 至 <time datetime="2025-01-24">2025-01-24</time></dd>
<span class="status-badge status-open">进行中</span>'
check_eq "result: generated back link to the original" \
  "$(grep 'origin-link' "$P/hudong/result/2024-solicitation-2-data-catalog-rules/index.html")" \
  '<p class="origin-link"><span class="related-label">原民意征集：</span><a href="/hudong/solicitation/2024-2-data-catalog-rules/">《云岭区政务数据资源目录管理办法（征求意见稿）》公开征求意见</a>（2024年第2期）</p>'
check_eq "list: 期数 and status of every item" \
  "$(grep -o 'class="item-title"[^>]*>[^<]*</a> <span class="item-issue">[^<]*</span> <span class="status-badge[^>]*>[^<]*' "$P/hudong/solicitation/index.html" | sed 's/class="item-title" href="[^"]*">//; s/<[^>]*>//g')" \
  '区政务服务中心综合窗口设置意见征集 2024年第3期 进行中
《云岭区政务数据资源目录管理办法（征求意见稿）》公开征求意见 2024年第2期 已结束
“高效办成一件事”事项需求建议征集 2024年第1期 已结束'
# 信件选登: the facts table, then 来信内容 and 答复内容 split at `## 答复`
L=$P/hudong/letter/2024-0083-data-open/index.html
check_eq "letter: its facts" "$(between "$L" '<table class="disclosure letter-facts">' '</table>')" \
  '<table class="disclosure letter-facts">
<caption class="visually-hidden">信件信息</caption>
<colgroup><col class="disclosure-label"><col><col class="disclosure-label"><col></colgroup>
<tbody>
<tr><th scope="row">信件编号</th><td>XX2024-0083</td><th scope="row">信件类型</th><td>咨询</td></tr>
<tr><th scope="row">来信日期</th><td>2024-11-04</td><th scope="row">答复日期</th><td>2024-11-15</td></tr>
<tr><th scope="row">答复单位</th><td colspan="3">云岭区数据资源管理局</td></tr>
</tbody>
</table>'
check_eq "letter: the letter, then the reply (its heading gone)" \
  "$(sed -n '/<section class="letter-part/,/<\/section>/p' "$L" | grep -v '^$' | LC_ALL=C sed 's/^<p>\(.\{36\}\).*/<p>\1…/')" \
  '<section class="letter-part letter-question" aria-labelledby="letter-question-title">
<h2 class="letter-part-title" id="letter-question-title">来信内容</h2>
<div class="prose">
<p>我在做一个关于本区营商环…
</div>
</section>
<section class="letter-part letter-reply" aria-labelledby="letter-reply-title">
<h2 class="letter-part-title" id="letter-reply-title">答复内容</h2>
<p class="letter-reply-by">云岭区数据资源管理局　<time datetime="2024-11-15">2024-11-15</time></p>
<div class="prose">
<p>您好！来信收悉，现答复如…
<p>目前区级还没有单独建设数…
<p>我区经济运行、消费水平等…
<p>感谢您的关注。</p>
</div>
</section>'
check_eq "letter list: kind and 答复日期" \
  "$(grep -o '<li class="item">.*</li>' "$P/hudong/letter/index.html" | sed 's/href="[^"]*"//')" \
  '<li class="item"><span class="item-main"><a class="item-title" >建议“一件事”材料不全时也能先受理</a> <span class="item-kind">建议</span></span> <span class="item-date">答复 <time datetime="2024-12-20">2024-12-20</time></span></li>
<li class="item"><span class="item-main"><a class="item-title" >区里的政务数据在哪里可以查到？</a> <span class="item-kind">咨询</span></span> <span class="item-date">答复 <time datetime="2024-11-15">2024-11-15</time></span></li>
<li class="item"><span class="item-main"><a class="item-title" >开办餐饮店能不能一次办好所有手续？</a> <span class="item-kind">咨询</span></span> <span class="item-date">答复 <time datetime="2024-09-13">2024-09-13</time></span></li>'
# an incremental build after a letter's body is edited: the other two,
# loaded from the last build's state (docs/incremental.md), are letters
# still in the list it writes again
letters_list=$(grep -o '<li class="item">.*</li>' "$P/hudong/letter/index.html")
LC=content/hudong/letter/2024-0068-canyin-one-thing.md
sed -i 's/^我准备在区里开/我准备在本区开/' "$T/s/$LC"
"$GOVPUB" build --site "$T/s" --out "$T/out" 2>&1 | grep -o 'rebuilt 1 page and the lists' >"$T/err"
check_eq "letter list: incremental, the same" "$(cat "$T/err")
$(grep -o '<li class="item">.*</li>' "$P/hudong/letter/index.html")" "rebuilt 1 page and the lists
$letters_list"
(cd "$ROOT" && cp "$LC" "$T/s/$LC")
# a letter published weeks after its reply (on 2024-12-23, answered on
# 2024-11-10) shows its 答复日期 in every list, and every list places it by
# that date: the home page's 互动交流 block, the 信件选登 list, a tag's page
# (docs/interaction.md); before, they placed it by its publication date,
# above a solicitation of 2024-12-10
LR=content/hudong/letter/2024-0089-rongque.md
sed -i 's/^received: 2024-12-09/received: 2024-11-01/; s/^replied: 2024-12-20/replied: 2024-11-10/; s/^kind: 建议/&\ntags: [综合窗口]/' "$T/s/$LR"
"$GOVPUB" build --site "$T/s" --out "$T/out" -q 2>"$T/err"
# shown LIST: each item of the list as its shown date and title
shown() { grep -o '<li class="item">.*</li>' | sed 's/.*class="item-title"[^>]*>\([^<]*\)<.*datetime="\([^"]*\)".*/\2 \1/'; }
check_eq "letter placed by its 答复日期: the home page's 互动交流 block" \
  "$(between "$P/index.html" '<h2 class="block-title"><a href="/hudong/">' '</section>' | shown)" \
  '2024-12-10 区政务服务中心综合窗口设置意见征集
2024-11-15 区里的政务数据在哪里可以查到？
2024-11-10 建议“一件事”材料不全时也能先受理
2024-10-15 “高效办成一件事”办事体验网上调查结果
2024-09-13 开办餐饮店能不能一次办好所有手续？
2024-09-02 “高效办成一件事”办事体验网上调查'
check_eq "letter placed by its 答复日期: the 信件选登 list" "$(shown <"$P/hudong/letter/index.html")" \
  '2024-11-15 区里的政务数据在哪里可以查到？
2024-11-10 建议“一件事”材料不全时也能先受理
2024-09-13 开办餐饮店能不能一次办好所有手续？'
check_eq "letter placed by its 答复日期: a tag's page" "$(shown <"$P/tags/综合窗口/index.html")" \
  '2024-12-10 区政务服务中心综合窗口设置意见征集
2024-11-10 建议“一件事”材料不全时也能先受理'
# its column's feed and sitemap line follow the publication date, not the
# list's order: subscribers get the letter when it goes up (first, and the
# feed's <updated>), and the list's lastmod is the newest page's
check_eq "letter published late: first in its column's feed" \
  "$(grep -E '^  <updated>|<title>|<published>' "$P/hudong/letter/index.xml")" \
  '  <title>信件选登 - 云岭区人民政府</title>
  <updated>2024-12-23T09:00:00+08:00</updated>
    <title>建议“一件事”材料不全时也能先受理</title>
    <published>2024-12-23T09:00:00+08:00</published>
    <title>区里的政务数据在哪里可以查到？</title>
    <published>2024-11-18T09:00:00+08:00</published>
    <title>开办餐饮店能不能一次办好所有手续？</title>
    <published>2024-09-14T09:00:00+08:00</published>'
check_eq "letter published late: its list's lastmod in the sitemap" \
  "$(grep -o '<url><loc>[^<]*/hudong/letter/</loc><lastmod>[^<]*' "$P/sitemap.xml")" \
  '<url><loc>https://www.ylq.gov.cn/hudong/letter/</loc><lastmod>2024-12-23'
(cd "$ROOT" && cp "$LR" "$T/s/$LR")
check_eq "letters: the summary on the 互动交流 page, newest year first" \
  "$(between "$P/hudong/index.html" '<section class="letters"' '</section>' | grep -v '^$')" \
  '<section class="letters" aria-labelledby="letters-title">
<h2 class="letters-title" id="letters-title">群众来信办理情况</h2>
<div class="table-wrap" role="region" tabindex="0" aria-labelledby="letters-title">
<table class="letters-table">
<thead><tr><th scope="col">年度</th><th scope="col">收到（件）</th><th scope="col">办结（件）</th><th scope="col">办结率</th></tr></thead>
<tbody>
<tr><th scope="row">2024年</th><td>92</td><td>92</td><td>100%</td></tr>
<tr><th scope="row">2023年</th><td>78</td><td>76</td><td>97.4%</td></tr>
</tbody>
</table>
</div>
<p class="letters-channels">2024年来信渠道：网站信箱 57 件；书面来信 21 件；上级转办 14 件</p>
<p class="letters-channels">2023年来信渠道：网站信箱 45 件；书面来信 20 件；上级转办 13 件</p>
</section>'
# the letters listed as not answered yet: their number under the table
printf 'pending:\n  - received: 2023-12-28\n' >> "$T/s/data/letters/2023.yaml"
"$GOVPUB" build --site "$T/s" --out "$T/out" -q 2>"$T/err"
check_eq "letters: 待答复, the pending letters of a year" "$(grep 'letters-pending' "$P/hudong/index.html")" \
  '<p class="letters-pending">2023年来信待答复：1 件</p>'
(cd "$ROOT" && cp data/letters/2023.yaml "$T/s/data/letters/2023.yaml")
"$GOVPUB" build --site "$T/s" --out "$T/out" -q 2>"$T/err"
check_eq "letters: none pending, no line" "$(grep -c 'letters-pending' "$P/hudong/index.html")" 0
check_eq "letters: only on the letters column" "$(grep -l 'class="letters"' -r "$P" | sed "s#$P/##")" "hudong/index.html"
check_eq "parent column: no 本栏目暂无信息 above its sub-columns" "$(grep -c 'class="empty"' "$P/hudong/index.html")" 0

# 办结率: one decimal, rounded half up, never 100% with a letter open
printf 'received: 10000\nhandled: 9996\n' > "$T/s/data/letters/2022.yaml"
printf 'received: 3\nhandled: 2\n' > "$T/s/data/letters/2021.yaml"
printf 'received: 0\nhandled: 0\n' > "$T/s/data/letters/2020.yaml"
"$GOVPUB" build --site "$T/s" --out "$T/out" -q 2>"$T/err"
check_eq "letters: computed rates" "$(grep -o '<tr><th scope="row">20[0-9]*年.*</tr>' "$P/hudong/index.html" | sed 's/<[^>]*>/ /g; s/  */ /g')" \
  ' 2024年 92 92 100% 
 2023年 78 76 97.4% 
 2022年 10000 9996 99.9% 
 2021年 3 2 66.7% 
 2020年 0 0 — '
rm "$T/s/data/letters/2022.yaml" "$T/s/data/letters/2021.yaml" "$T/s/data/letters/2020.yaml"

# ---- bad input: exact diagnostics, exit 1, the preview stays ----------------
S=content/hudong/survey/2024-1-portal-satisfaction.md
cp "$T/s/$S" "$T/survey.md"
sed -i 's#^result: .*#result: ../result/2024-survey-1-missing.md#' "$T/s/$S"
expect "result naming no page" <<'E'
content/hudong/survey/2024-1-portal-satisfaction.md:8:9: error: "result" "../result/2024-survey-1-missing.md" names no page
  hint: give the 反馈结果 page's file (../result/x.md) or its URL (/hudong/result/x/); publish the result page first
govpub: build failed: 1 error; OUT/preview is unchanged
E
cp "$T/survey.md" "$T/s/$S"

cp "$T/s/data/letters/2024.yaml" "$T/letters.yaml"
sed -i 's/^received: 92/received: 九十二/; s/^  网站信箱: 57/  网站信箱: 五十七/' "$T/s/data/letters/2024.yaml"
printf 'received: 78\nhandled: 79\nsent: 1\n' > "$T/s/data/letters/2023.yaml"
printf 'received: 1\n' > "$T/s/data/letters/2019.yml"
expect "letters: not a number, handled > received, unknown key, bad name" <<'E'
data/letters/2019.yml:1:1: error: not a letters file (<year>.yaml)
  hint: name each file after its year, e.g. data/letters/2024.yaml
data/letters/2023.yaml:2:10: error: "handled" 79 is more than "received" 78
  hint: 办结 cannot exceed 收到: check both figures
data/letters/2023.yaml:3:1: error: unknown key "sent"
  hint: a letters file has received, handled, by_channel and pending
data/letters/2024.yaml:2:11: error: "received" must be a whole number, not "九十二"
  hint: write the number of letters in digits, e.g. 92
data/letters/2024.yaml:5:9: error: "by_channel" 网站信箱 must be a whole number, not "五十七"
  hint: write the number of letters in digits, e.g. 92
govpub: build failed: 5 errors; OUT/preview is unchanged
E
cp "$T/letters.yaml" "$T/s/data/letters/2024.yaml"
rm "$T/s/data/letters/2019.yml"
(cd "$ROOT" && cp data/letters/2023.yaml "$T/s/data/letters/2023.yaml")
sed -i 's/^  书面来信: 21/  书面来信: 20/' "$T/s/data/letters/2024.yaml"
expect "letters: channels that do not add up" <<'E'
data/letters/2024.yaml:5:3: error: "by_channel" adds up to 91, but "received" is 92
  hint: the channels are the received letters split by where they came in: check the figures
govpub: build failed: 1 error; OUT/preview is unchanged
E
cp "$T/letters.yaml" "$T/s/data/letters/2024.yaml"

# a leading zero is a typo (or octal to some readers): an error with the
# figure as it is read, never read as 92 in silence; the figure 0 itself is fine
sed -i 's/^received: 92/received: 092/; s/^handled: 92/handled: 00/; s/^  网站信箱: 57/  网站信箱: "057"/' "$T/s/data/letters/2024.yaml"
expect "letters: leading zeros" <<'E'
data/letters/2024.yaml:2:11: error: "received" must not have leading zeros: "092"
  hint: write 92
data/letters/2024.yaml:3:10: error: "handled" must not have leading zeros: "00"
  hint: write 0
data/letters/2024.yaml:5:9: error: "by_channel" 网站信箱 must not have leading zeros: "057"
  hint: write 57
govpub: build failed: 3 errors; OUT/preview is unchanged
E
cp "$T/letters.yaml" "$T/s/data/letters/2024.yaml"
cp "$T/s/data/letters/2023.yaml" "$T/letters2023.yaml"
printf 'received: 0\nhandled: 0\nby_channel: {网站信箱: 0}\n' > "$T/s/data/letters/2023.yaml"
"$GOVPUB" build --site "$T/s" --out "$T/zero" -q
check_eq "letters: the figure 0 builds" "$?" 0
cp "$T/letters2023.yaml" "$T/s/data/letters/2023.yaml"

# pending: the letters not answered yet — each a map with a real date of
# its file's year, no more of them than received − handled (2024: none
# open, 2023: two)
cat >> "$T/s/data/letters/2024.yaml" <<'Y'
pending:
  - received: 2024-09-31
    no: XX2024-0090
  - received: 2023-12-30
    subject: 关于延长政务服务大厅周末开放时间的建议
Y
cat >> "$T/s/data/letters/2023.yaml" <<'Y'
pending:
  - no: [XX2023-0077]
    reply: 2024-01-05
  - 2023-12-30
Y
expect "letters: pending letters without a real date, of another year, too many" <<'E'
data/letters/2023.yaml:9:5: error: "pending" letter without "received"
  hint: add `received: 2024-09-02`, the day the letter came in
data/letters/2023.yaml:9:9: error: "pending" letter's "no" must be text, not a list
  hint: write it on one line, e.g. `no: 2024-0091` or `subject: 关于…的建议`
data/letters/2023.yaml:10:5: error: "pending" letter with unknown key "reply"
  hint: a pending letter has received (the day it came in), no and subject
data/letters/2023.yaml:11:5: error: "pending" letters must be maps, not a single value
  hint: write one letter per item: `  - received: 2024-09-02`
data/letters/2024.yaml:8:1: error: "pending" lists 2 letters, more than the 0 not handled (received 92 − handled 92)
  hint: a pending letter is one of the letters not handled (received − handled): check the figures, and take the letters answered out of `pending:`
data/letters/2024.yaml:9:15: error: "received" is not a valid date: "2024-09-31"
  hint: 2024-09 has 30 days (write the day it came in as YYYY-MM-DD, e.g. received: 2024-09-02)
data/letters/2024.yaml:11:15: error: "received" 2023-12-30 is not in 2024
  hint: a letter is one of the letters of the year it came in: list it under `pending:` of data/letters/2023.yaml
govpub: build failed: 7 errors; OUT/preview is unchanged
E
cp "$T/letters.yaml" "$T/s/data/letters/2024.yaml"
(cd "$ROOT" && cp data/letters/2023.yaml "$T/s/data/letters/2023.yaml")
printf 'pending: 3\n' >> "$T/s/data/letters/2023.yaml"
expect "letters: pending that is not a list" <<'E'
data/letters/2023.yaml:8:10: error: "pending" must be a list of letters
  hint: write one item per letter not answered yet: `  - received: 2024-09-02`
govpub: build failed: 1 error; OUT/preview is unchanged
E
(cd "$ROOT" && cp data/letters/2023.yaml "$T/s/data/letters/2023.yaml")

# 信件选登: a letter answered before it came in, of an unknown kind,
# without its `## 答复`; with two; with nothing after it
LT=content/hudong/letter/2024-0083-data-open.md
cp "$T/s/$LT" "$T/letter.md"
sed -i 's/^## 答复$/## 回复/; s/^replied: 2024-11-15/replied: 2024-11-01/; s/^kind: 咨询/kind: 意见/' "$T/s/$LT"
expect "letter: replied before received, unknown kind, no reply" <<'E'
content/hudong/letter/2024-0083-data-open.md:5:7: error: "kind" has an unknown value "意见"
  hint: use one of: 咨询, 建议, 投诉, 求助, 举报, 其他
content/hudong/letter/2024-0083-data-open.md:7:10: error: "replied" 2024-11-01 is before "received" 2024-11-04
  hint: `received:` is the day the letter came in, `replied:` the day it was answered: correct one of them
content/hudong/letter/2024-0083-data-open.md:7:10: error: letter without a reply: no "## 答复" heading in the body
  hint: write the reply below the letter, after a line "## 答复" (docs/editors.md, 信件选登)
govpub: build failed: 3 errors; OUT/preview is unchanged
E
cp "$T/letter.md" "$T/s/$LT"
printf '\n## 答复\n\n补充答复。\n' >> "$T/s/$LT"
expect "letter: two replies" <<'E'
content/hudong/letter/2024-0083-data-open.md:23:1: error: a second "## 答复" heading (the reply starts at line 13)
  hint: a letter has one reply: merge the two, or make this heading a ### one
govpub: build failed: 1 error; OUT/preview is unchanged
E
cp "$T/letter.md" "$T/s/$LT"
sed -i '/^## 答复$/,$d' "$T/s/$LT"
printf '## 答复\n' >> "$T/s/$LT"
expect "letter: an empty reply" <<'E'
content/hudong/letter/2024-0083-data-open.md:13:1: error: the reply after "## 答复" is empty
  hint: write the reply (答复内容) below the "## 答复" line
govpub: build failed: 1 error; OUT/preview is unchanged
E
sed -i '/^我在做/d' "$T/s/$LT"
printf '\n答复。\n' >> "$T/s/$LT"
expect "letter: no letter before the reply" <<'E'
content/hudong/letter/2024-0083-data-open.md:12:1: error: no letter before "## 答复"
  hint: write the letter (来信内容) above the "## 答复" line
govpub: build failed: 1 error; OUT/preview is unchanged
E
# a bare `replied:` (as govpub new writes it) is the missing field, one cause
cp "$T/letter.md" "$T/s/$LT"
sed -i 's/^replied: 2024-11-15/replied:/; s/^## 答复$/## 回复/' "$T/s/$LT"
expect "letter: replied: left empty" <<'E'
content/hudong/letter/2024-0083-data-open.md:7:9: error: missing required field "replied"
  hint: fill in `replied:` (required for type letter, a date: YYYY-MM-DD)
govpub: build failed: 1 error; OUT/preview is unchanged
E
# a `## 答复` in a quote is no reply heading: the letter's own text
cp "$T/letter.md" "$T/s/$LT"
sed -i 's/^## 答复$/> ## 答复/' "$T/s/$LT"
expect "letter: a quoted heading is not the reply" <<'E'
content/hudong/letter/2024-0083-data-open.md:7:10: error: letter without a reply: no "## 答复" heading in the body
  hint: write the reply below the letter, after a line "## 答复" (docs/editors.md, 信件选登)
govpub: build failed: 1 error; OUT/preview is unchanged
E
cp "$T/letter.md" "$T/s/$LT"

S2=content/hudong/survey/2024-2-one-thing-experience.md
cp "$T/s/$S2" "$T/survey2.md"
sed -i 's/^issue: 2024年第2期/issue: 2024年第1期/' "$T/s/$S2"
expect "duplicate 期数 names both positions" <<'E'
content/hudong/survey/2024-2-one-thing-experience.md:4:8: error: duplicate issue "2024年第1期" of type survey in 2024 (also content/hudong/survey/2024-1-portal-satisfaction.md:4:8)
  hint: give each survey of a year its own 期数 (the next free number)
govpub: build failed: 1 error; OUT/preview is unchanged
E
# the same 期数 in another type, or in another year, is no duplicate
sed -i 's/^issue: 2024年第1期/issue: 2023年第1期/' "$T/s/$S2"
"$GOVPUB" build --site "$T/s" --out "$T/out" -q 2>"$T/err"
check_eq "same number, other year: builds" "$?" 0
cp "$T/survey2.md" "$T/s/$S2"

sed -i 's/^end: 2024-09-30/end: 2024-08-30/' "$T/s/$S2"
expect "end before the date it opens" <<'E'
content/hudong/survey/2024-2-one-thing-experience.md:6:6: error: "end" 2024-08-30 is before the page's date 2024-09-02
  hint: `date:` is the day it opens, `end:` the day it closes: correct one of them
govpub: build failed: 1 error; OUT/preview is unchanged
E
cp "$T/survey2.md" "$T/s/$S2"

sed -i 's/^status: 已结束/status: 进行中/' "$T/s/$S2"
sed -i 's/^status: 进行中/status: 已截止/' "$T/s/content/hudong/solicitation/2024-3-zongchuang.md"
expect "status outside its enum" <<'E'
content/hudong/solicitation/2024-3-zongchuang.md:5:9: error: "status" has an unknown value "已截止"
  hint: use one of: 进行中, 已结束
govpub: build failed: 1 error; OUT/preview is unchanged
E
sed -i 's/^status: 已截止/status: 进行中/' "$T/s/content/hudong/solicitation/2024-3-zongchuang.md"

# ---- the letters figures are reviewed with the page that shows them ------------
check_eq "letters files are inputs of the 互动交流 page" \
  "$("$GOVPUB" build --site "$T/s" --out "$T/out" -q --inputs | grep 'data/letters')" \
  "$(printf 'content/hudong/_index.md\tdata/letters/2023.yaml\ncontent/hudong/_index.md\tdata/letters/2024.yaml')"
"$GOVPUB" build --site "$T/s" --out "$T/pub" --publish --trust "$TRUST" -q 2>"$T/err"
check_eq "publishing build: signed figures go out" "$?/$(grep -c '<td>97.4%</td>' "$T/pub/current/hudong/index.html")" "0/1"
cp "$T/s/data/letters/2024.yaml" "$T/letters.yaml"
sed -i 's/^received: 92/received: 93/; s/^  网站信箱: 57/  网站信箱: 58/' "$T/s/data/letters/2024.yaml"
"$GOVPUB" build --site "$T/s" --out "$T/pub" --publish --trust "$TRUST" -q 2>"$T/err"
check_eq "publishing build: a changed figure stops it" "$?" 1
day=$(sed -n 's/^ *time: \([0-9-]\{10\}\)T.*/\1/p' "$T/s/reviews/hudong/_index.md.yaml" | tail -n 1)
check_file_has "the page is withheld, naming the file and the round's last sign-off" "$T/err" \
  "content/hudong/_index.md:1:1: warning: withheld from publishing: stale: changed since 终审 (wang.qiang, $day): data/letters/2024.yaml"
check_file_has "and its column, left without a page, stops the build" "$T/err" \
  'content/hudong/_index.md:1:1: error: column "hudong" would have no page: its _index.md is withheld from publishing'
check_eq "the published figures stay" "$(grep -c '<td>92</td><td>92</td>' "$T/pub/current/hudong/index.html")" 1
cp "$T/letters.yaml" "$T/s/data/letters/2024.yaml"

# ---- govpub check: rule `result` ------------------------------------------------
# an ended survey without result:, and one still 进行中 108 days after its
# end: day (more than check.result_days, 30: an error, as ended without a
# result); the annual report that counted its result is stale too (rule report)
sed -i '/^result:/d' "$T/s/$S"
cd "$T"
run() { "$GOVPUB" check "$@" >"$T/got" 2>"$T/got.err"; rc=$?; }
run --site s
check_eq "check: exit 1" "$rc" 1
check_eq "check: the result findings" "$(cat "$T/got")" \
's/content/hudong/survey/2024-1-portal-satisfaction.md:5:9: error: [互动交流] 网上调查 "云岭区人民政府门户网站用户满意度网上调查" has ended (已结束) but publishes no result (反馈结果)
  hint: publish the 反馈结果 page and name it in `result:` (e.g. result: ../result/x.md)
s/content/hudong/survey/2024-2-one-thing-experience.md:5:9: error: [互动交流] 网上调查 "“高效办成一件事”办事体验网上调查" ended on 2024-09-30 (108 days before 2025-01-16) but is still 进行中, with no result (反馈结果)
  hint: set `status: 已结束` and publish its result (反馈结果), or correct `end:`: still 进行中 more than 30 days after its end counts as ended without a result (check.result_days)
s/content/report/2024.md:39:59: error: [年度报表] annual report figure "interact.survey_results" (网上调查公布结果期数) is 2 but the content gives 0
  hint: regenerate it (govpub report --year 2024) and have it reviewed again

政府网站检查 (国办秘函〔2019〕19号) as of 2025-01-16 (check.as_of)
  互动交流: 2 errors, 0 warnings
  年度报表: 1 error, 0 warnings
  stale columns: 0, empty columns: 0
verdict: 不合格 (3 errors, 0 warnings)'
# within check.result_days of its end: day, a stale status is a warning only
sed -i 's/^  as_of: 2025-01-16$/&\n  result_days: 120/' "$T/s/site.yaml"
run --site s
check_eq "check: still 进行中 within check.result_days: a warning" "$(grep -A1 'one-thing-experience' "$T/got")" \
's/content/hudong/survey/2024-2-one-thing-experience.md:5:9: warning: [互动交流] 网上调查 "“高效办成一件事”办事体验网上调查" ended on 2024-09-30 but is still 进行中
  hint: set `status: 已结束` and publish its result (反馈结果), or correct `end:`'
sed -i '/^  result_days: 120$/d' "$T/s/site.yaml"
run --site s --format json
check_eq "check json: rule result" "$(python3 - "$T/got" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(r["verdict"], r["errors"], r["warnings"], r["rules"]["result"])
for i in r["items"]:
    print(i["rule"], i["level"], i["category"], i["path"], i["line"], i["column"])
PY
)" "不合格 3 0 2
result error 互动交流 s/content/hudong/survey/2024-1-portal-satisfaction.md 5 9
result error 互动交流 s/content/hudong/survey/2024-2-one-thing-experience.md 5 9
report error 年度报表 s/content/report/2024.md 39 59"
run --site s --format sarif
check_eq "check sarif: rule result" "$(python3 - "$T/got" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
rules = run["tool"]["driver"]["rules"]
for x in run["results"]:
    loc = x["locations"][0]["physicalLocation"]
    print(rules[x["ruleIndex"]]["id"], x["ruleId"], x["level"], loc["artifactLocation"]["uri"], loc["region"]["startLine"])
PY
)" "result result error s/content/hudong/survey/2024-1-portal-satisfaction.md 5
result result error s/content/hudong/survey/2024-2-one-thing-experience.md 5
report report error s/content/report/2024.md 39"
# a published letter answered more than check.reply_days after it came
# in: a warning of rule reply (answered, so no 单项否决), with the days;
# exactly check.reply_days later: nothing
sed -i 's/^received: 2024-11-04/received: 2024-08-01/' "s/$LT"
run --site s
check_eq "check: a letter answered late, a warning" "$(grep -A1 'data-open' "$T/got")" \
's/content/hudong/letter/2024-0083-data-open.md:7:10: warning: [互动回应差] letter "区里的政务数据在哪里可以查到？" was answered 106 days after it came in (received 2024-08-01, replied 2024-11-15), more than 90 (check.reply_days)
  hint: answered late, so no 单项否决 (that is for a letter still unanswered): answer letters within 90 days of coming in; correct `received:` or `replied:` if one is wrong'
check_eq "check: the late letter vetoes nothing" "$(grep -c '单项否决' "$T/got" | tr -d '\n'; grep '互动回应差:' "$T/got")" \
  '1  互动回应差: 0 errors, 1 warning'
sed -i 's/^received: 2024-08-01/received: 2024-08-17/' "s/$LT"
run --site s
check_eq "check: answered on the 90th day, nothing said" "$(grep -c 'data-open' "$T/got")" 0
cp "$T/letter.md" "s/$LT"
# a bad letters figure is filed under the rule `letters`
sed -i 's/^handled: 76/handled: 七十六/' "$T/s/data/letters/2023.yaml"
run --site s --format json
check_eq "check: letters figure under rule letters" "$(python3 - "$T/got" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for i in r["items"]:
    if i["rule"] == "letters":
        print(i["level"], i["category"], i["path"], i["line"], i["column"], i["message"])
PY
)" 'error 互动交流 s/data/letters/2023.yaml 3 10 "handled" must be a whole number, not "七十六"'
cd "$ROOT"

#!/bin/sh
# govpub init: a new site in an empty folder (docs/operators.md, "Starting a
# site"): the files written, byte-identical from the same arguments; a
# preview builds at once and warns of the footer left to fill in; govpub
# check names exactly that, and what a first page settles; a publish
# refuses the site; a non-empty folder or a file is refused untouched.
. "$(dirname "$0")/lib.sh"
export GOVPUB_DATADIR="$ROOT" # the checkout's theme and rule packs, wherever govpub was built
# gp ARGS...: govpub in $T; stdout → $T/out, stderr → $T/err, status → $rc.
gp() {
  (cd "$T" && "$GOVPUB" "$@") > "$T/out" 2> "$T/err"
  rc=$?
}

gp init --title 某县统计局 --base-url https://www.mouxian.gov.cn/tjj/ tjj
check_eq "init: exit 0, nothing on stderr" "$rc/$(cat "$T/err")" "0/"
same "init: what it wrote, what is left" "$T/out" <<'X'
wrote tjj: site.yaml, content/ (the columns news, xxgk and xxgk/policy), words/ (the rule packs wording and privacy), reviewers.yaml, .gitignore
fill in: the footer in site.yaml (govpub check names each value); the reviewers in reviewers.yaml
X
check_eq "init: the files" "$(cd "$T/tjj" && find . -type f | LC_ALL=C sort | tr '\n' ' ')" \
  "./.gitignore ./content/_index.md ./content/news/_index.md ./content/xxgk/_index.md ./content/xxgk/policy/_index.md ./reviewers.yaml ./site.yaml ./words/privacy/personal-data.yaml ./words/wording/hk-macao-taiwan.yaml ./words/wording/institutions.yaml ./words/wording/typos.yaml "
check_eq "init: the rule packs as installed" "$(diff -r "$ROOT/words/wording" "$T/tjj/words/wording" && diff -r "$ROOT/words/privacy" "$T/tjj/words/privacy" && echo same)" same
check_eq "init: out/ kept out of git" "$(cat "$T/tjj/.gitignore")" "out/"
check_file_has "init: the title given" "$T/tjj/site.yaml" 'title: "某县统计局"'
same "init: a column's _index.md with its meta data" "$T/tjj/content/news/_index.md" <<'X'
---
title: 工作动态
description: 本单位的工作动态。
keywords: [工作动态]
---
X
gp init --title 某县统计局 --base-url https://www.mouxian.gov.cn/tjj/ again
check_eq "init: same arguments, same bytes" "$(diff -r "$T/tjj" "$T/again" && echo same)" same

footer_left() { # the seven footer lines a site started by init has, as $1 (warning or error), with the prefix $2
  for k in "11:11 sponsor 主办单位" "12:11 contact 联系方式" "13:13 site_code 网站标识码" "14:7 icp ICP备案号" \
           "15:7 psb 公安备案号" "16:12 dzjg_img 党政机关网站标识" "17:18 correction_url 我要纠错"; do
    set -- "$1" "$2" $k
    printf '%ssite.yaml:%s: %s: %sfooter.%s (%s) is missing\n' "$2" "$3" "$1" "${6:-}" "$4" "$5"
    printf "  hint: every page's footer must show it (政府网站检查指标); fill in footer.%s" "$4" # the key is there, empty
    # 我要纠错: the platform's page for the site, which the 网站标识码 (not filled in either) names
    [ "$4" = correction_url ] && printf "; it is the 我要纠错 platform's page for the site, %s" \
      "https://zfwzzc.www.gov.cn/check_web/errorInfo/jcInfoNew?sitecode= followed by its 网站标识码 (footer.site_code)"
    echo
    set -- "$1" "$2"
  done
}
# 我要纠错: left empty, with the form of its address (the site's 网站标识码 at its end)
sed -n 17,18p "$T/tjj/site.yaml" > "$T/lines"
same "init: correction_url left to fill in, and what it takes" "$T/lines" <<'X'
  correction_url:     # 我要纠错: the platform's page for the site, its 网站标识码 at the end:
                      # https://zfwzzc.www.gov.cn/check_web/errorInfo/jcInfoNew?sitecode=5301230001
X
gp build --site tjj -q
check_eq "build at once: exit 0" "$rc" 0
check_eq "build: warns of each footer value left to fill in" "$(cat "$T/err")" "$(footer_left warning tjj/)"
check_file_has "build: the home page" "$T/tjj/out/preview/index.html" '某县统计局'
# the footer shows what is set: no badge without its picture, no empty
# label, no year before the first dated article
sed -n '/<footer/,/<\/footer>/p' "$T/tjj/out/preview/index.html" | grep -v '^$' > "$T/footer"
same "build: the footer shows only what is set" "$T/footer" <<'X'
<footer class="site-footer">
<div class="wrap footer-inner">
<div class="footer-info">
<p class="footer-ids">
</p>
<p class="footer-links"><a href="/tjj/index.xml" title="RSS 订阅（Atom 格式）：用阅读器接收本站更新">订阅</a></p>
<p class="footer-copy">© 版权所有</p>
</div>
</div>
</footer>
X

gp check --site tjj --today 2026-01-05
check_eq "check: exit 1" "$rc" 1
same "check: names exactly what is left, site.yaml's first" "$T/out" <<X
$(footer_left error tjj/ | sed 's/: error: /: error: [网站标识] /')
tjj/content/_index.md:1:1: error: [首页更新] the home page has no item at all
  hint: publish a new item (the inspection monitors the home page for two weeks: 单项否决)
tjj/content/news/_index.md:1:1: warning: [栏目更新] column "news" (动态) is empty (空白栏目)
  hint: publish its first item, or remove the column from the site (5 empty columns fail the inspection)
tjj/content/xxgk/_index.md:1:1: warning: [栏目更新] column "xxgk" (政策文件) is empty (空白栏目)
  hint: publish its first item, or remove the column from the site (5 empty columns fail the inspection)
tjj/content/xxgk/policy/_index.md:1:1: warning: [栏目更新] column "xxgk/policy" (政策文件) is empty (空白栏目)
  hint: publish its first item, or remove the column from the site (5 empty columns fail the inspection)

政府网站检查 (国办秘函〔2019〕19号) as of 2026-01-05 (--today)
  首页更新: 1 error, 0 warnings
  栏目更新: 0 errors, 3 warnings
  网站标识: 7 errors, 0 warnings
  stale columns: 0, empty columns: 3
  单项否决: 首页不更新: no new item on the home page for more than 14 days
verdict: 不合格 (8 errors, 3 warnings, 单项否决)
X

gp publish --site tjj --out "$T/srv" --trust /dev/null -q
check_eq "publish: refused (exit 1), nothing served" "$rc/$(test -e "$T/srv/current" && echo served)" "1/"
check_eq "publish: the footer values named as errors" "$(grep -c ': error: footer\.' "$T/err")" 7

# the footer filled in, a first page: check passes
sed -i -e 's/^  sponsor: .*/  sponsor: 某县人民政府办公室/' -e 's/^  contact: .*/  contact: 电话：0000-12345678/' \
  -e 's/^  site_code: .*/  site_code: "5301230001"/' -e 's/^  icp: .*/  icp: 滇ICP备12345678号/' \
  -e 's/^  psb: .*/  psb: 滇公网安备 53012302000123号/' -e 's#^  dzjg_img: .*#  dzjg_img: images/dzjg.svg#' "$T/tjj/site.yaml"
mkdir -p "$T/tjj/static/images" && cp "$ROOT/tests/bench/static/images/dzjg.svg" "$T/tjj/static/images/" # the badge it names
gp new --site tjj --title 某县统计局召开统计工作会议 --date 2026-01-05 news/meeting.md
sed -i '/^draft: true$/d' "$T/tjj/content/news/meeting.md"
# 我要纠错 still empty, the 网站标识码 filled in: the hint gives the address to write
gp check --site tjj --today 2026-01-05
grep -A1 '^tjj/site.yaml' "$T/out" > "$T/lines"
same "filled in but 我要纠错: its address, with the site's 网站标识码" "$T/lines" <<'X'
tjj/site.yaml:17:18: error: [网站标识] footer.correction_url (我要纠错) is missing
  hint: every page's footer must show it (政府网站检查指标); fill in footer.correction_url; it is the 我要纠错 platform's page for the site, https://zfwzzc.www.gov.cn/check_web/errorInfo/jcInfoNew?sitecode=5301230001
X
# the platform's address alone (what init wrote before): it reaches no site's page
sed -i 's#^  correction_url: .*#  correction_url: https://zfwzzc.www.gov.cn/#' "$T/tjj/site.yaml"
gp check --site tjj --today 2026-01-05
grep -A1 '^tjj/site.yaml' "$T/out" > "$T/lines"
same "我要纠错, the platform without the site's 网站标识码: said, with the address to write" "$T/lines" <<'X'
tjj/site.yaml:17:19: error: [网站标识] footer.correction_url "https://zfwzzc.www.gov.cn/" is the 我要纠错 platform's address without the site's 网站标识码 "5301230001"
  hint: write the 我要纠错 platform's page for the site, https://zfwzzc.www.gov.cn/check_web/errorInfo/jcInfoNew?sitecode=5301230001
X
check_eq "我要纠错 without the 网站标识码: check fails" "$rc/$(tail -1 "$T/out")" "1/verdict: 不合格 (1 error, 2 warnings)"
gp build --site tjj -q
check_eq "我要纠错 without the 网站标识码: a preview warns" "$rc/$(head -n 1 "$T/err")" \
  "0/tjj/site.yaml:17:19: warning: footer.correction_url \"https://zfwzzc.www.gov.cn/\" is the 我要纠错 platform's address without the site's 网站标识码 \"5301230001\""
# another site's page there: the same
sed -i 's#^  correction_url: .*#  correction_url: https://zfwzzc.www.gov.cn/check_web/errorInfo/jcInfoNew?sitecode=5301230002#' "$T/tjj/site.yaml"
gp check --site tjj --today 2026-01-05
check_eq "我要纠错, another site's 网站标识码: refused" "$rc/$(grep '^tjj/site.yaml' "$T/out")" \
  "1/tjj/site.yaml:17:19: error: [网站标识] footer.correction_url \"https://zfwzzc.www.gov.cn/check_web/errorInfo/jcInfoNew?sitecode=5301230002\" is the 我要纠错 platform's address without the site's 网站标识码 \"5301230001\""
sed -i 's#^  correction_url: .*#  correction_url: https://zfwzzc.www.gov.cn/check_web/errorInfo/jcInfoNew?sitecode=5301230001#' "$T/tjj/site.yaml"
gp check --site tjj --today 2026-01-05
check_eq "filled in, a page: only the empty columns are left (the model: the preview is not checked)" "$rc/$(tail -1 "$T/out")" \
  "0/verdict: 合格（仅检查内容模型，未检查生成的页面：govpub check --site tjj --output tjj/out/preview） (0 errors, 2 warnings)"

# refused: a folder not empty, a file; nothing written
mkdir "$T/busy" && echo keep > "$T/busy/notes.txt"
gp init busy
check_eq "not empty: exit 1, untouched" "$rc/$(ls "$T/busy")" "1/notes.txt"
same "not empty: said" "$T/err" <<'X'
busy: error: the folder is not empty
  hint: give a new folder or an empty one: govpub init never writes over files (what a site needs: docs/operators.md, "Starting a site")
X
gp init busy/notes.txt
check_eq "a file: exit 1" "$rc/$(cat "$T/err")" "1/busy/notes.txt: error: not a folder
  hint: give a new folder's path, or an empty folder's"
mkdir "$T/empty"
gp init empty
check_eq "an empty folder: taken" "$rc/$(test -f "$T/empty/site.yaml" && echo written)" "0/written"
gp init --base-url www.x.cn x
check_eq "--base-url not http(s): usage" "$rc/$(head -1 "$T/err")" '2/govpub: error: invalid --base-url "www.x.cn"'
gp init --help
check_eq "--help" "$rc/$(head -1 "$T/out")" "0/usage: govpub init [--title TITLE] [--base-url URL] DIR"

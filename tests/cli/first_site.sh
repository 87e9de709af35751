#!/bin/sh
# A new site from scratch, as docs/operators.md "Starting a site" says, with
# the site.yaml that section shows: each step's exact diagnostics (no
# site.yaml; no content/ — once a crash —; a column without _index.md; one
# without description and keywords, which govpub check names before a
# publish would fail on the meta tags; no words/), then three reviewers'
# keys made with ssh-keygen, every document and the site signed, and the
# first publish, outside the site folder.
. "$(dirname "$0")/lib.sh"
export GOVPUB_DATADIR="$ROOT" # the checkout's theme and rule packs, wherever govpub was built
S=$T/bureau
mkdir "$S"
# gp ARGS...: govpub in the site folder; stdout → $T/out, stderr → $T/err, status → $rc.
gp() {
  (cd "$S" && "$GOVPUB" "$@") > "$T/out" 2> "$T/err"
  rc=$?
}

gp build -q
check_eq "no site.yaml: exit 1" "$rc" 1
same "no site.yaml: where a new site starts" "$T/err" <<'X'
site.yaml: error: cannot read site configuration: No such file or directory
  hint: run govpub in a site folder or pass --site DIR; a new site starts with its site.yaml (docs/operators.md, "Starting a site")
govpub: build failed: 1 error; out/preview is unchanged
X

# the first ```yaml block of the section, as written there
awk '/^## Starting a site/ { s = 1 } s && /^   ```yaml/ { y = 1; next } y && /^   ```/ { exit }
     y { sub(/^   /, ""); print }' "$ROOT/docs/operators.md" > "$S/site.yaml"
check_file_has "the docs' site.yaml" "$S/site.yaml" "base_url: https://www.mouxian.gov.cn/tjj/"
gp build -q
check_eq "no content/: exit 1, not a crash" "$rc" 1
same "no content/: said; no static/: the badge site.yaml names, a warning" "$T/err" <<'X'
content: error: no content folder
  hint: put the site's Markdown files under content/
site.yaml:13:13: warning: footer.dzjg_img "images/dzjg.png" (the 党政机关网站标识 image) is not a static file of the site: a publish is refused until it is
  hint: put the file at static/images/dzjg.png (a static folder serves its files under their path there)
govpub: build failed: 1 error; out/preview is unchanged
X

mkdir -p "$S/content/news" "$S/content/xxgk/policy"
gp build -q
check_eq "columns without _index.md: exit 1" "$rc" 1
same "columns without _index.md: what to write" "$T/err" <<'X'
content/news: error: column "news" has no _index.md
  hint: write content/news/_index.md: the lines ---, title: <the column's name>, description: <a sentence>, --- (docs/editors.md, "Columns")
content/xxgk: error: column "xxgk" has no _index.md
  hint: write content/xxgk/_index.md: the lines ---, title: <the column's name>, description: <a sentence>, --- (docs/editors.md, "Columns")
content/xxgk/policy: error: column "xxgk/policy" has no _index.md
  hint: write content/xxgk/policy/_index.md: the lines ---, title: <the column's name>, description: <a sentence>, --- (docs/editors.md, "Columns")
site.yaml:13:13: warning: footer.dzjg_img "images/dzjg.png" (the 党政机关网站标识 image) is not a static file of the site: a publish is refused until it is
  hint: put the file at static/images/dzjg.png (a static folder serves its files under their path there)
govpub: build failed: 3 errors; out/preview is unchanged
X

printf -- '---\ntitle: 统计动态\n---\n' > "$S/content/news/_index.md"
printf -- '---\ntitle: 政府信息公开\ndescription: 政府信息公开目录。\nkeywords: [信息公开]\n---\n' > "$S/content/xxgk/_index.md"
printf -- '---\ntitle: 政策文件\ndescription: 规范性文件和其他文件。\nkeywords: [政策文件]\n---\n' > "$S/content/xxgk/policy/_index.md"
gp build -q
check_eq "title-only _index.md: the preview builds" "$rc" 0
gp check
check_eq "title-only _index.md: check fails (exit 1)" "$rc" 1
check_eq "title-only _index.md: check names the badge not there yet (site.yaml's first), and the column's missing meta data at its file" "$(grep -A1 ': error: \[网站标识\]' "$T/out")" \
'site.yaml:13:13: error: [网站标识] footer.dzjg_img "images/dzjg.png" (the 党政机关网站标识 image) is not a static file of the site
  hint: put the file at static/images/dzjg.png (a static folder serves its files under their path there)
--
content/news/_index.md:2:1: error: [网站标识] column "news" has no description (ColumnDescription)
  hint: add `description: <a sentence on what 统计动态 holds>` to its front matter: the theme writes it as the ColumnDescription meta tag
content/news/_index.md:2:1: error: [网站标识] column "news" has no keywords (ColumnKeywords)
  hint: add `keywords: [统计动态, …]` to its front matter: the theme writes it as the ColumnKeywords meta tag'

# the docs' _index.md, the badge, a page of each column
awk '/^## Starting a site/ { s = 1 } s && /^   ```markdown/ { y = 1; next } y && /^   ```/ { exit }
     y { sub(/^   /, ""); print }' "$ROOT/docs/operators.md" > "$S/content/news/_index.md"
mkdir -p "$S/static/images" && python3 - "$S/static/images/dzjg.png" <<'PY' # a 1×1 PNG: the badge footer.dzjg_img names
import struct, sys, zlib
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
                              + chunk(b"IDAT", zlib.compress(b"\0\xc8\0\0")) + chunk(b"IEND", b""))
PY
gp new --title 某县统计局召开统计工作会议 news/meeting.md
check_eq "govpub new: a news page" "$rc" 0
sed -i '/^draft: true$/d' "$S/content/news/meeting.md" && echo '会议总结全年统计工作。' >> "$S/content/news/meeting.md"
gp new --title 某县统计数据发布管理办法 xxgk/policy/release.md
check_eq "govpub new: a policy document" "$rc" 0
day=$(TZ=Asia/Shanghai date +%F)
sed -i -e '/^draft: true$/d' -e "s#^index_no: .*#index_no: 11530123MB1234567X/${day%%-*}-00001#" \
  -e 's#^category: .*#category: 综合政务/统计#' -e 's#^publisher: .*#publisher: 某县统计局#' \
  -e "s#^written: .*#written: $day#" -e 's#^doc_no: .*#doc_no: 县统计发〔2025〕3号#' -e 's#^validity: .*#validity: 有效#' \
  "$S/content/xxgk/policy/release.md"
echo '为规范统计数据发布工作，制定本办法。' >> "$S/content/xxgk/policy/release.md"
gp check
check_eq "complete: check passes (on the model: the preview is checked with --output)" "$rc/$(tail -1 "$T/out")" \
  "0/verdict: 合格（仅检查内容模型，未检查生成的页面：govpub check --output out/preview） (0 errors, 0 warnings)"

# three reviewers and the roster's signer, keys made with ssh-keygen
K=$T/keys
mkdir "$K"
for k in chen.li liu.yang zhao.min security; do ssh-keygen -q -t ed25519 -N '' -C $k -f "$K/$k"; done
stage=1
echo 'reviewers:' > "$S/reviewers.yaml"
for k in chen.li liu.yang zhao.min; do
  printf '  - id: %s\n    name: %s\n    stages: [%d]\n    key: %s\n' $k $k $stage "$(cat "$K/$k.pub")" >> "$S/reviewers.yaml"
  stage=$((stage + 1))
done
gp review sign-roster --key "$K/security"
check_eq "the roster signed" "$rc" 0
# sign_all: every document not approved, 初审 to 终审
sign_all() {
  gp review status --pending --trust "$K/security.pub"
  for d in $(awk '$1 == "site" || $1 ~ /^content\// { print $1 }' "$T/out"); do
    stage=1
    for k in chen.li liu.yang zhao.min; do
      (cd "$S" && "$GOVPUB" review sign "$d" --stage $stage --key "$K/$k" > /dev/null) || fail "signing $d, stage $stage"
      stage=$((stage + 1))
    done
  done
}
sign_all
gp publish --out "$T/srv" --trust "$K/security.pub" -q
check_eq "the first publish: exit 0" "$rc" 0
same "no words/: the rule packs to copy" "$T/err" <<X
site.yaml:1:1: warning: no words/ folder: the content-safety scan did not run
  hint: copy the rule packs govpub comes with ($(cd "$ROOT" && pwd -P)/words/wording and $(cd "$ROOT" && pwd -P)/words/privacy) into words/, and add the site's own 敏感词 lists (docs/scan.md)
X
check_file_has "served under /tjj/" "$T/srv/current/news/meeting/index.html" 'href="/tjj/news/"'

mkdir "$S/words" && cp -R "$ROOT/words/wording" "$ROOT/words/privacy" "$S/words/"
sign_all # the word lists are the site's own files
gp publish --out "$T/srv" --trust "$K/security.pub" -q
check_eq "with the rule packs: published, nothing said" "$rc/$(cat "$T/err")" "0/"

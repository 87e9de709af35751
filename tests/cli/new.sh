#!/bin/sh
# govpub new: starts a page (docs/editors.md, "Starting a page").  The file
# it writes, byte for byte; the next free 索引号 of the organ and the year;
# a title YAML would misread quoted and read back as given; the build naming
# each field left empty, and passing once they are filled in; every refusal
# with its exact message, exit code and nothing written; a broken page
# elsewhere in the site neither stops it nor shows in its output.
. "$(dirname "$0")/lib.sh"
export GOVPUB_DATADIR="$ROOT"

fresh() { rm -rf "$T/s"; site_copy mini s; }
# new ARGS...: govpub new in $T; stdout → $T/said, stderr → $T/err, status → $rc
# ($T/out is where expect builds).
new() {
  (cd "$T" && "$GOVPUB" new "$@") > "$T/said" 2> "$T/err"
  rc=$?
}
listing() { (cd "$T/s" && find . | LC_ALL=C sort); }

# ---- a policy document: the type's fields, the next free 索引号 -----------------------
fresh
"$GOVPUB" build --site "$T/s" --out "$T/out" -q || fail "the fixture builds"
new --site s --title 测试区数据共享办法 --date 2024-12-01T10:00 policy/sharing.md
check_eq "policy: exit 0" "$rc" 0
check_eq "policy: nothing on stderr" "$(cat "$T/err")" ""
same "policy: what it says" "$T/said" <<'X'
wrote s/content/policy/sharing.md (column policy, type policy), a draft
index_no: 11000000MB0000000X/2024-00002, the next free one
fill in: category, publisher, written, doc_no, validity
X
same "policy: the file" "$T/s/content/policy/sharing.md" <<'X'
---
# Started by `govpub new`: fill in every empty field (the build names each one),
# write the page below the front matter, then remove draft: true.
title: 测试区数据共享办法
date: 2024-12-01T10:00:00+08:00
index_no: 11000000MB0000000X/2024-00002
category:            # to fill in
publisher:           # to fill in
written:             # a date: YYYY-MM-DD
doc_no:              # e.g. 区数据资源局〔2024〕12号
validity:            # one of: 有效, 失效, 废止
draft: true
---

X
expect "policy: the build names each empty field where it stands" <<'X'
content/policy/sharing.md:7:10: error: missing required field "category"
  hint: fill in `category:` (required for type policy)
content/policy/sharing.md:8:11: error: missing required field "publisher"
  hint: fill in `publisher:` (required for type policy)
content/policy/sharing.md:9:9: error: missing required field "written"
  hint: fill in `written:` (required for type policy, a date: YYYY-MM-DD)
content/policy/sharing.md:10:8: error: missing required field "doc_no"
  hint: fill in `doc_no:` (required for type policy, e.g. 区数据资源局〔2024〕12号)
content/policy/sharing.md:11:10: error: missing required field "validity"
  hint: fill in `validity:` (required for type policy, one of: 有效, 失效, 废止)
govpub: build failed: 5 errors; OUT/preview is unchanged
X

# the next one of 2024 counts the draft just started; 2025 starts again at 1
new --site s --date 2024-12-02 policy/sharing2.md
check_file_has "policy: a second page of the year takes the next serial" "$T/s/content/policy/sharing2.md" \
  "index_no: 11000000MB0000000X/2024-00003"
check_file_has "policy: no --title: the title is left to fill in" "$T/s/content/policy/sharing2.md" \
  "title:               # the page's title"
check_file_has "policy: a date without a time stays a date" "$T/s/content/policy/sharing2.md" "date: 2024-12-02"
new --site s --date 2025-01-03T09:00 policy/sharing2025.md
check_file_has "policy: a new year's first serial" "$T/s/content/policy/sharing2025.md" \
  "index_no: 11000000MB0000000X/2025-00001"
rm "$T/s/content/policy/sharing2.md" "$T/s/content/policy/sharing2025.md"

# filled in and undrafted, it builds and shows
sed -i 's|^category: .*|category: 综合政务/政务公开|; s|^publisher: .*|publisher: 测试区人民政府|;
        s|^written: .*|written: 2024-11-28|; s|^doc_no: .*|doc_no: 测政发〔2024〕9号|;
        s|^validity: .*|validity: 有效|; /^draft: true$/d' "$T/s/content/policy/sharing.md"
printf '第一条 为促进数据共享，制定本办法。\n' >> "$T/s/content/policy/sharing.md"
"$GOVPUB" build --site "$T/s" --out "$T/o" -q 2>"$T/err"
check_eq "policy: filled in, it builds" "$?:$(cat "$T/err")" "0:"
check_file_has "policy: filled in, its page shows its 索引号" "$T/o/preview/policy/sharing/index.html" \
  "11000000MB0000000X/2024-00002"

# ---- a news page: a title YAML would misread, the date of now -------------------------
fresh
new --site s --title '通知: 2024年#1号 "公告"' news/notice.md
check_eq "news: exit 0" "$rc" 0
same "news: what it says" "$T/said" <<'X'
wrote s/content/news/notice.md (column news, type news), a draft
fill in: nothing more: write the page
X
check_file_has "news: the title quoted" "$T/s/content/news/notice.md" 'title: "通知: 2024年#1号 \"公告\""'
check "news: the date is now, Beijing time, to the minute" \
  grep -qE '^date: 20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:00\+08:00$' "$T/s/content/news/notice.md"
"$GOVPUB" build --site "$T/s" --out "$T/o" -q 2>"$T/err"
check_eq "news: a draft of only a title builds (preview)" "$?:$(cat "$T/err")" "0:"
check_file_has "news: the title reads back as given" "$T/o/preview/news/notice/index.html" \
  '通知: 2024年#1号 &quot;公告&quot;'

# ---- a field's default as the build reads it: a bool's plain -------------------------
fresh
sed -i 's/^  news: {required: \[title, date\]}/  news: {required: [title, date, pinned]}/
        s/^fields:$/fields:\n  pinned: {format: bool, default: false}/' "$T/s/site.yaml"
sed -i 's/^date: \(.*\)/date: \1\npinned: true/' "$T/s/content/news/"[a-d].md
new --site s --title 置顶 --date 2024-12-01 news/pinned.md
check_file_has "a bool's default: written plain" "$T/s/content/news/pinned.md" "pinned: false"
sed -i '/^draft: true$/d' "$T/s/content/news/pinned.md"
"$GOVPUB" build --site "$T/s" --out "$T/o" -q 2>"$T/err"
check_eq "a bool's default: the build reads it" "$?:$(cat "$T/err")" "0:"

# ---- refusals: exact messages, nothing written ----------------------------------------
fresh
before=$(listing)
# refuse NAME CODE ARGS... (expected stderr on standard input)
refuse() {
  name=$1 code=$2
  shift 2
  new "$@"
  same "$name" "$T/err"
  check_eq "$name: exit $code" "$rc" "$code"
  check_eq "$name: nothing written" "$(listing)" "$before"
  check_eq "$name: nothing on stdout" "$(cat "$T/said")" ""
}
refuse "an existing page" 1 --site s news/a.md <<'X'
s/content/news/a.md: error: the page exists already
  hint: choose another name: govpub new never writes over a file
X
refuse "a folder that is no column" 1 --site s content/misc/x.md <<'X'
content/misc/x.md: error: "misc" is not a column of s/site.yaml
  hint: write it into a column's folder: news, policy, policy/jiedu
X
refuse "a name that is no address" 1 --site s news/会议.md <<'X'
news/会议.md: error: "会议.md" cannot be a page's file name
  hint: name the file in ASCII letters, digits, - and _, ending in .md (e.g. 2025-meeting.md): the name is the page's address
X
# what the build refuses of a file's name (docs/editors.md), govpub new
# refuses too — said escaped: a name not in UTF-8, a reordering character
refuse "a name not in UTF-8" 1 --site s "news/$(printf '\263\307').md" <<'X'
news/\xB3\xC7.md: error: "\xB3\xC7.md" cannot be a page's file name
  hint: name the file in ASCII letters, digits, - and _, ending in .md (e.g. 2025-meeting.md): the name is the page's address
X
refuse "a name with a bidi override" 1 --site s "news/ab$(printf '\342\200\256')dm.md" <<'X'
news/ab\u202Edm.md: error: "ab\u202Edm.md" cannot be a page's file name
  hint: name the file in ASCII letters, digits, - and _, ending in .md (e.g. 2025-meeting.md): the name is the page's address
X
refuse "a name with a space" 1 --site s "news/a b.md" <<'X'
news/a b.md: error: "a b.md" cannot be a page's file name
  hint: name the file in ASCII letters, digits, - and _, ending in .md (e.g. 2025-meeting.md): the name is the page's address
X
refuse "a device's name on Windows" 1 --site s news/Lpt1.md <<'X'
news/Lpt1.md: error: the file name is "Lpt1", a device's name on Windows
  hint: choose another name: the build refuses this one
X
refuse "not Markdown" 1 --site s news/x.html <<'X'
news/x.html: error: "x.html" cannot be a page's file name
  hint: name the file in ASCII letters, digits, - and _, ending in .md (e.g. 2025-meeting.md): the name is the page's address
X
refuse "a column's own page" 1 --site s news/_index.md <<'X'
news/_index.md: error: govpub new starts articles, not columns
  hint: write a column's _index.md by hand, with the column under columns: in site.yaml (docs/editors.md)
X
refuse "the name of a column's further list pages, in any case" 1 --site s policy/jiedu/Page.md <<'X'
policy/jiedu/Page.md: error: URL /policy/jiedu/Page/ is where govpub writes the further pages of the list of policy/jiedu (/policy/jiedu/page/2/, …)
  hint: choose another name (a column's page/, index.html and index.xml are govpub's)
X
refuse "out of content/" 1 --site s news/../../x.md <<'X'
news/../../x.md: error: not a path inside content/
  hint: give the page's path under content/, e.g. news/2025-meeting.md
X
refuse "an impossible date" 2 --site s --date 2025-02-29 news/x.md <<'X'
govpub: error: invalid --date "2025-02-29"
  hint: 2025-02 has 28 days (write it as 2025-01-10 or 2025-01-10T09:30)
X
refuse "a title of two lines" 2 --site s --title "$(printf '一\n二')" news/x.md <<'X'
govpub: error: invalid --title "一\x0A二"
  hint: give the title as one line of UTF-8 text without control characters
X
# a line separator (U+2028) is a line break to YAML: the file would not read back; it is
# one to the reader's terminal and editor too, so the message shows it escaped (diag_visible)
refuse "a title with a line separator" 2 --site s --title "$(printf '一\342\200\250二')" news/x.md <<'X'
govpub: error: invalid --title "一\u2028二"
  hint: give the title as one line of UTF-8 text without control characters
X
# what the build refuses in any text: a control character, bytes that are not UTF-8
refuse "a title with a control character" 2 --site s --title "$(printf '一\302\205二')" news/x.md <<'X'
govpub: error: invalid --title "一\u0085二"
  hint: give the title as one line of UTF-8 text without control characters
X
# GBK's 城市, byte by byte: a terminal not in UTF-8 mode would take such bytes for controls
refuse "a title that is not UTF-8" 2 --site s --title "$(printf '\263\307\312\320')" news/x.md <<'X'
govpub: error: invalid --title "\xB3\xC7\xCA\xD0"
  hint: give the title as one line of UTF-8 text without control characters
X
refuse "no page" 2 --site s <<'X'
govpub: error: no page given
  hint: name the page, e.g. govpub new news/2025-meeting.md
X
refuse "two pages" 2 --site s news/x.md news/y.md <<'X'
govpub: error: unexpected argument "news/y.md"
  hint: name one page at a time
X
refuse "an unknown option" 2 --site s --force news/x.md <<'X'
govpub: error: unknown or incomplete option "--force"
  hint: run `govpub new --help`
X
mkdir -p "$T/elsewhere" && ln -s "$T/elsewhere" "$T/s/content/policy/jiedu2"
printf '  policy/jiedu2: {class: 政策文件, type: news}\n' > "$T/extra"
sed -i "/^  policy\/jiedu:/r $T/extra" "$T/s/site.yaml"
before=$(listing)
refuse "a column's folder that is a link" 1 --site s policy/jiedu2/x.md <<'X'
s/content/policy/jiedu2: error: the column "policy/jiedu2" is reached through a symbolic link, which govpub never follows
  hint: make the column's folder a real folder inside the site (docs/security.md)
X
check_eq "a column's folder that is a link: nothing written through it" "$(ls "$T/elsewhere")" ""

# ---- a name a case-insensitive file system would take for another ------------------------
fresh
before=$(listing)
refuse "a page's name but for case" 1 --site s news/A.md <<'X'
s/content/news/A.md: error: s/content/news/a.md differs from it only in case or Unicode form
  hint: choose another name: on Windows or a Mac the two would be one file
X
refuse "a column's folder but for case" 1 --site s policy/JieDu.md <<'X'
s/content/policy/JieDu.md: error: s/content/policy/jiedu differs from it only in case or Unicode form
  hint: choose another name: on Windows or a Mac the two would be one file
X
long=$(printf '%0256d' 0 | tr 0 a)
refuse "a name longer than an output folder's" 1 --site s "news/$long.md" <<X
news/$long.md: error: the name is 256 bytes long; a page's address part may be at most 255
  hint: shorten the file name: the page's folder in the output is named by it
X

# ---- PATH as the shell completes it: from the current folder -----------------------------
fresh
(cd "$T/s/content/news" && "$GOVPUB" new --site ../.. --date 2024-12-01 ./here.md) > "$T/said" 2>&1
check_eq "./x.md in a column's folder: written there" "$?:$(head -n 1 "$T/said")" \
  "0:wrote ../../content/news/here.md (column news, type news), a draft"
new --site s --date 2024-12-01 "$T/s/content/news/absolute.md"
check_eq "an absolute path under content/" "$rc:$(head -n 1 "$T/said")" \
  "0:wrote s/content/news/absolute.md (column news, type news), a draft"
new --site s --date 2024-12-01 s/content/news/beside.md
check_eq "a path from beside the site" "$rc:$(head -n 1 "$T/said")" \
  "0:wrote s/content/news/beside.md (column news, type news), a draft"
check "each one in its column" test -f "$T/s/content/news/here.md" -a -f "$T/s/content/news/absolute.md" \
  -a -f "$T/s/content/news/beside.md"
before=$(listing)
refuse "./ to a folder that does not exist" 1 --site s ./nowhere/x.md <<'X'
./nowhere/x.md: error: not a path inside content/
  hint: give the page's path under content/, e.g. news/2025-meeting.md
X

# ---- the year's serials used up: said, and left to fill in ------------------------------
fresh
sed 's|^index_no: .*|index_no: 11000000MB0000000X/2024-99999|; s/^title: .*/title: 最后一号/' \
  "$T/s/content/policy/rules.md" > "$T/s/content/policy/last.md"
new --site s --date 2024-12-01 policy/full.md
check_eq "serials used up: exit 0" "$rc" 0
same "serials used up: the warning" "$T/err" <<'X'
govpub: warning: index_no left empty: the serials of 2024 of 11000000MB0000000X are used up to 99999
  hint: give the page a 索引号 of its own by hand
X
check_file_has "serials used up: index_no to fill in" "$T/said" "fill in: title, index_no, category"

# ---- a site with a broken page: not this command's to report --------------------------
fresh
printf -- '---\ntitle: [broken\n---\n' > "$T/s/content/policy/broken.md"
new --site s --date 2024-12-01 policy/next.md
check_eq "broken page elsewhere: exit 0, nothing on stderr" "$rc:$(cat "$T/err")" "0:"
check_file_has "broken page elsewhere: the 索引号 still counted from the others" "$T/s/content/policy/next.md" \
  "index_no: 11000000MB0000000X/2024-00002"

# ---- a letter (信件选登, the sample's type letter): the letter, then "## 答复" ------------
# A page of a type requiring `replied:` starts with the reply's heading, so
# the editor writes the letter above it and the reply below; left as it is,
# the build says both parts are missing, at the heading.
rm -rf "$T/s" "$T/out"
sample_copy "$T/s"
"$GOVPUB" build --site "$T/s" --out "$T/out" -q || fail "the sample builds"
new --site s --title 关于数据开放平台的咨询 --date 2024-12-01T10:00 hudong/letter/2024-0100-kaifang.md
check_eq "letter: exit 0, nothing on stderr" "$rc:$(cat "$T/err")" "0:"
same "letter: the file" "$T/s/content/hudong/letter/2024-0100-kaifang.md" <<'X'
---
# Started by `govpub new`: fill in every empty field (the build names each one),
# write the letter above "## 答复" and the reply below it, then remove draft: true.
title: 关于数据开放平台的咨询
date: 2024-12-01T10:00:00+08:00
received:            # a date: YYYY-MM-DD
replied:             # a date: YYYY-MM-DD
replier:             # to fill in
kind:                # one of: 咨询, 建议, 投诉, 求助, 举报, 其他
draft: true
---


## 答复

X
sed -i 's/^received: .*/received: 2024-11-20/; s/^replied: .*/replied: 2024-11-25/; s/^replier: .*/replier: 区数据资源管理局/; s/^kind: .*/kind: 咨询/' \
  "$T/s/content/hudong/letter/2024-0100-kaifang.md"
expect "letter: both parts missing, said at the heading" <<'X'
content/hudong/letter/2024-0100-kaifang.md:14:1: error: no letter before "## 答复"
  hint: write the letter (来信内容) above the "## 答复" line
content/hudong/letter/2024-0100-kaifang.md:14:1: error: the reply after "## 答复" is empty
  hint: write the reply (答复内容) below the "## 答复" line
govpub: build failed: 2 errors; OUT/preview is unchanged
X

# ---- help ------------------------------------------------------------------------------
"$GOVPUB" new --help > "$T/said" 2>&1
check_eq "--help: exit 0" "$?" 0
check_eq "--help: usage first" "$(head -n 1 "$T/said")" \
  "usage: govpub new [--site DIR] [--title TITLE] [--date DATE] PATH"
"$GOVPUB" --help > "$T/said"
check_file_has "govpub --help lists it" "$T/said" "  new        start a page"

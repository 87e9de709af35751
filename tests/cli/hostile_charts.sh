#!/bin/sh
# Charts as a hostile or careless editor writes them (found by a review of
# the chart pipeline): data and specs that drew a broken chart, crashed
# under the sanitizers, or went through unchecked.  Each case asserts the
# exact diagnostics, or the rendered shapes, through `govpub chart` and a
# build; a refused build leaves out/ byte-identical.
. "$(dirname "$0")/lib.sh"
. "$ROOT/tests/tools/hostile_lib.sh"

# chart ID CSV-TEXT SPEC-LINES...: writes $T/s/charts/ID.csv (printf's %b
# escapes) and ID.yaml (one argument a line).
chart() {
  id=$1 csv=$2
  shift 2
  printf '%b' "$csv" > "$T/s/charts/$id.csv"
  printf '%s\n' "$@" > "$T/s/charts/$id.yaml"
}

# A line chart far from zero whose range is exactly one nice step (300 to
# 400), on a chart short enough for two intervals: no ticks fitted, every
# y was NaN (a blank plot; UBSan: negation of LONG_MIN in fixed_format).
fresh
chart short '年份,值\n2022,300\n2023,400\n' 'title: 短图' 'type: line' 'data: short.csv' 'x: 年份' \
  'series: [值]' 'height: 240' 'subtitle: 副标题很长副标题很长副标题很长副标题很长副标题很长副标题很长副标题很长副标题很长副标题很长副标题很长' \
  'note: 注释很长注释很长注释很长注释很长注释很长注释很长注释很长注释很长注释很长注释很长注释很长注释很长注释很长' 'source: 来源'
"$GOVPUB" chart "$T/s/charts/short.yaml" -o "$T/short.svg" 2>"$T/err"
check_eq "a range of one step on a short chart: exit 0, no message" "$?:$(cat "$T/err")" "0:"
check_file_has "a range of one step on a short chart: the line drawn from 300 up to 400" "$T/short.svg" \
  'stroke="#0072b2" d="m209.2 158l327.2-41.7"'
check_file_has "a range of one step on a short chart: gridlines at 400 and 500" "$T/short.svg" \
  'd="m45.6 116.5h654.4m-654.4-42h654.4"'
check_file_lacks "a range of one step on a short chart: no NaN" "$T/short.svg" 'nan'

# A NUL byte in a CSV cell ended the cell there, silently: the chart showed
# "甲" for "甲\0乙".  The CSV is checked as every text file is (text_check),
# which also names GBK as the likely encoding of a file that is not UTF-8.
fresh
chart nul '类别,值\n甲\000乙,1\n丙,2\n' 'title: 空字符' 'type: bar' 'data: nul.csv' 'x: 类别' 'series: [值]'
chart gbk '类别,值\n\304\352,1\n' 'title: 国标码' 'type: bar' 'data: gbk.csv' 'x: 类别' 'series: [值]'
refused "a NUL byte and GBK in a CSV file" <<'X'
charts/gbk.csv:2:1: error: not valid UTF-8: byte 0xC4 (is the file in GBK or another encoding?)
  hint: save the file as UTF-8 (in most editors: Save As, encoding UTF-8)
charts/nul.csv:2:2: error: the file contains a NUL byte
  hint: save the file as UTF-8 text
govpub: build failed: 2 errors; OUT/preview is unchanged
X

# A million rows of the wrong length: each was an error of its own (two
# million lines on stderr, 500 MB, 4 s); now ten, and one for the rest.
# (A CSV file is now at most 1 MiB: 300,000 rows of three empty cells.)
fresh
chart long '' 'title: 行长不一' 'type: bar' 'data: long.csv' 'x: 序号' 'series: [数值]'
python3 - "$T/s/charts/long.csv" <<'PY'
import sys
with open(sys.argv[1], 'w') as f:
    f.write('序号,数值\n')
    f.writelines(',,\n' for i in range(300000))
PY
hint='  hint: give every row one cell per column (leave a cell empty for a missing value)'
{
  for i in 2 3 4 5 6 7 8 9 10 11; do printf 'charts/long.csv:%d:1: error: this row has 3 cells; the header has 2\n%s\n' $i "$hint"; done
  cat <<'X'
charts/long.csv:12:1: error: 299990 more rows with another number of cells than the header's 2
  hint: give every row one cell per column (leave a cell empty for a missing value)
govpub: build failed: 11 errors; OUT/preview is unchanged
X
} | refused "300,000 rows of the wrong length"

# Chart ids and data files that differ only in case were built side by
# side (charts/Rev.svg and charts/rev.svg): on a case-insensitive server
# one is served for both, as with pages' URLs.
fresh
cp "$T/s/charts/rev.yaml" "$T/s/charts/Rev.yaml"
cp "$T/s/charts/rev.csv" "$T/s/charts/REV.csv"
sed 's/rev.csv/REV.csv/' "$T/s/charts/rev-line.yaml" > "$T/s/charts/rev-Line.yaml"
refused "chart ids and data files that differ only in case" <<'X'
charts/rev-Line.yaml:1:1: error: data file charts/REV.csv differs from charts/rev.csv, another chart's, only in case
  hint: rename one: a server on a case-insensitive file system (Windows, macOS) would serve one for both
charts/rev-line.yaml:1:1: error: chart id "rev-line" differs from "rev-Line" (charts/rev-Line.yaml) only in case
  hint: rename one: a server on a case-insensitive file system (Windows, macOS) would serve one for both
charts/rev.yaml:1:1: error: chart id "rev" differs from "Rev" (charts/Rev.yaml) only in case
  hint: rename one: a server on a case-insensitive file system (Windows, macOS) would serve one for both
govpub: build failed: 3 errors; OUT/preview is unchanged
X

# -o naming a FIFO or a device (-o /dev/null to check a spec): the SVG is
# written into it.  It was replaced by a regular file through a rename (as
# root, /dev/null became a file).  A FIFO stands for the device here: the
# test must not put /dev/null at risk on a machine where it regresses.
mkfifo "$T/fifo"
timeout 20 cat "$T/fifo" > "$T/fifo.svg" &
reader=$!
"$GOVPUB" chart tests/golden/charts/site/charts/bar.yaml -o "$T/fifo" 2>"$T/err"
check_eq "-o a FIFO: exit 0, no message" "$?:$(cat "$T/err")" "0:"
wait $reader
check "-o a FIFO: the FIFO is still one" test -p "$T/fifo"
check "-o a FIFO: the SVG went through it" cmp -s "$T/fifo.svg" tests/golden/charts/bar.svg

# A bidi override in a category (pasted from a web page) is refused, as
# every character the font lacks; the message shows it as \u202E, where it
# was printed as it is and turned the rest of the terminal line around.
# It is said at its own column (after "ab"), not at the cell's start.
fresh
chart bidi '类别,值\nab\342\200\256cd,1\n' 'title: 双向' 'type: bar' 'data: bidi.csv' 'x: 类别' 'series: [值]'
refused "a bidi override in a CSV cell" <<'X'
charts/bidi.csv:2:3: error: the chart font has no glyph for "\u202E" (U+202E)
  hint: use another character (the chart font is Noto Sans CJK SC)
govpub: build failed: 1 error; OUT/preview is unchanged
X

# Two series with one name (the same column twice): the legend could not
# tell them apart; refused at the second.
fresh
chart twice '年份,值\n2022,1\n2023,2\n' 'title: 两次' 'type: bar' 'data: twice.csv' 'x: 年份' 'series: [值, 值]'
"$GOVPUB" chart "$T/s/charts/twice.yaml" -o "$T/twice.svg" 2>"$T/err"
check_eq "one series twice: refused at the second" "$?:$(sed "s#^$T/##" "$T/err")" '1:s/charts/twice.yaml:5:13: error: two series are named "值" (series 1 and 2): the legend could not tell them apart
  hint: give each series its own name (name: …), or draw the column once'

# Numbers as an input method or a spreadsheet writes them: fullwidth
# digits, the minus sign U+2212, a fullwidth comma — each said with what
# to write instead (ASCII commas group thousands, as before).
fresh
chart wide '年份,值\n2021,１２.５\n2022,−3\n2023,"1，234.5"\n2024,"1,234.5"\n' 'title: 全角' 'type: bar' 'data: wide.csv' 'x: 年份' 'series: [值]'
"$GOVPUB" chart "$T/s/charts/wide.yaml" -o "$T/wide.svg" 2>"$T/err"
check_eq "fullwidth digits, U+2212, a fullwidth comma: what to write" "$?:$(sed "s#^$T/##" "$T/err")" '1:s/charts/wide.csv:2:6: error: "１２.５" is not a number (column "值")
  hint: write the number in ASCII (半角): digits 0-9, the point . and the minus -, not １２.５, －3 or 1，234
s/charts/wide.csv:3:6: error: "−3" is not a number (column "值")
  hint: write the number in ASCII (半角): digits 0-9, the point . and the minus -, not １２.５, －3 or 1，234
s/charts/wide.csv:4:6: error: "1，234.5" is not a number (column "值")
  hint: write the number in ASCII (半角): digits 0-9, the point . and the minus -, not １２.５, －3 or 1，234'

# A cell that is not a number was quoted whole: a pasted paragraph or a
# 10 KB cell made a diagnostic of 10 KB.  At most 24 characters are quoted,
# then "…", cut between characters (never inside a UTF-8 sequence); a cell
# of 24 characters is quoted whole.
fresh
python3 - "$T/s/charts/cells.csv" <<'PY'
import sys
with open(sys.argv[1], 'w', encoding='utf-8') as f:
    f.write('年份,值\n')
    f.write('2020,' + 'x' * 10240 + '\n')                 # 10 KB
    f.write('2021,' + '1' * 23 + '\U00020000' + '2\n')   # a 4-byte character the 24th
    f.write('2022,' + '1' * 22 + '万元' + '\n')           # 24 characters: whole
    f.write('2023,' + '1' * 22 + '万亿元' + '\n')         # 25: the 24th is 亿
PY
printf '%s\n' 'title: 长单元格' 'type: bar' 'data: cells.csv' 'x: 年份' 'series: [值]' > "$T/s/charts/cells.yaml"
hint='  hint: write digits like 1234.5 or -3.2 (the unit goes in the spec); leave the cell empty for a missing value'
"$GOVPUB" chart "$T/s/charts/cells.yaml" -o "$T/cells.svg" 2>"$T/err"
check_eq "cells that are not numbers: at most 24 characters quoted, then …" "$?:$(sed "s#^$T/##" "$T/err")" "1:s/charts/cells.csv:2:6: error: \"xxxxxxxxxxxxxxxxxxxxxxxx…\" is not a number (column \"值\")
$hint
s/charts/cells.csv:3:6: error: \"11111111111111111111111𠀀…\" is not a number (column \"值\")
$hint
s/charts/cells.csv:4:6: error: \"1111111111111111111111万元\" is not a number (column \"值\")
$hint
s/charts/cells.csv:5:6: error: \"1111111111111111111111万亿…\" is not a number (column \"值\")
$hint"
check "cells that are not numbers: no file written" test ! -e "$T/cells.svg"

# A valid number of more than 127 characters (leading zeros, a long
# decimal) was "not a number": read as any other, whatever its length.
fresh
z=$(printf '%0200d' 0)
d=$(printf '%0300d' 0 | tr 0 5)
chart digits "年份,值\n2021,${z}12.5\n2022,\"1,234.${d}\"\n2023,-${z}3\n" 'title: 长数字' 'type: line' 'data: digits.csv' 'x: 年份' 'series: [值]'
"$GOVPUB" chart "$T/s/charts/digits.yaml" -o "$T/digits.svg" 2>"$T/err"
check_eq "numbers of 204 and 307 characters: exit 0, no message" "$?:$(cat "$T/err")" "0:"
check_file_has "numbers of 204 and 307 characters: read as 12.5, 1,234.555556 and -3" "$T/digits.svg" \
  '<desc id="chart-digits-desc">长数字折线图：2021年至2023年，值由12.500000降至-3.000000，最高为2022年的1,234.555556。</desc>'

# A category of fullwidth spaces only (U+3000) is empty, as one of blanks is:
# it would be an invisible label.
fresh
chart blank '年份,值\n　　,1\n2023,2\n' 'title: 空白' 'type: bar' 'data: blank.csv' 'x: 年份' 'series: [值]'
"$GOVPUB" chart "$T/s/charts/blank.yaml" -o "$T/blank.svg" 2>"$T/err"
check_eq "a category of U+3000 only: empty" "$?:$(sed "s#^$T/##" "$T/err")" '1:s/charts/blank.csv:2:1: error: empty category in column "年份"
  hint: name every category'

# A number whose digits are not all 0 but that reads as 0 (1e-1000
# underflows) was drawn as 0; it is too small, as 1e-7 is.  "0", "0.0",
# "0e5" and "-0" are 0.  A spec has no decimal numbers: width: 1e-1000 is
# not a whole number.
fresh
chart under '年份,值\n2019,0\n2020,0.0\n2021,0e5\n2022,-0\n2023,1e-1000\n2024,5\n' 'title: 下溢' 'type: bar' \
  'data: under.csv' 'x: 年份' 'series: [值]' 'width: 1e-1000'
refused "1e-1000 in a CSV cell and in the spec" <<'X'
charts/under.csv:6:6: error: 1e-1000 is too small for a chart: nearer 0 than ±10^-6, and not 0 (column "值")
  hint: give the column in a smaller unit (元 for 万元, 千分比) and say so in unit:
charts/under.yaml:6:8: error: "width" must be a whole number from 320 to 1600
  hint: write digits only (pixels), without quotes or units
govpub: build failed: 2 errors; OUT/preview is unchanged
X
sed -i '/1e-1000/d' "$T/s/charts/under.csv" "$T/s/charts/under.yaml"
"$GOVPUB" chart "$T/s/charts/under.yaml" -o "$T/under.svg" 2>"$T/err"
check_eq "0, 0.0, 0e5 and -0 are 0: exit 0, no message" "$?:$(cat "$T/err")" "0:"
check_file_has "0, 0.0, 0e5 and -0 are 0: drawn from 0" "$T/under.svg" \
  '<desc id="chart-under-desc">下溢柱状图：2019年至2024年，值由0.0增至5.0。'

# A chart's files have limits no chart's data comes near (a chart shows 60
# categories and 8 series): a CSV file of more than 1 MiB is refused before
# it is read (51 MB of cells cost 1.4 GB and 2.7 s), a row of more than 256
# cells where it passes 256, a spec of more than 64 KiB.  A CSV of exactly
# 1 MiB is read, and its 85,001 rows are counted, not kept.
fresh
python3 - "$T/s/charts" <<'PY'
import sys
d = sys.argv[1]
def write(name, text, size): # text padded to exactly size bytes
    data = text.encode()
    with open(d + '/' + name, 'wb') as f: f.write(data + b'1' * (size - len(data) - 1) + b'\n')
rows = '序号,值\n' + ''.join('%d,%d\n' % (i, i) for i in range(85000)) + '85000,'
write('big.csv', rows, (1 << 20) + 1)
write('most.csv', rows, 1 << 20)
write('wide.csv', ','.join('列%d' % i for i in range(1, 258)), 1200)
write('long.yaml', 'title: 长\ntype: bar\ndata: long.csv\nx: 年份\nseries: [值]\nnote: 注', (64 << 10) + 1)
with open(d + '/long.csv', 'w') as f: f.write('年份,值\n2023,1\n')
PY
printf '%s\n' 'title: 大' 'type: bar' 'data: big.csv' 'x: 序号' 'series: [值]' > "$T/s/charts/big.yaml"
printf '%s\n' 'title: 满' 'type: bar' 'data: most.csv' 'x: 序号' 'series: [值]' > "$T/s/charts/most.yaml"
printf '%s\n' 'title: 宽' 'type: bar' 'data: wide.csv' 'x: 列1' 'series: [列2]' > "$T/s/charts/wide.yaml"
check_eq "the CSV files are 1 MiB + 1 and 1 MiB, the spec 64 KiB + 1" \
  "$(wc -c < "$T/s/charts/big.csv") $(wc -c < "$T/s/charts/most.csv") $(wc -c < "$T/s/charts/long.yaml")" \
  "1048577 1048576 65537"
refused "a CSV file of 1 MiB + 1, a row of 257 cells, a spec of 64 KiB + 1" <<'X'
charts/big.csv:1:1: error: the file is 1048577 bytes; a chart's CSV file may be at most 1 MiB
  hint: a chart shows at most 60 categories and 8 series: aggregate the data (by year, by quarter) or split it into several charts, and leave out the columns no chart draws
charts/long.yaml:1:1: error: the file is 65537 bytes; a chart's spec may be at most 64 KiB
  hint: a spec says how to draw the chart; its data goes in the CSV file
charts/most.csv:62:1: error: too many rows: 85001 (a chart of this type shows at most 60)
  hint: draw fewer categories per chart (split it, or group them)
charts/wide.csv:1:1173: error: a row of more than 256 cells; a chart's CSV file may have at most 256 columns
  hint: a chart draws at most 8 series: keep only the columns it draws, or split the file into one CSV per chart
govpub: build failed: 4 errors; OUT/preview is unchanged
X

# A character the font lacks is said where it is written, in the spec or
# the CSV file: at its own line and column (columns count characters, CJK
# ones too), not at the start of the value or cell (all of these were).
# The spec starts with a byte-order mark (not a column); an escape in "…"
# is said at its backslash; a block scalar's header comment holding the
# same character is not the value; a quoted cell runs over two lines; a
# cell's blanks and fullwidth spaces count.
fresh
{ printf '\357\273\277'; printf '%s\n' 'title: 二〇二三年 😀 统计' 'subtitle: "按现价\u202E计算"' 'type: bar' 'data: glyphs.csv' \
  'x: 类别' 'series:' "  - {column: 值, name: '甲''乙😀', unit: &u 亿😀元}" 'note: | # 😀 注' '  第一行' '  第二行😀'
} > "$T/s/charts/glyphs.yaml"
printf '类别,值\n"第一行\n第二😀",1\n  一二三😀  ,2\n甲　　乙😀,3\n' > "$T/s/charts/glyphs.csv"
# no_glyph FILE:LINE:COL CHAR CODE: the message for a character the font lacks.
no_glyph() {
  printf 'charts/glyphs.%s: error: the chart font has no glyph for "%s" (U+%s)\n' "$1" "$2" "$3"
  echo '  hint: use another character (the chart font is Noto Sans CJK SC)'
}
{
  for at in csv:3:3 csv:4:6 csv:5:5 yaml:1:14; do no_glyph $at 😀 1F600; done
  no_glyph yaml:2:15 '\u202E' 202E
  for at in yaml:7:28 yaml:7:42 yaml:10:6; do no_glyph $at 😀 1F600; done
  echo 'govpub: build failed: 8 errors; OUT/preview is unchanged'
} | refused "a character the font lacks, at its own line and column"

# A title or note written as a YAML block scalar (| or >) holds line
# breaks, which the chart draws as spaces: they were checked as characters
# of the font ("no glyph for \x0A") and the chart refused.
fresh
chart block '年份,值\n2023,1\n' 'title: |' '  块标题' 'type: bar' 'data: block.csv' 'x: 年份' 'series: [值]' \
  'note: |' '  第一行' '  第二行'
"$GOVPUB" chart "$T/s/charts/block.yaml" -o "$T/block.svg" 2>"$T/err"
check_eq "a title and a note as block scalars: exit 0, no message" "$?:$(cat "$T/err")" "0:"
check_file_has "a title and a note as block scalars: the title" "$T/block.svg" '<title id="chart-block-title">块标题</title>'

# A chart's data: naming a FIFO (or a folder): the build waited for ever
# for a writer.  A file that is not a regular one is refused at data:
# without being waited on (the time limit keeps a regression from hanging
# the suite).
fresh
chart fifo '' 'title: 管道' 'type: bar' 'data: fifo.csv' 'x: 年份' 'series: [值]'
rm "$T/s/charts/fifo.csv" && mkfifo "$T/s/charts/fifo.csv"
chart dir '' 'title: 目录' 'type: bar' 'data: dir.csv' 'x: 年份' 'series: [值]'
rm "$T/s/charts/dir.csv" && mkdir "$T/s/charts/dir.csv"
tree_digest "$T/out" > "$T/digest.before"
timeout 20 "$GOVPUB" build --site "$T/s" --out "$T/out" -q 2>"$T/err"
check_eq "a FIFO and a folder as data files: refused, not waited on" "$?:$(sed "s#$T/s/##g; s#$T/out#OUT#g" "$T/err")" \
  '1:charts/dir.yaml:3:7: error: cannot read charts/dir.csv: not a regular file (a folder, a FIFO or a device)
  hint: check the file name under charts/
charts/fifo.yaml:3:7: error: cannot read charts/fifo.csv: not a regular file (a folder, a FIFO or a device)
  hint: check the file name under charts/
govpub: build failed: 2 errors; OUT/preview is unchanged'
tree_digest "$T/out" > "$T/digest.after"
check "a FIFO and a folder as data files: out/ byte-identical" cmp -s "$T/digest.before" "$T/digest.after"

#!/bin/sh
# Resource limits: inputs built to exhaust memory, stack or time — a YAML
# alias bomb (billion laughs), an alias to its own list, deep nesting in
# front matter and site.yaml, a 100 MB Markdown file, a million-line CSV, a
# partial that includes itself, cmark's pathological inputs.  Each gives
# its exact error, or builds; out/ stays byte-identical after every refused
# build.  `ulimit -v` and `timeout` only guard the machine (a runaway would
# fail as a crash or exit 124, not hang the suite); the assertion is the
# output.  Big inputs are generated here, in the test's mktemp folder.
. "$(dirname "$0")/lib.sh"
. "$ROOT/tests/tools/hostile_lib.sh"
# 2 GB of address space; not under ASan, whose shadow memory alone reserves
# terabytes of it
case $(ldd "$GOVPUB" 2>/dev/null) in *libasan*) ;; *) ulimit -v 2000000 ;; esac

fresh
python3 - "$T/s/content/news/bomb.md" <<'PY'
import sys
lines = ['---', 'title: 炸弹', 'date: 2024-03-01', 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]']
lines += ['a%d: &a%d [%s]' % (i, i, ', '.join(['*a%d' % (i - 1)] * 9)) for i in range(1, 10)]
open(sys.argv[1], 'w').write('\n'.join(lines + ['---', '正文', '']))
PY
page cycle 'list: &l [1, *l]\n' '正文'
refused "alias bomb and an alias to its own list" <<'X'
content/news/bomb.md:10:10: error: YAML aliases expand to over 1000000 values
  hint: write the values out, or use fewer aliases
content/news/cycle.md:4:14: error: alias *l refers to a list or mapping that contains it
  hint: write the value out instead of referring to the list or mapping around it
govpub: build failed: 2 errors; OUT/preview is unchanged
X

fresh
page deep "x: $(printf '%.0s[' $(seq 100000))$(printf '%.0s]' $(seq 100000))\n" '正文'
refused "deep nesting in front matter" <<'X'
content/news/deep.md:4:66: error: YAML nested too deeply
  hint: flatten the structure
govpub: build failed: 1 error; OUT/preview is unchanged
X

fresh
printf 'extra: %s\n' "$(printf '%.0s{a: ' $(seq 70))1$(printf '%.0s}' $(seq 70))" >> "$T/s/site.yaml"
refused "deep nesting in site.yaml" <<'X'
site.yaml:44:256: error: YAML nested too deeply
  hint: flatten the structure
govpub: build failed: 1 error; OUT/preview is unchanged
X

# 100 MB of ordinary Markdown: refused before it is read (parsing it took
# 10 s and 3.8 GB), so the guard above is never near.
fresh
page big '' '正文'
python3 - "$T/s/content/news/big.md" <<'PY'
import sys
para = '数据共享要依法依规，各单位要做好数据共享工作。**重点**见[链接](/news/a/)。\n\n'.encode()
with open(sys.argv[1], 'ab') as f:
    f.write(para * (100 * 1024 * 1024 // len(para)))
PY
refused "a 100 MB Markdown file" <<'X'
content/news/big.md:1:1: error: the file is 104857558 bytes; a page's Markdown may be at most 8 MiB
  hint: split it into several pages, or offer the document as an attachment
govpub: build failed: 1 error; OUT/preview is unchanged
X

# A million-line CSV behind a chart: refused before it is read, as every
# chart CSV over 1 MiB (it was read whole and refused at the row where the
# chart's limit is passed; a CSV of 1 MiB has its rows counted, not kept:
# hostile_charts.sh).
fresh
printf 'title: 百万行\ntype: bar\ndata: million.csv\nx: 序号\nseries:\n  - column: 数值\n' > "$T/s/charts/million.yaml"
python3 - "$T/s/charts/million.csv" <<'PY'
import sys
with open(sys.argv[1], 'w') as f:
    f.write('序号,数值\n')
    f.writelines('%d,%d.5\n' % (i, i % 1000) for i in range(1000000))
PY
page million '' '```chart\nmillion\n```'
refused "a million-line CSV" <<'X'
charts/million.csv:1:1: error: the file is 12778904 bytes; a chart's CSV file may be at most 1 MiB
  hint: a chart shows at most 60 categories and 8 series: aggregate the data (by year, by quarter) or split it into several charts, and leave out the columns no chart draws
govpub: build failed: 1 error; OUT/preview is unchanged
X

# Inputs that were quadratic (found by a hostile-editor review): a CSV
# line of a million columns (each cell's column counted from the line's
# start, each name compared with every other: hours), a front matter of
# 50,000 keys (each checked against the others: 2.5 GB and 19 s), and a
# list of 200,000 items (grown eight at a time: out of memory).  The
# builds run under `timeout` (a wrapper) only to guard the machine.  (The
# CSV is now refused before it is read, as every chart CSV over 1 MiB; one
# of 1 MiB stops at its 257th column: hostile_charts.sh.)
fresh
printf '#!/bin/sh\nexec timeout 60 "%s" "$@"\n' "$GOVPUB" > "$T/govpub-60" && chmod +x "$T/govpub-60"
printf 'title: 百万列\ntype: bar\ndata: wide.csv\nx: 年份\nseries:\n  - column: c1\n' > "$T/s/charts/wide.yaml"
python3 - "$T/s" <<'PY'
import sys
n = 1000000
with open(sys.argv[1] + '/charts/wide.csv', 'w') as f:
    f.write(','.join(['年份'] + ['c%d' % i for i in range(n)] + ['c0']) + '\n')
    f.write(','.join(['2022'] + ['1'] * (n + 1)) + '\n')
head = '---\ntitle: %s\ndate: 2024-03-01\n'
open(sys.argv[1] + '/content/news/keys.md', 'w').write(
    head % 'keys' + ''.join('k%d: v\n' % i for i in range(50000)) + '---\n正文\n')
open(sys.argv[1] + '/content/news/list.md', 'w').write(
    head % 'list' + 'refs: [' + ', '.join('r%d' % i for i in range(200000)) + ']\n---\n正文\n')
PY
G0=$GOVPUB
GOVPUB=$T/govpub-60
refused "a million-column CSV, 50,000 keys" <<'X'
charts/wide.csv:1:1: error: the file is 9888907 bytes; a chart's CSV file may be at most 1 MiB
  hint: a chart shows at most 60 categories and 8 series: aggregate the data (by year, by quarter) or split it into several charts, and leave out the columns no chart draws
content/news/keys.md:10002:1: error: over 10000 keys in one mapping
  hint: put the data in a file of its own (a CSV), or split it
govpub: build failed: 2 errors; OUT/preview is unchanged
X
rm "$T/s/charts/wide.yaml" "$T/s/charts/wide.csv" "$T/s/content/news/keys.md"
"$GOVPUB" build --site "$T/s" --out "$T/out" -q -j1 2>"$T/err"
check_eq "a list of 200,000 items: built" "$?:$(head -c 600 "$T/err")" "0:"
GOVPUB=$G0

# A partial that includes itself: each page that renders it says so (the
# news column's two list pages, the same message, once); no stack overflow.
fresh
printf '{{> partials/self}}x' > "$T/s/themes/plain/layouts/partials/self.mustache"
sed -i 's#{{> partials/footer}}#{{> partials/footer}}{{> partials/self}}#' "$T/s/themes/plain/layouts/baseof.mustache"
"$GOVPUB" build --site "$T/s" --out "$T/out" -q -j1 2>"$T/err"
check_eq "a partial including itself: exit 1" "$?" 1
sed "s#$T/s/##; s#$T/out#OUT#" "$T/err" > "$T/err.rel"
check_eq "a partial including itself: one error for each of the 15 pages" \
  "$(grep -c "^themes/plain/layouts/partials/self.mustache:1:1: error: partial 'partials/self' nested more than 64 deep (rendering " "$T/err.rel")" 15
check_file_has "a partial including itself: the hint" "$T/err.rel" \
  "hint: a template includes itself without end; put the inclusion in a section that ends"
check_file_has "a partial including itself: nothing else" "$T/err.rel" \
  "govpub: build failed: 15 errors; OUT/preview is unchanged"

# cmark's pathological inputs (its test/pathological_tests.py), 50,000
# deep or long each: the page builds (cmark-gfm is linear on them).
fresh
python3 - "$T/s/content/news/patho.md" <<'PY'
import sys
n = 50000
cases = ['[' * n + 'a' + ']' * n, '*a **a ' * n, '`' * n + 'a' + '``' * (n // 2), '> ' * n + 'a',
         '[a](/news/a/' * n, '<' * n, '*' * n + 'a' + '_' * n, '- ' * 10000 + 'a', '![[' * n,
         '[' * n + 'a](/news/a/)', '**x [a*b**c*](/news/a/)' * 2000, 'a&' * n, '&#' * n + '0;', '<!--' * n,
         '[a]: /' + 'x' * n + '\n\n' + '[a]' * n]
open(sys.argv[1], 'w').write('---\ntitle: 病态\ndate: 2024-03-01\n---\n' + '\n\n'.join(cases) + '\n')
PY
"$GOVPUB" build --site "$T/s" --out "$T/out" -q -j1 2>"$T/err"
check_eq "cmark's pathological inputs: built" "$?:$(head -c 600 "$T/err")" "0:"
check_file_has "cmark's pathological inputs: the page is whole" "$T/out/preview/news/patho/index.html" '</html>'

# Tables: cmark-gfm's table extension is quadratic in a row's cells.
fresh
python3 - "$T/s/content/news" <<'PY'
import sys
head = '---\ntitle: %s\ndate: 2024-03-01\n---\n'
open(sys.argv[1] + '/wide.md', 'w').write(head % 'wide' + '|a|b|\n|-|-|\n' + '|x' * 50000 + '|\n')
open(sys.argv[1] + '/long.md', 'w').write(head % 'long' + '|a' * 200 + '|\n' + '|-' * 200 + '|\n' +
                                          ('|x' * 200 + '|\n') * 600)
open(sys.argv[1] + '/fits.md', 'w').write(head % 'fits' + '|a' * 255 + '|\n' + '|-' * 255 + '|\n' +
                                          ('|x' * 255 + '|\n') * 380)
PY
refused "tables too wide or too many cells" <<'X'
content/news/long.md:502:1: error: over 100000 | (table cells) in one page
  hint: split the page, or offer the data as a CSV attachment
content/news/wide.md:7:1: error: a line with 50001 | (table cells); at most 256
  hint: split the table, or offer the data as a CSV attachment
govpub: build failed: 2 errors; OUT/preview is unchanged
X
rm "$T/s/content/news/long.md" "$T/s/content/news/wide.md"
"$GOVPUB" build --site "$T/s" --out "$T/out" -q -j1 2>"$T/err"
check_eq "a table of 256 × 382 cells builds" "$?:$(head -c 600 "$T/err")" "0:"
check_eq "… with all its cells" "$(grep -o '<td' "$T/out/preview/news/fits/index.html" | wc -l)" $((255 * 380))

# A portal of a thousand columns under a limit of 400 open files builds: the
# columns' folders kept open for reading their pages are capped
# (SITE_COLUMN_FDS), so the build's writes have descriptors to spare.
fresh
python3 - "$T/s" <<'PY'
import os, sys
root = sys.argv[1]
yaml = open(root + '/site.yaml').read()
cols = ''.join('  c%04d: {class: 动态, type: news}\n' % i for i in range(1000))
open(root + '/site.yaml', 'w').write(yaml.replace('columns:\n', 'columns:\n' + cols, 1))
for i in range(1000):
    d = '%s/content/c%04d' % (root, i)
    os.mkdir(d)
    open(d + '/_index.md', 'w').write('---\ntitle: 栏目%d\n---\n' % i)
    open(d + '/p.md', 'w').write('---\ntitle: 第%d篇\ndate: 2024-03-01\n---\n正文。\n' % i)
PY
(ulimit -n 400 && "$GOVPUB" build --site "$T/s" --out "$T/cols" -q) 2>"$T/err"
check_eq "a thousand columns, 400 open files at most: builds" "$?:$(head -c 600 "$T/err")" "0:"
check_file_has "… with the thousandth column's page" "$T/cols/preview/c0999/p/index.html" "第999篇"
# an edit rebuilds that one page: the pages of columns whose folders are
# not kept open come from the state too (stamped by their whole path)
printf '补充。\n' >> "$T/s/content/c0999/p.md"
(ulimit -n 400 && "$GOVPUB" build --site "$T/s" --out "$T/cols") 2>"$T/err"
check_eq "… then one edit, 400 open files at most: one page rebuilt in place" \
  "$?:$(sed -n 's/^rebuilt \([0-9]*\) page.*updated in place)$/\1/p' "$T/err")" "0:1"
check_file_has "… with the edit" "$T/cols/preview/c0999/p/index.html" "补充。"

#!/bin/sh
# `govpub chart`: one spec to a file or standard output, many into a folder,
# the sample portal's charts, identical bytes whatever the thread count, exact
# errors with no file written, usage errors, and 500 charts at once.
#   sh tests/cli/charts.sh          the checks (ok/FAIL lines)
#   sh tests/cli/charts.sh bench    only the timing of 500 charts (make bench)
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 1
FIX=tests/golden/charts/site/charts
GOLD=tests/golden/charts

# bench_dir DIR: 500 specs (the fixtures over and over) and their CSV files.
bench_dir() {
  mkdir -p "$1/charts"
  cp "$FIX"/*.csv "$1/charts/"
  set -- "$1" "$FIX"/*.yaml
  dir=$1
  shift
  i=0
  while [ "$i" -lt 500 ]; do
    for spec in "$@"; do
      [ "$i" -ge 500 ] && break
      i=$((i + 1))
      cp "$spec" "$dir/charts/$(basename "$spec" .yaml)-$i.yaml"
    done
  done
}

# bench_run DIR JOBS: prints "500 charts in N ms with -jJOBS: R charts/s".
bench_run() {
  rm -rf "$1/out"
  start=$(date +%s%N)
  "$GOVPUB" chart -j "$2" "$1"/charts/*.yaml -o "$1/out" || return 1
  end=$(date +%s%N)
  ms=$(((end - start) / 1000000))
  [ "$ms" -gt 0 ] || ms=1
  echo "500 charts in $ms ms with -j$2: $((500000 / ms)) charts/s"
}

if [ "${1-}" = bench ]; then
  bench_dir "$T/bench"
  bench_run "$T/bench" 1 && bench_run "$T/bench" "$(nproc)"
  exit
fi

# one spec → a file, byte for byte the golden
"$GOVPUB" chart "$FIX/bar.yaml" -o "$T/bar.svg"
check_eq "one spec to a file (exit 0)" "$?" 0
check "one spec to a file is the golden" cmp -s "$T/bar.svg" "$GOLD/bar.svg"

# --site: the spec relative to the site; -o - writes standard output
"$GOVPUB" chart --site tests/golden/charts/site charts/donut.yaml -o - >"$T/donut.svg"
check "--site and -o - write the golden to stdout" cmp -s "$T/donut.svg" "$GOLD/donut.svg"

# from inside charts/: the site is found through the real path
(cd "$FIX" && "$GOVPUB" chart pie.yaml -o "$T/pie.svg")
check "a spec named from inside charts/" cmp -s "$T/pie.svg" "$GOLD/pie.svg"

# the sample portal: every chart renders, as <id>.svg in the folder
"$GOVPUB" chart charts/*.yaml -o "$T/samples"
check_eq "the sample portal's charts render (exit 0)" "$?" 0
check_eq "one SVG per sample spec" "$(ls "$T/samples" | wc -l | tr -d ' ')" "$(ls charts/*.yaml | wc -l | tr -d ' ')"
check_file_has "sample SVGs say they are images" "$T/samples/gdp.svg" 'role="img"'
check_file_lacks "sample SVGs carry no style attribute" "$T/samples/gdp.svg" 'style='
# the summary sentence of every sample chart, each year said once (the
# titles name 2018—2023年; a clause names only a year between)
for want in \
  'fiscal-balance">2018—2023年云岭区一般公共预算收支分组柱状图：一般公共预算收入由21.36亿元增至24.38亿元，增长14.1%，最低为2020年的21.05亿元；一般公共预算支出由38.72亿元增至45.60亿元，增长17.8%。' \
  'fiscal-revenue-2023">2023年云岭区一般公共预算收入构成饼图：合计24.38亿元，其中税收收入占比最大，为73.5%，其次是非税收入（26.5%）。' \
  'fiscal">2018—2023年云岭区一般公共预算收入及增速柱线组合图：一般公共预算收入由21.36亿元增至24.38亿元，增长14.1%，最低为2020年的21.05亿元；比上年增长最高为2021年的10.1%，最低为2020年的-6.4%。' \
  'gdp-industries">2018—2023年云岭区三次产业增加值堆积柱状图：合计由312.6亿元增至415.3亿元，增长32.9%；2023年第三产业占比最大，为68.5%。' \
  'gdp-structure-2023">2023年云岭区三次产业增加值构成环形图：合计415.3亿元，其中第三产业占比最大，为68.5%，其次是第二产业（28.5%）、第一产业（3.0%）。' \
  'gdp">2018—2023年云岭区地区生产总值及增速柱线组合图：地区生产总值由312.6亿元增至415.3亿元，增长32.9%；比上年增长最高为2018年的7.8%，最低为2020年的3.1%。' \
  'growth">2018—2023年云岭区主要经济指标增速折线图：地区生产总值最高为2018年的7.8%，最低为2020年的3.1%；固定资产投资最高为2018年的9.6%，最低为2022年的-1.5%；社会消费品零售总额最高为2021年的10.2%，最低为2020年的-4.9%。' \
  'income">2018—2023年云岭区居民人均可支配收入分组柱状图：城镇居民由41,230元增至54,120元，增长31.3%；农村居民由14,860元增至22,070元，增长48.5%。' \
  'investment">2018—2023年云岭区固定资产投资增速柱状图：固定资产投资比上年增长最高为2018年的9.6%，最低为2022年的-1.5%。' \
  'retail">2018—2023年云岭区社会消费品零售总额柱状图：社会消费品零售总额由128.4亿元增至161.7亿元，增长25.9%。'; do
  id=${want%%\"*}
  check_file_has "sample summary: $id" "$T/samples/$id.svg" "<desc id=\"chart-$id-desc\">${want#*\">}</desc>"
done

# threads change nothing
"$GOVPUB" chart -j 1 "$FIX"/*.yaml -o "$T/j1" && "$GOVPUB" chart -j 2 "$FIX"/*.yaml -o "$T/j2"
check "-j1 and -j2 write identical files" diff -r "$T/j1" "$T/j2"
same=0
for f in "$T"/j2/*.svg; do cmp -s "$f" "$GOLD/$(basename "$f")" && same=$((same + 1)); done
check_eq "every fixture rendered by the CLI is its golden" "$same" "$(ls "$FIX"/*.yaml | wc -l | tr -d ' ')"

# --narrow: the phones' version (charts/<id>.narrow.svg in a site), one to
# a file, several as <id>.narrow.svg
"$GOVPUB" chart --narrow "$FIX/months.yaml" -o "$T/months.narrow.svg"
check_eq "--narrow, one spec (exit 0)" "$?" 0
check "--narrow, one spec: the narrow golden" cmp -s "$T/months.narrow.svg" "$GOLD/months.narrow.svg"
"$GOVPUB" chart --narrow -j 2 "$FIX"/*.yaml -o "$T/narrow"
check_eq "--narrow, several: <id>.narrow.svg each" "$(ls "$T/narrow" | tr '\n' ' ')" \
  "bar-line.narrow.svg bar.narrow.svg big-negative.narrow.svg donut.narrow.svg dual-line.narrow.svg grouped-bar.narrow.svg line.narrow.svg long-names.narrow.svg months.narrow.svg pie-long-name.narrow.svg pie-zero.narrow.svg pie.narrow.svg platforms.narrow.svg rotated.narrow.svg stacked-bar.narrow.svg "
same=0
for f in "$T"/narrow/*.svg; do cmp -s "$f" "$GOLD/$(basename "$f")" && same=$((same + 1)); done
check_eq "--narrow, several: every one its golden" "$same" 15

# a bar chart of eight long names (区数据资源管理局政务数据共享交换平台 …):
# bars across on a phone, nothing turned, a 条形图 as tall as its rows, the
# names broken after the office (区数据资源管理局 / 政务数据共享交换平台);
# on the desktop too, within its 720 × 420 (the rows fit), the unit at the
# value axis's end
"$GOVPUB" chart --narrow "$FIX/platforms.yaml" -o "$T/platforms.narrow.svg"
check_file_lacks "long names on a phone: nothing turned" "$T/platforms.narrow.svg" 'rotate('
check_file_has "long names on a phone: 条形图 in the desc" "$T/platforms.narrow.svg" \
  '<desc id="chart-platforms-desc">各平台接入系统数（八个长名称）条形图：'
check_file_has "long names on a phone: rows of two lines make it taller" "$T/platforms.narrow.svg" \
  'width="400" height="538"'
"$GOVPUB" chart "$FIX/platforms.yaml" -o "$T/platforms.svg"
check_file_lacks "long names on the desktop: nothing turned" "$T/platforms.svg" 'rotate('
check_file_has "long names on the desktop: across, within its height" "$T/platforms.svg" \
  'width="720" height="420"'
check_file_has "long names on the desktop: 条形图 in the desc" "$T/platforms.svg" \
  '<desc id="chart-platforms-desc">各平台接入系统数（八个长名称）条形图：'

# names too long for two lines of the column, on a phone: broken only
# between phrases (区发展和改革委员会 / 投资项目在线审批监管平台, the column
# widened for it), never inside a word; one with no break that fits is
# shortened with …, its whole name the <title> of its line
"$GOVPUB" chart --narrow "$FIX/long-names.yaml" -o "$T/long-names.narrow.svg"
check_file_has "long names on a phone: a name shortened keeps its <title>" "$T/long-names.narrow.svg" \
  '<title>甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天干地支</title><use'
check_file_has "long names on a phone: the rows grow with their lines" "$T/long-names.narrow.svg" \
  'width="400" height="406"' # rows of 52, 72 (three lines) and 32 px

# a bad spec: exit 1, the exact message, the old file untouched
echo old >"$T/keep.svg"
"$GOVPUB" chart tests/golden/charts/errors/charts/outside.yaml -o "$T/keep.svg" 2>"$T/err"
check_eq "a bad spec exits 1" "$?" 1
check_eq "a bad spec: the exact message" "$(cat "$T/err")" \
  "tests/golden/charts/errors/charts/outside.yaml:3:7: error: data file \"../content/secret.csv\" is outside charts/
  hint: put the CSV file in the charts folder and name it relative to the spec: data: gdp.csv"
check_eq "a bad spec leaves the output as it was" "$(cat "$T/keep.svg")" old
"$GOVPUB" chart tests/golden/charts/errors/charts/empty.yaml -o "$T/empty.svg" 2>/dev/null
check "a bad spec writes no file" test ! -e "$T/empty.svg"

# usage
"$GOVPUB" chart "$FIX/bar.yaml" 2>"$T/err"
check_eq "no -o: exit 2" "$?" 2
check_eq "no -o: the message" "$(head -1 "$T/err")" "govpub: error: no -o OUT given"
"$GOVPUB" chart README.md -o "$T/x.svg" 2>"$T/err"
check_eq "a spec outside charts/: exit 2" "$?" 2
check_eq "a spec outside charts/: the message" "$(head -1 "$T/err")" \
  "govpub: error: \"README.md\" is not in a charts/ folder"
"$GOVPUB" chart "$FIX/bar.yaml" "$FIX/pie.yaml" -o - 2>/dev/null
check_eq "several specs to stdout: exit 2" "$?" 2
"$GOVPUB" chart --help | grep -q "usage: govpub chart SPEC"
check_eq "--help" "$?" 0
check_eq "--help names --narrow" "$("$GOVPUB" chart --help | grep -e '--narrow')" \
  "usage: govpub chart SPEC... -o OUT [--narrow] [--site DIR] [-j N]
--narrow renders the version phones get (400 px across, 16 px words;
  --narrow       the phones' version instead of the desktop one"

# 500 charts in one run: every one its golden; the rate is printed, not asserted
bench_dir "$T/bench"
rate=$(bench_run "$T/bench" "$(nproc)")
check_eq "500 charts rendered" "$(ls "$T/bench/out" | wc -l | tr -d ' ')" 500
bad=0
for f in "$T"/bench/out/*.svg; do
  id=$(basename "$f" .svg)
  sed "s/chart-$id-/chart-${id%-*}-/g" "$f" | cmp -s - "$GOLD/${id%-*}.svg" || bad=$((bad + 1))
done
check_eq "500 charts, each its golden (but for the id prefix)" "$bad" 0
echo "# $rate"

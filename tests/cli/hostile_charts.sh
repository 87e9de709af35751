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

/* Unit tests for the chart modules: numbers and ticks, CSV, line breaking,
 * path data, the rewrite of cairo's SVG, every diagnostic of chart_load,
 * the summary sentence and the HTML table.  Run from the repository root
 * (tests/run.sh does): fixtures are read from tests/golden/charts/. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "chart_model.h"
#include "cjk.h"
#include "diag.h"
#include "testlib.h"

#define SITE "tests/golden/charts/site"
#define ERRORS "tests/golden/charts/errors"


static const char *formatted(arena *a, double v, int dec) { return num_str(a, v, dec); }

static const char *path_of(void (*draw)(path_writer *), int dec) {
  static buf b;
  buf_clear(&b);
  path_writer w;
  pw_init(&w, &b, dec);
  draw(&w);
  return buf_cstr(&b);
}

static void square(path_writer *w) {
  pw_move(w, 100, 100);
  pw_line(w, 600, 100);
  pw_line(w, 600, 905);
  pw_line(w, 100, 905);
  pw_close(w);
  pw_move(w, 0, 5);
  pw_cubic(w, 5, -5, 15, -5, 20, 5);
  pw_cubic(w, 25, 15, 35, 15, 40, 5);
}

/* Loads a fixture chart; NULL (and the diagnostics kept) on error. */
static chart_spec *load(arena *a, const char *root, const char *id) {
  return chart_load(a, root, arena_printf(a, "charts/%s.yaml", id), NULL);
}

static const char *load_errors(arena *a, const char *id) {
  CHECK(load(a, ERRORS, id) == NULL);
  return tl_flushed();
}

int main(void) {
  arena *a = arena_new();

  TEST("num_parse reads numbers, gaps and refuses the rest") {
    double v = 0;
    int d = -1;
    CHECK(num_parse("312.6", &v, &d) == NUM_OK && v == 312.6 && d == 1);
    CHECK(num_parse("-1,234,567.25", &v, &d) == NUM_OK && v == -1234567.25 && d == 2);
    CHECK(num_parse("+7", &v, &d) == NUM_OK && v == 7 && d == 0);
    CHECK(num_parse(".5", &v, &d) == NUM_OK && v == 0.5 && d == 1);
    CHECK(num_parse("2.5e3", &v, &d) == NUM_OK && v == 2500 && d == 0);
    CHECK(num_parse("125e-2", &v, &d) == NUM_OK && v == 1.25 && d == 2);
    CHECK(num_parse("", &v, &d) == NUM_MISSING);
    CHECK(num_parse("—", &v, &d) == NUM_MISSING);
    CHECK(num_parse("-", &v, &d) == NUM_MISSING);
    CHECK(num_parse("NaN", &v, &d) == NUM_NOT_FINITE);
    CHECK(num_parse("-Infinity", &v, &d) == NUM_NOT_FINITE);
    CHECK(num_parse("1e16", &v, &d) == NUM_HUGE);
    CHECK(num_parse("1e999", &v, &d) == NUM_HUGE);
    /* exponents beyond a long (tests/fuzz/regress/csv/exponent-overflow) */
    CHECK(num_parse("1e-99999999999999999999", &v, &d) == NUM_TINY);
    CHECK(num_parse("1e99999999999999999999", &v, &d) == NUM_HUGE);
    CHECK(num_parse("1000000000000000", &v, &d) == NUM_OK);
    /* nearer 0 than 10^-6 and not 0: the axis of 0 and 5e-324 overflowed its coordinates */
    CHECK(num_parse("5e-324", &v, &d) == NUM_TINY);
    CHECK(num_parse("-0.0000009", &v, &d) == NUM_TINY);
    CHECK(num_parse("0.000001", &v, &d) == NUM_OK && v == 1e-6 && d == 6);
    CHECK(num_parse("0.0000000", &v, &d) == NUM_OK && v == 0);
    /* a digit other than 0 that underflows to 0 (or to a subnormal) is not 0 */
    CHECK(num_parse("1e-1000", &v, &d) == NUM_TINY);
    CHECK(num_parse("-2.5e-400", &v, &d) == NUM_TINY);
    CHECK(num_parse("1e-310", &v, &d) == NUM_TINY); /* subnormal */
    v = 1;
    CHECK(num_parse("0", &v, &d) == NUM_OK && v == 0 && d == 0);
    CHECK(num_parse("0.0", &v, &d) == NUM_OK && v == 0 && d == 1);
    CHECK(num_parse("0e5", &v, &d) == NUM_OK && v == 0);
    CHECK(num_parse("-0", &v, &d) == NUM_OK && v == 0);
    CHECK(num_parse("0e-99999", &v, &d) == NUM_OK && v == 0);
    CHECK(num_parse("12a", &v, &d) == NUM_BAD);
    CHECK(num_parse("5.2%", &v, &d) == NUM_BAD);
    CHECK(num_parse("1,23", &v, &d) == NUM_BAD);
    CHECK(num_parse("12,345,67", &v, &d) == NUM_BAD);
    CHECK(num_parse("1e", &v, &d) == NUM_BAD);
    CHECK(num_parse(".", &v, &d) == NUM_BAD);
    /* after the exponent's digits, nothing (1e5x read as 100000) */
    CHECK(num_parse("1e5x", &v, &d) == NUM_BAD);
    CHECK(num_parse("2.5e3,000", &v, &d) == NUM_BAD);
  }

  TEST("num_parse: a valid number of any length (127 characters was the most)") {
    /* 12.5 after leading zeros, 127 and 128 characters in all; a long
     * decimal; grouped; 10,000 digits */
    char zeros[20000];
    double v = 0;
    int d = -1;
    for (size_t len = 127; len <= 128; len++) {
      snprintf(zeros, sizeof zeros, "%0*d.5", (int)len - 2, 12);
      CHECK(strlen(zeros) == len && num_parse(zeros, &v, &d) == NUM_OK && v == 12.5 && d == 1);
    }
    memset(zeros, '1', sizeof zeros - 1);
    zeros[sizeof zeros - 1] = '\0';
    zeros[0] = '3', zeros[1] = '.';
    CHECK(num_parse(zeros, &v, &d) == NUM_OK && v == 3.1111111111111111 && d == 6);
    zeros[1] = '1'; /* 19,999 digits: far beyond 10^15 */
    CHECK(num_parse(zeros, &v, &d) == NUM_HUGE);
    memcpy(zeros, "-1,234.", 7);
    CHECK(num_parse(zeros, &v, &d) == NUM_OK && v == -1234.1111111111111 && d == 6);
    snprintf(zeros, sizeof zeros, "0.%0150de-3", 0);
    CHECK(num_parse(zeros, &v, &d) == NUM_OK && v == 0 && d == 6);
  }

  TEST("num_format groups thousands and never writes -0") {
    CHECK_STR(formatted(a, 1234567.891, 2), "1,234,567.89");
    CHECK_STR(formatted(a, -54120, 0), "-54,120");
    CHECK_STR(formatted(a, 999, 0), "999");
    CHECK_STR(formatted(a, 1000, 1), "1,000.0");
    CHECK_STR(formatted(a, -0.04, 1), "0.0");
    CHECK_STR(formatted(a, 0.25, 2), "0.25");
  }

  TEST("units split into 万/亿 and a base; rates are rates") {
    const char *base;
    CHECK(unit_split("亿元", &base) == 1e8);
    CHECK_STR(base, "元");
    CHECK(unit_split("万人", &base) == 1e4);
    CHECK_STR(base, "人");
    CHECK(unit_split("万亿元", &base) == 1e12);
    CHECK(unit_split("元", &base) == 1);
    CHECK(unit_is_rate("%") && unit_is_rate("百分点") && !unit_is_rate("元"));
  }

  TEST("axes_fit: nice ticks from zero for bars") {
    chart_axis ax = {.used = true, .unit = "亿元", .min = 312.6, .max = 415.3};
    axes_fit(a, &ax, 1, true, 1, 7);
    CHECK(ax.lo == 0 && ax.step == 100 && ax.n == 5 && ax.decimals == 0 && ax.div == 1);
    CHECK_STR(ax.label, "亿元");
  }

  TEST("axes_fit: a short bar below zero gets the labels' room too (a share of the span, not of its value)") {
    chart_axis ax = {.used = true, .unit = "%", .min = -1.5, .max = 9.6};
    axes_fit(a, &ax, 1, true, 1.08, 7); /* 8 % of the span: -1.5's label reaches -2.39 */
    CHECK(ax.lo <= -1.5 - 0.08 * 11.1 && ax.lo + ax.n * ax.step >= 9.6 + 0.08 * 11.1);
    chart_axis up = {.used = true, .unit = "%", .min = 1.5, .max = 9.6};
    axes_fit(a, &up, 1, true, 1.08, 7); /* values above zero only: room above, as before */
    CHECK(up.lo == 0 && up.lo + up.n * up.step >= 9.6 * 1.08);
  }

  TEST("axes_fit: a line far from zero starts near its minimum") {
    chart_axis ax = {.used = true, .unit = "亿元", .min = 312.6, .max = 415.3};
    axes_fit(a, &ax, 1, false, 1, 7);
    CHECK(ax.lo == 300 && ax.step == 20 && ax.n == 6);
  }

  /* a phone's plot has gridlines 32 px apart: room for 4 intervals at most,
   * where the ranges tried (4 up to max_n - 1) were none and the line fell
   * back to an axis from 0 (0–15 for 10.5 and 12) */
  TEST("axes_fit: a line far from zero starts near its minimum on a short plot too") {
    for (int max_n = 2; max_n <= 7; max_n++) {
      chart_axis ax = {.used = true, .unit = "亿元", .min = 10.5, .max = 12};
      axes_fit(a, &ax, 1, false, 1, max_n);
      CHECK(ax.lo >= 10 && ax.n <= max_n);
    }
    chart_axis ax = {.used = true, .unit = "亿元", .min = 10.5, .max = 12};
    axes_fit(a, &ax, 1, false, 1, 4);
    CHECK(ax.lo == 10.5 && ax.step == 0.5 && ax.n == 3);
  }

  /* a short bar chart (max_n 4) may take 3 intervals: 4 of 200 for 415 left half the plot empty */
  TEST("axes_fit: 3 intervals when 4 would waste the plot") {
    chart_axis ax = {.used = true, .unit = "亿元", .min = 312.6, .max = 415.3};
    axes_fit(a, &ax, 1, true, 1.12, 4);
    CHECK(ax.lo == 0 && ax.step == 200 && ax.n == 3);
  }

  TEST("axes_fit: two axes share gridlines and the zero line") {
    chart_axis ax[2] = {{.used = true, .unit = "亿元", .min = 21.05, .max = 24.38},
                        {.used = true, .unit = "%", .min = -6.4, .max = 10.1}};
    axes_fit(a, ax, 2, true, 1, 7);
    CHECK(ax[0].n == ax[1].n);
    CHECK(fabs(ax[0].lo / ax[0].step - ax[1].lo / ax[1].step) < 1e-9);
    CHECK(ax[1].lo <= -6.4 && ax[1].lo + ax[1].n * ax[1].step >= 10.1);
    CHECK(ax[0].lo + ax[0].n * ax[0].step >= 24.38);
  }

  TEST("axes_fit: 万/亿 display units, 2.5 steps only when they pay") {
    chart_axis yuan = {.used = true, .unit = "元", .min = -1.02e9, .max = 1.25e9};
    axes_fit(a, &yuan, 1, true, 1, 7);
    CHECK(yuan.div == 1e8);
    CHECK_STR(yuan.label, "亿元");
    chart_axis income = {.used = true, .unit = "元", .min = 14860, .max = 54120};
    axes_fit(a, &income, 1, true, 1, 7);
    CHECK(income.div == 1 && income.step == 10000 && income.n == 6);
    chart_axis wan = {.used = true, .unit = "万元", .min = 0, .max = 3.2e5};
    axes_fit(a, &wan, 1, true, 1, 7);
    CHECK(wan.div == 1e4);
    CHECK_STR(wan.label, "亿元");
    chart_axis rate = {.used = true, .unit = "%", .min = 0, .max = 1.2e6};
    axes_fit(a, &rate, 1, true, 1, 7);
    CHECK(rate.div == 1);
    chart_axis flat = {.used = true, .unit = "", .min = 0, .max = 0};
    axes_fit(a, &flat, 1, true, 1, 7);
    CHECK(flat.step > 0 && flat.n >= 4);
  }

  TEST("axes_fit: a range of exactly one step, on a short chart, still gets two intervals") {
    /* 300..400 with room for two intervals: the one candidate, 300-400 in
     * one step of 100, was refused and the axis kept n = 0 (every y NaN,
     * UBSan in fixed_format, a blank plot) */
    chart_axis ax = {.used = true, .unit = "", .min = 300, .max = 400};
    axes_fit(a, &ax, 1, false, 1, 2);
    CHECK(ax.n == 2 && ax.step == 100 && ax.lo == 300);
    for (int max_n = 2; max_n <= 7; max_n++) {
      chart_axis r = {.used = true, .unit = "", .min = 312.6, .max = 312.7};
      axes_fit(a, &r, 1, false, 1, max_n);
      CHECK(r.n >= 2 && r.n <= max_n && r.step > 0 && r.lo <= 312.6 && r.lo + r.n * r.step >= 312.7);
    }
  }

  TEST("axes_fit: no step finer than 10^-6, the finest a tick label writes") {
    /* 2e-7 steps were labelled 0.000000, 0.000000, 0.000001, 0.000001 … */
    chart_axis bar = {.used = true, .unit = "", .min = 0, .max = 2e-6};
    axes_fit(a, &bar, 1, true, 1, 7);
    CHECK(bar.step == 1e-6 && bar.decimals == 6);
    chart_axis line = {.used = true, .unit = "", .min = 100.000001, .max = 100.000002};
    axes_fit(a, &line, 1, false, 1, 7);
    CHECK(line.step == 1e-6 && line.n == 2);
    CHECK_STR(num_str(a, line.lo, line.decimals), "100.000001");
    CHECK_STR(num_str(a, line.lo + line.step, line.decimals), "100.000002");
  }

  TEST("fixed_format: the most negative long") {
    buf b = BUF_INIT;
    fixed_format(&b, LONG_MIN, 1);
    CHECK_STR(buf_cstr(&b), "-922337203685477580.8");
    buf_free(&b);
  }

  TEST("csv_parse: BOM, CRLF, quotes, blank lines, positions in code points") {
    const char text[] = "\xef\xbb\xbf名称,\"数值\"\r\n\r\n\"甲,乙\",\" 1,234 \"\r\n丙 ,\"a \"\"q\"\"\nb\"\n";
    csv_table t;
    CHECK(csv_parse(a, "x.csv", text, sizeof text - 1, &t));
    CHECK(t.nrows == 3 && t.ncols == 2);
    CHECK_STR(csv_at(&t, 0, 1)->s, "数值");
    CHECK_STR(csv_at(&t, 1, 0)->s, "甲,乙");
    CHECK_STR(csv_at(&t, 1, 1)->s, " 1,234 ");
    CHECK(csv_at(&t, 1, 1)->line == 3 && csv_at(&t, 1, 1)->col == 7);
    CHECK_STR(csv_at(&t, 2, 0)->s, "丙");
    CHECK_STR(csv_at(&t, 2, 1)->s, "a \"q\" b");
    CHECK(csv_at(&t, 2, 1)->line == 4 && csv_at(&t, 2, 1)->col == 4);
    CHECK_STR(tl_flushed(), "");
  }

  TEST("csv_parse reports what is wrong, where") {
    csv_table t;
    CHECK(!csv_parse(a, "x.csv", "a,b\n1,\"2\"x\n", 12, &t));
    CHECK_STR(tl_flushed(), "x.csv:2:6: error: text after a quoted field\n"
                         "  hint: put a comma after the closing quote\n");
    CHECK(!csv_parse(a, "x.csv", "a,b\n1,2\"\n", 9, &t));
    CHECK_STR(tl_flushed(), "x.csv:2:4: error: a double quote inside an unquoted field\n"
                         "  hint: quote the whole field: \"a \"\"b\"\" c\"\n");
    CHECK(!csv_parse(a, "x.csv", "名,名\n1,2\n", 12, &t));
    CHECK_STR(tl_flushed(), "x.csv:1:3: error: duplicate column name \"名\"\n"
                         "  hint: give each column its own name\n");
    CHECK(!csv_parse(a, "x.csv", "a,b\n", 4, &t));
    CHECK_STR(tl_flushed(), "x.csv:1:1: error: the CSV file has no data rows\n"
                         "  hint: add one row per category below the column names\n");
    CHECK(!csv_parse(a, "x.csv", "a,b\n\xe4\xb8\n", 7, &t));
    CHECK_STR(tl_flushed(), "x.csv:2:1: error: the CSV file is not valid UTF-8\n"
                         "  hint: save the file as UTF-8\n");
  }

  TEST("csv_parse keeps one row more than a chart shows, counts the rest, stops at 257 cells") {
    buf b = BUF_INIT;
    buf_puts(&b, "序号,值\n");
    for (int i = 0; i < 100000; i++) buf_printf(&b, "%d,\"%d\"\n", i, i);
    csv_table t;
    CHECK(csv_parse(a, "x.csv", b.data, b.len, &t));
    CHECK(t.nrows == CSV_KEPT_ROWS + 1 && t.data_rows == 100000 && t.ncols == 2);
    CHECK_STR(csv_at(&t, CSV_KEPT_ROWS, 1)->s, "60");
    CHECK(csv_at(&t, CSV_KEPT_ROWS, 1)->line == 62);
    buf_clear(&b);
    for (int i = 1; i <= CHART_CSV_MAX_COLS; i++) buf_printf(&b, "%s列%d", i > 1 ? "," : "", i);
    buf_puts(&b, "\n");
    for (int i = 1; i <= CHART_CSV_MAX_COLS; i++) buf_puts(&b, i > 1 ? ",1" : "1");
    CHECK(csv_parse(a, "x.csv", b.data, b.len, &t) && t.ncols == CHART_CSV_MAX_COLS);
    buf_puts(&b, ",\"1\"\n");
    CHECK(!csv_parse(a, "x.csv", b.data, b.len, &t) && t.cells == NULL);
    CHECK_STR(tl_flushed(), "x.csv:2:513: error: a row of more than 256 cells; a chart's CSV file may have at most 256 columns\n"
                            "  hint: a chart draws at most 8 series: keep only the columns it draws, or split the file into one CSV per chart\n");
    buf_free(&b);
  }

  TEST("glyphs_check: a character the font lacks, said where it is written") {
    /* written as an escape in "…": at its backslash, not at the same
     * character written plainly further on (another value's) */
    const char spec[] = "title: \"年\\U0001F600\"\nnote: 😀\n";
    chart_source src = {"s.yaml", spec, sizeof spec - 1, true};
    CHECK(!glyphs_check(&src, "年😀", FONT_BOLD, 1, 8));
    CHECK_STR(tl_flushed(), "s.yaml:1:10: error: the chart font has no glyph for \"😀\" (U+1F600)\n"
                            "  hint: use another character (the chart font is Noto Sans CJK SC)\n");
    /* an anchor and a tag before the value; a value nowhere in the bytes stays at its start */
    const char tagged[] = "note: &n !!str 注😀\n";
    src = (chart_source){"s.yaml", tagged, sizeof tagged - 1, true};
    CHECK(!glyphs_check(&src, "注😀", FONT_REGULAR, 1, 7));
    CHECK(!glyphs_check(&src, "\xE2\x80\xAE", FONT_REGULAR, 1, 7));
    src.text = NULL;
    CHECK(!glyphs_check(&src, "注😀", FONT_REGULAR, 1, 7));
    CHECK_STR(tl_flushed(), "s.yaml:1:7: error: the chart font has no glyph for \"\\u202E\" (U+202E)\n"
                            "  hint: use another character (the chart font is Noto Sans CJK SC)\n"
                            "s.yaml:1:7: error: the chart font has no glyph for \"😀\" (U+1F600)\n"
                            "  hint: use another character (the chart font is Noto Sans CJK SC)\n"
                            "s.yaml:1:17: error: the chart font has no glyph for \"😀\" (U+1F600)\n"
                            "  hint: use another character (the chart font is Noto Sans CJK SC)\n");
    CHECK(glyphs_check(&src, "二〇二三年 统计", FONT_BOLD, 1, 1));
  }

  TEST("fonts: Noto Sans CJK SC by file, advances in 1/1000 em") {
    CHECK(fonts_ready());
    const chart_glyph *g = font_glyph(FONT_REGULAR, 0x4E2D); /* 中 */
    CHECK(g && g->advance == 1000 && g->d[0] == 'm');
    CHECK(font_glyph(FONT_BOLD, '2') && font_glyph(FONT_BOLD, '2')->advance < 1000);
    CHECK(font_glyph(FONT_REGULAR, ' ') && *font_glyph(FONT_REGULAR, ' ')->d == '\0');
    CHECK(font_glyph(FONT_REGULAR, 0x1F600) == NULL);
  }

  /* chart_period: the forms a time axis is read from, and what is not one. */
  TEST("periods_of: consecutive years, quarters and months, and their shorter forms") {
    chart_periods per;
    static const char *const months[] = {"2022年11月", "2022年12月", "2023年1月", "2023年02月"};
    CHECK(periods_of(a, months, 4, &per) && per.per_year == 12 && per.index[0] == 2022 * 12 + 10);
    CHECK(strcmp(per.shorter[1], "12月") == 0 && strcmp(per.shorter[3], "02月") == 0);
    static const char *const iso[] = {"2023-11", "2023-12", "2024/1"};
    CHECK(periods_of(a, iso, 3, &per) && per.per_year == 12 && per.shorter[0] == NULL);
    static const char *const quarters[] = {"2022年第3季度", "2022年四季度", "2023年第1季度"};
    CHECK(periods_of(a, quarters, 3, &per) && per.per_year == 4 && strcmp(per.shorter[1], "四季度") == 0);
    static const char *const q[] = {"2022Q4", "2023-Q1", "2023 Q2", "2023年Q3"};
    CHECK(periods_of(a, q, 4, &per) && per.per_year == 4 && strcmp(per.shorter[1], "Q1") == 0);
    static const char *const years[] = {"2018", "2019年", "2020"};
    CHECK(periods_of(a, years, 3, &per) && per.per_year == 1 && per.shorter[1] == NULL);
    /* not a time axis: a gap, a step back, kinds mixed, no such period, one category, other words */
    static const char *const gap[] = {"2022年1月", "2022年3月"}, *const back[] = {"2020", "2019"},
                             *const mixed[] = {"2022年12月", "2023年第1季度"}, *const m13[] = {"2022年12月", "2022年13月"},
                             *const q5[] = {"2022年第4季度", "2022年第5季度"}, *const one[] = {"2022年1月"},
                             *const words[] = {"2022年1月", "2022年2月份"}, *const num[] = {"20221", "20222"};
    CHECK(!periods_of(a, gap, 2, &per) && !periods_of(a, back, 2, &per) && !periods_of(a, mixed, 2, &per));
    CHECK(!periods_of(a, m13, 2, &per) && !periods_of(a, q5, 2, &per) && !periods_of(a, one, 1, &per));
    CHECK(!periods_of(a, words, 2, &per) && !periods_of(a, num, 2, &per));
  }

  TEST("text_wrap: between Chinese characters, words whole, no closing mark first") {
    text_style st = {FONT_REGULAR, 10, 0};
    const char *l[3];
    CHECK(text_width(&st, "区数据资源管理局") == 80);
    CHECK(text_wrap(a, &st, "区数据资源管理局", 50, 3, l) == 2);
    CHECK_STR(l[0], "区数据资源");
    CHECK_STR(l[1], "管理局");
    CHECK(text_wrap(a, &st, "地区（示例）数据", 50, 3, l) == 2);
    CHECK_STR(l[0], "地区（示");
    CHECK_STR(l[1], "例）数据");
    CHECK(text_wrap(a, &st, "GDP growth", 40, 3, l) == 2);
    CHECK_STR(l[0], "GDP");
    CHECK_STR(l[1], "growth");
    CHECK(text_wrap(a, &st, "区数据资源管理局", 20, 3, l) == 0);
    CHECK(text_wrap(a, &st, "2018", 10, 3, l) == 0);
    CHECK(text_wrap_fit(a, &st, "区数据资源管理局", 20, 3, l) == 3);
    CHECK_STR(l[2], "源…");
    CHECK_STR(text_fit(a, &st, "区数据资源管理局", 45), "区数据…");
    CHECK_STR(text_fit(a, &st, "区数据", 45), "区数据");
  }

  TEST("text_wrap_title: a title on a phone's 368 px, broken between its phrases, never inside a number or word") {
    const text_style *st = style_title();
    const char *l[3];
    static const char *const two[][3] = {
        {"2018—2023年云岭区一般公共预算收入及增速", "2018—2023年", "云岭区一般公共预算收入及增速"},
        {"一般公共预算收入构成（零值与不足0.05%的部分）", "一般公共预算收入构成", "（零值与不足0.05%的部分）"},
        {"2023年末云岭区常住人口及城镇化率（万人、%）", "2023年末云岭区常住人口及城镇化率", "（万人、%）"},
        /* 年度 stays whole; without a phrase break, even lines */
        {"2023年度云岭区政府信息公开工作年度报告数据", "2023年度云岭区政府信", "息公开工作年度报告数据"},
        {"云岭区GDP与Internet经济规模12345678.9万元增长", "云岭区GDP与Internet经济", "规模12345678.9万元增长"},
    };
    for (size_t i = 0; i < sizeof two / sizeof *two; i++) {
      CHECK(text_wrap_title(a, st, two[i][0], 368, 3, l) == 2);
      CHECK_STR(l[0], two[i][1]);
      CHECK_STR(l[1], two[i][2]);
    }
    /* fits: one line, as text_wrap; too long for three: 0 (the caller cuts it with …) */
    CHECK(text_wrap_title(a, st, "2023年云岭区三次产业增加值构成", 368, 3, l) == 1);
    CHECK_STR(l[0], "2023年云岭区三次产业增加值构成");
    CHECK(text_wrap_title(a, st, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一", 368, 3, l) == 0);
  }

  /* A category name drawn across on a phone (16 px; its column 184 px,
   * NAME_SHARE of 368, widened up to 202.4, NAME_WIDE): whole, broken
   * only between phrases — after the office's name (局, 委员会, 中心), a
   * place (云岭区, 街道) — or between two words of the lexicon, never
   * inside one; only a name that has no such breaks is shortened. */
  TEST("text_name_wrap: a category name breaks between phrases or words, never inside a word") {
    static const text_style st = {FONT_REGULAR, 16, 0};
    static const struct {
      const char *name;
      double w;
      size_t lines;
      bool words;
      const char *want[3];
    } cases[] = {
        {"区数据资源管理局政务数据共享交换平台", 184, 2, false, {"区数据资源管理局", "政务数据共享交换平台"}},
        {"区卫生健康委员会全民健康信息平台", 184, 2, false, {"区卫生健康委员会", "全民健康信息平台"}},
        {"区政务服务中心一网通办综合受理平台", 184, 2, false, {"区政务服务中心", "一网通办综合受理平台"}},
        /* 投资项目在线审批监管平台 is 192 px: not in 184 (text_wrap_title cut it: 委员会投 / 资项目),
         * in the widened column */
        {"区发展和改革委员会投资项目在线审批监管平台", 184, 2, false, {NULL}},
        {"区发展和改革委员会投资项目在线审批监管平台", 202.4, 2, false, {"区发展和改革委员会", "投资项目在线审批监管平台"}},
        {"区住房和城乡建设局工程建设项目审批管理系统", 202.4, 2, false, {"区住房和城乡建设局", "工程建设项目审批管理系统"}},
        /* without the room, between words: as few lines as that allows */
        {"区发展和改革委员会投资项目在线审批监管平台", 184, 3, true, {"区发展和改革委员会投资", "项目在线审批监管平台"}},
        /* a place: 街道, a district (but not in 区域) */
        {"城关街道社区卫生服务中心家庭医生签约服务", 202.4, 2, false, {"城关街道社区卫生服务中心", "家庭医生签约服务"}},
        {"云岭区人民政府办公室", 120, 2, false, {"云岭区", "人民政府办公室"}},
        {"云岭区域协调发展规划", 120, 2, false, {NULL}},
        /* no phrase break fits: between two words (服务 | 平台), not inside 一体化 */
        {"全国一体化在线政务服务平台统一身份认证系统", 184, 2, false, {NULL}},
        {"全国一体化在线政务服务平台统一身份认证系统", 184, 2, true, {"全国一体化在线政务服务", "平台统一身份认证系统"}},
        /* characters the lexicon does not know are never broken apart */
        {"甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳", 184, 3, true, {NULL}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
      const char *l[3] = {0};
      size_t want = 0, got = text_name_wrap(a, text_name_breaks(a, &st, cases[i].name), cases[i].w, cases[i].lines,
                                            cases[i].words, l);
      while (want < 3 && cases[i].want[want]) want++;
      if (got != want) printf("FAIL %s: %zu lines (%s / %s / %s), want %zu\n", cases[i].name, got, l[0], l[1], l[2], want);
      CHECK(got == want);
      for (size_t k = 0; k < want && k < got; k++) CHECK_STR(l[k], cases[i].want[k]);
    }
    /* the last resort: lines at word or phrase breaks, the rest shortened with … */
    const char *l[3];
    CHECK(text_name_fit(a, text_name_breaks(a, &st, "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳"), 184, 3, l) == 1);
    CHECK_STR(l[0], "甲乙丙丁戊己庚辛壬癸…");
    CHECK(text_name_fit(a, text_name_breaks(a, &st, "云岭区人民政府办公室关于进一步优化营商环境深化一网通办改革工作领导小组办公室"),
                        202.4, 3, l) == 3);
    CHECK_STR(l[0], "云岭区人民政府办公室");
    CHECK_STR(l[1], "关于进一步优化营商");
    CHECK_STR(l[2], "环境深化一网通办改革工…");
    /* titles keep their rule: even lines when no phrase break fits */
    CHECK(text_wrap_title(a, &st, "区发展和改革委员会投资项目在线审批监管平台", 176, 2, l) == 2);
    CHECK_STR(l[0], "区发展和改革委员会投");
  }

  /* The lexicon is sorted by bytes (it is searched by halves) and its
   * words are 2 to LEXICON_LONGEST characters. */
  TEST("chart_lexicon: sorted, no duplicates, 2 to 4 characters a word") {
    for (size_t i = 0; i < chart_lexicon_n; i++) {
      size_t chars = utf8_count(chart_lexicon[i], strlen(chart_lexicon[i]));
      if (chars < 2 || chars > LEXICON_LONGEST) printf("FAIL lexicon word %s: %zu characters\n", chart_lexicon[i], chars);
      CHECK(chars >= 2 && chars <= LEXICON_LONGEST);
      if (i && strcmp(chart_lexicon[i - 1], chart_lexicon[i]) >= 0)
        printf("FAIL lexicon: %s before %s\n", chart_lexicon[i - 1], chart_lexicon[i]);
      CHECK(!i || strcmp(chart_lexicon[i - 1], chart_lexicon[i]) < 0);
    }
    bool b[40];
    const char *s = "区发展和改革委员会投资项目";
    lexicon_bounds(s, strlen(s), b);
    size_t at[8], n = 0;
    for (size_t i = 0; i <= strlen(s); i++)
      if (b[i] && n < 8) at[n++] = utf8_count(s, i);
    /* 区 | 发展 和 改革 | 委员会 | 投资 | 项目: only where two listed words meet */
    CHECK(n == 3 && at[0] == 6 && at[1] == 9 && at[2] == 11);
  }

  TEST("path data: relative, h/v, implicit repeats, minimal separators") {
    CHECK_STR(path_of(square, 1), "m10 10h50v80.5h-50zm-10-9.5c.5-1 1.5-1 2 0 .5 1 1.5 1 2 0");
    CHECK_STR(path_of(square, 0), "m100 100h500v805h-500zm-100-95c5-10 15-10 20 0 5 10 15 10 20 0");
  }

  TEST("cairo's SVG: presentation attributes, no ids, compact paths") {
    const char in[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300px\" height=\"200px\" viewBox=\"0 0 300 200\" version=\"1.1\">\n"
        "<g id=\"surface7\">\n"
        "<rect x=\"0\" y=\"0\" width=\"300\" height=\"200\" style=\"fill:rgb(100%,100%,100%);fill-opacity:1;stroke:none;\"/>\n"
        "<path style=\" stroke:none;fill-rule:nonzero;fill:rgb(0%,44.705882%,69.803922%);fill-opacity:1;\" d=\"M 10 10 L 60 10 L 60 90.25 L 10 90.25 Z M 10 10 \"/>\n"
        "<path style=\"fill:none;stroke-width:2;stroke-linecap:round;stroke-linejoin:round;stroke:rgb(80%,40%,0%);stroke-opacity:1;stroke-miterlimit:10;\" d=\"M 10 100 L 100 150.332031 \"/>\n"
        "<path style=\" stroke:none;fill-rule:nonzero;fill:rgb(0%,0%,0%);fill-opacity:0.5;\" d=\"M 53.5 50 C 53.5 54.667969 46.5 54.667969 46.5 50 Z\"/>\n"
        "</g>\n</svg>\n";
    buf out = BUF_INIT;
    CHECK(svg_shapes_from_cairo(in, sizeof in - 1, &out));
    CHECK_STR(buf_cstr(&out),
              "<rect width=\"300\" height=\"200\" fill=\"#fff\"/>\n"
              "<path fill=\"#0072b2\" d=\"m10 10h50v80.3h-50z\"/>\n"
              "<path fill=\"none\" stroke-width=\"2\" stroke-linecap=\"round\" stroke-linejoin=\"round\" stroke=\"#c60\" d=\"m10 100l90 50.3\"/>\n"
              "<path fill=\"#000\" fill-opacity=\"0.5\" d=\"m53.5 50c0 4.7-7 4.7-7 0z\"/>\n");
    buf_clear(&out);
    const char image[] = "<svg><g id=\"surface1\"><image width=\"1\" height=\"1\"/></g></svg>";
    CHECK(!svg_shapes_from_cairo(image, sizeof image - 1, &out));
    buf_free(&out);
  }

  TEST("chart_id_valid") {
    CHECK(chart_id_valid("gdp-2023_a"));
    CHECK(chart_id_valid("GDP")); /* the hint and docs/charts.md say capitals are letters too */
    CHECK(!chart_id_valid(""));
    CHECK(!chart_id_valid("a/b"));
    CHECK(!chart_id_valid("地区"));
  }

  TEST("chart_load: the spec path must be charts/<id>.yaml") {
    CHECK(chart_load(a, SITE, "content/gdp.yaml", NULL) == NULL);
    CHECK_STR(tl_flushed(), "tests/golden/charts/site/content/gdp.yaml:1:1: error: not a chart spec path: content/gdp.yaml\n"
                         "  hint: name chart specs charts/<id>.yaml, the id made of a-z, A-Z, 0-9, - and _\n");
    CHECK(chart_load(a, SITE, "charts/none.yaml", NULL) == NULL);
    CHECK_STR(tl_flushed(), "tests/golden/charts/site/charts/none.yaml: error: cannot read tests/golden/charts/site/charts/none.yaml: No such file or directory\n"
                         "  hint: check the chart id and charts/<id>.yaml\n");
  }

  TEST("chart_load: unknown type") {
    CHECK_STR(load_errors(a, "unknown-type"),
              "tests/golden/charts/errors/charts/unknown-type.yaml:2:7: error: unknown chart type \"bars\"\n"
              "  hint: use one of: bar, grouped-bar, stacked-bar, line, bar-line, pie, donut\n");
  }

  TEST("chart_load: missing columns name the columns there are") {
    CHECK_STR(load_errors(a, "missing-column"),
              "tests/golden/charts/errors/charts/missing-column.yaml:4:4: error: no column \"年度\" in tests/golden/charts/errors/charts/ok.csv\n"
              "  hint: the columns of tests/golden/charts/errors/charts/ok.csv are: 年份, 产值\n"
              "tests/golden/charts/errors/charts/missing-column.yaml:6:14: error: no column \"产量\" in tests/golden/charts/errors/charts/ok.csv\n"
              "  hint: the columns of tests/golden/charts/errors/charts/ok.csv are: 年份, 产值\n");
  }

  TEST("chart_load: non-numeric, NaN, Inf, huge and tiny cells and a short row") {
    CHECK_STR(load_errors(a, "bad-cells"),
              "tests/golden/charts/errors/charts/bad-cells.csv:2:6: error: \"12a\" is not a number (column \"甲\")\n"
              "  hint: write digits like 1234.5 or -3.2 (the unit goes in the spec); leave the cell empty for a missing value\n"
              "tests/golden/charts/errors/charts/bad-cells.csv:2:10: error: \"NaN\" is not a value a chart can show (column \"乙\")\n"
              "  hint: leave the cell empty for a missing value\n"
              "tests/golden/charts/errors/charts/bad-cells.csv:2:14: error: 1e16 is too large for a chart: beyond ±10^15 (column \"丙\")\n"
              "  hint: give the column in a larger unit (万元, 亿元) and say so in unit:\n"
              "tests/golden/charts/errors/charts/bad-cells.csv:3:14: error: \"inf\" is not a value a chart can show (column \"乙\")\n"
              "  hint: leave the cell empty for a missing value\n"
              "tests/golden/charts/errors/charts/bad-cells.csv:4:1: error: this row has 3 cells; the header has 4\n"
              "  hint: give every row one cell per column (leave a cell empty for a missing value)\n"
              "tests/golden/charts/errors/charts/bad-cells.csv:5:6: error: 5e-324 is too small for a chart: nearer 0 than ±10^-6, and not 0 (column \"甲\")\n"
              "  hint: give the column in a smaller unit (元 for 万元, 千分比) and say so in unit:\n"
              "tests/golden/charts/errors/charts/bad-cells.csv:5:13: error: -0.0000009 is too small for a chart: nearer 0 than ±10^-6, and not 0 (column \"乙\")\n"
              "  hint: give the column in a smaller unit (元 for 万元, 千分比) and say so in unit:\n");
  }

  TEST("chart_load: empty CSV, unclosed quote") {
    CHECK_STR(load_errors(a, "empty"),
              "tests/golden/charts/errors/charts/empty.csv:1:1: error: the CSV file is empty\n"
              "  hint: put the column names on the first line and one row per category below\n");
    CHECK_STR(load_errors(a, "unquoted"),
              "tests/golden/charts/errors/charts/unquoted.csv:2:6: error: unclosed quoted field\n"
              "  hint: close the field with a double quote (write \"\" for a quote inside it)\n");
  }

  TEST("chart_load: a data file outside charts/") {
    CHECK_STR(load_errors(a, "outside"),
              "tests/golden/charts/errors/charts/outside.yaml:3:7: error: data file \"../content/secret.csv\" is outside charts/\n"
              "  hint: put the CSV file in the charts folder and name it relative to the spec: data: gdp.csv\n");
  }

  TEST("chart_load: keys, series, colours and sizes are checked") {
    CHECK_STR(load_errors(a, "keys"),
              "tests/golden/charts/errors/charts/keys.yaml:1:1: error: unknown key \"titel\"\n"
              "  hint: the keys are: title, subtitle, type, data, x, series, source, note, colors, labels, width, height\n"
              "tests/golden/charts/errors/charts/keys.yaml:1:1: error: missing required key \"title\"\n"
              "  hint: see docs/charts.md for the spec format\n"
              "tests/golden/charts/errors/charts/keys.yaml:6:3: error: a pie chart takes exactly one series\n"
              "  hint: a pie or donut shows one column; draw several with bar or line\n"
              "tests/golden/charts/errors/charts/keys.yaml:6:24: error: axis: right is not available in this chart type\n"
              "  hint: a second axis is for line and bar-line charts\n"
              "tests/golden/charts/errors/charts/keys.yaml:6:31: error: unknown key \"colour\"\n"
              "  hint: the keys are: column, name, unit, axis, type, color\n"
              "tests/golden/charts/errors/charts/keys.yaml:7:5: error: two series are named \"产值\" (series 1 "
              "and 2): the legend could not tell them apart\n"
              "  hint: give each series its own name (name: …), or draw the column once\n"
              "tests/golden/charts/errors/charts/keys.yaml:8:10: error: \"#12345\" is not a colour\n"
              "  hint: write a colour as \"#0072B2\" (quoted: # starts a YAML comment)\n"
              "tests/golden/charts/errors/charts/keys.yaml:8:20: error: \"red\" is not a colour\n"
              "  hint: write a colour as \"#0072B2\" (quoted: # starts a YAML comment)\n"
              "tests/golden/charts/errors/charts/keys.yaml:9:8: error: \"width\" must be a whole number from 320 to 1600\n"
              "  hint: write digits only (pixels), without quotes or units\n");
  }

  TEST("chart_load: units per axis, bar-line needs both, duplicates, missing glyphs") {
    CHECK_STR(load_errors(a, "units"),
              "tests/golden/charts/errors/charts/units.csv:3:1: error: duplicate category \"2022\" (first at line 2)\n"
              "  hint: give each row its own category\n"
              "tests/golden/charts/errors/charts/units.yaml:1:14: error: the chart font has no glyph for \"😀\" (U+1F600)\n"
              "  hint: use another character (the chart font is Noto Sans CJK SC)\n"
              "tests/golden/charts/errors/charts/units.yaml:6:3: error: a bar-line chart needs bar and line series\n"
              "  hint: give one series type: line (or axis: right) and keep one as bars\n"
              "tests/golden/charts/errors/charts/units.yaml:7:24: error: series on one axis need one unit: \"万元\" here, \"亿元\" for 收入\n"
              "  hint: put series with another unit on the right axis (axis: right)\n");
  }

  TEST("chart_load: pie values, labels without bars, too many rows") {
    CHECK_STR(load_errors(a, "pie-negative"),
              "tests/golden/charts/errors/charts/pie-negative.csv:2:3: error: negative value -5 in a pie chart\n"
              "  hint: a pie shows parts of a whole; draw signed values as bars\n"
              "tests/golden/charts/errors/charts/pie-negative.csv:3:3: error: negative value -2 in a pie chart\n"
              "  hint: a pie shows parts of a whole; draw signed values as bars\n"
              "tests/golden/charts/errors/charts/pie-negative.yaml:6:9: error: labels: true needs bars\n"
              "  hint: value labels are drawn on bars\n");
    CHECK_STR(load_errors(a, "rows"),
              "tests/golden/charts/errors/charts/rows.csv:62:1: error: too many rows: 61 (a chart of this type shows at most 60)\n"
              "  hint: draw fewer categories per chart (split it, or group them)\n");
  }

  TEST("chart_load: a site root of \".\" shows site-relative paths") {
    CHECK(chart_load(a, ".", "charts/none.yaml", NULL) == NULL);
    CHECK_STR(tl_flushed(), "charts/none.yaml: error: cannot read charts/none.yaml: No such file or directory\n"
                         "  hint: check the chart id and charts/<id>.yaml\n");
  }

  TEST("chart_load: what the build needs") {
    chart_spec *c = load(a, SITE, "bar-line");
    CHECK(c != NULL);
    if (c) {
      CHECK_STR(c->id, "bar-line");
      CHECK_STR(c->spec_path, "charts/bar-line.yaml");
      CHECK_STR(c->csv_path, "charts/gdp.csv");
      CHECK_STR(c->title, "2018—2023年地区生产总值及增速");
      CHECK(c->width == 720 && c->height == 420);
    }
    c = load(a, SITE, "dual-line");
    CHECK(c && c->width == 560 && c->height == 360);
    CHECK_STR(tl_flushed(), "");
  }

  TEST("chart_summary says what each kind of chart shows") {
    static const struct { const char *id, *want; } cases[] = {
        /* the title names the period: said nowhere else; a rate by its range */
        {"bar-line", "2018—2023年地区生产总值及增速柱线组合图：地区生产总值由312.6亿元增至415.3亿元，增长32.9%；比上年增长最高为2018年的7.8%，最低为2020年的3.1%。"},
        /* the title does not: said once, at the start */
        {"stacked-bar", "三次产业增加值堆积柱状图：2018年至2023年，合计由312.6亿元增至415.3亿元，增长32.9%；2023年第三产业占比最大，为68.5%。"},
        {"donut", "2023年三次产业构成环形图：合计415.3亿元，其中第三产业占比最大，为68.5%，其次是第二产业（28.5%）、第一产业（3.0%）。"},
        {"pie", "一般公共预算支出构成（小份额不重叠）饼图：合计361,350万元，其中教育占比最大，为35.5%，其次是社会保障和就业（26.7%）、卫生健康（15.0%）、城乡社区（10.7%）、农林水（6.0%）等。"},
        /* streets are no sequence: no "from the first to the last", the range */
        {"big-negative", "各街道财政收支差额（万/亿换算与负值）柱状图：差额最高为城关街道的1,250,000,000元，最低为南湖街道的-1,020,000,000元。"},
        /* its names do not fit flat under the bars: drawn across, a 条形图 */
        {"grouped-bar", "各部门政务公开事项数量（长名称换行）分组条形图：主动公开最高为区教育体育局的1,520件，最低为区住房和城乡建设局的843件；依申请公开最高为区教育体育局的88件，最低为区发展和改革委员会的41件。"},
        /* months are points in time; the title names only the years */
        {"months", "2022—2024年月度政务服务办件量（30个月，缺失为断点）折线图：2022年1月至2024年6月，网上办件由18,000件增至48,354件，增长168.6%；窗口办件由17,500件降至7,003件，下降60.0%。"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
      chart_spec *c = load(a, SITE, cases[i].id);
      CHECK(c != NULL);
      if (c) CHECK_STR(chart_summary(a, c), cases[i].want);
    }
  }

  TEST("chart_summary names a category only where it is not an end of the period") {
    static const char *years[] = {"2019", "2020", "2021", "2022", "2023"};
    static const char *quarters[] = {"一季度", "二季度", "三季度", "四季度"};
    static const struct {
      const char *title, **cats;
      size_t ncats;
      bool years;
      const char *unit;
      double v[5];
      const char *want;
    } cases[] = {
        /* a gap at the start: the first value's year is said */
        {"收入", years, 5, true, "亿元", {NAN, 20, 30, 25, 40},
         "收入柱状图：2019年至2023年，收入由2020年的20亿元增至40亿元，增长100.0%。"},
        /* the same at both ends, higher between */
        {"收入", years, 5, true, "亿元", {20, 30, 25, 22, 20},
         "收入柱状图：2019年至2023年，收入期初和期末均为20亿元，最高为2020年的30亿元。"},
        {"收入", years, 5, true, "亿元", {20, 20, 20, 20, 20}, "收入柱状图：2019年至2023年，收入均为20亿元。"},
        /* one value; one category (said once, in the opening) */
        {"收入", years, 5, true, "亿元", {NAN, NAN, 7, NAN, NAN}, "收入柱状图：2019年至2023年，收入2021年为7亿元。"},
        {"2019年收入", years, 1, true, "亿元", {7}, "2019年收入柱状图：收入为7亿元。"},
        /* a fall, the lowest between; quarters are points in time too */
        {"2023年分季度收入", quarters, 4, false, "亿元", {9, 5, 7, 6},
         "2023年分季度收入柱状图：一季度至四季度，收入由9亿元降至6亿元，下降33.3%，最低为二季度的5亿元。"},
        /* a rate all the same */
        {"2019—2023年增速", years, 5, true, "%", {5, 5, 5, 5, 5}, "2019—2023年增速柱状图：收入均为5%。"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
      chart_series s = {.column = "收入", .name = "收入", .unit = cases[i].unit, .v = (double *)cases[i].v};
      chart_model m = {.type = CHART_BAR, .title = cases[i].title, .cats = cases[i].cats,
                       .ncats = cases[i].ncats, .series = &s, .nseries = 1, .years = cases[i].years};
      chart_spec c = {.id = "x", .title = cases[i].title, .m = &m};
      CHECK_STR(chart_summary(a, &c), cases[i].want);
    }
  }

  TEST("chart_table_html: caption, scoped headers, units, gaps, separators") {
    chart_spec *c = load(a, SITE, "big-negative");
    buf b = BUF_INIT;
    if (c) chart_table_html(c, &b);
    CHECK_STR(buf_cstr(&b),
              "<table class=\"chart-table\">\n"
              "<caption>各街道财政收支差额（万/亿换算与负值）</caption>\n"
              "<thead><tr><th scope=\"col\">街道</th><th scope=\"col\">差额（元）</th></tr></thead>\n"
              "<tbody>\n"
              "<tr><th scope=\"row\">城关街道</th><td>1,250,000,000</td></tr>\n"
              "<tr><th scope=\"row\">东城街道</th><td>-380,000,000</td></tr>\n"
              "<tr><th scope=\"row\">西城街道</th><td>726,500,000</td></tr>\n"
              "<tr><th scope=\"row\">南湖街道</th><td>-1,020,000,000</td></tr>\n"
              "<tr><th scope=\"row\">北山街道</th><td>—</td></tr>\n"
              "<tr><th scope=\"row\">龙泉镇</th><td>95,000,000</td></tr>\n"
              "</tbody>\n</table>\n");
    buf_free(&b);
  }

  TEST("chart_figure_html: anchor, img with the summary as alt, table, CSV link") {
    chart_spec *c = load(a, SITE, "donut");
    buf b = BUF_INIT;
    if (c) chart_figure_html(c, a, "/charts/donut.svg", NULL, "/charts/industries.csv", "chart-donut", &b);
    CHECK_STR(buf_cstr(&b),
              "<figure class=\"chart\" id=\"chart-donut\">\n"
              "<img src=\"/charts/donut.svg\" width=\"720\" height=\"420\" alt=\"2023年三次产业构成环形图：合计415.3亿元，其中第三产业占比最大，为68.5%，其次是第二产业（28.5%）、第一产业（3.0%）。\" loading=\"lazy\" decoding=\"async\">\n"
              "<details class=\"chart-data\">\n<summary>数据表</summary>\n"
              "<table class=\"chart-table\">\n"
              "<caption>2023年三次产业构成</caption>\n"
              "<thead><tr><th scope=\"col\">产业</th><th scope=\"col\">增加值（亿元）</th><th scope=\"col\">占比（%）</th></tr></thead>\n"
              "<tbody>\n"
              "<tr><th scope=\"row\">第一产业</th><td>12.5</td><td>3.0</td></tr>\n"
              "<tr><th scope=\"row\">第二产业</th><td>118.4</td><td>28.5</td></tr>\n"
              "<tr><th scope=\"row\">第三产业</th><td>284.4</td><td>68.5</td></tr>\n"
              "</tbody>\n</table>\n"
              "</details>\n"
              "<p class=\"chart-download\"><a href=\"/charts/industries.csv\" download title=\"CSV 格式，可用电子表格软件打开\">下载数据（表格）</a></p>\n"
              "</figure>\n");
    buf_free(&b);
  }

  TEST("chart_figure_html: a narrow_url is the phones' <picture> source, 400 px across (a donut: 336 + its legend's 60)") {
    chart_spec *c = load(a, SITE, "donut");
    buf b = BUF_INIT;
    if (c) chart_figure_html(c, a, "/charts/donut.svg", "/charts/donut.narrow.svg", "/charts/industries.csv", NULL, &b);
    const char *s = buf_cstr(&b), *img = strstr(s, "<img ");
    CHECK(img && img - s > 0);
    if (img)
      CHECK_STR(arena_strndup(a, s, (size_t)(img - s)),
                "<figure class=\"chart\">\n<picture><source media=\"(max-width: 640px)\" "
                "srcset=\"/charts/donut.narrow.svg\" width=\"400\" height=\"396\">");
    CHECK(strstr(s, "decoding=\"async\"></picture>\n<details") != NULL);
    buf_free(&b);
  }

  TEST("chart_narrow: 400 px across, four fifths as high but never under 280 px, the rest shared") {
    chart_spec c = {.id = "x", .width = 720, .height = 420}, n = chart_narrow(&c);
    CHECK(n.width == CHART_NARROW_W && n.height == 336 && strcmp(n.id, "x") == 0);
    c.height = 300;
    CHECK(chart_narrow(&c).height == 280);
  }

  TEST("chart_narrow: a pie's is taller by its legend, 24 px a row and 12 above") {
    chart_spec *pie = load(a, SITE, "pie"), *donut = load(a, SITE, "donut");
    CHECK(pie && chart_narrow(pie).height == 336 + 8 * 24 + 12);  /* 8 parts, long names: one column */
    CHECK(donut && chart_narrow(donut).height == 336 + 2 * 24 + 12); /* 3 short ones: two columns */
  }

  /* Its 16 px words (tick labels, category labels, legend, notes) take
   * room from the plot: the picture grows until the plot has NARROW_PLOT
   * px again, and no more (measured at the height it got, it needs none).
   * A bar chart whose names are not flat under its bars is drawn across:
   * as tall as its rows (32 px, a name of two lines 52), never under 280. */
  TEST("chart_narrow: taller where its 16 px words leave the plot (a pie's circle) under 180 px") {
    static const struct {
      const char *id;
      int height;
      bool across;
    } want[] = {{"bar", 336, false},         /* one title line, years flat: room enough */
                {"line", 336, false},
                {"bar-line", 368, false},    /* a units row and a legend */
                {"stacked-bar", 390, false}, /* years flat; a legend of three */
                {"grouped-bar", 442, true},  /* six long names: bars across, rows of 48 px for two value labels */
                {"big-negative", 314, true}, /* 城关街道 would wrap under its bar: across, 254 px of words and 6 rows */
                {"months", 416, false},      /* 30 months: flat year starts (a time axis), a two-line title */
                {"rotated", 828, true},      /* twenty names, two of them of two lines: 18 × 32 + 2 × 52 px of rows,
                                                and its unit 个工作日 above them (22 + 4 px) */
                {"pie-zero", 444 + 8, false}}; /* two title lines, three foot lines: the circle had 172 px */
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
      chart_spec *c = load(a, SITE, want[i].id);
      if (!c) {
        CHECK(c != NULL);
        continue;
      }
      chart_spec n = chart_narrow(c);
      if (n.height != want[i].height) printf("FAIL %s: narrow height %d, want %d\n", want[i].id, n.height, want[i].height);
      CHECK(n.height == want[i].height);
      CHECK(n.across == want[i].across);
      bool across = !n.across;
      if (c->m->type != CHART_PIE) CHECK(chart_extra(c->m, n.width, n.height, true, &across) < 1 && across == n.across);
    }
  }

  /* The desktop's picture goes across by the same rule (names not flat
   * under the bars, not a time axis, bars only): within its height while
   * the rows fit (eight names of one line in 420 px), taller only by what
   * they need beyond it (twenty names of one line: rows of 28 px). */
  TEST("chart_load: a desktop bar chart whose names are not flat goes across, within its height while the rows fit") {
    static const struct {
      const char *id;
      int height;
      bool across;
    } want[] = {{"platforms", 420, true},     {"grouped-bar", 420, true}, {"rotated", 674, true},
                {"big-negative", 420, false}, /* 城关街道 fits flat in 720 px */
                {"bar", 420, false},          {"months", 420, false}, /* a time axis is never across */
                {"line", 420, false}};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
      chart_spec *c = load(a, SITE, want[i].id);
      if (!c) {
        CHECK(c != NULL);
        continue;
      }
      if (c->height != want[i].height || c->across != want[i].across)
        printf("FAIL %s: desktop height %d across %d, want %d %d\n", want[i].id, c->height, c->across, want[i].height,
               want[i].across);
      CHECK(c->height == want[i].height && c->across == want[i].across);
      bool across = !c->across;
      CHECK(chart_extra(c->m, c->width, c->height, false, &across) < 1 && across == c->across);
    }
  }

  TEST("chart_svg_path: the desktop SVG and the phones' one beside it") {
    CHECK_STR(chart_svg_path(a, "gdp", false), "charts/gdp.svg");
    CHECK_STR(chart_svg_path(a, "gdp", true), "charts/gdp.narrow.svg");
  }

  arena_free(a);
  TEST_EXIT();
}

/* chart_summary: the sentence that says what a chart shows, for people who
 * cannot see it — the <img> alt text and the SVG's <desc>.
 *
 * "<title><kind>：" then one clause per series (at most three):
 *   levels  地区生产总值由2018年的312.6亿元增至2023年的415.3亿元，增长32.9%
 *           (plus the highest and lowest category when they lie between)
 *   rates   比上年增长最高为2018年的7.8%，最低为2020年的3.1%
 *   stacked 合计由…增至…；2023年第三产业占比最大，为68.5%
 *   pie     合计415.3亿元，其中第三产业占比最大，为68.5%，其次是第二产业（28.5%）…
 * Values are written as in the data table (same digits, same unit). */
#include <math.h>
#include <string.h>

#include "chart_model.h"

#define MAX_CLAUSES 3
#define MAX_PARTS 4

static const char *kind_name(const chart_model *m) {
  switch (m->type) {
    case CHART_BAR: return m->nseries > 1 ? "分组柱状图" : "柱状图";
    case CHART_GROUPED_BAR: return "分组柱状图";
    case CHART_STACKED_BAR: return "堆积柱状图";
    case CHART_LINE: return "折线图";
    case CHART_BAR_LINE: return "柱线组合图";
    case CHART_PIE: return "饼图";
    case CHART_DONUT: return "环形图";
  }
  return "图";
}

static void put_cat(buf *b, const chart_model *m, size_t i) {
  buf_puts(b, m->cats[i]);
  if (m->years) buf_puts(b, "年");
}

static void put_value(buf *b, double v, int decimals, const char *unit) {
  num_format(b, v, decimals);
  buf_puts(b, unit);
}

/* "2018年的312.6亿元" */
static void put_at(buf *b, const chart_model *m, size_t i, double v, int decimals, const char *unit) {
  put_cat(b, m, i);
  buf_puts(b, "的");
  put_value(b, v, decimals, unit);
}

/* A series' first, last, highest and lowest present values. */
typedef struct {
  size_t first, last, hi, lo, n;
} extremes;

static extremes extremes_of(const double *v, size_t n) {
  extremes e = {0, 0, 0, 0, 0};
  for (size_t i = 0; i < n; i++) {
    if (isnan(v[i])) continue;
    if (!e.n++) e.first = e.hi = e.lo = i;
    e.last = i;
    if (v[i] > v[e.hi]) e.hi = i;
    if (v[i] < v[e.lo]) e.lo = i;
  }
  return e;
}

/* How a level changed from the first to the last category. */
static void level_clause(buf *b, const chart_model *m, const char *name, const double *v,
                         int dec, const char *unit) {
  extremes e = extremes_of(v, m->ncats);
  buf_puts(b, name);
  if (e.first == e.last) {
    put_cat(b, m, e.first);
    buf_puts(b, "为");
    put_value(b, v[e.first], dec, unit);
    return;
  }
  double f = v[e.first], l = v[e.last];
  buf_puts(b, "由");
  put_at(b, m, e.first, f, dec, unit);
  buf_puts(b, l > f ? "增至" : l < f ? "降至" : "持平于");
  put_at(b, m, e.last, l, dec, unit);
  if (f > 0 && l > 0 && l != f) {
    buf_puts(b, l > f ? "，增长" : "，下降");
    num_format(b, fabs(l / f - 1) * 100, 1);
    buf_puts(b, "%");
  }
  if (e.hi != e.first && e.hi != e.last) {
    buf_puts(b, "，最高为");
    put_at(b, m, e.hi, v[e.hi], dec, unit);
  }
  if (e.lo != e.first && e.lo != e.last) {
    buf_puts(b, "，最低为");
    put_at(b, m, e.lo, v[e.lo], dec, unit);
  }
}

/* The range of a rate. */
static void rate_clause(buf *b, const chart_model *m, const chart_series *s) {
  extremes e = extremes_of(s->v, m->ncats);
  buf_puts(b, s->name);
  if (e.hi == e.lo) {
    put_cat(b, m, e.first);
    buf_puts(b, "为");
    put_value(b, s->v[e.first], s->decimals, s->unit);
    return;
  }
  buf_puts(b, "最高为");
  put_at(b, m, e.hi, s->v[e.hi], s->decimals, s->unit);
  buf_puts(b, "，最低为");
  put_at(b, m, e.lo, s->v[e.lo], s->decimals, s->unit);
}

/* Totals of a stacked chart and the largest part of the last category. */
static void stacked_clauses(arena *a, buf *b, const chart_model *m) {
  double *sum = arena_alloc(a, m->ncats * sizeof *sum);
  int dec = 0;
  for (size_t i = 0; i < m->nseries; i++)
    if (m->series[i].decimals > dec) dec = m->series[i].decimals;
  for (size_t c = 0; c < m->ncats; c++) {
    bool any = false;
    sum[c] = 0;
    for (size_t i = 0; i < m->nseries; i++)
      if (!isnan(m->series[i].v[c])) sum[c] += m->series[i].v[c], any = true;
    if (!any) sum[c] = NAN;
  }
  level_clause(b, m, "合计", sum, dec, m->series[0].unit);
  size_t last = extremes_of(sum, m->ncats).last, big = m->nseries;
  for (size_t i = 0; i < m->nseries; i++) {
    double v = m->series[i].v[last];
    if (!isnan(v) && (big == m->nseries || v > m->series[big].v[last])) big = i;
  }
  if (big == m->nseries || !(sum[last] > 0)) return;
  buf_puts(b, "；");
  put_cat(b, m, last);
  buf_printf(b, "%s占比最大，为", m->series[big].name);
  num_format(b, m->series[big].v[last] / sum[last] * 100, 1);
  buf_puts(b, "%");
}

static void pie_clauses(arena *a, buf *b, const chart_model *m) {
  const chart_series *s = &m->series[0];
  size_t n = 0, *order = arena_alloc(a, m->ncats * sizeof *order);
  double total = 0;
  for (size_t i = 0; i < m->ncats; i++)
    if (s->v[i] > 0) total += s->v[i], order[n++] = i;
  /* largest first; equal shares keep CSV order */
  for (size_t i = 1; i < n; i++)
    for (size_t j = i; j > 0 && s->v[order[j]] > s->v[order[j - 1]]; j--) {
      size_t t = order[j];
      order[j] = order[j - 1];
      order[j - 1] = t;
    }
  if (!unit_is_rate(s->unit)) {
    buf_puts(b, "合计");
    put_value(b, total, s->decimals, s->unit);
    buf_puts(b, "，其中");
  }
  buf_printf(b, "%s占比最大，为", m->cats[order[0]]);
  num_format(b, s->v[order[0]] / total * 100, 1);
  buf_puts(b, "%");
  for (size_t k = 1; k < n && k <= MAX_PARTS; k++) {
    buf_printf(b, "%s%s（", k == 1 ? "，其次是" : "、", m->cats[order[k]]);
    num_format(b, s->v[order[k]] / total * 100, 1);
    buf_puts(b, "%）");
  }
  if (n > MAX_PARTS + 1) buf_puts(b, "等");
}

const char *chart_summary(arena *a, const chart_spec *c) {
  const chart_model *m = c->m;
  buf b = BUF_INIT;
  buf_printf(&b, "%s%s：", m->title, kind_name(m));
  if (m->type == CHART_PIE || m->type == CHART_DONUT) {
    pie_clauses(a, &b, m);
  } else if (m->type == CHART_STACKED_BAR) {
    stacked_clauses(a, &b, m);
  } else {
    for (size_t i = 0; i < m->nseries && i < MAX_CLAUSES; i++) {
      const chart_series *s = &m->series[i];
      if (i) buf_puts(&b, "；");
      if (unit_is_rate(s->unit)) rate_clause(&b, m, s);
      else level_clause(&b, m, s->name, s->v, s->decimals, s->unit);
    }
  }
  buf_puts(&b, "。");
  const char *out = arena_strdup(a, buf_cstr(&b));
  buf_free(&b);
  return out;
}

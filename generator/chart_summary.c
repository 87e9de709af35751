/* chart_summary: the sentence that says what a chart shows, for people who
 * cannot see it — the <img> alt text and the SVG's <desc>.
 *
 * "<title><kind>：" then the period once, when the categories are points in
 * time and the title does not already name its ends ("2018年至2023年，"),
 * then one clause per series (at most three), which names a category only
 * where it is not an end of that period:
 *   levels  地区生产总值由312.6亿元增至415.3亿元，增长32.9%
 *           (plus the highest and lowest category when they lie between)
 *   rates   比上年增长最高为2018年的7.8%，最低为2020年的3.1%
 *   stacked 合计由…增至…；2023年第三产业占比最大，为68.5%
 *   pie     合计415.3亿元，其中第三产业占比最大，为68.5%，其次是第二产业（28.5%）…
 * Categories that are not points in time (streets, departments) have no
 * first and last: their levels are said as rates are, by their range.
 * Values are written as in the data table (same digits, same unit). */
#include <math.h>
#include <string.h>

#include "chart_model.h"

#define MAX_CLAUSES 3
#define MAX_PARTS 4

/* What the picture is: a phone's bar chart drawn across (chart_narrow) is
 * a 条形图, its desktop picture a 柱状图; the <desc> of each SVG says its
 * own, the <img> alt the desktop's. */
static const char *kind_name(const chart_spec *c) {
  const chart_model *m = c->m;
  switch (m->type) {
    case CHART_BAR:
      if (m->nseries < 2) return c->across ? "条形图" : "柱状图";
      /* several series are grouped */
      /* fall through */
    case CHART_GROUPED_BAR: return c->across ? "分组条形图" : "分组柱状图";
    case CHART_STACKED_BAR: return c->across ? "堆积条形图" : "堆积柱状图";
    case CHART_LINE: return "折线图";
    case CHART_BAR_LINE: return "柱线组合图";
    case CHART_PIE: return "饼图";
    case CHART_DONUT: return "环形图";
  }
  return "图";
}

/* A category that is a point in time: a year, or a label with a digit or
 * 年, 季 or 月 in it (2022年1月, 一季度, 上半年, 1-6月). */
static bool time_like(const char *cat) {
  return strpbrk(cat, "0123456789") || strstr(cat, "年") || strstr(cat, "季") || strstr(cat, "月");
}

static bool in_time(const chart_model *m) {
  for (size_t i = 0; i < m->ncats && !m->years; i++)
    if (!time_like(m->cats[i])) return false;
  return true;
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

/* The same, without the category when it is an end of the period the
 * sentence opened with: "312.6亿元". */
static void put_in_period(buf *b, const chart_model *m, size_t i, double v, int decimals,
                          const char *unit) {
  if (i != 0 && i != m->ncats - 1) put_at(b, m, i, v, decimals, unit);
  else put_value(b, v, decimals, unit);
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

/* One value, or the same value throughout: "2019年为5.2%", "均为5.2%";
 * false when the values differ. */
static bool one_value_clause(buf *b, const chart_model *m, const extremes *e, const double *v, int dec,
                             const char *unit) {
  if (e->n == 1) {
    if (m->ncats > 1) put_cat(b, m, e->first);
    buf_puts(b, "为");
  } else if (v[e->hi] == v[e->lo]) {
    buf_puts(b, "均为");
  } else {
    return false;
  }
  put_value(b, v[e->first], dec, unit);
  return true;
}

/* The range of a rate, or of a level over categories that are not points
 * in time. */
static void range_clause(buf *b, const chart_model *m, const char *name, const double *v, int dec,
                         const char *unit) {
  extremes e = extremes_of(v, m->ncats);
  buf_puts(b, name);
  if (one_value_clause(b, m, &e, v, dec, unit)) return;
  buf_puts(b, "最高为");
  put_at(b, m, e.hi, v[e.hi], dec, unit);
  buf_puts(b, "，最低为");
  put_at(b, m, e.lo, v[e.lo], dec, unit);
}

/* How a level changed over the period. */
static void level_clause(buf *b, const chart_model *m, const char *name, const double *v,
                         int dec, const char *unit) {
  if (!in_time(m)) {
    range_clause(b, m, name, v, dec, unit);
    return;
  }
  extremes e = extremes_of(v, m->ncats);
  buf_puts(b, name);
  if (one_value_clause(b, m, &e, v, dec, unit)) return;
  double f = v[e.first], l = v[e.last];
  if (l == f) { /* higher or lower between */
    if (e.first == 0 && e.last == m->ncats - 1) {
      buf_puts(b, "期初和期末");
    } else {
      put_cat(b, m, e.first);
      buf_puts(b, "和");
      put_cat(b, m, e.last);
    }
    buf_puts(b, "均为");
    put_value(b, f, dec, unit);
  } else {
    buf_puts(b, "由");
    put_in_period(b, m, e.first, f, dec, unit);
    buf_puts(b, l > f ? "增至" : "降至");
    put_in_period(b, m, e.last, l, dec, unit);
    if (f > 0 && l > 0) {
      buf_puts(b, l > f ? "，增长" : "，下降");
      num_format(b, fabs(l / f - 1) * 100, 1);
      buf_puts(b, "%");
    }
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

/* "2018年至2023年，": the period a sentence over points in time covers,
 * unless the title names both its ends ("2018—2023年…"); said once. */
static void period_opening(buf *b, const chart_model *m) {
  if (!in_time(m)) return;
  const char *first = m->cats[0], *last = m->cats[m->ncats - 1];
  if (strstr(m->title, first) && strstr(m->title, last)) return;
  put_cat(b, m, 0);
  if (m->ncats > 1) {
    buf_puts(b, "至");
    put_cat(b, m, m->ncats - 1);
  }
  buf_puts(b, "，");
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
  buf_printf(&b, "%s%s：", m->title, kind_name(c));
  if (m->type == CHART_PIE || m->type == CHART_DONUT) {
    pie_clauses(a, &b, m);
  } else if (m->type == CHART_STACKED_BAR) {
    period_opening(&b, m);
    stacked_clauses(a, &b, m);
  } else {
    period_opening(&b, m);
    for (size_t i = 0; i < m->nseries && i < MAX_CLAUSES; i++) {
      const chart_series *s = &m->series[i];
      if (i) buf_puts(&b, "；");
      if (unit_is_rate(s->unit)) range_clause(&b, m, s->name, s->v, s->decimals, s->unit);
      else level_clause(&b, m, s->name, s->v, s->decimals, s->unit);
    }
  }
  buf_puts(&b, "。");
  const char *out = arena_strdup(a, buf_cstr(&b));
  buf_free(&b);
  return out;
}

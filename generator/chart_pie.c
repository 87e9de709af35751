/* chart_pie: pie and donut charts — one series, one slice per category,
 * clockwise from twelve o'clock in CSV order.
 *
 * Each slice is labelled outside the circle with its name and share
 * ("第三产业 68.5%") at the end of a leader line; labels on each side are
 * pushed apart to at least one line height, so small neighbouring slices
 * never overlap.  The radius shrinks to leave room for the widest label.
 * A donut shows the total and its unit in the middle.  Missing values get
 * no slice (the data table still lists them as —).  A part whose share
 * shows as 0.0% — a zero value, or one under 0.05% — gets no slice nor
 * leader either: its slice would be a hairline, and its label, pointing at
 * nothing, sat at twelve o'clock under the title when it came first or
 * last.  Such parts are listed in one line under the circle instead, as
 * the labels read ("罚没收入 0.0%、…"). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_model.h"

#define LEADER 14.0 /* from the circle to the bend of the leader line */
#define ARM 10.0    /* the leader's level part */
#define MIN_R 48.0

typedef struct {
  size_t cat;
  double mid;       /* angle of the slice's middle (radians, 0 = 3 o'clock) */
  double y;         /* label centre */
  const char *text; /* name and share: "第三产业 68.5%" */
  const char *share; /* " 68.5%" */
} slice_label;

static int by_y(const void *a, const void *b) {
  const slice_label *x = a, *y = b;
  return (x->y > y->y) - (x->y < y->y);
}

/* Moves labels of one side apart (sorted by y) within [lo, hi]. */
static void spread(slice_label *l, size_t n, double lo, double hi) {
  if (!n) return;
  qsort(l, n, sizeof *l, by_y);
  for (size_t i = 0; i < n; i++) {
    if (i && l[i].y < l[i - 1].y + CHART_LINE_H) l[i].y = l[i - 1].y + CHART_LINE_H;
    if (l[i].y < lo) l[i].y = lo;
  }
  if (l[n - 1].y > hi) l[n - 1].y = hi;
  for (size_t i = n - 1; i-- > 0;)
    if (l[i].y > l[i + 1].y - CHART_LINE_H) l[i].y = l[i + 1].y - CHART_LINE_H;
}

static void draw_label(chart_canvas *cv, const slice_label *l, double cx, double cy, double r) {
  cairo_t *cr = cv->cr;
  bool right = cos(l->mid) >= 0;
  double side = right ? 1 : -1;
  double bend = r + LEADER, x_end = cx + side * (r + LEADER + ARM);
  cairo.move_to(cr, cx + (r + 2) * cos(l->mid), cy + (r + 2) * sin(l->mid));
  cairo.line_to(cr, cx + bend * cos(l->mid), cy + bend * sin(l->mid));
  cairo.line_to(cr, x_end, l->y);
  const text_style *st = style_body();
  text_add(cv->text, st, x_end + side * 4, l->y + text_middle(st), 0, right ? ANCHOR_START : ANCHOR_END,
           l->text);
}

/* The donut's middle: the total, big, over "合计（unit）". */
static void draw_total(chart_canvas *cv, const chart_series *s, double total, double cx, double cy,
                       double hole) {
  chart_axis ax = {.used = true, .unit = s->unit, .min = 0, .max = total};
  axis_unit(cv->a, &ax);
  int dec = s->decimals + (int)lround(log10(ax.div));
  if (dec > 2 && ax.div > 1) dec = 2;
  const char *num = num_str(cv->a, total / ax.div, dec);
  const char *what = *ax.label ? arena_printf(cv->a, "合计（%s）", ax.label) : "合计";
  const text_style *big = style_title(), *mu = style_muted();
  if (fmax(text_width(big, num), text_width(mu, what)) > 2 * hole - 12) return;
  text_add(cv->text, big, cx, cy - 2, 0, ANCHOR_MIDDLE, num);
  text_add(cv->text, mu, cx, cy + 4 + CHART_BODY * 0.88, 0, ANCHOR_MIDDLE, what);
}

/* The parts whose share shows as 0.0%, in one muted line at the foot of
 * the plot ("罚没收入 0.0%、…", shortened with … when it is too long); the
 * plot's room shrinks by that line.  Nothing when there are none. */
static void draw_unshown(chart_canvas *cv, const char *list) {
  if (!*list) return;
  const text_style *mu = style_muted();
  cv->bottom -= CHART_LINE_H;
  const char *line = text_fit(cv->a, mu, list, cv->w - 2 * CHART_PAD);
  text_add(cv->text, mu, cv->w / 2, cv->bottom + CHART_LINE_H / 2 + text_middle(mu), 0, ANCHOR_MIDDLE, line);
}

void draw_pie_chart(chart_canvas *cv) {
  const chart_model *m = cv->m;
  const chart_series *s = &m->series[0];
  const text_style *st = style_body();
  cairo_t *cr = cv->cr;
  double total = 0;
  for (size_t i = 0; i < m->ncats; i++)
    if (!isnan(s->v[i]) && s->v[i] > 0) total += s->v[i];
  slice_label *labels = arena_calloc(cv->a, m->ncats, sizeof *labels);
  size_t n = 0;
  double widest = 0;
  buf unshown = BUF_INIT;
  for (size_t i = 0; i < m->ncats; i++) {
    if (isnan(s->v[i])) continue;
    const char *share = arena_printf(cv->a, " %s%%", num_str(cv->a, s->v[i] / total * 100, 1));
    const char *text = arena_cat(cv->a, m->cats[i], share, NULL);
    if (strcmp(share, " 0.0%") == 0) {
      buf_printf(&unshown, "%s%s", unshown.len ? "、" : "", text);
      continue;
    }
    labels[n] = (slice_label){.cat = i, .share = share, .text = text};
    widest = fmax(widest, text_width(st, text));
    n++;
  }
  draw_unshown(cv, buf_cstr(&unshown));
  buf_free(&unshown);
  double cx = cv->w / 2, cy = (cv->top + cv->bottom) / 2;
  double room = cv->w / 2 - CHART_PAD - LEADER - ARM - 4;
  double r = fmin((cv->bottom - cv->top) / 2 - 10, room - widest);
  if (r < MIN_R) r = MIN_R;
  double text_room = room - r;
  double hole = m->type == CHART_DONUT ? r * 0.58 : 0;

  /* slices */
  double a0 = -M_PI / 2;
  for (size_t k = 0; k < n; k++) {
    double v = s->v[labels[k].cat], a1 = a0 + 2 * M_PI * v / total;
    set_rgb(cr, m->slice_colors[labels[k].cat]);
    if (hole > 0) {
      cairo.arc(cr, cx, cy, r, a0, a1);
      cairo.arc_negative(cr, cx, cy, hole, a1, a0);
    } else {
      if (n > 1) cairo.move_to(cr, cx, cy);
      cairo.arc(cr, cx, cy, r, a0, a1);
    }
    cairo.close_path(cr);
    cairo.fill(cr);
    labels[k].mid = (a0 + a1) / 2;
    labels[k].y = cy + (r + LEADER) * sin(labels[k].mid);
    if (text_width(st, labels[k].text) > text_room) { /* the name shortened, never the share */
      double name_room = text_room - text_width(st, labels[k].share);
      labels[k].text = arena_cat(cv->a, text_fit(cv->a, st, m->cats[labels[k].cat], name_room), labels[k].share, NULL);
    }
    a0 = a1;
  }
  /* white seams between slices */
  if (n > 1) {
    set_rgb(cr, 0xffffff);
    cairo.set_line_width(cr, 1.5);
    a0 = -M_PI / 2;
    for (size_t k = 0; k < n; k++) {
      cairo.move_to(cr, cx + hole * cos(a0), cy + hole * sin(a0));
      cairo.line_to(cr, cx + r * cos(a0), cy + r * sin(a0));
      a0 += 2 * M_PI * s->v[labels[k].cat] / total;
    }
    cairo.stroke(cr);
  }

  /* labels: right side, then left side, each spread apart */
  slice_label *sides = arena_alloc(cv->a, (n ? n : 1) * sizeof *sides);
  size_t nr = 0;
  for (size_t k = 0; k < n; k++)
    if (cos(labels[k].mid) >= 0) sides[nr++] = labels[k];
  size_t nl = nr;
  for (size_t k = 0; k < n; k++)
    if (cos(labels[k].mid) < 0) sides[nl++] = labels[k];
  double lo = cv->top + CHART_LINE_H / 2, hi = cv->bottom - CHART_LINE_H / 2;
  spread(sides, nr, lo, hi);
  spread(sides + nr, nl - nr, lo, hi);
  set_rgb(cr, CHART_AXIS);
  cairo.set_line_width(cr, 1);
  for (size_t k = 0; k < n; k++) draw_label(cv, &sides[k], cx, cy, r);
  cairo.stroke(cr);
  if (hole > 0) draw_total(cv, s, total, cx, cy, hole);
}

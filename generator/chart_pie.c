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
 * the labels read ("罚没收入 0.0%、…").
 *
 * A phone's version (chart_narrow) has no labels beside the circle: at
 * 13 px in 400 px shown about 300 px across they read at 10 px, and
 * bigger ones left the circle no room.  It has a legend under the circle
 * instead, 16 px (12 px on the phone): a colour square, the name and the
 * share of each part in CSV order, in two columns when they fit; a part
 * at 0.0% is listed in grey without a square.  chart_narrow makes the
 * picture taller by the legend (pie_legend_height), so the circle keeps
 * its size. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_model.h"

#define LEADER 14.0 /* from the circle to the bend of the leader line */
#define ARM 10.0    /* the leader's level part */
#define MIN_R 48.0

#define SWATCH 12.0      /* the colour square, then 6 px to the name */
#define SHARE_GAP 12.0   /* at least, between a name and its share */
#define COLUMN_GAP 24.0
#define LEGEND_TOP 12.0  /* between the circle and the legend */

/* The legend is a phone's: its words (chart_words_of), 16 px. */
#define LEGEND_WORDS chart_words_of(true)

/* A part of the whole: a category with a value. */
typedef struct {
  size_t cat;
  const char *share; /* " 68.5%" */
  bool shown;        /* its share shows as more than 0.0%: it gets a slice */
} pie_part;

/* The parts of m in CSV order (missing values left out) into out[], their
 * count; *total the sum of their values. */
static size_t pie_parts(arena *a, const chart_model *m, pie_part *out, double *total) {
  const chart_series *s = &m->series[0];
  size_t n = 0;
  *total = 0;
  for (size_t i = 0; i < m->ncats; i++)
    if (!isnan(s->v[i]) && s->v[i] > 0) *total += s->v[i];
  for (size_t i = 0; i < m->ncats; i++) {
    if (isnan(s->v[i])) continue;
    const char *share = arena_printf(a, " %s%%", num_str(a, s->v[i] / *total * 100, 1));
    out[n++] = (pie_part){i, share, strcmp(share, " 0.0%") != 0};
  }
  return n;
}

/* How a phone's legend is laid out in width w. */
typedef struct {
  size_t cols, rows;
  double col_w; /* a column: square, name, share right-aligned */
  double x0;    /* the left of the first column (the block centred) */
} pie_legend;

static double entry_width(const chart_model *m, const pie_part *p) {
  const text_style *st = &LEGEND_WORDS->body;
  return SWATCH + 6 + text_width(st, m->cats[p->cat]) + SHARE_GAP + text_width(st, p->share);
}

static pie_legend legend_layout(const chart_model *m, const pie_part *parts, size_t n, double w) {
  double room = w - 2 * CHART_PAD, col_w = 0;
  for (size_t k = 0; k < n; k++) col_w = fmax(col_w, entry_width(m, &parts[k]));
  pie_legend l = {n > 1 && 2 * col_w + COLUMN_GAP <= room ? 2 : 1, 0, fmin(col_w, room), 0};
  l.rows = (n + l.cols - 1) / l.cols;
  l.x0 = (w - (double)l.cols * l.col_w - (double)(l.cols - 1) * COLUMN_GAP) / 2;
  return l;
}

double pie_legend_height(const chart_model *m, double w) {
  arena *a = arena_new();
  pie_part *parts = arena_calloc(a, m->ncats ? m->ncats : 1, sizeof *parts);
  double total;
  size_t n = pie_parts(a, m, parts, &total);
  pie_legend l = legend_layout(m, parts, n, w);
  arena_free(a);
  return (double)l.rows * LEGEND_WORDS->legend_row + LEGEND_TOP;
}

/* The legend at the foot of the plot, column by column; cv->bottom moves
 * up above it.  A name too long for the column is shortened, never the
 * share. */
static void draw_legend(chart_canvas *cv, const pie_part *parts, size_t n) {
  pie_legend l = legend_layout(cv->m, parts, n, cv->w);
  const chart_words *w = LEGEND_WORDS;
  cv->bottom -= (double)l.rows * w->legend_row + LEGEND_TOP;
  double top = cv->bottom + LEGEND_TOP;
  for (size_t k = 0; k < n; k++) {
    const pie_part *p = &parts[k];
    double x = l.x0 + (double)(k / l.rows) * (l.col_w + COLUMN_GAP);
    double mid = top + (double)(k % l.rows) * w->legend_row + w->legend_row / 2;
    const text_style *st = p->shown ? &w->body : &w->muted;
    if (p->shown) {
      set_rgb(cv->cr, cv->m->slice_colors[p->cat]);
      cairo.rectangle(cv->cr, x, mid - SWATCH / 2, SWATCH, SWATCH);
      cairo.fill(cv->cr);
    }
    double share_w = text_width(st, p->share);
    const char *name = text_fit(cv->a, st, cv->m->cats[p->cat], l.col_w - SWATCH - 6 - SHARE_GAP - share_w);
    double base = mid + text_middle(st);
    text_add(cv->text, st, x + SWATCH + 6, base, 0, ANCHOR_START, name);
    text_add(cv->text, st, x + l.col_w, base, 0, ANCHOR_END, p->share + 1);
  }
}

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

/* Moves labels of one side apart (sorted by y), `step` at least, within [lo, hi]. */
static void spread(slice_label *l, size_t n, double lo, double hi, double step) {
  if (!n) return;
  qsort(l, n, sizeof *l, by_y);
  for (size_t i = 0; i < n; i++) {
    if (i && l[i].y < l[i - 1].y + step) l[i].y = l[i - 1].y + step;
    if (l[i].y < lo) l[i].y = lo;
  }
  if (l[n - 1].y > hi) l[n - 1].y = hi;
  for (size_t i = n - 1; i-- > 0;)
    if (l[i].y > l[i + 1].y - step) l[i].y = l[i + 1].y - step;
}

static void draw_label(chart_canvas *cv, const slice_label *l, double cx, double cy, double r) {
  cairo_t *cr = cv->cr;
  bool right = cos(l->mid) >= 0;
  double side = right ? 1 : -1;
  double bend = r + LEADER, x_end = cx + side * (r + LEADER + ARM);
  cairo.move_to(cr, cx + (r + 2) * cos(l->mid), cy + (r + 2) * sin(l->mid));
  cairo.line_to(cr, cx + bend * cos(l->mid), cy + bend * sin(l->mid));
  cairo.line_to(cr, x_end, l->y);
  const text_style *st = &cv->words->body;
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
  const text_style *big = style_title(), *mu = &cv->words->muted;
  if (fmax(text_width(big, num), text_width(mu, what)) > 2 * hole - 12) return;
  text_add(cv->text, big, cx, cy - 2, 0, ANCHOR_MIDDLE, num);
  text_add(cv->text, mu, cx, cy + 4 + mu->size * 0.88, 0, ANCHOR_MIDDLE, what);
}

/* The parts whose share shows as 0.0%, in one muted line at the foot of
 * the plot ("罚没收入 0.0%、…", shortened with … when it is too long); the
 * plot's room shrinks by that line.  Nothing when there are none. */
static void draw_unshown(chart_canvas *cv, const char *list) {
  if (!*list) return;
  const text_style *mu = &cv->words->muted;
  double line_h = cv->words->line_h;
  cv->bottom -= line_h;
  const char *line = text_fit(cv->a, mu, list, cv->w - 2 * CHART_PAD);
  text_add(cv->text, mu, cv->w / 2, cv->bottom + line_h / 2 + text_middle(mu), 0, ANCHOR_MIDDLE, line);
}

void draw_pie_chart(chart_canvas *cv) {
  const chart_model *m = cv->m;
  const chart_series *s = &m->series[0];
  const text_style *st = &cv->words->body;
  cairo_t *cr = cv->cr;
  double total;
  pie_part *parts = arena_calloc(cv->a, m->ncats, sizeof *parts);
  size_t nparts = pie_parts(cv->a, m, parts, &total);
  slice_label *labels = arena_calloc(cv->a, m->ncats, sizeof *labels);
  size_t n = 0;
  double widest = 0;
  buf unshown = BUF_INIT;
  for (size_t k = 0; k < nparts; k++) {
    const char *text = arena_cat(cv->a, m->cats[parts[k].cat], parts[k].share, NULL);
    if (!parts[k].shown) {
      buf_printf(&unshown, "%s%s", unshown.len ? "、" : "", text);
      continue;
    }
    labels[n] = (slice_label){.cat = parts[k].cat, .share = parts[k].share, .text = text};
    widest = fmax(widest, text_width(st, text));
    n++;
  }
  if (cv->narrow) draw_legend(cv, parts, nparts);
  else draw_unshown(cv, buf_cstr(&unshown));
  buf_free(&unshown);
  double cx = cv->w / 2, cy = (cv->top + cv->bottom) / 2;
  double room = cv->w / 2 - CHART_PAD - LEADER - ARM - 4;
  double r = cv->narrow ? fmin((cv->bottom - cv->top) / 2 - 4, cv->w / 2 - CHART_PAD)
                        : fmin((cv->bottom - cv->top) / 2 - 10, room - widest);
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
    if (!cv->narrow && text_width(st, labels[k].text) > text_room) { /* the name shortened, never the share */
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

  if (cv->narrow) {
    if (hole > 0) draw_total(cv, s, total, cx, cy, hole);
    return;
  }
  /* labels: right side, then left side, each spread apart */
  slice_label *sides = arena_alloc(cv->a, (n ? n : 1) * sizeof *sides);
  size_t nr = 0;
  for (size_t k = 0; k < n; k++)
    if (cos(labels[k].mid) >= 0) sides[nr++] = labels[k];
  size_t nl = nr;
  for (size_t k = 0; k < n; k++)
    if (cos(labels[k].mid) < 0) sides[nl++] = labels[k];
  double line_h = cv->words->line_h, lo = cv->top + line_h / 2, hi = cv->bottom - line_h / 2;
  spread(sides, nr, lo, hi, line_h);
  spread(sides + nr, nl - nr, lo, hi, line_h);
  set_rgb(cr, CHART_AXIS);
  cairo.set_line_width(cr, 1);
  for (size_t k = 0; k < n; k++) draw_label(cv, &sides[k], cx, cy, r);
  cairo.stroke(cr);
  if (hole > 0) draw_total(cv, s, total, cx, cy, hole);
}

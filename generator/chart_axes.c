/* chart_axes: charts with a category axis and one or two value axes — bar,
 * grouped bar, stacked bar, line, and bars with a line on a second axis.
 *
 * Layout, top to bottom: the units row (亿元 left, % right), the plot with
 * gridlines at nice ticks and a darker zero line, the category labels, the
 * legend (two or more series), then the frame's notes.  Category labels stay
 * on one line when they fit their slot, else wrap (up to three lines), else
 * turn 45° or 90° (shortened with "…" past 130 px; the data table has them
 * whole), else only every k-th is shown: they never overlap.  A time axis
 * (chart_period.c) is not turned: flat labels on every k-th period of the
 * calendar, a tick under each period.  A bar chart whose names are not
 * flat (and not a time axis) is drawn across instead, on the desktop as on
 * a phone (chart_load and chart_narrow decide it, through axes_extra): a
 * row per category, the whole name left of its bars, the values and their
 * unit along the bottom.  Missing values
 * leave a gap (no bar, a break in the line).  Shapes go to cairo, words to
 * the text layer, at the sizes of cv->words (a phone's version: 16 px,
 * gridlines further apart, no value labels below 16 px). */
#include <math.h>
#include <string.h>

#include "chart_model.h"

#define GAP 8.0            /* between tick labels and the plot */
#define ROT_MAX 130.0      /* longest turned category label, px */
#define TURN45_DX 4.0      /* a 45° label ends this far right of its category */
#define MIN_PLOT 60.0
#define LINE_WIDTH 2.5
#define DOT_R 3.5
#define MAX_DOTS 24        /* more points than this: dots only on isolated points */

#define GROUP_ONE 0.6      /* a bar (or a stack) takes this share of its category's room */
#define GROUP_MANY 0.75    /* a group of bars side by side */

typedef enum { X_FLAT, X_WRAP, X_PERIOD, X_TURN45, X_TURN90, X_ACROSS } xmode;

typedef struct {
  chart_canvas *cv;
  const chart_model *m;
  arena *a;
  chart_axis ax[2];
  size_t nax;
  bool left_used;
  const char **ticks[2];
  bool bars; /* the value range includes 0 */
  double left, right, top, bottom, slot;
  bool across;  /* bars across: categories down, values along x */
  double band;  /* across: the least row, which the bars' thickness comes from */
  double *row_y; /* across: the centre of each category's row */
  double unit_x; /* across: where the unit starts, right of the last tick label */
  bool unit_above; /* across: the unit is too long for there; above the plot, at its right */
  const char **whole; /* across: a name shortened with … (else NULL), for its <title> */
  /* category labels */
  xmode mode;
  size_t every;
  const char ***lines;
  size_t *nlines;
  bool timed;          /* the categories are consecutive periods */
  chart_periods per;   /* their years and periods, when timed */
  double *label_x;     /* X_PERIOD: the centre of each label shown */
  double label_h;
  /* legend */
  double legend_top, legend_h;
} plot;

static int axis_of(const plot *p, const chart_series *s) { return p->left_used ? s->axis : 0; }

static bool missing(double v) { return isnan(v); }

/* ---- scales ---- */

static void fit_axes(plot *p) {
  const chart_model *m = p->m;
  for (size_t i = 0; i < m->nseries; i++) p->left_used |= m->series[i].axis == 0;
  for (int i = 0; i < 2; i++) p->ax[i] = (chart_axis){.min = INFINITY, .max = -INFINITY};
  for (size_t i = 0; i < m->nseries; i++) {
    const chart_series *s = &m->series[i];
    chart_axis *ax = &p->ax[axis_of(p, s)];
    if (!ax->used) ax->unit = s->unit;
    ax->used = true;
    p->bars |= s->mark == MARK_BAR;
    for (size_t c = 0; c < m->ncats && m->type != CHART_STACKED_BAR; c++)
      if (!missing(s->v[c])) ax->min = fmin(ax->min, s->v[c]), ax->max = fmax(ax->max, s->v[c]);
  }
  for (size_t c = 0; c < m->ncats && m->type == CHART_STACKED_BAR; c++) {
    double pos = 0, neg = 0;
    for (size_t i = 0; i < m->nseries; i++) {
      double v = m->series[i].v[c];
      if (!missing(v)) *(v < 0 ? &neg : &pos) += v;
    }
    p->ax[0].min = fmin(p->ax[0].min, neg);
    p->ax[0].max = fmax(p->ax[0].max, pos);
  }
  p->nax = p->ax[1].used ? 2 : 1;
}

/* The ticks, at most max_n intervals, `headroom` as axes_fit's, and
 * their labels. */
static void fit_ticks_n(plot *p, double headroom, int max_n) {
  axes_fit(p->a, p->ax, p->nax, p->bars, headroom, max_n);
  for (size_t i = 0; i < p->nax; i++) {
    chart_axis *ax = &p->ax[i];
    p->ticks[i] = arena_alloc(p->a, (size_t)(ax->n + 1) * sizeof *p->ticks[i]);
    for (int t = 0; t <= ax->n; t++) p->ticks[i][t] = num_str(p->a, ax->lo + t * ax->step, ax->decimals);
  }
}

/* The ticks of a plot about plot_h px high: as many as fit tick_room
 * apart. */
static void fit_ticks(plot *p, double plot_h) {
  plot_h = fmax(plot_h, MIN_PLOT);
  /* room above the tallest bar for its label: about one line of the plot */
  fit_ticks_n(p, p->m->labels ? 1 + fmin(20 / plot_h, 0.12) : 1.0, (int)(plot_h / p->cv->words->tick_room));
}

static double widest(const text_style *st, const char **s, size_t n) {
  double w = 0;
  for (size_t i = 0; i < n; i++) w = fmax(w, text_width(st, s[i]));
  return w;
}

/* y of a value (units as written) on an axis. */
static double y_of(const plot *p, int axis, double v) {
  const chart_axis *ax = &p->ax[axis];
  double t = (v / ax->div - ax->lo) / (ax->n * ax->step);
  return p->bottom - t * (p->bottom - p->top);
}

static double x_of(const plot *p, size_t cat) { return p->left + p->slot * ((double)cat + 0.5); }

/* Bars across: x of a value, y of a category's row centre. */
static double across_x(const plot *p, double v) {
  const chart_axis *ax = &p->ax[0];
  return p->left + (v / ax->div - ax->lo) / (ax->n * ax->step) * (p->right - p->left);
}
static double across_y(const plot *p, size_t cat) { return p->row_y[cat]; }

/* Where a bar's category and value lie along their own axes, either way round. */
static double cat_at(const plot *p, size_t cat) { return p->across ? across_y(p, cat) : x_of(p, cat); }
static double value_at(const plot *p, int axis, double v) { return p->across ? across_x(p, v) : y_of(p, axis, v); }

/* Bars side by side in a category: a stack is one. */
static size_t bars_in_group(const chart_model *m) {
  size_t n = 0;
  for (size_t i = 0; i < m->nseries; i++) n += m->series[i].mark == MARK_BAR;
  return m->type == CHART_STACKED_BAR && n ? 1 : n;
}

/* ---- legend ---- */

static double swatch_w(const chart_series *s) { return s->mark == MARK_LINE ? 22 : 12; }

/* Entries in centred rows (a name too long for a row is shortened);
 * returns the height; draws when `draw`. */
static double legend(plot *p, bool draw) {
  const chart_model *m = p->m;
  if (m->nseries < 2) return 0;
  const text_style *st = &p->cv->words->body;
  double maxw = p->cv->w - 2 * CHART_PAD, y = p->legend_top, row = p->cv->words->legend_row;
  const char **names = arena_alloc(p->a, m->nseries * sizeof *names);
  for (size_t i = 0; i < m->nseries; i++)
    names[i] = text_fit(p->a, st, m->series[i].name, maxw - swatch_w(&m->series[i]) - 6);
  size_t first = 0, rows = 0;
  while (first < m->nseries) {
    double roww = 0;
    size_t last = first;
    for (; last < m->nseries; last++) {
      double w = swatch_w(&m->series[last]) + 6 + text_width(st, names[last]);
      if (last > first && roww + 20 + w > maxw) break;
      roww += (last > first ? 20 : 0) + w;
    }
    if (draw) {
      double x = (p->cv->w - roww) / 2, mid = y + row / 2;
      cairo_t *cr = p->cv->cr;
      for (size_t i = first; i < last; i++) {
        const chart_series *s = &m->series[i];
        set_rgb(cr, s->color);
        if (s->mark == MARK_LINE) {
          cairo.set_line_width(cr, LINE_WIDTH);
          cairo.move_to(cr, x, mid);
          cairo.line_to(cr, x + 22, mid);
          cairo.stroke(cr);
          cairo.arc(cr, x + 11, mid, DOT_R, 0, 2 * M_PI);
          cairo.fill(cr);
        } else {
          cairo.rectangle(cr, x, round(mid - 6), 12, 12);
          cairo.fill(cr);
        }
        x += swatch_w(s) + 6;
        text_add(p->cv->text, st, x, mid + text_middle(st), 0, ANCHOR_START, names[i]);
        x += text_width(st, names[i]) + 20;
      }
    }
    rows++;
    y += row;
    first = last;
  }
  return (double)rows * row;
}

/* ---- category labels ---- */

/* A time axis whose labels do not all fit: flat labels on every k-th
 * period, k the smallest step of the calendar (months: 1, 2, 3, 6, 12 …;
 * quarters: 1, 2, 4 …; years: 1, 2, 5, 10 …) whose labels keep 3/4 of a
 * character apart and inside the picture (one at an edge moved in, or
 * left out when moving it in would crowd its neighbour).  A period whose index is a multiple of k is
 * labelled: with k dividing a year, every year start is, so 2022年1月 and
 * then 7月, 2023年1月; a label gives its year only at a year start or
 * when it is the first.  False when no step leaves two labels. */
static bool period_labels(plot *p) {
  static const int steps[][8] = {{1, 2, 5, 10, 20, 50, 0}, {1, 2, 4, 8, 12, 20, 40, 0},
                                 {1, 2, 3, 6, 12, 24, 36, 60}};
  const chart_model *m = p->m;
  const text_style *st = &p->cv->words->body;
  const int *k = steps[p->per.per_year == 1 ? 0 : p->per.per_year == 4 ? 1 : 2];
  double gap = st->size * 0.75, lo = CHART_PAD / 2, hi = p->cv->w - CHART_PAD / 2;
  p->label_x = arena_alloc(p->a, m->ncats * sizeof *p->label_x);
  for (size_t s = 0; s < 8 && k[s]; s++) {
    size_t shown = 0;
    double end = -1e9; /* the right edge of the last label shown */
    bool fits = true;
    for (size_t i = 0; i < m->ncats && fits; i++) {
      long at = p->per.index[i];
      p->nlines[i] = 0;
      if (at % k[s]) continue;
      const char *text = shown && at % p->per.per_year && p->per.shorter[i] ? p->per.shorter[i] : m->cats[i];
      double tw = text_width(st, text), own = x_of(p, i), x = fmin(fmax(own, lo + tw / 2), hi - tw / 2);
      if (x - tw / 2 < end + gap && x != own) continue; /* moved in from the edge onto its neighbour */
      fits = x - tw / 2 >= end + gap;
      end = x + tw / 2;
      p->lines[i] = arena_alloc(p->a, sizeof **p->lines);
      p->lines[i][0] = text;
      p->nlines[i] = 1;
      p->label_x[i] = x;
      shown++;
    }
    if (fits && shown >= 2) {
      p->mode = X_PERIOD;
      p->label_h = p->cv->words->line_h;
      return true;
    }
  }
  return false;
}

static void layout_labels(plot *p) {
  const chart_model *m = p->m;
  const chart_words *w = p->cv->words;
  const text_style *st = &w->body;
  size_t n = m->ncats;
  double room = p->slot - 6;
  p->lines = arena_calloc(p->a, n, sizeof *p->lines);
  p->nlines = arena_calloc(p->a, n, sizeof *p->nlines);
  p->every = 1;
  if (widest(st, m->cats, n) <= room) {
    p->mode = X_FLAT;
    p->label_h = w->line_h;
    for (size_t i = 0; i < n; i++) {
      p->lines[i] = arena_alloc(p->a, sizeof **p->lines);
      p->lines[i][0] = m->cats[i];
      p->nlines[i] = 1;
    }
    return;
  }
  size_t most = 0;
  bool wraps = true;
  for (size_t i = 0; i < n && wraps; i++) {
    p->lines[i] = arena_alloc(p->a, 3 * sizeof **p->lines);
    p->nlines[i] = text_wrap_even(p->a, st, m->cats[i], room, 3, p->lines[i]);
    wraps = p->nlines[i] > 0;
    if (p->nlines[i] > most) most = p->nlines[i];
  }
  if (wraps) {
    p->mode = X_WRAP;
    p->label_h = (double)(most - 1) * w->label_step + w->line_h;
    return;
  }
  if (p->timed && period_labels(p)) return;
  /* turned: one line each, shortened past ROT_MAX */
  for (size_t i = 0; i < n; i++) {
    p->lines[i] = arena_alloc(p->a, sizeof **p->lines);
    p->lines[i][0] = text_fit(p->a, st, m->cats[i], ROT_MAX);
    p->nlines[i] = 1;
  }
  double longest = 0;
  for (size_t i = 0; i < n; i++) longest = fmax(longest, text_width(st, p->lines[i][0]));
  if (p->slot * M_SQRT1_2 >= w->label_step) {
    p->mode = X_TURN45;
    p->label_h = (longest + st->size) * M_SQRT1_2 + 4;
  } else {
    p->mode = X_TURN90;
    p->label_h = longest + 4;
    p->every = (size_t)ceil(w->label_step / p->slot);
  }
}

/* A time axis: a tick under every period, labelled or not. */
static void draw_period_ticks(plot *p) {
  if (p->mode != X_PERIOD) return;
  cairo_t *cr = p->cv->cr;
  set_rgb(cr, CHART_AXIS);
  cairo.set_line_width(cr, 1);
  for (size_t i = 0; i < p->m->ncats; i++) {
    double x = floor(x_of(p, i)) + 0.5;
    cairo.move_to(cr, x, floor(p->bottom));
    cairo.line_to(cr, x, floor(p->bottom) + 5);
  }
  cairo.stroke(cr);
}

static void draw_labels(plot *p) {
  const chart_words *w = p->cv->words;
  const text_style *st = &w->body;
  double y0 = p->bottom + 6;
  for (size_t i = 0; i < p->m->ncats; i += p->every) {
    double x = x_of(p, i);
    switch (p->mode) {
      case X_FLAT:
      case X_WRAP:
        for (size_t l = 0; l < p->nlines[i]; l++)
          text_add(p->cv->text, st, x, y0 + w->line_h / 2 + text_middle(st) + (double)l * w->label_step, 0,
                   ANCHOR_MIDDLE, p->lines[i][l]);
        break;
      case X_PERIOD:
        if (p->nlines[i])
          text_add(p->cv->text, st, p->label_x[i], y0 + w->line_h / 2 + text_middle(st), 0, ANCHOR_MIDDLE,
                   p->lines[i][0]);
        break;
      case X_TURN45:
        /* the end of the label at the category, text rising to the left */
        text_add(p->cv->text, st, x + TURN45_DX, y0 + st->size * 0.6, -45, ANCHOR_END, p->lines[i][0]);
        break;
      case X_TURN90:
        text_add(p->cv->text, st, x + text_middle(st), y0, -90, ANCHOR_END, p->lines[i][0]);
        break;
      case X_ACROSS: {
        /* right-aligned against the bars, the lines centred on the row */
        double y = across_y(p, i) - (double)(p->nlines[i] - 1) * w->label_step / 2 + text_middle(st);
        for (size_t l = 0; l < p->nlines[i]; l++)
          text_add_titled(p->cv->text, st, p->left - GAP, y + (double)l * w->label_step, 0, ANCHOR_END, p->lines[i][l],
                          l + 1 == p->nlines[i] ? p->whole[i] : NULL);
        break;
      }
    }
  }
}

/* ---- layout ---- */

/* The units row: 亿元 above the left axis, % above the right one (bars
 * across have none: their unit ends the row of tick labels, unless it is
 * too long for there: then it is above the plot, at its right). */
static bool has_units(const plot *p) {
  return (p->ax[0].label && *p->ax[0].label) || (p->nax == 2 && *p->ax[1].label);
}

static void draw_units(const plot *p) {
  if (!has_units(p)) return;
  chart_canvas *cv = p->cv;
  const text_style *mu = &cv->words->muted;
  double base = cv->top + cv->words->line_h / 2 + text_middle(mu);
  if (p->across && p->unit_above) {
    text_add(cv->text, mu, cv->w - CHART_PAD, base, 0, ANCHOR_END, p->ax[0].label);
    return;
  }
  if (p->across) { /* at the end of the value axis, after its last tick label (draw_grid's row) */
    text_add(cv->text, mu, p->unit_x, p->bottom + 6 + cv->words->line_h / 2 + text_middle(mu), 0, ANCHOR_START,
             p->ax[0].label);
    return;
  }
  if (*p->ax[0].label) text_add(cv->text, mu, CHART_PAD, base, 0, ANCHOR_START, p->ax[0].label);
  if (p->nax == 2 && *p->ax[1].label) text_add(cv->text, mu, cv->w - CHART_PAD, base, 0, ANCHOR_END, p->ax[1].label);
}

/* Returns the plot's height before a chart too small for its words gets
 * MIN_PLOT px anyway (axes_extra). */
static double layout(plot *p) {
  chart_canvas *cv = p->cv;
  const chart_words *w = cv->words;
  const text_style *mu = &w->muted;
  p->top = cv->top;
  if (has_units(p)) p->top += w->line_h + 4;
  p->top += mu->size / 2; /* the top tick label is centred on the top line */
  p->left = CHART_PAD + widest(mu, p->ticks[0], (size_t)p->ax[0].n + 1) + GAP;
  p->right = cv->w - CHART_PAD - (p->nax == 2 ? widest(mu, p->ticks[1], (size_t)p->ax[1].n + 1) + GAP : 4);
  /* labels turned 45° reach left of their category: widen the margin
   * until the first ones fit (which may change how labels are set) */
  for (int pass = 0; pass < 3; pass++) {
    p->slot = (p->right - p->left) / (double)p->m->ncats;
    layout_labels(p);
    double need = p->left;
    for (size_t i = 0; i < p->m->ncats && p->mode == X_TURN45; i++)
      need = fmax(need, CHART_PAD + text_width(&w->body, p->lines[i][0]) * M_SQRT1_2 -
                            TURN45_DX - p->slot * ((double)i + 0.5));
    if (need <= p->left + 0.5) break;
    p->left = need;
  }
  p->legend_h = legend(p, false);
  p->bottom = cv->bottom - p->legend_h - (p->legend_h ? 8 : 0) - p->label_h - 6;
  double room = p->bottom - p->top;
  /* a chart too small for its words still gets a plot; what follows it
   * moves down with it */
  if (p->bottom < p->top + MIN_PLOT) p->bottom = p->top + MIN_PLOT;
  p->legend_top = p->bottom + 6 + p->label_h + 8;
  return room;
}

/* ---- drawing ---- */

static void hline(cairo_t *cr, double x0, double x1, double y) {
  y = floor(y) + 0.5; /* a 1 px line on the pixel grid */
  cairo.move_to(cr, x0, y);
  cairo.line_to(cr, x1, y);
}

static void vline(cairo_t *cr, double x, double y0, double y1) {
  x = floor(x) + 0.5;
  cairo.move_to(cr, x, y0);
  cairo.line_to(cr, x, y1);
}

/* Gridlines at the ticks but the zero line (or the first: draw_baseline's). */
static void draw_grid(plot *p) {
  cairo_t *cr = p->cv->cr;
  const chart_axis *ax = &p->ax[0];
  const text_style *mu = &p->cv->words->muted;
  int zero = -1;
  for (int t = 0; t <= ax->n; t++)
    if (fabs(ax->lo + t * ax->step) < ax->step * 1e-9) zero = t;
  cairo.set_line_width(cr, 1);
  set_rgb(cr, CHART_GRID);
  for (int t = 0; t <= ax->n; t++) {
    if (t == (zero >= 0 ? zero : 0)) continue;
    if (p->across) vline(cr, p->left + (p->right - p->left) * t / ax->n, p->top, p->bottom);
    else hline(cr, p->left, p->right, p->bottom - (p->bottom - p->top) * t / ax->n);
  }
  cairo.stroke(cr);
  if (p->across) { /* the tick labels under the plot, centred on their lines */
    double y = p->bottom + 6 + p->cv->words->line_h / 2 + text_middle(mu);
    for (int t = 0; t <= ax->n; t++)
      text_add(p->cv->text, mu, p->left + (p->right - p->left) * t / ax->n, y, 0, ANCHOR_MIDDLE, p->ticks[0][t]);
    return;
  }
  for (size_t i = 0; i < p->nax; i++)
    for (int t = 0; t <= p->ax[i].n; t++) {
      double y = p->bottom - (p->bottom - p->top) * t / p->ax[i].n + text_middle(mu);
      if (i == 0) text_add(p->cv->text, mu, p->left - GAP, y, 0, ANCHOR_END, p->ticks[0][t]);
      else text_add(p->cv->text, mu, p->right + GAP, y, 0, ANCHOR_START, p->ticks[1][t]);
    }
}

/* The zero line (or the bottom line, across the left one, when 0 is off
 * the scale), over the bars. */
static void draw_baseline(plot *p) {
  cairo_t *cr = p->cv->cr;
  const chart_axis *ax = &p->ax[0];
  bool zero = ax->lo <= 0 && ax->lo + ax->n * ax->step >= 0;
  set_rgb(cr, CHART_AXIS);
  cairo.set_line_width(cr, 1);
  if (p->across) vline(cr, zero ? across_x(p, 0) : p->left, p->top, p->bottom);
  else hline(cr, p->left, p->right, zero ? y_of(p, 0, 0) : p->bottom);
  cairo.stroke(cr);
}

/* Fraction digits of a value label: as written, plus the digits 万/亿
 * scaling moves behind the point (at most 2 of those). */
static int label_decimals(int decimals, double div) {
  int d = decimals + (int)lround(log10(div));
  return d > 2 && div > 1 ? 2 : d;
}

/* A bar along its own axes: x0..x1 across its category, y0..y1 along the
 * value axis (y, or x when the bars go across). */
typedef struct {
  double x0, x1, y0, y1; /* y1: the value end */
  double v;
  int decimals;
  bool on;
} bar_box;

/* Value labels across: at the bar ends, beyond a positive bar's, before a
 * negative one's; all or none: none when a row is too thin for the words
 * or a label would leave the plot's room (the names' column, the picture).
 * `pitch`: between the centres of two bars. */
static void across_value_labels(plot *p, const bar_box *boxes, const char **text, size_t n, double pitch) {
  const text_style *st = &p->cv->words->body;
  if (pitch < st->size + 2) return;
  for (size_t i = 0; i < n; i++) {
    if (!boxes[i].on) continue;
    double tw = text_width(st, text[i]), y1 = boxes[i].y1;
    if (y1 < boxes[i].y0 ? y1 - 4 - tw < p->left : y1 + 4 + tw > p->cv->w - 4) return;
  }
  for (size_t i = 0; i < n; i++) {
    if (!boxes[i].on) continue;
    const bar_box *bx = &boxes[i];
    bool neg = bx->y1 < bx->y0;
    text_add(p->cv->text, st, neg ? bx->y1 - 4 : bx->y1 + 4, (bx->x0 + bx->x1) / 2 + text_middle(st), 0,
             neg ? ANCHOR_END : ANCHOR_START, text[i]);
  }
}

static void draw_bars(plot *p) {
  const chart_model *m = p->m;
  cairo_t *cr = p->cv->cr;
  bool stacked = m->type == CHART_STACKED_BAR;
  size_t nbars = 0;
  for (size_t i = 0; i < m->nseries; i++) nbars += m->series[i].mark == MARK_BAR;
  if (!nbars) return;
  /* across, a row stretched to fill the picture keeps its bars' thickness */
  double group = (p->across ? p->band : p->slot) * (bars_in_group(m) == 1 ? GROUP_ONE : GROUP_MANY);
  double bw = stacked ? group : group / (double)nbars;
  double inner = stacked || nbars == 1 ? 0 : fmin(3, bw * 0.15);
  size_t nboxes = stacked ? m->ncats : m->ncats * nbars;
  bar_box *boxes = arena_calloc(p->a, nboxes, sizeof *boxes);
  double *pos = arena_calloc(p->a, m->ncats, sizeof *pos), *neg = arena_calloc(p->a, m->ncats, sizeof *neg);
  size_t b = 0;
  for (size_t i = 0; i < m->nseries; i++) {
    const chart_series *s = &m->series[i];
    if (s->mark != MARK_BAR) continue;
    int axis = axis_of(p, s);
    set_rgb(cr, s->color);
    for (size_t c = 0; c < m->ncats; c++) {
      double v = s->v[c];
      if (missing(v)) continue;
      double x0 = cat_at(p, c) - group / 2 + (stacked ? 0 : (double)b * bw) + inner / 2;
      double base = stacked ? (v < 0 ? neg[c] : pos[c]) : 0;
      double y0 = round(value_at(p, axis, base)), y1 = round(value_at(p, axis, base + v));
      double l = round(x0), r = round(x0 + bw - inner);
      if (r <= l) r = l + 1;
      if (y1 != y0 && p->across) cairo.rectangle(cr, fmin(y0, y1), l, fabs(y1 - y0), r - l);
      else if (y1 != y0) cairo.rectangle(cr, l, fmin(y0, y1), r - l, fabs(y1 - y0));
      if (stacked) {
        *(v < 0 ? &neg[c] : &pos[c]) += v;
        bar_box *bx = &boxes[c];
        bx->on = true;
        bx->x0 = l, bx->x1 = r;
        bx->v = pos[c] + neg[c];
        bx->y1 = round(value_at(p, axis, pos[c] > 0 || neg[c] == 0 ? pos[c] : neg[c]));
        bx->y0 = value_at(p, axis, 0);
        if (s->decimals > bx->decimals) bx->decimals = s->decimals;
      } else {
        boxes[b * m->ncats + c] = (bar_box){l, r, y0, y1, v, s->decimals, true};
      }
    }
    cairo.fill(cr);
    b++;
  }
  if (!m->labels) return;
  /* Value labels: all or none, at the body size or else the words' small
   * one (a phone's: none), at least 4 px apart (label centres are one bar
   * apart in groups, one slot apart otherwise). */
  double pitch = stacked || nbars == 1 ? (p->across ? p->band : p->slot) : bw, apart = pitch - 4, div = p->ax[0].div;
  const char **text = arena_alloc(p->a, nboxes * sizeof *text);
  double widest_label = 0;
  for (size_t i = 0; i < nboxes; i++) {
    if (!boxes[i].on) continue;
    text[i] = num_str(p->a, boxes[i].v / div, label_decimals(boxes[i].decimals, div));
    widest_label = fmax(widest_label, text_width(&p->cv->words->body, text[i]));
  }
  if (p->across) {
    across_value_labels(p, boxes, text, nboxes, pitch);
    return;
  }
  text_style st = p->cv->words->body;
  if (widest_label > apart) st.size = p->cv->words->value_small;
  if (st.size <= 0 || widest_label * st.size / p->cv->words->body.size > apart) return;
  for (size_t i = 0; i < nboxes; i++) {
    if (!boxes[i].on) continue;
    const bar_box *bx = &boxes[i];
    bool down = bx->y1 > bx->y0;
    double y = down ? bx->y1 + 4 + st.size * 0.88 : bx->y1 - 5;
    text_add(p->cv->text, &st, (bx->x0 + bx->x1) / 2, y, 0, ANCHOR_MIDDLE, text[i]);
  }
}

static void draw_lines(plot *p) {
  const chart_model *m = p->m;
  cairo_t *cr = p->cv->cr;
  for (size_t i = 0; i < m->nseries; i++) {
    const chart_series *s = &m->series[i];
    if (s->mark != MARK_LINE) continue;
    int axis = axis_of(p, s);
    set_rgb(cr, s->color);
    cairo.set_line_width(cr, LINE_WIDTH);
    cairo.set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    bool pen = false;
    for (size_t c = 0; c < m->ncats; c++) {
      if (missing(s->v[c])) {
        pen = false;
        continue;
      }
      double x = x_of(p, c), y = y_of(p, axis, s->v[c]);
      if (pen) cairo.line_to(cr, x, y);
      else cairo.move_to(cr, x, y);
      pen = true;
    }
    cairo.stroke(cr);
    for (size_t c = 0; c < m->ncats; c++) {
      if (missing(s->v[c])) continue;
      bool alone = (c == 0 || missing(s->v[c - 1])) && (c + 1 == m->ncats || missing(s->v[c + 1]));
      if (m->ncats > MAX_DOTS && !alone) continue;
      double x = x_of(p, c), y = y_of(p, axis, s->v[c]);
      cairo.new_sub_path(cr);
      cairo.arc(cr, x, y, DOT_R, 0, 2 * M_PI);
    }
    cairo.fill(cr);
  }
}

/* ---- bars across ----
 *
 * Names turned 45° or 90° and cut with … cannot be read (on a phone not at
 * all), and names wrapped under narrow bars barely: a bar chart whose names
 * are not flat under its bars gets a row per category instead, the whole
 * name right-aligned left of its bars, never broken inside a word
 * (across_names), the values along the bottom, their unit at the axis's
 * end (a long one above the plot), and values at the bar ends.  A
 * phone's picture is as tall as its rows need; the desktop's keeps its
 * height unless the rows need more. */

#define NAME_SHARE 0.5   /* the names' column: this share of the width, */
#define NAME_WIDE 0.55   /* or up to this for a name that keeps its phrases whole in it */
#define UNIT_SHARE 0.25  /* a unit taking more of the value axis's room goes above the plot */
#define ROW_PAD 10.0     /* between the names of two rows */
#define TICK_APART 12.0  /* between two tick labels under the plot */
#define UNIT_GAP 6.0     /* between the last tick label and the unit */

/* A bar chart whose names the layout above would not set flat, and not
 * a time axis (time reads left to right: its labels are thinned, never
 * turned). */
static bool goes_across(const plot *p) { return !p->timed && p->mode != X_FLAT && axes_may_go_across(p->m); }

bool axes_may_go_across(const chart_model *m) {
  return m->type == CHART_BAR || m->type == CHART_GROUPED_BAR || m->type == CHART_STACKED_BAR;
}

/* How a name is set, the first of these ways that keeps it whole, in
 * order: two lines between its phrases (after 局, 委员会, 中心, 办公室,
 * 云岭区, ，（ …) in the column; the same in a column widened up to
 * NAME_WIDE (区发展和改革委员会 / 投资项目在线审批监管平台 on a phone);
 * three lines between phrases; up to three between phrases or words
 * (chart_lexicon.c: 投资 | 项目), in the column, then widened.  A name
 * none of them sets whole is shortened with … (text_name_fit), its
 * <title> and the data table whole. */
static const struct {
  double share;
  size_t lines;
  bool words;
} name_ways[] = {{NAME_SHARE, 2, false}, {NAME_WIDE, 2, false}, {NAME_SHARE, 3, false},
                 {NAME_SHARE, 3, true},  {NAME_WIDE, 3, true}};

/* The names, wrapped for the column; the plot starts right of the widest. */
static void across_names(plot *p) {
  const chart_words *w = p->cv->words;
  const text_style *st = &w->body;
  size_t n = p->m->ncats;
  double width = p->cv->w - 2 * CHART_PAD, col = 0;
  p->lines = arena_calloc(p->a, n, sizeof *p->lines);
  p->nlines = arena_calloc(p->a, n, sizeof *p->nlines);
  p->whole = arena_calloc(p->a, n, sizeof *p->whole);
  for (size_t i = 0; i < n; i++) {
    const char **l = p->lines[i] = arena_alloc(p->a, TEXT_MAX_LINES * sizeof **p->lines);
    const char *name = p->m->cats[i];
    size_t k = 0;
    if (text_width(st, name) <= NAME_SHARE * width) { /* one line: most names, measured once */
      l[0] = name;
      k = 1;
    } else {
      const text_breaks *r = text_name_breaks(p->a, st, name);
      for (size_t way = 0; !k && way < sizeof name_ways / sizeof *name_ways; way++)
        k = text_name_wrap(p->a, r, name_ways[way].share * width, name_ways[way].lines, name_ways[way].words, l);
      if (!k) {
        k = text_name_fit(p->a, r, NAME_WIDE * width, TEXT_MAX_LINES, l);
        p->whole[i] = name;
      }
    }
    p->nlines[i] = k;
    col = fmax(col, widest(st, l, k));
  }
  p->mode = X_ACROSS;
  p->every = 1;
  p->left = CHART_PAD + col + GAP;
}

/* The room a value label takes beyond its bar's end: the wider of the
 * labels of the largest and the smallest value, and the gap; 0 without
 * value labels. */
static double across_label_room(plot *p) {
  const chart_model *m = p->m;
  if (!m->labels) return 0;
  chart_axis ax = p->ax[0];
  axis_unit(p->a, &ax);
  int decimals = 0;
  for (size_t i = 0; i < m->nseries; i++) decimals = m->series[i].decimals > decimals ? m->series[i].decimals : decimals;
  decimals = label_decimals(decimals, ax.div);
  const text_style *st = &p->cv->words->body;
  return 8 + fmax(text_width(st, num_str(p->a, ax.max / ax.div, decimals)),
                  text_width(st, num_str(p->a, ax.min / ax.div, decimals)));
}

/* As many ticks as keep their labels TICK_APART apart under the plot, the
 * last one's centre as far in as half their width, the unit after it at
 * the picture's edge; and room beyond the largest and the smallest
 * (negative) value for their labels: the headroom grows until they fit
 * (the nice ticks may not reach as far as axes_fit's headroom asks). */
static void across_ticks(plot *p) {
  const text_style *mu = &p->cv->words->muted;
  double right = p->cv->w - CHART_PAD, need = across_label_room(p);
  double headroom = 1 + fmin(need / (right - p->left), 1);
  for (int n = 7;;) {
    fit_ticks_n(p, headroom, n);
    double tw = widest(mu, p->ticks[0], (size_t)p->ax[0].n + 1);
    const char *unit = p->ax[0].label; /* axes_fit's: 亿元 for 元 in the 10^8s */
    double unit_w = unit && *unit ? text_width(mu, unit) : 0;
    p->unit_above = unit_w && unit_w + UNIT_GAP > (right - p->left) * UNIT_SHARE; /* 个工作日 on a phone */
    bool beside = unit_w && !p->unit_above;
    p->unit_x = right - (beside ? unit_w : 0);
    p->right = p->unit_x - (beside ? UNIT_GAP : 0) - tw / 2;
    if (n > 2 && (p->right - p->left) / p->ax[0].n < tw + TICK_APART) {
      n--;
      continue;
    }
    bool fits = across_x(p, p->ax[0].max) + need <= p->cv->w - 4 &&
                (p->ax[0].min >= 0 || across_x(p, p->ax[0].min) - need >= p->left);
    if (!need || fits || headroom >= 2) return;
    headroom += 0.1;
  }
}

/* A row per category, as high as its name (a name of two lines makes its
 * row taller, not every row), at least `band` (more where a group's value
 * labels need it), all stretched alike to fill the picture; then the tick
 * labels and the legend.  Returns the room the rows have less what they
 * need. */
static double across_layout(plot *p) {
  chart_canvas *cv = p->cv;
  const chart_words *w = cv->words;
  size_t n = p->m->ncats, k = bars_in_group(p->m);
  p->top = cv->top + (p->unit_above ? w->line_h + 4 : 0); /* as layout's units row */
  p->band = w->line_h + ROW_PAD;
  if (p->m->labels && k > 1) p->band = fmax(p->band, (double)k * (w->body.size + 2) / GROUP_MANY);
  p->legend_h = legend(p, false);
  double room = cv->bottom - (6 + w->line_h + (p->legend_h ? 8 + p->legend_h : 0)) - p->top, need = 0;
  p->row_y = arena_alloc(p->a, n * sizeof *p->row_y);
  for (size_t i = 0; i < n; i++) {
    p->row_y[i] = fmax(p->band, (double)(p->nlines[i] - 1) * w->label_step + w->line_h + ROW_PAD);
    need += p->row_y[i];
  }
  double more = fmax(0, room - need) / (double)n, y = p->top;
  for (size_t i = 0; i < n; i++) { /* row_y: each row's height, then its centre */
    double row = p->row_y[i] + more;
    p->row_y[i] = y + row / 2;
    y += row;
  }
  p->bottom = y;
  p->legend_top = p->bottom + 6 + w->line_h + 8;
  return room - need;
}

static double plan_across(plot *p) {
  p->across = true;
  fit_axes(p);
  across_names(p);
  across_ticks(p);
  return across_layout(p);
}

/* Ticks for the room the frame leaves, less what the words below the
 * plot take (about 100 px), then the layout; when the plot comes out
 * shorter than its ticks need (labels turned, a legend of several rows, a
 * phone's bigger words), fewer ticks and the layout again.  Returns
 * layout's room. */
static double plan(plot *p) {
  fit_axes(p);
  p->timed = periods_of(p->a, p->m->cats, p->m->ncats, &p->per);
  fit_ticks(p, p->cv->bottom - p->cv->top - 100);
  double room = layout(p);
  if (p->ax[0].n > 2 && fmax(room, MIN_PLOT) < p->ax[0].n * p->cv->words->tick_room) {
    fit_ticks(p, room);
    room = layout(p);
  }
  return room;
}

double axes_extra(chart_canvas *cv, bool *across) {
  plot p = {.cv = cv, .m = cv->m, .a = cv->a};
  double room = plan(&p);
  *across = goes_across(&p);
  if (!*across) return cv->narrow && room < NARROW_PLOT ? NARROW_PLOT - room : 0;
  plot q = {.cv = cv, .m = cv->m, .a = cv->a}; /* from scratch, as draw_axes_chart lays it out */
  double spare = plan_across(&q);
  /* a phone's picture is as tall as its rows; the desktop's keeps its height while they fit */
  return cv->narrow || spare < 0 ? -spare : 0;
}

void draw_axes_chart(chart_canvas *cv) {
  plot p = {.cv = cv, .m = cv->m, .a = cv->a};
  if (cv->across) plan_across(&p);
  else plan(&p);
  draw_units(&p);
  draw_grid(&p);
  draw_bars(&p);
  draw_baseline(&p);
  draw_lines(&p);
  draw_period_ticks(&p);
  draw_labels(&p);
  legend(&p, true);
}

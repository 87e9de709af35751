/* chart_draw: chart_render_svg — one chart from its model to SVG bytes.
 *
 * A scratch arena and a cairo SVG surface writing into a buffer; the frame
 * every type shares (title, subtitle, notes and 数据来源 at the foot) is laid
 * out here, then chart_axes.c or chart_pie.c draws the rest.  The document
 * is assembled from parts that depend on nothing but the chart: the root
 * with role="img", <title> and <desc>, the glyph <defs> and text runs of
 * chart_text.c, and cairo's shapes rewritten by chart_svg.c. */
#include <string.h>

#include "chart_lib.h"
#include "chart_model.h"
#include "diag.h"
#include "escape.h"

void set_rgb(cairo_t *cr, uint32_t rgb) {
  cairo.set_source_rgb(cr, (rgb >> 16 & 255) / 255.0, (rgb >> 8 & 255) / 255.0, (rgb & 255) / 255.0);
}

static const chart_words wide_words = {
    .body = {FONT_REGULAR, 13, CHART_INK},
    .muted = {FONT_REGULAR, 13, CHART_MUTED},
    .line_h = 18,
    .label_step = 16,
    .legend_row = 20,
    .tick_room = 24,
    .value_small = 11,
};
/* A phone's: the words a quarter bigger, gridlines further apart (fewer
 * ticks), and no value labels rather than ones at 11 px (8 px there: the
 * data table has the values). */
static const chart_words narrow_words = {
    .body = {FONT_REGULAR, 16, CHART_INK},
    .muted = {FONT_REGULAR, 16, CHART_MUTED},
    .line_h = 22,
    .label_step = 20,
    .legend_row = 24,
    .tick_room = 32,
    .value_small = 0,
};
static const text_style title = {FONT_BOLD, CHART_TITLE, CHART_INK};

const chart_words *chart_words_of(bool narrow) { return narrow ? &narrow_words : &wide_words; }
const text_style *style_title(void) { return &title; }

/* Lines a subtitle or note may take: one on a short chart, so the plot
 * keeps its room (a phone's version is short because it is narrow: two). */
static size_t max_lines(const chart_canvas *cv) { return cv->h < 360 && !cv->narrow ? 1 : 2; }

/* Lines a title may take before it is cut short with …: its end often
 * holds the period or the unit (…收入及增速, …（万元）), so it wraps
 * rather than lose it; 20 characters a line on a phone's version. */
#define TITLE_LINES TEXT_MAX_LINES

/* Title and subtitle, centred; the title broken between its phrases when
 * that costs little evenness (chart_text.c: never inside a number or a
 * Latin word, never a closing mark first or an opening one last). */
static void draw_head(chart_canvas *cv) {
  const char *lines[TITLE_LINES];
  double y = CHART_PAD, maxw = cv->w - 2 * CHART_PAD;
  size_t n = text_wrap_title(cv->a, &title, cv->m->title, maxw, TITLE_LINES, lines);
  if (!n) n = text_wrap_fit(cv->a, &title, cv->m->title, maxw, TITLE_LINES, lines);
  for (size_t i = 0; i < n; i++, y += 26)
    text_add(cv->text, &title, cv->w / 2, y + 13 + text_middle(&title), 0, ANCHOR_MIDDLE, lines[i]);
  if (cv->m->subtitle) {
    const text_style *mu = &cv->words->muted;
    double line_h = cv->words->line_h;
    n = text_wrap_fit(cv->a, mu, cv->m->subtitle, maxw, max_lines(cv), lines);
    for (size_t i = 0; i < n; i++, y += line_h)
      text_add(cv->text, mu, cv->w / 2, y + line_h / 2 + text_middle(mu), 0, ANCHOR_MIDDLE, lines[i]);
  }
  cv->top = y + 8;
}

/* 注：… at the left and 数据来源：… at the right of the last line; on lines
 * of their own when they do not fit side by side. */
static void draw_foot(chart_canvas *cv) {
  const char *note = cv->m->note ? arena_printf(cv->a, "注：%s", cv->m->note) : NULL;
  const char *source = cv->m->source ? arena_printf(cv->a, "数据来源：%s", cv->m->source) : NULL;
  const text_style *muted = &cv->words->muted;
  double maxw = cv->w - 2 * CHART_PAD, y = cv->h - CHART_PAD, line_h = cv->words->line_h;
  cv->bottom = y;
  if (!note && !source) return;
  const char *lines[3];
  size_t n = 0;
  /* between its phrases, like a title: 注：示例数据。总量按现价计算， | 增速按… */
  if (note && !(n = text_wrap_title(cv->a, muted, note, maxw, max_lines(cv), lines)))
    n = text_wrap_fit(cv->a, muted, note, maxw, max_lines(cv), lines);
  bool beside = note && source && n == 1 &&
                text_width(muted, lines[0]) + 24 + text_width(muted, source) <= maxw;
  if (source && !beside) lines[n++] = text_fit(cv->a, muted, source, maxw);
  y -= n * line_h;
  cv->bottom = y - 6;
  for (size_t i = 0; i < n; i++, y += line_h) {
    double base = y + line_h / 2 + text_middle(muted);
    bool is_source = source && !beside && i == n - 1;
    text_add(cv->text, muted, is_source ? cv->w - CHART_PAD : CHART_PAD, base, 0,
             is_source ? ANCHOR_END : ANCHOR_START, lines[i]);
    if (beside) text_add(cv->text, muted, cv->w - CHART_PAD, base, 0, ANCHOR_END, source);
  }
}

/* Lays the frame of m's picture out at w × h, as chart_render_svg would,
 * and asks the chart type how much room its plot gets; nothing is drawn
 * (no cairo). */
double chart_extra(const chart_model *m, double w, double h, bool narrow, bool *across) {
  *across = false;
  if (!narrow && !axes_may_go_across(m)) return 0; /* the desktop's: drawn in the room it has */
  arena *a = arena_new();
  chart_canvas cv = {.a = a, .text = text_new(a), .m = m, .w = w, .h = h, .narrow = narrow, .words = chart_words_of(narrow)};
  draw_head(&cv);
  draw_foot(&cv);
  double extra;
  if (m->type == CHART_PIE || m->type == CHART_DONUT) {
    /* a pie's legend is added whole: its circle keeps the room it had */
    double room = cv.bottom - cv.top;
    extra = pie_legend_height(m, w) + (room < NARROW_PLOT ? NARROW_PLOT - room : 0);
  } else {
    extra = axes_extra(&cv, across);
  }
  arena_free(a);
  return extra;
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len) {
  buf_put(closure, data, len);
  return CAIRO_STATUS_SUCCESS;
}

int chart_render_svg(const chart_spec *c, buf *out) {
  if (!chart_lib_bind_cairo()) return -1; /* reported, naming the package */
  arena *a = arena_new();
  buf shapes = BUF_INIT;
  cairo_surface_t *surface = cairo.svg_surface_create_for_stream(to_buf, &shapes, c->width, c->height);
  cairo.svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PX);
  cairo_t *cr = cairo.create(surface);
  cairo.set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  chart_canvas cv = {.a = a, .cr = cr, .text = text_new(a), .m = c->m, .w = c->width, .h = c->height,
                     .narrow = c->narrow, .words = chart_words_of(c->narrow), .across = c->across};
  set_rgb(cr, 0xffffff);
  cairo.paint(cr);
  draw_head(&cv);
  draw_foot(&cv);
  if (c->m->type == CHART_PIE || c->m->type == CHART_DONUT) draw_pie_chart(&cv);
  else draw_axes_chart(&cv);
  cairo.destroy(cr);
  cairo.surface_finish(surface);
  cairo_status_t st = cairo.surface_status(surface);
  cairo.surface_destroy(surface);

  buf svg = BUF_INIT;
  const char *prefix = arena_printf(a, "chart-%s-", c->id);
  int rc = 0;
  if (st != CAIRO_STATUS_SUCCESS) {
    diag_system_at(0, NULL, c->spec_path, "cairo could not draw the chart: %s", cairo.status_to_string(st));
    rc = -1;
  } else {
    buf_printf(&svg,
               "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
               "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
               "aria-labelledby=\"%stitle %sdesc\">\n<title id=\"%stitle\">",
               c->width, c->height, c->width, c->height, prefix, prefix, prefix);
    esc_xml(&svg, c->title, strlen(c->title));
    buf_printf(&svg, "</title>\n<desc id=\"%sdesc\">", prefix);
    const char *summary = chart_summary(a, c);
    esc_xml(&svg, summary, strlen(summary));
    buf_puts(&svg, "</desc>\n");
    text_write_defs(cv.text, prefix, &svg);
    if (!svg_shapes_from_cairo(shapes.data, shapes.len, &svg)) {
      diag_system_at(0, NULL, c->spec_path, "cairo wrote SVG that govpub does not know how to rewrite");
      rc = -1;
    }
    text_write_runs(cv.text, prefix, &svg);
    buf_puts(&svg, "</svg>\n");
  }
  if (rc == 0) buf_put(out, svg.data, svg.len);
  buf_free(&svg);
  buf_free(&shapes);
  arena_free(a);
  return rc;
}

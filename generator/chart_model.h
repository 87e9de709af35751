/* chart_model: what the chart modules share; private to generator/chart*.c.
 *
 *   chart_spec.c     spec + CSV → chart_model (all checks)
 *   chart_csv.c      CSV text → cells with positions
 *   chart_num.c      numbers: parsing, thousands separators, 万/亿, nice ticks
 *   chart_lib.c      cairo and FreeType, opened when a chart first needs them
 *   chart_font.c     Noto Sans CJK SC by file, glyph outlines and advances
 *   chart_glyphs.c   a character the font lacks, said where it is written
 *   chart_text.c     the text layer: measuring, wrapping, glyph <use> runs
 *   chart_lexicon.c  the words of category names, where a name may break
 *   chart_draw.c     chart_render_svg: frame (title, legend, notes), cairo
 *   chart_axes.c     bar, grouped/stacked bar, line, bar + line
 *   chart_period.c   categories that are consecutive years, quarters, months
 *   chart_pie.c      pie and donut
 *   chart_svg.c      cairo's SVG → compact presentation-attribute SVG
 *   chart_summary.c  the sentence; chart_table.c the HTML table
 *
 * Ownership: a model lives in the arena of chart_load; drawing uses a
 * scratch arena of its own. */
#ifndef GOVPUB_CHART_MODEL_H
#define GOVPUB_CHART_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "chart.h"
#include "chart_lib.h"

#define CHART_MAX_SERIES CHART_MAX_COLORS
#define CHART_MAX_CATS 60
#define CHART_MAX_SLICES CHART_MAX_COLORS
/* What a chart's files may hold, refused before they cost memory: a chart
 * shows at most 60 categories and 8 series, so its CSV is a few KB (the
 * sample portal's: under 1 KB) and its spec under 1 KB.  A CSV beyond
 * these is a whole table's export, not a chart's data: parsed whole, it
 * cost up to 27 times its size (51 MB of one-digit cells: 1.4 GB, 2.7 s). */
#define CHART_CSV_MAX_BYTES (1 << 20) /* refused before it is read */
#define CHART_CSV_MAX_COLS 256         /* refused at the 257th cell of a row */
#define CHART_SPEC_MAX_BYTES (64 << 10)
#define CHART_HUGE 1e15 /* beyond this a double no longer holds every digit */
#define CHART_TINY 1e-6 /* a value nearer 0 than this, but not 0, shows as 0 with the 6 decimals a chart writes */

typedef enum {
  CHART_BAR,
  CHART_GROUPED_BAR,
  CHART_STACKED_BAR,
  CHART_LINE,
  CHART_BAR_LINE,
  CHART_PIE,
  CHART_DONUT
} chart_type;

typedef enum { MARK_BAR, MARK_LINE } chart_mark;

typedef struct chart_series {
  const char *column, *name, *unit;
  chart_mark mark;
  int axis;       /* 0 left, 1 right */
  uint32_t color; /* 0xRRGGBB */
  double *v;      /* one per category; NAN when the cell is empty (a gap) */
  int decimals;   /* the most fraction digits written in the column */
} chart_series;

struct chart_model {
  chart_type type;
  const char *title, *subtitle, *source, *note; /* NULL when absent (not title) */
  const char *x_name;                           /* the category column's header */
  const char **cats;                            /* category labels, CSV order */
  size_t ncats;
  chart_series *series;
  size_t nseries;
  const uint32_t *slice_colors; /* pie and donut: one per category */
  bool labels;                  /* value labels on the bars */
  bool years;                   /* every category is a year: "2018" reads "2018年" */
};

/* ---- chart_csv.c ---- */

typedef struct csv_cell {
  const char *s; /* unquoted, trimmed, NUL-terminated */
  int line, col; /* where the cell starts (1-based, code points) */
} csv_cell;

typedef struct csv_table {
  csv_cell *cells; /* row-major; row 0 is the header */
  size_t nrows, ncols; /* rows kept (the header and at most CSV_KEPT_ROWS data rows) */
  size_t data_rows;    /* data rows in the file, kept or not */
} csv_table;

/* Data rows csv_parse keeps: one more than any chart shows, so that the
 * refusal of too many rows can point at the first one too many; the rest
 * are read, checked and counted, but not kept. */
#define CSV_KEPT_ROWS (CHART_MAX_CATS + 1)

/* Parses RFC 4180 CSV (a UTF-8 BOM, CRLF and blank lines allowed) into *t.
 * Reports at `path` and returns false on invalid UTF-8, an unclosed quote,
 * a row whose length differs from the header's, a row of more than
 * CHART_CSV_MAX_COLS cells (reading stops there), an empty or duplicate
 * header name, an empty file or one without data rows. */
bool csv_parse(arena *a, const char *path, const char *text, size_t len, csv_table *t);
static inline const csv_cell *csv_at(const csv_table *t, size_t row, size_t col) {
  return &t->cells[row * t->ncols + col];
}

/* ---- chart_num.c ---- */

typedef enum { NUM_OK, NUM_MISSING, NUM_BAD, NUM_NOT_FINITE, NUM_HUGE, NUM_TINY } num_status;

/* A CSV cell as a number: [+-]digits[,ddd…][.digits][e±n], of any length,
 * nothing after the exponent's digits.  Empty, "-",
 * "—", "–" are NUM_MISSING; nan/inf spellings NUM_NOT_FINITE; |v| > 10^15
 * NUM_HUGE; 0 < |v| < 10^-6 NUM_TINY (its axis would span no pixel: the
 * scale's coordinates overflowed), and so is a number written with a digit
 * other than 0 that reads as 0 (1e-400 underflows; "0", "-0.0", "0e5" are 0).  *decimals is the fraction digits
 * written (at most 6). */
num_status num_parse(const char *s, double *v, int *decimals);
/* Appends v with `decimals` fraction digits and thousands separators
 * ("1,234.5", "-0.3"; never "-0"). */
void num_format(buf *b, double v, int decimals);
/* The same, in the arena. */
const char *num_str(arena *a, double v, int decimals);

/* The 万/亿 multiplier a unit starts with ("亿元" → 1e8, "万人" → 1e4, "元"
 * → 1); *base is the rest ("元"). */
double unit_split(const char *unit, const char **base);
/* A rate (%, ‰, 百分点): never scaled, and described by its range. */
bool unit_is_rate(const char *unit);

/* One value axis: data range in, ticks and display unit out. */
typedef struct chart_axis {
  bool used;
  const char *unit;   /* the series' unit as written */
  double min, max;    /* data range (units as written) */
  double div;         /* data / div = displayed value (万/亿 scaling) */
  const char *label;  /* displayed unit: "亿元", "万元", "%" */
  double lo, step;    /* ticks lo + i*step, i = 0..n, in displayed units */
  int n, decimals;    /* tick count - 1; fraction digits of the tick labels */
} chart_axis;

/* Sets ax->div and ax->label from ax->unit, ax->min and ax->max: values of
 * 10^5 and more in 万, of 10^8 and more in 亿 (never a smaller unit than
 * the one written; rates never). */
void axis_unit(arena *a, chart_axis *ax);
/* Chooses the display unit and ticks of one or two axes.  `zero`: the range
 * includes 0 (bars; two axes always do, with their zero lines at the same
 * height); otherwise a line axis far from 0 starts near its minimum.
 * `headroom` (≥ 1) makes room for value labels: (headroom − 1) of the span
 * above the largest value and below the smallest negative one; at most
 * max_n intervals (2..7; 3 to 7 are tried, 5 preferred). */
void axes_fit(arena *a, chart_axis *axes, size_t naxes, bool zero, double headroom, int max_n);

/* ---- chart_font.c ---- */

typedef enum { FONT_REGULAR, FONT_BOLD } chart_font;

/* Glyph outlines are stored in units of 1/GLYPH_UNITS em, rounded: 0.065 px
 * at most at 13 px.  (1/50 em would save only 5% of a chart's bytes.) */
#define GLYPH_UNITS 100

typedef struct chart_glyph {
  uint32_t cp;
  int advance;   /* in 1/1000 em */
  const char *d; /* outline as SVG path data in 1/GLYPH_UNITS em, y down; "" for a blank */
} chart_glyph;

/* Opens Noto Sans CJK SC Regular and Bold from fonts-noto-cjk's files once
 * per process.  false (reported once, through diag_system) when it cannot. */
bool fonts_ready(void);
/* The glyph for a code point, NULL when the font has none.  Thread-safe;
 * glyphs are cached for the life of the process. */
const chart_glyph *font_glyph(chart_font f, uint32_t cp);

/* ---- chart_glyphs.c ---- */

/* A file a chart's words come from, to say where a character is written. */
typedef struct chart_source {
  const char *path; /* as shown */
  const char *text; /* its bytes, NUL-terminated (NULL: said at the value's start) */
  size_t len;
  bool yaml; /* the spec ("…" values may hold escapes); else the CSV file */
} chart_source;

/* True when font f has every character of s, the value written from
 * line:col of src; false after saying the first one it lacks, at that
 * character's own line:col. */
bool glyphs_check(const chart_source *src, const char *s, chart_font f, int line, int col);

/* ---- chart_text.c ---- */

typedef struct text_style {
  chart_font font;
  double size;    /* px */
  uint32_t color;
} text_style;

typedef enum { ANCHOR_START, ANCHOR_MIDDLE, ANCHOR_END } text_anchor;

typedef struct chart_text chart_text; /* the text layer of one chart */

chart_text *text_new(arena *a);
/* Width in px of s set in st (code points the font lacks count as nothing:
 * chart_load has refused them). */
double text_width(const text_style *st, const char *s);
/* Height above the baseline that centres digits and CJK text on a line. */
double text_middle(const text_style *st);
/* Places s with its baseline through (x, y), anchored at its start, middle
 * or end, turned `angle` degrees (negative: counter-clockwise). */
void text_add(chart_text *t, const text_style *st, double x, double y, double angle,
              text_anchor anchor, const char *s);
/* The same, for a text shortened with "…": `title`, the whole text, is
 * its group's <title> (viewers show it on hover, and it is in the SVG's
 * text; the page's data table has it too). */
void text_add_titled(chart_text *t, const text_style *st, double x, double y, double angle,
                     text_anchor anchor, const char *s, const char *title);
/* Breaks s into at most max_lines lines no wider than max_w (between CJK
 * characters and at spaces; Latin words and numbers stay whole; no line
 * starts with closing punctuation).  Returns the line count, 0 when s does
 * not fit. */
size_t text_wrap(arena *a, const text_style *st, const char *s, double max_w, size_t max_lines,
                 const char **lines);
/* Like text_wrap, but the lines as even as the breaks allow: the narrowest
 * width that needs no more lines than max_w does (no short last line). */
size_t text_wrap_even(arena *a, const text_style *st, const char *s, double max_w, size_t max_lines,
                      const char **lines);
/* Like text_wrap_even, for a title or a note (at most TEXT_MAX_LINES lines): of the
 * ways to break it into as few lines, the one whose widest line is the
 * narrowest, a break between phrases (after ，、）, before （, at a space,
 * after a year or month in digits: "2023年") counting a quarter line less
 * than one inside them. */
#define TEXT_MAX_LINES 3
size_t text_wrap_title(arena *a, const text_style *st, const char *s, double max_w, size_t max_lines,
                       const char **lines);
/* A category name's break opportunities and widths, measured once
 * (text_name_wrap asks for several widths): between phrases as a title's
 * (text_wrap_title), also after a place or company (云岭区 | …, …街道 | …,
 * …公司 | …), and between two words of chart_lexicon.c (投资 | 项目). */
typedef struct text_breaks text_breaks;
text_breaks *text_name_breaks(arena *a, const text_style *st, const char *s);
/* The name in as few lines as it can (at most max_lines, ≤ TEXT_MAX_LINES),
 * none wider than max_w, broken only between phrases (`words`: or between
 * two words of the lexicon, a phrase break counting a quarter line less),
 * never inside a word; of such breaks, text_wrap_title's choice.  0 when
 * there is no such way. */
size_t text_name_wrap(arena *a, const text_breaks *r, double max_w, size_t max_lines, bool words,
                      const char **lines);
/* Always succeeds: lines filled greedily up to the furthest word or
 * phrase break that fits, the last one (or one whose first word is wider
 * than max_w) shortened with "…" (text_fit). */
size_t text_name_fit(arena *a, const text_breaks *r, double max_w, size_t max_lines, const char **lines);
/* s, or its longest prefix that fits in max_w followed by "…". */
const char *text_fit(arena *a, const text_style *st, const char *s, double max_w);
/* Like text_wrap, but always succeeds: the last line is shortened with "…". */
size_t text_wrap_fit(arena *a, const text_style *st, const char *s, double max_w,
                     size_t max_lines, const char **lines);
/* The <defs> of every glyph used, ids `prefix`1, `prefix`2 … in first use. */
void text_write_defs(const chart_text *t, const char *prefix, buf *out);
/* One <g fill transform> of <use> per placed string, in placing order. */
void text_write_runs(const chart_text *t, const char *prefix, buf *out);

/* ---- chart_lexicon.c ---- */

#define LEXICON_LONGEST 4 /* characters of the longest listed word */
extern const char *const chart_lexicon[];
extern const size_t chart_lexicon_n;
/* Sets bound[i] (i = 0..len) true where two listed words of s meet
 * (forward maximum matching), false elsewhere. */
void lexicon_bounds(const char *s, size_t len, bool *bound);

/* ---- chart_period.c ---- */

/* Categories that are consecutive periods of one kind (a time axis). */
typedef struct chart_periods {
  int per_year;          /* 1 (years), 4 (quarters) or 12 (months) */
  long *index;           /* per category: year * per_year + period - 1 */
  const char **shorter;  /* per category: the label without its year (7月,
                            第3季度, Q3), NULL when its form has none */
} chart_periods;

/* True, with *out filled in the arena, when the n categories (n ≥ 2) are
 * consecutive years, quarters or months in a form chart_period.c reads. */
bool periods_of(arena *a, const char *const *cats, size_t n, chart_periods *out);

/* ---- chart_svg.c ---- */

/* Compact SVG path data from absolute points given in units of 10^-dec px:
 * relative commands, h/v for axis-parallel lines, no redundant spaces. */
typedef struct path_writer {
  buf *b;
  int dec;
  long x, y, sx, sy; /* current point, subpath start */
  char cmd;          /* last command letter written */
  bool num, dot;     /* the last thing written was a number (with a '.') */
} path_writer;

void pw_init(path_writer *w, buf *b, int dec);
void pw_move(path_writer *w, long x, long y);
void pw_line(path_writer *w, long x, long y);
void pw_cubic(path_writer *w, long x1, long y1, long x2, long y2, long x, long y);
void pw_close(path_writer *w);
/* Appends an integer in units of 10^-dec as a decimal: 1234 (dec 1) → "123.4". */
void fixed_format(buf *b, long v, int dec);
/* Appends 0xRRGGBB as "#rrggbb", or "#rgb" when that says the same. */
void color_hex(buf *b, uint32_t rgb);

/* Rewrites the document cairo's SVG surface wrote (a <g id="surfaceN"> of
 * <rect> and <path> with style="…") into the same shapes with presentation
 * attributes, #rrggbb colours, defaults left out and path data to 0.1 px.
 * Appends only the shapes (no <svg>, no <g> wrapper).  false when cairo
 * wrote something else (a bug here: reported by the caller). */
bool svg_shapes_from_cairo(const char *in, size_t len, buf *out);

/* ---- chart_draw.c, chart_axes.c, chart_pie.c ---- */

/* The words of one version of a chart: the desktop's at 13 px, a phone's
 * (chart_narrow) at 16 px, which its column shows at about 12 px (a
 * 400 px picture in some 306 px: 13 px read as 10 px there).  Everything
 * but the bold title is set in `body` or `muted`, one size per version,
 * so glyphs are shared; the rows and gaps between them grow with it. */
typedef struct chart_words {
  text_style body, muted;
  double line_h;      /* a line of body text: the subtitle, the notes, the units row */
  double label_step;  /* between the lines of a wrapped category label */
  double legend_row;  /* a row of a legend */
  double tick_room;   /* the least height between two gridlines */
  double value_small; /* value labels too wide at the body size: this size, 0 none */
} chart_words;

/* The desktop's words, or a phone's. */
const chart_words *chart_words_of(bool narrow);

/* Everything a chart type's drawing needs: cairo draws shapes, the text
 * layer the words; top..bottom is the room left between the title block
 * and the legend and notes.  cr is NULL while chart_narrow_height only
 * measures: nothing is drawn then. */
typedef struct chart_canvas {
  arena *a;
  cairo_t *cr;
  chart_text *text;
  const chart_model *m;
  double w, h;
  bool narrow; /* chart_narrow's version: shown at about 3/4 size on a phone */
  const chart_words *words; /* chart_words_of(narrow) */
  double top, bottom;
  bool across; /* bars across, names down the left (chart_spec's across) */
} chart_canvas;

/* Shared sizes (px) and colours. */
#define CHART_PAD 16.0
#define CHART_TITLE 18.0 /* bold */
#define CHART_INK 0x333333u
#define CHART_MUTED 0x666666u
#define CHART_GRID 0xe3e3e3u
#define CHART_AXIS 0x8c8c8cu

void set_rgb(cairo_t *cr, uint32_t rgb);
const text_style *style_title(void);

void draw_axes_chart(chart_canvas *cv);
/* What axes chart cv needs added to its height, as draw_axes_chart would
 * lay it out, drawing nothing: a phone's version (cv->narrow) the room
 * that brings its plot up to NARROW_PLOT px; and *across, whether it is a
 * bar chart whose category names do not fit flat under the bars (and not
 * a time axis): then what its rows across need, less what they have — on
 * a phone negative when the picture is taller than they need, on the
 * desktop never (it keeps its height while they fit). */
double axes_extra(chart_canvas *cv, bool *across);
/* Whether m is of a type drawn across when its names are not flat: bars
 * only (a line's points read left to right). */
bool axes_may_go_across(const chart_model *m);
void draw_pie_chart(chart_canvas *cv);
/* The room a phone's version of pie or donut m, w px across, takes for its
 * legend under the circle. */
double pie_legend_height(const chart_model *m, double w);
/* What chart_load (narrow false) or chart_narrow adds to the height of
 * m's picture, w × h px.  A phone's version: a pie's or donut's legend,
 * and the room that brings the plot (a pie's: the circle's, without its
 * legend), which the 16 px words take room from, up to NARROW_PLOT px.
 * Bars across, either version: what their rows need (axes_extra, which
 * says *across). */
#define NARROW_PLOT 180.0
double chart_extra(const chart_model *m, double w, double h, bool narrow, bool *across);

#endif

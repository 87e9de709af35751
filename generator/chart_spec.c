/* chart_spec: chart_load — charts/<id>.yaml and its CSV file become a
 * chart_model, or a list of exact diagnostics.  The spec format is
 * described in docs/charts.md; every check lives here, so drawing never
 * meets bad data.  Checks go on after a problem, so one run reports them
 * all. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cjk.h"
#include "chart_model.h"
#include "diag.h"
#include "fsx.h"
#include "text_check.h"

#define DEFAULT_W 720
#define DEFAULT_H 420
#define MAX_LABELLED_CATS 12

static const char known_keys[] =
    "title, subtitle, type, data, x, series, source, note, colors, labels, width, height";
static const char series_keys[] = "column, name, unit, axis, type, color";

static const struct {
  const char *name;
  chart_type type;
} types[] = {{"bar", CHART_BAR},         {"grouped-bar", CHART_GROUPED_BAR},
             {"stacked-bar", CHART_STACKED_BAR}, {"line", CHART_LINE},
             {"bar-line", CHART_BAR_LINE},   {"pie", CHART_PIE},
             {"donut", CHART_DONUT}};

/* Okabe & Ito's colours: distinguishable with every common colour-vision
 * deficiency; strongest first, yellow (weak on white) late. */
static const chart_palette okabe_ito = {
    {0x0072B2, 0xD55E00, 0x009E73, 0xE69F00, 0x56B4E9, 0xCC79A7, 0xF0E442, 0x000000}, 8};

typedef struct {
  arena *a;
  const char *path; /* the spec as shown */
  bool failed;
  chart_source spec; /* the spec's bytes, while it is loaded (chart_glyphs.c says where a character is) */
} reader;

static void bad(reader *r, const yx_node *n, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void bad(reader *r, const yx_node *n, const char *hint, const char *fmt, ...) {
  buf msg = BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  buf_vprintf(&msg, fmt, ap);
  va_end(ap);
  diag_error(r->path, n ? n->line : 0, n ? n->col : 0, hint, "%s", buf_cstr(&msg));
  buf_free(&msg);
  r->failed = true;
}

bool chart_id_valid(const char *id) {
  size_t n = strlen(id);
  if (n == 0 || n > 64) return false;
  for (const char *p = id; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
          *p == '-' || *p == '_'))
      return false;
  return true;
}

/* The length of the whitespace character at s (ASCII blanks and line
 * ends, the ideographic space U+3000, the no-break space U+00A0), or 0. */
static size_t space_len(const char *s) {
  if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') return 1;
  if (strncmp(s, "\xE3\x80\x80", 3) == 0) return 3;
  return strncmp(s, "\xC2\xA0", 2) == 0 ? 2 : 0;
}

/* Whitespace runs (line breaks of folded YAML, tabs, a fullwidth space)
 * become one space, none at either end: a label of blanks is empty. */
static const char *clean(arena *a, const char *s) {
  char *out = arena_alloc(a, strlen(s) + 1), *o = out;
  bool space = false;
  for (; *s; s++) {
    size_t ws = space_len(s);
    if (ws) {
      space = o > out;
      s += ws - 1;
      continue;
    }
    if (space) *o++ = ' ';
    space = false;
    *o++ = *s;
  }
  *o = '\0';
  return out;
}

/* A single-value key; NULL when absent (reported when required or empty). */
static const char *str_key(reader *r, const yx_node *map, const char *key, bool required) {
  yx_node *v = yx_get(map, key);
  if (!v || yx_is_null(v)) {
    if (required) bad(r, map, "see docs/charts.md for the spec format", "missing required key \"%s\"", key);
    return NULL;
  }
  if (v->kind != YX_SCALAR) {
    bad(r, v, "write a single value", "\"%s\" must be a single value", key);
    return NULL;
  }
  const char *s = clean(r->a, v->str);
  if (!*s) {
    bad(r, v, "write a value or leave the key out", "\"%s\" is empty", key);
    return NULL;
  }
  return s;
}

static int int_key(reader *r, const yx_node *map, const char *key, int def, int lo, int hi) {
  yx_node *v = yx_get(map, key);
  if (!v) return def;
  const char *s = yx_str(v);
  char *end;
  long n = s ? strtol(s, &end, 10) : 0;
  if (!s || !*s || *end || n < lo || n > hi) {
    diag_error(r->path, v->line, v->col, "write digits only (pixels), without quotes or units",
               "\"%s\" must be a whole number from %d to %d", key, lo, hi);
    r->failed = true;
    return def;
  }
  return (int)n;
}

static void check_keys(reader *r, const yx_node *map, const char *known) {
  for (size_t i = 0; i < map->n; i++) {
    const char *k = map->keys[i]->str;
    size_t kn = strlen(k);
    bool found = false;
    for (const char *p = known; *p && !found;) {
      size_t len = strcspn(p, ",");
      found = len == kn && memcmp(p, k, kn) == 0;
      p += len;
      p += strspn(p, ", ");
    }
    if (!found) {
      const char *hint = arena_printf(r->a, "the keys are: %s", known);
      bad(r, map->keys[i], hint, "unknown key \"%s\"", k);
    }
  }
}

static bool parse_color(const char *s, uint32_t *rgb) {
  size_t n = strlen(s);
  if (s[0] != '#' || (n != 4 && n != 7)) return false;
  uint32_t v = 0;
  for (size_t i = 1; i < n; i++) {
    char c = s[i];
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
          : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (d < 0) return false;
    v = n == 4 ? v << 8 | (uint32_t)(d * 17) : v << 4 | (uint32_t)d;
  }
  *rgb = v;
  return true;
}

static bool color_node(const yx_node *n, const char *path, uint32_t *rgb) {
  if (n->kind == YX_SCALAR && parse_color(n->str, rgb)) return true;
  diag_error(path, n->line, n->col, "write a colour as \"#0072B2\" (quoted: # starts a YAML comment)",
             "\"%s\" is not a colour", n->kind == YX_SCALAR ? n->str : yx_kind_name(n->kind));
  return false;
}

bool chart_palette_read(const yx_node *list, const char *path, chart_palette *out) {
  out->n = 0;
  if (list->kind != YX_SEQ || list->n == 0 || list->n > CHART_MAX_COLORS) {
    diag_error(path, list->line, list->col, "write a list of 1 to 8 colours: ['#0072B2', '#D55E00']",
               "colours must be a list of 1 to %d colours", CHART_MAX_COLORS);
    return false;
  }
  bool ok = true;
  for (size_t i = 0; i < list->n; i++) ok &= color_node(list->items[i], path, &out->rgb[out->n++]);
  return ok;
}

/* ---- the spec ---- */

typedef struct {
  const yx_node *node, *column_node, *unit_node, *axis_node, *type_node, *color_node;
  int col; /* CSV column, -1 when missing */
} series_src;

static chart_type read_type(reader *r, const yx_node *root) {
  const char *t = str_key(r, root, "type", true);
  for (size_t i = 0; t && i < sizeof types / sizeof *types; i++)
    if (strcmp(t, types[i].name) == 0) return types[i].type;
  if (t)
    bad(r, yx_get(root, "type"), "use one of: bar, grouped-bar, stacked-bar, line, bar-line, pie, donut",
        "unknown chart type \"%s\"", t);
  return CHART_BAR;
}

/* The series list: items are a column name or a map (series_keys). */
static void read_series(reader *r, const yx_node *root, chart_model *m, series_src **srcs) {
  yx_node *list = yx_get(root, "series");
  if (!list || yx_is_null(list)) {
    bad(r, root, "list the columns to draw: series: [{column: 值, name: 地区生产总值, unit: 亿元}]",
        "missing required key \"%s\"", "series");
    return;
  }
  if (list->kind != YX_SEQ || list->n == 0 || list->n > CHART_MAX_SERIES) {
    bad(r, list, "a chart draws 1 to 8 series", "\"series\" must be a list of 1 to %d series",
        CHART_MAX_SERIES);
    return;
  }
  m->nseries = list->n;
  m->series = arena_calloc(r->a, list->n, sizeof *m->series);
  *srcs = arena_calloc(r->a, list->n, sizeof **srcs);
  for (size_t i = 0; i < list->n; i++) {
    yx_node *it = list->items[i];
    chart_series *s = &m->series[i];
    series_src *src = &(*srcs)[i];
    src->node = src->column_node = it;
    src->col = -1;
    s->unit = "";
    if (it->kind == YX_SCALAR) {
      s->column = s->name = clean(r->a, it->str);
      continue;
    }
    if (it->kind != YX_MAP) {
      bad(r, it, "write a column name or {column: …, name: …, unit: …}",
          "a series must be a column name or a map");
      continue;
    }
    check_keys(r, it, series_keys);
    s->column = str_key(r, it, "column", true);
    if (yx_get(it, "column")) src->column_node = yx_get(it, "column");
    const char *name = str_key(r, it, "name", false);
    s->name = name ? name : s->column;
    src->unit_node = yx_get(it, "unit");
    if (src->unit_node && src->unit_node->kind == YX_SCALAR) s->unit = clean(r->a, src->unit_node->str);
    else if (src->unit_node) bad(r, src->unit_node, "write a single value", "\"unit\" must be a single value");
    src->axis_node = yx_get(it, "axis");
    const char *axis = str_key(r, it, "axis", false);
    if (axis && strcmp(axis, "left") && strcmp(axis, "right"))
      bad(r, src->axis_node, "write axis: left or axis: right", "unknown axis \"%s\"", axis);
    s->axis = axis && strcmp(axis, "right") == 0;
    src->type_node = yx_get(it, "type");
    const char *type = str_key(r, it, "type", false);
    if (type && strcmp(type, "bar") && strcmp(type, "line"))
      bad(r, src->type_node, "write type: bar or type: line", "unknown series type \"%s\"", type);
    s->mark = type ? (strcmp(type, "line") == 0 ? MARK_LINE : MARK_BAR) : s->axis ? MARK_LINE : MARK_BAR;
    src->color_node = yx_get(it, "color");
    if (src->color_node && !color_node(src->color_node, r->path, &s->color)) r->failed = true;
  }
  for (size_t i = 1; i < m->nseries; i++) /* the legend must tell every series apart */
    for (size_t k = 0; k < i; k++)
      if (m->series[i].name && m->series[k].name && strcmp(m->series[i].name, m->series[k].name) == 0) {
        bad(r, (*srcs)[i].node, "give each series its own name (name: …), or draw the column once",
            "two series are named \"%s\" (series %zu and %zu): the legend could not tell them apart",
            m->series[i].name, k + 1, i + 1);
        break;
      }
}

/* What a chart type allows its series. */
static void check_series(reader *r, chart_model *m, const series_src *src, const yx_node *root) {
  bool pie = m->type == CHART_PIE || m->type == CHART_DONUT;
  if (pie && m->nseries != 1)
    bad(r, yx_get(root, "series"), "a pie or donut shows one column; draw several with bar or line",
        "a %s chart takes exactly one series", m->type == CHART_PIE ? "pie" : "donut");
  size_t bars = 0, lines = 0;
  for (size_t i = 0; i < m->nseries; i++) {
    chart_series *s = &m->series[i];
    if (src[i].type_node && m->type != CHART_BAR_LINE)
      bad(r, src[i].type_node, "the chart's type: decides how series are drawn",
          "a series type is only for bar-line charts");
    if (src[i].axis_node && s->axis && m->type != CHART_LINE && m->type != CHART_BAR_LINE)
      bad(r, src[i].axis_node, "a second axis is for line and bar-line charts",
          "axis: right is not available in this chart type");
    if (m->type == CHART_LINE) s->mark = MARK_LINE;
    else if (m->type != CHART_BAR_LINE) s->mark = MARK_BAR;
    s->mark == MARK_LINE ? lines++ : bars++;
    /* one unit per axis */
    for (size_t j = 0; j < i; j++)
      if (m->series[j].axis == s->axis && strcmp(m->series[j].unit, s->unit) != 0) {
        const yx_node *at = src[i].unit_node ? src[i].unit_node : src[i].node;
        diag_error(r->path, at->line, at->col,
                   m->type == CHART_LINE || m->type == CHART_BAR_LINE
                       ? "put series with another unit on the right axis (axis: right)"
                       : "draw series of one unit together",
                   "series on one axis need one unit: \"%s\" here, \"%s\" for %s", s->unit,
                   m->series[j].unit, m->series[j].name);
        r->failed = true;
        break;
      }
  }
  if (m->type == CHART_BAR_LINE && (!bars || !lines))
    bad(r, yx_get(root, "series"), "give one series type: line (or axis: right) and keep one as bars",
        "a bar-line chart needs bar and line series");
}

/* ---- the data ---- */

static int find_column(const csv_table *t, const char *name) {
  for (size_t i = 0; i < t->ncols; i++)
    if (strcmp(csv_at(t, 0, i)->s, name) == 0) return (int)i;
  return -1;
}

static void missing_column(reader *r, const yx_node *at, const char *name, const char *csv,
                           const csv_table *t) {
  buf cols = BUF_INIT;
  for (size_t i = 0; i < t->ncols; i++) buf_printf(&cols, "%s%s", i ? ", " : "", csv_at(t, 0, i)->s);
  const char *hint = arena_printf(r->a, "the columns of %s are: %s", csv, buf_cstr(&cols));
  diag_error(r->path, at->line, at->col, hint, "no column \"%s\" in %s", name, csv);
  r->failed = true;
  buf_free(&cols);
}

static bool is_year(const char *s) {
  return strlen(s) == 4 && (s[0] == '1' || s[0] == '2') && strspn(s, "0123456789") == 4;
}

static void read_categories(reader *r, chart_model *m, const csv_table *t, int xcol, const char *csv) {
  size_t rows = t->data_rows, max = m->type == CHART_PIE || m->type == CHART_DONUT ? CHART_MAX_SLICES
                                                                                  : CHART_MAX_CATS;
  if (rows > max) {
    const csv_cell *c = csv_at(t, max + 1, 0);
    diag_error(csv, c->line, 1,
               max == CHART_MAX_SLICES ? "group the smallest parts into one row (其他), or draw a bar chart"
                                       : "draw fewer categories per chart (split it, or group them)",
               "too many rows: %zu (a chart of this type shows at most %zu)", rows, max);
    r->failed = true;
    return;
  }
  m->ncats = rows;
  m->cats = arena_alloc(r->a, rows * sizeof *m->cats);
  m->years = true;
  for (size_t i = 0; i < rows; i++) {
    const csv_cell *c = csv_at(t, i + 1, (size_t)xcol);
    m->cats[i] = clean(r->a, c->s);
    m->years &= is_year(m->cats[i]);
    if (!*m->cats[i]) {
      diag_error(csv, c->line, c->col, "name every category", "empty category in column \"%s\"", m->x_name);
      r->failed = true;
    }
    for (size_t j = 0; j < i && *m->cats[i]; j++)
      if (strcmp(m->cats[j], m->cats[i]) == 0) {
        diag_error(csv, c->line, c->col, "give each row its own category",
                   "duplicate category \"%s\" (first at line %d)", m->cats[i], csv_at(t, j + 1, 0)->line);
        r->failed = true;
        break;
      }
  }
}

/* A cell is quoted up to this many characters, then "…": a diagnostic
 * stays one readable line even for a pasted paragraph or a 10 KB cell. */
#define QUOTED_CHARS 24

/* What is said of a cell num_parse refuses (its text, then its column). */
typedef struct {
  num_status st;
  const char *hint, *fmt;
} bad_cell;

static const bad_cell bad_cells[] = {
    {NUM_BAD,
     "write digits like 1234.5 or -3.2 (the unit goes in the spec); leave the cell empty for a missing value",
     "\"%s\" is not a number (column \"%s\")"},
    {NUM_NOT_FINITE, "leave the cell empty for a missing value", "\"%s\" is not a value a chart can show (column \"%s\")"},
    {NUM_HUGE, "give the column in a larger unit (万元, 亿元) and say so in unit:",
     "%s is too large for a chart: beyond ±10^15 (column \"%s\")"},
    {NUM_TINY, "give the column in a smaller unit (元 for 万元, 千分比) and say so in unit:",
     "%s is too small for a chart: nearer 0 than ±10^-6, and not 0 (column \"%s\")"},
};

/* A hint for a number a Chinese input method or a word processor wrote in
 * a way num_parse does not read, or NULL: fullwidth digits, point, minus or
 * comma (１２.５, －３, 1，234), the minus sign U+2212. */
static const char *number_form_hint(const char *cell) {
  static const char *const wide[] = {"\xEF\xBC\x90", "\xEF\xBC\x91", "\xEF\xBC\x92", "\xEF\xBC\x93",
                                     "\xEF\xBC\x94", "\xEF\xBC\x95", "\xEF\xBC\x96", "\xEF\xBC\x97",
                                     "\xEF\xBC\x98", "\xEF\xBC\x99", "\xEF\xBC\x8E", "\xEF\xBC\x8D",
                                     "\xEF\xBC\x8C", "\xE2\x88\x92"};
  for (size_t i = 0; i < sizeof wide / sizeof *wide; i++)
    if (strstr(cell, wide[i]))
      return "write the number in ASCII (半角): digits 0-9, the point . and the minus -, not １２.５, －3 or "
             "1，234";
  return NULL;
}

static const bad_cell *bad_cell_of(num_status st) {
  for (size_t i = 0; i < sizeof bad_cells / sizeof *bad_cells; i++)
    if (bad_cells[i].st == st) return &bad_cells[i];
  return &bad_cells[0];
}

static void read_values(reader *r, chart_model *m, chart_series *s, const series_src *src,
                        const csv_table *t, const char *csv) {
  bool pie = m->type == CHART_PIE || m->type == CHART_DONUT;
  s->v = arena_alloc(r->a, m->ncats * sizeof *s->v);
  size_t present = 0, wrong = 0, negative = 0;
  double total = 0;
  for (size_t i = 0; i < m->ncats; i++) {
    const csv_cell *c = csv_at(t, i + 1, (size_t)src->col);
    int dec = 0;
    double v = NAN;
    num_status st = num_parse(c->s, &v, &dec);
    switch (st) {
      case NUM_OK:
        present++;
        if (dec > s->decimals) s->decimals = dec;
        if (pie && v < 0) {
          diag_error(csv, c->line, c->col, "a pie shows parts of a whole; draw signed values as bars",
                     "negative value %s in a %s chart", utf8_prefix(r->a, c->s, QUOTED_CHARS), m->type == CHART_PIE ? "pie" : "donut");
          r->failed = true;
          negative++;
        }
        total += v;
        break;
      case NUM_MISSING:
        v = NAN;
        break;
      default: { /* a cell that is no value a chart shows: said as bad_cells says */
        const bad_cell *b = bad_cell_of(st);
        wrong++;
        const char *form = st == NUM_BAD ? number_form_hint(c->s) : NULL;
        diag_error(csv, c->line, c->col, form ? form : b->hint, b->fmt, utf8_prefix(r->a, c->s, QUOTED_CHARS),
                   s->column);
        r->failed = true;
        v = NAN;
        break;
      }
    }
    s->v[i] = v;
  }
  if (!present && !wrong) {
    diag_error(r->path, src->column_node->line, src->column_node->col,
               "fill in the column or leave the series out", "column \"%s\" has no values", s->column);
    r->failed = true;
  } else if (pie && !negative && !(total > 0)) { /* all 0 (a negative one is said where it is) */
    diag_error(r->path, src->column_node->line, src->column_node->col,
               "a pie needs a positive total", "the values of column \"%s\" add up to zero", s->column);
    r->failed = true;
  }
}

/* Every character a chart draws must be in the font (no empty boxes). */
static void check_glyphs(reader *r, const char *s, chart_font f, const yx_node *at) {
  r->failed |= !glyphs_check(&r->spec, s, f, at->line, at->col);
}

/* charts/<data>, normalised; NULL (reported) when it leaves charts/. */
static const char *data_path(reader *r, const yx_node *root) {
  const char *data = str_key(r, root, "data", true);
  if (!data) return NULL;
  yx_node *at = yx_get(root, "data");
  const char *joined = path_join(r->a, "charts", data);
  const char *norm = data[0] == '/' ? NULL : path_normalize(r->a, joined);
  if (!norm || strncmp(norm, "charts/", 7) != 0 || !path_is_safe_rel(norm)) {
    bad(r, at, "put the CSV file in the charts folder and name it relative to the spec: data: gdp.csv",
        "data file \"%s\" is outside charts/", data);
    return NULL;
  }
  size_t n = strlen(norm);
  if (n < 5 || strcmp(norm + n - 4, ".csv") != 0) {
    bad(r, at, "name a .csv file", "data file \"%s\" is not a .csv file", data);
    return NULL;
  }
  return norm;
}

/* The two files of a chart: what each may weigh, and what to do about it. */
typedef struct {
  size_t max; /* bytes */
  const char *what, *hint_big, *hint_unread;
} chart_file;

static const chart_file spec_file = {
    CHART_SPEC_MAX_BYTES, "spec", "a spec says how to draw the chart; its data goes in the CSV file",
    "check the chart id and charts/<id>.yaml"};
static const chart_file csv_file = {
    CHART_CSV_MAX_BYTES, "CSV file",
    "a chart shows at most 60 categories and 8 series: aggregate the data (by year, by quarter) or split "
    "it into several charts, and leave out the columns no chart draws",
    "check the file name under charts/"};

/* `rel` under `root`, shown as `shown`; NULL (reported) when it is a link,
 * larger than its kind allows (refused before it is read) or unreadable;
 * `at`: the spec's field that names it, where an unreadable file is said. */
static void *read_file(reader *r, const char *root, const char *rel, const char *shown,
                       const yx_node *at, const chart_file *kind, size_t *len) {
  const char *fs = root && *root ? path_join(r->a, root, rel) : rel;
  if (fsx_rel_has_link(root, rel)) {
    diag_error(at ? r->path : shown, at ? at->line : 0, at ? at->col : 0,
               "copy the file into the site instead of linking to it",
               "%s is read through a symbolic link, which is not followed (it could lead out of the site)",
               shown);
    r->failed = true;
    return NULL;
  }
  fsx_stamp st;
  char *text = fsx_read_stamped(fs, len, &st, kind->max);
  if (!text && errno == EFBIG) {
    bool mib = kind->max % (1 << 20) == 0;
    diag_error(shown, 1, 1, kind->hint_big, "the file is %lld bytes; a chart's %s may be at most %zu %s",
               (long long)st.size, kind->what, kind->max >> (mib ? 20 : 10), mib ? "MiB" : "KiB");
    r->failed = true;
  } else if (!text) {
    diag_error(at ? r->path : shown, at ? at->line : 0, at ? at->col : 0, kind->hint_unread,
               "cannot read %s: %s", shown,
               errno == EISDIR ? "not a regular file (a folder, a FIFO or a device)" : strerror(errno));
    r->failed = true;
  }
  return text;
}

/* The categories and series of m from the CSV file csv_src (its bytes,
 * text-checked); x names the category column. */
static void read_table(reader *r, chart_model *m, series_src *src, const yx_node *root,
                       const chart_source *csv_src, const char *x) {
  const char *csv = csv_src->path;
  csv_table t;
  bool parsed = csv_parse(r->a, csv, csv_src->text, csv_src->len, &t);
  if (!t.cells) {
    r->failed = true;
    return;
  }
  r->failed |= !parsed;
  int xcol = x ? find_column(&t, x) : -1;
  if (x && xcol < 0) missing_column(r, yx_get(root, "x"), x, csv, &t);
  for (size_t i = 0; i < m->nseries; i++) {
    if (!m->series[i].column) continue;
    src[i].col = find_column(&t, m->series[i].column);
    if (src[i].col < 0) missing_column(r, src[i].column_node, m->series[i].column, csv, &t);
  }
  if (xcol < 0 || t.nrows < 2) return; /* no row kept: the CSV's errors say why */
  m->x_name = csv_at(&t, 0, (size_t)xcol)->s;
  read_categories(r, m, &t, xcol, csv);
  if (!m->cats) return;
  for (size_t i = 0; i < m->ncats; i++) {
    const csv_cell *c = csv_at(&t, i + 1, (size_t)xcol);
    r->failed |= !glyphs_check(csv_src, m->cats[i], FONT_REGULAR, c->line, c->col);
  }
  for (size_t i = 0; i < m->nseries; i++)
    if (src[i].col >= 0) read_values(r, m, &m->series[i], &src[i], &t, csv);
}

static void load_data(reader *r, chart_model *m, series_src *src, const yx_node *root,
                      const char *site_root, const char *csv_rel, const char *x) {
  chart_source csv = {.path = path_in_site(r->a, site_root, csv_rel)};
  char *text = read_file(r, site_root, csv_rel, csv.path, yx_get(root, "data"), &csv_file, &csv.len);
  if (!text) return;
  csv.text = text;
  if (text_check(csv.path, text, csv.len)) read_table(r, m, src, root, &csv, x);
  else r->failed = true; /* a NUL cut a cell short unseen; GBK said as such */
  free(text);
}

static void assign_colors(arena *a, chart_model *m, const chart_palette *p,
                          const series_src *src) {
  for (size_t i = 0; i < m->nseries; i++)
    if (!src[i].color_node) m->series[i].color = p->rgb[i % p->n];
  uint32_t *slices = arena_alloc(a, (m->ncats ? m->ncats : 1) * sizeof *slices);
  for (size_t i = 0; i < m->ncats; i++) slices[i] = p->rgb[i % p->n];
  m->slice_colors = slices;
}

/* The chart of the spec `root` (r->spec its bytes), with its CSV file. */
static chart_spec *load_spec(reader *r, const yx_node *root, const char *site_root,
                             const chart_palette *theme) {
  check_keys(r, root, known_keys);
  chart_model *m = arena_calloc(r->a, 1, sizeof *m);
  m->type = read_type(r, root);
  m->title = str_key(r, root, "title", true);
  m->subtitle = str_key(r, root, "subtitle", false);
  m->source = str_key(r, root, "source", false);
  m->note = str_key(r, root, "note", false);
  const char *x = str_key(r, root, "x", true);
  chart_palette palette = theme ? *theme : okabe_ito;
  yx_node *colors = yx_get(root, "colors");
  if (colors && !chart_palette_read(colors, r->path, &palette)) r->failed = true;
  int width = int_key(r, root, "width", DEFAULT_W, 320, 1600);
  int height = int_key(r, root, "height", DEFAULT_H, 240, 1200);
  yx_node *labels = yx_get(root, "labels");
  if (labels && yx_bool(labels) < 0)
    bad(r, labels, "write true or false", "\"labels\" must be true or false");
  if (labels && yx_bool(labels) > 0 && m->type != CHART_BAR && m->type != CHART_GROUPED_BAR &&
      m->type != CHART_STACKED_BAR && m->type != CHART_BAR_LINE)
    bad(r, labels, "value labels are drawn on bars", "labels: true needs bars");

  series_src *src = NULL;
  read_series(r, root, m, &src);
  if (src) check_series(r, m, src, root);
  /* the words as drawn: a block scalar's line breaks are spaces by then */
  const struct { const char *key, *value; } texts[] = {
      {"title", m->title}, {"subtitle", m->subtitle}, {"source", m->source}, {"note", m->note}};
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
    if (texts[i].value)
      check_glyphs(r, texts[i].value, i ? FONT_REGULAR : FONT_BOLD, yx_get(root, texts[i].key));
  for (size_t i = 0; src && i < m->nseries; i++) {
    const yx_node *n = src[i].node->kind == YX_MAP ? yx_get(src[i].node, "name") : NULL;
    n = n ? n : src[i].column_node;
    if (m->series[i].name) check_glyphs(r, m->series[i].name, FONT_REGULAR, n);
    const yx_node *u = src[i].unit_node;
    if (u) check_glyphs(r, m->series[i].unit, FONT_REGULAR, u);
  }

  const char *csv_rel = data_path(r, root);
  if (csv_rel && src) load_data(r, m, src, root, site_root, csv_rel, x);
  if (r->failed) return NULL;

  assign_colors(r->a, m, &palette, src);
  bool bars = m->type == CHART_BAR || m->type == CHART_GROUPED_BAR || m->type == CHART_STACKED_BAR;
  m->labels = labels ? yx_bool(labels) > 0 : bars && m->ncats <= MAX_LABELLED_CATS;

  chart_spec *c = arena_calloc(r->a, 1, sizeof *c);
  c->csv_path = csv_rel;
  c->title = m->title;
  c->width = width;
  c->m = m;
  /* bars across, when their names do not fit flat: taller only when the rows need it */
  c->height = height + (int)ceil(chart_extra(m, width, height, false, &c->across));
  return c;
}

chart_spec *chart_load(arena *a, const char *site_root, const char *spec_path,
                       const chart_palette *theme) {
  reader r = {.a = a, .path = path_in_site(a, site_root, spec_path)};
  const char *rel = path_normalize(a, spec_path);
  const char *base = rel ? strrchr(rel, '/') : NULL;
  size_t blen = base ? strlen(base + 1) : 0;
  const char *id = base && blen > 5 ? arena_strndup(a, base + 1, blen - 5) : "";
  if (!base || (size_t)(base - rel) != 6 || strncmp(rel, "charts/", 7) != 0 ||
      strcmp(base + 1 + blen - 5, ".yaml") != 0 || !chart_id_valid(id)) {
    diag_error(r.path, 1, 1, "name chart specs charts/<id>.yaml, the id made of a-z, A-Z, 0-9, - and _",
               "not a chart spec path: %s", spec_path);
    return NULL;
  }
  if (!fonts_ready()) return NULL;
  r.spec = (chart_source){.path = r.path, .yaml = true};
  char *text = read_file(&r, site_root, rel, r.path, NULL, &spec_file, &r.spec.len);
  if (!text) return NULL;
  r.spec.text = text;
  yx_node *root =
      text_check(r.path, text, r.spec.len) ? yamlx_parse(a, r.path, text, r.spec.len, 0, true) : NULL;
  chart_spec *c = root ? load_spec(&r, root, site_root, theme) : NULL;
  free(text);
  if (c) {
    c->id = id;
    c->spec_path = rel;
  }
  return c;
}

chart_spec chart_narrow(const chart_spec *c) {
  chart_spec n = *c;
  n.width = CHART_NARROW_W;
  n.narrow = true;
  n.height = c->height * 4 / 5 < 280 ? 280 : c->height * 4 / 5;
  if (c->m) /* a pie's legend, the room 16 px words take, bars across: chart_draw.c */
    n.height += (int)ceil(chart_extra(c->m, n.width, n.height, true, &n.across));
  if (n.height < 280) n.height = 280; /* bars across take what their rows need */
  return n;
}

const char *chart_svg_path(arena *a, const char *id, bool narrow) {
  return arena_printf(a, "charts/%s%s", id, narrow ? ".narrow.svg" : ".svg");
}

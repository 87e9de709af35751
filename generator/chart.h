/* chart: economic-indicator charts — a YAML spec and a CSV file under the
 * site's charts/ folder become a deterministic, accessible SVG, the sentence
 * that describes it, and an HTML data table (DESIGN §5, docs/charts.md).
 *
 *   chart_load        charts/<id>.yaml + its CSV → a checked chart (every
 *                     problem reported at path:line:col through diag)
 *   chart_render_svg  the SVG bytes (shapes drawn with cairo's SVG surface,
 *                     text as glyph outlines of Noto Sans CJK SC)
 *   chart_summary     one Chinese sentence: the <img> alt and the SVG <desc>
 *   chart_table_html  the same data as an accessible table
 *   chart_figure_html what a page shows in place of a ```chart fence
 *   chart_narrow      the same chart laid out for phones
 *
 * Ownership: a chart and everything it points to live in the arena given to
 * chart_load; nothing needs freeing.  A loaded chart is read-only, so any
 * number of threads may render, describe and tabulate charts at once
 * (fonts are shared: see chart_font.c). */
#ifndef GOVPUB_CHART_H
#define GOVPUB_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "yamlx.h"

/* Colours a chart draws its series (or pie slices) with, in order. */
#define CHART_MAX_COLORS 8
typedef struct chart_palette {
  uint32_t rgb[CHART_MAX_COLORS]; /* 0xRRGGBB */
  size_t n;
} chart_palette;

typedef struct chart_model chart_model; /* private to chart*.c */

typedef struct chart_spec {
  const char *id;        /* "gdp" for charts/gdp.yaml: names the SVG and prefixes its ids */
  const char *spec_path; /* site-relative: "charts/gdp.yaml" */
  const char *csv_path;  /* site-relative: "charts/gdp.csv" (both are the page's inputs) */
  const char *title;
  int width, height;     /* px, for <img width height> */
  bool narrow;           /* chart_narrow's: laid out for a phone's column */
  bool across;           /* chart_load's (chart_narrow's for a phone), of a bar
                            chart whose names do not fit flat under its bars:
                            bars drawn across, the names down the left (a
                            条形图, not a 柱状图) */
  const chart_model *m;
} chart_spec;

/* True for an id a chart may have: 1-64 characters of a-z, A-Z, 0-9, '-'
 * and '_' (it becomes a file name, a URL and an SVG id prefix).  The
 * ```chart fence callback checks the fence body with it. */
bool chart_id_valid(const char *id);

/* Loads `spec_path` ("charts/<id>.yaml", relative to `site_root`) and the
 * CSV file it names, which must lie under charts/ too.  Every problem (YAML,
 * unknown key or type, missing column, non-numeric cell, NaN/Inf, a value
 * beyond ±10^15, an empty CSV, a file or a row beyond chart_model.h's
 * limits, a path outside charts/, a character the chart font lacks) is
 * reported through diag at its own path:line:col, with
 * paths shown as site_root/spec_path (just spec_path when site_root is "."
 * or "").  Returns NULL when anything was reported.  `theme` gives the
 * colours of charts whose spec has no `colors:` (NULL: the colour-blind-safe
 * default, Okabe–Ito).  A bar chart whose category names would not fit
 * flat under its bars (not a time axis) is drawn `across`, one row per
 * category; its height is the spec's while the rows fit, else what they
 * need (measured by laying the chart out).  Thread-safe. */
chart_spec *chart_load(arena *a, const char *site_root, const char *spec_path,
                       const chart_palette *theme);

/* Appends the chart's SVG to `out`: fixed size in px, role="img", <title>
 * and <desc> (chart_summary), presentation attributes only (no style=), and
 * every id prefixed "chart-<id>-", so the bytes depend only on the spec and
 * the CSV — never on the thread, the order or what else the process drew —
 * and two charts inlined in one page never clash.  Returns 0; -1 after a
 * diag_system report when cairo fails or cannot be loaded (reported once per
 * process: chart_lib.h), out then left as it was, so a caller writes a file
 * only on success. */
int chart_render_svg(const chart_spec *c, buf *out);

/* The chart laid out for phones: CHART_NARROW_W px across and a little
 * less high (never under 280 px), its words at 16 px, written beside the
 * chart as charts/<id>.narrow.svg and shown below 640 px through
 * <picture>.  The 720 px picture scaled into a phone's 300-odd px left its
 * labels at 5 px; drawn narrow at 16 px they read at about 12 px.  Taller
 * where those words leave the plot under 180 px, and a pie or donut by
 * the legend it has there instead of labels beside the circle.  A bar
 * chart whose category names would not fit flat under its bars at 400 px
 * (not a time axis) is drawn `across`, as chart_load's, but as tall as its
 * rows need (never under 280 px), so no name is turned or cut: the height
 * is measured by laying the chart out (c->m; without one, none added), so
 * <img> and <source> sizes made from it are the picture's own.  Shares
 * everything with `c`. */
#define CHART_NARROW_W 400
chart_spec chart_narrow(const chart_spec *c);
/* Where a chart's SVG lies in the release, in the arena: charts/<id>.svg,
 * or charts/<id>.narrow.svg for its chart_narrow version.  A page that
 * shows a chart names both (a <picture>). */
const char *chart_svg_path(arena *a, const char *id, bool narrow);

/* The one-sentence description, in the arena: what the chart is and what
 * it shows, e.g. "2018—2023年云岭区地区生产总值柱状图：地区生产总值由312.6亿元
 * 增至415.3亿元，增长32.9%。" (docs/charts.md, "The summary sentence"). */
const char *chart_summary(arena *a, const chart_spec *c);

/* Appends <table class="chart-table"> with a <caption> (title and unit),
 * <th scope="col"> headers, a <th scope="row"> per category and the values
 * as written in the CSV, with thousands separators ("—" for missing). */
void chart_table_html(const chart_spec *c, buf *out);

/* Appends the <figure> a page shows for a chart: the SVG as an <img> whose
 * alt is the summary, the data table inside <details>, and a link to the
 * CSV.  `svg_url` and `csv_url` are written as given (HTML-escaped), as is
 * `narrow_url`, the chart_narrow picture phones get in its place (a
 * <picture> source; NULL: none); `anchor`, when not NULL, is the figure's id
 * (a page links its charts). */
void chart_figure_html(const chart_spec *c, arena *a, const char *svg_url, const char *narrow_url,
                       const char *csv_url, const char *anchor, buf *out);

/* Reads a YAML list of colours ("#0072B2" or "#07b") into *out, reporting
 * problems at `path` with the node's line and column; false when any was
 * reported.  Used for a spec's colors: and for a theme's chart palette. */
bool chart_palette_read(const yx_node *list, const char *path, chart_palette *out);

#endif

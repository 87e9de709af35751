/* chart_table: the chart's data as HTML — an accessible table built from the
 * same CSV as the picture (caption, column headers with units, a row header
 * per category), and the <figure> a page shows for a ```chart fence.  Every
 * text goes through esc_html. */
#include <math.h>
#include <string.h>

#include "chart_model.h"
#include "escape.h"

static void put_text(buf *b, const char *s) { esc_html(b, s, strlen(s)); }

static void put_head(buf *b, const chart_series *s) {
  buf_puts(b, "<th scope=\"col\">");
  put_text(b, s->name);
  if (*s->unit) {
    buf_puts(b, "（");
    put_text(b, s->unit);
    buf_puts(b, "）");
  }
  buf_puts(b, "</th>");
}

void chart_table_html(const chart_spec *c, buf *out) {
  const chart_model *m = c->m;
  bool pie = m->type == CHART_PIE || m->type == CHART_DONUT;
  double total = 0;
  for (size_t i = 0; pie && i < m->ncats; i++)
    if (!isnan(m->series[0].v[i])) total += m->series[0].v[i];
  buf_puts(out, "<table class=\"chart-table\">\n<caption>");
  put_text(out, m->title);
  buf_puts(out, "</caption>\n<thead><tr><th scope=\"col\">");
  put_text(out, m->x_name);
  buf_puts(out, "</th>");
  for (size_t i = 0; i < m->nseries; i++) put_head(out, &m->series[i]);
  if (pie) buf_puts(out, "<th scope=\"col\">占比（%）</th>");
  buf_puts(out, "</tr></thead>\n<tbody>\n");
  for (size_t r = 0; r < m->ncats; r++) {
    buf_puts(out, "<tr><th scope=\"row\">");
    put_text(out, m->cats[r]);
    buf_puts(out, "</th>");
    for (size_t i = 0; i < m->nseries; i++) {
      const chart_series *s = &m->series[i];
      buf_puts(out, "<td>");
      if (isnan(s->v[r])) buf_puts(out, "—");
      else num_format(out, s->v[r], s->decimals);
      buf_puts(out, "</td>");
    }
    if (pie) {
      double v = m->series[0].v[r];
      buf_puts(out, "<td>");
      if (isnan(v)) buf_puts(out, "—");
      else num_format(out, v / total * 100, 1);
      buf_puts(out, "</td>");
    }
    buf_puts(out, "</tr>\n");
  }
  buf_puts(out, "</tbody>\n</table>\n");
}

void chart_figure_html(const chart_spec *c, arena *a, const char *svg_url, const char *narrow_url,
                       const char *csv_url, const char *anchor, buf *out) {
  const char *alt = chart_summary(a, c);
  buf_puts(out, "<figure class=\"chart\"");
  if (anchor) {
    buf_puts(out, " id=\"");
    put_text(out, anchor);
    buf_putc(out, '"');
  }
  buf_puts(out, ">\n");
  if (narrow_url) {
    chart_spec n = chart_narrow(c);
    buf_puts(out, "<picture><source media=\"(max-width: 640px)\" srcset=\"");
    put_text(out, narrow_url);
    buf_printf(out, "\" width=\"%d\" height=\"%d\">", n.width, n.height);
  }
  buf_puts(out, "<img src=\"");
  put_text(out, svg_url);
  buf_printf(out, "\" width=\"%d\" height=\"%d\" alt=\"", c->width, c->height);
  put_text(out, alt);
  buf_puts(out, "\" loading=\"lazy\" decoding=\"async\">");
  if (narrow_url) buf_puts(out, "</picture>");
  buf_puts(out, "\n<details class=\"chart-data\">\n<summary>数据表</summary>\n");
  chart_table_html(c, out);
  buf_puts(out, "</details>\n<p class=\"chart-download\"><a href=\"");
  put_text(out, csv_url);
  buf_puts(out, "\" download title=\"CSV 格式，可用电子表格软件打开\">下载数据（表格）</a></p>\n</figure>\n");
}

/* fuzz_chart: a chart spec and its CSV through chart_load, then everything
 * a build makes of a loaded chart: the SVG (cairo), the sentence and the
 * data table.  The input is charts/f.yaml, then optionally a line "%%%%" and
 * charts/f.csv (the seeds say data: f.csv). */
#include <stdlib.h>

#include "arena.h"
#include "buf.h"
#include "chart.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = fuzz_two_files(data, size, "charts/f.yaml", "charts/f.csv");
  arena *a = arena_new();
  chart_spec *c = chart_load(a, fuzz_dir(), "charts/f.yaml", NULL);
  if (c) {
    buf out = BUF_INIT;
    if (chart_render_svg(c, &out) != 0) abort();
    chart_spec narrow = chart_narrow(c); /* the phones' layout, drawn too */
    if (chart_render_svg(&narrow, &out) != 0) abort();
    chart_summary(a, c);
    chart_table_html(c, &out);
    chart_figure_html(c, a, "/charts/f.svg", "/charts/f.narrow.svg", "/charts/f.csv", "chart-f", &out);
    buf_free(&out);
  }
  arena_free(a);
  free(text);
  fuzz_done();
  return 0;
}

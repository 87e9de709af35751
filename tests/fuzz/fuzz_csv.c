/* fuzz_csv: chart data files through csv_parse (RFC 4180 with positions),
 * then every cell through num_parse and num_format, as chart_load does. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "chart_model.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = fuzz_text(data, size);
  arena *a = arena_new();
  csv_table t;
  if (csv_parse(a, "charts/f.csv", text, size, &t)) {
    if (t.nrows < 2 || t.ncols < 1) abort();
    buf b = BUF_INIT;
    for (size_t i = 0; i < t.nrows * t.ncols; i++) {
      const csv_cell *c = &t.cells[i];
      if (c->line < 1 || c->col < 1) abort();
      double v;
      int dec;
      if (num_parse(c->s, &v, &dec) == NUM_OK) {
        if (!isfinite(v) || dec < 0 || dec > 6) abort();
        num_format(&b, v, dec);
      }
    }
    buf_free(&b);
  }
  arena_free(a);
  free(text);
  fuzz_done();
  return 0;
}

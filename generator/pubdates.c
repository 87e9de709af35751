/* pubdates: see pubdates.h. */
#include "pubdates.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fsx.h"

static const char header[] = "# govpub published dates: content path<TAB>publication date (docs/check.md)\n";

void pubdates_write(const release *rel, const site *s) {
  buf b = BUF_INIT;
  buf_puts(&b, header);
  for (size_t i = 0; i < s->npages; i++) { /* sorted by file */
    const page *p = s->pages[i];
    if (!p->fm || !p->built || p->is_index || !p->has_date) continue;
    buf_puts(&b, p->rel); /* not buf_printf: its formatting was 85 % of the cost, on the build's one thread */
    buf_putc(&b, '\t');
    buf_puts(&b, p->date_iso);
    buf_putc(&b, '\n');
  }
  release_write(rel, PUBDATES_FILE, b.data, b.len);
  buf_free(&b);
}

strmap *pubdates_read(arena *a, const char *dir) {
  size_t len;
  char *text = fsx_read_arena(a, path_join(a, dir, PUBDATES_FILE), &len);
  if (!text) return NULL;
  strmap *m = strmap_new(a);
  for (char *line = text; *line;) {
    char *nl = strchr(line, '\n');
    if (nl) *nl = '\0';
    char *tab = strchr(line, '\t');
    if (line[0] != '#' && tab) {
      *tab = '\0';
      strmap_put(m, line, tab + 1);
    }
    if (!nl) break;
    line = nl + 1;
  }
  return m;
}

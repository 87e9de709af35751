/* pubdates: see pubdates.h. */
#include "pubdates.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fsx.h"

static const char header[] =
    "# govpub published dates: content path<TAB>publication date<TAB>URL<TAB>aliases… (docs/check.md)\n";

static void put_url(buf *b, const char *url) {
  buf_putc(b, '\t');
  buf_putc(b, '/');
  buf_puts(b, url);
}

void pubdates_write(const release *rel, const site *s) {
  buf b = BUF_INIT;
  buf_puts(&b, header);
  for (size_t i = 0; i < s->npages; i++) { /* sorted by file */
    const page *p = s->pages[i];
    if (!p->fm || !p->built) continue;
    buf_puts(&b, p->rel); /* not buf_printf: its formatting was 85 % of the cost, on the build's one thread */
    buf_putc(&b, '\t');
    if (p->has_date) buf_puts(&b, p->date_iso);
    put_url(&b, p->url);
    for (size_t k = 0; k < p->naliases; k++)
      if (p->aliases[k]) put_url(&b, p->aliases[k]); /* NULL: refused by site_link, not written */
    buf_putc(&b, '\n');
  }
  release_write(rel, PUBDATES_FILE, b.data, b.len);
  buf_free(&b);
}

/* Splits `line` at tabs in place; the fields after the second are URLs,
 * stored without their leading '/'. */
static void read_line(arena *a, pubdates *d, char *line, size_t *cap) {
  char *tab = strchr(line, '\t');
  if (line[0] == '#' || !tab) return;
  *tab = '\0';
  if (d->n == *cap) {
    *cap = *cap ? 2 * *cap : 256;
    d->recs = arena_grow(a, d->recs, d->n, *cap, sizeof *d->recs);
  }
  pubrec *r = &d->recs[d->n++];
  *r = (pubrec){.rel = line, .date = tab + 1};
  size_t nurls = 0;
  for (char *t = tab + 1; (t = strchr(t, '\t')); t++) nurls++;
  r->urls = nurls ? arena_alloc(a, nurls * sizeof *r->urls) : NULL;
  for (char *t = strchr(tab + 1, '\t'); t; t = strchr(t + 1, '\t')) {
    *t = '\0';
    r->urls[r->nurls++] = t[1] == '/' ? t + 2 : t + 1;
  }
}

pubdates *pubdates_read(arena *a, const char *dir) {
  size_t len, cap = 0;
  char *text = fsx_read_arena(a, path_join(a, dir, PUBDATES_FILE), &len);
  if (!text) return NULL;
  pubdates *d = arena_calloc(a, 1, sizeof *d);
  for (char *line = text; *line;) {
    char *nl = strchr(line, '\n');
    if (nl) *nl = '\0';
    read_line(a, d, line, &cap);
    if (!nl) break;
    line = nl + 1;
  }
  d->by_rel = strmap_new_for(a, d->n);
  d->by_url = strmap_new_for(a, d->n);
  for (size_t i = 0; i < d->n; i++) {
    strmap_put(d->by_rel, d->recs[i].rel, &d->recs[i]);
    for (size_t k = 0; k < d->recs[i].nurls; k++) strmap_put(d->by_url, d->recs[i].urls[k], &d->recs[i]);
  }
  return d;
}

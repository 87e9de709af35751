/* pubdates: see pubdates.h. */
#include "pubdates.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fsx.h"
#include "publish_manifest.h"

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

/* Appends to `out` the records of `d` that have an address `seen` has not:
 * `seen` takes those addresses. */
static void merge_new(arena *a, const pubdates *d, strmap *seen, const pubrec ***out, size_t *n, size_t *cap) {
  for (size_t i = 0; d && i < d->n; i++) {
    bool fresh = false;
    for (size_t k = 0; k < d->recs[i].nurls; k++)
      if (!strmap_get(seen, d->recs[i].urls[k])) {
        strmap_put(seen, d->recs[i].urls[k], &d->recs[i]);
        fresh = true;
      }
    if (!fresh) continue;
    if (*n == *cap) {
      *cap = *cap ? 2 * *cap : 256;
      *out = arena_grow(a, *out, *n, *cap, sizeof **out);
    }
    (*out)[(*n)++] = &d->recs[i];
  }
}

pubdates *pubdates_read_kept(arena *a, const pubdates *record, const char *served, const char *out) {
  const char **ids = NULL;
  const pubrec **kept = NULL; /* the records taken, in the order read */
  size_t nids = 0, n = 0, cap = 0;
  strmap *seen = strmap_new(a);
  merge_new(a, record, seen, &kept, &n, &cap);
  char *served_real = served ? realpath(served, NULL) : NULL;
  if (release_list(a, out, &ids, &nids) != 0) nids = 0; /* none to read: the served release's record alone */
  for (size_t i = nids; i-- > 0;) {
    const char *dir = path_join(a, path_join(a, out, "releases"), ids[i]);
    if (!fsx_is_file(path_join(a, dir, MANIFEST_NAME))) continue;
    char *real = served_real ? realpath(dir, NULL) : NULL;
    bool is_served = real && strcmp(real, served_real) == 0;
    free(real);
    if (!is_served) merge_new(a, pubdates_read(a, dir), seen, &kept, &n, &cap);
  }
  free(served_real);
  if (!n) return NULL;
  pubdates *d = arena_calloc(a, 1, sizeof *d);
  d->recs = arena_alloc(a, n * sizeof *d->recs);
  d->by_rel = strmap_new_for(a, n);
  d->by_url = strmap_new_for(a, n);
  for (size_t i = 0; i < n; i++) {
    pubrec *r = &d->recs[d->n++];
    *r = *kept[i];
    if (!strmap_get(d->by_rel, r->rel)) strmap_put(d->by_rel, r->rel, r);
    for (size_t k = 0; k < r->nurls; k++)
      if (!strmap_get(d->by_url, r->urls[k])) strmap_put(d->by_url, r->urls[k], r);
  }
  return d;
}

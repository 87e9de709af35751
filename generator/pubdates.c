/* pubdates: see pubdates.h. */
#include "pubdates.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fsx.h"
#include "own_pages.h"
#include "pager.h"
#include "publish_manifest.h"

static const char header[] =
    "# govpub published dates: content path<TAB>publication date<TAB>URL<TAB>aliases… (docs/check.md)\n";
static const char generated_header[] =
    "# lists govpub generated: #kind<TAB>URL<TAB>its further pages…; #from<TAB>URL<TAB>the newest pages a tag's or "
    "topic's listed (docs/check.md)\n";

static void put_url(buf *b, const char *url) {
  buf_putc(b, '\t');
  buf_putc(b, '/');
  buf_puts(b, url);
}

/* A generated line's first field, '#' and the kind: written and read. */
static const char *const pubgen_names[PUBGEN_KINDS] = {
    "list", "tags", "tag", "topics", "topic", "catalog-department", "catalog-topic", "search"};
/* The line after a tag's or topic's: the pages it listed (pubgen.from). */
static const char from_name[] = "from";

void pubdates_generated(const site *s, const catalog *cat, pubgen_fn fn, void *ud) {
  int per = s->cfg->paginate;
  for (size_t i = 1; i < s->ncolumns; i++) { /* the home page is not paginated */
    const column *col = s->columns[i];
    if (col->index && col->index->built) fn(ud, PUBGEN_LIST, col->url, pager_pages(col->npages, per), NULL);
  }
  for (int t = 0; t < 2; t++) {
    const taxonomy *tx = &s->tax[t];
    if (tx->nterms) fn(ud, t ? PUBGEN_TOPICS : PUBGEN_TAGS, tx->url, 1, NULL);
    for (size_t k = 0; k < tx->nterms; k++)
      fn(ud, t ? PUBGEN_TOPIC : PUBGEN_TAG, tx->terms[k]->url, pager_pages(tx->terms[k]->npages, per),
         tx->terms[k]);
  }
  for (int kind = 0; cat && kind < 2; kind++) {
    size_t ng;
    const catalog_group *g = catalog_groups(cat, kind, &ng);
    for (size_t k = 0; k < ng; k++)
      fn(ud, kind ? PUBGEN_CATALOG_TOPIC : PUBGEN_CATALOG_DEPARTMENT, g[k].url, 1, NULL);
  }
  fn(ud, PUBGEN_SEARCH, OWN_SEARCH, 1, NULL);
}

/* The record being written, and where a list's further URLs are made
 * (emptied after each list). */
typedef struct {
  buf *b;
  arena *a;
} gen_writer;

static void write_generated(void *ud, pubgen_kind kind, const char *url, size_t npages, const term *tm) {
  gen_writer *w = ud;
  buf_putc(w->b, '#');
  buf_puts(w->b, pubgen_names[kind]);
  for (size_t k = 1; k <= npages; k++) put_url(w->b, pager_url(w->a, url, k));
  buf_putc(w->b, '\n');
  arena_reset(w->a);
  if (!tm) return;
  buf_putc(w->b, '#');
  buf_puts(w->b, from_name);
  put_url(w->b, url);
  for (size_t k = 0; k < tm->npages && k < PUBDATES_FROM; k++) { /* newest first */
    buf_putc(w->b, '\t');
    buf_puts(w->b, tm->pages[k]->rel);
  }
  buf_putc(w->b, '\n');
}

void pubdates_write(const release *rel, const site *s, const catalog *cat) {
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
  buf_puts(&b, generated_header);
  gen_writer w = {&b, arena_new()};
  pubdates_generated(s, cat, write_generated, &w);
  arena_free(w.a);
  release_write(rel, PUBDATES_FILE, b.data, b.len);
  buf_free(&b);
}

/* The URLs of a line from the tab `tab` on (split in place), each stored
 * without its leading '/'. */
static const char **read_urls(arena *a, char *tab, size_t *n) {
  size_t nurls = 0;
  for (char *t = tab; (t = strchr(t, '\t')); t++) nurls++;
  const char **urls = nurls ? arena_alloc(a, nurls * sizeof *urls) : NULL;
  *n = 0;
  for (char *t = tab; t; t = strchr(t + 1, '\t')) {
    *t = '\0';
    urls[(*n)++] = t[1] == '/' ? t + 2 : t + 1;
  }
  return urls;
}

/* A `#from` line (its fields from `tab` on): the pages of the list read
 * just before it, when it names that list. */
static void read_from(arena *a, pubdates *d, char *tab) {
  size_t n;
  const char **fields = read_urls(a, tab, &n); /* the list's URL, then paths under content/ */
  pubgen *g = d->ngens ? &d->gens[d->ngens - 1] : NULL;
  if (!g || n < 2 || strcmp(fields[0], g->urls[0]) != 0) return;
  g->from = fields + 1;
  g->nfrom = n - 1;
}

/* A generated line, `#<kind>` then its URLs, or a list's `#from`; a kind
 * this govpub does not write (a later one's) is skipped, as a comment. */
static void read_generated(arena *a, pubdates *d, const char *line, char *tab, size_t *cap) {
  size_t len = (size_t)(tab - line) - 1; /* the kind's, after the '#' */
  if (len == strlen(from_name) && memcmp(line + 1, from_name, len) == 0) {
    read_from(a, d, tab);
    return;
  }
  int kind = 0;
  while (kind < PUBGEN_KINDS && (strlen(pubgen_names[kind]) != len || memcmp(line + 1, pubgen_names[kind], len) != 0))
    kind++;
  if (kind == PUBGEN_KINDS) return;
  if (d->ngens == *cap) {
    *cap = *cap ? 2 * *cap : 64;
    d->gens = arena_grow(a, d->gens, d->ngens, *cap, sizeof *d->gens);
  }
  pubgen *g = &d->gens[d->ngens++];
  *g = (pubgen){.kind = (pubgen_kind)kind};
  g->urls = read_urls(a, tab, &g->nurls);
}

/* Splits `line` at tabs in place: a page's (the fields after the second
 * are URLs), a generated list's, or a comment. */
static void read_line(arena *a, pubdates *d, char *line, size_t *cap, size_t *gcap) {
  char *tab = strchr(line, '\t');
  if (!tab) return;
  if (line[0] == '#') {
    if (line[1] != ' ') read_generated(a, d, line, tab, gcap);
    return;
  }
  *tab = '\0';
  if (d->n == *cap) {
    *cap = *cap ? 2 * *cap : 256;
    d->recs = arena_grow(a, d->recs, d->n, *cap, sizeof *d->recs);
  }
  pubrec *r = &d->recs[d->n++];
  *r = (pubrec){.rel = line, .date = tab + 1};
  char *urls = strchr(tab + 1, '\t');
  if (urls) r->urls = read_urls(a, urls, &r->nurls);
}

pubdates *pubdates_read(arena *a, const char *dir) {
  size_t len, cap = 0, gcap = 0;
  char *text = fsx_read_arena(a, path_join(a, dir, PUBDATES_FILE), &len);
  if (!text) return NULL;
  pubdates *d = arena_calloc(a, 1, sizeof *d);
  for (char *line = text; *line;) {
    char *nl = strchr(line, '\n');
    if (nl) *nl = '\0';
    read_line(a, d, line, &cap, &gcap);
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

/* The generated lists taken so far (pubdates_read_kept), by their first URL. */
typedef struct {
  strmap *seen;
  pubgen *gens;
  size_t n, cap;
} kept_gens;

/* Appends to `k` the generated lists of `d` it has not. */
static void merge_gens(arena *a, const pubdates *d, bool served, kept_gens *k) {
  for (size_t i = 0; d && i < d->ngens; i++) {
    if (strmap_get(k->seen, d->gens[i].urls[0])) continue;
    strmap_put(k->seen, d->gens[i].urls[0], &d->gens[i]);
    if (k->n == k->cap) {
      k->cap = k->cap ? 2 * k->cap : 64;
      k->gens = arena_grow(a, k->gens, k->n, k->cap, sizeof *k->gens);
    }
    k->gens[k->n] = d->gens[i];
    k->gens[k->n++].served = served;
  }
}

pubdates *pubdates_read_kept(arena *a, const pubdates *record, const char *served, const char *out) {
  const char **ids = NULL;
  const pubrec **kept = NULL; /* the records taken, in the order read */
  size_t nids = 0, n = 0, cap = 0;
  strmap *seen = strmap_new(a);
  kept_gens gens = {.seen = strmap_new(a)};
  merge_new(a, record, seen, &kept, &n, &cap);
  merge_gens(a, record, true, &gens);
  char *served_real = served ? realpath(served, NULL) : NULL;
  if (release_list(a, out, &ids, &nids) != 0) nids = 0; /* none to read: the served release's record alone */
  for (size_t i = nids; i-- > 0;) {
    const char *dir = path_join(a, path_join(a, out, "releases"), ids[i]);
    if (!fsx_is_file(path_join(a, dir, MANIFEST_NAME))) continue;
    char *real = served_real ? realpath(dir, NULL) : NULL;
    bool is_served = real && strcmp(real, served_real) == 0;
    free(real);
    if (is_served) continue;
    const pubdates *other = pubdates_read(a, dir);
    merge_new(a, other, seen, &kept, &n, &cap);
    merge_gens(a, other, false, &gens);
  }
  free(served_real);
  if (!n && !gens.n) return NULL;
  pubdates *d = arena_calloc(a, 1, sizeof *d);
  d->gens = gens.gens;
  d->ngens = gens.n;
  d->recs = n ? arena_alloc(a, n * sizeof *d->recs) : NULL;
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

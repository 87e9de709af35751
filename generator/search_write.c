/* search_write: the merge half of the search index (search.h) and its file
 * formats (docs/search.md).  The workers' dictionaries are merged into one,
 * postings are counted and filled in document order (so every list comes
 * out sorted without a sort), tokens are bucketed by shard and sorted by
 * their bytes, and the shards are encoded on the render threads.
 *
 * Postings are text: each document number as the gap from the previous one
 * (minus one), doubled, plus one when a strong field (title, 文号, 索引号)
 * has the token, written as a little-endian base-32 varint whose digits are
 * the characters of DIGITS (the upper half of the alphabet says "more
 * follows").  A rare token costs two or three characters a document, a
 * common one one. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "context.h"
#include "escape.h"
#include "pool.h"
#include "search_impl.h"

#define SHARD_TARGET 32768 /* bytes of postings a shard aims at */
#define SHARDS_MIN 8
#define SHARDS_MAX 512
#define CHUNKS_MAX 480     /* document table files at most */
#define CHUNK_MIN 16       /* documents per table file at least */

static const char DIGITS[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

typedef struct {
  search_index *x;
  const release *rel;
  search_dict dict;  /* every token; global ids */
  uint32_t *start;   /* per global id: its first posting; start[n] = total */
  uint32_t *post;    /* doc id << 1 | strong, by token, then by doc */
  uint32_t *byshard; /* global ids, by shard, each shard's sorted by bytes */
  uint32_t *shard_start;
  uint32_t shards;
  atomic_int failed;
} merge;

static void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) abort();
  return p;
}

static void *xcalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size);
  if (!p) abort();
  return p;
}

static size_t varint_len(uint32_t v) {
  size_t n = 1;
  for (; v >= 32; v >>= 5) n++;
  return n;
}

static void put_varint(buf *b, uint32_t v) {
  for (; v >= 32; v >>= 5) buf_putc(b, DIGITS[32 | (v & 31)]);
  buf_putc(b, DIGITS[v]);
}

/* The value a posting is written as, after the posting `prev` (or -1). */
static uint32_t gap(int64_t prev, uint32_t post) {
  return (uint32_t)(((int64_t)(post >> 1) - prev - 1) << 1) | (post & 1);
}

/* Global ids for the workers' tokens, then every page's postings. */
static void merge_postings(merge *m) {
  search_index *x = m->x;
  uint32_t **map = xcalloc((size_t)x->nworkers, sizeof *map);
  for (int w = 0; w < x->nworkers; w++) {
    const search_dict *d = &x->w[w].dict;
    map[w] = xmalloc(d->n * sizeof **map);
    for (uint32_t i = 0; i < d->n; i++) {
      bool added;
      map[w][i] = search_dict_id(&m->dict, d->toks[i].s, d->toks[i].len, d->toks[i].hash, &added);
    }
  }
  uint32_t n = m->dict.n;
  m->start = xcalloc((size_t)n + 1, sizeof *m->start);
  for (size_t i = 0; i < x->ndocs; i++) {
    const search_doc *d = &x->docs[i];
    for (uint32_t k = 0; d->worker >= 0 && k < d->ntoks; k++) m->start[map[d->worker][d->toks[k] >> 1] + 1]++;
  }
  for (uint32_t g = 0; g < n; g++) m->start[g + 1] += m->start[g];
  m->post = xmalloc((size_t)m->start[n] * sizeof *m->post);
  uint32_t *fill = xmalloc((size_t)n * sizeof *fill);
  memcpy(fill, m->start, (size_t)n * sizeof *fill);
  for (size_t i = 0; i < x->ndocs; i++) {
    const search_doc *d = &x->docs[i];
    for (uint32_t k = 0; d->worker >= 0 && k < d->ntoks; k++)
      m->post[fill[map[d->worker][d->toks[k] >> 1]]++] = (uint32_t)i << 1 | (d->toks[k] & 1);
  }
  free(fill);
  for (int w = 0; w < x->nworkers; w++) free(map[w]);
  free(map);
}

/* The shard count: a power of two giving shards of about SHARD_TARGET bytes. */
static uint32_t shard_count(const merge *m) {
  uint64_t bytes = 0;
  for (uint32_t g = 0; g < m->dict.n; g++) {
    bytes += m->dict.toks[g].len + 2;
    int64_t prev = -1;
    for (uint32_t k = m->start[g]; k < m->start[g + 1]; k++) {
      bytes += varint_len(gap(prev, m->post[k]));
      prev = m->post[k] >> 1;
    }
  }
  uint32_t s = SHARDS_MIN;
  while (s < SHARDS_MAX && (uint64_t)s * SHARD_TARGET < bytes) s *= 2;
  return s;
}

static int cmp_tokens(const void *a, const void *b, void *ctx) {
  const search_tok *toks = ctx, *x = &toks[*(const uint32_t *)a], *y = &toks[*(const uint32_t *)b];
  int c = memcmp(x->s, y->s, x->len < y->len ? x->len : y->len);
  return c ? c : (x->len > y->len) - (x->len < y->len);
}

static void bucket_by_shard(merge *m) {
  uint32_t n = m->dict.n, mask = m->shards - 1;
  m->shard_start = xcalloc((size_t)m->shards + 1, sizeof *m->shard_start);
  for (uint32_t g = 0; g < n; g++) m->shard_start[(m->dict.toks[g].hash & mask) + 1]++;
  for (uint32_t s = 0; s < m->shards; s++) m->shard_start[s + 1] += m->shard_start[s];
  m->byshard = xmalloc((size_t)n * sizeof *m->byshard);
  uint32_t *fill = xmalloc((size_t)m->shards * sizeof *fill);
  memcpy(fill, m->shard_start, (size_t)m->shards * sizeof *fill);
  for (uint32_t g = 0; g < n; g++) m->byshard[fill[m->dict.toks[g].hash & mask]++] = g;
  free(fill);
  for (uint32_t s = 0; s < m->shards; s++)
    qsort_r(m->byshard + m->shard_start[s], m->shard_start[s + 1] - m->shard_start[s], sizeof *m->byshard,
            cmp_tokens, m->dict.toks);
}

static void write_file(merge *m, const char *path, const buf *b) {
  if (release_write(m->rel, path, b->data ? b->data : "", b->len) != 0) atomic_fetch_add(&m->failed, 1);
}

/* pool_fn: one shard file, `token<TAB>postings` lines sorted by token. */
static void shard_job(void *ctx, size_t s, int worker) {
  merge *m = ctx;
  (void)worker;
  buf b = BUF_INIT;
  for (uint32_t i = m->shard_start[s]; i < m->shard_start[s + 1]; i++) {
    uint32_t g = m->byshard[i];
    buf_put(&b, m->dict.toks[g].s, m->dict.toks[g].len);
    buf_putc(&b, '\t');
    int64_t prev = -1;
    for (uint32_t k = m->start[g]; k < m->start[g + 1]; k++) {
      put_varint(&b, gap(prev, m->post[k]));
      prev = m->post[k] >> 1;
    }
    buf_putc(&b, '\n');
  }
  char path[64];
  snprintf(path, sizeof path, "search/t/%zu.txt", s);
  write_file(m, path, &b);
  buf_free(&b);
}

static void json_str(buf *b, const char *s) {
  buf_putc(b, '"');
  if (s) esc_json(b, s, strlen(s));
  buf_putc(b, '"');
}

static const char *field(const search_index *x, const page *p, const char *name) {
  const yx_node *v = page_field(x->s, p, name);
  return v && v->kind == YX_SCALAR ? v->str : "";
}

/* The column number of every document (strmap values are number + 1). */
static size_t *doc_columns(search_index *x, const column **cols, size_t ncols) {
  strmap *idx = strmap_new(x->a);
  for (size_t c = 0; c < ncols; c++) strmap_put(idx, cols[c]->path, (void *)(uintptr_t)(c + 1));
  size_t *col = xmalloc(x->ndocs * sizeof *col);
  for (size_t i = 0; i < x->ndocs; i++) col[i] = (uintptr_t)strmap_get(idx, x->docs[i].p->column->path) - 1;
  return col;
}

/* d/<n>.json: [URL, title, column, date, 文号, 索引号, snippet] per document. */
static size_t write_docs(merge *m, const size_t *col, size_t chunk) {
  search_index *x = m->x;
  size_t files = 0;
  for (size_t from = 0; from < x->ndocs; from += chunk, files++) {
    buf b = BUF_INIT;
    buf_putc(&b, '[');
    for (size_t i = from; i < x->ndocs && i < from + chunk; i++) {
      const search_doc *d = &x->docs[i];
      buf_puts(&b, i > from ? ",\n[" : "[");
      json_str(&b, d->p->url);
      buf_putc(&b, ',');
      json_str(&b, d->p->title);
      buf_printf(&b, ",%zu,", col[i]);
      json_str(&b, d->p->has_date ? d->p->date_ymd : "");
      buf_putc(&b, ',');
      json_str(&b, field(x, d->p, "doc_no"));
      buf_putc(&b, ',');
      json_str(&b, field(x, d->p, "index_no"));
      buf_putc(&b, ',');
      json_str(&b, d->snippet);
      buf_putc(&b, ']');
    }
    buf_puts(&b, "]\n");
    char path[64];
    snprintf(path, sizeof path, "search/d/%zu.json", files);
    write_file(m, path, &b);
    buf_free(&b);
  }
  return files;
}

/* columns.txt: each document's column number in `width` DIGITS (base 64). */
static void write_columns(merge *m, const size_t *col, int width) {
  buf b = BUF_INIT;
  for (size_t i = 0; i < m->x->ndocs; i++) {
    if (width == 2) buf_putc(&b, DIGITS[(col[i] >> 6) & 63]);
    buf_putc(&b, DIGITS[col[i] & 63]);
  }
  buf_putc(&b, '\n');
  write_file(m, "search/columns.txt", &b);
  buf_free(&b);
}

static void write_meta(merge *m, const column **cols, size_t ncols, size_t chunk, int width) {
  search_index *x = m->x;
  buf b = BUF_INIT;
  buf_printf(&b, "{\"version\":1,\"shards\":%u,\"docs\":%zu,\"chunk\":%zu,\"column_width\":%d,\n\"columns\":[",
             m->shards, x->ndocs, chunk, width);
  for (size_t c = 0; c < ncols; c++) {
    buf_puts(&b, c ? ",\n{\"path\":" : "{\"path\":");
    json_str(&b, cols[c]->path);
    buf_puts(&b, ",\"title\":");
    json_str(&b, cols[c]->parent ? column_title(cols[c]) : "首页");
    buf_puts(&b, ",\"url\":");
    json_str(&b, cols[c]->url);
    buf_putc(&b, '}');
  }
  /* [year, first, last]: runs of documents of one year (newest first) */
  buf_puts(&b, "],\n\"years\":[");
  size_t runs = 0;
  for (size_t i = 0; i < x->ndocs;) {
    const page *p = x->docs[i].p;
    int year = p->has_date ? gdate_year(&p->date) : 0;
    size_t j = i + 1;
    while (j < x->ndocs && (x->docs[j].p->has_date ? gdate_year(&x->docs[j].p->date) : 0) == year) j++;
    if (year) buf_printf(&b, "%s[%d,%zu,%zu]", runs++ ? "," : "", year, i, j - 1);
    i = j;
  }
  buf_puts(&b, "]}\n");
  write_file(m, "search/meta.json", &b);
  buf_free(&b);
}

int search_write(search_index *x, const release *rel, int threads) {
  merge m = {.x = x, .rel = rel};
  atomic_init(&m.failed, 0);
  merge_postings(&m);
  m.shards = shard_count(&m);
  bucket_by_shard(&m);
  pool_run(threads, m.shards, shard_job, &m);
  const column **cols;
  size_t ncols = search_columns(x->s, x->a, &cols);
  int width = ncols <= 64 ? 1 : 2;
  size_t chunk = (x->ndocs + CHUNKS_MAX - 1) / CHUNKS_MAX;
  if (chunk < CHUNK_MIN) chunk = CHUNK_MIN;
  size_t *col = doc_columns(x, cols, ncols);
  size_t files = m.shards + write_docs(&m, col, chunk) + 2;
  write_columns(&m, col, width);
  write_meta(&m, cols, ncols, chunk, width);
  free(col);
  free(m.start);
  free(m.post);
  free(m.byshard);
  free(m.shard_start);
  search_dict_free(&m.dict);
  return atomic_load(&m.failed) ? -1 : (int)files;
}

/* search_write: the merge half of the search index (search.h) and its file
 * formats (docs/search.md).  The workers' dictionaries are merged into one
 * and each token's documents counted; tokens are bucketed by shard and
 * sorted by their bytes; then, a group of shards at a time (so memory holds
 * at most GROUP_POSTINGS postings), the group's postings are gathered in
 * document order (every list comes out sorted without a sort) and its
 * shards are encoded and written on the render threads.
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
#define GROUP_POSTINGS (1u << 21) /* postings gathered at once (8 MiB) */

static const char DIGITS[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

typedef struct {
  search_index *x;
  const release *rel;
  search_dict dict;   /* every token; global ids */
  uint32_t **map;     /* per worker: local id → global id */
  uint32_t *count;    /* per global id: the documents that have it */
  uint16_t *shard;    /* per global id: its shard */
  uint32_t *byshard;  /* global ids, by shard, each shard's sorted by bytes */
  uint32_t *shard_start;
  uint32_t shards;
  uint32_t first;     /* the first shard of the group being written */
  uint32_t *end;      /* per global id of the group: one past its last posting */
  uint32_t *post;     /* the group's postings: doc id << 1 | strong, by token, then doc */
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

static void put_varint(buf *b, uint32_t v) {
  for (; v >= 32; v >>= 5) buf_putc(b, DIGITS[32 | (v & 31)]);
  buf_putc(b, DIGITS[v]);
}

/* The value a posting is written as, after the posting `prev` (or -1). */
static uint32_t gap(int64_t prev, uint32_t post) {
  return (uint32_t)(((int64_t)(post >> 1) - prev - 1) << 1) | (post & 1);
}

/* Global ids for the workers' tokens, and how many documents have each. */
static void merge_tokens(merge *m) {
  search_index *x = m->x;
  m->map = xcalloc((size_t)x->nworkers, sizeof *m->map);
  for (int w = 0; w < x->nworkers; w++) {
    const search_dict *d = &x->w[w].dict;
    m->map[w] = xmalloc(d->n * sizeof **m->map);
    for (uint32_t i = 0; i < d->n; i++) {
      bool added;
      m->map[w][i] = search_dict_id(&m->dict, d->toks[i].s, d->toks[i].len, &added);
    }
  }
  m->count = xcalloc(m->dict.n, sizeof *m->count);
  for (size_t i = 0; i < x->ndocs; i++) {
    const search_doc *d = &x->docs[i];
    for (uint32_t k = 0; d->worker >= 0 && k < d->ntoks; k++) m->count[m->map[d->worker][d->toks[k] >> 1]]++;
  }
}

/* The shard count: a power of two giving shards of about SHARD_TARGET
 * bytes, reckoning a posting at one byte (1.06 on the 10k-page bench
 * corpus: most gaps are small). */
static uint32_t shard_count(const merge *m) {
  uint64_t bytes = 0;
  for (uint32_t g = 0; g < m->dict.n; g++) bytes += m->dict.toks[g].len + 2 + m->count[g];
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
  m->shard = xmalloc(n * sizeof *m->shard);
  m->shard_start = xcalloc((size_t)m->shards + 1, sizeof *m->shard_start);
  for (uint32_t g = 0; g < n; g++) {
    m->shard[g] = (uint16_t)(m->dict.toks[g].hash & mask);
    m->shard_start[m->shard[g] + 1]++;
  }
  for (uint32_t s = 0; s < m->shards; s++) m->shard_start[s + 1] += m->shard_start[s];
  m->byshard = xmalloc((size_t)n * sizeof *m->byshard);
  uint32_t *fill = xmalloc((size_t)m->shards * sizeof *fill);
  memcpy(fill, m->shard_start, (size_t)m->shards * sizeof *fill);
  for (uint32_t g = 0; g < n; g++) m->byshard[fill[m->shard[g]]++] = g;
  free(fill);
  for (uint32_t s = 0; s < m->shards; s++)
    qsort_r(m->byshard + m->shard_start[s], m->shard_start[s + 1] - m->shard_start[s], sizeof *m->byshard,
            cmp_tokens, m->dict.toks);
}

static void write_file(merge *m, const char *path, const buf *b) {
  if (release_write(m->rel, path, b->data ? b->data : "", b->len) != 0) atomic_fetch_add(&m->failed, 1);
}

/* pool_fn: one shard file of the group, `token<TAB>postings` lines sorted
 * by token. */
static void shard_job(void *ctx, size_t i, int worker) {
  merge *m = ctx;
  uint32_t s = m->first + (uint32_t)i;
  (void)worker;
  buf b = BUF_INIT;
  for (uint32_t k = m->shard_start[s]; k < m->shard_start[s + 1]; k++) {
    uint32_t g = m->byshard[k];
    buf_put(&b, m->dict.toks[g].s, m->dict.toks[g].len);
    buf_putc(&b, '\t');
    int64_t prev = -1;
    for (uint32_t p = m->end[g] - m->count[g]; p < m->end[g]; p++) {
      put_varint(&b, gap(prev, m->post[p]));
      prev = m->post[p] >> 1;
    }
    buf_putc(&b, '\n');
  }
  char path[64];
  snprintf(path, sizeof path, "search/t/%u.txt", s);
  write_file(m, path, &b);
  buf_free(&b);
}

/* Shards [from, to): their postings are gathered in document order (so
 * every list comes out sorted), then the shards are written in parallel.
 * Groups keep the postings in memory at once to GROUP_POSTINGS. */
static void write_group(merge *m, uint32_t from, uint32_t to, int threads) {
  search_index *x = m->x;
  size_t n = 0;
  for (uint32_t k = m->shard_start[from]; k < m->shard_start[to]; k++) {
    m->end[m->byshard[k]] = (uint32_t)n;
    n += m->count[m->byshard[k]];
  }
  m->post = xmalloc(n * sizeof *m->post);
  for (size_t i = 0; i < x->ndocs; i++) {
    const search_doc *d = &x->docs[i];
    for (uint32_t k = 0; d->worker >= 0 && k < d->ntoks; k++) {
      uint32_t g = m->map[d->worker][d->toks[k] >> 1];
      if (m->shard[g] >= from && m->shard[g] < to) m->post[m->end[g]++] = (uint32_t)i << 1 | (d->toks[k] & 1);
    }
  }
  m->first = from;
  pool_run(threads, to - from, shard_job, m);
  free(m->post);
  m->post = NULL;
}

static void write_shards(merge *m, int threads) {
  m->end = xmalloc(m->dict.n * sizeof *m->end);
  uint32_t from = 0;
  size_t held = 0;
  for (uint32_t s = 0; s < m->shards; s++) {
    size_t n = 0;
    for (uint32_t k = m->shard_start[s]; k < m->shard_start[s + 1]; k++) n += m->count[m->byshard[k]];
    if (s > from && held + n > GROUP_POSTINGS) {
      write_group(m, from, s, threads);
      from = s;
      held = 0;
    }
    held += n;
  }
  write_group(m, from, m->shards, threads);
  free(m->end);
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
  merge_tokens(&m);
  m.shards = shard_count(&m);
  bucket_by_shard(&m);
  write_shards(&m, threads);
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
  for (int w = 0; w < x->nworkers; w++) free(m.map[w]);
  free(m.map);
  free(m.count);
  free(m.shard);
  free(m.byshard);
  free(m.shard_start);
  search_dict_free(&m.dict);
  return atomic_load(&m.failed) ? -1 : (int)files;
}

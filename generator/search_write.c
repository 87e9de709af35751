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
/* GOVPUB_SEARCH_GROUP=n gathers at most n postings at once instead (at
 * least a shard's), so that tests can run the several-group path on a
 * small site (tests/cli/search_threads.sh); the files are the same. */

static const char DIGITS[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

typedef struct {
  search_index *x;
  const release *rel;
  int threads;
  search_dict dict;   /* every token; global ids */
  uint32_t **map;     /* per worker: local id → global id */
  uint32_t *count;    /* per global id: the documents that have it */
  uint16_t *group;    /* per global id: its group */
  uint32_t *start;    /* per global id: where its postings begin in its group's */
  uint32_t *byshard;  /* global ids, by shard, each shard's sorted by bytes */
  uint32_t *shard_start;
  uint32_t shards;
  uint32_t *group_shard; /* group k holds shards [group_shard[k], group_shard[k + 1]) */
  uint32_t groups;
  size_t group_postings; /* GROUP_POSTINGS, or GOVPUB_SEARCH_GROUP */
  const size_t *col;  /* per document: its column number */
  size_t chunk;       /* documents per table file */
  uint32_t *goff;     /* per document, per group k: where its tokens of group k begin; [groups]: the end */
  uint32_t ranges;    /* document ranges the passes over the documents are cut into */
  uint32_t **next;    /* per range, per global id: its count in the range, then where it writes next */
  uint32_t cur;       /* the group being gathered and written */
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

/* The documents [*from, *to) of range r. */
static void range_of(const merge *m, size_t r, size_t *from, size_t *to) {
  *from = m->x->ndocs * r / m->ranges;
  *to = m->x->ndocs * (r + 1) / m->ranges;
}

/* Global ids for the workers' tokens. */
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
}

/* pool_fn: range i's documents get global ids in their lists (in place:
 * the lists are the merge's from here on), and its count of each token. */
static void globalize_job(void *ctx, size_t i, int worker) {
  merge *m = ctx;
  (void)worker;
  uint32_t *cnt = m->next[i];
  size_t from, to;
  range_of(m, i, &from, &to);
  for (size_t d = from; d < to; d++) {
    search_doc *doc = &m->x->docs[d];
    if (doc->worker < 0) continue;
    const uint32_t *map = m->map[doc->worker];
    for (uint32_t k = 0; k < doc->ntoks; k++) {
      uint32_t g = map[doc->toks[k] >> 1];
      doc->toks[k] = g << 1 | (doc->toks[k] & 1);
      cnt[g]++;
    }
  }
}

static void count_tokens(merge *m) {
  size_t n = m->dict.n;
  m->next = xcalloc(m->ranges, sizeof *m->next);
  for (uint32_t r = 0; r < m->ranges; r++) m->next[r] = xcalloc(n, sizeof **m->next);
  pool_run(m->threads, m->ranges, globalize_job, m);
  m->count = xcalloc(n, sizeof *m->count);
  for (uint32_t r = 0; r < m->ranges; r++)
    for (size_t g = 0; g < n; g++) m->count[g] += m->next[r][g];
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

/* pool_fn: shard i's tokens sorted by their bytes. */
static void sort_job(void *ctx, size_t i, int worker) {
  merge *m = ctx;
  (void)worker;
  qsort_r(m->byshard + m->shard_start[i], m->shard_start[i + 1] - m->shard_start[i], sizeof *m->byshard,
          cmp_tokens, m->dict.toks);
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
  pool_run(m->threads, m->shards, sort_job, m);
}

/* Groups of shards holding at most GROUP_POSTINGS postings (or one shard),
 * each token's group and where its postings begin in the group's, and
 * per range where the range's postings of each token begin. */
static void plan_groups(merge *m) {
  m->group_shard = xmalloc(((size_t)m->shards + 1) * sizeof *m->group_shard);
  m->group = xmalloc(m->dict.n * sizeof *m->group);
  m->start = xmalloc(m->dict.n * sizeof *m->start);
  m->groups = 0;
  m->group_shard[0] = 0;
  size_t held = 0;
  for (uint32_t s = 0; s < m->shards; s++) {
    size_t n = 0;
    for (uint32_t k = m->shard_start[s]; k < m->shard_start[s + 1]; k++) n += m->count[m->byshard[k]];
    if (s > m->group_shard[m->groups] && held + n > m->group_postings) {
      m->group_shard[++m->groups] = s;
      held = 0;
    }
    for (uint32_t k = m->shard_start[s]; k < m->shard_start[s + 1]; k++) {
      uint32_t g = m->byshard[k];
      m->group[g] = (uint16_t)m->groups;
      m->start[g] = (uint32_t)held;
      for (uint32_t r = 0, at = (uint32_t)held; r < m->ranges; r++) {
        uint32_t c = m->next[r][g];
        m->next[r][g] = at;
        at += c;
      }
      held += m->count[g];
    }
  }
  m->group_shard[++m->groups] = m->shards;
}

/* pool_fn: with more than one group, range i's documents have their lists
 * ordered by group (a counting sort) and goff set, so that gathering a
 * group reads only its own tokens. */
static void order_job(void *ctx, size_t i, int worker) {
  merge *m = ctx;
  (void)worker;
  uint32_t ng = m->groups, *tmp = NULL, cap = 0;
  size_t from, to;
  range_of(m, i, &from, &to);
  for (size_t d = from; d < to; d++) {
    search_doc *doc = &m->x->docs[d];
    uint32_t *off = m->goff + d * (ng + 1);
    memset(off, 0, (ng + 1) * sizeof *off);
    if (doc->worker < 0) continue;
    if (doc->ntoks > cap) {
      free(tmp);
      cap = doc->ntoks;
      tmp = xmalloc(cap * sizeof *tmp);
    }
    for (uint32_t k = 0; k < doc->ntoks; k++) off[m->group[doc->toks[k] >> 1] + 1]++;
    for (uint32_t k = 0; k < ng; k++) off[k + 1] += off[k];
    for (uint32_t k = 0; k < doc->ntoks; k++) tmp[off[m->group[doc->toks[k] >> 1]]++] = doc->toks[k];
    memcpy(doc->toks, tmp, doc->ntoks * sizeof *tmp);
    for (uint32_t k = ng; k > 0; k--) off[k] = off[k - 1]; /* back to where each group begins */
    off[0] = 0;
  }
  free(tmp);
}

/* pool_fn: range i's postings of the current group, each at its token's
 * place (ranges in document order, so every list comes out sorted). */
static void gather_job(void *ctx, size_t i, int worker) {
  merge *m = ctx;
  (void)worker;
  uint32_t *next = m->next[i], ng = m->groups;
  size_t from, to;
  range_of(m, i, &from, &to);
  for (size_t d = from; d < to; d++) {
    const search_doc *doc = &m->x->docs[d];
    if (doc->worker < 0) continue;
    uint32_t lo = 0, hi = doc->ntoks;
    if (ng > 1) {
      lo = m->goff[d * (ng + 1) + m->cur];
      hi = m->goff[d * (ng + 1) + m->cur + 1];
    }
    for (uint32_t k = lo; k < hi; k++) m->post[next[doc->toks[k] >> 1]++] = (uint32_t)d << 1 | (doc->toks[k] & 1);
  }
}

static void write_file(merge *m, const char *path, const buf *b) {
  if (release_write(m->rel, path, b->data ? b->data : "", b->len) != 0) atomic_fetch_add(&m->failed, 1);
}

/* Writes v as a varint at p; returns the end. */
static char *put_varint(char *p, uint32_t v) {
  for (; v >= 32; v >>= 5) *p++ = DIGITS[32 | (v & 31)];
  *p++ = DIGITS[v];
  return p;
}

/* pool_fn: one shard file of the current group, `token<TAB>postings`
 * lines sorted by token. */
static void shard_job(void *ctx, size_t i, int worker) {
  merge *m = ctx;
  uint32_t s = m->group_shard[m->cur] + (uint32_t)i;
  (void)worker;
  buf b = BUF_INIT;
  for (uint32_t k = m->shard_start[s]; k < m->shard_start[s + 1]; k++) {
    uint32_t g = m->byshard[k];
    const search_tok *t = &m->dict.toks[g];
    const uint32_t *post = m->post + m->start[g], *end = post + m->count[g];
    buf_reserve(&b, t->len + 2 + (size_t)m->count[g] * 7); /* 7: the digits of 32 bits */
    char *p = b.data + b.len;
    memcpy(p, t->s, t->len);
    p += t->len;
    *p++ = '\t';
    for (uint32_t prev = 0; post < end; post++) { /* prev: the previous doc id + 1 */
      uint32_t v = ((*post >> 1) - prev) << 1 | (*post & 1);
      prev = (*post >> 1) + 1;
      if (v < 32) *p++ = DIGITS[v];
      else p = put_varint(p, v);
    }
    *p++ = '\n';
    b.len = (size_t)(p - b.data);
  }
  char path[64];
  snprintf(path, sizeof path, "search/t/%u.txt", s);
  write_file(m, path, &b);
  buf_free(&b);
}

/* Each group: its postings gathered (on the threads, by document range),
 * then its shards encoded and written (on the threads, by shard). */
static void write_shards(merge *m) {
  m->ranges = (uint32_t)(m->threads * 2 < 16 ? m->threads * 2 : 16);
  if (m->ranges > m->x->ndocs) m->ranges = m->x->ndocs ? (uint32_t)m->x->ndocs : 1;
  count_tokens(m);
  m->shards = shard_count(m);
  bucket_by_shard(m);
  plan_groups(m);
  if (m->groups > 1) {
    m->goff = xmalloc(m->x->ndocs * (m->groups + 1) * sizeof *m->goff);
    pool_run(m->threads, m->ranges, order_job, m);
  }
  for (m->cur = 0; m->cur < m->groups; m->cur++) {
    uint32_t from = m->group_shard[m->cur], to = m->group_shard[m->cur + 1];
    size_t n = 0;
    for (uint32_t k = m->shard_start[from]; k < m->shard_start[to]; k++) n += m->count[m->byshard[k]];
    m->post = xmalloc(n * sizeof *m->post);
    pool_run(m->threads, m->ranges, gather_job, m);
    pool_run(m->threads, to - from, shard_job, m);
    free(m->post);
    m->post = NULL;
  }
  for (uint32_t r = 0; r < m->ranges; r++) free(m->next[r]);
  free(m->next);
  free(m->goff);
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

/* pool_fn: d/<i>.json, [URL, title, column, date, 文号, 索引号, snippet]
 * per document of chunk i. */
static void docs_job(void *ctx, size_t i, int worker) {
  merge *m = ctx;
  search_index *x = m->x;
  (void)worker;
  size_t from = i * m->chunk;
  buf b = BUF_INIT;
  buf_putc(&b, '[');
  for (size_t k = from; k < x->ndocs && k < from + m->chunk; k++) {
    const search_doc *d = &x->docs[k];
    buf_puts(&b, k > from ? ",\n[" : "[");
    json_str(&b, d->p->url);
    buf_putc(&b, ',');
    json_str(&b, d->p->title);
    buf_printf(&b, ",%zu,", m->col[k]);
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
  snprintf(path, sizeof path, "search/d/%zu.json", i);
  write_file(m, path, &b);
  buf_free(&b);
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
  merge m = {.x = x, .rel = rel, .threads = threads < 1 ? 1 : threads, .group_postings = GROUP_POSTINGS};
  const char *group = getenv("GOVPUB_SEARCH_GROUP");
  if (group && *group) m.group_postings = strtoul(group, NULL, 10);
  atomic_init(&m.failed, 0);
  merge_tokens(&m);
  write_shards(&m);
  const column **cols;
  size_t ncols = search_columns(x->s, x->a, &cols);
  int width = ncols <= 64 ? 1 : 2;
  size_t chunk = (x->ndocs + CHUNKS_MAX - 1) / CHUNKS_MAX;
  if (chunk < CHUNK_MIN) chunk = CHUNK_MIN;
  size_t *col = doc_columns(x, cols, ncols);
  size_t chunks = (x->ndocs + chunk - 1) / chunk;
  m.col = col;
  m.chunk = chunk;
  pool_run(m.threads, chunks, docs_job, &m);
  size_t files = m.shards + chunks + 2;
  write_columns(&m, col, width);
  write_meta(&m, cols, ncols, chunk, width);
  free(col);
  for (int w = 0; w < x->nworkers; w++) free(m.map[w]);
  free(m.map);
  free(m.count);
  free(m.group);
  free(m.start);
  free(m.group_shard);
  free(m.byshard);
  free(m.shard_start);
  search_dict_free(&m.dict);
  return atomic_load(&m.failed) ? -1 : (int)files;
}

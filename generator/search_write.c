/* search_write: the merge half of the search index (search.h) and its file
 * formats (docs/search.md).  The workers' dictionaries are merged into one
 * and each token's documents counted; tokens are bucketed by shard and
 * sorted by their bytes (each shard on a thread); then each shard is
 * written on a thread: a token's postings are its workers' (search_post),
 * copied as they are when one worker had the token, else merged by
 * document with the gaps written anew.  With two workers (-j2) each has
 * one run of the documents (search_index.ends): their postings are copied
 * one after the other, and only the second's first value is written anew.
 * Nothing holds the postings of more than one shard besides the workers'
 * own.
 *
 * Postings are text: each document number as the gap from the previous one
 * (minus one), doubled, plus one when a strong field (title, 文号, 索引号)
 * has the token, written as a little-endian base-32 varint whose digits are
 * the characters of search_digits (the upper half of the alphabet says
 * "more follows").  A rare token costs two or three characters a document, a
 * common one one. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "context.h"
#include "diag.h"
#include "escape.h"
#include "own_pages.h"
#include "pool.h"
#include "search_impl.h"

#define SHARD_TARGET 32768 /* bytes of postings a shard aims at */

typedef struct {
  search_index *x;
  const release *rel;
  int threads;
  const search_tok *toks; /* by global id: the only worker's, or own_toks */
  search_tok *own_toks; /* worker 0's tokens, then each other worker's new
                           ones (several workers) */
  uint32_t ntoks;
  uint32_t *local;    /* per global id, per worker: its local id + 1 there (0: none) */
  uint32_t *byshard;  /* global ids, by shard, each shard's sorted by bytes */
  uint32_t *shard_start;
  uint32_t shards;
  unsigned char digit[256]; /* the value of each character of search_digits */
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

#define FIND_CHUNK 4096 /* tokens a job of merge_tokens' lookups */
#define NEW_TOKEN UINT32_MAX

/* One round of merge_tokens: worker w's tokens looked up in workers 0..w-1. */
typedef struct {
  const search_index *x;
  uint32_t **map; /* per worker, per local id: the global id (NEW_TOKEN: w's first) */
  int w;
} find_round;

/* pool_fn: chunk c of worker w's tokens: where an earlier worker keeps
 * each (search_worker_find: mostly a letter's or a bigram's table, no
 * hashing of bytes), and that worker's global id for it. */
static void find_job(void *ctx, size_t c, int worker) {
  find_round *f = ctx;
  (void)worker;
  const search_dict *d = &f->x->w[f->w].dict;
  uint32_t from = (uint32_t)c * FIND_CHUNK, to = d->n - from < FIND_CHUNK ? d->n : from + FIND_CHUNK;
  for (uint32_t i = from; i < to; i++) {
    uint32_t g = NEW_TOKEN;
    for (int v = 0; v < f->w && g == NEW_TOKEN; v++) {
      uint32_t id1 = search_worker_find(&f->x->w[v], d->toks[i].s, d->toks[i].len);
      if (id1) g = v ? f->map[v][id1 - 1] : id1 - 1;
    }
    f->map[f->w][i] = g;
  }
}

/* Global ids for the workers' tokens and where each worker has them.
 * Worker 0's ids are the global ones; each other worker's tokens are looked
 * up in the workers before it, on the render threads (one job a chunk), and
 * those none of them has seen take the next ids, in the worker's order. */
static void merge_tokens(merge *m) {
  search_index *x = m->x;
  int nw = x->nworkers;
  uint32_t **map = xcalloc((size_t)nw, sizeof *map);
  const search_worker *w0 = &x->w[0];
  m->toks = w0->dict.toks;
  m->ntoks = w0->dict.n;
  if (nw > 1) {
    uint32_t total = 0;
    for (int w = 0; w < nw; w++) total += x->w[w].dict.n;
    m->own_toks = xmalloc((size_t)total * sizeof *m->own_toks);
    if (w0->dict.n) memcpy(m->own_toks, w0->dict.toks, (size_t)w0->dict.n * sizeof *m->own_toks);
    for (int w = 1; w < nw; w++) {
      const search_dict *d = &x->w[w].dict;
      map[w] = xmalloc(d->n * sizeof **map);
      find_round f = {x, map, w};
      pool_run(m->threads, (d->n + FIND_CHUNK - 1) / FIND_CHUNK, find_job, &f);
      for (uint32_t i = 0; i < d->n; i++)
        if (map[w][i] == NEW_TOKEN) {
          map[w][i] = m->ntoks;
          m->own_toks[m->ntoks++] = d->toks[i];
        }
    }
    m->toks = m->own_toks;
  }
  m->local = xcalloc((size_t)m->ntoks * (size_t)nw, sizeof *m->local);
  for (int w = 0; w < nw; w++) {
    for (uint32_t i = 0; i < x->w[w].dict.n; i++)
      m->local[(size_t)(map[w] ? map[w][i] : i) * (size_t)nw + (size_t)w] = i + 1;
    free(map[w]);
  }
  free(map);
}

/* Postings of all tokens, all workers. */
static uint64_t postings_count(const search_index *x) {
  uint64_t n = 0;
  for (int w = 0; w < x->nworkers; w++) n += x->w[w].postings;
  return n;
}

/* With GOVPUB_TIMINGS: the index's size and the memory the workers'
 * recording holds (docs/performance.md): their arenas (token bytes, posting
 * pieces, snippets) and their tables (entries, dictionaries, caches). */
static void report_size(const merge *m) {
  if (!getenv("GOVPUB_TIMINGS")) return;
  const search_index *x = m->x;
  uint64_t postings = postings_count(x), digits = 0, arenas = 0, tables = 0;
  for (int i = 0; i < x->nworkers; i++) {
    const search_worker *w = &x->w[i];
    for (uint32_t t = 0; t < w->dict.n; t++) digits += w->post[t].bytes + w->post[t].nheld;
    arenas += arena_used(w->a);
    tables += (uint64_t)w->dict.n * (sizeof *w->post + sizeof *w->last + sizeof *w->pend + sizeof *w->dict.toks) +
              (uint64_t)w->dict.nslots * sizeof *w->dict.slots + 0x10000 * (sizeof *w->bmp + sizeof(uint16_t)) +
              ((uint64_t)1 << w->pair_bits) * sizeof *w->pairs;
  }
  diag_print("memory: search index: %u tokens, %llu postings in %llu digits (the workers'); their arenas %.1f MB, tables %.1f MB",
             m->ntoks, (unsigned long long)postings, (unsigned long long)digits, arenas / 1e6, tables / 1e6);
}

/* The shard count: a power of two giving shards of about SHARD_TARGET
 * bytes, reckoning a posting at one byte (1.06 on the 10k-page bench
 * corpus: most gaps are small). */
uint32_t search_shard_count(uint64_t bytes) {
  uint32_t s = SEARCH_SHARDS_MIN;
  while (s < SEARCH_SHARDS_MAX && (uint64_t)s * SHARD_TARGET < bytes) s *= 2;
  return s;
}

static uint64_t postings_measure(const merge *m) {
  uint64_t bytes = postings_count(m->x);
  for (uint32_t g = 0; g < m->ntoks; g++) bytes += m->toks[g].len + 2;
  return bytes;
}

/* A token to sort: its first eight bytes as a big-endian number (zero
 * padded: no token has a NUL byte), so that comparing keys compares
 * bytes, and its global id. */
typedef struct {
  uint64_t key;
  uint32_t g;
} sort_item;

/* Token order: by bytes, a prefix first. */
static bool before(const sort_item *a, const sort_item *b, const search_tok *toks) {
  if (a->key != b->key) return a->key < b->key;
  const search_tok *x = &toks[a->g], *y = &toks[b->g];
  if (x->len <= 8 || y->len <= 8) return x->len < y->len;
  int c = memcmp(x->s + 8, y->s + 8, (x->len < y->len ? x->len : y->len) - 8);
  return c ? c < 0 : x->len < y->len;
}

/* Sorts v[0..n): quicksort on the median of three, insertion sort below
 * sixteen items; the smaller side first, so the stack stays shallow. */
static void sort_items(sort_item *v, size_t n, const search_tok *toks) {
  while (n > 16) {
    sort_item *a = &v[0], *b = &v[n / 2], *c = &v[n - 1], t;
    if (before(b, a, toks)) t = *a, *a = *b, *b = t;
    if (before(c, b, toks)) {
      t = *b, *b = *c, *c = t;
      if (before(b, a, toks)) t = *a, *a = *b, *b = t;
    }
    sort_item pivot = *b;
    size_t i = 0, j = n - 1;
    for (;;) { /* Hoare partition: v[0..i) ≤ pivot ≤ v(j..n) */
      while (before(&v[i], &pivot, toks)) i++;
      while (before(&pivot, &v[j], toks)) j--;
      if (i >= j) break;
      t = v[i], v[i] = v[j], v[j] = t;
      i++;
      j--;
    }
    size_t left = j + 1;
    if (left < n - left) {
      sort_items(v, left, toks);
      v += left;
      n -= left;
    } else {
      sort_items(v + left, n - left, toks);
      n = left;
    }
  }
  for (size_t i = 1; i < n; i++) {
    sort_item x = v[i];
    size_t j = i;
    for (; j > 0 && before(&x, &v[j - 1], toks); j--) v[j] = v[j - 1];
    v[j] = x;
  }
}

/* pool_fn: shard i's tokens sorted by their bytes. */
static void sort_job(void *ctx, size_t i, int worker) {
  merge *m = ctx;
  (void)worker;
  uint32_t *ids = m->byshard + m->shard_start[i], n = m->shard_start[i + 1] - m->shard_start[i];
  sort_item *v = xmalloc((size_t)n * sizeof *v);
  for (uint32_t k = 0; k < n; k++) {
    const search_tok *t = &m->toks[ids[k]];
    uint64_t key = 0;
    for (uint32_t b = 0; b < 8; b++) key = key << 8 | (b < t->len ? (unsigned char)t->s[b] : 0u);
    v[k] = (sort_item){key, ids[k]};
  }
  sort_items(v, n, m->toks);
  for (uint32_t k = 0; k < n; k++) ids[k] = v[k].g;
  free(v);
}

static void bucket_by_shard(merge *m) {
  uint32_t n = m->ntoks, mask = m->shards - 1;
  m->shard_start = xcalloc((size_t)m->shards + 1, sizeof *m->shard_start);
  for (uint32_t g = 0; g < n; g++) m->shard_start[(m->toks[g].hash & mask) + 1]++;
  for (uint32_t s = 0; s < m->shards; s++) m->shard_start[s + 1] += m->shard_start[s];
  m->byshard = xmalloc((size_t)n * sizeof *m->byshard);
  uint32_t *fill = xmalloc((size_t)m->shards * sizeof *fill);
  memcpy(fill, m->shard_start, (size_t)m->shards * sizeof *fill);
  for (uint32_t g = 0; g < n; g++) m->byshard[fill[m->toks[g].hash & mask]++] = g;
  free(fill);
  pool_run(m->threads, m->shards, sort_job, m);
}

const char *search_shard_path(char path[SEARCH_PATH_MAX], size_t k) {
  snprintf(path, SEARCH_PATH_MAX, OWN_SEARCH "t/%zu.txt", k);
  return path;
}

const char *search_chunk_path(char path[SEARCH_PATH_MAX], size_t c) {
  snprintf(path, SEARCH_PATH_MAX, OWN_SEARCH "d/%zu.json", c);
  return path;
}

static void write_file(merge *m, const char *path, const buf *b) {
  if (release_write(m->rel, path, b->data ? b->data : "", b->len) != 0) atomic_fetch_add(&m->failed, 1);
}

/* One worker's postings of a token, read one at a time: its pieces, then
 * its held digits (search_post).  The posting read last is kept as
 * key = (doc id + 1) << 1 | strong: keys compare as their documents (the
 * workers' are disjoint), and a posting's value after the key k is this
 * key less k, less 2 without the strong bit: one subtraction. */
typedef struct {
  const search_post *p;
  const search_block *next; /* the piece after the one being read */
  const char *at, *end;     /* the digits being read: a piece's or the held ones */
  bool held;                /* the held ones: the last stretch */
  uint32_t key;             /* CURSOR_END once every posting is read */
} cursor;

#define CURSOR_END UINT32_MAX /* above every key */

static void cursor_open(cursor *c, const search_post *p) {
  *c = (cursor){.p = p, .key = 0};
  if (p->head) {
    c->next = p->head->next;
    c->at = p->head->b;
    c->end = c->at + p->head->used;
  } else {
    c->at = p->held;
    c->end = c->at + p->nheld;
    c->held = true;
  }
}

/* The next stretch of digits of c: the next piece, or the held digits
 * after the last piece (a value never straddles two); at = end = NULL
 * after the held ones.  By value, so that a merge can keep its cursors in
 * registers. */
static cursor cursor_step(cursor c) {
  if (c.held) {
    c.at = c.end = NULL;
  } else if (c.next) {
    c.at = c.next->b;
    c.end = c.at + c.next->used;
    c.next = c.next->next;
  } else {
    c.at = c.p->held;
    c.end = c.at + c.p->nheld;
    c.held = true;
  }
  return c;
}

/* Moves c on to a stretch with digits left; false when none is. */
static bool cursor_more(cursor *c) {
  while (c->at == c->end) {
    if (!c->at) return false;
    *c = cursor_step(*c);
  }
  return true;
}

/* The value whose digits start at *at (moved past them). */
static inline uint32_t read_value(const char **at, const unsigned char *digit) {
  const char *q = *at;
  uint32_t v = digit[(unsigned char)*q++];
  if (v >= 32) { /* more digits follow (most values have one) */
    v &= 31;
    uint32_t d;
    int shift = 5;
    do {
      d = digit[(unsigned char)*q++];
      v |= (d & 31) << shift;
      shift += 5;
    } while (d >= 32);
  }
  *at = q;
  return v;
}

/* The key after c's, read (CURSOR_END when c has no more). */
static inline void next_posting(cursor *c, const unsigned char *digit) {
  if (!cursor_more(c)) {
    c->key = CURSOR_END;
    return;
  }
  c->key = (c->key | 1) + read_value(&c->at, digit) + 1; /* doc1 + (v >> 1) + 1, strong v & 1 */
}

/* Writes the posting `key` after the one whose key was k: from = (k | 1) + 1
 * (2 at a line's start: after document −1). */
static inline char *put_posting(char *o, uint32_t key, uint32_t from) {
  uint32_t v = key - from;
  for (; v >= 32; v >>= 5) *o++ = search_digits[32 | (v & 31)];
  *o++ = search_digits[v];
  return o;
}

/* The postings c has not read yet, copied as they stand. */
static char *copy_rest(char *o, cursor *c) {
  while (c->at) {
    size_t n = (size_t)(c->end - c->at);
    memcpy(o, c->at, n);
    o += n;
    *c = cursor_step(*c);
  }
  return o;
}

/* The postings of a token the workers cur[0..n) have: their documents are
 * disjoint, so the lists interleave; each document's gap is written anew
 * until one worker is left, whose gaps are then the file's. */
static char *merge_postings(char *o, cursor *cur, int n, const unsigned char *digit) {
  for (int k = 0; k < n; k++) next_posting(&cur[k], digit);
  uint32_t from = 2;
  if (n == 2) { /* two of the workers: what the loop reads of both cursors in locals */
    cursor *a = &cur[0], *b = &cur[1];
    const char *aat = a->at, *bat = b->at, *aend = a->end, *bend = b->end;
    uint32_t akey = a->key, bkey = b->key;
    for (;;) {
      if (akey < bkey) {
        o = put_posting(o, akey, from);
        from = (akey | 1) + 1;
        if (aat == aend) {
          a->at = aat;
          if (!cursor_more(a)) break;
          aat = a->at;
          aend = a->end;
        }
        akey = (akey | 1) + read_value(&aat, digit) + 1;
      } else {
        o = put_posting(o, bkey, from);
        from = (bkey | 1) + 1;
        if (bat == bend) {
          b->at = bat;
          if (!cursor_more(b)) {
            a->at = aat; /* the one with postings left */
            o = put_posting(o, akey, from);
            return copy_rest(o, a);
          }
          bat = b->at;
          bend = b->end;
        }
        bkey = (bkey | 1) + read_value(&bat, digit) + 1;
      }
    }
    b->at = bat;
    o = put_posting(o, bkey, from);
    return copy_rest(o, b);
  }
  for (; n > 1;) {
    int best = 0;
    for (int k = 1; k < n; k++)
      if (cur[k].key < cur[best].key) best = k;
    o = put_posting(o, cur[best].key, from);
    from = (cur[best].key | 1) + 1;
    next_posting(&cur[best], digit);
    if (cur[best].key == CURSOR_END) cur[best] = cur[--n];
  }
  o = put_posting(o, cur[0].key, from);
  return copy_rest(o, &cur[0]);
}

/* The digits of p, a worker's postings of a token written front to back
 * (search_post): its pieces', then the held ones. */
static char *copy_postings(char *o, const search_post *p) {
  for (const search_block *b = p->head; b; b = b->next) {
    memcpy(o, b->b, b->used);
    o += b->used;
  }
  memcpy(o, p->held, p->nheld);
  return o + p->nheld;
}

/* The postings of a token with two workers handed the documents from both
 * ends (search_index.ends): the first worker's (p0, NULL when it has none)
 * as they stand, the back worker's newest posting from the last of them,
 * then the back worker's (p1, not NULL) as they stand (search_post). */
static char *join_postings(char *o, const search_post *p0, const search_post *p1) {
  uint32_t from = 2; /* put_posting's start, after document −1 */
  if (p0) {
    o = copy_postings(o, p0);
    from = (p0->doc1 << 1 | 1) + 1;
  }
  o = put_posting(o, p1->doc1, from);
  memcpy(o, p1->held + SEARCH_POST_HELD - p1->nheld, p1->nheld);
  o += p1->nheld;
  for (const search_block *b = p1->head; b; b = b->next) {
    memcpy(o, b->b + b->cap - b->used, b->used);
    o += b->used;
  }
  return o;
}

/* pool_fn: shard file i, `token<TAB>postings` lines sorted by token. */
static void shard_job(void *ctx, size_t i, int worker) {
  merge *m = ctx;
  search_index *x = m->x;
  int nw = x->nworkers;
  (void)worker;
  cursor *cur = xmalloc((size_t)nw * sizeof *cur);
  buf b = BUF_INIT;
  for (uint32_t k = m->shard_start[i]; k < m->shard_start[i + 1]; k++) {
    uint32_t g = m->byshard[k];
    const search_tok *t = &m->toks[g];
    const uint32_t *local = m->local + (size_t)g * (size_t)nw;
    int n = 0;
    size_t bytes = 7; /* merged postings are no longer than the workers' and
                         the back worker's newest value (seven digits at most) */
    for (int w = 0; w < nw; w++) {
      if (!local[w]) continue;
      const search_post *p = &x->w[w].post[local[w] - 1];
      if (!x->ends) cursor_open(&cur[n], p);
      n++;
      bytes += p->bytes + p->nheld;
    }
    buf_reserve(&b, t->len + 2 + bytes);
    char *o = b.data + b.len;
    memcpy(o, t->s, t->len);
    o += t->len;
    *o++ = '\t';
    if (x->ends) {
      const search_post *p0 = local[0] ? &x->w[0].post[local[0] - 1] : NULL;
      o = local[1] ? join_postings(o, p0, &x->w[1].post[local[1] - 1]) : copy_postings(o, p0);
    } else if (n == 1) {
      o = copy_rest(o, &cur[0]);
    } else {
      o = merge_postings(o, cur, n, m->digit);
    }
    *o++ = '\n';
    b.len = (size_t)(o - b.data);
  }
  char path[SEARCH_PATH_MAX];
  write_file(m, search_shard_path(path, i), &b);
  buf_free(&b);
  free(cur);
}

static void json_str(buf *b, const char *s) {
  buf_putc(b, '"');
  if (s) esc_json(b, s, strlen(s));
  buf_putc(b, '"');
}

static const char *field(const site *s, const page *p, const char *name) {
  const yx_node *v = page_field(s, p, name);
  return v && v->kind == YX_SCALAR ? v->str : "";
}

/* n in decimal (buf_printf's cost, once per document, was a fifth of the entry's). */
static void put_number(buf *b, size_t n) {
  char d[24], *o = d + sizeof d;
  do *--o = (char)('0' + n % 10);
  while (n /= 10);
  buf_put(b, o, (size_t)(d + sizeof d - o));
}

void search_doc_entry(buf *b, const site *s, const page *p, size_t column, const char *snippet) {
  buf_putc(b, '[');
  json_str(b, p->url);
  buf_putc(b, ',');
  json_str(b, p->title);
  buf_putc(b, ',');
  put_number(b, column);
  buf_putc(b, ',');
  json_str(b, p->has_date ? p->date_ymd : "");
  buf_putc(b, ',');
  json_str(b, field(s, p, "doc_no"));
  buf_putc(b, ',');
  json_str(b, field(s, p, "index_no"));
  buf_putc(b, ',');
  json_str(b, snippet);
  buf_putc(b, ']');
}

/* columns.txt: each document's column number in `width` search_digits (base 64). */
static void write_columns(merge *m, const size_t *col, int width) {
  buf b = BUF_INIT;
  for (size_t i = 0; i < m->x->ndocs; i++) {
    if (width == 2) buf_putc(&b, search_digits[(col[i] >> 6) & 63]);
    buf_putc(&b, search_digits[col[i] & 63]);
  }
  buf_putc(&b, '\n');
  write_file(m, OWN_SEARCH "columns.txt", &b);
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
  write_file(m, OWN_SEARCH_META, &b);
  buf_free(&b);
}

search_layout search_written_layout(const search_index *x) { return x->layout; }

const uint8_t *search_doc_bits(const search_index *x, size_t i) { return x->docs[i].bits; }

int search_write(search_index *x, const release *rel, int threads) {
  merge m = {.x = x, .rel = rel, .threads = threads < 1 ? 1 : threads};
  atomic_init(&m.failed, 0);
  for (int i = 0; i < 64; i++) m.digit[(unsigned char)search_digits[i]] = (unsigned char)i;
  merge_tokens(&m);
  report_size(&m);
  x->layout.bytes = postings_measure(&m);
  m.shards = x->layout.shards = search_shard_count(x->layout.bytes);
  bucket_by_shard(&m);
  pool_run(m.threads, m.shards, shard_job, &m);
  search_table_finish(x);
  int width = x->ncols <= 64 ? 1 : 2;
  size_t files = m.shards + x->nchunks + 2;
  write_columns(&m, x->col, width);
  write_meta(&m, x->cols, x->ncols, x->chunk, width);
  free(m.local);
  free(m.byshard);
  free(m.shard_start);
  free(m.own_toks);
  return atomic_load(&m.failed) || atomic_load(&x->failed) ? -1 : (int)files;
}

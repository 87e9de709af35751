/* search_collect: the render workers' half of the search index (search.h).
 * Each worker interns the tokens of the pages it renders in its own
 * dictionary and appends each page to the postings of its distinct tokens
 * (search_post: already in the file's format, about one byte a posting,
 * the newest in the token's own entry), all in its own arena: no lock.
 * Then the page's document table entry (search_table.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search_impl.h"
#include "search_token.h"

const char search_digits[64] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

uint32_t search_hash(const char *s, size_t len) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

static void *grow(void *p, size_t n, size_t size) {
  p = realloc(p, n * size);
  if (!p) abort();
  return p;
}

static uint64_t key8(const char *s, uint32_t len) {
  const unsigned char *u = (const unsigned char *)s;
  uint64_t k = 0;
  for (uint32_t i = 0; i < len && i < 8; i++) k |= (uint64_t)u[i] << (8 * i);
  return k;
}

/* Where a lookup starts: a multiplicative mix of the key (FNV for longer
 * tokens, whose first eight bytes are often shared: 11530199…). */
static uint32_t probe(uint64_t key, const char *s, uint32_t len) {
  if (len > 8) return search_hash(s, len);
  uint64_t h = (key ^ len) * 0x9E3779B97F4A7C15u;
  return (uint32_t)(h >> 32);
}

static void rehash(search_dict *d, uint32_t nslots) {
  search_slot *old = d->slots;
  uint32_t nold = d->nslots;
  d->slots = calloc(nslots, sizeof *d->slots);
  if (!d->slots) abort();
  d->nslots = nslots;
  for (uint32_t i = 0; i < nold; i++) {
    if (!old[i].id1) continue;
    const search_tok *t = &d->toks[old[i].id1 - 1];
    uint32_t k = probe(old[i].key, t->s, t->len) & (nslots - 1);
    while (d->slots[k].id1) k = (k + 1) & (nslots - 1);
    d->slots[k] = old[i];
  }
  free(old);
}

uint32_t search_dict_id(search_dict *d, const char *s, uint32_t len, bool *added) {
  if (2 * (d->n + 1) > d->nslots) rehash(d, d->nslots ? d->nslots * 2 : 1024);
  uint64_t key = key8(s, len);
  uint32_t k = probe(key, s, len) & (d->nslots - 1);
  for (; d->slots[k].id1; k = (k + 1) & (d->nslots - 1)) {
    const search_slot *sl = &d->slots[k];
    if (sl->key == key && sl->len == len &&
        (len <= 8 || memcmp(d->toks[sl->id1 - 1].s + 8, s + 8, len - 8) == 0)) {
      *added = false;
      return sl->id1 - 1;
    }
  }
  if (d->n == d->cap) {
    d->cap = d->cap ? d->cap * 2 : 1024;
    d->toks = grow(d->toks, d->cap, sizeof *d->toks);
  }
  d->toks[d->n] = (search_tok){s, len, search_hash(s, len)};
  d->slots[k] = (search_slot){key, d->n + 1, len};
  *added = true;
  return d->n++;
}

void search_dict_free(search_dict *d) {
  free(d->toks);
  free(d->slots);
  memset(d, 0, sizeof *d);
}

search_index *search_new(const site *s, const release *rel, int workers) {
  search_index *x = calloc(1, sizeof *x);
  if (!x) abort();
  x->s = s;
  x->rel = rel;
  x->a = arena_new();
  x->ids = strmap_new(x->a);
  x->ndocs = s->narticles;
  x->docs = arena_calloc(x->a, x->ndocs ? x->ndocs : 1, sizeof *x->docs);
  for (size_t i = 0; i < x->ndocs; i++) {
    x->docs[i].p = s->articles[i];
    x->docs[i].worker = -1;
    strmap_put(x->ids, s->articles[i]->url, (void *)(uintptr_t)(i + 1));
  }
  x->nworkers = workers < 1 ? 1 : workers;
  x->w = calloc((size_t)x->nworkers, sizeof *x->w);
  if (!x->w) abort();
  for (int i = 0; i < x->nworkers; i++) {
    search_worker *w = &x->w[i];
    w->a = arena_new();
    w->scratch = arena_new();
    w->bmp = calloc(0x10000, sizeof *w->bmp);
    w->pairs = calloc(SEARCH_PAIR_CACHE, sizeof *w->pairs);
    if (!w->bmp || !w->pairs) abort();
  }
  search_table_init(x);
  return x;
}

void search_free(search_index *x) {
  if (!x) return;
  search_table_free(x);
  for (int i = 0; i < x->nworkers; i++) {
    search_worker *w = &x->w[i];
    arena_free(w->scratch);
    buf_free(&w->entry);
    search_dict_free(&w->dict);
    free(w->post);
    free(w->last);
    free(w->bmp);
    free(w->pairs);
    arena_free(w->a);
  }
  free(x->w);
  arena_free(x->a);
  free(x);
}

/* The bigram cache slot of a pair of U+4E00..U+9FFF letters, keyed by
 * their code points cp1 << 16 | cp2 (never 0). */
static struct search_pair_hit *pair_slot(search_worker *w, uint32_t key) {
  return &w->pairs[((uint64_t)key * 0x9E3779B97F4A7C15u) >> 40 & (SEARCH_PAIR_CACHE - 1)];
}

/* The dictionary entry of a token not in the caches; a new one's bytes are
 * copied into the arena and `post` and `last` grow to cover it (not zeroed
 * ahead: what realloc reserves stays untouched, so not resident, until
 * tokens come). */
static uint32_t intern(search_worker *w, const char *tok, uint32_t len) {
  bool added;
  uint32_t id = search_dict_id(&w->dict, tok, len, &added);
  if (!added) return id;
  w->dict.toks[id].s = arena_strndup(w->a, tok, len);
  if (id >= w->post_cap) {
    uint32_t cap = w->post_cap ? w->post_cap * 2 : 1024;
    w->post = grow(w->post, cap, sizeof *w->post);
    w->last = grow(w->last, cap, sizeof *w->last);
    w->post_cap = cap;
  }
  w->post[id] = (search_post){.shard = (uint16_t)(w->dict.toks[id].hash & (SEARCH_SHARDS_MAX - 1))};
  w->last[id] = 0;
  return id;
}

/* Moves p's held digits to its last piece, or to a new one when they do
 * not fit: pieces double from 64 to 1024 bytes. */
static void release_held(search_worker *w, search_post *p) {
  search_block *b = p->tail;
  if (!b || b->cap - b->used < p->nheld) {
    uint32_t cap = b ? b->cap * 2 : 64;
    if (cap > 1024) cap = 1024;
    b = arena_alloc(w->a, sizeof *b + cap);
    b->next = NULL;
    b->cap = cap;
    b->used = 0;
    if (p->tail) p->tail->next = b;
    else p->head = b;
    p->tail = b;
  }
  memcpy(b->b + b->used, p->held, p->nheld);
  b->used += p->nheld;
  p->nheld = 0;
}

/* The page being recorded has token `id`: a posting the first time (strong
 * fields come first, so the strong bit is the first occurrence's). */
static inline void put(search_worker *w, uint32_t id) {
  uint32_t last = w->last[id];
  if (last == w->stamp) return;
  w->last[id] = w->stamp;
  search_post *p = &w->post[id];
  uint32_t v = (w->stamp - last - 1) << 1 | (w->strong ? 1u : 0u);
  p->count++;
  w->bits[p->shard >> 3] |= (uint8_t)(1u << (p->shard & 7));
  if (p->nheld > SEARCH_POST_HELD - 7) release_held(w, p); /* room for seven digits: 32 bits */
  char *o = p->held + p->nheld, *start = o;
  for (; v >= 32; v >>= 5) *o++ = search_digits[32 | (v & 31)];
  *o++ = search_digits[v];
  p->nheld = (uint8_t)(p->nheld + (o - start));
  p->bytes += (uint32_t)(o - start);
}

/* The id of the bigram of two U+4E00..U+9FFF letters, u[0..6). */
static inline uint32_t pair_id(search_worker *w, uint32_t cp1, uint32_t cp2, const char *u) {
  uint32_t key = cp1 << 16 | cp2;
  struct search_pair_hit *hit = pair_slot(w, key);
  if (hit->key != key) *hit = (struct search_pair_hit){key, intern(w, u, 6) + 1};
  return hit->id1 - 1;
}

static inline uint32_t cp3(const unsigned char *u) {
  return (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3Fu);
}

static inline bool is_han(uint32_t cp) { return cp >= 0x4E00 && cp <= 0x9FFF; }

/* search_token_fn: one token of the page being recorded.  A letter of the
 * Basic Multilingual Plane (three bytes) is found through the worker's
 * table by code point, a bigram of U+4E00..U+9FFF letters through the
 * bigram cache, anything else in the dictionary. */
static void record(void *ud, const char *tok, size_t len) {
  search_worker *w = ud;
  const unsigned char *u = (const unsigned char *)tok;
  uint32_t id;
  if (len == 3 && (u[0] & 0xF0) == 0xE0) {
    uint32_t *b = &w->bmp[cp3(u)];
    if (!*b) *b = intern(w, tok, 3) + 1;
    id = *b - 1;
  } else if (len == 6 && (u[0] & 0xF0) == 0xE0 && (u[3] & 0xF0) == 0xE0 && is_han(cp3(u)) && is_han(cp3(u + 3))) {
    id = pair_id(w, cp3(u), cp3(u + 3), tok);
  } else {
    id = intern(w, tok, (uint32_t)len);
  }
  put(w, id);
}

/* The code point at u when the bytes there (before e) are a letter of
 * U+4E00..U+9FFF (what utf8_unified_han says, decoded on the way), else 0. */
static inline uint32_t han_at(const unsigned char *u, const unsigned char *e) {
  if (e - u < 3 || (u[0] & 0xF0) != 0xE0 || ((u[1] ^ 0x80u) | (u[2] ^ 0x80u)) >= 0x40) return 0;
  uint32_t cp = cp3(u);
  return cp - 0x4E00u <= 0x9FFFu - 0x4E00u ? cp : 0;
}

/* search_run_fn: a run of U+4E00..U+9FFF letters, the hot path: each
 * letter's bytes read once, for its code point; letters by the table,
 * bigrams by the cache keyed by the two code points. */
static size_t record_han(void *ud, const char *at, const char *end) {
  search_worker *w = ud;
  const unsigned char *u = (const unsigned char *)at, *e = (const unsigned char *)end;
  uint32_t cp = cp3(u), prev = 0;
  size_t n = 0;
  do {
    uint32_t *b = &w->bmp[cp];
    if (!*b) *b = intern(w, (const char *)u, 3) + 1;
    put(w, *b - 1);
    if (n++) put(w, pair_id(w, prev, cp, (const char *)u - 3));
    prev = cp;
    u += 3;
  } while ((cp = han_at(u, e)));
  return n;
}

static void record_text(search_worker *w, const char *text, size_t len) {
  search_tokenize_index(text, len, record, record_han, w);
}

static void record_field(search_worker *w, const site *s, const page *p, const char *field) {
  const yx_node *v = page_field(s, p, field);
  if (v && v->kind == YX_SCALAR) record_text(w, v->str, v->len);
}

void search_add(search_index *x, const page *p, const char *text, size_t len, int worker) {
  uintptr_t id1 = (uintptr_t)strmap_get(x->ids, p->url);
  if (!id1 || x->docs[id1 - 1].p != p) return; /* not an article */
  search_worker *w = &x->w[worker % x->nworkers];
  search_doc *d = &x->docs[id1 - 1];
  if (d->worker >= 0) return; /* recorded already */
  if (id1 <= w->stamp) { /* the postings need each worker's documents in order (search_post) */
    fputs("govpub: internal error: search_add out of document order\n", stderr);
    abort();
  }
  w->stamp = (uint32_t)id1;
  w->bits = d->bits;
  w->strong = true;
  if (p->title) record_text(w, p->title, strlen(p->title));
  record_field(w, x->s, p, "doc_no");
  record_field(w, x->s, p, "index_no");
  w->strong = false;
  record_text(w, text, len);
  d->worker = worker % x->nworkers;
  search_table_add(x, w, id1 - 1, text, len);
}

/* Depth first from the root, children in menu order. */
static void walk(const column *c, const column **cols, size_t *n) {
  if (c->npages) cols[(*n)++] = c;
  for (size_t i = 0; i < c->nchildren; i++) walk(c->children[i], cols, n);
}

size_t search_columns(const site *s, arena *a, const column ***out) {
  const column **cols = arena_calloc(a, s->ncolumns ? s->ncolumns : 1, sizeof *cols);
  size_t n = 0;
  if (s->ncolumns) walk(s->columns[0], cols, &n);
  *out = cols;
  return n;
}

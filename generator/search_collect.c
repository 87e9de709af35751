/* search_collect: the render workers' half of the search index (search.h).
 * Each worker interns the tokens of the pages it renders in its own
 * dictionary, collects a page's distinct tokens (their ids), and once the
 * page is read appends it to their postings (search_post: already in the
 * file's format, about one byte a posting, the newest in the token's own
 * entry), all in its own arena: no lock.  Then the page's document table
 * entry (search_table.c). */
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
  if (len >= 8) {
    for (uint32_t i = 0; i < 8; i++) k |= (uint64_t)u[i] << (8 * i);
  } else {
    for (uint32_t i = 0; i < len; i++) k |= (uint64_t)u[i] << (8 * i);
  }
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

uint32_t search_dict_push(search_dict *d, const char *s, uint32_t len) {
  if (d->n == d->cap) {
    d->cap = d->cap ? d->cap * 2 : 1024;
    d->toks = grow(d->toks, d->cap, sizeof *d->toks);
  }
  d->toks[d->n] = (search_tok){s, len, search_hash(s, len)};
  return d->n++;
}

/* The slot of s (its first eight bytes: key) in d: where it is, or the
 * empty one where it would go. */
static uint32_t dict_slot(const search_dict *d, uint64_t key, const char *s, uint32_t len) {
  uint32_t k = probe(key, s, len) & (d->nslots - 1);
  for (; d->slots[k].id1; k = (k + 1) & (d->nslots - 1)) {
    const search_slot *sl = &d->slots[k];
    if (sl->key == key && sl->len == len && (len <= 8 || memcmp(d->toks[sl->id1 - 1].s + 8, s + 8, len - 8) == 0))
      break;
  }
  return k;
}

uint32_t search_dict_id(search_dict *d, const char *s, uint32_t len, bool *added) {
  if (2 * (d->used + 1) > d->nslots) rehash(d, d->nslots ? d->nslots * 2 : 1024);
  uint64_t key = key8(s, len);
  uint32_t k = dict_slot(d, key, s, len);
  if (d->slots[k].id1) {
    *added = false;
    return d->slots[k].id1 - 1;
  }
  uint32_t id = search_dict_push(d, s, len);
  d->slots[k] = (search_slot){key, id + 1, len};
  d->used++;
  *added = true;
  return id;
}

void search_dict_free(search_dict *d) {
  free(d->toks);
  free(d->slots);
  memset(d, 0, sizeof *d);
}

static void han_rows(uint16_t *han, uint64_t seps[SEARCH_SEP_ROWS]);
static void grow_ids(search_worker *w, uint32_t cap);

search_index *search_new(const site *s, const release *rel, int workers) {
  search_index *x = calloc(1, sizeof *x);
  if (!x) abort();
  x->s = s;
  x->rel = rel;
  x->a = arena_new();
  x->ndocs = s->narticles;
  x->docs = arena_calloc(x->a, x->ndocs ? x->ndocs : 1, sizeof *x->docs);
  for (size_t i = 0; i < x->ndocs; i++) {
    x->docs[i].p = s->articles[i];
    x->docs[i].worker = -1;
  }
  x->nworkers = workers < 1 ? 1 : workers;
  /* as pool_run_ends hands out two threads' items; the back worker's keys
   * (search_post.doc1) need document numbers below 2^31 */
  x->ends = x->nworkers == 2 && x->ndocs < (size_t)1 << 31;
  x->w = calloc((size_t)x->nworkers, sizeof *x->w);
  if (!x->w) abort();
  for (int i = 0; i < x->nworkers; i++) {
    search_worker *w = &x->w[i];
    w->back = x->ends && i == 1;
    w->a = arena_new();
    w->scratch = arena_new();
    w->bmp = calloc(0x10000, sizeof *w->bmp + sizeof(uint16_t)); /* and the han rows after it */
    w->pair_bits = 12;
    w->pairs = calloc((size_t)1 << w->pair_bits, sizeof *w->pairs);
    if (!w->bmp || !w->pairs) abort();
    han_rows((uint16_t *)(w->bmp + 0x10000), w->seps);
    grow_ids(w, 1024);
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
    free(w->pend);
    free(w->bmp);
    free(w->pairs);
    arena_free(w->a);
  }
  free(x->w);
  arena_free(x->a);
  free(x);
}

/* Fills the han rows (search_worker.bmp): the first two bytes of each
 * letter of U+4E00..U+9FFF (E4 B8 .. E9 BF), in memory order as a
 * uint16_t, give its code point less the third byte's low six bits; those
 * of the punctuation rows their number in seps, whose bits say which of
 * the row's characters separate tokens. */
static void han_rows(uint16_t *han, uint64_t seps[SEARCH_SEP_ROWS]) {
  static const uint32_t from[SEARCH_SEP_ROWS] = {0x4E00, 0x2000, 0x3000, 0xFF00, 0xFF40};
  for (uint32_t r = 0; r < SEARCH_SEP_ROWS; r++) {
    uint32_t cp = from[r], to = r ? cp + 64 : 0xA000;
    seps[r] = 0;
    for (uint32_t c = cp; c < to; c += 64) {
      unsigned char b[2] = {(unsigned char)(0xE0 | c >> 12), (unsigned char)(0x80 | (c >> 6 & 0x3F))};
      uint16_t k;
      memcpy(&k, b, 2);
      han[k] = (uint16_t)(r ? r : c);
    }
    for (uint32_t b = 0; r && b < 64; b++)
      if (search_token_separates(cp + b)) seps[r] |= (uint64_t)1 << b;
  }
}

/* The code point of the U+4E00..U+9FFF letter at u (three bytes readable),
 * or 0 when the bytes there are not one. */
static inline uint32_t han_cp(const uint16_t *han, const unsigned char *u) {
  uint16_t k;
  memcpy(&k, u, 2);
  uint32_t base = han[k], c2 = u[2] - 0x80u; /* < 0x40 for a continuation byte */
  return base >= 0x4E00 && c2 < 0x40 ? base + c2 : 0;
}

/* Whether the character at u (three bytes readable) separates tokens and
 * is one of the punctuation rows'. */
static inline bool han_sep(const search_worker *w, const uint16_t *han, const unsigned char *u) {
  uint16_t k;
  memcpy(&k, u, 2);
  uint32_t row = han[k], c2 = u[2] ^ 0x80u;
  return row < SEARCH_SEP_ROWS && c2 < 0x40 && (w->seps[row] >> c2 & 1);
}

/* The six bytes at u as one number, in memory order (what a load of eight
 * bytes masked with SIX_BYTES gives): a bigram's pair table key. */
static inline uint64_t pair_key(const unsigned char *u) {
  uint64_t k = 0;
  memcpy(&k, u, 6);
  return k;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define SIX_BYTES 0xFFFFFFFFFFFF0000u
#else
#define SIX_BYTES 0x0000FFFFFFFFFFFFu
#endif

/* The eight bytes at u (readable) as one number, in memory order. */
static inline uint64_t load8(const unsigned char *u) {
  uint64_t k;
  memcpy(&k, u, 8);
  return k;
}

/* The slot of the bigram key (pair_key of its bytes) in a pair table of
 * 1 << (64 − shift) slots: where it is, or the empty one where it would
 * go.  The one probe of the table: recording, growing it and
 * search_worker_find. */
static inline size_t pair_probe(const search_pair *pairs, unsigned shift, uint64_t key) {
  size_t h = (size_t)((key * 0x9E3779B97F4A7C15u) >> shift);
  while (pairs[h].key != key && pairs[h].key) h = (h + 1) & (size_t)(UINT64_MAX >> shift);
  return h;
}

/* A token seen for the first time by this worker: its bytes are copied
 * into the arena, and post, last and pend grow to cover it (not zeroed
 * ahead: what realloc reserves stays untouched, so not resident, until
 * tokens come). */
static void grow_ids(search_worker *w, uint32_t cap) {
  size_t at = (size_t)(w->pend_at - w->pend);
  w->post = grow(w->post, cap, sizeof *w->post);
  w->last = grow(w->last, cap, sizeof *w->last);
  w->pend = grow(w->pend, cap, sizeof *w->pend);
  w->pend_at = w->pend + at;
  w->post_cap = cap;
}

static uint32_t added(search_worker *w, uint32_t id) {
  w->dict.toks[id].s = arena_strndup(w->a, w->dict.toks[id].s, w->dict.toks[id].len);
  if (id >= w->post_cap) grow_ids(w, w->post_cap * 2);
  uint32_t shard = w->dict.toks[id].hash & (SEARCH_SHARDS_MAX - 1);
  w->post[id] = (search_post){.sig = search_sig(w->dict.toks[id].hash, false), .shard_byte = (uint8_t)(shard >> 3),
                              .shard_bit = (uint8_t)(1u << (shard & 7)),
                              .group = (uint8_t)(shard / (SEARCH_SHARDS_MAX / SEARCH_SUM_GROUPS))};
  w->last[id] = 0;
  return id;
}

/* The dictionary entry of a token that is neither a BMP letter nor a
 * bigram of U+4E00..U+9FFF letters (words, other CJK pairs). */
static uint32_t intern(search_worker *w, const char *tok, uint32_t len) {
  if (len <= 8 && w->dict.nslots) { /* most words: found in the first slot their probe reads */
    uint64_t key = key8(tok, len);
    const search_slot *sl = &w->dict.slots[probe(key, tok, len) & (w->dict.nslots - 1)];
    if (sl->id1 && sl->key == key && sl->len == len) return sl->id1 - 1;
  }
  bool add;
  uint32_t id = search_dict_id(&w->dict, tok, len, &add);
  return add ? added(w, id) : id;
}

/* The local id + 1 of the BMP letter cp, whose bytes are at u: a new token. */
static __attribute__((noinline)) uint32_t new_letter(search_worker *w, uint32_t cp, const unsigned char *u) {
  return w->bmp[cp] = added(w, search_dict_push(&w->dict, (const char *)u, 3)) + 1;
}

/* The slot of the bigram `key` (pair_key of its bytes), whose second
 * letter's bytes are at u (three readable): found by probing, or made for
 * a new token (the table doubles when half full).  NULL when the pair is
 * new and the bytes at u are no letter of U+4E00..U+9FFF (a run ends
 * there). */
static __attribute__((noinline)) search_pair *pair_slot(search_worker *w, uint64_t key, const unsigned char *u) {
  size_t h = pair_probe(w->pairs, 64 - w->pair_bits, key);
  if (w->pairs[h].key) return &w->pairs[h];
  if (!han_cp((const uint16_t *)(w->bmp + 0x10000), u)) return NULL;
  if (2 * (w->npairs + 1) > (1u << w->pair_bits)) {
    search_pair *old = w->pairs;
    size_t nold = (size_t)1 << w->pair_bits;
    w->pair_bits++;
    w->pairs = calloc((size_t)1 << w->pair_bits, sizeof *w->pairs);
    if (!w->pairs) abort();
    for (size_t i = 0; i < nold; i++)
      if (old[i].key) w->pairs[pair_probe(w->pairs, 64 - w->pair_bits, old[i].key)] = old[i];
    free(old);
    h = pair_probe(w->pairs, 64 - w->pair_bits, key);
  }
  uint32_t id1 = added(w, search_dict_push(&w->dict, (const char *)u - 3, 6)) + 1;
  w->pairs[h] = (search_pair){key, id1, 0};
  w->npairs++;
  return &w->pairs[h];
}

/* The page being recorded has token `id`: its posting, the first time. */
static inline void put(search_worker *w, uint32_t id) {
  if (w->last[id] == w->stamp) return;
  w->last[id] = w->stamp;
  *w->pend_at++ = id;
}

static inline uint32_t cp3(const unsigned char *u) {
  return (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3Fu);
}

static inline bool is_han(uint32_t cp) { return cp >= 0x4E00 && cp <= 0x9FFF; }

/* Where a worker keeps a token: a letter of the Basic Multilingual Plane
 * (three bytes) in its table by code point, a bigram of U+4E00..U+9FFF
 * letters in the pair table, anything else in the dictionary.  What
 * records a token and what finds it again both ask here. */
typedef enum { HOME_LETTER, HOME_PAIR, HOME_DICT } token_home;

static inline token_home home_of(const unsigned char *u, size_t len) {
  if (len == 3 && (u[0] & 0xF0) == 0xE0) return HOME_LETTER;
  if (len == 6 && (u[0] & 0xF0) == 0xE0 && (u[3] & 0xF0) == 0xE0 && is_han(cp3(u)) && is_han(cp3(u + 3)))
    return HOME_PAIR;
  return HOME_DICT;
}

uint32_t search_worker_find(const search_worker *w, const char *tok, uint32_t len) {
  const unsigned char *u = (const unsigned char *)tok;
  switch (home_of(u, len)) {
  case HOME_LETTER: return w->bmp[cp3(u)];
  case HOME_PAIR: return w->pairs[pair_probe(w->pairs, 64 - w->pair_bits, pair_key(u))].id1; /* an empty slot: 0 */
  case HOME_DICT: break;
  }
  return w->dict.nslots ? w->dict.slots[dict_slot(&w->dict, key8(tok, len), tok, len)].id1 : 0;
}

/* search_token_fn: one token of the page being recorded, found or added
 * where home_of says. */
static void record(void *ud, const char *tok, size_t len) {
  search_worker *w = ud;
  const unsigned char *u = (const unsigned char *)tok;
  switch (home_of(u, len)) {
  case HOME_LETTER: {
    uint32_t cp = cp3(u);
    put(w, (w->bmp[cp] ? w->bmp[cp] : new_letter(w, cp, u)) - 1);
    return;
  }
  case HOME_PAIR: {
    search_pair *sl = pair_slot(w, pair_key(u), u + 3);
    if (sl->last != w->stamp) {
      sl->last = w->stamp;
      *w->pend_at++ = sl->id1 - 1;
    }
    return;
  }
  case HOME_DICT: put(w, intern(w, tok, (uint32_t)len)); return;
  }
}

/* Adds token id1 − 1 to the page's postings at pe unless the page has it
 * already; returns where the next one goes. */
static inline search_pend *mark(uint32_t *last, search_pend *pe, uint32_t id1, uint32_t stamp) {
  uint32_t *l = &last[(size_t)id1 - 1];
  if (*l != stamp) {
    *pe++ = id1 - 1;
    *l = stamp;
  }
  return pe;
}

/* The local id + 1 of the letter cp, whose bytes are at u; a new one may
 * move the worker's last and pend, so the caller's copies are reloaded. */
static inline uint32_t letter_id(search_worker *w, const uint32_t *bmp, uint32_t cp, const unsigned char *u,
                                 uint32_t **last, search_pend **pe) {
  uint32_t id1 = bmp[cp];
  if (!id1) {
    w->pend_at = *pe;
    id1 = new_letter(w, cp, u);
    *last = w->last;
    *pe = w->pend_at;
  }
  return id1;
}

/* The code point of the U+4E00..U+9FFF letter at u, known to be one. */
static inline uint32_t han_known(const uint16_t *han, const unsigned char *u) {
  uint16_t k;
  memcpy(&k, u, 2);
  return han[k] + (u[2] - 0x80u);
}

/* search_run_fn: runs of U+4E00..U+9FFF letters, the hot path.  Each
 * letter's bigram with the letter before is looked up in the pair table
 * by the six bytes where they stand (one load), which also tells that the
 * letter is one of the run: only a pair not in the table has its letter
 * checked (and decoded) by the `han` rows.  Whether the page has the
 * bigram already is read from its slot.  Letters come from `bmp` only
 * where they can be new to the page: the first of a run, and the second
 * of a bigram new to the page (the first is the letter before, which the
 * page has; a bigram the page had brought its second letter then, or,
 * joined across whitespace by the tokenizer, that letter began the run).
 * The tables live in locals, reloaded only after a new token (which may
 * move them).  A run ends at any other character; when that is
 * punctuation of the `han` rows that separates tokens and a letter
 * follows it, the next run is taken here too. */
static size_t record_han(void *ud, const char *at, const char *end) {
  search_worker *w = ud;
  const unsigned char *u = (const unsigned char *)at, *e = (const unsigned char *)end;
  const unsigned char *load_end = e - u > 4 ? e - 4 : u; /* eight bytes readable at u - 3 while u < load_end */
  const uint32_t *bmp = w->bmp, stamp = w->stamp;
  const uint16_t *han = (const uint16_t *)(bmp + 0x10000);
  uint32_t *last = w->last;
  search_pend *pe = w->pend_at;
  search_pair *pairs = w->pairs;
  unsigned shift = 64 - w->pair_bits;
  uint32_t cp = cp3(u);
  for (;;) { /* a run */
    uint32_t id1 = letter_id(w, bmp, cp, u, &last, &pe); /* before mark reads last and pe */
    pe = mark(last, pe, id1, stamp);
    for (;;) {
      u += 3; /* the letter before is whole: u <= e */
      uint64_t key;
      if (u < load_end) key = load8(u - 3) & SIX_BYTES;
      else if ((size_t)(e - u) >= 3) key = pair_key(u - 3);
      else break;
      if (u[0] - 0xE4u > 0xE9u - 0xE4u) break; /* no lead byte of U+4E00..U+9FFF */
      search_pair *sl = &pairs[(key * 0x9E3779B97F4A7C15u) >> shift]; /* pair_probe's first slot */
      if (sl->key != key) { /* most pairs are found at once; the others: */
        sl = &pairs[pair_probe(pairs, shift, key)];
        if (!sl->key) { /* a new pair, or the end of the run */
          w->pend_at = pe;
          sl = pair_slot(w, key, u);
          if (!sl) break;
          last = w->last;
          pe = w->pend_at;
          pairs = w->pairs;
          shift = 64 - w->pair_bits;
        }
      }
      if (sl->last != stamp) {
        sl->last = stamp;
        *pe++ = sl->id1 - 1;
        id1 = letter_id(w, bmp, han_known(han, u), u, &last, &pe);
        pe = mark(last, pe, id1, stamp);
      }
    }
    if ((size_t)(e - u) < 6 || !han_sep(w, han, u) || !(cp = han_cp(han, u + 3))) break;
    u += 3;
  }
  w->pend_at = pe;
  return (size_t)(u - (const unsigned char *)at);
}

/* An empty piece for a token's postings, after `before`, the piece it
 * filled last (NULL: none): pieces double from 64 to 1024 bytes. */
static search_block *new_piece(search_worker *w, const search_block *before) {
  uint32_t cap = before ? before->cap * 2 : 64;
  if (cap > 1024) cap = 1024;
  search_block *b = arena_alloc(w->a, sizeof *b + cap);
  b->next = NULL;
  b->cap = cap;
  b->used = 0;
  return b;
}

/* Moves p's held digits to its last piece, or to a new one when they do
 * not fit. */
static void release_held(search_worker *w, search_post *p) {
  search_block *b = p->tail;
  if (!b || b->cap - b->used < p->nheld) {
    search_block *n = new_piece(w, b);
    if (b) b->next = n;
    else p->head = n;
    p->tail = b = n;
  }
  memcpy(b->b + b->used, p->held, p->nheld);
  b->used += p->nheld;
  p->bytes += p->nheld;
  p->nheld = 0;
}

/* Appends postings pend[from..to) of the page to their tokens' entries,
 * in the file's digits: (gap − 1) × 2 + strong; and adds them to the
 * page's mark (search.h) in bits.  Inlined where flush calls it with
 * `strong` a constant, so each call is a loop of its own without the
 * tests of strong (a posting costs a fifth less). */
static inline __attribute__((always_inline)) void append(search_worker *w, uint8_t *bits, uint32_t *sums,
                                                         uint32_t from, uint32_t to, uint32_t strong) {
  const search_pend *pend = w->pend;
  search_post *post = w->post;
  uint32_t stamp = w->stamp;
  for (uint32_t i = from; i < to; i++) {
    search_post *p = &post[pend[i]];
    uint32_t v = (stamp - p->doc1 - 1) << 1 | strong;
    p->doc1 = stamp;
    bits[p->shard_byte] |= p->shard_bit;
    sums[p->group] += strong ? p->sig * 3u : p->sig; /* search_sig */
    uint32_t k = p->nheld;
    if (k > SEARCH_POST_HELD - 7) { /* room for seven digits: 32 bits */
      release_held(w, p);
      k = 0;
    }
    for (; v >= 32; v >>= 5) p->held[k++] = search_digits[32 | (v & 31)];
    p->held[k++] = search_digits[v];
    p->nheld = (uint8_t)k;
  }
}

/* The back worker's release_held: its held digits go below those of its
 * newest piece, or to a new piece put first (search_post). */
static void release_held_back(search_worker *w, search_post *p) {
  search_block *b = p->head;
  if (!b || b->cap - b->used < p->nheld) {
    search_block *n = new_piece(w, b);
    n->next = b;
    p->head = b = n;
  }
  b->used += p->nheld;
  memcpy(b->b + b->cap - b->used, p->held + SEARCH_POST_HELD - p->nheld, p->nheld);
  p->bytes += p->nheld;
  p->nheld = 0;
}

/* append for the back worker, whose documents come from the last down: a
 * posting's key waits in doc1 until the next (lower) document has the
 * token; then its value, from that document, goes below the held digits.
 * Inlined as append is. */
static inline __attribute__((always_inline)) void append_back(search_worker *w, uint8_t *bits, uint32_t *sums,
                                                              uint32_t from, uint32_t to, uint32_t strong) {
  const search_pend *pend = w->pend;
  search_post *post = w->post;
  uint32_t stamp = w->stamp, key = stamp << 1 | strong, after = (stamp + 1) << 1;
  for (uint32_t i = from; i < to; i++) {
    search_post *p = &post[pend[i]];
    uint32_t newer = p->doc1;
    p->doc1 = key;
    bits[p->shard_byte] |= p->shard_bit;
    sums[p->group] += strong ? p->sig * 3u : p->sig;
    if (!newer) continue;
    uint32_t v = newer - after; /* (gap − 1) × 2 + the newer one's strong bit */
    uint32_t k = p->nheld;
    if (k > SEARCH_POST_HELD - 7) {
      release_held_back(w, p);
      k = 0;
    }
    char *end = p->held + SEARCH_POST_HELD - k; /* the value goes just below */
    if (v < 32) { /* one digit: most values */
      end[-1] = search_digits[v];
      p->nheld = (uint8_t)(k + 1);
      continue;
    }
    uint32_t len = 1;
    for (uint32_t r = v >> 5; r; r >>= 5) len++;
    char *o = end - len;
    for (; v >= 32; v >>= 5) *o++ = search_digits[32 | (v & 31)];
    *o = search_digits[v];
    p->nheld = (uint8_t)(k + len);
  }
}

/* The page's postings: the strong fields' tokens were recorded first. */
static void flush(search_worker *w, uint8_t *mark) {
  uint32_t sums[SEARCH_SUM_GROUPS] = {0};
  uint32_t n = (uint32_t)(w->pend_at - w->pend);
  if (w->back) { /* each call inlined with its strong bit known */
    append_back(w, mark, sums, 0, w->nstrong, 1);
    append_back(w, mark, sums, w->nstrong, n, 0);
  } else {
    append(w, mark, sums, 0, w->nstrong, 1);
    append(w, mark, sums, w->nstrong, n, 0);
  }
  w->postings += (uint64_t)(w->pend_at - w->pend);
  memcpy(mark + SEARCH_SHARD_BYTES, sums, sizeof sums);
  w->pend_at = w->pend;
}

static void record_text(search_worker *w, const char *text, size_t len) {
  search_tokenize_index(text, len, record, record_han, w);
}

static void record_field(search_worker *w, const site *s, const page *p, const char *field) {
  const yx_node *v = page_field(s, p, field);
  if (v && v->kind == YX_SCALAR) record_text(w, v->str, v->len);
}

void search_add(search_index *x, const page *p, const search_text *t, int worker) {
  /* documents are numbered as s->articles (site_link sets article_pos) */
  if (p->article_pos < 0 || (size_t)p->article_pos >= x->ndocs || x->docs[p->article_pos].p != p) return;
  uintptr_t id1 = (uintptr_t)p->article_pos + 1;
  search_worker *w = &x->w[worker % x->nworkers];
  search_doc *d = &x->docs[id1 - 1];
  if (d->worker >= 0) return; /* recorded already */
  if (w->back ? w->stamp && id1 >= w->stamp : id1 <= w->stamp) { /* the postings need each worker's
                                                                    documents in order (search_post) */
    fputs("govpub: internal error: search_add out of document order\n", stderr);
    abort();
  }
  w->stamp = (uint32_t)id1;
  w->pend_at = w->pend;
  if (p->title) record_text(w, p->title, strlen(p->title));
  record_field(w, x->s, p, "doc_no");
  record_field(w, x->s, p, "index_no");
  w->nstrong = (uint32_t)(w->pend_at - w->pend);
  record_text(w, t->text, t->len);
  flush(w, d->bits);
  d->worker = worker % x->nworkers;
  search_table_add(x, w, id1 - 1, t);
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

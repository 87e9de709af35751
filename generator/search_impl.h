/* search_impl: what search_collect.c (render workers record pages) and
 * search_write.c (the merge and the files) share.  Not for other modules. */
#ifndef GOVPUB_SEARCH_IMPL_H
#define GOVPUB_SEARCH_IMPL_H

#include <stdbool.h>
#include <stdint.h>

#include "search.h"
#include "strmap.h"

/* Entries of a worker's bigram cache (a power of two): most bigrams of a
 * page are common words met on page after page, found here with one
 * multiply and one compare instead of a probe of the whole dictionary. */
#define SEARCH_PAIR_CACHE 8192

/* Characters of text kept per document for the result snippet. */
#define SEARCH_SNIPPET_CHARS 160

typedef struct {
  const char *s; /* token bytes (not NUL-terminated), in the worker's arena */
  uint32_t len, hash;
} search_tok;

/* A token dictionary: open addressing over `slots`, entries in insertion
 * order.  A slot holds a token's first eight bytes and its length, so a
 * lookup of a CJK bigram or letter (six or three bytes) or a short word
 * touches one slot and no entry. */
typedef struct {
  uint64_t key;  /* the first (up to) eight bytes, zero-padded */
  uint32_t id1;  /* entry index + 1, 0 = empty */
  uint32_t len;
} search_slot;

typedef struct {
  search_tok *toks;
  uint32_t n, cap;
  search_slot *slots;
  uint32_t nslots; /* a power of two, at least twice n */
} search_dict;

/* FNV-1a, 32 bits, of the token's UTF-8 bytes: the shard of a token is this
 * modulo the shard count (search.js computes the same). */
uint32_t search_hash(const char *s, size_t len);
/* The entry of s in d, inserted (the bytes are not copied; toks[].hash is
 * set) when new. */
uint32_t search_dict_id(search_dict *d, const char *s, uint32_t len, bool *added);
void search_dict_free(search_dict *d);

typedef struct {
  arena *a;         /* token bytes, per-page token lists, snippets */
  search_dict dict; /* this worker's tokens; local ids */
  uint32_t *bmp;    /* three-byte single-character tokens by code point: local id + 1 */
  struct search_pair_hit {
    uint64_t key;   /* the bigram's six bytes or two code points (pair_slot); 0: empty */
    uint32_t id1;   /* its local id + 1 */
  } *pairs;         /* SEARCH_PAIR_CACHE recent six-byte tokens (CJK bigrams), direct-mapped */
  uint32_t *seen;   /* per local id: doc id + 1 of the last page that had it */
  uint32_t seen_cap;
  uint32_t *cur;    /* the page being recorded: local id << 1 | strong */
  uint32_t ncur, capcur;
  uint32_t stamp;   /* doc id + 1 of that page */
  bool strong;      /* recording a strong field (title, 文号, 索引号) */
} search_worker;

typedef struct {
  const page *p;
  uint32_t *toks;       /* local ids of its worker, << 1 | strong; sorted by nothing
                         * (search_write turns them into global ids, by group) */
  uint32_t ntoks;
  int worker;           /* -1 until recorded */
  const char *snippet;
} search_doc;

struct search_index {
  const site *s;
  arena *a;
  strmap *ids;     /* page URL → doc id + 1 */
  search_doc *docs;
  size_t ndocs;
  search_worker *w;
  int nworkers;
};

#endif

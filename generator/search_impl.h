/* search_impl: what search_collect.c (render workers record pages),
 * search_table.c (the document table, written while they do) and
 * search_write.c (the merge and the files) share.  Not for other modules. */
#ifndef GOVPUB_SEARCH_IMPL_H
#define GOVPUB_SEARCH_IMPL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "search.h"
#include "strmap.h"

/* The snippet a result shows: the page's `summary:` when its editor wrote
 * one, else search_text_summary (the beginning of its prose: not its
 * headings, nor the cells of the tables a data release begins with); at
 * most SEARCH_SNIPPET_CHARS characters, in `a`. */
const char *search_snippet(arena *a, const page *p, const search_text *t);

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
  uint32_t nslots; /* a power of two, at least twice `used` */
  uint32_t used;   /* entries in slots (search_dict_push adds tokens without one) */
} search_dict;

/* FNV-1a, 32 bits, of the token's UTF-8 bytes: the shard of a token is this
 * modulo the shard count (search.js computes the same). */
uint32_t search_hash(const char *s, size_t len);

/* What a token of `hash` adds to its group's sum in an article's mark
 * (search.h): the hash mixed (murmur3's finaliser), made odd, and three
 * times that for a strong field's token.  Odd, and the two apart by twice
 * an odd number: one token that comes, goes or changes strength always
 * changes the sum; only several changes in one group could cancel out (a
 * chance of 2^-32), or a token replaced by another of the same 32-bit hash. */
static inline uint32_t search_sig(uint32_t hash, bool strong) {
  hash ^= hash >> 16;
  hash *= 0x85ebca6bu;
  hash ^= hash >> 13;
  hash *= 0xc2b2ae35u;
  hash ^= hash >> 16;
  hash |= 1;
  return strong ? hash * 3u : hash;
}

/* Adds a token to an article's mark: the bit of its shard (hash modulo
 * SEARCH_SHARDS_MAX), and `sig` to the sum of its group. */
static inline void search_mark_add(uint8_t *mark, uint32_t shard, uint32_t sig) {
  mark[shard >> 3] |= (uint8_t)(1u << (shard & 7));
  uint8_t *at = mark + SEARCH_SHARD_BYTES + 4 * (shard / (SEARCH_SHARDS_MAX / SEARCH_SUM_GROUPS));
  uint32_t sum;
  memcpy(&sum, at, 4);
  sum += sig;
  memcpy(at, &sum, 4);
}
/* The entry of s in d, inserted (the bytes are not copied; toks[].hash is
 * set) when new. */
uint32_t search_dict_id(search_dict *d, const char *s, uint32_t len, bool *added);
/* Appends a token that its owner finds by other means (no slot): its entry. */
uint32_t search_dict_push(search_dict *d, const char *s, uint32_t len);
void search_dict_free(search_dict *d);

/* The posting digits (docs/search.md): 0-9A-V end a value, the rest say
 * "more follows"; five bits each, little end first. */
extern const char search_digits[64];

/* A piece of a token's postings, in the worker's arena; pieces grow. */
typedef struct search_block {
  struct search_block *next;
  uint32_t cap, used;
  char b[];
} search_block;

/* Digits a token's postings hold in its own entry before they move to a
 * piece (sizeof (search_post) is one cache line). */
#define SEARCH_POST_HELD 32

/* A token's postings in one worker's documents, written as they come:
 * (gap − 1) × 2 + strong in search_digits, gaps from the previous document
 * of the same worker.  A worker is handed its documents in increasing
 * order (render_articles: the pool's counter), so these are the file's
 * postings for that worker's documents: the pieces' digits, then `held`.
 * The newest digits stay in the entry, which a new posting touches anyway,
 * until they fill it; only then are they copied to the last piece (whole
 * values: a value never straddles two pieces).  Most tokens never need a
 * piece, and recording a page touches one line per distinct token, not
 * also a piece scattered over the arena.
 *
 * The back worker (search_worker.back) is handed its documents from the
 * last down, and writes each value once the document before it is known:
 * the value of a posting when the next (lower) one comes.  Its digits are
 * in the file's order too, the newest first: the last nheld bytes of
 * `held`, then the pieces from head (the newest) on, each holding its last
 * `used` bytes (a piece fills from its end down, and a new one goes first).
 * The value of its newest posting, its lowest document, is search_write's
 * to write: it depends on the other worker's last posting. */
typedef struct {
  search_block *head, *tail; /* pieces, oldest first (NULL: none); the back
                              * worker's newest first, tail unused */
  uint32_t bytes;  /* digits in the pieces (the held ones: nheld) */
  uint32_t doc1;   /* doc id + 1 of its last posting (the gap's start); the
                    * back worker's: its newest posting as search_write's
                    * merge keys it, (doc id + 1) << 1 | strong (0: none) */
  uint32_t sig;                  /* what it adds to its group's sum when weak (search_sig) */
  uint8_t shard_byte, shard_bit; /* the token's hash modulo SEARCH_SHARDS_MAX
                                  * as search_doc.bits has it: byte, mask */
  uint8_t group;                 /* and its group of shards: the sum it adds to */
  uint8_t nheld;
  char held[SEARCH_POST_HELD];
} search_post;
_Static_assert(sizeof(search_post) == 64, "a search_post is one cache line");

/* Rows of three-byte punctuation a worker steps over between two runs of
 * U+4E00..U+9FFF letters (U+2000, U+3000, U+FF00, U+FF40), plus one. */
#define SEARCH_SEP_ROWS 5

/* A bigram of U+4E00..U+9FFF letters in a worker's pair table: its six
 * bytes as they stand in the text, in memory order (search_collect.c's
 * pair_key; never 0), its local id + 1, and the doc id + 1 of the last
 * page that had it (what `last` holds for the other tokens, here so that
 * a bigram seen again costs one cache line).  Read straight from the text,
 * the key needs no decoding: a letter that follows one of the run is known
 * to be one too when the pair is in the table. */
typedef struct {
  uint64_t key; /* 0: an empty slot */
  uint32_t id1, last;
} search_pair;

/* A posting of the page being recorded, until the page is done: the
 * token's local id. */
typedef uint32_t search_pend;

typedef struct {
  arena *a;         /* token bytes, postings */
  arena *scratch;   /* the snippet of the page being recorded */
  buf entry;        /* its document table entry, being made */
  search_dict dict; /* this worker's tokens (local ids); its slots hold only
                     * the tokens that are neither a BMP letter nor a bigram
                     * of U+4E00..U+9FFF letters (those are found by code point) */
  uint32_t *bmp;    /* three-byte single-character tokens by code point: local id + 1;
                     * then, in the same block (one base register in record_han),
                     * 0x10000 uint16_t `han` rows: by the first two bytes of a
                     * three-byte character (a uint16_t in memory order): for a
                     * U+4E00..U+9FFF letter its code point less the third byte's
                     * six bits; for a row of punctuation its index in `seps`;
                     * else 0 */
  uint64_t seps[SEARCH_SEP_ROWS]; /* per punctuation row (0: none): bit b for the
                     * character whose third byte is 0x80 + b when it separates
                     * tokens (search_token_separates) */
  search_pair *pairs; /* bigrams of U+4E00..U+9FFF letters, open addressing
                     * by their bytes, at most half full */
  uint32_t pair_bits, npairs; /* the table has 1 << pair_bits slots */
  search_post *post; /* per local id */
  uint32_t *last;   /* per local id: doc id + 1 of its last posting (0: none);
                     * apart from `post`, so that the check of every token
                     * against the page touches 4 bytes, not a line (a
                     * bigram in the pair table is checked in its slot) */
  search_pend *pend; /* the page's postings, first occurrence order ... */
  search_pend *pend_at; /* ... up to here */
  uint32_t nstrong; /* the first nstrong came from a strong field (title, 文号, 索引号) */
  uint32_t post_cap; /* of post, last and pend (a page has a token once) */
  uint32_t stamp;   /* doc id + 1 of the page being recorded */
  uint64_t postings; /* recorded, of all its tokens (search_write's measure) */
  bool back;        /* worker 1 of two (search_index.ends): handed its
                     * documents from the last down (search_post) */
} search_worker;

typedef struct {
  const page *p;
  int worker;           /* -1 until recorded */
  char *entry;          /* its document table entry (malloc'd) from its
                         * recording until its chunk is written */
  /* bit h of its tokens' hashes modulo SEARCH_SHARDS_MAX: the shards that
   * hold it, whatever the shard count (a power of two dividing the
   * maximum) — what an incremental build rewrites when it changes */
  uint8_t bits[SEARCH_MARK_BYTES]; /* and the sums of its mark (search.h) */
} search_doc;

struct search_index {
  const site *s;
  const release *rel;
  arena *a;
  search_doc *docs;
  size_t ndocs;
  search_worker *w;
  int nworkers;
  bool ends;       /* two workers, handed the articles from both ends
                    * (render_articles: pool_run_ends): worker 0's documents
                    * all come before worker 1's, the back worker's */
  /* the document table (search_table.c) */
  const column **cols;  /* the columns with articles, menu order */
  size_t ncols;
  size_t *col;          /* per document: its column's number */
  size_t chunk, nchunks; /* documents per d/<n>.json; files */
  atomic_size_t *pending; /* per chunk: documents not recorded yet */
  atomic_int failed;    /* table files that could not be written */
  search_layout layout; /* set by search_write (chunk: by search_table_init) */
};

/* The local id + 1 of a token in w (0: w has not seen it), found where
 * the worker keeps it: a BMP letter by code point, a bigram of
 * U+4E00..U+9FFF letters in the pair table, the rest in the dictionary. */
uint32_t search_worker_find(const search_worker *w, const char *tok, uint32_t len);

/* The document table, d/<n>.json (search_table.c): its layout and columns
 * (search_new); document `doc`'s entry, made from its text and lead by
 * worker w after recording it, and its chunk written when that was the
 * chunk's last document (search_add); the chunks left (search_write). */
void search_table_init(search_index *x);
void search_table_add(search_index *x, search_worker *w, size_t doc, const search_text *t);
void search_table_finish(search_index *x);
void search_table_free(search_index *x);

/* One entry of a document table chunk (d/<n>.json): [URL, title, column,
 * date, 文号, 索引号, snippet] — search_table and search_patch write it. */
void search_doc_entry(buf *b, const site *s, const page *p, size_t column, const char *snippet);

/* The index's files of token shard k (search/t/<k>.txt) and of document
 * table chunk c (search/d/<c>.json), as search.js names them
 * (docs/search.md), into `path`, which is returned: the one spelling for
 * those who write them (search_write.c, search_table.c) and patch them
 * (search_patch.c). */
#define SEARCH_PATH_MAX 64
const char *search_shard_path(char path[SEARCH_PATH_MAX], size_t k);
const char *search_chunk_path(char path[SEARCH_PATH_MAX], size_t c);

#endif

/* search_patch: the site search index of a release brought up to date for
 * articles whose body changed, without building it again (the incremental
 * build, docs/incremental.md).  Owns only the rewriting of the files that
 * search_write.c wrote (docs/search.md): the postings shards that held a
 * changed article or will, and the changed articles' entries in the
 * document table.  Everything else in search/ depends on the front matter
 * (titles, dates, columns, years), which an incremental build never sees
 * change.
 *
 * Which shards hold tokens of an article that changed is known from its mark
 * (search.h: search_doc_bits), kept by the build that wrote the index: the
 * groups of shards whose sums differ from the new text's (or, in govpub
 * serve, which knows the article's old tokens, the shards of the tokens that
 * differ).  The file of each such shard is read back, the article taken out
 * of every posting list and put into the lists of its new tokens, and the
 * shard written in the same format, so the bytes are those a whole build
 * would write.  When the postings' measure moves the shard count, nothing is
 * written and the caller builds the index whole.
 *
 * Ownership: all memory is the caller's scratch arena's or freed here. */
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "cjk.h"
#include "diag.h"
#include "escape.h"
#include "pool.h"
#include "search.h"
#include "search_impl.h"
#include "search_token.h"
#include "strmap.h"

/* ---- an article's new tokens --------------------------------------------------- */

typedef struct {
  arena *a;
  strmap *set;   /* token → (char *) "1" strong / "0" not */
  const char **list;
  uint32_t *hash; /* search_hash of each, after tokens_of */
  size_t n, cap;
  bool strong;
} token_set;

static void take(void *ud, const char *tok, size_t len) {
  token_set *t = ud;
  char *key = arena_strndup(t->a, tok, len);
  if (strmap_get(t->set, key)) return; /* the first occurrence decides: strong fields come first */
  strmap_put(t->set, key, t->strong ? "1" : "0");
  if (t->n == t->cap) {
    size_t ncap = t->cap ? t->cap * 2 : 256;
    t->list = arena_grow(t->a, t->list, t->cap, ncap, sizeof *t->list);
    t->cap = ncap;
  }
  t->list[t->n++] = key;
}

static void strong_field(token_set *t, const site *s, const page *p, const char *field) {
  const yx_node *v = page_field(s, p, field);
  if (v && v->kind == YX_SCALAR) search_tokenize(v->str, v->len, false, take, t);
}

/* What search_add records of the article: strong fields, then the text. */
static void tokens_of(token_set *t, const site *s, const search_change *c) {
  t->strong = true;
  if (c->p->title) search_tokenize(c->p->title, strlen(c->p->title), false, take, t);
  strong_field(t, s, c->p, "doc_no");
  strong_field(t, s, c->p, "index_no");
  t->strong = false;
  search_tokenize(c->text.text, c->text.len, false, take, t);
  t->hash = arena_alloc(t->a, (t->n ? t->n : 1) * sizeof *t->hash);
  for (size_t i = 0; i < t->n; i++) t->hash[i] = search_hash(t->list[i], strlen(t->list[i]));
}

static int cmp_str(const void *x, const void *y) { return strcmp(*(const char *const *)x, *(const char *const *)y); }

/* The set as search_tokens: sorted, each token, NUL, strength. */
static search_tokens tokens_block(const token_set *t) {
  const char **sorted = malloc((t->n ? t->n : 1) * sizeof *sorted);
  if (!sorted) abort();
  memcpy(sorted, t->list, t->n * sizeof *sorted);
  qsort(sorted, t->n, sizeof *sorted, cmp_str);
  buf b = BUF_INIT;
  for (size_t i = 0; i < t->n; i++) {
    buf_put(&b, sorted[i], strlen(sorted[i]) + 1);
    buf_put(&b, strmap_get(t->set, sorted[i]), 1);
  }
  free(sorted);
  search_tokens out = {.n = t->n};
  out.bytes = buf_take(&b, &out.len);
  return out;
}

/* Marks the shards of the tokens that are in one of old and now but not
 * in the other, or in both with another strength. */
static void mark_differences(const search_tokens *old, const search_tokens *now, uint32_t mask, bool *touched) {
  const char *x = old->bytes, *xe = old->bytes + old->len, *y = now->bytes, *ye = now->bytes + now->len;
  while (x < xe || y < ye) {
    size_t xl = x < xe ? strlen(x) : 0, yl = y < ye ? strlen(y) : 0;
    int c = x >= xe ? 1 : y >= ye ? -1 : strcmp(x, y);
    if (c < 0 || (c == 0 && x[xl + 1] != y[yl + 1])) touched[search_hash(x, xl) & mask] = true;
    if (c > 0) touched[search_hash(y, yl) & mask] = true;
    if (c <= 0) x += xl + 2;
    if (c >= 0) y += yl + 2;
  }
}

/* Marks the shards of the groups whose sums differ in the two marks (an
 * article's tokens there changed: search.h), where the shards are read
 * back; the article is in none of the others' lists but those of the
 * same tokens as before. */
static void mark_changed_groups(const uint8_t *old, const uint8_t *now, uint32_t mask, bool *touched) {
  const uint32_t per_group = SEARCH_SHARDS_MAX / SEARCH_SUM_GROUPS;
  for (uint32_t g = 0; g < SEARCH_SUM_GROUPS; g++) {
    size_t at = SEARCH_SHARD_BYTES + 4 * (size_t)g;
    if (memcmp(old + at, now + at, 4) == 0) continue;
    for (uint32_t h = g * per_group; h < (g + 1) * per_group; h++) touched[h & mask] = true;
  }
}

/* ---- one shard ------------------------------------------------------------------- */

/* A posting to add: the changed article `v >> 1` (strong: v & 1) has the token. */
typedef struct {
  const char *tok;
  uint32_t len, v;
} addition;

/* What patching a shard needs to know of the changes. */
typedef struct {
  const uint8_t *changed; /* a bit per document: a changed article */
  uint32_t mindoc, maxdoc; /* the lowest and the highest changed article */
  addition *adds;         /* this shard's, sorted by token then document */
  size_t nadds;
  uint32_t *docs;         /* scratch: a line's postings (doc << 1 | strong) */
  size_t cap;
  buf stretch;            /* scratch: the postings of a line written anew */
} patch_ctx;

static int cmp_tok(const char *a, uint32_t al, const char *b, uint32_t bl) {
  int c = memcmp(a, b, al < bl ? al : bl);
  return c ? c : (al > bl) - (al < bl);
}

static int cmp_add(const void *x, const void *y) {
  const addition *a = x, *b = y;
  int c = cmp_tok(a->tok, a->len, b->tok, b->len);
  return c ? c : (a->v > b->v) - (a->v < b->v);
}

static bool is_changed(const patch_ctx *pc, uint32_t doc) {
  return doc <= pc->maxdoc && (pc->changed[doc >> 3] >> (doc & 7) & 1);
}

static unsigned char digit_value[256]; /* search_digits → value + 1; 0: not a digit */
/* A one-digit posting's step from the document before it (1 + its gap,
 * at most 16); NOT_SINGLE for a digit that continues a posting, and for
 * any other byte. */
#define NOT_SINGLE 0x80u
static unsigned char single_step[256];

/* Appends postings (doc << 1 | strong, increasing) as the file writes
 * them, after the document `prev` (-1 at the start of a line). */
static void encode(buf *b, const uint32_t *docs, size_t n, int64_t prev) {
  for (size_t k = 0; k < n; k++) {
    int64_t doc = docs[k] >> 1;
    uint32_t v = (uint32_t)(doc - prev - 1) << 1 | (docs[k] & 1);
    for (; v >= 32; v >>= 5) buf_putc(b, search_digits[32 | (v & 31)]);
    buf_putc(b, search_digits[v]);
    prev = doc;
  }
}

static void push(patch_ctx *pc, size_t *n, uint32_t v) {
  if (*n == pc->cap) {
    pc->cap = pc->cap ? pc->cap * 2 : 1024;
    pc->docs = realloc(pc->docs, pc->cap * sizeof *pc->docs);
    if (!pc->docs) abort();
  }
  pc->docs[(*n)++] = v;
}

/* One line's postings, decoded from the first changed document to the
 * first document after the last changed one (into pc->docs); the bytes
 * before and after that stretch keep their gaps and are copied as they
 * are.  Most postings ahead of the stretch are one digit: those are only
 * summed (single_step), a byte at a time. */
/* Sums the steps of the one-digit postings from q on, sixteen bytes at a
 * time, while they are all one-digit postings ('0'…'9', 'A'…'V': values 0
 * to 31) and the document stays below `stop`; returns where it stopped
 * (the byte loop of scan_line goes on from there).  Without SSE2 (not an
 * x86-64), the byte loop does it all. */
static const char *skip_singles(const char *q, const char *end, int64_t *prev, int64_t stop) {
#ifdef __SSE2__
  const __m128i below0 = _mm_set1_epi8('0' - 1), above9 = _mm_set1_epi8('9' + 1);
  const __m128i belowA = _mm_set1_epi8('A' - 1), aboveV = _mm_set1_epi8('V' + 1);
  const __m128i zero = _mm_setzero_si128(), one = _mm_set1_epi8(1), low7 = _mm_set1_epi8(0x7f);
  for (; end - q >= 16; q += 16) {
    __m128i c = _mm_loadu_si128((const __m128i *)(const void *)q);
    __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(c, below0), _mm_cmpgt_epi8(above9, c));
    __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(c, belowA), _mm_cmpgt_epi8(aboveV, c));
    if (_mm_movemask_epi8(_mm_or_si128(digit, upper)) != 0xffff) break;
    __m128i base = _mm_or_si128(_mm_and_si128(digit, _mm_set1_epi8('0')), _mm_and_si128(upper, _mm_set1_epi8('A' - 10)));
    __m128i value = _mm_sub_epi8(c, base);                                         /* 0 … 31 */
    __m128i step = _mm_add_epi8(_mm_and_si128(_mm_srli_epi16(value, 1), low7), one); /* 1 + value / 2 */
    __m128i sums = _mm_sad_epu8(step, zero);
    int64_t sum = _mm_cvtsi128_si32(sums) + _mm_cvtsi128_si32(_mm_unpackhi_epi64(sums, sums));
    if (*prev + sum >= stop) break;
    *prev += sum;
  }
#else
  (void)end;
  (void)prev;
  (void)stop;
#endif
  return q;
}

typedef struct {
  const char *from;  /* the first posting taken apart */
  const char *to;    /* the first byte after the stretch */
  int64_t before;    /* the document ahead of `from` (-1: none) */
  size_t n;          /* postings in pc->docs */
  bool hit;          /* a changed article is among them */
} stretch;

static bool scan_line(patch_ctx *pc, const char *post, const char *end, stretch *st) {
  const char *q = post, *from = NULL, *start = post;
  int64_t prev = -1, before = -1;
  uint32_t v = 0, shift = 0;
  size_t n = 0;
  bool hit = false;
  while (q < end) {
    if (!from && shift == 0) { /* ahead of the stretch, at a posting's start */
      const int64_t stop = (int64_t)pc->mindoc;
      q = skip_singles(q, end, &prev, stop);
      for (unsigned s; q < end && (s = single_step[(unsigned char)*q]) != NOT_SINGLE && prev + s < stop; q++) prev += s;
      start = q;
      if (q == end) break;
    }
    unsigned d = digit_value[(unsigned char)*q++];
    if (!d) return false; /* not as search_write writes it */
    d--;
    v |= (d & 31u) << shift;
    if (d & 32u) {
      shift += 5;
      continue;
    }
    int64_t doc = prev + 1 + (v >> 1);
    if (!from && doc >= pc->mindoc) from = start, before = prev;
    if (from) {
      push(pc, &n, (uint32_t)doc << 1 | (v & 1));
      hit = hit || is_changed(pc, (uint32_t)doc);
    }
    prev = doc;
    start = q;
    v = shift = 0;
    if (doc > pc->maxdoc) break; /* nothing after it changes */
  }
  if (shift) return false; /* a line ending inside a posting */
  if (!from) from = q, before = prev; /* every posting is ahead of the changes */
  *st = (stretch){from, q, before, n, hit};
  return true;
}

/* What becomes of a line that held a changed article or gets one. */
enum { LINE_SAME, LINE_NEW, LINE_GONE };

/* The line of a token (postings `post` … `end`, scanned into st) with the
 * changed articles out and `adds` in: its stretch written anew into
 * pc->stretch.  Returns how the shard measure moves; *how says whether the
 * line's bytes stay (most lines: an article keeps most of its tokens),
 * change (the stretch replaces st->from … st->to) or go (no posting left:
 * the token is gone from the site). */
static int64_t rewrite_line(patch_ctx *pc, uint32_t len, const char *post, const char *end, const stretch *st,
                            const addition *adds, size_t nadds, int *how) {
  size_t n = st->n, kept = 0;
  for (size_t k = 0; k < n; k++) /* the changed articles out… */
    if (!is_changed(pc, pc->docs[k] >> 1)) pc->docs[kept++] = pc->docs[k];
  n = kept;
  for (size_t k = 0; k < nadds; k++) { /* …and back in where they have the token */
    size_t at = n;
    push(pc, &n, adds[k].v);
    for (; at > 0 && pc->docs[at - 1] > adds[k].v; at--) pc->docs[at] = pc->docs[at - 1];
    pc->docs[at] = adds[k].v;
  }
  int64_t delta = (int64_t)n - (int64_t)st->n;
  if (n == 0 && st->from == post && st->to == end) {
    *how = LINE_GONE;
    return delta - (int64_t)(len + 2);
  }
  pc->stretch.len = 0;
  encode(&pc->stretch, pc->docs, n, st->before);
  size_t was = (size_t)(st->to - st->from);
  *how = pc->stretch.len == was && memcmp(pc->stretch.data, st->from, was) == 0 ? LINE_SAME : LINE_NEW;
  return delta;
}

/* A line for a token the shard did not have. */
static int64_t new_line(patch_ctx *pc, buf *out, const addition *adds, size_t nadds) {
  size_t n = 0;
  for (size_t k = 0; k < nadds; k++) push(pc, &n, adds[k].v);
  buf_put(out, adds[0].tok, adds[0].len);
  buf_putc(out, '\t');
  encode(out, pc->docs, n, -1);
  buf_putc(out, '\n');
  return (int64_t)(adds[0].len + 2 + n);
}

/* The run of additions for one token, from i. */
static size_t run_end(const patch_ctx *pc, size_t i) {
  size_t j = i + 1;
  while (j < pc->nadds && cmp_tok(pc->adds[j].tok, pc->adds[j].len, pc->adds[i].tok, pc->adds[i].len) == 0) j++;
  return j;
}

/* Streams shard `text` into `out`, merging the sorted additions in; returns
 * false on a malformed file.  *delta: how the shard measure moved.  The
 * lines that stay as they are go into `out` in one copy per stretch of
 * them, just before the next line that is written anew (`out` is left
 * empty when none is); *changed says whether the shard changed (it did
 * also when every line was removed, out empty too). */
static bool patch_stream(patch_ctx *pc, const char *text, size_t len, buf *out, int64_t *delta, bool *changed) {
  const char *p = text, *end = text + len, *copied = text; /* text before `copied` is in out */
  size_t ai = 0;
  *delta = 0;
  while (p < end) {
    const char *tab = memchr(p, '\t', (size_t)(end - p));
    const char *nl = tab ? memchr(tab, '\n', (size_t)(end - tab)) : NULL;
    if (!tab || !nl) return false;
    uint32_t tl = (uint32_t)(tab - p);
    int c = 1; /* the next addition's token against this line's */
    while (ai < pc->nadds && (c = cmp_tok(pc->adds[ai].tok, pc->adds[ai].len, p, tl)) < 0) {
      size_t aj = run_end(pc, ai);
      buf_put(out, copied, (size_t)(p - copied));
      copied = p;
      *delta += new_line(pc, out, pc->adds + ai, aj - ai);
      *changed = true;
      ai = aj;
    }
    size_t aj = ai < pc->nadds && c == 0 ? run_end(pc, ai) : ai;
    stretch st;
    if (!scan_line(pc, tab + 1, nl, &st)) return false;
    if (st.hit || aj > ai) {
      int how;
      *delta += rewrite_line(pc, tl, tab + 1, nl, &st, pc->adds + ai, aj - ai, &how);
      if (how != LINE_SAME) { /* the lines before it as they are, then it anew or not at all */
        buf_put(out, copied, (size_t)(p - copied));
        if (how == LINE_NEW) {
          buf_put(out, p, (size_t)(st.from - p));
          buf_put(out, pc->stretch.data, pc->stretch.len);
          buf_put(out, st.to, (size_t)(nl + 1 - st.to));
        }
        copied = nl + 1;
        *changed = true;
      }
    }
    ai = aj;
    p = nl + 1;
  }
  while (ai < pc->nadds) {
    size_t aj = run_end(pc, ai);
    buf_put(out, copied, (size_t)(end - copied));
    copied = end;
    *delta += new_line(pc, out, pc->adds + ai, aj - ai);
    *changed = true;
    ai = aj;
  }
  if (copied != text || out->len) buf_put(out, copied, (size_t)(end - copied)); /* a line came, changed or went */
  return true;
}

/* A file of the written index, read back; NULL after reporting. */
static char *read_index_file(const release *rel, const char *path, size_t *len) {
  char *text = release_read(rel, path, len);
  if (!text) diag_system(path, "cannot read the search index to update it");
  return text;
}

/* Every changed article's tokens as additions, grouped by shard: shard
 * k's are adds[at[k]] … adds[at[k + 1] - 1], sorted by token then
 * document. */
static addition *additions(arena *a, const search_layout *L, const search_change *ch, token_set *sets, size_t n,
                           size_t **at_out) {
  uint32_t mask = L->shards - 1;
  size_t *at = arena_calloc(a, (size_t)L->shards + 1, sizeof *at), total = 0;
  for (size_t c = 0; c < n; c++)
    for (size_t t = 0; t < sets[c].n; t++) at[(sets[c].hash[t] & mask) + 1]++;
  for (uint32_t k = 0; k < L->shards; k++) at[k + 1] += at[k];
  total = at[L->shards];
  addition *adds = arena_alloc(a, (total ? total : 1) * sizeof *adds);
  size_t *fill = arena_alloc(a, (size_t)L->shards * sizeof *fill);
  memcpy(fill, at, (size_t)L->shards * sizeof *fill);
  for (size_t c = 0; c < n; c++)
    for (size_t t = 0; t < sets[c].n; t++) {
      const char *tok = sets[c].list[t];
      const char *strong = strmap_get(sets[c].set, tok);
      adds[fill[sets[c].hash[t] & mask]++] =
          (addition){tok, (uint32_t)strlen(tok), (uint32_t)ch[c].doc << 1 | (strong[0] == '1')};
    }
  for (uint32_t k = 0; k < L->shards; k++)
    if (at[k + 1] - at[k] > 1) qsort(adds + at[k], at[k + 1] - at[k], sizeof *adds, cmp_add);
  *at_out = at;
  return adds;
}

/* A search index govpub did not write, or an older govpub: a whole build writes it anew. */
static const char not_ours_hint[] = "build whole once: govpub build --full";

/* Shard k with the changed articles taken out and put back with their new
 * tokens (pc->adds: this shard's), into `out`; *changed when its bytes
 * differ.  *delta gets the change of the measure. */
static bool patch_shard(const release *rel, patch_ctx *pc, uint32_t k, buf *out, int64_t *delta, bool *changed) {
  char path[SEARCH_PATH_MAX];
  size_t len;
  char *text = read_index_file(rel, search_shard_path(path, k), &len);
  if (!text) return false;
  bool ok = patch_stream(pc, text, len, out, delta, changed);
  if (!ok) diag_system_at(0, not_ours_hint, path, "the search index is not as govpub writes it");
  free(text);
  return ok;
}

/* The touched shards, patched by `threads` workers (each with its own
 * scratch): shard pending[i] into files[pending[i]]. */
typedef struct {
  const release *rel;
  patch_ctx *pcs;        /* per worker */
  const uint32_t *pending;
  const addition *adds;
  const size_t *at;
  buf *files;
  bool *rewrite, *failed;
  int64_t *delta;        /* per shard */
} shard_jobs;

static void patch_one(void *ctx, size_t i, int worker) {
  shard_jobs *j = ctx;
  uint32_t k = j->pending[i];
  patch_ctx *pc = &j->pcs[worker];
  pc->adds = (addition *)j->adds + j->at[k];
  pc->nadds = j->at[k + 1] - j->at[k];
  j->failed[k] = !patch_shard(j->rel, pc, k, &j->files[k], &j->delta[k], &j->rewrite[k]);
}

static void write_one(void *ctx, size_t i, int worker) {
  (void)worker;
  shard_jobs *j = ctx;
  uint32_t k = j->pending[i];
  char path[SEARCH_PATH_MAX];
  j->failed[k] = release_write(j->rel, search_shard_path(path, k), j->files[k].data, j->files[k].len) != 0;
}

/* ---- the document table ---------------------------------------------------------- */

/* The end of the JSON value at p (a string or a number), or NULL. */
static const char *skip_value(const char *p, const char *end) {
  if (p < end && *p == '"') {
    for (p++; p < end; p++) {
      if (*p == '\\') p++;
      else if (*p == '"') return p + 1;
    }
    return NULL;
  }
  while (p < end && *p != ',' && *p != ']') p++;
  return p < end ? p : NULL;
}

/* Replaces the snippet (the 7th value) of entry `at` of the chunk text. */
/* Entry `at` of the chunk text written again for article p: [URL, title,
 * column, date, 文号, 索引号, snippet] as search_write writes it, the column
 * number kept (a page never changes column without a whole build). */
static bool patch_entry(buf *b, const site *s, const page *p, const char *text, size_t len, size_t at,
                        const char *snippet) {
  const char *q = text, *end = text + len;
  for (size_t i = 0; i < at; i++) { /* entries are separated by ",\n" */
    q = memchr(q, '\n', (size_t)(end - q));
    if (!q) return false;
    q++;
  }
  q += q == text; /* the table's own '[' */
  if (q >= end || *q != '[') return false;
  const char *start = q++, *col = NULL, *col_end = NULL;
  for (int v = 0; v < 7; v++) {
    const char *e = skip_value(q, end);
    if (!e || *e != (v < 6 ? ',' : ']')) return false;
    if (v == 2) col = q, col_end = e;
    q = e + 1;
  }
  char *col_stop;
  unsigned long column = strtoul(col, &col_stop, 10);
  if (col_stop != col_end) return false;
  buf_put(b, text, (size_t)(start - text));
  search_doc_entry(b, s, p, column, snippet);
  buf_put(b, q, (size_t)(end - q));
  return true;
}

/* Table chunk `chunk` with the snippets of the changed articles in it. */
static bool patch_table(const site *s, const release *rel, const search_layout *L, const search_change *ch,
                        size_t n, size_t chunk, arena *a) {
  char path[SEARCH_PATH_MAX];
  size_t len;
  char *text = read_index_file(rel, search_chunk_path(path, chunk), &len);
  if (!text) return false;
  buf b = BUF_INIT;
  bool ok = true;
  for (size_t c = 0; c < n && ok; c++) {
    if (ch[c].doc / L->chunk != chunk) continue;
    const char *snippet = search_snippet(a, ch[c].p, &ch[c].text);
    b.len = 0;
    ok = patch_entry(&b, s, ch[c].p, text, len, ch[c].doc % L->chunk, snippet ? snippet : "");
    if (!ok) break;
    free(text);
    text = buf_take(&b, &len);
  }
  if (!ok) diag_system_at(0, not_ours_hint, path, "the search index is not as govpub writes it");
  else ok = release_write(rel, path, text, len) == 0;
  buf_free(&b);
  free(text);
  return ok;
}

/* ---- the whole patch ------------------------------------------------------------- */

int search_patch(const site *s, const release *rel, search_layout *L, search_change *ch, size_t n, int threads) {
  memset(single_step, NOT_SINGLE, sizeof single_step);
  for (int i = 0; i < 64; i++) {
    digit_value[(unsigned char)search_digits[i]] = (unsigned char)(i + 1);
    if (i < 32) single_step[(unsigned char)search_digits[i]] = (unsigned char)(1 + (i >> 1));
  }
  arena *a = arena_new();
  token_set *sets = arena_calloc(a, n ? n : 1, sizeof *sets);
  uint32_t mask = L->shards - 1;
  bool *touched = arena_calloc(a, L->shards, sizeof *touched);
  patch_ctx pc = {0};
  pc.mindoc = UINT32_MAX;
  for (size_t c = 0; c < n; c++) {
    if (ch[c].doc > pc.maxdoc) pc.maxdoc = (uint32_t)ch[c].doc;
    if (ch[c].doc < pc.mindoc) pc.mindoc = (uint32_t)ch[c].doc;
  }
  uint8_t *changed = arena_calloc(a, pc.maxdoc / 8 + 1, 1);
  pc.changed = changed;
  for (size_t c = 0; c < n; c++) {
    changed[ch[c].doc >> 3] |= (uint8_t)(1u << (ch[c].doc & 7));
    sets[c] = (token_set){a, strmap_new(a), NULL, NULL, 0, 0, false};
    tokens_of(&sets[c], s, &ch[c]);
    memset(ch[c].bits, 0, sizeof ch[c].bits);
    for (size_t t = 0; t < sets[c].n; t++)
      search_mark_add(ch[c].bits, sets[c].hash[t] & (SEARCH_SHARDS_MAX - 1),
                      search_sig(sets[c].hash[t], *(const char *)strmap_get(sets[c].set, sets[c].list[t]) == '1'));
    ch[c].tokens = tokens_block(&sets[c]);
    if (ch[c].old_tokens) {
      mark_differences(ch[c].old_tokens, &ch[c].tokens, mask, touched);
      continue;
    }
    mark_changed_groups(ch[c].old_bits, ch[c].bits, mask, touched);
  }
  buf *files = arena_calloc(a, L->shards, sizeof *files);
  if (threads < 1) threads = 1;
  shard_jobs j = {rel, arena_calloc(a, (size_t)threads, sizeof *j.pcs), NULL, NULL, NULL, files,
                  arena_calloc(a, L->shards, sizeof *j.rewrite), arena_calloc(a, L->shards, sizeof *j.failed),
                  arena_calloc(a, L->shards, sizeof *j.delta)};
  size_t *at;
  j.adds = additions(a, L, ch, sets, n, &at);
  j.at = at;
  uint32_t *pending = arena_alloc(a, L->shards * sizeof *pending);
  size_t npending = 0;
  for (uint32_t k = 0; k < L->shards; k++)
    if (touched[k]) pending[npending++] = k;
  j.pending = pending;
  for (int w = 0; w < threads; w++) j.pcs[w] = pc;
  pool_run(threads, npending, patch_one, &j);
  for (int w = 0; w < threads; w++) {
    free(j.pcs[w].docs);
    buf_free(&j.pcs[w].stretch);
  }
  int64_t delta = 0;
  int rc = 0;
  for (size_t i = 0; i < npending; i++) {
    delta += j.delta[pending[i]];
    if (j.failed[pending[i]]) rc = -1;
  }
  if (rc == 0 && search_shard_count((uint64_t)((int64_t)L->bytes + delta)) != L->shards) rc = 1;
  if (rc == 0) { /* only the shards whose bytes changed */
    size_t nwrite = 0;
    for (size_t i = 0; i < npending; i++)
      if (j.rewrite[pending[i]]) pending[nwrite++] = pending[i];
    pool_run(threads, nwrite, write_one, &j);
    for (size_t i = 0; i < nwrite; i++)
      if (j.failed[pending[i]]) rc = -1;
  }
  for (size_t c = 0; c < n && rc == 0; c++) { /* each chunk once, at its first change */
    size_t chunk = ch[c].doc / L->chunk;
    bool first = true;
    for (size_t e = 0; e < c; e++) first = first && ch[e].doc / L->chunk != chunk;
    if (first && !patch_table(s, rel, L, ch, n, chunk, a)) rc = -1;
  }
  if (rc == 0) L->bytes = (uint64_t)((int64_t)L->bytes + delta);
  for (uint32_t k = 0; k < L->shards; k++) buf_free(&files[k]);
  arena_free(a);
  return rc;
}

/* search_patch: the site search index of a release brought up to date for
 * articles whose body changed, without building it again (the incremental
 * build, docs/incremental.md).  Owns only the rewriting of the files that
 * search_write.c wrote (docs/search.md): the postings shards that held a
 * changed article or will, and the changed articles' entries in the
 * document table.  Everything else in search/ depends on the front matter
 * (titles, dates, columns, years), which an incremental build never sees
 * change.
 *
 * Which shards held an article is known from its shard bits
 * (search_doc_bits), kept by the build that wrote the index; the file of
 * each such shard is read back, the article taken out of every posting
 * list and put into the lists of its new tokens, and the shard written in
 * the same format, so the bytes are those a whole build would write.  When
 * the postings' measure moves the shard count, nothing is written and the
 * caller builds the index whole.
 *
 * Ownership: all memory is the caller's scratch arena's or freed here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "cjk.h"
#include "diag.h"
#include "escape.h"
#include "search.h"
#include "search_impl.h"
#include "search_token.h"
#include "strmap.h"

/* ---- an article's new tokens --------------------------------------------------- */

typedef struct {
  arena *a;
  strmap *set;   /* token → (char *) "1" strong / "0" not */
  const char **list;
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
  search_tokenize(c->text, c->len, false, take, t);
}

/* ---- one shard ------------------------------------------------------------------- */

typedef struct {
  const char *tok;
  uint32_t len;
  uint32_t *docs; /* doc << 1 | strong, increasing */
  size_t n, cap;
} line;

typedef struct {
  arena *a;
  line *lines;
  size_t n, cap;
} shard;

static unsigned char digit_value[256];

static line *add_line(shard *sh, const char *tok, uint32_t len) {
  if (sh->n == sh->cap) {
    size_t ncap = sh->cap ? sh->cap * 2 : 256;
    sh->lines = arena_grow(sh->a, sh->lines, sh->cap, ncap, sizeof *sh->lines);
    sh->cap = ncap;
  }
  line *l = &sh->lines[sh->n++];
  *l = (line){tok, len, NULL, 0, 0};
  return l;
}

static void add_doc(arena *a, line *l, uint32_t v) {
  if (l->n == l->cap) {
    size_t ncap = l->cap ? l->cap * 2 : 8;
    l->docs = arena_grow(a, l->docs, l->cap, ncap, sizeof *l->docs);
    l->cap = ncap;
  }
  l->docs[l->n++] = v;
}

/* Parses `token<TAB>postings` lines; returns false on a malformed file. */
static bool parse_shard(shard *sh, const char *text, size_t len) {
  const char *p = text, *end = text + len;
  while (p < end) {
    const char *tab = memchr(p, '\t', (size_t)(end - p));
    const char *nl = tab ? memchr(tab, '\n', (size_t)(end - tab)) : NULL;
    if (!tab || !nl) return false;
    line *l = add_line(sh, p, (uint32_t)(tab - p));
    int64_t prev = -1;
    uint32_t v = 0, shift = 0;
    for (const char *q = tab + 1; q < nl; q++) {
      unsigned d = digit_value[(unsigned char)*q];
      if (!d) return false;
      d--;
      v |= (d & 31u) << shift;
      if (d & 32u) {
        shift += 5;
        continue;
      }
      int64_t doc = prev + 1 + (v >> 1);
      add_doc(sh->a, l, (uint32_t)doc << 1 | (v & 1));
      prev = doc;
      v = shift = 0;
    }
    p = nl + 1;
  }
  return true;
}

static int cmp_line(const void *a, const void *b) {
  const line *x = a, *y = b;
  int c = memcmp(x->tok, y->tok, x->len < y->len ? x->len : y->len);
  return c ? c : (x->len > y->len) - (x->len < y->len);
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

static void encode_shard(const shard *sh, buf *b) {
  for (size_t i = 0; i < sh->n; i++) {
    const line *l = &sh->lines[i];
    if (!l->n) continue;
    buf_put(b, l->tok, l->len);
    buf_putc(b, '\t');
    int64_t prev = -1;
    for (size_t k = 0; k < l->n; k++) {
      int64_t doc = l->docs[k] >> 1;
      uint32_t v = (uint32_t)(doc - prev - 1) << 1 | (l->docs[k] & 1);
      for (; v >= 32; v >>= 5) buf_putc(b, search_digits[32 | (v & 31)]);
      buf_putc(b, search_digits[v]);
      prev = doc;
    }
    buf_putc(b, '\n');
  }
}

/* The shard measure of search_write (docs/search.md): token bytes + 2 +
 * postings, per token that has any. */
static uint64_t measure(const shard *sh) {
  uint64_t m = 0;
  for (size_t i = 0; i < sh->n; i++)
    if (sh->lines[i].n) m += sh->lines[i].len + 2 + sh->lines[i].n;
  return m;
}

static bool is_changed(const search_change *ch, size_t n, uint32_t doc) {
  for (size_t i = 0; i < n; i++)
    if (ch[i].doc == doc) return true;
  return false;
}

/* A file of the written index, read back; NULL after reporting. */
static char *read_index_file(const release *rel, const char *path, size_t *len) {
  char *text = release_read(rel, path, len);
  if (!text) diag_system(path, "cannot read the search index to update it");
  return text;
}

/* Shard k with the changed articles taken out and put back with their new
 * tokens; *delta gets the change of the measure. */
static bool patch_shard(const release *rel, const search_layout *L, search_change *ch, token_set *sets, size_t n,
                        uint32_t k, arena *a, buf *out, int64_t *delta) {
  char path[64];
  snprintf(path, sizeof path, "search/t/%u.txt", k);
  size_t len;
  char *text = read_index_file(rel, path, &len);
  if (!text) return false;
  shard sh = {a, NULL, 0, 0};
  bool ok = parse_shard(&sh, text, len);
  if (!ok) {
    diag_system(path, "the search index is not as govpub writes it");
    free(text);
    return false;
  }
  uint64_t before = measure(&sh);
  for (size_t i = 0; i < sh.n; i++) { /* the changed articles out */
    line *l = &sh.lines[i];
    size_t w = 0;
    for (size_t d = 0; d < l->n; d++)
      if (!is_changed(ch, n, l->docs[d] >> 1)) l->docs[w++] = l->docs[d];
    l->n = w;
  }
  strmap *index = strmap_new(a); /* token → line number + 1, for tokens met again */
  for (size_t i = 0; i < sh.n; i++)
    strmap_put(index, arena_strndup(a, sh.lines[i].tok, sh.lines[i].len), (void *)(uintptr_t)(i + 1));
  uint32_t mask = L->shards - 1;
  for (size_t c = 0; c < n; c++) { /* … and in again with their new tokens */
    for (size_t t = 0; t < sets[c].n; t++) {
      const char *tok = sets[c].list[t];
      size_t tl = strlen(tok);
      if ((search_hash(tok, tl) & mask) != k) continue;
      uintptr_t at = (uintptr_t)strmap_get(index, tok);
      if (!at) {
        add_line(&sh, tok, (uint32_t)tl);
        at = sh.n;
        strmap_put(index, tok, (void *)at);
      }
      const char *strong = strmap_get(sets[c].set, tok);
      add_doc(a, &sh.lines[at - 1], (uint32_t)ch[c].doc << 1 | (strong[0] == '1'));
    }
  }
  for (size_t i = 0; i < sh.n; i++)
    if (sh.lines[i].n > 1) qsort(sh.lines[i].docs, sh.lines[i].n, sizeof *sh.lines[i].docs, cmp_u32);
  qsort(sh.lines, sh.n, sizeof *sh.lines, cmp_line);
  *delta = (int64_t)measure(&sh) - (int64_t)before;
  encode_shard(&sh, out);
  free(text);
  return true;
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
static bool patch_entry(buf *b, const char *text, size_t len, size_t at, const char *snippet) {
  const char *p = text, *end = text + len;
  for (size_t i = 0; i < at; i++) { /* entries are separated by ",\n" */
    p = memchr(p, '\n', (size_t)(end - p));
    if (!p) return false;
    p++;
  }
  p += p == text; /* the table's own '[' */
  if (p >= end || *p != '[') return false;
  p++;
  for (int v = 0; v < 6; v++) {
    p = skip_value(p, end);
    if (!p || *p != ',') return false;
    p++;
  }
  const char *q = skip_value(p, end);
  if (!q) return false;
  buf_put(b, text, (size_t)(p - text));
  buf_putc(b, '"');
  esc_json(b, snippet, strlen(snippet));
  buf_putc(b, '"');
  buf_put(b, q, (size_t)(end - q));
  return true;
}

/* Table chunk `chunk` with the snippets of the changed articles in it. */
static bool patch_table(const release *rel, const search_layout *L, const search_change *ch, size_t n,
                        size_t chunk, arena *a) {
  char path[64];
  snprintf(path, sizeof path, "search/d/%zu.json", chunk);
  size_t len;
  char *text = read_index_file(rel, path, &len);
  if (!text) return false;
  buf b = BUF_INIT;
  bool ok = true;
  for (size_t c = 0; c < n && ok; c++) {
    if (ch[c].doc / L->chunk != chunk) continue;
    const char *snippet = cjk_summary(a, ch[c].text, ch[c].len, SEARCH_SNIPPET_CHARS);
    b.len = 0;
    ok = patch_entry(&b, text, len, ch[c].doc % L->chunk, snippet ? snippet : "");
    if (!ok) break;
    free(text);
    text = buf_take(&b, &len);
  }
  if (!ok) diag_system(path, "the search index is not as govpub writes it");
  else ok = release_write(rel, path, text, len) == 0;
  buf_free(&b);
  free(text);
  return ok;
}

/* ---- the whole patch ------------------------------------------------------------- */

int search_patch(const site *s, const release *rel, search_layout *L, search_change *ch, size_t n) {
  for (int i = 0; i < 64; i++) digit_value[(unsigned char)search_digits[i]] = (unsigned char)(i + 1);
  arena *a = arena_new();
  token_set *sets = arena_calloc(a, n ? n : 1, sizeof *sets);
  uint32_t mask = L->shards - 1;
  bool *touched = arena_calloc(a, L->shards, sizeof *touched);
  for (size_t c = 0; c < n; c++) {
    sets[c] = (token_set){a, strmap_new(a), NULL, 0, 0, false};
    tokens_of(&sets[c], s, &ch[c]);
    memset(ch[c].bits, 0, sizeof ch[c].bits);
    for (size_t t = 0; t < sets[c].n; t++) {
      uint32_t h = search_hash(sets[c].list[t], strlen(sets[c].list[t])) & (SEARCH_SHARDS_MAX - 1);
      ch[c].bits[h >> 3] |= (uint8_t)(1u << (h & 7));
    }
    for (uint32_t h = 0; h < SEARCH_SHARDS_MAX; h++)
      if ((ch[c].bits[h >> 3] | ch[c].old_bits[h >> 3]) >> (h & 7) & 1) touched[h & mask] = true;
  }
  buf *files = arena_calloc(a, L->shards, sizeof *files);
  int64_t delta = 0;
  int rc = 0;
  for (uint32_t k = 0; k < L->shards && rc == 0; k++) {
    if (!touched[k]) continue;
    int64_t d;
    if (!patch_shard(rel, L, ch, sets, n, k, a, &files[k], &d)) rc = -1;
    delta += d;
  }
  if (rc == 0 && search_shard_count((uint64_t)((int64_t)L->bytes + delta)) != L->shards) rc = 1;
  for (uint32_t k = 0; k < L->shards && rc == 0; k++) {
    if (!touched[k]) continue;
    char path[64];
    snprintf(path, sizeof path, "search/t/%u.txt", k);
    if (release_write(rel, path, files[k].data, files[k].len) != 0) rc = -1;
  }
  for (size_t c = 0; c < n && rc == 0; c++) { /* each chunk once, at its first change */
    size_t chunk = ch[c].doc / L->chunk;
    bool first = true;
    for (size_t e = 0; e < c; e++) first = first && ch[e].doc / L->chunk != chunk;
    if (first && !patch_table(rel, L, ch, n, chunk, a)) rc = -1;
  }
  if (rc == 0) L->bytes = (uint64_t)((int64_t)L->bytes + delta);
  for (uint32_t k = 0; k < L->shards; k++) buf_free(&files[k]);
  arena_free(a);
  return rc;
}

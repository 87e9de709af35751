/* scan_compile: a dictionary's entries → what the scan runs.  Each word and
 * allowed phrase is normalised exactly as text will be (scan_norm), which is
 * where duplicates show ("ＡＢ" and "ab" are one word); the letters of all
 * of them form the alphabet, numbered by how often they occur so the
 * automaton's busiest rows pack tightly; the symbol table maps every code
 * point to its letter's number (or noise, or break); patterns are compiled
 * with PCRE2's JIT. */
#include <stdlib.h>
#include <string.h>

#include "cjk.h"
#include "diag.h"
#include "strmap.h"
#include "scan_impl.h"

/* ---- the alphabet: code point → symbol ------------------------------------- */

typedef struct {
  uint32_t *cp, *sym, *count; /* open addressing on cp; sym 0 = empty slot */
  size_t mask, n;
} alphabet;

static size_t alpha_slot(const alphabet *al, uint32_t cp) {
  size_t i = (cp * 0x9E3779B1u) & al->mask;
  while (al->sym[i] && al->cp[i] != cp) i = (i + 1) & al->mask;
  return i;
}

static uint32_t alpha_get(const alphabet *al, uint32_t cp) { return al->sym[alpha_slot(al, cp)]; }

/* ---- normalising entries ----------------------------------------------------- */

/* The letters of s once normalised (noise dropped), at most `max` of them
 * stored; returns how many there are.  *breaks is set when s holds a line
 * break or tab. */
static size_t normalise(const char *s, uint32_t *out, size_t max, bool *breaks) {
  const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
  size_t n = 0;
  while (p < end) {
    uint32_t cp, o[NORM_MAX];
    size_t k = *p == '&' ? norm_entity((const char *)p, (size_t)(end - p), &cp) : 0;
    if (!k) k = norm_decode(p, end, &cp);
    p += k;
    size_t m = norm_char(cp, o);
    for (size_t j = 0; j < m; j++) {
      norm_class c = norm_class_of(o[j]);
      if (c == NC_BREAK) *breaks = true;
      if (c != NC_LETTER) continue;
      if (n < max) out[n] = o[j];
      n++;
    }
  }
  return n;
}

static char *key_string(arena *a, const uint32_t *cps, size_t n) {
  char *s = arena_alloc(a, 4 * n + 1), *q = s;
  for (size_t i = 0; i < n; i++) q += utf8_encode(cps[i], q);
  *q = '\0';
  return s;
}

typedef struct {
  uint32_t *cps; /* normalised letters */
  uint32_t len;
} nkey;

/* Normalises every word and allowed phrase into keys[], reporting what
 * cannot be one and every duplicate. */
static bool normalise_entries(scan_dict *d, nkey *keys) {
  bool ok = true;
  strmap *words = strmap_new(d->a), *allows = strmap_new(d->a);
  uint32_t tmp[SCAN_MAX_WORD];
  for (size_t i = 0; i < d->nentries; i++) {
    scan_entry *e = &d->entries[i];
    if (e->kind == SE_PATTERN) continue;
    const char *file = e->file, *what = e->kind == SE_WORD ? "word" : "allowed phrase";
    bool breaks = false;
    size_t n = normalise(e->text, tmp, SCAN_MAX_WORD, &breaks);
    if (breaks) {
      diag_error(file, e->line, e->col, "write it on one line, without tabs",
                 "%s \"%s\" contains a line break or tab", what, e->text);
      ok = false;
      continue;
    }
    if (n == 0) {
      diag_error(file, e->line, e->col,
                 "spaces, punctuation and symbols are skipped when matching, so it needs a letter or digit",
                 "%s \"%s\" has no letters or digits", what, e->text);
      ok = false;
      continue;
    }
    if (n > SCAN_MAX_WORD) {
      diag_error(file, e->line, e->col, "shorten it, or write a pattern", "%s \"%s\" is longer than %d characters",
                 what, e->text, SCAN_MAX_WORD);
      ok = false;
      continue;
    }
    keys[i].len = (uint32_t)n;
    keys[i].cps = arena_alloc(d->a, n * sizeof *tmp);
    memcpy(keys[i].cps, tmp, n * sizeof *tmp);
    const char *k = key_string(d->a, tmp, n);
    const char *lk = arena_printf(d->a, "%u\x1f%s", e->list, k);
    scan_entry *prev_word = strmap_get(words, k), *prev_allow = strmap_get(allows, lk);
    scan_entry *prev = e->kind == SE_WORD ? prev_word : prev_allow;
    if (prev) {
      const char *where = strcmp(prev->file, e->file) == 0 ? arena_printf(d->a, "line %d", prev->line)
                                                           : arena_printf(d->a, "%s:%d", prev->file, prev->line);
      if (strcmp(prev->text, e->text) == 0)
        diag_error(file, e->line, e->col, "keep one of them", "duplicate %s \"%s\" (also at %s)", what,
                   e->text, where);
      else
        diag_error(file, e->line, e->col,
                   "keep one: matching ignores case, width, traditional/simplified forms and punctuation",
                   "%s \"%s\" is the same as \"%s\" at %s once normalised", what, e->text, prev->text, where);
      ok = false;
      continue;
    }
    scan_entry *other = e->kind == SE_WORD ? prev_allow : prev_word;
    if (other && other->list == e->list) {
      diag_error(file, e->line, e->col, "an allowed phrase must be longer than the word it allows",
                 "\"%s\" is both a word and an allowed phrase of this list (line %d)", e->text, other->line);
      ok = false;
      continue;
    }
    /* a word of another list that is an allowed phrase here is fine */
    strmap_put(e->kind == SE_WORD ? words : allows, e->kind == SE_WORD ? k : lk, e);
  }
  return ok;
}

/* ---- the symbol table ----------------------------------------------------------- */

static int by_count(const void *a, const void *b, void *ctx) {
  const alphabet *al = ctx;
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  if (al->count[x] != al->count[y]) return al->count[x] > al->count[y] ? -1 : 1;
  return (al->cp[x] > al->cp[y]) - (al->cp[x] < al->cp[y]);
}

static void build_alphabet(alphabet *al, const nkey *keys, size_t n) {
  size_t total = 0;
  for (size_t i = 0; i < n; i++) total += keys[i].len;
  size_t size = 64;
  while (size < 2 * total + 2) size *= 2;
  al->mask = size - 1;
  al->cp = calloc(size, sizeof *al->cp);
  al->sym = calloc(size, sizeof *al->sym);
  al->count = calloc(size, sizeof *al->count);
  if (!al->cp || !al->sym || !al->count) abort();
  for (size_t i = 0; i < n; i++)
    for (uint32_t j = 0; j < keys[i].len; j++) {
      size_t s = alpha_slot(al, keys[i].cps[j]);
      if (!al->sym[s]) al->cp[s] = keys[i].cps[j], al->sym[s] = 1, al->n++;
      al->count[s]++;
    }
  size_t *slots = malloc((al->n ? al->n : 1) * sizeof *slots), m = 0;
  if (!slots) abort();
  for (size_t s = 0; s <= al->mask; s++)
    if (al->sym[s]) slots[m++] = s;
  qsort_r(slots, m, sizeof *slots, by_count, al);
  for (size_t i = 0; i < m; i++) al->sym[slots[i]] = (uint32_t)i + 1;
  free(slots);
}

/* Code point → symbol, 0 (a letter of no word: no word goes through it),
 * CT_NOISE, CT_BREAK, CT_AMP, or an expansion of those. */
static uint32_t sym_entry(void *ctx, cp_table *t, uint32_t cp) {
  const alphabet *al = ctx;
  if (cp == '&') return CT_AMP;
  uint32_t out[NORM_MAX], items[NORM_MAX];
  size_t n = norm_char(cp, out);
  if (n == 0) return CT_NOISE;
  bool any_sym = false, any_other = false, any_break = false;
  for (size_t i = 0; i < n; i++) {
    norm_class c = norm_class_of(out[i]);
    items[i] = c == NC_BREAK ? CT_BREAK : c == NC_NOISE ? CT_NOISE : alpha_get(al, out[i]);
    any_sym |= items[i] && items[i] < CT_SPECIAL;
    any_other |= items[i] == 0;
    any_break |= items[i] == CT_BREAK;
  }
  if (n == 1) return items[0];
  if (!any_sym) return any_other ? 0 : any_break ? CT_BREAK : CT_NOISE;
  return cp_table_expand(t, items, n);
}

/* ---- patterns ---------------------------------------------------------------------- */

static bool compile_pattern(scan_entry *e) {
  int err;
  PCRE2_SIZE at;
  const char *file = e->file;
  e->re = pcre2_compile((PCRE2_SPTR)e->text, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_CASELESS, &err, &at, NULL);
  if (!e->re) {
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(err, msg, sizeof msg);
    diag_error(file, e->line, e->col,
               "patterns are PCRE2 regular expressions matched against the normalised text (docs/scan.md)",
               "invalid pattern: %s (at character %zu)", (const char *)msg, utf8_count(e->text, at) + 1);
    return false;
  }
  uint32_t minlen = 0;
  pcre2_pattern_info(e->re, PCRE2_INFO_MINLENGTH, &minlen);
  if (minlen == 0) {
    diag_error(file, e->line, e->col, "make at least one character of it required",
               "pattern \"%s\" can match the empty string", e->text);
    return false;
  }
  /* Without JIT, pcre2_match interprets (same results, slower).
   * GOVPUB_PCRE2_JIT=0 turns JIT off: valgrind cannot follow the machine
   * code JIT writes and reports its reads as uninitialised (docs/scan.md). */
  const char *jit = getenv("GOVPUB_PCRE2_JIT");
  if (!jit || strcmp(jit, "0") != 0) pcre2_jit_compile(e->re, PCRE2_JIT_COMPLETE);
  return true;
}

bool scan_compile(scan_dict *d, bool build) {
  nkey *keys = arena_calloc(d->a, d->nentries ? d->nentries : 1, sizeof *keys);
  bool ok = normalise_entries(d, keys);
  d->patterns = arena_alloc(d->a, (d->nentries ? d->nentries : 1) * sizeof *d->patterns);
  for (size_t i = 0; i < d->nentries; i++) {
    scan_entry *e = &d->entries[i];
    if (e->kind == SE_WORD) d->nwords++;
    if (e->kind != SE_PATTERN) continue;
    if (compile_pattern(e)) d->patterns[d->npatterns++] = (uint32_t)i;
    else ok = false;
  }
  if (!ok || !build) return false;

  uint32_t def = d->gap;
  d->gap = 0;
  for (size_t l = 0; l < d->nlists; l++)
    if (d->lists[l].gap > d->gap) d->gap = d->lists[l].gap;
  for (size_t l = 0; l < d->nlists; l++) d->gaps_differ |= d->lists[l].gap != d->gap;
  if (!d->nlists) d->gap = def;

  alphabet al = {0};
  build_alphabet(&al, keys, d->nentries);
  d->nsym = (uint32_t)al.n;
  cp_table_build(&d->sym, sym_entry, &al);

  ac_key *ak = arena_alloc(d->a, (d->nentries ? d->nentries : 1) * sizeof *ak);
  size_t nak = 0;
  for (size_t i = 0; i < d->nentries; i++) {
    if (!keys[i].len) continue;
    for (uint32_t j = 0; j < keys[i].len; j++) keys[i].cps[j] = alpha_get(&al, keys[i].cps[j]);
    ak[nak++] = (ac_key){keys[i].cps, keys[i].len, (uint32_t)i};
  }
  ac_build(&d->ac, ak, nak, d->nsym);
  free(al.cp);
  free(al.sym);
  free(al.count);

  if (d->npatterns) {
    d->pat = norm_pattern_table();
    d->mctx = pcre2_match_context_create(NULL);
    pcre2_set_match_limit(d->mctx, 1000000);
  }
  return true;
}

/* scan_match: the two passes over one text.
 *
 * Words: each character is decoded and looked up in the dictionary's
 * symbol table (one load for the Basic Multilingual Plane); a letter of the
 * alphabet steps the automaton, noise is counted and skipped, a break or a
 * letter of no word returns it to the root, and so does more noise than the
 * largest gap of any list allows — so no match spans more noise than that.
 * A ring of the last SCAN_MAX_WORD letters' offsets gives where a match
 * started in the original text, and their gaps whether a list that allows
 * less noise (the rule packs allow none) takes the match.
 *
 * Patterns: the text is rewritten once into its normal form (the process's
 * pattern table, noise kept), with marks that say where each stretch of it
 * came from, and each PCRE2 pattern runs over that. */
#include <stdlib.h>
#include <string.h>

#include "cjk.h"
#include "scan_impl.h"

_Static_assert((SCAN_MAX_WORD & (SCAN_MAX_WORD - 1)) == 0, "the ring is indexed with a mask");

static void push(scan_scratch *s, uint32_t entry, size_t start, size_t end) {
  if (s->nm == s->capm) {
    s->capm = s->capm ? 2 * s->capm : 64;
    s->m = realloc(s->m, s->capm * sizeof *s->m);
    if (!s->m) abort();
  }
  s->m[s->nm++] = (raw_match){entry, start, end};
}

/* ---- words ---------------------------------------------------------------- */

#define RING(i) ((i) & (SCAN_MAX_WORD - 1))

typedef struct {
  uint32_t state, gap;
  size_t pos;                 /* letters read so far */
  size_t ring[SCAN_MAX_WORD]; /* their offsets */
  uint8_t gaps[SCAN_MAX_WORD]; /* the noise before each */
} walker;

/* Does the list of entry `id` allow the noise inside the last `len` letters? */
static bool gaps_ok(const scan_dict *d, const walker *w, uint32_t id, uint32_t len) {
  uint32_t allowed = d->lists[d->entries[id].list].gap;
  for (size_t i = w->pos - len + 1; i < w->pos; i++)
    if (w->gaps[RING(i)] > allowed) return false;
  return true;
}

/* Every key ending in state st: ring gives the start, `end` the end. */
static void report(const scan_dict *d, scan_scratch *s, const walker *w, uint32_t st, size_t end) {
  for (uint32_t u = st; u != AC_NONE; u = d->ac.suffix[u])
    for (uint32_t o = d->ac.out[u]; o != AC_NONE; o = d->ac.outs[o].next) {
      const ac_out *out = &d->ac.outs[o];
      if (!d->gaps_differ || gaps_ok(d, w, out->id, out->len)) push(s, out->id, w->ring[RING(w->pos - out->len)], end);
    }
}

/* One table entry for the unit text[start, end). */
static inline void feed(const scan_dict *d, scan_scratch *s, walker *w, uint32_t e, size_t start, size_t end) {
  if (e - 1 < d->nsym) { /* a letter of the alphabet */
    if (w->gap > d->gap) w->state = 0;
    w->gaps[RING(w->pos)] = (uint8_t)(w->gap < 255 ? w->gap : 255);
    w->gap = 0;
    w->ring[RING(w->pos++)] = start;
    w->state = ac_step(&d->ac, w->state, e);
    if (d->ac.cell[w->state].base & AC_OUT) report(d, s, w, w->state, end);
  } else if (e == CT_NOISE) {
    w->gap++;
  } else { /* 0 (a letter of no word), CT_BREAK */
    w->state = 0;
    w->gap = 0;
  }
}

void scan_match_words(const scan_dict *d, scan_scratch *s, const char *text, size_t len) {
  const unsigned char *t = (const unsigned char *)text, *p = t, *end = t + len;
  const uint32_t *bmp = d->sym.bmp;
  walker w;
  w.state = w.gap = 0;
  w.pos = 0;
  while (p < end) {
    uint32_t cp;
    size_t n = norm_decode(p, end, &cp);
    uint32_t e = cp < 0x10000 ? bmp[cp] : cp_lookup(&d->sym, cp);
    size_t at = (size_t)(p - t);
    if (e < CT_SPECIAL) {
      feed(d, s, &w, e, at, at + n);
    } else {
      if (e == CT_AMP) { /* a character reference reads as the character */
        uint32_t ref;
        size_t k = norm_entity((const char *)p, (size_t)(end - p), &ref);
        e = k ? cp_lookup(&d->sym, ref) : CT_NOISE;
        if (e == CT_AMP) e = CT_NOISE; /* &amp; is '&', not the start of another */
        if (k) n = k;
      }
      if (e >= CT_EXPAND && e < CT_NOISE) {
        const uint32_t *x = d->sym.pool + (e - CT_EXPAND);
        for (uint32_t i = 1; i <= x[0]; i++) feed(d, s, &w, x[i], at, at + n);
      } else {
        feed(d, s, &w, e, at, at + n);
      }
    }
    p += n;
  }
}

/* ---- patterns ------------------------------------------------------------------ */

size_t scan_unit_len(const char *text, size_t len, size_t off) {
  uint32_t cp;
  size_t k = text[off] == '&' ? norm_entity(text + off, len - off, &cp) : 0;
  return k ? k : norm_decode((const unsigned char *)text + off, (const unsigned char *)text + len, &cp);
}

/* Room for `more` bytes of pattern text (and a NUL). */
static void room(scan_scratch *s, size_t used, size_t more) {
  if (used + more + 1 <= s->pcap) return;
  s->pcap = 2 * (used + more + 1);
  s->ptext = realloc(s->ptext, s->pcap);
  if (!s->ptext) abort();
}

static void mark(scan_scratch *s, size_t out, size_t src, bool linear) {
  if (s->nmarks == s->capmarks) {
    s->capmarks = s->capmarks ? 2 * s->capmarks : 256;
    s->marks = realloc(s->marks, s->capmarks * sizeof *s->marks);
    if (!s->marks) abort();
  }
  s->marks[s->nmarks++] = (pmark){out, src, linear};
}

/* Appends text[from, to) unchanged at o; returns the new length. */
static size_t copy_run(scan_scratch *s, size_t o, const char *text, size_t from, size_t to) {
  if (to == from) return o;
  const pmark *m = s->nmarks ? &s->marks[s->nmarks - 1] : NULL;
  if (!m || !m->linear || m->out - m->src != o - from) mark(s, o, from, true);
  room(s, o, to - from);
  memcpy(s->ptext + o, text + from, to - from);
  return o + (to - from);
}

/* The normal form of text[0..len) into s->ptext (returns its length), with
 * marks saying where each stretch came from.  Runs of unchanged characters
 * are copied as they are; a character whose normal form has the same
 * length keeps the byte-for-byte mapping. */
static size_t pattern_text(const scan_dict *d, scan_scratch *s, const char *text, size_t len) {
  const unsigned char *t = (const unsigned char *)text, *p = t, *end = t + len;
  const cp_table *pt = d->pat;
  size_t o = 0, run = 0;
  s->nmarks = 0;
  while (p < end) {
    uint32_t cp;
    size_t n = norm_decode(p, end, &cp), at = (size_t)(p - t);
    uint32_t e = cp < 0x10000 ? pt->bmp[cp] : cp_lookup(pt, cp);
    p += n;
    if (e == 0) continue; /* unchanged: part of the run */
    o = copy_run(s, o, text, run, at);
    bool ref = false; /* a character reference: its own mark */
    if (e == CT_AMP) {
      size_t k = norm_entity(text + at, len - at, &cp);
      e = k ? cp_lookup(pt, cp) : 0;
      if (e == CT_AMP) e = 0; /* &amp; is '&' */
      if (k) p = t + at + k, ref = true;
    }
    run = (size_t)(p - t);
    if (e == CT_DROP) continue;
    char tmp[4 * NORM_MAX];
    size_t k = 0;
    if (e < CT_SPECIAL) {
      k = utf8_encode(cp ^ e, tmp);
    } else {
      const uint32_t *x = pt->pool + (e - CT_EXPAND);
      for (uint32_t i = 1; i <= x[0]; i++) k += utf8_encode(x[i], tmp + k);
    }
    if (k == n && !ref) {
      const pmark *m = s->nmarks ? &s->marks[s->nmarks - 1] : NULL;
      if (!m || !m->linear || m->out - m->src != o - at) mark(s, o, at, true);
    } else {
      mark(s, o, at, false);
    }
    room(s, o, k);
    memcpy(s->ptext + o, tmp, k);
    o += k;
  }
  o = copy_run(s, o, text, run, len);
  room(s, o, 0);
  s->ptext[o] = '\0';
  return o;
}

/* The mark that covers pattern-text byte x. */
static const pmark *mark_of(const scan_scratch *s, size_t x) {
  size_t lo = 0, hi = s->nmarks;
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (s->marks[mid].out <= x) lo = mid;
    else hi = mid;
  }
  return &s->marks[lo];
}

/* Where in the text pattern-text byte x starts, and where the character
 * holding byte x ends. */
static size_t src_start(const scan_scratch *s, size_t x) {
  const pmark *m = mark_of(s, x);
  return m->linear ? m->src + (x - m->out) : m->src;
}

static size_t src_end(const scan_scratch *s, const char *text, size_t len, size_t x) {
  const pmark *m = mark_of(s, x);
  return m->linear ? m->src + (x - m->out) + 1 : m->src + scan_unit_len(text, len, m->src);
}

void scan_match_patterns(const scan_dict *d, scan_scratch *s, const char *text, size_t len) {
  if (!d->npatterns || len == 0) return;
  size_t plen = pattern_text(d, s, text, len);
  for (size_t i = 0; i < d->npatterns; i++) {
    const scan_entry *e = &d->entries[d->patterns[i]];
    size_t off = 0;
    while (off < plen) {
      int rc = pcre2_match(e->re, (PCRE2_SPTR)s->ptext, plen, off, PCRE2_NO_UTF_CHECK, s->md, d->mctx);
      if (rc < 0) break; /* no (further) match, or the match limit: the next pattern */
      const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
      size_t ms = ov[0], me = ov[1];
      if (me > ms && scan_check_ok(e->check, s->ptext + ms, me - ms)) {
        push(s, d->patterns[i], src_start(s, ms), src_end(s, text, len, me - 1));
      }
      off = me > ms ? me : ms + 1;
      while (off < plen && ((unsigned char)s->ptext[off] & 0xC0) == 0x80) off++;
    }
  }
}

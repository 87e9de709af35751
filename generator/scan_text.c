/* scan_text: one text from raw matches to hits.  The two passes
 * (scan_match.c) give matches as byte ranges of the original text; here
 *  - an allowed phrase of a list that covers a match of the same list
 *    suppresses it (so 农业部门 does not report 农业部);
 *  - a match inside a longer match of the same list that says the same
 *    is dropped (银保监会 reports once, not also as 保监会; a valid 身份证号
 *    is not also a bank card);
 *  - what is left gets its file position (from the origin), the line around
 *    it, its hint, masking for personal data, and goes to the collector. */
#include <stdlib.h>
#include <string.h>

#include "cjk.h"
#include "scan_impl.h"

#define CONTEXT_CHARS 12

scan_scratch *scan_scratch_new(const scan_dict *d) {
  scan_scratch *s = calloc(1, sizeof *s);
  if (!s) abort();
  s->d = d;
  if (d->npatterns) s->md = pcre2_match_data_create(1, NULL);
  return s;
}

void scan_scratch_free(scan_scratch *s) {
  if (!s) return;
  free(s->m);
  free(s->ptext);
  free(s->marks);
  free(s->reach);
  pcre2_match_data_free(s->md);
  free(s);
}

/* ---- filtering ------------------------------------------------------------ */

/* By list, then start, longer first, allowed phrases before words at the
 * same place, then dictionary order. */
static int by_list_start(const void *a, const void *b, void *ctx) {
  const scan_dict *d = ctx;
  const raw_match *x = a, *y = b;
  const scan_entry *ex = &d->entries[x->entry], *ey = &d->entries[y->entry];
  if (ex->list != ey->list) return ex->list < ey->list ? -1 : 1;
  if (x->start != y->start) return x->start < y->start ? -1 : 1;
  if (x->end != y->end) return x->end > y->end ? -1 : 1;
  if ((ex->kind == SE_ALLOW) != (ey->kind == SE_ALLOW)) return ex->kind == SE_ALLOW ? -1 : 1;
  return (x->entry > y->entry) - (x->entry < y->entry);
}

static int by_start(const void *a, const void *b) {
  const raw_match *x = a, *y = b;
  if (x->start != y->start) return x->start < y->start ? -1 : 1;
  return (x->entry > y->entry) - (x->entry < y->entry);
}

/* Does match c, which contains match m (same list), already say what m
 * would?  A pattern inside a pattern (a valid 身份证号 is not also a bank
 * card); a word inside a word with the same fix (银保监会 and its 保监会).
 * Other words are reported each, as the dictionary lists them. */
static bool repeats(const scan_dict *d, const raw_match *c, const raw_match *m) {
  const scan_entry *ec = &d->entries[c->entry], *em = &d->entries[m->entry];
  if (em->kind == SE_PATTERN) return ec->kind == SE_PATTERN;
  return ec->kind == SE_WORD && ec->fix && em->fix && strcmp(ec->fix, em->fix) == 0;
}

/* Keeps the matches that are hits, in text order; returns how many. */
static size_t filter(const scan_dict *d, raw_match *m, size_t n) {
  qsort_r(m, n, sizeof *m, by_list_start, (void *)d);
  size_t kept = 0, first = 0, allow_end = 0, hit_end = 0;
  uint32_t list = UINT32_MAX;
  for (size_t i = 0; i < n; i++) {
    const scan_entry *e = &d->entries[m[i].entry];
    if (e->list != list) list = e->list, first = kept, allow_end = hit_end = 0;
    if (e->kind == SE_ALLOW) {
      if (m[i].end > allow_end) allow_end = m[i].end;
      continue;
    }
    /* every earlier match of the list starts at or before this one, so it
     * contains this one when it ends at or after it */
    if (allow_end >= m[i].end) continue;
    bool repeated = false;
    for (size_t j = kept; hit_end >= m[i].end && !repeated && j-- > first;)
      repeated = m[j].end >= m[i].end && repeats(d, &m[j], &m[i]);
    if (repeated) continue;
    if (m[i].end > hit_end) hit_end = m[i].end;
    m[kept++] = m[i];
  }
  qsort(m, kept, sizeof *m, by_start);
  return kept;
}

/* ---- positions ---------------------------------------------------------------- */

typedef struct {
  int line, col;
} tpos;

/* The position reached from p (at text offset a) at offset b. */
static tpos advance(tpos p, const char *text, size_t a, size_t b) {
  for (size_t i = a; i < b; i++) {
    if (text[i] == '\n') p.line++, p.col = 1;
    else if (((unsigned char)text[i] & 0xC0) != 0x80) p.col++;
  }
  return p;
}

static tpos span_pos(const scan_origin *o, const char *text, size_t x) {
  size_t lo = 0, hi = o->n_spans;
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (o->spans[mid].off <= x) lo = mid;
    else hi = mid;
  }
  const md_span *sp = &o->spans[lo];
  if (sp->off > x) return (tpos){sp->line, sp->col};
  return (tpos){sp->line, sp->col + (int)utf8_count(text + sp->off, x - sp->off)};
}

/* Where the origin's source file has text[start, end): the occurrence that
 * matches the count of the same bytes earlier in the text. */
static bool src_find(const scan_origin *o, const char *text, size_t start, size_t end, size_t *at) {
  size_t mlen = end - start, k = 0;
  const char *m = text + start;
  for (size_t i = 0; i < start;) { /* earlier occurrences: those starting before `start` */
    const char *q = memmem(text + i, start - i + mlen - 1, m, mlen);
    if (!q) break;
    k++;
    i = (size_t)(q - text) + 1;
  }
  size_t from = o->src_from;
  for (;; k--) {
    if (from >= o->src_len) return false;
    const char *q = memmem(o->src + from, o->src_len - from, m, mlen);
    if (!q) return false;
    if (k == 0) {
      *at = (size_t)(q - o->src);
      return true;
    }
    from = (size_t)(q - o->src) + 1;
  }
}

/* Where counting positions from the origin's line and column has got to:
 * hits come in text order, so each is counted on from the one before and
 * a text is read once, however many hits it has (counting from text[0]
 * for every hit made a large text with many hits quadratic). */
typedef struct {
  size_t off;
  tpos pos;
} cursor;

static void place(const scan_origin *o, cursor *c, const char *text, size_t start, size_t end, tpos *s, tpos *e) {
  if (o->spans && o->n_spans) {
    size_t last = end - 1;
    while (last > start && ((unsigned char)text[last] & 0xC0) == 0x80) last--;
    *s = span_pos(o, text, start);
    *e = span_pos(o, text, last);
    e->col++;
    return;
  }
  size_t at;
  if (o->src && src_find(o, text, start, end, &at)) {
    *s = advance((tpos){1, 1}, o->src, 0, at);
    *e = advance(*s, o->src, at, at + (end - start));
    return;
  }
  c->pos = advance(c->pos, text, c->off, start);
  c->off = start;
  *s = c->pos;
  *e = advance(*s, text, start, end);
}

/* ---- what a hit says ------------------------------------------------------------- */

/* Appends s[0..n) as clean UTF-8 on one line: invalid bytes become U+FFFD,
 * tabs and other control characters a space. */
static void put_clean(buf *b, const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s, *end = p + n;
  while (p < end) {
    uint32_t cp;
    size_t k = norm_decode(p, end, &cp);
    if (cp < 0x20 || cp == 0x7F) buf_putc(b, ' ');
    else if (cp == 0xFFFD && k == 1) buf_puts(b, "\xEF\xBF\xBD");
    else buf_put(b, p, k);
    p += k;
  }
}

/* A character whose normal form is an ASCII letter or digit (1, １, Ｘ). */
static bool is_alnum(uint32_t cp) {
  uint32_t out[NORM_MAX];
  if (norm_char(cp, out) != 1) return false;
  cp = out[0];
  return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z');
}

/* The character at p (a reference read as its character); its length. */
static size_t unit_at(const unsigned char *p, const unsigned char *end, uint32_t *cp) {
  size_t k = *p == '&' ? norm_entity((const char *)p, (size_t)(end - p), cp) : 0;
  return k ? k : norm_decode(p, end, cp);
}

/* Personal data as 138****5678: the first three and last four letters or
 * digits shown (of any width, or written as references), separators kept. */
static void put_masked(buf *b, const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s, *end = p + n;
  size_t total = 0, seen = 0;
  for (const unsigned char *q = p; q < end;) {
    uint32_t cp;
    q += unit_at(q, end, &cp);
    total += is_alnum(cp);
  }
  size_t head = total > 7 ? 3 : 1, tail = total > 7 ? 4 : 1;
  while (p < end) {
    uint32_t cp;
    size_t k = unit_at(p, end, &cp);
    if (is_alnum(cp) && !(++seen <= head || seen > total - tail)) buf_putc(b, '*');
    else put_clean(b, (const char *)p, k);
    p += k;
  }
}

static void put_match(buf *b, const scan_entry *e, const char *s, size_t n) {
  if (e->mask) put_masked(b, s, n);
  else put_clean(b, s, n);
}

/* reach[i]: the furthest end of the masked matches among kept[0..i], so
 * that put_context looks only at the kept matches near its window, not at
 * all of them for every hit (which made a text with many hits quadratic). */
static const size_t *masked_reach(const scan_dict *d, scan_scratch *s, const raw_match *kept, size_t n) {
  if (n > s->capreach) {
    s->capreach = 2 * n;
    s->reach = realloc(s->reach, s->capreach * sizeof *s->reach);
    if (!s->reach) abort();
  }
  for (size_t i = 0, r = 0; i < n; i++) {
    if (d->entries[kept[i].entry].mask && kept[i].end > r) r = kept[i].end;
    s->reach[i] = r;
  }
  return s->reach;
}

/* The first of kept[0..i) that may end after x: none before it does.
 * reach never falls, so a binary search: the number of matches whose
 * reach passes x is unbounded (a window full of masked matches), the
 * steps are not. */
static size_t first_after(const size_t *reach, size_t i, size_t x) {
  size_t lo = 0, hi = i; /* reach[..lo) <= x; reach[hi..i) > x */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (reach[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/* The line around kept[hit], at most CONTEXT_CHARS characters each side, "…"
 * where it is cut.  Personal data anywhere in it (any kept match of a
 * masked pattern, this one or a neighbour) is masked, and never cut in two
 * by the window.  kept is in text order, so the matches that reach into
 * the window are those from first_after up to the first starting past it. */
static void put_context(buf *b, const scan_dict *d, const raw_match *kept, const size_t *reach, size_t nkept,
                        size_t hit, const char *text, size_t len) {
  size_t a = kept[hit].start;
  for (int n = 0; a > 0 && text[a - 1] != '\n' && n < CONTEXT_CHARS; n++) {
    a--;
    while (a > 0 && ((unsigned char)text[a] & 0xC0) == 0x80) a--;
  }
  size_t z = kept[hit].end;
  for (int n = 0; z < len && text[z] != '\n' && n < CONTEXT_CHARS; n++) {
    uint32_t cp;
    z += norm_decode((const unsigned char *)text + z, (const unsigned char *)text + len, &cp);
  }
  for (size_t i = first_after(reach, hit, a); i < nkept && kept[i].start < z; i++)
    if (d->entries[kept[i].entry].mask) {
      if (kept[i].start < a && kept[i].end > a) a = kept[i].start;
      if (kept[i].end > z) z = kept[i].end;
    }
  if (a > 0 && text[a - 1] != '\n') buf_puts(b, "…");
  size_t at = a;
  for (size_t i = first_after(reach, hit, a); i < nkept && kept[i].start < z; i++) {
    const raw_match *k = &kept[i];
    if (!d->entries[k->entry].mask || k->end <= at) continue;
    if (k->start > at) put_clean(b, text + at, k->start - at);
    size_t from = k->start > at ? k->start : at;
    put_masked(b, text + from, k->end - from);
    at = k->end;
  }
  if (z > at) put_clean(b, text + at, z - at);
  if (z < len && text[z] != '\n') buf_puts(b, "…");
}

static const char *hint_of(const scan_dict *d, const scan_entry *e, buf *b) {
  if (e->fix && e->hint) buf_printf(b, "应为“%s”；%s", e->fix, e->hint);
  else if (e->fix) buf_printf(b, "应为“%s”", e->fix);
  else if (e->hint) buf_puts(b, e->hint);
  else
    buf_printf(b, "rewrite or remove it; if this use is harmless, add the longer phrase around it to allow: in %s",
               d->lists[e->list].file);
  return buf_cstr(b);
}

size_t scan_text(const scan_dict *d, scan_scratch *s, const char *text, size_t len, const scan_origin *o,
                 scan_hits *out) {
  s->nm = 0;
  scan_match_words(d, s, text, len);
  scan_match_patterns(d, s, text, len);
  if (!s->nm) return 0;
  size_t n = filter(d, s->m, s->nm);
  buf term = BUF_INIT, matched = BUF_INIT, ctx = BUF_INIT, hint = BUF_INIT;
  cursor c = {0, {o->line, o->col}};
  const size_t *reach = masked_reach(d, s, s->m, n);
  for (size_t i = 0; i < n; i++) {
    const raw_match *m = &s->m[i];
    const scan_entry *e = &d->entries[m->entry];
    tpos sp, ep;
    place(o, &c, text, m->start, m->end, &sp, &ep);
    buf_clear(&matched);
    buf_clear(&ctx);
    buf_clear(&hint);
    buf_clear(&term);
    put_match(&matched, e, text + m->start, m->end - m->start);
    put_context(&ctx, d, s->m, reach, n, i, text, len);
    if (e->kind == SE_WORD) buf_puts(&term, e->text);
    else if (e->name) buf_puts(&term, e->name);
    else buf_puts(&term, buf_cstr(&matched));
    scan_hit h = {.path = o->path, .field = o->field, .line = sp.line, .col = sp.col,
                  .end_line = ep.line, .end_col = ep.col, .severity = e->severity, .list = e->list,
                  .entry_file = e->file, .entry_line = e->line, .term = buf_cstr(&term), .matched = buf_cstr(&matched),
                  .context = buf_cstr(&ctx), .hint = hint_of(d, e, &hint), .fix = e->fix};
    scan_hits_add(out, &h);
  }
  buf_free(&term);
  buf_free(&matched);
  buf_free(&ctx);
  buf_free(&hint);
  return n;
}

/* yamlx_simple: see yamlx_simple.h.
 *
 * Why: libyaml costs about 60k instructions a front matter (its input
 * buffer is decoded and checked character by character, every token and
 * scalar is malloc'd and freed, and each parser mallocs 64 KB of buffers),
 * 6 % of a whole build.  Front matter is nearly always a column of
 * `key: value` lines; this reads exactly that and nothing more, giving the
 * tree (strings, line, column, plain) that yamlx's libyaml path gives for
 * the same text.  Anything it does not know — comments, anchors, tags,
 * block scalars, nested maps, escapes, multi-line scalars, a duplicate key,
 * characters libyaml treats specially — sends the text to libyaml, which
 * also reports every error.  tests/unit/test_yamlx.c compares the two
 * paths on every shape this accepts and on the sample and bench sites.
 *
 * The subset, line by line (LF only; no tab; blank lines skipped):
 *   key: VALUE        key = [A-Za-z_][A-Za-z0-9_-]* at column 1
 *   key:              then one or more `- VALUE` lines, all at one indent
 *   VALUE = "text" (no " or \) | 'text' (no ') | [ITEM, ITEM] | []
 *         | plain text (no leading indicator but the - of a negative
 *           number, no ": ", " #", trailing ':' or trailing blank)
 *   ITEM  = "text" | plain text without , [ ] { } : # ' " */
#include "yamlx_simple.h"

#include <stdbool.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "cjk.h"
#include "diag.h"

#define YX_SIMPLE_MAX_KEY 128 /* libyaml refuses simple keys over 1024 characters */

typedef struct {
  arena *a;
  int line_offset;
  int line;           /* 1-based line of the text being read */
  const char *bol;    /* its first byte */
  diag_col_memo cols;
} reader;

/* Column (1-based, in code points, as libyaml counts) of p on the current line. */
static int col_of(reader *r, const char *p) { return diag_col_next(&r->cols, r->bol, p); }

static yx_node *node(reader *r, yx_kind k, const char *at) {
  yx_node *n = arena_calloc(r->a, 1, sizeof *n);
  n->kind = k;
  n->line = r->line + r->line_offset;
  n->col = col_of(r, at);
  return n;
}

static yx_node *scalar(reader *r, const char *at, const char *s, size_t len, bool plain) {
  yx_node *n = node(r, YX_SCALAR, at);
  n->str = arena_strndup(r->a, s, len);
  n->len = len;
  n->plain = plain;
  return n;
}

static void push(arena *a, yx_node ***items, size_t n, yx_node *item) {
  size_t room = yx_room_for_next(n);
  if (room) *items = arena_grow(a, *items, n, room, sizeof(yx_node *));
  (*items)[n] = item;
}

/* False when the byte at p starts something libyaml reads differently
 * from its bytes: a control character other than LF, one of the line
 * breaks NEL, LS and PS, a C1 control, a byte order mark or one of the
 * non-characters U+FFFE and U+FFFF. */
static bool plain_at(const unsigned char *p, const unsigned char *end) {
  unsigned c = *p;
  if ((c < 0x20 && c != '\n') || c == 0x7F) return false;
  if (c == 0xC2 && p + 1 < end && p[1] < 0xA0) return false;                      /* U+0080..U+009F */
  if (c == 0xE2 && p + 2 < end && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) return false;
  if (c == 0xEF && p + 2 < end && ((p[1] == 0xBB && p[2] == 0xBF) || (p[1] == 0xBF && p[2] >= 0xBE)))
    return false;
  return true;
}

/* True when nothing in text would make libyaml read it differently from
 * its bytes (plain_at) and it is valid UTF-8.  SSE2: only the bytes that
 * can start such a thing (controls, DEL, C2, E2, EF) are looked at. */
static bool plain_text(const char *text, size_t len) {
  const unsigned char *p = (const unsigned char *)text, *end = p + len;
#ifdef __SSE2__
  const __m128i ctl = _mm_set1_epi8(0x1F), lf = _mm_set1_epi8('\n'), del = _mm_set1_epi8(0x7F),
                c2 = _mm_set1_epi8((char)0xC2), e2 = _mm_set1_epi8((char)0xE2), ef = _mm_set1_epi8((char)0xEF);
  for (; end - p >= 16; p += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i m = _mm_andnot_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(_mm_min_epu8(v, ctl), v));
    m = _mm_or_si128(_mm_or_si128(m, _mm_cmpeq_epi8(v, del)),
                     _mm_or_si128(_mm_cmpeq_epi8(v, c2), _mm_or_si128(_mm_cmpeq_epi8(v, e2), _mm_cmpeq_epi8(v, ef))));
    for (unsigned bits = (unsigned)_mm_movemask_epi8(m); bits; bits &= bits - 1)
      if (!plain_at(p + __builtin_ctz(bits), end)) return false;
  }
#endif
  for (; p < end; p++)
    if (!plain_at(p, end)) return false;
  return utf8_valid(text, len, NULL);
}

static bool key_char(char c, bool first) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         (!first && ((c >= '0' && c <= '9') || c == '-'));
}

/* A quoted scalar filling s[0..e) exactly, or NULL. */
static yx_node *quoted(reader *r, const char *s, const char *e) {
  if (e - s < 2 || (*s != '"' && *s != '\'') || e[-1] != *s) return NULL;
  const char *body = s + 1;
  size_t n = (size_t)(e - 1 - body);
  if (memchr(body, *s, n) || (*s == '"' && memchr(body, '\\', n))) return NULL;
  return scalar(r, s, body, n, false);
}

/* A plain scalar filling s[0..e) exactly, or NULL; `flow`: inside [ ]. */
static yx_node *plain(reader *r, const char *s, const char *e, bool flow) {
  if (s == e || e[-1] == ' ' || e[-1] == ':') return NULL;
  if (strchr("-?:,[]{}#&*!|>'\"%@` ", *s) && !(*s == '-' && e - s > 1 && s[1] >= '0' && s[1] <= '9'))
    return NULL; /* an indicator; -3 is a number */
  for (const char *p = s; p < e; p++) {
    if (*p == ':' && (p + 1 == e || p[1] == ' ')) return NULL;
    if (*p == '#' && p[-1] == ' ') return NULL;
    if (flow && strchr(",[]{}:#'\"", *p)) return NULL;
  }
  return scalar(r, s, s, (size_t)(e - s), true);
}

/* [ITEM, ITEM] or [] filling s[0..e), or NULL. */
static yx_node *flow_seq(reader *r, const char *s, const char *e) {
  if (e - s < 2 || *s != '[' || e[-1] != ']') return NULL;
  yx_node *seq = node(r, YX_SEQ, s);
  const char *p = s + 1, *end = e - 1;
  while (p < end) {
    const char *comma = memchr(p, ',', (size_t)(end - p));
    const char *item_end = comma ? comma : end;
    yx_node *it = *p == '"' ? quoted(r, p, item_end) : plain(r, p, item_end, true);
    if (!it) return NULL;
    push(r->a, &seq->items, seq->n++, it);
    if (!comma) break;
    if (comma + 2 > end || comma[1] != ' ') return NULL;
    p = comma + 2;
  }
  return seq;
}

static yx_node *value(reader *r, const char *s, const char *e) {
  if (*s == '"' || *s == '\'') return quoted(r, s, e);
  if (*s == '[') return flow_seq(r, s, e);
  return plain(r, s, e, false);
}

yx_node *yamlx_simple(arena *a, const char *text, size_t len, int line_offset) {
  if (!len || !plain_text(text, len)) return NULL;
  reader r = {.a = a, .line_offset = line_offset, .line = 0, .bol = text};
  const char *end = text + len;
  yx_node *map = NULL, *seq = NULL; /* seq: the block list being read */
  int seq_indent = -1;
  for (const char *p = text; p < end;) {
    r.line++;
    r.bol = p;
    const char *nl = memchr(p, '\n', (size_t)(end - p)), *eol = nl ? nl : end;
    p = nl ? nl + 1 : end;
    if (eol == r.bol) continue;
    const char *s = r.bol;
    while (s < eol && *s == ' ') s++;
    if (s == eol) return NULL; /* a line of blanks */
    if (*s == '-') { /* an item of the block list after `key:` */
      if (!seq || s + 2 > eol || s[1] != ' ' || (seq_indent >= 0 && s - r.bol != seq_indent)) return NULL;
      if (seq_indent < 0) {
        seq_indent = (int)(s - r.bol);
        seq->line = r.line + line_offset;
        seq->col = col_of(&r, s);
      }
      const char *v = s + 2;
      yx_node *it = v < eol && *v != ' ' ? value(&r, v, eol) : NULL;
      if (!it || it->kind != YX_SCALAR) return NULL;
      push(a, &seq->items, seq->n++, it);
      continue;
    }
    if (s != r.bol || (seq && !seq->n)) return NULL; /* indented, or `key:` without items */
    seq = NULL;
    seq_indent = -1;
    const char *k = s;
    while (k < eol && key_char(*k, k == s)) k++;
    if (k == s || k == eol || *k != ':' || k - s > YX_SIMPLE_MAX_KEY) return NULL;
    if (!map) map = node(&r, YX_MAP, s);
    if (map->n >= YX_MAX_KEYS) return NULL; /* libyaml's path reports it */
    for (size_t i = 0; i < map->n; i++)
      if (map->keys[i]->len == (size_t)(k - s) && memcmp(map->keys[i]->str, s, (size_t)(k - s)) == 0)
        return NULL; /* a duplicate: libyaml's path reports it */
    yx_node *key = scalar(&r, s, s, (size_t)(k - s), true), *val;
    if (k + 1 == eol) {
      val = seq = node(&r, YX_SEQ, k); /* placed at its first item */
    } else {
      const char *v = k + 1;
      while (v < eol && *v == ' ') v++;
      if (v == k + 1 || v == eol || !(val = value(&r, v, eol))) return NULL;
    }
    push(a, &map->keys, map->n, key);
    push(a, &map->vals, map->n++, val);
  }
  return map && !(seq && !seq->n) ? map : NULL;
}

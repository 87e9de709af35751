/* cjk: see cjk.h.  Character classes are range tables kept to what a
 * Chinese government portal writes (Han, kana, Hangul, CJK and fullwidth
 * punctuation, Latin); nothing here depends on the C locale. */
#include "cjk.h"

#include <limits.h>

#include "buf.h"

/* ---- UTF-8 ---- */

size_t utf8_decode(const char *s, size_t n, uint32_t *cp) {
  const unsigned char *u = (const unsigned char *)s;
  *cp = 0xFFFD;
  if (n == 0) return 0;
  if (u[0] < 0x80) {
    *cp = u[0];
    return 1;
  }
  size_t len;
  uint32_t v, min;
  if (u[0] >= 0xC2 && u[0] <= 0xDF) len = 2, v = u[0] & 0x1F, min = 0x80;
  else if (u[0] >= 0xE0 && u[0] <= 0xEF) len = 3, v = u[0] & 0x0F, min = 0x800;
  else if (u[0] >= 0xF0 && u[0] <= 0xF4) len = 4, v = u[0] & 0x07, min = 0x10000;
  else return 0; /* continuation byte, C0/C1 (always overlong), F5-FF */
  if (n < len) return 0;
  for (size_t i = 1; i < len; i++) {
    if ((u[i] & 0xC0) != 0x80) return 0;
    v = (v << 6) | (u[i] & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  *cp = v;
  return len;
}

size_t utf8_encode(uint32_t cp, char out[4]) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

bool utf8_valid(const char *s, size_t len, size_t *bad_offset) {
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    size_t k = utf8_decode(s + i, len - i, &cp);
    if (k == 0) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    i += k;
  }
  return true;
}

size_t utf8_count(const char *s, size_t len) {
  size_t count = 0;
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i < len; count++) {
    if (u[i] < 0x80) { /* ASCII */
      i++;
      continue;
    }
    /* Three-byte sequences whose lead byte needs no range check beyond the
     * continuation bytes (E1..EC, EE, EF: no overlongs, no surrogates). */
    if (u[i] >= 0xE1 && u[i] <= 0xEF && u[i] != 0xED && i + 2 < len && (u[i + 1] & 0xC0) == 0x80 &&
        (u[i + 2] & 0xC0) == 0x80) {
      i += 3;
      continue;
    }
    uint32_t cp;
    size_t k = utf8_decode(s + i, len - i, &cp);
    i += k ? k : 1;
  }
  return count;
}

/* ---- character classes ---- */

typedef struct { uint32_t lo, hi; } range;

static bool in_ranges(uint32_t cp, const range *r, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (cp >= r[i].lo && cp <= r[i].hi) return true;
  return false;
}
#define IN(cp, table) in_ranges(cp, table, sizeof table / sizeof table[0])

static const range letters[] = {
    {0x1100, 0x11FF},   /* Hangul jamo */
    {0x3005, 0x3007},   /* 々〆〇 */
    {0x3041, 0x3096},   /* hiragana */
    {0x309D, 0x309F},
    {0x30A1, 0x30FA},   /* katakana */
    {0x30FC, 0x30FF},
    {0x3105, 0x312F},   /* bopomofo */
    {0x3131, 0x318E},   /* Hangul compatibility jamo */
    {0x31A0, 0x31BF},
    {0x31F0, 0x31FF},
    {0x3400, 0x4DBF},   /* CJK extension A */
    {0x4E00, 0x9FFF},   /* CJK unified ideographs */
    {0xAC00, 0xD7A3},   /* Hangul syllables */
    {0xF900, 0xFAFF},   /* CJK compatibility ideographs */
    {0xFF66, 0xFF9F},   /* halfwidth katakana */
    {0x20000, 0x323AF}, /* CJK extensions B-H, compatibility supplement */
};

bool cjk_is_letter(uint32_t cp) {
  return cp >= 0x1100 && IN(cp, letters);
}

static const range wide[] = {
    {0x2E80, 0x303E},   /* radicals, ideographic description, CJK punctuation */
    {0x3041, 0x312F},   /* kana, bopomofo */
    {0x3190, 0x33FF},   /* kanbun, strokes, enclosed CJK, compatibility */
    {0x3400, 0x4DBF},
    {0x4E00, 0x9FFF},
    {0xA000, 0xA4CF},   /* Yi */
    {0xF900, 0xFAFF},
    {0xFE10, 0xFE19},   /* vertical forms */
    {0xFE30, 0xFE6F},   /* CJK compatibility and small forms */
    {0xFF00, 0xFF60},   /* fullwidth forms */
    {0xFF61, 0xFF9F},   /* halfwidth CJK punctuation and katakana */
    {0xFFE0, 0xFFE6},   /* fullwidth signs */
    {0x20000, 0x3FFFD},
};

bool cjk_is_wide(uint32_t cp) {
  return cp >= 0x2E80 && IN(cp, wide);
}

static const range punct[] = {
    {0x21, 0x2F}, {0x3A, 0x40}, {0x5B, 0x60}, {0x7B, 0x7E},
    {0xA0, 0xA9}, {0xAB, 0xB1}, {0xB4, 0xB4}, {0xB6, 0xB8}, {0xBB, 0xBB}, {0xBF, 0xBF},
    {0xD7, 0xD7}, {0xF7, 0xF7},
    {0x2000, 0x206F},   /* general punctuation, spaces, zero-width characters */
    {0x20A0, 0x20CF},   /* currency */
    {0x2190, 0x245F},   /* arrows, mathematical operators, technical */
    {0x2500, 0x2775},   /* box drawing, shapes, miscellaneous symbols */
    {0x2794, 0x2BFF},   /* dingbats, supplemental arrows and symbols */
    {0x2E00, 0x2E7F},   /* supplemental punctuation */
    {0x3000, 0x3004}, {0x3008, 0x3020}, {0x3030, 0x3030}, {0x303D, 0x303F},
    {0x30FB, 0x30FB},   /* katakana middle dot */
    {0xFE00, 0xFE1F},   /* variation selectors, vertical forms */
    {0xFE30, 0xFE6F},
    {0xFEFF, 0xFEFF},   /* byte order mark */
    {0xFF01, 0xFF0F}, {0xFF1A, 0xFF20}, {0xFF3B, 0xFF40}, {0xFF5B, 0xFF65},
    {0xFFE0, 0xFFEE},
    {0x1F000, 0x1FAFF}, /* emoji and pictographs */
};

bool cjk_is_punct(uint32_t cp) {
  return IN(cp, punct);
}

/* Whitespace a reader sees as a gap: ASCII whitespace and the Unicode
 * spaces (no-break, ideographic, the U+2000 series, line separators). */
static bool is_space(uint32_t cp) {
  return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0xA0 || cp == 0x3000 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F;
}

/* ---- measures ---- */

void cjk_count(const char *text, size_t len, size_t *cjk_chars, size_t *latin_words) {
  size_t chars = 0, words = 0;
  bool word_counts = false; /* the current run has a letter or digit */
  const unsigned char *u = (const unsigned char *)text;
  for (size_t i = 0; i < len;) {
    /* Fast path for the bulk of Chinese text: U+4E00..U+9FFF (E4 B8 80 ..
     * E9 BF BF) are CJK letters and wide, so they count and end a word. */
    if (u[i] >= 0xE4 && u[i] <= 0xE9 && i + 2 < len && (u[i] > 0xE4 || u[i + 1] >= 0xB8) &&
        (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80) {
      chars++;
      words += word_counts;
      word_counts = false;
      i += 3;
      continue;
    }
    uint32_t cp;
    size_t k = utf8_decode(text + i, len - i, &cp);
    i += k ? k : 1;
    if (!k) continue; /* an invalid byte neither splits nor makes a word */
    if (cjk_is_letter(cp)) chars++;
    if (is_space(cp) || cjk_is_wide(cp)) {
      words += word_counts;
      word_counts = false;
    } else if (cp < 0x80 ? ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') || (cp >= '0' && cp <= '9')
                         : !cjk_is_punct(cp)) {
      word_counts = true;
    }
  }
  words += word_counts;
  if (cjk_chars) *cjk_chars = chars;
  if (latin_words) *latin_words = words;
}

int cjk_reading_minutes(size_t cjk_chars, size_t latin_words) {
  /* In units of 1/400 minute: a CJK character is 1, a Latin word 2. */
  size_t units = cjk_chars + 2 * latin_words;
  size_t minutes = (units + 399) / 400;
  return minutes < 1 ? 1 : minutes > INT_MAX ? INT_MAX : (int)minutes;
}

/* A character that ends a sentence wherever it stands. */
static bool ends_sentence_cjk(uint32_t cp) {
  return cp == 0x3002 /* 。 */ || cp == 0xFF01 /* ！ */ || cp == 0xFF1F /* ？ */ ||
         cp == 0xFF1B /* ； */ || cp == 0xFF61 /* ｡ */;
}

/* A character that may close a sentence after its end mark. */
static bool closes_quote(uint32_t cp) {
  return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x2019 || cp == 0x201D ||
         cp == 0x300B || cp == 0x300D || cp == 0x300F || cp == 0x3011 || cp == 0x3009 ||
         cp == 0xFF09;
}

/* The normalised text: whitespace collapsed, invalid bytes dropped, with the
 * byte offset where each kept code point starts (at most `limit` of them). */
typedef struct {
  buf out;
  size_t *starts; /* starts[i]: byte offset of code point i in out */
  uint32_t *cps;
  size_t n;
} norm_text;

static void norm_put(norm_text *t, uint32_t cp) {
  char enc[4];
  t->starts[t->n] = t->out.len;
  t->cps[t->n++] = cp;
  buf_put(&t->out, enc, utf8_encode(cp, enc));
}

static void normalise(norm_text *t, const char *text, size_t len, size_t limit) {
  bool gap = false;
  for (size_t i = 0; i < len && t->n < limit;) {
    uint32_t cp;
    size_t k = utf8_decode(text + i, len - i, &cp);
    i += k ? k : 1;
    if (!k) continue;
    if (is_space(cp)) {
      gap = t->n > 0;
      continue;
    }
    if (gap && !(cjk_is_wide(t->cps[t->n - 1]) && cjk_is_wide(cp))) {
      norm_put(t, ' ');
      if (t->n == limit) break;
    }
    gap = false;
    norm_put(t, cp);
  }
}

char *cjk_summary(arena *a, const char *text, size_t len, size_t max_chars) {
  if (max_chars == 0) return arena_strdup(a, "");
  /* Two characters beyond the window say whether the text is longer and
   * what follows a '.' at the window's edge. */
  size_t limit = max_chars + 2;
  norm_text t = {BUF_INIT, arena_alloc(a, limit * sizeof(size_t)),
                 arena_alloc(a, limit * sizeof(uint32_t)), 0};
  normalise(&t, text, len, limit);
  char *res;
  if (t.n <= max_chars) {
    res = arena_strndup(a, buf_cstr(&t.out), t.out.len);
    buf_free(&t.out);
    return res;
  }
  size_t keep = 0; /* characters kept when ending at a sentence */
  for (size_t i = max_chars; i-- > max_chars - max_chars / 3;) {
    uint32_t cp = t.cps[i], next = t.cps[i + 1];
    bool end = ends_sentence_cjk(cp) ||
               ((cp == '.' || cp == '!' || cp == '?') && (next == ' ' || closes_quote(next)));
    if (!end) continue;
    keep = i + 1;
    while (keep < max_chars && closes_quote(t.cps[keep])) keep++;
    break;
  }
  if (keep) {
    res = arena_strndup(a, t.out.data, t.starts[keep]);
  } else {
    size_t n = max_chars - 1;
    while (n > 0 && t.cps[n - 1] == ' ') n--;
    res = arena_printf(a, "%.*s…", (int)t.starts[n], t.out.data);
  }
  buf_free(&t.out);
  return res;
}

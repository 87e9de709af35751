/* cjk: see cjk.h.  Character classes are range tables kept to what a
 * Chinese government portal writes (Han, kana, Hangul, CJK and fullwidth
 * punctuation, Latin); nothing here depends on the C locale.
 *
 * Speed: the measures run over every page's whole text, so the loops decode
 * ASCII and three-byte sequences (all of Chinese text) inline, and the
 * classes of the Basic Multilingual Plane are looked up in a table of one
 * byte per code point, filled from the range tables on first use.  The
 * validation and the counts take 32 bytes a step with AVX2 where the
 * processor has it, and fall back on the exact character-by-character
 * walks for every block that is not plain (docs/performance.md). */
#include "cjk.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
/* The whole-text passes' AVX2 versions, taken when the processor has it
 * (x86-64-v3 and later: every machine here) and GOVPUB_SIMD is not 0;
 * otherwise the exact character-by-character paths they fall back on run
 * (tests/run.sh runs test_cjk both ways). */
#define CJK_AVX2 __attribute__((target("avx2,popcnt")))
static pthread_once_t avx2_once = PTHREAD_ONCE_INIT;
static bool avx2_usable;
static void detect_avx2(void) {
  const char *simd = getenv("GOVPUB_SIMD");
  avx2_usable = !(simd && strcmp(simd, "0") == 0) && __builtin_cpu_supports("avx2") &&
                __builtin_cpu_supports("popcnt");
}
static bool have_avx2(void) {
  pthread_once(&avx2_once, detect_avx2);
  return avx2_usable;
}
#endif

/* ---- UTF-8 ---- */

size_t utf8_decode_other(const char *s, size_t n, uint32_t *cp) {
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

/* Three-byte sequences, all of Chinese text, are recognised inline by the
 * loops below.  A lead byte E1..EC or EE..EF followed by two continuation
 * bytes is always valid (E0 can be overlong and ED a surrogate). */
static inline bool plain3(const unsigned char *p, const unsigned char *end) {
  return end - p >= 3 && p[0] - 0xE1u < 0x0F && p[0] != 0xED &&
         ((p[1] ^ 0x80u) | (p[2] ^ 0x80u)) < 0x40;
}

/* Two sequences shaped 1110xxxx 10xxxxxx 10xxxxxx at p, checked with one
 * eight-byte load (the masks are byte arrays, so byte order does not
 * matter). */
static inline bool shaped3x2(const unsigned char *p, const unsigned char *end) {
  static const unsigned char mask[8] = {0xF0, 0xC0, 0xC0, 0xF0, 0xC0, 0xC0, 0, 0};
  static const unsigned char want[8] = {0xE0, 0x80, 0x80, 0xE0, 0x80, 0x80, 0, 0};
  uint64_t w, m, v;
  if (end - p < 8) return false;
  memcpy(&w, p, 8);
  memcpy(&m, mask, 8);
  memcpy(&v, want, 8);
  return (w & m) == v;
}

/* Two plain three-byte sequences at p: their lead bytes' low nibbles are
 * neither 0 (E0) nor D (ED), the bits set in 0x2001. */
static inline bool plain3x2(const unsigned char *p, const unsigned char *end) {
  return shaped3x2(p, end) && !((0x2001u >> (p[0] & 0x0F) | 0x2001u >> (p[3] & 0x0F)) & 1);
}

/* U+4E00..U+9FFF (E4 B8 80 .. E9 BF BF), the bulk of Chinese text: the
 * first two bytes lie between E4 B8 and E9 BF, the last two are
 * continuation bytes. */
static inline bool in_unified_han(const unsigned char *p) {
  return ((unsigned)p[0] << 8 | p[1]) - 0xE4B8u <= 0xE9BFu - 0xE4B8u;
}

static inline bool unified_han_x2(const unsigned char *p, const unsigned char *end) {
  return shaped3x2(p, end) && in_unified_han(p) && in_unified_han(p + 3);
}

static inline uint32_t value3(const unsigned char *p) {
  return (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3Fu);
}

/* utf8_decode for p[0..end) (p < end). */
static inline size_t decode_fast(const unsigned char *p, const unsigned char *end, uint32_t *cp) {
  return utf8_decode((const char *)p, (size_t)(end - p), cp);
}

/* True when the eight bytes at p are ASCII. */
static inline bool ascii8(const unsigned char *p) {
  uint64_t w;
  memcpy(&w, p, 8);
  return (w & 0x8080808080808080u) == 0;
}

/* Checks whole sequences from p on until one ends at or past `until`;
 * returns where it stopped: before `until` at the first invalid sequence
 * (or, when `plain`, a control character: utf8_scan).  The exact path: utf8_scan_avx2 finds
 * runs 32 bytes at a time and comes here for the rest. */
static const unsigned char *valid_run(const unsigned char *p, const unsigned char *until, const unsigned char *end,
                                      bool plain) {
  while (p < until) {
    if (p[0] < 0x80) {
      if (plain && ((p[0] < 0x20 && p[0] != '\t' && p[0] != '\n') || p[0] == 0x7F)) break;
      p++;
      continue;
    }
    uint32_t cp;
    size_t k = decode_fast(p, end, &cp);
    if (!k || (plain && cp <= 0x9F)) break; /* C1 controls: U+0080..U+009F */
    p += k;
  }
  return p;
}

#ifdef CJK_AVX2
/* The lead byte of the sequence whose continuation bytes p starts with
 * (the blocks before p were checked: it is one or two bytes back). */
static const unsigned char *lead_before(const unsigned char *p) {
  do p--;
  while ((*p & 0xC0) == 0x80);
  return p;
}

/* utf8_scan with AVX2, 32 bytes a step: a block is taken when it is ASCII
 * (NUL and CR aside) or when every byte is a continuation byte exactly
 * where a lead byte (two or three bytes long) or the previous block's last
 * sequence needs one, bit masks for bit masks; the leads that need their
 * next byte looked at (C0 C1 E0 ED, four-byte ones) and every block that
 * does not fit go through valid_run, from the start of the sequence the
 * block began inside, which also finds the exact offset. */
CJK_AVX2 static size_t utf8_scan_avx2(const char *s, size_t len, bool plain) {
  const unsigned char *p = (const unsigned char *)s, *end = p + len;
  __m256i k_c0 = _mm256_set1_epi8((char)0xC0), k_e0 = _mm256_set1_epi8((char)0xE0),
          k_f0 = _mm256_set1_epi8((char)0xF0), k_fe = _mm256_set1_epi8((char)0xFE),
          k_ed = _mm256_set1_epi8((char)0xED), k_1f = _mm256_set1_epi8(0x1F), k_lf = _mm256_set1_epi8('\n'),
          k_tab = _mm256_set1_epi8('\t'), k_7f = _mm256_set1_epi8(0x7F), k_c2 = _mm256_set1_epi8((char)0xC2);
  /* made once, kept in registers: GCC otherwise builds each anew in every
   * step (a third of the loop's instructions) */
  __asm__("" : "+x"(k_c0), "+x"(k_e0), "+x"(k_f0), "+x"(k_fe), "+x"(k_ed), "+x"(k_1f), "+x"(k_lf), "+x"(k_tab),
          "+x"(k_7f), "+x"(k_c2));
  uint64_t carry = 0; /* bytes of the next block that must be continuation bytes */
  while (end - p >= 32) {
    __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)p);
    uint32_t high = (uint32_t)_mm256_movemask_epi8(v);
    uint32_t odd = 0;
    if (plain) { /* C0 controls but tab and LF, DEL, and the lead C2 of the C1 controls (and of Latin-1) */
      __m256i ctl = _mm256_cmpeq_epi8(_mm256_min_epu8(v, k_1f), v);
      ctl = _mm256_andnot_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v, k_lf), _mm256_cmpeq_epi8(v, k_tab)), ctl);
      ctl = _mm256_or_si256(ctl, _mm256_or_si256(_mm256_cmpeq_epi8(v, k_7f), _mm256_cmpeq_epi8(v, k_c2)));
      odd = (uint32_t)_mm256_movemask_epi8(ctl);
    }
    if (!(high | carry | odd)) {
      p += 32;
      continue;
    }
    uint32_t cont = (uint32_t)_mm256_movemask_epi8(_mm256_cmpgt_epi8(k_c0, v)); /* 80..BF */
    __m256i top = _mm256_and_si256(v, k_f0);
    uint32_t lead3 = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(top, k_e0)); /* E0..EF */
    __m256i rare = _mm256_or_si256(_mm256_cmpeq_epi8(_mm256_and_si256(v, k_fe), k_c0), _mm256_cmpeq_epi8(top, k_f0));
    rare = _mm256_or_si256(rare, _mm256_or_si256(_mm256_cmpeq_epi8(v, k_e0), _mm256_cmpeq_epi8(v, k_ed)));
    odd |= (uint32_t)_mm256_movemask_epi8(rare);
    /* the other leads: C2..DF (F0..FF being rare) */
    uint64_t must = carry | (uint64_t)(high & ~cont) << 1 | (uint64_t)lead3 << 2;
    if (!odd && (uint32_t)must == cont) {
      carry = must >> 32;
      p += 32;
      continue;
    }
    const unsigned char *until = p + 32;
    if (carry) p = lead_before(p);
    carry = 0;
    if ((p = valid_run(p, until, end, plain)) < until) return (size_t)(p - (const unsigned char *)s);
  }
  if (carry) p = lead_before(p);
  return (size_t)(valid_run(p, end, end, plain) - (const unsigned char *)s);
}
#endif

/* The offset of the first byte of s[0..len) that is not valid UTF-8 (or,
 * when `plain`, starts a control character other than tab and LF: C0 —
 * NUL and CR among them —, DEL or C1), or len. */
static size_t utf8_scan(const char *s, size_t len, bool plain) {
#ifdef CJK_AVX2
  if (have_avx2()) return utf8_scan_avx2(s, len, plain);
#endif
  const unsigned char *p = (const unsigned char *)s;
  return (size_t)(valid_run(p, p + len, p + len, plain) - p);
}

bool utf8_valid(const char *s, size_t len, size_t *bad_offset) {
  size_t at = utf8_scan(s, len, false);
  if (at < len && bad_offset) *bad_offset = at;
  return at == len;
}

bool utf8_plain_text(const char *s, size_t len) { return utf8_scan(s, len, true) == len; }

bool utf8_reorders(uint32_t cp) {
  return cp == 0x061C || (cp >= 0x200E && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

bool utf8_invisible(uint32_t cp) {
  utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
  return c == UTF8PROC_CATEGORY_CF || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP;
}

bool utf8_one_line(const char *s) {
  return *s && !strpbrk(s, "\n\t") && utf8_plain_text(s, strlen(s)) && !strstr(s, "\u2028") && !strstr(s, "\u2029");
}

size_t utf8_count(const char *s, size_t len) {
  const unsigned char *p = (const unsigned char *)s, *end = p + len;
  size_t count = 0;
  while (p < end) {
    if (p[0] < 0x80) {
      size_t k = end - p >= 8 && ascii8(p) ? 8 : 1;
      p += k;
      count += k;
    } else if (plain3x2(p, end)) {
      do {
        p += 6;
        count += 2;
      } while (plain3x2(p, end));
    } else if (plain3(p, end)) {
      p += 3;
      count++;
    } else {
      uint32_t cp;
      size_t k = utf8_decode((const char *)p, (size_t)(end - p), &cp);
      p += k ? k : 1;
      count++;
    }
  }
  return count;
}

const char *utf8_prefix(arena *a, const char *s, size_t max_chars) {
  size_t len = strlen(s), at = 0;
  for (size_t n = 0; n < max_chars && at < len; n++) {
    uint32_t cp;
    size_t k = utf8_decode(s + at, len - at, &cp);
    at += k ? k : 1;
  }
  if (at == len) return s;
  return arena_printf(a, "%.*s…", (int)at, s);
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

/* Whitespace a reader sees as a gap: ASCII whitespace and the Unicode
 * spaces (no-break, ideographic, the U+2000 series, line separators). */
static const range spaces[] = {
    {'\t', '\r'}, {' ', ' '}, {0xA0, 0xA0}, {0x2000, 0x200A}, {0x2028, 0x2029},
    {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000},
};

/* A code point's classes as bits.  C_WORD: it makes a run of characters a
 * Latin word (an ASCII letter or digit, or any non-ASCII character that is
 * not punctuation). */
enum { C_LETTER = 1, C_WIDE = 2, C_PUNCT = 4, C_SPACE = 8, C_WORD = 16 };

static uint8_t bmp_classes[0x10000];
static pthread_once_t bmp_once = PTHREAD_ONCE_INIT;

static void mark(const range *r, size_t n, uint8_t bit) {
  for (size_t i = 0; i < n; i++)
    for (uint32_t cp = r[i].lo; cp <= r[i].hi && cp < 0x10000; cp++) bmp_classes[cp] |= bit;
}
#define MARK(table, bit) mark(table, sizeof table / sizeof table[0], bit)

static void bmp_init(void) {
  MARK(letters, C_LETTER);
  MARK(wide, C_WIDE);
  MARK(punct, C_PUNCT);
  MARK(spaces, C_SPACE);
  for (uint32_t cp = 0; cp < 0x10000; cp++)
    if (cp < 0x80 ? ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') || (cp >= '0' && cp <= '9')
                  : !(bmp_classes[cp] & C_PUNCT))
      bmp_classes[cp] |= C_WORD;
}

/* The table, filled (once, whichever thread comes first). */
static const uint8_t *bmp(void) {
  pthread_once(&bmp_once, bmp_init);
  return bmp_classes;
}

/* Classes of any code point; `table` is bmp(). */
static unsigned classes(const uint8_t *table, uint32_t cp) {
  if (cp < 0x10000) return table[cp];
  unsigned punctuation = IN(cp, punct) ? C_PUNCT : C_WORD;
  return (IN(cp, letters) ? C_LETTER : 0) | (IN(cp, wide) ? C_WIDE : 0) | punctuation;
}

bool cjk_is_letter(uint32_t cp) {
  return classes(bmp(), cp) & C_LETTER;
}

bool cjk_is_wide(uint32_t cp) {
  return classes(bmp(), cp) & C_WIDE;
}

bool cjk_break_joins(uint32_t before, uint32_t after) {
  return cjk_is_wide(before) || cjk_is_wide(after);
}

bool cjk_is_punct(uint32_t cp) {
  return classes(bmp(), cp) & C_PUNCT;
}

/* ---- measures ---- */

/* cjk_count's totals, and whether the current run of characters makes a
 * Latin word (it has a letter or digit). */
typedef struct {
  size_t chars, words, all;
  bool word;
} counts;

/* One valid character of classes cls. */
static inline void count_char(counts *c, unsigned cls) {
  c->chars += cls & C_LETTER;
  if (cls & (C_SPACE | C_WIDE)) { /* ends a word */
    c->words += c->word;
    c->word = false;
  } else if (cls & C_WORD) {
    c->word = true;
  }
}

/* Counts the characters from p on until one ends at or past `until`;
 * returns where the next one starts.  The exact path, one character (or
 * two ideographs) at a time. */
static const unsigned char *count_run(counts *c, const uint8_t *table, const unsigned char *p,
                                      const unsigned char *until, const unsigned char *end) {
  while (p < until) {
    if (utf8_unified_han(p, end)) { /* CJK letters and wide: they count and end a word */
      c->words += c->word;
      c->word = false;
      while (p + 3 < until && unified_han_x2(p, end)) {
        p += 6;
        c->chars += 2;
        c->all += 2;
      }
      if (utf8_unified_han(p, end)) {
        p += 3;
        c->chars++;
        c->all++;
      }
      continue;
    }
    uint32_t cp;
    size_t k = decode_fast(p, end, &cp);
    p += k ? k : 1;
    c->all++;
    if (k) count_char(c, classes(table, cp)); /* an invalid byte neither splits nor makes a word */
  }
  return p;
}

#ifdef CJK_AVX2
/* Counts from p on, 32 bytes a block, while 34 can be read; returns where
 * it stopped.  A block is counted as a whole when every character starting
 * in it is whole, valid and one whose classes its first two or three bytes
 * tell: ASCII; ideographs U+4000..U+9FFF but the hexagrams U+4DC0..; CJK
 * punctuation U+3000..U+303E but 々〆〇; fullwidth forms U+FF00..U+FF3F;
 * general punctuation U+200C..U+2027.  Other blocks go through count_run.
 *
 * Words: with E the characters that end one (spaces, wide) and W those
 * that make one (letters, digits), both as bits of the block, a word ends
 * at each E whose nearest E-or-W character before it is a W.  Adding W<<1
 * to the bits that are neither carries each W's bit up to that next
 * character, so E & (~(E|W) + (W<<1 | carried-in word)) are the E bits
 * that end a word. */
CJK_AVX2 static const unsigned char *count_blocks(counts *c, const uint8_t *table, const unsigned char *p,
                                                  const unsigned char *end) {
  __m256i k_c0 = _mm256_set1_epi8((char)0xC0), k_e3 = _mm256_set1_epi8((char)0xE3),
          k_e4 = _mm256_set1_epi8((char)0xE4), k_ea = _mm256_set1_epi8((char)0xEA),
          k_b7 = _mm256_set1_epi8((char)0xB7), k_80 = _mm256_set1_epi8((char)0x80),
          k_84 = _mm256_set1_epi8((char)0x84), k_88 = _mm256_set1_epi8((char)0x88),
          k_bf = _mm256_set1_epi8((char)0xBF), k_ef = _mm256_set1_epi8((char)0xEF),
          k_bc = _mm256_set1_epi8((char)0xBC), k_e2 = _mm256_set1_epi8((char)0xE2),
          k_8b = _mm256_set1_epi8((char)0x8B), k_a8 = _mm256_set1_epi8((char)0xA8), k_sp = _mm256_set1_epi8(' '),
          k_08 = _mm256_set1_epi8(8), k_0e = _mm256_set1_epi8(14), k_2f = _mm256_set1_epi8('0' - 1),
          k_3a = _mm256_set1_epi8('9' + 1), k_60 = _mm256_set1_epi8('a' - 1), k_7b = _mm256_set1_epi8('z' + 1);
  /* made once (GCC otherwise builds each anew in every block) */
  __asm__("" : "+x"(k_c0), "+x"(k_e3), "+x"(k_e4), "+x"(k_ea), "+x"(k_b7), "+x"(k_80), "+x"(k_84));
  __asm__("" : "+x"(k_88), "+x"(k_bf), "+x"(k_ef), "+x"(k_bc), "+x"(k_e2), "+x"(k_8b), "+x"(k_a8));
  __asm__("" : "+x"(k_sp), "+x"(k_08), "+x"(k_0e), "+x"(k_2f), "+x"(k_3a), "+x"(k_60), "+x"(k_7b));
/* lo < v < hi, signed: 80..FF are below 00..7F */
#define BETWEEN(v, lo, hi) _mm256_and_si256(_mm256_cmpgt_epi8(v, lo), _mm256_cmpgt_epi8(hi, v))
  while (end - p >= 34) {
    const __m256i v0 = _mm256_loadu_si256((const __m256i *)(const void *)p),
                  v1 = _mm256_loadu_si256((const __m256i *)(const void *)(p + 1)),
                  v2 = _mm256_loadu_si256((const __m256i *)(const void *)(p + 2));
    __m256i han = _mm256_andnot_si256(_mm256_and_si256(_mm256_cmpeq_epi8(v0, k_e4), _mm256_cmpeq_epi8(v1, k_b7)),
                                      BETWEEN(v0, k_e3, k_ea));
    __m256i next80 = _mm256_cmpeq_epi8(v1, k_80);
    __m256i cjk_punct = _mm256_andnot_si256(_mm256_or_si256(BETWEEN(v2, k_84, k_88), _mm256_cmpeq_epi8(v2, k_bf)),
                                            _mm256_and_si256(_mm256_cmpeq_epi8(v0, k_e3), next80));
    __m256i fullwidth = _mm256_and_si256(_mm256_cmpeq_epi8(v0, k_ef), _mm256_cmpeq_epi8(v1, k_bc));
    __m256i general = _mm256_and_si256(_mm256_and_si256(_mm256_cmpeq_epi8(v0, k_e2), next80), BETWEEN(v2, k_8b, k_a8));
    __m256i wide = _mm256_or_si256(han, _mm256_or_si256(cjk_punct, fullwidth));
    uint32_t cont = (uint32_t)_mm256_movemask_epi8(_mm256_cmpgt_epi8(k_c0, v0));
    uint32_t high = (uint32_t)_mm256_movemask_epi8(v0);
    uint32_t lead3 = (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(wide, general));
    uint64_t must = (uint64_t)lead3 << 1 | (uint64_t)lead3 << 2; /* where continuation bytes belong */
    if ((high & ~cont & ~lead3) || (uint32_t)must != cont || (must & 1ull << 32 && (p[32] & 0xC0) != 0x80) ||
        (must & 1ull << 33 && (p[33] & 0xC0) != 0x80)) {
      p = count_run(c, table, p, p + 32, end);
      continue;
    }
    uint32_t ends, makes = 0;
    if (~high) { /* ASCII: spaces end words, letters and digits make them */
      __m256i space = _mm256_or_si256(_mm256_cmpeq_epi8(v0, k_sp), BETWEEN(v0, k_08, k_0e));
      __m256i lower = _mm256_or_si256(v0, k_sp);
      __m256i alnum = _mm256_or_si256(BETWEEN(v0, k_2f, k_3a), BETWEEN(lower, k_60, k_7b));
      ends = (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(wide, space));
      makes = (uint32_t)_mm256_movemask_epi8(alnum);
    } else {
      ends = (uint32_t)_mm256_movemask_epi8(wide);
    }
    c->chars += (size_t)__builtin_popcount((uint32_t)_mm256_movemask_epi8(han));
    c->all += 32 - (size_t)__builtin_popcount(cont);
    if (ends) {
      uint64_t carried = ~(uint64_t)(ends | makes) + ((uint64_t)makes << 1 | c->word);
      c->words += (size_t)__builtin_popcount(ends & (uint32_t)carried);
      c->word = makes >> (31 - __builtin_clz(ends)) != 0;
    } else {
      c->word = c->word || makes;
    }
    uint32_t over = (uint32_t)(must >> 32);
    p += 32 + (over ? 32 - (size_t)__builtin_clz(over) : 0);
  }
#undef BETWEEN
  return p;
}
#endif

void cjk_count(const char *text, size_t len, size_t *cjk_chars, size_t *latin_words, size_t *all_chars) {
  const uint8_t *table = bmp();
  counts c = {0, 0, 0, false};
  const unsigned char *p = (const unsigned char *)text, *end = p + len;
#ifdef CJK_AVX2
  if (have_avx2()) p = count_blocks(&c, table, p, end);
#endif
  p = count_run(&c, table, p, end, end);
  c.words += c.word;
  if (cjk_chars) *cjk_chars = c.chars;
  if (latin_words) *latin_words = c.words;
  if (all_chars) *all_chars = c.all;
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
 * byte offset where each kept code point starts (at most `limit` of them).
 * Kept characters are copied as they are (a valid sequence is the code
 * point's only encoding), so the text is never longer than its source. */
typedef struct {
  char *out;
  size_t len;
  size_t *starts; /* starts[i]: byte offset of code point i in out */
  uint32_t *cps;
  size_t n;
} norm_text;

/* Appends the kept bytes [from, to) of the source to the text. */
static void norm_copy(norm_text *t, const unsigned char *from, const unsigned char *to) {
  memcpy(t->out + t->len, from, (size_t)(to - from));
  t->len += (size_t)(to - from);
}

/* Kept characters are not copied one by one: a run of them is copied when
 * a space or an invalid byte ends it (`run` is where it began), and each
 * character's offset in out is where it will land.  Ideographs
 * U+4E00..U+9FFF, most of the text, skip the class table; before character
 * `from` (where the summary cannot end), pairs of them are only counted:
 * their starts and cps are never read. */
static void normalise(norm_text *t, const char *text, size_t len, size_t limit, size_t from) {
  const uint8_t *table = bmp();
  const unsigned char *p = (const unsigned char *)text, *end = p + len, *run = p;
  bool gap = false, line_break = false, prev_wide = false; /* line_break: in the gap (read only with gap) */
  while (p < end && t->n < limit) {
    if (t->n + 2 <= from && !gap && unified_han_x2(p, end)) { /* counted, not recorded */
      p += 6;
      t->n += 2;
      prev_wide = true;
      continue;
    }
    uint32_t cp;
    size_t k;
    unsigned cls;
    if (utf8_unified_han(p, end)) {
      cp = value3(p);
      k = 3;
      cls = C_LETTER | C_WIDE | C_WORD;
    } else if ((k = decode_fast(p, end, &cp))) {
      cls = classes(table, cp);
    } else { /* dropped */
      norm_copy(t, run, p);
      run = ++p;
      continue;
    }
    if (cls & C_SPACE) {
      norm_copy(t, run, p);
      run = p += k;
      line_break = (gap && line_break) || cp - '\n' <= (uint32_t)('\r' - '\n') || cp - 0x2028u <= 1;
      gap = t->n > 0;
      continue;
    }
    /* after a line break cjk_break_joins, on the classes already at hand */
    if (gap && !(line_break ? prev_wide || (cls & C_WIDE) : prev_wide && (cls & C_WIDE))) {
      norm_copy(t, run, p);
      run = p;
      t->starts[t->n] = t->len;
      t->cps[t->n++] = ' ';
      t->out[t->len++] = ' ';
      if (t->n == limit) break;
    }
    gap = false;
    prev_wide = cls & C_WIDE;
    t->starts[t->n] = t->len + (size_t)(p - run);
    t->cps[t->n++] = cp;
    p += k;
  }
  norm_copy(t, run, p);
}

/* Characters kept when the summary of a text longer than max_chars ends at
 * a sentence, or 0. */
static size_t sentence_end(const norm_text *t, size_t max_chars) {
  for (size_t i = max_chars; i-- > max_chars - max_chars / 3;) {
    uint32_t cp = t->cps[i], next = t->cps[i + 1];
    bool end = ends_sentence_cjk(cp) ||
               ((cp == '.' || cp == '!' || cp == '?') && (next == ' ' || closes_quote(next)));
    if (!end) continue;
    size_t keep = i + 1;
    while (keep < max_chars && closes_quote(t->cps[keep])) keep++;
    return keep;
  }
  return 0;
}

/* The summary of the normalised text t in window w's arena (cjk_summary's
 * rules): t holds at least the window's first max_chars + 2 characters,
 * and their starts and code points from where sentence_end looks. */
static char *cut(const norm_text *t, const cjk_window *w) {
  size_t max_chars = w->max_chars, keep;
  if (t->n <= max_chars) return arena_strndup(w->a, t->out, t->len);
  if ((keep = sentence_end(t, max_chars))) return arena_strndup(w->a, t->out, t->starts[keep]);
  static const char ellipsis[] = "…"; /* cut, with an ellipsis */
  size_t n = max_chars - 1;
  while (n > 0 && t->cps[n - 1] == ' ') n--;
  size_t m = strnlen(t->out, t->starts[n]); /* a U+0000 ends the string */
  char *res = arena_alloc(w->a, m + sizeof ellipsis);
  memcpy(res, t->out, m);
  memcpy(res + m, ellipsis, sizeof ellipsis);
  return res;
}

void cjk_summaries(const char *text, size_t len, cjk_window *w, size_t nw) {
  /* Two characters beyond the widest window say whether the text is longer
   * and what follows a '.' at its edge; sentence_end looks at characters
   * from max_chars - max_chars / 3 on, the cut at the two before
   * max_chars - 1: recorded from the narrowest window's `from`.  The
   * normalisation goes on the same way whatever its limit, so each window
   * sees what a normalisation of its own would give. */
  size_t widest = 0, from = SIZE_MAX;
  for (size_t i = 0; i < nw; i++) {
    size_t m = w[i].max_chars, f = m > m / 3 + 3 ? m - m / 3 - 3 : 0;
    if (m > widest) widest = m;
    if (m && f < from) from = f;
  }
  size_t limit = widest + 2;
  /* Room for the characters kept (no more than the text's bytes) and their
   * bytes (no more than 4 each): on the stack when it fits (the default
   * summary length needs about 2 KB), else on the heap; not in an arena,
   * which lives as long as the summary. */
  size_t cap = limit < len ? limit : len, bytes = cap < len / 4 ? 4 * cap : len;
  size_t need = cap * (sizeof(size_t) + sizeof(uint32_t)) + bytes + 1;
  _Alignas(size_t) char stack[8192];
  char *scratch = need <= sizeof stack ? stack : malloc(need);
  if (!scratch) abort();
  norm_text t = {scratch + cap * (sizeof(size_t) + sizeof(uint32_t)), 0, (size_t *)(void *)scratch,
                 (uint32_t *)(void *)(scratch + cap * sizeof(size_t)), 0};
  if (widest) normalise(&t, text, len, limit, from);
  for (size_t i = 0; i < nw; i++) w[i].out = w[i].max_chars ? cut(&t, &w[i]) : arena_strdup(w[i].a, "");
  if (scratch != stack) free(scratch);
}

char *cjk_summary(arena *a, const char *text, size_t len, size_t max_chars) {
  cjk_window w = {max_chars, a, NULL};
  cjk_summaries(text, len, &w, 1);
  return w.out;
}

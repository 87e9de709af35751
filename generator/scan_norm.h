/* scan_norm: what a character becomes before the content scan compares it
 * with the dictionaries, precomputed into per-code-point tables so the scan
 * loop does one table lookup per character and never calls a function.
 *
 * The normal form of one code point is NFKC with case folding (utf8proc:
 * full-width and half-width forms, compatibility characters such as ㊙ ①
 * ⼀ and ligatures become their plain letters), combining marks and
 * default-ignorable characters removed (zero-width spaces and joiners, soft
 * hyphens, variation selectors), then traditional → simplified Chinese, one
 * character at a time (OpenCC's t2s table, read once per process).  Each
 * resulting code point has a class: a letter (letters, digits, ideographs),
 * noise (spaces, punctuation, symbols, invisible formatting — skipped inside
 * a word, up to the dictionary's gap), or a break (line and paragraph ends,
 * tabs between table cells — a word never spans one).
 *
 * Two tables are built from that: the dictionary's own symbol table (code
 * point → its letter's number in the dictionary's alphabet, or noise/break;
 * scan_dict.c) and, once per process, the pattern table (code point → its
 * normal form, for the text PCRE2 patterns see).  Both are `cp_table`s: a
 * flat table for the Basic Multilingual Plane and 256-entry blocks above it,
 * blocks holding only zeros shared.
 *
 * Ownership: norm_* functions keep process-wide tables built on first use
 * (thread-safe) and never freed; a cp_table is owned by whoever built it and
 * released with cp_table_free. */
#ifndef GOVPUB_SCAN_NORM_H
#define GOVPUB_SCAN_NORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The longest normal form of one code point, in code points (U+FDFA, an
 * Arabic ligature, is 18). */
#define NORM_MAX 18

typedef enum { NC_LETTER, NC_NOISE, NC_BREAK } norm_class;

/* Loads what normalisation needs from outside (OpenCC's t2s table).  Call
 * before the functions below; returns false after reporting when OpenCC or
 * its t2s.json cannot be opened.  Safe to call from several threads. */
bool norm_init(void);

/* The normal form of `cp` into out (NORM_MAX slots); returns how many code
 * points it has, 0 when it vanishes (a combining mark, a zero-width or other
 * default-ignorable character). */
size_t norm_char(uint32_t cp, uint32_t out[NORM_MAX]);

/* The class of a code point that is already in normal form. */
norm_class norm_class_of(uint32_t cp);

/* The HTML character reference at s[0..n) (s[0] is '&'): &#NNNN; &#xHHHH;
 * or a named one govpub knows (&nbsp; &zwj; &middot; &ldquo; …, the
 * invisible and typographic ones).  Returns its length and sets *cp, or 0
 * when s does not start one. */
size_t norm_entity(const char *s, size_t n, uint32_t *cp);

/* ---- code point tables ---------------------------------------------- */

/* Entries at or above CT_SPECIAL are not plain values. */
#define CT_SPECIAL 0xFE000000u
#define CT_EXPAND 0xFE000000u /* | index into the table's expansion pool */
#define CT_NOISE 0xFF000001u  /* skipped inside a word */
#define CT_BREAK 0xFF000002u  /* ends any word */
#define CT_AMP 0xFF000003u    /* '&': may start a character reference */
#define CT_DROP 0xFF000004u   /* vanishes from the pattern text */
#define CT_HI_BLOCKS ((0x110000 - 0x10000) >> 8)

typedef struct cp_table {
  uint32_t *bmp;       /* 65536 entries */
  uint32_t *blocks;    /* 256 entries per block; block 0 is all zeros */
  size_t nblocks;
  uint16_t hi[CT_HI_BLOCKS]; /* block of code points 0x10000 + 256 * i */
  /* Expansions: pool[i] is a count, followed by that many entries. */
  uint32_t *pool;
  size_t npool, cappool;
} cp_table;

/* Fills t with entry(ctx, cp) for every code point.  `entry` may add to
 * t's pool (cp_table_expand) and return CT_EXPAND | index. */
void cp_table_build(cp_table *t, uint32_t (*entry)(void *ctx, cp_table *t, uint32_t cp), void *ctx);
/* Appends an expansion of n entries to t's pool; returns CT_EXPAND | index. */
uint32_t cp_table_expand(cp_table *t, const uint32_t *items, size_t n);
void cp_table_free(cp_table *t);

static inline uint32_t cp_lookup(const cp_table *t, uint32_t cp) {
  if (cp < 0x10000) return t->bmp[cp];
  return t->blocks[((size_t)t->hi[(cp - 0x10000) >> 8] << 8) | (cp & 0xFF)];
}

/* The process-wide pattern table: an entry is cp XOR its single-code-point
 * normal form (0 when unchanged), CT_DROP, CT_AMP, or an expansion of
 * normalised code points.  Requires norm_init. */
const cp_table *norm_pattern_table(void);

/* ---- UTF-8 --------------------------------------------------------- */

/* Decodes the code point at p (p < end) into *cp and returns its length;
 * an invalid sequence reads as U+FFFD of length 1.  Inline: the scan loops
 * call it once per character. */
static inline size_t norm_decode(const unsigned char *p, const unsigned char *end, uint32_t *cp) {
  uint32_t b0 = p[0];
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  size_t avail = (size_t)(end - p);
  if (b0 >= 0xE0 && b0 < 0xF0 && avail >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
    uint32_t v = ((b0 & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    if (v >= 0x800 && (v & 0xF800) != 0xD800) {
      *cp = v;
      return 3;
    }
  } else if (b0 >= 0xC2 && b0 < 0xE0 && avail >= 2 && (p[1] & 0xC0) == 0x80) {
    *cp = ((b0 & 0x1F) << 6) | (p[1] & 0x3F);
    return 2;
  } else if (b0 >= 0xF0 && b0 <= 0xF4 && avail >= 4 && (p[1] & 0xC0) == 0x80 &&
             (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80) {
    uint32_t v = ((b0 & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
                 ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    if (v >= 0x10000 && v <= 0x10FFFF) {
      *cp = v;
      return 4;
    }
  }
  *cp = 0xFFFD;
  return 1;
}

#endif

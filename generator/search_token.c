/* search_token: see search_token.h.  The rules here and in search.js's
 * tokenize() must stay the same, character class by character class. */
#include "search_token.h"

#include <stdint.h>
#include <string.h>

#include "cjk.h"

enum { K_SEP, K_SPACE, K_CJK, K_WORD };

/* Fullwidth ASCII → ASCII, the ideographic space → a space, A-Z → a-z. */
static uint32_t fold(uint32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
  else if (cp == 0x3000) cp = ' ';
  if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
  return cp;
}

/* The kind of each ASCII character, by byte ('0' + K_…): \t … \r and the
 * space separate words but join CJK letters (K_SPACE), letters and digits
 * are words (K_WORD; A-Z once folded), the rest separates (K_SEP). */
static const char ascii_kinds[129] = "000000000111110000000000000000001000000000000000"
                                     "3333333333000000033333333333333333333333333000000"
                                     "3333333333333333333333333300000";

static inline int ascii_kind(unsigned char c) { return ascii_kinds[c] - '0'; }

static int kind(uint32_t cp) {
  if (cp < 0x80) return ascii_kind((unsigned char)cp);
  if (cp == 0xA0) return K_SPACE;
  if (cjk_is_letter(cp)) return K_CJK;
  if ((cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x370 && cp <= 0x4FF)) return K_WORD;
  return K_SEP;
}

/* An ASCII letter or digit: what continues a word without decoding. */
static inline bool ascii_word(unsigned char c) { return (c | 0x20u) - 'a' < 26u || (unsigned)(c - '0') < 10u; }

/* The character at u (before end): its code point, folded, and its byte
 * length (0: not valid UTF-8; cp is then U+FFFD).  ASCII and the
 * three-byte sequences that cannot be overlong or surrogates (lead E1..EC,
 * EE, EF: the CJK blocks and the fullwidth forms) are decoded here, the
 * rest by utf8_decode. */
static inline size_t next_char(const unsigned char *u, const unsigned char *end, uint32_t *cp) {
  if (u[0] < 0x80) {
    *cp = (unsigned)(u[0] - 'A') < 26u ? u[0] + ('a' - 'A') : u[0];
    return 1;
  }
  if (end - u >= 3 && u[0] - 0xE1u < 0xF0u - 0xE1u && u[0] != 0xED && ((u[1] ^ 0x80u) | (u[2] ^ 0x80u)) < 0x40) {
    *cp = fold((uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] ^ 0x80u) << 6 | (u[2] ^ 0x80u));
    return 3;
  }
  size_t k = utf8_decode((const char *)u, (size_t)(end - u), cp);
  *cp = fold(*cp);
  return k;
}

/* A CJK letter's bytes in the text are its token as they stand (fold
 * changes no CJK letter, and a letter decoded from valid UTF-8 encodes back
 * to the same bytes), so tokens point into the text: a bigram of two
 * adjacent letters is the six (or so) bytes where they stand, and only a
 * pair joined across whitespace is copied.  U+4E00..U+9FFF, most of any
 * Chinese text, skips the decoding too; with a `han` callback (index mode
 * only) a whole run of them goes out in one call. */
static void tokenize(const char *text, size_t len, bool query, search_token_fn fn, search_run_fn han, void *ud) {
  char word[SEARCH_WORD_MAX * 4];
  size_t wlen = 0, wchars = 0;
  char pair[8];
  const char *prev = NULL, *first = NULL; /* the last CJK letter; a query run's first */
  size_t prevlen = 0, firstlen = 0, run = 0; /* run: CJK letters in the current query run */
  const unsigned char *end = (const unsigned char *)text + len;
  size_t p = 0;
  while (p < len) {
    const char *at = text + p;
    const unsigned char *u = (const unsigned char *)at;
    uint32_t cp = 0;
    size_t k;
    int kd;
    if (u[0] < 0x80) {
      k = 1;
      cp = (unsigned)(u[0] - 'A') < 26u ? u[0] + ('a' - 'A') : u[0];
      kd = ascii_kind(u[0]);
    } else if (utf8_unified_han(u, end)) {
      if (han) {
        if (wlen) {
          fn(ud, word, wlen);
          wlen = wchars = 0;
        }
        if (prevlen && prev + prevlen == at) {
          fn(ud, prev, prevlen + 3);
        } else if (prevlen) {
          memcpy(pair, prev, prevlen);
          memcpy(pair + prevlen, at, 3);
          fn(ud, pair, prevlen + 3);
        }
        p += han(ud, at, (const char *)end);
        prev = text + p - 3;
        prevlen = 3;
        continue;
      }
      k = 3;
      kd = K_CJK;
    } else {
      k = next_char(u, end, &cp);
      kd = kind(cp);
    }
    p += k ? k : 1;
    if (kd != K_WORD && wlen) {
      fn(ud, word, wlen);
      wlen = wchars = 0;
    }
    if (kd == K_CJK) {
      if (!query) fn(ud, at, k);
      if (prevlen) {
        if (prev + prevlen == at) {
          fn(ud, prev, prevlen + k);
        } else {
          memcpy(pair, prev, prevlen);
          memcpy(pair + prevlen, at, k);
          fn(ud, pair, prevlen + k);
        }
      }
      if (query && run++ == 0) {
        first = at;
        firstlen = k;
      }
      prev = at;
      prevlen = k;
      continue;
    }
    if (kd == K_SPACE && !query) continue; /* two CJK letters join across whitespace */
    if (run == 1) fn(ud, first, firstlen);
    run = prevlen = 0;
    if (kd != K_WORD) continue;
    if (wchars < SEARCH_WORD_MAX) {
      if (cp < 0x80) word[wlen++] = (char)cp;
      else wlen += utf8_encode(cp, word + wlen);
      wchars++;
    }
    for (unsigned char c; p < len && ascii_word(c = (unsigned char)text[p]); p++) /* the rest of an ASCII run */
      if (wchars < SEARCH_WORD_MAX) {
        word[wlen++] = (char)((unsigned)(c - 'A') < 26u ? c + ('a' - 'A') : c);
        wchars++;
      }
  }
  if (wlen) fn(ud, word, wlen);
  if (run == 1) fn(ud, first, firstlen);
}

bool search_token_separates(uint32_t cp) { return kind(fold(cp)) == K_SEP; }

void search_tokenize(const char *text, size_t len, bool query, search_token_fn fn, void *ud) {
  tokenize(text, len, query, fn, NULL, ud);
}

void search_tokenize_index(const char *text, size_t len, search_token_fn fn, search_run_fn run, void *ud) {
  tokenize(text, len, false, fn, run, ud);
}

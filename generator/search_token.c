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

static int kind(uint32_t cp) {
  if (cp < 0x80) {
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) return K_WORD;
    return cp == ' ' || (cp >= '\t' && cp <= '\r') ? K_SPACE : K_SEP;
  }
  if (cp == 0xA0) return K_SPACE;
  if (cjk_is_letter(cp)) return K_CJK;
  if ((cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x370 && cp <= 0x4FF)) return K_WORD;
  return K_SEP;
}

void search_tokenize(const char *text, size_t len, bool query, search_token_fn fn, void *ud) {
  char word[SEARCH_WORD_MAX * 4];
  size_t wlen = 0, wchars = 0;
  char prev[4], first[4], pair[8];
  size_t prevlen = 0, firstlen = 0, run = 0; /* run: CJK letters in the current query run */
  size_t p = 0;
  while (p < len) {
    uint32_t cp;
    size_t k = utf8_decode(text + p, len - p, &cp);
    p += k ? k : 1;
    cp = fold(cp);
    int kd = kind(cp);
    if (kd != K_WORD && wlen) {
      fn(ud, word, wlen);
      wlen = wchars = 0;
    }
    if (kd == K_CJK) {
      char cur[4];
      size_t cl = utf8_encode(cp, cur);
      if (!query) fn(ud, cur, cl);
      if (prevlen) {
        memcpy(pair, prev, prevlen);
        memcpy(pair + prevlen, cur, cl);
        fn(ud, pair, prevlen + cl);
      }
      if (query && run++ == 0) memcpy(first, cur, firstlen = cl);
      memcpy(prev, cur, prevlen = cl);
      continue;
    }
    if (kd == K_SPACE && !query) continue; /* two CJK letters join across whitespace */
    if (run == 1) fn(ud, first, firstlen);
    run = prevlen = 0;
    if (kd == K_WORD && wchars < SEARCH_WORD_MAX) {
      wlen += utf8_encode(cp, word + wlen);
      wchars++;
    }
  }
  if (wlen) fn(ud, word, wlen);
  if (run == 1) fn(ud, first, firstlen);
}

/* escape: see escape.h.  Runs of safe bytes are found 16 at a time (SSE2,
 * which every x86-64 has; elsewhere a table probe per byte) and copied with
 * one buf_put: titles, summaries and URLs are escaped on every page of
 * every list, and the byte-by-byte loop was 2.6 % of a build. */
#include "escape.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* The bytes esc_html replaces, and their entities. */
static const char *const html_rep[256] = {
    ['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;", ['\''] = "&#39;",
};

#ifndef __SSE2__
/* The bytes esc_json replaces: controls, " \\ and < > & (JSON inside HTML). */
static bool json_special(unsigned char c) {
  return c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&';
}
#endif

typedef enum { FOR_HTML, FOR_TEXT, FOR_JSON } byte_set;

#ifdef __SSE2__
/* One bit per byte of the 16 at v that `set` replaces. */
static inline unsigned special_bits(__m128i v, byte_set set) {
  const __m128i lt = _mm_set1_epi8('<'), gt = _mm_set1_epi8('>'), amp = _mm_set1_epi8('&'),
                quot = _mm_set1_epi8('"'), apos = _mm_set1_epi8('\''), bsl = _mm_set1_epi8('\\'),
                ctl = _mm_set1_epi8(0x1F);
  __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, gt)),
                           _mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_cmpeq_epi8(v, quot)));
  if (set == FOR_HTML) m = _mm_or_si128(m, _mm_cmpeq_epi8(v, apos));
  else if (set == FOR_JSON) /* \\ and bytes up to 0x1F (unsigned: max(v, 0x1F) == 0x1F) */
    m = _mm_or_si128(_mm_or_si128(m, _mm_cmpeq_epi8(v, bsl)), _mm_cmpeq_epi8(_mm_max_epu8(v, ctl), ctl));
  return (unsigned)_mm_movemask_epi8(m);
}
#endif

/* The length of the longest prefix of s[0..n) that `set` leaves as it is.
 * The last bytes (fewer than 16) are checked as one more load: the last 16
 * bytes of s, those already checked shifted out, or for a string shorter
 * than 16 a copy on the stack (the byte-by-byte tail was a third of
 * esc_html's instructions: titles and URLs are short). */
static inline size_t plain_run(const char *s, size_t n, byte_set set) {
  size_t i = 0;
#ifdef __SSE2__
  for (; i + 16 <= n; i += 16) {
    unsigned bits = special_bits(_mm_loadu_si128((const __m128i *)(const void *)(s + i)), set);
    if (bits) return i + (size_t)__builtin_ctz(bits);
  }
  if (i == n) return n;
  unsigned bits;
  if (n >= 16) {
    bits = special_bits(_mm_loadu_si128((const __m128i *)(const void *)(s + n - 16)), set) >>
           (16 - (n - i));
  } else {
    char tail[16] = {0};
    memcpy(tail, s, n);
    bits = special_bits(_mm_loadu_si128((const __m128i *)(const void *)tail), set) &
           ((1u << n) - 1); /* JSON: the zeros past n would count as controls */
  }
  return bits ? i + (size_t)__builtin_ctz(bits) : n;
#else
  if (set == FOR_HTML)
    while (i < n && !html_rep[(unsigned char)s[i]]) i++;
  else if (set == FOR_TEXT)
    while (i < n && (!html_rep[(unsigned char)s[i]] || s[i] == '\'')) i++;
  else
    while (i < n && !json_special((unsigned char)s[i])) i++;
  return i;
#endif
}

/* s[0..n) with every byte of `set` (FOR_HTML, FOR_TEXT) as its entity. */
static inline void escape_html_set(buf *b, const char *s, size_t n, byte_set set) {
  for (size_t start = 0;;) {
    size_t k = start + plain_run(s + start, n - start, set);
    buf_put(b, s + start, k - start);
    if (k == n) return;
    buf_puts(b, html_rep[(unsigned char)s[k]]);
    start = k + 1;
  }
}

void esc_html(buf *b, const char *s, size_t n) { escape_html_set(b, s, n, FOR_HTML); }

bool esc_html_plain(const char *s, size_t n) { return plain_run(s, n, FOR_HTML) == n; }

void esc_html_text(buf *b, const char *s, size_t n) { escape_html_set(b, s, n, FOR_TEXT); }

/* The bytes esc_href writes as they are: letters, digits and
 * -_.+!*(),%#@?=;:/$~ (one bit each). */
static bool href_safe(unsigned char c) {
  static const uint64_t safe[4] = {
      /* ! # $ % ( ) * + , - . / 0-9 : ; = ? */
      (1ull << '!') | (1ull << '#') | (1ull << '$') | (1ull << '%') | (0xFFull << '(') |
          (0x3FFull << '0') | (1ull << ':') | (1ull << ';') | (1ull << '=') | (1ull << '?'),
      /* @ A-Z _ a-z ~ */
      (0x7FFFFFFull << ('@' - 64)) | (1ull << ('_' - 64)) | (0x3FFFFFFull << ('a' - 64)) |
          (1ull << ('~' - 64)),
      0, 0};
  return (safe[c >> 6] >> (c & 63)) & 1;
}

void esc_href(buf *b, const char *s, size_t n) {
  static const char hex[] = "0123456789ABCDEF";
  for (size_t start = 0, i = 0;; i++) {
    while (i < n && href_safe((unsigned char)s[i])) i++;
    buf_put(b, s + start, i - start);
    if (i == n) return;
    unsigned char c = (unsigned char)s[i];
    if (c == '&') buf_put(b, "&amp;", 5);
    else if (c == '\'') buf_put(b, "&#x27;", 6);
    else {
      char e[3] = {'%', hex[c >> 4], hex[c & 15]};
      buf_put(b, e, 3);
    }
    start = i + 1;
  }
}

void esc_xml(buf *b, const char *s, size_t n) {
  size_t start = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    const char *rep;
    size_t skip = 1;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') rep = "";
    else if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBF && ((unsigned char)s[i + 2] | 1) == 0xBF)
      rep = "", skip = 3; /* U+FFFE, U+FFFF */
    else if (c == '&') rep = "&amp;";
    else if (c == '<') rep = "&lt;";
    else if (c == '>') rep = "&gt;";
    else if (c == '"') rep = "&quot;";
    else if (c == '\'') rep = "&apos;";
    else continue;
    buf_put(b, s + start, i - start);
    buf_puts(b, rep);
    start = i + skip;
    i = start - 1;
  }
  buf_put(b, s + start, n - start);
}

/* esc_url_path's bytes, in runs; with xml, its one output byte that XML
 * escapes, '&', as &amp; (no byte it writes is one esc_xml drops). */
static void url_path(buf *b, const char *s, size_t n, bool xml) {
  static const char hex[] = "0123456789ABCDEF";
  size_t start = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
                c == '-' || c == '_' || c == '.' || c == '~' || c == ':' || c == '#' || c == '?' || c == '=' ||
                c == '&' || c == '%';
    if (safe && !(xml && c == '&')) continue;
    buf_put(b, s + start, i - start);
    if (safe) {
      buf_put(b, "&amp;", 5);
    } else {
      char e[3] = {'%', hex[c >> 4], hex[c & 15]};
      buf_put(b, e, 3);
    }
    start = i + 1;
  }
  buf_put(b, s + start, n - start);
}

void esc_url_path(buf *b, const char *s, size_t n) { url_path(b, s, n, false); }

void esc_xml_url_path(buf *b, const char *s, size_t n) { url_path(b, s, n, true); }

void esc_json(buf *b, const char *s, size_t n) {
  for (size_t start = 0;;) {
    size_t k = start + plain_run(s + start, n - start, FOR_JSON);
    buf_put(b, s + start, k - start);
    if (k == n) return;
    unsigned char c = (unsigned char)s[k];
    char tmp[8];
    const char *rep = tmp;
    if (c == '"') rep = "\\\"";
    else if (c == '\\') rep = "\\\\";
    else if (c == '\n') rep = "\\n";
    else if (c == '\r') rep = "\\r";
    else if (c == '\t') rep = "\\t";
    else snprintf(tmp, sizeof tmp, "\\u%04x", c);
    buf_puts(b, rep);
    start = k + 1;
  }
}

void esc_yaml_quoted(buf *b, const char *s) {
  buf_putc(b, '"');
  for (; *s; s++) {
    if (*s == '"' || *s == '\\') buf_putc(b, '\\');
    if (*s == '\n') buf_puts(b, "\\n");
    else if ((unsigned char)*s < 0x20) buf_printf(b, "\\x%02x", (unsigned char)*s);
    else buf_putc(b, *s);
  }
  buf_putc(b, '"');
}

/* escape: see escape.h.  Runs of safe bytes are copied with one buf_put. */
#include "escape.h"

#include <stdio.h>

/* The bytes esc_html replaces, so the common case (none) is a table probe
 * per byte: pages are mostly text, escaped on every page of every list. */
static const char *const html_rep[256] = {
    ['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;", ['\''] = "&#39;",
};

void esc_html(buf *b, const char *s, size_t n) {
  size_t start = 0;
  for (size_t i = 0; i < n; i++) {
    const char *rep = html_rep[(unsigned char)s[i]];
    if (!rep) continue;
    buf_put(b, s + start, i - start);
    buf_puts(b, rep);
    start = i + 1;
  }
  buf_put(b, s + start, n - start);
}

void esc_xml(buf *b, const char *s, size_t n) {
  size_t start = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    const char *rep;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') rep = "";
    else if (c == '&') rep = "&amp;";
    else if (c == '<') rep = "&lt;";
    else if (c == '>') rep = "&gt;";
    else if (c == '"') rep = "&quot;";
    else if (c == '\'') rep = "&apos;";
    else continue;
    buf_put(b, s + start, i - start);
    buf_puts(b, rep);
    start = i + 1;
  }
  buf_put(b, s + start, n - start);
}

void esc_url_path(buf *b, const char *s, size_t n) {
  static const char hex[] = "0123456789ABCDEF";
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        c == '/' || c == '-' || c == '_' || c == '.' || c == '~' || c == ':' || c == '#' ||
        c == '?' || c == '=' || c == '&' || c == '%') {
      buf_putc(b, (char)c);
    } else {
      char e[3] = {'%', hex[c >> 4], hex[c & 15]};
      buf_put(b, e, 3);
    }
  }
}

void esc_json(buf *b, const char *s, size_t n) {
  size_t start = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    char tmp[8];
    const char *rep = tmp;
    if (c == '"') rep = "\\\"";
    else if (c == '\\') rep = "\\\\";
    else if (c == '\n') rep = "\\n";
    else if (c == '\r') rep = "\\r";
    else if (c == '\t') rep = "\\t";
    else if (c < 0x20 || c == '<' || c == '>' || c == '&') snprintf(tmp, sizeof tmp, "\\u%04x", c);
    else continue;
    buf_put(b, s + start, i - start);
    buf_puts(b, rep);
    start = i + 1;
  }
  buf_put(b, s + start, n - start);
}

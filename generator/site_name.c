/* site_name: see site_name.h. */
#include "site_name.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "buf.h"
#include "cjk.h"

/* The ASCII characters refused: bit c % 64 of [c / 64].  In any name: the
 * controls, DEL and what Windows refuses; in what names a URL, besides: a
 * space and what a URL or the HTML standard reads otherwise. */
#define BIT(c) (1ull << ((c) & 63))
static const uint64_t ascii_refused[2] = {0xFFFFFFFFull | BIT('"') | BIT('*') | BIT(':') | BIT('<') | BIT('>') | BIT('?'),
                                          BIT('\\') | BIT('|') | BIT(0x7F)};
static const uint64_t ascii_url_refused[2] = {BIT(' ') | BIT('#') | BIT('%'),
                                              BIT('[') | BIT(']') | BIT('^') | BIT('`') | BIT('{') | BIT('}')};
#undef BIT

static bool ascii_in(const uint64_t set[2], uint32_t c) { return c < 0x80 && set[c >> 6] >> (c & 63) & 1; }

/* What no name may hold (a file's or a folder's, URL or not). */
static const char *char_refused(arena *a, uint32_t cp) {
  if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F))
    return arena_printf(a, "holds the control character U+%04X", (unsigned)cp);
  if (cp < 0x80)
    return ascii_in(ascii_refused, cp) ? arena_printf(a, "holds \"%c\", which Windows does not allow in a name", (int)cp)
                                       : NULL;
  switch (utf8proc_category((utf8proc_int32_t)cp)) {
  case UTF8PROC_CATEGORY_ZL:
  case UTF8PROC_CATEGORY_ZP: return arena_printf(a, "holds U+%04X, a line break to an editor", (unsigned)cp);
  case UTF8PROC_CATEGORY_CF:
    return arena_printf(a, "holds U+%04X, an invisible character%s", (unsigned)cp,
                        utf8_reorders(cp) ? " that reorders the text around it" : "");
  case UTF8PROC_CATEGORY_CO: return arena_printf(a, "holds U+%04X, a private-use character", (unsigned)cp);
  case UTF8PROC_CATEGORY_CN: return arena_printf(a, "holds U+%04X, which is not a character", (unsigned)cp);
  default: return NULL;
  }
}

/* What a URL's path cannot hold as it is (a space of any kind, and what
 * a URL or the HTML standard reads otherwise). */
static bool url_refused(uint32_t cp) {
  if (cp < 0x80) return ascii_in(ascii_url_refused, cp);
  return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_ZS;
}

/* CON, PRN, AUX, NUL, COM0–9, LPT0–9 before the first '.', in any case:
 * Windows' device names, which no file or folder there can have. */
static bool device_name(const char *name) {
  size_t n = strcspn(name, ".");
  static const char *const devices[] = {"con", "prn", "aux", "nul"};
  for (size_t i = 0; i < sizeof devices / sizeof *devices; i++)
    if (n == 3 && strncasecmp(name, devices[i], 3) == 0) return true;
  return n == 4 && (strncasecmp(name, "com", 3) == 0 || strncasecmp(name, "lpt", 3) == 0) && name[3] >= '0' &&
         name[3] <= '9';
}

/* True when name is ASCII and none of its characters is refused (nor, when
 * `url`, refused of a URL): nearly every name, which the loops of
 * site_name_problem then need not decode (an incremental build of a
 * 10k-page site asks of 20k names). */
static bool plain_ascii(const char *name, bool url) {
  uint64_t lo = ascii_refused[0] | (url ? ascii_url_refused[0] : 0);
  uint64_t hi = ascii_refused[1] | (url ? ascii_url_refused[1] : 0);
  for (const unsigned char *s = (const unsigned char *)name; *s; s++)
    if (*s >= 0x80 || (*s < 64 ? lo : hi) >> (*s & 63) & 1) return false;
  return true;
}

const char *site_name_problem(arena *a, const char *name, bool url) {
  bool plain = plain_ascii(name, url); /* the loops would find nothing */
  size_t left = plain ? 0 : strlen(name);
  for (const char *s = name; left;) {
    uint32_t cp;
    size_t n = utf8_decode(s, left, &cp);
    if (n == 0)
      return arena_printf(a, "is not UTF-8 (byte 0x%02X: was it named in GBK or another encoding?)",
                          (unsigned char)*s);
    const char *why = char_refused(a, cp);
    if (why) return why;
    s += n;
    left -= n;
  }
  if (device_name(name))
    return arena_printf(a, "is \"%.*s\", a device's name on Windows", (int)strcspn(name, "."), name);
  if (!url) return NULL;
  left = plain ? 0 : strlen(name);
  for (const char *s = name; left;) {
    uint32_t cp;
    size_t n = utf8_decode(s, left, &cp);
    if (url_refused(cp))
      return cp == ' '    ? "holds a space, which a URL cannot hold"
             : cp < 0x80 ? arena_printf(a, "holds \"%c\", which a URL cannot hold", (int)cp)
                         : arena_printf(a, "holds U+%04X, a space, which a URL cannot hold", (unsigned)cp);
    s += n;
    left -= n;
  }
  if (name[0] == '.') return "starts with \".\": the web server keeps such an address private (404)";
  if (name[0] && name[strlen(name) - 1] == '.') return "ends with \".\", which Windows drops from a name";
  return NULL;
}

const char *site_name_slug(arena *a, const char *name) {
  buf b = BUF_INIT;
  size_t left = strlen(name);
  for (const char *s = name; left;) {
    uint32_t cp;
    size_t n = utf8_decode(s, left, &cp);
    if (n == 0) n = 1;
    bool edge = cp == '.' && (s == name || n == left);
    if (url_refused(cp) || edge) buf_putc(&b, '-');
    else buf_put(&b, s, n);
    s += n;
    left -= n;
  }
  const char *slug = arena_strndup(a, b.data ? b.data : "", b.len);
  buf_free(&b);
  return slug;
}

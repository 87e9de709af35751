/* statics_markup: see statics_markup.h. */
#include "statics_markup.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "diag.h"
#include "fsx.h"

/* Character references are decoded until none is left, as deep as an XML
 * internal subset nests parameter entities (each level one round); a file
 * still holding one after this many rounds is refused, not searched. */
#define DECODE_ROUNDS 16
#define DEPTH_WORDS "16" /* DECODE_ROUNDS, said */
#define SVGZ_MAX (64u << 20) /* a compressed drawing larger than this, uncompressed, is refused */

static bool is_alpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }

const char *statics_markup_kind(const char *name) {
  static const char *const kinds[][2] = {
      {".svg", "SVG"},    {".html", "HTML"},   {".htm", "HTML"},  {".shtml", "HTML"},
      {".xhtml", "XHTML"}, {".xht", "XHTML"},   {".xml", "XML"},   {".xsl", "XML"},
      {".xslt", "XML"},   {".atom", "XML"},    {".rss", "XML"},   {".kml", "XML"},
      {".xspf", "XML"},   {".mml", "XML"},     {".svgz", "SVG"},
  };
  const char *dot = strrchr(name, '.');
  for (size_t i = 0; dot && i < sizeof kinds / sizeof *kinds; i++)
    if (strcasecmp(dot, kinds[i][0]) == 0) return kinds[i][1];
  return NULL;
}

/* ---- the text as read after character references -------------------------- */

/* A file's text, and for each of its bytes the offset in the file of what
 * it was decoded from. */
typedef struct {
  char *s;
  size_t *at;
  size_t n;
} text_map;

/* The ASCII character the reference at s[0..n) (s[0] is '&') stands for,
 * its length in *len; -1 when it is none.  Numeric references need no ';'
 * (HTML reads &#106avascript as javascript); the named ones are those that
 * spell a URL's scheme apart. */
static int char_ref(const char *s, size_t n, size_t *len) {
  static const struct {
    const char *name;
    char c;
  } named[] = {{"&colon;", ':'}, {"&tab;", '\t'}, {"&newline;", '\n'}};
  if (n > 2 && s[1] == '#') {
    bool hex = s[2] == 'x' || s[2] == 'X';
    size_t k = hex ? 3 : 2, digits = 0;
    unsigned long v = 0;
    for (; k < n; k++, digits++) {
      char c = s[k];
      int d = is_digit(c) ? c - '0' : hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
      if (d < 0) break;
      if (v < 0x110000) v = v * (hex ? 16 : 10) + (unsigned)d;
    }
    if (!digits || v == 0 || v > 0x7f) return -1;
    *len = k < n && s[k] == ';' ? k + 1 : k;
    return (int)v;
  }
  for (size_t i = 0; i < sizeof named / sizeof *named; i++) {
    size_t k = strlen(named[i].name);
    if (n >= k && strncasecmp(s, named[i].name, k) == 0) {
      *len = k;
      return named[i].c;
    }
  }
  return -1;
}

/* One round of decoding, in place; false when there was nothing to decode.
 * *first gets the file offset of the first reference decoded. */
static bool decode_round(text_map *t, size_t *first) {
  size_t o = 0;
  bool changed = false;
  for (size_t i = 0; i < t->n;) {
    size_t len = 1;
    int c = t->s[i] == '&' ? char_ref(t->s + i, t->n - i, &len) : -1;
    if (c >= 0 && !changed) *first = t->at[i];
    changed |= c >= 0;
    t->s[o] = c >= 0 ? (char)c : t->s[i];
    t->at[o++] = t->at[i];
    i += c >= 0 ? len : 1;
  }
  t->n = o;
  return changed;
}

/* ---- what runs script ------------------------------------------------------ */

/* The length of `word` (lower case) at s[0..n), ASCII case ignored, tabs
 * and line ends inside it skipped as a URL parser skips them; 0 if absent. */
static size_t word_in_url(const char *s, size_t n, const char *word) {
  size_t k = 0;
  for (const char *w = word; *w; w++, k++) {
    while (w != word && k < n && (s[k] == '\t' || s[k] == '\n' || s[k] == '\r')) k++;
    if (k == n || (s[k] | 0x20) != *w) return 0;
  }
  return k;
}

/* The length of the element tag at s[0..n) that loads or runs something,
 * a namespace prefix allowed (<x:script> is SVG's script when x names
 * SVG's namespace); 0 if it is none. */
static size_t active_tag(const char *s, size_t n) {
  static const char *const names[] = {"script", "foreignobject", "iframe", "frame",
                                      "embed",  "object",        "applet"};
  if (n < 2 || s[0] != '<') return 0;
  size_t k = 1;
  /* an XML name: ASCII letters, digits, _ - . and any character not ASCII (<é:script>) */
  while (k < n && (is_alpha(s[k]) || is_digit(s[k]) || s[k] == '_' || s[k] == '-' || s[k] == '.' ||
                   (unsigned char)s[k] >= 0x80))
    k++;
  size_t name = k < n && s[k] == ':' && k > 1 ? k + 1 : 1;
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
    size_t len = strlen(names[i]);
    if (n - name >= len && strncasecmp(s + name, names[i], len) == 0) return name + len;
  }
  return 0;
}

/* The length of what at s[0..n) runs script (0 when nothing does). */
static size_t runs_script(const char *s, size_t n) {
  size_t k = active_tag(s, n);
  if (k) return k;
  if (n >= 16 && strncasecmp(s, "<?xml-stylesheet", 16) == 0) return 16;
  if ((k = word_in_url(s, n, "javascript:")) || (k = word_in_url(s, n, "vbscript:"))) return k;
  /* a link whose URL starts with a reference no round decodes (an entity) */
  if (n > 4 && strncasecmp(s, "href", 4) == 0) {
    k = 4;
    while (k < n && strchr(" \t\r\n", s[k])) k++;
    if (k < n && s[k] == '=') {
      for (k++; k < n && strchr(" \t\r\n", s[k]); k++) {}
      if (k + 1 < n && (s[k] == '"' || s[k] == '\'') && s[k + 1] == '&') return k + 2;
    }
  }
  /* an event attribute: "on", letters, optional blanks, '=', after a blank,
   * or where HTML starts an attribute without one (<img/onerror=,
   * src="x"onerror=) */
  if (n > 3 && strchr(" \t\r\n\f/\"'", s[0]) && strncasecmp(s + 1, "on", 2) == 0 && is_alpha(s[3])) {
    k = 3;
    while (k < n && is_alpha(s[k])) k++;
    while (k < n && strchr(" \t\r\n", s[k])) k++;
    if (k < n && s[k] == '=') return k + 1;
  }
  return 0;
}

/* Where the file stops being text this check reads as a browser does,
 * with why; NULL when it does not.  A UTF-16 byte order mark makes the
 * browser decode the whole file as UTF-16 (it wins over the charset nginx
 * sends), in which "<script" is no byte string this check could find; an
 * ESC is ISO-2022-JP's shift, which decodes to nothing (<scr ESC ( B ipt>
 * is <script>); a NUL is UTF-16 or UTF-32 without a mark. */
static const char *unreadable(const char *s, size_t n, size_t *at) {
  *at = 0;
  if (n >= 2 && (memcmp(s, "\xFF\xFE", 2) == 0 || memcmp(s, "\xFE\xFF", 2) == 0)) return "holds a UTF-16 byte order mark";
  for (size_t i = 0; i < n; i++) {
    *at = i;
    if (s[i] == '\0') return "holds a NUL byte (UTF-16 or UTF-32 text)";
    if (s[i] == 0x1B) return "holds an ESC byte (an ISO-2022 shift)";
  }
  return NULL;
}

/* The line and column of byte `from` of text. */
static int line_col(const char *text, size_t from, int *col) {
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < from; i++)
    if (text[i] == '\n') {
      line++;
      line_start = i + 1;
    }
  *col = diag_col(text + line_start, from - line_start);
  return line;
}

/* A gzip-compressed .svgz, uncompressed (a server that sends it with
 * Content-Encoding: gzip has the browser read this); NULL when it is not
 * whole gzip or uncompresses to more than SVGZ_MAX. */
static char *gunzip(const char *in, size_t in_len, size_t *out_len) {
  z_stream z = {0};
  if (in_len > SVGZ_MAX || inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return NULL;
  size_t cap = in_len < SVGZ_MAX / 4 ? in_len * 4 + 4096 : SVGZ_MAX, n = 0;
  char *out = malloc(cap + 1);
  int rc = Z_OK;
  z.next_in = (unsigned char *)in;
  z.avail_in = (uInt)in_len;
  while (out && rc == Z_OK) {
    if (n == cap) {
      char *grown = cap < SVGZ_MAX ? realloc(out, (cap = cap * 2 > SVGZ_MAX ? SVGZ_MAX : cap * 2) + 1) : NULL;
      if (!grown) break;
      out = grown;
    }
    z.next_out = (unsigned char *)out + n;
    z.avail_out = (uInt)(cap - n);
    rc = inflate(&z, Z_NO_FLUSH);
    n = cap - z.avail_out;
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END || z.avail_in) {
    free(out);
    return NULL;
  }
  out[n] = '\0';
  *out_len = n;
  return out;
}

static void report(const char *path, const char *kind, const char *text, size_t len, size_t from, size_t to) {
  int col, line = line_col(text, from, &col);
  bool svg = strcmp(kind, "SVG") == 0;
  diag_error(path, line, col,
             svg ? "remove it (export the drawing again without scripts): a reader opening the file "
                   "would run it on the site's own address"
                 : "remove it (or publish the document as PDF): a reader opening the file would run it "
                   "on the site's own address",
             "%s file runs script: %.*s", kind, (int)((to < len ? to : len) - from), text + from);
}

/* Reports that the file is not text this check reads as a browser would. */
static void unreadable_report(const char *path, const char *kind, const char *text, size_t at, const char *hint,
                              const char *what) {
  int col = 1, line = text ? line_col(text, at, &col) : 1;
  diag_error(path, line, col, hint, "%s file %s: a browser would read text this check cannot", kind, what);
}

bool statics_markup_check(const char *path) {
  const char *kind = statics_markup_kind(path);
  if (!kind) return true;
  size_t len;
  char *text = fsx_read(path, &len);
  if (!text) {
    diag_system(path, "cannot read: %s", strerror(errno));
    return false;
  }
  if (strcmp(kind, "SVG") == 0 && len >= 2 && (unsigned char)text[0] == 0x1f && (unsigned char)text[1] == 0x8b) {
    size_t n = 0;
    char *plain = gunzip(text, len, &n); /* an .svgz as Inkscape saves it */
    free(text);
    if (!plain) {
      unreadable_report(path, kind, NULL, 0, "compress it again (gzip), or save it as a plain .svg",
                        "is gzip-compressed, but not whole (or larger than 64 MiB uncompressed)");
      return false;
    }
    text = plain;
    len = n;
  }
  size_t at;
  const char *why = unreadable(text, len, &at);
  if (why) {
    unreadable_report(path, kind, text, at, "save it as UTF-8 (or publish the document as PDF)",
                      why);
    free(text);
    return false;
  }
  text_map t = {malloc(len + 1), malloc((len + 1) * sizeof *t.at), len};
  if (!t.s || !t.at) abort();
  memcpy(t.s, text, len);
  for (size_t i = 0; i < len; i++) t.at[i] = i;
  size_t deeper = 0;
  bool ok = true;
  for (int round = 0; round <= DECODE_ROUNDS && memchr(t.s, '&', t.n) && decode_round(&t, &deeper); round++)
    if (round == DECODE_ROUNDS) { /* still references after DECODE_ROUNDS rounds */
      unreadable_report(path, kind, text, deeper,
                        "write the characters themselves, not references to references (or publish the document "
                        "as PDF)",
                        "holds character references nested more than " DEPTH_WORDS " deep");
      ok = false;
    }
  for (size_t i = 0; i < t.n && ok; i++) {
    size_t k = runs_script(t.s + i, t.n - i);
    if (!k) continue;
    size_t from = t.s[i] == '<' || is_alpha(t.s[i]) ? i : i + 1; /* an attribute: past its blank */
    report(path, kind, text, len, t.at[from], i + k < t.n ? t.at[i + k] : len);
    ok = false;
  }
  free(t.s);
  free(t.at);
  free(text);
  return ok;
}

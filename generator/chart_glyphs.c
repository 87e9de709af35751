/* chart_glyphs: every character a chart draws must be in its font (no
 * empty boxes), and one that is not is said where it is written: the line
 * and column of that character in the spec or the CSV file (a label's
 * twentieth character after CJK text is at its own column, not at the
 * cell's start).  The value checked may differ from its source (YAML
 * escapes and folding, CSV quotes, whitespace made one space), so the
 * character is looked for in the file's bytes from where the value starts:
 * its first appearance there is the one the value holds, since what lies
 * between is the value itself.  Columns count code points (diag.h). */
#include <string.h>

#include "chart_model.h"
#include "cjk.h"
#include "diag.h"

static bool is_hex(char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }

/* The character a YAML "…" escape at s (after the backslash) stands for,
 * its length in *n; 0 for an escaped line break (it stands for nothing)
 * and for what is no escape (libyaml has refused it). */
static uint32_t yaml_escape(const char *s, const char *end, size_t *n) {
  static const char named[] = "0abt\tnvfre \"/\\N_LP";
  static const uint32_t cps[] = {0,   7,   8,    9,   9, 10, 11, 12, 13, 27, ' ', '"', '/', '\\',
                                 0x85, 0xA0, 0x2028, 0x2029};
  *n = 1;
  const char *hit = s < end && *s ? strchr(named, *s) : NULL;
  if (hit) return cps[hit - named];
  size_t digits = s < end ? (*s == 'x' ? 2 : *s == 'u' ? 4 : *s == 'U' ? 8 : 0) : 0;
  if (!digits || (size_t)(end - s) <= digits) return 0;
  uint32_t cp = 0;
  for (size_t i = 1; i <= digits; i++) {
    if (!is_hex(s[i])) return 0;
    cp = cp << 4 | (uint32_t)(s[i] <= '9' ? s[i] - '0' : (s[i] | 0x20) - 'a' + 10);
  }
  *n = digits + 1;
  return cp;
}

/* The byte where line:col starts in text (a byte-order mark not counted,
 * as the readers do not count it), or NULL when the text is shorter. */
static const char *at_line_col(const char *text, size_t len, int line, int col) {
  const char *p = text, *end = text + len;
  if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) p += 3;
  for (int l = 1; l < line; l++) {
    p = memchr(p, '\n', (size_t)(end - p));
    if (!p++) return NULL;
  }
  for (int c = 1; c < col && p < end && *p != '\n'; c++) {
    uint32_t cp;
    size_t k = utf8_decode(p, (size_t)(end - p), &cp);
    p += k ? k : 1;
  }
  return p < end ? p : NULL;
}

/* Moves *line:*col from p up to q. */
static void advance(const char *p, const char *q, int *line, int *col) {
  for (; p < q; p++)
    if (*p == '\n') ++*line, *col = 1;
    else if (((unsigned char)*p & 0xC0) != 0x80) ++*col;
}

/* Where cp is written in the value that starts at *line:*col of src (the
 * position moved there); left as it is when it cannot be found. */
static void locate(const chart_source *src, uint32_t cp, int *line, int *col) {
  if (!src->text) return;
  const char *start = at_line_col(src->text, src->len, *line, *col), *end = src->text + src->len;
  if (!start) return;
  const char *p = start;
  bool quoted = false;
  if (src->yaml) { /* past an anchor or a tag, a block scalar's header line */
    while (p < end && (*p == '&' || *p == '!')) {
      p += strcspn(p, " \t\n");
      p += strspn(p, " \t");
    }
    if (p < end && (*p == '|' || *p == '>')) p += strcspn(p, "\n");
    quoted = p < end && *p == '"';
    p += quoted;
  }
  while (p < end) {
    uint32_t c;
    size_t k = utf8_decode(p, (size_t)(end - p), &c);
    if (quoted && *p == '"') return; /* the value ends without it */
    if (quoted && *p == '\\') {
      c = yaml_escape(p + 1, end, &k);
      k++;
    }
    if (k && c == cp) {
      advance(start, p, line, col);
      return;
    }
    p += k ? k : 1;
  }
}

bool glyphs_check(const chart_source *src, const char *s, chart_font f, int line, int col) {
  size_t n = strlen(s);
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t k = utf8_decode(s + i, n - i, &cp);
    if (k && !font_glyph(f, cp)) {
      locate(src, cp, &line, &col);
      diag_error(src->path, line, col, "use another character (the chart font is Noto Sans CJK SC)",
                 "the chart font has no glyph for \"%.*s\" (U+%04X)", (int)k, s + i, (unsigned)cp);
      return false;
    }
    i += k ? k : 1;
  }
  return true;
}

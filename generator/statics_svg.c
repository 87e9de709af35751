/* statics_svg: see statics_svg.h. */
#include "statics_svg.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "fsx.h"

static bool is_alpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* The length of what at s[0..n) runs script (0 when nothing does). */
static size_t runs_script(const char *s, size_t n) {
  static const char *const marks[] = {"<script", "<foreignobject", "<iframe", "<embed", "<object",
                                      "javascript:"};
  for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
    size_t k = strlen(marks[i]);
    if (n >= k && strncasecmp(s, marks[i], k) == 0) return k;
  }
  /* a link whose URL starts with a character reference (&#106;avascript:) */
  if (n > 4 && strncasecmp(s, "href", 4) == 0) {
    size_t k = 4;
    while (k < n && strchr(" \t\r\n", s[k])) k++;
    if (k < n && s[k] == '=') {
      for (k++; k < n && strchr(" \t\r\n", s[k]); k++) {}
      if (k + 1 < n && (s[k] == '"' || s[k] == '\'') && s[k + 1] == '&') return k + 2;
    }
  }
  /* an event attribute: blank, "on", letters, optional blanks, '=' */
  if (n > 3 && strchr(" \t\r\n", s[0]) && strncasecmp(s + 1, "on", 2) == 0 && is_alpha(s[3])) {
    size_t k = 3;
    while (k < n && is_alpha(s[k])) k++;
    while (k < n && strchr(" \t\r\n", s[k])) k++;
    if (k < n && s[k] == '=') return k + 1;
  }
  return 0;
}

bool statics_svg_check(const char *path) {
  size_t len;
  char *text = fsx_read(path, &len);
  if (!text) {
    diag_system(path, "cannot read: %s", strerror(errno));
    return false;
  }
  int line = 1;
  size_t line_start = 0;
  bool ok = true;
  for (size_t i = 0; i < len && ok; i++) {
    if (text[i] == '\n') {
      line++;
      line_start = i + 1;
      continue;
    }
    size_t k = runs_script(text + i, len - i);
    if (!k) continue;
    size_t at = text[i] == '<' || is_alpha(text[i]) ? i : i + 1; /* an attribute: past its blank */
    diag_error(path, line, diag_col(text + line_start, at - line_start),
               "remove it (export the drawing again without scripts): a reader opening the file "
               "would run it on the site's own address",
               "SVG file runs script: %.*s", (int)(i + k - at), text + at);
    ok = false;
  }
  free(text);
  return ok;
}

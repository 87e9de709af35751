/* text_check: see text_check.h. */
#include "text_check.h"

#include <string.h>

#include "cjk.h"
#include "diag.h"

/* What to do with a control character: Word's manual line break (U+000B)
 * and page break (U+000C) come with text pasted from it. */
static const char *control_hint(uint32_t cp) {
  if (cp == 0x0B || cp == 0x0C)
    return "delete it, or put a line break in its place (Word's line and page breaks paste as this character)";
  return "delete it (it comes with text pasted from Word, a PDF or a web page; most editors show it as a box or "
         "^ sign)";
}

bool text_check(const char *path, char *text, size_t len) {
  /* the usual file (no CR, no other control character, valid UTF-8) in one pass, 16 bytes at
   * a time; the walk below finds the line and column of a problem, and
   * rewrites lone CRs (a character-by-character walk of every page was a
   * tenth of a build's instructions) */
  if (utf8_plain_text(text, len)) return true;
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < len;) {
    unsigned char ch = (unsigned char)text[i];
    if (ch == '\r' && (i + 1 == len || text[i + 1] != '\n')) text[i] = '\n', ch = '\n';
    if (ch == '\n') {
      line++;
      line_start = ++i;
      continue;
    }
    uint32_t cp = ch;
    size_t k = ch < 0x80 ? 1 : utf8_decode(text + i, len - i, &cp);
    bool control = ch != '\r' && ch != '\t' && (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F));
    if (k == 0 || control) {
      int col = diag_col(text + line_start, i - line_start);
      if (ch == 0)
        diag_error(path, line, col, "save the file as UTF-8 text", "the file contains a NUL byte");
      else if (control)
        diag_error(path, line, col, control_hint(cp),
                   "invisible control character U+%04X in the text (HTML and XML forbid it)",
                   (unsigned)cp);
      else
        diag_error(path, line, col, "save the file as UTF-8 (in most editors: Save As, encoding UTF-8)",
                   "not valid UTF-8: byte 0x%02X (is the file in GBK or another encoding?)", ch);
      return false;
    }
    i += k;
  }
  return true;
}

void text_lone_cr(char *text, size_t len) {
  const char *end = text + len;
  for (char *c = memchr(text, '\r', len); c; c = memchr(c + 1, '\r', (size_t)(end - c - 1)))
    if (c + 1 == end || c[1] != '\n') *c = '\n';
}

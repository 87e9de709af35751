/* markdown_limits: see markdown_limits.h. */
#include "markdown_limits.h"

#include <string.h>

/* The line of text[at] and the pipes of that whole line, of the page up to
 * its end: what is reported once a limit is passed within it. */
static int report_line(const char *text, size_t len, size_t at, size_t *line_pipes, size_t *page_pipes) {
  int line = 1;
  size_t total = 0, here = 0;
  const char *end = memchr(text + at, '\n', len - at);
  size_t stop = end ? (size_t)(end - text) : len;
  for (size_t i = 0; i < stop; i++) {
    if (text[i] == '\n') line++, here = 0;
    else if (text[i] == '|') here++, total++;
  }
  *line_pipes = here;
  *page_pipes = total;
  return line;
}

int md_too_many_cells(const char *text, size_t len, size_t *line_pipes, size_t *page_pipes) {
  /* pipes are rare: jump from one to the next (memchr), counting those of
   * a line until a newline lies between two of them */
  size_t here = 0, total = 0;
  const char *p = text, *end = text + len, *last = NULL;
  for (const char *q; (q = memchr(p, '|', (size_t)(end - p))) != NULL; p = q + 1) {
    if (last && memchr(last, '\n', (size_t)(q - last))) here = 0;
    last = q;
    if (++here > MD_MAX_LINE_CELLS || ++total > MD_MAX_PAGE_CELLS)
      return report_line(text, len, (size_t)(q - text), line_pipes, page_pipes);
  }
  return 0;
}

/* markdown_limits: see markdown_limits.h. */
#include "markdown_limits.h"

int md_too_many_cells(const char *text, size_t len, size_t *line_pipes, size_t *page_pipes) {
  int line = 1;
  size_t here = 0, total = 0;
  for (size_t i = 0; i <= len; i++) {
    if (i == len || text[i] == '\n') {
      total += here;
      if (here > MD_MAX_LINE_CELLS || total > MD_MAX_PAGE_CELLS) {
        *line_pipes = here;
        *page_pipes = total;
        return line;
      }
      line++;
      here = 0;
    } else if (text[i] == '|') {
      here++;
    }
  }
  return 0;
}

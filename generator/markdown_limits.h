/* markdown_limits: what a page's Markdown may not hold because cmark-gfm
 * 0.29.0.gfm.6 (Debian 12) would take unbounded time or memory over it,
 * checked on the raw file before it is parsed: table cells, counted as
 * pipes.  The table extension appends each cell of a row to a linked list
 * from its head, so time grows with the square of a row's cells (three
 * rows of 50,000 cells under a two-column header take a minute), and every
 * cell costs about 900 bytes through parsing, rendering and the search
 * index (4,000 rows of 999 cells: 39 s, 3.5 GB).  Counting every pipe
 * (escaped ones, ones outside tables) errs on the safe side; no real table
 * comes near either limit. */
#ifndef GOVPUB_MARKDOWN_LIMITS_H
#define GOVPUB_MARKDOWN_LIMITS_H

#include <stddef.h>

#define MD_MAX_LINE_CELLS 256   /* pipes on one line */
#define MD_MAX_PAGE_CELLS 100000 /* pipes in one page */

/* Checks `text`: 0 when within both limits; otherwise the 1-based line
 * where one is passed, with the pipes counted on that line (*line_pipes,
 * the whole line) and in the page up to its end (*page_pipes). */
int md_too_many_cells(const char *text, size_t len, size_t *line_pipes, size_t *page_pipes);

#endif

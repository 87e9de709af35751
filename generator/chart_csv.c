/* chart_csv: the CSV file of a chart → a table of trimmed cells, each with
 * the line and column it starts at, so every later check (a non-numeric
 * cell, NaN, a huge value) can point at it.
 *
 * RFC 4180: comma-separated, fields may be quoted with "…" and "" inside,
 * quoted fields may hold commas and line breaks.  Also accepted: a UTF-8
 * byte-order mark (spreadsheets write one), CRLF or LF line ends, blank
 * lines, spaces around unquoted fields.  Cells are copied into the arena;
 * what is kept is bounded (CSV_KEPT_ROWS, CHART_CSV_MAX_COLS), so memory
 * does not grow with the file, whose size the caller bounds. */
#include <string.h>

#include "cjk.h"
#include "chart_model.h"
#include "diag.h"
#include "strmap.h"

/* Rows of the wrong length said one by one; past these, one message for
 * the rest (a million of them printed two million lines, 500 MB). */
#define CSV_MAX_ROW_ERRORS 10

typedef struct {
  arena *a;
  const char *path, *text, *end, *p, *line_start;
  int line;
  diag_col_memo cols;
  csv_cell *cells;
  size_t ncells, cap;
  bool keep; /* the row read is kept: its cells' text is copied */
} reader;

static int col_of(reader *r, const char *at) { return diag_col_next(&r->cols, r->line_start, at); }

static void push(reader *r, const char *s, size_t n, int line, int col) {
  if (r->ncells == r->cap) {
    size_t cap = r->cap ? r->cap * 2 : 64;
    r->cells = arena_grow(r->a, r->cells, r->ncells, cap, sizeof *r->cells);
    r->cap = cap;
  }
  r->cells[r->ncells++] = (csv_cell){r->keep ? arena_strndup(r->a, s, n) : "", line, col};
}

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

static void new_line(reader *r) {
  if (*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n') r->p++;
  r->p++;
  r->line++;
  r->line_start = r->p;
}

/* One field starting at r->p; leaves r->p on the comma, line end or end. */
static bool field(reader *r) {
  while (r->p < r->end && is_blank(*r->p)) r->p++;
  int line = r->line, col = col_of(r, r->p);
  if (r->p < r->end && *r->p == '"') {
    buf b = BUF_INIT;
    r->p++;
    for (;;) {
      if (r->p >= r->end) {
        diag_error(r->path, line, col,
                   "close the field with a double quote (write \"\" for a quote inside it)",
                   "unclosed quoted field");
        buf_free(&b);
        return false;
      }
      if (*r->p == '"') {
        if (r->p + 1 < r->end && r->p[1] == '"') {
          buf_putc(&b, '"');
          r->p += 2;
          continue;
        }
        r->p++;
        break;
      }
      if (*r->p == '\n' || *r->p == '\r') {
        buf_putc(&b, ' ');
        new_line(r);
        continue;
      }
      buf_putc(&b, *r->p++);
    }
    while (r->p < r->end && is_blank(*r->p)) r->p++;
    if (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r') {
      diag_error(r->path, r->line, col_of(r, r->p), "put a comma after the closing quote",
                 "text after a quoted field");
      buf_free(&b);
      return false;
    }
    push(r, buf_cstr(&b), b.len, line, col);
    buf_free(&b);
    return true;
  }
  const char *s = r->p;
  while (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r') {
    if (*r->p == '"') {
      diag_error(r->path, r->line, col_of(r, r->p), "quote the whole field: \"a \"\"b\"\" c\"",
                 "a double quote inside an unquoted field");
      return false;
    }
    r->p++;
  }
  const char *e = r->p;
  while (e > s && is_blank(e[-1])) e--;
  push(r, s, (size_t)(e - s), line, col);
  return true;
}

/* A line holding only blanks (skipped). */
static bool blank_line(const reader *r) {
  const char *q = r->p;
  while (q < r->end && is_blank(*q)) q++;
  return q >= r->end || *q == '\n' || *q == '\r';
}

bool csv_parse(arena *a, const char *path, const char *text, size_t len, csv_table *t) {
  static const char row_hint[] = "give every row one cell per column (leave a cell empty for a missing value)";
  memset(t, 0, sizeof *t);
  size_t bad;
  if (!utf8_valid(text, len, &bad)) {
    int line = 1;
    const char *ls = text;
    for (const char *q = text; q < text + bad; q++)
      if (*q == '\n') line++, ls = q + 1;
    diag_error(path, line, diag_col(ls, (size_t)(text + bad - ls)), "save the file as UTF-8",
               "the CSV file is not valid UTF-8");
    return false;
  }
  reader r = {.a = a, .path = path, .text = text, .end = text + len, .p = text, .line_start = text, .line = 1};
  if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) r.p = r.line_start = text + 3;
  size_t row_cells = 0, rows = 0, bad_rows = 0;
  int row_line = 1, first_unsaid = 0;
  bool ok = true;
  while (r.p < r.end) {
    if (blank_line(&r)) {
      while (r.p < r.end && *r.p != '\n' && *r.p != '\r') r.p++;
      if (r.p < r.end) new_line(&r);
      continue;
    }
    row_line = r.line;
    size_t first = r.ncells;
    r.keep = rows <= CSV_KEPT_ROWS;
    for (;;) {
      if (!field(&r)) return false;
      if (r.ncells - first > CHART_CSV_MAX_COLS) {
        const csv_cell *c = &r.cells[r.ncells - 1];
        diag_error(path, c->line, c->col,
                   "a chart draws at most 8 series: keep only the columns it draws, or split the file into "
                   "one CSV per chart",
                   "a row of more than %d cells; a chart's CSV file may have at most %d columns",
                   CHART_CSV_MAX_COLS, CHART_CSV_MAX_COLS);
        return false;
      }
      if (r.p < r.end && *r.p == ',') {
        r.p++;
        continue;
      }
      break;
    }
    if (r.p < r.end) new_line(&r);
    row_cells = r.ncells - first;
    if (rows == 0) t->ncols = row_cells;
    else if (row_cells != t->ncols) {
      if (bad_rows < CSV_MAX_ROW_ERRORS)
        diag_error(path, row_line, 1, row_hint, "this row has %zu cells; the header has %zu", row_cells, t->ncols);
      else if (bad_rows == CSV_MAX_ROW_ERRORS)
        first_unsaid = row_line;
      ok = false;
      bad_rows++;
      r.ncells = first; /* keep the table rectangular */
      continue;
    }
    if (!r.keep) r.ncells = first; /* counted, not kept */
    rows++;
  }
  if (bad_rows > CSV_MAX_ROW_ERRORS)
    diag_error(path, first_unsaid, 1, row_hint, "%zu more row%s with another number of cells than the header's %zu",
               bad_rows - CSV_MAX_ROW_ERRORS, bad_rows - CSV_MAX_ROW_ERRORS == 1 ? "" : "s", t->ncols);
  if (rows == 0) {
    diag_error(path, 1, 1, "put the column names on the first line and one row per category below",
               "the CSV file is empty");
    return false;
  }
  strmap *names = strmap_new_for(a, t->ncols); /* a pair loop took hours for a million columns */
  for (size_t i = 0; i < t->ncols; i++) {
    const csv_cell *h = &r.cells[i];
    if (!*h->s) {
      diag_error(path, h->line, h->col, "name every column on the first line", "empty column name");
      ok = false;
    } else if (strmap_put(names, h->s, (void *)h)) {
      diag_error(path, h->line, h->col, "give each column its own name", "duplicate column name \"%s\"", h->s);
      ok = false;
    }
  }
  if (rows == 1 && !bad_rows) { /* rows there are, but wrong, are said as such */
    diag_error(path, 1, 1, "add one row per category below the column names",
               "the CSV file has no data rows");
    return false;
  }
  t->cells = r.cells;
  t->nrows = r.ncells / t->ncols;
  t->data_rows = rows - 1;
  return ok;
}

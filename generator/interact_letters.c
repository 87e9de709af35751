/* interact_letters: the 群众来信 figures of interact.h — one YAML file a
 * year, data/letters/<year>.yaml at the site root (received, handled, an
 * optional by_channel map), read at build time with every bad figure
 * reported at its file:line:col, and site.yaml `letters.column`: the column
 * whose list page shows the summary.  The handling rate (办结率) is
 * computed, never written by hand, so it cannot disagree with the counts.
 * The files are inputs of that column's page, so the three sign-offs of
 * the page that publishes the figures cover them (docs/reviewers.md). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fsx.h"
#include "interact.h"

#define LETTERS_DIR "data/letters"

/* A count as written in a letters file: digits only, at most 9 of them.
 * `what` is the field, `item` the channel of by_channel (else ""). */
static bool read_count(const char *path, const yx_node *v, const char *what, const char *item, long *out) {
  bool ok = v->kind == YX_SCALAR && v->len > 0 && v->len <= 9;
  for (size_t i = 0; ok && i < v->len; i++) ok = v->str[i] >= '0' && v->str[i] <= '9';
  if (ok) {
    *out = strtol(v->str, NULL, 10);
    return true;
  }
  if (v->kind == YX_SCALAR)
    diag_error(path, v->line, v->col, "write the number of letters in digits, e.g. 92",
               "\"%s\"%s must be a whole number, not \"%s\"", what, item, v->str);
  else
    diag_error(path, v->line, v->col, "write the number of letters in digits, e.g. 92",
               "\"%s\"%s must be a whole number, not a %s", what, item, yx_kind_name(v->kind));
  return false;
}

static void read_channels(arena *a, const char *path, const yx_node *m, letters_year *ly, bool counts_ok) {
  if (m->kind != YX_MAP) {
    diag_error(path, m->line, m->col, "write one line per channel, e.g. `  网站信箱: 61`",
               "\"by_channel\" must be a map of channel names to counts");
    return;
  }
  ly->channels = arena_calloc(a, m->n ? m->n : 1, sizeof *ly->channels);
  ly->channel_counts = arena_calloc(a, m->n ? m->n : 1, sizeof *ly->channel_counts);
  long sum = 0;
  bool ok = true;
  for (size_t i = 0; i < m->n; i++) {
    long c;
    if (!read_count(path, m->vals[i], "by_channel", arena_printf(a, " %s", m->keys[i]->str), &c)) {
      ok = false;
      continue;
    }
    ly->channels[ly->nchannels] = m->keys[i]->str;
    ly->channel_counts[ly->nchannels++] = c;
    sum += c;
  }
  if (ok && counts_ok && m->n && sum != ly->received)
    diag_error(path, m->line, m->col, "the channels are the received letters split by where they came in: check the figures",
               "\"by_channel\" adds up to %ld, but \"received\" is %ld", sum, ly->received);
}

/* One data/letters/<year>.yaml into *ly; false when it has problems (reported). */
static bool read_year(arena *a, const char *path, int year, letters_year *ly) {
  size_t len;
  char *text = fsx_read_arena(a, path, &len);
  if (!text) {
    diag_error(path, 0, 0, "check the file's permissions", "cannot read letters figures: %s", strerror(errno));
    return false;
  }
  yx_node *y = yamlx_parse(a, path, text, len, 0, true);
  if (!y) return false;
  *ly = (letters_year){.year = year}; /* the slot of a file that failed before */
  bool ok = true;
  for (size_t i = 0; i < y->n; i++) {
    const char *k = y->keys[i]->str;
    if (strcmp(k, "received") && strcmp(k, "handled") && strcmp(k, "by_channel")) {
      diag_error(path, y->keys[i]->line, y->keys[i]->col, "a letters file has received, handled and by_channel",
                 "unknown key \"%s\"", k);
      ok = false;
    }
  }
  static const char *const need[] = {"received", "handled"};
  long *dst[] = {&ly->received, &ly->handled};
  bool counts = true;
  for (size_t i = 0; i < 2; i++) {
    yx_node *v = yx_get(y, need[i]);
    if (!v) {
      diag_error(path, 1, 1, arena_printf(a, "add `%s:` (%s)", need[i], i ? "办结件数" : "收到件数"),
                 "missing required field \"%s\"", need[i]);
      counts = false;
    } else if (!read_count(path, v, need[i], "", dst[i])) {
      counts = false;
    }
  }
  if (counts && ly->handled > ly->received) {
    yx_node *h = yx_get(y, "handled");
    diag_error(path, h->line, h->col, "办结 cannot exceed 收到: check both figures",
               "\"handled\" %ld is more than \"received\" %ld", ly->handled, ly->received);
    counts = false;
  }
  yx_node *ch = yx_get(y, "by_channel");
  if (ch && !yx_is_null(ch)) read_channels(a, path, ch, ly, counts);
  return ok && counts;
}

/* "2024.yaml" → 2024; 0 for any other name. */
static int year_of(const char *name) {
  int y = 0;
  for (int k = 0; k < 4; k++) {
    if (name[k] < '0' || name[k] > '9') return 0;
    y = y * 10 + (name[k] - '0');
  }
  return strcmp(name + 4, ".yaml") == 0 && y >= 1949 ? y : 0;
}

static const column *letters_column(site *s) {
  const site_config *c = s->cfg;
  yx_node *l = yx_get(c->yaml, "letters");
  if (!l || yx_is_null(l)) return NULL;
  yx_node *cv = yx_get(l, "column");
  if (l->kind != YX_MAP || !cv || cv->kind != YX_SCALAR || !cv->len) {
    diag_error(c->file, l->line, l->col, "write `letters: {column: hudong}` (the column that shows the summary)",
               "\"letters\" needs \"column\"");
    return NULL;
  }
  for (size_t i = 0; i < l->n; i++)
    if (strcmp(l->keys[i]->str, "column")) {
      diag_error(c->file, l->keys[i]->line, l->keys[i]->col, "letters: has only column",
                 "unknown key \"letters.%s\"", l->keys[i]->str);
    }
  for (size_t i = 0; i < s->ncolumns; i++)
    if (s->columns[i]->cfg && strcmp(s->columns[i]->path, cv->str) == 0) return s->columns[i];
  diag_error(c->file, cv->line, cv->col, "name a column declared under columns:",
             "letters.column \"%s\" is not a column", cv->str);
  return NULL;
}

static int cmp_newest(const void *a, const void *b) {
  return ((const letters_year *)b)->year - ((const letters_year *)a)->year;
}

letters_year *letters_load(site *s, size_t *n, const column **col) {
  arena *a = s->a;
  *n = 0;
  *col = letters_column(s);
  const char *root = s->cfg->root;
  const char *dir = path_in_site(a, root, LETTERS_DIR);
  fsx_entry *e;
  size_t ne;
  if (!fsx_is_dir(dir) || fsx_list(a, dir, &e, &ne) != 0) return NULL;
  letters_year *v = arena_calloc(a, ne ? ne : 1, sizeof *v);
  for (size_t i = 0; i < ne; i++) {
    const char *path = arena_printf(a, "%s/%s", dir, e[i].name);
    int year = year_of(e[i].name);
    if (!e[i].is_file || !year) {
      int at = !e[i].is_dir; /* a folder has no line */
      diag_error(path, at, at, "name each file after its year, e.g. data/letters/2024.yaml",
                 "not a letters file (<year>.yaml)");
      continue;
    }
    if (read_year(a, path, year, &v[*n])) (*n)++;
    if (*col && (*col)->index) page_add_input(a, (*col)->index, site_rel(s, path));
  }
  if (*n > 1) qsort(v, *n, sizeof *v, cmp_newest);
  return v;
}

const char *letters_rate(arena *a, long received, long handled) {
  if (received <= 0) return "—";
  long permille = (handled * 1000 + received / 2) / received; /* per mille, rounded half up */
  if (permille == 1000 && handled < received) permille = 999; /* never 100% with letters open */
  return permille % 10 ? arena_printf(a, "%ld.%ld%%", permille / 10, permille % 10)
                      : arena_printf(a, "%ld%%", permille / 10);
}

/* interact_letters: the 群众来信 figures of interact.h — one YAML file a
 * year, data/letters/<year>.yaml at the site root (received, handled, an
 * optional by_channel map, an optional pending list of the letters not
 * answered yet, whose age govpub check judges), read at build time with every bad figure
 * reported at its file:line:col — the one reader of these files: govpub
 * check and govpub report (the annual report's 群众来信 figures) take
 * theirs from here too — and site.yaml `letters.column`: the column
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

/* A count as written in a letters file: digits only, at most 9 of them, no
 * leading zero (092 is a typo, or octal to some readers: the report would
 * say 92 of a file that does not).  `what` is the field, `item` the channel
 * of by_channel (else ""). */
static bool read_count(arena *a, const char *path, const yx_node *v, const char *what, const char *item, long *out) {
  bool digits = v->kind == YX_SCALAR && v->len > 0;
  for (size_t i = 0; digits && i < v->len; i++) digits = v->str[i] >= '0' && v->str[i] <= '9';
  if (digits && v->len > 1 && v->str[0] == '0') {
    size_t zeros = strspn(v->str, "0");
    diag_error(path, v->line, v->col, arena_printf(a, "write %s", zeros == v->len ? "0" : v->str + zeros),
               "\"%s\"%s must not have leading zeros: \"%s\"", what, item, v->str);
    return false;
  }
  if (digits && v->len <= 9) {
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
    if (!read_count(a, path, m->vals[i], "by_channel", arena_printf(a, " %s", m->keys[i]->str), &c)) {
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

/* A letter's number or subject: text when given (NULL when not). */
static bool read_text(const char *path, const yx_node *item, const char *key, const char **out) {
  const yx_node *v = yx_get(item, key);
  *out = NULL;
  if (!v || yx_is_null(v)) return true;
  if (v->kind == YX_SCALAR) {
    *out = v->str;
    return true;
  }
  diag_error(path, v->line, v->col, "write it on one line, e.g. `no: 2024-0091` or `subject: 关于…的建议`",
             "\"pending\" letter's \"%s\" must be text, not a %s", key, yx_kind_name(v->kind));
  return false;
}

/* One letter of `pending:` into *lp: `received:` (required, a date of the
 * file's year: the letter is one of that year's received − handled), `no:`
 * and `subject:` (optional). */
static bool read_letter(arena *a, const char *path, int year, const yx_node *item, letter_pending *lp) {
  static const char keys_hint[] = "a pending letter has received (the day it came in), no and subject";
  if (item->kind != YX_MAP) {
    diag_error(path, item->line, item->col, "write one letter per item: `  - received: 2024-09-02`",
               "\"pending\" letters must be maps, not a %s", yx_kind_name(item->kind));
    return false;
  }
  bool ok = true;
  for (size_t i = 0; i < item->n; i++) {
    const char *k = item->keys[i]->str;
    if (strcmp(k, "received") && strcmp(k, "no") && strcmp(k, "subject")) {
      diag_error(path, item->keys[i]->line, item->keys[i]->col, keys_hint, "\"pending\" letter with unknown key \"%s\"", k);
      ok = false;
    }
  }
  bool no_ok = read_text(path, item, "no", &lp->no); /* both read: each says its own problem */
  bool subject_ok = read_text(path, item, "subject", &lp->subject);
  ok = ok && no_ok && subject_ok;
  const yx_node *v = yx_get(item, "received");
  if (!v || yx_is_null(v)) {
    diag_error(path, item->line, item->col, "add `received: 2024-09-02`, the day the letter came in",
               "\"pending\" letter without \"received\"");
    return false;
  }
  gdate d;
  char hint[200];
  const char *value = v->kind == YX_SCALAR ? v->str : yx_kind_name(v->kind);
  if (v->kind != YX_SCALAR || strlen(v->str) != 10 || !gdate_parse(v->str, false, &d)) {
    diag_error(path, v->line, v->col,
               gdate_hint(value, "write the day it came in as YYYY-MM-DD, e.g. received: 2024-09-02", hint, sizeof hint),
               "\"received\" is not a valid date: \"%s\"", value);
    return false;
  }
  if (gdate_year(&d) != year) {
    diag_error(path, v->line, v->col,
               arena_printf(a, "a letter is one of the letters of the year it came in: list it under `pending:` of "
                               "data/letters/%d.yaml", gdate_year(&d)),
               "\"received\" %s is not in %d", v->str, year);
    return false;
  }
  *lp = (letter_pending){v->str, gdate_day(&d), lp->no, lp->subject, v->line, v->col};
  return ok;
}

/* `pending:`: the letters not answered yet.  They are some of the letters
 * not handled (办结) — a letter answered may still be being handled — so
 * there are at most received − handled of them (`counts_ok`: both read). */
static bool read_pending(arena *a, const char *path, const yx_node *key, const yx_node *m, letters_year *ly,
                         bool counts_ok) {
  if (m->kind != YX_SEQ) {
    diag_error(path, m->line, m->col, "write one item per letter not answered yet: `  - received: 2024-09-02`",
               "\"pending\" must be a list of letters");
    return false;
  }
  ly->pending = arena_calloc(a, m->n ? m->n : 1, sizeof *ly->pending);
  bool ok = true;
  for (size_t i = 0; i < m->n; i++)
    if (read_letter(a, path, ly->year, m->items[i], &ly->pending[ly->npending])) ly->npending++;
    else ok = false;
  long open = ly->received - ly->handled;
  if (counts_ok && (long)m->n > open) {
    diag_error(path, key->line, key->col,
               "a pending letter is one of the letters not handled (received − handled): check the figures, and take "
               "the letters answered out of `pending:`",
               "\"pending\" lists %zu letter%s, more than the %ld not handled (received %ld − handled %ld)",
               (size_t)m->n, m->n == 1 ? "" : "s", open, ly->received, ly->handled);
    ok = false;
  }
  return ok;
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
  *ly = (letters_year){.year = year, .file = path}; /* the slot of a file that failed before */
  bool ok = true;
  for (size_t i = 0; i < y->n; i++) {
    const char *k = y->keys[i]->str;
    if (strcmp(k, "received") && strcmp(k, "handled") && strcmp(k, "by_channel") && strcmp(k, "pending")) {
      diag_error(path, y->keys[i]->line, y->keys[i]->col, "a letters file has received, handled, by_channel and pending",
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
    } else if (!read_count(a, path, v, need[i], "", dst[i])) {
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
  yx_node *pd = yx_get(y, "pending");
  if (pd && !yx_is_null(pd)) ok &= read_pending(a, path, yx_key(y, "pending"), pd, ly, counts);
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

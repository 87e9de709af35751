/* scan_dict: words/ read into lists and entries (docs/scan.md is the
 * format): every *.yaml is a list — category, severity, words, allow,
 * patterns — and a *.txt beside a *.yaml of the same name adds one word a
 * line to it.  Every problem is reported at words/file:line:col and the
 * whole dictionary is refused, so a scan never runs with half of it.
 * scan_compile.c then turns the entries into tables and the automaton. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fsx.h"
#include "scan_impl.h"

typedef struct {
  scan_dict *d;
  size_t cap_entries, cap_lists;
  bool failed;
} reader;

static bool has_suffix(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Relative paths of the *.yaml, *.yml and *.txt files below dir/rel, sorted. */
static void walk(reader *r, const char *dir, const char *rel, const char ***files, size_t *n, size_t *cap) {
  arena *a = r->d->a;
  const char *full = rel[0] ? path_join(a, dir, rel) : dir;
  fsx_entry *e;
  size_t ne;
  if (fsx_list(a, full, &e, &ne) != 0) {
    diag_system(full, "cannot list folder: %s", strerror(errno));
    r->failed = true;
    return;
  }
  for (size_t i = 0; i < ne; i++) {
    if (e[i].name[0] == '.') continue;
    const char *child = rel[0] ? path_join(a, rel, e[i].name) : arena_strdup(a, e[i].name);
    if (e[i].is_dir) {
      walk(r, dir, child, files, n, cap);
    } else if (e[i].is_file && (has_suffix(child, ".yaml") || has_suffix(child, ".yml") ||
                                has_suffix(child, ".txt"))) {
      if (*n == *cap) {
        *files = arena_grow(a, *files, *n, *cap ? *cap * 2 : 16, sizeof **files);
        *cap = *cap ? *cap * 2 : 16;
      }
      (*files)[(*n)++] = child;
    }
  }
}

static scan_entry *new_entry(reader *r, scan_entry_kind kind, uint32_t list, const char *file, int line,
                             int col, const char *text) {
  scan_dict *d = r->d;
  if (d->nentries == r->cap_entries) {
    size_t cap = r->cap_entries ? r->cap_entries * 2 : 256;
    d->entries = arena_grow(d->a, d->entries, d->nentries, cap, sizeof *d->entries);
    r->cap_entries = cap;
  }
  scan_entry *e = &d->entries[d->nentries++];
  *e = (scan_entry){.kind = kind, .severity = d->lists[list].severity, .list = list, .file = file,
                    .line = line, .col = col, .text = text};
  return e;
}

/* ---- one YAML list ---------------------------------------------------------- */

static bool read_severity(reader *r, const char *file, const yx_node *v, scan_severity *out) {
  const char *s = yx_str(v);
  if (s && strcmp(s, "block") == 0) *out = SCAN_BLOCK;
  else if (s && strcmp(s, "warn") == 0) *out = SCAN_WARN;
  else {
    diag_error(file, v->line, v->col, "block stops publishing; warn reports and lets it through",
               "severity must be block or warn, not \"%s\"", s ? s : yx_kind_name(v->kind));
    r->failed = true;
    return false;
  }
  return true;
}

/* A non-empty string scalar, or an error naming `what`. */
static const char *read_text(reader *r, const char *file, const yx_node *v, const char *what) {
  const char *s = yx_str(v);
  if (s && *s) return s;
  diag_error(file, v->line, v->col, "write it as text (docs/scan.md)", "%s must be a non-empty string", what);
  r->failed = true;
  return NULL;
}

static bool key_known(const char *key, const char *const *known) {
  for (; *known; known++)
    if (strcmp(key, *known) == 0) return true;
  return false;
}

/* Checks that map m has only `known` keys; `hint` lists them. */
static void check_keys(reader *r, const char *file, const yx_node *m, const char *const *known,
                       const char *hint) {
  for (size_t i = 0; i < m->n; i++)
    if (!key_known(m->keys[i]->str, known)) {
      diag_error(file, m->keys[i]->line, m->keys[i]->col, hint, "unknown key \"%s\"", m->keys[i]->str);
      r->failed = true;
    }
}

/* `fix`, `hint` and `severity` of a word or pattern. */
static void read_details(reader *r, const char *file, const yx_node *m, scan_entry *e) {
  const yx_node *v;
  if ((v = yx_get(m, "fix"))) e->fix = read_text(r, file, v, "fix");
  if ((v = yx_get(m, "hint"))) e->hint = read_text(r, file, v, "hint");
  if ((v = yx_get(m, "severity"))) read_severity(r, file, v, &e->severity);
}

static const char *const word_keys[] = {"word", "fix", "hint", "severity", NULL};
static const char *const pattern_keys[] = {"re", "name", "fix", "hint", "severity", "check", "mask", NULL};
static const char *const list_keys[] = {"category", "severity", "gap", "words", "allow", "patterns", NULL};

static void read_words(reader *r, const char *file, uint32_t list, const yx_node *v) {
  if (v->kind != YX_SEQ) {
    diag_error(file, v->line, v->col, "write words: [词一, 词二] or one `- 词` per line",
               "words must be a list");
    r->failed = true;
    return;
  }
  for (size_t i = 0; i < v->n; i++) {
    const yx_node *w = v->items[i];
    if (w->kind == YX_MAP) {
      check_keys(r, file, w, word_keys, "a word is a string, or {word, fix, hint, severity}");
      const yx_node *t = yx_get(w, "word");
      if (!t) {
        diag_error(file, w->line, w->col, "write {word: 错词, fix: 正确写法}", "missing \"word\"");
        r->failed = true;
        continue;
      }
      const char *s = read_text(r, file, t, "a word");
      if (s) read_details(r, file, w, new_entry(r, SE_WORD, list, file, t->line, t->col, s));
    } else {
      const char *s = read_text(r, file, w, "a word");
      if (s) new_entry(r, SE_WORD, list, file, w->line, w->col, s);
    }
  }
}

static void read_allow(reader *r, const char *file, uint32_t list, const yx_node *v) {
  if (v->kind != YX_SEQ) {
    diag_error(file, v->line, v->col, "write allow: [包含该词的无害短语]", "allow must be a list");
    r->failed = true;
    return;
  }
  for (size_t i = 0; i < v->n; i++) {
    const char *s = read_text(r, file, v->items[i], "an allowed phrase");
    if (s) new_entry(r, SE_ALLOW, list, file, v->items[i]->line, v->items[i]->col, s);
  }
}

static void read_patterns(reader *r, const char *file, uint32_t list, const yx_node *v) {
  if (v->kind != YX_SEQ) {
    diag_error(file, v->line, v->col, "write patterns: followed by `- re: ...` items",
               "patterns must be a list");
    r->failed = true;
    return;
  }
  for (size_t i = 0; i < v->n; i++) {
    const yx_node *p = v->items[i];
    if (p->kind != YX_MAP) {
      diag_error(file, p->line, p->col, "write `- re: '...'` with hint:, severity: as needed",
                 "a pattern must be a mapping with re:");
      r->failed = true;
      continue;
    }
    check_keys(r, file, p, pattern_keys, "a pattern has re, name, fix, hint, severity, check and mask");
    const yx_node *re = yx_get(p, "re");
    if (!re) {
      diag_error(file, p->line, p->col, "add re: with a PCRE2 regular expression", "missing \"re\"");
      r->failed = true;
      continue;
    }
    const char *s = read_text(r, file, re, "re");
    if (!s) continue;
    scan_entry *e = new_entry(r, SE_PATTERN, list, file, re->line, re->col, s);
    read_details(r, file, p, e);
    const yx_node *x;
    if ((x = yx_get(p, "name"))) e->name = read_text(r, file, x, "name");
    if ((x = yx_get(p, "mask"))) {
      int b = yx_bool(x);
      if (b < 0) {
        diag_error(file, x->line, x->col, "write mask: true to show matches masked (138****5678), or leave it out",
                   "mask must be true or false");
        r->failed = true;
      }
      e->mask = b == 1;
    }
    if ((x = yx_get(p, "check"))) {
      const char *c = yx_str(x);
      if (c && strcmp(c, "gb11643") == 0) e->check = CHECK_GB11643;
      else if (c && strcmp(c, "luhn") == 0) e->check = CHECK_LUHN;
      else {
        diag_error(file, x->line, x->col,
                   "gb11643 (身份证号, 18 or 15 digits: province, birth date, check digit) or luhn (bank card numbers)",
                   "unknown check \"%s\"", c ? c : yx_kind_name(x->kind));
        r->failed = true;
      }
    }
  }
}

static uint32_t new_list(reader *r, const char *file, const char *rule) {
  scan_dict *d = r->d;
  if (d->nlists == r->cap_lists) {
    size_t cap = r->cap_lists ? r->cap_lists * 2 : 16;
    d->lists = arena_grow(d->a, d->lists, d->nlists, cap, sizeof *d->lists);
    r->cap_lists = cap;
  }
  d->lists[d->nlists] = (scan_list){file, rule, rule, SCAN_BLOCK, d->gap};
  return (uint32_t)d->nlists++;
}

static void read_yaml(reader *r, const char *file, const char *rule, char *text, size_t len) {
  yx_node *y = yamlx_parse(r->d->a, file, text, len, 0, true);
  if (!y) {
    r->failed = true;
    return;
  }
  uint32_t list = new_list(r, file, rule);
  scan_list *l = &r->d->lists[list];
  check_keys(r, file, y, list_keys, "a list has category, severity, gap, words, allow and patterns (docs/scan.md)");
  const yx_node *v;
  if ((v = yx_get(y, "category"))) {
    const char *c = read_text(r, file, v, "category");
    if (c) l->category = c;
  }
  if ((v = yx_get(y, "severity"))) read_severity(r, file, v, &l->severity);
  if ((v = yx_get(y, "gap"))) {
    char *end;
    long g = yx_str(v) ? strtol(v->str, &end, 10) : -1;
    if (!yx_str(v) || !*v->str || *end || g < 0 || g > SCAN_MAX_GAP) {
      diag_error(file, v->line, v->col, "0 matches words only as written; 2 skips up to two spaces or marks",
                 "gap must be a number from 0 to %d", SCAN_MAX_GAP);
      r->failed = true;
    } else {
      l->gap = (uint32_t)g;
    }
  }
  if ((v = yx_get(y, "words"))) read_words(r, file, list, v);
  if ((v = yx_get(y, "allow"))) read_allow(r, file, list, v);
  if ((v = yx_get(y, "patterns"))) read_patterns(r, file, list, v);
}

/* One word a line; blank lines and lines starting with # are skipped;
 * spaces around a word are not part of it. */
static void read_txt(reader *r, const char *file, uint32_t list, char *text, size_t len) {
  int line = 0;
  for (char *p = text, *end = text + len; p < end;) {
    char *nl = memchr(p, '\n', (size_t)(end - p));
    char *e = nl ? nl : end;
    line++;
    char *s = p;
    while (s < e && (*s == ' ' || *s == '\t')) s++;
    char *t = e;
    while (t > s && (t[-1] == ' ' || t[-1] == '\t' || t[-1] == '\r')) t--;
    if (s < t && *s != '#') new_entry(r, SE_WORD, list, file, line, diag_col(p, (size_t)(s - p)), arena_strndup(r->d->a, s, (size_t)(t - s)));
    p = e + 1;
  }
}

/* The stem of a list file: "wording/typos.yaml" → "wording/typos". */
static const char *stem(arena *a, const char *rel) {
  return arena_strndup(a, rel, (size_t)(strrchr(rel, '.') - rel));
}

const char *scan_packs_hint(arena *a, const char *datadir, const char *words) {
  const char *packs = path_join(a, datadir, "words");
  return arena_printf(a, "copy the rule packs govpub comes with (%s/wording and %s/privacy) into %s/, "
                         "and add the site's own 敏感词 lists (docs/scan.md)",
                      packs, packs, words);
}

scan_dict *scan_dict_load(const char *dir, const scan_options *opt) {
  if (!norm_init()) return NULL;
  scan_dict *d = calloc(1, sizeof *d);
  if (!d) abort();
  d->a = arena_new();
  d->dir = arena_strdup(d->a, dir);
  int gap = opt ? opt->gap : SCAN_DEFAULT_GAP;
  d->gap = (uint32_t)(gap < 0 ? 0 : gap > SCAN_MAX_GAP ? SCAN_MAX_GAP : gap);
  d->code = opt && opt->code;
  reader r = {.d = d};
  if (!fsx_is_dir(dir)) {
    diag_error(dir, 0, 0, "put the site's word lists there (docs/scan.md), or pass --words DIR",
               "no dictionary folder");
    scan_dict_free(d);
    return NULL;
  }
  const char **files = NULL;
  size_t nfiles = 0, cap = 0;
  walk(&r, dir, "", &files, &nfiles, &cap);
  char **texts = arena_calloc(d->a, nfiles ? nfiles : 1, sizeof *texts);
  size_t *lens = arena_calloc(d->a, nfiles ? nfiles : 1, sizeof *lens);
  buf all = BUF_INIT; /* what the version digest covers */
  size_t nyaml = 0;
  for (size_t i = 0; i < nfiles; i++) {
    const char *full = path_join(d->a, dir, files[i]);
    char *t = fsx_read(full, &lens[i]);
    if (!t) {
      diag_system(full, "cannot read: %s", strerror(errno));
      r.failed = true;
      continue;
    }
    texts[i] = arena_strndup(d->a, t, lens[i]);
    free(t);
    buf_printf(&all, "%s%c%zu%c", files[i], 0, lens[i], 0);
    buf_put(&all, texts[i], lens[i]);
    if (!has_suffix(files[i], ".txt")) nyaml++;
  }
  digest_mem(all.data ? all.data : "", all.len, d->version);
  buf_free(&all);
  /* Lists first (in file order), then each .txt joins the list of its .yaml. */
  for (size_t i = 0; i < nfiles; i++)
    if (texts[i] && !has_suffix(files[i], ".txt"))
      read_yaml(&r, path_join(d->a, dir, files[i]), stem(d->a, files[i]), texts[i], lens[i]);
  for (size_t i = 0; i < nfiles; i++) {
    if (!texts[i] || !has_suffix(files[i], ".txt")) continue;
    const char *file = path_join(d->a, dir, files[i]), *rule = stem(d->a, files[i]);
    size_t l = 0;
    while (l < d->nlists && strcmp(d->lists[l].rule, rule) != 0) l++;
    if (l == d->nlists) {
      diag_error(file, 1, 1,
                 arena_printf(d->a, "create %s/%s.yaml with its category: and severity:", dir, rule),
                 "word list has no .yaml beside it");
      r.failed = true;
      continue;
    }
    read_txt(&r, file, (uint32_t)l, texts[i], lens[i]);
  }
  if (!r.failed && nyaml == 0) {
    diag_error(dir, 0, 0, "add at least one list (docs/scan.md)", "no dictionaries in the folder");
    r.failed = true;
  }
  /* A list that checks nothing is a mistake (a misspelt key, an empty file). */
  for (size_t l = 0; l < d->nlists; l++) {
    bool any = false;
    for (size_t i = 0; i < d->nentries && !any; i++)
      any = d->entries[i].list == l && d->entries[i].kind != SE_ALLOW;
    if (!any) {
      diag_error(d->lists[l].file, 1, 1, "add words: or patterns: (docs/scan.md)", "the list has no words and no patterns");
      r.failed = true;
    }
  }
  /* the entries are checked even when something else failed: one run
   * reports every problem */
  if (!scan_compile(d, !r.failed) || r.failed) {
    scan_dict_free(d);
    return NULL;
  }
  return d;
}

void scan_dict_free(scan_dict *d) {
  if (!d) return;
  for (size_t i = 0; i < d->nentries; i++) pcre2_code_free(d->entries[i].re);
  pcre2_match_context_free(d->mctx);
  cp_table_free(&d->sym);
  ac_free(&d->ac);
  arena_free(d->a);
  free(d);
}

const char *scan_dict_version(const scan_dict *d) { return d->version; }
const char *scan_dict_dir(const scan_dict *d) { return d->dir; }
size_t scan_dict_lists(const scan_dict *d) { return d->nlists; }
size_t scan_dict_words(const scan_dict *d) { return d->nwords; }
size_t scan_dict_patterns(const scan_dict *d) { return d->npatterns; }

scan_list_info scan_dict_list(const scan_dict *d, size_t i) {
  const scan_list *l = &d->lists[i];
  return (scan_list_info){l->file, l->rule, l->category, l->severity};
}

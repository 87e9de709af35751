/* site: see site.h.  Loading is parallel (each worker parses into its own
 * arena); linking runs over the finished pages, two independent halves of it
 * on two threads (site_link.c). */
#include "site.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cjk.h"
#include "diag.h"
#include "fields.h"
#include "fsx.h"
#include "markdown_limits.h"
#include "pool.h"
#include "site_fm.h"
#include "site_name.h"
#include "suggest.h"
#include "text_check.h"
#include "tmpl.h"

/* A page's Markdown beyond this is refused before it is read: the largest
 * real documents are a few hundred KB, and parsing costs about 40 times the
 * file's size in memory. */
#define SITE_MAX_PAGE_BYTES (8 << 20)

/* Columns whose folders stay open (column.fd): the soft limit on open files
 * is often 1,024. */
#define SITE_COLUMN_FDS 256

/* ---- walking content/ -------------------------------------------------- */

/* content_path, in `a`. */
static const char *content_path_in(const site *s, arena *a, const char *rel) {
  const char *root = s->cfg->root;
  return strcmp(root, ".") == 0 ? arena_cat(a, "content/", rel, NULL) : arena_cat(a, root, "/content/", rel, NULL);
}

const char *content_path(site *s, const char *rel) { return content_path_in(s, s->a, rel); }

typedef struct {
  const char **v;
  size_t n, cap;
} strvec;

static void strvec_push(arena *a, strvec *sv, const char *s) {
  if (sv->n == sv->cap) {
    size_t cap = sv->cap ? sv->cap * 2 : 64;
    sv->v = arena_grow(a, sv->v, sv->n, cap, sizeof *sv->v);
    sv->cap = cap;
  }
  sv->v[sv->n++] = s;
}

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

static void walk(const site *s, arena *a, const char *content, const char *rel, strvec *dirs, strvec *files);

/* One entry of content/<rel> (e): a folder (column) goes to dirs and is
 * walked, a .md file goes to files. */
static void walk_entry(const site *s, arena *a, const char *content, const char *rel, const fsx_entry *e,
                       strvec *dirs, strvec *files) {
  if (e->name[0] == '.') return;
  char *child = rel[0] ? path_join(a, rel, e->name) : arena_strdup(a, e->name);
  if (e->is_link) {
    int at = !e->is_dir; /* a link to a file at 1:1, as a whole file; to a folder, no line */
    diag_error(content_path_in(s, a, child), at, at, "copy the file into the site instead of linking to it",
               "symbolic links are not followed (they could lead out of the site)");
  } else if (e->is_dir) {
    strvec_push(a, dirs, child);
    walk(s, a, content, child, dirs, files);
  } else if (e->is_file && ends_with(e->name, ".md")) {
    strvec_push(a, files, child);
  }
}

/* Collects folders (columns) and .md files below content/<rel>, in name
 * order, in `a`. */
static void walk(const site *s, arena *a, const char *content, const char *rel, strvec *dirs, strvec *files) {
  char *full = rel[0] ? path_join(a, content, rel) : (char *)content;
  fsx_entry *e;
  size_t n;
  if (fsx_list(a, full, &e, &n) != 0) {
    diag_system(full, "cannot list folder: %s", strerror(errno));
    return;
  }
  for (size_t i = 0; i < n; i++) walk_entry(s, a, content, rel, &e[i], dirs, files);
}

/* content/ walked with its entries (the columns) on the site's workers,
 * each into lists of its own in its worker's arena, joined in the order
 * one walk makes: walking 10k files on one thread was 12 M instructions of
 * an incremental build before its threads had anything to do. */
typedef struct {
  const site *s;
  const char *content;
  const fsx_entry *e;   /* content/'s entries */
  strvec *dirs, *files; /* what each entry gave */
} top_walk;

static void walk_top(void *ctx, size_t i, int worker) {
  top_walk *t = ctx;
  walk_entry(t->s, t->s->worker_arenas[worker], t->content, "", &t->e[i], &t->dirs[i], &t->files[i]);
}

static void walk_content(site *s, const char *content, strvec *dirs, strvec *files) {
  fsx_entry *e;
  size_t n;
  if (fsx_list(s->a, content, &e, &n) != 0) {
    diag_system(content, "cannot list folder: %s", strerror(errno));
    return;
  }
  top_walk t = {s, content, e, arena_calloc(s->a, n ? n : 1, sizeof *t.dirs),
                arena_calloc(s->a, n ? n : 1, sizeof *t.files)};
  pool_run((int)s->nworkers, n, walk_top, &t);
  for (size_t i = 0; i < n; i++) {
    for (size_t k = 0; k < t.dirs[i].n; k++) strvec_push(s->a, dirs, t.dirs[i].v[k]);
    for (size_t k = 0; k < t.files[i].n; k++) strvec_push(s->a, files, t.files[i].v[k]);
  }
}

/* ---- parsing one page -------------------------------------------------- */

typedef struct {
  site *s;
  const site_memo *memo; /* may be NULL */
  arena **scratch;   /* one per worker: the file being parsed, reset after each */
} load_ctx;

/* Finds the front matter: returns false (after reporting) when missing. */
static bool split_front_matter(page *p, const char **fm, size_t *fmlen) {
  const char *t = p->text;
  if (strncmp(t, "\xEF\xBB\xBF", 3) == 0) t += 3; /* a BOM some editors write */
  bool toml = strncmp(t, "+++", 3) == 0 && (t[3] == '\n' || (t[3] == '\r' && t[4] == '\n'));
  if (toml) { /* Hugo's other front matter: an editor used to Hugo is told what govpub reads instead */
    diag_error(p->src, 1, 1, "write the fields as YAML between two --- lines (title: \"…\", not title = \"…\")",
               "TOML front matter (+++) is not read: govpub's front matter is YAML");
    return false;
  }
  if (strncmp(t, "---", 3) != 0 || (t[3] != '\n' && !(t[3] == '\r' && t[4] == '\n'))) {
    diag_error(p->src, 1, 1, "start the file with a --- line, the YAML fields, and another --- line",
               "missing front matter");
    return false;
  }
  const char *start = strchr(t, '\n') + 1;
  int line = 2;
  for (const char *l = start; *l;) {
    const char *nl = strchr(l, '\n');
    size_t len = nl ? (size_t)(nl - l) : strlen(l);
    if (len && l[len - 1] == '\r') len--;
    if (len == 3 && (strncmp(l, "---", 3) == 0 || strncmp(l, "...", 3) == 0)) {
      *fm = start;
      *fmlen = (size_t)(l - start);
      p->body = nl ? nl + 1 : l + len;
      p->body_len = (size_t)(p->text + p->text_len - p->body);
      p->body_line = line;
      return true;
    }
    line++;
    if (!nl) break;
    l = nl + 1;
  }
  diag_error(p->src, 1, 1, "close the front matter with a line of three dashes (---)",
             "front matter is never closed");
  return false;
}

/* Whether item i of a list is one scalars() takes. */
static bool listed_scalar(const yx_node *v, size_t i) { return v->items[i]->kind == YX_SCALAR && v->items[i]->len; }

static const char **scalars(arena *a, const yx_node *v, size_t *n) {
  *n = 0;
  if (!v || yx_is_null(v)) return NULL;
  if (v->kind == YX_SCALAR) {
    const char **out = arena_alloc(a, sizeof *out);
    out[0] = v->str;
    *n = 1;
    return out;
  }
  if (v->kind != YX_SEQ) return NULL;
  const char **out = arena_alloc(a, (v->n ? v->n : 1) * sizeof *out);
  for (size_t i = 0; i < v->n; i++)
    if (listed_scalar(v, i)) out[(*n)++] = v->items[i]->str;
  return out;
}

/* A page's tags and topics are bounded (docs/editors.md): no real portal
 * page comes near, and more is a mistake (a pasted paragraph, a generated
 * list) that would show on the page and make a folder per name.  What is
 * over a bound is reported at its item and left out. */
enum { TERMS_MAX = 32, TERM_CHARS_MAX = 64 };

static void bound_terms(const page *p, const yx_node *v, const char **names, size_t *n, const char *what) {
  size_t listed = 0, kept = 0, items = v && v->kind == YX_SEQ ? v->n : *n;
  for (size_t i = 0; i < items; i++) {
    if (v->kind == YX_SEQ && !listed_scalar(v, i)) continue;
    const yx_node *at = v->kind == YX_SEQ ? v->items[i] : v;
    const char *name = names[listed++];
    size_t chars = utf8_count(name, strlen(name));
    if (listed == TERMS_MAX + 1)
      diag_error(p->src, at->line, at->col, "keep the ones a reader would look the page up by",
                 "a page may have at most %d %ss; this one has %zu", TERMS_MAX, what, *n);
    if (chars > TERM_CHARS_MAX)
      diag_error(p->src, at->line, at->col, "shorten it: it is a name, shown on the page and on its own list",
                 "%s is %zu characters long; it may have at most %d", what, chars, TERM_CHARS_MAX);
    else if (listed <= TERMS_MAX)
      names[kept++] = name;
  }
  *n = kept;
}

const yx_node *page_alias_node(const page *p, size_t k) {
  const yx_node *v = p->fm ? yx_get(p->fm, "aliases") : NULL;
  if (!v || v->kind != YX_SEQ) return v; /* one alias, written without a list */
  for (size_t i = 0; i < v->n; i++) /* the k-th that scalars() took */
    if (listed_scalar(v, i) && k-- == 0) return v->items[i];
  return v;
}

/* The front matter keys page_fields reads (site_fm.h), found in the one
 * pass that makes the canonical mapping (a lookup per field, each a scan of
 * the keys, was a third of an incremental build's instructions). */
static const char *const fm_names[FM_KNOWN] = {
#define FM_NAME(id, name) [FM_##id] = name,
    SITE_FM_KEYS(FM_NAME)
#undef FM_NAME
};

/* The one FM_ id key can have, picked by its first letter, then by one
 * where names share it (a loop over all the names cost more than the rest
 * of page_fields), or -1.  Only a guess: fm_id compares the whole name,
 * so a wrong branch here cannot map another key to an id, and a name
 * missing here fails tests/unit/test_site_fm.c. */
static inline int fm_guess(const char *k) {
  switch (k[0]) {
  case 'a': return k[1] == 'u' ? FM_AUTHOR : k[1] == 'l' ? FM_ALIASES : FM_ATTACHMENTS;
  case 'd': return k[1] == 'a' ? FM_DATE : k[1] == 'r' ? FM_DRAFT : FM_DISCLOSURE;
  case 'e': return FM_END;
  case 'i':
    return k[1] == 's'                       ? FM_ISSUE
           : strncmp(k, "interpret", 9) != 0 ? -1
           : k[9] == 'a'                     ? FM_INTERPRETATIONS
                                             : FM_INTERPRETS;
  case 'l': return FM_LAYOUT;
  case 'r': return k[1] == 'e' && k[2] == 'p' ? FM_REPLIED : FM_RESULT;
  case 's': return k[1] == 'o' ? FM_SOURCE : k[1] == 'u' ? FM_SUMMARY : FM_SLUG;
  case 't': return k[1] == 'i' ? FM_TITLE : k[1] == 'a' ? FM_TAGS : k[1] == 'o' ? FM_TOPICS : FM_TYPE;
  case 'u': return FM_UPDATED;
  case 'w': return FM_WEIGHT;
  default: return -1;
  }
}

/* site_fm_id, inline in canonical_fields' pass over every key of every page
 * (called, it was a tenth more instructions than the lookup it replaced). */
static inline int fm_id(const char *key) {
  int id = fm_guess(key);
  return id >= 0 && strcmp(key, fm_names[id]) == 0 ? id : -1;
}

int site_fm_id(const char *key) { return fm_id(key); }

/* The key among the first n of map's, or NULL. */
static yx_node *key_among(const yx_node *map, size_t n, const char *key) {
  for (size_t i = 0; i < n; i++)
    if (map->keys[i]->str[0] == key[0] && strcmp(map->keys[i]->str, key) == 0) return map->keys[i];
  return NULL;
}

/* A copy of fm's mapping node with room for all its entries, the first n
 * of them copied. */
static yx_node *copy_head(arena *a, const yx_node *fm, size_t n) {
  yx_node *m = arena_alloc(a, sizeof *m);
  *m = *fm;
  m->keys = arena_alloc(a, (fm->n ? fm->n : 1) * sizeof *m->keys);
  m->vals = arena_alloc(a, (fm->n ? fm->n : 1) * sizeof *m->vals);
  memcpy(m->keys, fm->keys, n * sizeof *m->keys);
  memcpy(m->vals, fm->vals, n * sizeof *m->vals);
  return m;
}

/* Front matter with canonical keys and values (aliases applied), keeping
 * every node's position: fm itself when it is canonical already (most
 * pages), else a copy; known[] gets the values of the keys page_fields
 * reads (NULL where absent). */
static yx_node *canonical_fields(arena *a, const site_config *c, const page *p, yx_node *fm,
                                 yx_node *known[FM_KNOWN]) {
  memset(known, 0, FM_KNOWN * sizeof *known);
  yx_node *m = fm; /* until an entry differs or is dropped */
  size_t kept = 0;
  for (size_t i = 0; i < fm->n; i++) {
    const char *key = config_canonical_key(c, fm->keys[i]->str);
    yx_node *k = fm->keys[i];
    if (key != k->str) {
      k = arena_alloc(a, sizeof *k);
      *k = *fm->keys[i];
      k->str = key;
      k->len = strlen(key);
    }
    int id = fm_id(key);
    /* a memo's keys passed this check in the build that made it, under the same site.yaml */
    yx_node *prev = p->from_memo || (id >= 0 && !known[id]) ? NULL : key_among(m, kept, key);
    if (prev) {
      diag_error(p->src, k->line, k->col, "keep one of the two spellings",
                 "\"%s\" is given twice (also at line %d)", key, prev->line);
      if (m == fm) m = copy_head(a, fm, kept);
      continue;
    }
    yx_node *v = fm->vals[i];
    if (v->kind == YX_SCALAR) {
      const char *canon = config_canonical_value(c, key, v->str);
      if (canon != v->str) {
        yx_node *nv = arena_alloc(a, sizeof *nv);
        *nv = *v;
        nv->str = canon;
        nv->len = strlen(canon);
        v = nv;
      }
    }
    if (id >= 0) known[id] = v;
    if (m == fm && (k != fm->keys[i] || v != fm->vals[i])) m = copy_head(a, fm, kept);
    if (m != fm) {
      m->keys[kept] = k;
      m->vals[kept] = v;
    }
    kept++;
  }
  if (m != fm) m->n = kept;
  return m;
}

/* A date field; reported here only when site.yaml declares no format for it
 * (otherwise check_fields reports it, once). */
static bool read_date(const site_config *c, const page *p, yx_node *v, const char *name, gdate *out) {
  if (!v || yx_is_null(v)) return false;
  if (v->kind == YX_SCALAR && gdate_parse(v->str, true, out)) return true;
  if (config_field(c, name)) return false;
  char hint[160];
  diag_error(p->src, v->line, v->col,
             gdate_hint(yx_str(v) ? v->str : "", "write it as 2024-11-20 or 2024-11-20T10:12:00+08:00", hint,
                        sizeof hint),
             "\"%s\" is not a valid date and time: \"%s\"", name, yx_str(v) ? v->str : "");
  return false;
}

/* A slug names the page's folder: a name a file under content/ could have
 * that a URL can hold (site_name.h). */
static bool slug_ok(arena *a, const char *s) {
  return *s && !strchr(s, '/') && !site_name_problem(a, s, true);
}

/* True for an optional sign and digits that fit an int. */
static bool whole_number(const char *s) {
  if (!s) return false;
  char *end;
  errno = 0;
  long n = strtol(s, &end, 10);
  return *s && !*end && errno == 0 && n >= -2147483647L && n <= 2147483647L && strspn(s, "+-0123456789") == strlen(s);
}

/* The fields every page may have whose values govpub reads itself. */
/* Nothing but white space: ASCII, or the ideographic space U+3000 a
 * Chinese input method types. */
static bool blank(const char *s) {
  for (;;) {
    if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') s++;
    else if (strncmp(s, "\xe3\x80\x80", 3) == 0) s += 3;
    else return *s == '\0';
  }
}

static void check_own_fields(const page *p) {
  const yx_node *v;
  const char *why = NULL;
  if ((v = yx_get(p->fm, "draft")) && !yx_is_null(v) && yx_bool(v) < 0)
    diag_error(p->src, v->line, v->col, "write draft: true (no quotes), or leave the field out",
               "\"draft\" must be true or false");
  if ((v = yx_get(p->fm, "weight")) && !yx_is_null(v) && !whole_number(yx_str(v)))
    diag_error(p->src, v->line, v->col, "write a whole number, like weight: 10 (lower comes first)",
               "\"weight\" must be a whole number");
  if ((v = yx_get(p->fm, "layout")) && !yx_is_null(v) && (!yx_str(v) || !tmpl_name_valid(v->str, &why)))
    diag_error(p->src, v->line, v->col, "name a template of layouts/, like special for layouts/special.mustache",
               "bad layout name \"%s\": %s", yx_str(v) ? v->str : "", why ? why : "it must be a single value");
  /* `summary: ""` would show an empty summary in the lists and feeds while
   * the search snippet took the body's lead: a mistake, not a wish (a bare
   * `summary:` is null, the same as none) */
  if ((v = yx_get(p->fm, "summary")) && v->kind == YX_SCALAR && !yx_is_null(v) && blank(v->str))
    diag_error(p->src, v->line, v->col,
               "write the summary, or remove the line to have one made from the body (docs/editors.md, summary:)",
               "\"summary\" is empty");
}

/* Front matter keys of Hugo's that govpub gives no meaning to, and what an
 * editor used to Hugo writes instead: said unless site.yaml declares the
 * key as a field of its own (or an alias of one). */
static const struct {
  const char *key, *hint;
} hugo_keys[] = {
    {"lastmod", "write the date of the last change as updated: (or map it in site.yaml: aliases: {lastmod: updated})"},
    {"lastMod", "write the date of the last change as updated: (or map it in site.yaml: aliases: {lastMod: updated})"},
    {"url", "the file's name (or slug:) makes the page's address; keep an old address with aliases: [/old/]"},
    {"categories", "use tags: or topics: (each gets its own list pages)"},
    {"publishDate", "a page is published by the build that includes it: leave it out (draft: true) until then"},
    {"expiryDate", "withdraw a page by removing it (and keep its address with an alias if others link to it)"},
};

static void warn_hugo_keys(const site_config *c, const page *p) {
  for (size_t i = 0; i < p->fm->n; i++)
    for (size_t k = 0; k < sizeof hugo_keys / sizeof *hugo_keys; k++)
      if (p->fm->keys[i]->str[0] == hugo_keys[k].key[0] && /* (the first letter: this runs on every page) */
          strcmp(p->fm->keys[i]->str, hugo_keys[k].key) == 0 && !config_field(c, hugo_keys[k].key))
        diag_warning(p->src, p->fm->keys[i]->line, p->fm->keys[i]->col, hugo_keys[k].hint,
                     "\"%s\" is Hugo's: govpub does not read it", hugo_keys[k].key);
}

static void check_fields(const site *s, page *p, const type_spec *ts) {
  const site_config *c = s->cfg;
  check_own_fields(p);
  warn_hugo_keys(c, p);
  for (size_t i = 0; ts && i < ts->nrequired; i++) {
    if (strcmp(ts->required[i], "title") == 0) continue; /* every page's: page_fields reports it */
    yx_node *v = yx_get(p->fm, ts->required[i]);
    if (!v || yx_is_null(v) || (v->kind == YX_SCALAR && v->len == 0) ||
        (v->kind == YX_SEQ && v->n == 0)) {
      const field_spec *fs = config_field(c, ts->required[i]);
      char guide[256], hint[512];
      const char *g = fs ? field_guide(fs, guide, sizeof guide) : NULL;
      if (v) snprintf(hint, sizeof hint, "fill in `%s:` (required for type %s%s%s)", ts->required[i], ts->name,
                      g ? ", " : "", g ? g : "");
      else snprintf(hint, sizeof hint, "add `%s:` to the front matter (required for type %s%s%s)", ts->required[i],
                    ts->name, g ? ", " : "", g ? g : "");
      diag_error(p->src, v ? v->line : 1, v ? v->col : 1, hint, "missing required field \"%s\"",
                 ts->required[i]);
    }
  }
  for (size_t i = 0; i < p->fm->n; i++) {
    const field_spec *fs = config_field(c, p->fm->keys[i]->str);
    yx_node *v = p->fm->vals[i];
    if (fs && !yx_is_null(v)) field_check(c, fs, v, yx_str(v), p->src);
  }
}

/* A field's text: NULL unless v is a single value that is not null. */
static const char *field_str(const yx_node *v) {
  return v && v->kind == YX_SCALAR && !yx_is_null(v) ? v->str : NULL;
}

/* 64-bit FNV-1a: tells whether a front matter changed since the previous
 * build (build_state.h); not a digest anyone relies on for security. */
static uint64_t fm_hash(const char *t, size_t n) {
  const uint64_t prime = 0x100000001b3u;
  const unsigned char *u = (const unsigned char *)t;
  uint64_t h = 0xcbf29ce484222325u;
  size_t i = 0;
  for (; i + 4 <= n; i += 4) /* four bytes a turn: the loop's own cost once, not four times */
    h = ((((h ^ u[i]) * prime ^ u[i + 1]) * prime ^ u[i + 2]) * prime ^ u[i + 3]) * prime;
  for (; i < n; i++) h = (h ^ u[i]) * prime;
  return h;
}

/* p's file name in its column's folder. */
static const char *base_name(const page *p) {
  const char *slash = strrchr(p->rel, '/');
  return slash ? slash + 1 : p->rel;
}

/* Everything the model takes from a page's parsed front matter. */
static void page_fields(site *s, page *p, arena *a, yx_node *raw) {
  const site_config *c = s->cfg;
  p->raw_fm = raw;
  yx_node *kf[FM_KNOWN];
  p->fm = canonical_fields(a, c, p, raw, kf);

  p->title = field_str(kf[FM_TITLE]);
  const yx_node *tv = kf[FM_TITLE];
  if (tv && tv->kind != YX_SCALAR)
    diag_error(p->src, tv->line, tv->col, "write the title as one line of text", "\"title\" must be a single value");
  else if (!p->title || !*p->title)
    diag_error(p->src, tv ? tv->line : 1, tv ? tv->col : 1,
               tv ? "fill in `title:`" : "add `title:` to the front matter", "missing required field \"title\"");
  p->has_date = read_date(c, p, kf[FM_DATE], "date", &p->date);
  p->has_updated = read_date(c, p, kf[FM_UPDATED], "updated", &p->updated);
  if (p->has_date) gdate_forms(&p->date, p->date_ymd, p->date_ymdhm, p->date_iso);
  if (p->has_updated) gdate_ymd(&p->updated, p->updated_ymd);
  p->draft = yx_bool(kf[FM_DRAFT]) == 1;
  p->author = field_str(kf[FM_AUTHOR]);
  p->source = field_str(kf[FM_SOURCE]);
  p->summary_fm = field_str(kf[FM_SUMMARY]);
  p->layout = field_str(kf[FM_LAYOUT]);
  const field_spec *dfs = config_field(c, "disclosure");
  p->disclosure = field_str(kf[FM_DISCLOSURE]);
  if (!p->disclosure) p->disclosure = dfs && dfs->default_value ? dfs->default_value : "主动公开";
  const char *w = field_str(kf[FM_WEIGHT]);
  p->weight = w ? atoi(w) : 0;
  p->tags = scalars(a, kf[FM_TAGS], &p->ntags);
  bound_terms(p, kf[FM_TAGS], p->tags, &p->ntags, "tag");
  p->topics = scalars(a, kf[FM_TOPICS], &p->ntopics);
  bound_terms(p, kf[FM_TOPICS], p->topics, &p->ntopics, "topic");
  p->aliases = scalars(a, kf[FM_ALIASES], &p->naliases);
  p->attachments = scalars(a, kf[FM_ATTACHMENTS], &p->nattachments);
  p->interpretations_node = kf[FM_INTERPRETATIONS];
  p->interprets_node = kf[FM_INTERPRETS];
  p->result_node = kf[FM_RESULT];
  p->issue_node = kf[FM_ISSUE];
  p->end_node = kf[FM_END];
  p->replied_node = kf[FM_REPLIED];
  const yx_node *rv = p->replied_node; /* a bare `replied:` is a missing required field, not a letter */
  p->is_letter = !p->is_index && rv && !yx_is_null(rv) && (rv->kind != YX_SCALAR || rv->len);
  gdate replied; /* a malformed one is reported by the field check: the date places it then */
  p->listed = p->is_letter && yx_str(rv) && gdate_parse(rv->str, false, &replied) ? replied.epoch
              : p->has_date                                                      ? p->date.epoch
                                                                                 : INT64_MIN;

  p->type = field_str(kf[FM_TYPE]);
  if (!p->type) p->type = p->is_index ? "list" : p->column->cfg ? p->column->cfg->type : "page";
  const type_spec *ts = p->is_index ? NULL : config_type(c, p->type);
  p->type_flag = ts ? ts->flag : arena_cat(a, "type_", p->type, NULL);
  if (!p->is_index && !ts) {
    yx_node *tv = kf[FM_TYPE];
    diag_error(p->src, tv ? tv->line : 1, tv ? tv->col : 1,
               "declare the type under types: in site.yaml, or use one that is declared",
               "unknown content type \"%s\"", p->type);
  }
  if (!p->layout && ts) p->layout = ts->layout;
  if (!p->from_memo) check_fields(s, p, ts); /* a memo passed them in the build that made it, under the
                                              same site.yaml (build_state.h) */

  const char *slug = field_str(kf[FM_SLUG]);
  if (slug && !slug_ok(a, slug)) {
    yx_node *sv = kf[FM_SLUG];
    diag_error(p->src, sv->line, sv->col, "use letters, digits, - and _ only",
               "slug \"%s\" cannot be part of a URL", slug);
    slug = NULL;
  } else if (slug && page_name_too_long(p, kf[FM_SLUG], "slug", strlen(slug), "the slug names the page's folder")) {
    slug = NULL;
  }
  if (!slug) {
    const char *base = base_name(p), *why;
    slug = arena_strndup(a, base, strlen(base) - 3);
    /* the file's name names a URL (what no file may be named: site_load said it; a memo's made its URL in
     * the build that made the memo) */
    if (!p->bad_name && !p->from_memo && (why = site_name_problem(a, slug, true)))
      diag_error(p->src, 1, 1,
                 arena_printf(a, "rename the file, or give the page a slug (e.g. slug: %s)", site_name_slug(a, slug)),
                 "the file name makes the page's URL and %s", why);
  }
  p->slug = slug;
  /* without a slug field, the URL page_file_url gives pages that could not be loaded */
  p->url = p->is_index ? p->column->url : arena_cat(a, p->column->url, slug, "/", NULL);
  p->built = page_left_out(s, p) == LEFT_OUT_NONE;
  /* the input is named from the site folder: p->src already is, when that is the current folder */
  page_add_input(a, p, strcmp(c->root, ".") == 0 ? p->src : arena_cat(a, "content/", p->rel, NULL));
}

static void parse_page(site *s, page *p, arena *a) {
  const char *fmtext;
  size_t fmlen;
  if (!split_front_matter(p, &fmtext, &fmlen)) return;
  p->fm_hash = fm_hash(fmtext, fmlen);
  yx_node *raw = yamlx_parse(a, p->src, fmtext, fmlen, 1, true);
  if (raw) page_fields(s, p, a, raw);
}

/* p's whole path. */
static char *page_path(const site *s, const page *p, arena *a) {
  return path_join(a, path_join(a, s->cfg->root, "content"), p->rel);
}

/* True when a call relative to a column's open folder succeeded, or failed
 * (errno) for another reason than the folder having been replaced since it
 * was opened (a long `govpub serve`): then the whole path is not tried. */
static bool folder_answered(bool ok) {
  return ok || (errno != ENOENT && errno != ENOTDIR && errno != ESTALE);
}

/* p's stamp: relative to its column's open folder, else by its whole path. */
static int stamp_page(const site *s, const page *p, arena *a, fsx_stamp *stamp) {
  if (p->column && p->column->fd >= 0) {
    int rc = fsx_stamp_at(p->column->fd, base_name(p), stamp);
    if (folder_answered(rc == 0)) return rc;
  }
  return fsx_stamp_at(AT_FDCWD, page_path(s, p, a), stamp);
}

/* p's file (fsx_read_stamped_at, at most max bytes), relative to its
 * column's open folder unless by_path; by its whole path when there is
 * none or the folder was replaced since it was opened. */
static char *read_text(const site *s, const page *p, arena *a, size_t *len, fsx_stamp *stamp, size_t max,
                       bool by_path) {
  if (!by_path && p->column && p->column->fd >= 0) {
    char *text = fsx_read_stamped_at(a, p->column->fd, base_name(p), len, stamp, max);
    if (folder_answered(text != NULL)) return text;
  }
  return fsx_read_stamped_arena(a, page_path(s, p, a), len, stamp, max);
}

/* The file of p (read_text), at most SITE_MAX_PAGE_BYTES, in `a` (NULL:
 * malloc'd); NULL after reporting why. */
static char *read_page(const site *s, const page *p, size_t *len, fsx_stamp *stamp, arena *a, bool by_path) {
  char *text = read_text(s, p, a, len, stamp, SITE_MAX_PAGE_BYTES, by_path);
  if (!text && errno == EFBIG) /* refused before reading it */
    diag_error(p->src, 1, 1, "split it into several pages, or offer the document as an attachment",
               "the file is %lld bytes; a page's Markdown may be at most %d MiB", (long long)stamp->size,
               SITE_MAX_PAGE_BYTES >> 20);
  else if (!text)
    diag_system(p->src, "cannot read: %s", strerror(errno));
  return text;
}

/* Is a page's text one govpub takes (encoding, table cells)?  Reports why
 * not; lone CRs become LFs in place (text_check). */
static bool text_usable(const page *p, char *text, size_t len) {
  if (!text_check(p->src, text, len)) return false;
  size_t line_pipes, page_pipes;
  int wide = md_too_many_cells(text, len, &line_pipes, &page_pipes);
  if (wide && line_pipes > MD_MAX_LINE_CELLS) {
    diag_error(p->src, wide, 1, "split the table, or offer the data as a CSV attachment",
               "a line with %zu | (table cells); at most %d", line_pipes, MD_MAX_LINE_CELLS);
    return false;
  }
  if (wide) {
    diag_error(p->src, wide, 1, "split the page, or offer the data as a CSV attachment",
               "over %d | (table cells) in one page", MD_MAX_PAGE_CELLS);
    return false;
  }
  return true;
}

static void load_one(void *ctx, size_t i, int worker) {
  load_ctx *lc = ctx;
  site *s = lc->s;
  page *p = s->pages[i];
  arena *a = s->worker_arenas[worker];
  /* The path and the text live only while the page is checked and its
   * front matter parsed; the render reads the file again (site_page_text):
   * the model does not grow with the site's Markdown (523 MB at 100k pages). */
  arena *scratch = lc->scratch[worker];
  arena_reset(scratch);
  if (lc->memo) { /* unchanged since the previous build: its front matter, not its file */
    const page_memo *m =
        stamp_page(s, p, scratch, &p->stamp) == 0 ? lc->memo->page(lc->memo->ud, i, p->rel, &p->stamp, a) : NULL;
    if (m) {
      p->from_memo = true;
      p->fm_hash = m->fm_hash;
      page_fields(s, p, a, m->raw_fm);
      return;
    }
  }
  p->text = read_page(s, p, &p->text_len, &p->stamp, scratch, false);
  if (p->text && text_usable(p, p->text, p->text_len)) {
    p->text_checked = true; /* the render reads the same bytes again (site_page_text checks the stamp) */
    parse_page(s, p, a);
  }
  p->text = NULL;
  p->body = NULL;
  p->body_len = 0;
}

int site_page_text(site *s, page *p, arena *a) {
  fsx_stamp now;
  p->text = read_text(s, p, a, &p->text_len, &now, 0, false);
  if (!p->text) {
    diag_system(p->src, "cannot read: %s", strerror(errno));
    return -1;
  }
  text_lone_cr(p->text, p->text_len); /* as text_check did when it was loaded */
  const char *fm;
  size_t fmlen;
  if (!fsx_stamp_same(&now, &p->stamp) || !split_front_matter(p, &fm, &fmlen) || fm_hash(fm, fmlen) != p->fm_hash) {
    p->text = NULL;
    p->body = NULL;
    diag_system_at(0, "build again once the edit is saved", p->src, "changed while it was being built");
    return -1;
  }
  return 0;
}

int site_reload_text(site *s, page *p) { return site_page_text(s, p, s->a); }

int site_reread(const site *s, const page *p, fsx_stamp *stamp) {
  arena *a = arena_new();
  int rc;
  size_t len;
  char *text;
  /* by its path: what is there now, even when its column's folder was renamed away */
  if (fsx_stamp_at(AT_FDCWD, page_path(s, p, a), stamp) != 0) {
    rc = 1; /* gone: a removal is a whole build */
  } else if (!(text = read_page(s, p, &len, stamp, a, true))) {
    rc = -1;
  } else {
    page now = *p;
    now.text = text;
    now.text_len = len;
    const char *fm;
    size_t fmlen;
    rc = !text_usable(p, text, len) || !split_front_matter(&now, &fm, &fmlen) ? -1
         : fm_hash(fm, fmlen) != p->fm_hash                                  ? 1
                                                                             : 0;
  }
  arena_free(a);
  return rc;
}

void site_take_stamp(page *p, const fsx_stamp *stamp) {
  p->stamp = *stamp;
  p->text_checked = true; /* site_reread checked it; the render reads it again */
  p->from_memo = false;
}

/* ---- loading ----------------------------------------------------------- */

static column *new_column(site *s, const char *path) {
  column *col = arena_calloc(s->a, 1, sizeof *col);
  col->path = path;
  col->url = path[0] ? arena_printf(s->a, "%s/", path) : "";
  col->cfg = path[0] ? config_column(s->cfg, path) : NULL;
  col->fd = -1; /* opened by site_load_memo once the columns are known */
  col->stamp = (fsx_stamp){-1, 0, 0};
  return col;
}

static column *find_column(site *s, const char *path) {
  for (size_t i = 0; i < s->ncolumns; i++)
    if (strcmp(s->columns[i]->path, path) == 0) return s->columns[i];
  return NULL;
}

site *site_load(site_config *cfg, bool publish, int nthreads) { return site_load_memo(cfg, publish, nthreads, NULL); }

/* content/'s folders and .md files: the memo's listing when no folder
 * changed since it was made (true), else a walk (site.listed_ns: when). */
static bool list_content(site *s, const char *content, const site_memo *memo, strvec *dirs, strvec *files) {
  if (memo && memo->listing(memo->ud, content, &dirs->v, &dirs->n, &files->v, &files->n, &s->listed_ns)) {
    dirs->cap = dirs->n;
    files->cap = files->n;
    return true;
  }
  *dirs = *files = (strvec){0};
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  s->listed_ns = (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
  walk_content(s, content, dirs, files);
  return false;
}

/* Is the undeclared folder `dir` one a Hugo user made a page bundle of:
 * an index.md in it, no _index.md?  Asked only of folders that are no
 * column: *listed, the set of the listing's files, is made at the first
 * such folder, never in a good build. */
static bool is_bundle(site *s, const strvec *files, strmap **listed, const char *dir) {
  if (!*listed) {
    *listed = strmap_new_for(s->a, files->n);
    for (size_t i = 0; i < files->n; i++) strmap_put(*listed, files->v[i], (void *)files->v[i]);
  }
  return strmap_get(*listed, path_join(s->a, dir, "index.md")) && !strmap_get(*listed, path_join(s->a, dir, "_index.md"));
}

/* Leaves out of `files` those directly in a folder of `bundles`: the
 * bundle's one error says what to do with them. */
static void drop_bundled(strvec *files, const strmap *bundles) {
  size_t kept = 0;
  for (size_t i = 0; i < files->n; i++) {
    const char *f = files->v[i], *slash = strrchr(f, '/');
    char dir[4096];
    size_t n = slash ? (size_t)(slash - f) : 0;
    bool bundled = slash && n < sizeof dir && (memcpy(dir, f, n), dir[n] = '\0', strmap_get(bundles, dir));
    if (!bundled) files->v[kept++] = f;
  }
  files->n = kept;
}

site *site_load_memo(site_config *cfg, bool publish, int nthreads, const site_memo *memo) {
  site *s = calloc(1, sizeof *s);
  if (!s) abort();
  s->a = arena_new();
  s->cfg = cfg;
  s->publish = publish;
  s->nworkers = (size_t)(nthreads < 1 ? 1 : nthreads);
  s->worker_arenas = calloc(s->nworkers, sizeof *s->worker_arenas);
  for (size_t i = 0; i < s->nworkers; i++) s->worker_arenas[i] = arena_new();

  char *content = path_join(s->a, cfg->root, "content");
  if (!fsx_is_dir(content)) {
    diag_error(strcmp(cfg->root, ".") ? content : "content", 0, 0,
               "put the site's Markdown files under content/", "no content folder");
    /* the home column alone: every later phase may take columns[0] as given */
    s->ncolumns = 1;
    s->columns = arena_alloc(s->a, sizeof *s->columns);
    s->columns[0] = new_column(s, "");
    return s;
  }
  strvec dirs = {0}, files = {0};
  /* a memo's listing names the files of the build that made it, whose names passed the rule below (a build
   * that reports a problem leaves no memo: build_state.h) */
  bool names_passed = list_content(s, content, memo, &dirs, &files);

  s->ncolumns = dirs.n + 1;
  s->columns = arena_alloc(s->a, s->ncolumns * sizeof *s->columns);
  s->columns[0] = new_column(s, "");
  strmap *bundles = NULL, *listed = NULL; /* folders said to be Hugo's page bundles: their files are no pages */
  for (size_t i = 0; i < dirs.n; i++) {
    column *col = s->columns[i + 1] = new_column(s, dirs.v[i]);
    const char *slash = strrchr(dirs.v[i], '/');
    const char *why = site_name_problem(s->a, slash ? slash + 1 : dirs.v[i], true); /* it names a URL */
    if (why) {
      diag_error(content_path(s, dirs.v[i]), 0, 0, "rename the folder (and its entry under columns: in site.yaml)",
                 "the folder name %s", why);
    } else if (!col->cfg && is_bundle(s, &files, &listed, dirs.v[i])) {
      if (!bundles) bundles = strmap_new(s->a);
      strmap_put(bundles, dirs.v[i], col);
      const char *name = slash ? slash + 1 : dirs.v[i];
      diag_error(content_path(s, path_join(s->a, dirs.v[i], "index.md")), 1, 1,
                 arena_printf(s->a, "write the page as content/%s.md, its images under static/ (static/images/%s/…, "
                              "linked as /images/%s/…)", dirs.v[i], name, name),
                 "a folder with an index.md is a page bundle in Hugo; govpub's pages are the .md files of a column");
    } else if (!col->cfg) {
      diag_error(content_path(s, dirs.v[i]), 0, 0,
                 arena_printf(s->a, "declare it in site.yaml under columns:, e.g. `%s: {class: 动态, type: news}`",
                              dirs.v[i]),
                 "column \"%s\" is not declared in site.yaml", dirs.v[i]);
    } else {
      ((column_cfg *)col->cfg)->used = true;
    }
  }
  for (size_t i = 0; i < cfg->ncolumns; i++)
    if (!cfg->columns[i].used)
      diag_warning(cfg->file, cfg->columns[i].line, cfg->columns[i].col,
                   "create the folder under content/ or remove the entry",
                   "column \"%s\" has no folder under content/", cfg->columns[i].path);
  for (size_t i = 1; i < s->ncolumns; i++) {
    column *col = s->columns[i];
    const char *slash = strrchr(col->path, '/');
    col->parent = slash ? find_column(s, arena_strndup(s->a, col->path, (size_t)(slash - col->path)))
                        : s->columns[0];
  }

  if (bundles) drop_bundled(&files, bundles);
  s->npages = files.n;
  s->pages = arena_alloc(s->a, (files.n ? files.n : 1) * sizeof *s->pages);
  column *last = NULL; /* the walk lists a folder's files together: most pages are in the column before's */
  for (size_t i = 0; i < files.n; i++) {
    page *p = s->pages[i] = arena_calloc(s->a, 1, sizeof *p);
    p->rel = files.v[i];
    p->src = content_path(s, p->rel);
    const char *base = base_name(p);
    size_t dir_len = base > p->rel ? (size_t)(base - p->rel - 1) : 0;
    if (!last || strncmp(last->path, p->rel, dir_len) != 0 || last->path[dir_len] != '\0')
      last = find_column(s, arena_strndup(s->a, p->rel, dir_len));
    p->column = last;
    p->is_index = strcmp(base, "_index.md") == 0;
    /* (what the name makes of a URL: page_fields, after slug:) */
    const char *why = names_passed ? NULL : site_name_problem(s->a, base, false);
    p->bad_name = why != NULL;
    if (why) diag_error(p->src, 1, 1, "rename the file: a name under content/ is in UTF-8, visible, and one Windows takes",
                        "the file name %s", why);
    p->column_pos = -1;
    p->article_pos = -1;
  }
  load_ctx lc = {s, memo, calloc(s->nworkers, sizeof(arena *))};
  if (!lc.scratch) abort();
  for (size_t i = 0; i < s->nworkers; i++) lc.scratch[i] = arena_new();
  /* Columns past SITE_COLUMN_FDS, and one that cannot be opened: their files by their whole paths (a
   * portal of a thousand columns must leave the build's writes descriptors to spare). */
  for (size_t i = 0; i < s->ncolumns; i++) {
    column *col = s->columns[i];
    const char *path = col->path[0] ? path_join(s->a, content, col->path) : content;
    if (i < SITE_COLUMN_FDS) col->fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    /* after the listing: a folder changed since has a stamp too new to be trusted (site_memo) */
    if ((col->fd >= 0 ? fsx_folder_stamp_at(col->fd, ".", true, &col->stamp)
                      : fsx_folder_stamp_at(AT_FDCWD, path, i == 0, &col->stamp)) != 0)
      col->stamp = (fsx_stamp){-1, 0, 0};
  }
  pool_run(nthreads, s->npages, load_one, &lc);
  for (size_t i = 0; i < s->nworkers; i++) arena_free(lc.scratch[i]);
  free(lc.scratch);
  return s;
}

void site_free(site *s) {
  if (!s) return;
  for (size_t i = 0; i < s->ncolumns; i++)
    if (s->columns[i]->fd >= 0) close(s->columns[i]->fd);
  for (size_t i = 0; i < s->nworkers; i++) arena_free(s->worker_arenas[i]);
  free(s->worker_arenas);
  arena_free(s->a);
  free(s);
}

const char *site_rel(const site *s, const char *path) {
  const char *root = s->cfg->root;
  size_t n = strlen(root);
  if (strcmp(root, ".") == 0) return strncmp(path, "./", 2) == 0 ? path + 2 : path;
  if (strncmp(path, root, n) == 0 && path[n] == '/') return path + n + 1;
  return path;
}

/* True when path is one of p's first n inputs. */
static bool has_input(const page *p, size_t n, const char *path) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(p->inputs.paths[i], path) == 0) return true;
  return false;
}

static void push_input(arena *a, page *p, const char *path) {
  input_list *in = &p->inputs;
  if (in->n == in->cap) {
    size_t cap = in->cap ? in->cap * 2 : 4;
    in->paths = arena_grow(a, in->paths, in->n, cap, sizeof *in->paths);
    in->cap = cap;
  }
  in->paths[in->n++] = path;
}

void page_add_input(arena *a, page *p, const char *path) {
  if (!has_input(p, p->inputs.n, path)) push_input(a, p, path);
}

void page_add_inputs_rel(arena *a, const site *s, page *p, const char *const *paths, size_t n) {
  size_t before = p->inputs.n;
  for (size_t k = 0; k < n; k++) {
    const char *path = site_rel(s, paths[k]);
    if (!has_input(p, before, path)) push_input(a, p, path);
  }
}

bool page_name_too_long(const page *p, const yx_node *at, const char *what, size_t len, const char *why) {
  if (len <= FSX_NAME_MAX) return false;
  char hint[160];
  snprintf(hint, sizeof hint, "shorten it: %s", why);
  diag_error(p->src, at ? at->line : 1, at ? at->col : 1, hint,
             "%s is %zu bytes long; a file or folder name may have at most %d", what, len, FSX_NAME_MAX);
  return true;
}

yx_node *page_field(const site *s, const page *p, const char *field) {
  (void)s;
  return yx_get(p->fm, field);
}

/* ---- resolving references ---------------------------------------------- */

const char *page_file_url(arena *a, const page *p) {
  if (p->is_index) return p->column->url;
  const char *base = base_name(p);
  return arena_printf(a, "%s%.*s/", p->column->url, (int)(strlen(base) - 3), base);
}

bool column_unloaded(const column *c) { return c->index_file && !c->index_file->fm; }

left_out page_left_out(const site *s, const page *p) {
  if (strcmp(p->disclosure, "主动公开") != 0) return LEFT_OUT_DISCLOSURE;
  return s->publish && p->draft ? LEFT_OUT_DRAFT : LEFT_OUT_NONE;
}

const char *page_left_out_text(arena *a, const site *s, const page *p) {
  switch (page_left_out(s, p)) {
  case LEFT_OUT_DISCLOSURE: return arena_printf(a, "%s, not 主动公开", p->disclosure);
  case LEFT_OUT_DRAFT: return "a draft";
  default: return "withheld from publishing";
  }
}

/* The key `ref` is looked up by: a content file ("news/a.md", in
 * s->by_rel) when *md, else a URL ("policy/x/", in s->by_url); NULL when it
 * cannot name a page. */
static char *ref_key(const site *s, const page *from, const char *ref, arena *a, bool *md) {
  size_t n = strcspn(ref, "#?");
  if (n == 0) return NULL;
  char *r = arena_strndup(a, ref, n);
  const char *base = s->cfg->base_path;
  if ((*md = ends_with(r, ".md"))) {
    char *rel = r[0] == '/' ? path_normalize(a, r + 1)
                            : path_normalize(a, path_join(a, path_dir(a, from->rel), r));
    if (rel && strncmp(rel, "content/", 8) == 0 && !strmap_get(s->by_rel, rel)) rel += 8;
    return rel;
  }
  char *path;
  size_t bl = strlen(base);
  if (r[0] == '/') {
    path = strncmp(r, base, bl) == 0 ? r + bl : r + 1;
  } else {
    if (strstr(r, "://") || strncmp(r, "mailto:", 7) == 0) return NULL;
    path = path_join(a, from->url, r); /* relative to the page's own URL */
  }
  char *norm = path_normalize(a, path);
  if (!norm) return NULL;
  if (ends_with(norm, "/index.html")) norm[strlen(norm) - 10] = '\0';
  size_t nl = strlen(norm);
  return nl == 0 || norm[nl - 1] == '/' ? norm : arena_printf(a, "%s/", norm);
}

page *site_resolve(site *s, const page *from, const char *ref, arena *a) {
  bool md;
  char *key = ref_key(s, from, ref, a, &md);
  if (!key) return NULL;
  if (md) return strmap_get(s->by_rel, key);
  page *p = strmap_get(s->by_url, key);
  return p || !s->unloaded ? p : strmap_get(s->unloaded, key);
}

const page *site_suggest(const site *s, const page *from, const char *ref, arena *a) {
  bool md;
  char *key = ref_key(s, from, ref, a, &md);
  if (!key) return NULL;
  const char **names = arena_alloc(a, (s->npages ? s->npages : 1) * sizeof *names);
  size_t n = 0;
  for (size_t i = 0; i < s->npages; i++)
    if (s->pages[i]->fm && s->pages[i]->built) names[n++] = md ? s->pages[i]->rel : s->pages[i]->url;
  const char *best = suggest_nearest(key, names, n);
  return best ? strmap_get(md ? s->by_rel : s->by_url, best) : NULL;
}

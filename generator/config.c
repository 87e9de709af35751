/* config: see config.h.  Each section of site.yaml has one small reader;
 * readers report and go on, so one run lists every problem in the file. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "fsx.h"
#include "text_check.h"
#include "url.h"

typedef struct {
  arena *a;
  site_config *c;
  bool failed;
} reader;

static void bad(reader *r, const yx_node *n, const char *hint, const char *what, const char *key) {
  diag_error(r->c->file, n ? n->line : 0, n ? n->col : 0, hint, what, key);
  r->failed = true;
}

/* A scalar string under key; NULL when absent (reported when required). */
static const char *read_str(reader *r, const yx_node *map, const char *key, bool required,
                            const char *hint) {
  yx_node *v = yx_get(map, key);
  if (!v || yx_is_null(v)) {
    if (required) bad(r, map, hint, "missing required key \"%s\"", key);
    return NULL;
  }
  if (v->kind != YX_SCALAR) {
    bad(r, v, "write a single value", "\"%s\" must be a single value", key);
    return NULL;
  }
  if (required && v->len == 0) bad(r, v, hint, "\"%s\" is empty", key);
  return v->str;
}

static int read_int(reader *r, const yx_node *map, const char *key, int def, int lo, int hi) {
  yx_node *v = yx_get(map, key);
  if (!v) return def;
  char *end;
  const char *s = yx_str(v);
  long n = s ? strtol(s, &end, 10) : 0;
  if (!s || !*s || *end || n < lo || n > hi) {
    diag_error(r->c->file, v->line, v->col, "write digits only, without quotes or units",
               "\"%s\" must be a whole number from %d to %d", key, lo, hi);
    r->failed = true;
    return def;
  }
  return (int)n;
}

static bool read_bool(reader *r, const yx_node *map, const char *key, bool def) {
  yx_node *v = yx_get(map, key);
  if (!v) return def;
  int b = yx_bool(v);
  if (b < 0) {
    bad(r, v, "write true or false", "\"%s\" must be true or false", key);
    return def;
  }
  return b;
}

/* A list of strings (a single string counts as a list of one). */
static const char **read_list(reader *r, const yx_node *v, const char *key, size_t *n) {
  *n = 0;
  if (!v || yx_is_null(v)) return NULL;
  if (v->kind == YX_SCALAR) {
    const char **out = arena_alloc(r->a, sizeof *out);
    out[0] = v->str;
    *n = 1;
    return out;
  }
  if (v->kind != YX_SEQ) {
    bad(r, v, "write a list: [a, b]", "\"%s\" must be a list", key);
    return NULL;
  }
  const char **out = arena_alloc(r->a, (v->n ? v->n : 1) * sizeof *out);
  for (size_t i = 0; i < v->n; i++) {
    if (v->items[i]->kind != YX_SCALAR) {
      bad(r, v->items[i], "write plain words", "items of \"%s\" must be single values", key);
      continue;
    }
    out[(*n)++] = v->items[i]->str;
  }
  return out;
}

/* 网站标识码: ten digits, or "bm" and eight digits (ministries' sites). */
static bool is_site_code(const char *s) {
  size_t i = strncmp(s, "bm", 2) == 0 ? 2 : 0;
  if (strlen(s) != 10) return false;
  for (; s[i]; i++)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

/* What a site fills in before it is published: missing or empty, each is a
 * warning of a preview build and an error of a publishing build and of
 * govpub check (config_unfilled), so a site govpub init started builds at
 * once.  `parent`: the map the key is in, NULL for the top level; a
 * footer's hint goes on with where to write the value (config_unfilled).
 * govpub check files each under 网站标识 (check.c's message_field). */
static const struct {
  const char *parent, *key, *what, *hint;
} to_fill[] = {
    {NULL, "title", "SiteName", "write the site's name, e.g. 云岭区人民政府"},
    {NULL, "base_url", "the site's address", "write the address the site is served at, e.g. https://www.example.gov.cn/"},
#define FOOTER_HINT "every page's footer must show it (政府网站检查指标)"
    {"footer", "sponsor", "主办单位", FOOTER_HINT},      {"footer", "contact", "联系方式", FOOTER_HINT},
    {"footer", "site_code", "网站标识码", FOOTER_HINT},  {"footer", "icp", "ICP备案号", FOOTER_HINT},
    {"footer", "psb", "公安备案号", FOOTER_HINT},        {"footer", "dzjg_img", "党政机关网站标识", FOOTER_HINT},
    {"footer", "correction_url", "我要纠错", FOOTER_HINT},
#undef FOOTER_HINT
};

/* The 我要纠错 platform of the government's sites: a site's footer links its
 * page there, which names the site by its 网站标识码 (footer.site_code); the
 * platform's address alone reaches no site's page. */
#define CORRECTION_HOST "zfwzzc.www.gov.cn"
#define CORRECTION_PAGE "https://" CORRECTION_HOST "/check_web/errorInfo/jcInfoNew?sitecode="

/* What footer.correction_url takes, as a hint says it: the site's page on
 * the platform, with the 网站标识码 when site.yaml gives it. */
static void correction_form(char *out, size_t size, const char *code) {
  snprintf(out, size, "the 我要纠错 platform's page for the site, %s%s", CORRECTION_PAGE,
           code && *code ? code : " followed by its 网站标识码 (footer.site_code)");
}

/* Whether url is an address on the platform whose query names no site: no
 * value (after '=', up to '&' or '#') is `code`, or, without one, any
 * 网站标识码. */
static bool correction_lacks_site(const char *url, const char *code) {
  const char *host = strstr(url, "://");
  size_t n = strlen(CORRECTION_HOST);
  if (!host || strncasecmp(host + 3, CORRECTION_HOST, n) != 0 || !strchr("/?#", host[3 + n])) return false;
  const char *q = strchr(url, '?');
  for (const char *v = q ? strchr(q, '=') : NULL; v; v = strchr(v + 1, '=')) {
    char got[16];
    size_t len = strcspn(v + 1, "&#");
    snprintf(got, sizeof got, "%.*s", (int)(len < sizeof got - 1 ? len : sizeof got - 1), v + 1);
    if (len < sizeof got && (code && *code ? strcmp(got, code) == 0 : is_site_code(got))) return false;
  }
  return true;
}

const yx_node *config_unfilled_at(const site_config *c, const char *parent, const char *key) {
  const yx_node *in = parent ? yx_get(c->yaml, parent) : c->yaml;
  const yx_node *v = yx_get(in, key);
  if (v && !yx_is_null(v) && (v->kind != YX_SCALAR || v->len)) return NULL; /* a list or map: read_* says so */
  return v ? v : in;
}

bool config_unfilled(const site_config *c, bool fatal) {
  bool any = false;
  const yx_node *footer = yx_get(c->yaml, "footer");
  const char *code = yx_str(yx_get(footer, "site_code"));
  char form[256];
  correction_form(form, sizeof form, code);
  for (size_t i = 0; i < sizeof to_fill / sizeof *to_fill; i++) {
    const yx_node *in = to_fill[i].parent ? yx_get(c->yaml, to_fill[i].parent) : c->yaml;
    const yx_node *at = config_unfilled_at(c, to_fill[i].parent, to_fill[i].key);
    if (!at) continue;
    char hint[512]; /* the key there but empty: fill it in; not there: where to add it; 我要纠错: what it is */
    if (to_fill[i].parent && at != in)
      snprintf(hint, sizeof hint, "%s; fill in %s.%s", to_fill[i].hint, to_fill[i].parent, to_fill[i].key);
    else if (to_fill[i].parent)
      snprintf(hint, sizeof hint, "%s; add it under %s:", to_fill[i].hint, to_fill[i].parent);
    if (strcmp(to_fill[i].key, "correction_url") == 0)
      snprintf(hint + strlen(hint), sizeof hint - strlen(hint), "; it is %s", form);
    diag_at(fatal ? DIAG_ERROR : DIAG_WARNING, c->file, at->line, at->col, to_fill[i].parent ? hint : to_fill[i].hint,
            "%s%s%s (%s) is missing",
            to_fill[i].parent ? to_fill[i].parent : "", to_fill[i].parent ? "." : "", to_fill[i].key, to_fill[i].what);
    any = true;
  }
  const yx_node *url = yx_get(footer, "correction_url");
  if (yx_str(url) && url->len && correction_lacks_site(url->str, code)) {
    char hint[300];
    snprintf(hint, sizeof hint, "write %s", form);
    diag_at(fatal ? DIAG_ERROR : DIAG_WARNING, c->file, url->line, url->col, hint,
            "footer.correction_url \"%s\" is the 我要纠错 platform's address without %s%s%s", url->str,
            code && *code ? "the site's 网站标识码 \"" : "a 网站标识码", code && *code ? code : "", code && *code ? "\"" : "");
    any = true;
  }
  return any && fatal;
}

static void read_footer(reader *r, yx_node *root) {
  yx_node *f = yx_get(root, "footer");
  if (!f || f->kind != YX_MAP) {
    bad(r, f ? f : root, "add a footer: block with sponsor, contact, site_code, icp, psb, dzjg_img "
                         "and correction_url (docs/configuration.md)",
        "missing required key \"%s\"", "footer");
    return;
  }
  r->c->footer = f;
  for (size_t i = 0; i < f->n; i++) { /* the links every page's footer shows: no script, no other scheme */
    const yx_node *k = f->keys[i], *v = f->vals[i];
    size_t kl = strlen(k->str);
    if (kl < 4 || strcmp(k->str + kl - 4, "_url") != 0 || !yx_str(v) || !v->len) continue;
    if (!url_is_http(v->str) && !(v->str[0] == '/' && v->str[1] != '/')) {
      diag_error(r->c->file, v->line, v->col, "write the full address, https://…, or a path on the site, /…",
                 "footer.%s \"%s\" is neither an http(s) address nor a path on the site", k->str, v->str);
      r->failed = true;
    }
  }
  yx_node *code = yx_get(f, "site_code");
  if (yx_str(code) && code->len && !is_site_code(code->str)) {
    diag_error(r->c->file, code->line, code->col,
               "网站标识码 is 10 digits, or bm followed by 8 digits; quote it (\"5301990001\")",
               "footer.site_code \"%s\" is not a valid 网站标识码", code->str);
    r->failed = true;
  }
}

static void read_base_url(reader *r, yx_node *root) {
  site_config *c = r->c;
  const char *u = read_str(r, root, "base_url", false, NULL);
  c->base_url = "https://localhost/";
  c->domain = "localhost";
  c->base_path = "/";
  if (!u || !*u) return;
  const char *host = strstr(u, "://");
  if (!host || (strncmp(u, "http://", 7) != 0 && strncmp(u, "https://", 8) != 0) || !host[3]) {
    bad(r, yx_get(root, "base_url"), "write it like https://www.example.gov.cn/",
        "\"%s\" must be an http(s) address", "base_url");
    return;
  }
  host += 3;
  const char *slash = strchr(host, '/');
  c->domain = arena_strndup(r->a, host, slash ? (size_t)(slash - host) : strlen(host));
  const char *path = slash ? slash : "/";
  size_t n = strlen(path);
  c->base_path = path[n - 1] == '/' ? arena_strdup(r->a, path) : arena_printf(r->a, "%s/", path);
  size_t un = strlen(u);
  c->base_url = u[un - 1] == '/' ? u : arena_printf(r->a, "%s/", u);
}

static void read_statics(reader *r, yx_node *root) {
  yx_node *s = yx_get(root, "static");
  site_config *c = r->c;
  if (!s) {
    c->statics = arena_alloc(r->a, sizeof *c->statics);
    c->statics[0] = (static_cfg){"static", "", 1, 1, true};
    c->nstatics = 1;
    return;
  }
  if (s->kind != YX_SEQ) {
    bad(r, s, "write a list: [static, {dir: data, to: data}]", "\"%s\" must be a list", "static");
    return;
  }
  c->statics = arena_alloc(r->a, (s->n ? s->n : 1) * sizeof *c->statics);
  for (size_t i = 0; i < s->n; i++) {
    yx_node *it = s->items[i];
    const char *dir = it->kind == YX_SCALAR ? it->str : read_str(r, it, "dir", true, "name a folder");
    const char *to = it->kind == YX_MAP ? read_str(r, it, "to", false, NULL) : NULL;
    if (!dir) continue;
    if (!path_is_safe_rel(dir)) {
      bad(r, it, "name a folder inside the site, without .. or a leading /",
          "static folder \"%s\" leaves the site", dir);
      continue;
    }
    if (to && *to && !path_is_safe_rel(to)) {
      yx_node *tv = yx_get(it, "to");
      diag_error(r->c->file, tv->line, tv->col, "name a folder of the output, like files, without .. or a leading /",
                 "static folder \"%s\" is copied to \"%s\", which leaves the output", dir, to);
      r->failed = true;
      continue;
    }
    c->statics[c->nstatics++] = (static_cfg){dir, to ? to : "", it->line, it->col, false};
  }
}

static void read_columns(reader *r, yx_node *root) {
  yx_node *cols = yx_get(root, "columns");
  site_config *c = r->c;
  if (!cols || cols->kind != YX_MAP) {
    bad(r, cols ? cols : root, "declare every folder under content/ with its class and type",
        "missing required key \"%s\"", "columns");
    return;
  }
  c->columns = arena_calloc(r->a, cols->n ? cols->n : 1, sizeof *c->columns);
  for (size_t i = 0; i < cols->n; i++) {
    yx_node *k = cols->keys[i], *v = cols->vals[i];
    if (!path_is_safe_rel(k->str)) {
      bad(r, k, "name a folder under content/", "column \"%s\" is not a folder name", k->str);
      continue;
    }
    if (v->kind != YX_MAP) {
      bad(r, v, "write {class: 动态, type: news}", "column \"%s\" needs class and type", k->str);
      continue;
    }
    column_cfg *col = &c->columns[c->ncolumns++];
    col->path = k->str;
    col->line = k->line;
    col->col = k->col;
    col->cls = read_str(r, v, "class", true, "the column class decides freshness rules: 动态, 要闻, "
                                             "通知公告, 政策文件, 人事, 规划, 互动 or 其他");
    col->type = read_str(r, v, "type", true, "the default content type of the column's pages");
  }
}

static void read_types(reader *r, yx_node *root) {
  yx_node *t = yx_get(root, "types");
  site_config *c = r->c;
  if (!t || t->kind != YX_MAP) {
    bad(r, t ? t : root, "declare the content types and their required fields (docs/configuration.md)",
        "missing required key \"%s\"", "types");
    return;
  }
  c->types = arena_calloc(r->a, t->n ? t->n : 1, sizeof *c->types);
  for (size_t i = 0; i < t->n; i++) {
    type_spec *ts = &c->types[c->ntypes++];
    ts->name = t->keys[i]->str;
    ts->flag = arena_cat(r->a, "type_", ts->name, NULL);
    if (t->vals[i]->kind != YX_MAP && !yx_is_null(t->vals[i])) {
      bad(r, t->vals[i], "write {required: [title, date]}", "type \"%s\" must be a mapping", ts->name);
      continue;
    }
    ts->required = read_list(r, yx_get(t->vals[i], "required"), "required", &ts->nrequired);
    ts->layout = read_str(r, t->vals[i], "layout", false, NULL);
    if (ts->layout) {
      const yx_node *v = yx_get(t->vals[i], "layout");
      ts->layout_line = v->line;
      ts->layout_col = v->col;
    }
  }
}

static const struct { const char *name; field_format f; } formats[] = {
    {"text", FMT_TEXT},     {"date", FMT_DATE},   {"datetime", FMT_DATETIME},
    {"doc_no", FMT_DOC_NO}, {"index_no", FMT_INDEX_NO}, {"enum", FMT_ENUM},
    {"list", FMT_LIST},     {"path", FMT_PATH},   {"paths", FMT_PATHS},
    {"bool", FMT_BOOL},     {"int", FMT_INT},     {"records", FMT_RECORDS}};

static void read_fields(reader *r, yx_node *root) {
  yx_node *f = yx_get(root, "fields");
  site_config *c = r->c;
  if (!f) return;
  if (f->kind != YX_MAP) {
    bad(r, f, "write name: {format: date}", "\"%s\" must be a mapping", "fields");
    return;
  }
  c->fields = arena_calloc(r->a, f->n ? f->n : 1, sizeof *c->fields);
  for (size_t i = 0; i < f->n; i++) {
    yx_node *v = f->vals[i];
    field_spec *fs = &c->fields[c->nfields++];
    fs->name = f->keys[i]->str;
    const char *fmt = read_str(r, v, "format", true, "formats: text, date, datetime, doc_no, "
                                                    "index_no, enum, list, path, paths, bool, int, records");
    fs->format = FMT_TEXT;
    bool known = false;
    for (size_t k = 0; fmt && k < sizeof formats / sizeof *formats; k++)
      if (strcmp(fmt, formats[k].name) == 0) {
        fs->format = formats[k].f;
        known = true;
      }
    if (fmt && !known)
      bad(r, yx_get(v, "format"), "formats: text, date, datetime, doc_no, index_no, enum, list, "
                                  "path, paths, bool, int, records", "unknown format \"%s\"", fmt);
    fs->values = read_list(r, yx_get(v, "values"), "values", &fs->nvalues);
    if (fs->format == FMT_ENUM && !fs->nvalues)
      bad(r, v, "list the allowed values: values: [有效, 失效]", "enum field \"%s\" has no values",
          fs->name);
    fs->default_value = read_str(r, v, "default", false, NULL);
    fs->unique = read_bool(r, v, "unique", false);
    fs->keys = read_list(r, yx_get(v, "keys"), "keys", &fs->nkeys);
    fs->required_keys = read_list(r, yx_get(v, "required_keys"), "required_keys", &fs->nrequired_keys);
    if (fs->format == FMT_RECORDS && !fs->nkeys)
      bad(r, v, "list the keys of an item: keys: [name, type, description]",
          "records field \"%s\" has no keys", fs->name);
    for (size_t k = 0; k < fs->nrequired_keys; k++) {
      bool listed = false;
      for (size_t m = 0; m < fs->nkeys; m++) listed |= strcmp(fs->keys[m], fs->required_keys[k]) == 0;
      if (!listed)
        bad(r, yx_get(v, "required_keys"), "list it under keys: too",
            "required key \"%s\" is not one of the keys", fs->required_keys[k]);
    }
  }
}

static void read_aliases(reader *r, yx_node *root) {
  site_config *c = r->c;
  yx_node *k = yx_get(root, "aliases");
  if (k && k->kind == YX_MAP) {
    c->key_aliases = arena_alloc(r->a, (k->n ? k->n : 1) * sizeof *c->key_aliases);
    for (size_t i = 0; i < k->n; i++)
      if (yx_str(k->vals[i])) c->key_aliases[c->nkey_aliases++] = (key_alias){k->keys[i]->str, k->vals[i]->str};
  } else if (k) {
    bad(r, k, "write other_name: field", "\"%s\" must be a mapping", "aliases");
  }
  yx_node *v = yx_get(root, "values");
  if (!v) return;
  if (v->kind != YX_MAP) {
    bad(r, v, "write field: {spelling: value}", "\"%s\" must be a mapping", "values");
    return;
  }
  size_t total = 0;
  for (size_t i = 0; i < v->n; i++) total += v->vals[i]->kind == YX_MAP ? v->vals[i]->n : 0;
  c->value_aliases = arena_alloc(r->a, (total ? total : 1) * sizeof *c->value_aliases);
  for (size_t i = 0; i < v->n; i++) {
    yx_node *m = v->vals[i];
    if (m->kind != YX_MAP) {
      bad(r, m, "write field: {spelling: value}", "values of \"%s\" must be a mapping", v->keys[i]->str);
      continue;
    }
    for (size_t j = 0; j < m->n; j++)
      if (yx_str(m->vals[j]))
        c->value_aliases[c->nvalue_aliases++] = (value_alias){v->keys[i]->str, m->keys[j]->str, m->vals[j]->str};
  }
}

static void read_home(reader *r, yx_node *root) {
  yx_node *h = yx_get(root, "home");
  if (!h) return;
  if (h->kind != YX_MAP) {
    bad(r, h, "write home: {quick_links: [interview, policy/jiedu], highlights: data}",
        "\"%s\" must be a mapping", "home");
    return;
  }
  r->c->home_line = h->line;
  r->c->quick_links = read_list(r, yx_get(h, "quick_links"), "quick_links", &r->c->nquick_links);
  r->c->highlights = read_str(r, h, "highlights", false, NULL);
  r->c->highlights_count = read_int(r, h, "highlights_count", 3, 1, 12);
}

/* Whether the site-relative folders a and b (plain forms) are one another's
 * or one lies in the other. */
static bool nested(const char *a, const char *b) {
  size_t na = strlen(a), nb = strlen(b), n = na < nb ? na : nb;
  return !*a || !*b || (strncmp(a, b, n) == 0 && (a[n] == '\0' || a[n] == '/') && (b[n] == '\0' || b[n] == '/'));
}

/* scan.words is a folder of its own: the word lists are the site's own
 * files, signed in the site's review (review_site.h), so a folder that also
 * holds the site itself, the content, the static files or the review
 * records would make every edit (and every sign-off) change the site's
 * files: the site could never stay approved.  False after reporting. */
static bool words_apart(reader *r, const yx_node *at, const char *words) {
  const char *w = path_normalize(r->a, words);
  const char *clash = NULL;
  if (!w || !*w) clash = "the site folder itself";
  else if (nested(w, "content")) clash = "content/";
  else if (nested(w, "reviews")) clash = "reviews/ (the review records)";
  for (size_t i = 0; !clash && i < r->c->nstatics; i++) {
    const char *st = path_normalize(r->a, r->c->statics[i].dir);
    if (st && nested(w, st)) clash = arena_printf(r->a, "the static folder %s/", st);
  }
  if (!clash) return true;
  diag_error(r->c->file, at->line, at->col,
             "keep the word lists in a folder of their own, e.g. words (the site's review signs them with site.yaml)",
             "scan.words \"%s\" overlaps %s", words, clash);
  return false;
}

/* scan: {words, gap} — the content-safety scan (docs/scan.md). */
static void read_scan(reader *r, yx_node *root) {
  r->c->scan_words = "words";
  r->c->scan_gap = 2;
  yx_node *s = yx_get(root, "scan");
  if (!s) return;
  if (s->kind != YX_MAP) {
    bad(r, s, "write scan: {words: words, gap: 2}", "\"%s\" must be a mapping", "scan");
    return;
  }
  for (size_t i = 0; i < s->n; i++)
    if (strcmp(s->keys[i]->str, "words") != 0 && strcmp(s->keys[i]->str, "gap") != 0 &&
        strcmp(s->keys[i]->str, "code") != 0)
      bad(r, s->keys[i], "scan: has words, gap and code", "unknown key \"scan.%s\"", s->keys[i]->str);
  const char *w = read_str(r, s, "words", false, NULL);
  if (w && !path_is_safe_rel(w))
    bad(r, yx_get(s, "words"), "name a folder inside the site, e.g. words", "\"%s\" must be a relative path",
        "scan.words");
  else if (w && !words_apart(r, yx_get(s, "words"), w))
    r->failed = true;
  else if (w)
    r->c->scan_words = w;
  r->c->scan_gap = read_int(r, s, "gap", 2, 0, 16);
  r->c->scan_code = read_bool(r, s, "code", false);
}

static void check_keys(reader *r, yx_node *root) {
  static const char *known[] = {"title", "description", "keywords", "base_url", "language", "theme",
                                "paginate", "summary_length", "home_latest", "sitemap_max_urls", "raw_html",
                                "relative_urls", "keep_releases", "footer", "static", "columns",
                                "types", "fields", "aliases", "values", "home", "scan",
                                "catalog", /* catalog.c reads it */
                                "report",  /* report.c reads it (govpub report) */
                                "letters", /* interact_letters.c reads it */
                                "check", "calendar", /* check_settings.c reads these two */
                                "deploy" /* read by govpub deploy (publish_deploy.c) */};
  for (size_t i = 0; i < root->n; i++) {
    bool ok = false;
    for (size_t k = 0; k < sizeof known / sizeof *known; k++)
      if (strcmp(root->keys[i]->str, known[k]) == 0) ok = true;
    if (!ok)
      diag_warning(r->c->file, root->keys[i]->line, root->keys[i]->col,
                   "check the spelling against docs/configuration.md", "unknown key \"%s\" is ignored",
                   root->keys[i]->str);
  }
}

static void find_theme(reader *r, yx_node *root, const char *datadir) {
  site_config *c = r->c;
  char *local = arena_printf(r->a, "%s/themes/%s", c->root, c->theme);
  if (!path_is_safe_rel(c->theme) || strchr(c->theme, '/')) {
    bad(r, yx_get(root, "theme"), "name a folder under themes/", "theme \"%s\" is not a plain name", c->theme);
    return;
  }
  if (fsx_is_dir(local)) {
    c->theme_dir = local;
    return;
  }
  char *installed = arena_printf(r->a, "%s/themes/%s", datadir, c->theme);
  if (fsx_is_dir(installed)) {
    c->theme_dir = installed;
    return;
  }
  yx_node *t = yx_get(root, "theme");
  diag_error(c->file, t ? t->line : 0, t ? t->col : 0, "put the theme in themes/<name>/ or install govpub "
             "(make install)", "theme \"%s\" not found in %s or %s", c->theme, local, installed);
  r->failed = true;
}

site_config *config_load(arena *a, const char *root, const char *datadir) {
  site_config *c = arena_calloc(a, 1, sizeof *c);
  char *plain = arena_strdup(a, *root ? root : "."); /* "site/" is "site": site_rel strips the root and a '/' */
  for (size_t n = strlen(plain); n > 1 && plain[n - 1] == '/'; n--) plain[n - 1] = '\0';
  root = plain;
  c->root = root;
  c->datadir = datadir;
  c->file = strcmp(root, ".") == 0 ? "site.yaml" : arena_printf(a, "%s/site.yaml", root);
  size_t len;
  char *text = fsx_read_arena(a, c->file, &len);
  if (!text) {
    int err = errno;
    diag_error(c->file, 0, 0,
               err == ENOENT ? "run govpub in a site folder or pass --site DIR; a new site starts with its "
                               "site.yaml (docs/operators.md, \"Starting a site\")"
                             : "run govpub in a site folder or pass --site DIR",
               "cannot read site configuration: %s", strerror(err));
    return NULL;
  }
  if (!text_check(c->file, text, len)) return NULL;
  yx_node *y = yamlx_parse(a, c->file, text, len, 0, true);
  if (!y) return NULL;
  c->yaml = y;
  reader r = {a, c, false};
  c->title = read_str(&r, y, "title", false, NULL); /* title and base_url: config_unfilled */
  if (!c->title) c->title = "";
  c->description = read_str(&r, y, "description", false, NULL);
  c->keywords = read_list(&r, yx_get(y, "keywords"), "keywords", &c->nkeywords);
  c->language = read_str(&r, y, "language", false, NULL);
  if (!c->language) c->language = "zh-CN";
  c->theme = read_str(&r, y, "theme", false, NULL);
  if (!c->theme) c->theme = "default";
  read_base_url(&r, y);
  c->paginate = read_int(&r, y, "paginate", 20, 1, 1000);
  c->summary_length = read_int(&r, y, "summary_length", 120, 10, 2000);
  c->home_latest = read_int(&r, y, "home_latest", 8, 1, 100);
  c->sitemap_max_urls = read_int(&r, y, "sitemap_max_urls", 50000, 1, 50000);
  c->keep_releases = read_int(&r, y, "keep_releases", 5, 1, 1000);
  c->raw_html = read_bool(&r, y, "raw_html", false);
  c->relative_urls = read_bool(&r, y, "relative_urls", false);
  read_footer(&r, y);
  read_statics(&r, y);
  read_columns(&r, y);
  read_types(&r, y);
  read_fields(&r, y);
  read_aliases(&r, y);
  read_home(&r, y);
  read_scan(&r, y);
  c->catalog = yx_get(y, "catalog");
  check_keys(&r, y);
  find_theme(&r, y, datadir);
  return r.failed ? NULL : c;
}

const column_cfg *config_column(const site_config *c, const char *path) {
  for (size_t i = 0; i < c->ncolumns; i++)
    if (strcmp(c->columns[i].path, path) == 0) return &c->columns[i];
  return NULL;
}

const type_spec *config_type(const site_config *c, const char *name) {
  for (size_t i = 0; i < c->ntypes; i++)
    if (c->types[i].name[0] == name[0] && strcmp(c->types[i].name, name) == 0) return &c->types[i];
  return NULL;
}

const field_spec *config_field(const site_config *c, const char *name) {
  for (size_t i = 0; i < c->nfields; i++)
    if (c->fields[i].name[0] == name[0] && strcmp(c->fields[i].name, name) == 0) return &c->fields[i];
  return NULL;
}

const char *config_canonical_key(const site_config *c, const char *key) {
  for (size_t i = 0; i < c->nkey_aliases; i++) /* every front matter key comes here: the first byte first */
    if (c->key_aliases[i].from[0] == key[0] && strcmp(c->key_aliases[i].from, key) == 0) return c->key_aliases[i].to;
  return key;
}

const char *config_canonical_value(const site_config *c, const char *field, const char *value) {
  for (size_t i = 0; i < c->nvalue_aliases; i++)
    if (c->value_aliases[i].field[0] == field[0] && strcmp(c->value_aliases[i].field, field) == 0 &&
        strcmp(c->value_aliases[i].from, value) == 0)
      return c->value_aliases[i].to;
  return value;
}

/* scan_page: what of a page (and of site.yaml) a reader sees, handed to
 * scan_text with the origin that maps hits back to the file.
 *
 * Front matter: every scalar string of every field, except fields that are
 * not text (dates, paths, flags, identifiers: by site.yaml's declared
 * format, else by a fixed list of Hugo-style keys) and values that are URLs,
 * paths or dates.  The value is scanned as YAML decoded it; each hit is
 * found again in the file so its position is the file's.
 * Body: md_render's text (body, link text, alt text, table cells; no code
 * and no URLs), positions from its spans. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fsx.h"
#include "scan_impl.h"

/* ---- which front matter strings are text ----------------------------------- */

/* Keys that never hold reader-visible text. */
static const char *const not_text[] = {"date", "updated", "written", "lastmod", "publishdate", "expirydate",
                                       "draft", "weight", "slug", "url", "aliases", "layout", "type",
                                       "index_no", "interprets", "interpretations", "disclosure", NULL};

static bool key_is_text(const site_config *cfg, const char *key) {
  for (const char *const *k = not_text; *k; k++)
    if (strcmp(key, *k) == 0) return false;
  const field_spec *fs = cfg ? config_field(cfg, key) : NULL;
  if (!fs) return true;
  switch (fs->format) {
    case FMT_TEXT: case FMT_LIST: case FMT_DOC_NO: return true;
    default: return false; /* dates, paths, enums, flags, numbers, 索引号 */
  }
}

static bool starts(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

static bool is_digits(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

/* A URL, a file path, or a date: not prose. */
static bool value_is_text(const yx_node *v) {
  const char *s = v->str;
  if (v->plain && (yx_is_null(v) || yx_bool(v) >= 0)) return false;
  if (strstr(s, "://") || starts(s, "mailto:") || starts(s, "www.")) return false;
  if (starts(s, "/") || starts(s, "./") || starts(s, "../")) return false;
  if (v->len >= 10 && is_digits(s, 4) && s[4] == '-' && is_digits(s + 5, 2) && s[7] == '-' &&
      is_digits(s + 8, 2) && (v->len == 10 || s[10] == 'T' || s[10] == ' '))
    return false;
  static const char *const ext[] = {".md", ".html", ".htm", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp",
                                    ".pdf", ".csv", ".xls", ".xlsx", ".doc", ".docx", ".zip", ".yaml", ".json", NULL};
  if (strpbrk(s, " \t\n")) return true;
  for (const char *const *e = ext; *e; e++) {
    size_t k = strlen(*e);
    if (v->len > k && strcasecmp(s + v->len - k, *e) == 0) return false;
  }
  return true;
}

/* ---- walking a YAML tree ------------------------------------------------------ */

typedef struct walk walk;
struct walk {
  const char *path, *src; /* src: the file, or NULL (positions from the nodes) */
  size_t src_len;
  const site_config *cfg;
  void (*visit)(walk *w, const char *text, size_t len, const scan_origin *o);
  /* scanning */
  const scan_dict *d;
  scan_scratch *s;
  scan_hits *out;
  size_t hits;
  /* extracting */
  buf *text;
};

/* Byte offset of line:col (col in code points) in src. */
static size_t offset_of(const char *src, size_t len, int line, int col) {
  size_t i = 0;
  for (int l = 1; l < line && i < len; i++)
    if (src[i] == '\n') l++;
  for (int c = 1; c < col && i < len && src[i] != '\n'; c++) {
    i++;
    while (i < len && ((unsigned char)src[i] & 0xC0) == 0x80) i++;
  }
  return i;
}

static void walk_node(walk *w, const yx_node *v, const char *field) {
  char sub[256];
  if (v->kind == YX_SCALAR) {
    if (!v->len || !value_is_text(v)) return;
    size_t from = w->src ? offset_of(w->src, w->src_len, v->line, v->col) : 0;
    bool quoted = w->src && from < w->src_len && (w->src[from] == '"' || w->src[from] == '\'');
    scan_origin o = {.path = w->path, .field = field, .line = v->line, .col = v->col + quoted,
                     .src = w->src, .src_len = w->src_len, .src_from = from};
    w->visit(w, v->str, v->len, &o);
  } else if (v->kind == YX_SEQ) {
    for (size_t i = 0; i < v->n; i++) {
      snprintf(sub, sizeof sub, "%s[%zu]", field, i);
      walk_node(w, v->items[i], sub);
    }
  } else {
    for (size_t i = 0; i < v->n; i++) {
      const char *key = v->keys[i]->str;
      if (!key_is_text(NULL, key)) continue;
      snprintf(sub, sizeof sub, "%s.%s", field, key);
      walk_node(w, v->vals[i], sub);
    }
  }
}

static void walk_fields(walk *w, const yx_node *fm) {
  for (size_t i = 0; fm && fm->kind == YX_MAP && i < fm->n; i++) {
    const char *key = w->cfg ? config_canonical_key(w->cfg, fm->keys[i]->str) : fm->keys[i]->str;
    if (key_is_text(w->cfg, key)) walk_node(w, fm->vals[i], key);
  }
}

static void visit_scan(walk *w, const char *text, size_t len, const scan_origin *o) {
  w->hits += scan_text(w->d, w->s, text, len, o, w->out);
}

static void visit_extract(walk *w, const char *text, size_t len, const scan_origin *o) {
  (void)o;
  buf_put(w->text, text, len);
  buf_putc(w->text, '\n');
}

size_t scan_front_matter(const scan_dict *d, scan_scratch *s, const char *path, const char *src, size_t src_len,
                         const yx_node *fm, const site_config *cfg, scan_hits *out) {
  walk w = {.path = path, .src = src, .src_len = src_len, .cfg = cfg, .visit = visit_scan, .d = d, .s = s, .out = out};
  walk_fields(&w, fm);
  return w.hits;
}

size_t scan_markdown(const scan_dict *d, scan_scratch *s, const char *path, const md_result *md,
                     scan_hits *out) {
  scan_origin o = {.path = path, .field = "body", .line = 1, .col = 1, .spans = md->spans, .n_spans = md->n_spans};
  size_t hits = scan_text(d, s, md->text, md->text_len, &o, out);
  for (size_t i = 0; d->code && i < md->n_code; i++) {
    scan_origin co = {.path = path, .field = "code", .line = md->code[i].line, .col = md->code[i].col};
    hits += scan_text(d, s, md->code[i].text, strlen(md->code[i].text), &co, out);
  }
  return hits;
}

size_t scan_site_config(const scan_dict *d, scan_scratch *s, const site_config *cfg, scan_hits *out) {
  static const char *const visible[] = {"title", "description", "keywords", "footer", NULL};
  size_t len = 0;
  char *src = fsx_read(cfg->file, &len); /* for exact positions; the nodes' will do without it */
  walk w = {.path = cfg->file, .src = src, .src_len = len, .visit = visit_scan, .d = d, .s = s, .out = out};
  for (const char *const *k = visible; *k; k++) {
    const yx_node *v = yx_get(cfg->yaml, *k);
    if (v) walk_node(&w, v, *k);
  }
  free(src);
  return w.hits;
}

/* ---- a whole Markdown file ------------------------------------------------------ */

typedef struct {
  const char *fm;  /* front matter text (NULL when the file has none) */
  size_t fm_len;
  const char *body;
  size_t body_len;
  int body_line;   /* lines before the body */
} parts;

static size_t line_len(const char *p, const char *end) {
  const char *nl = memchr(p, '\n', (size_t)(end - p));
  return nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
}

/* Is p[0..n) (one line with its end) exactly `mark`? */
static bool is_mark(const char *p, size_t n, const char *mark) {
  while (n && (p[n - 1] == '\n' || p[n - 1] == '\r')) n--;
  return n == 3 && memcmp(p, mark, 3) == 0;
}

/* Front matter between a first line `---` and a line `---` or `...`. */
static parts split(const char *src, size_t len) {
  const char *p = src, *end = src + len;
  if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
  parts r = {NULL, 0, src, len, 0};
  size_t n = line_len(p, end);
  if (!is_mark(p, n, "---") || p[n - 1] != '\n') return r;
  const char *fm = p + n;
  int line = 1;
  for (const char *q = fm; q < end;) {
    size_t k = line_len(q, end);
    line++;
    if (is_mark(q, k, "---") || is_mark(q, k, "...")) {
      r.fm = fm;
      r.fm_len = (size_t)(q - fm);
      r.body = q + k;
      r.body_len = (size_t)(end - r.body);
      r.body_line = line;
      return r;
    }
    q += k;
  }
  return r; /* never closed: read as Markdown, the way it would render */
}

static yx_node *parse_fm(const char *path, const parts *pt, arena *a) {
  return pt->fm ? yamlx_parse(a, path, pt->fm, pt->fm_len, 1, true) : NULL;
}

static md_result render(const parts *pt, const site_config *cfg, arena *a) {
  md_options opt = {.raw_html = cfg && cfg->raw_html, .line_offset = pt->body_line};
  md_result md;
  md_render(a, pt->body, pt->body_len, &opt, &md);
  return md;
}

size_t scan_source(const scan_dict *d, scan_scratch *s, const char *path, const char *src, size_t len,
                   const site_config *cfg, arena *a, scan_hits *out) {
  parts pt = split(src, len);
  size_t hits = 0;
  yx_node *fm = parse_fm(path, &pt, a);
  if (fm) hits += scan_front_matter(d, s, path, src, (size_t)(pt.fm + pt.fm_len - src), fm, cfg, out);
  md_result md = render(&pt, cfg, a);
  return hits + scan_markdown(d, s, path, &md, out);
}

void scan_source_text(const char *path, const char *src, size_t len, const site_config *cfg, arena *a,
                      char **out, size_t *out_len) {
  parts pt = split(src, len);
  buf b = BUF_INIT;
  walk w = {.path = path, .cfg = cfg, .visit = visit_extract, .text = &b};
  walk_fields(&w, parse_fm(path, &pt, a));
  md_result md = render(&pt, cfg, a);
  buf_put(&b, md.text, md.text_len);
  *out = arena_strndup(a, buf_cstr(&b), b.len);
  *out_len = b.len;
  buf_free(&b);
}

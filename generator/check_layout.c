/* check_layout: the template a built page's markup comes from, for the
 * rules on built pages that a site's layout override can break
 * (check_html.c: the viewport meta tag and whether it lets readers zoom,
 * the home page's search form).
 *
 * A page's templates are the .mustache files of its recorded inputs: the
 * render records them when the check runs on the model it has just built
 * (the publish pipeline); otherwise they are resolved here as a build would
 * resolve them now (render_record_layout: govpub check on a built folder).
 * Pages govpub makes itself are not in the model: theirs are found by the
 * layouts render.c renders them with (render_own_layouts, render.h; where
 * each is written: own_page_at).  A page found neither way is said at
 * the page.
 *
 * A template is named only when it can be the cause: when one of the
 * page's templates writes what the page lacks, the page was not made by
 * them as they are now (a folder built before the layouts changed, or
 * written by something else), and the rule says it at the page.  The
 * template named is among the site's own layouts/ the page uses, when it
 * uses any (the theme's are the reference), the first of them that holds
 * the rule's first mark (the <head> for the viewport …), else the next. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalog.h"
#include "check.h"
#include "diag.h"
#include "fsx.h"
#include "own_pages.h"
#include "render.h"

/* What one template file holds: where each mark is first found. */
typedef struct {
  const char *shown; /* as messages name it */
  bool own;          /* in the site's own layouts/ */
  bool has[CHECK_MARKS];
  int viewports; /* its <meta name="viewport"> tags */
  int line[CHECK_MARKS], col[CHECK_MARKS];
} tpl_file;

struct check_layouts {
  arena *a;
  site *s;
  const catalog *cat; /* may be NULL */
  tmpl_set *ts;  /* made on first use: resolving is needed only for a page that fails a rule */
  strmap *files; /* input path → tpl_file */
  strmap *group_pages; /* the catalog's department and topic pages (group_pages: made on first use, as ts) */
};

check_layouts *check_layouts_new(site *s, const catalog *cat) {
  arena *a = arena_new();
  check_layouts *L = arena_calloc(a, 1, sizeof *L);
  L->a = a;
  L->s = s;
  L->cat = cat;
  L->files = strmap_new(a);
  return L;
}

void check_layouts_free(check_layouts *L) {
  if (!L) return;
  tmpl_set_free(L->ts);
  arena_free(L->a);
}

static bool is_template(const char *path) {
  size_t n = strlen(path);
  return n > 9 && strcmp(path + n - 9, ".mustache") == 0;
}

/* `tag` (of n bytes, from '<' to before '>') contains `s`, in any case. */
static bool tag_has(const char *tag, size_t n, const char *s) {
  size_t k = strlen(s);
  for (size_t i = 0; i + k <= n; i++)
    if (strncasecmp(tag + i, s, k) == 0) return true;
  return false;
}

/* The content attribute of a tag (of n bytes, from '<' to before '>'), as
 * written, in `a`; "" when it has none: a viewport without one lets
 * readers zoom. */
static const char *content_of(arena *a, const char *tag, size_t n) {
  for (size_t i = 0; i + 7 <= n; i++) {
    if (strncasecmp(tag + i, "content", 7) != 0 || (i && tag[i - 1] != ' ' && tag[i - 1] != '\t' && tag[i - 1] != '\n'))
      continue;
    size_t k = i + 7;
    while (k < n && (tag[k] == ' ' || tag[k] == '\t' || tag[k] == '\n')) k++;
    if (k == n || tag[k] != '=') continue;
    for (k++; k < n && (tag[k] == ' ' || tag[k] == '\t' || tag[k] == '\n');) k++;
    char q = k < n && (tag[k] == '"' || tag[k] == '\'') ? tag[k++] : 0;
    size_t e = k;
    while (e < n && (q ? tag[e] != q : tag[e] != ' ' && tag[e] != '\t' && tag[e] != '\n' && tag[e] != '/')) e++;
    return arena_strndup(a, tag + k, e - k);
  }
  return "";
}

static void mark(tpl_file *f, check_mark m, const char *text, const char *at) {
  if (f->has[m]) return;
  int line = 1;
  const char *ls = text;
  for (const char *p = text; p < at; p++)
    if (*p == '\n') line++, ls = p + 1;
  f->has[m] = true;
  f->line[m] = line;
  f->col[m] = diag_col(ls, (size_t)(at - ls));
}

/* One pass over a template's source: its tags outside Mustache comments. */
static void scan(arena *a, tpl_file *f, const char *text) {
  mark(f, CHECK_MARK_START, text, text);
  for (const char *p = text; *p; p++) {
    if (strncmp(p, "{{!", 3) == 0) {
      const char *e = strstr(p + 3, "}}");
      if (!e) return;
      p = e + 1;
      continue;
    }
    if (*p != '<') continue;
    const char *nm = p + 1, *q = nm;
    while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z')) q++;
    size_t nl = (size_t)(q - nm);
    if (!nl || !(*q == '>' || *q == '/' || *q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')) continue;
    const char *e = strchr(q, '>');
    size_t tl = e ? (size_t)(e - p) : strlen(p);
#define NAME_IS(s) (nl == strlen(s) && strncasecmp(nm, s, nl) == 0)
    if (NAME_IS("head")) mark(f, CHECK_MARK_HEAD, text, p);
    else if (NAME_IS("body")) mark(f, CHECK_MARK_BODY, text, p);
    else if (NAME_IS("header")) mark(f, CHECK_MARK_HEADER, text, p);
    else if (NAME_IS("meta") && tag_has(p, tl, "viewport")) {
      mark(f, f->viewports++ ? CHECK_MARK_VIEWPORT_AGAIN : CHECK_MARK_VIEWPORT, text, p);
      if (tag_has(p, tl, "device-width")) mark(f, CHECK_MARK_DEVICE_WIDTH, text, p);
      const char *v = content_of(a, p, tl);
      if (!strstr(v, "{{") && !check_viewport_locks_zoom(v, NULL, NULL)) mark(f, CHECK_MARK_ZOOMABLE, text, p);
    } else if (NAME_IS("form") &&
               (tag_has(p, tl, "role=\"search\"") || tag_has(p, tl, "role='search'") || tag_has(p, tl, "role=search")))
      mark(f, CHECK_MARK_SEARCH_FORM, text, p);
#undef NAME_IS
  }
}

/* The template at input path `rel` (site-relative, or absolute: an
 * installed theme), read once; NULL when it cannot be read. */
static const tpl_file *file_of(check_layouts *L, const char *rel) {
  tpl_file *f = strmap_get(L->files, rel);
  if (f) return f->shown ? f : NULL;
  f = arena_calloc(L->a, 1, sizeof *f);
  strmap_put(L->files, arena_strdup(L->a, rel), f);
  const char *path = rel[0] == '/' ? rel : path_in_site(L->a, L->s->cfg->root, rel);
  char *text = fsx_read(path, NULL);
  if (!text) return NULL; /* gone since: the page is named instead */
  scan(L->a, f, text);
  free(text);
  f->shown = arena_strdup(L->a, path);
  f->own = strncmp(rel, "layouts/", 8) == 0;
  return f;
}

/* The department and topic pages of the data catalog, "<group url>index.html"
 * (made on first use): a file is looked up, not through every group. */
static strmap *group_pages(check_layouts *L) {
  if (L->group_pages) return L->group_pages;
  L->group_pages = strmap_new(L->a);
  for (int k = 0; k < 2; k++) {
    size_t ng;
    const catalog_group *g = catalog_groups(L->cat, k, &ng);
    for (size_t i = 0; i < ng; i++)
      strmap_put(L->group_pages, arena_cat(L->a, g[i].url, "index.html", NULL), (void *)&g[i]);
  }
  return L->group_pages;
}

/* What follows a taxonomy's URL in `rel` ("index.html", "教育/index.html"),
 * or NULL when rel is below none. */
static const char *below_taxonomy(const site *s, const char *rel) {
  for (int t = 0; t < 2; t++) {
    size_t n = strlen(s->tax[t].url);
    if (n && strncmp(rel, s->tax[t].url, n) == 0) return rel + n;
  }
  return NULL;
}

/* Whether govpub writes its page of `kind` (render.h) at `rel` below the
 * built folder, as render.c names it: the home page of a site without
 * content/_index.md, the 404 page, the search page, an alias's redirect,
 * a taxonomy's index
 * and its terms' pages (any page of their lists), the data catalog's
 * department and topic pages. */
static bool own_page_at(check_layouts *L, render_own kind, const char *rel) {
  const char *tail;
  switch (kind) {
    case RENDER_OWN_HOME: return strcmp(rel, "index.html") == 0;
    case RENDER_OWN_404: return strcmp(rel, OWN_404) == 0;
    case RENDER_OWN_SEARCH: return strcmp(rel, OWN_SEARCH_PAGE) == 0;
    case RENDER_OWN_ALIAS: /* "<alias>index.html" (extras.c), also where a tag's list was */
      return L->s->aliases && (tail = strstr(rel, "index.html")) && !tail[10] &&
             site_alias_page(L->s, L->a, arena_strndup(L->a, rel, (size_t)(tail - rel)));
    case RENDER_OWN_TERMS: return (tail = below_taxonomy(L->s, rel)) && strcmp(tail, "index.html") == 0;
    case RENDER_OWN_TERM: return (tail = below_taxonomy(L->s, rel)) && strcmp(tail, "index.html") != 0;
    case RENDER_OWN_CATALOG: return L->cat && strmap_get(group_pages(L), rel);
    case RENDER_OWN_KINDS: break;
  }
  return false;
}

/* The layout of a page govpub makes itself at `rel`; NULL for any other. */
static const char *own_layout(check_layouts *L, const char *rel) {
  for (int k = 0; k < RENDER_OWN_KINDS; k++)
    if (own_page_at(L, (render_own)k, rel)) return render_own_layouts[k];
  return NULL;
}

bool check_layout_blame(check_layouts *L, page *p, const char *rel, int ok, int viewports, const check_mark *marks,
                        size_t nmarks, const char **path, int *line, int *col) {
  const char *layout = p ? NULL : own_layout(L, rel);
  if (!p && !layout) return false;
  size_t n = 0;
  for (size_t i = 0; p && i < p->inputs.n; i++) n += is_template(p->inputs.paths[i]);
  if (!L->ts && !n) L->ts = render_templates(L->a, L->s->cfg);
  const char *const *deps = NULL;
  size_t nd = 0;
  if (p && !n) render_record_layout(L->ts, L->s, p); /* loaded, not rendered: the layout a build would use now */
  if (p) deps = p->inputs.paths, nd = p->inputs.n;
  else if (tmpl_exists(L->ts, layout)) {
    const tmpl *t = tmpl_get(L->ts, layout);
    nd = t ? tmpl_deps(L->ts, t, &deps) : 0;
  }
  const tpl_file *own[64], *all[64];
  size_t nown = 0, nall = 0;
  int written = 0; /* the viewport tags they hold */
  for (size_t i = 0; i < nd && nall < 64; i++) {
    const char *in = p ? deps[i] : site_rel(L->s, deps[i]);
    const tpl_file *f = is_template(in) ? file_of(L, in) : NULL;
    if (!f) continue;
    if (ok >= 0 && f->has[ok]) return false; /* its templates write it: they did not make this page */
    all[nall++] = f;
    if (f->own) own[nown++] = f;
    written += f->viewports;
  }
  if (written < viewports) return false; /* they write fewer than the page has */
  const tpl_file *const *cand = nown ? own : all;
  size_t ncand = nown ? nown : nall;
  for (size_t m = 0; m < nmarks; m++)
    for (size_t i = 0; i < ncand; i++)
      if (cand[i]->has[marks[m]]) {
        *path = cand[i]->shown;
        *line = cand[i]->line[marks[m]];
        *col = cand[i]->col[marks[m]];
        return true;
      }
  return false;
}

/* render: see render.h. */
#include "render.h"

#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cjk.h"
#include "context.h"
#include "diag.h"
#include "escape.h"
#include "fsx.h"
#include "markdown.h"
#include "own_pages.h"
#include "page_anchors.h"
#include "pager.h"
#include "pool.h"
#include "report.h"
#include "tmpl_memo.h"
#include "suggest.h"
#include "url.h"

static atomic_size_t written;

#define LAYOUT_NAMED_HINT                                                                      \
  "create layouts/%s.mustache in the site, or correct the name (layouts are looked up in the " \
  "site's layouts/, then the theme's)"

/* A layout a type names in site.yaml must exist: a typo there would give
 * every page of the type the fallback layout without a word (reported
 * once here; the pages then fall back quietly, find_layout). */
static void check_type_layouts(const renderer *r) {
  const site_config *c = r->s->cfg;
  if (!r->ts) return; /* review bundles render no layout */
  for (size_t i = 0; i < c->ntypes; i++) {
    const type_spec *t = &c->types[i];
    if (t->layout && !tmpl_exists(r->ts, t->layout)) {
      char hint[512];
      snprintf(hint, sizeof hint, LAYOUT_NAMED_HINT, t->layout);
      diag_error(c->file, t->layout_line, t->layout_col, hint,
                 "type \"%s\": layout \"%s\" is not a template of the site or the theme", t->name, t->layout);
    }
  }
}

void render_init(renderer *r, site *s, tmpl_set *ts, const release *rel, const static_set *statics,
                 bool preview, int threads) {
  memset(r, 0, sizeof *r);
  r->s = s;
  r->ts = ts;
  r->rel = rel;
  r->files = statics->by_dst;
  r->preview = preview;
  r->threads = threads < 1 ? 1 : threads;
  pthread_mutex_init(&r->lock, NULL);
  r->scratch = calloc((size_t)r->threads, sizeof *r->scratch);
  r->out = calloc((size_t)r->threads, sizeof *r->out);
  r->memo = calloc((size_t)r->threads, sizeof *r->memo);
  r->html = calloc((size_t)r->threads, sizeof *r->html);
  if (!r->scratch || !r->out || !r->memo || !r->html) abort();
  for (int i = 0; i < r->threads; i++) {
    r->scratch[i] = arena_new();
    r->memo[i] = tmpl_memo_new();
  }
  r->shared = arena_new();
  atomic_store(&written, 0);
  check_type_layouts(r);
}

void render_report(renderer *r) {
  /* The first page in file order, so the report is the same on every run;
   * printed after the layout's errors, which it explains. */
  if (r->broken_layout_page)
    diag_note_after(tmpl_failed_in(r->ts, r->broken_layout), 0, 0, r->broken_layout_page, r->broken_layout_line,
                    r->broken_layout_col, "not rendered: layout \"%s\" has errors", r->broken_layout);
}

void render_free(renderer *r) {
  pthread_mutex_destroy(&r->lock);
  for (int i = 0; r->scratch && i < r->threads; i++) arena_free(r->scratch[i]);
  for (int i = 0; r->out && i < r->threads; i++) buf_free(&r->out[i]);
  for (int i = 0; r->html && i < r->threads; i++) buf_free(&r->html[i]);
  for (int i = 0; r->memo && i < r->threads; i++) tmpl_memo_free(r->memo[i]);
  arena_free(r->shared);
  free(r->scratch);
  free(r->out);
  free(r->memo);
  free(r->html);
  r->html = NULL;
  r->scratch = NULL;
  r->out = NULL;
  r->memo = NULL;
  r->shared = NULL;
  r->site_map = NULL;
  r->column_shared = NULL;
  r->plain_menu = r->home_crumbs = r->term_crumbs[0] = r->term_crumbs[1] = NULL;
  r->term_maps[0] = r->term_maps[1] = NULL;
  memset(r->catalog_nav, 0, sizeof r->catalog_nav);
}

static ctx_env env_of(const renderer *r) {
  return (ctx_env){r->s, r->preview, "govpub " GOVPUB_VERSION, r->site_map, {r->term_maps[0], r->term_maps[1]}};
}

/* The breadcrumbs of taxonomy tx's term pages: the home page, then the
 * taxonomy's own page, last. */
static tval *term_crumbs(renderer *r, arena *a, const urlctx *u, const taxonomy *tx) {
  ctx_env env = env_of(r);
  tval *bc = ctx_breadcrumbs(a, &env, u, r->s->columns[0], true);
  tval *last = bc->u.list.items[bc->u.list.n - 1];
  tv_set_bool(a, last, "last", false);
  tval *m = tv_map(a);
  tv_set_str(a, m, "title", tx->title);
  tv_set(a, m, "url", tv_str(a, url_to(a, u, tx->url)));
  tv_set_bool(a, m, "last", true);
  tv_push(a, bc, m);
  return bc;
}

/* With absolute URLs every page's `site` data is the same, and so is what
 * the articles of one column share (menu, breadcrumbs, column): made once,
 * before the render threads start (they only read it). */
static void make_site_map(renderer *r) {
  if (r->site_map || r->s->cfg->relative_urls) return;
  ctx_env env = env_of(r);
  urlctx u = {r->s->cfg, ""};
  tval *site_map = ctx_site(r->shared, &env, &u);
  tv_mark_plain(site_map);
  r->site_map = env.site_map = site_map;
  r->column_shared = strmap_new(r->shared);
  for (size_t i = 0; i < r->s->ncolumns; i++) {
    const column *col = r->s->columns[i];
    strmap_put(r->column_shared, col->url, ctx_column_shared_new(r->shared, &env, &u, col));
  }
  tval *menu = ctx_menu(r->shared, &env, &u, NULL, NULL), *home = ctx_breadcrumbs(r->shared, &env, &u, r->s->columns[0], true);
  tv_mark_plain(menu);
  tv_mark_plain(home);
  r->plain_menu = menu;
  r->home_crumbs = home;
  for (int t = 0; t < 2; t++) {
    tval *bc = term_crumbs(r, r->shared, &u, &r->s->tax[t]);
    tv_mark_plain(bc);
    r->term_crumbs[t] = bc;
    strmap *maps = ctx_term_maps(r->shared, &env, &u, t);
    const taxonomy *tx = &r->s->tax[t];
    for (size_t k = 0; k < tx->nterms; k++) tv_mark_plain(strmap_get(maps, tx->terms[k]->name));
    r->term_maps[t] = maps;
  }
}

/* The shared catalog navigation of the page at u (make_catalog_navs), or NULL. */
static tval *shared_nav(const renderer *r, const urlctx *u) {
  size_t climb = url_climb(u);
  return climb < RENDER_NAV_CLIMBS ? (tval *)r->catalog_nav[climb] : NULL;
}

/* The catalog's navigation for pages whose links climb as far as from's
 * (url_climb): made once, in the shared arena. */
static void make_catalog_nav(renderer *r, const char *from) {
  urlctx u = {r->s->cfg, from};
  size_t climb = url_climb(&u);
  if (climb >= RENDER_NAV_CLIMBS || r->catalog_nav[climb]) return;
  tval *nav = catalog_nav(r->shared, r->catalog, &u);
  tv_mark_plain(nav);
  r->catalog_nav[climb] = nav;
}

/* The catalog's navigation is the same on every page whose links climb as
 * far: on every page with absolute URLs, on pages as deep with relative
 * ones.  Made before the render threads start (they only read it) for the
 * pages that show it: the dataset pages, the catalog's list pages and its
 * group pages, which share it (each group page copies what it marks). */
static void make_catalog_navs(renderer *r) {
  if (!r->catalog) return;
  const column *col = catalog_column(r->catalog);
  size_t lists = pager_pages(col->npages, r->s->cfg->paginate);
  for (size_t k = 1; k <= lists && k <= 2; k++) make_catalog_nav(r, pager_url(r->shared, col->url, k));
  for (size_t i = 0; i < col->npages; i++) make_catalog_nav(r, col->pages[i]->url);
  for (int kind = 0; kind < 2; kind++) {
    size_t n;
    const catalog_group *g = catalog_groups(r->catalog, kind, &n);
    for (size_t i = 0; i < n; i++) make_catalog_nav(r, g[i].url);
  }
}

/* The keys of every page (ctx_root) for a page outside the columns: the
 * shared menu when there is one. */
static tval *plain_root(renderer *r, arena *a, const ctx_env *env, const urlctx *u) {
  return r->plain_menu ? ctx_root_of(a, env, u, r->plain_menu) : ctx_root(a, env, u, NULL, NULL);
}

/* The breadcrumbs of a page outside the columns: the home page alone
 * (the shared list when there is one). */
static tval *home_crumbs(renderer *r, arena *a, const ctx_env *env, const urlctx *u) {
  return r->home_crumbs ? (tval *)r->home_crumbs : ctx_breadcrumbs(a, env, u, r->s->columns[0], true);
}

/* The output file of a site-relative URL folder. */
static const char *index_file(arena *a, const char *url) { return arena_cat(a, url, "index.html", NULL); }

/* The site-model arena a worker may add to (a page's recorded inputs, its
 * summary): one per thread, so no locking. */
static arena *model_arena(const renderer *r, int worker) {
  return r->s->worker_arenas[(size_t)worker % r->s->nworkers];
}

/* Where a message about what page `from` makes stands: its front matter
 * value of `key` when it has one, else 1:1 (the whole file); no line for a
 * page govpub makes (from NULL: it has no file).  Returns that value, or
 * NULL. */
static const yx_node *made_at(const page *from, const char *key, int *line, int *col) {
  const yx_node *v = from && from->fm ? yx_get(from->fm, key) : NULL;
  *line = v ? v->line : from != NULL;
  *col = v ? v->col : from != NULL;
  return v;
}

/* The first existing layout of `names` (a NULL name is skipped), compiled;
 * *name is set to its name.  NULL when there is none (reported at
 * page_src:line:col; *name NULL) or it has errors (reported at their
 * place).  The set answers a name it has looked up before without its
 * lock (tmpl.h). */
static const tmpl *lookup_layout(renderer *r, const char *const *names, size_t nnames, const char *page_src,
                                 int line, int col, const char **name) {
  size_t i = 0;
  while (i < nnames && !(names[i] && tmpl_exists(r->ts, names[i]))) i++;
  if (i == nnames) {
    char tried[512] = "";
    for (i = 0; i < nnames; i++)
      if (names[i]) snprintf(tried + strlen(tried), sizeof tried - strlen(tried), "%s%s.mustache", *tried ? ", " : "", names[i]);
    char hint[PATH_MAX + 160];
    snprintf(hint, sizeof hint,
             "add one of these layouts to the theme or the site's layouts/ (govpub's default theme has its own "
             "in %s/themes/default/layouts/)",
             r->s->cfg->datadir);
    diag_error(page_src, line, col, hint, "no layout found (tried %s)", tried);
    *name = NULL;
    return NULL;
  }
  *name = names[i];
  return tmpl_get(r->ts, names[i]);
}

/* lookup_layout, and the files the layout includes; when it has errors,
 * the first page (by file) it stopped is remembered for render_report. */
static const tmpl *first_layout(renderer *r, const char *const *names, size_t nnames, const char *page_src,
                                int line, int col, const char *const **deps, size_t *ndeps) {
  const char *name;
  const tmpl *t = lookup_layout(r, names, nnames, page_src, line, col, &name);
  if (!t && name) {
    pthread_mutex_lock(&r->lock);
    if (!r->broken_layout_page || strcmp(page_src, r->broken_layout_page) < 0) {
      r->broken_layout_page = page_src;
      r->broken_layout = name;
      r->broken_layout_line = line;
      r->broken_layout_col = col;
    }
    pthread_mutex_unlock(&r->lock);
  }
  if (!t) return NULL;
  *ndeps = tmpl_deps(r->ts, t, deps);
  return t;
}

/* first_layout for page `from` (or a page govpub makes: from NULL), said at
 * its `layout:` when it names one, else at page_src:1:1 (a page govpub
 * makes: page_src alone); the layout it names must exist. */
static const tmpl *find_layout(renderer *r, const char *const *names, size_t nnames, const page *from,
                               const char *page_src, const char *const **deps, size_t *ndeps) {
  int line, col;
  const yx_node *named = made_at(from, "layout", &line, &col);
  if (named && !yx_is_null(named) && names[0] && !tmpl_exists(r->ts, names[0])) {
    /* the page's own layout: a typo is an error, not a quiet fall back */
    if (!tmpl_name_valid(names[0], NULL)) return NULL; /* reported when the page was loaded */
    char hint[512];
    snprintf(hint, sizeof hint, LAYOUT_NAMED_HINT, names[0]);
    diag_error(page_src, line, col, hint, "layout \"%s\" is not a template of the site or the theme", names[0]);
    return NULL;
  }
  return first_layout(r, names, nnames, page_src, line, col, deps, ndeps);
}

const tmpl *render_alias_layout(renderer *r, const char *src, int line, int col, bool *broken) {
  const char *name;
  const tmpl *t = lookup_layout(r, &render_own_layouts[RENDER_OWN_ALIAS], 1, src, line, col, &name);
  *broken = !t && name;
  return t;
}

/* A page with `aliases:` has its redirects rendered with the alias layout
 * (extras.c): that layout and what it includes are its inputs too, found
 * without a word (the redirects' job says what is wrong with it). */
static void record_alias_layout(tmpl_set *ts, arena *model, const site *s, page *p) {
  const char *name = render_own_layouts[RENDER_OWN_ALIAS];
  const tmpl *t = p->naliases && tmpl_exists(ts, name) ? tmpl_get(ts, name) : NULL;
  if (!t) return;
  const char *const *deps;
  size_t nd = tmpl_deps(ts, t, &deps);
  page_add_inputs_rel(model, s, p, deps, nd);
}

const char *const render_own_layouts[RENDER_OWN_KINDS] = {
    [RENDER_OWN_HOME] = "home",   [RENDER_OWN_404] = "404",   [RENDER_OWN_SEARCH] = "search",
    [RENDER_OWN_ALIAS] = "alias", [RENDER_OWN_TERMS] = "terms", [RENDER_OWN_TERM] = "term",
    [RENDER_OWN_CATALOG] = "catalog"};

/* The layouts a build tries for page p, in order (a NULL name is skipped):
 * an article's own, its type's, single; a column's page its own,
 * list-<the column's type>, list; the root column's page (the home page)
 * home.  Writes at most 3 names; returns how many.  Names made here are in
 * `a`.  render_record_layout tries the same names as the render. */
static size_t layout_names(arena *a, const page *p, const char *names[3]) {
  if (!p->is_index) {
    names[0] = p->layout, names[1] = p->type, names[2] = "single";
    return 3;
  }
  if (!p->column->path[0]) {
    names[0] = render_own_layouts[RENDER_OWN_HOME];
    return 1;
  }
  const char *type = p->column->cfg ? p->column->cfg->type : NULL;
  names[0] = p->layout, names[1] = type ? arena_printf(a, "list-%s", type) : NULL, names[2] = "list";
  return 3;
}

/* Renders the first existing layout of `names` with ctx into
 * the worker's output buffer and writes it.  `from` is the page whose file
 * the output is made from (messages name its file), or NULL for a page
 * govpub makes (messages name it by `label`: "404", "tags/教育").  When `p`
 * is given, the templates used are recorded as its inputs, with its
 * redirects' (record_alias_layout; in the model arena `model`: only one
 * job per page passes p, and the redirects' job records nothing). */
/* Renders ctx with the first layout of names[] into r->out[worker] and
 * writes it to out_path; true when it rendered (r->out[worker] then holds
 * the page until the worker's next one), written or not. */
static bool emit(renderer *r, int worker, const char *const *names, size_t nnames, tval *ctx,
                 const char *out_path, const page *from, const char *label, page *p, arena *model) {
  const char *const *deps;
  size_t nd;
  const char *page_src = from ? from->src : label;
  const tmpl *t = find_layout(r, names, nnames, from, page_src, &deps, &nd);
  if (!t) return false;
  if (p) {
    page_add_inputs_rel(model, r->s, p, deps, nd);
    record_alias_layout(r->ts, model, r->s, p);
  }
  buf *out = &r->out[worker];
  buf_clear(out);
  buf_reserve(out, 64 * 1024); /* most pages fit: no chain of reallocs while rendering */
  /* rendered all the same for what else the page holds wrong; written not */
  if (tmpl_render_memo(r->ts, t, ctx, out, page_src, r->memo[worker]) != 0) return false;
  if (!(from && from->url_taken)) {
    int line, col; /* a page's folder is named by its slug: or by its file */
    made_at(from, "slug", &line, &col);
    release_write_from(r->rel, out_path, from ? from->src : NULL, line, col, out->data, out->len);
    atomic_fetch_add(&written, 1);
  }
  return true;
}

/* A page govpub makes itself (no page's inputs recorded) with its kind's layout. */
static void emit_own(renderer *r, int worker, render_own kind, tval *ctx, const char *out_path, const char *label) {
  emit(r, worker, &render_own_layouts[kind], 1, ctx, out_path, NULL, label, NULL, NULL);
}

/* ---- links inside Markdown ------------------------------------------------ */

typedef struct {
  renderer *r;
  page *p;
  arena *a;     /* this render's scratch */
  arena *model; /* where the page's recorded inputs go */
  urlctx u;
  tval *charts; /* the charts shown, once each, for the page's `charts` (in a) */
  page_anchors *anchors; /* its links to its own #ids, checked once its HTML is made; NULL: not */
} link_ctx;

static bool has_scheme(const char *u) {
  for (const char *c = u; *c; c++) {
    if (*c == ':') return c > u;
    if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
          *c == '+' || *c == '-' || *c == '.'))
      return false;
  }
  return false;
}

/* The output path a link's path names (site root or the page's URL as its
 * base), or NULL when it leaves the output. */
static const char *output_name(link_ctx *lc, const char *path) {
  const char *base = lc->r->s->cfg->base_path;
  size_t bl = strlen(base);
  const char *rel;
  if (path[0] == '/') rel = strncmp(path, base, bl) == 0 ? path + bl : path + 1;
  else rel = path_join(lc->a, lc->p->url, path);
  return path_normalize(lc->a, rel);
}

/* A static file a link names, as an output path, or NULL. */
static const char *static_target(link_ctx *lc, const char *path) {
  const char *norm = output_name(lc, path);
  return norm && strmap_get(lc->r->files, norm) ? norm : NULL;
}

/* The hint for a broken link or image: "did you mean …" when a page (a
 * link) or a static file has a name near enough to be what was meant
 * (site_suggest, suggest.h), else how such a link is written. */
static const char *broken_hint(link_ctx *lc, md_ref_kind kind, const char *path) {
  const site *s = lc->r->s;
  const page *near = kind == MD_LINK ? site_suggest(s, lc->p, path, lc->a) : NULL;
  if (near) return arena_printf(lc->a, "did you mean %s%s, the page of %s?", s->cfg->base_path, near->url, near->src);
  const char *norm = output_name(lc, path);
  size_t n = 0;
  const char **files = arena_alloc(lc->a, (strmap_count(lc->r->files) + 1) * sizeof *files);
  strmap_each(lc->r->files, files, &n);
  const char *file = norm ? suggest_nearest(norm, files, n) : NULL;
  if (file) return arena_printf(lc->a, "did you mean %s%s?", s->cfg->base_path, file);
  return kind == MD_LINK ? "link to a page by its URL (/policy/x/) or its file (../policy/x.md), or to a file under static/"
                         : "put the image under static/ and link to it from the site root, e.g. /images/x.png";
}

static const char *resolve_link(void *ud, md_ref_kind kind, const char *url, int line, int col) {
  link_ctx *lc = ud;
  if (url[0] == '#' && kind == MD_LINK && lc->anchors) page_anchors_add(lc->a, lc->anchors, url, line, col);
  if (!*url || url[0] == '#' || has_scheme(url) || strncmp(url, "//", 2) == 0) return NULL;
  size_t n = strcspn(url, "#?");
  const char *frag = url + n;
  char *path = arena_strndup(lc->a, url, n);
  if (kind == MD_LINK) {
    page *t = site_resolve(lc->r->s, lc->p, path, lc->a);
    if (t && t->built) return arena_cat(lc->a, url_to(lc->a, &lc->u, t->url), frag, NULL);
    if (t && !t->built) {
      if (t->fm) /* else it could not be loaded, and that was reported */
        diag_error(lc->p->src, line, col, "link to a published page, or publish that page first",
                   "link to %s, which is not part of this build: it is %s", t->src,
                   page_left_out_text(lc->a, lc->r->s, t));
      return NULL;
    }
  }
  const char *file = static_target(lc, path);
  if (file) {
    page_add_input(lc->model, lc->p, site_rel(lc->r->s, strmap_get(lc->r->files, file)));
    return arena_cat(lc->a, url_to(lc->a, &lc->u, file), frag, NULL);
  }
  diag_error(lc->p->src, line, col, broken_hint(lc, kind, path), "broken %s \"%s\"",
             kind == MD_LINK ? "link" : "image", url);
  return NULL;
}

static void missing_alt(void *ud, const char *url, int line, int col) {
  link_ctx *lc = ud;
  diag_error(lc->p->src, line, col, "describe the image for readers who cannot see it: ![描述](…)",
             "image \"%s\" has no alt text", url);
}

static void heading_id_taken(void *ud, const md_heading *first, const md_heading *second, int line, int col) {
  link_ctx *lc = ud;
  if (second->own_id)
    diag_error(lc->p->src, line, col, "ids are unique in a page: give this heading another {#id}",
               "heading id \"%s\" is taken: the heading at line %d has it%s", second->id, first->line,
               first->own_id ? "" : " (made from its text)");
  else
    diag_error(lc->p->src, line, col,
               "give this heading an id of its own, ## 标题 {#id}, or the one at that line another",
               "this heading's text makes the id \"%s\", which the heading at line %d gives itself",
               first->id, first->line);
}

static void shortcode(void *ud, int line, int col) {
  link_ctx *lc = ud;
  diag_error(lc->p->src, line, col,
             "an image: ![描述](/images/x.jpg), its caption on the line below it; a chart: a ```chart block; "
             "braces meant as text: in `backticks` (docs/editors.md)",
             "a Hugo shortcode: govpub has none, and the page would show it as text");
}

static void dropped_html(void *ud, const char *text, int line, int col) {
  link_ctx *lc = ud;
  diag_warning(lc->p->src, line, col,
               "write it in Markdown (a heading: ## …, bold: **…**, a paragraph of its own); raw HTML is let "
               "through only where site.yaml says raw_html: true (docs/security.md)",
               "raw HTML is not written, and with it the text \"%s\"", text);
}

/* A ```chart fence: the chart's figure (image, data table, CSV link); its
 * spec and CSV become the page's inputs. */
static const char *chart_fence(void *ud, const char *id, int line, int col) {
  link_ctx *lc = ud;
  const chartset *cs = lc->r->charts;
  if (!chart_id_valid(id)) {
    diag_error(lc->p->src, line, col, "the fence's body is a chart id: letters, digits, - and _",
               "\"%s\" is not a chart id", id);
    return NULL;
  }
  if (!cs || !chartset_has(cs, id)) {
    diag_error(lc->p->src, line, col, "add charts/<id>.yaml (docs/charts.md) or fix the id",
               "no chart \"%s\" (charts/%s.yaml)", id, id);
    return NULL;
  }
  const chart_spec *c = strmap_get(cs->by_id, id);
  if (!c) return NULL; /* its spec has errors, reported at the spec */
  if (!lc->p->chart) lc->p->chart = c;
  page_add_input(lc->model, lc->p, c->spec_path);
  page_add_input(lc->model, lc->p, c->csv_path);
  const char *svg_url = url_to(lc->a, &lc->u, chart_svg_path(lc->a, id, false));
  const char *narrow_url = url_to(lc->a, &lc->u, chart_svg_path(lc->a, id, true));
  const char *csv_url = url_to(lc->a, &lc->u, c->csv_path);
  const char *anchor = arena_cat(lc->a, "chart-", id, NULL);
  for (size_t i = 0; i < lc->charts->u.list.n; i++)
    if (strcmp(tv_get(lc->charts->u.list.items[i], "id")->u.str.s, id) == 0) anchor = NULL; /* shown before */
  if (anchor) {
    tval *m = tv_map(lc->a);
    tv_set_str(lc->a, m, "id", id);
    tv_set_str(lc->a, m, "title", c->title);
    tv_set_str(lc->a, m, "anchor", arena_cat(lc->a, "#", anchor, NULL));
    tv_set_str(lc->a, m, "svg_url", svg_url);
    tv_set_str(lc->a, m, "csv_url", csv_url);
    tv_push(lc->a, lc->charts, m);
  }
  buf b = BUF_INIT;
  chart_figure_html(c, lc->a, svg_url, narrow_url, csv_url, anchor, &b);
  const char *html = arena_strndup(lc->a, b.data ? b.data : "", b.len);
  buf_free(&b);
  return html;
}

/* The files of front matter `attachments:` (under a static folder): each
 * must exist; they are the page's inputs and its download list, with their
 * sizes — a stat each, here: the only static files whose size is shown, so
 * the others are listed from their folders' entries alone (statics.c). */
static void resolve_attachments(link_ctx *lc) {
  page *p = lc->p;
  if (!p->nattachments) return;
  const yx_node *v = yx_get(p->fm, "attachments");
  p->attachment_urls = arena_calloc(lc->model, p->nattachments, sizeof *p->attachment_urls);
  p->attachment_bytes = arena_calloc(lc->model, p->nattachments, sizeof *p->attachment_bytes);
  for (size_t i = 0; i < p->nattachments; i++) {
    const char *file = static_target(lc, p->attachments[i]);
    if (!file) {
      const yx_node *at = v && v->kind == YX_SEQ && i < v->n ? v->items[i] : v;
      diag_error(p->src, at ? at->line : 1, at ? at->col : 1,
                 "put the file under static/ and name it from the site root, e.g. /files/x.pdf",
                 "attachment \"%s\" not found", p->attachments[i]);
      continue;
    }
    const char *src = strmap_get(lc->r->files, file);
    page_add_input(lc->model, p, site_rel(lc->r->s, src));
    p->attachment_urls[i] = arena_strdup(lc->model, file);
    fsx_stamp st;
    p->attachment_bytes[i] = fsx_stamp_at(AT_FDCWD, src, &st) == 0 ? st.size : -1;
  }
}

/* Publishing: every file the page uses must be one its sign-offs cover (a
 * statement lists them all; this catches a list that is short of one). */
static void check_signed_inputs(renderer *r, const page *p) {
  if (r->preview || !p->approved) return;
  for (size_t i = 0; i < p->inputs.n; i++) {
    bool covered = false;
    for (size_t k = 0; k < p->nsigned_files && !covered; k++)
      covered = strcmp(p->inputs.paths[i], p->signed_files[k]) == 0;
    if (!covered)
      diag_error(p->src, 1, 1, "have the document signed again: govpub review sign lists every file it uses",
                 "uses %s, which its sign-offs do not cover", p->inputs.paths[i]);
  }
}

/* The summary an editor marked with <!--more-->: all the text before it,
 * whole (lines joined as summaries join them), in `a`. */
static const char *more_summary(arena *a, const md_result *res) {
  search_text before = {res->text, res->more_at, res->text, res->more_at, NULL};
  return search_text_summary(a, &before, utf8_count(res->text, res->more_at));
}

/* Renders p's body into a (its text read again into a when the model has
 * none); fills summary and reading time in the model; *res gets the result
 * (its HTML in the worker's buffer, until the worker's next body), *charts
 * (when not NULL) the charts it shows and *anchors (when not NULL) its
 * links to its own #ids.  False (reported) when the page's file cannot be
 * read or changed since it was loaded. */
static bool render_body(renderer *r, page *p, arena *a, const urlctx *u, int worker, md_result *res,
                        tval **charts, page_anchors *anchors) {
  if (!p->text && site_page_text(r->s, p, a) != 0) return false;
  arena *model = model_arena(r, worker);
  link_ctx lc = {r, p, a, model, *u, tv_list(a), anchors};
  md_options opt = {0};
  opt.raw_html = r->s->cfg->raw_html;
  opt.resolve = resolve_link;
  opt.missing_alt = missing_alt;
  opt.shortcode = shortcode;
  opt.dropped_html = dropped_html;
  opt.heading_id_taken = heading_id_taken;
  opt.chart = chart_fence;
  opt.ud = &lc;
  opt.line_offset = p->body_line;
  opt.utf8_checked = p->text_checked;
  opt.no_spans = !r->scan; /* only the content scan places what it finds in the text */
  opt.html = &r->html[worker]; /* res->html lives until this worker's next body */
  /* the lead the search snippet and, without `summary:`, the summary are cut from */
  size_t summary_chars = (size_t)r->s->cfg->summary_length;
  opt.lead_bytes = r->search || r->on_text ? SEARCH_LEAD_BYTES : 0;
  if (!p->summary_fm && opt.lead_bytes < SEARCH_LEAD_BYTES_FOR(summary_chars))
    opt.lead_bytes = SEARCH_LEAD_BYTES_FOR(summary_chars);
  md_render(a, p->body, p->body_len, &opt, res);
  if (r->scan) { /* what readers see: the body as rendered, and the front matter */
    scan_scratch *ss = r->scan_scratch[worker];
    scan_markdown(r->scan, ss, p->src, res, r->scan_hits);
    scan_front_matter(r->scan, ss, p->src, p->text, (size_t)(p->body - p->text), p->fm, r->s->cfg,
                      r->scan_hits);
  }
  /* Nothing reads the source again (lists use the summary, the search index
   * has its tokens); its memory goes with the render's arena. */
  p->text = NULL;
  p->body = NULL;
  p->body_len = 0;
  search_text st = {res->text, res->text_len, res->lead, res->lead_len, NULL};
  /* the summary, and the search snippet that begins like it, from one pass */
  p->summary = p->summary_fm  ? p->summary_fm
               : res->has_more ? more_summary(model, res)
               : r->search ? search_text_summaries(model, &st, summary_chars, a)
                           : search_text_summary(model, &st, summary_chars);
  if (r->search) search_add(r->search, p, &st, worker);
  if (r->on_text) r->on_text(r->on_text_ud, p, &st);
  resolve_attachments(&lc);
  check_signed_inputs(r, p);
  size_t cjk = 0, words = 0, chars = 0;
  cjk_count(res->text, res->text_len, &cjk, &words, &chars);
  p->chars = (int)chars;
  p->reading_minutes = cjk_reading_minutes(cjk, words);
  if (charts) *charts = lc.charts;
  return true;
}

tmpl_set *render_templates(arena *a, const site_config *cfg) {
  const char *dirs[2] = {path_join(a, cfg->root, "layouts"), path_join(a, cfg->theme_dir, "layouts")};
  return tmpl_set_new(dirs, 2);
}

void render_record_layout(tmpl_set *ts, site *s, page *p) {
  const char *names[3];
  size_t n = layout_names(s->a, p, names), i = 0;
  while (i < n && !(names[i] && tmpl_exists(ts, names[i]))) i++;
  const tmpl *t = i < n ? tmpl_get(ts, names[i]) : NULL;
  if (!t) return; /* no layout, or one with errors: the build says so */
  const char *const *deps;
  size_t nd = tmpl_deps(ts, t, &deps);
  page_add_inputs_rel(s->a, s, p, deps, nd);
  record_alias_layout(ts, s->a, s, p);
}

void render_collect_inputs(renderer *r, page *p) {
  urlctx u = {r->s->cfg, p->url};
  md_result res;
  (void)render_body(r, p, r->scratch[0], &u, 0, &res, NULL, NULL); /* a failure is reported */
  arena_reset(r->scratch[0]);
}

/* ---- articles ------------------------------------------------------------- */

/* A page as an item of a list (read-only: the cached one is shared). */
static tval *list_item(arena *a, const ctx_env *env, const urlctx *u, const page *p) {
  return p->list_item ? (tval *)p->list_item : ctx_item(a, env, u, p);
}

/* The keys of every page (ctx_root) and the breadcrumbs of a page of col
 * (an article, a catalog page): the column's shared menu and breadcrumbs
 * (sh, from r->column_shared) when there are, else made for this page. */
static tval *column_root(arena *a, const ctx_env *env, const urlctx *u, const column *col,
                         const ctx_column_shared *sh) {
  tval *root = sh ? ctx_root_of(a, env, u, sh->menu) : ctx_root(a, env, u, column_top(col), NULL);
  tv_set(a, root, "breadcrumbs", sh ? (tval *)sh->breadcrumbs : ctx_breadcrumbs(a, env, u, col, true));
  return root;
}

static const ctx_column_shared *shared_of(const renderer *r, const column *col) {
  return r->column_shared ? strmap_get(r->column_shared, col->url) : NULL;
}

static void article_job(void *ctx, size_t i, int worker) {
  renderer *r = ctx;
  page *p = r->s->articles[r->only ? r->only[i] : i];
  arena *a = r->scratch[worker];
  urlctx u = {r->s->cfg, p->url};
  ctx_env env = env_of(r);
  md_result res;
  tval *charts;
  page_anchors anchors = {0};
  if (!render_body(r, p, a, &u, worker, &res, &charts, &anchors)) {
    arena_reset(a);
    return;
  }
  /* The list item goes into the model first (absolute URLs: lists use it),
   * and the page map starts as its copy. */
  const ctx_column_shared *sh = shared_of(r, p->column);
  if (sh) {
    tval *item = ctx_item(model_arena(r, worker), &env, &u, p);
    tv_mark_plain(item); /* shown by the article, and by every list it is on */
    p->list_item = item;
  }
  tval *root = column_root(a, &env, &u, p->column, sh);
  tval *pg = sh ? ctx_page_of(a, &env, &u, p, "article", p->list_item, sh->column)
                : ctx_page(a, &env, &u, p, "article");
  tv_set(a, pg, "content", tv_html(a, res.html, res.html_len));
  tval *toc = ctx_toc(a, &res);
  if (toc) tv_set(a, pg, "toc", toc);
  tv_set(a, pg, "charts", charts);
  tv_set_bool(a, pg, "has_charts", charts->u.list.n > 0);
  if (r->catalog) catalog_page_data(a, r->catalog, &u, p, pg, shared_nav(r, &u));
  if (r->interact) interact_page_data(a, r->interact, &u, p, pg);
  if (!interact_letter_parts(a, p, &res, pg)) { /* reported: a letter without its reply is not written */
    arena_reset(a);
    return;
  }
  tv_set(a, root, "page", pg);
  const char *names[3];
  if (emit(r, worker, names, layout_names(a, p, names), root, index_file(a, p->url), p, NULL, p, model_arena(r, worker)) &&
      anchors.n) /* its whole HTML made: the ids its links name are all there or never will be */
    page_anchors_check(a, &anchors, p->src, buf_cstr(&r->out[worker]), &res);
  if (!sh && !r->s->cfg->relative_urls) p->list_item = ctx_item(model_arena(r, worker), &env, &u, p);
  arena_reset(a);
  size_t done = atomic_load(&written);
  if (r->progress && done % 256 == 0) diag_progress("pages", done, r->s->narticles);
}

/* Column pages (_index.md) render their own body before the lists use it. */
static void index_body_job(void *ctx, size_t i, int worker) {
  renderer *r = ctx;
  column *col = r->s->columns[i];
  if (!col->index || !col->index->built) return;
  arena *model = model_arena(r, worker);
  urlctx u = {r->s->cfg, col->url};
  md_result res;
  if (!render_body(r, col->index, r->scratch[worker], &u, worker, &res, NULL, NULL)) {
    arena_reset(r->scratch[worker]);
    return;
  }
  col->index->summary = col->index->summary_fm ? col->index->summary_fm : col->index->summary;
  /* kept for the list pages: the body is the column's introduction */
  col->index->body_html = arena_strndup(model, res.html, res.html_len);
  col->index->body_html_len = res.html_len;
  arena_reset(r->scratch[worker]);
}

/* With two threads the articles are handed out from both ends (pool_run_ends):
 * each worker's search postings are then one run of documents, which
 * search_write copies whole instead of merging posting by posting. */
void render_articles(renderer *r) {
  make_site_map(r);
  make_catalog_navs(r);
  pool_run_ends(r->threads, r->only ? r->nonly : r->s->narticles, article_job, r);
  if (!r->only) pool_run(r->threads, r->s->ncolumns, index_body_job, r);
  if (r->progress) diag_progress_end();
  r->pages_written = atomic_load(&written);
}

/* ---- lists ---------------------------------------------------------------- */

typedef enum { JOB_COLUMN, JOB_TERM, JOB_TERMS, JOB_HOME, JOB_404, JOB_SEARCH, JOB_CATALOG, JOB_EXTRA, JOB_CALLER } job_kind;

typedef struct {
  job_kind kind;
  column *col;
  taxonomy *tax;
  term *tm;
  size_t pageno, npages; /* 1-based page of a paginated list, and the count;
                            JOB_CATALOG: the group's index and kind (catalog_groups);
                            JOB_EXTRA: the extra's number (render_extra) */
} list_job;

/* The pager of page `cur` of `total`: 上一页/下一页 and the page numbers
 * of pager_plan (a column of 300 pages does not list 300 numbers on each
 * of them), each number marked wide when a phone leaves it out, each gap
 * (…) narrow when only a phone shows it. */
static tval *pager(arena *a, const urlctx *u, const char *base, size_t cur, size_t total) {
  tval *m = tv_map(a);
  tv_set(a, m, "current", tv_num(a, (double)cur));
  tv_set(a, m, "total", tv_num(a, (double)total));
  if (cur > 1) tv_set(a, m, "prev_url", tv_str(a, url_to(a, u, pager_url(a, base, cur - 1))));
  if (cur < total) tv_set(a, m, "next_url", tv_str(a, url_to(a, u, pager_url(a, base, cur + 1))));
  pager_slot plan[PAGER_SLOTS_MAX];
  size_t nslots = pager_plan(cur, total, plan);
  tval *list = tv_list(a);
  for (size_t i = 0; i < nslots; i++) {
    size_t k = plan[i].number;
    tval *it = tv_map(a);
    if (k == 0) {
      tv_set_bool(a, it, "gap", true);
      tv_set_bool(a, it, "narrow", plan[i].narrow);
    } else {
      tv_set(a, it, "number", tv_num(a, (double)k));
      tv_set(a, it, "url", tv_str(a, url_to(a, u, pager_url(a, base, k))));
      tv_set_bool(a, it, "current", k == cur);
      tv_set_bool(a, it, "wide", plan[i].wide);
    }
    tv_push(a, list, it);
  }
  tv_set(a, m, "pages", list);
  return m;
}

static tval *items(arena *a, const ctx_env *env, const urlctx *u, page **pages, size_t from, size_t to) {
  tval *list = tv_list(a);
  for (size_t k = from; k < to; k++) tv_push(a, list, list_item(a, env, u, pages[k]));
  return list;
}

static void paginate(renderer *r, arena *a, tval *root, const urlctx *u, const char *base,
                     page **pages, size_t n, size_t pageno, size_t npages) {
  ctx_env env = env_of(r);
  size_t per = (size_t)r->s->cfg->paginate;
  size_t from = (pageno - 1) * per, to = from + per < n ? from + per : n;
  tv_set(a, root, "pages", items(a, &env, u, pages, from, to));
  if (npages > 1) tv_set(a, root, "pager", pager(a, u, base, pageno, npages));
}

/* The catalog's navigation on a page at u: the shared one when there is. */
static tval *nav_of(renderer *r, arena *a, const urlctx *u) {
  tval *nav = shared_nav(r, u);
  return nav ? nav : catalog_nav(a, r->catalog, u);
}

static void column_list(renderer *r, arena *a, int worker, list_job *j, arena *model) {
  column *col = j->col;
  const char *url = pager_url(a, col->url, j->pageno);
  urlctx u = {r->s->cfg, url};
  ctx_env env = env_of(r);
  const ctx_column_shared *sh = shared_of(r, col);
  tval *root = sh ? ctx_root_of(a, &env, &u, sh->list_menu) : ctx_root(a, &env, &u, column_top(col), col);
  /* the column's own page: its `column` is col (shared when there is one) */
  tval *pg = ctx_page_of(a, &env, &u, col->index, "list", NULL, sh ? sh->column : NULL);
  tv_set(a, pg, "url", tv_str(a, url_to(a, &u, url)));
  tv_set(a, pg, "content", tv_html(a, col->index->body_html ? col->index->body_html : "", col->index->body_html_len));
  tv_set(a, pg, "feed_url", tv_str(a, url_to(a, &u, arena_printf(a, "%sindex.xml", col->url))));
  tv_set(a, root, "page", pg);
  tv_set(a, root, "breadcrumbs", ctx_breadcrumbs(a, &env, &u, col, false));
  tval *children = tv_list(a);
  for (size_t k = 0; k < col->nchildren; k++) {
    column *c = col->children[k];
    if (!c->index || !c->index->built) continue;
    tval *m = ctx_column(a, &env, &u, c);
    tv_set(a, m, "count", tv_num(a, (double)c->npages));
    tv_push(a, children, m);
  }
  tv_set(a, root, "columns", children);
  if (r->catalog && catalog_column(r->catalog) == col) tv_set(a, root, "catalog", nav_of(r, a, &u));
  tval *letters = interact_letters_data(a, r->interact, col);
  if (letters) tv_set(a, root, "letters", letters);
  paginate(r, a, root, &u, col->url, col->pages, col->npages, j->pageno, j->npages);
  const char *names[3];
  emit(r, worker, names, layout_names(a, col->index, names), root, index_file(a, url), col->index, NULL, j->pageno == 1 ? col->index : NULL, model);
}

static void term_list(renderer *r, arena *a, int worker, list_job *j) {
  const char *url = pager_url(a, j->tm->url, j->pageno);
  urlctx u = {r->s->cfg, url};
  ctx_env env = env_of(r);
  tval *root = plain_root(r, a, &env, &u);
  tval *pg = ctx_generated_page(a, &u, arena_printf(a, "%s：%s", j->tax->title, j->tm->name), url, "term");
  tv_set_str(a, pg, "taxonomy", j->tax->title);
  tv_set_str(a, pg, "name", j->tm->name);
  tv_set(a, root, "page", pg);
  const tval *bc = r->plain_menu ? r->term_crumbs[j->tax - r->s->tax] : term_crumbs(r, a, &u, j->tax);
  tv_set(a, root, "breadcrumbs", (tval *)bc);
  paginate(r, a, root, &u, j->tm->url, j->tm->pages, j->tm->npages, j->pageno, j->npages);
  emit_own(r, worker, RENDER_OWN_TERM, root, index_file(a, url), arena_printf(a, "%s/%s", j->tax->key, j->tm->name));
}

static void terms_index(renderer *r, arena *a, int worker, list_job *j) {
  urlctx u = {r->s->cfg, j->tax->url};
  ctx_env env = env_of(r);
  tval *root = plain_root(r, a, &env, &u);
  tval *pg = ctx_generated_page(a, &u, j->tax->title, j->tax->url, "terms");
  tv_set(a, root, "page", pg);
  tv_set(a, root, "breadcrumbs", home_crumbs(r, a, &env, &u));
  tval *list = tv_list(a);
  for (size_t k = 0; k < j->tax->nterms; k++) {
    term *t = j->tax->terms[k];
    tval *m = tv_map(a);
    tv_set_str(a, m, "name", t->name);
    tv_set(a, m, "url", tv_str(a, url_to(a, &u, t->url)));
    tv_set(a, m, "count", tv_num(a, (double)t->npages));
    tv_push(a, list, m);
  }
  tv_set(a, root, "terms", list);
  emit_own(r, worker, RENDER_OWN_TERMS, root, index_file(a, j->tax->url), j->tax->key);
}

/* A column of site.yaml home: by path; reported once when missing (not
 * when its _index.md could not be loaded: that was). */
static const column *home_column(renderer *r, const char *path) {
  for (size_t i = 1; i < r->s->ncolumns; i++) {
    const column *c = r->s->columns[i];
    if (strcmp(c->path, path) != 0) continue;
    if (c->index && c->index->built) return c;
    if (column_unloaded(c)) return NULL;
  }
  diag_error(r->s->cfg->file, r->s->cfg->home_line, 1, "name a column of columns: that is published",
             "home: column \"%s\" does not exist or is not published", path);
  return NULL;
}

/* 快速入口: the columns site.yaml home.quick_links names. */
static tval *quick_links(renderer *r, arena *a, const urlctx *u) {
  const site_config *cfg = r->s->cfg;
  ctx_env env = env_of(r);
  tval *items = tv_list(a);
  for (size_t i = 0; i < cfg->nquick_links; i++) {
    const column *c = home_column(r, cfg->quick_links[i]);
    if (c) tv_push(a, items, ctx_column(a, &env, u, c));
  }
  if (!items->u.list.n) return NULL;
  tval *m = tv_map(a);
  tv_set(a, m, "items", items);
  return m;
}

/* 数据发布 highlights: the newest pages of home.highlights that show a chart. */
static tval *highlights(renderer *r, arena *a, const urlctx *u) {
  const site_config *cfg = r->s->cfg;
  const column *col = cfg->highlights ? home_column(r, cfg->highlights) : NULL;
  if (!col) return NULL;
  ctx_env env = env_of(r);
  tval *items = tv_list(a);
  for (size_t i = 0; i < r->s->narticles && items->u.list.n < (size_t)cfg->highlights_count; i++) {
    const page *p = r->s->articles[i];
    if (!p->chart || (p->column != col && column_top(p->column) != col)) continue;
    const chart_spec *c = p->chart;
    tval *it = ctx_item(a, &env, u, p), *ch = tv_map(a);
    chart_spec narrow = chart_narrow(c); /* phones' thumbnail, as on the page itself */
    tv_set(a, ch, "svg_url", tv_str(a, url_to(a, u, chart_svg_path(a, c->id, false))));
    tv_set(a, ch, "width", tv_num(a, c->width));
    tv_set(a, ch, "height", tv_num(a, c->height));
    tv_set(a, ch, "narrow_url", tv_str(a, url_to(a, u, chart_svg_path(a, c->id, true))));
    tv_set(a, ch, "narrow_width", tv_num(a, narrow.width));
    tv_set(a, ch, "narrow_height", tv_num(a, narrow.height));
    tv_set(a, ch, "alt", tv_str(a, chart_summary(a, c)));
    tv_set(a, it, "chart", ch);
    tv_push(a, items, it);
  }
  if (!items->u.list.n) return NULL;
  tval *m = tv_map(a);
  tv_set(a, m, "items", items);
  return m;
}

static void home(renderer *r, arena *a, int worker, arena *model) {
  site *s = r->s;
  urlctx u = {s->cfg, ""};
  ctx_env env = env_of(r);
  column *rootcol = s->columns[0];
  tval *root = plain_root(r, a, &env, &u);
  tval *pg;
  if (rootcol->index && rootcol->index->built) {
    pg = ctx_page(a, &env, &u, rootcol->index, "home");
    tv_set(a, pg, "content", tv_html(a, rootcol->index->body_html ? rootcol->index->body_html : "",
                                     rootcol->index->body_html_len));
  } else {
    pg = ctx_generated_page(a, &u, s->cfg->title, "", "home");
  }
  tv_set(a, root, "page", pg);
  if (s->narticles) tv_set(a, root, "headline", list_item(a, &env, &u, s->articles[0]));
  tval *cols = tv_list(a);
  for (size_t k = 0; k < rootcol->nchildren; k++) {
    column *c = rootcol->children[k];
    if (!c->index || !c->index->built) continue;
    tval *m = ctx_column(a, &env, &u, c);
    tval *latest = tv_list(a);
    size_t count = 0;
    for (size_t i = 0; i < s->narticles && count < (size_t)s->cfg->home_latest; i++)
      if (column_top(s->listing[i]->column) == c) { /* as its list places them: a letter by its 答复日期 */
        tv_push(a, latest, list_item(a, &env, &u, s->listing[i]));
        count++;
      }
    tv_set(a, m, "latest", latest);
    tv_push(a, cols, m);
  }
  tv_set(a, root, "columns", cols);
  tval *ql = quick_links(r, a, &u), *hl = highlights(r, a, &u);
  if (ql) tv_set(a, root, "quick_links", ql);
  if (hl) tv_set(a, root, "highlights", hl);
  const page *report = report_latest(s); /* 年度报表: the latest annual report (report_page.c) */
  if (report) tv_set(a, root, "latest_report", list_item(a, &env, &u, report));
  /* layout_names' for rootcol->index, which may not exist */
  const char *const *layout = &render_own_layouts[RENDER_OWN_HOME];
  emit(r, worker, layout, 1, root, "index.html", rootcol->index, "content", rootcol->index, model);
}

static void not_found(renderer *r, arena *a, int worker) {
  /* Served for any missing path, so its links are root-relative even in
   * file mode (where it is never served). */
  site_config cfg = *r->s->cfg;
  cfg.relative_urls = false;
  urlctx u = {&cfg, ""};
  ctx_env env = env_of(r);
  /* the shared menu exists only when the site's URLs are root-relative
   * already: then it is this page's */
  tval *root = plain_root(r, a, &env, &u);
  tv_set(a, root, "page", ctx_generated_page(a, &u, "页面未找到", OWN_404, "404"));
  emit_own(r, worker, RENDER_OWN_404, root, OWN_404, "404");
}

/* The search page (/search/): the script and the index do the searching. */
static void search_page(renderer *r, arena *a, int worker) {
  urlctx u = {r->s->cfg, OWN_SEARCH};
  ctx_env env = env_of(r);
  tval *root = plain_root(r, a, &env, &u);
  tv_set(a, root, "page", ctx_generated_page(a, &u, "站内搜索", OWN_SEARCH, "search"));
  tv_set(a, root, "breadcrumbs", home_crumbs(r, a, &env, &u));
  tv_set(a, root, "search", search_page_data(a, r->s, &u));
  emit_own(r, worker, RENDER_OWN_SEARCH, root, OWN_SEARCH_PAGE, "search");
}

/* A catalog page: the datasets of one department or topic, and the
 * catalog's navigation (the static pages are the filter). */
static void catalog_group_page(renderer *r, arena *a, int worker, list_job *j) {
  size_t ng;
  const catalog_group *g = &catalog_groups(r->catalog, (int)j->npages, &ng)[j->pageno];
  const column *col = catalog_column(r->catalog);
  urlctx u = {r->s->cfg, g->url};
  ctx_env env = env_of(r);
  tval *root = column_root(a, &env, &u, col, shared_of(r, col));
  const char *label = j->npages ? "主题" : "提供部门";
  tval *pg = ctx_generated_page(a, &u, arena_printf(a, "%s：%s", label, g->name), g->url, "catalog");
  tv_set_str(a, pg, "group", label);
  tv_set_str(a, pg, "name", g->name);
  tv_set(a, pg, "count", tv_num(a, (double)g->n));
  tv_set(a, root, "page", pg);
  tv_set(a, root, "catalog", catalog_nav_current(a, nav_of(r, a, &u), (int)j->npages, j->pageno));
  tv_set(a, root, "pages", items(a, &env, &u, g->datasets, 0, g->n));
  emit_own(r, worker, RENDER_OWN_CATALOG, root, index_file(a, g->url), arena_printf(a, "catalog/%s", g->name));
}

/* One run of the list pages' pool. */
typedef struct {
  renderer *r;
  list_job *jobs;
  void (*first)(void *ctx); /* JOB_CALLER: the caller's job */
  void *first_ctx;
} list_run;

static void list_job_run(void *ctx, size_t i, int worker) {
  list_run *run = ctx;
  renderer *r = run->r;
  arena *a = r->scratch[worker];
  list_job *j = &run->jobs[i];
  switch (j->kind) {
    case JOB_COLUMN: column_list(r, a, worker, j, model_arena(r, worker)); break;
    case JOB_TERM: term_list(r, a, worker, j); break;
    case JOB_TERMS: terms_index(r, a, worker, j); break;
    case JOB_HOME: home(r, a, worker, model_arena(r, worker)); break;
    case JOB_404: not_found(r, a, worker); break;
    case JOB_SEARCH: search_page(r, a, worker); break;
    case JOB_CATALOG: catalog_group_page(r, a, worker, j); break;
    case JOB_EXTRA: render_extra(r, j->pageno, a); break;
    case JOB_CALLER: run->first(run->first_ctx); break;
  }
  arena_reset(a);
}

/* The list pages; before them the caller's job `first` (when not NULL)
 * and the extras (when `extras`): the largest jobs first, so none of them
 * ends the phase alone. */
static void lists(renderer *r, bool extras, void (*first)(void *ctx), void *first_ctx) {
  site *s = r->s;
  size_t nextras = extras ? render_extras_count(r) : 0;
  size_t cap = 4 + nextras, n = 0;
  for (size_t i = 0; i < s->ncolumns; i++) cap += pager_pages(s->columns[i]->npages, s->cfg->paginate);
  for (int t = 0; t < 2; t++) {
    cap++;
    for (size_t k = 0; k < s->tax[t].nterms; k++) cap += pager_pages(s->tax[t].terms[k]->npages, s->cfg->paginate);
  }
  size_t ngroups[2] = {0, 0};
  for (int k = 0; r->catalog && k < 2; k++) {
    catalog_groups(r->catalog, k, &ngroups[k]);
    cap += ngroups[k];
  }
  list_job *jobs = calloc(cap, sizeof *jobs);
  if (!jobs) abort();
  if (first) jobs[n++] = (list_job){.kind = JOB_CALLER};
  for (size_t k = 0; k < nextras; k++) jobs[n++] = (list_job){.kind = JOB_EXTRA, .pageno = k};
  jobs[n++] = (list_job){.kind = JOB_HOME};
  jobs[n++] = (list_job){.kind = JOB_404};
  jobs[n++] = (list_job){.kind = JOB_SEARCH};
  for (size_t i = 1; i < s->ncolumns; i++) {
    column *col = s->columns[i];
    if (!col->index || !col->index->built) continue;
    size_t np = pager_pages(col->npages, s->cfg->paginate);
    for (size_t k = 1; k <= np; k++) jobs[n++] = (list_job){JOB_COLUMN, col, NULL, NULL, k, np};
  }
  for (int t = 0; t < 2; t++) {
    taxonomy *tx = &s->tax[t];
    if (!tx->nterms) continue;
    jobs[n++] = (list_job){JOB_TERMS, NULL, tx, NULL, 1, 1};
    for (size_t k = 0; k < tx->nterms; k++) {
      size_t np = pager_pages(tx->terms[k]->npages, s->cfg->paginate);
      for (size_t p = 1; p <= np; p++) jobs[n++] = (list_job){JOB_TERM, NULL, tx, tx->terms[k], p, np};
    }
  }
  for (int k = 0; k < 2; k++)
    for (size_t g = 0; g < ngroups[k]; g++)
      jobs[n++] = (list_job){.kind = JOB_CATALOG, .pageno = g, .npages = (size_t)k};
  list_run run = {r, jobs, first, first_ctx};
  make_site_map(r);
  make_catalog_navs(r);
  pool_run(r->threads, n, list_job_run, &run);
  free(jobs);
  r->pages_written = atomic_load(&written);
}

void render_lists(renderer *r) { lists(r, false, NULL, NULL); }

void render_lists_extras(renderer *r, void (*first)(void *ctx), void *ctx) { lists(r, true, first, ctx); }

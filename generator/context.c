/* context: see context.h. */
#include "context.h"

#include <stdio.h>
#include <string.h>

#include "datetime.h"
#include "filekind.h"
#include "interact.h"
#include "own_pages.h"

const char *column_title(const column *col) {
  if (col->index && col->index->title) return col->index->title;
  const char *slash = strrchr(col->path, '/');
  return slash ? slash + 1 : col->path;
}

const column *column_top(const column *col) {
  if (!col || !col->parent) return NULL;
  while (col->parent && col->parent->parent) col = col->parent;
  return col;
}

static void set_dates(arena *a, tval *m, const page *p) {
  if (!p->has_date) return;
  tv_set(a, m, "date", tv_str(a, p->date_ymd));
  tv_set(a, m, "pubdate", tv_str(a, p->date_ymdhm));
  tv_set(a, m, "datetime", tv_str(a, p->date_iso));
  if (p->has_updated) tv_set(a, m, "updated", tv_str(a, p->updated_ymd));
}

/* A text field of the front matter, or NULL. */
static const char *fm_str(const page *p, const char *key) {
  const yx_node *v = yx_get(p->fm, key);
  return v && v->kind == YX_SCALAR && v->len ? v->str : NULL;
}

static tval *link_map(arena *a, const urlctx *u, const char *title, const char *target) {
  tval *m = tv_map(a);
  tv_set_str(a, m, "title", title);
  tv_set(a, m, "url", tv_str(a, url_to(a, u, target)));
  return m;
}

/* `lapsed`: the document is no longer in force (有效性 失效 or 废止, the two
 * values 国办 gives for it), so the theme can say so on the page, in lists
 * and beside its interpretations' 原文件 link, not only in the table. */
static void set_lapsed(arena *a, tval *m, const page *p) {
  const char *v = fm_str(p, "validity");
  tv_set_bool(a, m, "lapsed", v && (strcmp(v, "失效") == 0 || strcmp(v, "废止") == 0));
}

static tval *policy_block(arena *a, const urlctx *u, const page *p) {
  tval *m = tv_map(a);
  set_lapsed(a, m, p);
  static const char *keys[] = {"index_no", "category", "publisher", "written", "doc_no", "validity"};
  for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) tv_set_str(a, m, keys[i], fm_str(p, keys[i]));
  tval *list = tv_list(a);
  for (size_t i = 0; i < p->ninterpretations; i++)
    if (p->interpretations[i]->built)
      tv_push(a, list, link_map(a, u, p->interpretations[i]->title, p->interpretations[i]->url));
  tv_set(a, m, "interpretations", list);
  return m;
}

tval *ctx_column(arena *a, const ctx_env *env, const urlctx *u, const column *col) {
  (void)env;
  tval *m = tv_map(a);
  tv_set_str(a, m, "title", column_title(col));
  tv_set(a, m, "url", tv_str(a, url_to(a, u, col->url)));
  if (col->cfg) {
    tv_set_str(a, m, "class", col->cfg->cls);
    tv_set_str(a, m, "type", col->cfg->type);
  }
  if (col->index) {
    tv_set_str(a, m, "description", fm_str(col->index, "description"));
    const yx_node *k = yx_get(col->index->fm, "keywords");
    if (k && k->kind == YX_SEQ) {
      char *joined = arena_strdup(a, "");
      for (size_t i = 0; i < k->n; i++)
        if (k->items[i]->kind == YX_SCALAR)
          joined = arena_cat(a, joined, *joined ? "," : "", k->items[i]->str, NULL);
      tv_set_str(a, m, "keywords", joined);
    } else {
      tv_set_str(a, m, "keywords", fm_str(col->index, "keywords"));
    }
  }
  return m;
}

static tval *term_map(arena *a, const urlctx *u, const term *t) {
  tval *m = tv_map(a);
  tv_set_str(a, m, "name", t->name);
  tv_set(a, m, "url", tv_str(a, url_to(a, u, t->url)));
  return m;
}

strmap *ctx_term_maps(arena *a, const ctx_env *env, const urlctx *u, int which) {
  strmap *maps = strmap_new(a);
  const taxonomy *t = &env->s->tax[which];
  for (size_t k = 0; k < t->nterms; k++)
    if (!strmap_get(maps, t->terms[k]->name)) strmap_put(maps, t->terms[k]->name, term_map(a, u, t->terms[k]));
  return maps;
}

static tval *terms_of(arena *a, const ctx_env *env, const urlctx *u, const page *p, int which) {
  tval *list = tv_list(a);
  const taxonomy *t = &env->s->tax[which];
  size_t n = which == 0 ? p->ntags : p->ntopics;
  const char **names = which == 0 ? p->tags : p->topics;
  strmap *seen = n > 8 ? strmap_new_for(a, n) : NULL; /* the pair loop below, for a page of 300,000 tags, took hours */
  for (size_t i = 0; i < n; i++) {
    const term *tm = strmap_get(t->by_written, names[i]); /* "data" may be the term "Data" */
    bool listed = false; /* [Data, data]: one term, listed once */
    if (seen && tm) listed = strmap_put(seen, tm->name, (void *)tm) != NULL;
    for (size_t k = 0; !seen && tm && k < i && !listed; k++) listed = strmap_get(t->by_written, names[k]) == tm;
    if (!tm || listed) continue;
    tval *m = env->term_maps[which] ? strmap_get(env->term_maps[which], tm->name) : term_map(a, u, tm);
    if (m) tv_push(a, list, m);
  }
  return list;
}

tval *ctx_item(arena *a, const ctx_env *env, const urlctx *u, const page *p) {
  tval *m = tv_map(a);
  tv_set_str(a, m, "title", p->title);
  tv_set(a, m, "url", tv_str(a, url_to(a, u, p->url)));
  set_dates(a, m, p);
  tv_set_str(a, m, "summary", p->summary);
  tv_set_str(a, m, "type", p->type);
  tv_set(a, m, "column", link_map(a, u, column_title(p->column), p->column->url));
  if (strcmp(p->type, "policy") == 0) tv_set(a, m, "policy", policy_block(a, u, p));
  interact_item_data(a, p, m); /* 期数, status … of interaction pages */
  (void)env;
  return m;
}

static tval *params_of(arena *a, const yx_node *n) {
  if (!n) return &tv_null_value;
  if (n->kind == YX_SCALAR) return tv_strn(a, n->str, n->len);
  if (n->kind == YX_SEQ) {
    tval *l = tv_list(a);
    for (size_t i = 0; i < n->n; i++) tv_push(a, l, params_of(a, n->items[i]));
    return l;
  }
  tval *m = tv_map(a);
  for (size_t i = 0; i < n->n; i++) tv_set(a, m, n->keys[i]->str, params_of(a, n->vals[i]));
  return m;
}

static void kind_flags(arena *a, tval *m, const char *kind) {
  static const char *const kinds[][2] = {{"home", "is_home"},   {"list", "is_list"},
                                         {"article", "is_article"}, {"term", "is_term"},
                                         {"terms", "is_terms"}, {"404", "is_404"},
                                         {"search", "is_search"}};
  tv_set_str(a, m, "kind", kind);
  for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
    tv_set_bool(a, m, kinds[i][1], strcmp(kind, kinds[i][0]) == 0);
}

tval *ctx_toc(arena *a, const md_result *body) {
  size_t h2 = 0;
  for (size_t i = 0; i < body->n_headings; i++) h2 += body->headings[i].level == 2;
  if (h2 < 2) return NULL;
  tval *items = tv_list(a);
  for (size_t i = 0; i < body->n_headings; i++) {
    const md_heading *h = &body->headings[i];
    if (h->level < 2 || h->level > 3 || !h->id) continue;
    tval *m = tv_map(a);
    tv_set_str(a, m, "text", h->text);
    tv_set_str(a, m, "anchor", arena_cat(a, "#", h->id, NULL));
    tv_set_bool(a, m, "sub", h->level == 3);
    tv_push(a, items, m);
  }
  tval *toc = tv_map(a);
  tv_set(a, toc, "items", items);
  return toc;
}

tval *ctx_generated_page(arena *a, const urlctx *u, const char *title, const char *url, const char *kind) {
  tval *m = tv_map(a);
  tv_set_str(a, m, "title", title);
  tv_set(a, m, "url", tv_str(a, url_to(a, u, url)));
  tv_set(a, m, "permalink", tv_str(a, url_abs(a, u->cfg, url)));
  kind_flags(a, m, kind);
  return m;
}

/* Room for the keys a page map adds to its list item: about thirty below,
 * then an article's content, toc, charts and the like. */
#define PAGE_KEYS 48

tval *ctx_page(arena *a, const ctx_env *env, const urlctx *u, const page *p, const char *kind) {
  return ctx_page_of(a, env, u, p, kind, NULL, NULL);
}

tval *ctx_page_of(arena *a, const ctx_env *env, const urlctx *u, const page *p, const char *kind,
                  const tval *item, const tval *column) {
  tval *m = item ? tv_map_copy(a, item, PAGE_KEYS) : ctx_item(a, env, u, p);
  tv_set(a, m, "permalink", tv_str(a, url_abs(a, u->cfg, p->url)));
  kind_flags(a, m, kind);
  tv_set_bool(a, m, p->type_flag, true);
  tv_set_str(a, m, "author", p->author);
  tv_set_str(a, m, "source", p->source ? p->source : yx_str(yx_get(env->s->cfg->footer, "sponsor")));
  tv_set_str(a, m, "description", fm_str(p, "description"));
  tv_set(a, m, "tags", terms_of(a, env, u, p, 0));
  tv_set(a, m, "topics", terms_of(a, env, u, p, 1));
  tv_set_bool(a, m, "draft", p->draft);
  tv_set_bool(a, m, "unreviewed", env->preview && !p->approved);
  tv_set(a, m, "params", params_of(a, p->fm));
  tv_set(a, m, "reading_minutes", tv_num(a, p->reading_minutes));
  tv_set(a, m, "chars", tv_num(a, p->chars));
  tv_set(a, m, "column", column ? (tval *)column : ctx_column(a, env, u, p->column));
  if (p->interprets && p->interprets->built) {
    tval *orig = link_map(a, u, p->interprets->title, p->interprets->url);
    tv_set_str(a, orig, "validity", fm_str(p->interprets, "validity"));
    set_lapsed(a, orig, p->interprets);
    tv_set(a, m, "interprets", orig);
  }
  tval *att = tv_list(a);
  for (size_t i = 0; i < p->nattachments; i++) {
    if (!p->attachment_urls || !p->attachment_urls[i]) continue;
    const char *slash = strrchr(p->attachment_urls[i], '/');
    tval *f = tv_map(a);
    const char *format = filekind_format(a, p->attachment_urls[i]);
    tv_set_str(a, f, "name", slash ? slash + 1 : p->attachment_urls[i]);
    tv_set(a, f, "url", tv_str(a, url_to(a, u, p->attachment_urls[i])));
    tv_set_str(a, f, "format", format);
    tv_set_str(a, f, "media_type", filekind_media_type(format));
    tv_set_str(a, f, "size", filekind_size(a, p->attachment_bytes[i]));
    tv_push(a, att, f);
  }
  tv_set(a, m, "attachments", att);
  tv_set_bool(a, m, "has_attachments", att->u.list.n > 0);
  if (p->prev) tv_set(a, m, "prev", link_map(a, u, p->prev->title, p->prev->url));
  if (p->next) tv_set(a, m, "next", link_map(a, u, p->next->title, p->next->url));
  return m;
}

tval *ctx_breadcrumbs(arena *a, const ctx_env *env, const urlctx *u, const column *col, bool include_col) {
  const column *chain[64];
  int n = 0;
  for (const column *c = include_col ? col : (col ? col->parent : NULL); c && n < 64; c = c->parent) chain[n++] = c;
  tval *list = tv_list(a);
  for (int i = n - 1; i >= 0; i--) {
    const column *c = chain[i];
    tval *m = link_map(a, u, c->parent ? column_title(c) : "首页", c->url);
    tv_set_bool(a, m, "last", i == 0);
    tv_push(a, list, m);
  }
  (void)env;
  return list;
}

static tval *footer_map(arena *a, const site_config *cfg, const urlctx *u) {
  tval *m = tv_map(a);
  for (size_t i = 0; cfg->footer && i < cfg->footer->n; i++) {
    const yx_node *v = cfg->footer->vals[i];
    if (v->kind == YX_SCALAR) tv_set(a, m, cfg->footer->keys[i]->str, tv_strn(a, v->str, v->len));
  }
  tv_set_str(a, m, "icp_url", "https://beian.miit.gov.cn/");
  const char *code = yx_str(yx_get(cfg->footer, "psb_code"));
  if (code)
    tv_set(a, m, "psb_url", tv_str(a, arena_printf(a, "https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=%s", code)));
  (void)u;
  return m;
}

tval *ctx_site(arena *a, const ctx_env *env, const urlctx *u) {
  const site_config *cfg = env->s->cfg;
  tval *site = tv_map(a);
  tv_set_str(a, site, "title", cfg->title);
  tv_set_str(a, site, "description", cfg->description);
  char *kw = arena_strdup(a, "");
  for (size_t i = 0; i < cfg->nkeywords; i++) kw = arena_cat(a, kw, i ? "," : "", cfg->keywords[i], NULL);
  tv_set_str(a, site, "keywords", kw);
  tv_set_str(a, site, "lang", cfg->language);
  tv_set_str(a, site, "domain", cfg->domain);
  tv_set_str(a, site, "base_url", cfg->base_url);
  tv_set_str(a, site, "site_code", yx_str(yx_get(cfg->footer, "site_code")));
  tv_set(a, site, "home_url", tv_str(a, url_to(a, u, "")));
  tv_set(a, site, "feed_url", tv_str(a, url_to(a, u, "index.xml")));
  tv_set(a, site, "search_url", tv_str(a, url_to(a, u, OWN_SEARCH)));
  tv_set(a, site, "css_url", tv_str(a, url_to(a, u, "css/site.css")));
  tv_set(a, site, "asset_base", tv_str(a, url_base(a, u)));
  tv_set(a, site, "footer", footer_map(a, cfg, u));
  int year = 0;
  if (env->s->narticles && env->s->articles[0]->has_date) year = gdate_year(&env->s->articles[0]->date);
  if (year) tv_set(a, site, "year", tv_num(a, year)); /* none before the first dated article */
  return site;
}

tval *ctx_menu(arena *a, const ctx_env *env, const urlctx *u, const column *active,
              const column *current) {
  tval *menu = tv_list(a);
  const column *home = env->s->columns[0];
  for (size_t i = 0; i < home->nchildren; i++) {
    const column *c = home->children[i];
    if (!c->index || !c->index->built) continue;
    tval *m = link_map(a, u, column_title(c), c->url);
    tv_set_bool(a, m, "active", c == active);
    tv_set_bool(a, m, "current", c == current);
    tv_push(a, menu, m);
  }
  return menu;
}

tval *ctx_root_of(arena *a, const ctx_env *env, const urlctx *u, const tval *menu) {
  tval *root = tv_map(a);
  tv_set(a, root, "site", env->site_map ? (tval *)env->site_map : ctx_site(a, env, u));
  tv_set(a, root, "menu", (tval *)menu);
  tv_set_bool(a, root, "preview", env->preview);
  tv_set_str(a, root, "generator", env->generator);
  return root;
}

tval *ctx_root(arena *a, const ctx_env *env, const urlctx *u, const column *active,
               const column *current) {
  return ctx_root_of(a, env, u, ctx_menu(a, env, u, active, current));
}

ctx_column_shared *ctx_column_shared_new(arena *a, const ctx_env *env, const urlctx *u,
                                         const column *col) {
  ctx_column_shared *sh = arena_alloc(a, sizeof *sh);
  sh->menu = ctx_menu(a, env, u, column_top(col), NULL);
  sh->breadcrumbs = ctx_breadcrumbs(a, env, u, col, true);
  sh->column = ctx_column(a, env, u, col);
  sh->list_menu = ctx_menu(a, env, u, column_top(col), col);
  tv_mark_plain((tval *)sh->list_menu);
  tv_mark_plain((tval *)sh->menu);
  tv_mark_plain((tval *)sh->breadcrumbs);
  tv_mark_plain((tval *)sh->column);
  return sh;
}

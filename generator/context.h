/* context: the template data of docs/templates.md, built from the site
 * model for one page render.  Every URL is made with url_to for the page
 * being rendered, so the same code serves root, sub-path and file:// output.
 *
 * Ownership: all values are allocated in the page render's arena. */
#ifndef GOVPUB_CONTEXT_H
#define GOVPUB_CONTEXT_H

#include <stdbool.h>

#include "markdown.h"
#include "site.h"
#include "strmap.h"
#include "url.h"
#include "value.h"

typedef struct {
  site *s;
  bool preview;
  const char *generator;
  const tval *site_map; /* ctx_site's map when it is the same on every page
                           (absolute URLs), made once by the renderer; NULL:
                           ctx_root makes it for each page */
  const strmap *term_maps[2]; /* likewise each term's {name, url} by name, per
                                 taxonomy (ctx_term_maps); NULL: made per page */
} ctx_env;

/* Each term of taxonomy `which` as a page's tags and topics show it
 * ({name, url}), by name; for ctx_env.term_maps when URLs are absolute. */
strmap *ctx_term_maps(arena *a, const ctx_env *env, const urlctx *u, int which);

/* The `site` key of every page: the site's name, URLs, footer, year. */
tval *ctx_site(arena *a, const ctx_env *env, const urlctx *u);

/* The keys every page has: site, menu, preview, generator; `active` is the
 * top-level column the page belongs to (NULL on pages outside columns),
 * `current` the column whose own list page this is (else NULL). */
tval *ctx_root(arena *a, const ctx_env *env, const urlctx *u, const column *active,
               const column *current);
/* The menu of ctx_root, and ctx_root with a menu made before. */
tval *ctx_menu(arena *a, const ctx_env *env, const urlctx *u, const column *active,
               const column *current);
tval *ctx_root_of(arena *a, const ctx_env *env, const urlctx *u, const tval *menu);

/* What every article of a column shows alike when URLs are absolute (they
 * do not depend on the page then): the menu (its top column active), the
 * breadcrumbs down to the column and the column map; and the menu of its
 * list pages.  Made once per column
 * before the render threads start (their text marked plain where it is:
 * tv_mark_plain), and only read by them. */
typedef struct {
  const tval *menu, *breadcrumbs, *column;
  const tval *list_menu; /* the menu of the column's own list pages (the column current) */
} ctx_column_shared;
ctx_column_shared *ctx_column_shared_new(arena *a, const ctx_env *env, const urlctx *u,
                                         const column *col);

/* A page as an item of a list (title, url, date, summary, type, column, policy). */
tval *ctx_item(arena *a, const ctx_env *env, const urlctx *u, const page *p);
/* The `page` map of an article or a column's own page. */
tval *ctx_page(arena *a, const ctx_env *env, const urlctx *u, const page *p, const char *kind);
/* ctx_page made from p's list item `item` (ctx_item's map for the same u:
 * copied, not changed) and, when not NULL, its column map `column` (read
 * only; ctx_column's map otherwise); item NULL: made here. */
tval *ctx_page_of(arena *a, const ctx_env *env, const urlctx *u, const page *p, const char *kind,
                  const tval *item, const tval *column);
/* The page's contents (目录) from its rendered body: `items`, each `text`,
 * `anchor` ("#id") and `sub` (true for an h3 under an h2); NULL when the
 * body has fewer than two h2 headings (nothing worth a table of contents). */
tval *ctx_toc(arena *a, const md_result *body);
/* A bare `page` map for generated pages (terms, 404): title, url, kind flags. */
tval *ctx_generated_page(arena *a, const urlctx *u, const char *title, const char *url, const char *kind);
/* breadcrumbs from the home page down to `col` (inclusive when `include_col`). */
tval *ctx_breadcrumbs(arena *a, const ctx_env *env, const urlctx *u, const column *col, bool include_col);
/* `column` map: title, url, class, description, keywords, type. */
tval *ctx_column(arena *a, const ctx_env *env, const urlctx *u, const column *col);
/* The column's title: its _index.md title, else its folder name. */
const char *column_title(const column *col);
/* The top-level ancestor of a column (NULL for the root). */
const column *column_top(const column *col);

#endif

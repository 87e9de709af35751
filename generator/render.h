/* render: turns the linked site model into the files of a release — article
 * pages first (their summaries feed the lists), then column, term, home and
 * 404 pages, then feeds, sitemap, robots.txt and alias redirects.
 *
 * Pages render in parallel; each render gets a scratch arena reset as soon
 * as the page is written, so memory does not grow with the site.  What a
 * list needs later (summary, reading time) is copied into the site model. */
#ifndef GOVPUB_RENDER_H
#define GOVPUB_RENDER_H

#include <pthread.h>
#include <stdbool.h>

#include "buf.h"
#include "catalog.h"
#include "interact.h"
#include "chartset.h"
#include "release.h"
#include "scan.h"
#include "search.h"
#include "site.h"
#include "statics.h"
#include "strmap.h"
#include "tmpl.h"

/* The climbs (url_climb) a shared catalog navigation is kept for: the
 * catalog's pages are a few folders deep; a deeper one makes its own. */
#define RENDER_NAV_CLIMBS 8

typedef struct {
  site *s;
  tmpl_set *ts;
  const release *rel;
  strmap *files;  /* static output path → source file (theme, then site) */
  const chartset *charts; /* the site's charts, for ```chart fences (may be NULL) */
  const scan_dict *scan;  /* publishing: the content-safety dictionaries (may be NULL) */
  scan_scratch **scan_scratch; /* one per thread */
  scan_hits *scan_hits;   /* what the scan found, reported by the caller */
  search_index *search;   /* the site search index articles are added to (may be NULL) */
  /* called with each rendered page's reader text and lead, when set (the
   * incremental build's search patch); thread-safe on the callee's side */
  void (*on_text)(void *ud, const page *p, const search_text *t);
  void *on_text_ud;
  const size_t *only;     /* render_articles: these indices of s->articles only (NULL: all) */
  size_t nonly;
  const catalog *catalog; /* the data catalog (may be NULL): dataset and catalog pages */
  const interact *interact; /* results and letters (may be NULL): interaction pages */
  bool preview;
  const char *robots_txt; /* publishing: the site's own static robots.txt, approved, written in place
                             of govpub's (extras.c); NULL: govpub's (statics_check_written) */
  bool progress;  /* show pages done of total on a terminal */
  int threads;
  arena **scratch; /* one per thread */
  arena *shared;         /* what every page of this render reads: */
  const tval *site_map;  /* every page's `site` data when URLs are absolute (ctx_env) */
  strmap *column_shared; /* column url → what its articles share (ctx_column_shared),
                            when URLs are absolute */
  const tval *plain_menu;     /* and the menu of pages outside columns (none active), */
  const tval *home_crumbs;    /* their breadcrumbs (the home page alone), */
  const tval *term_crumbs[2]; /* and a term page's (home, taxonomy); */
  const strmap *term_maps[2]; /* each term as pages show it (ctx_term_maps) */
  const tval *catalog_nav[RENDER_NAV_CLIMBS]; /* the catalog's navigation, none current
                                 (catalog_nav), by the climb of the pages' links (url_climb:
                                 all 0 with absolute URLs): dataset pages, its list, and group
                                 pages (copied, one marked); NULL: made on the page */
  buf *out;        /* one per thread: the page being rendered, kept across pages (a
                      fresh 64 KB malloc per page faulted its memory in every time) */
  tmpl_memo **memo; /* one per thread: partials' output kept across pages (tmpl_memo.h) */
  buf *html;        /* one per thread: the HTML of the page's body (md_options.html) */
  size_t pages_written;
  pthread_mutex_t lock;
  const char *broken_layout_page; /* the first page (by file) a broken layout stopped */
  const char *broken_layout;
  int broken_layout_line, broken_layout_col; /* of broken_layout_page (0: a page govpub makes) */
} renderer;

void render_init(renderer *r, site *s, tmpl_set *ts, const release *rel, const static_set *statics,
                 bool preview, int threads);
void render_free(renderer *r);
/* The articles (r->only of them when set; then no column page), then the
 * column pages' introductions. */
void render_articles(renderer *r);
void render_lists(renderer *r);
void render_extras(renderer *r);
/* render_lists and render_extras on one pool: the extras are jobs beside
 * the list pages, and `first` (when not NULL) a job of the caller's handed
 * out before all others (the whole build's search index and state: the
 * longest job, so it does not end the phase alone). */
void render_lists_extras(renderer *r, void (*first)(void *ctx), void *ctx);
/* The extras one at a time (extras.c): how many there are, and extra i
 * written with the scratch arena `a` (the caller resets it). */
size_t render_extras_count(const renderer *r);
void render_extra(renderer *r, size_t i, arena *a);
/* The pages govpub makes itself, which no page of the content stands for
 * (a redirect stands at an address no page has, and sends readers to one),
 * and the layout each is rendered with: one table, which render.c renders
 * them by and govpub check reads to find the templates of such a page in
 * a built folder (check_layout.c, where each kind is written: a switch
 * without a default, so that the compiler asks for a new kind there). */
typedef enum {
  RENDER_OWN_HOME,    /* index.html (content/_index.md's page has this layout too) */
  RENDER_OWN_404,     /* 404.html */
  RENDER_OWN_SEARCH,  /* search/ */
  RENDER_OWN_ALIAS,   /* the redirect at each of a page's `aliases:` (extras.c), before the
                         taxonomies': an alias may keep a tag's address (tags/<term>/) */
  RENDER_OWN_TERMS,   /* a taxonomy's index: tags/, topics/ */
  RENDER_OWN_TERM,    /* every page of a term's list: tags/<term>/, …/page/2/ */
  RENDER_OWN_CATALOG, /* the data catalog's department and topic pages */
  RENDER_OWN_KINDS
} render_own;
extern const char *const render_own_layouts[RENDER_OWN_KINDS];

/* The site's templates: its own layouts/ first, then its theme's (a file
 * there of the same name overrides the theme's).  Free with tmpl_set_free. */
tmpl_set *render_templates(arena *a, const site_config *cfg);
/* Records in p->inputs the templates a build renders p with (an article,
 * a column's page, the root column's: the home page) — the layout it finds
 * for p and every template that includes, as a render records them —
 * without rendering: for a model loaded but not built, where govpub check
 * names the layout a built page's markup comes from (check_html.c).
 * Nothing is recorded when no layout resolves (the build says why).  In
 * s->a; one caller at a time. */
void render_record_layout(tmpl_set *ts, site *s, page *p);
/* The layout of the redirects of aliases (RENDER_OWN_ALIAS), found as a
 * page's is; NULL when there is none (an error at src:line:col, where
 * the first alias is written) or it has errors (reported at the template;
 * *broken is set, and the caller notes the redirects it stopped).  Its
 * inputs are recorded with each page's (emit).  One caller at a time. */
const tmpl *render_alias_layout(renderer *r, const char *src, int line, int col, bool *broken);
/* Renders only p's Markdown, to record the files it uses (images, linked
 * files, charts) in p->inputs: the review bundle of `govpub review sign`. */
void render_collect_inputs(renderer *r, page *p);
/* Reports what the render phases noticed about the whole (a broken layout). */
void render_report(renderer *r);

#endif

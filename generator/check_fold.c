/* check_fold: the outputs the model names, compared as a build compares
 * them as it writes (release_fold.h), for govpub check: a static file
 * differing only in case or Unicode form from a page's output, or where a
 * folder of pages is (static/News/index.html beside the column news/), is
 * reported before any build, at the same place and in the same words.
 *
 * What govpub makes itself (further list pages, tag and topic pages,
 * feeds, sitemap.xml, robots.txt, search/, data/catalog.json) and the
 * charts' files are named only by rendering: a build compares them
 * (docs/check.md says so).  A static file at one of govpub's own names,
 * in any case, or at a page's output as spelled, is refused before
 * (statics_check_written) and is not here. */
#include <string.h>

#include "check.h"
#include "pager.h"
#include "release_fold.h"

/* Where a page's output is said: its slug when it has one (that names the
 * output's folder), else the whole file; as render.c's emit. */
static const yx_node *slug_at(const page *p) { return p->fm ? yx_get(p->fm, "slug") : NULL; }

void check_fold_outputs(site *s, const static_set *statics) {
  release_fold *f = release_fold_new();
  arena *a = arena_new();
  for (size_t i = 0; i < statics->n; i++)
    release_fold_add(f, statics->dst[i], strmap_get(statics->by_dst, statics->dst[i]), 1, 1, FOLD_STATIC);
  for (size_t i = 0; i < s->npages; i++) {
    const page *p = s->pages[i];
    if (!p->fm || !p->built) continue;
    const yx_node *at = slug_at(p);
    release_fold_add(f, arena_cat(a, p->url, "index.html", NULL), p->src, at ? at->line : 1, at ? at->col : 1,
                     FOLD_FROM_SOURCE);
  }
  for (size_t i = 0; i < s->narticles + s->ncolumns; i++) { /* the alias redirects: extras.c */
    const page *p = site_alias_holder(s, i);
    size_t pages = p ? site_alias_pages(s, p) : 0; /* a column's: one per page of its list */
    for (size_t k = 0; p && k < p->naliases; k++) {
      if (!p->aliases[k]) continue;
      const yx_node *at = page_alias_node(p, k);
      for (size_t n = 1; n <= pages; n++)
        release_fold_add(f, arena_cat(a, pager_url(a, p->aliases[k], n), "index.html", NULL), p->src,
                         at ? at->line : 1, at ? at->col : 1, FOLD_FROM_SOURCE);
    }
  }
  arena_free(a);
  release_fold_free(f);
}

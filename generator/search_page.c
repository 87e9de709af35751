/* search_page: the template data of the search page (docs/templates.md,
 * `search`): where the script finds the index, and the column and year
 * filters, listed in the page itself so the form reads without JavaScript. */
#include "context.h"
#include "own_pages.h"
#include "search.h"

tval *search_page_data(arena *a, const site *s, const urlctx *u) {
  tval *m = tv_map(a);
  tv_set(a, m, "index_url", tv_str(a, url_to(a, u, OWN_SEARCH_META)));
  tv_set(a, m, "root_url", tv_str(a, url_base(a, u)));
  const column **cols;
  size_t ncols = search_columns(s, a, &cols);
  tval *list = tv_list(a);
  for (size_t i = 0; i < ncols; i++) {
    tval *c = tv_map(a);
    tv_set_str(a, c, "path", cols[i]->path);
    tv_set_str(a, c, "title", cols[i]->parent ? column_title(cols[i]) : "首页");
    tv_set(a, c, "url", tv_str(a, url_to(a, u, cols[i]->url)));
    tv_push(a, list, c);
  }
  tv_set(a, m, "columns", list);
  /* every year once, newest first (articles are newest first) */
  int *seen = arena_calloc(a, s->narticles ? s->narticles : 1, sizeof *seen);
  size_t nseen = 0;
  tval *ylist = tv_list(a);
  for (size_t i = 0; i < s->narticles; i++) {
    const page *p = s->articles[i];
    int y = p->has_date ? gdate_year(&p->date) : 0;
    size_t k = 0;
    while (k < nseen && seen[k] != y) k++;
    if (!y || k < nseen) continue;
    seen[nseen++] = y;
    tval *ym = tv_map(a);
    tv_set(a, ym, "year", tv_num(a, y));
    tv_push(a, ylist, ym);
  }
  tv_set(a, m, "years", ylist);
  return m;
}

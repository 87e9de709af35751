/* statics: the static files of a site — the theme's static/ first, then
 * each folder of site.yaml `static:` — as output path → source file, in a
 * fixed order.  The site's folders override the theme's; two of the site's
 * giving one output path is an error (which one a page's review covers
 * would be unclear), as is a FILE.gz or FILE.br beside a FILE (nginx's
 * gzip_static and brotli_static would serve it for FILE: an unreviewed
 * copy of a reviewed attachment).  Symbolic links are refused (they could
 * lead out of the site), and so are names a URL or a name under content/
 * cannot have (site_name.h: a space, "#", "con.txt", not UTF-8, …): each
 * file's and folder's name is a part of its URL.
 *
 * Ownership: everything lives in the arena given to statics_collect. */
#ifndef GOVPUB_STATICS_H
#define GOVPUB_STATICS_H

#include <stddef.h>

#include "arena.h"
#include "chartset.h"
#include "config.h"
#include "site.h"
#include "strmap.h"

typedef struct {
  strmap *by_dst;   /* output path → source path */
  strmap *by_fold;  /* path_fold(output path) → source path: names one server may confuse */
  strmap *by_site;  /* output path → source path, of the site's folders only */
  const char **dst; /* output paths in the order found */
  const char *robots; /* the site's own /robots.txt (its source), which statics_check_written
                         takes out of dst for the build to publish (NULL: none) */
  size_t n, cap;
} static_set;

void statics_collect(arena *a, const site_config *cfg, static_set *set);

/* Static files where govpub writes something of its own (site_written_at,
 * in any case: /404.html, /sitemap.xml, /search/…, /tags/…, a column's
 * index.html, index.xml and page/…, the data catalog's department/,
 * topic/ and data/catalog.json): each an error at the file (1:1), or once
 * at its folder when a folder is named so (static/search/), taken out of
 * set->dst so that it is not copied and nothing more is said of it (no
 * "output written twice").  /robots.txt as it is named is the site's own
 * (Hugo's habit): taken out of set->dst too, into set->robots, not as an
 * error — a publish writes it in place of govpub's (build.c, extras.c), a
 * preview keeps govpub's, which no search engine may follow.  So are static files at
 * a page's own output (static/news/a/index.html beside content/news/a.md)
 * or at its alias's redirect (static/old/a/index.html for /old/a/)
 * and, with `charts` (those the build renders; NULL: none, govpub check,
 * which does not render them), at a chart's charts/<id>.svg, its
 * .narrow.svg or the copy of its CSV file, as spelled: one differing in
 * case is said by the build as it writes it (release_fold.h), naming
 * both.  Only site_link's model knows the columns and URLs: after it. */
void statics_check_written(arena *a, site *s, const chartset *charts, static_set *set);

/* The static files site.yaml names by their output path (footer.dzjg_img,
 * the 党政机关 badge every page's footer shows): each must be one of `set`,
 * else it is said once, at its key in site.yaml — an error when `strict`
 * (a publish, which stops there rather than find a broken image in every
 * page of the release it stages; govpub check), a warning in a preview (a
 * site being set up builds before it has its static files). */
void statics_check_named(arena *a, const site_config *cfg, const static_set *set, bool strict);

#endif

/* statics: the static files of a site — the theme's static/ first, then
 * each folder of site.yaml `static:` — as output path → source file, in a
 * fixed order.  The site's folders override the theme's; two of the site's
 * giving one output path is an error (which one a page's review covers
 * would be unclear), as is a FILE.gz or FILE.br beside a FILE (nginx's
 * gzip_static and brotli_static would serve it for FILE: an unreviewed
 * copy of a reviewed attachment).  Symbolic links are refused (they could
 * lead out of the site).
 *
 * Ownership: everything lives in the arena given to statics_collect. */
#ifndef GOVPUB_STATICS_H
#define GOVPUB_STATICS_H

#include <stddef.h>

#include "arena.h"
#include "config.h"
#include "strmap.h"

typedef struct {
  strmap *by_dst;   /* output path → source path */
  strmap *by_fold;  /* path_fold(output path) → source path: names one server may confuse */
  strmap *by_site;  /* output path → source path, of the site's folders only */
  const char **dst; /* output paths in the order found */
  size_t n, cap;
} static_set;

void statics_collect(arena *a, const site_config *cfg, static_set *set);

#endif

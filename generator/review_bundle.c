/* review_bundle: see review_bundle.h.  The inputs are collected by
 * rendering each body once (render_collect_inputs), then by the data
 * catalog and the letters, which add their own files to the pages' lists. */
#include "review_bundle.h"

#include "catalog.h"
#include "chartset.h"
#include "diag.h"
#include "interact.h"
#include "render.h"
#include "statics.h"

int review_bundles(arena *a, const site_config *cfg, site *s, page *const *pages, size_t n, bundle *out) {
  static_set statics = {0};
  statics_collect(a, cfg, &statics);
  chartset charts;
  chartset_load(a, cfg, &charts);
  renderer r;
  render_init(&r, s, NULL, NULL, statics.by_dst, true, 1);
  r.charts = &charts;
  for (size_t i = 0; i < n; i++) render_collect_inputs(&r, pages[i]);
  render_free(&r);
  catalog_load(s, &charts); /* a dataset's distribution files join its bundle */
  interact_load(s);         /* so do the letters files of the page showing them */
  if (diag_errors()) return -1;
  int rc = 0;
  for (size_t i = 0; i < n; i++)
    if (bundle_compute(a, cfg->root, pages[i]->inputs.paths, pages[i]->inputs.n, &out[i]) != 0) rc = -1;
  return rc;
}

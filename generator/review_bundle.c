/* review_bundle: see review_bundle.h.  The inputs are collected by
 * rendering each body once (render_collect_inputs), then by the data
 * catalog and the letters, which add their own files to the pages' lists. */
#include "review_bundle.h"

#include "catalog.h"
#include "chartset.h"
#include "diag.h"
#include "interact.h"
#include "render.h"
#include "review_site.h"
#include "statics.h"

/* Every page's inputs collected into pages[i]->inputs, as a build finds
 * them; the static files and charts into *statics and *charts. */
static void collect(arena *a, const site_config *cfg, site *s, page *const *pages, size_t n, static_set *statics,
                    chartset *charts) {
  statics_collect(a, cfg, statics);
  chartset_load(a, cfg, charts);
  renderer r;
  render_init(&r, s, NULL, NULL, statics, true, 1);
  r.charts = charts;
  for (size_t i = 0; i < n; i++) render_collect_inputs(&r, pages[i]);
  render_free(&r);
  catalog_load(s, charts); /* a dataset's distribution files join its bundle */
  catalog_inputs_unbuilt(s); /* those of a dataset no build publishes too (依申请公开) */
  interact_load(s);        /* so do the letters files of the page showing them */
}

/* The pages of s with a front matter, drafts too: a file a draft uses is
 * the draft's (published with it), not the site's. */
static size_t fm_pages(arena *a, const site *s, page ***out) {
  page **pages = arena_alloc(a, (s->npages ? s->npages : 1) * sizeof *pages);
  size_t n = 0;
  for (size_t i = 0; i < s->npages; i++)
    if (s->pages[i]->fm) pages[n++] = s->pages[i];
  *out = pages;
  return n;
}

static int site_bundle(arena *a, const site_config *cfg, site *s, const chartset *charts, const static_set *statics,
                       const bundle *kept, bundle *out) {
  const char **paths;
  size_t n = review_site_paths(a, cfg, s, charts, statics, kept, &paths);
  return diag_errors() ? -1 : bundle_compute(a, cfg->root, paths, n, out);
}

int review_bundles(arena *a, const site_config *cfg, site *s, page *const *pages, size_t n, bundle *out,
                   bundle *site_out, const bundle *site_kept) {
  static_set statics = {0};
  chartset charts;
  page **all;
  if (site_out) /* the site's needs every page's inputs, these pages' among them */
    collect(a, cfg, s, all, fm_pages(a, s, &all), &statics, &charts);
  else
    collect(a, cfg, s, pages, n, &statics, &charts);
  if (diag_errors()) return -1;
  int rc = 0;
  for (size_t i = 0; i < n; i++)
    if (bundle_compute(a, cfg->root, pages[i]->inputs.paths, pages[i]->inputs.n, &out[i]) != 0) rc = -1;
  if (site_out && site_bundle(a, cfg, s, &charts, &statics, site_kept, site_out) != 0) rc = -1;
  return rc;
}

int review_bundle_site(arena *a, const site_config *cfg, site *s, const bundle *kept, bundle *out) {
  page **pages;
  size_t npages = fm_pages(a, s, &pages);
  static_set statics = {0};
  chartset charts;
  collect(a, cfg, s, pages, npages, &statics, &charts);
  return diag_errors() ? -1 : site_bundle(a, cfg, s, &charts, &statics, kept, out);
}

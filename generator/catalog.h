/* catalog: the data resource catalog (数据资源目录, docs/catalog.md) — the
 * pages of the column site.yaml `catalog.column` names are its datasets.
 * It owns what needs the whole catalog: the distributions resolved to
 * files or addresses (checked: the file exists and is served), the groups
 * by 提供部门 and by topic, the required DCAT fields, /data/catalog.json,
 * and the template data of dataset pages (with schema.org JSON-LD) and of
 * the catalog pages, and the links between a dataset and what is built
 * from it: the pages that name it in `datasets:` (a 数据发布) and the charts
 * drawn from its CSV.  Which front-matter fields a dataset must have and
 * their formats stay in site.yaml `types:` and `fields:`.
 *
 * Ownership: the catalog lives in the site's main arena. */
#ifndef GOVPUB_CATALOG_H
#define GOVPUB_CATALOG_H

#include "chartset.h"
#include "release.h"
#include "site.h"
#include "url.h"
#include "value.h"

typedef struct catalog catalog;

typedef struct {
  const char *name, *url; /* url: site-relative, "catalog/department/云岭区统计局/" */
  page **datasets;        /* sorted by title */
  size_t n, cap;
} catalog_group;

/* Reads site.yaml `catalog:` and the linked site's datasets; reports every
 * problem (site.yaml, a dataset's distributions, a missing DCAT field, a
 * `datasets:` reference that names no dataset) and records each
 * distribution file as an input of its dataset (the review bundle covers
 * it).  `charts` (may be NULL) are matched to the datasets by their CSV.
 * NULL when the site has no catalog: or it is unusable. */
catalog *catalog_load(site *s, const chartset *charts);
/* For review bundles (review_bundle.h): records as inputs the distribution
 * files of the catalog's datasets that catalog_load leaves out because no
 * build publishes them (依申请公开, 不予公开): a file a dataset names is
 * that dataset's, published only with it, and never among the files the
 * site serves by itself (review_site.h). */
void catalog_inputs_unbuilt(site *s);
/* Writes data/catalog.json and copies the charts/ files a distribution
 * names that no chart of `charts` copies already. */
void catalog_write(const catalog *c, const release *rel, const chartset *charts);
/* Sets `dataset` on the `page` map of a dataset page (its `catalog` is
 * `nav`, catalog_nav's for the page, or made here when NULL) and
 * `datasets.items` (the datasets it comes from) on a page that names some;
 * nothing on others. */
void catalog_page_data(arena *a, const catalog *c, const urlctx *u, const page *p, tval *pg, const tval *nav);
/* `catalog` of the catalog's pages: title, url, count, departments and
 * topics (name, url, count, current: false).  It is the same on every page
 * whose links climb as far (url_climb: every page with absolute URLs), so
 * the renderer makes it once for each climb (render.h). */
tval *catalog_nav(arena *a, const catalog *c, const urlctx *u);
/* nav (catalog_nav's, left as it is) with group i of kind (0 departments,
 * 1 topics, as catalog_groups) current: a copy of nav and of that list,
 * sharing every other value with nav — a group page costs a list of
 * pointers, not a map per group. */
tval *catalog_nav_current(arena *a, const tval *nav, int kind, size_t i);
/* The column of the catalog (its list page is the catalog's home). */
const column *catalog_column(const catalog *c);
/* The dataset pages page p names in `datasets:` (none: n = 0). */
page *const *catalog_sources_of(const catalog *c, const page *p, size_t *n);
/* The groups: kind 0 departments, 1 topics. */
const catalog_group *catalog_groups(const catalog *c, int kind, size_t *n);

#endif

/* chartset: see chartset.h. */
#include "chartset.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "fsx.h"
#include "path_fold.h"
#include "pool.h"
#include "yamlx.h"

static int cmp_ids(const void *x, const void *y) {
  return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The name (a chart id, a CSV path) in `folds` that differs from `name`
 * only in case or Unicode form, or NULL; `name` is kept when it is new. */
static const char *fold_clash(arena *a, strmap *folds, const char *name) {
  const char *fold = path_fold(a, name), *other = strmap_get(folds, fold);
  if (!other) strmap_put(folds, fold, (void *)name);
  return other && strcmp(other, name) != 0 ? other : NULL;
}

static const char fold_hint[] =
    "rename one: a server on a case-insensitive file system (Windows, macOS) would serve one for both";

void chartset_load(arena *a, const site_config *cfg, chartset *cs) {
  memset(cs, 0, sizeof *cs);
  cs->by_id = strmap_new(a);
  const char *dir = path_join(a, cfg->root, "charts");
  fsx_entry *e;
  size_t n;
  if (!fsx_is_dir(dir) || fsx_list(a, dir, &e, &n) != 0) return;
  cs->ids = arena_alloc(a, (n ? n : 1) * sizeof *cs->ids);
  cs->csvs = arena_alloc(a, (n ? n : 1) * sizeof *cs->csvs);
  strmap *seen = strmap_new(a), *id_folds = strmap_new(a), *csv_folds = strmap_new(a);
  for (size_t i = 0; i < n; i++) {
    size_t len = strlen(e[i].name);
    if (e[i].is_link && len > 5 && strcmp(e[i].name + len - 5, ".yaml") == 0) {
      int at = !e[i].is_dir; /* a link to a file at 1:1, as a whole file; to a folder, no line */
      diag_error(path_join(a, dir, e[i].name), at, at, "copy the file into the site instead of linking to it",
                 "symbolic links are not followed (they could lead out of the site)");
      continue;
    }
    if (!e[i].is_file || len < 6 || strcmp(e[i].name + len - 5, ".yaml") != 0) continue;
    const char *id = arena_strndup(a, e[i].name, len - 5);
    if (!chart_id_valid(id)) {
      diag_error(path_join(a, dir, e[i].name), 1, 1, "name chart specs with letters, digits, - and _",
                 "\"%s\" cannot be a chart id", id);
      continue;
    }
    const char *spec = path_join(a, dir, e[i].name), *other = fold_clash(a, id_folds, id);
    if (other)
      diag_error(spec, 1, 1, fold_hint, "chart id \"%s\" differs from \"%s\" (charts/%s.yaml) only in case", id,
                 other, other);
    chart_spec *c = chart_load(a, cfg->root, arena_printf(a, "charts/%s", e[i].name), NULL);
    strmap_put(cs->by_id, id, c);
    cs->ids[cs->n++] = id;
    if (c && (other = fold_clash(a, csv_folds, c->csv_path)))
      diag_error(spec, 1, 1, fold_hint, "data file %s differs from %s, another chart's, only in case", c->csv_path,
                 other);
    if (c && !strmap_put(seen, c->csv_path, (void *)c->csv_path)) cs->csvs[cs->ncsv++] = c->csv_path;
  }
  /* file names sort "fiscal-balance.yaml" before "fiscal.yaml"; ids the other way */
  qsort(cs->ids, cs->n, sizeof *cs->ids, cmp_ids);
}

bool chartset_has(const chartset *cs, const char *id) {
  size_t lo = 0, hi = cs->n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = strcmp(cs->ids[mid], id);
    if (c == 0) return true;
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

size_t chartset_scan(const chartset *cs, const site_config *cfg, const scan_dict *d, scan_scratch *s,
                     scan_hits *hits, arena *a) {
  size_t found = 0, len;
  for (size_t i = 0; i < cs->n; i++) {
    const chart_spec *c = strmap_get(cs->by_id, cs->ids[i]);
    if (!c) continue;
    const char *path = path_in_site(a, cfg->root, c->spec_path);
    char *text = fsx_read_arena(a, path, &len);
    yx_node *tree = text ? yamlx_parse(a, path, text, len, 0, true) : NULL;
    if (tree) found += scan_front_matter(d, s, path, text, len, tree, NULL, hits);
  }
  for (size_t i = 0; i < cs->ncsv; i++) {
    const char *path = path_in_site(a, cfg->root, cs->csvs[i]);
    char *text = fsx_read_arena(a, path, &len);
    scan_origin o = {.path = path, .field = "csv", .line = 1, .col = 1};
    if (text) found += scan_text(d, s, text, len, &o, hits);
  }
  return found;
}

typedef struct {
  const chartset *cs;
  const site_config *cfg;
  const release *rel;
  const strmap *only;
  atomic_size_t written;
} render_job;

static void render_one(void *ctx, size_t i, int worker) {
  (void)worker;
  render_job *j = ctx;
  if (j->only && !strmap_get(j->only, j->cs->ids[i])) return;
  const chart_spec *c = strmap_get(j->cs->by_id, j->cs->ids[i]);
  if (!c) return;
  chart_spec narrow = chart_narrow(c); /* phones' version: chart.h */
  const struct { const chart_spec *c; const char *suffix; } versions[] = {{c, ".svg"}, {&narrow, ".narrow.svg"}};
  for (size_t v = 0; v < sizeof versions / sizeof *versions; v++) {
    buf svg = BUF_INIT;
    if (chart_render_svg(versions[v].c, &svg) == 0) {
      char path[512];
      snprintf(path, sizeof path, "charts/%s%s", c->id, versions[v].suffix);
      if (release_write_from(j->rel, path, c->spec_path, 1, 1, svg.data, svg.len) == 0 && v == 0)
        atomic_fetch_add(&j->written, 1);
    }
    buf_free(&svg);
  }
}

/* Is CSV file `csv` one that a chart of `only` draws from? */
static bool csv_of_some(const chartset *cs, const strmap *only, const char *csv) {
  for (size_t i = 0; i < cs->n; i++) {
    const chart_spec *c = strmap_get(cs->by_id, cs->ids[i]);
    if (c && strmap_get(only, c->id) && strcmp(c->csv_path, csv) == 0) return true;
  }
  return false;
}

void chartset_only(arena *a, const chartset *cs, const strmap *only, chartset *out) {
  *out = *cs;
  if (!only) return;
  out->by_id = strmap_new(a);
  out->ids = arena_alloc(a, (cs->n ? cs->n : 1) * sizeof *out->ids);
  out->csvs = arena_alloc(a, (cs->ncsv ? cs->ncsv : 1) * sizeof *out->csvs);
  out->n = out->ncsv = 0;
  for (size_t i = 0; i < cs->n; i++)
    if (strmap_get(only, cs->ids[i])) {
      strmap_put(out->by_id, cs->ids[i], strmap_get(cs->by_id, cs->ids[i]));
      out->ids[out->n++] = cs->ids[i];
    }
  for (size_t i = 0; i < cs->ncsv; i++)
    if (csv_of_some(cs, only, cs->csvs[i])) out->csvs[out->ncsv++] = cs->csvs[i];
}

size_t chartset_render(const chartset *cs, const site_config *cfg, const release *rel, int threads,
                       const strmap *only) {
  render_job j = {cs, cfg, rel, only, 0};
  pool_run(threads, cs->n, render_one, &j);
  for (size_t i = 0; i < cs->ncsv; i++) { /* each CSV once, for the download links */
    if (only && !csv_of_some(cs, only, cs->csvs[i])) continue;
    char src[4096];
    snprintf(src, sizeof src, "%s/%s", cfg->root, cs->csvs[i]);
    release_copy(rel, cs->csvs[i], src, FOLD_CHART_CSV);
  }
  return atomic_load(&j.written);
}

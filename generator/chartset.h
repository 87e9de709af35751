/* chartset: every chart of a site (charts/<id>.yaml), loaded once per build
 * and rendered into the release in parallel: charts/<id>.svg beside a copy
 * of its CSV.  Pages find a chart by id (the ```chart fence) to show its
 * figure and record its spec and CSV as their inputs.
 *
 * Ownership: specs live in the arena given to chartset_load. */
#ifndef GOVPUB_CHARTSET_H
#define GOVPUB_CHARTSET_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "chart.h"
#include "config.h"
#include "release.h"
#include "scan.h"
#include "strmap.h"

typedef struct {
  strmap *by_id;      /* id → chart_spec (NULL value: the spec had errors) */
  const char **ids;   /* sorted */
  size_t n;
  const char **csvs;  /* the distinct CSV files the loaded charts use, in id order */
  size_t ncsv;
} chartset;

/* Loads every <root>/charts/<id>.yaml (none when the folder is missing); problems are
 * reported at their files. */
void chartset_load(arena *a, const site_config *cfg, chartset *cs);
/* True when charts/<id>.yaml exists (loaded or not: a spec with errors
 * has been reported already). */
bool chartset_has(const chartset *cs, const char *id);
/* The reader-visible text of every loaded chart through the content-safety
 * scan: the strings of its spec (title, subtitle, series names, source,
 * note) at their place in the spec, and its CSV (column headers, category
 * labels) at their line and column.  Returns the number of hits. */
size_t chartset_scan(const chartset *cs, const site_config *cfg, const scan_dict *d, scan_scratch *s,
                     scan_hits *hits, arena *a);
/* *out: the charts of cs whose ids `only` holds, and their CSV files (NULL:
 * all of cs), sharing cs's specs — what a publishing build renders, for
 * what shows or copies charts beside them (the catalog). */
void chartset_only(arena *a, const chartset *cs, const strmap *only, chartset *out);
/* Renders every loaded chart into the release (SVG + CSV copy) on `threads`
 * threads, or only the charts whose ids `only` holds (an incremental
 * build after a chart edit; NULL: all); returns the number of charts
 * written. */
size_t chartset_render(const chartset *cs, const site_config *cfg, const release *rel, int threads,
                       const strmap *only);

#endif

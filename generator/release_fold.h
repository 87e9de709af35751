/* release_fold: the output paths of one release under their path_fold
 * (path_fold.h), to refuse two outputs that differ only in case or in
 * Unicode normalisation: static/News/index.html beside the column news/.
 * Linux keeps both, but out/ is often copied to a case-insensitive file
 * system (a Windows IIS mirror, a Mac), where one overwrites the other, and
 * a file there cannot stand where a folder of the same folded name is.
 * Paths that are exactly equal are release.c's to report (written twice).
 * govpub check puts the outputs the model names through it too, before
 * any build (check_fold.c).
 *
 * Two files of one kind are not compared here when the model does it and
 * it would be said twice: two static files (statics_collect), two charts'
 * CSVs (chartset_load), two outputs made from the site's files (pages and
 * aliases: site_link; chart SVGs, from their specs: chartset_load) — each
 * for govpub check too — and two files of a kept release a deploy copies
 * (its build compared them).  Files of different kinds are compared, and
 * what nothing else compares (what govpub makes with no source file:
 * lists of tags, sitemap.xml, search/; a dataset's charts/ file that the
 * catalog copies) with everything.
 *
 * Thread-safe (one lock: a build's render threads all write).  Ownership:
 * everything lives in the set's own arena, freed by release_fold_free. */
#ifndef GOVPUB_RELEASE_FOLD_H
#define GOVPUB_RELEASE_FOLD_H

#include <stdbool.h>

typedef struct release_fold release_fold;

/* What an output is, by who compares the outputs of its kind (above). */
typedef enum {
  FOLD_STATIC = 1,  /* a static file, copied */
  FOLD_CHART_CSV,   /* a chart's CSV, copied */
  FOLD_KEPT,        /* a file of a kept release, copied by a deploy */
  FOLD_FROM_SOURCE, /* made from a file of the site: a page, an alias, a chart's SVG */
  FOLD_UNCOMPARED,  /* made with no source file, or a dataset's charts/ file: compared with everything */
} fold_kind;

release_fold *release_fold_new(void);
void release_fold_free(release_fold *f);
/* Adds the output `path` of kind `kind`, made from `who` at line:col
 * (`who` the very pointer `path`, 0:0, for an output with no source file),
 * and reports, once each, the outputs and folders it clashes with. */
void release_fold_add(release_fold *f, const char *path, const char *who, int line, int col, fold_kind kind);

#endif

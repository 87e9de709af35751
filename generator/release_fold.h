/* release_fold: the output paths of one release under their path_fold
 * (path_fold.h), to refuse two outputs that differ only in case or in
 * Unicode normalisation: static/News/index.html beside the column news/.
 * Linux keeps both, but out/ is often copied to a case-insensitive file
 * system (a Windows IIS mirror, a Mac), where one overwrites the other, and
 * a file there cannot stand where a folder of the same folded name is.
 * Paths that are exactly equal are release.c's to report (written twice).
 *
 * Two files of one kind are not compared here, the model does it and it
 * would be said twice: two copies (release_copy: static files, chart data;
 * statics_collect and chartset_load compare them, for govpub check too),
 * two outputs made from the site's files (pages and aliases: site_link;
 * charts, from their specs: chartset_load).  What govpub makes with no
 * source file (lists of tags, sitemap.xml, search/) is compared with
 * everything.
 *
 * Thread-safe (one lock: a build's render threads all write).  Ownership:
 * everything lives in the set's own arena, freed by release_fold_free. */
#ifndef GOVPUB_RELEASE_FOLD_H
#define GOVPUB_RELEASE_FOLD_H

#include <stdbool.h>

typedef struct release_fold release_fold;

release_fold *release_fold_new(void);
void release_fold_free(release_fold *f);
/* Adds the output `path`, made from `who` at line:col (`who` the very
 * pointer `path`, 0:0, for an output with no source file), and reports,
 * once each, the outputs and folders it clashes with.  `copy`: a file
 * copied as it is. */
void release_fold_add(release_fold *f, const char *path, const char *who, int line, int col, bool copy);

#endif

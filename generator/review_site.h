/* review_site: the site's own review — the 三审制 over what no document's
 * sign-offs cover (docs/reviewers.md, "The site's own files").  Every page
 * is built with site.yaml, the layouts and the theme, and a site serves
 * static files and charts no document uses (the footer's badge, a
 * verification file).  Their record is reviews/site.yaml, document "site",
 * signed in the three stages like a document's, over:
 *
 *   - the site's own files: site.yaml, layouts/, the theme when it lies in
 *     the site (themes/<name>/), the scan's word lists (scan.words).  Every
 *     page depends on them: a change to one, or a new one, stops publishing
 *     until the site is signed again;
 *   - the served files no document used when it was signed, or that its
 *     sign-off before listed: the static folders' files and the charts
 *     (spec and CSV).  Each is published while
 *     it is as signed; a changed or new one is withheld (and said), as a
 *     document is.
 *
 * A file a document uses is that document's: published when an approved
 * document uses it, withheld otherwise (a draft's attachment stays out).
 * An installed theme (outside the site) is part of govpub's installation,
 * as govpub itself is: the operators', not the reviewers'.
 *
 * Ownership: lists and maps live in the arena given. */
#ifndef GOVPUB_REVIEW_SITE_H
#define GOVPUB_REVIEW_SITE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "chartset.h"
#include "config.h"
#include "review.h"
#include "site.h"
#include "statics.h"

#define REVIEW_SITE_DOC "site" /* the record's document: (reviews/site.yaml) */

/* The paths `govpub review sign site` signs (site-relative, unsorted): the
 * site's own files, and the served files that no page of s uses (the
 * pages' inputs collected: review_bundles) or that `kept` lists (may be
 * NULL): the files of the site's last verified sign-off.  A served file
 * the site was signed with stays the site's when a page uses it later, so
 * that a draft that links the logo cannot take it out of the site's
 * review (and the publish with it) the next time the site is signed. */
size_t review_site_paths(arena *a, const site_config *cfg, const site *s, const chartset *charts,
                         const static_set *statics, const bundle *kept, const char ***out);

/* Reads and verifies the site's record: review_check, where a served file
 * that changed withholds that file and does not stale the approval (the
 * approved status's reason names such files), and an own file the
 * approval does not list (added since) stales it. */
void review_site_check(review_checker *c, arena *a, const site_config *cfg, review_status *st);

/* The publishing gate's part for the site: checks its record and puts
 * into `reviewed` (path → path) the site's own files and the served files
 * still as signed.  An error when the own files are not approved as they
 * are (no approval, a changed or new file, an invalid record): the build
 * goes on, to say everything else it finds, and is refused. */
void review_site_gate(review_checker *c, arena *a, const site_config *cfg, strmap *reviewed);

/* Whether the static file `src` (as the build names it), published as
 * `dst` (output-relative), may be published: always outside a publishing
 * build (s->reviewed NULL) and for an installed theme's files; otherwise
 * when a review covers it.  A file withheld is said (a warning at it) and
 * put into s->withheld. */
bool review_site_publishable(site *s, const char *src, const char *dst);
/* The ids of the charts a publishing build renders (spec and CSV covered
 * by a review), the others withheld, said and put into s->withheld; NULL
 * outside publishing (all charts). */
strmap *review_site_charts(arena *a, site *s, const chartset *cs);

/* What to do about a withheld file (the hint of its warning, and of a link
 * to it). */
#define REVIEW_WITHHELD_HINT                                                                                         \
  "an approved document that uses it publishes it; a file the site serves by itself is signed with the site: govpub " \
  "review sign site"

#endif

/* review_bundle: the review bundles of documents — each document's Markdown
 * file and every file it uses (images, attachments, chart specs and their
 * CSV, a dataset's distribution files, the letters files of the page that
 * shows them), found the way a build finds them — for `govpub review sign`
 * and for the bench's signer (tests/bench/sign_site.c), so both sign
 * exactly what the review gate checks. */
#ifndef GOVPUB_REVIEW_BUNDLE_H
#define GOVPUB_REVIEW_BUNDLE_H

#include <stddef.h>

#include "arena.h"
#include "config.h"
#include "review.h"
#include "site.h"

/* Fills out[i] with the bundle of pages[i] (pages of the loaded, linked site
 * s), and site_out (may be NULL) with the site's (review_bundle_site, with
 * `site_kept`) from the same pass over the pages: a second pass would load
 * the catalog and the letters twice.  Results live in arena a.  Returns -1
 * after reporting a problem (a file that cannot be read, an error in the
 * pages' content). */
int review_bundles(arena *a, const site_config *cfg, site *s, page *const *pages, size_t n, bundle *out,
                   bundle *site_out, const bundle *site_kept);
/* The bundle of the site's own review (review_site.h): its own files and
 * the served files no page of s uses, or `kept` lists (the files of the
 * site's last verified sign-off; may be NULL); -1 after reporting. */
int review_bundle_site(arena *a, const site_config *cfg, site *s, const bundle *kept, bundle *out);

#endif

/* review_gate: the 三审制 applied to a build.  A publishing build keeps only
 * documents with three valid sign-offs on their current version, and only
 * under a roster signed by the trust anchor; a preview build marks the
 * others 未审核 预览.  Every document left out is named with its state and
 * the reason; a record that does not verify (tampering) is an error. */
#ifndef GOVPUB_REVIEW_GATE_H
#define GOVPUB_REVIEW_GATE_H

#include <stdbool.h>

#include "site.h"

/* Sets page->approved for every page (and, when `publish`, clears
 * page->built of the others).  `trust` is the trust anchor file (required
 * when publishing).  `cache_file` (may be NULL) keeps the signatures
 * verified so far on this host (sigcache.h).  Returns -1 when publishing
 * cannot go on at all (no roster, untrusted roster); problems are reported
 * (the site's own files not approved, review_site.h, among them: an error
 * that refuses the build at its end).  When publishing, sets s->reviewed:
 * the files the reviews cover. */
int review_gate(site *s, const char *trust, bool publish, int threads, const char *cache_file);
/* The preview's review_gate for the pages at these indices of s->pages only
 * (the incremental build: the others keep what the previous build found). */
void review_gate_some(site *s, const size_t *which, size_t n, int threads);

#endif

/* review_diff: what changed in a document's files since its last approval,
 * as a diff — what `govpub review diff` shows a reviewer before signing.
 * A record keeps digests, not text, so the approved version of each file is
 * looked up in the site's git history (the newest commit whose copy of the
 * file has the digest the approval signed) and `git diff` shows it against
 * the file as it is now.
 *
 * Ownership: results live in the caller's arena; git's output goes to
 * stdout as it is. */
#ifndef GOVPUB_REVIEW_DIFF_H
#define GOVPUB_REVIEW_DIFF_H

#include "arena.h"
#include "review.h"

/* Prints, for every file of `approved` or `now` (site-relative paths,
 * under root) whose digest differs, a line saying how, then git's diff of
 * it.  Returns the number of files that differ, or -1 after reporting a
 * file whose approved version no commit holds (or no git repository). */
int review_diff(arena *a, const char *root, const bundle *approved, const bundle *now);

/* The same comparison in one line, for a list of what a reviewer is about
 * to sign (review sign with several documents): "never approved",
 * "unchanged since its approval", or the files that differ: "since its
 * approval: changed a, b; new c; no longer used d".  `approved` NULL: never
 * approved. */
const char *review_changes_line(arena *a, const bundle *approved, const bundle *now);

#endif

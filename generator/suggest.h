/* suggest: "did you mean …" for a name that names nothing — the nearest of
 * the names that exist, by edit distance, when it is near enough to be a
 * typo (a link to /policy/2024-elderly-care-measure/ when the page is
 * …-measures/).  Only ever asked on an error path, so it simply measures
 * every candidate.
 *
 * Ownership: the result is one of the caller's candidates (or NULL). */
#ifndef GOVPUB_SUGGEST_H
#define GOVPUB_SUGGEST_H

#include <stddef.h>

/* The candidate nearest to `name` (Levenshtein distance over bytes) when
 * the distance is at most 3 and at most a quarter of name's length; ties
 * go to the candidate first in byte order (the same answer on every run).
 * NULL when none is that near. */
const char *suggest_nearest(const char *name, const char *const *cands, size_t n);

#endif

/* path_fold: the form of an output path under which two names are the same
 * file on some server: Unicode NFC (macOS and some tools normalise) and
 * case folding (Windows, macOS, case-insensitive mounts).  Two outputs
 * whose folds are equal but whose names differ would overwrite each other
 * there, or be served one for the other; govpub reports them instead.
 *
 * Ownership: the result is in the arena given. */
#ifndef GOVPUB_PATH_FOLD_H
#define GOVPUB_PATH_FOLD_H

#include "arena.h"

/* NFC + case fold of `path`; `path` itself when it is not valid UTF-8 (the
 * loaders report that). */
const char *path_fold(arena *a, const char *path);

#endif

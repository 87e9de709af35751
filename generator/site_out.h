/* site_out: the output folder kept apart from what a build reads.  A build
 * writes releases/, current, preview, .cache/ and .trash/ in the output
 * folder (release.h, build_state.h); a folder it reads — the word lists of
 * scan.words, a static: folder, the theme, content/, charts/, data/,
 * layouts/, reviews/ — inside the output would be files a build made (a
 * dictionary the last release wrote, static files copied from an older
 * output), and an output inside one of them would make every build change
 * the site's own inputs (its review, its next build).  So is the trust
 * anchor (--trust): the keys that decide who may approve the site must not
 * be a file the site can put in its output.
 *
 * When the output folder holds the whole site (--out the checkout's
 * parent), only what the build writes there counts: a site folder beside
 * releases/ is no output. */
#ifndef GOVPUB_SITE_OUT_H
#define GOVPUB_SITE_OUT_H

#include <stdbool.h>

#include "arena.h"
#include "config.h"

/* Reports every overlap of the output folder `out` with the site's folders
 * (at site.yaml's line:col where site.yaml names the folder) and with the
 * file `trust` (NULL: none); false when there is one. */
bool site_out_apart(arena *a, const site_config *cfg, const char *out, const char *trust);

/* What the output folder held before a build, so that a build that fails
 * leaves it as it found it: a failed first build leaves no out/ at all, a
 * failed build into an empty folder no releases/, .cache/ or .lock in it. */
typedef struct {
  const char *made_from; /* the outermost folder of out's path the build will create (NULL: out is there) */
  unsigned had;          /* which of what a build makes in out was there (a bit each) */
} site_out_before;

/* Notes what is there now, before the build takes its lock (which creates
 * out); strings in `a`. */
void site_out_note(arena *a, const char *out, site_out_before *b);
/* After a build that failed (its release already taken away, the lock still
 * held): removes what it made — the lock file and the folders it left
 * empty, then out and the parents it created when they are empty. */
void site_out_undo(arena *a, const char *out, const site_out_before *b);

#endif

/* build_incremental: a preview build that renders only what an edit
 * changed, in place, when the previous preview build left its state
 * (build_state.h; docs/incremental.md).
 *
 * It applies when nothing but the bodies of built articles changed since
 * that build: the same content files, the same front matter in each, and
 * the same files everywhere else a build reads (site.yaml, layouts, theme,
 * static files, charts, data, reviews, govpub itself).  Then the model is
 * loaded from the state (unchanged files are neither read nor parsed), the
 * changed articles are rendered, the column, tag, home and feed pages too
 * when what they show of those articles (summary, first chart) changed,
 * and the site search index is patched (search_patch).  The files go into
 * the preview's release under temporary names and are renamed into place
 * only when everything succeeded; the result is byte-identical to a whole
 * build (tests/cli/incremental.sh proves it on random edits).
 *
 * Anything else (an edited front matter, a new or removed file, a changed
 * template, a failed build, a search index whose shard count would move)
 * makes it step aside before it writes anything, and build_run builds
 * whole.  Publishing builds are always whole. */
#ifndef GOVPUB_BUILD_INCREMENTAL_H
#define GOVPUB_BUILD_INCREMENTAL_H

#include "build.h"

/* The state file of an output root's preview. */
const char *build_state_file(arena *a, const char *out);

/* Builds o incrementally when it can.  Returns the build's exit code, or
 * -1 when the build must be whole (then nothing was written or reported). */
int build_incremental(const build_opts *o, double t0);

#endif

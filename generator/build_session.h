/* build_session: `govpub serve`'s kept model.  A preview build that
 * serve asks for (build_opts.keep) hands over, instead of freeing, what it
 * loaded and linked: the site, the templates, the charts, the catalog,
 * the static files, the search index's layout and each article's shard
 * bits.  When the next change serve sees is an edit of article bodies only
 * (the same front matter bytes; inotify names the files, serve_watch.h),
 * build_session_rebuild reads just those files and renders in place
 * (incr_run, build_incremental.h): nothing is loaded, linked or read from
 * the state, which is what makes a rebuild at 10k pages take milliseconds
 * (docs/incremental.md).  Anything else — a front matter, a new, removed
 * or non-content file — is not for it: serve closes the session (which
 * writes the state file the preview then matches) and builds as usual.
 *
 * While a session is open the state file is the session's business: a
 * rebuild in place removes it (the preview no longer matches it), and
 * build_session_close writes it anew from the model, unless a failed
 * rebuild left pages whose last render failed (then the next build is
 * whole).  Owned by serve: build_session_close frees everything. */
#ifndef GOVPUB_BUILD_SESSION_H
#define GOVPUB_BUILD_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "build.h"
#include "build_state.h"
#include "catalog.h"
#include "chartset.h"
#include "interact.h"
#include "statics.h"
#include "tmpl.h"

/* What a finished preview build hands over (all of it owned by the
 * session from then on). */
typedef struct {
  arena *a;               /* the build's arena: config, env, charts, statics */
  build_state *st;        /* the state the model was loaded from, or NULL (whole build) */
  site *s;
  tmpl_set *ts;
  chartset charts;
  catalog *cat;
  interact *ia;
  static_set statics;     /* the static files (statics_collect) */
  state_env *env;
  size_t nenv;
  search_layout layout;
  uint8_t *bits;          /* malloc'd: ndocs × SEARCH_MARK_BYTES */
  size_t ndocs;
  const char *release;    /* the preview's release id */
  const char *state_file;
  bool state_written;     /* the state file describes this model */
} build_kept;

/* Called by a successful preview build when o->keep is set: *o->keep
 * becomes a session over k. */
void build_session_keep(const build_opts *o, const build_kept *k);

/* Rebuilds after a change of `paths` (relative to the site folder).
 * Returns the build's exit code, or -1 when the change is not one the
 * session can take (then nothing was written or reported: close the
 * session and build as usual). */
int build_session_rebuild(build_session *bs, const build_opts *o, const char *const *paths, size_t n);

/* Writes the state file when the preview changed since it was written
 * (and can be described), then frees the session.  NULL is fine. */
void build_session_close(build_session *bs);

#endif

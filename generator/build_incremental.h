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
#include "build_state.h"
#include "catalog.h"
#include "chartset.h"
#include "interact.h"
#include "statics.h"
#include "tmpl.h"

/* The state file of an output root's preview. */
const char *build_state_file(arena *a, const char *out);

/* One in-place render of a loaded, linked model after an edit of article
 * bodies or of front matter that does not place a page: what the state
 * path below and serve's kept model (build_session.h) share.  incr_run
 * renders `render` (indices in s->articles), then the lists and extras
 * when `force_lists` or when a changed article's summary or first chart
 * is not the one given in old_summary/old_chart, patches the search index
 * and renames everything into the preview; it unlinks `state_file` before
 * the renames (the caller writes the new state).  On success each
 * change's new mark is in changes[k].bits. */
typedef struct {
  const build_opts *o;
  site *s;
  tmpl_set *ts;
  const chartset *charts;
  catalog *cat;
  interact *ia;
  static_set statics;       /* the static files (statics_collect) */
  const char *release;      /* the preview's release id */
  const char *state_file;
  search_layout *layout;    /* in: as written; out: patched */
  search_change *changes;   /* per changed article: p, doc, old_bits */
  size_t n;
  const char **old_summary; /* per change: the summary the lists show now */
  const char **old_chart;   /* per change: the id of the first chart they show, or NULL */
  bool force_lists;
  const strmap *charts_changed; /* ids of the charts to render again, or NULL */
  const size_t *render;
  size_t nrender;
  bool lists;               /* out: the lists were rendered */
} incr_job;

/* Returns the build's exit code, or -1 when the index's shard count would
 * change (nothing written: build whole).  Reports like a build. */
int incr_run(incr_job *j, double t0, double *tp);

/* The ids of the charts whose files alone changed between the stamps
 * `old` and `now` (state_env lists), or NULL when anything else changed. */
strmap *incr_changed_charts(arena *a, const site_config *cfg, const chartset *cs, const state_env *now, size_t nnow,
                            const state_env *old, size_t nold);
/* The spec and CSV files of the charts `ids` (a set of paths). */
strmap *incr_chart_files(arena *a, const chartset *cs, const strmap *ids);
/* Did p record one of `files` as an input when it was rendered or linked? */
bool incr_uses_file(const page *p, const strmap *files);
/* Does p's Markdown name one of the charts `ids` (the id anywhere in the
 * text: a superset of the pages whose fences show them)?  For a page
 * loaded from the state, which recorded no inputs of its render: its text
 * is read into `scratch` for the look, then dropped (scratch reset).  1
 * or 0; -1 when it cannot be read (reported). */
int incr_names_chart(site *s, page *p, const chartset *cs, const strmap *ids, arena *scratch);

/* The id of the first chart p shows, or NULL. */
const char *incr_chart_id(const page *p);

/* Builds o incrementally when it can.  Returns the build's exit code, or
 * -1 when the build must be whole (then nothing was written or reported). */
int build_incremental(const build_opts *o, double t0);

#endif

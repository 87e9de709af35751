/* build: one whole build of a site into a new release (DESIGN §8): config →
 * load and link the model → render into staging → switch the link only when
 * nothing failed.  Used by `govpub build` and, later, by `govpub publish`. */
#ifndef GOVPUB_BUILD_H
#define GOVPUB_BUILD_H

#include <stdbool.h>

typedef struct {
  const char *site;    /* site folder */
  const char *out;     /* output root (releases/, current, preview) */
  const char *datadir; /* where installed themes live */
  bool publish;        /* publishing build → <out>/current; else <out>/preview */
  const char *trust;   /* the review trust anchor (required with publish) */
  bool quiet;          /* no progress, no summary */
  bool list_inputs;    /* print each page's recorded inputs on stdout */
  int threads;
} build_opts;

/* Returns an exit code (diag.h). */
int build_run(const build_opts *o);

#endif

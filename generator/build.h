/* build: one whole build of a site into a new release (DESIGN §8): config →
 * load and link the model → render into staging → switch the link only when
 * nothing failed.  Used by `govpub build` and, later, by `govpub publish`. */
#ifndef GOVPUB_BUILD_H
#define GOVPUB_BUILD_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog.h"
#include "digest.h"
#include "release.h"
#include "site.h"

/* What a finished build tells its caller (govpub publish's audit log). */
typedef struct {
  char release_id[64];          /* "" when no release was made */
  size_t pages;                 /* pages written */
  bool in_place;                /* a preview updated in its release (build_incremental.h), not a new one */
  char dictionary[DIGEST_HEX_LEN]; /* the scan dictionaries' version, "" when none */
} build_result;

/* A last step on the finished staging folder, before the switch (govpub
 * publish: check gate, precompression, manifest).  Returns 0 to go on;
 * otherwise it has reported why and nothing is switched. */
/* `govpub serve`'s kept model (build_session.h). */
typedef struct build_session build_session;

typedef int (*build_seal_fn)(void *ctx, site *s, const catalog *cat, const release *rel);

typedef struct {
  const char *site;    /* site folder */
  const char *out;     /* output root (releases/, current, preview) */
  const char *datadir; /* where installed themes live */
  bool publish;        /* publishing build → <out>/current; else <out>/preview */
  const char *trust;   /* the review trust anchor (required with publish) */
  bool quiet;          /* no progress, no summary */
  bool list_inputs;    /* print each page's recorded inputs on stdout */
  bool full;           /* a preview built whole even when it could be incremental */
  int threads;
  build_seal_fn seal;  /* may be NULL */
  const char *command; /* what a failure says was refused ("publish"); NULL: "build failed" */
  void *seal_ctx;
  build_result *result; /* may be NULL */
  build_session **keep; /* serve: a successful preview build leaves its model here (build_session.h) */
} build_opts;

/* Holds <out>/.lock while it runs (release_lock).  Returns an exit code
 * (diag.h). */
int build_run(const build_opts *o);

#endif

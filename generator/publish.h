/* publish: `govpub publish`, every gate in one command, atomic.
 *
 *   validate → scan (block hits stop) → three-review gate → build into
 *   staging                                    (build.c, as build --publish)
 *   → check gate       publish_check_gate: govpub check's errors stop
 *   → precompress      publish_compress: FILE.gz, FILE.br for nginx
 *   → manifest         publish_manifest: SHA-256 of every file
 *   → switch           release.c: releases/<id>, then `current`, atomically
 *   → audit log        publish_log: publish.log, made or refused
 *
 * The first four and the switch are build_run's; publish adds the seal
 * steps that run on the finished staging folder before the switch, and the
 * log.  The whole run holds <out>/.lock.  Whatever fails or is killed, the
 * served release stays whole: nothing outside releases/.<id>.partial is
 * touched before the one atomic rename of the link. */
#ifndef GOVPUB_PUBLISH_H
#define GOVPUB_PUBLISH_H

#include <stdbool.h>

#include "release.h"
#include "site.h"

typedef struct {
  const char *site, *out, *datadir, *trust;
  bool quiet;
  int threads;
} publish_opts;

/* Returns an exit code (diag.h); the log gets an entry either way. */
int publish_run(const publish_opts *o);

/* The inspection gate (govpub check, DESIGN §8) on the built staging
 * release `rel` of the site model `s`: reports every problem and returns
 * nonzero when one is an error, which stops the publish.
 *
 * NOT CONNECTED YET: govpub check is built as a library call of its own;
 * until it is wired in here this gate checks nothing and returns 0, and
 * the log records "check": "not connected".  To connect it, call the
 * check library here and set PUBLISH_CHECK_CONNECTED to 1. */
int publish_check_gate(const site *s, const release *rel);
#define PUBLISH_CHECK_CONNECTED 0

#endif

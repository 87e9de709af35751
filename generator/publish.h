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

#include "buf.h"
#include "catalog.h"
#include "release.h"
#include "site.h"

typedef struct {
  const char *site, *out, *datadir, *trust;
  bool quiet;
  int threads;
} publish_opts;

/* Returns an exit code (diag.h); the log gets an entry either way. */
int publish_run(const publish_opts *o);

/* The inspection gate (govpub check, DESIGN §8, docs/check.md) on the
 * built staging release `rel` of the site model `s`: the model rules
 * (freshness, dates changed since <out>/current, 信息公开 metadata,
 * interpretations, results of surveys, a committed annual report the content
 * has moved away from: `cat` is the build's catalog, may be NULL) and the output rules on the staging folder's HTML.
 * Reports every item through diag, appends its summary for the audit log
 * to *summary ({"result", "errors", "warnings", "vetoes"}: JSON), and
 * returns nonzero when the inspection fails (an error or a 单项否决), which
 * stops the publish. */
int publish_check_gate(site *s, const catalog *cat, const release *rel, buf *summary);

#endif

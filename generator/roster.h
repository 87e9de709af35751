/* roster: reviewers.yaml — who may sign which review stage (1 初审, 2 复审,
 * 3 终审) with which SSH key, and when.  The roster is trusted only when
 * reviewers.yaml.sig is a valid SSH signature (namespace govpub-roster) of
 * the file's exact bytes by a key of the trust anchor, which the publishing
 * host holds outside the repository (--trust FILE).  docs/reviewers.md has
 * the threat model.
 *
 * Ownership: everything lives in the arena given to roster_load. */
#ifndef GOVPUB_ROSTER_H
#define GOVPUB_ROSTER_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "datetime.h"
#include "sshkey.h"

#define ROSTER_NAMESPACE "govpub-roster"
/* What to do about a roster its trust anchor does not verify. */
#define ROSTER_RESIGN_HINT                                                                                           \
  "restore reviewers.yaml; or, if its change is agreed, the trust anchor's holder signs it: govpub review sign-roster " \
  "--key KEY"

typedef struct {
  const char *id, *name, *title;
  bool stages[4];  /* stages[1..3] */
  sshkey *key;
  const char *key_line;
  gdate valid_after, valid_before;
  bool has_after, has_before;
  int line;        /* in reviewers.yaml */
} reviewer;

typedef struct {
  const char *path;       /* reviewers.yaml as shown in messages */
  reviewer *reviewers;
  size_t n;
  bool trusted;           /* its signature verified against the trust anchor */
  const char *why_untrusted;
  const char *signer_fingerprint; /* the trust key that signed it */
} roster;

/* Reads <root>/reviewers.yaml.  Problems in the file are reported (errors
 * at reviewers.yaml:line:col); returns NULL when it is missing or unusable.
 * With `trust_file`, verifies reviewers.yaml.sig against the keys in it and
 * sets trusted/why_untrusted (nothing is reported for that: the caller
 * decides what an untrusted roster means). */
roster *roster_load(arena *a, const char *root, const char *trust_file);
const reviewer *roster_find(const roster *r, const char *id);
/* Whether the trust anchor `trust_file` holds `key` (may sign the roster):
 * 1 yes, 0 no, -1 the file cannot be read (errno says why). */
int roster_trust_holds(arena *a, const char *trust_file, const sshkey *key);
/* The stage names: 1 初审, 2 复审, 3 终审. */
const char *stage_name(int stage);

#endif

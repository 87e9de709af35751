/* review: the 三审制 records (reviews/<path under content>.yaml), their
 * signed statements, and the state of a document they give: awaiting a
 * stage, approved, rejected, stale or invalid.  docs/reviewers.md explains
 * the rules and the threat model; this module enforces them.
 *
 * A record holds every sign-off, oldest first; each is a statement (exact
 * text, below) and its SSH signature (namespace govpub-review):
 *
 *   govpub-signoff 1
 *   document: content/policy/x.md
 *   bundle: sha256:…                 digest of the file: lines
 *   file: content/policy/x.md sha256:…
 *   file: static/images/a.png sha256:…
 *   stage: 1
 *   decision: approve | reject
 *   reviewer: zhang.wei
 *   time: 2024-11-20T10:12:00+08:00
 *   previous: none | sha256:…        digest of the statement before it
 *   comment: …                       optional, one line
 *
 * Ownership: results live in the arena given; a review_checker holds one
 * thread's OpenSSL state (one per thread). */
#ifndef GOVPUB_REVIEW_H
#define GOVPUB_REVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "digest.h"
#include "roster.h"
#include "sigcache.h"

#define REVIEW_NAMESPACE "govpub-review"

typedef enum { RS_AWAITING, RS_APPROVED, RS_REJECTED, RS_STALE, RS_INVALID } review_state;
/* Why a record is invalid: the record itself (tampered, reordered, a
 * copied or malformed sign-off); what reviewers.yaml says now of a
 * reviewer (gone, its dates, its stages, the author); or a valid signature
 * by a key the roster does not give the reviewer (replaced there, or
 * forged). */
typedef enum { RC_RECORD, RC_ROSTER, RC_KEY } review_cause;

typedef struct {
  const char *path;            /* site-relative: content/…, static/… */
  char digest[DIGEST_HEX_LEN];
} bundle_file;

typedef struct {
  bundle_file *files;
  size_t n;
  char digest[DIGEST_HEX_LEN]; /* over the file: lines */
} bundle;

typedef struct {
  int stage;                   /* 1..3 */
  bool approve;
  const char *reviewer, *time, *comment, *document;
  char bundle_digest[DIGEST_HEX_LEN];
  bundle files;
  const char *statement;       /* the exact signed text */
  char statement_digest[DIGEST_HEX_LEN];
  int line;                    /* of the sign-off in the record */
} signoff;

typedef struct {
  review_state state;
  int next_stage;              /* RS_AWAITING: the stage to sign next */
  const char *reason;          /* rejected: the comment; stale: what changed; invalid: why */
  review_cause cause;          /* invalid: the record's fault, or the roster's now */
  int line;                    /* invalid: where in the record */
  const char *record;          /* the record's path as shown in messages */
  const char *approvers[4];    /* reviewer ids of the current round, by stage */
  signoff *signoffs;           /* everything in the record, oldest first */
  size_t nsignoffs;
  const char *last_digest;     /* "none" or the last statement's digest */
  const bundle *approved;      /* RS_APPROVED: the files the round signed off */
} review_status;

typedef struct review_checker review_checker;

/* `now` (seconds since the epoch) bounds statement times (no sign-offs from
 * the future).  `cache` (may be NULL) holds signatures verified before and
 * receives the ones verified now (sigcache.h). */
review_checker *review_checker_new(const char *root, const roster *r, int64_t now, sigcache *cache);
void review_checker_free(review_checker *c);

/* The record path of a document ("content/policy/x.md" →
 * "reviews/policy/x.md.yaml"), relative to the site root. */
const char *review_record_path(arena *a, const char *doc);

/* Reads and verifies the record of `doc` (site-relative "content/…") whose
 * front matter names `author` (may be NULL). */
void review_check(review_checker *c, arena *a, const char *doc, const char *author,
                  review_status *out);
/* review_check for a record whose bundle holds files that a change does
 * not make stale: those `loose` says are (the site's served files,
 * review_site.h) are left to the caller to compare file by file. */
void review_check_loose(review_checker *c, arena *a, const char *doc, bool (*loose)(const char *path, const void *ud),
                        const void *ud, review_status *out);

/* Whether *st is an approval of exactly the bundle `now` (the document's
 * files as they are: review_bundles): signing it again would sign nothing
 * new.  False for any other state. */
bool review_approved_as_is(const review_status *st, const bundle *now);
/* A document's approval (from review_check) whose bundle is not `now`
 * turned stale, the reason naming the files it now uses or no longer
 * uses: review_check compares only the files the round lists, so a file
 * the document began to use since is seen here (the publishing build
 * refuses such a page: render's "which its sign-offs do not cover").
 * Not for the site, whose served files are withheld one by one
 * (review_site.h).  Any other state is left as it is. */
void review_compare_bundle(arena *a, review_status *st, const bundle *now);

/* Digests of the files of a bundle (site-relative paths, sorted, no
 * duplicates); -1 after reporting when a file cannot be read. */
int bundle_compute(arena *a, const char *root, const char *const *paths, size_t n, bundle *out);

/* The exact statement text. */
const char *review_statement(arena *a, const char *doc, const bundle *b, int stage, bool approve,
                             const char *reviewer, const char *time, const char *previous,
                             const char *comment);
/* Appends a signed statement to the record of doc (written to a temporary
 * file and renamed).  Returns -1 after reporting on failure. */
int review_append(arena *a, const char *root, const char *doc, const char *statement,
                  const char *signature);

const char *review_state_name(const review_status *s, arena *a);
/* What to do about an invalid record (st->state RS_INVALID): restore it, or,
 * when the roster no longer allows a sign-off, the roster's entry. */
const char *review_invalid_hint(const review_status *st);

#endif

/* cmd_review.h: the parts of `govpub review` (docs/reviewers.md) shared by
 * its modules, internal to them:
 *
 *   cmd_review.c          --help, the options, which command runs
 *   cmd_review_world.c    the site and roster loaded, a document found, its
 *                         state now, and the texts a reviewer is shown
 *   cmd_review_refusal.c  whether a reviewer may sign a stage now, and why not
 *   cmd_review_sign.c     sign / reject one document, sign-roster; the
 *                         statements of one or several documents signed
 *                         and appended (review_sign_records)
 *   cmd_review_batch.c    sign of several documents (cmd_review_batch.h)
 *   cmd_review_status.c   status, verify
 *   cmd_review_history.c  log, diff
 *
 * Statements and records are made by review.c; signatures by ssh-keygen
 * (sshsig_sign.c) and checked in-process (sshsig.c).
 *
 * Ownership: everything a command makes lives in its world's arena. */
#ifndef GOVPUB_CMD_REVIEW_H
#define GOVPUB_CMD_REVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "config.h"
#include "review.h"
#include "roster.h"
#include "site.h"

/* The command line, as cmd_review parsed it. */
typedef struct {
  const char *site, *trust, *key, *comment, *file; /* file: the first FILE */
  char **files; /* every FILE given (sign: one or several) */
  size_t nfiles;
  int stage;
  bool new_round; /* sign --new-round: withdraw an approval of the files as they are */
  bool pending;   /* status --pending: only what is not approved */
  bool all;       /* sign --all: whatever awaits the stage that the key's reviewer may sign */
  bool yes;       /* sign, several documents: sign what is listed without asking */
  const char *expect; /* sign, several documents: the set's digest a listing gave (--expect), or NULL */
} review_opts;

/* What a command works on: the site (with its pages, when loaded) and the
 * roster, in one arena. */
typedef struct {
  arena *a;
  site_config *cfg;
  site *s;
  roster *r;
} review_world;

/* What a reviewer signs: a document, or the site's own files (p NULL). */
typedef struct {
  page *p;
  const char *doc, *title, *author;
} review_target;

/* ---- cmd_review_world.c ---- */

/* A usage error (`govpub review --help`): EXIT_USAGE. */
int review_usage_error(const char *what, const char *arg);
/* A command's exit code: rc, or the diagnostics' (after flushing them). */
int review_finish(int rc);
/* Loads the site (its pages linked, when need_site) and the roster; false
 * after reporting.  review_unload frees what it loaded, either way. */
bool review_load(review_world *w, const review_opts *o, bool need_site);
void review_unload(review_world *w);
/* "note: roster not verified: why" on stdout, when it is not: status,
 * sign and log say so first, whatever they show after, and diff before a
 * record's sign-offs (the names they show are vouched for by the roster
 * only when it is verified); verify makes it an error. */
void review_note_unverified(const review_world *w);
/* Now, as a statement's time (+08:00). */
const char *review_now_iso(arena *a);
/* The document path a reviewer typed, as the site knows it. */
page *review_find_page(review_world *w, const char *file);
/* "content/<rel>": a page as records and messages name it. */
const char *review_doc_of(arena *a, const page *p);
/* s as printed for the reviewer: titles, comments, names and paths come from
 * files an editor writes, and a line end or an escape sequence in one must
 * not hide or fake a line of what the reviewer is shown (diag_visible). */
const char *review_vis(arena *a, const char *s);
review_target review_page_target(review_world *w, page *p);
review_target review_site_target(void);
/* Whether FILE names the site's own review ("site"). */
bool review_is_site(const char *file);
/* review_check or review_site_check, as t is a document or the site. */
void review_check_target(review_world *w, review_checker *c, const review_target *t, review_status *st);
/* The state of t's record now; for a document with its bundle as it is
 * now (`now`, or NULL to leave it out), an approval of other files stale. */
void review_state_now(review_world *w, const review_target *t, const bundle *now, review_status *st);
/* The approvals of the current round: "初审 zhang · 复审 li". */
const char *review_round_text(arena *a, const review_status *st);
/* The state and what it says of itself (why it is rejected, stale or
 * invalid; the site's files withheld from its approval), as sign and log
 * show it. */
const char *review_state_text(arena *a, const review_status *st);
/* The state read back after a sign-off, and what it still withholds. */
const char *review_state_now_text(arena *a, const review_status *st, bool site);
/* The 终审 approval of the last approved round of st, or NULL. */
const signoff *review_last_approval(const review_status *st);
/* "zhang.wei (张伟 科长)": a reviewer as sign shows who signs; the title
 * only when the roster gives one. */
const char *review_signer_label(arena *a, const reviewer *rv);
/* The public half of KEY: its .pub beside it (KEY itself when it is the
 * .pub, as for a key in ssh-agent), named in *pub; NULL after reporting. */
sshkey *review_public_key(arena *a, const char *key, const char **pub);
/* The roster entry whose key is the public half of KEY; NULL after
 * reporting. */
const reviewer *review_key_holder(review_world *w, const char *key);

/* ---- cmd_review_refusal.c ---- */

/* Why rv may sign stage `stage` of no document now (its key out of its
 * dates, a stage it does not hold), or NULL.  Its texts are static: copy
 * them before the next call. */
const char *review_signer_refusal(const reviewer *rv, int stage, const char **hint);
/* What may be signed now, or the refusal.  `as_is`: st approves the
 * files as they are now (review_approved_as_is).  Its texts may be static
 * (review_signer_refusal): copy them before the next call. */
const char *review_refusal(arena *a, const roster *r, const review_status *st, const reviewer *rv, const char *doc,
                           const char *author, const review_opts *o, bool approve, bool as_is, const char **hint);

/* ---- cmd_review_sign.c ---- */

/* One sign-off to make: t's statement of stage o->stage, with b (its
 * files) and chained to st (its state before).  Once signed, `after` is
 * the record read back, as status will show it, and `ok` says whether it
 * was recorded. */
typedef struct {
  const review_target *t;
  const bundle *b;
  const review_status *st;
  review_status after;
  bool ok;
} review_signing;

/* Signs the statements of s[0..n) as rv with one ssh-keygen run (a key
 * with a passphrase asks once; sshsig_sign_many_with_ssh_keygen), appends
 * each to its record and reads it back.  A document that fails is
 * reported against it (its name in the error) and the others still
 * signed.  Returns the number recorded. */
size_t review_sign_records(review_world *w, const review_opts *o, bool approve, const reviewer *rv,
                           review_signing *s, size_t n);

/* ---- the commands: each returns the exit code ---- */

int review_cmd_status(const review_opts *o);  /* cmd_review_status.c */
int review_cmd_verify(const review_opts *o);
/* sign (approve) or reject: one FILE here, several (or --all) in
 * cmd_review_batch.c */
int review_cmd_sign(const review_opts *o, bool approve); /* cmd_review_sign.c */
int review_cmd_sign_roster(const review_opts *o);
int review_cmd_log(const review_opts *o);     /* cmd_review_history.c */
/* diff FILE: its files against the version last approved (终审), from git
 * (review_diff.h); a document never approved is shown whole. */
int review_cmd_diff(const review_opts *o);

#endif

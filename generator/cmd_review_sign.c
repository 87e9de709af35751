/* cmd_review_sign: `govpub review sign FILE` and `reject FILE` (one
 * document: what is signed shown, then signed, recorded and read back),
 * `sign-roster`, and the signing of statements that the batch shares
 * (review_sign_records) — cmd_review.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd_review.h"
#include "cmd_review_batch.h"
#include "diag.h"
#include "fsx.h"
#include "review_bundle.h"
#include "review_site.h"
#include "sshsig.h"
#include "sshsig_sign.h"

const char *review_sign_hint(arena *a, const char *key, const char *otherwise) {
  struct stat st;
  size_t n = strlen(key);
  if ((n < 4 || strcmp(key + n - 4, ".pub") != 0) && stat(key, &st) == 0 && S_ISREG(st.st_mode) &&
      st.st_uid == getuid() && (st.st_mode & 077))
    return arena_printf(a, "ssh-keygen ignores a private key that others may read: chmod 600 %s", key);
  return otherwise;
}

/* The signature ssh-keygen made of stmt for s, verified as made by rv's
 * key, appended to s's record and read back; false after reporting. */
static bool record(review_world *w, const review_opts *o, const reviewer *rv, review_signing *s, const char *stmt,
                   sshsig_job *job) {
  if (job->err.len) {
    diag_error(o->key, 0, 0,
               review_sign_hint(w->a, o->key, "check the key path and passphrase, or that ssh-agent holds the key"),
               "signing %s failed: %s", review_vis(w->a, s->t->doc), buf_cstr(&job->err)); /* which, in a batch */
    return false;
  }
  sshsig_verifier *v = sshsig_verifier_new();
  sshsig out;
  const char *why = NULL;
  bool ok = false;
  if (sshsig_verify(v, w->a, job->armored.data, job->armored.len, REVIEW_NAMESPACE, stmt, strlen(stmt), &out, &why) !=
          0 ||
      !sshkey_equal(out.signer, rv->key)) {
    diag_error(o->key, 0, 0, "sign with the key reviewers.yaml names for you (--key)",
               "the new signature does not verify: %s", why ? why : "another key signed");
  } else if (review_append(w->a, w->cfg->root, s->t->doc, stmt, buf_cstr(&job->armored)) == 0) {
    review_state_now(w, s->t, s->t->p ? s->b : NULL, &s->after);
    ok = true;
  }
  sshsig_verifier_free(v);
  return ok;
}

size_t review_sign_records(review_world *w, const review_opts *o, bool approve, const reviewer *rv,
                           review_signing *s, size_t n) {
  const char **stmts = arena_alloc(w->a, (n ? n : 1) * sizeof *stmts), *now = review_now_iso(w->a);
  sshsig_job *jobs = arena_calloc(w->a, n ? n : 1, sizeof *jobs);
  for (size_t i = 0; i < n; i++) {
    stmts[i] = review_statement(w->a, s[i].t->doc, s[i].b, o->stage, approve, rv->id, now, s[i].st->last_digest,
                                o->comment);
    jobs[i].msg = stmts[i];
    jobs[i].len = strlen(stmts[i]);
  }
  sshsig_sign_many_with_ssh_keygen(o->key, REVIEW_NAMESPACE, jobs, n);
  size_t recorded = 0;
  for (size_t i = 0; i < n; i++) {
    s[i].ok = record(w, o, rv, &s[i], stmts[i], &jobs[i]);
    recorded += s[i].ok;
    buf_free(&jobs[i].armored);
    buf_free(&jobs[i].err);
  }
  return recorded;
}

int review_cmd_sign(const review_opts *o, bool approve) {
  if (!o->file && !o->all)
    return review_usage_error("%s", approve
                                        ? "review sign needs the document: govpub review sign FILE --stage N --key KEY"
                                        : "review reject needs the document");
  if (o->stage < 1 || o->stage > 3) return review_usage_error("%s", "--stage must be 1 (初审), 2 (复审) or 3 (终审)");
  if (!o->key) return review_usage_error("%s", "--key KEY is required");
  if (!approve && (!o->comment || !*o->comment))
    return review_usage_error("%s", "a rejection needs --comment saying why");
  if (o->new_round && !approve)
    return review_usage_error("%s", "--new-round is for review sign: a rejection ends the round by itself");
  if (o->new_round && o->stage != 1)
    return review_usage_error("%s", "--new-round starts a round at 初审: give --stage 1");
  if ((o->all || o->nfiles > 1) && !approve)
    return review_usage_error("%s", "a rejection is of one document, with its own --comment: give one FILE");
  if (o->all || o->nfiles > 1) return review_cmd_sign_batch(o);
  if (o->expect) return review_usage_error("%s", "--expect pins the list of several documents: FILE FILE… or --all");
  review_world w = {0};
  if (!review_load(&w, o, true)) {
    review_unload(&w);
    return review_finish(EXIT_PROBLEMS);
  }
  review_note_unverified(&w);
  page *p = review_is_site(o->file) ? NULL : review_find_page(&w, o->file);
  if (!review_is_site(o->file) && (!p || !p->fm)) {
    diag_error(o->file, p != NULL, p != NULL, "name a Markdown file under content/, e.g. content/policy/x.md, or site",
               p ? "cannot be reviewed until it parses" : "no such document");
    review_unload(&w);
    return review_finish(EXIT_PROBLEMS);
  }
  review_target t = p ? review_page_target(&w, p) : review_site_target();
  const reviewer *rv = review_key_holder(&w, o->key);
  if (!rv) {
    review_unload(&w);
    return review_finish(EXIT_PROBLEMS);
  }
  const char *doc = t.doc;
  review_status st;
  review_state_now(&w, &t, NULL, &st);
  bundle b; /* the document and every file it uses; the site's files (those it was last signed with kept) */
  const bundle *kept = st.state != RS_INVALID && st.nsignoffs ? &st.signoffs[st.nsignoffs - 1].files : NULL;
  if ((p ? review_bundles(w.a, w.cfg, w.s, &p, 1, &b, NULL, NULL) : review_bundle_site(w.a, w.cfg, w.s, kept, &b)) !=
      0) {
    review_unload(&w);
    return review_finish(EXIT_PROBLEMS);
  }
  if (p) review_compare_bundle(w.a, &st, &b);
  bool withdraws = st.state == RS_APPROVED; /* a sign-off now ends the round that approved it */
  const char *hint,
      *no = review_refusal(w.a, w.r, &st, rv, doc, t.author, o, approve, review_approved_as_is(&st, &b), &hint);
  if (no) {
    diag_error(doc, p != NULL, p != NULL, hint, "cannot %s stage %d (%s): %s", approve ? "approve" : "reject",
               o->stage, stage_name(o->stage), no);
    review_unload(&w);
    return review_finish(EXIT_PROBLEMS);
  }
  printf("document:  %s (%s)\nbundle:    %s\n", review_vis(w.a, doc), review_vis(w.a, t.title), b.digest);
  for (size_t i = 0; i < b.n; i++) printf("  %s %s\n", b.files[i].digest, review_vis(w.a, b.files[i].path));
  printf("state:     %s\n", review_state_text(w.a, &st));
  for (size_t i = 0; i < st.nsignoffs; i++)
    printf("  %s %s %s by %s%s%s\n", review_vis(w.a, st.signoffs[i].time), stage_name(st.signoffs[i].stage),
           st.signoffs[i].approve ? "approved" : "rejected", review_vis(w.a, st.signoffs[i].reviewer),
           *st.signoffs[i].comment ? ": " : "", review_vis(w.a, st.signoffs[i].comment));
  printf("signing:   %s %s as %s%s\n", stage_name(o->stage), approve ? "approval" : "rejection",
         review_signer_label(w.a, rv),
         !withdraws ? ""
         : approve  ? ": a new round, withdrawing the approval"
                    : ": withdrawing the approval");
  review_signing one = {.t = &t, .b = &b, .st = &st};
  int rc = review_sign_records(&w, o, approve, rv, &one, 1) == 1 ? EXIT_OK : EXIT_PROBLEMS;
  if (rc == EXIT_OK) {
    printf("recorded:  %s\n", review_record_path(w.a, doc));
    printf("state now: %s\n", review_state_now_text(w.a, &one.after, !p));
  }
  review_unload(&w);
  return review_finish(rc);
}

/* With a trust anchor known (--trust, GOVPUB_TRUST), is KEY one of its
 * keys?  A roster signed by another would be refused only at the next
 * publish; true when no anchor is known (nothing to check against).
 * False after reporting. */
static bool key_anchored(arena *a, const review_opts *o) {
  if (!o->trust) return true;
  const char *pub;
  sshkey *k = review_public_key(a, o->key, &pub);
  if (!k) return false;
  int held = roster_trust_holds(a, o->trust, k);
  if (held < 0)
    diag_error(o->trust, 0, 0, "give --trust (or GOVPUB_TRUST) the file of the public keys that may sign reviewers.yaml",
               "cannot read the trust anchor: %s", strerror(errno));
  else if (!held)
    diag_error(pub, 0, 0,
               arena_printf(a, "sign with a key the trust anchor holds; or, if this key is to sign the roster from now "
                               "on, add its .pub line to %s (on the publishing host too)", o->trust),
               "key %s is not in the trust anchor %s: a roster it signs is not trusted", sshkey_fingerprint(a, k),
               o->trust);
  return held == 1;
}

int review_cmd_sign_roster(const review_opts *o) {
  if (!o->key) return review_usage_error("%s", "--key KEY is required");
  arena *a = arena_new();
  if (!key_anchored(a, o)) {
    arena_free(a);
    return review_finish(EXIT_PROBLEMS);
  }
  const char *path = strcmp(o->site, ".") == 0 ? "reviewers.yaml" : arena_printf(a, "%s/reviewers.yaml", o->site);
  size_t len;
  char *text = fsx_read(path, &len);
  int rc = EXIT_OK;
  buf sig = BUF_INIT, err = BUF_INIT;
  if (!text) {
    diag_error(path, 0, 0, "run this in the site's folder (reviewers.yaml beside site.yaml)", "cannot read: %s",
               strerror(errno));
    rc = EXIT_PROBLEMS;
  } else if (sshsig_sign_with_ssh_keygen(o->key, ROSTER_NAMESPACE, text, len, &sig, &err) != 0) {
    diag_error(o->key, 0, 0,
               review_sign_hint(a, o->key, "check the key's path and passphrase (ssh-keygen -Y sign does the signing)"),
               "signing failed: %s", buf_cstr(&err));
    rc = EXIT_PROBLEMS;
  } else {
    const char *sigpath = arena_printf(a, "%s.sig", path);
    if (fsx_replace(sigpath, sig.data, sig.len) != 0) {
      diag_system(sigpath, "cannot write: %s", strerror(errno));
      rc = EXIT_SYSTEM;
    } else {
      printf("signed %s → %s\n", path, sigpath);
    }
  }
  free(text);
  buf_free(&sig);
  buf_free(&err);
  arena_free(a);
  return review_finish(rc);
}

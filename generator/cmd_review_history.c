/* cmd_review_history: `govpub review log [FILE]` (every sign-off, oldest
 * first, and why each new round began) and `govpub review diff FILE` (what
 * changed since the last approval, from git) — cmd_review.h. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cmd_review.h"
#include "diag.h"
#include "review_bundle.h"
#include "review_diff.h"
#include "review_site.h"

/* Why a 初审 sign-off after the record's first began a new round (every
 * round begins at 初审), from the round before it: `prev` its last
 * sign-off, `approved` its 终审 approval's bundle (NULL: it ended without
 * one).  A reviewer reading the log sees a withdrawn approval for what it
 * is: the same files signed again could only be --new-round. */
static const char *new_round_why(const signoff *so, const signoff *prev, const char *approved) {
  if (approved && strcmp(approved, so->bundle_digest) == 0)
    return "the approved document signed again as it was, withdrawing its approval (--new-round)";
  if (approved) return "the document changed since its approval";
  if (!prev->approve) return "after the rejection";
  return "the round before left unfinished (the document changed, or 初审 signed again)";
}

static void log_one(review_world *w, review_checker *c, const review_target *t) {
  const char *doc = t->doc;
  review_status st;
  review_check_target(w, c, t, &st);
  printf("%s: %s\n", review_vis(w->a, doc), review_state_text(w->a, &st));
  const char *approved = NULL; /* the bundle of the last round's 终审 approval, until a new round */
  for (size_t i = 0; i < st.nsignoffs; i++) {
    const signoff *so = &st.signoffs[i];
    bool bad = st.state == RS_INVALID && so->line == st.line;
    if (i > 0 && so->stage == 1) {
      printf("  — a new round: %s\n", new_round_why(so, &st.signoffs[i - 1], approved));
      approved = NULL;
    }
    if (so->stage == 3 && so->approve) approved = so->bundle_digest;
    if (!so->approve) approved = NULL; /* a rejection withdraws the approval */
    printf("  %s  %s %s  %s%s%s%s\n", so->time ? review_vis(w->a, so->time) : "?", stage_name(so->stage),
           so->approve ? "approve" : "reject ", so->reviewer ? review_vis(w->a, so->reviewer) : "?",
           so->comment && *so->comment ? "  «" : "", review_vis(w->a, so->comment),
           so->comment && *so->comment ? "»" : "");
    if (bad) break;
  }
}

int review_cmd_log(const review_opts *o) {
  review_world w = {0};
  if (!review_load(&w, o, true)) {
    review_unload(&w);
    return review_finish(EXIT_PROBLEMS);
  }
  review_note_unverified(&w); /* the log names who signed: vouched for by the roster, or not */
  review_checker *c = review_checker_new(w.cfg->root, w.r, (int64_t)time(NULL), NULL);
  const page *only = o->file && !review_is_site(o->file) ? review_find_page(&w, o->file) : NULL;
  if (o->file && !only && !review_is_site(o->file))
    diag_error(o->file, 0, 0, "name a Markdown file under content/, or site", "no such document");
  if (!o->file || review_is_site(o->file)) {
    review_target t = review_site_target();
    log_one(&w, c, &t);
  }
  for (size_t i = 0; i < w.s->npages; i++)
    if (w.s->pages[i]->fm && (!o->file || w.s->pages[i] == only)) {
      review_target t = review_page_target(&w, w.s->pages[i]);
      log_one(&w, c, &t);
    }
  review_checker_free(c);
  review_unload(&w);
  return review_finish(0);
}

int review_cmd_diff(const review_opts *o) {
  if (!o->file) return review_usage_error("%s", "review diff needs the document: govpub review diff FILE");
  review_world w = {0};
  page *p = NULL;
  if (!review_load(&w, o, true) || (!review_is_site(o->file) && (!(p = review_find_page(&w, o->file)) || !p->fm))) {
    if (diag_errors() == 0)
      diag_error(o->file, 0, 0, "name a Markdown file under content/, e.g. content/policy/x.md, or site",
                 "no such document");
    review_unload(&w);
    return review_finish(EXIT_PROBLEMS);
  }
  review_target t = p ? review_page_target(&w, p) : review_site_target();
  review_status st;
  review_state_now(&w, &t, NULL, &st);
  const signoff *last = review_last_approval(&st);
  bundle now, none = {0};
  if (st.nsignoffs) review_note_unverified(&w); /* before the names of who signed, when there are any */
  if (st.state == RS_INVALID)
    diag_error(st.record, st.line, 1, "see govpub review log", "%s: its review record does not verify: %s", t.doc,
               review_vis(w.a, st.reason));
  else if ((p ? review_bundles(w.a, w.cfg, w.s, &p, 1, &now, NULL, NULL)
              : review_bundle_site(w.a, w.cfg, w.s, last ? &last->files : NULL, &now)) == 0) {
    if (p) review_compare_bundle(w.a, &st, &now);
    printf("%s: %s\n", review_vis(w.a, t.doc), review_state_text(w.a, &st));
    if (last)
      printf("compared with the version 终审 %s approved at %s\n", review_vis(w.a, last->reviewer),
             review_vis(w.a, last->time));
    else puts("never approved: every file is shown whole");
    int n = review_diff(w.a, w.cfg->root, last ? &last->files : &none, &now);
    if (n == 0) puts("no file changed since the approval");
  }
  review_unload(&w);
  return review_finish(0);
}

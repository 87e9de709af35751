/* cmd_review_refusal: whether a reviewer may sign a stage of a document
 * now, and if not, why and what to do — out of turn, twice in a round, the
 * author, a key out of its dates, an approval with nothing new to sign
 * (docs/reviewers.md, "Signing out of turn").  Shared by sign FILE and the
 * batch (cmd_review.h). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cmd_review.h"
#include "datetime.h"
#include "review_site.h"

/* review_refusal's part for an approval of an approved record.  A 初审 starts a
 * new round, which withdraws the approval until 复审 and 终审 sign again:
 * one reviewer's signature pulls the page (or, for the site, every page).
 * When the approval covers the files as they are (`as_is`), nothing is new
 * to sign, and only a reviewer who says so withdraws it: --new-round, or a
 * rejection.  When they changed (the site's served files; a document's
 * approval is stale then, review_compare_bundle), 初审 starts the round
 * that covers them, as after any change. */
static const char *approved_refusal(arena *a, const review_status *st, const reviewer *rv, const char *doc, int stage,
                                    bool as_is, bool new_round, const char **hint) {
  const char *then = review_is_site(doc) ? "then nothing is published until 初审, 复审 and 终审 sign the site again"
                                  : "it is then withheld from publishing until 初审, 复审 and 终审 sign again";
  if (!as_is) {
    if (stage == 1) return NULL;
    *hint = arena_printf(a, "a new round starts at 初审: govpub review sign %s --stage 1 --key KEY; %s", doc, then);
    return "it is approved, but not with its files as they are now";
  }
  if (new_round) return NULL; /* stage 1: review_cmd_sign's usage check */
  const char *reject = arena_printf(a, "govpub review reject %s --stage %d --key KEY --comment WHY", doc, stage);
  *hint = rv->stages[1] ? arena_printf(a,
                                       "to withdraw the approval, start a new round (govpub review sign %s --stage 1 "
                                       "--new-round --key KEY) or reject it (%s); %s",
                                       doc, reject, then)
                        : arena_printf(a, "to withdraw the approval, reject it (%s); %s", reject, then);
  return arena_printf(a, "it is approved as it is (%s), so there is nothing new to sign", review_round_text(a, st));
}

/* Why stage `stage` is not the one to sign now: where the record stands
 * (the round's sign-offs, with their times; the rejection, by whom; what
 * changed), so that a reviewer who signs twice, out of order or an old
 * version is told which. */
static const char *out_of_turn(arena *a, const review_status *st, int stage) {
  if (st->state == RS_STALE)
    return arena_printf(a, "it is stale (%s), so its review starts again at 初审, not stage %d",
                        review_vis(a, st->reason), stage);
  if (st->state == RS_REJECTED) {
    const signoff *no = &st->signoffs[st->nsignoffs - 1];
    return arena_printf(a, "%s rejected it at %s (%s: %s), so its review starts again at 初审, not stage %d",
                        review_vis(a, no->reviewer), stage_name(no->stage), review_vis(a, no->time),
                        review_vis(a, st->reason), stage);
  }
  const char *signed_by = ""; /* the round: the record's last next_stage - 1 sign-offs */
  for (int k = 1; k < st->next_stage; k++) {
    const signoff *so = &st->signoffs[st->nsignoffs - (size_t)(st->next_stage - k)];
    signed_by = arena_printf(a, "%s%s%s %s signed it at %s", signed_by, k > 1 ? ", " : "", stage_name(k),
                             review_vis(a, so->reviewer), review_vis(a, so->time));
  }
  return arena_printf(a, "it awaits stage %d (%s), not stage %d: %s", st->next_stage, stage_name(st->next_stage), stage,
                      *signed_by ? signed_by : "no one has signed it yet");
}

/* Whether rv's key may sign at `now` (its roster dates). */
static bool valid_at(const reviewer *rv, int64_t now) {
  return !(rv->has_before && now >= rv->valid_before.epoch) && !(rv->has_after && now < rv->valid_after.epoch);
}

/* Who may sign stage `stage` of st next, from the roster (a valid key, no
 * earlier stage of the round signed), and how. */
static const char *holders_hint(arena *a, const roster *r, const review_status *st, const char *doc, int stage) {
  const char *who = "";
  for (size_t i = 0; i < r->n; i++) {
    bool signed_before = false;
    for (int k = 1; k < stage; k++)
      signed_before |= st->approvers[k] && strcmp(st->approvers[k], r->reviewers[i].id) == 0;
    if (r->reviewers[i].stages[stage] && valid_at(&r->reviewers[i], (int64_t)time(NULL)) && !signed_before)
      who = arena_printf(a, "%s%s%s (%s)", who, *who ? ", " : "", review_vis(a, r->reviewers[i].id),
                         review_vis(a, r->reviewers[i].name));
  }
  if (!*who)
    return arena_printf(a, "%s is signed next, but no reviewer in reviewers.yaml may sign it now; the trust anchor's "
                           "holder adds one and signs it: govpub review sign-roster", stage_name(stage));
  return arena_printf(a, "%s is signed next, by %s: govpub review sign %s --stage %d --key KEY", stage_name(stage), who,
                      doc, stage);
}

const char *review_signer_refusal(const reviewer *rv, int stage, const char **hint) {
  static char why[512], how[512];
  if (!valid_at(rv, (int64_t)time(NULL))) { /* a sign-off out of the key's dates would spoil the record */
    char from[32] = "", before[32] = "";
    if (rv->has_after) gdate_ymd(&rv->valid_after, from);
    if (rv->has_before) gdate_ymd(&rv->valid_before, before);
    snprintf(why, sizeof why, "%s's key is not valid now (the roster gives it%s%s%s%s); the roster's signer renews it",
             rv->id, *from ? " from " : "", from, *before ? " until before " : "", before);
    *hint = "the trust anchor's holder changes valid_before in reviewers.yaml and signs it: govpub review sign-roster";
    return why;
  }
  if (!rv->stages[stage]) {
    snprintf(why, sizeof why, "%s may not sign stage %d (%s)", rv->id, stage, stage_name(stage));
    size_t n = (size_t)snprintf(how, sizeof how, "reviewers.yaml gives %s", rv->id);
    for (int k = 1, first = 1; k <= 3; k++)
      if (rv->stages[k] && n < sizeof how) {
        n += (size_t)snprintf(how + n, sizeof how - n, "%s%s (--stage %d)", first ? " " : " and ", stage_name(k), k);
        first = 0;
      }
    if (n < sizeof how) snprintf(how + n, sizeof how - n, "; a reviewer who holds %s signs it", stage_name(stage));
    *hint = how;
    return why;
  }
  return NULL;
}

const char *review_refusal(arena *a, const roster *r, const review_status *st, const reviewer *rv, const char *doc,
                           const char *author, const review_opts *o, bool approve, bool as_is, const char **hint) {
  int stage = o->stage;
  static char why[512], how[512];
  *hint = "govpub review status shows where each document stands";
  if (st->state == RS_INVALID) return "its review record does not verify; see govpub review log";
  const char *no = review_signer_refusal(rv, stage, hint);
  if (no) return no;
  if (approve && author && ((rv->id && strcmp(author, rv->id) == 0) || (rv->name && strcmp(author, rv->name) == 0))) {
    snprintf(how, sizeof how, "another reviewer who holds %s signs it (its front matter gives author: %s)",
             stage_name(stage), author);
    *hint = how;
    return "the document's author may not review it";
  }
  if (approve && st->state == RS_APPROVED) {
    no = approved_refusal(a, st, rv, doc, stage, as_is, o->new_round, hint);
    if (no) return no;
  }
  int expected = st->state == RS_AWAITING ? st->next_stage : 1;
  if (approve && st->state != RS_APPROVED && stage != expected) {
    *hint = holders_hint(a, r, st, doc, expected);
    return out_of_turn(a, st, stage);
  }
  for (int k = 1; approve && k < stage; k++)
    if (st->approvers[k] && strcmp(st->approvers[k], rv->id) == 0) {
      snprintf(why, sizeof why, "%s already signed %s; three different reviewers are needed", rv->id, stage_name(k));
      snprintf(how, sizeof how, "another reviewer who holds %s signs it", stage_name(stage));
      *hint = how;
      return why;
    }
  return NULL;
}

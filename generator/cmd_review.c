/* cmd_review: `govpub review status|sign|reject|log|diff|verify|sign-roster` —
 * the reviewer's side of the 三审制 (docs/reviewers.md).  Statements and
 * records are made by review.c; signatures by ssh-keygen (sshsig_sign.c)
 * and checked in-process (sshsig.c). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cjk.h"
#include "cmd.h"
#include "config.h"
#include "datetime.h"
#include "diag.h"
#include "fsx.h"
#include "review.h"
#include "review_bundle.h"
#include "review_diff.h"
#include "review_site.h"
#include "roster.h"
#include "site.h"
#include "sshsig.h"
#include "sshsig_sign.h"

static const char help[] =
    "usage: govpub review <command> [options]\n"
    "\n"
    "The 三审制: every document under content/ needs 初审 (stage 1), 复审 (2)\n"
    "and 终审 (3) by three different reviewers before it is published; so\n"
    "does the site itself (FILE \"site\": site.yaml, layouts/, the theme, the\n"
    "word lists, and the static files and charts no document uses).\n"
    "\n"
    "commands:\n"
    "  status [--pending]     every document and its review state, then a count\n"
    "                         of each state; --pending: only what still needs\n"
    "                         a reviewer (not approved; drafts left out)\n"
    "  sign FILE --stage N --key KEY [--comment TEXT] [--new-round]\n"
    "                         approve stage N of FILE (content/…md, or site); KEY\n"
    "                         is your private key, or its .pub with the key in\n"
    "                         ssh-agent.  A FILE approved as it is is not signed\n"
    "                         again: --new-round (with --stage 1) withdraws its\n"
    "                         approval and starts a new round, withheld from\n"
    "                         publishing until 复审 and 终审 sign\n"
    "  sign FILE FILE… | --all --stage N --key KEY [--yes] [--comment TEXT]\n"
    "                         approve stage N of several documents: lists each\n"
    "                         (its state, what changed since its approval, its\n"
    "                         bundle digest) and what is not signed and why, then\n"
    "                         signs on \"y\" at the terminal, or with --yes (without\n"
    "                         either: nothing).  --all: whatever awaits stage N\n"
    "                         (初审: stale ones too), the site among them, that\n"
    "                         KEY's reviewer may sign.  One statement per\n"
    "                         document; exit 1 if any was not signed\n"
    "  reject FILE --stage N --key KEY --comment TEXT\n"
    "                         send FILE back to 初审, saying why (an approved FILE\n"
    "                         is withheld from publishing until all three sign again)\n"
    "  log [FILE]             the sign-offs, oldest first, each verified\n"
    "  diff FILE              what changed in FILE and the files it uses since\n"
    "                         its last approval (the approved version from git)\n"
    "  verify                 verify the roster and every record; exit 1 on any problem\n"
    "  sign-roster --key KEY  sign reviewers.yaml (the trust anchor's holder)\n"
    "\n"
    "options:\n"
    "  --site DIR      the site folder (default .)\n"
    "  --trust FILE    the trust anchor: SSH public keys that may sign\n"
    "                  reviewers.yaml (or $GOVPUB_TRUST); without it the roster\n"
    "                  is used unverified, and status says so\n"
    "  -h, --help      this text\n";

typedef struct {
  const char *site, *trust, *key, *comment, *file; /* file: the first FILE */
  char **files; /* every FILE given (sign: one or several) */
  size_t nfiles;
  int stage;
  bool new_round; /* sign --new-round: withdraw an approval of the files as they are */
  bool pending;   /* status --pending: only what is not approved */
  bool all;       /* sign --all: whatever awaits the stage that the key's reviewer may sign */
  bool yes;       /* sign, several documents: sign what is listed without asking */
} opts;

typedef struct {
  arena *a;
  site_config *cfg;
  site *s;
  roster *r;
} world;

static int usage_error(const char *what, const char *arg) {
  diag_error(NULL, 0, 0, "run `govpub review --help`", what, arg);
  diag_flush(NULL);
  return EXIT_USAGE;
}

static int finish(int rc) {
  diag_flush(NULL);
  return rc ? rc : diag_exit_code();
}

/* Loads the site and the roster; NULL after reporting. */
static bool load(world *w, const opts *o, bool need_site) {
  w->a = arena_new();
  char exe[4096];
  w->cfg = config_load(w->a, o->site, govpub_datadir(exe, sizeof exe));
  if (!w->cfg) return false;
  if (need_site) {
    w->s = site_load(w->cfg, false, 1);
    site_link(w->s);
  }
  w->r = roster_load(w->a, o->site, o->trust);
  return w->r && diag_errors() == 0;
}

static void unload(world *w) {
  site_free(w->s);
  arena_free(w->a);
}

static const char *now_iso(arena *a) {
  gdate d = {(int64_t)time(NULL), 8 * 60, true};
  char iso[32];
  gdate_iso(&d, iso);
  return arena_strdup(a, iso);
}

/* The document path a reviewer typed, as the site knows it. */
static page *find_page(world *w, const char *file) {
  const char *rel = strncmp(file, "content/", 8) == 0 ? file + 8 : file;
  if (strcmp(w->cfg->root, ".") != 0) {
    size_t n = strlen(w->cfg->root);
    if (strncmp(file, w->cfg->root, n) == 0 && file[n] == '/' && strncmp(file + n + 1, "content/", 8) == 0)
      rel = file + n + 9;
  }
  for (size_t i = 0; w->s && i < w->s->npages; i++)
    if (strcmp(w->s->pages[i]->rel, rel) == 0) return w->s->pages[i];
  return NULL;
}

static const char *doc_of(arena *a, const page *p) { return arena_printf(a, "content/%s", p->rel); }

/* s as printed for the reviewer: titles, comments, names and paths come from
 * files an editor writes, and a line end or an escape sequence in one must
 * not hide or fake a line of what the reviewer is shown (diag_visible). */
static const char *vis(arena *a, const char *s) {
  buf b = BUF_INIT;
  diag_visible(&b, s ? s : "");
  const char *out = arena_strdup(a, buf_cstr(&b));
  buf_free(&b);
  return out;
}

/* What a reviewer signs: a document, or the site's own files (p NULL). */
typedef struct {
  page *p;
  const char *doc, *title, *author;
} target;

static target page_target(world *w, page *p) { return (target){p, doc_of(w->a, p), p->title, p->author}; }

static target site_target(void) {
  return (target){NULL, REVIEW_SITE_DOC, "the site's own files, and the files no document uses", NULL};
}

static bool is_site(const char *file) { return file && strcmp(file, REVIEW_SITE_DOC) == 0; }

static void check_target(world *w, review_checker *c, const target *t, review_status *st) {
  if (t->p) review_check(c, w->a, t->doc, t->author, st);
  else review_site_check(c, w->a, w->cfg, st);
}

/* The state of t's record now; for a document with its bundle as it is
 * now (`now`, or NULL to leave it out), an approval of other files stale. */
static void state_now(world *w, const target *t, const bundle *now, review_status *st) {
  review_checker *c = review_checker_new(w->cfg->root, w->r, (int64_t)time(NULL), NULL);
  check_target(w, c, t, st);
  review_checker_free(c);
  if (t->p && now) review_compare_bundle(w->a, st, now);
}

/* The terminal columns s takes: two for a wide character (初审, a Chinese
 * file name), one for any other. */
static int text_columns(const char *s) {
  int n = 0;
  for (size_t len = strlen(s), i = 0; i < len;) {
    uint32_t cp;
    size_t k = utf8_decode(s + i, len - i, &cp);
    n += cjk_is_wide(cp) ? 2 : 1;
    i += k ? k : 1;
  }
  return n;
}

/* s, then spaces up to `width` terminal columns and one more: printf's %-Ns
 * counts bytes, and 初审 is six of them. */
static void print_column(const char *s, int width) {
  printf("%s%*s ", s, width > text_columns(s) ? width - text_columns(s) : 0, "");
}

/* The approvals of the current round: "初审 zhang · 复审 li". */
static const char *round_text(arena *a, const review_status *st) {
  const char *out = "";
  for (int k = 1; k <= 3; k++)
    if (st->approvers[k]) out = arena_printf(a, "%s%s%s %s", out, k > 1 ? " · " : "", stage_name(k), vis(a, st->approvers[k]));
  return out;
}

/* The state and what it says of itself (why it is rejected, stale or
 * invalid; the site's files withheld from its approval), as sign and log
 * show it. */
static const char *state_text(arena *a, const review_status *st) {
  return arena_printf(a, "%s%s%s", review_state_name(st, a), !st->reason ? "" : st->state == RS_APPROVED ? "; " : ": ",
                      st->reason ? vis(a, st->reason) : "");
}

/* What a state not approved means for publishing: the stages still to
 * sign, and what waits for them (a document, or for the site every page). */
static const char *withheld_until(arena *a, const review_status *st, bool site) {
  int from = st->state == RS_AWAITING ? st->next_stage : 1;
  const char *stages = "";
  for (int k = from; k <= 3; k++)
    stages = arena_printf(a, "%s%s%s", stages, k == from ? "" : k == 3 ? " and " : ", ", stage_name(k));
  const char *verb = from == 3 ? "signs" : "sign", *again = st->state == RS_AWAITING ? "" : " again";
  return site ? arena_printf(a, "nothing is published until %s %s the site%s", stages, verb, again)
              : arena_printf(a, "withheld from publishing until %s %s%s", stages, verb, again);
}

/* One line of status; `width` is that of its first column, the documents'. */
static void print_state(world *w, const char *doc, int width, const review_status *st) {
  print_column(vis(w->a, doc), width);
  print_column(review_state_name(st, w->a), 14);
  if (st->state == RS_REJECTED) /* who sent it back, at which stage */
    printf("%s %s: ", stage_name(st->signoffs[st->nsignoffs - 1].stage), vis(w->a, st->signoffs[st->nsignoffs - 1].reviewer));
  if (st->state == RS_REJECTED || st->state == RS_STALE || st->state == RS_INVALID) printf("%s", vis(w->a, st->reason));
  else fputs(round_text(w->a, st), stdout);
  if (st->state == RS_APPROVED && st->reason) printf("; %s", vis(w->a, st->reason)); /* the site's files withheld */
  putchar('\n');
}

/* status's last line: how many documents are in each state, the site's
 * own files, the drafts: "60 of 62 documents approved (1 awaiting 初审,
 * 1 stale); the site's own files approved; 3 drafts". */
static void print_summary(world *w, const review_status *st, const review_status *site_st) {
  size_t total = 0, approved = 0, drafts = 0, awaiting[4] = {0}, other[RS_INVALID + 1] = {0};
  for (size_t i = 0; i < w->s->npages; i++) {
    const page *p = w->s->pages[i];
    if (!p->fm) continue;
    if (p->draft) {
      drafts++;
      continue;
    }
    total++;
    if (st[i].state == RS_APPROVED) approved++;
    else if (st[i].state == RS_AWAITING) awaiting[st[i].next_stage >= 1 && st[i].next_stage <= 3 ? st[i].next_stage : 1]++;
    else other[st[i].state]++;
  }
  const char *parts = "";
  for (int k = 1; k <= 3; k++)
    if (awaiting[k])
      parts = arena_printf(w->a, "%s%s%zu awaiting %s", parts, *parts ? ", " : "", awaiting[k], stage_name(k));
  static const review_state others[] = {RS_REJECTED, RS_STALE, RS_INVALID};
  static const char *const other_names[] = {"rejected", "stale", "invalid"};
  for (size_t k = 0; k < sizeof others / sizeof *others; k++)
    if (other[others[k]])
      parts = arena_printf(w->a, "%s%s%zu %s", parts, *parts ? ", " : "", other[others[k]], other_names[k]);
  printf("%zu of %zu documents approved%s%s%s; the site's own files %s", approved, total, *parts ? " (" : "", parts,
         *parts ? ")" : "", site_st->nsignoffs == 0 ? "never reviewed" : review_state_name(site_st, w->a));
  if (drafts) printf("; %zu draft%s", drafts, drafts == 1 ? "" : "s");
  putchar('\n');
}

static int cmd_status(const opts *o) {
  world w = {0};
  if (!load(&w, o, true)) {
    unload(&w);
    return finish(EXIT_PROBLEMS);
  }
  if (!w.r->trusted) printf("note: roster not verified: %s\n", w.r->why_untrusted);
  int width = 48; /* the longest document's, at least */
  for (size_t i = 0; i < w.s->npages; i++)
    if (w.s->pages[i]->fm && text_columns(vis(w.a, doc_of(w.a, w.s->pages[i]))) > width)
      width = text_columns(vis(w.a, doc_of(w.a, w.s->pages[i])));
  review_checker *c = review_checker_new(w.cfg->root, w.r, (int64_t)time(NULL), NULL);
  review_status site_st, *st = arena_calloc(w.a, w.s->npages ? w.s->npages : 1, sizeof *st);
  review_site_check(c, w.a, w.cfg, &site_st);
  page **approved = arena_alloc(w.a, (w.s->npages ? w.s->npages : 1) * sizeof *approved);
  review_status **approved_st = arena_alloc(w.a, (w.s->npages ? w.s->npages : 1) * sizeof *approved_st);
  size_t napproved = 0;
  for (size_t i = 0; i < w.s->npages; i++) {
    page *p = w.s->pages[i];
    if (!p->fm || p->draft) continue;
    review_check(c, w.a, doc_of(w.a, p), p->author, &st[i]);
    if (st[i].state == RS_APPROVED) {
      approved[napproved] = p;
      approved_st[napproved++] = &st[i];
    }
  }
  review_checker_free(c);
  /* an approval holds for the files the document uses now, as review sign
   * sees them: a file it began to use since makes it stale */
  bundle *now = arena_alloc(w.a, (napproved ? napproved : 1) * sizeof *now);
  if (napproved && review_bundles(w.a, w.cfg, w.s, approved, napproved, now, NULL, NULL) == 0)
    for (size_t k = 0; k < napproved; k++) review_compare_bundle(w.a, approved_st[k], &now[k]);
  if (!o->pending || site_st.state != RS_APPROVED) print_state(&w, REVIEW_SITE_DOC, width, &site_st);
  for (size_t i = 0; i < w.s->npages; i++) {
    page *p = w.s->pages[i];
    if (!p->fm || (o->pending && (p->draft || st[i].state == RS_APPROVED))) continue;
    const char *doc = doc_of(w.a, p);
    if (p->draft) {
      print_column(vis(w.a, doc), width);
      puts("draft");
      continue;
    }
    print_state(&w, doc, width, &st[i]);
  }
  print_summary(&w, st, &site_st);
  unload(&w);
  return finish(0);
}

/* "zhang.wei (张伟 科长)": a reviewer as sign shows who signs; the title
 * only when the roster gives one. */
static const char *reviewer_label(arena *a, const reviewer *rv) {
  bool titled = rv->title && *rv->title;
  return arena_printf(a, "%s (%s%s%s)", vis(a, rv->id), vis(a, rv->name), titled ? " " : "", titled ? vis(a, rv->title) : "");
}

/* The roster entry whose key is the public half of KEY. */
static const reviewer *reviewer_of_key(world *w, const char *key) {
  size_t n = strlen(key);
  const char *pub = n > 4 && strcmp(key + n - 4, ".pub") == 0 ? key : arena_printf(w->a, "%s.pub", key);
  size_t len;
  char *text = fsx_read(pub, &len);
  if (!text) {
    diag_error(pub, 0, 0, "give --key the private key with its .pub beside it, or the .pub of a key in ssh-agent",
               "cannot read the public key: %s", strerror(errno));
    return NULL;
  }
  sshkey *k;
  const char *why;
  const reviewer *found = NULL;
  if (sshkey_parse_line(w->a, text, len, &k, &why) != 0)
    diag_error(pub, 1, 1, "give the .pub file ssh-keygen made beside the key (ssh-keygen -y -f KEY > KEY.pub)",
               "not an SSH public key: %s", why);
  else
    for (size_t i = 0; i < w->r->n && !found; i++)
      if (sshkey_equal(k, w->r->reviewers[i].key)) found = &w->r->reviewers[i];
  if (!found && diag_errors() == 0)
    diag_error(pub, 0, 0, "ask whoever keeps reviewers.yaml to add your key (and have the roster re-signed)",
               "key %s is not in the review roster", sshkey_fingerprint(w->a, k));
  free(text);
  return found;
}

/* refusal's part for an approval of an approved record.  A 初审 starts a
 * new round, which withdraws the approval until 复审 and 终审 sign again:
 * one reviewer's signature pulls the page (or, for the site, every page).
 * When the approval covers the files as they are (`as_is`), nothing is new
 * to sign, and only a reviewer who says so withdraws it: --new-round, or a
 * rejection.  When they changed (the site's served files; a document's
 * approval is stale then, review_compare_bundle), 初审 starts the round
 * that covers them, as after any change. */
static const char *approved_refusal(arena *a, const review_status *st, const reviewer *rv, const char *doc, int stage,
                                    bool as_is, bool new_round, const char **hint) {
  const char *then = is_site(doc) ? "then nothing is published until 初审, 复审 and 终审 sign the site again"
                                  : "it is then withheld from publishing until 初审, 复审 and 终审 sign again";
  if (!as_is) {
    if (stage == 1) return NULL;
    *hint = arena_printf(a, "a new round starts at 初审: govpub review sign %s --stage 1 --key KEY; %s", doc, then);
    return "it is approved, but not with its files as they are now";
  }
  if (new_round) return NULL; /* stage 1: cmd_sign's usage check */
  const char *reject = arena_printf(a, "govpub review reject %s --stage %d --key KEY --comment WHY", doc, stage);
  *hint = rv->stages[1] ? arena_printf(a, "to withdraw the approval, start a new round (govpub review sign %s --stage 1 "
                                          "--new-round --key KEY) or reject it (%s); %s", doc, reject, then)
                        : arena_printf(a, "to withdraw the approval, reject it (%s); %s", reject, then);
  return arena_printf(a, "it is approved as it is (%s), so there is nothing new to sign", round_text(a, st));
}

/* Why stage `stage` is not the one to sign now: where the record stands
 * (the round's sign-offs, with their times; the rejection, by whom; what
 * changed), so that a reviewer who signs twice, out of order or an old
 * version is told which. */
static const char *out_of_turn(arena *a, const review_status *st, int stage) {
  if (st->state == RS_STALE)
    return arena_printf(a, "it is stale (%s), so its review starts again at 初审, not stage %d", vis(a, st->reason), stage);
  if (st->state == RS_REJECTED) {
    const signoff *no = &st->signoffs[st->nsignoffs - 1];
    return arena_printf(a, "%s rejected it at %s (%s: %s), so its review starts again at 初审, not stage %d",
                        vis(a, no->reviewer), stage_name(no->stage), vis(a, no->time), vis(a, st->reason), stage);
  }
  const char *signed_by = ""; /* the round: the record's last next_stage - 1 sign-offs */
  for (int k = 1; k < st->next_stage; k++) {
    const signoff *so = &st->signoffs[st->nsignoffs - (size_t)(st->next_stage - k)];
    signed_by = arena_printf(a, "%s%s%s %s signed it at %s", signed_by, k > 1 ? ", " : "", stage_name(k),
                             vis(a, so->reviewer), vis(a, so->time));
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
    for (int k = 1; k < stage; k++) signed_before |= st->approvers[k] && strcmp(st->approvers[k], r->reviewers[i].id) == 0;
    if (r->reviewers[i].stages[stage] && valid_at(&r->reviewers[i], (int64_t)time(NULL)) && !signed_before)
      who = arena_printf(a, "%s%s%s (%s)", who, *who ? ", " : "", vis(a, r->reviewers[i].id), vis(a, r->reviewers[i].name));
  }
  if (!*who)
    return arena_printf(a, "%s is signed next, but no reviewer in reviewers.yaml may sign it now; the trust anchor's "
                           "holder adds one and signs it: govpub review sign-roster", stage_name(stage));
  return arena_printf(a, "%s is signed next, by %s: govpub review sign %s --stage %d --key KEY", stage_name(stage), who,
                      doc, stage);
}

/* Why rv may sign stage `stage` of no document now (its key out of its
 * dates, a stage it does not hold), or NULL.  Its texts are static: copy
 * them before the next call. */
static const char *reviewer_refusal(const reviewer *rv, int stage, const char **hint) {
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

/* What may be signed now, or the refusal.  `as_is`: st approves the
 * files as they are now (review_approved_as_is).  Its texts may be static
 * (reviewer_refusal): copy them before the next call. */
static const char *refusal(arena *a, const roster *r, const review_status *st, const reviewer *rv, const char *doc,
                           const char *author, const opts *o, bool approve, bool as_is, const char **hint) {
  int stage = o->stage;
  static char why[512], how[512];
  *hint = "govpub review status shows where each document stands";
  if (st->state == RS_INVALID) return "its review record does not verify; see govpub review log";
  const char *no = reviewer_refusal(rv, stage, hint);
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

/* The hint for a key ssh-keygen could not sign with.  ssh-keygen ignores
 * a private key of yours that others may read, and git checks files out
 * 0644 (the sample keys too). */
static const char *sign_hint(arena *a, const char *key, const char *otherwise) {
  struct stat st;
  size_t n = strlen(key);
  if ((n < 4 || strcmp(key + n - 4, ".pub") != 0) && stat(key, &st) == 0 && S_ISREG(st.st_mode) &&
      st.st_uid == getuid() && (st.st_mode & 077))
    return arena_printf(a, "ssh-keygen ignores a private key that others may read: chmod 600 %s", key);
  return otherwise;
}

/* The 终审 approval of the last approved round of st, or NULL. */
static const signoff *last_approval(const review_status *st) {
  const signoff *last = NULL;
  for (size_t i = 0; i < st->nsignoffs; i++)
    if (st->signoffs[i].stage == 3 && st->signoffs[i].approve) last = &st->signoffs[i];
  return last;
}

/* The state read back after a sign-off, and what it still withholds. */
static const char *state_now_text(arena *a, const review_status *st, bool site) {
  return st->state == RS_APPROVED ? state_text(a, st)
                                  : arena_printf(a, "%s; %s", state_text(a, st), withheld_until(a, st, site));
}

/* Signs t's statement of stage o->stage as rv, with b (its files) and
 * chained to st (its state before), appends it to the record and reads the
 * record back into *after, as status will show it.  -1 after reporting. */
static int sign_record(world *w, const opts *o, bool approve, const reviewer *rv, const target *t, const bundle *b,
                       const review_status *st, review_status *after) {
  const char *stmt = review_statement(w->a, t->doc, b, o->stage, approve, rv->id, now_iso(w->a), st->last_digest,
                                      o->comment);
  buf sig = BUF_INIT, err = BUF_INIT;
  int rc = -1;
  if (sshsig_sign_with_ssh_keygen(o->key, REVIEW_NAMESPACE, stmt, strlen(stmt), &sig, &err) != 0) {
    diag_error(o->key, 0, 0,
               sign_hint(w->a, o->key, "check the key path and passphrase, or that ssh-agent holds the key"),
               "signing failed: %s", buf_cstr(&err));
  } else {
    sshsig_verifier *v = sshsig_verifier_new();
    sshsig out;
    const char *why = NULL;
    if (sshsig_verify(v, w->a, sig.data, sig.len, REVIEW_NAMESPACE, stmt, strlen(stmt), &out, &why) != 0 ||
        !sshkey_equal(out.signer, rv->key)) {
      diag_error(o->key, 0, 0, "sign with the key reviewers.yaml names for you (--key)",
                 "the new signature does not verify: %s", why ? why : "another key signed");
    } else if (review_append(w->a, w->cfg->root, t->doc, stmt, buf_cstr(&sig)) == 0) {
      state_now(w, t, t->p ? b : NULL, after);
      rc = 0;
    }
    sshsig_verifier_free(v);
  }
  buf_free(&sig);
  buf_free(&err);
  return rc;
}

/* ---- several documents at once: sign FILE FILE…, sign --all ------------
 * A reviewer approves a batch as GitHub approves a change, but only what
 * is shown first: every document with its title, state, bundle digest and
 * what changed since its approval, and what is not signed and why.  Then
 * it signs on a "y" at the terminal, or with --yes; with neither (a
 * script) it signs nothing.  Each document still gets its own statement,
 * signed and verified as one `sign FILE` makes it. */

/* One document of a batch. */
typedef struct {
  target t;
  review_status st;
  bundle b;
  const char *no, *hint; /* why it is not signed, and what to do; NULL: it is signed */
} batch_item;

/* The state and bundle of each of items[0..n), as `sign FILE` finds them,
 * from one pass over the pages; -1 after reporting. */
static int batch_states(world *w, batch_item *items, size_t n) {
  review_checker *c = review_checker_new(w->cfg->root, w->r, (int64_t)time(NULL), NULL);
  page **pages = arena_alloc(w->a, (n ? n : 1) * sizeof *pages);
  bundle *b = arena_alloc(w->a, (n ? n : 1) * sizeof *b);
  batch_item *site_item = NULL;
  size_t np = 0;
  for (size_t i = 0; i < n; i++) {
    check_target(w, c, &items[i].t, &items[i].st);
    if (items[i].t.p) pages[np++] = items[i].t.p;
    else site_item = &items[i];
  }
  review_checker_free(c);
  const review_status *sst = site_item ? &site_item->st : NULL;
  const bundle *kept = sst && sst->state != RS_INVALID && sst->nsignoffs ? &sst->signoffs[sst->nsignoffs - 1].files : NULL;
  if (review_bundles(w->a, w->cfg, w->s, pages, np, b, site_item ? &site_item->b : NULL, kept) != 0) return -1;
  for (size_t i = 0, k = 0; i < n; i++)
    if (items[i].t.p) {
      items[i].b = b[k++];
      review_compare_bundle(w->a, &items[i].st, &items[i].b);
    }
  return 0;
}

/* Whether st awaits stage `stage` as --all takes it: that stage is next, or
 * for 初审, a round to start again after a change (stale). */
static bool awaits(const review_status *st, int stage) {
  return (st->state == RS_AWAITING && st->next_stage == stage) || (stage == 1 && st->state == RS_STALE);
}

/* The documents named (each once), or with --all every document and the
 * site; *n their number.  A name that is none is reported by
 * batch_unknown, after the bundles: review_bundles stops at any error. */
static batch_item *batch_targets(world *w, const opts *o, size_t *n) {
  batch_item *items = arena_calloc(w->a, w->s->npages + o->nfiles + 1, sizeof *items);
  *n = 0;
  if (o->all) {
    items[(*n)++].t = site_target();
    for (size_t i = 0; i < w->s->npages; i++)
      if (w->s->pages[i]->fm && !w->s->pages[i]->draft) items[(*n)++].t = page_target(w, w->s->pages[i]);
    return items;
  }
  for (size_t i = 0; i < o->nfiles; i++) {
    page *p = is_site(o->files[i]) ? NULL : find_page(w, o->files[i]);
    if (!is_site(o->files[i]) && (!p || !p->fm)) continue;
    bool twice = false; /* a second statement chained to the same state would spoil the record */
    for (size_t k = 0; k < *n && !twice; k++) twice = items[k].t.p == p;
    if (!twice) items[(*n)++].t = p ? page_target(w, p) : site_target();
  }
  return items;
}

static void batch_unknown(world *w, const opts *o) {
  for (size_t i = 0; i < o->nfiles; i++) {
    page *p = is_site(o->files[i]) ? NULL : find_page(w, o->files[i]);
    if (!is_site(o->files[i]) && (!p || !p->fm))
      diag_error(o->files[i], p != NULL, p != NULL, "name a Markdown file under content/, e.g. content/policy/x.md, or site",
                 p ? "cannot be reviewed until it parses" : "no such document");
  }
}

/* Drops from items what --all leaves out (not awaiting the stage; a
 * rejection, which only a reviewer who names the document signs past),
 * and sets each one's refusal; the number kept. */
static size_t batch_refusals(world *w, const opts *o, const reviewer *rv, batch_item *items, size_t n) {
  size_t kept = 0;
  for (size_t i = 0; i < n; i++) {
    batch_item *it = &items[i];
    if (o->all && !awaits(&it->st, o->stage) && !(o->stage == 1 && it->st.state == RS_REJECTED)) continue;
    const char *hint, *no = refusal(w->a, w->r, &it->st, rv, it->t.doc, it->t.author, o, true,
                                    review_approved_as_is(&it->st, &it->b), &hint);
    if (!no && o->all && it->st.state == RS_REJECTED) {
      no = arena_printf(w->a, "rejected at %s by %s: %s", stage_name(it->st.signoffs[it->st.nsignoffs - 1].stage),
                        vis(w->a, it->st.signoffs[it->st.nsignoffs - 1].reviewer), vis(w->a, it->st.reason));
      hint = arena_printf(w->a, "once it is revised, sign it by name: govpub review sign %s --stage 1 --key KEY",
                          it->t.doc);
    }
    it->no = no ? arena_strdup(w->a, no) : NULL; /* refusal's texts may be static */
    it->hint = no ? arena_strdup(w->a, hint) : NULL;
    items[kept++] = *it;
  }
  return kept;
}

/* The list a reviewer confirms: what is signed, then what is not. */
static size_t batch_print(world *w, const opts *o, const reviewer *rv, const batch_item *items, size_t n) {
  size_t nsign = 0;
  for (size_t i = 0; i < n; i++) nsign += items[i].no == NULL;
  if (nsign)
    printf("%s approval as %s, %zu to sign:\n", stage_name(o->stage), reviewer_label(w->a, rv), nsign);
  for (size_t i = 0; i < n; i++) {
    const batch_item *it = &items[i];
    if (it->no) continue;
    const signoff *last = last_approval(&it->st);
    printf("  %s (%s)\n    %s; %s\n    bundle %s (%zu file%s)\n", vis(w->a, it->t.doc), vis(w->a, it->t.title),
           state_text(w->a, &it->st), vis(w->a, review_changes_line(w->a, last ? &last->files : NULL, &it->b)),
           it->b.digest, it->b.n, it->b.n == 1 ? "" : "s");
  }
  for (size_t i = 0; i < n; i++)
    if (items[i].no) printf("  not signed: %s: %s\n", vis(w->a, items[i].t.doc), items[i].no);
  return nsign;
}

/* Whether the reviewer confirms signing the nsign documents listed: --yes,
 * or "y" on the terminal. */
static bool batch_confirmed(const opts *o, size_t nsign) {
  if (o->yes) return true;
  if (!isatty(STDIN_FILENO)) {
    diag_error(NULL, 0, 0, "read the list, then give --yes to sign it (or run it on a terminal and answer y)",
               "nothing signed: %zu listed, not confirmed", nsign);
    return false;
  }
  printf("see what changed with govpub review diff FILE\nsign these %zu? [y/N] ", nsign);
  fflush(stdout);
  char answer[16];
  return fgets(answer, sizeof answer, stdin) && (answer[0] == 'y' || answer[0] == 'Y');
}

static int cmd_sign_batch(const opts *o) {
  if (o->all && o->nfiles) return usage_error("%s", "give FILEs or --all, not both");
  if (o->new_round) return usage_error("%s", "--new-round withdraws one approval at a time: give one FILE");
  world w = {0};
  const reviewer *rv = NULL;
  if (!load(&w, o, true) || !(rv = reviewer_of_key(&w, o->key))) {
    unload(&w);
    return finish(EXIT_PROBLEMS);
  }
  const char *hint, *no = reviewer_refusal(rv, o->stage, &hint); /* the same for every document: said once */
  size_t n;
  batch_item *items = no ? NULL : batch_targets(&w, o, &n);
  if (no) diag_error(w.r->path, rv->line, 1, hint, "cannot approve stage %d (%s): %s", o->stage, stage_name(o->stage), no);
  if (no || batch_states(&w, items, n) != 0) {
    unload(&w);
    return finish(EXIT_PROBLEMS);
  }
  batch_unknown(&w, o);
  n = batch_refusals(&w, o, rv, items, n);
  size_t nsign = batch_print(&w, o, rv, items, n), nsigned = 0;
  for (size_t i = 0; !o->all && i < n; i++) /* a document named and refused is an error; --all skips it */
    if (items[i].no)
      diag_error(items[i].t.doc, items[i].t.p != NULL, items[i].t.p != NULL, items[i].hint,
                 "cannot approve stage %d (%s): %s", o->stage, stage_name(o->stage), items[i].no);
  if (nsign == 0 && o->all) printf("nothing awaits %s that %s may sign\n", stage_name(o->stage), vis(w.a, rv->id));
  else if (nsign == 0) puts("nothing to sign");
  else if (!batch_confirmed(o, nsign)) {
    if (diag_errors() == 0) puts("nothing signed");
  } else {
    for (size_t i = 0; i < n; i++) {
      const batch_item *it = &items[i];
      review_status after;
      if (it->no) continue;
      if (sign_record(&w, o, true, rv, &it->t, &it->b, &it->st, &after) == 0) {
        printf("%s: signed; state now: %s\n", vis(w.a, it->t.doc), state_now_text(w.a, &after, !it->t.p));
        nsigned++;
      } else {
        printf("%s: not signed (the error below)\n", vis(w.a, it->t.doc));
      }
    }
    printf("signed %zu of %zu\n", nsigned, nsign);
  }
  unload(&w);
  return finish(0);
}

static int cmd_sign(const opts *o, bool approve) {
  if (!o->file && !o->all)
    return usage_error("%s", approve ? "review sign needs the document: govpub review sign FILE --stage N --key KEY"
                                                 : "review reject needs the document");
  if (o->stage < 1 || o->stage > 3) return usage_error("%s", "--stage must be 1 (初审), 2 (复审) or 3 (终审)");
  if (!o->key) return usage_error("%s", "--key KEY is required");
  if (!approve && (!o->comment || !*o->comment)) return usage_error("%s", "a rejection needs --comment saying why");
  if (o->new_round && !approve) return usage_error("%s", "--new-round is for review sign: a rejection ends the round by itself");
  if (o->new_round && o->stage != 1) return usage_error("%s", "--new-round starts a round at 初审: give --stage 1");
  if ((o->all || o->nfiles > 1) && !approve)
    return usage_error("%s", "a rejection is of one document, with its own --comment: give one FILE");
  if (o->all || o->nfiles > 1) return cmd_sign_batch(o);
  world w = {0};
  if (!load(&w, o, true)) {
    unload(&w);
    return finish(EXIT_PROBLEMS);
  }
  page *p = is_site(o->file) ? NULL : find_page(&w, o->file);
  if (!is_site(o->file) && (!p || !p->fm)) {
    diag_error(o->file, p != NULL, p != NULL, "name a Markdown file under content/, e.g. content/policy/x.md, or site",
               p ? "cannot be reviewed until it parses" : "no such document");
    unload(&w);
    return finish(EXIT_PROBLEMS);
  }
  target t = p ? page_target(&w, p) : site_target();
  const reviewer *rv = reviewer_of_key(&w, o->key);
  if (!rv) {
    unload(&w);
    return finish(EXIT_PROBLEMS);
  }
  const char *doc = t.doc;
  review_status st;
  state_now(&w, &t, NULL, &st);
  bundle b; /* the document and every file it uses; the site's files (those it was last signed with kept) */
  const bundle *kept = st.state != RS_INVALID && st.nsignoffs ? &st.signoffs[st.nsignoffs - 1].files : NULL;
  if ((p ? review_bundles(w.a, w.cfg, w.s, &p, 1, &b, NULL, NULL) : review_bundle_site(w.a, w.cfg, w.s, kept, &b)) != 0) {
    unload(&w);
    return finish(EXIT_PROBLEMS);
  }
  if (p) review_compare_bundle(w.a, &st, &b);
  bool withdraws = st.state == RS_APPROVED; /* a sign-off now ends the round that approved it */
  const char *hint, *no = refusal(w.a, w.r, &st, rv, doc, t.author, o, approve, review_approved_as_is(&st, &b), &hint);
  if (no) {
    diag_error(doc, p != NULL, p != NULL, hint, "cannot %s stage %d (%s): %s", approve ? "approve" : "reject",
               o->stage, stage_name(o->stage), no);
    unload(&w);
    return finish(EXIT_PROBLEMS);
  }
  printf("document:  %s (%s)\nbundle:    %s\n", vis(w.a, doc), vis(w.a, t.title), b.digest);
  for (size_t i = 0; i < b.n; i++) printf("  %s %s\n", b.files[i].digest, vis(w.a, b.files[i].path));
  printf("state:     %s\n", state_text(w.a, &st));
  for (size_t i = 0; i < st.nsignoffs; i++)
    printf("  %s %s %s by %s%s%s\n", vis(w.a, st.signoffs[i].time), stage_name(st.signoffs[i].stage),
           st.signoffs[i].approve ? "approved" : "rejected", vis(w.a, st.signoffs[i].reviewer),
           *st.signoffs[i].comment ? ": " : "", vis(w.a, st.signoffs[i].comment));
  printf("signing:   %s %s as %s%s\n", stage_name(o->stage), approve ? "approval" : "rejection", reviewer_label(w.a, rv),
         !withdraws ? "" : approve ? ": a new round, withdrawing the approval" : ": withdrawing the approval");
  review_status after;
  int rc = sign_record(&w, o, approve, rv, &t, &b, &st, &after) == 0 ? EXIT_OK : EXIT_PROBLEMS;
  if (rc == EXIT_OK) {
    printf("recorded:  %s\n", review_record_path(w.a, doc));
    printf("state now: %s\n", state_now_text(w.a, &after, !p));
  }
  unload(&w);
  return finish(rc);
}

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

static void log_one(world *w, review_checker *c, const target *t) {
  const char *doc = t->doc;
  review_status st;
  check_target(w, c, t, &st);
  printf("%s: %s\n", vis(w->a, doc), state_text(w->a, &st));
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
    printf("  %s  %s %s  %s%s%s%s\n", so->time ? vis(w->a, so->time) : "?", stage_name(so->stage),
           so->approve ? "approve" : "reject ", so->reviewer ? vis(w->a, so->reviewer) : "?",
           so->comment && *so->comment ? "  «" : "", vis(w->a, so->comment),
           so->comment && *so->comment ? "»" : "");
    if (bad) break;
  }
}

static int cmd_log(const opts *o) {
  world w = {0};
  if (!load(&w, o, true)) {
    unload(&w);
    return finish(EXIT_PROBLEMS);
  }
  review_checker *c = review_checker_new(w.cfg->root, w.r, (int64_t)time(NULL), NULL);
  const page *only = o->file && !is_site(o->file) ? find_page(&w, o->file) : NULL;
  if (o->file && !only && !is_site(o->file))
    diag_error(o->file, 0, 0, "name a Markdown file under content/, or site", "no such document");
  if (!o->file || is_site(o->file)) {
    target t = site_target();
    log_one(&w, c, &t);
  }
  for (size_t i = 0; i < w.s->npages; i++)
    if (w.s->pages[i]->fm && (!o->file || w.s->pages[i] == only)) {
      target t = page_target(&w, w.s->pages[i]);
      log_one(&w, c, &t);
    }
  review_checker_free(c);
  unload(&w);
  return finish(0);
}

/* diff FILE: its files against the version last approved (终审), from git
 * (review_diff.h); a document never approved is shown whole. */
static int cmd_diff(const opts *o) {
  if (!o->file) return usage_error("%s", "review diff needs the document: govpub review diff FILE");
  world w = {0};
  page *p = NULL;
  if (!load(&w, o, true) || (!is_site(o->file) && (!(p = find_page(&w, o->file)) || !p->fm))) {
    if (diag_errors() == 0)
      diag_error(o->file, 0, 0, "name a Markdown file under content/, e.g. content/policy/x.md, or site", "no such document");
    unload(&w);
    return finish(EXIT_PROBLEMS);
  }
  target t = p ? page_target(&w, p) : site_target();
  review_status st;
  state_now(&w, &t, NULL, &st);
  const signoff *last = last_approval(&st);
  bundle now, none = {0};
  if (st.state == RS_INVALID)
    diag_error(st.record, st.line, 1, "see govpub review log", "%s: its review record does not verify: %s", t.doc,
               vis(w.a, st.reason));
  else if ((p ? review_bundles(w.a, w.cfg, w.s, &p, 1, &now, NULL, NULL)
              : review_bundle_site(w.a, w.cfg, w.s, last ? &last->files : NULL, &now)) == 0) {
    if (p) review_compare_bundle(w.a, &st, &now);
    printf("%s: %s\n", vis(w.a, t.doc), state_text(w.a, &st));
    if (last) printf("compared with the version 终审 %s approved at %s\n", vis(w.a, last->reviewer), vis(w.a, last->time));
    else puts("never approved: every file is shown whole");
    int n = review_diff(w.a, w.cfg->root, last ? &last->files : &none, &now);
    if (n == 0) puts("no file changed since the approval");
  }
  unload(&w);
  return finish(0);
}

static int cmd_verify(const opts *o) {
  world w = {0};
  if (!load(&w, o, true)) {
    unload(&w);
    return finish(EXIT_PROBLEMS);
  }
  if (!w.r->trusted)
    diag_error(w.r->path, 1, 1,
               o->trust ? ROSTER_RESIGN_HINT
                        : "give the trust anchor with --trust FILE",
               "roster not trusted: %s", w.r->why_untrusted);
  review_checker *c = review_checker_new(w.cfg->root, w.r, (int64_t)time(NULL), NULL);
  review_status site_st;
  review_site_check(c, w.a, w.cfg, &site_st);
  if (site_st.state == RS_INVALID)
    diag_error(site_st.record, site_st.line, 1, review_invalid_hint(&site_st), "%s: %s",
               REVIEW_SITE_DOC, site_st.reason);
  size_t approved = 0, total = 0;
  for (size_t i = 0; i < w.s->npages; i++) {
    page *p = w.s->pages[i];
    if (!p->fm || p->draft) continue;
    review_status st;
    review_check(c, w.a, doc_of(w.a, p), p->author, &st);
    total++;
    approved += st.state == RS_APPROVED;
    if (st.state == RS_INVALID)
      diag_error(st.record, st.line, 1, review_invalid_hint(&st), "%s: %s", doc_of(w.a, p), st.reason);
  }
  review_checker_free(c);
  if (diag_errors() == 0)
    printf("%zu of %zu documents approved, the site's own files %s; every record verifies\n", approved, total,
           site_st.nsignoffs == 0 ? "never reviewed" : review_state_name(&site_st, w.a));
  unload(&w);
  return finish(0);
}

static int cmd_sign_roster(const opts *o) {
  if (!o->key) return usage_error("%s", "--key KEY is required");
  arena *a = arena_new();
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
               sign_hint(a, o->key, "check the key's path and passphrase (ssh-keygen -Y sign does the signing)"),
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
  return finish(rc);
}

int cmd_review(int argc, char **argv) {
  static const struct option lopts[] = {
      {"site", required_argument, NULL, 's'},   {"trust", required_argument, NULL, 't'},
      {"key", required_argument, NULL, 'k'},    {"stage", required_argument, NULL, 'n'},
      {"comment", required_argument, NULL, 'c'}, {"new-round", no_argument, NULL, 'r'},
      {"pending", no_argument, NULL, 'p'},      {"all", no_argument, NULL, 'a'},
      {"yes", no_argument, NULL, 'y'},          {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    fputs(help, argc < 2 ? stderr : stdout);
    return argc < 2 ? EXIT_USAGE : EXIT_OK;
  }
  const char *sub = argv[1];
  opts o = {.site = ".", .trust = getenv("GOVPUB_TRUST")};
  if (o.trust && !*o.trust) o.trust = NULL;
  optind = 1;
  opterr = 0;
  int c;
  while ((c = getopt_long(argc - 1, argv + 1, "s:t:k:n:c:yh", lopts, NULL)) != -1) {
    switch (c) {
      case 's': o.site = optarg; break;
      case 't': o.trust = optarg; break;
      case 'k': o.key = optarg; break;
      case 'n': o.stage = atoi(optarg); break;
      case 'c': o.comment = optarg; break;
      case 'r': o.new_round = true; break;
      case 'p': o.pending = true; break;
      case 'a': o.all = true; break;
      case 'y': o.yes = true; break;
      case 'h': fputs(help, stdout); return EXIT_OK;
      default: return usage_error("unknown or incomplete option \"%s\"", argv[optind]);
    }
  }
  if (optind < argc - 1) {
    o.files = argv + 1 + optind;
    o.nfiles = (size_t)(argc - 1 - optind);
    o.file = o.files[0];
  }
  if (strcmp(sub, "status") == 0) return cmd_status(&o);
  if (strcmp(sub, "sign") == 0) return cmd_sign(&o, true);
  if (strcmp(sub, "reject") == 0) return cmd_sign(&o, false);
  if (strcmp(sub, "log") == 0) return cmd_log(&o);
  if (strcmp(sub, "diff") == 0) return cmd_diff(&o);
  if (strcmp(sub, "verify") == 0) return cmd_verify(&o);
  if (strcmp(sub, "sign-roster") == 0) return cmd_sign_roster(&o);
  return usage_error("unknown review command \"%s\"", sub);
}

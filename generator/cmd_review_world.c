/* cmd_review_world: what every `govpub review` command starts from — the
 * site and the roster loaded, a document found by the name a reviewer
 * typed, its state now — and the texts of states, rounds and reviewers as
 * a reviewer is shown them (cmd_review.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "cmd_review.h"
#include "datetime.h"
#include "diag.h"
#include "fsx.h"
#include "review_site.h"
#include "sshkey.h"

int review_usage_error(const char *what, const char *arg) {
  diag_error(NULL, 0, 0, "run `govpub review --help`", what, arg);
  diag_flush(NULL);
  return EXIT_USAGE;
}

int review_finish(int rc) {
  diag_flush(NULL);
  return rc ? rc : diag_exit_code();
}

bool review_load(review_world *w, const review_opts *o, bool need_site) {
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

void review_note_unverified(const review_world *w) {
  if (!w->r->trusted) printf("note: roster not verified: %s\n", w->r->why_untrusted);
}

void review_unload(review_world *w) {
  site_free(w->s);
  arena_free(w->a);
}

const char *review_now_iso(arena *a) {
  gdate d = {(int64_t)time(NULL), 8 * 60, true};
  char iso[32];
  gdate_iso(&d, iso);
  return arena_strdup(a, iso);
}

page *review_find_page(review_world *w, const char *file) {
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

const char *review_doc_of(arena *a, const page *p) { return arena_printf(a, "content/%s", p->rel); }

const char *review_vis(arena *a, const char *s) {
  buf b = BUF_INIT;
  diag_visible(&b, s ? s : "");
  const char *out = arena_strdup(a, buf_cstr(&b));
  buf_free(&b);
  return out;
}

review_target review_page_target(review_world *w, page *p) {
  return (review_target){p, review_doc_of(w->a, p), p->title, p->author};
}

review_target review_site_target(void) {
  return (review_target){NULL, REVIEW_SITE_DOC, "the site's own files, and the files no document uses", NULL};
}

bool review_is_site(const char *file) { return file && strcmp(file, REVIEW_SITE_DOC) == 0; }

void review_check_target(review_world *w, review_checker *c, const review_target *t, review_status *st) {
  if (t->p) review_check(c, w->a, t->doc, t->author, st);
  else review_site_check(c, w->a, w->cfg, st);
}

void review_state_now(review_world *w, const review_target *t, const bundle *now, review_status *st) {
  review_checker *c = review_checker_new(w->cfg->root, w->r, (int64_t)time(NULL), NULL);
  review_check_target(w, c, t, st);
  review_checker_free(c);
  if (t->p && now) review_compare_bundle(w->a, st, now);
}

const char *review_round_text(arena *a, const review_status *st) {
  const char *out = "";
  for (int k = 1; k <= 3; k++)
    if (st->approvers[k])
      out = arena_printf(a, "%s%s%s %s", out, k > 1 ? " · " : "", stage_name(k), review_vis(a, st->approvers[k]));
  return out;
}

const char *review_state_text(arena *a, const review_status *st) {
  return arena_printf(a, "%s%s%s", review_state_name(st, a), !st->reason ? "" : st->state == RS_APPROVED ? "; " : ": ",
                      st->reason ? review_vis(a, st->reason) : "");
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

const char *review_state_now_text(arena *a, const review_status *st, bool site) {
  return st->state == RS_APPROVED ? review_state_text(a, st)
                                  : arena_printf(a, "%s; %s", review_state_text(a, st), withheld_until(a, st, site));
}

const signoff *review_last_approval(const review_status *st) {
  const signoff *last = NULL;
  for (size_t i = 0; i < st->nsignoffs; i++)
    if (st->signoffs[i].stage == 3 && st->signoffs[i].approve) last = &st->signoffs[i];
  return last;
}

const char *review_signer_label(arena *a, const reviewer *rv) {
  bool titled = rv->title && *rv->title;
  return arena_printf(a, "%s (%s%s%s)", review_vis(a, rv->id), review_vis(a, rv->name), titled ? " " : "",
                      titled ? review_vis(a, rv->title) : "");
}

sshkey *review_public_key(arena *a, const char *key, const char **pub) {
  size_t n = strlen(key);
  *pub = n > 4 && strcmp(key + n - 4, ".pub") == 0 ? key : arena_printf(a, "%s.pub", key);
  size_t len;
  char *text = fsx_read(*pub, &len);
  if (!text) {
    diag_error(*pub, 0, 0, "give --key the private key with its .pub beside it, or the .pub of a key in ssh-agent",
               "cannot read the public key: %s", strerror(errno));
    return NULL;
  }
  sshkey *k;
  const char *why;
  if (sshkey_parse_line(a, text, len, &k, &why) != 0) {
    diag_error(*pub, 1, 1, "give the .pub file ssh-keygen made beside the key (ssh-keygen -y -f KEY > KEY.pub)",
               "not an SSH public key: %s", why);
    k = NULL;
  }
  free(text);
  return k;
}

const reviewer *review_key_holder(review_world *w, const char *key) {
  const char *pub;
  sshkey *k = review_public_key(w->a, key, &pub);
  if (!k) return NULL;
  for (size_t i = 0; i < w->r->n; i++)
    if (sshkey_equal(k, w->r->reviewers[i].key)) return &w->r->reviewers[i];
  diag_error(pub, 0, 0, "ask whoever keeps reviewers.yaml to add your key (and have the roster re-signed)",
             "key %s is not in the review roster", sshkey_fingerprint(w->a, k));
  return NULL;
}

/* cmd_review_batch: several documents at once (sign FILE FILE…, sign --all).
 * A reviewer approves a batch as GitHub approves a change, but only what
 * is shown first: every document with its title, state, bundle digest and
 * what changed since its approval, and what is not signed and why.  Then
 * it signs on a "y" at the terminal, or with --yes; with neither (a
 * script) it signs nothing.  Each document still gets its own statement,
 * verified and recorded as one `sign FILE` makes it, but one ssh-keygen run
 * signs them all (review_sign_records): a passphrase is asked once. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cmd_review_batch.h"
#include "diag.h"
#include "digest.h"
#include "review_bundle.h"
#include "review_diff.h"
#include "review_site.h"

/* One document of a batch. */
typedef struct {
  review_target t;
  review_status st;
  bundle b;
  const char *no, *hint; /* why it is not signed, and what to do; NULL: it is signed */
} batch_item;

/* The state and bundle of each of items[0..n), as `sign FILE` finds them,
 * from one pass over the pages; -1 after reporting. */
static int batch_states(review_world *w, batch_item *items, size_t n) {
  review_checker *c = review_checker_new(w->cfg->root, w->r, (int64_t)time(NULL), NULL);
  page **pages = arena_alloc(w->a, (n ? n : 1) * sizeof *pages);
  bundle *b = arena_alloc(w->a, (n ? n : 1) * sizeof *b);
  batch_item *site_item = NULL;
  size_t np = 0;
  for (size_t i = 0; i < n; i++) {
    review_check_target(w, c, &items[i].t, &items[i].st);
    if (items[i].t.p) pages[np++] = items[i].t.p;
    else site_item = &items[i];
  }
  review_checker_free(c);
  const review_status *sst = site_item ? &site_item->st : NULL;
  const bundle *kept =
      sst && sst->state != RS_INVALID && sst->nsignoffs ? &sst->signoffs[sst->nsignoffs - 1].files : NULL;
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
static batch_item *batch_targets(review_world *w, const review_opts *o, size_t *n) {
  batch_item *items = arena_calloc(w->a, w->s->npages + o->nfiles + 1, sizeof *items);
  *n = 0;
  if (o->all) {
    items[(*n)++].t = review_site_target();
    for (size_t i = 0; i < w->s->npages; i++)
      if (w->s->pages[i]->fm && !w->s->pages[i]->draft) items[(*n)++].t = review_page_target(w, w->s->pages[i]);
    return items;
  }
  for (size_t i = 0; i < o->nfiles; i++) {
    page *p = review_is_site(o->files[i]) ? NULL : review_find_page(w, o->files[i]);
    if (!review_is_site(o->files[i]) && (!p || !p->fm)) continue;
    bool twice = false; /* a second statement chained to the same state would spoil the record */
    for (size_t k = 0; k < *n && !twice; k++) twice = items[k].t.p == p;
    if (!twice) items[(*n)++].t = p ? review_page_target(w, p) : review_site_target();
  }
  return items;
}

static void batch_unknown(review_world *w, const review_opts *o) {
  for (size_t i = 0; i < o->nfiles; i++) {
    page *p = review_is_site(o->files[i]) ? NULL : review_find_page(w, o->files[i]);
    if (!review_is_site(o->files[i]) && (!p || !p->fm))
      diag_error(o->files[i], p != NULL, p != NULL,
                 "name a Markdown file under content/, e.g. content/policy/x.md, or site",
                 p ? "cannot be reviewed until it parses" : "no such document");
  }
}

/* Drops from items what --all leaves out (not awaiting the stage; a
 * rejection, which only a reviewer who names the document signs past),
 * and sets each one's refusal; the number kept. */
static size_t batch_refusals(review_world *w, const review_opts *o, const reviewer *rv, batch_item *items, size_t n) {
  size_t kept = 0;
  for (size_t i = 0; i < n; i++) {
    batch_item *it = &items[i];
    if (o->all && !awaits(&it->st, o->stage) && !(o->stage == 1 && it->st.state == RS_REJECTED)) continue;
    const char *hint, *no = review_refusal(w->a, w->r, &it->st, rv, it->t.doc, it->t.author, o, true,
                                    review_approved_as_is(&it->st, &it->b), &hint);
    if (!no && o->all && it->st.state == RS_REJECTED) {
      no = arena_printf(w->a, "rejected at %s by %s: %s", stage_name(it->st.signoffs[it->st.nsignoffs - 1].stage),
                        review_vis(w->a, it->st.signoffs[it->st.nsignoffs - 1].reviewer),
                        review_vis(w->a, it->st.reason));
      hint = arena_printf(w->a, "once it is revised, sign it by name: govpub review sign %s --stage 1 --key KEY",
                          it->t.doc);
    }
    it->no = no ? arena_strdup(w->a, no) : NULL; /* review_refusal's texts may be static */
    it->hint = no ? arena_strdup(w->a, hint) : NULL;
    items[kept++] = *it;
  }
  return kept;
}

/* The list a reviewer confirms: what is signed, then what is not. */
static size_t batch_print(review_world *w, const review_opts *o, const reviewer *rv, const batch_item *items,
                          size_t n) {
  size_t nsign = 0;
  for (size_t i = 0; i < n; i++) nsign += items[i].no == NULL;
  if (nsign)
    printf("%s approval as %s, %zu to sign:\n", stage_name(o->stage), review_signer_label(w->a, rv), nsign);
  for (size_t i = 0; i < n; i++) {
    const batch_item *it = &items[i];
    if (it->no) continue;
    const signoff *last = review_last_approval(&it->st);
    printf("  %s (%s)\n    %s; %s\n    bundle %s (%zu file%s)\n", review_vis(w->a, it->t.doc),
           review_vis(w->a, it->t.title), review_state_text(w->a, &it->st),
           review_vis(w->a, review_changes_line(w->a, last ? &last->files : NULL, &it->b)), it->b.digest, it->b.n,
           it->b.n == 1 ? "" : "s");
  }
  for (size_t i = 0; i < n; i++)
    if (items[i].no) printf("  not signed: %s: %s\n", review_vis(w->a, items[i].t.doc), items[i].no);
  return nsign;
}

/* The set a batch signs, short: the first 12 hex digits of the digest of
 * the stage, the reviewer and each document signed with its bundle digest,
 * in the list's order.  The list ends with it, and --expect gives it back:
 * a script that read a list signs that set, or nothing (a document changed
 * since, a new one awaiting, another stage: another set). */
static const char *batch_set(review_world *w, const review_opts *o, const reviewer *rv, const batch_item *items,
                             size_t n) {
  buf b = BUF_INIT;
  buf_printf(&b, "govpub-batch 1\nstage: %d\nreviewer: %s\n", o->stage, rv->id);
  for (size_t i = 0; i < n; i++)
    if (!items[i].no) buf_printf(&b, "%s %s\n", items[i].t.doc, items[i].b.digest);
  char d[DIGEST_HEX_LEN];
  digest_mem(b.data, b.len, d);
  buf_free(&b);
  return arena_printf(w->a, "%.12s", d + strlen("sha256:"));
}

/* Whether the reviewer confirms signing the nsign documents listed: --yes,
 * or "y" on the terminal. */
static bool batch_confirmed(const review_opts *o, size_t nsign) {
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

int review_cmd_sign_batch(const review_opts *o) {
  if (o->all && o->nfiles) return review_usage_error("%s", "give FILEs or --all, not both");
  if (o->new_round) return review_usage_error("%s", "--new-round withdraws one approval at a time: give one FILE");
  review_world w = {0};
  const reviewer *rv = NULL;
  bool loaded = review_load(&w, o, true);
  if (loaded) review_note_unverified(&w);
  if (!loaded || !(rv = review_key_holder(&w, o->key))) {
    review_unload(&w);
    return review_finish(EXIT_PROBLEMS);
  }
  const char *hint, *no = review_signer_refusal(rv, o->stage, &hint); /* the same for every document: said once */
  size_t n;
  batch_item *items = no ? NULL : batch_targets(&w, o, &n);
  if (no)
    diag_error(w.r->path, rv->line, 1, hint, "cannot approve stage %d (%s): %s", o->stage, stage_name(o->stage), no);
  if (no || batch_states(&w, items, n) != 0) {
    review_unload(&w);
    return review_finish(EXIT_PROBLEMS);
  }
  batch_unknown(&w, o);
  n = batch_refusals(&w, o, rv, items, n);
  size_t nsign = batch_print(&w, o, rv, items, n);
  const char *set = batch_set(&w, o, rv, items, n);
  if (nsign) printf("set %s (a script signs exactly these: --yes --expect %s)\n", set, set);
  for (size_t i = 0; !o->all && i < n; i++) /* a document named and refused is an error; --all skips it */
    if (items[i].no)
      diag_error(items[i].t.doc, items[i].t.p != NULL, items[i].t.p != NULL, items[i].hint,
                 "cannot approve stage %d (%s): %s", o->stage, stage_name(o->stage), items[i].no);
  if (o->expect && strcmp(o->expect, set) != 0)
    diag_error(NULL, 0, 0, "list again without --yes, read what changed, and sign with the --expect it ends with",
               "nothing signed: what would be signed now is set %s, not the set %s listed", set, review_vis(w.a, o->expect));
  else if (nsign == 0 && o->all)
    printf("nothing awaits %s that %s may sign\n", stage_name(o->stage), review_vis(w.a, rv->id));
  else if (nsign == 0) puts("nothing to sign");
  else if (!batch_confirmed(o, nsign)) {
    if (diag_errors() == 0) puts("nothing signed");
  } else {
    review_signing *s = arena_calloc(w.a, nsign, sizeof *s);
    for (size_t i = 0, k = 0; i < n; i++)
      if (!items[i].no) s[k++] = (review_signing){.t = &items[i].t, .b = &items[i].b, .st = &items[i].st};
    size_t nsigned = review_sign_records(&w, o, true, rv, s, nsign);
    for (size_t k = 0; k < nsign; k++)
      if (s[k].ok)
        printf("%s: signed; state now: %s\n", review_vis(w.a, s[k].t->doc),
               review_state_now_text(w.a, &s[k].after, !s[k].t->p));
      else printf("%s: not signed (the error below)\n", review_vis(w.a, s[k].t->doc));
    printf("signed %zu of %zu\n", nsigned, nsign);
  }
  review_unload(&w);
  return review_finish(0);
}

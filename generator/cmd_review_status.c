/* cmd_review_status: `govpub review status [--pending]` (every document's
 * state, then a count) and `govpub review verify` (every record checked;
 * exit 1 on any problem) — cmd_review.h. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cjk.h"
#include "cmd_review.h"
#include "diag.h"
#include "review_bundle.h"
#include "review_site.h"

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

/* One line of status; `width` is that of its first column, the documents'. */
static void print_state(review_world *w, const char *doc, int width, const review_status *st) {
  print_column(review_vis(w->a, doc), width);
  print_column(review_state_name(st, w->a), 14);
  if (st->state == RS_REJECTED) /* who sent it back, at which stage */
    printf("%s %s: ", stage_name(st->signoffs[st->nsignoffs - 1].stage),
           review_vis(w->a, st->signoffs[st->nsignoffs - 1].reviewer));
  if (st->state == RS_REJECTED || st->state == RS_STALE || st->state == RS_INVALID)
    printf("%s", review_vis(w->a, st->reason));
  else fputs(review_round_text(w->a, st), stdout);
  if (st->state == RS_APPROVED && st->reason)
    printf("; %s", review_vis(w->a, st->reason)); /* the site's files withheld */
  putchar('\n');
}

/* status's last line: how many documents are in each state, the site's
 * own files, the drafts: "60 of 62 documents approved (1 awaiting 初审,
 * 1 stale); the site's own files approved; 3 drafts". */
static void print_summary(review_world *w, const review_status *st, const review_status *site_st) {
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
    else if (st[i].state == RS_AWAITING)
      awaiting[st[i].next_stage >= 1 && st[i].next_stage <= 3 ? st[i].next_stage : 1]++;
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
  printf("%zu of %zu document%s approved%s%s%s; the site's own files %s", approved, total, total == 1 ? "" : "s",
         *parts ? " (" : "", parts, *parts ? ")" : "", site_st->nsignoffs == 0 ? "never reviewed" : review_state_name(site_st, w->a));
  if (drafts) printf("; %zu draft%s", drafts, drafts == 1 ? "" : "s");
  putchar('\n');
}

int review_cmd_status(const review_opts *o) {
  review_world w = {0};
  if (!review_load(&w, o, true)) {
    review_unload(&w);
    return review_finish(EXIT_PROBLEMS);
  }
  review_note_unverified(&w);
  int width = 48; /* the longest document's, at least */
  for (size_t i = 0; i < w.s->npages; i++)
    if (w.s->pages[i]->fm && text_columns(review_vis(w.a, review_doc_of(w.a, w.s->pages[i]))) > width)
      width = text_columns(review_vis(w.a, review_doc_of(w.a, w.s->pages[i])));
  review_checker *c = review_checker_new(w.cfg->root, w.r, (int64_t)time(NULL), NULL);
  review_status site_st, *st = arena_calloc(w.a, w.s->npages ? w.s->npages : 1, sizeof *st);
  review_site_check(c, w.a, w.cfg, &site_st);
  page **approved = arena_alloc(w.a, (w.s->npages ? w.s->npages : 1) * sizeof *approved);
  review_status **approved_st = arena_alloc(w.a, (w.s->npages ? w.s->npages : 1) * sizeof *approved_st);
  size_t napproved = 0;
  for (size_t i = 0; i < w.s->npages; i++) {
    page *p = w.s->pages[i];
    if (!p->fm || p->draft) continue;
    review_check(c, w.a, review_doc_of(w.a, p), p->author, &st[i]);
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
    const char *doc = review_doc_of(w.a, p);
    if (p->draft) {
      print_column(review_vis(w.a, doc), width);
      puts("draft");
      continue;
    }
    print_state(&w, doc, width, &st[i]);
  }
  print_summary(&w, st, &site_st);
  review_unload(&w);
  return review_finish(0);
}

int review_cmd_verify(const review_opts *o) {
  review_world w = {0};
  if (!review_load(&w, o, true)) {
    review_unload(&w);
    return review_finish(EXIT_PROBLEMS);
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
    review_check(c, w.a, review_doc_of(w.a, p), p->author, &st);
    total++;
    approved += st.state == RS_APPROVED;
    if (st.state == RS_INVALID)
      diag_error(st.record, st.line, 1, review_invalid_hint(&st), "%s: %s", review_doc_of(w.a, p), st.reason);
  }
  review_checker_free(c);
  if (diag_errors() == 0)
    printf("%zu of %zu document%s approved, the site's own files %s; every record verifies\n", approved, total,
           total == 1 ? "" : "s",
           site_st.nsignoffs == 0 ? "never reviewed" : review_state_name(&site_st, w.a));
  review_unload(&w);
  return review_finish(0);
}

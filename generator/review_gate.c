/* review_gate: see review_gate.h.  Records are checked in parallel, one
 * review_checker (OpenSSL state) per thread; reports come afterwards, in
 * page order. */
#include "review_gate.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "fsx.h"
#include "pool.h"
#include "review.h"
#include "review_site.h"
#include "roster.h"

typedef struct {
  site *s;
  review_checker **checkers;
  review_status *st;
  const size_t *only; /* these indices of s->pages only (NULL: all) */
} gate_job;

static void check_one(void *ctx, size_t j, int worker) {
  gate_job *g = ctx;
  size_t i = g->only ? g->only[j] : j;
  page *p = g->s->pages[i];
  if (!p->fm) return;
  arena *a = g->s->worker_arenas[(size_t)worker % g->s->nworkers];
  review_check(g->checkers[worker], a, arena_printf(a, "content/%s", p->rel), p->author, &g->st[i]);
  p->approved = g->st[i].state == RS_APPROVED;
  if (p->approved) { /* kept for render: every file the page uses must be among them */
    const bundle *b = g->st[i].approved;
    p->signed_files = arena_alloc(a, (b->n ? b->n : 1) * sizeof *p->signed_files);
    for (size_t k = 0; k < b->n; k++) p->signed_files[k] = b->files[k].path;
    p->nsigned_files = b->n;
    for (int k = 0; k < 3; k++) p->reviewers[k] = g->st[i].approvers[k + 1];
  }
}

static const char *state_hint(const review_status *st) {
  switch (st->state) {
    case RS_AWAITING: return "the reviewer of that stage signs it: govpub review sign FILE --stage N --key KEY";
    case RS_REJECTED: return "revise the document; the review starts again at 初审";
    case RS_STALE: return "the changed version needs all three sign-offs again, starting at 初审";
    case RS_INVALID: return review_invalid_hint(st);
    case RS_APPROVED: return NULL;
  }
  return NULL;
}

static void report(const site *s, const page *p, const review_status *st, arena *a) {
  const char *state = review_state_name(st, a);
  if (st->state == RS_INVALID) {
    diag_error(st->record, st->line, 1, state_hint(st), "%s: invalid review record: %s", p->src, st->reason);
    return;
  }
  (void)s;
  diag_warning(p->src, 1, 1, state_hint(st), "withheld from publishing: %s%s%s", state,
               st->reason ? ": " : "", st->reason ? st->reason : "");
}

/* Publishing: s->reviewed gets the files of every document published,
 * beside the site's own (review_site_gate). */
static void cover_documents(site *s) {
  for (size_t i = 0; i < s->npages; i++)
    if (s->pages[i]->built && s->pages[i]->approved)
      for (size_t k = 0; k < s->pages[i]->nsigned_files; k++)
        strmap_put(s->reviewed, s->pages[i]->signed_files[k], (void *)s->pages[i]->signed_files[k]);
}

static int gate(site *s, const char *trust, bool publish, int threads, const char *cache_file,
                const size_t *only, size_t nonly) {
  const site_config *cfg = s->cfg;
  char *roster_file = path_join(s->a, cfg->root, "reviewers.yaml");
  if (!publish && !fsx_is_file(roster_file)) return 0; /* a preview without reviews: all unreviewed */
  if (publish && !trust) {
    diag_error(NULL, 0, 0, "give the publishing host's trust anchor: --trust FILE, or $GOVPUB_TRUST "
               "(docs/reviewers.md)", "publishing needs the review trust anchor");
    return -1;
  }
  roster *r = roster_load(s->a, cfg->root, trust);
  if (!r) return publish ? -1 : 0;
  if (publish && !r->trusted) {
    diag_error(r->path, 1, 1, ROSTER_RESIGN_HINT,
               "the review roster is not trusted: %s", r->why_untrusted);
    return -1;
  }
  gate_job g = {s, calloc((size_t)threads, sizeof(review_checker *)), calloc(s->npages ? s->npages : 1, sizeof(review_status)),
                only};
  if (!g.checkers || !g.st) abort();
  sigcache *cache = cache_file ? sigcache_load(cache_file) : NULL;
  for (int i = 0; i < threads; i++) g.checkers[i] = review_checker_new(cfg->root, r, (int64_t)time(NULL), cache);
  pool_run(threads, only ? nonly : s->npages, check_one, &g);
  if (publish) { /* the site's own record, with the cache while it is open */
    s->reviewed = strmap_new(s->a);
    review_site_gate(g.checkers[0], s->a, cfg, s->reviewed);
  }
  if (cache && sigcache_save(cache, cache_file) != 0) /* a lost cache only costs time */
    diag_warning(cache_file, 0, 0, NULL, "cannot save verified signatures: %s", strerror(errno));
  sigcache_free(cache);
  for (size_t i = 0; i < s->npages; i++) {
    page *p = s->pages[i];
    if (!p->fm || !p->built || p->approved) continue;
    if (publish) {
      report(s, p, &g.st[i], s->a);
      p->built = false;
      p->held = true;
    }
  }
  if (publish) cover_documents(s);
  for (int i = 0; i < threads; i++) review_checker_free(g.checkers[i]);
  free(g.checkers);
  free(g.st);
  return 0;
}

int review_gate(site *s, const char *trust, bool publish, int threads, const char *cache_file) {
  return gate(s, trust, publish, threads, cache_file, NULL, 0);
}

void review_gate_some(site *s, const size_t *which, size_t n, int threads) {
  gate(s, NULL, false, threads, NULL, which, n);
}

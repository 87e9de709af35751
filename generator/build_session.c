/* build_session: see build_session.h. */
#include "build_session.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build_incremental.h"
#include "diag.h"
#include "fsx.h"
#include "release.h"
#include "review_gate.h"
#include "search.h"

struct build_session {
  build_kept k;
  strmap *page_of;    /* rel → index in s->pages + 1 */
  strmap *inputs;     /* every page's recorded inputs (site-relative paths) */
  size_t *pending;    /* articles whose last render failed: rendered again next time */
  size_t npending;
  bool lists_stale;   /* a failed rebuild may have left the lists' view of a page changed */
  search_tokens *tokens; /* per article: its tokens in the index, once a rebuild patched it */
  bool spoiled;       /* the model no longer describes the preview: no state, no rebuild from it */
};

void build_session_keep(const build_opts *o, const build_kept *k) {
  build_session *bs = calloc(1, sizeof *bs);
  if (!bs) abort();
  bs->k = *k;
  site *s = k->s;
  bs->page_of = strmap_new(k->a);
  bs->inputs = strmap_new(k->a);
  for (size_t i = 0; i < s->npages; i++) {
    strmap_put(bs->page_of, s->pages[i]->rel, (void *)(uintptr_t)(i + 1));
    for (size_t n = 0; n < s->pages[i]->inputs.n; n++) strmap_put(bs->inputs, s->pages[i]->inputs.paths[n], "");
  }
  bs->pending = calloc(s->narticles ? s->narticles : 1, sizeof *bs->pending);
  bs->tokens = calloc(s->narticles ? s->narticles : 1, sizeof *bs->tokens);
  if (!bs->pending || !bs->tokens) abort();
  bs->k.release = arena_strdup(k->a, k->release);
  bs->k.state_file = arena_strdup(k->a, k->state_file);
  *o->keep = bs;
}

void build_session_close(build_session *bs) {
  if (!bs) return;
  build_kept *k = &bs->k;
  if (!k->state_written && bs->npending == 0 && !bs->spoiled) {
    if (k->st)
      build_state_rewrite(k->state_file, k->st, k->env, k->nenv, k->s, &k->layout, &(state_marks){.all = k->bits});
    else
      build_state_write(k->state_file, k->release, k->env, k->nenv, k->s, &k->layout, k->bits);
  }
  for (size_t i = 0; i < k->s->narticles; i++) free(bs->tokens[i].bytes);
  free(bs->tokens);
  tmpl_set_free(k->ts);
  site_free(k->s);
  build_state_free(k->st); /* after the site: its pages point into the state */
  free(k->bits);
  free(bs->pending);
  arena_free(k->a);
  free(bs);
}

/* The article a changed path is (its index in s->articles + 1), or 0:
 * "content/<rel>" of a built article. */
static size_t article_of(const build_session *bs, const char *path) {
  if (strncmp(path, "content/", 8) != 0) return 0;
  size_t i = (uintptr_t)strmap_get(bs->page_of, path + 8);
  return i ? (size_t)(bs->k.s->pages[i - 1]->article_pos + 1) : 0;
}

/* A file under content/ that is gone again and that no page used: an
 * editor's temporary file (sed -i, atomic saves), which no build reads. */
static bool passing_file(const build_session *bs, const char *path) {
  size_t n = strlen(path);
  if (strncmp(path, "content/", 8) != 0 || (n > 3 && strcmp(path + n - 3, ".md") == 0) || strmap_get(bs->inputs, path))
    return false;
  char *file = path_join(bs->k.a, bs->k.s->cfg->root, path);
  return access(file, F_OK) != 0 && errno == ENOENT;
}

static bool listed(const size_t *v, size_t n, size_t x) {
  for (size_t i = 0; i < n; i++)
    if (v[i] == x) return true;
  return false;
}

/* What a save under charts/ changed: the charts loaded again, the stamps
 * of everything besides content/ taken again, the ids of the charts whose
 * spec or CSV changed. */
typedef struct {
  chartset charts;
  state_env *env;
  size_t nenv;
  strmap *ids;
} chart_change;

/* Finds the charts that changed and adds the articles showing them to
 * docs: those that recorded a changed chart's spec or CSV as an input, and
 * of the pages a model kept from an incremental build took from the state
 * (from_memo: not rendered by it, so no inputs recorded) those whose text
 * names one, as that build finds them.  False when the model cannot take
 * it: a spec with errors, a file besides the charts' own, a new or removed
 * file, a column page showing one. */
static bool find_chart_change(build_session *bs, chart_change *cc, size_t *docs, size_t *nd) {
  build_kept *k = &bs->k;
  site *s = k->s;
  int errors = diag_errors();
  chartset_load(k->a, s->cfg, &cc->charts);
  if (diag_errors() != errors) return false;
  build_state_env(k->a, s->cfg, &cc->env, &cc->nenv);
  cc->ids = incr_changed_charts(k->a, s->cfg, &cc->charts, cc->env, cc->nenv, k->env, k->nenv);
  if (!cc->ids) return false;
  const strmap *files = incr_chart_files(k->a, &cc->charts, cc->ids);
  arena *scratch = arena_new(); /* one page's text at a time */
  bool ok = true;
  for (size_t i = 0; i < s->npages && ok; i++) {
    page *p = s->pages[i];
    if (!p->built) continue;
    int shows = incr_uses_file(p, files) ? 1 : p->from_memo ? incr_names_chart(s, p, &cc->charts, cc->ids, scratch) : 0;
    if (shows <= 0) {
      ok = shows == 0;
      continue;
    }
    if (p->is_index || p->article_pos < 0) ok = false;
    else if (!listed(docs, *nd, (size_t)p->article_pos)) docs[(*nd)++] = (size_t)p->article_pos;
  }
  arena_free(scratch);
  return ok;
}

/* Makes the charts of cc the model's: the pages' first charts, the
 * catalog's, the stamps the state is written with. */
static void take_charts(build_session *bs, chart_change *cc) {
  build_kept *k = &bs->k;
  site *s = k->s;
  k->charts = cc->charts;
  for (size_t i = 0; i < s->npages; i++)
    if (s->pages[i]->chart) s->pages[i]->chart = strmap_get(k->charts.by_id, incr_chart_id(s->pages[i]));
  if (k->cat) k->cat = catalog_load(s, &k->charts);
  k->env = cc->env;
  k->nenv = cc->nenv;
}

static int rebuild_locked(build_session *bs, const build_opts *o, const char *const *paths, size_t n);

int build_session_rebuild(build_session *bs, const build_opts *o, const char *const *paths, size_t n) {
  arena *a = arena_new();
  int lock = release_lock(a, o->out, true), rc;
  if (lock < 0) {
    diag_flush(NULL);
    rc = diag_exit_code() ? diag_exit_code() : EXIT_SYSTEM;
  } else if (strcmp(release_linked(a, o->out, "preview"), bs->k.release) != 0) {
    rc = -1; /* another build moved the preview: the model describes nothing served */
    bs->spoiled = true;
  } else if (bs->spoiled) {
    rc = -1;
  } else {
    rc = rebuild_locked(bs, o, paths, n);
  }
  release_unlock(lock);
  arena_free(a);
  return rc;
}

static int rebuild_locked(build_session *bs, const build_opts *o, const char *const *paths, size_t n) {
  build_kept *k = &bs->k;
  site *s = k->s;
  double t0 = diag_seconds(), tp = t0;
  /* The articles to render: the edited ones, those showing an edited
   * chart, and those whose last render failed. */
  size_t *docs = malloc((n + s->narticles + 1) * sizeof *docs), nd = 0;
  if (!docs) abort();
  bool charts = false;
  for (size_t i = 0; i < n; i++) {
    size_t d = article_of(bs, paths[i]);
    if (!d && passing_file(bs, paths[i])) continue;
    if (!d && strncmp(paths[i], "charts/", 7) == 0) {
      charts = true;
      continue;
    }
    if (!d) {
      free(docs);
      return -1;
    }
    if (!listed(docs, nd, d - 1)) docs[nd++] = d - 1;
  }
  for (size_t i = 0; i < bs->npending; i++)
    if (!listed(docs, nd, bs->pending[i])) docs[nd++] = bs->pending[i];
  chart_change cc = {0};
  if (charts && !find_chart_change(bs, &cc, docs, &nd)) {
    diag_reset();
    free(docs);
    return -1;
  }
  if (nd == 0 && !cc.ids) { /* only files no build reads */
    free(docs);
    return EXIT_OK;
  }
  /* Read them all before changing anything: one with another front matter
   * leaves the session as it was. */
  fsx_stamp *stamps = calloc(nd ? nd : 1, sizeof *stamps);
  if (!stamps) abort();
  int unusable = 0;
  for (size_t i = 0; i < nd && unusable >= 0; i++) {
    int rc = site_reread(s, s->articles[docs[i]], &stamps[i]);
    if (rc == 1) unusable = -1;
    else if (rc < 0) unusable = 1;
  }
  if (unusable < 0) {
    diag_reset();
    free(stamps), free(docs);
    if (getenv("GOVPUB_TIMINGS")) diag_print("incremental: the kept model cannot take this change");
    return -1;
  }
  diag_phase("read", &tp);
  int rc;
  if (unusable) { /* a file a page cannot hold: reported, like a whole build would */
    diag_flush(NULL);
    diag_print("govpub: build failed: %d error%s; %s/preview is unchanged", diag_errors(), diag_errors() == 1 ? "" : "s",
               o->out);
    rc = diag_exit_code() ? diag_exit_code() : EXIT_PROBLEMS;
    memcpy(bs->pending, docs, nd * sizeof *docs); /* a whole build would fail on them too */
    bs->npending = nd;
    bs->spoiled |= cc.ids != NULL; /* the charts were not taken: the next build is not from the model */
  } else {
    size_t *pages = malloc((nd ? nd : 1) * sizeof *pages);
    incr_job j = {.o = o, .s = s, .ts = k->ts, .charts = &k->charts, .cat = k->cat, .ia = k->ia, .statics = k->statics,
                  .release = k->release, .state_file = k->state_file, .n = nd, .render = docs, .nrender = nd,
                  .force_lists = bs->lists_stale};
    if (cc.ids) {
      take_charts(bs, &cc);
      j.cat = k->cat;
      j.charts_changed = cc.ids;
      j.force_lists = true;
    }
    search_layout layout = k->layout;
    j.layout = &layout;
    j.changes = calloc(nd ? nd : 1, sizeof *j.changes);
    j.old_summary = calloc(nd ? nd : 1, sizeof *j.old_summary);
    j.old_chart = calloc(nd ? nd : 1, sizeof *j.old_chart);
    if (!pages || !j.changes || !j.old_summary || !j.old_chart) abort();
    for (size_t i = 0; i < nd; i++) {
      page *p = s->articles[docs[i]];
      site_take_stamp(p, &stamps[i]);
      pages[i] = (uintptr_t)strmap_get(bs->page_of, p->rel) - 1;
      j.changes[i] = (search_change){.p = p, .doc = docs[i], .old_bits = k->bits + docs[i] * SEARCH_MARK_BYTES,
                                     .old_tokens = bs->tokens[docs[i]].bytes ? &bs->tokens[docs[i]] : NULL};
      j.old_summary[i] = p->summary;
      j.old_chart[i] = incr_chart_id(p);
      p->chart = NULL; /* the render sets it again from the new text (its other fields it always sets) */
    }
    int threads = o->threads > 0 ? o->threads : 1;
    review_gate_some(s, pages, nd, threads);
    rc = incr_run(&j, t0, &tp);
    for (size_t i = 0; i < nd; i++) { /* the index's tokens of each: the new ones, or unknown after a failure */
      free(bs->tokens[docs[i]].bytes);
      bs->tokens[docs[i]] = rc == EXIT_OK ? j.changes[i].tokens : (search_tokens){0};
      if (rc != EXIT_OK) free(j.changes[i].tokens.bytes);
    }
    if (rc == EXIT_OK) {
      for (size_t i = 0; i < nd; i++) memcpy(k->bits + docs[i] * SEARCH_MARK_BYTES, j.changes[i].bits, SEARCH_MARK_BYTES);
      k->layout = layout;
      k->state_written = false; /* incr_run removed it: the preview moved on */
      bs->npending = 0;
      bs->lists_stale = false;
    } else if (rc > 0) { /* the preview is as it was; the model has the new stamps */
      memcpy(bs->pending, docs, nd * sizeof *docs);
      bs->npending = nd;
      bs->lists_stale = true;
    } else { /* the shard count moves: whole, and this model no longer describes anything */
      bs->spoiled = true;
    }
    if (rc != EXIT_OK && cc.ids) bs->spoiled = true; /* charts half taken: the next build is not from the model */
    free(pages), free(j.changes), free(j.old_summary), free(j.old_chart);
  }
  free(stamps), free(docs);
  return rc;
}

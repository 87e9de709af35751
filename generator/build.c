/* build: see build.h. */
#include "build.h"

#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "build_incremental.h"
#include "build_session.h"
#include "build_state.h"
#include "chartset.h"
#include "config.h"
#include "diag.h"
#include "fsx.h"
#include "pubdates.h"
#include "release.h"
#include "review_gate.h"
#include "scan.h"
#include "search.h"
#include "render.h"
#include "site.h"
#include "review_site.h"
#include "site_out.h"
#include "statics.h"
#include "strmap.h"
#include "tmpl.h"

/* `page<TAB>input` lines, pages in file order: the one list of a page's
 * inputs that reviews, link checks and incremental builds share. */
static void print_inputs(const site *s) {
  for (size_t i = 0; i < s->npages; i++) {
    const page *p = s->pages[i];
    if (!p->built) continue;
    for (size_t k = 0; k < p->inputs.n; k++) printf("%s\t%s\n", site_rel(s, p->src), p->inputs.paths[k]);
  }
}

/* The content-safety scan of a publishing build (docs/scan.md): loads
 * words/ and prepares one scratch per thread; NULL when the site has no
 * dictionaries (said as a warning, naming the rule packs installed with
 * govpub under `datadir`) or they have errors (reported). */
static scan_dict *scan_setup(arena *a, const site_config *cfg, const char *datadir, renderer *r, int threads) {
  const char *dir = path_in_site(a, cfg->root, cfg->scan_words);
  if (!fsx_is_dir(dir)) { /* said at scan.words, else at site.yaml as a whole */
    const yx_node *at = yx_get(yx_get(cfg->yaml, "scan"), "words");
    diag_warning(cfg->file, at ? at->line : 1, at ? at->col : 1, scan_packs_hint(a, datadir, cfg->scan_words),
                 "no %s/ folder: the content-safety scan did not run", cfg->scan_words);
    return NULL;
  }
  scan_options so = {.gap = cfg->scan_gap, .code = cfg->scan_code};
  scan_dict *d = scan_dict_load(dir, &so);
  if (!d) return NULL;
  r->scan = d;
  r->scan_scratch = arena_alloc(a, (size_t)threads * sizeof *r->scan_scratch);
  for (int i = 0; i < threads; i++) r->scan_scratch[i] = scan_scratch_new(d);
  r->scan_hits = scan_hits_new();
  scan_site_config(d, r->scan_scratch[0], cfg, r->scan_hits);
  return d;
}

static void scan_finish(scan_dict *d, renderer *r, int threads) {
  if (!d) return;
  scan_report_diag(d, r->scan_hits); /* block hits are errors: nothing is published */
  for (int i = 0; i < threads; i++) scan_scratch_free(r->scan_scratch[i]);
  scan_hits_free(r->scan_hits);
  scan_dict_free(d);
}

/* The search index's layout and each article's mark (search.h), for the next
 * preview build's state. */
static void keep_search(const search_index *x, const site *s, search_layout *layout, uint8_t **bits) {
  *layout = search_written_layout(x);
  *bits = malloc(s->narticles * SEARCH_MARK_BYTES + 1);
  if (!*bits) abort();
  for (size_t i = 0; i < s->narticles; i++) memcpy(*bits + i * SEARCH_MARK_BYTES, search_doc_bits(x, i), SEARCH_MARK_BYTES);
}

/* The next preview build's state (20 MB at 10k pages), made as the first
 * job of the list pages' pool: one thread writes it while the others take
 * the lists (with -j1, before them).  The lists and the extras do not read
 * it, and it reads nothing they add to the model (the list layouts'
 * inputs).  It goes to `tmp` (in <out>/.cache) and is renamed over the
 * state file only once the release is committed: a build that fails
 * leaves the last state as it was.  (The search index's files are written
 * before the lists, not beside them: search_write runs on every thread
 * itself, and beside the lists it took twice as long.) */
typedef struct {
  const release *rel;
  const site *s;
  const char *tmp;       /* NULL: no state */
  const state_env *env;
  size_t nenv;
  search_layout layout;  /* the index's layout and bits (a preview) */
  uint8_t *bits;
  bool ready;            /* out: tmp is written */
  double seconds;        /* out: the time it took */
} next_state;

static void state_job(void *ctx) {
  next_state *n = ctx;
  if (diag_errors() > 0) return; /* a failed build keeps the last state, and writes nothing more */
  double t = diag_seconds();
  n->ready = build_state_write(n->tmp, n->rel->id, n->env, n->nenv, n->s, &n->layout, n->bits) == 0;
  n->seconds = diag_seconds() - t;
}

/* The state of a committed preview becomes the state file; false when it
 * cannot be (that only costs the next build its speed). */
static bool state_install(arena *a, const next_state *n, const char *out) {
  return n->ready && build_state_install(n->tmp, build_state_file(a, out)) == 0;
}

static void report_failure(const build_opts *o) {
  int n = diag_errors();
  diag_print("govpub: %s%s: %d error%s; %s/%s is unchanged", o->command ? o->command : "build",
             o->command ? " refused" : " failed", n, n == 1 ? "" : "s", o->out, o->publish ? "current" : "preview");
}

static int build_locked(const build_opts *o);

/* Is site.yaml readable and the output folder apart from what the build
 * reads (site_out.h)?  Asked before the lock, which would create the
 * folder.  The build reads site.yaml again: a warning said twice is said
 * once (diag merges repeats). */
static bool out_apart(const build_opts *o) {
  arena *a = arena_new();
  const site_config *cfg = config_load(a, o->site, o->datadir);
  bool ok = cfg && site_out_apart(a, cfg, o->out, o->trust);
  arena_free(a);
  return ok;
}

int build_run(const build_opts *o) {
  if (!out_apart(o)) {
    int rc = diag_exit_code() ? diag_exit_code() : EXIT_PROBLEMS;
    diag_flush(NULL);
    report_failure(o);
    return rc;
  }
  arena *a = arena_new();
  site_out_before before;
  site_out_note(a, o->out, &before);
  int lock = release_lock(a, o->out, true);
  int rc = lock < 0 ? diag_exit_code() : build_locked(o);
  if (lock < 0) {
    diag_flush(NULL);
    report_failure(o);
  }
  if (rc != 0) site_out_undo(a, o->out, &before); /* a failed build leaves out/ as it found it */
  release_unlock(lock);
  arena_free(a);
  return rc;
}

static int build_locked(const build_opts *o) {
  double t0 = diag_seconds();
  if (!o->full) { /* a preview after an edit of article bodies only: in place */
    int rc = build_incremental(o, t0);
    if (rc >= 0) return rc;
  }
  arena *a = arena_new();
  site_config *cfg = config_load(a, o->site, o->datadir);
  if (!cfg || config_unfilled(cfg, o->publish)) { /* a preview only warns of what is left to fill in */
    int rc = diag_exit_code() ? diag_exit_code() : EXIT_PROBLEMS;
    diag_flush(NULL);
    report_failure(o);
    arena_free(a);
    return rc;
  }
  state_env *env = NULL; /* what the next preview build compares with (build_state.h) */
  size_t nenv = 0;
  if (!o->publish) build_state_env(a, cfg, &env, &nenv);
  int threads = o->threads > 0 ? o->threads : 1;
  double tp = t0;
  diag_phase("config", &tp);
  site *s = site_load(cfg, o->publish, threads);
  diag_phase("load", &tp);
  const char *sigcache_file = arena_printf(a, "%s/.cache/verified-signatures", o->out);
  if (review_gate(s, o->trust, o->publish, threads, o->publish ? sigcache_file : NULL) != 0) {
    int rc = diag_exit_code() ? diag_exit_code() : EXIT_PROBLEMS;
    diag_flush(NULL);
    report_failure(o);
    site_free(s);
    arena_free(a);
    return rc;
  }
  diag_phase("reviews", &tp);
  site_link(s);
  chartset charts, shown; /* shown: those a publishing build renders (a review covers spec and CSV) */
  chartset_load(a, cfg, &charts);
  strmap *shown_ids = review_site_charts(a, s, &charts);
  chartset_only(a, &charts, shown_ids, &shown);
  catalog *cat = catalog_load(s, &shown); /* a dataset page lists only charts that are there */
  interact *ia = interact_load(s);
  diag_phase("link", &tp);

  tmpl_set *ts = render_templates(a, cfg);
  static_set statics = {0};
  statics_collect(a, cfg, &statics);
  statics_check_named(a, cfg, &statics, o->publish);
  statics_check_written(a, s, &shown, &statics);
  s->attachments = statics.by_dst;

  release rel = {.dirfd = -1};
  int rc = EXIT_OK;
  if (release_begin(a, o->out, &rel) != 0) rc = EXIT_SYSTEM;
  else release_dry_after_errors(&rel); /* it is committed only without errors */
  size_t nstatic = 0;
  renderer r;
  render_init(&r, s, ts, &rel, &statics, !o->publish, threads);
  r.progress = !o->quiet;
  r.charts = &charts;
  r.search = search_new(s, &rel, threads);
  r.catalog = cat;
  r.interact = ia;
  const char *robots = o->publish ? statics.robots : NULL; /* the site's own */
  if (robots && review_site_publishable(s, robots, "robots.txt") && ++nstatic) r.robots_txt = robots;
  scan_dict *dict = o->publish ? scan_setup(a, cfg, o->datadir, &r, threads) : NULL;
  if (dict) chartset_scan(&charts, cfg, dict, r.scan_scratch[0], r.scan_hits, a);
  size_t ncharts = 0;
  next_state state = {.rel = &rel, .s = s, .env = env, .nenv = nenv};
  const char *state_file = build_state_file(a, o->out);
  if (!o->publish && fsx_mkdirs(path_dir(a, state_file)) == 0) state.tmp = arena_cat(a, state_file, ".next", NULL);
  if (rc == EXIT_OK) {
    for (size_t i = 0; i < statics.n; i++) {
      const char *src = strmap_get(statics.by_dst, statics.dst[i]);
      if (review_site_publishable(s, src, statics.dst[i]) && ++nstatic) release_copy(&rel, statics.dst[i], src, FOLD_STATIC);
    }
    diag_phase("static", &tp);
    ncharts = chartset_render(&shown, cfg, &rel, threads, NULL);
    diag_phase("charts", &tp);
    render_articles(&r);
    diag_phase("articles", &tp);
    search_write(r.search, &rel, threads);
    if (!o->publish) keep_search(r.search, s, &state.layout, &state.bits);
    search_free(r.search); /* its memory is not needed for the lists */
    r.search = NULL;
    malloc_trim(0); /* and goes back to the system: the heap would keep it (a fifth of
                       the peak at 100k pages) until the exit */
    diag_phase("search", &tp);
    render_lists_extras(&r, state.tmp ? state_job : NULL, &state);
    if (cat) catalog_write(cat, &rel, &shown); /* a CSV no chart shown copies: the catalog does */
    pubdates_write(&rel, s, cat); /* what a later check compares dates against */
    diag_phase("lists", &tp); /* the lists, the extras and, beside them, the state: */
    if (state.tmp) {
      double t = diag_seconds() - state.seconds;
      diag_phase("state", &t);
    }
    render_report(&r);
    if (dict && o->result) memcpy(o->result->dictionary, scan_dict_version(dict), DIGEST_HEX_LEN);
    scan_finish(dict, &r, threads);
    dict = NULL;
    diag_phase("extras", &tp);
  }
  bool sealed = true, state_written = false;
  if (rc == EXIT_OK && diag_errors() == 0 && o->seal) {
    sealed = o->seal(o->seal_ctx, s, cat, &rel) == 0;
    diag_phase("seal", &tp);
  }
  if (rc == EXIT_OK && diag_errors() == 0 && sealed) {
    if (release_commit(a, &rel, o->publish ? "current" : "preview", cfg->keep_releases) != 0) {
      release_abort(&rel);
    } else if (!o->publish) { /* losing it only costs the next build its speed */
      state_written = state_install(a, &state, o->out);
    }
  } else {
    release_abort(&rel);
  }
  if (state.ready && !state_written) unlink(state.tmp);
  diag_phase("commit", &tp);
  rc = diag_exit_code();
  if (rc == EXIT_OK && !sealed) rc = EXIT_SYSTEM; /* a seal step must report; never say "built" */
  if (o->result) {
    o->result->pages = r.pages_written;
    snprintf(o->result->release_id, sizeof o->result->release_id, "%s", rc == EXIT_OK ? rel.id : "");
  }
  if (o->list_inputs && rc == EXIT_OK) print_inputs(s);
  diag_flush(NULL);
  if (!o->quiet && rc == EXIT_OK)
    diag_print("built %zu page%s, %zu chart%s and %zu static file%s in %.2f s → %s/%s (release %s)", r.pages_written,
               r.pages_written == 1 ? "" : "s", ncharts, ncharts == 1 ? "" : "s", nstatic, nstatic == 1 ? "" : "s",
               diag_seconds() - t0, o->out, o->publish ? "current" : "preview", rel.id);
  else if (rc != EXIT_OK)
    report_failure(o);
  scan_finish(dict, &r, threads); /* when rendering never started */
  search_free(r.search); /* when rendering never started */
  uint8_t *bits = state.bits;
  search_layout layout = state.layout;
  render_free(&r);
  if (o->keep && !o->publish && rc == EXIT_OK && bits) { /* serve keeps the model (build_session.h) */
    build_kept k = {.a = a, .s = s, .ts = ts, .charts = charts, .cat = cat, .ia = ia, .statics = statics,
                    .env = env, .nenv = nenv, .layout = layout, .bits = bits, .ndocs = s->narticles,
                    .release = rel.id, .state_file = build_state_file(a, o->out), .state_written = state_written};
    build_session_keep(o, &k);
    return rc;
  }
  free(bits);
  tmpl_set_free(ts);
  site_free(s);
  arena_free(a);
  return rc;
}

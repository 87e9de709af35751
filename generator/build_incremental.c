/* build_incremental: see build_incremental.h. */
#include "build_incremental.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "build_session.h"
#include "build_state.h"
#include "chart.h"
#include "chartset.h"
#include "config.h"
#include "diag.h"
#include "fsx.h"
#include "interact.h"
#include "render.h"
#include "review_gate.h"
#include "search.h"
#include "statics.h"
#include "tmpl.h"

const char *build_state_file(arena *a, const char *out) { return arena_printf(a, "%s/.cache/preview-state", out); }

/* The reader texts of the changed articles, for the search patch. */
typedef struct {
  pthread_mutex_t lock;
  strmap *slot;          /* rel → change index + 1 */
  search_change *ch;
  char **texts;          /* malloc'd copies */
} text_sink;

static void keep_text(void *ud, const page *p, const search_text *st) {
  text_sink *t = ud;
  uintptr_t k = (uintptr_t)strmap_get(t->slot, p->rel);
  if (!k) return;
  char *copy = malloc(st->len + 1 + st->lead_len); /* the text, its NUL, the lead */
  if (!copy) abort();
  memcpy(copy, st->text, st->len);
  copy[st->len] = '\0';
  if (st->lead_len) memcpy(copy + st->len + 1, st->lead, st->lead_len);
  pthread_mutex_lock(&t->lock);
  free(t->texts[k - 1]);
  t->texts[k - 1] = copy;
  t->ch[k - 1].text = (search_text){copy, st->len, st->lead_len ? copy + st->len + 1 : NULL, st->lead_len, NULL};
  pthread_mutex_unlock(&t->lock);
}

/* What the previous build found for an unchanged page: the values its body
 * gave and its review. */
static void restore(page *p, const state_page *sp, const chartset *charts) {
  p->summary = p->summary_fm ? p->summary_fm : sp->summary;
  p->chart = sp->chart ? strmap_get(charts->by_id, sp->chart) : NULL;
  p->chars = sp->chars;
  p->reading_minutes = sp->reading_minutes;
  p->body_html = sp->body_html;
  p->body_html_len = sp->body_html_len;
  p->approved = sp->approved;
  for (int k = 0; k < 3; k++) p->reviewers[k] = sp->approved ? sp->reviewers[k] : NULL;
}

static bool same_str(const char *x, const char *y) { return x == y || (x && y && strcmp(x, y) == 0); }

const char *incr_chart_id(const page *p) { return p->chart ? ((const chart_spec *)p->chart)->id : NULL; }

typedef struct {
  arena *a;
  build_state *st;
  site *s;
  tmpl_set *ts;
  catalog *cat;
  interact *ia;
  size_t *changed;       /* indices in s->pages */
  size_t *articles;      /* the same pages' indices in s->articles */
  bool *fm_changed;      /* per changed page: its front matter changed (not what places it) */
  size_t n;
  size_t *render;        /* indices in s->articles to render: the changed pages and, for a
                            changed front matter, the pages that show its title */
  size_t nrender;
} work;

/* The front matter fields that place a page in the site — its URL, order,
 * lists, terms, relations, build — as canonical names.  An edit of any
 * other field (title, summary, source, 文号 …) changes the page, the pages
 * that show its title and the lists, all of which an incremental build
 * renders; an edit of one of these makes the build whole. */
static const char *const placing_fields[] = {
    "date", "updated", "weight", "slug", "url", "type", "layout", "draft", "disclosure", "tags", "topics",
    "aliases", "interprets", "interpretations", "datasets", "result"};

static const yx_node *canonical_value(const site_config *c, const yx_node *fm, const char *field) {
  for (size_t i = 0; fm && i < fm->n; i++)
    if (strcmp(config_canonical_key(c, fm->keys[i]->str), field) == 0) return fm->vals[i];
  return NULL;
}

static bool same_tree(const yx_node *x, const yx_node *y) {
  if (!x || !y) return x == y;
  if (x->kind != y->kind || x->n != y->n) return false;
  if (x->kind == YX_SCALAR) return x->plain == y->plain && x->len == y->len && memcmp(x->str, y->str, x->len) == 0;
  for (size_t i = 0; i < x->n; i++) {
    if (x->kind == YX_SEQ && !same_tree(x->items[i], y->items[i])) return false;
    if (x->kind == YX_MAP && (!same_tree(x->keys[i], y->keys[i]) || !same_tree(x->vals[i], y->vals[i]))) return false;
  }
  return true;
}

static bool same_placing(const site_config *c, const yx_node *old, const yx_node *now) {
  for (size_t i = 0; i < sizeof placing_fields / sizeof *placing_fields; i++)
    if (!same_tree(canonical_value(c, old, placing_fields[i]), canonical_value(c, now, placing_fields[i]))) return false;
  return true;
}

static void work_free(work *w) {
  tmpl_set_free(w->ts);
  site_free(w->s);
  build_state_free(w->st); /* after the site: its pages point into the state */
  arena_free(w->a);
}

/* -1 (whole build): forget what loading said, free everything.  Why is
 * said with GOVPUB_TIMINGS=1 (docs/incremental.md). */
static int step_aside(work *w, const char *why) {
  diag_reset();
  if (getenv("GOVPUB_TIMINGS")) diag_print("incremental: a whole build: %s", why);
  work_free(w);
  return -1;
}

/* The changed pages, when they are all built pages (not column pages)
 * whose front matter places them as before; false otherwise.  A page
 * whose tree the state does not hold (build_state.c: over 1 MB as an
 * image) is loaded again each time, so it counts as changed: rendered
 * again, the same, while its front matter is the same; told from a
 * changed one by its hash, and then the build is whole (nothing to
 * compare its placing with). */
static bool find_changes(work *w) {
  site *s = w->s;
  if (s->npages != w->st->npages) return false;
  w->changed = arena_alloc(w->a, (s->npages ? s->npages : 1) * sizeof *w->changed);
  w->fm_changed = arena_calloc(w->a, s->npages ? s->npages : 1, sizeof *w->fm_changed);
  for (size_t i = 0; i < s->npages; i++) {
    page *p = s->pages[i];
    const state_page *sp = build_state_page(w->st, i, p->rel);
    if (!sp) return false;
    if (p->from_memo) continue;
    if (p->is_index || !p->built || !p->raw_fm) return false;
    if (p->fm_hash != sp->fm_hash) {
      const yx_node *old = build_state_tree(w->st, sp, w->a);
      if (!old || !same_placing(s->cfg, old, p->raw_fm)) return false;
      w->fm_changed[w->n] = true;
    }
    w->changed[w->n++] = i;
  }
  return true;
}

static void render_also(work *w, const page *p) {
  if (!p || !p->built || p->article_pos < 0) return;
  for (size_t k = 0; k < w->nrender; k++)
    if (w->render[k] == (size_t)p->article_pos) return;
  w->render[w->nrender++] = (size_t)p->article_pos;
}

/* Does p show another page's title through `result:` (a survey and its
 * 反馈结果 page, both ways)? */
static bool has_result_link(work *w, const page *p) {
  arena *a = w->a;
  urlctx u = {w->s->cfg, p->url};
  tval *probe = tv_map(a);
  interact_page_data(a, w->ia, &u, p, probe);
  return tv_get(probe, "result") || tv_get(probe, "result_of");
}

/* The pages to render: the changed ones, and for a changed front matter
 * the pages that show its title — its neighbours, the policy or
 * interpretations it links both ways, the datasets it names — whose text
 * is read again.  False when a changed page moved in its column's order,
 * is a dataset, or is linked by `result:` (whole build). */
static bool find_renders(work *w) {
  site *s = w->s;
  const column *catalog_col = w->cat ? catalog_column(w->cat) : NULL;
  w->render = arena_alloc(w->a, (s->narticles ? s->narticles : 1) * sizeof *w->render);
  for (size_t k = 0; k < w->n; k++) w->render[w->nrender++] = w->articles[k];
  for (size_t k = 0; k < w->n; k++) {
    if (!w->fm_changed[k]) continue;
    page *p = s->pages[w->changed[k]];
    const state_page *sp = &w->st->pages[w->changed[k]]; /* find_changes: the same files */
    if (p->column_pos != sp->column_pos || p->column == catalog_col || has_result_link(w, p)) return false;
    render_also(w, p->prev);
    render_also(w, p->next);
    render_also(w, p->interprets);
    for (size_t i = 0; i < p->ninterpretations; i++) render_also(w, p->interpretations[i]);
    size_t nd = 0;
    page *const *ds = w->cat ? catalog_sources_of(w->cat, p, &nd) : NULL;
    for (size_t i = 0; i < nd; i++) render_also(w, ds[i]);
  }
  for (size_t k = w->n; k < w->nrender; k++) {
    page *p = s->articles[w->render[k]];
    if (p->from_memo && !p->text && site_reload_text(s, p) != 0) return false;
  }
  return true;
}

/* The changed pages' numbers among the linked site's articles (their
 * search documents); false when one is not an article. */
static bool find_articles(work *w) {
  site *s = w->s;
  w->articles = arena_alloc(w->a, (w->n ? w->n : 1) * sizeof *w->articles);
  for (size_t k = 0; k < w->n; k++) {
    int i = s->pages[w->changed[k]]->article_pos;
    if (i < 0) return false;
    w->articles[k] = (size_t)i;
  }
  return true;
}

int incr_run(incr_job *j, double t0, double *tp) {
  const build_opts *o = j->o;
  site *s = j->s;
  int threads = o->threads > 0 ? o->threads : 1;
  arena *a = arena_new();
  release rel;
  if (release_overlay_begin(a, o->out, j->release, &rel) != 0) {
    arena_free(a);
    diag_flush(NULL);
    diag_print("govpub: build failed; %s/preview is unchanged", o->out);
    return EXIT_SYSTEM;
  }
  text_sink sink = {.slot = strmap_new(a), .ch = j->changes};
  pthread_mutex_init(&sink.lock, NULL);
  sink.texts = calloc(j->n ? j->n : 1, sizeof *sink.texts);
  if (!sink.texts) abort();
  for (size_t k = 0; k < j->n; k++) strmap_put(sink.slot, j->changes[k].p->rel, (void *)(uintptr_t)(k + 1));
  renderer r;
  render_init(&r, s, j->ts, &rel, &j->statics, true, threads);
  r.charts = j->charts;
  r.catalog = j->cat;
  r.interact = j->ia;
  r.on_text = keep_text;
  r.on_text_ud = &sink;
  r.only = j->render;
  r.nonly = j->nrender;
  if (j->charts_changed) chartset_render(j->charts, s->cfg, &rel, threads, j->charts_changed);
  render_articles(&r);
  diag_phase("articles", tp);
  j->lists = j->force_lists;
  for (size_t k = 0; k < j->n && !j->lists; k++)
    j->lists = !same_str(j->changes[k].p->summary, j->old_summary[k]) ||
               !same_str(incr_chart_id(j->changes[k].p), j->old_chart[k]);
  if (j->lists && diag_errors() == 0) {
    render_lists(&r);
    render_extras(&r);
  }
  if (j->charts_changed && j->cat && diag_errors() == 0) catalog_write(j->cat, &rel, j->charts); /* their titles */
  render_report(&r);
  diag_phase("lists", tp);
  int patched = diag_errors() ? 0 : search_patch(s, &rel, j->layout, j->changes, j->n, threads);
  diag_phase("search", tp);
  int rc;
  if (patched == 1) { /* the shard count moves: the index, and so the build, is whole */
    release_abort(&rel);
    rc = -1;
  } else if (diag_errors() || patched != 0) {
    release_abort(&rel);
    diag_flush(NULL);
    diag_print("govpub: build failed: %d error%s; %s/preview is unchanged", diag_errors(), diag_errors() == 1 ? "" : "s",
               o->out);
    rc = diag_exit_code() ? diag_exit_code() : EXIT_SYSTEM;
  } else {
    build_state_retire(j->state_file); /* a build killed while renaming must not trust it */
    rc = release_overlay_commit(&rel) == 0 ? EXIT_OK : EXIT_SYSTEM;
    diag_flush(NULL);
    if (!o->quiet && rc == EXIT_OK)
      diag_print("rebuilt %zu page%s%s in %.3f s → %s/preview (release %s, updated in place)", j->nrender,
                 j->nrender == 1 ? "" : "s", j->lists ? " and the lists" : "", diag_seconds() - t0, o->out, j->release);
    else if (rc != EXIT_OK)
      diag_print("govpub: build failed; %s/preview may be partly updated: build again", o->out);
  }
  if (o->result && rc == EXIT_OK) {
    o->result->pages = r.pages_written;
    o->result->in_place = true;
    snprintf(o->result->release_id, sizeof o->result->release_id, "%s", j->release);
  }
  render_free(&r);
  for (size_t k = 0; k < j->n; k++) free(sink.texts[k]);
  free(sink.texts);
  pthread_mutex_destroy(&sink.lock);
  arena_free(a);
  return rc;
}

/* path relative to the site folder (env paths are joined to its root). */
static const char *in_site(const site_config *cfg, const char *path) {
  size_t n = strlen(cfg->root);
  return strncmp(path, cfg->root, n) == 0 && path[n] == '/' ? path + n + 1 : path;
}

/* The charts whose files alone changed since the state's build: each
 * differing file is the spec or the CSV of a loaded chart, under charts/
 * (whose folders' own stamps move when an editor saves by renaming).  NULL
 * when anything else changed, or a file came or went. */
strmap *incr_changed_charts(arena *a, const site_config *cfg, const chartset *cs, const state_env *now, size_t nnow,
                            const state_env *old, size_t nold) {
  if (nnow != nold) return NULL;
  strmap *ids = strmap_new(a);
  for (size_t i = 0; i < nnow; i++) {
    if (strcmp(now[i].path, old[i].path) != 0) return NULL;
    const fsx_stamp *x = &now[i].stamp, *y = &old[i].stamp;
    if (fsx_stamp_same(x, y)) continue;
    const char *rel = in_site(cfg, now[i].path);
    if (strncmp(rel, "charts", 6) != 0 || (rel[6] != '\0' && rel[6] != '/')) return NULL;
    if (fsx_is_dir(now[i].path)) continue;
    bool known = false;
    for (size_t k = 0; k < cs->n; k++) {
      const chart_spec *c = strmap_get(cs->by_id, cs->ids[k]);
      if (c && (strcmp(c->spec_path, rel) == 0 || strcmp(c->csv_path, rel) == 0)) {
        strmap_put(ids, c->id, (void *)c->id);
        known = true;
      }
    }
    if (!known) return NULL;
  }
  return ids;
}

strmap *incr_chart_files(arena *a, const chartset *cs, const strmap *ids) {
  strmap *files = strmap_new(a);
  for (size_t i = 0; i < cs->n; i++) {
    const chart_spec *c = strmap_get(cs->by_id, cs->ids[i]);
    if (!c || !strmap_get(ids, c->id)) continue;
    strmap_put(files, c->spec_path, "");
    strmap_put(files, c->csv_path, "");
  }
  return files;
}

bool incr_uses_file(const page *p, const strmap *files) {
  for (size_t n = 0; n < p->inputs.n; n++)
    if (strmap_get(files, p->inputs.paths[n])) return true;
  return false;
}

int incr_names_chart(site *s, page *p, const chartset *cs, const strmap *ids, arena *scratch) {
  if (site_page_text(s, p, scratch) != 0) return -1;
  bool names = false;
  for (size_t k = 0; k < cs->n && p->body && !names; k++)
    names = strmap_get(ids, cs->ids[k]) && memmem(p->body, p->body_len, cs->ids[k], strlen(cs->ids[k]));
  p->text = NULL; /* the render reads it again */
  p->body = NULL;
  arena_reset(scratch);
  return names;
}

/* After a chart edit: the built pages that show a changed chart — their
 * text names it, or they recorded one of its files as an input (a
 * dataset of the catalog that offers its CSV) — become changed pages
 * (their text read again, their review checked again); false when one of
 * them is a column page (its introduction is on every list page: a whole
 * build). */
static bool add_chart_pages(work *w, const chartset *cs, const strmap *ids) {
  site *s = w->s;
  const strmap *files = incr_chart_files(w->a, cs, ids);
  arena *scratch = arena_new(); /* one page's text at a time */
  bool ok = true;
  for (size_t i = 0; i < s->npages && ok; i++) {
    page *p = s->pages[i];
    if (!p->built || !p->from_memo) continue; /* a changed page is rendered anyway */
    int shows = incr_uses_file(p, files) ? 1 : incr_names_chart(s, p, cs, ids, scratch);
    if (shows < 0) ok = false;
    if (shows <= 0) continue;
    if (p->is_index) ok = false;
    p->from_memo = false; /* rendered now: its state record is written from it */
    w->changed[w->n++] = i;
  }
  arena_free(scratch);
  return ok;
}

int build_incremental(const build_opts *o, double t0) {
  if (o->publish || o->list_inputs || o->seal) return -1;
  work w = {.a = arena_new()};
  double tp = t0;
  const char *state_file = build_state_file(w.a, o->out);
  w.st = build_state_read(state_file);
  if (!w.st) return step_aside(&w, "no state of a previous preview build");
  if (strcmp(w.st->binary, build_state_binary()) != 0)
    return step_aside(&w, "the state was written by another govpub binary");
  if (strcmp(release_linked(w.a, o->out, "preview"), w.st->release) != 0)
    return step_aside(&w, "the preview is not the release the state describes");
  site_config *cfg = config_load(w.a, o->site, o->datadir);
  if (cfg) config_unfilled(cfg, false); /* warned of as by a whole preview build */
  if (!cfg || diag_errors()) return step_aside(&w, "site.yaml has problems");
  diag_phase("state", &tp);
  state_env *env;
  size_t nenv;
  build_state_env(w.a, cfg, &env, &nenv);
  chartset charts;
  chartset_load(w.a, cfg, &charts);
  strmap *charts_changed = NULL;
  if (!build_state_env_same(env, nenv, w.st->env, w.st->nenv)) {
    charts_changed = incr_changed_charts(w.a, cfg, &charts, env, nenv, w.st->env, w.st->nenv);
    if (!charts_changed)
      return step_aside(&w, "a file besides content/ changed (settings, layouts, static files, data, reviews or govpub)");
  }
  int threads = o->threads > 0 ? o->threads : 1;
  diag_phase("env", &tp);
  const site_memo memo = {build_state_memo, build_state_listing, w.st};
  w.s = site_load_memo(cfg, false, threads, &memo);
  if (getenv("GOVPUB_TIMINGS") && w.s->listed_ns == w.st->listed_ns)
    diag_print("incremental: content/ as the last build listed it");
  diag_phase("load", &tp);
  if (diag_errors()) return step_aside(&w, "the content has problems");
  if (!find_changes(&w)) return step_aside(&w, "a file was added, removed or its front matter changed");
  if (w.n == 0 && !charts_changed && !o->keep) { /* nothing changed since the last build */
    build_state_note_listing(state_file, w.st, env, nenv, w.s);
    diag_flush(NULL); /* the warnings a full build would give (site.yaml still to fill in, …) */
    if (!o->quiet) diag_print("%s/preview is up to date (release %s)", o->out, w.st->release);
    work_free(&w);
    return EXIT_OK;
  }
  site *s = w.s;
  review_gate_some(s, w.changed, w.n, threads);
  s->placing_checked = true; /* find_changes: the same files, placed as in the last good build */
  s->fields_checked = true;
  for (size_t k = 0; k < w.n; k++) s->fields_checked &= !w.fm_changed[k];
  site_link(s);
  w.cat = catalog_load(s, &charts);
  w.ia = interact_load(s);
  if (diag_errors()) return step_aside(&w, "the site has problems");
  size_t edited = w.n;
  if (charts_changed && !add_chart_pages(&w, &charts, charts_changed))
    return step_aside(&w, "a column page shows a chart that changed");
  review_gate_some(s, w.changed + edited, w.n - edited, threads);
  if (!find_articles(&w)) return step_aside(&w, "a changed page is not an article of the build");
  if (!find_renders(&w)) return step_aside(&w, "a page with a changed front matter moved in its column, is a dataset or has a result link");
  for (size_t i = 0; i < s->npages; i++)
    if (s->pages[i]->from_memo) restore(s->pages[i], &w.st->pages[i], &charts);
  diag_phase("link", &tp);

  w.ts = render_templates(w.a, cfg);
  static_set statics = {0};
  statics_collect(w.a, cfg, &statics);
  search_layout layout = w.st->search;
  incr_job j = {.o = o, .s = s, .ts = w.ts, .charts = &charts, .cat = w.cat, .ia = w.ia, .statics = statics,
                .release = w.st->release, .state_file = state_file, .layout = &layout,
                .n = w.n, .render = w.render, .nrender = w.nrender};
  j.changes = arena_calloc(w.a, w.n, sizeof *j.changes);
  j.old_summary = arena_calloc(w.a, w.n, sizeof *j.old_summary);
  j.old_chart = arena_calloc(w.a, w.n, sizeof *j.old_chart);
  for (size_t k = 0; k < w.n; k++) {
    page *p = s->pages[w.changed[k]];
    const state_page *sp = &w.st->pages[w.changed[k]];
    j.changes[k] = (search_change){.p = p, .doc = w.articles[k], .old_bits = build_state_mark(w.st, w.articles[k])};
    j.old_summary[k] = p->summary_fm ? p->summary_fm : sp->summary;
    j.old_chart[k] = sp->chart;
    j.force_lists |= w.fm_changed[k];
  }
  j.charts_changed = charts_changed;
  j.force_lists |= charts_changed != NULL;
  int rc = EXIT_OK;
  if (w.n || charts_changed) {
    rc = incr_run(&j, t0, &tp);
  } else if (o->result) { /* serve keeps the model of a preview that is up to date */
    o->result->in_place = true;
    snprintf(o->result->release_id, sizeof o->result->release_id, "%s", w.st->release);
  }
  for (size_t k = 0; k < w.n; k++) free(j.changes[k].tokens.bytes);
  if (rc == -1) return step_aside(&w, "the search index's shard count changes");
  if (rc == EXIT_OK && o->keep) { /* serve changes every article's mark in place */
    uint8_t *bits = build_state_marks_copy(w.st);
    for (size_t k = 0; k < w.n; k++) memcpy(bits + w.articles[k] * SEARCH_MARK_BYTES, j.changes[k].bits, SEARCH_MARK_BYTES);
    build_kept k = {.a = w.a, .st = w.st, .s = s, .ts = w.ts, .charts = charts, .cat = w.cat, .ia = w.ia,
                    .statics = statics, .env = env, .nenv = nenv, .layout = *j.layout, .bits = bits,
                    .ndocs = w.st->ndocs, .release = w.st->release, .state_file = state_file,
                    .state_written = w.n == 0 && !charts_changed};
    build_session_keep(o, &k);
    return rc;
  }
  if (rc == EXIT_OK) { /* the state's marks but for the changed articles' */
    state_mark *changed = arena_alloc(w.a, (w.n ? w.n : 1) * sizeof *changed);
    for (size_t k = 0; k < w.n; k++) changed[k] = (state_mark){(uint32_t)w.articles[k], j.changes[k].bits};
    state_marks_sort(changed, w.n);
    build_state_rewrite(state_file, w.st, env, nenv, s, j.layout, &(state_marks){.changed = changed, .nchanged = w.n});
    diag_phase("commit", &tp);
  }
  work_free(&w);
  return rc;
}

/* review_site: see review_site.h. */
#include "review_site.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "fsx.h"

#define SIGN_HINT "the reviewers sign the site as a document: govpub review sign site --stage N --key KEY"

typedef struct {
  const char *theme; /* site-relative, when the theme lies in the site; else NULL */
  const char *words; /* scan.words, site-relative */
} own_dirs;

typedef struct {
  const char **v;
  size_t n, cap;
} path_vec;

static void push(arena *a, path_vec *pv, const char *path) {
  if (pv->n == pv->cap) {
    pv->cap = pv->cap ? pv->cap * 2 : 64;
    pv->v = arena_grow(a, pv->v, pv->n, pv->cap, sizeof *pv->v);
  }
  pv->v[pv->n++] = path;
}

static bool under(const char *path, const char *dir) {
  size_t n = strlen(dir);
  return n && strncmp(path, dir, n) == 0 && path[n] == '/';
}

static bool theme_installed(const site_config *cfg) {
  char local[4096];
  snprintf(local, sizeof local, "%s/themes/%s", cfg->root, cfg->theme);
  return strcmp(cfg->theme_dir, local) != 0; /* config.c: the site's own themes/ first */
}

static void own_dirs_of(arena *a, const site_config *cfg, own_dirs *d) {
  d->theme = theme_installed(cfg) ? NULL : arena_printf(a, "themes/%s", cfg->theme);
  char *w = arena_strdup(a, cfg->scan_words);
  for (size_t n = strlen(w); n > 1 && w[n - 1] == '/'; n--) w[n - 1] = '\0';
  d->words = w;
}

static bool is_own(const char *path, const own_dirs *d) {
  return strcmp(path, "site.yaml") == 0 || under(path, "layouts") || (d->theme && under(path, d->theme)) ||
         under(path, d->words);
}

/* Every file below the site folder `dir` (site-relative), links included:
 * a link's target is what its digest reads. */
static void walk_own(arena *a, const site_config *cfg, const char *dir, path_vec *out) {
  const char *full = path_in_site(a, cfg->root, dir);
  if (!fsx_is_dir(full)) return;
  fsx_walk_entry *e;
  size_t n;
  if (fsx_walk(a, full, &e, &n) != 0) {
    diag_error(full, 0, 0, "make it readable: the site's review covers every file in it", "cannot list: %s",
               strerror(errno));
    return;
  }
  for (size_t i = 0; i < n; i++) push(a, out, arena_printf(a, "%s/%s", dir, e[i].path));
}

static void own_files(arena *a, const site_config *cfg, const own_dirs *d, path_vec *out) {
  push(a, out, "site.yaml");
  walk_own(a, cfg, "layouts", out);
  if (d->theme) walk_own(a, cfg, d->theme, out);
  walk_own(a, cfg, d->words, out);
}

/* A site-relative path in its plain form (static/./x → static/x), to compare. */
static const char *plain(arena *a, const char *path) {
  const char *p = path_normalize(a, path);
  return p && *p ? p : path;
}

typedef struct {
  arena *a;
  const strmap *used, *signed_before;
  path_vec *out;
} site_files;

/* A served file is the site's when no page uses it, or when the site was
 * signed with it before (review_site.h). */
static void push_served(site_files *f, const char *path) {
  const char *p = plain(f->a, path);
  if (!strmap_get(f->used, p) || strmap_get(f->signed_before, p)) push(f->a, f->out, path);
}

size_t review_site_paths(arena *a, const site_config *cfg, const site *s, const chartset *charts,
                         const static_set *statics, const bundle *kept, const char ***out) {
  own_dirs d;
  own_dirs_of(a, cfg, &d);
  path_vec pv = {0};
  own_files(a, cfg, &d, &pv);
  strmap *used = strmap_new(a); /* every file a page uses: that page's, however a page spells it */
  for (size_t i = 0; i < s->npages; i++)
    for (size_t k = 0; k < s->pages[i]->inputs.n; k++) strmap_put(used, plain(a, s->pages[i]->inputs.paths[k]), "");
  strmap *signed_before = strmap_new(a); /* the site's already, used or not */
  for (size_t i = 0; kept && i < kept->n; i++) strmap_put(signed_before, kept->files[i].path, "");
  site_files f = {a, used, signed_before, &pv};
  for (size_t i = 0; i < statics->n; i++) {
    const char *src = strmap_get(statics->by_site, statics->dst[i]);
    if (src) push_served(&f, site_rel(s, src));
  }
  for (size_t i = 0; i < charts->n; i++) {
    const chart_spec *c = strmap_get(charts->by_id, charts->ids[i]);
    if (c) push_served(&f, c->spec_path);
    if (c) push_served(&f, c->csv_path);
  }
  *out = pv.v;
  return pv.n;
}

static bool loose(const char *path, const void *ud) { return !is_own(path, ud); }

static void not_approved(const review_status *st, arena *a) {
  if (st->state == RS_INVALID) {
    diag_error(st->record, st->line, 1, "restore reviews/site.yaml from the repository's history and sign the site again",
               "the site's review record does not verify: %s", st->reason);
    return;
  }
  const char *state = st->nsignoffs == 0 ? "never reviewed" : review_state_name(st, a);
  int at = st->nsignoffs > 0; /* the record, when there is one */
  diag_error(st->record, at, at, SIGN_HINT " (govpub review status says which stage is next)",
             "the site's own files are not approved (%s%s%s): nothing is published until they are", state,
             st->reason ? ": " : "", st->reason ? st->reason : "");
}

/* Whether the served file f of the site's approval is still as signed. */
static bool served_as_signed(arena *a, const site_config *cfg, const bundle_file *f) {
  char now[DIGEST_HEX_LEN];
  return digest_file(path_in_site(a, cfg->root, f->path), now) == 0 && strcmp(now, f->digest) == 0;
}

/* review_site_check; with `reviewed` (the gate), the files found as signed
 * go into it as they are checked: the own files all (approved, they are as
 * signed; if not, the build is refused already and nothing more is said of
 * them), the served files each while it is as signed. */
static void check_site(review_checker *c, arena *a, const site_config *cfg, review_status *st, strmap *reviewed) {
  own_dirs d;
  own_dirs_of(a, cfg, &d);
  review_check_loose(c, a, REVIEW_SITE_DOC, loose, &d, st);
  path_vec own = {0};
  own_files(a, cfg, &d, &own);
  for (size_t i = 0; reviewed && i < own.n; i++) strmap_put(reviewed, own.v[i], (void *)own.v[i]);
  if (st->state != RS_APPROVED) return;
  /* an own file the approval does not list (a new layout, a new word list) changes every page too */
  strmap *listed = strmap_new(a);
  for (size_t i = 0; i < st->approved->n; i++) strmap_put(listed, st->approved->files[i].path, "");
  const char *added = NULL;
  for (size_t i = 0; i < own.n; i++)
    if (!strmap_get(listed, own.v[i])) added = added ? arena_printf(a, "%s, %s", added, own.v[i]) : own.v[i];
  if (added) {
    st->state = RS_STALE;
    st->next_stage = 1;
    st->reason = arena_printf(a, "added since it was signed: %s", added);
    st->approved = NULL;
    return;
  }
  const char *changed = NULL; /* still approved: these alone are withheld when publishing */
  for (size_t i = 0; i < st->approved->n; i++) {
    const bundle_file *f = &st->approved->files[i];
    if (is_own(f->path, &d)) continue;
    if (served_as_signed(a, cfg, f)) {
      if (reviewed) strmap_put(reviewed, f->path, (void *)f->path);
    } else {
      changed = changed ? arena_printf(a, "%s, %s", changed, f->path) : f->path;
    }
  }
  if (changed) st->reason = arena_printf(a, "changed since it was signed, withheld until it is signed again: %s", changed);
}

void review_site_check(review_checker *c, arena *a, const site_config *cfg, review_status *st) {
  check_site(c, a, cfg, st, NULL);
}

void review_site_gate(review_checker *c, arena *a, const site_config *cfg, strmap *reviewed) {
  review_status st;
  check_site(c, a, cfg, &st, reviewed);
  if (st.state != RS_APPROVED) not_approved(&st, a);
}

/* Says that the file `src` (site-relative) is withheld, and records it
 * under its output path. */
static void withhold(site *s, const char *src, const char *dst, const char *what) {
  const char *shown = path_in_site(s->a, s->cfg->root, src);
  diag_warning(shown, 1, 1, REVIEW_WITHHELD_HINT, "%s", what);
  if (!s->withheld) s->withheld = strmap_new(s->a);
  strmap_put(s->withheld, dst, (void *)shown);
}

bool review_site_publishable(site *s, const char *src, const char *dst) {
  if (!s->reviewed || (theme_installed(s->cfg) && under(src, s->cfg->theme_dir)) ||
      strmap_get(s->reviewed, site_rel(s, src)))
    return true;
  withhold(s, site_rel(s, src), dst,
           "withheld from publishing: no approved document uses it, and the site's review does not cover it as it is");
  return false;
}

strmap *review_site_charts(arena *a, site *s, const chartset *cs) {
  if (!s->reviewed) return NULL;
  strmap *ids = strmap_new(a);
  for (size_t i = 0; i < cs->n; i++) {
    const chart_spec *c = strmap_get(cs->by_id, cs->ids[i]);
    if (!c) continue; /* not rendered: its errors are reported */
    if (strmap_get(s->reviewed, c->spec_path) && strmap_get(s->reviewed, c->csv_path))
      strmap_put(ids, c->id, (void *)c->id);
    else {
      const char *svg = arena_printf(a, "charts/%s.svg", c->id);
      withhold(s, c->spec_path, svg,
               "chart withheld from publishing: no approved document shows it, and the site's review does not cover "
               "its spec and CSV as they are");
      strmap_put(s->withheld, arena_printf(a, "charts/%s.narrow.svg", c->id), strmap_get(s->withheld, svg)); /* phones' */
    }
  }
  /* a withheld chart's CSV is left out too when no published chart draws
   * from it (chartset_only): a link to it says why, as to the drawing */
  for (size_t i = 0; i < cs->n; i++) {
    const chart_spec *c = strmap_get(cs->by_id, cs->ids[i]);
    if (!c || strmap_get(ids, c->id) || strmap_get(s->withheld, c->csv_path)) continue;
    bool drawn = false;
    for (size_t k = 0; k < cs->n && !drawn; k++) {
      const chart_spec *o = strmap_get(cs->by_id, cs->ids[k]);
      drawn = o && strmap_get(ids, o->id) && strcmp(o->csv_path, c->csv_path) == 0;
    }
    if (!drawn) strmap_put(s->withheld, c->csv_path, strmap_get(s->withheld, arena_printf(a, "charts/%s.svg", c->id)));
  }
  return ids;
}

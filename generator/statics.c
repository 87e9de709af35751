/* statics: see statics.h. */
#include "statics.h"

#include <string.h>
#include <strings.h>

#include "chart.h"
#include "diag.h"
#include "fsx.h"
#include "own_pages.h"
#include "pager.h"
#include "path_fold.h"
#include "site_name.h"
#include "statics_markup.h"

/* A static file's or folder's name is a part of its URL: site_name's rule
 * for what names a URL under content/, said at the file (1:1) or the folder
 * (no line); a name with only what a URL cannot hold gets the name to give
 * it ("附件1 申请表.docx" → "附件1-申请表.docx": a space ends a Markdown
 * link's address, docs/editors.md).  True when refused: left out, so that
 * nothing follows from it. */
static bool name_refused(arena *a, const char *src, const char *name, bool is_dir) {
  const char *why = site_name_problem(a, name, true);
  if (!why) return false;
  const char *what = is_dir ? "folder" : "file";
  const char *hint =
      site_name_problem(a, name, false)
          ? arena_printf(a, "rename the %s: a static file's name is in UTF-8, visible, and one Windows takes", what)
          : arena_printf(a, "rename the %s (and the links to it), e.g. %s: its name is a part of its URL", what,
                         site_name_slug(a, name));
  diag_error(src, !is_dir, !is_dir, hint, "the %s name %s", what, why);
  return true;
}

static void add_static(arena *a, static_set *set, const char *dir, const char *to, bool site_folder) {
  fsx_entry *e;
  size_t n;
  if (fsx_list(a, dir, &e, &n) != 0) return;
  for (size_t i = 0; i < n; i++) {
    if (e[i].name[0] == '.') continue;
    char *src = path_join(a, dir, e[i].name);
    char *dst = path_join(a, to, e[i].name);
    const char *other;
    if (!e[i].is_link && (e[i].is_dir || e[i].is_file) && name_refused(a, src, e[i].name, e[i].is_dir)) continue;
    if (e[i].is_link) {
      int at = !e[i].is_dir; /* a link to a file at 1:1, as a whole file; to a folder, no line */
      diag_error(src, at, at, "copy the file into the site instead of linking to it",
                 "symbolic links are not followed (they could lead out of the site)");
    } else if (e[i].is_dir) {
      add_static(a, set, src, dst, site_folder);
    } else if (e[i].is_file) {
      statics_markup_check(src);
      if (!strmap_get(set->by_dst, dst) && (other = strmap_put(set->by_fold, path_fold(a, dst), src)))
        diag_error(src, 1, 1,
                   "rename one: a server on a case-insensitive or normalising file system "
                   "(Windows, macOS) would serve one file for both",
                   "static file /%s differs from %s only in case or Unicode normalisation", dst, other);
      if (site_folder && (other = strmap_put(set->by_site, dst, src)))
        diag_error(src, 1, 1, "keep the file in one of the static folders",
                   "static file /%s is also given by %s", dst, other);
      if (strmap_put(set->by_dst, dst, src)) continue; /* overrides the theme's: already listed */
      if (set->n == set->cap) {
        set->cap = set->cap ? set->cap * 2 : 64;
        set->dst = arena_grow(a, set->dst, set->n, set->cap, sizeof *set->dst);
      }
      set->dst[set->n++] = dst;
    }
  }
}

/* A FILE.gz or FILE.br beside FILE: what nginx's gzip_static and
 * brotli_static serve for FILE to a browser that takes it.  FILE a static
 * file, or of the kinds govpub writes pages as (html, xml, json: a page's
 * FILE.gz served for the page); a data.csv.gz alone is a download. */
static bool page_kind(const char *path) {
  const char *dot = strrchr(path, '.');
  return dot && (strcmp(dot, ".html") == 0 || strcmp(dot, ".htm") == 0 || strcmp(dot, ".xml") == 0 ||
                 strcmp(dot, ".json") == 0);
}

static void compressed_twins(static_set *set) {
  for (size_t i = 0; i < set->n; i++) {
    const char *dst = set->dst[i];
    size_t n = strlen(dst);
    if (n < 4 || (strcmp(dst + n - 3, ".gz") != 0 && strcmp(dst + n - 3, ".br") != 0)) continue;
    char base[4096];
    if (n - 3 >= sizeof base) continue;
    memcpy(base, dst, n - 3);
    base[n - 3] = '\0';
    if (strmap_get(set->by_dst, base) || page_kind(base))
      diag_error(strmap_get(set->by_dst, dst), 1, 1, "remove it: publishing writes the compressed copies it needs",
                 "static file /%s would be served for /%s (nginx gzip_static, brotli_static), unreviewed", dst,
                 base);
  }
}

void statics_collect(arena *a, const site_config *cfg, static_set *set) {
  set->by_dst = strmap_new(a);
  set->by_fold = strmap_new(a);
  set->by_site = strmap_new(a);
  add_static(a, set, path_join(a, cfg->theme_dir, "static"), "", false);
  for (size_t i = 0; i < cfg->nstatics; i++) {
    char *dir = path_join(a, cfg->root, cfg->statics[i].dir);
    if (!fsx_is_dir(dir)) {
      if (cfg->statics[i].implicit) continue;
      diag_error(cfg->file, cfg->statics[i].line, cfg->statics[i].col, "create the folder or remove it from static:",
                 "static folder \"%s\" does not exist", cfg->statics[i].dir);
    } else {
      add_static(a, set, dir, cfg->statics[i].to, true);
    }
  }
  compressed_twins(set);
}

/* What to do about a static file or folder where govpub writes, `fold` the
 * folded path of what is named so: the 404 page and robots.txt have a
 * place of their own; else a new name, or another place (`hint`: what is
 * govpub's there, site_reserved_hint). */
static const char *written_hint(arena *a, const char *fold, bool is_dir, const char *hint) {
  if (is_dir) return arena_printf(a, "rename the folder or move it, and the links to its files (%s)", hint);
  if (strcmp(fold, OWN_404) == 0)
    return "make the page of a missing address with the layout 404 (layouts/404.mustache, docs/templates.md), "
           "or rename the file";
  if (strcmp(fold, "robots.txt") == 0)
    return "name it robots.txt, in lower case: the site's own robots.txt is published in place of govpub's "
           "(docs/operators.md)";
  return arena_printf(a, "rename the file or move it, and the links to it (%s)", hint);
}

/* The page or chart govpub writes at the static file `dst` itself, as
 * spelled (one differing in case is release_fold's to say, naming both):
 * a page's index.html, found by its URL (s->by_url), or the redirect of
 * one of its aliases (site_alias_at; a column's at each page of its list); a chart's figure, its phones'
 * version, its data's copy (`csvs`: the charts' CSV files, NULL: none).
 * A lookup or two per static file, nothing per page. */
static const char *model_output_at(arena *a, const site *s, const chartset *charts, const strmap *csvs,
                                   const char *dst, const char **hint) {
  size_t n = strlen(dst);
  if (n >= 10 && strcmp(dst + n - 10, "index.html") == 0 && (n == 10 || dst[n - 11] == '/')) {
    const char *url = arena_strndup(a, dst, n - 10);
    const page *p = strmap_get(s->by_url, url);
    *hint = "a page's folder is its URL: govpub writes its index.html";
    if (p) return arena_printf(a, "the page of %s", p->src);
    const site_alias *al = site_alias_at(s, a, url);
    if (al) {
      *hint = "an alias's folder is the old address of a page: govpub writes the redirect to the page there";
      size_t base; /* a column's further list page: <alias>page/N/ (site_alias_pages) */
      if (al->pageno > 1 && pager_list_of(url, &base))
        return arena_printf(a, "the redirect of the alias /%.*s of %s to page %zu of its list", (int)base, url,
                            al->p->src, al->pageno);
      return arena_printf(a, "the redirect of the alias /%s of %s", url, al->p->src);
    }
  }
  if (!charts || strncmp(dst, "charts/", 7) != 0) return NULL;
  *hint = "a chart's charts/<id>.svg and .narrow.svg and the copy of its data file are govpub's";
  const char *csv = csvs ? strmap_get(csvs, dst) : NULL;
  if (csv) return arena_printf(a, "the copy of %s, the data of its charts", csv);
  bool narrow = n > 18 && strcmp(dst + n - 11, ".narrow.svg") == 0;
  size_t ext = narrow ? 11 : 4;
  if (!narrow && (n < 12 || strcmp(dst + n - 4, ".svg") != 0)) return NULL;
  const chart_spec *c = strmap_get(charts->by_id, arena_strndup(a, dst + 7, n - 7 - ext));
  if (!c) return NULL; /* none, or a spec with errors: nothing written */
  return arena_printf(a, narrow ? "the phones' version of the chart of %s" : "the chart of %s", c->spec_path);
}

void statics_check_written(arena *a, site *s, const chartset *charts, static_set *set) {
  strmap *said = strmap_new(a); /* the folders said: their other files are left out silently */
  strmap *csvs = charts && charts->ncsv ? strmap_new_for(a, charts->ncsv) : NULL;
  for (size_t i = 0; csvs && i < charts->ncsv; i++) strmap_put(csvs, charts->csvs[i], (void *)charts->csvs[i]);
  size_t kept = 0;
  for (size_t i = 0; i < set->n; i++) {
    const char *dst = set->dst[i], *src = strmap_get(set->by_dst, dst), *hint;
    if (strcmp(dst, "robots.txt") == 0) { /* the site's own: build.c publishes it */
      set->robots = src;
      continue;
    }
    size_t depth;
    const char *own = site_written_at(s, path_fold(a, dst), &depth, &hint);
    if (!own && (own = model_output_at(a, s, charts, csvs, dst, &hint))) {
      diag_error(src, 1, 1, written_hint(a, dst, false, hint), "static file /%s is where govpub writes %s", dst,
                 own);
      continue;
    }
    if (!own) {
      set->dst[kept++] = dst;
      continue;
    }
    const char *end = dst; /* of the names of dst that name what govpub writes */
    for (size_t k = 0; k < depth; k++) end += strcspn(end, "/") + (k + 1 < depth);
    size_t tail = strlen(end), nsrc = strlen(src); /* end: "" (the file), or "/x/y.css" under the folder */
    /* said at the folder, once; at each file when a static: entry's to: names the folder */
    bool is_dir = tail && tail < nsrc && strcmp(src + nsrc - tail, end) == 0;
    const char *at = is_dir ? arena_strndup(a, src, nsrc - tail) : src;
    const char *named = is_dir ? arena_strndup(a, dst, (size_t)(end - dst)) : dst;
    if (is_dir && strmap_put(said, at, (void *)at)) continue;
    diag_error(at, !is_dir, !is_dir, written_hint(a, path_fold(a, named), is_dir, hint),
               "static %s /%s%s is where govpub writes %s", is_dir ? "folder" : "file", named, is_dir ? "/" : "",
               own);
  }
  set->n = kept;
}

/* The keys of site.yaml that name a static file, and what that file is. */
static const struct { const char *section, *key, *what; } named[] = {
    {"footer", "dzjg_img", "the 党政机关网站标识 image"}};

/* The output path a named key gives (NULL when it is no plain path). */
static const char *named_path(arena *a, const yx_node *v) {
  const char *name = yx_str(v);
  return name && path_is_safe_rel(name) ? path_normalize(a, name) : NULL;
}

/* Where the site's static folders would serve `dst` from: the first folder
 * whose `to:` holds it (NULL when none does). */
static const char *static_source(arena *a, const site_config *cfg, const char *dst) {
  for (size_t i = 0; i < cfg->nstatics; i++) {
    const char *to = cfg->statics[i].to;
    size_t n = strlen(to);
    if (!n) return path_join(a, cfg->statics[i].dir, dst);
    if (strncmp(dst, to, n) == 0 && dst[n] == '/') return path_join(a, cfg->statics[i].dir, dst + n + 1);
  }
  return NULL;
}

/* A static file that is `dst` but for its extension (dzjg.svg for a
 * dzjg.png): what the key likely meant. */
static const char *other_extension(const static_set *set, const char *dst) {
  const char *dot = strrchr(dst, '.');
  size_t stem = dot && !strchr(dot, '/') ? (size_t)(dot - dst) : strlen(dst);
  for (size_t i = 0; i < set->n; i++)
    if (strncmp(set->dst[i], dst, stem) == 0 && set->dst[i][stem] == '.' && !strchr(set->dst[i] + stem, '/'))
      return set->dst[i];
  return NULL;
}

void statics_check_named(arena *a, const site_config *cfg, const static_set *set, bool strict) {
  for (size_t i = 0; i < sizeof named / sizeof *named; i++) {
    const yx_node *v = yx_get(yx_get(cfg->yaml, named[i].section), named[i].key);
    if (!yx_str(v) || !v->len) continue; /* a missing key: config_load said so */
    const char *dst = named_path(a, v);
    if (dst && strmap_get(set->by_dst, dst)) continue;
    const char *src = dst ? static_source(a, cfg, dst) : NULL, *like = dst ? other_extension(set, dst) : NULL;
    const char *hint =
        !dst   ? "name it by its path under a static folder, without a leading / (images/dzjg.png for static/images/dzjg.png)"
        : like ? arena_printf(a, "put the file at %s, or name the one there is: %s", src ? src : "its path in a static folder", like)
        : src  ? arena_printf(a, "put the file at %s (a static folder serves its files under their path there)", src)
               : "put the file in a static folder (static: in site.yaml), under the path it names";
    diag_at(strict ? DIAG_ERROR : DIAG_WARNING, cfg->file, v->line, v->col, hint,
            "%s.%s \"%s\" (%s) is not a static file of the site%s", named[i].section, named[i].key, v->str,
            named[i].what, strict ? "" : ": a publish is refused until it is");
  }
}

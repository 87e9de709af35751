/* catalog: see catalog.h. */
#include "catalog.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "chart.h"
#include "diag.h"
#include "escape.h"
#include "filekind.h"
#include "fsx.h"
#include "statics_markup.h"
#include "strmap.h"
#include "url.h"

typedef struct {
  const char *title, *format, *media;
  const char *path;     /* path: as written (site-relative), or NULL */
  const char *target;   /* site-relative output path, or NULL for an address */
  const char *address;  /* url: as written */
  const char *chart_csv; /* a charts/ file to copy (NULL when static/ serves it) */
} distribution;

typedef struct {
  page *p; /* first: the entries sort as pages (cmp_title) */
  const char *department, *description;
  distribution *dists;
  size_t ndists;
  page **releases;          /* built pages that name it in `datasets:`, newest first */
  size_t nreleases, cap;
  const chart_spec **charts; /* the charts drawn from one of its files, by id */
  size_t ncharts;
} entry;

typedef struct {
  page **datasets; /* the datasets a page names in `datasets:` */
  size_t n;
} sources;

struct catalog {
  site *s;
  column *col;
  const char *title, *description, *publisher, *contact_name, *contact_email;
  entry *entries; /* built datasets, sorted by title */
  size_t n;
  strmap *by_page; /* page URL → entry */
  strmap *sources; /* page URL → sources, for pages that name datasets */
  catalog_group *groups[2]; /* kind 0 departments, 1 topics: sorted by name */
  size_t ngroups[2];
  strmap *group_by[2]; /* name → its group of groups[kind]: a dataset's department link */
};

static const char *fm_str(const page *p, const char *key) {
  yx_node *v = yx_get(p->fm, key);
  return v && v->kind == YX_SCALAR && !yx_is_null(v) && v->len ? v->str : NULL;
}

static const char *conf_str(site_config *cfg, const yx_node *map, const char *key, const char *hint) {
  yx_node *v = yx_get(map, key);
  if (v && v->kind == YX_SCALAR && v->len) return v->str;
  const yx_node *at = v ? v : map;
  diag_error(cfg->file, at->line, at->col, hint, "catalog: needs \"%s\" (a required DCAT field)", key);
  return NULL;
}

/* Where a site file is served: under a static folder, or charts/ (copied). */
static bool served_at(arena *a, const site_config *cfg, const char *path, const char **target, bool *chart) {
  for (size_t i = 0; i < cfg->nstatics; i++) {
    size_t n = strlen(cfg->statics[i].dir);
    if (strncmp(path, cfg->statics[i].dir, n) == 0 && path[n] == '/') {
      const char *to = cfg->statics[i].to;
      *target = *to ? arena_printf(a, "%s/%s", to, path + n + 1) : arena_strdup(a, path + n + 1);
      *chart = false;
      return true;
    }
  }
  if (strncmp(path, "charts/", 7) == 0) {
    *target = path;
    *chart = true;
    return true;
  }
  return false;
}

static void read_distribution(catalog *c, entry *e, const yx_node *it) {
  site *s = c->s;
  const page *p = e->p;
  distribution *d = &e->dists[e->ndists];
  yx_node *pv = yx_get(it, "path"), *uv = yx_get(it, "url"), *tv = yx_get(it, "title"), *fv = yx_get(it, "format");
  d->title = tv && tv->kind == YX_SCALAR ? tv->str : p->title;
  const char *where = NULL;
  if (pv && pv->kind == YX_SCALAR && pv->len) {
    bool chart = false;
    /* in its plain form (static/./x.csv is static/x.csv): the name its bundle, the site's
       review (which leaves out the files a document uses) and the output know it by */
    const char *rel = path_is_safe_rel(pv->str) ? path_normalize(s->a, pv->str) : NULL;
    const char *full = rel ? path_join(s->a, s->cfg->root, rel) : NULL;
    if (!rel || !*rel || !served_at(s->a, s->cfg, rel, &d->target, &chart)) {
      diag_error(p->src, pv->line, pv->col, "put the file under static/ (or charts/) and give its path from the site folder, "
                 "e.g. static/datasets/x.csv", "distribution path \"%s\" is not a file the site serves", pv->str);
      return;
    }
    if (fsx_rel_has_link(s->cfg->root, rel)) {
      diag_error(p->src, pv->line, pv->col, "copy the file into the site instead of linking to it",
                 "distribution file \"%s\" is reached through a symbolic link, which is not followed "
                 "(it could lead out of the site)", pv->str);
      return;
    }
    if (!fsx_is_file(full)) {
      diag_error(p->src, pv->line, pv->col, "check the file name, or add the file (e.g. static/datasets/x.csv)",
                 "distribution file \"%s\" does not exist", pv->str);
      return;
    }
    if (chart && !statics_markup_check(full)) return; /* copied as it is: a static folder's file is checked there */
    d->chart_csv = chart ? rel : NULL;
    d->path = rel;
    where = rel;
    page_add_input(s->a, (page *)p, rel); /* served with the page: the sign-offs cover it */
  } else if (uv && uv->kind == YX_SCALAR && uv->len) {
    if (!url_is_http(uv->str)) {
      diag_error(p->src, uv->line, uv->col, "write the full address, https://…, or use path: for a file in the site",
                 "distribution url \"%s\" is not an http(s) address", uv->str);
      return;
    }
    d->address = uv->str;
    where = uv->str;
  } else {
    diag_error(p->src, it->line, it->col, "add `path:` (a file in the site) or `url:` (an address)",
               "distribution has neither path nor url (DCAT needs its download URL)");
    return;
  }
  d->format = fv && fv->kind == YX_SCALAR && fv->len ? fv->str : filekind_format(s->a, where);
  if (!d->format) {
    diag_error(p->src, it->line, it->col, "add `format: CSV` to the item",
               "distribution has no format (DCAT needs one)");
    return;
  }
  d->media = filekind_media_type(d->format);
  if (!d->media) d->media = d->format; /* a format no media type is known for: said as it is */
  e->ndists++;
}

/* True when site.yaml's type of p requires `key` (the loader reported it missing). */
static bool type_requires(const site *s, const page *p, const char *key) {
  const type_spec *ts = config_type(s->cfg, p->type);
  for (size_t i = 0; ts && i < ts->nrequired; i++)
    if (strcmp(ts->required[i], key) == 0) return true;
  return false;
}

static void read_entry(catalog *c, entry *e) {
  page *p = e->p;
  e->department = fm_str(p, "department");
  e->description = fm_str(p, "description");
  /* the DCAT minimum, whatever site.yaml's types: require (reported once) */
  if (!e->department && !type_requires(c->s, p, "department"))
    diag_error(p->src, 1, 1, "add `department:` (提供部门)", "dataset has no department (DCAT publisher)");
  if (e->department) /* term_slug keeps the length */
    page_name_too_long(p, yx_get(p->fm, "department"), "department", strlen(e->department),
                       "its page is a folder named after it");
  if (!e->description && !type_requires(c->s, p, "description"))
    diag_error(p->src, 1, 1, "add `description:`", "dataset has no description (a required DCAT field)");
  yx_node *dl = yx_get(p->fm, "distributions");
  if (!dl || dl->kind != YX_SEQ || dl->n == 0) {
    if ((!dl || yx_is_null(dl)) && !type_requires(c->s, p, "distributions"))
      diag_error(p->src, 1, 1, "add `distributions:` with a CSV file of the site or an address",
                 "dataset has no distributions (DCAT needs at least one)");
    return;
  }
  e->dists = arena_calloc(c->s->a, dl->n, sizeof *e->dists);
  for (size_t i = 0; i < dl->n; i++)
    if (dl->items[i]->kind == YX_MAP) read_distribution(c, e, dl->items[i]);
}

static int cmp_title(const void *x, const void *y) {
  const page *a = *(page *const *)x, *b = *(page *const *)y;
  int d = strcmp(a->title ? a->title : "", b->title ? b->title : "");
  return d ? d : strcmp(a->url, b->url);
}

static int cmp_group(const void *x, const void *y) {
  return strcmp(((const catalog_group *)x)->name, ((const catalog_group *)y)->name);
}

/* groups[kind] has room for every name (allocated for the most there can
 * be), so a group stays where it is until they are sorted. */
static void group_add(catalog *c, int kind, const char *name, page *p) {
  if (strlen(name) > FSX_NAME_MAX) return; /* no folder can have its name: read_entry and site_link said so */
  arena *a = c->s->a;
  catalog_group *g = strmap_get(c->group_by[kind], name);
  if (!g) {
    g = &c->groups[kind][c->ngroups[kind]++];
    g->name = name;
    strmap_put(c->group_by[kind], name, g);
    g->url = arena_printf(a, "%s%s/%s/", c->col->url, kind ? "topic" : "department", term_slug(a, name));
  }
  if (g->n == g->cap) {
    size_t ncap = g->cap ? g->cap * 2 : 8;
    g->datasets = arena_grow(a, g->datasets, g->cap, ncap, sizeof *g->datasets);
    g->cap = ncap;
  }
  g->datasets[g->n++] = p;
}

static void add_release(catalog *c, entry *e, page *p) {
  if (e->nreleases == e->cap) {
    size_t ncap = e->cap ? e->cap * 2 : 4;
    e->releases = arena_grow(c->s->a, e->releases, e->cap, ncap, sizeof *e->releases);
    e->cap = ncap;
  }
  e->releases[e->nreleases++] = p;
}

/* `datasets:` of every built page: each must name a dataset of the catalog. */
static void link_sources(catalog *c) {
  site *s = c->s;
  for (size_t i = 0; i < s->narticles; i++) {
    page *p = s->articles[i];
    yx_node *v = yx_get(p->fm, "datasets");
    if (!v || yx_is_null(v)) continue;
    size_t n = v->kind == YX_SEQ ? v->n : 1;
    sources *src = arena_calloc(s->a, 1, sizeof *src);
    src->datasets = arena_calloc(s->a, n, sizeof *src->datasets);
    for (size_t k = 0; k < n; k++) {
      yx_node *ref = v->kind == YX_SEQ ? v->items[k] : v;
      if (ref->kind != YX_SCALAR) continue; /* the field's format reports it */
      page *t = site_resolve(s, p, ref->str, s->a);
      if (t && !t->fm) continue; /* it could not be loaded, and that was reported */
      entry *e = t ? strmap_get(c->by_page, t->url) : NULL;
      if (!e || e->p != t) {
        diag_error(p->src, ref->line, ref->col, "give the dataset's file (../catalog/x.md) or URL (/catalog/x/)",
                   "\"datasets\" names no dataset of the catalog: \"%s\"", ref->str);
        continue;
      }
      src->datasets[src->n++] = t;
      add_release(c, e, p);
    }
    if (src->n) strmap_put(c->sources, p->url, src);
  }
}

/* The charts whose CSV is one of a dataset's files (charts: ids sorted). */
static void link_charts(catalog *c, entry *e, const chartset *charts) {
  for (size_t i = 0; charts && i < charts->n; i++) {
    const chart_spec *cs = strmap_get(charts->by_id, charts->ids[i]);
    for (size_t k = 0; cs && k < e->ndists; k++)
      if (e->dists[k].path && strcmp(e->dists[k].path, cs->csv_path) == 0) {
        if (!e->charts) e->charts = arena_calloc(c->s->a, charts->n, sizeof *e->charts);
        e->charts[e->ncharts++] = cs;
        break;
      }
  }
}

catalog *catalog_load(site *s, const chartset *charts) {
  site_config *cfg = s->cfg;
  yx_node *y = cfg->catalog;
  if (!y) return NULL;
  if (y->kind != YX_MAP) {
    diag_error(cfg->file, y->line, y->col, "write catalog: {column: catalog, title: …}", "\"catalog\" must be a mapping");
    return NULL;
  }
  arena *a = s->a;
  catalog *c = arena_calloc(a, 1, sizeof *c);
  c->s = s;
  const char *colpath = conf_str(cfg, y, "column", "name the column of the datasets, e.g. column: catalog");
  c->title = conf_str(cfg, y, "title", "the catalog's title, e.g. 云岭区公共数据资源目录");
  c->description = conf_str(cfg, y, "description", "one sentence on what the catalog holds");
  c->publisher = conf_str(cfg, y, "publisher", "who publishes the catalog, e.g. 云岭区数据资源管理局");
  yx_node *cp = yx_get(y, "contact");
  c->contact_name = conf_str(cfg, cp && cp->kind == YX_MAP ? cp : y, cp && cp->kind == YX_MAP ? "name" : "contact",
                             "write contact: {name: 数据资源科, email: sjzy@example.gov.cn}");
  c->contact_email = cp && cp->kind == YX_MAP ? conf_str(cfg, cp, "email", "the contact point's e-mail address") : NULL;
  for (size_t i = 0; colpath && i < s->ncolumns; i++)
    if (strcmp(s->columns[i]->path, colpath) == 0) c->col = s->columns[i];
  if (colpath && (!c->col || !c->col->index) && !(c->col && column_unloaded(c->col))) {
    yx_node *v = yx_get(y, "column");
    diag_error(cfg->file, v->line, v->col, "declare the column under columns: and give it content/<column>/_index.md",
               "catalog column \"%s\" has no list page", colpath);
  }
  if (!c->col || !c->col->index) return NULL;
  if (!c->col->index->built) return NULL; /* its list page is withheld (reported): no catalog this time */
  bool complete = c->title && c->description && c->publisher && c->contact_name &&
                  !(cp && cp->kind == YX_MAP && !c->contact_email);

  c->entries = arena_calloc(a, c->col->npages ? c->col->npages : 1, sizeof *c->entries);
  c->by_page = strmap_new(a);
  c->sources = strmap_new(a);
  for (size_t i = 0; i < c->col->npages; i++) {
    entry *e = &c->entries[c->n++];
    e->p = c->col->pages[i];
    read_entry(c, e);
  }
  qsort(c->entries, c->n, sizeof *c->entries, cmp_title);  /* entry starts with its page */
  size_t ntopics = 0;
  for (size_t i = 0; i < c->n; i++) ntopics += c->entries[i].p->ntopics;
  size_t most[2] = {c->n, ntopics}; /* one group a department, a topic at most */
  for (int k = 0; k < 2; k++) {
    c->groups[k] = arena_calloc(a, most[k] ? most[k] : 1, sizeof *c->groups[k]);
    c->group_by[k] = strmap_new_for(a, most[k]);
  }
  for (size_t i = 0; i < c->n; i++) {
    entry *e = &c->entries[i];
    strmap_put(c->by_page, e->p->url, e);
    link_charts(c, e, charts);
    if (e->department) group_add(c, 0, e->department, e->p);
    for (size_t k = 0; k < e->p->ntopics; k++) group_add(c, 1, e->p->topics[k], e->p);
  }
  for (int k = 0; k < 2; k++) {
    qsort(c->groups[k], c->ngroups[k], sizeof *c->groups[k], cmp_group);
    for (size_t i = 0; i < c->ngroups[k]; i++) /* the groups moved: each name to its new place */
      strmap_put(c->group_by[k], c->groups[k][i].name, &c->groups[k][i]);
  }
  link_sources(c);
  return complete ? c : NULL; /* the datasets were checked all the same: one run reports all */
}

void catalog_inputs_unbuilt(site *s) {
  const yx_node *y = s->cfg->catalog, *cv = y && y->kind == YX_MAP ? yx_get(y, "column") : NULL;
  const char *colpath = cv ? yx_str(cv) : NULL;
  for (size_t i = 0; colpath && i < s->npages; i++) {
    page *p = s->pages[i];
    if (!p->fm || p->built || p->is_index || !p->column || strcmp(p->column->path, colpath) != 0) continue;
    const yx_node *dl = yx_get(p->fm, "distributions");
    for (size_t k = 0; dl && dl->kind == YX_SEQ && k < dl->n; k++) {
      const yx_node *pv = dl->items[k]->kind == YX_MAP ? yx_get(dl->items[k], "path") : NULL;
      const char *rel = pv && pv->kind == YX_SCALAR && path_is_safe_rel(pv->str) ? path_normalize(s->a, pv->str) : NULL;
      if (rel && *rel) page_add_input(s->a, p, rel); /* as read_distribution names it */
    }
  }
}

const column *catalog_column(const catalog *c) { return c->col; }

const catalog_group *catalog_groups(const catalog *c, int kind, size_t *n) {
  *n = c->ngroups[kind];
  return c->groups[kind];
}

page *const *catalog_sources_of(const catalog *c, const page *p, size_t *n) {
  const sources *src = strmap_get(c->sources, p->url);
  *n = src ? src->n : 0;
  return src ? src->datasets : NULL;
}

/* ---- JSON ------------------------------------------------------------------ */

static void jstr(buf *b, const char *s) {
  buf_putc(b, '"');
  esc_json(b, s, strlen(s));
  buf_putc(b, '"');
}

/* ,\n<indent>"key": "value" (nothing when value is NULL) */
static void jkv(buf *b, const char *indent, const char *key, const char *value, bool *first) {
  if (!value) return;
  buf_printf(b, "%s\n%s\"%s\": ", *first ? "" : ",", indent, key);
  jstr(b, value);
  *first = false;
}

/* {"@context": …, "@type": … — the opening of a JSON(-LD) object (no
 * @context when `context` is NULL) */
static void jhead(buf *b, const char *indent, const char *context, const char *type, bool *first) {
  buf_puts(b, "{");
  jkv(b, indent, "@context", context, first);
  jkv(b, indent, "@type", type, first);
}

static const char *dist_url(arena *a, const site_config *cfg, const distribution *d) {
  return d->address ? d->address : url_abs(a, cfg, d->target);
}

static bool chart_copies(const chartset *charts, const char *path) {
  for (size_t i = 0; charts && i < charts->ncsv; i++)
    if (strcmp(charts->csvs[i], path) == 0) return true;
  return false;
}

void catalog_write(const catalog *c, const release *rel, const chartset *charts) {
  const site_config *cfg = c->s->cfg;
  arena *a = arena_new();
  buf b = BUF_INIT;
  bool f = true;
  /* DCAT's terms in plain keys (as DCAT-US writes them), not JSON-LD: no @context */
  jhead(&b, "  ", NULL, "dcat:Catalog", &f);
  jkv(&b, "  ", "title", c->title, &f);
  jkv(&b, "  ", "description", c->description, &f);
  jkv(&b, "  ", "homepage", url_abs(a, cfg, c->col->url), &f);
  jkv(&b, "  ", "language", cfg->language, &f);
  buf_puts(&b, ",\n  \"publisher\": {\"name\": ");
  jstr(&b, c->publisher);
  buf_puts(&b, "},\n  \"contactPoint\": {\"fn\": ");
  jstr(&b, c->contact_name);
  if (c->contact_email) {
    buf_puts(&b, ", \"hasEmail\": ");
    jstr(&b, arena_printf(a, "mailto:%s", c->contact_email));
  }
  buf_puts(&b, "},\n  \"dataset\": [");
  for (size_t i = 0; i < c->n; i++) {
    const entry *e = &c->entries[i];
    const page *p = e->p;
    bool g = true;
    buf_printf(&b, "%s\n    {", i ? "," : "");
    jkv(&b, "      ", "identifier", url_abs(a, cfg, p->url), &g);
    jkv(&b, "      ", "title", p->title, &g);
    jkv(&b, "      ", "description", e->description, &g);
    jkv(&b, "      ", "landingPage", url_abs(a, cfg, p->url), &g);
    jkv(&b, "      ", "issued", p->has_date ? p->date_ymd : NULL, &g);
    jkv(&b, "      ", "accrualPeriodicity", fm_str(p, "update_frequency"), &g);
    jkv(&b, "      ", "temporal", fm_str(p, "temporal"), &g);
    jkv(&b, "      ", "spatial", fm_str(p, "spatial"), &g);
    jkv(&b, "      ", "sharingType", fm_str(p, "sharing"), &g);
    jkv(&b, "      ", "openType", fm_str(p, "open"), &g);
    buf_puts(&b, ",\n      \"publisher\": {\"name\": ");
    jstr(&b, e->department ? e->department : "");
    buf_puts(&b, "}");
    if (fm_str(p, "contact")) {
      buf_puts(&b, ",\n      \"contactPoint\": {\"fn\": ");
      jstr(&b, fm_str(p, "contact"));
      buf_puts(&b, "}");
    }
    buf_puts(&b, ",\n      \"theme\": [");
    for (size_t k = 0; k < p->ntopics; k++) {
      buf_puts(&b, k ? ", " : "");
      jstr(&b, p->topics[k]);
    }
    buf_puts(&b, "],\n      \"distribution\": [");
    for (size_t k = 0; k < e->ndists; k++) {
      const distribution *d = &e->dists[k];
      bool h = true;
      buf_printf(&b, "%s\n        {", k ? "," : "");
      jkv(&b, "          ", "title", d->title, &h);
      jkv(&b, "          ", "downloadURL", dist_url(a, cfg, d), &h);
      jkv(&b, "          ", "format", d->format, &h);
      jkv(&b, "          ", "mediaType", d->media, &h);
      buf_puts(&b, "\n        }");
    }
    buf_puts(&b, e->ndists ? "\n      ]\n    }" : "]\n    }");
  }
  buf_puts(&b, c->n ? "\n  ]\n}\n" : "]\n}\n");
  release_write(rel, "data/catalog.json", b.data, b.len);
  buf_free(&b);
  strmap *copied = strmap_new(a); /* two datasets may name one file */
  for (size_t i = 0; i < c->n; i++)
    for (size_t k = 0; k < c->entries[i].ndists; k++) {
      const distribution *d = &c->entries[i].dists[k];
      if (d->chart_csv && !chart_copies(charts, d->chart_csv) && !strmap_get(copied, d->chart_csv)) {
        strmap_put(copied, d->chart_csv, (void *)d->chart_csv);
        release_copy(rel, d->chart_csv, path_join(a, cfg->root, d->chart_csv), FOLD_UNCOMPARED);
      }
    }
  arena_free(a);
}

/* schema.org Dataset, safe inside <script>: esc_json writes < > & as \u00XX. */
static const char *json_ld(arena *a, const catalog *c, const entry *e) {
  const site_config *cfg = c->s->cfg;
  const page *p = e->p;
  buf b = BUF_INIT;
  bool f = true;
  jhead(&b, "", "https://schema.org", "Dataset", &f);
  jkv(&b, "", "name", p->title, &f);
  jkv(&b, "", "description", e->description, &f);
  jkv(&b, "", "url", url_abs(a, cfg, p->url), &f);
  jkv(&b, "", "datePublished", p->has_date ? p->date_ymd : NULL, &f);
  jkv(&b, "", "temporalCoverage", fm_str(p, "temporal"), &f);
  if (fm_str(p, "spatial")) {
    buf_puts(&b, ",\n\"spatialCoverage\": {\"@type\": \"Place\", \"name\": ");
    jstr(&b, fm_str(p, "spatial"));
    buf_puts(&b, "}");
  }
  buf_puts(&b, ",\n\"publisher\": {\"@type\": \"Organization\", \"name\": ");
  jstr(&b, e->department ? e->department : c->publisher);
  buf_puts(&b, "},\n\"includedInDataCatalog\": {\"@type\": \"DataCatalog\", \"name\": ");
  jstr(&b, c->title);
  buf_puts(&b, ", \"url\": ");
  jstr(&b, url_abs(a, cfg, c->col->url));
  buf_puts(&b, "},\n\"distribution\": [");
  for (size_t k = 0; k < e->ndists; k++) {
    const distribution *d = &e->dists[k];
    buf_puts(&b, k ? ", " : "");
    buf_puts(&b, "{\"@type\": \"DataDownload\", \"name\": ");
    jstr(&b, d->title);
    buf_puts(&b, ", \"contentUrl\": ");
    jstr(&b, dist_url(a, cfg, d));
    buf_puts(&b, ", \"encodingFormat\": ");
    jstr(&b, d->media);
    buf_puts(&b, "}");
  }
  buf_puts(&b, "]}");
  const char *out = arena_strndup(a, b.data, b.len);
  buf_free(&b);
  return out;
}

/* ---- template data ------------------------------------------------------- */

static void row(arena *a, tval *list, const char *label, const char *value) {
  if (!value) return;
  tval *m = tv_map(a);
  tv_set_str(a, m, "label", label);
  tv_set_str(a, m, "value", value);
  tv_push(a, list, m);
}

static tval *page_links(arena *a, const urlctx *u, page *const *pages, size_t n) {
  tval *l = tv_list(a);
  for (size_t i = 0; i < n; i++) {
    tval *x = tv_map(a);
    tv_set_str(a, x, "title", pages[i]->title);
    tv_set(a, x, "url", tv_str(a, url_to(a, u, pages[i]->url)));
    tv_push(a, l, x);
  }
  return l;
}

static tval *dataset_data(arena *a, const catalog *c, const urlctx *u, const entry *e, const tval *nav) {
  const page *p = e->p;
  tval *m = tv_map(a);
  tv_set_str(a, m, "department", e->department);
  const catalog_group *g = e->department ? strmap_get(c->group_by[0], e->department) : NULL;
  if (g) tv_set(a, m, "department_url", tv_str(a, url_to(a, u, g->url)));
  tv_set_str(a, m, "description", e->description);
  tval *meta = tv_list(a);
  row(a, meta, "提供部门", e->department);
  row(a, meta, "更新频率", fm_str(p, "update_frequency"));
  row(a, meta, "共享类型", fm_str(p, "sharing"));
  row(a, meta, "开放类型", fm_str(p, "open"));
  row(a, meta, "数据格式", fm_str(p, "format"));
  row(a, meta, "时间范围", fm_str(p, "temporal"));
  row(a, meta, "空间范围", fm_str(p, "spatial"));
  row(a, meta, "联系方式", fm_str(p, "contact"));
  row(a, meta, "发布日期", p->has_date ? p->date_ymd : NULL);
  tv_set(a, m, "meta", meta);
  tval *fields = tv_list(a);
  yx_node *fl = yx_get(p->fm, "fields");
  for (size_t i = 0; fl && fl->kind == YX_SEQ && i < fl->n; i++) {
    yx_node *it = fl->items[i];
    if (it->kind != YX_MAP) continue;
    tval *f = tv_map(a);
    static const char *const keys[] = {"name", "type", "description"};
    for (size_t k = 0; k < 3; k++) {
      /* every key set, "" when absent: in {{#fields}} a missing key would
       * be looked up in the dataset itself (Mustache climbs the context),
       * and the dataset's description would show as the field's */
      yx_node *v = yx_get(it, keys[k]);
      tv_set_str(a, f, keys[k], v && v->kind == YX_SCALAR ? v->str : "");
    }
    tv_push(a, fields, f);
  }
  tv_set(a, m, "fields", fields);
  tv_set_bool(a, m, "has_fields", fields->u.list.n > 0);
  tval *dl = tv_list(a);
  for (size_t k = 0; k < e->ndists; k++) {
    const distribution *d = &e->dists[k];
    tval *x = tv_map(a);
    tv_set_str(a, x, "title", d->title);
    tv_set_str(a, x, "format", d->format);
    tv_set(a, x, "url", tv_str(a, d->address ? d->address : url_to(a, u, d->target)));
    tv_push(a, dl, x);
  }
  tv_set(a, m, "downloads", dl);
  tv_set(a, m, "releases", page_links(a, u, e->releases, e->nreleases));
  tval *charts = tv_list(a);
  for (size_t k = 0; k < e->ncharts; k++) {
    tval *x = tv_map(a);
    tv_set_str(a, x, "title", e->charts[k]->title);
    tv_set(a, x, "svg_url", tv_str(a, url_to(a, u, arena_printf(a, "charts/%s.svg", e->charts[k]->id))));
    tv_push(a, charts, x);
  }
  tv_set(a, m, "charts", charts);
  tv_set_bool(a, m, "has_related", e->nreleases || e->ncharts);
  tv_set(a, m, "catalog", (tval *)nav);
  const char *ld = json_ld(a, c, e);
  tv_set(a, m, "json_ld", tv_html(a, ld, strlen(ld)));
  return m;
}

void catalog_page_data(arena *a, const catalog *c, const urlctx *u, const page *p, tval *pg, const tval *nav) {
  const entry *e = strmap_get(c->by_page, p->url);
  if (e && e->p == p) tv_set(a, pg, "dataset", dataset_data(a, c, u, e, nav ? nav : catalog_nav(a, c, u)));
  const sources *src = strmap_get(c->sources, p->url);
  if (src) {
    tval *m = tv_map(a); /* a map: a section over it renders once */
    tv_set(a, m, "items", page_links(a, u, src->datasets, src->n));
    tv_set(a, pg, "datasets", m);
  }
}

/* The keys of catalog_nav's lists, by kind. */
static const char *const nav_keys[] = {"departments", "topics"};

tval *catalog_nav(arena *a, const catalog *c, const urlctx *u) {
  tval *m = tv_map(a);
  tv_set_str(a, m, "title", c->title);
  tv_set(a, m, "url", tv_str(a, url_to(a, u, c->col->url)));
  tv_set(a, m, "json_url", tv_str(a, url_to(a, u, "data/catalog.json")));
  /* for the filter script: where the site's pages are from this page, and
   * the base_url that begins every landingPage of catalog.json */
  tv_set(a, m, "root_url", tv_str(a, url_base(a, u)));
  tv_set_str(a, m, "base_url", u->cfg->base_url);
  tv_set(a, m, "count", tv_num(a, (double)c->n));
  for (int kind = 0; kind < 2; kind++) {
    tval *l = tv_list(a);
    for (size_t i = 0; i < c->ngroups[kind]; i++) {
      const catalog_group *g = &c->groups[kind][i];
      tval *x = tv_map(a);
      tv_set_str(a, x, "name", g->name);
      tv_set(a, x, "url", tv_str(a, url_to(a, u, g->url)));
      tv_set(a, x, "count", tv_num(a, (double)g->n));
      tv_set_bool(a, x, "current", false);
      tv_push(a, l, x);
    }
    tv_set(a, m, nav_keys[kind], l);
  }
  return m;
}

tval *catalog_nav_current(arena *a, const tval *nav, int kind, size_t i) {
  tval *m = tv_map_copy(a, nav, 0), *l = tv_list_copy(a, tv_get(nav, nav_keys[kind]));
  tval *x = tv_map_copy(a, l->u.list.items[i], 0);
  tv_set_bool(a, x, "current", true); /* replaces false: the key keeps its place */
  l->u.list.items[i] = x;
  tv_set(a, m, nav_keys[kind], l);
  return m;
}

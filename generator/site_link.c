/* site_link: the whole-site pass of the model (see site.h): URLs and
 * duplicates (and the names a column's list keeps: site_reserved_name),
 * the column tree and its sorted pages, policy ↔ interpretation links both
 * ways, unique fields (索引号), taxonomies, and neighbours. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "fields.h"
#include "fsx.h"
#include "index_no.h"
#include "own_pages.h"
#include "page_sort.h"
#include "pager.h"
#include "pool.h"
#include "path_fold.h"
#include "site.h"

/* Columns appear (menu, home page, child lists) in the order site.yaml
 * declares them. */
static int cmp_columns(const void *a, const void *b) {
  const column *x = *(column *const *)a, *y = *(column *const *)b;
  const column_cfg *cx = x->cfg, *cy = y->cfg;
  if (cx && cy && cx != cy) return cx < cy ? -1 : 1;
  return strcmp(x->path, y->path);
}

static void push_page(arena *a, page ***v, size_t *n, size_t *cap, page *p) {
  if (*n == *cap) {
    size_t nc = *cap ? *cap * 2 : 8;
    *v = arena_grow(a, *v, *n, nc, sizeof **v);
    *cap = nc;
  }
  (*v)[(*n)++] = p;
}

/* What govpub writes at the site's root besides the home page and its
 * feed, named (in any case) → in words after "writes": render.c (404.html,
 * search/, the taxonomies' lists), extras.c (sitemap, robots.txt),
 * pubdates.c.  What it writes before the pages (the static files, the
 * charts) a page's write is refused by, at its file: not here. */
static const struct {
  const char *name, *what;
} root_names[] = {
    {OWN_404, "the page of an address that does not exist (/" OWN_404 ")"},
    {"robots.txt", "the site's robots.txt (/robots.txt)"},
    {"sitemap.xml", "the sitemap (/sitemap.xml)"},
    {"published-dates.tsv", "the dates pages were first published (/published-dates.tsv)"},
    {OWN_SEARCH_DIR, "the search page and its index (/" OWN_SEARCH ")"},
    {OWN_TAGS_DIR, "the list of tags (/" OWN_TAGS ")"},
    {OWN_TOPICS_DIR, "the list of topics (/" OWN_TOPICS ")"},
};

/* sitemap-<n>.xml: a part of a sitemap of more than sitemap_max_urls. */
static bool sitemap_part(const char *name) {
  size_t digits = strncasecmp(name, "sitemap-", 8) == 0 ? strspn(name + 8, "0123456789") : 0;
  return digits && strcasecmp(name + 8 + digits, ".xml") == 0;
}

/* The column site.yaml's catalog.column names (catalog.c writes its
 * groups' pages there, and data/catalog.json), or NULL: no catalog. */
static const char *catalog_column(const site_config *cfg) {
  const yx_node *c = cfg->catalog && cfg->catalog->kind == YX_MAP ? yx_get(cfg->catalog, "column") : NULL;
  return yx_str(c);
}

static const char catalog_json[] = "the data catalog (/data/catalog.json)";

/* What the data catalog writes at `name` in the column `column`: its
 * groups' pages in its own column (catalog.c: department/<name>/ and
 * topic/<name>/), its catalog.json in data/; else NULL. */
static const char *catalog_name(arena *a, const site_config *cfg, const char *column, const char *name) {
  const char *cat = catalog_column(cfg);
  if (!cat) return NULL;
  if (strcmp(column, "data") == 0 && strcasecmp(name, "catalog.json") == 0) return catalog_json;
  bool dep = strcasecmp(name, "department") == 0;
  if (strcmp(column, cat) != 0 || (!dep && strcasecmp(name, "topic") != 0)) return NULL;
  return arena_printf(a, "the data catalog's %s pages (/%s/%s/…)", dep ? "提供部门" : "主题", column,
                      dep ? "department" : "topic");
}

const char *site_reserved_name(arena *a, const site_config *cfg, const char *column, const char *name) {
  bool root = !column[0];
  if (strcasecmp(name, "index.html") == 0)
    return root ? "the home page (/index.html)" : arena_printf(a, "the list of %s (/%s/index.html)", column, column);
  if (strcasecmp(name, "index.xml") == 0)
    return root ? "the site's feed (/index.xml)" : arena_printf(a, "the feed of %s (/%s/index.xml)", column, column);
  if (!root)
    return strcasecmp(name, "page") == 0
               ? arena_printf(a, "the further pages of the list of %s (/%s/page/2/, …)", column, column)
               : catalog_name(a, cfg, column, name);
  for (size_t i = 0; i < sizeof root_names / sizeof *root_names; i++)
    if (strcasecmp(name, root_names[i].name) == 0) return root_names[i].what;
  return sitemap_part(name) ? "a part of the sitemap (/sitemap-1.xml, …)" : NULL;
}

const char *site_reserved_hint(const site_config *cfg, const char *column) {
  const char *cat = catalog_column(cfg);
  if (!column[0])
    return "at the site's root, index.html, index.xml, 404.html, robots.txt, sitemap.xml, "
           "published-dates.tsv, " OWN_SEARCH ", " OWN_TAGS " and " OWN_TOPICS " are govpub's";
  if (cat && strcmp(column, cat) == 0)
    return "in the data catalog's column, department/, topic/, page/, index.html and index.xml are govpub's";
  if (cat && strcmp(column, "data") == 0)
    return "a column's page/, index.html and index.xml are govpub's, and data/catalog.json the data catalog's";
  return "a column's page/, index.html and index.xml are govpub's";
}

/* A column whose folder is named as what its parent column writes (news/page). */
static void check_column_names(site *s, arena *a) {
  for (size_t i = 1; i < s->ncolumns; i++) {
    column *col = s->columns[i];
    const char *slash = strrchr(col->path, '/');
    const char *own = col->cfg && col->parent
                          ? site_reserved_name(a, s->cfg, col->parent->path, slash ? slash + 1 : col->path)
                          : NULL;
    if (own)
      diag_error(s->cfg->file, col->cfg->line, col->cfg->col,
                 arena_printf(a, "rename the folder and its entry under columns: (%s)",
                              site_reserved_hint(s->cfg, col->parent->path)),
                 "column \"%s\" is where govpub writes %s", col->path, own);
    col->taken = own != NULL || (col->parent && col->parent->taken); /* columns sort parents first */
  }
}

/* URL → page and file → page, in `a` (site_link: a worker arena of the site). */
static void map_urls(site *s, arena *a) {
  s->by_url = strmap_new_for(a, s->npages);
  s->by_rel = strmap_new_for(a, s->npages);
  strmap *by_fold = s->placing_checked ? NULL : strmap_new_for(a, s->npages);
  if (!s->placing_checked) check_column_names(s, a);
  for (size_t i = 0; i < s->npages; i++) {
    page *p = s->pages[i];
    strmap_put(s->by_rel, p->rel, p);
    if (!p->fm) {
      if (!s->unloaded) s->unloaded = strmap_new(a);
      strmap_put(s->unloaded, page_file_url(a, p), p);
    }
    if (!p->fm || !p->built) continue;
    page *other = strmap_put(s->by_url, p->url, p);
    if (s->placing_checked) continue;
    const char *own = p->is_index ? NULL : site_reserved_name(a, s->cfg, p->column->path, p->slug);
    p->url_taken = own || p->column->taken; /* said once, here: not again where it is written */
    if (own) {
      const yx_node *slug = page_field(s, p, "slug");
      diag_error(p->src, slug ? slug->line : 1, slug ? slug->col : 1,
                 arena_printf(a, slug ? "choose another slug (%s)" : "rename the file, or give the page a slug: (%s)",
                              site_reserved_hint(s->cfg, p->column->path)),
                 "URL /%s is where govpub writes %s", p->url, own);
      continue;
    }
    if (other) {
      diag_error(p->src, 1, 1, "give one of them another file name or slug",
                 "URL /%s is also the URL of %s", p->url, other->src);
      continue;
    }
    other = strmap_put(by_fold, path_fold(a, p->url), p);
    if (other)
      diag_error(p->src, 1, 1,
                 "rename one: a server on a case-insensitive or normalising file system "
                 "(Windows, macOS) would serve one page for both",
                 "URL /%s differs from /%s (%s) only in case or Unicode normalisation", p->url,
                 other->url, other->src);
  }
}

/* A declared column without its _index.md page: its file is missing, or
 * left out of this build (an error: the column would have no page).  A file
 * that could not be loaded was reported where it failed. */
static void missing_index(site *s, const column *col) {
  const page *f = col->index_file;
  if (!f) {
    const char *hint = arena_printf(s->a, "write %s/_index.md: the lines ---, title: <the column's name>, "
                                    "description: <a sentence>, --- (docs/editors.md, \"Columns\")",
                                    content_path(s, col->path));
    diag_error(content_path(s, col->path), 0, 0, hint, "column \"%s\" has no _index.md", col->path);
    return;
  }
  if (column_unloaded(col)) return;
  const char *field = NULL, *hint;
  switch (page_left_out(s, f)) {
  case LEFT_OUT_DISCLOSURE:
    field = "disclosure"; /* absent: a default of site.yaml */
    hint = "make the column's _index.md 主动公开, or remove the column";
    break;
  case LEFT_OUT_DRAFT:
    field = "draft";
    hint = "take `draft: true` out of the column's _index.md, or remove the column";
    break;
  default: /* LEFT_OUT_NONE: the review gate withheld it, and said why */
    hint = "have the column's _index.md signed off again (docs/reviewers.md)";
  }
  const yx_node *v = field ? page_field(s, f, field) : NULL;
  diag_error(f->src, v ? v->line : 1, v ? v->col : 1, hint, "column \"%s\" would have no page: its _index.md is %s",
             col->path, page_left_out_text(s->a, s, f));
}

/* The articles as lists place them (site.listing): the articles themselves
 * while every page is listed by its date; a copy sorted by page.listed when
 * there are letters, listed by their 答复日期. */
static void list_order(site *s) {
  s->listing = s->articles;
  size_t i = 0;
  while (i < s->narticles && !s->articles[i]->is_letter) i++;
  if (i == s->narticles) return;
  s->listing = arena_alloc(s->a, s->narticles * sizeof *s->listing);
  memcpy(s->listing, s->articles, s->narticles * sizeof *s->listing);
  page_sort_listed(s->listing, s->narticles);
}

static void build_columns(site *s) {
  size_t nart = 0, capart = 0;
  for (size_t i = 0; i < s->npages; i++) {
    page *p = s->pages[i];
    if (p->is_index) p->column->index_file = p;
    if (!p->fm || !p->built) continue;
    if (p->is_index) {
      p->column->index = p;
      continue;
    }
    push_page(s->a, &p->column->pages, &p->column->npages, &p->column->cap, p);
    push_page(s->a, &s->articles, &nart, &capart, p);
  }
  s->narticles = nart;
  page_sort_newest(s->articles, nart);
  for (size_t i = 0; i < nart; i++) s->articles[i]->article_pos = (int)i;
  list_order(s);
  for (size_t i = 0; i < s->ncolumns; i++) {
    column *col = s->columns[i];
    page_sort_column(col->pages, col->npages);
    for (size_t k = 0; k < col->npages; k++) {
      col->pages[k]->column_pos = (int)k;
      col->pages[k]->next = k > 0 ? col->pages[k - 1] : NULL;
      col->pages[k]->prev = k + 1 < col->npages ? col->pages[k + 1] : NULL;
    }
    if (i > 0 && !col->index && col->cfg) missing_index(s, col);
    if (col->parent) {
      column *par = col->parent;
      par->children = arena_grow(s->a, par->children, par->nchildren, par->nchildren + 1,
                                 sizeof *par->children);
      par->children[par->nchildren++] = col;
    }
  }
  for (size_t i = 0; i < s->ncolumns; i++)
    if (s->columns[i]->nchildren > 1)
      qsort(s->columns[i]->children, s->columns[i]->nchildren, sizeof(column *), cmp_columns);
}

static page *resolve_ref(site *s, page *p, yx_node *v) {
  page *t = site_resolve(s, p, v->str, s->a);
  if (!t) /* one that could not be loaded was reported (site.h) */
    diag_error(p->src, v->line, v->col, "give the other page's URL (/policy/x/) or its file (../policy/x.md)",
               "\"%s\" names no page", v->str);
  return t && t->fm ? t : NULL;
}

static bool has_interpretation(const page *pol, const page *it) {
  for (size_t i = 0; i < pol->ninterpretations; i++)
    if (pol->interpretations[i] == it) return true;
  return false;
}

static void add_interpretation(site *s, page *pol, page *it) {
  if (has_interpretation(pol, it)) return;
  pol->interpretations = arena_grow(s->a, pol->interpretations, pol->ninterpretations,
                                    pol->ninterpretations + 1, sizeof(page *));
  pol->interpretations[pol->ninterpretations++] = it;
}

/* Policy ↔ interpretation: either side may name the other; both get linked,
 * and two sides that disagree are an error. */
static void link_relations(site *s) {
  for (size_t i = 0; i < s->npages; i++) {
    page *p = s->pages[i];
    if (!p->fm) continue;
    yx_node *v = p->interpretations_node;
    if (v && !yx_is_null(v)) {
      size_t n = v->kind == YX_SEQ ? v->n : 1;
      for (size_t k = 0; k < n; k++) {
        yx_node *item = v->kind == YX_SEQ ? v->items[k] : v;
        if (item->kind != YX_SCALAR) continue;
        page *t = resolve_ref(s, p, item);
        if (t) add_interpretation(s, p, t);
      }
    }
    v = p->interprets_node;
    if (v && v->kind == YX_SCALAR && v->len) {
      page *t = resolve_ref(s, p, v);
      if (t) p->interprets = t;
    }
  }
  for (size_t i = 0; i < s->npages; i++) {
    page *p = s->pages[i];
    for (size_t k = 0; k < p->ninterpretations; k++) {
      page *it = p->interpretations[k];
      if (!it->interprets) it->interprets = p;
      else if (it->interprets != p)
        diag_error(it->src, it->interprets_node ? it->interprets_node->line : 1,
                   it->interprets_node ? it->interprets_node->col : 1,
                   "make the policy's interpretations: and the interpretation's interprets: agree",
                   "interprets %s, but %s lists it as its interpretation", it->interprets->src, p->src);
    }
  }
  for (size_t i = 0; i < s->npages; i++)
    if (s->pages[i]->interprets) add_interpretation(s, s->pages[i]->interprets, s->pages[i]);
}

static void check_unique(site *s, arena *a) {
  for (size_t f = 0; f < s->cfg->nfields; f++) {
    const field_spec *fs = &s->cfg->fields[f];
    if (!fs->unique) continue;
    strmap *seen = strmap_new_for(a, s->npages);
    for (size_t i = 0; i < s->npages; i++) {
      page *p = s->pages[i];
      yx_node *v = p->fm && p->built ? yx_get(p->fm, fs->name) : NULL;
      if (!yx_str(v) || !v->len) continue;
      page *other = strmap_put(seen, v->str, p);
      if (!other) continue;
      const char *next = fs->format == FMT_INDEX_NO && index_no_valid(v->str)
                             ? index_no_next(a, s, fs->name, v->str, atoi(strrchr(v->str, '/') + 1))
                             : NULL;
      const char *hint = next ? arena_printf(a, "each document needs its own; the next free one is %s", next)
                              : "each document needs its own; check the serial number";
      diag_error(p->src, v->line, v->col, hint, "duplicate %s \"%s\" (also in %s)", fs->name, v->str, other->src);
    }
  }
}

const char *term_slug(arena *a, const char *name) {
  char *s = arena_strdup(a, name);
  for (char *c = s; *c; c++)
    if (strchr("/\\?#%\"<> \t", *c) || (unsigned char)*c < 0x20) *c = '-';
  if (strcmp(s, ".") == 0 || strcmp(s, "..") == 0) s[0] = '-';
  return s;
}

static int cmp_terms(const void *a, const void *b) {
  return strcmp((*(term *const *)a)->name, (*(term *const *)b)->name);
}

static term unnamable; /* as_written's mark of a name too long for a folder */

/* build_taxonomy visits the articles newest first, which is all over the
 * model: it asks for the name lists eight articles ahead and for their
 * strings four ahead, so that the memory is there when it gets to them
 * (the tags of 10k pages: 3.7 ms → 1.4 ms). */
static void fetch_names_ahead(const site *s, size_t i, bool tags) {
  if (i + 8 < s->narticles) {
    const page *q = s->articles[i + 8];
    __builtin_prefetch(tags ? q->tags : q->topics);
  }
  if (i + 4 < s->narticles) {
    const page *q = s->articles[i + 4];
    size_t n = tags ? q->ntags : q->ntopics;
    const char **names = tags ? q->tags : q->topics;
    for (size_t k = 0; k < n; k++) __builtin_prefetch(names[k]);
  }
}

/* The taxonomies, in s->tax's order: the front matter field a page names
 * its terms in, the folder of their pages (own_pages.h), their title. */
static const struct {
  const char *key, *url, *title;
} taxonomies[2] = {{"tags", OWN_TAGS, "标签"}, {"topics", OWN_TOPICS, "专题"}};

/* s->tax[which] (taxonomies[which]) from the articles' terms. */
static void build_taxonomy(site *s, int which) {
  taxonomy *t = &s->tax[which];
  const char *key = taxonomies[which].key;
  t->key = key;
  t->title = taxonomies[which].title;
  t->url = taxonomies[which].url;
  size_t cap = 0;
  bool tags = which == 0;
  strmap *as_written = strmap_new(s->a); /* a name as pages write it → its term, or &unnamable */
  t->by_written = strmap_new(s->a);
  strmap *by_fold = strmap_new(s->a);    /* path_fold(slug) → its term: Data and data, café as NFC and NFD, */
                                         /* are one term (one folder; two would be one file on some servers) */
  for (size_t i = 0; i < s->narticles; i++) {
    page *p = s->articles[i];
    fetch_names_ahead(s, i, tags);
    size_t n = tags ? p->ntags : p->ntopics;
    const char **names = tags ? p->tags : p->topics;
    for (size_t k = 0; k < n; k++) {
      term *tm = strmap_get(as_written, names[k]);
      if (tm == &unnamable) continue;
      if (!tm) {
        const char *slug = term_slug(s->a, names[k]);
        size_t len = strlen(slug); /* the item's position only when said: finding it reads the list */
        if (len > FSX_NAME_MAX &&
            page_name_too_long(p, yx_holder(page_field(s, p, key), names[k]), tags ? "tag" : "topic", len,
                               "its page is a folder named after it")) { /* said at its first page, newest first */
          strmap_put(as_written, names[k], &unnamable);
          continue;
        }
        const char *fold = path_fold(s->a, slug);
        tm = strmap_get(by_fold, fold);
        if (!tm) {
          tm = arena_calloc(s->a, 1, sizeof *tm);
          strmap_put(by_fold, fold, tm);
          if (t->nterms == cap) {
            cap = cap ? cap * 2 : 16;
            t->terms = arena_grow(s->a, t->terms, t->nterms, cap, sizeof *t->terms);
          }
          t->terms[t->nterms++] = tm;
        }
        tm->name = names[k]; /* a new term, or another spelling of one: the oldest page's names it */
        tm->slug = slug;     /* (newest first here), so that a newer page never moves its folder */
        tm->url = arena_printf(s->a, "%s%s/", t->url, slug);
        strmap_put(as_written, names[k], tm);
        strmap_put(t->by_written, names[k], tm);
      }
      if (tm->npages == 0 || tm->pages[tm->npages - 1] != p)
        push_page(s->a, &tm->pages, &tm->npages, &tm->cap, p);
    }
  }
  if (t->nterms) qsort(t->terms, t->nterms, sizeof *t->terms, cmp_terms);
  if (s->listing != s->articles) /* a letter is listed by its 答复日期: its terms' lists too */
    for (size_t i = 0; i < t->nterms; i++) page_sort_listed(t->terms[i]->pages, t->terms[i]->npages);
}

/* path_fold(URL) → its page, for every article and column page. */
static strmap *url_folds(site *s) {
  strmap *folds = strmap_new(s->a);
  for (size_t i = 0; i < s->narticles; i++) strmap_put(folds, path_fold(s->a, s->articles[i]->url), s->articles[i]);
  for (size_t i = 0; i < s->ncolumns; i++)
    if (s->columns[i]->index) strmap_put(folds, path_fold(s->a, s->columns[i]->url), s->columns[i]->index);
  return folds;
}

/* path_fold(a column's URL) → the column, made at site_written_at's first call. */
static strmap *column_folds(site *s) {
  if (s->column_folds) return s->column_folds;
  s->column_folds = strmap_new_for(s->a, s->ncolumns);
  for (size_t i = 0; i < s->ncolumns; i++)
    strmap_put(s->column_folds, path_fold(s->a, s->columns[i]->url), s->columns[i]);
  return s->column_folds;
}

const char *site_written_at(site *s, const char *path, size_t *depth, const char **hint) {
  if (catalog_column(s->cfg) && strncmp(path, "data/catalog.json", 17) == 0 && (!path[17] || path[17] == '/')) {
    *depth = 2;
    *hint = "data/catalog.json is the data catalog's, docs/catalog.md";
    return catalog_json;
  }
  size_t names = 0; /* before `name` */
  for (const char *name = path; *name; names++) {
    size_t n = strcspn(name, "/");
    const column *col = name == path ? s->columns[0]
                                     : strmap_get(column_folds(s), arena_strndup(s->a, path, (size_t)(name - path)));
    const char *own = col && n ? site_reserved_name(s->a, s->cfg, col->path, arena_strndup(s->a, name, n)) : NULL;
    if (own) {
      *depth = names + 1;
      *hint = site_reserved_hint(s->cfg, col->path);
      return own;
    }
    if (!name[n]) break;
    name += n + 1;
  }
  return NULL;
}

/* The taxonomy of which the alias folder `al` is a term's folder, one
 * name under tags/ or topics/ as govpub writes them ("tags/会议/", not
 * "TAGS/会议/"), or NULL: such a folder is free while no page has that tag, so that the address of
 * a tag taken off its last page can send its readers on (check_gone.c),
 * as an alias of a Hugo site can; check_aliases refuses it where a tag's
 * page is built, in any case (Data is data). */
static const taxonomy *term_folder(const site *s, const char *al) {
  for (int t = 0; t < 2; t++) {
    size_t n = strlen(s->tax[t].url);
    if (strncmp(al, s->tax[t].url, n) != 0) continue;
    size_t name = strcspn(al + n, "/");
    return name && strcmp(al + n + name, "/") == 0 ? &s->tax[t] : NULL;
  }
  return NULL;
}

/* What govpub itself writes at the alias folder `al` ("x/y/"), or NULL:
 * the search page, the taxonomies' pages but a term's folder (term_folder),
 * a list's further pages (<column>page/N/, page/N/ for the home page);
 * compared once folded (/Search/ is /search/ on some servers). */
static const char *generated_at(site *s, const char *alias) {
  static const struct { const char *prefix, *what; } own[] = {
      {OWN_SEARCH, "the search page"}, {OWN_TAGS, "the 标签 pages"}, {OWN_TOPICS, "the 专题 pages"}};
  if (term_folder(s, alias)) return NULL;
  const char *al = path_fold(s->a, alias);
  for (size_t i = 0; i < sizeof own / sizeof *own; i++)
    if (strncmp(al, own[i].prefix, strlen(own[i].prefix)) == 0) return own[i].what;
  size_t list;
  if (pager_list_of(al, &list)) {
    if (!list) return "a further page of the home page's list";
    const char *col = arena_strndup(s->a, al, list);
    for (size_t i = 0; i < s->ncolumns; i++)
      if (strcmp(path_fold(s->a, s->columns[i]->url), col) == 0) return "a further page of its column's list";
  }
  size_t depth;
  const char *hint;
  return site_written_at(s, al, &depth, &hint);
}

/* Keeps the address `alias` of p's redirect to page `pageno` of its list
 * (1: the alias itself) in s->aliases, after those of its fold before it. */
static void keep_alias(site *s, const char *fold, const page *p, const char *alias, size_t pageno) {
  site_alias *o = arena_alloc(s->a, sizeof *o);
  *o = (site_alias){p, alias, pageno, NULL};
  site_alias *at = strmap_get(s->aliases, fold);
  if (!at) {
    strmap_put(s->aliases, fold, o);
    return;
  }
  while (at->next) at = at->next;
  at->next = o;
}

/* path_fold(a term's URL) → its term, for both taxonomies (made at the
 * first alias in a term's folder). */
static strmap *term_folds(site *s) {
  strmap *m = strmap_new(s->a);
  for (int t = 0; t < 2; t++)
    for (size_t k = 0; k < s->tax[t].nterms; k++)
      strmap_put(m, path_fold(s->a, s->tax[t].terms[k]->url), s->tax[t].terms[k]);
  return m;
}

const site_alias *site_alias_at(const site *s, arena *a, const char *url) {
  const site_alias *at = NULL;
  for (const site_alias *o = strmap_get(s->aliases, path_fold(a, url)); o; o = o->next)
    if (strcmp(o->alias, url) == 0) at = o;
  return at;
}

const page *site_alias_page(const site *s, arena *a, const char *url) {
  const site_alias *at = site_alias_at(s, a, url);
  return at ? at->p : NULL;
}

size_t site_alias_pages(const site *s, const page *p) {
  return p->is_index && p->column != s->columns[0] ? pager_pages(p->column->npages, s->cfg->paginate) : 1;
}

/* Keeps the redirects of p's alias `al` (its fold `fold`): at the alias,
 * and a column's at its further list pages (site_alias_pages). */
static void keep_redirects(site *s, const char *fold, const page *p, const char *al) {
  keep_alias(s, fold, p, al, 1);
  for (size_t n = 2, pages = site_alias_pages(s, p); n <= pages; n++) {
    const char *at = pager_url(s->a, al, n);
    keep_alias(s, path_fold(s->a, at), p, at, n);
  }
}

/* What check_aliases makes at its first need: path_fold(URL) → its page
 * (url_folds), and path_fold(a term's URL) → its term (term_folds). */
typedef struct {
  strmap *folds, *terms;
} alias_maps;

static const char fold_alias_hint[] = "remove the alias or rename it: a server on a case-insensitive or normalising "
                                     "file system (Windows, macOS) would serve one redirect for both";

/* Whether the addresses of the redirects of a column's alias `al` (free
 * itself) to the further pages of its list (site_alias_pages) are free
 * too: not an alias kept before, also once folded; the first that is not
 * is said at the alias (line, col).  Nothing else can be there: a page at
 * <al>page/N/ is in a column <al>page, below a column <al> (every folder
 * of content/ is one), so at its list's further pages, an error of its
 * own, and <al> is that column's URL; what govpub writes is below a
 * column's URL, or a tag's folder, which an alias keeps only while no
 * page has the tag. */
static bool further_pages_free(site *s, const page *p, const char *al, int line, int col) {
  for (size_t n = 2, pages = site_alias_pages(s, p); n <= pages; n++) {
    const char *at = pager_url(s->a, al, n);
    const site_alias *o = strmap_get(s->aliases, path_fold(s->a, at));
    if (!o) continue;
    bool same = strcmp(o->alias, at) == 0;
    diag_error(p->src, line, col,
               same ? "keep the address on one page: it can send readers to one only" : fold_alias_hint,
               "alias /%s would redirect /%s to page %zu of the column's list, but that %s", al, at, n,
               same ? arena_printf(s->a, "is also an alias of %s", o->p->src)
                    : arena_printf(s->a, "differs from the alias /%s of %s only in case or Unicode normalisation",
                                   o->alias, o->p->src));
    return false;
  }
  return true;
}

/* Where the redirect o to a further page of a column's list (pageno > 1)
 * comes from, as a message about an alias at its address says it: "the
 * alias /x/ of SRC redirects page 2 of the column's list". */
static const char *redirected_by(arena *a, const site_alias *o) {
  size_t base = 0;
  pager_list_of(o->alias, &base); /* pager_url made it: true */
  return arena_printf(a, "the alias /%.*s of %s redirects page %zu of the column's list", (int)base, o->alias,
                      o->p->src, o->pageno);
}

/* The aliases of the built page p (site_alias_holder) as paths with a final
 * slash, each kept in s->aliases; clashes with URLs, with what govpub
 * writes and with other aliases (also once folded) reported, unless
 * s->placing_checked. */
static void check_page_aliases(site *s, page *p, alias_maps *m) {
  yx_node *v = yx_get(p->fm, "aliases"); /* positions */
  for (size_t k = 0; k < p->naliases; k++) {
    const char *al = p->aliases[k];
    const char *rel = al[0] == '/' ? al + 1 : al;
    char *norm = *rel ? path_normalize(s->a, rel) : NULL;
    if (!norm || !*norm || !path_is_safe_rel(norm)) {
      const yx_node *pos = yx_holder(v, al);
      diag_error(p->src, pos ? pos->line : 1, pos ? pos->col : 1,
                 "write the old address inside the site, like /old/path/",
                 "alias \"%s\" is not a path inside the site", al);
      p->aliases[k] = NULL;
      continue;
    }
    const column *from = p->is_index && p->column->parent ? p->column->parent : p->column;
    if (al[0] != '/' && *from->url && !s->placing_checked) { /* govpub reads it from the root, Hugo from the
                                                                page's folder: said where the two differ */
      const yx_node *pos = yx_holder(v, al);
      const char *slash = norm[strlen(norm) - 1] == '/' ? "" : "/";
      diag_warning(p->src, pos ? pos->line : 1, pos ? pos->col : 1,
                   arena_printf(s->a, "write it with its leading /: /%s%s (Hugo would have read it from the page's "
                                "folder: /%s%s%s)", norm, slash, from->url, norm, slash),
                   "alias \"%s\" is taken from the site root", al);
    }
    if (page_name_too_long(p, yx_holder(v, al), "a part of the alias", fsx_longest_name(norm),
                           "each part of the path names a folder")) {
      p->aliases[k] = NULL;
      continue;
    }
    size_t nl = strlen(norm);
    p->aliases[k] = norm[nl - 1] == '/' ? norm : arena_printf(s->a, "%s/", norm);
    const char *fold = path_fold(s->a, p->aliases[k]);
    if (s->placing_checked) {
      keep_redirects(s, fold, p, p->aliases[k]);
      continue;
    }
    const yx_node *pos = yx_holder(v, al);
    int line = pos ? pos->line : 1, col = pos ? pos->col : 1;
    page *other = strmap_get(s->by_url, p->aliases[k]);
    if (other) { /* said here, at the item, and not written: no "output written twice" after it */
      diag_error(p->src, line, col, "remove the alias or move the other page", "alias /%s is the URL of %s",
                 p->aliases[k], other->src);
      p->aliases[k] = NULL;
      continue;
    }
    const char *own = generated_at(s, p->aliases[k]);
    if (own) {
      diag_error(p->src, line, col, "remove the alias: that address is not free",
                 "alias /%s is where govpub writes %s", p->aliases[k], own);
      p->aliases[k] = NULL;
      continue;
    }
    if (!m->folds) m->folds = url_folds(s);
    const taxonomy *tx = term_folder(s, p->aliases[k]);
    if (tx) {
      if (!m->terms) m->terms = term_folds(s);
      const term *tm = strmap_get(m->terms, fold);
      if (tm) { /* both would be one file: the term's own page answers there */
        diag_error(p->src, line, col,
                   arena_printf(s->a, "remove the alias: while a page has it, the %s page answers there itself",
                                tx->title),
                   "alias /%s is the %s page of \"%s\", which %s has", p->aliases[k], tx->title, tm->name,
                   tm->pages[0]->src);
        p->aliases[k] = NULL;
        continue;
      }
    }
    other = strmap_get(m->folds, fold);
    if (other) { /* kept, and said: the build fails */
      diag_error(p->src, line, col,
                 "remove the alias or rename it: a server on a case-insensitive or normalising file "
                 "system (Windows, macOS) would serve the redirect for the page or the page for it",
                 "alias /%s differs from /%s (%s) only in case or Unicode normalisation", p->aliases[k],
                 other->url, other->src);
      keep_alias(s, fold, p, p->aliases[k], 1);
      continue;
    }
    const site_alias *first = strmap_get(s->aliases, fold); /* the only one of its fold: no URL has it */
    if (!first) {
      if (further_pages_free(s, p, p->aliases[k], line, col)) {
        keep_redirects(s, fold, p, p->aliases[k]);
        continue;
      }
    } else if (strcmp(first->alias, p->aliases[k]) != 0) {
      diag_error(p->src, line, col, fold_alias_hint, "alias /%s differs from %s only in case or Unicode normalisation",
                 p->aliases[k],
                 first->pageno > 1 ? arena_printf(s->a, "/%s, where %s,", first->alias, redirected_by(s->a, first))
                                   : arena_printf(s->a, "the alias /%s of %s", first->alias, first->p->src));
    } else if (first->pageno > 1) {
      diag_error(p->src, line, col, "remove the alias: that address is not free", "alias /%s is where %s",
                 p->aliases[k], redirected_by(s->a, first));
    } else if (first->p == p) {
      diag_error(p->src, line, col, "remove one of them", "alias /%s is given twice", p->aliases[k]);
    } else {
      diag_error(p->src, line, col, "keep the alias on one page: it can send readers to one only",
                 "alias /%s is also an alias of %s", p->aliases[k], first->p->src);
    }
    p->aliases[k] = NULL; /* no redirect written twice */
  }
}

page *site_alias_holder(const site *s, size_t i) {
  page *p = i < s->narticles ? s->articles[i] : s->columns[i - s->narticles]->index;
  return p && p->naliases ? p : NULL; /* most pages have none */
}

/* Every built page's aliases (check_page_aliases), in site_alias_holder's order. */
static void check_aliases(site *s) {
  s->aliases = strmap_new(s->a);
  alias_maps m = {NULL, NULL};
  for (size_t i = 0; i < s->narticles + s->ncolumns; i++) {
    page *p = site_alias_holder(s, i);
    if (p) check_page_aliases(s, p, &m);
  }
}

typedef struct {
  site *s;
  arena *side; /* the first half's allocations: the site's own arena is the second half's */
} link_halves;

/* The two halves of linking that need nothing of each other, on two threads
 * where there are (a third of linking's time each at 10k pages): URLs and
 * unique fields; the columns' orders and the taxonomies (which list pages
 * in the newest-first order the columns' half makes).  Their reports are
 * about different places, so diag's order does not depend on the threads. */
static void link_half(void *ctx, size_t half, int worker) {
  link_halves *l = ctx;
  (void)worker;
  if (half == 0) {
    map_urls(l->s, l->side);
    if (!l->s->fields_checked) check_unique(l->s, l->side);
  } else {
    build_columns(l->s);
    build_taxonomy(l->s, 0);
    build_taxonomy(l->s, 1);
  }
}

void site_link(site *s) {
  link_halves l = {s, s->worker_arenas[0]};
  pool_run(s->nworkers > 1 ? 2 : 1, 2, link_half, &l);
  link_relations(s);
  check_aliases(s);
}

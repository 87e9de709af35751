/* extras: the machine-readable files of a release — Atom feeds (site and
 * per column), sitemap.xml, robots.txt — and the redirect pages of
 * `aliases` (the one page here made with a layout, alias).  URLs in the
 * machine-readable files are absolute (base_url) and percent-encoded. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "check.h"
#include "context.h"
#include "diag.h"
#include "escape.h"
#include "fsx.h"
#include "page_sort.h"
#include "pager.h"
#include "render.h"
#include "url.h"

#define FEED_ENTRIES 20

/* The absolute URL of target as a client sends it (percent-encoded), the
 * form robots.txt takes; put_abs escapes that for XML, without joining
 * base_url and target first (the escapes go byte by byte). */
static void put_url(buf *b, arena *a, const site_config *cfg, const char *target) {
  const char *u = url_abs(a, cfg, target);
  esc_url_path(b, u, strlen(u));
}

static void put_abs(buf *b, const site_config *cfg, const char *target) {
  esc_xml_url_path(b, cfg->base_url, strlen(cfg->base_url));
  esc_xml_url_path(b, target, strlen(target));
}

static void put_text(buf *b, const char *s) {
  if (s) esc_xml(b, s, strlen(s));
}

/* When p last changed as its feed entry and sitemap line say: its
 * `updated`, else its date (NULL: neither). */
static const gdate *changed(const page *p) {
  return !p->has_date ? NULL : p->has_updated ? &p->updated : &p->date;
}

/* The newest change of pages[0..n) (NULL: no page has a date): the
 * `updated` of a feed and the `lastmod` of a list, whatever order the list
 * shows its pages in (weighted pages first; letters by 答复日期). */
static const gdate *newest_change(page *const *pages, size_t n) {
  const gdate *newest = NULL;
  for (size_t i = 0; i < n; i++) {
    const gdate *d = changed(pages[i]);
    if (d && (!newest || d->epoch > newest->epoch)) newest = d;
  }
  return newest;
}

/* An Atom feed of pages[0..n), newest first by date (page_sort_newest's
 * order: a feed reader's subscribers see what was published last, not a
 * list's weighted pages or its letters ordered by 答复日期), its first
 * FEED_ENTRIES entries. */
static void feed(renderer *r, arena *a, const char *title, const char *url, page **pages, size_t n) {
  const site_config *cfg = r->s->cfg;
  buf b = BUF_INIT;
  char iso[32] = "1970-01-01T00:00:00+08:00";
  const gdate *newest = newest_change(pages, n < FEED_ENTRIES ? n : FEED_ENTRIES);
  if (newest) gdate_iso(newest, iso);
  buf_puts(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
  put_text(&b, cfg->language);
  buf_puts(&b, "\">\n  <title>");
  put_text(&b, title);
  buf_puts(&b, "</title>\n  <link href=\"");
  put_abs(&b, cfg, url);
  buf_puts(&b, "\"/>\n  <link rel=\"self\" href=\"");
  put_abs(&b, cfg, arena_printf(a, "%sindex.xml", url));
  buf_puts(&b, "\"/>\n  <id>");
  put_abs(&b, cfg, url);
  buf_printf(&b, "</id>\n  <updated>%s</updated>\n  <author><name>", iso);
  put_text(&b, yx_str(yx_get(cfg->footer, "sponsor")));
  buf_puts(&b, "</name></author>\n  <generator>govpub</generator>\n");
  for (size_t i = 0; i < n && i < FEED_ENTRIES; i++) {
    page *p = pages[i];
    buf_puts(&b, "  <entry>\n    <title>");
    put_text(&b, p->title);
    buf_puts(&b, "</title>\n    <link href=\"");
    put_abs(&b, cfg, p->url);
    buf_puts(&b, "\"/>\n    <id>");
    put_abs(&b, cfg, p->url);
    buf_puts(&b, "</id>\n");
    if (p->has_date) {
      gdate_iso(&p->date, iso);
      buf_printf(&b, "    <published>%s</published>\n", iso);
      gdate_iso(changed(p), iso);
      buf_printf(&b, "    <updated>%s</updated>\n", iso);
    }
    if (p->summary) {
      buf_puts(&b, "    <summary>");
      put_text(&b, p->summary);
      buf_puts(&b, "</summary>\n");
    }
    buf_puts(&b, "  </entry>\n");
  }
  buf_puts(&b, "</feed>\n");
  release_write(r->rel, arena_printf(a, "%sindex.xml", url), b.data, b.len);
  buf_free(&b);
}

static void sitemap_url(buf *b, const site_config *cfg, const char *url, const gdate *lastmod) {
  buf_puts(b, "  <url><loc>");
  put_abs(b, cfg, url);
  buf_puts(b, "</loc>");
  if (lastmod) {
    char ymd[32];
    gdate_ymd(lastmod, ymd);
    buf_puts(b, "<lastmod>");
    buf_puts(b, ymd);
    buf_puts(b, "</lastmod>");
  }
  buf_puts(b, "</url>\n");
}

/* The sitemap's writer: URLs go into parts of at most sitemap_max_urls;
 * one part is sitemap.xml itself, more are sitemap-<n>.xml listed by
 * sitemap.xml as a sitemap index (the Sitemaps protocol, and Baidu's
 * limit: 50,000 URLs a file). */
typedef struct {
  renderer *r;
  arena *a;
  buf part, index;
  size_t in_part, parts; /* parts written so far */
} sitemap_writer;

static const char urlset_head[] = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                                  "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";

/* Writes the part so far as sitemap-<n>.xml and lists it in the index. */
static void sitemap_flush(sitemap_writer *w) {
  const char *name = arena_printf(w->a, "sitemap-%zu.xml", ++w->parts);
  buf_puts(&w->part, "</urlset>\n");
  release_write(w->r->rel, name, w->part.data, w->part.len);
  buf_puts(&w->index, "  <sitemap><loc>");
  put_abs(&w->index, w->r->s->cfg, name);
  buf_puts(&w->index, "</loc></sitemap>\n");
  w->part.len = 0;
  buf_puts(&w->part, urlset_head);
  w->in_part = 0;
}

static void sitemap_add(sitemap_writer *w, const char *url, const gdate *lastmod) {
  if (w->in_part == (size_t)w->r->s->cfg->sitemap_max_urls) sitemap_flush(w);
  sitemap_url(&w->part, w->r->s->cfg, url, lastmod);
  w->in_part++;
}

static void sitemap(renderer *r, arena *a) {
  site *s = r->s;
  sitemap_writer w = {r, a, BUF_INIT, BUF_INIT, 0, 0};
  buf_puts(&w.part, urlset_head);
  sitemap_add(&w, "", newest_change(s->articles, s->narticles));
  for (size_t i = 1; i < s->ncolumns; i++) {
    column *c = s->columns[i];
    if (c->index && c->index->built) sitemap_add(&w, c->url, newest_change(c->pages, c->npages));
  }
  for (size_t i = 0; i < s->narticles; i++) sitemap_add(&w, s->articles[i]->url, changed(s->articles[i]));
  for (int t = 0; t < 2; t++)
    for (size_t k = 0; k < s->tax[t].nterms; k++) sitemap_add(&w, s->tax[t].terms[k]->url, NULL);
  for (int kind = 0; r->catalog && kind < 2; kind++) { /* the data catalog's department and topic pages */
    size_t ng;
    const catalog_group *g = catalog_groups(r->catalog, kind, &ng);
    for (size_t k = 0; k < ng; k++) sitemap_add(&w, g[k].url, NULL);
  }
  if (w.parts == 0) { /* one file */
    buf_puts(&w.part, "</urlset>\n");
    release_write(r->rel, "sitemap.xml", w.part.data, w.part.len);
  } else {
    sitemap_flush(&w);
    buf idx = BUF_INIT;
    buf_puts(&idx, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                   "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    buf_put(&idx, w.index.data, w.index.len);
    buf_puts(&idx, "</sitemapindex>\n");
    release_write(r->rel, "sitemap.xml", idx.data, idx.len);
    buf_free(&idx);
  }
  buf_free(&w.part);
  buf_free(&w.index);
}

/* Whether the robots.txt `text` names `url` as a sitemap: a line
 * "Sitemap: <url>", the field's name in any case, blanks and a CR around
 * the value aside (RFC 9309). */
static bool names_sitemap(const char *text, size_t len, const buf *url) {
  for (const char *p = text, *end = text + len; p < end;) {
    const char *nl = memchr(p, '\n', (size_t)(end - p)), *eol = nl ? nl : end;
    if (eol - p > 8 && strncasecmp(p, "sitemap:", 8) == 0) {
      const char *v = p + 8, *ve = eol;
      while (v < ve && (*v == ' ' || *v == '\t')) v++;
      while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t' || ve[-1] == '\r')) ve--;
      if ((size_t)(ve - v) == url->len && memcmp(v, url->data, url->len) == 0) return true;
    }
    p = eol + 1;
  }
  return false;
}

/* robots.txt: the site's own in a publish when it has one (r->robots_txt,
 * its rules reviewed as a static file's are), with the line naming the
 * sitemap added unless it has it (base_url may have changed since it was
 * written); else govpub's, everything allowed, or nothing in a preview,
 * which is not for search engines. */
static void robots(renderer *r, arena *a) {
  buf b = BUF_INIT, sitemap = BUF_INIT;
  put_url(&sitemap, a, r->s->cfg, "sitemap.xml"); /* plain text: no XML escapes */
  size_t len = 0;
  char *own = r->robots_txt ? fsx_read(r->robots_txt, &len) : NULL;
  if (r->robots_txt && !own) {
    diag_system(r->robots_txt, "cannot read it: %s", strerror(errno));
  } else if (own) {
    buf_put(&b, own, len);
    if (len && own[len - 1] != '\n') buf_puts(&b, "\n");
  } else {
    buf_puts(&b, "User-agent: *\n");
    buf_puts(&b, r->preview ? "Disallow: /\n" : "Allow: /\n");
  }
  if (!own || !names_sitemap(own, len, &sitemap)) {
    buf_puts(&b, "Sitemap: ");
    buf_put(&b, sitemap.data, sitemap.len);
    buf_puts(&b, "\n");
  }
  if (own || !r->robots_txt) release_write(r->rel, "robots.txt", b.data, b.len);
  free(own);
  buf_free(&b);
  buf_free(&sitemap);
}

/* Where a message about p's alias k stands: the alias in the front matter. */
static void alias_at(const page *p, size_t k, int *line, int *col) {
  const yx_node *at = page_alias_node(p, k);
  *line = at ? at->line : 1;
  *col = at ? at->col : 1;
}

/* An alias folder gets a page that sends readers (and search engines, via
 * the canonical link) to the page's address, rendered with the alias
 * layout `t` (render_alias_layout; the theme's: a meta refresh, no script
 * needed); a column's alias one at each further page of its list too,
 * <alias>page/N/ to <column>page/N/ (site_alias_pages, pager_url), so
 * that an old link to any page of a moved column's list keeps working.
 * Its data: `site` (ctx_site) and `page` (p's title, the url it sends
 * readers to as a link from the redirect's folder is written, its
 * permalink; docs/templates.md).  A redirect must send readers on: one
 * without a meta refresh to page.url (check_refreshes_to) is an error at
 * the layout, which a site's own can be, where its meta refresh is
 * (check_refresh_place).  Returns the alias whose redirects t could not
 * make (its template errors reported as it rendered), where the redirects
 * stop, and sets *failed_in to the template at fault (NULL: none known);
 * or returns p->naliases when all are made. */
static size_t page_redirects(renderer *r, arena *a, const tmpl *t, const page *p, const char **failed_in) {
  site *s = r->s;
  ctx_env env = {.s = s};
  const char *title = p->title ? p->title : ""; /* none: its error is reported, the build fails */
  buf b = BUF_INIT;
  size_t k = 0, pages = site_alias_pages(s, p);
  for (; k < p->naliases; k++) {
    if (!p->aliases[k]) continue;
    int line, col; /* an output written twice is said at its alias */
    alias_at(p, k, &line, &col);
    size_t n = 1;
    for (; n <= pages; n++) {
      urlctx u = {s->cfg, pager_url(a, p->aliases[k], n)};
      tval *root = tv_map(a), *pg = ctx_generated_page(a, &u, title, pager_url(a, p->url, n), "alias");
      tv_set(a, root, "site", r->site_map ? (tval *)r->site_map : ctx_site(a, &env, &u));
      tv_set(a, root, "page", pg);
      buf_clear(&b);
      if (tmpl_render_blame(r->ts, t, root, &b, p->src, failed_in) != 0) break;
      const char *to = tv_get(pg, "url")->u.str.s;
      if (!check_refreshes_to(a, buf_cstr(&b), to)) {
        int at_line, at_col;
        check_refresh_place(a, tmpl_source(t), &at_line, &at_col);
        *failed_in = tmpl_path(t);
        diag_error(tmpl_path(t), at_line, at_col,
                   "keep <meta http-equiv=\"refresh\" content=\"0; url={{page.url}}\"> in <head>",
                   "the redirect of alias /%s does not send readers on: it has no <meta http-equiv=\"refresh\" "
                   "content=\"0; url=%s\">",
                   u.from, to);
        break;
      }
      release_write_from(r->rel, arena_printf(a, "%sindex.html", u.from), p->src, line, col, b.data, b.len);
    }
    if (n <= pages) break;
  }
  buf_free(&b);
  return k;
}

/* The redirects of every built page with aliases (site_alias_holder): an
 * article's send readers to it, a column's _index.md's to its list's
 * pages.  The alias layout is looked up once: none is said at the first
 * alias.  What is wrong with it (it does not compile, a template it
 * includes is missing or broken, a redirect it makes sends readers
 * nowhere) is said once, at the template, as it stops the first redirect;
 * the redirects from there on are not rendered, and one note at that alias
 * counts the aliases whose redirects were not, printed after the errors of
 * the template at fault. */
static void redirects(renderer *r, arena *a) {
  const tmpl *t = NULL;
  bool looked = false, broken = false;
  const char *failed_in = NULL; /* the template at fault */
  const page *stopped = NULL; /* the page of the first redirect not made */
  size_t stopped_k = 0, more = 0;
  for (size_t i = 0; i < r->s->narticles + r->s->ncolumns; i++) {
    const page *p = site_alias_holder(r->s, i);
    if (!p) continue;
    if (!looked) {
      int line, col;
      alias_at(p, 0, &line, &col);
      t = render_alias_layout(r, p->src, line, col, &broken);
      looked = true;
      if (!t && !broken) return;
      if (broken) failed_in = tmpl_failed_in(r->ts, render_own_layouts[RENDER_OWN_ALIAS]);
    }
    for (size_t k = t && !stopped ? page_redirects(r, a, t, p, &failed_in) : 0; k < p->naliases; k++) {
      if (!p->aliases[k]) continue;
      if (stopped) more++;
      else stopped = p, stopped_k = k;
    }
  }
  if (!stopped) return;
  int line, col;
  alias_at(stopped, stopped_k, &line, &col);
  diag_note_after(failed_in, 0, 0, stopped->src, line, col,
                  "not rendered: the redirect of alias /%s%s (layout \"%s\" has errors)", stopped->aliases[stopped_k],
                  more ? arena_printf(a, " and %zu more", more) : "", render_own_layouts[RENDER_OWN_ALIAS]);
}

/* The extras one at a time, the largest first (they share the list pages'
 * workers): 0 the sitemap, 1 the redirects, 2 the site's feed, 3 robots.txt,
 * then one feed per column (columns[1..]). */
enum { EXTRA_SITEMAP, EXTRA_REDIRECTS, EXTRA_SITE_FEED, EXTRA_ROBOTS, EXTRA_COLUMN_FEEDS };

size_t render_extras_count(const renderer *r) {
  return EXTRA_COLUMN_FEEDS + (r->s->ncolumns ? r->s->ncolumns - 1 : 0);
}

void render_extra(renderer *r, size_t i, arena *a) {
  site *s = r->s;
  switch (i) {
    case EXTRA_SITEMAP: sitemap(r, a); return;
    case EXTRA_REDIRECTS: redirects(r, a); return;
    case EXTRA_SITE_FEED: feed(r, a, s->cfg->title, "", s->articles, s->narticles); return;
    case EXTRA_ROBOTS: robots(r, a); return;
    default: break;
  }
  column *c = s->columns[i - EXTRA_COLUMN_FEEDS + 1];
  if (!c->index || !c->index->built) return;
  page **newest = arena_alloc(a, (c->npages ? c->npages : 1) * sizeof *newest); /* the list's order is its own */
  if (c->npages) memcpy(newest, c->pages, c->npages * sizeof *newest); /* a column of columns has none: NULL */
  page_sort_newest(newest, c->npages);
  feed(r, a, arena_printf(a, "%s - %s", column_title(c), s->cfg->title), c->url, newest, c->npages);
}

void render_extras(renderer *r) {
  arena *a = r->scratch[0];
  for (size_t i = 0; i < render_extras_count(r); i++) {
    render_extra(r, i, a);
    arena_reset(a);
  }
}

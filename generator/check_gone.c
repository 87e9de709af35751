/* check_gone: the 死链 rule (check.h check_gone).  An address a release
 * published — the served one, or another kept in out/releases (after a
 * rollback, the one rolled back from was served too: pubdates_read_kept) —
 * a page's URL or one of its aliases, as its published-dates.tsv records
 * them (pubdates.h) — that the new build
 * serves neither as a page, nor as a column, nor as an alias (site.aliases:
 * an article's or a column's _index.md's, each a redirect) is a dead link
 * for every reader who bookmarked it and every site that links to it; the
 * provincial inspection counts those (链接可用性).  It is said at the file
 * that published it, with what became of that file.
 *
 * Deliberate withdrawal is an address under site.yaml check.withdrawn,
 * with the reason: site.yaml is signed by the reviewers, so the withdrawal
 * is approved and on record, which is what an inspector asks of a page
 * taken down.  A draft or a page no longer 主动公开 is not withdrawn by that
 * alone: a draft is often an editor's slip, and the record of a disclosure
 * decision belongs beside the address readers lose.  A page the review
 * gate withholds (changed, not signed again) is a warning: it comes back
 * once signed.  The records are read once (one file per kept release);
 * each address is a few hash lookups (a 10 000-page site: milliseconds).
 *
 * The lists govpub generates (pubgen: a tag's or topic's pages, the data
 * catalog's 提供部门 and 主题 pages, the search page, a column's further
 * pages) are records of their own, compared with what the new build
 * generates (pubdates_generated, the writer's own account): one item per
 * list, not per page of it.  A list gone is an error.  A tag's or
 * topic's is said at a page that had the tag and is still there, of the
 * newest few the record names with it (its `#from`; all of them would
 * take a line per page and tag): at the tag in its `tags:` when it still
 * has it (the page is left out now: a draft, or withheld by the review
 * gate, a warning) or at its `tags:`; else, the pages gone or a record
 * from before them, at site.yaml, where check.withdrawn is.  An alias of
 * a page may keep a tag's address (site_link.c allows one there while no
 * page has the tag).  The data catalog's lists are said at its column's
 * _index.md, the others at site.yaml; listing the list's address
 * withdraws its further pages with it.  A list that only got shorter (a
 * column or a tag with fewer items, a tag whose address an alias keeps)
 * is a warning at its column's _index.md (a tag's, topic's: site.yaml;
 * at the alias), against the served
 * release only: its further pages hold other items after every publish,
 * no sitemap names them, and the items that went are each checked at
 * their own address — so it does not stop a publish, nor come back for
 * every kept release.  A column's list gone with its column is not said
 * again: its _index.md's record says the column's address.  One whose
 * address a column's alias keeps (a moved column: its redirects cover
 * every page of the list, site_alias_pages) is as long as that column's
 * list: shorter, the warning at the alias. */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "path_fold.h"
#include "pubdates.h"

static strmap *column_urls(site *s) {
  strmap *m = strmap_new_for(s->a, s->ncolumns);
  for (size_t i = 0; i < s->ncolumns; i++) strmap_put(m, s->columns[i]->url, s->columns[i]);
  return m;
}

static const char withdraw_hint[] = "list it under check.withdrawn in site.yaml with the reason it was withdrawn "
                                    "(`/%s: 2025-03-01 撤稿：why`), signed with the site";

/* One address of `rec` (urls[k]) that nothing serves: what became of its
 * file (`now`, NULL when it is gone) and what to do. */
static void report_gone(check_report *r, site *s, const pubrec *rec, size_t k, const page *now) {
  arena *a = s->a;
  const char *url = rec->urls[k], *src = content_path(s, rec->rel);
  const char *what = k ? arena_printf(a, "the alias /%s published with this page", url)
                       : arena_printf(a, "the page published at /%s", url);
  const char *withdraw = arena_printf(a, withdraw_hint, url);
  if (!now)
    check_add(r, CHECK_ERROR, "dead-link", src, 1, 1,
              arena_printf(a, "add \"/%s\" to `aliases:` of the page that replaces it (docs/editors.md); or, %s", url,
                           withdraw),
              "%s is no longer built: its file was deleted, moved or renamed, and no page has /%s as an alias", what,
              url);
  else if (now->built) /* its URL changed (slug, file name), or an alias was removed */
    check_add(r, CHECK_ERROR, "dead-link", src, 1, 1,
              arena_printf(a, "add \"/%s\" to its `aliases:`; or, %s", url, withdraw),
              "%s is no longer built: the page is at /%s, without /%s as an alias", what, now->url, url);
  else if (page_left_out(s, now) == LEFT_OUT_NONE) /* the review gate withholds it */
    check_add(r, CHECK_WARNING, "dead-link", src, 1, 1,
              "have it signed again (govpub review status): the next publish serves it again",
              "%s is withheld from this publish: the address is a dead link until it is signed again", what);
  else {
    bool draft = page_left_out(s, now) == LEFT_OUT_DRAFT;
    check_add(r, CHECK_ERROR, "dead-link", src, 1, 1,
              arena_printf(a, "%s%s", draft ? "remove `draft: true` to keep it published; or, " : "", withdraw),
              "%s is no longer built: the page is %s now", what, page_left_out_text(a, s, now));
  }
}

/* A generated list, as an item says it: what it is, why it is gone and
 * the way to keep it (NULL: none but check.withdrawn); a tag's or topic's
 * also the front matter field that names it and what it is called.  Only
 * theirs and a column's may be kept by an alias (site_link.c: a tag's
 * address is free once no page has the tag, a column's once it moved). */
static const struct {
  const char *what, *why, *keep, *field, *noun;
} gen_words[PUBGEN_KINDS] = {
    [PUBGEN_LIST] = {"the list", NULL, NULL, NULL, NULL}, /* gone with its column only: said at its _index.md */
    [PUBGEN_TAGS] = {"the list of tags", "no page built now has a tag", "give a published page a tag (`tags:`)",
                     NULL, NULL},
    [PUBGEN_TAG] = {"the tag page", "no page built now has the tag", "put the tag back on a published page (`tags:`)",
                    "tags", "tag"},
    [PUBGEN_TOPICS] = {"the list of topics", "no page built now has a topic",
                       "give a published page a topic (`topics:`)", NULL, NULL},
    [PUBGEN_TOPIC] = {"the topic page", "no page built now has the topic",
                      "put the topic back on a published page (`topics:`)", "topics", "topic"},
    [PUBGEN_CATALOG_DEPARTMENT] = {"the data catalog's 提供部门 page", "no dataset built now has that `department:`",
                                   "keep a published dataset of that department (`department:`)", NULL, NULL},
    [PUBGEN_CATALOG_TOPIC] = {"the data catalog's 主题 page", "no dataset built now has that topic",
                              "put the topic back on a published dataset (`topics:`)", NULL, NULL},
    [PUBGEN_SEARCH] = {"the search page", "this govpub writes none", NULL, NULL, NULL},
};

static void put_served(void *ud, pubgen_kind kind, const char *url, size_t npages, const term *tm) {
  (void)kind;
  (void)tm;
  strmap_put(ud, url, (void *)(uintptr_t)npages);
}

/* Where an item about the list g is said when no page of it is (see the top). */
static const char *gen_place(site *s, const catalog *cat, strmap *columns, const pubgen *g) {
  const column *col = NULL;
  if (g->kind == PUBGEN_LIST) col = strmap_get(columns, g->urls[0]);
  else if (cat && (g->kind == PUBGEN_CATALOG_DEPARTMENT || g->kind == PUBGEN_CATALOG_TOPIC)) col = catalog_column(cat);
  return col && col->index ? col->index->src : s->cfg->file;
}

/* The item of p's `tags:` (g's field) that names the tag of g's list,
 * once folded as the term's folder is (Data is data), or NULL. */
static const yx_node *term_item(site *s, const page *p, const pubgen *g) {
  bool tags = g->kind == PUBGEN_TAG;
  const char **names = tags ? p->tags : p->topics;
  size_t n = tags ? p->ntags : p->ntopics;
  const char *fold = path_fold(s->a, g->urls[0]);
  for (size_t k = 0; k < n; k++) {
    const char *url = arena_printf(s->a, "%s%s/", s->tax[!tags].url, term_slug(s->a, names[k]));
    if (strcmp(path_fold(s->a, url), fold) == 0) return yx_holder(page_field(s, p, gen_words[g->kind].field), names[k]);
  }
  return NULL;
}

/* The first of the pages g's tag or topic list showed that is still
 * loaded (it may be built or not, and have the tag or not), or NULL. */
static const page *term_page(site *s, const pubgen *g) {
  for (size_t k = 0; k < g->nfrom; k++) {
    const page *p = strmap_get(s->by_rel, g->from[k]);
    if (p && p->fm) return p;
  }
  return NULL;
}

/* The tag's or topic's list g, gone (`what` names it), said where an
 * editor keeps it: at the first page it showed that is still there — at
 * the tag in its `tags:` when it has it still (the page is left out now),
 * else at its `tags:` — else at site.yaml, as before pages were recorded. */
static void term_gone(check_report *r, site *s, const pubgen *g, const char *what, const char *withdraw) {
  arena *a = s->a;
  const char *url = g->urls[0], *field = gen_words[g->kind].field, *noun = gen_words[g->kind].noun;
  const char *ways = arena_printf(a,
                                  "add \"/%s\" to `aliases:` of the page readers should find instead (a redirect, "
                                  "docs/editors.md); or, %s",
                                  url, withdraw);
  const page *p = term_page(s, g);
  if (!p) {
    const char *lost = !g->nfrom ? ""
                       : g->nfrom == 1
                           ? arena_printf(a, "; the page that had it, %s, is gone", content_path(s, g->from[0]))
                           : arena_printf(a, "; the pages that had it, %s and %zu more, are gone",
                                          content_path(s, g->from[0]), g->nfrom - 1);
    check_add(r, CHECK_ERROR, "dead-link", s->cfg->file, 1, 1,
              arena_printf(a, "%s; or, %s", gen_words[g->kind].keep, ways), "%s is no longer built: %s%s", what,
              gen_words[g->kind].why, lost);
    return;
  }
  const yx_node *item = term_item(s, p, g);
  if (!item) {
    const yx_node *key = yx_key(p->fm, field);
    check_add(r, CHECK_ERROR, "dead-link", p->src, key ? key->line : 1, key ? key->col : 1,
              arena_printf(a, "put the %s back in `%s:` here or on another published page; or, %s", noun, field, ways),
              "%s is no longer built: this page had the %s when it was published, and no page built now has it", what,
              noun);
    return;
  }
  left_out why = page_left_out(s, p);
  if (p->built) { /* it has the tag, spelt so that its folder is another (Data, not data): the oldest page's */
    const term *now = strmap_get(s->tax[g->kind == PUBGEN_TOPIC].by_written, yx_str(item));
    if (now) /* else a name too long for a folder: said at it (site_link.c), and the build fails */
      check_add(r, CHECK_ERROR, "dead-link", p->src, item->line, item->col,
                arena_printf(a, "spell the %s on the oldest page that has it as /%s does; or, %s", noun, url,
                             withdraw),
                "%s is no longer built: this page has the %s, but its page is /%s now, named as the oldest page "
                "that has it spells it",
                what, noun, now->url);
  } else if (why == LEFT_OUT_NONE) /* the review gate withholds it */
    check_add(r, CHECK_WARNING, "dead-link", p->src, item->line, item->col,
              "have it signed again (govpub review status): the next publish serves it again",
              "%s is withheld from this publish with this page, which has the %s: the address is a dead link until "
              "it is signed again",
              what, noun);
  else
    check_add(r, CHECK_ERROR, "dead-link", p->src, item->line, item->col,
              arena_printf(a, "%sput the %s on another published page (`%s:`); or, %s",
                           why == LEFT_OUT_DRAFT ? "remove `draft: true` to keep it published, or " : "", noun, field,
                           ways),
              "%s is no longer built: this page has the %s but is %s now, and no page built now has it", what, noun,
              page_left_out_text(a, s, p));
}

/* The list g, of which the new build generates no page. */
static void gen_gone(check_report *r, site *s, const catalog *cat, strmap *columns, const pubgen *g) {
  arena *a = s->a;
  const char *url = g->urls[0], *withdraw = arena_printf(a, withdraw_hint, url);
  const char *more =
      g->nurls == 1 ? "" : arena_printf(a, " (with %zu further page%s)", g->nurls - 1, g->nurls == 2 ? "" : "s");
  const char *what = arena_printf(a, "%s published at /%s%s", gen_words[g->kind].what, url, more);
  if (gen_words[g->kind].field) {
    term_gone(r, s, g, what, withdraw);
    return;
  }
  check_add(r, CHECK_ERROR, "dead-link", gen_place(s, cat, columns, g), 1, 1,
            gen_words[g->kind].keep ? arena_printf(a, "%s; or, %s", gen_words[g->kind].keep, withdraw) : withdraw,
            "%s is no longer built: %s", what, gen_words[g->kind].why);
}

/* The list g, of which the new build generates `now` pages, fewer than
 * the served release did: those after them not withdrawn.  `alias`: the
 * page whose alias stands at its first address (now: its redirects). */
static void gen_shrunk(check_report *r, site *s, const catalog *cat, strmap *columns, const pubgen *g, size_t now,
                       const page *alias) {
  const check_settings *st = check_report_settings(r);
  const char *first = NULL, *last = NULL;
  size_t lost = 0;
  for (size_t k = now; k < g->nurls; k++)
    if (!strmap_get(st->withdrawn, g->urls[k])) {
      if (!lost++) first = g->urls[k];
      last = g->urls[k];
    }
  if (!lost) return;
  arena *a = s->a;
  const yx_node *at = NULL; /* the alias, in the page's `aliases:` */
  for (size_t k = 0; alias && k < alias->naliases && !at; k++)
    if (alias->aliases[k] && strcmp(alias->aliases[k], g->urls[0]) == 0) at = page_alias_node(alias, k);
  check_add(r, CHECK_WARNING, "dead-link", alias ? alias->src : gen_place(s, cat, columns, g), at ? at->line : 1,
            at ? at->col : 1,
            "nothing to do if its items went on purpose (each one's own address is checked): a list's further pages "
            "show other items after every publish, and an old link past its last page lands on the 404 page; once "
            "this is published, the warning is not said again",
            "%s published at /%s had %zu pages and %s now: %s no longer built", gen_words[g->kind].what, g->urls[0],
            g->nurls,
            alias ? arena_printf(a, "is this page's alias (a redirect to /%s)", alias->url)
                  : arena_printf(a, "has %zu", now),
            lost == 1 ? arena_printf(a, "/%s is", first)
                      : arena_printf(a, "%zu of them, /%s … /%s, are", lost, first, last));
}

/* The generated lists of `pub` the new build no longer generates whole
 * (a tag's, topic's or column's address may be an alias it serves: as
 * many of the list's pages as the alias has redirects). */
static void check_gens(check_report *r, site *s, const catalog *cat, const pubdates *pub, strmap *columns) {
  const check_settings *st = check_report_settings(r);
  strmap *served = strmap_new(s->a); /* a list's URL → how many pages the new build generates */
  pubdates_generated(s, cat, put_served, served);
  for (size_t i = 0; i < pub->ngens; i++) {
    const pubgen *g = &pub->gens[i];
    size_t now = (uintptr_t)strmap_get(served, g->urls[0]);
    const page *alias = !now && (gen_words[g->kind].field || g->kind == PUBGEN_LIST)
                            ? site_alias_page(s, s->a, g->urls[0])
                            : NULL;
    if (alias) now = site_alias_pages(s, alias);
    if (now >= g->nurls) continue;
    if (!now && g->kind != PUBGEN_LIST && !strmap_get(st->withdrawn, g->urls[0]))
      gen_gone(r, s, cat, columns, g);
    else if (now && g->served)
      gen_shrunk(r, s, cat, columns, g, now, alias);
  }
}

void check_gone(check_report *r, site *s, const catalog *cat, const pubdates *pub) {
  const check_settings *st = check_report_settings(r);
  strmap *columns = NULL; /* made at the first address no page has */
  for (size_t i = 0; i < pub->n; i++) {
    const pubrec *rec = &pub->recs[i];
    const page *now = strmap_get(s->by_rel, rec->rel);
    if (now && !now->fm) continue; /* it could not be loaded: said there */
    for (size_t k = 0; k < rec->nurls; k++) {
      const char *url = rec->urls[k];
      if (strmap_get(pub->by_url, url) != rec) continue; /* said at the record read before, once */
      if (strmap_get(s->by_url, url) || strmap_get(st->withdrawn, url)) continue;
      if (!columns) columns = column_urls(s);
      if (site_alias_page(s, s->a, url) || strmap_get(columns, url)) continue;
      report_gone(r, s, rec, k, now);
    }
  }
  if (!pub->ngens) return; /* a record from before generated lists were recorded */
  check_gens(r, s, cat, pub, columns ? columns : column_urls(s));
}

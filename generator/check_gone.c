/* check_gone: the 死链 rule (check.h check_gone).  An address a release
 * published — the served one, or another kept in out/releases (after a
 * rollback, the one rolled back from was served too: pubdates_read_kept) —
 * a page's URL or one of its aliases, as its published-dates.tsv records
 * them (pubdates.h) — that the new build
 * serves neither as a page, nor as a column, nor as an alias is a dead link
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
 * each address is a few hash lookups (a 10 000-page site: milliseconds). */
#include <string.h>

#include "check.h"
#include "pubdates.h"

/* The aliases the built pages answer at (URLs, pages and columns, are in
 * s->by_url and the columns themselves). */
static strmap *served_aliases(site *s) {
  strmap *m = strmap_new(s->a);
  for (size_t i = 0; i < s->npages; i++) {
    const page *p = s->pages[i];
    if (!p->fm || !p->built) continue;
    for (size_t k = 0; k < p->naliases; k++)
      if (p->aliases[k]) strmap_put(m, p->aliases[k], (void *)p);
  }
  return m;
}

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

void check_gone(check_report *r, site *s, const pubdates *pub) {
  const check_settings *st = check_report_settings(r);
  strmap *aliases = NULL, *columns = NULL; /* made at the first address no page has */
  for (size_t i = 0; i < pub->n; i++) {
    const pubrec *rec = &pub->recs[i];
    const page *now = strmap_get(s->by_rel, rec->rel);
    if (now && !now->fm) continue; /* it could not be loaded: said there */
    for (size_t k = 0; k < rec->nurls; k++) {
      const char *url = rec->urls[k];
      if (strmap_get(pub->by_url, url) != rec) continue; /* said at the record read before, once */
      if (strmap_get(s->by_url, url) || strmap_get(st->withdrawn, url)) continue;
      if (!aliases) {
        aliases = served_aliases(s);
        columns = column_urls(s);
      }
      if (strmap_get(aliases, url) || strmap_get(columns, url)) continue;
      report_gone(r, s, rec, k, now);
    }
  }
}

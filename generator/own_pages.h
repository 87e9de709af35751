/* own_pages: the addresses of the pages govpub makes itself at the site's
 * root, which no file of the content stands for — the one spelling of
 * each, for the renderer that writes them (render.c), the published
 * record (pubdates.c), the template data that links them (context.c,
 * search_page.c), the search index written beside its page (search_*.c),
 * the checks that find them in a built folder (check_layout.c,
 * check_html.c), the checks that keep them free of aliases and static
 * files (site_link.c, statics.c) and the preview server (serve_http.c).
 * Their layouts: render.h's render_own_layouts.  Site-relative, as a
 * page's URL is; string literals, so that a table or a message can join
 * them (OWN_SEARCH "meta.json"). */
#ifndef GOVPUB_OWN_PAGES_H
#define GOVPUB_OWN_PAGES_H

/* The page of an address that does not exist: a file, which the web
 * server sends for any missing address (deploy/nginx.conf error_page). */
#define OWN_404 "404.html"

/* The search page's folder (its URL), where its index is written too
 * (search_write.c: meta.json, columns.txt, the shards and the document
 * table), as search.js reads them (docs/search.md). */
#define OWN_SEARCH_DIR "search"
#define OWN_SEARCH OWN_SEARCH_DIR "/"
#define OWN_SEARCH_PAGE OWN_SEARCH "index.html"
/* What search.js reads first: the index's layout, columns and years. */
#define OWN_SEARCH_META OWN_SEARCH "meta.json"

/* The taxonomies' folders (site_link.c's taxonomies: s->tax[].url), each
 * the list of its terms and, below it, each term's list: /tags/,
 * /tags/<term>/, /topics/ … */
#define OWN_TAGS_DIR "tags"
#define OWN_TAGS OWN_TAGS_DIR "/"
#define OWN_TOPICS_DIR "topics"
#define OWN_TOPICS OWN_TOPICS_DIR "/"

#endif

/* url: every link govpub writes is made here, from a site-relative target
 * ("policy/x/", "css/site.css", "" for the home page) and the page it is
 * written into.  Served at the root or under a sub-path (base_url's path),
 * links are root-relative with that prefix; with `relative_urls: true` they
 * are relative to the page and name index.html, so out/ opens from disk.
 *
 * Ownership: results are allocated in the arena given. */
#ifndef GOVPUB_URL_H
#define GOVPUB_URL_H

#include "arena.h"
#include "config.h"

typedef struct {
  const site_config *cfg;
  const char *from; /* site-relative folder of the page being written ("policy/x/", "" at the root) */
} urlctx;

const char *url_to(arena *a, const urlctx *u, const char *target);
/* How many "../" the links of the page at u climb to the site root: its
 * folders in relative mode, 0 with root-relative links (the same on every
 * page).  Two pages with the same climb get the same links to a target. */
size_t url_climb(const urlctx *u);
/* The prefix of static files from this page: base_path ("/", "/sjzyj/"),
 * or "../" repeated to the site root in relative mode ("" at the root). */
const char *url_base(arena *a, const urlctx *u);
/* The absolute address (permalink) of a target: base_url + target. */
const char *url_abs(arena *a, const site_config *cfg, const char *target);
/* True for an address another site serves: "https://…" or "http://…" (what
 * a link given in a front matter or site.yaml may name besides the site's
 * own paths; javascript: and the like are neither). */
bool url_is_http(const char *u);
/* s[0..n) with its %XX escapes decoded (a '%' not followed by two hex
 * digits stays), NUL-terminated, in `a`: a path or a fragment as the
 * server or the browser reads it. */
char *url_percent_decode(arena *a, const char *s, size_t n);

#endif

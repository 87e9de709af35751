/* page_anchors: see page_anchors.h. */
#include "page_anchors.h"

#include <string.h>

#include "buf.h"
#include "check.h"
#include "diag.h"
#include "suggest.h"
#include "url.h"

/* How many of the page's ids a hint names. */
#define HINT_IDS 5

void page_anchors_add(arena *a, page_anchors *pa, const char *url, int line, int col) {
  if (!url[1]) return;
  if (pa->n == pa->cap) {
    size_t cap = pa->cap ? 2 * pa->cap : 8;
    pa->items = arena_grow(a, pa->items, pa->n, cap, sizeof *pa->items);
    pa->cap = cap;
  }
  pa->items[pa->n++] = (page_anchor){arena_strdup(a, url), url_percent_decode(a, url + 1, strlen(url + 1)), line, col};
}

static bool has_id(const char *const *ids, size_t n, const char *id) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(ids[i], id) == 0) return true;
  return false;
}

static bool is_heading_id(const md_result *body, const char *id) {
  for (size_t i = 0; i < body->n_headings; i++)
    if (body->headings[i].id && strcmp(body->headings[i].id, id) == 0) return true;
  return false;
}

/* The hint for a link to `id`, which the page's ids[0..n) lack: the
 * nearest of them when one is near enough to be a typo, else the first
 * few — the headings' first, those an editor links to — or that it has
 * none; and how a heading gets an id of the editor's choosing. */
static const char *hint(arena *a, const char *id, const char *const *ids, size_t n, const md_result *body) {
  static const char how[] = "give a heading an id of your own: ## 标题 {#id}";
  const char *near = suggest_nearest(id, ids, n);
  if (near) return arena_printf(a, "did you mean #%s?", near);
  if (!n) return arena_printf(a, "the page has no ids; %s", how);
  buf b = BUF_INIT;
  buf_puts(&b, "the page's ids: ");
  size_t shown = 0;
  for (int headings = 1; headings >= 0; headings--) /* the headings' first, then the layout's */
    for (size_t i = 0; i < n && shown < HINT_IDS; i++)
      if (is_heading_id(body, ids[i]) == (bool)headings && !has_id(ids, i, ids[i]))
        buf_printf(&b, "%s#%s", shown++ ? ", " : "", ids[i]);
  size_t distinct = 0;
  for (size_t i = 0; i < n; i++) distinct += !has_id(ids, i, ids[i]);
  if (shown < distinct) buf_printf(&b, ", … (%zu in all)", distinct);
  buf_printf(&b, "; %s", how);
  const char *out = arena_strndup(a, b.data, b.len);
  buf_free(&b);
  return out;
}

void page_anchors_check(arena *a, const page_anchors *pa, const char *src, const char *html,
                        const md_result *body) {
  const char **ids;
  size_t n = check_page_ids(a, html, &ids);
  for (size_t i = 0; i < pa->n; i++) {
    const page_anchor *k = &pa->items[i];
    if (!has_id(ids, n, k->id))
      diag_error(src, k->line, k->col, hint(a, k->id, ids, n, body), "link to \"%s\": this page has no id \"%s\"",
                 k->url, k->id);
  }
}

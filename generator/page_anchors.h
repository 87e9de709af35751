/* page_anchors: a page's links to anchors of its own ([见第三条](#三),
 * [要求](#yaoqiu)), held to the ids the page has as it is written — its
 * headings' (an editor's {#id} or the one made from the text) and those
 * its layout writes (#main, id="top") — once its whole HTML is made.  A
 * link that matches none goes nowhere, and no reader or editor sees it.
 *
 * The render collects the links as the Markdown resolver meets them
 * (page_anchors_add); only a page that has any pays for reading the ids of
 * its HTML (page_anchors_check).  A fragment compares percent-decoded
 * (#%E4%B8%89 is #三), as a browser reads it.  Links to another page's
 * anchor (/policy/x/#y) are not judged here: govpub check reads those in
 * the built folder.
 *
 * Ownership: everything in the arena the caller gives (the render's). */
#ifndef GOVPUB_PAGE_ANCHORS_H
#define GOVPUB_PAGE_ANCHORS_H

#include <stddef.h>

#include "arena.h"
#include "markdown.h"

typedef struct {
  const char *url; /* as written: "#%E4%B8%89" */
  const char *id;  /* what it names: "三" */
  int line, col;   /* the link's [ */
} page_anchor;

typedef struct {
  page_anchor *items;
  size_t n, cap;
} page_anchors;

/* Keeps the link `url` (an in-page one: "#…"; "#" alone, the top of the
 * page, is always there and is not kept). */
void page_anchors_add(arena *a, page_anchors *pa, const char *url, int line, int col);

/* Reports, at src:line:col, each kept link whose id the page `html`
 * (NUL-terminated) does not have; the hint names the nearest id or a few
 * of the page's, its headings' first (body: the page's rendered body). */
void page_anchors_check(arena *a, const page_anchors *pa, const char *src, const char *html,
                        const md_result *body);

#endif

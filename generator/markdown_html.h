/* markdown_html: the HTML of a cmark-gfm tree that md_render made, the
 * bytes cmark_render_html() writes for it (footnotes aside), written by govpub (see
 * markdown_html.c for why, and for the trees it leaves to cmark); and
 * what markdown.c shares with it about the tree: the extensions' node
 * types and the step of a walk in document order.
 *
 * Ownership: the caller's buffer holds the HTML. */
#ifndef GOVPUB_MARKDOWN_HTML_H
#define GOVPUB_MARKDOWN_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include <cmark-gfm.h>

#include "buf.h"

/* The node types of the table and strikethrough extensions, for markdown.c
 * and markdown_html.c alike.  libcmark-gfm-extensions numbers them once,
 * when it registers its extensions (cmark_gfm_core_extensions_ensure_registered:
 * before any parser can make such a node), and exports them; only its
 * headers table.h and strikethrough.h, which are not installed, declare
 * them.  A library that stopped exporting them fails the link, not a
 * render.  A table's header row and its body rows are both TABLE_ROW. */
extern cmark_node_type CMARK_NODE_TABLE, CMARK_NODE_TABLE_ROW, CMARK_NODE_TABLE_CELL,
    CMARK_NODE_STRIKETHROUGH;

/* True for a block node (a paragraph, a list, a note, …), false for an
 * inline one. */
static inline bool md_is_block(cmark_node *n) {
  return (cmark_node_get_type(n) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
}

/* The node after n in document order inside root (root's descendants only;
 * no allocation, unlike cmark_iter): the walk of md_render's visits, of the
 * plain text of a heading or an image, and of the writer's alt text
 * (inline: md_render's walk takes it once a node). */
static inline cmark_node *md_following(cmark_node *root, cmark_node *n) {
  cmark_node *child = cmark_node_first_child(n);
  if (child) return child;
  for (; n != root; n = cmark_node_parent(n)) {
    cmark_node *next = cmark_node_next(n);
    if (next) return next;
  }
  return NULL;
}

/* Writes into `out` (cleared first) the HTML cmark_render_html(doc,
 * options, …) writes, with the table and strikethrough extensions; false
 * when doc holds a node this writer leaves to cmark (out is then
 * incomplete).  size_hint: room to start with (the output seldom grows
 * past it).
 *
 * Footnotes (CMARK_OPT_FOOTNOTES) are written govpub's way, ids made of
 * the notes' numbers and back links labelled in Chinese:
 *   文字<sup class="footnote-ref"><a href="#fn-1" id="fnref-1">1</a></sup>
 *   …
 *   <section class="footnotes" aria-label="注释">
 *   <ol>
 *   <li id="fn-1">
 *   <p>脚注。 <a href="#fnref-1" class="footnote-backref" aria-label="返回正文">↩</a></p>
 *   </li>
 *   </ol>
 *   </section>
 * A second reference to a note is fnref-1-2, its back link ↩<sup>2</sup>. */
bool md_html(buf *out, cmark_node *doc, int options, size_t size_hint);

#endif

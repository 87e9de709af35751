/* markdown_html: the HTML of a cmark-gfm tree that md_render made, the
 * bytes cmark_render_html() writes for it, written by govpub (see
 * markdown_html.c for why, and for the trees it leaves to cmark).
 *
 * Ownership: the caller's buffer holds the HTML. */
#ifndef GOVPUB_MARKDOWN_HTML_H
#define GOVPUB_MARKDOWN_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include <cmark-gfm.h>

#include "buf.h"

/* Writes into `out` (cleared first) the HTML cmark_render_html(doc,
 * options, …) writes, with the table and strikethrough extensions; false
 * when doc holds a node this writer leaves to cmark (out is then
 * incomplete).  size_hint: room to start with (the output seldom grows
 * past it). */
bool md_html(buf *out, cmark_node *doc, int options, size_t size_hint);

#endif

/* markdown_html: the HTML of a cmark-gfm tree that md_render made, the
 * bytes cmark_render_html() writes for it, written by govpub (see
 * markdown_html.c for why, and for the trees it leaves to cmark).
 *
 * Ownership: the HTML is allocated in the arena `a`. */
#ifndef GOVPUB_MARKDOWN_HTML_H
#define GOVPUB_MARKDOWN_HTML_H

#include <stddef.h>

#include <cmark-gfm.h>

#include "arena.h"

/* The HTML cmark_render_html(doc, options, …) writes, with the table and
 * strikethrough extensions (NUL-terminated; its length in *len), or NULL
 * when doc holds a node this writer leaves to cmark.  size_hint: room to
 * start with (the output seldom grows past it). */
char *md_html(arena *a, cmark_node *doc, int options, size_t size_hint, size_t *len);

#endif

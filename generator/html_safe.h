/* html_safe: raw HTML that a site lets through (raw_html: true), made
 * harmless the way a browser will read it.
 *
 * Owner: markdown.c calls it on every raw HTML node of a page (blocks and
 * inline), and on every link and image URL.  Written by hand: no library
 * in Debian sanitises an HTML fragment as a browser tokenises it (libxml2's
 * HTML parser predates HTML5's tokenizer; gumbo is unmaintained), and what
 * is needed is a small part of that tokenizer (WHATWG HTML §13.2.5: tags,
 * attributes, comments, bogus comments), mirrored exactly: a sanitiser
 * that reads a fragment differently from the browser is how script gets
 * past it. */
#ifndef GOVPUB_HTML_SAFE_H
#define GOVPUB_HTML_SAFE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* True for a URL that runs script or names local files: javascript:,
 * vbscript:, file:, and data: unless `image_data` allows the raster image
 * types.  Case, leading spaces and control characters, and tabs or newlines
 * inside the scheme are ignored as browsers ignore them; with `references`,
 * character references are decoded first (raw HTML attributes). */
bool html_url_is_dangerous(const char *s, size_t n, bool references, bool image_data);

/* The raw HTML `s` made harmless, read as a browser's tokenizer reads it:
 * - comments, and what a browser takes for one (<?…>, <!…>, </ followed by
 *   no letter), are left out, each ending where the browser ends it
 *   (<!-->, --!>, the end of `s`);
 * - in every start and end tag, event attributes (on…) are left out and
 *   attribute values that are dangerous URLs emptied;
 * - tags that run code, take the page elsewhere or change how what follows
 *   them is read (script, style, iframe, textarea, noscript, svg, math,
 *   object, base, meta, form, …) have their '<' written &lt;, and what
 *   follows is read again as text, as the browser will read it;
 * - so is a tag `s` leaves unfinished (the next raw HTML node, or the
 *   page's own markup, must not be read as its attributes), and every '<'
 *   that is text (at the end of `s`, what follows could make it a tag);
 * The result is read again until a pass finds nothing to change (what is
 * left out can join what stood around it into a tag or an attribute).
 * After it, a browser reading the result is where it started: in text.
 * Returns the new text in `a`, or NULL when nothing changed. */
const char *html_neutralise(arena *a, const char *s);

#endif

/* statics_markup: an SVG, HTML or XML file among the static files is
 * served from the site's own address, and a reader who opens it (not
 * through <img>, where an SVG is inert) runs whatever script it holds:
 * stored cross-site scripting on a government domain, which CSP's
 * default-src 'self' does not stop when the script is a file of the site.
 * govpub refuses such a file instead of cleaning it: <script>,
 * <foreignObject>, <iframe>/<frame>/<embed>/<object>/<applet> (with or
 * without a namespace prefix), an on…= event attribute, a javascript: or
 * vbscript: URL, or an <?xml-stylesheet?> (XSLT writes any markup)
 * anywhere in it is an error at its line and column.  The text is read
 * after decoding character references (&#106;, &#x6A without its ';',
 * &colon;, &Tab;, &NewLine;) until none is left, as an entity of an XML
 * internal DTD subset is read once when declared and again where it is
 * used, once more for each parameter entity it is nested in (a file
 * still holding references after 16 rounds is refused); a URL's tabs and
 * line ends are skipped, as browsers do.  A gzip-compressed .svgz is read
 * uncompressed.
 * Drawings exported by Inkscape, Illustrator or cairo, and a search
 * engine's verification page, hold none of these. */
#ifndef GOVPUB_STATICS_MARKUP_H
#define GOVPUB_STATICS_MARKUP_H

#include <stdbool.h>

/* What a browser opens a file named `name` as (by nginx's mime.types):
 * "SVG", "HTML", "XHTML" or "XML"; NULL for any other file. */
const char *statics_markup_kind(const char *name);

/* Checks the file `path` when statics_markup_kind says it is markup;
 * reports and returns false when it holds something that runs script (or
 * cannot be read).  Other files pass unread. */
bool statics_markup_check(const char *path);

#endif

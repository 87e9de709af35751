/* statics_svg: an SVG among the static files is served from the site's own
 * address, and a reader who opens it (not through <img>, where it is
 * inert) runs whatever script it holds: stored cross-site scripting on a
 * government domain.  govpub refuses such a file instead of cleaning it:
 * <script>, <foreignObject>, <iframe>/<embed>/<object>, an on…= event
 * attribute or a javascript: URL anywhere in it (ASCII case ignored) is an
 * error at its line and column.  Drawings exported by Inkscape,
 * Illustrator or cairo hold none of these. */
#ifndef GOVPUB_STATICS_SVG_H
#define GOVPUB_STATICS_SVG_H

#include <stdbool.h>

/* Checks the SVG file `path`; reports and returns false when it holds
 * something that runs script (or cannot be read). */
bool statics_svg_check(const char *path);

#endif

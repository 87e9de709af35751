/* site_name: which names a file or folder under content/ may have (and a
 * page's slug: field): the name of a column's folder and of a page's file
 * becomes a part of a URL, of an output folder, of every message about it,
 * and of the site's repository, which editors check out on Windows too.
 * A name may be in any script (会议纪要.md: readable Chinese URLs, percent-
 * encoded where a format wants ASCII, as the feeds and the sitemap do) but
 * must be valid UTF-8 without control, invisible or reordering (bidi)
 * characters, and without what Windows refuses in a name (\ : * ? " < > |,
 * CON, NUL, …); what becomes a URL must also leave out what a URL's path
 * cannot hold as it is (a space, # % [ ] ^ ` { }), start with no "." (the
 * web server keeps /. private: deploy/nginx.conf) and end with no "."
 * (Windows drops it from the output folder's name).
 *
 * site.c asks at each file and folder the walk of content/ lists, and at
 * each slug; govpub new at the path it is given. */
#ifndef GOVPUB_SITE_NAME_H
#define GOVPUB_SITE_NAME_H

#include <stdbool.h>

#include "arena.h"

/* What keeps `name` (one name: no '/') from being a name under content/,
 * in words after "the file name " ("holds \":\", which Windows does not
 * allow in a name"), or NULL.  `url`: also what a URL cannot hold, which a
 * page's slug: mends when only its file's name has it.  The words are in
 * `a` (or static). */
const char *site_name_problem(arena *a, const char *name, bool url);
/* name with what site_name_problem(…, true) refuses of a URL's alone
 * replaced by '-': the slug a hint suggests ("会议 纪要" → "会议-纪要"). */
const char *site_name_slug(arena *a, const char *name);

#endif

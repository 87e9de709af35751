/* tmpl: the Mustache engine that turns layouts and a page's tval context into
 * HTML (DESIGN §4).  It follows the official spec, including the optional
 * inheritance ({{< parent}} … {{$block}} … {{/parent}}) and dynamic names
 * ({{> *name}}); there are no lambdas.
 *
 * Ownership: a tmpl_set owns every template it loads.  Each template is read
 * and compiled once, on first use, into a flat node array (dotted names split,
 * standalone lines and indentation settled), and is immutable from then on,
 * so any number of threads may render from one set.  Loading happens under
 * the set's mutex; a name the set has looked up before (found or missing) is
 * answered without it, and so are a template's deps once computed, so the
 * render threads share a set that is only added to.  Rendering allocates
 * nothing per tag; it only appends to the caller's buf.
 *
 * Errors go through diag: syntax errors once, when a template is compiled,
 * at template:line:col; render-time errors (a partial or parent that does
 * not exist, includes nested too deep) at the tag, naming the page being
 * rendered.
 *
 * Deliberate choices where the spec leaves room:
 *   - {{x}} escapes & < > " ' (the apostrophe as &#39;); TV_HTML values are
 *     markup made by govpub and are written as they are.
 *   - numbers print in the shortest form that reads back to the same double
 *     (1.210 → "1.21", 85 → "85"); booleans print as true / false; lists and
 *     maps print nothing.
 *   - indentation of standalone partials, parents and blocks is not added to
 *     empty template lines, so output has no trailing blanks.
 *   - truthiness is tv_truthy's (value.h): an empty string is false. */
#ifndef GOVPUB_TMPL_H
#define GOVPUB_TMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "value.h"

typedef struct tmpl_set tmpl_set;
typedef struct tmpl tmpl;

/* Most partials, parents and blocks one render may nest (a partial that
 * includes itself stops here with an error). */
#define TMPL_MAX_DEPTH 64
/* Most sections, parents and blocks one template may nest. */
#define TMPL_MAX_NESTING 100

/* What a partial or parent tag naming a template that does not exist does. */
typedef enum {
  TMPL_MISSING_ERROR, /* report it at the tag (govpub's layouts) */
  TMPL_MISSING_EMPTY  /* render nothing, as the spec says (spec tests) */
} tmpl_missing;

/* A source of templates.  Looks up `name`: when found, appends the source to
 * `text`, sets *path to the name to use in messages and in tmpl_deps (copied
 * by the set) and returns 1; returns 0 when there is no such template and -1
 * after reporting an error itself (unreadable file). */
typedef int (*tmpl_loader)(void *ctx, const char *name, buf *text, const char **path);

/* A set reading template N from `<dir>/N.mustache`, trying dirs in order
 * (the site's layouts/ first, then the theme's).  The dirs are copied.
 * Missing partials and parents are errors. */
tmpl_set *tmpl_set_new(const char *const *dirs, size_t ndirs);
/* A set reading templates through `load` (called with `ctx`, under the set's
 * lock, at most once per name). */
tmpl_set *tmpl_set_new_loader(tmpl_loader load, void *ctx, tmpl_missing missing);
/* Frees the set and every template it compiled; NULL is a no-op. */
void tmpl_set_free(tmpl_set *s);

/* True when `name` may name a template: not empty, no leading '/', no
 * backslash, blank or control character, no empty, "." or ".." path part
 * ('/' separates parts: partials/footer).  Otherwise sets *why (when not
 * NULL) to a static explanation. */
bool tmpl_name_valid(const char *name, const char **why);

/* The compiled template `name`, loading it on first use.  Returns NULL when
 * it is missing (reported here, each call) or does not compile (reported once,
 * when compiled).  The template belongs to the set. */
const tmpl *tmpl_get(tmpl_set *s, const char *name);
/* True when a template called `name` exists, without reporting its absence
 * (for trying several layout names).  Compiles it, so its syntax errors, if
 * any, are reported here. */
bool tmpl_exists(tmpl_set *s, const char *name);
/* The path of the template's source (as given by the loader). */
const char *tmpl_path(const tmpl *t);
/* The template's text as it was compiled (after a byte order mark, so that
 * its lines and columns are those of its messages), owned by the set. */
const char *tmpl_source(const tmpl *t);
/* The file whose errors keep template `name` from loading (tmpl_get NULL):
 * its own, which does not compile or could not be read (the errors said
 * then).  NULL when it loads, when it is missing, or when its loader named
 * no file.  The path belongs to the set. */
const char *tmpl_failed_in(tmpl_set *s, const char *name);

/* Renders t with ctx (NULL renders against null), appending to `out`.
 * `page` (may be NULL) is the content file being rendered, named in
 * render-time errors.  Returns 0, or -1 when something was reported (the
 * output is then incomplete). */
int tmpl_render(tmpl_set *s, const tmpl *t, const tval *ctx, buf *out, const char *page);
/* tmpl_render, keeping the output of partials that read only stable values
 * in `memo` (tmpl_memo.h; one per thread, kept across pages) and writing
 * it again where they would find the same: the same bytes, fewer lookups.
 * memo NULL: tmpl_render. */
typedef struct tmpl_memo tmpl_memo;
int tmpl_render_memo(tmpl_set *s, const tmpl *t, const tval *ctx, buf *out, const char *page,
                     tmpl_memo *memo);
/* tmpl_render, and when it fails, *failed_in is set to the file of the
 * first error that stopped it (where a tag could not be rendered, or a
 * template it includes that does not compile), NULL when none is known:
 * for a note on the page explaining the error (diag_note_after). */
int tmpl_render_blame(tmpl_set *s, const tmpl *t, const tval *ctx, buf *out, const char *page,
                      const char **failed_in);
/* Compiles `src` (len bytes; `path` names it in messages), renders it like
 * tmpl_render and forgets it.  Partials and parents come from the set. */
int tmpl_render_str(tmpl_set *s, const char *path, const char *src, size_t len, const tval *ctx,
                    buf *out, const char *page);

/* The source paths of t (from tmpl_get) and of every template it can include
 * through static partial and parent tags, transitively, each once, t first (a
 * page's recorded inputs).  Names that do not resolve are left out, and so are dynamic
 * ({{> *x}}) partials, which depend on the data.  Sets *paths to an array
 * owned by the set (computed once per template) and returns its length. */
size_t tmpl_deps(tmpl_set *s, const tmpl *t, const char *const **paths);

#endif

/* lazylib: the shared libraries only some commands use, opened when one of
 * them first needs it rather than at every start of govpub.
 *
 * libmicrohttpd (govpub serve) brings GnuTLS and eight more libraries with
 * it; OpenCC (the content scan's traditional → simplified table) brings
 * libstdc++ and marisa.  Loaded at start-up they cost 1.9 ms of the 7 ms
 * every govpub process spent before main — a twentieth of an incremental
 * `govpub build`, which uses neither.  cairo (drawing charts) and FreeType
 * (the chart font, chart_lib.h) brought 16 libraries more (pixman,
 * fontconfig, libpng, xcb, X11 …): 1.0 ms of CPU and 1.1 ms of wall time
 * of every process (`govpub --version`: 2.5–3.1 → 1.6–1.7 ms of CPU, 394
 * → 266 page faults), though only a build that renders a chart draws one.
 *
 * The libraries are still Debian's, found by pkg-config: the Makefile
 * passes the soname the build linked against (LAZYLIB_MHD_SONAME,
 * LAZYLIB_OPENCC_SONAME, LAZYLIB_CAIRO_SONAME, LAZYLIB_FREETYPE_SONAME),
 * and each caller declares the functions it uses with the library's own
 * header's types. */
#ifndef GOVPUB_LAZYLIB_H
#define GOVPUB_LAZYLIB_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
  const char *name; /* the function's name in the library */
  void **fn;        /* where its address goes */
} lazylib_fn;

/* Opens the library `soname` and fills every fns[i].fn; false (after a
 * diag_system naming the Debian package `package`) when the library or a
 * function is missing.  Not thread-safe: callers bind under their own
 * pthread_once. */
bool lazylib_bind(const char *soname, const char *package, const lazylib_fn *fns, size_t n);

#endif

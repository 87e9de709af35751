/* chart_lib: see chart_lib.h. */
#include "chart_lib.h"

#include <pthread.h>

#include "lazylib.h"

chart_cairo_functions cairo;
chart_freetype_functions freetype;

static bool cairo_bound, freetype_bound;
static pthread_once_t cairo_once = PTHREAD_ONCE_INIT, freetype_once = PTHREAD_ONCE_INIT;

#define CAIRO_ENTRY(name) {"cairo_" #name, (void **)&cairo.name},
#define FREETYPE_ENTRY(name) {"FT_" #name, (void **)&freetype.name},

static void bind_cairo(void) {
  const lazylib_fn fns[] = {CHART_CAIRO_FUNCTIONS(CAIRO_ENTRY)};
  cairo_bound = lazylib_bind(LAZYLIB_CAIRO_SONAME, "libcairo2", fns, sizeof fns / sizeof *fns);
}

static void bind_freetype(void) {
  const lazylib_fn fns[] = {CHART_FREETYPE_FUNCTIONS(FREETYPE_ENTRY)};
  freetype_bound = lazylib_bind(LAZYLIB_FREETYPE_SONAME, "libfreetype6", fns, sizeof fns / sizeof *fns);
}

bool chart_lib_bind_cairo(void) {
  pthread_once(&cairo_once, bind_cairo);
  return cairo_bound;
}

bool chart_lib_bind_freetype(void) {
  pthread_once(&freetype_once, bind_freetype);
  return freetype_bound;
}

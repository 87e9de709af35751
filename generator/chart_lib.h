/* chart_lib: cairo and FreeType, the two libraries only charts use, opened
 * when a chart first needs them (lazylib.h) rather than at every start of
 * govpub.
 *
 * FreeType reads the chart font's glyphs (chart_font.c), which loading any
 * chart spec needs; cairo draws the shapes (chart_draw.c, chart_axes.c,
 * chart_pie.c), which only rendering needs.  They are bound apart because an
 * incremental build loads every spec but renders only the charts that
 * changed: it opens FreeType (and libpng), never cairo and the pixman,
 * fontconfig, xcb and X11 libraries cairo brings.
 *
 * Each function is called through a table named after its library, by its
 * name without the library's prefix and with its declaration's own type:
 * cairo.move_to(cr, x, y) is cairo_move_to, freetype.Load_Glyph(face, gid,
 * flags) is FT_Load_Glyph.  The lists below name each function once.
 *
 * Threads: a table is filled once per process, under pthread_once, by its
 * chart_lib_bind_* call, and only read after it.  A thread calls through a
 * table only after a bind call returned true on that thread, directly
 * (chart_render_svg) or inside a pthread_once of its own (chart_font.c's
 * open_fonts, reached through fonts_ready): the once is what makes the
 * filled table visible to every thread, and costs a load once done. */
#ifndef GOVPUB_CHART_LIB_H
#define GOVPUB_CHART_LIB_H

#include <cairo-svg.h>
#include <cairo.h>
#include <stdbool.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H

/* cairo_<name>: the drawing functions the charts call. */
#define CHART_CAIRO_FUNCTIONS(X)                                                   \
  X(svg_surface_create_for_stream) X(svg_surface_set_document_unit) X(create)      \
  X(destroy) X(surface_finish) X(surface_status) X(surface_destroy)                \
  X(status_to_string) X(paint) X(set_source_rgb) X(set_line_width) X(set_line_cap) \
  X(set_line_join) X(move_to) X(line_to) X(rectangle) X(arc) X(arc_negative)       \
  X(new_sub_path) X(close_path) X(fill) X(stroke)

/* FT_<name>: what reading the chart font's outlines takes. */
#define CHART_FREETYPE_FUNCTIONS(X)                                                \
  X(Init_FreeType) X(New_Face) X(Done_Face) X(Get_Char_Index) X(Load_Glyph)        \
  X(Outline_Decompose)

#define CHART_CAIRO_POINTER(name) __typeof__(cairo_##name) *name;
#define CHART_FREETYPE_POINTER(name) __typeof__(FT_##name) *name;
typedef struct {
  CHART_CAIRO_FUNCTIONS(CHART_CAIRO_POINTER)
} chart_cairo_functions;
typedef struct {
  CHART_FREETYPE_FUNCTIONS(CHART_FREETYPE_POINTER)
} chart_freetype_functions;
#undef CHART_CAIRO_POINTER
#undef CHART_FREETYPE_POINTER

extern chart_cairo_functions cairo;
extern chart_freetype_functions freetype;

/* Open libcairo / libfreetype (by the sonames the build found: the
 * Makefile's LAZYLIB_CAIRO_SONAME and LAZYLIB_FREETYPE_SONAME) and fill
 * their table, once per process; true when it is filled.  false, on this
 * and every later call, when the library or one of its functions is
 * missing: lazylib_bind has then reported it once through diag_system,
 * naming the Debian package (libcairo2, libfreetype6), and the caller
 * stops as on any system failure.  Thread-safe. */
bool chart_lib_bind_cairo(void);
bool chart_lib_bind_freetype(void);

#endif

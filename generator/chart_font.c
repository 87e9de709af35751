/* chart_font: the chart font, by file — Noto Sans CJK SC Regular and Bold
 * from Debian's fonts-noto-cjk (/usr/share/fonts/opentype/noto/), the face
 * named "Noto Sans CJK SC" inside each .ttc, so Chinese gets its Simplified
 * glyph forms and the output never depends on what fontconfig would pick.
 *
 * Each glyph is read once per process with FreeType (unscaled, unhinted: the
 * outline in font units) and kept as SVG path data in 1/100 em plus its
 * advance; charts place these outlines at any size with a scale transform,
 * so every size of a chart shares one definition per glyph.
 *
 * Threads: one FT_Library and one FT_Face per font, opened under
 * pthread_once (which first opens libfreetype itself: chart_lib.h).  A FreeType face may be used by one thread at a time, so all
 * glyph loading of a font runs under that font's mutex; the cache it fills
 * lives for the process and its entries never move, so a returned glyph
 * stays valid without the lock. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "chart_lib.h"
#include "chart_model.h"
#include "diag.h"

#define FONT_DIR "/usr/share/fonts/opentype/noto"
#define FONT_FAMILY "Noto Sans CJK SC"

typedef struct {
  const char *file, *style;
  FT_Face face;
  pthread_mutex_t lock;
  chart_glyph **slots; /* open addressing on the code point; NULL = free */
  size_t cap, n;
} font;

static FT_Library library;
static font fonts[] = {
    {FONT_DIR "/NotoSansCJK-Regular.ttc", "Regular", NULL, PTHREAD_MUTEX_INITIALIZER, NULL, 0, 0},
    {FONT_DIR "/NotoSansCJK-Bold.ttc", "Bold", NULL, PTHREAD_MUTEX_INITIALIZER, NULL, 0, 0},
};
static pthread_once_t once = PTHREAD_ONCE_INIT;
static bool opened;

static void *xcalloc(size_t n, size_t size) {
  void *p = calloc(n, size);
  if (!p) abort();
  return p;
}

/* The face of the collection whose family and style are ours. */
static bool open_font(font *f) {
  FT_Face face;
  if (freetype.New_Face(library, f->file, 0, &face)) return false;
  long count = face->num_faces;
  for (long i = 0;;) {
    if (face->family_name && face->style_name && strcmp(face->family_name, FONT_FAMILY) == 0 &&
        strcmp(face->style_name, f->style) == 0) {
      f->face = face;
      f->cap = 512;
      f->slots = xcalloc(f->cap, sizeof *f->slots);
      return true;
    }
    freetype.Done_Face(face);
    if (++i >= count || freetype.New_Face(library, f->file, i, &face)) return false;
  }
}

static void open_fonts(void) {
  if (!chart_lib_bind_freetype()) return; /* reported, naming the package */
  if (freetype.Init_FreeType(&library)) {
    diag_system_at(0, NULL, NULL, "cannot start FreeType for chart text");
    return;
  }
  for (size_t i = 0; i < sizeof fonts / sizeof *fonts; i++)
    if (!open_font(&fonts[i])) {
      diag_system_at(0, NULL, fonts[i].file, "cannot open the chart font " FONT_FAMILY " %s: install Debian's "
                                 "fonts-noto-cjk (make deps)", fonts[i].style);
      return;
    }
  opened = true;
}

bool fonts_ready(void) {
  pthread_once(&once, open_fonts);
  return opened;
}

/* ---- outline → path data ---- */

typedef struct {
  path_writer w;
  double scale; /* font units → 1/100 em */
  FT_Vector at, start;
  bool pending; /* a line to `pend` not written yet: dropped if it closes the contour */
  FT_Vector pend;
  bool open;
} outline_ctx;

static long sx(const outline_ctx *c, FT_Pos x) { return lround((double)x * c->scale); }
static long sy(const outline_ctx *c, FT_Pos y) { return -lround((double)y * c->scale); }

static void flush_line(outline_ctx *c, bool closing) {
  if (!c->pending) return;
  c->pending = false;
  if (closing && c->pend.x == c->start.x && c->pend.y == c->start.y) return;
  pw_line(&c->w, sx(c, c->pend.x), sy(c, c->pend.y));
}

static void end_contour(outline_ctx *c) {
  if (!c->open) return;
  flush_line(c, true);
  pw_close(&c->w);
  c->open = false;
}

static int on_move(const FT_Vector *to, void *u) {
  outline_ctx *c = u;
  end_contour(c);
  pw_move(&c->w, sx(c, to->x), sy(c, to->y));
  c->at = c->start = *to;
  c->open = true;
  return 0;
}

static int on_line(const FT_Vector *to, void *u) {
  outline_ctx *c = u;
  flush_line(c, false);
  c->pending = true;
  c->pend = c->at = *to;
  return 0;
}

static int on_cubic(const FT_Vector *c1, const FT_Vector *c2, const FT_Vector *to, void *u) {
  outline_ctx *c = u;
  flush_line(c, false);
  pw_cubic(&c->w, sx(c, c1->x), sy(c, c1->y), sx(c, c2->x), sy(c, c2->y), sx(c, to->x), sy(c, to->y));
  c->at = *to;
  return 0;
}

/* A quadratic segment (TrueType outlines) as the equal cubic. */
static int on_conic(const FT_Vector *ctl, const FT_Vector *to, void *u) {
  outline_ctx *c = u;
  FT_Vector c1 = {c->at.x + 2 * (ctl->x - c->at.x) / 3, c->at.y + 2 * (ctl->y - c->at.y) / 3};
  FT_Vector c2 = {to->x + 2 * (ctl->x - to->x) / 3, to->y + 2 * (ctl->y - to->y) / 3};
  return on_cubic(&c1, &c2, to, u);
}

/* Reads one glyph (f->lock held); NULL when the font has none for cp. */
static chart_glyph *load_glyph(font *f, uint32_t cp) {
  FT_Face face = f->face;
  FT_UInt gid = freetype.Get_Char_Index(face, cp);
  if (gid == 0 || freetype.Load_Glyph(face, gid, FT_LOAD_NO_SCALE) ||
      face->glyph->format != FT_GLYPH_FORMAT_OUTLINE)
    return NULL;
  static const FT_Outline_Funcs funcs = {on_move, on_line, on_conic, on_cubic, 0, 0};
  buf d = BUF_INIT;
  outline_ctx c = {.scale = (double)GLYPH_UNITS / face->units_per_EM};
  pw_init(&c.w, &d, 0);
  if (freetype.Outline_Decompose(&face->glyph->outline, &funcs, &c)) {
    buf_free(&d);
    return NULL;
  }
  end_contour(&c);
  chart_glyph *g = xcalloc(1, sizeof *g);
  g->cp = cp;
  g->advance = (int)lround(face->glyph->advance.x * 1000.0 / face->units_per_EM);
  g->d = d.len ? buf_take(&d, NULL) : "";
  buf_free(&d);
  return g;
}

static size_t slot_of(const font *f, uint32_t cp) {
  size_t i = (cp * 2654435761u) & (f->cap - 1);
  while (f->slots[i] && f->slots[i]->cp != cp) i = (i + 1) & (f->cap - 1);
  return i;
}

static void grow(font *f) {
  chart_glyph **old = f->slots;
  size_t oldcap = f->cap;
  f->cap *= 2;
  f->slots = xcalloc(f->cap, sizeof *f->slots);
  for (size_t i = 0; i < oldcap; i++)
    if (old[i]) f->slots[slot_of(f, old[i]->cp)] = old[i];
  free(old);
}

/* Code points the font lacks are cached too, as glyphs without outline. */
const chart_glyph *font_glyph(chart_font which, uint32_t cp) {
  if (!fonts_ready()) return NULL;
  font *f = &fonts[which];
  pthread_mutex_lock(&f->lock);
  size_t i = slot_of(f, cp);
  chart_glyph *g = f->slots[i];
  if (!g) {
    g = load_glyph(f, cp);
    if (!g) {
      g = xcalloc(1, sizeof *g);
      g->cp = cp;
    }
    f->slots[i] = g;
    if (++f->n * 2 > f->cap) grow(f);
  }
  pthread_mutex_unlock(&f->lock);
  return g->d ? g : NULL;
}

/* chart_svg: compact SVG path data, and cairo's SVG made fit to inline.
 *
 * cairo 1.16's SVG surface writes every shape with style="fill:rgb(0%,
 * 44.705882%,69.803922%);fill-opacity:1;…", absolute coordinates to six
 * decimals, and a <g id="surfaceN"> whose number counts surfaces across
 * the whole process.  A strict Content-Security-Policy ignores style=
 * attributes of inlined SVG, and the counter makes the same chart differ
 * from run to run.  svg_shapes_from_cairo keeps the shapes and rewrites them:
 * presentation attributes (fill="#0072b2"), defaults left out, relative path
 * data to 0.1 px, no ids at all.  The charts draw only filled and stroked
 * paths, so anything else in cairo's output is refused rather than guessed
 * at. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_model.h"

/* ---- path data ---- */

static long ten_to(int dec) {
  long scale = 1;
  while (dec-- > 0) scale *= 10;
  return scale;
}

void fixed_format(buf *b, long v, int dec) {
  unsigned long a = v < 0 ? 0 - (unsigned long)v : (unsigned long)v, scale = (unsigned long)ten_to(dec);
  unsigned long whole = a / scale, frac = a % scale;
  int digits = dec;
  while (digits > 0 && frac % 10 == 0) frac /= 10, digits--;
  char tmp[48], *end = tmp + sizeof tmp, *p = end;
  for (int i = 0; i < digits; i++, frac /= 10) *--p = (char)('0' + frac % 10);
  if (digits) *--p = '.';
  if (whole || !digits) do *--p = (char)('0' + whole % 10); while ((whole /= 10));
  if (v < 0) *--p = '-';
  buf_put(b, p, (size_t)(end - p));
}

void color_hex(buf *b, uint32_t rgb) {
  static const char hex[] = "0123456789abcdef";
  unsigned r = rgb >> 16 & 255, g = rgb >> 8 & 255, bl = rgb & 255;
  buf_putc(b, '#');
  if (r % 17 == 0 && g % 17 == 0 && bl % 17 == 0) {
    buf_putc(b, hex[r / 17]);
    buf_putc(b, hex[g / 17]);
    buf_putc(b, hex[bl / 17]);
    return;
  }
  unsigned parts[3] = {r, g, bl};
  for (int i = 0; i < 3; i++) {
    buf_putc(b, hex[parts[i] >> 4]);
    buf_putc(b, hex[parts[i] & 15]);
  }
}

void pw_init(path_writer *w, buf *b, int dec) { *w = (path_writer){.b = b, .dec = dec}; }

static void pw_cmd(path_writer *w, char c) {
  if (c == w->cmd && c != 'm') return; /* implicit repetition */
  buf_putc(w->b, c);
  w->cmd = c;
  w->num = false;
}

/* A number, with a separator only where the grammar needs one: not before
 * '-', not before a leading '.' when the previous number already had one. */
static void pw_num(path_writer *w, long v) {
  long scale = ten_to(w->dec);
  bool lead_dot = v > 0 && v < scale;
  if (w->num && v >= 0 && !(lead_dot && w->dot)) buf_putc(w->b, ' ');
  fixed_format(w->b, v, w->dec);
  w->num = true;
  w->dot = v % scale != 0;
}

void pw_move(path_writer *w, long x, long y) {
  pw_cmd(w, 'm');
  pw_num(w, x - w->x);
  pw_num(w, y - w->y);
  w->x = w->sx = x;
  w->y = w->sy = y;
}

void pw_line(path_writer *w, long x, long y) {
  long dx = x - w->x, dy = y - w->y;
  if (!dx && !dy) return;
  if (!dy) {
    pw_cmd(w, 'h');
    pw_num(w, dx);
  } else if (!dx) {
    pw_cmd(w, 'v');
    pw_num(w, dy);
  } else {
    pw_cmd(w, 'l');
    pw_num(w, dx);
    pw_num(w, dy);
  }
  w->x = x;
  w->y = y;
}

void pw_cubic(path_writer *w, long x1, long y1, long x2, long y2, long x, long y) {
  pw_cmd(w, 'c');
  long pts[6] = {x1 - w->x, y1 - w->y, x2 - w->x, y2 - w->y, x - w->x, y - w->y};
  for (int i = 0; i < 6; i++) pw_num(w, pts[i]);
  w->x = x;
  w->y = y;
}

void pw_close(path_writer *w) {
  pw_cmd(w, 'z');
  w->x = w->sx;
  w->y = w->sy;
}

/* ---- cairo's document ---- */

#define SHAPE_DEC 1 /* 0.1 px */
#define SHAPE_SCALE 10.0

typedef struct {
  const char *name, *val;
  size_t name_len, val_len;
} attr;

typedef struct {
  const char *p, *end;
} scanner;

static void skip_space(scanner *s) {
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t')) s->p++;
}

static bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == ':' || c == '_';
}

/* Attributes up to "/>" or ">"; *closed tells which. */
static size_t read_attrs(scanner *s, attr *out, size_t max, bool *closed) {
  size_t n = 0;
  for (;;) {
    skip_space(s);
    if (s->p >= s->end) return (size_t)-1;
    if (*s->p == '/' && s->p + 1 < s->end && s->p[1] == '>') {
      s->p += 2;
      *closed = true;
      return n;
    }
    if (*s->p == '>') {
      s->p++;
      *closed = false;
      return n;
    }
    const char *name = s->p;
    while (s->p < s->end && is_name_char(*s->p)) s->p++;
    size_t name_len = (size_t)(s->p - name);
    if (!name_len || s->p + 1 >= s->end || s->p[0] != '=' || s->p[1] != '"' || n == max)
      return (size_t)-1;
    s->p += 2;
    const char *val = s->p;
    while (s->p < s->end && *s->p != '"') s->p++;
    if (s->p >= s->end) return (size_t)-1;
    out[n++] = (attr){name, val, name_len, (size_t)(s->p - val)};
    s->p++;
  }
}

static bool attr_is(const attr *a, const char *name) {
  return a->name_len == strlen(name) && memcmp(a->name, name, a->name_len) == 0;
}

static bool val_is(const char *v, size_t n, const char *want) {
  return n == strlen(want) && memcmp(v, want, n) == 0;
}

/* "rgb(0%,44.705882%,69.803922%)" → "#0072b2", "rgb(100%,100%,100%)" → "#fff". */
static bool put_color(buf *b, const char *v, size_t n) {
  if (n < 5 || memcmp(v, "rgb(", 4) != 0) return false;
  char tmp[96];
  if (n >= sizeof tmp) return false;
  memcpy(tmp, v + 4, n - 4);
  tmp[n - 4] = '\0';
  char *p = tmp;
  int rgb[3];
  for (int i = 0; i < 3; i++) {
    char *end;
    double pct = strtod(p, &end);
    if (end == p || *end != '%') return false;
    rgb[i] = (int)lround(pct * 2.55);
    if (rgb[i] < 0 || rgb[i] > 255) return false;
    p = end + 1;
    if (*p == ',') p++;
  }
  color_hex(b, (uint32_t)(rgb[0] << 16 | rgb[1] << 8 | rgb[2]));
  return true;
}

/* style="k:v;…" → k="v" …, leaving out what SVG assumes anyway. */
static bool put_style(buf *b, const char *v, size_t n) {
  bool miter = memmem(v, n, "stroke-linejoin:miter", 21) != NULL;
  const char *end = v + n;
  while (v < end) {
    while (v < end && *v == ' ') v++;
    const char *semi = memchr(v, ';', (size_t)(end - v));
    if (!semi) semi = end;
    const char *colon = memchr(v, ':', (size_t)(semi - v));
    if (!colon) return v == semi;
    const char *k = v, *val = colon + 1;
    size_t kn = (size_t)(colon - v), vn = (size_t)(semi - val);
    v = semi + (semi < end);
    static const char *const defaults[][2] = {
        {"fill-opacity", "1"},       {"stroke-opacity", "1"},    {"fill-rule", "nonzero"},
        {"stroke", "none"},          {"stroke-width", "1"},      {"stroke-linecap", "butt"},
        {"stroke-linejoin", "miter"}, {"opacity", "1"}};
    bool dflt = false;
    for (size_t i = 0; i < sizeof defaults / sizeof *defaults && !dflt; i++)
      dflt = val_is(k, kn, defaults[i][0]) && val_is(val, vn, defaults[i][1]);
    if (dflt || (val_is(k, kn, "stroke-miterlimit") && !miter)) continue;
    buf_putc(b, ' ');
    buf_put(b, k, kn);
    buf_puts(b, "=\"");
    if ((val_is(k, kn, "fill") || val_is(k, kn, "stroke")) && !val_is(val, vn, "none")) {
      if (!put_color(b, val, vn)) return false;
    } else {
      buf_put(b, val, vn);
    }
    buf_putc(b, '"');
  }
  return true;
}

/* cairo's absolute M/L/C/Z data → compact relative data. */
static bool put_path(buf *b, const char *v, size_t n) {
  path_writer w;
  pw_init(&w, b, SHAPE_DEC);
  const char *p = v, *end = v + n;
  long nums[6];
  while (p < end) {
    while (p < end && *p == ' ') p++;
    if (p >= end) break;
    char c = *p++;
    int want = c == 'M' || c == 'L' ? 2 : c == 'C' ? 6 : c == 'Z' ? 0 : -1;
    if (want < 0) return false;
    for (int i = 0; i < want; i++) {
      char *e;
      double d = strtod(p, &e);
      if (e == p || e > end) return false;
      nums[i] = lround(d * SHAPE_SCALE);
      p = e;
    }
    /* cairo ends a closed subpath with a stray "M x y": drop a final move */
    if (c == 'M') {
      const char *q = p;
      while (q < end && *q == ' ') q++;
      if (q >= end) break;
      pw_move(&w, nums[0], nums[1]);
    } else if (c == 'L') {
      pw_line(&w, nums[0], nums[1]);
    } else if (c == 'C') {
      pw_cubic(&w, nums[0], nums[1], nums[2], nums[3], nums[4], nums[5]);
    } else {
      pw_close(&w);
    }
  }
  return true;
}

static bool put_number_attr(buf *b, const attr *a) {
  char *e;
  char tmp[64];
  if (a->val_len >= sizeof tmp) return false;
  memcpy(tmp, a->val, a->val_len);
  tmp[a->val_len] = '\0';
  double d = strtod(tmp, &e);
  if (e == tmp || *e) return false;
  long v = lround(d * SHAPE_SCALE);
  if (!v && (attr_is(a, "x") || attr_is(a, "y"))) return true;
  buf_putc(b, ' ');
  buf_put(b, a->name, a->name_len);
  buf_puts(b, "=\"");
  fixed_format(b, v, SHAPE_DEC);
  buf_putc(b, '"');
  return true;
}

/* One <rect> or <path>; false on anything unexpected. */
static bool put_shape(buf *out, const char *name, size_t name_len, const attr *at, size_t n) {
  bool rect = name_len == 4 && memcmp(name, "rect", 4) == 0;
  buf_putc(out, '<');
  buf_put(out, name, name_len);
  const attr *style = NULL, *d = NULL;
  for (size_t i = 0; i < n; i++) {
    if (attr_is(&at[i], "style")) style = &at[i];
    else if (!rect && attr_is(&at[i], "d")) d = &at[i];
    else if (rect && (attr_is(&at[i], "x") || attr_is(&at[i], "y") || attr_is(&at[i], "width") ||
                      attr_is(&at[i], "height"))) {
      if (!put_number_attr(out, &at[i])) return false;
    } else {
      return false;
    }
  }
  if (style && !put_style(out, style->val, style->val_len)) return false;
  if (d) {
    buf_puts(out, " d=\"");
    if (!put_path(out, d->val, d->val_len)) return false;
    buf_putc(out, '"');
  }
  buf_puts(out, "/>\n");
  return (rect || d) && style;
}

bool svg_shapes_from_cairo(const char *in, size_t len, buf *out) {
  scanner s = {in, in + len};
  attr at[8];
  for (;;) {
    skip_space(&s);
    if (s.p >= s.end) return true;
    if (*s.p != '<') return false;
    s.p++;
    if (*s.p == '?') { /* the XML declaration */
      const char *e = memmem(s.p, (size_t)(s.end - s.p), "?>", 2);
      if (!e) return false;
      s.p = e + 2;
      continue;
    }
    bool end_tag = *s.p == '/';
    s.p += end_tag;
    const char *name = s.p;
    while (s.p < s.end && is_name_char(*s.p)) s.p++;
    size_t name_len = (size_t)(s.p - name);
    bool closed;
    size_t n = read_attrs(&s, at, sizeof at / sizeof *at, &closed);
    if (n == (size_t)-1) return false;
    bool is_g = name_len == 1 && name[0] == 'g';
    bool is_svg = name_len == 3 && memcmp(name, "svg", 3) == 0;
    if (end_tag) {
      if (!is_g && !is_svg) return false;
    } else if (is_svg) {
      /* the root: govpub writes its own */
    } else if (is_g) {
      /* only cairo's surface wrapper, whose id is the process-wide counter */
      if (n != 1 || !attr_is(&at[0], "id") || closed) return false;
    } else if (!closed || !put_shape(out, name, name_len, at, n)) {
      return false;
    }
  }
}

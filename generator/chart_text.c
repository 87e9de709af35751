/* chart_text: the words of a chart, set as glyph outlines.
 *
 * Shapes go through cairo; text does not: cairo's SVG surface would write
 * every glyph outline of every chart again with six decimals (most of a
 * chart's bytes and time).  Here each string is measured with the font's
 * advances, broken into lines when needed, and placed as one
 *   <g fill transform="translate(x y) rotate(a) scale(size/100)">
 * of <use> elements pointing at glyph outlines defined once per chart in
 * 1/100 em (chart_font.c), so a glyph used at two sizes or angles is
 * defined once.  No shaping or kerning: Chinese needs none, and digits and
 * Latin letters keep their advances.
 *
 * Ownership: the layer and its strings live in the chart's scratch arena. */
#include <limits.h>
#include <math.h>
#include <string.h>

#include "cjk.h"
#include "escape.h"
#include "chart_model.h"

typedef struct {
  const chart_glyph *g;
  int id; /* 0: nothing to draw (a blank) */
} placed_glyph;

typedef struct {
  text_style st;
  double x, y, angle;
  text_anchor anchor;
  placed_glyph *glyphs;
  size_t n;
  long advance; /* 1/1000 em */
  const char *title; /* the whole text of a shortened one (its <title>), else NULL */
} text_item;

typedef struct {
  uint32_t key; /* font << 21 | code point; 0 = free */
  int id;
} id_slot;

struct chart_text {
  arena *a;
  text_item *items;
  size_t n, cap;
  id_slot *ids; /* glyph → id, in first-use order */
  size_t ids_cap, nids;
  const chart_glyph **used; /* id - 1 → glyph */
};

chart_text *text_new(arena *a) {
  chart_text *t = arena_calloc(a, 1, sizeof *t);
  t->a = a;
  t->ids_cap = 256;
  t->ids = arena_calloc(a, t->ids_cap, sizeof *t->ids);
  t->used = arena_calloc(a, t->ids_cap / 2, sizeof *t->used);
  return t;
}

static size_t id_slot_of(const chart_text *t, uint32_t key) {
  size_t i = (key * 2654435761u) & (t->ids_cap - 1);
  while (t->ids[i].key && t->ids[i].key != key) i = (i + 1) & (t->ids_cap - 1);
  return i;
}

static int glyph_id(chart_text *t, chart_font f, const chart_glyph *g) {
  if (!*g->d) return 0;
  uint32_t key = (uint32_t)f << 21 | g->cp;
  size_t i = id_slot_of(t, key);
  if (t->ids[i].key) return t->ids[i].id;
  if ((t->nids + 1) * 2 > t->ids_cap) {
    id_slot *old = t->ids;
    size_t oldcap = t->ids_cap;
    t->ids_cap *= 2;
    t->ids = arena_calloc(t->a, t->ids_cap, sizeof *t->ids);
    for (size_t j = 0; j < oldcap; j++)
      if (old[j].key) t->ids[id_slot_of(t, old[j].key)] = old[j];
    t->used = arena_grow(t->a, t->used, t->nids, t->ids_cap / 2, sizeof *t->used);
    i = id_slot_of(t, key);
  }
  t->ids[i] = (id_slot){key, (int)++t->nids};
  t->used[t->nids - 1] = g;
  return (int)t->nids;
}

/* Sum of advances of s[0..n) in 1/1000 em. */
static long advance_of(chart_font f, const char *s, size_t n) {
  long adv = 0;
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t k = utf8_decode(s + i, n - i, &cp);
    i += k ? k : 1;
    const chart_glyph *g = font_glyph(f, cp);
    if (g) adv += g->advance;
  }
  return adv;
}

static double width_n(const text_style *st, const char *s, size_t n) {
  return (double)advance_of(st->font, s, n) * st->size / 1000.0;
}

double text_width(const text_style *st, const char *s) { return width_n(st, s, strlen(s)); }

double text_middle(const text_style *st) { return 0.36 * st->size; }

void text_add(chart_text *t, const text_style *st, double x, double y, double angle,
              text_anchor anchor, const char *s) {
  text_add_titled(t, st, x, y, angle, anchor, s, NULL);
}

void text_add_titled(chart_text *t, const text_style *st, double x, double y, double angle,
                     text_anchor anchor, const char *s, const char *title) {
  size_t len = strlen(s);
  if (!len) return;
  if (t->n == t->cap) {
    size_t cap = t->cap ? t->cap * 2 : 32;
    t->items = arena_grow(t->a, t->items, t->n, cap, sizeof *t->items);
    t->cap = cap;
  }
  text_item *it = &t->items[t->n++];
  *it = (text_item){*st, x, y, angle, anchor, arena_alloc(t->a, len * sizeof(placed_glyph)), 0, 0, title};
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    size_t k = utf8_decode(s + i, len - i, &cp);
    i += k ? k : 1;
    const chart_glyph *g = font_glyph(st->font, cp);
    if (!g) continue;
    it->glyphs[it->n++] = (placed_glyph){g, glyph_id(t, st->font, g)};
    it->advance += g->advance;
  }
}

/* ---- line breaking ---- */

static bool is_space(uint32_t cp) { return cp == ' ' || cp == 0x3000; }

/* No line starts with these. */
static bool is_closing(uint32_t cp) {
  static const char closing[] = "，。、；：？！）》」』】〕〉”’％…—·,.;:?!)]}%";
  char u[5] = {0};
  utf8_encode(cp, u);
  return strstr(closing, u) != NULL;
}

/* No line ends with these. */
static bool is_opening(uint32_t cp) {
  static const char opening[] = "（《「『【〔〈“‘([{";
  char u[5] = {0};
  utf8_encode(cp, u);
  return strstr(opening, u) != NULL;
}

static bool break_between(uint32_t a, uint32_t b) {
  if (is_space(b) || is_closing(b) || is_opening(a)) return false;
  if (is_space(a)) return true;
  return cjk_is_wide(a) || cjk_is_wide(b);
}

static size_t skip_spaces(const char *s, size_t i, size_t n) {
  while (i < n) {
    uint32_t cp;
    size_t k = utf8_decode(s + i, n - i, &cp);
    if (!k || !is_space(cp)) break;
    i += k;
  }
  return i;
}

static const char *trimmed(arena *a, const char *s, size_t from, size_t to) {
  while (to > from && (s[to - 1] == ' ')) to--;
  if (to >= from + 3 && memcmp(s + to - 3, "\xe3\x80\x80", 3) == 0) to -= 3;
  return arena_strndup(a, s + from, to - from);
}

/* Greedy filling; `force`: never fail (a word wider than the line is
 * broken, and text beyond max_lines ends the last line with "…"). */
static size_t wrap(arena *a, const text_style *st, const char *s, double max_w, size_t max_lines,
                   const char **lines, bool force) {
  size_t n = strlen(s), pos = skip_spaces(s, 0, n), count = 0;
  long limit = (long)floor(max_w * 1000.0 / st->size);
  while (pos < n && count < max_lines) {
    size_t i = pos, good = pos;
    long adv = 0;
    bool overflow = false;
    while (i < n) {
      uint32_t cp, next = 0;
      size_t k = utf8_decode(s + i, n - i, &cp);
      k = k ? k : 1;
      const chart_glyph *g = font_glyph(st->font, cp);
      long w = adv + (g ? g->advance : 0);
      if (w > limit && !is_space(cp)) {
        overflow = true;
        break;
      }
      adv = w;
      i += k;
      if (i < n) utf8_decode(s + i, n - i, &next);
      if (i == n || break_between(cp, next)) good = i;
    }
    size_t end = !overflow ? n : good;
    if (end == pos) {
      if (!force) return 0;
      end = i > pos ? i : pos + 1; /* a word wider than the line */
      while (end < n && (s[end] & 0xc0) == 0x80) end++;
    }
    size_t next_pos = skip_spaces(s, end, n);
    if (count + 1 == max_lines && next_pos < n) {
      if (!force) return 0;
      lines[count++] = text_fit(a, st, s + pos, max_w);
      return count;
    }
    lines[count++] = trimmed(a, s, pos, end);
    pos = next_pos;
  }
  return count;
}

size_t text_wrap(arena *a, const text_style *st, const char *s, double max_w, size_t max_lines,
                 const char **lines) {
  return wrap(a, st, s, max_w, max_lines, lines, false);
}

size_t text_wrap_fit(arena *a, const text_style *st, const char *s, double max_w,
                     size_t max_lines, const char **lines) {
  return wrap(a, st, s, max_w, max_lines, lines, true);
}

size_t text_wrap_even(arena *a, const text_style *st, const char *s, double max_w, size_t max_lines,
                      const char **lines) {
  size_t n = text_wrap(a, st, s, max_w, max_lines, lines);
  if (n < 2) return n;
  /* the narrowest width (to 1 px) that needs no more lines */
  double lo = text_width(st, s) / (double)n, hi = max_w;
  const char **tmp = arena_alloc(a, n * sizeof *tmp);
  while (hi - lo > 1) {
    double mid = (lo + hi) / 2;
    if (text_wrap(a, st, s, mid, n, tmp)) hi = mid;
    else lo = mid;
  }
  return text_wrap(a, st, s, hi, n, lines);
}

/* ---- titles: breaks between phrases ---- */

/* True when c is one of the characters of `set` (UTF-8). */
static bool one_of(const char *set, uint32_t c) {
  char u[5] = {0};
  utf8_encode(c, u);
  return strstr(set, u) != NULL;
}

/* After the name of an office, where what it runs begins:
 * 区数据资源管理局 | 政务数据共享交换平台, …委员会 | …, …中心 | …, …办公室 | …;
 * not inside 局长, 局部, 局面.  Not after 政府: 政府信息公开 is one phrase. */
static bool after_office(uint32_t before2, uint32_t before, uint32_t after) {
  if (before == 0x5c40 /* 局 */) return !one_of("长部面势限域", after);
  /* 员会, 中心, 公室 */
  static const uint32_t ends[][2] = {{0x5458, 0x4f1a}, {0x4e2d, 0x5fc3}, {0x516c, 0x5ba4}};
  for (size_t i = 0; i < sizeof ends / sizeof *ends; i++)
    if (before2 == ends[i][0] && before == ends[i][1]) return true;
  return false;
}

/* A break after a wide closing mark (，、）》…), at a space, before an
 * opening mark, after a year or month written in digits ("2023年" |
 * "云岭区…", but not inside 年度, 年初, 年末, 年底, 年中, 年内), or after an
 * office's name (after_office): where a title's, a note's or a category
 * name's phrases meet. */
static bool phrase_break(uint32_t before2, uint32_t before, uint32_t after) {
  if (is_space(before) || is_opening(after)) return true;
  if (is_closing(before) && cjk_is_wide(before)) return true;
  if (after_office(before2, before, after)) return true;
  return (before == 0x5e74 /* 年 */ || before == 0x6708 /* 月 */) && before2 >= '0' && before2 <= '9' &&
         !one_of("度初末底中内", after);
}

/* Names only (chart_axes.c's across): after a place — a district or
 * an area (云岭区 | 数据资源管理局, 社区 | 卫生服务中心; not 区域, 区间,
 * 区划, 区级, 区县, 区委, 区内, 区外, nor the 区 a name starts with) or a
 * 街道 — or after a company (公司, 集团). */
static bool after_place(uint32_t before2, uint32_t before, uint32_t after) {
  if (before == 0x533a /* 区 */) return before2 && !one_of("域间划级县委内外块", after);
  static const uint32_t ends[][2] = {{0x8857, 0x9053} /* 街道 */, {0x516c, 0x53f8} /* 公司 */, {0x96c6, 0x56e2} /* 集团 */};
  for (size_t i = 0; i < sizeof ends / sizeof *ends; i++)
    if (before2 == ends[i][0] && before == ends[i][1]) return true;
  return false;
}

/* How good a break is: between phrases, between two words of the
 * category names' lexicon (chart_lexicon.c), or only between characters. */
typedef enum { BREAK_PLAIN, BREAK_WORD, BREAK_PHRASE } break_kind;

typedef struct {
  size_t end, next; /* the line ends at `end`, the next one starts at `next` */
  break_kind kind;
} title_break;

/* A string's breaks and advances, measured once for every width asked. */
struct text_breaks {
  const char *s;
  size_t len, start; /* start: the first character that is not a space */
  text_style st;
  const title_break *b;
  size_t nb;
  const long *adv; /* advance of s[0..i) in 1/1000 em, at every byte offset i */
};

/* `names`: a category name's breaks (after_place, the lexicon's words);
 * else a title's or a note's (only phrase_break's are phrases). */
static text_breaks *breaks_of(arena *a, const text_style *st, const char *s, bool names) {
  size_t len = strlen(s), nb = 0;
  long *adv = arena_alloc(a, (len + 1) * sizeof *adv);
  title_break *b = arena_alloc(a, (len + 1) * sizeof *b);
  bool *words = NULL;
  if (names) {
    words = arena_alloc(a, len + 1);
    lexicon_bounds(s, len, words);
  }
  uint32_t prev = 0, cp = 0;
  adv[0] = 0;
  for (size_t i = 0; i < len;) {
    size_t k = utf8_decode(s + i, len - i, &cp);
    k = k ? k : 1;
    const chart_glyph *g = font_glyph(st->font, cp);
    for (size_t j = 1; j <= k; j++) adv[i + j] = adv[i] + (j == k && g ? g->advance : 0);
    i += k;
    uint32_t next = 0;
    if (i < len) utf8_decode(s + i, len - i, &next);
    if (i < len && break_between(cp, next)) {
      size_t end = i;
      while (end > 0 && s[end - 1] == ' ') end--;
      if (end >= 3 && memcmp(s + end - 3, "\xe3\x80\x80", 3) == 0) end -= 3;
      break_kind kind = phrase_break(prev, cp, next) || (names && after_place(prev, cp, next)) ? BREAK_PHRASE
                        : names && words[i]                                                 ? BREAK_WORD
                                                                                             : BREAK_PLAIN;
      b[nb++] = (title_break){end, skip_spaces(s, i, len), kind};
    }
    prev = cp;
  }
  text_breaks *r = arena_alloc(a, sizeof *r);
  *r = (text_breaks){s, len, skip_spaces(s, 0, len), *st, b, nb, adv};
  return r;
}

typedef struct {
  const text_breaks *r;
  break_kind least; /* breaks of a lesser kind are not taken */
  long limit, penalty;
  size_t best[TEXT_MAX_LINES - 1], pick[TEXT_MAX_LINES - 1];
  long best_cost;
} title_search;

/* Tries every choice of `left` more breaks after the line starting at
 * byte `from`; cost: the widest line, plus `penalty` for each break that
 * is not between phrases. */
static void title_choose(title_search *t, size_t depth, size_t left, size_t from, size_t first,
                         long widest, long plain) {
  const text_breaks *r = t->r;
  if (!left) {
    long w = r->adv[r->len] - r->adv[from], cost;
    if (w > t->limit) return;
    cost = (w > widest ? w : widest) + plain * t->penalty;
    if (cost < t->best_cost) {
      t->best_cost = cost;
      memcpy(t->best, t->pick, depth * sizeof *t->pick);
    }
    return;
  }
  for (size_t k = first; k < r->nb; k++) {
    const title_break *b = &r->b[k];
    if (b->end <= from || b->kind < t->least) continue;
    long w = r->adv[b->end] - r->adv[from];
    if (w > t->limit) break;
    t->pick[depth] = k;
    title_choose(t, depth + 1, left - 1, b->next, k + 1, w > widest ? w : widest, plain + (b->kind != BREAK_PHRASE));
  }
}

/* The best n lines of r no wider than `limit` (1/1000 em) at breaks of
 * kind `least` or better, into lines; false when there are none. */
static bool choose(arena *a, const text_breaks *r, long limit, size_t n, break_kind least, const char **lines) {
  title_search t = {r, least, limit, limit / 4, {0}, {0}, LONG_MAX};
  title_choose(&t, 0, n - 1, r->start, 0, 0, 0);
  if (t.best_cost == LONG_MAX) return false;
  size_t from = r->start;
  for (size_t i = 0; i + 1 < n; i++) {
    lines[i] = trimmed(a, r->s, from, r->b[t.best[i]].end);
    from = r->b[t.best[i]].next;
  }
  lines[n - 1] = trimmed(a, r->s, from, r->len);
  return true;
}

static long limit_of(const text_style *st, double max_w) { return (long)floor(max_w * 1000.0 / st->size); }

size_t text_wrap_title(arena *a, const text_style *st, const char *s, double max_w, size_t max_lines,
                       const char **lines) {
  if (max_lines > TEXT_MAX_LINES) max_lines = TEXT_MAX_LINES;
  size_t n = text_wrap(a, st, s, max_w, max_lines, lines);
  if (n < 2) return n;
  /* when nothing is found, greedy's lines stay: cannot happen, its breaks are among these */
  choose(a, breaks_of(a, st, s, false), limit_of(st, max_w), n, BREAK_PLAIN, lines);
  return n;
}

text_breaks *text_name_breaks(arena *a, const text_style *st, const char *s) { return breaks_of(a, st, s, true); }

size_t text_name_wrap(arena *a, const text_breaks *r, double max_w, size_t max_lines, bool words,
                      const char **lines) {
  long limit = limit_of(&r->st, max_w);
  for (size_t n = 1; n <= max_lines && n <= TEXT_MAX_LINES; n++)
    if (choose(a, r, limit, n, words ? BREAK_WORD : BREAK_PHRASE, lines)) return n;
  return 0;
}

size_t text_name_fit(arena *a, const text_breaks *r, double max_w, size_t max_lines, const char **lines) {
  long limit = limit_of(&r->st, max_w);
  size_t from = r->start, count = 0;
  while (count < max_lines) {
    if (r->adv[r->len] - r->adv[from] <= limit) {
      lines[count++] = trimmed(a, r->s, from, r->len);
      break;
    }
    const title_break *take = NULL; /* the furthest word or phrase break that fits */
    for (size_t k = 0; k < r->nb && count + 1 < max_lines; k++) {
      const title_break *b = &r->b[k];
      if (b->end <= from) continue;
      if (r->adv[b->end] - r->adv[from] > limit) break;
      if (b->kind >= BREAK_WORD) take = b;
    }
    if (!take) {
      lines[count++] = text_fit(a, &r->st, r->s + from, max_w);
      break;
    }
    lines[count++] = trimmed(a, r->s, from, take->end);
    from = take->next;
  }
  return count;
}

const char *text_fit(arena *a, const text_style *st, const char *s, double max_w) {
  if (text_width(st, s) <= max_w) return s;
  static const char ellipsis[] = "…";
  double room = max_w - text_width(st, ellipsis);
  size_t n = strlen(s), cut = 0;
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t k = utf8_decode(s + i, n - i, &cp);
    k = k ? k : 1;
    if (width_n(st, s, i + k) > room) break;
    i += k;
    cut = i;
  }
  return arena_printf(a, "%s%s", trimmed(a, s, 0, cut), ellipsis);
}

/* ---- output ---- */

void text_write_defs(const chart_text *t, const char *prefix, buf *out) {
  if (!t->nids) return;
  buf_puts(out, "<defs>\n");
  for (size_t i = 0; i < t->nids; i++)
    buf_printf(out, "<path id=\"%s%zu\" d=\"%s\"/>\n", prefix, i + 1, t->used[i]->d);
  buf_puts(out, "</defs>\n");
}

void text_write_runs(const chart_text *t, const char *prefix, buf *out) {
  for (size_t i = 0; i < t->n; i++) {
    const text_item *it = &t->items[i];
    buf_puts(out, "<g fill=\"");
    color_hex(out, it->st.color);
    buf_puts(out, "\" transform=\"translate(");
    fixed_format(out, lround(it->x * 10), 1);
    buf_putc(out, ' ');
    fixed_format(out, lround(it->y * 10), 1);
    buf_putc(out, ')');
    if (it->angle != 0) {
      buf_puts(out, " rotate(");
      fixed_format(out, lround(it->angle * 10), 1);
      buf_putc(out, ')');
    }
    buf_puts(out, " scale(");
    fixed_format(out, lround(it->st.size / GLYPH_UNITS * 10000), 4);
    buf_puts(out, ")\">");
    if (it->title) {
      buf_puts(out, "<title>");
      esc_xml(out, it->title, strlen(it->title));
      buf_puts(out, "</title>");
    }
    /* x in 1/1000 em, written in whole glyph units */
    long x = it->anchor == ANCHOR_START ? 0
             : it->anchor == ANCHOR_MIDDLE ? -(it->advance / 2)
                                           : -it->advance;
    for (size_t j = 0; j < it->n; j++) {
      if (it->glyphs[j].id) {
        buf_puts(out, "<use xlink:href=\"#");
        buf_puts(out, prefix);
        fixed_format(out, it->glyphs[j].id, 0);
        long u = lround((double)x * GLYPH_UNITS / 1000);
        if (u) {
          buf_puts(out, "\" x=\"");
          fixed_format(out, u, 0);
        }
        buf_puts(out, "\"/>");
      }
      x += it->glyphs[j].g->advance;
    }
    buf_puts(out, "</g>\n");
  }
}

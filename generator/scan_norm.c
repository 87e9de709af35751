/* scan_norm: see scan_norm.h.  Everything here runs while tables are built
 * (dictionary load, once per process for the pattern table); nothing here
 * runs per character of scanned text. */
#include "scan_norm.h"

#include <opencc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "cjk.h"
#include "diag.h"
#include "lazylib.h"

/* ---- traditional → simplified, one character at a time ------------------ */

/* OpenCC's t2s conversion applied to every ideograph of these blocks, one
 * per line so no phrase rule joins two of them: the characters it changes
 * become a sorted table.  (CJK extensions C-H, where t2s changes four
 * characters in 60,000, are left out: converting them costs more than the
 * rest together.) */
static const uint32_t t2s_blocks[][2] = {{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0x20000, 0x2A6DF}};

typedef struct {
  uint32_t from, to;
} cp_pair;

static cp_pair *t2s;
static size_t nt2s;
static bool t2s_ok;
static bool t2s_unbound; /* the library itself could not be loaded (lazylib_bind said so) */
static pthread_once_t t2s_once = PTHREAD_ONCE_INIT;

/* OpenCC's functions, bound with the table (lazylib.h). */
static struct {
  __typeof__(opencc_open) *open;
  __typeof__(opencc_convert_utf8) *convert_utf8;
  __typeof__(opencc_convert_utf8_free) *convert_utf8_free;
  __typeof__(opencc_close) *close;
} cc;

static void t2s_load(void) {
  const lazylib_fn fns[] = {{"opencc_open", (void **)&cc.open},
                            {"opencc_convert_utf8", (void **)&cc.convert_utf8},
                            {"opencc_convert_utf8_free", (void **)&cc.convert_utf8_free},
                            {"opencc_close", (void **)&cc.close}};
  if (!lazylib_bind(LAZYLIB_OPENCC_SONAME, "libopencc1.1", fns, sizeof fns / sizeof *fns)) {
    t2s_unbound = true;
    return;
  }
  opencc_t oc = cc.open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
  if (oc == (opencc_t)-1) return;
  size_t total = 0;
  for (size_t b = 0; b < sizeof t2s_blocks / sizeof *t2s_blocks; b++)
    total += t2s_blocks[b][1] - t2s_blocks[b][0] + 1;
  char *in = malloc(total * 5 + 1);
  t2s = malloc(total * sizeof *t2s);
  if (!in || !t2s) abort();
  size_t len = 0;
  for (size_t b = 0; b < sizeof t2s_blocks / sizeof *t2s_blocks; b++)
    for (uint32_t cp = t2s_blocks[b][0]; cp <= t2s_blocks[b][1]; cp++) {
      len += utf8_encode(cp, in + len);
      in[len++] = '\n';
    }
  char *out = cc.convert_utf8(oc, in, len);
  cc.close(oc);
  if (!out) {
    free(in);
    return;
  }
  /* Line i of the output is the conversion of line i of the input; a line
   * that is not exactly one character (never seen) is ignored. */
  const char *p = in, *q = out, *pend = in + len, *qend = out + strlen(out);
  while (p < pend && q < qend) {
    const char *pn = memchr(p, '\n', (size_t)(pend - p)), *qn = memchr(q, '\n', (size_t)(qend - q));
    if (!pn || !qn) break;
    uint32_t a, b;
    size_t la = utf8_decode(p, (size_t)(pn - p), &a), lb = utf8_decode(q, (size_t)(qn - q), &b);
    if (la && lb && p + la == pn && q + lb == qn && a != b) t2s[nt2s++] = (cp_pair){a, b};
    p = pn + 1;
    q = qn + 1;
  }
  cc.convert_utf8_free(out);
  free(in);
  t2s_ok = true; /* the input was generated in ascending order, so t2s is sorted */
}

static uint32_t t2s_char(uint32_t cp) {
  if (cp < 0x3400 || (cp > 0x9FFF && cp < 0x20000) || cp > 0x2A6DF) return cp;
  size_t lo = 0, hi = nt2s;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (t2s[mid].from < cp) lo = mid + 1;
    else hi = mid;
  }
  return lo < nt2s && t2s[lo].from == cp ? t2s[lo].to : cp;
}

bool norm_init(void) {
  pthread_once(&t2s_once, t2s_load);
  if (!t2s_ok && !t2s_unbound) /* the library is there, its table is not */
    diag_system_at(0, NULL, NULL,
                   "cannot open OpenCC's traditional-to-simplified table (%s): install the Debian package libopencc-data",
                   OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
  return t2s_ok;
}

/* ---- one code point ------------------------------------------------------ */

size_t norm_char(uint32_t cp, uint32_t out[NORM_MAX]) {
  const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);
  size_t n;
  if (p->decomp_seqindex == UINT16_MAX && p->casefold_seqindex == UINT16_MAX && !p->ignorable &&
      p->category != UTF8PROC_CATEGORY_MN && p->category != UTF8PROC_CATEGORY_MC &&
      p->category != UTF8PROC_CATEGORY_ME) {
    out[0] = cp;
    n = 1;
  } else {
    utf8proc_int32_t tmp[4 * NORM_MAX];
    int boundclass = 0;
    const utf8proc_option_t opt = UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                  UTF8PROC_IGNORE | UTF8PROC_STRIPMARK | UTF8PROC_STABLE;
    utf8proc_ssize_t r = utf8proc_decompose_char((utf8proc_int32_t)cp, tmp, 4 * NORM_MAX, opt, &boundclass);
    if (r < 0 || r > 4 * NORM_MAX) r = 0;
    if (r > 1) r = utf8proc_normalize_utf32(tmp, r, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    n = r < 0 ? 0 : (size_t)r > NORM_MAX ? NORM_MAX : (size_t)r;
    for (size_t i = 0; i < n; i++) out[i] = (uint32_t)tmp[i];
  }
  for (size_t i = 0; i < n; i++) out[i] = t2s_char(out[i]);
  return n;
}

norm_class norm_class_of(uint32_t cp) {
  switch (cp) {
    case '\t': case '\n': case 0x0B: case 0x0C: case '\r': case 0x85: case 0x2028: case 0x2029:
      return NC_BREAK;
    default: break;
  }
  switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO: case UTF8PROC_CATEGORY_SM: case UTF8PROC_CATEGORY_SC:
    case UTF8PROC_CATEGORY_SK: case UTF8PROC_CATEGORY_SO: case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP: case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
      return NC_NOISE;
    default:
      return NC_LETTER;
  }
}

/* ---- character references ------------------------------------------------ */

/* The named references worth decoding in a scan: markup characters, the
 * invisible and space characters used to split a word, and typographic
 * punctuation.  Anything else stays as written (and reads as noise). */
static const struct {
  const char *name;
  uint32_t cp;
} entities[] = {
    {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", 0xA0},
    {"shy", 0xAD}, {"ensp", 0x2002}, {"emsp", 0x2003}, {"emsp13", 0x2004}, {"emsp14", 0x2005},
    {"numsp", 0x2007}, {"puncsp", 0x2008}, {"thinsp", 0x2009}, {"hairsp", 0x200A},
    {"ZeroWidthSpace", 0x200B}, {"zwnj", 0x200C}, {"zwj", 0x200D}, {"lrm", 0x200E},
    {"rlm", 0x200F}, {"MediumSpace", 0x205F}, {"NoBreak", 0x2060}, {"ApplyFunction", 0x2061},
    {"af", 0x2061}, {"InvisibleTimes", 0x2062}, {"it", 0x2062}, {"InvisibleComma", 0x2063},
    {"ic", 0x2063}, {"Tab", '\t'}, {"NewLine", '\n'}, {"middot", 0xB7}, {"bull", 0x2022},
    {"hellip", 0x2026}, {"hyphen", 0x2010}, {"ndash", 0x2013}, {"mdash", 0x2014},
    {"horbar", 0x2015}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"sbquo", 0x201A},
    {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"bdquo", 0x201E}, {"laquo", 0xAB}, {"raquo", 0xBB},
    {"lsaquo", 0x2039}, {"rsaquo", 0x203A}, {"prime", 0x2032}, {"Prime", 0x2033},
    {"times", 0xD7}, {"divide", 0xF7}, {"deg", 0xB0}, {"copy", 0xA9}, {"reg", 0xAE},
    {"trade", 0x2122}, {"sect", 0xA7}, {"para", 0xB6}, {"yen", 0xA5}, {"euro", 0x20AC},
    {"excl", '!'}, {"num", '#'}, {"dollar", '$'}, {"percnt", '%'}, {"lpar", '('},
    {"rpar", ')'}, {"ast", '*'}, {"midast", '*'}, {"plus", '+'}, {"comma", ','},
    {"period", '.'}, {"sol", '/'}, {"colon", ':'}, {"semi", ';'}, {"equals", '='},
    {"quest", '?'}, {"commat", '@'}, {"lsqb", '['}, {"lbrack", '['}, {"bsol", '\\'},
    {"rsqb", ']'}, {"rbrack", ']'}, {"Hat", '^'}, {"lowbar", '_'}, {"UnderBar", '_'},
    {"grave", '`'}, {"lcub", '{'}, {"lbrace", '{'}, {"verbar", '|'}, {"vert", '|'},
    {"rcub", '}'}, {"rbrace", '}'}, {"tilde", 0x2DC},
};

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') return (c | 0x20) - 'a' + 10;
  return -1;
}

size_t norm_entity(const char *s, size_t n, uint32_t *cp) {
  if (n < 3 || s[0] != '&') return 0;
  size_t i = 1;
  if (s[1] == '#') {
    int base = 10;
    i = 2;
    if (i < n && (s[i] == 'x' || s[i] == 'X')) base = 16, i++;
    size_t start = i;
    uint32_t v = 0;
    for (int d; i < n && i - start < 8 && (d = hexval(s[i])) >= 0 && d < base; i++) v = v * (uint32_t)base + (uint32_t)d;
    if (i == start || i >= n || s[i] != ';') return 0;
    *cp = v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) ? 0xFFFD : v;
    return i + 1;
  }
  while (i < n && i < 24 && (((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') || (s[i] >= '0' && s[i] <= '9'))) i++;
  if (i == 1 || i >= n || s[i] != ';') return 0;
  for (size_t k = 0; k < sizeof entities / sizeof *entities; k++)
    if (strlen(entities[k].name) == i - 1 && memcmp(entities[k].name, s + 1, i - 1) == 0) {
      *cp = entities[k].cp;
      return i + 1;
    }
  return 0;
}

/* ---- code point tables ------------------------------------------------------ */

uint32_t cp_table_expand(cp_table *t, const uint32_t *items, size_t n) {
  if (t->npool + n + 1 > t->cappool) {
    t->cappool = (t->npool + n + 1) * 2;
    t->pool = realloc(t->pool, t->cappool * sizeof *t->pool);
    if (!t->pool) abort();
  }
  uint32_t at = (uint32_t)t->npool;
  t->pool[t->npool++] = (uint32_t)n;
  memcpy(t->pool + t->npool, items, n * sizeof *items);
  t->npool += n;
  return CT_EXPAND | at;
}

/* Planes 4-13 hold no characters and 15-16 only private use, whose entry is
 * 0 in every table (an unknown letter; unchanged in the pattern text). */
static bool plane_is_empty(uint32_t cp) {
  uint32_t plane = cp >> 16;
  return (plane >= 4 && plane <= 13) || plane >= 15;
}

void cp_table_build(cp_table *t, uint32_t (*entry)(void *ctx, cp_table *t, uint32_t cp), void *ctx) {
  memset(t, 0, sizeof *t);
  t->bmp = malloc(0x10000 * sizeof *t->bmp);
  size_t cap = 64;
  t->blocks = calloc(cap * 256, sizeof *t->blocks);
  if (!t->bmp || !t->blocks) abort();
  t->nblocks = 1;
  for (uint32_t cp = 0; cp < 0x10000; cp++) t->bmp[cp] = entry(ctx, t, cp);
  uint32_t tmp[256];
  for (size_t b = 0; b < CT_HI_BLOCKS; b++) {
    uint32_t first = 0x10000 + (uint32_t)b * 256;
    if (plane_is_empty(first)) continue;
    bool zero = true;
    for (uint32_t j = 0; j < 256; j++)
      if ((tmp[j] = entry(ctx, t, first + j)) != 0) zero = false;
    if (zero) continue;
    if (t->nblocks == cap) {
      cap *= 2;
      t->blocks = realloc(t->blocks, cap * 256 * sizeof *t->blocks);
      if (!t->blocks) abort();
    }
    memcpy(t->blocks + t->nblocks * 256, tmp, sizeof tmp);
    t->hi[b] = (uint16_t)t->nblocks++;
  }
}

void cp_table_free(cp_table *t) {
  if (!t) return;
  free(t->bmp);
  free(t->blocks);
  free(t->pool);
  memset(t, 0, sizeof *t);
}

/* ---- the pattern table ---------------------------------------------------- */

static cp_table pattern_table;
static pthread_once_t pattern_once = PTHREAD_ONCE_INIT;

static uint32_t pattern_entry(void *ctx, cp_table *t, uint32_t cp) {
  (void)ctx;
  if (cp == '&') return CT_AMP;
  uint32_t out[NORM_MAX];
  size_t n = norm_char(cp, out);
  if (n == 0) return CT_DROP;
  if (n == 1) return out[0] ^ cp;
  return cp_table_expand(t, out, n);
}

static void pattern_build(void) { cp_table_build(&pattern_table, pattern_entry, NULL); }

const cp_table *norm_pattern_table(void) {
  pthread_once(&pattern_once, pattern_build);
  return &pattern_table;
}

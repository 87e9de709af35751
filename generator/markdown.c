/* markdown: see markdown.h.
 *
 * One render: parse with cmark-gfm, walk the tree once in document order
 * (links and images through the resolver, alt text, the reader's text with
 * its positions, heading ids, chart ids, raw HTML), then change the tree
 * (drop raw HTML, give headings their ids, put chart HTML in place) and
 * write its HTML (markdown_html.c: cmark's bytes, written faster).
 *
 * cmark-gfm options: CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE because Chinese
 * text writes ranges with a tilde ("3~5个工作日，1~2份" would otherwise be
 * struck through from the first tilde to the second);
 * CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES because the align attribute is
 * obsolete in HTML5 and the HTML checker rejects it (the renderer's style
 * attributes then become classes); CMARK_OPT_VALIDATE_UTF8 so the output is
 * valid UTF-8 whatever the input — only for input that is not valid UTF-8
 * already (utf8_valid's table-driven check is far cheaper than cmark's);
 * CMARK_OPT_FOOTNOTES because editors write notes as Hugo and GitHub read
 * them (文字[^1] … [^1]: 脚注。), only for a body with a "[^" in it (see
 * may_footnote).
 *
 * Threads.  cmark-gfm 0.29.0.gfm.6 (Debian 12) keeps almost all state in
 * the parser, the nodes and the renderer, so independent parsers may run in
 * parallel, with two exceptions found in its source:
 *  - the extension registry is a global list filled by
 *    cmark_gfm_core_extensions_ensure_registered() behind an unlocked flag:
 *    registration and the lookups run once, under pthread_once;
 *  - inlines.c keeps its table of special characters in a process-wide
 *    array, and cmark_parser_finish() adds the extensions' characters
 *    (~ for strikethrough, : and w for autolink) when inline parsing starts
 *    and removes them when it ends.  One thread finishing clears '~' while
 *    another is still parsing inlines: measured here, 8 threads rendering
 *    the same text gave a different HTML in 2032 of 160000 renders
 *    (tests/unit/test_markdown.c).  (Upstream: github/cmark-gfm pull
 *    request #176.)  cmark_parser_finish() makes both changes through
 *    cmark_manage_extensions_special_characters(), an exported function it
 *    calls through the PLT, so govpub defines that function itself (the
 *    executable's definition comes first in the dynamic linker's search):
 *    it does nothing, and gfm_init() fills the table once, through the
 *    library's own definition (dlsym RTLD_NEXT), with the characters of
 *    the extensions every render attaches.  The table then never changes
 *    while threads parse, and inline parsing (a seventh of a build's
 *    instructions) runs in parallel.  gfm_init() checks that the override
 *    took (a probe parse must call it); where it does not (a cmark-gfm
 *    that calls the function directly), cmark_parser_finish() runs under
 *    inline_lock instead, as before 2026-11-26.
 * Memory.  cmark's default allocator is calloc/free (a third of the render's
 * instructions went to malloc and free); its own arena allocator is global.
 * So each render hands cmark a cmark_mem that allocates from the caller's
 * arena (through a thread-local pointer: cmark_mem's callbacks take no
 * context), with a size header so realloc can copy, and frees nothing: the
 * parser, the nodes and the rendered HTML all go when the arena is reset
 * after the page is written.  So md_render never calls cmark's free
 * functions either: walking the tree to free nothing was 1 % of a build. */
#include "markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "cjk.h"
#include "escape.h"
#include "html_safe.h"
#include "markdown_html.h"

/* ---- cmark-gfm setup ---- */

/* What cmark allocates from while this thread is inside md_render: bump
 * allocation from chunks of the caller's arena, inline (cmark asks about
 * 300 times a page, and a call into arena_alloc each time was 1 % of a
 * build).  Each block is preceded by its size (realloc must know how much
 * to copy); 16 bytes keep the block aligned like malloc's.  (Zeroing whole
 * chunks when taken, so calloc would need no memset, cost more: most of
 * what cmark takes is buffers it grows by realloc, never zeroed.)  Built
 * with ARENA_DEBUG, every block is an arena allocation of its own, so ASan
 * and valgrind see each one. */
typedef struct {
  size_t size;
  size_t pad;
} cm_header;

#define CM_CHUNK (16 * 1024) /* a quarter of an arena block: taken from its blocks */
#define CM_ALIGN 16

typedef struct {
  arena *a;
  unsigned char *next, *end; /* the current chunk's unused bytes */
} cm_pool;

static _Thread_local cm_pool cm;

/* A block of `size` bytes, from a new chunk or one of its own (the slow
 * path of cm_take). */
static void *cm_take_slow(size_t size) {
  if (size > SIZE_MAX / 2) abort();
  size_t need = sizeof(cm_header) + ((size + CM_ALIGN - 1) & ~(size_t)(CM_ALIGN - 1));
  cm_header *h;
#ifndef ARENA_DEBUG
  if (need <= CM_CHUNK / 4) { /* a new chunk; what is left of the old one is abandoned */
    cm.next = arena_alloc(cm.a, CM_CHUNK);
    cm.end = cm.next + CM_CHUNK;
    h = (cm_header *)(void *)cm.next;
    cm.next += need;
  } else
#endif
  {
    h = arena_alloc(cm.a, need); /* a big block (the HTML, long lines): its own */
  }
  h->size = need - sizeof *h;
  return h + 1;
}

static inline void *cm_take(size_t size) {
#ifndef ARENA_DEBUG
  cm_pool *pool = &cm;
  size_t need = sizeof(cm_header) + ((size + CM_ALIGN - 1) & ~(size_t)(CM_ALIGN - 1));
  if (size <= CM_CHUNK && need <= (size_t)(pool->end - pool->next)) {
    cm_header *h = (cm_header *)(void *)pool->next;
    pool->next += need;
    h->size = need - sizeof *h;
    return h + 1;
  }
#endif
  return cm_take_slow(size);
}

static void *cm_calloc(size_t count, size_t size) {
  size_t n;
  if (__builtin_mul_overflow(count, size, &n)) abort();
  void *p = cm_take(n);
  memset(p, 0, n);
  return p;
}

static void *cm_realloc(void *p, size_t size) {
  if (!p) return cm_take(size);
  if (size > SIZE_MAX / 2) abort();
  cm_header *h = (cm_header *)p - 1;
  if (size <= h->size) return p;
  size_t grow = size - h->size;
  grow = (grow + CM_ALIGN - 1) & ~(size_t)(CM_ALIGN - 1);
  if ((unsigned char *)p + h->size == cm.next && grow <= (size_t)(cm.end - cm.next)) {
    /* the chunk's latest block: grown in place */
    cm.next += grow;
    h->size += grow;
    return p;
  }
  void *q = cm_take(size);
  memcpy(q, p, h->size);
  return q;
}

static void cm_free(void *p) { (void)p; /* the arena owns it */ }

static cmark_mem cm_mem = {cm_calloc, cm_realloc, cm_free};

static const char *const ext_names[] = {"table", "strikethrough", "autolink", "tagfilter"};
#define N_EXT (sizeof ext_names / sizeof ext_names[0])
enum { EXT_AUTOLINK = 2 }; /* its index in ext_names */

static pthread_once_t gfm_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t inline_lock = PTHREAD_MUTEX_INITIALIZER;
static cmark_syntax_extension *gfm_ext[N_EXT];
/* Set by gfm_init: the table of special characters is filled for good
 * (parsing needs no lock); until then, calls to the override are counted. */
static bool inline_table_fixed;
static _Atomic unsigned override_calls;

/* Overrides cmark-gfm's function of this name (see the top of this file):
 * the table stays as gfm_init filled it. */
void cmark_manage_extensions_special_characters(cmark_parser *parser, int add);
void cmark_manage_extensions_special_characters(cmark_parser *parser, int add) {
  (void)parser;
  (void)add;
  if (!inline_table_fixed) override_calls++;
}

/* Whether the autolink extension can find anything in src: a URL needs
 * "://" or "www." and an address an '@' — in a text node's literal, where
 * an entity (&#64;) may have put it, so any '&' counts too.  A body with
 * none of them (most articles) is parsed without the extension: its
 * postprocess walks every node of the tree and scans every text node for
 * an '@' (2.6 % of a build's instructions), after merging adjacent text
 * nodes, which cmark_parser_finish has done already: without it the tree
 * is the same (tests/unit/test_markdown.c). */
static bool may_autolink(const char *src, size_t len) {
  if (memchr(src, '@', len) || memchr(src, '&', len)) return true;
  const char *end = src + len; /* memchr, not glibc's slower memmem */
  for (const char *p = src; (p = memchr(p, ':', (size_t)(end - p))); p++)
    if (end - p >= 3 && p[1] == '/' && p[2] == '/') return true;
  for (const char *p = src; (p = memchr(p, '.', (size_t)(end - p))); p++)
    if (p - src >= 3 && memcmp(p - 3, "www", 3) == 0) return true;
  return false;
}

/* Whether src can hold a footnote: a reference and a note both begin
 * "[^".  A body without one (most articles) is parsed without
 * CMARK_OPT_FOOTNOTES, whose pass after inline parsing walks the whole
 * tree twice; the tree is the same either way.  '^' is rare in a Chinese
 * page, so memchr skips most of it at once. */
static bool may_footnote(const char *src, size_t len) {
  const char *end = src + len;
  for (const char *p = src; (p = memchr(p, '^', (size_t)(end - p))); p++)
    if (p > src && p[-1] == '[') return true;
  return false;
}

/* A parser with the extensions of ext_names; autolink only when asked. */
static cmark_parser *gfm_parser(int options, cmark_mem *mem, bool autolink) {
  cmark_parser *parser = cmark_parser_new_with_mem(options, mem);
  for (size_t i = 0; i < N_EXT; i++)
    if (autolink || i != EXT_AUTOLINK) cmark_parser_attach_syntax_extension(parser, gfm_ext[i]);
  return parser;
}

static void gfm_init(void) {
  cmark_gfm_core_extensions_ensure_registered();
  for (size_t i = 0; i < N_EXT; i++) gfm_ext[i] = cmark_find_syntax_extension(ext_names[i]);
  void (*library_own)(cmark_parser *, int) = NULL;
  *(void **)&library_own = dlsym(RTLD_NEXT, "cmark_manage_extensions_special_characters");
  cmark_parser *probe = gfm_parser(CMARK_OPT_DEFAULT, cmark_get_default_mem_allocator(), true);
  cmark_parser_feed(probe, "~~x~~\n", 6);
  cmark_node_free(cmark_parser_finish(probe)); /* calls the override twice, if it took */
  if (library_own && override_calls == 2) {
    library_own(probe, 1); /* the extensions' characters in, for good */
    inline_table_fixed = true;
  }
  cmark_parser_free(probe);
}

/* ---- one render ---- */

/* Appends item to an arena array, doubling its room when full. */
#define PUSH(a, arr, n, cap, item)                                  \
  do {                                                              \
    if ((n) == (cap)) {                                             \
      size_t newcap_ = (cap) ? 2 * (cap) : 8;                       \
      (arr) = arena_grow((a), (arr), (n), newcap_, sizeof *(arr));  \
      (cap) = newcap_;                                              \
    }                                                               \
    (arr)[(n)++] = (item);                                          \
  } while (0)

typedef struct {
  cmark_node *node;
  const char *html; /* heading: its id; chart: the HTML that replaces it; table: its label */
} node_job;

typedef struct {
  arena *a;
  const md_options *opt;
  int cmark_opts;
  cmark_llist *exts;
  const char *src;
  size_t len;
  size_t *line_start; /* byte offset where body line i+1 starts */
  size_t n_lines;
  /* Byte offset in src up to which the walk has placed nodes: cmark's inline
   * positions are wrong in a few places (autolinks found by the extension,
   * lazy continuation lines), so a position that does not check out is
   * searched for from here. */
  size_t cursor;
  size_t last_line, last_off, last_col; /* position()'s last answer */
  /* The reader's text, built in the arena and returned as it is. */
  char *text;
  size_t text_len, text_cap;
  buf scratch; /* reused for heading text and tags */
  /* A soft break waiting to be written before the next text (NULL: none):
   * between two wide characters it is nothing (cjk_break_joins), in the
   * text and in the HTML, where the node is dropped — a browser shows a
   * line break as a space, and 数据⏎共享 would read 数据 共享. */
  cmark_node *soft_break;
  /* The lead (md_result.lead): the paragraph being walked (NULL: none) and
   * where its text starts; the lead so far is text[lead_from ..] while its
   * paragraphs stand one line apart there, else lead_copy. */
  cmark_node *para;
  size_t para_from, lead_from, lead_len, lead_cap;
  char *lead_copy;
  /* The lead's last two paragraphs and its length before each (last[1]
   * the latest): a 落款 (mark_signature) is found after the walk and can
   * only be the lead's last paragraphs, which it then gives back. */
  cmark_node *lead_last[2];
  size_t lead_before[2];
  md_result *res;
  size_t cap_spans, cap_headings, cap_charts;
  node_job *headings, *charts;
  size_t n_heading_jobs, cap_heading_jobs, n_chart_jobs, cap_chart_jobs;
  cmark_node **drop; /* raw HTML, and soft breaks joined or made hard, to remove */
  size_t n_drop, cap_drop;
  /* In a footnote: cmark has moved the notes to the end of the document,
   * so the walk, once in one, stays among them (they are no lead). */
  bool in_notes;
  /* raw HTML kept (raw_html: true): govpub's writer would stop at it and
   * leave the tree to cmark_render_html, so md_render does not start it
   * (a page without raw HTML is govpub's to write, raw_html or not) */
  bool kept_html;
  bool own_ids; /* a heading so far gave its own {#id} */
  node_job *tables; /* tables to wrap in a scrolling, labelled region */
  size_t n_tables, cap_tables;
  size_t cap_code;
} render_ctx;

static bool is_html_space(char ch) {
  return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f';
}

static bool is_ascii_alpha(char ch) {
  return (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z';
}

/* ---- positions ---- */

/* Line ends as CommonMark has them: \n, \r\n, or a lone \r.  memchr finds
 * them, and a body without \r (the usual case) is searched for one once. */
static void index_lines(render_ctx *c) {
  const char *src = c->src, *end = src + c->len, *p = src;
  const char *nl = memchr(src, '\n', c->len), *cr = memchr(src, '\r', c->len);
  size_t cap = c->len / 64 + 16; /* a guess; PUSH grows it */
  c->line_start = arena_alloc(c->a, cap * sizeof(size_t));
  c->line_start[0] = 0;
  c->n_lines = 1;
  while (nl || cr) {
    const char *e = nl && (!cr || nl < cr) ? nl : cr + 1 < end && cr[1] == '\n' ? cr + 1 : cr;
    p = e + 1;
    PUSH(c->a, c->line_start, c->n_lines, cap, (size_t)(p - src));
    if (nl && nl < p) nl = memchr(p, '\n', (size_t)(end - p));
    if (cr && cr < p) cr = memchr(p, '\r', (size_t)(end - p));
  }
}

/* Byte offset just past the text of body line `line` (before its \n, \r\n
 * or \r; the last line has none). */
static size_t line_end(const render_ctx *c, size_t line) {
  if (line == c->n_lines) return c->len;
  size_t e = c->line_start[line];
  if (c->src[e - 1] == '\n') e--;
  if (e > c->line_start[line - 1] && c->src[e - 1] == '\r') e--;
  return e;
}

/* Byte offset of cmark's body line / byte column, or SIZE_MAX if outside. */
static size_t offset_of(const render_ctx *c, int line, int col) {
  if (line < 1 || (size_t)line > c->n_lines || col < 1) return SIZE_MAX;
  size_t off = c->line_start[line - 1] + (size_t)col - 1;
  return off <= line_end(c, (size_t)line) ? off : SIZE_MAX;
}

/* File line and code-point column of byte offset `off` in the body.  The
 * walk asks in document order, so the line is the last answer's more often
 * than not, and counting resumes from the last answer when it is on the
 * same line (long one-line paragraphs stay linear). */
static void position(render_ctx *c, size_t off, int *line, int *col) {
  size_t lo = c->last_line;
  if (lo >= c->n_lines || off < c->line_start[lo] ||
      (lo + 1 < c->n_lines && off >= c->line_start[lo + 1])) {
    size_t hi = c->n_lines;
    lo = 0;
    while (hi - lo > 1) {
      size_t mid = (lo + hi) / 2;
      if (c->line_start[mid] <= off) lo = mid;
      else hi = mid;
    }
  }
  if (lo != c->last_line || off < c->last_off) {
    c->last_line = lo;
    c->last_off = c->line_start[lo];
    c->last_col = 1;
  }
  c->last_col += utf8_count(c->src + c->last_off, off - c->last_off);
  c->last_off = off;
  *line = c->opt->line_offset + (int)lo + 1;
  *col = (int)c->last_col;
}

/* How far past the cursor a node is searched for: a node follows the one
 * before it closely (the markup between them), and a bound keeps a search
 * that fails (text changed by an entity or escape) from scanning a long
 * paragraph to its end once per node. */
#define SEARCH_WINDOW 4096

/* Where `node` starts in the source: cmark's position when the source there
 * reads `want`; else the first `want` shortly after the cursor within the
 * enclosing block; else cmark's position or the cursor, whichever is later
 * (nodes come in source order, so nothing starts before the cursor). */
static size_t locate(const render_ctx *c, cmark_node *node, const char *want, size_t want_len) {
  size_t off = offset_of(c, cmark_node_get_start_line(node), cmark_node_get_start_column(node));
  if (off != SIZE_MAX && off < c->cursor) off = SIZE_MAX;
  if (off != SIZE_MAX && off + want_len <= c->len && memcmp(c->src + off, want, want_len) == 0)
    return off;
  cmark_node *block = node;
  while (block && !md_is_block(block)) block = cmark_node_parent(block);
  int end_line = block ? cmark_node_get_end_line(block) : 0;
  size_t limit = end_line >= 1 && (size_t)end_line <= c->n_lines ? line_end(c, (size_t)end_line) : c->len;
  if (c->cursor < limit && limit - c->cursor > SEARCH_WINDOW) limit = c->cursor + SEARCH_WINDOW;
  if (want_len && c->cursor < limit) {
    const char *hit = memmem(c->src + c->cursor, limit - c->cursor, want, want_len);
    if (hit) return (size_t)(hit - c->src);
  }
  return off != SIZE_MAX ? off : c->cursor;
}

/* ---- the reader's text ---- */

/* Room for n more bytes of text and a NUL. */
static char *text_room(render_ctx *c, size_t n) {
  if (c->text_len + n + 1 > c->text_cap) {
    size_t cap = 2 * c->text_cap;
    while (cap < c->text_len + n + 1) cap *= 2;
    c->text = arena_grow(c->a, c->text, c->text_len, cap, 1);
    c->text_cap = cap;
  }
  return c->text + c->text_len;
}

static void text_put(render_ctx *c, const char *s, size_t n) {
  memcpy(text_room(c, n), s, n);
  c->text_len += n;
}

static void text_putc(render_ctx *c, char ch) {
  *text_room(c, 1) = ch;
  c->text_len++;
}

/* True when the text so far ends inside a line. */
static bool text_in_line(const render_ctx *c) {
  return c->text_len && c->text[c->text_len - 1] != '\n';
}

static uint32_t last_code_point(const render_ctx *c) {
  size_t i = c->text_len;
  while (i > 0 && ((unsigned char)c->text[i - 1] & 0xC0) == 0x80) i--;
  uint32_t cp = 0;
  if (i > 0) utf8_decode(c->text + i - 1, c->text_len - i + 1, &cp);
  return cp;
}

/* Ends the current line of text (blocks are one line each). */
static void text_newline(render_ctx *c) {
  c->soft_break = NULL;
  if (text_in_line(c)) text_putc(c, '\n');
}

/* Appends reader-visible text that starts at body byte offset `off`;
 * returns where it starts in the text. */
static size_t text_append(render_ctx *c, const char *s, size_t n, size_t off) {
  if (n == 0) return c->text_len;
  if (c->soft_break && text_in_line(c)) {
    uint32_t next;
    utf8_decode(s, n, &next);
    if (!cjk_break_joins(last_code_point(c), next)) text_putc(c, ' ');
    else PUSH(c->a, c->drop, c->n_drop, c->cap_drop, c->soft_break);
  }
  c->soft_break = NULL;
  size_t start = c->text_len;
  if (!c->opt->no_spans) {
    md_span span = {start, 0, 0};
    position(c, off, &span.line, &span.col);
    PUSH(c->a, c->res->spans, c->res->n_spans, c->cap_spans, span);
  }
  text_put(c, s, n);
  return start;
}

/* Length of the character reference (&name; &#NN; &#xHH;) at s, or 0. */
#define MAX_REFERENCE 41
static size_t reference_length(const char *s, size_t n) {
  size_t i = 1;
  if (i < n && s[i] == '#') i++;
  size_t start = i;
  while (i < n && i < MAX_REFERENCE - 1 && (is_ascii_alpha(s[i]) || (s[i] >= '0' && s[i] <= '9'))) i++;
  return i > start && i < n && s[i] == ';' ? i + 1 : 0;
}

/* Length of the common prefix of a[0..n) and b[0..n): all of it (the
 * usual case) found by memcmp, else eight bytes a step. */
static size_t common_prefix(const char *a, const char *b, size_t n) {
  if (memcmp(a, b, n) == 0) return n;
  size_t i = 0;
  for (uint64_t x, y; i + 8 <= n; i += 8) {
    memcpy(&x, a + i, 8);
    memcpy(&y, b + i, 8);
    if (x != y) break;
  }
  while (i < n && a[i] == b[i]) i++;
  return i;
}

/* The first '&' in src[from, to) that starts a reference running past `to`
 * (its length in *ref), or `to` (*ref left alone). */
static size_t reference_past(const render_ctx *c, size_t from, size_t to, size_t *ref) {
  for (const char *amp; (amp = memchr(c->src + from, '&', to - from)); from++) {
    from = (size_t)(amp - c->src);
    size_t k = reference_length(amp, c->len - from);
    if (from + k > to) {
      *ref = k;
      return from;
    }
  }
  return to;
}

/* A text node's literal differs from its source where cmark decoded a
 * backslash escape or a character reference (and cmark joins neighbouring
 * text nodes into one).  Walking both, a new span starts after each such
 * place, so columns inside every span advance one per code point.  Stops
 * at anything else it cannot follow.
 *
 * Where literal and source agree byte for byte they are skipped at once: a
 * reference inside the agreeing run reads the same in both (it was not
 * decoded) unless it runs past the run's end, so only the last
 * MAX_REFERENCE bytes of the run are looked at for an '&'. */
static void align_spans(render_ctx *c, const char *lit, size_t n, size_t text_off, size_t off) {
  size_t i = 0, j = off;
  while (i < n && j < c->len) {
    size_t same = common_prefix(lit + i, c->src + j, n - i < c->len - j ? n - i : c->len - j);
    size_t ref = 0, from = j + same - (same < MAX_REFERENCE ? same : MAX_REFERENCE);
    size_t stop = reference_past(c, from, j + same, &ref);
    i += stop - j;
    j = stop;
    if (ref == 0) {
      if (i == n || j == c->len) return;
      ref = c->src[j] == '&' ? reference_length(c->src + j, c->len - j) : 0;
    }
    if (ref) {
      uint32_t cp;
      size_t len = utf8_decode(lit + i, n - i, &cp);
      i += len ? len : 1;
      j += ref;
    } else if (c->src[j] == '\\' && j + 1 < c->len && c->src[j + 1] == lit[i]) {
      j++;
    } else {
      return;
    }
    md_span span = {text_off + i, 0, 0};
    position(c, j, &span.line, &span.col);
    PUSH(c->a, c->res->spans, c->res->n_spans, c->cap_spans, span);
  }
}

/* The plain text of a subtree (heading text, alt text): text and code
 * literals, line breaks as spaces. */
static const char *subtree_text(render_ctx *c, cmark_node *root) {
  buf_clear(&c->scratch);
  for (cmark_node *n = md_following(root, root); n; n = md_following(root, n)) {
    cmark_node_type t = cmark_node_get_type(n);
    if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) buf_puts(&c->scratch, cmark_node_get_literal(n));
    else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) buf_putc(&c->scratch, ' ');
  }
  return arena_strndup(c->a, buf_cstr(&c->scratch), c->scratch.len);
}

/* ---- URLs ---- */

/* The text of an allowed raw HTML block as a reader sees it: tags and
 * comments left out. */
/* Where the tag starting at t ('<' and a letter or '/') ends: past its '>',
 * a '>' inside a quoted attribute value being no end (as a browser reads
 * it); the end of the string when it has none. */
static const char *tag_end(const char *t) {
  for (char quote = 0; *t; t++) {
    if (quote) quote = *t == quote ? 0 : quote;
    else if (*t == '"' || *t == '\'') quote = t[-1] == '=' || is_html_space(t[-1]) ? *t : 0;
    else if (*t == '>') return t + 1;
  }
  return t;
}

/* Where the comment starting at c ("<!--") ends, as a browser ends it:
 * <!--> and <!---> are whole, else at --> or --!>; the string's end. */
static const char *comment_end(const char *c) {
  if (c[4] == '>') return c + 5;
  if (c[4] == '-' && c[5] == '>') return c + 6;
  for (const char *t = c + 4; *t; t++) {
    if (strncmp(t, "-->", 3) == 0) return t + 3;
    if (strncmp(t, "--!>", 4) == 0) return t + 4;
  }
  return c + strlen(c);
}

/* The text a browser shows of raw HTML `s`, into b: tags, comments and
 * what a script or style element holds left out (entities as written);
 * returns b's [*lo, *hi) without the spaces around it.  For the reader's
 * text and a message, not for safety (html_safe.h is that). */
static void html_visible_text(buf *b, const char *s, size_t *lo, size_t *hi) {
  for (const char *t = s; *t;) {
    if (strncmp(t, "<!--", 4) == 0) {
      t = comment_end(t);
    } else if (*t == '<' && (strncasecmp(t + 1, "script", 6) == 0 || strncasecmp(t + 1, "style", 5) == 0)) {
      const char *close = t[2] == 'c' || t[2] == 'C' ? "</script" : "</style";
      for (t = tag_end(t); *t && strncasecmp(t, close, strlen(close)) != 0; t++) continue;
      if (*t) t = tag_end(t);
    } else if (*t == '<' && (is_ascii_alpha(t[1]) || t[1] == '/')) {
      t = tag_end(t + 1);
    } else if (*t == '<' && (t[1] == '!' || t[1] == '?')) { /* a bogus comment: to the first '>' */
      const char *gt = strchr(t, '>');
      t = gt ? gt + 1 : t + strlen(t);
    } else {
      buf_putc(b, *t++);
    }
  }
  *lo = 0, *hi = b->len;
  while (*lo < *hi && is_html_space(b->data[*lo])) ++*lo;
  while (*hi > *lo && is_html_space(b->data[*hi - 1])) --*hi;
}

static void text_append_html(render_ctx *c, const char *s, size_t off) {
  buf b = BUF_INIT;
  size_t lo, hi;
  html_visible_text(&b, s, &lo, &hi);
  text_append(c, b.data ? b.data + lo : "", hi - lo, off); /* empty: no data, and NULL + 0 is UB */
  buf_free(&b);
}

/* A raw HTML block dropped (raw_html off) that holds text a reader would
 * have seen: said through md_options.dropped_html with its beginning. */
static void report_dropped_block(render_ctx *c, cmark_node *node) {
  buf b = BUF_INIT;
  size_t lo, hi;
  html_visible_text(&b, cmark_node_get_literal(node), &lo, &hi);
  if (hi > lo) {
    size_t cut = lo, n = 0;
    for (uint32_t cp; cut < hi && n < MD_DROPPED_TEXT_CHARS; n++) {
      size_t k = utf8_decode(b.data + cut, hi - cut, &cp);
      cut += k ? k : 1;
    }
    char *text = arena_alloc(c->a, cut - lo + 4), *w = text;
    for (size_t i = lo; i < cut; i++) /* one line in the message: a run of spaces and line breaks is one space */
      if (!is_html_space(b.data[i])) *w++ = b.data[i];
      else if (w[-1] != ' ') *w++ = ' ';
    strcpy(w, cut < hi ? "…" : "");
    /* (the block's column: what stands before it on its line — a list's marker, a quote's > — is ASCII) */
    c->opt->dropped_html(c->opt->ud, text, c->opt->line_offset + cmark_node_get_start_line(node),
                         cmark_node_get_start_column(node));
  }
  buf_free(&b);
}

/* ---- links and images ---- */

static bool is_blank(const char *s) {
  for (; *s; s++)
    if (!is_html_space(*s)) return false;
  return true;
}

/* A link whose text is its URL (an autolink), as the extension makes them
 * from bare www./http:// text and e-mail addresses. */
static const char *autolink_text(cmark_node *link) {
  cmark_node *t = cmark_node_first_child(link);
  if (!t || cmark_node_next(t) || cmark_node_get_type(t) != CMARK_NODE_TEXT) return NULL;
  const char *text = cmark_node_get_literal(t), *url = cmark_node_get_url(link);
  size_t tl = strlen(text), ul = strlen(url);
  return tl && tl <= ul && strcmp(url + ul - tl, text) == 0 ? text : NULL;
}

static void visit_ref(render_ctx *c, cmark_node *node, md_ref_kind kind) {
  size_t off;
  if (kind == MD_IMAGE) {
    off = locate(c, node, "![", 2);
  } else {
    off = offset_of(c, cmark_node_get_start_line(node), cmark_node_get_start_column(node));
    if (off == SIZE_MAX || off < c->cursor || off >= c->len || (c->src[off] != '[' && c->src[off] != '<')) {
      const char *text = autolink_text(node);
      off = text ? locate(c, node, text, strlen(text)) : locate(c, node, "[", 1);
    }
  }
  c->cursor = off; /* the link text or autolink text starts here or after */
  int line, col;
  position(c, off, &line, &col);
  const char *url = arena_strdup(c->a, cmark_node_get_url(node));
  const char *out = url;
  if (c->opt->resolve) {
    const char *r = c->opt->resolve(c->opt->ud, kind, url, line, col);
    if (r) out = r;
  }
  if (html_url_is_dangerous(out, strlen(out), false, kind == MD_IMAGE)) out = "";
  if (strcmp(out, cmark_node_get_url(node)) != 0) cmark_node_set_url(node, out);
  if (kind == MD_IMAGE) {
    c->res->n_images++;
    if (c->opt->missing_alt && is_blank(subtree_text(c, node)))
      c->opt->missing_alt(c->opt->ud, url, line, col);
  } else {
    c->res->n_links++;
  }
}

/* ---- headings ---- */

/* Lower case for the scripts a portal heading uses: ASCII, Latin-1,
 * Greek, Cyrillic, fullwidth Latin. */
static uint32_t lower(uint32_t cp) {
  if ((cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ||
      (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) || (cp >= 0x410 && cp <= 0x42F) ||
      (cp >= 0xFF21 && cp <= 0xFF3A))
    return cp + 32;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  return cp;
}

/* True for an id of the form footnotes have (markdown_html.c): fn-N,
 * fnref-N, fnref-N-K. */
static bool footnote_like(const char *id) {
  if (id[0] != 'f' || id[1] != 'n') return false; /* most ids at once */
  const char *p = strncmp(id, "fnref-", 6) == 0 ? id + 6 : id[2] == '-' ? id + 3 : NULL;
  return p && *p >= '0' && *p <= '9';
}

/* The earlier heading of the page whose id is `id`, or NULL. */
static const md_heading *heading_with_id(const render_ctx *c, const char *id) {
  for (size_t i = 0; i < c->res->n_headings; i++)
    if (c->res->headings[i].id && strcmp(c->res->headings[i].id, id) == 0) return &c->res->headings[i];
  return NULL;
}

/* A GitHub-style anchor for `text`, unique among the page's headings so
 * far: lower case, spaces become '-', punctuation and symbols go, letters
 * and digits of any script stay ("一、总体要求" → "一总体要求"); a repeat
 * gets -1, -2, ...; a heading with nothing left is "section", one that
 * would read as a footnote's id (## FN 1) "section-fn-1" (whether or not
 * the page has notes, so adding one moves no anchor).  *base_out is the
 * anchor before its -N. */
static const char *heading_id(render_ctx *c, const char *text, const char **base_out) {
  size_t n = strlen(text), len = 0;
  char *base = arena_alloc(c->a, n + 1); /* lower case keeps each character's length */
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t k = utf8_decode(text + i, n - i, &cp);
    i += k ? k : 1;
    if (!k) continue;
    if (cp == ' ' || cp == '\t') base[len++] = '-';
    else if (cp >= 0x20 && cp != 0x7F && (cp == '-' || cp == '_' || !cjk_is_punct(cp)))
      len += utf8_encode(lower(cp), base + len);
  }
  base[len] = '\0';
  if (len == 0) base = "section";
  else if (footnote_like(base)) base = arena_printf(c->a, "section-%s", base);
  *base_out = base;
  const char *id = base;
  for (unsigned k = 1; heading_with_id(c, id); k++) id = arena_printf(c->a, "%s-%u", base, k);
  return id;
}

/* The length of the id of a {#id} at s[0..n) (s past the '#'), up to its
 * '}', or 0: letters and digits of any script, '-', '_', ':' and '.' (the
 * characters goldmark takes in an id, but the punctuation of other
 * scripts: 、 and the like end it there too). */
static size_t own_id_length(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && s[i] != '}') {
    uint32_t cp;
    size_t k = utf8_decode(s + i, n - i, &cp);
    if (!k || !(cp == '-' || cp == '_' || cp == ':' || cp == '.' || (cp > ' ' && cp != 0x7F && !cjk_is_punct(cp))))
      return 0;
    i += k;
  }
  return i < n ? i : 0;
}

/* A heading's own id, written at its end as Hugo's goldmark reads it:
 * `## 一、总体要求 {#yaoqiu}` (the heading attribute; only an id, and only
 * on the heading's last line).  It must end the heading's last text node
 * and its last line of source, where no backslash escapes its '{' and no
 * entity wrote it.  Returns the id (in the arena), taken off the text
 * node with the blanks before it, and *off, the '{' in src; NULL when the
 * heading has none (its text is left alone). */
static const char *own_heading_id(render_ctx *c, cmark_node *heading, size_t *off) {
  cmark_node *last = cmark_node_last_child(heading);
  if (!last || cmark_node_get_type(last) != CMARK_NODE_TEXT) return NULL;
  const char *lit = cmark_node_get_literal(last);
  size_t n = strlen(lit);
  while (n && is_html_space(lit[n - 1])) n--;
  if (n < 4 || lit[n - 1] != '}') return NULL;
  const char *open = lit + n - 1; /* the '{' of the last "{#" before the '}' */
  while (open > lit && !(open[-1] == '{' && open[0] == '#')) open--;
  if (open == lit) return NULL;
  open--;
  size_t id_len = own_id_length(open + 2, (size_t)(lit + n - open - 2));
  if (!id_len || open + 2 + id_len != lit + n - 1) return NULL;
  /* its source: the heading's last line that has it (cmark ends a setext
   * heading at the blank line after its underline) */
  size_t attr_len = id_len + 3, first = (size_t)cmark_node_get_start_line(heading);
  const char *hit = NULL, *line_from = NULL;
  for (size_t line = (size_t)cmark_node_get_end_line(heading); !hit && line >= first && line >= 1; line--) {
    if (line > c->n_lines) continue;
    line_from = c->src + c->line_start[line - 1];
    const char *to = c->src + line_end(c, line);
    for (const char *p = line_from; (p = memmem(p, (size_t)(to - p), open, attr_len)); p++) hit = p;
  }
  if (!hit) return NULL;
  size_t slashes = 0;
  while (hit - slashes > line_from && hit[-1 - (ptrdiff_t)slashes] == '\\') slashes++;
  if (slashes % 2) return NULL;
  *off = (size_t)(hit - c->src);
  const char *id = arena_strndup(c->a, open + 2, id_len);
  size_t keep = (size_t)(open - lit);
  while (keep && is_html_space(lit[keep - 1])) keep--;
  cmark_node_set_literal(last, arena_strndup(c->a, lit, keep));
  return id;
}

/* A heading's id must be the page's only one: a heading that takes the id
 * of one before it, by its own {#id} or by its text when that other gave
 * its id itself, is said (the id stays, and the build fails). */
static void id_clash(render_ctx *c, const md_heading *first, const md_heading *h, size_t off) {
  if (!first || !c->opt->heading_id_taken) return;
  int line, col;
  position(c, off, &line, &col);
  c->opt->heading_id_taken(c->opt->ud, first, h, line, col);
}

static void visit_heading(render_ctx *c, cmark_node *node) {
  size_t off = SIZE_MAX;
  const char *own = own_heading_id(c, node, &off);
  md_heading h = {cmark_node_get_heading_level(node), subtree_text(c, node), own,
                  c->opt->line_offset + cmark_node_get_start_line(node),
                  cmark_node_get_type(cmark_node_parent(node)) == CMARK_NODE_DOCUMENT, own != NULL};
  if (own) {
    id_clash(c, heading_with_id(c, own), &h, off);
    c->own_ids = true;
  } else if (h.level >= 2) {
    const char *base;
    h.id = heading_id(c, h.text, &base);
    const md_heading *first = c->own_ids ? heading_with_id(c, base) : NULL; /* most pages give none */
    if (first && first->own_id) {
      size_t at = offset_of(c, cmark_node_get_start_line(node), cmark_node_get_start_column(node));
      id_clash(c, first, &h, at == SIZE_MAX ? c->cursor : at);
    }
  }
  if (h.id) {
    node_job job = {node, h.id};
    PUSH(c->a, c->headings, c->n_heading_jobs, c->cap_heading_jobs, job);
  }
  PUSH(c->a, c->res->headings, c->res->n_headings, c->cap_headings, h);
}

/* Replaces a heading by the same heading with its id.  cmark's renderer has
 * no hook for attributes, so the heading's inlines move into a custom inline
 * that writes the tags, inside a custom block that starts and ends the line
 * as a heading does.  The emptied heading stays in the arena (its inlines
 * may still point into its memory). */
static void give_heading_id(render_ctx *c, const node_job *job) {
  char level = (char)('0' + cmark_node_get_heading_level(job->node));
  buf *b = &c->scratch;
  buf_clear(b);
  buf_put(b, "</h", 3);
  buf_putc(b, level);
  buf_putc(b, '>');
  cmark_node *block = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, &cm_mem);
  cmark_node *tags = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_INLINE, &cm_mem);
  cmark_node_set_on_exit(tags, buf_cstr(b));
  buf_clear(b);
  buf_put(b, "<h", 2);
  buf_putc(b, level);
  buf_put(b, " id=\"", 5);
  esc_html(b, job->html, strlen(job->html));
  buf_put(b, "\">", 2);
  cmark_node_set_on_enter(tags, buf_cstr(b));
  for (cmark_node *child = cmark_node_first_child(job->node), *next; child; child = next) {
    next = cmark_node_next(child);
    cmark_node_append_child(tags, child);
  }
  cmark_node_append_child(block, tags);
  cmark_node_replace(job->node, block);
}

/* ---- charts ---- */

static bool is_chart_fence(cmark_node *node) {
  const char *info = cmark_node_get_fence_info(node);
  return info && strncmp(info, "chart", 5) == 0 && (info[5] == '\0' || is_html_space(info[5]));
}

static void visit_chart(render_ctx *c, cmark_node *node) {
  const char *body = cmark_node_get_literal(node);
  size_t lo = 0, hi = strlen(body);
  while (lo < hi && is_html_space(body[lo])) lo++;
  while (hi > lo && is_html_space(body[hi - 1])) hi--;
  md_chart ch = {arena_strndup(c->a, body + lo, hi - lo), 0, 0};
  /* The id's position: the body starts on the line after the fence, and
   * blank lines may come before the id; its column is where it stands in
   * that source line (indentation and > markers are not in the literal). */
  size_t off = offset_of(c, cmark_node_get_start_line(node), cmark_node_get_start_column(node));
  if (hi > lo) {
    int line = cmark_node_get_start_line(node) + 1;
    for (size_t i = 0; i < lo; i++) line += body[i] == '\n';
    size_t start = offset_of(c, line, 1);
    const char *hit = start == SIZE_MAX ? NULL
                                        : memmem(c->src + start, line_end(c, (size_t)line) - start,
                                                 ch.id, strcspn(ch.id, "\n"));
    if (hit) off = (size_t)(hit - c->src);
  }
  position(c, off == SIZE_MAX ? c->cursor : off, &ch.line, &ch.col);
  PUSH(c->a, c->res->charts, c->res->n_charts, c->cap_charts, ch);
  node_job job = {node, c->opt->chart ? c->opt->chart(c->opt->ud, ch.id, ch.line, ch.col) : NULL};
  PUSH(c->a, c->charts, c->n_chart_jobs, c->cap_chart_jobs, job);
}

static void place_chart(const node_job *job) {
  if (job->html) {
    cmark_node *block = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, &cm_mem);
    cmark_node_set_on_enter(block, job->html);
    cmark_node_replace(job->node, block);
  } else {
    cmark_node_unlink(job->node);
  }
}

/* ---- raw HTML ---- */

/* Is `lit` (raw HTML as cmark has it) Hugo's summary divider, <!--more-->,
 * spaces allowed around the word and the whole? */
static bool is_more_divider(const char *lit) {
  while (is_html_space(*lit)) lit++;
  if (strncmp(lit, "<!--", 4) != 0) return false;
  for (lit += 4; is_html_space(*lit); lit++) continue;
  if (strncmp(lit, "more", 4) != 0) return false;
  for (lit += 4; is_html_space(*lit); lit++) continue;
  if (strncmp(lit, "-->", 3) != 0) return false;
  for (lit += 3; is_html_space(*lit); lit++) continue;
  return *lit == '\0';
}

static void visit_html(render_ctx *c, cmark_node *node) {
  if (!c->res->has_more && is_more_divider(cmark_node_get_literal(node))) {
    c->res->has_more = true;
    c->res->more_at = c->text_len;
  }
  if (!c->opt->raw_html) {
    if (c->opt->dropped_html && cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK) report_dropped_block(c, node);
    PUSH(c->a, c->drop, c->n_drop, c->cap_drop, node);
    return;
  }
  c->kept_html = true;
  const char *safe = html_neutralise(c->a, cmark_node_get_literal(node));
  if (cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK) { /* the text as written: its tags left out */
    size_t off = offset_of(c, cmark_node_get_start_line(node), cmark_node_get_start_column(node));
    text_append_html(c, cmark_node_get_literal(node), off == SIZE_MAX ? c->cursor : off);
  }
  if (safe && cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK && is_blank(safe)) /* a comment, say */
    PUSH(c->a, c->drop, c->n_drop, c->cap_drop, node);
  else if (safe)
    cmark_node_set_literal(node, safe);
}

/* A paragraph left with nothing but spaces and line breaks once its raw
 * HTML is gone. */
static bool is_empty_paragraph(cmark_node *p) {
  for (cmark_node *n = cmark_node_first_child(p); n; n = cmark_node_next(n)) {
    cmark_node_type t = cmark_node_get_type(n);
    if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) continue;
    if (t != CMARK_NODE_TEXT || !is_blank(cmark_node_get_literal(n))) return false;
  }
  return true;
}

static void drop_raw_html(render_ctx *c) {
  cmark_node *last_paragraph = NULL;
  cmark_node **paragraphs = arena_alloc(c->a, (c->n_drop + 1) * sizeof *paragraphs);
  size_t n_paragraphs = 0;
  for (size_t i = 0; i < c->n_drop; i++) {
    cmark_node *parent = cmark_node_parent(c->drop[i]);
    if (cmark_node_get_type(parent) == CMARK_NODE_PARAGRAPH && parent != last_paragraph)
      paragraphs[n_paragraphs++] = last_paragraph = parent;
    cmark_node_unlink(c->drop[i]);
  }
  for (size_t i = 0; i < n_paragraphs; i++)
    if (is_empty_paragraph(paragraphs[i])) cmark_node_unlink(paragraphs[i]);
}

/* ---- the lead: the first prose paragraphs ---- */

/* A table or a chart (a code block becomes one only as a chart: other
 * code sits between prose as it is). */
static bool is_figure(cmark_node *n) {
  if (!n) return false;
  cmark_node_type t = cmark_node_get_type(n);
  return t == CMARK_NODE_TABLE || (t == CMARK_NODE_CODE_BLOCK && is_chart_fence(n));
}

/* A paragraph of nothing but images (and the breaks between them). */
static bool only_images(cmark_node *p) {
  bool image = false;
  for (cmark_node *n = cmark_node_first_child(p); n; n = cmark_node_next(n)) {
    cmark_node_type t = cmark_node_get_type(n);
    if (t == CMARK_NODE_IMAGE) image = true;
    else if (t != CMARK_NODE_SOFTBREAK && t != CMARK_NODE_LINEBREAK &&
             !(t == CMARK_NODE_TEXT && is_blank(cmark_node_get_literal(n))))
      return false;
  }
  return image;
}

/* Does s[0..n) end a sentence, or lead into what follows (主要情况如下：),
 * trailing blanks aside?  A short line that does not is a caption, a
 * heading written as a paragraph, or a 落款's issuer. */
static bool ends_sentence(const char *s, size_t n) {
  size_t end = n;
  while (end && (s[end - 1] == ' ' || s[end - 1] == '\t')) end--;
  size_t last = end;
  while (last && ((unsigned char)s[last - 1] & 0xC0) == 0x80) last--;
  uint32_t cp = 0;
  if (last) utf8_decode(s + last - 1, end - last + 1, &cp);
  return cp == 0x3002 /* 。 */ || cp == 0xFF01 /* ！ */ || cp == 0xFF1F /* ？ */ || cp == 0xFF1B /* ； */ ||
         cp == 0xFF1A /* ： */ || cp == '.' || cp == '!' || cp == '?' || cp == ';' || cp == ':';
}

/* A paragraph a reader takes as a table's or chart's caption or note (see
 * md_result.lead), or as a figure; s[0..n) is its text. */
static bool is_caption(cmark_node *p, const char *s, size_t n) {
  if (only_images(p)) return true;
  if (!is_figure(cmark_node_previous(p)) && !is_figure(cmark_node_next(p))) return false;
  static const char *const notes[] = {"注：", "注:", "注释", "来源", "数据来源", "资料来源"};
  for (size_t i = 0; i < sizeof notes / sizeof *notes; i++)
    if (n >= strlen(notes[i]) && memcmp(s, notes[i], strlen(notes[i])) == 0) return true;
  return !ends_sentence(s, n) && utf8_count(s, n) <= 40;
}

/* The paragraph being walked ends where the text is now: into the lead,
 * unless the lead is full or the paragraph is no prose.  Not its line
 * breaks at the end (an entity, &NewLine;, gives one): the lead's lines
 * are the text's, and the text's last line break goes. */
static void lead_close(render_ctx *c) {
  cmark_node *p = c->para;
  size_t from = c->para_from, to = c->text_len;
  while (to > from && c->text[to - 1] == '\n') to--;
  c->para = NULL;
  if (c->lead_len >= c->opt->lead_bytes || to == from || is_caption(p, c->text + from, to - from)) return;
  c->lead_last[0] = c->lead_last[1], c->lead_before[0] = c->lead_before[1];
  c->lead_last[1] = p, c->lead_before[1] = c->lead_len;
  if (!c->lead_len) {
    c->lead_from = from;
    c->lead_len = to - from;
    return;
  }
  if (!c->lead_copy && from == c->lead_from + c->lead_len + 1) { /* the next line */
    c->lead_len = to - c->lead_from;
    return;
  }
  size_t need = c->lead_len + 1 + (to - from);
  if (!c->lead_copy || need > c->lead_cap) {
    size_t cap = 2 * need;
    char *copy = arena_alloc(c->a, cap);
    memcpy(copy, c->lead_copy ? c->lead_copy : c->text + c->lead_from, c->lead_len);
    c->lead_copy = copy;
    c->lead_cap = cap;
  }
  c->lead_copy[c->lead_len++] = '\n';
  memcpy(c->lead_copy + c->lead_len, c->text + from, to - from);
  c->lead_len += to - from;
}

/* ---- the walk ---- */

/* A table: remembered with the label of its region — "表格N：<the heading
 * above it>" (unique in the page, as landmarks must be). */
static void visit_table(render_ctx *c, cmark_node *node) {
  size_t n = c->res->n_headings;
  const char *near = n ? c->res->headings[n - 1].text : NULL;
  node_job job = {node, near ? arena_printf(c->a, "表格%zu：%s", c->n_tables + 1, near)
                             : arena_printf(c->a, "表格%zu", c->n_tables + 1)};
  PUSH(c->a, c->tables, c->n_tables, c->cap_tables, job);
}

/* Wraps a table in <div class="table-wrap" role="region" tabindex="0"
 * aria-label="…">, so a wide table scrolls inside its own focusable region
 * on a phone instead of widening the page. */
static void wrap_table(render_ctx *c, const node_job *job) {
  buf *b = &c->scratch;
  buf_clear(b);
  buf_puts(b, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"");
  esc_html(b, job->html, strlen(job->html));
  buf_puts(b, "\">");
  cmark_node *block = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, &cm_mem);
  cmark_node_set_on_enter(block, buf_cstr(b));
  cmark_node_set_on_exit(block, "</div>");
  cmark_node_insert_before(job->node, block);
  cmark_node_unlink(job->node);
  cmark_node_append_child(block, job->node);
}

/* cmark-gfm writes a column's alignment as style="text-align: X" (or the
 * obsolete align=); a strict Content-Security-Policy blocks inline styles,
 * so the rendered HTML gets class="align-X" instead (the theme styles it).
 * Only whole cells as cmark writes them are rewritten, <td style="text-align:
 * left"> and the like: rewriting the style wherever it stood let raw HTML
 * (raw_html: true) be read one way by html_safe.c and another once a blank
 * went (an unquoted value then swallowed what followed).
 * html[0..*len) is the page's HTML (in the arena, or in the caller's buffer,
 * whose length is then left longer than the HTML): rewritten in place
 * (the class is shorter than the style it replaces, so the writer never
 * passes the reader; a malloc'd copy grown from 256 bytes was a chain of
 * reallocs for every page with an aligned table). */
/* The first pat[0..n) in [p, end), found by its 'y' (" style="): a rare
 * byte in a Chinese page, so memchr skips most of it at once (memmem and
 * strstr stopped at every blank). */
static const char *find_style(const char *p, const char *end, const char *pat, size_t n) {
  const size_t y = 3; /* pat[y] == 'y' */
  for (const char *q = p + y; q < end && (q = memchr(q, 'y', (size_t)(end - q))); q++)
    if ((size_t)(end - (q - y)) >= n && memcmp(q - y, pat, n) == 0) return q - y;
  return NULL;
}

static void align_classes(char *html, size_t *len) {
  static const char pat[] = " style=\"text-align: ", cls[] = " class=\"align-";
  char *w = html;
  const char *p = html, *end = html + *len, *hit;
  while ((hit = find_style(p, end, pat, sizeof pat - 1))) {
    const char *val = hit + sizeof pat - 1, *q = memchr(val, '"', (size_t)(end - val));
    if (!q) break;
    size_t vn = (size_t)(q - val);
    bool cell = hit - html >= 3 && (memcmp(hit - 3, "<td", 3) == 0 || memcmp(hit - 3, "<th", 3) == 0) && q + 1 < end &&
                q[1] == '>' &&
                ((vn == 4 && memcmp(val, "left", 4) == 0) || (vn == 5 && memcmp(val, "right", 5) == 0) ||
                 (vn == 6 && memcmp(val, "center", 6) == 0));
    if (!cell) { /* not a cell cmark wrote: as it is */
      memmove(w, p, (size_t)(q + 1 - p));
      w += q + 1 - p;
      p = q + 1;
      continue;
    }
    memmove(w, p, (size_t)(hit - p));
    w += hit - p;
    memcpy(w, cls, sizeof cls - 1);
    w += sizeof cls - 1;
    memmove(w, val, (size_t)(q - val));
    w += q - val;
    *w++ = '"';
    p = q + 1;
  }
  size_t rest = (size_t)(end - p);
  if (w != p) memmove(w, p, rest + 1);
  *len = (size_t)(w - html) + rest;
}

static void visit_block(render_ctx *c, cmark_node *node, cmark_node_type t) {
  size_t off = offset_of(c, cmark_node_get_start_line(node), cmark_node_get_start_column(node));
  if (t == CMARK_NODE_FOOTNOTE_DEFINITION) { /* moved to the end: its source may stand before the cursor */
    c->in_notes = true;
    if (off != SIZE_MAX) c->cursor = off;
  }
  if (off != SIZE_MAX && off > c->cursor) c->cursor = off;
  if (c->para) lead_close(c);
  if (t == CMARK_NODE_TABLE) visit_table(c, node);
  if (t == CMARK_NODE_TABLE_CELL) {
    if (cmark_node_previous(node) && text_in_line(c)) text_putc(c, '\t');
    c->soft_break = NULL;
  } else {
    text_newline(c);
  }
  if (t == CMARK_NODE_PARAGRAPH && c->lead_len < c->opt->lead_bytes && !c->in_notes) {
    c->para = node;
    c->para_from = c->text_len;
  }
}

/* Code, kept for the content scan: a block starts on the line after its
 * fence (an indented block on its own line); an inline span where the
 * source has it. */
static void visit_code(render_ctx *c, cmark_node *node, bool block) {
  const char *lit = cmark_node_get_literal(node);
  if (!lit || !*lit) return;
  md_code code = {arena_strdup(c->a, lit), 0, 1};
  if (block) {
    int fence_len, fence_offset;
    char fence_char;
    bool fenced = cmark_node_get_fenced(node, &fence_len, &fence_offset, &fence_char);
    code.line = c->opt->line_offset + cmark_node_get_start_line(node) + (fenced ? 1 : 0);
    code.col = fenced ? 1 : cmark_node_get_start_column(node);
  } else {
    size_t off = locate(c, node, lit, strlen(lit));
    position(c, off, &code.line, &code.col);
  }
  PUSH(c->a, c->res->code, c->res->n_code, c->cap_code, code);
}

/* A soft break with a link on each side ([小写](a.md)⏎[大写](b.md)): the
 * editor wrote the links one a line, a list without list marks, and reads
 * them so.  Joined (between wide characters) they would read 小写大写, and
 * as a space they would still run on as one line, so the break becomes a
 * hard one: <br /> in the HTML and a new line in the text.  A break with
 * anything else beside it (text, punctuation, an image) stays soft. */
static bool between_links(cmark_node *soft) {
  cmark_node *prev = cmark_node_previous(soft), *next = cmark_node_next(soft);
  return prev && next && cmark_node_get_type(prev) == CMARK_NODE_LINK &&
         cmark_node_get_type(next) == CMARK_NODE_LINK;
}

/* Puts a hard break in place of the soft break `soft` (dropped after the
 * walk, which goes on from it) and ends the line of text. */
static void harden_break(render_ctx *c, cmark_node *soft) {
  cmark_node_insert_before(soft, cmark_node_new_with_mem(CMARK_NODE_LINEBREAK, &cm_mem));
  PUSH(c->a, c->drop, c->n_drop, c->cap_drop, soft);
  text_newline(c);
}

/* The Hugo shortcodes in the text node `node` (its literal lit[0..n), at
 * body offset `off`): `{{<` or `{{%`, or `{{` ending the text before raw
 * HTML (`{{<figure src=…>}}`, whose tag cmark reads as HTML).  Found by
 * memchr of '{', rare in a page, over the length walk() already has
 * (strstr, once per text node, was 0.8 % of a build). */
static void find_shortcodes(render_ctx *c, cmark_node *node, const char *lit, size_t n, size_t off) {
  const char *end = lit + n;
  for (const char *p = lit; (p = memchr(p, '{', (size_t)(end - p))) != NULL;) {
    if (p[1] != '{') { /* p[1] is at most the literal's NUL */
      p++;
      continue;
    }
    const char *s = p;
    p += 2; /* the next pair starts past this one */
    cmark_node *next = cmark_node_next(node);
    if (s[2] != '<' && s[2] != '%' &&
        !(s[2] == '\0' && next && cmark_node_get_type(next) == CMARK_NODE_HTML_INLINE))
      continue;
    int line, col;
    position(c, off + (size_t)(s - lit) < c->len ? off + (size_t)(s - lit) : off, &line, &col);
    c->opt->shortcode(c->opt->ud, line, col);
  }
}

/* Every node under doc in document order (what cmark_iter's enter events
 * give, without its exit events). */
static void walk(render_ctx *c, cmark_node *doc) {
  for (cmark_node *node = md_following(doc, doc); node; node = md_following(doc, node)) {
    cmark_node_type t = cmark_node_get_type(node);
    if ((t & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK) visit_block(c, node, t);
    switch (t) {
      case CMARK_NODE_TEXT: {
        const char *lit = cmark_node_get_literal(node);
        size_t n = strlen(lit), off = locate(c, node, lit, n);
        size_t at = text_append(c, lit, n, off);
        if (c->opt->shortcode) find_shortcodes(c, node, lit, n, off);
        if (!c->opt->no_spans) align_spans(c, lit, n, at, off);
        /* A literal can be longer than its source (U+FFFD for an invalid
         * byte), so the cursor is kept inside the body. */
        if (off + n > c->cursor) c->cursor = off + n < c->len ? off + n : c->len;
        break;
      }
      case CMARK_NODE_SOFTBREAK:
        if (between_links(node)) harden_break(c, node);
        else c->soft_break = node;
        break;
      case CMARK_NODE_LINEBREAK: text_newline(c); break;
      case CMARK_NODE_LINK: visit_ref(c, node, MD_LINK); break;
      case CMARK_NODE_IMAGE: visit_ref(c, node, MD_IMAGE); break;
      case CMARK_NODE_HEADING: visit_heading(c, node); break;
      case CMARK_NODE_HTML_BLOCK:
      case CMARK_NODE_HTML_INLINE: visit_html(c, node); break;
      case CMARK_NODE_CODE_BLOCK:
        if (is_chart_fence(node)) visit_chart(c, node);
        else visit_code(c, node, true);
        break;
      case CMARK_NODE_CODE: visit_code(c, node, false); break;
      default: break;
    }
  }
}

/* The text of a paragraph that holds one plain text and nothing else, or
 * NULL. */
static const char *plain_paragraph(cmark_node *n) {
  cmark_node *t = n && cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH ? cmark_node_first_child(n) : NULL;
  return t && !cmark_node_next(t) && cmark_node_get_type(t) == CMARK_NODE_TEXT ? cmark_node_get_literal(t) : NULL;
}

/* 2024年5月20日: a date as a document's 落款 writes it (Arabic numerals,
 * GB/T 9704). */
static bool chinese_date(const char *s) {
  size_t k = strspn(s, "0123456789");
  if (k != 4 || strncmp(s += k, "年", 3) != 0) return false;
  k = strspn(s += 3, "0123456789");
  if (k < 1 || k > 2 || strncmp(s += k, "月", 3) != 0) return false;
  k = strspn(s += 3, "0123456789");
  return k >= 1 && k <= 2 && strcmp(s + k, "日") == 0;
}

/* A document's 落款 — its last paragraph a date alone (2024年5月20日),
 * perhaps after one short line naming who issued it (云岭区人民政府办公室:
 * under 40 characters, not ending a sentence), the notes after it aside —
 * is wrapped in <div class="signature">, which the theme sets to the right
 * as an official document has it.  Returns that block, or NULL. */
static cmark_node *mark_signature(cmark_node *doc) {
  cmark_node *date = cmark_node_last_child(doc);
  while (date && cmark_node_get_type(date) == CMARK_NODE_FOOTNOTE_DEFINITION) date = cmark_node_previous(date);
  const char *d = plain_paragraph(date);
  if (!d || !chinese_date(d)) return NULL;
  cmark_node *from = date, *prev = cmark_node_previous(date);
  const char *who = plain_paragraph(prev);
  size_t n = who ? strlen(who) : 0;
  if (n && utf8_count(who, n) <= 40 && !ends_sentence(who, n)) from = prev;
  cmark_node *block = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, &cm_mem);
  cmark_node_set_on_enter(block, "<div class=\"signature\">");
  cmark_node_set_on_exit(block, "</div>");
  cmark_node_insert_before(from, block);
  for (cmark_node *n = from, *next; n; n = next) {
    next = n == date ? NULL : cmark_node_next(n);
    cmark_node_unlink(n);
    cmark_node_append_child(block, n);
  }
  return block;
}

/* The lead without the paragraphs of the 落款 `sig` (NULL: none): who
 * issued a document and when is no part of what it says. */
static void lead_drop_signature(render_ctx *c, const cmark_node *sig) {
  for (int k = 0; sig && k < 2; k++)
    if (c->lead_last[k] && cmark_node_parent(c->lead_last[k]) == sig) {
      c->lead_len = c->lead_before[k];
      return;
    }
}

void md_render(arena *a, const char *src, size_t len, const md_options *opt, md_result *out) {
  static const md_options defaults;
  pthread_once(&gfm_once, gfm_init);
  memset(out, 0, sizeof *out);
  render_ctx c = {.a = a, .opt = opt ? opt : &defaults, .src = src, .len = len, .res = out,
                  .last_line = SIZE_MAX};
  bool valid = c.opt->utf8_checked || utf8_valid(src, len, NULL);
  c.cmark_opts = (valid ? 0 : CMARK_OPT_VALIDATE_UTF8) | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE |
                 CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES | (c.opt->raw_html ? CMARK_OPT_UNSAFE : 0) |
                 (may_footnote(src, len) ? CMARK_OPT_FOOTNOTES : 0);
  index_lines(&c);
  c.text_cap = len + 64; /* the text is mostly shorter than the source */
  c.text = arena_alloc(a, c.text_cap);

  cm = (cm_pool){a, NULL, NULL};
  bool autolink = may_autolink(src, len);
  cmark_parser *parser = gfm_parser(c.cmark_opts, &cm_mem, autolink);
  cmark_parser_feed(parser, src, len);
  if (!inline_table_fixed) pthread_mutex_lock(&inline_lock);
  cmark_node *doc = cmark_parser_finish(parser);
  if (!inline_table_fixed) pthread_mutex_unlock(&inline_lock);
  c.exts = cmark_parser_get_syntax_extensions(parser);

  walk(&c, doc);
  if (c.para) lead_close(&c);
  drop_raw_html(&c);
  for (size_t i = 0; i < c.n_heading_jobs; i++) give_heading_id(&c, &c.headings[i]);
  for (size_t i = 0; i < c.n_chart_jobs; i++) place_chart(&c.charts[i]);
  for (size_t i = 0; i < c.n_tables; i++) wrap_table(&c, &c.tables[i]);
  lead_drop_signature(&c, mark_signature(doc));

  buf own = BUF_INIT, *hb = c.opt->html ? c.opt->html : &own;
  char *html;
  if (!c.kept_html && md_html(hb, doc, c.cmark_opts, len + len / 2 + 1024)) {
    html = hb == &own ? arena_strndup(a, own.data, own.len) : hb->data; /* md_html reserved: never NULL */
    out->html_len = hb->len;
  } else { /* kept raw HTML, or another tree govpub's writer leaves to cmark */
    html = cmark_render_html(doc, c.cmark_opts, c.exts);
    out->html_len = strlen(html);
  }
  buf_free(&own);
  out->html = html;
  /* Only a table's cells have the style; so may raw HTML, when allowed
   * (everything else cmark writes has its quotes escaped). */
  if (c.n_tables || c.opt->raw_html) align_classes(html, &out->html_len);

  while (c.text_len && c.text[c.text_len - 1] == '\n') c.text_len--;
  c.text[c.text_len] = '\0';
  /* spans only of trimmed line breaks (a body of `&NewLine;`) cover nothing */
  while (out->n_spans && out->spans[out->n_spans - 1].off > c.text_len) out->n_spans--;
  out->text = c.text;
  out->text_len = c.text_len;
  out->lead = !c.lead_len ? NULL : c.lead_copy ? c.lead_copy : c.text + c.lead_from;
  out->lead_len = c.lead_len;
  buf_free(&c.scratch);
  cm = (cm_pool){NULL, NULL, NULL};
}

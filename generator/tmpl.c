/* tmpl: see tmpl.h.
 *
 * Compiling reads the source one line at a time; a line ends at a newline
 * outside any tag, so a multi-line comment belongs to the line it starts on.
 * A line holding only blanks and tags that print nothing (one such tag, or
 * several parent/block tags) is standalone: its blanks and newline go.  The
 * tokens become nodes in one array; a section's, parent's or block's children
 * follow it up to its `end`.  Every block opened on a standalone line then
 * gets its intrinsic indentation, the blanks its lines share: they are cut
 * from the lines and put back where the block is rendered — in its own place,
 * or at the indentation of the block it overrides (spec ~inheritance, "Block
 * reindentation").
 *
 * Rendering walks the nodes keeping three chains on the C stack: the context
 * stack, the indentation to write before each template line, and the block
 * overrides of the parent tags being rendered.  {{x}} escapes through
 * escape.h's esc_html, the one HTML-text escaper. */
#include "tmpl.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "fsx.h"
#include "text_check.h"
#include "escape.h"
#include "tmpl_memo.h"

typedef struct {
  const char *s;
  size_t n;
} slice;

typedef enum { N_TEXT, N_VAR, N_RAW, N_SECTION, N_INVERTED, N_PARTIAL, N_PARENT, N_BLOCK } node_kind;

typedef struct {
  node_kind kind;
  bool bol;        /* starts a template line: the indentation is written before it */
  bool ls;         /* first node of a template line (blank lines included) */
  bool standalone; /* partial, parent, block: its tag stood alone on its line */
  bool dynamic;    /* partial, parent: the template name is looked up in the context */
  uint32_t end;    /* section, inverted, parent, block: one past its last child */
  int line, col;   /* of the tag, for messages */
  slice text;      /* text; the name of a partial, parent (NUL-terminated) or block */
  slice ind;       /* standalone partial, parent: its line's blanks; block: its indentation */
  const tv_key *parts; /* a variable's, section's or dynamic name's parts ("." has none) */
  uint32_t nparts;
  /* Per part, the map entry where it was found last time (tv_getk_at):
   * written by every render, whichever thread, so atomic (relaxed: a
   * stale hint only costs a search). */
  _Atomic uint32_t *hints;
  /* static partial, parent: the set's entry of the template it names, once
   * a render has looked it up (entries never change or go while the set
   * lives), so later renders hash no name */
  _Atomic(struct entry *) *included;
  uint32_t run_end; /* text: one past the last of the text nodes that follow it in the
                       source with nothing between (a run), and the run's bytes: */
  size_t run_len;   /* written at once where no indentation goes before its lines */
} node;

struct tmpl {
  const char *path;
  const char *src; /* its text, after a byte order mark (the nodes' text points into it) */
  const node *nodes;
  uint32_t n;
  struct entry *entry; /* its place in the set's cache (NULL for tmpl_render_str) */
};

typedef enum { E_MISSING, E_INVALID, E_OK } entry_state;

/* One name in the set's cache; made whole under the lock before it is put
 * in the table, and never changed afterwards except for the deps, computed
 * under the lock on first use (deps_done says they are there) and `mark`,
 * which only tmpl_deps reads, under the lock. */
typedef struct entry {
  const char *name;
  entry_state state;
  tmpl t;
  const char **deps;
  size_t ndeps;
  atomic_bool deps_done;
  unsigned mark; /* tmpl_deps: visited in walk number `mark` */
} entry;

/* The set's open-addressing hash table of entries, at most half full.
 * Entries are only added (under the lock); a table that grows is copied,
 * and the old one stays in the set's arena for readers still probing it,
 * so a lookup of a name the set has loaded takes no lock (find). */
typedef struct {
  size_t cap; /* a power of two */
  _Atomic(entry *) slot[];
} table;

struct tmpl_set {
  pthread_mutex_t lock; /* guards everything below but `table`'s reading */
  arena *a;             /* entries, names, sources, nodes, tables */
  char **dirs;
  size_t ndirs;
  buf pathbuf; /* the file loader's scratch */
  tmpl_loader load;
  void *load_ctx;
  tmpl_missing missing;
  _Atomic(table *) table; /* read without the lock; replaced (grown) under it */
  size_t count;           /* entries in the table */
  unsigned walk;
};

/* ---- names ----------------------------------------------------------------- */

bool tmpl_name_valid(const char *name, const char **why) {
  const char *w = NULL;
  if (!*name) w = "it is empty";
  else if (name[0] == '/') w = "it starts with '/'";
  for (const char *p = name; !w && *p; p++)
    if (*p == '\\') w = "'\\' is not allowed";
    else if ((unsigned char)*p <= ' ' || *p == 0x7f) w = "blanks and control characters are not allowed";
  for (const char *p = name; !w && *p;) {
    size_t n = strcspn(p, "/");
    if (n == 2 && p[0] == '.' && p[1] == '.') w = "'..' is not allowed";
    else if (n == 0 || (n == 1 && p[0] == '.')) w = "empty and '.' path parts are not allowed";
    p += n;
    if (*p == '/') {
      p++;
      if (!*p) w = "empty and '.' path parts are not allowed";
    }
  }
  if (w && why) *why = w;
  return !w;
}

static bool is_blank(char c) { return c == ' ' || c == '\t'; }
static bool is_space(char c) { return is_blank(c) || c == '\n' || c == '\r'; }

static slice trim(const char *s, const char *e) {
  while (s < e && is_space(*s)) s++;
  while (e > s && is_space(e[-1])) e--;
  return (slice){s, (size_t)(e - s)};
}

static bool slice_eq(slice a, slice b) { return a.n == b.n && memcmp(a.s, b.s, a.n) == 0; }

/* True for text that starts with a newline: an empty template line. */
static bool empty_line(slice s) {
  return s.n && (s.s[0] == '\n' || (s.s[0] == '\r' && s.n > 1 && s.s[1] == '\n'));
}

/* ---- compiling ------------------------------------------------------------- */

typedef enum {
  T_TEXT, T_VAR, T_RAW, T_COMMENT, T_DELIM, T_SECTION, T_INVERTED, T_CLOSE, T_PARTIAL, T_PARENT,
  T_BLOCK
} tok_kind;

typedef struct {
  tok_kind kind;
  bool dynamic; /* partial, parent, close: the name followed '*' */
  bool invalid; /* reported; kept only to match its opening or closing tag */
  slice name;   /* text: the text; tags: the trimmed name */
  slice tag;    /* the tag as written */
  int line, col;
} token;

typedef struct {
  uint32_t node;
  token tok;
  slice otag, ctag; /* the delimiters in force at the tag, for hints */
} open_tag;

typedef struct {
  arena *a;
  const char *path;
  const char *end, *pos;
  const char *next_open; /* where the next opening delimiter is (cache), or NULL */
  slice otag, ctag;
  int line;
  const char *line_start;
  const char *col_at; /* how far on the current line columns are counted (col_of), */
  int col;            /* and the column there */
  bool at_line_start; /* no node emitted yet for this line */
  bool failed;
  bool aborted; /* nesting too deep: compiling stopped */
  node *nodes; /* malloc'd while compiling */
  size_t n, cap;
  token *toks; /* the current line */
  size_t ntoks, captoks;
  open_tag stack[TMPL_MAX_NESTING];
  size_t depth;
} compiler;

static void cerror(compiler *c, int line, int col, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void cerror(compiler *c, int line, int col, const char *hint, const char *fmt, ...) {
  buf m = BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  buf_vprintf(&m, fmt, ap);
  va_end(ap);
  diag_error(c->path, line, col, hint, "%s", buf_cstr(&m));
  buf_free(&m);
  c->failed = true;
}

static void *xrealloc(void *p, size_t n) {
  p = realloc(p, n);
  if (!p) {
    fputs("govpub: out of memory\n", stderr);
    abort();
  }
  return p;
}

static void *xcalloc(size_t count, size_t size) {
  void *p = xrealloc(NULL, count * size);
  memset(p, 0, count * size);
  return p;
}

/* The hint for a mismatched or unclosed tag: its closing tag as it would be
 * written with the delimiters in force where it opened. */
static const char *closing_of(buf *b, const open_tag *o) {
  buf_clear(b);
  buf_printf(b, "%.*s/%s%.*s%.*s", (int)o->otag.n, o->otag.s, o->tok.dynamic ? "*" : "",
             (int)o->tok.name.n, o->tok.name.s, (int)o->ctag.n, o->ctag.s);
  return buf_cstr(b);
}

typedef enum { NAME_OK, NAME_EMPTY, NAME_BLANK, NAME_CONTROL, NAME_DOTS } name_problem;

/* What is wrong with a tag's name; `dotted` names are split at the dots.
 * A control character (a NUL above all: names are compared as C strings
 * when looked up) is never part of a name. */
static name_problem check_dots(slice nm, bool dotted) {
  if (!nm.n) return NAME_EMPTY;
  for (size_t i = 0; i < nm.n; i++) {
    if (is_space(nm.s[i])) return NAME_BLANK;
    if ((unsigned char)nm.s[i] < 0x20 || nm.s[i] == 0x7f) return NAME_CONTROL;
  }
  if (!dotted || (nm.n == 1 && nm.s[0] == '.')) return NAME_OK;
  if (nm.s[0] == '.' || nm.s[nm.n - 1] == '.' || memmem(nm.s, nm.n, "..", 2)) return NAME_DOTS;
  return NAME_OK;
}

/* Checks a tag's name; reports and returns false when it is unusable. */
static bool check_name(compiler *c, const token *t) {
  bool template_name = (t->kind == T_PARTIAL || t->kind == T_PARENT) && !t->dynamic;
  /* block names are not looked up, and a close only has to match its opening */
  name_problem p = check_dots(t->name, t->kind != T_BLOCK && t->kind != T_CLOSE);
  if (p == NAME_EMPTY) {
    cerror(c, t->line, t->col,
           template_name ? "put the template's name in the tag, like {{> partials/footer}}"
                         : "put a name between the delimiters, like {{page.title}}",
           "empty tag '%.*s'", (int)t->tag.n, t->tag.s);
    return false;
  }
  if (template_name) {
    const char *nm = arena_strndup(c->a, t->name.s, t->name.n), *why = NULL;
    if (tmpl_name_valid(nm, &why)) return true;
    cerror(c, t->line, t->col, "name templates relative to the layouts folder, like partials/footer",
           "bad template name '%s' in tag '%.*s': %s", nm, (int)t->tag.n, t->tag.s, why);
    return false;
  }
  if (p == NAME_OK) return true;
  if (p == NAME_CONTROL) {
    cerror(c, t->line, t->col, "a name is one word of printable characters, like page.title",
           "control character in the name of a tag");
    return false;
  }
  cerror(c, t->line, t->col,
         p == NAME_BLANK ? "a name is one word; reach into fields with dots, like page.title"
                         : "write fields as page.title, with no empty part between dots",
         "bad name '%.*s' in tag '%.*s'", (int)t->name.n, t->name.s, (int)t->tag.n, t->tag.s);
  return false;
}

/* Moves the line counter over newlines inside a tag. */
static void count_lines(compiler *c, const char *from, const char *to) {
  for (const char *p = from; (p = memchr(p, '\n', (size_t)(to - p))) != NULL; p++) {
    c->line++;
    c->line_start = p + 1;
  }
}

/* The column of p on the current line, counted on from the last tag's
 * (counted from the line's start each time, a line of n tags took n^2). */
static int col_of(compiler *c, const char *p) {
  if (c->col_at < c->line_start || c->col_at > p) {
    c->col_at = c->line_start;
    c->col = 1;
  }
  c->col += diag_col(c->col_at, (size_t)(p - c->col_at)) - 1;
  c->col_at = p;
  return c->col;
}

/* Reads the tag whose opening delimiter is at `open`.  Returns false when it
 * is never closed (reported: the rest of the source is lost).  Otherwise sets
 * *after past it and fills *t, applying a delimiter change at once. */
static bool scan_tag(compiler *c, const char *open, token *t, const char **after) {
  const char *q = open + c->otag.n;
  char sig = q < c->end ? *q : '\0';
  char pre = '\0'; /* a character the closing delimiter needs before it */
  memset(t, 0, sizeof *t);
  t->line = c->line;
  t->col = col_of(c, open);
  switch (sig) {
    case '!': t->kind = T_COMMENT; break;
    case '=': t->kind = T_DELIM, pre = '='; break;
    case '{': t->kind = T_RAW, pre = '}'; break;
    case '&': t->kind = T_RAW; break;
    case '#': t->kind = T_SECTION; break;
    case '^': t->kind = T_INVERTED; break;
    case '/': t->kind = T_CLOSE; break;
    case '>': t->kind = T_PARTIAL; break;
    case '<': t->kind = T_PARENT; break;
    case '$': t->kind = T_BLOCK; break;
    default: t->kind = T_VAR; break;
  }
  const char *body = t->kind == T_VAR ? q : q + 1, *close = NULL;
  for (const char *p = body; p < c->end;) {
    const char *hit = memmem(p, (size_t)(c->end - p), c->ctag.s, c->ctag.n);
    if (!hit) break;
    if (!pre || (hit > body && hit[-1] == pre)) {
      close = hit;
      break;
    }
    p = hit + 1;
  }
  if (!close) {
    char want[2] = {pre, '\0'}, opened[2] = {pre ? sig : '\0', '\0'};
    buf hint = BUF_INIT;
    buf_printf(&hint, "end the tag with '%s%.*s'", want, (int)c->ctag.n, c->ctag.s);
    cerror(c, t->line, t->col, buf_cstr(&hint), "unclosed tag: no '%s%.*s' after '%.*s%s'", want,
           (int)c->ctag.n, c->ctag.s, (int)c->otag.n, c->otag.s, opened);
    buf_free(&hint);
    return false;
  }
  *after = close + c->ctag.n;
  t->tag = (slice){open, (size_t)(*after - open)};
  t->name = trim(body, pre ? close - 1 : close);
  count_lines(c, open, *after);
  if (t->kind == T_COMMENT) return true;
  if (t->kind == T_DELIM) {
    const char *s = t->name.s, *e = s + t->name.n, *mid = s;
    while (mid < e && !is_space(*mid)) mid++;
    slice first = {s, (size_t)(mid - s)}, second = trim(mid, e);
    bool ok = first.n && second.n;
    for (size_t i = 0; ok && i < second.n; i++) ok = !is_space(second.s[i]);
    if (ok) {
      c->otag = first;
      c->ctag = second;
      c->next_open = NULL;
    } else {
      cerror(c, t->line, t->col,
             "give the new opening and closing delimiters separated by a space, like {{=<% %>=}}",
             "bad delimiter change '%.*s'", (int)t->tag.n, t->tag.s);
    }
    return true;
  }
  if ((t->kind == T_PARTIAL || t->kind == T_PARENT || t->kind == T_CLOSE) && t->name.n &&
      t->name.s[0] == '*') {
    t->dynamic = true;
    t->name = trim(t->name.s + 1, t->name.s + t->name.n);
  }
  t->invalid = !check_name(c, t);
  return true;
}

static void push_token(compiler *c, const token *t) {
  if (c->ntoks == c->captoks) {
    c->captoks = c->captoks ? c->captoks * 2 : 16;
    c->toks = xrealloc(c->toks, c->captoks * sizeof *c->toks);
  }
  c->toks[c->ntoks++] = *t;
}

/* Scans one source line into c->toks; returns true when it ended with a newline. */
static bool scan_line(compiler *c) {
  c->ntoks = 0;
  const char *p = c->pos;
  bool newline = false;
  while (p < c->end) {
    if (c->next_open && c->next_open < p) c->next_open = NULL;
    if (!c->next_open) {
      c->next_open = memmem(p, (size_t)(c->end - p), c->otag.s, c->otag.n);
      if (!c->next_open) c->next_open = c->end;
    }
    const char *open = c->next_open < c->end ? c->next_open : NULL;
    const char *nl = memchr(p, '\n', (size_t)((open ? open : c->end) - p));
    const char *stop = nl ? nl + 1 : open ? open : c->end;
    if (stop > p) {
      push_token(c, &(token){.kind = T_TEXT, .name = {p, (size_t)(stop - p)}});
      p = stop;
    }
    if (nl) {
      newline = true;
      break;
    }
    if (!open) break;
    token t;
    const char *after;
    if (!scan_tag(c, open, &t, &after)) {
      p = c->end;
      break;
    }
    p = after;
    push_token(c, &t);
  }
  c->pos = p;
  return newline;
}

/* Blanks only, and a final newline when `last`. */
static bool blank_text(slice s, bool last) {
  size_t n = s.n;
  if (last && n && s.s[n - 1] == '\n') n -= n >= 2 && s.s[n - 2] == '\r' ? 2 : 1;
  for (size_t i = 0; i < n; i++)
    if (!is_blank(s.s[i])) return false;
  return true;
}

/* A line is standalone when it holds blanks and tags that print nothing:
 * exactly one, or any number of parent and block tags (spec ~inheritance:
 * "{{<parent}}{{/parent}}" on its own line is standalone).  One pass:
 * once two tags are seen and one is not of inheritance, it is not; while
 * all are, a close closes the last parent or block opened on the line,
 * or, past those, the compiler's stack (walking back from each close
 * took a line of n tags n^2). */
static bool line_standalone(const compiler *c) {
  size_t tags = 0, open_here = 0, beyond = 0;
  bool inherit_only = true;
  for (size_t k = 0; k < c->ntoks; k++) {
    const token *t = &c->toks[k];
    switch (t->kind) {
      case T_TEXT:
        if (!blank_text(t->name, k + 1 == c->ntoks)) return false;
        continue;
      case T_VAR:
      case T_RAW: return false;
      case T_PARENT:
      case T_BLOCK: open_here++; break;
      case T_CLOSE:
        if (open_here) {
          open_here--;
        } else {
          tok_kind closed = beyond < c->depth ? c->stack[c->depth - 1 - beyond].tok.kind : T_CLOSE;
          beyond++;
          if (closed != T_PARENT && closed != T_BLOCK) inherit_only = false;
        }
        break;
      default: inherit_only = false; break;
    }
    if (++tags > 1 && !inherit_only) return false;
  }
  return tags == 1 || (tags > 1 && inherit_only);
}

static node *push_node(compiler *c, node_kind kind, const token *t) {
  if (c->n == c->cap) {
    c->cap = c->cap ? c->cap * 2 : 64;
    c->nodes = xrealloc(c->nodes, c->cap * sizeof *c->nodes);
  }
  node *nd = &c->nodes[c->n++];
  memset(nd, 0, sizeof *nd);
  nd->kind = kind;
  nd->line = t->line;
  nd->col = t->col;
  if (c->at_line_start) {
    c->at_line_start = false;
    nd->ls = true;
    nd->bol = !(kind == N_TEXT && empty_line(t->name));
  }
  return nd;
}

static void set_parts(compiler *c, node *nd, slice name) {
  if (name.n == 1 && name.s[0] == '.') return;
  uint32_t n = 1;
  for (size_t i = 0; i < name.n; i++) n += name.s[i] == '.';
  tv_key *parts = arena_alloc(c->a, n * sizeof *parts);
  const char *p = name.s, *e = name.s + name.n;
  for (uint32_t i = 0; i < n; i++) {
    const char *dot = memchr(p, '.', (size_t)(e - p));
    if (!dot) dot = e;
    parts[i] = tv_key_of(p, (size_t)(dot - p));
    p = dot + 1;
  }
  nd->parts = parts;
  nd->nparts = n;
  nd->hints = arena_alloc(c->a, n * sizeof *nd->hints);
  for (uint32_t i = 0; i < n; i++) atomic_init(&nd->hints[i], 0);
}

static void open_node(compiler *c, const token *t) {
  if (c->depth == TMPL_MAX_NESTING) {
    cerror(c, t->line, t->col, "split the template into partials",
           "'%.*s' is nested more than %d deep", (int)t->tag.n, t->tag.s, TMPL_MAX_NESTING);
    c->aborted = true;
    return;
  }
  c->stack[c->depth++] = (open_tag){(uint32_t)(c->n - 1), *t, c->otag, c->ctag};
}

static bool closes(const open_tag *o, const token *t) {
  return o->tok.dynamic == t->dynamic && slice_eq(o->tok.name, t->name);
}

static void close_node(compiler *c, const token *t) {
  if (t->invalid) { /* already reported: close what it matches, if anything */
    if (c->depth && closes(&c->stack[c->depth - 1], t))
      c->nodes[c->stack[--c->depth].node].end = (uint32_t)c->n;
    return;
  }
  if (!c->depth) {
    cerror(c, t->line, t->col, "remove it, or add the opening tag above it", "'%.*s' closes nothing",
           (int)t->tag.n, t->tag.s);
    return;
  }
  buf hint = BUF_INIT;
  size_t k = c->depth;
  while (k > 0 && !closes(&c->stack[k - 1], t)) k--;
  if (k != c->depth) {
    const open_tag *top = &c->stack[c->depth - 1];
    buf close = BUF_INIT;
    buf_printf(&hint, "write '%s' to close it", closing_of(&close, top));
    cerror(c, t->line, t->col, buf_cstr(&hint), "'%.*s' does not close the open '%.*s' (line %d)",
           (int)t->tag.n, t->tag.s, (int)top->tok.tag.n, top->tok.tag.s, top->tok.line);
    buf_free(&close);
  }
  buf_free(&hint);
  if (k == 0) return; /* closes nothing open: dropped */
  while (c->depth >= k) c->nodes[c->stack[--c->depth].node].end = (uint32_t)c->n;
}

static void emit_tag(compiler *c, const token *t, bool standalone, slice lead) {
  node *nd;
  if (c->aborted || (t->invalid && t->kind != T_SECTION && t->kind != T_INVERTED &&
                     t->kind != T_PARENT && t->kind != T_BLOCK && t->kind != T_CLOSE))
    return;
  switch (t->kind) {
    case T_VAR:
    case T_RAW:
    case T_SECTION:
    case T_INVERTED: {
      static const node_kind kinds[] = {[T_VAR] = N_VAR, [T_RAW] = N_RAW, [T_SECTION] = N_SECTION,
                                        [T_INVERTED] = N_INVERTED};
      nd = push_node(c, kinds[t->kind], t);
      nd->text = t->name;
      set_parts(c, nd, t->name);
      if (t->kind == T_SECTION || t->kind == T_INVERTED) open_node(c, t);
      return;
    }
    case T_PARTIAL:
    case T_PARENT:
    case T_BLOCK:
      nd = push_node(c, t->kind == T_PARTIAL ? N_PARTIAL : t->kind == T_PARENT ? N_PARENT : N_BLOCK, t);
      nd->dynamic = t->dynamic;
      nd->text = (slice){arena_strndup(c->a, t->name.s, t->name.n), t->name.n};
      if (t->dynamic) {
        set_parts(c, nd, t->name);
      } else if (t->kind != T_BLOCK) {
        nd->included = arena_alloc(c->a, sizeof *nd->included);
        atomic_init(nd->included, NULL);
      }
      if (standalone) {
        nd->standalone = nd->ls = true;
        nd->ind = lead;
      }
      if (t->kind != T_PARTIAL) open_node(c, t);
      return;
    case T_CLOSE: close_node(c, t); return;
    default: return;
  }
}

static void emit_text(compiler *c, const token *t) {
  node *nd = push_node(c, N_TEXT, t);
  nd->text = t->name;
}

/* A block opened on a standalone line is made of whole lines, so when its
 * closing tag ends the last of them ("two{{/block}}\n") the newline belongs to
 * the block — if the block is an argument of a parent tag, whose own text is
 * dropped (spec ~inheritance, "Standalone block").  A block opened inside a
 * line ("{{$title}}x{{/title}}\n") keeps only what is between its tags. */
static bool takes_newline(const compiler *c, size_t k) {
  if (c->depth < 2 || k + 2 != c->ntoks || c->toks[k + 1].kind != T_TEXT) return false;
  const open_tag *top = &c->stack[c->depth - 1];
  slice rest = c->toks[k + 1].name;
  return top->tok.kind == T_BLOCK && c->nodes[top->node].standalone &&
         c->stack[c->depth - 2].tok.kind == T_PARENT && closes(top, &c->toks[k]) &&
         rest.s[rest.n - 1] == '\n' && blank_text(rest, true);
}

static void emit_line(compiler *c) {
  c->at_line_start = true;
  if (line_standalone(c)) {
    slice lead = c->toks[0].kind == T_TEXT ? c->toks[0].name : (slice){"", 0};
    c->at_line_start = false;
    for (size_t k = 0; k < c->ntoks; k++)
      if (c->toks[k].kind != T_TEXT) emit_tag(c, &c->toks[k], true, lead);
    return;
  }
  for (size_t k = 0; k < c->ntoks; k++) {
    const token *t = &c->toks[k];
    if (t->kind == T_TEXT) {
      emit_text(c, t);
    } else if (t->kind == T_CLOSE && takes_newline(c, k)) {
      emit_text(c, &c->toks[k + 1]);
      emit_tag(c, t, false, (slice){"", 0});
      return;
    } else {
      emit_tag(c, t, false, (slice){"", 0});
    }
  }
}

/* The blanks that start the line `nd` begins; false for a line of blanks
 * only (or an empty one), which does not count. */
static bool line_indent(const node *nd, slice *ws) {
  *ws = (slice){"", 0};
  if (nd->kind == N_TEXT) {
    size_t i = 0;
    while (i < nd->text.n && is_blank(nd->text.s[i])) i++;
    *ws = (slice){nd->text.s, i};
    return !empty_line((slice){nd->text.s + i, nd->text.n - i});
  }
  if (nd->standalone) *ws = nd->ind;
  return true;
}

static size_t common_prefix(slice a, slice b) {
  size_t i = 0;
  while (i < a.n && i < b.n && a.s[i] == b.s[i]) i++;
  return i;
}

/* Gives each block opened on a standalone line its intrinsic indentation
 * (outer blocks first, so inner ones measure what is left). */
static void settle_blocks(node *nodes, size_t n) {
  for (size_t b = 0; b < n; b++) {
    node *bk = &nodes[b];
    if (bk->kind != N_BLOCK || !bk->standalone) continue;
    slice ind = {NULL, 0}, ws;
    for (size_t k = b + 1; k < bk->end; k++)
      if (nodes[k].ls && line_indent(&nodes[k], &ws))
        ind = ind.s ? (slice){ind.s, common_prefix(ind, ws)} : ws;
    if (!ind.s) continue; /* no lines: the tag's own blanks are the indentation */
    for (size_t k = b + 1; k < bk->end; k++) {
      node *nd = &nodes[k];
      if (!nd->ls) continue;
      line_indent(nd, &ws);
      size_t cut = common_prefix(ind, ws);
      if (nd->kind == N_TEXT) nd->text.s += cut, nd->text.n -= cut;
      else if (nd->standalone) nd->ind.s += cut, nd->ind.n -= cut;
    }
    bk->ind = ind;
  }
}

/* Finds each text node's run (see node.run_end): written at once, a run of
 * a page's static lines is one copy instead of one a line (most of a
 * layout's nodes are such lines). */
static void find_runs(node *nodes, size_t n) {
  for (size_t k = n; k-- > 0;) {
    node *nd = &nodes[k];
    if (nd->kind != N_TEXT) continue;
    nd->run_end = (uint32_t)k + 1;
    nd->run_len = nd->text.n;
    const node *next = k + 1 < n ? &nodes[k + 1] : NULL;
    if (next && next->kind == N_TEXT && next->text.s == nd->text.s + nd->text.n) {
      nd->run_end = next->run_end;
      nd->run_len += next->run_len;
    }
  }
}

/* Compiles src into t's path and nodes, allocating from `a`.  Returns false
 * after reporting every syntax error found. */
static bool compile(arena *a, const char *path, const char *src, size_t len, tmpl *t) {
  char *copy = arena_strndup(a, src, len);
  compiler c = {.a = a, .path = path, .pos = copy, .end = copy + len, .otag = {"{{", 2},
                .ctag = {"}}", 2}, .line = 1};
  if (len >= 3 && memcmp(copy, "\xEF\xBB\xBF", 3) == 0) c.pos += 3; /* UTF-8 byte order mark */
  const char *text = c.pos;
  c.line_start = c.col_at = c.pos;
  c.col = 1;
  while (c.pos < c.end && !c.aborted) {
    bool newline = scan_line(&c);
    emit_line(&c);
    if (newline) {
      c.line++;
      c.line_start = c.pos;
    }
  }
  buf hint = BUF_INIT;
  while (c.depth && !c.aborted) {
    const open_tag *o = &c.stack[--c.depth];
    c.nodes[o->node].end = (uint32_t)c.n;
    if (o->tok.invalid) continue;
    buf close = BUF_INIT;
    buf_clear(&hint);
    buf_printf(&hint, "add '%s' where it ends", closing_of(&close, o));
    cerror(&c, o->tok.line, o->tok.col, buf_cstr(&hint), "'%.*s' is never closed",
           (int)o->tok.tag.n, o->tok.tag.s);
    buf_free(&close);
  }
  buf_free(&hint);
  free(c.toks);
  if (!c.failed) {
    settle_blocks(c.nodes, c.n);
    find_runs(c.nodes, c.n);
    node *nodes = arena_alloc(a, (c.n ? c.n : 1) * sizeof *nodes);
    if (c.n) memcpy(nodes, c.nodes, c.n * sizeof *nodes);
    t->path = path;
    t->src = text;
    t->nodes = nodes;
    t->n = (uint32_t)c.n;
  }
  free(c.nodes);
  return !c.failed;
}

/* ---- the set --------------------------------------------------------------- */

/* Appends the file at `path` to text: 1 when read, 0 when there is none,
 * -1 after reporting why it could not be read. */
static int read_file(const char *path, buf *text) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) return 0;
    diag_system(path, "cannot open template: %s", strerror(errno));
    return -1;
  }
  struct stat st;
  int rc = 1;
  if (fstat(fd, &st) != 0) {
    diag_system(path, "cannot read template: %s", strerror(errno));
    rc = -1;
  } else if (!S_ISREG(st.st_mode)) {
    int at = !S_ISDIR(st.st_mode); /* a folder has no line */
    diag_error(path, at, at, "rename or remove it", "a template must be a regular file");
    rc = -1;
  }
  while (rc == 1) {
    buf_reserve(text, 16384);
    ssize_t got = read(fd, text->data + text->len, text->cap - text->len - 1);
    if (got == 0) break;
    if (got < 0) {
      if (errno == EINTR) continue;
      diag_system(path, "cannot read template: %s", strerror(errno));
      rc = -1;
      break;
    }
    text->len += (size_t)got;
    text->data[text->len] = '\0';
  }
  close(fd);
  if (rc == 1 && !text_check(path, text->data, text->len)) rc = -1;
  return rc;
}

/* tmpl_loader for sets made by tmpl_set_new: `<dir>/<name>.mustache`. */
static int load_from_dirs(void *ctx, const char *name, buf *text, const char **path) {
  tmpl_set *s = ctx;
  for (size_t i = 0; i < s->ndirs; i++) {
    buf_clear(&s->pathbuf);
    buf_printf(&s->pathbuf, "%s.mustache", name);
    if (fsx_rel_has_link(s->dirs[i], buf_cstr(&s->pathbuf))) {
      *path = arena_printf(s->a, "%s/%s", s->dirs[i], buf_cstr(&s->pathbuf));
      diag_error(*path, 1, 1, "copy the file into the site instead of linking to it",
                 "symbolic links are not followed (they could lead out of the site)");
      return -1;
    }
    buf_clear(&s->pathbuf);
    buf_printf(&s->pathbuf, "%s/%s.mustache", s->dirs[i], name);
    int rc = read_file(buf_cstr(&s->pathbuf), text);
    if (rc == 0) continue;
    *path = buf_cstr(&s->pathbuf);
    return rc;
  }
  return 0;
}

static table *table_new(arena *a, size_t cap) {
  table *t = arena_alloc(a, sizeof *t + cap * sizeof *t->slot);
  t->cap = cap;
  for (size_t k = 0; k < cap; k++) atomic_init(&t->slot[k], NULL);
  return t;
}

static tmpl_set *set_new(tmpl_loader load, void *ctx, tmpl_missing missing) {
  tmpl_set *s = xcalloc(1, sizeof *s);
  pthread_mutex_init(&s->lock, NULL);
  s->a = arena_new();
  s->load = load;
  s->load_ctx = ctx;
  s->missing = missing;
  atomic_init(&s->table, table_new(s->a, 64));
  return s;
}

tmpl_set *tmpl_set_new(const char *const *dirs, size_t ndirs) {
  tmpl_set *s = set_new(load_from_dirs, NULL, TMPL_MISSING_ERROR);
  s->load_ctx = s;
  s->dirs = xcalloc(ndirs ? ndirs : 1, sizeof *s->dirs);
  for (size_t i = 0; i < ndirs; i++) s->dirs[i] = arena_strdup(s->a, dirs[i]);
  s->ndirs = ndirs;
  return s;
}

tmpl_set *tmpl_set_new_loader(tmpl_loader load, void *ctx, tmpl_missing missing) {
  return set_new(load, ctx, missing);
}

void tmpl_set_free(tmpl_set *s) {
  if (!s) return;
  pthread_mutex_destroy(&s->lock);
  arena_free(s->a);
  free(s->dirs);
  buf_free(&s->pathbuf);
  free(s);
}

static size_t hash_name(const char *s) {
  uint64_t h = 1469598103934665603ULL; /* FNV-1a */
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
  return (size_t)h;
}

/* The entry of `name` (hashed: h) in t, or NULL; *at gets the slot where
 * the probe stopped.  Safe without the lock: a slot, once set, keeps its
 * entry, which was made whole before (release, acquire). */
static entry *probe(const table *t, const char *name, size_t h, size_t *at) {
  size_t i = h & (t->cap - 1);
  entry *e;
  for (; (e = atomic_load_explicit(&t->slot[i], memory_order_acquire)); i = (i + 1) & (t->cap - 1))
    if (strcmp(e->name, name) == 0) break;
  *at = i;
  return e;
}

/* Makes the table twice as large.  Call with the lock held. */
static void grow_table(tmpl_set *s) {
  const table *old = atomic_load_explicit(&s->table, memory_order_relaxed);
  table *t = table_new(s->a, old->cap * 2);
  for (size_t k = 0; k < old->cap; k++) {
    entry *e = atomic_load_explicit(&old->slot[k], memory_order_relaxed);
    if (!e) continue;
    size_t at;
    (void)probe(t, e->name, hash_name(e->name), &at); /* finds none: the names differ */
    atomic_store_explicit(&t->slot[at], e, memory_order_relaxed);
  }
  atomic_store_explicit(&s->table, t, memory_order_release); /* with its slots */
}

/* The entry of `name` (a valid name, hashed: h), loading and compiling it
 * on first use.  Call with the lock held. */
static entry *find_locked(tmpl_set *s, const char *name, size_t h) {
  table *t = atomic_load_explicit(&s->table, memory_order_relaxed);
  size_t i;
  entry *found = probe(t, name, h, &i);
  if (found) return found;
  entry *e = arena_calloc(s->a, 1, sizeof *e);
  e->name = arena_strdup(s->a, name);
  buf text = BUF_INIT;
  const char *path = NULL;
  int rc = s->load(s->load_ctx, name, &text, &path);
  if (rc > 0) {
    e->t.path = arena_strdup(s->a, path);
    e->t.entry = e;
    e->state = compile(s->a, e->t.path, buf_cstr(&text), text.len, &e->t) ? E_OK : E_INVALID;
  } else {
    e->state = rc == 0 ? E_MISSING : E_INVALID;
    if (rc < 0 && path) e->t.path = arena_strdup(s->a, path); /* the file it could not read (tmpl_failed_in) */
  }
  buf_free(&text);
  atomic_init(&e->deps_done, false);
  atomic_store_explicit(&t->slot[i], e, memory_order_release); /* e made whole */
  if (++s->count * 2 > t->cap) grow_table(s);
  return e;
}

/* The entry of `name`, loaded on first use (find_locked); NULL when it is
 * not a valid name (*why, when not NULL, says why: tmpl_name_valid).  A
 * name the set has looked up before is found without the lock, and not
 * checked again: only valid names are put in the table.  A miss in a table
 * that has grown since is looked up again under the lock. */
static entry *find(tmpl_set *s, const char *name, const char **why) {
  size_t h = hash_name(name), at;
  entry *e = probe(atomic_load_explicit(&s->table, memory_order_acquire), name, h, &at);
  if (e) return e;
  if (!tmpl_name_valid(name, why)) return NULL;
  pthread_mutex_lock(&s->lock);
  e = find_locked(s, name, h);
  pthread_mutex_unlock(&s->lock);
  return e;
}

/* Where a file set looked for `name`, for hints. */
static void looked_for(const tmpl_set *s, const char *name, buf *hint) {
  if (!s->ndirs) {
    buf_printf(hint, "check the template's name");
    return;
  }
  buf_puts(hint, "looked for ");
  for (size_t i = 0; i < s->ndirs; i++)
    buf_printf(hint, "%s%s/%s.mustache", i ? ", " : "", s->dirs[i], name);
}

const tmpl *tmpl_get(tmpl_set *s, const char *name) {
  const char *why = NULL;
  entry *e = find(s, name, &why);
  if (!e) {
    diag_error(NULL, 0, 0, "name templates relative to the layouts folder, like partials/footer",
               "bad template name '%s': %s", name, why);
    return NULL;
  }
  if (e->state == E_MISSING) {
    buf hint = BUF_INIT;
    looked_for(s, name, &hint);
    diag_error(NULL, 0, 0, buf_cstr(&hint), "template '%s' not found", name);
    buf_free(&hint);
  }
  return e->state == E_OK ? &e->t : NULL;
}

bool tmpl_exists(tmpl_set *s, const char *name) {
  const entry *e = find(s, name, NULL);
  return e && e->state != E_MISSING;
}

const char *tmpl_path(const tmpl *t) { return t->path; }
const char *tmpl_source(const tmpl *t) { return t->src; }

const char *tmpl_failed_in(tmpl_set *s, const char *name) {
  const entry *e = find(s, name, NULL);
  return e && e->state == E_INVALID ? e->t.path : NULL;
}

/* Sets root's deps (tmpl_deps).  Call with the lock held. */
static void collect_deps(tmpl_set *s, entry *root) {
  size_t n = 0, cap = 16;
  entry **queue = xrealloc(NULL, cap * sizeof *queue);
  unsigned walk = ++s->walk;
  root->mark = walk;
  queue[n++] = root;
  for (size_t q = 0; q < n; q++) {
    const tmpl *qt = &queue[q]->t;
    for (uint32_t i = 0; i < qt->n; i++) {
      const node *nd = &qt->nodes[i];
      if ((nd->kind != N_PARTIAL && nd->kind != N_PARENT) || nd->dynamic) continue;
      entry *d = find_locked(s, nd->text.s, hash_name(nd->text.s));
      if (d->state != E_OK || d->mark == walk) continue;
      d->mark = walk;
      if (n == cap) queue = xrealloc(queue, (cap *= 2) * sizeof *queue);
      queue[n++] = d;
    }
  }
  root->deps = arena_alloc(s->a, n * sizeof *root->deps);
  for (size_t q = 0; q < n; q++) root->deps[q] = queue[q]->t.path;
  root->ndeps = n;
  atomic_store_explicit(&root->deps_done, true, memory_order_release); /* with deps, ndeps */
  free(queue);
}

size_t tmpl_deps(tmpl_set *s, const tmpl *t, const char *const **paths) {
  entry *root = t->entry;
  if (!atomic_load_explicit(&root->deps_done, memory_order_acquire)) {
    pthread_mutex_lock(&s->lock);
    if (!atomic_load_explicit(&root->deps_done, memory_order_relaxed)) collect_deps(s, root);
    pthread_mutex_unlock(&s->lock);
  }
  *paths = root->deps;
  return root->ndeps;
}

/* ---- rendering ------------------------------------------------------------- */

typedef struct ctx_frame {
  const tval *v;
  const struct ctx_frame *up;
  unsigned depth; /* frames below it (the root's is 0) */
} ctx_frame;

typedef struct indent {
  slice s;
  const struct indent *up; /* written before this one */
  bool blank;              /* this and every one before it are empty */
} indent;

/* True when `ind` writes nothing (no indentation, or empty ones only). */
static bool blank(const indent *ind) { return !ind || ind->blank; }

/* A parent tag being rendered: its block children override the parent's. */
typedef struct scope {
  const tmpl *t;
  const node *parent;
  const struct scope *up;
} scope;

/* Most lookups a kept partial may depend on (tmpl_memo.h). */
#define MEMO_DEPS 64

/* A partial being rendered to be kept in the memo: the lookups answered
 * by the frames it was included in (or by none), and whether what they
 * found may be kept. */
typedef struct {
  unsigned base; /* depth of the frame the partial was included in */
  bool bad;      /* something found is not stable, or too much was */
  uint32_t ndeps;
  tmpl_memo_dep deps[MEMO_DEPS];
} recording;

typedef struct {
  tmpl_set *set;
  buf *out;
  const char *page;
  int depth, max_depth; /* includes deep now, and the most since max_depth was last set */
  bool failed, stop;
  const char *failed_in; /* the file of the first error (tmpl_render_blame) */
  tmpl_memo *memo; /* NULL: nothing is kept */
  recording *rec;  /* the partial being kept, if any (they do not nest) */
} render_state;

/* Rendering has failed, for an error in the file `in` (NULL: none known). */
static void fail(render_state *r, const char *in) {
  if (!r->failed) r->failed_in = in;
  r->failed = true;
}

static void rerror(render_state *r, const tmpl *t, const node *nd, const char *hint, const char *fmt,
                   ...) __attribute__((format(printf, 5, 6)));
static void rerror(render_state *r, const tmpl *t, const node *nd, const char *hint, const char *fmt,
                   ...) {
  buf m = BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  buf_vprintf(&m, fmt, ap);
  va_end(ap);
  if (r->page) buf_printf(&m, " (rendering %s)", r->page);
  diag_error(t->path, nd->line, nd->col, hint, "%s", buf_cstr(&m));
  buf_free(&m);
  fail(r, t->path);
}

static void put_indent(buf *out, const indent *ind) {
  if (!ind) return;
  put_indent(out, ind->up);
  buf_put(out, ind->s.s, ind->s.n);
}

/* The value the first `parts` parts of nd's name name: the first part in
 * the innermost frame that has it (*found; NULL: none has), the others
 * inside that; *first gets the first part's value. */
static inline __attribute__((always_inline)) const tval *
find_name(const ctx_frame *cx, const node *nd, uint32_t parts, const ctx_frame **found, const tval **first) {
  const tval *v = cx->v;
  *found = cx;
  if (nd->nparts) {
    uint32_t at = atomic_load_explicit(&nd->hints[0], memory_order_relaxed), was = at;
    for (v = NULL; *found; *found = (*found)->up)
      if ((v = tv_getk_at((*found)->v, &nd->parts[0], &at))) break;
    if (at != was) atomic_store_explicit(&nd->hints[0], at, memory_order_relaxed);
    *first = v;
    for (uint32_t i = 1; v && i < parts; i++) {
      at = was = atomic_load_explicit(&nd->hints[i], memory_order_relaxed);
      v = tv_getk_at(v, &nd->parts[i], &at);
      if (at != was) atomic_store_explicit(&nd->hints[i], at, memory_order_relaxed);
    }
  }
  return v;
}

/* True when the first `parts` parts of a's and b's names (both have as
 * many) are the same: looked up from the same frames, they find the same. */
static bool same_name(const node *a, const node *b, uint32_t parts) {
  if (a == b) return true;
  for (uint32_t i = 0; i < parts; i++) {
    const tv_key *x = &a->parts[i], *y = &b->parts[i];
    if (x->head != y->head || x->n != y->n || (x->n > 8 && memcmp(x->s + 8, y->s + 8, x->n - 8) != 0))
      return false;
  }
  return true;
}

/* While a partial is kept: nd's lookup, answered in `found` (NULL:
 * nowhere), found v (first: its first part's value).  Answers from frames
 * the partial's own sections made follow from values that cannot change
 * (the sections' values are stable); any other is a dependency: of the
 * first part alone when that is stable (the rest follows from it), else of
 * the whole name, which must have found a stable value. */
static __attribute__((noinline)) void track(recording *rec, const ctx_frame *found, const node *nd,
                                            const tval *v, const tval *first) {
  if (found && found->depth > rec->base) return;
  uint32_t parts = nd->nparts;
  if (parts > 1 && tv_stable(first)) {
    parts = 1;
    v = first;
  }
  if (!tv_stable(v)) {
    rec->bad = true;
    return;
  }
  for (uint32_t i = 0; i < rec->ndeps; i++)
    if (rec->deps[i].parts == parts && same_name(rec->deps[i].tag, nd, parts)) return;
  if (rec->ndeps == MEMO_DEPS) rec->bad = true;
  else rec->deps[rec->ndeps++] = (tmpl_memo_dep){nd, parts, v};
}

/* The value nd's name names (see find_name).  Inline where tags are
 * rendered: the call was about 9 of a lookup's 110 instructions.  What a
 * recording adds (track) stays a call: most lookups record nothing. */
static inline __attribute__((always_inline)) const tval *lookup(render_state *r, const ctx_frame *cx,
                                                                const node *nd) {
  const ctx_frame *found;
  const tval *first = NULL, *v = find_name(cx, nd, nd->nparts, &found, &first);
  if (r->rec) track(r->rec, found, nd, v, first);
  return v;
}

/* The shortest text that reads back as d; integers without a decimal point. */
static int format_number(double d, char out[32]) {
  if (d == 0) return snprintf(out, 32, "0"); /* also -0 */
  if (d == floor(d) && fabs(d) < 9007199254740992.0) { /* an integer double: digits by hand (counts, page
                                                         numbers: snprintf was 5 % of a build) */
    uint64_t u = (uint64_t)fabs(d);
    char tmp[24];
    int n = 0, k = 0;
    do tmp[n++] = (char)('0' + u % 10); while ((u /= 10) != 0);
    if (d < 0) out[k++] = '-';
    while (n) out[k++] = tmp[--n];
    out[k] = '\0';
    return k;
  }
  if (d == floor(d) && fabs(d) < 1e17) return snprintf(out, 32, "%.0f", d);
  int n = 0;
  for (int prec = 1; prec <= 17; prec++) {
    n = snprintf(out, 32, "%.*g", prec, d);
    if (strtod(out, NULL) == d) break;
  }
  return n;
}

static void put_value(buf *out, const tval *v, bool escape) {
  if (!v) return;
  switch (v->kind) {
    case TV_BOOL: buf_puts(out, v->u.b ? "true" : "false"); break;
    case TV_NUM: {
      char num[32];
      buf_put(out, num, (size_t)format_number(v->u.num, num));
      break;
    }
    case TV_STR:
      if (escape && !v->plain) esc_html(out, v->u.str.s, v->u.str.len);
      else buf_put(out, v->u.str.s, v->u.str.len);
      break;
    case TV_HTML: buf_put(out, v->u.str.s, v->u.str.len); break;
    case TV_NULL:
    case TV_LIST:
    case TV_MAP: break;
  }
}

static const char *include_kind(const node *nd) {
  return nd->kind == N_PARTIAL ? "partial" : nd->kind == N_PARENT ? "parent template" : "block";
}

/* Counts one more level of partials, parents and blocks; false (reported,
 * rendering stops) past TMPL_MAX_DEPTH. */
static bool enter(render_state *r, const tmpl *t, const node *nd, const char *name) {
  if (r->depth < TMPL_MAX_DEPTH) {
    if (++r->depth > r->max_depth) r->max_depth = r->depth;
    return true;
  }
  rerror(r, t, nd, "a template includes itself without end; put the inclusion in a section that ends",
         "%s '%s' nested more than %d deep", include_kind(nd), name, TMPL_MAX_DEPTH);
  r->stop = true;
  return false;
}

/* The template a partial or parent tag names, or NULL (reported when that
 * is an error). */
static const tmpl *resolve(render_state *r, const tmpl *t, const node *nd, const ctx_frame *cx) {
  char dyn[256];
  const char *name = nd->text.s, *why = NULL;
  if (nd->dynamic) {
    const tval *v = lookup(r, cx, nd);
    if (!v || v->kind != TV_STR) return NULL; /* the spec renders nothing */
    size_t n = v->u.str.len;
    if (n >= sizeof dyn || memchr(v->u.str.s, '\0', n)) {
      rerror(r, t, nd, "name templates relative to the layouts folder, like partials/footer",
             "bad template name in '%s': it is too long", nd->text.s);
      return NULL;
    }
    memcpy(dyn, v->u.str.s, n);
    dyn[n] = '\0';
    name = dyn;
  }
  entry *e = nd->included ? atomic_load_explicit(nd->included, memory_order_acquire) : NULL;
  if (!e) {
    e = find(r->set, name, &why);
    if (!e) { /* a dynamic name: static ones were checked when compiled */
      rerror(r, t, nd, "name templates relative to the layouts folder, like partials/footer",
             "bad template name '%s' in '%s': %s", name, nd->text.s, why);
      return NULL;
    }
    if (nd->included) atomic_store_explicit(nd->included, e, memory_order_release);
  }
  if (e->state == E_OK) return &e->t;
  if (e->state == E_INVALID) fail(r, e->t.path); /* reported when it was compiled (or read) */
  else if (r->set->missing == TMPL_MISSING_ERROR) {
    buf hint = BUF_INIT;
    looked_for(r->set, name, &hint);
    rerror(r, t, nd, buf_cstr(&hint), "%s '%s' not found", include_kind(nd), name);
    buf_free(&hint);
  }
  return NULL;
}

static void render_range(render_state *r, const tmpl *t, uint32_t from, uint32_t to,
                         const ctx_frame *cx, const indent *ind, const scope *sc);

/* The block that overrides `name`: the outermost parent tag's wins. */
static const node *find_override(const scope *sc, slice name, const tmpl **in) {
  const node *found = NULL;
  for (; sc; sc = sc->up) {
    const node *nodes = sc->t->nodes;
    for (uint32_t k = (uint32_t)(sc->parent - nodes) + 1; k < sc->parent->end;) {
      const node *nd = &nodes[k];
      if (nd->kind == N_BLOCK && slice_eq(nd->text, name)) {
        found = nd;
        *in = sc->t;
      }
      k = nd->end > k ? nd->end : k + 1;
    }
  }
  return found;
}

static void render_section(render_state *r, const tmpl *t, uint32_t i, const ctx_frame *cx,
                           const indent *ind, const scope *sc) {
  const node *nd = &t->nodes[i];
  const tval *v = lookup(r, cx, nd);
  if (nd->kind == N_INVERTED) {
    if (!tv_truthy(v)) render_range(r, t, i + 1, nd->end, cx, ind, sc);
    return;
  }
  if (!tv_truthy(v)) return;
  if (v->kind != TV_LIST) {
    ctx_frame f = {v, cx, cx->depth + 1};
    render_range(r, t, i + 1, nd->end, &f, ind, sc);
    return;
  }
  for (size_t k = 0; k < v->u.list.n && !r->stop; k++) {
    ctx_frame f = {v->u.list.items[k] ? v->u.list.items[k] : &tv_null_value, cx, cx->depth + 1};
    render_range(r, t, i + 1, nd->end, &f, ind, sc);
  }
}

static void include_now(render_state *r, const tmpl *t, uint32_t i, const ctx_frame *cx,
                        const indent *ind, const scope *sc) {
  const node *nd = &t->nodes[i];
  const tmpl *inc = resolve(r, t, nd, cx);
  if (!inc || !enter(r, t, nd, inc->entry->name)) return;
  indent own = {nd->ind, ind, nd->ind.n == 0 && blank(ind)};
  scope args = {t, nd, sc};
  render_range(r, inc, 0, inc->n, cx, nd->standalone ? &own : NULL,
               nd->kind == N_PARENT ? &args : sc);
  r->depth--;
}

/* A kept variant of e whose dependencies find what they found then, each
 * looked up once however many variants name it; NULL when none does. */
static const tmpl_memo_variant *kept(const tmpl_memo_entry *e, const ctx_frame *cx) {
  tmpl_memo_dep seen[MEMO_DEPS];
  uint32_t nseen = 0;
  for (uint32_t k = 0; k < e->nvar; k++) {
    const tmpl_memo_variant *v = &e->var[k];
    uint32_t d = 0;
    for (; d < v->ndeps; d++) {
      const tmpl_memo_dep *dep = &v->deps[d];
      uint32_t s = 0;
      while (s < nseen && !(seen[s].tag == dep->tag && seen[s].parts == dep->parts)) s++;
      const void *found = s < nseen ? seen[s].value : NULL;
      if (s == nseen) {
        const ctx_frame *at;
        const tval *first;
        found = find_name(cx, dep->tag, dep->parts, &at, &first);
        if (nseen < MEMO_DEPS) seen[nseen++] = (tmpl_memo_dep){dep->tag, dep->parts, found};
      }
      if (found != dep->value) break;
    }
    if (d == v->ndeps) return v;
  }
  return NULL;
}

/* A static partial with no indentation to write, through the memo: the
 * bytes of a kept variant whose dependencies hold, else rendered and kept
 * when everything it read outside its own sections was stable (no errors,
 * no blocks).  A partial that misses most of the time (one that shows the
 * page's own data) is no longer tried; one that keeps reading what cannot
 * be kept (the same layout on another kind of page) is not tried for a
 * while. */
#define MEMO_STREAK 4
#define MEMO_SKIP 64
static void include_memo(render_state *r, const tmpl *t, uint32_t i, const ctx_frame *cx,
                         const indent *ind, const scope *sc) {
  tmpl_memo_entry *e = tmpl_memo_entry_of(r->memo, &t->nodes[i]);
  if (e->off || e->skip) {
    if (e->skip) e->skip--;
    include_now(r, t, i, cx, ind, sc);
    return;
  }
  const tmpl_memo_variant *v = kept(e, cx);
  if (v && r->depth + (int)v->depth <= TMPL_MAX_DEPTH) {
    buf_put(r->out, v->bytes, v->len);
    e->hits++;
    e->streak = 0;
    return;
  }
  if (++e->misses >= 16 && e->hits * 4 < e->misses) e->off = true;
  recording rec = {.base = cx->depth};
  size_t start = r->out->len;
  int max = r->max_depth;
  r->max_depth = r->depth;
  r->rec = &rec;
  include_now(r, t, i, cx, ind, sc);
  r->rec = NULL;
  unsigned depth = (unsigned)(r->max_depth - r->depth);
  if (max > r->max_depth) r->max_depth = max;
  if (!rec.bad && !r->failed && !r->stop &&
      tmpl_memo_keep(r->memo, e, rec.deps, rec.ndeps, depth, r->out->data + start, r->out->len - start)) {
    e->streak = 0;
  } else if (++e->streak == MEMO_STREAK) { /* a recording that is no use, or no room: back off */
    e->streak = 0;
    e->skip = MEMO_SKIP;
  }
}

static void render_include(render_state *r, const tmpl *t, uint32_t i, const ctx_frame *cx,
                           const indent *ind, const scope *sc) {
  const node *nd = &t->nodes[i];
  if (r->memo && !r->rec && nd->kind == N_PARTIAL && !nd->dynamic && nd->ind.n == 0 && blank(ind))
    include_memo(r, t, i, cx, ind, sc);
  else
    include_now(r, t, i, cx, ind, sc);
}

static void render_block(render_state *r, const tmpl *t, uint32_t i, const ctx_frame *cx,
                         const indent *ind, const scope *sc) {
  const node *nd = &t->nodes[i];
  if (r->rec) r->rec->bad = true; /* what a block writes depends on the parents being rendered */
  indent own = {nd->ind, ind, nd->ind.n == 0 && blank(ind)};
  const indent *in = nd->standalone ? &own : ind;
  const tmpl *ot = NULL;
  const node *ov = find_override(sc, nd->text, &ot);
  if (!ov) {
    render_range(r, t, i + 1, nd->end, cx, in, sc);
    return;
  }
  if (!enter(r, t, nd, nd->text.s)) return;
  uint32_t first = (uint32_t)(ov - ot->nodes) + 1;
  /* content that starts inside its line still starts a line here */
  if (nd->standalone && first < ov->end && !ot->nodes[first].ls) put_indent(r->out, in);
  render_range(r, ot, first, ov->end, cx, in, sc);
  r->depth--;
}

/* Only entering an include can stop rendering (r->stop): it is checked
 * after the nodes that include, not at every node. */
static void render_range(render_state *r, const tmpl *t, uint32_t from, uint32_t to,
                         const ctx_frame *cx, const indent *ind, const scope *sc) {
  bool flush = blank(ind); /* no indentation to write: text runs go at once */
  for (uint32_t i = from; i < to;) {
    const node *nd = &t->nodes[i];
    if (nd->bol && !flush) put_indent(r->out, ind);
    switch (nd->kind) {
      case N_TEXT:
        if (flush && nd->run_end <= to) {
          buf_put(r->out, nd->text.s, nd->run_len);
          i = nd->run_end;
          continue;
        }
        buf_put(r->out, nd->text.s, nd->text.n);
        i++;
        continue;
      case N_VAR:
      case N_RAW: put_value(r->out, lookup(r, cx, nd), nd->kind == N_VAR); i++; continue;
      case N_SECTION:
      case N_INVERTED: render_section(r, t, i, cx, ind, sc); break;
      case N_PARTIAL:
      case N_PARENT: render_include(r, t, i, cx, ind, sc); break;
      case N_BLOCK: render_block(r, t, i, cx, ind, sc); break;
    }
    if (r->stop) return;
    i = nd->kind == N_PARTIAL ? i + 1 : nd->end;
  }
}

/* Renders t (tmpl_render_memo); *failed_in as tmpl_render_blame sets it. */
static int render(tmpl_set *s, const tmpl *t, const tval *ctx, buf *out, const char *page, tmpl_memo *memo,
                  const char **failed_in) {
  render_state r = {.set = s, .out = out, .page = page, .memo = memo};
  ctx_frame root = {ctx ? ctx : &tv_null_value, NULL, 0};
  render_range(&r, t, 0, t->n, &root, NULL, NULL);
  *failed_in = r.failed_in;
  return r.failed ? -1 : 0;
}

int tmpl_render_memo(tmpl_set *s, const tmpl *t, const tval *ctx, buf *out, const char *page,
                     tmpl_memo *memo) {
  const char *failed_in;
  return render(s, t, ctx, out, page, memo, &failed_in);
}

int tmpl_render_blame(tmpl_set *s, const tmpl *t, const tval *ctx, buf *out, const char *page,
                      const char **failed_in) {
  return render(s, t, ctx, out, page, NULL, failed_in);
}

int tmpl_render(tmpl_set *s, const tmpl *t, const tval *ctx, buf *out, const char *page) {
  return tmpl_render_memo(s, t, ctx, out, page, NULL);
}

int tmpl_render_str(tmpl_set *s, const char *path, const char *src, size_t len, const tval *ctx,
                    buf *out, const char *page) {
  arena *a = arena_new();
  tmpl t = {0};
  int rc = compile(a, path, src, len, &t) ? tmpl_render(s, &t, ctx, out, page) : -1;
  arena_free(a);
  return rc;
}

/* check_html: the inspection rules read from a built folder of HTML (see
 * check.h) — what an inspector's crawler sees: internal links, #anchors,
 * images, stylesheets and scripts, attachments, alt text, the footer's
 * identification data, the inspection meta tags, the viewport (移动端适配,
 * and 适老化: it lets readers zoom in; the last viewport tag, the one
 * browsers use, and one tag more is a warning) and the home page's search
 * form (站内搜索) — these said at the layout that dropped them
 * (check_layout.c).
 *
 * A small tag tokenizer (comments, doctype, start and end tags with their
 * attributes, raw-text elements) is enough for what is checked here and
 * keeps every position as line:column in code points; text content is
 * looked at only inside <footer>.  Two passes: every page's ids first (the
 * targets of #anchors), then every page's references — each address
 * resolved once however many pages write it (resolve), each page's own
 * still said at its place.  The same tokenizer reads an alias redirect's
 * meta refresh for the build (check_refreshes_to), and a built page's ids
 * for the build's check of its in-page links (check_page_ids). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "check.h"
#include "cjk.h"
#include "diag.h"
#include "escape.h"
#include "fsx.h"
#include "own_pages.h"
#include "pager.h"
#include "review_site.h"
#include "url.h"

typedef enum { REF_A, REF_IMG, REF_ASSET } ref_kind;

typedef struct {
  ref_kind kind;
  const char *url;
  int line, col;
  bool in_footer;
} ref;

/* A <form> of the home page: the site search is one of them. */
typedef struct {
  const char *action; /* NULL: none */
  bool search_role;   /* role="search" */
  int line, col;
} form;

typedef struct {
  const char *rel;  /* path below the folder: "news/a/index.html" */
  const char *path; /* as messages show it */
  strmap *ids;
  ref *refs;
  size_t nrefs, cap;
  strmap *meta;     /* name → content */
  int head_line, head_col;
  int footer_line, footer_col; /* the last <footer> (the page's own comes last); 0: none */
  const char *footer_text;     /* raw HTML of every <footer> element, one after the other */
  bool redirect;
  const char *viewport;        /* the last viewport meta tag's content, the one browsers use; NULL: none */
  int viewport_line, viewport_col;
  int viewports;               /* how many viewport meta tags the page has */
  int again_line, again_col;   /* where the second one is */
  int header_line, header_col; /* the first <header>; 0: none */
  form *forms;                 /* the home page's (index.html) only */
  size_t nforms;
} doc;

/* What every built page lacks because site.yaml does not fill a value in
 * (config_unfilled reports the key there, govpub check files it under
 * 网站标识): one item at the key with the number of pages, not an item
 * on each page.  A page that lacks what site.yaml gives (a layout that
 * drops it) is the page's own item. */
static const struct { const char *parent, *key; } cause_keys[] = {
    {NULL, "title"},          {NULL, "base_url"},  {"footer", "sponsor"}, {"footer", "contact"},
    {"footer", "site_code"},  {"footer", "icp"},   {"footer", "psb"},     {"footer", "dzjg_img"},
    {"footer", "correction_url"}};
#define NCAUSES (sizeof cause_keys / sizeof *cause_keys)

typedef struct {
  const yx_node *at; /* where site.yaml misses the value (config_unfilled_at); NULL: filled in */
  const char *what[2]; /* what the pages lack: a footer item, a meta tag */
  size_t pages;
  bool on_page; /* the page being checked lacks it */
} cause;

typedef struct {
  arena *a;
  check_report *r;
  site *s;
  const struct catalog *cat; /* may be NULL */
  const char *root;
  doc *docs;
  size_t ndocs, cap;
  strmap *by_rel; /* rel → doc */
  strmap *kinds;  /* path below root → FILE_KIND_* + 1, for paths looked at before: every
                     page names the same menu, footer and asset addresses */
  strmap *links;  /* link_key → link_target: each address resolved once (resolve) */
  buf key;        /* link_key's, reused */
  cause causes[NCAUSES];
  check_layouts *layouts; /* the templates pages come from: made when a page fails a layout's rule */
  strmap *column_lacks; /* a column's _index.md (src) → its list pages without ColumnDescription, ColumnKeywords */
  struct layout_group *groups; /* pages failing a viewport rule, one group per rule and template */
  size_t ngroups;
} crawl;

enum { KIND_NONE = 1, KIND_FILE, KIND_DIR };

/* What `rel` (below the crawled folder) is: looked up once per path. */
static int kind_of(crawl *cr, const char *rel) {
  if (!cr->kinds) cr->kinds = strmap_new(cr->a);
  uintptr_t k = (uintptr_t)strmap_get(cr->kinds, rel);
  if (k) return (int)k;
  const char *path = path_join(cr->a, cr->root, rel);
  k = fsx_is_file(path) ? KIND_FILE : fsx_is_dir(path) ? KIND_DIR : KIND_NONE;
  strmap_put(cr->kinds, arena_strdup(cr->a, rel), (void *)k);
  return (int)k;
}

/* ---- tokenizing ------------------------------------------------------------ */

typedef struct {
  const char *text, *line_start, *at;
  int line;
  int col; /* the column of `at` (1-based, code points): positions only move forward */
} cursor;

/* Code points in s[0..n): the bytes that do not continue a sequence
 * (10xxxxxx), counted eight at a time: a 1 in each continuation byte's
 * low bit, summed by one multiplication (the top byte of the product;
 * __builtin_popcountll is a call into libgcc without -mpopcnt). */
static int count_chars(const char *s, size_t n) {
  size_t i = 0, cont = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    uint64_t ones = (w & ~(w << 1) & 0x8080808080808080u) >> 7; /* bit 7 set, bit 6 clear */
    cont += (size_t)((ones * 0x0101010101010101u) >> 56);
  }
  for (; i < n; i++) cont += ((unsigned char)s[i] & 0xC0) == 0x80;
  return (int)(n - cont);
}

/* Position of p (at or after c->at), counted from the last position asked
 * for, not from the line's start: a page's paragraphs are long lines. */
static void pos(cursor *c, const char *p, int *line, int *col) {
  const char *nl;
  while ((nl = memchr(c->at, '\n', (size_t)(p - c->at)))) {
    c->line++;
    c->at = c->line_start = nl + 1;
    c->col = 1;
  }
  c->col += count_chars(c->at, (size_t)(p - c->at));
  c->at = p;
  *line = c->line;
  *col = c->col;
}

static bool is_space(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f'; }

static int hexval(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

/* The numeric character reference at s[i] ("&#NN;", "&#xHH;", the ';'
 * optional as browsers read it) written to b as UTF-8 — U+FFFD for 0,
 * a surrogate or a value past U+10FFFF — and the index of its last byte;
 * i itself when s[i] starts none. */
static size_t put_numeric_ref(buf *b, const char *s, size_t n, size_t i) {
  size_t j = i + 2;
  bool hex = j < n && (s[j] == 'x' || s[j] == 'X');
  j += hex;
  uint32_t cp = 0;
  size_t from = j;
  for (; j < n; j++) {
    int d = hex ? hexval(s[j]) : s[j] >= '0' && s[j] <= '9' ? s[j] - '0' : -1;
    if (d < 0) break;
    cp = cp > 0x10FFFF ? cp : cp * (hex ? 16 : 10) + (uint32_t)d; /* past U+10FFFF it stays past */
  }
  if (j == from) return i;
  char u[4];
  buf_put(b, u, utf8_encode(cp ? cp : 0xFFFD, u));
  return j < n && s[j] == ';' ? j : j - 1;
}

/* The attribute value decoded (&amp; &lt; &gt; &quot; &#39; &apos; and
 * the numeric references &#NN; &#xHH;). */
static const char *decode(arena *a, const char *s, size_t n) {
  if (!memchr(s, '&', n)) return arena_strndup(a, s, n); /* most values: nothing to decode */
  buf b = BUF_INIT;
  for (size_t i = 0; i < n; i++) {
    if (s[i] != '&') {
      buf_putc(&b, s[i]);
      continue;
    }
    if (i + 1 < n && s[i + 1] == '#') {
      size_t last = put_numeric_ref(&b, s, n, i);
      if (last != i) {
        i = last;
        continue;
      }
    }
    static const struct { const char *e; char c; } ents[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&apos;", '\''}};
    bool done = false;
    for (size_t k = 0; k < sizeof ents / sizeof *ents && !done; k++) {
      size_t el = strlen(ents[k].e);
      if (i + el <= n && strncmp(s + i, ents[k].e, el) == 0) buf_putc(&b, ents[k].c), i += el - 1, done = true;
    }
    if (!done) buf_putc(&b, '&');
  }
  const char *out = arena_strndup(a, b.data ? b.data : "", b.len);
  buf_free(&b);
  return out;
}

/* A tag's attributes as they stand in the page (the first 32 with a name):
 * nothing is copied until a rule asks for a value (attr). */
typedef struct {
  arena *a;
  const char *name[32], *val[32];
  size_t name_len[32], val_len[32];
  size_t n;
} attrs;

/* The value of the attribute `name` (any letter case), decoded, in the
 * arena; NULL when the tag has none. */
static const char *attr(const attrs *at, const char *name) {
  size_t n = strlen(name);
  for (size_t i = 0; i < at->n; i++)
    if (at->name_len[i] == n && strncasecmp(at->name[i], name, n) == 0) return decode(at->a, at->val[i], at->val_len[i]);
  return NULL;
}

/* Parses attributes from p up to the tag's '>'; returns the position after it. */
static const char *read_attrs(const char *p, attrs *at) {
  at->n = 0;
  for (;;) {
    while (is_space(*p) || *p == '/') p++;
    if (!*p || *p == '>') return *p ? p + 1 : p;
    const char *nm = p;
    while (*p && !is_space(*p) && *p != '>' && *p != '=' && *p != '/') p++;
    size_t nl = (size_t)(p - nm);
    while (is_space(*p)) p++;
    const char *v = "";
    size_t vl = 0;
    if (*p == '=') {
      p++;
      while (is_space(*p)) p++;
      if (*p == '"' || *p == '\'') {
        char q = *p++;
        v = p;
        const char *e = strchr(p, q);
        p = e ? e : p + strlen(p);
        vl = (size_t)(p - v);
        if (*p) p++;
      } else {
        v = p;
        while (*p && !is_space(*p) && *p != '>') p++;
        vl = (size_t)(p - v);
      }
    }
    if (at->n < 32 && nl) {
      at->name[at->n] = nm, at->name_len[at->n] = nl;
      at->val[at->n] = v, at->val_len[at->n] = vl;
      at->n++;
    }
  }
}

static void add_ref(crawl *cr, doc *d, ref_kind k, const char *url, int line, int col, bool in_footer) {
  if (!url) return;
  if (d->nrefs == d->cap) {
    d->cap = d->cap ? 2 * d->cap : 32;
    d->refs = arena_grow(cr->a, d->refs, d->nrefs, d->cap, sizeof *d->refs);
  }
  d->refs[d->nrefs++] = (ref){k, url, line, col, in_footer};
}

/* A <source>'s address: src (audio, video), else the first candidate of its
 * srcset (<picture>: a chart's phone version), the URL up to white space. */
static const char *source_url(arena *a, const attrs *at) {
  const char *src = attr(at, "src"), *set = attr(at, "srcset");
  if (src || !set) return src;
  while (is_space(*set)) set++;
  size_t n = 0;
  while (set[n] && !is_space(set[n])) n++;
  if (n && set[n - 1] == ',') n--;
  return arena_strndup(a, set, n);
}

/* The elements the rules look at; any other is EL_OTHER. */
typedef enum {
  EL_OTHER, EL_A, EL_IMG, EL_LINK, EL_SCRIPT, EL_SOURCE, EL_META, EL_HEAD, EL_HEADER, EL_FORM, EL_FOOTER,
  EL_STYLE, EL_TEXTAREA, EL_TITLE
} element;

static const struct {
  const char *name; /* lower case */
  size_t len;
} elements[] = {
#define E(el, name) [el] = {name, sizeof name - 1}
    E(EL_A, "a"),           E(EL_IMG, "img"),       E(EL_LINK, "link"),   E(EL_SCRIPT, "script"),
    E(EL_SOURCE, "source"), E(EL_META, "meta"),     E(EL_HEAD, "head"),   E(EL_HEADER, "header"),
    E(EL_FORM, "form"),     E(EL_FOOTER, "footer"), E(EL_STYLE, "style"), E(EL_TEXTAREA, "textarea"),
    E(EL_TITLE, "title")
#undef E
};
#define NELEMENTS (sizeof elements / sizeof *elements)

/* The element a tag name p[0..n) names, in any letter case: once a tag,
 * not once for each element a rule asks about. */
static element element_of(const char *p, size_t n) {
  enum { LENGTHS = 1u << 1 | 1u << 3 | 1u << 4 | 1u << 5 | 1u << 6 | 1u << 8 }; /* of the names above */
  if (n > 8 || !(LENGTHS >> n & 1)) return EL_OTHER; /* li, ul, td, …: most tags of a list */
  for (size_t e = 1; e < NELEMENTS; e++) {
    if (elements[e].len != n) continue;
    size_t i = 0;
    while (i < n && (p[i] >= 'A' && p[i] <= 'Z' ? p[i] - 'A' + 'a' : p[i]) == elements[e].name[i]) i++;
    if (i == n) return (element)e;
  }
  return EL_OTHER;
}

/* A tag as next_tag finds it. */
typedef struct {
  const char *lt;    /* its '<' */
  const char *attrs; /* just after its name: its attributes, up to its '>' */
  element el;
  bool end; /* an end tag (</…>) */
} tag;

/* The first tag at or after p; false when there is none.  Comments,
 * <!…> and <?…> are passed over, and so is a '<' that starts no tag. */
static bool next_tag(const char *p, tag *t) {
  for (p = strchr(p, '<'); p; p = strchr(p, '<')) {
    if (p[1] == '!' && p[2] == '-' && p[3] == '-') {
      const char *e = strstr(p + 4, "-->");
      p = e ? e + 3 : p + strlen(p);
      continue;
    }
    if (p[1] == '!' || p[1] == '?') {
      const char *e = strchr(p, '>');
      p = e ? e + 1 : p + strlen(p);
      continue;
    }
    bool end = p[1] == '/';
    const char *nm = p + 1 + end, *q = nm;
    while (*q && !is_space(*q) && *q != '>' && *q != '/') q++;
    size_t nl = (size_t)(q - nm);
    if (!nl || !((*nm >= 'a' && *nm <= 'z') || (*nm >= 'A' && *nm <= 'Z'))) {
      p++;
      continue;
    }
    *t = (tag){p, q, element_of(nm, nl), end};
    return true;
  }
  return false;
}

/* Where reading goes on after end tag t. */
static const char *past_end_tag(const tag *t) {
  const char *e = strchr(t->attrs, '>');
  return e ? e + 1 : t->attrs + strlen(t->attrs);
}

/* Where reading goes on after the start tag of el whose attributes end at
 * `after`: a raw-text element's content (script, style, textarea, title)
 * is no tags, passed over up to its end tag. */
static const char *past_start_tag(element el, const char *after) {
  if (el != EL_SCRIPT && el != EL_STYLE && el != EL_TEXTAREA && el != EL_TITLE) return after;
  const char *e = after, *raw = elements[el].name;
  size_t rl = elements[el].len;
  while ((e = strstr(e, "</")) && strncasecmp(e + 2, raw, rl) != 0) e += 2;
  return e ? e : after + strlen(after);
}

/* The ids a start tag gives the page, the targets of #anchors: its id, and
 * an <a>'s name (HTML's fragment rule); into ids[0..2), how many. */
static size_t tag_ids(const attrs *at, element el, const char *ids[2]) {
  size_t n = 0;
  const char *id = attr(at, "id"), *name = el == EL_A ? attr(at, "name") : NULL;
  if (id && *id) ids[n++] = id;
  if (name && *name) ids[n++] = name;
  return n;
}

static void parse(crawl *cr, doc *d, const char *text) {
  cursor c = {text, text, text, 1, 1};
  const char *footer_start = NULL; /* inside a <footer> since here */
  int depth = 0;                   /* of nested <footer> elements */
  buf foot = BUF_INIT;
  tag t;
  for (const char *next = text; next_tag(next, &t);) {
    const char *p = t.lt;
    element el = t.el;
    if (t.end) {
      if (el == EL_FOOTER && depth > 0 && --depth == 0) {
        buf_put(&foot, footer_start, (size_t)(p - footer_start));
        footer_start = NULL;
      }
      next = past_end_tag(&t);
      continue;
    }
    attrs at;
    at.a = cr->a;
    const char *after = read_attrs(t.attrs, &at);
    bool in_footer = depth > 0;
    const char *ids[2];
    for (size_t k = tag_ids(&at, el, ids); k-- > 0;) strmap_put(d->ids, ids[k], (void *)ids[k]);
    int line = 0, col = 0;
    if (el != EL_OTHER) pos(&c, p, &line, &col); /* only where a rule may say it */
    if (el == EL_A) {
      add_ref(cr, d, REF_A, attr(&at, "href"), line, col, in_footer);
    } else if (el == EL_IMG) {
      const char *src = attr(&at, "src"), *alt = attr(&at, "alt");
      add_ref(cr, d, REF_IMG, src, line, col, in_footer);
      size_t k = 0;
      while (alt && is_space(alt[k])) k++;
      if (!alt || !alt[k])
        check_add(cr->r, CHECK_ERROR, "alt", d->path, line, col,
                  "describe the image in its alt attribute (in Markdown: ![描述](…)); GB/T 37668 and the checklist "
                  "ask for a text alternative of every image",
                  "image \"%s\" has no alt text", src ? src : "");
    } else if (el == EL_LINK || el == EL_SCRIPT || el == EL_SOURCE) {
      const char *rel = attr(&at, "rel");
      if (!rel || strcasecmp(rel, "canonical") != 0)
        add_ref(cr, d, REF_ASSET,
                el == EL_LINK ? attr(&at, "href") : el == EL_SOURCE ? source_url(cr->a, &at) : attr(&at, "src"), line, col,
                in_footer);
    } else if (el == EL_META) {
      const char *n = attr(&at, "name"), *eq = attr(&at, "http-equiv"), *content = attr(&at, "content");
      if (n) strmap_put(d->meta, n, (void *)(content ? content : ""));
      if (n && strcasecmp(n, "viewport") == 0) { /* Chromium takes the last whole (tests/browser/viewport.mjs) */
        if (++d->viewports == 2) d->again_line = line, d->again_col = col;
        d->viewport = content ? content : "", d->viewport_line = line, d->viewport_col = col;
      }
      if (eq && strcasecmp(eq, "refresh") == 0) d->redirect = true;
    } else if (el == EL_HEAD) {
      d->head_line = line, d->head_col = col;
    } else if (el == EL_HEADER && !d->header_line) {
      d->header_line = line, d->header_col = col;
    } else if (el == EL_FORM && strcmp(d->rel, "index.html") == 0) {
      d->forms = arena_grow(cr->a, d->forms, d->nforms, d->nforms + 1, sizeof *d->forms);
      const char *role = attr(&at, "role");
      d->forms[d->nforms++] = (form){attr(&at, "action"), role && strcasecmp(role, "search") == 0, line, col};
    } else if (el == EL_FOOTER && depth++ == 0) {
      footer_start = after;
      d->footer_line = line, d->footer_col = col;
    }
    next = past_start_tag(el, after);
  }
  if (footer_start) buf_puts(&foot, footer_start); /* never closed: to the end */
  d->footer_text = arena_strdup(cr->a, buf_cstr(&foot));
  buf_free(&foot);
}

/* ---- a redirect's meta refresh ------------------------------------------------------ */

/* Does a meta refresh's content send readers to `url` at once, as HTML's
 * declarative refresh reads it: a delay of 0 (a fraction after it is
 * ignored), then blanks, ';' or ',', then url=URL (any case, blanks around
 * '=') or the URL alone, in quotes or not? */
static bool refresh_sends_to(const char *c, const char *url) {
  while (is_space(*c)) c++;
  const char *delay = c;
  while (*c >= '0' && *c <= '9') c++;
  if (c == delay && *c != '.') return false; /* no delay: not a refresh */
  for (const char *z = delay; z < c; z++)
    if (*z != '0') return false; /* only 0 sends readers on at once */
  while ((*c >= '0' && *c <= '9') || *c == '.') c++;
  if (*c != ';' && *c != ',' && !is_space(*c)) return false; /* also the end: the page itself again */
  while (is_space(*c)) c++;
  if (*c == ';' || *c == ',') c++;
  while (is_space(*c)) c++;
  if (strncasecmp(c, "url", 3) == 0) {
    const char *e = c + 3;
    while (is_space(*e)) e++;
    if (*e == '=') {
      c = e + 1;
      while (is_space(*c)) c++;
    }
  }
  char quote = *c == '"' || *c == '\'' ? *c++ : 0;
  const char *e = quote ? strchr(c, quote) : NULL;
  size_t n = e ? (size_t)(e - c) : strlen(c);
  return n && n == strlen(url) && memcmp(c, url, n) == 0;
}

/* The next start tag at or after *next, its attributes read into *at;
 * *next is then where reading goes on (past a raw-text element's content).
 * False when there is none. */
static bool next_start_tag(const char **next, tag *t, attrs *at) {
  while (next_tag(*next, t)) {
    if (t->end) {
      *next = past_end_tag(t);
      continue;
    }
    *next = past_start_tag(t->el, read_attrs(t->attrs, at));
    return true;
  }
  return false;
}

/* The '<' of html's first <meta http-equiv="refresh"> (outside comments
 * and raw text: the first decides, as in a browser), its attributes read
 * into *at; NULL when there is none.  *head is set to the '<' of the first
 * <head> start tag before it (NULL: none). */
static const char *first_refresh(const char *html, attrs *at, const char **head) {
  tag t;
  *head = NULL;
  for (const char *next = html; next_start_tag(&next, &t, at);) {
    if (t.el == EL_HEAD && !*head) *head = t.lt;
    const char *eq = t.el == EL_META ? attr(at, "http-equiv") : NULL;
    if (eq && strcasecmp(eq, "refresh") == 0) return t.lt;
  }
  return NULL;
}

bool check_refreshes_to(arena *a, const char *html, const char *url) {
  attrs at;
  at.a = a;
  const char *head;
  if (!first_refresh(html, &at, &head)) return false;
  const char *content = attr(&at, "content");
  return content && refresh_sends_to(content, url);
}

void check_refresh_place(arena *a, const char *src, int *line, int *col) {
  attrs at;
  at.a = a;
  const char *head, *meta = first_refresh(src, &at, &head);
  *line = *col = 1;
  if (meta || head) {
    cursor c = {src, src, src, 1, 1};
    pos(&c, meta ? meta : head, line, col);
  }
}

size_t check_page_ids(arena *a, const char *html, const char ***ids) {
  size_t n = 0, cap = 16;
  *ids = arena_alloc(a, cap * sizeof **ids);
  tag t;
  attrs at;
  at.a = a;
  for (const char *next = html; next_start_tag(&next, &t, &at);) {
    const char *found[2];
    for (size_t k = 0, nk = tag_ids(&at, t.el, found); k < nk; k++) {
      if (n == cap) *ids = arena_grow(a, *ids, n, cap *= 2, sizeof **ids);
      (*ids)[n++] = found[k];
    }
  }
  return n;
}

/* ---- the folder -------------------------------------------------------------------- */

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

static void walk(crawl *cr, const char *rel) {
  const char *dir = rel[0] ? path_join(cr->a, cr->root, rel) : cr->root;
  fsx_entry *e;
  size_t n;
  if (fsx_list(cr->a, dir, &e, &n) != 0) {
    diag_system(dir, "cannot list folder: %s", strerror(errno));
    return;
  }
  for (size_t i = 0; i < n; i++) {
    if (e[i].name[0] == '.') continue;
    const char *child = rel[0] ? path_join(cr->a, rel, e[i].name) : e[i].name;
    if (e[i].is_link) { /* govpub writes none: what it leads to is not this output's to show */
      diag_warning(path_join(cr->a, cr->root, child), 0, 0, "copy the release as govpub wrote it (govpub deploy)",
                   "symbolic link in the output: not followed");
      continue;
    }
    if (e[i].is_dir) walk(cr, child);
    else if (e[i].is_file && (ends_with(e[i].name, ".html") || ends_with(e[i].name, ".htm"))) {
      if (cr->ndocs == cr->cap) {
        cr->cap = cr->cap ? 2 * cr->cap : 64;
        cr->docs = arena_grow(cr->a, cr->docs, cr->ndocs, cr->cap, sizeof *cr->docs);
      }
      doc *d = &cr->docs[cr->ndocs++];
      memset(d, 0, sizeof *d);
      d->rel = child;
      d->path = path_join(cr->a, cr->root, child);
    }
  }
}

/* Whether url[0..n) (its path) starts with a scheme: a ':' before any '/'. */
static bool has_scheme(const char *url, size_t n) {
  for (const char *c = url; c < url + n; c++) {
    if (*c == ':') return true;
    if (*c == '/') break;
  }
  return false;
}

/* The path below the folder an internal URL names (without its fragment,
 * percent-decoded, "index.html" added for folders); NULL for an external
 * URL; "" (with *outside set) for one that climbs out of the folder. */
static const char *target(crawl *cr, const doc *d, const char *url, const char **frag, bool *outside) {
  const site_config *cfg = cr->s ? cr->s->cfg : NULL;
  const char *base = cfg ? cfg->base_path : "/";
  *outside = false;
  size_t n = strcspn(url, "#");
  *frag = url[n] == '#' ? url + n + 1 : "";
  n = strcspn(url, "?#");
  const char *path;
  if (strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0 || strncmp(url, "//", 2) == 0) {
    const char *host = strstr(url, "//") + 2;
    size_t hl = strcspn(host, "/?#");
    if (!cfg || strlen(cfg->domain) != hl || strncmp(host, cfg->domain, hl) != 0) return NULL;
    path = host + hl;
    n -= (size_t)(path - url);
    if (!n) path = "/", n = 1;
  } else {
    if (has_scheme(url, n)) return NULL; /* mailto:, tel: … are not ours */
    path = url;
  }
  char *p = url_percent_decode(cr->a, path, n);
  char *rel;
  if (p[0] == '/') {
    size_t bl = strlen(base);
    if (strncmp(p, base, bl) != 0 && !(strncmp(p, base, bl - 1) == 0 && p[bl - 1] == '\0')) return NULL;
    rel = p + (p[bl - 1] ? bl : bl - 1);
  } else if (!p[0]) {
    return d->rel; /* "#x" or "": this page */
  } else {
    rel = path_join(cr->a, path_dir(cr->a, d->rel), p);
  }
  bool dir = !rel[0] || rel[strlen(rel) - 1] == '/';
  char *norm = rel[0] ? path_normalize(cr->a, rel) : "";
  if (!norm) {
    *outside = true;
    return "";
  }
  if (dir || (norm[0] && kind_of(cr, norm) == KIND_DIR) || !norm[0])
    return norm[0] ? path_join(cr->a, norm, "index.html") : "index.html";
  return norm;
}

static bool is_page(const char *rel) { return ends_with(rel, ".html") || ends_with(rel, ".htm"); }

/* What an address leads to, worked out for the first page that writes it
 * and kept for every other page that writes the same (the catalog's
 * navigation: each of its group pages links every group).  Only the
 * answer is shared: each page's refs are still said at their own place. */
typedef struct {
  const char *t, *frag; /* target(): t NULL for an address not of this site */
  bool outside, exists;
  int anchor;           /* t's page has frag's id: 0 not asked yet, 1 yes, -1 no */
  const char *id;       /* frag percent-decoded, once asked */
} link_target;

/* The key (in cr->key) under which `url`, written on page d, resolves the
 * same on every page that has the key:
 *   "@url"              an address with a scheme or from the root: the same
 *                       on every page;
 *   "^<n>:<dir><rest>"  one that climbs k folders ("../../x/") from a page
 *                       at least k folders deep: the folder it climbs to (n
 *                       bytes, so that folder and rest cannot run into each
 *                       other) and the address after the "../"s — relative
 *                       navigation, written alike on pages side by side;
 *   "=<n>:<page><url>"  any other (x/, #top, ""): the page's own. */
static const char *link_key(crawl *cr, const doc *d, const char *url) {
  buf *k = &cr->key;
  buf_clear(k);
  if (url[0] == '/' || has_scheme(url, strcspn(url, "?#"))) {
    buf_putc(k, '@');
    buf_puts(k, url);
    return buf_cstr(k);
  }
  size_t up = 0, depth = 0;
  while (strncmp(url + 3 * up, "../", 3) == 0) up++;
  for (const char *c = d->rel; (c = strchr(c, '/')); c++) depth++;
  if (!up || up > depth) {
    buf_printf(k, "=%zu:%s%s", strlen(d->rel), d->rel, url);
    return buf_cstr(k);
  }
  size_t n = (size_t)(strrchr(d->rel, '/') - d->rel); /* the page's folder, then `up` folders up */
  for (size_t i = 0; i < up; i++) {
    while (n > 0 && d->rel[n - 1] != '/') n--;
    if (n) n--;
  }
  buf_printf(k, "^%zu:", n);
  buf_put(k, d->rel, n);
  buf_puts(k, url + 3 * up);
  return buf_cstr(k);
}

/* What `url` on page d leads to: resolved by the first page that wrote it
 * under the same key (link_key), looked up by every other. */
static link_target *resolve(crawl *cr, const doc *d, const char *url) {
  if (!cr->links) cr->links = strmap_new(cr->a);
  const char *key = link_key(cr, d, url);
  link_target *lt = strmap_get(cr->links, key);
  if (lt) return lt;
  lt = arena_calloc(cr->a, 1, sizeof *lt);
  lt->t = target(cr, d, url, &lt->frag, &lt->outside);
  lt->exists = lt->t && !lt->outside && kind_of(cr, lt->t) == KIND_FILE;
  strmap_put(cr->links, arena_strndup(cr->a, key, cr->key.len), lt);
  return lt;
}

/* Whether the page lt leads to has the id its #part names (asked once every
 * page's ids are read); a page that is not in the folder is not judged. */
static bool has_anchor(crawl *cr, link_target *lt) {
  if (!lt->anchor) {
    const doc *td = strmap_get(cr->by_rel, lt->t);
    lt->id = url_percent_decode(cr->a, lt->frag, strlen(lt->frag));
    lt->anchor = !td || strmap_get(td->ids, lt->id) ? 1 : -1;
  }
  return lt->anchor > 0;
}

static void check_refs(crawl *cr, const doc *d) {
  for (size_t i = 0; i < d->nrefs; i++) {
    const ref *f = &d->refs[i];
    link_target *lt = resolve(cr, d, f->url);
    const char *t = lt->t;
    bool outside = lt->outside;
    if (!t) continue;
    if (!lt->exists) {
      static const char *what[] = {"link", "image", "file", "attachment"};
      static const char *hints[] = {
          "fix the address, or publish the page it names",
          "the image file is not in the output: put it under static/ or fix the address",
          "the stylesheet or script is not in the output: fix the theme's address or add the file",
          "the file is not in the output: put it under static/ and name it from the site root"};
      int k = f->kind == REF_IMG ? 1 : f->kind == REF_ASSET ? 2 : !outside && !is_page(t) ? 3 : 0;
      const char *src = !outside && cr->s && cr->s->withheld ? strmap_get(cr->s->withheld, t) : NULL;
      const char *why = src ? arena_printf(cr->a, "is withheld from publishing (%s: no review covers it as it is)", src)
                            : "is not in the output";
      check_add(cr->r, CHECK_ERROR, k == 1 ? "image" : k == 3 ? "attachment" : "link", d->path, f->line, f->col,
                src ? REVIEW_WITHHELD_HINT : hints[k], "%s \"%s\" names %s, which %s", what[k], f->url,
                outside ? "a file outside the site" : t, why);
      continue;
    }
    if (!*lt->frag || !is_page(t) || has_anchor(cr, lt)) continue;
    check_add(cr->r, CHECK_ERROR, "anchor", d->path, f->line, f->col, "link to a heading or id the page has, or drop the #part",
              "link \"%s\": %s has no id \"%s\"", f->url, t, lt->id);
  }
}

/* ---- meta tags and footer ---------------------------------------------------- */

/* Whether site.yaml not filling in `key` (of cause_keys) is why the page
 * lacks `what` (slot 0: in its footer, 1: a meta tag): then it counts for
 * the item at the key (report_causes), not as the page's own. */
static bool caused(crawl *cr, const char *key, int slot, const char *what) {
  for (size_t k = 0; key && k < NCAUSES; k++)
    if (strcmp(cause_keys[k].key, key) == 0 && cr->causes[k].at) {
      cr->causes[k].what[slot] = what;
      cr->causes[k].on_page = true;
      return true;
    }
  return false;
}

/* `cause`: the key of site.yaml the tag shows (cause_keys), or NULL. */
static void need_meta(crawl *cr, const doc *d, const char *name, const char *why, const char *cause) {
  const char *v = strmap_get(d->meta, name);
  if (v && *v) return;
  if (caused(cr, cause, 1, arena_printf(cr->a, "the %s meta tag", name))) return;
  check_add(cr->r, CHECK_ERROR, "meta", d->path, d->head_line, d->head_col,
            arena_printf(cr->a, "the theme's <head> writes <meta name=\"%s\" content=\"…\"> %s", name, why),
            "meta tag %s is %s", name, v ? "empty" : "missing");
}

/* The model page a built page comes from: an article's, a column's (with
 * `lists`, any page of its list: news/page/2/), the root column's for the
 * home page; NULL for what govpub makes itself (search, tags, 404) and
 * what the model does not hold. */
static page *model_page(crawl *cr, const char *rel, bool lists) {
  if (!cr->s || !ends_with(rel, "index.html")) return NULL;
  char *url = arena_strndup(cr->a, rel, strlen(rel) - 10);
  size_t list;
  if (lists && pager_list_of(url, &list)) url[list] = '\0';
  return strmap_get(cr->s->by_url, url);
}

/* What a column's _index.md gives its list pages (check_column_gives). */
static const struct { const char *key, *tag, *why; } column_tags[] = {
    {"description", "ColumnDescription", "on every column page (description: in its _index.md)"},
    {"keywords", "ColumnKeywords", "on every column page (keywords: in its _index.md)"}};

/* ColumnDescription (k 0) or ColumnKeywords (1) of a column page, made from
 * the column's _index.md p (NULL: not known).  When p does not give it,
 * check_model says so at p; a page that lacks it is counted there (every
 * page of the list: page/2/ …), not said on each. */
static void column_meta(crawl *cr, const doc *d, const page *p, int k) {
  if (p && check_column_gives(p, column_tags[k].key)) p = NULL;
  else if (p && !p->fm) return; /* no front matter: the loader's, said at the file */
  if (!p) {
    need_meta(cr, d, column_tags[k].tag, column_tags[k].why, NULL);
    return;
  }
  const char *v = strmap_get(d->meta, column_tags[k].tag);
  if (v && *v) return; /* built before the value was taken out */
  if (!cr->column_lacks) cr->column_lacks = strmap_new(cr->a);
  size_t *n = strmap_get(cr->column_lacks, p->src);
  if (!n) strmap_put(cr->column_lacks, p->src, n = arena_calloc(cr->a, 2, sizeof *n));
  n[k]++;
}

static void check_meta(crawl *cr, const doc *d) {
  need_meta(cr, d, "SiteName", "on every page", "title");
  need_meta(cr, d, "SiteDomain", "on every page", "base_url");
  need_meta(cr, d, "SiteIDCode", "on every page (网站标识码)", "site_code");
  const page *p = model_page(cr, d->rel, false);
  if (!p) { /* page/2/ … of a column's list: its _index.md's */
    const page *c = model_page(cr, d->rel, true);
    if (c && c->is_index) p = c;
  }
  bool article = p ? !p->is_index : strmap_get(d->meta, "ArticleTitle") != NULL;
  bool list = p ? p->is_index && p->column->path[0] : !article && strmap_get(d->meta, "ColumnName") != NULL;
  if (article) {
    need_meta(cr, d, "ArticleTitle", "on every article", NULL);
    need_meta(cr, d, "PubDate", "on every article (yyyy-MM-dd HH:mm)", NULL);
    need_meta(cr, d, "ContentSource", "on every article (source: in the front matter)", NULL);
    const char *pd = strmap_get(d->meta, "PubDate");
    int y, mo, da, h, mi;
    char tail;
    if (pd && *pd && (strlen(pd) != 16 || sscanf(pd, "%4d-%2d-%2d %2d:%2d%c", &y, &mo, &da, &h, &mi, &tail) != 5))
      check_add(cr->r, CHECK_ERROR, "meta", d->path, d->head_line, d->head_col,
                "write PubDate as yyyy-MM-dd HH:mm, e.g. 2024-11-20 10:12", "meta tag PubDate \"%s\" is not yyyy-MM-dd HH:mm",
                pd);
  }
  if (list) {
    need_meta(cr, d, "ColumnName", "on every column page", NULL);
    column_meta(cr, d, p, 0);
    column_meta(cr, d, p, 1);
    need_meta(cr, d, "ColumnType", "on every column page (the column's class)", NULL);
  }
  const char *code = cr->s ? yx_str(yx_get(cr->s->cfg->footer, "site_code")) : NULL;
  const char *got = strmap_get(d->meta, "SiteIDCode");
  if (code && got && *got && strcmp(code, got) != 0)
    check_add(cr->r, CHECK_ERROR, "meta", d->path, d->head_line, d->head_col,
              "SiteIDCode is the 网站标识码 of footer.site_code in site.yaml",
              "meta tag SiteIDCode \"%s\" is not the site's 网站标识码 \"%s\"", got, code);
}

/* Whether the footer shows `value` (as HTML text) and a footer link or
 * image whose address contains `addr` (either may be NULL). */
static bool footer_has(crawl *cr, const doc *d, const char *value, const char *addr, ref_kind kind) {
  if (value) {
    buf b = BUF_INIT;
    esc_html(&b, value, strlen(value));
    bool found = strstr(d->footer_text, buf_cstr(&b)) != NULL;
    buf_free(&b);
    if (!found) return false;
  }
  if (!addr) return true;
  for (size_t i = 0; i < d->nrefs; i++)
    if (d->refs[i].in_footer && d->refs[i].kind == kind && strstr(d->refs[i].url, addr)) return true;
  (void)cr;
  return false;
}

static void check_footer(crawl *cr, const doc *d) {
  if (!d->footer_line) {
    check_add(cr->r, CHECK_ERROR, "footer", d->path, d->head_line, d->head_col,
              "every page ends with the site's footer (主办单位, 联系方式, 网站标识码, 备案号, 党政机关网站标识, 我要纠错)",
              "the page has no <footer>");
    return;
  }
  const yx_node *f = cr->s ? cr->s->cfg->footer : NULL;
  const char *dzjg = yx_str(yx_get(f, "dzjg_img"));
  static const struct { const char *key, *what, *addr; ref_kind kind; } items[] = {
      {"sponsor", "主办单位", NULL, REF_A},
      {"organizer", "承办单位", NULL, REF_A}, /* optional: held to it when site.yaml names one */
      {"contact", "联系方式", NULL, REF_A},
      {"site_code", "网站标识码", NULL, REF_A},
      {"icp", "ICP备案号 linked to https://beian.miit.gov.cn/", "beian.miit.gov.cn", REF_A},
      {"psb", "公安备案号 linked to its record at www.beian.gov.cn", "beian.gov.cn", REF_A},
      {"dzjg_img", "党政机关网站标识", NULL, REF_IMG},
      {"correction_url", "我要纠错 link", NULL, REF_A}};
  for (size_t i = 0; i < sizeof items / sizeof *items; i++) {
    const char *v = yx_str(yx_get(f, items[i].key));
    if (!v && strcmp(items[i].key, "organizer") == 0) continue;
    bool ok;
    if (strcmp(items[i].key, "dzjg_img") == 0) ok = footer_has(cr, d, NULL, dzjg ? dzjg : "dzjg", REF_IMG);
    else if (strcmp(items[i].key, "correction_url") == 0)
      ok = v ? footer_has(cr, d, NULL, v, REF_A) : strstr(d->footer_text, "我要纠错") != NULL;
    else if (!v) ok = items[i].addr ? footer_has(cr, d, NULL, items[i].addr, REF_A) : strstr(d->footer_text, items[i].what) != NULL;
    else ok = footer_has(cr, d, v, items[i].addr, items[i].kind);
    if (!ok && !caused(cr, items[i].key, 0, items[i].what))
      check_add(cr->r, CHECK_ERROR, "footer", d->path, d->footer_line, d->footer_col,
                arena_printf(cr->a, "the footer shows footer.%s of site.yaml on every page (政府网站检查指标)", items[i].key),
                "the footer lacks %s", items[i].what);
  }
}

/* ---- what a layout override can drop: the viewport, the site search ------------------ */

/* The template to name for what the built page d lacks (check_layout.c),
 * when it can be known; `ok`: the mark of a template that would write it. */
static bool blame(crawl *cr, const doc *d, int ok, const check_mark *marks, size_t nmarks, const char **path, int *line,
                  int *col) {
  if (!cr->s) return false;
  if (!cr->layouts) cr->layouts = check_layouts_new(cr->s, cr->cat);
  return check_layout_blame(cr->layouts, model_page(cr, d->rel, true), d->rel, ok, d->viewports, marks, nmarks, path, line,
                            col);
}

/* The pages that fail a rule on the viewport (GROUP_*): one group per
 * rule, template and viewport (none: NULL), or per rule and viewport for
 * the pages no template is known for (path NULL; said at the first of
 * them); GROUP_TWICE, the pages with more than one viewport tag, also per
 * number of tags. */
enum { GROUP_VIEWPORT, GROUP_ZOOM, GROUP_TWICE };
struct layout_group {
  int rule;
  const char *path, *viewport;
  int tags; /* GROUP_TWICE: the pages' viewport tags; 0 otherwise */
  const doc *first;
  int line, col;
  size_t pages;
};

/* Does a viewport's content (width=device-width, initial-scale=1) say
 * width=device-width?  Its keys are separated by commas (or semicolons,
 * which browsers take too), with spaces around them. */
static bool device_width(const char *v) {
  for (const char *p = v; *p;) {
    while (*p == ' ' || *p == ',' || *p == ';') p++;
    size_t n = strcspn(p, ",;");
    if (n >= 5 && strncasecmp(p, "width", 5) == 0) {
      const char *q = p + 5;
      while (*q == ' ') q++;
      if (*q++ == '=') {
        while (*q == ' ') q++;
        size_t m = strcspn(q, " ,;");
        return m == 12 && strncasecmp(q, "device-width", 12) == 0;
      }
    }
    p += n;
  }
  return false;
}

static bool is_viewport_sep(char ch) { return ch == ',' || ch == ';' || is_space(ch); }

/* A viewport value that is a number (as browsers read one: its leading
 * digits), into *n. */
static bool viewport_number(const char *v, size_t n, double *out) {
  char tmp[32], *end;
  if (!n || n >= sizeof tmp) return false;
  memcpy(tmp, v, n);
  tmp[n] = '\0';
  *out = strtod(tmp, &end);
  return end != tmp;
}

static bool word_is(const char *s, size_t n, const char *w) { return strlen(w) == n && strncasecmp(s, w, n) == 0; }

/* The keys as browsers split them: key=value pairs separated by commas,
 * semicolons or white space, white space allowed around the =. */
bool check_viewport_locks_zoom(const char *v, size_t *at, size_t *len) {
  for (const char *p = v; *p;) {
    while (*p && is_viewport_sep(*p)) p++;
    const char *key = p;
    while (*p && *p != '=' && !is_viewport_sep(*p)) p++;
    size_t kl = (size_t)(p - key);
    const char *q = p;
    while (is_space(*q)) q++;
    if (*q != '=') continue;
    for (q++; is_space(*q); q++) {}
    const char *val = q;
    while (*q && !is_viewport_sep(*q)) q++;
    size_t vl = (size_t)(q - val);
    p = q;
    double n = 0;
    bool num = viewport_number(val, vl, &n), device = word_is(val, vl, "device-width") || word_is(val, vl, "device-height");
    bool locks = word_is(key, kl, "user-scalable")   ? !(device || word_is(val, vl, "yes") || (num && (n >= 1 || n <= -1)))
                 : word_is(key, kl, "maximum-scale") ? !(device || (num && (n < 0 || n >= 2)))
                                                      : false;
    if (!locks) continue;
    if (at) *at = (size_t)(key - v);
    if (len) *len = (size_t)(q - key);
    return true;
  }
  return false;
}

/* Groups a page that fails a layout rule (移动端适配, 适老化) with the
 * others made with the same template (check_layout.c; `ok`: the mark of a
 * template that would not fail it, `line`, `col`: where on the page, when
 * none is known) and the same viewport.  A page with several viewport
 * tags is said at a template's second one, when one template writes two
 * (the later is the one browsers use), else at its first. */
static void group_page(crawl *cr, int rule, const doc *d, int ok, int line, int col) {
  static const check_mark marks[] = {CHECK_MARK_VIEWPORT_AGAIN, CHECK_MARK_VIEWPORT, CHECK_MARK_HEAD, CHECK_MARK_START};
  bool several = d->viewports > 1;
  const char *path = NULL;
  if (!blame(cr, d, ok, marks + !several, 4 - !several, &path, &line, &col)) path = NULL;
  const char *v = d->viewport;
  int tags = rule == GROUP_TWICE ? d->viewports : 0;
  struct layout_group *g = NULL;
  for (size_t i = 0; i < cr->ngroups && !g; i++) {
    struct layout_group *h = &cr->groups[i];
    if (h->rule == rule && (path ? h->path && strcmp(h->path, path) == 0 && h->line == line && h->col == col : !h->path) &&
        (v ? h->viewport && strcmp(h->viewport, v) == 0 : !h->viewport) && h->tags == tags)
      g = h;
  }
  if (!g) {
    cr->groups = arena_grow(cr->a, cr->groups, cr->ngroups, cr->ngroups + 1, sizeof *cr->groups);
    g = &cr->groups[cr->ngroups++];
    *g = (struct layout_group){rule, path, v, tags, d, line, col, 0};
  }
  if (strcmp(d->rel, g->first->rel) < 0) g->first = d, g->line = path ? g->line : line, g->col = path ? g->col : col;
  g->pages++;
}

/* 移动端适配: every page fits a phone's screen (width=device-width), or
 * the phone shows it as a shrunken desktop page.  适老化: and lets its
 * reader zoom in (an older reader enlarges the text so; the theme's own
 * 特大 goes to 150 %, WCAG 1.4.4 asks for 200 %).  Both judge the viewport
 * browsers use, the page's last; one tag more is a warning of its own.
 * A template that writes a good viewport tells that it did not make a
 * page with one tag, but not one with several: its tag may be the one
 * ignored. */
static void check_viewport(crawl *cr, const doc *d) {
  bool one = d->viewports <= 1;
  if (!d->viewport || !device_width(d->viewport))
    group_page(cr, GROUP_VIEWPORT, d, one ? CHECK_MARK_DEVICE_WIDTH : -1, d->head_line, d->head_col);
  if (d->viewport && check_viewport_locks_zoom(d->viewport, NULL, NULL))
    group_page(cr, GROUP_ZOOM, d, one ? CHECK_MARK_ZOOMABLE : -1, d->viewport_line, d->viewport_col);
  if (!one) group_page(cr, GROUP_TWICE, d, -1, d->again_line, d->again_col);
}

#define VIEWPORT_TAG "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"

/* How a group's message counts its pages: "121 pages" (made with the
 * layout), "this page, and 120 more of out/preview, have" (at the first). */
static const char *n_pages(crawl *cr, const struct layout_group *g) {
  return g->pages == 1 ? "1 page" : arena_printf(cr->a, "%zu pages", g->pages);
}
static const char *these_pages_have(crawl *cr, const struct layout_group *g) {
  return g->pages == 1 ? "the page has" : arena_printf(cr->a, "this page, and %zu more of %s, have", g->pages - 1, cr->root);
}

/* 适老化: the pages whose viewport keeps readers from zooming in. */
static void report_zoom(crawl *cr, const struct layout_group *g) {
  const char *kv = NULL; /* every key=value that does, "maximum-scale=1 and user-scalable=no" */
  size_t at, n, nkv = 0;
  for (const char *v = g->viewport; check_viewport_locks_zoom(v, &at, &n); v += at + n, nkv++)
    kv = arena_printf(cr->a, "%s%s%.*s", kv ? kv : "", kv ? " and " : "", (int)n, v + at);
  const char *why = arena_printf(cr->a, "%s stop%s older readers enlarging the text", kv, nkv == 1 ? "s" : "");
  const char *need = "readers must be able to zoom in to 200% (WCAG 1.4.4; 适老化: docs/check.md)";
  if (g->path)
    check_add(cr->r, CHECK_ERROR, "zoom", g->path, g->line, g->col,
              arena_printf(cr->a, "take %s out of this viewport tag (the theme's baseof.mustache writes "
                                  "content=\"width=device-width, initial-scale=1\"): %s", kv, need),
              "%s of %s made with this layout ha%s the viewport \"%s\" (%s first): %s", n_pages(cr, g), cr->root,
              g->pages == 1 ? "s" : "ve", g->viewport, g->first->rel, why);
  else
    check_add(cr->r, CHECK_ERROR, "zoom", g->first->path, g->line, g->col,
              arena_printf(cr->a, "take %s out of the viewport tag of the layout these pages are made with (the site's "
                                  "layouts/, else the theme's): %s", kv, need),
              "%s the viewport \"%s\": %s", these_pages_have(cr, g), g->viewport, why);
}

static void report_viewport(crawl *cr, const struct layout_group *g) {
  const char *lacks = g->viewport ? arena_printf(cr->a, "the viewport \"%s\", not width=device-width", g->viewport)
                                  : "no viewport meta tag";
  if (g->path)
    check_add(cr->r, CHECK_ERROR, "viewport", g->path, g->line, g->col,
              g->viewport ? "write content=\"width=device-width, initial-scale=1\": the page then takes the phone's width"
                          : "write " VIEWPORT_TAG " in the <head> this layout writes, as the theme's baseof.mustache does",
              "%s of %s made with this layout ha%s %s (%s first): phones show %s as a shrunken desktop page", n_pages(cr, g),
              cr->root, g->pages == 1 ? "s" : "ve", lacks, g->first->rel, g->pages == 1 ? "it" : "them");
  else
    check_add(cr->r, CHECK_ERROR, "viewport", g->first->path, g->line, g->col,
              "write " VIEWPORT_TAG " in the <head> of the layout these pages are made with (the site's layouts/, "
              "else the theme's)",
              "%s %s: phones show %s as a shrunken desktop page", these_pages_have(cr, g), lacks,
              g->pages == 1 ? "it" : "them");
}

/* 移动端适配, a warning: more than one viewport tag.  Browsers take the
 * last whole (its keys are not added to the others'), which the rules
 * above judge; the others are dead text that a reader of the layouts takes
 * for the page's viewport. */
static void report_twice(crawl *cr, const struct layout_group *g) {
  const char *tags = g->tags == 2 ? "two" : arena_printf(cr->a, "%d", g->tags);
  const char *why = arena_printf(cr->a, "browsers use the last, \"%s\", and ignore the other%s", g->viewport,
                                 g->tags == 2 ? "" : "s");
  if (g->path)
    check_add(cr->r, CHECK_WARNING, "viewport", g->path, g->line, g->col,
              "keep one viewport tag among this template and the others these pages are made with (the theme's "
              "baseof.mustache writes " VIEWPORT_TAG ")",
              "%s of %s made with this layout ha%s %s viewport tags (%s first): %s", n_pages(cr, g), cr->root,
              g->pages == 1 ? "s" : "ve", tags, g->first->rel, why);
  else
    check_add(cr->r, CHECK_WARNING, "viewport", g->first->path, g->line, g->col,
              "keep one viewport tag in the layout these pages are made with (the site's layouts/, else the theme's): "
              VIEWPORT_TAG,
              "%s %s viewport tags: %s", these_pages_have(cr, g), tags, why);
}

static void report_layout_groups(crawl *cr) {
  for (size_t i = 0; i < cr->ngroups; i++)
    if (cr->groups[i].rule == GROUP_ZOOM) report_zoom(cr, &cr->groups[i]);
    else if (cr->groups[i].rule == GROUP_TWICE) report_twice(cr, &cr->groups[i]);
    else report_viewport(cr, &cr->groups[i]);
}

#define SEARCH_HINT "send it to the search page: action=\"{{site.search_url}}\", as the theme's partials/header.mustache does"

/* 站内搜索: the home page has a site-search form — role="search", or
 * sending to the search page — that sends to a built page under the
 * site's base path (an address on another host, a 集约化 search platform,
 * is taken as it is). */
static void check_search(crawl *cr) {
  const doc *d = strmap_get(cr->by_rel, "index.html");
  if (!d || d->redirect) return;
  const form *f = NULL;
  const char *t = NULL, *frag;
  bool outside = false;
  for (size_t i = 0; i < d->nforms && !f; i++) {
    const char *a = d->forms[i].action;
    outside = false;
    t = a && *a ? target(cr, d, a, &frag, &outside) : NULL;
    if (d->forms[i].search_role || (t && strcmp(t, OWN_SEARCH_PAGE) == 0)) f = &d->forms[i];
  }
  const char *path = d->path;
  int line = d->header_line ? d->header_line : d->head_line, col = d->header_line ? d->header_col : d->head_col;
  if (!f) {
    static const check_mark marks[] = {CHECK_MARK_HEADER, CHECK_MARK_BODY, CHECK_MARK_START};
    blame(cr, d, CHECK_MARK_SEARCH_FORM, marks, 3, &path, &line, &col);
    check_add(cr->r, CHECK_ERROR, "search", path, line, col,
              "keep the site-search form of the theme's header (partials/header.mustache: <form role=\"search\" "
              "action=\"{{site.search_url}}\">), or write one in this layout",
              "the home page %s has no site-search form (<form role=\"search\"> sending to the search page)", d->path);
    return;
  }
  const char *a = f->action, *why;
  size_t bl = strlen(cr->s ? cr->s->cfg->base_path : "/");
  if (!a || !*a) why = "has no action: it sends the query to the home page itself";
  else if (outside || (t && kind_of(cr, t) != KIND_FILE))
    why = arena_printf(cr->a, "sends to \"%s\", which names %s, not in the output", a, outside ? "a file outside the site" : t);
  else if (!t && a[0] == '/' && a[1] != '/' && bl > 1)
    why = arena_printf(cr->a, "sends to \"%s\", outside the site's base path %s", a, cr->s->cfg->base_path);
  else return;
  static const check_mark marks[] = {CHECK_MARK_SEARCH_FORM};
  line = f->line, col = f->col;
  blame(cr, d, -1, marks, 1, &path, &line, &col);
  check_add(cr->r, CHECK_ERROR, "search", path, line, col, SEARCH_HINT, "the search form of the home page %s %s", d->path, why);
}

/* One item per key of site.yaml that left pages without what it gives, at
 * the key, just after config_unfilled's: it sorts after it ("without …"
 * after "footer.…", "title …", "base_url …" at the same place). */
static void report_causes(crawl *cr) {
  for (size_t k = 0; k < NCAUSES; k++) {
    const cause *u = &cr->causes[k];
    if (!u->pages) continue;
    const char *key = cause_keys[k].parent ? arena_printf(cr->a, "%s.%s", cause_keys[k].parent, cause_keys[k].key)
                                           : cause_keys[k].key;
    const char *lack = u->what[0] && u->what[1] ? arena_printf(cr->a, "%s in the footer and %s", u->what[0], u->what[1])
                       : u->what[0]         ? arena_printf(cr->a, "%s in the footer", u->what[0])
                                            : u->what[1];
    check_add(cr->r, CHECK_ERROR, u->what[0] ? "footer" : "meta", cr->s->cfg->file, u->at->line, u->at->col,
              arena_printf(cr->a, "fill in %s in site.yaml and build again: the theme shows it on every page", key),
              "without %s, %zu page%s of %s lack%s %s", key, u->pages, u->pages == 1 ? "" : "s", cr->root,
              u->pages == 1 ? "s" : "", lack);
  }
}

void check_output(check_report *r, site *s, const struct catalog *cat, const char *dir) {
  arena *a = arena_new();
  crawl cr = {.a = a, .r = r, .s = s, .cat = cat, .root = dir, .by_rel = strmap_new(a)};
  if (!fsx_is_dir(dir)) {
    check_add(r, CHECK_ERROR, "site", dir, 0, 0, "build the site first (govpub build --publish), or name the folder",
              "no built site in this folder");
    arena_free(a);
    return;
  }
  for (size_t k = 0; s && k < NCAUSES; k++) cr.causes[k].at = config_unfilled_at(s->cfg, cause_keys[k].parent, cause_keys[k].key);
  walk(&cr, "");
  for (size_t i = 0; i < cr.ndocs; i++) {
    doc *d = &cr.docs[i];
    d->ids = strmap_new(a);
    d->meta = strmap_new(a);
    size_t len;
    char *text = fsx_read(d->path, &len); /* freed at once: what the rules need is copied */
    if (!text) {
      diag_system(d->path, "cannot read: %s", strerror(errno));
      continue;
    }
    parse(&cr, d, text);
    free(text);
    strmap_put(cr.by_rel, d->rel, d);
  }
  for (size_t i = 0; i < cr.ndocs; i++) {
    const doc *d = &cr.docs[i];
    check_refs(&cr, d);
    if (d->redirect) continue; /* an alias: a redirect, not a page */
    if (cr.s && cr.s->attachments && strmap_get(cr.s->attachments, d->rel)) continue; /* a static file */
    for (size_t k = 0; k < NCAUSES; k++) cr.causes[k].on_page = false;
    check_meta(&cr, d);
    check_footer(&cr, d);
    check_viewport(&cr, d);
    for (size_t k = 0; k < NCAUSES; k++) cr.causes[k].pages += cr.causes[k].on_page;
  }
  check_search(&cr);
  report_layout_groups(&cr);
  if (s) report_causes(&cr);
  for (size_t i = 0; s && cr.column_lacks && i < s->ncolumns; i++) { /* in the columns' order */
    const page *p = s->columns[i]->index;
    const size_t *n = p ? strmap_get(cr.column_lacks, p->src) : NULL;
    for (int k = 0; n && k < 2; k++)
      if (n[k]) check_column_pages_lack(r, p, column_tags[k].key, n[k], dir);
  }
  check_layouts_free(cr.layouts);
  buf_free(&cr.key);
  arena_free(a);
}

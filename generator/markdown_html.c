/* markdown_html: the HTML of a page's cmark-gfm tree, written by govpub
 * byte for byte as cmark_render_html() writes it (cmark-gfm 0.29.0.gfm.6
 * with the table and strikethrough extensions), for the trees md_render
 * makes: CommonMark's blocks and inlines, custom blocks and inlines
 * (heading ids, charts, table regions), tables and strikethrough.
 * Footnotes are the one exception: written govpub's way (md_html in
 * markdown_html.h), not cmark's.
 *
 * Why not cmark's renderer: it escapes text one byte at a time through a
 * table (houdini, 6 % of a whole build's instructions) and visits every
 * node through its iterator, together 11 % of a build; here runs of text
 * that need no escaping are found 16 bytes at a time (escape.c) and the
 * tree is walked by its links.
 *
 * What it does not know it does not guess: for a tree holding anything
 * else (raw HTML that is kept, a node of another extension) or options
 * md_render never sets, it says so and md_render has cmark_render_html()
 * write the whole tree (md_render, knowing from its walk that raw HTML is
 * kept, does not ask).  tests/unit/test_markdown_html.c renders trees of
 * every kind both ways and compares the bytes, and footnotes with the
 * exact HTML expected. */
#include "markdown_html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>

#include "escape.h"

/* The options that change what cmark's renderer writes and that this
 * writer does not follow (md_render sets none of them). */
#define FOREIGN_OPTIONS                                                                   \
  (CMARK_OPT_SOURCEPOS | CMARK_OPT_HARDBREAKS | CMARK_OPT_NOBREAKS |                      \
   CMARK_OPT_GITHUB_PRE_LANG | CMARK_OPT_FULL_INFO_STRING)

/* What an extension's node is (its types: markdown_html.h). */
typedef enum { X_TABLE, X_ROW, X_CELL, X_STRIKE, X_OTHER } ext_kind;

/* True for the node types extensions add (numbered after cmark's own, in
 * blocks and inlines alike).  cmark's own types made by an extension
 * (autolink's links) are written as cmark's. */
static bool extension_type(cmark_node_type t) {
  return (t & ~CMARK_NODE_TYPE_MASK) > (CMARK_NODE_FOOTNOTE_DEFINITION & ~CMARK_NODE_TYPE_MASK);
}

typedef struct {
  buf *out;
  int options;
  bool failed; /* met something it does not write: cmark renders the tree */
  /* the table extension's state, as cmark's keeps it for the whole render */
  bool in_header, need_tbody;
  /* Footnotes: how many notes the document has (its last children), the
   * references to each (refs[k - 1] for note k, counted before writing:
   * a note may be referred to from a later note) and those written so far
   * (refs[n_notes + k - 1]); the notes written so far. */
  size_t n_notes, notes_written;
  unsigned *refs;
} writer;

/* A newline unless the output is empty or ends with one. */
static void cr(writer *w) {
  if (w->out->len && w->out->data[w->out->len - 1] != '\n') buf_putc(w->out, '\n');
}

static void put(writer *w, const char *s) { buf_puts(w->out, s ? s : ""); }

static void text(writer *w, const char *s) {
  if (s) esc_html_text(w->out, s, strlen(s));
}

static ext_kind ext_of(cmark_node_type t) {
  return t == CMARK_NODE_TABLE           ? X_TABLE
         : t == CMARK_NODE_TABLE_ROW     ? X_ROW
         : t == CMARK_NODE_TABLE_CELL    ? X_CELL
         : t == CMARK_NODE_STRIKETHROUGH ? X_STRIKE
                                         : X_OTHER;
}

/* A URL cmark-gfm leaves out of href and src (its scan_dangerous_url):
 * javascript:, vbscript:, file: and data: but data:image/png, gif, jpeg or
 * webp, in any case. */
static bool starts_ci(const char *s, const char *prefix) {
  for (; *prefix; s++, prefix++)
    if ((*s >= 'A' && *s <= 'Z' ? *s + 32 : *s) != *prefix) return false;
  return true;
}

static bool dangerous(const char *url) {
  if (starts_ci(url, "data:image/")) {
    const char *t = url + 11;
    if (starts_ci(t, "png") || starts_ci(t, "gif") || starts_ci(t, "jpeg") || starts_ci(t, "webp"))
      return false;
  }
  return starts_ci(url, "javascript:") || starts_ci(url, "vbscript:") || starts_ci(url, "file:") ||
         starts_ci(url, "data:");
}

static void href(writer *w, const char *url) {
  if (!url) return;
  if ((w->options & CMARK_OPT_UNSAFE) || !dangerous(url)) esc_href(w->out, url, strlen(url));
}

static void title(writer *w, cmark_node *n) {
  const char *t = cmark_node_get_title(n);
  if (t && *t) {
    put(w, "\" title=\"");
    text(w, t);
  }
}

/* An image's alt text: the text of everything under it, breaks as blanks. */
static void alt_text(writer *w, cmark_node *image) {
  for (cmark_node *n = md_following(image, image); n; n = md_following(image, n)) {
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
      case CMARK_NODE_HTML_INLINE: text(w, cmark_node_get_literal(n)); break;
      case CMARK_NODE_LINEBREAK:
      case CMARK_NODE_SOFTBREAK: buf_putc(w->out, ' '); break;
      default: break;
    }
  }
}

/* True when no paragraph tags go around n's lines (a tight list's item). */
static bool tight(cmark_node *paragraph) {
  cmark_node *parent = cmark_node_parent(paragraph);
  cmark_node *list = parent ? cmark_node_parent(parent) : NULL;
  return list && cmark_node_get_type(list) == CMARK_NODE_LIST && cmark_node_get_list_tight(list);
}

static void heading_tag(writer *w, cmark_node *n, const char *open) {
  char tag[5] = {0};
  snprintf(tag, sizeof tag, "%s%d", open, cmark_node_get_heading_level(n));
  put(w, tag);
}

static void table_cell(writer *w, cmark_node *cell) {
  cr(w);
  put(w, w->in_header ? "<th" : "<td");
  cmark_node *row = cmark_node_parent(cell), *table = row ? cmark_node_parent(row) : NULL;
  uint8_t *align = table ? cmark_gfm_extensions_get_table_alignments(table) : NULL;
  size_t i = 0, ncols = table ? cmark_gfm_extensions_get_table_columns(table) : 0;
  for (cmark_node *s = cmark_node_previous(cell); s; s = cmark_node_previous(s)) i++;
  const char *side = !align || i >= ncols ? NULL
                     : align[i] == 'l'    ? "left"
                     : align[i] == 'c'    ? "center"
                     : align[i] == 'r'    ? "right"
                                          : NULL;
  if (side) {
    put(w, (w->options & CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES) ? " style=\"text-align: " : " align=\"");
    put(w, side);
    put(w, "\"");
  }
  buf_putc(w->out, '>');
}

/* ---- footnotes ----
 * cmark-gfm numbers the notes 1, 2, … in the order they are first
 * referred to, gives each reference its note's number as its literal,
 * moves the notes that are referred to to the end of the document in that
 * order and drops the others.  Their ids are made of those numbers — fn-N
 * for a note, fnref-N for the first reference to it and fnref-N-K for the
 * K-th — not of the labels cmark writes (any text, [^注1]); heading_id in
 * markdown.c never makes one of them. */

/* Note number of a reference (its literal), 0 when it is none of the
 * document's notes. */
static size_t note_of(const writer *w, cmark_node *ref) {
  const char *lit = cmark_node_get_literal(ref);
  char *end;
  unsigned long k = lit ? strtoul(lit, &end, 10) : 0;
  return k >= 1 && k <= w->n_notes && *end == '\0' ? (size_t)k : 0;
}

/* A reference inside a link ([见[^1]](x.md)) or an image's description:
 * no link of its own (a link in a link is no HTML) and no place to come
 * back to; an image's description is its alt text, without it. */
static bool in_link(cmark_node *ref) {
  for (cmark_node *n = cmark_node_parent(ref); n && !md_is_block(n); n = cmark_node_parent(n))
    if (cmark_node_get_type(n) == CMARK_NODE_LINK || cmark_node_get_type(n) == CMARK_NODE_IMAGE) return true;
  return false;
}

/* Counts the notes at the end of doc and the references to each that get
 * a link (not in_link); false when a reference is to no note (a tree cmark
 * did not number). */
static bool count_notes(writer *w, cmark_node *doc) {
  for (cmark_node *n = cmark_node_last_child(doc);
       n && cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_DEFINITION; n = cmark_node_previous(n))
    w->n_notes++;
  if (!w->n_notes) return true; /* a reference or note met is refused by enter */
  w->refs = calloc(2 * w->n_notes, sizeof *w->refs);
  if (!w->refs) abort();
  for (cmark_node *n = md_following(doc, doc); n; n = md_following(doc, n)) {
    if (cmark_node_get_type(n) != CMARK_NODE_FOOTNOTE_REFERENCE) continue;
    size_t k = note_of(w, n);
    if (!k) return false;
    if (!in_link(n)) w->refs[k - 1]++;
  }
  return true;
}

/* <sup class="footnote-ref"><a href="#fn-N" id="fnref-N[-K]">N</a></sup>,
 * in a link <sup class="footnote-ref">N</sup> */
static void footnote_ref(writer *w, cmark_node *ref) {
  size_t k = note_of(w, ref);
  if (!k) {
    w->failed = true;
    return;
  }
  char s[192];
  if (in_link(ref)) {
    snprintf(s, sizeof s, "<sup class=\"footnote-ref\">%zu</sup>", k);
    put(w, s);
    return;
  }
  unsigned nth = ++w->refs[w->n_notes + k - 1];
  if (nth == 1)
    snprintf(s, sizeof s, "<sup class=\"footnote-ref\"><a href=\"#fn-%zu\" id=\"fnref-%zu\">%zu</a></sup>", k, k, k);
  else
    snprintf(s, sizeof s, "<sup class=\"footnote-ref\"><a href=\"#fn-%zu\" id=\"fnref-%zu-%u\">%zu</a></sup>", k, k,
             nth, k);
  put(w, s);
}

/* The links from note k back to each reference to it: ↩ for the first,
 * ↩² … for the others (a link each, labelled for a screen reader). */
static void footnote_backrefs(writer *w, size_t k) {
  char s[256];
  for (unsigned i = 1; i <= w->refs[k - 1]; i++) {
    if (i == 1)
      snprintf(s, sizeof s, " <a href=\"#fnref-%zu\" class=\"footnote-backref\" aria-label=\"返回正文\">↩</a>", k);
    else
      snprintf(s, sizeof s,
               " <a href=\"#fnref-%zu-%u\" class=\"footnote-backref\" aria-label=\"返回正文第%u处\">↩<sup>%u</sup></a>",
               k, i, i, i);
    put(w, s);
  }
}

/* True when the paragraph n ends a note: the back links go at its end,
 * inside it. */
static bool ends_note(cmark_node *n) {
  cmark_node *note = cmark_node_parent(n);
  return note && cmark_node_get_type(note) == CMARK_NODE_FOOTNOTE_DEFINITION && !cmark_node_next(n);
}

/* The first note opens the notes' section; each note is an item of its
 * ordered list, numbered as its references are. */
static void footnote_open(writer *w) {
  cr(w);
  if (w->notes_written++ == 0) put(w, "<section class=\"footnotes\" aria-label=\"注释\">\n<ol>\n");
  char s[48];
  snprintf(s, sizeof s, "<li id=\"fn-%zu\">\n", w->notes_written);
  put(w, s);
}

static void footnote_close(writer *w, cmark_node *note) {
  cmark_node *last = cmark_node_last_child(note);
  bool cited = w->refs[w->notes_written - 1]; /* not only from inside links */
  if (cited && (!last || cmark_node_get_type(last) != CMARK_NODE_PARAGRAPH)) { /* its back links on a line of their own */
    footnote_backrefs(w, w->notes_written);
    buf_putc(w->out, '\n');
  }
  put(w, "</li>\n");
}

/* Writes what cmark writes when its walk enters n; false when n's
 * children are not walked (leaves, images). */
static bool enter(writer *w, cmark_node *n) {
  cmark_node_type t = cmark_node_get_type(n);
  if (extension_type(t)) {
    switch (ext_of(t)) {
      case X_TABLE:
        cr(w);
        put(w, "<table>");
        w->need_tbody = false;
        return true;
      case X_ROW:
        cr(w);
        if (cmark_gfm_extensions_get_table_row_is_header(n)) {
          w->in_header = true;
          put(w, "<thead>");
          cr(w);
        } else if (!w->need_tbody) {
          put(w, "<tbody>");
          cr(w);
          w->need_tbody = true;
        }
        put(w, "<tr>");
        return true;
      case X_CELL: table_cell(w, n); return true;
      case X_STRIKE: put(w, "<del>"); return true;
      default: w->failed = true; return false;
    }
  }
  switch (t) {
    case CMARK_NODE_DOCUMENT: return true;
    case CMARK_NODE_BLOCK_QUOTE:
      cr(w);
      put(w, "<blockquote>\n");
      return true;
    case CMARK_NODE_LIST:
      cr(w);
      if (cmark_node_get_list_type(n) == CMARK_BULLET_LIST) {
        put(w, "<ul>\n");
      } else if (cmark_node_get_list_start(n) == 1) {
        put(w, "<ol>\n");
      } else {
        char tag[32];
        snprintf(tag, sizeof tag, "<ol start=\"%d\">\n", cmark_node_get_list_start(n));
        put(w, tag);
      }
      return true;
    case CMARK_NODE_ITEM:
      cr(w);
      put(w, "<li>");
      return true;
    case CMARK_NODE_HEADING:
      cr(w);
      heading_tag(w, n, "<h");
      buf_putc(w->out, '>');
      return true;
    case CMARK_NODE_CODE_BLOCK: {
      cr(w);
      const char *info = cmark_node_get_fence_info(n);
      if (!info || !*info) {
        put(w, "<pre><code>");
      } else {
        put(w, "<pre><code class=\"language-");
        esc_html_text(w->out, info, strcspn(info, " \t\n\r")); /* cmark_isspace */
        put(w, "\">");
      }
      text(w, cmark_node_get_literal(n));
      put(w, "</code></pre>\n");
      return false;
    }
    case CMARK_NODE_HTML_BLOCK:
      if (w->options & CMARK_OPT_UNSAFE) break; /* kept raw HTML: cmark's filters, below */
      cr(w);
      put(w, "<!-- raw HTML omitted -->");
      cr(w);
      return false;
    case CMARK_NODE_CUSTOM_BLOCK:
      cr(w);
      put(w, cmark_node_get_on_enter(n));
      cr(w);
      return true;
    case CMARK_NODE_THEMATIC_BREAK:
      cr(w);
      put(w, "<hr />\n");
      return false;
    case CMARK_NODE_PARAGRAPH:
      if (!tight(n)) {
        cr(w);
        put(w, "<p>");
      }
      return true;
    case CMARK_NODE_TEXT: text(w, cmark_node_get_literal(n)); return false;
    case CMARK_NODE_LINEBREAK: put(w, "<br />\n"); return false;
    case CMARK_NODE_SOFTBREAK: buf_putc(w->out, '\n'); return false;
    case CMARK_NODE_CODE:
      put(w, "<code>");
      text(w, cmark_node_get_literal(n));
      put(w, "</code>");
      return false;
    case CMARK_NODE_HTML_INLINE:
      if (w->options & CMARK_OPT_UNSAFE) break; /* kept raw HTML, below */
      put(w, "<!-- raw HTML omitted -->");
      return false;
    case CMARK_NODE_CUSTOM_INLINE: put(w, cmark_node_get_on_enter(n)); return true;
    case CMARK_NODE_STRONG: put(w, "<strong>"); return true;
    case CMARK_NODE_EMPH: put(w, "<em>"); return true;
    case CMARK_NODE_LINK:
      put(w, "<a href=\"");
      href(w, cmark_node_get_url(n));
      title(w, n);
      put(w, "\">");
      return true;
    case CMARK_NODE_FOOTNOTE_DEFINITION:
      if (w->notes_written >= w->n_notes) break; /* not one of the notes at the end */
      footnote_open(w);
      return true;
    case CMARK_NODE_FOOTNOTE_REFERENCE: footnote_ref(w, n); return false;
    case CMARK_NODE_IMAGE:
      put(w, "<img src=\"");
      href(w, cmark_node_get_url(n));
      put(w, "\" alt=\"");
      alt_text(w, n);
      title(w, n);
      put(w, "\" />");
      return false;
    default: break;
  }
  w->failed = true; /* kept raw HTML, types of other extensions */
  return false;
}

/* What cmark writes when its walk leaves n (a node it entered whose
 * children were walked). */
static void leave(writer *w, cmark_node *n) {
  cmark_node_type t = cmark_node_get_type(n);
  if (extension_type(t)) {
    switch (ext_of(t)) {
      case X_TABLE:
        if (w->need_tbody) {
          cr(w);
          put(w, "</tbody>");
          cr(w);
        }
        w->need_tbody = false;
        cr(w);
        put(w, "</table>");
        cr(w);
        break;
      case X_ROW:
        cr(w);
        put(w, "</tr>");
        if (cmark_gfm_extensions_get_table_row_is_header(n)) {
          cr(w);
          put(w, "</thead>");
          w->in_header = false;
        }
        break;
      case X_CELL: put(w, w->in_header ? "</th>" : "</td>"); break;
      case X_STRIKE: put(w, "</del>"); break;
      default: break; /* not reached: enter failed the node and the walk stopped */
    }
    return;
  }
  switch (t) {
    case CMARK_NODE_BLOCK_QUOTE:
      cr(w);
      put(w, "</blockquote>\n");
      break;
    case CMARK_NODE_LIST: put(w, cmark_node_get_list_type(n) == CMARK_BULLET_LIST ? "</ul>\n" : "</ol>\n"); break;
    case CMARK_NODE_ITEM: put(w, "</li>\n"); break;
    case CMARK_NODE_HEADING:
      heading_tag(w, n, "</h");
      put(w, ">\n");
      break;
    case CMARK_NODE_CUSTOM_BLOCK:
      cr(w);
      put(w, cmark_node_get_on_exit(n));
      cr(w);
      break;
    case CMARK_NODE_PARAGRAPH:
      if (w->notes_written && ends_note(n)) footnote_backrefs(w, w->notes_written); /* notes come last */
      if (!tight(n)) put(w, "</p>\n");
      break;
    case CMARK_NODE_FOOTNOTE_DEFINITION: footnote_close(w, n); break;
    case CMARK_NODE_DOCUMENT:
      if (w->notes_written) put(w, "</ol>\n</section>\n");
      break;
    case CMARK_NODE_CUSTOM_INLINE: put(w, cmark_node_get_on_exit(n)); break;
    case CMARK_NODE_STRONG: put(w, "</strong>"); break;
    case CMARK_NODE_EMPH: put(w, "</em>"); break;
    case CMARK_NODE_LINK: put(w, "</a>"); break;
    default: break;
  }
}

/* Writes the tree under doc into w; false when it met something it does
 * not write (w's output is then incomplete). */
static bool write_tree(writer *w, cmark_node *doc) {
  cmark_node *n = doc;
  bool down = enter(w, n);
  for (;;) {
    if (w->failed) return false;
    cmark_node *child = down ? cmark_node_first_child(n) : NULL;
    if (child) {
      n = child;
      down = enter(w, n);
      continue;
    }
    if (down) leave(w, n); /* a container without children */
    for (;;) {
      if (n == doc) return !w->failed;
      cmark_node *next = cmark_node_next(n);
      if (next) {
        n = next;
        down = enter(w, n);
        break;
      }
      n = cmark_node_parent(n);
      leave(w, n);
    }
  }
}

bool md_html(buf *out, cmark_node *doc, int options, size_t size_hint) {
  if (options & FOREIGN_OPTIONS) return false;
  buf_clear(out);
  buf_reserve(out, size_hint);
  writer w = {.out = out, .options = options};
  bool ok = count_notes(&w, doc) && write_tree(&w, doc);
  free(w.refs);
  return ok;
}

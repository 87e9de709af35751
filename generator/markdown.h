/* markdown: a page body (GitHub-flavoured Markdown) → HTML, plus what the
 * rest of govpub needs to know about it: the text a reader sees, headings
 * with their anchor ids, charts, and every link and image with its position.
 *
 * Built on cmark-gfm with the table, strikethrough, autolink and tagfilter
 * extensions, and its footnotes (文字[^1] … [^1]: 脚注。: the notes written
 * at the end of the body, markdown_html.h).  Safe by default: raw HTML is dropped unless the site says
 * `raw_html: true`, and javascript:, vbscript:, file: and data: URLs (other
 * than data:image/png|gif|jpeg|webp in an image) never reach the output, in
 * Markdown links and images and in the attributes of allowed raw HTML alike;
 * allowed raw HTML also loses its event attributes (on…) and its object,
 * embed, applet, base, meta, form, frame and link tags (docs/security.md).
 *
 * Positions given to callbacks and stored in the result are 1-based file
 * lines (the body starts after the front matter: see md_options.line_offset)
 * and columns in code points, like every position govpub reports.
 *
 * Ownership: md_render allocates everything it returns in the caller's
 * arena (but the HTML, when md_options.html gives a buffer of the
 * caller's), and so does cmark while it parses and renders (its tree and
 * parser stay there until the arena is reset).  Pages may be
 * rendered on several threads at once, each with its own arena. */
#ifndef GOVPUB_MARKDOWN_H
#define GOVPUB_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"

typedef enum { MD_LINK, MD_IMAGE } md_ref_kind;

typedef struct md_heading md_heading; /* below */

typedef struct md_options {
  /* site.yaml raw_html: true lets raw HTML through (tagfilter still applies
   * and dangerous URLs in its attributes are still emptied); false drops it. */
  bool raw_html;
  /* Lines of the file before the body's first line (front matter and its
   * --- lines), so body line 1 is reported as file line line_offset + 1. */
  int line_offset;
  /* The caller has checked that src is valid UTF-8 (text_check): md_render
   * does not walk it again to choose cmark's own validation. */
  bool utf8_checked;
  /* The caller reads no spans (md_result.spans stays empty): the positions
   * of every text node, for the content scan only, were 1 % of a build. */
  bool no_spans;
  /* A buffer of the caller's, kept across renders, for the HTML:
   * md_result.html then points into it and lives until its next use (the
   * arena copy of the HTML was a copy a page), unless govpub's writer left
   * the tree to cmark (then the HTML is in the arena).  NULL: in the arena. */
  buf *html;
  /* Passed to every callback. */
  void *ud;
  /* Called for every link and image URL (autolinks too), in document order,
   * with the position of its opening [ or ![ or <.  Returns the URL to write
   * (allocated in the arena, or `url` itself), or NULL to keep `url`.  This
   * is where source paths (../policy/x.md) become page URLs and where
   * broken links are reported.  May be NULL.  Whatever it returns is still
   * subject to the dangerous-URL rule.  URLs inside allowed raw HTML are not
   * passed here (they are only neutralised when dangerous). */
  const char *(*resolve)(void *ud, md_ref_kind kind, const char *url, int line, int col);
  /* Called for every image whose alt text is empty or only whitespace, after
   * resolve, with the image's original URL.  The caller decides whether that
   * is an error or a warning.  May be NULL. */
  void (*missing_alt)(void *ud, const char *url, int line, int col);
  /* Called for every `{{<` or `{{%` in the text (not in code): a Hugo
   * shortcode, which govpub does not have and a reader would see as text;
   * `{{` before raw HTML (`{{<figure …>}}`) too.  With the position of the
   * `{{`.  May be NULL. */
  void (*shortcode)(void *ud, int line, int col);
  /* Called for every raw HTML block dropped (raw_html off) that holds text
   * a reader would have seen (tags, comments, scripts and styles left
   * out), with that text's first MD_DROPPED_TEXT_CHARS characters ("…"
   * after them when there is more; entities as written) and the block's
   * position.  May be NULL. */
  void (*dropped_html)(void *ud, const char *text, int line, int col);
  /* Called for every fenced code block whose info string is `chart`, with
   * the chart id (the block's body, trimmed) and the id's position.  Returns
   * the HTML that takes the block's place (allocated by the caller; written
   * as is), or NULL for nothing.  When NULL itself, charts render as nothing;
   * either way their ids are listed in md_result.charts. */
  const char *(*chart)(void *ud, const char *id, int line, int col);
  /* Called for a heading whose id a heading before it (`first`) has: two
   * headings with the same {#id}, or one's {#id} and the id the other
   * makes from its text, whichever comes second (a heading whose text
   * makes the id of an earlier {#id} gets it with -1 but is said all the
   * same: the links to either are the editor's guess).  line:col is the
   * second's {#id}, or its start.  May be NULL. */
  void (*heading_id_taken)(void *ud, const md_heading *first, const md_heading *second, int line, int col);
  /* md_result.lead takes whole prose paragraphs until it holds at least
   * this many bytes (0: no lead). */
  size_t lead_bytes;
} md_options;

#define MD_DROPPED_TEXT_CHARS 20

struct md_heading {
  int level;        /* 1-6 */
  const char *text; /* the heading as plain text (code spans included; its {#id} not) */
  /* Its anchor id: the one it gives itself, Hugo's `## 标题 {#id}`, at any
   * level; else made from its text for levels 2-6; NULL for an h1 without
   * one (the page's title is its h1).  Unique in the page, unless
   * heading_id_taken said otherwise. */
  const char *id;
  int line;         /* file line */
  bool top;         /* a block of the document itself, not inside a list or a quote */
  bool own_id;      /* id is the heading's own {#id} */
};

typedef struct md_chart {
  const char *id;
  int line, col;
} md_chart;

/* text[off ..] came from file position line:col (one span per text node; a
 * span runs until the next one starts).  Inside a span, columns advance one
 * per code point except where an entity or backslash escape was decoded. */
typedef struct md_span {
  size_t off;
  int line, col;
} md_span;

/* Code a reader sees as code (blocks other than chart fences, and inline
 * code spans), kept out of `text` but available to the content scan. */
typedef struct md_code {
  const char *text;
  int line, col; /* where the code starts in the file */
} md_code;

typedef struct md_result {
  const char *html; /* NUL-terminated */
  size_t html_len;
  /* What a reader sees, for summaries, the search index and the content
   * scan: text, link text and alt text (code and URLs excluded), one line
   * per block (paragraph, heading, list item, table row) and per hard line
   * break, table cells
   * separated by a tab, the footnotes' text at the end (once, without
   * their numbers); a soft line break is nothing next to a wide (CJK)
   * character, one space between two narrow ones (cjk_break_joins). */
  const char *text; /* NUL-terminated */
  size_t text_len;
  /* The beginning of the body's prose, for a page's summary and a search
   * result's snippet (search_text_summary): the text of its first
   * paragraphs (in lists and quotes too, not in footnotes), one line each, without what a
   * reader skims past there — headings, tables, code, a paragraph of
   * images only (a figure), the 落款 (who issued it and the date, ending
   * the body: <div class="signature">) and, next to a table or a chart, a
   * paragraph of at most 40 characters that ends no sentence and leads
   * into nothing (表2 主要经济指标, 数据下载：…: not 。！？； or ：) or one
   * that begins 注：, 注释 or 来源, 数据来源, 资料来源 (a note on its
   * figures).  Whole paragraphs, until md_options.lead_bytes; NULL (and
   * lead_len 0) when the body has no such paragraph or lead_bytes is 0.
   * Not NUL-terminated: it is mostly a stretch of `text` itself. */
  const char *lead;
  size_t lead_len;
  /* Hugo's summary divider: a `<!--more-->` comment (spaces inside it
   * allowed) in the body, its first one; text[0..more_at) is what stood
   * before it, the page's summary (render.c).  Found with or without
   * raw_html; the comment itself is never written. */
  bool has_more;
  size_t more_at;
  md_span *spans; /* none with md_options.no_spans */
  size_t n_spans;
  md_heading *headings; /* document order */
  size_t n_headings;
  md_chart *charts; /* document order */
  size_t n_charts;
  md_code *code;    /* document order */
  size_t n_code;
  size_t n_links, n_images;
} md_result;

/* Renders src[0..len) (the body: front matter already removed) into *out,
 * everything allocated in a.  Invalid UTF-8 becomes U+FFFD in the output
 * (callers that want an error check utf8_valid first).  Thread-safe: any
 * number of threads may render at once. */
void md_render(arena *a, const char *src, size_t len, const md_options *opt, md_result *out);

#endif

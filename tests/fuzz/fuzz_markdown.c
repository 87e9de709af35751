/* fuzz_markdown: a page body through md_render (cmark-gfm with govpub's
 * tables, chart fences, link rewriting and URL filtering), with raw HTML
 * off and on.  Besides not crashing: with raw HTML off no <script> element
 * reaches the output, the lengths md_result reports are the real ones, and
 * the lead (the summaries' prose) is lines of the text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "chart.h"
#include "cjk.h"
#include "fuzz.h"
#include "markdown.h"

static const char *resolve(void *ud, md_ref_kind kind, const char *url, int line, int col) {
  (void)line, (void)col;
  /* rewrite source links the way the site does, leave the rest */
  size_t n = strlen(url);
  if (kind == MD_LINK && n > 3 && strcmp(url + n - 3, ".md") == 0)
    return arena_printf(ud, "/%.*s/", (int)(n - 3), url);
  return NULL;
}

static void missing_alt(void *ud, const char *url, int line, int col) { (void)ud, (void)url, (void)line, (void)col; }

/* A dropped block's text: one line, valid UTF-8, at most the characters
 * promised (and "…"). */
static void dropped_html(void *ud, const char *text, int line, int col) {
  (void)ud;
  size_t n = strlen(text);
  if (!*text || memchr(text, '\n', n) || !utf8_valid(text, n, NULL) ||
      utf8_count(text, n) > MD_DROPPED_TEXT_CHARS + 1 || line < 1 || col < 1) {
    fprintf(stderr, "fuzz_markdown: a dropped block's text is wrong: \"%s\" %d:%d\n", text, line, col);
    abort();
  }
}

/* Like the build's (render.c): only a valid id becomes markup. */
static const char *chart(void *ud, const char *id, int line, int col) {
  (void)line, (void)col;
  return chart_id_valid(id) ? arena_printf(ud, "<figure id=\"chart-%s\"></figure>", id) : NULL;
}

/* A property does not hold: show what broke it, then crash (the finding). */
static void broken(const char *what, const md_result *r) {
  fprintf(stderr, "fuzz_markdown: %s\n--- html ---\n%s\n--- text ---\n%s\n", what, r->html, r->text);
  abort();
}

/* Is every line of the lead a whole line of the text (its paragraphs are
 * some of the text's lines, in order)? */
static bool lead_in_text(const md_result *r) {
  const char *t = r->text, *t_end = r->text + r->text_len;
  for (size_t from = 0; from < r->lead_len;) {
    const char *nl = memchr(r->lead + from, '\n', r->lead_len - from);
    size_t n = nl ? (size_t)(nl - r->lead) - from : r->lead_len - from;
    for (;; t++) { /* the next line of the text that is this one */
      const char *e = memchr(t, '\n', (size_t)(t_end - t));
      size_t m = e ? (size_t)(e - t) : (size_t)(t_end - t);
      if (m == n && memcmp(t, r->lead + from, n) == 0) {
        t += m;
        break;
      }
      if (!e) return false;
      t = e;
    }
    from += n + 1;
  }
  return true;
}

static void render(const char *text, size_t size, bool raw_html) {
  arena *a = arena_new();
  md_options o = {.raw_html = raw_html, .line_offset = 5, .ud = a, .resolve = resolve,
                  .missing_alt = missing_alt, .dropped_html = dropped_html, .chart = chart, .lead_bytes = 8 + size % 700};
  md_result r;
  md_render(a, text, size, &o, &r);
  if (strlen(r.html) != r.html_len || strlen(r.text) != r.text_len) broken("a length is wrong", &r);
  if (!raw_html && memmem(r.html, r.html_len, "<script", 7)) broken("<script with raw HTML off", &r);
  for (size_t i = 0; i < r.n_spans; i++)
    if (r.spans[i].off > r.text_len || r.spans[i].line < 1 || r.spans[i].col < 1) broken("a span is out of range", &r);
  if (!r.lead != !r.lead_len || !lead_in_text(&r)) broken("the lead is not lines of the text", &r);
  for (size_t i = 0; i < r.n_headings; i++)
    if (r.headings[i].level < 1 || r.headings[i].level > 6) broken("a heading level is out of range", &r);
  arena_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = fuzz_text(data, size);
  render(text, size, false);
  render(text, size, true);
  free(text);
  fuzz_done();
  return 0;
}

/* search: the static, sharded site-search index of a release (docs/search.md)
 * and the template data of the search page.
 *
 * The documents are the site's articles, numbered in s->articles order
 * (newest first), so a lower number is a newer page and a year is a range
 * of numbers.  Render workers hand each article's reader text to
 * search_add as they render it; each worker keeps its own token dictionary
 * and postings, so nothing is locked.  The document table's chunks are
 * written as soon as their documents are recorded; search_write merges the
 * rest once, after the articles are rendered.  Under search/:
 *
 *   meta.json        shard count, documents, columns, year ranges
 *   t/<n>.txt        postings, one shard per token hash (FNV-1a mod shards)
 *   d/<n>.json       the document table in chunks: URL, title, column, date,
 *                    文号, 索引号, the first characters of the text
 *   columns.txt      each document's column, for the column filter
 *
 * The output depends only on the site, never on threads or timing.
 *
 * Ownership: a search_index owns all its memory; search_free releases it
 * (search_free(NULL) is a no-op).  Template data lives in the caller's arena. */
#ifndef GOVPUB_SEARCH_H
#define GOVPUB_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "release.h"
#include "site.h"
#include "url.h"
#include "value.h"

typedef struct search_index search_index;

/* Characters of text kept per document for the result snippet. */
#define SEARCH_SNIPPET_CHARS 160
/* The lead a summary of `chars` characters is cut from
 * (md_options.lead_bytes): whole prose paragraphs until this many bytes,
 * which hold the summary's characters and the two cjk_summary looks at
 * beyond them (four bytes each at most). */
#define SEARCH_LEAD_BYTES_FOR(chars) (4 * ((size_t)(chars) + 2))
#define SEARCH_LEAD_BYTES SEARCH_LEAD_BYTES_FOR(SEARCH_SNIPPET_CHARS)

/* What the index takes of an article's body: its reader text, which
 * queries match (md_result.text), and its lead, the beginning of its prose
 * (md_result.lead: NULL, lead_len 0, when it has none), which the snippet
 * shows when the page has no `summary:`. */
typedef struct {
  const char *text;
  size_t len;
  const char *lead;
  size_t lead_len;
  /* the snippet (search_snippet) when the renderer made it beside the
   * page's summary (search_text_summaries); NULL: made from the above */
  const char *snippet;
} search_text;

/* What a page without `summary:` shows of its body, at most max_chars
 * characters (cjk_summary: cut at a sentence end where one is near, else
 * with "…"), in `a`: its lead (whole prose paragraphs, not its headings,
 * tables, captions or 落款) when it has one, else (a page of tables only)
 * the beginning of its reader text.  The one computation behind both the
 * summary that lists, feeds and the home page show (render.c, max_chars
 * site.yaml summary_length; the lead must then have been asked for with
 * SEARCH_LEAD_BYTES_FOR(max_chars) or more) and the search snippet. */
const char *search_text_summary(arena *a, const search_text *t, size_t max_chars);
/* search_text_summary in a, of at most max_chars characters, and the
 * snippet of a page without `summary:` (SEARCH_SNIPPET_CHARS) in
 * snippet_arena, into t->snippet, from one pass over the text: they begin
 * with the same characters. */
const char *search_text_summaries(arena *a, search_text *t, size_t max_chars, arena *snippet_arena);

#define SEARCH_SHARDS_MIN 8
#define SEARCH_SHARDS_MAX 512 /* a power of two; so is every shard count */
#define SEARCH_SHARD_BYTES (SEARCH_SHARDS_MAX / 8)
/* An article's mark, what an incremental build needs to patch the index
 * for it without its old tokens: its shard bits (SEARCH_SHARD_BYTES; bit h:
 * a token whose hash is h modulo SEARCH_SHARDS_MAX), then for each of
 * SEARCH_SUM_GROUPS groups of shards (bits 16g to 16g + 15) a 32-bit sum,
 * in the machine's byte order like the state's other integers, of what its
 * tokens there add (search_impl.h's search_mark_add).  A group whose sum is the same before and after an
 * edit holds the same tokens of the article (but for a chance of 2^-32),
 * so its shards are not read back. */
#define SEARCH_SUM_GROUPS 32
#define SEARCH_MARK_BYTES (SEARCH_SHARD_BYTES + SEARCH_SUM_GROUPS * 4)

/* How a written index is laid out: what an incremental build needs to
 * patch it (search_patch) and keeps between builds (build_state). */
typedef struct {
  uint32_t shards;  /* t/<n>.txt files */
  uint64_t bytes;   /* the measure the shard count is chosen by (search_shard_count) */
  size_t chunk;     /* documents per d/<n>.json */
} search_layout;

/* The shard count for postings of `bytes` (docs/search.md). */
uint32_t search_shard_count(uint64_t bytes);

/* An empty index of s's articles, for `workers` render threads, to be
 * written into `rel` (the document table while the articles render). */
search_index *search_new(const site *s, const release *rel, int workers);
/* Records article p: its title, 文号 and 索引号 (the strong fields), its
 * reader text and its snippet.  Called once per article, by render worker
 * `worker`, each worker's articles in s->articles order (as pool_run hands
 * them out); other pages are ignored. */
void search_add(search_index *x, const page *p, const search_text *t, int worker);
/* Merges what the workers recorded and writes search/ into the release.
 * Returns the number of files written (-1 when a write failed: reported). */
int search_write(search_index *x, const release *rel, int threads);
void search_free(search_index *x);
/* After search_write: the layout it wrote, and article i's mark
 * (SEARCH_MARK_BYTES bytes). */
search_layout search_written_layout(const search_index *x);
const uint8_t *search_doc_bits(const search_index *x, size_t i);

/* An article's tokens as the index holds them: `n` of them sorted by
 * bytes, each its bytes, a NUL and '1' (a strong field's) or '0', in one
 * malloc'd block (search_patch gives them back so that the next patch of
 * the same article touches only the shards whose tokens changed). */
typedef struct {
  char *bytes;
  size_t len, n;
} search_tokens;

/* An article whose body changed since the index was written (search_patch). */
typedef struct {
  const page *p;
  size_t doc;              /* its number: its index in s->articles */
  const uint8_t *old_bits; /* its mark when the index was written */
  const search_tokens *old_tokens; /* its tokens in the index, or NULL when not known */
  search_text text;        /* its new reader text and lead */
  uint8_t bits[SEARCH_MARK_BYTES]; /* out: its new mark */
  search_tokens tokens;    /* out: its new tokens (the caller frees .bytes) */
} search_change;

/* Rewrites, in the index that `rel` (an overlay on the release that holds
 * it: release_overlay) holds, the postings shards and table entries of the
 * changed articles (their text, title, 文号, 索引号); their number, URL,
 * date and column are as when the index was written.  A shard is read
 * back when the article had or has a token of it (its bits), or, when its
 * old tokens are known, only when a token of it came, went or changed
 * strength; `threads` workers read back and write the shards.  Updates
 * layout->bytes.  Returns 0 when done, 1 when the shard
 * count would change (then nothing is written: build the index whole), -1
 * when a file could not be read or written (reported). */
int search_patch(const site *s, const release *rel, search_layout *layout, search_change *changes, size_t n,
                 int threads);

/* The columns that hold articles, in menu order (the column filter); their
 * number is returned. */
size_t search_columns(const site *s, arena *a, const column ***out);

/* The `search` map of the search page (docs/templates.md): index_url,
 * root_url, columns (path, title, url), years (year). */
tval *search_page_data(arena *a, const site *s, const urlctx *u);

#endif

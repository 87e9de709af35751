/* search_table: the document table of the search index (d/<n>.json,
 * docs/search.md), written while the articles render.  The worker that
 * records a document makes its entry (search_doc_entry: URL, title, column,
 * date, 文号, 索引号, snippet) at once; the worker that records the last
 * document of a chunk writes the chunk and frees its entries.  The pool
 * hands the articles out in document order, so only the chunks being
 * rendered are held, never the snippets of the whole site, and the table
 * costs the search phase nothing.  search_write writes the chunks rendering
 * left incomplete (a document never recorded has an empty snippet). */
#include <stdlib.h>

#include "cjk.h"
#include "search_impl.h"

#define CHUNKS_MAX 480 /* document table files at most */
#define CHUNK_MIN 16   /* documents per table file at least */

void search_table_init(search_index *x) {
  x->ncols = search_columns(x->s, x->a, &x->cols);
  strmap *idx = strmap_new(x->a); /* column path → number + 1 */
  for (size_t c = 0; c < x->ncols; c++) strmap_put(idx, x->cols[c]->path, (void *)(uintptr_t)(c + 1));
  x->col = arena_alloc(x->a, (x->ndocs ? x->ndocs : 1) * sizeof *x->col);
  for (size_t i = 0; i < x->ndocs; i++) x->col[i] = (uintptr_t)strmap_get(idx, x->docs[i].p->column->path) - 1;
  size_t chunk = (x->ndocs + CHUNKS_MAX - 1) / CHUNKS_MAX;
  x->chunk = x->layout.chunk = chunk < CHUNK_MIN ? CHUNK_MIN : chunk;
  x->nchunks = (x->ndocs + x->chunk - 1) / x->chunk;
  x->pending = arena_alloc(x->a, (x->nchunks ? x->nchunks : 1) * sizeof *x->pending);
  for (size_t c = 0; c < x->nchunks; c++) {
    size_t from = c * x->chunk, to = from + x->chunk < x->ndocs ? from + x->chunk : x->ndocs;
    atomic_init(&x->pending[c], to - from);
  }
  atomic_init(&x->failed, 0);
}

/* d/<c>.json: a JSON array of its documents' entries, one a line. */
static void write_chunk(search_index *x, size_t c) {
  size_t from = c * x->chunk;
  buf b = BUF_INIT;
  buf_putc(&b, '[');
  for (size_t k = from; k < x->ndocs && k < from + x->chunk; k++) {
    search_doc *d = &x->docs[k];
    if (k > from) buf_puts(&b, ",\n");
    if (d->entry) buf_puts(&b, d->entry);
    else search_doc_entry(&b, x->s, d->p, x->col[k], NULL);
    free(d->entry);
    d->entry = NULL;
  }
  buf_puts(&b, "]\n");
  char path[SEARCH_PATH_MAX];
  if (release_write(x->rel, search_chunk_path(path, c), b.data, b.len) != 0) atomic_fetch_add(&x->failed, 1);
  buf_free(&b);
}

/* cjk_summaries of what a summary is cut from: the lead, else the text. */
static void summaries(const search_text *t, cjk_window *w, size_t n) {
  if (t->lead_len) cjk_summaries(t->lead, t->lead_len, w, n);
  else cjk_summaries(t->text, t->len, w, n);
}

const char *search_text_summary(arena *a, const search_text *t, size_t max_chars) {
  cjk_window w = {max_chars, a, NULL};
  summaries(t, &w, 1);
  return w.out;
}

const char *search_text_summaries(arena *a, search_text *t, size_t max_chars, arena *snippet_arena) {
  cjk_window w[2] = {{max_chars, a, NULL}, {SEARCH_SNIPPET_CHARS, snippet_arena, NULL}};
  summaries(t, w, 2);
  t->snippet = w[1].out;
  return w[0].out;
}

const char *search_snippet(arena *a, const page *p, const search_text *t) {
  if (p->summary_fm && *p->summary_fm) return cjk_summary(a, p->summary_fm, strlen(p->summary_fm), SEARCH_SNIPPET_CHARS);
  return t->snippet ? t->snippet : search_text_summary(a, t, SEARCH_SNIPPET_CHARS);
}

void search_table_add(search_index *x, search_worker *w, size_t doc, const search_text *t) {
  search_doc *d = &x->docs[doc];
  const char *snippet = search_snippet(w->scratch, d->p, t);
  buf_clear(&w->entry);
  search_doc_entry(&w->entry, x->s, d->p, x->col[doc], snippet);
  d->entry = malloc(w->entry.len + 1);
  if (!d->entry) abort();
  memcpy(d->entry, w->entry.data, w->entry.len + 1);
  arena_reset(w->scratch);
  size_t c = doc / x->chunk;
  if (atomic_fetch_sub(&x->pending[c], 1) == 1) write_chunk(x, c);
}

void search_table_finish(search_index *x) {
  for (size_t c = 0; c < x->nchunks; c++)
    if (atomic_load(&x->pending[c])) {
      atomic_store(&x->pending[c], 0);
      write_chunk(x, c);
    }
}

void search_table_free(search_index *x) {
  for (size_t i = 0; i < x->ndocs; i++) free(x->docs[i].entry);
}

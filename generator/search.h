/* search: the static, sharded site-search index of a release (docs/search.md)
 * and the template data of the search page.
 *
 * The documents are the site's articles, numbered in s->articles order
 * (newest first), so a lower number is a newer page and a year is a range
 * of numbers.  Render workers hand each article's reader text to
 * search_add as they render it; each worker keeps its own token dictionary
 * and postings, so nothing is locked.  search_write merges them
 * once, after the articles are rendered, and writes under search/:
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

#include "release.h"
#include "site.h"
#include "url.h"
#include "value.h"

typedef struct search_index search_index;

/* An empty index of s's articles, for `workers` render threads. */
search_index *search_new(const site *s, int workers);
/* Records article p: its title, 文号 and 索引号 (the strong fields) and its
 * reader text.  Called once per article, by render worker `worker`, each
 * worker's articles in s->articles order (as pool_run hands them out);
 * other pages are ignored. */
void search_add(search_index *x, const page *p, const char *text, size_t len, int worker);
/* Merges what the workers recorded and writes search/ into the release.
 * Returns the number of files written (-1 when a write failed: reported). */
int search_write(search_index *x, const release *rel, int threads);
void search_free(search_index *x);

/* The columns that hold articles, in menu order (the column filter); their
 * number is returned. */
size_t search_columns(const site *s, arena *a, const column ***out);

/* The `search` map of the search page (docs/templates.md): index_url,
 * root_url, columns (path, title, url), years (year). */
tval *search_page_data(arena *a, const site *s, const urlctx *u);

#endif

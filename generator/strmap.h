/* strmap: string → pointer hash table (open addressing, a word-at-a-time hash).
 * Used for the site's lookups: URL → page, source path → page, term → list.
 *
 * Ownership: the table and its slots live in the arena given at creation;
 * keys are not copied (they must live as long as the map).  Not thread-safe
 * for writes; concurrent reads of a finished map are fine. */
#ifndef GOVPUB_STRMAP_H
#define GOVPUB_STRMAP_H

#include <stddef.h>

#include "arena.h"

typedef struct strmap strmap;

strmap *strmap_new(arena *a);
/* A map sized for n keys: no growing on the way there. */
strmap *strmap_new_for(arena *a, size_t n);
/* Returns the value stored under key, or NULL. */
void *strmap_get(const strmap *m, const char *key);
/* Stores v under key; returns the previous value (NULL if none). */
void *strmap_put(strmap *m, const char *key, void *v);
size_t strmap_count(const strmap *m);
/* Appends every key to keys[*n …] (room for strmap_count entries) and
 * advances *n; the order is the table's (callers sort). */
void strmap_each(const strmap *m, const char **keys, size_t *n);

#endif

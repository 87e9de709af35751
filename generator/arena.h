/* arena: bump allocation for the site model and for each page render.
 *
 * Ownership: everything allocated from an arena belongs to it and is released
 * at once by arena_free(); nothing allocated here is freed one by one.  The
 * site model lives in one arena for the whole build; each page render gets
 * its own, freed as soon as the page is written, so memory stays bounded.
 * Built with -DARENA_DEBUG every allocation is a plain malloc, so ASan and
 * valgrind see each object's bounds. */
#ifndef GOVPUB_ARENA_H
#define GOVPUB_ARENA_H

#include <stddef.h>

typedef struct arena arena;

/* Returns a new empty arena (never NULL: out of memory aborts). */
arena *arena_new(void);
/* Frees the arena and everything allocated from it; arena_free(NULL) is a no-op. */
void arena_free(arena *a);
/* Forgets every allocation; keeps up to ARENA_SPARE_MAX standard blocks for
 * the next allocations, so a render arena reset once per page does not go
 * back to malloc (or fault fresh pages in) for every page. */
void arena_reset(arena *a);

/* Uninitialised memory aligned for any type, owned by the arena. */
void *arena_alloc(arena *a, size_t n);
/* Zeroed memory owned by the arena. */
void *arena_calloc(arena *a, size_t count, size_t size);
/* Copies of strings, NUL-terminated, owned by the arena. */
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
/* The concatenation of the strings given, up to a NULL (cheaper than
 * arena_printf for plain joins, which the renderer does per link). */
char *arena_cat(arena *a, ...) __attribute__((sentinel));
/* printf into the arena. */
char *arena_printf(arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Resizes an allocation of old_n bytes to new_n: in place when it is the
 * arena's latest allocation and the block has room, else a copy (the old
 * storage is abandoned).  Returns the (possibly moved) memory. */
void *arena_resize(arena *a, void *p, size_t old_n, size_t new_n);
/* Grows an array owned by the arena: returns a copy of `old` (n_old elements
 * of `size` bytes) with room for n_new; the old storage is simply abandoned. */
void *arena_grow(arena *a, void *old, size_t n_old, size_t n_new, size_t size);

/* Gives the memory of the process's free arena blocks back to the system,
 * past the first keep_bytes' worth (kept for the next arenas without page
 * faults).  Blocks are otherwise kept for reuse until the process ends:
 * govpub serve calls this after each build so that it does not hold the
 * build's peak while it waits. */
void arena_store_trim(size_t keep_bytes);

/* Bytes handed out so far (for statistics). */
size_t arena_used(const arena *a);

#endif

/* arena: see arena.h.  Blocks are chained; a request larger than a quarter of
 * the block size gets a block of its own so big strings do not waste space. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK (64 * 1024)
#define ARENA_ALIGN 16
#define ARENA_SPARE_MAX 32 /* standard blocks kept across resets (2 MB) */

typedef struct block {
  struct block *next;
  size_t cap, used;
  _Alignas(ARENA_ALIGN) unsigned char data[];
} block;

struct arena {
  block *head;
  block *spare; /* standard blocks kept by arena_reset, reused first */
  size_t nspare;
  size_t total;
#ifdef ARENA_DEBUG
  void **ptrs;
  size_t nptrs, capptrs;
#endif
};

static void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) {
    fputs("govpub: out of memory\n", stderr);
    abort();
  }
  return p;
}

arena *arena_new(void) {
  arena *a = xmalloc(sizeof *a);
  memset(a, 0, sizeof *a);
  return a;
}

#ifdef ARENA_DEBUG
static void debug_release(arena *a) {
  for (size_t i = 0; i < a->nptrs; i++) free(a->ptrs[i]);
  free(a->ptrs);
  a->ptrs = NULL;
  a->nptrs = a->capptrs = 0;
}
#endif

void arena_free(arena *a) {
  if (!a) return;
#ifdef ARENA_DEBUG
  debug_release(a);
#endif
  for (block *b = a->head, *n; b; b = n) {
    n = b->next;
    free(b);
  }
  for (block *b = a->spare, *n; b; b = n) {
    n = b->next;
    free(b);
  }
  free(a);
}

void arena_reset(arena *a) {
#ifdef ARENA_DEBUG
  debug_release(a);
#endif
  for (block *b = a->head, *n; b; b = n) {
    n = b->next;
    if (b->cap == ARENA_BLOCK && a->nspare < ARENA_SPARE_MAX) {
      b->next = a->spare;
      a->spare = b;
      a->nspare++;
    } else {
      free(b);
    }
  }
  a->head = NULL;
  a->total = 0;
}

void *arena_alloc(arena *a, size_t n) {
  a->total += n;
#ifdef ARENA_DEBUG
  if (a->nptrs == a->capptrs) {
    a->capptrs = a->capptrs ? a->capptrs * 2 : 64;
    a->ptrs = realloc(a->ptrs, a->capptrs * sizeof *a->ptrs);
    if (!a->ptrs) abort();
  }
  return a->ptrs[a->nptrs++] = xmalloc(n);
#else
  n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
  block *b = a->head;
  if (b && b->cap - b->used >= n) {
    void *p = b->data + b->used;
    b->used += n;
    return p;
  }
  if (n > ARENA_BLOCK / 4) { /* own block, linked behind the current one */
    block *big = xmalloc(sizeof *big + n);
    big->cap = big->used = n;
    if (b) {
      big->next = b->next;
      b->next = big;
    } else {
      big->next = NULL;
      a->head = big;
    }
    return big->data;
  }
  block *nb = a->spare;
  if (nb) {
    a->spare = nb->next;
    a->nspare--;
  } else {
    nb = xmalloc(sizeof *nb + ARENA_BLOCK);
  }
  nb->cap = ARENA_BLOCK;
  nb->used = n;
  nb->next = b;
  a->head = nb;
  return nb->data;
#endif
}

void *arena_calloc(arena *a, size_t count, size_t size) {
  if (size && count > SIZE_MAX / size) abort();
  void *p = arena_alloc(a, count * size);
  memset(p, 0, count * size);
  return p;
}

char *arena_strndup(arena *a, const char *s, size_t n) {
  char *p = arena_alloc(a, n + 1);
  if (n) memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *arena_strdup(arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

char *arena_cat(arena *a, ...) {
  va_list ap;
  size_t n = 0;
  va_start(ap, a);
  for (const char *s; (s = va_arg(ap, const char *));) n += strlen(s);
  va_end(ap);
  char *out = arena_alloc(a, n + 1), *o = out;
  va_start(ap, a);
  for (const char *s; (s = va_arg(ap, const char *));) {
    size_t k = strlen(s);
    memcpy(o, s, k);
    o += k;
  }
  va_end(ap);
  *o = '\0';
  return out;
}

char *arena_printf(arena *a, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char small[256];
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) n = 0;
  if ((size_t)n < sizeof small) return arena_strndup(a, small, (size_t)n);
  char *p = arena_alloc(a, (size_t)n + 1);
  va_start(ap, fmt);
  vsnprintf(p, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return p;
}

void *arena_resize(arena *a, void *p, size_t old_n, size_t new_n) {
#ifndef ARENA_DEBUG
  size_t old_r = (old_n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
  size_t new_r = (new_n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
  block *b = a->head;
  if (p && b && (unsigned char *)p + old_r == b->data + b->used && b->used - old_r + new_r <= b->cap) {
    b->used = b->used - old_r + new_r;
    a->total += new_n > old_n ? new_n - old_n : 0;
    return p;
  }
#endif
  void *q = arena_alloc(a, new_n);
  if (p && old_n) memcpy(q, p, old_n < new_n ? old_n : new_n);
  return q;
}

void *arena_grow(arena *a, void *old, size_t n_old, size_t n_new, size_t size) {
  void *p = arena_alloc(a, n_new * size);
  if (old && n_old) memcpy(p, old, (n_old < n_new ? n_old : n_new) * size);
  return p;
}

size_t arena_used(const arena *a) { return a->total; }

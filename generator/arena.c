/* arena: see arena.h.  Blocks are chained; a request larger than a quarter of
 * the block size gets a block of its own (malloc'd) so big strings do not
 * waste space.
 *
 * Standard blocks come from the process's block store, not from malloc: 2 MB
 * aligned regions the kernel is asked to back with huge pages, carved into
 * 64 KB blocks, and blocks an arena gives back are handed out again.  With
 * 4 KB pages every first touch of arena memory was a page fault, about 3 µs
 * each on this kind of machine: 33,000 of them in a 10k-page build, 13,000
 * (some 40 ms of its 100 ms of CPU time) in an incremental one.  What a
 * finished arena held goes to the next one; a long-lived process (govpub
 * serve) gives the pages of what it does not need back to the system with
 * arena_store_trim. */
#include "arena.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define BLOCK_BYTES (64 * 1024) /* a standard block, header included */
#define ARENA_ALIGN 16
#define ARENA_SPARE_MAX 32 /* standard blocks kept across resets (2 MB) */
#define STORE_REGION (8u << 20) /* the block store maps this much at a time */
#define HUGE_PAGE (2u << 20)

typedef struct block {
  struct block *next;
  size_t cap, used;
  bool own;  /* a block of its own (malloc'd), not a standard one of the store */
  bool cold; /* a free standard block whose pages arena_store_trim gave back */
  _Alignas(ARENA_ALIGN) unsigned char data[];
} block;

#define ARENA_BLOCK (BLOCK_BYTES - sizeof(block)) /* a standard block's room */

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

static _Noreturn void out_of_memory(void) {
  fputs("govpub: out of memory\n", stderr);
  abort();
}

static void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) out_of_memory();
  return p;
}

#ifndef ARENA_DEBUG
static pthread_mutex_t store_lock = PTHREAD_MUTEX_INITIALIZER;
static block *store_free;                     /* blocks given back */
static unsigned char *store_next, *store_end; /* the current region's unused part */

/* A standard block (its cap set) from the store. */
static block *block_take(void) {
  pthread_mutex_lock(&store_lock);
  block *b = store_free;
  if (b) {
    store_free = b->next;
  } else {
    if (store_next == store_end) {
      unsigned char *m = mmap(NULL, STORE_REGION + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (m == MAP_FAILED) out_of_memory();
      store_next = (unsigned char *)(((uintptr_t)m + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
      store_end = store_next + STORE_REGION;
      madvise(store_next, STORE_REGION, MADV_HUGEPAGE); /* a hint: 4 KB pages where the kernel has none */
    }
    b = (block *)(void *)store_next;
    store_next += BLOCK_BYTES;
  }
  pthread_mutex_unlock(&store_lock);
  b->cap = ARENA_BLOCK;
  b->own = b->cold = false;
  return b;
}

/* The free blocks past the first keep_bytes' worth give their pages back to
 * the system, all but the first (the block's header and the free list's
 * link live there); touched again they come back as zero pages. */
void arena_store_trim(size_t keep_bytes) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE), kept = 0;
  pthread_mutex_lock(&store_lock);
  for (block *b = store_free; b; b = b->next) {
    if (kept + BLOCK_BYTES <= keep_bytes) {
      kept += BLOCK_BYTES;
    } else if (!b->cold) {
      madvise((unsigned char *)b + page, BLOCK_BYTES - page, MADV_DONTNEED);
      b->cold = true;
    }
  }
  pthread_mutex_unlock(&store_lock);
}

/* Gives a chain of blocks back: standard ones to the store, own ones to malloc. */
static void blocks_give(block *b) {
  block *keep = NULL, *last = NULL;
  for (block *n; b; b = n) {
    n = b->next;
    if (!b->own) {
      b->next = keep;
      keep = b;
      if (!last) last = b;
    } else {
      free(b);
    }
  }
  if (!keep) return;
  pthread_mutex_lock(&store_lock);
  last->next = store_free;
  store_free = keep;
  pthread_mutex_unlock(&store_lock);
}
#else
void arena_store_trim(size_t keep_bytes) { (void)keep_bytes; } /* every allocation is malloc's */
#endif

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
#else
  blocks_give(a->head);
  blocks_give(a->spare);
#endif
  free(a);
}

void arena_reset(arena *a) {
#ifdef ARENA_DEBUG
  debug_release(a);
#else
  block *back = NULL;
  for (block *b = a->head, *n; b; b = n) {
    n = b->next;
    if (!b->own && a->nspare < ARENA_SPARE_MAX) {
      b->next = a->spare;
      a->spare = b;
      a->nspare++;
    } else {
      b->next = back;
      back = b;
    }
  }
  blocks_give(back);
#endif
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
  if (n > BLOCK_BYTES / 4) { /* own block, linked behind the current one */
    block *big = xmalloc(sizeof *big + n);
    big->cap = big->used = n;
    big->own = true;
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
    nb = block_take();
  }
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
  enum { MOST = 8 }; /* the callers join two to five pieces; more are measured again */
  const char *part[MOST];
  size_t len[MOST], k = 0, n = 0;
  va_list ap;
  va_start(ap, a);
  for (const char *s; (s = va_arg(ap, const char *));) {
    size_t l = strlen(s);
    if (k < MOST) part[k] = s, len[k] = l;
    k++;
    n += l;
  }
  va_end(ap);
  char *out = arena_alloc(a, n + 1), *o = out;
  if (k <= MOST) {
    for (size_t i = 0; i < k; o += len[i], i++) memcpy(o, part[i], len[i]);
  } else {
    va_start(ap, a);
    for (const char *s; (s = va_arg(ap, const char *));) {
      size_t l = strlen(s);
      memcpy(o, s, l);
      o += l;
    }
    va_end(ap);
  }
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

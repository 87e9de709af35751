/* scan_hits: the collector every scanning thread adds to.  Hits are rare,
 * so one mutex around the append costs nothing; each hit's strings are
 * copied into the collector's arena, so the scanned text can go at once. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "scan_impl.h"

struct scan_hits {
  pthread_mutex_t lock;
  arena *a;
  scan_hit *v;
  size_t n, cap;
  atomic_size_t count[2]; /* by severity */
};

scan_hits *scan_hits_new(void) {
  scan_hits *h = calloc(1, sizeof *h);
  if (!h) abort();
  pthread_mutex_init(&h->lock, NULL);
  h->a = arena_new();
  return h;
}

void scan_hits_free(scan_hits *h) {
  if (!h) return;
  pthread_mutex_destroy(&h->lock);
  arena_free(h->a);
  free(h->v);
  free(h);
}

static const char *copy(arena *a, const char *s) { return s ? arena_strdup(a, s) : NULL; }

void scan_hits_add(scan_hits *h, const scan_hit *hit) {
  pthread_mutex_lock(&h->lock);
  if (h->n == h->cap) {
    h->cap = h->cap ? 2 * h->cap : 16;
    h->v = realloc(h->v, h->cap * sizeof *h->v);
    if (!h->v) abort();
  }
  scan_hit *c = &h->v[h->n++];
  *c = *hit;
  c->path = copy(h->a, hit->path);
  c->field = copy(h->a, hit->field);
  c->entry_file = copy(h->a, hit->entry_file);
  c->term = copy(h->a, hit->term);
  c->matched = copy(h->a, hit->matched);
  c->context = copy(h->a, hit->context);
  c->hint = copy(h->a, hit->hint);
  c->fix = copy(h->a, hit->fix);
  atomic_fetch_add(&h->count[hit->severity], 1);
  pthread_mutex_unlock(&h->lock);
}

bool scan_hits_blocked(const scan_hits *h) { return scan_hits_count(h, SCAN_BLOCK) > 0; }

size_t scan_hits_count(const scan_hits *h, scan_severity sev) { return atomic_load(&h->count[sev]); }

static int by_place(const void *a, const void *b) {
  const scan_hit *x = a, *y = b;
  int c = strcmp(x->path, y->path);
  if (c) return c;
  if (x->line != y->line) return x->line < y->line ? -1 : 1;
  if (x->col != y->col) return x->col < y->col ? -1 : 1;
  if (x->list != y->list) return x->list < y->list ? -1 : 1;
  if (x->entry_line != y->entry_line) return x->entry_line < y->entry_line ? -1 : 1;
  return strcmp(x->matched, y->matched);
}

const scan_hit *scan_hits_sorted(scan_hits *h, size_t *n) {
  pthread_mutex_lock(&h->lock);
  if (h->n) qsort(h->v, h->n, sizeof *h->v, by_place);
  *n = h->n;
  pthread_mutex_unlock(&h->lock);
  return h->v;
}

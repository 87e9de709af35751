/* strmap: see strmap.h.  Grows at 50% load; the old slot array is left in
 * the arena (tables here grow a handful of times per build). */
#include "strmap.h"

#include <stdint.h>
#include <string.h>

typedef struct {
  const char *key;
  void *val;
  uint64_t hash;
} slot;

struct strmap {
  arena *a;
  slot *slots;
  size_t cap, count;
};

static uint64_t fnv(const char *s) {
  uint64_t h = 1469598103934665603ULL;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
  return h;
}

strmap *strmap_new(arena *a) {
  strmap *m = arena_calloc(a, 1, sizeof *m);
  m->a = a;
  m->cap = 64;
  m->slots = arena_calloc(a, m->cap, sizeof(slot));
  return m;
}

static slot *find(const strmap *m, const char *key, uint64_t h) {
  size_t i = (size_t)h & (m->cap - 1);
  for (;;) {
    slot *s = &m->slots[i];
    if (!s->key || (s->hash == h && strcmp(s->key, key) == 0)) return s;
    i = (i + 1) & (m->cap - 1);
  }
}

void *strmap_get(const strmap *m, const char *key) {
  slot *s = find(m, key, fnv(key));
  return s->key ? s->val : NULL;
}

static void grow(strmap *m) {
  slot *old = m->slots;
  size_t oldcap = m->cap;
  m->cap *= 2;
  m->slots = arena_calloc(m->a, m->cap, sizeof(slot));
  for (size_t i = 0; i < oldcap; i++)
    if (old[i].key) *find(m, old[i].key, old[i].hash) = old[i];
}

void *strmap_put(strmap *m, const char *key, void *v) {
  if ((m->count + 1) * 2 > m->cap) grow(m);
  uint64_t h = fnv(key);
  slot *s = find(m, key, h);
  void *prev = s->key ? s->val : NULL;
  if (!s->key) {
    s->key = key;
    s->hash = h;
    m->count++;
  }
  s->val = v;
  return prev;
}

size_t strmap_count(const strmap *m) { return m->count; }

void strmap_each(const strmap *m, const char **keys, size_t *n) {
  for (size_t i = 0; i < m->cap; i++)
    if (m->slots[i].key) keys[(*n)++] = m->slots[i].key;
}

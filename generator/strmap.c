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

/* Eight bytes a step, each multiplied in and its high half folded down (the
 * table takes the low bits); the keys are URLs and paths of 20 to 60 bytes,
 * for which FNV's loop over bytes was most of a put. */
static uint64_t key_hash(const char *s) {
  size_t n = strlen(s);
  uint64_t h = 0x9e3779b97f4a7c15u ^ n;
  for (; n >= 8; s += 8, n -= 8) {
    uint64_t w;
    memcpy(&w, s, 8);
    h = (h ^ w) * 0xff51afd7ed558ccdu;
    h ^= h >> 32;
  }
  uint64_t w = 0;
  memcpy(&w, s, n);
  h = (h ^ w) * 0xc4ceb9fe1a85ec53u;
  return h ^ h >> 29;
}

strmap *strmap_new_for(arena *a, size_t n) {
  strmap *m = arena_calloc(a, 1, sizeof *m);
  m->a = a;
  m->cap = 64;
  while (m->cap < 2 * n + 2) m->cap *= 2;
  m->slots = arena_calloc(a, m->cap, sizeof(slot));
  return m;
}

strmap *strmap_new(arena *a) { return strmap_new_for(a, 0); }

static slot *find(const strmap *m, const char *key, uint64_t h) {
  size_t i = (size_t)h & (m->cap - 1);
  for (;;) {
    slot *s = &m->slots[i];
    if (!s->key || (s->hash == h && strcmp(s->key, key) == 0)) return s;
    i = (i + 1) & (m->cap - 1);
  }
}

void *strmap_get(const strmap *m, const char *key) {
  slot *s = find(m, key, key_hash(key));
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
  uint64_t h = key_hash(key);
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

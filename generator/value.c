/* value: see value.h. */
#include "value.h"

#include <string.h>

tval tv_null_value = {.kind = TV_NULL};

static tval *mk(arena *a, tv_kind k) {
  tval *v = arena_alloc(a, sizeof *v);
  memset(v, 0, sizeof *v);
  v->kind = k;
  return v;
}

tval *tv_bool(arena *a, bool b) {
  tval *v = mk(a, TV_BOOL);
  v->u.b = b;
  return v;
}

tval *tv_num(arena *a, double d) {
  tval *v = mk(a, TV_NUM);
  v->u.num = d;
  return v;
}

tval *tv_strn(arena *a, const char *s, size_t n) {
  tval *v = mk(a, TV_STR);
  v->u.str.s = s;
  v->u.str.len = n;
  return v;
}

tval *tv_str(arena *a, const char *s) { return tv_strn(a, s, strlen(s)); }

tval *tv_strdup(arena *a, const char *s) {
  size_t n = strlen(s);
  return tv_strn(a, arena_strndup(a, s, n), n);
}

tval *tv_html(arena *a, const char *s, size_t n) {
  tval *v = mk(a, TV_HTML);
  v->u.str.s = s;
  v->u.str.len = n;
  return v;
}

tval *tv_list(arena *a) { return mk(a, TV_LIST); }
tval *tv_map(arena *a) { return mk(a, TV_MAP); }

void tv_push(arena *a, tval *list, tval *item) {
  if (list->u.list.n == list->u.list.cap) {
    size_t cap = list->u.list.cap ? list->u.list.cap * 2 : 8;
    list->u.list.items = arena_grow(a, list->u.list.items, list->u.list.n, cap, sizeof(tval *));
    list->u.list.cap = cap;
  }
  list->u.list.items[list->u.list.n++] = item;
}

tval *tv_getn(const tval *map, const char *key, size_t keylen) {
  if (!map || map->kind != TV_MAP) return NULL;
  for (size_t i = 0; i < map->u.map.n; i++) {
    const char *k = map->u.map.keys[i];
    /* first byte first: most keys differ there, and a miss costs no call */
    if (k[0] == key[0] && strncmp(k, key, keylen) == 0 && k[keylen] == '\0') return map->u.map.vals[i];
  }
  return NULL;
}

tval *tv_get(const tval *map, const char *key) { return tv_getn(map, key, strlen(key)); }

void tv_set(arena *a, tval *map, const char *key, tval *v) {
  for (size_t i = 0; i < map->u.map.n; i++) {
    const char *k = map->u.map.keys[i];
    /* keys are mostly literals: the same pointer, or a different first byte */
    if (k == key || (k[0] == key[0] && strcmp(k, key) == 0)) {
      map->u.map.vals[i] = v;
      return;
    }
  }
  if (map->u.map.n == map->u.map.cap) {
    size_t cap = map->u.map.cap ? map->u.map.cap * 2 : 8;
    map->u.map.keys = arena_grow(a, map->u.map.keys, map->u.map.n, cap, sizeof(char *));
    map->u.map.vals = arena_grow(a, map->u.map.vals, map->u.map.n, cap, sizeof(tval *));
    map->u.map.cap = cap;
  }
  map->u.map.keys[map->u.map.n] = key;
  map->u.map.vals[map->u.map.n++] = v;
}

void tv_set_str(arena *a, tval *map, const char *key, const char *s) {
  if (s) tv_set(a, map, key, tv_str(a, s));
}

void tv_set_bool(arena *a, tval *map, const char *key, bool b) { tv_set(a, map, key, tv_bool(a, b)); }

bool tv_truthy(const tval *v) {
  if (!v) return false;
  switch (v->kind) {
    case TV_NULL: return false;
    case TV_BOOL: return v->u.b;
    case TV_NUM: return true;
    case TV_STR:
    case TV_HTML: return v->u.str.len > 0;
    case TV_LIST: return v->u.list.n > 0;
    case TV_MAP: return true;
  }
  return false;
}

/* value: see value.h. */
#include "value.h"

#include <string.h>

#include "escape.h"

tval tv_null_value = {.kind = TV_NULL, .stable = true};

static tval *mk(arena *a, tv_kind k) {
  tval *v = arena_alloc(a, sizeof *v);
  memset(v, 0, sizeof *v);
  v->kind = k;
  return v;
}

/* The two booleans, shared by every map (values are never changed once set). */
static tval tv_true = {.kind = TV_BOOL, .stable = true, .u.b = true},
            tv_false = {.kind = TV_BOOL, .stable = true, .u.b = false};

tval *tv_bool(arena *a, bool b) {
  (void)a;
  return b ? &tv_true : &tv_false;
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

tval *tv_map_copy(arena *a, const tval *map, size_t more) {
  tval *m = mk(a, TV_MAP);
  m->u.map = map->u.map;
  m->u.map.cap = map->u.map.n + (uint32_t)more;
  m->u.map.e = arena_alloc(a, (m->u.map.cap ? m->u.map.cap : 1) * sizeof(tv_entry));
  if (map->u.map.n) memcpy(m->u.map.e, map->u.map.e, map->u.map.n * sizeof(tv_entry));
  return m;
}

tval *tv_list_copy(arena *a, const tval *list) {
  tval *l = mk(a, TV_LIST);
  size_t n = list->u.list.n;
  l->u.list.items = arena_alloc(a, (n ? n : 1) * sizeof(tval *));
  if (n) memcpy(l->u.list.items, list->u.list.items, n * sizeof(tval *));
  l->u.list.n = l->u.list.cap = n;
  return l;
}

/* One of 64 bits, from the head: keys in a map set theirs in its bloom. */
static inline uint64_t bit_of(uint64_t head) { return (uint64_t)1 << ((head * 0x9E3779B97F4A7C15u) >> 58); }

tv_key tv_key_of(const char *s, size_t n) {
  uint64_t head = tv_head(s, n);
  return (tv_key){s, n, head, bit_of(head)};
}

tval *tv_getk(const tval *map, const tv_key *key) {
  uint32_t at = 0;
  return tv_getk_search(map, key, &at);
}

tval *tv_getk_search(const tval *map, const tv_key *key, uint32_t *at) {
  if (!map || map->kind != TV_MAP || !(map->u.map.bloom & key->bit)) return NULL;
  const tv_entry *e = map->u.map.e;
  if (*at < map->u.map.n && tv_holds(&e[*at], key)) return e[*at].val;
  for (uint32_t i = 0; i < map->u.map.n; i++)
    if (tv_holds(&e[i], key)) {
      *at = i;
      return e[i].val;
    }
  return NULL;
}

tval *tv_getn(const tval *map, const char *key, size_t keylen) {
  tv_key k = tv_key_of(key, keylen);
  return tv_getk(map, &k);
}

tval *tv_get(const tval *map, const char *key) { return tv_getn(map, key, strlen(key)); }

void tv_setk(arena *a, tval *map, const char *key, size_t keylen, uint64_t head, tval *v) {
  uint64_t bit = bit_of(head);
  for (uint32_t i = 0; (map->u.map.bloom & bit) && i < map->u.map.n; i++) {
    tv_entry *e = &map->u.map.e[i];
    /* most entries have another head: one comparison each (a page's map
     * has some fifty keys, which fill most of the bloom's bits) */
    if (e->head == head && (keylen < 8 || e->key == key || strcmp(e->key + 8, key + 8) == 0)) {
      e->val = v;
      return;
    }
  }
  if (map->u.map.n == map->u.map.cap) {
    uint32_t cap = map->u.map.cap ? map->u.map.cap * 2 : 16;
    map->u.map.e = arena_grow(a, map->u.map.e, map->u.map.n, cap, sizeof(tv_entry));
    map->u.map.cap = cap;
  }
  map->u.map.e[map->u.map.n++] = (tv_entry){head, key, v};
  map->u.map.bloom |= bit;
}

void tv_mark_plain(tval *v) {
  if (!v) return;
  if (!v->stable) v->stable = true; /* the shared booleans are already (threads read them) */
  if (v->kind == TV_STR) v->plain = esc_html_plain(v->u.str.s, v->u.str.len);
  else if (v->kind == TV_LIST)
    for (size_t i = 0; i < v->u.list.n; i++) tv_mark_plain(v->u.list.items[i]);
  else if (v->kind == TV_MAP)
    for (uint32_t i = 0; i < v->u.map.n; i++) tv_mark_plain(v->u.map.e[i].val);
}

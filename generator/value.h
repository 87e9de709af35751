/* value: the data templates render — a small dynamic tree (null, bool,
 * number, text, HTML, list, map).
 *
 * Ownership: values are built in an arena (the page render's, or the site
 * model's for values shared by every page) and never freed one by one; null
 * and the two booleans are shared, read-only.  Values shared by pages or
 * threads (the site's data, what a column's articles share, list items)
 * are not changed once made.
 * Text (TV_STR) is escaped by the template engine (unless marked plain:
 * tv_mark_plain); TV_HTML is markup made by govpub's own modules (rendered
 * Markdown, JSON-LD) and is written as is.
 * Maps keep insertion order and are searched in order (a page context has a
 * few dozen keys), from the entry a template tag found its key at last time
 * (tv_getk_at).  Each entry keeps its key's first eight bytes packed in a
 * number (tv_key), so the search compares one number per key, and a whole
 * key only past eight bytes: layouts look names up hundreds of times a page,
 * and the byte-and-strncmp search was 4 % of a build's instructions. */
#ifndef GOVPUB_VALUE_H
#define GOVPUB_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"

typedef enum { TV_NULL, TV_BOOL, TV_NUM, TV_STR, TV_HTML, TV_LIST, TV_MAP } tv_kind;

typedef struct tval tval;

/* A key as maps compare it: s[0..n), its first eight bytes as a number
 * (zeros past the end) and a bit of a hash of them (made once, e.g. when a
 * template is compiled). */
typedef struct tv_key {
  const char *s;
  size_t n;
  uint64_t head;
  uint64_t bit; /* the key's bit in a map's bloom */
} tv_key;

typedef struct tv_entry {
  uint64_t head; /* tv_key's head of key */
  const char *key;
  tval *val;
} tv_entry;

struct tval {
  tv_kind kind;
  bool plain;  /* TV_STR holding no byte that HTML escaping replaces (tv_mark_plain) */
  bool stable; /* the same value at the same address while pages render (tv_stable) */
  union {
    bool b;
    double num;
    struct { const char *s; size_t len; } str; /* TV_STR, TV_HTML */
    struct { tval **items; size_t n, cap; } list;
    struct {
      tv_entry *e;
      uint32_t n, cap;
      uint64_t bloom; /* bit tv_key_bit of every key: most absent keys are known absent at once */
    } map;
  } u;
};

extern tval tv_null_value; /* the shared null (read-only) */

tval *tv_bool(arena *a, bool b);
tval *tv_num(arena *a, double d);
/* Text values point at `s` (not copied: it must live as long as the value);
 * tv_strdup copies into the arena. */
tval *tv_str(arena *a, const char *s);
tval *tv_strn(arena *a, const char *s, size_t n);
tval *tv_strdup(arena *a, const char *s);
tval *tv_html(arena *a, const char *s, size_t n);
tval *tv_list(arena *a);
tval *tv_map(arena *a);

void tv_push(arena *a, tval *list, tval *item);
/* A new map with map's entries (its values shared, not copied) and room
 * for `more` entries before it grows: setting keys in it leaves map as it is. */
tval *tv_map_copy(arena *a, const tval *map, size_t more);
/* A new list with list's items (shared, not copied): replacing one of its
 * items leaves list as it is. */
tval *tv_list_copy(arena *a, const tval *list);
/* The first eight bytes of s[0..n), zeros past n, as one number (tv_key's
 * head): two keys under eight bytes are equal when their heads are.
 * Inline, so a literal key's head is a constant when govpub is compiled. */
static inline uint64_t tv_head(const char *s, size_t n) {
  uint64_t h = 0;
  memcpy(&h, s, n < 8 ? n : 8);
  return h;
}
/* tv_setn of a key whose head (tv_head) the caller has. */
void tv_setk(arena *a, tval *map, const char *key, size_t keylen, uint64_t head, tval *v);
/* Sets key (not copied; keylen bytes) to v, replacing an earlier value of
 * the same key. */
static inline void tv_setn(arena *a, tval *map, const char *key, size_t keylen, tval *v) {
  tv_setk(a, map, key, keylen, tv_head(key, keylen), v);
}
/* tv_setn of a NUL-terminated key; inline, so a literal key's length and
 * head are known when govpub is compiled (most keys a page's map is given). */
static inline void tv_set(arena *a, tval *map, const char *key, tval *v) {
  tv_setn(a, map, key, strlen(key), v);
}
/* Shorthands for the common cases; a NULL string sets nothing. */
static inline void tv_set_str(arena *a, tval *map, const char *key, const char *s) {
  if (s) tv_set(a, map, key, tv_str(a, s));
}
static inline void tv_set_bool(arena *a, tval *map, const char *key, bool b) {
  tv_set(a, map, key, tv_bool(a, b));
}

/* The value of key in map, or NULL when absent (or map is not a map). */
tval *tv_get(const tval *map, const char *key);
tval *tv_getn(const tval *map, const char *key, size_t keylen);
tv_key tv_key_of(const char *s, size_t n);
tval *tv_getk(const tval *map, const tv_key *key);
/* tv_getk that looks at entry *at first and sets *at to the entry where the
 * key is: a template tag keeps where it found its key last time, and the
 * maps of one kind of page have their keys in much the same order.  Inline
 * when the entry at *at holds the key (the usual case), or when the map's
 * bloom says the key is not there. */
tval *tv_getk_search(const tval *map, const tv_key *key, uint32_t *at);
/* True when entry e holds `key`: equal heads, and past eight bytes the
 * same bytes to the key's end, where the entry's key (NUL-terminated)
 * ends too.  A byte loop: what is left past the head is a few bytes
 * (is_article, permalink, reading_minutes), and a call to strncmp cost
 * more than the comparison. */
static inline bool tv_holds(const tv_entry *e, const tv_key *key) {
  if (e->head != key->head) return false;
  size_t i = 8; /* key->n < 8: the heads hold the whole keys */
  while (i < key->n && e->key[i] == key->s[i]) i++;
  return key->n < 8 || (i == key->n && e->key[i] == '\0');
}
static inline tval *tv_getk_at(const tval *map, const tv_key *key, uint32_t *at) {
  if (!map || map->kind != TV_MAP || !(map->u.map.bloom & key->bit))
    return NULL; /* a section's text or flag, a name the map has not (most misses: no call) */
  if (*at < map->u.map.n && tv_holds(&map->u.map.e[*at], key)) return map->u.map.e[*at].val;
  return tv_getk_search(map, key, at);
}

/* Marks every text value in v (a map's or list's, all the way down) that
 * needs no HTML escaping as plain, so templates write it as it is.  That
 * takes a pass over the text: for values made once and shown many times
 * (the site's data, menus, a page's list item), not for text of one page.
 * Values are not changed after this (threads may read them), and they live
 * as long as pages are rendered from them: every value in v is marked
 * stable too, and the template memo (tmpl_memo.h) then takes a value's
 * address for what it holds.  So mark only values that live, unchanged,
 * until the renderer is freed (the model's, the renderer's shared ones):
 * never one in an arena reset between pages, whose address the next
 * page's value could take. */
void tv_mark_plain(tval *v);

/* True for a value that is the same, at the same address, on every page
 * rendered while it lives: the shared null and booleans, values marked by
 * tv_mark_plain, and no value (NULL).  A layout's output that read only
 * stable values is the same wherever they are the same (tmpl's memo). */
static inline bool tv_stable(const tval *v) { return !v || v->stable; }

/* Mustache truthiness: null, false, an empty list and an empty string are
 * false (the spec leaves strings open; empty text is false so templates can
 * test optional fields). */
static inline bool tv_truthy(const tval *v) {
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

#endif

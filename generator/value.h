/* value: the data templates render — a small dynamic tree (null, bool,
 * number, text, HTML, list, map).
 *
 * Ownership: values are built in an arena (the page render's, or the site
 * model's for values shared by every page) and never freed one by one.
 * Text (TV_STR) is escaped by the template engine; TV_HTML is markup made by
 * govpub's own modules (rendered Markdown, JSON-LD) and is written as is.
 * Maps keep insertion order; lookups compare keys with strcmp (maps are
 * small: a page context has a few dozen keys). */
#ifndef GOVPUB_VALUE_H
#define GOVPUB_VALUE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

typedef enum { TV_NULL, TV_BOOL, TV_NUM, TV_STR, TV_HTML, TV_LIST, TV_MAP } tv_kind;

typedef struct tval tval;
struct tval {
  tv_kind kind;
  union {
    bool b;
    double num;
    struct { const char *s; size_t len; } str; /* TV_STR, TV_HTML */
    struct { tval **items; size_t n, cap; } list;
    struct { const char **keys; tval **vals; size_t n, cap; } map;
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
/* Sets key (not copied) to v, replacing an earlier value of the same key. */
void tv_set(arena *a, tval *map, const char *key, tval *v);
/* Shorthands for the common cases; a NULL string sets nothing. */
void tv_set_str(arena *a, tval *map, const char *key, const char *s);
void tv_set_bool(arena *a, tval *map, const char *key, bool b);

/* The value of key in map, or NULL when absent (or map is not a map). */
tval *tv_get(const tval *map, const char *key);
tval *tv_getn(const tval *map, const char *key, size_t keylen);

/* Mustache truthiness: null, false, an empty list and an empty string are
 * false (the spec leaves strings open; empty text is false so templates can
 * test optional fields). */
bool tv_truthy(const tval *v);

#endif

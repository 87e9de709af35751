/* yamlx: libyaml's event stream turned into a small tree whose every node
 * knows its 1-based line and column (in code points), so every later check
 * can point at the exact spot.
 *
 * Ownership: nodes and their strings live in the arena given to yamlx_parse.
 * Aliases point at the anchored node (shared, not copied), which keeps alias
 * bombs from multiplying memory; yamlx caps the node count all the same. */
#ifndef GOVPUB_YAMLX_H
#define GOVPUB_YAMLX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

typedef enum { YX_SCALAR, YX_SEQ, YX_MAP } yx_kind;

/* The deepest nesting yamlx builds (deeper documents are refused). */
#define YX_MAX_DEPTH 64
/* The most keys one mapping may have (each key is checked against the
 * others: a front matter of 50,000 keys took 2.5 GB and 19 s). */
#define YX_MAX_KEYS 10000

/* The room for the items of a list or mapping holding n of them, when
 * adding one more needs more (8, then doubled: growing by a constant step
 * copied a list of 300,000 tags some 37,000 times); 0 when there is room. */
static inline size_t yx_room_for_next(size_t n) { return n == 0 ? 8 : n >= 8 && (n & (n - 1)) == 0 ? 2 * n : 0; }

typedef struct yx_node yx_node;
/* 48 bytes: a site's front matter is most of its model (some 40 nodes a
 * page, kept for the whole build; every megabyte a build touches costs
 * page faults, about 0.4 ms of CPU here). */
struct yx_node {
  const char *str;   /* YX_SCALAR: the value, NUL-terminated */
  union {
    yx_node **items; /* YX_SEQ items */
    yx_node **keys;  /* YX_MAP keys, in file order */
  };
  yx_node **vals;    /* YX_MAP values, beside their keys */
  uint32_t len;      /* YX_SCALAR: bytes of str (documents are under 4 GB) */
  uint32_t n;        /* YX_SEQ: items; YX_MAP: pairs */
  int line, col;     /* 1-based, in the file (front matter offsets applied) */
  uint8_t kind;      /* a yx_kind */
  bool plain;        /* scalar written without quotes (so `true`, `12` are typed) */
};

/* Parses one YAML document.  `line_offset` is added to every line (front
 * matter starts below the `---`).  Empty input gives an empty map.  On a
 * syntax error, a duplicate key, or a document whose top level is not a
 * mapping when `want_map` is set, reports at path:line:col and returns NULL. */
yx_node *yamlx_parse(arena *a, const char *path, const char *text, size_t len,
                     int line_offset, bool want_map);
/* yamlx_parse through libyaml's events always; yamlx_parse itself reads
 * the common front matter without libyaml first (yamlx_simple.h), and the
 * tests compare the two. */
yx_node *yamlx_parse_events(arena *a, const char *path, const char *text, size_t len,
                            int line_offset, bool want_map);

/* The value of `key` in a map node, or NULL. */
yx_node *yx_get(const yx_node *map, const char *key);
/* The key node of `key` (for positions), or NULL. */
yx_node *yx_key(const yx_node *map, const char *key);
/* Where the text `str` (a scalar's own string, not a copy) stands in v:
 * the item of a sequence that holds it, else v itself (for positions of
 * values taken from a list that skipped some items). */
const yx_node *yx_holder(const yx_node *v, const char *str);
/* The scalar's text, or NULL when the node is missing or not a scalar. */
const char *yx_str(const yx_node *n);
/* True for a plain scalar spelled null, ~ or empty. */
bool yx_is_null(const yx_node *n);
/* Plain `true`/`false` (also yes/no); returns -1 when not a boolean. */
int yx_bool(const yx_node *n);
const char *yx_kind_name(yx_kind k);

#endif

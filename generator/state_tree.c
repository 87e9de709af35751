/* state_tree: see state_tree.h.  An image is the tree's nodes in
 * depth-first order, each followed by its scalar's string (and NUL) or
 * its pointer arrays (a map's keys, then its values), each node and array
 * 8-aligned in the file; padding is zero.  Every pointer points forward
 * (a child lies after its parent), which is what makes a damaged image
 * unable to loop. */
#include "state_tree.h"

#include <stdbool.h>
#include <string.h>

/* put_node writes pointers as 8 bytes at yx_node's offsets */
_Static_assert(sizeof(void *) == 8 && sizeof(yx_node) == 48, "an image is a 64-bit yx_node's layout");

/* ---- writing ---------------------------------------------------------------------- */

static void pad8(buf *b, size_t at) {
  static const char zeros[8];
  buf_put(b, zeros, (8 - (at + b->len) % 8) % 8);
}

/* Room for n bytes of zeros at the end of b; their offset in b. */
static size_t room(buf *b, size_t n) {
  buf_reserve(b, n);
  memset(b->data + b->len, 0, n);
  b->len += n;
  return b->len - n;
}

static void set_u64(buf *b, size_t pos, uint64_t v) { memcpy(b->data + pos, &v, 8); }

/* Writes node n (8-aligned) and what hangs from it; returns its offset in b. */
static size_t put_node(buf *b, size_t at, const yx_node *n) {
  pad8(b, at);
  size_t pos = room(b, sizeof(yx_node));
  uint32_t len = n->kind == YX_SCALAR ? n->len : 0, cnt = n->kind == YX_SCALAR ? 0 : n->n;
  int32_t line = n->line, col = n->col;
  memcpy(b->data + pos + offsetof(yx_node, len), &len, 4);
  memcpy(b->data + pos + offsetof(yx_node, n), &cnt, 4);
  memcpy(b->data + pos + offsetof(yx_node, line), &line, 4);
  memcpy(b->data + pos + offsetof(yx_node, col), &col, 4);
  b->data[pos + offsetof(yx_node, kind)] = (char)n->kind;
  b->data[pos + offsetof(yx_node, plain)] = (char)(n->plain ? 1 : 0);
  if (n->kind == YX_SCALAR) {
    size_t s = b->len;
    buf_put(b, n->str, n->len);
    buf_putc(b, '\0');
    set_u64(b, pos + offsetof(yx_node, str), STATE_TREE_BASE + at + s);
    return pos;
  }
  if (!cnt) return pos;
  int arrays = n->kind == YX_MAP ? 2 : 1;
  pad8(b, at);
  size_t arr = room(b, (size_t)cnt * 8 * (size_t)arrays);
  set_u64(b, pos + offsetof(yx_node, items), STATE_TREE_BASE + at + arr);
  if (arrays == 2) set_u64(b, pos + offsetof(yx_node, vals), STATE_TREE_BASE + at + arr + (size_t)cnt * 8);
  for (size_t i = 0; i < cnt; i++) {
    if (n->kind == YX_SEQ) {
      set_u64(b, arr + i * 8, STATE_TREE_BASE + at + put_node(b, at, n->items[i]));
    } else {
      set_u64(b, arr + i * 8, STATE_TREE_BASE + at + put_node(b, at, n->keys[i]));
      set_u64(b, arr + ((size_t)cnt + i) * 8, STATE_TREE_BASE + at + put_node(b, at, n->vals[i]));
    }
  }
  return pos;
}

void state_tree_put(buf *b, size_t at, const yx_node *n) {
  size_t len_at = room(b, 4);
  pad8(b, at);
  size_t start = b->len;
  put_node(b, at, n);
  uint32_t len = (uint32_t)(b->len - start);
  memcpy(b->data + len_at, &len, 4);
}

size_t state_tree_size(const yx_node *n, size_t limit) {
  bool scalar = n->kind == YX_SCALAR;
  int arrays = n->kind == YX_MAP ? 2 : 1;
  /* put_node: padding, the node, then its string or its arrays (padding first) */
  size_t c = 7 + sizeof(yx_node) + (scalar ? (size_t)n->len + 1 : 7 + (size_t)n->n * 8 * (size_t)arrays);
  for (size_t i = 0; !scalar && i < n->n && c <= limit; i++) {
    if (n->kind == YX_SEQ) {
      c += state_tree_size(n->items[i], limit - c);
    } else {
      c += state_tree_size(n->keys[i], limit - c);
      if (c <= limit) c += state_tree_size(n->vals[i], limit - c);
    }
  }
  return c;
}

/* ---- reading ---------------------------------------------------------------------- */

typedef struct {
  uintptr_t lo, hi; /* the image, where it lies */
  uintptr_t delta;  /* added to a written address to find it (mod 2^64) */
  size_t budget;    /* nodes left: an image holds no more than its bytes allow */
  arena *a;         /* NULL: used in place */
} walk;

static uint64_t field_u64(uintptr_t node, size_t off) {
  uint64_t v;
  memcpy(&v, (const void *)(node + off), 8);
  return v;
}
static uint32_t field_u32(uintptr_t node, size_t off) {
  uint32_t v;
  memcpy(&v, (const void *)(node + off), 4);
  return v;
}

/* Where the written address v lies, when `size` bytes there are inside the
 * image, 8-aligned when `align`, and after `after`; else 0. */
static uintptr_t inside(const walk *w, uint64_t v, size_t size, bool align, uintptr_t after) {
  uintptr_t at = (uintptr_t)v + w->delta;
  if (at < w->lo || at >= w->hi || at <= after || (align && at % 8) || size > w->hi - at) return 0;
  return at;
}

/* Checks the node written at v (after `after`) and what hangs from it,
 * as yamlx builds trees (no deeper than it nests, a map's keys scalars:
 * code that reads a front matter takes a key's string as it is); returns
 * it (in place) or its copy, NULL when anything is amiss. */
static yx_node *check(walk *w, uint64_t v, uintptr_t after, int depth) {
  uintptr_t at = inside(w, v, sizeof(yx_node), true, after);
  if (!at || depth > YX_MAX_DEPTH || !w->budget--) return NULL;
  unsigned kind = *(const unsigned char *)(at + offsetof(yx_node, kind));
  unsigned plain = *(const unsigned char *)(at + offsetof(yx_node, plain));
  uint32_t len = field_u32(at, offsetof(yx_node, len)), n = field_u32(at, offsetof(yx_node, n));
  uint64_t str = field_u64(at, offsetof(yx_node, str)), items = field_u64(at, offsetof(yx_node, items)),
           vals = field_u64(at, offsetof(yx_node, vals));
  if (kind > YX_MAP || plain > 1) return NULL;
  yx_node *copy = NULL;
  if (w->a) {
    copy = arena_alloc(w->a, sizeof *copy);
    memcpy(copy, (const void *)at, sizeof *copy);
  }
  if (kind == YX_SCALAR) {
    uintptr_t s = inside(w, str, (size_t)len + 1, false, 0);
    if (!s || items || vals || n || *(const char *)(s + len) != '\0') return NULL;
    if (copy) copy->str = (const char *)s;
    return copy ? copy : (yx_node *)at;
  }
  int arrays = kind == YX_MAP ? 2 : 1;
  if (str || (kind == YX_SEQ && vals) || len) return NULL;
  if (!n) return items || vals ? NULL : copy ? copy : (yx_node *)at;
  if (n > w->budget) return NULL; /* (and n * 8 cannot overflow) */
  uintptr_t arr[2] = {inside(w, items, (size_t)n * 8, true, 0), arrays == 2 ? inside(w, vals, (size_t)n * 8, true, 0) : 1};
  if (!arr[0] || !arr[1]) return NULL;
  yx_node **out[2] = {NULL, NULL};
  for (int k = 0; k < arrays && copy; k++) out[k] = arena_alloc(w->a, (size_t)n * sizeof(yx_node *));
  for (uint32_t i = 0; i < n; i++)
    for (int k = 0; k < arrays; k++) {
      yx_node *child = check(w, field_u64(arr[k], (size_t)i * 8), at, depth + 1);
      if (!child || (kind == YX_MAP && k == 0 && child->kind != YX_SCALAR)) return NULL;
      if (copy) out[k][i] = child;
    }
  if (copy) {
    copy->items = out[0];
    copy->vals = out[1];
  }
  return copy ? copy : (yx_node *)at;
}

yx_node *state_tree_get(const char *img, size_t len, const char *mapped, arena *a) {
  bool in_place = (uintptr_t)mapped == STATE_TREE_BASE;
  walk w = {(uintptr_t)img, (uintptr_t)img + len, (uintptr_t)mapped - STATE_TREE_BASE, len / sizeof(yx_node),
            in_place ? NULL : a};
  if ((uintptr_t)img % 8 || len < sizeof(yx_node)) return NULL;
  /* the root is the image's first node (inside() wants it after something) */
  yx_node *root = check(&w, (uint64_t)((uintptr_t)img - w.delta), (uintptr_t)img - 1, 0);
  return root && root->kind == YX_MAP ? root : NULL;
}

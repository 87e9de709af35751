/* state_tree: see state_tree.h.  An image is the tree's nodes in
 * depth-first order, each followed by its scalar's string (and NUL) or
 * its pointer arrays (a map's keys, then its values), each node and array
 * 8-aligned in the file; padding is zero.  Where each thing lies follows
 * from the ones before it, so reading an image back checks every pointer
 * against that one place (which also makes a damaged image unable to
 * loop: the check only moves forward). */
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
  uintptr_t hi;    /* the image's end, where it lies */
  uintptr_t delta; /* added to a written address to find it (mod 2^64) */
  uintptr_t next;  /* where the next node begins (after padding to 8): put_node's order */
  arena *a;        /* NULL: used in place */
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

/* True when the written address v is `at`, where it lies. */
static bool written_at(const walk *w, uint64_t v, uintptr_t at) { return (uintptr_t)v + w->delta == at; }

/* Where the next node lies (where the last ended, padded to 8) when it is
 * whole inside the image and written as v; else 0. */
static uintptr_t node_at(const walk *w, uint64_t v) {
  uintptr_t at = (w->next + 7) & ~(uintptr_t)7;
  return at >= w->next && at <= w->hi && w->hi - at >= sizeof(yx_node) && written_at(w, v, at) ? at : 0;
}

static unsigned kind_of(uintptr_t node) { return *(const unsigned char *)(node + offsetof(yx_node, kind)); }

/* The node at `at`, in place or copied. */
static yx_node *taken(walk *w, uintptr_t at) {
  if (!w->a) return (yx_node *)at;
  yx_node *copy = arena_alloc(w->a, sizeof *copy);
  memcpy(copy, (const void *)at, sizeof *copy);
  return copy;
}

/* Checks the node at `at` (node_at), a scalar, and its string and NUL
 * right after it. */
static yx_node *scalar(walk *w, uintptr_t at) {
  uintptr_t body = at + sizeof(yx_node);
  unsigned plain = *(const unsigned char *)(at + offsetof(yx_node, plain));
  uint32_t len = field_u32(at, offsetof(yx_node, len)), n = field_u32(at, offsetof(yx_node, n));
  if (plain > 1 || n || field_u64(at, offsetof(yx_node, items)) || field_u64(at, offsetof(yx_node, vals)) ||
      !written_at(w, field_u64(at, offsetof(yx_node, str)), body) || len >= w->hi - body ||
      *(const char *)(body + len) != '\0')
    return NULL;
  w->next = body + len + 1;
  yx_node *node = taken(w, at);
  if (w->a) node->str = (const char *)body;
  return node;
}

/* Checks the node at `at` (node_at), a sequence or a map at `depth`, and
 * what hangs from it, as put_node lays them out: its arrays right after
 * it, its children after those, in order; and as yamlx builds trees (no
 * deeper than it nests, a map's keys scalars: code that reads a front
 * matter takes a key's string as it is).  Every pointer must be the one
 * place put_node puts what it points to, so each node's check is a few
 * comparisons, and no image can loop: the walk only moves forward.  (A
 * scalar child, most nodes, is checked here, without a call of its own.)
 * Returns the node (in place) or its copy, NULL when anything is amiss. */
static yx_node *collection(walk *w, uintptr_t at, unsigned kind, int depth) {
  uintptr_t body = at + sizeof(yx_node);
  unsigned plain = *(const unsigned char *)(at + offsetof(yx_node, plain));
  uint32_t n = field_u32(at, offsetof(yx_node, n));
  uint64_t items = field_u64(at, offsetof(yx_node, items)), vals = field_u64(at, offsetof(yx_node, vals));
  if (depth > YX_MAX_DEPTH || plain > 1 || field_u64(at, offsetof(yx_node, str)) || field_u32(at, offsetof(yx_node, len)))
    return NULL;
  w->next = body;
  if (!n) return items || vals ? NULL : taken(w, at);
  int arrays = kind == YX_MAP ? 2 : 1;
  size_t bytes = (size_t)n * 8; /* an array's (n < 2^32: no overflow) */
  if (depth == YX_MAX_DEPTH || bytes * (size_t)arrays > w->hi - body || !written_at(w, items, body) ||
      (arrays == 2 ? !written_at(w, vals, body + bytes) : vals != 0))
    return NULL;
  w->next = body + bytes * (size_t)arrays;
  yx_node *node = taken(w, at), **out[2] = {NULL, NULL};
  for (int k = 0; k < arrays && w->a; k++) out[k] = arena_alloc(w->a, bytes);
  for (uint32_t i = 0; i < n; i++)
    for (int k = 0; k < arrays; k++) {
      uintptr_t c = node_at(w, field_u64(body + (size_t)k * bytes, (size_t)i * 8));
      unsigned ck = c ? kind_of(c) : YX_MAP + 1;
      yx_node *child = NULL;
      if (ck == YX_SCALAR) child = scalar(w, c);
      else if (ck <= YX_MAP && !(kind == YX_MAP && k == 0)) child = collection(w, c, ck, depth + 1);
      if (!child) return NULL;
      if (w->a) out[k][i] = child;
    }
  if (w->a) {
    node->items = out[0];
    node->vals = out[1];
  }
  return node;
}

yx_node *state_tree_get(const char *img, size_t len, const char *mapped, arena *a) {
  bool in_place = (uintptr_t)mapped == STATE_TREE_BASE;
  walk w = {(uintptr_t)img + len, (uintptr_t)mapped - STATE_TREE_BASE, (uintptr_t)img, in_place ? NULL : a};
  if ((uintptr_t)img % 8 || len < sizeof(yx_node)) return NULL;
  /* the root is the image's first node, and its last byte the last node's */
  uintptr_t at = node_at(&w, (uint64_t)((uintptr_t)img - w.delta));
  yx_node *root = at && kind_of(at) == YX_MAP ? collection(&w, at, YX_MAP, 0) : NULL;
  return root && w.next == w.hi ? root : NULL;
}

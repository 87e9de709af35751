/* test_state_tree: a front matter tree's image in the build state
 * (state_tree.h) gives back the same tree — strings, kinds, lines,
 * columns, plain — both used in place (the file mapped at
 * STATE_TREE_BASE) and copied with its pointers moved (mapped anywhere
 * else), wherever in the file it starts; and an image damaged at any byte,
 * or cut short at any length, gives NULL or a tree whose every node and
 * string can be read (ASan and valgrind watch the reading). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "arena.h"
#include "buf.h"
#include "state_tree.h"
#include "testlib.h"
#include "yamlx.h"
#include "yx_same.h"

static const char *const FM =
    "title: \"关于印发《数据资源管理办法》的通知\"\n"
    "date: 2024-11-20T10:12:00+08:00\n"
    "draft: false\n"
    "tags: [数据, 政策]\n"
    "empty: []\n"
    "none: {}\n"
    "base: &b {发文机关: 区数据资源管理局, 文号: 〔2024〕3号}\n"
    "again: *b\n"
    "interpretations:\n"
    "  - policy/a.md\n"
    "  - {title: 图解, url: /x/}\n"
    "weight: 12\n";

/* Reads every node and every byte of every string (what a build may do
 * with it); false when a map's key is not a scalar, which yamlx never
 * builds and the code reading front matters takes for granted. */
static bool touch(const yx_node *n, size_t *sum) {
  *sum += (size_t)n->kind + (size_t)n->line + (size_t)n->col + (n->plain ? 1 : 0);
  if (n->kind == YX_SCALAR) {
    *sum += strlen(n->str) + n->len;
    return true;
  }
  for (size_t i = 0; i < n->n; i++) {
    if (n->kind == YX_MAP && n->keys[i]->kind != YX_SCALAR) return false;
    if (n->kind == YX_SEQ ? !touch(n->items[i], sum) : !touch(n->keys[i], sum) || !touch(n->vals[i], sum))
      return false;
  }
  return true;
}

/* A file of `at` bytes of something, then the tree's record part
 * (state_tree_put), at *where (8-aligned; when NULL, a new allocation of
 * the file's size, so that ASan sees any reading past it); returns the
 * image's offset. */
static size_t file_with(char **where, size_t at, const yx_node *t, size_t *img_len) {
  buf b = BUF_INIT;
  for (size_t i = 0; i < at; i++) buf_putc(&b, 'x');
  state_tree_put(&b, 0, t);
  uint32_t len;
  memcpy(&len, b.data + at, 4);
  *img_len = len;
  if (!*where && posix_memalign((void **)where, 8, b.len) != 0) abort();
  memcpy(*where, b.data, b.len);
  size_t img = b.len - len;
  buf_free(&b);
  return img;
}

int main(void) {
  arena *a = arena_new();
  yx_node *t = yamlx_parse(a, "t.md", FM, strlen(FM), 1, true);
  size_t room = 1 << 16;
  /* the in-place reading needs the address: free in a plain process; taken under
   * valgrind, which keeps its own map of the address space (the copy is tested) */
  char *base = mmap((void *)STATE_TREE_BASE, room, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  bool have_base = base == (char *)STATE_TREE_BASE;
  if (!have_base && base != MAP_FAILED) munmap(base, room);
  if (!have_base) printf("note: STATE_TREE_BASE is taken here: the images are read as copies only\n");

  TEST("state_tree: the sample front matter parses") CHECK(t && t->kind == YX_MAP && t->n == 10);
  if (!t) TEST_EXIT();

  TEST("state_tree: copied from any offset, the same tree") {
    for (size_t at = 0; at < 24; at++) {
      char *elsewhere = NULL;
      size_t len, img = file_with(&elsewhere, at, t, &len);
      CHECK(img % 8 == 0);
      yx_node *got = state_tree_get(elsewhere + img, len, elsewhere, a);
      CHECK(got && yx_same(got, t));
      CHECK(got != (yx_node *)(void *)(elsewhere + img)); /* a copy, not the image */
      free(elsewhere);
    }
  }

  TEST("state_tree: in place at STATE_TREE_BASE, the same tree, not a copy") {
    CHECK(have_base);
    for (size_t at = 0; have_base && at < 24; at++) {
      size_t len, img = file_with(&base, at, t, &len);
      yx_node *got = state_tree_get(base + img, len, base, NULL);
      CHECK(got == (yx_node *)(void *)(base + img));
      CHECK(got && yx_same(got, t));
    }
  }

  TEST("state_tree: state_tree_size is at least the image, and stops past its limit") {
    buf x = BUF_INIT;
    state_tree_put(&x, 0, t);
    uint32_t len;
    memcpy(&len, x.data, 4);
    size_t size = state_tree_size(t, SIZE_MAX);
    CHECK(size >= len && size <= (size_t)len + 14 * 40); /* padding counted whole: 7 + 7 a node at most */
    CHECK(state_tree_size(t, 100) > 100 && state_tree_size(t, 100) < size);
    buf_free(&x);
  }

  TEST("state_tree: the same tree twice, the same bytes") {
    buf x = BUF_INIT, y = BUF_INIT;
    state_tree_put(&x, 5, t);
    state_tree_put(&y, 5, t);
    CHECK(x.len == y.len && memcmp(x.data, y.data, x.len) == 0);
    buf_free(&x);
    buf_free(&y);
  }

  TEST("state_tree: every byte damaged, every length cut: NULL or a tree that can be read") {
    char *where[2] = {NULL, base};
    size_t rejected = 0, tries = 0;
    for (int w = 0; w < (have_base ? 2 : 1); w++) {
      size_t len, img = file_with(&where[w], 3, t, &len);
      for (size_t k = 0; k < len; k++) {
        for (int flip = 0; flip < 3; flip++) {
          static const unsigned char masks[3] = {0xff, 0x01, 0x80};
          where[w][img + k] ^= (char)masks[flip];
          arena *c = arena_new();
          yx_node *got = state_tree_get(where[w] + img, len, where[w], c);
          tries++;
          size_t sum = 0;
          if (got) CHECK(touch(got, &sum));
          else rejected++;
          arena_free(c);
          where[w][img + k] ^= (char)masks[flip];
        }
      }
      for (size_t cut = 0; cut < len; cut++) {
        arena *c = arena_new();
        yx_node *got = state_tree_get(where[w] + img, cut, where[w], c);
        CHECK(!got); /* the last bytes are a string the root's last value needs */
        arena_free(c);
      }
      CHECK(state_tree_get(where[w] + img, len, where[w], a) != NULL); /* restored */
    }
    free(where[0]);
    /* most damage is caught (some lands in strings, lines, columns, padding) */
    CHECK(rejected * 2 > tries);
  }

  TEST("state_tree: a map's key that is not a scalar: no tree") {
    /* written as state_tree_put writes any tree: only the rule on keys refuses it */
    yx_node seq = {.kind = YX_SEQ}, root = *t;
    root.keys = arena_alloc(a, t->n * sizeof *root.keys);
    memcpy(root.keys, t->keys, t->n * sizeof *root.keys);
    char *where[2] = {NULL, base};
    for (int w = 0; w < (have_base ? 2 : 1); w++) {
      root.keys[0] = t->keys[0];
      size_t len, img = file_with(&where[w], 0, &root, &len);
      CHECK(state_tree_get(where[w] + img, len, where[w], a) != NULL);
      root.keys[0] = &seq; /* `title` an empty sequence */
      img = file_with(&where[w], 0, &root, &len);
      CHECK(state_tree_get(where[w] + img, len, where[w], a) == NULL);
    }
    free(where[0]);
  }

  TEST("state_tree: a pointer to another node of the image: no tree") {
    char *where[2] = {NULL, base};
    for (int w = 0; w < (have_base ? 2 : 1); w++) {
      size_t len, img = file_with(&where[w], 0, t, &len);
      CHECK(state_tree_get(where[w] + img, len, where[w], a) != NULL);
      /* the root's second value (date) made its first (the title's string): a node
       * inside the image, after its parent, but not where put_node puts that value */
      uint64_t vals, first;
      memcpy(&vals, where[w] + img + offsetof(yx_node, vals), 8);
      memcpy(&first, where[w] + (vals - STATE_TREE_BASE), 8);
      memcpy(where[w] + (vals - STATE_TREE_BASE) + 8, &first, 8);
      CHECK(state_tree_get(where[w] + img, len, where[w], a) == NULL);
    }
    free(where[0]);
  }

  if (have_base) munmap(base, room);
  arena_free(a);
  TEST_EXIT();
}

/* state_tree: a front matter tree (yamlx.h) as the build state keeps it
 * (build_state.h): an image of its yx_nodes, pointer arrays and strings as
 * they lie in memory, every pointer written as the address it has when the
 * state file is mapped at STATE_TREE_BASE.
 *
 * Why: an incremental build of a 10k-page site used to rebuild 10k trees
 * (some 190k nodes, 10 MB of fresh memory: the first touch of a megabyte
 * costs 0.08–1.65 ms of CPU on this kind of machine) only to read them.  A
 * state mapped at that address is used where it lies, in the page cache:
 * each tree is checked (every pointer the one place state_tree_put puts
 * what it points to, every string ended, the image used to its last
 * byte), not built.  When the address is taken (another
 * state, a sanitizer's memory), the tree is copied into an arena with its
 * pointers moved, which costs what building it did.
 *
 * Ownership: an image belongs to the buffer or mapping that holds it; a
 * tree used in place lives as long as the mapping (build_state_free). */
#ifndef GOVPUB_STATE_TREE_H
#define GOVPUB_STATE_TREE_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "yamlx.h"

/* Where build_state_read asks for a state file to be mapped: far from
 * where the kernel, glibc and ASan put anything (user space ends at
 * 0x800000000000; ASan's allocator is at 0x600000000000). */
#define STATE_TREE_BASE ((uintptr_t)0x3a0000000000ULL)

/* Appends the image of tree n to b, whose first byte is byte `at` of the
 * file: first a u32 with the image's length, then zeros up to the next
 * multiple of 8 of the file, then the image. */
void state_tree_put(buf *b, size_t at, const yx_node *n);

/* At least the bytes of n's image, padding counted whole; counting stops
 * once past `limit` (aliases repeat what they name: a short document can
 * make a tree of gigabytes). */
size_t state_tree_size(const yx_node *n, size_t limit);

/* The tree of the image of `len` bytes at img, in a file whose first byte
 * is mapped at `mapped`: img itself when the file is mapped at
 * STATE_TREE_BASE, else a copy in `a` with its pointers moved.  NULL when
 * the image is not one state_tree_put writes (damage, another machine's
 * file). */
yx_node *state_tree_get(const char *img, size_t len, const char *mapped, arena *a);

#endif

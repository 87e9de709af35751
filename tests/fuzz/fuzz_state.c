/* fuzz_state: the incremental build's state (build_state.c) as a damaged
 * or hostile out/.cache/preview-state would give it: build_state_read, then
 * every page's record read lazily (its path, its fields, its front matter
 * tree, its memo against its own stamp), every article's search mark,
 * and the listing of a content/
 * folder that is not there. */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "build_state.h"
#include "fuzz.h"
#include "yamlx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_write("preview-state", data, size);
  build_state *st = build_state_read(fuzz_path("preview-state"));
  if (st) {
    arena *a = arena_new();
    for (size_t i = 0; i < st->npages; i++) {
      const char *rel = build_state_rel(st, i);
      const state_page *sp = build_state_page(st, i, rel);
      if (!sp) continue;
      if (strcmp(sp->rel, rel) != 0) abort(); /* the record read is the page asked for */
      yx_node *fm = build_state_tree(st, sp, a);
      if (fm && fm->kind != YX_MAP) abort();
      const page_memo *m = build_state_memo(st, i, rel, &sp->stamp, a);
      if (m && (!fm || m->fm_hash != sp->fm_hash)) abort(); /* a memo has the record's tree */
    }
    for (size_t d = 0; d < st->ndocs; d++) { /* a patch's mark or the file's: inside the file */
      const uint8_t *mark = build_state_mark(st, d);
      if (mark < (const uint8_t *)st->bytes || mark + SEARCH_MARK_BYTES > (const uint8_t *)st->bytes + st->len) abort();
    }
    const char **dirs, **files;
    size_t ndirs, nfiles;
    int64_t listed;
    if (build_state_listing(st, fuzz_path("no-content"), &dirs, &ndirs, &files, &nfiles, &listed)) abort();
    arena_free(a);
    build_state_free(st);
  }
  fuzz_done();
  return 0;
}

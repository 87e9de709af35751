/* fuzz_mustache: a Mustache template compiled and rendered (tmpl.c) against
 * a small context with strings that need escaping, a list of maps, a
 * number, a boolean and a nested map.  The input is the template, then
 * optionally a line "%%%%" and the text every partial and parent name
 * resolves to (so partials, parents, blocks and self-inclusion are
 * reachable; a partial that includes itself must stop at TMPL_MAX_DEPTH).
 * An odd-sized input renders missing partials as nothing (the spec's
 * rule), an even-sized one reports them (govpub's layouts). */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "fuzz.h"
#include "tmpl.h"
#include "value.h"

static fuzz_part partial;

static int load(void *ctx, const char *name, buf *text, const char **path) {
  (void)ctx;
  if (!partial.n) return 0;
  buf_put(text, partial.p, partial.n);
  *path = name;
  return 1;
}

static tval *context(arena *a) {
  tval *root = tv_map(a);
  tv_set_str(a, root, "title", "政策<解读> & \"问答\" 'x'");
  tv_set_str(a, root, "empty", "");
  tv_set(a, root, "n", tv_num(a, 1.21));
  tv_set_bool(a, root, "yes", true);
  tv_set(a, root, "html", tv_html(a, "<b>粗</b>", strlen("<b>粗</b>")));
  tval *list = tv_list(a);
  for (int i = 0; i < 3; i++) {
    tval *item = tv_map(a);
    tv_set_str(a, item, "name", i ? "第二" : "第一<i>");
    tv_set(a, item, "i", tv_num(a, i));
    tv_push(a, list, item);
  }
  tv_set(a, root, "items", list);
  tval *inner = tv_map(a);
  tv_set_str(a, inner, "title", "内层");
  tv_set(a, inner, "items", tv_list(a));
  tv_set(a, root, "page", inner);
  tv_set_str(a, root, "partial", "p");
  return root;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = fuzz_text(data, size);
  fuzz_part main;
  fuzz_split(text, size, "%%%%", &main, &partial);
  arena *a = arena_new();
  tmpl_set *s = tmpl_set_new_loader(load, NULL, (size & 1) ? TMPL_MISSING_EMPTY : TMPL_MISSING_ERROR);
  buf out = BUF_INIT;
  tmpl_render_str(s, "fuzz.mustache", main.p, main.n, context(a), &out, "content/x.md");
  buf_free(&out);
  tmpl_set_free(s);
  arena_free(a);
  free(text);
  fuzz_done();
  return 0;
}

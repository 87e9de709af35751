/* fuzz_manifest: a release's .govpub-manifest through manifest_verify
 * against a small fixed tree.  The manifest covers itself (its last line is
 * the SHA-256 of the rest), which no mutation can keep right, so the input
 * is checked twice: as it is, and with its last line replaced by the right
 * digest, so the entry lines behind the check are fuzzed too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "digest.h"
#include "fuzz.h"
#include "publish_manifest.h"

static void verify(const char *text, size_t n) {
  fuzz_write("release/" MANIFEST_NAME, text, n);
  arena *a = arena_new();
  manifest_report r;
  int rc = manifest_verify(a, fuzz_path("release"), "release", &r);
  if (rc != 0 && rc != 1 && rc != 3) abort();
  arena_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static int ready;
  if (!ready) {
    fuzz_write("release/index.html", "<!doctype html>\n", 16);
    fuzz_write("release/news/a/index.html", "新闻\n", strlen("新闻\n"));
    ready = 1;
  }
  char *text = fuzz_text(data, size);
  verify(text, size);
  /* the body: everything before the last line (which starts after the
   * last-but-one '\n', or is the whole input) */
  size_t body = size;
  if (body && text[body - 1] == '\n') body--;
  while (body && text[body - 1] != '\n') body--;
  char hex[DIGEST_HEX_LEN];
  digest_mem(text, body, hex);
  char *fixed = malloc(body + 5 + sizeof hex + 1);
  if (!fixed) abort();
  memcpy(fixed, text, body);
  size_t n = body + (size_t)sprintf(fixed + body, "end %s\n", hex);
  verify(fixed, n);
  free(fixed);
  free(text);
  fuzz_done();
  return 0;
}

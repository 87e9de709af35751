/* fuzz_search_query: the search tokenizer (search_token.c) in query mode,
 * index mode and the run-based index mode, on any bytes.  Every token must
 * be non-empty and lie in a buffer the callback can read in full. */
#include <stdbool.h>
#include <stdlib.h>

#include "cjk.h"
#include "fuzz.h"
#include "search_token.h"

static void on_token(void *ud, const char *tok, size_t len) {
  size_t *sum = ud;
  if (len == 0) abort();
  for (size_t i = 0; i < len; i++) *sum += (unsigned char)tok[i];
}

static size_t on_run(void *ud, const char *at, const char *end) {
  size_t *sum = ud, n = 0;
  while (utf8_unified_han((const unsigned char *)at + 3 * n, (const unsigned char *)end)) n++;
  if (n == 0) abort();
  for (size_t i = 0; i < 3 * n; i++) *sum += (unsigned char)at[i];
  return 3 * n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = fuzz_text(data, size);
  size_t sum = 0;
  search_tokenize(text, size, true, on_token, &sum);
  search_tokenize(text, size, false, on_token, &sum);
  search_tokenize_index(text, size, on_token, on_run, &sum);
  free(text);
  fuzz_done();
  return 0;
}

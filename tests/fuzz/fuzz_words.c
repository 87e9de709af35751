/* fuzz_words: a content-safety word list through scan_dict_load (words,
 * allow lists, PCRE2 patterns, severities, the .txt list beside a .yaml),
 * then, when it loads, a scan of the input itself and of a fixed Chinese
 * sentence with it.  The input is words/fuzz.yaml, then optionally a line
 * "%%%%" and words/fuzz.txt. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "fuzz.h"
#include "scan.h"

static const char sentence[] = "区数据资源管理局发布《关于推进公共数据开放的实施意见》，联系电话13800138000。";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = fuzz_two_files(data, size, "words/fuzz.yaml", "words/fuzz.txt");
  char dir[8192];
  snprintf(dir, sizeof dir, "%s", fuzz_path("words"));
  scan_dict *d = scan_dict_load(dir, NULL);
  if (d) {
    scan_scratch *s = scan_scratch_new(d);
    scan_hits *h = scan_hits_new();
    scan_origin o = {.path = "content/x.md", .field = "body", .line = 1, .col = 1};
    scan_text(d, s, sentence, strlen(sentence), &o, h);
    scan_text(d, s, text, size, &o, h);
    scan_hits_free(h);
    scan_scratch_free(s);
    scan_dict_free(d);
  }
  free(text);
  fuzz_done();
  return 0;
}

/* fuzz_signoff: a 三审制 record (reviews/<path>.yaml) through review_check:
 * the record's YAML, each statement's fields (parse_statement), the SSH
 * signatures, the chain of previous: digests, the rounds and the bundle of
 * files each approval covers.  The scratch site links the sample portal's
 * content/, charts/, static/ and reviewers.yaml, so a sample record that
 * is unchanged verifies all the way to "approved".  The document checked is
 * the one the input's `document:` line names (when it is a plain path under
 * content/), so every sample record is a useful seed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "fuzz.h"
#include "review.h"
#include "roster.h"

#define NOW 1796083200 /* 2026-12-01T00:00:00Z: later than every sample sign-off */

/* The document the record names, when safe to use as a path; else a fixed one. */
static const char *document(arena *a, const char *text, size_t size) {
  const char *d = memmem(text, size, "\ndocument: ", 11);
  if (!d) return "content/news/x.md";
  d += 11;
  size_t n = strcspn(d, "\r\n");
  if (n > 200) return "content/news/x.md"; /* a file name longer than the system allows */
  for (size_t i = 0; i < n; i++)
    if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789-_./", d[i])) return "content/news/x.md";
  const char *doc = arena_strndup(a, d, n);
  if (strncmp(doc, "content/", 8) != 0 || strstr(doc, "..") || strstr(doc, "//")) return "content/news/x.md";
  return doc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static arena *ra;
  static roster *r;
  if (!ra) {
    fuzz_link("content", "content");
    fuzz_link("charts", "charts");
    fuzz_link("static", "static");
    fuzz_link("reviewers.yaml", "reviewers.yaml");
    ra = arena_new();
    r = roster_load(ra, fuzz_dir(), NULL);
    if (!r) abort(); /* the sample roster is valid */
  }
  char *text = fuzz_text(data, size);
  arena *a = arena_new();
  const char *doc = document(a, text, size);
  fuzz_write(review_record_path(a, doc), text, size);
  review_checker *c = review_checker_new(fuzz_dir(), r, NOW, NULL);
  review_status st;
  review_check(c, a, doc, "编辑部", &st);
  review_state_name(&st, a);
  review_checker_free(c);
  remove(fuzz_path(review_record_path(a, doc)));
  arena_free(a);
  free(text);
  fuzz_done();
  return 0;
}

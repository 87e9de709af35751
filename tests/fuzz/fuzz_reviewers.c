/* fuzz_reviewers: reviewers.yaml through roster_load with a trust anchor
 * (the sample one), so both the roster (ids, stages, key lines, validity
 * dates) and its signature file are parsed and checked.  The input is
 * reviewers.yaml, then optionally a line "%%%%" and reviewers.yaml.sig. */
#include <stdio.h>
#include <stdlib.h>

#include "arena.h"
#include "fuzz.h"
#include "roster.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = fuzz_two_files(data, size, "reviewers.yaml", "reviewers.yaml.sig");
  fuzz_link("trust.pub", "samples/keys/trust.pub");
  char trust[8192];
  snprintf(trust, sizeof trust, "%s", fuzz_path("trust.pub"));
  arena *a = arena_new();
  roster *r = roster_load(a, fuzz_dir(), trust);
  if (r) {
    for (size_t i = 0; i < r->n; i++)
      if (r->reviewers[i].id && roster_find(r, r->reviewers[i].id) == NULL) abort();
    if (!r->trusted && !r->why_untrusted) abort();
  }
  arena_free(a);
  free(text);
  fuzz_done();
  return 0;
}

/* fuzz_front_matter: content files through site_load and site_link, the
 * way a build reads them: front matter split, YAML, the fields site.yaml
 * declares (dates, 文号, 索引号, enums, paths), slugs, aliases, taxonomies
 * and the links between pages.  The site is the mini fixture's site.yaml;
 * the input is content/news/a.md (a column of type news), then optionally a line "%%%%" and
 * content/policy/jiedu/b.md (an interpretation: its interprets: may name
 * a.md). */
#include <stdlib.h>

#include "arena.h"
#include "config.h"
#include "fuzz.h"
#include "site.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_link("site.yaml", "tests/fixtures/mini/site.yaml");
  fuzz_link("themes", "tests/fixtures/mini/themes");
  char *text = fuzz_two_files(data, size, "content/news/a.md", "content/policy/jiedu/b.md");
  arena *a = arena_new();
  site_config *cfg = config_load(a, fuzz_dir(), "/nonexistent");
  if (!cfg) abort(); /* the fixture's site.yaml is valid */
  site *s = site_load(cfg, size & 1, 1);
  if (s) {
    site_link(s);
    site_free(s);
  }
  arena_free(a);
  free(text);
  fuzz_done();
  return 0;
}

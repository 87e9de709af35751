/* fuzz_site_yaml: site.yaml through config_load, the loader every command
 * starts with (columns, types, fields, aliases, footer, home, scan keys).
 * The scratch site has an empty themes/default so a valid file loads. */
#include <stdlib.h>
#include <sys/stat.h>

#include "arena.h"
#include "config.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static int ready;
  if (!ready) {
    fuzz_write("themes/default/theme.yaml", "", 0);
    ready = 1;
  }
  fuzz_write("site.yaml", data, size);
  arena *a = arena_new();
  site_config *c = config_load(a, fuzz_dir(), "/nonexistent");
  if (c) {
    for (size_t i = 0; i < c->nfields; i++) config_field(c, c->fields[i].name);
    for (size_t i = 0; i < c->ncolumns; i++) config_column(c, c->columns[i].path);
    config_canonical_key(c, "status");
    config_canonical_value(c, "validity", "现行有效");
  }
  arena_free(a);
  fuzz_done();
  return 0;
}

/* url: see url.h. */
#include "url.h"

#include <string.h>

const char *url_to(arena *a, const urlctx *u, const char *target) {
  if (!u->cfg->relative_urls) return arena_printf(a, "%s%s", u->cfg->base_path, target);
  int depth = 0;
  for (const char *p = u->from; *p; p++) depth += *p == '/';
  size_t tl = strlen(target);
  const char *index = tl == 0 || target[tl - 1] == '/' ? "index.html" : "";
  char *out = arena_alloc(a, (size_t)depth * 3 + tl + 11);
  char *o = out;
  for (int i = 0; i < depth; i++, o += 3) memcpy(o, "../", 3);
  memcpy(o, target, tl);
  strcpy(o + tl, index);
  return out;
}

const char *url_abs(arena *a, const site_config *cfg, const char *target) {
  return arena_printf(a, "%s%s", cfg->base_url, target);
}

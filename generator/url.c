/* url: see url.h. */
#include "url.h"

#include <string.h>

size_t url_climb(const urlctx *u) {
  size_t depth = 0;
  if (u->cfg->relative_urls)
    for (const char *p = u->from; *p; p++) depth += *p == '/';
  return depth;
}

/* "../" once per folder between the page and the site root (relative
 * mode), then target, then `tail`. */
static const char *climb(arena *a, const urlctx *u, const char *target, const char *tail) {
  size_t depth = url_climb(u), tl = strlen(target), xl = strlen(tail);
  char *out = arena_alloc(a, depth * 3 + tl + xl + 1);
  char *o = out;
  for (size_t i = 0; i < depth; i++, o += 3) memcpy(o, "../", 3);
  memcpy(o, target, tl);
  memcpy(o + tl, tail, xl + 1);
  return out;
}

const char *url_to(arena *a, const urlctx *u, const char *target) {
  if (!u->cfg->relative_urls) return arena_cat(a, u->cfg->base_path, target, NULL);
  size_t tl = strlen(target);
  return climb(a, u, target, tl == 0 || target[tl - 1] == '/' ? "index.html" : "");
}

const char *url_base(arena *a, const urlctx *u) {
  return u->cfg->relative_urls ? climb(a, u, "", "") : u->cfg->base_path;
}

const char *url_abs(arena *a, const site_config *cfg, const char *target) {
  return arena_cat(a, cfg->base_url, target, NULL);
}

bool url_is_http(const char *u) { return strncmp(u, "https://", 8) == 0 || strncmp(u, "http://", 7) == 0; }

static int hex_digit(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

char *url_percent_decode(arena *a, const char *s, size_t n) {
  char *out = arena_alloc(a, n + 1), *o = out;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '%' && i + 2 < n && hex_digit(s[i + 1]) >= 0 && hex_digit(s[i + 2]) >= 0) {
      *o++ = (char)(hex_digit(s[i + 1]) * 16 + hex_digit(s[i + 2]));
      i += 2;
    } else {
      *o++ = s[i];
    }
  }
  *o = '\0';
  return out;
}

/* jsonw: see jsonw.h. */
#include "jsonw.h"

#include <string.h>

#include "escape.h"

void jsonw_str(buf *b, const char *sep, const char *key, const char *value) {
  buf_printf(b, "%s\"%s\": ", sep, key);
  jsonw_string(b, value);
}

void jsonw_string(buf *b, const char *value) {
  if (!value) {
    buf_puts(b, "null");
    return;
  }
  buf_putc(b, '"');
  esc_json(b, value, strlen(value));
  buf_putc(b, '"');
}

void jsonw_uri(buf *b, const char *sep, const char *key, const char *prefix, const char *path, const char *suffix) {
  buf tmp = BUF_INIT;
  buf_puts(&tmp, prefix);
  esc_url_path(&tmp, path, strlen(path));
  buf_puts(&tmp, suffix);
  jsonw_str(b, sep, key, buf_cstr(&tmp));
  buf_free(&tmp);
}

void jsonw_sarif_artifact(buf *b, const char *path, const char *base) {
  if (path[0] == '/') {
    jsonw_uri(b, "", "uri", "file://", path, "");
  } else {
    jsonw_uri(b, "", "uri", "", path, "");
    if (base && *base) jsonw_str(b, ", ", "uriBaseId", "SITEROOT");
  }
}

void jsonw_sarif_base(buf *b, const char *base) {
  if (!base || !*base) return;
  buf_puts(b, "    \"originalUriBaseIds\": {\"SITEROOT\": {");
  jsonw_uri(b, "", "uri", "file://", base, "/");
  buf_puts(b, "}},\n");
}

/* filekind: see filekind.h. */
#include "filekind.h"

#include <string.h>

const char *filekind_format(arena *a, const char *path) {
  const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
  if (!dot || (slash && dot < slash) || !dot[1]) return NULL;
  char *f = arena_strdup(a, dot + 1);
  for (char *c = f; *c; c++)
    if (*c >= 'a' && *c <= 'z') *c = (char)(*c - 'a' + 'A');
  return f;
}

const char *filekind_media_type(const char *format) {
  static const char *const map[][2] = {
      {"CSV", "text/csv"},
      {"JSON", "application/json"},
      {"XML", "application/xml"},
      {"PDF", "application/pdf"},
      {"TXT", "text/plain"},
      {"ZIP", "application/zip"},
      {"DOC", "application/msword"},
      {"XLS", "application/vnd.ms-excel"},
      {"PPT", "application/vnd.ms-powerpoint"},
      {"DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {"XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {"PPTX", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
  };
  for (size_t i = 0; format && i < sizeof map / sizeof *map; i++)
    if (strcmp(map[i][0], format) == 0) return map[i][1];
  return NULL;
}

const char *filekind_size(arena *a, int64_t bytes) {
  const int64_t kb = 1024, mb = 1024 * 1024;
  if (bytes < 0) return NULL;
  if (bytes < kb) return arena_printf(a, "%lld B", (long long)bytes);
  int64_t kbs = (bytes + kb / 2) / kb; /* half up, in integers: no float, no locale */
  if (kbs < kb) return arena_printf(a, "%lld KB", (long long)kbs);
  int64_t tenths = (bytes * 10 + mb / 2) / mb;
  return arena_printf(a, "%lld.%lld MB", (long long)(tenths / 10), (long long)(tenths % 10));
}

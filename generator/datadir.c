/* datadir: see cmd.h (govpub_datadir). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"

/* Where installed themes live, unresolved: $GOVPUB_DATADIR; else next to
 * the binary — the checkout it was built in (build/govpub → ./themes) or
 * its install prefix (bin/govpub → share/govpub/themes), so an installed
 * tree can move; else the prefix it was built for. */
static const char *find(char *buf, size_t size) {
  const char *env = getenv("GOVPUB_DATADIR");
  if (env && *env) return env;
  static const char *const beside[][2] = {{"/..", "/../themes"},
                                          {"/../share/govpub", "/../share/govpub/themes"}};
  ssize_t n = readlink("/proc/self/exe", buf, size - 64);
  char *slash = n > 0 ? memrchr(buf, '/', (size_t)n) : NULL;
  for (size_t i = 0; slash && i < sizeof beside / sizeof *beside; i++) {
    struct stat st;
    strcpy(slash, beside[i][1]);
    if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode)) {
      strcpy(slash, beside[i][0]);
      return buf;
    }
  }
  return GOVPUB_DATADIR;
}

/* Resolved here, once, so that every path made from it and every hint that
 * names it (a missing layout's, the rule packs') says /src/govpub/themes/…,
 * not /src/govpub/build/../themes/…. */
const char *govpub_datadir(char *buf, size_t size) {
  const char *dir = find(buf, size);
  char real[PATH_MAX];
  if (!realpath(dir, real) || strlen(real) >= size) return dir;
  return strcpy(buf, real);
}

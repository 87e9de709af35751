/* verify_seen: see verify_seen.h. */
#include "verify_seen.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>

#include "diag.h"
#include "fsx.h"
#include "publish_seal.h"

#define SEEN_MAX 1024 /* the record is under 100 bytes: a larger file is not one */

/* FILE's lines; false when it is not such a record. */
static bool parse(char *text, size_t len, const char **release, const char **sealed) {
  static const char head[] = "govpub-seen 1\nrelease: ";
  if (strlen(text) != len || strncmp(text, head, sizeof head - 1) != 0) return false;
  char *r = text + sizeof head - 1, *nl = strchr(r, '\n');
  if (!nl || nl == r || strncmp(nl + 1, "sealed: ", 8) != 0) return false;
  *nl = '\0';
  char *t = nl + 9;
  if (strlen(t) != SEAL_STAMP_LEN + 1 || t[SEAL_STAMP_LEN] != '\n') return false;
  t[SEAL_STAMP_LEN] = '\0';
  *release = r;
  *sealed = t;
  return true;
}

int seen_check(arena *a, const char *seen, const char *tree, const char *id, const char *sealed, bool *first) {
  const char *seal = path_join(a, tree, SEAL_NAME);
  *first = false;
  if (!sealed) {
    diag_error(seal, 0, 0,
               arena_printf(a, "on the publishing host, seal it again (govpub releases --seal %s) and deploy it "
                               "(govpub deploy %s)", id, id),
               "the seal of release %s does not say when it was sealed (version 2): --seen cannot tell it from an "
               "older release put back", id);
    return EXIT_PROBLEMS;
  }
  size_t len;
  char *text = fsx_read_stamped_arena(a, seen, &len, NULL, SEEN_MAX);
  const char *was_release = NULL, *was_sealed = NULL;
  if (!text && errno != ENOENT && errno != EFBIG) {
    diag_system(seen, "cannot read the record of the newest seal verified: %s", strerror(errno));
    return EXIT_SYSTEM;
  }
  if (text || errno == EFBIG) {
    if (!text || !parse(text, len, &was_release, &was_sealed)) {
      diag_error(seen, 1, 1,
                 "if you know the release served now is the right one, delete the file: the next verify records "
                 "its seal",
                 "not a record of govpub verify --seen (\"govpub-seen 1\", release:, sealed:)");
      return EXIT_PROBLEMS;
    }
    int order = strcmp(sealed, was_sealed); /* the stamps' one fixed form sorts as their times do */
    if (order == 0 && strcmp(id, was_release) == 0) return EXIT_OK;
    if (order <= 0) {
      diag_error(seal, 0, 0,
                 arena_printf(a, "deploy the newest release again from the publishing host (govpub deploy); if the "
                                 "publisher meant to serve release %s again, a rollback or deploy on the "
                                 "publishing host seals it anew", id),
                 "release %s was sealed at %s, not after release %s (sealed at %s), which this server served: an "
                 "older release was put back", id, sealed, was_release, was_sealed);
      return EXIT_PROBLEMS;
    }
  }
  *first = !was_release;
  const char *record = arena_printf(a, "govpub-seen 1\nrelease: %s\nsealed: %s\n", id, sealed);
  int rc = was_release ? fsx_replace(seen, record, strlen(record))
                       : fsx_write_new_at(AT_FDCWD, seen, record, strlen(record));
  if (rc != 0) {
    diag_system(seen, "cannot record the newest seal verified: %s", strerror(errno));
    return EXIT_SYSTEM;
  }
  return EXIT_OK;
}

/* publish_manifest: see publish_manifest.h. */
#include "publish_manifest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "diag.h"
#include "fsx.h"

static const char header[] = "govpub-manifest 1\n";

long manifest_write(arena *a, const char *dir, char digest[DIGEST_HEX_LEN]) {
  fsx_walk_entry *e;
  size_t n;
  if (fsx_walk(a, dir, &e, &n) != 0) {
    diag_system(dir, "cannot list the release: %s", strerror(errno));
    return -1;
  }
  buf b = BUF_INIT;
  buf_puts(&b, header);
  long count = 0;
  for (size_t i = 0; i < n; i++) {
    const char *full = path_join(a, dir, e[i].path);
    struct stat st;
    char d[DIGEST_HEX_LEN];
    if (!e[i].is_file || stat(full, &st) != 0 || digest_file(full, d) != 0) {
      if (e[i].is_file) diag_system(full, "cannot add to the manifest: %s", strerror(errno));
      else diag_system_at(0, NULL, full, "cannot add to the manifest: not a regular file"); /* no errno of its own */
      buf_free(&b);
      return -1;
    }
    buf_printf(&b, "%s %lld %s\n", d, (long long)st.st_size, e[i].path);
    count++;
  }
  char self[DIGEST_HEX_LEN];
  digest_mem(b.data, b.len, self);
  buf_printf(&b, "end %s\n", self);
  if (digest) digest_mem(b.data, b.len, digest);
  const char *path = path_join(a, dir, MANIFEST_NAME);
  int rc = fsx_write_new_at(AT_FDCWD, path, b.data, b.len);
  if (rc != 0) diag_system(path, "cannot write the manifest: %s", strerror(errno));
  buf_free(&b);
  return rc == 0 ? count : -1;
}

typedef struct {
  const char *path, *digest;
  long long size;
} entry;

/* Parses the manifest text into entries (sorted as written); false when it
 * is not a whole, self-consistent manifest (`why` says what). */
static bool parse(arena *a, char *text, size_t len, entry **out, size_t *n, const char **why) {
  size_t hl = sizeof header - 1;
  if (len < hl || memcmp(text, header, hl) != 0) {
    *why = "it does not start with \"govpub-manifest 1\"";
    return false;
  }
  char *end = NULL; /* the last line */
  if (text[len - 1] == '\n') {
    size_t i = len - 1;
    while (i > 0 && text[i - 1] != '\n') i--;
    end = text + i;
  }
  char self[DIGEST_HEX_LEN];
  if (!end || strncmp(end, "end sha256:", 11) != 0) {
    *why = "its last line is not \"end sha256:…\" (truncated?)";
    return false;
  }
  digest_mem(text, (size_t)(end - text), self);
  if (strlen(end) != 4 + 71 + 1 || strncmp(end + 4, self, 71) != 0) {
    *why = "its own digest does not match its contents (edited?)";
    return false;
  }
  *end = '\0';
  size_t cap = 64, k = 0;
  entry *v = arena_alloc(a, cap * sizeof *v);
  for (char *line = text + hl; *line;) {
    char *nl = strchr(line, '\n');
    if (!nl) break;
    *nl = '\0';
    char *sp1 = strchr(line, ' '), *sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
    if (!sp1 || !sp2 || sp1 - line != 71 || strncmp(line, "sha256:", 7) != 0) {
      *why = "a line is not \"sha256:<hex> <size> <path>\"";
      return false;
    }
    *sp1 = *sp2 = '\0';
    if (k == cap) {
      v = arena_grow(a, v, k, cap * 2, sizeof *v);
      cap *= 2;
    }
    v[k++] = (entry){sp2 + 1, line, strtoll(sp1 + 1, NULL, 10)};
    line = nl + 1;
  }
  *out = v;
  *n = k;
  return true;
}

/* manifest_verify with `hint` for each file that differs. */
static int verify_tree(arena *a, const char *dir, const char *shown, const char *hint, manifest_report *r) {
  memset(r, 0, sizeof *r);
  const char *mpath = path_join(a, dir, MANIFEST_NAME);
  size_t len;
  char *text = fsx_read_arena(a, mpath, &len);
  const char *mshown = path_join(a, shown, MANIFEST_NAME);
  if (!text) {
    if (errno != ENOENT) {
      diag_system(mshown, "cannot read the manifest: %s", strerror(errno));
      return EXIT_SYSTEM;
    }
    diag_error(mshown, 0, 0, "only a release made by `govpub publish` has a manifest; publish again, or deploy a published release",
               "no manifest: this tree cannot be verified");
    return EXIT_PROBLEMS;
  }
  digest_mem(text, len, r->digest);
  entry *m;
  size_t nm;
  const char *why = NULL;
  if (!parse(a, text, len, &m, &nm, &why)) {
    diag_error(mshown, 0, 0, "restore the release from a trusted copy (govpub deploy) or publish again",
               "the manifest is damaged: %s", why);
    return EXIT_PROBLEMS;
  }
  r->files = nm;
  fsx_walk_entry *t;
  size_t nt;
  if (fsx_walk_all(a, dir, &t, &nt) != 0) { /* an empty folder added is a difference too */
    diag_system(shown, "cannot list the tree: %s", strerror(errno));
    return EXIT_SYSTEM;
  }
  size_t i = 0, j = 0; /* merge two sorted lists */
  while (i < nm || j < nt) {
    if (j < nt && (strcmp(t[j].path, MANIFEST_NAME) == 0 || strcmp(t[j].path, SEAL_NAME) == 0)) {
      j++;
      continue;
    }
    int c = i == nm ? 1 : j == nt ? -1 : strcmp(m[i].path, t[j].path);
    if (c < 0) {
      diag_error(path_join(a, shown, m[i].path), 0, 0, hint, "removed since publishing");
      r->removed++;
      i++;
    } else if (c > 0) {
      diag_error(path_join(a, shown, t[j].path), 0, 0, hint, "added since publishing%s",
                 t[j].is_file ? "" : t[j].is_empty_dir ? " (an empty folder)" : " (not a regular file)");
      r->added++;
      j++;
    } else {
      const char *full = path_join(a, dir, t[j].path);
      char d[DIGEST_HEX_LEN];
      struct stat st;
      if (!t[j].is_file) {
        diag_error(path_join(a, shown, t[j].path), 0, 0, hint, "changed since publishing: no longer a regular file");
        r->changed++;
      } else if (stat(full, &st) != 0 || digest_file(full, d) != 0) {
        diag_system(path_join(a, shown, t[j].path), "cannot read: %s", strerror(errno));
        return EXIT_SYSTEM;
      } else if (st.st_size != m[i].size || strcmp(d, m[i].digest) != 0) {
        diag_error(path_join(a, shown, t[j].path), 0, 0, hint, "changed since publishing (was %s, now %s)",
                   m[i].digest, d);
        r->changed++;
      }
      i++;
      j++;
    }
  }
  return r->added + r->removed + r->changed ? EXIT_PROBLEMS : EXIT_OK;
}

int manifest_verify(arena *a, const char *dir, const char *shown, manifest_report *r) {
  return verify_tree(a, dir, shown, "restore the release: govpub deploy from the publishing host, or govpub rollback",
                     r);
}

int manifest_verify_kept(arena *a, const char *dir, manifest_report *r) {
  return verify_tree(a, dir, dir,
                     "this release was changed after it was published: publish again, or take another release "
                     "(govpub releases lists them)",
                     r);
}

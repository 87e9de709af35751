/* release: see release.h. */
#include "release.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "fsx.h"

int release_begin(arena *a, const char *out, release *r) {
  r->out = out;
  r->dirfd = -1;
  char *dir = arena_printf(a, "%s/releases", out);
  if (fsx_mkdirs(dir) != 0) {
    diag_system(dir, "cannot create the output folder: %s", strerror(errno));
    return -1;
  }
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  char stamp[32];
  strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
  for (int n = 1; n < 1000; n++) {
    r->id = n == 1 ? arena_strdup(a, stamp) : arena_printf(a, "%s-%d", stamp, n);
    r->final = arena_printf(a, "%s/%s", dir, r->id);
    r->staging = arena_printf(a, "%s/.%s.partial", dir, r->id);
    struct stat st;
    if (lstat(r->final, &st) == 0 || lstat(r->staging, &st) == 0) continue;
    if (mkdir(r->staging, 0755) == 0) {
      r->dirfd = open(r->staging, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (r->dirfd >= 0) return 0;
      fsx_rmtree(r->staging);
      break;
    }
    if (errno != EEXIST) break;
  }
  diag_system(dir, "cannot create a release folder: %s", strerror(errno));
  return -1;
}

int release_write(const release *r, const char *path, const void *data, size_t len) {
  if (fsx_write_new_at(r->dirfd, path, data, len) == 0) return 0;
  if (errno == EEXIST)
    diag_error(path, 0, 0, "two pages, static files or aliases want the same output path; rename one",
               "output written twice: /%s", path);
  else
    diag_system(path, "cannot write output: %s", strerror(errno));
  return -1;
}

int release_copy(const release *r, const char *path, const char *src) {
  if (fsx_copy_new_at(r->dirfd, path, src) == 0) return 0;
  if (errno == EEXIST)
    diag_error(src, 0, 0, "two pages, static files or aliases want the same output path; rename one",
               "output written twice: /%s", path);
  else
    diag_system(src, "cannot copy to the output: %s", strerror(errno));
  return -1;
}

/* The release a link in <out> points at ("" when none). */
static const char *linked(arena *a, const char *out, const char *name) {
  char target[PATH_MAX];
  char *link = arena_printf(a, "%s/%s", out, name);
  ssize_t n = readlink(link, target, sizeof target - 1);
  if (n <= 0) return "";
  target[n] = '\0';
  const char *slash = strrchr(target, '/');
  return arena_strdup(a, slash ? slash + 1 : target);
}

static void prune(arena *a, const char *out, int keep, const char *mine) {
  char *dir = arena_printf(a, "%s/releases", out);
  fsx_entry *e;
  size_t n;
  if (fsx_list(a, dir, &e, &n) != 0) return;
  const char *cur = linked(a, out, "current"), *pre = linked(a, out, "preview");
  int kept = 0;
  for (size_t i = n; i-- > 0;) { /* names sort by time: newest last */
    const char *name = e[i].name;
    size_t nl = strlen(name);
    bool partial = name[0] == '.' && nl > 8 && strcmp(name + nl - 8, ".partial") == 0;
    if (partial) {
      /* a build that was killed; ours is already renamed */
      fsx_rmtree(arena_printf(a, "%s/%s", dir, name));
      continue;
    }
    if (name[0] == '.') continue;
    if (++kept <= keep) continue;
    if (strcmp(name, cur) == 0 || strcmp(name, pre) == 0 || strcmp(name, mine) == 0) continue;
    fsx_rmtree(arena_printf(a, "%s/%s", dir, name));
  }
}

static void close_dir(release *r) {
  if (r->dirfd >= 0) close(r->dirfd);
  r->dirfd = -1;
}

int release_commit(arena *a, release *r, const char *link, int keep) {
  close_dir(r);
  if (rename(r->staging, r->final) != 0) {
    diag_system(r->staging, "cannot finish the release: %s", strerror(errno));
    return -1;
  }
  char *l = arena_printf(a, "%s/%s", r->out, link);
  char *target = arena_printf(a, "releases/%s", r->id);
  struct stat st;
  if (lstat(l, &st) == 0 && !S_ISLNK(st.st_mode)) {
    diag_error(l, 0, 0, "move it away; govpub keeps releases under releases/ and links to them",
               "\"%s\" exists and is not a link", l);
    return -1;
  }
  if (fsx_switch_link(target, l) != 0) {
    diag_system(l, "cannot switch the link: %s", strerror(errno));
    return -1;
  }
  prune(a, r->out, keep, r->id);
  return 0;
}

void release_abort(release *r) {
  close_dir(r);
  if (r->staging) fsx_rmtree(r->staging);
}

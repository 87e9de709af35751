/* release: see release.h. */
#include "release.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "fsx.h"
#include "release_fold.h"
#include "strmap.h"

int release_begin(arena *a, const char *out, release *r) {
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  char stamp[32];
  strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
  return release_begin_as(a, out, stamp, r);
}

/* <out>/.trash: the releases the last commit pruned. */
struct release_trash {
  pthread_t thread;
  char *dir;
};

static char *trash_dir(const char *out) {
  buf b = BUF_INIT;
  buf_printf(&b, "%s/.trash", out);
  return buf_take(&b, NULL);
}

/* True when `dir` is a folder (not a link to one). */
static bool real_dir(const char *dir) {
  struct stat st;
  return lstat(dir, &st) == 0 && S_ISDIR(st.st_mode);
}

static void *empty_trash(void *p) {
  release_trash *t = p;
  DIR *d = opendir(t->dir);
  if (!d) return NULL;
  struct dirent *e;
  buf path = BUF_INIT;
  while ((e = readdir(d))) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    path.len = 0;
    buf_printf(&path, "%s/%s", t->dir, e->d_name);
    fsx_rmtree(path.data); /* what stays is removed next time */
  }
  closedir(d);
  buf_free(&path);
  return NULL;
}

/* Starts emptying <out>/.trash beside the build, when there is one. */
static void trash_start(release *r) {
  char *dir = trash_dir(r->out);
  if (!real_dir(dir)) {
    free(dir);
    return;
  }
  release_trash *t = calloc(1, sizeof *t);
  if (!t) abort();
  t->dir = dir;
  if (pthread_create(&t->thread, NULL, empty_trash, t) != 0) { /* left for the next build */
    free(dir);
    free(t);
    return;
  }
  r->trash = t;
}

static void trash_wait(release *r) {
  if (!r->trash) return;
  pthread_join(r->trash->thread, NULL);
  free(r->trash->dir);
  free(r->trash);
  r->trash = NULL;
}

int release_begin_as(arena *a, const char *out, const char *base, release *r) {
  r->out = out;
  r->dirfd = -1;
  r->trash = NULL;
  r->claims = NULL;
  r->folds = NULL;
  char *dir = arena_printf(a, "%s/releases", out);
  if (fsx_mkdirs(dir) != 0) {
    diag_system(dir, "cannot create the output folder: %s", strerror(errno));
    return -1;
  }
  for (int n = 1; n < 1000; n++) {
    r->id = n == 1 ? arena_strdup(a, base) : arena_printf(a, "%s-%d", base, n);
    r->final = arena_printf(a, "%s/%s", dir, r->id);
    r->staging = arena_printf(a, "%s/.%s.partial", dir, r->id);
    struct stat st;
    if (lstat(r->final, &st) == 0 || lstat(r->staging, &st) == 0) continue;
    if (mkdir(r->staging, 0755) == 0) {
      r->dirfd = open(r->staging, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (r->dirfd >= 0) {
        if (diag_errors() == 0) trash_start(r); /* a refused build leaves out/ as it was, .trash too */
        r->folds = release_fold_new();
        return 0;
      }
      fsx_rmtree(r->staging);
      break;
    }
    if (errno != EEXIST) break;
  }
  diag_system(dir, "cannot create a release folder: %s", strerror(errno));
  return -1;
}

static void close_dir(release *r);

/* The paths a failed build would have written (release_dry_after_errors):
 * each file's path → &claimed_file, each folder above one → &claimed_folder. */
struct release_claims {
  pthread_mutex_t lock;
  arena *a;
  strmap *paths;
  atomic_int writing; /* writes in flight (put_output), which a claim waits for */
};

static char claimed_file, claimed_folder; /* the values of release_claims.paths */

void release_dry_after_errors(release *r) {
  release_claims *c = calloc(1, sizeof *c);
  if (!c) abort();
  pthread_mutex_init(&c->lock, NULL);
  atomic_init(&c->writing, 0);
  c->a = arena_new();
  c->paths = strmap_new(c->a);
  r->claims = c;
}

static void claims_free(release *r) {
  if (!r->claims) return;
  pthread_mutex_destroy(&r->claims->lock);
  arena_free(r->claims->a);
  free(r->claims);
  r->claims = NULL;
}

static bool dry(const release *r) { return r->claims && diag_errors() > 0; }

/* What creating `path` in the staging folder would do, given what the build
 * wrote before it failed and claimed since: 0, or -1 with errno EEXIST
 * (taken, as a file or a folder) or ENOTDIR (a file where a folder of the
 * path must be), as fsx_write_new_at says them. */
static int claim(const release *r, const char *path) {
  release_claims *c = r->claims;
  struct stat st;
  int rc = 0;
  while (atomic_load(&c->writing) > 0) sched_yield(); /* what began before the first error is on disk */
  pthread_mutex_lock(&c->lock);
  if (strmap_get(c->paths, path) || fstatat(r->dirfd, path, &st, AT_SYMLINK_NOFOLLOW) == 0) {
    errno = EEXIST;
    rc = -1;
  }
  for (const char *slash = path; rc == 0 && (slash = strchr(slash + 1, '/'));) {
    char *folder = arena_strndup(c->a, path, (size_t)(slash - path));
    const char *was = strmap_get(c->paths, folder);
    if (was == &claimed_file ||
        (!was && fstatat(r->dirfd, folder, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISDIR(st.st_mode))) {
      errno = ENOTDIR;
      rc = -1;
    } else if (!was) {
      strmap_put(c->paths, folder, &claimed_folder);
    }
  }
  if (rc == 0) strmap_put(c->paths, arena_strdup(c->a, path), &claimed_file);
  pthread_mutex_unlock(&c->lock);
  return rc;
}

/* claim, for a copy: its source must be readable, as fsx_copy_new_at opens it first. */
static int claim_copy(const release *r, const char *path, const char *src) {
  int fd = open(src, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  close(fd);
  return claim(r, path);
}

/* One output of a release: the bytes data[0..len), or a copy of src. */
typedef struct {
  const void *data;
  size_t len;
  const char *src; /* NULL: data */
} output;

/* Makes `path` from o, or only claims it once the build has failed (dry).
 * A write counts itself in flight before it asks, so that a claim, which
 * looks at the disk for what was written before the first error, waits
 * for the writes that had not seen the error yet.  0, or -1 with errno. */
static int put_output(const release *r, const char *path, const output *o) {
  release_claims *c = r->claims;
  if (c) atomic_fetch_add(&c->writing, 1);
  if (dry(r)) {
    atomic_fetch_sub(&c->writing, 1);
    return o->src ? claim_copy(r, path, o->src) : claim(r, path);
  }
  int rc = o->src ? fsx_copy_new_at(r->dirfd, path, o->src) : fsx_write_new_at(r->dirfd, path, o->data, o->len);
  if (c) atomic_fetch_sub(&c->writing, 1); /* errno stays */
  return rc;
}

struct release_overlay {
  pthread_mutex_t lock;
  char **paths; /* written, each under its temporary name (overlay_tmp) */
  size_t n, cap;
};

/* "search/t/3.txt" → "search/t/.3.txt.govpub-new" (malloc'd). */
static char *overlay_tmp(const char *path) {
  const char *slash = strrchr(path, '/');
  size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
  buf b = BUF_INIT;
  buf_put(&b, path, dir);
  buf_printf(&b, ".%s.govpub-new", path + dir);
  return buf_take(&b, NULL);
}

int release_overlay_begin(arena *a, const char *out, const char *id, release *r) {
  *r = (release){.out = out, .id = id, .dirfd = -1};
  r->final = arena_printf(a, "%s/releases/%s", out, id);
  r->dirfd = open(r->final, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
  if (r->dirfd < 0) {
    diag_system(r->final, "cannot open the release: %s", strerror(errno));
    return -1;
  }
  r->overlay = calloc(1, sizeof *r->overlay);
  if (!r->overlay) abort();
  pthread_mutex_init(&r->overlay->lock, NULL);
  return 0;
}

static void overlay_free(release *r) {
  for (size_t i = 0; i < r->overlay->n; i++) free(r->overlay->paths[i]);
  free(r->overlay->paths);
  pthread_mutex_destroy(&r->overlay->lock);
  free(r->overlay);
  r->overlay = NULL;
}

/* release_write of an overlay: the new bytes under the temporary name. */
static int overlay_write(const release *r, const char *path, const void *data, size_t len) {
  char *tmp = overlay_tmp(path);
  unlinkat(r->dirfd, tmp, 0); /* left by a killed run */
  if (fsx_write_new_at(r->dirfd, tmp, data, len) != 0) {
    diag_system(path, "cannot write output: %s", strerror(errno));
    free(tmp);
    return -1;
  }
  release_overlay *o = r->overlay;
  pthread_mutex_lock(&o->lock);
  if (o->n == o->cap) {
    o->cap = o->cap ? o->cap * 2 : 64;
    o->paths = realloc(o->paths, o->cap * sizeof *o->paths);
    if (!o->paths) abort();
  }
  o->paths[o->n++] = tmp;
  pthread_mutex_unlock(&o->lock);
  return 0;
}

int release_overlay_commit(release *r) {
  int rc = 0;
  for (size_t i = 0; i < r->overlay->n && rc == 0; i++) {
    const char *tmp = r->overlay->paths[i];
    const char *slash = strrchr(tmp, '/');
    size_t dir = slash ? (size_t)(slash - tmp) + 1 : 0;
    buf b = BUF_INIT; /* the temporary name without its dot and suffix */
    buf_put(&b, tmp, dir);
    buf_put(&b, tmp + dir + 1, strlen(tmp + dir + 1) - strlen(".govpub-new"));
    char *path = buf_take(&b, NULL);
    if (renameat(r->dirfd, tmp, r->dirfd, path) != 0) {
      diag_system(path, "cannot update the output: %s", strerror(errno));
      rc = -1;
    }
    free(path);
  }
  if (rc != 0) { /* what is not renamed yet goes; the caller builds whole next time */
    for (size_t i = 0; i < r->overlay->n; i++) unlinkat(r->dirfd, r->overlay->paths[i], 0);
  }
  overlay_free(r);
  close_dir(r);
  return rc;
}

char *release_read(const release *r, const char *path, size_t *len) {
  int fd = openat(r->dirfd, path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return NULL;
  char *text = fsx_read_fd(fd, len);
  int e = errno;
  close(fd);
  errno = e;
  return text;
}

/* Why the output `path` could not be made (errno), said at `who` (the
 * output itself, with no line, or the source file made or copied to it, at
 * line:col).  In a staging folder that holds only this build's outputs,
 * EEXIST and ENOTDIR both mean that two of them claim one path: a file
 * where another needs its folder. */
static void report_failed(const char *who, int line, int col, const char *path, const char *what) {
  const char *hint = "two pages, static files or aliases want the same output path; rename one";
  if (who == path) line = col = 0;
  if (errno == EEXIST)
    diag_error(who, line, col, hint, "output written twice: /%s", path);
  else if (errno == ENOTDIR)
    diag_error(who, line, col, hint, "output /%s needs a folder where another output is a file", path);
  else if (who == path)
    diag_system(who, "cannot %s: %s", what, strerror(errno));
  else
    diag_system(who, "cannot %s /%s: %s", what, path, strerror(errno));
}

int release_write_from(const release *r, const char *path, const char *src, int line, int col, const void *data,
                       size_t len) {
  if (r->overlay) return overlay_write(r, path, data, len);
  if (r->folds)
    release_fold_add(r->folds, path, src ? src : path, src ? line : 0, src ? col : 0,
                     src ? FOLD_FROM_SOURCE : FOLD_UNCOMPARED);
  if (put_output(r, path, &(output){.data = data, .len = len}) == 0) return 0;
  report_failed(src ? src : path, line, col, path, "write output");
  return -1;
}

int release_write(const release *r, const char *path, const void *data, size_t len) {
  return release_write_from(r, path, NULL, 0, 0, data, len);
}

int release_copy(const release *r, const char *path, const char *src, fold_kind kind) {
  if (r->overlay) { /* in place: through a temporary name like every overlay file */
    size_t len;
    char *data = fsx_read(src, &len);
    if (!data) {
      diag_system(src, "cannot copy to the output: %s", strerror(errno));
      return -1;
    }
    int rc = overlay_write(r, path, data, len);
    free(data);
    return rc;
  }
  if (r->folds) release_fold_add(r->folds, path, src, 1, 1, kind);
  if (put_output(r, path, &(output){.src = src}) == 0) return 0;
  report_failed(src, 1, 1, path, "copy to the output"); /* a whole file */
  return -1;
}

const char *release_linked(arena *a, const char *out, const char *name) {
  char target[PATH_MAX];
  char *link = arena_printf(a, "%s/%s", out, name);
  ssize_t n = readlink(link, target, sizeof target - 1);
  if (n <= 0) return "";
  target[n] = '\0';
  const char *slash = strrchr(target, '/');
  return arena_strdup(a, slash ? slash + 1 : target);
}

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n > k && strcmp(s + n - k, suffix) == 0;
}

/* What a killed build (.<id>.partial) or prune (.<id>.removing) left. */
static bool leftover(const char *name) {
  return name[0] == '.' && (ends_with(name, ".partial") || ends_with(name, ".removing"));
}

static void prune(arena *a, const char *out, int keep, const char *mine) {
  char *dir = arena_printf(a, "%s/releases", out);
  fsx_entry *e;
  size_t n;
  if (fsx_list(a, dir, &e, &n) != 0) return;
  const char *cur = release_linked(a, out, "current"), *pre = release_linked(a, out, "preview");
  char *trash = arena_printf(a, "%s/.trash", out);
  int trash_ok = -1; /* made and checked at the first release pruned */
  int kept = 0;
  for (size_t i = n; i-- > 0;) { /* names sort by time: newest last */
    const char *name = e[i].name;
    if (leftover(name)) { /* a build or a prune that was killed; ours is already renamed */
      fsx_rmtree(arena_printf(a, "%s/%s", dir, name));
      continue;
    }
    if (name[0] == '.') continue;
    if (++kept <= keep) continue;
    if (strcmp(name, cur) == 0 || strcmp(name, pre) == 0 || strcmp(name, mine) == 0) continue;
    /* Into the trash, which the next build empties beside its work; when
     * that cannot be, renamed first and removed now, so a prune killed
     * halfway never leaves a release folder that looks whole but is not
     * (rollback must find only whole ones). */
    char *from = arena_printf(a, "%s/%s", dir, name);
    if (trash_ok < 0) trash_ok = (mkdir(trash, 0755) == 0 || errno == EEXIST) && real_dir(trash);
    if (trash_ok && rename(from, arena_printf(a, "%s/%s", trash, name)) == 0) continue;
    char *gone = arena_printf(a, "%s/.%s.removing", dir, name);
    if (rename(from, gone) == 0) fsx_rmtree(gone);
  }
}

static void close_dir(release *r) {
  if (r->dirfd >= 0) close(r->dirfd);
  r->dirfd = -1;
}

int release_commit(arena *a, release *r, const char *link, int keep) {
  trash_wait(r);
  claims_free(r);
  release_fold_free(r->folds);
  r->folds = NULL;
  close_dir(r);
  if (rename(r->staging, r->final) != 0) {
    diag_system(r->staging, "cannot finish the release: %s", strerror(errno));
    return -1;
  }
  if (release_switch(a, r->out, r->id, link) != 0) { /* a full disk: leave out/ as it was */
    fsx_rmtree(r->final);
    return -1;
  }
  prune(a, r->out, keep, r->id);
  return 0;
}

void release_abort(release *r) {
  trash_wait(r);
  claims_free(r);
  release_fold_free(r->folds);
  r->folds = NULL;
  if (r->overlay) { /* the temporary files go; the release stays as it was */
    for (size_t i = 0; i < r->overlay->n; i++) unlinkat(r->dirfd, r->overlay->paths[i], 0);
    overlay_free(r);
    close_dir(r);
    return;
  }
  close_dir(r);
  if (r->staging) fsx_rmtree(r->staging); /* not into the trash: a refused build leaves out/ as it was */
}

int release_lock(arena *a, const char *out, bool make) {
  if (!make && !fsx_is_dir(out)) {
    diag_error(out, 0, 0, "name the output folder govpub publish writes: --out DIR (or --site DIR for DIR/out)",
               "no such output folder");
    return -1;
  }
  if (fsx_mkdirs(out) != 0) {
    diag_system(out, "cannot create the output folder: %s", strerror(errno));
    return -1;
  }
  char *path = arena_printf(a, "%s/.lock", out);
  int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    diag_system(path, "cannot open the lock: %s", strerror(errno));
    return -1;
  }
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK)
      diag_error(path, 0, 0, "wait for it to finish, then run this again",
                 "another govpub build, publish, rollback or deploy is working on \"%s\"", out);
    else
      diag_system(path, "cannot take the lock: %s", strerror(errno));
    close(fd);
    return -1;
  }
  return fd;
}

void release_unlock(int fd) {
  if (fd >= 0) close(fd); /* closing drops the flock */
}

int release_list(arena *a, const char *out, const char ***ids, size_t *n) {
  fsx_entry *e;
  size_t ne;
  *ids = NULL;
  *n = 0;
  if (fsx_list(a, arena_printf(a, "%s/releases", out), &e, &ne) != 0) return errno == ENOENT ? 0 : -1;
  *ids = arena_alloc(a, (ne ? ne : 1) * sizeof **ids);
  for (size_t i = 0; i < ne; i++)
    if (e[i].name[0] != '.' && e[i].is_dir) (*ids)[(*n)++] = e[i].name;
  return 0;
}

int release_list_reported(arena *a, const char *out, const char ***ids, size_t *n) {
  if (release_list(a, out, ids, n) == 0) return 0;
  int err = errno;
  diag_system_at(err, NULL, arena_printf(a, "%s/releases", out), "cannot list the releases: %s", strerror(err));
  return -1;
}

int release_switch(arena *a, const char *out, const char *id, const char *link) {
  char *l = arena_printf(a, "%s/%s", out, link);
  struct stat st;
  if (lstat(l, &st) == 0 && !S_ISLNK(st.st_mode)) {
    diag_error(l, 0, 0, "move it away; govpub keeps releases under releases/ and links to them",
               "\"%s\" exists and is not a link", l);
    return -1;
  }
  if (fsx_switch_link(arena_printf(a, "releases/%s", id), l) != 0) {
    diag_system(l, "cannot switch the link: %s", strerror(errno));
    return -1;
  }
  return 0;
}

/* fsx: see fsx.h. */
#include "fsx.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void stamp_of(const struct stat *st, fsx_stamp *out) {
  out->size = (int64_t)st->st_size;
  out->change_ns = (int64_t)st->st_ctim.tv_sec * 1000000000 + st->st_ctim.tv_nsec;
  out->ino = (uint64_t)st->st_ino;
}

int fsx_stamp_at(int dirfd, const char *path, fsx_stamp *out) {
  struct stat st;
  if (fstatat(dirfd, path, &st, AT_SYMLINK_NOFOLLOW) != 0) return -1;
  stamp_of(&st, out);
  return 0;
}

int fsx_folder_stamp_at(int dirfd, const char *path, bool follow, fsx_stamp *out) {
  struct stat st;
  if (fstatat(dirfd, path, &st, follow ? 0 : AT_SYMLINK_NOFOLLOW) != 0) return -1;
  stamp_of(&st, out);
  return 0;
}

char *fsx_read(const char *path, size_t *len) { return fsx_read_stamped(path, len, NULL, 0); }

/* Storage for read_fd: from the arena `a`, or malloc'd when `a` is NULL. */
static void *storage(arena *a, void *old, size_t old_n, size_t n) {
  return a ? arena_resize(a, old, old_n, n) : realloc(old, n);
}

/* The whole regular file open at fd (not closed), and its stamp, in `a`
 * (NULL: malloc).  It reads the bytes fstat counted, with one read as a
 * rule: no further read to meet the end, and no larger buffer for it
 * (both used to be done for every content file); a size of 0 (some
 * special files) reads to the end. */
static char *read_fd(int fd, size_t *len, fsx_stamp *stamp, size_t max, arena *a) {
  struct stat st;
  if (fstat(fd, &st) != 0) return NULL;
  if (!S_ISREG(st.st_mode)) {
    errno = EISDIR;
    return NULL;
  }
  if (stamp) stamp_of(&st, stamp);
  if (max && (size_t)st.st_size > max) {
    errno = EFBIG;
    return NULL;
  }
  size_t size = (size_t)st.st_size, cap = size + 1, n = 0;
  char *data = storage(a, NULL, 0, cap);
  if (!data) {
    errno = ENOMEM;
    return NULL;
  }
  for (;;) {
    if (size && n == size) break;
    if (n + 1 >= cap) { /* a size fstat did not know */
      char *p = storage(a, data, cap, cap * 2);
      if (!p) {
        if (!a) free(data);
        errno = ENOMEM;
        return NULL;
      }
      data = p;
      cap *= 2;
    }
    ssize_t r = read(fd, data + n, cap - n - 1);
    if (r < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      if (!a) free(data);
      errno = e;
      return NULL;
    }
    if (r == 0) break;
    n += (size_t)r;
  }
  data[n] = '\0';
  if (len) *len = n;
  return data;
}

char *fsx_read_fd(int fd, size_t *len) { return read_fd(fd, len, NULL, 0, NULL); }

char *fsx_read_stamped_arena(arena *a, const char *path, size_t *len, fsx_stamp *stamp, size_t max) {
  return fsx_read_stamped_at(a, AT_FDCWD, path, len, stamp, max);
}

char *fsx_read_stamped_at(arena *a, int dirfd, const char *path, size_t *len, fsx_stamp *stamp, size_t max) {
  /* O_NONBLOCK: a FIFO opens at once (and is refused by read_fd) instead
     of waiting for a writer: a chart's data: naming one hung the build */
  int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) return NULL;
  char *data = read_fd(fd, len, stamp, max, a);
  int e = errno;
  close(fd);
  errno = e;
  return data;
}

char *fsx_read_stamped(const char *path, size_t *len, fsx_stamp *stamp, size_t max) {
  return fsx_read_stamped_arena(NULL, path, len, stamp, max);
}

char *fsx_read_arena(arena *a, const char *path, size_t *len) {
  return fsx_read_stamped_arena(a, path, len, NULL, 0);
}

static int cmp_entry(const void *a, const void *b) {
  return strcmp(((const fsx_entry *)a)->name, ((const fsx_entry *)b)->name);
}

int fsx_list(arena *a, const char *dir, fsx_entry **out, size_t *n) {
  DIR *d = opendir(dir);
  if (!d) return -1;
  size_t cap = 16, cnt = 0;
  fsx_entry *v = arena_alloc(a, cap * sizeof *v);
  struct dirent *e;
  while ((e = readdir(d))) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    if (cnt == cap) {
      v = arena_grow(a, v, cnt, cap * 2, sizeof *v);
      cap *= 2;
    }
    fsx_entry *x = &v[cnt++];
    x->name = arena_strdup(a, e->d_name);
    x->is_link = e->d_type == DT_LNK;
    x->is_dir = e->d_type == DT_DIR;
    x->is_file = e->d_type == DT_REG;
    if (e->d_type == DT_UNKNOWN || x->is_link) { /* ask the file system */
      struct stat st;
      char *full = path_join(a, dir, e->d_name);
      x->is_link = lstat(full, &st) == 0 && S_ISLNK(st.st_mode);
      x->is_dir = x->is_file = false;
      if (stat(full, &st) == 0) {
        x->is_dir = S_ISDIR(st.st_mode);
        x->is_file = S_ISREG(st.st_mode);
      }
    }
  }
  closedir(d);
  qsort(v, cnt, sizeof *v, cmp_entry);
  *out = v;
  *n = cnt;
  return 0;
}

typedef struct {
  arena *a;
  fsx_walk_entry *v;
  size_t n, cap;
  bool empty_dirs; /* fsx_walk_all: an empty folder is an entry */
} walk_state;

static void walk_add(walk_state *w, fsx_walk_entry e) {
  if (w->n == w->cap) {
    size_t cap = w->cap ? w->cap * 2 : 64;
    w->v = arena_grow(w->a, w->v, w->n, cap, sizeof *w->v);
    w->cap = cap;
  }
  w->v[w->n++] = e;
}

static int walk_into(walk_state *w, const char *root, const char *rel) {
  fsx_entry *e;
  size_t n;
  if (fsx_list(w->a, *rel ? path_join(w->a, root, rel) : root, &e, &n) != 0) return -1;
  if (n == 0 && *rel && w->empty_dirs) walk_add(w, (fsx_walk_entry){arena_printf(w->a, "%s/", rel), false, true});
  for (size_t i = 0; i < n; i++) {
    const char *sub = *rel ? path_join(w->a, rel, e[i].name) : e[i].name;
    if (e[i].is_dir && !e[i].is_link) {
      if (walk_into(w, root, sub) != 0) return -1;
      continue;
    }
    walk_add(w, (fsx_walk_entry){sub, e[i].is_file && !e[i].is_link, false});
  }
  return 0;
}

static int cmp_walk(const void *x, const void *y) {
  return strcmp(((const fsx_walk_entry *)x)->path, ((const fsx_walk_entry *)y)->path);
}

static int walk(arena *a, const char *root, bool empty_dirs, fsx_walk_entry **out, size_t *n) {
  walk_state w = {a, NULL, 0, 0, empty_dirs};
  if (walk_into(&w, root, "") != 0) return -1;
  if (w.n) qsort(w.v, w.n, sizeof *w.v, cmp_walk);
  *out = w.v;
  *n = w.n;
  return 0;
}

int fsx_walk(arena *a, const char *root, fsx_walk_entry **out, size_t *n) { return walk(a, root, false, out, n); }

int fsx_walk_all(arena *a, const char *root, fsx_walk_entry **out, size_t *n) { return walk(a, root, true, out, n); }

bool fsx_is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool fsx_is_file(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int fsx_mkdirs(const char *dir) {
  char tmp[4096];
  size_t n = strlen(dir);
  if (n == 0) return 0;
  if (n >= sizeof tmp) {
    errno = ENAMETOOLONG;
    return -1;
  }
  memcpy(tmp, dir, n + 1);
  for (char *p = tmp + 1; *p; p++) {
    if (*p != '/') continue;
    *p = '\0';
    if (mkdir(tmp, 0755) != 0 && errno != EEXIST) return -1;
    *p = '/';
  }
  if (mkdir(tmp, 0755) != 0 && errno != EEXIST) return -1;
  return 0;
}

static int write_all(int fd, const char *p, size_t len) {
  while (len) {
    ssize_t w = write(fd, p, len);
    if (w < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    p += w;
    len -= (size_t)w;
  }
  return 0;
}

/* mkdir -p of the folder part of `path`, relative to dirfd: tries the
 * deepest folder first and climbs only when its parent is missing too.
 * 0: the folder was made; 1: it was there; -1: failed. */
static int mkparents_at(int dirfd, const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash) return 1;
  char dir[4096];
  size_t n = (size_t)(slash - path);
  if (n >= sizeof dir) {
    errno = ENAMETOOLONG;
    return -1;
  }
  memcpy(dir, path, n);
  dir[n] = '\0';
  if (mkdirat(dirfd, dir, 0755) == 0) return 0;
  if (errno == EEXIST) return 1;
  if (errno != ENOENT || mkparents_at(dirfd, dir) < 0) return -1;
  if (mkdirat(dirfd, dir, 0755) == 0) return 0;
  return errno == EEXIST ? 1 : -1;
}

/* Folders (relative to `dirfd`) known to exist, per thread: they and
 * their parents, so a file going into one is opened at once instead of
 * asking mkdirat first, which only said EEXIST (1,050 times in a 10k-page
 * build).  Slot 0 is the folder the thread made last (a page's folder: its
 * column's too); the others, filled in turn, are folders mkdirat found
 * there (the search index's shard and table folders, data/, a tag's
 * pages/), which the page folders made between their files do not push
 * out.  A stale entry (the folder removed, or another folder open under
 * the same descriptor number) costs one openat that fails with ENOENT,
 * after which the folders are made as usual. */
#define KNOWN_DIRS 4
static _Thread_local struct {
  int dirfd;
  size_t len;
  char path[256];
} known_dirs[KNOWN_DIRS] = {{.dirfd = -1}, {.dirfd = -1}, {.dirfd = -1}, {.dirfd = -1}};
static _Thread_local unsigned found_next; /* the found-folder slot to fill next, less one */

/* True when the folder dir[0..n) is a known one or the parent of one. */
static bool dir_known(int dirfd, const char *dir, size_t n) {
  for (int i = 0; i < KNOWN_DIRS; i++) {
    const char *k = known_dirs[i].path;
    size_t kn = known_dirs[i].len;
    if (known_dirs[i].dirfd == dirfd && n <= kn && memcmp(k, dir, n) == 0 && (n == kn || k[n] == '/')) return true;
  }
  return false;
}

static void dir_remember(int dirfd, const char *dir, size_t n, bool made) {
  if (n >= sizeof known_dirs[0].path) return;
  unsigned i = made ? 0 : 1 + found_next++ % (KNOWN_DIRS - 1);
  memcpy(known_dirs[i].path, dir, n);
  known_dirs[i].len = n;
  known_dirs[i].dirfd = dirfd;
}

static int open_new_at(int dirfd, const char *path) {
  return openat(dirfd, path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
}

/* Creates `path` (O_EXCL).  Its folder is made first unless known: release
 * files mostly land in a folder of their own (a page's index.html), so one
 * mkdirat that succeeds is cheaper than an open that fails first. */
static int create_at(int dirfd, const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash) return open_new_at(dirfd, path);
  size_t n = (size_t)(slash - path);
  if (dir_known(dirfd, path, n)) {
    int fd = open_new_at(dirfd, path);
    if (fd >= 0 || errno != ENOENT) return fd;
  }
  int made = mkparents_at(dirfd, path);
  if (made < 0) return -1;
  dir_remember(dirfd, path, n, made == 0);
  return open_new_at(dirfd, path);
}

int fsx_write_new_at(int dirfd, const char *path, const void *data, size_t len) {
  int fd = create_at(dirfd, path);
  if (fd < 0) return -1;
  int rc = write_all(fd, data, len);
  int e = errno;
  if (close(fd) != 0 && rc == 0) return -1;
  errno = e;
  return rc;
}

static int copy_fd(int in, int out) {
  char chunk[65536];
  for (;;) {
    ssize_t r = read(in, chunk, sizeof chunk);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return r < 0 ? -1 : 0;
    if (write_all(out, chunk, (size_t)r) != 0) return -1;
  }
}

int fsx_copy_new_at(int dirfd, const char *path, const char *src) {
  int in = open(src, O_RDONLY | O_CLOEXEC);
  if (in < 0) return -1;
  int out = create_at(dirfd, path);
  if (out < 0) {
    int e = errno;
    close(in);
    errno = e;
    return -1;
  }
  int rc = copy_fd(in, out);
  int e = errno;
  close(in);
  if (close(out) != 0 && rc == 0) return -1;
  errno = e;
  return rc;
}

char *fsx_aside_name(const char *path) {
  static atomic_ulong seq; /* two threads writing one path each have their own */
  size_t n = strlen(path) + 48;
  char *name = malloc(n);
  if (!name) abort();
  snprintf(name, n, "%s.new-%ld-%lu", path, (long)getpid(), atomic_fetch_add(&seq, 1));
  return name;
}

void fsx_sweep_aside(const char *path) {
  const char *slash = strrchr(path, '/');
  const char *base = slash ? slash + 1 : path;
  size_t nbase = strlen(base);
  char *dir = slash ? strndup(path, (size_t)(slash - path) + (slash == path)) : strdup(".");
  if (!dir) abort();
  DIR *d = opendir(dir);
  free(dir);
  if (!d) return;
  struct dirent *e;
  while ((e = readdir(d))) {
    const char *name = e->d_name;
    if (strncmp(name, base, nbase) != 0 || strncmp(name + nbase, ".new-", 5) != 0) continue;
    const char *digits = name + nbase + 5;
    size_t nd = strspn(digits, "0123456789"); /* <pid>-<sequence> */
    const char *seq = digits + nd + 1;
    if (!nd || nd > 9 || digits[nd] != '-' || !*seq || strspn(seq, "0123456789") != strlen(seq)) continue;
    long pid = strtol(digits, NULL, 10);
    struct stat st;
    if (pid > 0 && pid != (long)getpid() && kill((pid_t)pid, 0) != 0 && errno == ESRCH &&
        fstatat(dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW) == 0 && time(NULL) - st.st_mtime >= FSX_ASIDE_QUIET_S)
      unlinkat(dirfd(d), name, 0);
  }
  closedir(d);
}

/* Takes the temporary file tmp away and gives -1 with the errno of the
 * failure that made it go. */
static int drop_aside(char *tmp) {
  int e = errno;
  unlink(tmp);
  free(tmp);
  errno = e;
  return -1;
}

int fsx_write_output(const char *path, const void *data, size_t len) {
  struct stat st;
  bool std = strcmp(path, "-") == 0;
  if (!std && (stat(path, &st) != 0 || !(S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))))
    return fsx_replace(path, data, len);
  FILE *f = std ? stdout : fopen(path, "w");
  bool ok = f && fwrite(data, 1, len, f) == len && fflush(f) == 0;
  int err = errno;
  if (f && !std && fclose(f) != 0 && ok) ok = false, err = errno;
  errno = err;
  return ok ? 0 : -1;
}

int fsx_replace(const char *path, const void *data, size_t len) {
  char *tmp = fsx_aside_name(path); /* a name no other write has */
  if (fsx_write_new_at(AT_FDCWD, tmp, data, len) != 0) return drop_aside(tmp); /* a full disk: no part left */
  if (rename(tmp, path) != 0) return drop_aside(tmp);
  free(tmp);
  return 0;
}

int fsx_rmtree(const char *path) {
  struct stat st;
  if (lstat(path, &st) != 0) return errno == ENOENT ? 0 : -1;
  if (!S_ISDIR(st.st_mode)) return unlink(path);
  DIR *d = opendir(path);
  if (!d) return -1;
  struct dirent *e;
  int rc = 0;
  while ((e = readdir(d))) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    char sub[4096];
    if ((size_t)snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) >= sizeof sub) {
      errno = ENAMETOOLONG;
      rc = -1;
      continue;
    }
    if (fsx_rmtree(sub) != 0) rc = -1;
  }
  closedir(d);
  if (rmdir(path) != 0) rc = -1;
  return rc;
}

int fsx_switch_link(const char *target, const char *link) {
  fsx_sweep_aside(link);
  char *tmp = fsx_aside_name(link);
  if (symlink(target, tmp) != 0) return drop_aside(tmp);
  if (rename(tmp, link) != 0) return drop_aside(tmp);
  free(tmp);
  /* Make the rename durable: sync the folder holding the link. */
  char dir[4096];
  const char *slash = strrchr(link, '/');
  size_t n = slash ? (size_t)(slash - link) : 1;
  memcpy(dir, slash ? link : ".", n);
  dir[n] = '\0';
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    fsync(fd);
    close(fd);
  }
  return 0;
}

bool path_is_safe_rel(const char *p) {
  if (!p || !*p || *p == '/') return false;
  for (const char *s = p; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c < 0x20 || c == 0x7f || c == '\\') return false;
  }
  for (const char *seg = p; seg;) {
    const char *end = strchr(seg, '/');
    size_t n = end ? (size_t)(end - seg) : strlen(seg);
    if (n == 2 && seg[0] == '.' && seg[1] == '.') return false;
    seg = end ? end + 1 : NULL;
  }
  return true;
}

size_t fsx_longest_name(const char *path) {
  size_t longest = 0;
  for (const char *seg = path; seg;) {
    const char *end = strchr(seg, '/');
    size_t n = end ? (size_t)(end - seg) : strlen(seg);
    if (n > longest) longest = n;
    seg = end ? end + 1 : NULL;
  }
  return longest;
}

const char *path_in_site(arena *a, const char *root, const char *rel) {
  return !root || !*root || strcmp(root, ".") == 0 ? rel : path_join(a, root, rel);
}

char *path_join(arena *a, const char *x, const char *y) {
  if (!*x) return arena_strdup(a, y);
  if (!*y) return arena_strdup(a, x);
  size_t nx = strlen(x);
  bool slash = x[nx - 1] == '/';
  return arena_cat(a, x, slash ? "" : "/", y, NULL);
}

char *path_normalize(arena *a, const char *p) {
  size_t n = strlen(p);
  char *out = arena_alloc(a, n + 1);
  size_t o = 0;
  for (const char *seg = p; seg;) {
    const char *end = strchr(seg, '/');
    size_t len = end ? (size_t)(end - seg) : strlen(seg);
    if (len == 0 || (len == 1 && seg[0] == '.')) {
      /* skip */
    } else if (len == 2 && seg[0] == '.' && seg[1] == '.') {
      if (o == 0) return NULL;
      while (o > 0 && out[o - 1] != '/') o--;
      if (o > 0) o--; /* drop the slash too */
    } else {
      if (o > 0) out[o++] = '/';
      memcpy(out + o, seg, len);
      o += len;
    }
    seg = end ? end + 1 : NULL;
  }
  out[o] = '\0';
  return out;
}

char *path_dir(arena *a, const char *p) {
  const char *slash = strrchr(p, '/');
  return slash ? arena_strndup(a, p, (size_t)(slash - p)) : arena_strdup(a, "");
}

char *path_chop(char *path) {
  size_t n = strlen(path);
  while (n > 1 && path[n - 1] == '/') path[--n] = '\0';
  return path;
}

bool fsx_rel_has_link(const char *root, const char *rel) {
  size_t nroot = root && *root ? strlen(root) : 0, nrel = strlen(rel);
  char *path = malloc(nroot + nrel + 2);
  if (!path) return false;
  size_t at = 0;
  if (nroot) {
    memcpy(path, root, nroot);
    path[nroot] = '/';
    at = nroot + 1;
  }
  memcpy(path + at, rel, nrel + 1);
  bool link = false;
  for (char *p = path + at; !link && *p;) { /* each prefix of rel: a, a/b, a/b/c */
    char *slash = strchr(p, '/');
    if (slash) *slash = '\0';
    struct stat st;
    link = lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
    if (!slash) break;
    *slash = '/';
    p = slash + 1;
  }
  free(path);
  return link;
}

char *fsx_absolute(const char *path) {
  char *r = realpath(path, NULL);
  if (r || !*path) return r;
  char *copy = strdup(path), *slash = copy ? strrchr(copy, '/') : NULL;
  if (!copy) return NULL;
  const char *name = slash ? slash + 1 : copy;
  if (slash) *slash = '\0';
  char *p = !slash ? realpath(".", NULL) : slash == copy ? strdup("/") : fsx_absolute(copy), *out = NULL;
  /* A . or .. after a missing folder is the kernel's once the folder is
   * made (a build's mkdir -p): nope/../content is content, not a folder
   * inside nope/..; and a/ is a. */
  bool dots = strcmp(name, "..") == 0;
  if (p && (dots || strcmp(name, ".") == 0 || !*name)) {
    char *last = strrchr(p, '/');
    if (dots && last) last[last == p ? 1 : 0] = '\0'; /* the parent; "/" for "/x" */
    free(copy);
    return p;
  }
  if (p && asprintf(&out, "%s/%s", strcmp(p, "/") == 0 ? "" : p, name) < 0) out = NULL;
  free(p);
  free(copy);
  return out;
}

const char *path_rel_in(arena *a, const char *root, const char *path) {
  char *r = fsx_absolute(root), *p = fsx_absolute(path);
  const char *rel = NULL;
  size_t n = r ? strlen(r) : 0;
  if (r && p && strncmp(p, r, n) == 0 && (p[n] == '\0' || p[n] == '/' || n == 1))
    rel = arena_strdup(a, p + n + (p[n] == '/'));
  free(r);
  free(p);
  return rel;
}

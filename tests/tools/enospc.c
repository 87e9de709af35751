/* enospc.c — an LD_PRELOAD shim that makes the disk fill up: after
 * ENOSPC_AFTER calls that write to the file system, every further one fails
 * with ENOSPC (a full disk stays full).  Counted and failed: write, pwrite
 * and writev on anything but a terminal or pipe (so stderr still reaches
 * the test), fsync, fdatasync, syncfs, rename, renameat, symlink,
 * symlinkat, and mkdir, mkdirat, open and openat when they would create
 * something new.  As on a real full disk, what needs no space still works:
 * unlinking, reading, opening or "creating" what exists (mkdir gives
 * EEXIST, open without O_EXCL opens it).
 *
 *   ENOSPC_AFTER=N  LD_PRELOAD=build/tests/enospc.so  govpub publish …
 *   ENOSPC_COUNT=FILE  (optional) the number of calls made is written there
 *                      at exit: how far a loop over N has to go.
 *
 * Built by `make unit` (build/tests/enospc.so) for tests/cli/hostile_enospc.sh. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

static atomic_long calls;
static long after = -1; /* -1: never fail (only count) */

__attribute__((constructor)) static void init(void) {
  const char *s = getenv("ENOSPC_AFTER");
  if (s && *s) after = strtol(s, NULL, 10);
}

__attribute__((destructor)) static void report(void) {
  const char *path = getenv("ENOSPC_COUNT");
  if (!path) return;
  char line[32];
  int n = snprintf(line, sizeof line, "%ld\n", (long)atomic_load(&calls));
  int (*real_open)(const char *, int, ...) = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
  ssize_t (*real_write)(int, const void *, size_t) =
      (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
  int fd = real_open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd >= 0) {
    if (real_write(fd, line, (size_t)n) < 0) { /* nothing to do: the count is lost */
    }
    close(fd);
  }
}

/* True when this call is past the limit (and counts it). */
static int full(void) {
  long n = atomic_fetch_add(&calls, 1) + 1;
  if (after >= 0 && n > after) {
    errno = ENOSPC;
    return 1;
  }
  return 0;
}

static int on_disk(int fd) {
  struct stat st;
  return fstat(fd, &st) == 0 && (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode));
}

#define REAL(ret, name, ...) \
  static ret (*real)(__VA_ARGS__); \
  if (!real) real = (ret(*)(__VA_ARGS__))dlsym(RTLD_NEXT, name)

ssize_t write(int fd, const void *b, size_t n) {
  REAL(ssize_t, "write", int, const void *, size_t);
  if (on_disk(fd) && full()) return -1;
  return real(fd, b, n);
}

ssize_t pwrite(int fd, const void *b, size_t n, off_t off) {
  REAL(ssize_t, "pwrite", int, const void *, size_t, off_t);
  if (on_disk(fd) && full()) return -1;
  return real(fd, b, n, off);
}

ssize_t writev(int fd, const struct iovec *v, int n) {
  REAL(ssize_t, "writev", int, const struct iovec *, int);
  if (on_disk(fd) && full()) return -1;
  return real(fd, v, n);
}

int fsync(int fd) {
  REAL(int, "fsync", int);
  return full() ? -1 : real(fd);
}

int fdatasync(int fd) {
  REAL(int, "fdatasync", int);
  return full() ? -1 : real(fd);
}

int syncfs(int fd) {
  REAL(int, "syncfs", int);
  return full() ? -1 : real(fd);
}

int rename(const char *a, const char *b) {
  REAL(int, "rename", const char *, const char *);
  return full() ? -1 : real(a, b);
}

int renameat(int da, const char *a, int db, const char *b) {
  REAL(int, "renameat", int, const char *, int, const char *);
  return full() ? -1 : real(da, a, db, b);
}

int symlink(const char *t, const char *l) {
  REAL(int, "symlink", const char *, const char *);
  return full() ? -1 : real(t, l);
}

int symlinkat(const char *t, int d, const char *l) {
  REAL(int, "symlinkat", const char *, int, const char *);
  return full() ? -1 : real(t, d, l);
}

/* True when `p` (relative to d) names something already there. */
static int exists(int d, const char *p) {
  struct stat st;
  return fstatat(d, p, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

int mkdir(const char *p, mode_t m) {
  REAL(int, "mkdir", const char *, mode_t);
  return !exists(AT_FDCWD, p) && full() ? -1 : real(p, m);
}

int mkdirat(int d, const char *p, mode_t m) {
  REAL(int, "mkdirat", int, const char *, mode_t);
  return !exists(d, p) && full() ? -1 : real(d, p, m);
}

/* open's optional third argument, the mode of a file it creates. */
#define MODE_ARG(flags, m) \
  do { \
    if ((flags) & (O_CREAT | O_TMPFILE)) { \
      va_list ap; \
      va_start(ap, flags); \
      m = (mode_t)va_arg(ap, int); \
      va_end(ap); \
    } \
  } while (0)

/* True when opening `p` with `flags` would create a file and the disk is
 * full. */
static int create_fails(int d, const char *p, int flags) {
  return (flags & (O_CREAT | O_TMPFILE)) && ((flags & O_EXCL) || !exists(d, p)) && full();
}

int open(const char *p, int flags, ...) {
  REAL(int, "open", const char *, int, ...);
  mode_t m = 0;
  MODE_ARG(flags, m);
  return create_fails(AT_FDCWD, p, flags) ? -1 : real(p, flags, m);
}

int openat(int d, const char *p, int flags, ...) {
  REAL(int, "openat", int, const char *, int, ...);
  mode_t m = 0;
  MODE_ARG(flags, m);
  return create_fails(d, p, flags) ? -1 : real(d, p, flags, m);
}

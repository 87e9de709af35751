/* write_tree.c — the file system's floor under a build: writes a tree of
 * the same folders and file sizes as a built release (SRC) into a new
 * folder DST with nothing but mkdirat, openat, one write and close per
 * file, on THREADS threads (default 2, as `govpub build -j2`), and prints
 * the wall, user and system time of that writing.  What it costs is what
 * no change of govpub's own can remove (docs/performance.md, "100k pages").
 *
 *   write_tree SRC DST [THREADS]
 *
 * SRC is walked first (untimed): folders in walk order, files with their
 * sizes.  DST must not exist.  Files are filled with one byte value, not
 * SRC's bytes: the cost of the file system does not depend on them.
 * Built by `make unit` ($(BUILD)/tests/write_tree); not a test. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct {
  char *path; /* relative to the root */
  size_t size;
  int is_dir;
} entry;

static entry *entries;
static size_t nentries, capentries, maxsize;
static int dstfd;

static void add(const char *path, size_t size, int is_dir) {
  if (nentries == capentries) {
    capentries = capentries ? capentries * 2 : 4096;
    entries = realloc(entries, capentries * sizeof *entries);
    if (!entries) abort();
  }
  entries[nentries].path = strdup(path);
  if (!entries[nentries].path) abort();
  entries[nentries].size = size;
  entries[nentries++].is_dir = is_dir;
  if (size > maxsize) maxsize = size;
}

/* Folders before what they hold (a folder is listed when it is entered). */
static void walk(const char *root, const char *rel) {
  char full[4096];
  snprintf(full, sizeof full, "%s%s%s", root, *rel ? "/" : "", rel);
  DIR *d = opendir(full);
  if (!d) {
    fprintf(stderr, "write_tree: %s: %s\n", full, strerror(errno));
    exit(1);
  }
  for (struct dirent *e; (e = readdir(d));) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    char child[4096];
    snprintf(child, sizeof child, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
    struct stat st;
    if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
    if (S_ISDIR(st.st_mode)) {
      add(child, 0, 1);
      walk(root, child);
    } else if (S_ISREG(st.st_mode)) {
      add(child, (size_t)st.st_size, 0);
    }
  }
  closedir(d);
}

typedef struct {
  size_t first, step;
  const char *fill;
} job;

/* A folder's entry comes before its files, but with several threads a
 * file's folder may be another thread's: made here when missing. */
static void make_dir(const char *path) {
  if (mkdirat(dstfd, path, 0755) == 0 || errno == EEXIST) return;
  if (errno == ENOENT) {
    char parent[4096];
    snprintf(parent, sizeof parent, "%s", path);
    char *slash = strrchr(parent, '/');
    if (slash) {
      *slash = '\0';
      make_dir(parent);
      if (mkdirat(dstfd, path, 0755) == 0 || errno == EEXIST) return;
    }
  }
  fprintf(stderr, "write_tree: mkdir %s: %s\n", path, strerror(errno));
  exit(1);
}

static void *run(void *arg) {
  const job *j = arg;
  for (size_t i = j->first; i < nentries; i += j->step) {
    const entry *e = &entries[i];
    if (e->is_dir) {
      make_dir(e->path);
      continue;
    }
    int fd = openat(dstfd, e->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0 && errno == ENOENT) {
      char parent[4096];
      snprintf(parent, sizeof parent, "%s", e->path);
      *strrchr(parent, '/') = '\0';
      make_dir(parent);
      fd = openat(dstfd, e->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    }
    if (fd < 0 || write(fd, j->fill, e->size) != (ssize_t)e->size) {
      fprintf(stderr, "write_tree: %s: %s\n", e->path, strerror(errno));
      exit(1);
    }
    close(fd);
  }
  return NULL;
}

static double seconds(struct timeval tv) { return (double)tv.tv_sec + (double)tv.tv_usec / 1e6; }

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: write_tree SRC DST [THREADS]\n");
    return 2;
  }
  int threads = argc > 3 ? atoi(argv[3]) : 2;
  if (threads < 1 || threads > 64) threads = 2;
  walk(argv[1], "");
  char *fill = malloc(maxsize ? maxsize : 1);
  if (!fill) abort();
  memset(fill, 'x', maxsize);
  if (mkdir(argv[2], 0755) != 0 || (dstfd = open(argv[2], O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
    fprintf(stderr, "write_tree: %s: %s\n", argv[2], strerror(errno));
    return 1;
  }
  struct rusage r0, r1;
  struct timespec t0, t1;
  getrusage(RUSAGE_SELF, &r0);
  clock_gettime(CLOCK_MONOTONIC, &t0);
  pthread_t tid[64];
  job jobs[64];
  for (int i = 0; i < threads; i++) {
    jobs[i] = (job){(size_t)i, (size_t)threads, fill};
    pthread_create(&tid[i], NULL, run, &jobs[i]);
  }
  for (int i = 0; i < threads; i++) pthread_join(tid[i], NULL);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  getrusage(RUSAGE_SELF, &r1);
  size_t nfiles = 0, bytes = 0;
  for (size_t i = 0; i < nentries; i++)
    if (!entries[i].is_dir) nfiles++, bytes += entries[i].size;
  printf("%zu folders, %zu files, %.1f MB: %.3f s wall, %.3f s user, %.3f s system (%d threads)\n",
         nentries - nfiles, nfiles, (double)bytes / 1e6,
         (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
         seconds(r1.ru_utime) - seconds(r0.ru_utime), seconds(r1.ru_stime) - seconds(r0.ru_stime), threads);
  return 0;
}

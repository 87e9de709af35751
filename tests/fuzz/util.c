/* util: the helpers of fuzz.h (scratch folder, input splitting). */
#include "fuzz.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"

char *fuzz_text(const uint8_t *data, size_t size) {
  char *t = malloc(size + 1);
  if (!t) abort();
  if (size) memcpy(t, data, size);
  t[size] = '\0';
  return t;
}

static char scratch[4096];

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)st, (void)flag, (void)ftw;
  remove(path);
  return 0;
}

static void rm_scratch(void) {
  if (scratch[0]) nftw(scratch, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

const char *fuzz_dir(void) {
  if (scratch[0]) return scratch;
  const char *tmp = getenv("TMPDIR");
  snprintf(scratch, sizeof scratch, "%s/govpub-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(scratch)) {
    perror("fuzz: mkdtemp");
    abort();
  }
  atexit(rm_scratch);
  return scratch;
}

void fuzz_write(const char *rel, const void *data, size_t n) {
  char path[8192];
  snprintf(path, sizeof path, "%s/%s", fuzz_dir(), rel);
  for (char *s = strchr(path + strlen(scratch) + 1, '/'); s; s = strchr(s + 1, '/')) {
    *s = '\0';
    mkdir(path, 0700);
    *s = '/';
  }
  FILE *f = fopen(path, "wb");
  if (!f || (n && fwrite(data, 1, n, f) != n) || fclose(f) != 0) {
    perror(path);
    abort();
  }
}

static void write_part(const char *rel, fuzz_part part) {
  if (part.n) fuzz_write(rel, part.p, part.n);
  else remove(fuzz_path(rel));
}

const char *fuzz_path(const char *rel) {
  static char path[8192];
  snprintf(path, sizeof path, "%s/%s", fuzz_dir(), rel);
  return path;
}

void fuzz_link(const char *rel, const char *target) {
  struct stat st;
  if (lstat(fuzz_path(rel), &st) == 0) return; /* made by an earlier input */
  char cwd[4096], to[8192];
  if (!getcwd(cwd, sizeof cwd)) abort();
  snprintf(to, sizeof to, "%s/%s", cwd, target);
  if (access(to, F_OK) != 0) {
    fprintf(stderr, "fuzz: %s not found: run the fuzz targets from the repository root\n", target);
    abort();
  }
  const char *from = fuzz_path(rel);
  if (symlink(to, from) != 0) {
    perror(from);
    abort();
  }
}

void fuzz_split(const char *text, size_t len, const char *sep, fuzz_part *a, fuzz_part *b) {
  size_t sl = strlen(sep);
  for (size_t i = 0; i + sl <= len; i++) {
    if ((i == 0 || text[i - 1] == '\n') && memcmp(text + i, sep, sl) == 0 &&
        (i + sl == len || text[i + sl] == '\n')) {
      *a = (fuzz_part){text, i};
      size_t rest = i + sl < len ? i + sl + 1 : len;
      *b = (fuzz_part){text + rest, len - rest};
      return;
    }
  }
  *a = (fuzz_part){text, len};
  *b = (fuzz_part){text + len, 0};
}

char *fuzz_two_files(const uint8_t *data, size_t size, const char *first, const char *second) {
  char *text = fuzz_text(data, size);
  fuzz_part a, b;
  fuzz_split(text, size, "%%%%", &a, &b);
  fuzz_write(first, a.p, a.n);
  write_part(second, b);
  return text;
}

void fuzz_done(void) { diag_reset(); }

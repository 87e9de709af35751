/* replay: the standalone driver `make test` links each fuzz target with
 * instead of libFuzzer, so the corpora and kept crashes replay with gcc (and
 * under ASan/UBSan in the sanitizer pass) on machines without clang.
 *
 *   replay_<name> NAME DIR|FILE...
 *
 * feeds every regular file (folders: their files, one level) to
 * LLVMFuzzerTestOneInput, in sorted order, as an exact-size malloc'd copy.
 * Names each input on stderr before running it (what crashed is the last
 * one named), then prints `ok fuzz-NAME: N inputs` on stdout. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static size_t replay_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    perror(path);
    exit(3);
  }
  size_t cap = 4096, n = 0;
  uint8_t *data = malloc(cap);
  size_t got;
  while (data && (got = fread(data + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) data = realloc(data, cap *= 2);
  }
  if (!data || ferror(f)) {
    perror(path);
    exit(3);
  }
  fclose(f);
  /* exact size, so a read one past the input is an ASan error */
  uint8_t *exact = malloc(n ? n : 1);
  if (!exact) exit(3);
  memcpy(exact, data, n);
  free(data);
  fprintf(stderr, "> %s\n", path);
  LLVMFuzzerTestOneInput(exact, n);
  free(exact);
  return 1;
}

static int by_name(const struct dirent **x, const struct dirent **y) { return strcmp((*x)->d_name, (*y)->d_name); }

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s NAME DIR|FILE...\n", argv[0]);
    return 2;
  }
  size_t inputs = 0;
  for (int i = 2; i < argc; i++) {
    struct stat st;
    if (stat(argv[i], &st) != 0) continue; /* no regress/ folder yet */
    if (!S_ISDIR(st.st_mode)) {
      inputs += replay_file(argv[i]);
      continue;
    }
    struct dirent **ents;
    int n = scandir(argv[i], &ents, NULL, by_name);
    for (int k = 0; k < n; k++) {
      char path[8192];
      snprintf(path, sizeof path, "%s/%s", argv[i], ents[k]->d_name);
      if (ents[k]->d_name[0] != '.' && stat(path, &st) == 0 && S_ISREG(st.st_mode)) inputs += replay_file(path);
      free(ents[k]);
    }
    free(ents);
  }
  printf("ok fuzz-%s: %zu inputs\n", argv[1], inputs);
  return 0;
}

/* sigcache: see sigcache.h.  Entries are "sha256:<hex>" lines; in memory a
 * string map (read concurrently) plus the additions of this run. */
#include "sigcache.h"

#include <openssl/evp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "fsx.h"
#include "strmap.h"

struct sigcache {
  arena *a;
  strmap *known;          /* loaded entries: read without a lock */
  pthread_mutex_t lock;
  const char **added;     /* this run's verified entries */
  size_t nadded, capadded;
  atomic_size_t hits;
};

sigcache *sigcache_load(const char *path) {
  sigcache *c = calloc(1, sizeof *c);
  if (!c) abort();
  c->a = arena_new();
  c->known = strmap_new(c->a);
  pthread_mutex_init(&c->lock, NULL);
  size_t len;
  char *text = fsx_read_arena(c->a, path, &len);
  for (char *line = text; line && *line;) {
    char *nl = strchr(line, '\n');
    if (nl) *nl = '\0';
    if (strlen(line) == DIGEST_HEX_LEN - 1 && strncmp(line, "sha256:", 7) == 0) strmap_put(c->known, line, line);
    line = nl ? nl + 1 : NULL;
  }
  return c;
}

void sigcache_free(sigcache *c) {
  if (!c) return;
  pthread_mutex_destroy(&c->lock);
  arena_free(c->a);
  free(c);
}

void sigcache_key(const char *statement, const char *signature, const void *key_blob, size_t key_len,
                  char out[DIGEST_HEX_LEN]) {
  buf b = BUF_INIT;
  buf_put(&b, statement, strlen(statement) + 1); /* the NULs separate the three */
  buf_put(&b, signature, strlen(signature) + 1);
  buf_put(&b, key_blob, key_len);
  digest_mem(b.data, b.len, out);
  buf_free(&b);
}

bool sigcache_has(const sigcache *c, const char *key) {
  bool hit = strmap_get(c->known, key) != NULL;
  if (hit) atomic_fetch_add((atomic_size_t *)&c->hits, 1);
  return hit;
}

void sigcache_add(sigcache *c, const char *key) {
  pthread_mutex_lock(&c->lock);
  if (c->nadded == c->capadded) {
    c->capadded = c->capadded ? c->capadded * 2 : 64;
    c->added = arena_grow(c->a, c->added, c->nadded, c->capadded, sizeof *c->added);
  }
  c->added[c->nadded++] = arena_strdup(c->a, key);
  pthread_mutex_unlock(&c->lock);
}

static int cmp_str(const void *x, const void *y) { return strcmp(*(char *const *)x, *(char *const *)y); }

int sigcache_save(const sigcache *c, const char *path) {
  size_t n = strmap_count(c->known) + c->nadded, k = 0;
  const char **all = malloc((n ? n : 1) * sizeof *all);
  if (!all) abort();
  for (size_t i = 0; i < c->nadded; i++) all[k++] = c->added[i];
  strmap_each(c->known, all, &k);
  qsort(all, k, sizeof *all, cmp_str);
  buf b = BUF_INIT;
  for (size_t i = 0; i < k; i++)
    if (i == 0 || strcmp(all[i], all[i - 1]) != 0) buf_printf(&b, "%s\n", all[i]);
  free(all);
  char *dir = strdup(path), *slash = strrchr(dir, '/');
  if (slash) *slash = '\0';
  int rc = (slash && fsx_mkdirs(dir) != 0) ? -1 : fsx_replace(path, b.data ? b.data : "", b.len);
  free(dir);
  buf_free(&b);
  return rc;
}

size_t sigcache_hits(const sigcache *c) { return atomic_load((atomic_size_t *)&c->hits); }

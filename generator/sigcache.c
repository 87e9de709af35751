/* sigcache: see sigcache.h.  Entries are "sha256:<hex>" lines (the hex of
 * an HMAC-SHA256); in memory a string map (read concurrently) plus the
 * additions of this run. */
#include "sigcache.h"

#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "fsx.h"
#include "host_key.h"
#include "strmap.h"

struct sigcache {
  arena *a;
  unsigned char host_key[HOST_KEY_BYTES];
  bool keyed;             /* false: no host key, so no cache (every signature verified) */
  strmap *known;          /* loaded entries → an atomic_bool set when one is used: read without a lock */
  pthread_mutex_t lock;
  const char **added;     /* this run's verified entries */
  size_t nadded, capadded;
  atomic_size_t hits;
};

/* This host's key (host_key.c), made at the first publish; false, said
 * once, when there is none: then there is no cache. */
static bool load_host_key(unsigned char key[HOST_KEY_BYTES]) {
  char *where;
  host_key_status st = host_key_load(key, true, &where);
  if (st == HOST_KEY_NO_STATE)
    diag_warning(NULL, 0, 0, "set GOVPUB_STATE_DIR to a folder only this host's operators can read",
                 "no state folder (no HOME): every signature is verified, none remembered");
  else if (st == HOST_KEY_NO_FOLDER)
    diag_warning(where, 0, 0, "make the folder, or set GOVPUB_STATE_DIR to another",
                 "cannot make the state folder: every signature is verified, none remembered");
  else if (st != HOST_KEY_OK)
    diag_warning(where, 0, 0,
                 "restore it from this host's backup, or delete it: a new key is made at the next publish (one cold "
                 "publish; the releases sealed with the old key must then be sealed again: govpub releases --seal ID)",
                 "the signature cache's key cannot be read, or is not %d bytes: every signature is verified, none "
                 "remembered", HOST_KEY_BYTES);
  free(where);
  return st == HOST_KEY_OK;
}

sigcache *sigcache_load(const char *path) {
  sigcache *c = calloc(1, sizeof *c);
  if (!c) abort();
  c->a = arena_new();
  c->known = strmap_new(c->a);
  pthread_mutex_init(&c->lock, NULL);
  c->keyed = load_host_key(c->host_key);
  if (!c->keyed) return c;
  size_t len;
  char *text = fsx_read_arena(c->a, path, &len);
  for (char *line = text; line && *line;) {
    char *nl = strchr(line, '\n');
    if (nl) *nl = '\0';
    if (strlen(line) == DIGEST_HEX_LEN - 1 && strncmp(line, "sha256:", 7) == 0) {
      atomic_bool *used = arena_alloc(c->a, sizeof *used);
      atomic_init(used, false);
      strmap_put(c->known, line, used);
    }
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

void sigcache_key(const sigcache *c, const char *statement, const char *signature, const void *key_blob,
                  size_t key_len, char out[DIGEST_HEX_LEN]) {
  buf b = BUF_INIT;
  buf_put(&b, statement, strlen(statement) + 1); /* the NULs separate the three */
  buf_put(&b, signature, strlen(signature) + 1);
  buf_put(&b, key_blob, key_len);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(mac, (const unsigned char *)b.data, b.len, c->host_key);
  buf_free(&b);
  memcpy(out, "sha256:", 7);
  sodium_bin2hex(out + 7, DIGEST_HEX_LEN - 7, mac, sizeof mac);
}

bool sigcache_has(const sigcache *c, const char *key) {
  atomic_bool *used = c->keyed ? strmap_get(c->known, key) : NULL;
  if (!used) return false;
  atomic_store(used, true);
  atomic_fetch_add((atomic_size_t *)&c->hits, 1);
  return true;
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
  if (!c->keyed) return 0; /* nothing it could vouch for */
  size_t n = strmap_count(c->known) + c->nadded, k = 0;
  const char **all = malloc((n ? n : 1) * sizeof *all);
  if (!all) abort();
  for (size_t i = 0; i < c->nadded; i++) all[k++] = c->added[i];
  size_t from = k;
  strmap_each(c->known, all, &k);
  size_t kept = from; /* of the loaded entries, those this run used: the others name sign-offs no record holds now */
  for (size_t i = from; i < k; i++)
    if (atomic_load((atomic_bool *)strmap_get(c->known, all[i]))) all[kept++] = all[i];
  k = kept;
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

/* sigcache: see sigcache.h.  Entries are "sha256:<hex>" lines (the hex of
 * an HMAC-SHA256); in memory a string map (read concurrently) plus the
 * additions of this run. */
#include "sigcache.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "fsx.h"
#include "strmap.h"

struct sigcache {
  arena *a;
  unsigned char host_key[crypto_auth_hmacsha256_KEYBYTES];
  bool keyed;             /* false: no host key, so no cache (every signature verified) */
  strmap *known;          /* loaded entries → an atomic_bool set when one is used: read without a lock */
  pthread_mutex_t lock;
  const char **added;     /* this run's verified entries */
  size_t nadded, capadded;
  atomic_size_t hits;
};

/* The folder of this host's own state: GOVPUB_STATE_DIR, else
 * $XDG_STATE_HOME/govpub, else ~/.local/state/govpub; NULL without HOME. */
static char *state_dir(void) {
  const char *d = getenv("GOVPUB_STATE_DIR"), *x = getenv("XDG_STATE_HOME"), *h = getenv("HOME");
  buf b = BUF_INIT;
  if (d && *d) buf_puts(&b, d);
  else if (x && *x == '/') buf_printf(&b, "%s/govpub", x);
  else if (h && *h == '/') buf_printf(&b, "%s/.local/state/govpub", h);
  else return NULL;
  return buf_take(&b, NULL);
}

/* Reads the key file: exactly its 32 bytes; false (errno ENOENT when it
 * is not there). */
static bool read_host_key(const char *path, unsigned char key[crypto_auth_hmacsha256_KEYBYTES]) {
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return false;
  unsigned char extra;
  bool ok = read(fd, key, crypto_auth_hmacsha256_KEYBYTES) == crypto_auth_hmacsha256_KEYBYTES &&
            read(fd, &extra, 1) == 0;
  close(fd);
  errno = ok ? 0 : EINVAL;
  return ok;
}

/* Makes the key file: written whole under a name of its own, then linked
 * into place (another process reading it meanwhile sees none or all of
 * it; one making it at the same time wins, and its key is read). */
static bool make_host_key(const char *path, unsigned char key[crypto_auth_hmacsha256_KEYBYTES]) {
  randombytes_buf(key, crypto_auth_hmacsha256_KEYBYTES);
  char *tmp = fsx_aside_name(path);
  int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  bool ok = fd >= 0 && write(fd, key, crypto_auth_hmacsha256_KEYBYTES) == crypto_auth_hmacsha256_KEYBYTES &&
            fsync(fd) == 0;
  if (fd >= 0) close(fd);
  int linked = ok ? link(tmp, path) : -1, e = errno;
  unlink(tmp);
  free(tmp);
  if (linked == 0) return true;
  return ok && e == EEXIST && read_host_key(path, key);
}

/* Reads this host's key, or makes it (32 random bytes, mode 0600, in a
 * folder made with mode 0700) the first time; false, said once, when it
 * can be neither. */
static bool load_host_key(unsigned char key[crypto_auth_hmacsha256_KEYBYTES]) {
  char *dir = state_dir();
  if (!dir) {
    diag_warning(NULL, 0, 0, "set GOVPUB_STATE_DIR to a folder only this host's operators can read",
                 "no state folder (no HOME): every signature is verified, none remembered");
    return false;
  }
  if (sodium_init() < 0 || (mkdir(dir, 0700) != 0 && errno != EEXIST && (fsx_mkdirs(dir) != 0 || chmod(dir, 0700) != 0))) {
    diag_warning(dir, 0, 0, "make the folder, or set GOVPUB_STATE_DIR to another",
                 "cannot make the state folder: every signature is verified, none remembered");
    free(dir);
    return false;
  }
  buf path = BUF_INIT;
  buf_printf(&path, "%s/sigcache.key", dir);
  free(dir);
  bool ok = read_host_key(path.data, key) || (errno == ENOENT && make_host_key(path.data, key));
  if (!ok)
    diag_warning(path.data, 0, 0, "delete it: a new key is made at the next publish (one cold publish)",
                 "the signature cache's key cannot be read, or is not %d bytes: every signature is verified, none "
                 "remembered", crypto_auth_hmacsha256_KEYBYTES);
  buf_free(&path);
  return ok;
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

/* host_key: see host_key.h. */
#include "host_key.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "fsx.h"

_Static_assert(HOST_KEY_BYTES == crypto_auth_hmacsha256_KEYBYTES, "the host key keys HMAC-SHA256");

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
 * is not there, EINVAL when it is not 32 bytes). */
static bool read_key(const char *path, unsigned char key[HOST_KEY_BYTES]) {
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return false;
  unsigned char extra;
  ssize_t n = read(fd, key, HOST_KEY_BYTES);
  bool ok = n == HOST_KEY_BYTES && read(fd, &extra, 1) == 0;
  int e = n < 0 ? errno : EINVAL;
  close(fd);
  if (!ok) sodium_memzero(key, HOST_KEY_BYTES); /* no part of a key left behind */
  errno = ok ? 0 : e;
  return ok;
}

/* Makes the key file (see host_key_load); false with errno. */
static bool make_key(const char *path, unsigned char key[HOST_KEY_BYTES]) {
  randombytes_buf(key, HOST_KEY_BYTES);
  char *tmp = fsx_aside_name(path);
  int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  bool ok = fd >= 0 && write(fd, key, HOST_KEY_BYTES) == HOST_KEY_BYTES && fsync(fd) == 0;
  int e = errno;
  if (fd >= 0) close(fd);
  int linked = ok ? link(tmp, path) : -1;
  if (ok) e = errno;
  unlink(tmp);
  free(tmp);
  if (linked == 0) return true;
  if (ok && e == EEXIST) return read_key(path, key); /* another process made it first */
  sodium_memzero(key, HOST_KEY_BYTES);
  errno = e ? e : ENOSPC; /* a short write sets none */
  return false;
}

host_key_status host_key_load(unsigned char key[HOST_KEY_BYTES], bool make, char **where) {
  if (where) *where = NULL;
  char *dir = state_dir();
  if (!dir) return HOST_KEY_NO_STATE;
  if (make && mkdir(dir, 0700) != 0 && errno != EEXIST && (fsx_mkdirs(dir) != 0 || chmod(dir, 0700) != 0)) {
    if (where) *where = dir;
    else free(dir);
    return HOST_KEY_NO_FOLDER;
  }
  buf path = BUF_INIT;
  buf_printf(&path, "%s/%s", dir, HOST_KEY_FILE);
  free(dir);
  host_key_status st = HOST_KEY_OK;
  if (sodium_init() < 0) { /* what randombytes_buf and the HMACs need */
    errno = ENOSYS;
    st = HOST_KEY_BAD;
  } else if (!read_key(path.data, key)) {
    if (errno != ENOENT) st = HOST_KEY_BAD;
    else if (!make) st = HOST_KEY_ABSENT;
    else if (!make_key(path.data, key)) st = HOST_KEY_BAD;
  }
  int e = errno;
  if (where) *where = buf_take(&path, NULL);
  else buf_free(&path);
  errno = e;
  return st;
}

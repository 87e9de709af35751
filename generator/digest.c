/* digest: see digest.h. */
#include "digest.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static void hex(const unsigned char *md, unsigned n, char out[DIGEST_HEX_LEN]) {
  static const char h[] = "0123456789abcdef";
  memcpy(out, "sha256:", 7);
  for (unsigned i = 0; i < n && i < 32; i++) {
    out[7 + 2 * i] = h[md[i] >> 4];
    out[8 + 2 * i] = h[md[i] & 15];
  }
  out[7 + 64] = '\0';
}

void digest_mem(const void *data, size_t len, char out[DIGEST_HEX_LEN]) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned n = 0;
  EVP_Digest(data, len, md, &n, EVP_sha256(), NULL);
  hex(md, n, out);
}

int digest_file(const char *path, char out[DIGEST_HEX_LEN]) {
  /* O_NONBLOCK: a FIFO opens at once (and is refused below) instead of
     waiting for a writer */
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) return -1;
  struct stat st;
  int bad = fstat(fd, &st) != 0 ? errno : S_ISREG(st.st_mode) ? 0 : S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
  if (bad) { /* a device (/dev/zero) or a FIFO would be read for ever */
    close(fd);
    errno = bad;
    return -1;
  }
  EVP_MD_CTX *ctx = EVP_MD_CTX_new();
  if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL)) abort();
  unsigned char chunk[65536];
  int rc = 0;
  for (;;) {
    ssize_t r = read(fd, chunk, sizeof chunk);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) rc = -1;
    if (r <= 0) break;
    EVP_DigestUpdate(ctx, chunk, (size_t)r);
  }
  int e = errno;
  close(fd);
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned n = 0;
  EVP_DigestFinal_ex(ctx, md, &n);
  EVP_MD_CTX_free(ctx);
  if (rc == 0) hex(md, n, out);
  errno = e;
  return rc;
}

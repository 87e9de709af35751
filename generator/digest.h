/* digest: SHA-256 (OpenSSL's libcrypto) of memory and of files, written as
 * "sha256:<64 hex digits>" wherever govpub records one (review statements,
 * bundles, manifests). */
#ifndef GOVPUB_DIGEST_H
#define GOVPUB_DIGEST_H

#include <stddef.h>

#define DIGEST_HEX_LEN 72 /* "sha256:" + 64 hex + NUL */

/* out gets "sha256:<hex>" (DIGEST_HEX_LEN bytes). */
void digest_mem(const void *data, size_t len, char out[DIGEST_HEX_LEN]);
/* Returns -1 with errno when the file cannot be read, or is not a regular
 * file (EISDIR for a folder, EINVAL for anything else: a link to /dev/zero
 * or a FIFO would be read for ever). */
int digest_file(const char *path, char out[DIGEST_HEX_LEN]);

#endif

/* publisher_key: see publisher_key.h. */
#include "publisher_key.h"

#include <errno.h>
#include <sodium.h>
#include <string.h>

#include "diag.h"
#include "fsx.h"
#include "sshkey.h"

_Static_assert(PUBLISHER_PK_BYTES == crypto_sign_PUBLICKEYBYTES, "an Ed25519 public key");
_Static_assert(PUBLISHER_SK_BYTES == crypto_sign_SECRETKEYBYTES, "an Ed25519 secret key");
_Static_assert(crypto_auth_hmacsha256_BYTES == crypto_sign_SEEDBYTES, "the seed is one HMAC-SHA256");

#define KEY_FILE_MAX 16384 /* an ssh-ed25519 line is about 100 bytes */

void publisher_keypair(const unsigned char host[HOST_KEY_BYTES], unsigned char pk[PUBLISHER_PK_BYTES],
                       unsigned char sk[PUBLISHER_SK_BYTES]) {
  unsigned char seed[crypto_sign_SEEDBYTES], skbuf[PUBLISHER_SK_BYTES];
  static const char domain[] = PUBLISHER_SEED_DOMAIN;
  crypto_auth_hmacsha256(seed, (const unsigned char *)domain, sizeof domain - 1, host);
  crypto_sign_seed_keypair(pk, sk ? sk : skbuf, seed);
  sodium_memzero(seed, sizeof seed);
  sodium_memzero(skbuf, sizeof skbuf);
}

const char *publisher_key_line(arena *a, const unsigned char pk[PUBLISHER_PK_BYTES], const char *comment) {
  static const char type[] = "ssh-ed25519";
  unsigned char blob[4 + sizeof type - 1 + 4 + PUBLISHER_PK_BYTES], *p = blob; /* RFC 8709 §4 */
  *p++ = 0, *p++ = 0, *p++ = 0, *p++ = sizeof type - 1;
  memcpy(p, type, sizeof type - 1), p += sizeof type - 1;
  *p++ = 0, *p++ = 0, *p++ = 0, *p++ = PUBLISHER_PK_BYTES;
  memcpy(p, pk, PUBLISHER_PK_BYTES);
  char b64[sodium_base64_ENCODED_LEN(sizeof blob, sodium_base64_VARIANT_ORIGINAL)];
  sodium_bin2base64(b64, sizeof b64, blob, sizeof blob, sodium_base64_VARIANT_ORIGINAL);
  return arena_printf(a, "%s %s %s", type, b64, comment);
}

int publisher_key_read(arena *a, const char *path, publisher *p) {
  static const char hint[] =
      "give the line `govpub releases --publisher-key` prints on the publishing host (docs/operators.md, "
      "\"Verifying a served tree\")";
  size_t len;
  char *text = fsx_read_stamped_arena(a, path, &len, NULL, KEY_FILE_MAX);
  if (!text && (errno == ENOENT || errno == EFBIG || errno == EISDIR)) {
    diag_error(path, 0, 0, hint, "%s", errno == ENOENT ? "no such publisher key file" : "not a publisher key file");
    return EXIT_PROBLEMS;
  }
  if (!text) {
    diag_system(path, "cannot read the publisher key: %s", strerror(errno));
    return EXIT_SYSTEM;
  }
  sshkey *k;
  const char *why;
  if (sshkey_parse_line(a, text, len, &k, &why) != 0) {
    diag_error(path, 0, 0, hint, "not a publisher key: %s", why);
    return EXIT_PROBLEMS;
  }
  if (k->type != SSHKEY_ED25519) {
    diag_error(path, 0, 0, hint, "not a publisher key: a %s key (%s), and publishers sign with ssh-ed25519",
               sshkey_type_name(k), sshkey_fingerprint(a, k));
    return EXIT_PROBLEMS;
  }
  p->file = path;
  p->fingerprint = sshkey_fingerprint(a, k);
  memcpy(p->pk, k->a, PUBLISHER_PK_BYTES);
  return EXIT_OK;
}

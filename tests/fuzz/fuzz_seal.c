/* fuzz_seal: a release's .govpub-seal through seal_verify_tree (what
 * govpub verify --publisher runs on a web server) against a small fixed
 * release, under a fixed publisher key.  A mutated signature never
 * verifies, so the input is checked twice: as it is, and with its fourth
 * line replaced by a good signature of the statement its first three lines
 * make, so what comes after the signature check is reached too. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "fuzz.h"
#include "publish_manifest.h"
#include "publish_seal.h"
#include "publisher_key.h"

static publisher pub = {.file = "publisher.pub", .fingerprint = "SHA256:fuzz"};
static unsigned char sk[PUBLISHER_SK_BYTES];
static char manifest[DIGEST_HEX_LEN];

static void verify(const char *text, size_t n) {
  fuzz_write("releases/r1/" SEAL_NAME, text, n);
  arena *a = arena_new();
  const char *id, *sealed;
  int rc = seal_verify_tree(a, fuzz_path("releases/r1"), manifest, &pub, &id, &sealed);
  if (rc != 0 && rc != 1 && rc != 3) abort();
  if (rc == 0 && strcmp(id, "r1") != 0) abort(); /* only the folder's own id is ever sealed as */
  if (rc == 0 && sealed && strlen(sealed) != SEAL_STAMP_LEN) abort(); /* a time only in its one form */
  arena_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static int ready;
  if (!ready) {
    if (sodium_init() < 0) abort();
    fuzz_write("releases/r1/index.html", "<!doctype html>\n", 16);
    arena *a = arena_new();
    if (manifest_write(a, fuzz_path("releases/r1"), manifest) != 1) abort();
    arena_free(a);
    unsigned char host[HOST_KEY_BYTES] = {1};
    publisher_keypair(host, pub.pk, sk);
    ready = 1;
  }
  char *text = fuzz_text(data, size);
  verify(text, size);
  /* the first three or four lines (as many as there are; four when the
   * input's first line says version 3), then a good signature of them */
  size_t head = 0;
  int want = size >= 13 && memcmp(text, "govpub-seal 3", 13) == 0 ? 4 : 3;
  for (int lines = 0; lines < want && head < size; lines++) {
    const char *nl = memchr(text + head, '\n', size - head);
    head = nl ? (size_t)(nl - text) + 1 : size;
  }
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, NULL, (const unsigned char *)text, head, sk);
  char b64[sodium_base64_ENCODED_LEN(sizeof sig, sodium_base64_VARIANT_ORIGINAL)];
  sodium_bin2base64(b64, sizeof b64, sig, sizeof sig, sodium_base64_VARIANT_ORIGINAL);
  buf b = BUF_INIT;
  buf_put(&b, text, head);
  buf_printf(&b, "ed25519: %s\n", b64);
  verify(b.data, b.len);
  buf_free(&b);
  free(text);
  fuzz_done();
  return 0;
}

/* fuzz_sshsig: armored SSH signatures (sshsig_decode: armor, base64, the
 * blob's every length and field, the signer's key) and, when one decodes,
 * the cryptographic check against a fixed message; then the input as an
 * OpenSSH public key line (sshkey_parse_line, what reviewers.yaml holds). */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "fuzz.h"
#include "sshkey.h"
#include "sshsig.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static sshsig_verifier *v;
  if (!v) v = sshsig_verifier_new();
  char *text = fuzz_text(data, size);
  arena *a = arena_new();
  sshsig sig;
  const char *why = NULL;
  if (sshsig_decode(a, text, size, &sig, &why) == 0) {
    if (!sig.signer || !sig.namespace || !*sig.namespace) abort();
    sshkey_fingerprint(a, sig.signer);
    static const char msg[] = "govpub-signoff 1\n";
    if (sshsig_check(v, a, &sig, sig.namespace, msg, strlen(msg), &why) != 0 && !why) abort();
  } else if (!why) {
    abort();
  }
  sshkey *k;
  if (sshkey_parse_line(a, text, size, &k, &why) == 0) {
    sshkey_fingerprint(a, k);
    sshkey_type_name(k);
  }
  arena_free(a);
  free(text);
  fuzz_done();
  return 0;
}

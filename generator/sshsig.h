/* sshsig: SSH signatures (OpenSSH PROTOCOL.sshsig, what `ssh-keygen -Y sign`
 * writes) decoded and verified in-process with OpenSSL's libcrypto.
 *
 * A signature names the key that made it.  Verifying proves only that this
 * key signed this message under this namespace; whether the key may sign is
 * the caller's question (compare sig.signer with the roster's key using
 * sshkey_equal).  Every byte of the armored text is untrusted: lengths are
 * bounds-checked, and every refusal comes with a reason such as
 *   wrong namespace "file" (expected "govpub-review")
 *   signature does not verify
 * (docs/signatures.md lists them all).
 *
 * Accepted: Ed25519 (ssh-ed25519), RSA with rsa-sha2-256 or rsa-sha2-512
 * (never the SHA-1 "ssh-rsa"), ECDSA on nistp256/384/521; message hashes
 * sha256 and sha512.
 *
 * Ownership: decoded signatures, their keys and formatted reasons live in
 * the arena passed in (reasons may also be static strings).  A verifier is
 * the caller's (sshsig_verifier_free) and serves one thread at a time. */
#ifndef GOVPUB_SSHSIG_H
#define GOVPUB_SSHSIG_H

#include <stddef.h>

#include "arena.h"
#include "sshkey.h"

/* The armor around the base64 blob. */
#define SSHSIG_ARMOR_BEGIN "-----BEGIN SSH SIGNATURE-----"
#define SSHSIG_ARMOR_END "-----END SSH SIGNATURE-----"

/* A decoded signature.  Nothing in it is trusted until sshsig_check has
 * returned 0 for it. */
typedef struct sshsig {
  const sshkey *signer;  /* the key the blob names */
  const char *namespace; /* what it was signed for (non-empty, NUL-free) */
  const char *hash_alg;  /* "sha256" or "sha512" (static) */
  const char *sig_alg;   /* "ssh-ed25519", "rsa-sha2-256", "rsa-sha2-512",
                            "ecdsa-sha2-nistp256", … (static) */
  /* For sshsig_check, views into the decoded blob: the reserved field, and
   * the signature proper (Ed25519 and RSA: sig_a; ECDSA: r in sig_a and s in
   * sig_b, as canonical mpints). */
  const unsigned char *reserved, *sig_a, *sig_b;
  size_t reserved_len, sig_a_len, sig_b_len;
} sshsig;

/* Holds what can be reused between verifications: OpenSSL contexts and the
 * OpenSSL form of recently seen keys, so a build verifying thousands of
 * signatures by a handful of reviewers converts each key once. */
typedef struct sshsig_verifier sshsig_verifier;

/* Never NULL (out of memory aborts). */
sshsig_verifier *sshsig_verifier_new(void);
/* sshsig_verifier_free(NULL) is a no-op. */
void sshsig_verifier_free(sshsig_verifier *v);

/* Decodes the armored text[0..len) ("-----BEGIN SSH SIGNATURE-----\n",
 * base64 lines, "-----END SSH SIGNATURE-----", an optional final line
 * break) and checks the blob's structure: magic, version 1, a supported
 * key, hash and signature algorithm, no trailing bytes.  No cryptography.
 * Returns 0 with *out filled, or -1 with *reason. */
int sshsig_decode(arena *a, const char *text, size_t len, sshsig *out, const char **reason);

/* Verifies a signature filled in by sshsig_decode (which checked its
 * bounds): the namespace must equal `namespace`, and the signature must be
 * valid for msg[0..msg_len) by sig->signer.  Returns 0, or -1 with *reason. */
int sshsig_check(sshsig_verifier *v, arena *a, const sshsig *sig, const char *namespace,
                 const void *msg, size_t msg_len, const char **reason);

/* sshsig_decode then sshsig_check.  On success *out tells who signed. */
int sshsig_verify(sshsig_verifier *v, arena *a, const char *text, size_t len,
                  const char *namespace, const void *msg, size_t msg_len, sshsig *out,
                  const char **reason);

#endif

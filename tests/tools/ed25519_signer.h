/* ed25519_signer: SSH signatures (SSHSIG, ssh-keygen's -Y sign format) made
 * in-process with OpenSSL from an unencrypted OpenSSH Ed25519 private key
 * file, for tests and the bench only: `make bench` signs thousands of
 * sign-offs, which ssh-keygen, one process per signature, makes too slow.
 * Ed25519 is deterministic, so the armored text is byte for byte what
 * `ssh-keygen -Y sign` writes for the same key, namespace and message
 * (tests/cli/sshsig_interop.sh compares them).  govpub itself never holds
 * a private key (sshsig_sign.h): this is not part of it. */
#ifndef GOVPUB_ED25519_SIGNER_H
#define GOVPUB_ED25519_SIGNER_H

#include <stddef.h>

#include "buf.h"

typedef struct {
  unsigned char seed[32], pub[32]; /* the private seed and the public point */
} ed25519_signer;

/* Reads an unencrypted OpenSSH private key file holding one Ed25519 key.
 * Returns 0, or -1 with *why (static) saying what is wrong. */
int ed25519_signer_load(const char *path, ed25519_signer *k, const char **why);

/* Appends the armored SSHSIG of msg[0..len) under `namespace` (SHA-512
 * message hash, as ssh-keygen's default) to *armored.  Returns 0, or -1
 * when OpenSSL fails. */
int ed25519_signer_sign(const ed25519_signer *k, const char *namespace, const void *msg, size_t len,
                        buf *armored);

#endif

/* sshkey: SSH public keys — the OpenSSH one-line text form
 * (`ssh-ed25519 AAAA… comment`) and the wire blob inside it (RFC 4253 §6.6,
 * RFC 8709 for Ed25519, RFC 5656 for ECDSA) — with the fingerprint
 * `ssh-keygen -lf` prints and the OpenSSL key used to verify signatures.
 *
 * Accepted: ssh-ed25519; ssh-rsa of 2048 to 16384 bits; ecdsa-sha2-nistp256,
 * -nistp384 and -nistp521.  Everything else (DSA, certificates, FIDO sk-
 * keys, short RSA) is refused with a reason.  Blobs must be canonical
 * (minimal mpints, uncompressed EC points), so two keys are the same key
 * exactly when their blobs are equal.
 *
 * Ownership: keys, their blobs and every string returned here live in the
 * arena passed in; reasons are static strings or live in that arena. */
#ifndef GOVPUB_SSHKEY_H
#define GOVPUB_SSHKEY_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

typedef enum {
  SSHKEY_ED25519,
  SSHKEY_RSA,
  SSHKEY_ECDSA_P256,
  SSHKEY_ECDSA_P384,
  SSHKEY_ECDSA_P521,
} sshkey_type;

typedef struct sshkey {
  sshkey_type type;
  const unsigned char *blob; /* the wire encoding; identity of the key */
  size_t blob_len;
  const char *comment;       /* from the text form; "" when none or from a blob */
  unsigned bits;             /* 256 for Ed25519, the modulus size for RSA, the curve size for ECDSA */
  /* The key material, as views into blob: Ed25519 the 32-byte point; RSA
   * the exponent (a) and modulus (b) as mpints; ECDSA the uncompressed
   * point (a). */
  const unsigned char *a, *b;
  size_t a_len, b_len;
} sshkey;

/* Parses one OpenSSH public key line "TYPE BASE64 [COMMENT]" (the text of a
 * .pub file; a final line break is fine) of `len` bytes.  The key is fully
 * checked, including that an EC point lies on its curve.  Returns 0 with
 * *out set, or -1 with *reason saying what is wrong. */
int sshkey_parse_line(arena *a, const char *line, size_t len, sshkey **out, const char **reason);

/* Parses a key blob (as found inside a signature), checking its structure;
 * the blob is copied into the arena.  Returns 0 or -1 with *reason. */
int sshkey_from_blob(arena *a, const void *blob, size_t len, sshkey **out, const char **reason);

/* "SHA256:" + unpadded base64 of SHA-256 of the blob, as `ssh-keygen -lf`
 * prints it.  Allocated in the arena. */
const char *sshkey_fingerprint(arena *a, const sshkey *k);
/* Same key (same blob)? */
bool sshkey_equal(const sshkey *x, const sshkey *y);
/* The SSH name of the key type: "ssh-ed25519", "ssh-rsa",
 * "ecdsa-sha2-nistp256", … (static). */
const char *sshkey_type_name(const sshkey *k);
/* The label `ssh-keygen -l` shows in parentheses: "ED25519", "RSA",
 * "ECDSA" (static). */
const char *sshkey_type_label(const sshkey *k);

/* The key as an OpenSSL EVP_PKEY, for verifying.  The caller frees it with
 * EVP_PKEY_free().  Returns NULL with *reason (static) when OpenSSL refuses
 * the key material, e.g. an EC point that is not on the curve. */
struct evp_pkey_st *sshkey_to_evp(const sshkey *k, const char **reason);

#endif

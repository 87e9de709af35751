/* publisher_key: the publishing host's Ed25519 key pair, with which it
 * signs the seals of its releases (publish_seal.h) so that a web server can
 * check them with the public half alone.
 *
 * The pair is not stored: it is derived, every time, from the host key
 * (host_key.h), so an existing host needs no new file and moving the host
 * key moves the pair with it:
 *
 *   seed = HMAC-SHA256(key = the 32 bytes of sigcache.key,
 *                      message = "govpub publisher ed25519 key 1")
 *   (public, secret) = crypto_sign_seed_keypair(seed)   (RFC 8032 §5.1.5)
 *
 * The message keeps the seed apart from the host key's other HMACs (the
 * signature cache's entries, v1 seals: none is that text).  The public
 * half travels as an OpenSSH public key line, `ssh-ed25519 AAAA…
 * govpub-publisher@HOST`, which `ssh-keygen -lf` reads.
 *
 * Ownership: strings returned live in the arena passed in; keys go into
 * the caller's buffers (the caller wipes the secret half). */
#ifndef GOVPUB_PUBLISHER_KEY_H
#define GOVPUB_PUBLISHER_KEY_H

#include "arena.h"
#include "host_key.h"

#define PUBLISHER_PK_BYTES 32 /* crypto_sign_PUBLICKEYBYTES */
#define PUBLISHER_SK_BYTES 64 /* crypto_sign_SECRETKEYBYTES */
#define PUBLISHER_SEED_DOMAIN "govpub publisher ed25519 key 1"

/* The pair derived from this host's key (see above); `sk` may be NULL when
 * only the public half is wanted. */
void publisher_keypair(const unsigned char host[HOST_KEY_BYTES], unsigned char pk[PUBLISHER_PK_BYTES],
                       unsigned char sk[PUBLISHER_SK_BYTES]);

/* "ssh-ed25519 BASE64 COMMENT" (no line end), in the arena. */
const char *publisher_key_line(arena *a, const unsigned char pk[PUBLISHER_PK_BYTES], const char *comment);

/* A publisher's public key, as a web server holds it. */
typedef struct {
  const char *file;        /* where it was read from */
  const char *fingerprint; /* `ssh-keygen -lf`'s SHA256:… */
  unsigned char pk[PUBLISHER_PK_BYTES];
} publisher;

/* Reads the OpenSSH public key file `path` (one ssh-ed25519 line, as
 * publisher_key_line writes it) into *p (its strings in the arena).  0, or
 * after reporting at `path`: EXIT_PROBLEMS (not such a key), EXIT_SYSTEM
 * (it cannot be read). */
int publisher_key_read(arena *a, const char *path, publisher *p);

#endif

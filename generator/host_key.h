/* host_key: this publishing host's own secret — 32 random bytes that only
 * this host holds, keying the HMAC-SHA256s nobody else can make: the
 * signature cache's entries (sigcache.c) and the seals of the releases it
 * publishes (publish_seal.c).  It lives in the host's state folder:
 * $GOVPUB_STATE_DIR, else $XDG_STATE_HOME/govpub, else
 * ~/.local/state/govpub, as sigcache.key (mode 0600, the folder 0700; the
 * name is older than its second use).
 *
 * Nothing is reported here: what a missing key means differs between the
 * callers (a cold cache; a release that cannot be sealed or checked), so
 * each one says it in its own words. */
#ifndef GOVPUB_HOST_KEY_H
#define GOVPUB_HOST_KEY_H

#include <stdbool.h>

#define HOST_KEY_BYTES 32 /* crypto_auth_hmacsha256_KEYBYTES */
#define HOST_KEY_FILE "sigcache.key"

typedef enum {
  HOST_KEY_OK,
  HOST_KEY_NO_STATE,  /* no state folder: none of GOVPUB_STATE_DIR, XDG_STATE_HOME, HOME is set */
  HOST_KEY_NO_FOLDER, /* the state folder cannot be made (errno) */
  HOST_KEY_ABSENT,    /* there is no key, and `make` was false */
  HOST_KEY_BAD,       /* the key cannot be read or made (errno), or is not 32 bytes (errno EINVAL) */
} host_key_status;

/* Reads this host's key into `key`; when `make` and there is none yet,
 * makes it first (32 random bytes, written whole under a name of its own
 * and linked into place: a process reading it meanwhile sees none or all of
 * it, and of two making it at once one wins and the other reads its key).
 * `where` (may be NULL) gets what the status is about, malloc'd, for the
 * caller to free: the key file, the state folder (HOST_KEY_NO_FOLDER), or
 * NULL (HOST_KEY_NO_STATE). */
host_key_status host_key_load(unsigned char key[HOST_KEY_BYTES], bool make, char **where);

#endif

/* sigcache: the signatures a publishing host has already verified, so a
 * rebuild does not verify thousands of unchanged sign-offs again.  An entry
 * is the HMAC-SHA256, under a key only this host holds, of (statement,
 * signature, the roster key it verified with): any change to one of the
 * three misses the cache, and nobody without the host key can write an
 * entry that hits.  The file lives in the output folder
 * (<out>/.cache/verified-signatures), which may well be inside the
 * repository (the default out/), where an editor could commit one; the key
 * is this host's own (host_key.h: sigcache.key in its state folder, made at
 * the first use, which also seals the releases).  Without a key there is
 * no cache: every signature is verified.  Lookups may run on many threads; additions are
 * locked. */
#ifndef GOVPUB_SIGCACHE_H
#define GOVPUB_SIGCACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "digest.h"

typedef struct sigcache sigcache;

/* Reads the cache at path (a missing or unreadable file is an empty cache). */
sigcache *sigcache_load(const char *path);
void sigcache_free(sigcache *c);
/* The entry of a verified signature. */
void sigcache_key(const sigcache *c, const char *statement, const char *signature, const void *key_blob,
                  size_t key_len, char out[DIGEST_HEX_LEN]);
bool sigcache_has(const sigcache *c, const char *key);
void sigcache_add(sigcache *c, const char *key);
/* Writes the entries this run added or found (sigcache_has), sorted,
 * replacing the file atomically: an entry no record used is dropped (a
 * record rewritten or removed), so the file holds the site's sign-offs
 * and no more.  Call it after every record was checked.  -1 with errno. */
int sigcache_save(const sigcache *c, const char *path);
size_t sigcache_hits(const sigcache *c);

#endif

/* sigcache: the signatures a publishing host has already verified, so a
 * rebuild does not verify thousands of unchanged sign-offs again.  An entry
 * is the SHA-256 of (statement, signature, the roster key it verified
 * with): any change to one of the three misses the cache.  The file lives
 * in the output folder (<out>/.cache/verified-signatures), on the
 * publishing host — never in the repository, where an editor could write
 * entries.  Lookups may run on many threads; additions are locked. */
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
void sigcache_key(const char *statement, const char *signature, const void *key_blob, size_t key_len,
                  char out[DIGEST_HEX_LEN]);
bool sigcache_has(const sigcache *c, const char *key);
void sigcache_add(sigcache *c, const char *key);
/* Writes every entry, sorted, replacing the file atomically; -1 with errno. */
int sigcache_save(const sigcache *c, const char *path);
size_t sigcache_hits(const sigcache *c);

#endif

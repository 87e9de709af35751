/* publish_seal: see publish_seal.h. */
#include "publish_seal.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "fsx.h"

#define SEAL_MAX 4096 /* a seal is about 200 bytes: a larger file is no seal */

static const char magic[] = "govpub-seal 1\n";

/* The message the HMAC covers. */
static void message(buf *b, const char *id, const char *manifest) {
  buf_printf(b, "%srelease: %s\nmanifest: %s\n", magic, id, manifest);
}

int seal_key(unsigned char key[HOST_KEY_BYTES], bool make, const char *id) {
  char *where;
  host_key_status st = host_key_load(key, make, &where);
  int e = errno;
  char purpose[160];
  if (id) snprintf(purpose, sizeof purpose, "to check the seal of release %s with", id);
  else snprintf(purpose, sizeof purpose, "to seal the release with");
  if (st == HOST_KEY_NO_STATE)
    diag_error(NULL, 0, 0,
               make ? "set GOVPUB_STATE_DIR to a folder only this host's operators can read (docs/operators.md, "
                      "\"The seal\"): deploy and rollback refuse a release that is not sealed"
                    : "set GOVPUB_STATE_DIR to the state folder of the host that published it (docs/operators.md, "
                      "\"The seal\")",
               "no state folder (no HOME): no host key %s", purpose);
  else if (st == HOST_KEY_NO_FOLDER)
    diag_system(where, "cannot make the state folder for the host key: %s", strerror(e));
  else if (st == HOST_KEY_ABSENT)
    diag_error(where, 0, 0,
               "deploy and roll back on the host that published it; moving to a new host: docs/operators.md, "
               "\"The seal\"",
               "no host key %s: this host has sealed no release", purpose);
  else if (st == HOST_KEY_BAD && e == EINVAL)
    diag_error(where, 0, 0,
               "restore it from this host's backup; a new key (delete this one, then publish) cannot check the "
               "releases sealed before it: each must be sealed again (govpub releases --seal ID)",
               "the host key is not %d bytes: no release can be sealed or checked with it", HOST_KEY_BYTES);
  else if (st == HOST_KEY_BAD)
    diag_system(where, "cannot %s the host key: %s", make ? "read or make" : "read", strerror(e));
  free(where);
  return st == HOST_KEY_OK ? 0 : -1;
}

int seal_write(arena *a, const char *dir, const char *id, const char *manifest,
               const unsigned char key[HOST_KEY_BYTES]) {
  buf b = BUF_INIT;
  message(&b, id, manifest);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(mac, (const unsigned char *)b.data, b.len, key);
  char hex[2 * sizeof mac + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  buf_printf(&b, "hmac-sha256: %s\n", hex);
  const char *path = path_join(a, dir, SEAL_NAME);
  /* A release being made gets it like its manifest, as a new file; a kept
   * one (govpub releases --seal) has it replaced whole. */
  int rc = fsx_is_file(path) ? fsx_replace(path, b.data, b.len) : fsx_write_new_at(AT_FDCWD, path, b.data, b.len);
  if (rc != 0) diag_system(path, "cannot write the seal: %s", strerror(errno));
  buf_free(&b);
  return rc;
}

typedef struct {
  const char *release, *manifest, *mac;
} seal_lines;

/* The seal's lines (text is cut into them); false when it is not a seal. */
static bool parse(char *text, size_t len, seal_lines *s) {
  static const char *const keys[] = {"release: ", "manifest: ", "hmac-sha256: "};
  const char **fields[] = {&s->release, &s->manifest, &s->mac};
  if (strlen(text) != len || strncmp(text, magic, sizeof magic - 1) != 0) return false;
  char *p = text + sizeof magic - 1;
  for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
    size_t k = strlen(keys[i]);
    char *nl = strchr(p, '\n');
    if (!nl || strncmp(p, keys[i], k) != 0) return false;
    *nl = '\0';
    *fields[i] = p + k;
    p = nl + 1;
  }
  return !*p && strlen(s->mac) == 2 * crypto_auth_hmacsha256_BYTES &&
         strspn(s->mac, "0123456789abcdef") == 2 * crypto_auth_hmacsha256_BYTES;
}

/* DIR/.govpub-seal against release `id` and its manifest's digest. */
static int seal_check(arena *a, const char *out, const char *dir, const char *id, const char *manifest) {
  const char *path = path_join(a, dir, SEAL_NAME);
  const char *hint = arena_printf(a,
      "publish again; or, once you know the release is what govpub published (one made before releases were "
      "sealed, or on the host this one replaces), vouch for it: govpub releases --out %s --seal %s", out, id);
  size_t len;
  char *text = fsx_read_stamped_arena(a, path, &len, NULL, SEAL_MAX);
  seal_lines s;
  if (!text && errno == ENOENT) {
    diag_error(path, 0, 0, hint, "no seal: release %s was not published by govpub on this host, or before releases "
               "were sealed", id);
    return EXIT_PROBLEMS;
  }
  if (!text && errno != EFBIG && errno != EISDIR) {
    diag_system(path, "cannot read the seal: %s", strerror(errno));
    return EXIT_SYSTEM;
  }
  if (!text || !parse(text, len, &s)) {
    diag_error(path, 0, 0, hint, "the seal is damaged: it is not the four lines of \"govpub-seal 1\"");
    return EXIT_PROBLEMS;
  }
  if (strcmp(s.release, id) != 0) {
    diag_error(path, 0, 0, hint, "the seal is release %s's, not %s's (copied from another release?)", s.release,
               id);
    return EXIT_PROBLEMS;
  }
  if (strcmp(s.manifest, manifest) != 0) {
    diag_error(path, 0, 0, hint,
               "the seal is of another manifest (%s, the release's is %s): the release was rewritten since it was "
               "sealed", s.manifest, manifest);
    return EXIT_PROBLEMS;
  }
  unsigned char key[HOST_KEY_BYTES], mac[crypto_auth_hmacsha256_BYTES];
  if (seal_key(key, false, id) != 0) return diag_system_failed() ? EXIT_SYSTEM : EXIT_PROBLEMS;
  sodium_hex2bin(mac, sizeof mac, s.mac, strlen(s.mac), NULL, NULL, NULL);
  buf b = BUF_INIT;
  message(&b, id, manifest); /* the release's own id and manifest, not the seal's word for them */
  bool ok = crypto_auth_hmacsha256_verify(mac, (const unsigned char *)b.data, b.len, key) == 0;
  sodium_memzero(key, sizeof key);
  buf_free(&b);
  if (!ok)
    diag_error(path, 0, 0, hint, "the seal does not verify under this host's key: sealed on another host, or forged");
  return ok ? EXIT_OK : EXIT_PROBLEMS;
}

int seal_verify_release(arena *a, const char *out, const char *id, manifest_report *r) {
  const char *dir = arena_printf(a, "%s/releases/%s", out, id);
  int rc = manifest_verify_kept(a, dir, r); /* first: it names every file changed */
  return rc != EXIT_OK ? rc : seal_check(a, out, dir, id, r->digest);
}

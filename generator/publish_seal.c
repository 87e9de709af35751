/* publish_seal: see publish_seal.h. */
#include "publish_seal.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "diag.h"
#include "datetime.h"
#include "fsx.h"
#include "release.h"
#include "sshwire.h"

#define SEAL_MAX 4096 /* a seal is about 200 bytes: a larger file is no seal */
#define SIG_B64_LEN 88 /* 64 bytes in padded base64 */
#define SIG_B64_ROOM (SIG_B64_LEN / 4 * 3 + 3) /* sshwire_b64_max(SIG_B64_LEN) */

static const char damaged[] = "the seal is damaged: it is not the lines of a govpub seal (\"govpub-seal 3\", 2 or 1)";

/* The statement a seal of `version` makes: what the HMAC (1) or the
 * signature (2, 3) covers, byte for byte; version 3 says when (`sealed`,
 * a SEAL_STAMP). */
static void message(buf *b, int version, const char *id, const char *manifest, const char *sealed) {
  buf_printf(b, "govpub-seal %d\nrelease: %s\nmanifest: %s\n", version, id, manifest);
  if (version == 3) buf_printf(b, "sealed: %s\n", sealed);
}

/* A seal's time as its `sealed:` line writes it: UTC, to the second. */
static void stamp_of(int64_t t, char out[SEAL_STAMP_LEN + 1]) {
  time_t tt = (time_t)t;
  struct tm tm;
  if (!gmtime_r(&tt, &tm) || strftime(out, SEAL_STAMP_LEN + 1, "%Y-%m-%dT%H:%M:%SZ", &tm) != SEAL_STAMP_LEN)
    out[0] = '\0'; /* past year 9999: no stamp, which stamp_time refuses */
}

/* The time a `sealed:` line states; -1 when it is not exactly what
 * stamp_of writes (a real date and time, zero-padded, years 1970–9999). */
static int64_t stamp_time(const char *s) {
  static const char form[] = "dddd-dd-ddTdd:dd:ddZ";
  if (strlen(s) != SEAL_STAMP_LEN) return -1;
  for (size_t i = 0; i < SEAL_STAMP_LEN; i++)
    if (form[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != form[i]) return -1;
  int v[6], at[6] = {0, 5, 8, 11, 14, 17}, width[6] = {4, 2, 2, 2, 2, 2};
  for (int i = 0; i < 6; i++) {
    v[i] = 0;
    for (int k = 0; k < width[i]; k++) v[i] = v[i] * 10 + (s[at[i] + k] - '0');
  }
  if (v[0] < 1970 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 || v[3] > 23 || v[4] > 59 || v[5] > 59)
    return -1;
  int64_t t = days_from_civil(v[0], v[1], v[2]) * 86400 + v[3] * 3600 + v[4] * 60 + v[5];
  char back[SEAL_STAMP_LEN + 1];
  stamp_of(t, back);
  return strcmp(back, s) == 0 ? t : -1; /* 2024-02-30 is no day */
}

/* This host's key, or -1 after saying why there is none (for `purpose`;
 * `absent` is the hint when this host has made none). */
static int load_key(unsigned char key[HOST_KEY_BYTES], bool make, const char *purpose, const char *absent) {
  char *where;
  host_key_status st = host_key_load(key, make, &where);
  int e = errno;
  if (st == HOST_KEY_NO_STATE)
    diag_error(NULL, 0, 0,
               make ? "set GOVPUB_STATE_DIR to a folder only this host's operators can read (docs/operators.md, "
                      "\"The seal\"): deploy and rollback refuse a release that is not sealed"
                    : "set GOVPUB_STATE_DIR to the state folder of the host that published it (docs/operators.md, "
                      "\"The seal\")",
               "no state folder (no HOME): no host key %s", purpose);
  else if (st == HOST_KEY_NO_FOLDER)
    diag_system_at(e, NULL, where, "cannot make the state folder for the host key: %s", strerror(e));
  else if (st == HOST_KEY_ABSENT)
    diag_error(where, 0, 0, absent, "no host key %s: this host has sealed no release", purpose);
  else if (st == HOST_KEY_BAD && e == EINVAL)
    diag_error(where, 0, 0,
               "restore it from this host's backup; a new key (delete this one, then publish) cannot check the "
               "releases sealed before it: each must be sealed again (govpub releases --seal ID)",
               "the host key is not %d bytes: no release can be sealed or checked with it", HOST_KEY_BYTES);
  else if (st == HOST_KEY_BAD)
    diag_system_at(e, NULL, where, "cannot %s the host key: %s", make ? "read or make" : "read", strerror(e));
  free(where);
  return st == HOST_KEY_OK ? 0 : -1;
}

int seal_key(unsigned char key[HOST_KEY_BYTES], bool make, const char *id) {
  char purpose[160];
  if (id) snprintf(purpose, sizeof purpose, "to check the seal of release %s with", id);
  else snprintf(purpose, sizeof purpose, "to seal the release with");
  return load_key(key, make, purpose,
                  "deploy and roll back on the host that published it; moving to a new host: docs/operators.md, "
                  "\"The seal\"");
}

int seal_public_key(unsigned char pk[PUBLISHER_PK_BYTES]) {
  unsigned char key[HOST_KEY_BYTES];
  int rc = load_key(key, false, "to derive the publisher key from",
                    "run it on the publishing host (its key is made by its first publish)");
  if (rc == 0) publisher_keypair(key, pk, NULL);
  sodium_memzero(key, sizeof key);
  return rc;
}

typedef struct {
  int version;                         /* 1, 2 or 3 */
  const char *release, *manifest, *id; /* id: the candidate id the release line matched */
  const char *sealed;                  /* version 3: when (a SEAL_STAMP); else NULL */
  unsigned char proof[crypto_sign_BYTES]; /* the HMAC (its first 32 bytes) or the signature */
} seal_lines;

/* The last line's proof, decoded; false when it is not canonical. */
static bool proof(seal_lines *s, const char *text) {
  size_t len = strlen(text), n, bad;
  if (s->version == 1)
    return len == 2 * crypto_auth_hmacsha256_BYTES && strspn(text, "0123456789abcdef") == len &&
           sodium_hex2bin(s->proof, sizeof s->proof, text, len, NULL, NULL, NULL) == 0;
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  unsigned char sig[SIG_B64_ROOM];
  if (len != SIG_B64_LEN || strspn(text, alphabet) != len - 2 || strcmp(text + len - 2, "==") != 0) return false;
  if (sshwire_b64_decode(text, len, sig, &n, &bad) != 0 || n != sizeof s->proof) return false;
  memcpy(s->proof, sig, n);
  return true;
}

/* The seal's lines (text is cut into them); false when it is not a seal. */
static bool parse(char *text, size_t len, seal_lines *s) {
  if (strlen(text) != len || strncmp(text, "govpub-seal ", 12) != 0 || text[12] < '1' || text[12] > '3' ||
      text[13] != '\n')
    return false;
  s->version = text[12] - '0';
  s->sealed = NULL;
  const char *keys[4] = {"release: ", "manifest: "}, *last = NULL, **fields[4] = {&s->release, &s->manifest};
  size_t nkeys = 2;
  if (s->version == 3) {
    keys[nkeys] = "sealed: ";
    fields[nkeys++] = &s->sealed;
  }
  keys[nkeys] = s->version == 1 ? "hmac-sha256: " : "ed25519: ";
  fields[nkeys++] = &last;
  char *p = text + 14;
  for (size_t i = 0; i < nkeys; i++) {
    size_t k = strlen(keys[i]);
    char *nl = strchr(p, '\n');
    if (!nl || strncmp(p, keys[i], k) != 0) return false;
    *nl = '\0';
    *fields[i] = p + k;
    p = nl + 1;
  }
  return !*p && (!s->sealed || stamp_time(s->sealed) >= 0) && proof(s, last);
}

/* Reads the seal at `path` into *s (its text cut into lines, in `a`);
 * false when it cannot be read (errno: ENOENT when there is none) or is
 * no seal (errno 0). */
static bool seal_read(arena *a, const char *path, seal_lines *s) {
  size_t len;
  char *text = fsx_read_stamped_arena(a, path, &len, NULL, SEAL_MAX);
  if (!text) return false;
  errno = 0;
  return parse(text, len, s);
}

/* The time a new seal of a release of `out` states: now, or a second after
 * the newest seal of a release kept there when that is not before now (two
 * seals in one second; a clock set back): web servers (govpub verify
 * --seen) take no seal older than one they took, so each must be newer. */
static int64_t seal_time(arena *a, const char *out) {
  int64_t t = (int64_t)time(NULL);
  const char **ids;
  size_t n;
  if (release_list(a, out, &ids, &n) != 0) n = 0; /* what cannot be listed holds no newer seal to pass */
  for (size_t i = 0; i < n; i++) {
    seal_lines s;
    int64_t u;
    if (seal_read(a, arena_printf(a, "%s/releases/%s/" SEAL_NAME, out, ids[i]), &s) && s.version == 3 &&
        (u = stamp_time(s.sealed)) >= t)
      t = u + 1;
  }
  return t;
}

int seal_write(arena *a, const char *out, const char *dir, const char *id, const char *manifest,
               const unsigned char key[HOST_KEY_BYTES]) {
  char sealed[SEAL_STAMP_LEN + 1];
  stamp_of(seal_time(a, out), sealed);
  buf b = BUF_INIT;
  message(&b, 3, id, manifest, sealed);
  unsigned char pk[PUBLISHER_PK_BYTES], sk[PUBLISHER_SK_BYTES], sig[crypto_sign_BYTES];
  publisher_keypair(key, pk, sk);
  crypto_sign_detached(sig, NULL, (const unsigned char *)b.data, b.len, sk);
  sodium_memzero(sk, sizeof sk);
  char b64[SIG_B64_LEN + 1];
  sodium_bin2base64(b64, sizeof b64, sig, sizeof sig, sodium_base64_VARIANT_ORIGINAL);
  buf_printf(&b, "ed25519: %s\n", b64);
  const char *path = path_join(a, dir, SEAL_NAME);
  /* A release being made gets it like its manifest, as a new file; a kept
   * one (govpub releases --seal, rollback, deploy) has it replaced whole. */
  int rc = fsx_is_file(path) ? fsx_replace(path, b.data, b.len) : fsx_write_new_at(AT_FDCWD, path, b.data, b.len);
  if (rc != 0) diag_system(path, "cannot write the seal: %s", strerror(errno));
  buf_free(&b);
  return rc;
}

/* Reads the seal at `path` and holds it against the release: it must be a
 * seal, of one of the release's `ids` (ids[0] its folder's name), and of
 * its manifest.  EXIT_OK with *s filled (s->id: the id it is of), else
 * the exit code after reporting, with `hint`.  `here` says whose
 * publishing a missing seal is about. */
static int seal_open(arena *a, const char *path, const char *const ids[], size_t nids, const char *manifest,
                     const char *hint, const char *here, seal_lines *s) {
  bool read = seal_read(a, path, s);
  if (!read && errno == ENOENT) {
    diag_error(path, 0, 0, hint, "no seal: release %s was not published by govpub%s, or before releases were sealed",
               ids[0], here);
    return EXIT_PROBLEMS;
  }
  if (!read && errno != 0 && errno != EFBIG && errno != EISDIR) {
    diag_system(path, "cannot read the seal: %s", strerror(errno));
    return EXIT_SYSTEM;
  }
  if (!read) {
    diag_error(path, 0, 0, hint, damaged);
    return EXIT_PROBLEMS;
  }
  s->id = NULL;
  for (size_t i = 0; i < nids && !s->id; i++)
    if (strcmp(s->release, ids[i]) == 0) s->id = ids[i];
  if (!s->id) {
    diag_error(path, 0, 0, hint, "the seal is release %s's, not %s's (copied from another release?)", s->release,
               ids[0]);
    return EXIT_PROBLEMS;
  }
  if (strcmp(s->manifest, manifest) != 0) {
    diag_error(path, 0, 0, hint,
               "the seal is of another manifest (%s, the release's is %s): the release was rewritten since it was "
               "sealed", s->manifest, manifest);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}

/* Does the seal's proof hold for its statement, built from the release's
 * own id and manifest (never from the seal's lines), under `pk`, or, for a
 * v1 seal, under the host key `key` (NULL: not checkable)? */
static bool proof_holds(const seal_lines *s, const char *manifest, const unsigned char pk[PUBLISHER_PK_BYTES],
                        const unsigned char *key) {
  buf b = BUF_INIT;
  message(&b, s->version, s->id, manifest, s->sealed);
  const unsigned char *m = (const unsigned char *)b.data;
  bool ok = s->version != 1 ? crypto_sign_verify_detached(s->proof, m, b.len, pk) == 0
                            : key && crypto_auth_hmacsha256_verify(s->proof, m, b.len, key) == 0;
  buf_free(&b);
  return ok;
}

/* DIR/.govpub-seal against release `id` and its manifest's digest, under
 * this host's key: a v2 or v3 seal's signature under the public key
 * derived from it, a v1 seal's HMAC under the key itself; then, when
 * `renew`, the release sealed anew (seal_verify_release). */
static int seal_check(arena *a, const char *out, const char *dir, const char *id, const char *manifest, bool renew) {
  const char *path = path_join(a, dir, SEAL_NAME);
  const char *hint = arena_printf(a,
      "publish again; or, once you know the release is what govpub published (one made before releases were "
      "sealed, or on the host this one replaces), vouch for it: govpub releases --out %s --seal %s", out, id);
  seal_lines s;
  int rc = seal_open(a, path, &id, 1, manifest, hint, " on this host", &s);
  if (rc != EXIT_OK) return rc;
  unsigned char key[HOST_KEY_BYTES], pk[PUBLISHER_PK_BYTES];
  if (seal_key(key, false, id) != 0) return diag_system_failed() ? EXIT_SYSTEM : EXIT_PROBLEMS;
  publisher_keypair(key, pk, NULL);
  bool ok = proof_holds(&s, manifest, pk, key);
  if (!ok)
    diag_error(path, 0, 0, hint, "the seal does not verify under this host's key: sealed on another host, or forged");
  rc = !ok ? EXIT_PROBLEMS : renew && seal_write(a, out, dir, id, manifest, key) != 0 ? EXIT_SYSTEM : EXIT_OK;
  sodium_memzero(key, sizeof key);
  return rc;
}

int seal_verify_release(arena *a, const char *out, const char *id, manifest_report *r, bool renew) {
  const char *dir = arena_printf(a, "%s/releases/%s", out, id);
  int rc = manifest_verify_kept(a, dir, r); /* first: it names every file changed */
  return rc != EXIT_OK ? rc : seal_check(a, out, dir, id, r->digest, renew);
}

/* The id deploy gave a release already on the target: NAME-N (N from 2),
 * NAME the release's own id; NULL when `name` has no such suffix. */
static const char *deploy_base(arena *a, const char *name) {
  const char *dash = strrchr(name, '-');
  if (!dash || dash == name || dash[1] < '1' || dash[1] > '9' || strspn(dash + 1, "0123456789") != strlen(dash + 1) ||
      strcmp(dash + 1, "1") == 0)
    return NULL;
  return arena_printf(a, "%.*s", (int)(dash - name), name);
}

int seal_verify_tree(arena *a, const char *tree, const char *manifest, const publisher *p, const char **id,
                     const char **sealed) {
  *id = *sealed = NULL;
  char *real = realpath(tree, NULL);
  if (!real) {
    diag_system(tree, "cannot resolve the folder: %s", strerror(errno));
    return EXIT_SYSTEM;
  }
  const char *name = strrchr(real, '/') + 1, *up = arena_printf(a, "%.*s", (int)(name - real - 1), real);
  const char *parent = strrchr(up, '/');
  bool in_releases = parent && strcmp(parent + 1, "releases") == 0 && *name && !strchr(name, '\n');
  const char *ids[2] = {arena_strdup(a, name), deploy_base(a, name)};
  const char *whole = arena_strdup(a, real);
  free(real);
  if (!in_releases) {
    diag_error(tree, 0, 0,
               "give the served link (OUT/current) or a release folder (OUT/releases/ID), as govpub publish and "
               "deploy lay them out",
               "not a release folder (%s): a seal names its release by the folder's name, in a folder releases/",
               whole);
    return EXIT_PROBLEMS;
  }
  const char *path = path_join(a, tree, SEAL_NAME);
  const char *again = ids[1] ? ids[1] : ids[0];
  const char *hint = arena_printf(a,
      "deploy the release again from the publishing host (govpub deploy %s), which spreads only what it sealed; "
      "if it comes back, something rewrites this server's files", again);
  seal_lines s;
  int rc = seal_open(a, path, ids, ids[1] ? 2 : 1, manifest, hint, "", &s);
  if (rc != EXIT_OK) return rc;
  if (s.version == 1) {
    diag_error(path, 0, 0,
               arena_printf(a, "on the publishing host, seal it again (govpub releases --seal %s), which signs, and "
                               "deploy it again (govpub deploy %s)", s.id, s.id),
               "the seal is of version 1, an HMAC only the publishing host's secret key can check: no public key "
               "can check it");
    return EXIT_PROBLEMS;
  }
  if (!proof_holds(&s, manifest, p->pk, NULL)) {
    diag_error(path, 0, 0,
               arena_printf(a, "check that %s is the line `govpub releases --publisher-key` prints on the publishing "
                               "host; if it is, deploy the release again from there (govpub deploy %s)", p->file, s.id),
               "the seal's signature does not verify under the publisher key %s (%s): sealed by another publisher, "
               "or forged", p->file, p->fingerprint);
    return EXIT_PROBLEMS;
  }
  *id = s.id;
  *sealed = s.sealed;
  return EXIT_OK;
}

/* test_publish: the pieces of govpub publish that CLI tests reach only in
 * part — which files are precompressed, the manifest of a small tree and
 * every kind of difference verify reports (exact diagnostics), a manifest
 * damaged in each way, the host key read or made, a seal damaged in each
 * way, v1 seals still taken, the publisher key derived and read back, and reading fields back from the audit log. */
#include <ctype.h>
#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsx.h"
#include "host_key.h"
#include "publish_compress.h"
#include "publish_log.h"
#include "publish_manifest.h"
#include "publish_seal.h"
#include "publisher_key.h"
#include "testlib.h"

static void put(const char *dir, const char *rel, const char *text) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, rel);
  if (fsx_replace(path, text, strlen(text)) != 0) abort();
}

int main(void) {
  TEST("publish_is_text: text by extension, not binaries or variants") {
    CHECK(publish_is_text("index.html"));
    CHECK(publish_is_text("css/site.css"));
    CHECK(publish_is_text("charts/gdp.svg"));
    CHECK(publish_is_text("feeds/news/index.xml"));
    CHECK(publish_is_text("charts/gdp.csv"));
    CHECK(!publish_is_text("images/logo.png"));
    CHECK(!publish_is_text("index.html.gz"));
    CHECK(!publish_is_text("index.html.br"));
    CHECK(!publish_is_text("files/report.pdf"));
    CHECK(!publish_is_text("a.html/README"));
    CHECK(!publish_is_text("Makefile"));
  }

  char tmpl[] = "/tmp/govpub-test-publish-XXXXXX";
  const char *dir = mkdtemp(tmpl);
  if (!dir) abort();
  put(dir, "index.html", "<p>首页</p>\n");
  put(dir, "news/a.html", "a\n");
  put(dir, "news/b.html", "b\n");
  arena *a = arena_new();
  char digest[DIGEST_HEX_LEN];

  TEST("manifest: written once, exact text") {
    CHECK(manifest_write(a, dir, digest) == 3);
    size_t len;
    char *m = fsx_read_arena(a, path_join(a, dir, MANIFEST_NAME), &len);
    char body[512], self[DIGEST_HEX_LEN], ia[DIGEST_HEX_LEN], ib[DIGEST_HEX_LEN], ii[DIGEST_HEX_LEN], want[1024];
    digest_mem("<p>首页</p>\n", strlen("<p>首页</p>\n"), ii);
    digest_mem("a\n", 2, ia);
    digest_mem("b\n", 2, ib);
    snprintf(body, sizeof body, "govpub-manifest 1\n%s %zu index.html\n%s 2 news/a.html\n%s 2 news/b.html\n", ii,
             strlen("<p>首页</p>\n"), ia, ib);
    digest_mem(body, strlen(body), self);
    snprintf(want, sizeof want, "%send %s\n", body, self);
    CHECK_STR(m, want);
    char whole[DIGEST_HEX_LEN];
    digest_mem(m, len, whole);
    CHECK_STR(digest, whole);
    CHECK(manifest_write(a, dir, NULL) == -1); /* never over an existing one */
    tl_flushed();
  }

  TEST("verify: a matching tree") {
    manifest_report r;
    CHECK(manifest_verify(a, dir, "site", &r) == 0);
    CHECK(r.files == 3 && r.added + r.removed + r.changed == 0);
    CHECK_STR(r.digest, digest);
    CHECK_STR(tl_flushed(), "");
  }

  TEST("verify: same size, other bytes; added; removed — each named") {
    put(dir, "news/a.html", "x\n");
    put(dir, "news/c.html", "c\n");
    char gone[4096];
    snprintf(gone, sizeof gone, "%s/news/b.html", dir);
    unlink(gone);
    manifest_report r;
    CHECK(manifest_verify(a, dir, "site", &r) == 1);
    CHECK(r.added == 1 && r.removed == 1 && r.changed == 1);
    char ia[DIGEST_HEX_LEN], ix[DIGEST_HEX_LEN], want[2048];
    digest_mem("a\n", 2, ia);
    digest_mem("x\n", 2, ix);
    const char *hint = "  hint: restore the release: govpub deploy from the publishing host, or govpub rollback\n";
    snprintf(want, sizeof want,
             "site/news/a.html: error: changed since publishing (was %s, now %s)\n%s"
             "site/news/b.html: error: removed since publishing\n%s"
             "site/news/c.html: error: added since publishing\n%s",
             ia, ix, hint, hint, hint);
    CHECK_STR(tl_flushed(), want);
  }

  TEST("verify: a damaged manifest, each way") {
    static const struct {
      const char *text, *why;
    } cases[] = {
        {"", "it does not start with \"govpub-manifest 1\""},
        {"govpub-manifest 2\nend sha256:0\n", "it does not start with \"govpub-manifest 1\""},
        {"govpub-manifest 1\nsha256:00 1 a\n", "its last line is not \"end sha256:…\" (truncated?)"},
        {"govpub-manifest 1\nend sha256:0000000000000000000000000000000000000000000000000000000000000000",
         "its last line is not \"end sha256:…\" (truncated?)"},
        {"govpub-manifest 1\nend sha256:0000000000000000000000000000000000000000000000000000000000000000\n",
         "its own digest does not match its contents (edited?)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
      put(dir, MANIFEST_NAME, cases[i].text);
      manifest_report r;
      CHECK(manifest_verify(a, dir, "site", &r) == 1);
      char want[512];
      snprintf(want, sizeof want,
               "site/.govpub-manifest: error: the manifest is damaged: %s\n"
               "  hint: restore the release from a trusted copy (govpub deploy) or publish again\n",
               cases[i].why);
      CHECK_STR(tl_flushed(), want);
    }
    /* self-consistent, but a line of the wrong shape */
    const char *body = "govpub-manifest 1\nnot a line\n";
    char self[DIGEST_HEX_LEN], text[256];
    digest_mem(body, strlen(body), self);
    snprintf(text, sizeof text, "%send %s\n", body, self);
    put(dir, MANIFEST_NAME, text);
    manifest_report r;
    CHECK(manifest_verify(a, dir, "site", &r) == 1);
    CHECK_STR(tl_flushed(), "site/.govpub-manifest: error: the manifest is damaged: a line is not \"sha256:<hex> <size> <path>\"\n"
                            "  hint: restore the release from a trusted copy (govpub deploy) or publish again\n");
  }

  const char *state = arena_printf(a, "%s-state", dir);
  TEST("host_key: none without a state folder; not made unless asked; made once, 32 bytes, 0600") {
    unsigned char k1[HOST_KEY_BYTES], k2[HOST_KEY_BYTES];
    char *where;
    setenv("GOVPUB_STATE_DIR", "", 1);
    setenv("XDG_STATE_HOME", "relative", 1); /* not a path: ignored */
    unsetenv("HOME");
    CHECK(host_key_load(k1, true, &where) == HOST_KEY_NO_STATE && where == NULL);
    setenv("GOVPUB_STATE_DIR", state, 1);
    CHECK(host_key_load(k1, false, &where) == HOST_KEY_ABSENT);
    free(where);
    struct stat st;
    CHECK(stat(state, &st) != 0); /* a check makes nothing */
    CHECK(host_key_load(k1, true, &where) == HOST_KEY_OK);
    CHECK(stat(where, &st) == 0 && st.st_size == HOST_KEY_BYTES && (st.st_mode & 0777) == 0600);
    CHECK(stat(state, &st) == 0 && (st.st_mode & 0777) == 0700);
    CHECK(host_key_load(k2, false, NULL) == HOST_KEY_OK && memcmp(k1, k2, sizeof k1) == 0);
    char *saved = fsx_read(where, &(size_t){0});
    put(state, HOST_KEY_FILE, "thirty-three bytes, one too many!");
    errno = 0;
    CHECK(host_key_load(k2, true, NULL) == HOST_KEY_BAD && errno == EINVAL);
    if (fsx_replace(where, saved, HOST_KEY_BYTES) != 0) abort();
    free(saved);
    free(where);
  }

  TEST("seal: written, checked; damaged in each way, refused with the same words") {
    const char *out = arena_printf(a, "%s-out", dir), *rel = arena_printf(a, "%s/releases/r1", out);
    const char *seal = arena_printf(a, "%s/" SEAL_NAME, rel);
    put(rel, "index.html", "<p>首页</p>\n");
    char m[DIGEST_HEX_LEN];
    unsigned char key[HOST_KEY_BYTES];
    CHECK(manifest_write(a, rel, m) == 1);
    CHECK(seal_key(key, true, NULL) == 0);
    CHECK(seal_write(a, out, rel, "r1", m, key) == 0);
    manifest_report r;
    CHECK(seal_verify_release(a, out, "r1", &r, false) == 0);
    CHECK_STR(tl_flushed(), "");
    size_t len;
    char *good = fsx_read_arena(a, seal, &len);
    CHECK(strncmp(good, "govpub-seal 3\nrelease: r1\nmanifest: ", 36) == 0);
    const char *want = arena_printf(a,
        "%s: error: the seal is damaged: it is not the lines of a govpub seal (\"govpub-seal 3\", 2 or 1)\n"
        "  hint: publish again; or, once you know the release is what govpub published (one made before releases "
        "were sealed, or on the host this one replaces), vouch for it: govpub releases --out %s --seal r1\n",
        seal, out);
    const char *sig = "ed25519: qPePUImQttwMEBxJ8qA+xMSibFdzKpa4tCO722t7O1dps1AhwMdBvyyJGZd0Xe4qqmb7auNXgs+yi0OaPQemAQ==\n";
    const char *damaged[] = {
        "",
        "govpub-seal 2\n",
        "govpub-seal 3\n",
        "govpub-seal 4\nrelease: r1\nmanifest: x\n",
        arena_printf(a, "govpub-seal 3\nrelease: r1\nmanifest: x\n%s", sig), /* v3 without its time */
        arena_printf(a, "govpub-seal 2\nrelease: r1\nmanifest: x\nsealed: 2026-11-27T05:40:12Z\n%s", sig),
        /* a time not in its one form, or no such time */
        arena_printf(a, "govpub-seal 3\nrelease: r1\nmanifest: x\nsealed: 2026-11-27 05:40:12Z\n%s", sig),
        arena_printf(a, "govpub-seal 3\nrelease: r1\nmanifest: x\nsealed: 2026-11-27T05:40:12+08:00\n%s", sig),
        arena_printf(a, "govpub-seal 3\nrelease: r1\nmanifest: x\nsealed: 2026-02-29T05:40:12Z\n%s", sig),
        arena_printf(a, "govpub-seal 3\nrelease: r1\nmanifest: x\nsealed: 2026-11-27T24:00:00Z\n%s", sig),
        arena_printf(a, "govpub-seal 3\nrelease: r1\nmanifest: x\nsealed: 1969-12-31T23:59:59Z\n%s", sig),
        "govpub-seal 1\nrelease: r1\n",
        "govpub-seal 1\nmanifest: x\nrelease: r1\nhmac-sha256: 00\n",
        "govpub-seal 1\nrelease: r1\nmanifest: x\nhmac-sha256: 00\n", /* too short */
        arena_printf(a, "govpub-seal 1\nrelease: r1\nmanifest: x\n%s", sig), /* a v1 seal with a v2 proof */
        arena_printf(a, "govpub-seal 2\nrelease: r1\nmanifest: x\nhmac-sha256: %064d\n", 0), /* and the converse */
        "govpub-seal 2\nrelease: r1\nmanifest: x\ned25519: AAAA\n", /* too short */
        /* not canonical: the last character's unused bits set (B, not A) */
        "govpub-seal 2\nrelease: r1\nmanifest: x\ned25519: qPePUImQttwMEBxJ8qA+xMSibFdzKpa4tCO722t7O1dps1AhwMdBvyyJ"
        "GZd0Xe4qqmb7auNXgs+yi0OaPQemAB==\n",
        /* unpadded, URL-safe, or with a line break inside */
        "govpub-seal 2\nrelease: r1\nmanifest: x\ned25519: qPePUImQttwMEBxJ8qA+xMSibFdzKpa4tCO722t7O1dps1AhwMdBvyyJ"
        "GZd0Xe4qqmb7auNXgs+yi0OaPQemAQ\n",
        "govpub-seal 2\nrelease: r1\nmanifest: x\ned25519: qPePUImQttwMEBxJ8qA-xMSibFdzKpa4tCO722t7O1dps1AhwMdBvyyJ"
        "GZd0Xe4qqmb7auNXgs+yi0OaPQemAQ==\n",
        "govpub-seal 2\nrelease: r1\nmanifest: x\ned25519: qPePUImQttwMEBxJ8qA+xMSibFdzKpa4tCO722t7O1dps1AhwMdBvyyJ"
        "GZd0Xe4qqmb7auNXgs+yi0OaPQem\rAQ=\n",
    };
    for (size_t i = 0; i < sizeof damaged / sizeof *damaged; i++) {
      put(rel, SEAL_NAME, damaged[i]);
      CHECK(seal_verify_release(a, out, "r1", &r, false) == 1);
      CHECK_STR(tl_flushed(), want);
    }
    /* the good seal with a line after it, a NUL in it, over 4 KiB: damaged too */
    buf b = BUF_INIT;
    for (int i = 0; i < 3; i++) {
      buf_clear(&b);
      buf_put(&b, good, len);
      if (i == 0) buf_puts(&b, "more\n");
      if (i == 1) b.data[20] = '\0';
      if (i == 2) for (int k = 0; k < 4096; k++) buf_putc(&b, '\n');
      if (fsx_replace(seal, b.data, b.len) != 0) abort();
      CHECK(seal_verify_release(a, out, "r1", &r, false) == 1);
      CHECK_STR(tl_flushed(), want);
    }
    /* a signature well formed but not of this statement: each letter of it
     * in capitals, one bit flipped in its bytes */
    const char *forged = arena_printf(a,
        "%s: error: the seal does not verify under this host's key: sealed on another host, or forged\n"
        "  hint: publish again; or, once you know the release is what govpub published (one made before releases "
        "were sealed, or on the host this one replaces), vouch for it: govpub releases --out %s --seal r1\n",
        seal, out);
    buf_clear(&b);
    buf_put(&b, good, len);
    for (size_t k = len - 89; k < len - 4; k++) /* not the last: its unused bits */
      b.data[k] = (char)toupper((unsigned char)b.data[k]);
    if (fsx_replace(seal, b.data, b.len) != 0) abort();
    CHECK(seal_verify_release(a, out, "r1", &r, false) == 1);
    CHECK_STR(tl_flushed(), forged);
    buf_clear(&b);
    buf_put(&b, good, len);
    b.data[len - 50] = b.data[len - 50] == 'A' ? 'B' : 'A';
    if (fsx_replace(seal, b.data, b.len) != 0) abort();
    CHECK(seal_verify_release(a, out, "r1", &r, false) == 1);
    CHECK_STR(tl_flushed(), forged);
    /* a v1 seal (HMAC under the host key) this host made: still taken */
    buf_clear(&b);
    buf_printf(&b, "govpub-seal 1\nrelease: r1\nmanifest: %s\n", m);
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256(mac, (const unsigned char *)b.data, b.len, key);
    char hex[2 * sizeof mac + 1];
    sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
    buf_printf(&b, "hmac-sha256: %s\n", hex);
    if (fsx_replace(seal, b.data, b.len) != 0) abort();
    CHECK(seal_verify_release(a, out, "r1", &r, false) == 0);
    CHECK_STR(tl_flushed(), "");
    b.data[b.len - 2] = b.data[b.len - 2] == '0' ? '1' : '0'; /* its HMAC changed */
    if (fsx_replace(seal, b.data, b.len) != 0) abort();
    CHECK(seal_verify_release(a, out, "r1", &r, false) == 1);
    CHECK_STR(tl_flushed(), forged);
    buf_free(&b);
    if (fsx_replace(seal, good, len) != 0) abort();
    CHECK(seal_verify_release(a, out, "r1", &r, false) == 0);
    sodium_memzero(key, sizeof key);
    fsx_rmtree(out);
  }

  TEST("seal: each newer than the newest kept; renewed on request; a v2 seal still taken") {
    const char *out = arena_printf(a, "%s-out2", dir);
    const char *r1 = arena_printf(a, "%s/releases/r1", out), *r2 = arena_printf(a, "%s/releases/r2", out);
    put(r1, "index.html", "<p>一</p>\n");
    put(r2, "index.html", "<p>二</p>\n");
    char m1[DIGEST_HEX_LEN], m2[DIGEST_HEX_LEN];
    unsigned char key[HOST_KEY_BYTES], pk[PUBLISHER_PK_BYTES], sk[PUBLISHER_SK_BYTES];
    CHECK(manifest_write(a, r1, m1) == 1 && manifest_write(a, r2, m2) == 1);
    CHECK(seal_key(key, true, NULL) == 0);
    size_t len;
    CHECK(seal_write(a, out, r1, "r1", m1, key) == 0);
    CHECK(seal_write(a, out, r2, "r2", m2, key) == 0); /* most likely in the same second */
    char *t1 = strstr(fsx_read_arena(a, arena_printf(a, "%s/" SEAL_NAME, r1), &len), "sealed: ");
    char *t2 = strstr(fsx_read_arena(a, arena_printf(a, "%s/" SEAL_NAME, r2), &len), "sealed: ");
    CHECK(t1 && t2 && strncmp(t1, t2, 8 + SEAL_STAMP_LEN) < 0);
    manifest_report r;
    CHECK(seal_verify_release(a, out, "r1", &r, true) == 0); /* rollback's and deploy's check, renewing */
    char *t3 = strstr(fsx_read_arena(a, arena_printf(a, "%s/" SEAL_NAME, r1), &len), "sealed: ");
    CHECK(t3 && strncmp(t2, t3, 8 + SEAL_STAMP_LEN) < 0);
    CHECK(seal_verify_release(a, out, "r1", &r, false) == 0);
    char *t4 = strstr(fsx_read_arena(a, arena_printf(a, "%s/" SEAL_NAME, r1), &len), "sealed: ");
    CHECK(t4 && strncmp(t3, t4, 8 + SEAL_STAMP_LEN) == 0); /* a check alone changes nothing */
    /* a v2 seal, as govpub wrote them before seals said when: still taken */
    buf b = BUF_INIT;
    buf_printf(&b, "govpub-seal 2\nrelease: r2\nmanifest: %s\n", m2);
    unsigned char sig[crypto_sign_BYTES];
    publisher_keypair(key, pk, sk);
    crypto_sign_detached(sig, NULL, (const unsigned char *)b.data, b.len, sk);
    char b64[sodium_base64_ENCODED_LEN(sizeof sig, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(b64, sizeof b64, sig, sizeof sig, sodium_base64_VARIANT_ORIGINAL);
    buf_printf(&b, "ed25519: %s\n", b64);
    put(r2, SEAL_NAME, b.data);
    CHECK(seal_verify_release(a, out, "r2", &r, false) == 0);
    CHECK_STR(tl_flushed(), "");
    buf_free(&b);
    sodium_memzero(sk, sizeof sk);
    sodium_memzero(key, sizeof key);
    fsx_rmtree(out);
  }

  TEST("publisher key: derived from the host key, as documented; its OpenSSH line read back") {
    unsigned char host[HOST_KEY_BYTES], pk[PUBLISHER_PK_BYTES], sk[PUBLISHER_SK_BYTES], pk2[PUBLISHER_PK_BYTES];
    for (int i = 0; i < HOST_KEY_BYTES; i++) host[i] = (unsigned char)i;
    publisher_keypair(host, pk, sk);
    publisher_keypair(host, pk2, NULL);
    CHECK(memcmp(pk, pk2, sizeof pk) == 0);
    unsigned char seed[32], pk3[32], sk3[64]; /* the derivation, spelled out */
    crypto_auth_hmacsha256(seed, (const unsigned char *)"govpub publisher ed25519 key 1", 30, host);
    crypto_sign_seed_keypair(pk3, sk3, seed);
    CHECK(memcmp(pk, pk3, sizeof pk) == 0 && memcmp(sk, sk3, sizeof sk) == 0);
    host[0] ^= 1;
    publisher_keypair(host, pk2, NULL);
    CHECK(memcmp(pk, pk2, sizeof pk) != 0);
    const char *line = publisher_key_line(a, pk, "govpub-publisher@web");
    CHECK(strncmp(line, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI", 37) == 0);
    CHECK(strcmp(line + strlen(line) - 21, " govpub-publisher@web") == 0);
    const char *file = arena_printf(a, "%s-key.pub", dir);
    if (fsx_replace(file, line, strlen(line)) != 0) abort();
    publisher p;
    CHECK(publisher_key_read(a, file, &p) == 0);
    CHECK(memcmp(p.pk, pk, sizeof pk) == 0);
    CHECK(strncmp(p.fingerprint, "SHA256:", 7) == 0 && strlen(p.fingerprint) == 50);
    CHECK_STR(tl_flushed(), "");
    /* not a publisher key: nothing, a private key, two lines, bad base64,
     * a truncated blob (another type of key: tests/cli/verify_publisher.sh) */
    static const char hint[] = "  hint: give the line `govpub releases --publisher-key` prints on the publishing "
                               "host (docs/operators.md, \"Verifying a served tree\")\n";
    const char *bad[][2] = {
        {"", "not a publisher key: empty key: expected \"TYPE BASE64 [COMMENT]\""},
        {"-----BEGIN OPENSSH PRIVATE KEY-----", "not a publisher key: this is a private key or a PEM file, not an OpenSSH public key line"},
        {"ssh-ed25519 AAAA x\nssh-ed25519 AAAA y\n", "not a publisher key: more than one line: expected one public key line"},
        {"ssh-ed25519 AAA! x", "not a publisher key: invalid base64 in the key at column 16"},
        {"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 x", "not a publisher key: key blob is truncated"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
      if (fsx_replace(file, bad[i][0], strlen(bad[i][0])) != 0) abort();
      CHECK(publisher_key_read(a, file, &p) == 1);
      CHECK_STR(tl_flushed(), arena_printf(a, "%s: error: %s\n%s", file, bad[i][1], hint));
    }
    unlink(file);
    CHECK(publisher_key_read(a, file, &p) == 1);
    CHECK_STR(tl_flushed(), arena_printf(a, "%s: error: no such publisher key file\n%s", file, hint));
    sodium_memzero(sk, sizeof sk);
    sodium_memzero(sk3, sizeof sk3);
  }
  fsx_rmtree(state);

  TEST("audit_field: strings read back as written") {
    audit_entry e;
    audit_begin(&e, "publish");
    audit_str(&e, "site", "站点 \"a\"\\b\n<c>");
    char *line = e.b.data;
    CHECK_STR(audit_field(a, line, "action"), "publish");
    CHECK_STR(audit_field(a, line, "site"), "站点 \"a\"\\b\n<c>");
    CHECK(audit_field(a, line, "nothing") == NULL);
    buf_free(&e.b);
  }

  fsx_rmtree(dir);
  arena_free(a);
  TEST_EXIT();
}

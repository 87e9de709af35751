/* ed25519_signer: see ed25519_signer.h.  Formats: the private key file is
 * PROTOCOL.key of OpenSSH ("openssh-key-v1", cipher and KDF "none"); the
 * signature PROTOCOL.sshsig: the blob "SSHSIG", version 1, public key,
 * namespace, reserved, hash algorithm and signature, in base64 lines of 70
 * characters between the BEGIN/END SSH SIGNATURE lines; what is signed is
 * "SSHSIG", namespace, reserved, hash algorithm and the message's hash. */
#include "ed25519_signer.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sshwire.h"

#define KEY_BEGIN "-----BEGIN OPENSSH PRIVATE KEY-----"
#define KEY_END "-----END OPENSSH PRIVATE KEY-----"
#define MAGIC "openssh-key-v1"

static int bad(const char **why, const char *what) {
  *why = what;
  return -1;
}

/* The next string field, required to be exactly `lit`. */
static int expect(sshwire *r, const char *lit) {
  const unsigned char *s;
  size_t n;
  return sshwire_string(r, &s, &n) == 0 && sshwire_is(s, n, lit) ? 0 : -1;
}

/* The ed25519 public key blob: string "ssh-ed25519", string point. */
static int key_blob(sshwire *r, unsigned char pub[32]) {
  const unsigned char *p;
  size_t n;
  if (expect(r, "ssh-ed25519") != 0 || sshwire_string(r, &p, &n) != 0 || n != 32) return -1;
  memcpy(pub, p, 32);
  return 0;
}

static int parse(const unsigned char *d, size_t len, ed25519_signer *k, const char **why) {
  if (len < sizeof MAGIC || memcmp(d, MAGIC, sizeof MAGIC) != 0) return bad(why, "not an openssh-key-v1 key");
  sshwire r = sshwire_of(d + sizeof MAGIC, len - sizeof MAGIC);
  uint32_t nkeys, check1, check2;
  const unsigned char *blob, *priv, *sk;
  size_t blob_len, priv_len, sk_len;
  if (expect(&r, "none") != 0 || expect(&r, "none") != 0 || expect(&r, "") != 0)
    return bad(why, "the key is encrypted (only unencrypted keys: ssh-keygen -N '')");
  if (sshwire_u32(&r, &nkeys) != 0 || nkeys != 1) return bad(why, "not exactly one key in the file");
  if (sshwire_string(&r, &blob, &blob_len) != 0 || sshwire_string(&r, &priv, &priv_len) != 0)
    return bad(why, "truncated key file");
  sshwire b = sshwire_of(blob, blob_len), p = sshwire_of(priv, priv_len);
  unsigned char pub[32];
  if (key_blob(&b, k->pub) != 0) return bad(why, "not an Ed25519 key");
  if (sshwire_u32(&p, &check1) != 0 || sshwire_u32(&p, &check2) != 0 || check1 != check2)
    return bad(why, "damaged private section");
  if (key_blob(&p, pub) != 0 || memcmp(pub, k->pub, 32) != 0 || sshwire_string(&p, &sk, &sk_len) != 0 ||
      sk_len != 64 || memcmp(sk + 32, pub, 32) != 0)
    return bad(why, "the private half does not match the public key");
  memcpy(k->seed, sk, 32);
  return 0;
}

int ed25519_signer_load(const char *path, ed25519_signer *k, const char **why) {
  char text[4096]; /* an Ed25519 key file is about 400 bytes */
  FILE *f = fopen(path, "rb");
  if (!f) return bad(why, "cannot read the key file");
  size_t len = fread(text, 1, sizeof text - 1, f);
  fclose(f);
  text[len] = 0;
  const char *begin = strstr(text, KEY_BEGIN), *end = begin ? strstr(begin, KEY_END) : NULL;
  int rc = -1;
  if (!begin || !end) {
    bad(why, "not an OpenSSH private key file");
  } else {
    begin += strlen(KEY_BEGIN);
    size_t n = (size_t)(end - begin), got, at;
    while (n && (begin[0] == '\n' || begin[0] == '\r')) begin++, n--;
    while (n && (begin[n - 1] == '\n' || begin[n - 1] == '\r')) n--;
    unsigned char *d = malloc(sshwire_b64_max(n));
    if (!d) abort();
    if (sshwire_b64_decode(begin, n, d, &got, &at) != 0) bad(why, "invalid base64 in the key file");
    else rc = parse(d, got, k, why);
    OPENSSL_cleanse(d, sshwire_b64_max(n));
    free(d);
  }
  OPENSSL_cleanse(text, sizeof text);
  return rc;
}

static void put_u32(buf *b, uint32_t v) {
  unsigned char x[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16), (unsigned char)(v >> 8), (unsigned char)v};
  buf_put(b, x, 4);
}

static void put_string(buf *b, const void *s, size_t n) {
  put_u32(b, (uint32_t)n);
  buf_put(b, s, n);
}

static void put_key_blob(buf *b, const unsigned char pub[32]) {
  buf k = BUF_INIT;
  put_string(&k, "ssh-ed25519", 11);
  put_string(&k, pub, 32);
  put_string(b, k.data, k.len);
  buf_free(&k);
}

int ed25519_signer_sign(const ed25519_signer *k, const char *namespace, const void *msg, size_t len,
                        buf *armored) {
  unsigned char hash[64], sig[64];
  size_t sig_len = sizeof sig;
  if (!EVP_Digest(msg, len, hash, NULL, EVP_sha512(), NULL)) return -1;
  buf tbs = BUF_INIT, blob = BUF_INIT, s = BUF_INIT;
  buf_put(&tbs, "SSHSIG", 6);
  put_string(&tbs, namespace, strlen(namespace));
  put_string(&tbs, "", 0);
  put_string(&tbs, "sha512", 6);
  put_string(&tbs, hash, sizeof hash);
  EVP_PKEY *pk = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, k->seed, sizeof k->seed);
  EVP_MD_CTX *ctx = EVP_MD_CTX_new();
  int rc = pk && ctx && EVP_DigestSignInit(ctx, NULL, NULL, NULL, pk) == 1 &&
                   EVP_DigestSign(ctx, sig, &sig_len, (const unsigned char *)tbs.data, tbs.len) == 1 && sig_len == 64
               ? 0
               : -1;
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(pk);
  if (rc == 0) {
    buf_put(&blob, "SSHSIG", 6);
    put_u32(&blob, 1);
    put_key_blob(&blob, k->pub);
    put_string(&blob, namespace, strlen(namespace));
    put_string(&blob, "", 0);
    put_string(&blob, "sha512", 6);
    put_string(&s, "ssh-ed25519", 11);
    put_string(&s, sig, sig_len);
    put_string(&blob, s.data, s.len);
    char *b64 = malloc(blob.len / 3 * 4 + 8);
    if (!b64) abort();
    int n = EVP_EncodeBlock((unsigned char *)b64, (const unsigned char *)blob.data, (int)blob.len);
    buf_puts(armored, "-----BEGIN SSH SIGNATURE-----\n");
    for (int i = 0; i < n; i += 70) {
      buf_put(armored, b64 + i, (size_t)(n - i < 70 ? n - i : 70));
      buf_putc(armored, '\n');
    }
    buf_puts(armored, "-----END SSH SIGNATURE-----\n");
    free(b64);
  }
  buf_free(&tbs);
  buf_free(&blob);
  buf_free(&s);
  return rc;
}

/* Unit tests for the SSH signature modules: sshwire (wire types, base64),
 * sshkey (key lines, fingerprints), sshsig (decoding and verifying SSHSIG)
 * and sshsig_sign (signing through ssh-keygen).
 *
 * Three sources of signatures: fixed vectors made once with OpenSSH 9.2's
 * ssh-keygen (below); signatures crafted here with OpenSSL, field by field,
 * so each defect can be made alone while everything else stays validly
 * signed; and keys and signatures made by ssh-keygen while the test runs. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "sshkey.h"
#include "sshsig.h"
#include "sshsig_sign.h"
#include "sshwire.h"
#include "testlib.h"

#define NS "govpub-review"
#define ACCEPTED "(accepted: ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256, ecdsa-sha2-nistp384, ecdsa-sha2-nistp521)"

/* ---- vectors: `ssh-keygen -Y sign -n govpub-review` of MSG ---------------- */

static const char MSG[] = "govpub-signoff 1\ndocument: content/policy/2024-12.md\n";

static const char ED_PUB[] =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIC9BeSl7U559Olz9cenxEJ7ld73krY9LbCyn6J0F0ier zhang.w"
    "ei@example.gov.cn";
static const char RSA_PUB[] =
    "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQC4a6W3M/ALoRrlstR+HxtXtZFSvYAa0Q7zBUONYjgaF2QUW/Q4"
    "/LInngAHyPC8YJBJCPM6GpJsXVHa66U3dBSo2ERNddPFHh5SkFUCJ3nwZSD4SjwDc7cbejIBhzwatFAqTxr5L09/"
    "QKzzP3h7Gwl1XzgjzkPuDJbzhNdxag74NW4/h1DqAuYG6CYRlfF0V7bxKKPZthKag4c/YD6j/2oFszv0BGB/1QmR"
    "6i+p7fuzsCk7X2jVLuzCsAfO231IXaM8cVCMGn+Ck0UfWdq5ofvmK3uVwh+qUkmTUuDbWqtzsmldL7pukJpTKdal"
    "PI6HUjSihPPzLi893yaB3m/ZWMRE3gt9NqGCCs5tfSDRMMgb5TFIZ5RbOIfwJN6fH4dMKRh1txPCEpxVMq52yTOz"
    "L3odPlhtxZU93f2IRdmvTip97PdGjFhib7pz1wgZURLc/Zd2u/RFQH+TSW4l25TdUGaTyXWUx0qPAY7qLdttcwWr"
    "6wYfDN6OT5m1TbWRV4OJlHc= li.na";
static const char P256_PUB[] =
    "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBMLcst1Sg0G3S6sL"
    "L+8x2MjGx6mSuWR3P2upwdr9Zt6q0/R8kBOAb/SYkT0PE1HNIijOaatXqNDGYM77ekqZ5Z8= p256";
static const char P384_PUB[] =
    "ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBLAlHQsYmAwW6cQR"
    "OyuCKg41FqNxautHH8llw83ooIbIDKSNpNzmxbB08z2p4bEEIndGIy7CP5oYzt9TArICp3+awxAQpjA97cfwuO+l"
    "0/YurfO8q4D2PhQu6gbJBPpQBw== ";
static const char P521_PUB[] =
    "ecdsa-sha2-nistp521 AAAAE2VjZHNhLXNoYTItbmlzdHA1MjEAAAAIbmlzdHA1MjEAAACFBAA0vNItN2TMtpGZ"
    "mmZLtdXk0c3G9lgPfgk6BLU+DQHrQ1b0T2xr6VCetO1Zj1uEji3tYsSwNOfHKweJX2xnjCxmUAH+E+NgUiTksACc"
    "be9w7jeWPgU9CeH4NwvH4dot5hsWS8I09kHVORm3fy+aUQ+CpTcpCylpykhKi2FuvSgO/4T5zA== p521 key";

static const char ED_SIG[] =
    "-----BEGIN SSH SIGNATURE-----\n"
    "U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAgL0F5KXtTnn06XP1x6fEQnuV3ve\n"
    "Stj0tsLKfonQXSJ6sAAAANZ292cHViLXJldmlldwAAAAAAAAAGc2hhNTEyAAAAUwAAAAtz\n"
    "c2gtZWQyNTUxOQAAAEA71mBxkgS95eA3vPQ4kJVuow257UOnTEdDE97Jk8ghMsdnXwzRmI\n"
    "tROTkSdPuZf4H2V3hHTqJPk7rUN2kaMyYD\n"
    "-----END SSH SIGNATURE-----\n";

static const char RSA_SIG[] =
    "-----BEGIN SSH SIGNATURE-----\n"
    "U1NIU0lHAAAAAQAAAZcAAAAHc3NoLXJzYQAAAAMBAAEAAAGBALhrpbcz8AuhGuWy1H4fG1\n"
    "e1kVK9gBrRDvMFQ41iOBoXZBRb9Dj8sieeAAfI8LxgkEkI8zoakmxdUdrrpTd0FKjYRE11\n"
    "08UeHlKQVQInefBlIPhKPANztxt6MgGHPBq0UCpPGvkvT39ArPM/eHsbCXVfOCPOQ+4Mlv\n"
    "OE13FqDvg1bj+HUOoC5gboJhGV8XRXtvEoo9m2EpqDhz9gPqP/agWzO/QEYH/VCZHqL6nt\n"
    "+7OwKTtfaNUu7MKwB87bfUhdozxxUIwaf4KTRR9Z2rmh++Yre5XCH6pSSZNS4Ntaq3OyaV\n"
    "0vum6QmlMp1qU8jodSNKKE8/MuLz3fJoHeb9lYxETeC302oYIKzm19INEwyBvlMUhnlFs4\n"
    "h/Ak3p8fh0wpGHW3E8ISnFUyrnbJM7Mveh0+WG3FlT3d/YhF2a9OKn3s90aMWGJvunPXCB\n"
    "lREtz9l3a79EVAf5NJbiXblN1QZpPJdZTHSo8Bjuot221zBavrBh8M3o5PmbVNtZFXg4mU\n"
    "dwAAAA1nb3ZwdWItcmV2aWV3AAAAAAAAAAZzaGE1MTIAAAGUAAAADHJzYS1zaGEyLTUxMg\n"
    "AAAYCQsev7xCJ0OYRWCXYARUyBXIW4AP00pi7xtsJsuVLy/KZGgL40F1Fv0pVLE2LKvX1t\n"
    "V6ajD9Vz97GAhFpVp5ktVViM+fbmpbKaMBOy2IQxt/5PkUX5mXuo/xRrbCfDnh249l1i+L\n"
    "JLjfG+SGsz9FyA2DNJxQ8gxt05RyP7087809/QsbI067PAPwffGPr50rUP8UrA1uu5B6H/\n"
    "GYEIgC2qZdfOOMafATEGSODv7in6ZkJzParocgrM5rAG/zVe3g1n6QH2ieJQBYn1bVwXU+\n"
    "Fk6drxTtupPrusnRO5UikwKbdHfOpgVgHNGpliacseAj7ZrSG4TmQjDXzPL06XrkAicmk5\n"
    "NArloPcrJzclguI6wPV/v41jtNsM+mesofBQdqnXST6kgi28B0zmCH27N+C0EC/NoY6VTw\n"
    "AsUHSX8IzJNCHkIFo4KV9vUDBEnEFbDs6aEMX3zhNPqKW7dNsyG7LzTdpMXFA0+PH7a30+\n"
    "IhwbVGZqC0TnrC2/b9EMt8NCTtQ=\n"
    "-----END SSH SIGNATURE-----\n";

static const char RSA_SHA256_SIG[] =
    "-----BEGIN SSH SIGNATURE-----\n"
    "U1NIU0lHAAAAAQAAAZcAAAAHc3NoLXJzYQAAAAMBAAEAAAGBALhrpbcz8AuhGuWy1H4fG1\n"
    "e1kVK9gBrRDvMFQ41iOBoXZBRb9Dj8sieeAAfI8LxgkEkI8zoakmxdUdrrpTd0FKjYRE11\n"
    "08UeHlKQVQInefBlIPhKPANztxt6MgGHPBq0UCpPGvkvT39ArPM/eHsbCXVfOCPOQ+4Mlv\n"
    "OE13FqDvg1bj+HUOoC5gboJhGV8XRXtvEoo9m2EpqDhz9gPqP/agWzO/QEYH/VCZHqL6nt\n"
    "+7OwKTtfaNUu7MKwB87bfUhdozxxUIwaf4KTRR9Z2rmh++Yre5XCH6pSSZNS4Ntaq3OyaV\n"
    "0vum6QmlMp1qU8jodSNKKE8/MuLz3fJoHeb9lYxETeC302oYIKzm19INEwyBvlMUhnlFs4\n"
    "h/Ak3p8fh0wpGHW3E8ISnFUyrnbJM7Mveh0+WG3FlT3d/YhF2a9OKn3s90aMWGJvunPXCB\n"
    "lREtz9l3a79EVAf5NJbiXblN1QZpPJdZTHSo8Bjuot221zBavrBh8M3o5PmbVNtZFXg4mU\n"
    "dwAAAA1nb3ZwdWItcmV2aWV3AAAAAAAAAAZzaGEyNTYAAAGUAAAADHJzYS1zaGEyLTUxMg\n"
    "AAAYBetx2C8kGoY0eyaM88O9Y8cx3bksd1R7nJU6s4Cz9ILcgc8pJtB/qBr2L1XGKOjd4M\n"
    "BuC7MtavWFUtxAd7evJ2i7LjUh1AI/iRhoIAhD3b0ws+EE3HGYATNXmGLV8tFfaOV7nNkY\n"
    "5UlK092mlqiq3Z8b0U6lWe8WI/it0eCt4zI+UrHpdhfBVDDiF0CowrdX2yfQWPwjOLPr5S\n"
    "B3mJHVW/+3WY9znxRTGfbH8XLWBKv1NHaCUXk34rf0BdLw5SCLxMyyki0ns2yI1ocAJr6C\n"
    "Ggc/bmIVADfpF+jYHSLSGVukQtGa2b2s3+pEX/448BgYpcZ6/bh1fBZavCKbo4sT4hJDFy\n"
    "UglFl25hqxuS5rwZuXsiy/HC42i4VFw5jjSjrXYWmVGyrHVDwdPTwcIMx5ZTH2IaTffg2X\n"
    "5ny9xxxoG4Y443wjecGU9tdAFXdpoZRL2RUtPW1dADmLBxLsOmByOHdEtPUQtp4wBcnFUe\n"
    "31KYZQeW5f8XFuqFUKEZIPLznrE=\n"
    "-----END SSH SIGNATURE-----\n";

static const char P256_SIG[] =
    "-----BEGIN SSH SIGNATURE-----\n"
    "U1NIU0lHAAAAAQAAAGgAAAATZWNkc2Etc2hhMi1uaXN0cDI1NgAAAAhuaXN0cDI1NgAAAE\n"
    "EEwtyy3VKDQbdLqwsv7zHYyMbHqZK5ZHc/a6nB2v1m3qrT9HyQE4Bv9JiRPQ8TUc0iKM5p\n"
    "q1eo0MZgzvt6SpnlnwAAAA1nb3ZwdWItcmV2aWV3AAAAAAAAAAZzaGE1MTIAAABkAAAAE2\n"
    "VjZHNhLXNoYTItbmlzdHAyNTYAAABJAAAAIHIVgw9wg8Ac3YWsRk/MUaz31I+WgyfdRKtg\n"
    "EAacwLCzAAAAIQC0IexUEytbepNSYnI5nJmWyBku91IDhAIPrYtxKABnLA==\n"
    "-----END SSH SIGNATURE-----\n";

static const char P384_SIG[] =
    "-----BEGIN SSH SIGNATURE-----\n"
    "U1NIU0lHAAAAAQAAAIgAAAATZWNkc2Etc2hhMi1uaXN0cDM4NAAAAAhuaXN0cDM4NAAAAG\n"
    "EEsCUdCxiYDBbpxBE7K4IqDjUWo3Fq60cfyWXDzeighsgMpI2k3ObFsHTzPanhsQQid0Yj\n"
    "LsI/mhjO31MCsgKnf5rDEBCmMD3tx/C476XT9i6t87yrgPY+FC7qBskE+lAHAAAADWdvdn\n"
    "B1Yi1yZXZpZXcAAAAAAAAABnNoYTUxMgAAAIQAAAATZWNkc2Etc2hhMi1uaXN0cDM4NAAA\n"
    "AGkAAAAwZaTwIYL9L5jJ0cta46C8qnjnAcra96GycyDcGUdNkfh1ixkic9pWotSaMozrNH\n"
    "A6AAAAMQC1r6VmZVHVdMMF/XcLT0k1uBDWD0s0LMxFAH1io5OqevZTdC1LhafIlGm1UzEI\n"
    "NRA=\n"
    "-----END SSH SIGNATURE-----\n";

static const char P521_SIG[] =
    "-----BEGIN SSH SIGNATURE-----\n"
    "U1NIU0lHAAAAAQAAAKwAAAATZWNkc2Etc2hhMi1uaXN0cDUyMQAAAAhuaXN0cDUyMQAAAI\n"
    "UEADS80i03ZMy2kZmaZku11eTRzcb2WA9+CToEtT4NAetDVvRPbGvpUJ607VmPW4SOLe1i\n"
    "xLA058crB4lfbGeMLGZQAf4T42BSJOSwAJxt73DuN5Y+BT0J4fg3C8fh2i3mGxZLwjT2Qd\n"
    "U5Gbd/L5pRD4KlNykLKWnKSEqLYW69KA7/hPnMAAAADWdvdnB1Yi1yZXZpZXcAAAAAAAAA\n"
    "BnNoYTUxMgAAAKYAAAATZWNkc2Etc2hhMi1uaXN0cDUyMQAAAIsAAABCAKDQnfamEyHBKd\n"
    "18aaWFbgRIsu73JbodroHmlrv+biPv633t7R+bwzOIA4dba6ixa3xT+xFQtgzOBMmYfISP\n"
    "4tO2AAAAQTXNcYvC4jOURQOl58HTTvDLVfOMqGvrBtNeQcO4b9a3Hk3bAJ6gSfHfYXJSOx\n"
    "4gDYXOJK6gf281/JxYAKbejW4/\n"
    "-----END SSH SIGNATURE-----\n";

/* ---- crafting signatures with OpenSSL ------------------------------------- */

static arena *A;           /* everything a test allocates; freed at the end */
static sshsig_verifier *V; /* shared, as a build shares one per thread */

static void put_u32(buf *b, uint32_t n) {
  unsigned char be[4] = {(unsigned char)(n >> 24), (unsigned char)(n >> 16), (unsigned char)(n >> 8),
                         (unsigned char)n};
  buf_put(b, be, 4);
}
static void put_str(buf *b, const void *p, size_t n) {
  put_u32(b, (uint32_t)n);
  buf_put(b, p, n);
}
static void put_cstr(buf *b, const char *s) { put_str(b, s, strlen(s)); }
static void put_bn(buf *b, const BIGNUM *bn) {
  unsigned char tmp[2200];
  int n = BN_bn2bin(bn, tmp + 1);
  tmp[0] = 0;
  int skip = tmp[1] & 0x80 ? 0 : 1; /* a leading zero only when the sign bit needs it */
  put_str(b, tmp + skip, (size_t)(n + 1 - skip));
}

/* A key with its private half and its SSH blob. */
typedef struct {
  EVP_PKEY *pkey;
  const char *name, *curve; /* curve: ECDSA only */
  buf blob;
} tkey;

static tkey tkey_ed25519(unsigned char seed) {
  unsigned char sk[32], pk[32];
  size_t n = sizeof pk;
  memset(sk, seed, sizeof sk);
  tkey k = {EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, sk, sizeof sk), "ssh-ed25519", NULL,
            BUF_INIT};
  EVP_PKEY_get_raw_public_key(k.pkey, pk, &n);
  put_cstr(&k.blob, k.name);
  put_str(&k.blob, pk, n);
  return k;
}

static tkey tkey_rsa(size_t bits) {
  tkey k = {EVP_PKEY_Q_keygen(NULL, NULL, "RSA", bits), "ssh-rsa", NULL, BUF_INIT};
  BIGNUM *n = NULL, *e = NULL;
  EVP_PKEY_get_bn_param(k.pkey, OSSL_PKEY_PARAM_RSA_N, &n);
  EVP_PKEY_get_bn_param(k.pkey, OSSL_PKEY_PARAM_RSA_E, &e);
  put_cstr(&k.blob, k.name);
  put_bn(&k.blob, e);
  put_bn(&k.blob, n);
  BN_free(n);
  BN_free(e);
  return k;
}

static tkey tkey_p256(void) {
  tkey k = {EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256"), "ecdsa-sha2-nistp256", "nistp256", BUF_INIT};
  unsigned char q[65];
  size_t n = 0;
  EVP_PKEY_get_octet_string_param(k.pkey, OSSL_PKEY_PARAM_PUB_KEY, q, sizeof q, &n);
  put_cstr(&k.blob, k.name);
  put_cstr(&k.blob, k.curve);
  put_str(&k.blob, q, n);
  return k;
}

static void tkey_free(tkey *k) {
  EVP_PKEY_free(k->pkey);
  buf_free(&k->blob);
}

/* The signature bytes for `data` with algorithm `alg` (ECDSA: mpint r, mpint s). */
static void raw_sign(const tkey *k, const char *alg, const buf *data, buf *raw) {
  const EVP_MD *md = strcmp(alg, "rsa-sha2-256") == 0 || strcmp(alg, "ecdsa-sha2-nistp256") == 0
                         ? EVP_sha256()
                     : strcmp(alg, "ssh-rsa") == 0     ? EVP_sha1()
                     : strcmp(alg, "ssh-ed25519") == 0 ? NULL
                                                       : EVP_sha512();
  EVP_MD_CTX *c = EVP_MD_CTX_new();
  unsigned char sig[1024];
  size_t n = sizeof sig;
  EVP_DigestSignInit(c, NULL, md, NULL, k->pkey);
  EVP_DigestSign(c, sig, &n, (const unsigned char *)data->data, data->len);
  EVP_MD_CTX_free(c);
  if (k->curve) {
    const unsigned char *p = sig;
    ECDSA_SIG *es = d2i_ECDSA_SIG(NULL, &p, (long)n);
    put_bn(raw, ECDSA_SIG_get0_r(es));
    put_bn(raw, ECDSA_SIG_get0_s(es));
    ECDSA_SIG_free(es);
  } else {
    buf_put(raw, sig, n);
  }
}

/* Every field of a signature blob; spec_for gives a valid one. */
typedef struct {
  const char *magic, *ns, *signed_ns, *reserved, *hash, *alg, *msg;
  uint32_t version;
  const buf *key_blob;   /* the key named in the blob (default: the signing key) */
  const buf *sig_bytes;  /* instead of a real signature */
  const buf *sig_field;  /* instead of the whole signature field */
  const char *sig_trailer, *blob_trailer;
  int strip_rsa_zero;    /* drop a leading zero byte of an RSA signature */
} spec;

static spec spec_for(const tkey *k) {
  spec s = {0};
  s.magic = "SSHSIG";
  s.ns = NS;
  s.reserved = "";
  s.hash = "sha512";
  s.alg = strcmp(k->name, "ssh-rsa") == 0 ? "rsa-sha2-512" : k->name;
  s.msg = MSG;
  s.version = 1;
  return s;
}

/* The blob the spec describes, signed by k.  Returns 0, or -1 when
 * strip_rsa_zero was asked and the signature has no leading zero. */
static int craft_blob(const tkey *k, const spec *s, buf *blob) {
  buf data = BUF_INIT, raw = BUF_INIT, field = BUF_INIT;
  unsigned char h[64];
  unsigned h_len;
  EVP_Digest(s->msg, strlen(s->msg), h, &h_len, strcmp(s->hash, "sha256") == 0 ? EVP_sha256() : EVP_sha512(),
             NULL);
  buf_put(&data, "SSHSIG", 6);
  put_cstr(&data, s->signed_ns ? s->signed_ns : s->ns);
  put_cstr(&data, s->reserved);
  put_cstr(&data, s->hash);
  put_str(&data, h, h_len);
  if (s->sig_bytes) buf_put(&raw, s->sig_bytes->data, s->sig_bytes->len);
  else raw_sign(k, s->alg, &data, &raw);
  int rc = 0;
  if (s->strip_rsa_zero) {
    if (raw.data[0] != 0) rc = -1;
    else memmove(raw.data, raw.data + 1, --raw.len);
  }
  if (s->sig_field) {
    buf_put(&field, s->sig_field->data, s->sig_field->len);
  } else {
    put_cstr(&field, s->alg);
    put_str(&field, raw.data, raw.len);
  }
  if (s->sig_trailer) buf_puts(&field, s->sig_trailer);
  const buf *key = s->key_blob ? s->key_blob : &k->blob;
  buf_clear(blob);
  buf_puts(blob, s->magic);
  put_u32(blob, s->version);
  put_str(blob, key->data, key->len);
  put_cstr(blob, s->ns);
  put_cstr(blob, s->reserved);
  put_cstr(blob, s->hash);
  put_str(blob, field.data, field.len);
  if (s->blob_trailer) buf_puts(blob, s->blob_trailer);
  buf_free(&data);
  buf_free(&raw);
  buf_free(&field);
  return rc;
}

/* Armors a blob as ssh-keygen does (base64 lines of 70), in the arena A. */
static const char *armor(const void *blob, size_t len) {
  unsigned char *b64 = malloc(4 * (len / 3 + 1) + 1);
  int n = EVP_EncodeBlock(b64, blob, (int)len);
  buf t = BUF_INIT;
  buf_puts(&t, SSHSIG_ARMOR_BEGIN "\n");
  for (int i = 0; i < n; i += 70) {
    buf_put(&t, b64 + i, (size_t)(n - i < 70 ? n - i : 70));
    buf_putc(&t, '\n');
  }
  buf_puts(&t, SSHSIG_ARMOR_END "\n");
  const char *out = arena_strdup(A, t.data);
  buf_free(&t);
  free(b64);
  return out;
}

static const char *craft(const tkey *k, const spec *s) {
  buf blob = BUF_INIT;
  craft_blob(k, s, &blob);
  const char *text = armor(blob.data, blob.len);
  buf_free(&blob);
  return text;
}

/* The blob inside an armored vector (OpenSSL's base64, not ours). */
static void unarmor(const char *text, buf *blob) {
  buf b64 = BUF_INIT;
  const char *p = strchr(text, '\n') + 1, *end = strstr(text, "-----END");
  for (; p < end; p++)
    if (*p != '\n') buf_putc(&b64, *p);
  unsigned char *out = malloc(b64.len);
  int n = EVP_DecodeBlock(out, (const unsigned char *)b64.data, (int)b64.len);
  for (size_t i = b64.len; i && b64.data[i - 1] == '='; i--) n--;
  buf_clear(blob);
  buf_put(blob, out, (size_t)n);
  free(out);
  buf_free(&b64);
}

/* "type base64" for a blob, in the arena A. */
static const char *key_line(const char *type, const void *blob, size_t len) {
  unsigned char *b64 = malloc(4 * (len / 3 + 1) + 1);
  EVP_EncodeBlock(b64, blob, (int)len);
  const char *line = arena_printf(A, "%s %s", type, (const char *)b64);
  free(b64);
  return line;
}

/* ---- checking ------------------------------------------------------------ */

/* "ok", or why the text is not a valid signature of msg under ns. */
static const char *verify_as(const char *text, size_t len, const char *ns, const char *msg, sshsig *out) {
  sshsig ignored;
  const char *reason;
  if (sshsig_verify(V, A, text, len, ns, msg, strlen(msg), out ? out : &ignored, &reason) != 0)
    return reason;
  return "ok";
}
static const char *verify(const char *text) { return verify_as(text, strlen(text), NS, MSG, NULL); }

static sshkey *key_of(const char *line) {
  sshkey *k = NULL;
  const char *reason;
  if (sshkey_parse_line(A, line, strlen(line), &k, &reason) != 0) {
    printf("FAIL %s: cannot parse a test key: %s\n", tl_name, reason);
    tl_failed_now = 1, tl_failed_total++;
  }
  return k;
}

/* "ok", or why the key line is refused. */
static const char *parse_reason(const char *line, size_t len) {
  sshkey *k;
  const char *reason;
  return sshkey_parse_line(A, line, len, &k, &reason) == 0 ? "ok" : reason;
}
#define PARSE(lit) parse_reason(lit, strlen(lit))

/* Every one-bit change at the top or bottom of each byte, and every prefix,
 * of a valid blob must be refused (and, under ASan, read nothing outside). */
static int accepted_mutations(const char *vector) {
  buf blob = BUF_INIT, m = BUF_INIT;
  arena *keep = A;
  A = arena_new();
  int accepted = 0;
  unarmor(vector, &blob);
  for (size_t i = 0; i < blob.len; i++) {
    for (int bit = 0; bit < 2; bit++) {
      buf_clear(&m);
      buf_put(&m, blob.data, blob.len);
      m.data[i] ^= bit ? 0x80 : 0x01;
      if (strcmp(verify(armor(m.data, m.len)), "ok") == 0) {
        printf("  accepted with byte %zu changed\n", i);
        accepted++;
      }
      arena_reset(A);
    }
    if (strcmp(verify(armor(blob.data, i)), "ok") == 0) {
      printf("  accepted when cut to %zu bytes\n", i);
      accepted++;
    }
    arena_reset(A);
  }
  arena_free(A);
  A = keep;
  buf_free(&blob);
  buf_free(&m);
  return accepted;
}

/* ---- running ssh-keygen -------------------------------------------------- */

/* Runs argv (found on PATH) with output discarded; returns its exit status. */
static int run(char *const argv[]) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid;
  int status = -1;
  if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) == 0) waitpid(pid, &status, 0);
  posix_spawn_file_actions_destroy(&fa);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void keygen(const char *dir, const char *name, char *type, char *bits) {
  char *path = arena_printf(A, "%s/%s", dir, name);
  char *argv[] = {"ssh-keygen", "-q", "-t", type, "-b", bits, "-N", "", "-C", "test", "-f", path, NULL};
  if (run(argv) != 0) printf("FAIL %s: ssh-keygen could not make %s\n", tl_name, path);
}

static const char *read_text(const char *path) {
  FILE *f = fopen(path, "rb");
  buf b = BUF_INIT;
  char chunk[4096];
  size_t n;
  while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_put(&b, chunk, n);
  if (f) fclose(f);
  const char *text = arena_strdup(A, buf_cstr(&b));
  buf_free(&b);
  return text;
}

/* Entries of `dir` whose names start with "govpub-sign-": what a signing
 * left behind. */
static int leftovers(const char *dir) {
  DIR *d = opendir(dir);
  int n = 0;
  for (struct dirent *e; d && (e = readdir(d));) n += strncmp(e->d_name, "govpub-sign-", 12) == 0;
  if (d) closedir(d);
  return n;
}

int main(void) {
  A = arena_new();
  V = sshsig_verifier_new();
  tkey ed = tkey_ed25519(7), rsa = tkey_rsa(2048), ec = tkey_p256();

  TEST("base64 decoding is strict") {
    unsigned char out[16];
    size_t n = 0, bad = 0;
    CHECK(sshwire_b64_decode("QUJD", 4, out, &n, &bad) == 0 && n == 3 && memcmp(out, "ABC", 3) == 0);
    CHECK(sshwire_b64_decode("QQ==", 4, out, &n, &bad) == 0 && n == 1 && out[0] == 'A');
    CHECK(sshwire_b64_decode("QUI=", 4, out, &n, &bad) == 0 && n == 2);
    CHECK(sshwire_b64_decode("QU\r\nJD\n", 7, out, &n, &bad) == 0 && n == 3);
    CHECK(sshwire_b64_decode("", 0, out, &n, &bad) == 0 && n == 0);
    CHECK(sshwire_b64_decode("QR==", 4, out, &n, &bad) == -1 && bad == 1); /* bits left over */
    CHECK(sshwire_b64_decode("QUJ=", 4, out, &n, &bad) == -1 && bad == 2);
    CHECK(sshwire_b64_decode("QQ=", 3, out, &n, &bad) == -1 && bad == 3);   /* cut short */
    CHECK(sshwire_b64_decode("QQ", 2, out, &n, &bad) == -1 && bad == 2);    /* padding is required */
    CHECK(sshwire_b64_decode("Q===", 4, out, &n, &bad) == -1 && bad == 1);
    CHECK(sshwire_b64_decode("QQ=A", 4, out, &n, &bad) == -1 && bad == 3);
    CHECK(sshwire_b64_decode("QQ==QUJD", 8, out, &n, &bad) == -1 && bad == 4);
    CHECK(sshwire_b64_decode("QU JD", 5, out, &n, &bad) == -1 && bad == 2);
    CHECK(sshwire_b64_decode("QU-D", 4, out, &n, &bad) == -1 && bad == 2);
  }

  TEST("base64 encoding without padding") {
    char out[8];
    CHECK(sshwire_b64_encode_unpadded("A", 1, out) == 2);
    CHECK_STR(out, "QQ");
    CHECK(sshwire_b64_encode_unpadded("AB", 2, out) == 3);
    CHECK_STR(out, "QUI");
    CHECK(sshwire_b64_encode_unpadded("ABC", 3, out) == 4);
    CHECK_STR(out, "QUJD");
    CHECK(sshwire_b64_encode_unpadded("", 0, out) == 0);
    CHECK_STR(out, "");
  }

  TEST("wire fields stop at the end of the input") {
    const unsigned char in[] = {0, 0, 0, 3, 'a', 'b', 'c', 0xff, 0xff, 0xff, 0xff, 'x'};
    sshwire r = sshwire_of(in, sizeof in);
    const unsigned char *s;
    size_t n;
    uint32_t u;
    CHECK(sshwire_string(&r, &s, &n) == 0 && n == 3 && sshwire_is(s, n, "abc"));
    CHECK(sshwire_string(&r, &s, &n) == -1 && r.left == 5); /* length past the end: unchanged */
    CHECK(sshwire_u32(&r, &u) == 0 && u == 0xffffffff && r.left == 1);
    CHECK(sshwire_u32(&r, &u) == -1 && sshwire_bytes(&r, 2, &s) == -1 && r.left == 1);
  }

  TEST("mpints must be canonical and positive") {
    CHECK(sshwire_mpint_positive((const unsigned char *)"\x01", 1));
    CHECK(sshwire_mpint_positive((const unsigned char *)"\x00\x80", 2));
    CHECK(!sshwire_mpint_positive((const unsigned char *)"", 0));
    CHECK(!sshwire_mpint_positive((const unsigned char *)"\x80", 1));     /* negative */
    CHECK(!sshwire_mpint_positive((const unsigned char *)"\x00\x01", 2)); /* needless zero */
    CHECK(!sshwire_mpint_positive((const unsigned char *)"\x00", 1));     /* zero */
    CHECK(sshwire_mpint_bits((const unsigned char *)"\x00\x80\x00", 3) == 16);
    CHECK(sshwire_mpint_bits((const unsigned char *)"\x01\x00\x01", 3) == 17);
  }

  TEST("untrusted text is quoted for messages") {
    CHECK_STR(sshwire_quote(A, (const unsigned char *)"file", 4), "\"file\"");
    CHECK_STR(sshwire_quote(A, (const unsigned char *)"a\"b\\\n\x00\xe4", 7), "\"a\\x22b\\x5c\\x0a\\x00\\xe4\"");
    CHECK_STR(sshwire_quote(A, (const unsigned char *)"0123456789012345678901234567890123456789"
                                                      "0123456789012345678901234567890123456789", 80),
              "\"0123456789012345678901234567890123456789012345678901234567890123\"...");
  }

  TEST("fingerprints, sizes and labels match ssh-keygen -lf") {
    struct { const char *pub, *fp, *comment, *label, *type; unsigned bits; } v[] = {
        {ED_PUB, "SHA256:kCHACLgNJ1tyaZOEY/Sc+WYlr3VAz7Ve9+F+PWcW/8k", "zhang.wei@example.gov.cn", "ED25519",
         "ssh-ed25519", 256},
        {RSA_PUB, "SHA256:WBGARnfbbC1XcHOU/WC3jFP+fuRD7std6PCO0fN4FQM", "li.na", "RSA", "ssh-rsa", 3072},
        {P256_PUB, "SHA256:jbBuGrWvVMuPcmieEpsW5X0/DMgTPNJnepCDmzOOGVg", "p256", "ECDSA", "ecdsa-sha2-nistp256", 256},
        {P384_PUB, "SHA256:3tO7HVgL+hNp3EZqZgTIRLi+LPIjVwV7BvDLcNquFu8", "", "ECDSA", "ecdsa-sha2-nistp384", 384},
        {P521_PUB, "SHA256:rKmclHn8uUB41eiK549ZzEDOGdswiHb8ZTigcuGD2pY", "p521 key", "ECDSA", "ecdsa-sha2-nistp521",
         521},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
      sshkey *k = key_of(v[i].pub);
      if (!k) continue;
      CHECK_STR(sshkey_fingerprint(A, k), v[i].fp);
      CHECK_STR(k->comment, v[i].comment);
      CHECK_STR(sshkey_type_label(k), v[i].label);
      CHECK_STR(sshkey_type_name(k), v[i].type);
      CHECK(k->bits == v[i].bits);
    }
  }

  TEST("key lines: spacing, line ends and comments") {
    sshkey *plain = key_of(ED_PUB), *k = key_of("\t ssh-ed25519   AAAAC3NzaC1lZDI1NTE5AAAAIC9BeSl7U559Olz9cenxEJ7ld73krY9LbCyn6J0F0ier"
                                                 "  审核 key\t \r\n");
    CHECK(plain && k && sshkey_equal(plain, k));
    if (k) CHECK_STR(k->comment, "审核 key");
    k = key_of("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIC9BeSl7U559Olz9cenxEJ7ld73krY9LbCyn6J0F0ier");
    if (k) CHECK_STR(k->comment, "");
    CHECK(!sshkey_equal(plain, key_of(P256_PUB)));
    sshkey *copy;
    const char *reason;
    CHECK(sshkey_from_blob(A, plain->blob, plain->blob_len, &copy, &reason) == 0 && sshkey_equal(copy, plain));
  }

  TEST("key lines that are not keys") {
    CHECK_STR(PARSE(""), "empty key: expected \"TYPE BASE64 [COMMENT]\"");
    CHECK_STR(PARSE("  \r\n"), "empty key: expected \"TYPE BASE64 [COMMENT]\"");
    CHECK_STR(PARSE("ssh-dss AAAAB3NzaC1kc3M="), "unsupported key type \"ssh-dss\" " ACCEPTED);
    CHECK_STR(PARSE("sk-ssh-ed25519@openssh.com AAAA"),
              "unsupported key type \"sk-ssh-ed25519@openssh.com\" " ACCEPTED);
    CHECK_STR(PARSE("ssh-ed25519-cert-v01@openssh.com AAAA"),
              "unsupported key type \"ssh-ed25519-cert-v01@openssh.com\" " ACCEPTED);
    CHECK_STR(PARSE("restrict,from=\"10.0.0.1\" ssh-ed25519 AAAA"),
              "unsupported key type \"restrict,from=\\x2210.0.0.1\\x22\" " ACCEPTED);
    CHECK_STR(PARSE("-----BEGIN OPENSSH PRIVATE KEY-----\n"),
              "this is a private key or a PEM file, not an OpenSSH public key line");
    CHECK_STR(PARSE("ssh-ed25519"), "missing the base64 key after the key type");
    CHECK_STR(PARSE("ssh-ed25519 AAAAC3Nza!C1lZDI1NTE5"), "invalid base64 in the key at column 22");
    CHECK_STR(PARSE("ssh-ed25519 AAAAC3NzaC1lZDI1NTE"), "invalid base64 in the key at column 32");
    CHECK_STR(PARSE("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIC9BeSl7U559Olz9cenxEJ7ld73krY9LbCyn6J0F0ier x\n"
                    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIC9BeSl7U559Olz9cenxEJ7ld73krY9LbCyn6J0F0ier y"),
              "more than one line: expected one public key line");
    CHECK_STR(parse_reason("ssh-ed25519 AAAA\0", 17), "the key line contains a NUL byte");
    sshkey *r = key_of(RSA_PUB);
    if (r) CHECK_STR(PARSE(key_line("ssh-ed25519", r->blob, r->blob_len)),
                     "key type ssh-ed25519 does not match the encoded key (ssh-rsa)");
  }

  TEST("key blobs are checked field by field") {
    buf b = BUF_INIT;
    unsigned char zeros[66] = {0};
    CHECK_STR(PARSE(key_line("ssh-ed25519", ed.blob.data, ed.blob.len - 1)), "key blob is truncated");
    buf_put(&b, ed.blob.data, ed.blob.len);
    buf_putc(&b, 0);
    CHECK_STR(PARSE(key_line("ssh-ed25519", b.data, b.len)), "key blob has trailing bytes");
    buf_clear(&b);
    put_cstr(&b, "ssh-ed25519");
    put_str(&b, zeros, 31);
    CHECK_STR(PARSE(key_line("ssh-ed25519", b.data, b.len)), "Ed25519 key is not 32 bytes long");
    CHECK_STR(PARSE(key_line("ssh-ed25519", "\0\0\0", 3)), "key blob is truncated");

    BIGNUM *n = NULL;
    EVP_PKEY_get_bn_param(rsa.pkey, OSSL_PKEY_PARAM_RSA_N, &n);
    struct { const char *e; size_t e_len; const char *reason; } exps[] = {
        {"\x01", 1, "RSA exponent must be odd and at least 3"},
        {"\x01\x00\x00", 3, "RSA exponent must be odd and at least 3"},
        {"\x00\x01\x00\x01", 4, "RSA exponent is not a canonical positive mpint"},
        {"\x81", 1, "RSA exponent is not a canonical positive mpint"},
        {"\x03", 1, "ok"},
    };
    for (size_t i = 0; i < sizeof exps / sizeof exps[0]; i++) {
      buf_clear(&b);
      put_cstr(&b, "ssh-rsa");
      put_str(&b, exps[i].e, exps[i].e_len);
      put_bn(&b, n);
      CHECK_STR(PARSE(key_line("ssh-rsa", b.data, b.len)), exps[i].reason);
    }
    BN_sub_word(n, 1);
    buf_clear(&b);
    put_cstr(&b, "ssh-rsa");
    put_str(&b, "\x01\x00\x01", 3);
    put_bn(&b, n);
    CHECK_STR(PARSE(key_line("ssh-rsa", b.data, b.len)), "RSA modulus is even");
    BN_free(n);
    buf_clear(&b);
    put_cstr(&b, "ssh-rsa");
    put_str(&b, "\x01\x00\x01", 3);
    put_str(&b, "\x80\x01", 2);
    CHECK_STR(PARSE(key_line("ssh-rsa", b.data, b.len)), "RSA modulus is not a canonical positive mpint");
    buf big = BUF_INIT;
    buf_putc(&big, 0x7f);
    for (int i = 0; i < 2048; i++) buf_putc(&big, (char)0xff);
    buf_clear(&b);
    put_cstr(&b, "ssh-rsa");
    put_str(&b, "\x01\x00\x01", 3);
    put_str(&b, big.data, big.len);
    CHECK_STR(PARSE(key_line("ssh-rsa", b.data, b.len)), "RSA key of 16391 bits is too long (at most 16384)");
    buf_free(&big);
    tkey small = tkey_rsa(1024);
    CHECK_STR(PARSE(key_line("ssh-rsa", small.blob.data, small.blob.len)),
              "RSA key of 1024 bits is too short (at least 2048 are required)");
    tkey_free(&small);

    sshkey *p = key_of(P256_PUB);
    struct { const char *curve; int first; size_t len; int flip; const char *reason; } ecs[] = {
        {"nistp384", 4, 65, 0, "ECDSA curve \"nistp384\" does not match the key type ecdsa-sha2-nistp256"},
        {"nistp256", 2, 33, 0, "ECDSA point is not an uncompressed nistp256 point"},
        {"nistp256", 4, 64, 0, "ECDSA point is not an uncompressed nistp256 point"},
        {"nistp256", 4, 65, 1, "ECDSA public point is not a valid point of its curve"},
        {"nistp256", 4, 65, 2, "ECDSA public point is not a valid point of its curve"},
        {"nistp256", 4, 65, 0, "ok"},
    };
    for (size_t i = 0; p && i < sizeof ecs / sizeof ecs[0]; i++) {
      unsigned char q[65];
      memcpy(q, p->a, 65);
      q[0] = (unsigned char)ecs[i].first;
      if (ecs[i].flip == 1) q[64] ^= 1;      /* off the curve */
      if (ecs[i].flip == 2) memset(q + 1, 0, 64); /* (0, 0): not a point */
      buf_clear(&b);
      put_cstr(&b, "ecdsa-sha2-nistp256");
      put_cstr(&b, ecs[i].curve);
      put_str(&b, q, ecs[i].len);
      CHECK_STR(PARSE(key_line("ecdsa-sha2-nistp256", b.data, b.len)), ecs[i].reason);
    }
    buf_free(&b);
  }

  TEST("ssh-keygen's signatures verify") {
    struct { const char *pub, *sig, *alg, *hash; } v[] = {
        {ED_PUB, ED_SIG, "ssh-ed25519", "sha512"},
        {RSA_PUB, RSA_SIG, "rsa-sha2-512", "sha512"},
        {RSA_PUB, RSA_SHA256_SIG, "rsa-sha2-512", "sha256"},
        {P256_PUB, P256_SIG, "ecdsa-sha2-nistp256", "sha512"},
        {P384_PUB, P384_SIG, "ecdsa-sha2-nistp384", "sha512"},
        {P521_PUB, P521_SIG, "ecdsa-sha2-nistp521", "sha512"},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
      sshsig s = {0};
      CHECK_STR(verify_as(v[i].sig, strlen(v[i].sig), NS, MSG, &s), "ok");
      sshkey *k = key_of(v[i].pub);
      CHECK(s.signer && k && sshkey_equal(s.signer, k));
      CHECK_STR(s.namespace, NS);
      CHECK_STR(s.sig_alg, v[i].alg);
      CHECK_STR(s.hash_alg, v[i].hash);
    }
    sshsig s = {0};
    CHECK_STR(verify_as(ED_SIG, strlen(ED_SIG), NS, MSG, &s), "ok");
    CHECK(s.signer && !sshkey_equal(s.signer, key_of(RSA_PUB))); /* the caller's check */
  }

  TEST("a signature binds message, namespace and key") {
    CHECK_STR(verify_as(ED_SIG, strlen(ED_SIG), "file", MSG, NULL),
              "wrong namespace \"govpub-review\" (expected \"file\")");
    CHECK_STR(verify_as(ED_SIG, strlen(ED_SIG), NS, "govpub-signoff 2\n", NULL), "signature does not verify");
    CHECK_STR(verify_as(P384_SIG, strlen(P384_SIG), NS, "", NULL), "signature does not verify");
    CHECK_STR(verify_as(RSA_SIG, strlen(RSA_SIG), NS, "x", NULL), "signature does not verify");
    spec s = spec_for(&ed);
    s.ns = "file";
    CHECK_STR(verify(craft(&ed, &s)), "wrong namespace \"file\" (expected \"govpub-review\")");
    s = spec_for(&ed);
    s.signed_ns = "file"; /* the blob claims govpub-review, the key signed "file" */
    CHECK_STR(verify(craft(&ed, &s)), "signature does not verify");
    s = spec_for(&ed);
    s.msg = "another document\n";
    CHECK_STR(verify(craft(&ed, &s)), "signature does not verify");
    tkey other = tkey_ed25519(8);
    s = spec_for(&ed);
    s.key_blob = &other.blob; /* signed by ed, naming another key */
    CHECK_STR(verify(craft(&ed, &s)), "signature does not verify");
    tkey_free(&other);
    /* A key of small order (here the identity point) with R = identity,
     * S = 0 satisfies the verification equation for every message: a
     * cofactorless check such as OpenSSL 3's accepts it, libsodium's refuses. */
    buf weak = BUF_INIT, forged = BUF_INIT;
    unsigned char identity[32] = {1}, r_s[64] = {1};
    put_cstr(&weak, "ssh-ed25519");
    put_str(&weak, identity, sizeof identity);
    buf_put(&forged, r_s, sizeof r_s);
    s = spec_for(&ed);
    s.key_blob = &weak;
    s.sig_bytes = &forged;
    CHECK_STR(verify(craft(&ed, &s)), "signature does not verify");
    buf_free(&weak);
    buf_free(&forged);
  }

  TEST("crafted signatures of every kind verify") {
    spec s = spec_for(&ed);
    sshsig out = {0};
    const char *text = craft(&ed, &s);
    sshkey *signer;
    const char *reason;
    CHECK_STR(verify_as(text, strlen(text), NS, MSG, &out), "ok");
    CHECK(sshkey_from_blob(A, ed.blob.data, ed.blob.len, &signer, &reason) == 0 && out.signer &&
          sshkey_equal(out.signer, signer));
    s.hash = "sha256";
    CHECK_STR(verify(craft(&ed, &s)), "ok");
    s.reserved = "future extension"; /* ignored, but signed */
    CHECK_STR(verify(craft(&ed, &s)), "ok");
    s = spec_for(&rsa);
    CHECK_STR(verify(craft(&rsa, &s)), "ok");
    s.alg = "rsa-sha2-256";
    CHECK_STR(verify(craft(&rsa, &s)), "ok");
    s = spec_for(&ec);
    CHECK_STR(verify(craft(&ec, &s)), "ok");
    s.hash = "sha256";
    CHECK_STR(verify(craft(&ec, &s)), "ok");
  }

  TEST("an RSA signature without its leading zero byte verifies") {
    spec s = spec_for(&rsa);
    s.strip_rsa_zero = 1;
    buf blob = BUF_INIT;
    int found = 0;
    for (int i = 0; i < 5000 && !found; i++) {
      s.msg = arena_printf(A, "message %d\n", i);
      found = craft_blob(&rsa, &s, &blob) == 0;
    }
    CHECK(found);
    const char *text = armor(blob.data, blob.len);
    CHECK_STR(verify_as(text, strlen(text), NS, s.msg, NULL), "ok");
    buf_free(&blob);
  }

  TEST("armor: accepted forms") {
    buf t = BUF_INIT;
    for (const char *p = ED_SIG; *p; p++) {
      if (*p == '\n') buf_putc(&t, '\r');
      buf_putc(&t, *p);
    }
    CHECK_STR(verify(t.data), "ok"); /* CRLF line ends */
    CHECK_STR(verify_as(ED_SIG, strlen(ED_SIG) - 1, NS, MSG, NULL), "ok"); /* no final line break */
    buf_clear(&t);
    buf_puts(&t, SSHSIG_ARMOR_BEGIN "\n");
    for (const char *p = ED_SIG + strlen(SSHSIG_ARMOR_BEGIN) + 1; *p != '-'; p++)
      if (*p != '\n') buf_putc(&t, *p);
    buf_puts(&t, "\n" SSHSIG_ARMOR_END "\n");
    CHECK_STR(verify(t.data), "ok"); /* one long line */
    buf_free(&t);
  }

  TEST("armor: refusals") {
    char *s = arena_strdup(A, ED_SIG);
    CHECK_STR(verify(""), "bad armor: the text does not start with \"-----BEGIN SSH SIGNATURE-----\"");
    CHECK_STR(verify(arena_printf(A, " %s", ED_SIG)),
              "bad armor: the text does not start with \"-----BEGIN SSH SIGNATURE-----\"");
    CHECK_STR(verify("-----BEGIN SSH SIGNATURE-----"),
              "bad armor: the header \"-----BEGIN SSH SIGNATURE-----\" is not a line of its own");
    CHECK_STR(verify("-----BEGIN SSH SIGNATURE----- \nAAAA\n-----END SSH SIGNATURE-----\n"),
              "bad armor: the header \"-----BEGIN SSH SIGNATURE-----\" is not a line of its own");
    CHECK_STR(verify(arena_strndup(A, ED_SIG, strlen(ED_SIG) - 6)),
              "bad armor: no \"-----END SSH SIGNATURE-----\" footer");
    CHECK_STR(verify("-----BEGIN SSH SIGNATURE-----\nAAAA-----END SSH SIGNATURE-----\n"),
              "bad armor: no \"-----END SSH SIGNATURE-----\" footer");
    CHECK_STR(verify(arena_printf(A, "%sx", ED_SIG)), "bad armor: trailing garbage after the footer");
    CHECK_STR(verify(arena_printf(A, "%s\n", ED_SIG)), "bad armor: trailing garbage after the footer");
    CHECK_STR(verify(arena_printf(A, "%s%s", ED_SIG, ED_SIG)), "bad armor: trailing garbage after the footer");
    s[strlen(SSHSIG_ARMOR_BEGIN) + 1 + 71 + 5] = '*';
    CHECK_STR(verify(s), "bad armor: invalid base64 at line 3");
    s = arena_strdup(A, ED_SIG);
    char *last = strstr(s, "tROTk");
    memmove(last, last + 1, strlen(last));
    CHECK_STR(verify(s), "bad armor: the base64 text is cut short");
    CHECK_STR(verify("-----BEGIN SSH SIGNATURE-----\n-----END SSH SIGNATURE-----\n"),
              "bad armor: no signature between the header and the footer");
    CHECK_STR(verify("-----BEGIN SSH SIGNATURE-----\n\n-----END SSH SIGNATURE-----"),
              "bad armor: no signature between the header and the footer");
  }

  TEST("signature blob: structure refusals") {
    spec s = spec_for(&ed);
    s.magic = "SSHSIH";
    CHECK_STR(verify(craft(&ed, &s)), "signature blob: bad magic (expected \"SSHSIG\")");
    CHECK_STR(verify(armor("SSHS", 4)), "signature blob: bad magic (expected \"SSHSIG\")");
    s = spec_for(&ed);
    s.version = 2;
    CHECK_STR(verify(craft(&ed, &s)), "signature blob: unsupported version 2 (only 1 is known)");
    s.version = 0;
    CHECK_STR(verify(craft(&ed, &s)), "signature blob: unsupported version 0 (only 1 is known)");
    s = spec_for(&ed);
    s.ns = "";
    CHECK_STR(verify(craft(&ed, &s)), "signature blob: the namespace is empty");
    s = spec_for(&ed);
    s.hash = "sha1";
    CHECK_STR(verify(craft(&ed, &s)), "unsupported hash algorithm \"sha1\" (SSHSIG allows sha256 and sha512)");
    s.hash = "SHA512";
    CHECK_STR(verify(craft(&ed, &s)), "unsupported hash algorithm \"SHA512\" (SSHSIG allows sha256 and sha512)");
    s = spec_for(&ed);
    s.blob_trailer = "x";
    CHECK_STR(verify(craft(&ed, &s)), "signature blob: trailing garbage after the signature");
    s = spec_for(&ed);
    s.sig_trailer = "x";
    CHECK_STR(verify(craft(&ed, &s)), "signature: trailing garbage after the signature bytes");
    buf dss = BUF_INIT;
    put_cstr(&dss, "ssh-dss");
    put_str(&dss, "\x01", 1);
    s = spec_for(&ed);
    s.key_blob = &dss;
    CHECK_STR(verify(craft(&ed, &s)), "signer key: unsupported key type \"ssh-dss\" " ACCEPTED);
    buf_free(&dss);

    /* The namespace with a NUL byte inside, and a length that runs past the end. */
    s = spec_for(&ed);
    s.ns = "govpub\x01review";
    buf blob = BUF_INIT;
    craft_blob(&ed, &s, &blob);
    char *at = memmem(blob.data, blob.len, "govpub\x01", 7);
    at[6] = '\0';
    CHECK_STR(verify(armor(blob.data, blob.len)), "signature blob: the namespace contains a NUL byte");
    memset(at - 4, 0xff, 4);
    CHECK_STR(verify(armor(blob.data, blob.len)), "signature blob: truncated in the namespace");

    /* Cut inside each field in turn. */
    s = spec_for(&ed);
    craft_blob(&ed, &s, &blob);
    size_t key_end = 6 + 4 + 4 + ed.blob.len, ns_end = key_end + 4 + strlen(NS);
    struct { size_t at; const char *reason; } cuts[] = {
        {8, "signature blob: truncated in the version"},
        {12, "signature blob: truncated in the public key"},
        {key_end - 1, "signature blob: truncated in the public key"},
        {key_end + 2, "signature blob: truncated in the namespace"},
        {ns_end + 3, "signature blob: truncated in the reserved field"},
        {ns_end + 4 + 4 + 5, "signature blob: truncated in the hash algorithm"},
        {blob.len - 1, "signature blob: truncated in the signature"},
    };
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++)
      CHECK_STR(verify(armor(blob.data, cuts[i].at)), cuts[i].reason);
    buf_free(&blob);
  }

  TEST("signature field refusals") {
    buf bytes = BUF_INIT, field = BUF_INIT;
    spec s = spec_for(&ed);
    put_cstr(&field, "ssh-ed25519");
    s.sig_field = &field;
    CHECK_STR(verify(craft(&ed, &s)), "signature: truncated");
    s = spec_for(&ed);
    buf_put(&bytes, "0123456789012345678901234567890123456789012345678901234567890123", 64);
    s.sig_bytes = &bytes;
    s.alg = "ecdsa-sha2-nistp256";
    CHECK_STR(verify(craft(&ed, &s)), "signature: algorithm \"ecdsa-sha2-nistp256\" does not match the ssh-ed25519 key");
    s.alg = "ssh-ed25519";
    CHECK_STR(verify(craft(&ed, &s)), "signature does not verify");
    bytes.len = 63;
    CHECK_STR(verify(craft(&ed, &s)), "signature: an Ed25519 signature is not 64 bytes long");

    s = spec_for(&rsa);
    s.alg = "ssh-rsa";
    CHECK_STR(verify(craft(&rsa, &s)),
              "signature: legacy ssh-rsa (SHA-1) signatures are refused; sign with rsa-sha2-256 or rsa-sha2-512");
    s.alg = "rsa-sha2-384";
    s.sig_bytes = &bytes;
    CHECK_STR(verify(craft(&rsa, &s)), "signature: algorithm \"rsa-sha2-384\" does not match the ssh-rsa key");
    s.alg = "rsa-sha2-512";
    buf_clear(&bytes);
    CHECK_STR(verify(craft(&rsa, &s)), "signature: the RSA signature is empty");
    for (int i = 0; i < 257; i++) buf_putc(&bytes, 1);
    CHECK_STR(verify(craft(&rsa, &s)), "signature: the RSA signature is longer than the modulus");
    bytes.len = 256;
    CHECK_STR(verify(craft(&rsa, &s)), "signature does not verify");

    s = spec_for(&ec);
    s.sig_bytes = &bytes;
    buf_clear(&bytes);
    put_str(&bytes, "\x01", 1);
    CHECK_STR(verify(craft(&ec, &s)), "signature: the ECDSA (r, s) pair is truncated");
    put_str(&bytes, "\x01", 1);
    CHECK_STR(verify(craft(&ec, &s)), "signature does not verify");
    buf_putc(&bytes, 0);
    CHECK_STR(verify(craft(&ec, &s)), "signature: trailing garbage after the ECDSA (r, s) pair");
    const char *rs_reason = "signature: ECDSA r or s is not a canonical positive number of the curve's size";
    buf_clear(&bytes);
    put_str(&bytes, "\x00\x01", 2);
    put_str(&bytes, "\x01", 1);
    CHECK_STR(verify(craft(&ec, &s)), rs_reason);
    buf_clear(&bytes);
    put_str(&bytes, "\x01", 1);
    put_str(&bytes, "\xff", 1);
    CHECK_STR(verify(craft(&ec, &s)), rs_reason);
    buf_clear(&bytes);
    put_str(&bytes, "\x01", 1);
    put_str(&bytes, "", 0);
    CHECK_STR(verify(craft(&ec, &s)), rs_reason);
    buf_clear(&bytes);
    buf_clear(&field);
    for (int i = 0; i < 34; i++) buf_putc(&field, 0x11);
    put_str(&bytes, field.data, 34);
    put_str(&bytes, "\x01", 1);
    CHECK_STR(verify(craft(&ec, &s)), rs_reason);

    /* A signer key that decodes but is not a key: refused when verifying. */
    sshkey *p = key_of(P256_PUB);
    unsigned char q[65];
    memcpy(q, p->a, sizeof q);
    q[64] ^= 1;
    buf bad = BUF_INIT;
    put_cstr(&bad, "ecdsa-sha2-nistp256");
    put_cstr(&bad, "nistp256");
    put_str(&bad, q, sizeof q);
    s.key_blob = &bad;
    buf_clear(&bytes);
    put_str(&bytes, "\x01", 1);
    put_str(&bytes, "\x01", 1);
    CHECK_STR(verify(craft(&ec, &s)), "signer key: ECDSA public point is not a valid point of its curve");
    buf_free(&bad);
    buf_free(&bytes);
    buf_free(&field);
  }

  TEST("no single-bit change or cut of a signature is accepted") {
    CHECK(accepted_mutations(ED_SIG) == 0);
    CHECK(accepted_mutations(RSA_SIG) == 0);
    CHECK(accepted_mutations(P256_SIG) == 0);
    CHECK(accepted_mutations(P521_SIG) == 0);
    int cuts_accepted = 0;
    for (size_t n = 0; n + 1 < strlen(ED_SIG); n++) /* cuts of the armored text */
      cuts_accepted += strcmp(verify_as(ED_SIG, n, NS, MSG, NULL), "ok") == 0;
    CHECK(cuts_accepted == 0);
  }

  TEST("the verifier's key cache survives more keys than it holds") {
    enum { KEYS = 70 };
    const char *texts[KEYS];
    for (int i = 0; i < KEYS; i++) {
      tkey k = tkey_ed25519((unsigned char)(100 + i));
      spec s = spec_for(&k);
      texts[i] = craft(&k, &s);
      tkey_free(&k);
    }
    int bad = 0;
    for (int round = 0; round < 2; round++)
      for (int i = 0; i < KEYS; i++) bad += strcmp(verify(texts[i]), "ok") != 0;
    CHECK(bad == 0);
    /* A key seen before and evicted since still decides alone. */
    spec s = spec_for(&ed);
    s.msg = "cached?\n";
    CHECK_STR(verify(craft(&ed, &s)), "signature does not verify");
  }

  const char *old_tmp = getenv("TMPDIR");
  char *dir = arena_printf(A, "%s/test_sshsig-XXXXXX", old_tmp && *old_tmp ? old_tmp : "/tmp");
  if (!mkdtemp(dir)) {
    printf("FAIL test_sshsig: cannot make %s: %s\n", dir, strerror(errno));
    return 1;
  }
  char *saved_tmp = old_tmp ? strdup(old_tmp) : NULL;
  setenv("TMPDIR", dir, 1); /* so leftovers would show */

  TEST("round trip: sign with ssh-keygen, verify here") {
    keygen(dir, "ed", "ed25519", "256");
    keygen(dir, "rsa", "rsa", "3072");
    keygen(dir, "p384", "ecdsa", "384");
    const char *names[] = {"ed", "rsa", "p384"}, *algs[] = {"ssh-ed25519", "rsa-sha2-512", "ecdsa-sha2-nistp384"};
    for (int i = 0; i < 3; i++) {
      buf sig = BUF_INIT, err = BUF_INIT;
      const char *key = arena_printf(A, "%s/%s", dir, names[i]);
      CHECK(sshsig_sign_with_ssh_keygen(key, NS, MSG, strlen(MSG), &sig, &err) == 0);
      CHECK_STR(buf_cstr(&err), "");
      sshsig s = {0};
      CHECK_STR(verify_as(buf_cstr(&sig), sig.len, NS, MSG, &s), "ok");
      sshkey *pub = key_of(read_text(arena_printf(A, "%s.pub", key)));
      CHECK(s.signer && pub && sshkey_equal(s.signer, pub));
      CHECK_STR(s.sig_alg, algs[i]);
      CHECK_STR(verify_as(buf_cstr(&sig), sig.len, NS, "tampered", NULL), "signature does not verify");
      buf_free(&sig);
      buf_free(&err);
    }
    buf sig = BUF_INIT, err = BUF_INIT;
    CHECK(sshsig_sign_with_ssh_keygen(arena_printf(A, "%s/ed", dir), NS, "", 0, &sig, &err) == 0);
    CHECK_STR(verify_as(buf_cstr(&sig), sig.len, NS, "", NULL), "ok"); /* empty message */
    buf_free(&sig);
    buf_free(&err);
    CHECK(leftovers(dir) == 0);
  }

  TEST("several messages, one ssh-keygen run: each its own signature; a key that fails, each its error") {
    sshsig_job jobs[3] = {{"first\n", 6, BUF_INIT, BUF_INIT}, {"", 0, BUF_INIT, BUF_INIT},
                          {"third\n", 6, BUF_INIT, BUF_INIT}};
    CHECK(sshsig_sign_many_with_ssh_keygen(arena_printf(A, "%s/ed", dir), NS, jobs, 3) == 0);
    for (int i = 0; i < 3; i++) {
      CHECK_STR(buf_cstr(&jobs[i].err), "");
      CHECK_STR(verify_as(buf_cstr(&jobs[i].armored), jobs[i].armored.len, NS, jobs[i].msg, NULL), "ok");
    }
    CHECK_STR(verify_as(buf_cstr(&jobs[0].armored), jobs[0].armored.len, NS, jobs[2].msg, NULL),
              "signature does not verify"); /* not one signature for all */
    const char *missing = arena_printf(A, "%s/missing", dir);
    CHECK(sshsig_sign_many_with_ssh_keygen(missing, NS, jobs, 3) == 3);
    for (int i = 0; i < 3; i++) {
      CHECK(jobs[i].armored.len == 0);
      CHECK_STR(buf_cstr(&jobs[i].err), arena_printf(A, "ssh-keygen could not sign with \"%s\" (exit status 255): "
                                                        "Couldn't load public key %s: No such file or directory",
                                                     missing, missing));
      buf_free(&jobs[i].armored);
      buf_free(&jobs[i].err);
    }
    CHECK(leftovers(dir) == 0);
  }

  TEST("signing failures say why, with ssh-keygen's words") {
    buf sig = BUF_INIT, err = BUF_INIT;
    const char *missing = arena_printf(A, "%s/missing", dir);
    CHECK(sshsig_sign_with_ssh_keygen(missing, NS, MSG, strlen(MSG), &sig, &err) == -1 && sig.len == 0);
    CHECK_STR(buf_cstr(&err), arena_printf(A, "ssh-keygen could not sign with \"%s\" (exit status 255): "
                                              "Couldn't load public key %s: No such file or directory",
                                           missing, missing));
    /* A lone .pub and no agent: nothing can sign. */
    char *lonely = arena_printf(A, "%s/lonely.pub", dir);
    FILE *f = fopen(lonely, "w");
    if (f) fprintf(f, "%s\n", ED_PUB), fclose(f);
    const char *sock = getenv("SSH_AUTH_SOCK");
    char *saved_sock = sock ? strdup(sock) : NULL;
    unsetenv("SSH_AUTH_SOCK");
    CHECK(sshsig_sign_with_ssh_keygen(lonely, NS, MSG, strlen(MSG), &sig, &err) == -1);
    CHECK_STR(buf_cstr(&err), arena_printf(A, "ssh-keygen could not sign with \"%s\" (exit status 255): "
                                              "No private key found for public key \"%s\"",
                                           lonely, lonely));
    if (saved_sock) setenv("SSH_AUTH_SOCK", saved_sock, 1);
    free(saved_sock);
    /* A private key others may read: ssh-keygen's words, without the @@@
     * frame of its warning. */
    const char *open_key = arena_printf(A, "%s/ed", dir);
    chmod(open_key, 0644);
    CHECK(sshsig_sign_with_ssh_keygen(open_key, NS, MSG, strlen(MSG), &sig, &err) == -1);
    CHECK_STR(buf_cstr(&err), arena_printf(A, "ssh-keygen could not sign with \"%s\" (exit status 255): "
                                              "Permissions 0644 for '%s' are too open.; "
                                              "It is required that your private key files are NOT accessible by "
                                              "others.; This private key will be ignored.; "
                                              "No private key found for \"%s\"",
                                           open_key, open_key, open_key));
    chmod(open_key, 0600);
    CHECK(sshsig_sign_with_ssh_keygen(lonely, "", MSG, strlen(MSG), &sig, &err) == -1);
    CHECK_STR(buf_cstr(&err), "cannot sign: the namespace is empty");
    setenv("TMPDIR", "/nonexistent-govpub", 1);
    CHECK(sshsig_sign_with_ssh_keygen(lonely, NS, MSG, strlen(MSG), &sig, &err) == -1);
    CHECK_STR(buf_cstr(&err), "cannot create a temporary folder in \"/nonexistent-govpub\": No such file or directory");
    setenv("TMPDIR", dir, 1);
    char *path = strdup(getenv("PATH"));
    setenv("PATH", "/nonexistent-govpub", 1);
    CHECK(sshsig_sign_with_ssh_keygen(arena_printf(A, "%s/ed", dir), NS, MSG, strlen(MSG), &sig, &err) == -1);
    CHECK_STR(buf_cstr(&err), "cannot run ssh-keygen: No such file or directory");
    setenv("PATH", path, 1);
    free(path);
    CHECK(leftovers(dir) == 0);
    buf_free(&sig);
    buf_free(&err);
  }

  if (saved_tmp) setenv("TMPDIR", saved_tmp, 1);
  else unsetenv("TMPDIR");
  free(saved_tmp);
  char *rm[] = {"rm", "-rf", dir, NULL};
  run(rm);

  tkey_free(&ed);
  tkey_free(&rsa);
  tkey_free(&ec);
  sshsig_verifier_free(V);
  arena_free(A);
  TEST_EXIT();
}

/* sshkey: see sshkey.h.  Blob layouts (each field an SSH string or mpint):
 *   ssh-ed25519          "ssh-ed25519", point[32]               RFC 8709 §4
 *   ssh-rsa              "ssh-rsa", mpint e, mpint n            RFC 4253 §6.6
 *   ecdsa-sha2-nistpN    "ecdsa-sha2-nistpN", "nistpN", Q      RFC 5656 §3.1
 * with Q = 0x04 || X || Y.  Parsing is structural; sshkey_to_evp hands the
 * material to OpenSSL, which checks it as a key. */
#include "sshkey.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <string.h>

#include "sshwire.h"

#define RSA_MIN_BITS 2048  /* below this, RSA is no longer considered safe */
#define RSA_MAX_BITS 16384 /* OpenSSH's own limit */

/* Indexed by sshkey_type. */
static const struct {
  const char *name, *label;
  const char *curve;    /* ECDSA: the curve name in the blob */
  const char *group;    /* ECDSA: OpenSSL's name for the curve */
  size_t field;         /* ECDSA: bytes of one coordinate */
  unsigned bits;        /* fixed size, 0 for RSA */
} kinds[] = {
    [SSHKEY_ED25519] = {"ssh-ed25519", "ED25519", NULL, NULL, 0, 256},
    [SSHKEY_RSA] = {"ssh-rsa", "RSA", NULL, NULL, 0, 0},
    [SSHKEY_ECDSA_P256] = {"ecdsa-sha2-nistp256", "ECDSA", "nistp256", "prime256v1", 32, 256},
    [SSHKEY_ECDSA_P384] = {"ecdsa-sha2-nistp384", "ECDSA", "nistp384", "secp384r1", 48, 384},
    [SSHKEY_ECDSA_P521] = {"ecdsa-sha2-nistp521", "ECDSA", "nistp521", "secp521r1", 66, 521},
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

static bool is_ecdsa(sshkey_type t) { return kinds[t].curve != NULL; }

static int kind_by_name(const unsigned char *s, size_t len) {
  for (size_t i = 0; i < NKINDS; i++)
    if (sshwire_is(s, len, kinds[i].name)) return (int)i;
  return -1;
}

static const char *unsupported_type(arena *a, const unsigned char *s, size_t len) {
  return arena_printf(a,
                      "unsupported key type %s (accepted: ssh-ed25519, ssh-rsa, "
                      "ecdsa-sha2-nistp256, ecdsa-sha2-nistp384, ecdsa-sha2-nistp521)",
                      sshwire_quote(a, s, len));
}

static const char *check_rsa(arena *a, sshkey *k) {
  if (!sshwire_mpint_positive(k->a, k->a_len)) return "RSA exponent is not a canonical positive mpint";
  if (!sshwire_mpint_positive(k->b, k->b_len)) return "RSA modulus is not a canonical positive mpint";
  /* e = 1 would make every message its own signature. */
  if (!(k->a[k->a_len - 1] & 1) || sshwire_mpint_bits(k->a, k->a_len) < 2)
    return "RSA exponent must be odd and at least 3";
  if (!(k->b[k->b_len - 1] & 1)) return "RSA modulus is even";
  k->bits = sshwire_mpint_bits(k->b, k->b_len);
  if (k->bits < RSA_MIN_BITS)
    return arena_printf(a, "RSA key of %u bits is too short (at least %d are required)", k->bits,
                        RSA_MIN_BITS);
  if (k->bits > RSA_MAX_BITS)
    return arena_printf(a, "RSA key of %u bits is too long (at most %d)", k->bits, RSA_MAX_BITS);
  return NULL;
}

static const char *check_ecdsa(arena *a, sshkey *k, const unsigned char *curve, size_t curve_len) {
  if (!sshwire_is(curve, curve_len, kinds[k->type].curve))
    return arena_printf(a, "ECDSA curve %s does not match the key type %s",
                        sshwire_quote(a, curve, curve_len), kinds[k->type].name);
  if (k->a_len != 1 + 2 * kinds[k->type].field || k->a[0] != 0x04)
    return arena_printf(a, "ECDSA point is not an uncompressed %s point", kinds[k->type].curve);
  return NULL;
}

/* Parses the blob in place: `blob` must already belong to the arena, since
 * the key keeps views into it. */
static int parse_blob(arena *a, const unsigned char *blob, size_t len, sshkey **out,
                      const char **reason) {
  sshwire r = sshwire_of(blob, len);
  const unsigned char *name, *curve = NULL;
  size_t name_len, curve_len = 0;
  if (sshwire_string(&r, &name, &name_len) != 0) {
    *reason = "key blob is truncated";
    return -1;
  }
  int kind = kind_by_name(name, name_len);
  if (kind < 0) {
    *reason = unsupported_type(a, name, name_len);
    return -1;
  }
  sshkey *k = arena_calloc(a, 1, sizeof *k);
  k->type = (sshkey_type)kind;
  k->blob = blob;
  k->blob_len = len;
  k->comment = "";
  k->bits = kinds[kind].bits;
  int truncated;
  switch (k->type) {
  case SSHKEY_ED25519:
    truncated = sshwire_string(&r, &k->a, &k->a_len);
    break;
  case SSHKEY_RSA:
    truncated = sshwire_string(&r, &k->a, &k->a_len) || sshwire_string(&r, &k->b, &k->b_len);
    break;
  default:
    truncated = sshwire_string(&r, &curve, &curve_len) || sshwire_string(&r, &k->a, &k->a_len);
    break;
  }
  const char *why = NULL;
  if (truncated) why = "key blob is truncated";
  else if (r.left) why = "key blob has trailing bytes";
  else if (k->type == SSHKEY_ED25519 && k->a_len != 32) why = "Ed25519 key is not 32 bytes long";
  else if (k->type == SSHKEY_RSA) why = check_rsa(a, k);
  else if (is_ecdsa(k->type)) why = check_ecdsa(a, k, curve, curve_len);
  if (why) {
    *reason = why;
    return -1;
  }
  *out = k;
  return 0;
}

int sshkey_from_blob(arena *a, const void *blob, size_t len, sshkey **out, const char **reason) {
  unsigned char *copy = arena_alloc(a, len ? len : 1);
  if (len) memcpy(copy, blob, len);
  return parse_blob(a, copy, len, out, reason);
}

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

int sshkey_parse_line(arena *a, const char *line, size_t len, sshkey **out, const char **reason) {
  size_t i = 0;
  while (len && (is_blank(line[len - 1]) || line[len - 1] == '\n' || line[len - 1] == '\r')) len--;
  while (i < len && is_blank(line[i])) i++;
  if (i == len) {
    *reason = "empty key: expected \"TYPE BASE64 [COMMENT]\"";
    return -1;
  }
  if (memchr(line, '\n', len) || memchr(line, '\r', len)) {
    *reason = "more than one line: expected one public key line";
    return -1;
  }
  if (memchr(line, '\0', len)) {
    *reason = "the key line contains a NUL byte";
    return -1;
  }
  size_t type_at = i;
  while (i < len && !is_blank(line[i])) i++;
  const unsigned char *type = (const unsigned char *)line + type_at;
  size_t type_len = i - type_at;
  if (type_len >= 10 && memcmp(type, "-----BEGIN", 10) == 0) {
    *reason = "this is a private key or a PEM file, not an OpenSSH public key line";
    return -1;
  }
  int kind = kind_by_name(type, type_len);
  if (kind < 0) {
    *reason = unsupported_type(a, type, type_len);
    return -1;
  }
  while (i < len && is_blank(line[i])) i++;
  size_t b64_at = i;
  while (i < len && !is_blank(line[i])) i++;
  if (i == b64_at) {
    *reason = "missing the base64 key after the key type";
    return -1;
  }
  unsigned char *blob = arena_alloc(a, sshwire_b64_max(i - b64_at));
  size_t blob_len, bad_at;
  if (sshwire_b64_decode(line + b64_at, i - b64_at, blob, &blob_len, &bad_at) != 0) {
    /* Everything before the base64 is ASCII, so the byte offset is the column. */
    *reason = arena_printf(a, "invalid base64 in the key at column %zu", b64_at + bad_at + 1);
    return -1;
  }
  sshkey *k;
  if (parse_blob(a, blob, blob_len, &k, reason) != 0) return -1;
  if ((int)k->type != kind) {
    *reason = arena_printf(a, "key type %s does not match the encoded key (%s)", kinds[kind].name,
                           kinds[k->type].name);
    return -1;
  }
  while (i < len && is_blank(line[i])) i++;
  k->comment = arena_strndup(a, line + i, len - i);
  EVP_PKEY *pkey = sshkey_to_evp(k, reason);
  if (!pkey) return -1;
  EVP_PKEY_free(pkey);
  *out = k;
  return 0;
}

const char *sshkey_fingerprint(arena *a, const sshkey *k) {
  unsigned char md[32];
  EVP_Digest(k->blob, k->blob_len, md, NULL, EVP_sha256(), NULL);
  char *fp = arena_alloc(a, sizeof "SHA256:" + 44);
  memcpy(fp, "SHA256:", 7);
  sshwire_b64_encode_unpadded(md, sizeof md, fp + 7);
  return fp;
}

bool sshkey_equal(const sshkey *x, const sshkey *y) {
  return x->blob_len == y->blob_len && memcmp(x->blob, y->blob, x->blob_len) == 0;
}

const char *sshkey_type_name(const sshkey *k) { return kinds[k->type].name; }
const char *sshkey_type_label(const sshkey *k) { return kinds[k->type].label; }

static EVP_PKEY *evp_from_params(const char *alg, OSSL_PARAM *params) {
  EVP_PKEY *pkey = NULL;
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, alg, NULL);
  if (!ctx || EVP_PKEY_fromdata_init(ctx) <= 0 ||
      EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) <= 0)
    pkey = NULL;
  EVP_PKEY_CTX_free(ctx);
  return pkey;
}

static EVP_PKEY *rsa_evp(const sshkey *k) {
  EVP_PKEY *pkey = NULL;
  BIGNUM *e = BN_bin2bn(k->a, (int)k->a_len, NULL), *n = BN_bin2bn(k->b, (int)k->b_len, NULL);
  OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
  OSSL_PARAM *params = NULL;
  if (e && n && bld && OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, n) &&
      OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, e) &&
      (params = OSSL_PARAM_BLD_to_param(bld)))
    pkey = evp_from_params("RSA", params);
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(bld);
  BN_free(e);
  BN_free(n);
  return pkey;
}

/* OpenSSL decodes the point onto the curve; the public-key check adds that it
 * is not the point at infinity and has the group's order. */
static EVP_PKEY *ecdsa_evp(const sshkey *k) {
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, (char *)kinds[k->type].group, 0),
      OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, (void *)k->a, k->a_len),
      OSSL_PARAM_construct_end(),
  };
  EVP_PKEY *pkey = evp_from_params("EC", params);
  if (!pkey) return NULL;
  EVP_PKEY_CTX *check = EVP_PKEY_CTX_new_from_pkey(NULL, pkey, NULL);
  int ok = check && EVP_PKEY_public_check(check) == 1;
  EVP_PKEY_CTX_free(check);
  if (!ok) {
    EVP_PKEY_free(pkey);
    pkey = NULL;
  }
  return pkey;
}

struct evp_pkey_st *sshkey_to_evp(const sshkey *k, const char **reason) {
  EVP_PKEY *pkey;
  switch (k->type) {
  case SSHKEY_ED25519:
    pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, k->a, k->a_len);
    break;
  case SSHKEY_RSA:
    pkey = rsa_evp(k);
    break;
  default:
    pkey = ecdsa_evp(k);
    break;
  }
  if (!pkey)
    *reason = is_ecdsa(k->type) ? "ECDSA public point is not a valid point of its curve"
                                : "OpenSSL refuses the key material";
  /* A refusal leaves entries on OpenSSL's error queue; the reason says it all. */
  ERR_clear_error();
  return pkey;
}

/* sshsig: see sshsig.h.  The blob (PROTOCOL.sshsig §2):
 *
 *   byte[6] "SSHSIG"  uint32 version = 1  string publickey  string namespace
 *   string reserved   string hash_algorithm  string signature
 *
 * and what the key actually signed (§3):
 *
 *   byte[6] "SSHSIG"  string namespace  string reserved  string hash_algorithm
 *   string H(message)
 *
 * The signature field is the usual SSH signature encoding: string algorithm,
 * string bytes — for ECDSA the bytes are themselves mpint r, mpint s
 * (RFC 5656 §3.1.2); RSA is PKCS#1 v1.5 (RFC 8332); Ed25519 signs the data
 * itself (RFC 8709 §6).
 *
 * Ed25519, the reviewers' usual key, is checked by libsodium: twice
 * OpenSSL 3's rate here (about 20,000 checks a second a core against
 * 10,000; issue 10 asks for 10,000).  libsodium is also the stricter of the
 * two: it refuses keys of small order and non-canonical encodings, which no
 * real key has.  RSA and ECDSA go through OpenSSL. */
#include "sshsig.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "sshwire.h"

#define MAGIC "SSHSIG"
#define MAGIC_LEN 6
#define CACHED_KEYS 64 /* far more reviewers than a unit has */

typedef struct {
  unsigned char *blob; /* malloc'd copy: the cache key */
  size_t blob_len;
  EVP_PKEY *pkey;
} cached_key;

struct sshsig_verifier {
  EVP_MD *sha256, *sha384, *sha512;
  EVP_MD_CTX *hash_ctx, *verify_ctx;
  buf signed_data; /* rebuilt for each check */
  buf rsa_sig;     /* an RSA signature padded to the modulus size */
  cached_key keys[CACHED_KEYS];
  size_t nkeys, evict_next;
};

static void *check_alloc(void *p) {
  if (!p) {
    fputs("govpub: out of memory (OpenSSL)\n", stderr);
    abort();
  }
  return p;
}

sshsig_verifier *sshsig_verifier_new(void) {
  if (sodium_init() < 0) { /* thread-safe, and cheap once done */
    fputs("govpub: libsodium cannot start\n", stderr);
    abort();
  }
  sshsig_verifier *v = check_alloc(calloc(1, sizeof *v));
  v->sha256 = check_alloc(EVP_MD_fetch(NULL, "SHA256", NULL));
  v->sha384 = check_alloc(EVP_MD_fetch(NULL, "SHA384", NULL));
  v->sha512 = check_alloc(EVP_MD_fetch(NULL, "SHA512", NULL));
  v->hash_ctx = check_alloc(EVP_MD_CTX_new());
  v->verify_ctx = check_alloc(EVP_MD_CTX_new());
  return v;
}

void sshsig_verifier_free(sshsig_verifier *v) {
  if (!v) return;
  for (size_t i = 0; i < v->nkeys; i++) {
    free(v->keys[i].blob);
    EVP_PKEY_free(v->keys[i].pkey);
  }
  EVP_MD_CTX_free(v->hash_ctx);
  EVP_MD_CTX_free(v->verify_ctx);
  EVP_MD_free(v->sha256);
  EVP_MD_free(v->sha384);
  EVP_MD_free(v->sha512);
  buf_free(&v->signed_data);
  buf_free(&v->rsa_sig);
  free(v);
}

/* ---- decoding ---------------------------------------------------------- */

/* The base64 body between the armor lines, decoded into the arena. */
static int dearmor(arena *a, const char *text, size_t len, unsigned char **blob, size_t *blob_len,
                   const char **reason) {
  const size_t begin_len = strlen(SSHSIG_ARMOR_BEGIN), end_len = strlen(SSHSIG_ARMOR_END);
  if (len < begin_len || memcmp(text, SSHSIG_ARMOR_BEGIN, begin_len) != 0) {
    *reason = "bad armor: the text does not start with \"" SSHSIG_ARMOR_BEGIN "\"";
    return -1;
  }
  size_t p = begin_len;
  if (p < len && text[p] == '\r') p++;
  if (p >= len || text[p] != '\n') {
    *reason = "bad armor: the header \"" SSHSIG_ARMOR_BEGIN "\" is not a line of its own";
    return -1;
  }
  /* Search from the header's line break so an empty body is found too. */
  const char *footer = memmem(text + p, len - p, "\n" SSHSIG_ARMOR_END, end_len + 1);
  if (!footer) {
    *reason = "bad armor: no \"" SSHSIG_ARMOR_END "\" footer";
    return -1;
  }
  size_t body = p + 1, body_len = (size_t)(footer - text) + 1 - body;
  size_t q = (size_t)(footer - text) + 1 + end_len;
  if (q < len && text[q] == '\r') q++;
  if (q < len && text[q] == '\n') q++;
  if (q != len) {
    *reason = "bad armor: trailing garbage after the footer";
    return -1;
  }
  size_t bad_at;
  *blob = arena_alloc(a, sshwire_b64_max(body_len));
  if (sshwire_b64_decode(text + body, body_len, *blob, blob_len, &bad_at) != 0) {
    if (bad_at == body_len) {
      *reason = "bad armor: the base64 text is cut short";
    } else {
      size_t line = 1;
      for (size_t i = 0; i < body + bad_at; i++) line += text[i] == '\n';
      *reason = arena_printf(a, "bad armor: invalid base64 at line %zu", line);
    }
    return -1;
  }
  if (*blob_len == 0) {
    *reason = "bad armor: no signature between the header and the footer";
    return -1;
  }
  return 0;
}

/* Splits the signature field and checks it against the signer's key type. */
static const char *parse_signature(arena *a, sshsig *s, const unsigned char *field, size_t len) {
  sshwire r = sshwire_of(field, len);
  const unsigned char *alg, *bytes;
  size_t alg_len, bytes_len;
  if (sshwire_string(&r, &alg, &alg_len) != 0 || sshwire_string(&r, &bytes, &bytes_len) != 0)
    return "signature: truncated";
  if (r.left) return "signature: trailing garbage after the signature bytes";
  const sshkey *k = s->signer;
  static const char *const rsa_algs[] = {"rsa-sha2-256", "rsa-sha2-512"};
  s->sig_alg = NULL;
  if (k->type == SSHKEY_RSA) {
    if (sshwire_is(alg, alg_len, "ssh-rsa"))
      return "signature: legacy ssh-rsa (SHA-1) signatures are refused; sign with "
             "rsa-sha2-256 or rsa-sha2-512";
    for (size_t i = 0; i < 2; i++)
      if (sshwire_is(alg, alg_len, rsa_algs[i])) s->sig_alg = rsa_algs[i];
  } else if (sshwire_is(alg, alg_len, sshkey_type_name(k))) {
    s->sig_alg = sshkey_type_name(k);
  }
  if (!s->sig_alg)
    return arena_printf(a, "signature: algorithm %s does not match the %s key",
                        sshwire_quote(a, alg, alg_len), sshkey_type_name(k));
  s->sig_a = bytes;
  s->sig_a_len = bytes_len;
  switch (k->type) {
  case SSHKEY_ED25519:
    return bytes_len == 64 ? NULL : "signature: an Ed25519 signature is not 64 bytes long";
  case SSHKEY_RSA:
    if (bytes_len == 0) return "signature: the RSA signature is empty";
    return bytes_len <= ((size_t)k->bits + 7) / 8 ? NULL
                                                  : "signature: the RSA signature is longer than the modulus";
  default: {
    sshwire rs = sshwire_of(bytes, bytes_len);
    if (sshwire_string(&rs, &s->sig_a, &s->sig_a_len) != 0 ||
        sshwire_string(&rs, &s->sig_b, &s->sig_b_len) != 0)
      return "signature: the ECDSA (r, s) pair is truncated";
    if (rs.left) return "signature: trailing garbage after the ECDSA (r, s) pair";
    /* A coordinate's bytes, plus the zero an mpint may need in front. */
    size_t most = ((size_t)k->bits + 7) / 8 + 1;
    if (!sshwire_mpint_positive(s->sig_a, s->sig_a_len) ||
        !sshwire_mpint_positive(s->sig_b, s->sig_b_len) || s->sig_a_len > most ||
        s->sig_b_len > most)
      return "signature: ECDSA r or s is not a canonical positive number of the curve's size";
    return NULL;
  }
  }
}

int sshsig_decode(arena *a, const char *text, size_t len, sshsig *out, const char **reason) {
  unsigned char *blob;
  size_t blob_len;
  if (dearmor(a, text, len, &blob, &blob_len, reason) != 0) return -1;
  memset(out, 0, sizeof *out);
  sshwire r = sshwire_of(blob, blob_len);
  const unsigned char *magic, *key, *ns, *hash, *sig;
  size_t key_len, ns_len, hash_len, sig_len;
  uint32_t version;
  const char *why = NULL;
  sshkey *signer;
  if (sshwire_bytes(&r, MAGIC_LEN, &magic) != 0 || memcmp(magic, MAGIC, MAGIC_LEN) != 0)
    why = "signature blob: bad magic (expected \"" MAGIC "\")";
  else if (sshwire_u32(&r, &version) != 0)
    why = "signature blob: truncated in the version";
  else if (version != 1)
    why = arena_printf(a, "signature blob: unsupported version %u (only 1 is known)",
                       (unsigned)version);
  else if (sshwire_string(&r, &key, &key_len) != 0)
    why = "signature blob: truncated in the public key";
  else if (sshkey_from_blob(a, key, key_len, &signer, &why) != 0)
    why = arena_printf(a, "signer key: %s", why);
  else if (sshwire_string(&r, &ns, &ns_len) != 0)
    why = "signature blob: truncated in the namespace";
  else if (ns_len == 0)
    why = "signature blob: the namespace is empty";
  else if (memchr(ns, '\0', ns_len))
    why = "signature blob: the namespace contains a NUL byte";
  else if (sshwire_string(&r, &out->reserved, &out->reserved_len) != 0)
    why = "signature blob: truncated in the reserved field";
  else if (sshwire_string(&r, &hash, &hash_len) != 0)
    why = "signature blob: truncated in the hash algorithm";
  else if (!sshwire_is(hash, hash_len, "sha256") && !sshwire_is(hash, hash_len, "sha512"))
    why = arena_printf(a, "unsupported hash algorithm %s (SSHSIG allows sha256 and sha512)",
                       sshwire_quote(a, hash, hash_len));
  else if (sshwire_string(&r, &sig, &sig_len) != 0)
    why = "signature blob: truncated in the signature";
  else if (r.left)
    why = "signature blob: trailing garbage after the signature";
  if (!why) {
    out->signer = signer;
    out->namespace = arena_strndup(a, (const char *)ns, ns_len);
    out->hash_alg = sshwire_is(hash, hash_len, "sha256") ? "sha256" : "sha512";
    why = parse_signature(a, out, sig, sig_len);
  }
  if (why) {
    *reason = why;
    return -1;
  }
  return 0;
}

/* ---- verifying --------------------------------------------------------- */

/* The OpenSSL form of the key, converted once and kept in the verifier. */
static EVP_PKEY *key_for(sshsig_verifier *v, arena *a, const sshkey *k, const char **reason) {
  for (size_t i = 0; i < v->nkeys; i++)
    if (v->keys[i].blob_len == k->blob_len && memcmp(v->keys[i].blob, k->blob, k->blob_len) == 0)
      return v->keys[i].pkey;
  const char *why;
  EVP_PKEY *pkey = sshkey_to_evp(k, &why);
  if (!pkey) {
    *reason = arena_printf(a, "signer key: %s", why);
    return NULL;
  }
  size_t slot = v->nkeys < CACHED_KEYS ? v->nkeys++ : v->evict_next++ % CACHED_KEYS;
  cached_key *c = &v->keys[slot];
  free(c->blob);
  EVP_PKEY_free(c->pkey);
  c->blob = check_alloc(malloc(k->blob_len));
  memcpy(c->blob, k->blob, k->blob_len);
  c->blob_len = k->blob_len;
  c->pkey = pkey;
  return pkey;
}

static void put_u32(buf *b, uint32_t n) {
  unsigned char be[4] = {(unsigned char)(n >> 24), (unsigned char)(n >> 16),
                         (unsigned char)(n >> 8), (unsigned char)n};
  buf_put(b, be, 4);
}

static void put_string(buf *b, const void *p, size_t n) {
  put_u32(b, (uint32_t)n);
  buf_put(b, p, n);
}

/* PROTOCOL.sshsig §3: what the key signed. */
static void build_signed_data(sshsig_verifier *v, const sshsig *s, const void *msg, size_t msg_len) {
  unsigned char h[EVP_MAX_MD_SIZE];
  unsigned int h_len = 0;
  EVP_DigestInit_ex2(v->hash_ctx, strcmp(s->hash_alg, "sha256") == 0 ? v->sha256 : v->sha512, NULL);
  EVP_DigestUpdate(v->hash_ctx, msg, msg_len);
  EVP_DigestFinal_ex(v->hash_ctx, h, &h_len);
  buf *b = &v->signed_data;
  buf_clear(b);
  buf_put(b, MAGIC, MAGIC_LEN);
  put_string(b, s->namespace, strlen(s->namespace));
  put_string(b, s->reserved, s->reserved_len);
  put_string(b, s->hash_alg, strlen(s->hash_alg));
  put_string(b, h, h_len);
}

/* DER length octets (X.690 §8.1.3) for lengths below 256. */
static size_t der_length(unsigned char *out, size_t n) {
  if (n < 0x80) {
    out[0] = (unsigned char)n;
    return 1;
  }
  out[0] = 0x81;
  out[1] = (unsigned char)n;
  return 2;
}

/* OpenSSL wants ECDSA signatures as DER SEQUENCE { INTEGER r, INTEGER s }.  A
 * canonical positive mpint is already the content of a DER INTEGER (big-endian
 * two's complement, minimal), so only the framing is added.  r and s have at
 * most 67 bytes each (checked when decoding), so `out` needs 3 + 2 * 69. */
static size_t ecdsa_der(const sshsig *s, unsigned char *out) {
  size_t content = 2 + s->sig_a_len + 2 + s->sig_b_len, o = 0;
  out[o++] = 0x30;
  o += der_length(out + o, content);
  out[o++] = 0x02;
  o += der_length(out + o, s->sig_a_len);
  memcpy(out + o, s->sig_a, s->sig_a_len);
  o += s->sig_a_len;
  out[o++] = 0x02;
  o += der_length(out + o, s->sig_b_len);
  memcpy(out + o, s->sig_b, s->sig_b_len);
  return o + s->sig_b_len;
}

int sshsig_check(sshsig_verifier *v, arena *a, const sshsig *s, const char *namespace,
                 const void *msg, size_t msg_len, const char **reason) {
  if (strcmp(s->namespace, namespace) != 0) {
    *reason = arena_printf(a, "wrong namespace %s (expected %s)",
                           sshwire_quote(a, (const unsigned char *)s->namespace, strlen(s->namespace)),
                           sshwire_quote(a, (const unsigned char *)namespace, strlen(namespace)));
    return -1;
  }
  const sshkey *k = s->signer;
  if (k->type == SSHKEY_ED25519) { /* RFC 8709 §6: it signs the data itself */
    build_signed_data(v, s, msg, msg_len);
    if (crypto_sign_verify_detached(s->sig_a, (const unsigned char *)v->signed_data.data,
                                    v->signed_data.len, k->a) != 0) {
      *reason = "signature does not verify";
      return -1;
    }
    return 0;
  }
  EVP_PKEY *pkey = key_for(v, a, s->signer, reason);
  if (!pkey) return -1;
  build_signed_data(v, s, msg, msg_len);
  const EVP_MD *md = NULL;
  const unsigned char *sig = s->sig_a;
  size_t sig_len = s->sig_a_len;
  unsigned char der[3 + 2 * 69];
  switch (k->type) {
  case SSHKEY_RSA: {
    md = strcmp(s->sig_alg, "rsa-sha2-256") == 0 ? v->sha256 : v->sha512;
    /* Some signers drop leading zero bytes; PKCS#1 wants the modulus' size. */
    size_t mod_len = ((size_t)k->bits + 7) / 8;
    buf_clear(&v->rsa_sig);
    buf_reserve(&v->rsa_sig, mod_len);
    memset(v->rsa_sig.data, 0, mod_len - sig_len);
    memcpy(v->rsa_sig.data + (mod_len - sig_len), sig, sig_len);
    sig = (const unsigned char *)v->rsa_sig.data;
    sig_len = mod_len;
    break;
  }
  default: /* ECDSA: the curve decides the hash (RFC 5656 §6.2.1) */
    md = k->type == SSHKEY_ECDSA_P256 ? v->sha256 : k->type == SSHKEY_ECDSA_P384 ? v->sha384 : v->sha512;
    sig_len = ecdsa_der(s, der);
    sig = der;
    break;
  }
  /* OpenSSL 3 keeps the previous key's state in a used context: a reused
   * context verifies only for the key it first saw unless it is reset. */
  EVP_MD_CTX_reset(v->verify_ctx);
  int ok = EVP_DigestVerifyInit(v->verify_ctx, NULL, md, NULL, pkey) == 1 &&
           EVP_DigestVerify(v->verify_ctx, sig, sig_len, (const unsigned char *)v->signed_data.data,
                            v->signed_data.len) == 1;
  /* A bad signature leaves entries on OpenSSL's error queue; the reason says it all. */
  ERR_clear_error();
  if (!ok) {
    *reason = "signature does not verify";
    return -1;
  }
  return 0;
}

int sshsig_verify(sshsig_verifier *v, arena *a, const char *text, size_t len,
                  const char *namespace, const void *msg, size_t msg_len, sshsig *out,
                  const char **reason) {
  if (sshsig_decode(a, text, len, out, reason) != 0) return -1;
  return sshsig_check(v, a, out, namespace, msg, msg_len, reason);
}

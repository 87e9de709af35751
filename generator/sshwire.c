/* sshwire: see sshwire.h.  Every length is compared with what is left before
 * anything is read, and in the form `n > left` so no sum can overflow. */
#include "sshwire.h"

#include <stdio.h>
#include <string.h>

int sshwire_u32(sshwire *r, uint32_t *out) {
  if (r->left < 4) return -1;
  *out = (uint32_t)r->p[0] << 24 | (uint32_t)r->p[1] << 16 | (uint32_t)r->p[2] << 8 | r->p[3];
  r->p += 4;
  r->left -= 4;
  return 0;
}

int sshwire_bytes(sshwire *r, size_t n, const unsigned char **out) {
  if (n > r->left) return -1;
  *out = r->p;
  r->p += n;
  r->left -= n;
  return 0;
}

int sshwire_string(sshwire *r, const unsigned char **out, size_t *len) {
  sshwire save = *r;
  uint32_t n;
  if (sshwire_u32(r, &n) != 0 || sshwire_bytes(r, n, out) != 0) {
    *r = save;
    return -1;
  }
  *len = n;
  return 0;
}

bool sshwire_is(const unsigned char *s, size_t len, const char *lit) {
  return len == strlen(lit) && memcmp(s, lit, len) == 0;
}

bool sshwire_mpint_positive(const unsigned char *m, size_t len) {
  if (len == 0 || (m[0] & 0x80)) return false;
  /* A leading zero is allowed only to keep the next byte's top bit from
   * reading as a sign. */
  return m[0] != 0 || (len > 1 && (m[1] & 0x80));
}

unsigned sshwire_mpint_bits(const unsigned char *m, size_t len) {
  while (len && m[0] == 0) m++, len--;
  if (!len) return 0;
  unsigned bits = (unsigned)(len - 1) * 8;
  for (unsigned top = m[0]; top; top >>= 1) bits++;
  return bits;
}

static const char b64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int b64_digit(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

int sshwire_b64_decode(const char *in, size_t len, unsigned char *out, size_t *out_len,
                       size_t *bad_at) {
  uint32_t group = 0;
  size_t pos[4] = {0}; /* where each character of the group was, for bad_at */
  int n = 0, pad = 0;
  bool ended = false; /* a padded group closes the text */
  size_t o = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)in[i];
    if (c == '\n' || c == '\r') continue;
    int d = b64_digit(c);
    /* '=' may only fill the third and fourth places, and nothing but '='
     * may follow it. */
    bool ok = !ended && (c == '=' ? n >= 2 : d >= 0 && pad == 0);
    if (!ok) {
      *bad_at = i;
      return -1;
    }
    if (c == '=') pad++;
    group = group << 6 | (uint32_t)(d < 0 ? 0 : d);
    pos[n++] = i;
    if (n < 4) continue;
    /* The bits below the last full byte must be zero, or two texts would
     * decode to the same bytes. */
    if ((pad == 2 && (group & 0xffff)) || (pad == 1 && (group & 0xff))) {
      *bad_at = pos[3 - pad];
      return -1;
    }
    out[o++] = (unsigned char)(group >> 16);
    if (pad < 2) out[o++] = (unsigned char)(group >> 8);
    if (pad < 1) out[o++] = (unsigned char)group;
    ended = pad > 0;
    n = 0;
    group = 0;
  }
  if (n) {
    *bad_at = len;
    return -1;
  }
  *out_len = o;
  return 0;
}

size_t sshwire_b64_encode_unpadded(const void *in, size_t len, char *out) {
  const unsigned char *s = in;
  size_t o = 0, i = 0;
  for (; i + 3 <= len; i += 3) {
    uint32_t g = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8 | s[i + 2];
    out[o++] = b64_alphabet[g >> 18];
    out[o++] = b64_alphabet[g >> 12 & 63];
    out[o++] = b64_alphabet[g >> 6 & 63];
    out[o++] = b64_alphabet[g & 63];
  }
  if (i < len) {
    uint32_t g = (uint32_t)s[i] << 16 | (i + 1 < len ? (uint32_t)s[i + 1] << 8 : 0);
    out[o++] = b64_alphabet[g >> 18];
    out[o++] = b64_alphabet[g >> 12 & 63];
    if (i + 1 < len) out[o++] = b64_alphabet[g >> 6 & 63];
  }
  out[o] = '\0';
  return o;
}

const char *sshwire_quote(arena *a, const unsigned char *s, size_t len) {
  enum { SHOWN = 64 };
  size_t n = len > SHOWN ? SHOWN : len;
  char *out = arena_alloc(a, n * 4 + sizeof "\"\"..."), *o = out;
  *o++ = '"';
  for (size_t i = 0; i < n; i++) {
    unsigned char c = s[i];
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') *o++ = (char)c;
    else o += sprintf(o, "\\x%02x", c);
  }
  *o++ = '"';
  if (len > n) {
    memcpy(o, "...", 3);
    o += 3;
  }
  *o = '\0';
  return out;
}

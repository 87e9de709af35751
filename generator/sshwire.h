/* sshwire: the byte-level encodings under SSH keys and signatures — the
 * RFC 4251 §5 wire types (uint32, string, mpint) read with a bounds check on
 * every length, and strict base64 (RFC 4648 §4).
 *
 * Everything here reads untrusted bytes (signatures come from the
 * repository), so no function reads past the `len` it is given, whatever the
 * input says.  Results are views into the input or go into memory the
 * caller provides; only sshwire_quote allocates (in the arena given). */
#ifndef GOVPUB_SSHWIRE_H
#define GOVPUB_SSHWIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* A cursor over bytes the caller owns: `p` is the next unread byte, `left`
 * how many remain. */
typedef struct {
  const unsigned char *p;
  size_t left;
} sshwire;

static inline sshwire sshwire_of(const void *data, size_t len) {
  sshwire r = {data, len};
  return r;
}

/* Each reader returns 0 and advances, or returns -1 and leaves the cursor
 * unchanged when the field would run past the end. */
int sshwire_u32(sshwire *r, uint32_t *out);
/* `n` raw bytes. */
int sshwire_bytes(sshwire *r, size_t n, const unsigned char **out);
/* A string: uint32 length, then that many bytes (a view into the input). */
int sshwire_string(sshwire *r, const unsigned char **out, size_t *len);

/* True when the string field s[0..len) is exactly the text `lit`. */
bool sshwire_is(const unsigned char *s, size_t len, const char *lit);
/* True when m[0..len) is the canonical encoding of a positive mpint: not
 * empty, sign bit clear, and no needless leading zero byte.  Canonical
 * encodings make "same key" and "same blob" one question. */
bool sshwire_mpint_positive(const unsigned char *m, size_t len);
/* Number of significant bits of the positive mpint m[0..len). */
unsigned sshwire_mpint_bits(const unsigned char *m, size_t len);

/* Untrusted bytes made fit for a message: in double quotes, printable ASCII
 * kept, anything else (and '"', '\\') as \xNN, cut after 64 bytes with
 * "...".  Allocated in the arena. */
const char *sshwire_quote(arena *a, const unsigned char *s, size_t len);

/* Upper bound of the decoded size of `len` base64 characters. */
static inline size_t sshwire_b64_max(size_t len) { return len / 4 * 3 + 3; }
/* Decodes base64 (standard alphabet, '=' padding required, unused trailing
 * bits zero) from in[0..len) into `out` (room for sshwire_b64_max(len)
 * bytes).  Line breaks ('\n', '\r') between characters are skipped, so a
 * wrapped armor body decodes as a whole.  Returns 0 with the decoded length
 * in *out_len, or -1 with *bad_at set to the offset of the first offending
 * character (len when the text ends in the middle of a group). */
int sshwire_b64_decode(const char *in, size_t len, unsigned char *out, size_t *out_len,
                       size_t *bad_at);
/* Encodes in[0..len) as base64 without '=' padding (the form of SSH
 * fingerprints) into `out`, which needs (len * 4 + 2) / 3 + 1 bytes; the
 * result is NUL-terminated.  Returns its length. */
size_t sshwire_b64_encode_unpadded(const void *in, size_t len, char *out);

#endif

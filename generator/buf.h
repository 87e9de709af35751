/* buf: a growable byte buffer on the heap, always NUL-terminated.
 *
 * Ownership: the caller owns a buf and releases it with buf_free(); buf_take()
 * hands the bytes over (caller frees them with free()).  A zeroed struct
 * (BUF_INIT) is a valid empty buffer. */
#ifndef GOVPUB_BUF_H
#define GOVPUB_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

typedef struct buf {
  char *data; /* NUL-terminated when len > 0 or after any append */
  size_t len, cap;
} buf;

#define BUF_INIT {NULL, 0, 0}

/* Makes room for `extra` more bytes and the NUL (the slow path of the
 * inline functions below: appends are most of what rendering does, and a
 * call per append cost more than the copy). */
void buf_grow(buf *b, size_t extra);

static inline void buf_reserve(buf *b, size_t extra) {
  if (b->len + extra + 1 > b->cap) buf_grow(b, extra);
}

static inline void buf_put(buf *b, const void *p, size_t n) {
  buf_reserve(b, n);
  if (n) memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
}

static inline void buf_puts(buf *b, const char *s) { buf_put(b, s, strlen(s)); }

static inline void buf_putc(buf *b, char c) {
  buf_reserve(b, 1);
  b->data[b->len++] = c;
  b->data[b->len] = '\0';
}
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap);
/* The contents as a C string ("" for an empty buffer; owned by b). */
const char *buf_cstr(buf *b);
void buf_clear(buf *b);
void buf_free(buf *b);
/* Hands over the malloc'd bytes (NUL-terminated) and leaves b empty. */
char *buf_take(buf *b, size_t *len);

#endif

/* fuzz.h: what the fuzz targets (tests/fuzz/fuzz_<name>.c) share.
 *
 * Each target defines LLVMFuzzerTestOneInput and feeds the bytes to one of
 * govpub's parsers through its real entry point.  The same file links with
 * libFuzzer (`make fuzz`, clang) or with replay.c, the standalone driver
 * `make test` uses to replay the corpora and the kept crashes with gcc.
 * docs/fuzzing.md describes the targets and what they found.
 *
 * Loaders that only read files (site.yaml, reviewers.yaml, chart specs, word
 * lists, review records, the manifest) are fed through a private scratch
 * folder: the target writes the input there and calls the loader on it. */
#ifndef GOVPUB_FUZZ_H
#define GOVPUB_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A malloc'd copy of data[0..size) with a NUL after it (the parsers that
 * take a length must not read it; ASan sees any read past it). */
char *fuzz_text(const uint8_t *data, size_t size);

/* The scratch folder of this process (made on first use, removed at exit). */
const char *fuzz_dir(void);

/* Writes data[0..n) to fuzz_dir()/rel, making the folders on the way;
 * aborts on failure (the harness is broken, not the parser). */
void fuzz_write(const char *rel, const void *data, size_t n);

/* fuzz_dir()/rel as a path (in a static buffer, valid until the next call). */
const char *fuzz_path(const char *rel);

/* Makes fuzz_dir()/rel a symbolic link to `target`, a path relative to the
 * repository root, which must be the working directory (make fuzz and make
 * test run the targets from there), unless the link is there already;
 * aborts when `target` does not exist. */
void fuzz_link(const char *rel, const char *target);

typedef struct { const char *p; size_t n; } fuzz_part;

/* Splits text[0..len) at the first line that reads `sep` exactly: *a and
 * *b get the parts (b empty when there is no such line). */
void fuzz_split(const char *text, size_t len, const char *sep, fuzz_part *a, fuzz_part *b);

/* The usual two-file input: splits the input at a line "%%%%", writes the
 * first part to fuzz_dir()/first and the second to fuzz_dir()/second (or
 * removes it when empty: an optional file is then absent).  Returns
 * fuzz_text(data, size). */
char *fuzz_two_files(const uint8_t *data, size_t size, const char *first, const char *second);

/* Forgets what the parsers reported (they report through diag, which would
 * otherwise grow over millions of inputs). */
void fuzz_done(void);

#endif

/* publish_compress: the precompressed copies nginx serves as they are
 * (gzip_static, brotli_static): beside every text file of a release,
 * FILE.gz (zlib, level 9) and FILE.br (libbrotli, quality 11).  Both are
 * deterministic, so the manifest of the same site is the same bytes.
 *
 * Brotli at quality 11 is slow, and most files of a release are the same
 * as in the last one: its output is cached by the SHA-256 of the input in
 * <out>/.cache/brotli/, and a cached copy is used only after it decodes
 * back to exactly the input (a damaged cache costs time, never content).
 * It keeps what the last publish used, nothing older. */
#ifndef GOVPUB_PUBLISH_COMPRESS_H
#define GOVPUB_PUBLISH_COMPRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "release.h"

/* True for the files worth compressing (by extension: html, css, js, svg,
 * xml, json, txt, csv, …). */
bool publish_is_text(const char *path);

/* Compresses every text file of the staging release `rel`; `cache_dir`
 * holds the brotli cache (created when missing).  Returns the number of
 * files compressed, or -1 after reporting a failure. */
long publish_compress(arena *a, const release *rel, const char *cache_dir, int threads);

#endif

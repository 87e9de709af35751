/* publish_compress: see publish_compress.h. */
#include "publish_compress.h"

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "diag.h"
#include "digest.h"
#include "fsx.h"
#include "pool.h"
#include "strmap.h"

bool publish_is_text(const char *path) {
  static const char *const exts[] = {"html", "htm", "css", "js", "mjs", "json", "xml", "svg", "txt",
                                     "csv", "atom", "rss", "map", "webmanifest", "ics", "md"};
  const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
  if (!dot || (slash && dot < slash)) return false;
  for (size_t i = 0; i < sizeof exts / sizeof *exts; i++)
    if (strcmp(dot + 1, exts[i]) == 0) return true;
  return false;
}

/* A cache file's name: "q11-<the input's SHA-256 in hex>.br". */
#define CACHE_NAME_LEN (4 + 64 + 3 + 1)

typedef struct {
  const release *rel;
  const char *cache_dir;
  const char **paths;
  char (*used)[CACHE_NAME_LEN]; /* per path: the cache file it used (each worker its own slots) */
  atomic_int failed;
} compress_job;

/* gzip with a fixed header (no name, time 0): the same input gives the
 * same bytes.  Returns malloc'd bytes or NULL. */
static unsigned char *gzip_bytes(const unsigned char *in, size_t len, size_t *out_len) {
  z_stream z = {0};
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return NULL;
  size_t cap = deflateBound(&z, len) + 32;
  unsigned char *out = malloc(cap);
  if (!out) abort();
  z.next_in = (unsigned char *)in;
  z.avail_in = (uInt)len;
  z.next_out = out;
  z.avail_out = (uInt)cap;
  int rc = deflate(&z, Z_FINISH);
  *out_len = z.total_out;
  deflateEnd(&z);
  if (rc != Z_STREAM_END) {
    free(out);
    return NULL;
  }
  return out;
}

/* True when `br` decodes to exactly `in`. */
static bool brotli_matches(const unsigned char *br, size_t br_len, const unsigned char *in, size_t len) {
  unsigned char *back = malloc(len + 1);
  if (!back) abort();
  size_t got = len + 1;
  bool ok = BrotliDecoderDecompress(br_len, br, &got, back) == BROTLI_DECODER_RESULT_SUCCESS && got == len &&
            memcmp(back, in, len) == 0;
  free(back);
  return ok;
}

/* The brotli bytes of `in`: from the cache when a good copy is there, else
 * compressed now and added to it (its file's name in `name`).  Returns
 * malloc'd bytes or NULL. */
static unsigned char *brotli_bytes(const char *cache_dir, const unsigned char *in, size_t len,
                                   size_t *out_len, char name[CACHE_NAME_LEN]) {
  char key[DIGEST_HEX_LEN], cached[4096];
  digest_mem(in, len, key);
  snprintf(name, CACHE_NAME_LEN, "q11-%s.br", key + 7);
  snprintf(cached, sizeof cached, "%s/%s", cache_dir, name);
  size_t n;
  unsigned char *br = (unsigned char *)fsx_read(cached, &n);
  if (br && brotli_matches(br, n, in, len)) {
    *out_len = n;
    return br;
  }
  free(br);
  size_t cap = BrotliEncoderMaxCompressedSize(len);
  if (cap == 0) cap = len + 1024;
  br = malloc(cap);
  if (!br) abort();
  *out_len = cap;
  if (!BrotliEncoderCompress(BROTLI_MAX_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, len, in, out_len, br)) {
    free(br);
    return NULL;
  }
  fsx_replace(cached, br, *out_len); /* two identical files compressed at once both land whole; */
  return br;                         /* a cache that cannot be written only costs time */
}

static void compress_one(void *ctx, size_t i, int worker) {
  (void)worker;
  compress_job *j = ctx;
  const char *path = j->paths[i];
  char src[4096];
  snprintf(src, sizeof src, "%s/%s", j->rel->staging, path);
  size_t len;
  unsigned char *in = (unsigned char *)fsx_read(src, &len);
  if (!in) {
    diag_system(src, "cannot read for compression: %s", strerror(errno));
    j->failed = 1;
    return;
  }
  size_t gz_len, br_len;
  unsigned char *gz = gzip_bytes(in, len, &gz_len);
  unsigned char *br = brotli_bytes(j->cache_dir, in, len, &br_len, j->used[i]);
  char dst[4200];
  if (!gz || !br) {
    diag_system_at(0, NULL, src, "cannot compress: %s", gz ? "brotli failed" : "zlib failed");
    j->failed = 1;
  } else {
    snprintf(dst, sizeof dst, "%s.gz", path);
    if (release_write(j->rel, dst, gz, gz_len) != 0) j->failed = 1;
    snprintf(dst, sizeof dst, "%s.br", path);
    if (release_write(j->rel, dst, br, br_len) != 0) j->failed = 1;
  }
  free(gz);
  free(br);
  free(in);
}

/* After a publish that compressed everything: the cache keeps only what
 * it used (what the next publish mostly asks for again), so it does not
 * grow by every page's old versions, publish after publish; temporary
 * files a killed publish left go too.  (A rollback serves a release whose
 * .br files are in it: the cache is only ever a way to save time.) */
static void keep_only_used(arena *a, const char *cache_dir, char (*used)[CACHE_NAME_LEN], size_t n) {
  fsx_entry *e;
  size_t ne;
  if (fsx_list(a, cache_dir, &e, &ne) != 0) return;
  strmap *keep = strmap_new(a);
  for (size_t i = 0; i < n; i++) strmap_put(keep, used[i], "");
  for (size_t i = 0; i < ne; i++)
    if (!strmap_get(keep, e[i].name)) unlink(arena_printf(a, "%s/%s", cache_dir, e[i].name));
}

long publish_compress(arena *a, const release *rel, const char *cache_dir, int threads) {
  fsx_walk_entry *e;
  size_t n;
  if (fsx_walk(a, rel->staging, &e, &n) != 0) {
    diag_system(rel->staging, "cannot list the release: %s", strerror(errno));
    return -1;
  }
  if (fsx_mkdirs(cache_dir) != 0)
    diag_warning(cache_dir, 0, 0, NULL, "cannot create the compression cache: %s", strerror(errno));
  compress_job j = {rel, cache_dir, arena_alloc(a, (n ? n : 1) * sizeof(char *)),
                    arena_calloc(a, n ? n : 1, CACHE_NAME_LEN), 0};
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (e[i].is_file && publish_is_text(e[i].path)) j.paths[k++] = e[i].path;
  pool_run(threads, k, compress_one, &j);
  if (j.failed) return -1;
  keep_only_used(a, cache_dir, j.used, k);
  return (long)k;
}

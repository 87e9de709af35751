/* filekind: what a reader is told of a file before downloading it — its
 * format (from its name's extension, upper-case: "XLSX"), the media type a
 * link may hint (application/pdf), and its size as a file manager shows it
 * ("23 KB").  Shared by the data catalog (a dataset's distributions) and a
 * page's attachments (context.c), so both say a file's kind the same way.
 * Pure functions of their arguments: the same file gives the same text. */
#ifndef GOVPUB_FILEKIND_H
#define GOVPUB_FILEKIND_H

#include <stdint.h>

#include "arena.h"

/* The format of the file `path` names: its extension upper-cased ("CSV"
 * for data/x.csv, "GZ" for x.tar.gz), in a; NULL when its last part has no
 * extension. */
const char *filekind_format(arena *a, const char *path);

/* The media type of a format filekind_format gives ("PDF" →
 * "application/pdf"), as nginx's mime.types serves it; NULL for a format
 * not known here (no hint is better than a wrong one). */
const char *filekind_media_type(const char *format);

/* `bytes` as a reader reads a size (units of 1024, as Windows and the
 * portals show a file): "512 B" under 1 KB, whole KB ("23 KB", rounded
 * half up) under 1 MB, MB with one decimal above ("1.5 MB"); a size that
 * rounds to 1024 KB is "1.0 MB".  In a; NULL when bytes < 0 (not known). */
const char *filekind_size(arena *a, int64_t bytes);

#endif

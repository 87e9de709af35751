/* jsonw: the pieces of JSON and SARIF every govpub report writes the same
 * way (govpub scan, govpub check): "key": "string" pairs and file URIs.
 * Everything is appended to a buf; strings go through esc_json. */
#ifndef GOVPUB_JSONW_H
#define GOVPUB_JSONW_H

#include "buf.h"

/* "value" (null when value is NULL). */
void jsonw_string(buf *b, const char *value);
/* sep "key": "value" — null when value is NULL. */
void jsonw_str(buf *b, const char *sep, const char *key, const char *value);
/* sep "key": "<prefix><path, percent-encoded><suffix>" */
void jsonw_uri(buf *b, const char *sep, const char *key, const char *prefix, const char *path, const char *suffix);
/* A SARIF physicalLocation's artifactLocation: an absolute path as a file://
 * URI, a relative one relative to SITEROOT when `base` is given. */
void jsonw_sarif_artifact(buf *b, const char *path, const char *base);
/* The run's "originalUriBaseIds" line for `base` (nothing when empty). */
void jsonw_sarif_base(buf *b, const char *base);

#endif

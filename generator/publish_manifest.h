/* publish_manifest: the list of every file of a release with its SHA-256
 * and size, written into the release as .govpub-manifest, and the check of
 * a tree against it (govpub verify: 网页防篡改).
 *
 * Format (text, one entry a line, sorted bytewise by path; the same tree
 * always gives the same bytes, so no ids or times in it):
 *
 *   govpub-manifest 1
 *   sha256:<64 hex> <size> <path>
 *   …
 *   end sha256:<64 hex>
 *
 * The last line is the SHA-256 of every byte before it: the manifest covers
 * itself, so an edited or truncated manifest is found too.  Its digest as a
 * whole is what the publish log records and what deploy compares. */
#ifndef GOVPUB_PUBLISH_MANIFEST_H
#define GOVPUB_PUBLISH_MANIFEST_H

#include <stddef.h>

#include "arena.h"
#include "digest.h"

#define MANIFEST_NAME ".govpub-manifest"
/* The release's seal (publish_seal.h): like the manifest itself, in the
 * release but not listed, and not a difference when verify finds it. */
#define SEAL_NAME ".govpub-seal"

/* Writes DIR/.govpub-manifest for every file under `dir` (which must not
 * have one yet).  `digest` (may be NULL) gets the manifest file's own
 * SHA-256.  Returns the number of files listed, or -1 after reporting. */
long manifest_write(arena *a, const char *dir, char digest[DIGEST_HEX_LEN]);

typedef struct {
  size_t files;            /* listed in the manifest */
  size_t added, removed, changed;
  char digest[DIGEST_HEX_LEN]; /* of the manifest file */
} manifest_report;

/* Checks `dir` against its manifest.  Every difference is reported as an
 * error naming the file, or the folder for an empty folder added (`shown`
 * is the folder as messages name it).
 * Returns 0 when the tree matches, 1 when it differs or the manifest is
 * missing or damaged, 3 (EXIT_SYSTEM) when it cannot be read. */
int manifest_verify(arena *a, const char *dir, const char *shown, manifest_report *r);
/* The same for a release kept in OUT/releases, which rollback, deploy and
 * releases --seal check before they take it: its hints say what to do
 * instead (restoring it with rollback or deploy is what was refused). */
int manifest_verify_kept(arena *a, const char *dir, manifest_report *r);

#endif

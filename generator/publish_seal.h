/* publish_seal: a release's seal — the publishing host's word that it
 * published this release with this manifest, which nobody without the
 * host's key (host_key.h) can give.  The manifest alone proves only that
 * the files match it: whoever can write the output folder can rewrite a
 * release's files and then its manifest.  The seal binds the manifest to
 * the release and to this host, so deploy and rollback spread or serve
 * only what this host's govpub published (or an operator vouched for).
 *
 * Written into the release as .govpub-seal, beside the manifest and, like
 * it, not listed in it (the same tree keeps the same manifest, whatever
 * host publishes it) and not served (a dot file: deploy/nginx.conf):
 *
 *   govpub-seal 1
 *   release: <id>
 *   manifest: sha256:<64 hex>
 *   hmac-sha256: <64 hex>
 *
 * The last line is the HMAC-SHA256, under the host key, of the three lines
 * before it; its first line keeps it apart from the key's other use (the
 * signature cache's entries hold NULs, a seal's message none).  A check
 * builds that message from the release's own id (its folder's name) and
 * its manifest's digest, never from what the seal says: the other lines
 * only explain a refusal. */
#ifndef GOVPUB_PUBLISH_SEAL_H
#define GOVPUB_PUBLISH_SEAL_H

#include <stdbool.h>

#include "arena.h"
#include "digest.h"
#include "host_key.h"
#include "publish_manifest.h"

/* This host's key for sealing `id` (made when `make` and there is none:
 * a publish); -1 after reporting why there is none (an error: nothing is
 * sealed or checked without it). */
int seal_key(unsigned char key[HOST_KEY_BYTES], bool make, const char *id);

/* Writes (or replaces, atomically) DIR/.govpub-seal for release `id` whose
 * manifest file's digest is `manifest`.  0, or -1 after reporting. */
int seal_write(arena *a, const char *dir, const char *id, const char *manifest,
               const unsigned char key[HOST_KEY_BYTES]);

/* What deploy and rollback check before they spread or serve release `id`
 * of the output folder `out`: the release against its manifest (every
 * difference named), then its seal against the manifest's digest under
 * this host's key.  `r` gets the manifest's report.  Returns 0 when both
 * hold, 1 when either does not (reported, with the way out), 3 when
 * something cannot be read. */
int seal_verify_release(arena *a, const char *out, const char *id, manifest_report *r);

#endif

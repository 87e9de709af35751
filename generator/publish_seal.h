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
 *   govpub-seal 3
 *   release: <id>
 *   manifest: sha256:<64 hex>
 *   sealed: <YYYY-MM-DDTHH:MM:SSZ>
 *   ed25519: <base64 of 64 bytes>
 *
 * The last line is the Ed25519 signature (crypto_sign_detached), under the
 * publisher key derived from the host key (publisher_key.h), of the four
 * lines before it, exactly: the statement.  Its first line is the domain
 * separation: the key signs nothing else, and no SSH signature (SSHSIG's
 * "SSHSIG" preamble, a session's length-prefixed id) begins that way.  So
 * anyone with the public key — a web server — can check a seal, and only
 * this host can make one.
 *
 * `sealed` is when this host vouched for the release: its publish, and
 * again each time rollback serves it or deploy sends it (seal_time: never
 * before the newest seal of a kept release), so that a web server can
 * refuse an older release put back in place of a newer one (govpub verify
 * --seen, verify_seen.h): a release is as new as its newest seal.
 *
 * Written before: version 2, the same without `sealed:` (verify takes it,
 * but --seen cannot place it in time); version 1, the statement of version
 * 2 ("govpub-seal 1") with `hmac-sha256: <64 hex>`, an HMAC-SHA256 under
 * the host key itself, which only this host can check.  Deploy and
 * rollback take all three; a web server (seal_verify_tree) refuses a v1
 * seal, which it cannot check.
 *
 * A check builds the statement from the release's own id (its folder's
 * name) and its manifest's digest, never from what the seal says: the
 * other lines only explain a refusal. */
#ifndef GOVPUB_PUBLISH_SEAL_H
#define GOVPUB_PUBLISH_SEAL_H

#include <stdbool.h>

#include "arena.h"
#include "digest.h"
#include "host_key.h"
#include "publisher_key.h"
#include "publish_manifest.h"

#define SEAL_STAMP_LEN 20 /* 2026-11-27T05:40:12Z */

/* This host's key for sealing `id` (made when `make` and there is none:
 * a publish); -1 after reporting why there is none (an error: nothing is
 * sealed or checked without it). */
int seal_key(unsigned char key[HOST_KEY_BYTES], bool make, const char *id);

/* This host's publisher public key (derived from its key, never made
 * here): 0, or -1 after reporting why there is none. */
int seal_public_key(unsigned char pk[PUBLISHER_PK_BYTES]);

/* Writes (or replaces, atomically) DIR/.govpub-seal for release `id` of
 * the output folder `out` whose manifest file's digest is `manifest`,
 * sealed now (see `sealed` above).  0, or -1 after reporting. */
int seal_write(arena *a, const char *out, const char *dir, const char *id, const char *manifest,
               const unsigned char key[HOST_KEY_BYTES]);

/* What deploy and rollback check before they spread or serve release `id`
 * of the output folder `out`: the release against its manifest (every
 * difference named), then its seal against the manifest's digest under
 * this host's key; then, when `renew` (they serve or send it now), seals
 * it anew.  `r` gets the manifest's report.  Returns 0 when both hold, 1
 * when either does not (reported, with the way out), 3 when something
 * cannot be read or the new seal cannot be written. */
int seal_verify_release(arena *a, const char *out, const char *id, manifest_report *r, bool renew);

/* What govpub verify --publisher checks on a web server, after the tree
 * verified against its manifest (digest `manifest`): the tree's seal is a
 * v2 seal whose signature holds under `p` for the statement of the
 * release's id and that manifest.  The id is the name of the folder the
 * tree resolves to (OUT/current is a link to OUT/releases/ID), which must
 * be in a folder named releases; on a target that held the release already,
 * deploy named it ID-N (N from 2), and ID is then taken too.  0 with *id
 * the id sealed and *sealed when (NULL: a v2 seal, which does not say), or
 * EXIT_PROBLEMS / EXIT_SYSTEM after reporting. */
int seal_verify_tree(arena *a, const char *tree, const char *manifest, const publisher *p, const char **id,
                     const char **sealed);

#endif

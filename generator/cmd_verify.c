/* cmd_verify: `govpub verify` — a served tree against its manifest and,
 * with --publisher, its seal against the publisher's public key. */
#include <stdio.h>

#include "arena.h"
#include "cmd.h"
#include "cmdline.h"
#include "diag.h"
#include "fsx.h"
#include "publish_manifest.h"
#include "publish_seal.h"
#include "publisher_key.h"

static const char help[] =
    "usage: govpub verify [--site DIR] [--out DIR] [--publisher FILE] [TREE]\n"
    "\n"
    "Checks a published tree against the manifest it carries\n"
    "(TREE/.govpub-manifest: SHA-256 and size of every file, written by govpub\n"
    "publish) and names every file added, removed or changed since, and every\n"
    "empty folder added (网页防篡改).\n"
    "The manifest checks itself too: an edited or truncated manifest is found.\n"
    "Run it on the web server, e.g. from cron, on the served folder: it needs\n"
    "no secret key.\n"
    "\n"
    "The manifest alone does not say who wrote it: whoever can write the tree\n"
    "can rewrite a file and then the manifest.  With --publisher FILE, verify\n"
    "also checks the release's seal (TREE/.govpub-seal): the publishing host's\n"
    "Ed25519 signature of the release's id (the name of the folder TREE\n"
    "resolves to, OUT/releases/ID) and its manifest, under the public key in\n"
    "FILE — the line `govpub releases --publisher-key` prints on the\n"
    "publishing host.  A missing, damaged, copied or forged seal, or one of\n"
    "version 1 (an HMAC only the publishing host can check), is an error.\n"
    "\n"
    "  TREE             the tree (default OUT/current)\n"
    "  --publisher FILE the publishing host's public key (ssh-ed25519 line)\n"
    "  --site DIR       the site folder, whose out/ is the default OUT (default .)\n"
    "  --out DIR        the output folder (default DIR/out)\n"
    "  -h, --help       this text\n"
    "\n"
    "exit status: 0 the tree matches (and, with --publisher, its seal holds),\n"
    "1 it differs (every difference listed), has no valid manifest, or its\n"
    "seal does not hold, 2 usage, 3 it cannot be read\n";

int cmd_verify_tree(int argc, char **argv) {
  cmdline c = {.name = "verify", .help = help, .accepts_publisher = 1};
  int rc = cmdline_parse(&c, argc, argv);
  if (rc >= 0) return rc;
  arena *a = arena_new();
  const char *dir = c.arg ? c.arg : path_join(a, c.out, "current");
  manifest_report r = {0}; /* not filled when there is no folder to verify */
  publisher p;
  int key_rc = c.publisher ? publisher_key_read(a, c.publisher, &p) : EXIT_OK;
  if (!fsx_is_dir(dir)) {
    diag_error(dir, 0, 0, "give the folder a web server serves (e.g. out/current)", "no such folder");
    rc = EXIT_PROBLEMS;
  } else {
    rc = manifest_verify(a, dir, dir, &r);
  }
  const char *id = NULL;
  int seal_rc = rc == EXIT_OK && c.publisher && key_rc == EXIT_OK ? seal_verify_tree(a, dir, r.digest, &p, &id)
                                                                  : EXIT_OK;
  diag_flush(NULL);
  if (rc == EXIT_OK && id)
    diag_print("govpub: %s matches its manifest: %zu files (manifest %s), sealed as release %s by the publisher %s",
               dir, r.files, r.digest, id, p.fingerprint);
  else if (rc == EXIT_OK && key_rc != EXIT_OK)
    diag_print("govpub: %s matches its manifest (%s); its seal was not checked", dir, r.digest);
  else if (rc == EXIT_OK && c.publisher)
    diag_print("govpub: %s matches its manifest (%s), but no seal of the publisher's vouches for it", dir, r.digest);
  else if (rc == EXIT_OK)
    diag_print("govpub: %s matches its manifest: %zu files (manifest %s)", dir, r.files, r.digest);
  else if (rc == EXIT_PROBLEMS && r.files)
    diag_print("govpub: %s differs from its manifest: %zu added, %zu removed, %zu changed", dir, r.added, r.removed,
               r.changed);
  arena_free(a);
  if (rc == EXIT_SYSTEM || key_rc == EXIT_SYSTEM || seal_rc == EXIT_SYSTEM) return EXIT_SYSTEM;
  return rc != EXIT_OK ? rc : key_rc != EXIT_OK ? key_rc : seal_rc;
}

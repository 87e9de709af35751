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
#include "verify_seen.h"

static const char help[] =
    "usage: govpub verify [--site DIR] [--out DIR] [--publisher FILE [--seen FILE]] [TREE]\n"
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
    "A seal holds for every release the publisher made, older ones too.\n"
    "With --seen FILE, verify keeps in FILE the newest seal it accepted (the\n"
    "time each seal states: the release's publish, or the rollback or deploy\n"
    "that served it again) and refuses a tree sealed before it: an older\n"
    "release put back.  FILE is made by the first run; keep it where only\n"
    "the account verify runs as can write.\n"
    "\n"
    "  TREE             the tree (default OUT/current)\n"
    "  --publisher FILE the publishing host's public key (ssh-ed25519 line)\n"
    "  --seen FILE      the newest seal accepted before (with --publisher)\n"
    "  --site DIR       the site folder, whose out/ is the default OUT (default .)\n"
    "  --out DIR        the output folder (default DIR/out)\n"
    "  -h, --help       this text\n"
    "\n"
    "exit status: 0 the tree matches (and, with --publisher, its seal holds;\n"
    "with --seen, it is the newest), 1 it differs (every difference listed),\n"
    "has no valid manifest, its seal does not hold or is older, 2 usage,\n"
    "3 it cannot be read or FILE not written\n";

int cmd_verify_tree(int argc, char **argv) {
  cmdline c = {.name = "verify", .help = help, .accepts = CMDLINE_PUBLISHER | CMDLINE_SEEN};
  int rc = cmdline_parse(&c, argc, argv);
  if (rc >= 0) return rc;
  if (c.seen && !c.publisher) {
    diag_error(NULL, 0, 0, "give the publisher key too: govpub verify --publisher FILE --seen FILE",
               "--seen needs --publisher: only a seal checked under the publisher's key says when it was sealed");
    diag_flush(NULL);
    return EXIT_USAGE;
  }
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
  const char *id = NULL, *sealed = NULL;
  int seal_rc = rc == EXIT_OK && c.publisher && key_rc == EXIT_OK
                    ? seal_verify_tree(a, dir, r.digest, &p, &id, &sealed)
                    : EXIT_OK;
  bool first = false, refused = false; /* refused: by --seen, after the seal held */
  if (id && c.seen && (seal_rc = seen_check(a, c.seen, dir, id, sealed, &first)) != EXIT_OK) refused = true;
  diag_flush(NULL);
  if (rc == EXIT_OK && refused)
    diag_print("govpub: %s matches its manifest (%s) and is sealed as release %s%s%s, but %s", dir, r.digest, id,
               sealed ? " at " : "", sealed ? sealed : "",
               seal_rc == EXIT_SYSTEM ? arena_printf(a, "its record %s cannot be read or written", c.seen)
                                      : arena_printf(a, "%s does not take it as the newest seal", c.seen));
  else if (rc == EXIT_OK && id)
    diag_print("govpub: %s matches its manifest: %zu files (manifest %s), sealed as release %s%s%s by the publisher "
               "%s%s",
               dir, r.files, r.digest, id, sealed ? " at " : "", sealed ? sealed : "", p.fingerprint,
               first ? "; recorded as the newest seen" : "");
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

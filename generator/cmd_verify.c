/* cmd_verify: `govpub verify` — a served tree against its manifest. */
#include <stdio.h>

#include "arena.h"
#include "cmd.h"
#include "cmdline.h"
#include "diag.h"
#include "fsx.h"
#include "publish_manifest.h"

static const char help[] =
    "usage: govpub verify [--site DIR] [--out DIR] [TREE]\n"
    "\n"
    "Checks a published tree against the manifest it carries\n"
    "(TREE/.govpub-manifest: SHA-256 and size of every file, written by govpub\n"
    "publish) and names every file added, removed or changed since, and every\n"
    "empty folder added (网页防篡改).\n"
    "The manifest checks itself too: an edited or truncated manifest is found.\n"
    "Run it on the web server, e.g. from cron, on the served folder: it needs\n"
    "no key.  It does not check the release's seal (.govpub-seal, which only\n"
    "the publishing host's key can check): deploy and rollback do, there.\n"
    "\n"
    "  TREE           the tree (default OUT/current)\n"
    "  --site DIR     the site folder, whose out/ is the default OUT (default .)\n"
    "  --out DIR      the output folder (default DIR/out)\n"
    "  -h, --help     this text\n"
    "\n"
    "exit status: 0 the tree matches, 1 it differs (every difference listed) or\n"
    "has no valid manifest, 2 usage, 3 it cannot be read\n";

int cmd_verify_tree(int argc, char **argv) {
  cmdline c = {.name = "verify", .help = help};
  int rc = cmdline_parse(&c, argc, argv);
  if (rc >= 0) return rc;
  arena *a = arena_new();
  const char *dir = c.arg ? c.arg : path_join(a, c.out, "current");
  manifest_report r = {0}; /* not filled when there is no folder to verify */
  if (!fsx_is_dir(dir)) {
    diag_error(dir, 0, 0, "give the folder a web server serves (e.g. out/current)", "no such folder");
    rc = EXIT_PROBLEMS;
  } else {
    rc = manifest_verify(a, dir, dir, &r);
  }
  diag_flush(NULL);
  if (rc == EXIT_OK)
    diag_print("govpub: %s matches its manifest: %zu files (manifest %s)", dir, r.files, r.digest);
  else if (rc == EXIT_PROBLEMS && r.files)
    diag_print("govpub: %s differs from its manifest: %zu added, %zu removed, %zu changed", dir, r.added, r.removed,
               r.changed);
  arena_free(a);
  return rc;
}

/* cmd_rollback: `govpub rollback` — OUT/current back to a kept release,
 * after that release verifies against its manifest and its seal. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "cmd.h"
#include "cmdline.h"
#include "diag.h"
#include "fsx.h"
#include "publish_log.h"
#include "publish_manifest.h"
#include "publish_seal.h"
#include "release.h"

static const char help[] =
    "usage: govpub rollback [--site DIR] [--out DIR] [ID]\n"
    "\n"
    "Switches OUT/current atomically to release ID (default: the published\n"
    "release before the current one, preview builds' skipped; `govpub\n"
    "releases` lists them).  The release must still verify against its\n"
    "manifest, and its seal under this host's key (a signature under the\n"
    "publisher key derived from it; or, made by govpub before, an HMAC): a\n"
    "tampered release, or one govpub did not publish here (a preview\n"
    "build's, one rewritten with its manifest), is never served.  It is\n"
    "sealed anew (as served from now: web servers' verify --seen take it\n"
    "once it is deployed).\n"
    "The rollback is appended to OUT/publish.log.  The next govpub publish\n"
    "moves current forward again.\n"
    "\n"
    "  ID             a release id, e.g. 20241120-101200\n"
    "  --site DIR     the site folder, whose out/ is the default OUT (default .)\n"
    "  --out DIR      the output folder (default DIR/out)\n"
    "  -h, --help     this text\n"
    "\n"
    "exit status: 0 switched, 1 no such release, nothing earlier, or it does\n"
    "not verify (nothing switched), 2 usage, 3 system failure\n";

/* The release to go to, or NULL after reporting. */
static const char *choose(arena *a, const char *out, const char *want, const char *cur) {
  const char **ids;
  size_t n;
  if (release_list_reported(a, out, &ids, &n) != 0) return NULL;
  if (want) {
    for (size_t i = 0; i < n; i++)
      if (strcmp(ids[i], want) == 0) return ids[i];
    diag_error(NULL, 0, 0, "`govpub releases` lists the releases kept", "no release \"%s\" in %s/releases", want, out);
    return NULL;
  }
  const char *prev = NULL; /* the newest published one: a preview build's release (no manifest) is never served */
  for (size_t i = 0; i < n && strcmp(ids[i], cur) != 0; i++)
    if (fsx_is_file(arena_printf(a, "%s/releases/%s/" MANIFEST_NAME, out, ids[i]))) prev = ids[i];
  if (!prev || !*cur)
    diag_error(NULL, 0, 0, "`govpub releases` lists the releases kept; name one: govpub rollback ID",
               "no published release before the current one (%s) in %s/releases", *cur ? cur : "none", out);
  return *cur ? prev : NULL;
}

int cmd_rollback(int argc, char **argv) {
  cmdline c = {.name = "rollback", .help = help};
  int rc = cmdline_parse(&c, argc, argv);
  if (rc >= 0) return rc;
  arena *a = arena_new();
  int lock = release_lock(a, c.out, false);
  const char *cur = release_linked(a, c.out, "current"), *to = NULL;
  if (lock >= 0 && audit_untracked_out(c.out) == 0) to = choose(a, c.out, c.arg, cur);
  manifest_report r;
  /* only a release this host published and sealed, still as it was: not a
   * preview build's, not one rewritten with its manifest; sealed anew, as
   * served from now (web servers' verify --seen take no older seal) */
  if (to && seal_verify_release(a, c.out, to, &r, true) != EXIT_OK) to = NULL;
  if (to && release_switch(a, c.out, to, "current") != 0) to = NULL;
  rc = diag_exit_code();
  if (rc == EXIT_OK && !to) rc = EXIT_PROBLEMS;
  audit_entry e;
  audit_begin(&e, "rollback");
  audit_str(&e, "result", rc == EXIT_OK ? "ok" : rc == EXIT_PROBLEMS ? "refused" : "failed");
  audit_str(&e, "from", *cur ? cur : NULL);
  audit_str(&e, "release", to ? to : c.arg);
  if (audit_append(&e, c.out) != 0 && rc == EXIT_OK) rc = EXIT_SYSTEM;
  diag_flush(NULL);
  if (rc == EXIT_OK) diag_print("govpub: %s/current → release %s (was %s)", c.out, to, cur);
  else diag_print("govpub: rollback refused; %s/current is unchanged", c.out);
  release_unlock(lock);
  arena_free(a);
  return rc;
}

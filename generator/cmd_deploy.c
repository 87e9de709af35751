/* cmd_deploy: `govpub deploy` — a published release to the targets of
 * deploy.yaml or site.yaml (publish_deploy.c), each logged in OUT/publish.log. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "cmd.h"
#include "cmdline.h"
#include "config.h"
#include "diag.h"
#include "fsx.h"
#include "publish_deploy.h"
#include "publish_log.h"
#include "publish_manifest.h"
#include "publish_seal.h"
#include "release.h"

static const char help[] =
    "usage: govpub deploy [--site DIR] [--out DIR] [--target NAME] [ID]\n"
    "\n"
    "Copies release ID (default: the one OUT/current serves) to every target\n"
    "in the deploy: list of DIR/deploy.yaml (the operator's file, which no\n"
    "review covers), else of site.yaml (or only --target NAME): local folders\n"
    "(path:) and servers reached by rsync over ssh (rsync: HOST:DIR, ssh:).\n"
    "The release must verify against its manifest first, and its seal under\n"
    "this host's key: deploy spreads only what govpub published here (see\n"
    "govpub releases --seal for a release this host did not seal).  Each\n"
    "target gets releases/<id> and a current link switched atomically (its\n"
    "web server serves DIR/current), keeps keep_releases, and is then\n"
    "verified: every file that differs from the release is named.  The seal\n"
    "goes with it (never served: a dot file), so each web server can check\n"
    "it with govpub verify --publisher; deploy seals the release anew first\n"
    "(as sent now), so a web server's verify --seen takes it even when it is\n"
    "older than the release the server served (a rollback you mean).  Each\n"
    "target's result is appended to OUT/publish.log.\n"
    "\n"
    "options:\n"
    "  --site DIR     the site folder whose deploy.yaml or site.yaml lists the targets (default .)\n"
    "  --out DIR      the output folder holding the release (default DIR/out)\n"
    "  --target NAME  only this target\n"
    "  -h, --help     this text\n"
    "\n"
    "exit status: 0 every target deployed and verified, 1 a target failed or\n"
    "differs (the others are still done), 2 usage, 3 system failure\n";

int cmd_deploy(int argc, char **argv) {
  cmdline c = {.name = "deploy", .help = help, .accepts = CMDLINE_TARGET};
  int rc = cmdline_parse(&c, argc, argv);
  if (rc >= 0) return rc;
  arena *a = arena_new();
  char exe[4096];
  site_config *cfg = config_load(a, c.site, govpub_datadir(exe, sizeof exe));
  size_t nt = 0;
  const char *targets_file = NULL;
  const yx_node *targets_at = NULL;
  deploy_target *t = cfg ? deploy_targets(a, cfg, &nt, &targets_file, &targets_at) : NULL;
  int lock = t ? release_lock(a, c.out, false) : -1; /* the release must not be pruned meanwhile */
  const char *id = c.arg ? c.arg : release_linked(a, c.out, "current");
  const char *dir = arena_printf(a, "%s/releases/%s", c.out, id);
  manifest_report src;
  bool ok = lock >= 0 && audit_untracked_out(c.out) == 0;
  if (ok && (!*id || !path_is_safe_rel(id) || strchr(id, '/') || !fsx_is_dir(dir))) {
    diag_error(NULL, 0, 0, "publish first, or name a release that `govpub releases` lists",
               "no release \"%s\" in %s/releases", id, c.out);
    ok = false;
  }
  /* never spread a tampered release, nor one this host did not publish;
   * sealed anew, as sent now: a target's verify --seen takes it even when
   * it is older than the release the target served (a rollback) */
  if (ok && seal_verify_release(a, c.out, id, &src, true) != EXIT_OK) ok = false;
  size_t done = 0, failed = 0;
  for (size_t i = 0; ok && i < nt; i++) {
    if (c.target && strcmp(c.target, t[i].name) != 0) continue;
    const char *landed;
    int r = deploy_one(a, &t[i], dir, id, src.digest, cfg->keep_releases, &landed);
    audit_entry e;
    audit_begin(&e, "deploy");
    audit_str(&e, "result", r == EXIT_OK ? "ok" : "failed");
    audit_str(&e, "target", t[i].name);
    audit_str(&e, "to", t[i].path ? t[i].path : t[i].rsync);
    audit_str(&e, "release", id);
    audit_str(&e, "landed", landed);
    audit_str(&e, "manifest", src.digest);
    audit_append(&e, c.out);
    diag_flush(NULL);
    if (r == EXIT_OK) diag_print("govpub: deployed %s to %s (%s): switched and verified", id, t[i].name, landed);
    else diag_print("govpub: deploying %s to %s failed; what it served before is unchanged", id, t[i].name);
    if (r == EXIT_OK) done++;
    else failed++;
  }
  if (ok && c.target && done + failed == 0) {
    diag_error(targets_file, targets_at ? targets_at->line : 1, targets_at ? targets_at->col : 1,
               arena_printf(a, "use a name from the deploy: list of %s", targets_file),
               "no deploy target named \"%s\"", c.target);
    ok = false;
  }
  rc = diag_exit_code();
  if (rc == EXIT_OK && (!ok || failed)) rc = EXIT_PROBLEMS;
  diag_flush(NULL);
  release_unlock(lock);
  arena_free(a);
  return rc;
}

/* cmd_releases: `govpub releases` — the releases kept in the output
 * folder, with what publish.log says about each; --seal ID, an operator's
 * seal on one of them (publish_seal.h); --publisher-key, the public key
 * web servers check seals with (publisher_key.h). */
#include <errno.h>
#include <sodium.h>
#include <unistd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "cmd.h"
#include "cmdline.h"
#include "diag.h"
#include "fsx.h"
#include "publish_log.h"
#include "publish_seal.h"
#include "release.h"
#include "sshkey.h"

static const char help[] =
    "usage: govpub releases [--site DIR] [--out DIR]\n"
    "       govpub releases [--site DIR] [--out DIR] --seal ID\n"
    "       govpub releases --publisher-key > publisher.pub\n"
    "\n"
    "Lists the releases kept in OUT/releases, oldest first: id, when it was\n"
    "published and by whom, its pages (from OUT/publish.log; \"-\" for a\n"
    "release the log does not know, e.g. one made by govpub build), and which\n"
    "one OUT/current (\"*\", served) and OUT/preview point at.\n"
    "\n"
    "--seal ID seals release ID with this host's key, as govpub publish seals\n"
    "each release it makes, so that deploy and rollback take it: for a release\n"
    "made before releases were sealed, or published on the host this one\n"
    "replaces.  The release must verify against its manifest first, but a\n"
    "manifest proves nothing about who wrote it: sealing is you vouching that\n"
    "the release is what govpub published.  Logged in OUT/publish.log.\n"
    "\n"
    "--publisher-key prints this host's publisher public key on standard\n"
    "output, one OpenSSH line (ssh-ed25519 AAAA... govpub-publisher@HOST),\n"
    "and its fingerprint on standard error.  Each seal is signed with it (its\n"
    "secret half derived from the host key, sigcache.key); copy the line to\n"
    "each web server and run `govpub verify --publisher FILE` there.\n"
    "\n"
    "  --site DIR     the site folder, whose out/ is the default OUT (default .)\n"
    "  --out DIR      the output folder (default DIR/out)\n"
    "  --seal ID      seal release ID (see above)\n"
    "  --publisher-key  print this host's publisher public key (see above)\n"
    "  -h, --help     this text\n"
    "\n"
    "exit status: 0; with --seal 1 when the release is not there or does not\n"
    "verify (not sealed); 2 usage; 3 when the folder cannot be read\n";

/* --seal ID: the operator's word for a kept release, after it verifies
 * against its manifest; logged. */
static int seal_release(arena *a, const cmdline *c) {
  if (!c->arg) {
    diag_error(NULL, 0, 0, "govpub releases --seal ID (`govpub releases` lists them)", "--seal needs a release id");
    diag_flush(NULL);
    return EXIT_USAGE;
  }
  int lock = release_lock(a, c->out, false);
  bool ok = lock >= 0 && audit_untracked_out(c->out) == 0, found = false;
  const char **ids;
  size_t n = 0;
  if (ok && release_list_reported(a, c->out, &ids, &n) != 0) ok = false;
  for (size_t i = 0; ok && i < n; i++) found = found || strcmp(ids[i], c->arg) == 0;
  if (ok && !found) {
    diag_error(NULL, 0, 0, "`govpub releases` lists the releases kept", "no release \"%s\" in %s/releases", c->arg,
               c->out);
    ok = false;
  }
  const char *dir = arena_printf(a, "%s/releases/%s", c->out, c->arg);
  manifest_report r;
  unsigned char key[HOST_KEY_BYTES];
  ok = ok && manifest_verify_kept(a, dir, &r) == EXIT_OK && seal_key(key, true, NULL) == 0 &&
       seal_write(a, c->out, dir, c->arg, r.digest, key) == 0;
  sodium_memzero(key, sizeof key);
  int rc = diag_exit_code();
  if (rc == EXIT_OK && !ok) rc = EXIT_PROBLEMS;
  audit_entry e;
  audit_begin(&e, "seal");
  audit_str(&e, "result", rc == EXIT_OK ? "ok" : rc == EXIT_PROBLEMS ? "refused" : "failed");
  audit_str(&e, "release", c->arg);
  if (rc == EXIT_OK) audit_str(&e, "manifest", r.digest);
  if (audit_append(&e, c->out) != 0 && rc == EXIT_OK) rc = EXIT_SYSTEM;
  diag_flush(NULL);
  if (rc == EXIT_OK)
    diag_print("govpub: sealed release %s with this host's key (manifest %s): deploy and rollback take it now",
               c->arg, r.digest);
  else diag_print("govpub: release %s not sealed", c->arg);
  release_unlock(lock);
  return rc;
}

/* --publisher-key: the public key, for web servers; the host key is
 * never made here (a key no release is sealed with would be no use). */
static int publisher_key(arena *a) {
  unsigned char pk[PUBLISHER_PK_BYTES];
  char host[256] = "";
  if (gethostname(host, sizeof host - 1) != 0 || !*host || strpbrk(host, " \t\r\n")) snprintf(host, sizeof host, "unknown");
  int rc = seal_public_key(pk) == 0 ? EXIT_OK : diag_system_failed() ? EXIT_SYSTEM : EXIT_PROBLEMS;
  const char *line = rc == EXIT_OK ? publisher_key_line(a, pk, arena_printf(a, "govpub-publisher@%s", host)) : NULL;
  const char *fp = "";
  if (line) { /* its fingerprint, as ssh-keygen -lf and verify --publisher show it */
    sshkey *k;
    const char *why;
    if (sshkey_parse_line(a, line, strlen(line), &k, &why) == 0) fp = sshkey_fingerprint(a, k);
    if (printf("%s\n", line) < 0 || fflush(stdout) != 0) {
      diag_system(NULL, "cannot write the publisher key to standard output: %s", strerror(errno));
      rc = EXIT_SYSTEM;
    }
  }
  diag_flush(NULL);
  if (rc == EXIT_OK)
    diag_print("govpub: this host's publisher key (%s): put it on each web server for govpub verify --publisher "
               "(docs/operators.md, \"Verifying a served tree\")", fp);
  return rc;
}

/* The last successful publish entry of each release in the log. */
static const char *log_line(arena *a, char *log, const char *id) {
  const char *found = NULL;
  char want[128];
  snprintf(want, sizeof want, "\"release\":\"%s\"", id);
  for (char *line = log; line && *line;) {
    char *nl = strchr(line, '\n');
    if (nl) *nl = '\0';
    if (strstr(line, want) && strstr(line, "\"action\":\"publish\"") && strstr(line, "\"result\":\"ok\""))
      found = arena_strdup(a, line);
    if (nl) *nl = '\n';
    line = nl ? nl + 1 : NULL;
  }
  return found;
}

/* "2024-11-20T10:12:00Z" → "2024-11-20 10:12:00 UTC"; from the id when
 * the log has nothing. */
static const char *when(arena *a, const char *line, const char *id) {
  const char *t = line ? audit_field(a, line, "time") : NULL;
  if (t && strlen(t) == 20) return arena_printf(a, "%.10s %.8s UTC", t, t + 11);
  if (strlen(id) >= 15)
    return arena_printf(a, "%.4s-%.2s-%.2s %.2s:%.2s:%.2s UTC", id, id + 4, id + 6, id + 9, id + 11, id + 13);
  return "-";
}

int cmd_releases(int argc, char **argv) {
  cmdline c = {.name = "releases", .help = help, .accepts = CMDLINE_SEAL | CMDLINE_PUBLISHER_KEY};
  int rc = cmdline_parse(&c, argc, argv);
  if (rc >= 0) return rc;
  if (c.publisher_key && (c.seal || c.arg)) {
    diag_error(NULL, 0, 0, "run `govpub releases --help`", "--publisher-key takes no release id and no --seal");
    diag_flush(NULL);
    return EXIT_USAGE;
  }
  if (c.arg && !c.seal) {
    diag_error(NULL, 0, 0, "run `govpub releases --help`: an id goes with --seal", "unexpected argument \"%s\"",
               c.arg);
    diag_flush(NULL);
    return EXIT_USAGE;
  }
  arena *a = arena_new();
  if (c.publisher_key || c.seal) {
    rc = c.publisher_key ? publisher_key(a) : seal_release(a, &c);
    arena_free(a);
    return rc;
  }
  const char **ids;
  size_t n;
  if (release_list_reported(a, c.out, &ids, &n) != 0) {
    diag_flush(NULL);
    arena_free(a);
    return EXIT_SYSTEM;
  }
  size_t len;
  char *log = fsx_read_arena(a, path_join(a, c.out, "publish.log"), &len);
  const char *cur = release_linked(a, c.out, "current"), *pre = release_linked(a, c.out, "preview");
  for (size_t i = 0; i < n; i++) {
    const char *line = log ? log_line(a, log, ids[i]) : NULL;
    const char *pages = line ? strstr(line, "\"pages\":") : NULL;
    const char *user = line ? audit_field(a, line, "user") : NULL;
    bool is_cur = strcmp(ids[i], cur) == 0, is_pre = strcmp(ids[i], pre) == 0;
    char np[32] = "-";
    if (pages) snprintf(np, sizeof np, "%ld", strtol(pages + 8, NULL, 10));
    const char *marks = is_cur && is_pre ? "current, preview" : is_cur ? "current" : is_pre ? "preview" : "";
    printf("%s %-20s %s  %6s pages  %s%s%s\n", is_cur ? "*" : " ", ids[i], when(a, line, ids[i]), np,
           user ? user : "-", *marks ? "  " : "", marks);
  }
  if (n == 0) diag_print("govpub: no releases in %s/releases", c.out);
  arena_free(a);
  return EXIT_OK;
}

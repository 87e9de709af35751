/* cmd_publish: `govpub publish` — options, then publish_run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmdline.h"
#include "diag.h"
#include "fsx.h"
#include "pool.h"
#include "publish.h"

static const char help[] =
    "usage: govpub publish [--site DIR] [--out DIR] --trust FILE [-j N] [-q]\n"
    "\n"
    "Publishes the site in DIR: every gate, then one atomic switch.\n"
    "  validate → content-safety scan (block hits stop) → three-review gate\n"
    "  (三审制: every document, and the site's own files: govpub review sign\n"
    "  site; static files and charts only where a review covers them) →\n"
    "  build into OUT/releases/.<id>.partial → inspection gate (govpub\n"
    "  check: errors and 单项否决 stop it) → precompress every text file\n"
    "  (FILE.gz, FILE.br) →\n"
    "  manifest (.govpub-manifest: SHA-256 of every file) → seal\n"
    "  (.govpub-seal: the release id and the manifest's digest, signed with\n"
    "  the Ed25519 publisher key derived from this host's key; deploy and\n"
    "  rollback take only a sealed release, and web servers check it with\n"
    "  govpub verify --publisher) →\n"
    "  rename to OUT/releases/<id> → switch OUT/current to it, keeping\n"
    "  keep_releases.\n"
    "Each run, made or refused, is appended to OUT/publish.log (JSON lines).\n"
    "Whatever fails or is killed, OUT/current stays the last whole release.\n"
    "An OUT in which the site's git repository tracks files is refused: publish\n"
    "outside the checkout (--out /srv/govpub).\n"
    "\n"
    "options:\n"
    "  --site DIR     the site folder (default .)\n"
    "  --out DIR      the output folder (default DIR/out)\n"
    "  --trust FILE   the review trust anchor: SSH public keys that may sign\n"
    "                 reviewers.yaml (or $GOVPUB_TRUST)\n"
    "  -j, --jobs N   threads (default: every CPU this process may use)\n"
    "  -q, --quiet    no summary line\n"
    "  -h, --help     this text\n"
    "\n"
    "This host's own key, $GOVPUB_STATE_DIR (else $XDG_STATE_HOME/govpub, else\n"
    "~/.local/state/govpub)/sigcache.key, made at the first publish, seals the\n"
    "releases and keys the signatures remembered in OUT/.cache (verified once);\n"
    "`govpub releases --publisher-key` prints the public key web servers need.\n"
    "Without a state folder for it, publish refuses before building.\n"
    "See also: govpub releases, rollback, verify, deploy (docs/operators.md).\n"
    "exit status: 0 published, 1 refused (the site has problems, listed; or\n"
    "another publish is running), 2 usage, 3 system failure\n";

static int usage_error(const char *what, const char *arg) {
  diag_error(NULL, 0, 0, "run `govpub publish --help`", "%s \"%s\"", what, arg);
  diag_flush(NULL);
  return EXIT_USAGE;
}

int cmd_publish(int argc, char **argv) {
  static const struct option opts[] = {
      {"site", required_argument, NULL, 's'}, {"out", required_argument, NULL, 'o'},
      {"trust", required_argument, NULL, 't'}, {"jobs", required_argument, NULL, 'j'},
      {"quiet", no_argument, NULL, 'q'},      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  char exe[4096];
  publish_opts o = {.site = ".", .datadir = govpub_datadir(exe, sizeof exe), .threads = pool_default_threads()};
  int c;
  optind = 1;
  opterr = 0;
  while ((c = cmdline_getopt(argc, argv, "j:qh", opts, NULL)) != -1) {
    switch (c) {
      case 's': o.site = path_chop(optarg); break;
      case 'o': o.out = path_chop(optarg); break;
      case 't': o.trust = optarg; break;
      case 'j':
        if (!(o.threads = pool_jobs(optarg))) return diag_usage(POOL_JOBS_HINT, "invalid --jobs", optarg);
        break;
      case 'q': o.quiet = true; break;
      case 'h': fputs(help, stdout); return EXIT_OK;
      default: return cmdline_refuse("publish", c, argc, argv);
    }
  }
  if (!o.trust && getenv("GOVPUB_TRUST") && *getenv("GOVPUB_TRUST")) o.trust = getenv("GOVPUB_TRUST");
  if (optind < argc) return usage_error("unexpected argument", argv[optind]);
  char outbuf[4096];
  if (!o.out) {
    snprintf(outbuf, sizeof outbuf, "%s/out", o.site);
    o.out = strcmp(o.site, ".") == 0 ? "out" : outbuf;
  }
  return publish_run(&o);
}

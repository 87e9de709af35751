/* cmd_build: `govpub build` — options, then build_run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build.h"
#include "cmd.h"
#include "cmdline.h"
#include "diag.h"
#include "fsx.h"
#include "pool.h"

static const char help[] =
    "usage: govpub build [--site DIR] [--out DIR] [--publish --trust FILE] [-j N] [-q] [--full] [--inputs]\n"
    "\n"
    "Builds the site in DIR (default: the current folder, which must hold\n"
    "site.yaml) into a new release folder OUT/releases/<id>, then switches a\n"
    "link to it atomically, only when the whole build succeeded:\n"
    "  OUT/preview  for a preview build (drafts shown, 未审核 预览 banner)\n"
    "  OUT/current  with --publish (what web servers serve; drafts left out)\n"
    "On any error nothing that is served changes.\n"
    "\n"
    "A preview build after edits of article bodies only (same files, same\n"
    "front matter, same templates and settings) is incremental: it renders\n"
    "only what the edits changed, into OUT/preview's release in place, with\n"
    "the same bytes a whole build gives (docs/incremental.md).\n"
    "\n"
    "options:\n"
    "  --site DIR     the site folder (default .)\n"
    "  --out DIR      the output folder (default DIR/out)\n"
    "  --publish      publishing build into OUT/current: only documents with three\n"
    "                 valid sign-offs (三审制, docs/reviewers.md)\n"
    "  --trust FILE   the review trust anchor: SSH public keys that may sign\n"
    "                 reviewers.yaml (required with --publish; or $GOVPUB_TRUST)\n"
    "  -j, --jobs N   threads (default: every CPU this process may use)\n"
    "  -q, --quiet    no progress and no summary line\n"
    "  --full         build the preview whole, never incrementally\n"
    "  --inputs       print every page's input files (page<TAB>file lines)\n"
    "  -h, --help     this text\n"
    "\n"
    "exit status: 0 built, 1 the site has problems (listed), 2 usage, 3 system failure\n";

int cmd_build(int argc, char **argv) {
  static const struct option opts[] = {
      {"site", required_argument, NULL, 's'}, {"out", required_argument, NULL, 'o'},
      {"publish", no_argument, NULL, 'p'},    {"jobs", required_argument, NULL, 'j'},
      {"quiet", no_argument, NULL, 'q'},      {"help", no_argument, NULL, 'h'},
      {"inputs", no_argument, NULL, 'i'},      {"trust", required_argument, NULL, 't'},
      {"full", no_argument, NULL, 'F'},
      {NULL, 0, NULL, 0}};
  char exe[4096];
  build_opts o = {.site = ".", .datadir = govpub_datadir(exe, sizeof exe), .threads = pool_default_threads()};
  int c;
  optind = 1;
  opterr = 0;
  while ((c = cmdline_getopt(argc, argv, "j:qh", opts, NULL)) != -1) {
    switch (c) {
      case 's': o.site = path_chop(optarg); break;
      case 'o': o.out = path_chop(optarg); break;
      case 'p': o.publish = true; break;
      case 'j':
        if (!(o.threads = pool_jobs(optarg))) return diag_usage(POOL_JOBS_HINT, "invalid --jobs", optarg);
        break;
      case 'q': o.quiet = true; break;
      case 'i': o.list_inputs = true; break;
      case 'F': o.full = true; break;
      case 't': o.trust = optarg; break;
      case 'h': fputs(help, stdout); return EXIT_OK;
      default: return cmdline_refuse("build", c, argc, argv);
    }
  }
  if (!o.trust && getenv("GOVPUB_TRUST") && *getenv("GOVPUB_TRUST")) o.trust = getenv("GOVPUB_TRUST");
  if (optind < argc) {
    diag_error(NULL, 0, 0, "give the site with --site DIR", "unexpected argument \"%s\"", argv[optind]);
    diag_flush(NULL);
    return EXIT_USAGE;
  }
  char outbuf[4096];
  if (!o.out) {
    snprintf(outbuf, sizeof outbuf, "%s/out", o.site);
    o.out = strcmp(o.site, ".") == 0 ? "out" : outbuf;
  }
  return build_run(&o);
}

/* cmdline: see cmdline.h. */
#include "cmdline.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"

static int usage(const cmdline *c, const char *what, const char *arg) {
  char hint[64];
  snprintf(hint, sizeof hint, "run `govpub %s --help`", c->name);
  diag_error(NULL, 0, 0, hint, "%s \"%s\"", what, arg);
  diag_flush(NULL);
  return EXIT_USAGE;
}

int cmdline_parse(cmdline *c, int argc, char **argv) {
  static const struct option opts[] = {{"site", required_argument, NULL, 's'},
                                       {"out", required_argument, NULL, 'o'},
                                       {"target", required_argument, NULL, 't'},
                                       {"seal", no_argument, NULL, 'S'},
                                       {"publisher", required_argument, NULL, 'p'},
                                       {"publisher-key", no_argument, NULL, 'P'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  if (!c->site) c->site = ".";
  int ch;
  optind = 1;
  opterr = 0;
  while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (ch) {
      case 's': c->site = optarg; break;
      case 'o': c->out = optarg; break;
      case 't':
        if (!c->accepts_target) return usage(c, "unknown option", "--target");
        c->target = optarg;
        break;
      case 'S':
        if (!c->accepts_seal) return usage(c, "unknown option", "--seal");
        c->seal = 1;
        break;
      case 'p':
        if (!c->accepts_publisher) return usage(c, "unknown option", "--publisher");
        c->publisher = optarg;
        break;
      case 'P':
        if (!c->accepts_seal) return usage(c, "unknown option", "--publisher-key");
        c->publisher_key = 1;
        break;
      case 'h': fputs(c->help, stdout); return EXIT_OK;
      default: return usage(c, "unknown or incomplete option", argv[optind - 1]);
    }
  }
  if (optind < argc) c->arg = argv[optind++];
  if (optind < argc) return usage(c, "unexpected argument", argv[optind]);
  if (!c->out) {
    snprintf(c->outbuf, sizeof c->outbuf, "%s/out", c->site);
    c->out = strcmp(c->site, ".") == 0 ? "out" : c->outbuf;
  }
  return -1;
}

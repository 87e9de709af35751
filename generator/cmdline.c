/* cmdline: see cmdline.h. */
#include "cmdline.h"

#include <getopt.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "fsx.h"

static int usage(const cmdline *c, const char *what, const char *arg) {
  char hint[64];
  snprintf(hint, sizeof hint, "run `govpub %s --help`", c->name);
  diag_error(NULL, 0, 0, hint, "%s \"%s\"", what, arg);
  diag_flush(NULL);
  return EXIT_USAGE;
}

/* The options only some commands take: their bit in cmdline.accepts, and
 * where a given one goes (a value, or 1 for a flag). */
static const struct {
  const char *name;
  unsigned bit;
  size_t value; /* offsetof the const char * it sets, or SIZE_MAX */
  size_t flag;  /* offsetof the int it sets to 1, or SIZE_MAX */
} only_some[] = {
    {"target", CMDLINE_TARGET, offsetof(cmdline, target), SIZE_MAX},
    {"seal", CMDLINE_SEAL, SIZE_MAX, offsetof(cmdline, seal)},
    {"publisher-key", CMDLINE_PUBLISHER_KEY, SIZE_MAX, offsetof(cmdline, publisher_key)},
    {"publisher", CMDLINE_PUBLISHER, offsetof(cmdline, publisher), SIZE_MAX},
    {"seen", CMDLINE_SEEN, offsetof(cmdline, seen), SIZE_MAX},
};
#define NONLY (sizeof only_some / sizeof *only_some)

int cmdline_parse(cmdline *c, int argc, char **argv) {
  /* getopt_long's val: 's', 'o', 'h' for the shared options, 1 + the
   * index in only_some for the others */
  struct option opts[NONLY + 4] = {{"site", required_argument, NULL, 's'},
                                   {"out", required_argument, NULL, 'o'},
                                   {"help", no_argument, NULL, 'h'}};
  for (size_t i = 0; i < NONLY; i++)
    opts[3 + i] = (struct option){only_some[i].name, only_some[i].value != SIZE_MAX ? required_argument : no_argument,
                                  NULL, 1 + (int)i};
  if (!c->site) c->site = ".";
  int ch;
  optind = 1;
  opterr = 0;
  while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    if (ch >= 1 && ch <= (int)NONLY) {
      size_t i = (size_t)ch - 1;
      char name[32];
      snprintf(name, sizeof name, "--%s", only_some[i].name); /* argv[optind - 1] may be its value */
      if (!(c->accepts & only_some[i].bit)) return usage(c, "unknown option", name);
      if (only_some[i].value != SIZE_MAX) *(const char **)((char *)c + only_some[i].value) = optarg;
      else *(int *)((char *)c + only_some[i].flag) = 1;
      continue;
    }
    switch (ch) {
      case 's': c->site = path_chop(optarg); break;
      case 'o': c->out = path_chop(optarg); break;
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

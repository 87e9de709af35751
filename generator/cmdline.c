/* cmdline: see cmdline.h. */
#include "cmdline.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "fsx.h"

/* A usage error of `command`, with the hint to read its --help. */
static int usage_of(const char *command, const char *what, const char *arg) {
  char hint[64];
  snprintf(hint, sizeof hint, "run `govpub %s --help`", command);
  diag_error(NULL, 0, 0, hint, "%s \"%s\"", what, arg);
  diag_flush(NULL);
  return EXIT_USAGE;
}

static int usage(const cmdline *c, const char *what, const char *arg) { return usage_of(c->name, what, arg); }

int cmdline_refuse(const char *command, int ch, int argc, char **argv) {
  return ch == CMDLINE_ABBREVIATED ? EXIT_USAGE
                                   : usage_of(command, "unknown or incomplete option", cmdline_refused(argc, argv));
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

/* The name a long option's argv element gives ("--si=x" → "si", its length
 * in *n); NULL when `arg` is no long option. */
static const char *long_name(const char *arg, size_t *n) {
  if (strncmp(arg, "--", 2) != 0 || !arg[2] || arg[2] == '=') return NULL;
  *n = strcspn(arg + 2, "=");
  return arg + 2;
}

/* When `arg` gives a beginning of the names of options in `longopts` and
 * names none in full, reports it (naming them all) and returns true. */
static bool refuse_abbreviation(const char *arg, const struct option *longopts) {
  size_t n, nbegun = 0;
  const char *name = long_name(arg, &n);
  if (!name) return false;
  for (size_t k = 0; longopts[k].name; k++) {
    if (strncmp(longopts[k].name, name, n) != 0) continue;
    if (!longopts[k].name[n]) return false; /* named in full */
    nbegun++;
  }
  if (!nbegun) return false;
  buf hint = BUF_INIT;
  buf_puts(&hint, "did you mean ");
  for (size_t k = 0, i = 0; longopts[k].name; k++)
    if (strncmp(longopts[k].name, name, n) == 0) {
      i++;
      buf_printf(&hint, "%s--%s", i == 1 ? "" : i == nbegun ? " or " : ", ", longopts[k].name);
    }
  buf_puts(&hint, "? (options are not abbreviated)");
  diag_error(NULL, 0, 0, buf_cstr(&hint), "unknown option \"--%.*s\"", (int)n, name);
  diag_flush(NULL);
  buf_free(&hint);
  return true;
}

int cmdline_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts, int *longindex) {
  int at = -1;
  int ch = getopt_long(argc, argv, shortopts, longopts, &at);
  if (longindex) *longindex = at;
  if (ch == -1 || (at < 0 && ch != '?')) return ch; /* the end, or a short option */
  /* The element the option was in: the one before its value when the value
   * was the next element; getopt_long has stepped past both.  A long option
   * refused ('?': unknown, ambiguous, or without its value) was the last. */
  const char *arg = at >= 0 && longopts[at].has_arg != no_argument && optarg == argv[optind - 1] ? argv[optind - 2]
                                                                                                 : argv[optind - 1];
  return refuse_abbreviation(arg, longopts) ? CMDLINE_ABBREVIATED : ch;
}

const char *cmdline_refused(int argc, char **argv) {
  static _Thread_local char dash[3];
  const char *cur = optind < argc ? argv[optind] : NULL;
  bool in_cluster = optopt > 0 && optopt < 128 && cur && cur[0] == '-' && cur[1] && cur[1] != '-' &&
                    strchr(cur + 1, optopt);
  const char *last = argv[optind - 1];
  if (!in_cluster && (optopt <= 0 || strncmp(last, "--", 2) == 0)) return last; /* a long option */
  if (!in_cluster && last[0] == '-' && last[1] == optopt && !last[2]) return last;
  dash[0] = '-', dash[1] = (char)optopt, dash[2] = '\0';
  return dash;
}

/* The name of the option that `arg` gives in full (with or without
 * "=value") when only other commands than c's take it — an unknown option
 * here, not an incomplete one; NULL when it is not one of those. */
static const char *others_option(const cmdline *c, const char *arg) {
  size_t n;
  const char *name = long_name(arg, &n);
  for (size_t i = 0; name && i < NONLY; i++)
    if (!(c->accepts & only_some[i].bit) && strlen(only_some[i].name) == n &&
        strncmp(only_some[i].name, name, n) == 0)
      return only_some[i].name;
  return NULL;
}

int cmdline_parse(cmdline *c, int argc, char **argv) {
  /* getopt_long's val: 's', 'o', 'h' for the shared options, 1 + the
   * index in only_some for those c takes */
  struct option opts[NONLY + 4] = {{"site", required_argument, NULL, 's'},
                                   {"out", required_argument, NULL, 'o'},
                                   {"help", no_argument, NULL, 'h'}};
  size_t nopts = 3;
  for (size_t i = 0; i < NONLY; i++)
    if (c->accepts & only_some[i].bit)
      opts[nopts++] = (struct option){only_some[i].name,
                                      only_some[i].value != SIZE_MAX ? required_argument : no_argument, NULL, 1 + (int)i};
  if (!c->site) c->site = ".";
  int ch;
  optind = 1;
  opterr = 0;
  while ((ch = cmdline_getopt(argc, argv, "h", opts, NULL)) != -1) {
    if (ch >= 1 && ch <= (int)NONLY) {
      size_t i = (size_t)ch - 1;
      if (only_some[i].value != SIZE_MAX) *(const char **)((char *)c + only_some[i].value) = optarg;
      else *(int *)((char *)c + only_some[i].flag) = 1;
      continue;
    }
    switch (ch) {
      case 's': c->site = path_chop(optarg); break;
      case 'o': c->out = path_chop(optarg); break;
      case 'h': fputs(c->help, stdout); return EXIT_OK;
      default: {
        const char *others = ch == CMDLINE_ABBREVIATED ? NULL : others_option(c, argv[optind - 1]);
        if (!others) return cmdline_refuse(c->name, ch, argc, argv);
        char name[32];
        snprintf(name, sizeof name, "--%s", others);
        return usage(c, "unknown option", name);
      }
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

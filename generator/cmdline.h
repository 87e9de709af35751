/* cmdline: how govpub reads its command lines.
 *
 * cmdline_getopt is getopt_long for every subcommand, except that a long
 * option is taken only by its full name.
 *
 * cmdline_parse reads the options that govpub releases, rollback, verify
 * and deploy share — --out DIR, --site DIR, -h, at most one positional
 * argument — and the options only some of them take (deploy's --target
 * NAME, releases' --seal and --publisher-key, verify's --publisher FILE and
 * --seen FILE), parsed one way, from one table, with one kind of usage
 * error. */
#ifndef GOVPUB_CMDLINE_H
#define GOVPUB_CMDLINE_H

#include <getopt.h>

/* What cmdline_getopt answers for an abbreviated long option, once it has
 * reported it: the command returns EXIT_USAGE. */
#define CMDLINE_ABBREVIATED (-2)

/* getopt_long(argc, argv, shortopts, longopts, longindex) (the caller sets
 * optind and opterr = 0 first, as for it), except for a long option given
 * by a beginning of its name (--pub for --publish, --s for --site or
 * --stage): getopt_long takes one that is unique and a prefix unique today
 * turns ambiguous when an option is added, so it is refused, reported as
 * `unknown option "--pub"` with a hint naming the options it begins, and
 * answered with CMDLINE_ABBREVIATED.  `longindex` may be NULL; it is set to
 * -1 when no long option was taken. */
int cmdline_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts, int *longindex);

/* The option cmdline_getopt (or getopt_long) has just refused with '?', as
 * the user wrote it, for the message `unknown or incomplete option "…"`:
 * the element it was in ("--sitex", "--site" without its value, "-Z"), or
 * "-Z" itself when it stood in a cluster ("-Zq": getopt has not left that
 * element yet, so the one before it is no answer).  Valid until the next
 * call. */
const char *cmdline_refused(int argc, char **argv);

/* What a command answers when cmdline_getopt gives it `ch`, an option it
 * does not take: an abbreviation is reported already (CMDLINE_ABBREVIATED);
 * any other is reported here, `unknown or incomplete option "…"` (as
 * cmdline_refused names it) with the hint `run \`govpub COMMAND --help\``.
 * Returns EXIT_USAGE. */
int cmdline_refuse(const char *command, int ch, int argc, char **argv);

/* The options of one command or another: a command names those it takes
 * in cmdline.accepts; any other is an unknown option to it. */
enum {
  CMDLINE_TARGET = 1 << 0,        /* --target NAME (deploy) */
  CMDLINE_SEAL = 1 << 1,          /* --seal (releases) */
  CMDLINE_PUBLISHER_KEY = 1 << 2, /* --publisher-key (releases) */
  CMDLINE_PUBLISHER = 1 << 3,     /* --publisher FILE (verify) */
  CMDLINE_SEEN = 1 << 4,          /* --seen FILE (verify) */
};

typedef struct {
  const char *name;   /* the command, for messages */
  const char *help;   /* printed by -h/--help */
  unsigned accepts;   /* CMDLINE_* of the options it takes beyond the shared ones */
  const char *site;   /* --site (default ".") */
  const char *out;    /* --out (default SITE/out) */
  const char *arg;    /* the positional argument, NULL when none */
  const char *target, *publisher, *seen; /* their options' values, NULL when not given */
  int seal, publisher_key;               /* their options given */
  char outbuf[4096];
} cmdline;

/* Returns -1 to go on, or the exit code to return at once (help shown:
 * 0; bad usage, reported: 2). */
int cmdline_parse(cmdline *c, int argc, char **argv);

#endif

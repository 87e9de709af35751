/* cmdline: the options that govpub releases, rollback, verify and deploy
 * share — --out DIR, --site DIR, -h, at most one positional argument, and
 * the options of one command (deploy's --target NAME, releases' --seal and
 * --publisher-key, verify's --publisher FILE) —
 * parsed one way, with one kind of usage error. */
#ifndef GOVPUB_CMDLINE_H
#define GOVPUB_CMDLINE_H

typedef struct {
  const char *name;   /* the command, for messages */
  const char *help;   /* printed by -h/--help */
  const char *site;   /* --site (default ".") */
  const char *out;    /* --out (default SITE/out) */
  const char *target; /* --target (deploy only; NULL when not accepted) */
  const char *arg;    /* the positional argument, NULL when none */
  const char *publisher; /* --publisher FILE (verify only) */
  int seal;           /* --seal (releases only) */
  int publisher_key;  /* --publisher-key (releases only) */
  int accepts_target, accepts_seal /* --seal and --publisher-key */, accepts_publisher;
  char outbuf[4096];
} cmdline;

/* Returns -1 to go on, or the exit code to return at once (help shown:
 * 0; bad usage, reported: 2). */
int cmdline_parse(cmdline *c, int argc, char **argv);

#endif

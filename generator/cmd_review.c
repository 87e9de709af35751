/* cmd_review: `govpub review status|sign|reject|log|diff|verify|sign-roster` —
 * the reviewer's side of the 三审制 (docs/reviewers.md): its --help, its
 * options, and which command runs; the commands are in cmd_review_*.c
 * (cmd_review.h says which is where). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd_review.h"
#include "cmdline.h"
#include "diag.h"

static const char help[] =
    "usage: govpub review <command> [options]\n"
    "\n"
    "The 三审制: every document under content/ needs 初审 (stage 1), 复审 (2)\n"
    "and 终审 (3) by three different reviewers before it is published; so\n"
    "does the site itself (FILE \"site\": site.yaml, layouts/, the theme, the\n"
    "word lists, and the static files and charts no document uses).\n"
    "\n"
    "commands:\n"
    "  status [--pending]     every document and its review state, then a count\n"
    "                         of each state; --pending: only what still needs\n"
    "                         a reviewer (not approved; drafts left out)\n"
    "  sign FILE --stage N --key KEY [--comment TEXT] [--new-round]\n"
    "                         approve stage N of FILE (content/…md, or site); KEY\n"
    "                         is your private key, or its .pub with the key in\n"
    "                         ssh-agent.  A FILE approved as it is is not signed\n"
    "                         again: --new-round (with --stage 1) withdraws its\n"
    "                         approval and starts a new round, withheld from\n"
    "                         publishing until 复审 and 终审 sign\n"
    "  sign FILE FILE… | --all --stage N --key KEY [--yes [--expect SET]] [--comment TEXT]\n"
    "                         approve stage N of several documents: lists each\n"
    "                         (its state, what changed since its approval, its\n"
    "                         bundle digest) and what is not signed and why, then\n"
    "                         signs on \"y\" at the terminal, or with --yes (without\n"
    "                         either: nothing).  --all: whatever awaits stage N\n"
    "                         (初审: stale ones too), the site among them, that\n"
    "                         KEY's reviewer may sign.  One statement per\n"
    "                         document; exit 1 if any was not signed.  The list\n"
    "                         ends with its set's digest: --expect SET signs only\n"
    "                         when what it would sign is still that set (a script:\n"
    "                         list, read, then sign with --yes --expect SET)\n"
    "  reject FILE --stage N --key KEY --comment TEXT\n"
    "                         send FILE back to 初审, saying why (an approved FILE\n"
    "                         is withheld from publishing until all three sign again)\n"
    "  log [FILE]             the sign-offs, oldest first, each verified\n"
    "  diff FILE              what changed in FILE and the files it uses since\n"
    "                         its last approval (the approved version from git)\n"
    "  verify                 verify the roster and every record; exit 1 on any problem\n"
    "  sign-roster --key KEY  sign reviewers.yaml (the trust anchor's holder; with\n"
    "                         --trust, KEY must be one of the anchor's keys)\n"
    "\n"
    "options:\n"
    "  --site DIR      the site folder (default .)\n"
    "  --trust FILE    the trust anchor: SSH public keys that may sign\n"
    "                  reviewers.yaml (or $GOVPUB_TRUST); without it the roster\n"
    "                  is used unverified, and status, sign, log and diff\n"
    "                  say so\n"
    "  -h, --help      this text\n";

static int run_sign(const review_opts *o) { return review_cmd_sign(o, true); }
static int run_reject(const review_opts *o) { return review_cmd_sign(o, false); }

/* The commands, what runs each, and the options each reads besides --site
 * and --trust: one it does not read would be ignored without a word
 * (status --stage 2 is not a filter), so it is refused. */
static const struct {
  const char *name;
  int (*run)(const review_opts *o);
  const char *takes; /* its options, each "--name " */
} commands[] = {
    {"status", review_cmd_status, "--pending "},
    {"sign", run_sign, "--stage --key --comment --new-round --all --yes --expect "},
    /* reject reads --new-round to refuse it with its reason (review_cmd_sign) */
    {"reject", run_reject, "--stage --key --comment --new-round "},
    {"log", review_cmd_log, ""},
    {"diff", review_cmd_diff, ""},
    {"verify", review_cmd_verify, ""},
    {"sign-roster", review_cmd_sign_roster, "--key "},
};

/* Whether takes (commands[].takes) names the option --opt. */
static bool takes_option(const char *takes, const char *opt) {
  size_t n = strlen(opt);
  for (const char *p = takes; (p = strstr(p, "--")); p += 2)
    if (strncmp(p + 2, opt, n) == 0 && p[2 + n] == ' ') return true;
  return false;
}

int cmd_review(int argc, char **argv) {
  static const struct option lopts[] = {
      {"site", required_argument, NULL, 's'},   {"trust", required_argument, NULL, 't'},
      {"key", required_argument, NULL, 'k'},    {"stage", required_argument, NULL, 'n'},
      {"comment", required_argument, NULL, 'c'}, {"new-round", no_argument, NULL, 'r'},
      {"pending", no_argument, NULL, 'p'},      {"all", no_argument, NULL, 'a'},
      {"yes", no_argument, NULL, 'y'},          {"expect", required_argument, NULL, 'e'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    fputs(help, argc < 2 ? stderr : stdout);
    return argc < 2 ? EXIT_USAGE : EXIT_OK;
  }
  const char *sub = argv[1];
  review_opts o = {.site = ".", .trust = getenv("GOVPUB_TRUST")};
  if (o.trust && !*o.trust) o.trust = NULL;
  optind = 1;
  opterr = 0;
  int c, at = -1;
  unsigned given = 0; /* bit k: lopts[k] was given */
  while ((c = cmdline_getopt(argc - 1, argv + 1, "h", lopts, &at)) != -1) {
    if (at >= 0) given |= 1u << at;
    at = -1;
    switch (c) {
      case 's': o.site = optarg; break;
      case 't': o.trust = optarg; break;
      case 'k': o.key = optarg; break;
      case 'n': o.stage = atoi(optarg); break;
      case 'c': o.comment = optarg; break;
      case 'r': o.new_round = true; break;
      case 'p': o.pending = true; break;
      case 'a': o.all = true; break;
      case 'y': o.yes = true; break;
      case 'e': o.expect = optarg; break;
      case 'h': fputs(help, stdout); return EXIT_OK;
      default: return cmdline_refuse("review", c, argc - 1, argv + 1);
    }
  }
  if (optind < argc - 1) {
    o.files = argv + 1 + optind;
    o.nfiles = (size_t)(argc - 1 - optind);
    o.file = o.files[0];
  }
  size_t i = 0;
  while (i < sizeof commands / sizeof *commands && strcmp(sub, commands[i].name) != 0) i++;
  if (i == sizeof commands / sizeof *commands) return review_usage_error("unknown review command \"%s\"", sub);
  int refused = 0;
  for (int k = 0; lopts[k].name; k++)
    if ((given >> k & 1) && lopts[k].val != 's' && lopts[k].val != 't' &&
        !takes_option(commands[i].takes, lopts[k].name)) {
      diag_error(NULL, 0, 0, "run `govpub review --help` for the options of each command",
                 "review %s does not take --%s", sub, lopts[k].name);
      refused++;
    }
  if (refused) {
    diag_flush(NULL);
    return EXIT_USAGE;
  }
  return commands[i].run(&o);
}

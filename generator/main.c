/* main: the command table and dispatch.  `govpub <command> [options]`; each
 * command lives in cmd_<name>.c. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"

typedef struct {
  const char *name;
  int (*fn)(int argc, char **argv);
  const char *summary;
} command;

static const command commands[] = {
    {"init", cmd_init, "start a site in a new folder: site.yaml, columns, the rule packs, what to fill in"},
    {"new", cmd_new, "start a page: its column's front matter, the next free 索引号, draft: true"},
    {"build", cmd_build, "build the site into a new release (preview, or --publish)"},
    {"chart", cmd_chart, "render chart specs (charts/<id>.yaml) to SVG"},
    {"scan", cmd_scan, "content-safety scan: sensitive words, wording, typos, personal data"},
    {"check", cmd_check, "the self-inspection (政府网站检查指标): links, columns, dates, metadata, footer"},
    {"review", cmd_review, "三审制: review status, sign, reject, log, diff, verify, sign-roster"},
    {"serve", cmd_serve, "preview server: build, serve on 127.0.0.1, rebuild and reload on every change"},
    {"publish", cmd_publish, "every gate, precompress, manifest, atomic switch of out/current"},
    {"releases", cmd_releases, "list the releases in out/ (the served one marked)"},
    {"rollback", cmd_rollback, "switch out/current back to an earlier release"},
    {"verify", cmd_verify_tree, "check a served tree against its manifest (网页防篡改)"},
    {"deploy", cmd_deploy, "copy a release to the servers in deploy.yaml, switch, verify"},
    {"report", cmd_report, "write the annual website report (政府网站工作年度报表) of a year as a page"},
};

static void usage(FILE *f) {
  fputs("usage: govpub <command> [options]\n\n"
        "govpub builds and publishes Chinese government portals from Markdown.\n\n"
        "commands:\n", f);
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fputs("\nRun `govpub <command> --help` for a command's options.\n"
        "govpub --version prints the version.\n", f);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return EXIT_USAGE;
  }
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
    usage(stdout);
    return EXIT_OK;
  }
  if (strcmp(argv[1], "--version") == 0) {
    puts("govpub " GOVPUB_VERSION);
    return EXIT_OK;
  }
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    if (strcmp(argv[1], commands[i].name) == 0) return commands[i].fn(argc - 1, argv + 1);
  diag_error(NULL, 0, 0, "run `govpub --help` for the list of commands", "unknown command \"%s\"", argv[1]);
  diag_flush(NULL);
  return EXIT_USAGE;
}

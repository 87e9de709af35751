/* cmd: the subcommands' entry points, dispatched from main.c's table.  Each
 * cmd_<name>.c parses its own options, prints its own --help, then calls
 * the modules; each returns an exit code (diag.h). */
#ifndef GOVPUB_CMD_H
#define GOVPUB_CMD_H

int cmd_build(int argc, char **argv);
int cmd_review(int argc, char **argv);
int cmd_chart(int argc, char **argv);

#endif

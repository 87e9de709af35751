/* cmd: the subcommands' entry points, dispatched from main.c's table.  Each
 * cmd_<name>.c parses its own options, prints its own --help, then calls
 * the modules; each returns an exit code (diag.h). */
#ifndef GOVPUB_CMD_H
#define GOVPUB_CMD_H

#include <stddef.h>

int cmd_build(int argc, char **argv);
int cmd_scan(int argc, char **argv);
int cmd_review(int argc, char **argv);
int cmd_chart(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_publish(int argc, char **argv);
int cmd_releases(int argc, char **argv);
int cmd_rollback(int argc, char **argv);
int cmd_verify_tree(int argc, char **argv); /* cmd_verify.c (`govpub review verify` is review_cmd_verify, cmd_review_status.c) */
int cmd_deploy(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_new(int argc, char **argv);
int cmd_init(int argc, char **argv);

/* Where installed themes live (datadir.c): $GOVPUB_DATADIR; else next to
 * the binary; else the install prefix — its real path when it exists (no
 * build/.., no symbolic link).  The result may point into buf. */
const char *govpub_datadir(char *buf, size_t size);

#endif

/* proc: running another program (git, ssh, rsync) and collecting what it
 * says: standard output and standard error each into a buffer, never onto
 * govpub's own stderr (only diag writes there).
 *
 * Ownership: the caller owns the bufs (buf_free). */
#ifndef GOVPUB_PROC_H
#define GOVPUB_PROC_H

#include "buf.h"

/* Runs argv[0] (looked up in PATH) with argv, standard input /dev/null;
 * `out` and `err` (either may be NULL: discarded) get what it prints.
 * Returns its exit status, 127 when it cannot be run, 128+N when killed by
 * signal N. */
int proc_run(const char *const *argv, buf *out, buf *err);

#endif

/* diag: every message govpub shows the user goes through here (DESIGN §9:
 * only diag writes to stderr).
 *
 * Messages read `path:line:col: error: what is wrong` followed by an indented
 * `hint: what to do`.  They are collected (thread-safe) and printed by
 * diag_flush() sorted by path, line and column (a note that explains
 * another message right after it: diag_note_after), so the report of a
 * parallel build is the same on every run.  Lines and columns are 1-based and count
 * Unicode code points; 0 means "no position" and prints `path: error:`.  A
 * message about a whole source file (a link, a file too large, an output
 * it makes twice) gives 1, 1 unless a better place names the cause (the
 * front matter field): as compilers do, so that an editor opens the file.
 * No position is for what has no lines: a folder, a file that could not be
 * read, the output (govpub verify), a key given on the command line. */
#ifndef GOVPUB_DIAG_H
#define GOVPUB_DIAG_H

#include <errno.h>
#include <stdio.h>

typedef enum { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } diag_level;

/* Exit codes (DESIGN §9). */
enum { EXIT_OK = 0, EXIT_PROBLEMS = 1, EXIT_USAGE = 2, EXIT_SYSTEM = 3 };

/* Records a message.  `path` may be NULL (the message is about govpub itself);
 * `hint` may be NULL.  Strings are copied. */
void diag_at(diag_level lvl, const char *path, int line, int col, const char *hint,
             const char *fmt, ...) __attribute__((format(printf, 6, 7)));
#define diag_error(path, line, col, hint, ...) diag_at(DIAG_ERROR, path, line, col, hint, __VA_ARGS__)
#define diag_warning(path, line, col, hint, ...) diag_at(DIAG_WARNING, path, line, col, hint, __VA_ARGS__)
/* A note that explains messages elsewhere, as a compiler's note follows
 * its error: "not rendered: …" at a page, about the errors of the layout
 * that stopped it.  It reads `path:line:col: note: what` as any note but
 * is sorted with its anchor, anchor_path:anchor_line:anchor_col, printed
 * right after the messages there (anchor_line 0: after every message of
 * the file anchor_path, for a note about what is wrong anywhere in it).
 * Notes on one anchor follow in the order of their own place and text,
 * whichever thread recorded them first.  anchor_path NULL: no anchor, a
 * note sorted at its own place (diag_at). */
void diag_note_after(const char *anchor_path, int anchor_line, int anchor_col, const char *path, int line, int col,
                     const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* A failure of the system rather than of the site (I/O, out of space): an
 * error that makes the exit code 3.  errno-style text goes in the message;
 * its hint is chosen here from errno as it is at the call (EACCES: the
 * permissions, ENOSPC: free space, ENOENT: the path …; diag_system_hint).
 * The macro takes errno before the call's other arguments are evaluated
 * (a path built for the message may allocate), whose order C leaves open. */
#define diag_system(path, ...)                                                                                \
  do {                                                                                                         \
    int diag_errno_ = errno;                                                                                   \
    diag_system_at(diag_errno_, NULL, path, __VA_ARGS__);                                                      \
  } while (0)
/* The same with the errno `err` (0: a failure with no errno, given a
 * generic hint) or, when `hint` is not NULL, that hint. */
void diag_system_at(int err, const char *hint, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The hint of a system failure with the errno `err` (0: the generic one). */
const char *diag_system_hint(int err);

/* A usage error of a command's own line — `govpub: error: WHAT "ARG"` (ARG
 * may be NULL) and its hint — printed at once; returns EXIT_USAGE. */
int diag_usage(const char *hint, const char *what, const char *arg);

/* Counts since start (or the last diag_reset). */
int diag_errors(void);
int diag_warnings(void);
int diag_system_failed(void);

/* Prints every recorded message to `out` (stderr when NULL), sorted, and
 * forgets them.  Counts are kept. */
void diag_flush(FILE *out);
/* A recorded message, as diag_take hands it over (strings valid during the call). */
typedef struct diag_msg {
  diag_level lvl;
  const char *path, *msg, *hint;
  int line, col;
} diag_msg;
/* Hands every recorded message but system failures to fn, sorted as
 * diag_flush prints them, and forgets them (their counts too): for a caller
 * that reports them in its own format (govpub check).  fn must not call diag. */
void diag_take(void (*fn)(void *ud, const diag_msg *m), void *ud);
/* While `copy` is not NULL, what diag_flush(NULL) and diag_print write to
 * stderr is written to `copy` too (govpub serve shows a failed build's
 * messages in the browser). */
void diag_tee(FILE *copy);
/* Forgets messages and counts (tests; govpub serve between builds). */
void diag_reset(void);
/* The exit code the recorded problems call for. */
int diag_exit_code(void);

/* A line of its own on stderr, at once (summaries after diag_flush). */
void diag_print(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* On a terminal, rewrites one status line ("pages 120/1000"); nothing when
 * stderr is not a terminal.  diag_progress_end clears it. */
void diag_progress(const char *what, size_t done, size_t total);
/* A monotonic clock in seconds. */
double diag_seconds(void);
/* With GOVPUB_TIMINGS=1 in the environment, prints how long the phase
 * `name` took since *t and, on a line of its own, the process's resident
 * and peak memory (docs/performance.md); sets *t to now. */
void diag_phase(const char *name, double *t);
void diag_progress_end(void);

/* Appends s to b as diag prints what a message quotes: a tab as \t, the
 * other C0 controls and DEL as \xNN, the C1 and bidi controls and U+2028/
 * U+2029 as \uNNNN, each byte that is not UTF-8 as \xNN, so that one
 * diagnostic is one line and no escape sequence reaches the terminal (for
 * the reports that print diagnostics themselves: govpub check, govpub
 * scan, govpub review). */
struct buf;
void diag_visible(struct buf *b, const char *s);

/* Column (1-based, in code points) of byte offset `off` within `line`. */
int diag_col(const char *line, size_t off);
/* diag_col of `at` on the line starting at `line`, counted on from the
 * place asked last when it is on the same line and not past `at`: a
 * reader asking for each field of a line in turn counts the line once
 * (from its start every time, a CSV line of a million fields took hours). */
typedef struct {
  const char *line, *at;
  int col;
} diag_col_memo;
int diag_col_next(diag_col_memo *m, const char *line, const char *at);

#endif

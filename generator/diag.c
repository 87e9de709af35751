/* diag: see diag.h.  Messages are kept in one growing array under a mutex;
 * diag_flush sorts them by (place, sequence), a note's place its anchor's
 * when it has one (diag_note_after). */
#include "diag.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cjk.h"

/* A place messages are said at or anchored to. */
typedef struct {
  const char *path;
  int line, col;
} place;

typedef struct {
  diag_level lvl;
  char *path, *msg, *hint;
  int line, col;
  size_t seq;
  bool system; /* diag_system: stays when diag_take hands the rest over */
  char *anchor; /* diag_note_after: the path it is sorted at (NULL: its own) */
  int anchor_line, anchor_col;
} message;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static message *msgs;
static size_t nmsgs, capmsgs, seq;
/* nerrors is read without the lock (diag_errors: a build's writers ask whether it has failed) */
static _Atomic int nerrors;
static int nwarnings, nsystem;

static char *dup_or_null(const char *s) {
  if (!s) return NULL;
  size_t n = strlen(s);
  char *p = malloc(n + 1);
  if (!p) abort();
  memcpy(p, s, n + 1);
  return p;
}

/* Keeps a message; msg is taken over, the rest copied.  `anchor` is
 * diag_note_after's (path NULL: none). */
static void record(diag_level lvl, const char *path, int line, int col, const char *hint,
                   char *msg, bool system, place anchor) {
  pthread_mutex_lock(&lock);
  if (nmsgs == capmsgs) {
    capmsgs = capmsgs ? capmsgs * 2 : 32;
    msgs = realloc(msgs, capmsgs * sizeof *msgs);
    if (!msgs) abort();
  }
  msgs[nmsgs++] = (message){.lvl = lvl, .path = dup_or_null(path), .msg = msg, .hint = dup_or_null(hint),
                            .line = line, .col = col, .seq = seq++, .system = system,
                            .anchor = dup_or_null(anchor.path), .anchor_line = anchor.line, .anchor_col = anchor.col};
  if (lvl == DIAG_ERROR) nerrors++;
  if (lvl == DIAG_WARNING) nwarnings++;
  pthread_mutex_unlock(&lock);
}

/* A message's text, malloc'd. */
static char *text_of(const char *fmt, va_list ap) {
  buf b = BUF_INIT;
  buf_vprintf(&b, fmt, ap);
  return buf_take(&b, NULL);
}

void diag_at(diag_level lvl, const char *path, int line, int col, const char *hint,
             const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  record(lvl, path, line, col, hint, text_of(fmt, ap), false, (place){0});
  va_end(ap);
}

void diag_note_after(const char *anchor_path, int anchor_line, int anchor_col, const char *path, int line, int col,
                     const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  record(DIAG_NOTE, path, line, col, NULL, text_of(fmt, ap), false, (place){anchor_path, anchor_line, anchor_col});
  va_end(ap);
}

/* One hint per kind of failure, so that each caller need not say what to
 * do about a full disk or a missing folder. */
const char *diag_system_hint(int err) {
  switch (err) {
  case EACCES:
  case EPERM:
    return "check the permissions of the path and of the folders above it, and the account govpub runs as";
  case ENOSPC:
  case EDQUOT:
    return "free space on that disk (or raise the account's quota) and run again";
  case ENOENT:
  case ENOTDIR:
    return "the path, or a folder on the way to it, is missing or is a file: check the path";
  case EROFS:
    return "the file system is mounted read-only: use a writable folder";
  case EMFILE:
  case ENFILE:
    return "too many open files: raise the limit (ulimit -n) or run with fewer threads (-j)";
  case EISDIR:
    return "a folder is where a file should be: rename or remove the folder";
  case EIO:
    return "the disk reported an error: see the system log (journalctl -k)";
  default:
    return "a problem of the machine govpub runs on, not of the site: fix what the message names and run again";
  }
}

void diag_system_at(int err, const char *hint, const char *path, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = text_of(fmt, ap);
  va_end(ap);
  pthread_mutex_lock(&lock);
  nsystem++;
  pthread_mutex_unlock(&lock);
  record(DIAG_ERROR, path, 0, 0, hint ? hint : diag_system_hint(err), msg, true, (place){0});
}

int diag_usage(const char *hint, const char *what, const char *arg) {
  if (arg) diag_error(NULL, 0, 0, hint, "%s \"%s\"", what, arg);
  else diag_error(NULL, 0, 0, hint, "%s", what);
  diag_flush(NULL);
  return EXIT_USAGE;
}

int diag_errors(void) { return nerrors; }
int diag_warnings(void) { return nwarnings; }
int diag_system_failed(void) { return nsystem; }

static place own_place(const message *m) { return (place){m->path, m->line, m->col}; }

/* Where m is sorted: its anchor's place when it has one (a whole file's
 * after every line of it), else its own. */
static place sort_place(const message *m) {
  if (!m->anchor) return own_place(m);
  if (!m->anchor_line) return (place){m->anchor, INT_MAX, INT_MAX};
  return (place){m->anchor, m->anchor_line, m->anchor_col};
}

static int cmp_place(place x, place y) {
  /* Messages without a path (about govpub itself) come first. */
  if (!x.path != !y.path) return x.path ? 1 : -1;
  if (x.path) {
    int c = strcmp(x.path, y.path);
    if (c) return c;
  }
  if (x.line != y.line) return x.line < y.line ? -1 : 1;
  if (x.col != y.col) return x.col < y.col ? -1 : 1;
  return 0;
}

/* By place; at one place the messages said there come before the notes
 * anchored to it, which go by their own place and text (the order they
 * were recorded in is the threads'). */
static int cmp_msg(const void *a, const void *b) {
  const message *x = a, *y = b;
  int c = cmp_place(sort_place(x), sort_place(y));
  if (c) return c;
  if (!x->anchor != !y->anchor) return x->anchor ? 1 : -1;
  if (x->anchor && ((c = cmp_place(own_place(x), own_place(y))) || (c = strcmp(x->msg, y->msg)))) return c;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static bool same_str(const char *x, const char *y) { return x == y || (x && y && strcmp(x, y) == 0); }

/* Said at the same place, and anchored to the same (or neither). */
static bool same_place(const message *x, const message *y) {
  return !cmp_place(own_place(x), own_place(y)) && same_str(x->anchor, y->anchor) &&
         x->anchor_line == y->anchor_line && x->anchor_col == y->anchor_col;
}

/* Frees a message's strings. */
static void free_msg(message *m) {
  free(m->path);
  free(m->msg);
  free(m->hint);
  free(m->anchor);
}

/* A message said (or merged away): no longer counted, its strings freed. */
static void forget(message *m) {
  if (m->lvl == DIAG_ERROR) nerrors--;
  if (m->lvl == DIAG_WARNING) nwarnings--;
  free_msg(m);
}

/* Sorts the messages and leaves out each that repeats one before it at
 * the same place (a CSV two charts read, say, is reported by both):
 * counted once.  With the lock held. */
static void sort_and_merge(void) {
  if (!nmsgs) return;
  qsort(msgs, nmsgs, sizeof *msgs, cmp_msg);
  size_t kept = 0;
  for (size_t i = 0; i < nmsgs; i++) {
    message *m = &msgs[i];
    bool repeat = false;
    for (size_t j = kept; j-- > 0 && !repeat;) {
      const message *k = &msgs[j];
      if (!same_place(k, m)) break;
      repeat = k->lvl == m->lvl && k->system == m->system && same_str(k->msg, m->msg) && same_str(k->hint, m->hint);
    }
    if (!repeat) msgs[kept++] = *m;
    else forget(m);
  }
  nmsgs = kept;
}

static const char *level_name(diag_level l) {
  return l == DIAG_ERROR ? "error" : l == DIAG_WARNING ? "warning" : "note";
}

static FILE *tee; /* diag_tee's copy of what goes to stderr, or NULL */

void diag_tee(FILE *copy) {
  pthread_mutex_lock(&lock);
  tee = copy;
  pthread_mutex_unlock(&lock);
}

/* Appends s with what must not reach the reader's terminal as it is
 * escaped: a message quotes what a file holds and names files, and an
 * escape sequence in a link or a file name must not drive the terminal,
 * nor a tab or a line end split one diagnostic over columns or lines (one
 * diagnostic, one line: the line ends are diag's).  A tab prints as \t,
 * the other C0 controls and DEL as \xNN; the C1 controls, the bidi
 * controls, the other invisible characters (utf8_invisible: a zero-width
 * space in a file name would not show) and U+2028/U+2029 (a line end to an
 * editor, a browser and YAML) as \uNNNN; each byte of what is not UTF-8 as \xNN, since a terminal not
 * in UTF-8 mode reads a lone 0x9B as CSI. */
void diag_visible(buf *b, const char *s) {
  size_t left = strlen(s);
  while (left) {
    uint32_t cp;
    size_t n = utf8_decode(s, left, &cp);
    if (n == 0) buf_printf(b, "\\x%02X", (unsigned char)*s), n = 1; /* not UTF-8: byte by byte */
    else if (cp == '\t') buf_puts(b, "\\t");
    else if (cp < 0x20 || cp == 0x7f) buf_printf(b, "\\x%02X", (unsigned)cp);
    else if ((cp >= 0x80 && cp <= 0x9F) || (cp >= 0x80 && utf8_invisible(cp)))
      buf_printf(b, "\\u%04X", (unsigned)cp); /* C1 (CSI is U+009B); line ends, reordering, zero widths */
    else buf_put(b, s, n);
    s += n;
    left -= n;
  }
}

/* One message, made whole first: stderr is unbuffered, and a message
 * printed piece by piece cost a system call per character. */
static void print_msg(FILE *out, const message *m) {
  buf b = BUF_INIT;
  if (!m->path) buf_puts(&b, "govpub");
  else diag_visible(&b, m->path);
  if (m->path && m->line > 0) buf_printf(&b, ":%d", m->line);
  if (m->path && m->line > 0 && m->col > 0) buf_printf(&b, ":%d", m->col);
  buf_printf(&b, ": %s: ", level_name(m->lvl));
  diag_visible(&b, m->msg);
  buf_putc(&b, '\n');
  if (m->hint) {
    buf_puts(&b, "  hint: ");
    diag_visible(&b, m->hint);
    buf_putc(&b, '\n');
  }
  fwrite(b.data, 1, b.len, out);
  buf_free(&b);
}

void diag_flush(FILE *out) {
  if (!out) out = stderr;
  pthread_mutex_lock(&lock);
  sort_and_merge();
  for (size_t i = 0; i < nmsgs; i++) {
    message *m = &msgs[i];
    print_msg(out, m);
    if (tee && out == stderr) print_msg(tee, m);
    free_msg(m);
  }
  nmsgs = 0;
  fflush(out);
  pthread_mutex_unlock(&lock);
}

void diag_take(void (*fn)(void *ud, const diag_msg *m), void *ud) {
  pthread_mutex_lock(&lock);
  sort_and_merge();
  size_t kept = 0;
  for (size_t i = 0; i < nmsgs; i++) {
    message *m = &msgs[i];
    if (m->system) {
      msgs[kept++] = *m;
      continue;
    }
    diag_msg dm = {m->lvl, m->path, m->msg, m->hint, m->line, m->col};
    fn(ud, &dm);
    forget(m);
  }
  nmsgs = kept;
  pthread_mutex_unlock(&lock);
}

void diag_reset(void) {
  pthread_mutex_lock(&lock);
  for (size_t i = 0; i < nmsgs; i++) free_msg(&msgs[i]);
  free(msgs);
  msgs = NULL;
  nmsgs = capmsgs = 0;
  nerrors = 0;
  nwarnings = nsystem = 0;
  pthread_mutex_unlock(&lock);
}

int diag_exit_code(void) {
  if (nsystem) return EXIT_SYSTEM;
  return nerrors ? EXIT_PROBLEMS : EXIT_OK;
}

int diag_col(const char *line, size_t off) {
  int col = 1;
  for (size_t i = 0; i < off && line[i]; i++)
    if (((unsigned char)line[i] & 0xC0) != 0x80) col++;
  return col;
}

int diag_col_next(diag_col_memo *m, const char *line, const char *at) {
  if (m->line != line || !m->at || at < m->at) {
    m->line = m->at = line;
    m->col = 1;
  }
  m->col += diag_col(m->at, (size_t)(at - m->at)) - 1;
  m->at = at;
  return m->col;
}

void diag_print(const char *fmt, ...) {
  buf text = BUF_INIT, line = BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  buf_vprintf(&text, fmt, ap);
  va_end(ap);
  diag_visible(&line, buf_cstr(&text)); /* it names folders: escaped as messages are */
  buf_putc(&line, '\n');
  pthread_mutex_lock(&lock);
  if (tee) fwrite(line.data, 1, line.len, tee);
  fwrite(line.data, 1, line.len, stderr);
  pthread_mutex_unlock(&lock);
  buf_free(&text);
  buf_free(&line);
}

static int progress_shown;

void diag_progress(const char *what, size_t done, size_t total) {
  if (!isatty(2)) return;
  pthread_mutex_lock(&lock);
  fprintf(stderr, "\r%s %zu/%zu\033[K", what, done, total);
  progress_shown = 1;
  pthread_mutex_unlock(&lock);
}

void diag_progress_end(void) {
  if (!progress_shown) return;
  pthread_mutex_lock(&lock);
  fputs("\r\033[K", stderr);
  progress_shown = 0;
  pthread_mutex_unlock(&lock);
}

double diag_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* VmRSS and VmHWM of /proc/self/status in MB; false where there is none. */
static bool memory_mb(long *rss, long *hwm) {
  FILE *f = fopen("/proc/self/status", "r");
  if (!f) return false;
  char line[128];
  int found = 0;
  while (found < 2 && fgets(line, sizeof line, f)) {
    if (strncmp(line, "VmRSS:", 6) == 0) *rss = strtol(line + 6, NULL, 10) / 1024, found++;
    else if (strncmp(line, "VmHWM:", 6) == 0) *hwm = strtol(line + 6, NULL, 10) / 1024, found++;
  }
  fclose(f);
  return found == 2;
}

/* The process's CPU time so far (every thread, user and system) in seconds. */
static double cpu_seconds(void) {
  struct rusage ru;
  if (getrusage(RUSAGE_SELF, &ru) != 0) return 0;
  return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

void diag_phase(const char *name, double *t) {
  static int on = -1;
  static double cpu_before;
  if (on < 0) on = getenv("GOVPUB_TIMINGS") != NULL;
  double now = diag_seconds();
  long rss = 0, hwm = 0;
  if (on) {
    double cpu = cpu_seconds();
    diag_print("timing: %-10s %7.3f s, cpu %7.3f s", name, now - *t, cpu - cpu_before);
    cpu_before = cpu;
    if (memory_mb(&rss, &hwm)) diag_print("memory: %-10s %5ld MB resident, peak %5ld MB", name, rss, hwm);
  }
  *t = now;
}

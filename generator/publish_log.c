/* publish_log: see publish_log.h. */
#include "publish_log.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "fsx.h"
#include "escape.h"
#include "proc.h"

static void key(audit_entry *e, const char *k) {
  buf_printf(&e->b, ",\"%s\":", k);
}

void audit_str(audit_entry *e, const char *k, const char *value) {
  if (!value) return;
  key(e, k);
  buf_putc(&e->b, '"');
  esc_json(&e->b, value, strlen(value));
  buf_putc(&e->b, '"');
}

void audit_num(audit_entry *e, const char *k, long long value) {
  key(e, k);
  buf_printf(&e->b, "%lld", value);
}

void audit_json(audit_entry *e, const char *k, const char *json) {
  key(e, k);
  buf_puts(&e->b, json);
}

void audit_begin(audit_entry *e, const char *action) {
  e->b = (buf)BUF_INIT;
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  char stamp[32];
  strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
  buf_printf(&e->b, "{\"time\":\"%s\"", stamp);
  audit_str(e, "action", action);
  struct passwd *pw = getpwuid(getuid());
  char uid[32];
  snprintf(uid, sizeof uid, "uid %ld", (long)getuid());
  audit_str(e, "user", pw ? pw->pw_name : uid);
  const char *sudo = getenv("SUDO_USER");
  if (sudo && *sudo) audit_str(e, "sudo_user", sudo);
}

/* The first line git prints for `args` in `dir` ("" when git is missing
 * or fails). */
static void git_line(const char *dir, const char *const *args, char *out, size_t size) {
  const char *argv[12] = {"git", "-C", dir};
  for (size_t n = 0; args[n] && n < 8; n++) argv[n + 3] = args[n];
  buf b = BUF_INIT;
  int rc = proc_run(argv, &b, NULL);
  snprintf(out, size, "%s", rc == 0 ? buf_cstr(&b) : "");
  out[strcspn(out, "\n")] = '\0';
  buf_free(&b);
}

void audit_git(audit_entry *e, const char *dir) {
  char commit[128], changes[128];
  static const char *const head[] = {"rev-parse", "--verify", "-q", "HEAD", NULL};
  static const char *const status[] = {"status", "--porcelain", "--untracked-files=no", NULL};
  git_line(dir, head, commit, sizeof commit);
  if (!*commit) return;
  audit_str(e, "commit", commit);
  git_line(dir, status, changes, sizeof changes);
  if (*changes) audit_json(e, "dirty", "true");
}

int audit_untracked_out(const char *out) {
  static const char *const tracked[] = {"ls-files", "--", ".", NULL};
  char first[512];
  git_line(out, tracked, first, sizeof first); /* "" outside a work tree, or without git */
  if (!*first) return 0;
  char hint[4300];
  snprintf(hint, sizeof hint,
           "untrack it (git rm -r --cached %s; keep it in .gitignore) and publish to a folder outside the "
           "checkout: --out /srv/govpub",
           out);
  diag_error(out, 0, 0, hint,
             "the repository tracks files in the output folder (%s, …): a commit could replace what is published",
             first);
  return -1;
}

int audit_append(audit_entry *e, const char *out) {
  if (!fsx_is_dir(out)) { /* no output folder (a mistyped --out, said): nothing was done there to log */
    buf_free(&e->b);
    return 0;
  }
  buf_puts(&e->b, "}\n");
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", out, AUDIT_LOG_NAME);
  int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  int rc = -1;
  if (fd >= 0) {
    ssize_t w = write(fd, e->b.data, e->b.len); /* one write: entries never interleave */
    if (w == (ssize_t)e->b.len && fsync(fd) == 0) rc = 0;
    else if (w >= 0 && w != (ssize_t)e->b.len) errno = ENOSPC;
    int err = errno;
    close(fd);
    errno = err;
  }
  if (rc != 0) diag_system(path, "cannot append to the audit log: %s", strerror(errno));
  buf_free(&e->b);
  return rc;
}

const char *audit_field(arena *a, const char *line, const char *k) {
  char pat[64];
  snprintf(pat, sizeof pat, "\"%s\":\"", k);
  const char *p = strstr(line, pat);
  if (!p) return NULL;
  p += strlen(pat);
  buf b = BUF_INIT;
  for (; *p && *p != '"'; p++) {
    if (*p != '\\' || !p[1]) {
      buf_putc(&b, *p);
      continue;
    }
    p++;
    if (*p == 'n') buf_putc(&b, '\n');
    else if (*p == 't') buf_putc(&b, '\t');
    else if (*p == 'r') buf_putc(&b, '\r');
    else if (*p == 'u' && strlen(p) >= 5) {
      buf_putc(&b, (char)strtol((char[]){p[1], p[2], p[3], p[4], 0}, NULL, 16));
      p += 4;
    } else buf_putc(&b, *p);
  }
  const char *s = arena_strdup(a, buf_cstr(&b));
  buf_free(&b);
  return s;
}

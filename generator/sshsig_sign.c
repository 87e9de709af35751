/* sshsig_sign: see sshsig_sign.h.  ssh-keygen signs files, not memory, and
 * writes FILE.sig beside FILE (asking before it overwrites), so the messages
 * go into a folder of our own made by mkdtemp, one file each: nobody else
 * can plant a FILE.sig there or swap a message.  ssh-keygen is started with
 * posix_spawn (fork and exec, no shell; a failed exec comes back as an
 * error code), stdin from /dev/null (a passphrase prompt uses the terminal)
 * and its stdout and stderr on a pipe, so its messages can be reported. */
#include "sshsig_sign.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int write_all(const char *path, const void *data, size_t len) {
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return -1;
  const char *p = data;
  while (len) {
    ssize_t n = write(fd, p, len);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int e = errno;
      close(fd);
      errno = e;
      return -1;
    }
    p += n;
    len -= (size_t)n;
  }
  return close(fd);
}

static int read_all(int fd, buf *out) {
  char chunk[4096];
  for (;;) {
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    if (n == 0) return 0;
    buf_put(out, chunk, (size_t)n);
  }
}

/* ssh-keygen's output without its progress lines ("Signing file …", "Write
 * signature to …"), which name our temporary file, and the @@@ frame of its
 * warnings; lines joined by "; ". */
static void append_messages(buf *err, const buf *out) {
  if (!out->len) return;
  const char *p = out->data, *end = out->data + out->len;
  const char *sep = ": ";
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = (size_t)((nl ? nl : end) - p);
    while (n && p[n - 1] == '\r') n--;
    if (n && strncmp(p, "Signing file ", 13) != 0 && strncmp(p, "Write signature to ", 19) != 0 &&
        strncmp(p, "@@@", 3) != 0 && !(*p == '@' && p[n - 1] == '@')) {
      buf_puts(err, sep);
      buf_put(err, p, n);
      sep = "; ";
    }
    p = nl ? nl + 1 : end;
  }
}

/* The executable `name` in $PATH (into buf), or NULL with errno ENOENT.
 * Looked up here rather than by posix_spawnp so that a missing program is
 * always reported the same way: how a failed exec comes back from the
 * spawned child differs between libc versions and under valgrind. */
static const char *in_path(const char *name, char *buf, size_t size) {
  const char *path = getenv("PATH");
  for (const char *p = path ? path : "/usr/bin:/bin"; *p;) {
    const char *colon = strchr(p, ':');
    size_t n = colon ? (size_t)(colon - p) : strlen(p);
    if (n && (size_t)snprintf(buf, size, "%.*s/%s", (int)n, p, name) < size && access(buf, X_OK) == 0) return buf;
    p += n + (colon != NULL);
  }
  errno = ENOENT;
  return NULL;
}

/* Runs ssh-keygen with `argv`, its output collected in *out.  Returns the
 * wait status, or -1 with errno when it could not be started. */
static int run_ssh_keygen(char *const argv[], buf *out) {
  char exe[4096];
  if (!in_path("ssh-keygen", exe, sizeof exe)) return -1;
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return -1;
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
  posix_spawn_file_actions_adddup2(&fa, fds[1], 2);
  pid_t pid;
  int rc = posix_spawn(&pid, exe, &fa, NULL, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  close(fds[1]);
  if (rc != 0) {
    close(fds[0]);
    errno = rc;
    return -1;
  }
  read_all(fds[0], out);
  close(fds[0]);
  int status;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  return status;
}

/* The signature ssh-keygen wrote for the message at `path` (path.sig), read
 * into *armored; -1 with errno when there is none. */
static int read_signature(const char *path, buf *armored) {
  buf sig = BUF_INIT;
  buf_printf(&sig, "%s.sig", path);
  int fd = open(sig.data, O_RDONLY | O_CLOEXEC), rc = fd < 0 ? -1 : read_all(fd, armored);
  if (fd >= 0) close(fd);
  buf_free(&sig);
  return rc;
}

/* One ssh-keygen run over the messages of jobs idx[0..m), each in its file
 * paths[idx[k]].  ssh-keygen signs them in order and stops at the first it
 * cannot sign, so what it signed is a prefix: returns its length, the
 * signatures read into those jobs; short of m, *err says why the next one
 * was not signed (a run that failed after writing its last signature: that
 * one, which is not trusted). */
static size_t run_once(const char *key_path, const char *namespace, char **paths, sshsig_job *jobs,
                       const size_t *idx, size_t m, buf *err) {
  char **argv = malloc((m + 8) * sizeof *argv);
  if (!argv) abort();
  const char *head[] = {"ssh-keygen", "-Y", "sign", "-f", key_path, "-n", namespace};
  size_t argc = 0;
  for (; argc < sizeof head / sizeof *head; argc++) argv[argc] = (char *)head[argc];
  for (size_t k = 0; k < m; k++) argv[argc++] = paths[idx[k]];
  argv[argc] = NULL;
  buf out = BUF_INIT;
  int status = run_ssh_keygen(argv, &out);
  free(argv);
  size_t done = 0;
  if (status == -1) {
    buf_printf(err, "cannot run ssh-keygen: %s", strerror(errno));
    buf_free(&out);
    return 0;
  }
  while (done < m && read_signature(paths[idx[done]], &jobs[idx[done]].armored) == 0) done++;
  int e = errno;
  bool failed = WIFSIGNALED(status) || WEXITSTATUS(status) != 0;
  if (failed && done == m) buf_clear(&jobs[idx[--done]].armored);
  if (WIFSIGNALED(status))
    buf_printf(err, "ssh-keygen was killed by signal %d while signing with \"%s\"", WTERMSIG(status), key_path);
  else if (failed)
    buf_printf(err, "ssh-keygen could not sign with \"%s\" (exit status %d)", key_path, WEXITSTATUS(status));
  else if (done < m)
    buf_printf(err, "ssh-keygen wrote no signature: %s", strerror(e));
  if (err->len) append_messages(err, &out);
  buf_free(&out);
  return done;
}

/* Signs the jobs inside the private folder `dir` (each message in a file
 * named by its index), removing the files made there; the number failed. */
static size_t sign_in(const char *dir, const char *key_path, const char *namespace, sshsig_job *jobs, size_t n) {
  char **paths = calloc(n, sizeof *paths);
  size_t *queued = malloc(n * sizeof *queued), nqueued = 0, failed = 0;
  if (!paths || !queued) abort();
  for (size_t i = 0; i < n; i++) {
    buf p = BUF_INIT;
    buf_printf(&p, "%s/%zu", dir, i);
    paths[i] = buf_take(&p, NULL);
    if (write_all(paths[i], jobs[i].msg, jobs[i].len) == 0) queued[nqueued++] = i;
    else buf_printf(&jobs[i].err, "cannot write \"%s\": %s", paths[i], strerror(errno));
  }
  for (size_t at = 0; at < nqueued;) {
    size_t m = nqueued - at < SSHSIG_SIGN_RUN_MAX ? nqueued - at : SSHSIG_SIGN_RUN_MAX;
    buf err = BUF_INIT;
    size_t done = run_once(key_path, namespace, paths, jobs, queued + at, m, &err);
    at += done;
    if (done == 0 && err.len) /* nothing signed: the key's fault, not a message's */
      for (; at < nqueued; at++) buf_put(&jobs[queued[at]].err, err.data, err.len);
    else if (err.len) buf_put(&jobs[queued[at++]].err, err.data, err.len);
    buf_free(&err);
  }
  for (size_t i = 0; i < n; i++) {
    buf sig = BUF_INIT;
    buf_printf(&sig, "%s.sig", paths[i]);
    unlink(sig.data);
    unlink(paths[i]);
    buf_free(&sig);
    free(paths[i]);
    failed += jobs[i].err.len != 0;
    if (jobs[i].err.len) buf_clear(&jobs[i].armored);
  }
  free(paths);
  free(queued);
  return failed;
}

size_t sshsig_sign_many_with_ssh_keygen(const char *key_path, const char *namespace, sshsig_job *jobs, size_t n) {
  if (!n) return 0;
  buf why = BUF_INIT, dir = BUF_INIT;
  for (size_t i = 0; i < n; i++) {
    buf_clear(&jobs[i].armored);
    buf_clear(&jobs[i].err);
  }
  const char *tmp = getenv("TMPDIR");
  if (!tmp || !*tmp) tmp = "/tmp";
  buf_printf(&dir, "%s/govpub-sign-XXXXXX", tmp);
  size_t failed = n;
  if (!*namespace) {
    buf_puts(&why, "cannot sign: the namespace is empty");
  } else if (!mkdtemp(dir.data)) {
    buf_printf(&why, "cannot create a temporary folder in \"%s\": %s", tmp, strerror(errno));
  } else {
    failed = sign_in(dir.data, key_path, namespace, jobs, n);
    rmdir(dir.data);
  }
  for (size_t i = 0; why.len && i < n; i++) buf_put(&jobs[i].err, why.data, why.len);
  buf_free(&why);
  buf_free(&dir);
  return failed;
}

int sshsig_sign_with_ssh_keygen(const char *key_path, const char *namespace, const void *msg,
                                size_t len, buf *armored, buf *err) {
  sshsig_job job = {msg, len, BUF_INIT, BUF_INIT};
  size_t failed = sshsig_sign_many_with_ssh_keygen(key_path, namespace, &job, 1);
  buf_free(armored);
  buf_free(err);
  *armored = job.armored;
  *err = job.err;
  return failed ? -1 : 0;
}

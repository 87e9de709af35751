/* sshsig_sign: see sshsig_sign.h.  ssh-keygen signs files, not memory, and
 * writes FILE.sig beside FILE (asking before it overwrites), so the message
 * goes into a folder of our own made by mkdtemp: nobody else can plant a
 * FILE.sig there or swap the message.  ssh-keygen is started with
 * posix_spawn (fork and exec, no shell; a failed exec comes back as an
 * error code), stdin from /dev/null (a passphrase prompt uses the terminal)
 * and its stdout and stderr on a pipe, so its messages can be reported. */
#include "sshsig_sign.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
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

/* Signs inside the private folder `dir`, removing the files made there.
 * Fails exactly when it has written to *err. */
static int sign_in(const char *dir, const char *key_path, const char *namespace, const void *msg,
                   size_t len, buf *armored, buf *err) {
  buf file = BUF_INIT, sig = BUF_INIT, out = BUF_INIT;
  buf_printf(&file, "%s/message", dir);
  buf_printf(&sig, "%s.sig", file.data);
  int status = -1, fd = -1;
  if (write_all(file.data, msg, len) != 0) {
    buf_printf(err, "cannot write \"%s\": %s", file.data, strerror(errno));
  } else {
    char *argv[] = {"ssh-keygen", "-Y", "sign", "-f", (char *)key_path,
                    "-n", (char *)namespace, file.data, NULL};
    status = run_ssh_keygen(argv, &out);
    if (status == -1)
      buf_printf(err, "cannot run ssh-keygen: %s", strerror(errno));
    else if (WIFSIGNALED(status))
      buf_printf(err, "ssh-keygen was killed by signal %d while signing with \"%s\"",
                 WTERMSIG(status), key_path);
    else if (WEXITSTATUS(status) != 0)
      buf_printf(err, "ssh-keygen could not sign with \"%s\" (exit status %d)", key_path,
                 WEXITSTATUS(status));
    else if ((fd = open(sig.data, O_RDONLY | O_CLOEXEC)) < 0 || read_all(fd, armored) != 0)
      buf_printf(err, "ssh-keygen wrote no signature: %s", strerror(errno));
    if (status != -1 && err->len) append_messages(err, &out);
  }
  if (fd >= 0) close(fd);
  unlink(sig.data);
  unlink(file.data);
  buf_free(&file);
  buf_free(&sig);
  buf_free(&out);
  return err->len ? -1 : 0;
}

int sshsig_sign_with_ssh_keygen(const char *key_path, const char *namespace, const void *msg,
                                size_t len, buf *armored, buf *err) {
  buf_clear(armored);
  buf_clear(err);
  if (!*namespace) {
    buf_puts(err, "cannot sign: the namespace is empty");
    return -1;
  }
  const char *tmp = getenv("TMPDIR");
  if (!tmp || !*tmp) tmp = "/tmp";
  buf dir = BUF_INIT;
  buf_printf(&dir, "%s/govpub-sign-XXXXXX", tmp);
  int rc = -1;
  if (!mkdtemp(dir.data)) {
    buf_printf(err, "cannot create a temporary folder in \"%s\": %s", tmp, strerror(errno));
  } else {
    rc = sign_in(dir.data, key_path, namespace, msg, len, armored, err);
    rmdir(dir.data);
  }
  if (rc != 0) buf_clear(armored);
  buf_free(&dir);
  return rc;
}

/* sshsig_sign: SSH signatures made by the reviewer's own `ssh-keygen -Y sign`,
 * so private keys never pass through govpub: ssh-keygen reads the key file
 * (asking for its passphrase on the terminal) or asks ssh-agent.
 *
 * Ownership: the caller owns both bufs. */
#ifndef GOVPUB_SSHSIG_SIGN_H
#define GOVPUB_SSHSIG_SIGN_H

#include <stddef.h>

#include "buf.h"

/* Signs msg[0..len) under `namespace` with `ssh-keygen -Y sign -f KEY -n
 * NAMESPACE FILE`, run directly (no shell; found on PATH) on a copy of the
 * message in a private temporary folder under $TMPDIR (or /tmp), removed
 * afterwards.
 *
 * KEY is a private key file, or a public key file (KEY.pub) whose private
 * half is held by the ssh-agent at $SSH_AUTH_SOCK.  ssh-keygen asks the
 * agent first in both cases; without the agent, a .pub path works only when
 * the private key lies beside it under the same name without ".pub".
 *
 * Returns 0 with the armored signature in *armored (replacing its contents),
 * or -1 with *err saying what failed, including ssh-keygen's own messages. */
int sshsig_sign_with_ssh_keygen(const char *key_path, const char *namespace, const void *msg,
                                size_t len, buf *armored, buf *err);

/* One message of sshsig_sign_many_with_ssh_keygen: msg[0..len) in; out,
 * the armored signature, or err saying what failed (the other empty).  The
 * caller frees both bufs. */
typedef struct {
  const void *msg;
  size_t len;
  buf armored, err;
} sshsig_job;

/* Signs jobs[0..n) as sshsig_sign_with_ssh_keygen signs one, but with one
 * `ssh-keygen -Y sign -f KEY -n NAMESPACE FILE…` for all of them (up to
 * SSHSIG_SIGN_RUN_MAX files a run), so a key with a passphrase asks for it
 * once.  ssh-keygen stops at the first file it cannot sign: that job gets
 * its error, and those after it another run.  A run that signs none (the
 * key not loaded, the passphrase wrong, the agent refusing) gives its error
 * to every job left, asking no more.  Returns the number of jobs that
 * failed. */
size_t sshsig_sign_many_with_ssh_keygen(const char *key_path, const char *namespace, sshsig_job *jobs, size_t n);

/* The most files one ssh-keygen run signs: their paths stay far below the
 * kernel's limit on a command line (ARG_MAX). */
#define SSHSIG_SIGN_RUN_MAX 1000

#endif

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

#endif

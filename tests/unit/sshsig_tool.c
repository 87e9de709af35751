/* sshsig_tool: the SSH signature modules (sshkey, sshsig, sshsig_sign) on the
 * command line, for tests/cli/sshsig_interop.sh and `make bench`.  Not part
 * of govpub; documented in docs/signatures.md.
 *
 *   sshsig_tool verify PUBKEYFILE NAMESPACE MSGFILE SIGFILE
 *       exit 0 and "verified: <LABEL> key <FINGERPRINT>" when SIGFILE is a
 *       valid signature of MSGFILE under NAMESPACE by the key in PUBKEYFILE;
 *       otherwise exit 1 and "sshsig_tool: <reason>" on stderr.
 *   sshsig_tool sign KEY NAMESPACE MSGFILE
 *       prints the armored signature made by ssh-keygen (KEY may be a .pub
 *       whose private half is in ssh-agent).
 *   sshsig_tool sign-ed25519 PRIVKEYFILE NAMESPACE MSGFILE
 *       prints the armored signature made in-process (tests/tools/
 *       ed25519_signer.h: unencrypted Ed25519 keys only), the same bytes
 *       ssh-keygen -Y sign writes.
 *   sshsig_tool fingerprint PUBKEYFILE
 *       prints "<BITS> <FINGERPRINT> <COMMENT> (<LABEL>)" like ssh-keygen -lf.
 *   sshsig_tool bench PUBKEYFILE NAMESPACE MSGFILE SIGFILE [SECONDS]
 *       verifies the signature over and over for SECONDS of CPU time
 *       (default 2) and prints the verifications per second on one core. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "ed25519_signer.h"
#include "sshkey.h"
#include "sshsig.h"
#include "sshsig_sign.h"

/* "sshsig_tool: <message>" on stderr; returns -1. */
__attribute__((format(printf, 1, 2))) static int fail(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("sshsig_tool: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  return -1;
}

static int read_file(const char *path, buf *out) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_put(out, chunk, n);
  int bad = ferror(f);
  fclose(f);
  return bad ? -1 : 0;
}

/* The first line of a .pub file as a key. */
static int load_key(arena *a, const char *path, sshkey **key) {
  buf text = BUF_INIT;
  const char *reason;
  int rc = -1;
  if (read_file(path, &text) != 0) {
    fail("cannot read \"%s\"", path);
  } else {
    const char *nl = memchr(buf_cstr(&text), '\n', text.len);
    size_t len = nl ? (size_t)(nl - text.data) : text.len;
    if (sshkey_parse_line(a, buf_cstr(&text), len, key, &reason) != 0) fail("%s: %s", path, reason);
    else rc = 0;
  }
  buf_free(&text);
  return rc;
}

typedef struct {
  sshkey *key;
  const char *namespace;
  buf msg, sig;
} job;

static int load_job(arena *a, char **argv, job *j) {
  j->namespace = argv[1];
  if (load_key(a, argv[0], &j->key) != 0) return -1;
  if (read_file(argv[2], &j->msg) != 0) return fail("cannot read \"%s\"", argv[2]);
  if (read_file(argv[3], &j->sig) != 0) return fail("cannot read \"%s\"", argv[3]);
  return 0;
}

/* One full verification as govpub does it: decode, check, then compare the
 * signer with the expected key.  NULL when good, else the reason. */
static const char *verify_once(sshsig_verifier *v, arena *a, job *j) {
  sshsig sig;
  const char *reason;
  if (sshsig_verify(v, a, buf_cstr(&j->sig), j->sig.len, j->namespace,
                    buf_cstr(&j->msg), j->msg.len, &sig, &reason) != 0)
    return reason;
  if (!sshkey_equal(sig.signer, j->key))
    return arena_printf(a, "signed by %s, not by the expected key %s",
                        sshkey_fingerprint(a, sig.signer), sshkey_fingerprint(a, j->key));
  return NULL;
}

static double cpu_seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int cmd_verify(arena *a, char **argv, int bench_seconds) {
  job j = {0};
  int rc = 1;
  sshsig_verifier *v = sshsig_verifier_new();
  if (load_job(a, argv, &j) == 0) {
    const char *why = verify_once(v, a, &j);
    if (why) {
      fail("%s", why);
    } else if (!bench_seconds) {
      printf("verified: %s key %s\n", sshkey_type_label(j.key), sshkey_fingerprint(a, j.key));
      rc = 0;
    } else {
      arena *scratch = arena_new();
      long n = 0;
      double start = cpu_seconds(), spent;
      do {
        for (int i = 0; i < 100; i++, n++) {
          arena_reset(scratch);
          if (verify_once(v, scratch, &j)) abort(); /* it verified a moment ago */
        }
        spent = cpu_seconds() - start;
      } while (spent < bench_seconds);
      printf("%ld %s verifications in %.2f s of CPU: %.0f per second\n", n,
             sshkey_type_label(j.key), spent, (double)n / spent);
      arena_free(scratch);
      rc = 0;
    }
  }
  buf_free(&j.msg);
  buf_free(&j.sig);
  sshsig_verifier_free(v);
  return rc;
}

static int cmd_sign(char **argv) {
  buf msg = BUF_INIT, sig = BUF_INIT, err = BUF_INIT;
  int rc = 1;
  if (read_file(argv[2], &msg) != 0) fail("cannot read \"%s\"", argv[2]);
  else if (sshsig_sign_with_ssh_keygen(argv[0], argv[1], buf_cstr(&msg), msg.len, &sig, &err) != 0)
    fail("%s", err.data);
  else rc = fwrite(sig.data, 1, sig.len, stdout) == sig.len ? 0 : 1;
  buf_free(&msg);
  buf_free(&sig);
  buf_free(&err);
  return rc;
}

static int cmd_sign_ed25519(char **argv) {
  ed25519_signer k;
  const char *why;
  buf msg = BUF_INIT, sig = BUF_INIT;
  int rc = 1;
  if (ed25519_signer_load(argv[0], &k, &why) != 0) fail("%s: %s", argv[0], why);
  else if (read_file(argv[2], &msg) != 0) fail("cannot read \"%s\"", argv[2]);
  else if (ed25519_signer_sign(&k, argv[1], msg.data ? msg.data : "", msg.len, &sig) != 0) fail("OpenSSL could not sign");
  else rc = fwrite(sig.data, 1, sig.len, stdout) == sig.len ? 0 : 1;
  buf_free(&msg);
  buf_free(&sig);
  return rc;
}

static int cmd_fingerprint(arena *a, const char *path) {
  sshkey *k;
  if (load_key(a, path, &k) != 0) return 1;
  printf("%u %s %s (%s)\n", k->bits, sshkey_fingerprint(a, k), *k->comment ? k->comment : "no comment",
         sshkey_type_label(k));
  return 0;
}

int main(int argc, char **argv) {
  const char *cmd = argc > 1 ? argv[1] : "";
  arena *a = arena_new();
  int rc = 2;
  if (strcmp(cmd, "verify") == 0 && argc == 6) rc = cmd_verify(a, argv + 2, 0);
  else if (strcmp(cmd, "bench") == 0 && (argc == 6 || argc == 7))
    rc = cmd_verify(a, argv + 2, argc == 7 && atoi(argv[6]) > 0 ? atoi(argv[6]) : 2);
  else if (strcmp(cmd, "sign") == 0 && argc == 5) rc = cmd_sign(argv + 2);
  else if (strcmp(cmd, "sign-ed25519") == 0 && argc == 5) rc = cmd_sign_ed25519(argv + 2);
  else if (strcmp(cmd, "fingerprint") == 0 && argc == 3) rc = cmd_fingerprint(a, argv[2]);
  else
    fputs("usage: sshsig_tool verify PUBKEYFILE NAMESPACE MSGFILE SIGFILE\n"
          "       sshsig_tool sign KEY NAMESPACE MSGFILE\n"
          "       sshsig_tool sign-ed25519 PRIVKEYFILE NAMESPACE MSGFILE\n"
          "       sshsig_tool fingerprint PUBKEYFILE\n"
          "       sshsig_tool bench PUBKEYFILE NAMESPACE MSGFILE SIGFILE [SECONDS]\n",
          stderr);
  arena_free(a);
  return rc;
}

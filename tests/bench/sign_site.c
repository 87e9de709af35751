/* sign_site: signs a whole bench site for a publishing build, in-process —
 * `make bench` (tests/bench/publish.sh) needs thousands of documents
 * approved in all three stages, and `govpub review sign` (one process and
 * one ssh-keygen per sign-off) would take hours.  Not part of govpub.
 *
 *   sign_site SITE TIME ROSTER_KEY ID1=KEY1 ID2=KEY2 ID3=KEY3
 *
 * signs SITE/reviewers.yaml with ROSTER_KEY (reviewers.yaml.sig, namespace
 * govpub-roster), then appends to the record of every document that is not
 * a draft, and to the site's own record (review_site.h), the 初审, 复审 and
 * 终审 approvals by reviewer IDk with KEYk, all at TIME (ISO 8601).  The
 * keys are unencrypted OpenSSH Ed25519 private key files; signatures are
 * made by tests/tools/ed25519_signer.c (the bytes ssh-keygen -Y sign
 * writes), the statements, bundles and records by
 * govpub's own review.c and review_bundle.c, as `govpub review sign` makes
 * them.  The roster (reviewers.yaml) is the caller's.  Prints "signed N
 * documents and the site: 3(N+1) sign-offs"; exit 1 after a message on any
 * failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "config.h"
#include "diag.h"
#include "ed25519_signer.h"
#include "fsx.h"
#include "review.h"
#include "review_bundle.h"
#include "review_site.h"
#include "roster.h"
#include "site.h"

static int fail(const char *what, const char *arg) {
  diag_flush(NULL);
  fprintf(stderr, "sign_site: %s: %s\n", what, arg);
  return 1;
}

static int sign_roster(arena *a, const char *root, const ed25519_signer *k) {
  const char *path = arena_printf(a, "%s/reviewers.yaml", root);
  size_t len;
  char *text = fsx_read(path, &len);
  if (!text) return fail("cannot read", path);
  buf sig = BUF_INIT;
  int rc = ed25519_signer_sign(k, ROSTER_NAMESPACE, text, len, &sig) != 0 ||
                   fsx_replace(arena_printf(a, "%s.sig", path), sig.data, sig.len) != 0
               ? fail("cannot sign", path)
               : 0;
  buf_free(&sig);
  free(text);
  return rc;
}

/* Every document of the loaded site s, and the site's own review, three
 * approvals each; 0 or 1. */
static int sign_documents(arena *a, const site_config *cfg, site *s, const char *time, const char *const ids[3],
                          const ed25519_signer keys[3]) {
  page **docs = arena_alloc(a, (s->npages ? s->npages : 1) * sizeof *docs);
  size_t n = 0;
  for (size_t i = 0; i < s->npages; i++)
    if (s->pages[i]->fm && !s->pages[i]->draft) docs[n++] = s->pages[i];
  bundle *bundles = arena_alloc(a, (n + 1) * sizeof *bundles); /* the site's last */
  if (diag_errors() || review_bundles(a, cfg, s, docs, n, bundles, &bundles[n], NULL) != 0)
    return fail("the site has problems", cfg->root);
  arena *scratch = arena_new();
  buf sig = BUF_INIT;
  int rc = 0;
  for (size_t i = 0; i <= n && rc == 0; i++) {
    const char *doc = i < n ? arena_printf(scratch, "content/%s", docs[i]->rel) : REVIEW_SITE_DOC, *previous = "none";
    for (int k = 0; k < 3 && rc == 0; k++) {
      const char *stmt = review_statement(scratch, doc, &bundles[i], k + 1, true, ids[k], time, previous, NULL);
      buf_clear(&sig);
      if (ed25519_signer_sign(&keys[k], REVIEW_NAMESPACE, stmt, strlen(stmt), &sig) != 0 ||
          review_append(scratch, cfg->root, doc, stmt, buf_cstr(&sig)) != 0) {
        rc = fail("cannot sign", doc);
      } else {
        char *d = arena_alloc(scratch, DIGEST_HEX_LEN);
        digest_mem(stmt, strlen(stmt), d);
        previous = d;
      }
    }
    arena_reset(scratch);
  }
  if (rc == 0) printf("signed %zu documents and the site: %zu sign-offs\n", n, 3 * (n + 1));
  buf_free(&sig);
  arena_free(scratch);
  return rc;
}

static int run(arena *a, char **argv) {
  const char *root = argv[1], *time = argv[2], *why, *ids[3];
  ed25519_signer roster_key, keys[3];
  if (ed25519_signer_load(argv[3], &roster_key, &why) != 0) return fail(why, argv[3]);
  for (int k = 0; k < 3; k++) {
    char *eq = strchr(argv[4 + k], '=');
    if (!eq) return fail("expected ID=KEY", argv[4 + k]);
    ids[k] = arena_strndup(a, argv[4 + k], (size_t)(eq - argv[4 + k]));
    if (ed25519_signer_load(eq + 1, &keys[k], &why) != 0) return fail(why, eq + 1);
  }
  if (sign_roster(a, root, &roster_key) != 0) return 1;
  char exe[4096];
  site_config *cfg = config_load(a, root, govpub_datadir(exe, sizeof exe));
  if (!cfg) return fail("cannot load the site", root);
  site *s = site_load(cfg, false, 1);
  site_link(s);
  int rc = sign_documents(a, cfg, s, time, ids, keys);
  site_free(s);
  return rc;
}

int main(int argc, char **argv) {
  if (argc != 7) {
    fputs("usage: sign_site SITE TIME ROSTER_KEY ID1=KEY1 ID2=KEY2 ID3=KEY3\n", stderr);
    return 2;
  }
  arena *a = arena_new();
  int rc = run(a, argv);
  arena_free(a);
  return rc;
}

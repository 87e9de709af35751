/* publish: see publish.h. */
#include "publish.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "buf.h"
#include "check.h"
#include "diag.h"
#include "escape.h"
#include "fsx.h"
#include "pubdates.h"
#include "publish_compress.h"
#include "publish_log.h"
#include "publish_manifest.h"
#include "publish_seal.h"
#include "report.h"

int publish_check_gate(site *s, const catalog *cat, const release *rel, buf *summary) {
  arena *a = arena_new();
  check_settings *st = check_settings_load(a, s->cfg, NULL); /* problems reported at site.yaml */
  if (!st) {
    arena_free(a);
    return -1;
  }
  check_report *r = check_report_new(st);
  const char *current = path_join(a, rel->out, "current");
  check_model(r, s, cat, fsx_is_file(path_join(a, current, PUBDATES_FILE)) ? current : NULL, rel->out);
  report_check(r, s, cat); /* the annual report's computed figures still hold */
  check_output(r, s, cat, rel->staging);
  check_report_diag(r); /* errors (and 单项否决) stop the publish; warnings are shown */
  bool passed = check_passed(r);
  const check_summary *sum = check_summarize(r);
  buf_printf(summary, "{\"result\": \"%s\", \"errors\": %zu, \"warnings\": %zu, \"vetoes\": [",
             passed ? "passed" : "failed", sum->errors, sum->warnings);
  for (size_t i = 0; i < sum->nvetoes; i++) {
    buf_puts(summary, i ? ", \"" : "\"");
    esc_json(summary, sum->vetoes[i], strlen(sum->vetoes[i]));
    buf_putc(summary, '"');
  }
  buf_puts(summary, "]}");
  check_report_free(r);
  arena_free(a);
  return passed ? 0 : -1;
}

typedef struct {
  const publish_opts *o;
  arena *a;
  long compressed, files;
  char manifest[DIGEST_HEX_LEN];
  unsigned char key[HOST_KEY_BYTES]; /* this host's, for the release's seal */
  buf check; /* the inspection gate's summary (JSON), empty when it did not run (the build stopped first) */
  buf documents; /* JSON array: every published document and its reviewers */
} seal_state;

/* The published documents with their three reviewers, for the log (the
 * site model is gone once the build returns). */
static void list_documents(seal_state *st, const site *s) {
  buf *b = &st->documents;
  buf_putc(b, '[');
  bool first = true;
  for (size_t i = 0; i < s->npages; i++) {
    const page *p = s->pages[i];
    if (!p->built || !p->approved) continue;
    buf_puts(b, first ? "{\"path\":\"" : ",{\"path\":\"");
    first = false;
    const char *rel = site_rel(s, p->src);
    esc_json(b, rel, strlen(rel));
    buf_puts(b, "\",\"reviewers\":[");
    for (int k = 0; k < 3; k++) {
      const char *r = p->reviewers[k] ? p->reviewers[k] : "";
      buf_puts(b, k ? ",\"" : "\"");
      esc_json(b, r, strlen(r));
      buf_putc(b, '"');
    }
    buf_puts(b, "]}");
  }
  buf_putc(b, ']');
}

static int seal(void *ctx, site *s, const catalog *cat, const release *rel) {
  seal_state *st = ctx;
  double tp = diag_seconds(); /* GOVPUB_TIMINGS=1: each step (make bench reports precompress) */
  if (publish_check_gate(s, cat, rel, &st->check) != 0) return -1;
  diag_phase("inspect", &tp);
  st->compressed = publish_compress(st->a, rel, arena_printf(st->a, "%s/.cache/brotli", st->o->out), st->o->threads);
  if (st->compressed < 0) return -1;
  diag_phase("compress", &tp);
  st->files = manifest_write(st->a, rel->staging, st->manifest);
  if (st->files < 0) return -1;
  if (seal_write(st->a, rel->out, rel->staging, rel->id, st->manifest, st->key) != 0) return -1;
  /* On disk before the switch: after a power cut the link must not point at
   * files whose data never reached it (one syncfs for the whole release). */
  if (syncfs(rel->dirfd) != 0) {
    diag_system(rel->staging, "cannot sync the release to disk: %s", strerror(errno));
    return -1;
  }
  list_documents(st, s);
  return 0;
}

int publish_run(const publish_opts *o) {
  arena *a = arena_new();
  seal_state st = {.o = o, .a = a, .documents = BUF_INIT, .check = BUF_INIT};
  build_result res = {0};
  build_opts bo = {.site = o->site, .out = o->out, .datadir = o->datadir, .publish = true, .trust = o->trust,
                   .quiet = true, .threads = o->threads, .seal = seal, .seal_ctx = &st, .result = &res,
                   .command = "publish"};
  /* No key, no seal: refused before anything is built, rather than a
   * release that deploy and rollback would refuse for ever. */
  int rc = audit_untracked_out(o->out) != 0    ? EXIT_PROBLEMS
           : seal_key(st.key, true, NULL) != 0 ? diag_exit_code()
                                                : build_run(&bo);
  sodium_memzero(st.key, sizeof st.key);

  audit_entry e;
  audit_begin(&e, "publish");
  audit_str(&e, "result", rc == EXIT_OK ? "ok" : rc == EXIT_PROBLEMS ? "refused" : "failed");
  audit_num(&e, "errors", diag_errors());
  audit_str(&e, "site", o->site);
  audit_git(&e, o->site);
  audit_str(&e, "release", *res.release_id ? res.release_id : NULL);
  audit_str(&e, "dictionary", *res.dictionary ? res.dictionary : NULL);
  if (st.check.len) audit_json(&e, "check", buf_cstr(&st.check));
  else audit_str(&e, "check", "not run");
  if (rc == EXIT_OK) {
    audit_num(&e, "pages", (long long)res.pages);
    audit_num(&e, "files", st.files);
    audit_num(&e, "compressed", st.compressed);
    audit_str(&e, "manifest", st.manifest);
    audit_json(&e, "documents", buf_cstr(&st.documents));
  }
  if (audit_append(&e, o->out) != 0 && rc == EXIT_OK) rc = EXIT_SYSTEM;
  diag_flush(NULL);
  if (!o->quiet && rc == EXIT_OK)
    diag_print("published release %s: %zu page%s, %ld file%s (%ld text file%s precompressed) → %s/current",
               res.release_id, res.pages, res.pages == 1 ? "" : "s", st.files, st.files == 1 ? "" : "s", st.compressed,
               st.compressed == 1 ? "" : "s", o->out);
  buf_free(&st.documents);
  buf_free(&st.check);
  arena_free(a);
  return rc;
}

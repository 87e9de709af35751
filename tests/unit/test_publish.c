/* test_publish: the pieces of govpub publish that CLI tests reach only in
 * part — which files are precompressed, the manifest of a small tree and
 * every kind of difference verify reports (exact diagnostics), a manifest
 * damaged in each way, and reading fields back from the audit log. */
#include <stdlib.h>
#include <unistd.h>

#include "fsx.h"
#include "publish_compress.h"
#include "publish_log.h"
#include "publish_manifest.h"
#include "testlib.h"

static void put(const char *dir, const char *rel, const char *text) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, rel);
  if (fsx_replace(path, text, strlen(text)) != 0) abort();
}

int main(void) {
  TEST("publish_is_text: text by extension, not binaries or variants") {
    CHECK(publish_is_text("index.html"));
    CHECK(publish_is_text("css/site.css"));
    CHECK(publish_is_text("charts/gdp.svg"));
    CHECK(publish_is_text("feeds/news/index.xml"));
    CHECK(publish_is_text("charts/gdp.csv"));
    CHECK(!publish_is_text("images/logo.png"));
    CHECK(!publish_is_text("index.html.gz"));
    CHECK(!publish_is_text("index.html.br"));
    CHECK(!publish_is_text("files/report.pdf"));
    CHECK(!publish_is_text("a.html/README"));
    CHECK(!publish_is_text("Makefile"));
  }

  char tmpl[] = "/tmp/govpub-test-publish-XXXXXX";
  const char *dir = mkdtemp(tmpl);
  if (!dir) abort();
  put(dir, "index.html", "<p>首页</p>\n");
  put(dir, "news/a.html", "a\n");
  put(dir, "news/b.html", "b\n");
  arena *a = arena_new();
  char digest[DIGEST_HEX_LEN];

  TEST("manifest: written once, exact text") {
    CHECK(manifest_write(a, dir, digest) == 3);
    size_t len;
    char *m = fsx_read_arena(a, path_join(a, dir, MANIFEST_NAME), &len);
    char body[512], self[DIGEST_HEX_LEN], ia[DIGEST_HEX_LEN], ib[DIGEST_HEX_LEN], ii[DIGEST_HEX_LEN], want[1024];
    digest_mem("<p>首页</p>\n", strlen("<p>首页</p>\n"), ii);
    digest_mem("a\n", 2, ia);
    digest_mem("b\n", 2, ib);
    snprintf(body, sizeof body, "govpub-manifest 1\n%s %zu index.html\n%s 2 news/a.html\n%s 2 news/b.html\n", ii,
             strlen("<p>首页</p>\n"), ia, ib);
    digest_mem(body, strlen(body), self);
    snprintf(want, sizeof want, "%send %s\n", body, self);
    CHECK_STR(m, want);
    char whole[DIGEST_HEX_LEN];
    digest_mem(m, len, whole);
    CHECK_STR(digest, whole);
    CHECK(manifest_write(a, dir, NULL) == -1); /* never over an existing one */
    tl_flushed();
  }

  TEST("verify: a matching tree") {
    manifest_report r;
    CHECK(manifest_verify(a, dir, "site", &r) == 0);
    CHECK(r.files == 3 && r.added + r.removed + r.changed == 0);
    CHECK_STR(r.digest, digest);
    CHECK_STR(tl_flushed(), "");
  }

  TEST("verify: same size, other bytes; added; removed — each named") {
    put(dir, "news/a.html", "x\n");
    put(dir, "news/c.html", "c\n");
    char gone[4096];
    snprintf(gone, sizeof gone, "%s/news/b.html", dir);
    unlink(gone);
    manifest_report r;
    CHECK(manifest_verify(a, dir, "site", &r) == 1);
    CHECK(r.added == 1 && r.removed == 1 && r.changed == 1);
    char ia[DIGEST_HEX_LEN], ix[DIGEST_HEX_LEN], want[2048];
    digest_mem("a\n", 2, ia);
    digest_mem("x\n", 2, ix);
    const char *hint = "  hint: restore the release: govpub deploy from the publishing host, or govpub rollback\n";
    snprintf(want, sizeof want,
             "site/news/a.html: error: changed since publishing (was %s, now %s)\n%s"
             "site/news/b.html: error: removed since publishing\n%s"
             "site/news/c.html: error: added since publishing\n%s",
             ia, ix, hint, hint, hint);
    CHECK_STR(tl_flushed(), want);
  }

  TEST("verify: a damaged manifest, each way") {
    static const struct {
      const char *text, *why;
    } cases[] = {
        {"", "it does not start with \"govpub-manifest 1\""},
        {"govpub-manifest 2\nend sha256:0\n", "it does not start with \"govpub-manifest 1\""},
        {"govpub-manifest 1\nsha256:00 1 a\n", "its last line is not \"end sha256:…\" (truncated?)"},
        {"govpub-manifest 1\nend sha256:0000000000000000000000000000000000000000000000000000000000000000",
         "its last line is not \"end sha256:…\" (truncated?)"},
        {"govpub-manifest 1\nend sha256:0000000000000000000000000000000000000000000000000000000000000000\n",
         "its own digest does not match its contents (edited?)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
      put(dir, MANIFEST_NAME, cases[i].text);
      manifest_report r;
      CHECK(manifest_verify(a, dir, "site", &r) == 1);
      char want[512];
      snprintf(want, sizeof want,
               "site/.govpub-manifest: error: the manifest is damaged: %s\n"
               "  hint: restore the release from a trusted copy (govpub deploy) or publish again\n",
               cases[i].why);
      CHECK_STR(tl_flushed(), want);
    }
    /* self-consistent, but a line of the wrong shape */
    const char *body = "govpub-manifest 1\nnot a line\n";
    char self[DIGEST_HEX_LEN], text[256];
    digest_mem(body, strlen(body), self);
    snprintf(text, sizeof text, "%send %s\n", body, self);
    put(dir, MANIFEST_NAME, text);
    manifest_report r;
    CHECK(manifest_verify(a, dir, "site", &r) == 1);
    CHECK_STR(tl_flushed(), "site/.govpub-manifest: error: the manifest is damaged: a line is not \"sha256:<hex> <size> <path>\"\n"
                            "  hint: restore the release from a trusted copy (govpub deploy) or publish again\n");
  }

  TEST("audit_field: strings read back as written") {
    audit_entry e;
    audit_begin(&e, "publish");
    audit_str(&e, "site", "站点 \"a\"\\b\n<c>");
    char *line = e.b.data;
    CHECK_STR(audit_field(a, line, "action"), "publish");
    CHECK_STR(audit_field(a, line, "site"), "站点 \"a\"\\b\n<c>");
    CHECK(audit_field(a, line, "nothing") == NULL);
    buf_free(&e.b);
  }

  fsx_rmtree(dir);
  arena_free(a);
  TEST_EXIT();
}

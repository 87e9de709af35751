/* test_hostile: the small guards against hostile input, one by one —
 * text_check (UTF-8, NUL, CR), markdown_limits (table cells), path_fold
 * (case and normalisation), yamlx's alias budget, cycle and BOM, and
 * diag's control characters.  The end-to-end cases are tests/cli/hostile_*.sh. */
#include "arena.h"
#include "diag.h"
#include "markdown_limits.h"
#include "path_fold.h"
#include "testlib.h"
#include "text_check.h"
#include "yamlx.h"

int main(void) {
  TEST("text_check: valid text, CRLF and a BOM pass untouched") {
    char t[] = "\xEF\xBB\xBF" "标题\r\n正文\r\n";
    CHECK(text_check("a.md", t, sizeof t - 1));
    CHECK_STR(t, "\xEF\xBB\xBF" "标题\r\n正文\r\n");
    CHECK_STR(tl_flushed(), "");
  }
  TEST("text_check: a CR alone becomes LF") {
    char t[] = "a\rb\r\nc\r";
    CHECK(text_check("a.md", t, sizeof t - 1));
    CHECK_STR(t, "a\nb\r\nc\n");
  }
  TEST("text_lone_cr: the same rewrite alone, for a text read again") {
    char t[] = "a\rb\r\nc\r";
    text_lone_cr(t, sizeof t - 1);
    CHECK_STR(t, "a\nb\r\nc\n");
    char u[] = "\r\r\n\r";
    text_lone_cr(u, sizeof u - 1);
    CHECK_STR(u, "\n\r\n\n");
    CHECK_STR(tl_flushed(), "");
  }
  TEST("text_check: the first bad byte, its line and column in characters") {
    char overlong[] = "一\n二三\xC0\xAF";
    CHECK(!text_check("a.md", overlong, sizeof overlong - 1));
    CHECK_STR(tl_flushed(), "a.md:2:3: error: not valid UTF-8: byte 0xC0 (is the file in GBK or another encoding?)\n"
                            "  hint: save the file as UTF-8 (in most editors: Save As, encoding UTF-8)\n");
    char surrogate[] = "x\xED\xA0\x80";
    CHECK(!text_check("b.md", surrogate, sizeof surrogate - 1));
    CHECK_STR(tl_flushed(), "b.md:1:2: error: not valid UTF-8: byte 0xED (is the file in GBK or another encoding?)\n"
                            "  hint: save the file as UTF-8 (in most editors: Save As, encoding UTF-8)\n");
    char truncated[] = "ab\xE4\xB8";
    CHECK(!text_check("c.md", truncated, sizeof truncated - 1));
    CHECK_STR(tl_flushed(), "c.md:1:3: error: not valid UTF-8: byte 0xE4 (is the file in GBK or another encoding?)\n"
                            "  hint: save the file as UTF-8 (in most editors: Save As, encoding UTF-8)\n");
  }
  TEST("text_check: a NUL byte") {
    char t[] = "正文\0x";
    CHECK(!text_check("a.md", t, sizeof t - 1));
    CHECK_STR(tl_flushed(), "a.md:1:3: error: the file contains a NUL byte\n  hint: save the file as UTF-8 text\n");
  }
  TEST("markdown_limits: pipes per line and per page") {
    size_t line, page;
    char ok[] = "|a|b|\n|-|-|\n|1|2|\n";
    CHECK(md_too_many_cells(ok, sizeof ok - 1, &line, &page) == 0);
    char wide[MD_MAX_LINE_CELLS + 8];
    memset(wide, '|', sizeof wide - 1);
    wide[0] = 'x', wide[1] = '\n', wide[sizeof wide - 1] = '\0';
    CHECK(md_too_many_cells(wide, sizeof wide - 1, &line, &page) == 2);
    CHECK(line == MD_MAX_LINE_CELLS + 5);
  }
  arena *a = arena_new();
  TEST("path_fold: case and NFC/NFD fold together, other names do not") {
    CHECK_STR(path_fold(a, "news/C/"), path_fold(a, "news/c/"));
    CHECK_STR(path_fold(a, "caf\xC3\xA9"), path_fold(a, "cafe\xCC\x81"));
    CHECK(strcmp(path_fold(a, "news/a/"), path_fold(a, "news/b/")) != 0);
    CHECK_STR(path_fold(a, "bad\xFF"), "bad\xFF");
  }
  TEST("yamlx: an alias bomb stops at the budget") {
    const char *y = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                    "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                    "g: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n";
    CHECK(yamlx_parse(a, "x.yaml", y, strlen(y), 0, true) == NULL);
    CHECK_STR(tl_flushed(), "x.yaml:6:36: error: YAML aliases expand to over 1000000 values\n"
                            "  hint: write the values out, or use fewer aliases\n");
  }
  TEST("yamlx: an alias inside what it names") {
    const char *y = "a: &a {b: *a}\n";
    CHECK(yamlx_parse(a, "x.yaml", y, strlen(y), 0, true) == NULL);
    CHECK_STR(tl_flushed(), "x.yaml:1:11: error: alias *a refers to a list or mapping that contains it\n"
                            "  hint: write the value out instead of referring to the list or mapping around it\n");
  }
  TEST("yamlx: a BOM is no content") {
    const char *y = "\xEF\xBB\xBFtitle: 标题\n";
    yx_node *root = yamlx_parse(a, "x.yaml", y, strlen(y), 0, true);
    CHECK(root != NULL);
    CHECK_STR(yx_str(yx_get(root, "title")), "标题");
    CHECK_STR(tl_flushed(), "");
  }
  TEST("diag: control characters shown as \\t and \\xNN") {
    diag_error("a\x1b[31m.md", 1, 2, "h", "link \"\x01javascript:\tx\"");
    CHECK_STR(tl_flushed(), "a\\x1B[31m.md:1:2: error: link \"\\x01javascript:\\tx\"\n  hint: h\n");
  }
  TEST("diag: one diagnostic is one line: a tab, a line end, DEL in the path, message and hint") {
    diag_error("a\tb.md", 3, 1, "rename \"a\tb\nc\x7f\"", "slug \"x\ty\r\nz\" cannot be part of a URL");
    CHECK_STR(tl_flushed(), "a\\tb.md:3:1: error: slug \"x\\ty\\x0D\\x0Az\" cannot be part of a URL\n"
                            "  hint: rename \"a\\tb\\x0Ac\\x7F\"\n");
  }
  TEST("diag: C1 controls (UTF-8 U+0080–U+009F, CSI among them) shown as \\uNNNN; other letters as they are") {
    diag_error("x\xc2\x9b" "2J.md", 1, 1, "h", "\xc2\x85中文\xc2\xa0é");
    CHECK_STR(tl_flushed(), "x\\u009B2J.md:1:1: error: \\u0085中文\xc2\xa0é\n  hint: h\n");
  }
  TEST("diag: bidi controls (U+200E/F, U+202A–E, U+2066–9) shown as \\uNNNN: the line reads in order") {
    diag_error("a.csv", 2, 1, "h", "no glyph for \"\xe2\x80\xae\" in ab\xe2\x81\xa6" "cd\xe2\x80\x8f, \xe2\x80\x94 \xe2\x80\xa6");
    CHECK_STR(tl_flushed(), "a.csv:2:1: error: no glyph for \"\\u202E\" in ab\\u2066cd\\u200F, — …\n  hint: h\n");
  }
  TEST("diag_print: a line of its own, escaped alike") {
    char *text = NULL;
    size_t len;
    FILE *copy = open_memstream(&text, &len);
    diag_tee(copy);
    diag_print("govpub: built %s", "out\tdir\x1b[2J");
    diag_tee(NULL);
    fclose(copy);
    CHECK_STR(text, "govpub: built out\\tdir\\x1B[2J\n");
    free(text);
  }
  arena_free(a);
  TEST_EXIT();
}

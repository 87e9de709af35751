/* test_diag: a system failure's hint comes from errno as it was at the
 * call (diag_system), or from the errno given (diag_system_at), one hint
 * per kind of failure, a generic one for the rest; what a message quotes
 * reaches the terminal as one line of plain characters (diag_visible). */
#include <errno.h>

#include "buf.h"
#include "testlib.h"

static const char *visible(const char *s) {
  static buf b;
  buf_clear(&b);
  diag_visible(&b, s);
  return buf_cstr(&b);
}

int main(void) {
  TEST("diag_system: the hint of errno at the call") {
    errno = ENOSPC;
    diag_system("out/releases", "cannot write output: %s", strerror(errno));
    CHECK_STR(tl_flushed(), "out/releases: error: cannot write output: No space left on device\n"
                            "  hint: free space on that disk (or raise the account's quota) and run again\n");
    CHECK(diag_exit_code() == EXIT_OK); /* tl_flushed reset the counts */
  }
  TEST("diag_system_at: the errno given; a hint given wins") {
    errno = 0;
    diag_system_at(EACCES, NULL, "a", "cannot read");
    diag_system_at(ENOENT, "build whole once", "b", "cannot read");
    CHECK_STR(tl_flushed(), "a: error: cannot read\n"
                            "  hint: check the permissions of the path and of the folders above it, and the account "
                            "govpub runs as\n"
                            "b: error: cannot read\n"
                            "  hint: build whole once\n");
  }
  TEST("diag_system_hint: one hint per kind of failure") {
    CHECK(diag_system_hint(EPERM) == diag_system_hint(EACCES));
    CHECK(diag_system_hint(EDQUOT) == diag_system_hint(ENOSPC));
    CHECK(diag_system_hint(ENOTDIR) == diag_system_hint(ENOENT));
    CHECK(diag_system_hint(ENFILE) == diag_system_hint(EMFILE));
    CHECK_STR(diag_system_hint(EROFS), "the file system is mounted read-only: use a writable folder");
    CHECK_STR(diag_system_hint(EMFILE),
              "too many open files: raise the limit (ulimit -n) or run with fewer threads (-j)");
    CHECK_STR(diag_system_hint(EISDIR), "a folder is where a file should be: rename or remove the folder");
    CHECK_STR(diag_system_hint(EIO), "the disk reported an error: see the system log (journalctl -k)");
    CHECK(diag_system_hint(0) == diag_system_hint(EXDEV)); /* the generic one */
    CHECK(diag_system_hint(0) != diag_system_hint(EACCES) && diag_system_hint(0) != diag_system_hint(ENOENT));
  }
  TEST("diag_visible: text, CJK and emoji as they are") {
    CHECK_STR(visible(""), "");
    CHECK_STR(visible("news/会议.md \"a\\b\" é 😀"), "news/会议.md \"a\\b\" é 😀");
  }
  TEST("diag_visible: C0, DEL and C1 controls escaped") {
    CHECK_STR(visible("a\tb\nc\rd\x1b[31me\x7f"), "a\\tb\\x0Ac\\x0Dd\\x1B[31me\\x7F");
    CHECK_STR(visible("\xc2\x85\xc2\x9b" "2J\xc2\xa0"), "\\u0085\\u009B2J\xc2\xa0"); /* NEL, CSI; NBSP stays */
  }
  TEST("diag_visible: line and paragraph separators escaped, their neighbours not") {
    CHECK_STR(visible("一\u2028二\u2029三"), "一\\u2028二\\u2029三");
    CHECK_STR(visible("\u2027\u202A\u202E\u202F\u2066\u2069\u206A"), "\u2027\\u202A\\u202E\u202F\\u2066\\u2069\\u206A");
  }
  TEST("diag_visible: the other invisible characters escaped (a file name with one shows it)") {
    CHECK_STR(visible("会\u200B议\u00AD.md\uFEFF\u061C"), "会\\u200B议\\u00AD.md\\uFEFF\\u061C");
    CHECK_STR(visible("\u3000全角空格\u00A0"), "\u3000全角空格\u00A0"); /* spaces show: as they are */
  }
  TEST("diag_visible: each byte that is not UTF-8 as \\xNN") {
    CHECK_STR(visible("\x9b" "31m"), "\\x9B31m");                                   /* a lone CSI byte */
    CHECK_STR(visible("\xb3\xc7\xca\xd0.md"), "\\xB3\\xC7\\xCA\\xD0.md");          /* GBK 城市 */
    CHECK_STR(visible("\xc0\xaf|\xed\xa0\x80|\xf4\x90\x80\x80"),                     /* overlong, surrogate, > U+10FFFF */
              "\\xC0\\xAF|\\xED\\xA0\\x80|\\xF4\\x90\\x80\\x80");
    CHECK_STR(visible("会\xe8\xae"), "会\\xE8\\xAE");                                /* cut short at the end */
    CHECK_STR(visible("\xe8\xae议"), "\\xE8\\xAE议");                                /* cut short before a character */
  }
  TEST("diag_flush: a path and a message that are not one line of text stay one line") {
    diag_error("news/\xb3\xc7.md", 2, 3, "hint\u2029two", "title \"a\u2028b\xc2\x9b\"");
    CHECK_STR(tl_flushed(), "news/\\xB3\\xC7.md:2:3: error: title \"a\\u2028b\\u009B\"\n"
                            "  hint: hint\\u2029two\n");
  }
  TEST_EXIT();
}

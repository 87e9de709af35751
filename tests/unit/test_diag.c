/* test_diag: a system failure's hint comes from errno as it was at the
 * call (diag_system), or from the errno given (diag_system_at), one hint
 * per kind of failure, a generic one for the rest; what a message quotes
 * reaches the terminal as one line of plain characters (diag_visible); a
 * note anchored to another message follows it (diag_note_after). */
#include <errno.h>
#include <pthread.h>

#include "buf.h"
#include "testlib.h"

static const char *visible(const char *s) {
  static buf b;
  buf_clear(&b);
  diag_visible(&b, s);
  return buf_cstr(&b);
}

/* diag_take's order, one line a message: "path:line:col level msg". */
static void taken(void *ud, const diag_msg *m) {
  buf_printf(ud, "%s:%d:%d %d %s\n", m->path ? m->path : "-", m->line, m->col, (int)m->lvl, m->msg);
}

/* Records one of the notes of the threads test (arg: its number). */
static void *note_thread(void *arg) {
  int i = (int)(size_t)arg;
  diag_note_after("layouts/a.mustache", 2, 1, "content/b.md", 1 + i % 2, 1, "note %d", i);
  return NULL;
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
  TEST("diag_note_after: right after its anchor's messages (at a place; of a whole file), in its own form") {
    diag_note_after("layouts/alias.mustache", 3, 5, "content/a.md", 7, 11, "not rendered: %s", "/old/a/");
    diag_note_after("layouts/single.mustache", 0, 0, "content/a.md", 1, 1, "not rendered");
    diag_error("layouts/alias.mustache", 4, 1, NULL, "after the anchor");
    diag_error("layouts/alias.mustache", 3, 5, "fix it", "the anchor");
    diag_error("layouts/alias.mustache", 3, 4, NULL, "before the anchor");
    diag_error("content/a.md", 7, 11, NULL, "at the note's own place");
    diag_error("layouts/single.mustache", 12, 3, NULL, "last");
    diag_system_at(EIO, NULL, "layouts/single.mustache", "cannot read");
    diag_error("layouts/single.mustache", 1, 1, NULL, "first");
    diag_error("layouts/single.mustachf", 1, 1, NULL, "the next file");
    CHECK_STR(tl_flushed(), "content/a.md:7:11: error: at the note's own place\n"
                            "layouts/alias.mustache:3:4: error: before the anchor\n"
                            "layouts/alias.mustache:3:5: error: the anchor\n"
                            "  hint: fix it\n"
                            "content/a.md:7:11: note: not rendered: /old/a/\n"
                            "layouts/alias.mustache:4:1: error: after the anchor\n"
                            "layouts/single.mustache: error: cannot read\n"
                            "  hint: the disk reported an error: see the system log (journalctl -k)\n"
                            "layouts/single.mustache:1:1: error: first\n"
                            "layouts/single.mustache:12:3: error: last\n"
                            "content/a.md:1:1: note: not rendered\n"
                            "layouts/single.mustachf:1:1: error: the next file\n");
  }
  TEST("diag_note_after: with no anchor, a note at its own place; with no message there, where one would be") {
    diag_note_after(NULL, 0, 0, "b.md", 2, 1, "own");
    diag_note_after("b.md", 1, 9, "z.md", 1, 1, "anchored");
    diag_error("b.md", 3, 1, NULL, "later");
    CHECK_STR(tl_flushed(), "z.md:1:1: note: anchored\n"
                            "b.md:2:1: note: own\n"
                            "b.md:3:1: error: later\n");
  }
  TEST("diag_note_after: notes on one anchor by their own place and text, whatever thread said them first") {
    pthread_t th[6];
    for (size_t i = 0; i < 6; i++) pthread_create(&th[i], NULL, note_thread, (void *)(5 - i));
    for (size_t i = 0; i < 6; i++) pthread_join(th[i], NULL);
    note_thread((void *)(size_t)4); /* the same note again: said once */
    diag_error("layouts/a.mustache", 2, 1, NULL, "anchor");
    buf got = BUF_INIT;
    diag_take(taken, &got);
    CHECK_STR(buf_cstr(&got), "layouts/a.mustache:2:1 0 anchor\n"
                              "content/b.md:1:1 2 note 0\n"
                              "content/b.md:1:1 2 note 2\n"
                              "content/b.md:1:1 2 note 4\n"
                              "content/b.md:2:1 2 note 1\n"
                              "content/b.md:2:1 2 note 3\n"
                              "content/b.md:2:1 2 note 5\n");
    buf_free(&got);
    CHECK_STR(tl_flushed(), "");
  }
  TEST_EXIT();
}

/* test_diag: a system failure's hint comes from errno as it was at the
 * call (diag_system), or from the errno given (diag_system_at), one hint
 * per kind of failure, a generic one for the rest. */
#include <errno.h>

#include "testlib.h"

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
  TEST_EXIT();
}

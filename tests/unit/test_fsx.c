/* test_fsx: writes relative to an open folder (fsx_write_new_at), with the
 * folder a thread made last remembered: files go into it without a mkdirat
 * first, and a folder that is gone, or another folder open under the same
 * descriptor number, still gets its files. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsx.h"
#include "testlib.h"

static char *read_at(int dirfd, const char *path) {
  int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return NULL;
  char *text = fsx_read_fd(fd, NULL);
  close(fd);
  return text;
}

static int open_dir(const char *path) { return open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC); }

int main(void) {
  char root[] = "/tmp/govpub-test-fsx-XXXXXX";
  if (!mkdtemp(root)) return 1;
  arena *a = arena_new();
  int fd = open_dir(root);

  TEST("fsx: files into new and known folders") {
    CHECK(fsx_write_new_at(fd, "news/n-1/index.html", "one", 3) == 0);
    CHECK(fsx_write_new_at(fd, "search/t/0.txt", "t0", 2) == 0);
    CHECK(fsx_write_new_at(fd, "search/t/1.txt", "t1", 2) == 0); /* the known folder */
    CHECK(fsx_write_new_at(fd, "search/2.txt", "s2", 2) == 0);   /* its parent */
    char *t = read_at(fd, "news/n-1/index.html");
    CHECK_STR(t, "one");
    free(t);
    t = read_at(fd, "search/t/1.txt");
    CHECK_STR(t, "t1");
    free(t);
    t = read_at(fd, "search/2.txt");
    CHECK_STR(t, "s2");
    free(t);
  }

  TEST("fsx: a file that exists is not written again (EEXIST)") {
    errno = 0;
    CHECK(fsx_write_new_at(fd, "search/t/1.txt", "xx", 2) == -1);
    CHECK(errno == EEXIST);
    char *t = read_at(fd, "search/t/1.txt");
    CHECK_STR(t, "t1");
    free(t);
  }

  TEST("fsx: the known folder removed: made again") {
    CHECK(fsx_rmtree(path_join(a, root, "search")) == 0);
    CHECK(fsx_write_new_at(fd, "search/t/3.txt", "t3", 2) == 0);
    char *t = read_at(fd, "search/t/3.txt");
    CHECK_STR(t, "t3");
    free(t);
  }

  TEST("fsx: another folder under the same descriptor number") {
    char *other = path_join(a, root, "other");
    CHECK(fsx_mkdirs(other) == 0);
    close(fd);
    int fd2 = open_dir(other);
    CHECK(fd2 == fd); /* the lowest free number: the one just closed */
    CHECK(fsx_write_new_at(fd2, "search/t/4.txt", "t4", 2) == 0);
    char *t = read_at(fd2, "search/t/4.txt");
    CHECK_STR(t, "t4");
    free(t);
    fd = fd2;
  }

  close(fd);
  fsx_rmtree(root);
  arena_free(a);
  TEST_EXIT();
}

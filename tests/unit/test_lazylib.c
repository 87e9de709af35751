/* test_lazylib: a library opened when first needed gives its functions, and
 * a missing library or function is reported with the package to install. */
#include <math.h>

#include "lazylib.h"
#include "testlib.h"

int main(void) {
  TEST("lazylib_bind: the functions of a library that is there") {
    double (*cosine)(double) = NULL;
    const lazylib_fn fns[] = {{"cos", (void **)&cosine}};
    CHECK(lazylib_bind("libm.so.6", "libc6", fns, 1));
    CHECK(cosine && cosine(0.0) == 1.0);
    CHECK_STR(tl_flushed(), "");
  }
  TEST("lazylib_bind: a library that is not there names its package") {
    void *f = NULL;
    const lazylib_fn fns[] = {{"MHD_start_daemon", &f}};
    CHECK(!lazylib_bind("libgovpub-absent.so.9", "libgovpub-absent9", fns, 1));
    const char *got = tl_flushed();
    CHECK(strstr(got, "error: cannot load libgovpub-absent.so.9 (") != NULL);
    CHECK(strstr(got, "install the Debian package libgovpub-absent9 (make deps)\n") != NULL);
  }
  TEST("lazylib_bind: a function the library lacks") {
    void *f = NULL;
    const lazylib_fn fns[] = {{"govpub_no_such_function", &f}};
    CHECK(!lazylib_bind("libm.so.6", "libc6", fns, 1));
    CHECK_STR(tl_flushed(), "govpub: error: libm.so.6 has no function govpub_no_such_function: install the Debian "
                            "package libc6 that govpub was built with\n"
                            "  hint: a problem of the machine govpub runs on, not of the site: fix what the message "
                            "names and run again\n");
  }
  TEST_EXIT();
}

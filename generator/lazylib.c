/* lazylib: see lazylib.h.  A library once opened stays open for the
 * process's life (its functions are called until exit). */
#include "lazylib.h"

#include <dlfcn.h>

#include "diag.h"

bool lazylib_bind(const char *soname, const char *package, const lazylib_fn *fns, size_t n) {
  void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    diag_system_at(0, NULL, NULL, "cannot load %s (%s): install the Debian package %s (make deps)", soname, dlerror(),
                   package);
    return false;
  }
  for (size_t i = 0; i < n; i++) {
    *fns[i].fn = dlsym(h, fns[i].name);
    if (!*fns[i].fn) {
      diag_system_at(0, NULL, NULL, "%s has no function %s: install the Debian package %s that govpub was built with",
                  soname, fns[i].name, package);
      return false;
    }
  }
  return true;
}

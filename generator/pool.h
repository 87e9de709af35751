/* pool: run fn(ctx, i, worker) for i in [0, n) on `nthreads` threads, items
 * handed out one at a time from an atomic counter (pages differ in cost).
 * `worker` is 0..nthreads-1, so callers can keep per-thread arenas. */
#ifndef GOVPUB_POOL_H
#define GOVPUB_POOL_H

#include <stddef.h>

typedef void (*pool_fn)(void *ctx, size_t i, int worker);

void pool_run(int nthreads, size_t n, pool_fn fn, void *ctx);
/* The number of threads to use by default: the CPUs this process may run on. */
int pool_default_threads(void);

#endif

/* pool: run fn(ctx, i, worker) for i in [0, n) on `nthreads` threads, items
 * handed out one at a time from an atomic counter (pages differ in cost).
 * `worker` is 0..nthreads-1, so callers can keep per-thread arenas. */
#ifndef GOVPUB_POOL_H
#define GOVPUB_POOL_H

#include <stddef.h>

typedef void (*pool_fn)(void *ctx, size_t i, int worker);

void pool_run(int nthreads, size_t n, pool_fn fn, void *ctx);
/* pool_run, except that with two threads worker 0 takes the items from the
 * first up and worker 1 from the last down, one at a time, until they meet:
 * each worker's items are one contiguous run, in its order (the search
 * index's postings rely on it: search_impl.h, search_index.ends). */
void pool_run_ends(int nthreads, size_t n, pool_fn fn, void *ctx);
/* The number of threads to use by default: the CPUs this process may run on. */
int pool_default_threads(void);
/* The number of threads -j/--jobs says (a decimal from 1 to POOL_MAX_JOBS,
 * nothing else), or 0 when arg is not one; every command that takes -j
 * reports that as diag_usage(POOL_JOBS_HINT, "invalid --jobs", arg). */
#define POOL_MAX_JOBS 256
#define POOL_JOBS_HINT "give a number of threads from 1 to 256"
int pool_jobs(const char *arg);

#endif

/* pool: run fn(ctx, i, worker) for i in [0, n) on `nthreads` threads, items
 * handed out one at a time from an atomic counter (pages differ in cost).
 * `worker` is 0..nthreads-1, so callers can keep per-thread arenas. */
#ifndef GOVPUB_POOL_H
#define GOVPUB_POOL_H

#include <stddef.h>

typedef void (*pool_fn)(void *ctx, size_t i, int worker);

void pool_run(int nthreads, size_t n, pool_fn fn, void *ctx);
/* A job of its own beside the pool's (the search index's files while the
 * list pages render): fn(ctx) on a new thread, or at once on this one when
 * no thread can be made.  pool_task_wait waits for it and frees the task. */
typedef struct pool_task pool_task;
pool_task *pool_task_start(void (*fn)(void *ctx), void *ctx);
void pool_task_wait(pool_task *t);
/* The number of threads to use by default: the CPUs this process may run on. */
int pool_default_threads(void);

#endif

/* pool: see pool.h. */
#include "pool.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>

typedef struct {
  pool_fn fn;
  void *ctx;
  size_t n;
  atomic_size_t next;
} job;

typedef struct {
  job *j;
  int worker;
} arg;

static void *run(void *p) {
  arg *a = p;
  for (;;) {
    size_t i = atomic_fetch_add(&a->j->next, 1);
    if (i >= a->j->n) break;
    a->j->fn(a->j->ctx, i, a->worker);
  }
  return NULL;
}

void pool_run(int nthreads, size_t n, pool_fn fn, void *ctx) {
  job j = {fn, ctx, n, 0};
  if (nthreads < 1) nthreads = 1;
  if ((size_t)nthreads > n) nthreads = n ? (int)n : 1;
  pthread_t *t = calloc((size_t)nthreads, sizeof *t);
  arg *args = calloc((size_t)nthreads, sizeof *args);
  if (!t || !args) abort();
  int started = 0;
  for (int w = 1; w < nthreads; w++) {
    args[w] = (arg){&j, w};
    if (pthread_create(&t[w], NULL, run, &args[w]) == 0) started = w;
    else break;
  }
  args[0] = (arg){&j, 0};
  run(&args[0]);
  for (int w = 1; w <= started; w++) pthread_join(t[w], NULL);
  free(t);
  free(args);
}

int pool_default_threads(void) {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0) return n > 64 ? 64 : n;
  }
  return 1;
}

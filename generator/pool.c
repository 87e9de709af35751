/* pool: see pool.h. */
#include "pool.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

typedef struct {
  pool_fn fn;
  void *ctx;
  size_t n;
  atomic_size_t next;
  /* pool_run_ends: the items not taken yet, [front, back): front in the low
   * 32 bits, back in the high ones, moved together */
  bool ends;
  _Atomic uint64_t left;
} job;

typedef struct {
  job *j;
  int worker;
} arg;

/* The next item for `worker`: false when none is left. */
static bool take(job *j, int worker, size_t *i) {
  if (!j->ends) {
    *i = atomic_fetch_add(&j->next, 1);
    return *i < j->n;
  }
  uint64_t left = atomic_load(&j->left);
  for (;;) {
    uint64_t front = left & UINT32_MAX, back = left >> 32;
    if (front >= back) return false;
    uint64_t now = worker == 0 ? left + 1 : left - ((uint64_t)1 << 32);
    if (atomic_compare_exchange_weak(&j->left, &left, now)) {
      *i = worker == 0 ? front : back - 1;
      return true;
    }
  }
}

static void *run(void *p) {
  arg *a = p;
  size_t i;
  while (take(a->j, a->worker, &i)) a->j->fn(a->j->ctx, i, a->worker);
  return NULL;
}

static void run_job(int nthreads, job *j) {
  if (nthreads < 1) nthreads = 1;
  if ((size_t)nthreads > j->n) nthreads = j->n ? (int)j->n : 1;
  pthread_t *t = calloc((size_t)nthreads, sizeof *t);
  arg *args = calloc((size_t)nthreads, sizeof *args);
  if (!t || !args) abort();
  int started = 0;
  for (int w = 1; w < nthreads; w++) {
    args[w] = (arg){j, w};
    if (pthread_create(&t[w], NULL, run, &args[w]) == 0) started = w;
    else break;
  }
  args[0] = (arg){j, 0};
  run(&args[0]);
  for (int w = 1; w <= started; w++) pthread_join(t[w], NULL);
  free(t);
  free(args);
}

void pool_run(int nthreads, size_t n, pool_fn fn, void *ctx) {
  job j = {.fn = fn, .ctx = ctx, .n = n};
  atomic_init(&j.next, 0);
  atomic_init(&j.left, 0);
  run_job(nthreads, &j);
}

void pool_run_ends(int nthreads, size_t n, pool_fn fn, void *ctx) {
  if (nthreads != 2 || n > UINT32_MAX) {
    pool_run(nthreads, n, fn, ctx);
    return;
  }
  job j = {.fn = fn, .ctx = ctx, .n = n, .ends = true};
  atomic_init(&j.next, 0);
  atomic_init(&j.left, (uint64_t)n << 32);
  run_job(nthreads, &j);
}

int pool_jobs(const char *arg) {
  int n = 0;
  for (const char *p = arg; *p; p++) {
    if (*p < '0' || *p > '9' || n > POOL_MAX_JOBS) return 0;
    n = n * 10 + (*p - '0');
  }
  return n <= POOL_MAX_JOBS ? n : 0;
}

int pool_default_threads(void) {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0) return n > 64 ? 64 : n;
  }
  return 1;
}

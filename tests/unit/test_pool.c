/* test_pool: pool_run hands every item to exactly one worker, each worker
 * number in range; a pool_task's job runs once and is done when
 * pool_task_wait returns, also while a pool runs beside it. */
#include <stdatomic.h>
#include <stdlib.h>

#include "pool.h"
#include "testlib.h"

#define N 1000

typedef struct {
  atomic_int seen[N];
  atomic_int bad_worker;
  int threads;
} items;

static void item(void *ctx, size_t i, int worker) {
  items *it = ctx;
  atomic_fetch_add(&it->seen[i], 1);
  if (worker < 0 || worker >= it->threads) atomic_fetch_add(&it->bad_worker, 1);
}

static void count(void *ctx) { ++*(int *)ctx; }

int main(void) {
  TEST("pool_run: every item once, workers 0..n-1") {
    items *it = calloc(1, sizeof *it);
    it->threads = 3;
    pool_run(3, N, item, it);
    int wrong = 0;
    for (int i = 0; i < N; i++) wrong += atomic_load(&it->seen[i]) != 1;
    CHECK(wrong == 0);
    CHECK(atomic_load(&it->bad_worker) == 0);
    free(it);
  }

  TEST("pool_task: the job runs once, done at the wait, beside a pool") {
    int n = 0;
    items *it = calloc(1, sizeof *it);
    it->threads = 2;
    pool_task *t = pool_task_start(count, &n);
    pool_run(2, N, item, it);
    pool_task_wait(t);
    CHECK(n == 1);
    int wrong = 0;
    for (int i = 0; i < N; i++) wrong += atomic_load(&it->seen[i]) != 1;
    CHECK(wrong == 0);
    free(it);
  }
  TEST_EXIT();
}

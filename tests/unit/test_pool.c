/* test_pool: pool_run hands every item to exactly one worker, each worker
 * number in range, and a job may run a pool of its own (the whole build's
 * search index runs as a job of the list pages' pool). */
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

typedef struct {
  items *inner;
  atomic_int outer[8];
} nested;

static void outer_item(void *ctx, size_t i, int worker) {
  nested *n = ctx;
  (void)worker;
  atomic_fetch_add(&n->outer[i], 1);
  if (i == 0) pool_run(1, N, item, n->inner);
}

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

  TEST("pool_run: a job running a pool of its own") {
    nested *n = calloc(1, sizeof *n);
    n->inner = calloc(1, sizeof *n->inner);
    n->inner->threads = 1;
    pool_run(2, 8, outer_item, n);
    int wrong = 0;
    for (int i = 0; i < 8; i++) wrong += atomic_load(&n->outer[i]) != 1;
    for (int i = 0; i < N; i++) wrong += atomic_load(&n->inner->seen[i]) != 1;
    CHECK(wrong == 0);
    CHECK(atomic_load(&n->inner->bad_worker) == 0);
    free(n->inner);
    free(n);
  }
  TEST_EXIT();
}

/* test_pool: pool_run hands every item to exactly one worker, each worker
 * number in range, and a job may run a pool of its own (the whole build's
 * search index runs as a job of the list pages' pool); pool_run_ends with
 * two threads gives worker 0 a run from the first item up and worker 1 the
 * rest, from the last item down. */
#include <stdatomic.h>
#include <stdbool.h>
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

/* Each item's worker, and the order each worker took its items in. */
typedef struct {
  int by[N];
  size_t order[2][N];
  size_t n[2];
} ends;

static void end_item(void *ctx, size_t i, int worker) {
  ends *e = ctx;
  e->by[i] = worker;
  e->order[worker][e->n[worker]++] = i;
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

/* Whether `run` on three threads hands every item to exactly one worker
 * numbered 0..2. */
static bool every_item_once(void (*run)(int, size_t, pool_fn, void *)) {
  items *it = calloc(1, sizeof *it);
  it->threads = 3;
  run(3, N, item, it);
  int wrong = 0;
  for (int i = 0; i < N; i++) wrong += atomic_load(&it->seen[i]) != 1;
  bool ok = wrong == 0 && atomic_load(&it->bad_worker) == 0;
  free(it);
  return ok;
}

int main(void) {
  TEST("pool_run: every item once, workers 0..n-1") {
    CHECK(every_item_once(pool_run));
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
  TEST("pool_run_ends: two threads take the items from both ends") {
    for (int round = 0; round < 20; round++) {
      ends *e = calloc(1, sizeof *e);
      for (int i = 0; i < N; i++) e->by[i] = -1;
      pool_run_ends(2, N, end_item, e);
      CHECK(e->n[0] + e->n[1] == N);
      int wrong = 0;
      for (size_t k = 0; k < e->n[0]; k++) wrong += e->order[0][k] != k;           /* 0, 1, 2, … */
      for (size_t k = 0; k < e->n[1]; k++) wrong += e->order[1][k] != N - 1 - k;   /* N-1, N-2, … */
      for (int i = 0; i < N; i++) wrong += e->by[i] != (i < (int)e->n[0] ? 0 : 1); /* each once */
      CHECK(wrong == 0);
      free(e);
    }
    CHECK(every_item_once(pool_run_ends)); /* other thread counts: as pool_run */
  }
  TEST_EXIT();
}

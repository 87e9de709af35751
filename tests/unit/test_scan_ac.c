/* test_scan_ac: the automaton finds exactly what a naive search finds —
 * every occurrence of every key, overlapping and nested ones included —
 * on hand-made cases (failure links across shared prefixes, keys that are
 * suffixes of others, duplicate keys) and on random dictionaries. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "scan_ac.h"
#include "testlib.h"

/* A match: key id and the position of its last symbol. */
typedef struct {
  uint32_t id;
  size_t end;
} found;

static int cmp_found(const void *a, const void *b) {
  const found *x = a, *y = b;
  if (x->end != y->end) return x->end < y->end ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

/* Runs m over text[0..n) and lists every output, sorted. */
static size_t run_ac(const ac *m, const uint32_t *text, size_t n, found *out) {
  size_t k = 0;
  uint32_t s = 0;
  for (size_t i = 0; i < n; i++) {
    s = ac_step(m, s, text[i]);
    if (!(m->cell[s].base & AC_OUT)) continue;
    for (uint32_t u = s; u != AC_NONE; u = m->suffix[u])
      for (uint32_t o = m->out[u]; o != AC_NONE; o = m->outs[o].next) out[k++] = (found){m->outs[o].id, i};
  }
  qsort(out, k, sizeof *out, cmp_found);
  return k;
}

static size_t run_naive(const ac_key *keys, size_t nkeys, const uint32_t *text, size_t n, found *out) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < nkeys; j++)
      if (keys[j].len <= i + 1 && memcmp(text + i + 1 - keys[j].len, keys[j].sym, keys[j].len * sizeof *text) == 0)
        out[k++] = (found){keys[j].id, i};
  qsort(out, k, sizeof *out, cmp_found);
  return k;
}

static bool same(const ac_key *keys, size_t nkeys, uint32_t nsym, const uint32_t *text, size_t n) {
  ac m;
  ac_build(&m, keys, nkeys, nsym);
  found *a = malloc((n * nkeys + 1) * sizeof *a), *b = malloc((n * nkeys + 1) * sizeof *b);
  size_t na = run_ac(&m, text, n, a), nb = run_naive(keys, nkeys, text, n, b);
  bool ok = na == nb;
  for (size_t i = 0; ok && i < na; i++) ok = cmp_found(&a[i], &b[i]) == 0;
  free(a);
  free(b);
  ac_free(&m);
  return ok;
}

static uint64_t rng = 88172645463325252ull;
static uint32_t rnd(uint32_t n) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (uint32_t)(rng % n);
}

int main(void) {
  TEST("failure link into another key's prefix") {
    /* 1 2 3 and 2 4 5: after 1 2 the text goes on 4 5 */
    uint32_t k1[] = {1, 2, 3}, k2[] = {2, 4, 5}, text[] = {1, 2, 4, 5};
    ac_key keys[] = {{k1, 3, 0}, {k2, 3, 1}};
    CHECK(same(keys, 2, 5, text, 4));
    ac m;
    ac_build(&m, keys, 2, 5);
    found f[4];
    CHECK(run_ac(&m, text, 4, f) == 1 && f[0].id == 1 && f[0].end == 3);
    ac_free(&m);
  }
  TEST("suffix keys, nested keys, duplicate keys") {
    uint32_t a[] = {1, 2, 3, 4}, b[] = {3, 4}, c[] = {2, 3}, d[] = {4}, text[] = {1, 2, 3, 4, 3, 4, 4};
    ac_key keys[] = {{a, 4, 0}, {b, 2, 1}, {c, 2, 2}, {d, 1, 3}, {b, 2, 4}};
    CHECK(same(keys, 5, 4, text, 7));
    ac m;
    ac_build(&m, keys, 5, 4);
    found f[32];
    CHECK(run_ac(&m, text, 7, f) == 9); /* 1234; 23; 34 twice (two ids) at two places; 4 at three */
    ac_free(&m);
  }
  TEST("no keys: the root only") {
    uint32_t text[] = {1, 1};
    CHECK(same(NULL, 0, 1, text, 2));
  }
  TEST("random dictionaries over small and large alphabets") {
    for (int round = 0; round < 40; round++) {
      uint32_t nsym = round < 20 ? 3 + rnd(4) : 200 + rnd(3000);
      size_t nkeys = 1 + rnd(round < 20 ? 30 : 400), n = 2000;
      ac_key *keys = malloc(nkeys * sizeof *keys);
      uint32_t *syms = malloc(nkeys * 8 * sizeof *syms), *text = malloc(n * sizeof *text);
      for (size_t k = 0; k < nkeys; k++) {
        keys[k] = (ac_key){syms + 8 * k, 1 + rnd(round < 20 ? 6 : 8), (uint32_t)k};
        for (uint32_t i = 0; i < keys[k].len; i++) syms[8 * k + i] = 1 + rnd(round < 20 ? nsym : 40);
      }
      for (size_t i = 0; i < n; i++) text[i] = 1 + rnd(round < 20 ? nsym : 40);
      bool ok = same(keys, nkeys, nsym, text, n);
      CHECK(ok);
      free(keys);
      free(syms);
      free(text);
      if (!ok) break;
    }
  }
  TEST_EXIT();
}

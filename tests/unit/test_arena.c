/* Unit tests for arena: resizing (in place or by copy), reuse across resets
 * and joins.  Under -DARENA_DEBUG (the sanitizer pass) every allocation is
 * its own malloc, so only the contents are checked there, not the places. */
#include "arena.h"

#include "testlib.h"

#include <stdio.h>
#include <unistd.h>

/* Resident memory of this process in bytes (/proc/self/statm). */
static size_t resident(void) {
  FILE *f = fopen("/proc/self/statm", "r");
  unsigned long size = 0, res = 0;
  if (f) {
    if (fscanf(f, "%lu %lu", &size, &res) != 2) res = 0;
    fclose(f);
  }
  return (size_t)res * (size_t)sysconf(_SC_PAGESIZE);
}

int main(void) {
  TEST("arena_resize grows the latest allocation in place and keeps its bytes") {
    arena *a = arena_new();
    char *p = arena_alloc(a, 10);
    memcpy(p, "0123456789", 10);
    char *q = arena_resize(a, p, 10, 4000);
#ifndef ARENA_DEBUG
    CHECK(q == p);
#endif
    CHECK(memcmp(q, "0123456789", 10) == 0);
    arena_free(a);
  }

  TEST("arena_resize copies an allocation that is not the latest") {
    arena *a = arena_new();
    char *p = arena_alloc(a, 4);
    memcpy(p, "abcd", 4);
    char *later = arena_alloc(a, 16);
    memset(later, 'x', 16);
    char *q = arena_resize(a, p, 4, 100);
    CHECK(q != p && memcmp(q, "abcd", 4) == 0);
    CHECK(later[0] == 'x' && later[15] == 'x'); /* the later block is untouched */
    char *s = arena_resize(a, q, 100, 2);       /* shrinking keeps the prefix */
    CHECK(memcmp(s, "ab", 2) == 0);
    arena_free(a);
  }

  TEST("arena_resize past the block moves to a new one") {
    arena *a = arena_new();
    char *p = arena_alloc(a, 100);
    memset(p, 'y', 100);
    char *q = arena_resize(a, p, 100, 200 * 1024);
    CHECK(q != p && q[0] == 'y' && q[99] == 'y');
    q[200 * 1024 - 1] = 'z';
    arena_free(a);
  }

  TEST("arena_reset forgets everything and the arena stays usable") {
    arena *a = arena_new();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 100; i++) memset(arena_alloc(a, 1000), i, 1000);
      CHECK(arena_used(a) >= 100 * 1000);
      arena_reset(a);
      CHECK(arena_used(a) == 0);
    }
    arena_free(a);
  }

  TEST("arena_store_trim gives freed blocks' memory back and the blocks stay usable") {
    enum { MB = 1024 * 1024, CHUNK = 4000, N = 40 * MB / CHUNK };
    arena *a = arena_new();
    for (int i = 0; i < N; i++) memset(arena_alloc(a, CHUNK), 'a', CHUNK);
    arena_free(a);
    size_t before = resident();
    arena_store_trim(2 * MB);
    size_t after = resident();
#ifndef ARENA_DEBUG
    CHECK(before > after && before - after >= 30 * MB); /* 40 MB freed, 2 MB kept, headers kept */
#else
    (void)before, (void)after; /* every allocation was malloc's: nothing in a store */
#endif
    arena *b = arena_new(); /* trimmed blocks come back as zero pages */
    for (int i = 0; i < N; i++) {
      char *p = arena_alloc(b, CHUNK);
      memset(p, 'b', CHUNK);
      CHECK(p[0] == 'b' && p[CHUNK - 1] == 'b');
    }
    arena_free(b);
  }

  TEST("arena_cat joins its strings up to NULL") {
    arena *a = arena_new();
    CHECK_STR(arena_cat(a, "/policy/", "x/", "index.html", NULL), "/policy/x/index.html");
    CHECK_STR(arena_cat(a, "", NULL), "");
    CHECK_STR(arena_cat(a, "数据", "发布", NULL), "数据发布");
    arena_free(a);
  }
  TEST_EXIT();
}

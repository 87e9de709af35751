/* test_yamlx: the front matter read without libyaml (yamlx_simple) gives
 * the tree libyaml's path (yamlx_parse_events) gives — strings, kinds,
 * lines, columns, plain — for every shape the subset accepts, and declines
 * everything else; then the same comparison on the front matter of every
 * page of the sample site (content/), of $YAMLX_CORPUS when set (a bench
 * site's content folder), and on the front matter fuzzer's corpus: every
 * text in it, whole and each part between %%%% lines, as YAML. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "fsx.h"
#include "testlib.h"
#include "yamlx.h"
#include "yamlx_simple.h"
#include "yx_same.h"

/* 1: the subset read it, as libyaml does; 0: declined; -1: read it differently. */
static int compare(const char *text, int line_offset) {
  arena *a = arena_new();
  size_t len = strlen(text);
  yx_node *fast = yamlx_simple(a, text, len, line_offset);
  int rc = 0;
  if (fast) {
    yx_node *slow = yamlx_parse_events(a, "t", text, len, line_offset, true);
    rc = slow && yx_same(fast, slow) ? 1 : -1;
  }
  arena_free(a);
  return rc;
}

static void test_shapes(void) {
  static const char *accepted[] = {
      "title: \"云岭区住房保障三年行动计划（2017—2019年）\"\ndate: 2017-12-02T18:00:00+08:00\ndraft: false\n",
      "a: plain words, with commas [and] {braces}\nb: 'single \"quoted\" \\ text'\nc: \"\"\nd: ''\n",
      "tags: [\"公共数据\"]\ntopics: [a, b c, \"d\"]\nnone: []\n",
      "tags:\n  - 乡村振兴\n  - \"数据\"\nnext: 1\n",
      "tags:\n- a\n- 'b'\n\n- c\nweight: -3\n",
      "\n\nfirst_key-2: x:y#z\nC: C# and a:b\n",
      "k: value\n", "k: v", "url: https://example.gov.cn/a?b=c#d\n", "n: ~\nm: null\nt: true\n",
  };
  static const char *declined[] = {
      "", "# comment\nk: v\n", "k: v # comment\n", "k: &a v\n", "k: *a\n", "k: !tag v\n", "k: |\n  text\n",
      "k: >\n  text\n", "k:\n", "k:\nj: v\n", "k: v\nk: w\n", "k: \"a\\nb\"\n", "k: 'it''s'\n",
      "k: v\n  continued\n", "k:\n  a: 1\n", "k: {a: 1}\n", "k: [a, [b]]\n", "k: [a,b]\n", "k: v \n",
      "k: a: b\n", "k:v\n", " k: v\n", "k:\n  - a\n   - b\n", "k:\n  - [a]\n", "k: -x\n", "k: v\r\n",
      "k:\tv\n", "k: \xC2\x85\n", "k: a\xE2\x80\xA8" "b\n", "\xEF\xBB\xBFk: v\n", "---\nk: v\n", "k: v:\n",
      "- a\n", "k: \"a\" b\n", "k: [\"a\", b:c]\n", "k: @x\n", "k: %x\n", "k: `x\n", "k: \x01\n",
  };
  TEST("yamlx_simple: the common shapes read as libyaml reads them") {
    for (size_t i = 0; i < sizeof accepted / sizeof *accepted; i++) {
      int rc = compare(accepted[i], 1);
      if (rc != 1) printf("  case %zu: %s\n", i, rc ? "differs" : "declined");
      CHECK(rc == 1);
    }
  }
  TEST("yamlx_simple: what libyaml reads differently is declined wherever it stands in a long value") {
    static const char *odd[] = {"\t", "\x01", "\x7F", "\xC2\x85", "\xE2\x80\xA8", "\xE2\x80\xA9", "\xEF\xBB\xBF",
                                "\xEF\xBF\xBE", "\xEF\xBF\xBF", "\xE4\xB8"};
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++)
      for (int at = 0; at < 40; at++) {
        char text[256];
        snprintf(text, sizeof text, "title: “数据”%.*s%s%s—共享\n", at, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十" "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十", at % 3 ? "" : "x", odd[i]);
        CHECK(compare(text, 1) == 0);
      }
    CHECK(compare("title: “数据”一二三四五六七八九十一二三四五六七八九十—共享\n", 1) == 1);
  }
  TEST("yamlx_simple: everything else goes to libyaml") {
    for (size_t i = 0; i < sizeof declined / sizeof *declined; i++) {
      int rc = compare(declined[i], 1);
      if (rc != 0) printf("  case %zu: %s\n", i, rc > 0 ? "accepted" : "differs");
      CHECK(rc == 0);
    }
  }
}

/* Every page's front matter under dir: *read gets how many the subset read. */
static void compare_folder(const char *dir, size_t *pages, size_t *read, size_t *differ) {
  arena *a = arena_new();
  fsx_walk_entry *e;
  size_t n;
  if (fsx_walk(a, dir, &e, &n) != 0) n = 0;
  for (size_t i = 0; i < n; i++) {
    size_t pl = strlen(e[i].path);
    if (!e[i].is_file || pl < 3 || strcmp(e[i].path + pl - 3, ".md") != 0) continue;
    char *path = arena_printf(a, "%s/%s", dir, e[i].path);
    size_t len;
    char *text = fsx_read(path, &len);
    char *close = text && strncmp(text, "---\n", 4) == 0 ? strstr(text + 3, "\n---\n") : NULL;
    if (close) {
      close[1] = '\0';
      int rc = compare(text + 4, 1);
      (*pages)++;
      *read += rc == 1;
      if (rc < 0) printf("  differs: %s\n", path);
      *differ += rc < 0;
    }
    free(text);
  }
  arena_free(a);
}

/* 1, 0 or -1 as compare(), of text[0..len) (not NUL-terminated): of its
 * front matter when it starts with a --- line that is closed, else of all. */
static int compare_bytes(const char *text, size_t len) {
  if (len > 4 && memcmp(text, "---\n", 4) == 0) {
    const char *close = memmem(text + 3, len - 3, "\n---\n", 5);
    if (close) {
      text += 4;
      len = (size_t)(close + 1 - text);
    }
  }
  char *copy = malloc(len + 1);
  if (!copy) abort();
  memcpy(copy, text, len);
  copy[len] = '\0';
  int rc = strlen(copy) == len ? compare(copy, 0) : 0; /* a NUL: no YAML text */
  free(copy);
  return rc;
}

typedef struct {
  size_t texts, read, differ;
} tally;

static void count(tally *t, int rc, const char *name) {
  t->texts++;
  t->read += rc == 1;
  t->differ += rc < 0;
  if (rc < 0) printf("  differs: %s\n", name);
}

static void test_fuzz_corpus(void) {
  const char *dir = "tests/fuzz/corpus/front_matter";
  arena *a = arena_new();
  fsx_entry *e;
  size_t n, len;
  tally t = {0, 0, 0};
  if (fsx_list(a, dir, &e, &n) != 0) n = 0;
  for (size_t i = 0; i < n; i++) {
    char *text = e[i].is_file ? fsx_read(arena_printf(a, "%s/%s", dir, e[i].name), &len) : NULL;
    if (!text) continue;
    count(&t, compare_bytes(text, len), e[i].name); /* the whole text */
    const char *p = text, *end = text + len, *sep = memmem(text, len, "%%%%", 4);
    while (sep) { /* then each part between %%%% lines */
      count(&t, compare_bytes(p, (size_t)(sep - p)), e[i].name);
      p = sep + 4;
      sep = memmem(p, (size_t)(end - p), "%%%%", 4);
      if (!sep) count(&t, compare_bytes(p, (size_t)(end - p)), e[i].name);
    }
    free(text);
  }
  arena_free(a);
  printf("  %s: %zu texts, %zu read without libyaml, %zu differ\n", dir, t.texts, t.read, t.differ);
  TEST("yamlx_simple: the front matter fuzzer's corpus reads as libyaml reads it") {
    CHECK(t.texts > 0 && t.differ == 0);
  }
}

static void test_sites(void) {
  const char *dirs[] = {"content", getenv("YAMLX_CORPUS")};
  for (size_t d = 0; d < 2; d++) {
    if (!dirs[d]) continue;
    size_t pages = 0, read = 0, differ = 0;
    compare_folder(dirs[d], &pages, &read, &differ);
    printf("  %s: %zu front matters, %zu read without libyaml, %zu differ\n", dirs[d], pages, read, differ);
    TEST(d ? "yamlx_simple: $YAMLX_CORPUS's front matter reads as libyaml reads it"
           : "yamlx_simple: the sample site's front matter reads as libyaml reads it") {
      CHECK(pages > 0 && differ == 0);
    }
  }
}

int main(void) {
  test_shapes();
  test_sites();
  test_fuzz_corpus();
  TEST_EXIT();
}

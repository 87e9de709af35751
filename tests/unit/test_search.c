/* Unit tests for the search tokenizer: the shared query cases of
 * tests/fixtures/search-tokens.txt (search.js must give the same tokens),
 * the index rules, and the promise search rests on: every query that is a
 * substring of a text looks up only tokens the text's index holds. */
#include "search_token.h"

#include <ctype.h>

#include "buf.h"
#include "cjk.h"
#include "testlib.h"

/* Tokens joined by single spaces. */
static void join(void *ud, const char *tok, size_t len) {
  buf *b = ud;
  if (b->len) buf_putc(b, ' ');
  buf_put(b, tok, len);
}

static const char *tokens(const char *text, size_t len, bool query) {
  static buf b;
  buf_clear(&b);
  search_tokenize(text, len, query, join, &b);
  return buf_cstr(&b);
}

/* The query of a vector line, with \t \n \\ decoded, into b. */
static void unescape(buf *b, const char *s, size_t n) {
  buf_clear(b);
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '\\' && i + 1 < n) {
      i++;
      buf_putc(b, s[i] == 't' ? '\t' : s[i] == 'n' ? '\n' : s[i]);
    } else {
      buf_putc(b, s[i]);
    }
  }
}

static void vectors(void) {
  FILE *f = fopen("tests/fixtures/search-tokens.txt", "r");
  TEST("search-tokens.txt is readable") CHECK(f != NULL);
  if (!f) return;
  char *line = NULL;
  size_t cap = 0, lineno = 0, cases = 0;
  ssize_t n;
  buf q = BUF_INIT;
  while ((n = getline(&line, &cap, f)) > 0) {
    lineno++;
    if (line[0] == '#') continue;
    if (line[n - 1] == '\n') line[--n] = 0;
    char *tab = strchr(line, '\t');
    char name[64];
    snprintf(name, sizeof name, "search-tokens.txt line %zu", lineno);
    TEST(name) {
      CHECK(tab != NULL);
      if (tab) {
        unescape(&q, line, (size_t)(tab - line));
        CHECK_STR(tokens(q.data ? q.data : "", q.len, true), tab + 1);
      }
    }
    cases++;
  }
  TEST("search-tokens.txt has its cases") CHECK(cases >= 30);
  free(line);
  buf_free(&q);
  fclose(f);
}

/* The tokens of a run handed whole by search_tokenize_index: each letter
 * and each pair of neighbours, as join() writes them; then, as the
 * callback may, over a separating character to the run right after it. */
static size_t expand_run(void *ud, const char *at, const char *end) {
  const unsigned char *u = (const unsigned char *)at, *e = (const unsigned char *)end;
  for (;;) {
    size_t n = 0;
    for (; utf8_unified_han(u + 3 * n, e); n++) {
      join(ud, (const char *)u + 3 * n, 3);
      if (n) join(ud, (const char *)u + 3 * (n - 1), 6);
    }
    u += 3 * n;
    uint32_t cp;
    size_t k = utf8_decode((const char *)u, (size_t)(e - u), &cp);
    if (!k || !search_token_separates(cp) || !utf8_unified_han(u + k, e)) break;
    u += k;
  }
  return (size_t)(u - (const unsigned char *)at);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The space-separated tokens of s, sorted, into out. */
static void sorted(const char *s, char *out, size_t cap) {
  char tmp[4096], *toks[512];
  size_t n = 0;
  snprintf(tmp, sizeof tmp, "%s", s);
  for (char *t = strtok(tmp, " "); t && n < 512; t = strtok(NULL, " ")) toks[n++] = t;
  qsort(toks, n, sizeof *toks, cmp_str);
  out[0] = 0;
  for (size_t i = 0; i < n; i++) snprintf(out + strlen(out), cap - strlen(out), "%s%s", i ? " " : "", toks[i]);
}

/* search_tokenize_index gives the tokens of index mode (in another order). */
static void runs_same(const char *text, size_t len) {
  char want[4096], got[4096];
  sorted(tokens(text, len, false), want, sizeof want);
  buf b = BUF_INIT;
  search_tokenize_index(text, len, join, expand_run, &b);
  sorted(buf_cstr(&b), got, sizeof got);
  buf_free(&b);
  CHECK_STR(got, want);
}

/* Every token of `want` (space-separated) is among the index tokens of text. */
static bool indexed(const char *text, const char *query_tokens) {
  char want[1024];
  snprintf(want, sizeof want, "%s", query_tokens); /* tokens() reuses its buffer */
  const char *have = tokens(text, strlen(text), false);
  char h[4096];
  snprintf(h, sizeof h, " %s ", have);
  for (const char *w = want; *w;) {
    size_t l = strcspn(w, " ");
    char t[256];
    snprintf(t, sizeof t, " %.*s ", (int)l, w);
    if (!strstr(h, t)) return false;
    w += l;
    while (*w == ' ') w++;
  }
  return true;
}

int main(void) {
  vectors();

  TEST("index mode: every CJK letter and every adjacent pair") {
    CHECK_STR(tokens("数据资源", strlen("数据资源"), false), "数 据 数据 资 据资 源 资源");
    CHECK_STR(tokens("一", strlen("一"), false), "一");
  }

  TEST("index mode: CJK letters join across whitespace, not across punctuation") {
    CHECK_STR(tokens("数据\n资源", strlen("数据\n资源"), false), "数 据 数据 资 据资 源 资源");
    CHECK_STR(tokens("数据，资源", strlen("数据，资源"), false), "数 据 数据 资 源 资源");
    CHECK_STR(tokens("数据 2024 资源", strlen("数据 2024 资源"), false), "数 据 数据 2024 资 源 资源");
  }

  TEST("index mode: words, numbers, 文号 and 索引号") {
    CHECK_STR(tokens("云数资〔2024〕12号", strlen("云数资〔2024〕12号"), false), "云 数 云数 资 数资 2024 12 号");
    CHECK_STR(tokens("GDP同比增长8.2%", strlen("GDP同比增长8.2%"), false),
              "gdp 同 比 同比 增 比增 长 增长 8 2");
  }

  TEST("words: folded, cut to 32 characters, Latin letters inside them") {
    const char *t = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789xyz数 CaféÉTÉ9 ＧＤＰ2024";
    CHECK_STR(tokens(t, strlen(t), false), "abcdefghijklmnopqrstuvwxyz012345 数 caféÉtÉ9 gdp2024");
    const char *u = "éabcdefghijklmnopqrstuvwxyz0123456789";
    CHECK_STR(tokens(u, strlen(u), true), "éabcdefghijklmnopqrstuvwxyz01234");
  }

  TEST("search_token_separates: punctuation and symbols, not letters, digits or spaces") {
    static const uint32_t sep[] = {0xFF0C, 0x3002, 0x3001, 0x201C, 0x2014, 0x3014, '%', ',', 0xFF08};
    static const uint32_t not_sep[] = {0xFF21, 0xFF11, 0x3005, 0x3007, 0x3000, 'a', 'Z', '7', ' ', '\n', 0x6570, 0xE9};
    for (size_t i = 0; i < sizeof sep / sizeof *sep; i++) CHECK(search_token_separates(sep[i]));
    for (size_t i = 0; i < sizeof not_sep / sizeof *not_sep; i++) CHECK(!search_token_separates(not_sep[i]));
  }

  TEST("runs of U+4E00..U+9FFF handed whole give the same index tokens") {
    static const char *texts[] = {
        "数据资源", "一", "数据\n资源", "数据，资源", "数据 2024 资源", "云数资〔2024〕12号",
        "GDP同比增长8.2%", "ＧＤＰ增长", "〇一二三", "二〇二四年", "あいう数据カナ", "数据々々",
        "abc数据def", "数\u3000据", "𠀀数据𠀁", "数 \t\n 据资源。", "a数b据c",
        "数据、资源。共享（开放）", "数据，，资源", "数据，a资源", "数据，々资源", "“数据”—资源…开放", "数据，\n资源",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) runs_same(texts[i], strlen(texts[i]));
    runs_same("数\xe6\x95" "据", 8);
    runs_same("数据\xe6", 7);
  }

  TEST("invalid UTF-8 separates tokens and never stops the tokenizer") {
    CHECK_STR(tokens("ab\xff" "cd", 5, false), "ab cd");
    CHECK_STR(tokens("数\xe6\x95" "据", 8, false), "数 据");
    CHECK_STR(tokens("数\xe6\x95" "据", 8, true), "数 据");
    CHECK_STR(tokens("a\0b", 3, true), "a b");
  }

  TEST("every substring query finds the text") {
    static const char *texts[] = {
        "云岭区数据资源管理局关于印发《政务数据共享办法》的通知（云数资〔2024〕12号）",
        "2024年1-10月，全区GDP同比增长8.2％，一季度",
        "索引号：11530199MB0000000X/2024-00012 发布日期 2024-07-03",
    };
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
      const char *s = texts[t];
      size_t len = strlen(s);
      for (size_t i = 0; i < len; i++) {
        if ((s[i] & 0xC0) == 0x80) continue;
        for (size_t j = i + 1; j <= len && j - i <= 24; j++) {
          if (j < len && (s[j] & 0xC0) == 0x80) continue;
          /* a query may cut a Latin word or a number only at its ends */
          bool cut_word = (i > 0 && (unsigned char)s[i - 1] < 0x80 && isalnum((unsigned char)s[i - 1]) &&
                           isalnum((unsigned char)s[i])) ||
                          (j < len && (unsigned char)s[j] < 0x80 && isalnum((unsigned char)s[j]) &&
                           isalnum((unsigned char)s[j - 1]));
          if (cut_word) continue;
          char q[128];
          snprintf(q, sizeof q, "%.*s", (int)(j - i), s + i);
          if (!indexed(s, tokens(q, strlen(q), true))) {
            printf("FAIL every substring query finds the text: query «%s» in «%s»\n", q, s);
            tl_failed_now = 1;
            tl_failed_total++;
          }
        }
      }
    }
  }
  TEST_EXIT();
}

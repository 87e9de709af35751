/* Unit tests for cjk: UTF-8 helpers, character classes, counts, reading
 * time and CJK-aware summaries. */
#include "cjk.h"

#include "buf.h"
#include "testlib.h"

#define S(lit) lit, sizeof lit - 1

int main(void) {
  TEST("utf8_decode accepts valid sequences") {
    uint32_t cp;
    CHECK(utf8_decode(S("A"), &cp) == 1 && cp == 'A');
    CHECK(utf8_decode(S("é"), &cp) == 2 && cp == 0xE9);
    CHECK(utf8_decode(S("中"), &cp) == 3 && cp == 0x4E2D);
    CHECK(utf8_decode(S("𠀀"), &cp) == 4 && cp == 0x20000);
    CHECK(utf8_decode(S("\xF4\x8F\xBF\xBF"), &cp) == 4 && cp == 0x10FFFF);
  }

  TEST("utf8_decode rejects malformed sequences") {
    uint32_t cp;
    CHECK(utf8_decode(S("\x80"), &cp) == 0 && cp == 0xFFFD);         /* lone continuation */
    CHECK(utf8_decode(S("\xC0\x80"), &cp) == 0);                      /* overlong NUL */
    CHECK(utf8_decode(S("\xE0\x80\xAF"), &cp) == 0);                  /* overlong '/' */
    CHECK(utf8_decode(S("\xED\xA0\x80"), &cp) == 0);                  /* surrogate */
    CHECK(utf8_decode(S("\xF4\x90\x80\x80"), &cp) == 0);              /* above U+10FFFF */
    CHECK(utf8_decode("\xE4\xB8\xAD", 2, &cp) == 0);                  /* truncated */
    CHECK(utf8_decode(S("\xE4\x41\xAD"), &cp) == 0);                  /* bad continuation */
    CHECK(utf8_decode("", 0, &cp) == 0);
  }

  TEST("utf8_encode round-trips and replaces non-scalars") {
    char out[4];
    CHECK(utf8_encode(0x4E2D, out) == 3 && memcmp(out, "中", 3) == 0);
    CHECK(utf8_encode(0x1F600, out) == 4 && memcmp(out, "\xF0\x9F\x98\x80", 4) == 0);
    CHECK(utf8_encode(0xD800, out) == 3 && memcmp(out, "\xEF\xBF\xBD", 3) == 0);
  }

  TEST("utf8_valid reports the first bad offset") {
    size_t bad = 99;
    CHECK(utf8_valid(S("政务公开 ok"), &bad) && bad == 99);
    CHECK(!utf8_valid(S("政务\xE5\x85公开"), &bad) && bad == 6);
    CHECK(!utf8_valid(S("abc\xFF"), &bad) && bad == 3);
    CHECK(utf8_valid("", 0, NULL));
  }

  TEST("utf8_count counts code points, each invalid byte as one") {
    CHECK(utf8_count(S("一、总体要求")) == 6);
    CHECK(utf8_count(S("a中b")) == 3);
    CHECK(utf8_count(S("\xE4\xB8")) == 2);
    CHECK(utf8_count("", 0) == 0);
  }

  TEST("utf8_count, cjk_count and utf8_valid: long runs with a bad sequence at every alignment") {
    /* Each bad sequence counts one per byte; the runs around it one per
     * character, whatever their alignment to the eight-byte steps. */
    static const struct { const char *bytes; size_t len; } bad[] = {
        {S("\xE0\x80\x80")}, /* overlong */
        {S("\xED\xA0\x80")}, /* surrogate */
        {S("\xE4\xB8")},      /* truncated */
        {S("\x80")},           /* stray continuation */
        {S("\xFF")},
    };
    for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++)
      for (size_t ascii = 0; ascii < 9; ascii++) {
        char text[128];
        size_t n = 0;
        for (size_t i = 0; i < ascii; i++) text[n++] = 'a';
        for (size_t i = 0; i < 5; i++, n += 3) memcpy(text + n, "中", 3);
        size_t at = n;
        memcpy(text + n, bad[b].bytes, bad[b].len);
        n += bad[b].len;
        for (size_t i = 0; i < 7; i++, n += 3) memcpy(text + n, "，", 3);
        size_t off = 99;
        CHECK(utf8_count(text, n) == ascii + 5 + bad[b].len + 7);
        size_t all = 0;
        cjk_count(text, n, NULL, NULL, &all);
        CHECK(all == ascii + 5 + bad[b].len + 7);
        CHECK(!utf8_valid(text, n, &off) && off == at);
        CHECK(utf8_count(text, at) == ascii + 5 && utf8_valid(text, at, NULL));
      }
    CHECK(utf8_count(S("\xE0\xA0\x80\xED\x9F\xBF\xEF\xBF\xBF\xE1\x80\x80")) == 4); /* U+0800 U+D7FF U+FFFF U+1000 */
    CHECK(utf8_valid(S("abcdefghijklmnop一二三四五六七八"), NULL));
  }

  TEST("cjk_count at the edges of the unified ideographs") {
    size_t chars, words;
    /* U+4DC0 (a hexagram) is neither a letter nor punctuation: a word. */
    cjk_count(S("一\u4DC0丁\u9FFF\u3400\uA000"), &chars, &words, NULL);
    CHECK(chars == 4 && words == 1);
    cjk_count(S("丁丁丁丁丁丁丁丁丁x丁丁丁丁丁丁丁"), &chars, &words, NULL);
    CHECK(chars == 16 && words == 1);
    cjk_count(S("数据\xE4\xB8\xADx"), &chars, &words, NULL);
    CHECK(chars == 3 && words == 1);
    cjk_count(S("数据\xE4\xB8"), &chars, &words, NULL); /* truncated: dropped */
    CHECK(chars == 2 && words == 0);
  }

  TEST("character classes") {
    CHECK(cjk_is_letter(0x4E2D) && cjk_is_letter(0x3007) && cjk_is_letter(0x3042) && cjk_is_letter(0x20000));
    CHECK(!cjk_is_letter(0x3002) && !cjk_is_letter('a') && !cjk_is_letter(0xFF0C));
    CHECK(cjk_is_wide(0x4E2D) && cjk_is_wide(0x3002) && cjk_is_wide(0xFF0C) && cjk_is_wide(0x300A));
    CHECK(!cjk_is_wide('a') && !cjk_is_wide(0xAC00) && !cjk_is_wide(0x201C));
    CHECK(cjk_is_punct(0x3001) && cjk_is_punct(0x201C) && cjk_is_punct(0xFF01) && cjk_is_punct('!') &&
          cjk_is_punct(0x2014) && cjk_is_punct(0x1F600) && cjk_is_punct(0x200B));
    CHECK(!cjk_is_punct(0x4E00) && !cjk_is_punct(0x2460) && !cjk_is_punct(0x3007) && !cjk_is_punct('a') &&
          !cjk_is_punct(0x2160) && !cjk_is_punct(0xE9));
  }

  TEST("cjk_count separates CJK characters and Latin words") {
    size_t chars, words;
    cjk_count(S("2024年，区数据资源管理局推进e-government建设，办理时限压缩88.2%。"), &chars, &words, NULL);
    CHECK(chars == 19);
    CHECK(words == 3); /* 2024, e-government, 88.2% */
    cjk_count(S("Open data — for everyone"), &chars, &words, NULL);
    CHECK(chars == 0 && words == 4);
    cjk_count(S("《通知》：“一网通办”"), &chars, NULL, NULL);
    CHECK(chars == 6);
    cjk_count("", 0, &chars, &words, NULL);
    CHECK(chars == 0 && words == 0);
  }

  TEST("cjk_reading_minutes") {
    CHECK(cjk_reading_minutes(0, 0) == 1);
    CHECK(cjk_reading_minutes(400, 0) == 1);
    CHECK(cjk_reading_minutes(401, 0) == 2);
    CHECK(cjk_reading_minutes(0, 200) == 1);
    CHECK(cjk_reading_minutes(0, 201) == 2);
    CHECK(cjk_reading_minutes(800, 200) == 3);
    CHECK(cjk_reading_minutes(4000, 0) == 10);
  }

  arena *a = arena_new();

  TEST("summary: short text is returned whole, whitespace collapsed") {
    CHECK_STR(cjk_summary(a, S("关于开展数据普查的通知"), 120), "关于开展数据普查的通知");
    CHECK_STR(cjk_summary(a, S("  第一段。\n\n第二段  text\n more  "), 120), "第一段。第二段 text more");
    CHECK_STR(cjk_summary(a, S("数据\n\tOpen\u3000data"), 120), "数据 Open data");
    CHECK_STR(cjk_summary(a, S("一二三"), 3), "一二三");
    CHECK_STR(cjk_summary(a, S("一二三"), 0), "");
  }

  TEST("summary: ends at a sentence end in the last third") {
    const char *t = "一二三四五六七八九十。甲乙丙丁戊己庚辛壬癸！子丑寅卯辰巳午未申酉戌亥";
    CHECK_STR(cjk_summary(a, t, strlen(t), 25), "一二三四五六七八九十。甲乙丙丁戊己庚辛壬癸！");
    CHECK_STR(cjk_summary(a, t, strlen(t), 15), "一二三四五六七八九十。");
  }

  TEST("summary: cuts with an ellipsis when no sentence end is near") {
    const char *t = "一二三四五六七八九十。甲乙丙丁戊己庚辛壬癸！子丑寅卯辰巳午未申酉戌亥";
    const char *s = cjk_summary(a, t, strlen(t), 20);
    CHECK_STR(s, "一二三四五六七八九十。甲乙丙丁戊己庚辛…");
    CHECK(utf8_count(s, strlen(s)) == 20);
    CHECK_STR(cjk_summary(a, S("政务服务数据共享"), 5), "政务服务…");
    CHECK_STR(cjk_summary(a, S("abc"), 1), "…");
  }

  TEST("summary: closing quotes stay with their sentence") {
    const char *t = "区长强调：“全面推进一网通办。”随后部署了下一阶段的工作安排";
    CHECK_STR(cjk_summary(a, t, strlen(t), 20), "区长强调：“全面推进一网通办。”");
  }

  TEST("summary: mixed text, ASCII sentence ends need a following space") {
    const char *t = "Growth was 2.5 percent this year";
    CHECK_STR(cjk_summary(a, t, strlen(t), 14), "Growth was 2.…");
    const char *m = "The plan is out. 数据开放共享持续推进 and more text follows here";
    CHECK_STR(cjk_summary(a, m, strlen(m), 24), "The plan is out. 数据开放共享…");
    const char *e = "数据开放共享持续推进, see the plan. More text follows here";
    CHECK_STR(cjk_summary(a, e, strlen(e), 28), "数据开放共享持续推进, see the plan.");
  }

  TEST("summary: a window longer than a few thousand bytes") {
    buf long_text = BUF_INIT;
    for (int i = 0; i < 4000; i++) buf_puts(&long_text, i % 100 == 99 ? "。" : "中");
    const char *s = cjk_summary(a, long_text.data, long_text.len, 3000);
    CHECK(utf8_count(s, strlen(s)) == 3000 && strncmp(s, long_text.data, strlen(s)) == 0);
    CHECK(strcmp(s + strlen(s) - 3, "。") == 0);
    s = cjk_summary(a, long_text.data, long_text.len, 2950);
    CHECK(utf8_count(s, strlen(s)) == 2900);
    buf_free(&long_text);
  }

  TEST("summary: never splits a UTF-8 sequence, drops invalid bytes") {
    CHECK_STR(cjk_summary(a, S("数据\xE5\x85资源管理局"), 120), "数据资源管理局");
    const char *t = "𠀀𠀁𠀂𠀃𠀄𠀅";
    const char *s = cjk_summary(a, t, strlen(t), 4);
    CHECK_STR(s, "𠀀𠀁𠀂…");
    CHECK(utf8_valid(s, strlen(s), NULL));
  }

  arena_free(a);
  TEST_EXIT();
}

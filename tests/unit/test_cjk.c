/* Unit tests for cjk: UTF-8 helpers, character classes, counts, reading
 * time and CJK-aware summaries. */
#include "cjk.h"

#include "buf.h"
#include "testlib.h"

#define S(lit) lit, sizeof lit - 1

/* Reference models for the random texts below: one character at a time
 * through utf8_decode and the class predicates, the way the definitions in
 * cjk.h read (the fast paths must agree with them on every byte). */
static size_t ref_first_bad(const char *s, size_t n, bool plain) {
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t k = utf8_decode(s + i, n - i, &cp);
    if (!k || (plain && ((cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp <= 0x9F)))) return i;
    i += k;
  }
  return n;
}

static bool ref_space(uint32_t cp) {
  return (cp >= '\t' && cp <= '\r') || cp == ' ' || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

static void ref_count(const char *s, size_t n, size_t *chars, size_t *words, size_t *all) {
  bool word = false;
  *chars = *words = *all = 0;
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t k = utf8_decode(s + i, n - i, &cp);
    ++*all;
    i += k ? k : 1;
    if (!k) continue;
    *chars += cjk_is_letter(cp);
    if (ref_space(cp) || cjk_is_wide(cp)) {
      *words += word;
      word = false;
    } else if (cp < 0x80 ? (cp | 0x20) - 'a' < 26 || cp - '0' < 10 : !cjk_is_punct(cp)) {
      word = true;
    }
  }
  *words += word;
}

/* Pieces of the random texts: what Chinese pages hold, the edges of every
 * fast path's classes, and broken sequences. */
static const char *const pieces[] = {
    "中", "数据", "一", "\xE4\xB7\x80" /* U+4DC0 */, "\xE4\xB6\xBF", "㐀", "\xE3\x8F\xBF", "，", "。", "、", "《", "》",
    "（", "）", "〇", "々", "\xE3\x80\xBF" /* U+303F */, "\xE3\x80\x80" /* U+3000 */, "“", "”", "—", "…",
    "\xE2\x80\x80" /* U+2000 */, "\xE2\x80\x8A", "\xE2\x80\x8B", "\xE2\x80\xA8", "\xE2\x80\xAF", "\xE2\x80\xB0",
    "\xE2\x81\x9F", "·", "é", "～", "Ａ", "\xEF\xBE\x80", "ｰ", "\xEF\xBC\x80", "\xEF\xBF\xBF", "あ", "가",
    "😀", "𠀀", "a", "Z", "0", "9", "x", "-", "%", ".", "/", "`", "{", " ", "  ", "\t", "\n", "\v", "\x7F",
    "\x01", "\r", "\r\n", "\x80", "\xBF", "\xFF", "\xC0\x80", "\xC1\xBF", "\xC2", "\xE4\xB8", "\xE5", "\xE0\x80\x80",
    "\xE0\xA0\x80", "\xED\xA0\x80", "\xED\x9F\xBF", "\xF0\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF4\x8F\xBF\xBF",
    "\xF0\x9F\x98", "\xE4\x41\xAD", "\xC2\x85" /* U+0085 */, "\xC2\x9F", "\xC2\xA0", "\x1B", "\f",
};

/* cjk_summary as cjk.h describes it, one character at a time into arrays. */
static bool ref_closes(uint32_t cp) {
  return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x2019 || cp == 0x201D || cp == 0x300B ||
         cp == 0x300D || cp == 0x300F || cp == 0x3011 || cp == 0x3009 || cp == 0xFF09;
}

static void ref_summary(buf *out, const char *s, size_t n, size_t max) {
  uint32_t cps[600];
  size_t at[601], count = 0, blen = 0;
  char bytes[2400];
  bool gap = false, line_break = false; /* a line break in the gap */
  for (size_t i = 0; i < n && count < max + 2;) {
    uint32_t cp;
    size_t k = utf8_decode(s + i, n - i, &cp);
    if (!k) {
      i++;
      continue;
    }
    if (ref_space(cp)) {
      if (!gap) line_break = false;
      line_break |= (cp >= '\n' && cp <= '\r') || cp == 0x2028 || cp == 0x2029;
      gap = count > 0;
    } else {
      bool joins = gap && (line_break ? cjk_break_joins(cps[count - 1], cp)
                                      : cjk_is_wide(cps[count - 1]) && cjk_is_wide(cp)); /* gap: count > 0 */
      if (gap && !joins) {
        at[count] = blen;
        cps[count++] = ' ';
        bytes[blen++] = ' ';
        if (count == max + 2) break;
      }
      gap = false;
      at[count] = blen;
      cps[count++] = cp;
      memcpy(bytes + blen, s + i, k);
      blen += k;
    }
    i += k;
  }
  at[count] = blen;
  if (count <= max) {
    buf_put(out, bytes, blen);
    return;
  }
  for (size_t i = max; i-- > max - max / 3;) {
    uint32_t cp = cps[i], next = cps[i + 1];
    if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF1B || cp == 0xFF61 ||
        ((cp == '.' || cp == '!' || cp == '?') && (next == ' ' || ref_closes(next)))) {
      size_t keep = i + 1;
      while (keep < max && ref_closes(cps[keep])) keep++;
      buf_put(out, bytes, at[keep]);
      return;
    }
  }
  size_t k = max - 1;
  while (k > 0 && cps[k - 1] == ' ') k--;
  buf_put(out, bytes, strnlen(bytes, at[k]));
  buf_puts(out, "…");
}

static unsigned long rng_state = 20261126;
static unsigned rng(unsigned n) {
  rng_state = rng_state * 6364136223846793005u + 1442695040888963407u;
  return (unsigned)(rng_state >> 33) % n;
}

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

  TEST("utf8_prefix: whole up to max_chars, else cut between characters with …") {
    arena *pa = arena_new();
    const char *s = "一二三";
    CHECK(utf8_prefix(pa, s, 3) == s); /* whole: the string itself */
    CHECK_STR(utf8_prefix(pa, "一二三四", 3), "一二三…");
    CHECK_STR(utf8_prefix(pa, "ab\xF0\xA0\x80\x80" "c", 3), "ab\xF0\xA0\x80\x80…"); /* a 4-byte character the 3rd */
    CHECK_STR(utf8_prefix(pa, "ab\xE4\xB8", 3), "ab\xE4…");                    /* an invalid byte counts as one */
    CHECK_STR(utf8_prefix(pa, "abc", 0), "…");
    arena_free(pa);
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

  TEST("random texts: the fast paths agree with the reference models at every length") {
    size_t npieces = sizeof pieces / sizeof pieces[0];
    char text[1024];
    arena *ta = arena_new();
    for (int round = 0; round < 3000; round++) {
      size_t n = 0;
      /* mostly Chinese with some of everything, or anything at all */
      unsigned mix = rng(3), want = 1 + rng(round < 2000 ? 60 : 300);
      for (unsigned i = 0; i < want; i++) {
        const char *pc = mix == 0 && rng(4) ? pieces[rng(12)] : mix == 1 && rng(2) ? pieces[rng(40)] : pieces[rng((unsigned)npieces)];
        size_t k = strlen(pc);
        if (n + k > sizeof text) break;
        memcpy(text + n, pc, k);
        n += k;
      }
      if (rng(8) == 0) text[rng((unsigned)n)] = '\0';
      for (size_t len = n; len + 40 > n && len <= n; len--) {
        size_t off = 9999, want_bad = ref_first_bad(text, len, false);
        bool ok = utf8_valid(text, len, &off);
        CHECK(ok == (want_bad == len) && (ok ? off == 9999 : off == want_bad));
        CHECK(utf8_plain_text(text, len) == (ref_first_bad(text, len, true) == len));
        size_t c1, w1, a1, c2, w2, a2;
        ref_count(text, len, &c1, &w1, &a1);
        cjk_count(text, len, &c2, &w2, &a2);
        CHECK(c1 == c2 && w1 == w2 && a1 == a2);
        CHECK(utf8_count(text, len) == a1);
        size_t max = rng(3) ? 1 + rng(30) : 60 + rng(100);
        buf want = BUF_INIT;
        ref_summary(&want, text, len, max);
        buf_putc(&want, '\0');
        CHECK_STR(cjk_summary(ta, text, len, max), want.data);
        /* two windows from one pass (a summary and a search snippet): each
         * as its own summary, whichever is wider */
        size_t other = rng(2) ? max + rng(60) : 1 + rng((unsigned)max);
        cjk_window w[2] = {{max, ta, NULL}, {other, ta, NULL}};
        cjk_summaries(text, len, w, 2);
        buf want2 = BUF_INIT;
        ref_summary(&want2, text, len, other);
        buf_putc(&want2, '\0');
        CHECK_STR(w[0].out, want.data);
        CHECK_STR(w[1].out, want2.data);
        buf_free(&want2);
        buf_free(&want);
        arena_reset(ta);
        if (tl_failed_now) {
          fprintf(stderr, "round %d length %zu: %zu/%zu/%zu want %zu/%zu/%zu\n", round, len, c2, w2, a2, c1, w1, a1);
          break;
        }
        if (len == 0) break;
      }
      if (tl_failed_now) break;
    }
    arena_free(ta);
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
    /* a line break next to a wide character is nothing; blanks alone are
     * one space unless both sides are wide (the editor typed them) */
    CHECK_STR(cjk_summary(a, S("数据\n\tOpen\u3000data"), 120), "数据Open data");
    CHECK_STR(cjk_summary(a, S("数据 \tOpen\u3000data 开放"), 120), "数据 Open data 开放");
    CHECK_STR(cjk_summary(a, S("一二三"), 3), "一二三");
    CHECK_STR(cjk_summary(a, S("一二三"), 0), "");
  }

  TEST("summary: a line break joins what is next to a wide character, spaces two narrow ones") {
    /* the lead's paragraphs (one line each), a summary: written over lines;
     * then blanks alone: a space unless both sides are wide */
    const char *const cases[][2] = {
        {"数据\n共享", "数据共享"},
        {"运行平稳。\n2024年继续推进。", "运行平稳。2024年继续推进。"},
        {"截至2024\n年底", "截至2024年底"},
        {"open\ndata", "open data"},
        {"使用APP\n办理", "使用APP办理"},
        {"政务\r\nAPP", "政务APP"},
        {"运行平稳。 \n 2024年", "运行平稳。2024年"}, /* blanks around it */
        {"A\u2028数据", "A数据"},
        {"运行平稳。 2024年", "运行平稳。 2024年"},
        {"数据 共享", "数据共享"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
      CHECK_STR(cjk_summary(a, cases[i][0], strlen(cases[i][0]), 120), cases[i][1]);
    /* the predicate itself */
    CHECK(cjk_break_joins(0x6570 /* 数 */, 0x636E /* 据 */) && cjk_break_joins(0x3002 /* 。 */, '2') &&
          cjk_break_joins('4', 0x5E74 /* 年 */) && cjk_break_joins('P', 0x529E /* 办 */) &&
          !cjk_break_joins('n', 'd') && !cjk_break_joins('.', '2') && !cjk_break_joins(0xD55C /* 한 */, 0xAD6D /* 국 */));
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

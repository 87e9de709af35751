/* test_scan: the content scan end to end — dictionaries written to a
 * temporary words/ folder, texts scanned, hits compared as exact strings:
 * every normalisation and evasion, the allow list, positions in front
 * matter, body, link and alt text and table cells, each rule pack shipped
 * in words/, the exact diagnostics of bad dictionaries, the reports, the
 * publish gate, and scanning from several threads. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "fsx.h"
#include "pool.h"
#include "scan.h"
#include "testlib.h"

static char root[4096]; /* the repository (tests run from there) */

/* ---- helpers ------------------------------------------------------------ */

static char tmpl[64];

/* A fresh folder with words/<name> files: pairs of (name, text), NULL-ended.
 * The current folder becomes it (so messages read words/...). */
static void words_folder(const char *const *files) {
  strcpy(tmpl, "/tmp/govpub-test-scan-XXXXXX");
  if (chdir(root) != 0 || !mkdtemp(tmpl) || chdir(tmpl) != 0) abort();
  for (; files[0]; files += 2) {
    char path[512];
    snprintf(path, sizeof path, "words/%s", files[0]);
    char *slash = strrchr(path, '/');
    *slash = '\0';
    fsx_mkdirs(path);
    *slash = '/';
    FILE *f = fopen(path, "w");
    if (!f) abort();
    fputs(files[1], f);
    fclose(f);
  }
}


static scan_dict *load(const char *const *files, int gap) {
  words_folder(files);
  scan_options o = {.gap = gap};
  scan_dict *d = scan_dict_load("words", &o);
  if (chdir(root) != 0) abort();
  fsx_rmtree(tmpl); /* a loaded dictionary keeps nothing of its files */
  return d;
}

/* The hits as "line:col-end_line:end_col term «context» =matched [fix]" lines. */
static const char *render_hits(scan_hits *h) {
  static buf b;
  buf_clear(&b);
  size_t n;
  const scan_hit *v = scan_hits_sorted(h, &n);
  for (size_t i = 0; i < n; i++) {
    buf_printf(&b, "%d:%d-%d:%d %s «%s» =%s", v[i].line, v[i].col, v[i].end_line, v[i].end_col, v[i].term,
               v[i].context, v[i].matched);
    if (v[i].fix) buf_printf(&b, " [%s]", v[i].fix);
    if (v[i].field && strcmp(v[i].field, "body")) buf_printf(&b, " (%s)", v[i].field);
    buf_putc(&b, '\n');
  }
  return buf_cstr(&b);
}

/* Scans `text` as a string at line 1, column 1. */
static const char *scan_str(const scan_dict *d, const char *text) {
  scan_hits *h = scan_hits_new();
  scan_scratch *s = scan_scratch_new(d);
  scan_origin o = {.path = "t", .line = 1, .col = 1};
  scan_text(d, s, text, strlen(text), &o, h);
  const char *r = render_hits(h);
  scan_scratch_free(s);
  scan_hits_free(h);
  return r;
}

static const char *const test_words[] = {
    "t.yaml",
    "category: 测试\n"
    "severity: block\n"
    "words: [敏感词, badword, 國家機密, 秘密文件, 二〇二四, 子丑寅, 丑寅]\n"
    "allow: [敏感词检测]\n",
    "fix.yaml",
    "category: 同改\n"
    "severity: warn\n"
    "words:\n"
    "  - {word: 甲乙丙, fix: 丁}\n"
    "  - {word: 乙丙, fix: 丁}\n",
    NULL};

/* ---- normalisation and evasion ------------------------------------------ */

static void test_normalisation(void) {
  scan_dict *d = load(test_words, 2);
  CHECK(d != NULL);
  if (!d) return;
  TEST("as written") {
    CHECK_STR(scan_str(d, "这是敏感词。"), "1:3-1:6 敏感词 «这是敏感词。» =敏感词\n");
  }
  TEST("full-width, half-width and case") {
    CHECK_STR(scan_str(d, "ＢＡＤｗｏｒｄ与BadWord"),
              "1:1-1:8 badword «ＢＡＤｗｏｒｄ与BadWord» =ＢＡＤｗｏｒｄ\n"
              "1:9-1:16 badword «ＢＡＤｗｏｒｄ与BadWord» =BadWord\n");
  }
  TEST("traditional and simplified, either side") {
    CHECK_STR(scan_str(d, "敏感詞與国家机密"),
              "1:1-1:4 敏感词 «敏感詞與国家机密» =敏感詞\n"
              "1:5-1:9 國家機密 «敏感詞與国家机密» =国家机密\n");
  }
  TEST("HTML character references") {
    CHECK_STR(scan_str(d, "敏&#24863;词 敏&#x611f;词 敏&zwj;感词"),
              "1:1-1:11 敏感词 «敏&#24863;词 敏&#x611f;词 …» =敏&#24863;词\n"
              "1:12-1:22 敏感词 «敏&#24863;词 敏&#x611f;词 敏&zwj;感词» =敏&#x611f;词\n"
              "1:23-1:31 敏感词 «… 敏&#x611f;词 敏&zwj;感词» =敏&zwj;感词\n");
  }
  TEST("noise inside a word: spaces, punctuation, emphasis, zero-width, symbols") {
    CHECK_STR(scan_str(d, "敏 感 词\n敏.感.词\n敏**感**词\n敏\u200b感\u200d词\n敏·感——词\n敏😀感词"),
              "1:1-1:6 敏感词 «敏 感 词» =敏 感 词\n"
              "2:1-2:6 敏感词 «敏.感.词» =敏.感.词\n"
              "3:1-3:8 敏感词 «敏**感**词» =敏**感**词\n"
              "4:1-4:6 敏感词 «敏\u200b感\u200d词» =敏\u200b感\u200d词\n"
              "5:1-5:7 敏感词 «敏·感——词» =敏·感——词\n"
              "6:1-6:5 敏感词 «敏😀感词» =敏😀感词\n");
  }
  TEST("no more noise than the gap") {
    CHECK_STR(scan_str(d, "敏   感词"), "");
  }
  TEST("a line break or a table cell ends a word") {
    CHECK_STR(scan_str(d, "敏\n感词\n敏\t感词"), "");
  }
  TEST("combining marks and compatibility forms") {
    CHECK_STR(scan_str(d, "敏\u0336感\u0336词\nbádwörd\n㊙密文件\n⼆〇⼆四\n𝐛𝐚𝐝𝐰𝐨𝐫𝐝\nｂａｄ　ｗｏｒｄ"),
              "1:1-1:6 敏感词 «敏\u0336感\u0336词» =敏\u0336感\u0336词\n"
              "2:1-2:8 badword «bádwörd» =bádwörd\n"
              "3:1-3:5 秘密文件 «㊙密文件» =㊙密文件\n"
              "4:1-4:5 二〇二四 «⼆〇⼆四» =⼆〇⼆四\n"
              "5:1-5:8 badword «𝐛𝐚𝐝𝐰𝐨𝐫𝐝» =𝐛𝐚𝐝𝐰𝐨𝐫𝐝\n"
              "6:1-6:9 badword «ｂａｄ　ｗｏｒｄ» =ｂａｄ　ｗｏｒｄ\n");
  }
  TEST("an allowed phrase around a word suppresses it, noise and all") {
    CHECK_STR(scan_str(d, "敏感词检测系统；敏感词检 测"), "");
    CHECK_STR(scan_str(d, "敏感词和检测"), "1:1-1:4 敏感词 «敏感词和检测» =敏感词\n");
  }
  TEST("nested words: each reported, unless the longer one says the same") {
    CHECK_STR(scan_str(d, "子丑寅"), "1:1-1:4 子丑寅 «子丑寅» =子丑寅\n1:2-1:4 丑寅 «子丑寅» =丑寅\n");
    CHECK_STR(scan_str(d, "甲乙丙"), "1:1-1:4 甲乙丙 «甲乙丙» =甲乙丙 [丁]\n");
  }
  TEST("positions count characters; text starts at the origin's line and column") {
    scan_hits *h = scan_hits_new();
    scan_scratch *s = scan_scratch_new(d);
    scan_origin o = {.path = "t", .line = 5, .col = 7};
    const char *text = "第一行\n第二行敏感词，前缀&#25935;感词";
    scan_text(d, s, text, strlen(text), &o, h);
    CHECK_STR(render_hits(h), "6:4-6:7 敏感词 «第二行敏感词，前缀&#25935;感…» =敏感词\n"
                              "6:10-6:20 敏感词 «第二行敏感词，前缀&#25935;感词» =&#25935;感词\n");
    scan_scratch_free(s);
    scan_hits_free(h);
  }
  TEST("context: twelve characters each side, cut with …") {
    CHECK_STR(scan_str(d, "一二三四五六七八九十壹贰叁肆敏感词一二三四五六七八九十壹贰叁肆"),
              "1:15-1:18 敏感词 «…三四五六七八九十壹贰叁肆敏感词一二三四五六七八九十壹贰…» =敏感词\n");
  }
  TEST("invalid UTF-8: each bad byte reads as a replacement character") {
    CHECK_STR(scan_str(d, "敏\xff感词\xe6\x95"),
              "1:1-1:5 敏感词 «敏\xEF\xBF\xBD感词\xEF\xBF\xBD\xEF\xBF\xBD» =敏\xEF\xBF\xBD感词\n");
  }
  scan_dict_free(d);
  d = load(test_words, 3);
  TEST("a wider gap") {
    CHECK_STR(scan_str(d, "敏   感词"), "1:1-1:7 敏感词 «敏   感词» =敏   感词\n");
  }
  scan_dict_free(d);
  d = load(test_words, 0);
  TEST("gap 0: as written (after normalisation) only") {
    CHECK_STR(scan_str(d, "敏 感词，敏感詞"), "1:6-1:9 敏感词 «敏 感词，敏感詞» =敏感詞\n");
  }
  scan_dict_free(d);
}

/* ---- pages ------------------------------------------------------------------ */

static const char page[] =
    "---\n"
    "title: 关于敏感词的通知\n"
    "summary: \"摘要：敏**感**词\"\n"
    "tags: [正常, 敏感詞]\n"
    "source:\n"
    "  name: 敏感词办公室\n"
    "  url: https://example.com/敏感词\n"
    "date: 2024-01-01\n"
    "image: /images/敏感词.png\n"
    "---\n"
    "正文第一段敏感词。\n"
    "\n"
    "- 列表 [链接敏感词](https://x.cn/敏感词)\n"
    "- ![图片敏感词](a.png)\n"
    "\n"
    "| 列一 | 敏感词 |\n"
    "| --- | --- |\n"
    "\n"
    "```\n"
    "code 敏感词\n"
    "```\n";

static const char page_hits[] =
    "2:10-2:13 敏感词 «关于敏感词的通知» =敏感词 (title)\n"
    "3:14-3:21 敏感词 «摘要：敏**感**词» =敏**感**词 (summary)\n"
    "4:12-4:15 敏感词 «敏感詞» =敏感詞 (tags[1])\n"
    "6:9-6:12 敏感词 «敏感词办公室» =敏感词 (source.name)\n"
    "11:6-11:9 敏感词 «正文第一段敏感词。» =敏感词\n"
    "13:9-13:12 敏感词 «列表 链接敏感词» =敏感词\n"
    "14:7-14:10 敏感词 «图片敏感词» =敏感词\n"
    "16:8-16:11 敏感词 «列一 敏感词» =敏感词\n";

static const char *scan_page(const scan_dict *d, const char *src) {
  scan_hits *h = scan_hits_new();
  scan_scratch *s = scan_scratch_new(d);
  arena *a = arena_new();
  scan_source(d, s, "content/p.md", src, strlen(src), NULL, a, h);
  const char *r = render_hits(h);
  arena_free(a);
  scan_scratch_free(s);
  scan_hits_free(h);
  return r;
}

static void test_pages(void) {
  scan_dict *d = load(test_words, 2);
  if (!d) return;
  TEST("page: front matter fields, body, link text, alt text, table cells; not URLs, paths, dates, code") {
    CHECK_STR(scan_page(d, page), page_hits);
  }
  TEST("page with CRLF line ends: the same positions") {
    buf b = BUF_INIT;
    for (const char *p = page; *p; p++) {
      if (*p == '\n') buf_putc(&b, '\r');
      buf_putc(&b, *p);
    }
    CHECK_STR(scan_page(d, buf_cstr(&b)), page_hits);
    buf_free(&b);
  }
  TEST("page without front matter: all of it is the body") {
    CHECK_STR(scan_page(d, "# 标题敏感词\n"), "1:5-1:8 敏感词 «标题敏感词» =敏感词\n");
  }
  TEST("front matter: a value spelt with escapes is reported at its start") {
    CHECK_STR(scan_page(d, "---\ntitle: \"\\u654F感词\"\n---\n"), "2:9-2:12 敏感词 «敏感词» =敏感词 (title)\n");
  }
  TEST("front matter: a folded block scalar, found where the file has it") {
    CHECK_STR(scan_page(d, "---\nsummary: >\n  第一行\n  第二行敏感词\n---\n"),
              "4:6-4:9 敏感词 «第一行 第二行敏感词» =敏感词 (summary)\n");
  }
  TEST("extracted text: what scan_source scans, one string a line") {
    arena *a = arena_new();
    char *out;
    size_t n;
    scan_source_text("p.md", page, strlen(page), NULL, a, &out, &n);
    CHECK_STR(out, "关于敏感词的通知\n摘要：敏**感**词\n正常\n敏感詞\n敏感词办公室\n"
                   "正文第一段敏感词。\n列表 链接敏感词\n图片敏感词\n列一\t敏感词");
    arena_free(a);
  }
  scan_dict_free(d);
}

/* ---- the rule packs in words/ -------------------------------------------------- */

static void test_rule_packs(void) {
  if (chdir(root) != 0) abort();
  scan_dict *d = scan_dict_load("words", NULL);
  CHECK(d != NULL);
  if (!d) return;
  TEST("表述规范: institution names changed by the 2018 and 2023 reforms") {
    CHECK_STR(scan_str(d, "国土资源部发布通知"), "1:1-1:6 国土资源部 «国土资源部发布通知» =国土资源部 [自然资源部]\n");
    CHECK_STR(scan_str(d, "原国家卫生和计划生育委员会"),
              "1:4-1:14 卫生和计划生育委员会 «原国家卫生和计划生育委员会» =卫生和计划生育委员会 [卫生健康委员会]\n");
    CHECK_STR(scan_str(d, "中国银行保险监督管理委员会、银保监会"),
              "1:1-1:14 中国银行保险监督管理委员会 «中国银行保险监督管理委员会、银保监会» =中国银行保险监督管理委员会 [国家金融监督管理总局]\n"
              "1:15-1:19 银保监会 «…银行保险监督管理委员会、银保监会» =银保监会 [金融监管总局]\n");
    CHECK_STR(scan_str(d, "中国人民银行昆明中心支行"),
              "1:3-1:13 人民银行中心支行 «中国人民银行昆明中心支行» =人民银行昆明中心支行\n");
  }
  TEST("表述规范: generic 部门 and 部署 are allowed; no noise skipped inside names") {
    CHECK_STR(scan_str(d, "各级农业部门和文化部门；加强生态环境保护，部署工作；国土 资源部"), "");
  }
  TEST("表述规范: the hint gives the right name and the reform") {
    scan_hits *h = scan_hits_new();
    scan_scratch *s = scan_scratch_new(d);
    scan_origin o = {.path = "t", .line = 1, .col = 1};
    scan_text(d, s, "环境保护部", strlen("环境保护部"), &o, h);
    size_t n;
    const scan_hit *v = scan_hits_sorted(h, &n);
    CHECK(n == 1 && v[0].severity == SCAN_WARN);
    if (n == 1) CHECK_STR(v[0].hint, "应为“生态环境部”；2018年组建生态环境部，不再保留环境保护部");
    CHECK(!scan_hits_blocked(h));
    scan_scratch_free(s);
    scan_hits_free(h);
  }
  TEST("错别字") {
    CHECK_STR(scan_str(d, "再接再励，工作布署；发布署名文章"),
              "1:1-1:5 再接再励 «再接再励，工作布署；发布署名文章» =再接再励 [再接再厉]\n"
              "1:8-1:10 布署 «再接再励，工作布署；发布署名文章» =布署 [部署]\n");
  }
  TEST("个人信息: 身份证号 with a valid check character and birth date, masked") {
    CHECK_STR(scan_str(d, "身份证号110101199003070011。"),
              "1:5-1:23 身份证号 «身份证号110***********0011。» =110***********0011\n");
    CHECK_STR(scan_str(d, "证件５３０１０２１９８５１１２０００２Ｘ"),
              "1:3-1:21 身份证号 «证件５３０***********００２Ｘ» =５３０***********００２Ｘ\n");
    CHECK_STR(scan_str(d, "110101199003070012、110101199002300014、1101011990030700111、a110101199003070011"), "");
  }
  TEST("个人信息: a 身份证号 that also passes Luhn is one hit") {
    CHECK_STR(scan_str(d, "310115197808100050"), "1:1-1:19 身份证号 «310***********0050» =310***********0050\n");
  }
  TEST("个人信息: mobile numbers, not inside longer numbers, not landlines") {
    CHECK_STR(scan_str(d, "电话13812345678，138 1234 5678，１３８－１２３４－５６７８"),
              "1:3-1:14 手机号码 «电话138****5678，138 **** 5678…» =138****5678\n"
              "1:15-1:28 手机号码 «…138****5678，138 **** 5678，１３８－****－５６７８» =138 **** 5678\n"
              "1:29-1:42 手机号码 «…138 **** 5678，１３８－****－５６７８» =１３８－****－５６７８\n");
    CHECK_STR(scan_str(d, "12812345678 013812345678 0871-12345678 138123456789"), "");
    CHECK_STR(scan_str(d, "手机&#x31;38&nbsp;1234&nbsp;5678。"),
              "1:3-1:31 手机号码 «手机&#x31;38&nbsp;****&nbsp;5678。» =&#x31;38&nbsp;****&nbsp;5678\n");
  }
  TEST("个人信息: bank card numbers passing Luhn") {
    CHECK_STR(scan_str(d, "卡号6222021234567890128；6222 0212 3456 7890 128；6222021234567890127"),
              "1:3-1:22 银行卡号 «卡号622************0128；622* **** **** ***0 128…» =622************0128\n"
              "1:23-1:46 银行卡号 «…622************0128；622* **** **** ***0 128；62220212345…» =622* **** **** ***0 128\n");
  }
  TEST("个人信息 blocks publishing") {
    scan_hits *h = scan_hits_new();
    scan_scratch *s = scan_scratch_new(d);
    scan_origin o = {.path = "t", .line = 1, .col = 1};
    scan_text(d, s, "手机13812345678", strlen("手机13812345678"), &o, h);
    CHECK(scan_hits_blocked(h));
    CHECK(scan_hits_count(h, SCAN_BLOCK) == 1 && scan_hits_count(h, SCAN_WARN) == 0);
    scan_scratch_free(s);
    scan_hits_free(h);
  }
  TEST("the samples: block words with their allowed phrase, warn words from a .txt list") {
    CHECK_STR(scan_str(d, "示例敏感词；示例敏感词检测系统；演示提示语"),
              "1:1-1:6 示例敏感词 «示例敏感词；示例敏感词检测系统；演…» =示例敏感词\n"
              "1:17-1:22 演示提示语 «…词；示例敏感词检测系统；演示提示语» =演示提示语\n");
  }
  TEST("the dictionary version is a digest of words/") {
    CHECK(strncmp(scan_dict_version(d), "sha256:", 7) == 0 && strlen(scan_dict_version(d)) == 71);
  }
  scan_dict_free(d);
}

/* ---- bad dictionaries -------------------------------------------------------------- */

static const char *load_errors(const char *const *files) {
  diag_reset();
  scan_dict *d = load(files, 2);
  CHECK(d == NULL);
  scan_dict_free(d);
  return tl_flushed();
}

static void test_bad_dictionaries(void) {
  TEST("bad severity, duplicates, word also allowed, bad patterns, unknown keys: all reported") {
    static const char *const f[] = {"bad.yaml",
                                    "category: 测试\n"
                                    "severity: high\n"
                                    "words: [甲乙, 丙丁, 甲乙]\n"
                                    "allow: [丙丁]\n"
                                    "patterns:\n"
                                    "  - re: '(abc'\n"
                                    "  - re: 'a?'\n"
                                    "  - {re: '[0-9]+', check: crc}\n"
                                    "unknown: 1\n",
                                    NULL};
    CHECK_STR(load_errors(f),
              "words/bad.yaml:2:11: error: severity must be block or warn, not \"high\"\n"
              "  hint: block stops publishing; warn reports and lets it through\n"
              "words/bad.yaml:3:17: error: duplicate word \"甲乙\" (also at line 3)\n"
              "  hint: keep one of them\n"
              "words/bad.yaml:4:9: error: \"丙丁\" is both a word and an allowed phrase of this list (line 3)\n"
              "  hint: an allowed phrase must be longer than the word it allows\n"
              "words/bad.yaml:6:9: error: invalid pattern: missing closing parenthesis (at character 5)\n"
              "  hint: patterns are PCRE2 regular expressions matched against the normalised text (docs/scan.md)\n"
              "words/bad.yaml:7:9: error: pattern \"a?\" can match the empty string\n"
              "  hint: make at least one character of it required\n"
              "words/bad.yaml:8:27: error: unknown check \"crc\"\n"
              "  hint: gb11643 (身份证号, 18 or 15 digits: province, birth date, check digit) or luhn (bank card numbers)\n"
              "words/bad.yaml:9:1: error: unknown key \"unknown\"\n"
              "  hint: a list has category, severity, gap, words, allow and patterns (docs/scan.md)\n");
  }
  TEST("a .txt list: duplicates and words without letters at their lines") {
    static const char *const f[] = {"l.yaml", "category: 大表\nseverity: warn\n", "l.txt",
                                    "# 注释\n甲乙\n  丙丁  \n甲乙\n***\n", NULL};
    CHECK_STR(load_errors(f),
              "words/l.txt:4:1: error: duplicate word \"甲乙\" (also at line 2)\n"
              "  hint: keep one of them\n"
              "words/l.txt:5:1: error: word \"***\" has no letters or digits\n"
              "  hint: spaces, punctuation and symbols are skipped when matching, so it needs a letter or digit\n");
  }
  TEST("the same word in two lists once normalised") {
    static const char *const f[] = {"a.yaml", "words: [ＡＢ]\n", "b.yaml", "words: [ab]\n", NULL};
    CHECK_STR(load_errors(f),
              "words/b.yaml:1:9: error: word \"ab\" is the same as \"ＡＢ\" at words/a.yaml:1 once normalised\n"
              "  hint: keep one: matching ignores case, width, traditional/simplified forms and punctuation\n");
  }
  TEST("a .txt without its .yaml; a list that checks nothing; a bad gap; words not a list") {
    static const char *const f[] = {"big.txt",   "甲乙\n",          "empty.yaml", "category: 空\n",
                                    "gap.yaml",  "gap: 99\nwords: [丙丁]\n", "str.yaml",   "words: 戊己\n",
                                    NULL};
    CHECK_STR(load_errors(f),
              "words/big.txt:1:1: error: word list has no .yaml beside it\n"
              "  hint: create words/big.yaml with its category: and severity:\n"
              "words/empty.yaml:1:1: error: the list has no words and no patterns\n"
              "  hint: add words: or patterns: (docs/scan.md)\n"
              "words/gap.yaml:1:6: error: gap must be a number from 0 to 16\n"
              "  hint: 0 matches words only as written; 2 skips up to two spaces or marks\n"
              "words/str.yaml:1:1: error: the list has no words and no patterns\n"
              "  hint: add words: or patterns: (docs/scan.md)\n"
              "words/str.yaml:1:8: error: words must be a list\n"
              "  hint: write words: [词一, 词二] or one `- 词` per line\n");
  }
  TEST("YAML syntax errors are reported where they are") {
    static const char *const f[] = {"y.yaml", "words: [甲乙\n", NULL};
    CHECK_STR(load_errors(f), "words/y.yaml:1:8: error: invalid YAML: did not find expected ',' or ']' at line 2, "
                              "column 1, while parsing a flow sequence that starts here\n"
                              "  hint: close the [ or { that starts here, with commas between its items\n");
  }
  TEST("no folder, an empty folder") {
    diag_reset();
    CHECK(scan_dict_load("/nonexistent/words", NULL) == NULL);
    CHECK_STR(tl_flushed(), "/nonexistent/words: error: no dictionary folder\n"
                         "  hint: put the site's word lists there (docs/scan.md), or pass --words DIR\n");
    static const char *const f[] = {"README.md", "说明\n", NULL};
    CHECK_STR(load_errors(f), "words: error: no dictionaries in the folder\n"
                              "  hint: add at least one list (docs/scan.md)\n");
  }
}

/* ---- reports, the gate, threads ------------------------------------------------------- */

static void test_reports(void) {
  scan_dict *d = load(test_words, 2);
  if (!d) return;
  TEST("text report: diagnostics format, sorted, with hints") {
    scan_hits *h = scan_hits_new();
    scan_scratch *s = scan_scratch_new(d);
    scan_origin o2 = {.path = "b.md", .line = 3, .col = 1}, o1 = {.path = "a.md", .line = 1, .col = 1};
    scan_text(d, s, "甲乙丙", strlen("甲乙丙"), &o2, h);
    scan_text(d, s, "敏感词", strlen("敏感词"), &o1, h);
    char *out;
    size_t n;
    FILE *f = open_memstream(&out, &n);
    scan_report_text(f, d, h);
    fclose(f);
    CHECK_STR(out, "a.md:1:1: error: [测试] 敏感词 «敏感词»\n"
                   "  hint: rewrite or remove it; if this use is harmless, add the longer phrase around it to "
                   "allow: in words/t.yaml\n"
                   "b.md:3:1: warning: [同改] 甲乙丙 «甲乙丙»\n"
                   "  hint: 应为“丁”\n");
    free(out);
    diag_reset();
    scan_report_diag(d, h);
    CHECK(diag_errors() == 1 && diag_warnings() == 1);
    CHECK_STR(tl_flushed(), "a.md:1:1: error: [测试] 敏感词 «敏感词»\n"
                         "  hint: rewrite or remove it; if this use is harmless, add the longer phrase around it "
                         "to allow: in words/t.yaml\n"
                         "b.md:3:1: warning: [同改] 甲乙丙 «甲乙丙»\n"
                         "  hint: 应为“丁”\n");
    f = open_memstream(&out, &n);
    scan_report_json(f, d, h, 2);
    fclose(f);
    CHECK(strstr(out, "\"files\": 2,\n  \"errors\": 1,\n  \"warnings\": 1,\n") != NULL);
    CHECK(strstr(out, "{\"path\": \"a.md\", \"line\": 1, \"column\": 1, \"end_line\": 1, \"end_column\": 4, "
                      "\"severity\": \"block\", \"level\": \"error\", \"category\": \"测试\", \"rule\": \"t\", "
                      "\"list\": \"words/t.yaml\", \"entry_file\": \"words/t.yaml\", \"entry_line\": 3, "
                      "\"field\": null, \"term\": \"敏感词\", \"matched\": \"敏感词\", \"context\": \"敏感词\"") != NULL);
    free(out);
    f = open_memstream(&out, &n);
    scan_report_sarif(f, d, h, "/srv/站点");
    fclose(f);
    CHECK(strstr(out, "\"version\": \"2.1.0\"") && strstr(out, "\"columnKind\": \"unicodeCodePoints\""));
    CHECK(strstr(out, "\"uri\": \"file:///srv/%E7%AB%99%E7%82%B9/\"") != NULL);
    CHECK(strstr(out, "\"region\": {\"startLine\": 3, \"startColumn\": 1, \"endLine\": 3, \"endColumn\": 4") != NULL);
    free(out);
    scan_scratch_free(s);
    scan_hits_free(h);
  }
  scan_dict_free(d);
}

typedef struct {
  const scan_dict *d;
  scan_scratch *s[4];
  scan_hits *h;
  char texts[200][64];
} par;

static void scan_nth(void *ctx, size_t i, int worker) {
  par *p = ctx;
  char path[32];
  snprintf(path, sizeof path, "p%03zu", i);
  scan_origin o = {.path = path, .line = 1, .col = 1};
  scan_text(p->d, p->s[worker], p->texts[i], strlen(p->texts[i]), &o, p->h);
}

static void test_threads(void) {
  scan_dict *d = load(test_words, 2);
  if (!d) return;
  TEST("several threads, one dictionary and one collector: the same hits as one thread") {
    static par p;
    p.d = d;
    for (int i = 0; i < 200; i++)
      snprintf(p.texts[i], sizeof p.texts[i], "%d号 敏感词 %s ＢＡＤ word", i, i % 3 ? "甲乙丙" : "国家机密");
    char *one, *four;
    for (int run = 0; run < 2; run++) {
      int nt = run ? 4 : 1;
      p.h = scan_hits_new();
      for (int w = 0; w < nt; w++) p.s[w] = scan_scratch_new(d);
      pool_run(nt, 200, scan_nth, &p);
      size_t n;
      FILE *f = open_memstream(run ? &four : &one, &n);
      scan_report_text(f, d, p.h);
      fclose(f);
      /* 敏感词 and ＢＡＤ word in every text, 国家机密 in 67: block; 甲乙丙 in 133: warn */
      CHECK(scan_hits_count(p.h, SCAN_BLOCK) == 467 && scan_hits_count(p.h, SCAN_WARN) == 133);
      for (int w = 0; w < nt; w++) scan_scratch_free(p.s[w]);
      scan_hits_free(p.h);
    }
    CHECK(strcmp(one, four) == 0);
    free(one);
    free(four);
  }
  scan_dict_free(d);
}

int main(void) {
  if (!getcwd(root, sizeof root)) return 1;
  test_normalisation();
  test_pages();
  test_rule_packs();
  test_bad_dictionaries();
  test_reports();
  test_threads();
  TEST_EXIT();
}

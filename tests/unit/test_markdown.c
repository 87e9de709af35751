/* Unit tests for markdown: GFM extensions, raw HTML policy, dangerous URLs,
 * the link resolver and its positions, heading ids, chart fences, alt text,
 * the reader's text, and identical output from concurrent renders. */
#include "markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "buf.h"
#include "testlib.h"

/* Records every callback as a line of text; rewrites one source path the
 * way the site model will, and one URL into a dangerous one. */
typedef struct {
  buf log;
} recorder;

static const char *record_ref(void *ud, md_ref_kind kind, const char *url, int line, int col) {
  recorder *r = ud;
  buf_printf(&r->log, "%s %s %d:%d\n", kind == MD_LINK ? "link" : "image", url, line, col);
  if (strcmp(url, "../policy/x.md") == 0) return "/policy/x/";
  if (strcmp(url, "evil.md") == 0) return "javascript:alert(1)";
  return NULL;
}

static void record_id_taken(void *ud, const md_heading *first, const md_heading *second, int line, int col) {
  recorder *r = ud;
  buf_printf(&r->log, "id %s (%s, line %d) taken by %s (%s) %d:%d\n", first->id, first->own_id ? "own" : "made",
             first->line, second->id, second->own_id ? "own" : "made", line, col);
}

static void record_alt(void *ud, const char *url, int line, int col) {
  recorder *r = ud;
  buf_printf(&r->log, "no alt %s %d:%d\n", url, line, col);
}

static void record_dropped(void *ud, const char *text, int line, int col) {
  recorder *r = ud;
  buf_printf(&r->log, "dropped \"%s\" %d:%d\n", text, line, col);
}

static const char *record_chart(void *ud, const char *id, int line, int col) {
  recorder *r = ud;
  buf_printf(&r->log, "chart %s %d:%d\n", id, line, col);
  return "<figure class=\"chart\">图表</figure>";
}

/* The tree cmark-gfm parses src into, as XML with source positions: with
 * all the extensions md_render uses, or without autolink (as md_render
 * parses a body in which autolink could find nothing). */
static char *tree_xml(const char *src, bool autolink) {
  static const char *const names[] = {"table", "strikethrough", "autolink", "tagfilter"};
  cmark_gfm_core_extensions_ensure_registered();
  cmark_parser *p = cmark_parser_new(CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES);
  for (size_t i = 0; i < 4; i++)
    if (autolink || strcmp(names[i], "autolink") != 0)
      cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension(names[i]));
  cmark_parser_feed(p, src, strlen(src));
  cmark_node *doc = cmark_parser_finish(p);
  char *xml = cmark_render_xml(doc, CMARK_OPT_SOURCEPOS);
  cmark_node_free(doc);
  cmark_parser_free(p);
  return xml;
}

static md_result render(arena *a, const char *src, const md_options *o) {
  md_result r;
  md_render(a, src, strlen(src), o, &r);
  return r;
}

static const char *html(arena *a, const char *src, bool raw) {
  md_options o = {.raw_html = raw};
  return render(a, src, &o).html;
}

/* ---- concurrency ---- */

static const char *concurrent_src =
    "前文 ~~删除~~ 以及 www.example.cn 后文\n\n| 甲 | 乙 |\n|---|---|\n| ~~1~~ | 2 |\n";

static void *render_many(void *want) {
  long bad = 0;
  for (int i = 0; i < 300; i++) {
    arena *a = arena_new();
    if (strcmp(html(a, concurrent_src, false), want) != 0) bad++;
    arena_free(a);
  }
  return (void *)bad;
}

int main(void) {
  arena *a = arena_new();

  TEST("table with alignment: classes, not inline styles, in a labelled scrolling region") {
    CHECK_STR(html(a, "| 指标 | 数值 |\n|:--|--:|\n| 人口 | 12 |\n", false),
              "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"表格1\">\n"
       "<table>\n<thead>\n<tr>\n<th class=\"align-left\">指标</th>\n"
              "<th class=\"align-right\">数值</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
              "<td class=\"align-left\">人口</td>\n<td class=\"align-right\">12</td>\n"
              "</tr>\n</tbody>\n</table>\n</div>\n");
  }

  TEST("table regions are numbered and named after the heading above them") {
    CHECK_STR(html(a, "## 一、<综合>\n\n| a |\n| - |\n| 1 |\n\n| b |\n| - |\n| 2 |\n", false),
              "<h2 id=\"一综合\">一、&lt;综合&gt;</h2>\n"
              "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"表格1：一、&lt;综合&gt;\">\n"
              "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n</tr>\n</tbody>\n</table>\n</div>\n"
              "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"表格2：一、&lt;综合&gt;\">\n"
              "<table>\n<thead>\n<tr>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n</div>\n");
  }

  TEST("落款: the issuer and the date that end a document, wrapped for the theme to set right") {
    CHECK_STR(html(a, "正文。\n\n云岭区人民政府办公室\n\n2024年5月20日\n", false),
              "<p>正文。</p>\n<div class=\"signature\">\n<p>云岭区人民政府办公室</p>\n<p>2024年5月20日</p>\n</div>\n");
    CHECK_STR(html(a, "会议要求抓好落实。\n\n2024年5月20日\n", false), /* a sentence before it: the date alone */
              "<p>会议要求抓好落实。</p>\n<div class=\"signature\">\n<p>2024年5月20日</p>\n</div>\n");
    CHECK_STR(html(a, "2024年5月20日\n\n云岭区人民政府办公室\n", false), /* not last: no 落款 */
              "<p>2024年5月20日</p>\n<p>云岭区人民政府办公室</p>\n");
    CHECK_STR(html(a, "截至2024年5月20日\n", false), "<p>截至2024年5月20日</p>\n");
    CHECK_STR(html(a, "**办公室**\n\n2024年5月20日\n", false), /* only plain text is a 落款's */
              "<p><strong>办公室</strong></p>\n<div class=\"signature\">\n<p>2024年5月20日</p>\n</div>\n");
  }

  TEST("strikethrough needs two tildes (one is a range in Chinese)") {
    CHECK_STR(html(a, "~~废止~~ 办理时限3~5个工作日，材料1~2份\n", false),
              "<p><del>废止</del> 办理时限3~5个工作日，材料1~2份</p>\n");
  }

  TEST("autolink") {
    CHECK_STR(html(a, "见 www.gov.cn 或 https://data.gov.cn/x 邮箱 a@b.cn\n", false),
              "<p>见 <a href=\"http://www.gov.cn\">www.gov.cn</a> 或 "
              "<a href=\"https://data.gov.cn/x\">https://data.gov.cn/x</a> 邮箱 "
              "<a href=\"mailto:a@b.cn\">a@b.cn</a></p>\n");
  }

  TEST("autolink: each of what it looks for alone is enough (md_render skips it otherwise)") {
    CHECK_STR(html(a, "见 www.gov.cn\n", false), "<p>见 <a href=\"http://www.gov.cn\">www.gov.cn</a></p>\n");
    CHECK_STR(html(a, "见 https://data.gov.cn\n", false),
              "<p>见 <a href=\"https://data.gov.cn\">https://data.gov.cn</a></p>\n");
    CHECK_STR(html(a, "邮箱 a@b.cn\n", false), "<p>邮箱 <a href=\"mailto:a@b.cn\">a@b.cn</a></p>\n");
    /* the '@' of an entity is in the text node the extension scans */
    CHECK_STR(html(a, "邮箱 a&#64;b.cn\n", false), "<p>邮箱 <a href=\"mailto:a@b.cn\">a@b.cn</a></p>\n");
    CHECK_STR(html(a, "时间 10:30，网址 wwwx.cn 与 www 。\n", false), "<p>时间 10:30，网址 wwwx.cn 与 www 。</p>\n");
  }

  TEST("a body parsed without autolink gets the tree the extension would have left") {
    /* md_render parses a body with nothing the extension looks for
     * without it: the nodes and their positions must be what they are with
     * the extension, whose postprocess merges adjacent text nodes (as
     * cmark_parser_finish does before it) and finds no address. */
    static const char *const bodies[] = {
        "我们 were 这 w 10:30 [链接](/a/) **粗** *斜* `码` 一\n二\n\n> 引 {{< chart gdp >}}\n",
        "| 指标 | 单位 |\n| :--- | ---: |\n| 就业 w | 人 |\n\n- 项 ~~删~~\n- w:w\n",
        "# 标题 [x]\n\n段 <b> 与 \\* 转义 ![图](a.png \"t\")\n"};
    for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++) {
      char *with = tree_xml(bodies[i], true), *without = tree_xml(bodies[i], false);
      CHECK_STR(without, with);
      free(with);
      free(without);
    }
  }

  TEST("tagfilter when raw HTML is allowed") {
    CHECK_STR(html(a, "<script>alert(1)</script>\n\n<p>正文</p>\n\n<iframe src=\"x\"></iframe>\n", true),
              "&lt;script>alert(1)&lt;/script>\n<p>正文</p>\n&lt;iframe src=\"x\">&lt;/iframe>\n");
  }

  TEST("raw HTML dropped by default, kept when allowed") {
    const char *src = "前 <span class=\"x\">中</span> 后\n\n<div>块</div>\n\n<!-- 注释 -->\n\n正文\n";
    CHECK_STR(html(a, src, false), "<p>前 中 后</p>\n<p>正文</p>\n");
    CHECK_STR(html(a, src, true),
              "<p>前 <span class=\"x\">中</span> 后</p>\n<div>块</div>\n<p>正文</p>\n"); /* comments left out */
    CHECK_STR(html(a, "<font color=red></font>\n\n正文\n", false), "<p>正文</p>\n");
  }

  TEST("allowed raw HTML is read as a browser reads it (html_safe.c)") {
    static const struct {
      const char *src, *want;
    } cases[] = {
      /* comments end where a browser ends them, and are left out */
      {"<!--><img src=x onerror=a()>-->\n",
       "<img src=x >-->\n"},
      {"<!--->x<img src=x onerror=a()>\n",
       "x<img src=x >\n"},
      {"<!-- a --!><img src=x onerror=a()>-->\n",
       "<img src=x >-->\n"},
      {"<div><!-- a --> b</div>\n",
       "<div> b</div>\n"},
      /* what a browser takes for a comment: up to the first '>' */
      {"<? <a title=\"?> <img src=x onerror=a()> \"> ?>\n",
       " <img src=x > \"> ?>\n"},
      {"<div><![CDATA[ <a title=\"]]> <img onerror=a()> \">]]></div>\n",
       "<div> <img > \">]]></div>\n"},
      {"<div></1 <img src=x onerror=a()>></div>\n",
       "<div>></div>\n"},
      /* a tag written as text: what follows it is text to the browser, and is read again as such */
      {"<script title=\"<img src=x onerror=a()>\">x</script>\n",
       "&lt;script title=\"<img src=x >\">x&lt;/script>\n"},
      {"<div><object title=\"<img src=x onerror=a()>\"></div>\n",
       "<div>&lt;object title=\"<img src=x >\"></div>\n"},
      {"<div><noscript><p title=\"</noscript><img onerror=a()>\"></noscript></div>\n",
       "<div>&lt;noscript><p title=\"</noscript><img onerror=a()>\">&lt;/noscript></div>\n"},
      {"<div><svg><animate attributeName=href values=\"0;javascript:a()\"/></svg></div>\n",
       "<div>&lt;svg><animate attributeName=href values=\"0;javascript:a()\"/>&lt;/svg></div>\n"},
      /* a tag left open at the end of a block: text, so the next block is not its attribute */
      {"<p title='\n\n<b title=\"'><img src=x onerror=a()>\">\n",
       "&lt;p title='\n<b title=\"'><img src=x onerror=a()>\">\n"},
      {"<div><a title=\"x <img src=x onerror=a()>\n",
       "<div>&lt;a title=\"x &lt;img src=x onerror=a()>\n"}, /* no '>' ends it: the rest is text */
      /* end tags' attributes are read as a browser reads them too */
      {"<div></div onclick=a() title=\"<img onerror=a()>\"></div>\n",
       "<div></div  title=\"<img onerror=a()>\"></div>\n"},
      /* attribute names as a browser reads them: one may start with '=' */
      {"<div =onclick=a() onmouseover=b()>x</div>\n",
       "<div =onclick=a() >x</div>\n"},
      /* what is left out joins what stood around it: the result is read again (review helper's finds) */
      {"<div><<!---->img src=x onerror=a()>\n",
       "<div>&lt;img src=x onerror=a()>\n"},
      {"<div><<?x>img src=x onerror=a()>\n",
       "<div>&lt;img src=x onerror=a()>\n"},
      /* a '<' that is text is written &lt;: at the end of an inline node, what follows would make it a tag */
      {"x <?><<?>img src=x onerror=a() x\n",
       "<p>x &lt;img src=x onerror=a() x</p>\n"},
      {"x <![CDATA[><<!]]>img src=x onerror=a() x\n",
       "<p>x &lt;img src=x onerror=a() x</p>\n"},
      {"<div>a < b</div>\n",
       "<div>a &lt; b</div>\n"},
      /* an unfinished tag before many more (each read to the end again took a long text's square) */
      {"<div\n<a <a <a <b>\n", /* one tag: <a … are its attributes, as a browser reads them */
       "<div\n<a <a <a <b>\n"},
      {"<div>x <a <a <a\n",
       "<div>x &lt;a &lt;a &lt;a\n"},
      {"<div x onclick=y =\" z='\"> <img src=x onerror=a()> '>\n",
       "<div x  =\" z='\"> <img src=x > '>\n"},
      {"<div><a href onclick=x =javascript:a() id=j>c</a>\n",
       "<div><a href  =\"\" id=j>c</a>\n"},
      /* only cells as cmark writes them get align classes: raw HTML is left as it was read (the img
       * inside x='…', the blank after b= kept: rewritten to class="align-x='…", it was a tag) */
      {"<div b= style=\"text-align: x='  >  <img src=x onerror=a()>  '>\"\n",
       "<div b= style=\"text-align: x='  >  <img src=x onerror=a()>  '>\"\n"},
      {"| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n<p>x</p>\n",
       "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"表格1\">\n"
       "<table>\n<thead>\n<tr>\n<th class=\"align-center\">a</th>\n<th class=\"align-right\">b</th>\n</tr>\n"
       "</thead>\n<tbody>\n<tr>\n<td class=\"align-center\">1</td>\n<td class=\"align-right\">2</td>\n</tr>\n"
       "</tbody>\n</table>\n</div>\n<p>x</p>\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) CHECK_STR(html(a, cases[i].src, true), cases[i].want);
  }

  TEST("dangerous Markdown URLs are emptied in both modes") {
    const char *src =
        "[a](javascript:alert(1)) <javascript:alert(2)> [b](JaVaScRiPt:x) [c](data:text/html,x) "
        "![d](data:image/png;base64,AAAA) ![e](data:image/svg+xml,x) [f](vbscript:x) [g](file:///etc/passwd)\n";
    const char *want =
        "<p><a href=\"\">a</a> <a href=\"\">javascript:alert(2)</a> <a href=\"\">b</a> <a href=\"\">c</a> "
        "<img src=\"data:image/png;base64,AAAA\" alt=\"d\" /> <img src=\"\" alt=\"e\" /> <a href=\"\">f</a> "
        "<a href=\"\">g</a></p>\n";
    CHECK_STR(html(a, src, false), want);
    CHECK_STR(html(a, src, true), want);
  }

  TEST("dangerous URLs in allowed raw HTML are emptied") {
    CHECK_STR(html(a,
                   "<a href=\"javascript:alert(1)\">x</a> <a title=t href=' jav&#x61;script&colon;y'>y</a> "
                   "<img src=javascript:z> <img src=\"data:image/gif;base64,R0\"> <a href=\"/ok/\">ok</a>\n",
                   true),
              "<p><a href=\"\">x</a> <a title=t href=''>y</a> <img src=\"\"> "
              "<img src=\"data:image/gif;base64,R0\"> <a href=\"/ok/\">ok</a></p>\n");
    CHECK_STR(html(a, "<div><a HREF=\"vbscript:x\">v</a></div>\n", true), "<div><a HREF=\"\">v</a></div>\n");
  }

  TEST("a line break in a paragraph is nothing next to a wide character, in the HTML as in the text") {
    /* a browser shows a line break as a space: 数据⏎共享 would read 数据 共享 */
    md_result r = render(a, "数据\n共享，\nOpen\nData 与\n**数据开放**。\n2024\n年完成\n![图\n表](x.png)\n", NULL);
    CHECK_STR(r.html, "<p>数据共享，Open\nData 与<strong>数据开放</strong>。2024年完成<img src=\"x.png\" alt=\"图表\" /></p>\n");
    CHECK_STR(r.text, "数据共享，Open Data 与数据开放。2024年完成图表");
  }

  TEST("a line break between two links is a line break: links written one a line read one a line") {
    /* joined they read 小写大写, and Latin ones as one line; a break with
     * text beside a link stays soft (joined next to a wide character) */
    md_result r = render(a, "[小写](a/)\n[大写](b/)\n[Open](c/)\n[Data](d/)\n\n见[甲](a/)\n和[乙](b/)、\n[丙](c/)\n", NULL);
    CHECK_STR(r.html, "<p><a href=\"a/\">小写</a><br />\n<a href=\"b/\">大写</a><br />\n<a href=\"c/\">Open</a><br />\n"
                      "<a href=\"d/\">Data</a></p>\n<p>见<a href=\"a/\">甲</a>和<a href=\"b/\">乙</a>、<a href=\"c/\">丙</a></p>\n");
    CHECK_STR(r.text, "小写\n大写\nOpen\nData\n见甲和乙、丙");
  }

  TEST("resolver rewrites links with file positions") {
    recorder rec = {BUF_INIT};
    md_options o = {.line_offset = 5, .ud = &rec, .resolve = record_ref};
    md_result r = render(a,
                         "前言\n\n政策见[通知](../policy/x.md)和![图表](img/a.png)。\n"
                         "第二行 [链接](b.md) www.gov.cn\n\n"
                         "- 列表 [项](c.md)\n\n> 引用第一行\n懒惰行 [x](lazy.md)\n\n[坏](evil.md)\n",
                         &o);
    CHECK_STR(buf_cstr(&rec.log),
              "link ../policy/x.md 8:4\nimage img/a.png 8:25\nlink b.md 9:5\nlink http://www.gov.cn 9:16\n"
              "link c.md 11:6\nlink lazy.md 14:5\nlink evil.md 16:1\n");
    CHECK_STR(r.html,
              "<p>前言</p>\n<p>政策见<a href=\"/policy/x/\">通知</a>和<img src=\"img/a.png\" alt=\"图表\" />。"
              "第二行 <a href=\"b.md\">链接</a> <a href=\"http://www.gov.cn\">www.gov.cn</a></p>\n"
              "<ul>\n<li>列表 <a href=\"c.md\">项</a></li>\n</ul>\n<blockquote>\n<p>引用第一行"
              "懒惰行 <a href=\"lazy.md\">x</a></p>\n</blockquote>\n<p><a href=\"\">坏</a></p>\n");
    CHECK(r.n_links == 6 && r.n_images == 1);
    buf_free(&rec.log);
  }

  TEST("resolver positions in tables, headings and reference links") {
    recorder rec = {BUF_INIT};
    md_options o = {.line_offset = 1, .ud = &rec, .resolve = record_ref};
    render(a,
           "| 名称 | 链接 |\n|---|---|\n| 通知 | [详情](d.md) |\n\n## 附件 [下载](f.md)\n\n"
           "见[参考][r]及<https://gov.cn>\n\n[r]: ref.md\n",
           &o);
    CHECK_STR(buf_cstr(&rec.log), "link d.md 4:8\nlink f.md 6:7\nlink ref.md 8:2\nlink https://gov.cn 8:10\n");
    buf_free(&rec.log);
  }

  TEST("heading ids: Chinese, punctuation, duplicates") {
    md_result r = render(a,
                         "# 标题一\n\n## 一、总体要求\n\n## 一、总体要求\n\n### Hello, World! 你好\n\n"
                         "## 2024年工作 `code`\n\n## ……\n\n## section\n\n#### （三）“放管服”改革\n\n"
                         "## 参见 [附件](a.md)\n",
                         NULL);
    CHECK_STR(r.html,
              "<h1>标题一</h1>\n<h2 id=\"一总体要求\">一、总体要求</h2>\n"
              "<h2 id=\"一总体要求-1\">一、总体要求</h2>\n<h3 id=\"hello-world-你好\">Hello, World! 你好</h3>\n"
              "<h2 id=\"2024年工作-code\">2024年工作 <code>code</code></h2>\n<h2 id=\"section\">……</h2>\n"
              "<h2 id=\"section-1\">section</h2>\n<h4 id=\"三放管服改革\">（三）“放管服”改革</h4>\n"
              "<h2 id=\"参见-附件\">参见 <a href=\"a.md\">附件</a></h2>\n");
    CHECK(r.n_headings == 9);
    CHECK(r.headings[0].level == 1 && r.headings[0].id == NULL && r.headings[0].line == 1);
    CHECK(r.headings[2].level == 2 && r.headings[2].line == 5);
    CHECK_STR(r.headings[2].id, "一总体要求-1");
    CHECK_STR(r.headings[4].text, "2024年工作 code");
    CHECK(r.headings[7].level == 4);
  }

  TEST("heading ids in raw HTML mode keep the heading's markup") {
    CHECK_STR(html(a, "## 数据 <em>开放</em>\n", true), "<h2 id=\"数据-开放\">数据 <em>开放</em></h2>\n");
  }

  TEST("heading ids written {#id}: the id, gone from the HTML, the text and the heading's text") {
    md_result r = render(a,
                         "# 标题 {#top-1}\n\n## 一、总体要求 {#yaoqiu}\n\n### 第三条{#第三条}\n\n"
                         "小标题 *强调* {#a_b:c.d-9}\n------\n\n> ## 引用 {#q}  \n\n## 收尾 {#end} ##\n",
                         NULL);
    CHECK_STR(r.html, "<h1 id=\"top-1\">标题</h1>\n<h2 id=\"yaoqiu\">一、总体要求</h2>\n"
                      "<h3 id=\"第三条\">第三条</h3>\n<h2 id=\"a_b:c.d-9\">小标题 <em>强调</em></h2>\n"
                      "<blockquote>\n<h2 id=\"q\">引用</h2>\n</blockquote>\n<h2 id=\"end\">收尾</h2>\n");
    CHECK_STR(r.text, "标题\n一、总体要求\n第三条\n小标题 强调\n引用\n收尾");
    CHECK(r.n_headings == 6);
    CHECK(r.headings[0].level == 1 && r.headings[0].own_id);
    CHECK_STR(r.headings[0].id, "top-1");
    CHECK_STR(r.headings[1].text, "一、总体要求");
    CHECK_STR(r.headings[3].text, "小标题 强调");
    CHECK(r.headings[3].line == 7 && r.headings[3].own_id);
  }

  TEST("heading ids: what is not {#id} at the heading's end stays text") {
    md_result r = render(a,
                         "## 甲 {#a b}\n\n## 乙 {#}\n\n## 丙 \\{#c}\n\n## 丁 {#d} 之后\n\n## 戊 &#123;#e}\n\n"
                         "## 己 {#f、g}\n\n## 庚 {.cls}\n\n## 辛 `{#h}`\n\n## 壬 {#i}}\n",
                         NULL);
    CHECK_STR(r.html, "<h2 id=\"甲-a-b\">甲 {#a b}</h2>\n<h2 id=\"乙-\">乙 {#}</h2>\n"
                      "<h2 id=\"丙-c\">丙 {#c}</h2>\n<h2 id=\"丁-d-之后\">丁 {#d} 之后</h2>\n"
                      "<h2 id=\"戊-e\">戊 {#e}</h2>\n<h2 id=\"己-fg\">己 {#f、g}</h2>\n"
                      "<h2 id=\"庚-cls\">庚 {.cls}</h2>\n<h2 id=\"辛-h\">辛 <code>{#h}</code></h2>\n"
                      "<h2 id=\"壬-i\">壬 {#i}}</h2>\n");
    for (size_t i = 0; i < r.n_headings; i++) CHECK(!r.headings[i].own_id);
  }

  TEST("heading ids: a {#id} another heading has is said at the second") {
    recorder rec = {BUF_INIT};
    md_options o = {.line_offset = 2, .ud = &rec, .heading_id_taken = record_id_taken};
    md_result r = render(a,
                         "## 要求\n\n## 总体 {#要求}\n\n## 甲 {#x}\n\n段落\n\n  ## 乙 {#x}\n\n### x\n\n"
                         "## 丙 {#ok}\n",
                         &o);
    CHECK_STR(buf_cstr(&rec.log), "id 要求 (made, line 3) taken by 要求 (own) 5:7\n"
                                  "id x (own, line 7) taken by x (own) 11:8\n"
                                  "id x (own, line 7) taken by x-1 (made) 13:1\n");
    CHECK_STR(r.headings[4].id, "x-1");
    CHECK_STR(r.headings[5].id, "ok");
    buf_free(&rec.log);
  }

  TEST("chart fences call the chart callback") {
    recorder rec = {BUF_INIT};
    md_options o = {.line_offset = 3, .ud = &rec, .chart = record_chart};
    const char *src = "文字\n\n```chart\n  gdp-2024  \n```\n\n- 列表\n\n  ~~~ chart\n\n  pop\n  ~~~\n\n```c\nint x;\n```\n";
    md_result r = render(a, src, &o);
    CHECK_STR(buf_cstr(&rec.log), "chart gdp-2024 7:3\nchart pop 14:3\n");
    CHECK_STR(r.html,
              "<p>文字</p>\n<figure class=\"chart\">图表</figure>\n<ul>\n<li>\n<p>列表</p>\n"
              "<figure class=\"chart\">图表</figure>\n</li>\n</ul>\n"
              "<pre><code class=\"language-c\">int x;\n</code></pre>\n");
    CHECK(r.n_charts == 2);
    CHECK_STR(r.charts[0].id, "gdp-2024");
    CHECK_STR(r.charts[1].id, "pop");
    buf_free(&rec.log);
  }

  TEST("chart fences without a callback render nothing but are listed") {
    md_result r = render(a, "前\n\n```chart\nrevenue\n```\n\n后\n", NULL);
    CHECK_STR(r.html, "<p>前</p>\n<p>后</p>\n");
    CHECK(r.n_charts == 1 && r.charts[0].line == 4 && r.charts[0].col == 1);
    CHECK_STR(r.charts[0].id, "revenue");
  }

  TEST("images without alt text are reported") {
    recorder rec = {BUF_INIT};
    md_options o = {.line_offset = 2, .ud = &rec, .missing_alt = record_alt};
    md_result r = render(a, "![](a.png) ![ ](b.png) ![说明](c.png) ![**粗**](d.png)\n\n图：![](e.png)\n", &o);
    CHECK_STR(buf_cstr(&rec.log), "no alt a.png 3:1\nno alt b.png 3:12\nno alt e.png 5:3\n");
    CHECK(r.n_images == 5 && r.n_links == 0);
    buf_free(&rec.log);
  }

  TEST("plain text: blocks as lines, code left out, CJK soft breaks joined") {
    md_result r = render(a,
                         "# 标题\n\n第一行\n第二行 English\nwords `code` 后\n\n- 项目一\n- 项目二\n\n"
                         "| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n\n```\n代码\n```\n\n[链接文字](x) ![替代](y)\n",
                         &(md_options){.line_offset = 10});
    CHECK_STR(r.text, "标题\n第一行第二行 English words  后\n项目一\n项目二\n甲\t乙\n1\t2\n链接文字 替代");
    CHECK(r.text_len == strlen(r.text));
    /* "第二行 English" starts line 14 (10 + 4), column 1; "替代" is at 28:13. */
    CHECK(r.n_spans == 14);
    CHECK(r.spans[2].off == strlen("标题\n第一行") && r.spans[2].line == 14 && r.spans[2].col == 1);
    CHECK(r.spans[13].off == strlen(r.text) - strlen("替代") && r.spans[13].line == 28 && r.spans[13].col == 13);
  }

  TEST("plain text spans follow entities and escapes") {
    md_result r = render(a, "中文 &amp; 数据\\* 后 &#x4e2d;文\n", NULL);
    CHECK_STR(r.text, "中文 & 数据* 后 中文");
    CHECK(r.n_spans == 4);
    /* "&" is 5 source characters: what follows it starts at column 9. */
    CHECK(r.spans[1].off == strlen("中文 &") && r.spans[1].line == 1 && r.spans[1].col == 9);
    CHECK(r.spans[2].off == strlen("中文 & 数据") && r.spans[2].col == 13);
    CHECK(r.spans[3].off == strlen("中文 & 数据* 后 中") && r.spans[3].col == 25);
  }

  TEST("plain text includes allowed raw HTML blocks without their tags") {
    md_result r = render(a, "<div class=\"note\">\n<p>提示：<b>注意</b></p>\n</div>\n\n正文\n", &(md_options){.raw_html = true});
    CHECK_STR(r.text, "提示：注意\n正文");
    r = render(a, "<div class=\"note\">\n<p>提示</p>\n</div>\n\n正文\n", NULL);
    CHECK_STR(r.text, "正文");
  }

  TEST("no options, empty input") {
    CHECK_STR(render(a, "正文\n", NULL).html, "<p>正文</p>\n");
    md_result r = render(a, "", NULL);
    CHECK_STR(r.html, "");
    CHECK_STR(r.text, "");
    CHECK(r.n_spans == 0 && r.n_headings == 0);
  }

  TEST("invalid UTF-8 becomes U+FFFD") {
    CHECK_STR(html(a, "数据\xE5\x85资源\n", false), "<p>数据\xEF\xBF\xBD资源</p>\n");
  }

  TEST("line ends: \\r\\n and a lone \\r end a line like \\n") {
    recorder rec = {BUF_INIT};
    md_options o = {.ud = &rec, .resolve = record_ref};
    md_result r = render(a, "甲\r\n\r\n[a](a.md) 乙\r丙 [b](b.md)\r\n\r\n## 标题\r\n", &o);
    CHECK_STR(buf_cstr(&rec.log), "link a.md 3:1\nlink b.md 4:3\n");
    CHECK_STR(r.text, "甲\na 乙丙 b\n标题");
    CHECK(r.n_spans == 6);
    CHECK(r.spans[3].off == strlen("甲\na 乙") && r.spans[3].line == 4 && r.spans[3].col == 1);
    CHECK(r.spans[5].off == strlen("甲\na 乙丙 b\n") && r.spans[5].line == 6 && r.spans[5].col == 4);
    CHECK(r.headings[0].line == 6);
    buf_free(&rec.log);
  }

  TEST("plain text spans: an entity at the end of a long text node") {
    /* The literal and its source agree for 81 bytes, then "&amp;" is "&". */
    md_result r = render(a, "很长的一段中文文字很长的一段中文文字很长的一段中文文字 &amp; 后面的文字\n", NULL);
    CHECK_STR(r.text, "很长的一段中文文字很长的一段中文文字很长的一段中文文字 & 后面的文字");
    CHECK(r.n_spans == 2);
    CHECK(r.spans[1].off == strlen("很长的一段中文文字很长的一段中文文字很长的一段中文文字 &") &&
          r.spans[1].line == 1 && r.spans[1].col == 34);
    /* "&amp" without ';' is no reference: one span. */
    r = render(a, "很长的一段中文文字很长的一段中文文字很长的一段中文文字 &amp\n", NULL);
    CHECK_STR(r.text, "很长的一段中文文字很长的一段中文文字很长的一段中文文字 &amp");
    CHECK(r.n_spans == 1);
  }

  TEST("heading ids in lists, quotes and setext headings keep the markup") {
    md_result r = render(a, "- ## 列表 **粗** ~~删~~\n\n> ### 引用 `x` [链](l.md)\n\n设置\n---\n", NULL);
    CHECK_STR(r.html,
              "<ul>\n<li>\n<h2 id=\"列表-粗-删\">列表 <strong>粗</strong> <del>删</del></h2>\n</li>\n</ul>\n"
              "<blockquote>\n<h3 id=\"引用-x-链\">引用 <code>x</code> <a href=\"l.md\">链</a></h3>\n"
              "</blockquote>\n<h2 id=\"设置\">设置</h2>\n");
    CHECK_STR(r.text, "列表 粗 删\n引用  链\n设置");
    CHECK(r.n_headings == 3 && r.headings[1].line == 3 && r.headings[2].line == 5);
    CHECK_STR(r.headings[1].text, "引用 x 链");
  }

  TEST("a raw HTML block dropped with text a reader would have seen: said, as a browser reads it") {
    recorder rec = {BUF_INIT};
    md_options o = {.dropped_html = record_dropped, .ud = &rec, .line_offset = 4};
    md_result r = render(a, "正文。\n\n<center>居中</center>\n\n<div align=\"center\">\n关于印发\n《管理办法》的通知\n</div>\n\n"
                            "<script>alert(1)</script>\n\n<!-- 注释 -->\n\n<p title=\"a>b\"></p>\n\n"
                            "- <p>列表里的一段很长很长很长很长很长很长的文字</p>\n\n<!-->-->\n\n行内<b>粗</b>不算。\n", &o);
    CHECK_STR(rec.log.data, "dropped \"居中\" 7:1\n"
                            "dropped \"关于印发 《管理办法》的通知\" 9:1\n"
                            "dropped \"列表里的一段很长很长很长很长很长很长的文…\" 20:3\n" /* 20 characters */
                            "dropped \"-->\" 22:1\n");
    CHECK_STR(r.html, "<p>正文。</p>\n<ul>\n<li></li>\n</ul>\n<p>行内粗不算。</p>\n");
    buf_free(&rec.log);
    /* raw_html: true writes them (made harmless): nothing to say */
    recorder quiet = {BUF_INIT};
    md_options raw = {.dropped_html = record_dropped, .ud = &quiet, .raw_html = true};
    render(a, "<center>居中</center>\n", &raw);
    CHECK(quiet.log.len == 0);
    buf_free(&quiet.log);
  }

  TEST("Hugo's summary divider <!--more-->: where it stands in the text, never in the HTML") {
    md_result r = render(a, "第一段。\n\n## 小标题\n\n<!--more-->\n\n第二段。\n", NULL);
    CHECK(r.has_more && r.more_at == strlen("第一段。\n小标题\n"));
    CHECK_STR(r.html, "<p>第一段。</p>\n<h2 id=\"小标题\">小标题</h2>\n<p>第二段。</p>\n");
    r = render(a, "甲。\n\n  <!-- more -->\n\n乙。\n\n<!--more-->\n", NULL); /* spaces; the first one counts */
    CHECK(r.has_more && r.more_at == strlen("甲。\n"));
    r = render(a, "甲乙<!--more-->丙。\n", NULL); /* inside a paragraph, as Hugo takes it */
    CHECK(r.has_more && r.more_at == strlen("甲乙"));
    CHECK_STR(r.html, "<p>甲乙丙。</p>\n");
    md_options raw = {.raw_html = true};
    r = render(a, "甲。\n\n<!--more-->\n\n乙。\n", &raw);
    CHECK(r.has_more && r.more_at == strlen("甲。\n"));
    CHECK_STR(r.html, "<p>甲。</p>\n<p>乙。</p>\n");
    /* not the divider: another comment, another word, the text in code */
    r = render(a, "甲。\n\n<!--more than this-->\n\n<!--note-->\n\n`<!--more-->`\n", NULL);
    CHECK(!r.has_more);
  }

  TEST("the lead: prose paragraphs only, one line each, until lead_bytes") {
    md_options o = {.lead_bytes = 1000};
    /* a data release: the table's caption, cells and note are no prose */
    md_result r = render(a, "## 一、综合\n\n表1 主要指标\n\n| 指标 | 数值 |\n|---|---|\n| 总值 | 1 |\n\n"
                            "注：示例数据\n\n本页发布数据。\n\n![图](x.png)\n\n- 第一项。\n- 第二项\n\n> 引用文字\n", &o);
    CHECK_STR(r.text, "一、综合\n表1 主要指标\n指标\t数值\n总值\t1\n注：示例数据\n本页发布数据。\n图\n第一项。\n第二项\n引用文字");
    CHECK(r.lead_len == strlen("本页发布数据。\n第一项。\n第二项\n引用文字"));
    CHECK(r.lead && strncmp(r.lead, "本页发布数据。\n第一项。\n第二项\n引用文字", r.lead_len) == 0);
    /* paragraphs one line apart in the text: the lead is that stretch of it */
    r = render(a, "# 标题\n\n第一段。\n\n第二段\n", &o);
    CHECK(r.lead == r.text + strlen("标题\n") && r.lead_len == strlen("第一段。\n第二段"));
    /* next to a table, a short line that ends a sentence or leads into it is prose */
    r = render(a, "情况如下：\n\n| 甲 |\n|---|\n| 1 |\n\n数据下载：[CSV](x.csv)\n\n总体平稳。\n", &o);
    CHECK(r.lead && r.lead_len == strlen("情况如下：\n总体平稳。") &&
          strncmp(r.lead, "情况如下：\n总体平稳。", r.lead_len) == 0);
    /* whole paragraphs until lead_bytes: the one that reaches it is the last */
    o.lead_bytes = 12; /* 段落一 is 9 bytes */
    r = render(a, "段落一\n\n段落二\n\n段落三\n", &o);
    CHECK(r.lead_len == strlen("段落一\n段落二"));
    /* no prose, or no lead asked for: none */
    r = render(a, "| 甲 |\n|---|\n| 1 |\n", &o);
    CHECK(r.lead == NULL && r.lead_len == 0);
    r = render(a, "段落。\n", NULL);
    CHECK(r.lead == NULL && r.lead_len == 0);
    /* a paragraph's line breaks at its end (&NewLine;) are not the lead's:
     * the text loses its last one, the lead its NUL in its place */
    o.lead_bytes = 1000;
    r = render(a, "一&NewLine;\n\n二&NewLine;&NewLine;\n\n三&NewLine;\n", &o);
    CHECK_STR(r.text, "一\n二\n\n三");
    CHECK(r.lead_len == strlen("一\n二\n三") && memcmp(r.lead, "一\n二\n三", r.lead_len) == 0);
    /* a body of nothing but one: no text, and no span past it */
    r = render(a, "&NewLine;", &o);
    CHECK(r.text_len == 0 && r.lead == NULL);
    for (size_t i = 0; i < r.n_spans; i++) CHECK(r.spans[i].off <= r.text_len);
  }

  TEST("the lead leaves out the 落款: who issued the document and when") {
    md_options o = {.lead_bytes = 1000};
    md_result r = render(a, "现予公布。\n\n云岭区人民政府办公室\n\n2024年5月20日\n", &o);
    CHECK(r.lead_len == strlen("现予公布。") && strncmp(r.lead, "现予公布。", r.lead_len) == 0);
    CHECK_STR(r.text, "现予公布。\n云岭区人民政府办公室\n2024年5月20日"); /* still read and searched */
    /* the date alone; the lead a copy (a heading between its paragraphs) */
    r = render(a, "第一段。\n\n## 二\n\n第二段。\n\n2024年5月20日\n", &o);
    CHECK(r.lead_len == strlen("第一段。\n第二段。") && strncmp(r.lead, "第一段。\n第二段。", r.lead_len) == 0);
    /* a line that ends a sentence is no issuer: it stays */
    r = render(a, "第一段。\n\n特此公告。\n\n2024年5月20日\n", &o);
    CHECK(r.lead_len == strlen("第一段。\n特此公告。") && strncmp(r.lead, "第一段。\n特此公告。", r.lead_len) == 0);
    /* a 落款 and nothing else: no lead */
    r = render(a, "云岭区人民政府办公室\n\n2024年5月20日\n", &o);
    CHECK(r.lead == NULL && r.lead_len == 0);
    /* the lead full before the 落款: as it was */
    o.lead_bytes = 6;
    r = render(a, "第一段。\n\n第二段。\n\n2024年5月20日\n", &o);
    CHECK(r.lead_len == strlen("第一段。") && strncmp(r.lead, "第一段。", r.lead_len) == 0);
  }

  TEST("soft breaks: nothing next to a wide character, a space between narrow ones") {
    /* CJK/CJK, 。/digit, digit/CJK, Latin/Latin, Latin/CJK, CJK/Latin, ，/Latin */
    const char *const cases[][2] = {
        {"数据\n共享", "数据共享"},         {"稳中有进。\n2024年", "稳中有进。2024年"},
        {"截至2024\n年底", "截至2024年底"}, {"open\ndata", "open data"},
        {"使用APP\n办理", "使用APP办理"},   {"政务\nAPP", "政务APP"},
        {"见附件，\nPDF格式", "见附件，PDF格式"}, {"增长12.5\n%", "增长12.5 %"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) CHECK_STR(render(a, cases[i][0], NULL).text, cases[i][1]);
  }

  TEST("invalid UTF-8 longer as U+FFFD than in the source: positions stay in the body") {
    /* Eight bytes become 24 of text, so the link is searched for past the
     * body's end; it is placed at the end (line 2, after the newline). */
    recorder rec = {BUF_INIT};
    md_options o = {.ud = &rec, .resolve = record_ref};
    md_result r = render(a, "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF[a](b.md)\n", &o);
    CHECK_STR(buf_cstr(&rec.log), "link b.md 2:1\n");
    CHECK(r.n_spans == 2 && r.spans[1].off == 24 && r.spans[1].line == 2 && r.spans[1].col == 1);
    buf_free(&rec.log);
  }

  TEST("footnotes: numbered references, the notes at the end with links back") {
    recorder rec = {BUF_INIT};
    md_options o = {.line_offset = 3, .ud = &rec, .resolve = record_ref, .lead_bytes = 1000};
    md_result r = render(a,
                         "文字[^a]，再引[^a]，另注[^注2]，未定义[^9]。\n\n"
                         "[^注2]: 见[通知](../policy/x.md)，<b>粗</b>。\n\n"
                         "## fn 1\n\n正文。\n\n"
                         "[^a]: 脚注。\n",
                         &o);
    CHECK_STR(r.html,
              "<p>文字<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup>，"
              "再引<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1-2\">1</a></sup>，"
              "另注<sup class=\"footnote-ref\"><a href=\"#fn-2\" id=\"fnref-2\">2</a></sup>，未定义[^9]。</p>\n"
              "<h2 id=\"section-fn-1\">fn 1</h2>\n<p>正文。</p>\n"
              "<section class=\"footnotes\" aria-label=\"注释\">\n<ol>\n"
              "<li id=\"fn-1\">\n<p>脚注。 <a href=\"#fnref-1\" class=\"footnote-backref\" aria-label=\"返回正文\">↩</a> "
              "<a href=\"#fnref-1-2\" class=\"footnote-backref\" aria-label=\"返回正文第2处\">↩<sup>2</sup></a></p>\n</li>\n"
              "<li id=\"fn-2\">\n<p>见<a href=\"/policy/x/\">通知</a>，粗。 "
              "<a href=\"#fnref-2\" class=\"footnote-backref\" aria-label=\"返回正文\">↩</a></p>\n</li>\n"
              "</ol>\n</section>\n");
    /* the link in a note: resolved, at its place in the file */
    CHECK_STR(buf_cstr(&rec.log), "link ../policy/x.md 6:9\n");
    /* the notes' text once, at the end; not in the lead */
    CHECK_STR(r.text, "文字，再引，另注，未定义[^9]。\nfn 1\n正文。\n脚注。\n见通知，粗。");
    CHECK(r.lead && r.lead_len == strlen("文字，再引，另注，未定义[^9]。\n正文。") &&
          strncmp(r.lead, "文字，再引，另注，未定义[^9]。", r.lead_len - strlen("\n正文。")) == 0);
    /* spans of the notes map to the file, though cmark moved the notes */
    size_t at = strlen("文字，再引，另注，未定义[^9]。\nfn 1\n正文。\n脚注。\n");
    bool found = false;
    for (size_t i = 0; i < r.n_spans; i++)
      if (r.spans[i].off == at) found = r.spans[i].line == 6 && r.spans[i].col == 8; /* 见 */
    CHECK(found);
    CHECK(r.n_headings == 1 && strcmp(r.headings[0].id, "section-fn-1") == 0);
    buf_free(&rec.log);
  }

  TEST("footnotes: a broken link in a note is reported at its place; a 落款 before the notes") {
    recorder rec = {BUF_INIT};
    md_options o = {.ud = &rec, .resolve = record_ref};
    md_result r = render(a, "正文[^1]。\n\n[^1]: 注文\n    [坏](evil.md)\n\n办公室\n\n2024年5月20日\n", &o);
    CHECK_STR(buf_cstr(&rec.log), "link evil.md 4:5\n");
    CHECK_STR(r.html,
              "<p>正文<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup>。</p>\n"
              "<div class=\"signature\">\n<p>办公室</p>\n<p>2024年5月20日</p>\n</div>\n"
              "<section class=\"footnotes\" aria-label=\"注释\">\n<ol>\n<li id=\"fn-1\">\n"
              "<p>注文<a href=\"\">坏</a> <a href=\"#fnref-1\" class=\"footnote-backref\" aria-label=\"返回正文\">↩</a></p>\n"
              "</li>\n</ol>\n</section>\n");
    buf_free(&rec.log);
  }

  TEST("footnotes: a note ending in a list gets its links back on a line of their own") {
    CHECK_STR(html(a, "甲[^1]\n\n[^1]: 注：\n\n    - 一\n", false),
              "<p>甲<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup></p>\n"
              "<section class=\"footnotes\" aria-label=\"注释\">\n<ol>\n<li id=\"fn-1\">\n<p>注：</p>\n"
              "<ul>\n<li>一</li>\n</ul>\n"
              " <a href=\"#fnref-1\" class=\"footnote-backref\" aria-label=\"返回正文\">↩</a>\n</li>\n</ol>\n</section>\n");
    /* in a link no link of its own (no <a> in an <a>), in an image's
     * description nothing: neither has a link back */
    CHECK_STR(html(a, "[见[^1]](x.md) ![图[^1]](y.png)\n\n[^1]: 注\n", false),
              "<p><a href=\"x.md\">见<sup class=\"footnote-ref\">1</sup></a> <img src=\"y.png\" alt=\"图\" /></p>\n"
              "<section class=\"footnotes\" aria-label=\"注释\">\n<ol>\n<li id=\"fn-1\">\n<p>注</p>\n</li>\n</ol>\n</section>\n");
    /* a note no one refers to is left out; an undefined reference stays text */
    CHECK_STR(html(a, "甲[^x]\n\n[^y]: 无人引用\n", false), "<p>甲[^x]</p>\n");
  }

  TEST("concurrent renders give identical output") {
    const char *want = html(a, concurrent_src, false);
    CHECK_STR(want,
              "<p>前文 <del>删除</del> 以及 <a href=\"http://www.example.cn\">www.example.cn</a> 后文</p>\n"
              "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"表格1\">\n"
       "<table>\n<thead>\n<tr>\n<th>甲</th>\n<th>乙</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
              "<td><del>1</del></td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n</div>\n");
    pthread_t t[8];
    for (int i = 0; i < 8; i++) pthread_create(&t[i], NULL, render_many, (void *)want);
    long bad = 0;
    for (int i = 0; i < 8; i++) {
      void *n;
      pthread_join(t[i], &n);
      bad += (long)n;
    }
    CHECK(bad == 0);
  }

  arena_free(a);
  TEST_EXIT();
}

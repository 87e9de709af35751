/* Unit tests for markdown_html: govpub's writer of a cmark-gfm tree must
 * give cmark_render_html()'s bytes exactly.  Every document below is
 * parsed once with the extensions and options md_render uses and written
 * both ways; trees the writer leaves to cmark (raw HTML kept) must be
 * refused, not written differently.  Footnotes, written govpub's way, are
 * compared with the exact HTML expected.  Also every byte in a URL, a
 * title, a code block's info string and a text, built node by node; and
 * md_render's HTML in a buffer of the caller's (md_options.html). */
#include "markdown_html.h"

#include "markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <stdio.h>
#include <stdlib.h>

#include "testlib.h"

static const int base_opts =
    CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES;

static cmark_node *parse(const char *src, int opts, cmark_parser **out) {
  static const char *const names[] = {"table", "strikethrough", "autolink", "tagfilter"};
  cmark_parser *p = cmark_parser_new(opts);
  for (size_t i = 0; i < 4; i++) cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension(names[i]));
  cmark_parser_feed(p, src, strlen(src));
  *out = p;
  return cmark_parser_finish(p);
}

/* 1 when the writer gives cmark's bytes, 0 when they differ (printed), -1
 * when it refused the tree. */
static int same_as_cmark(cmark_node *doc, cmark_parser *p, int opts) {
  buf mine = BUF_INIT;
  bool wrote = md_html(&mine, doc, opts, 16);
  char *theirs = cmark_render_html(doc, opts, cmark_parser_get_syntax_extensions(p));
  int rc = !wrote ? -1 : mine.len == strlen(theirs) && memcmp(mine.data, theirs, mine.len) == 0;
  if (rc == 0) printf("  cmark: «%s»\n  govpub: «%s»\n", theirs, buf_cstr(&mine));
  free(theirs);
  buf_free(&mine);
  return rc;
}

static int check_doc(const char *src, int opts) {
  cmark_parser *p;
  cmark_node *doc = parse(src, opts, &p);
  int rc = same_as_cmark(doc, p, opts);
  cmark_node_free(doc);
  cmark_parser_free(p);
  return rc;
}

static const char *const docs[] = {
    "# 标题 <一>\n\n## 二 & \"三\" 'x'\n\n###### 六\n\nSetext\n===\n",
    "段落 1 < 2 > 0 & \"引号\" 'apos' \\* &amp; &copy; &#x4E00; &#0; &bogus;\n第二行  \n硬换行\\\n再一行\n",
    "- 紧凑\n- 列表\n  - 嵌套\n\n1. 一\n2. 二\n\n3) 三\n4) 四\n\n0. 零\n\n- 松散\n\n- 列表\n\n  第二段\n",
    "> 引用\n> - 列表\n>\n> > 嵌套\n\n---\n***\n\n    缩进代码 <x>\n\n```\n无信息\n```\n",
    "```go  extra\tinfo\nfmt.Println(\"<&>\")\n```\n\n~~~ x\vy\nv\n~~~\n\n``` a\fb\nf\n```\n\n````\n````\n",
    "*强调* **加粗** ***两者*** `代码 <b>` ``双 ` 反引号`` ~~删除~~ ~单~ ~~**嵌套**~~\n",
    "[链接](/a/b \"标题 <t> & 'q'\") [空]() [空格](</a b>) [相对](x.md#frag?q=1&r=2) "
    "[引号](/it's) [百分](/%E4%B8%80/%zz) [中文](/中文/路径) [符号](/!$()*+,;=:@~_-.?#)\n",
    "![图 *强调* `码` [链](x)\n换行](/i.png \"图题\") ![](/empty.png) ![a ![b](c) d](e.png)\n",
    "<https://a.b/c?d=e&f=g> <mailto:x@y.cn> www.gov.cn/路径 http://x.y/z). a@b.cn\n",
    "[a](javascript:alert(1)) [b](JAVASCRIPT:x) [c](vbscript:x) [d](VbScript:x) [e](file:///x) "
    "[f](FILE:x) [g](data:text/html,x) [h](DATA:x) ![i](data:image/png;base64,AA) "
    "![j](DATA:IMAGE/GIF,AA) ![k](data:image/jpeg) ![l](data:image/webp) ![m](data:image/pn) "
    "![n](data:image/svg+xml,x) [o](data:image/png) [p](javascript) [q](javascript%3Ax)\n",
    "| 左 | 中 | 右 | 无 |\n|:--|:-:|--:|---|\n| a | b | c | d |\n| `x|y` | **b** | [l](/u) | ~~s~~ |\n"
    "| 少 |\n| 多 | 1 | 2 | 3 | 4 | 5 |\n",
    "| 只有表头 |\n| --- |\n\n段落\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n| c |\n|:-:|\n| 3 |\n",
    "- | 表 | 格 |\n  | - | - |\n  | 1 | 2 |\n\n> | q |\n> |---|\n> | 1 |\n",
    "前 <span>内联</span> 后\n\n<div>\n块\n</div>\n\n<script>x</script>\n",
    "[ref]: /url \"title\"\n\n[ref] [文本][ref] [未定义]\n\n* * *\n\n1. a\n\n   b\n2. c\n",
    "",
    "\n\n\n",
    "# \n\n-\n\n>\n\n```\n```\n",
};

int main(void) {
  cmark_gfm_core_extensions_ensure_registered();

  TEST("md_render with the caller's HTML buffer: the same HTML, the buffer reused page after page") {
    buf html = BUF_INIT;
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
      arena *a = arena_new();
      md_options own = {0}, reuse = {.html = &html};
      md_result r1, r2;
      md_render(a, docs[i], strlen(docs[i]), &own, &r1);
      md_render(a, docs[i], strlen(docs[i]), &reuse, &r2);
      CHECK_STR(r2.html, r1.html);
      CHECK(r2.html_len == r1.html_len && r2.html == html.data);
      arena_free(a);
    }
    buf_free(&html);
  }

  TEST("the writer gives cmark's bytes for every kind of Markdown md_render renders") {
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
      int rc = check_doc(docs[i], base_opts);
      if (rc != 1) printf("  document %zu: %s\n", i, rc ? "refused" : "differs");
      CHECK(rc == 1);
    }
  }

  TEST("... and with the options of a site that allows raw HTML, where it writes the tree") {
    CHECK(check_doc(docs[6], base_opts | CMARK_OPT_UNSAFE) == 1);  /* links: no URL check */
    CHECK(check_doc(docs[9], base_opts | CMARK_OPT_UNSAFE) == 1);  /* dangerous URLs kept */
    CHECK(check_doc(docs[10], base_opts | CMARK_OPT_UNSAFE) == 1); /* tables */
    CHECK(check_doc(docs[10], CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE) == 1); /* align="…" */
  }

  TEST("kept raw HTML and foreign options go to cmark") {
    CHECK(check_doc(docs[13], base_opts | CMARK_OPT_UNSAFE) == -1);
    CHECK(check_doc(docs[0], base_opts | CMARK_OPT_SOURCEPOS) == -1);
    CHECK(check_doc(docs[1], base_opts | CMARK_OPT_HARDBREAKS) == -1);
  }

  TEST("footnotes: written govpub's way, ids by number, back links labelled in Chinese") {
    cmark_parser *p;
    cmark_node *doc = parse("正文[^注], *强调*[^注]\n\n[^注]: 注 **粗**\n\n    第二段\n", base_opts | CMARK_OPT_FOOTNOTES, &p);
    buf out = BUF_INIT;
    CHECK(md_html(&out, doc, base_opts | CMARK_OPT_FOOTNOTES, 16));
    CHECK_STR(buf_cstr(&out),
              "<p>正文<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup>, "
              "<em>强调</em><sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1-2\">1</a></sup></p>\n"
              "<section class=\"footnotes\" aria-label=\"注释\">\n<ol>\n<li id=\"fn-1\">\n"
              "<p>注 <strong>粗</strong></p>\n"
              "<p>第二段 <a href=\"#fnref-1\" class=\"footnote-backref\" aria-label=\"返回正文\">↩</a> "
              "<a href=\"#fnref-1-2\" class=\"footnote-backref\" aria-label=\"返回正文第2处\">↩<sup>2</sup></a></p>\n"
              "</li>\n</ol>\n</section>\n");
    /* a reference to no note of the document (not a tree cmark numbered): refused */
    cmark_node *ref = cmark_node_next(cmark_node_first_child(cmark_node_first_child(doc)));
    CHECK(cmark_node_get_type(ref) == CMARK_NODE_FOOTNOTE_REFERENCE);
    cmark_node_set_literal(ref, "2");
    CHECK(!md_html(&out, doc, base_opts | CMARK_OPT_FOOTNOTES, 16));
    buf_free(&out);
    cmark_node_free(doc);
    cmark_parser_free(p);
  }

  TEST("every byte in URLs, titles, info strings, text and custom nodes, as cmark writes it") {
    char all[256];
    for (int i = 1; i < 256; i++) all[i - 1] = (char)i;
    all[255] = '\0';
    cmark_parser *p;
    cmark_node *doc = parse("", base_opts, &p);
    cmark_node *para = cmark_node_new(CMARK_NODE_PARAGRAPH), *link = cmark_node_new(CMARK_NODE_LINK),
               *img = cmark_node_new(CMARK_NODE_IMAGE), *txt = cmark_node_new(CMARK_NODE_TEXT),
               *alt = cmark_node_new(CMARK_NODE_TEXT), *code = cmark_node_new(CMARK_NODE_CODE_BLOCK),
               *blk = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK), *inl = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
    cmark_node_set_url(link, all);
    cmark_node_set_title(link, all);
    cmark_node_set_url(img, all + 32);
    cmark_node_set_title(img, all);
    cmark_node_set_literal(txt, all);
    cmark_node_set_literal(alt, all);
    cmark_node_set_fence_info(code, all + 32);
    cmark_node_set_literal(code, all);
    cmark_node_set_on_enter(blk, "<x a=\"&\">");
    cmark_node_set_on_exit(inl, "</y>");
    cmark_node_append_child(link, txt);
    cmark_node_append_child(img, alt);
    cmark_node_append_child(para, link);
    cmark_node_append_child(para, img);
    cmark_node_append_child(para, inl);
    cmark_node_append_child(doc, para);
    cmark_node_append_child(doc, code);
    cmark_node_append_child(doc, blk);
    CHECK(same_as_cmark(doc, p, base_opts) == 1);
    CHECK(same_as_cmark(doc, p, base_opts | CMARK_OPT_UNSAFE) == 1);
    for (int c = 1; c < 256; c++) { /* where an info string's first word ends */
      char info[4] = {'a', (char)c, 'b', '\0'};
      cmark_node_set_fence_info(code, info);
      int same = same_as_cmark(doc, p, base_opts);
      if (same != 1) printf("  info byte %d\n", c);
      CHECK(same == 1);
    }
    cmark_node_free(doc);
    cmark_parser_free(p);
  }

  TEST_EXIT();
}

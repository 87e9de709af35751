/* test_tmpl: the Mustache engine.
 *
 * First govpub's own behaviour: escaping, numbers, the exact text of every
 * template diagnostic, file sets (site before theme, recorded inputs), a
 * baseof-style layout, recursion limits and rendering from two threads.
 * Then the official Mustache spec (DESIGN §4, §10), read at run time from
 * ../shared/mustache-spec relative to the repository root (the tests' working
 * directory) or from $MUSTACHE_SPEC_DIR: each test's `data` becomes a tval
 * tree (plain true/false → TV_BOOL, plain numbers → TV_NUM, null → TV_NULL,
 * anything else → TV_STR), its `partials` come from an in-memory loader, and
 * the output must equal `expected` with no diagnostic.  A missing spec
 * directory is a failure, never a silent pass. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "escape.h"
#include "testlib.h"
#include "tmpl.h"
#include "tmpl_memo.h"
#include "value.h"
#include "yamlx.h"

/* Everything diag collected since the last call, as text (malloc'd).  Only
 * flushes when something was recorded: diag_flush on a diag that never held
 * a message passes NULL to qsort, which UBSan rejects. */
static char *flush_diag(void) {
  static int seen;
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  if (diag_errors() + diag_warnings() != seen) diag_flush(f);
  seen = diag_errors() + diag_warnings();
  fclose(f);
  return text;
}

/* ---- in-memory templates ----------------------------------------------------- */

/* A loader over a NULL-terminated list of name, source pairs. */
static int load_pairs(void *ctx, const char *name, buf *text, const char **path) {
  for (const char *const *p = ctx; p[0]; p += 2)
    if (strcmp(p[0], name) == 0) {
      buf_puts(text, p[1]);
      *path = name;
      return 1;
    }
  return 0;
}

/* Renders src (named "t" in messages) against ctx with partials from
 * `pairs`; *diags gets what diag reported (caller frees). */
static char *render_with(const char *const *pairs, const char *src, const tval *ctx, int *rc,
                         char **diags) {
  static const char *const none[] = {NULL};
  tmpl_set *s = tmpl_set_new_loader(load_pairs, (void *)(pairs ? pairs : none), TMPL_MISSING_ERROR);
  buf out = BUF_INIT;
  *rc = tmpl_render_str(s, "t", src, strlen(src), ctx, &out, "content/policy/x.md");
  tmpl_set_free(s);
  *diags = flush_diag();
  return buf_take(&out, NULL);
}

/* The diagnostics of compiling src (which must fail). */
static char *compile_errors(const char *src) {
  int rc;
  char *diags;
  free(render_with(NULL, src, NULL, &rc, &diags));
  if (rc != -1) {
    free(diags);
    return strdup("(compiled without error)");
  }
  return diags;
}

static void test_values(void) {
  arena *a = arena_new();
  tval *ctx = tv_map(a);
  tv_set_str(a, ctx, "x", "<a href=\"u\">&'</a>");
  tv_set(a, ctx, "h", tv_html(a, "<p>a &amp; b</p>", 16));
  tv_set_str(a, ctx, "empty", "");
  tv_set_bool(a, ctx, "t", true);
  tv_set_bool(a, ctx, "f", false);
  tval *nums = tv_list(a);
  double ds[] = {85, 1.21, 0.1 + 0.2, -0.0, 1e21, -3, 2.5e-7, 1e16, 123456.789};
  for (size_t i = 0; i < sizeof ds / sizeof *ds; i++) tv_push(a, nums, tv_num(a, ds[i]));
  tv_set(a, ctx, "nums", nums);
  tv_set(a, ctx, "map", tv_map(a));
  int rc;
  char *diags, *out;

  TEST("tmpl: {{x}} escapes & < > \" ', {{{x}}} and {{&x}} do not") {
    out = render_with(NULL, "{{x}}|{{{x}}}|{{&x}}", ctx, &rc, &diags);
    CHECK_STR(out, "&lt;a href=&quot;u&quot;&gt;&amp;&#39;&lt;/a&gt;|<a href=\"u\">&'</a>|<a href=\"u\">&'</a>");
    CHECK(rc == 0);
    free(out), free(diags);
  }
  TEST("tmpl: TV_HTML is written as is, even by {{x}}") {
    out = render_with(NULL, "{{h}}", ctx, &rc, &diags);
    CHECK_STR(out, "<p>a &amp; b</p>");
    free(out), free(diags);
  }
  TEST("tmpl: numbers print shortest round-trip, integers without decimals") {
    out = render_with(NULL, "{{#nums}}[{{.}}]{{/nums}}", ctx, &rc, &diags);
    CHECK_STR(out, "[85][1.21][0.30000000000000004][0][1e+21][-3][2.5e-07][10000000000000000][123456.789]");
    free(out), free(diags);
  }
  TEST("tmpl: booleans print true/false, maps and lists nothing, missing names nothing") {
    out = render_with(NULL, "{{t}} {{f}} ({{nums}}) ({{map}}) ({{nope}}) ({{x.y}})", ctx, &rc, &diags);
    CHECK_STR(out, "true false () () () ()");
    CHECK_STR(diags, "");
    free(out), free(diags);
  }
  TEST("tmpl: an empty string is falsey (tv_truthy)") {
    out = render_with(NULL, "{{#empty}}yes{{/empty}}{{^empty}}no{{/empty}}", ctx, &rc, &diags);
    CHECK_STR(out, "no");
    free(out), free(diags);
  }
  TEST("tmpl: a UTF-8 byte order mark is dropped and not counted in columns") {
    out = render_with(NULL, "\xEF\xBB\xBF<b>{{t}}</b>", ctx, &rc, &diags);
    CHECK_STR(out, "<b>true</b>");
    free(out), free(diags);
    char *e = compile_errors("\xEF\xBB\xBF{{#a}}");
    CHECK_STR(e, "t:1:1: error: '{{#a}}' is never closed\n  hint: add '{{/a}}' where it ends\n");
    free(e);
  }
  arena_free(a);
}

/* The escapers against the byte-by-byte rules they replace, with every
 * special byte at every offset of a 40-byte text (the 16-byte blocks and the
 * tail), and map keys that share their first eight bytes. */
static void ref_html(buf *b, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c == '&') buf_puts(b, "&amp;");
    else if (c == '<') buf_puts(b, "&lt;");
    else if (c == '>') buf_puts(b, "&gt;");
    else if (c == '"') buf_puts(b, "&quot;");
    else if (c == '\'') buf_puts(b, "&#39;");
    else buf_putc(b, c);
  }
}

static void ref_json(buf *b, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"') buf_puts(b, "\\\"");
    else if (c == '\\') buf_puts(b, "\\\\");
    else if (c == '\n') buf_puts(b, "\\n");
    else if (c == '\r') buf_puts(b, "\\r");
    else if (c == '\t') buf_puts(b, "\\t");
    else if (c < 0x20 || c == '<' || c == '>' || c == '&') buf_printf(b, "\\u%04x", c);
    else buf_putc(b, (char)c);
  }
}

static void test_escape_and_keys(void) {
  static const char specials[] = "&<>\"'\\\n\t\x01\x1f\x7f\x80";
  TEST("escape: esc_html and esc_json equal the byte-by-byte rules at every offset") {
    for (size_t k = 0; k < sizeof specials - 1; k++)
      for (size_t at = 0; at < 40; at++) {
        char text[41];
        for (size_t i = 0; i < 40; i++) text[i] = (char)(i % 3 == 0 ? 0xE4 : 'a' + (char)(i % 26));
        text[at] = specials[k];
        text[40] = '\0';
        buf got = BUF_INIT, want = BUF_INIT;
        esc_html(&got, text, 40);
        ref_html(&want, text, 40);
        CHECK(got.len == want.len && memcmp(got.data, want.data, got.len) == 0);
        buf_clear(&got), buf_clear(&want);
        esc_json(&got, text, 40);
        ref_json(&want, text, 40);
        CHECK(got.len == want.len && memcmp(got.data, want.data, got.len) == 0);
        buf_free(&got), buf_free(&want);
      }
  }
  TEST("escape: esc_xml_url_path is esc_url_path then esc_xml, for every byte, and goes byte by byte") {
    char all[256];
    for (int i = 0; i < 256; i++) all[i] = (char)i;
    buf got = BUF_INIT, url = BUF_INIT, want = BUF_INIT;
    esc_xml_url_path(&got, all, 100);
    esc_xml_url_path(&got, all + 100, 156);
    esc_url_path(&url, all, 256);
    esc_xml(&want, url.data, url.len);
    CHECK(got.len == want.len && memcmp(got.data, want.data, got.len) == 0);
    buf_clear(&got);
    const char *u = "https://example.gov.cn/tags/教育/?a=1&b='2'";
    esc_xml_url_path(&got, u, strlen(u));
    CHECK_STR(buf_cstr(&got), "https://example.gov.cn/tags/%E6%95%99%E8%82%B2/?a=1&amp;b=%272%27");
    buf_free(&got), buf_free(&url), buf_free(&want);
  }
  TEST("value: keys sharing their first eight bytes are told apart; tv_set replaces") {
    arena *a = arena_new();
    tval *m = tv_map(a);
    const char *keys[] = {"reading", "reading_", "reading_minutes", "reading_min", "r", "", "readinh"};
    size_t nk = sizeof keys / sizeof *keys;
    for (size_t i = 0; i < nk; i++) tv_set(a, m, keys[i], tv_num(a, (double)i));
    for (int i = 0; i < 40; i++) tv_set(a, m, arena_printf(a, "k%d", i), tv_num(a, 100 + i));
    for (size_t i = 0; i < nk; i++) {
      tval *v = tv_get(m, keys[i]);
      CHECK(v && v->u.num == (double)i);
    }
    CHECK(!tv_get(m, "reading_m") && !tv_get(m, "reading_minutes_") && !tv_get(m, "readin"));
    CHECK(tv_getn(m, "reading_minutes!", 15) && tv_getn(m, "reading_minutes!", 15)->u.num == 2);
    char copy[] = "reading_minutes";
    tv_set(a, m, copy, tv_num(a, 7)); /* same key, another pointer */
    CHECK(tv_get(m, "reading_minutes")->u.num == 7);
    CHECK(tv_get(m, "k39") && tv_get(m, "k39")->u.num == 139 && !tv_get(m, "k40"));
    arena_free(a);
  }
  TEST("value: tv_getk_at finds each key from a hint at any entry, keys sharing a head among them") {
    arena *a = arena_new();
    tval *m = tv_map(a);
    const char *keys[] = {"reading_min", "reading", "reading_minutes", "reading_", "reading_minutez", "readinh"};
    size_t nk = sizeof keys / sizeof *keys;
    for (size_t i = 0; i < nk; i++) tv_set(a, m, keys[i], tv_num(a, (double)i));
    const char *absent[] = {"reading_m", "reading_minutes_", "reading_minute", "readin"};
    for (uint32_t hint = 0; hint <= nk; hint++) {
      for (size_t i = 0; i < nk; i++) {
        tv_key k = tv_key_of(keys[i], strlen(keys[i]));
        uint32_t at = hint;
        tval *v = tv_getk_at(m, &k, &at);
        CHECK(v && v->u.num == (double)i && at == i);
      }
      for (size_t i = 0; i < sizeof absent / sizeof *absent; i++) {
        tv_key k = tv_key_of(absent[i], strlen(absent[i]));
        uint32_t at = hint;
        CHECK(!tv_getk_at(m, &k, &at));
      }
    }
    arena_free(a);
  }
  TEST("value: tv_mark_plain marks only text with nothing to escape, all the way down") {
    arena *a = arena_new();
    tval *m = tv_map(a), *inner = tv_map(a), *list = tv_list(a);
    tv_set_str(a, m, "safe", "云岭区 /news/a-1/");
    tv_set_str(a, m, "amp", "A & B");
    tv_set_str(a, inner, "quote", "say \"hi\"");
    tv_set_str(a, inner, "long", "一二三四五六七八九十 abcdefghijklmnopqrstuvwxyz 0123456789'");
    tv_push(a, list, tv_str(a, "<b>"));
    tv_push(a, list, tv_str(a, "ok"));
    tv_set(a, inner, "list", list);
    tv_set(a, m, "inner", inner);
    tv_mark_plain(m);
    CHECK(tv_get(m, "safe")->plain && !tv_get(m, "amp")->plain);
    CHECK(!tv_get(inner, "quote")->plain && !tv_get(inner, "long")->plain);
    CHECK(!list->u.list.items[0]->plain && list->u.list.items[1]->plain);
    int rc;
    char *diags;
    char *out = render_with(NULL, "{{safe}}|{{amp}}|{{inner.quote}}|{{inner.long}}|{{#inner.list}}{{.}}{{/inner.list}}|{{{amp}}}",
                            m, &rc, &diags);
    CHECK_STR(out, "云岭区 /news/a-1/|A &amp; B|say &quot;hi&quot;|"
                   "一二三四五六七八九十 abcdefghijklmnopqrstuvwxyz 0123456789&#39;|&lt;b&gt;ok|A & B");
    free(out), free(diags);
    arena_free(a);
  }
}

static void test_indentation(void) {
  static const char *const parts[] = {
      "list", "<li>a</li>\n\n<li>b</li>\n",
      "base", "<main>\n  {{$main}}\n  <p>default</p>\n  {{/main}}\n</main>\n",
      NULL};
  int rc;
  char *diags, *out;
  TEST("tmpl: a standalone partial is indented, except on its empty lines") {
    out = render_with(parts, "<ul>\n  {{> list}}\n</ul>\n", NULL, &rc, &diags);
    CHECK_STR(out, "<ul>\n  <li>a</li>\n\n  <li>b</li>\n</ul>\n");
    CHECK_STR(diags, "");
    free(out), free(diags);
  }
  TEST("tmpl: a block not overridden renders exactly as written") {
    out = render_with(parts, "{{<base}}{{/base}}", NULL, &rc, &diags);
    CHECK_STR(out, "<main>\n  <p>default</p>\n</main>\n");
    free(out), free(diags);
  }
  TEST("tmpl: an override takes the indentation of the block it replaces") {
    out = render_with(parts, "{{<base}}\n{{$main}}\n<h1>T</h1>\n<div>\n  x\n</div>\n{{/main}}\n{{/base}}\n",
                      NULL, &rc, &diags);
    CHECK_STR(out, "<main>\n  <h1>T</h1>\n  <div>\n    x\n  </div>\n</main>\n");
    free(out), free(diags);
  }
  TEST("tmpl: a parent's partials see the child's overrides; parents may be dynamic") {
    static const char *const inherit[] = {
        "base", "<head>\n{{> head}}\n</head>\n",
        "head", "<title>{{$title}}Site{{/title}}</title>\n",
        NULL};
    arena *a = arena_new();
    tval *ctx = tv_map(a);
    tv_set_str(a, ctx, "layout", "base");
    out = render_with(inherit, "{{<*layout}}{{$title}}Page{{/title}}{{/*layout}}", ctx, &rc, &diags);
    CHECK_STR(out, "<head>\n<title>Page</title>\n</head>\n");
    CHECK_STR(diags, "");
    free(out), free(diags);
    arena_free(a);
  }
  TEST("tmpl: a one-line override keeps only what is between its tags") {
    out = render_with(parts, "{{<base}}\n{{$main}}<p>one</p>{{/main}}\n{{/base}}\n", NULL, &rc, &diags);
    CHECK_STR(out, "<main>\n  <p>one</p></main>\n");
    free(out), free(diags);
  }
}

static void test_compile_errors(void) {
  static const struct {
    const char *name, *src, *want;
  } cases[] = {
      {"unclosed tag (column in code points)", "a\n中文{{x",
       "t:2:3: error: unclosed tag: no '}}' after '{{'\n  hint: end the tag with '}}'\n"},
      {"unclosed triple mustache", "{{{x}}",
       "t:1:1: error: unclosed tag: no '}}}' after '{{{'\n  hint: end the tag with '}}}'\n"},
      {"unclosed section", "<ul>\n{{#news}}\n<li>\n",
       "t:2:1: error: '{{#news}}' is never closed\n  hint: add '{{/news}}' where it ends\n"},
      {"mismatched close, then a close of nothing", "{{#a}}\n  {{#b}}x{{/a}}\n{{/b}}\n",
       "t:2:10: error: '{{/a}}' does not close the open '{{#b}}' (line 2)\n"
       "  hint: write '{{/b}}' to close it\n"
       "t:3:1: error: '{{/b}}' closes nothing\n"
       "  hint: remove it, or add the opening tag above it\n"},
      {"unclosed block inside a parent", "{{<base}}{{$main}}x{{/base}}",
       "t:1:20: error: '{{/base}}' does not close the open '{{$main}}' (line 1)\n"
       "  hint: write '{{/main}}' to close it\n"},
      {"bad delimiter change", "{{=<%=}}",
       "t:1:1: error: bad delimiter change '{{=<%=}}'\n"
       "  hint: give the new opening and closing delimiters separated by a space, like {{=<% %>=}}\n"},
      {"hints use the delimiters in force", "{{=<% %>=}}\n<%#a%>\n",
       "t:2:1: error: '<%#a%>' is never closed\n  hint: add '<%/a%>' where it ends\n"},
      {"'..' in a partial name", "x\n  {{> ../secret}}\n",
       "t:2:3: error: bad template name '../secret' in tag '{{> ../secret}}': '..' is not allowed\n"
       "  hint: name templates relative to the layouts folder, like partials/footer\n"},
      {"leading '/' in a parent name", "{{</etc/base}}{{//etc/base}}",
       "t:1:1: error: bad template name '/etc/base' in tag '{{</etc/base}}': it starts with '/'\n"
       "  hint: name templates relative to the layouts folder, like partials/footer\n"},
      {"names", "{{}} {{a b}} {{a..b}} {{#}}",
       "t:1:1: error: empty tag '{{}}'\n"
       "  hint: put a name between the delimiters, like {{page.title}}\n"
       "t:1:6: error: bad name 'a b' in tag '{{a b}}'\n"
       "  hint: a name is one word; reach into fields with dots, like page.title\n"
       "t:1:14: error: bad name 'a..b' in tag '{{a..b}}'\n"
       "  hint: write fields as page.title, with no empty part between dots\n"
       "t:1:23: error: empty tag '{{#}}'\n"
       "  hint: put a name between the delimiters, like {{page.title}}\n"},
      /* columns counted on from the tag before on the line, from the line's start on a new one */
      {"columns in code points, tag after tag and line after line", "中{{}}文{{}}\n字{{}}",
       "t:1:2: error: empty tag '{{}}'\n"
       "  hint: put a name between the delimiters, like {{page.title}}\n"
       "t:1:7: error: empty tag '{{}}'\n"
       "  hint: put a name between the delimiters, like {{page.title}}\n"
       "t:2:2: error: empty tag '{{}}'\n"
       "  hint: put a name between the delimiters, like {{page.title}}\n"},
      /* a NUL does the same (tests/fuzz/regress/mustache/nul-in-tag-name) */
      {"a control character in a name", "x {{page\x01.title}}",
       "t:1:3: error: control character in the name of a tag\n"
       "  hint: a name is one word of printable characters, like page.title\n"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char name[128];
    snprintf(name, sizeof name, "tmpl: compile error: %s", cases[i].name);
    TEST(name) {
      char *got = compile_errors(cases[i].src);
      CHECK_STR(got, cases[i].want);
      free(got);
    }
  }
  TEST("tmpl: compile error: sections nested too deep") {
    buf src = BUF_INIT;
    for (int i = 0; i <= TMPL_MAX_NESTING; i++) buf_puts(&src, "{{#a}}");
    char *got = compile_errors(buf_cstr(&src));
    CHECK_STR(got, "t:1:601: error: '{{#a}}' is nested more than 100 deep\n"
                   "  hint: split the template into partials\n");
    free(got);
    buf_free(&src);
  }
}

static void test_render_errors(void) {
  static const char *const parts[] = {
      "loop", "x{{>loop}}",
      "a", "{{>b}}",
      "b", "{{#deeper}}{{>a}}{{/deeper}}",
      "broken", "{{#a}}",
      "outer", "<p>{{>broken}}{{>nope}}",
      "lacks", "<p>{{x}}{{>nope}}",
      "bom", "\xEF\xBB\xBF<p>{{x}}</p>",
      NULL};
  arena *a = arena_new();
  tval *ctx = tv_map(a);
  tv_set_str(a, ctx, "kind", "../x");
  tv_set_bool(a, ctx, "deeper", true);
  int rc;
  char *diags, *out;
  TEST("tmpl: a missing partial is an error at the tag, naming the page") {
    out = render_with(parts, "<p>\n  {{> nope}}\n{{<gone}}{{/gone}}", ctx, &rc, &diags);
    CHECK(rc == -1);
    CHECK_STR(out, "<p>\n");
    CHECK_STR(diags, "t:2:3: error: partial 'nope' not found (rendering content/policy/x.md)\n"
                     "  hint: check the template's name\n"
                     "t:3:1: error: parent template 'gone' not found (rendering content/policy/x.md)\n"
                     "  hint: check the template's name\n");
    free(out), free(diags);
  }
  TEST("tmpl: a self-including partial stops at the depth limit with one error") {
    out = render_with(parts, "{{>loop}}", ctx, &rc, &diags);
    CHECK(rc == -1);
    CHECK(strlen(out) == TMPL_MAX_DEPTH);
    CHECK_STR(diags, "loop:1:2: error: partial 'loop' nested more than 64 deep (rendering content/policy/x.md)\n"
                     "  hint: a template includes itself without end; put the inclusion in a section that ends\n");
    free(out), free(diags);
  }
  TEST("tmpl: mutually recursive partials stop too") {
    out = render_with(parts, "{{>a}}", ctx, &rc, &diags);
    CHECK(rc == -1);
    CHECK_STR(diags, "b:1:12: error: partial 'a' nested more than 64 deep (rendering content/policy/x.md)\n"
                     "  hint: a template includes itself without end; put the inclusion in a section that ends\n");
    free(out), free(diags);
  }
  TEST("tmpl: a dynamic partial name from the data is checked") {
    out = render_with(parts, "{{>*kind}}", ctx, &rc, &diags);
    CHECK(rc == -1);
    CHECK_STR(diags, "t:1:1: error: bad template name '../x' in 'kind': '..' is not allowed (rendering content/policy/x.md)\n"
                     "  hint: name templates relative to the layouts folder, like partials/footer\n");
    free(out), free(diags);
  }
  TEST("tmpl: a partial that does not compile is reported once, where it is") {
    out = render_with(parts, "{{>broken}}{{>broken}}", ctx, &rc, &diags);
    CHECK(rc == -1);
    CHECK_STR(diags, "broken:1:1: error: '{{#a}}' is never closed\n  hint: add '{{/a}}' where it ends\n");
    free(out), free(diags);
  }
  TEST("tmpl: the template at fault: the first error's (tmpl_render_blame), one that does not compile (tmpl_failed_in)") {
    tmpl_set *s = tmpl_set_new_loader(load_pairs, (void *)parts, TMPL_MISSING_ERROR);
    buf out = BUF_INIT;
    const char *in = "unset";
    CHECK(tmpl_render_blame(s, tmpl_get(s, "outer"), ctx, &out, "p.md", &in) == -1);
    CHECK_STR(in, "broken"); /* not outer, where 'nope' is missing after it */
    CHECK(tmpl_render_blame(s, tmpl_get(s, "lacks"), ctx, &out, "p.md", &in) == -1);
    CHECK_STR(in, "lacks"); /* where the partial it lacks is named */
    CHECK(tmpl_render_blame(s, tmpl_get(s, "bom"), ctx, &out, "p.md", &in) == 0 && in == NULL);
    CHECK_STR(tmpl_failed_in(s, "broken"), "broken");
    CHECK(tmpl_failed_in(s, "outer") == NULL && tmpl_failed_in(s, "missing") == NULL);
    CHECK_STR(tmpl_source(tmpl_get(s, "bom")), "<p>{{x}}</p>"); /* lines and columns as its messages count them */
    buf_free(&out);
    tmpl_set_free(s);
    free(flush_diag());
  }
  arena_free(a);
}

/* ---- file sets ------------------------------------------------------------------ */

static void write_file(const char *root, const char *rel, const char *text) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", root, rel);
  for (char *p = path + strlen(root) + 1; (p = strchr(p, '/')) != NULL; p++) {
    *p = '\0';
    mkdir(path, 0755);
    *p = '/';
  }
  FILE *f = fopen(path, "w");
  if (!f) abort();
  fputs(text, f);
  fclose(f);
}

typedef struct {
  tmpl_set *set;
  const tval *ctx;
  const char *want;
  int bad;
} thread_job;

static void *render_many(void *arg) {
  thread_job *j = arg;
  for (int i = 0; i < 500; i++) {
    const tmpl *t = tmpl_get(j->set, "single");
    buf out = BUF_INIT;
    if (!t || tmpl_render(j->set, t, j->ctx, &out, "p.md") != 0 || strcmp(buf_cstr(&out), j->want) != 0)
      j->bad++;
    buf_free(&out);
  }
  return NULL;
}

/* A loader of numbered templates: "n<K>" is the text K, "p<K>" includes
 * n<K>; any other name is missing. */
static int load_numbered(void *ctx, const char *name, buf *text, const char **path) {
  (void)ctx;
  unsigned k;
  char kind;
  if (sscanf(name, "%c%u", &kind, &k) != 2 || (kind != 'n' && kind != 'p')) return 0;
  if (kind == 'n') buf_printf(text, "%u", k);
  else buf_printf(text, "{{> n%u}}", k);
  *path = name;
  return 1;
}

#define NUMBERED 300

typedef struct {
  tmpl_set *set;
  int step; /* 1: from the first number up; -1: from the last down */
  int bad;
} lookup_job;

/* Every numbered template, its deps and a missing name, twice: the first
 * round loads most of them while the other thread looks up (and the set's
 * table grows), the second finds them all loaded. */
static void *look_up_many(void *arg) {
  lookup_job *j = arg;
  char name[32], want[32];
  for (int round = 0; round < 2; round++)
    for (int i = 0; i < NUMBERED; i++) {
      int k = j->step > 0 ? i : NUMBERED - 1 - i;
      snprintf(name, sizeof name, "p%d", k);
      snprintf(want, sizeof want, "%d", k);
      const tmpl *t = tmpl_get(j->set, name);
      const char *const *deps;
      buf out = BUF_INIT;
      if (!t || tmpl_render(j->set, t, NULL, &out, NULL) != 0 || strcmp(buf_cstr(&out), want) != 0 ||
          tmpl_deps(j->set, t, &deps) != 2 || strcmp(deps[0], name) != 0 || deps[1][0] != 'n' ||
          strcmp(deps[1] + 1, want) != 0)
        j->bad++;
      buf_free(&out);
      snprintf(name, sizeof name, "m%d", k);
      if (tmpl_exists(j->set, name)) j->bad++;
    }
  return NULL;
}

static void rm_tree(const char *dir) {
  char cmd[4200];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0) printf("note: could not remove %s\n", dir);
}

static void test_file_sets(void) {
  char root[] = "/tmp/test_tmpl.XXXXXX";
  if (!mkdtemp(root)) abort();
  write_file(root, "theme/layouts/baseof.mustache",
             "<html>\n"
             "<title>{{$title}}{{site}}{{/title}}</title>\n"
             "<body>\n"
             "  {{$main}}{{/main}}\n"
             "  {{> partials/footer}}\n"
             "</body>\n"
             "</html>\n");
  write_file(root, "theme/layouts/partials/footer.mustache", "<footer>theme</footer>\n");
  write_file(root, "theme/layouts/single.mustache", "theme single\n");
  write_file(root, "site/layouts/partials/footer.mustache", "<footer>site {{site}}</footer>\n");
  write_file(root, "site/layouts/single.mustache",
             "{{! single: an article }}\n"
             "{{< baseof}}\n"
             "{{$title}}{{page.title}} - {{site}}{{/title}}\n"
             "{{$main}}\n"
             "<article>\n"
             "  <h1>{{page.title}}</h1>\n"
             "  {{{page.content}}}\n"
             "</article>\n"
             "{{/main}}\n"
             "{{/baseof}}\n");
  write_file(root, "site/layouts/missing.mustache", "<p>\n{{> partials/nope}}\n</p>\n");
  char site[4096], theme[4096];
  snprintf(site, sizeof site, "%s/site/layouts", root);
  snprintf(theme, sizeof theme, "%s/theme/layouts", root);
  const char *dirs[] = {site, theme};
  tmpl_set *s = tmpl_set_new(dirs, 2);

  arena *a = arena_new();
  tval *ctx = tv_map(a), *page = tv_map(a);
  tv_set_str(a, ctx, "site", "S");
  tv_set_str(a, page, "title", "T & U");
  tv_set(a, page, "content", tv_html(a, "<p>a</p>\n<p>b</p>", 17));
  tv_set(a, ctx, "page", page);
  const char *want = "<html>\n"
                     "<title>T &amp; U - S</title>\n"
                     "<body>\n"
                     "  <article>\n"
                     "    <h1>T &amp; U</h1>\n"
                     "    <p>a</p>\n<p>b</p>\n"
                     "  </article>\n"
                     "  <footer>site S</footer>\n"
                     "</body>\n"
                     "</html>\n";

  TEST("tmpl: file set: site layouts before theme, baseof inheritance") {
    const tmpl *t = tmpl_get(s, "single");
    CHECK(t != NULL);
    CHECK(t == tmpl_get(s, "single"));
    buf out = BUF_INIT;
    CHECK(t && tmpl_render(s, t, ctx, &out, "content/a.md") == 0);
    CHECK_STR(buf_cstr(&out), want);
    buf_free(&out);
    char *d = flush_diag();
    CHECK_STR(d, "");
    free(d);
  }
  TEST("tmpl: file set: tmpl_deps lists the template, its parent and partials once") {
    const tmpl *t = tmpl_get(s, "single");
    const char *const *paths = NULL;
    size_t n = t ? tmpl_deps(s, t, &paths) : 0;
    buf got = BUF_INIT, exp = BUF_INIT;
    for (size_t i = 0; i < n; i++) buf_printf(&got, "%s\n", paths[i]);
    buf_printf(&exp, "%s/single.mustache\n%s/baseof.mustache\n%s/partials/footer.mustache\n", site, theme, site);
    CHECK_STR(buf_cstr(&got), buf_cstr(&exp));
    CHECK(t && tmpl_deps(s, t, &paths) == 3);
    CHECK_STR(tmpl_path(t), paths[0]);
    buf_free(&got);
    buf_free(&exp);
  }
  TEST("tmpl: file set: tmpl_exists reports nothing, tmpl_get reports what is missing") {
    CHECK(tmpl_exists(s, "partials/footer"));
    CHECK(!tmpl_exists(s, "nope"));
    CHECK(!tmpl_exists(s, "../single"));
    char *d = flush_diag();
    CHECK_STR(d, "");
    free(d);
    CHECK(tmpl_get(s, "nope") == NULL);
    CHECK(tmpl_get(s, "a/../single") == NULL);
    d = flush_diag();
    buf exp = BUF_INIT;
    buf_printf(&exp,
               "govpub: error: template 'nope' not found\n"
               "  hint: looked for %s/nope.mustache, %s/nope.mustache\n"
               "govpub: error: bad template name 'a/../single': '..' is not allowed\n"
               "  hint: name templates relative to the layouts folder, like partials/footer\n",
               site, theme);
    CHECK_STR(d, buf_cstr(&exp));
    free(d);
    buf_free(&exp);
  }
  TEST("tmpl: file set: a missing partial names every place looked at and the page") {
    const tmpl *t = tmpl_get(s, "missing");
    buf out = BUF_INIT;
    CHECK(t && tmpl_render(s, t, ctx, &out, "content/policy/x.md") == -1);
    char *d = flush_diag();
    buf exp = BUF_INIT;
    buf_printf(&exp,
               "%s/missing.mustache:2:1: error: partial 'partials/nope' not found (rendering content/policy/x.md)\n"
               "  hint: looked for %s/partials/nope.mustache, %s/partials/nope.mustache\n",
               site, site, theme);
    CHECK_STR(d, buf_cstr(&exp));
    free(d);
    buf_free(&exp);
    buf_free(&out);
  }
  tmpl_set_free(s);

  TEST("tmpl: file set: two threads render one fresh set") {
    tmpl_set *fresh = tmpl_set_new(dirs, 2);
    thread_job jobs[2] = {{fresh, ctx, want, 0}, {fresh, ctx, want, 0}};
    pthread_t th[2];
    for (int i = 0; i < 2; i++) pthread_create(&th[i], NULL, render_many, &jobs[i]);
    for (int i = 0; i < 2; i++) pthread_join(th[i], NULL);
    CHECK(jobs[0].bad == 0 && jobs[1].bad == 0);
    tmpl_set_free(fresh);
  }
  TEST("tmpl: two threads look templates up while the set loads them and grows") {
    tmpl_set *set = tmpl_set_new_loader(load_numbered, NULL, TMPL_MISSING_ERROR);
    lookup_job jobs[2] = {{set, 1, 0}, {set, -1, 0}};
    pthread_t th[2];
    for (int i = 0; i < 2; i++) pthread_create(&th[i], NULL, look_up_many, &jobs[i]);
    for (int i = 0; i < 2; i++) pthread_join(th[i], NULL);
    CHECK(jobs[0].bad == 0 && jobs[1].bad == 0);
    tmpl_set_free(set);
  }
  arena_free(a);
  rm_tree(root);
}

/* ---- the official spec ----------------------------------------------------------- */

static const char *const spec_files[] = {"comments", "delimiters", "interpolation", "inverted",
                                         "partials", "sections",   "~inheritance",  "~dynamic-names"};

/* A plain YAML scalar spelled as a decimal number. */
static bool is_number(const char *s) {
  if (*s == '-' || *s == '+') s++;
  bool digits = false;
  while (*s >= '0' && *s <= '9') s++, digits = true;
  if (*s == '.')
    for (s++; *s >= '0' && *s <= '9'; s++) digits = true;
  if (digits && (*s == 'e' || *s == 'E')) {
    s++;
    if (*s == '-' || *s == '+') s++;
    if (!(*s >= '0' && *s <= '9')) return false;
    while (*s >= '0' && *s <= '9') s++;
  }
  return digits && !*s;
}

static tval *to_tval(arena *a, const yx_node *n) {
  if (n->kind == YX_SEQ) {
    tval *l = tv_list(a);
    for (size_t i = 0; i < n->n; i++) tv_push(a, l, to_tval(a, n->items[i]));
    return l;
  }
  if (n->kind == YX_MAP) {
    tval *m = tv_map(a);
    for (size_t i = 0; i < n->n; i++) tv_set(a, m, n->keys[i]->str, to_tval(a, n->vals[i]));
    return m;
  }
  if (n->plain) {
    if (yx_is_null(n)) return &tv_null_value;
    if (strcmp(n->str, "true") == 0 || strcmp(n->str, "false") == 0) return tv_bool(a, n->str[0] == 't');
    if (is_number(n->str)) return tv_num(a, strtod(n->str, NULL));
  }
  return tv_strn(a, n->str, n->len);
}

/* tmpl_loader over a spec test's `partials` map. */
static int load_spec_partial(void *ctx, const char *name, buf *text, const char **path) {
  const yx_node *p = yx_get(ctx, name);
  if (!yx_str(p)) return 0;
  buf_put(text, p->str, p->len);
  *path = name;
  return 1;
}

static void run_spec_file(const char *dir, const char *file) {
  char path[4096], label[512];
  snprintf(path, sizeof path, "%s/%s.yml", dir, file);
  buf src = BUF_INIT;
  FILE *f = fopen(path, "rb");
  if (f) {
    char chunk[8192];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) buf_put(&src, chunk, got);
    fclose(f);
  }
  arena *a = arena_new();
  const yx_node *root = f ? yamlx_parse(a, path, buf_cstr(&src), src.len, 0, true) : NULL;
  const yx_node *tests = yx_get(root, "tests");
  if (!tests || tests->kind != YX_SEQ || !tests->n) {
    char *why = flush_diag();
    printf("FAIL %s.yml: no tests read from %s\n%s", file, path, why);
    tl_failed_total++;
    free(why);
  }
  for (size_t i = 0; tests && tests->kind == YX_SEQ && i < tests->n; i++) {
    const yx_node *t = tests->items[i];
    const yx_node *tpl = yx_get(t, "template");
    snprintf(label, sizeof label, "%s.yml: %s", file, yx_str(yx_get(t, "name")));
    tmpl_set *set = tmpl_set_new_loader(load_spec_partial, (void *)yx_get(t, "partials"), TMPL_MISSING_EMPTY);
    buf out = BUF_INIT;
    int rc = tmpl_render_str(set, "template", tpl->str, tpl->len, to_tval(a, yx_get(t, "data")), &out, NULL);
    char *diags = flush_diag();
    TEST(label) {
      CHECK_STR(buf_cstr(&out), yx_str(yx_get(t, "expected")));
      CHECK_STR(diags, "");
      CHECK(rc == 0);
    }
    free(diags);
    buf_free(&out);
    tmpl_set_free(set);
  }
  arena_free(a);
  buf_free(&src);
}

static void test_spec(void) {
  const char *dir = getenv("MUSTACHE_SPEC_DIR");
  if (!dir || !*dir) dir = "../shared/mustache-spec";
  struct stat st;
  if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
    printf("FAIL mustache-spec: %s not found (set MUSTACHE_SPEC_DIR)\n", dir);
    tl_failed_total++;
    return;
  }
  for (size_t i = 0; i < sizeof spec_files / sizeof *spec_files; i++) run_spec_file(dir, spec_files[i]);
}

/* ---- the memo: partials that read only stable values ----------------------------- */

/* A map {title: t} for the `site` key, marked stable (tv_mark_plain) when asked. */
static tval *site_of(arena *a, const char *title, bool stable) {
  tval *site = tv_map(a), *menu = tv_list(a);
  tv_set_str(a, site, "title", title);
  for (int i = 0; i < 2; i++) {
    tval *m = tv_map(a);
    tv_set_str(a, m, "name", i ? "乙" : "甲");
    tv_push(a, menu, m);
  }
  tv_set(a, site, "menu", menu);
  if (stable) tv_mark_plain(site);
  return site;
}

static void test_memo(void) {
  static const char *const pairs[] = {
      "head", "{{site.title}}:{{#site.menu}}[{{name}}]{{/site.menu}}",
      "mine", "{{page.title}}",
      "flag", "{{#page.on}}on{{/page.on}}{{^page.on}}off{{/page.on}}{{#page.none}}?{{/page.none}}",
      "layout", "{{> head}}|{{> mine}}|{{> flag}}|\n  {{> head}}\n",
      NULL};
  tmpl_set *s = tmpl_set_new_loader(load_pairs, (void *)pairs, TMPL_MISSING_ERROR);
  const tmpl *t = tmpl_get(s, "layout");
  arena *a = arena_new();
  tval *sites[2] = {site_of(a, "云岭区", true), site_of(a, "示例区", true)};
  char title[2][16] = {"云岭区", "示例区"};
  tv_set(a, sites[0], "title", tv_str(a, title[0])); /* text that can be changed in place below */
  tv_mark_plain(sites[0]);
  tmpl_memo *memo = tmpl_memo_new();
  TEST("tmpl memo: the same bytes as without it, page by page, however the values change") {
    for (int i = 0; i < 60; i++) {
      tval *root = tv_map(a), *page = tv_map(a);
      tv_set(a, root, "site", i % 5 == 4 ? site_of(a, "另一区", i % 2) : sites[i % 2]);
      char pt[32];
      snprintf(pt, sizeof pt, "第%d页", i);
      tv_set(a, page, "title", tv_strdup(a, pt));
      tv_set_bool(a, page, "on", i % 3 == 0);
      tv_set(a, root, "page", page);
      buf with = BUF_INIT, without = BUF_INIT;
      CHECK(tmpl_render_memo(s, t, root, &with, "p.md", memo) == 0);
      CHECK(tmpl_render(s, t, root, &without, "p.md") == 0);
      CHECK_STR(buf_cstr(&with), buf_cstr(&without));
      buf_free(&with);
      buf_free(&without);
    }
  }
  TEST("tmpl memo: a partial that read only stable values is written again, not rendered") {
    /* Stable values must not change; this one does, behind the memo's
     * back, to show the kept bytes are what a repeat writes. */
    tval *root = tv_map(a), *page = tv_map(a);
    tv_set(a, root, "site", sites[0]);
    tv_set(a, root, "page", page);
    memcpy(title[0], "改名区", sizeof "改名区");
    buf with = BUF_INIT, without = BUF_INIT;
    CHECK(tmpl_render_memo(s, t, root, &with, "p.md", memo) == 0);
    CHECK(tmpl_render(s, t, root, &without, "p.md") == 0);
    CHECK_STR(buf_cstr(&with), "云岭区:[甲][乙]||off|\n  改名区:[甲][乙]");
    CHECK_STR(buf_cstr(&without), "改名区:[甲][乙]||off|\n  改名区:[甲][乙]");
    buf_free(&with);
    buf_free(&without);
  }
  tmpl_memo_free(memo);
  arena_free(a);
  tmpl_set_free(s);
}

int main(void) {
  test_memo();
  test_values();
  test_escape_and_keys();
  test_indentation();
  test_compile_errors();
  test_render_errors();
  test_file_sets();
  test_spec();
  TEST_EXIT();
}

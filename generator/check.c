/* check: the items of an inspection, the rules they fall under, and the
 * verdict an inspector would give (see check.h).  The rules themselves live
 * in check_model.c (the site model) and check_html.c (a built folder). */
#include "check.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"

/* The checklist's categories: 单项否决 items first, then the 扣分 items in
 * the order of the checklist (docs/check.md cites each). */
static const check_rule rules[] = {
    {"home-stale", "首页更新", "the home page has had no new item for two weeks (首页不更新)"},
    {"column-stale", "栏目更新", "a column not updated within its class's period (栏目不更新)"},
    {"column-empty", "栏目更新", "a column with no item at all (空白栏目)"},
    {"date-changed", "发布日期", "a publication date changed after publishing (伪造发稿日期)"},
    {"date-future", "发布日期", "an item dated after the day of the check (a date set ahead)"},
    {"undated", "发布日期", "an item without a publication date"},
    {"personal-data", "安全泄密", "citizens' personal data (身份证号, 手机号码, 银行卡号) published (泄密)"},
    {"reply", "互动回应差", "a letter (群众来信) left unanswered for more than 3 months"},
    {"link", "链接可用性", "a broken internal link (不可用链接)"},
    {"anchor", "链接可用性", "a link to a #anchor its page does not have"},
    {"image", "链接可用性", "an image that is not there"},
    {"dead-link", "死链", "an address published before that the site no longer serves, with no alias (死链)"},
    {"attachment", "附件下载", "an attachment that cannot be downloaded"},
    {"alt", "无障碍", "an image without alt text"},
    {"viewport", "移动端适配",
     "a page without a viewport of width=device-width (not usable on a phone), or with more than one viewport tag"},
    {"zoom", "适老化", "a viewport that keeps readers from zooming in (user-scalable=no, maximum-scale below 2)"},
    {"search", "站内搜索", "a home page without a working site-search form"},
    {"disclosure", "信息公开", "a policy document without its 信息公开 metadata"},
    {"index-no", "信息公开", "a missing, malformed or duplicate 索引号"},
    {"doc-no", "信息公开", "a malformed 文号"},
    {"interpretation", "政策解读", "a 规范性文件 not interpreted within 3 working days"},
    {"data-source", "数据发布", "a data release that names no catalog dataset it comes from (数据来源)"},
    {"result", "互动交流", "a survey or solicitation ended without its published result (反馈结果)"},
    {"issue", "互动交流", "one 期数 used twice by a type in one year"},
    {"letters", "互动交流", "a 群众来信 figure that is not a whole number, or more letters handled than received"},
    {"footer", "网站标识", "footer data missing (主办单位, 联系方式, 网站标识码, 备案号, 党政机关网站标识, 我要纠错)"},
    {"meta", "网站标识", "an inspection meta tag missing (SiteName, SiteIDCode, ColumnName, PubDate …)"},
    {"report", "年度报表", "an annual report whose computed figures no longer match the content"},
    {"site", "站点内容", "a problem that stops the site from building"},
};
#define NRULES (sizeof rules / sizeof *rules)

const check_rule *check_rules(size_t *n) {
  *n = NRULES;
  return rules;
}

static size_t rule_index(const char *id) {
  for (size_t i = 0; i < NRULES; i++)
    if (strcmp(rules[i].id, id) == 0) return i;
  abort(); /* a rule id the code does not know: a bug */
}

struct check_report {
  const check_settings *st;
  pthread_mutex_t lock;
  check_item *items;
  size_t n, cap;
  bool sorted;
  size_t stale, stale_all, empty;
  check_summary sum;
  size_t per_rule[NRULES];
  const char *vetoes[8];
  char *veto_text[8];
  char *model_only; /* check_report_model_only's command */
};

check_report *check_report_new(const check_settings *st) {
  check_report *r = calloc(1, sizeof *r);
  if (!r) abort();
  r->st = st;
  pthread_mutex_init(&r->lock, NULL);
  return r;
}

static char *dup(const char *s) {
  if (!s) return NULL;
  size_t n = strlen(s) + 1;
  char *p = malloc(n);
  if (!p) abort();
  return memcpy(p, s, n);
}

void check_report_free(check_report *r) {
  if (!r) return;
  for (size_t i = 0; i < r->n; i++) {
    free((char *)r->items[i].path);
    free((char *)r->items[i].msg);
    free((char *)r->items[i].hint);
  }
  for (size_t i = 0; i < sizeof r->veto_text / sizeof *r->veto_text; i++) free(r->veto_text[i]);
  free(r->items);
  free(r->model_only);
  pthread_mutex_destroy(&r->lock);
  free(r);
}

const check_settings *check_report_settings(const check_report *r) { return r->st; }

static void add(check_report *r, check_level lvl, size_t rule, const char *path, int line, int col,
                const char *hint, char *msg) {
  pthread_mutex_lock(&r->lock);
  if (r->n == r->cap) {
    r->cap = r->cap ? 2 * r->cap : 32;
    r->items = realloc(r->items, r->cap * sizeof *r->items);
    if (!r->items) abort();
  }
  bool site_wide = r->st && strcmp(path, r->st->config_file) == 0;
  r->items[r->n++] = (check_item){dup(path), line, col, lvl, rule, msg, dup(hint), site_wide};
  r->sorted = false;
  pthread_mutex_unlock(&r->lock);
}

void check_add(check_report *r, check_level lvl, const char *rule, const char *path, int line, int col,
               const char *hint, const char *fmt, ...) {
  buf b = BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  buf_vprintf(&b, fmt, ap);
  va_end(ap);
  add(r, lvl, rule_index(rule), path ? path : "", line, col, hint, buf_take(&b, NULL));
}

void check_report_model_only(check_report *r, const char *command) {
  free(r->model_only);
  r->model_only = dup(command);
}

void check_count_column(check_report *r, bool empty, bool stale, bool veto_class) {
  pthread_mutex_lock(&r->lock);
  r->empty += empty;
  r->stale_all += stale;
  r->stale += stale && veto_class;
  pthread_mutex_unlock(&r->lock);
}

/* ---- the loader's messages ----------------------------------------------------- */

/* The field a loader message is about: `missing required field "x"`,
 * `"x" "…" is not a valid …`, `duplicate x "…"`, `footer.x …`; site.yaml's
 * `title (SiteName) is missing` and `base_url (…) is missing`
 * (config_unfilled) as "site-meta": what the SiteName and SiteDomain meta
 * tags say, filed under 网站标识 with the footer, not as a page's title. */
static void message_field(const char *msg, char *out, size_t size) {
  const char *s = NULL;
  size_t n = 0;
  out[0] = '\0';
  if (strncmp(msg, "missing required field \"", 24) == 0) s = msg + 24, n = strcspn(s, "\"");
  else if (msg[0] == '"') s = msg + 1, n = strcspn(s, "\"");
  else if (strncmp(msg, "duplicate ", 10) == 0) s = msg + 10, n = strcspn(s, " ");
  else if (strncmp(msg, "footer", 6) == 0) s = "footer", n = 6;
  else if (strncmp(msg, "title (", 7) == 0 || strncmp(msg, "base_url (", 10) == 0) s = "site-meta", n = 9;
  else if (strstr(msg, "\"footer\"")) s = "footer", n = 6;
  if (s && n < size) {
    memcpy(out, s, n);
    out[n] = '\0';
  }
}

static const char *rule_of_field(const char *field) {
  static const struct { const char *field, *rule; } map[] = {
      {"date", "undated"},         {"index_no", "index-no"},   {"doc_no", "doc-no"},
      {"category", "disclosure"},  {"publisher", "disclosure"}, {"written", "disclosure"},
      {"validity", "disclosure"},  {"footer", "footer"},        {"datasets", "data-source"},
      {"result", "result"},        {"status", "result"},        {"issue", "issue"},
      {"received", "letters"},     {"handled", "letters"},      {"by_channel", "letters"},
      {"pending", "letters"},
      {"end", "result"},           {"site-meta", "meta"}};
  for (size_t i = 0; i < sizeof map / sizeof *map; i++)
    if (strcmp(field, map[i].field) == 0) return map[i].rule;
  return "site";
}

static void take_one(void *ud, const diag_msg *m) {
  char field[64];
  message_field(m->msg, field, sizeof field);
  add(ud, m->lvl == DIAG_ERROR ? CHECK_ERROR : CHECK_WARNING, rule_index(rule_of_field(field)),
      m->path ? m->path : "", m->line, m->col, m->hint, dup(m->msg));
}

void check_take_diagnostics(check_report *r) { diag_take(take_one, r); }

/* ---- sorting and the verdict ---------------------------------------------------- */

static int cmp_item(const void *a, const void *b) {
  const check_item *x = a, *y = b;
  if (x->site_wide != y->site_wide) return x->site_wide ? -1 : 1;
  int c = strcmp(x->path, y->path);
  if (c) return c;
  if (x->line != y->line) return x->line < y->line ? -1 : 1;
  if (x->col != y->col) return x->col < y->col ? -1 : 1;
  if (x->rule != y->rule) return x->rule < y->rule ? -1 : 1;
  return strcmp(x->msg, y->msg);
}

const check_item *check_items(check_report *r, size_t *n) {
  if (!r->sorted && r->n) qsort(r->items, r->n, sizeof *r->items, cmp_item);
  r->sorted = true;
  *n = r->n;
  return r->items;
}

static void veto(check_report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void veto(check_report *r, const char *fmt, ...) {
  size_t i = r->sum.nvetoes;
  if (i == sizeof r->veto_text / sizeof *r->veto_text) return;
  buf b = BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  buf_vprintf(&b, fmt, ap);
  va_end(ap);
  free(r->veto_text[i]);
  r->veto_text[i] = buf_take(&b, NULL);
  r->vetoes[i] = r->veto_text[i];
  r->sum.nvetoes++;
}

const check_summary *check_summarize(check_report *r) {
  check_summary *s = &r->sum;
  memset(r->per_rule, 0, sizeof r->per_rule);
  s->errors = s->warnings = s->nvetoes = 0;
  size_t unanswered = 0, reply = rule_index("reply"); /* reply errors: its warnings (due soon) veto nothing */
  for (size_t i = 0; i < r->n; i++) {
    r->per_rule[r->items[i].rule]++;
    if (r->items[i].level == CHECK_ERROR) s->errors++;
    else s->warnings++;
    unanswered += r->items[i].level == CHECK_ERROR && r->items[i].rule == reply;
  }
  s->per_rule = r->per_rule;
  s->stale_columns = r->stale;
  s->stale_all = r->stale_all;
  s->empty_columns = r->empty;
  s->vetoes = r->vetoes;
  s->pages_unchecked = r->model_only;
  if (r->per_rule[rule_index("home-stale")])
    veto(r, "首页不更新: no new item on the home page for more than %d days", r->st ? r->st->home_days : 14);
  if (r->stale >= 5)
    veto(r, "栏目不更新: %zu columns of the 动态/要闻/通知公告/政策文件 classes not updated in time (5 or more)",
         r->stale);
  if (r->stale_all >= 10) veto(r, "栏目不更新: %zu columns not updated in time (10 or more)", r->stale_all);
  if (r->empty >= 5) veto(r, "空白栏目: %zu empty columns (5 or more)", r->empty);
  size_t changed = r->per_rule[rule_index("date-changed")];
  if (changed)
    veto(r, "弄虚作假: %zu publication date%s changed after publishing (伪造发稿日期)", changed,
         changed == 1 ? "" : "s");
  size_t leaked = r->per_rule[rule_index("personal-data")];
  if (leaked)
    veto(r, "安全、泄密事故: %zu item%s of citizens' personal data published (身份证号, 手机号码, 银行卡号)", leaked,
         leaked == 1 ? "" : "s");
  if (unanswered)
    veto(r, "互动回应差: %zu letter%s (群众来信) unanswered for more than %d days", unanswered,
         unanswered == 1 ? "" : "s", r->st ? r->st->reply_days : 90);
  s->passed = s->nvetoes == 0 && s->errors == 0;
  return s;
}

bool check_passed(check_report *r) { return check_summarize(r)->passed; }

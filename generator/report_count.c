/* report_count: the figures of the annual report that the site itself
 * knows, counted from the linked model (docs/report.md lists each rule):
 * the site's basic data from site.yaml, information published in the year
 * by column class, 专题 maintained and new, interpretations by form,
 * interviews, surveys and solicitations (with their published results),
 * the letters summary of data/letters/<year>.yaml, and the data catalog.
 * govpub report writes these; govpub check recounts them to find a
 * committed report the content has moved away from, so every rule here
 * depends on the content only (never on the clock). */
#include <string.h>

#include "buf.h"
#include "context.h"
#include "interact.h"
#include "report.h"

/* A page counted as published content: built (or only held back by the
 * review gate: a page withheld while it is reviewed again was published in
 * its year, and the report, made from the preview, counts it), an article,
 * dated. */
static bool counted(const page *p) { return p->fm && (p->built || p->held) && !p->is_index && p->has_date; }

static bool in_year(const page *p, int year) { return counted(p) && gdate_year(&p->date) == year; }

static bool is_type(const page *p, const char *type) { return p->type && strcmp(p->type, type) == 0; }

/* Pages the report counts in sections of their own, never as 信息发布 or 专题:
 * the reports themselves and the catalog's datasets. */
static bool own_section(const report *r, const page *p, const catalog *cat) {
  if (is_type(p, "report") || (p->column && strcmp(p->column->path, r->column) == 0)) return true;
  const column *cc = cat ? catalog_column(cat) : NULL;
  return cc && p->column == cc;
}

static void add_count(report *r, const char *section, const char *id, const char *label, const char *unit,
                      size_t n, const char *source, const char *basis) {
  report_add(r, section, id, label, unit, true, true, arena_printf(r->a, "%zu", n), source, basis);
}

/* A percentage with one decimal (rounded half up) of part / whole. */
static const char *percent(arena *a, size_t part, size_t whole) {
  size_t permille = (part * 1000 + whole / 2) / whole;
  return arena_printf(a, "%zu.%zu", permille / 10, permille % 10);
}

/* ---- 网站基本信息 ------------------------------------------------------------ */

static void basics(report *r, const site_config *cfg) {
  static const struct { const char *id, *label, *key; } rows[] = {
      {"site.sponsor", "主办单位", "sponsor"},    {"site.code", "政府网站标识码", "site_code"},
      {"site.icp", "ICP备案号", "icp"},           {"site.psb", "公安机关备案号", "psb"}};
  const char *sec = "网站基本信息";
  report_add(r, sec, "site.name", "网站名称", "", false, true, cfg->title, REPORT_CONFIG "：网站名称",
             "site.yaml title");
  report_add(r, sec, "site.url", "首页网址", "", false, true, cfg->base_url, REPORT_CONFIG "：网站地址",
             "site.yaml base_url");
  for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
    const char *v = yx_str(yx_get(cfg->footer, rows[i].key));
    if (v)
      report_add(r, sec, rows[i].id, rows[i].label, "", false, true, v,
                 arena_printf(r->a, REPORT_CONFIG "：页脚%s", rows[i].label),
                 arena_printf(r->a, "site.yaml footer.%s", rows[i].key));
  }
}

/* ---- 信息发布 ---------------------------------------------------------------- */

/* The form's three kinds of information and the column classes
 * (docs/configuration.md) that fill each; 互动 columns count under 互动交流. */
static const struct { const char *id, *label, *classes[4]; } info_rows[] = {
    {"info.overview", "概况类信息更新量", {"其他"}},
    {"info.news", "政务动态信息更新量", {"动态", "要闻"}},
    {"info.disclosure", "信息公开目录信息更新量", {"政策文件", "通知公告", "人事", "规划"}},
};
#define NINFO (sizeof info_rows / sizeof *info_rows)

static int info_row(const column *c) {
  if (!c || !c->cfg || !c->cfg->cls) return -1;
  for (size_t k = 0; k < NINFO; k++)
    for (size_t j = 0; j < 4 && info_rows[k].classes[j]; j++)
      if (strcmp(c->cfg->cls, info_rows[k].classes[j]) == 0) return (int)k;
  return -1;
}

static void information(report *r, site *s, const catalog *cat) {
  size_t n[NINFO] = {0};
  for (size_t i = 0; i < s->npages; i++) {
    const page *p = s->pages[i];
    int k = info_row(p->column);
    if (k >= 0 && in_year(p, r->year) && !own_section(r, p, cat)) n[k]++;
  }
  size_t total = 0;
  for (size_t k = 0; k < NINFO; k++) {
    /* readers see the columns' titles (“机构概况”), auditors their paths */
    buf titles = BUF_INIT, paths = BUF_INIT, classes = BUF_INIT;
    for (size_t i = 0; i < s->ncolumns; i++) {
      const column *c = s->columns[i];
      if (info_row(c) != (int)k || strcmp(c->path, r->column) == 0) continue;
      if (cat && catalog_column(cat) == c) continue;
      buf_printf(&titles, "“%s”", column_title(c));
      buf_printf(&paths, "%s%s", paths.len ? "、" : "", c->path);
    }
    for (size_t j = 0; j < 4 && info_rows[k].classes[j]; j++)
      buf_printf(&classes, "%s%s", j ? "、" : "", info_rows[k].classes[j]);
    const char *src = paths.len ? arena_printf(r->a, REPORT_CONTENT "：%d年发布于%s栏目的页面", r->year, buf_cstr(&titles))
                                : REPORT_CONTENT "：网站没有此类栏目";
    const char *basis = paths.len ? arena_printf(r->a, "%d年发布于栏目 %s（class %s）的页面", r->year,
                                                 buf_cstr(&paths), buf_cstr(&classes))
                                  : arena_printf(r->a, "site.yaml columns 中没有 class 为 %s 的栏目", buf_cstr(&classes));
    buf_free(&titles);
    buf_free(&paths);
    buf_free(&classes);
    add_count(r, "信息发布", info_rows[k].id, info_rows[k].label, "条", n[k], src, basis);
    total += n[k];
  }
  add_count(r, "信息发布", "info.total", "信息发布总数", "条", total, REPORT_CONTENT "：以上三类之和",
            "info.overview + info.news + info.disclosure");
}

/* ---- 专栏专题 ---------------------------------------------------------------- */

static void topics(report *r, site *s, const catalog *cat) {
  const taxonomy *t = &s->tax[1];
  size_t maintained = 0, fresh = 0;
  for (size_t i = 0; i < t->nterms; i++) {
    int first = 0;
    for (size_t j = 0; j < t->terms[i]->npages; j++) {
      const page *p = t->terms[i]->pages[j];
      if (!counted(p) || own_section(r, p, cat)) continue;
      int y = gdate_year(&p->date);
      if (y <= r->year && (!first || y < first)) first = y;
    }
    if (first) maintained++;
    if (first == r->year) fresh++;
  }
  const char *ex = cat ? "（不含年度报表和数据资源目录的主题）" : "（不含年度报表的主题）";
  const char *bx = cat ? arena_printf(r->a, "（不含 type report 的页面和栏目 %s 的数据资源）", catalog_column(cat)->path)
                       : "（不含 type report 的页面）";
  add_count(r, "专栏专题", "topics.maintained", "专栏专题维护数量", "个", maintained,
            arena_printf(r->a, REPORT_CONTENT "：到%d年底已有页面的专题%s", r->year, ex),
            arena_printf(r->a, "front matter topics 中到%d年底有页面的专题%s", r->year, bx));
  add_count(r, "专栏专题", "topics.new", "新开设专栏专题数量", "个", fresh,
            arena_printf(r->a, REPORT_CONTENT "：最早的页面发布于%d年的专题%s", r->year, ex),
            arena_printf(r->a, "front matter topics 中最早的页面发布于%d年的专题%s", r->year, bx));
}

/* ---- 解读回应 ---------------------------------------------------------------- */

/* Interpretations of the year, by site.yaml's `form` field (解读形式) when
 * it declares one: every value of its enum gets a line. */
static void interpretations(report *r, site *s) {
  const field_spec *form = config_field(s->cfg, "form");
  if (form && form->format != FMT_ENUM) form = NULL;
  size_t total = 0, by_form[64] = {0};
  for (size_t i = 0; i < s->npages; i++) {
    const page *p = s->pages[i];
    if (!is_type(p, "interpretation") || !in_year(p, r->year)) continue;
    total++;
    const char *v = form ? yx_str(page_field(s, p, "form")) : NULL;
    if (form && !v) v = form->default_value;
    for (size_t k = 0; v && form && k < form->nvalues && k < 64; k++)
      if (strcmp(config_canonical_value(s->cfg, "form", v), form->values[k]) == 0) by_form[k]++;
  }
  add_count(r, "解读回应", "interp.total", "解读信息发布总数", "条", total,
            arena_printf(r->a, REPORT_CONTENT "：%d年发布的解读页面", r->year),
            arena_printf(r->a, "类型 interpretation 中%d年发布的页面", r->year));
  for (size_t k = 0; form && k < form->nvalues && k < 64; k++) {
    bool dflt = form->default_value && strcmp(form->default_value, form->values[k]) == 0;
    add_count(r, "解读回应", arena_printf(r->a, "interp.form.%s", form->values[k]),
              arena_printf(r->a, "其中：%s", form->values[k]), "条", by_form[k],
              arena_printf(r->a, REPORT_CONTENT "：上述页面中解读形式为“%s”的%s", form->values[k],
                           dflt ? "（未注明解读形式的计入此项）" : ""),
              arena_printf(r->a, "上述页面中 form 为 %s 的%s", form->values[k],
                           dflt ? "（未写 form 的按 site.yaml fields.form 的 default 计入）" : ""));
  }
}

/* ---- 互动交流 ---------------------------------------------------------------- */

/* Issues of `type` in the year and, with `results`, how many of them have
 * ended with their 反馈结果 published (status 已结束, result naming a built page). */
static void issues(report *r, site *s, const char *type, const char *what, bool results) {
  if (!config_type(s->cfg, type)) return;
  size_t n = 0, done = 0;
  for (size_t i = 0; i < s->npages; i++) {
    page *p = s->pages[i];
    if (!is_type(p, type) || !in_year(p, r->year)) continue;
    n++;
    const char *status = yx_str(page_field(s, p, "status")), *res = yx_str(page_field(s, p, "result"));
    if (results && status && strcmp(config_canonical_value(s->cfg, "status", status), "已结束") == 0 && res) {
      const page *t = site_resolve(s, p, res, r->a);
      if (t && (t->built || t->held)) done++;
    }
  }
  add_count(r, "互动交流", arena_printf(r->a, "interact.%s", type), arena_printf(r->a, "%s期数", what), "期", n,
            arena_printf(r->a, REPORT_CONTENT "：%d年发布的%s", r->year, what),
            arena_printf(r->a, "类型 %s 中%d年发布的页面", type, r->year));
  if (results)
    add_count(r, "互动交流", arena_printf(r->a, "interact.%s_results", type),
              arena_printf(r->a, "%s公布结果期数", what), "期", done,
              arena_printf(r->a, REPORT_CONTENT "：上述%s中已结束且已发布反馈结果的", what),
              "上述页面中 status 为 已结束 且 result 指向已发布反馈结果的");
}

/* data/letters/<year>.yaml as interact_letters.c read it (interact_load has
 * run): received, handled, the rate and by_channel (pending is govpub
 * check's, not a figure of the report).  A file with problems was reported
 * by the loader, at its line, and gives no figures here. */
static void letters(report *r, site *s) {
  size_t n;
  const letters_year *all = interact_letters(s->interact, &n), *ly = NULL;
  for (size_t i = 0; i < n && !ly; i++)
    if (all[i].year == r->year) ly = &all[i];
  if (!ly) return;
  const char *rel = arena_printf(r->a, "data/letters/%d.yaml", r->year);
  const char *sec = "互动交流";
  const char *shown = arena_printf(r->a, REPORT_LETTERS "：%d年", r->year);
  report_add(r, sec, "letters.received", "群众来信受理数量", "件", true, true, arena_printf(r->a, "%ld", ly->received),
             arena_printf(r->a, "%s受理件数", shown), arena_printf(r->a, "%s received", rel));
  report_add(r, sec, "letters.handled", "群众来信办结数量", "件", true, true, arena_printf(r->a, "%ld", ly->handled),
             arena_printf(r->a, "%s办结件数", shown), arena_printf(r->a, "%s handled", rel));
  if (ly->received)
    report_add(r, sec, "letters.rate", "群众来信办结率", "%", true, true,
               percent(r->a, (size_t)ly->handled, (size_t)ly->received),
               arena_printf(r->a, "%s办结件数 ÷ 受理件数", shown),
               arena_printf(r->a, "%s handled ÷ received", rel));
  for (size_t i = 0; i < ly->nchannels; i++)
    report_add(r, sec, arena_printf(r->a, "letters.channel.%s", ly->channels[i]),
               arena_printf(r->a, "其中：%s", ly->channels[i]), "件", true, true,
               arena_printf(r->a, "%ld", ly->channel_counts[i]),
               arena_printf(r->a, "%s经“%s”受理的件数", shown, ly->channels[i]),
               arena_printf(r->a, "%s by_channel.%s", rel, ly->channels[i]));
}

/* ---- 数据资源目录 ------------------------------------------------------------ */

static void data_catalog(report *r, const catalog *cat) {
  size_t ngroups, deps = 0, entries = 0, mounted = 0;
  const catalog_group *g = catalog_groups(cat, 0, &ngroups);
  for (size_t i = 0; i < ngroups; i++) {
    size_t before = entries;
    for (size_t j = 0; j < g[i].n; j++) {
      const page *p = g[i].datasets[j];
      if (p->has_date && gdate_year(&p->date) > r->year) continue; /* entered after the year */
      entries++;
      const yx_node *d = yx_get(p->fm, "distributions");
      if (d && d->kind == YX_SEQ && d->n) mounted++;
    }
    if (entries > before) deps++;
  }
  const column *col = catalog_column(cat);
  const char *sec = "数据资源目录";
  add_count(r, sec, "catalog.entries", "数据资源目录条目数", "条", entries,
            arena_printf(r->a, REPORT_CONTENT "：到%d年底发布于“%s”栏目的数据资源", r->year, column_title(col)),
            arena_printf(r->a, "栏目 %s 中到%d年底发布的数据资源", col->path, r->year));
  add_count(r, sec, "catalog.departments", "提供部门数", "个", deps, REPORT_CONTENT "：上述数据资源的提供部门",
            "上述数据资源的 department（提供部门）");
  add_count(r, sec, "catalog.mounted", "已挂载资源的目录条目数", "条", mounted,
            REPORT_CONTENT "：上述数据资源中已挂载资源的", "上述数据资源中 distributions 不为空的");
  if (entries)
    report_add(r, sec, "catalog.mount_rate", "资源挂载率", "%", true, true, percent(r->a, mounted, entries),
               REPORT_CONTENT "：已挂载资源的目录条目数 ÷ 目录条目数", "catalog.mounted ÷ catalog.entries");
}

void report_count(report *r, site *s, const catalog *cat) {
  basics(r, s->cfg);
  information(r, s, cat);
  topics(r, s, cat);
  interpretations(r, s);
  issues(r, s, "interview", "在线访谈", false);
  issues(r, s, "survey", "网上调查", true);
  issues(r, s, "solicitation", "民意征集", true);
  letters(r, s);
  if (cat) data_catalog(r, cat);
}

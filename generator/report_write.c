/* report_write: the annual report as a content page and as JSON.  The page
 * is Markdown with front matter: the front matter holds every figure
 * (label, value, unit, source, basis) for govpub check and anyone who reads
 * the file; the body shows them as the form's tables, one per section, for
 * the reader and the reviewers who sign it — with the readers' source
 * only, the basis (files, keys, paths) being for auditors.  The JSON twin
 * carries the same figures, basis included, for machines and auditors; the
 * page offers it as its attachment.  Both are made from the report alone,
 * so the same figures give the same bytes. */
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "jsonw.h"
#include "report.h"

static const char *const numerals[] = {"一", "二", "三", "四", "五", "六",
                                       "七", "八", "九", "十", "十一", "十二"};

static const char *title(const report *r, const site_config *cfg) {
  return arena_printf(r->a, "%s网站工作年度报表（%d年度）", cfg->title, r->year);
}

/* A table cell: a pipe would end it. */
static void cell(buf *b, const char *s) {
  for (; *s; s++) {
    if (*s == '|') buf_putc(b, '\\');
    buf_putc(b, *s);
  }
}

static void summary(buf *b, const report *r) {
  static const struct { const char *id, *fmt; } parts[] = {
      {"info.total", "信息发布%s条"}, {"visits.total", "网站总访问量%s次"},
      {"interact.interview", "在线访谈%s期"}, {"catalog.entries", "数据资源目录%s条"}};
  buf_printf(b, "%d年度政府网站工作年度报表", r->year);
  const char *sep = "：";
  for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
    const report_figure *f = report_find(r, parts[i].id);
    if (!f) continue;
    buf_puts(b, sep);
    buf_printf(b, parts[i].fmt, f->value);
    sep = "，";
  }
  buf_puts(b, "。");
}

char *report_markdown(const report *r, const site_config *cfg, const char *json_url, size_t *len) {
  const report_figure **v = report_in_order(r);
  buf b = BUF_INIT, s = BUF_INIT;
  buf_puts(&b, "---\n# Written by `govpub report`: regenerate it rather than edit it (docs/report.md).\ntitle: ");
  esc_yaml_quoted(&b, title(r, cfg));
  buf_printf(&b, "\ndate: %s\ntype: report\nyear: %d\nsource: ", r->date, r->year);
  esc_yaml_quoted(&b, r->unit);
  summary(&s, r);
  buf_puts(&b, "\nsummary: ");
  esc_yaml_quoted(&b, buf_cstr(&s));
  buf_free(&s);
  buf_puts(&b, "\nattachments: [");
  esc_yaml_quoted(&b, json_url);
  buf_puts(&b, "]\nfigures:\n");
  for (size_t i = 0; v[i]; i++) {
    buf_puts(&b, "  ");
    esc_yaml_quoted(&b, v[i]->id);
    buf_puts(&b, ": {label: ");
    esc_yaml_quoted(&b, v[i]->label);
    buf_puts(&b, ", value: ");
    if (v[i]->number) buf_puts(&b, v[i]->value);
    else esc_yaml_quoted(&b, v[i]->value);
    buf_puts(&b, ", unit: ");
    esc_yaml_quoted(&b, v[i]->unit);
    buf_puts(&b, ", source: ");
    esc_yaml_quoted(&b, v[i]->source);
    buf_puts(&b, ", basis: ");
    esc_yaml_quoted(&b, v[i]->basis);
    buf_puts(&b, "}\n");
  }
  buf_puts(&b, "---\n\n");
  buf_printf(&b, "填报单位：%s；填报日期：%s。\n\n", r->unit, r->date);
  buf_puts(&b, "本报表按政府网站工作年度报表的格式列出网站全年的工作数据。“来源”一栏写明每项数据从哪里来："
               "“" REPORT_CONFIG "”“" REPORT_CONTENT "”“" REPORT_LETTERS "”的数据由网站的配置、已发布的页面和群众来信统计得出，"
               "网站自查时逐项核对它们与网站内容是否一致；“" REPORT_FILED "”的数据由填报单位填写。"
               "机器可读的同一份数据见附件，附件还逐项写明每项数据依据的文件和字段，供核查。\n");
  size_t nsec, k = 0;
  const char *const *sec = report_sections(&nsec);
  for (size_t i = 0; i < nsec; i++) {
    bool any = false;
    for (size_t j = 0; v[j]; j++) {
      if (strcmp(v[j]->section, sec[i]) != 0) continue;
      if (!any) {
        buf_printf(&b, "\n## %s、%s\n\n| 指标 | 数值 | 单位 | 来源 |\n| --- | ---: | --- | --- |\n", numerals[k++], sec[i]);
        any = true;
      }
      buf_puts(&b, "| ");
      cell(&b, v[j]->label);
      buf_puts(&b, " | ");
      cell(&b, v[j]->value);
      buf_puts(&b, " | ");
      cell(&b, v[j]->unit);
      buf_puts(&b, " | ");
      cell(&b, v[j]->source);
      buf_puts(&b, " |\n");
    }
  }
  return buf_take(&b, len);
}

char *report_json(const report *r, const site_config *cfg, size_t *len) {
  const report_figure **v = report_in_order(r);
  buf b = BUF_INIT;
  jsonw_str(&b, "{\n  ", "title", title(r, cfg));
  buf_printf(&b, ",\n  \"year\": %d", r->year);
  jsonw_str(&b, ",\n  ", "date", r->date);
  jsonw_str(&b, ",\n  ", "unit", r->unit);
  jsonw_str(&b, ",\n  ", "site", cfg->base_url);
  buf_puts(&b, ",\n  \"figures\": [");
  for (size_t i = 0; v[i]; i++) {
    jsonw_str(&b, i ? ",\n    {" : "\n    {", "section", v[i]->section);
    jsonw_str(&b, ", ", "id", v[i]->id);
    jsonw_str(&b, ", ", "label", v[i]->label);
    if (v[i]->number) buf_printf(&b, ", \"value\": %s", v[i]->value);
    else jsonw_str(&b, ", ", "value", v[i]->value);
    jsonw_str(&b, ", ", "unit", v[i]->unit);
    jsonw_str(&b, ", ", "origin", v[i]->computed ? "computed" : "filed");
    jsonw_str(&b, ", ", "source", v[i]->source);
    jsonw_str(&b, ", ", "basis", v[i]->basis);
    buf_putc(&b, '}');
  }
  buf_puts(&b, "\n  ]\n}\n");
  return buf_take(&b, len);
}

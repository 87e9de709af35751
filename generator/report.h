/* report: the annual website report (政府网站工作年度报表, docs/report.md).
 * The report is content: `govpub report --year Y` writes it as a page of
 * type `report` (every figure in its front matter with its source) and a
 * JSON twin; editors commit it, reviewers sign it, publishing includes it.
 *
 * A figure is one line of the form: its section, an id (`info.total`), a
 * label, a unit, the value as written, and where it came from — computed
 * from the site (report_count.c: content, site.yaml, data/letters/) or
 * filed by people (report_figures.c: reports/<year>.yaml).  report_page.c
 * reads committed reports back (the home page's link, govpub check's
 * stale-figure finding); report_write.c writes the page and the JSON.
 *
 * Ownership: a report and all its strings live in the arena it was made
 * with (report_init). */
#ifndef GOVPUB_REPORT_H
#define GOVPUB_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog.h"
#include "check.h"
#include "site.h"

/* A figure has two sources.  `source` is what the page's reader (the
 * public, a provincial inspector) sees in the 来源 column: plain Chinese,
 * starting with one of the prefixes below, naming columns by their titles.
 * `basis` is the exact provenance for auditors — the file and key, the
 * column paths, types and fields counted — and is written to the front
 * matter and the JSON twin, never to the page's table. */
#define REPORT_CONFIG "网站配置"      /* site.yaml */
#define REPORT_CONTENT "网站内容统计" /* the published pages, the data catalog */
#define REPORT_LETTERS "群众来信统计" /* data/letters/<year>.yaml */
#define REPORT_FILED "人工填报"       /* the figures file: the whole source */

typedef struct {
  const char *section; /* one of report_sections() */
  const char *id;      /* info.total, visits.total … (stable: check compares by it) */
  const char *label, *unit; /* unit "" when none */
  const char *value;   /* as written: "23", "88.2", "云岭区人民政府" */
  bool number;         /* a JSON number (else a string) */
  bool computed;       /* from the site (checked for staleness), else filed */
  const char *source;  /* for readers: "网站配置：页脚ICP备案号", "人工填报" */
  const char *basis;   /* for auditors: "site.yaml footer.icp", "reports/2024.yaml visits.total" */
} report_figure;

typedef struct {
  arena *a;
  int year;
  report_figure *v;
  size_t n, cap;
  /* site.yaml report: */
  const char *column;  /* the report column (report.column) */
  const char *figures; /* the figures file of the year (report.figures, {year} replaced) */
  /* from the figures file */
  const char *date;    /* 填报日期, YYYY-MM-DD: the page's date */
  const char *unit;    /* 填报单位: the page's source */
} report;

/* The form's sections in order (网站基本信息 … 创新发展). */
const char *const *report_sections(size_t *n);

/* Reads site.yaml `report:` ({column, figures}) for `year` into r (zeroed
 * first); problems reported at site.yaml; false when there were any. */
bool report_init(report *r, arena *a, const site_config *cfg, int year);

/* Adds a figure; strings are copied. */
void report_add(report *r, const char *section, const char *id, const char *label, const char *unit,
                bool number, bool computed, const char *value, const char *source, const char *basis);
/* The figure `id`, or NULL. */
const report_figure *report_find(const report *r, const char *id);

/* The figures by section in the form's order (insertion order within a
 * section), NULL-terminated, in r's arena. */
const report_figure **report_in_order(const report *r);

/* A plain whole number (no sign, no leading zero), or with `decimal` also
 * one with a fraction (88.2): the only values a figure may have. */
bool report_is_number(const yx_node *n, bool decimal);

/* report_count.c: the figures computed from the linked site for r->year
 * (网站基本信息, 信息发布 by column class, 专栏专题, 解读回应, 互动交流,
 * 群众来信 from data/letters/<year>.yaml, 数据资源目录 when `cat` is not
 * NULL).  The letters are those interact_load read into s->interact (call
 * it first): a letters file with problems was reported there and gives no
 * figures. */
void report_count(report *r, site *s, const catalog *cat);

/* report_figures.c: reads the figures file (r->figures, or `path` when not
 * NULL) against the list of figures people file; every problem reported at
 * path:line:col.  False when the file is missing or has problems. */
bool report_figures_read(report *r, const char *site_root, const char *path);

/* report_write.c: the page (Markdown with front matter) and the JSON.
 * `json_url` is where the JSON is served (the page's attachment). */
char *report_markdown(const report *r, const site_config *cfg, const char *json_url, size_t *len);
char *report_json(const report *r, const site_config *cfg, size_t *len);

/* report_page.c: the committed reports in the model. */
/* The built report page of the latest year (NULL when none): the home page links it. */
const page *report_latest(const site *s);
/* govpub check: every committed report whose computed figures no longer
 * match the content (rule `report`), naming the figure, written vs now. */
void report_check(check_report *cr, site *s, const catalog *cat);

#endif

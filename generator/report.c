/* report: the figures of an annual report and site.yaml's `report:` (see
 * report.h).  Counting, reading the filed figures, writing and reading
 * back live in report_count.c, report_figures.c, report_write.c and
 * report_page.c. */
#include "report.h"

#include <string.h>

#include "diag.h"
#include "fsx.h"

static const char *const sections[] = {"网站基本信息", "网站总访问量", "信息发布", "专栏专题",
                                       "解读回应",     "办事服务",     "互动交流", "数据资源目录",
                                       "安全防护",     "移动新媒体",   "创新发展"};

const char *const *report_sections(size_t *n) {
  *n = sizeof sections / sizeof *sections;
  return sections;
}

/* `pattern` with every {year} replaced by the year. */
static const char *with_year(arena *a, const char *pattern, int year) {
  const char *at = strstr(pattern, "{year}");
  if (!at) return pattern;
  return arena_printf(a, "%.*s%d%s", (int)(at - pattern), pattern, year, with_year(a, at + 6, year));
}

bool report_init(report *r, arena *a, const site_config *cfg, int year) {
  memset(r, 0, sizeof *r);
  r->a = a;
  r->year = year;
  yx_node *rc = yx_get(cfg->yaml, "report");
  yx_node *key = yx_key(cfg->yaml, "report");
  if (!rc || rc->kind != YX_MAP) {
    diag_error(cfg->file, key ? key->line : 1, key ? key->col : 1,
               "add report: {column: report, figures: reports/{year}.yaml} (docs/report.md)",
               rc ? "report: must be a mapping" : "site.yaml has no report: section");
    return false;
  }
  bool ok = true;
  for (size_t i = 0; i < rc->n; i++) {
    const char *k = rc->keys[i]->str;
    if (strcmp(k, "column") != 0 && strcmp(k, "figures") != 0) {
      diag_error(cfg->file, rc->keys[i]->line, rc->keys[i]->col, "report: has column and figures",
                 "unknown key \"report.%s\"", k);
      ok = false;
    }
  }
  yx_node *col = yx_get(rc, "column"), *fig = yx_get(rc, "figures");
  r->column = yx_str(col);
  if (!r->column || !*r->column) {
    diag_error(cfg->file, key->line, key->col, "name the column the report goes into, e.g. column: report",
               "report.column is missing");
    ok = false;
  } else if (!config_column(cfg, r->column)) {
    diag_error(cfg->file, col->line, col->col, "declare it under columns:, e.g. report: {class: 其他, type: report}",
               "report.column \"%s\" is not a column", r->column);
    ok = false;
  }
  const char *pattern = fig ? yx_str(fig) : "reports/{year}.yaml";
  if (!pattern || !path_is_safe_rel(pattern)) {
    diag_error(cfg->file, fig->line, fig->col, "name a file inside the site, e.g. reports/{year}.yaml",
               "report.figures must be a relative path");
    ok = false;
  } else {
    r->figures = with_year(a, pattern, year);
  }
  return ok;
}

void report_add(report *r, const char *section, const char *id, const char *label, const char *unit,
                bool number, bool computed, const char *value, const char *source, const char *basis) {
  if (r->n == r->cap) {
    size_t cap = r->cap ? r->cap * 2 : 64;
    r->v = arena_grow(r->a, r->v, r->cap, cap, sizeof *r->v);
    r->cap = cap;
  }
  r->v[r->n++] = (report_figure){arena_strdup(r->a, section), arena_strdup(r->a, id),
                                 arena_strdup(r->a, label),   arena_strdup(r->a, unit ? unit : ""),
                                 arena_strdup(r->a, value),   number,
                                 computed,                    arena_strdup(r->a, source),
                                 arena_strdup(r->a, basis)};
}

const report_figure *report_find(const report *r, const char *id) {
  for (size_t i = 0; i < r->n; i++)
    if (strcmp(r->v[i].id, id) == 0) return &r->v[i];
  return NULL;
}

bool report_is_number(const yx_node *n, bool decimal) {
  const char *s = yx_str(n);
  if (!s || !*s || n->kind != YX_SCALAR) return false;
  size_t digits = strspn(s, "0123456789");
  if (digits == 0 || (digits > 1 && s[0] == '0')) return false;
  if (s[digits] == '\0') return true;
  if (!decimal || s[digits] != '.') return false;
  size_t frac = strspn(s + digits + 1, "0123456789");
  return frac > 0 && s[digits + 1 + frac] == '\0';
}

const report_figure **report_in_order(const report *r) {
  const report_figure **v = arena_calloc(r->a, r->n + 1, sizeof *v);
  size_t k = 0;
  for (size_t i = 0; i < sizeof sections / sizeof *sections; i++)
    for (size_t j = 0; j < r->n; j++)
      if (strcmp(r->v[j].section, sections[i]) == 0) v[k++] = &r->v[j];
  return v;
}

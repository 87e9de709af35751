/* report_figures: the figures of the annual report only people know
 * (visits, service items, security checks, new media …), read from the
 * figures file (site.yaml report.figures, default reports/<year>.yaml)
 * against one fixed list: each figure's section, label, unit, kind and
 * whether the form cannot do without it.  A value that is not a number, a
 * key the list does not have, a required figure missing: each reported at
 * path:line:col, all in one run (docs/report.md shows the file). */
#include <string.h>

#include "diag.h"
#include "fsx.h"
#include "report.h"

typedef enum { F_INT, F_NUM, F_TEXT, F_DATE } kind;

typedef struct {
  const char *key; /* "visits.total": group.name (the file's two levels) */
  const char *section, *label, *unit;
  kind k;
  bool required;
} filed;

static const filed list[] = {
    {"date", NULL, "填报日期", "", F_DATE, true},
    {"unit", NULL, "填报单位", "", F_TEXT, true},
    {"visits.unique", "网站总访问量", "独立用户访问总量", "个", F_INT, true},
    {"visits.total", "网站总访问量", "网站总访问量", "次", F_INT, true},
    {"interpretation.responses", "解读回应", "回应公众关注热点或重大舆情数量", "次", F_INT, false},
    {"service.items", "办事服务", "政务服务事项数量", "项", F_INT, true},
    {"service.standard_items", "办事服务", "标准化编制发布的事项（全省一单）", "个", F_INT, false},
    {"service.online_items", "办事服务", "可全程在线办理政务服务事项数量", "项", F_INT, false},
    {"service.one_thing", "办事服务", "上线“高效办成一件事”事项", "个", F_INT, false},
    {"service.time_cut", "办事服务", "办理时限平均压缩", "%", F_NUM, false},
    {"service.material_cut", "办事服务", "申请材料平均压缩", "%", F_NUM, false},
    {"interaction.messages", "互动交流", "在线访谈网民留言数量", "条", F_INT, false},
    {"security.checks", "安全防护", "安全检测评估次数", "次", F_INT, true},
    {"security.problems", "安全防护", "发现问题数量", "个", F_INT, true},
    {"security.fixed", "安全防护", "问题整改数量", "个", F_INT, true},
    {"security.drills", "安全防护", "应急演练次数", "次", F_INT, false},
    {"new_media.wechat", "移动新媒体", "微信公众号名称", "", F_TEXT, false},
    {"new_media.wechat_posts", "移动新媒体", "微信信息发布量", "条", F_INT, false},
    {"new_media.wechat_new_followers", "移动新媒体", "微信新增关注人数", "人", F_INT, false},
    {"new_media.wechat_service_uses", "移动新媒体", "掌上服务专栏使用次数", "次", F_INT, false},
    {"new_media.weibo", "移动新媒体", "微博名称", "", F_TEXT, false},
    {"new_media.weibo_posts", "移动新媒体", "微博信息发布量", "条", F_INT, false},
    {"innovation.data_interpretations", "创新发展", "发布数据解读", "条", F_INT, false},
    {"innovation.statistical_bulletins", "创新发展", "发布统计公报", "条", F_INT, false},
    {"innovation.sharing_cases", "创新发展", "向上级部门报送数据共享应用案例", "个", F_INT, false},
    {"innovation.inspection_rank", "创新发展", "省网站检测全市排名（最好名次）", "名", F_INT, false},
};
#define NLIST (sizeof list / sizeof *list)

static const char *const hints[] = {
    [F_INT] = "write the number alone, e.g. 1523000 (no 万, no commas, no unit)",
    [F_NUM] = "write the number alone, e.g. 88.2 (no %, no unit)",
    [F_TEXT] = "write the text on one line",
    [F_DATE] = "write the date as YYYY-MM-DD, e.g. 2025-01-15",
};

static const char *what(kind k) {
  return k == F_INT ? "a whole number" : k == F_NUM ? "a number" : k == F_DATE ? "a date (YYYY-MM-DD)" : "text";
}

static bool valid(const yx_node *v, kind k) {
  if (v->kind != YX_SCALAR) return false;
  if (k == F_INT || k == F_NUM) return report_is_number(v, k == F_NUM);
  if (k == F_DATE) {
    gdate d;
    return strlen(v->str) == 10 && gdate_parse(v->str, false, &d);
  }
  return *v->str && !strchr(v->str, '\n');
}

/* One value: checked, then kept (date, unit) or added as a figure. */
static bool take(report *r, const char *path, const char *shown, const filed *f, const yx_node *v) {
  if (!valid(v, f->k)) {
    diag_error(path, v->line, v->col, hints[f->k], "figure \"%s\" (%s) must be %s, not \"%s\"", f->key, f->label,
               what(f->k), v->kind == YX_SCALAR ? v->str : yx_kind_name(v->kind));
    return false;
  }
  if (strcmp(f->key, "date") == 0) r->date = arena_strdup(r->a, v->str);
  else if (strcmp(f->key, "unit") == 0) r->unit = arena_strdup(r->a, v->str);
  else
    report_add(r, f->section, f->key, f->label, f->unit, f->k == F_INT || f->k == F_NUM, false, v->str,
               REPORT_FILED, arena_printf(r->a, "%s %s", shown, f->key));
  return true;
}

static const filed *lookup(const char *key) {
  for (size_t i = 0; i < NLIST; i++)
    if (strcmp(list[i].key, key) == 0) return &list[i];
  return NULL;
}

static bool is_group(const char *name) {
  size_t n = strlen(name);
  for (size_t i = 0; i < NLIST; i++)
    if (strncmp(list[i].key, name, n) == 0 && list[i].key[n] == '.') return true;
  return false;
}

bool report_figures_read(report *r, const char *site_root, const char *path) {
  const char *shown = path ? path : r->figures;
  const char *file = path || strcmp(site_root, ".") == 0 ? shown : path_join(r->a, site_root, shown);
  size_t len;
  char *text = fsx_read_arena(r->a, file, &len);
  if (!text) {
    diag_error(file, 0, 0, "write the figures people file (docs/report.md), or pass --figures FILE",
               "cannot read the report's figures file");
    return false;
  }
  yx_node *y = yamlx_parse(r->a, file, text, len, 0, true);
  if (!y) return false;
  bool ok = true;
  const char *unknown = "the figures a report takes are listed in docs/report.md";
  for (size_t i = 0; i < y->n; i++) {
    const char *k = y->keys[i]->str;
    const yx_node *v = y->vals[i];
    const filed *f = lookup(k);
    if (f) {
      ok &= take(r, file, shown, f, v);
    } else if (!is_group(k)) {
      diag_error(file, y->keys[i]->line, y->keys[i]->col, unknown, "unknown figure \"%s\"", k);
      ok = false;
    } else if (v->kind != YX_MAP) {
      diag_error(file, v->line, v->col, arena_printf(r->a, "write %s: as a mapping of its figures", k),
                 "\"%s\" must be a mapping", k);
      ok = false;
    } else {
      for (size_t j = 0; j < v->n; j++) {
        const char *key = arena_printf(r->a, "%s.%s", k, v->keys[j]->str);
        const filed *g = lookup(key);
        if (g) ok &= take(r, file, shown, g, v->vals[j]);
        else {
          diag_error(file, v->keys[j]->line, v->keys[j]->col, unknown, "unknown figure \"%s\"", key);
          ok = false;
        }
      }
    }
  }
  for (size_t i = 0; i < NLIST; i++) {
    if (!list[i].required) continue;
    const char *dot = strchr(list[i].key, '.');
    const yx_node *group = dot ? yx_get(y, arena_strndup(r->a, list[i].key, (size_t)(dot - list[i].key))) : y;
    if (group && group->kind == YX_MAP && yx_get(group, dot ? dot + 1 : list[i].key)) continue;
    if (dot && group && group->kind != YX_MAP) continue; /* reported above */
    const yx_node *at = dot && group ? yx_key(y, arena_strndup(r->a, list[i].key, (size_t)(dot - list[i].key))) : NULL;
    diag_error(file, at ? at->line : 1, at ? at->col : 1,
               arena_printf(r->a, "add %s (%s%s%s); the form cannot be filed without it", list[i].key,
                            list[i].label, *list[i].unit ? ", " : "", list[i].unit),
               "required figure \"%s\" is missing", list[i].key);
    ok = false;
  }
  return ok;
}

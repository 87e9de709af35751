/* report_page: the annual reports committed as content, read back from the
 * model — the latest one for the home page's link, and every one for
 * govpub check, which counts the figures again and names each computed
 * figure the content no longer gives (the figures people filed are theirs
 * to answer for; check cannot know them). */
#include <stdlib.h>
#include <string.h>

#include "report.h"

static bool is_report(const page *p) {
  return p->fm && p->built && !p->is_index && p->type && strcmp(p->type, "report") == 0;
}

/* The report's year (its front matter `year:`), 0 when it has none. */
static int year_of(const page *p) {
  const yx_node *y = yx_get(p->fm, "year");
  return y && report_is_number(y, false) && strlen(y->str) == 4 ? atoi(y->str) : 0;
}

const page *report_latest(const site *s) {
  const page *best = NULL;
  for (size_t i = 0; i < s->npages; i++) {
    const page *p = s->pages[i];
    if (!is_report(p) || !year_of(p)) continue;
    if (!best || year_of(p) > year_of(best) ||
        (year_of(p) == year_of(best) && p->has_date && (!best->has_date || p->date.epoch > best->date.epoch)))
      best = p;
  }
  return best;
}

static void check_one(check_report *cr, site *s, const catalog *cat, const page *p, arena *a) {
  int year = year_of(p);
  const yx_node *figs = yx_get(p->fm, "figures"), *figs_key = yx_key(p->fm, "figures");
  if (!year || !figs || figs->kind != YX_MAP) {
    check_add(cr, CHECK_ERROR, "report", p->src, 1, 1, "regenerate it with govpub report --year YYYY",
              "annual report without %s", year ? "its figures: map" : "a year: (YYYY)");
    return;
  }
  report r = {.a = a, .year = year, .column = p->column ? p->column->path : ""};
  report_count(&r, s, cat);
  const char *hint = arena_printf(a, "regenerate it (govpub report --year %d) and have it reviewed again", year);
  for (size_t i = 0; i < r.n; i++) {
    const report_figure *f = &r.v[i];
    /* 网站基本信息 (site.*, from site.yaml) is what the site was when the
     * report was filed: a later new name or 备案号 does not make last year's
     * report wrong */
    if (strncmp(f->id, "site.", 5) == 0) continue;
    const yx_node *e = yx_get(figs, f->id), *v = e ? yx_get(e, "value") : NULL;
    if (!v) {
      check_add(cr, CHECK_ERROR, "report", p->src, (e ? e : figs_key)->line, (e ? e : figs_key)->col, hint,
                "annual report figure \"%s\" (%s) is missing; the content gives %s", f->id, f->label, f->value);
    } else if (!yx_str(v) || strcmp(yx_str(v), f->value) != 0) {
      check_add(cr, CHECK_ERROR, "report", p->src, v->line, v->col, hint,
                "annual report figure \"%s\" (%s) is %s but the content gives %s", f->id, f->label,
                yx_str(v) ? yx_str(v) : "not a value", f->value);
    }
  }
  /* a figure is computed unless people filed it (source 人工填报, and before
   * reports had a basis "人工填报：<file> <key>") */
  for (size_t i = 0; i < figs->n; i++) {
    const char *src = yx_str(yx_get(figs->vals[i], "source"));
    if (src && strncmp(src, REPORT_FILED, strlen(REPORT_FILED)) != 0 && !report_find(&r, figs->keys[i]->str))
      check_add(cr, CHECK_ERROR, "report", p->src, figs->keys[i]->line, figs->keys[i]->col, hint,
                "annual report figure \"%s\" is no longer computed from the content", figs->keys[i]->str);
  }
}

void report_check(check_report *cr, site *s, const catalog *cat) {
  for (size_t i = 0; i < s->npages; i++) {
    if (!is_report(s->pages[i])) continue;
    arena *a = arena_new();
    check_one(cr, s, cat, s->pages[i], a);
    arena_free(a);
  }
}

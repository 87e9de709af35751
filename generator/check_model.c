/* check_model: the inspection rules read from the site model (check.h):
 * 栏目更新 (stale and empty columns by class), 首页更新, undated items, dates
 * changed since they were published, the 信息公开 metadata of policy
 * documents where site.yaml does not enforce it already, and the
 * interpretation of every 规范性文件 within 3 working days; with the
 * served release's record and the other published releases' kept, the
 * addresses it no longer serves (check_gone.c); the letters left
 * unanswered (check_letters.c).
 *
 * What site.yaml's types and fields already enforce is reported by the
 * loader (site.c), and govpub check files those messages under the same
 * rules (check_take_diagnostics); the rules here add only what the loader
 * does not check, so nothing is reported twice. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "fields.h"
#include "index_no.h"
#include "pubdates.h"

/* The 信息公开 fields every policy document carries (DESIGN §2). */
static const struct { const char *field, *what; } disclosure_fields[] = {
    {"index_no", "索引号"}, {"category", "主题分类"}, {"publisher", "发布机构"},
    {"written", "成文日期"}, {"doc_no", "文号"},     {"validity", "有效性"}};

static bool type_requires(const site_config *c, const char *type, const char *field) {
  const type_spec *ts = config_type(c, type);
  for (size_t i = 0; ts && i < ts->nrequired; i++)
    if (strcmp(ts->required[i], field) == 0) return true;
  return false;
}

static bool field_has_format(const site_config *c, const char *field, field_format f) {
  const field_spec *fs = config_field(c, field);
  return fs && fs->format == f;
}

static bool is_article(const page *p) { return p->fm && p->built && !p->is_index; }

/* Is p dated after the day the check judges by?  Such an item is an
 * error (check_dates) and updates nothing: a date set ahead would make its
 * column and the home page look fresh for as long as it stays ahead. */
static bool dated_ahead(const page *p, const check_settings *st) {
  return p->has_date && gdate_day(&p->date) > st->today;
}

/* A column's own items and those of its sub-columns; its newest item dated
 * by the day of the check. */
static void column_stats(const column *col, const check_settings *st, size_t *n, int64_t *newest,
                         const page **newest_page) {
  for (size_t i = 0; i < col->npages; i++) {
    const page *p = col->pages[i];
    (*n)++;
    if (p->has_date && !dated_ahead(p, st) && (!*newest_page || gdate_day(&p->date) > *newest)) {
      *newest = gdate_day(&p->date);
      *newest_page = p;
    }
  }
  for (size_t i = 0; i < col->nchildren; i++) column_stats(col->children[i], st, n, newest, newest_page);
}

/* Where a column's messages point: its _index.md, else its entry in site.yaml. */
static void column_pos(site *s, const column *col, const char **path, int *line, int *col_no) {
  if (col->index) {
    *path = col->index->src;
    *line = *col_no = 1;
  } else {
    *path = s->cfg->file;
    *line = col->cfg->line;
    *col_no = col->cfg->col;
  }
}

static const char *period_text(arena *a, check_period p) {
  const char *unit = p.unit == 'd' ? "day" : p.unit == 'm' ? "month" : "year";
  return arena_printf(a, "%d %s%s", p.n, unit, p.n == 1 ? "" : "s");
}

static void check_columns(check_report *r, site *s) {
  const check_settings *st = check_report_settings(r);
  for (size_t i = 1; i < s->ncolumns; i++) {
    const column *col = s->columns[i];
    if (!col->cfg) continue; /* undeclared: the loader reports it */
    size_t n = 0;
    int64_t newest = 0;
    const page *np = NULL;
    column_stats(col, st, &n, &newest, &np);
    const char *path;
    int line, cno;
    column_pos(s, col, &path, &line, &cno);
    const char *cls = col->cfg->cls ? col->cfg->cls : "";
    bool veto_class = strcmp(cls, "动态") == 0 || strcmp(cls, "要闻") == 0 || strcmp(cls, "通知公告") == 0 ||
                      strcmp(cls, "政策文件") == 0;
    if (n == 0) {
      check_add(r, CHECK_WARNING, "column-empty", path, line, cno,
                "publish its first item, or remove the column from the site (5 empty columns fail the inspection)",
                "column \"%s\" (%s) is empty (空白栏目)", col->path, cls);
      check_count_column(r, true, false, veto_class);
      continue;
    }
    check_period p;
    if (!np || !check_column_period(st, col->path, cls, &p)) continue;
    int64_t end = check_period_end(newest, p);
    if (st->today <= end) continue;
    check_add(r, CHECK_WARNING, "column-stale", path, line, cno,
              arena_printf(s->a, "a %s column needs a new item every %s (check.freshness in site.yaml); "
                                 "5 such columns fail the inspection",
                           cls, period_text(s->a, p)),
              "column \"%s\" (%s) not updated since %s (栏目不更新, %lld days before %s)", col->path, cls,
              np->date_ymd, (long long)(st->today - newest), st->today_ymd);
    check_count_column(r, false, true, veto_class);
  }
}

/* A front-matter position for a field that is missing: its page's title. */
static void missing_pos(const page *p, int *line, int *col) {
  const yx_node *k = yx_key(p->fm, "title");
  *line = k ? k->line : 1;
  *col = k ? k->col : 1;
}

bool check_column_gives(const page *index, const char *key) {
  const yx_node *v = yx_get(index->fm, key);
  if (!v || yx_is_null(v)) return false;
  if (v->kind == YX_SCALAR) return v->len > 0;
  for (size_t i = 0; v->kind == YX_SEQ && i < v->n; i++)
    if (v->items[i]->kind == YX_SCALAR && v->items[i]->len) return true;
  return false;
}

/* What a column's _index.md gives its list pages' meta tags. */
static const struct { const char *key, *tag, *example; } column_meta[] = {
    {"description", "ColumnDescription", "description: <a sentence on what %s holds>"},
    {"keywords", "ColumnKeywords", "keywords: [%s, …]"}};
#define NCOLUMN_META (sizeof column_meta / sizeof *column_meta)

/* The built pages of a column's list (`dir`: the folder checked) that lack
 * the meta tag `key` gives: counted by check_html, said here, at the same
 * place as the _index.md's own item (it sorts after it: "without …"). */
void check_column_pages_lack(check_report *r, const page *index, const char *key, size_t pages, const char *dir) {
  size_t k = 0;
  while (k < NCOLUMN_META - 1 && strcmp(column_meta[k].key, key) != 0) k++;
  int line, col;
  missing_pos(index, &line, &col);
  buf hint = BUF_INIT;
  buf_printf(&hint, "fill in `%s:` in this _index.md and build again: the theme writes it as %s on every page of the column's list",
             key, column_meta[k].tag);
  check_add(r, CHECK_ERROR, "meta", index->src, line, col, buf_cstr(&hint),
            "without %s, %zu list page%s of %s lack%s the %s meta tag", key, pages, pages == 1 ? "" : "s", dir,
            pages == 1 ? "s" : "", column_meta[k].tag);
  buf_free(&hint);
}

/* Every built column page names what the column holds: the inspection reads
 * ColumnDescription and ColumnKeywords (政府网站网页设计规范), and only the
 * column's _index.md can give them. */
static void check_column_meta(check_report *r, site *s) {
  for (size_t i = 1; i < s->ncolumns; i++) {
    const page *p = s->columns[i]->index;
    if (!p || !p->built || !p->fm) continue;
    for (size_t k = 0; k < NCOLUMN_META; k++) {
      if (check_column_gives(p, column_meta[k].key)) continue;
      int line, col;
      missing_pos(p, &line, &col);
      const char *example = arena_printf(s->a, column_meta[k].example, p->title);
      check_add(r, CHECK_ERROR, "meta", p->src, line, col,
                arena_printf(s->a, "add `%s` to its front matter: the theme writes it as the %s meta tag", example,
                             column_meta[k].tag),
                "column \"%s\" has no %s (%s)", s->columns[i]->path, column_meta[k].key, column_meta[k].tag);
    }
  }
}

static void check_home(check_report *r, site *s) {
  const check_settings *st = check_report_settings(r);
  const page *newest = NULL;
  for (size_t i = 0; i < s->narticles && !newest; i++)
    if (s->articles[i]->has_date && !dated_ahead(s->articles[i], st)) newest = s->articles[i];
  const char *path = s->ncolumns && s->columns[0]->index ? s->columns[0]->index->src : s->cfg->file;
  if (newest && st->today - gdate_day(&newest->date) <= st->home_days) return;
  check_add(r, CHECK_ERROR, "home-stale", path, 1, 1,
            "publish a new item (the inspection monitors the home page for two weeks: 单项否决)",
            newest ? "the home page has no new item since %s (%lld days before %s)" : "the home page has no item at all%s",
            newest ? newest->date_ymd : "", (long long)(newest ? st->today - gdate_day(&newest->date) : 0),
            st->today_ymd);
}

/* The record p was published with: its own file's, else — a page moved
 * with its old address as an alias (docs/editors.md) — the record of the
 * address an alias names, so the date rule follows the page.  *via: that
 * alias, or NULL. */
static const pubrec *published_as(const pubdates *pub, const page *p, const char **via) {
  *via = NULL;
  const pubrec *rec = pub ? strmap_get(pub->by_rel, p->rel) : NULL;
  for (size_t k = 0; pub && !rec && k < p->naliases; k++)
    if (p->aliases[k] && (rec = strmap_get(pub->by_url, p->aliases[k]))) *via = p->aliases[k];
  return rec;
}

static void check_dates(check_report *r, site *s, const pubdates *pub) {
  const site_config *c = s->cfg;
  const check_settings *st = check_report_settings(r);
  for (size_t i = 0; i < s->npages; i++) {
    const page *p = s->pages[i];
    if (!is_article(p)) continue;
    yx_node *d = yx_get(p->fm, "date");
    if (!p->has_date && !type_requires(c, p->type, "date") && (!d || yx_is_null(d))) {
      int line, col;
      missing_pos(p, &line, &col);
      check_add(r, CHECK_ERROR, "undated", p->src, line, col,
                "add `date:` (the publication time, 2024-11-20T10:12:00+08:00): every item shows when it was published",
                "\"%s\" has no publication date", p->title ? p->title : p->rel);
    }
    /* A page dated today on a site that pins check.as_of (the sample
     * portal does) is ahead of the pinned day only: the hint says so. */
    const char *pinned = check_pinned_hint(st, gdate_day(&p->date));
    if (dated_ahead(p, st))
      check_add(r, CHECK_ERROR, "date-future", p->src, d->line, d->col,
                pinned ? pinned
                       : "date the item the day it is published: a date ahead counts for nothing in the columns' and "
                         "the home page's freshness, and shows readers a day that has not come",
                "publication date %s is after %s, the day of the check (%s)", p->date_ymd, st->today_ymd,
                st->today_from);
    const char *via;
    const pubrec *was = p->has_date ? published_as(pub, p, &via) : NULL;
    gdate old;
    if (was && gdate_parse(was->date, true, &old) && old.epoch != p->date.epoch)
      check_add(r, CHECK_ERROR, "date-changed", p->src, d->line, d->col,
                "put back the date it was published with; record a change with `updated:` (changing a "
                "publication date is 伪造发稿日期: 单项否决)",
                "publication date changed after publishing: was %s%s, now %s", was->date,
                via ? arena_printf(s->a, " at /%s (%s, its alias now)", via, was->rel) : "", p->date_iso);
  }
}

/* 信息公开 metadata of type `policy` documents: the fields site.yaml does not
 * already require, formats it does not already check, 索引号 uniqueness it
 * does not already enforce. */
static void check_disclosure(check_report *r, site *s) {
  const site_config *c = s->cfg;
  const field_spec *ifs = config_field(c, "index_no");
  strmap *seen = ifs && ifs->unique ? NULL : strmap_new(s->a);
  for (size_t i = 0; i < s->npages; i++) {
    const page *p = s->pages[i];
    if (!is_article(p) || strcmp(p->type, "policy") != 0) continue;
    for (size_t k = 0; k < sizeof disclosure_fields / sizeof *disclosure_fields; k++) {
      const char *f = disclosure_fields[k].field;
      yx_node *v = yx_get(p->fm, f);
      if ((!v || yx_is_null(v) || (yx_str(v) && !v->len)) && !type_requires(c, p->type, f)) {
        int line, col;
        missing_pos(p, &line, &col);
        check_add(r, CHECK_ERROR, strcmp(f, "index_no") == 0 ? "index-no" : "disclosure", p->src, line, col,
                  arena_printf(s->a, "add `%s:` (%s): a policy document shows the whole 信息公开 block", f,
                               disclosure_fields[k].what),
                  "policy document without %s (%s)", disclosure_fields[k].what, f);
      }
    }
    yx_node *wn = yx_get(p->fm, "written");
    gdate written;
    if (p->has_date && yx_str(wn) && gdate_parse(wn->str, false, &written) &&
        gdate_day(&written) > gdate_day(&p->date))
      check_add(r, CHECK_ERROR, "disclosure", p->src, wn->line, wn->col,
                "a document is written (成文) before it is published: correct 成文日期 or the publication date",
                "成文日期 %s is after the publication date %s", wn->str, p->date_ymd);
    yx_node *dn = yx_get(p->fm, "doc_no");
    const char *why;
    if (yx_str(dn) && dn->len && !field_has_format(c, "doc_no", FMT_DOC_NO) && !doc_no_valid(dn->str, &why))
      check_add(r, CHECK_ERROR, "doc-no", p->src, dn->line, dn->col, "write 文号 like 区数据资源局〔2024〕12号",
                "文号 \"%s\" is malformed: %s", dn->str, why);
    yx_node *in = yx_get(p->fm, "index_no");
    if (!yx_str(in) || !in->len) continue;
    if (!field_has_format(c, "index_no", FMT_INDEX_NO) && !index_no_valid(in->str))
      check_add(r, CHECK_ERROR, "index-no", p->src, in->line, in->col,
                "write 索引号 as <机构代码>/<年份>-<5位序号>, e.g. 11530199MB0000000X/2024-00012",
                "索引号 \"%s\" is malformed", in->str);
    const page *other = seen ? strmap_put(seen, in->str, (void *)p) : NULL;
    if (!other) continue;
    const char *next = index_no_valid(in->str)
                           ? index_no_next(s->a, s, "index_no", in->str, atoi(strrchr(in->str, '/') + 1))
                           : NULL;
    check_add(r, CHECK_ERROR, "index-no", p->src, in->line, in->col,
              next ? arena_printf(s->a, "each document has its own 索引号; the next free one is %s", next)
                   : "each document has its own 索引号; check the serial number",
              "duplicate 索引号 \"%s\" (also in %s)", in->str, other->src);
  }
}

/* A 规范性文件 (normative: true) is interpreted with it, at the latest
 * within N working days (3: the rule of the local 政策解读 regulations that
 * implement "同步起草、同步审签、同步发布"). */
static void check_interpretations(check_report *r, site *s) {
  const check_settings *st = check_report_settings(r);
  for (size_t i = 0; i < s->npages; i++) {
    const page *p = s->pages[i];
    if (!is_article(p) || !p->has_date) continue;
    for (size_t k = 0; k < p->ninterpretations; k++) { /* 同步发布 at the earliest: not before the document */
      const page *it = p->interpretations[k];
      const yx_node *d = it->built && it->has_date ? yx_get(it->fm, "date") : NULL;
      if (d && gdate_day(&it->date) < gdate_day(&p->date))
        check_add(r, CHECK_ERROR, "interpretation", it->src, d->line, d->col,
                  "an interpretation comes out with its document or after it: correct one of the two dates",
                  "interpretation dated %s, before the document it interprets (%s, %s)", it->date_ymd, p->src,
                  p->date_ymd);
    }
    if (yx_bool(yx_get(p->fm, "normative")) != 1) continue;
    int64_t day = gdate_day(&p->date), due = check_add_workdays(st, day, st->interpretation_days);
    const page *first = NULL;
    for (size_t k = 0; k < p->ninterpretations; k++) {
      const page *it = p->interpretations[k];
      if (it->built && it->has_date && (!first || it->date.epoch < first->date.epoch)) first = it;
    }
    yx_node *key = yx_key(p->fm, "normative");
    const char *hint = arena_printf(s->a, "publish its interpretation (政策解读, `interprets:` this file) within %d "
                                          "working days (site.yaml calendar: lists holidays and 调休 workdays)",
                                    st->interpretation_days);
    if (first && gdate_day(&first->date) > due)
      check_add(r, CHECK_ERROR, "interpretation", p->src, key->line, key->col, hint,
                "规范性文件 of %s interpreted only on %s (%s); due by %s", p->date_ymd, first->date_ymd, first->src,
                check_ymd(s->a, due));
    else if (!first && st->today > due)
      check_add(r, CHECK_ERROR, "interpretation", p->src, key->line, key->col, hint,
                "规范性文件 of %s has no interpretation; it was due by %s", p->date_ymd, check_ymd(s->a, due));
    else if (!first)
      check_add(r, CHECK_WARNING, "interpretation", p->src, key->line, key->col, hint,
                "规范性文件 of %s has no interpretation yet; it is due by %s", p->date_ymd, check_ymd(s->a, due));
  }
}

/* A 网上调查 or 民意征集 that has ended (status 已结束) publishes its result
 * (反馈结果): a page named in `result:` and built with it.  One still
 * marked 进行中 after its `end:` day is a warning (its status is stale),
 * and an error once check.result_days have passed: else a status left
 * open would escape the result rule for good.  (A `result:` naming no
 * page is the loader's, interact_link.c.) */
static void check_results(check_report *r, site *s) {
  const check_settings *st = check_report_settings(r);
  for (size_t i = 0; i < s->npages; i++) {
    const page *p = s->pages[i];
    if (!is_article(p) || (strcmp(p->type, "survey") != 0 && strcmp(p->type, "solicitation") != 0)) continue;
    const char *what = strcmp(p->type, "survey") == 0 ? "网上调查" : "民意征集";
    yx_node *status = yx_get(p->fm, "status"), *res = yx_get(p->fm, "result"), *end = yx_get(p->fm, "end");
    const char *sv = yx_str(status);
    gdate e;
    if (sv && strcmp(sv, "进行中") == 0 && yx_str(end) && gdate_parse(end->str, false, &e) &&
        gdate_day(&e) < st->today) {
      long long late = (long long)(st->today - gdate_day(&e));
      if (late > st->result_days)
        check_add(r, CHECK_ERROR, "result", p->src, status->line, status->col,
                  arena_printf(s->a, "set `status: 已结束` and publish its result (反馈结果), or correct `end:`: still 进行中 "
                                     "more than %d days after its end counts as ended without a result (check.result_days)",
                               st->result_days),
                  "%s \"%s\" ended on %s (%lld days before %s) but is still 进行中, with no result (反馈结果)", what,
                  p->title, end->str, late, st->today_ymd);
      else
        check_add(r, CHECK_WARNING, "result", p->src, status->line, status->col,
                  "set `status: 已结束` and publish its result (反馈结果), or correct `end:`",
                  "%s \"%s\" ended on %s but is still 进行中", what, p->title, end->str);
    }
    if (!sv || strcmp(sv, "已结束") != 0) continue;
    const char *ref = yx_str(res);
    if (!ref || !*ref) {
      check_add(r, CHECK_ERROR, "result", p->src, status->line, status->col,
                "publish the 反馈结果 page and name it in `result:` (e.g. result: ../result/x.md)",
                "%s \"%s\" has ended (已结束) but publishes no result (反馈结果)", what, p->title);
      continue;
    }
    const page *t = site_resolve(s, p, ref, s->a);
    if (t && t->fm && !t->built)
      check_add(r, CHECK_ERROR, "result", p->src, res->line, res->col,
                "have its result page reviewed and published with it (not a draft, 主动公开, three sign-offs)",
                "%s \"%s\" has ended, but its result %s is not published", what, p->title, t->src);
  }
}

void check_model(check_report *r, site *s, const catalog *cat, const char *previous, const char *out) {
  check_columns(r, s);
  check_column_meta(r, s);
  check_home(r, s);
  const pubdates *pub = previous ? pubdates_read(s->a, previous) : NULL;
  check_dates(r, s, pub);
  const pubdates *given = pubdates_read_kept(s->a, pub, previous, out); /* the served release's, then the others kept */
  if (given) check_gone(r, s, cat, given);
  check_disclosure(r, s);
  check_interpretations(r, s);
  check_results(r, s);
  check_letters(r, s);
}

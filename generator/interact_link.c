/* interact_link: the whole-site part of interact.h — an original's
 * `result:` resolved to its 反馈结果 page and linked both ways (the result
 * page links back to every survey or solicitation it answers, as a policy
 * and its interpretation do), 期数 unique per type and year, `end:` not
 * before `date:`, and the
 * template data of interaction pages and their list items. */
#include <string.h>

#include "diag.h"
#include "interact.h"
#include "strmap.h"

typedef struct {
  page **originals; /* built pages whose result: names this page, in file order */
  size_t n;
} answers;

struct interact {
  site *s;
  strmap *result;     /* original's rel → its result page */
  strmap *answers;    /* result page's rel → answers */
  letters_year *letters;
  size_t nletters;
  const column *letters_col;
};

static const char *fm_str(const page *p, const char *key) {
  const yx_node *v = yx_get(p->fm, key);
  return v && v->kind == YX_SCALAR && v->len && !yx_is_null(v) ? v->str : NULL;
}

static void link_results(interact *ia) {
  site *s = ia->s;
  for (size_t i = 0; i < s->npages; i++) {
    page *p = s->pages[i];
    yx_node *v = p->fm && !p->is_index ? p->result_node : NULL;
    if (!v || v->kind != YX_SCALAR || yx_is_null(v) || !v->len) continue; /* formats: the loader */
    page *t = site_resolve(s, p, v->str, s->a);
    if (t && !t->fm) continue; /* it could not be loaded, and that was reported */
    if (!t || t->is_index) {
      diag_error(p->src, v->line, v->col,
                 "give the 反馈结果 page's file (../result/x.md) or its URL (/hudong/result/x/); "
                 "publish the result page first",
                 "\"result\" \"%s\" names no page", v->str);
      continue;
    }
    if (t == p) {
      diag_error(p->src, v->line, v->col, "name the separate page that publishes the 反馈结果",
                 "\"result\" \"%s\" names the page itself", v->str);
      continue;
    }
    strmap_put(ia->result, p->rel, t);
    if (!p->built) continue;
    answers *an = strmap_get(ia->answers, t->rel);
    if (!an) {
      an = arena_calloc(s->a, 1, sizeof *an);
      strmap_put(ia->answers, t->rel, an);
    }
    an->originals = arena_grow(s->a, an->originals, an->n, an->n + 1, sizeof *an->originals);
    an->originals[an->n++] = p;
  }
}

/* The year a 期数 counts in: the one it names ("2024年第1期"), else the
 * year of the page's date, else none. */
static int issue_year(const page *p, const char *issue) {
  int y = 0, k = 0;
  for (; k < 4 && issue[k] >= '0' && issue[k] <= '9'; k++) y = y * 10 + (issue[k] - '0');
  if (k == 4 && strncmp(issue + 4, "年", strlen("年")) == 0) return y;
  return p->has_date ? gdate_year(&p->date) : 0;
}

/* 期数 is unique per content type and year: two 2024年第1期 surveys are an
 * error at the second, naming the first. */
static void check_issues(interact *ia) {
  site *s = ia->s;
  strmap *seen = strmap_new(s->a);
  for (size_t i = 0; i < s->npages; i++) {
    page *p = s->pages[i];
    if (!p->fm || !p->built || p->is_index) continue;
    yx_node *v = p->issue_node;
    if (!v || v->kind != YX_SCALAR || yx_is_null(v) || !v->len) continue;
    int year = issue_year(p, v->str);
    const char *key = arena_printf(s->a, "%s\t%d\t%s", p->type, year, v->str);
    page *other = strmap_put(seen, key, p);
    if (!other) continue;
    strmap_put(seen, key, other); /* later duplicates name the first */
    yx_node *ov = other->issue_node;
    diag_error(p->src, v->line, v->col,
               arena_printf(s->a, "give each %s of a year its own 期数 (the next free number)", p->type),
               "duplicate issue \"%s\" of type %s in %d (also %s:%d:%d)", v->str, p->type, year, other->src,
               ov->line, ov->col);
  }
}

/* A survey or solicitation closes (`end:`) on or after the day it opens
 * (`date:`): an end before the start is a typo in one of them. */
static void check_periods(interact *ia) {
  site *s = ia->s;
  for (size_t i = 0; i < s->npages; i++) {
    page *p = s->pages[i];
    if (!p->fm || p->is_index || !p->has_date) continue;
    yx_node *v = p->end_node;
    gdate end;
    if (!yx_str(v) || !gdate_parse(v->str, false, &end)) continue; /* missing or malformed: the loader */
    if (gdate_day(&end) < gdate_day(&p->date))
      diag_error(p->src, v->line, v->col, "`date:` is the day it opens, `end:` the day it closes: correct one of them",
                 "\"end\" %s is before the page's date %s", v->str, p->date_ymd);
  }
}

interact *interact_load(site *s) {
  interact *ia = arena_calloc(s->a, 1, sizeof *ia);
  ia->s = s;
  ia->result = strmap_new(s->a);
  ia->answers = strmap_new(s->a);
  link_results(ia);
  check_issues(ia);
  check_periods(ia);
  letters_check_dates(s);
  ia->letters = letters_load(s, &ia->nletters, &ia->letters_col);
  s->interact = ia;
  return ia;
}

const letters_year *interact_letters(const interact *ia, size_t *n) {
  *n = ia ? ia->nletters : 0;
  return ia ? ia->letters : NULL;
}

/* What an original is, for the result page's back link. */
static const char *kind_of(const page *p) {
  static const char *const kinds[][2] = {{"survey", "网上调查"}, {"solicitation", "民意征集"},
                                         {"interview", "在线访谈"}};
  for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
    if (strcmp(p->type, kinds[i][0]) == 0) return kinds[i][1];
  return "原文";
}

static tval *link_of(arena *a, const urlctx *u, const page *p) {
  tval *m = tv_map(a);
  tv_set_str(a, m, "title", p->title);
  tv_set(a, m, "url", tv_str(a, url_to(a, u, p->url)));
  return m;
}

void interact_page_data(arena *a, const interact *ia, const urlctx *u, const page *p, tval *pg) {
  const page *t = strmap_get(ia->result, p->rel);
  if (t && t->built) tv_set(a, pg, "result", link_of(a, u, t));
  const answers *an = strmap_get(ia->answers, p->rel);
  if (!an) return;
  tval *list = tv_list(a);
  for (size_t i = 0; i < an->n; i++) {
    tval *m = link_of(a, u, an->originals[i]);
    tv_set_str(a, m, "kind", kind_of(an->originals[i]));
    tv_set_str(a, m, "issue", fm_str(an->originals[i], "issue"));
    tv_push(a, list, m);
  }
  tv_set(a, pg, "result_of", list);
  tv_set_bool(a, pg, "has_result_of", an->n > 0);
}

void interact_item_data(arena *a, const page *p, tval *m) {
  interact_letter_item(a, p, m);
  const char *status = fm_str(p, "status"), *issue = fm_str(p, "issue");
  if (!status && !issue) return;
  tv_set_str(a, m, "issue", issue);
  tv_set_str(a, m, "organiser", fm_str(p, "organiser"));
  tv_set_str(a, m, "end", fm_str(p, "end"));
  if (!status) return;
  tv_set_str(a, m, "status", status);
  tv_set_bool(a, m, "status_open", strcmp(status, "进行中") == 0);
  tv_set_bool(a, m, "status_closed", strcmp(status, "已结束") == 0);
}

tval *interact_letters_data(arena *a, const interact *ia, const column *col) {
  if (!ia || !ia->nletters || col != ia->letters_col) return NULL;
  tval *years = tv_list(a);
  for (size_t i = 0; i < ia->nletters; i++) {
    const letters_year *ly = &ia->letters[i];
    tval *m = tv_map(a);
    tv_set(a, m, "year", tv_num(a, ly->year));
    tv_set(a, m, "received", tv_num(a, (double)ly->received));
    tv_set(a, m, "handled", tv_num(a, (double)ly->handled));
    tv_set_str(a, m, "rate", letters_rate(a, ly->received, ly->handled));
    tv_set(a, m, "pending", tv_num(a, (double)ly->npending));
    tv_set_bool(a, m, "has_pending", ly->npending > 0);
    tval *ch = tv_list(a);
    for (size_t k = 0; k < ly->nchannels; k++) {
      tval *c = tv_map(a);
      tv_set_str(a, c, "name", ly->channels[k]);
      tv_set(a, c, "count", tv_num(a, (double)ly->channel_counts[k]));
      tv_set_bool(a, c, "last", k + 1 == ly->nchannels);
      tv_push(a, ch, c);
    }
    tv_set(a, m, "channels", ch);
    tv_set_bool(a, m, "has_channels", ly->nchannels > 0);
    tv_push(a, years, m);
  }
  tval *d = tv_map(a);
  tv_set(a, d, "years", years);
  return d;
}

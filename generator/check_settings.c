/* check_settings: what the inspection judges against — the date (--today,
 * site.yaml check.as_of, else the clock), each column class's freshness
 * period (the checklist's defaults, overridden per class or per column),
 * the working-day calendar (calendar.holidays / calendar.workdays:
 * China's 调休 makes some weekend days working days), and the addresses
 * deliberately withdrawn (check.withdrawn, check_gone.c). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "diag.h"

/* The checklist's periods (国办秘函〔2019〕19号: 动态、要闻 two weeks;
 * 通知公告、政策文件 six months; 人事、规划计划 one year). */
static const check_freshness defaults[] = {
    {"动态", {14, 'd'}},  {"要闻", {14, 'd'}}, {"通知公告", {6, 'm'}},
    {"政策文件", {6, 'm'}}, {"人事", {1, 'y'}}, {"规划", {1, 'y'}}};

typedef struct {
  arena *a;
  const site_config *cfg;
  bool failed;
} rd;

static void bad(rd *r, const yx_node *n, const char *hint, const char *fmt, const char *arg) {
  diag_error(r->cfg->file, n ? n->line : 0, n ? n->col : 0, hint, fmt, arg);
  r->failed = true;
}

static bool parse_day(const char *s, int64_t *day) {
  gdate d;
  if (!s || strlen(s) != 10 || !gdate_parse(s, false, &d)) return false;
  *day = gdate_day(&d);
  return true;
}

/* 14, 14d, 6m, 1y; "none" turns the rule off (n = 0). */
static bool parse_period(const char *s, check_period *p) {
  if (!s) return false;
  if (strcmp(s, "none") == 0) {
    *p = (check_period){0, 'd'};
    return true;
  }
  char *end;
  long n = strtol(s, &end, 10);
  if (end == s || n < 1 || n > 3650) return false;
  if (!*end) *p = (check_period){(int)n, 'd'};
  else if ((*end == 'd' || *end == 'm' || *end == 'y') && !end[1]) *p = (check_period){(int)n, *end};
  else return false;
  return true;
}

static void read_freshness(rd *r, check_settings *st, const yx_node *f) {
  size_t n = f && f->kind == YX_MAP ? f->n : 0;
  st->freshness = arena_alloc(r->a, (n + sizeof defaults / sizeof *defaults) * sizeof *st->freshness);
  if (f && f->kind != YX_MAP) bad(r, f, "write check: {freshness: {动态: 14d, policy: 6m}}", "\"%s\" must be a mapping",
                                  "check.freshness");
  for (size_t i = 0; i < n; i++) {
    check_freshness *e = &st->freshness[st->nfreshness];
    e->key = f->keys[i]->str;
    if (!parse_period(yx_str(f->vals[i]), &e->period)) {
      bad(r, f->vals[i], "write a number of days (14 or 14d), months (6m) or years (1y), or none",
          "check.freshness.%s is not a period", e->key);
      continue;
    }
    st->nfreshness++;
  }
  for (size_t i = 0; i < sizeof defaults / sizeof *defaults; i++) st->freshness[st->nfreshness++] = defaults[i];
}

/* A list of dates and ranges (2024-02-10..2024-02-17), sorted. */
static void read_days(rd *r, const yx_node *v, const char *key, int64_t **out, size_t *n) {
  *out = NULL;
  *n = 0;
  if (!v) return;
  if (v->kind != YX_SEQ) {
    bad(r, v, "write a list of dates and ranges: [2024-10-01..2024-10-07, 2024-10-12]", "\"%s\" must be a list",
        key);
    return;
  }
  size_t cap = 0;
  for (size_t i = 0; i < v->n; i++) {
    const char *s = yx_str(v->items[i]);
    int64_t from, to;
    const char *dots = s ? strstr(s, "..") : NULL;
    bool ok = s && (dots ? parse_day(arena_strndup(r->a, s, (size_t)(dots - s)), &from) && parse_day(dots + 2, &to)
                         : parse_day(s, &from));
    if (!dots) to = from;
    if (!ok || to < from || to - from > 31) {
      bad(r, v->items[i], "write a date (2024-10-01) or a range of at most a month (2024-10-01..2024-10-07)",
          "\"%s\" is not a date or a range of dates", s ? s : "");
      continue;
    }
    for (int64_t d = from; d <= to; d++) {
      if (*n == cap) {
        cap = cap ? 2 * cap : 64;
        *out = arena_grow(r->a, *out, *n, cap, sizeof **out);
      }
      (*out)[(*n)++] = d;
    }
  }
}

static int cmp_day(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return x < y ? -1 : x > y;
}

static bool has_day(const int64_t *v, size_t n, int64_t day) {
  return n && bsearch(&day, v, n, sizeof *v, cmp_day) != NULL;
}

/* check.withdrawn: published address → why it was withdrawn (a mapping, so
 * the record says why; site.yaml is signed by the reviewers, so it is also
 * an approved decision).  Keys are stored as site.h writes URLs: "news/x/". */
static void read_withdrawn(rd *r, check_settings *st, const yx_node *w) {
  static const char hint[] = "write check: {withdrawn: {/news/x/: 2025-03-01 撤稿：why the page was withdrawn}}";
  st->withdrawn = strmap_new(r->a);
  if (!w) return;
  if (w->kind != YX_MAP) {
    bad(r, w, hint, "\"%s\" must be a mapping", "check.withdrawn");
    return;
  }
  for (size_t i = 0; i < w->n; i++) {
    const char *url = w->keys[i]->str, *why = yx_str(w->vals[i]);
    if (url[0] != '/') bad(r, w->keys[i], "write the address as published, from the site's root: /news/x/",
                           "check.withdrawn \"%s\" is not an address of the site", url);
    else if (!why || !*why) bad(r, w->vals[i] ? w->vals[i] : w->keys[i], hint,
                                "check.withdrawn \"%s\" does not say why it was withdrawn", url);
    else {
      size_t n = strlen(url);
      strmap_put(st->withdrawn, url[n - 1] == '/' ? url + 1 : arena_printf(r->a, "%s/", url + 1), w->vals[i]);
    }
  }
}

static int read_count(rd *r, const yx_node *m, const char *key, int def) {
  const yx_node *v = yx_get(m, key);
  if (!v) return def;
  const char *s = yx_str(v);
  char *end;
  long n = s ? strtol(s, &end, 10) : 0;
  if (!s || end == s || *end || n < 1 || n > 365) {
    bad(r, v, "write a whole number of days from 1 to 365", "check.%s is not a number of days", key);
    return def;
  }
  return (int)n;
}

check_settings *check_settings_load(arena *a, const site_config *cfg, const char *today) {
  rd r = {a, cfg, false};
  check_settings *st = arena_calloc(a, 1, sizeof *st);
  const yx_node *c = yx_get(cfg->yaml, "check"), *cal = yx_get(cfg->yaml, "calendar");
  if (c && c->kind != YX_MAP) bad(&r, c, "write check: {as_of: 2024-12-20}", "\"%s\" must be a mapping", "check");
  if (cal && cal->kind != YX_MAP)
    bad(&r, cal, "write calendar: {holidays: […], workdays: […]}", "\"%s\" must be a mapping", "calendar");
  if (c && c->kind != YX_MAP) c = NULL;
  if (cal && cal->kind != YX_MAP) cal = NULL;
  static const char *known[] = {"as_of",       "freshness",  "home_days", "interpretation_days",
                                "result_days", "reply_days", "withdrawn"};
  for (size_t i = 0; c && i < c->n; i++) {
    bool ok = false;
    for (size_t k = 0; k < sizeof known / sizeof *known; k++) ok |= strcmp(c->keys[i]->str, known[k]) == 0;
    if (!ok) bad(&r, c->keys[i], "check: has as_of, freshness, home_days, interpretation_days, result_days, reply_days "
                 "and withdrawn",
                 "unknown key \"check.%s\"", c->keys[i]->str);
  }
  for (size_t i = 0; cal && i < cal->n; i++)
    if (strcmp(cal->keys[i]->str, "holidays") != 0 && strcmp(cal->keys[i]->str, "workdays") != 0)
      bad(&r, cal->keys[i], "calendar: has holidays and workdays", "unknown key \"calendar.%s\"", cal->keys[i]->str);

  const yx_node *as_of = yx_get(c, "as_of");
  st->clock = ((int64_t)time(NULL) + 8 * 3600) / 86400; /* China Standard Time */
  if (today) {
    if (!parse_day(today, &st->today)) {
      diag_error(NULL, 0, 0, "write the date as YYYY-MM-DD", "--today \"%s\" is not a date", today);
      r.failed = true;
    }
    st->today_from = "--today";
  } else if (as_of) {
    if (!parse_day(yx_str(as_of), &st->today))
      bad(&r, as_of, "write the date as YYYY-MM-DD", "check.as_of \"%s\" is not a date", yx_str(as_of) ? yx_str(as_of) : "");
    st->today_from = "check.as_of";
  } else {
    st->today = st->clock;
    st->today_from = "the clock";
  }
  st->today_ymd = check_ymd(a, st->today);
  st->config_file = cfg->file;
  read_freshness(&r, st, yx_get(c, "freshness"));
  st->home_days = read_count(&r, c, "home_days", 14);
  st->interpretation_days = read_count(&r, c, "interpretation_days", 3);
  st->result_days = read_count(&r, c, "result_days", 30);
  st->reply_days = read_count(&r, c, "reply_days", 90);
  read_withdrawn(&r, st, yx_get(c, "withdrawn"));
  read_days(&r, yx_get(cal, "holidays"), "calendar.holidays", &st->holidays, &st->nholidays);
  read_days(&r, yx_get(cal, "workdays"), "calendar.workdays", &st->workdays, &st->nworkdays);
  if (st->nholidays) qsort(st->holidays, st->nholidays, sizeof *st->holidays, cmp_day);
  if (st->nworkdays) qsort(st->workdays, st->nworkdays, sizeof *st->workdays, cmp_day);
  return r.failed ? NULL : st;
}

bool check_column_period(const check_settings *st, const char *path, const char *cls, check_period *out) {
  for (int pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < st->nfreshness; i++) {
      const char *want = pass == 0 ? path : cls;
      if (want && strcmp(st->freshness[i].key, want) == 0) {
        *out = st->freshness[i].period;
        return out->n > 0;
      }
    }
  return false;
}

int64_t check_period_end(int64_t day, check_period p) {
  if (p.unit == 'd') return day + p.n;
  int y, m, d;
  civil_from_days(day, &y, &m, &d);
  int months = p.unit == 'm' ? p.n : 12 * p.n;
  m += months;
  y += (m - 1) / 12;
  m = (m - 1) % 12 + 1;
  /* the same day of the month, or the month's last day (31 August + 6 months = 28/29 February) */
  int64_t first = days_from_civil(y, m, 1), next = days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1);
  return first + (d - 1 < next - first ? d - 1 : next - first - 1);
}

bool check_is_workday(const check_settings *st, int64_t day) {
  if (has_day(st->workdays, st->nworkdays, day)) return true;
  if (has_day(st->holidays, st->nholidays, day)) return false;
  int64_t wd = ((day % 7) + 7 + 3) % 7; /* 0 = Monday: 1970-01-01 was a Thursday */
  return wd < 5;
}

int64_t check_add_workdays(const check_settings *st, int64_t day, int n) {
  while (n > 0) {
    day++;
    if (check_is_workday(st, day)) n--;
  }
  return day;
}

const char *check_ymd(arena *a, int64_t day) {
  int y, m, d;
  civil_from_days(day, &y, &m, &d);
  return arena_printf(a, "%04d-%02d-%02d", y, m, d);
}

const char *check_pinned_hint(const check_settings *st, int64_t day) {
  if (strcmp(st->today_from, "check.as_of") != 0 || day > st->clock) return NULL;
  return "the date is not ahead of today: site.yaml's check.as_of pins the day of the check (for a sample or a test "
         "site); remove it to judge as of today";
}

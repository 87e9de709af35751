/* check: the self-inspection of a site against the provincial checklist
 * (政府网站与政务新媒体检查指标, 国办秘函〔2019〕19号) — on the site model
 * (freshness of columns and home page, dates, 信息公开 metadata, policy
 * interpretations) and on a built folder of HTML (links, anchors, images,
 * attachments, alt text, footer and meta tags, the viewport and whether
 * it lets readers zoom, the home page's search form).  docs/check.md lists every
 * rule, its source in the checklist and its settings.
 *
 * Use (cmd_check.c, and the publish pipeline on its staging folder):
 *   check_settings *st = check_settings_load(a, cfg, NULL);  as_of, freshness, calendar
 *   check_report *r = check_report_new(st);
 *   check_model(r, s, cat, "out/current", "out");  the linked model; dates published before
 *   check_output(r, s, staging_dir);       the HTML of a built folder
 *   check_passed(r)                        false: the inspection fails (errors or 单项否决)
 *   check_report_text / _json / _sarif / _diag
 *   check_report_free(r);
 *
 * Items are collected (thread-safe), then sorted — site.yaml's first (what
 * it lacks every page lacks), then by path, line, column and rule — so
 * reports are the same on every run.  Positions are 1-based lines
 * and columns in code points (0: no position).
 *
 * Ownership: settings live in the arena given to check_settings_load; a
 * report owns copies of everything its items say; check_report_free(NULL)
 * is a no-op. */
#ifndef GOVPUB_CHECK_H
#define GOVPUB_CHECK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"
#include "config.h"
#include "site.h"
#include "statics.h"

/* ---- settings (check_settings.c): site.yaml check: and calendar: ---------- */

/* A freshness period: n days, months or years. */
typedef struct check_period {
  int n;
  char unit; /* 'd', 'm' or 'y' */
} check_period;

typedef struct check_freshness {
  const char *key; /* a column class (动态) or a column path (policy/jiedu) */
  check_period period;
} check_freshness;

typedef struct check_settings {
  int64_t today;         /* day number freshness is judged against (days_from_civil) */
  const char *today_ymd; /* the same, 2024-12-20 */
  const char *today_from; /* "--today", "check.as_of" or "the clock" */
  int64_t clock;          /* the clock's day (China Standard Time), whatever today_from says */
  check_freshness *freshness; /* site.yaml's first, then the checklist's defaults */
  size_t nfreshness;
  int home_days;              /* home page: a new item within this many days (14) */
  int interpretation_days;    /* 规范性文件: interpreted within this many working days (3) */
  int result_days;            /* 网上调查/民意征集 still 进行中: an error this many days after end: (30) */
  int reply_days;             /* a pending letter (群众来信) unanswered longer than this: 互动回应差 (90) */
  int64_t *holidays, *workdays; /* sorted day numbers (调休: listed weekend days work) */
  size_t nholidays, nworkdays;
  strmap *withdrawn; /* check.withdrawn: a published URL ("news/x/") → the node saying why */
  const char *config_file; /* site.yaml as messages name it: its items come first in a report */
} check_settings;

/* Reads check: and calendar: of site.yaml (both optional).  `today`, when not
 * NULL, is the --today option (YYYY-MM-DD) and wins over check.as_of; with
 * neither, today's date in China Standard Time (always in `clock`).  Problems are reported at
 * site.yaml:line:col; returns NULL when there was any. */
check_settings *check_settings_load(arena *a, const site_config *cfg, const char *today);

/* The freshness period of a column (its path first, then its class);
 * false when neither has one (互动, 其他). */
bool check_column_period(const check_settings *st, const char *path, const char *cls, check_period *out);
/* The last day a column whose newest item is dated `day` is still fresh. */
int64_t check_period_end(int64_t day, check_period p);
bool check_is_workday(const check_settings *st, int64_t day);
/* The n-th working day after `day`. */
int64_t check_add_workdays(const check_settings *st, int64_t day, int n);
/* YYYY-MM-DD of a day number, in `a`. */
const char *check_ymd(arena *a, int64_t day);
/* The hint for a date (`day`) after the day of the check that is not after
 * today: site.yaml's check.as_of pins that day (the sample portal does),
 * so the date is right and the setting is what to change.  NULL when the
 * date is ahead of the clock too, or the day is not check.as_of's. */
const char *check_pinned_hint(const check_settings *st, int64_t day);

/* ---- items and the report (check.c) -------------------------------------------- */

typedef enum { CHECK_ERROR, CHECK_WARNING } check_level;

/* A rule: its id (link, column-stale …), the checklist's category it counts
 * under, and what it checks. */
typedef struct check_rule {
  const char *id, *category, *what;
} check_rule;

typedef struct check_item {
  const char *path;
  int line, col;
  check_level level;
  size_t rule; /* index in check_rules() */
  const char *msg, *hint;
  bool site_wide; /* at site.yaml: sorted first, as the cause of items elsewhere (a footer value missing) */
} check_item;

typedef struct check_report check_report;

const check_rule *check_rules(size_t *n);

check_report *check_report_new(const check_settings *st);
void check_report_free(check_report *r);

/* Records an item of rule `rule` (an id of check_rules); thread-safe;
 * strings are copied; `hint` may be NULL. */
void check_add(check_report *r, check_level lvl, const char *rule, const char *path, int line, int col,
               const char *hint, const char *fmt, ...) __attribute__((format(printf, 8, 9)));

/* Takes every message diag holds (the loader's: config_load, site_load,
 * site_link) into the report as items, each under the rule of the field it
 * is about (文号 → doc-no, date → undated, footer.* → footer …; else
 * site).  System failures stay with diag. */
void check_take_diagnostics(check_report *r);

struct catalog;

/* The model rules (check_model.c): column freshness and 空白栏目, the home
 * page, undated items, dates changed since `previous` (a release folder
 * holding published-dates.tsv; NULL or missing: no record), 信息公开
 * metadata site.yaml does not already enforce, 索引号 and 文号, a column
 * page's description and keywords (its meta tags), and the
 * interpretation of every 规范性文件 within 3 working days.  `s` must be
 * linked (site_link).  `out`: the output root whose published releases
 * the 死链 rule reads besides `previous` (pubdates_read_kept); `cat`: the
 * site's data catalog (catalog_load; NULL: none), whose pages it holds
 * to the record too. */
void check_model(check_report *r, site *s, const struct catalog *cat, const char *previous, const char *out);

/* The 死链 rule (check_gone.c): every address the records `pub` hold
 * (pages and their aliases; each at pub->by_url's record: the served
 * release's, else the newest kept release's that published it,
 * pubdates_read_kept) that `s` (linked) no longer serves, as a page, a
 * column or an alias, and that check.withdrawn does not name; and every
 * list govpub generated (tags, topics, the data catalog's pages of `cat`,
 * NULL: none; a column's further pages) that it no longer generates, or
 * with fewer pages (a warning).  Called by check_model. */
struct pubdates;
void check_gone(check_report *r, site *s, const struct catalog *cat, const struct pubdates *pub);

/* The 互动回应差 rule (check_letters.c): every letter of `pending:` in
 * data/letters/<year>.yaml (s->interact: interact_load has run, else
 * nothing) received more than check.reply_days before the day of the check
 * is an error, a 单项否决; one whose reply is due within REPLY_SOON_DAYS
 * days a warning; a published letter (信件选登) answered more than
 * check.reply_days after it came in, a warning.  Called by check_model. */
#define REPLY_SOON_DAYS 14
void check_letters(check_report *r, site *s);

/* Does a column's _index.md give `key` (description, keywords: a text or a
 * list with a word), which the theme writes as the ColumnDescription and
 * ColumnKeywords meta tags?  check_model reports a missing one at the
 * _index.md; check_html then leaves the page's empty tag to it, and counts
 * the pages of the column's list (page/2/ …) that lack it for
 * check_column_pages_lack: one item more at the _index.md, with the
 * number, as a value site.yaml lacks is said at its key. */
bool check_column_gives(const page *index, const char *key);
void check_column_pages_lack(check_report *r, const page *index, const char *key, size_t pages, const char *dir);

/* The 安全、泄密 rule (check_privacy.c): citizens' personal data (身份证号,
 * 手机号码, 银行卡号) in any page a publishing build would publish or in
 * site.yaml's visible text, as the lists under words/privacy/ of the
 * site's content-safety dictionaries find it (docs/scan.md); nothing when
 * the site has no dictionaries.  `s` must be linked. */
void check_personal_data(check_report *r, site *s);

/* The outputs the model names — each built page's, each alias redirect,
 * each static file — compared as a build writes them (check_fold.c,
 * release_fold.h): two differing only in case or Unicode form, or a file
 * where a folder of outputs is, reported as diagnostics (in the build's
 * words, for check_take_diagnostics: rule site).  What govpub makes itself
 * and the charts' files only a build compares.  `s` must be linked. */
void check_fold_outputs(site *s, const static_set *statics);

/* The output rules (check_html.c) on every .html file below `dir`: internal
 * links, #anchors, images, attachments, alt text, the footer (site.yaml's
 * footer data), the inspection meta tags, the viewport and the home
 * page's search form; `s` (linked) tells article pages from list pages
 * and, with the data catalog `cat` (may be NULL), which layout made a
 * page.  What pages lack because site.yaml does not fill
 * a value in (config_unfilled, which the caller has reported) is one item
 * at the key with the number of pages, not one on each page. */
struct catalog;
void check_output(check_report *r, site *s, const struct catalog *cat, const char *dir);

/* The template a built page's markup comes from (check_layout.c), for
 * the rules a site's layout override can break: a page's templates as its
 * inputs record them (the render's, in the publish pipeline), else as a
 * build would resolve them now (render_record_layout, into p->inputs).
 * Marks are what a template is searched for (outside Mustache comments). */
typedef enum {
  CHECK_MARK_START,          /* the file's first line */
  CHECK_MARK_HEAD,           /* <head> */
  CHECK_MARK_BODY,           /* <body> */
  CHECK_MARK_HEADER,         /* <header> */
  CHECK_MARK_VIEWPORT,       /* <meta name="viewport" …> */
  CHECK_MARK_DEVICE_WIDTH,   /* … with width=device-width */
  CHECK_MARK_ZOOMABLE,       /* … that lets readers zoom (check_viewport_locks_zoom: false; not
                                one whose content is Mustache's to write) */
  CHECK_MARK_VIEWPORT_AGAIN, /* a second <meta name="viewport" …> in the same file */
  CHECK_MARK_SEARCH_FORM,    /* <form role="search"> */
  CHECK_MARKS
} check_mark;
/* Does a viewport meta tag's content keep readers from zooming in to 200%
 * (WCAG 1.4.4; 适老化), as W3C's ACT rule b4f0c3 (Meta viewport allows for
 * zoom) reads it: a user-scalable other than yes, device-width,
 * device-height or a number of 1 or more (either sign) turns zooming off;
 * a maximum-scale other than device-width, device-height, a negative
 * number or one of 2 or more caps it below 200%.  The first key=value
 * that does is content[*at .. *at + *len) (either may be NULL). */
bool check_viewport_locks_zoom(const char *content, size_t *at, size_t *len);
/* Does the page `html` send readers on to `url` at once: is its first
 * <meta http-equiv="refresh"> (outside comments and raw text) one with a
 * delay of 0 and the URL `url`, as HTML's declarative refresh reads
 * content="0; url=URL"?  The build holds each alias redirect to it
 * (extras.c), so govpub check, which knows a redirect by its meta refresh,
 * finds every built one.  Decoded attribute values go in `a`. */
bool check_refreshes_to(arena *a, const char *html, const char *url);
/* Where a redirect's template `src` is to be told that its redirect does
 * not send readers on: at its first <meta http-equiv="refresh"> (one with
 * the wrong target or delay) as check_refreshes_to reads the output, else
 * at its <head> tag, else 1:1. */
void check_refresh_place(arena *a, const char *src, int *line, int *col);
/* The ids of the page `html` — its elements' id attributes and its <a>s'
 * names, decoded, outside comments and raw text — in document order, as
 * the #anchors check of govpub check reads them: *ids in `a`, how many
 * returned.  The build holds a page's links to its own anchors to them
 * (page_anchors.c). */
size_t check_page_ids(arena *a, const char *html, const char ***ids);
typedef struct check_layouts check_layouts;
check_layouts *check_layouts_new(site *s, const struct catalog *cat);
void check_layouts_free(check_layouts *L); /* NULL: a no-op */
/* The template to name for what a built page lacks, and where in it: the
 * page of the model p, else the page govpub makes itself at `rel` (below
 * the built folder: search/index.html, 404.html, a taxonomy's pages, the
 * data catalog's department and topic pages).
 * None (false) when neither is known, when no layout resolves, when one of
 * its templates has mark `ok` (-1: none) — they would write what the page
 * lacks — or when they hold fewer viewport tags than the page's
 * `viewports`: either way they did not make it as they are; else, among
 * the site's own layouts/ p uses (else all its templates), the first
 * holding marks[0], else marks[1] … (false when none does).  *path as
 * messages name it. */
bool check_layout_blame(check_layouts *L, page *p, const char *rel, int ok, int viewports, const check_mark *marks,
                        size_t nmarks, const char **path, int *line, int *col);

/* ---- the verdict ------------------------------------------------------------------ */

typedef struct check_summary {
  size_t errors, warnings;
  size_t *per_rule;       /* items per rule (check_rules order) */
  size_t stale_columns;   /* 栏目不更新, of the 2-week / 6-month classes */
  size_t stale_all;       /* every stale column (人事/规划 too) */
  size_t empty_columns;   /* 空白栏目 */
  const char **vetoes;    /* 单项否决 reasons, in checklist order */
  size_t nvetoes;
  bool passed;            /* no veto and no error */
  const char *pages_unchecked; /* only the model was inspected: the command that checks the built pages; NULL: they were */
} check_summary;

/* The summary of everything recorded so far (owned by r). */
const check_summary *check_summarize(check_report *r);
bool check_passed(check_report *r);
/* The items sorted (owned by r, valid until the next check_add). */
const check_item *check_items(check_report *r, size_t *n);
const check_settings *check_report_settings(const check_report *r);
/* Only the model was inspected, not built pages (no check_output): the
 * verdict says so, naming `command` (copied), which checks them. */
void check_report_model_only(check_report *r, const char *command);
/* Counts the model check keeps for the summary. */
void check_count_column(check_report *r, bool empty, bool stale, bool veto_class);

/* ---- reports (check_report.c) --------------------------------------------------- */

/* Items as diagnostics (path:line:col: error: [category] … + hint), then
 * the inspection summary and the verdict. */
void check_report_text(FILE *f, check_report *r);
/* One JSON object: tool, as_of, verdict, vetoes, counts, items. */
void check_report_json(FILE *f, check_report *r);
/* SARIF 2.1.0 (a rule per check rule, columnKind unicodeCodePoints); file
 * URIs relative to `base` (an absolute folder, "" for none). */
void check_report_sarif(FILE *f, check_report *r, const char *base);
/* Every item as a diagnostic and the verdict as one line: for the publish
 * gate (errors and 单项否决 stop a publish). */
void check_report_diag(check_report *r);

#endif

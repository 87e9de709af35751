/* interact: the 互动交流 part of the site model (docs/interaction.md) —
 * 网上调查 (survey), 民意征集 (solicitation) and 在线访谈 (interview).
 *
 * interact_link.c owns what needs the whole site: the `result:` of an
 * original (its 反馈结果 page) resolved and linked both ways, and 期数
 * (`issue:`) unique per type and year.  interact_letters.c owns the 群众来信
 * figures, data/letters/<year>.yaml, and the summary a column's list page
 * shows (site.yaml `letters.column`); interact_letter.c the letters
 * published one by one (信件选登: pages with `replied:`).  The fields' formats (status, end,
 * organiser …) stay in site.yaml `fields:`, checked by the loader; whether
 * an ended survey has published its result is govpub check's rule `result`
 * (check_model.c).
 *
 * Ownership: everything lives in the site's main arena; template data in the
 * arena given to each call. */
#ifndef GOVPUB_INTERACT_H
#define GOVPUB_INTERACT_H

#include "markdown.h"
#include "site.h"
#include "url.h"
#include "value.h"

typedef struct interact interact;

/* A letter of `pending:` (not answered yet): the day it came in, its
 * number and subject when given (else NULL), and where its `received:`
 * value is, for govpub check's rule `reply` (check_letters.c). */
typedef struct {
  const char *received; /* YYYY-MM-DD as written */
  int64_t day;          /* its day number (days_from_civil) */
  const char *no, *subject;
  int line, col;
} letter_pending;

/* One year of data/letters/<year>.yaml. */
typedef struct {
  int year;
  const char *file; /* the file as messages name it */
  long received, handled;
  const char **channels; /* by_channel: names and counts, in file order */
  long *channel_counts;
  size_t nchannels;
  letter_pending *pending; /* in file order; at most received − handled of them */
  size_t npending;
} letters_year;

/* Links results, checks 期数 and loads the letters of the linked site `s`;
 * reports every problem (a `result:` naming no page, a duplicate 期数 with
 * both positions, an `end:` before the page's date, a letters figure that is not a whole number or handled >
 * received, a pending letter's bad date).  The letters files become inputs of the page that shows
 * them (see letters_load).  Sets s->interact (govpub check reads the
 * pending letters there).  Never NULL. */
interact *interact_load(site *s);

/* Sets on the `page` map of an article: `result` (title, url) when it names
 * a built result page, `result_of` (the originals a result page answers:
 * title, url, kind 网上调查/民意征集/…, issue) and `has_result_of`. */
void interact_page_data(arena *a, const interact *ia, const urlctx *u, const page *p, tval *pg);

/* Sets on a list item (and so on the page) of a page with `status:` or
 * `issue:`: `issue`, `status`, `status_open` / `status_closed`, `end` and
 * `organiser`; of a letter, `letter` (interact_letter_item); nothing on
 * other pages.  Reads the front matter only. */
void interact_item_data(arena *a, const page *p, tval *m);

/* The letters read (newest year first), for govpub check; NULL and 0 when
 * `ia` is NULL (interact_load has not run). */
const letters_year *interact_letters(const interact *ia, size_t *n);

/* The letters summary for the list page of `col`: a map with `years`
 * (newest first: year, received, handled, rate "97.8%", pending, channels) when
 * `col` is site.yaml's letters.column and there are letters; else NULL. */
tval *interact_letters_data(arena *a, const interact *ia, const column *col);

/* ---- interact_letters.c ---- */

/* Reads site.yaml `letters:` and every data/letters/<year>.yaml, newest
 * first; problems reported at their file:line:col.  *col is the column
 * whose list page shows the summary (NULL: none); each file is recorded as
 * an input of that column's page (its review bundle). */
letters_year *letters_load(site *s, size_t *n, const column **col);
/* 办结率 as shown: "100%", "97.8%" (one decimal, none when whole), "—"
 * when nothing was received; in `a`. */
const char *letters_rate(arena *a, long received, long handled);

/* ---- interact_letter.c ---- */

/* The heading a letter's reply starts at (`## 答复`): a Markdown heading an
 * editor writes anyway, which reads right even in a theme that shows the
 * body whole; read by interact_letter_parts, written by govpub new into a
 * letter it starts. */
#define INTERACT_REPLY_HEADING "答复"
/* A letter published with its reply (信件选登) is a page with p->is_letter
 * (set by the loader: a page, not a column's _index.md, with `replied:`
 * written).  A letter's `received:` and `replied:` as day numbers
 * (days_from_civil) and the `replied:` value (for positions), when both are
 * valid dates. */
bool interact_letter_days(const page *p, int64_t *received, int64_t *replied, const yx_node **at);
/* Reports every letter whose `replied:` is before its `received:`. */
void letters_check_dates(site *s);
/* Sets `letter` on the list item of a letter: no, received, replied,
 * replier, kind (the front matter's text; a missing one unset). */
void interact_letter_item(arena *a, const page *p, tval *m);
/* A letter's body split at its one top-level `## 答复` heading: sets
 * `letter_content` (来信内容) and `reply_content` (答复内容), slices of
 * res->html, on the page map `pg`.  A letter without the heading, with two,
 * or with either part empty is reported (false); other pages: nothing,
 * true. */
bool interact_letter_parts(arena *a, const page *p, const md_result *res, tval *pg);

#endif

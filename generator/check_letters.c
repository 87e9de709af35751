/* check_letters: the 单项否决 互动回应差 of govpub check (check.h) — a
 * letter (群众来信, 留言) left unanswered for more than three months.  The
 * letters not answered yet are the `pending:` lists of
 * data/letters/<year>.yaml, read and validated by interact_letters.c; this
 * rule only judges their age against the day of the check: more than
 * check.reply_days (90) days is an error, and the inspection fails; due
 * within REPLY_SOON_DAYS, a warning, so the office answers in time.  A
 * letter received after the day of the check cannot have come in yet: a
 * warning that its date is almost surely a typo (one that would put its
 * reply's due day later than it is).  Only here, as for a page's date
 * ahead (rule date-future): the loader, and so the build, judges the file
 * and never the clock.
 *
 * The letters published with their replies (信件选登, interact_letter.c)
 * are judged by their own two dates, not the clock: one answered more than
 * check.reply_days after it came in is a warning, not a veto — it has been
 * answered, its page is the public record of that, and the 单项否决 is for
 * letters still waiting; the warning names the days, so the office sees
 * how late it was. */
#include "check.h"
#include "interact.h"

/* `letter 2024-0091 "关于…"` or `letter` when neither is given. */
static const char *letter_name(arena *a, const letter_pending *lp) {
  return arena_printf(a, "letter%s%s%s%s%s", lp->no ? " " : "", lp->no ? lp->no : "", lp->subject ? " \"" : "",
                      lp->subject ? lp->subject : "", lp->subject ? "\"" : "");
}

/* Published letters (信件选登) answered late: a warning at `replied:`. */
static void late_replies(check_report *r, site *s) {
  const check_settings *st = check_report_settings(r);
  for (size_t i = 0; i < s->npages; i++) {
    const page *p = s->pages[i];
    int64_t rec, rep;
    const yx_node *v;
    if (!p->built || !interact_letter_days(p, &rec, &rep, &v) || rep - rec <= st->reply_days) continue;
    check_add(r, CHECK_WARNING, "reply", p->src, v->line, v->col,
              arena_printf(s->a, "answered late, so no 单项否决 (that is for a letter still unanswered): answer "
                                 "letters within %d days of coming in; correct `received:` or `replied:` if one "
                                 "is wrong",
                           st->reply_days),
              "letter \"%s\" was answered %lld days after it came in (received %s, replied %s), more than %d "
              "(check.reply_days)",
              p->title, (long long)(rep - rec), yx_str(yx_get(p->fm, "received")), v->str, st->reply_days);
  }
}

void check_letters(check_report *r, site *s) {
  late_replies(r, s);
  const check_settings *st = check_report_settings(r);
  size_t n;
  const letters_year *ly = interact_letters(s->interact, &n);
  for (size_t y = 0; y < n; y++)
    for (size_t i = 0; i < ly[y].npending; i++) {
      const letter_pending *lp = &ly[y].pending[i];
      long long waited = (long long)(st->today - lp->day), left = st->reply_days - waited;
      const char *due = check_ymd(s->a, lp->day + st->reply_days), *pinned = check_pinned_hint(st, lp->day);
      if (waited < 0)
        check_add(r, CHECK_WARNING, "reply", ly[y].file, lp->line, lp->col,
                  pinned ? pinned
                         : "correct `received:` to the day the letter came in (a typo?): its reply is due "
                           "check.reply_days after that day, and a date ahead hides a letter overdue",
                  "%s received %s is after %s, the day of the check (%s)", letter_name(s->a, lp), lp->received,
                  st->today_ymd, st->today_from);
      else if (left < 0)
        check_add(r, CHECK_ERROR, "reply", ly[y].file, lp->line, lp->col,
                  arena_printf(s->a, "answer it, then take it out of `pending:` (count it in `handled:` once it is "
                                     "办结): a letter unanswered for more than %d days (check.reply_days) is 互动回应差, "
                                     "单项否决",
                               st->reply_days),
                  "%s received %s has waited %lld days for a reply as of %s, more than %d: it was due by %s",
                  letter_name(s->a, lp), lp->received, waited, st->today_ymd, st->reply_days, due);
      else if (left <= REPLY_SOON_DAYS)
        check_add(r, CHECK_WARNING, "reply", ly[y].file, lp->line, lp->col,
                  arena_printf(s->a, "answer it by %s, then take it out of `pending:`: unanswered after %d days "
                                     "(check.reply_days) it is 互动回应差, 单项否决",
                               due, st->reply_days),
                  "%s received %s has waited %lld days: its reply is due by %s (%s)", letter_name(s->a, lp),
                  lp->received, waited, due,
                  left ? arena_printf(s->a, "in %lld day%s", left, left == 1 ? "" : "s") : "today");
    }
}

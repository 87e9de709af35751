/* interact_letter: 信件选登 — single letters published with their replies
 * (docs/interaction.md).  A letter page is a page with `replied:`
 * (p->is_letter, decided once by the loader: the render only asks it; the
 * sample's type `letter` requires it, with `received:`, `replier:` and
 * `kind:`; their formats are site.yaml `fields:`, checked by the loader).
 * This file owns what the formats cannot say: `replied:` not before
 * `received:` (at load), the body split into the letter (来信内容) and its
 * reply (答复内容) at its one `## 答复` heading (at render, where the body's
 * headings are known), and the template data of a letter and its list
 * items.  Whether a reply was late is govpub check's (check_letters.c, rule
 * reply), judged by the two dates alone. */
#include <string.h>

#include "datetime.h"
#include "diag.h"
#include "interact.h"

/* The date of `v` when it is one (a malformed one the loader reported),
 * as a day number in *day. */
static bool field_day(const yx_node *v, int64_t *day, const yx_node **at) {
  gdate d;
  if (!yx_str(v) || !gdate_parse(v->str, false, &d)) return false;
  *day = gdate_day(&d);
  if (at) *at = v;
  return true;
}

bool interact_letter_days(const page *p, int64_t *received, int64_t *replied, const yx_node **at) {
  return p->is_letter && field_day(yx_get(p->fm, "received"), received, NULL) && field_day(p->replied_node, replied, at);
}

void letters_check_dates(site *s) {
  for (size_t i = 0; i < s->npages; i++) {
    const page *p = s->pages[i];
    int64_t rec, rep;
    const yx_node *v;
    if (!interact_letter_days(p, &rec, &rep, &v) || rep >= rec) continue;
    diag_error(p->src, v->line, v->col,
               "`received:` is the day the letter came in, `replied:` the day it was answered: correct one of them",
               "\"replied\" %s is before \"received\" %s", v->str, yx_str(yx_get(p->fm, "received")));
  }
}

static const char *fm_text(const page *p, const char *key) {
  const yx_node *v = yx_get(p->fm, key);
  return v && v->kind == YX_SCALAR && v->len && !yx_is_null(v) ? v->str : NULL;
}

void interact_letter_item(arena *a, const page *p, tval *m) {
  if (!p->is_letter) return;
  tval *l = tv_map(a);
  static const char *const keys[] = {"no", "received", "replied", "replier", "kind"};
  for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) tv_set_str(a, l, keys[i], fm_text(p, keys[i]));
  tv_set(a, m, "letter", l);
}

/* Whether html[0..n) shows nothing (blank lines only). */
static bool blank_html(const char *html, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (html[i] != '\n' && html[i] != ' ') return false;
  return true;
}

bool interact_letter_parts(arena *a, const page *p, const md_result *res, tval *pg) {
  if (!p->is_letter) return true; /* decided at load (page_fields): most pages ask nothing more */
  const md_heading *h = NULL;
  for (size_t i = 0; i < res->n_headings; i++) {
    const md_heading *x = &res->headings[i];
    if (x->level != 2 || !x->top || strcmp(x->text, INTERACT_REPLY_HEADING) != 0) continue;
    if (!h) {
      h = x;
      continue;
    }
    diag_error(p->src, x->line, 1, "a letter has one reply: merge the two, or make this heading a ### one",
               "a second \"## " INTERACT_REPLY_HEADING "\" heading (the reply starts at line %d)", h->line);
    return false;
  }
  const yx_node *v = p->replied_node;
  if (!h) {
    diag_error(p->src, v->line, v->col,
               "write the reply below the letter, after a line \"## " INTERACT_REPLY_HEADING "\" (docs/editors.md, 信件选登)",
               "letter without a reply: no \"## " INTERACT_REPLY_HEADING "\" heading in the body");
    return false;
  }
  /* the heading as the writer made it: <h2 id="…">答复</h2>, ids unique in the page */
  const char *open = arena_printf(a, "<h2 id=\"%s\">", h->id), *at = strstr(res->html, open);
  const char *close = at ? strstr(at, "</h2>") : NULL;
  if (!close) return true; /* raw HTML in its way: shown whole, as by a theme without letters */
  size_t before = (size_t)(at - res->html), after = (size_t)(close + strlen("</h2>") - res->html);
  bool no_letter = blank_html(res->html, before), no_reply = blank_html(res->html + after, res->html_len - after);
  if (no_letter) /* both said when both are missing (a page govpub new started) */
    diag_error(p->src, h->line, 1, "write the letter (来信内容) above the \"## " INTERACT_REPLY_HEADING "\" line",
               "no letter before \"## " INTERACT_REPLY_HEADING "\"");
  if (no_reply)
    diag_error(p->src, h->line, 1, "write the reply (答复内容) below the \"## " INTERACT_REPLY_HEADING "\" line",
               "the reply after \"## " INTERACT_REPLY_HEADING "\" is empty");
  if (no_letter || no_reply) return false;
  tv_set(a, pg, "letter_content", tv_html(a, res->html, before));
  tv_set(a, pg, "reply_content", tv_html(a, res->html + after, res->html_len - after));
  return true;
}

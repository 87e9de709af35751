/* check_report: the items and the verdict of an inspection (check.h) as
 *  - text: each item in the diagnostic format, then the inspection summary
 *    (counts per category, 单项否决 reasons, 合格 / 不合格), for people;
 *  - JSON, for scripts and the publish audit log;
 *  - SARIF 2.1.0 for code-scanning tools (a rule per check rule, columns in
 *    code points, as everywhere in govpub);
 *  - diagnostics, for the publish gate. */
#include <string.h>

#include "check.h"
#include "diag.h"
#include "jsonw.h"

static const char *level(check_level l) { return l == CHECK_ERROR ? "error" : "warning"; }

static void position(buf *b, const check_item *it) {
  diag_visible(b, it->path);
  if (it->line > 0) buf_printf(b, ":%d", it->line);
  if (it->line > 0 && it->col > 0) buf_printf(b, ":%d", it->col);
}

/* Everything a report shows, read once. */
typedef struct {
  const check_item *v;
  size_t n, nr;
  const check_rule *rules;
  const check_summary *s;
  const check_settings *st;
} view;

static view view_of(check_report *r) {
  view w;
  w.v = check_items(r, &w.n);
  w.rules = check_rules(&w.nr);
  w.s = check_summarize(r);
  w.st = check_report_settings(r);
  return w;
}

static const char *verdict(const check_summary *s) { return s->passed ? "合格" : "不合格"; }

void check_report_text(FILE *f, check_report *r) {
  view w = view_of(r);
  buf b = BUF_INIT;
  for (size_t i = 0; i < w.n; i++) {
    position(&b, &w.v[i]);
    buf_printf(&b, ": %s: [%s] ", level(w.v[i].level), w.rules[w.v[i].rule].category);
    diag_visible(&b, w.v[i].msg);
    if (w.v[i].hint) {
      buf_puts(&b, "\n  hint: ");
      diag_visible(&b, w.v[i].hint);
    }
    buf_putc(&b, '\n');
  }
  buf_printf(&b, "%s政府网站检查 (国办秘函〔2019〕19号)", w.n ? "\n" : "");
  if (w.st) buf_printf(&b, " as of %s (%s)\n", w.st->today_ymd, w.st->today_from);
  else buf_puts(&b, ": site.yaml has errors, the site was not inspected\n");
  const char *last = NULL;
  for (size_t k = 0; k < w.nr; k++) { /* per category, in the rules' order */
    if (last && strcmp(last, w.rules[k].category) == 0) continue;
    last = w.rules[k].category;
    size_t errors = 0, warnings = 0;
    for (size_t i = 0; i < w.n; i++)
      if (strcmp(w.rules[w.v[i].rule].category, last) == 0) w.v[i].level == CHECK_ERROR ? errors++ : warnings++;
    if (errors || warnings) buf_printf(&b, "  %s: %zu error%s, %zu warning%s\n", last, errors, errors == 1 ? "" : "s",
                                       warnings, warnings == 1 ? "" : "s");
  }
  buf_printf(&b, "  stale columns: %zu, empty columns: %zu\n", w.s->stale_all, w.s->empty_columns);
  for (size_t i = 0; i < w.s->nvetoes; i++) buf_printf(&b, "  单项否决: %s\n", w.s->vetoes[i]);
  buf_printf(&b, "verdict: %s", verdict(w.s));
  /* a pass judged on the model alone says so (a fail stands whatever was not looked at) */
  if (w.s->passed && w.s->pages_unchecked) {
    buf_puts(&b, "（仅检查内容模型，未检查生成的页面：");
    diag_visible(&b, w.s->pages_unchecked);
    buf_puts(&b, "）");
  }
  buf_printf(&b, " (%zu error%s, %zu warning%s%s)\n", w.s->errors, w.s->errors == 1 ? "" : "s", w.s->warnings,
             w.s->warnings == 1 ? "" : "s", w.s->nvetoes ? ", 单项否决" : "");
  fwrite(b.data, 1, b.len, f);
  buf_free(&b);
}

void check_report_diag(check_report *r) {
  view w = view_of(r);
  for (size_t i = 0; i < w.n; i++)
    diag_at(w.v[i].level == CHECK_ERROR ? DIAG_ERROR : DIAG_WARNING, w.v[i].path[0] ? w.v[i].path : NULL, w.v[i].line,
            w.v[i].col, w.v[i].hint, "[%s] %s", w.rules[w.v[i].rule].category, w.v[i].msg);
  for (size_t i = 0; i < w.s->nvetoes; i++)
    diag_error(NULL, 0, 0, "fix the items above and run govpub check again", "inspection: 单项否决: %s",
               w.s->vetoes[i]);
}

/* ---- JSON ------------------------------------------------------------------------ */

static void counts(buf *b, const check_summary *s) {
  size_t nr;
  const check_rule *rules = check_rules(&nr);
  buf_printf(b, "  \"errors\": %zu,\n  \"warnings\": %zu,\n  \"stale_columns\": %zu,\n  \"empty_columns\": %zu,\n",
             s->errors, s->warnings, s->stale_all, s->empty_columns);
  buf_puts(b, "  \"rules\": {");
  for (size_t k = 0; k < nr; k++) buf_printf(b, "%s\"%s\": %zu", k ? ", " : "", rules[k].id, s->per_rule[k]);
  buf_puts(b, "},\n  \"vetoes\": [");
  for (size_t i = 0; i < s->nvetoes; i++) {
    buf_puts(b, i ? ", " : "");
    jsonw_string(b, s->vetoes[i]);
  }
  buf_puts(b, "],\n");
}

void check_report_json(FILE *f, check_report *r) {
  view w = view_of(r);
  buf b = BUF_INIT;
  buf_puts(&b, "{\n");
  jsonw_str(&b, "  ", "tool", "govpub check");
  jsonw_str(&b, ",\n  ", "version", GOVPUB_VERSION);
  jsonw_str(&b, ",\n  ", "checklist", "政府网站与政务新媒体检查指标 (国办秘函〔2019〕19号)");
  jsonw_str(&b, ",\n  ", "as_of", w.st ? w.st->today_ymd : NULL);
  jsonw_str(&b, ",\n  ", "as_of_from", w.st ? w.st->today_from : NULL);
  jsonw_str(&b, ",\n  ", "verdict", verdict(w.s));
  buf_printf(&b, ",\n  \"passed\": %s,\n  \"pages_checked\": %s", w.s->passed ? "true" : "false",
             w.s->pages_unchecked ? "false" : "true");
  jsonw_str(&b, ",\n  ", "check_pages", w.s->pages_unchecked); /* the command that checks them, or null */
  buf_puts(&b, ",\n");
  counts(&b, w.s);
  buf_puts(&b, "  \"items\": [");
  for (size_t i = 0; i < w.n; i++) {
    const check_item *it = &w.v[i];
    buf_puts(&b, i ? ",\n    {" : "\n    {");
    jsonw_str(&b, "", "path", it->path);
    buf_printf(&b, ", \"line\": %d, \"column\": %d", it->line, it->col);
    jsonw_str(&b, ", ", "level", level(it->level));
    jsonw_str(&b, ", ", "rule", w.rules[it->rule].id);
    jsonw_str(&b, ", ", "category", w.rules[it->rule].category);
    jsonw_str(&b, ", ", "message", it->msg);
    jsonw_str(&b, ", ", "hint", it->hint);
    buf_putc(&b, '}');
  }
  buf_puts(&b, w.n ? "\n  ]\n}\n" : "]\n}\n");
  fwrite(b.data, 1, b.len, f);
  buf_free(&b);
}

/* ---- SARIF 2.1.0 --------------------------------------------------------------------- */

void check_report_sarif(FILE *f, check_report *r, const char *base) {
  view w = view_of(r);
  buf b = BUF_INIT;
  buf_puts(&b, "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n"
               "  \"runs\": [{\n    \"tool\": {\"driver\": {\"name\": \"govpub check\"");
  jsonw_str(&b, ", ", "version", GOVPUB_VERSION);
  buf_puts(&b, ", \"rules\": [");
  for (size_t k = 0; k < w.nr; k++) {
    buf_puts(&b, k ? ",\n      {" : "\n      {");
    jsonw_str(&b, "", "id", w.rules[k].id);
    buf_puts(&b, ", \"shortDescription\": {");
    jsonw_str(&b, "", "text", w.rules[k].what);
    buf_puts(&b, "}, \"properties\": {");
    jsonw_str(&b, "", "category", w.rules[k].category);
    buf_puts(&b, "}}");
  }
  buf_puts(&b, "]}},\n    \"columnKind\": \"unicodeCodePoints\",\n");
  jsonw_sarif_base(&b, base);
  buf_puts(&b, "    \"properties\": {");
  jsonw_str(&b, "", "asOf", w.st ? w.st->today_ymd : NULL);
  jsonw_str(&b, ", ", "verdict", verdict(w.s));
  buf_printf(&b, ", \"pagesChecked\": %s", w.s->pages_unchecked ? "false" : "true");
  buf_puts(&b, ", \"vetoes\": [");
  for (size_t i = 0; i < w.s->nvetoes; i++) {
    buf_puts(&b, i ? ", " : "");
    jsonw_string(&b, w.s->vetoes[i]);
  }
  buf_printf(&b, "]},\n    \"invocations\": [{\"executionSuccessful\": true}],\n    \"results\": [");
  for (size_t i = 0; i < w.n; i++) {
    const check_item *it = &w.v[i];
    buf_puts(&b, i ? ",\n      {" : "\n      {");
    jsonw_str(&b, "", "ruleId", w.rules[it->rule].id);
    buf_printf(&b, ", \"ruleIndex\": %zu", it->rule);
    jsonw_str(&b, ", ", "level", level(it->level));
    buf_puts(&b, ", \"message\": {");
    buf t = BUF_INIT;
    buf_printf(&t, "[%s] %s%s%s", w.rules[it->rule].category, it->msg, it->hint ? " — " : "", it->hint ? it->hint : "");
    jsonw_str(&b, "", "text", buf_cstr(&t));
    buf_free(&t);
    buf_puts(&b, "}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {");
    jsonw_sarif_artifact(&b, it->path, base);
    buf_puts(&b, "}");
    if (it->line > 0) {
      buf_printf(&b, ", \"region\": {\"startLine\": %d", it->line);
      if (it->col > 0) buf_printf(&b, ", \"startColumn\": %d", it->col);
      buf_putc(&b, '}');
    }
    buf_puts(&b, "}}], \"properties\": {");
    jsonw_str(&b, "", "category", w.rules[it->rule].category);
    buf_puts(&b, "}}");
  }
  buf_puts(&b, w.n ? "\n    ]\n  }]\n}\n" : "]\n  }]\n}\n");
  fwrite(b.data, 1, b.len, f);
  buf_free(&b);
}

/* scan_report: the hits of a scan, sorted by file and position, as
 *  - text, in the diagnostic format (path:line:col: error: [category] 词
 *    «context» and a hint line), for people;
 *  - JSON, one object with the dictionary version and every hit, for scripts
 *    and the publish audit log;
 *  - SARIF 2.1.0 for code-scanning tools (a rule per list; columns in code
 *    points, as everywhere in govpub);
 *  - diagnostics, for the publish gate (all messages go through diag). */
#include <string.h>

#include "diag.h"
#include "jsonw.h"
#include "scan_impl.h"

static const char *level(scan_severity s) { return s == SCAN_BLOCK ? "error" : "warning"; }
static const char *severity(scan_severity s) { return s == SCAN_BLOCK ? "block" : "warn"; }

/* "[category] term «context»" */
static void message(buf *b, const scan_dict *d, const scan_hit *h) {
  buf_printf(b, "[%s] %s «%s»", d->lists[h->list].category, h->term, h->context);
}

void scan_report_text(FILE *f, const scan_dict *d, scan_hits *hits) {
  size_t n;
  const scan_hit *v = scan_hits_sorted(hits, &n);
  buf b = BUF_INIT, out = BUF_INIT;
  for (size_t i = 0; i < n; i++) { /* quoted as diag quotes: one line each, no terminal escapes */
    buf_clear(&b);
    buf_clear(&out);
    message(&b, d, &v[i]);
    diag_visible(&out, v[i].path);
    buf_printf(&out, ":%d:%d: %s: ", v[i].line, v[i].col, level(v[i].severity));
    diag_visible(&out, buf_cstr(&b));
    buf_puts(&out, "\n  hint: ");
    diag_visible(&out, v[i].hint);
    buf_putc(&out, '\n');
    fwrite(out.data, 1, out.len, f);
  }
  buf_free(&b);
  buf_free(&out);
}

void scan_report_diag(const scan_dict *d, scan_hits *hits) {
  size_t n;
  const scan_hit *v = scan_hits_sorted(hits, &n);
  buf b = BUF_INIT;
  for (size_t i = 0; i < n; i++) {
    buf_clear(&b);
    message(&b, d, &v[i]);
    diag_at(v[i].severity == SCAN_BLOCK ? DIAG_ERROR : DIAG_WARNING, v[i].path, v[i].line, v[i].col, v[i].hint,
            "%s", buf_cstr(&b));
  }
  buf_free(&b);
}

/* ---- JSON ---------------------------------------------------------------- */

void scan_report_json(FILE *f, const scan_dict *d, scan_hits *hits, size_t nfiles) {
  size_t n;
  const scan_hit *v = scan_hits_sorted(hits, &n);
  buf b = BUF_INIT;
  buf_puts(&b, "{\n");
  jsonw_str(&b, "  ", "tool", "govpub scan");
  jsonw_str(&b, ",\n  ", "version", GOVPUB_VERSION);
  buf_puts(&b, ",\n  \"dictionary\": {");
  jsonw_str(&b, "", "dir", d->dir);
  jsonw_str(&b, ", ", "version", d->version);
  buf_printf(&b, ", \"lists\": %zu, \"words\": %zu, \"patterns\": %zu},\n", d->nlists, d->nwords, d->npatterns);
  buf_printf(&b, "  \"files\": %zu,\n  \"errors\": %zu,\n  \"warnings\": %zu,\n  \"hits\": [", nfiles,
             scan_hits_count(hits, SCAN_BLOCK), scan_hits_count(hits, SCAN_WARN));
  for (size_t i = 0; i < n; i++) {
    const scan_hit *h = &v[i];
    const scan_list *l = &d->lists[h->list];
    buf_puts(&b, i ? ",\n    {" : "\n    {");
    jsonw_str(&b, "", "path", h->path);
    buf_printf(&b, ", \"line\": %d, \"column\": %d, \"end_line\": %d, \"end_column\": %d", h->line, h->col,
               h->end_line, h->end_col);
    jsonw_str(&b, ", ", "severity", severity(h->severity));
    jsonw_str(&b, ", ", "level", level(h->severity));
    jsonw_str(&b, ", ", "category", l->category);
    jsonw_str(&b, ", ", "rule", l->rule);
    jsonw_str(&b, ", ", "list", l->file);
    jsonw_str(&b, ", ", "entry_file", h->entry_file);
    buf_printf(&b, ", \"entry_line\": %d", h->entry_line);
    jsonw_str(&b, ", ", "field", h->field);
    jsonw_str(&b, ", ", "term", h->term);
    jsonw_str(&b, ", ", "matched", h->matched);
    jsonw_str(&b, ", ", "context", h->context);
    jsonw_str(&b, ", ", "hint", h->hint);
    jsonw_str(&b, ", ", "fix", h->fix);
    buf_putc(&b, '}');
  }
  buf_puts(&b, n ? "\n  ]\n}\n" : "]\n}\n");
  fwrite(b.data, 1, b.len, f);
  buf_free(&b);
}

/* ---- SARIF 2.1.0 ------------------------------------------------------------ */

void scan_report_sarif(FILE *f, const scan_dict *d, scan_hits *hits, const char *base) {
  size_t n;
  const scan_hit *v = scan_hits_sorted(hits, &n);
  buf b = BUF_INIT, msg = BUF_INIT;
  buf_puts(&b, "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n"
               "  \"runs\": [{\n    \"tool\": {\"driver\": {\"name\": \"govpub scan\"");
  jsonw_str(&b, ", ", "version", GOVPUB_VERSION);
  buf_puts(&b, ", \"rules\": [");
  for (size_t i = 0; i < d->nlists; i++) {
    const scan_list *l = &d->lists[i];
    buf_puts(&b, i ? ",\n      {" : "\n      {");
    jsonw_str(&b, "", "id", l->rule);
    buf_puts(&b, ", \"shortDescription\": {");
    jsonw_str(&b, "", "text", l->category);
    buf_puts(&b, "}, \"fullDescription\": {");
    jsonw_str(&b, "", "text", l->file);
    buf_printf(&b, "}, \"defaultConfiguration\": {\"level\": \"%s\"}}", level(l->severity));
  }
  buf_puts(&b, "]}},\n    \"columnKind\": \"unicodeCodePoints\",\n");
  jsonw_sarif_base(&b, base);
  buf_puts(&b, "    \"properties\": {");
  jsonw_str(&b, "", "dictionary", d->dir);
  jsonw_str(&b, ", ", "dictionaryVersion", d->version);
  buf_puts(&b, "},\n    \"invocations\": [{\"executionSuccessful\": true}],\n    \"results\": [");
  for (size_t i = 0; i < n; i++) {
    const scan_hit *h = &v[i];
    buf_clear(&msg);
    message(&msg, d, h);
    buf_printf(&msg, " — %s", h->hint);
    buf_puts(&b, i ? ",\n      {" : "\n      {");
    jsonw_str(&b, "", "ruleId", d->lists[h->list].rule);
    buf_printf(&b, ", \"ruleIndex\": %zu", h->list);
    jsonw_str(&b, ", ", "level", level(h->severity));
    buf_puts(&b, ", \"message\": {");
    jsonw_str(&b, "", "text", buf_cstr(&msg));
    buf_puts(&b, "}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {");
    jsonw_sarif_artifact(&b, h->path, base);
    buf_printf(&b, "}, \"region\": {\"startLine\": %d, \"startColumn\": %d, \"endLine\": %d, \"endColumn\": %d, "
                   "\"snippet\": {",
               h->line, h->col, h->end_line, h->end_col);
    jsonw_str(&b, "", "text", h->matched);
    buf_puts(&b, "}}}}], \"properties\": {");
    jsonw_str(&b, "", "severity", severity(h->severity));
    jsonw_str(&b, ", ", "category", d->lists[h->list].category);
    jsonw_str(&b, ", ", "term", h->term);
    jsonw_str(&b, ", ", "field", h->field);
    jsonw_str(&b, ", ", "fix", h->fix);
    jsonw_str(&b, ", ", "entryFile", h->entry_file);
    buf_printf(&b, ", \"entryLine\": %d}}", h->entry_line);
  }
  buf_puts(&b, n ? "\n    ]\n  }]\n}\n" : "]\n  }]\n}\n");
  fwrite(b.data, 1, b.len, f);
  buf_free(&b);
  buf_free(&msg);
}

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
#include "escape.h"
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
  buf b = BUF_INIT;
  for (size_t i = 0; i < n; i++) {
    buf_clear(&b);
    message(&b, d, &v[i]);
    fprintf(f, "%s:%d:%d: %s: %s\n  hint: %s\n", v[i].path, v[i].line, v[i].col, level(v[i].severity),
            buf_cstr(&b), v[i].hint);
  }
  buf_free(&b);
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

/* "key": "value" (null when value is NULL), after `sep`. */
static void jstr(buf *b, const char *sep, const char *key, const char *value) {
  buf_printf(b, "%s\"%s\": ", sep, key);
  if (!value) {
    buf_puts(b, "null");
    return;
  }
  buf_putc(b, '"');
  esc_json(b, value, strlen(value));
  buf_putc(b, '"');
}

void scan_report_json(FILE *f, const scan_dict *d, scan_hits *hits, size_t nfiles) {
  size_t n;
  const scan_hit *v = scan_hits_sorted(hits, &n);
  buf b = BUF_INIT;
  buf_puts(&b, "{\n");
  jstr(&b, "  ", "tool", "govpub scan");
  jstr(&b, ",\n  ", "version", GOVPUB_VERSION);
  buf_puts(&b, ",\n  \"dictionary\": {");
  jstr(&b, "", "dir", d->dir);
  jstr(&b, ", ", "version", d->version);
  buf_printf(&b, ", \"lists\": %zu, \"words\": %zu, \"patterns\": %zu},\n", d->nlists, d->nwords, d->npatterns);
  buf_printf(&b, "  \"files\": %zu,\n  \"errors\": %zu,\n  \"warnings\": %zu,\n  \"hits\": [", nfiles,
             scan_hits_count(hits, SCAN_BLOCK), scan_hits_count(hits, SCAN_WARN));
  for (size_t i = 0; i < n; i++) {
    const scan_hit *h = &v[i];
    const scan_list *l = &d->lists[h->list];
    buf_puts(&b, i ? ",\n    {" : "\n    {");
    jstr(&b, "", "path", h->path);
    buf_printf(&b, ", \"line\": %d, \"column\": %d, \"end_line\": %d, \"end_column\": %d", h->line, h->col,
               h->end_line, h->end_col);
    jstr(&b, ", ", "severity", severity(h->severity));
    jstr(&b, ", ", "level", level(h->severity));
    jstr(&b, ", ", "category", l->category);
    jstr(&b, ", ", "rule", l->rule);
    jstr(&b, ", ", "list", l->file);
    jstr(&b, ", ", "entry_file", h->entry_file);
    buf_printf(&b, ", \"entry_line\": %d", h->entry_line);
    jstr(&b, ", ", "field", h->field);
    jstr(&b, ", ", "term", h->term);
    jstr(&b, ", ", "matched", h->matched);
    jstr(&b, ", ", "context", h->context);
    jstr(&b, ", ", "hint", h->hint);
    jstr(&b, ", ", "fix", h->fix);
    buf_putc(&b, '}');
  }
  buf_puts(&b, n ? "\n  ]\n}\n" : "]\n}\n");
  fwrite(b.data, 1, b.len, f);
  buf_free(&b);
}

/* ---- SARIF 2.1.0 ------------------------------------------------------------ */

/* A file path as a URI reference: percent-encoded UTF-8. */
static void juri(buf *b, const char *sep, const char *key, const char *prefix, const char *path,
                 const char *suffix) {
  buf tmp = BUF_INIT;
  buf_puts(&tmp, prefix);
  esc_url_path(&tmp, path, strlen(path));
  buf_puts(&tmp, suffix);
  jstr(b, sep, key, buf_cstr(&tmp));
  buf_free(&tmp);
}

void scan_report_sarif(FILE *f, const scan_dict *d, scan_hits *hits, const char *base) {
  size_t n;
  const scan_hit *v = scan_hits_sorted(hits, &n);
  buf b = BUF_INIT, msg = BUF_INIT;
  buf_puts(&b, "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n"
               "  \"runs\": [{\n    \"tool\": {\"driver\": {\"name\": \"govpub scan\"");
  jstr(&b, ", ", "version", GOVPUB_VERSION);
  buf_puts(&b, ", \"rules\": [");
  for (size_t i = 0; i < d->nlists; i++) {
    const scan_list *l = &d->lists[i];
    buf_puts(&b, i ? ",\n      {" : "\n      {");
    jstr(&b, "", "id", l->rule);
    buf_puts(&b, ", \"shortDescription\": {");
    jstr(&b, "", "text", l->category);
    buf_puts(&b, "}, \"fullDescription\": {");
    jstr(&b, "", "text", l->file);
    buf_printf(&b, "}, \"defaultConfiguration\": {\"level\": \"%s\"}}", level(l->severity));
  }
  buf_puts(&b, "]}},\n    \"columnKind\": \"unicodeCodePoints\",\n");
  if (base && *base) {
    buf_puts(&b, "    \"originalUriBaseIds\": {\"SITEROOT\": {");
    juri(&b, "", "uri", "file://", base, "/");
    buf_puts(&b, "}},\n");
  }
  buf_puts(&b, "    \"properties\": {");
  jstr(&b, "", "dictionary", d->dir);
  jstr(&b, ", ", "dictionaryVersion", d->version);
  buf_puts(&b, "},\n    \"invocations\": [{\"executionSuccessful\": true}],\n    \"results\": [");
  for (size_t i = 0; i < n; i++) {
    const scan_hit *h = &v[i];
    buf_clear(&msg);
    message(&msg, d, h);
    buf_printf(&msg, " — %s", h->hint);
    buf_puts(&b, i ? ",\n      {" : "\n      {");
    jstr(&b, "", "ruleId", d->lists[h->list].rule);
    buf_printf(&b, ", \"ruleIndex\": %zu", h->list);
    jstr(&b, ", ", "level", level(h->severity));
    buf_puts(&b, ", \"message\": {");
    jstr(&b, "", "text", buf_cstr(&msg));
    buf_puts(&b, "}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {");
    if (h->path[0] == '/') {
      juri(&b, "", "uri", "file://", h->path, "");
    } else {
      juri(&b, "", "uri", "", h->path, "");
      if (base && *base) jstr(&b, ", ", "uriBaseId", "SITEROOT");
    }
    buf_printf(&b, "}, \"region\": {\"startLine\": %d, \"startColumn\": %d, \"endLine\": %d, \"endColumn\": %d, "
                   "\"snippet\": {",
               h->line, h->col, h->end_line, h->end_col);
    jstr(&b, "", "text", h->matched);
    buf_puts(&b, "}}}}], \"properties\": {");
    jstr(&b, "", "severity", severity(h->severity));
    jstr(&b, ", ", "category", d->lists[h->list].category);
    jstr(&b, ", ", "term", h->term);
    jstr(&b, ", ", "field", h->field);
    jstr(&b, ", ", "fix", h->fix);
    jstr(&b, ", ", "entryFile", h->entry_file);
    buf_printf(&b, ", \"entryLine\": %d}}", h->entry_line);
  }
  buf_puts(&b, n ? "\n    ]\n  }]\n}\n" : "]\n  }]\n}\n");
  fwrite(b.data, 1, b.len, f);
  buf_free(&b);
  buf_free(&msg);
}

/* scan: the content-safety scan (敏感词排查, 表述规范, 错别字, personal
 * data) — the dictionaries of words/, and the check of any text a reader
 * sees against them.  docs/scan.md describes the dictionary format and the
 * normalisation; DESIGN §7 the why.
 *
 * Use:
 *   scan_dict *d = scan_dict_load("words", &opts);   once; NULL on errors
 *   scan_hits *h = scan_hits_new();                    one per run
 *   per thread: scan_scratch *s = scan_scratch_new(d);
 *     scan_text(d, s, text, len, &origin, h);          any string, any thread
 *     (or scan_source / scan_front_matter / scan_markdown for pages)
 *   scan_hits_blocked(h)                               the publish gate
 *   scan_report_text / _json / _sarif / _diag          the report
 *
 * Hits are reported where the original text has them (file, line, column
 * in code points), whatever normalisation found them.
 *
 * Ownership: a scan_dict is immutable once loaded and shared by every
 * thread; a scan_scratch belongs to one thread at a time; scan_hits is
 * thread-safe and owns copies of everything a hit says.  Each type has a
 * _new/_load and a _free; _free(NULL) is a no-op. */
#ifndef GOVPUB_SCAN_H
#define GOVPUB_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "arena.h"
#include "config.h"
#include "markdown.h"
#include "yamlx.h"

typedef enum { SCAN_WARN, SCAN_BLOCK } scan_severity;

typedef struct scan_dict scan_dict;
typedef struct scan_scratch scan_scratch;
typedef struct scan_hits scan_hits;

/* ---- dictionaries ------------------------------------------------------ */

typedef struct scan_options {
  /* Noise characters (spaces, punctuation, symbols, zero-width characters)
   * allowed between two characters of a word: 0 matches words only as
   * written (after normalisation).  0 to SCAN_MAX_GAP; default SCAN_DEFAULT_GAP.
   * A list may set its own (gap: in its file). */
  int gap;
  /* Scan code too (code blocks and inline code of Markdown bodies); off by
   * default: code is not prose (site.yaml scan.code). */
  bool code;
} scan_options;

#define SCAN_DEFAULT_GAP 2
#define SCAN_MAX_GAP 16
/* A word is at most this many characters once normalised. */
#define SCAN_MAX_WORD 64

/* Reads every *.yaml (and *.txt word list beside its *.yaml) below `dir`,
 * in sorted order.  Every problem is reported at its file:line:col (diag);
 * returns NULL when there was any (or no dictionary at all), so a scan never
 * runs with half a dictionary.  `opt` may be NULL for the defaults. */
scan_dict *scan_dict_load(const char *dir, const scan_options *opt);
void scan_dict_free(scan_dict *d);

/* What a site whose dictionary folder `words` is missing should do: copy
 * the rule packs that come with govpub (wording/ and privacy/ under
 * `datadir`/words, as govpub_datadir resolved it) and add its own 敏感词
 * lists.
 * The hint wherever that folder is missing: a publish's warning, govpub
 * scan's error. */
const char *scan_packs_hint(arena *a, const char *datadir, const char *words);

/* The dictionary version: "sha256:<hex>" over every file's path and bytes,
 * recorded in every report (and in the publish audit log). */
const char *scan_dict_version(const scan_dict *d);
const char *scan_dict_dir(const scan_dict *d);
size_t scan_dict_lists(const scan_dict *d);
size_t scan_dict_words(const scan_dict *d);    /* plain words */
size_t scan_dict_patterns(const scan_dict *d); /* PCRE2 patterns */

/* A list as reports name it: its file ("words/wording/typos.yaml"), its
 * rule id (path under words/ without extension: "wording/typos"), its
 * category and default severity. */
typedef struct scan_list_info {
  const char *file, *rule, *category;
  scan_severity severity;
} scan_list_info;
scan_list_info scan_dict_list(const scan_dict *d, size_t i);

/* ---- scanning ------------------------------------------------------------ */

/* Per-thread working memory (grows to the largest text, then is reused). */
scan_scratch *scan_scratch_new(const scan_dict *d);
void scan_scratch_free(scan_scratch *s);

/* Where a text came from, to turn offsets in it into file positions. */
typedef struct scan_origin {
  const char *path;  /* shown in reports (required) */
  const char *field; /* what part of the file: "title", "tags[1]", "body"; may be NULL */
  /* The position of text[0]; the text runs on from there (a '\n' starts
   * the next line at column 1).  Used when neither of the below is set. */
  int line, col;
  /* Text from md_render: positions come from its spans. */
  const md_span *spans;
  size_t n_spans;
  /* The text is a decoded copy of part of `src` (a YAML scalar of a file
   * whose whole text is src[0..src_len)), starting at or after byte
   * src_from: each hit is looked for there and reported where the file has
   * it (line 1 is the file's first line); where the file spells it
   * differently (escapes) the hit is reported at line:col. */
  const char *src;
  size_t src_len, src_from;
} scan_origin;

/* Scans text[0..len) (UTF-8; invalid bytes read as U+FFFD) and adds every
 * hit to `out`.  Returns the number of hits added.  Thread-safe with a
 * scratch per thread. */
size_t scan_text(const scan_dict *d, scan_scratch *s, const char *text, size_t len,
                 const scan_origin *o, scan_hits *out);

/* Every reader-visible string of a front-matter tree: every scalar of every
 * field except URLs, paths, dates, numbers and booleans, and fields that
 * are not text (site.yaml formats date, datetime, path, paths, bool, int,
 * index_no, enum; and slug, url, aliases, layout, type, draft, weight, …).
 * `src` is the whole file, for positions.  `cfg` may be NULL. */
size_t scan_front_matter(const scan_dict *d, scan_scratch *s, const char *path, const char *src,
                         size_t src_len, const yx_node *fm, const site_config *cfg, scan_hits *out);

/* The text of a rendered page body (md_result.text: body, link text, alt
 * text, table cells; no code, no URLs). */
size_t scan_markdown(const scan_dict *d, scan_scratch *s, const char *path, const md_result *md,
                     scan_hits *out);

/* A whole Markdown file src[0..len): its front matter (when it has one) and
 * its body, rendered in `a` with the site's raw_html setting.  Problems of
 * the file itself (YAML syntax) are reported through diag.  `cfg` may be
 * NULL. */
size_t scan_source(const scan_dict *d, scan_scratch *s, const char *path, const char *src, size_t len,
                   const site_config *cfg, arena *a, scan_hits *out);

/* The reader-visible strings of site.yaml (title, description, keywords,
 * footer), reported at site.yaml's positions. */
size_t scan_site_config(const scan_dict *d, scan_scratch *s, const site_config *cfg, scan_hits *out);

/* The strings scan_source would scan, one per line, appended to `out`
 * (front matter values, then the body text): what `govpub scan --extract`
 * writes for benchmarks. */
void scan_source_text(const char *path, const char *src, size_t len, const site_config *cfg, arena *a,
                      char **out, size_t *out_len);

/* ---- hits ---------------------------------------------------------------------- */

typedef struct scan_hit {
  const char *path, *field;
  int line, col, end_line, end_col; /* end: just past the hit */
  scan_severity severity;
  size_t list;           /* scan_dict_list(d, list) */
  const char *entry_file; /* where the word or pattern is written (a list's .yaml or .txt) */
  int entry_line;
  const char *term;    /* the dictionary word as written, or the pattern's name */
  const char *matched; /* the text as written (masked for personal data) */
  const char *context; /* the line around it, "…" where cut (masked likewise) */
  const char *hint;    /* what to write instead, or why; never NULL */
  const char *fix;     /* the right wording when the list gives one, else NULL */
} scan_hit;

scan_hits *scan_hits_new(void);
void scan_hits_free(scan_hits *h);
/* True when any hit of severity block was found: publishing must stop. */
bool scan_hits_blocked(const scan_hits *h);
size_t scan_hits_count(const scan_hits *h, scan_severity sev);
/* The hits sorted by path, line, column (stable across runs and threads).
 * The array belongs to h and is valid until the next scan into h. */
const scan_hit *scan_hits_sorted(scan_hits *h, size_t *n);

/* ---- reports (scan_report.c) ------------------------------------------------------ */

/* path:line:col: error|warning: [category] word «context»
 *   hint: …                                      one per hit, sorted */
void scan_report_text(FILE *f, const scan_dict *d, scan_hits *h);
/* One JSON object: tool, dictionary (dir, version, lists, words,
 * patterns), files, counts, hits. */
void scan_report_json(FILE *f, const scan_dict *d, scan_hits *h, size_t nfiles);
/* SARIF 2.1.0 (a rule per list, columnKind unicodeCodePoints); file URIs
 * relative to `base` (an absolute folder, "" for none). */
void scan_report_sarif(FILE *f, const scan_dict *d, scan_hits *h, const char *base);
/* Every hit as a diagnostic (error for block, warning for warn): for the
 * publish gate, whose messages all go through diag. */
void scan_report_diag(const scan_dict *d, scan_hits *h);

#endif

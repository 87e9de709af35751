/* scan_impl: what the scan modules share and nobody else sees — the loaded
 * dictionary, its entries, the per-thread scratch and the raw matches the
 * two passes produce before they are filtered into hits.
 *
 *   scan_dict.c    words/ → lists, entries, symbol table, automaton, patterns
 *   scan_match.c   one text → raw matches (automaton pass, pattern pass)
 *   scan_check.c   validators of pattern matches (GB 11643, Luhn)
 *   scan_text.c    raw matches → hits (allow phrases, overlaps, positions)
 *   scan_hits.c    the thread-safe hit collector
 *   scan_page.c    pages: front matter, Markdown body, site.yaml
 *   scan_report.c  text, JSON, SARIF, diagnostics */
#ifndef GOVPUB_SCAN_IMPL_H
#define GOVPUB_SCAN_IMPL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>

#include "buf.h"
#include "digest.h"
#include "scan.h"
#include "scan_ac.h"
#include "scan_norm.h"

typedef enum { SE_WORD, SE_ALLOW, SE_PATTERN } scan_entry_kind;
typedef enum { CHECK_NONE, CHECK_GB11643, CHECK_LUHN } scan_check;

typedef struct scan_entry {
  scan_entry_kind kind;
  scan_severity severity;
  uint32_t list;
  const char *file;   /* where the entry is written: the list's .yaml or its .txt */
  int line, col;
  const char *text;   /* word or phrase as written; a pattern's re */
  const char *name;   /* a pattern's name (NULL: hits show the matched text) */
  const char *hint, *fix;
  scan_check check;
  bool mask;          /* show the match as 138****5678 */
  pcre2_code *re;
} scan_entry;

typedef struct scan_list {
  const char *file, *rule, *category;
  scan_severity severity;
  uint32_t gap; /* noise allowed inside its words */
} scan_list;

struct scan_dict {
  arena *a;
  const char *dir;
  char version[DIGEST_HEX_LEN];
  scan_list *lists;
  size_t nlists;
  scan_entry *entries;
  size_t nentries, nwords;
  uint32_t *patterns; /* entry numbers of the patterns, in file order */
  size_t npatterns;
  cp_table sym;       /* code point → symbol (1..nsym), 0 (a letter in no word), CT_* */
  uint32_t nsym;
  ac ac;
  uint32_t gap;        /* the largest list gap: more noise resets the automaton */
  bool code;           /* scan code in Markdown bodies too (scan_options.code) */
  bool gaps_differ;    /* some list allows less: matches are checked against it */
  const cp_table *pat; /* the pattern table; NULL without patterns */
  pcre2_match_context *mctx;
};

/* A stretch of the pattern text from byte `out` on: the text from byte
 * `src` on, byte for byte (linear), or all of it the one source unit at src
 * (a character whose normal form has another length, a reference). */
typedef struct {
  size_t out, src;
  bool linear;
} pmark;

/* A match before filtering: entry, and its bytes [start, end) in the text. */
typedef struct {
  uint32_t entry;
  size_t start, end;
} raw_match;

struct scan_scratch {
  const scan_dict *d;
  raw_match *m;
  size_t nm, capm;
  /* the pattern text and where its stretches came from */
  char *ptext;
  size_t pcap;
  pmark *marks;
  size_t nmarks, capmarks;
  pcre2_match_data *md;
  size_t *reach; /* scan_text's masked_reach */
  size_t capreach;
};

/* scan_compile.c: normalises the entries read by scan_dict.c (reporting
 * duplicates and words that normalise to nothing) and compiles the
 * patterns; then, when `build` and all is well, builds the alphabet, the
 * symbol table and the automaton.  False after reporting any problem. */
bool scan_compile(scan_dict *d, bool build);

/* scan_match.c: appends the raw matches of text[0..len) to s->m (both
 * passes; each pass's matches in text order). */
void scan_match_words(const scan_dict *d, scan_scratch *s, const char *text, size_t len);
void scan_match_patterns(const scan_dict *d, scan_scratch *s, const char *text, size_t len);
/* Length of the source unit at text[off] — a character, or a character
 * reference (&#25935; &zwj;) — where a match that ends in it ends. */
size_t scan_unit_len(const char *text, size_t len, size_t off);

/* scan_check.c: does the match m[0..n) (normalised pattern text) pass? */
bool scan_check_ok(scan_check c, const char *m, size_t n);
bool scan_gb11643_ok(const char *id18);
bool scan_gb11643_15_ok(const char *id15); /* a first-generation card's number */
bool scan_luhn_ok(const char *digits, size_t n);

/* scan_hits.c: adds one hit (strings copied). */
void scan_hits_add(scan_hits *h, const scan_hit *hit);

#endif

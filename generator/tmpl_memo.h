/* tmpl_memo: the output of partials that read only stable values
 * (value.h: tv_stable), kept by one render thread so the next page that
 * includes the same partial where the same values are writes the bytes
 * instead of rendering it again: the header, breadcrumbs and footer an
 * article shares with the others of its column, a list item on every
 * term page it is on.  tmpl.c decides what may be kept and checks that it
 * still holds; this module only stores it.
 *
 * A memo is keyed by the partial tag and holds a few variants, each the
 * bytes written and the lookups it depended on (a tag and the value it
 * found).
 *
 * Ownership: one memo per render thread (not shared: no locking); it owns
 * every variant's copy of the bytes and dependencies, freed with it; it
 * holds no more than TMPL_MEMO_BYTES of them (variants past that are not
 * kept). */
#ifndef GOVPUB_TMPL_MEMO_H
#define GOVPUB_TMPL_MEMO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TMPL_MEMO_VARIANTS 8
#define TMPL_MEMO_BYTES (16u << 20)

typedef struct {
  const void *tag;   /* the variable, section or partial tag that looked */
  uint32_t parts;    /* how many parts of its dotted name (the first alone, or all) */
  const void *value; /* what they found (NULL: nothing) */
} tmpl_memo_dep;

typedef struct {
  tmpl_memo_dep *deps;
  uint32_t ndeps;
  unsigned depth; /* how many includes deep rendering it went */
  char *bytes;
  size_t len;
} tmpl_memo_variant;

typedef struct {
  const void *tag;
  tmpl_memo_variant var[TMPL_MEMO_VARIANTS];
  uint32_t nvar, next; /* variants kept; the one a new variant replaces when all are taken */
  uint32_t hits, misses;
  uint32_t streak, skip; /* misses in a row that could not be kept; includes left to render without checking */
  bool off;              /* missed too often to be worth checking */
} tmpl_memo_entry;

typedef struct tmpl_memo tmpl_memo;

tmpl_memo *tmpl_memo_new(void);
void tmpl_memo_free(tmpl_memo *m);
/* The entry of tag, made empty on first use. */
tmpl_memo_entry *tmpl_memo_entry_of(tmpl_memo *m, const void *tag);
/* Keeps a variant in e (copies deps and bytes), replacing the oldest when
 * all TMPL_MEMO_VARIANTS are taken; false (nothing kept) when the memo is
 * full. */
bool tmpl_memo_keep(tmpl_memo *m, tmpl_memo_entry *e, const tmpl_memo_dep *deps, uint32_t ndeps,
                    unsigned depth, const char *bytes, size_t len);

#endif

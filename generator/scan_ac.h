/* scan_ac: the multi-pattern automaton of the content scan — Aho–Corasick
 * over the dictionary's symbol numbers (scan_norm.h), every word of every
 * list in one machine, so the text is read once however many words there
 * are.
 *
 * The trie is stored as a double array: the child of state s on symbol c is
 * cell base(s) + c when that cell's check is s.  One step is two loads from
 * the same 8-byte cell plus, on a miss, the failure link; the root's row is
 * dense, so a miss usually costs one more lookup.  A state that ends a word,
 * or has a suffix that does, carries AC_OUT in its base.
 *
 * Ownership: an ac owns its arrays (malloc'd by ac_build, released by
 * ac_free).  A built automaton is read-only: any number of threads may run
 * it at once. */
#ifndef GOVPUB_SCAN_AC_H
#define GOVPUB_SCAN_AC_H

#include <stddef.h>
#include <stdint.h>

#define AC_OUT 0x80000000u
#define AC_NONE UINT32_MAX

typedef struct {
  uint32_t base; /* AC_OUT | offset of the children */
  uint32_t check; /* the parent's cell, AC_NONE when free */
} ac_cell;

/* One key: a word as symbol numbers (1..nsym), and the caller's id for it. */
typedef struct {
  const uint32_t *sym;
  uint32_t len;
  uint32_t id;
} ac_key;

/* What a state reports: the ids and lengths of the keys ending there, in
 * a chain (next is an index into outs, AC_NONE at the end). */
typedef struct {
  uint32_t id, len, next;
} ac_out;

typedef struct ac {
  ac_cell *cell;
  size_t ncells;
  uint32_t *fail;   /* per cell: the longest proper suffix that is a state */
  uint32_t *out;    /* per cell: first of its own outputs, or AC_NONE */
  uint32_t *suffix; /* per cell: nearest suffix state with outputs, or AC_NONE */
  ac_out *outs;
  size_t nouts, nstates;
} ac;

/* Builds the automaton of keys[0..n) over symbols 1..nsym.  Keys with the
 * same symbols are all reported.  The keys' symbol arrays are not kept. */
void ac_build(ac *m, const ac_key *keys, size_t n, uint32_t nsym);
void ac_free(ac *m);

/* The state after reading symbol c (1..nsym) in state s. */
static inline uint32_t ac_step(const ac *m, uint32_t s, uint32_t c) {
  for (;;) {
    uint32_t t = (m->cell[s].base & ~AC_OUT) + c;
    if (m->cell[t].check == s) return t;
    if (s == 0) return 0;
    s = m->fail[s];
  }
}

#endif

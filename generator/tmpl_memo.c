/* tmpl_memo: see tmpl_memo.h.  An open-addressing table of entries keyed
 * by a pointer; each variant's dependencies and bytes are one
 * malloc'd block, freed when the variant is replaced. */
#include "tmpl_memo.h"

#include <stdlib.h>
#include <string.h>

struct tmpl_memo {
  tmpl_memo_entry **slots;
  size_t cap, count;
  size_t bytes; /* held by variants */
};

static void *xcalloc(size_t n, size_t size) {
  void *p = calloc(n, size);
  if (!p) abort();
  return p;
}

tmpl_memo *tmpl_memo_new(void) {
  tmpl_memo *m = xcalloc(1, sizeof *m);
  m->cap = 256;
  m->slots = xcalloc(m->cap, sizeof *m->slots);
  return m;
}

void tmpl_memo_free(tmpl_memo *m) {
  if (!m) return;
  for (size_t i = 0; i < m->cap; i++) {
    tmpl_memo_entry *e = m->slots[i];
    if (!e) continue;
    for (uint32_t k = 0; k < e->nvar; k++) free(e->var[k].deps);
    free(e);
  }
  free(m->slots);
  free(m);
}

static size_t slot_of(const void *tag, size_t cap) {
  uint64_t h = (uint64_t)(uintptr_t)tag * 0x9E3779B97F4A7C15u;
  return (size_t)(h >> 32) & (cap - 1);
}

tmpl_memo_entry *tmpl_memo_entry_of(tmpl_memo *m, const void *tag) {
  size_t i = slot_of(tag, m->cap);
  for (; m->slots[i]; i = (i + 1) & (m->cap - 1))
    if (m->slots[i]->tag == tag) return m->slots[i];
  tmpl_memo_entry *e = xcalloc(1, sizeof *e);
  e->tag = tag;
  m->slots[i] = e;
  if (++m->count * 2 > m->cap) { /* kept at most half full */
    size_t cap = m->cap * 2;
    tmpl_memo_entry **slots = xcalloc(cap, sizeof *slots);
    for (size_t k = 0; k < m->cap; k++) {
      if (!m->slots[k]) continue;
      size_t j = slot_of(m->slots[k]->tag, cap);
      while (slots[j]) j = (j + 1) & (cap - 1);
      slots[j] = m->slots[k];
    }
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
  }
  return e;
}

bool tmpl_memo_keep(tmpl_memo *m, tmpl_memo_entry *e, const tmpl_memo_dep *deps, uint32_t ndeps,
                    unsigned depth, const char *bytes, size_t len) {
  size_t size = ndeps * sizeof *deps + len;
  tmpl_memo_variant *v = &e->var[e->nvar < TMPL_MEMO_VARIANTS ? e->nvar : e->next];
  size_t freed = e->nvar < TMPL_MEMO_VARIANTS ? 0 : v->ndeps * sizeof *deps + v->len;
  if (m->bytes - freed + size > TMPL_MEMO_BYTES) return false;
  tmpl_memo_dep *block = malloc(size ? size : 1);
  if (!block) abort();
  if (ndeps) memcpy(block, deps, ndeps * sizeof *deps);
  if (len) memcpy((char *)(block + ndeps), bytes, len);
  if (e->nvar < TMPL_MEMO_VARIANTS) e->nvar++;
  else {
    free(v->deps);
    e->next = (e->next + 1) % TMPL_MEMO_VARIANTS;
  }
  m->bytes = m->bytes - freed + size;
  *v = (tmpl_memo_variant){block, ndeps, depth, (char *)(block + ndeps), len};
  return true;
}

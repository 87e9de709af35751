/* scan_ac: see scan_ac.h.  Built in four steps: a trie (edges found through
 * a hash table), failure and output links in breadth-first order, then the
 * double array, placing each state's children at the first free base. */
#include "scan_ac.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) abort();
  return p;
}

static void *xrealloc(void *p, size_t n) {
  p = realloc(p, n ? n : 1);
  if (!p) abort();
  return p;
}

/* ---- the trie -------------------------------------------------------------- */

typedef struct {
  uint32_t parent, sym, child;
} edge;

typedef struct {
  edge *edges;
  size_t nedges, capedges;
  uint32_t nnodes;
  /* (parent, sym) → edge index + 1; open addressing */
  uint32_t *slots;
  size_t nslots;
  uint32_t *out; /* per node: first output */
  size_t capnodes;
} trie;

static size_t slot_of(uint32_t parent, uint32_t sym, size_t mask) {
  uint64_t k = ((uint64_t)parent << 32 | sym) * 0x9E3779B97F4A7C15ull;
  return (size_t)(k >> 29) & mask;
}

static uint32_t trie_child(const trie *t, uint32_t parent, uint32_t sym) {
  size_t mask = t->nslots - 1;
  for (size_t i = slot_of(parent, sym, mask);; i = (i + 1) & mask) {
    uint32_t e = t->slots[i];
    if (!e) return AC_NONE;
    const edge *ed = &t->edges[e - 1];
    if (ed->parent == parent && ed->sym == sym) return ed->child;
  }
}

/* Refills the hash table (its size times `grow`) from the edges in their
 * current order: after growing, and after the edges are sorted. */
static void trie_rehash(trie *t, size_t grow) {
  free(t->slots);
  t->nslots *= grow;
  t->slots = calloc(t->nslots, sizeof *t->slots);
  if (!t->slots) abort();
  size_t mask = t->nslots - 1;
  for (size_t e = 0; e < t->nedges; e++) {
    size_t i = slot_of(t->edges[e].parent, t->edges[e].sym, mask);
    while (t->slots[i]) i = (i + 1) & mask;
    t->slots[i] = (uint32_t)e + 1;
  }
}

static uint32_t trie_add_child(trie *t, uint32_t parent, uint32_t sym) {
  if (2 * (t->nedges + 1) > t->nslots) trie_rehash(t, 2);
  if (t->nedges == t->capedges) {
    t->capedges *= 2;
    t->edges = xrealloc(t->edges, t->capedges * sizeof *t->edges);
  }
  if (t->nnodes == t->capnodes) {
    t->capnodes *= 2;
    t->out = xrealloc(t->out, t->capnodes * sizeof *t->out);
  }
  uint32_t child = t->nnodes++;
  t->out[child] = AC_NONE;
  t->edges[t->nedges] = (edge){parent, sym, child};
  size_t mask = t->nslots - 1, i = slot_of(parent, sym, mask);
  while (t->slots[i]) i = (i + 1) & mask;
  t->slots[i] = (uint32_t)++t->nedges;
  return child;
}

static int edge_cmp(const void *a, const void *b) {
  const edge *x = a, *y = b;
  if (x->parent != y->parent) return x->parent < y->parent ? -1 : 1;
  return (x->sym > y->sym) - (x->sym < y->sym);
}

/* ---- the double array -------------------------------------------------------- */

/* Free cells wait in a doubly linked list in address order (cell 0, the
 * root, is its head), so a search for a base skips the cells already
 * taken.  A free cell that has failed as the start of a search many times
 * sits in a crowded area: it leaves the list (it stays free, and may still
 * take a child that is not a state's first), which keeps placement near
 * linear however many words there are. */
#define UNLISTED 255
#define MAX_MISSES 16

typedef struct {
  ac_cell *cell;
  size_t ncells;
  uint32_t *next, *prev; /* the list of free cells */
  uint8_t *misses;       /* failed searches from the cell; UNLISTED when out of the list */
} placer;

static void placer_grow(placer *p, size_t need) {
  if (need <= p->ncells) return;
  size_t n = p->ncells, cap = n * 2 > need ? n * 2 : need;
  p->cell = xrealloc(p->cell, cap * sizeof *p->cell);
  p->next = xrealloc(p->next, cap * sizeof *p->next);
  p->prev = xrealloc(p->prev, cap * sizeof *p->prev);
  p->misses = xrealloc(p->misses, cap);
  uint32_t last = p->prev[0]; /* the list's tail */
  for (size_t i = n; i < cap; i++) {
    p->cell[i] = (ac_cell){0, AC_NONE};
    p->misses[i] = 0;
    p->prev[i] = last;
    p->next[last] = (uint32_t)i;
    last = (uint32_t)i;
  }
  p->next[last] = 0;
  p->prev[0] = last;
  p->ncells = cap;
}

static void placer_unlist(placer *p, uint32_t i) {
  p->next[p->prev[i]] = p->next[i];
  p->prev[p->next[i]] = p->prev[i];
  p->misses[i] = UNLISTED;
}

static void placer_take(placer *p, uint32_t i) {
  if (p->misses[i] != UNLISTED) placer_unlist(p, i);
}

/* The first listed free cell at or after x. */
static uint32_t placer_listed_from(placer *p, size_t x) {
  placer_grow(p, x + 1);
  while (x < p->ncells && (p->cell[x].check != AC_NONE || p->misses[x] == UNLISTED)) x++;
  placer_grow(p, x + 1);
  return (uint32_t)x;
}

/* A base where cells base + syms[k] are all free (syms ascending, k ≥ 1). */
static uint32_t placer_find(placer *p, const uint32_t *syms, size_t k) {
  for (uint32_t f = p->next[0];;) {
    if (f == 0) f = placer_listed_from(p, p->ncells); /* past the end: new cells */
    if (f < syms[0]) f = placer_listed_from(p, syms[0]); /* no base below 0 */
    uint32_t b = f - syms[0];
    placer_grow(p, (size_t)b + syms[k - 1] + 1);
    size_t i = 1;
    while (i < k && p->cell[b + syms[i]].check == AC_NONE) i++;
    if (i == k) return b;
    uint32_t next = p->next[f];
    if (++p->misses[f] >= MAX_MISSES) placer_unlist(p, f);
    f = next;
  }
}

/* ---- building ------------------------------------------------------------------ */

void ac_build(ac *m, const ac_key *keys, size_t n, uint32_t nsym) {
  memset(m, 0, sizeof *m);
  trie t = {0};
  t.capedges = 1024;
  t.edges = xmalloc(t.capedges * sizeof *t.edges);
  t.capnodes = 1024;
  t.out = xmalloc(t.capnodes * sizeof *t.out);
  t.nslots = 2048;
  t.slots = calloc(t.nslots, sizeof *t.slots);
  if (!t.slots) abort();
  t.nnodes = 1;
  t.out[0] = AC_NONE;

  m->outs = xmalloc(n * sizeof *m->outs);
  for (size_t k = 0; k < n; k++) {
    uint32_t s = 0;
    for (uint32_t i = 0; i < keys[k].len; i++) {
      uint32_t c = trie_child(&t, s, keys[k].sym[i]);
      s = c != AC_NONE ? c : trie_add_child(&t, s, keys[k].sym[i]);
    }
    m->outs[m->nouts] = (ac_out){keys[k].id, keys[k].len, t.out[s]};
    t.out[s] = (uint32_t)m->nouts++;
  }

  /* Children of each node, contiguous and by symbol. */
  qsort(t.edges, t.nedges, sizeof *t.edges, edge_cmp);
  trie_rehash(&t, 1);
  uint32_t nn = t.nnodes;
  uint32_t *first = xmalloc((nn + 1) * sizeof *first); /* edges of node u: first[u] .. first[u+1] */
  memset(first, 0, (nn + 1) * sizeof *first);
  for (size_t e = 0; e < t.nedges; e++) first[t.edges[e].parent + 1]++;
  for (uint32_t u = 0; u < nn; u++) first[u + 1] += first[u];

  /* Breadth-first: failure and suffix-output links on trie nodes. */
  uint32_t *order = xmalloc(nn * sizeof *order), *fail = xmalloc(nn * sizeof *fail),
           *suffix = xmalloc(nn * sizeof *suffix);
  size_t head = 0, tail = 0;
  order[tail++] = 0;
  fail[0] = 0;
  suffix[0] = AC_NONE;
  while (head < tail) {
    uint32_t u = order[head++];
    for (uint32_t e = first[u]; e < first[u + 1]; e++) {
      uint32_t v = t.edges[e].child, c = t.edges[e].sym;
      uint32_t f = AC_NONE;
      if (u != 0)
        for (uint32_t g = fail[u];; g = fail[g]) {
          f = trie_child(&t, g, c);
          if (f != AC_NONE || g == 0) break;
        }
      fail[v] = f == AC_NONE ? 0 : f;
      suffix[v] = t.out[fail[v]] != AC_NONE ? fail[v] : suffix[fail[v]];
      order[tail++] = v;
    }
  }

  /* The double array, placing states in breadth-first order. */
  placer p = {0};
  p.ncells = 1;
  p.cell = xmalloc(sizeof *p.cell);
  p.next = xmalloc(sizeof *p.next);
  p.prev = xmalloc(sizeof *p.prev);
  p.misses = xmalloc(1);
  p.cell[0] = (ac_cell){0, AC_NONE};
  p.next[0] = p.prev[0] = 0;
  p.misses[0] = UNLISTED; /* the root is never free */
  placer_grow(&p, (size_t)nsym + 2);
  uint32_t *pos = xmalloc(nn * sizeof *pos), *syms = xmalloc(((size_t)nsym + 1) * sizeof *syms);
  pos[0] = 0;
  for (size_t i = 0; i < nn; i++) {
    uint32_t u = order[i], k = first[u + 1] - first[u];
    if (k == 0) continue;
    for (uint32_t e = 0; e < k; e++) syms[e] = t.edges[first[u] + e].sym;
    uint32_t b = placer_find(&p, syms, k);
    p.cell[pos[u]].base = b;
    for (uint32_t e = 0; e < k; e++) {
      uint32_t at = b + syms[e];
      placer_take(&p, at);
      p.cell[at].check = pos[u];
      pos[t.edges[first[u] + e].child] = at;
    }
  }
  /* Every base + symbol must land inside the array. */
  size_t maxbase = 0;
  for (size_t i = 0; i < p.ncells; i++)
    if (p.cell[i].check != AC_NONE || i == 0)
      if (p.cell[i].base > maxbase) maxbase = p.cell[i].base;
  size_t need = maxbase + nsym + 1; /* every used cell is below this too */
  if (need > p.ncells) placer_grow(&p, need);
  p.ncells = need;
  p.cell = xrealloc(p.cell, need * sizeof *p.cell);

  m->cell = p.cell;
  m->ncells = p.ncells;
  m->nstates = nn;
  m->fail = xmalloc(m->ncells * sizeof *m->fail);
  m->out = xmalloc(m->ncells * sizeof *m->out);
  m->suffix = xmalloc(m->ncells * sizeof *m->suffix);
  for (size_t i = 0; i < m->ncells; i++) m->fail[i] = 0, m->out[i] = m->suffix[i] = AC_NONE;
  for (uint32_t u = 0; u < nn; u++) {
    uint32_t at = pos[u];
    m->fail[at] = pos[fail[u]];
    m->out[at] = t.out[u];
    m->suffix[at] = suffix[u] == AC_NONE ? AC_NONE : pos[suffix[u]];
    if (t.out[u] != AC_NONE || suffix[u] != AC_NONE) m->cell[at].base |= AC_OUT;
  }
  free(p.next);
  free(p.prev);
  free(p.misses);
  free(pos);
  free(syms);
  free(order);
  free(fail);
  free(suffix);
  free(first);
  free(t.edges);
  free(t.slots);
  free(t.out);
}

void ac_free(ac *m) {
  if (!m) return;
  free(m->cell);
  free(m->fail);
  free(m->out);
  free(m->suffix);
  free(m->outs);
  memset(m, 0, sizeof *m);
}

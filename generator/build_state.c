/* build_state: see build_state.h.  The format (integers in the machine's
 * byte order: the state is a cache of builds on this machine; strings as
 * u32 length, bytes, NUL so they can be used in place; every change_ns is
 * the inode's ctime, fsx_stamp):
 *
 *   "govpub-state 7\n" binary release
 *   u32 nenv   { str path; i64 size; i64 change_ns; u64 ino }
 *   i64 listed_ns; u32 ndirs { str rel; i64 size; i64 change_ns; u64 ino }   content/'s folders (site.columns),
 *                                        content/ first (fsx_folder_stamp_at)
 *   u32 npages; u64 table
 *              { str rel; i64 size; i64 change_ns; u64 ino; u64 fm_hash;
 *                i32 column_pos; u8 flags; [u32 bytes; tree]; [str summary]; [str chart]; i32 chars;
 *                i32 reading; [str body_html]; [str reviewer × 3] }
 *   at table: npages × u64, where each page's record starts (a record is
 *   read when its page asks for it: build_state_page)
 *   u64 bytes; the pages' paths, each ended by a NUL, in their order (what
 *   a listing taken from the state gives, read in one sweep rather than
 *   from the head of each record, a record apart)
 *   u32 shards; u64 bytes; u64 chunk; u64 ndocs; ndocs × SEARCH_MARK_BYTES
 *   "end\n"
 *   then, per incremental build since the file was written whole, a patch:
 *   "patch\n" u32 nenv { env }                        the environment
 *   i64 listed_ns; u32 ndirs { dir }                  the folders
 *   u32 npages { u32 index; page }                    the pages rendered, each with its index
 *   u32 shards; u64 bytes; u64 chunk; u64 ndocs       the index's layout
 *   u32 nbits { u32 doc; SEARCH_MARK_BYTES }         the articles whose marks changed
 *   "end\n"
 * A patch's pages take the place of the records of the same index (and
 * path) before it: the set of pages is the same (anything else is a whole
 * build).
 *
 * A tree: u32 bytes, zeros up to a multiple of 8 of the file, and its
 * image (state_tree.h: used in place when the file is mapped at
 * STATE_TREE_BASE). */
#include "build_state.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "chart.h"
#include "state_tree.h"

#define MAGIC "govpub-state 7\n"

/* build_state_binary: the version and the program file's stamp (device,
 * inode, size, change time); without /proc, the version alone. */
static char binary_id_text[160];

static void binary_id_fill(void) {
  struct stat st;
  if (stat("/proc/self/exe", &st) != 0) snprintf(binary_id_text, sizeof binary_id_text, "%s", GOVPUB_VERSION);
  else
    snprintf(binary_id_text, sizeof binary_id_text, "%s %llu:%llu %lld %lld.%09ld", GOVPUB_VERSION,
             (unsigned long long)st.st_dev, (unsigned long long)st.st_ino, (long long)st.st_size,
             (long long)st.st_ctim.tv_sec, st.st_ctim.tv_nsec);
}

const char *build_state_binary(void) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, binary_id_fill);
  return binary_id_text;
}
/* A front matter whose image would be bigger is not kept (its page is read
 * again by the next build): aliases repeat what they name, so a short file
 * can make a tree of gigabytes (a normal one's image is some 1.4 KB). */
#define TREE_BYTES_MAX (1u << 20)

enum {
  F_TREE = 1,      /* its front matter parse is kept */
  F_SUMMARY = 2,   /* a summary made from the body */
  F_CHART = 4,
  F_BODY_HTML = 8,
  F_APPROVED = 16,
};

/* ---- the environment ------------------------------------------------------------ */

static void env_add(arena *a, state_env **env, size_t *n, size_t *cap, const char *path, const fsx_stamp *st) {
  if (*n == *cap) {
    size_t ncap = *cap ? *cap * 2 : 64;
    *env = arena_grow(a, *env, *cap, ncap, sizeof **env);
    *cap = ncap;
  }
  (*env)[(*n)++] = (state_env){path, *st};
}

static void env_walk(arena *a, state_env **env, size_t *n, size_t *cap, const char *path) {
  fsx_stamp st;
  if (fsx_stamp_at(AT_FDCWD, path, &st) != 0) st = (fsx_stamp){-1, 0, 0};
  env_add(a, env, n, cap, path, &st);
  fsx_entry *e;
  size_t ne;
  if (st.size < 0 || fsx_list(a, path, &e, &ne) != 0) return;
  for (size_t i = 0; i < ne; i++) {
    char *child = path_join(a, path, e[i].name);
    if (e[i].is_dir && !e[i].is_link) env_walk(a, env, n, cap, child); /* a link: its own stamp (a cycle, */
                                                                        /* or a walk out of the site, else) */
    else if (fsx_stamp_at(AT_FDCWD, child, &st) == 0) env_add(a, env, n, cap, child, &st);
  }
}

void build_state_env(arena *a, const site_config *cfg, state_env **env, size_t *n) {
  size_t cap = 0;
  *env = NULL;
  *n = 0;
  struct stat self; /* govpub itself: another build of it may render differently */
  fsx_stamp st = {-1, 0, 0};
  if (stat("/proc/self/exe", &self) == 0)
    st = (fsx_stamp){(int64_t)self.st_size, (int64_t)self.st_ctim.tv_sec * 1000000000 + self.st_ctim.tv_nsec,
                     (uint64_t)self.st_ino};
  env_add(a, env, n, &cap, "<govpub>", &st);
  static const char *const in_root[] = {"site.yaml", "layouts", "charts", "data", "reviewers.yaml",
                                        "reviewers.yaml.sig", "reviews"};
  for (size_t i = 0; i < sizeof in_root / sizeof *in_root; i++)
    env_walk(a, env, n, &cap, path_join(a, cfg->root, in_root[i]));
  env_walk(a, env, n, &cap, cfg->theme_dir);
  for (size_t i = 0; i < cfg->nstatics; i++) env_walk(a, env, n, &cap, path_join(a, cfg->root, cfg->statics[i].dir));
}

bool build_state_env_same(const state_env *x, size_t nx, const state_env *y, size_t ny) {
  if (nx != ny) return false;
  for (size_t i = 0; i < nx; i++)
    if (strcmp(x[i].path, y[i].path) != 0 || !fsx_stamp_same(&x[i].stamp, &y[i].stamp)) return false;
  return true;
}

/* ---- writing ---------------------------------------------------------------------- */

static void put_u32(buf *b, uint32_t v) { buf_put(b, &v, 4); }
static void put_u64(buf *b, uint64_t v) { buf_put(b, &v, 8); }
static void put_str(buf *b, const char *s) {
  size_t n = s ? strlen(s) : 0;
  put_u32(b, (uint32_t)n);
  buf_put(b, s ? s : "", n);
  buf_putc(b, '\0');
}
static void put_bytes(buf *b, const char *s, size_t n) {
  put_u32(b, (uint32_t)n);
  buf_put(b, s, n);
  buf_putc(b, '\0');
}

/* Page p's record, at byte `at` of the file b starts at. */
static void put_page(buf *b, size_t at, const page *p) {
  put_str(b, p->rel);
  put_u64(b, (uint64_t)p->stamp.size);
  put_u64(b, (uint64_t)p->stamp.change_ns);
  put_u64(b, p->stamp.ino);
  put_u64(b, p->fm_hash);
  put_u32(b, (uint32_t)p->column_pos);
  bool tree = p->raw_fm && state_tree_size(p->raw_fm, TREE_BYTES_MAX) <= TREE_BYTES_MAX;
  int flags = (tree ? F_TREE : 0) | (p->summary && !p->summary_fm ? F_SUMMARY : 0) |
              (p->chart ? F_CHART : 0) | (p->body_html ? F_BODY_HTML : 0) | (p->approved ? F_APPROVED : 0);
  buf_putc(b, (char)flags);
  if (flags & F_TREE) state_tree_put(b, at, p->raw_fm);
  if (flags & F_SUMMARY) put_str(b, p->summary);
  if (flags & F_CHART) put_str(b, ((const chart_spec *)p->chart)->id);
  put_u32(b, (uint32_t)p->chars);
  put_u32(b, (uint32_t)p->reading_minutes);
  if (flags & F_BODY_HTML) put_bytes(b, p->body_html, p->body_html_len);
  if (flags & F_APPROVED)
    for (int k = 0; k < 3; k++) put_str(b, p->reviewers[k]);
}

static void put_stamped(buf *b, const char *path, const fsx_stamp *st) {
  put_str(b, path);
  put_u64(b, (uint64_t)st->size);
  put_u64(b, (uint64_t)st->change_ns);
  put_u64(b, st->ino);
}

static void put_env(buf *b, const state_env *env, size_t nenv) {
  put_u32(b, (uint32_t)nenv);
  for (size_t i = 0; i < nenv; i++) put_stamped(b, env[i].path, &env[i].stamp);
}

static void put_listing(buf *b, const site *s) {
  put_u64(b, (uint64_t)s->listed_ns);
  put_u32(b, (uint32_t)s->ncolumns);
  for (size_t i = 0; i < s->ncolumns; i++) put_stamped(b, s->columns[i]->path, &s->columns[i]->stamp);
}

static void put_layout(buf *b, const search_layout *layout, size_t ndocs) {
  put_u32(b, layout->shards);
  put_u64(b, layout->bytes);
  put_u64(b, (uint64_t)layout->chunk);
  put_u64(b, (uint64_t)ndocs);
}

static int write_fd(int fd, const char *p, size_t len) {
  while (len) {
    ssize_t w = write(fd, p, len);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return -1;
    p += w;
    len -= (size_t)w;
  }
  return 0;
}

/* file's name with `suffix` (malloc'd). */
static char *name_with(const char *file, const char *suffix) {
  size_t n = strlen(file), k = strlen(suffix) + 1;
  char *name = malloc(n + k);
  if (!name) abort();
  memcpy(name, file, n);
  memcpy(name + n, suffix, k);
  return name;
}

/* The file a build sets the state aside as while it renames its outputs
 * into place (build_state_retire). */
static char *aside_name(const char *file) { return name_with(file, ".aside"); }

void build_state_retire(const char *file) {
  char *aside = aside_name(file);
  if (rename(file, aside) != 0 && errno != ENOENT) unlink(file);
  free(aside);
}

int build_state_install(const char *tmp, const char *file) {
  if (rename(tmp, file) != 0) return -1;
  char *aside = aside_name(file);
  unlink(aside);
  free(aside);
  return 0;
}

/* Puts article d's mark `now` in a patch when it is not prev's (and counts it). */
static void put_changed_mark(buf *b, const build_state *prev, size_t d, const uint8_t *now, size_t *n) {
  if (memcmp(now, build_state_mark(prev, d), SEARCH_MARK_BYTES) == 0) return;
  put_u32(b, (uint32_t)d);
  buf_put(b, now, SEARCH_MARK_BYTES);
  ++*n;
}

/* After an incremental build from prev: prev's file, set aside by
 * build_state_retire, gets a patch appended and goes back in place (or,
 * in_place, gets it where it is: nothing was renamed).  -1 when it cannot
 * (the file is not prev's, or the patches would make up more than a
 * quarter of it): the state is then written whole. */
static int append_patch(const char *file, bool in_place, const build_state *prev, const state_env *env, size_t nenv,
                        const site *s, size_t ndocs, const search_layout *layout, const state_marks *marks) {
  char *aside = aside_name(file);
  int fd = open(in_place ? file : aside, O_WRONLY | O_APPEND | O_CLOEXEC);
  struct stat fst;
  int rc = -1;
  if (fd < 0 || fstat(fd, &fst) != 0 || (uint64_t)fst.st_ino != prev->ino || (size_t)fst.st_size != prev->len ||
      ndocs != prev->ndocs || s->npages != prev->npages)
    goto out;
  buf b = BUF_INIT;
  buf_puts(&b, "patch\n");
  put_env(&b, env, nenv);
  put_listing(&b, s);
  size_t at = b.len, n = 0;
  put_u32(&b, 0);
  for (size_t i = 0; i < s->npages; i++) {
    if (s->pages[i]->from_memo) continue;
    put_u32(&b, (uint32_t)i);
    put_page(&b, prev->len, s->pages[i]);
    n++;
  }
  uint32_t n32 = (uint32_t)n;
  memcpy(b.data + at, &n32, 4);
  put_layout(&b, layout, ndocs);
  at = b.len, n = 0;
  put_u32(&b, 0);
  if (marks->all)
    for (size_t d = 0; d < ndocs; d++) put_changed_mark(&b, prev, d, marks->all + d * SEARCH_MARK_BYTES, &n);
  else
    for (size_t k = 0; k < marks->nchanged; k++) put_changed_mark(&b, prev, marks->changed[k].doc, marks->changed[k].mark, &n);
  n32 = (uint32_t)n;
  memcpy(b.data + at, &n32, 4);
  buf_puts(&b, "end\n");
  if ((prev->len - prev->base_len + b.len) * 4 <= prev->base_len && write_fd(fd, b.data, b.len) == 0) {
    close(fd);
    fd = -1;
    rc = in_place ? 0 : rename(aside, file);
  }
  buf_free(&b);
out:
  if (fd >= 0) close(fd);
  free(aside);
  return rc;
}

/* The state is written as it is made, 2 MB at a time, to a new file
 * renamed over `file` once whole: at 100k pages it is some 190 MB, which
 * a build need not hold besides its model.  Writes of whole 2 MB at
 * offsets that are multiples of it let the kernel keep the file in 2 MB
 * folios of its page cache, which the next build maps 2 MB at a time
 * (build_state_read): written 1 MB at a time, the same file is mapped
 * 4 KB at a time, and reading its front matters in place misses the TLB. */
#define STATE_CHUNK (2u << 20)

typedef struct {
  int fd;
  buf b;          /* what is not written yet */
  size_t flushed; /* bytes written before b's first */
  bool failed;
} state_out;

/* Writes the whole chunks made so far (all that is made, at the end). */
static void out_flush(state_out *o, bool end) {
  size_t n = end ? o->b.len : o->b.len / STATE_CHUNK * STATE_CHUNK;
  if (!n) return;
  if (!o->failed && write_fd(o->fd, o->b.data, n) != 0) o->failed = true;
  memmove(o->b.data, o->b.data + n, o->b.len - n);
  o->b.len -= n;
  o->flushed += n;
}

/* Article d's mark among `marks` (a state written whole takes them in
 * order; *next is the first of marks->changed not yet taken). */
static const uint8_t *mark_of(const state_marks *marks, const build_state *prev, size_t d, size_t *next) {
  if (marks->all) return marks->all + d * SEARCH_MARK_BYTES;
  if (*next < marks->nchanged && marks->changed[*next].doc == d) return marks->changed[(*next)++].mark;
  return build_state_mark(prev, d);
}

static int write_state(const char *file, build_state *prev, const char *release, const state_env *env,
                       size_t nenv, const site *s, const search_layout *layout, const state_marks *marks) {
  fsx_sweep_aside(file); /* what a killed build or serve left: a state's size each */
  if (prev && append_patch(file, false, prev, env, nenv, s, s->narticles, layout, marks) == 0) return 0;
  if (!marks->all && (!prev || prev->ndocs != s->narticles)) return -1; /* (an incremental build keeps its articles) */
  char *aside = aside_name(file), *tmp = fsx_aside_name(file);
  unlink(aside); /* whatever it held, this state replaces it */
  free(aside);
  state_out o = {open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644), BUF_INIT, 0, false};
  if (o.fd < 0) {
    free(tmp);
    return -1;
  }
  buf *b = &o.b;
  buf_reserve(b, 2 * STATE_CHUNK);
  buf_puts(b, MAGIC);
  put_str(b, build_state_binary());
  put_str(b, release);
  put_env(b, env, nenv);
  put_listing(b, s);
  put_u32(b, (uint32_t)s->npages);
  size_t table_at = o.flushed + b->len;
  put_u64(b, 0);
  uint64_t *starts = malloc((s->npages ? s->npages : 1) * sizeof *starts);
  if (!starts) abort();
  for (size_t i = 0; i < s->npages; i++) {
    const page *p = s->pages[i];
    const state_page *old = prev && p->from_memo ? build_state_page(prev, i, p->rel) : NULL;
    starts[i] = o.flushed + b->len;
    if (old && old->tree) { /* the same stamp, parse and results; its tree's image where it now lies */
      buf_put(b, old->record, (size_t)(old->tree_field - old->record));
      state_tree_put(b, o.flushed, p->raw_fm);
      const char *tail = old->tree + old->tree_len;
      buf_put(b, tail, (size_t)(old->record + old->record_len - tail));
    } else {
      put_page(b, o.flushed, p);
    }
    out_flush(&o, false);
  }
  uint64_t table = o.flushed + b->len;
  buf_put(b, starts, s->npages * sizeof *starts);
  free(starts);
  size_t names_at = o.flushed + b->len;
  put_u64(b, 0);
  for (size_t i = 0; i < s->npages; i++) {
    buf_puts(b, s->pages[i]->rel);
    buf_putc(b, '\0');
    out_flush(&o, false);
  }
  uint64_t names_len = o.flushed + b->len - (names_at + 8);
  put_layout(b, layout, s->narticles);
  size_t next = 0;
  for (size_t d = 0; d < s->narticles; d++) {
    buf_put(b, mark_of(marks, prev, d, &next), SEARCH_MARK_BYTES);
    out_flush(&o, false);
  }
  buf_puts(b, "end\n");
  out_flush(&o, true);
  buf_free(b);
  if (!o.failed && (pwrite(o.fd, &table, 8, (off_t)table_at) != 8 ||
                    pwrite(o.fd, &names_len, 8, (off_t)names_at) != 8))
    o.failed = true;
  if (close(o.fd) != 0) o.failed = true;
  int rc = o.failed || rename(tmp, file) != 0 ? -1 : 0;
  if (rc) unlink(tmp);
  free(tmp);
  return rc;
}

int build_state_write(const char *file, const char *release, const state_env *env, size_t nenv,
                      const site *s, const search_layout *layout, const uint8_t *bits) {
  return write_state(file, NULL, release, env, nenv, s, layout, &(state_marks){.all = bits});
}

int build_state_note_listing(const char *file, build_state *prev, const state_env *env, size_t nenv, const site *s) {
  /* (the site is not linked: its articles are the state's) */
  return s->listed_ns == prev->listed_ns ? 0
                                         : append_patch(file, true, prev, env, nenv, s, prev->ndocs, &prev->search,
                                                        &(state_marks){0}); /* no mark changed */
}

int build_state_rewrite(const char *file, build_state *prev, const state_env *env, size_t nenv,
                        const site *s, const search_layout *layout, const state_marks *marks) {
  return write_state(file, prev, prev->release, env, nenv, s, layout, marks);
}

/* ---- reading ---------------------------------------------------------------------- */

typedef struct {
  char *p, *end;
  bool bad;
  const char *base; /* the file's first byte (trees are 8-aligned in the file) */
} reader;

static bool need(reader *r, size_t n) {
  if (r->bad || (size_t)(r->end - r->p) < n) r->bad = true;
  return !r->bad;
}
static uint8_t get_u8(reader *r) { return need(r, 1) ? (uint8_t)*r->p++ : 0; }
static uint32_t get_u32(reader *r) {
  uint32_t v = 0;
  if (need(r, 4)) memcpy(&v, r->p, 4), r->p += 4;
  return v;
}
static uint64_t get_u64(reader *r) {
  uint64_t v = 0;
  if (need(r, 8)) memcpy(&v, r->p, 8), r->p += 8;
  return v;
}
static const char *get_bytes(reader *r, size_t *len) {
  uint32_t n = get_u32(r);
  if (!need(r, (size_t)n + 1) || r->p[n] != '\0') {
    r->bad = true;
    return "";
  }
  const char *s = r->p;
  r->p += n + 1;
  if (len) *len = n;
  return s;
}
static const char *get_str(reader *r) { return get_bytes(r, NULL); }

static void get_page(reader *r, state_page *sp) {
  sp->record = r->p;
  sp->rel = get_str(r);
  sp->stamp.size = (int64_t)get_u64(r);
  sp->stamp.change_ns = (int64_t)get_u64(r);
  sp->stamp.ino = get_u64(r);
  sp->fm_hash = get_u64(r);
  sp->column_pos = (int)get_u32(r);
  int flags = get_u8(r);
  if (flags & F_TREE) {
    sp->tree_field = r->p;
    sp->tree_len = get_u32(r);
    size_t pad = (8 - (size_t)(r->p - r->base) % 8) % 8;
    if (need(r, pad + sp->tree_len)) {
      sp->tree = r->p + pad;
      r->p += pad + sp->tree_len;
    }
  }
  if (flags & F_SUMMARY) sp->summary = get_str(r);
  if (flags & F_CHART) sp->chart = get_str(r);
  sp->chars = (int)get_u32(r);
  sp->reading_minutes = (int)get_u32(r);
  if (flags & F_BODY_HTML) sp->body_html = get_bytes(r, &sp->body_html_len);
  sp->approved = flags & F_APPROVED;
  if (sp->approved)
    for (int k = 0; k < 3; k++) sp->reviewers[k] = get_str(r);
  sp->record_len = (size_t)(r->p - sp->record);
}

/* u32 n { str path; i64 size; i64 change_ns; u64 ino }: the environment, content/'s folders */
static state_env *get_stamped(reader *r, arena *a, size_t *n) {
  *n = get_u32(r);
  if (!need(r, *n * 29)) return NULL;
  state_env *v = arena_alloc(a, (*n ? *n : 1) * sizeof *v);
  for (size_t i = 0; i < *n && !r->bad; i++) {
    v[i].path = get_str(r);
    v[i].stamp.size = (int64_t)get_u64(r);
    v[i].stamp.change_ns = (int64_t)get_u64(r);
    v[i].stamp.ino = get_u64(r);
  }
  return v;
}

/* Where page i's record starts in the file (the table's entry). */
static const char *record_at(const build_state *st, size_t i) {
  uint64_t at;
  memcpy(&at, st->table + i * 8, 8);
  return at < st->len ? st->bytes + at : st->bytes + st->len;
}

const char *build_state_rel(const build_state *st, size_t i) {
  if (st->pages[i].record) return st->pages[i].rel;
  reader r = {(char *)record_at(st, i), (char *)st->table, false, st->bytes};
  const char *rel = get_str(&r);
  return r.bad ? "" : rel;
}

static void get_env(reader *r, build_state *st) { st->env = get_stamped(r, st->a, &st->nenv); }

static void get_listing(reader *r, build_state *st) {
  st->listed_ns = (int64_t)get_u64(r);
  st->dirs = get_stamped(r, st->a, &st->ndirs);
}

static void get_layout(reader *r, build_state *st) {
  st->search.shards = get_u32(r);
  st->search.bytes = get_u64(r);
  st->search.chunk = (size_t)get_u64(r);
}

static void get_end_mark(reader *r) {
  if (need(r, 4) && memcmp(r->p, "end\n", 4) == 0) r->p += 4;
  else r->bad = true;
}

/* A patch (see the format above) over what was read before it; its marks
 * are added to st->patched, in the order read (sorted by patched_sort). */
static void get_patch(reader *r, build_state *st, size_t *cap) {
  if (!need(r, 6) || memcmp(r->p, "patch\n", 6) != 0) {
    r->bad = true;
    return;
  }
  r->p += 6;
  get_env(r, st);
  get_listing(r, st);
  uint32_t n = get_u32(r);
  for (uint32_t i = 0; i < n && !r->bad; i++) {
    uint32_t at = get_u32(r);
    state_page sp = {0};
    get_page(r, &sp);
    if (!r->bad && at < st->npages && strcmp(build_state_rel(st, at), sp.rel) == 0) st->pages[at] = sp;
    else r->bad = true;
  }
  get_layout(r, st);
  if ((size_t)get_u64(r) != st->ndocs) r->bad = true;
  n = get_u32(r);
  for (uint32_t i = 0; i < n && !r->bad; i++) {
    uint32_t d = get_u32(r);
    if (d >= st->ndocs || !need(r, SEARCH_MARK_BYTES)) {
      r->bad = true;
      break;
    }
    if (st->npatched == *cap) {
      size_t ncap = *cap ? *cap * 2 : 16;
      st->patched = arena_grow(st->a, st->patched, *cap, ncap, sizeof *st->patched);
      *cap = ncap;
    }
    st->patched[st->npatched++] = (state_mark){d, (const uint8_t *)r->p};
    r->p += SEARCH_MARK_BYTES;
  }
  get_end_mark(r);
}

/* By article, and of one article's the later patch's (further into the file) last. */
static int patched_cmp(const void *x, const void *y) {
  const state_mark *a = x, *b = y;
  if (a->doc != b->doc) return a->doc < b->doc ? -1 : 1;
  return a->mark < b->mark ? -1 : a->mark > b->mark;
}

void state_marks_sort(state_mark *v, size_t n) {
  if (n > 1) qsort(v, n, sizeof *v, patched_cmp); /* (v may be NULL when n is 0) */
}

/* st->patched sorted by article, the last patch's mark of each alone. */
static void patched_sort(build_state *st) {
  state_marks_sort(st->patched, st->npatched);
  size_t n = 0;
  for (size_t i = 0; i < st->npatched; i++) {
    if (n && st->patched[n - 1].doc == st->patched[i].doc) n--;
    st->patched[n++] = st->patched[i];
  }
  st->npatched = n;
}

const uint8_t *build_state_mark(const build_state *st, size_t doc) {
  size_t lo = 0, hi = st->npatched;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (st->patched[mid].doc < doc) lo = mid + 1;
    else hi = mid;
  }
  return lo < st->npatched && st->patched[lo].doc == doc ? st->patched[lo].mark : st->bits + doc * SEARCH_MARK_BYTES;
}

uint8_t *build_state_marks_copy(const build_state *st) {
  uint8_t *bits = malloc(st->ndocs * SEARCH_MARK_BYTES + 1);
  if (!bits) abort();
  memcpy(bits, st->bits, st->ndocs * SEARCH_MARK_BYTES);
  for (size_t i = 0; i < st->npatched; i++)
    memcpy(bits + (size_t)st->patched[i].doc * SEARCH_MARK_BYTES, st->patched[i].mark, SEARCH_MARK_BYTES);
  return bits;
}

build_state *build_state_read(const char *file) {
  /* mapped, not read: strings and front matter trees are used where they
   * lie, in the page cache (mapped at once: at an aligned address the
   * kernel maps a file it holds in 2 MB folios 2 MB at a time) */
  int fd = open(file, O_RDONLY | O_CLOEXEC);
  struct stat fst;
  if (fd < 0) return NULL;
  if (fstat(fd, &fst) != 0 || fst.st_size < (off_t)sizeof MAGIC) {
    close(fd);
    return NULL;
  }
  size_t len = (size_t)fst.st_size;
  /* at STATE_TREE_BASE, where the front matter trees it holds can be used in place (else copied) */
  char *bytes = mmap((void *)STATE_TREE_BASE, len, PROT_READ, MAP_PRIVATE | MAP_POPULATE | MAP_FIXED_NOREPLACE, fd, 0);
  if (bytes == MAP_FAILED) bytes = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  close(fd);
  if (bytes == MAP_FAILED) return NULL;
  build_state *st = calloc(1, sizeof *st);
  if (!st) abort();
  st->a = arena_new();
  st->bytes = bytes;
  st->len = len;
  st->ino = (uint64_t)fst.st_ino;
  reader r = {bytes, bytes + len, false, bytes};
  if (len < sizeof MAGIC - 1 || memcmp(bytes, MAGIC, sizeof MAGIC - 1) != 0) r.bad = true;
  r.p += sizeof MAGIC - 1;
  st->binary = get_str(&r);
  st->release = get_str(&r);
  get_env(&r, st);
  get_listing(&r, st);
  st->npages = get_u32(&r);
  uint64_t table = get_u64(&r);
  st->records = r.p;
  if (!r.bad && table >= (uint64_t)(r.p - bytes) && table <= len && (len - table) / 8 >= st->npages) {
    st->pages = arena_calloc(st->a, st->npages ? st->npages : 1, sizeof *st->pages);
    st->table = bytes + table;
    r.p = bytes + table + st->npages * 8;
    for (size_t i = 0; i < st->npages && !r.bad; i++) /* each record within the records, its path first */
      if (record_at(st, i) < st->records || record_at(st, i) + 5 > st->table) r.bad = true;
  } else {
    r.bad = true;
  }
  st->names_len = (size_t)get_u64(&r);
  if (need(&r, st->names_len)) {
    st->names = r.p;
    r.p += st->names_len;
  }
  get_layout(&r, st);
  st->ndocs = (size_t)get_u64(&r);
  if (need(&r, st->ndocs * SEARCH_MARK_BYTES)) {
    st->bits = (const uint8_t *)r.p;
    r.p += st->ndocs * SEARCH_MARK_BYTES;
  }
  get_end_mark(&r);
  st->base_len = (size_t)(r.p - bytes);
  size_t cap = 0;
  while (!r.bad && r.p < r.end) get_patch(&r, st, &cap);
  patched_sort(st);
  if (r.bad) {
    build_state_free(st);
    return NULL;
  }
  return st;
}

void build_state_free(build_state *st) {
  if (!st) return;
  arena_free(st->a);
  munmap(st->bytes, st->len);
  free(st);
}

yx_node *build_state_tree(const build_state *st, const state_page *sp, arena *a) {
  return sp->tree ? state_tree_get(sp->tree, sp->tree_len, st->bytes, a) : NULL;
}

const state_page *build_state_page(build_state *st, size_t i, const char *rel) {
  if (i >= st->npages || strcmp(build_state_rel(st, i), rel) != 0) return NULL;
  state_page *sp = &st->pages[i];
  if (!sp->record && !sp->unreadable) {
    reader r = {(char *)record_at(st, i), (char *)st->table, false, st->bytes};
    get_page(&r, sp);
    if (r.bad) *sp = (state_page){.unreadable = true};
  }
  return sp->unreadable ? NULL : sp;
}

const page_memo *build_state_memo(void *ud, size_t i, const char *rel, const fsx_stamp *now, arena *a) {
  build_state *st = ud;
  const state_page *sp = build_state_page(st, i, rel);
  if (!sp || !sp->tree || !fsx_stamp_same(&sp->stamp, now)) return NULL;
  page_memo *m = arena_alloc(a, sizeof *m);
  *m = (page_memo){sp->stamp, sp->fm_hash, build_state_tree(st, sp, a)};
  return m->raw_fm ? m : NULL;
}

/* A folder changed less than this before it was listed may have changed
 * again, after the listing, within the same tick of its file system's
 * clock (ext4's is the kernel's tick; FAT's two seconds): its stamp would
 * not tell, so the folder is listed again.  (A network file system whose
 * server's clock is behind this machine's by more than this could hide
 * such a change too: docs/incremental.md.) */
#define LISTING_STEP_NS 2000000000LL

bool build_state_listing(void *ud, const char *content, const char ***dirs, size_t *ndirs, const char ***files,
                         size_t *nfiles, int64_t *listed_ns) {
  build_state *st = ud;
  if (!st->ndirs || st->dirs[0].path[0]) return false; /* the first is content/ itself */
  const char **rels = arena_alloc(st->a, (st->npages ? st->npages : 1) * sizeof *rels);
  const char *name = st->names, *end = st->names + st->names_len;
  for (size_t i = 0; i < st->npages; i++) { /* as a walk finds them: inside content/ */
    const char *nul = memchr(name, '\0', (size_t)(end - name));
    if (!nul || !path_is_safe_rel(rels[i] = name)) return false;
    name = nul + 1;
  }
  if (name != end) return false;
  for (size_t i = 0; i < st->ndirs; i++) {
    const state_env *d = &st->dirs[i];
    fsx_stamp now;
    const char *path = i ? path_join(st->a, content, d->path) : content;
    if (d->stamp.size < 0 || d->stamp.change_ns > st->listed_ns - LISTING_STEP_NS || (i && !path_is_safe_rel(d->path)) ||
        fsx_folder_stamp_at(AT_FDCWD, path, i == 0, &now) != 0 || !fsx_stamp_same(&now, &d->stamp))
      return false;
  }
  *ndirs = st->ndirs - 1;
  *dirs = arena_alloc(st->a, (*ndirs ? *ndirs : 1) * sizeof **dirs);
  for (size_t i = 1; i < st->ndirs; i++) (*dirs)[i - 1] = st->dirs[i].path;
  *nfiles = st->npages;
  *files = rels;
  *listed_ns = st->listed_ns;
  return true;
}

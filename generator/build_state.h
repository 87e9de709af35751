/* build_state: what a preview build leaves in <out>/.cache/preview-state
 * for the next one to build incrementally (build_incremental.h,
 * docs/incremental.md):
 *
 *   - the release it describes (what <out>/preview pointed at);
 *   - the stamp (size, time, inode) of every file and folder besides
 *     content/ that a preview build reads (site.yaml, layouts, the theme,
 *     static folders, charts/, data/, the review roster and records) and of
 *     govpub itself: when one differs, the next build is whole;
 *   - the folders of content/ with their stamps, taken after they were
 *     listed, and when: while none changes, the next build does not list
 *     them again;
 *   - per content file: its stamp, the hash and the parse of its front
 *     matter (so an unchanged file is neither read nor parsed again; the
 *     parse as an image used where it lies, state_tree.h), and
 *     what rendering its body gave that other pages show (summary, first
 *     chart, character count, reading time, a column page's introduction)
 *     and whether its review was approved;
 *   - the site search index's layout and each article's mark (its
 *     shard bits and sums, search.h).
 *
 * The file is binary, written whole under a temporary name and renamed by
 * a whole build; an incremental build appends a patch (the records it
 * changed) to it instead, while it is set aside (build_state_retire), and
 * writes it whole again when the patches grow to a quarter of it.  A state
 * that is missing, from another govpub, or not readable as a whole is no
 * state (the build is whole).
 *
 * Ownership: a read state lives in its own arena (strings and front
 * matter trees point into the file, which it keeps mapped, at
 * STATE_TREE_BASE when it can) until build_state_free; the model's pages
 * point into it, so it is freed after the site. */
#ifndef GOVPUB_BUILD_STATE_H
#define GOVPUB_BUILD_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "config.h"
#include "fsx.h"
#include "search.h"
#include "site.h"
#include "strmap.h"

/* A file or folder a build reads besides content/, and its stamp
 * (size -1: absent). */
typedef struct {
  const char *path;
  fsx_stamp stamp;
} state_env;

typedef struct {
  const char *rel;         /* path under content/ */
  fsx_stamp stamp;         /* its file's, when the build read it */
  uint64_t fm_hash;
  const char *tree;        /* its front matter parse, as the file holds it (build_state_tree), or NULL */
  size_t tree_len;
  const char *tree_field;  /* where its record gives the tree's length (what precedes is copied as it is) */
  int column_pos;          /* its place in its column's list (page.column_pos) */
  const char *summary;     /* a summary made from the body; NULL when the front matter gives one */
  const char *chart;       /* the id of the first chart it shows, or NULL */
  int chars, reading_minutes;
  const char *body_html;   /* a column page's introduction, or NULL */
  size_t body_html_len;
  bool approved;
  const char *reviewers[3];
  const char *record;      /* its bytes in the file: copied as they are for a page read from the state;
                              NULL until the record is read (build_state_page) */
  size_t record_len;
  bool unreadable;         /* its record is not as govpub writes it: no memo */
} state_page;

/* An article's mark (search.h) in place of the one before: a patch's, or
 * a new one an incremental build gives its state. */
typedef struct {
  uint32_t doc;            /* the article's index (site.articles) */
  const uint8_t *mark;     /* SEARCH_MARK_BYTES */
} state_mark;

/* The marks a state is written with: `all` (every article's, in order),
 * or, when it is NULL, the previous state's (build_state_mark) but for
 * `changed` (sorted by doc, one each): an incremental build neither copies
 * nor compares the marks its edit left alone. */
typedef struct {
  const uint8_t *all;
  const state_mark *changed;
  size_t nchanged;
} state_marks;

typedef struct {
  arena *a;
  char *bytes;             /* the file, mapped; strings point into it */
  size_t len;
  uint64_t ino;            /* the file's (its patches are appended to it: build_state_rewrite) */
  size_t base_len;         /* the bytes written whole, before the patches */
  const char *binary;      /* which govpub wrote it (build_state_binary) */
  const char *release;     /* the release id <out>/preview pointed at */
  state_env *env;
  size_t nenv;
  int64_t listed_ns;       /* when content/ was listed (site.listed_ns) */
  state_env *dirs;         /* content/'s folders, content/ itself first (site.columns), stamped after */
  size_t ndirs;
  state_page *pages;       /* in the order of the model's pages (site.pages) that wrote it, each
                              read when asked for (build_state_page) */
  size_t npages;
  const char *records;     /* where the pages' records start in the file */
  const char *table;       /* npages × u64: where each record starts */
  const char *names;       /* the pages' paths, one after the other, each ended by a NUL (the listing) */
  size_t names_len;
  search_layout search;
  const uint8_t *bits;     /* ndocs × SEARCH_MARK_BYTES: each article's mark (search.h) as the file was
                              written whole; build_state_mark gives the patches' in place of theirs */
  size_t ndocs;
  state_mark *patched;     /* the patches' marks, the last of each article's, sorted by doc: pointing into
                              the file, where a copy of every mark would cost 2 MB of fresh memory at 10k */
  size_t npatched;
} build_state;

/* The files and folders besides content/ that a preview build of cfg
 * reads, with their stamps, in a fixed order. */
void build_state_env(arena *a, const site_config *cfg, state_env **env, size_t *n);
/* True when both lists name the same paths with the same stamps. */
bool build_state_env_same(const state_env *x, size_t nx, const state_env *y, size_t ny);

/* Reads a state; NULL when there is none usable (never reported).  The
 * pages' front matter trees are taken apart only when asked for (by the
 * loader's threads, for the pages whose file has the recorded stamp). */
build_state *build_state_read(const char *file);
/* Which govpub this is, as a state records it: an incremental build takes
 * only a state of the same binary, so that what a newer govpub checks (a
 * field rule added, a message reworded) is checked on every page by its
 * first build, where a state of the same version number would have let it
 * take the unchanged pages as checked. */
const char *build_state_binary(void);
void build_state_free(build_state *st);
/* sp's front matter parse: where it lies in the file when the file is
 * mapped at STATE_TREE_BASE, else copied into `a` (state_tree.h); NULL
 * when the state has none (or not as govpub writes it). */
yx_node *build_state_tree(const build_state *st, const state_page *sp, arena *a);
/* Page i's path under content/ (its record's first field, read without the
 * rest), or "" when it cannot be read; i < st->npages. */
const char *build_state_rel(const build_state *st, size_t i);
/* The record of page i of a model of the same files (their order is the
 * model's, site.pages, that wrote it): NULL when the state's page i is
 * not `rel` (files came or went), or its record cannot be read.  A record
 * is read the first time it is asked for: by the loader's threads (each
 * page by one of them), then by the build's own thread. */
const state_page *build_state_page(build_state *st, size_t i, const char *rel);
/* Sorts marks by doc (those of one doc by where their marks lie). */
void state_marks_sort(state_mark *v, size_t n);
/* Article `doc`'s mark (doc < st->ndocs): the last patch's, else the file's. */
const uint8_t *build_state_mark(const build_state *st, size_t doc);
/* Every article's mark, malloc'd (ndocs × SEARCH_MARK_BYTES): what serve
 * keeps and changes in place (build_session.h). */
uint8_t *build_state_marks_copy(const build_state *st);
/* page_memo_fn over a state. */
const page_memo *build_state_memo(void *st, size_t i, const char *rel, const fsx_stamp *now, arena *a);
/* site_memo's listing over a state: its folders and pages, when every
 * folder under `content` has its recorded stamp and was listed at least
 * two seconds after that stamp (a later change could hide within a tick of
 * the file system's clock). */
bool build_state_listing(void *st, const char *content, const char ***dirs, size_t *ndirs, const char ***files,
                         size_t *nfiles, int64_t *listed_ns);

/* Writes the state of a finished preview build: the model (after its
 * articles were rendered), the search index's layout and the articles'
 * marks (narticles × SEARCH_MARK_BYTES, search.h).  Returns -1 on failure
 * (errno), which only costs the next build its speed. */
int build_state_write(const char *file, const char *release, const state_env *env, size_t nenv,
                      const site *s, const search_layout *layout, const uint8_t *bits);
/* The same after an incremental build from `prev`: prev's file, set
 * aside by build_state_retire, gets a patch with the records of the pages
 * not loaded from it (page.from_memo false), the environment, the layout
 * and the marks that differ from prev's, and goes back in place — unless the
 * patches would make up more than a quarter of it, or it is not prev's
 * file: then the state is written whole (the record of a page loaded from
 * prev copied from it). */
int build_state_rewrite(const char *file, build_state *prev, const state_env *env, size_t nenv,
                        const site *s, const search_layout *layout, const state_marks *marks);
/* After a build that found nothing to do: when it listed content/ again
 * (the recorded listing was not to be trusted), a patch with the new
 * listing (and no pages) appended to prev's file where it is, so that
 * the next build need not list it again.  -1 when it cannot (which only
 * costs the next build a listing). */
int build_state_note_listing(const char *file, build_state *prev, const state_env *env, size_t nenv, const site *s);
/* Takes the state out of place (renames it aside) before a build renames
 * new outputs into the preview: a build killed in between leaves no state
 * (the next build is whole); build_state_rewrite puts it back patched. */
void build_state_retire(const char *file);
/* Puts a state written by build_state_write to `tmp` in place as `file`
 * (a whole build writes it beside its lists, then installs it once the
 * release is committed), and removes whatever an earlier build set aside
 * (build_state_retire): the installed state replaces it.  -1 on failure
 * (errno). */
int build_state_install(const char *tmp, const char *file);

#endif

/* release_fold: see release_fold.h.  One map: path_fold of each output
 * and of each folder above one → what it is. */
#include "release_fold.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "path_fold.h"
#include "strmap.h"

typedef struct {
  const char *path; /* as written: the output, or the folder (no '/' at the end) */
  const char *who;  /* where a clash is said: the source file, or the output path */
  int line, col;
  bool folder;
  char kind; /* of a file: a fold_kind */
  bool said; /* a file whose clash with a folder is reported (once, not per file in the folder) */
} entry;

struct release_fold {
  pthread_mutex_t lock;
  arena *a;
  arena *scratch; /* each path's fold, until the next path */
  strmap *by_fold; /* keys: the entry's own path when the fold is the path (most are) */
};

static const char both_hint[] =
    "rename one: on a case-insensitive or normalising file system (out/ copied to Windows or a Mac) "
    "one would overwrite the other";
static const char folder_hint[] =
    "rename one: a case-insensitive or normalising file system (out/ copied to Windows or a Mac) "
    "cannot hold a file and a folder of that name";

release_fold *release_fold_new(void) {
  release_fold *f = calloc(1, sizeof *f);
  if (!f) abort();
  pthread_mutex_init(&f->lock, NULL);
  f->a = arena_new();
  f->scratch = arena_new();
  f->by_fold = strmap_new(f->a);
  return f;
}

void release_fold_free(release_fold *f) {
  if (!f) return;
  pthread_mutex_destroy(&f->lock);
  arena_free(f->a);
  arena_free(f->scratch);
  free(f);
}

static void said_folder(const entry *file, const char *folder, size_t n) {
  diag_error(file->who, file->line, file->col, folder_hint,
             "output /%s differs from the folder /%.*s/ only in case or Unicode normalisation", file->path, (int)n,
             folder);
}

/* Two files: said at the one made from a source file with a line, else at
 * the greater path, so that the report does not depend on which of two
 * render threads wrote first. */
static void said_files(const entry *x, const entry *y) {
  bool at_x = (x->line > 0) != (y->line > 0) ? x->line > 0 : strcmp(x->path, y->path) > 0;
  const entry *at = at_x ? x : y, *other = at_x ? y : x;
  if (strcmp(other->who, other->path) == 0)
    diag_error(at->who, at->line, at->col, both_hint,
               "output /%s differs from /%s only in case or Unicode normalisation", at->path, other->path);
  else
    diag_error(at->who, at->line, at->col, both_hint,
               "output /%s differs from /%s (%s) only in case or Unicode normalisation", at->path, other->path,
               other->who);
}

static bool same(const char *path, const char *s, size_t n) { return strlen(path) == n && memcmp(path, s, n) == 0; }

void release_fold_add(release_fold *f, const char *path, const char *who, int line, int col, fold_kind kind) {
  pthread_mutex_lock(&f->lock);
  entry me = {.path = path, .who = who, .line = line, .col = col, .kind = (char)kind};
  arena_reset(f->scratch);
  const char *folded = path_fold(f->scratch, path); /* a copy, unless path is not UTF-8 */
  char *fold = folded == path ? arena_strdup(f->scratch, path) : (char *)folded; /* cut at each '/' below */
  const char *p = path;
  /* The folders above it: NFC and case folding keep the '/'s, one for one. */
  for (char *s = fold; (s = strchr(s, '/')) && (p = strchr(p, '/')); s++, p++) {
    size_t n = (size_t)(p - path);
    *s = '\0';
    entry *e = strmap_get(f->by_fold, fold);
    if (!e) {
      e = arena_calloc(f->a, 1, sizeof *e);
      *e = (entry){.path = arena_strndup(f->a, path, n), .folder = true};
      strmap_put(f->by_fold, strcmp(fold, e->path) == 0 ? e->path : arena_strdup(f->a, fold), e);
    } else if (!e->folder && !e->said && !same(e->path, path, n)) {
      said_folder(e, path, n);
      e->said = true;
    }
    *s = '/';
  }
  entry *e = strmap_get(f->by_fold, fold);
  if (!e) {
    e = arena_calloc(f->a, 1, sizeof *e);
    const char *own = arena_strdup(f->a, path);
    *e = me;
    e->path = own;
    e->who = who == path ? own : arena_strdup(f->a, who);
    strmap_put(f->by_fold, strcmp(fold, own) == 0 ? own : arena_strdup(f->a, fold), e);
  } else if (strcmp(e->path, path) != 0) { /* the same path twice: release.c says so */
    if (e->folder) said_folder(&me, e->path, strlen(e->path));
    else if (e->kind != me.kind || me.kind == FOLD_UNCOMPARED) said_files(&me, e);
  }
  pthread_mutex_unlock(&f->lock);
}

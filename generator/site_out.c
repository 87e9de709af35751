/* site_out: see site_out.h. */
#include "site_out.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "fsx.h"

/* What a build makes in the output folder (the lock file last). */
static const char *const made[] = {"releases", "current", "preview", ".cache", ".trash", ".lock"};
#define NMADE (sizeof made / sizeof *made)
_Static_assert(NMADE <= sizeof(unsigned) * 8, "site_out_before.had has a bit for each");

/* Is `path` inside what a build writes in `out`?  All of out, unless out
 * holds the site (site_in_out): then only what it makes there. */
static bool written(arena *a, const char *out, bool site_in_out, const char *path) {
  const char *rel = path_rel_in(a, out, path);
  if (!rel || !site_in_out) return rel != NULL;
  for (size_t i = 0; i < sizeof made / sizeof *made; i++) {
    size_t n = strlen(made[i]);
    if (strncmp(rel, made[i], n) == 0 && (rel[n] == '\0' || rel[n] == '/')) return true;
  }
  return false;
}

typedef struct {
  arena *a;
  const site_config *cfg;
  const char *out;
  bool site_in_out, ok;
} ctx;

/* One folder the build reads, named `what` ("scan.words \"w\""), said at
 * site.yaml's line:col, or at the folder itself when line is 0: the same
 * folder as the output, inside it, or holding it — each said as it is,
 * with what to do about that one. */
static void folder(ctx *c, const char *what, const char *dir, int line, int col) {
  const char *at = line ? c->cfg->file : dir;
  const char *out_in_dir = path_rel_in(c->a, dir, c->out);
  if (out_in_dir && !*out_in_dir)
    diag_error(at, line, col, "give the output a folder of its own (--out), e.g. the site's out/ (the default)",
               "the output folder %s is %s itself: the build would write into what it reads", c->out, what);
  else if (written(c->a, c->out, c->site_in_out, dir))
    diag_error(at, line, col, "keep them apart: move the folder out of the output folder, or build into another "
               "folder (--out)", "%s is inside the output folder %s, which the build writes", what, c->out);
  else if (out_in_dir)
    diag_error(at, line, col, "keep them apart: build into a folder outside it (--out), e.g. the site's out/ (the "
               "default)", "the output folder %s is inside %s: the build would write into what it reads", c->out,
               what);
  else return;
  c->ok = false;
}

/* Where site.yaml gives `node`, else its 1:1 (a default: site.yaml as a whole). */
static void place(const yx_node *node, int *line, int *col) {
  *line = node ? node->line : 1;
  *col = node ? node->col : 1;
}

bool site_out_apart(arena *a, const site_config *cfg, const char *out, const char *trust) {
  ctx c = {.a = a, .cfg = cfg, .out = out, .ok = true};
  c.site_in_out = path_rel_in(a, out, cfg->root) != NULL;
  int line, col;
  const yx_node *words = yx_get(yx_get(cfg->yaml, "scan"), "words");
  place(words ? words : yx_get(cfg->yaml, "scan"), &line, &col);
  folder(&c, arena_printf(a, "scan.words \"%s\"", cfg->scan_words), path_in_site(a, cfg->root, cfg->scan_words),
         line, col);
  for (size_t i = 0; i < cfg->nstatics; i++)
    folder(&c, arena_printf(a, "the static folder \"%s\"", cfg->statics[i].dir),
           path_in_site(a, cfg->root, cfg->statics[i].dir), cfg->statics[i].line, cfg->statics[i].col);
  place(yx_get(cfg->yaml, "theme"), &line, &col);
  folder(&c, arena_printf(a, "the theme folder %s", cfg->theme_dir), cfg->theme_dir, line, col);
  static const char *const fixed[] = {"content", "charts", "data", "layouts", "reviews"}; /* as build_state.c */
  for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) {
    const char *dir = path_in_site(a, cfg->root, fixed[i]);
    folder(&c, arena_printf(a, "%s/", fixed[i]), dir, 0, 0);
  }
  if (trust && written(a, out, c.site_in_out, trust)) {
    diag_error(trust, 0, 0, "keep the trusted keys outside the output folder: what a build writes must not "
               "choose who may approve the next one", "the trust anchor is inside the output folder %s", out);
    c.ok = false;
  }
  return c.ok;
}

void site_out_note(arena *a, const char *out, site_out_before *b) {
  struct stat st;
  b->made_from = NULL;
  b->had = 0;
  for (size_t n = 1, len = strlen(out); n <= len && !b->made_from; n++) { /* each prefix ending at a '/' or the end */
    if (n < len && out[n] != '/') continue;
    char *prefix = arena_strndup(a, out, n);
    if (lstat(prefix, &st) != 0) b->made_from = prefix;
  }
  if (b->made_from) return; /* out is not there: nothing in it either */
  for (size_t i = 0; i < NMADE; i++)
    if (lstat(path_join(a, out, made[i]), &st) == 0) b->had |= 1u << i;
}

void site_out_undo(arena *a, const char *out, const site_out_before *b) {
  for (size_t i = 0; i < NMADE; i++) {
    if (b->had & (1u << i)) continue;
    const char *path = path_join(a, out, made[i]);
    if (strcmp(made[i], ".lock") == 0) unlink(path);
    else rmdir(path); /* only when the failed build left it empty */
  }
  if (!b->made_from) return;
  size_t stop = strlen(b->made_from);
  char *dir = arena_strdup(a, out);
  for (size_t n = strlen(dir); n >= stop; n = strlen(dir)) {
    if (rmdir(dir) != 0) return;
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir) return;
    *slash = '\0';
  }
}

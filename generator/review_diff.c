/* review_diff: a document's files against their approved versions, found
 * in git (review_diff.h). */
#include "review_diff.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "digest.h"
#include "proc.h"

/* The digest `b` gives path, or NULL when it does not list it. */
static const char *digest_in(const bundle *b, const char *path) {
  for (size_t i = 0; i < b->n; i++)
    if (strcmp(b->files[i].path, path) == 0) return b->files[i].digest;
  return NULL;
}

/* The newest commit of root's repository whose copy of path has `digest`
 * (NULL: none; *no_git when root is in no repository). */
static const char *commit_with(arena *a, const char *root, const char *path, const char *digest, bool *no_git) {
  const char *log[] = {"git", "-C", root, "log", "--format=%H", "--", path, NULL};
  buf hashes = BUF_INIT, blob = BUF_INIT;
  const char *found = NULL;
  *no_git = proc_run(log, &hashes, NULL) != 0;
  char *save = NULL;
  buf_putc(&hashes, '\0');
  for (char *h = *no_git ? NULL : strtok_r(hashes.data, "\n", &save); h && !found; h = strtok_r(NULL, "\n", &save)) {
    const char *show[] = {"git", "-C", root, "show", arena_printf(a, "%s:./%s", h, path), NULL};
    char d[DIGEST_HEX_LEN];
    buf_clear(&blob);
    if (proc_run(show, &blob, NULL) != 0) continue;
    digest_mem(blob.data ? blob.data : "", blob.len, d);
    if (strcmp(d, digest) == 0) found = arena_strdup(a, h);
  }
  buf_free(&hashes);
  buf_free(&blob);
  return found;
}

/* git's diff of one file, to stdout: from commit `from` (NULL: a file new
 * since the approval) to the file as it is now (gone: removed since). */
static void show_diff(const char *root, const char *path, const char *from) {
  const char *since[] = {"git", "-C", root, "--no-pager", "diff", "--no-color", "--no-ext-diff", from, "--", path, NULL};
  const char *added[] = {"git", "-C", root, "--no-pager", "diff", "--no-color", "--no-ext-diff", "--no-index", "--",
                         "/dev/null", path, NULL};
  buf out = BUF_INIT;
  proc_run(from ? since : added, &out, NULL); /* --no-index exits 1 when the files differ */
  fwrite(out.data ? out.data : "", 1, out.len, stdout);
  buf_free(&out);
}

/* One file of the union of the two bundles; 1 when it differs, -1 after
 * reporting. */
static int diff_one(arena *a, const char *root, const char *path, const char *was, const char *is) {
  if (was && is && strcmp(was, is) == 0) return 0;
  if (!was) {
    printf("%s: new to its review (no approved version)\n", path);
    show_diff(root, path, NULL);
    return 1;
  }
  bool no_git;
  const char *commit = commit_with(a, root, path, was, &no_git);
  if (!commit) {
    diag_error(path, 0, 0,
               no_git ? "govpub keeps digests, not text: keep the site in git, then a diff shows what changed"
                      : "commit the version the reviewers approve before they sign it; compare it by hand meanwhile",
               no_git ? "cannot show what changed: the site is not in a git repository"
                      : "cannot show what changed: no commit holds the approved version (%s)", was);
    return -1;
  }
  printf("%s: %s since the approval (approved version: commit %.12s)\n", path, is ? "changed" : "no longer used",
         commit);
  show_diff(root, path, commit);
  return 1;
}

int review_diff(arena *a, const char *root, const bundle *approved, const bundle *now) {
  int n = 0;
  for (size_t i = 0; i < approved->n; i++) {
    int r = diff_one(a, root, approved->files[i].path, approved->files[i].digest, digest_in(now, approved->files[i].path));
    if (r < 0) return -1; /* the next file's would say the same */
    n += r;
  }
  for (size_t i = 0; i < now->n; i++)
    if (!digest_in(approved, now->files[i].path)) n += diff_one(a, root, now->files[i].path, NULL, now->files[i].digest);
  return n;
}

/* `list`, with `path` appended after a comma. */
static const char *add_path(arena *a, const char *list, const char *path) {
  return *list ? arena_printf(a, "%s, %s", list, path) : path;
}

const char *review_changes_line(arena *a, const bundle *approved, const bundle *now) {
  if (!approved) return "never approved";
  const char *changed = "", *added = "", *gone = "";
  for (size_t i = 0; i < approved->n; i++) {
    const char *is = digest_in(now, approved->files[i].path);
    if (!is) gone = add_path(a, gone, approved->files[i].path);
    else if (strcmp(is, approved->files[i].digest) != 0) changed = add_path(a, changed, approved->files[i].path);
  }
  for (size_t i = 0; i < now->n; i++)
    if (!digest_in(approved, now->files[i].path)) added = add_path(a, added, now->files[i].path);
  if (!*changed && !*added && !*gone) return "unchanged since its approval";
  const char *out = "since its approval:";
  if (*changed) out = arena_printf(a, "%s changed %s", out, changed);
  if (*added) out = arena_printf(a, "%s%s new %s", out, *changed ? ";" : "", added);
  if (*gone) out = arena_printf(a, "%s%s no longer used %s", out, *changed || *added ? ";" : "", gone);
  return out;
}

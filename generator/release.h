/* release: the output layout of DESIGN §8.  Every build writes a complete
 * folder <out>/releases/.<id>.partial, renames it to <out>/releases/<id>
 * when everything succeeded, and only then points the link <out>/current
 * (publishing build) or <out>/preview (preview build) at it, atomically.
 * A failed or killed build leaves what was served untouched.  A lock file
 * (<out>/.lock, flock) keeps two builds, publishes, rollbacks or deploys
 * of one output from running at once; the kernel drops it when its holder
 * dies, so a killed run never leaves the output locked.
 *
 * Releases pruned by a commit are moved into <out>/.trash (a rename), and
 * the next release_begin empties it on a thread of its own while that
 * build works; its commit or abort waits for it.  Removing a 10k-page
 * release took 3–5 s here (the disk is mounted with `discard`: every
 * unlinked file's blocks are discarded at once), more than the build.
 *
 * Ownership: a release's strings live in the arena passed to release_begin. */
#ifndef GOVPUB_RELEASE_H
#define GOVPUB_RELEASE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "release_fold.h"

typedef struct release_overlay release_overlay;
typedef struct release_trash release_trash;
typedef struct release_claims release_claims;

typedef struct {
  const char *out;     /* the output root */
  const char *id;      /* e.g. 20241120-101200 (UTC), -2 … when taken */
  const char *staging; /* <out>/releases/.<id>.partial */
  const char *final;   /* <out>/releases/<id> */
  int dirfd;           /* the staging folder, open: writes are relative to it */
  release_overlay *overlay; /* NULL, or the files an overlay has written (release_overlay) */
  release_trash *trash;     /* NULL, or the thread emptying <out>/.trash while this release is made */
  release_claims *claims;   /* NULL, or the paths claimed unwritten (release_dry_after_errors) */
  release_fold *folds;      /* the outputs by their case fold (release_fold.h); NULL in an overlay */
} release;

/* Creates the staging folder (and starts emptying <out>/.trash); reports
 * and returns -1 on failure. */
int release_begin(arena *a, const char *out, release *r);
/* The same with the id `base` (then base-2, base-3 … when taken): a deploy
 * keeps the id the release has on the publishing host. */
int release_begin_as(arena *a, const char *out, const char *base, release *r);
/* Writes one file of the release (path relative to the release root, no
 * "..").  Reports and returns -1 on failure, also when the file exists
 * already (two outputs claiming one path).  An output that differs from
 * another only in case or Unicode normalisation is reported too
 * (release_fold.h). */
int release_write(const release *r, const char *path, const void *data, size_t len);
/* The same for an output made from the source file `src` (a page's
 * Markdown), where a failure is reported, at line:col (what names the
 * output, as an alias, else 1:1: the whole file); src NULL: at the output
 * path, with no line. */
int release_write_from(const release *r, const char *path, const char *src, int line, int col, const void *data,
                       size_t len);
/* Copies a source file into the release; `kind` says what it is, for the
 * outputs it is compared with (release_fold.h). */
int release_copy(const release *r, const char *path, const char *src, fold_kind kind);
/* From now on, once an error has been reported (diag_errors), this
 * release's files are no longer written, only claimed: release_write and
 * release_copy report what writing would have (a path written twice, a
 * file where a folder must be, a copy's unreadable source) and return as
 * if written.  For a build that never commits after an error: it still
 * renders everything, for the errors of every page, but a failed 10k-page
 * build no longer creates and then deletes 24,000 files and folders
 * (about 2 s, and the kernel's recently deleted inodes slow the builds of
 * the next minutes).  Freed by release_commit or release_abort. */
void release_dry_after_errors(release *r);
/* Finishes: staging → final, then `link` → releases/<id>; keeps the newest
 * `keep` releases plus every linked one.  Reports and returns -1 on failure. */
int release_commit(arena *a, release *r, const char *link, int keep);
/* Throws the staging folder away (deleted now: a refused build leaves the
 * whole of out/ as it was, .trash included). */
void release_abort(release *r);

/* An overlay on the finished release <out>/releases/<id>: the preview that
 * an incremental build (build_incremental.h) updates in place instead of
 * writing a new release.  release_write then writes each file beside its
 * place under a temporary name (.<name>.govpub-new) and may replace a file
 * of the release; release_overlay_commit renames them all into place;
 * release_abort removes them, leaving the release as it was.  Reports and
 * returns -1 on failure. */
int release_overlay_begin(arena *a, const char *out, const char *id, release *r);
int release_overlay_commit(release *r);
/* A file of the release (relative path), malloc'd and NUL-terminated; NULL
 * with errno when it cannot be read. */
char *release_read(const release *r, const char *path, size_t *len);

/* Takes <out>/.lock, creating <out> when `make` (a build's, a deploy
 * target's); otherwise a missing <out> is an error (rollback, deploy and
 * releases --seal work on releases that are there: a mistyped --out must
 * not leave a new folder behind).  Returns the lock's descriptor, or -1
 * after reporting (no folder, another holder, a system failure). */
int release_lock(arena *a, const char *out, bool make);
void release_unlock(int fd);
/* The release ids under <out>/releases, oldest first (ids sort by time);
 * no partial or half-removed ones.  A missing folder is an empty list. */
int release_list(arena *a, const char *out, const char ***ids, size_t *n);
/* The same, reporting a failure as a system one at <out>/releases, with
 * the system's reason (govpub releases, rollback). */
int release_list_reported(arena *a, const char *out, const char ***ids, size_t *n);
/* The release id the link <out>/<name> points at ("" when none). */
const char *release_linked(arena *a, const char *out, const char *name);
/* Points <out>/<link> at releases/<id> atomically; reports on failure. */
int release_switch(arena *a, const char *out, const char *id, const char *link);

#endif

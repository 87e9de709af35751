/* fsx: the file system, safely: whole-file reads, sorted directory listings,
 * parent-creating writes, copies, the atomic link switch, and the path rules
 * that keep every read and write inside its root.
 *
 * Ownership: fsx_read returns malloc'd bytes the caller frees; listings and
 * paths are allocated in the arena given.  Functions returning int give 0 on
 * success and -1 with errno set. */
#ifndef GOVPUB_FSX_H
#define GOVPUB_FSX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* Reads a whole regular file (NUL-terminated); NULL with errno on failure,
 * EISDIR for anything but a regular file (a folder, a FIFO, a device; a
 * FIFO is not waited on).  The file is read up to the size fstat gives
 * (the size its stamp records): bytes appended while it is read are not. */
char *fsx_read(const char *path, size_t *len);

/* What tells a file changed without reading it (size, the time of the
 * inode's last change in nanoseconds, inode): the incremental build's
 * state (build_state.h).  The change time (ctime), not the modification
 * time: any write sets it, and no program can set it back, where
 * `touch -r`, `rsync -t`, `tar` or `cp -p` set a modification time back
 * (an edit of the same size would then go unseen). */
typedef struct {
  int64_t size, change_ns;
  uint64_t ino;
} fsx_stamp;

/* True when two stamps say the same file, unchanged. */
static inline bool fsx_stamp_same(const fsx_stamp *x, const fsx_stamp *y) {
  return x->size == y->size && x->change_ns == y->change_ns && x->ino == y->ino;
}

/* fsx_read of the file open at fd (left open). */
char *fsx_read_fd(int fd, size_t *len);
/* fsx_read that also gives the file's stamp (st may be NULL) and refuses,
 * before reading, a file of more than `max` bytes (0: any size) with
 * errno EFBIG (the stamp is set). */
char *fsx_read_stamped(const char *path, size_t *len, fsx_stamp *st, size_t max);
/* The stamp of a file or folder (symbolic links not followed), relative to
 * the folder `dirfd` (AT_FDCWD for the working folder); -1 with errno. */
int fsx_stamp_at(int dirfd, const char *path, fsx_stamp *st);
/* fsx_stamp_at of a folder whose listing a build keeps
 * (build_state_listing); `follow`: the target of a symbolic link
 * (content/ itself may be one). */
int fsx_folder_stamp_at(int dirfd, const char *path, bool follow, fsx_stamp *st);

/* The same, into the arena (NUL-terminated); NULL with errno on failure. */
char *fsx_read_arena(arena *a, const char *path, size_t *len);
/* fsx_read_stamped into the arena `a` (NULL: malloc'd, as fsx_read_stamped):
 * a text needed only while one page is made lives and dies with its arena. */
char *fsx_read_stamped_arena(arena *a, const char *path, size_t *len, fsx_stamp *st, size_t max);
/* fsx_read_stamped_arena of path relative to the folder open at dirfd. */
char *fsx_read_stamped_at(arena *a, int dirfd, const char *path, size_t *len, fsx_stamp *st, size_t max);

typedef struct {
  const char *name; /* entry name (not a path) */
  bool is_dir, is_file, is_link;
} fsx_entry;

/* Lists `dir` sorted by name (bytewise), without . and .. ; -1 with errno. */
int fsx_list(arena *a, const char *dir, fsx_entry **out, size_t *n);

/* Every entry below `root` that is not a folder, as paths relative to it,
 * sorted bytewise: regular files (is_file) and anything else (links,
 * devices: is_file false).  Folders are entered, links never followed.
 * -1 with errno when a folder cannot be read. */
typedef struct {
  const char *path;
  bool is_file;
  bool is_empty_dir; /* fsx_walk_all only: path ends in '/' */
} fsx_walk_entry;
int fsx_walk(arena *a, const char *root, fsx_walk_entry **out, size_t *n);
/* fsx_walk, and every empty folder below root as an entry of its own,
 * "a/b/" (with its slash; is_empty_dir): a tree compared with a list of
 * its files (govpub verify) shows a folder that holds none. */
int fsx_walk_all(arena *a, const char *root, fsx_walk_entry **out, size_t *n);

bool fsx_is_dir(const char *path);
bool fsx_is_file(const char *path);

/* mkdir -p. */
int fsx_mkdirs(const char *dir);
/* Writes `len` bytes to a new file `path` relative to the open folder
 * `dirfd` (AT_FDCWD for the current one).  The file must not exist yet
 * (O_EXCL): release folders are written once.  Missing parents are created
 * from the deepest one up, so the usual case costs one mkdir and one open. */
int fsx_write_new_at(int dirfd, const char *path, const void *data, size_t len);
/* Copies the regular file `src` to a new file `path` relative to dirfd. */
int fsx_copy_new_at(int dirfd, const char *path, const char *src);
/* Replaces (or creates) `path` atomically: the bytes go to a temporary file
 * beside it, which is then renamed over it; parents are created. */
int fsx_replace(const char *path, const void *data, size_t len);
/* Where a command's -o/--output sends its bytes: "-" is standard output; a
 * character device or FIFO (/dev/null, /dev/stdout, a pipe) is written
 * into as it is — fsx_replace would rename a regular file over it, and as
 * root put a file in place of /dev/null —; anything else is fsx_replace'd.
 * 0, or -1 with errno. */
int fsx_write_output(const char *path, const void *data, size_t len);
/* Removes a tree; missing is fine. */
int fsx_rmtree(const char *path);
/* Points the symbolic link `link` at `target` atomically: a fresh link under
 * a temporary name, renamed over the old one, then the folder synced. */
int fsx_switch_link(const char *target, const char *link);

/* The temporary name a process writes `path` under before renaming it
 * into place (`<path>.new-<pid>-<n>`: govpub serve may write beside a
 * build, and two threads one path), malloc'd; and the sweep of such names
 * beside `path` that a killed process left: those of processes that no
 * longer run go (ours, and any live one's, stay) once untouched for
 * FSX_ASIDE_QUIET_S seconds — a process of another container sharing the
 * folder has a pid this one cannot see, and is between its last write and
 * its rename for far less. */
#define FSX_ASIDE_QUIET_S 60
char *fsx_aside_name(const char *path);
void fsx_sweep_aside(const char *path);

/* A relative path that stays inside its root: not empty, no leading '/', no
 * '..' segment, no backslash, no control characters. */
bool path_is_safe_rel(const char *p);
/* The longest file or folder name an output may have: 255 bytes on ext4,
 * XFS and btrfs (NAME_MAX), and a URL segment becomes one. */
#define FSX_NAME_MAX 255
/* The length in bytes of the longest segment of a path. */
size_t fsx_longest_name(const char *path);
/* True when a part of the relative path `rel` below `root` (which is not
 * looked at) is a symbolic link: `rel` would be read through it, perhaps
 * from outside the site.  A part that does not exist is no link. */
bool fsx_rel_has_link(const char *root, const char *rel);
/* a + "/" + b (either may be empty). */
char *path_join(arena *a, const char *x, const char *y);
/* The site file `rel` (site-relative) as govpub opens it and messages name
 * it: rel itself when the site is "." (or root is NULL or empty), else
 * root/rel. */
const char *path_in_site(arena *a, const char *root, const char *rel);
/* Folds "." and ".." segments and repeated slashes of a relative path;
 * returns NULL when ".." would climb above the start. */
char *path_normalize(arena *a, const char *p);
/* The folder part of a relative path ("" for a bare name). */
char *path_dir(arena *a, const char *p);
/* path without the '/'s it ends with (but "/" itself), in place: a folder
 * given as an option (--out ./static/) is named in messages and joined to
 * names with one '/' ("./static/preview", not "./static//preview"). */
char *path_chop(char *path);
/* An absolute, symlink-free form of `path` (malloc'd; NULL when it cannot
 * be had); for a path that does not exist yet, its folder's form (the same,
 * so a part of the way may be missing too) joined with the last name, a
 * . or .. there taken as the build's mkdir -p will (nope/.. is .). */
char *fsx_absolute(const char *path);
/* `path` relative to the folder `root`, both resolved (fsx_absolute): ""
 * when they are one folder, NULL when path is not inside root. */
const char *path_rel_in(arena *a, const char *root, const char *path);

#endif

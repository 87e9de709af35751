/* serve_watch: see serve_watch.h.  One inotify descriptor; each watch
 * descriptor maps to its folder's path (the events name files relative to
 * it), kept in a table indexed by the descriptor number. */
#include "serve_watch.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "diag.h"
#include "fsx.h"

#define WATCH_MASK                                                                                  \
  (IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_ATTRIB | \
   IN_ONLYDIR)

struct serve_watch {
  int fd;
  char **paths; /* paths[wd]: the watched folder (malloc'd), NULL when free */
  size_t npaths;
  char *exclude; /* absolute path of the folder never watched (the output), or NULL */
  size_t root_len; /* paths[wd] start with the root and a slash, but the root's own */
  char **changed;  /* files changed since the last wait began, relative to the root (malloc'd) */
  size_t nchanged, cap;
  bool unknown;    /* events were lost, or a folder changed: which files is not known */
};

static void forget_changes(serve_watch *w) {
  for (size_t i = 0; i < w->nchanged; i++) free(w->changed[i]);
  w->nchanged = 0;
  w->unknown = false;
}

/* Notes that `name` in the watched folder `dir` changed (each file once). */
static void note_change(serve_watch *w, const char *dir, const char *name) {
  const char *sub = strlen(dir) > w->root_len ? dir + w->root_len + 1 : "";
  char *path = NULL;
  if (asprintf(&path, "%s%s%s", sub, *sub ? "/" : "", name) < 0) abort();
  for (size_t i = 0; i < w->nchanged; i++)
    if (strcmp(w->changed[i], path) == 0) {
      free(path);
      return;
    }
  if (w->nchanged == w->cap) {
    w->cap = w->cap ? w->cap * 2 : 16;
    w->changed = realloc(w->changed, w->cap * sizeof *w->changed);
    if (!w->changed) abort();
  }
  w->changed[w->nchanged++] = path;
}

/* Names no build reads: hidden files and folders, editor backups and swap
 * files (vim writes "4913" to test a folder, then .swp files). */
static bool ignored_name(const char *name) {
  size_t n = strlen(name);
  return name[0] == '.' || (n && name[n - 1] == '~') || strcmp(name, "4913") == 0 ||
         (n > 4 && (strcmp(name + n - 4, ".swp") == 0 || strcmp(name + n - 4, ".swx") == 0));
}

static void remember(serve_watch *w, int wd, const char *path) {
  if ((size_t)wd >= w->npaths) {
    size_t n = (size_t)wd * 2 + 16;
    char **p = realloc(w->paths, n * sizeof *p);
    if (!p) abort();
    memset(p + w->npaths, 0, (n - w->npaths) * sizeof *p);
    w->paths = p;
    w->npaths = n;
  }
  free(w->paths[wd]);
  w->paths[wd] = strdup(path);
  if (!w->paths[wd]) abort();
}

/* Watches `dir` and every folder below it (not hidden, not the output). */
static void add_tree(serve_watch *w, const char *dir) {
  char *abs = fsx_absolute(dir);
  bool excluded = abs && w->exclude && strcmp(abs, w->exclude) == 0;
  free(abs);
  if (excluded) return;
  int wd = inotify_add_watch(w->fd, dir, WATCH_MASK);
  if (wd < 0) return; /* gone already, or not a folder */
  remember(w, wd, dir);
  DIR *d = opendir(dir);
  if (!d) return;
  for (struct dirent *e; (e = readdir(d));) {
    if (ignored_name(e->d_name)) continue;
    if (e->d_type != DT_DIR && e->d_type != DT_UNKNOWN) continue;
    char sub[PATH_MAX];
    if (snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name) >= (int)sizeof sub) continue;
    add_tree(w, sub);
  }
  closedir(d);
}

serve_watch *serve_watch_new(const char *root, const char *exclude) {
  serve_watch *w = calloc(1, sizeof *w);
  if (!w) abort();
  w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (w->fd < 0) {
    diag_system(root, "cannot watch for changes: inotify: %s", strerror(errno));
    free(w);
    return NULL;
  }
  w->exclude = exclude ? fsx_absolute(exclude) : NULL;
  w->root_len = strlen(root);
  add_tree(w, root);
  return w;
}

void serve_watch_free(serve_watch *w) {
  if (!w) return;
  close(w->fd);
  for (size_t i = 0; i < w->npaths; i++) free(w->paths[i]);
  free(w->paths);
  free(w->exclude);
  forget_changes(w);
  free(w->changed);
  free(w);
}

/* Reads the pending events: true when one of them is a change a build
 * could see.  New folders are watched at once. */
static bool drain(serve_watch *w) {
  _Alignas(struct inotify_event) char buf[16384];
  bool changed = false;
  for (;;) {
    ssize_t n = read(w->fd, buf, sizeof buf);
    if (n <= 0) return changed;
    for (char *p = buf; p < buf + n;) {
      const struct inotify_event *e = (const struct inotify_event *)p;
      p += sizeof *e + e->len;
      if (e->mask & IN_Q_OVERFLOW) {
        changed = w->unknown = true; /* events were lost: rebuild to be safe */
        continue;
      }
      const char *dir = e->wd >= 0 && (size_t)e->wd < w->npaths ? w->paths[e->wd] : NULL;
      if (!dir) continue;
      if (e->mask & IN_IGNORED) { /* the folder went away */
        free(w->paths[e->wd]);
        w->paths[e->wd] = NULL;
        continue;
      }
      if (e->len && ignored_name(e->name)) continue;
      if (e->len && (e->mask & IN_ISDIR) && (e->mask & (IN_CREATE | IN_MOVED_TO))) {
        char sub[PATH_MAX];
        if (snprintf(sub, sizeof sub, "%s/%s", dir, e->name) < (int)sizeof sub) add_tree(w, sub);
      }
      if (e->len && !(e->mask & IN_ISDIR)) note_change(w, dir, e->name);
      else w->unknown = true;
      changed = true;
    }
  }
}

bool serve_watch_wait(serve_watch *w, int quiet_ms, volatile const bool *stop) {
  struct pollfd pfd = {.fd = w->fd, .events = POLLIN};
  bool changed = false;
  forget_changes(w);
  while (!*stop) {
    int r = poll(&pfd, 1, changed ? quiet_ms : 200);
    if (r < 0 && errno != EINTR) return false;
    if (r > 0) {
      changed |= drain(w);
    } else if (r == 0 && changed) {
      return true; /* quiet long enough after a change */
    }
  }
  return false;
}

const char *const *serve_watch_changes(const serve_watch *w, size_t *n) {
  *n = w->nchanged;
  return w->unknown ? NULL : (const char *const *)w->changed;
}

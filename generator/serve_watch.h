/* serve_watch: tells `govpub serve` when the site changed (inotify).
 *
 * Every folder under the site root is watched, new folders as they appear,
 * except hidden ones (.git, .cache …) and the folders given as excluded
 * (the output).  serve_watch_wait() blocks until something changed, then
 * waits for a quiet moment (editors save in several steps: write a
 * temporary file, rename it over the old one) so one save is one rebuild.
 * Owned by its caller: serve_watch_new / serve_watch_free. */
#ifndef GOVPUB_SERVE_WATCH_H
#define GOVPUB_SERVE_WATCH_H

#include <stdbool.h>
#include <stddef.h>

typedef struct serve_watch serve_watch;

/* Watches `root` recursively, skipping `exclude` (a path as given on the
 * command line, or NULL).  Returns NULL (with a diag_system message) when
 * inotify is not available. */
serve_watch *serve_watch_new(const char *root, const char *exclude);
void serve_watch_free(serve_watch *w);

/* Waits until a file changed, then until `quiet_ms` pass without another
 * change.  Returns true when something changed, false when `*stop` became
 * true (checked every 200 ms) or the watch failed. */
bool serve_watch_wait(serve_watch *w, int quiet_ms, volatile const bool *stop);

/* The files the last serve_watch_wait saw change, relative to the root,
 * each once; NULL when it cannot tell (events were lost, or a folder was
 * made, removed or renamed).  Valid until the next wait. */
const char *const *serve_watch_changes(const serve_watch *w, size_t *n);

#endif

/* publish_log: the audit log of an output folder, <out>/publish.log: one
 * JSON object a line for every publish (made or refused), rollback and
 * deploy — when, who, from which commit, what went out, the result.
 *
 * Append-only: each entry is one write(2) to a file opened O_APPEND, then
 * fsync'd; govpub never rewrites or truncates it (keep it on storage the
 * operators' accounts cannot rewrite, e.g. chattr +a, for a real guarantee).
 *
 * Ownership: an entry's text lives in its buf until audit_append frees it. */
#ifndef GOVPUB_PUBLISH_LOG_H
#define GOVPUB_PUBLISH_LOG_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"

#define AUDIT_LOG_NAME "publish.log"

typedef struct {
  buf b;
} audit_entry;

/* Starts an entry: time (UTC), action, the operator's user name (and
 * sudo_user when run through sudo). */
void audit_begin(audit_entry *e, const char *action);
/* A string field; nothing when `value` is NULL. */
void audit_str(audit_entry *e, const char *key, const char *value);
void audit_num(audit_entry *e, const char *key, long long value);
/* A field whose value is JSON already (arrays, objects, null). */
void audit_json(audit_entry *e, const char *key, const char *json);
/* The git commit of `dir` ("commit", and "dirty": true when tracked files
 * differ from it), when `dir` is in a git work tree with git installed. */
void audit_git(audit_entry *e, const char *dir);
/* 0 when git tracks no file in the output folder `out`; otherwise an
 * error (-1): with the default out/ inside the site's checkout, a commit
 * holding out/current or a release would replace what is published, or
 * hand deploy and rollback a release no publish made (docs/operators.md). */
int audit_untracked_out(const char *out);
/* Finishes the entry and appends it to <out>/publish.log; reports (as a
 * system failure) and returns -1 when it cannot. */
int audit_append(audit_entry *e, const char *out);

/* The string value of `key` in one log line (as written by audit_str),
 * unescaped into the arena; NULL when absent. */
const char *audit_field(arena *a, const char *line, const char *key);

#endif

/* publish_deploy: see publish_deploy.h. */
#include "publish_deploy.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "fsx.h"
#include "proc.h"
#include "publish_manifest.h"
#include "release.h"
#include "text_check.h"
#include "yamlx.h"

/* Where the targets are written: deploy.yaml beside site.yaml when there
 * is one (an operator's file, outside the site's review), else site.yaml.
 * Sets *file, *list (the deploy: value, NULL when there is none) and *key
 * (its key); false after reporting. */
static bool deploy_source(arena *a, const site_config *cfg, const char **file, yx_node **list,
                          const yx_node **key) {
  const char *own = strcmp(cfg->root, ".") == 0 ? "deploy.yaml" : arena_printf(a, "%s/deploy.yaml", cfg->root);
  yx_node *in_site = yx_get(cfg->yaml, "deploy");
  *file = cfg->file;
  *list = in_site;
  *key = yx_key(cfg->yaml, "deploy");
  size_t len;
  char *text = fsx_read_arena(a, own, &len);
  if (!text) {
    if (errno == ENOENT) return true;
    diag_system(own, "cannot read the deploy targets: %s", strerror(errno));
    return false;
  }
  if (in_site) {
    diag_error(cfg->file, (*key)->line, (*key)->col,
               "keep the targets in deploy.yaml only (the site's review does not cover it: adding a server needs "
               "no new sign-off)",
               "deploy targets in both site.yaml and %s", own);
    return false;
  }
  yx_node *root = text_check(own, text, len) ? yamlx_parse(a, own, text, len, 0, true) : NULL;
  if (!root) return false;
  for (size_t k = 0; k < root->n; k++)
    if (strcmp(root->keys[k]->str, "deploy") != 0) {
      diag_error(own, root->keys[k]->line, root->keys[k]->col, "deploy.yaml holds deploy: and nothing else",
                 "unknown key \"%s\"", root->keys[k]->str);
      return false;
    }
  *file = own;
  *list = yx_get(root, "deploy");
  *key = yx_key(root, "deploy");
  return true;
}

deploy_target *deploy_targets(arena *a, const site_config *cfg, size_t *n, const char **file, const yx_node **at) {
  *n = 0;
  yx_node *list;
  *at = NULL;
  if (!deploy_source(a, cfg, file, &list, at)) return NULL;
  const char *where = *file;
  if (!list) {
    diag_error(where, 1, 1, "add deploy: [{name: web1, path: /srv/www/portal}] to deploy.yaml (docs/operators.md)",
               "no deploy targets: neither deploy.yaml nor site.yaml names any");
    return NULL;
  }
  if (list->kind != YX_SEQ || list->n == 0) {
    diag_error(where, list->line, list->col, "write deploy: as a list of {name, path} or {name, rsync, ssh}",
               "deploy must be a non-empty list");
    return NULL;
  }
  deploy_target *t = arena_alloc(a, list->n * sizeof *t);
  bool bad = false;
  for (size_t i = 0; i < list->n; i++) {
    yx_node *m = list->items[i];
    static const char hint[] = "each target is {name: NAME, path: DIR} or {name: NAME, rsync: HOST:DIR, ssh: COMMAND}";
    if (m->kind != YX_MAP) {
      diag_error(where, m->line, m->col, hint, "a deploy target must be a mapping");
      bad = true;
      continue;
    }
    for (size_t k = 0; k < m->n; k++) {
      const char *key = m->keys[k]->str;
      if (strcmp(key, "name") && strcmp(key, "path") && strcmp(key, "rsync") && strcmp(key, "ssh")) {
        diag_error(where, m->keys[k]->line, m->keys[k]->col, hint, "unknown key \"deploy.%s\"", key);
        bad = true;
      }
    }
    t[i] = (deploy_target){yx_str(yx_get(m, "name")), yx_str(yx_get(m, "path")), yx_str(yx_get(m, "rsync")),
                           yx_str(yx_get(m, "ssh"))};
    const char *colon = t[i].rsync ? strchr(t[i].rsync, ':') : NULL;
    if (!t[i].name || !*t[i].name || !t[i].path == !t[i].rsync || (t[i].rsync && (!colon || colon == t[i].rsync || !colon[1]))) {
      diag_error(where, m->line, m->col, hint, "deploy target %zu needs a name and exactly one of path or rsync (HOST:DIR)", i + 1);
      bad = true;
    }
    for (size_t k = 0; k < i && !bad; k++)
      if (strcmp(t[k].name, t[i].name) == 0) {
        diag_error(where, m->line, m->col, "give each target its own name", "two deploy targets are named \"%s\"", t[i].name);
        bad = true;
      }
    if (!t[i].ssh) t[i].ssh = "ssh";
  }
  if (bad) return NULL;
  *n = list->n;
  return t;
}

/* A local folder: the release machinery of the output folder, aimed at it. */
static int deploy_local(arena *a, const deploy_target *t, const char *dir, const char *id, const char *manifest,
                        int keep, const char **landed) {
  int lock = release_lock(a, t->path, true);
  if (lock < 0) return diag_exit_code();
  release rel = {.dirfd = -1};
  fsx_walk_entry *e;
  size_t n;
  int rc = EXIT_OK;
  if (fsx_walk(a, dir, &e, &n) != 0) {
    diag_system(dir, "cannot list the release: %s", strerror(errno));
    rc = EXIT_SYSTEM;
  } else if (release_begin_as(a, t->path, id, &rel) != 0) {
    rc = EXIT_SYSTEM;
  } else {
    for (size_t i = 0; i < n && rc == EXIT_OK; i++)
      if (release_copy(&rel, e[i].path, path_join(a, dir, e[i].path), FOLD_KEPT) != 0) rc = EXIT_SYSTEM;
    if (rc == EXIT_OK && release_commit(a, &rel, "current", keep) != 0) rc = EXIT_SYSTEM;
    if (rc != EXIT_OK) release_abort(&rel);
  }
  release_unlock(lock);
  if (rc != EXIT_OK) return rc;
  *landed = rel.id;
  const char *cur = path_join(a, t->path, "current");
  manifest_report r;
  rc = manifest_verify(a, cur, cur, &r);
  if (rc == EXIT_OK && strcmp(r.digest, manifest) != 0) {
    diag_error(path_join(a, cur, MANIFEST_NAME), 0, 0, "deploy again; if it persists, something rewrites the target",
               "the target's manifest is not the release's (%s, want %s)", r.digest, manifest);
    rc = EXIT_PROBLEMS;
  }
  return rc;
}

/* 'text' quoted for a POSIX shell. */
static const char *shq(arena *a, const char *s) {
  buf b = BUF_INIT;
  buf_putc(&b, '\'');
  for (; *s; s++) {
    if (*s == '\'') buf_puts(&b, "'\\''");
    else buf_putc(&b, *s);
  }
  buf_putc(&b, '\'');
  const char *q = arena_strdup(a, buf_cstr(&b));
  buf_free(&b);
  return q;
}

/* Runs argv; on failure reports what it printed, naming the target. */
static int run(arena *a, const deploy_target *t, const char *step, const char *const *argv, buf *out) {
  buf err = BUF_INIT;
  int rc = proc_run(argv, out, &err);
  if (rc != 0) {
    const char *why = err.len ? buf_cstr(&err) : "no output";
    diag_error(t->rsync, 0, 0,
               "check the target's rsync:/ssh: in deploy.yaml (or site.yaml), the key, and that rsync is installed "
               "there",
               "deploy target \"%s\": %s failed (%s exit %d): %.*s", t->name, step, argv[0], rc,
               (int)strcspn(why, "\n"), why);
  }
  buf_free(&err);
  (void)a;
  return rc == 0 ? 0 : -1;
}

/* ssh [options] host script */
static const char **ssh_argv(arena *a, const deploy_target *t, const char *host, const char *script) {
  size_t cap = 32, n = 0;
  const char **v = arena_alloc(a, cap * sizeof *v);
  char *words = arena_strdup(a, t->ssh), *save = NULL;
  for (char *w = strtok_r(words, " \t", &save); w && n < cap - 6; w = strtok_r(NULL, " \t", &save)) v[n++] = w;
  v[n++] = "-o";
  v[n++] = "BatchMode=yes";
  v[n++] = host;
  v[n++] = script;
  v[n] = NULL;
  return v;
}

static int deploy_remote(arena *a, const deploy_target *t, const char *dir, const char *id, int keep,
                         const char **landed) {
  int errors_before = diag_errors();
  const char *colon = strchr(t->rsync, ':');
  const char *host = arena_printf(a, "%.*s", (int)(colon - t->rsync), t->rsync), *rdir = colon + 1;
  const char *q = shq(a, rdir), *qid = shq(a, id);
  const char *partial = arena_printf(a, "%s:%s/releases/.%s.partial/", host, rdir, id);
  const char *src = arena_printf(a, "%s/", dir);
  /* 1. a fresh partial folder; 2. the files; 3. rename to a free id, switch
   * the link, prune; 4. a checksum dry run names any difference. */
  const char *prep = arena_printf(a, "set -e; mkdir -p %s/releases; rm -rf %s/releases/%s", q, q,
                                  shq(a, arena_printf(a, ".%s.partial", id)));
  if (run(a, t, "preparing", ssh_argv(a, t, host, prep), NULL) != 0) return EXIT_PROBLEMS;
  const char *copy[] = {"rsync", "-a", "--delete", "-e", t->ssh, src, partial, NULL};
  if (run(a, t, "copying", copy, NULL) != 0) return EXIT_PROBLEMS;
  const char *sw = arena_printf(a,
      "set -e; cd %s; id=%s; n=$id; i=1; while [ -e \"releases/$n\" ]; do i=$((i+1)); n=\"$id-$i\"; done; "
      "mv \"releases/.$id.partial\" \"releases/$n\"; ln -sfn \"releases/$n\" .current.new; mv -T .current.new current; "
      "ls -1 releases | grep -v '^[.]' | head -n -%d | while IFS= read -r r; do [ \"$r\" = \"$n\" ] || rm -rf \"releases/$r\"; done; "
      "echo \"$n\"", q, qid, keep);
  buf out = BUF_INIT;
  if (run(a, t, "switching", ssh_argv(a, t, host, sw), &out) != 0) {
    buf_free(&out);
    return EXIT_PROBLEMS;
  }
  *landed = arena_printf(a, "%.*s", (int)strcspn(buf_cstr(&out), "\n"), buf_cstr(&out));
  buf_clear(&out);
  const char *cur = arena_printf(a, "%s:%s/current/", host, rdir);
  const char *check[] = {"rsync", "-n", "-a", "-c", "-i", "--delete", "-e", t->ssh, src, cur, NULL};
  int rc = EXIT_OK;
  if (run(a, t, "verifying", check, &out) != 0) rc = EXIT_PROBLEMS;
  for (char *line = out.data; rc == EXIT_OK && line && *line;) {
    char *nl = strchr(line, '\n');
    if (nl) *nl = '\0';
    const char *name = strchr(line, ' ');
    while (name && *name == ' ') name++;
    if (strncmp(line, ".d", 2) != 0 && name && *name) /* a folder's times only: not content */
      diag_error(arena_printf(a, "%s/current/%s", t->rsync, name), 0, 0,
                 "deploy again; if it persists, something rewrites the target",
                 "differs from the release after deploying (rsync: %.11s)", line);
    line = nl ? nl + 1 : NULL;
  }
  buf_free(&out);
  return diag_errors() > errors_before ? EXIT_PROBLEMS : rc;
}

int deploy_one(arena *a, const deploy_target *t, const char *dir, const char *id, const char *manifest, int keep,
               const char **landed) {
  *landed = NULL;
  if (t->path) return deploy_local(a, t, dir, id, manifest, keep, landed);
  return deploy_remote(a, t, dir, id, keep, landed);
}

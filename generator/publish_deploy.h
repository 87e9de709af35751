/* publish_deploy: `govpub deploy` — a published release copied to the web
 * servers named in deploy.yaml (or site.yaml), switched there atomically,
 * then verified.
 *
 *   deploy:
 *     - name: local-mirror
 *       path: /srv/www/portal                  # a folder on this machine
 *     - name: web1
 *       rsync: deploy@10.0.0.21:/srv/www/portal # rsync over ssh
 *       ssh: ssh -p 2222 -i /etc/govpub/deploy_key   # optional, default "ssh"
 *
 * Each target gets the layout of the output folder: releases/<id> (written
 * as releases/.<id>.partial, then renamed) and a `current` link renamed over
 * the old one, so its web server never sees half a release; the newest
 * keep_releases stay.  Then the target's current tree is compared with the
 * release: by manifest (local folders) or by an rsync checksum dry run
 * (remote), and every difference is named. */
#ifndef GOVPUB_PUBLISH_DEPLOY_H
#define GOVPUB_PUBLISH_DEPLOY_H

#include <stddef.h>

#include "arena.h"
#include "config.h"

typedef struct {
  const char *name;
  const char *path;  /* local folder, or NULL */
  const char *rsync; /* [user@]host:path, or NULL */
  const char *ssh;   /* the ssh command for rsync targets */
} deploy_target;

/* The targets of the deploy: list of deploy.yaml, the operator's file
 * beside site.yaml (not in the site's review: a new server needs no
 * sign-off), or of site.yaml when there is no deploy.yaml (both is an
 * error).  *file is the file they come from, *at its deploy: key (for
 * messages about a target name).  NULL after reporting problems (at
 * file:line:col) or when there are none. */
deploy_target *deploy_targets(arena *a, const site_config *cfg, size_t *n, const char **file, const yx_node **at);

/* Deploys release `dir` (a folder with a valid manifest whose own digest is
 * `manifest`) under the id `id` to target `t`, keeping `keep` releases
 * there.  `landed` gets the id it has on the target.  Returns an exit code
 * (diag.h); every problem is reported. */
int deploy_one(arena *a, const deploy_target *t, const char *dir, const char *id, const char *manifest, int keep,
               const char **landed);

#endif

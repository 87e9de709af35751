/* roster: see roster.h. */
#include "roster.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fsx.h"
#include "sshsig.h"
#include "yamlx.h"

const char *stage_name(int stage) {
  static const char *const names[] = {"", "初审", "复审", "终审"};
  return stage >= 1 && stage <= 3 ? names[stage] : "?";
}

static bool read_date(const char *path, const yx_node *m, const char *key, gdate *out) {
  const yx_node *v = yx_get(m, key);
  if (!v) return false;
  if (yx_str(v) && gdate_parse(v->str, true, out)) return true;
  diag_error(path, v->line, v->col, "write it as 2024-01-01", "\"%s\" is not a valid date", key);
  return false;
}

static void read_reviewer(arena *a, roster *r, const yx_node *m, reviewer *rv) {
  const char *path = r->path;
  rv->line = m->line;
  rv->id = yx_str(yx_get(m, "id"));
  rv->name = yx_str(yx_get(m, "name"));
  rv->title = yx_str(yx_get(m, "title"));
  if (!rv->id || !*rv->id)
    diag_error(path, m->line, m->col, "give every reviewer an id, e.g. zhang.wei", "reviewer without an id");
  if (!rv->name) diag_error(path, m->line, m->col, "add name: (the person's name)", "reviewer \"%s\" has no name", rv->id ? rv->id : "?");
  const yx_node *st = yx_get(m, "stages");
  for (size_t i = 0; st && st->kind == YX_SEQ && i < st->n; i++) {
    const char *s = yx_str(st->items[i]);
    if (s && strlen(s) == 1 && s[0] >= '1' && s[0] <= '3') rv->stages[s[0] - '0'] = true;
    else diag_error(path, st->items[i]->line, st->items[i]->col, "stages are 1 (初审), 2 (复审) and 3 (终审)",
                    "unknown stage \"%s\"", s ? s : "");
  }
  if (!st || st->kind != YX_SEQ)
    diag_error(path, m->line, m->col, "list the stages the reviewer may sign: stages: [1]",
               "reviewer \"%s\" has no stages", rv->id ? rv->id : "?");
  const yx_node *k = yx_get(m, "key");
  rv->key_line = yx_str(k);
  const char *why = NULL;
  if (!rv->key_line || sshkey_parse_line(a, rv->key_line, strlen(rv->key_line), &rv->key, &why) != 0)
    diag_error(path, k ? k->line : m->line, k ? k->col : m->col,
               "paste the reviewer's public key line (the .pub file: ssh-ed25519 AAAA… comment)",
               "reviewer \"%s\": %s", rv->id ? rv->id : "?", why ? why : "no key");
  rv->has_after = read_date(path, m, "valid_after", &rv->valid_after);
  rv->has_before = read_date(path, m, "valid_before", &rv->valid_before);
}

/* The key of the trust anchor's text (one public key line each; blank
 * lines, # comments and lines that are no key skipped) equal to `key`;
 * NULL when none is. */
static sshkey *trust_key(arena *a, char *trust, const sshkey *key) {
  for (char *line = trust; line && *line;) {
    char *nl = strchr(line, '\n');
    size_t n = nl ? (size_t)(nl - line) : strlen(line);
    sshkey *k;
    const char *why;
    if (n && line[0] != '#' && sshkey_parse_line(a, line, n, &k, &why) == 0 && sshkey_equal(k, key)) return k;
    line = nl ? nl + 1 : NULL;
  }
  return NULL;
}

int roster_trust_holds(arena *a, const char *trust_file, const sshkey *key) {
  size_t tlen;
  char *trust = fsx_read_arena(a, trust_file, &tlen);
  return !trust ? -1 : trust_key(a, trust, key) != NULL;
}

/* Checks reviewers.yaml.sig against every key of the trust file. */
static void check_trust(arena *a, roster *r, const char *root, const char *yaml, size_t ylen,
                        const char *trust_file) {
  r->trusted = false;
  size_t tlen, slen;
  char *trust = fsx_read_arena(a, trust_file, &tlen);
  if (!trust) {
    r->why_untrusted = arena_printf(a, "cannot read the trust anchor %s: %s", trust_file, strerror(errno));
    return;
  }
  char *sigpath = arena_printf(a, "%s/reviewers.yaml.sig", root);
  char *sig = fsx_read_arena(a, sigpath, &slen);
  if (!sig) {
    r->why_untrusted = arena_printf(a, "reviewers.yaml is not signed (%s: %s)", sigpath, strerror(errno));
    return;
  }
  sshsig_verifier *v = sshsig_verifier_new();
  sshsig decoded;
  const char *why = NULL;
  sshkey *k;
  if (sshsig_verify(v, a, sig, slen, ROSTER_NAMESPACE, yaml, ylen, &decoded, &why) != 0) {
    r->why_untrusted = arena_printf(a, "reviewers.yaml.sig does not verify: %s", why);
  } else if (!(k = trust_key(a, trust, decoded.signer))) {
    r->why_untrusted = "reviewers.yaml.sig was not made by a key of the trust anchor";
  } else {
    r->trusted = true;
    r->why_untrusted = NULL;
    r->signer_fingerprint = sshkey_fingerprint(a, k);
  }
  sshsig_verifier_free(v);
}

roster *roster_load(arena *a, const char *root, const char *trust_file) {
  roster *r = arena_calloc(a, 1, sizeof *r);
  r->path = strcmp(root, ".") == 0 ? "reviewers.yaml" : arena_printf(a, "%s/reviewers.yaml", root);
  size_t len;
  char *copy = fsx_read_arena(a, r->path, &len);
  if (!copy) {
    diag_error(r->path, 0, 0, "list the reviewers, their stages and keys (docs/reviewers.md)",
               "cannot read the review roster: %s", strerror(errno));
    return NULL;
  }
  int before = diag_errors();
  yx_node *y = yamlx_parse(a, r->path, copy, len, 0, true);
  const yx_node *list = y ? yx_get(y, "reviewers") : NULL;
  if (y && (!list || list->kind != YX_SEQ))
    diag_error(r->path, y->line, y->col, "write reviewers: followed by a list", "no reviewers: list");
  if (list && list->kind == YX_SEQ) {
    r->reviewers = arena_calloc(a, list->n ? list->n : 1, sizeof *r->reviewers);
    for (size_t i = 0; i < list->n; i++) {
      if (list->items[i]->kind != YX_MAP) continue;
      read_reviewer(a, r, list->items[i], &r->reviewers[r->n]);
      for (size_t k = 0; k < r->n; k++)
        if (r->reviewers[r->n].id && r->reviewers[k].id && strcmp(r->reviewers[k].id, r->reviewers[r->n].id) == 0)
          diag_error(r->path, list->items[i]->line, list->items[i]->col, "give each reviewer their own id",
                     "reviewer id \"%s\" is used twice", r->reviewers[k].id);
      r->n++;
    }
  }
  if (diag_errors() != before) return NULL;
  if (trust_file) check_trust(a, r, root, copy, len, trust_file);
  else r->why_untrusted = "no trust anchor given (--trust FILE)";
  return r;
}

const reviewer *roster_find(const roster *r, const char *id) {
  for (size_t i = 0; r && i < r->n; i++)
    if (r->reviewers[i].id && strcmp(r->reviewers[i].id, id) == 0) return &r->reviewers[i];
  return NULL;
}

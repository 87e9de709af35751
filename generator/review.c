/* review: see review.h. */
#include "review.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "datetime.h"
#include "diag.h"
#include "fsx.h"
#include "sshsig.h"
#include "yamlx.h"

#define CLOCK_SKEW 300 /* seconds a statement's time may lie ahead of the clock */

struct review_checker {
  const char *root;
  const roster *roster;
  int64_t now;
  sshsig_verifier *v;
  sigcache *cache;
};

review_checker *review_checker_new(const char *root, const roster *r, int64_t now, sigcache *cache) {
  review_checker *c = calloc(1, sizeof *c);
  if (!c) abort();
  c->root = root;
  c->roster = r;
  c->now = now;
  c->cache = cache;
  c->v = sshsig_verifier_new();
  return c;
}

void review_checker_free(review_checker *c) {
  if (!c) return;
  sshsig_verifier_free(c->v);
  free(c);
}

const char *review_record_path(arena *a, const char *doc) {
  const char *rel = strncmp(doc, "content/", 8) == 0 ? doc + 8 : doc;
  return arena_printf(a, "reviews/%s.yaml", rel);
}

/* ---- bundles ------------------------------------------------------------ */

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void bundle_seal(bundle *b) {
  buf lines = BUF_INIT;
  for (size_t i = 0; i < b->n; i++) buf_printf(&lines, "file: %s %s\n", b->files[i].path, b->files[i].digest);
  digest_mem(lines.data ? lines.data : "", lines.len, b->digest);
  buf_free(&lines);
}

/* A name a statement can hold: one line of printable text.  A line break
 * would end its `file:` line, and what follows would read as another file,
 * with a digest the name chose, that no reviewer was shown; an escape could
 * hide text from the reviewer's terminal. */
static bool one_line(const char *p) {
  for (; *p; p++)
    if ((unsigned char)*p < 0x20 || *p == 0x7f) return false;
  return true;
}

/* The name with its control characters written \xNN, for a message. */
static const char *visible(arena *a, const char *p) {
  buf b = BUF_INIT;
  for (; *p; p++)
    if ((unsigned char)*p < 0x20 || *p == 0x7f) buf_printf(&b, "\\x%02x", (unsigned char)*p);
    else buf_putc(&b, *p);
  const char *out = arena_strndup(a, b.data, b.len);
  buf_free(&b);
  return out;
}

int bundle_compute(arena *a, const char *root, const char *const *paths, size_t n, bundle *out) {
  const char **sorted = arena_alloc(a, (n ? n : 1) * sizeof *sorted);
  memcpy(sorted, paths, n * sizeof *sorted);
  qsort(sorted, n, sizeof *sorted, cmp_str);
  out->files = arena_calloc(a, n ? n : 1, sizeof *out->files);
  out->n = 0;
  int rc = 0;
  for (size_t i = 0; i < n; i++) {
    if (i && strcmp(sorted[i], sorted[i - 1]) == 0) continue;
    bundle_file *f = &out->files[out->n++];
    f->path = sorted[i];
    const char *full = path_in_site(a, root, sorted[i]);
    if (!one_line(sorted[i])) {
      diag_error(visible(a, full), 0, 0,
                 "rename it (and the folders in its path) without line breaks or other control characters",
                 "cannot be signed: its name holds a control character, which would change what the statement lists");
      rc = -1;
    } else if (digest_file(full, f->digest) != 0) {
      diag_error(full, 0, 0,
                 errno == EINVAL ? "put the file itself in the site: a review signs a file's bytes"
                                 : "check the file's permissions: every input of a page is part of what is signed",
                 "cannot read for the review bundle: %s",
                 errno == EINVAL ? "not a regular file (a device or a FIFO, or a link to one)" : strerror(errno));
      rc = -1;
    }
  }
  bundle_seal(out);
  return rc;
}

/* ---- statements --------------------------------------------------------- */

const char *review_statement(arena *a, const char *doc, const bundle *b, int stage, bool approve,
                             const char *reviewer, const char *time, const char *previous,
                             const char *comment) {
  buf s = BUF_INIT;
  buf_printf(&s, "govpub-signoff 1\ndocument: %s\nbundle: %s\n", doc, b->digest);
  for (size_t i = 0; i < b->n; i++) buf_printf(&s, "file: %s %s\n", b->files[i].path, b->files[i].digest);
  buf_printf(&s, "stage: %d\ndecision: %s\nreviewer: %s\ntime: %s\nprevious: %s\n", stage,
             approve ? "approve" : "reject", reviewer, time, previous);
  if (comment && *comment) {
    buf_puts(&s, "comment: ");
    for (const char *c = comment; *c; c++) buf_putc(&s, *c == '\n' || *c == '\r' ? ' ' : *c);
    buf_putc(&s, '\n');
  }
  const char *out = arena_strndup(a, s.data, s.len);
  buf_free(&s);
  return out;
}

/* Takes the next line if it reads "<key>: value"; NULL otherwise. */
static const char *field(arena *a, const char **p, const char *key) {
  size_t k = strlen(key);
  if (strncmp(*p, key, k) != 0 || (*p)[k] != ':' || (*p)[k + 1] != ' ') return NULL;
  const char *v = *p + k + 2;
  const char *nl = strchr(v, '\n');
  if (!nl) return NULL;
  *p = nl + 1;
  return arena_strndup(a, v, (size_t)(nl - v));
}

/* Parses the exact statement format into *so and *previous; returns what is
 * wrong, or NULL. */
static const char *parse_statement(arena *a, const char *text, signoff *so, const char **previous) {
  const char *p = text;
  if (strncmp(p, "govpub-signoff 1\n", 17) != 0) return "not a govpub-signoff 1 statement";
  p += 17;
  const char *bd;
  if (!(so->document = field(a, &p, "document")) || !(bd = field(a, &p, "bundle")) ||
      strlen(bd) != DIGEST_HEX_LEN - 1)
    return "statement lacks document: or bundle:";
  memcpy(so->bundle_digest, bd, DIGEST_HEX_LEN);
  size_t cap = 0;
  const char *f;
  while ((f = field(a, &p, "file"))) {
    const char *sp = strrchr(f, ' ');
    if (!sp || strlen(sp + 1) != DIGEST_HEX_LEN - 1) return "malformed file: line";
    if (so->files.n == cap) {
      cap = cap ? cap * 2 : 4;
      so->files.files = arena_grow(a, so->files.files, so->files.n, cap, sizeof(bundle_file));
    }
    bundle_file *bf = &so->files.files[so->files.n++];
    bf->path = arena_strndup(a, f, (size_t)(sp - f));
    memcpy(bf->digest, sp + 1, DIGEST_HEX_LEN);
  }
  const char *stage = field(a, &p, "stage"), *decision = field(a, &p, "decision");
  so->reviewer = field(a, &p, "reviewer");
  so->time = field(a, &p, "time");
  *previous = field(a, &p, "previous");
  if (!stage || !decision || !so->reviewer || !so->time || !*previous)
    return "statement lacks stage:, decision:, reviewer:, time: or previous:";
  so->comment = field(a, &p, "comment");
  if (*p) return "unexpected text after the statement";
  if (strlen(stage) != 1 || stage[0] < '1' || stage[0] > '3') return "stage must be 1, 2 or 3";
  so->stage = stage[0] - '0';
  if (strcmp(decision, "approve") == 0) so->approve = true;
  else if (strcmp(decision, "reject") != 0) return "decision must be approve or reject";
  /* the bundle line must be the digest of the file lines */
  bundle check = so->files;
  bundle_seal(&check);
  if (strcmp(check.digest, so->bundle_digest) != 0) return "bundle: does not match the file: lines";
  memcpy(so->files.digest, so->bundle_digest, DIGEST_HEX_LEN); /* so that files is a whole bundle (review_approved_as_is) */
  so->comment = so->comment ? so->comment : "";
  return NULL;
}

/* ---- checking a record -------------------------------------------------- */

static void invalid(review_status *st, int line, const char *why) {
  st->state = RS_INVALID;
  st->line = line;
  st->reason = why;
}

typedef struct {
  bool (*loose)(const char *path, const void *ud); /* files whose change does not stale the round (NULL: none) */
  const void *ud;
} looseness;

/* Files of the bundle that differ now (or are gone), as a readable list. */
static const char *changed_files(review_checker *c, arena *a, const bundle *b, const looseness *l) {
  char *out = arena_strdup(a, "");
  for (size_t i = 0; i < b->n; i++) {
    if (l->loose && l->loose(b->files[i].path, l->ud)) continue;
    char now[DIGEST_HEX_LEN];
    const char *full = path_in_site(a, c->root, b->files[i].path);
    bool gone = digest_file(full, now) != 0;
    const char *why = !gone ? "" : errno == EINVAL || errno == EISDIR ? " (not a regular file)" : " (removed)";
    if (gone || strcmp(now, b->files[i].digest) != 0)
      out = arena_printf(a, "%s%s%s%s", out, *out ? ", " : "", b->files[i].path, why);
  }
  return out;
}

static bool names_author(const reviewer *rv, const char *author) {
  return author && ((rv->id && strcmp(rv->id, author) == 0) || (rv->name && strcmp(rv->name, author) == 0));
}

/* One sign-off against the roster and the chain; NULL when it holds. */
/* Why sign-off `so` does not verify (NULL: it does), and whose fault
 * (*cause: review_cause). */
static const char *check_signoff(review_checker *c, arena *a, const char *doc, const char *author,
                                 const signoff *so, const char *signature, const char *previous,
                                 const char *expected_previous, review_cause *cause) {
  if (strcmp(so->document, doc) != 0)
    return arena_printf(a, "statement is for %s, not this document (a copied sign-off)", so->document);
  if (strcmp(previous, expected_previous) != 0)
    return "statement does not follow the one before it (previous: digest differs): records were reordered or cut";
  const reviewer *rv = roster_find(c->roster, so->reviewer);
  *cause = RC_ROSTER;
  if (!rv) return arena_printf(a, "reviewer \"%s\" is not in the roster", so->reviewer);
  *cause = RC_RECORD;
  char cached[DIGEST_HEX_LEN];
  if (c->cache) sigcache_key(c->cache, so->statement, signature, rv->key->blob, rv->key->blob_len, cached);
  if (!c->cache || !sigcache_has(c->cache, cached)) {
    sshsig sig;
    const char *why = NULL;
    if (sshsig_verify(c->v, a, signature, strlen(signature), REVIEW_NAMESPACE, so->statement,
                      strlen(so->statement), &sig, &why) != 0)
      return arena_printf(a, "signature by \"%s\" does not verify: %s", so->reviewer, why);
    if (!sshkey_equal(sig.signer, rv->key)) {
      *cause = RC_KEY;
      return arena_printf(a, "signed with key %s, which is not %s's key in the roster",
                          sshkey_fingerprint(a, sig.signer), so->reviewer);
    }
    if (c->cache) sigcache_add(c->cache, cached);
  }
  gdate t;
  if (!gdate_parse(so->time, true, &t)) return "statement time is not a valid date and time";
  if (t.epoch > c->now + CLOCK_SKEW) return arena_printf(a, "statement time %s lies in the future", so->time);
  *cause = RC_ROSTER; /* the rest is what the roster gives the reviewer */
  if (rv->has_after && t.epoch < rv->valid_after.epoch)
    return arena_printf(a, "%s's key was not yet valid at %s", so->reviewer, so->time);
  if (rv->has_before && t.epoch >= rv->valid_before.epoch)
    return arena_printf(a, "%s's key had expired at %s", so->reviewer, so->time);
  if (!rv->stages[so->stage])
    return arena_printf(a, "%s may not sign stage %d (%s)", so->reviewer, so->stage, stage_name(so->stage));
  if (so->approve && names_author(rv, author))
    return arena_printf(a, "%s is the document's author and may not review it", so->reviewer);
  return NULL;
}

static const char *read_record(review_checker *c, arena *a, const char *doc, review_status *st, yx_node **list) {
  const char *rel = review_record_path(a, doc);
  st->record = path_in_site(a, c->root, rel);
  size_t len;
  char *text = fsx_read_arena(a, st->record, &len);
  if (!text) {
    if (errno == ENOENT) return NULL;
    return arena_printf(a, "cannot read the record: %s", strerror(errno));
  }
  yx_node *y = yamlx_parse(a, st->record, text, len, 0, true);
  if (!y) return "the record is not valid YAML";
  const char *d = yx_str(yx_get(y, "document"));
  if (!d || strcmp(d, doc) != 0) return "the record's document: is not this document";
  *list = yx_get(y, "signoffs");
  if (*list && (*list)->kind != YX_SEQ) return "signoffs: must be a list";
  return NULL;
}

static void check_record(review_checker *c, arena *a, const char *doc, const char *author, const looseness *l,
                         review_status *st) {
  memset(st, 0, sizeof *st);
  st->state = RS_AWAITING;
  st->next_stage = 1;
  st->last_digest = "none";
  yx_node *list = NULL;
  const char *why = read_record(c, a, doc, st, &list);
  if (why) {
    invalid(st, 1, why);
    return;
  }
  size_t n = list ? list->n : 0;
  st->signoffs = arena_calloc(a, n ? n : 1, sizeof *st->signoffs);
  const signoff *round[4] = {0};
  const signoff *last_reject = NULL, *before = NULL;
  int64_t before_epoch = 0;
  for (size_t i = 0; i < n; i++) {
    yx_node *e = list->items[i];
    signoff *so = &st->signoffs[st->nsignoffs++];
    so->line = e->line;
    const char *text = yx_str(yx_get(e, "statement")), *sigtext = yx_str(yx_get(e, "signature"));
    if (!text || !sigtext) return invalid(st, e->line, "a sign-off needs statement: and signature:");
    so->statement = text;
    digest_mem(text, strlen(text), so->statement_digest);
    const char *previous = NULL, *malformed = parse_statement(a, text, so, &previous);
    if (malformed) return invalid(st, e->line, malformed);
    review_cause cause = RC_RECORD;
    const char *bad = check_signoff(c, a, doc, author, so, sigtext, previous, st->last_digest, &cause);
    if (bad) {
      invalid(st, e->line, bad);
      st->cause = cause;
      return;
    }
    gdate t; /* valid: check_signoff parsed it */
    gdate_parse(so->time, true, &t);
    if (before && t.epoch < before_epoch) /* each signs what the one before signed: after it */
      return invalid(st, e->line, arena_printf(a, "statement time %s is before that of the sign-off before it (%s)",
                                               so->time, before->time));
    before = so;
    before_epoch = t.epoch;
    st->last_digest = arena_strdup(a, so->statement_digest);
    if (!so->approve) { /* a rejection ends the round */
      memset(round, 0, sizeof round);
      last_reject = so;
      continue;
    }
    last_reject = NULL;
    if (so->stage == 1) memset(round, 0, sizeof round); /* 初审 starts a round */
    else if (!round[so->stage - 1])
      return invalid(st, e->line, arena_printf(a, "stage %d (%s) signed before stage %d (%s)", so->stage,
                                               stage_name(so->stage), so->stage - 1, stage_name(so->stage - 1)));
    for (int k = 1; k < so->stage; k++)
      if (round[k] && strcmp(round[k]->reviewer, so->reviewer) == 0)
        return invalid(st, e->line, arena_printf(a, "%s already signed stage %d of this round; three different reviewers are needed",
                                                 so->reviewer, k));
    if (round[so->stage] && so->stage > 1)
      return invalid(st, e->line, arena_printf(a, "stage %d signed twice in one round", so->stage));
    round[so->stage] = so;
    for (int k = so->stage + 1; k <= 3; k++) round[k] = NULL;
  }
  if (last_reject) {
    st->state = RS_REJECTED;
    st->reason = last_reject->comment && *last_reject->comment ? last_reject->comment : "(no comment)";
    st->next_stage = 1;
    return;
  }
  int done = 0;
  while (done < 3 && round[done + 1]) done++;
  for (int k = 1; k <= done; k++) st->approvers[k] = round[k]->reviewer;
  if (done == 0) return;
  /* every approval of the round must cover one version, the bundle as it
   * is now; a change is dated from the round's last sign-off, the one a
   * reviewer remembers: "changed since 复审 (li.na, 2024-06-01): …" */
  const char *changed = "";
  for (int k = 2; k <= done && !*changed; k++)
    if (strcmp(round[k]->bundle_digest, round[1]->bundle_digest) != 0)
      changed = arena_printf(a, "%s approved another version than %s", stage_name(k), stage_name(1));
  const signoff *last = round[done];
  const char *files = *changed ? "" : changed_files(c, a, &last->files, l);
  if (*files)
    changed = arena_printf(a, "changed since %s (%s, %.10s): %s", stage_name(last->stage), last->reviewer, last->time, files);
  if (*changed) {
    st->state = RS_STALE;
    st->next_stage = 1;
    st->reason = changed;
    return;
  }
  if (done == 3) {
    st->state = RS_APPROVED;
    st->approved = &round[1]->files;
  } else {
    st->next_stage = done + 1;
  }
}

void review_check(review_checker *c, arena *a, const char *doc, const char *author, review_status *st) {
  check_record(c, a, doc, author, &(looseness){NULL, NULL}, st);
}

bool review_approved_as_is(const review_status *st, const bundle *now) {
  return st->state == RS_APPROVED && strcmp(st->approved->digest, now->digest) == 0;
}

/* The paths of `of` that `in` does not list, as a readable list ("" for none). */
static const char *paths_missing(arena *a, const bundle *of, const bundle *in) {
  const char *out = "";
  for (size_t i = 0; i < of->n; i++) {
    size_t k = 0;
    while (k < in->n && strcmp(in->files[k].path, of->files[i].path) != 0) k++;
    if (k == in->n) out = arena_printf(a, "%s%s%s", out, *out ? ", " : "", of->files[i].path);
  }
  return out;
}

void review_compare_bundle(arena *a, review_status *st, const bundle *now) {
  if (st->state != RS_APPROVED || review_approved_as_is(st, now)) return;
  const char *added = paths_missing(a, now, st->approved), *dropped = paths_missing(a, st->approved, now);
  st->state = RS_STALE;
  st->next_stage = 1;
  st->reason = arena_printf(a, "%s%s%s%s%s", *added ? "uses files its sign-offs do not cover: " : "", added,
                            *added && *dropped ? "; " : "", *dropped ? "no longer uses files its sign-offs cover: " : "",
                            dropped);
  st->approved = NULL;
}

void review_check_loose(review_checker *c, arena *a, const char *doc, bool (*loose)(const char *path, const void *ud),
                        const void *ud, review_status *st) {
  check_record(c, a, doc, NULL, &(looseness){loose, ud}, st);
}

/* ---- writing a record ------------------------------------------------------ */

static void indent_block(buf *b, const char *text, const char *pad) {
  for (const char *l = text; *l;) {
    const char *nl = strchr(l, '\n');
    size_t n = nl ? (size_t)(nl - l) : strlen(l);
    buf_puts(b, pad);
    buf_put(b, l, n);
    buf_putc(b, '\n');
    l = nl ? nl + 1 : l + n;
  }
}

int review_append(arena *a, const char *root, const char *doc, const char *statement, const char *signature) {
  const char *rel = review_record_path(a, doc);
  const char *path = path_in_site(a, root, rel);
  size_t len = 0;
  char *old = fsx_read(path, &len);
  buf b = BUF_INIT;
  if (old) {
    buf_put(&b, old, len);
    free(old);
  } else {
    buf_printf(&b, "# 三审制 record of %s — written by `govpub review`; do not edit by hand\n", doc);
    buf_printf(&b, "document: %s\nsignoffs:\n", doc);
  }
  buf_puts(&b, "  - statement: |\n");
  indent_block(&b, statement, "      ");
  buf_puts(&b, "    signature: |\n");
  indent_block(&b, signature, "      ");
  int rc = 0;
  if (fsx_replace(path, b.data, b.len) != 0) {
    diag_system(path, "cannot write the review record: %s", strerror(errno));
    rc = -1;
  }
  buf_free(&b);
  return rc;
}

const char *review_invalid_hint(const review_status *st) {
  switch (st->cause) {
    case RC_ROSTER:
      return "reviewers.yaml no longer allows this sign-off: if its change was a mistake, restore the reviewer's "
             "entry there and sign the roster again (govpub review sign-roster); if not, move the record aside "
             "(git rm) and have the three stages signed again";
    case RC_KEY:
      return "if the reviewer's key was replaced in reviewers.yaml, sign-offs made with the old one no longer "
             "verify: put it back, or move the record aside (git rm) and have the three stages signed again; if "
             "not, the sign-off was not made by that reviewer: restore the record from the repository's history";
    case RC_RECORD: break;
  }
  return "restore the record from the repository's history";
}

const char *review_state_name(const review_status *s, arena *a) {
  switch (s->state) {
    case RS_AWAITING: return arena_printf(a, "awaiting %s", stage_name(s->next_stage));
    case RS_APPROVED: return "approved";
    case RS_REJECTED: return "rejected";
    case RS_STALE: return "stale";
    case RS_INVALID: return "invalid";
  }
  return "?";
}

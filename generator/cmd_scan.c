/* cmd_scan: `govpub scan` — options, the files to scan, the dictionary, the
 * scan on every CPU, the report.  The same check runs inside
 * `govpub build --publish` through the scan.h API. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "cmdline.h"
#include "config.h"
#include "diag.h"
#include "buf.h"
#include "fsx.h"
#include "pool.h"
#include "chartset.h"
#include "scan.h"

static const char help[] =
    "usage: govpub scan [--site DIR] [--words DIR] [--format text|json|sarif] [--gap N]\n"
    "                   [-j N] [-q] [--stats] [--plain | --extract OUT] [PATH...]\n"
    "\n"
    "Checks what readers see against the dictionaries in words/ (敏感词, 表述规范,\n"
    "错别字, personal data): front matter text, body text, link and alt text, table\n"
    "cells; not URLs, not code.  Text is normalised first (full/half width, case,\n"
    "traditional/simplified, HTML entities, noise inside a word); hits are reported\n"
    "where the file has them.  PATHs are Markdown files or folders of them\n"
    "(default: site.yaml's visible text and DIR/content).\n"
    "\n"
    "options:\n"
    "  --site DIR     the site folder (default .)\n"
    "  --words DIR    the dictionaries (default: site.yaml scan.words, else DIR/words)\n"
    "  --format F     text (default), json or sarif, on standard output\n"
    "  --gap N        noise characters allowed between two characters of a word\n"
    "                 (default: site.yaml scan.gap, else 2; 0 to 16)\n"
    "  --plain        the PATHs are plain text (no front matter, no Markdown)\n"
    "  --extract OUT  write the text each file is scanned as to OUT/<path>.txt (a .. in\n"
    "                 the path written __), then stop\n"
    "  --stats        print the dictionary load time and the scan's throughput\n"
    "  -j, --jobs N   threads (default: every CPU this process may use)\n"
    "  -q, --quiet    no summary line\n"
    "  -h, --help     this text\n"
    "\n"
    "exit status: 0 nothing blocks publishing, 1 a block hit or a bad dictionary,\n"
    "2 usage, 3 system failure\n";

typedef enum { OUT_TEXT, OUT_JSON, OUT_SARIF } out_format;

typedef struct {
  const char *site, *words, *extract;
  out_format format;
  int gap, threads;
  bool plain, stats, quiet;
} scan_cmd;

typedef struct {
  const char **v;
  size_t n, cap;
} paths;

static void paths_push(arena *a, paths *p, const char *s) {
  if (p->n == p->cap) {
    p->v = arena_grow(a, p->v, p->n, p->cap ? 2 * p->cap : 64, sizeof *p->v);
    p->cap = p->cap ? 2 * p->cap : 64;
  }
  p->v[p->n++] = s;
}

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Files under `dir` (*.md, or every file with --plain), sorted; links are
 * not followed. */
static void walk(arena *a, const char *dir, bool plain, paths *out) {
  fsx_entry *e;
  size_t n;
  if (fsx_list(a, dir, &e, &n) != 0) {
    diag_system(dir, "cannot list folder: %s", strerror(errno));
    return;
  }
  for (size_t i = 0; i < n; i++) {
    if (e[i].name[0] == '.' || e[i].is_link) continue;
    const char *p = path_join(a, dir, e[i].name);
    if (e[i].is_dir) walk(a, p, plain, out);
    else if (e[i].is_file && (plain || ends_with(p, ".md"))) paths_push(a, out, p);
  }
}

/* ---- scanning in parallel --------------------------------------------------------- */

typedef struct {
  const scan_cmd *o;
  const scan_dict *d;
  const site_config *cfg;
  const char **files;
  char **texts; /* preloaded (--stats), else NULL */
  size_t *lens;
  scan_scratch **scratch;
  arena **arenas;
  scan_hits *hits;
} job;

/* Where --extract writes file's text: OUT/<file>.txt, kept inside OUT
 * whatever the path named (../site/content/x.md: its ".." segments are
 * written "__", a leading '/' and "." segments dropped). */
static const char *extract_name(arena *a, const char *out, const char *file) {
  buf b = BUF_INIT;
  buf_puts(&b, out);
  for (const char *s = file; *s;) {
    size_t n = strcspn(s, "/");
    if (n == 2 && s[0] == '.' && s[1] == '.') buf_puts(&b, "/__");
    else if (n && !(n == 1 && s[0] == '.')) {
      buf_putc(&b, '/');
      buf_put(&b, s, n);
    }
    s += n + (s[n] == '/');
  }
  buf_puts(&b, ".txt");
  const char *name = arena_strndup(a, b.data, b.len);
  buf_free(&b);
  return name;
}

static void scan_one(void *ctx, size_t i, int worker) {
  job *j = ctx;
  size_t len;
  char *text = j->texts ? j->texts[i] : fsx_read(j->files[i], &len);
  if (j->texts) len = j->lens[i];
  if (!text) {
    diag_system(j->files[i], "cannot read: %s", strerror(errno));
    return;
  }
  arena_reset(j->arenas[worker]);
  if (j->o->extract) {
    char *out;
    size_t n;
    scan_source_text(j->files[i], text, len, j->cfg, j->arenas[worker], &out, &n);
    const char *dst = extract_name(j->arenas[worker], j->o->extract, j->files[i]);
    if (fsx_replace(dst, out, n) != 0) diag_system(dst, "cannot write: %s", strerror(errno));
  } else if (j->o->plain) {
    scan_origin org = {.path = j->files[i], .line = 1, .col = 1};
    scan_text(j->d, j->scratch[worker], text, len, &org, j->hits);
  } else {
    scan_source(j->d, j->scratch[worker], j->files[i], text, len, j->cfg, j->arenas[worker], j->hits);
  }
  if (!j->texts) free(text);
}

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* `what "arg"` (or just `what` when arg is NULL) as a usage error. */
/* Scans (or extracts) j->files; returns the exit code. */
static int run(job *j, size_t nfiles, const char *site_file) {
  const scan_cmd *o = j->o;
  int nt = o->threads;
  j->scratch = calloc((size_t)nt, sizeof *j->scratch);
  j->arenas = calloc((size_t)nt, sizeof *j->arenas);
  if (!j->scratch || !j->arenas) abort();
  for (int w = 0; w < nt; w++) {
    j->arenas[w] = arena_new();
    if (j->d) j->scratch[w] = scan_scratch_new(j->d);
  }
  if (site_file && j->d) { /* the site itself: site.yaml and the charts' text */
    scan_site_config(j->d, j->scratch[0], j->cfg, j->hits);
    chartset charts;
    chartset_load(j->arenas[0], j->cfg, &charts);
    chartset_scan(&charts, j->cfg, j->d, j->scratch[0], j->hits, j->arenas[0]);
  }
  double t0 = now_ms(), bytes = 0;
  if (o->stats) { /* read everything first, so the scan is timed alone */
    j->texts = calloc(nfiles ? nfiles : 1, sizeof *j->texts);
    j->lens = calloc(nfiles ? nfiles : 1, sizeof *j->lens);
    if (!j->texts || !j->lens) abort();
    for (size_t i = 0; i < nfiles; i++) {
      j->texts[i] = fsx_read(j->files[i], &j->lens[i]);
      if (!j->texts[i]) diag_system(j->files[i], "cannot read: %s", strerror(errno));
      bytes += (double)j->lens[i];
    }
    diag_print("scan: read %zu file%s, %.1f MB in %.1f ms", nfiles, nfiles == 1 ? "" : "s", bytes / 1e6, now_ms() - t0);
  }
  if (!diag_system_failed()) {
    double t1 = now_ms();
    pool_run(nt, nfiles, scan_one, j);
    double ms = now_ms() - t1;
    if (o->stats)
      diag_print("scan: %s %.1f MB in %.1f ms: %.1f MB/s with %d thread%s",
                 o->plain ? "scanned" : "rendered and scanned", bytes / 1e6, ms, bytes / 1e3 / (ms > 0 ? ms : 1e-3),
                 nt, nt == 1 ? "" : "s");
  }
  for (int w = 0; w < nt; w++) {
    scan_scratch_free(j->scratch[w]);
    arena_free(j->arenas[w]);
  }
  for (size_t i = 0; j->texts && i < nfiles; i++) free(j->texts[i]);
  free(j->texts);
  free(j->lens);
  free(j->scratch);
  free(j->arenas);
  if (o->extract) {
    diag_flush(NULL);
    return diag_exit_code();
  }

  char cwd[4096];
  switch (o->format) {
    case OUT_TEXT: scan_report_text(stdout, j->d, j->hits); break;
    case OUT_JSON: scan_report_json(stdout, j->d, j->hits, nfiles + (site_file != NULL)); break;
    case OUT_SARIF: scan_report_sarif(stdout, j->d, j->hits, getcwd(cwd, sizeof cwd) ? cwd : ""); break;
  }
  fflush(stdout);
  diag_flush(NULL);
  size_t nb = scan_hits_count(j->hits, SCAN_BLOCK), nw = scan_hits_count(j->hits, SCAN_WARN);
  if (!o->quiet)
    diag_print("govpub: scanned %zu file%s with %s (%s): %zu error%s, %zu warning%s%s",
               nfiles + (site_file != NULL), nfiles + (site_file != NULL) == 1 ? "" : "s", scan_dict_dir(j->d),
               scan_dict_version(j->d), nb, nb == 1 ? "" : "s", nw, nw == 1 ? "" : "s",
               nb ? "; publishing is blocked" : "");
  if (diag_system_failed()) return EXIT_SYSTEM;
  return nb || diag_errors() ? EXIT_PROBLEMS : EXIT_OK;
}

int cmd_scan(int argc, char **argv) {
  static const struct option opts[] = {
      {"site", required_argument, NULL, 's'},   {"words", required_argument, NULL, 'w'},
      {"format", required_argument, NULL, 'f'}, {"gap", required_argument, NULL, 'g'},
      {"plain", no_argument, NULL, 'p'},        {"extract", required_argument, NULL, 'x'},
      {"stats", no_argument, NULL, 'S'},        {"jobs", required_argument, NULL, 'j'},
      {"quiet", no_argument, NULL, 'q'},        {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  scan_cmd o = {.site = ".", .gap = -1, .threads = pool_default_threads()};
  bool site_given = false;
  int c;
  optind = 1;
  opterr = 0;
  while ((c = cmdline_getopt(argc, argv, "j:qh", opts, NULL)) != -1) {
    switch (c) {
      case 's': o.site = optarg, site_given = true; break;
      case 'w': o.words = optarg; break;
      case 'p': o.plain = true; break;
      case 'x': o.extract = optarg; break;
      case 'S': o.stats = true; break;
      case 'q': o.quiet = true; break;
      case 'j':
        o.threads = atoi(optarg);
        if (o.threads < 1 || o.threads > 256) return diag_usage("give a number from 1 to 256", "invalid --jobs", optarg);
        break;
      case 'f':
        if (strcmp(optarg, "text") == 0) o.format = OUT_TEXT;
        else if (strcmp(optarg, "json") == 0) o.format = OUT_JSON;
        else if (strcmp(optarg, "sarif") == 0) o.format = OUT_SARIF;
        else return diag_usage("use text, json or sarif", "unknown format", optarg);
        break;
      case 'g': {
        char *end;
        long g = strtol(optarg, &end, 10);
        if (*end || end == optarg || g < 0 || g > SCAN_MAX_GAP)
          return diag_usage("give a number from 0 to 16", "invalid --gap", optarg);
        o.gap = (int)g;
        break;
      }
      case 'h': fputs(help, stdout); return EXIT_OK;
      default: return cmdline_refuse("scan", c, argc, argv);
    }
  }
  if (o.plain && o.extract) return diag_usage("--extract reads Markdown", "--plain and --extract do not go together", NULL);

  arena *a = arena_new();
  site_config *cfg = NULL;
  const char *site_yaml = strcmp(o.site, ".") == 0 ? "site.yaml" : path_join(a, o.site, "site.yaml");
  if (site_given || (!o.plain && fsx_is_file(site_yaml))) {
    char exe[4096];
    cfg = config_load(a, o.site, govpub_datadir(exe, sizeof exe));
    if (!cfg) {
      diag_flush(NULL);
      arena_free(a);
      return diag_exit_code() == EXIT_OK ? EXIT_PROBLEMS : diag_exit_code();
    }
    if (!o.words) o.words = strcmp(o.site, ".") == 0 ? cfg->scan_words : path_join(a, o.site, cfg->scan_words);
    if (o.gap < 0) o.gap = cfg->scan_gap;
  }
  if (!o.words) o.words = strcmp(o.site, ".") == 0 ? "words" : path_join(a, o.site, "words");

  paths files = {0};
  const char *site_file = NULL;
  if (optind == argc) {
    if (o.plain) return diag_usage("name the text files or folders to scan", "--plain needs paths", NULL);
    if (cfg && !o.extract) site_file = cfg->file;
    const char *content = strcmp(o.site, ".") == 0 ? "content" : path_join(a, o.site, "content");
    if (fsx_is_dir(content)) walk(a, content, false, &files);
  }
  for (int i = optind; i < argc; i++) {
    if (fsx_is_dir(argv[i])) walk(a, argv[i], o.plain, &files);
    else if (fsx_is_file(argv[i])) paths_push(a, &files, argv[i]);
    else diag_error(argv[i], 0, 0, "name a file or a folder", "no such file or folder");
  }

  bool no_words = !o.extract && !fsx_is_dir(o.words);
  if (no_words) { /* a new site's first scan: said here, naming where the rule packs are */
    char exe[4096];
    diag_error(o.words, 0, 0,
               arena_printf(a, "%s; or pass --words DIR", scan_packs_hint(a, govpub_datadir(exe, sizeof exe), o.words)),
               "no dictionary folder");
  }
  scan_options so = {.gap = o.gap < 0 ? SCAN_DEFAULT_GAP : o.gap, .code = cfg && cfg->scan_code};
  double t0 = now_ms();
  scan_dict *d = o.extract || no_words ? NULL : scan_dict_load(o.words, &so);
  if (o.stats && d)
    diag_print("scan: dictionary %s (%zu lists, %zu words, %zu patterns) loaded in %.1f ms", o.words,
               scan_dict_lists(d), scan_dict_words(d), scan_dict_patterns(d), now_ms() - t0);
  if ((!d && !o.extract) || diag_errors() || diag_system_failed()) {
    diag_flush(NULL);
    scan_dict_free(d);
    arena_free(a);
    return diag_system_failed() ? EXIT_SYSTEM : EXIT_PROBLEMS;
  }
  scan_hits *hits = scan_hits_new();
  job j = {.o = &o, .d = d, .cfg = cfg, .files = files.v, .hits = hits};
  int rc = run(&j, files.n, site_file);
  scan_hits_free(hits);
  scan_dict_free(d);
  arena_free(a);
  return rc;
}

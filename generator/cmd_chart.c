/* cmd_chart: `govpub chart SPEC... -o OUT` — renders chart specs to SVG
 * alone, the way `govpub build` does inside a build (chart.h): one SPEC to
 * the file OUT, several into the folder OUT as <id>.svg, in parallel;
 * --narrow the phones' version (chart_narrow), as <id>.narrow.svg.  A
 * file is written (atomically) only for a chart without problems. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "cmd.h"
#include "cmdline.h"
#include "diag.h"
#include "fsx.h"
#include "pool.h"

static const char help[] =
    "usage: govpub chart SPEC... -o OUT [--narrow] [--site DIR] [-j N]\n"
    "\n"
    "Renders chart specs (charts/<id>.yaml, see docs/charts.md) to SVG.\n"
    "With one SPEC, OUT is the SVG file (\"-\": standard output); with\n"
    "several, OUT is a folder that receives <id>.svg for each.  A file is\n"
    "written only when its chart has no problems; every problem is listed.\n"
    "\n"
    "--narrow renders the version phones get (400 px across, 16 px words;\n"
    "a site has it as charts/<id>.narrow.svg): in a folder, <id>.narrow.svg.\n"
    "\n"
    "The site is the folder holding SPEC's charts/ folder, or --site DIR\n"
    "(SPEC is then relative to it).\n"
    "\n"
    "options:\n"
    "  -o, --out OUT  the SVG file, or the folder for several specs\n"
    "  --narrow       the phones' version instead of the desktop one\n"
    "  --site DIR     the site folder SPEC paths are relative to\n"
    "  -j, --jobs N   threads (default: every CPU this process may use)\n"
    "  -h, --help     this text\n"
    "\n"
    "exit status: 0 rendered, 1 a chart has problems (listed), 2 usage, 3 system failure\n";

typedef struct {
  const char *root, *rel; /* the site, and SPEC relative to it */
  const char *out;        /* file to write, "-" for stdout */
} job;

typedef struct {
  job *jobs;
  bool narrow; /* render chart_narrow's version */
} ctx;

static int usage_error(const char *hint, const char *msg, const char *arg) {
  diag_error(NULL, 0, 0, hint, msg, arg);
  diag_flush(NULL);
  return EXIT_USAGE;
}

/* The last "charts/" of a path that starts a component, or NULL. */
static const char *charts_dir(const char *path) {
  const char *at = NULL;
  for (const char *p = path; (p = strstr(p, "charts/")); p++)
    if (p == path || p[-1] == '/') at = p;
  return at;
}

/* "site/charts/gdp.yaml" → root "site", rel "charts/gdp.yaml"; a spec
 * named from inside charts/ ("gdp.yaml") is found through its real path. */
static bool split_spec(arena *a, const char *spec, const char *site, job *j) {
  if (site) {
    j->root = site;
    j->rel = spec;
    return true;
  }
  const char *at = charts_dir(spec);
  if (!at) {
    char *real = realpath(spec, NULL);
    if (real) spec = arena_strdup(a, real);
    free(real);
    at = charts_dir(spec);
  }
  if (!at) return false;
  j->rel = at;
  j->root = at == spec ? "." : at == spec + 1 ? "/" : arena_strndup(a, spec, (size_t)(at - spec - 1));
  return true;
}

/* Writes an SVG to `out` (fsx_write_output: "-" is standard output, a
 * device or FIFO is written into, a file replaced whole). */
static void write_svg(const char *out, const buf *svg) {
  if (fsx_write_output(out, svg->data, svg->len) == 0) return;
  if (strcmp(out, "-") == 0) diag_system(NULL, "cannot write the SVG to standard output: %s", strerror(errno));
  else diag_system(out, "cannot write: %s", strerror(errno));
}

static void render_one(void *p, size_t i, int worker) {
  (void)worker;
  ctx *x = p;
  job *j = &x->jobs[i];
  arena *a = arena_new();
  chart_spec *c = chart_load(a, j->root, j->rel, NULL);
  chart_spec narrow;
  if (c && x->narrow) narrow = chart_narrow(c), c = &narrow;
  buf svg = BUF_INIT;
  if (c && chart_render_svg(c, &svg) == 0) write_svg(j->out, &svg);
  buf_free(&svg);
  arena_free(a);
}

int cmd_chart(int argc, char **argv) {
  static const struct option opts[] = {{"out", required_argument, NULL, 'o'},
                                       {"site", required_argument, NULL, 's'},
                                       {"narrow", no_argument, NULL, 'n'},
                                       {"jobs", required_argument, NULL, 'j'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  const char *out = NULL, *site = NULL;
  bool narrow = false;
  int threads = pool_default_threads(), c;
  optind = 1;
  opterr = 0;
  while ((c = cmdline_getopt(argc, argv, "o:j:h", opts, NULL)) != -1) {
    switch (c) {
      case 'o': out = optarg; break;
      case 's': site = optarg; break;
      case 'n': narrow = true; break;
      case 'j':
        if (!(threads = pool_jobs(optarg))) return diag_usage(POOL_JOBS_HINT, "invalid --jobs", optarg);
        break;
      case 'h': fputs(help, stdout); return EXIT_OK;
      default: return cmdline_refuse("chart", c, argc, argv);
    }
  }
  size_t n = (size_t)(argc - optind);
  if (n == 0)
    return usage_error("give a chart spec: govpub chart charts/<id>.yaml -o <id>.svg", "no %s given", "SPEC");
  if (!out)
    return usage_error("say where the SVG goes: -o FILE (or -o DIR for several specs)", "no %s given",
                       "-o OUT");
  if (n > 1 && strcmp(out, "-") == 0)
    return usage_error("give a folder with -o DIR", "several specs cannot go to %s", "standard output");

  arena *a = arena_new();
  job *jobs = arena_calloc(a, n, sizeof *jobs);
  int rc = EXIT_OK;
  for (size_t i = 0; i < n && rc == EXIT_OK; i++) {
    const char *spec = argv[optind + (int)i];
    if (!split_spec(a, spec, site, &jobs[i])) {
      rc = usage_error("a spec is charts/<id>.yaml inside a site folder (or give --site DIR)",
                       "\"%s\" is not in a charts/ folder", spec);
      break;
    }
    if (n == 1) {
      jobs[i].out = out;
      continue;
    }
    const char *name = strrchr(jobs[i].rel, '/') + 1;
    size_t len = strlen(name);
    if (len > 5 && strcmp(name + len - 5, ".yaml") == 0) len -= 5;
    jobs[i].out = arena_printf(a, "%s/%.*s%s.svg", out, (int)len, name, narrow ? ".narrow" : "");
    for (size_t k = 0; k < i; k++)
      if (strcmp(jobs[k].out, jobs[i].out) == 0) {
        rc = usage_error("give each chart once", "two specs would both write %s", jobs[i].out);
        break;
      }
  }
  if (rc == EXIT_OK && n > 1 && fsx_mkdirs(out) != 0) {
    diag_system(out, "cannot create the folder: %s", strerror(errno));
    rc = EXIT_SYSTEM;
  }
  if (rc == EXIT_OK) {
    ctx x = {jobs, narrow};
    pool_run(threads, n, render_one, &x);
    diag_flush(NULL);
    rc = diag_exit_code();
  } else {
    diag_flush(NULL);
  }
  arena_free(a);
  return rc;
}

/* cmd_report: `govpub report --year Y` — writes the annual website report
 * (政府网站工作年度报表, docs/report.md) as a content page of the report
 * column and its JSON twin: loads and links the site as a publishing build
 * does (nothing is built; the letters files read by interact_letters.c, as
 * in a build), counts what the content gives (report_count.c),
 * reads the figures people file (report_figures.c), and writes both files
 * (report_write.c) only when there was no problem at all. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmdline.h"
#include "diag.h"
#include "fsx.h"
#include "interact.h"
#include "pool.h"
#include "report.h"

static const char help[] =
    "usage: govpub report --year YYYY [--site DIR] [--figures FILE] [--output PATH] [-j N]\n"
    "\n"
    "Writes the annual website report (政府网站工作年度报表) of the year as a page of\n"
    "type report: the figures computed from the content (information published by\n"
    "column class, 专栏专题, interpretations, 在线访谈, surveys and solicitations with\n"
    "their results, letters from data/letters/YYYY.yaml, the data catalog) and the\n"
    "figures people file (visits, service items, security, new media …) from the\n"
    "figures file, each with its source.  Beside the page, its JSON twin goes into\n"
    "the first static folder as data/report-YYYY.json (the page's attachment).\n"
    "Nothing is written when anything is wrong.  Commit the files and have the page\n"
    "reviewed like any other; govpub check reports a report the content has moved\n"
    "away from.\n"
    "\n"
    "options:\n"
    "  --year YYYY     the year the report covers (required)\n"
    "  --site DIR      the site folder (default .)\n"
    "  --figures FILE  the filed figures (default: site.yaml report.figures,\n"
    "                  reports/{year}.yaml)\n"
    "  --output PATH   the page to write (default: content/<report.column>/YYYY.md)\n"
    "  -j, --jobs N    threads for loading the site (default: every CPU)\n"
    "  -h, --help      this text\n"
    "\n"
    "site.yaml: report: {column: report, figures: reports/{year}.yaml} (docs/report.md).\n"
    "\n"
    "exit status: 0 written, 1 the site or the figures have problems, 2 usage,\n"
    "3 system failure\n";

static int finish(arena *a, site *s) {
  diag_flush(NULL);
  site_free(s);
  arena_free(a);
  return diag_exit_code();
}

/* Where the JSON goes: the first static folder (served at its `to`). */
static bool json_place(arena *a, const site_config *cfg, int year, const char **file, const char **url) {
  if (!cfg->nstatics) return false;
  const static_cfg *st = &cfg->statics[0];
  const char *name = arena_printf(a, "data/report-%d.json", year);
  *file = path_join(a, path_in_site(a, cfg->root, st->dir), name);
  *url = arena_printf(a, "/%s%s%s", st->to, *st->to ? "/" : "", name);
  return true;
}

static bool write_file(const char *path, const char *data, size_t len) {
  if (fsx_write_output(path, data, len) == 0) return true; /* --output /dev/stdout: into it, not over it */
  diag_system(path, "cannot write the report");
  return false;
}

int cmd_report(int argc, char **argv) {
  static const struct option opts[] = {
      {"year", required_argument, NULL, 'y'},   {"site", required_argument, NULL, 's'},
      {"figures", required_argument, NULL, 'f'}, {"output", required_argument, NULL, 'o'},
      {"jobs", required_argument, NULL, 'j'},   {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  const char *site_dir = ".", *figures = NULL, *output = NULL, *year_arg = NULL;
  int threads = pool_default_threads(), c;
  optind = 1;
  opterr = 0;
  while ((c = cmdline_getopt(argc, argv, "j:h", opts, NULL)) != -1) {
    switch (c) {
      case 'y': year_arg = optarg; break;
      case 's': site_dir = optarg; break;
      case 'f': figures = optarg; break;
      case 'o': output = optarg; break;
      case 'j':
        if (!(threads = pool_jobs(optarg))) return diag_usage(POOL_JOBS_HINT, "invalid --jobs", optarg);
        break;
      case 'h': fputs(help, stdout); return EXIT_OK;
      default: return cmdline_refuse("report", c, argc, argv);
    }
  }
  if (optind < argc) return diag_usage("run `govpub report --help`", "unexpected argument", argv[optind]);
  if (!year_arg) return diag_usage("say which year, e.g. --year 2024", "--year is required", NULL);
  int year = atoi(year_arg);
  if (strlen(year_arg) != 4 || strspn(year_arg, "0123456789") != 4 || year < 1990)
    return diag_usage("write the year as four digits, e.g. 2024", "invalid --year", year_arg);

  arena *a = arena_new();
  char exe[4096];
  site_config *cfg = config_load(a, site_dir, govpub_datadir(exe, sizeof exe));
  report r;
  if (!cfg || !report_init(&r, a, cfg, year)) return finish(a, NULL);
  const char *json_file, *json_url;
  if (!json_place(a, cfg, year, &json_file, &json_url)) {
    diag_error(cfg->file, 1, 1, "add static: [static] (the report's JSON is served from there)",
               "the report's JSON needs a static folder");
    return finish(a, NULL);
  }
  site *s = site_load(cfg, true, threads);
  if (!s) return finish(a, NULL);
  site_link(s);
  catalog *cat = cfg->catalog ? catalog_load(s, NULL) : NULL;
  interact_load(s); /* the letters files, read (and their problems reported) as a build reads them */
  /* Counted and read even when the site has problems, so one run lists
   * them all; but a site that does not build gets no report (its counts
   * would mislead). */
  report_count(&r, s, cat);
  bool filed = report_figures_read(&r, cfg->root, figures);
  if (!filed || diag_errors()) {
    diag_error(NULL, 0, 0, "fix the problems listed with it, then run govpub report again", "no report written");
    return finish(a, s);
  }
  const char *md_path = output ? output
                               : strcmp(cfg->root, ".") == 0
                                     ? arena_printf(a, "content/%s/%d.md", r.column, year)
                                     : arena_printf(a, "%s/content/%s/%d.md", cfg->root, r.column, year);
  size_t mlen, jlen;
  char *md = report_markdown(&r, cfg, json_url, &mlen), *json = report_json(&r, cfg, &jlen);
  if (write_file(json_file, json, jlen) && write_file(md_path, md, mlen)) {
    printf("wrote %s (%zu figure%s)\nwrote %s\n", md_path, r.n, r.n == 1 ? "" : "s", json_file);
    fflush(stdout);
  }
  free(md);
  free(json);
  return finish(a, s);
}

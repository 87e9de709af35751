/* cmd_check: `govpub check` — the self-inspection (check.h): loads the site
 * the way a publishing build does (drafts left out), files the loader's
 * messages under the checklist's rules, runs the model rules and, with
 * --out or --output, the rules on the built HTML; prints the report and the
 * verdict.  The publish pipeline calls the same check.h functions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "check.h"
#include "cmd.h"
#include "cmdline.h"
#include "diag.h"
#include "fsx.h"
#include "interact.h"
#include "pool.h"
#include "pubdates.h"
#include "report.h"
#include "statics.h"

static const char help[] =
    "usage: govpub check [--site DIR] [--out DIR | --output DIR] [--today YYYY-MM-DD]\n"
    "                    [--format text|json|sarif] [-j N]\n"
    "\n"
    "The self-inspection against 政府网站与政务新媒体检查指标 (国办秘函〔2019〕19号):\n"
    "on the site (what a publishing build would publish) — stale and empty columns\n"
    "by class (栏目不更新, 空白栏目), the home page's last new item, undated items,\n"
    "publication dates changed after publishing or set after the day of the check,\n"
    "addresses published before that the site no longer serves (死链: pages,\n"
    "aliases, tag, topic and data catalog pages; a list with fewer pages: a warning),\n"
    "信息公开 metadata (成文日期 after the publication date too), 索引号, 文号,\n"
    "规范性文件 without an interpretation within 3 working days, surveys and\n"
    "solicitations ended without their published result (反馈结果), letters\n"
    "(data/letters/, pending:) unanswered for more than 90 days (互动回应差,\n"
    "单项否决; a published letter answered that late: a warning), static files\n"
    "named like a page but for letter case (a build refuses them), citizens'\n"
    "personal data (身份证号, 手机号码, 银行卡号: words/privacy/) in what is\n"
    "published (安全、泄密, 单项否决); and on a built\n"
    "folder — broken internal links, #anchors, images, attachments, images\n"
    "without alt text, footer data, the inspection meta tags, a viewport of\n"
    "width=device-width on every page (移动端适配) that lets readers zoom in (适老化:\n"
    "no user-scalable=no, no maximum-scale below 2) and the home page's search\n"
    "form (站内搜索), said at the layout that dropped them.  Ends with the\n"
    "verdict an inspector would give: 合格, or 不合格 with the 单项否决 reasons; a\n"
    "合格 on the model alone (no --out or --output) says the built pages were not\n"
    "checked.\n"
    "\n"
    "options:\n"
    "  --site DIR     the site folder (default .)\n"
    "  --out DIR      the output root (default DIR/out): its current release is checked,\n"
    "                 and its published-dates.tsv holds the dates and addresses\n"
    "                 published before\n"
    "  --output DIR   check this built folder (a release, a staging folder) instead;\n"
    "                 before the first publish: --output out/preview, after govpub build\n"
    "  --today DATE   judge freshness as of this day (default: site.yaml check.as_of,\n"
    "                 else today in China Standard Time)\n"
    "  --format F     text (default), json or sarif, on standard output\n"
    "  -j, --jobs N   threads for loading the site (default: every CPU)\n"
    "  -h, --help     this text\n"
    "\n"
    "Settings in site.yaml: check: {as_of, freshness, home_days, interpretation_days,\n"
    "result_days, reply_days, withdrawn} and calendar: {holidays, workdays}\n"
    "(docs/check.md).\n"
    "\n"
    "exit status: 0 the inspection passes (合格), 1 it fails (errors or 单项否决),\n"
    "2 usage, 3 system failure\n";

typedef enum { OUT_TEXT, OUT_JSON, OUT_SARIF } out_format;

static void print(check_report *r, out_format f) {
  char cwd[4096];
  switch (f) {
    case OUT_TEXT: check_report_text(stdout, r); break;
    case OUT_JSON: check_report_json(stdout, r); break;
    case OUT_SARIF: check_report_sarif(stdout, r, getcwd(cwd, sizeof cwd) ? cwd : ""); break;
  }
  fflush(stdout);
}

/* Without --out or --output only the model is inspected: a note says the
 * built pages were not (what the rules on HTML find, a publish finds in its
 * staging folder), with the command that checks them — before the first
 * publish, the preview build's — and so does the verdict. */
static void note_unchecked(arena *a, check_report *r, const char *site_dir, const char *root) {
  const char *site = strcmp(site_dir, ".") == 0 ? "" : arena_printf(a, " --site %s", site_dir);
  const char *current = path_join(a, root, "current"), *preview = path_join(a, root, "preview");
  const char *why, *cmd;
  if (fsx_is_dir(current)) why = "check the published release too", cmd = arena_printf(a, "govpub check%s --out %s", site, root);
  else if (fsx_is_dir(preview))
    why = "nothing is published yet; check the preview build",
    cmd = arena_printf(a, "govpub check%s --output %s", site, preview);
  else
    why = "nothing is built yet; build a preview, then check it",
    cmd = arena_printf(a, "govpub build%s, then govpub check%s --output %s", site, site, preview);
  diag_at(DIAG_NOTE, root, 0, 0, arena_printf(a, "%s: %s", why, cmd),
          "the built pages were not checked (links, images, footers, meta tags): no --out or --output");
  check_report_model_only(r, cmd);
}

int cmd_check(int argc, char **argv) {
  static const struct option opts[] = {
      {"site", required_argument, NULL, 's'},   {"out", required_argument, NULL, 'o'},
      {"output", required_argument, NULL, 'O'}, {"today", required_argument, NULL, 't'},
      {"format", required_argument, NULL, 'f'}, {"jobs", required_argument, NULL, 'j'},
      {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0}};
  const char *site_dir = ".", *out = NULL, *output = NULL, *today = NULL;
  out_format format = OUT_TEXT;
  int threads = pool_default_threads(), c;
  optind = 1;
  opterr = 0;
  while ((c = cmdline_getopt(argc, argv, "j:h", opts, NULL)) != -1) {
    switch (c) {
      case 's': site_dir = path_chop(optarg); break;
      case 'o': out = path_chop(optarg); break;
      case 'O': output = optarg; break;
      case 't': today = optarg; break;
      case 'j':
        if (!(threads = pool_jobs(optarg))) return diag_usage(POOL_JOBS_HINT, "invalid --jobs", optarg);
        break;
      case 'f':
        if (strcmp(optarg, "text") == 0) format = OUT_TEXT;
        else if (strcmp(optarg, "json") == 0) format = OUT_JSON;
        else if (strcmp(optarg, "sarif") == 0) format = OUT_SARIF;
        else return diag_usage("use text, json or sarif", "unknown format", optarg);
        break;
      case 'h': fputs(help, stdout); return EXIT_OK;
      default: return cmdline_refuse("check", c, argc, argv);
    }
  }
  if (optind < argc) return diag_usage("run `govpub check --help`", "unexpected argument", argv[optind]);
  if (out && output) return diag_usage("give the output root (--out) or one built folder (--output)",
                                        "--out and --output do not go together", NULL);
  gdate probe;
  if (today && (strlen(today) != 10 || !gdate_parse(today, false, &probe)))
    return diag_usage("write the date as YYYY-MM-DD", "invalid --today", today);

  arena *a = arena_new();
  char exe[4096];
  site_config *cfg = config_load(a, site_dir, govpub_datadir(exe, sizeof exe));
  if (cfg) config_unfilled(cfg, true); /* footer data missing: filed under 网站标识, and the rest inspected */
  check_settings *st = cfg ? check_settings_load(a, cfg, today) : NULL;
  if (cfg && !st) { /* the inspection's own settings are wrong: nothing to judge against */
    diag_flush(NULL);
    arena_free(a);
    return EXIT_PROBLEMS;
  }
  check_report *r = check_report_new(st);
  site *s = NULL;
  catalog *cat = NULL;
  if (cfg) {
    s = site_load(cfg, true, threads);
    static_set statics = {0};
    statics_collect(a, cfg, &statics); /* its problems are the site's, as in a build */
    statics_check_named(a, cfg, &statics, true);
    s->attachments = statics.by_dst;
    site_link(s);
    statics_check_written(a, s, NULL, &statics); /* a static file where govpub writes: at the file */
    check_fold_outputs(s, &statics); /* what a build would refuse as it writes them */
    cat = catalog_load(s, NULL); /* the data catalog's problems (distributions, DCAT fields) too */
    interact_load(s);      /* result links, 期数, the letters figures */
  }
  check_take_diagnostics(r); /* the loader's findings, filed under the checklist's rules */
  if (s) {
    const char *root = out ? out : path_in_site(a, cfg->root, "out"); /* as build's and publish's */
    const char *current = path_join(a, root, "current");
    check_model(r, s, cat, fsx_is_file(path_join(a, current, PUBDATES_FILE)) ? current : NULL, root);
    check_personal_data(r, s); /* 身份证号, 手机号码 in what is published: 单项否决 */
    report_check(r, s, cat); /* committed annual reports the content has moved away from */
    if (output || out) check_output(r, s, cat, output ? output : current);
    else note_unchecked(a, r, site_dir, root);
  }
  print(r, format);
  diag_flush(NULL);
  int rc = diag_system_failed() ? EXIT_SYSTEM : check_passed(r) ? EXIT_OK : EXIT_PROBLEMS;
  check_report_free(r);
  site_free(s);
  arena_free(a);
  return rc;
}

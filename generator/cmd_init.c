/* cmd_init: `govpub init DIR` — starts a site, as `hugo new site` does
 * (docs/operators.md, "Starting a site"): writes into a new or empty
 * folder the site.yaml of that section (the title and address given; the
 * footer data only the bureau knows left empty, which a preview build
 * warns of and govpub check and a publish name as errors: config.h's
 * config_unfilled), the home page's and three columns' _index.md with the
 * description and keywords the inspection reads, the rule packs installed
 * with govpub in words/, a commented reviewers.yaml and a .gitignore of
 * out/.  Never writes over a file; the same arguments give the same bytes. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "cjk.h"
#include "cmd.h"
#include "cmdline.h"
#include "diag.h"
#include "escape.h"
#include "fsx.h"
#include "url.h"

static const char help[] =
    "usage: govpub init [--title TITLE] [--base-url URL] DIR\n"
    "\n"
    "Starts a site in DIR, a new or empty folder (docs/operators.md, \"Starting a\n"
    "site\"): site.yaml with the title and address given, the columns news, xxgk\n"
    "and xxgk/policy with their _index.md, the rule packs of the content scan in\n"
    "words/, a reviewers.yaml to fill in and a .gitignore of out/.  The footer data\n"
    "only the site's owner knows (主办单位, 联系方式, 网站标识码, 备案号, the\n"
    "党政机关 badge, the 我要纠错 page) is left empty: a preview builds at once\n"
    "and warns of each, govpub check names each, and a publish refuses the site\n"
    "until they are there.\n"
    "Never writes over a file.\n"
    "\n"
    "options:\n"
    "  --title TITLE   the site's name (SiteName), e.g. 某县统计局 (default: left\n"
    "                  empty, to fill in)\n"
    "  --base-url URL  the address the site is served at, e.g.\n"
    "                  https://www.mouxian.gov.cn/tjj/ (default: left empty)\n"
    "  -h, --help      this text\n"
    "\n"
    "exit status: 0 written, 1 DIR is not empty or the rule packs are missing,\n"
    "2 usage, 3 system failure\n";

/* The footer keys left to fill in, with what each takes: config.c's
 * to_fill names the same ones when they are still empty. */
static const char footer[] =
    "# The footer every page shows (政府网站检查指标).  The empty values are yours\n"
    "# to fill in: a preview builds without them, govpub check names each one, and\n"
    "# a publish refuses the site until they are there.\n"
    "footer:\n"
    "  sponsor:            # 主办单位, e.g. 某县人民政府办公室\n"
    "  contact:            # 联系方式, e.g. 电话：0000-12345678 地址：某县人民路1号\n"
    "  site_code:          # 网站标识码, quoted: \"5301230001\"\n"
    "  icp:                # ICP备案号, e.g. 滇ICP备12345678号\n"
    "  psb:                # 公安备案号, e.g. 滇公网安备 53012302000123号\n"
    "  dzjg_img:           # 党政机关网站标识: the badge under static/, e.g. images/dzjg.png\n"
    "  correction_url:     # 我要纠错: the platform's page for the site, its 网站标识码 at the end:\n"
    "                      # https://zfwzzc.www.gov.cn/check_web/errorInfo/jcInfoNew?sitecode=5301230001\n"
    "  # organizer:        # 承办单位, shown beside the sponsor (optional)\n"
    "  # psb_code: \"\"       # the 公安备案号's number, for the link to its record (optional)\n"
    "  # dzjg_url:         # where the badge links (optional)\n";

static const char columns[] =
    "# One entry per folder under content/ (docs/configuration.md); a column's\n"
    "# class sets how often the inspection expects it updated.\n"
    "columns:\n"
    "  news: {class: 动态, type: news}\n"
    "  xxgk: {class: 政策文件, type: page}\n"
    "  xxgk/policy: {class: 政策文件, type: policy}\n"
    "types:\n"
    "  news: {required: [title, date]}\n"
    "  page: {required: [title]}\n"
    "  policy: {required: [title, date, index_no, category, publisher, written, doc_no, validity]}\n"
    "fields:\n"
    "  date: {format: datetime}\n"
    "  written: {format: date}\n"
    "  doc_no: {format: doc_no}\n"
    "  index_no: {format: index_no, unique: true}\n"
    "  validity: {format: enum, values: [有效, 失效, 废止]}\n"
    "  disclosure: {format: enum, values: [主动公开, 依申请公开, 不予公开], default: 主动公开}\n";

/* The home page and each column: its _index.md, with the description and
 * keywords of its ColumnDescription and ColumnKeywords meta tags. */
static const struct {
  const char *path, *text;
} pages[] = {
    {"content/_index.md", "---\ntitle: 首页\n---\n"},
    {"content/news/_index.md", "---\ntitle: 工作动态\ndescription: 本单位的工作动态。\nkeywords: [工作动态]\n---\n"},
    {"content/xxgk/_index.md",
     "---\ntitle: 政府信息公开\ndescription: 政府信息公开目录。\nkeywords: [政府信息公开]\n---\n"},
    {"content/xxgk/policy/_index.md",
     "---\ntitle: 政策文件\ndescription: 规范性文件和其他政策文件。\nkeywords: [政策文件, 规范性文件]\n---\n"},
};

static const char reviewers[] =
    "# The review roster (三审制, docs/reviewers.md, \"The roster\"): who may sign\n"
    "# which stage, with which key.  Each reviewer makes a key (ssh-keygen -t\n"
    "# ed25519) and gives its .pub line; list them below, one entry each:\n"
    "#\n"
    "#   - id: chen.li                 # ASCII, unique\n"
    "#     name: 陈立\n"
    "#     title: 综合科科长\n"
    "#     stages: [1]                 # 1 初审, 2 复审, 3 终审\n"
    "#     key: ssh-ed25519 AAAA… chen.li\n"
    "#\n"
    "# Then the trust anchor's holder signs this file: govpub review sign-roster\n"
    "# --key KEY (reviewers.yaml.sig).  The trust anchor itself stays on the\n"
    "# publishing host, never in this folder.\n"
    "reviewers: []\n";

/* The rule packs of the content scan, installed with govpub (make install). */
static const char *const packs[] = {"wording", "privacy"};

/* `key: "value"`, or, without one, the key left empty with a comment
 * saying what to write (aligned with the footer's). */
static void key_or_blank(buf *b, const char *key, const char *value, const char *comment) {
  if (value) {
    buf_printf(b, "%s: ", key);
    esc_yaml_quoted(b, value);
    buf_putc(b, '\n');
  } else {
    buf_printf(b, "%s:%*s# %s\n", key, (int)(21 - strlen(key)), "", comment);
  }
}

/* site.yaml: the title and base_url given, else left empty to fill in. */
static void site_yaml(buf *b, const char *title, const char *base_url) {
  buf_puts(b, "# The site's configuration; every key: docs/configuration.md.  Started by\n"
              "# `govpub init` (docs/operators.md, \"Starting a site\").\n");
  key_or_blank(b, "title", title, "the site's name (SiteName), e.g. 某县统计局");
  buf_puts(b, "# description:        # a sentence on the site, the home page's description\n");
  key_or_blank(b, "base_url", base_url, "the address it is served at, e.g. https://www.mouxian.gov.cn/tjj/");
  buf_printf(b, "language: zh-CN\n%s%s", footer, columns);
}

/* DIR new or empty: true; else reported. */
static bool dir_empty(const char *dir) {
  struct stat st;
  if (lstat(dir, &st) != 0) {
    if (errno == ENOENT) return true;
    diag_system(dir, "cannot look at the folder: %s", strerror(errno));
    return false;
  }
  if (!S_ISDIR(st.st_mode)) {
    diag_error(dir, 0, 0, "give a new folder's path, or an empty folder's", "not a folder");
    return false;
  }
  arena *a = arena_new();
  fsx_entry *e;
  size_t n = 0;
  int rc = fsx_list(a, dir, &e, &n), err = errno;
  arena_free(a);
  if (rc != 0) diag_system(dir, "cannot read the folder: %s", strerror(err));
  else if (n)
    diag_error(dir, 0, 0, "give a new folder or an empty one: govpub init never writes over files (what a site "
               "needs: docs/operators.md, \"Starting a site\")", "the folder is not empty");
  return rc == 0 && n == 0;
}

/* Copies the rule packs of `datadir`/words into DIR/words; true when done
 * (else reported). */
static bool copy_packs(arena *a, const char *datadir, const char *dir) {
  for (size_t i = 0; i < sizeof packs / sizeof *packs; i++) {
    const char *src = arena_printf(a, "%s/words/%s", datadir, packs[i]);
    fsx_walk_entry *e;
    size_t n;
    if (fsx_walk(a, src, &e, &n) != 0) {
      diag_system(src, "cannot read the rule pack: %s", strerror(errno));
      return false;
    }
    for (size_t k = 0; k < n; k++) {
      const char *to = arena_printf(a, "%s/words/%s/%s", dir, packs[i], e[k].path);
      if (e[k].is_file && fsx_copy_new_at(AT_FDCWD, to, path_join(a, src, e[k].path)) != 0) {
        diag_system(to, "cannot write: %s", strerror(errno));
        return false;
      }
    }
  }
  return true;
}

static bool write_new(arena *a, const char *dir, const char *rel, const char *text, size_t len) {
  const char *path = path_join(a, dir, rel);
  if (fsx_write_new_at(AT_FDCWD, path, text, len) == 0) return true;
  diag_system(path, "cannot write: %s", strerror(errno));
  return false;
}

/* The rule packs' folder: checked before anything is written. */
static bool packs_there(arena *a, const char *datadir) {
  for (size_t i = 0; i < sizeof packs / sizeof *packs; i++) {
    const char *src = arena_printf(a, "%s/words/%s", datadir, packs[i]);
    if (!fsx_is_dir(src)) {
      diag_error(src, 0, 0, "install govpub with its data (make install), or point GOVPUB_DATADIR at a govpub "
                 "checkout", "the rule pack \"%s\" govpub comes with is not there", packs[i]);
      return false;
    }
  }
  return true;
}

static bool write_site(arena *a, const char *dir, const char *datadir, const char *title, const char *base_url) {
  buf b = BUF_INIT;
  site_yaml(&b, title, base_url);
  bool ok = write_new(a, dir, "site.yaml", b.data, b.len);
  buf_free(&b);
  for (size_t i = 0; ok && i < sizeof pages / sizeof *pages; i++)
    ok = write_new(a, dir, pages[i].path, pages[i].text, strlen(pages[i].text));
  return ok && copy_packs(a, datadir, dir) && write_new(a, dir, "reviewers.yaml", reviewers, strlen(reviewers)) &&
         write_new(a, dir, ".gitignore", "out/\n", 5);
}

int cmd_init(int argc, char **argv) {
  static const struct option opts[] = {{"title", required_argument, NULL, 't'},
                                       {"base-url", required_argument, NULL, 'u'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  const char *title = NULL, *base_url = NULL;
  int c;
  optind = 1;
  opterr = 0;
  while ((c = cmdline_getopt(argc, argv, "h", opts, NULL)) != -1) {
    switch (c) {
      case 't': title = optarg; break;
      case 'u': base_url = optarg; break;
      case 'h': fputs(help, stdout); return EXIT_OK;
      default: return cmdline_refuse("init", c, argc, argv);
    }
  }
  if (optind >= argc) return diag_usage("name the site's folder, e.g. govpub init tjj", "no folder given", NULL);
  if (optind + 1 < argc) return diag_usage("name one folder", "unexpected argument", argv[optind + 1]);
  if (title && !utf8_one_line(title))
    return diag_usage("give the title as one line of UTF-8 text without control characters", "invalid --title",
                      title);
  if (base_url && (!url_is_http(base_url) || !utf8_one_line(base_url)))
    return diag_usage("write it like https://www.example.gov.cn/", "invalid --base-url", base_url);
  const char *dir = argv[optind];
  arena *a = arena_new();
  char exe[4096];
  const char *datadir = govpub_datadir(exe, sizeof exe);
  if (dir_empty(dir) && packs_there(a, datadir) && write_site(a, dir, datadir, title, base_url)) {
    printf("wrote %s: site.yaml, content/ (the columns news, xxgk and xxgk/policy), words/ (the rule packs "
           "wording and privacy), reviewers.yaml, .gitignore\n", dir);
    printf("fill in: %s%sthe footer in site.yaml (govpub check names each value); the reviewers in "
           "reviewers.yaml\n", title ? "" : "the title, ", base_url ? "" : "base_url, ");
  }
  diag_flush(NULL);
  arena_free(a);
  return diag_exit_code();
}

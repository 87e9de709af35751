/* cmd_new: `govpub new PATH` — starts a page, as `hugo new` does
 * (docs/editors.md, "Starting a page"): writes content/PATH with the front
 * matter its column's content type requires (site.yaml types:), filled in
 * where govpub knows the value — the title given, the date, the next free
 * 索引号 (index_no.c), a field's declared default — and left empty beside
 * a comment saying what it takes (fields.c's field_guide) where only the
 * editor does, with `draft: true`.  The build then names each empty field
 * until it is filled in.  Never writes over a file. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "buf.h"
#include "cjk.h"
#include "cmd.h"
#include "cmdline.h"
#include "datetime.h"
#include "diag.h"
#include "escape.h"
#include "fields.h"
#include "fsx.h"
#include "index_no.h"
#include "interact.h"
#include "path_fold.h"
#include "pool.h"
#include "site.h"
#include "site_name.h"

static const char help[] =
    "usage: govpub new [--site DIR] [--title TITLE] [--date DATE] PATH\n"
    "\n"
    "Starts a page: writes content/PATH, a Markdown file in a column's folder, with\n"
    "the front matter its column's content type requires (site.yaml types:) and\n"
    "draft: true.  Filled in: the title given, the date (now, Beijing time), the\n"
    "next free 索引号 of the organ of the column's newest one, and a field's\n"
    "default from site.yaml; every other required field is left empty with a\n"
    "comment saying what it takes, and the build names each one until it is filled\n"
    "in.  Write the body below the front matter (a letter, a type requiring\n"
    "replied:, starts with its \"## 答复\" line: the letter above it, the reply\n"
    "below); remove draft: true when the page is ready for review\n"
    "(docs/reviewers.md).  Never writes over a file.\n"
    "\n"
    "PATH is the page's path under content/ (news/2025-meeting.md; a leading\n"
    "content/ is taken too), or a path from the current folder that lies under\n"
    "content/, as the shell completes it (./x.md in a column's folder, with --site\n"
    "naming the site from there: --site ../.. in content/news/; an absolute\n"
    "path).  Its folder must be a column of site.yaml; its file name is the last\n"
    "part of the page's address: ASCII letters, digits, - and _, not a name beside\n"
    "it but for letter case.\n"
    "\n"
    "options:\n"
    "  --site DIR     the site folder (default .)\n"
    "  --title TITLE  the page's title (default: left empty, to fill in)\n"
    "  --date DATE    its date: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][+08:00]\n"
    "                 (default: now, Beijing time)\n"
    "  -h, --help     this text\n"
    "\n"
    "exit status: 0 written, 1 the path or site.yaml is wrong, 2 usage,\n"
    "3 system failure\n";

/* A file name that can be the last part of an address: ASCII letters,
 * digits, - and _ before ".md" (docs/editors.md). */
static bool page_name_ok(const char *name) {
  size_t n = strlen(name);
  if (n <= 3 || strcmp(name + n - 3, ".md") != 0) return false;
  for (size_t i = 0; i < n - 3; i++)
    if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", name[i])) return false;
  return true;
}

/* PATH from the current folder, as the shell completes it (./x.md,
 * ../news/x.md, an absolute path, s/content/news/x.md beside the site, x.md
 * inside a column's folder), as a path under content/: NULL when its folder
 * does not exist or is not under content/. */
static const char *from_here(arena *a, const site_config *cfg, const char *arg) {
  const char *slash = strrchr(arg, '/'), *name = slash ? slash + 1 : arg;
  const char *dir = !slash ? "." : slash == arg ? "/" : arena_strndup(a, arg, (size_t)(slash - arg));
  char *here = realpath(dir, NULL), *content = realpath(path_in_site(a, cfg->root, "content"), NULL);
  const char *rel = NULL;
  size_t n = content ? strlen(content) : 0;
  if (here && content && strncmp(here, content, n) == 0 && (here[n] == '/' || here[n] == '\0'))
    rel = here[n] ? arena_printf(a, "%s/%s", here + n + 1, name) : arena_strdup(a, name);
  free(here);
  free(content);
  return rel;
}

/* The page's path under content/, from PATH: from the current folder when
 * that is under content/, else under content/ as `hugo new` takes it
 * (news/x.md, content/news/x.md); NULL when it is none (reported). */
static const char *page_rel(arena *a, const site_config *cfg, const char *arg) {
  bool only_here = arg[0] == '/' || strncmp(arg, "./", 2) == 0 || strncmp(arg, "../", 3) == 0;
  const char *rel = from_here(a, cfg, arg);
  if (!rel && !only_here) rel = strncmp(arg, "content/", 8) == 0 ? arg + 8 : arg;
  const char *slash = rel ? strrchr(rel, '/') : NULL, *name = slash ? slash + 1 : rel;
  if (!rel || !path_is_safe_rel(rel) || !path_normalize(a, rel) || strcmp(path_normalize(a, rel), rel) != 0) {
    diag_error(arg, 0, 0, "give the page's path under content/, e.g. news/2025-meeting.md",
               "not a path inside content/");
    return NULL;
  }
  if (strcmp(name, "_index.md") == 0) {
    diag_error(arg, 0, 0, "write a column's _index.md by hand, with the column under columns: in site.yaml "
               "(docs/editors.md)", "govpub new starts articles, not columns");
    return NULL;
  }
  if (!page_name_ok(name)) {
    diag_error(arg, 0, 0,
               "name the file in ASCII letters, digits, - and _, ending in .md (e.g. 2025-meeting.md): the name is "
               "the page's address",
               "\"%s\" cannot be a page's file name", name);
    return NULL;
  }
  const char *why = site_name_problem(a, name, false); /* of ASCII letters and digits: a device's (con.md) */
  if (why) {
    diag_error(arg, 0, 0, "choose another name: the build refuses this one", "the file name %s", why);
    return NULL;
  }
  if (strlen(name) - 3 > FSX_NAME_MAX) {
    diag_error(arg, 0, 0, "shorten the file name: the page's folder in the output is named by it",
               "the name is %zu bytes long; a page's address part may be at most %d", strlen(name) - 3, FSX_NAME_MAX);
    return NULL;
  }
  return rel;
}

/* The column of rel's folder as site.yaml declares it, with its folder in
 * content/; NULL when there is none (reported). */
static const column_cfg *page_column(arena *a, const site_config *cfg, const char *arg, const char *rel) {
  const char *dir = path_dir(a, rel);
  const column_cfg *col = config_column(cfg, dir);
  if (!col) {
    buf names = BUF_INIT;
    for (size_t i = 0; i < cfg->ncolumns; i++) buf_printf(&names, "%s%s", i ? ", " : "", cfg->columns[i].path);
    diag_error(arg, 0, 0, cfg->ncolumns ? arena_printf(a, "write it into a column's folder: %s", buf_cstr(&names))
                                        : "declare its column under columns: in site.yaml (docs/configuration.md)",
               "\"%s\" is not a column of %s", *dir ? dir : "content/", cfg->file);
    buf_free(&names);
    return NULL;
  }
  const char *folder = path_in_site(a, cfg->root, arena_printf(a, "content/%s", dir));
  if (fsx_rel_has_link(cfg->root, arena_printf(a, "content/%s", rel))) {
    diag_error(folder, 0, 0, "make the column's folder a real folder inside the site (docs/security.md)",
               "the column \"%s\" is reached through a symbolic link, which govpub never follows", dir);
    return NULL;
  }
  if (!fsx_is_dir(folder)) {
    diag_error(folder, 0, 0, "make the column's folder with its _index.md (docs/editors.md), then run govpub new again",
               "the column \"%s\" has no folder here", dir);
    return NULL;
  }
  return col;
}

/* A file or folder beside the new page that is its name but for case or
 * Unicode form (news/A.md for news/a.md; the folder news/a/ of a column):
 * one output on Windows or a Mac, which the build refuses; NULL when none. */
static const char *same_but_case(arena *a, const char *folder, const char *name) {
  fsx_entry *e;
  size_t n;
  if (fsx_list(a, folder, &e, &n) != 0) return NULL;
  const char *want = path_fold(a, name), *want_dir = path_fold(a, arena_strndup(a, name, strlen(name) - 3));
  for (size_t i = 0; i < n; i++) {
    const char *f = path_fold(a, e[i].name);
    if (strcmp(f, e[i].is_dir ? want_dir : want) == 0) return path_join(a, folder, e[i].name);
  }
  return NULL;
}

/* The date line's value: --date as the build reads it, or now (Beijing
 * time, to the minute). */
static bool page_date(const char *arg, char *out) {
  gdate d = {(int64_t)time(NULL) / 60 * 60, 8 * 60, true};
  if (arg && !gdate_parse(arg, true, &d)) return false;
  if (d.has_time) gdate_iso(&d, out);
  else gdate_ymd(&d, out);
  return true;
}

/* `key: value`, the value plain where YAML reads it back as the same text
 * (the sample's own style), else double-quoted; a bool's true or false
 * plain always: the build reads a quoted one as text (yx_bool). */
static void filled_field(buf *b, const char *key, const char *value, bool is_bool) {
  static const char *const words[] = {"true", "false", "yes", "no", "on", "off", "null", "~"};
  yx_node as_bool = {.str = value, .len = (uint32_t)strlen(value), .kind = YX_SCALAR, .plain = true};
  if (is_bool && yx_bool(&as_bool) >= 0) {
    buf_printf(b, "%s: %s\n", key, value);
    return;
  }
  bool plain = *value && *value != '-' && strspn(value, "0123456789.+-eE") < strlen(value);
  for (const unsigned char *u = (const unsigned char *)value; plain && *u; u++)
    plain = *u >= 0x80 || strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/_.-", *u);
  for (size_t i = 0; plain && i < sizeof words / sizeof *words; i++) plain = strcasecmp(value, words[i]) != 0;
  buf_printf(b, "%s: ", key);
  if (plain) buf_puts(b, value);
  else esc_yaml_quoted(b, value);
  buf_putc(b, '\n');
}

/* `key:` padded so that the comments after empty fields line up. */
static void empty_field(buf *b, const char *key, const char *comment) {
  buf_printf(b, "%s:", key);
  for (size_t n = strlen(key) + 1; n < 20; n++) buf_putc(b, ' ');
  buf_printf(b, " # %s\n", comment);
}

typedef struct {
  buf text;          /* the file */
  buf to_fill;       /* the fields left empty, ", "-separated */
  const char *index; /* the 索引号 given, or NULL */
} new_page;

/* One required field of the type: its value where govpub knows it, else
 * empty with its guide.  `s` (the loaded site) gives the 索引号 of `year`. */
static void required_field(new_page *np, arena *a, const site *s, const column *col, int year, const field_spec *fs,
                           const char *name) {
  char guide[512];
  const char *value = fs ? fs->default_value : NULL, *g = fs ? field_guide(fs, guide, sizeof guide) : NULL;
  if (!value && fs && fs->format == FMT_INDEX_NO && s) {
    const char *like = index_no_newest(s, name, col);
    if (!like) like = index_no_newest(s, name, NULL);
    value = np->index = index_no_next(a, s, name, like, year);
    if (like && !value)
      diag_warning(NULL, 0, 0, "give the page a 索引号 of its own by hand",
                   "%s left empty: the serials of %d of %.*s are used up to 99999", name, year,
                   (int)(strrchr(like, '/') - like), like);
  }
  if (value) {
    filled_field(&np->text, name, value, fs && fs->format == FMT_BOOL);
    return;
  }
  empty_field(&np->text, name, g ? g : "to fill in");
  buf_printf(&np->to_fill, "%s%s", np->to_fill.len ? ", " : "", name);
}

/* True when the type asks for a 索引号, which needs the site's pages. */
static bool needs_pages(const site_config *cfg, const type_spec *ts) {
  for (size_t i = 0; ts && i < ts->nrequired; i++) {
    const field_spec *fs = config_field(cfg, ts->required[i]);
    if (fs && fs->format == FMT_INDEX_NO && !fs->default_value) return true;
  }
  return false;
}

static void forget(void *ud, const diag_msg *m) { (void)ud, (void)m; }

/* The site's pages, for the 索引号: their own problems are the build's to
 * report, not this command's (a page is started in a site being edited). */
static site *load_pages(site_config *cfg) {
  site *s = site_load(cfg, false, pool_default_threads());
  diag_take(forget, NULL);
  return s;
}

/* The column of the model whose folder is `dir`. */
static const column *model_column(const site *s, const char *dir) {
  for (size_t i = 0; s && i < s->ncolumns; i++)
    if (strcmp(s->columns[i]->path, dir) == 0) return s->columns[i];
  return NULL;
}

/* Whether pages of type ts must have `field`. */
static bool type_requires(const type_spec *ts, const char *field) {
  for (size_t i = 0; ts && i < ts->nrequired; i++)
    if (strcmp(ts->required[i], field) == 0) return true;
  return false;
}

static void page_text(new_page *np, arena *a, const site_config *cfg, const site *s, const column_cfg *col,
                      const char *rel, const char *title, const char *date) {
  const type_spec *ts = col->type ? config_type(cfg, col->type) : NULL;
  bool letter = type_requires(ts, "replied"); /* 信件选登: the letter, then its reply under the heading */
  buf_puts(&np->text, "---\n# Started by `govpub new`: fill in every empty field (the build names each one),\n");
  buf_puts(&np->text, letter ? "# write the letter above \"## " INTERACT_REPLY_HEADING "\" and the reply below it, then remove "
                               "draft: true.\n"
                             : "# write the page below the front matter, then remove draft: true.\n");
  if (title) {
    filled_field(&np->text, "title", title, false);
  } else {
    empty_field(&np->text, "title", "the page's title");
    buf_puts(&np->to_fill, "title");
  }
  buf_printf(&np->text, "date: %s\n", date);
  const column *mc = model_column(s, path_dir(a, rel));
  for (size_t i = 0; ts && i < ts->nrequired; i++) {
    const char *name = ts->required[i];
    if (strcmp(name, "title") != 0 && strcmp(name, "date") != 0)
      required_field(np, a, s, mc, atoi(date), config_field(cfg, name), name);
  }
  buf_puts(&np->text, "draft: true\n---\n\n");
  if (letter) buf_puts(&np->text, "\n## " INTERACT_REPLY_HEADING "\n\n");
}

static int finish(arena *a, site *s, new_page *np) {
  diag_flush(NULL);
  if (np) {
    buf_free(&np->text);
    buf_free(&np->to_fill);
  }
  site_free(s);
  arena_free(a);
  return diag_exit_code();
}

int cmd_new(int argc, char **argv) {
  static const struct option opts[] = {{"site", required_argument, NULL, 's'}, {"title", required_argument, NULL, 't'},
                                       {"date", required_argument, NULL, 'd'}, {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  const char *site_dir = ".", *title = NULL, *date_arg = NULL;
  int c;
  optind = 1;
  opterr = 0;
  while ((c = cmdline_getopt(argc, argv, "h", opts, NULL)) != -1) {
    switch (c) {
      case 's': site_dir = optarg; break;
      case 't': title = optarg; break;
      case 'd': date_arg = optarg; break;
      case 'h': fputs(help, stdout); return EXIT_OK;
      default: return cmdline_refuse("new", c, argc, argv);
    }
  }
  if (optind >= argc) return diag_usage("name the page, e.g. govpub new news/2025-meeting.md", "no page given", NULL);
  if (optind + 1 < argc) return diag_usage("name one page at a time", "unexpected argument", argv[optind + 1]);
  const char *arg = argv[optind];
  char date[32], hint[160];
  if (!page_date(date_arg, date))
    return diag_usage(gdate_hint(date_arg, "write it as 2025-01-10 or 2025-01-10T09:30", hint, sizeof hint),
                       "invalid --date", date_arg);
  if (title && !utf8_one_line(title))
    return diag_usage("give the title as one line of UTF-8 text without control characters", "invalid --title",
                      title);

  arena *a = arena_new();
  char exe[4096];
  site_config *cfg = config_load(a, site_dir, govpub_datadir(exe, sizeof exe));
  if (!cfg || diag_errors()) return finish(a, NULL, NULL);
  const char *rel = page_rel(a, cfg, arg);
  const column_cfg *col = rel ? page_column(a, cfg, arg, rel) : NULL;
  if (!col) return finish(a, NULL, NULL);
  const char *name = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel, *slug = arena_strndup(a, name, strlen(name) - 3);
  const char *own = site_reserved_name(a, cfg, col->path, slug); /* as the build would refuse it */
  if (own) {
    diag_error(arg, 0, 0, arena_printf(a, "choose another name (%s)", site_reserved_hint(cfg, col->path)),
               "URL /%s/%s/ is where govpub writes %s", col->path, slug, own);
    return finish(a, NULL, NULL);
  }
  const char *file = path_in_site(a, cfg->root, arena_printf(a, "content/%s", rel));
  if (fsx_is_file(file) || fsx_is_dir(file)) {
    diag_error(file, 0, 0, "choose another name: govpub new never writes over a file", "the page exists already");
    return finish(a, NULL, NULL);
  }
  const char *twin = same_but_case(a, path_dir(a, file), strrchr(file, '/') ? strrchr(file, '/') + 1 : file);
  if (twin) {
    diag_error(file, 0, 0, "choose another name: on Windows or a Mac the two would be one file",
               "%s differs from it only in case or Unicode form", twin);
    return finish(a, NULL, NULL);
  }
  site *s = needs_pages(cfg, col->type ? config_type(cfg, col->type) : NULL) ? load_pages(cfg) : NULL;
  new_page np = {BUF_INIT, BUF_INIT, NULL};
  page_text(&np, a, cfg, s, col, rel, title, date);
  if (fsx_write_new_at(AT_FDCWD, file, np.text.data, np.text.len) != 0) {
    diag_system(file, "cannot write: %s", strerror(errno));
    return finish(a, s, &np);
  }
  printf("wrote %s (column %s, type %s), a draft\n", file, col->path, col->type ? col->type : "page");
  if (np.index) printf("index_no: %s, the next free one\n", np.index);
  printf("fill in: %s\n", np.to_fill.len ? buf_cstr(&np.to_fill) : "nothing more: write the page");
  fflush(stdout);
  return finish(a, s, &np);
}

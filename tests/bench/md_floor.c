/* md_floor: the Markdown floor of issue 10 — cmark-gfm alone, with the
 * extensions and options govpub renders content with (table,
 * strikethrough, autolink, tagfilter; strikethrough with two tildes, table
 * alignment as style attributes), on the same files: every *.md under a
 * folder, the YAML front matter skipped, each body parsed and rendered to
 * HTML, the HTML thrown away.  What a build could not go below: `make
 * bench` (tests/bench/cores.sh) times it beside govpub's whole build on the
 * same number of cores.  Not part of govpub.
 *
 *   md_floor [-t THREADS] [-o OUT] DIR
 *                               renders every *.md under DIR on THREADS
 *                               threads (default 1; files shared out one at
 *                               a time) and prints "<files> files, <bytes>
 *                               bytes of Markdown, <bytes> bytes of HTML";
 *                               with -o, writes each page's HTML where a
 *                               build puts a page, with the same system
 *                               calls: a/b.md → OUT/a/b/index.html (a
 *                               folder made for it), a/_index.md →
 *                               OUT/a/index.html.  OUT must not exist.  The
 *                               floor plus what writing the pages costs the
 *                               file system, which the floor leaves out
 *   md_floor --print FILE       prints FILE's body as HTML (for the test
 *                               against the cmark-gfm CLI: tests/cli/md_floor.sh)
 *
 * On several threads the HTML may now and then differ from one thread's:
 * cmark-gfm's table of special characters is process-wide, and each parse
 * adds and removes its extensions' characters around its inline parsing
 * (generator/markdown.c tells the story and how govpub avoids it).  The
 * floor keeps the library as it is: the work is what it measures. */
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define OPTIONS (CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES)
static const char *const extensions[] = {"table", "strikethrough", "autolink", "tagfilter"};
#define N_EXT (sizeof extensions / sizeof *extensions)

typedef struct {
  char **paths;
  size_t n, cap;
  size_t root_len;  /* of DIR: the paths' common start */
  const char *out;  /* -o OUT, or NULL */
  atomic_size_t next;
  atomic_size_t md_bytes, html_bytes;
  atomic_int failed;
} work;

static void die(const char *what, const char *path) {
  fprintf(stderr, "md_floor: %s: %s\n", what, path);
  exit(1);
}

static void add_path(work *w, const char *path) {
  if (w->n == w->cap) {
    w->cap = w->cap ? w->cap * 2 : 1024;
    w->paths = realloc(w->paths, w->cap * sizeof *w->paths);
    if (!w->paths) abort();
  }
  if (!(w->paths[w->n++] = strdup(path))) abort();
}

/* Every *.md under dir, depth first (the order does not matter: the sum is
 * the same whatever thread renders which file). */
static void walk(work *w, const char *dir) {
  DIR *d = opendir(dir);
  if (!d) die("cannot open the folder", dir);
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= sizeof path) die("path too long", dir);
    struct stat st;
    if (stat(path, &st) != 0) die("cannot stat", path);
    size_t len = strlen(e->d_name);
    if (S_ISDIR(st.st_mode)) walk(w, path);
    else if (len > 3 && strcmp(e->d_name + len - 3, ".md") == 0) add_path(w, path);
  }
  closedir(d);
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, n = 0, got;
  char *data = malloc(cap);
  if (!data) abort();
  while ((got = fread(data + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap && !(data = realloc(data, cap *= 2))) abort();
  }
  int bad = ferror(f);
  fclose(f);
  if (bad) {
    free(data);
    return NULL;
  }
  *len = n;
  return data;
}

/* The body: what follows the closing "---" line of a front matter that
 * opens the file with "---"; the whole text when there is none. */
static const char *body_of(const char *text, size_t len, size_t *body_len) {
  *body_len = len;
  if (len < 4 || strncmp(text, "---\n", 4) != 0) return text;
  for (const char *p = text + 3; (p = memchr(p, '\n', (size_t)(text + len - p))); p++) {
    const char *line = p + 1, *end = text + len;
    if (end - line >= 3 && strncmp(line, "---", 3) == 0 && (end - line == 3 || line[3] == '\n')) {
      const char *b = end - line == 3 ? end : line + 4;
      *body_len = (size_t)(end - b);
      return b;
    }
  }
  return text;
}

/* The HTML of one body (malloc'd by cmark), or NULL. */
static char *render(const char *md, size_t len, cmark_syntax_extension *const *ext) {
  cmark_parser *parser = cmark_parser_new(OPTIONS);
  for (size_t i = 0; i < N_EXT; i++) cmark_parser_attach_syntax_extension(parser, ext[i]);
  cmark_parser_feed(parser, md, len);
  cmark_node *doc = cmark_parser_finish(parser);
  char *html = doc ? cmark_render_html(doc, OPTIONS, cmark_parser_get_syntax_extensions(parser)) : NULL;
  if (doc) cmark_node_free(doc);
  cmark_parser_free(parser);
  return html;
}

static cmark_syntax_extension *ext[N_EXT];

/* Writes html where a build puts the page of the file `rel` ("a/b.md",
 * from DIR; its column's folder OUT/a made by make_columns): a folder of
 * its own, then open, write, close, as govpub's writer does ("a/_index.md"
 * goes to OUT/a/index.html); false on failure. */
static bool write_page(const char *out, const char *rel, const char *html) {
  char path[4096];
  const char *base = strrchr(rel, '/');
  base = base ? base + 1 : rel;
  int n, len;
  if (strcmp(base, "_index.md") == 0) {
    n = snprintf(path, sizeof path, "%s/%.*sindex.html", out, (int)(base - rel), rel);
  } else {
    len = snprintf(path, sizeof path, "%s/%.*s", out, (int)(strlen(rel) - 3), rel);
    if (len < 0 || (size_t)len >= sizeof path || mkdir(path, 0755) != 0) return false;
    n = snprintf(path + len, sizeof path - (size_t)len, "/index.html") + len;
  }
  if (n < 0 || (size_t)n >= sizeof path) return false;
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  size_t left = strlen(html);
  for (const char *p = html; left;) {
    ssize_t w = write(fd, p, left);
    if (w <= 0) {
      close(fd);
      return false;
    }
    p += w;
    left -= (size_t)w;
  }
  return close(fd) == 0;
}

/* OUT and, under it, the folder of every file's column (an existing one is
 * fine; it is not asked again while the files listed one after another are
 * in the same folder). */
static void make_columns(const work *w) {
  if (mkdir(w->out, 0755) != 0) die("cannot create the output folder (it must not exist)", w->out);
  char made[4096] = "";
  for (size_t i = 0; i < w->n; i++) {
    const char *rel = w->paths[i] + w->root_len + 1;
    const char *slash = strrchr(rel, '/');
    if (!slash) continue;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/%.*s", w->out, (int)(slash - rel), rel);
    if (strcmp(dir, made) == 0) continue;
    for (char *s = dir + strlen(w->out) + 1;; s++) { /* each level of a nested column */
      char *end = strchr(s, '/');
      if (end) *end = '\0';
      if (mkdir(dir, 0755) != 0 && errno != EEXIST) die("cannot create a folder", dir);
      if (!end) break;
      *end = '/';
      s = end;
    }
    snprintf(made, sizeof made, "%s", dir);
  }
}

static void *worker(void *arg) {
  work *w = arg;
  size_t md = 0, html_len = 0, i;
  while ((i = atomic_fetch_add(&w->next, 1)) < w->n) {
    size_t len, body_len;
    char *text = slurp(w->paths[i], &len);
    if (!text) {
      fprintf(stderr, "md_floor: cannot read: %s\n", w->paths[i]);
      atomic_store(&w->failed, 1);
      continue;
    }
    const char *body = body_of(text, len, &body_len);
    char *html = render(body, body_len, ext);
    if (!html) abort();
    if (w->out && !write_page(w->out, w->paths[i] + w->root_len + 1, html)) {
      fprintf(stderr, "md_floor: cannot write the page of %s: %s\n", w->paths[i], strerror(errno));
      atomic_store(&w->failed, 1);
    }
    md += body_len;
    html_len += strlen(html);
    free(html);
    free(text);
  }
  atomic_fetch_add(&w->md_bytes, md);
  atomic_fetch_add(&w->html_bytes, html_len);
  return NULL;
}

static int usage(void) {
  fputs("usage: md_floor [-t THREADS] [-o OUT] DIR\n       md_floor --print FILE\n", stderr);
  return 2;
}

int main(int argc, char **argv) {
  cmark_gfm_core_extensions_ensure_registered();
  for (size_t i = 0; i < N_EXT; i++)
    if (!(ext[i] = cmark_find_syntax_extension(extensions[i]))) die("no such cmark-gfm extension", extensions[i]);
  if (argc == 3 && strcmp(argv[1], "--print") == 0) {
    size_t len, body_len;
    char *text = slurp(argv[2], &len);
    if (!text) die("cannot read", argv[2]);
    const char *body = body_of(text, len, &body_len);
    char *html = render(body, body_len, ext);
    fputs(html, stdout);
    free(html);
    free(text);
    return 0;
  }
  int threads = 1;
  work w = {0};
  for (; argc >= 4 && argv[1][0] == '-'; argv += 2, argc -= 2) {
    if (strcmp(argv[1], "-t") == 0) threads = atoi(argv[2]);
    else if (strcmp(argv[1], "-o") == 0) w.out = argv[2];
    else return usage();
  }
  if (argc != 2 || threads < 1 || threads > 256) return usage();
  w.root_len = strlen(argv[1]);
  walk(&w, argv[1]);
  if (w.out) make_columns(&w);
  pthread_t tid[256];
  for (int t = 1; t < threads; t++)
    if (pthread_create(&tid[t], NULL, worker, &w) != 0) die("cannot start a thread", argv[1]);
  worker(&w);
  for (int t = 1; t < threads; t++) pthread_join(tid[t], NULL);
  for (size_t i = 0; i < w.n; i++) free(w.paths[i]);
  free(w.paths);
  if (atomic_load(&w.failed)) return 1;
  printf("%zu files, %zu bytes of Markdown, %zu bytes of HTML\n", w.n, atomic_load(&w.md_bytes),
         atomic_load(&w.html_bytes));
  return 0;
}

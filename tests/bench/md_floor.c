/* md_floor: the Markdown floor of issue 10 — cmark-gfm alone, with the
 * extensions and options govpub renders content with (table,
 * strikethrough, autolink, tagfilter; strikethrough with two tildes, table
 * alignment as style attributes), on the same files: every *.md under a
 * folder, the YAML front matter skipped, each body parsed and rendered to
 * HTML, the HTML thrown away.  What a build could not go below: `make
 * bench` (tests/bench/cores.sh) times it beside govpub's whole build on the
 * same number of cores.  Not part of govpub.
 *
 *   md_floor [-t THREADS] DIR   renders every *.md under DIR on THREADS
 *                               threads (default 1; files shared out one at
 *                               a time) and prints "<files> files, <bytes>
 *                               bytes of Markdown, <bytes> bytes of HTML"
 *   md_floor --print FILE       prints FILE's body as HTML (for the test
 *                               against the cmark-gfm CLI: tests/cli/md_floor.sh) */
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <dirent.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define OPTIONS (CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES)
static const char *const extensions[] = {"table", "strikethrough", "autolink", "tagfilter"};
#define N_EXT (sizeof extensions / sizeof *extensions)

typedef struct {
  char **paths;
  size_t n, cap;
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
  fputs("usage: md_floor [-t THREADS] DIR\n       md_floor --print FILE\n", stderr);
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
  if (argc == 4 && strcmp(argv[1], "-t") == 0) {
    threads = atoi(argv[2]);
    argv += 2;
    argc -= 2;
  }
  if (argc != 2 || threads < 1 || threads > 256) return usage();
  work w = {0};
  walk(&w, argv[1]);
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

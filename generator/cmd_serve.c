/* cmd_serve: `govpub serve` — a preview build, served on a local address,
 * rebuilt whenever a file of the site changes (serve_watch.c), with open
 * pages reloading themselves or showing the failed build's errors
 * (serve_http.c).  A rebuild after an edit of article bodies renders in
 * place from the model the last build kept (build_session.h); any other
 * change builds as `govpub build` does (incrementally from the state, or
 * whole into a new release switched by its link).  Either way the files
 * are switched in only when the whole rebuild succeeded. */
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "build.h"
#include "build_session.h"
#include "cmd.h"
#include "cmdline.h"
#include "config.h"
#include "diag.h"
#include "fsx.h"
#include "pool.h"
#include "serve_http.h"
#include "serve_watch.h"

static const char help[] =
    "usage: govpub serve [--site DIR] [--out DIR] [--port N] [--bind ADDR] [-j N]\n"
    "\n"
    "Builds the site in DIR in preview mode (drafts and unreviewed documents\n"
    "shown, with the 未审核 预览 banner), serves it on http://127.0.0.1:1313/\n"
    "and rebuilds it whenever a file of the site changes.  Open pages reload by\n"
    "themselves after a rebuild; when a rebuild fails, its errors show in this\n"
    "terminal and over the page, and the next good save recovers.  Ctrl-C stops.\n"
    "Only GET and HEAD are answered, and only with files of the build.\n"
    "\n"
    "options:\n"
    "  --site DIR     the site folder (default .)\n"
    "  --out DIR      where the preview builds go (default: a new temporary\n"
    "                 folder, removed when serve stops); never your out/\n"
    "  --port N       the port (default 1313; 0 lets the system pick one)\n"
    "  --bind ADDR    the address to listen on (default 127.0.0.1; ::1 for\n"
    "                 IPv6). Anything but a loopback address shows unreviewed\n"
    "                 pages to the network.\n"
    "  -j, --jobs N   build threads (default: every CPU)\n"
    "  -h, --help     this text\n"
    "\n"
    "exit status: 0 stopped, 2 usage, 3 system failure (e.g. the port is in use)\n";

static volatile bool stopping;

static void on_signal(int sig) {
  (void)sig;
  stopping = true;
}

/* Of the arena blocks a build freed, this much stays with the process, warm
 * for the next rebuild (an edit rebuilt in place uses a few MB); the rest
 * goes back to the system while serve waits.  The kept model is most of
 * serve's memory (about 88 of a 10k build's 101 MB peak); at 100k pages the
 * trim takes the resident size after the first build from 712 to 627 MB. */
#define SERVE_WARM_BYTES (16u << 20)

/* The model of the last good build, kept between rebuilds (build_session.h). */
static build_session *session;

/* One preview build; its messages go to the terminal and to the pages,
 * with a line saying how it went.  After a change `w` saw, an edit of
 * article bodies is rebuilt from the kept model; anything else builds as
 * `govpub build` does. */
static void rebuild(build_opts *o, serve_http *h, const serve_watch *w) {
  char *text = NULL;
  size_t len = 0;
  FILE *mem = open_memstream(&text, &len);
  diag_reset();
  diag_tee(mem);
  double t0 = diag_seconds();
  build_result res = {.release_id = ""}, *was = o->result;
  o->result = &res;
  int rc = -1;
  size_t n = 0;
  const char *const *paths = session && w ? serve_watch_changes(w, &n) : NULL;
  if (paths) rc = build_session_rebuild(session, o, paths, n);
  const char *how = "in place, from the kept model";
  if (rc < 0) {
    build_session_close(session);
    session = NULL;
    o->keep = &session;
    rc = build_run(o);
    how = !res.in_place ? "a new release" : res.pages ? "in place" : "up to date";
  }
  o->result = was;
  if (rc == EXIT_OK) {
    double ms = (diag_seconds() - t0) * 1000;
    diag_print("govpub: %s %zu page%s in %.*f %s (%s)", w ? "rebuilt" : "built", res.pages, res.pages == 1 ? "" : "s",
               ms < 1000 ? 0 : 2, ms < 1000 ? ms : ms / 1000, ms < 1000 ? "ms" : "s", how);
  }
  diag_tee(NULL);
  if (mem) fclose(mem);
  serve_http_built(h, rc == EXIT_OK, text ? text : "");
  free(text);
  arena_store_trim(SERVE_WARM_BYTES); /* after the build is served: not in its time */
  malloc_trim(0);
}

/* The URL path the site lives at (site.yaml base_url), "/" when it cannot
 * be read (the first build reports why). */
static char *base_path_of(const char *site, const char *datadir) {
  arena *a = arena_new();
  site_config *cfg = config_load(a, site, datadir);
  char *base = strdup(cfg && cfg->base_path && *cfg->base_path ? cfg->base_path : "/");
  arena_free(a);
  diag_reset(); /* the first build reports the same problems */
  if (!base) abort();
  return base;
}

int cmd_serve(int argc, char **argv) {
  static const struct option opts[] = {
      {"site", required_argument, NULL, 's'}, {"out", required_argument, NULL, 'o'},
      {"port", required_argument, NULL, 'p'}, {"bind", required_argument, NULL, 'b'},
      {"jobs", required_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  char exe[4096];
  build_opts o = {.site = ".", .datadir = govpub_datadir(exe, sizeof exe), .threads = pool_default_threads(),
                  .quiet = true};
  const char *bind = "127.0.0.1";
  long port = 1313;
  int c;
  optind = 1;
  opterr = 0;
  while ((c = cmdline_getopt(argc, argv, "j:h", opts, NULL)) != -1) {
    char *end = NULL;
    switch (c) {
      case 's': o.site = path_chop(optarg); break;
      case 'o': o.out = path_chop(optarg); break;
      case 'b': bind = optarg; break;
      case 'j':
        if (!(o.threads = pool_jobs(optarg))) return diag_usage(POOL_JOBS_HINT, "invalid --jobs", optarg);
        break;
      case 'p':
        port = strtol(optarg, &end, 10);
        if (!*optarg || *end || port < 0 || port > 65535) {
          diag_error(NULL, 0, 0, "give a number from 0 to 65535", "--port \"%s\" is not a port", optarg);
          diag_flush(NULL);
          return EXIT_USAGE;
        }
        break;
      case 'h': fputs(help, stdout); return EXIT_OK;
      default: return cmdline_refuse("serve", c, argc, argv);
    }
  }
  if (optind < argc) {
    diag_error(NULL, 0, 0, "give the site with --site DIR", "unexpected argument \"%s\"", argv[optind]);
    diag_flush(NULL);
    return EXIT_USAGE;
  }

  char tmp[] = "/tmp/govpub-serve-XXXXXX";
  char *own_out = NULL;
  if (!o.out) {
    const char *dir = getenv("TMPDIR");
    if (dir && *dir && asprintf(&own_out, "%s/govpub-serve-XXXXXX", dir) < 0) own_out = NULL;
    if (!own_out) own_out = strdup(tmp);
    if (!own_out || !mkdtemp(own_out)) {
      diag_system(NULL, "cannot make a folder for the preview builds in %s", dir ? dir : "/tmp");
      diag_flush(NULL);
      free(own_out);
      return EXIT_SYSTEM;
    }
    o.out = own_out;
  }

  struct sigaction sa = {.sa_handler = on_signal};
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  signal(SIGPIPE, SIG_IGN);

  char *base = base_path_of(o.site, o.datadir);
  char *root = NULL;
  if (asprintf(&root, "%s/preview", o.out) < 0) abort();
  serve_watch *w = serve_watch_new(o.site, o.out);
  serve_http *h = NULL;
  int rc = EXIT_OK;
  if (!w) rc = EXIT_SYSTEM;
  if (rc == EXIT_OK) {
    h = serve_http_start(bind, (int)port, root, base);
    if (!h) rc = EXIT_SYSTEM;
  }
  if (rc == EXIT_OK) {
    rebuild(&o, h, NULL);
    const char *host = strchr(bind, ':') ? "[" : "";
    diag_print("govpub: serving %s at http://%s%s%s:%d%s (Ctrl-C stops)", o.site, host, bind, *host ? "]" : "",
               serve_http_port(h), base);
    while (!stopping && serve_watch_wait(w, 100, &stopping)) {
      diag_print("govpub: change seen, rebuilding");
      rebuild(&o, h, w);
    }
  }
  diag_flush(NULL);
  build_session_close(session);
  serve_http_stop(h);
  serve_watch_free(w);
  if (own_out) fsx_rmtree(own_out);
  free(own_out);
  free(root);
  free(base);
  return rc;
}

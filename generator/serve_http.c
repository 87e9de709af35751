/* serve_http: see serve_http.h.  libmicrohttpd runs a thread per
 * connection, so an event stream may simply block in its content callback
 * until the next build (a condition variable) or a keep-alive is due.
 * Files are read whole into the response (pages are tens of kilobytes). */
#include "serve_http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "lazylib.h"
#include "own_pages.h"
#include "statics_markup.h"

/* The same policy deploy/nginx.conf sends, so a preview shows what CSP
 * would block in production. */
#define CSP "default-src 'self'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'; object-src 'none'"
#define KEEPALIVE_S 10 /* a comment on the event stream this often: under IDLE_S */
/* A connection that sends or takes nothing this long is closed: a client
 * that opens connections and never finishes a request (each holds a
 * thread) cannot keep the server from the editor's browser for longer. */
#define IDLE_S 20

struct serve_http {
  struct MHD_Daemon *d;
  int port;
  const char *root, *base; /* not owned: they outlive the server */
  size_t base_len;
  pthread_mutex_t lock;
  pthread_cond_t changed;
  unsigned long generation; /* builds finished */
  unsigned long shown;      /* the generation the served files come from */
  bool ok;                  /* the last build succeeded */
  char *message;            /* its diagnostics when it failed (malloc'd) */
  bool stopping;
};

static const char live_js[] =
    "// govpub serve: reloads the page after each rebuild; shows a failed build's errors.\n"
    "(function () {\n"
    "  'use strict';\n"
    "  var me = document.currentScript;\n"
    "  var since = (me && me.getAttribute('data-generation')) || '0';\n"
    "  var box = null;\n"
    "  function show(text) {\n"
    "    if (!box) {\n"
    "      var css = document.createElement('link');\n"
    "      css.rel = 'stylesheet';\n"
    "      css.href = '/_govpub/live.css';\n"
    "      document.head.appendChild(css);\n"
    "      box = document.createElement('div');\n"
    "      box.className = 'govpub-live-error';\n"
    "      box.setAttribute('role', 'alert');\n"
    "      var title = document.createElement('p');\n"
    "      title.textContent = 'govpub：构建失败，页面仍是上次成功构建的内容。改正后保存即可自动刷新。';\n"
    "      box.appendChild(title);\n"
    "      box.appendChild(document.createElement('pre'));\n"
    "      document.body.appendChild(box);\n"
    "    }\n"
    "    box.querySelector('pre').textContent = text;\n"
    "  }\n"
    "  var events = new EventSource('/_govpub/events?since=' + encodeURIComponent(since));\n"
    "  events.addEventListener('reload', function () { events.close(); location.reload(); });\n"
    "  events.addEventListener('failed', function (e) { show(e.data); });\n"
    "})();\n";

static const char live_css[] =
    ".govpub-live-error { position: fixed; left: 0; right: 0; bottom: 0; z-index: 2147483647;\n"
    "  max-height: 50vh; overflow: auto; margin: 0; padding: 12px 16px; background: #5c0a0f;\n"
    "  color: #fff; font: 14px/1.5 monospace; box-shadow: 0 -2px 8px rgba(0, 0, 0, 0.4); }\n"
    ".govpub-live-error p { margin: 0 0 8px; font-weight: bold; }\n"
    ".govpub-live-error pre { margin: 0; white-space: pre-wrap; }\n";

/* libmicrohttpd's functions, bound when a server first starts: the library
 * is not loaded by the other commands (lazylib.h). */
static struct {
  __typeof__(MHD_add_response_header) *add_response_header;
  __typeof__(MHD_queue_response) *queue_response;
  __typeof__(MHD_destroy_response) *destroy_response;
  __typeof__(MHD_create_response_from_buffer) *create_response_from_buffer;
  __typeof__(MHD_create_response_from_callback) *create_response_from_callback;
  __typeof__(MHD_lookup_connection_value) *lookup_connection_value;
  __typeof__(MHD_start_daemon) *start_daemon;
  __typeof__(MHD_get_daemon_info) *get_daemon_info;
  __typeof__(MHD_stop_daemon) *stop_daemon;
} mhd;
static bool mhd_bound;
static pthread_once_t mhd_once = PTHREAD_ONCE_INIT;

static void mhd_bind(void) {
  const lazylib_fn fns[] = {
      {"MHD_add_response_header", (void **)&mhd.add_response_header},
      {"MHD_queue_response", (void **)&mhd.queue_response},
      {"MHD_destroy_response", (void **)&mhd.destroy_response},
      {"MHD_create_response_from_buffer", (void **)&mhd.create_response_from_buffer},
      {"MHD_create_response_from_callback", (void **)&mhd.create_response_from_callback},
      {"MHD_lookup_connection_value", (void **)&mhd.lookup_connection_value},
      {"MHD_start_daemon", (void **)&mhd.start_daemon},
      {"MHD_get_daemon_info", (void **)&mhd.get_daemon_info},
      {"MHD_stop_daemon", (void **)&mhd.stop_daemon},
  };
  mhd_bound = lazylib_bind(LAZYLIB_MHD_SONAME, "libmicrohttpd12", fns, sizeof fns / sizeof *fns);
}

/* ---- responses ------------------------------------------------------------ */

static enum MHD_Result respond_csp(struct MHD_Connection *c, unsigned status, struct MHD_Response *r,
                                   const char *csp) {
  mhd.add_response_header(r, "Content-Security-Policy", csp);
  mhd.add_response_header(r, "X-Content-Type-Options", "nosniff");
  mhd.add_response_header(r, "Referrer-Policy", "strict-origin-when-cross-origin");
  mhd.add_response_header(r, "X-Frame-Options", "SAMEORIGIN");
  mhd.add_response_header(r, "Cache-Control", "no-store");
  enum MHD_Result ret = mhd.queue_response(c, status, r);
  mhd.destroy_response(r);
  return ret;
}

static enum MHD_Result respond(struct MHD_Connection *c, unsigned status, struct MHD_Response *r) {
  return respond_csp(c, status, r, CSP);
}

/* Markup that is a file of the site, not a page (an SVG, an XML feed, an
 * HTML attachment: govpub's pages are only ever index.html or 404.html)
 * runs no script, whatever it holds: as deploy/nginx.conf serves it. */
static bool sandboxed(const char *name) {
  const char *base = strrchr(name, '/');
  base = base ? base + 1 : name;
  return statics_markup_kind(base) && strcmp(base, "index.html") != 0 && strcmp(base, OWN_404) != 0;
}

static enum MHD_Result send_text(struct MHD_Connection *c, unsigned status, const char *type, const char *text) {
  struct MHD_Response *r = mhd.create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_PERSISTENT);
  mhd.add_response_header(r, "Content-Type", type);
  return respond(c, status, r);
}

static enum MHD_Result send_error(struct MHD_Connection *c, unsigned status, const char *what) {
  return send_text(c, status, "text/plain; charset=utf-8", what);
}

static const char *content_type(const char *name) {
  static const char *const types[][2] = {
      {".html", "text/html; charset=utf-8"},  {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"}, {".svg", "image/svg+xml"},
      {".xml", "application/xml; charset=utf-8"}, {".json", "application/json"},
      {".csv", "text/csv; charset=utf-8"},    {".txt", "text/plain; charset=utf-8"},
      {".png", "image/png"},                  {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},                {".gif", "image/gif"},
      {".webp", "image/webp"},                {".ico", "image/x-icon"},
      {".pdf", "application/pdf"},            {".woff2", "font/woff2"},
  };
  const char *dot = strrchr(name, '.');
  for (size_t i = 0; dot && i < sizeof types / sizeof *types; i++)
    if (strcasecmp(dot, types[i][0]) == 0) return types[i][1];
  return "application/octet-stream";
}

/* Reads an open file whole; NULL on failure. */
static char *read_fd(int fd, size_t *len) {
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return NULL;
  char *data = malloc((size_t)st.st_size + 1);
  if (!data) return NULL;
  size_t got = 0;
  while (got < (size_t)st.st_size) {
    ssize_t n = read(fd, data + got, (size_t)st.st_size - got);
    if (n <= 0) break;
    got += (size_t)n;
  }
  *len = got;
  return data;
}

/* HTML gets the live-reload script before its last </body>. */
static char *inject(serve_http *h, char *html, size_t *len) {
  char tag[128];
  pthread_mutex_lock(&h->lock);
  int n = snprintf(tag, sizeof tag, "<script src=\"/_govpub/live.js\" data-generation=\"%lu\" defer></script>\n",
                   h->shown);
  pthread_mutex_unlock(&h->lock);
  char *at = NULL;
  for (char *p = html; (p = memmem(p, (size_t)(html + *len - p), "</body>", 7)); p += 7) at = p;
  size_t off = at ? (size_t)(at - html) : *len;
  char *out = malloc(*len + (size_t)n + 1);
  if (!out) return html;
  memcpy(out, html, off);
  memcpy(out + off, tag, (size_t)n);
  memcpy(out + off + n, html + off, *len - off);
  *len += (size_t)n;
  free(html);
  return out;
}

static enum MHD_Result send_file(serve_http *h, struct MHD_Connection *c, unsigned status, int fd,
                                 const char *name) {
  size_t len = 0;
  char *data = read_fd(fd, &len);
  close(fd);
  if (!data) return send_error(c, 500, "cannot read the file\n");
  const char *type = content_type(name);
  if (strncmp(type, "text/html", 9) == 0) data = inject(h, data, &len);
  struct MHD_Response *r = mhd.create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
  mhd.add_response_header(r, "Content-Type", type);
  return respond_csp(c, status, r, sandboxed(name) ? CSP "; sandbox" : CSP);
}

/* ---- paths ---------------------------------------------------------------- */

typedef enum { FOUND, MISSING, BAD, FOLDER_NEEDS_SLASH } lookup_result;

/* Opens the file `rel` (the URL path below the base, %-decoded) names under
 * root: one folder at a time, never following a symbolic link; a folder
 * means its index.html (none: MISSING, so the site's 404 page, as
 * deploy/nginx.conf answers).  "." and ".." segments are BAD. */
static lookup_result open_path(const char *root, const char *rel, int *out) {
  int dir = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return MISSING;
  bool trailing = !*rel || rel[strlen(rel) - 1] == '/';
  char seg[256];
  const char *p = rel;
  int fd = dir;
  while (*p) {
    const char *end = strchr(p, '/');
    size_t n = end ? (size_t)(end - p) : strlen(p);
    if (n == 0) { /* "//" */
      p = end + 1;
      continue;
    }
    if (n >= sizeof seg || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.')) {
      close(fd);
      return n >= sizeof seg ? MISSING : BAD;
    }
    memcpy(seg, p, n);
    seg[n] = '\0';
    int next = openat(fd, seg, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    close(fd);
    if (next < 0) return MISSING; /* ELOOP (a link) counts as missing too */
    fd = next;
    p = end ? end + 1 : p + n;
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    close(fd);
    return MISSING;
  }
  if (S_ISDIR(st.st_mode)) {
    if (!trailing) {
      close(fd);
      return FOLDER_NEEDS_SLASH;
    }
    int idx = openat(fd, "index.html", O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    close(fd);
    if (idx < 0) return MISSING;
    fd = idx;
  } else if (!S_ISREG(st.st_mode)) {
    close(fd);
    return MISSING;
  }
  *out = fd;
  return FOUND;
}

/* Before the first good build there is nothing to serve: a page that says
 * so, with the live script, shows the errors and reloads when a build
 * succeeds. */
static enum MHD_Result no_build_yet(serve_http *h, struct MHD_Connection *c) {
  static const char page[] = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head><meta charset=\"utf-8\">"
                             "<title>govpub serve</title></head>\n<body>\n"
                             "<p>govpub serve：还没有成功的构建。改正错误并保存后，本页会自动刷新。</p>\n</body>\n</html>\n";
  size_t len = sizeof page - 1;
  char *html = malloc(len);
  if (!html) return MHD_NO;
  memcpy(html, page, len);
  html = inject(h, html, &len);
  struct MHD_Response *r = mhd.create_response_from_buffer(len, html, MHD_RESPMEM_MUST_FREE);
  mhd.add_response_header(r, "Content-Type", "text/html; charset=utf-8");
  mhd.add_response_header(r, "Retry-After", "1");
  return respond(c, 503, r);
}

static enum MHD_Result not_found(serve_http *h, struct MHD_Connection *c) {
  int fd = -1;
  if (open_path(h->root, OWN_404, &fd) == FOUND) return send_file(h, c, 404, fd, OWN_404);
  struct stat st;
  if (stat(h->root, &st) != 0) return no_build_yet(h, c);
  return send_error(c, 404, "not found\n");
}

/* libmicrohttpd's unescape hook: %XX decoding in place.  A malformed
 * escape or a decoded control character (NUL included) turns the whole
 * path into "\x01", which the handler answers with 400. */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s) {
  (void)cls;
  (void)c;
  char *o = s;
  for (const char *p = s; *p; p++) {
    unsigned char ch = (unsigned char)*p;
    if (ch == '%') {
      unsigned v = 0;
      for (int k = 1; k <= 2; k++) {
        char x = p[k];
        int d = x >= '0' && x <= '9' ? x - '0' : x >= 'a' && x <= 'f' ? x - 'a' + 10 : x >= 'A' && x <= 'F' ? x - 'A' + 10 : -1;
        if (d < 0) goto bad;
        v = v * 16 + (unsigned)d;
      }
      ch = (unsigned char)v;
      p += 2;
    }
    if (ch < 0x20 || ch == 0x7f) goto bad;
    *o++ = (char)ch;
  }
  *o = '\0';
  return (size_t)(o - s);
bad:
  s[0] = '\x01';
  s[1] = '\0';
  return 1;
}

/* ---- server-sent events --------------------------------------------------- */

typedef struct {
  serve_http *h;
  unsigned long seen; /* the generation this page knows */
} stream;

/* One event, "event: NAME" and each line of `data` as a "data:" line,
 * cut to fit max bytes. */
static size_t put_event(char *out, size_t max, const char *name, const char *data) {
  buf b = BUF_INIT;
  buf_printf(&b, "event: %s\n", name);
  for (const char *p = data; *p;) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    buf_puts(&b, "data: ");
    buf_put(&b, p, n);
    buf_putc(&b, '\n');
    p += n + (nl != NULL);
  }
  buf_puts(&b, "\n");
  size_t n = b.len < max ? b.len : max;
  memcpy(out, b.data, n);
  buf_free(&b);
  return n;
}

static ssize_t stream_next(void *cls, uint64_t pos, char *out, size_t max) {
  (void)pos;
  stream *st = cls;
  serve_http *h = st->h;
  pthread_mutex_lock(&h->lock);
  struct timespec until;
  clock_gettime(CLOCK_REALTIME, &until);
  until.tv_sec += KEEPALIVE_S;
  while (!h->stopping && h->generation <= st->seen) {
    if (pthread_cond_timedwait(&h->changed, &h->lock, &until) == ETIMEDOUT) break;
  }
  ssize_t n;
  if (h->stopping) {
    n = MHD_CONTENT_READER_END_OF_STREAM;
  } else if (h->generation > st->seen) {
    char gen[32];
    snprintf(gen, sizeof gen, "%lu", h->generation);
    n = (ssize_t)(h->ok ? put_event(out, max, "reload", gen) : put_event(out, max, "failed", h->message));
    st->seen = h->generation;
  } else {
    static const char ping[] = ": keep-alive\n\n";
    n = (ssize_t)(sizeof ping - 1 < max ? sizeof ping - 1 : max);
    memcpy(out, ping, (size_t)n);
  }
  pthread_mutex_unlock(&h->lock);
  return n;
}

static enum MHD_Result events(serve_http *h, struct MHD_Connection *c) {
  stream *st = malloc(sizeof *st);
  if (!st) return MHD_NO;
  const char *since = mhd.lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "since");
  st->h = h;
  st->seen = since ? strtoul(since, NULL, 10) : 0;
  struct MHD_Response *r = mhd.create_response_from_callback(MHD_SIZE_UNKNOWN, 16384, stream_next, st, free);
  mhd.add_response_header(r, "Content-Type", "text/event-stream; charset=utf-8");
  return respond(c, 200, r);
}

/* ---- requests ------------------------------------------------------------- */

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **state) {
  (void)version;
  (void)upload;
  (void)upload_size;
  (void)state;
  serve_http *h = cls;
  if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
    struct MHD_Response *r = mhd.create_response_from_buffer(19, (void *)"method not allowed\n", MHD_RESPMEM_PERSISTENT);
    mhd.add_response_header(r, "Allow", "GET, HEAD");
    mhd.add_response_header(r, "Content-Type", "text/plain; charset=utf-8");
    return respond(c, 405, r);
  }
  if (url[0] != '/' || strchr(url, '\x01')) return send_error(c, 400, "bad request: malformed path\n");
  if (strcmp(url, "/_govpub/live.js") == 0) return send_text(c, 200, "text/javascript; charset=utf-8", live_js);
  if (strcmp(url, "/_govpub/live.css") == 0) return send_text(c, 200, "text/css; charset=utf-8", live_css);
  if (strcmp(url, "/_govpub/events") == 0) return events(h, c);
  if (strncmp(url, h->base, h->base_len) != 0) {
    /* "/sjzyj" for base "/sjzyj/": the folder without its slash */
    if (strlen(url) + 1 == h->base_len && strncmp(url, h->base, h->base_len - 1) == 0) goto slash;
    if (strcmp(url, "/") == 0) { /* the server's root, for a site under a sub-path: its home page */
      struct MHD_Response *r = mhd.create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
      mhd.add_response_header(r, "Location", h->base);
      return respond(c, 302, r);
    }
    return not_found(h, c);
  }
  int fd = -1;
  switch (open_path(h->root, url + h->base_len, &fd)) {
    case FOUND: return send_file(h, c, 200, fd, strrchr(url, '/')[1] ? url : "index.html");
    case BAD: return send_error(c, 400, "bad request: the path leaves the site\n");
    case MISSING: return not_found(h, c);
    case FOLDER_NEEDS_SLASH: break;
  }
slash:;
  buf loc = BUF_INIT;
  /* Redirect to the folder's own address; the path is re-escaped so the
   * Location header carries only URL characters, and a run of slashes is
   * one (open_path skips empty segments, but "//host/" names a host). */
  for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
    if (*p == '/' && p[1] == '/') continue;
    if (*p > 0x20 && *p < 0x7f && *p != '%' && *p != '?' && *p != '#') buf_putc(&loc, (char)*p);
    else buf_printf(&loc, "%%%02X", *p);
  }
  buf_putc(&loc, '/');
  struct MHD_Response *r = mhd.create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
  mhd.add_response_header(r, "Location", buf_cstr(&loc));
  buf_free(&loc);
  return respond(c, 301, r);
}

/* ---- lifetime ------------------------------------------------------------- */

serve_http *serve_http_start(const char *addr, int port, const char *root, const char *base_path) {
  pthread_once(&mhd_once, mhd_bind);
  if (!mhd_bound) return NULL;
  serve_http *h = calloc(1, sizeof *h);
  if (!h) abort();
  h->root = root;
  h->base = base_path;
  h->base_len = strlen(base_path);
  h->ok = true;
  pthread_mutex_init(&h->lock, NULL);
  pthread_condattr_t ca;
  pthread_condattr_init(&ca);
  pthread_cond_init(&h->changed, &ca);
  pthread_condattr_destroy(&ca);

  struct sockaddr_in v4 = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  struct sockaddr_in6 v6 = {.sin6_family = AF_INET6, .sin6_port = htons((uint16_t)port)};
  const struct sockaddr *sa = NULL;
  /* poll, not select: no limit of 1,024 descriptors on the connections */
  unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL;
  if (inet_pton(AF_INET, addr, &v4.sin_addr) == 1) {
    sa = (const struct sockaddr *)&v4;
  } else if (inet_pton(AF_INET6, addr, &v6.sin6_addr) == 1) {
    sa = (const struct sockaddr *)&v6;
    flags |= MHD_USE_IPv6;
  } else {
    diag_error(NULL, 0, 0, "give an IP address such as 127.0.0.1 or ::1", "\"%s\" is not an IP address", addr);
    serve_http_stop(h);
    return NULL;
  }
  h->d = mhd.start_daemon(flags, (uint16_t)port, NULL, NULL, handle, h, MHD_OPTION_SOCK_ADDR, sa,
                          MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL, MHD_OPTION_CONNECTION_TIMEOUT,
                          (unsigned)IDLE_S, MHD_OPTION_END);
  if (!h->d) {
    diag_system_at(0, "give another --port, or an address of this machine to --bind", NULL,
                   "cannot listen on %s port %d (in use, or not an address of this machine)", addr, port);
    serve_http_stop(h);
    return NULL;
  }
  const union MHD_DaemonInfo *info = mhd.get_daemon_info(h->d, MHD_DAEMON_INFO_BIND_PORT);
  h->port = info ? info->port : port;
  return h;
}

int serve_http_port(const serve_http *h) { return h->port; }

void serve_http_built(serve_http *h, bool ok, const char *message) {
  pthread_mutex_lock(&h->lock);
  h->generation++;
  h->ok = ok;
  if (ok) h->shown = h->generation;
  free(h->message);
  h->message = strdup(message ? message : "");
  pthread_cond_broadcast(&h->changed);
  pthread_mutex_unlock(&h->lock);
}

void serve_http_stop(serve_http *h) {
  if (!h) return;
  pthread_mutex_lock(&h->lock);
  h->stopping = true;
  pthread_cond_broadcast(&h->changed);
  pthread_mutex_unlock(&h->lock);
  if (h->d) mhd.stop_daemon(h->d);
  pthread_cond_destroy(&h->changed);
  pthread_mutex_destroy(&h->lock);
  free(h->message);
  free(h);
}

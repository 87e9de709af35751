/* serve_http: the HTTP side of `govpub serve` (libmicrohttpd).
 *
 * Serves the files of one folder on a local address: GET and HEAD only
 * (405 otherwise), never a path outside the folder (`..`, NUL, bad %-escapes
 * and symbolic links are refused: 400, or 404 for a link), folders as their
 * index.html, the site's 404.html for what is missing, under the same
 * Content-Security-Policy as deploy/nginx.conf.  The folder is opened anew
 * for every request, so when the build switches its link to a new release
 * the next request sees it whole.
 *
 * Live reload, only here (the built files never contain it): every HTML
 * response gets one <script src="/_govpub/live.js"> before </body>; the
 * script listens to /_govpub/events (server-sent events) and reloads the
 * page after a successful rebuild, or shows the build's errors over the
 * page after a failed one.  Owned by its caller: start / stop. */
#ifndef GOVPUB_SERVE_HTTP_H
#define GOVPUB_SERVE_HTTP_H

#include <stdbool.h>

typedef struct serve_http serve_http;

/* Listens on addr:port (IPv4 or IPv6 literal) and serves `root` at URL path
 * `base_path` ("/" or "/sjzyj/").  Returns NULL after a diag_system message
 * when the address cannot be used. */
serve_http *serve_http_start(const char *addr, int port, const char *root, const char *base_path);

/* The port actually bound (the one asked for, or the kernel's pick for 0). */
int serve_http_port(const serve_http *h);

/* Says how a rebuild ended: ok → open pages reload; else they show
 * `message` (the build's diagnostics) until the next good build. */
void serve_http_built(serve_http *h, bool ok, const char *message);

/* Closes every connection (event streams included) and frees h. */
void serve_http_stop(serve_http *h);

#endif

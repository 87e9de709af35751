#!/bin/sh
# govpub serve, driven with curl: what it answers (files, folders, 404,
# methods, paths that try to leave the output, malformed escapes, headers),
# the live-reload script it adds to HTML only on the wire, and a rebuild on
# every change: a good edit → "reload" on the event stream and the new page
# served; a broken edit → the errors in the terminal and on the stream, the
# last good page still served; the next good edit recovers.  A column's
# aliases edited while it runs: the redirects served as they change.
. "$(dirname "$0")/lib.sh"

pid=
stop() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }
trap 'stop; rm -rf "$T"' EXIT

# wait_for FILE TEXT: up to 10 s for TEXT (lines and all) to appear in FILE.
wait_for() {
  i=0
  while [ $i -lt 100 ]; do
    case "$(cat "$1" 2>/dev/null)" in *"$2"*) return 0 ;; esac
    sleep 0.1
    i=$((i + 1))
  done
  return 1
}

# start NAME [serve options]: govpub serve on the site $T/NAME, its terminal
# in $T/NAME.err; sets pid, port and U (the address it says it serves).
start() {
  served=$1 # (lib.sh's check uses $name)
  shift
  "$GOVPUB" serve --site "$T/$served" --port 0 "$@" >/dev/null 2>"$T/$served.err" &
  pid=$!
  check "$served: serve says where it listens" wait_for "$T/$served.err" "(Ctrl-C stops)"
  port=$(sed -n 's|^govpub: serving .* at http://127.0.0.1:\([0-9]*\)/.*(Ctrl-C stops)$|\1|p' "$T/$served.err")
  U=http://127.0.0.1:$port
}

site_copy mini s
start s --out "$T/out"
wait_for "$T/out/preview/index.html" "</html>" # the first build

# code URL [curl options]: the status code of a request.
code() {
  u=$1
  shift
  curl -s -o /dev/null -w '%{http_code}' "$@" "$u"
}

check_eq "home page" "$(code "$U/")" 200
check_eq "article page" "$(code "$U/news/b/")" 200
check_eq "folder without its slash redirects" "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$U/news")" "301 $U/news/"
# "//news" is a folder too, but "Location: //news/" would send the browser
# to the host "news" (a folder named like a domain, from static/, an open
# redirect): the redirect names the folder with one slash.
check_eq "folder after doubled slashes: redirect stays on the server" \
  "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' --path-as-is "$U//news") $(curl -s -o /dev/null -w '%{redirect_url}' --path-as-is "$U///news//b")" \
  "301 $U/news/ $U/news/b/"
check_eq "chart SVG" "$(curl -s -o /dev/null -w '%{http_code} %{content_type}' "$U/charts/rev.svg")" "200 image/svg+xml"
check_eq "CSV" "$(curl -s -o /dev/null -w '%{content_type}' "$U/charts/rev.csv")" "text/csv; charset=utf-8"
check_eq "missing page: 404" "$(curl -s -o /dev/null -w '%{http_code} %{content_type}' "$U/no/such/page/")" "404 text/html; charset=utf-8"
curl -s "$U/no/such/page/" >"$T/404.html"
check_file_has "missing page: the site's 404 page" "$T/404.html" "$(head -c 200 "$T/out/preview/404.html" | head -n 1)"
# a folder without index.html is a missing page, as deploy/nginx.conf answers
# (tests/cli/nginx.sh): no 403 that tells the folder exists, no listing
check_eq "folder without index.html: 404" "$(curl -s -o "$T/folder.html" -w '%{http_code} %{content_type}' "$U/charts/")" "404 text/html; charset=utf-8"
check_file_has "folder without index.html: the site's 404 page" "$T/folder.html" "$(grep -o '<title>.*</title>' "$T/out/preview/404.html")"
check_file_has "the 404 page's title found" "$T/folder.html" "<title>页面未找到 - "
check_eq "a pager's folder: 404" "$(code "$U/news/page/")" 404
check_eq "HEAD" "$(code "$U/" -I)" 200
# what a HEAD request gets on the wire after its headers (curl -I would not read a body)
head_body() {
  python3 -c '
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
data = b""
while True:
    b = s.recv(65536)
    if not b:
        break
    data += b
head, _, body = data.partition(b"\r\n\r\n")
print(head.split(b"\r\n")[0].decode(), len(body))' "$port"
}
check_eq "HEAD sends the headers and no body" "$(head_body)" "HTTP/1.1 200 OK 0"
check_eq "POST: 405" "$(code "$U/" -X POST -d x=1)" 405
check_eq "405 says what is allowed" "$(curl -s -D - -o /dev/null -X PUT "$U/" | tr -d '\r' | grep '^Allow:')" "Allow: GET, HEAD"
check_eq "DELETE: 405" "$(code "$U/news/b/" -X DELETE)" 405
check_eq "../ out of the output: 400" "$(code "$U/../../etc/passwd" --path-as-is)" 400
check_eq "%2e%2e out of the output: 400" "$(code "$U/%2e%2e/%2e%2e/etc/passwd")" 400
check_eq "escaped slash and dots: 400" "$(code "$U/news/..%2f..%2fsite.yaml")" 400
check_eq "NUL in the path: 400" "$(code "$U/news/b/index.html%00.css")" 400
check_eq "malformed escape: 400" "$(code "$U/news/%zz/")" 400
ln -s /etc "$T/out/preview/etc-link"
check_eq "a symbolic link is not followed" "$(code "$U/etc-link/passwd")" 404
rm -f "$T/out/preview/etc-link"

curl -s -D "$T/h" -o "$T/home.html" "$U/"
tr -d '\r' <"$T/h" >"$T/headers"
# the headers deploy/nginx.conf sends, read from it (the preview shows what
# production would block), with no caching of course
nginx_csp=$(sed -n 's/^    default "\(.*\)";$/\1/p' "$ROOT/deploy/nginx.conf")
check_eq "CSP header: nginx.conf's" "$(sed -n 's/^Content-Security-Policy: //p' "$T/headers")" "$nginx_csp"
check "nginx.conf's CSP found" test -n "$nginx_csp"
for h in X-Content-Type-Options Referrer-Policy X-Frame-Options; do
  want=$(sed -n "s/^    add_header $h \"\(.*\)\" always;\$/\1/p" "$ROOT/deploy/nginx.conf")
  check_eq "$h: nginx.conf's ($want)" "$(sed -n "s/^$h: //p" "$T/headers")" "${want:-missing from nginx.conf}"
done
check_file_has "nosniff" "$T/headers" "X-Content-Type-Options: nosniff"
check_file_lacks "a page: not sandboxed" "$T/headers" "sandbox"
curl -s -D "$T/h" -o /dev/null "$U/charts/rev.svg"
check_eq "markup that is no page (an SVG): sandboxed, as nginx serves it" \
  "$(tr -d '\r' <"$T/h" | sed -n 's/^Content-Security-Policy: //p')" \
  "$nginx_csp; sandbox"
curl -s -D "$T/h" -o /dev/null "$U/index.xml"
check_eq "a feed: sandboxed" "$(tr -d '\r' <"$T/h" | sed -n 's/^Content-Security-Policy: .*; //p')" sandbox
check_file_has "no caching of previews" "$T/headers" "Cache-Control: no-store"
check_eq "the reload script is added before </body>" "$(grep -B1 '^</body>' "$T/home.html")" '<script src="/_govpub/live.js" data-generation="1" defer></script>
</body>'
check_file_lacks "the built file has no reload script" "$T/out/preview/index.html" "_govpub"
check_eq "the reload script is served" "$(curl -s -o /dev/null -w '%{http_code} %{content_type}' "$U/_govpub/live.js")" "200 text/javascript; charset=utf-8"
check_eq "an explicit index.html: the page, with the script once" "$(curl -s "$U/news/b/index.html" | grep -c '_govpub/live.js')" 1

# The event stream: a good edit, a broken one, a good one again.
curl -s -N "$U/_govpub/events?since=1" >"$T/events" &
events=$!
sleep 0.3
sed -i 's/^title: 测试区政务服务中心延长服务时间/title: 测试区政务服务中心再次延长服务时间/' "$T/s/content/news/b.md"
check "a good edit: reload" wait_for "$T/events" "event: reload
data: 2"
curl -s "$U/news/b/" >"$T/b2.html"
check_file_has "a good edit: the new page is served" "$T/b2.html" "测试区政务服务中心再次延长服务时间"
sed -i 's/^date: 2024-02-10/date: 2024-13-10/' "$T/s/content/news/b.md"
check "a broken edit: the errors on the stream" wait_for "$T/events" "event: failed
data: $T/s/content/news/b.md:3:7: error: \"date\" is not a valid date and time: \"2024-13-10\"
data:   hint: there is no month 13: months run from 01 to 12 (write it as 2024-11-20 or 2024-11-20T10:12:00+08:00)"
check "a broken edit: the errors in the terminal" wait_for "$T/s.err" "$T/s/content/news/b.md:3:7: error: \"date\" is not a valid date and time: \"2024-13-10\""
curl -s "$U/news/b/" >"$T/b3.html"
check_file_has "a broken edit: the last good page is still served" "$T/b3.html" "测试区政务服务中心再次延长服务时间"
check_file_has "a broken edit: pages learn of the failure when they load" "$T/b3.html" 'data-generation="2"'
sed -i 's/^date: 2024-13-10/date: 2024-02-10/' "$T/s/content/news/b.md"
check "the next good edit recovers" wait_for "$T/events" "event: reload
data: 4"
kill "$events" 2>/dev/null

# A connection that never finishes its request is closed after 20 s idle
# (each holds a thread); the event stream, quiet but for its comment every
# 10 s, stays open past that.
check_eq "idle connection closed after 20 s; the event stream stays open" "$(python3 -c '
import socket, sys, threading, time
port = int(sys.argv[1])
got = {}
def idle():
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET / HTTP/1.1\r\n")
    t = time.time()
    s.settimeout(40)
    data = s.recv(100)
    got["idle"] = "closed after %s s, %d bytes" % ("18-22" if 18 <= time.time() - t <= 22 else round(time.time() - t), len(data))
def stream():
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /_govpub/events?since=4 HTTP/1.1\r\nHost: x\r\n\r\n")
    t, data = time.time(), b""
    s.settimeout(1)
    while time.time() - t < 24:
        try:
            b = s.recv(1000)
        except socket.timeout:
            continue
        if not b:
            break
        data += b
    got["stream"] = "open at %d s" % (time.time() - t) if time.time() - t >= 24 else "closed"
threads = [threading.Thread(target=idle), threading.Thread(target=stream)]
for th in threads: th.start()
for th in threads: th.join()
print(got["idle"], got["stream"], sep="; ")' "$port")" "closed after 18-22 s, 0 bytes; open at 24 s"

stop
check_eq "stops on SIGTERM" "$(kill -0 "$pid" 2>/dev/null && echo running || echo stopped)" stopped
# a site under a sub-path (base_url https://…/sjzyj/) is served there
site_copy mini sub
sed -i 's#^base_url: .*#base_url: https://www.test.gov.cn/sjzyj/#' "$T/sub/site.yaml"
start sub
check_file_has "sub-path: serve says it serves /sjzyj/" "$T/sub.err" "$U/sjzyj/ (Ctrl-C stops)"
i=0
while [ "$(code "$U/sjzyj/")" != 200 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
check_eq "sub-path: home page" "$(code "$U/sjzyj/")" 200
check_eq "sub-path: an article" "$(code "$U/sjzyj/news/a/")" 200
check_eq "sub-path: the server's root goes to the site" "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$U/")" "302 $U/sjzyj/"
check_eq "sub-path: outside the base: 404" "$(code "$U/news/a/")" 404
stop

# a site that does not build at all yet: a page that says so (with the
# reload script, which shows the errors), until the first good save
site_copy mini broken
sed -i 's/^title: .*/title: [broken/' "$T/broken/site.yaml"
start broken
check_file_has "no build yet: the error in the terminal" "$T/broken.err" "$T/broken/site.yaml:3:8: error: invalid YAML"
curl -s "$U/news/a/" >"$T/nobuild.html"
check_eq "no build yet: 503" "$(code "$U/news/a/")" 503
check_file_has "no build yet: the page has the reload script" "$T/nobuild.html" '<script src="/_govpub/live.js" data-generation="0" defer></script>'
cp "$ROOT/tests/fixtures/mini/site.yaml" "$T/broken/site.yaml"
i=0
while [ "$(code "$U/news/a/")" != 200 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
check_eq "no build yet: the first good save builds it" "$(code "$U/news/a/")" 200
stop

# a column's aliases edited while serve runs (an _index.md changed: a
# whole rebuild): the redirect served at the new alias, with the reload
# script, none at the alias taken away; the site's own alias layout added
# and edited: the redirect served as it writes it
site_copy mini col
start col --out "$T/colout"
# until_code PATH CODE: up to 10 s for PATH to answer CODE
until_code() {
  i=0
  while [ "$(code "$U$1")" != "$2" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
}
until_code /news/ 200
check_eq "a column's alias: nothing there before" "$(code "$U/zwgk/dongtai/")" 404
sed -i 's#^description: .*#&\naliases: [/zwgk/dongtai/]#' "$T/col/content/news/_index.md"
until_code /zwgk/dongtai/ 200
curl -s "$U/zwgk/dongtai/" >"$T/moved.html"
# (the built redirect's exact text: column_aliases.sh)
check_eq "a column's alias added: its redirect served as built, with the reload script before </body>" \
  "$(sed 's/data-generation="[0-9]*"/data-generation="N"/' "$T/moved.html")" \
  "$(sed 's#^</body>#<script src="/_govpub/live.js" data-generation="N" defer></script>\n&#' "$T/colout/preview/zwgk/dongtai/index.html")"
check_file_has "a column's alias added: its redirect sends readers to the column" "$T/moved.html" \
  '<meta http-equiv="refresh" content="0; url=/news/">'
sed -i 's#^aliases: .*#aliases: [/zwgk/xinwen/]#' "$T/col/content/news/_index.md"
until_code /zwgk/xinwen/ 200
check_eq "a column's alias changed: the new one served, the old one gone" \
  "$(code "$U/zwgk/xinwen/") $(code "$U/zwgk/dongtai/")" "200 404"
check_file_has "a column's alias changed: its redirect names the column" "$T/colout/preview/zwgk/xinwen/index.html" \
  '<meta http-equiv="refresh" content="0; url=/news/">'
mkdir -p "$T/col/layouts"
sed 's#<p>本页#<p class="moved">本页#' "$T/col/themes/plain/layouts/alias.mustache" >"$T/col/layouts/alias.mustache"
i=0
while ! curl -s "$U/zwgk/xinwen/" | grep -q 'class="moved"' && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
check_eq "the site's own alias layout added: the redirect served as it writes it" \
  "$(curl -s "$U/zwgk/xinwen/" | grep '本页已迁移至')" '<p class="moved">本页已迁移至 <a href="/news/">政务动态</a>。</p>'
sed -i 's#class="moved"#class="gone"#' "$T/col/layouts/alias.mustache"
i=0
while ! curl -s "$U/zwgk/xinwen/" | grep -q 'class="gone"' && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
check_eq "the alias layout edited: the redirect served again" \
  "$(curl -s "$U/zwgk/xinwen/" | grep '本页已迁移至')" '<p class="gone">本页已迁移至 <a href="/news/">政务动态</a>。</p>'
check_eq "a column's aliases while serving: nothing said but the changes and builds" \
  "$(grep -v '^govpub: \(serving\|change seen\|built\|rebuilt\)' "$T/col.err")" ""
stop

check_eq "bad --port: usage error" "$("$GOVPUB" serve --port 70000 2>&1; echo "exit $?")" 'govpub: error: --port "70000" is not a port
  hint: give a number from 0 to 65535
exit 2'
for j in 0 abc 257 4x; do # as build refuses them (errors.sh): no server started with no build threads
  check_eq "bad -j $j: usage error" "$(timeout 10 "$GOVPUB" serve --port 0 -j $j 2>&1; echo "exit $?")" "govpub: error: invalid --jobs \"$j\"
  hint: give a number of threads from 1 to 256
exit 2"
done

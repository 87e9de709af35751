#!/bin/sh
# deploy/nginx.conf on a real nginx (Debian's) on a free loopback port,
# serving a published copy of the sample portal, checked with curl: pages,
# security and cache headers, the precompressed bytes, 404 (a folder
# without index.html too), hidden files,
# IPv4 and IPv6; then publishes under load: a loop of requests while
# current is switched never gets an error or a page that is not exactly
# one release's file.
. "$(dirname "$0")/lib.sh"

NGINX=$(command -v nginx || echo /usr/sbin/nginx)
S=$T/site O=$T/site/out N=$T/nginx
sample_copy "$S"
mkdir -p "$S/static/assets" "$N/tmp"
echo 'body{margin:0}' > "$S/static/assets/app.3f9a1c2e.css" # a content-hashed name
sample_sign_site "$S" # a static file no document uses: the site's review covers it
"$GOVPUB" publish --site "$S" --trust "$TRUST" -q || fail "publish"

port=$(free_port)
v6=$(python3 -c 'import socket; socket.socket(socket.AF_INET6).bind(("::1", 0)); print(1)' 2>/dev/null || echo 0)
# nginx runs its workers as nobody when started by root: let it read the tree
# as root then (the temporary folder is private).
[ "$(id -u)" = 0 ] && user="user root;" || user=""
cat > "$N/main.conf" <<CONF
$user
pid $N/nginx.pid;
error_log $N/error.log;
daemon off;
worker_processes 1;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path $N/tmp; proxy_temp_path $N/tmp; fastcgi_temp_path $N/tmp;
  uwsgi_temp_path $N/tmp; scgi_temp_path $N/tmp;
  include $N/site.conf;
}
CONF
sed -e "s#listen 80;#listen 127.0.0.1:$port;#" -e "s#listen \[::\]:80;#listen [::1]:$port;#" \
    -e "s#root /srv/govpub/out/current;#root $O/current;#" "$ROOT/deploy/nginx.conf" > "$N/site.conf"
[ "$v6" = 1 ] || sed -i '/listen \[::1\]/d' "$N/site.conf"
check "nginx -t accepts deploy/nginx.conf" "$NGINX" -t -q -c "$N/main.conf" -e "$N/error.log"
"$NGINX" -c "$N/main.conf" -e "$N/error.log" &
npid=$!
trap 'kill $npid 2>/dev/null; wait $npid 2>/dev/null; rm -rf "$T"' EXIT
U=http://127.0.0.1:$port
i=0
until curl -s -o /dev/null "$U/" || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done

get() { curl -s -D "$T/h" -o "$T/b" -w '%{http_code}' "$@"; }
hdr() { tr -d '\r' < "$T/h" | sed -n "s/^$1: //Ip"; }

check_eq "home: 200" "$(get "$U/")" 200
check "home: the file's bytes" cmp "$T/b" "$O/current/index.html"
check_eq "CSP" "$(hdr Content-Security-Policy)" \
  "default-src 'self'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'; object-src 'none'"
check_eq "X-Content-Type-Options" "$(hdr X-Content-Type-Options)" nosniff
check_eq "Referrer-Policy" "$(hdr Referrer-Policy)" strict-origin-when-cross-origin
check_eq "X-Frame-Options" "$(hdr X-Frame-Options)" SAMEORIGIN
check_eq "no server version" "$(hdr Server)" nginx
check_eq "no HSTS without TLS" "$(hdr Strict-Transport-Security)" ""
check_eq "html: short cache" "$(hdr Cache-Control)" no-cache
check_eq "html: type and charset" "$(hdr Content-Type)" "text/html; charset=utf-8"
check_eq "article: 200" "$(get "$U/policy/")" 200
check "article: the file's bytes" cmp "$T/b" "$O/current/policy/index.html"
get "$U/assets/app.3f9a1c2e.css" >/dev/null
check_eq "hashed asset: long cache" "$(hdr Cache-Control)" "public, max-age=31536000, immutable"
get "$U/css/site.css" >/dev/null
check_eq "other asset: an hour" "$(hdr Cache-Control)" "public, max-age=3600"
get "$U/sitemap.xml" >/dev/null
check_eq "sitemap: five minutes" "$(hdr Cache-Control)" "public, max-age=300"
check_eq "sitemap: CSP sandboxed (markup that is no page runs no script)" "$(hdr Content-Security-Policy)" \
  "default-src 'self'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'; object-src 'none'; sandbox"
get "$U/images/dzjg.svg" >/dev/null
check_eq "an SVG: CSP sandboxed" "$(hdr Content-Security-Policy | sed 's/.*; //')" sandbox
check_eq "an SVG: its type" "$(hdr Content-Type)" "image/svg+xml; charset=utf-8"
cp "$O/current/index.html" "$O/current/assets/guide.html" # an HTML attachment's name (the headers go by it)
get "$U/assets/guide.html" >/dev/null
rm "$O/current/assets/guide.html"
check_eq "an HTML attachment: CSP sandboxed" "$(hdr Content-Security-Policy | sed 's/.*; //')" sandbox
get "$U/404.html" >/dev/null
check_eq "404.html: the pages' CSP" "$(hdr Content-Security-Policy | sed 's/.*; //')" "object-src 'none'"
get "$U/policy/index.html" >/dev/null
check_eq "a page by its index.html: the pages' CSP" "$(hdr Content-Security-Policy | sed 's/.*; //')" "object-src 'none'"
get "$U/policy/" >/dev/null
check_eq "a page by its folder: the pages' CSP" "$(hdr Content-Security-Policy | sed 's/.*; //')" "object-src 'none'"

check_eq "gzip: 200" "$(get -H 'Accept-Encoding: gzip' "$U/")" 200
check "gzip: the .gz file's bytes" cmp "$T/b" "$O/current/index.html.gz"
check_eq "gzip: Content-Encoding" "$(hdr Content-Encoding)" gzip
check_eq "gzip: Vary" "$(hdr Vary)" Accept-Encoding
check_eq "gzip: CSP still there" "$(hdr Content-Security-Policy | cut -c1-18)" "default-src 'self'"
get -H 'Accept-Encoding: gzip' "$U/css/site.css" >/dev/null
check "gzip css: the .gz file's bytes" cmp "$T/b" "$O/current/css/site.css.gz"
get "$U/css/site.css" >/dev/null
check "identity css: the file's bytes" cmp "$T/b" "$O/current/css/site.css"

check_eq "missing page: 404" "$(get "$U/no/such/page/")" 404
check "missing page: the site's 404.html" cmp "$T/b" "$O/current/404.html"
check_eq "404: CSP too" "$(hdr Content-Security-Policy | cut -c1-18)" "default-src 'self'"
check_eq "manifest not served" "$(get "$U/.govpub-manifest")" 404
check "the release has a seal" test -s "$O/current/.govpub-seal"
check_eq "seal not served" "$(get "$U/.govpub-seal")" 404
# A folder without index.html is a missing page like any other: no 403
# (which would tell the folder exists), no listing.
check_eq "a folder without index.html: 404" "$(get "$U/images/")" 404
check "a folder without index.html: the site's 404.html" cmp "$T/b" "$O/current/404.html"
check_eq "a folder without index.html: the security headers" "$(hdr X-Frame-Options) $(hdr Content-Security-Policy | cut -c1-18)" \
  "SAMEORIGIN default-src 'self'"
check_eq "the charts' folder: 404" "$(get "$U/charts/")" 404
# A folder named in Chinese (a tag's; a page's file 会议纪要.md makes one
# the same way), asked for percent-encoded as browsers send it: its page.
check_eq "a folder named in Chinese: 200" "$(get "$U/tags/%E6%94%BF%E5%8A%A1%E6%9C%8D%E5%8A%A1/")" 200
check "a folder named in Chinese: its index.html's bytes" cmp "$T/b" "$O/current/tags/政务服务/index.html"
check_eq "a pager's folder: 404" "$(get "$U/tags/%E6%94%BF%E5%8A%A1%E6%9C%8D%E5%8A%A1/page/")" 404
check "a pager's folder: the site's 404.html" cmp "$T/b" "$O/current/404.html"
check_eq "a missing folder: 404" "$(get "$U/no-such-folder/")" 404
check_eq "a file named as a folder: 404" "$(get "$U/robots.txt/")" 404
check_eq "folder without slash: redirect" "$(get "$U/news")" 301
check_eq "folder without slash: relative Location" "$(hdr Location)" /news/
check_eq "folder without slash, with a query: the query kept" "$(get "$U/news?x=1") $(hdr Location)" "301 /news/?x=1"
check_eq "the folder: its page" "$(get "$U/news/")" 200
check "the folder: its index.html's bytes" cmp "$T/b" "$O/current/news/index.html"
check_eq "a hidden folder: 404" "$(get "$U/.git/")" 404
if [ "$v6" = 1 ]; then
  check_eq "IPv6: 200" "$(get -g "http://[::1]:$port/")" 200
else
  echo "note nginx: no ::1 on this machine, IPv6 not checked"
fi

# Publishes under load.  The loop asks for pages (plain and gzip) and checks
# each answer is 200 and byte for byte one release's file; after each
# publish the test waits until the loop has answered a few more requests.
cat > "$T/load.sh" <<'LOAD'
n=0
while [ ! -f "$T/stop" ]; do
  for p in index.html news/index.html policy/index.html css/site.css; do
    url=$U/${p%index.html}
    for enc in identity gzip; do
      code=$(curl -s -H "Accept-Encoding: $enc" -o "$T/lb" -w '%{http_code}' "$url")
      suffix=""; [ $enc = gzip ] && suffix=.gz
      match=""
      for r in "$O"/releases/*/; do
        if cmp -s "$T/lb" "$r$p$suffix"; then match=$(basename "$r"); break; fi
      done
      if [ "$code" != 200 ] || [ -z "$match" ]; then echo "$code $url $enc" >> "$T/bad"; fi
      [ "$p" = index.html ] && [ $enc = identity ] && [ -n "$match" ] && echo "$match" >> "$T/seen"
      n=$((n + 1)); echo $n > "$T/count.new"; mv "$T/count.new" "$T/count"
    done
  done
done
LOAD
: > "$T/bad"; : > "$T/seen"; echo 0 > "$T/count"
T=$T U=$U O=$O sh "$T/load.sh" &
lpid=$!
wait_for_requests() {
  target=$(($(cat "$T/count") + 16)); i=0
  while [ "$(cat "$T/count")" -lt $target ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
}
wait_for_requests
for k in 1 2 3 4; do
  sed -i "s/^title: .*/title: 云岭区人民政府（第${k}版）/" "$S/site.yaml"
  sample_sign_site "$S"
  "$GOVPUB" publish --site "$S" --trust "$TRUST" -q || fail "publish $k under load"
  wait_for_requests
done
touch "$T/stop"
wait $lpid
check_eq "under load: every answer 200 and a whole release's file" "$(cat "$T/bad")" ""
check "under load: requests made" test "$(cat "$T/count")" -gt 40
check_eq "under load: the home page of all five releases was served" "$(sort -u "$T/seen" | wc -l)" 5
# Under a sub-path (base_url …/tjj/), as deploy/nginx.conf's comment says:
# root a folder holding the link tjj -> current, the 404 page under /tjj/.
mkdir "$T/www" && ln -s "$O/current" "$T/www/tjj"
sed -i -e "s#^    root $O/current;#    root $T/www;#" -e 's#^    error_page 404 /404.html;#    error_page 404 /tjj/404.html;#' \
  "$N/site.conf"
check "sub-path: nginx -t accepts it" "$NGINX" -t -q -c "$N/main.conf" -e "$N/error.log"
# the reload starts a worker with the new configuration and tells the old
# one to finish: until it has gone, it may still take a connection (seen on
# a busy machine), so the checks wait for it to exit
old_workers=$(pgrep -P $npid | tr '\n' ' ')
any_alive() { for w in $old_workers; do kill -0 "$w" 2>/dev/null && return 0; done; return 1; }
kill -HUP $npid
i=0
while [ $i -lt 300 ] && any_alive; do sleep 0.1; i=$((i + 1)); done
check "sub-path: the old worker has gone" test -n "$old_workers" -a $i -lt 300
until [ "$(get "$U/tjj/")" = 200 ] || [ $i -ge 400 ]; do sleep 0.1; i=$((i + 1)); done
check "sub-path: the home page" cmp "$T/b" "$O/current/index.html"
check_eq "sub-path: a page" "$(get "$U/tjj/policy/")" 200
check "sub-path: a page's bytes" cmp "$T/b" "$O/current/policy/index.html"
check_eq "sub-path: gzip" "$(get -H 'Accept-Encoding: gzip' "$U/tjj/css/site.css") $(hdr Content-Encoding)" "200 gzip"
check_eq "sub-path: the path without slash: redirect" "$(get "$U/tjj") $(hdr Location)" "301 /tjj/"
check_eq "sub-path: a folder without slash: redirect" "$(get "$U/tjj/news") $(hdr Location)" "301 /tjj/news/"
check_eq "sub-path: missing page: 404" "$(get "$U/tjj/no/such/page/")" 404
check "sub-path: missing page: the site's 404.html" cmp "$T/b" "$O/current/404.html"
check_eq "sub-path: a folder without index.html: 404" "$(get "$U/tjj/images/")" 404
check_eq "sub-path: seal not served" "$(get "$U/tjj/.govpub-seal")" 404
check_eq "sub-path: the security headers" "$(hdr X-Frame-Options) $(hdr Content-Security-Policy | cut -c1-18)" \
  "SAMEORIGIN default-src 'self'"
check_eq "nginx logged no error" "$(grep -c '\[error\]\|\[crit\]\|\[alert\]\|\[emerg\]' "$N/error.log")" 0

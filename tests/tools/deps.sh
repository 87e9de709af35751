#!/bin/sh
# Installs the Debian packages govpub's build, tests and benchmarks need,
# when missing: `apt-get update` then `apt-get install -y`, directly as root,
# through sudo otherwise.  Quiet and quick when everything is there.
set -eu
PKGS="gcc make pkg-config python3 libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev
      libssl-dev libsodium-dev openssh-client libcairo2-dev libfreetype-dev fonts-noto-cjk librsvg2-bin
      libpcre2-dev libutf8proc-dev libopencc-dev libopencc-data libmicrohttpd-dev
      valgrind hugo ripgrep chromium openjdk-17-jre-headless time
      zlib1g-dev libbrotli-dev brotli nginx openssh-server rsync curl git
      clang libclang-rt-14-dev cmark-gfm util-linux procps"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
# The npm packages of the browser checks and of the search bench (Pagefind,
# whose binary comes in its optional dependency @pagefind/linux-x64: no
# install script), each pinned in its folder's package-lock.json.
npm_deps() {
  if ! command -v npm >/dev/null 2>&1; then # Debian 12's nodejs is 18, without npm
    echo "deps: no npm: the browser checks (make test) and the search bench (make bench) need Node.js 20 or later with npm"
    return 0
  fi
  for dir in tests/browser tests/bench; do
    lock=$dir/package-lock.json have=$dir/node_modules/.package-lock.json
    if [ ! -f "$have" ] || [ "$lock" -nt "$have" ]; then
      echo "deps: npm ci in $dir"
      (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
    fi
  done
}
if [ -z "$missing" ]; then npm_deps; exit 0; fi
echo "deps: installing$missing"
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
npm_deps

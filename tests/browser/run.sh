#!/bin/sh
# run.sh — the browser checks of a built site: the search tokenizer of
# search.js against the C one's cases (search-tokens.mjs), headless Chromium
# with axe-core, CSP and third-party request checks, keyboard and layout
# checks (check.mjs), the site search of the sample portal typed in
# Chromium (search.mjs), the catalog's combined filter (catalog.mjs), then the Nu Html Checker on every HTML file
# (vnu.mjs); and, on pages of its own, which of two viewport tags Chromium
# uses (viewport.mjs: the claim govpub check's viewport rules rest on).
#
#   sh tests/browser/run.sh [SITE_DIR]        (default: out/current)
#
# Environment: GOVPUB_SCREENSHOTS=DIR writes full-page screenshots of every
# page type at 1280 and 375 px in each mode there (keep it out of the repo);
# CHROMIUM=PATH picks the browser (default /usr/bin/chromium).
# Prints `ok NAME` / `FAIL NAME: details` lines and exits non-zero when a
# check failed.  The npm tools come from `npm ci` in this folder (make deps).
set -u
here=$(cd "$(dirname "$0")" && pwd)
site=${1:-out/current}

if [ ! -d "$site" ]; then
  echo "FAIL browser: no built site at $site (build one first, e.g. build/govpub build --out DIR)"
  exit 1
fi
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' 2>/dev/null; then
  echo "FAIL browser: playwright-core needs Node 20 or later (node: $(node --version 2>/dev/null || echo missing))"
  exit 1
fi
for mod in playwright-core axe-core vnu-jar; do
  if [ ! -d "$here/node_modules/$mod" ]; then
    echo "FAIL browser: $mod is not installed (run: make deps)"
    exit 1
  fi
done
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "FAIL browser: no Chromium at ${CHROMIUM:-/usr/bin/chromium} (apt-get install chromium)"
  exit 1
fi

status=0
node "$here/search-tokens.mjs" || status=1
node "$here/check.mjs" "$site" || status=1
# search.mjs and catalog.mjs expect the sample portal's pages (its SiteName) and results
if grep -q '<meta name="SiteName" content="云岭区人民政府">' "$site/index.html" 2>/dev/null; then
  node "$here/search.mjs" "$site" || status=1
  node "$here/catalog.mjs" "$site" || status=1
else
  echo "note: search.mjs and catalog.mjs not run: $site is not the sample portal"
fi
node "$here/vnu.mjs" "$site" || status=1
node "$here/viewport.mjs" || status=1
exit $status

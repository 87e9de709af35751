#!/bin/sh
# hostile_fixture.sh DEST [raw] — a copy of tests/fixtures/hostile in DEST,
# ready to build: the default theme copied in (whichever build of govpub
# runs), and the static file whose name is markup created here (a name
# with < > would make the repository impossible to check out on Windows).
# With `raw`, the copy says raw_html: true.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cp -R "$root/tests/fixtures/hostile" "$1"
cp -R "$root/themes" "$1/"
mkdir -p "$1/static/files"
printf '附件\n' > "$1/static/files/'onmouseover=alert('file.name')&lt;x.txt"
if [ "${2:-}" = raw ]; then printf 'raw_html: true\n' >> "$1/site.yaml"; fi

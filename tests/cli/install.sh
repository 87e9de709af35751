#!/bin/sh
# make install puts govpub, its default theme and the content scan's rule
# packs (words/wording, words/privacy; not the samples) under PREFIX (in DESTDIR),
# and the installed binary finds that theme wherever the tree is moved.
. "$(dirname "$0")/lib.sh"
make -s -C "$ROOT" install BUILD="${BUILD:-build}" DESTDIR="$T/inst" PREFIX=/opt/gp >/dev/null 2>"$T/err"
check_eq "make install exits 0" "$?" 0
check "binary installed" test -x "$T/inst/opt/gp/bin/govpub"
check "theme installed" test -f "$T/inst/opt/gp/share/govpub/themes/default/layouts/baseof.mustache"
check "rule packs installed" test -f "$T/inst/opt/gp/share/govpub/words/wording/typos.yaml" \
  -a -f "$T/inst/opt/gp/share/govpub/words/privacy/personal-data.yaml"
check "the sample word lists are not" test ! -e "$T/inst/opt/gp/share/govpub/words/samples"
mv "$T/inst/opt/gp" "$T/moved"
site_copy mini site
rm -rf "$T/site/themes"
sed -i 's/^theme: plain/theme: default/' "$T/site/site.yaml"
env -u GOVPUB_DATADIR "$T/moved/bin/govpub" build --site "$T/site" --out "$T/out" -q 2>"$T/err"
check_eq "moved install builds with its default theme" "$?" 0
check_file_has "default theme used" "$T/out/preview/index.html" 'class="site-header"'

#!/bin/sh
# Pruning old releases (keep_releases): a commit moves each release it
# prunes into out/.trash (a rename: removing one took seconds on a disk
# mounted with discard), and the next build empties the trash beside its
# own work.  releases/ never holds a half-removed release; a .trash that is
# not a folder of its own (a link) is never followed: the release is
# removed in place as before.
. "$(dirname "$0")/lib.sh"

site_copy mini s
echo "keep_releases: 1" >> "$T/s/site.yaml"
# a second apart: release ids are the time to the second (one taken within
# the same second gets -2, and an id freed by pruning could come back)
build() { sleep 1; "$GOVPUB" build --site "$T/s" --out "$T/out" -q --full; }

build || fail "first build"
first=$(readlink "$T/out/preview" | sed 's#.*/##')
check "no trash before anything is pruned" test ! -e "$T/out/.trash"
build || fail "second build"
second=$(readlink "$T/out/preview" | sed 's#.*/##')
check_eq "keep_releases 1: one release kept" "$(ls "$T/out/releases")" "$second"
check_eq "no dot entries in releases/" "$(ls -A "$T/out/releases" | grep -c '^\.')" 0
check_eq "the pruned release is in the trash" "$(ls -A "$T/out/.trash")" "$first"
check "… whole, as it was" test -f "$T/out/.trash/$first/index.html"

build || fail "third build"
third=$(readlink "$T/out/preview" | sed 's#.*/##')
check_eq "the next build empties the trash and puts its own pruned release there" \
  "$(ls -A "$T/out/.trash")" "$second"
check_eq "… and keeps one release" "$(ls "$T/out/releases")" "$third"

# A trash that is a link to a folder elsewhere: nothing goes through it.
rm -rf "$T/out/.trash"
mkdir "$T/elsewhere"
echo keep > "$T/elsewhere/file"
ln -s "$T/elsewhere" "$T/out/.trash"
build || fail "build with a linked trash"
check_eq "a linked trash is not emptied" "$(ls -A "$T/elsewhere")" "file"
check_eq "… nor filled: the release is removed in place" "$(ls "$T/out/releases" | wc -l)" 1
check_eq "… leaving no dot entries in releases/" "$(ls -A "$T/out/releases" | grep -c '^\.')" 0

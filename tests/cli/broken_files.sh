#!/bin/sh
# Every content file of the sample portal broken in turn — its YAML made
# invalid, then the file emptied: the build exits 1 without crashing, every
# error it reports is about that file (a page that could not be loaded is
# reported once, where it failed, not again by each link, list or setting
# that names it), and the served preview stays as it was.
. "$(dirname "$0")/lib.sh"

S=$T/site
sample_copy "$S"
"$GOVPUB" build --site "$S" --out "$T/out" -q
check_eq "baseline build" "$?" 0
before=$(readlink "$T/out/preview")

crashes=0 echoes=0 moved=0 n=0
for f in $(cd "$S" && find content -name '*.md' | LC_ALL=C sort); do
  cp "$S/$f" "$T/orig.md"
  for how in yaml empty; do
    case $how in
      yaml) sed -i '0,/^title: /s/^title: \(.*\)$/title: [\1/' "$S/$f" ;;
      empty) : >"$S/$f" ;;
    esac
    n=$((n + 1))
    "$GOVPUB" build --site "$S" --out "$T/out" -q 2>"$T/err"
    rc=$?
    if [ "$rc" -ne 1 ]; then
      crashes=$((crashes + 1))
      echo "  $how $f: exit $rc"
    fi
    if grep ': error: ' "$T/err" | grep -qv "^$S/$f:"; then
      echoes=$((echoes + 1))
      echo "  $how $f: errors about other files:"
      grep ': error: ' "$T/err" | grep -v "^$S/$f:" | sed "s#$S/##; s/^/    /" | head -3
    fi
    [ "$(readlink "$T/out/preview")" = "$before" ] || moved=$((moved + 1))
    cp "$T/orig.md" "$S/$f"
  done
done
check "broke the files ($n builds)" test "$n" -ge 100
check_eq "every broken build exits 1 (no crash)" "$crashes" 0
check_eq "every error names the broken file (no echoes)" "$echoes" 0
check_eq "the preview never moves" "$moved" 0

#!/bin/sh
# The search index is the same bytes whatever the thread count
# (docs/search.md, "How the build makes it"): at -j1 one worker's postings
# are copied as they are; with more, the workers' postings of a token are
# merged by document.  The sample portal at -j1, -j2, -j3 and -j4.
. "$(dirname "$0")/lib.sh"
sample_copy "$T/site"
for j in 1 2 3 4; do
  "$GOVPUB" build --site "$T/site" --out "$T/o$j" -q -j$j || echo "build -j$j failed"
done >"$T/err" 2>&1
check_eq "four builds succeed" "$(cat "$T/err")" ""
S=preview/search
check_eq "every postings line has a token and postings" "$(cat "$T/o1/$S"/t/*.txt | grep -vc '^[^	][^	]*	[0-9A-Za-z_-][0-9A-Za-z_-]*$')" "0"
check "search/ at -j1 and -j2 identical" diff -r "$T/o1/$S" "$T/o2/$S"
check "search/ at -j1 and -j3 identical" diff -r "$T/o1/$S" "$T/o3/$S"
check "search/ at -j1 and -j4 identical" diff -r "$T/o1/$S" "$T/o4/$S"

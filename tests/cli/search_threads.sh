#!/bin/sh
# The search index is the same bytes whatever the thread count and however
# the merge cuts its work (docs/search.md, "How the build makes it"): the
# sample portal at -j1, -j2 and -j4, and with the postings gathered a shard
# or a few at a time (GOVPUB_SEARCH_GROUP) instead of all at once.
. "$(dirname "$0")/lib.sh"
sample_copy "$T/site"
"$GOVPUB" build --site "$T/site" --out "$T/o1" -q -j1 && \
"$GOVPUB" build --site "$T/site" --out "$T/o2" -q -j2 && \
"$GOVPUB" build --site "$T/site" --out "$T/o4" -q -j4 && \
GOVPUB_SEARCH_GROUP=1 "$GOVPUB" build --site "$T/site" --out "$T/g1" -q -j2 && \
GOVPUB_SEARCH_GROUP=300 "$GOVPUB" build --site "$T/site" --out "$T/g300" -q -j4
check_eq "five builds succeed" "$?" 0
S=preview/search
check_eq "the index has postings" "$(cat "$T/o1/$S"/t/*.txt | wc -l | tr -d ' ')" \
  "$(cat "$T/o1/$S"/t/*.txt | grep -c '	[0-9A-Za-z_-]*$')"
check "search/ at -j1 and -j2 identical" diff -r "$T/o1/$S" "$T/o2/$S"
check "search/ at -j1 and -j4 identical" diff -r "$T/o1/$S" "$T/o4/$S"
check "search/ with one shard a group (-j2) identical" diff -r "$T/o1/$S" "$T/g1/$S"
check "search/ with groups of 300 postings (-j4) identical" diff -r "$T/o1/$S" "$T/g300/$S"

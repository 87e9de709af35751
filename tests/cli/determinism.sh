#!/bin/sh
# Same input, byte-identical output, whatever the thread count.
. "$(dirname "$0")/lib.sh"
site_copy mini site
"$GOVPUB" build --site "$T/site" --out "$T/o1" -q -j1 && \
"$GOVPUB" build --site "$T/site" --out "$T/o2" -q -j4 && \
"$GOVPUB" build --site "$T/site" --out "$T/o3" -q -j2
check_eq "three builds succeed" "$?" 0
check "-j1 and -j4 identical" diff -r "$T/o1/preview/" "$T/o2/preview/"
check "-j1 and -j2 identical" diff -r "$T/o1/preview/" "$T/o3/preview/"

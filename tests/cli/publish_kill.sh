#!/bin/sh
# govpub publish killed (SIGKILL) at many points — loading, the review
# gate, rendering, compressing (the brotli cache emptied each time so that
# phase is long), writing the manifest, renaming, switching, pruning: after
# every kill the served tree is whole and verifies against its manifest,
# the lock is free, and the next publish cleans up what the killed one left;
# every release left whole is sealed.
. "$(dirname "$0")/lib.sh"

S=$T/site O=$T/site/out
sample_copy "$S"
sed -i 's/^keep_releases: 5$/keep_releases: 3/' "$S/site.yaml" # pruning happens too
sample_sign_site "$S"
# How long one publish takes here (no assertion on it: it spreads the kill
# points over the whole run, from the first instant to past the switch).
t0=$(date +%s.%N)
"$GOVPUB" publish --site "$S" --trust "$TRUST" -q -j 1 || fail "first publish"
span=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", (b - a) * 1.2 }')
n=24 bad="" killed=0 finished=0
for k in $(seq 1 $n); do
  sed -i "s/^title: .*/title: 云岭区人民政府（第${k}版）/" "$S/site.yaml"
  sample_sign_site "$S"
  rm -rf "$O/.cache/brotli"
  "$GOVPUB" publish --site "$S" --trust "$TRUST" -q -j 1 2>/dev/null &
  pid=$!
  sleep "$(awk -v k="$k" -v n="$n" -v s="$span" 'BEGIN { printf "%.3f", s * (k - 0.5) / n }')"
  kill -KILL $pid 2>/dev/null
  wait $pid 2>/dev/null
  [ $? = 137 ] && killed=$((killed + 1)) || finished=$((finished + 1))
  if ! "$GOVPUB" verify --out "$O" 2>"$T/err"; then bad="$bad $k"; cat "$T/err"; fi
  grep -q '</html>' "$O/current/index.html" || bad="$bad $k(index)"
done
check_eq "after every kill the served tree verifies" "$bad" ""
check "some publishes were killed midway" test $killed -gt 0
echo "note publish_kill: $killed killed midway, $finished finished first"
"$GOVPUB" publish --site "$S" --trust "$TRUST" -q
check_eq "then a publish succeeds (the lock is free)" "$?" 0
check_eq "no partial release left" "$(ls -A "$O/releases" | grep -c '^\.')" 0
check "keep_releases held" test "$(ls "$O/releases" | wc -l)" -le 3
check "the new release verifies" "$GOVPUB" verify --out "$O"
check "every kept release verifies" sh -c "for r in '$O'/releases/*; do '$GOVPUB' verify \"\$r\" 2>/dev/null || exit 1; done"
# each one whole is sealed (the seal is written before the rename): rollback
# takes every one, newest last
check "every kept release is sealed: rollback takes each" \
  sh -c "for r in \$(ls '$O/releases'); do '$GOVPUB' rollback --out '$O' \"\$r\" 2>/dev/null || exit 1; done"

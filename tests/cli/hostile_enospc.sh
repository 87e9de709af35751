#!/bin/sh
# Crash safety on a full disk: tests/tools/enospc.c (LD_PRELOAD) makes
# every write, fsync, rename, mkdir, symlink or file creation after the
# first N fail with ENOSPC.  For N across the whole run of a build and of
# a publish: the run exits 3 and says "No space left on device", the
# served link and its release are untouched (the whole out/ tree is
# byte-identical, publish.log only grows and .cache — content-addressed,
# only saves time — aside), `govpub verify` passes on what is served, and
# once the disk has room again the next run succeeds.
#
# Under ASan the shim is not used (the sanitizer runtime must come first
# in the library list, before any LD_PRELOAD): the test then says so.
. "$(dirname "$0")/lib.sh"
. "$ROOT/tests/tools/hostile_lib.sh"
SHIM=$ROOT/${BUILD:-build}/tests/enospc.so
case $(ldd "$GOVPUB" 2>/dev/null) in *libasan*)
  echo "note hostile_enospc: skipped under ASan (LD_PRELOAD cannot precede the ASan runtime)"
  exit 0 ;;
esac
[ -f "$SHIM" ] || { fail "no $SHIM (make unit builds it)"; exit 0; }

# full N CMD...: runs CMD with the disk full after N calls; stderr in
# $T/err (paths relative), exit status in $rc.
full() {
  n=$1; shift
  ENOSPC_AFTER=$n LD_PRELOAD=$SHIM "$@" 2>"$T/err.raw"
  rc=$?
  sed "s#$T/##g" "$T/err.raw" > "$T/err"
}
# counted CMD...: runs CMD through the shim without failing; the number of
# calls it made in $calls.
counted() {
  ENOSPC_COUNT=$T/count LD_PRELOAD=$SHIM "$@" 2>/dev/null
  calls=$(cat "$T/count")
}
# digest_out OUT: the tree without publish.log and .cache.
digest_out() { tree_digest "$1" | grep -v -e ' \./publish\.log' -e ' \./\.cache' -e '^\./publish\.log' -e '^\./\.cache'; }

# -- build: every N from 0 to the last call -----------------------------
fresh
sed -i 's/^title: .*/title: 测试区人民政府（第2版）/' "$T/s/site.yaml"
counted "$GOVPUB" build --site "$T/s" --out "$T/out" -q -j1
check "build: the shim counts its calls" test "$calls" -gt 50
sed -i 's/^title: .*/title: 测试区人民政府（第3版）/' "$T/s/site.yaml"
tree_digest "$T/out" > "$T/before"
cp -a "$T/out" "$T/out.before"
served=$(readlink "$T/out/preview")
bad="" msg="" made=0
for n in $(seq 0 $((calls - 1))); do
  full "$n" "$GOVPUB" build --site "$T/s" --out "$T/out" -q -j1
  tree_digest "$T/out" > "$T/after"
  if [ $rc = 0 ]; then # only what follows the switch failed (the folder's fsync, pruning)
    made=$((made + 1))
    [ "$(readlink "$T/out/preview")" != "$served" ] || bad="$bad $n(exit 0, preview not moved)"
    grep -q '</html>' "$T/out/preview/index.html" || bad="$bad $n(exit 0, incomplete)"
    rm -rf "$T/out" && cp -a "$T/out.before" "$T/out"
    continue
  fi
  [ $rc = 3 ] || bad="$bad $n(exit $rc)"
  grep -q 'No space left on device$' "$T/err" || msg="$msg $n"
  tail -n 1 "$T/err" | grep -qE '^govpub: build failed: [0-9]+ errors?; out/preview is unchanged$' || msg="$msg $n(summary)"
  cmp -s "$T/after" "$T/before" || bad="$bad $n(out changed)"
done
echo "note hostile_enospc: build: $made of $calls points failed only after the switch (exit 0)"
check_eq "build: disk full after each of the $calls calls: exit 3, out/ byte-identical" "$bad" ""
check_eq "build: … each time the error and the summary say so" "$msg" ""
full 0 "$GOVPUB" build --site "$T/s" --out "$T/out" -q -j1
check_eq "build: the first error names the release folder" "$(head -n 1 "$T/err")" \
  "out/releases: error: cannot create a release folder: No space left on device"
full "$calls" "$GOVPUB" build --site "$T/s" --out "$T/out" -q -j1
check_eq "build: with room for every call it builds" "$rc" 0
check "build: … and the preview moved" test "$(readlink "$T/out/preview")" != "$served"

# -- publish (the sample portal: precompression, manifest, syncfs) -------
S=$T/site O=$T/site/out
sample_copy "$S"
"$GOVPUB" publish --site "$S" --trust "$TRUST" -q -j1 || fail "first publish"
sed -i 's/^description: .*/description: 云岭区人民政府门户网站（第2版）/' "$S/site.yaml"
sample_sign_site "$S"
counted "$GOVPUB" publish --site "$S" --trust "$TRUST" -q -j1
sed -i 's/^description: .*/description: 云岭区人民政府门户网站（第3版）/' "$S/site.yaml"
sample_sign_site "$S"
digest_out "$O" > "$T/before"
cp "$O/publish.log" "$T/log.before"
cp -a "$O" "$T/pub.before"
served=$(readlink "$O/current")
bad="" msg="" made=0
# 0-3 (the lock, the first folders), then 12 points spread over the run
for n in 0 1 2 3 $(seq 1 12 | awk -v c="$calls" '{ printf "%d\n", c * ($1 - 0.5) / 12 }'); do
  rm -rf "$O/.cache/brotli" # the same calls every time (a cache hit writes nothing)
  full "$n" "$GOVPUB" publish --site "$S" --trust "$TRUST" -q -j1
  "$GOVPUB" verify --out "$O" 2>/dev/null || bad="$bad $n(verify)"
  head -c "$(wc -c < "$T/log.before")" "$O/publish.log" | cmp -s - "$T/log.before" || bad="$bad $n(log rewritten)"
  if [ $rc = 0 ]; then
    made=$((made + 1))
    [ "$(readlink "$O/current")" != "$served" ] || bad="$bad $n(exit 0, current not moved)"
    rm -rf "$O" && cp -a "$T/pub.before" "$O"
    continue
  fi
  [ $rc = 3 ] || bad="$bad $n(exit $rc)"
  grep -q 'No space left on device$' "$T/err" || msg="$msg $n"
  digest_out "$O" > "$T/after"
  cmp -s "$T/after" "$T/before" || bad="$bad $n(out changed)"
  [ "$(readlink "$O/current")" = "$served" ] || bad="$bad $n(current moved)"
done
echo "note hostile_enospc: publish: $made of 16 points failed only after the switch (exit 0)"
check_eq "publish: disk full at 16 points of $calls calls: exit 3 and current and out/ untouched (or exit 0 with current switched), verify passes" "$bad" ""
check_eq "publish: … each time the error says so" "$msg" ""
"$GOVPUB" publish --site "$S" --trust "$TRUST" -q -j1
check_eq "publish: with room again it publishes" "$?" 0
check "publish: … current moved and verifies" sh -c \
  "test \"\$(readlink '$O/current')\" != '$served' && '$GOVPUB' verify --out '$O'"

#!/bin/sh
# Part of `make bench` (issue 10): signatures and brotli, cold and warm.
# A copy of the 1k-page bench site (the 10k one would spend minutes in
# brotli 11 alone) is given a roster of three reviewers and a roster
# signer (fresh ssh-keygen Ed25519 keys), and every document is approved in
# all three stages by $BUILD/tests/sign_site (tests/bench/sign_site.c:
# in-process signatures, the bytes ssh-keygen -Y sign writes).  Then
# `govpub publish` (the publishing build: review gate, inspection,
# precompress, manifest) runs twice into the same output folder:
#
#   cold: empty caches — every signature verified, every text file brotli'd;
#   warm: the same site again — signatures from <out>/.cache/verified-signatures
#         (sigcache.h), brotli output from <out>/.cache/brotli.
#
# Figures: wall time of each publish; from GOVPUB_TIMINGS=1 the review gate
# (reading and checking every record: signatures verified per second) and
# the precompress step (gzip 9 and brotli 11 of every text file: MB of text
# per second).  -j2.  Reports, never asserts a timing.
cd "$(dirname "$0")/../.." || exit 1
BENCH_NAME="bench publish"
. tests/bench/common.sh
SIGNER=$ROOT/$BUILD/tests/sign_site

[ -x "$GOVPUB" ] || die "$GOVPUB not found: build it with make"
[ -x "$SIGNER" ] || die "$SIGNER not found: build it with make unit"
corpus 1000 "$B/site-1k" >/dev/null
site "$B/site-1k"
workdir publish
mkdir -p "$W/keys" && cp -R "$B/site-1k" "$W/site" || die "cannot copy the bench site"

# What the inspection gate of a publish (govpub check) requires and the
# corpus lacks, added to the copy: 成文日期 (written:, the day of date:) on
# policy documents, a description and keywords on column pages, and the
# day freshness is judged on (check.as_of: the newest date of the corpus).
find "$W/site/content/policy" -name '*.md' ! -name '_index.md' -exec \
  sed -i '2,/^---$/{/^date: /{p;s/^date: \(....-..-..\).*/written: \1/}}' {} + &&
  find "$W/site/content" -name '_index.md' -exec \
    sed -i '2,/^---$/{/^title: /a description: 云岭区人民政府门户网站栏目（基准测试站点）\nkeywords: [云岭区, 政务公开]
}' {} + || die "cannot prepare the site"
newest=$(grep -rh '^date: ' "$W/site/content" | cut -c7-16 | sort | tail -n 1)
printf '\ncheck:\n  as_of: %s\n' "$newest" >> "$W/site/site.yaml"

for k in roster first second third; do
  ssh-keygen -q -t ed25519 -N '' -C "bench $k" -f "$W/keys/$k" || die "ssh-keygen failed"
done
cp "$W/keys/roster.pub" "$W/trust.pub"
{
  echo "# The bench site's review roster (tests/bench/publish.sh): fresh keys each run."
  echo "reviewers:"
  n=0
  for k in first second third; do
    n=$((n + 1))
    printf '  - id: %s\n    name: 审核人%d\n    stages: [%d]\n    key: %s\n    valid_after: 2024-01-01\n    valid_before: 2099-01-01\n' \
      "$k" "$n" "$n" "$(cat "$W/keys/$k.pub")"
  done
} > "$W/site/reviewers.yaml"
t0=$(date +%s%N)
signed=$("$SIGNER" "$W/site" 2025-06-01T10:00:00+08:00 "$W/keys/roster" \
  first="$W/keys/first" second="$W/keys/second" third="$W/keys/third") || die "signing the site failed"
sign_ms=$((($(date +%s%N) - t0) / 1000000))
signoffs=$(echo "$signed" | sed -n 's/.*: \([0-9]*\) sign-offs$/\1/p')

# publish NAME: one timed publish; sets ms, and NAME.err holds its timings.
publish() {
  t0=$(date +%s%N)
  GOVPUB_TIMINGS=1 "$GOVPUB" publish -j2 --site "$W/site" --out "$W/out" --trust "$W/trust.pub" \
    >"$W/$1.out" 2>"$W/$1.err" || { tail -n 25 "$W/$1.err" >&2; die "govpub publish ($1) failed"; }
  ms=$((($(date +%s%N) - t0) / 1000000))
}
phase() { sed -n "s/^timing: $2 *\([0-9.]*\) s,.*$/\1/p" "$W/$1.err"; }

publish cold
cold_ms=$ms
text=$(cd "$W/out/current" && find . -name '*.br' | sed 's/\.br$//' | xargs stat -c %s | awk '{ s += $1 } END { print s }')
nbr=$(find "$W/out/current/" -name '*.br' | wc -l)
sleep 1 # a release is named by the second it was made in
publish warm
warm_ms=$ms
hits=$(wc -l < "$W/out/.cache/verified-signatures")

echo "signatures and brotli: govpub publish -j2 of the 1k-page site, every document approved in 3 stages"
echo "  ($signed by sign_site in $(awk -v ms="$sign_ms" 'BEGIN { printf "%.2f", ms / 1000 }') s; $nbr text files precompressed, $(awk -v b="$text" 'BEGIN { printf "%.1f", b / 1e6 }') MB)"
awk -v c="$cold_ms" -v w="$warm_ms" -v n="$signoffs" -v mb="$text" -v hits="$hits" \
    -v rc="$(phase cold reviews)" -v rw="$(phase warm reviews)" \
    -v zc="$(phase cold compress)" -v zw="$(phase warm compress)" 'BEGIN {
  printf "  cold (empty caches): publish %.2f s; review gate %.3f s: %d signatures verified, %.0f/s on 2 threads (%.0f/s net of the warm gate'\''s time); precompress %.2f s: brotli 11 + gzip 9, %.2f MB/s of text\n",
         c / 1000, rc, n, n / rc, (rc > rw) ? n / (rc - rw) : 0, zc, mb / 1e6 / zc
  printf "  warm (caches of the cold run): publish %.2f s; review gate %.3f s (%d verified signatures cached); precompress %.2f s (brotli from the cache)\n",
         w / 1000, rw, hits, zw
  printf "  warm vs cold: publish %.2f×, review gate %.2f×, precompress %.2f× of the cold time\n", w / c, rw / rc, zw / zc }'

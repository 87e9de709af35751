#!/bin/sh
# seed.sh: (re)seeds tests/fuzz/corpus/ from the test fixtures, the sample
# portal and the Mustache spec (../shared/mustache-spec, when present).
# Run once before the first `make fuzz`; the fuzzer then minimises each
# corpus (tests/fuzz/run.sh), and the minimised corpora are committed.
set -eu
cd "$(dirname "$0")/../.."
C=tests/fuzz/corpus
n=0
seed() { # seed NAME FILE...
  name=$1; shift
  mkdir -p "$C/$name"
  for f; do [ -f "$f" ] && cp "$f" "$C/$name/seed-$(echo "$f" | tr '/' '_')"; done
  return 0
}
# one query a line (tests/fixtures/search-tokens.txt), the tokens dropped
mkdir -p "$C/search_query"
grep -v '^#' tests/fixtures/search-tokens.txt | cut -f1 | while IFS= read -r q; do
  n=$((n + 1)); printf '%s' "$q" >"$C/search_query/seed-$n"
done
seed markdown $(find content tests/fixtures -name '*.md' | sort)
seed front_matter $(find content tests/fixtures -name '*.md' | sort)
seed csv $(find charts tests/fixtures -name '*.csv' | sort)
seed site_yaml site.yaml $(find tests/fixtures -name site.yaml | sort)
# the roster, then "%%%%" and its signature
mkdir -p "$C/reviewers" "$C/words"
{ cat reviewers.yaml; echo '%%%%'; cat reviewers.yaml.sig; } >"$C/reviewers/seed-roster"
cp reviewers.yaml "$C/reviewers/seed-unsigned"
# a word list, then "%%%%" and the .txt list of the same name when there is one
for f in $(find words -name '*.yaml' | sort); do
  { cat "$f"; [ -f "${f%.yaml}.txt" ] && { echo '%%%%'; cat "${f%.yaml}.txt"; }; } \
    >"$C/words/seed-$(echo "$f" | tr '/' '_')" || true
done
# a manifest of the target's fixed tree (and the body it must verify)
mkdir -p "$C/manifest"
m=$C/manifest/seed-manifest
{ echo 'govpub-manifest 1'
  printf 'sha256:%s 16 index.html\n' "$(printf '<!doctype html>\n' | sha256sum | cut -d' ' -f1)"
  printf 'sha256:%s 7 news/a/index.html\n' "$(printf '新闻\n' | sha256sum | cut -d' ' -f1)"
} >"$m"
printf 'end sha256:%s\n' "$(sha256sum <"$m" | cut -d' ' -f1)" >>"$m"
seed mustache $(find themes tests/fixtures -name '*.mustache' | sort)
# a chart: the spec, a line "%%%%", the CSV it names
mkdir -p "$C/chart"
for spec in charts/*.yaml tests/fixtures/mini/charts/*.yaml; do
  [ -f "$spec" ] || continue
  csv=$(sed -n 's/^data: *//p' "$spec" | head -1)
  { sed 's/^data: .*/data: f.csv/' "$spec"; echo '%%%%'; cat "$(dirname "$spec")/${csv:-none}" 2>/dev/null || true; } \
    >"$C/chart/seed-$(basename "$spec")"
done
# review records and the signatures in them
seed signoff $(find reviews -name '*.yaml' | sort)
mkdir -p "$C/sshsig"
i=0
for f in $(find reviews -name '*.yaml' | sort | head -20) reviewers.yaml.sig; do
  i=$((i + 1))
  awk '/-----BEGIN SSH SIGNATURE-----/{on=1} on{sub(/^ +/, ""); print} /-----END SSH SIGNATURE-----/{if(on) exit}' "$f" \
    >"$C/sshsig/seed-$i"
done
# the incremental build's state (out/.cache/preview-state) of the mini
# fixture site, made by build/govpub (`make` first): whole; whole with a
# long page and 16 short ones added; then with a patch after an edit
if [ -x build/govpub ]; then
  w=$(mktemp -d)
  cp -R tests/fixtures/mini "$w/s"
  mkdir -p "$C/state"
  state() { GOVPUB_DATADIR=$PWD build/govpub build --site "$w/s" --out "$w/o" -q && cp "$w/o/.cache/preview-state" "$C/state/seed-$1"; }
  state whole
  { printf -- '---\ntitle: 长页\ndate: 2024-05-01\ntags: [数据, 统计, 公报]\n---\n\n'
    i=0; while [ $i -lt 200 ]; do echo "第 $i 段：全区数据资源目录持续完善。"; i=$((i + 1)); done; } >"$w/s/content/news/long.md"
  i=0; while [ $i -lt 16 ]; do
    printf -- '---\ntitle: 第%d期数据简报\ndate: 2024-06-%02d\n---\n\n简报正文。\n' $i $((i % 28 + 1)) >"$w/s/content/news/brief-$i.md"
    i=$((i + 1))
  done
  state long
  sleep 2 # (a folder changed within two seconds of its listing is listed again: the patch keeps the listing)
  printf '\n补充一句。\n' >>"$w/s/content/news/brief-7.md"
  state patched
  rm -rf "$w"
fi
# the Mustache spec: each test's template, then "%%%%" and its first partial
if [ -d ../shared/mustache-spec ]; then
  python3 - "$C/mustache" ../shared/mustache-spec/*.yml <<'PY'
import sys, yaml, os
out = sys.argv[1]
for path in sys.argv[2:]:
    spec = yaml.safe_load(open(path, encoding='utf-8'))
    for i, t in enumerate(spec.get('tests', [])):
        text = t['template']
        parts = t.get('partials') or {}
        if parts:
            text += '\n%%%%\n' + next(iter(parts.values()))
        name = 'spec-%s-%d' % (os.path.basename(path).split('.')[0].strip('~'), i)
        open(os.path.join(out, name), 'w', encoding='utf-8').write(text)
PY
fi

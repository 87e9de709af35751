# Helpers of the hostile_*.sh tests (sourced after tests/cli/lib.sh).
# `refused NAME` is lib.sh's `expect` (exact stderr, exit 1, served links
# unchanged) plus the proof that the whole output tree is byte-identical to
# before: every path, its type, link target and SHA-256.

# tree_digest DIR: one line per entry below DIR, sorted.
tree_digest() {
  (cd "$1" && find . -printf '%p %y %l\n' | LC_ALL=C sort &&
    find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum)
}

# A fresh copy of the mini fixture in $T/s, built once into $T/out so that
# every refused build has a served preview to leave alone.
fresh() {
  rm -rf "$T/s"
  site_copy mini s
  if [ ! -e "$T/out/preview" ]; then
    "$GOVPUB" build --site "$T/s" --out "$T/out" -q || fail "baseline build"
  fi
}

# refused NAME < expected-stderr
refused() {
  tree_digest "$T/out" > "$T/digest.before"
  expect "$1"
  tree_digest "$T/out" > "$T/digest.after"
  if cmp -s "$T/digest.before" "$T/digest.after"; then ok "$1: out/ byte-identical"; else
    fail "$1: out/ changed"; diff "$T/digest.before" "$T/digest.after" | head -20
  fi
}

# page NAME FRONT-MATTER-LINES BODY: writes content/news/NAME.md (titled NAME).
page() {
  printf -- '---\ntitle: %s\ndate: 2024-03-01\n%b---\n%s\n' "$1" "$2" "$3" > "$T/s/content/news/$1.md"
}

# Shared by the bench scripts (sourced after `cd` to the repository root):
# where things are, how a bench stops and how the bench sites are made.
# BUILD (default build) names the build folder, GOVPUB the binary,
# BENCH_RUNS the runs per timing.
set -u
ROOT=$PWD
BUILD=${BUILD:-build}
GOVPUB=${GOVPUB:-$ROOT/$BUILD/govpub}
RUNS=${BENCH_RUNS:-3}
SHARED=$(cd "$ROOT/../shared" 2>/dev/null && pwd) || SHARED=/work/shared
B=$ROOT/$BUILD/bench
GEN=$SHARED/bench/gen-corpus

# die MESSAGE: the bench failed ($BENCH_NAME says which).
die() {
  echo "${BENCH_NAME:-bench}: $*" >&2
  exit 1
}

# corpus PAGES DIR [WORDS_FILE WORDS]: gen-corpus into DIR (with WORDS
# dictionary terms planted and written to WORDS_FILE) unless DIR already holds
# the output of the same arguments and the same gen-corpus.
corpus() {
  pages=$1 dir=$2 words_file=${3-} words=${4-}
  set -- --pages "$pages" --seed 1
  if [ -n "$words_file" ]; then set -- "$@" --words-out "$words_file" --words "$words"; fi
  stamp="$* $(sha256sum <"$GEN" | cut -c1-64)"
  if [ -f "$dir/.gen-corpus" ] && [ "$(cat "$dir/.gen-corpus")" = "$stamp" ] &&
     { [ -z "$words_file" ] || [ -f "$words_file.planted.tsv" ]; }; then
    echo "corpus $pages pages: reusing $dir"
    return 0
  fi
  echo "corpus $pages pages: generating into $dir"
  rm -rf "$dir/content" "$dir/data" "$dir/.gen-corpus"
  python3 "$GEN" "$@" --out "$dir" || die "gen-corpus failed ($*)"
  printf '%s\n' "$stamp" >"$dir/.gen-corpus"
}

# site DIR: puts the bench configuration next to the generated content.
site() {
  cp "$ROOT/tests/bench/site.yaml" "$1/site.yaml" || exit 1
  rm -rf "$1/static" "$1/themes"
  cp -R "$ROOT/tests/bench/static" "$1/static" || exit 1
  if [ -d "$ROOT/themes" ]; then ln -s "$ROOT/themes" "$1/themes" || exit 1; fi
}

# workdir NAME: sets W, the folder a bench script writes its builds into:
# $BENCH_RUNS_DIR/NAME when run.sh gives its runs folder (removed when the
# whole bench ends: deleting thousands of files between timings slows the
# next ones, see run.sh), else $B/NAME.<pid>, removed when the script ends.
workdir() {
  if [ -n "${BENCH_RUNS_DIR-}" ]; then
    W=$BENCH_RUNS_DIR/$1
  else
    W=$B/$1.$$
    trap 'rm -rf "$W"' EXIT
  fi
  rm -rf "$W" && mkdir -p "$W" || exit 1
}

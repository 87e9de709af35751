# Shared by the bench scripts (sourced after `cd` to the repository root):
# where things are and how a bench stops.  BUILD (default build) names the
# build folder, GOVPUB the binary, BENCH_RUNS the runs per timing.
set -u
ROOT=$PWD
BUILD=${BUILD:-build}
GOVPUB=${GOVPUB:-$ROOT/$BUILD/govpub}
RUNS=${BENCH_RUNS:-3}
SHARED=$(cd "$ROOT/../shared" 2>/dev/null && pwd) || SHARED=/work/shared
B=$ROOT/$BUILD/bench

# die MESSAGE: the bench failed ($BENCH_NAME says which).
die() {
  echo "${BENCH_NAME:-bench}: $*" >&2
  exit 1
}

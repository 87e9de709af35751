#!/bin/sh
# Differential test of incremental builds (docs/incremental.md): random
# edit sequences (fixed seeds, a bounded number of steps) on a copy of the
# sample portal and on a small gen-corpus portal; after each step the
# incremental `govpub build` must equal `govpub build --full` into a fresh
# folder — the exit code, the errors, every file of the preview — and a
# failed build must leave the output folder as it was; then a shorter
# sequence through `govpub serve`'s rebuilds.  The edits, the comparison
# and what it leaves out (and why) are in incremental_diff.py; the fixed
# cases of the bugs it found run first (--replay).
# INCREMENTAL_DIFF_STEPS=N runs N steps on the sample (default 45, about
# a minute in all; a third of that on the others) for a longer hunt;
# INCREMENTAL_DIFF_SEED picks another sequence.
. "$(dirname "$0")/lib.sh"

export GOVPUB_DATADIR="$ROOT"
unset GOVPUB_TIMINGS
GEN=$ROOT/../shared/bench/gen-corpus
[ -f "$GEN" ] || GEN=/work/shared/bench/gen-corpus
steps=${INCREMENTAL_DIFF_STEPS:-45}
seed=${INCREMENTAL_DIFF_SEED:-1}
run() { python3 "$ROOT/tests/cli/incremental_diff.py" --govpub "$GOVPUB" "$@"; }

# the regression cases, each on a fresh copy of the sample
for case in $(python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import incremental_diff as d; print(*sorted(d.CASES))' "$ROOT/tests/cli"); do
  sample_copy "$T/case-$case"
  run --site "$T/case-$case" --work "$T/w-case-$case" --label "$case" --case "$case"
done

sample_copy "$T/sample"
run --site "$T/sample" --work "$T/w-sample" --label sample --seed "$seed" --steps "$steps"

# the bench's portal (tests/bench/common.sh: gen-corpus beside the bench
# configuration), small; its theme a copy, as the edits change it
python3 "$GEN" --pages 60 --seed 1 --out "$T/corpus" >/dev/null
cp "$ROOT/tests/bench/site.yaml" "$T/corpus/site.yaml"
cp -R "$ROOT/tests/bench/static" "$T/corpus/static"
cp -R "$ROOT/themes" "$T/corpus/themes"
run --site "$T/corpus" --work "$T/w-corpus" --label corpus --seed "$seed" --steps $((steps / 3))

sample_copy "$T/served"
run --site "$T/served" --work "$T/w-serve" --label serve --seed "$seed" --steps $((steps / 3)) --serve

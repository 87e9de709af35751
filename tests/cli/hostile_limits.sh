#!/bin/sh
# Resource limits: inputs built to exhaust memory, stack or time — a YAML
# alias bomb (billion laughs), an alias to its own list, deep nesting in
# front matter and site.yaml, a 100 MB Markdown file, a million-line CSV, a
# partial that includes itself, cmark's pathological inputs.  Each gives
# its exact error, or builds; out/ stays byte-identical after every refused
# build.  `ulimit -v` and `timeout` only guard the machine (a runaway would
# fail as a crash or exit 124, not hang the suite); the assertion is the
# output.  Big inputs are generated here, in the test's mktemp folder.
. "$(dirname "$0")/lib.sh"
. "$ROOT/tests/tools/hostile_lib.sh"
ulimit -v 2000000 2>/dev/null || true # 2 GB of address space (ASan reserves more: see below)
case $(ldd "$GOVPUB" 2>/dev/null) in *libasan*) ulimit -v unlimited 2>/dev/null ;; esac

fresh
python3 - "$T/s/content/news/bomb.md" <<'PY'
import sys
lines = ['---', 'title: 炸弹', 'date: 2024-03-01', 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]']
lines += ['a%d: &a%d [%s]' % (i, i, ', '.join(['*a%d' % (i - 1)] * 9)) for i in range(1, 10)]
open(sys.argv[1], 'w').write('\n'.join(lines + ['---', '正文', '']))
PY
page cycle 'list: &l [1, *l]\n' '正文'
refused "alias bomb and an alias to its own list" <<'X'
content/news/bomb.md:10:10: error: YAML aliases expand to over 1000000 values
  hint: write the values out, or use fewer aliases
content/news/cycle.md:4:14: error: alias *l refers to a list or mapping that contains it
  hint: write the value out instead of referring to the list or mapping around it
govpub: build failed: 2 errors; OUT/preview is unchanged
X

fresh
page deep "x: $(printf '%.0s[' $(seq 100000))$(printf '%.0s]' $(seq 100000))\n" '正文'
refused "deep nesting in front matter" <<'X'
content/news/deep.md:4:66: error: YAML nested too deeply
  hint: flatten the structure
govpub: build failed: 1 error; OUT/preview is unchanged
X

fresh
printf 'extra: %s\n' "$(printf '%.0s{a: ' $(seq 70))1$(printf '%.0s}' $(seq 70))" >> "$T/s/site.yaml"
refused "deep nesting in site.yaml" <<'X'
site.yaml:44:256: error: YAML nested too deeply
  hint: flatten the structure
govpub: build failed: 1 error; OUT/preview is unchanged
X

#!/bin/sh
# Bad input: the exact diagnostics (every problem of a run, sorted), exit 1,
# and nothing served changes.
. "$(dirname "$0")/lib.sh"

# expect NAME: builds $T/s (prepared by the caller) and compares stderr with
# the text on standard input; then checks the served preview is unchanged.
expect() {
  before=$(readlink "$T/out/preview")
  nrel=$(ls "$T/out/releases" | wc -l)
  "$GOVPUB" build --site "$T/s" --out "$T/out" -q 2>"$T/got"
  rc=$?
  sed "s#$T/s/##g; s#$T/out#OUT#g" "$T/got" > "$T/got.rel"
  cat > "$T/want"
  if [ $rc -eq 1 ] && diff -u "$T/want" "$T/got.rel" > "$T/diff"; then ok "$1"; else
    fail "$1 (exit $rc)"; cat "$T/diff"
  fi
  check_eq "$1: served preview unchanged" "$(readlink "$T/out/preview")" "$before"
  check_eq "$1: no release left behind" "$(ls "$T/out/releases" | wc -l)" "$nrel"
}
fresh() { rm -rf "$T/s"; cp -R "$ROOT/tests/fixtures/mini" "$T/s"; }

fresh
"$GOVPUB" build --site "$T/s" --out "$T/out" -q
check_eq "baseline build" "$?" 0

fresh
sed -i 's/^doc_no: .*/doc_no: 测政发[2024]01号/; s/^written: .*/written: 2024-02-30/; s/^index_no: .*/index_no: 2024-1/' "$T/s/content/policy/rules.md"
sed -i 's/^date: 2024-02-10/date: 2024-13-10/' "$T/s/content/news/b.md"
expect "field formats" <<'X'
content/news/b.md:3:7: error: "date" is not a valid date and time: "2024-13-10"
  hint: write it as 2024-11-20 or 2024-11-20T10:12:00+08:00
content/policy/rules.md:4:11: error: "index_no" "2024-1" is not a valid 索引号
  hint: write 索引号 as <机构代码>/<年份>-<5位序号>, e.g. 11530199MB0000000X/2024-00012
content/policy/rules.md:7:10: error: "written" is not a valid date: "2024-02-30"
  hint: write the date as YYYY-MM-DD, e.g. 2024-11-20
content/policy/rules.md:8:9: error: "doc_no" "测政发[2024]01号" is not a valid 文号: the year must stand in six-corner brackets 〔〕, not [] () 【】 or （）
  hint: write 文号 like 区数据资源局〔2024〕12号
govpub: build failed: 4 errors; OUT/preview is unchanged
X

#!/bin/sh
# Long options are taken by their full name only: an abbreviation that
# getopt_long would take (--pub for --publish) or find ambiguous (--s for
# --site or --stage) is a usage error (exit 2) whose hint names the options
# it begins, and nothing runs.  Full names, and their --opt=value form, work.
. "$(dirname "$0")/lib.sh"

cp -R "$ROOT/tests/fixtures/mini" "$T/s"

# refused NAME ARGS...: govpub ARGS exits 2 with standard input as its
# standard error, and writes nothing into the site
refused() {
  name=$1; shift
  cat > "$T/want"
  (cd "$T/s" && "$GOVPUB" "$@" > "$T/stdout" 2> "$T/err")
  rc=$?
  if [ $rc -eq 2 ] && diff -u "$T/want" "$T/err" > "$T/diff"; then ok "$name"; else
    fail "$name (exit $rc)"; cat "$T/diff"
  fi
  check_eq "$name: nothing on standard output" "$(cat "$T/stdout")" ""
  check "$name: nothing built" test ! -e "$T/s/out"
}

refused "build --pub (--publish)" build --pub <<'X'
govpub: error: unknown option "--pub"
  hint: did you mean --publish? (options are not abbreviated)
X
refused "build --si=DIR (--site), the =value form" build --si=. <<'X'
govpub: error: unknown option "--si"
  hint: did you mean --site? (options are not abbreviated)
X
refused "build --si without its value" build --si <<'X'
govpub: error: unknown option "--si"
  hint: did you mean --site? (options are not abbreviated)
X
refused "build: after options given in full" build --site . -q --tr KEY <<'X'
govpub: error: unknown option "--tr"
  hint: did you mean --trust? (options are not abbreviated)
X
refused "publish --tru FILE (--trust)" publish --tru x.pub <<'X'
govpub: error: unknown option "--tru"
  hint: did you mean --trust? (options are not abbreviated)
X
refused "review status --pend (--pending)" review status --pend <<'X'
govpub: error: unknown option "--pend"
  hint: did you mean --pending? (options are not abbreviated)
X
refused "review sign --s N: ambiguous (--site, --stage)" review sign content/news/a.md --s 1 --key k <<'X'
govpub: error: unknown option "--s"
  hint: did you mean --site or --stage? (options are not abbreviated)
X
refused "review sign --new (--new-round)" review sign content/news/a.md --new --stage 1 --key k <<'X'
govpub: error: unknown option "--new"
  hint: did you mean --new-round? (options are not abbreviated)
X
refused "scan --wor DIR (--words)" scan --wor words <<'X'
govpub: error: unknown option "--wor"
  hint: did you mean --words? (options are not abbreviated)
X
refused "scan --format=js, an abbreviated option before it" scan --for=json <<'X'
govpub: error: unknown option "--for"
  hint: did you mean --format? (options are not abbreviated)
X
# (no port: were --por taken, serve would refuse 99999 rather than serve)
refused "serve --por N (--port)" serve --por 99999 <<'X'
govpub: error: unknown option "--por"
  hint: did you mean --port? (options are not abbreviated)
X
refused "check --ou: ambiguous (--out, --output)" check --ou out <<'X'
govpub: error: unknown option "--ou"
  hint: did you mean --out or --output? (options are not abbreviated)
X
refused "check --outp DIR (--output)" check --outp out/preview <<'X'
govpub: error: unknown option "--outp"
  hint: did you mean --output? (options are not abbreviated)
X
refused "chart --nar (--narrow)" chart charts/x.yaml -o x.svg --nar <<'X'
govpub: error: unknown option "--nar"
  hint: did you mean --narrow? (options are not abbreviated)
X
refused "report --out (--output)" report --year 2024 --out x.md <<'X'
govpub: error: unknown option "--out"
  hint: did you mean --output? (options are not abbreviated)
X
refused "init --ti (--title)" init --ti 统计局 tjj <<'X'
govpub: error: unknown option "--ti"
  hint: did you mean --title? (options are not abbreviated)
X
refused "new --da (--date)" new --da 2025-01-10 news/x.md <<'X'
govpub: error: unknown option "--da"
  hint: did you mean --date? (options are not abbreviated)
X
refused "verify --pub (--publisher; not releases' --publisher-key)" verify --pub k.pub <<'X'
govpub: error: unknown option "--pub"
  hint: did you mean --publisher? (options are not abbreviated)
X
refused "releases --se (--seal; not verify's --seen)" releases --se <<'X'
govpub: error: unknown option "--se"
  hint: did you mean --seal? (options are not abbreviated)
X
refused "deploy --tar NAME (--target)" deploy --tar web1 <<'X'
govpub: error: unknown option "--tar"
  hint: did you mean --target? (options are not abbreviated)
X
# an abbreviation of only another command's options is just unknown here
refused "rollback --se: no option of rollback's" rollback --se <<'X'
govpub: error: unknown or incomplete option "--se"
  hint: run `govpub rollback --help`
X
refused "releases --seen=FILE: verify's option, by its name" releases --seen=x <<'X'
govpub: error: unknown option "--seen"
  hint: run `govpub releases --help`
X

# An unknown short option is named as given, also inside a cluster (where
# getopt has not left the cluster yet: the element before it is no answer),
# by every command alike.
refused "build -Zq: the short option, not the element before it" build --site . -Zq <<'X'
govpub: error: unknown or incomplete option "-Z"
  hint: run `govpub build --help`
X
refused "build -j without its value" build -q -j <<'X'
govpub: error: unknown or incomplete option "-j"
  hint: run `govpub build --help`
X
refused "serve: the same message as the other commands" serve --nope <<'X'
govpub: error: unknown or incomplete option "--nope"
  hint: run `govpub serve --help`
X
refused "review status -Zq" review status --site . -Zq <<'X'
govpub: error: unknown or incomplete option "-Z"
  hint: run `govpub review --help`
X
refused "releases -Zq (the shared command line)" releases --site . -Zq <<'X'
govpub: error: unknown or incomplete option "-Z"
  hint: run `govpub releases --help`
X

# Full names work, with the value after a space or an =; a value that looks
# like an abbreviation is a value.
"$GOVPUB" build --site "$T/s" --out "$T/o1" --quiet 2> "$T/err"
check_eq "build --site DIR --out DIR --quiet" "$?/$(cat "$T/err")" "0/"
"$GOVPUB" build --site="$T/s" --out="$T/o2" --jobs=1 -q 2> "$T/err"
check_eq "build --site=DIR --out=DIR --jobs=1" "$?/$(cat "$T/err")" "0/"
check_eq "the =value form builds the same site" "$(ls "$T/o2/preview" | wc -l)" "$(ls "$T/o1/preview" | wc -l)"
"$GOVPUB" check --site="$ROOT" --today=2025-01-16 --format=json > "$T/check.json" 2> /dev/null
check_eq "check --site=DIR --today=DATE --format=json" "$?/$(grep '"as_of"' "$T/check.json")" '0/  "as_of": "2025-01-16",'
"$GOVPUB" scan --words="$ROOT/words" --format sarif --gap=2 -q "$T/s/content" > "$T/scan.sarif" 2> "$T/err"
check_eq "scan --words=DIR --format sarif --gap=2" "$?/$(grep -c '"version": "2.1.0"' "$T/scan.sarif")" "0/1"
"$GOVPUB" review status --site="$ROOT" --pending > "$T/status" 2> /dev/null
check_eq "review status --site=DIR --pending" "$?/$(grep -c 'documents approved' "$T/status")" "0/1"
"$GOVPUB" releases --out="$T/o1" > /dev/null 2> "$T/err"
check_eq "releases --out=DIR" "$?/$(cat "$T/err")" "0/"
GOVPUB_DATADIR=$ROOT "$GOVPUB" init --title --ti "$T/tjj" > /dev/null 2> "$T/err"
check_eq "init --title --ti: the title is \"--ti\"" "$?/$(grep '^title:' "$T/tjj/site.yaml")" '0/title: "--ti"'

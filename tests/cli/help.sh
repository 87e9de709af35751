#!/bin/sh
# The options each command takes, its --help and the document its users
# read, kept in step: every option a command accepts is in its --help and
# in that document, and every option its --help lists is accepted.
# What a command accepts is asked of govpub itself: an option given a value,
# then --help, prints the help (or a complaint about the value); an option
# the command does not take is a usage error calling it unknown; a flag
# refuses a value, so it is tried bare too.  The names tried are those of
# the sources' option tables and getopt strings and of every --help.
. "$(dirname "$0")/lib.sh"

# The document that tells a command's users how to run it.
doc_of() {
  case $1 in
    init|build|publish|releases|rollback|verify|deploy) echo docs/operators.md ;;
    new|serve) echo docs/editors.md ;;
    chart) echo docs/charts.md ;;
    scan) echo docs/scan.md ;;
    check) echo docs/check.md ;;
    review) echo docs/reviewers.md ;;
    report) echo docs/report.md ;;
    *) echo "docs of $1: unknown to tests/cli/help.sh" ;;
  esac
}

# The command line that reads a command's options: review's come after its
# subcommand (its words are split where it is used, unquoted).
run_of() { [ "$1" = review ] && echo "review status" || echo "$1"; }

# unknown FILE: FILE (standard error) calls an option unknown
unknown() { grep -qE 'unknown (or incomplete )?option' "$1"; }

# accepts CMD OPTION: the command takes OPTION (--name or -x)
accepts() {
  case $2 in --*) with="$2=1" ;; *) with="$2"1 ;; esac
  "$GOVPUB" $(run_of "$1") "$with" --help > /dev/null 2> "$T/err" && return 0
  unknown "$T/err" || return 0
  "$GOVPUB" $(run_of "$1") "$2" --help > /dev/null 2>&1
}

# listed HELP: the options a --help lists as the command's own: the usage
# paragraph's, the first of each option line, those of review's commands
listed() {
  { sed -n '/^usage:/,/^$/p' "$1" | grep -oE -- '--[a-z][a-z-]*'
    grep -oE -- '^ +(-[a-zA-Z], )?--[a-z][a-z-]*' "$1" | grep -oE -- '--[a-z][a-z-]*'
    sed -n '/^commands:/,/^$/p' "$1" | grep -E '^  [a-z]' | grep -oE -- '--[a-z][a-z-]*'
  } | sort -u
}

commands=$("$GOVPUB" --help | sed -n '/^commands:/,/^$/p' | awk 'NF > 1 {print $1}')
check_eq "govpub --help lists the commands" "$(echo $commands)" \
  "init new build chart scan check review serve publish releases rollback verify deploy report"
check_eq "govpub --help: deploy's targets are in deploy.yaml" \
  "$("$GOVPUB" --help | grep '^  deploy ')" "  deploy     copy a release to the servers in deploy.yaml, switch, verify"
for c in $commands; do "$GOVPUB" "$c" --help > "$T/help.$c" 2>&1; done

longs=$({ grep -ohE '\{"[a-z][a-z-]*", *((required|no|optional)_argument|CMDLINE_)' "$ROOT"/generator/*.c |
            grep -oE '[a-z][a-z-]*' | grep -vE '_argument$'
          cat "$T"/help.* | grep -oE -- '--[a-z][a-z-]*' | sed 's/^--//'; } | sort -u)
shorts=$({ grep -ohE 'cmdline_getopt\([^"]*"[^"]*"' "$ROOT"/generator/*.c | sed 's/.*"\([^"]*\)"$/\1/' | grep -oE '[a-zA-Z]'
           cat "$T"/help.* | grep -oE -- '(^|[ [])-[a-zA-Z]([ ,]|$)' | grep -oE '[a-zA-Z]'; } | sort -u)
check "the sources' option tables are found" test "$(echo "$longs" | wc -l)" -gt 30

for c in $commands; do
  help=$T/help.$c doc=$ROOT/$(doc_of "$c")
  check "$c: its document $(doc_of "$c") is there" test -f "$doc"
  : > "$T/took"
  for n in $longs; do
    [ "$n" = help ] && continue
    accepts "$c" "--$n" || continue
    echo "--$n" >> "$T/took"
    check_file_has "$c takes --$n: its --help says so" "$help" "--$n"
    short=$(grep -oE -- "-[a-zA-Z], --$n([^a-z-]|\$)" "$help" | cut -c1-2)
    if grep -qE -- "--$n([^a-z-]|\$)" "$doc" || { [ -n "$short" ] && grep -qE -- "(^|[^a-zA-Z0-9-])$short([^a-zA-Z0-9-]|\$)" "$doc"; }; then
      ok "$c takes --$n: $(doc_of "$c") says so"
    else
      fail "$c takes --$n: $(doc_of "$c") never names it"
    fi
  done
  for l in $shorts; do
    [ "$l" = h ] && continue
    accepts "$c" "-$l" || continue
    if grep -qE -- "(^|[ [])-$l([ ,]|\$)" "$help"; then ok "$c takes -$l: its --help says so"
    else fail "$c takes -$l: its --help never names it"; fi
  done
  for o in $(listed "$help"); do
    [ "$o" = --help ] && continue
    if grep -qx -- "$o" "$T/took"; then ok "$c --help lists $o: $c takes it"
    else fail "$c --help lists $o: $c does not take it"; fi
  done
done

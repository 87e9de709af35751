#!/bin/sh
# The bench's site signer ($BUILD/tests/sign_site, tests/bench/sign_site.c)
# makes records govpub accepts: on a copy of the sample portal with its
# review history removed, signed with the SAMPLE keys, the roster signature
# is byte for byte the committed reviewers.yaml.sig (made by ssh-keygen),
# `govpub review verify` finds every document approved and every record
# valid, each record holds exactly its three stages, and a publishing build
# keeps every page.  Refusals: a wrong argument, a key that is not Ed25519.
. "$(dirname "$0")/lib.sh"

SIGNER=$ROOT/${BUILD:-build}/tests/sign_site
K=$ROOT/samples/keys
S=$T/site
sample_copy "$S"
rm -rf "$S/reviews" "$S/reviewers.yaml.sig"

"$GOVPUB" review status --site "$S" --trust "$TRUST" > "$T/before" 2>&1
ndocs=$(grep -c '^content/.* awaiting 初审' "$T/before")
check "the copy has documents to sign, none approved" test "$ndocs" -gt 50 -a "$(grep -c '^content/.* approved' "$T/before")" = 0
check_eq "status's count: none approved" "$(tail -n 1 "$T/before")" \
  "0 of $ndocs documents approved ($ndocs awaiting 初审); the site's own files never reviewed"
"$SIGNER" "$S" 2025-06-01T10:00:00+08:00 "$K/roster-signer" \
  zhang.wei="$K/zhang.wei" li.na="$K/li.na" wang.qiang="$K/wang.qiang" > "$T/out" 2> "$T/err"
check_eq "sign_site: exit 0" "$?" 0
check_eq "sign_site: what it says" "$(cat "$T/out")" "signed $ndocs documents and the site: $(((ndocs + 1) * 3)) sign-offs"
check "the roster signature: the bytes ssh-keygen made" cmp "$S/reviewers.yaml.sig" "$ROOT/reviewers.yaml.sig"
"$GOVPUB" review verify --site "$S" --trust "$TRUST" > "$T/verify" 2>&1
check_eq "govpub review verify: every document approved, every record valid" "$(cat "$T/verify")" \
  "$ndocs of $ndocs documents approved, the site's own files approved; every record verifies"
rec=$S/reviews/policy/2024-one-thing-plan.md.yaml
check_eq "a record: the three stages in order, by the three reviewers, at the time given" \
  "$(grep -E '^      (stage|reviewer|time|previous):' "$rec" | sed 's/^ *//; s/sha256:.*/sha256/' | tr '\n' ';')" \
  "stage: 1;reviewer: zhang.wei;time: 2025-06-01T10:00:00+08:00;previous: none;stage: 2;reviewer: li.na;time: 2025-06-01T10:00:00+08:00;previous: sha256;stage: 3;reviewer: wang.qiang;time: 2025-06-01T10:00:00+08:00;previous: sha256;"
"$GOVPUB" build --site "$S" --out "$T/out-pub" --publish --trust "$TRUST" -q > "$T/build" 2>&1
check_eq "a publishing build: exit 0" "$?" 0
check_file_lacks "a publishing build: nothing withheld" "$T/build" "withheld"

"$SIGNER" "$S" 2025-06-01T10:00:00+08:00 "$K/roster-signer" zhang.wei > "$T/out" 2> "$T/err"
check_eq "too few arguments: exit 2" "$?" 2
"$SIGNER" "$S" 2025-06-01T10:00:00+08:00 "$K/roster-signer" zhang.wei="$K/zhang.wei.pub" li.na="$K/li.na" \
  wang.qiang="$K/wang.qiang" > "$T/out" 2> "$T/err"
check_eq "a public key for a private one: exit 1" "$?" 1
check_eq "a public key for a private one: the message" "$(cat "$T/err")" \
  "sign_site: not an OpenSSH private key file: $K/zhang.wei.pub"

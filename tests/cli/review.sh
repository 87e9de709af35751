#!/bin/sh
# 三审制 end to end on the mini fixture: real ssh-keygen keys (ed25519, one
# RSA), signing through govpub (also via ssh-agent), the publishing gate, and
# every attack of docs/reviewers.md's threat model refused.
. "$(dirname "$0")/lib.sh"
K="$T/keys"; mkdir -p "$K"
for k in anchor zhang li wang mallory; do ssh-keygen -q -t ed25519 -N "" -C "$k" -f "$K/$k"; done
ssh-keygen -q -t rsa -b 3072 -N "" -C zhao -f "$K/zhao"
site_copy mini s
S="$T/s"
roster() { # roster [extra reviewer yaml...]
  {
    echo "reviewers:"
    for r in "zhang|张伟|1|zhang" "li|李娜|2|li" "wang|王强|3|wang" "zhao|赵敏|2|zhao"; do
      IFS='|' read -r id name st key <<X
$r
X
      printf '  - id: %s\n    name: %s\n    stages: [%s]\n    key: %s\n    valid_after: 2020-01-01\n    valid_before: 2099-01-01\n' \
        "$id" "$name" "$st" "$(cat "$K/$key.pub")"
    done
  } > "$S/reviewers.yaml"
}
roster
G() { "$GOVPUB" "$@" --site "$S" 2>>"$T/err"; }
G review sign-roster --key "$K/anchor" >/dev/null
check_eq "roster signed" "$?" 0
TRUST="$T/trust.pub"; cp "$K/anchor.pub" "$TRUST"
# sign-roster with a trust anchor known (--trust, GOVPUB_TRUST): a key the
# anchor does not hold is refused there, not at the next publish; the
# roster's signature is left as it was
cp "$S/reviewers.yaml.sig" "$T/roster.sig"
fp=$(ssh-keygen -lf "$K/mallory.pub" | cut -d' ' -f2)
"$GOVPUB" review sign-roster --site "$S" --trust "$TRUST" --key "$K/mallory" > "$T/sr.out" 2> "$T/sr.err"
check_eq "sign-roster, a key not in the trust anchor: refused (exit 1)" "$?:$(cat "$T/sr.out")" "1:"
same "sign-roster, a key not in the trust anchor: said" "$T/sr.err" <<X
$K/mallory.pub: error: key $fp is not in the trust anchor $TRUST: a roster it signs is not trusted
  hint: sign with a key the trust anchor holds; or, if this key is to sign the roster from now on, add its .pub line to $TRUST (on the publishing host too)
X
check "sign-roster, a key not in the trust anchor: the signature unchanged" cmp "$S/reviewers.yaml.sig" "$T/roster.sig"
GOVPUB_TRUST=$TRUST "$GOVPUB" review sign-roster --site "$S" --key "$K/mallory" > /dev/null 2> "$T/sr.err"
check_eq "sign-roster, GOVPUB_TRUST: the same refusal" "$?:$(head -1 "$T/sr.err")" \
  "1:$K/mallory.pub: error: key $fp is not in the trust anchor $TRUST: a roster it signs is not trusted"
"$GOVPUB" review sign-roster --site "$S" --trust "$T/nope.pub" --key "$K/anchor" > /dev/null 2> "$T/sr.err"
same "sign-roster, a trust anchor that cannot be read: said" "$T/sr.err" <<X
$T/nope.pub: error: cannot read the trust anchor: No such file or directory
  hint: give --trust (or GOVPUB_TRUST) the file of the public keys that may sign reviewers.yaml
X
"$GOVPUB" review sign-roster --site "$S" --trust "$TRUST" --key "$K/anchor" > "$T/sr.out" 2> "$T/sr.err"
check_eq "sign-roster, the anchor's key: signed" "$?:$(cat "$T/sr.err")" "0:"
# ssh-keygen ignores a private key others may read (git checks files out
# 0644): the hint says what to do, and the @@@ frame of its warning is gone
cp "$K/zhang" "$K/zhang.pub" "$T/" && chmod 644 "$T/zhang"
for c in "sign-roster" "sign content/news/a.md --stage 1"; do
  # shellcheck disable=SC2086
  "$GOVPUB" review $c --site "$S" --key "$T/zhang" >/dev/null 2>"$T/open.err"
  check_eq "review $c with a private key others may read: refused (exit 1)" "$?" 1
  check_file_has "review $c with a private key others may read: the hint" "$T/open.err" \
    "  hint: ssh-keygen ignores a private key that others may read: chmod 600 $T/zhang"
  check_file_lacks "review $c with a private key others may read: no @@@ frame" "$T/open.err" "@"
done
# the day of a record's last sign-off: a stale document's reason names the
# round's last, "changed since 终审 (wang, 2024-06-01): …"
signed_on() { sed -n 's/^ *time: \([0-9-]\{10\}\)T.*/\1/p' "$1" | tail -n 1; }
publish() { "$GOVPUB" build --site "$S" --out "$T/out" --publish --trust "$TRUST" -q 2>"$T/pub.err"; }
sign_all() { # sign_all DOC [KEY [--new-round]]: 初审 zhang (with --new-round when given), 复审 li
  # (or KEY), 终审 wang; 初审's output in $T/signed
  G review sign "$1" --stage 1 ${3:+"$3"} --key "$K/zhang" >"$T/signed" &&
  G review sign "$1" --stage 2 --key "$K/${2:-li}" >/dev/null &&
  G review sign "$1" --stage 3 --key "$K/wang" >/dev/null
}

publish
check_eq "nothing approved: publishing withholds all eight documents" "$(grep -c 'withheld from publishing: awaiting 初审' "$T/pub.err")" 8
for d in content/_index.md content/news/_index.md content/news/a.md content/policy/_index.md \
         content/policy/rules.md content/policy/jiedu/_index.md content/policy/jiedu/rules-jd.md; do
  sign_all "$d" || fail "signing $d: $(tail -3 "$T/err")"
done
# news/b through ssh-agent, with the RSA reviewer at 复审
eval "$(ssh-agent -s)" >/dev/null
trap 'kill "$SSH_AGENT_PID" 2>/dev/null; rm -rf "$T"' EXIT
ssh-add -q "$K/zhang" "$K/zhao" "$K/wang" 2>/dev/null
mkdir "$K/pub"; for k in zhang zhao wang; do cp "$K/$k.pub" "$K/pub/"; done
G review sign content/news/b.md --stage 1 --key "$K/pub/zhang.pub" >/dev/null &&
G review sign content/news/b.md --stage 2 --key "$K/pub/zhao.pub" >/dev/null &&
G review sign content/news/b.md --stage 3 --key "$K/pub/wang.pub" >/dev/null
check_eq "signing through ssh-agent (ed25519 and RSA)" "$?" 0
G review status --trust "$TRUST" > "$T/status"
check_eq "eight documents approved" "$(grep -c '^content/.* approved ' "$T/status")" 8
check_eq "status: the last line counts the states" "$(tail -n 1 "$T/status")" \
  "8 of 9 documents approved (1 awaiting 初审); the site's own files never reviewed; 1 draft"
check_file_has "status names the round" "$T/status" "content/news/b.md                                approved       初审 zhang · 复审 zhao · 终审 wang"
check_file_has "draft shown as draft" "$T/status" "content/news/c.md                                draft"
# a roster not verified: sign says so first, as status does (the same note);
# verified, neither says anything (the document is approved: sign refuses it
# after the note, and nothing is signed)
G review status > "$T/st"
: > "$T/note"
for trust in "" "--trust $TRUST" "--trust $T/nope.pub"; do
  # shellcheck disable=SC2086
  "$GOVPUB" review sign content/news/a.md --stage 1 --key "$K/zhang" --site "$S" $trust >> "$T/note" 2>/dev/null
  # shellcheck disable=SC2086
  "$GOVPUB" review sign content/news/a.md content/news/b.md --stage 1 --key "$K/zhang" --site "$S" $trust \
    </dev/null 2>/dev/null | head -n 1 >> "$T/note"
  echo "--" >> "$T/note"
done
same "review sign: the note of a roster not verified, or none" "$T/note" <<X
note: roster not verified: no trust anchor given (--trust FILE)
note: roster not verified: no trust anchor given (--trust FILE)
--
  not signed: content/news/a.md: it is approved as it is (初审 zhang · 复审 li · 终审 wang), so there is nothing new to sign
--
note: roster not verified: cannot read the trust anchor $T/nope.pub: No such file or directory
note: roster not verified: cannot read the trust anchor $T/nope.pub: No such file or directory
--
X
check_eq "review status: the same note" "$(head -n 1 "$T/st")" "note: roster not verified: no trust anchor given (--trust FILE)"
# log names who signed: the same note first, and none when it is verified
G review log content/news/a.md > "$T/st"
check_eq "review log: the same note first" "$(head -n 2 "$T/st")" "note: roster not verified: no trust anchor given (--trust FILE)
content/news/a.md: approved"
check_eq "review log, the roster verified: no note" "$(G review log content/news/a.md --trust "$TRUST" | head -n 1)" \
  "content/news/a.md: approved"
# The site itself (site.yaml, the theme, the files no document uses) is
# reviewed as a document is (review_site.h): until it is, nothing publishes.
publish
check_eq "the site never reviewed: publishing refused (exit 1)" "$?" 1
check_file_has "the site never reviewed: said at its record" "$T/pub.err" \
  "$S/reviews/site.yaml: error: the site's own files are not approved (never reviewed): nothing is published until they are"
check "the site never reviewed: nothing served" test ! -e "$T/out/current"
G review sign site --stage 1 --key "$K/zhang" > "$T/sign-site"
check_file_has "review sign site: the theme in its bundle" "$T/sign-site" " themes/plain/layouts/single.mustache"
check_file_has "review sign site: a static file no document uses in its bundle" "$T/sign-site" " static/images/dzjg.svg"
check_file_lacks "review sign site: a file a document uses is that document's" "$T/sign-site" "files/"
check_file_lacks "review sign site: a chart a document shows is that document's" "$T/sign-site" "charts/rev"
G review sign site --stage 2 --key "$K/li" >/dev/null && G review sign site --stage 3 --key "$K/wang" >/dev/null
check_eq "the site signed in three stages" "$?" 0
G review status --trust "$TRUST" > "$T/status"
check_eq "status: the site first" "$(head -1 "$T/status")" \
  "site                                             approved       初审 zhang · 复审 li · 终审 wang"
check_eq "review verify: the documents and the site" "$(G review verify --trust "$TRUST")" \
  "8 of 9 documents approved, the site's own files approved; every record verifies"
# a roster edited after its signing: verify names the fix, not a missing --trust
cp "$S/reviewers.yaml" "$T/roster.kept" && echo "# edited" >> "$S/reviewers.yaml"
"$GOVPUB" review verify --site "$S" --trust "$TRUST" > /dev/null 2> "$T/verify.err"
check_eq "review verify: an edited roster exits 1" "$?" 1
same "review verify: an edited roster, and how to sign it again" "$T/verify.err" <<X
$S/reviewers.yaml:1:1: error: roster not trusted: reviewers.yaml.sig does not verify: signature does not verify
  hint: restore reviewers.yaml; or, if its change is agreed, the trust anchor's holder signs it: govpub review sign-roster --key KEY
X
cp "$T/roster.kept" "$S/reviewers.yaml"
publish
check_eq "publishing build with approvals exits 0" "$?" 0
check "a static file the site's review covers is published" test -f "$T/out/current/images/dzjg.svg"
# the site folder given with a trailing slash is the same site
"$GOVPUB" build --site "$S/" --out "$T/out-slash" --publish --trust "$TRUST" -q 2> "$T/slash.err"
check_eq "--site DIR/: the publishing build exits 0" "$?" 0
check_file_lacks "--site DIR/: nothing withheld" "$T/slash.err" "withheld"
check "approved page published" test -f "$T/out/current/news/b/index.html"
check "draft never published" test ! -e "$T/out/current/news/c"
check_file_has "approved page in the search index" "$T/out/current/search/d/0.json" '["news/b/",'
check_file_lacks "draft not in the search index" "$T/out/current/search/d/0.json" '"news/c/"'

# interop: govpub's records verify with ssh-keygen -Y verify
awk '/statement: \|/{s=1;next} /signature: \|/{s=2;next} s==1{sub(/^      /,"");print > "'"$T"'/stmt"} s==2{sub(/^      /,"");print > "'"$T"'/sig"} /END SSH SIGNATURE/{exit}' "$S/reviews/news/a.md.yaml"
echo "zhang $(cat "$K/zhang.pub")" > "$T/allowed"
ssh-keygen -Y verify -f "$T/allowed" -I zhang -n govpub-review -s "$T/sig" < "$T/stmt" >/dev/null 2>&1
check_eq "ssh-keygen -Y verify accepts govpub's record" "$?" 0

# review diff: what changed since the approval, the approved version found
# in git by its digest (a copy of the site made a repository)
GS="$T/git-site"; cp -R "$S" "$GS"
git -C "$GS" init -q && git -C "$GS" add -A && git -C "$GS" -c user.name=t -c user.email=t@t commit -qm approved
approved=$(git -C "$GS" rev-parse --short=12 HEAD)
D() { "$GOVPUB" review diff "$@" --site "$GS" 2>"$T/diff.err" | sed -E 's/^index [0-9a-f]+\.\.[0-9a-f]+/index …/; s/at [0-9T:+-]{25}$/at TIME/'; }
check_eq "review diff: approved as it is, the roster not verified: the note first" "$(D content/news/a.md)" \
  "note: roster not verified: no trust anchor given (--trust FILE)
content/news/a.md: approved
compared with the version 终审 wang approved at TIME
no file changed since the approval"
check_eq "review diff: the roster verified: no note" "$(D content/news/a.md --trust "$TRUST")" "content/news/a.md: approved
compared with the version 终审 wang approved at TIME
no file changed since the approval"
sed -i 's/数据共享要依法依规。/数据共享要依法依规、安全可控。/' "$GS/content/news/a.md"
echo "第二版。" >> "$GS/static/files/guide.txt"
git -C "$GS" -c user.name=t -c user.email=t@t commit -qam edited  # the approved version is one commit back
D content/news/a.md > "$T/changes"
day=$(signed_on "$GS/reviews/news/a.md.yaml")
same "review diff: the document and its attachment, from the approved commit" "$T/changes" <<X
note: roster not verified: no trust anchor given (--trust FILE)
content/news/a.md: stale: changed since 终审 (wang, $day): content/news/a.md, static/files/guide.txt
compared with the version 终审 wang approved at TIME
content/news/a.md: changed since the approval (approved version: commit $approved)
diff --git a/content/news/a.md b/content/news/a.md
index … 100644
--- a/content/news/a.md
+++ b/content/news/a.md
@@ -10,7 +10,7 @@ aliases: [/old/a/]
 
 ## 一、总体要求
 
-数据共享要依法依规。
+数据共享要依法依规、安全可控。
 
 ## 二、相关文件
 
static/files/guide.txt: changed since the approval (approved version: commit $approved)
diff --git a/static/files/guide.txt b/static/files/guide.txt
index … 100644
--- a/static/files/guide.txt
+++ b/static/files/guide.txt
@@ -1 +1,2 @@
 guide
+第二版。
X
check_eq "review diff: exit 0" "$("$GOVPUB" review diff content/news/a.md --site "$GS" >/dev/null 2>&1; echo $?)" 0
new_news_page "$GS/content/news/d.md"
check_eq "review diff: a document never signed is shown whole (no signer named: no note)" \
  "$(D content/news/d.md | sed -n '1,3p;$p')" \
  "content/news/d.md: awaiting 初审
never approved: every file is shown whole
content/news/d.md: new to its review (no approved version)
+新增文章的正文。"
git -C "$GS" checkout -q --orphan squashed && git -C "$GS" -c user.name=t -c user.email=t@t commit -qm squashed
D content/news/a.md >/dev/null
same "review diff: the approved version in no commit, said" "$T/diff.err" <<X
content/news/a.md: error: cannot show what changed: no commit holds the approved version ($(sed -n 's/^      file: content\/news\/a.md //p' "$GS/reviews/news/a.md.yaml" | tail -1))
  hint: commit the version the reviewers approve before they sign it; compare it by hand meanwhile
X
rm -rf "$GS/.git"
D content/news/a.md >/dev/null
same "review diff: no git repository, said" "$T/diff.err" <<X
content/news/a.md: error: cannot show what changed: the site is not in a git repository
  hint: govpub keeps digests, not text: keep the site in git, then a diff shows what changed
X

# ---- attacks: each is refused; the served release never changes ----------
cp "$T/out/current/news/b/index.html" "$T/approved-b.html"
attack() { # attack NAME EXPECTED-STDERR-LINE: refused with that message, and
  # the served news/b is the approved one or none at all
  publish
  if grep -qF -- "$2" "$T/pub.err"; then ok "$1"; else fail "$1"; sed 's/^/    /' "$T/pub.err" | head -5; fi
  served="$T/out/current/news/b/index.html"
  if [ ! -e "$served" ] || cmp -s "$served" "$T/approved-b.html"; then ok "$1: nothing unreviewed served"; else
    fail "$1: an unreviewed news/b is served"; fi
}
save() { cp -R "$S" "$T/saved"; }
restore() { rm -rf "$S"; cp -R "$T/saved" "$S"; }
save

# ---- signing an approved document again ------------------------------------
# A sign-off on a document approved as it is signs nothing new, and a 初审
# would start a new round: the page withheld until 复审 and 终审 sign again,
# by one reviewer, maybe unawares. Refused; the hint says how to withdraw
# the approval on purpose, and what that does.
rec="$S/reviews/news/a.md.yaml"
: > "$T/err"
G review sign content/news/a.md --stage 1 --key "$K/zhang" > "$T/resign"
check_eq "approved as it is: 初审 again refused (exit 1)" "$?" 1
same "approved as it is: 初审 again, why, and how to withdraw the approval" "$T/err" <<X
content/news/a.md:1:1: error: cannot approve stage 1 (初审): it is approved as it is (初审 zhang · 复审 li · 终审 wang), so there is nothing new to sign
  hint: to withdraw the approval, start a new round (govpub review sign content/news/a.md --stage 1 --new-round --key KEY) or reject it (govpub review reject content/news/a.md --stage 1 --key KEY --comment WHY); it is then withheld from publishing until 初审, 复审 and 终审 sign again
X
check "approved as it is: nothing recorded" cmp "$rec" "$T/saved/reviews/news/a.md.yaml"
check_eq "approved as it is: status unchanged" "$(G review status | grep '^content/news/a.md ')" \
  "content/news/a.md                                approved       初审 zhang · 复审 li · 终审 wang"
: > "$T/err"
G review sign content/news/a.md --stage 3 --key "$K/wang" > /dev/null
same "approved as it is: 终审 again refused; its reviewer withdraws the approval by a rejection" "$T/err" <<X
content/news/a.md:1:1: error: cannot approve stage 3 (终审): it is approved as it is (初审 zhang · 复审 li · 终审 wang), so there is nothing new to sign
  hint: to withdraw the approval, reject it (govpub review reject content/news/a.md --stage 3 --key KEY --comment WHY); it is then withheld from publishing until 初审, 复审 and 终审 sign again
X
"$GOVPUB" review sign content/news/a.md --site "$S" --stage 2 --new-round --key "$K/li" > /dev/null 2> "$T/usage"
check_eq "--new-round with another stage than 初审: a usage error (exit 2)" "$?:$(head -1 "$T/usage")" \
  "2:govpub: error: --new-round starts a round at 初审: give --stage 1"
"$GOVPUB" review reject content/news/a.md --site "$S" --stage 1 --new-round --key "$K/zhang" --comment x > /dev/null 2> "$T/usage"
check_eq "--new-round with reject: a usage error (exit 2)" "$?:$(head -1 "$T/usage")" \
  "2:govpub: error: --new-round is for review sign: a rejection ends the round by itself"
G review sign content/news/a.md --stage 1 --new-round --key "$K/zhang" > "$T/resign"
check_eq "--new-round: signed (exit 0)" "$?" 0
grep -E '^(state|signing|recorded)' "$T/resign" > "$T/resign.lines"
same "--new-round: the approval withdrawn, and until when it is withheld" "$T/resign.lines" <<X
state:     approved
signing:   初审 approval as zhang (张伟): a new round, withdrawing the approval
recorded:  reviews/news/a.md.yaml
state now: awaiting 复审; withheld from publishing until 复审 and 终审 sign
X
check_eq "--new-round: status says so" "$(G review status | grep '^content/news/a.md ')" \
  "content/news/a.md                                awaiting 复审  初审 zhang"
publish
check_file_has "--new-round: the publishing build withholds it" "$T/pub.err" \
  "content/news/a.md:1:1: warning: withheld from publishing: awaiting 复审"
check "--new-round: not served" test ! -e "$T/out/current/news/a/index.html"
G review sign content/news/a.md --stage 2 --key "$K/li" > "$T/resign"
check_eq "the new round's 复审: what is still withheld" "$(grep '^state now:' "$T/resign")" \
  "state now: awaiting 终审; withheld from publishing until 终审 signs"
G review sign content/news/a.md --stage 3 --key "$K/wang" > "$T/resign"
check_eq "the new round's 终审: approved" "$(grep '^state now:' "$T/resign")" "state now: approved"
publish
check "the new round approved: served again" test -f "$T/out/current/news/a/index.html"
G review log content/news/a.md | sed 's/^  [0-9T:+-]\{25\}  /  TIME  /' > "$T/log"
same "--new-round: the log says why the round began" "$T/log" <<X
note: roster not verified: no trust anchor given (--trust FILE)
content/news/a.md: approved
  TIME  初审 approve  zhang
  TIME  复审 approve  li
  TIME  终审 approve  wang
  — a new round: the approved document signed again as it was, withdrawing its approval (--new-round)
  TIME  初审 approve  zhang
  TIME  复审 approve  li
  TIME  终审 approve  wang
X
restore
# changed since its approval: 初审 starts the new round, and says it is stale
printf '\n补充一句。\n' >> "$S/content/news/a.md"
day=$(signed_on "$S/reviews/news/a.md.yaml")
G review sign content/news/a.md --stage 1 --key "$K/zhang" > "$T/resign"
check_eq "changed since its approval: 初审 signs (exit 0)" "$?" 0
grep -E '^(state|signing|recorded)' "$T/resign" > "$T/resign.lines"
same "changed since its approval: the state before and after" "$T/resign.lines" <<X
state:     stale: changed since 终审 (wang, $day): content/news/a.md
signing:   初审 approval as zhang (张伟)
recorded:  reviews/news/a.md.yaml
state now: awaiting 复审; withheld from publishing until 复审 and 终审 sign
X
check_eq "changed since its approval: the log says why the round began" \
  "$(G review log content/news/a.md | tail -2 | sed 's/^  [0-9T:+-]\{25\}  /  TIME  /')" \
  "  — a new round: the document changed since its approval
  TIME  初审 approve  zhang"
restore
# a rejection withdraws the approval, and says so
G review reject content/news/a.md --stage 2 --key "$K/li" --comment "数据待核" > "$T/resign"
grep -E '^(state|signing|recorded)' "$T/resign" > "$T/resign.lines"
same "a rejection of an approved document: the approval withdrawn" "$T/resign.lines" <<X
state:     approved
signing:   复审 rejection as li (李娜): withdrawing the approval
recorded:  reviews/news/a.md.yaml
state now: rejected: 数据待核; withheld from publishing until 初审, 复审 and 终审 sign again
X
G review sign content/news/a.md --stage 1 --key "$K/zhang" > /dev/null
check_eq "after a rejection, 初审 again: the log says why the round began" \
  "$(G review log content/news/a.md | tail -3 | sed 's/^  [0-9T:+-]\{25\}  /  TIME  /')" \
  "  TIME  复审 reject   li  «数据待核»
  — a new round: after the rejection
  TIME  初审 approve  zhang"
restore
# the site approved as it is: signing it again would stop every page
: > "$T/err"
G review sign site --stage 1 --key "$K/zhang" > /dev/null
same "the site approved as it is: 初审 again refused" "$T/err" <<X
site: error: cannot approve stage 1 (初审): it is approved as it is (初审 zhang · 复审 li · 终审 wang), so there is nothing new to sign
  hint: to withdraw the approval, start a new round (govpub review sign site --stage 1 --new-round --key KEY) or reject it (govpub review reject site --stage 1 --key KEY --comment WHY); then nothing is published until 初审, 复审 and 终审 sign the site again
X

printf '\n补充一句。\n' >> "$S/content/news/b.md"
day=$(signed_on "$S/reviews/news/b.md.yaml") # that of news/a, the site: one run signed them all
attack "edited document is stale and withheld" \
  "content/news/b.md:1:1: warning: withheld from publishing: stale: changed since 终审 (wang, $day): content/news/b.md"
check "stale page left out of the release" test ! -e "$T/out/current/news/b/index.html"
check_file_lacks "stale page left out of the search index" "$T/out/current/search/d/0.json" '"news/b/"'
restore

printf 'changed\n' >> "$S/static/files/guide.txt"
attack "edited file behind a link makes it stale" "stale: changed since 终审 (wang, $day): static/files/guide.txt"
restore

printf '2024,13\n' >> "$S/charts/rev.csv"
attack "edited CSV behind a chart makes it stale" "stale: changed since 终审 (wang, $day): charts/rev.csv"
restore

# A signed file replaced by a link to a device or a FIFO: its digest would
# be read for ever, and the gate (holding the output's lock) never end
ln -sf /dev/zero "$S/static/files/guide.txt"
ln -sf /dev/zero "$S/static/images/dzjg.svg" # the site's served file
timeout 60 "$GOVPUB" build --site "$S" --out "$T/out" --publish --trust "$TRUST" -q 2>"$T/pub.err"
check_eq "a signed file linked to /dev/zero: refused, not read for ever" "$?" 1
check_file_has "a signed file linked to /dev/zero: stale" "$T/pub.err" \
  "stale: changed since 终审 (wang, $day): static/files/guide.txt (not a regular file)"
timeout 60 "$GOVPUB" review status --site "$S" --trust "$TRUST" > "$T/status" 2>&1
check_eq "a signed file linked to /dev/zero: review status ends (exit 1: the links are errors)" "$?" 1
check_file_has "a signed file linked to /dev/zero: review status says the link" "$T/status" \
  "$S/static/files/guide.txt:1:1: error: symbolic links are not followed (they could lead out of the site)"
check_file_has "a signed file linked to /dev/zero: review status, the document stale" "$T/status" \
  "content/news/b.md                                stale          changed since 终审 (wang, $day): static/files/guide.txt (not a regular file)"
restore

sed 's#^document: content/news/a.md#document: content/news/b.md#' "$S/reviews/news/a.md.yaml" > "$S/reviews/news/b.md.yaml"
attack "sign-offs copied from another document" \
  "content/news/b.md: invalid review record: statement is for content/news/a.md, not this document (a copied sign-off)"
check_file_has "sign-offs copied from another document: the hint is the record's" "$T/pub.err" \
  "  hint: restore the record from the repository's history"
restore

sed -i 's/      stage: 2/      stage: 3/' "$S/reviews/news/b.md.yaml"
attack "tampered record" 'signature by "zhao" does not verify: signature does not verify'
restore

# The site's own files: a change to one, or a new one, stops publishing;
# a served file that no review covers is withheld alone.
printf '{{! changed }}\n' >> "$S/themes/plain/layouts/single.mustache"
attack "a changed layout stops publishing" \
  "the site's own files are not approved (stale: changed since 终审 (wang, $day): themes/plain/layouts/single.mustache): nothing is published until they are"
restore
mkdir -p "$S/layouts" && cp "$S/themes/plain/layouts/single.mustache" "$S/layouts/"
attack "a new layout stops publishing" \
  "the site's own files are not approved (stale: added since it was signed: layouts/single.mustache): nothing is published until they are"
check_eq "a new layout: the site is stale in review status" "$(G review status --trust "$TRUST" | head -1)" \
  "site                                             stale          added since it was signed: layouts/single.mustache"
restore
sed -i 's/电话：0000-0000000/电话：9999-9999999/' "$S/site.yaml"
attack "a changed site.yaml stops publishing" "(stale: changed since 终审 (wang, $day): site.yaml)"
restore
sed -i 's/      stage: 2/      stage: 3/' "$S/reviews/site.yaml"
attack "a tampered site record" "$S/reviews/site.yaml:34:1: error: the site's review record does not verify: signature by \"li\" does not verify"
restore
sed 's#^document: content/news/a.md#document: site#' "$S/reviews/news/a.md.yaml" > "$S/reviews/site.yaml"
attack "a document's sign-offs copied to the site" "statement is for content/news/a.md, not this document (a copied sign-off)"
restore
printf '<svg xmlns="http://www.w3.org/2000/svg"/>\n' > "$S/static/images/dzjg.svg"
check_eq "a served file changed: the site still approved, the file named" "$(G review status --trust "$TRUST" | head -1)" \
  "site                                             approved       初审 zhang · 复审 li · 终审 wang; changed since it was signed, withheld until it is signed again: static/images/dzjg.svg"
publish
check_eq "a served file changed: the rest is published (exit 0)" "$?" 0
check "a served file changed: withheld" test ! -e "$T/out/current/images/dzjg.svg"
restore
echo 'new' > "$S/static/files/new.txt"
cp "$S/charts/rev-line.yaml" "$S/charts/extra.yaml"
publish
check_eq "files no review covers: the rest is published (exit 0)" "$?" 0
check_eq "files no review covers: each withheld and said" "$(grep -c 'withheld' "$T/pub.err")" 2
check_file_has "a new static file: said" "$T/pub.err" \
  "$S/static/files/new.txt:1:1: warning: withheld from publishing: no approved document uses it, and the site's review does not cover it as it is"
check "a new static file: not served" test ! -e "$T/out/current/files/new.txt"
check_file_has "a chart no document shows: said" "$T/pub.err" \
  "$S/charts/extra.yaml:1:1: warning: chart withheld from publishing: no approved document shows it, and the site's review does not cover its spec and CSV as they are"
check "a chart no document shows: not served" test ! -e "$T/out/current/charts/extra.svg"
check "the charts documents show: served" test -f "$T/out/current/charts/rev-line.svg"
sign_all site
publish
check "signed with the site: the static file is served" test -f "$T/out/current/files/new.txt"
check "signed with the site: the chart is served" test -f "$T/out/current/charts/extra.svg"
check_file_lacks "signed with the site: nothing withheld" "$T/pub.err" "withheld"
restore
# A folder whose name holds a line break would split its file: line in the
# statement: read back, it would list static/files/forged.txt with a digest
# the name chose, a file no reviewer was shown — to be committed after the
# signing and served. Such a name is not signed.
printf 'forged\n' > "$T/forged.txt"
odd="$S/static/files/forged.txt sha256:$(sha256sum < "$T/forged.txt" | cut -c1-64)
file: static"
mkdir -p "$odd/x" && echo harmless > "$odd/x/note.txt"
G review sign site --stage 1 --key "$K/zhang" > "$T/sign-site"
check_eq "a name with a line break: review sign site refuses (exit 1)" "$?" 1
G review sign site --stage 2 --key "$K/li" >/dev/null; G review sign site --stage 3 --key "$K/wang" >/dev/null
check_file_has "a name with a line break: said" "$T/err" \
  "$S/static/files/forged.txt sha256:$(sha256sum < "$T/forged.txt" | cut -c1-64)\x0Afile: static: error: the folder name holds \":\", which Windows does not allow in a name" # the build's rule (its first), before the signer's
rm -rf "$odd"; cp "$T/forged.txt" "$S/static/files/forged.txt"
publish
check "a name with a line break: no forged file: line, nothing served" test ! -e "$T/out/current/files/forged.txt"
restore
# A file only a draft uses is the draft's: not served until the draft is
# published, even when the site is signed after it was added.
echo 'secret' > "$S/static/files/draft-only.txt"
printf '\n[附件](/files/draft-only.txt)\n' >> "$S/content/news/c.md"
G review sign site --stage 1 --key "$K/zhang" >/dev/null
check_eq "a draft's attachment: the site's bundle unchanged (approved as it is: not signed again)" "$?" 1
sign_all site li --new-round
check_file_lacks "a draft's attachment: not in the site's bundle" "$T/signed" "draft-only.txt"
check_file_has "the site's new round: every page waits for it" "$T/signed" \
  "state now: awaiting 复审; nothing is published until 复审 and 终审 sign the site"
publish
check "a draft's attachment: not served" test ! -e "$T/out/current/files/draft-only.txt"
check_file_has "a draft's attachment: said" "$T/pub.err" "$S/static/files/draft-only.txt:1:1: warning: withheld from publishing"
restore
# A served file the site was signed with stays the site's when a draft links
# it later: the next signing of the site keeps it, so a draft that shows the
# footer's badge cannot take it out of the publish.
printf '\n![标识](/images/dzjg.svg)\n' >> "$S/content/news/c.md"
sign_all site li --new-round
check_file_has "a draft links the site's badge: still in the site's bundle" "$T/signed" " static/images/dzjg.svg"
publish
check_eq "a draft links the site's badge: published (exit 0)" "$?" 0
check "a draft links the site's badge: served" test -f "$T/out/current/images/dzjg.svg"
restore

# What a reviewer is shown comes from files an editor writes: a line end
# in a title is shown, not obeyed (a fake bundle line); an escape sequence
# (a hidden span) is refused, as in every build
printf -- '---\ntitle: "通知\\n  sha256:0 static/x"\ndate: 2024-03-01T10:00:00+08:00\n---\n正文。\n' > "$S/content/news/e.md"
G review sign content/news/e.md --stage 1 --key "$K/zhang" > "$T/sign-e"
check_file_has "a title's line end: shown escaped" "$T/sign-e" \
  'document:  content/news/e.md (通知\x0A  sha256:0 static/x)'
printf -- '---\ntitle: "通知\\e[8m隐藏"\ndate: 2024-03-01T10:00:00+08:00\n---\n正文。\n' > "$S/content/news/e.md"
"$GOVPUB" review sign content/news/e.md --stage 1 --key "$K/zhang" --site "$S" > "$T/sign-e" 2>&1
check_eq "a title's escape sequence: refused" "$?:$(sed "s#^$S/##" "$T/sign-e")" "1:content/news/e.md:2:8: error: control character U+001B in a quoted value (written as an escape such as \x1B)
  hint: remove the escape: a page cannot show a control character"
restore

# crafted statements, signed with real keys outside govpub
craft() { # craft DOC STAGE REVIEWER KEY PREVIOUS [TIME] → appends to the record
  doc=$1; f="$S/$doc"; d=$(sha256sum "$f" | cut -c1-64)
  line="file: $doc sha256:$d"
  b=$(printf '%s\n' "$line" | sha256sum | cut -c1-64)
  printf 'govpub-signoff 1\ndocument: %s\nbundle: sha256:%s\n%s\nstage: %s\ndecision: approve\nreviewer: %s\ntime: %s\nprevious: %s\n' \
    "$doc" "$b" "$line" "$2" "$3" "${6:-2024-06-01T10:00:00+08:00}" "$5" > "$T/craft"
  ssh-keygen -Y sign -q -n govpub-review -f "$4" "$T/craft" 2>/dev/null
  rec="$S/reviews/${doc#content/}.yaml"
  [ -f "$rec" ] || printf 'document: %s\nsignoffs:\n' "$doc" > "$rec"
  { echo "  - statement: |"; sed 's/^/      /' "$T/craft"; echo "    signature: |"; sed 's/^/      /' "$T/craft.sig"; } >> "$rec"
  rm -f "$T/craft.sig"; sha256sum "$T/craft" | sed 's/ .*//; s/^/sha256:/'
}
rm -f "$S/reviews/news/b.md.yaml"
p=$(craft content/news/b.md 2 li "$K/li" none)
attack "stages out of order" "invalid review record: stage 2 (复审) signed before stage 1 (初审)"
restore

sed -i 's/stages: \[1\]/stages: [1, 2]/' "$S/reviewers.yaml"; G review sign-roster --key "$K/anchor" >/dev/null
rm -f "$S/reviews/news/b.md.yaml"
p=$(craft content/news/b.md 1 zhang "$K/zhang" none); p=$(craft content/news/b.md 2 zhang "$K/zhang" "$p")
attack "same reviewer twice" "zhang already signed stage 1 of this round; three different reviewers are needed"
restore

sed -i 's/^title: 测试区政务服务中心延长服务时间/author: 王强\ntitle: 测试区政务服务中心延长服务时间/' "$S/content/news/b.md"
rm -f "$S/reviews/news/b.md.yaml"
p=$(craft content/news/b.md 1 zhang "$K/zhang" none); p=$(craft content/news/b.md 2 li "$K/li" "$p"); p=$(craft content/news/b.md 3 wang "$K/wang" "$p")
attack "author as reviewer" "wang is the document's author and may not review it"
restore

rm -f "$S/reviews/news/b.md.yaml"
p=$(craft content/news/b.md 1 zhang "$K/mallory" none)
attack "unknown key" "which is not zhang's key in the roster"
check_file_has "unknown key: the hint says both causes" "$T/pub.err" \
  "  hint: if the reviewer's key was replaced in reviewers.yaml, sign-offs made with the old one no longer verify: put it back, or move the record aside (git rm) and have the three stages signed again; if not, the sign-off was not made by that reviewer: restore the record from the repository's history"
restore

sed -i 's/valid_before: 2099-01-01/valid_before: 2024-01-01/' "$S/reviewers.yaml"; G review sign-roster --key "$K/anchor" >/dev/null
attack "expired key" "'s key had expired at"
check_file_has "expired key: the hint is the roster's, not the record's" "$T/pub.err" \
  "  hint: reviewers.yaml no longer allows this sign-off: if its change was a mistake, restore the reviewer's entry there and sign the roster again (govpub review sign-roster); if not, move the record aside (git rm) and have the three stages signed again"
"$GOVPUB" review verify --site "$S" --trust "$TRUST" > /dev/null 2> "$T/verify.err"
grep -A1 "news/b.md" "$T/verify.err" | sed -E "s#^$S/##; s/at [0-9T:+-]+\$/at TIME/" > "$T/verify.b"
same "expired key: review verify names the roster as the cause" "$T/verify.b" <<'X'
reviews/news/b.md.yaml:4:1: error: content/news/b.md: zhang's key had expired at TIME
  hint: reviewers.yaml no longer allows this sign-off: if its change was a mistake, restore the reviewer's entry there and sign the roster again (govpub review sign-roster); if not, move the record aside (git rm) and have the three stages signed again
X
restore

printf '  - id: mallory\n    name: 马洛\n    stages: [1, 2, 3]\n    key: %s\n' "$(cat "$K/mallory.pub")" >> "$S/reviewers.yaml"
attack "self-added roster key (roster signature broken)" \
  "the review roster is not trusted: reviewers.yaml.sig does not verify: signature does not verify"
G review sign-roster --key "$K/mallory" >/dev/null
attack "roster re-signed by the attacker's own key" \
  "the review roster is not trusted: reviewers.yaml.sig was not made by a key of the trust anchor"
restore

# A statement whose file list leaves out a file the page uses (the chart's
# CSV), signed by the real reviewers outside govpub: the build notices.
rm -f "$S/reviews/news/b.md.yaml"
p=$(craft content/news/b.md 1 zhang "$K/zhang" none); p=$(craft content/news/b.md 2 li "$K/li" "$p")
p=$(craft content/news/b.md 3 wang "$K/wang" "$p")
attack "sign-offs that leave out a file the page uses" \
  "content/news/b.md:1:1: error: uses static/files/guide.txt, which its sign-offs do not cover"
check_eq "sign-offs that leave out a file the page uses: stale in review status, not approved" \
  "$(G review status | grep '^content/news/b.md ')" \
  "content/news/b.md                                stale          uses files its sign-offs do not cover: charts/rev-line.yaml, charts/rev.csv, charts/rev.yaml, static/files/guide.txt"
G review sign content/news/b.md --stage 1 --key "$K/zhang" > "$T/resign"
check_eq "sign-offs that leave out a file the page uses: 初审 starts the round that covers it" \
  "$?:$(grep -E '^state' "$T/resign")" \
  "0:state:     stale: uses files its sign-offs do not cover: charts/rev-line.yaml, charts/rev.csv, charts/rev.yaml, static/files/guide.txt
state now: awaiting 复审; withheld from publishing until 复审 and 终审 sign"
restore

# Everything in the repository at once: a roster with three fake reviewers
# (all the attacker's key), re-signed by the attacker, and a complete
# record for the changed document signed by them.
for m in m1 m2 m3; do
  printf '  - id: %s\n    name: %s\n    stages: [1, 2, 3]\n    key: %s\n' "$m" "$m" "$(cat "$K/mallory.pub")" >> "$S/reviewers.yaml"
done
G review sign-roster --key "$K/mallory" >/dev/null
printf '\n补充一句。\n' >> "$S/content/news/b.md"
rm -f "$S/reviews/news/b.md.yaml"
p=$(craft content/news/b.md 1 m1 "$K/mallory" none); p=$(craft content/news/b.md 2 m2 "$K/mallory" "$p")
p=$(craft content/news/b.md 3 m3 "$K/mallory" "$p")
attack "roster, signature and records rewritten together" \
  "the review roster is not trusted: reviewers.yaml.sig was not made by a key of the trust anchor"
restore

# Each sign-off signs after the one before it: a 终审 dated before its 复审
# (a backdated signature, to pass a key's valid_before, say) is refused.
printf '\n补充一句。\n' >> "$S/content/news/b.md"
rm -f "$S/reviews/news/b.md.yaml"
p=$(craft content/news/b.md 1 zhang "$K/zhang" none); p=$(craft content/news/b.md 2 li "$K/li" "$p")
craft content/news/b.md 3 wang "$K/wang" "$p" 2024-05-31T10:00:00+08:00 >/dev/null
attack "a sign-off dated before the one before it" \
  "statement time 2024-05-31T10:00:00+08:00 is before that of the sign-off before it (2024-06-01T10:00:00+08:00)"
restore

# A key out of its dates does not sign (its sign-off would make the record invalid)
printf '  - id: chen\n    name: 陈\n    stages: [2]\n    key: %s\n    valid_after: 2020-01-01\n    valid_before: 2021-01-01\n' \
  "$(cat "$K/mallory.pub")" >> "$S/reviewers.yaml"
G review sign-roster --key "$K/anchor" >/dev/null
printf '\n补充一句。\n' >> "$S/content/news/b.md"
G review sign content/news/b.md --stage 1 --key "$K/zhang" >/dev/null
: > "$T/err"
G review sign content/news/b.md --stage 2 --key "$K/mallory" >/dev/null
check_eq "an expired key: signing refused (exit 1)" "$?" 1
check_file_has "an expired key: why" "$T/err" \
  "cannot approve stage 2 (复审): chen's key is not valid now (the roster gives it from 2020-01-01 until before 2021-01-01); the roster's signer renews it"
check_file_lacks "an expired key: nothing recorded" "$S/reviews/news/b.md.yaml" "reviewer: chen"
check_file_has "an expired key: the hint says who renews it" "$T/err" \
  "  hint: the trust anchor's holder changes valid_before in reviewers.yaml and signs it: govpub review sign-roster"
# a refused sign-off's hint says who can sign instead
: > "$T/err"
G review sign content/news/b.md --stage 2 --key "$K/wang" >/dev/null
check_eq "a stage the reviewer does not hold: refused (exit 1)" "$?" 1
same "a stage the reviewer does not hold: why, and who signs it" "$T/err" <<X
content/news/b.md:1:1: error: cannot approve stage 2 (复审): wang may not sign stage 2 (复审)
  hint: reviewers.yaml gives wang 终审 (--stage 3); a reviewer who holds 复审 signs it
X
# status pads its columns by the width they show (初审 takes four, not six
# bytes' worth), and widens the first for a longer path
check_eq "status: a state in Chinese is padded to the column" "$(G review status | grep '^content/news/b.md ')" \
  "content/news/b.md                                awaiting 复审  初审 zhang"
printf -- '---\ntitle: 长路径\ndate: 2024-03-01T10:00:00+08:00\ndraft: true\n---\n正文。\n' \
  > "$S/content/news/a-file-whose-name-is-longer-than-the-first-column.md"
check_eq "status: the first column as wide as the longest path" "$(G review status | grep -E '^(site|content/news/a-file)')" \
  "site                                                              approved       初审 zhang · 复审 li · 终审 wang
content/news/a-file-whose-name-is-longer-than-the-first-column.md draft"
# A stage signed out of turn (twice, too early, on a version changed since,
# after a rejection) is refused with where the record stands and who signs
# next, by name (the times are now's: TIME)
out_of_turn() { # out_of_turn NAME STAGE KEY: the refusal in $T/turn
  : > "$T/err"
  G review sign content/news/b.md --stage "$2" --key "$K/$3" >/dev/null
  check_eq "$1: refused (exit 1)" "$?" 1
  sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\+08:00/TIME/g' "$T/err" > "$T/turn"
}
out_of_turn "初审 signed twice" 1 zhang
same "初审 signed twice: who signed it when, who signs next" "$T/turn" <<X
content/news/b.md:1:1: error: cannot approve stage 1 (初审): it awaits stage 2 (复审), not stage 1: 初审 zhang signed it at TIME
  hint: 复审 is signed next, by li (李娜), zhao (赵敏): govpub review sign content/news/b.md --stage 2 --key KEY
X
G review sign content/news/b.md --stage 2 --key "$K/li" >/dev/null
printf '\n又补充一句。\n' >> "$S/content/news/b.md"
day=$(signed_on "$S/reviews/news/b.md.yaml")
out_of_turn "终审 of a version changed after 复审" 3 wang
same "终审 of a version changed after 复审: what changed, and that 初审 is next" "$T/turn" <<X
content/news/b.md:1:1: error: cannot approve stage 3 (终审): it is stale (changed since 复审 (li, $day): content/news/b.md), so its review starts again at 初审, not stage 3
  hint: 初审 is signed next, by zhang (张伟): govpub review sign content/news/b.md --stage 1 --key KEY
X
G review reject content/news/b.md --stage 1 --key "$K/zhang" --comment "第二段重复" >/dev/null
check_eq "status: a rejection, by whom at which stage, and why" "$(G review status | grep '^content/news/b.md ')" \
  "content/news/b.md                                                 rejected       初审 zhang: 第二段重复"
# --pending: only what still needs a reviewer, then the count
check_eq "status --pending: the rejected document and the one never signed, then the count" \
  "$(G review status --pending --trust "$TRUST")" \
  "content/news/b.md                                                 rejected       初审 zhang: 第二段重复
content/news/d.md                                                 awaiting 初审  
7 of 9 documents approved (1 awaiting 初审, 1 rejected); the site's own files approved; 2 drafts"
out_of_turn "复审 after a rejection" 2 li
same "复审 after a rejection: who rejected it, when and why" "$T/turn" <<X
content/news/b.md:1:1: error: cannot approve stage 2 (复审): zhang rejected it at 初审 (TIME: 第二段重复), so its review starts again at 初审, not stage 2
  hint: 初审 is signed next, by zhang (张伟): govpub review sign content/news/b.md --stage 1 --key KEY
X
rm "$S/reviews/news/b.md.yaml"
out_of_turn "复审 of a document no one signed" 2 li
same "复审 of a document no one signed: 初审 first" "$T/turn" <<X
content/news/b.md:1:1: error: cannot approve stage 2 (复审): it awaits stage 1 (初审), not stage 2: no one has signed it yet
  hint: 初审 is signed next, by zhang (张伟): govpub review sign content/news/b.md --stage 1 --key KEY
X
restore
rm -f "$S/reviews/news/b.md.yaml"
sed -i 's/^title: 测试区政务服务中心延长服务时间/author: 张伟\ntitle: 测试区政务服务中心延长服务时间/' "$S/content/news/b.md"
: > "$T/err"
G review sign content/news/b.md --stage 1 --key "$K/zhang" >/dev/null
same "the author signs: refused, and the hint says who signs instead" "$T/err" <<X
content/news/b.md:1:1: error: cannot approve stage 1 (初审): the document's author may not review it
  hint: another reviewer who holds 初审 signs it (its front matter gives author: 张伟)
X
restore

# The signature cache lies in the output folder, which may be in the
# repository (the default out/): an editor commits entries for a sign-off
# that never verified — 终审 "by wang" signed with mallory's key — computed
# as an entry once was (SHA-256 of statement, signature and wang's key).
# Entries are keyed by this host's own secret: they hit nothing.
printf '\n补充一句。\n' >> "$S/content/news/b.md"
rm -f "$S/reviews/news/b.md.yaml"
p=$(craft content/news/b.md 1 zhang "$K/zhang" none); p=$(craft content/news/b.md 2 li "$K/li" "$p")
craft content/news/b.md 3 wang "$K/mallory" "$p" >/dev/null
sed -n '/^  - statement: |$/h; /^  - statement: |$/!H; ${x;p}' "$S/reviews/news/b.md.yaml" > "$T/last" # the last sign-off
python3 - "$T/last" "$K/wang.pub" >> "$T/out/.cache/verified-signatures" <<'PY'
import base64, hashlib, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
i = lines.index("    signature: |")
stmt = "".join(l[6:] + "\n" for l in lines[1:i])
sig = "".join(l[6:] + "\n" for l in lines[i + 1:] if l.startswith("      "))
blob = base64.b64decode(open(sys.argv[2]).read().split()[1])
print("sha256:" + hashlib.sha256(stmt.encode() + b"\0" + sig.encode() + b"\0" + blob).hexdigest())
PY
attack "a cache entry forged in the repository hits nothing" "signed with key"
check_file_has "the forged 终审 is verified and refused" "$T/pub.err" "which is not wang's key in the roster"
restore

# The content-safety scan inside the publishing build: a block hit in an
# approved document stops the publish; the served release stays as it was.
mkdir -p "$S/words" && cp "$ROOT/words/samples/sensitive.yaml" "$S/words/"
publish
check_file_has "a new word list: the site's review does not cover it" "$T/pub.err" \
  "(stale: added since it was signed: words/sensitive.yaml)"
sign_all site
served_before=$(readlink "$T/out/current")
printf '\n本段含有示例**敏**感词。\n' >> "$S/content/news/b.md"
for s in 1 2 3; do
  case $s in 1) k=zhang ;; 2) k=li ;; 3) k=wang ;; esac
  G review sign content/news/b.md --stage $s --key "$K/$k" >/dev/null
done
publish
check_eq "a block hit stops publishing" "$?" 1
check_file_has "the hit is named at its place" "$T/pub.err" "$S/content/news/b.md:30:5: error: [示例敏感词] 示例敏感词 «本段含有示例敏感词。»"
check_eq "served release unchanged after a refused publish" "$(readlink "$T/out/current")" "$served_before"

# Verified signatures are remembered on the publishing host (out/.cache),
# keyed by statement, signature and roster key under the host's own key
# (GOVPUB_STATE_DIR): a rebuild skips them, and any change to a record
# still goes through verification (tests above ran with the cache filled).
check "verified signatures cached in the output folder" test -s "$T/out/.cache/verified-signatures"
check_eq "the host key: made once, 32 bytes, for this host's operators only" \
  "$(stat -c '%s %a' "$GOVPUB_STATE_DIR/sigcache.key") $(stat -c '%a' "$GOVPUB_STATE_DIR")" "32 600 700"
# a damaged key (a publish killed while making it, say) is said, and the gate verifies every signature
cp "$GOVPUB_STATE_DIR/sigcache.key" "$T/key.saved"; : > "$GOVPUB_STATE_DIR/sigcache.key"
publish
check_file_has "a damaged host key: said" "$T/pub.err" "sigcache.key: warning: the signature cache's key cannot be read, or is not 32 bytes"
check_file_lacks "a damaged host key: every signature verified, each record holds" "$T/pub.err" "review record"
cp "$T/key.saved" "$GOVPUB_STATE_DIR/sigcache.key"
check_eq "cache entries are digests" "$(grep -vc '^sha256:[0-9a-f]\{64\}$' "$T/out/.cache/verified-signatures")" 0
# an entry no record uses any more (a record rewritten, removed) is dropped
# at the next publish: the cache holds one entry per sign-off, no more
printf 'sha256:%064d\n' 0 >> "$T/out/.cache/verified-signatures"
publish
check_file_lacks "the cache: an entry no record uses is dropped" "$T/out/.cache/verified-signatures" "sha256:0000000000"
check_eq "the cache: one entry per sign-off of the site's records" "$(wc -l < "$T/out/.cache/verified-signatures")" \
  "$(cat $(find "$S/reviews" -name '*.yaml') | grep -c '^    signature: |$')"

# A dataset no build publishes (依申请公开) on the sample portal: the file it
# names is its own, not a file the site serves by itself, so signing the
# site does not publish it (the catalog leaves such a dataset out).
P="$T/sample"
sample_copy "$P"
sed -e 's/^title: .*/title: 内部名录（依申请公开）/' -e 's#static/datasets/clinics.csv#static/datasets/on-request.csv#' \
  -e 's/^topics:/disclosure: 依申请公开\ntopics:/' "$P/content/catalog/clinics.md" > "$P/content/catalog/on-request.md"
printf '机构名称,地址\n内部,示例路\n' > "$P/static/datasets/on-request.csv"
# and a draft dataset whose path spells its file another way (static/./…)
sed -e 's/^title: .*/title: 草稿名录/' -e 's#static/datasets/clinics.csv#static/./datasets/draft-data.csv#' \
  -e 's/^topics:/draft: true\ntopics:/' "$P/content/catalog/clinics.md" > "$P/content/catalog/draft-data.md"
printf '机构名称,地址\n草稿,示例路\n' > "$P/static/datasets/draft-data.csv"
sample_sign_site "$P" --new-round # neither file is the site's: it is approved as it is
check_file_lacks "a draft dataset's file, spelt static/./…: not in the site's bundle" "$P/reviews/site.yaml" "draft-data.csv"
# a chart no review covers, drawn from an approved dataset's CSV: withheld,
# and not listed on the dataset's page (its title is unreviewed text)
sed 's/^title: .*/title: 未经审核的图表标题/' "$P/charts/gdp.yaml" > "$P/charts/unsigned.yaml"
check_file_lacks "a 依申请公开 dataset's file: not in the site's bundle" "$P/reviews/site.yaml" "on-request.csv"
"$GOVPUB" publish --site "$P" --trust "$ROOT/samples/keys/trust.pub" --out "$T/sample-out" 2> "$T/sample.err"
check_eq "a 依申请公开 dataset: the rest is published (exit 0)" "$?" 0
check "a 依申请公开 dataset's file: not served" test ! -e "$T/sample-out/current/datasets/on-request.csv"
check "a draft dataset's file: not served" test ! -e "$T/sample-out/current/datasets/draft-data.csv"
check "a chart no review covers: not served" test ! -e "$T/sample-out/current/charts/unsigned.svg"
check_file_lacks "a chart no review covers: not on the page of the dataset it is drawn from" \
  "$T/sample-out/current/catalog/gdp-annual/index.html" "未经审核的图表标题"
check_file_has "the dataset's reviewed charts: still listed" "$T/sample-out/current/catalog/gdp-annual/index.html" "图表："
check_file_has "a 依申请公开 dataset's file: said" "$T/sample.err" \
  "$P/static/datasets/on-request.csv:1:1: warning: withheld from publishing"

# ---- several documents in one command (sign FILE FILE…, sign --all) --------
# The list comes first (state, what changed, bundle digest; what is not
# signed and why), then it signs on --yes (or "y" on a terminal): without
# either nothing is signed. Each document gets its own statement.
S="$T/batch"
site_copy mini batch
roster
G review sign-roster --key "$K/anchor" >/dev/null
sed -i 's/^title: \(.*\)$/title: \1\nauthor: li/' "$S/content/news/b.md" # li may not review it
B() { # B ARGS…: review sign ARGS… in $S, stdout and stderr with bundle digests and $S left out; then "exit N"
  (cd "$S" && "$GOVPUB" review sign "$@" >"$T/b.out" 2>"$T/b.err"; echo "exit $?" >>"$T/b.err")
  sed -E -i 's/sha256:[0-9a-f]{64}/sha256:…/' "$T/b.out"
  sed -n 's/^set \([0-9a-f]\{12\}\) .*/\1/p' "$T/b.out" > "$T/b.set" # the set's digest, for --expect
  sed -E -i 's/^set [0-9a-f]{12} \(a script signs exactly these: --yes --expect [0-9a-f]{12}\)$/set SET (a script signs exactly these: --yes --expect SET)/' "$T/b.out"
}
B --all --stage 3 --key "$K/wang"
same "--all: nothing awaits the stage, said (exit 0)" "$T/b.out" <<X
note: roster not verified: no trust anchor given (--trust FILE)
nothing awaits 终审 that wang may sign
X
check_eq "--all: nothing awaits: no error" "$(cat "$T/b.err")" "exit 0"
B content/news/a.md site content/policy/rules.md --stage 1 --key "$K/zhang"
same "several FILEs: listed before anything is signed" "$T/b.out" <<X
note: roster not verified: no trust anchor given (--trust FILE)
初审 approval as zhang (张伟), 3 to sign:
  content/news/a.md (测试区召开数据工作会议)
    awaiting 初审; never approved
    bundle sha256:… (2 files)
  site (the site's own files, and the files no document uses)
    awaiting 初审; never approved
    bundle sha256:… (14 files)
  content/policy/rules.md (测试区公共数据管理办法)
    awaiting 初审; never approved
    bundle sha256:… (1 file)
set SET (a script signs exactly these: --yes --expect SET)
X
check "several FILEs: the set's digest, the same in both places" grep -qE '^[0-9a-f]{12}$' "$T/b.set"
listed=$(cat "$T/b.set")
same "several FILEs, not confirmed (no terminal, no --yes): nothing signed, exit 1" "$T/b.err" <<X
govpub: error: nothing signed: 3 listed, not confirmed
  hint: read the list, then give --yes to sign it (or run it on a terminal and answer y)
exit 1
X
check "several FILEs, not confirmed: no record written" test ! -e "$S/reviews"
# --expect: a document changed between the listing and the signing: nothing signed
cp "$S/content/news/a.md" "$T/a.kept" && printf '\n补充一句。\n' >> "$S/content/news/a.md"
B content/news/a.md site content/policy/rules.md --stage 1 --key "$K/zhang" --yes --expect "$listed"
same "--expect, a document changed since the listing: nothing signed, exit 1" "$T/b.err" <<X
govpub: error: nothing signed: what would be signed now is set $(cat "$T/b.set"), not the set $listed listed
  hint: list again without --yes, read what changed, and sign with the --expect it ends with
exit 1
X
check "--expect, a document changed since the listing: no record written" test ! -e "$S/reviews"
check_eq "--expect, a document changed: another set" "$(test "$(cat "$T/b.set")" != "$listed" && echo differs)" differs
cp "$T/a.kept" "$S/content/news/a.md"
"$GOVPUB" review sign content/news/a.md --stage 1 --key "$K/zhang" --expect "$listed" --site "$S" >/dev/null 2>"$T/usage"
check_eq "--expect with one FILE: a usage error (exit 2)" "$?" 2
# the set listed, signed: --expect matches (a name that is none, or twice, is not in the set).
# Signed with zhang's key under a passphrase (a copy of it: the same public
# key), given by an askpass program that counts how often it is asked: one
# ssh-keygen run signs the three, asking once
cp "$K/zhang" "$T/zhang-pp" && cp "$K/zhang.pub" "$T/zhang-pp.pub"
ssh-keygen -q -p -P "" -N "pass phrase" -f "$T/zhang-pp" >/dev/null
printf '#!/bin/sh\necho asked >> "%s"\necho "pass phrase"\n' "$T/asked" > "$T/askpass" && chmod +x "$T/askpass"
(
  export SSH_ASKPASS="$T/askpass" SSH_ASKPASS_REQUIRE=force DISPLAY=:0
  unset SSH_AUTH_SOCK
  B content/news/a.md site content/news/none.md content/news/a.md content/policy/rules.md --stage 1 --key "$T/zhang-pp" \
    --yes --expect "$listed"
)
check_eq "several FILEs, a key with a passphrase: asked once for the three" "$(cat "$T/asked")" "asked"
sed -n '/^content.*signed;\|^site: signed;\|^signed /p' "$T/b.out" > "$T/b.res"
same "several FILEs --yes: each signed once, what each got" "$T/b.res" <<X
content/news/a.md: signed; state now: awaiting 复审; withheld from publishing until 复审 and 终审 sign
site: signed; state now: awaiting 复审; nothing is published until 复审 and 终审 sign the site
content/policy/rules.md: signed; state now: awaiting 复审; withheld from publishing until 复审 and 终审 sign
signed 3 of 3
X
same "several FILEs --yes: a name that is no document, said; exit 1" "$T/b.err" <<X
content/news/none.md: error: no such document
  hint: name a Markdown file under content/, e.g. content/policy/x.md, or site
exit 1
X
# news/b through the terminal's "y" (script gives the command one)
if command -v script >/dev/null 2>&1; then
  printf 'n\n' | script -qec "cd '$S' && '$GOVPUB' review sign content/news/b.md content/_index.md --stage 1 --key '$K/zhang'" /dev/null \
    | tr -d '\r' > "$T/tty"
  check_file_has "a terminal: asks" "$T/tty" "sign these 2? [y/N] "
  check_file_has "a terminal, answered n: nothing signed" "$T/tty" "nothing signed"
  check "a terminal, answered n: no record" test ! -e "$S/reviews/news/b.md.yaml"
  printf 'y\n' | script -qec "cd '$S' && '$GOVPUB' review sign content/news/b.md content/_index.md --stage 1 --key '$K/zhang'" /dev/null \
    | tr -d '\r' > "$T/tty"
  check_file_has "a terminal, answered y: signed" "$T/tty" "signed 2 of 2"
else
  G review sign content/news/b.md content/_index.md --stage 1 --key "$K/zhang" --yes >/dev/null
fi
# documents at mixed stages: --all takes those awaiting 复审 (the site among
# them), says which li may not sign, and leaves the others alone
B --all --stage 2 --key "$K/li"
same "--all, mixed stages: what li may sign, and what not" "$T/b.out" <<X
note: roster not verified: no trust anchor given (--trust FILE)
复审 approval as li (李娜), 4 to sign:
  site (the site's own files, and the files no document uses)
    awaiting 复审; never approved
    bundle sha256:… (14 files)
  content/_index.md (首页)
    awaiting 复审; never approved
    bundle sha256:… (1 file)
  content/news/a.md (测试区召开数据工作会议)
    awaiting 复审; never approved
    bundle sha256:… (2 files)
  content/policy/rules.md (测试区公共数据管理办法)
    awaiting 复审; never approved
    bundle sha256:… (1 file)
  not signed: content/news/b.md: the document's author may not review it
set SET (a script signs exactly these: --yes --expect SET)
X
B --all --stage 2 --key "$K/li" --yes
check_eq "--all --yes: four signed; the author's own skipped, not an error (exit 0)" \
  "$(tail -n 1 "$T/b.out"):$(cat "$T/b.err")" "signed 4 of 4:exit 0"
check_eq "--all --yes: the document li may not sign is untouched" \
  "$(G review status | grep '^content/news/b.md')" "content/news/b.md                                awaiting 复审  初审 zhang"
# a named document the reviewer may not sign is an error, the others signed
sed -i 's/数据共享要依法依规。/数据共享要依法依规、安全可控。/' "$S/content/news/a.md"
day=$(signed_on "$S/reviews/news/a.md.yaml")
B content/news/a.md content/policy/rules.md content/news/b.md --stage 3 --key "$K/wang" --yes
sed -E -i 's/at [0-9T:+-]{25}/at TIME/' "$T/b.out" "$T/b.err"
sed -n '/^content.*signed\|^  not signed\|^signed /p' "$T/b.out" > "$T/b.res"
same "several FILEs, two refused: the other signed" "$T/b.res" <<X
  not signed: content/news/a.md: it is stale (changed since 复审 (li, $day): content/news/a.md), so its review starts again at 初审, not stage 3
  not signed: content/news/b.md: it awaits stage 2 (复审), not stage 3: 初审 zhang signed it at TIME
content/policy/rules.md: signed; state now: approved
signed 1 of 1
X
same "several FILEs, two refused: every problem reported, exit 1" "$T/b.err" <<X
content/news/a.md:1:1: error: cannot approve stage 3 (终审): it is stale (changed since 复审 (li, $day): content/news/a.md), so its review starts again at 初审, not stage 3
  hint: 初审 is signed next, by zhang (张伟): govpub review sign content/news/a.md --stage 1 --key KEY
content/news/b.md:1:1: error: cannot approve stage 3 (终审): it awaits stage 2 (复审), not stage 3: 初审 zhang signed it at TIME
  hint: 复审 is signed next, by li (李娜), zhao (赵敏): govpub review sign content/news/b.md --stage 2 --key KEY
exit 1
X
# 初审 --all takes a stale document too, and says what changed
B --all --stage 1 --key "$K/zhang"
check_eq "--all --stage 1: the stale document, what changed" "$(grep -A1 '^  content/news/a.md' "$T/b.out" | tail -1)" \
  "    stale: changed since 复审 (li, $day): content/news/a.md; never approved"
# a rejected document: --all --stage 1 lists it as not signed (it is signed
# by name once revised), and that is no error
G review reject content/_index.md --stage 3 --key "$K/wang" --comment "首页待改" >/dev/null
B --all --stage 1 --key "$K/zhang"
check_eq "--all --stage 1: a rejected document, not signed, and why" "$(grep '^  not signed' "$T/b.out")" \
  "  not signed: content/_index.md: rejected at 终审 by wang: 首页待改"
check_eq "--all --stage 1: a rejected document: not confirmed, the only error" "$(head -n 1 "$T/b.err")" \
  "govpub: error: nothing signed: 6 listed, not confirmed"
# ssh-keygen failing for one document part-way through: the others signed,
# that one said, its record untouched, exit 1.  The shim fails as
# ssh-keygen -Y sign FILE… does, stopping at that file (those before it
# signed), and logs how many files each run had: one run for the batch,
# then one for the documents after the one it failed at
mkdir "$T/shim"
cat > "$T/shim/ssh-keygen" <<'X'
#!/bin/sh
key=$4 ns=$6; shift 6
echo "$#" >> "${0%/*}/runs"
for f; do
  if grep -q '^document: content/policy/_index.md$' "$f"; then echo "shim: no" >&2; exit 1; fi
  /usr/bin/ssh-keygen -Y sign -f "$key" -n "$ns" "$f" || exit
done
X
chmod +x "$T/shim/ssh-keygen"
PATH="$T/shim:$PATH" B --all --stage 1 --key "$K/zhang" --yes
check_eq "ssh-keygen failing for one document: one run for the six, one for the two after it" \
  "$(tr '\n' ' ' < "$T/shim/runs")" "6 2 "
sed -n '/signed/p' "$T/b.out" > "$T/b.res"
same "ssh-keygen failing for one document: the others signed" "$T/b.res" <<X
  not signed: content/_index.md: rejected at 终审 by wang: 首页待改
content/news/_index.md: signed; state now: awaiting 复审; withheld from publishing until 复审 and 终审 sign
content/news/a.md: signed; state now: awaiting 复审; withheld from publishing until 复审 and 终审 sign
content/news/d.md: signed; state now: awaiting 复审; withheld from publishing until 复审 and 终审 sign
content/policy/_index.md: not signed (the error below)
content/policy/jiedu/_index.md: signed; state now: awaiting 复审; withheld from publishing until 复审 and 终审 sign
content/policy/jiedu/rules-jd.md: signed; state now: awaiting 复审; withheld from publishing until 复审 and 终审 sign
signed 5 of 6
X
same "ssh-keygen failing for one document: the error names it, exit 1" "$T/b.err" <<X
$K/zhang: error: signing content/policy/_index.md failed: ssh-keygen could not sign with "$K/zhang" (exit status 1): shim: no
  hint: check the key path and passphrase, or that ssh-agent holds the key
exit 1
X
check "ssh-keygen failing for one document: no record" test ! -e "$S/reviews/policy/_index.md.yaml"
# usage
for args in "--all content/news/a.md" "--all --new-round" ; do
  # shellcheck disable=SC2086
  "$GOVPUB" review sign $args --stage 1 --key "$K/zhang" --site "$S" >/dev/null 2>"$T/usage"
  check_eq "review sign $args: a usage error (exit 2)" "$?" 2
done
"$GOVPUB" review reject content/news/a.md content/news/b.md --stage 1 --key "$K/zhang" --comment x --site "$S" >/dev/null 2>"$T/usage"
check_eq "review reject of several documents: a usage error (exit 2)" "$?" 2
# a batch-made statement verifies with ssh-keygen -Y verify, as any other
awk '/statement: \|/{s=1;next} /signature: \|/{s=2;next} s==1{sub(/^      /,"");print > "'"$T"'/stmt"} s==2{sub(/^      /,"");print > "'"$T"'/sig"} /END SSH SIGNATURE/{exit}' "$S/reviews/policy/rules.md.yaml"
echo "zhang $(cat "$K/zhang.pub")" > "$T/allowed"
ssh-keygen -Y verify -f "$T/allowed" -I zhang -n govpub-review -s "$T/sig" < "$T/stmt" >/dev/null 2>&1
check_eq "a batch's record: ssh-keygen -Y verify accepts it" "$?" 0
check_eq "a batch's records: review verify" "$(G review verify --trust "$TRUST")" \
  "1 of 9 documents approved, the site's own files awaiting 终审; every record verifies"

# an option a review command does not read is refused, not ignored: status
# --stage 2 is no filter, log --pending no list of what is pending
"$GOVPUB" review status --site "$S" --stage 2 --key "$K/zhang" >/dev/null 2>"$T/err"
check_eq "review status --stage --key: refused, each said" "$?:$(cat "$T/err")" "2:govpub: error: review status does not take --key
  hint: run \`govpub review --help\` for the options of each command
govpub: error: review status does not take --stage
  hint: run \`govpub review --help\` for the options of each command"
"$GOVPUB" review log --pending --site "$S" >/dev/null 2>"$T/err"
check_eq "review log --pending: refused" "$?:$(cat "$T/err")" "2:govpub: error: review log does not take --pending
  hint: run \`govpub review --help\` for the options of each command"
"$GOVPUB" review reject content/news/a.md --stage 1 --key "$K/zhang" --yes --site "$S" >/dev/null 2>"$T/err"
check_eq "review reject --yes: refused (sign's, not reject's)" "$?:$(cat "$T/err")" "2:govpub: error: review reject does not take --yes
  hint: run \`govpub review --help\` for the options of each command"

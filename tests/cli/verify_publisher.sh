#!/bin/sh
# govpub verify --publisher on a web server (docs/operators.md, "Verifying a
# served tree"): the seal's Ed25519 signature checked with the publisher's
# public key alone — the key `govpub releases --publisher-key` prints,
# compared with the one derived independently (Python) from the host key —
# on a deployed target, by a "web server" with no host key.  A tree whose
# files and manifest were rewritten together passes plain verify and is
# refused here; so are a seal copied from another release, another
# publisher's key, a v1 seal (with the way out), no seal, a damaged one, a
# key file that is not a publisher key, and a folder that is no release.
# With --seen, an older release put back (properly sealed) is refused too,
# and a rollback the publisher meant is taken (rollback and deploy seal the
# release anew).
. "$(dirname "$0")/lib.sh"

# at_t: verify's summary with the seal's time as T
at_t() { sed 's/ at [0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z / at T /' "$@"; }

S=$T/site O=$T/site/out W=$T/web
sample_copy "$S"
printf 'deploy:\n  - name: web1\n    path: %s\n' "$W" >> "$S/site.yaml"
sample_sign_site "$S"
"$GOVPUB" publish --site "$S" --trust "$TRUST" -q || fail "publish"
a=$(readlink "$O/current" | sed 's#^releases/##')
sleep 1
"$GOVPUB" publish --site "$S" --trust "$TRUST" -q || fail "publish"
b=$(readlink "$O/current" | sed 's#^releases/##')

# the public key, on standard output; its fingerprint on standard error
"$GOVPUB" releases --publisher-key > "$T/publisher.pub" 2> "$T/err"
check_eq "--publisher-key: exit 0" "$?" 0
check_eq "--publisher-key: one OpenSSH line, named after the host" \
  "$(sed 's#AAAA[A-Za-z0-9+/]*=*#KEY#' "$T/publisher.pub")" "ssh-ed25519 KEY govpub-publisher@$(hostname)"
check_eq "--publisher-key: the key derived from the host key (Python's hmac and cryptography)" \
  "$(cut -d' ' -f1,2 "$T/publisher.pub")" "$(publisher_derived)"
fp=$(ssh-keygen -lf "$T/publisher.pub" | cut -d' ' -f2)
check_eq "--publisher-key: its fingerprint, as ssh-keygen -lf gives it" "$(cat "$T/err")" \
  "govpub: this host's publisher key ($fp): put it on each web server for govpub verify --publisher (docs/operators.md, \"Verifying a served tree\")"
"$GOVPUB" releases --publisher-key > "$T/again.pub" 2>/dev/null
check "--publisher-key: the same key every time" cmp "$T/publisher.pub" "$T/again.pub"

# on the publishing host: current and a release folder
"$GOVPUB" verify --out "$O" --publisher "$T/publisher.pub" 2> "$T/err"
check_eq "current: exit 0" "$?" 0
m=$(sha256sum < "$O/current/.govpub-manifest" | cut -c1-64)
# 617 files: the sample's release (publish.sh says what they are)
check_eq "current: sealed as the release current points at, when" "$(cat "$T/err")" \
  "govpub: $O/current matches its manifest: 617 files (manifest sha256:$m), sealed as release $b at $(sealed_at "$O/releases/$b") by the publisher $fp"
"$GOVPUB" verify --publisher "$T/publisher.pub" "$O/releases/$a" 2> "$T/err"
check_eq "a release folder: exit 0, its own id" "$?/$(sed 's/.*, sealed as release //' "$T/err" | at_t)" "0/$a at T by the publisher $fp"
check_eq "the signature verifies with openssl too" "$(seal_openssl "$O/releases/$a" "$T/publisher.pub")" \
  "Signature Verified Successfully"

# deployed; checked where there is no host key (a web server: its own state folder, empty)
"$GOVPUB" deploy --site "$S" 2>/dev/null || fail "deploy"
check "deployed: the seal is there" cmp "$W/current/.govpub-seal" "$O/releases/$b/.govpub-seal"
web() { GOVPUB_STATE_DIR=$T/web-state "$GOVPUB" verify --publisher "$T/publisher.pub" "$@"; }

web "$W/current" 2> "$T/err"
check_eq "web server: verify --publisher passes" "$?/$(cat "$T/err")" \
  "0/govpub: $W/current matches its manifest: 617 files (manifest sha256:$m), sealed as release $b at $(sealed_at "$W/current") by the publisher $fp"
check "web server: no key needed, none made" test ! -e "$T/web-state"
# deployed again where it is already: it lands as ID-2, and is still release ID's
"$GOVPUB" deploy --site "$S" 2>/dev/null || fail "deploy again"
check_eq "deployed again: ID-2" "$(readlink "$W/current")" "releases/$b-2"
web "$W/current" 2> "$T/err"
check_eq "deployed again: sealed as release ID" "$?/$(sed 's/.*, sealed as release //' "$T/err" | at_t)" "0/$b at T by the publisher $fp"
R=$W/releases/$b-2
cp -R "$R" "$T/r.saved"
restore() { rm -rf "$R" && cp -R "$T/r.saved" "$R"; }
hint="deploy the release again from the publishing host (govpub deploy $b), which spreads only what it sealed; if it comes back, something rewrites this server's files"
# refused NAME MESSAGE [HINT]: verify --publisher of the target refused,
# exit 1, with exactly MESSAGE at its seal and the summary
refused() {
  web "$W/current" 2> "$T/err"
  check_eq "$1: exit 1" "$?" 1
  same "$1: refused" "$T/err" <<X
$W/current/.govpub-seal: error: $2
  hint: ${3:-$hint}
govpub: $W/current matches its manifest (sha256:$(sha256sum < "$R/.govpub-manifest" | cut -c1-64)), but no seal of the publisher's vouches for it
X
}
forged="the seal's signature does not verify under the publisher key $T/publisher.pub ($fp): sealed by another publisher, or forged"
forged_hint="check that $T/publisher.pub is the line \`govpub releases --publisher-key\` prints on the publishing host; if it is, deploy the release again from there (govpub deploy $b)"

# 1. a page and the manifest rewritten together: plain verify is fooled, the seal is not
echo '<p>defaced</p>' >> "$R/index.html"
manifest_rewrite "$R"
check "rewritten with its manifest: plain verify passes" "$GOVPUB" verify "$W/current"
refused "rewritten with its manifest" \
  "the seal is of another manifest (sha256:$m, the release's is sha256:$(sha256sum < "$R/.govpub-manifest" | cut -c1-64)): the release was rewritten since it was sealed"
sed -i "3s/.*/manifest: sha256:$(sha256sum < "$R/.govpub-manifest" | cut -c1-64)/" "$R/.govpub-seal"
refused "rewritten with its manifest and the seal's line" "$forged" "$forged_hint"
check_eq "rewritten: openssl refuses it too" "$(seal_openssl "$R" "$T/publisher.pub" | head -1)" "Signature Verification Failure"
restore

# 2. another release's seal copied in; then its release line edited
cp "$O/releases/$a/.govpub-seal" "$R/"
refused "a copied seal" "the seal is release $a's, not $b-2's (copied from another release?)"
sed -i "2s/.*/release: $b/" "$R/.govpub-seal"
refused "a copied seal, its release line edited" "$forged" "$forged_hint"
restore
# a whole release copied over another, seal and all: it is the other one's
rm -rf "$W/releases/$b" && cp -R "$O/releases/$a" "$W/releases/$b"
web "$W/releases/$b" 2> "$T/err"
check_eq "a release copied in another's folder: refused" "$?/$(head -1 "$T/err")" \
  "1/$W/releases/$b/.govpub-seal: error: the seal is release $a's, not $b's (copied from another release?)"

# 3. another publisher: a key of another host, a reviewer's ed25519 key
GOVPUB_STATE_DIR=$T/other-host "$GOVPUB" releases --out "$O" --seal "$a" 2>/dev/null # makes that host's key
GOVPUB_STATE_DIR=$T/other-host "$GOVPUB" releases --publisher-key > "$T/other.pub" 2>/dev/null
check "another host: another key" sh -c "! cmp -s '$T/other.pub' '$T/publisher.pub'"
check_eq "another host: the key its host key gives" "$(cut -d' ' -f1,2 "$T/other.pub")" "$(publisher_derived "$T/other-host")"
for k in "$T/other.pub" "$ROOT/samples/keys/zhang.wei.pub"; do
  GOVPUB_STATE_DIR=$T/web-state "$GOVPUB" verify --publisher "$k" "$W/current" 2> "$T/err"
  rc=$? kfp=$(ssh-keygen -lf "$k" | cut -d' ' -f2)
  check_eq "another publisher's key ($(basename "$k")): refused" "$rc/$(head -1 "$T/err")" \
    "1/$W/current/.govpub-seal: error: the seal's signature does not verify under the publisher key $k ($kfp): sealed by another publisher, or forged"
done
# and a release that other host sealed, checked with its key: it holds
"$GOVPUB" verify --publisher "$T/other.pub" "$O/releases/$a" 2>/dev/null
check_eq "another host's seal, under its own key: holds" "$?" 0
"$GOVPUB" verify --publisher "$T/publisher.pub" "$O/releases/$a" 2>/dev/null
check_eq "another host's seal, under this host's key: refused" "$?" 1
"$GOVPUB" releases --out "$O" --seal "$a" 2>/dev/null # this host's seal again

# 4. a v1 seal (govpub before version 2): deploy and rollback on the
# publishing host take it, and seal the release anew as they send or serve
# it; a web server cannot check a v1 seal (one an older govpub deployed),
# and says what to do
seal_v1 "$O/releases/$a"
"$GOVPUB" deploy --site "$S" "$a" 2> "$T/err"
check_eq "a v1 seal: deploy takes it" "$?/$(cat "$T/err")" "0/govpub: deployed $a to web1 ($a): switched and verified"
check_eq "a v1 seal: deploy sealed it anew (version 3) and sent that" \
  "$(head -1 "$O/releases/$a/.govpub-seal")/$(cmp "$O/releases/$a/.govpub-seal" "$W/current/.govpub-seal" && echo same)" \
  "govpub-seal 3/same"
seal_v1 "$O/releases/$a"
"$GOVPUB" rollback --out "$O" "$a" 2>/dev/null
check_eq "a v1 seal: rollback takes it, sealed anew" "$?/$(readlink "$O/current")/$(head -1 "$O/releases/$a/.govpub-seal")" \
  "0/releases/$a/govpub-seal 3"
seal_v1 "$W/releases/$a" # as a govpub before version 2 deployed it
web "$W/current" 2> "$T/err"
check_eq "a v1 seal: verify --publisher exit 1" "$?" 1
same "a v1 seal: refused, with the way out" "$T/err" <<X
$W/current/.govpub-seal: error: the seal is of version 1, an HMAC only the publishing host's secret key can check: no public key can check it
  hint: on the publishing host, seal it again (govpub releases --seal $a), which signs, and deploy it again (govpub deploy $a)
govpub: $W/current matches its manifest (sha256:$(sha256sum < "$W/current/.govpub-manifest" | cut -c1-64)), but no seal of the publisher's vouches for it
X
check "a v1 seal: plain verify passes" "$GOVPUB" verify "$W/current"
"$GOVPUB" releases --out "$O" --seal "$a" 2>/dev/null && "$GOVPUB" deploy --site "$S" "$a" 2>/dev/null
check_eq "a v1 seal: sealed again and deployed again, it holds" \
  "$(web "$W/current" 2>&1 >/dev/null | sed 's/.*, sealed as release //' | at_t)" "$a at T by the publisher $fp"
"$GOVPUB" deploy --site "$S" "$b" 2>/dev/null
R=$W/releases/$(readlink "$W/current" | sed 's#^releases/##')
check_eq "serving b again" "$R" "$W/releases/$b-3"
hint="deploy the release again from the publishing host (govpub deploy $b), which spreads only what it sealed; if it comes back, something rewrites this server's files"

# 5. no seal; a damaged one
rm "$R/.govpub-seal"
refused "no seal" "no seal: release $b-3 was not published by govpub, or before releases were sealed"
printf 'govpub-seal 2\nrelease: %s\n' "$b" > "$R/.govpub-seal"
refused "a damaged seal" "the seal is damaged: it is not the lines of a govpub seal (\"govpub-seal 3\", 2 or 1)"
cp "$O/releases/$b/.govpub-seal" "$R/"

# 6. a key file that is not a publisher key: none, text, an RSA key, a private key
ssh-keygen -q -t rsa -b 2048 -N '' -C rsa -f "$T/rsa"
printf 'not a key\n' > "$T/text.pub"
keyhint="give the line \`govpub releases --publisher-key\` prints on the publishing host (docs/operators.md, \"Verifying a served tree\")"
mk=$(sha256sum < "$R/.govpub-manifest" | cut -c1-64)
for c in "nowhere.pub|no such publisher key file" \
         "text.pub|not a publisher key: unsupported key type \"not\" (accepted: ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256, ecdsa-sha2-nistp384, ecdsa-sha2-nistp521)" \
         "rsa.pub|not a publisher key: a ssh-rsa key ($(ssh-keygen -lf "$T/rsa.pub" | cut -d' ' -f2)), and publishers sign with ssh-ed25519" \
         "rsa|not a publisher key: more than one line: expected one public key line"; do
  f=$T/${c%%|*}
  GOVPUB_STATE_DIR=$T/web-state "$GOVPUB" verify --publisher "$f" "$W/current" 2> "$T/err"
  check_eq "key file ${c%%|*}: exit 1" "$?" 1
  same "key file ${c%%|*}: refused" "$T/err" <<X
$f: error: ${c#*|}
  hint: $keyhint
govpub: $W/current matches its manifest (sha256:$mk); its seal was not checked
X
done

# 7. a tree that is no release folder (a copy elsewhere): the seal cannot name it
mkdir "$T/copy" && cp -R "$W/current/." "$T/copy/"
check "a copy: plain verify passes" "$GOVPUB" verify "$T/copy"
web "$T/copy" 2> "$T/err"
check_eq "a copy: exit 1" "$?" 1
same "a copy: not a release folder" "$T/err" <<X
$T/copy: error: not a release folder ($T/copy): a seal names its release by the folder's name, in a folder releases/
  hint: give the served link (OUT/current) or a release folder (OUT/releases/ID), as govpub publish and deploy lay them out
govpub: $T/copy matches its manifest (sha256:$mk), but no seal of the publisher's vouches for it
X

# 8. usage; a host without a key prints none and makes none
"$GOVPUB" verify --publisher 2> "$T/err"
check_eq "--publisher without a file: usage" "$?/$(head -1 "$T/err")" "2/govpub: error: unknown or incomplete option \"--publisher\""
"$GOVPUB" rollback --publisher-key 2> "$T/err"
check_eq "--publisher-key is releases' option only" "$?/$(head -1 "$T/err")" "2/govpub: error: unknown option \"--publisher-key\""
"$GOVPUB" releases --publisher "$T/publisher.pub" 2> "$T/err"
check_eq "--publisher is verify's option only" "$?/$(head -1 "$T/err")" "2/govpub: error: unknown option \"--publisher\""
"$GOVPUB" releases --publisher-key "$a" 2> "$T/err"
check_eq "--publisher-key takes no id" "$?/$(head -1 "$T/err")" "2/govpub: error: --publisher-key takes no release id and no --seal"
GOVPUB_STATE_DIR=$T/no-key "$GOVPUB" releases --publisher-key > "$T/out" 2> "$T/err"
check_eq "no host key: exit 1, nothing printed" "$?:$(cat "$T/out")" "1:"
same "no host key: said" "$T/err" <<X
$T/no-key/sigcache.key: error: no host key to derive the publisher key from: this host has sealed no release
  hint: run it on the publishing host (its key is made by its first publish)
X
check "no host key: none made" test ! -e "$T/no-key"

# 9. --seen: an older release put back, its seal as good as ever, is
# refused; a rollback the publisher meant (sealed anew) is taken
SEEN=$T/seen/web1
mkdir -p "$T/seen"
"$GOVPUB" deploy --site "$S" "$b" 2>/dev/null || fail "deploy b"
nb=$(readlink "$W/current" | sed 's#^releases/##')
tb=$(sealed_at "$W/current")
ta=$(sealed_at "$W/releases/$a-2")
check "--seen: the newest deploy is sealed after the older release's" expr "$tb" \> "$ta"
web --seen "$SEEN" "$W/current" 2> "$T/err"
check_eq "--seen, first run: exit 0, recorded" "$?/$(cat "$T/err")" \
  "0/govpub: $W/current matches its manifest: 617 files (manifest sha256:$m), sealed as release $b at $tb by the publisher $fp; recorded as the newest seen"
check_eq "--seen: the record" "$(cat "$SEEN")" "govpub-seen 1
release: $b
sealed: $tb"
cp "$SEEN" "$T/seen.saved"
web --seen "$SEEN" "$W/current" 2> "$T/err"
check_eq "--seen, the same release again: exit 0, nothing new" "$?/$(cat "$T/err")" \
  "0/govpub: $W/current matches its manifest: 617 files (manifest sha256:$m), sealed as release $b at $tb by the publisher $fp"
# whoever can write the web root puts back the release a, as the publisher sealed it
ln -sfn "releases/$a-2" "$W/current"
check "put back: verify --publisher alone passes" web "$W/current"
web --seen "$SEEN" "$W/current" 2> "$T/err"
check_eq "put back: exit 1" "$?" 1
same "put back: refused as older" "$T/err" <<X
$W/current/.govpub-seal: error: release $a was sealed at $ta, not after release $b (sealed at $tb), which this server served: an older release was put back
  hint: deploy the newest release again from the publishing host (govpub deploy); if the publisher meant to serve release $a again, a rollback or deploy on the publishing host seals it anew
govpub: $W/current matches its manifest (sha256:$(sha256sum < "$W/current/.govpub-manifest" | cut -c1-64)) and is sealed as release $a at $ta, but $SEEN does not take it as the newest seal
X
check "put back: the record unchanged" cmp "$SEEN" "$T/seen.saved"
# the publisher rolls back to a on purpose and deploys it: sealed anew, taken
"$GOVPUB" rollback --out "$O" "$a" 2>/dev/null && "$GOVPUB" deploy --site "$S" "$a" 2>/dev/null || fail "rollback a"
ta2=$(sealed_at "$W/current")
web --seen "$SEEN" "$W/current" 2> "$T/err"
check_eq "a rollback meant: taken" "$?/$(sed 's/.*, sealed as release //' "$T/err")" "0/$a at $ta2 by the publisher $fp"
check_eq "a rollback meant: recorded" "$(sed -n 2,3p "$SEEN")" "release: $a
sealed: $ta2"
# and now the copy of b the server held is the older one
ln -sfn "releases/$nb" "$W/current"
web --seen "$SEEN" "$W/current" 2> "$T/err"
check_eq "b put back after the rollback: refused" "$?/$(head -1 "$T/err")" \
  "1/$W/current/.govpub-seal: error: release $b was sealed at $tb, not after release $a (sealed at $ta2), which this server served: an older release was put back"
# a v2 seal (govpub before seals said when): --publisher takes it, --seen cannot place it
seal_v2 "$W/releases/$nb" "$b" # as deploy sent it: release b's seal
check "a v2 seal: verify --publisher takes it" web "$W/current"
web --seen "$SEEN" "$W/current" 2> "$T/err"
check_eq "a v2 seal: --seen refuses it, with the way out" "$?/$(head -2 "$T/err")" "1/$W/current/.govpub-seal: error: the seal of release $b does not say when it was sealed (version 2): --seen cannot tell it from an older release put back
  hint: on the publishing host, seal it again (govpub releases --seal $b) and deploy it (govpub deploy $b)"
cp "$O/releases/$b/.govpub-seal" "$W/releases/$nb/"
# a damaged record; one that cannot be written; --seen without --publisher
ln -sfn "releases/$(readlink "$O/current" | sed 's#^releases/##')" "$W/current" # a, as deployed last
printf 'govpub-seen 1\nrelease: x\n' > "$T/seen/bad"
web --seen "$T/seen/bad" "$W/current" 2> "$T/err"
check_eq "a damaged record: exit 1" "$?" 1
check_eq "a damaged record: said where" "$(head -2 "$T/err")" "$T/seen/bad:1:1: error: not a record of govpub verify --seen (\"govpub-seen 1\", release:, sealed:)
  hint: if you know the release served now is the right one, delete the file: the next verify records its seal"
web --seen "$T/seen/bad/seen" "$W/current" 2> "$T/err" # bad is a file
check_eq "a record that cannot be read: exit 3, said so" "$?/$(head -1 "$T/err")/$(tail -1 "$T/err" | sed 's/.*, but //')" \
  "3/$T/seen/bad/seen: error: cannot read the record of the newest seal verified: Not a directory/its record $T/seen/bad/seen cannot be read or written"
"$GOVPUB" verify --seen "$SEEN" "$W/current" 2> "$T/err"
check_eq "--seen without --publisher: usage" "$?/$(head -1 "$T/err")" \
  "2/govpub: error: --seen needs --publisher: only a seal checked under the publisher's key says when it was sealed"
"$GOVPUB" releases --seen "$SEEN" 2> "$T/err"
check_eq "--seen is verify's option only" "$?/$(head -1 "$T/err")" "2/govpub: error: unknown option \"--seen\""

#!/bin/sh
# govpub deploy to two local folders and, over rsync+ssh, to an sshd of
# Debian's openssh-server started here on a free loopback port as the
# current user (its own host key and authorized_keys in the temporary
# folder).  Each target is switched and verified; a failing target is
# reported and logged while the others are done; a tampered release is
# never deployed; a tampered target is found and repaired by deploying.
# The seal travels with each release, and holds on the targets under the
# publisher key (govpub verify --publisher; more in verify_publisher.sh).
. "$(dirname "$0")/lib.sh"

SSHD=$(command -v sshd || echo /usr/sbin/sshd)
S=$T/site O=$T/site/out K=$T/ssh
sample_copy "$S"
mkdir -p "$K"
ssh-keygen -q -t ed25519 -N '' -C host -f "$K/host_key"
ssh-keygen -q -t ed25519 -N '' -C deploy -f "$K/client_key"
cp "$K/client_key.pub" "$K/authorized_keys"
port=$(free_port)
echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$K/host_key.pub")" > "$K/known_hosts"
cat > "$K/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $K/host_key
PidFile $K/sshd.pid
AuthorizedKeysFile $K/authorized_keys
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AllowUsers $(id -un)
CONF
[ "$(id -u)" = 0 ] && mkdir -p /run/sshd # its privilege separation folder, when root
"$SSHD" -D -e -f "$K/sshd_config" 2> "$K/sshd.log" &
spid=$!
trap 'kill $spid 2>/dev/null; wait $spid 2>/dev/null; rm -rf "$T"' EXIT
SSH="ssh -p $port -i $K/client_key -o IdentitiesOnly=yes -o UserKnownHostsFile=$K/known_hosts -o StrictHostKeyChecking=yes"
i=0
until $SSH -o BatchMode=yes 127.0.0.1 true 2>/dev/null || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
check "sshd answers with the test key" $SSH -o BatchMode=yes 127.0.0.1 true

cat >> "$S/site.yaml" <<YAML
deploy:
  - name: mirror-a
    path: $T/a
  - name: mirror-b
    path: $T/b
  - name: web1
    rsync: $(id -un)@127.0.0.1:$T/remote
    ssh: $SSH
YAML
sample_sign_site "$S"
"$GOVPUB" publish --site "$S" --trust "$TRUST" -q || fail "publish"
id=$(readlink "$O/current" | sed 's#^releases/##')

"$GOVPUB" deploy --site "$S" 2> "$T/err"
check_eq "deploy: exit 0" "$?" 0
cat > "$T/want" <<X
govpub: deployed $id to mirror-a ($id): switched and verified
govpub: deployed $id to mirror-b ($id): switched and verified
govpub: deployed $id to web1 ($id): switched and verified
X
check_eq "deploy: one line per target" "$(cat "$T/err")" "$(cat "$T/want")"
"$GOVPUB" releases --publisher-key > "$T/publisher.pub" 2>/dev/null || fail "--publisher-key"
for d in a b remote; do
  check_eq "$d: current → the release" "$(readlink "$T/$d/current")" "releases/$id"
  check "$d: verifies" "$GOVPUB" verify "$T/$d/current"
  check "$d: the seal came too" cmp "$T/$d/current/.govpub-seal" "$O/current/.govpub-seal"
  check "$d: its seal holds under the publisher key, where there is no host key" \
    env GOVPUB_STATE_DIR="$T/web-state" "$GOVPUB" verify --publisher "$T/publisher.pub" "$T/$d/current"
  check "$d: same manifest" cmp "$T/$d/current/.govpub-manifest" "$O/current/.govpub-manifest"
done
check_eq "deploy: logged per target" "$(python3 -c '
import json, sys
for l in open(sys.argv[1]).readlines()[1:]:
    e = json.loads(l); print(e["action"], e["target"], e["result"], e["release"] == e["landed"])' "$O/publish.log")" \
"deploy mirror-a ok True
deploy mirror-b ok True
deploy web1 ok True"

# a newer release; only one target; the old release stays there for rollback
sleep 1
sed -i 's/^title: .*/title: 云岭区人民政府（新版）/' "$S/site.yaml"
sample_sign_site "$S"
"$GOVPUB" publish --site "$S" --trust "$TRUST" -q
id2=$(readlink "$O/current" | sed 's#^releases/##')
"$GOVPUB" deploy --site "$S" --target web1 2> "$T/err"
check_eq "--target: exit 0" "$?" 0
check_eq "--target: only web1" "$(cat "$T/err")" "govpub: deployed $id2 to web1 ($id2): switched and verified"
check_eq "--target: web1 switched" "$(readlink "$T/remote/current")" "releases/$id2"
check_eq "--target: mirror-a untouched" "$(readlink "$T/a/current")" "releases/$id"
check_eq "remote keeps both releases" "$(ls "$T/remote/releases" | tr '\n' ' ')" "$id $id2 "
check_eq "remote: no partial left" "$(ls -A "$T/remote/releases" | grep -c '^\.')" 0

# a tampered target: found by verify, repaired by deploying again (under a new id there)
echo defaced >> "$T/remote/current/index.html"
check "tampered target: verify fails" sh -c "! '$GOVPUB' verify '$T/remote/current' 2>/dev/null"
"$GOVPUB" deploy --site "$S" --target web1 2> "$T/err"
check_eq "redeploy: exit 0" "$?" 0
check_eq "redeploy: lands beside the tampered copy" "$(readlink "$T/remote/current")" "releases/$id2-2"
check "redeploy: verifies" "$GOVPUB" verify "$T/remote/current"
check "redeploy: its seal holds (release ID's, in ID-2)" "$GOVPUB" verify --publisher "$T/publisher.pub" "$T/remote/current"
check "tampered copy beside it: its seal does not" sh -c "! '$GOVPUB' verify --publisher '$T/publisher.pub' '$T/remote/releases/$id2' 2>/dev/null"

# a tampered release is never deployed
echo defaced >> "$O/current/index.html"
"$GOVPUB" deploy --site "$S" 2> "$T/err"
check_eq "tampered release: exit 1" "$?" 1
check_file_has "tampered release: named" "$T/err" "$O/releases/$id2/index.html: error: changed since publishing"
check_file_has "tampered release: the hint is not to deploy it" "$T/err" \
  "  hint: this release was changed after it was published: publish again, or take another release (govpub releases lists them)"
check_eq "tampered release: mirror-a untouched" "$(readlink "$T/a/current")" "releases/$id"
cp "$O/current/index.html.gz" "$T/x.gz" && gzip -dc "$T/x.gz" > "$O/current/index.html" # restore

# Only a release this host sealed is spread (docs/operators.md, "The
# seal"): whoever can write the output folder can rewrite a release and
# its manifest, a seal needs the host's key.
R=$O/releases/$id2
cp -R "$R" "$T/r.saved"
restore_r() { rm -rf "$R" && cp -R "$T/r.saved" "$R"; }
served() { echo "$(readlink "$T/a/current") $(readlink "$T/b/current") $(readlink "$T/remote/current")"; }
before=$(served)
m2=sha256:$(sha256sum < "$R/.govpub-manifest" | cut -c1-64)
hint="publish again; or, once you know the release is what govpub published (one made before releases were sealed, or on the host this one replaces), vouch for it: govpub releases --out $O --seal $id2"
# refused NAME PATH MESSAGE HINT: deploy refused, exit 1, with exactly this
# message at PATH; no target touched
refused() {
  "$GOVPUB" deploy --site "$S" 2> "$T/err"
  check_eq "$1: deploy exit 1" "$?" 1
  printf '%s: error: %s\n  hint: %s\n' "$2" "$3" "$4" | same "$1: refused" "$T/err"
  check_eq "$1: no target touched" "$(served)" "$before"
}
# a page and the manifest rewritten together, in govpub's own format
echo '<p>defaced</p>' >> "$R/index.html"
manifest_rewrite "$R"
check "rewritten with its manifest: it verifies against it" "$GOVPUB" verify "$R"
refused "rewritten with its manifest" "$R/.govpub-seal" \
  "the seal is of another manifest ($m2, the release's is sha256:$(sha256sum < "$R/.govpub-manifest" | cut -c1-64)): the release was rewritten since it was sealed" \
  "$hint"
restore_r
# another release's seal copied in
cp "$O/releases/$id/.govpub-seal" "$R/"
refused "a copied seal" "$R/.govpub-seal" "the seal is release $id's, not $id2's (copied from another release?)" "$hint"
restore_r
# a seal made under another host's key
GOVPUB_STATE_DIR=$T/other-host "$GOVPUB" releases --out "$O" --seal "$id2" 2>/dev/null
refused "another host's seal" "$R/.govpub-seal" \
  "the seal does not verify under this host's key: sealed on another host, or forged" "$hint"
restore_r
# no seal (an older govpub's release)
rm "$R/.govpub-seal"
refused "no seal" "$R/.govpub-seal" \
  "no seal: release $id2 was not published by govpub on this host, or before releases were sealed" "$hint"
restore_r
# a host without the key (a web server, say) checks no seal, makes no key
host_state=$GOVPUB_STATE_DIR GOVPUB_STATE_DIR=$T/no-key
refused "no host key" "$T/no-key/sigcache.key" \
  "no host key to check the seal of release $id2 with: this host has sealed no release" \
  "deploy and roll back on the host that published it; moving to a new host: docs/operators.md, \"The seal\""
GOVPUB_STATE_DIR=$host_state
check "no host key: none made by a deploy" test ! -e "$T/no-key"
# sealed releases as published: the older one deployed again by its id
# (mirror-a has it: it lands beside), and rollback on the publishing host
# takes the previous one and comes back
"$GOVPUB" deploy --site "$S" --target mirror-a "$id" 2> "$T/err"
check_eq "sealed: deploy exit 0" "$?/$(cat "$T/err")" "0/govpub: deployed $id to mirror-a ($id-2): switched and verified"
check "sealed: the target verifies" "$GOVPUB" verify "$T/a/current"
check "sealed: and its seal holds, as release $id's" "$GOVPUB" verify --publisher "$T/publisher.pub" "$T/a/current"
check "sealed: the seal travels with the release (a dot file: not served)" \
  cmp "$T/a/current/.govpub-seal" "$O/releases/$id/.govpub-seal"
"$GOVPUB" rollback --out "$O" 2> "$T/err"
check_eq "sealed: rollback to the previous release" "$?/$(readlink "$O/current")" "0/releases/$id"
"$GOVPUB" rollback --out "$O" "$id2" 2> "$T/err"
check_eq "sealed: and forward again" "$?/$(readlink "$O/current")" "0/releases/$id2"

# an unreachable target fails, the others are done, all logged
sed -i "s/-p $port /-p 1 /" "$S/site.yaml"
"$GOVPUB" deploy --site "$S" 2> "$T/err"
check_eq "unreachable target: exit 1" "$?" 1
check_file_has "unreachable target: named" "$T/err" "error: deploy target \"web1\": preparing failed (ssh exit 255)"
check_file_has "unreachable target: said" "$T/err" "govpub: deploying $id2 to web1 failed; what it served before is unchanged"
check_eq "unreachable target: the others switched" "$(readlink "$T/a/current") $(readlink "$T/b/current")" "releases/$id2 releases/$id2"
check_eq "unreachable target: logged" "$(tail -1 "$O/publish.log" | python3 -c 'import json,sys; e=json.load(sys.stdin); print(e["target"], e["result"])')" "web1 failed"
check_eq "unreachable target: web1 still serves its release" "$(readlink "$T/remote/current")" "releases/$id2-2"

# configuration problems
"$GOVPUB" deploy --site "$S" --target nope 2> "$T/err"
check_eq "unknown --target: exit 1" "$?" 1
check_file_has "unknown --target: message" "$T/err" "error: no deploy target named \"nope\""
printf '  - name: broken\n    path: /x\n    rsync: h:/y\n' >> "$S/site.yaml"
"$GOVPUB" deploy --site "$S" 2> "$T/err"
check_eq "bad target: exit 1" "$?" 1
line=$(grep -n 'name: broken' "$S/site.yaml" | cut -d: -f1)
check_file_has "bad target: site.yaml:line:col" "$T/err" "site.yaml:$line:5: error: deploy target 4 needs a name and exactly one of path or rsync (HOST:DIR)"

# The targets in deploy.yaml, the operator's file beside site.yaml, which no
# review covers: site.yaml without deploy: is signed once, and a server
# added to deploy.yaml needs no new sign-off (in site.yaml it made the
# site's review stale, and every publish was refused)
sed -i '/^deploy:$/,$d' "$S/site.yaml"
sample_sign_site "$S"
printf 'deploy:\n  - name: mirror-a\n    path: %s\n' "$T/a" > "$S/deploy.yaml"
printf '  - name: mirror-c\n    path: %s\n' "$T/c" >> "$S/deploy.yaml"
"$GOVPUB" publish --site "$S" --trust "$TRUST" -q 2> "$T/err"
check_eq "deploy.yaml: a new target, publish needs no sign-off" "$?:$(cat "$T/err")" "0:"
id3=$(readlink "$O/current" | sed 's#^releases/##')
"$GOVPUB" deploy --site "$S" --target mirror-c 2> "$T/err"
check_eq "deploy.yaml: the new target deployed" "$?:$(cat "$T/err"):$(readlink "$T/c/current")" \
  "0:govpub: deployed $id3 to mirror-c ($id3): switched and verified:releases/$id3"
"$GOVPUB" deploy --site "$S" --target nope 2> "$T/err"
check_eq "deploy.yaml: an unknown --target, said at its deploy:" "$?:$(cat "$T/err")" "1:$S/deploy.yaml:1:1: error: no deploy target named \"nope\"
  hint: use a name from the deploy: list of $S/deploy.yaml"
printf 'deploy:\n  - name: mirror-a\n    path: %s\n' "$T/a" >> "$S/site.yaml"
"$GOVPUB" deploy --site "$S" 2> "$T/err"
rc=$?
line=$(grep -n '^deploy:' "$S/site.yaml" | cut -d: -f1)
check_eq "deploy.yaml and site.yaml both: refused" "$rc:$(cat "$T/err")" "1:$S/site.yaml:$line:1: error: deploy targets in both site.yaml and $S/deploy.yaml
  hint: keep the targets in deploy.yaml only (the site's review does not cover it: adding a server needs no new sign-off)"
sed -i '/^deploy:$/,$d' "$S/site.yaml"
printf 'keep: 3\n' >> "$S/deploy.yaml"
"$GOVPUB" deploy --site "$S" 2> "$T/err"
check_eq "deploy.yaml: another key, refused" "$?:$(cat "$T/err")" "1:$S/deploy.yaml:6:1: error: unknown key \"keep\"
  hint: deploy.yaml holds deploy: and nothing else"

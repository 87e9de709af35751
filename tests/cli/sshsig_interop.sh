#!/bin/sh
# SSH signatures interoperate with OpenSSH both ways: what `ssh-keygen -Y sign`
# makes verifies in govpub's own verifier (sshsig.c, OpenSSL), what govpub
# has signed (sshsig_sign.c, through ssh-keygen or ssh-agent) verifies with
# `ssh-keygen -Y verify`, fingerprints equal `ssh-keygen -lf`, and forged or
# misdirected signatures are refused with the exact reason.
#
# Uses $BUILD/tests/sshsig_tool (tests/unit/sshsig_tool.c); when that has not
# been built, it is compiled into the temporary folder first.
. "$(dirname "$0")/lib.sh"

NS=govpub-review
TOOL=$ROOT/${BUILD:-build}/tests/sshsig_tool
if [ ! -x "$TOOL" ]; then
  TOOL=$T/sshsig_tool
  # shellcheck disable=SC2046 # pkg-config's flags are meant to split
  (cd "$ROOT" && ${CC:-cc} -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -pthread -Igenerator \
    -Itests/tools $(pkg-config --cflags libcrypto) -o "$TOOL" tests/unit/sshsig_tool.c tests/tools/ed25519_signer.c generator/ssh*.c \
    generator/arena.c generator/buf.c $(pkg-config --libs libcrypto)) || {
    fail "build sshsig_tool"
    exit 1
  }
fi

# Never touch an agent this script did not start; stop ours on the way out.
unset SSH_AUTH_SOCK SSH_AGENT_PID
AGENT_PID=
trap '[ -n "$AGENT_PID" ] && kill "$AGENT_PID"; rm -rf "$T"' EXIT

printf 'govpub-signoff 1\ndocument: content/policy/2024-12.md\nstage: 2\n' > "$T/msg"

# expect_refusal NAME WANT COMMAND...: the command fails and its stderr is WANT
# (ssh-keygen ends its lines with \r\n).
expect_refusal() {
  name=$1 want=$2
  shift 2
  if "$@" >/dev/null 2>"$T/err"; then
    fail "$name (accepted)"
  else
    check_eq "$name" "$(tr -d '\r' < "$T/err")" "$want"
  fi
}

KEYS="ed25519 rsa ecdsa256 ecdsa384"
ssh-keygen -q -t ed25519 -N '' -C 'zhang.wei 初审' -f "$T/ed25519"
ssh-keygen -q -t rsa -b 3072 -N '' -C 'li.na' -f "$T/rsa"
ssh-keygen -q -t ecdsa -b 256 -N '' -C '' -f "$T/ecdsa256"
ssh-keygen -q -t ecdsa -b 384 -N '' -C 'wang.fang' -f "$T/ecdsa384"
: > "$T/allowed_signers"
for k in $KEYS; do
  printf '%s namespaces="%s" %s\n' "reviewer-$k" "$NS" "$(cut -d' ' -f1,2 "$T/$k.pub")" >> "$T/allowed_signers"
done

for k in $KEYS; do
  lf=$(ssh-keygen -lf "$T/$k.pub")
  check_eq "$k: fingerprint line equals ssh-keygen -lf" "$("$TOOL" fingerprint "$T/$k.pub")" "$lf"
  fp=$(echo "$lf" | cut -d' ' -f2)
  label=$(echo "$lf" | sed 's/.*(\(.*\))$/\1/')

  # ssh-keygen signs, govpub verifies.
  cp "$T/msg" "$T/msg.$k"
  ssh-keygen -Y sign -f "$T/$k" -n "$NS" "$T/msg.$k" 2>/dev/null
  check_eq "$k: ssh-keygen's signature verifies in govpub" \
    "$("$TOOL" verify "$T/$k.pub" "$NS" "$T/msg" "$T/msg.$k.sig" 2>&1)" "verified: $label key $fp"

  # govpub signs (through ssh-keygen), ssh-keygen verifies.
  "$TOOL" sign "$T/$k" "$NS" "$T/msg" > "$T/$k.govpub.sig"
  check_eq "$k: govpub's signature verifies with ssh-keygen -Y verify" \
    "$(ssh-keygen -Y verify -f "$T/allowed_signers" -I "reviewer-$k" -n "$NS" -s "$T/$k.govpub.sig" < "$T/msg" 2>&1)" \
    "Good \"$NS\" signature for reviewer-$k with $label key $fp"
  check_eq "$k: govpub's signature verifies in govpub" \
    "$("$TOOL" verify "$T/$k.pub" "$NS" "$T/msg" "$T/$k.govpub.sig" 2>&1)" "verified: $label key $fp"
done

# The tests' in-process Ed25519 signer (tests/tools/ed25519_signer.c, which
# `make bench` signs its sites with): byte for byte what ssh-keygen -Y sign
# writes (Ed25519 is deterministic), for several messages and namespaces,
# and ssh-keygen -Y verify accepts it.
head -c 5000 /dev/urandom > "$T/msg.random"
: > "$T/msg.empty"
for m in msg msg.random msg.empty; do
  for ns in "$NS" govpub-roster; do
    rm -f "$T/keygen.$m.sig" && cp "$T/$m" "$T/keygen.$m"
    ssh-keygen -Y sign -f "$T/ed25519" -n "$ns" "$T/keygen.$m" 2>/dev/null
    "$TOOL" sign-ed25519 "$T/ed25519" "$ns" "$T/$m" > "$T/inproc.sig"
    check "in-process Ed25519 signature of $m ($ns): the bytes of ssh-keygen -Y sign" cmp "$T/inproc.sig" "$T/keygen.$m.sig"
  done
done
"$TOOL" sign-ed25519 "$T/ed25519" "$NS" "$T/msg.random" > "$T/inproc.sig"
check_eq "in-process Ed25519 signature verifies with ssh-keygen -Y verify" \
  "$(ssh-keygen -Y verify -f "$T/allowed_signers" -I reviewer-ed25519 -n "$NS" -s "$T/inproc.sig" < "$T/msg.random" 2>&1)" \
  "Good \"$NS\" signature for reviewer-ed25519 with ED25519 key $(ssh-keygen -lf "$T/ed25519.pub" | cut -d' ' -f2)"
expect_refusal "in-process signer: an RSA key refused" "sshsig_tool: $T/rsa: not an Ed25519 key" \
  "$TOOL" sign-ed25519 "$T/rsa" "$NS" "$T/msg"
ssh-keygen -q -t ed25519 -N 'secret' -f "$T/locked"
expect_refusal "in-process signer: an encrypted key refused" \
  "sshsig_tool: $T/locked: the key is encrypted (only unencrypted keys: ssh-keygen -N '')" \
  "$TOOL" sign-ed25519 "$T/locked" "$NS" "$T/msg"
expect_refusal "in-process signer: a public key refused" "sshsig_tool: $T/ed25519.pub: not an OpenSSH private key file" \
  "$TOOL" sign-ed25519 "$T/ed25519.pub" "$NS" "$T/msg"

# Message hashed with SHA-256 instead of ssh-keygen's default SHA-512.
cp "$T/msg" "$T/msg.sha256"
ssh-keygen -Y sign -f "$T/ed25519" -n "$NS" -O hashalg=sha256 "$T/msg.sha256" 2>/dev/null
check "sha256 message hash verifies" "$TOOL" verify "$T/ed25519.pub" "$NS" "$T/msg" "$T/msg.sha256.sig"

# Refusals.
ED_FP=$(ssh-keygen -lf "$T/ed25519.pub" | cut -d' ' -f2)
RSA_FP=$(ssh-keygen -lf "$T/rsa.pub" | cut -d' ' -f2)
printf 'govpub-signoff 1\ndocument: content/policy/2024-12.md\nstage: 3\n' > "$T/msg.tampered"
expect_refusal "tampered message refused" "sshsig_tool: signature does not verify" \
  "$TOOL" verify "$T/ed25519.pub" "$NS" "$T/msg.tampered" "$T/msg.ed25519.sig"
expect_refusal "tampered message refused (RSA)" "sshsig_tool: signature does not verify" \
  "$TOOL" verify "$T/rsa.pub" "$NS" "$T/msg.tampered" "$T/msg.rsa.sig"
expect_refusal "tampered message refused (ECDSA)" "sshsig_tool: signature does not verify" \
  "$TOOL" verify "$T/ecdsa384.pub" "$NS" "$T/msg.tampered" "$T/msg.ecdsa384.sig"
cp "$T/msg" "$T/msg.file"
ssh-keygen -Y sign -f "$T/ed25519" -n file "$T/msg.file" 2>/dev/null
expect_refusal "wrong namespace refused" "sshsig_tool: wrong namespace \"file\" (expected \"$NS\")" \
  "$TOOL" verify "$T/ed25519.pub" "$NS" "$T/msg" "$T/msg.file.sig"
expect_refusal "another key's signature refused" \
  "sshsig_tool: signed by $ED_FP, not by the expected key $RSA_FP" \
  "$TOOL" verify "$T/rsa.pub" "$NS" "$T/msg" "$T/msg.ed25519.sig"
expect_refusal "ssh-keygen refuses a govpub signature of another message too" \
  "Signature verification failed: incorrect signature" \
  sh -c "ssh-keygen -Y verify -f '$T/allowed_signers' -I reviewer-ed25519 -n '$NS' \
    -s '$T/ed25519.govpub.sig' < '$T/msg.tampered'"
expect_refusal "signing with a missing key reports ssh-keygen's error" \
  "sshsig_tool: ssh-keygen could not sign with \"$T/nokey\" (exit status 255): Couldn't load public key $T/nokey: No such file or directory" \
  "$TOOL" sign "$T/nokey" "$NS" "$T/msg"

# Through ssh-agent, as reviewers sign: only the .pub is on disk.
ssh-keygen -q -t ed25519 -N '' -C 'agent key' -f "$T/agent"
mv "$T/agent" "$T/agent.away"
expect_refusal "a lone .pub cannot sign without the agent" \
  "sshsig_tool: ssh-keygen could not sign with \"$T/agent.pub\" (exit status 255): No private key found for public key \"$T/agent.pub\"" \
  "$TOOL" sign "$T/agent.pub" "$NS" "$T/msg"
eval "$(ssh-agent -s)" >/dev/null
AGENT_PID=$SSH_AGENT_PID
check "ssh-add the key" ssh-add -q "$T/agent.away"
rm -f "$T/agent.away"
if "$TOOL" sign "$T/agent.pub" "$NS" "$T/msg" > "$T/agent.sig" 2>"$T/err"; then
  ok "signing through ssh-agent with the .pub path"
else
  fail "signing through ssh-agent with the .pub path: $(cat "$T/err")"
fi
AGENT_FP=$(ssh-keygen -lf "$T/agent.pub" | cut -d' ' -f2)
check_eq "agent-made signature verifies in govpub" \
  "$("$TOOL" verify "$T/agent.pub" "$NS" "$T/msg" "$T/agent.sig" 2>&1)" "verified: ED25519 key $AGENT_FP"
printf 'agent namespaces="%s" %s\n' "$NS" "$(cut -d' ' -f1,2 "$T/agent.pub")" > "$T/allowed_agent"
check_eq "agent-made signature verifies with ssh-keygen -Y verify" \
  "$(ssh-keygen -Y verify -f "$T/allowed_agent" -I agent -n "$NS" -s "$T/agent.sig" < "$T/msg" 2>&1)" \
  "Good \"$NS\" signature for agent with ED25519 key $AGENT_FP"
kill "$AGENT_PID" && AGENT_PID=

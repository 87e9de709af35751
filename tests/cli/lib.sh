# Shared helpers for the CLI tests (sourced).  Each check prints `ok <name>`
# or `FAIL <name>: …`; tests/run.sh counts them.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
GOVPUB=${GOVPUB:-$ROOT/build/govpub}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export GOVPUB_STATE_DIR="$T/host-state" # this host's own keys (the signature cache's), one per test
SUITE=$(basename "$0" .sh)

ok() { echo "ok $SUITE: $1"; }
fail() { echo "FAIL $SUITE: $1"; }

# check NAME COMMAND...: passes when the command succeeds.
check() {
  name=$1; shift
  if "$@" >/dev/null 2>&1; then ok "$name"; else fail "$name (command: $*)"; fi
}

# check_eq NAME GOT WANT
check_eq() {
  if [ "$2" = "$3" ]; then ok "$1"; else
    fail "$1"
    printf '  got:  %s\n  want: %s\n' "$2" "$3"
  fi
}

# same NAME FILE: FILE equals standard input (a diff when it does not).
same() {
  cat > "$T/want"
  if diff -u "$T/want" "$2" > "$T/diff"; then ok "$1"; else fail "$1"; cat "$T/diff"; fi
}

# check_file_has NAME FILE STRING: FILE contains STRING (fixed string).
check_file_has() {
  if grep -qF -- "$3" "$2" 2>/dev/null; then ok "$1"; else fail "$1 ($2 lacks «$3»)"; fi
}
check_file_lacks() {
  if [ -f "$2" ] && ! grep -qF -- "$3" "$2"; then ok "$1"; else fail "$1 ($2 contains «$3» or is missing)"; fi
}

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

# A copy of a fixture site to change freely.
site_copy() { cp -R "$ROOT/tests/fixtures/$1" "$T/$2"; }

# A copy of the sample portal (the repository root) to publish freely.
sample_copy() {
  mkdir -p "$1"
  (cd "$ROOT" && cp -R site.yaml content charts themes static reviewers.yaml reviewers.yaml.sig reviews words "$1/")
  for d in reports data; do # the annual report's figures, the letters summaries
    if [ -d "$ROOT/$d" ]; then cp -R "$ROOT/$d" "$1/"; fi
  done
}
TRUST=$ROOT/samples/keys/trust.pub

# sample_sign_site DIR [--new-round]: the site's own review (docs/reviewers.md)
# of a copy of the sample portal signed again, 初审 to 终审, with the SAMPLE
# keys — what its reviewers do after a change to site.yaml or the theme
# (--new-round: the site approved as it is, signed again all the same).
sample_sign_site() { sample_sign "$1" site "${2:-}"; }

# sample_sign DIR FILE [--new-round]: FILE (a document, or site) of a copy
# of the sample portal signed, 初审 to 终审, with the SAMPLE keys.
sample_sign() {
  if [ ! -d "$T/sample-keys" ]; then # ssh-keygen wants a private key only its owner reads
    mkdir -p "$T/sample-keys"
    for k in zhang.wei li.na wang.qiang; do
      cp "$ROOT/samples/keys/$k" "$ROOT/samples/keys/$k.pub" "$T/sample-keys/"
      chmod 600 "$T/sample-keys/$k"
    done
  fi
  "$GOVPUB" review sign "$2" --site "$1" --stage 1 ${3:+"$3"} --key "$T/sample-keys/zhang.wei" >/dev/null &&
    "$GOVPUB" review sign "$2" --site "$1" --stage 2 --key "$T/sample-keys/li.na" >/dev/null &&
    "$GOVPUB" review sign "$2" --site "$1" --stage 3 --key "$T/sample-keys/wang.qiang" >/dev/null ||
    fail "signing $2 of $1"
}

# new_news_page FILE: a new, short 动态 for a copy of the sample portal.
new_news_page() {
  cat >"$1" <<'EOF'
---
title: 新增的一篇动态
date: 2024-12-19T09:00:00+08:00
source: 云岭区数据资源管理局
---

新增文章的正文。
EOF
}

# A TCP port nothing listens on now, on 127.0.0.1 (and ::1 when there is one).
free_port() {
  python3 - <<'PY'
import socket
for _ in range(50):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]
    try:
        t = socket.socket(socket.AF_INET6); t.bind(("::1", port)); t.close()
    except OSError as e:
        if e.errno == 98: s.close(); continue  # taken on ::1: another one
    s.close(); print(port); break
PY
}

# manifest_rewrite RELEASE: RELEASE/.govpub-manifest made again from the
# files it lists, in govpub's own format (docs/publishing.md) — what anyone
# who can write the output folder can do after changing a file, so that
# the release verifies against its manifest again.
manifest_rewrite() {
  python3 - "$1" <<'PY'
import hashlib, os, sys
root = sys.argv[1]
path = os.path.join(root, ".govpub-manifest")
body = b"govpub-manifest 1\n"
for line in open(path, "rb").read().split(b"\n")[1:-2]:
    name = line.split(b" ", 2)[2]
    data = open(os.path.join(root, os.fsdecode(name)), "rb").read()
    body += b"sha256:%s %d %s\n" % (hashlib.sha256(data).hexdigest().encode(), len(data), name)
open(path, "wb").write(body + b"end sha256:%s\n" % hashlib.sha256(body).hexdigest().encode())
PY
}

# seal_v1 RELEASE: RELEASE/.govpub-seal written as govpub wrote seals
# before version 2 — "govpub-seal 1", the release's folder name, its
# manifest's digest, and the HMAC-SHA256 of those three lines under this
# host's key — with Python's hmac, not govpub.
seal_v1() {
  python3 - "$1" "$GOVPUB_STATE_DIR/sigcache.key" <<'PY'
import hashlib, hmac, os, sys
rel, key = sys.argv[1], open(sys.argv[2], "rb").read()
m = hashlib.sha256(open(os.path.join(rel, ".govpub-manifest"), "rb").read()).hexdigest()
msg = b"govpub-seal 1\nrelease: %s\nmanifest: sha256:%s\n" % (os.path.basename(rel).encode(), m.encode())
open(os.path.join(rel, ".govpub-seal"), "wb").write(msg + b"hmac-sha256: %s\n" % hmac.new(key, msg, hashlib.sha256).hexdigest().encode())
PY
}

# sealed_at RELEASE: the time RELEASE/.govpub-seal states (its sealed: line)
sealed_at() { sed -n 's/^sealed: //p' "$1/.govpub-seal"; }

# seal_v2 RELEASE [ID]: RELEASE/.govpub-seal written as govpub wrote seals
# of version 2, which did not say when they were made: "govpub-seal 2", the
# release's id (default its folder's name), its manifest's digest, and the Ed25519 signature
# of those three lines under this host's publisher key (derived as below),
# with Python's hmac and cryptography, not govpub.
seal_v2() {
  python3 - "$1" "$GOVPUB_STATE_DIR/sigcache.key" "${2:-$(basename "$1")}" <<'PY'
import base64, hashlib, hmac, os, sys
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
rel, key, rid = sys.argv[1], open(sys.argv[2], "rb").read(), sys.argv[3]
m = hashlib.sha256(open(os.path.join(rel, ".govpub-manifest"), "rb").read()).hexdigest()
msg = b"govpub-seal 2\nrelease: %s\nmanifest: sha256:%s\n" % (rid.encode(), m.encode())
sk = Ed25519PrivateKey.from_private_bytes(hmac.new(key, b"govpub publisher ed25519 key 1", hashlib.sha256).digest())
open(os.path.join(rel, ".govpub-seal"), "wb").write(msg + b"ed25519: %s\n" % base64.b64encode(sk.sign(msg)))
PY
}

# publisher_derived [STATE_DIR]: the publisher public key line that the
# host key in STATE_DIR (default this host's) gives by the derivation
# docs/operators.md documents — seed = HMAC-SHA256(key, "govpub publisher
# ed25519 key 1"), the Ed25519 key of that seed (RFC 8032) — computed with
# Python's hmac and cryptography, not govpub; without its comment.
publisher_derived() {
  python3 - "${1:-$GOVPUB_STATE_DIR}/sigcache.key" <<'PY'
import base64, hashlib, hmac, struct, sys
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives import serialization
seed = hmac.new(open(sys.argv[1], "rb").read(), b"govpub publisher ed25519 key 1", hashlib.sha256).digest()
pk = Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(
    serialization.Encoding.Raw, serialization.PublicFormat.Raw)
blob = struct.pack(">I", 11) + b"ssh-ed25519" + struct.pack(">I", 32) + pk
print("ssh-ed25519", base64.b64encode(blob).decode())
PY
}

# seal_openssl RELEASE PUBFILE: checks RELEASE/.govpub-seal's signature
# (its last line) over the statement made from the release's folder name,
# its manifest file and the seal's time (its `sealed:` line, which only the
# signature vouches for), under the ssh-ed25519 key of PUBFILE, with
# openssl pkeyutl (OpenSSL's Ed25519, not libsodium); prints openssl's
# verdict ("Signature Verified Successfully" or its refusal).
seal_openssl() {
  python3 - "$1" "$2" "$T/openssl" <<'PY'
import base64, hashlib, os, sys
rel, pub, work = sys.argv[1:4]
os.makedirs(work, exist_ok=True)
m = hashlib.sha256(open(os.path.join(rel, ".govpub-manifest"), "rb").read()).hexdigest()
lines = open(os.path.join(rel, ".govpub-seal"), "rb").read().split(b"\n")
assert lines[3].startswith(b"sealed: ")
stmt = b"govpub-seal 3\nrelease: %s\nmanifest: sha256:%s\n%s\n" % (
    os.path.basename(os.path.realpath(rel)).encode(), m.encode(), lines[3])
open(os.path.join(work, "statement"), "wb").write(stmt)
sig = lines[4]
assert sig.startswith(b"ed25519: ")
open(os.path.join(work, "sig"), "wb").write(base64.b64decode(sig[9:], validate=True))
blob = base64.b64decode(open(pub).read().split()[1])
assert blob[:19] == b"\0\0\0\x0bssh-ed25519\0\0\0\x20" and len(blob) == 51
der = bytes.fromhex("302a300506032b6570032100") + blob[19:]  # SubjectPublicKeyInfo, id-Ed25519 (RFC 8410)
open(os.path.join(work, "pub.pem"), "w").write(
    "-----BEGIN PUBLIC KEY-----\n" + base64.b64encode(der).decode() + "\n-----END PUBLIC KEY-----\n")
PY
  openssl pkeyutl -verify -pubin -inkey "$T/openssl/pub.pem" -rawin -in "$T/openssl/statement" \
    -sigfile "$T/openssl/sig" 2>&1
}

#!/bin/sh
# make sign-samples: signs the sample portal with the SAMPLE keys of
# samples/keys/ (never a real site's): the roster, then 初审, 复审 and 终审 of
# every document that is not approved on its current version.
set -eu
cd "$(dirname "$0")/../.."
GOVPUB=${GOVPUB:-build/govpub}
# ssh-keygen refuses a private key others may read, and git checks files out
# 0644: the keys are used from a private copy.
K=$(mktemp -d)
trap 'rm -rf "$K"' EXIT
for k in roster-signer zhang.wei li.na wang.qiang; do
  cp samples/keys/$k samples/keys/$k.pub "$K/"
  chmod 600 "$K/$k"
done
cp samples/keys/trust.pub "$K/"
"$GOVPUB" review sign-roster --key "$K/roster-signer"
# each stage signs, in one command, whatever awaits it (--all; 初审: stale
# documents too), the site among them; --yes: this script has no one to ask
for s in 1 2 3; do
  case $s in 1) who=zhang.wei ;; 2) who=li.na ;; 3) who=wang.qiang ;; esac
  "$GOVPUB" review sign --all --stage $s --key "$K/$who" --trust "$K/trust.pub" --yes > "$K/signed"
  grep -E ': signed;|^signed |^nothing' "$K/signed"
done
"$GOVPUB" review verify --trust "$K/trust.pub"

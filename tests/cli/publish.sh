#!/bin/sh
# govpub publish, releases, rollback, verify on a copy of the sample portal:
# what a release holds (precompressed variants that decode to the files, a
# manifest that is the same for the same site), the audit log's entries,
# tampering found file by file, rollback and its refusals, keep_releases,
# the lock, and a refused publish that leaves current alone.
. "$(dirname "$0")/lib.sh"

S=$T/site O=$T/site/out
sample_copy "$S"
pub() { "$GOVPUB" publish --site "$S" --trust "$TRUST" "$@" > "$T/out" 2> "$T/err"; rc=$?; }

pub
check_eq "publish: exit 0" "$rc" 0
id1=$(readlink "$O/current" | sed 's#^releases/##')
check_eq "publish: current is a release" "$(readlink "$O/current")" "releases/$id1"
# 617 files: the theme's favicon.svg (with its .gz and .br, a text file)
# and favicon.ico are four of them; 125 pages (信件选登, hudong/letter:
# its list and three letters, 18 files with its feed, made 121 → 125)
check_eq "publish: summary" "$(sed 's/release [0-9-]*:/release ID:/' "$T/err")" \
  "published release ID: 125 pages, 617 files (205 text files precompressed) → $O/current"
check "gz beside index.html decodes to it" sh -c "gzip -dc '$O/current/index.html.gz' | cmp - '$O/current/index.html'"
check "br beside index.html decodes to it" sh -c "brotli -dc '$O/current/index.html.br' | cmp - '$O/current/index.html'"
check "css precompressed" test -f "$O/current/css/site.css.br" -a -f "$O/current/css/site.css.gz"
check "svg precompressed" test -f "$O/current/images/logo.svg.gz"
check "no variants of binaries or variants" sh -c "! find '$O/current/' -name '*.gz.gz' -o -name '*.png.gz' -o -name '*.br.br' | grep -q ."
ntext=$(find "$O/current/" -type f ! -name '*.gz' ! -name '*.br' | grep -cE '\.(html|css|js|json|svg|xml|txt|csv)$')
check_eq "every text file has .gz and .br" "$(find "$O/current/" -name '*.gz' | wc -l)/$(find "$O/current/" -name '*.br' | wc -l)" "$ntext/$ntext"
check_eq "gzip header carries no time or name" "$(od -An -tx1 -N10 "$O/current/index.html.gz" | tr -d ' ')" "1f8b0800000000000203"

# the manifest: every file but itself, sorted, then its own digest
m=$O/current/.govpub-manifest
check_eq "manifest: header" "$(head -1 "$m")" "govpub-manifest 1"
check_eq "manifest: one line per file but itself and the seal" "$(($(wc -l < "$m") - 2))" "$(find "$O/current/" -type f ! -name .govpub-manifest ! -name .govpub-seal | wc -l)"
check_eq "manifest: entry of index.html" "$(grep ' index.html$' "$m")" \
  "sha256:$(sha256sum < "$O/current/index.html" | cut -c1-64) $(stat -c %s "$O/current/index.html") index.html"
check_eq "manifest: sorted bytewise" "$(sed '1d;$d' "$m" | cut -d' ' -f3 | LC_ALL=C sort -c && echo sorted)" "sorted"
check_eq "manifest: covers itself" "$(tail -1 "$m")" "end sha256:$(head -n -1 "$m" | sha256sum | cut -c1-64)"

"$GOVPUB" verify --out "$O" 2> "$T/err"
check_eq "verify: exit 0" "$?" 0
check_eq "verify: message" "$(sed 's/manifest sha256:[0-9a-f]*/manifest X/' "$T/err")" \
  "govpub: $O/current matches its manifest: 617 files (manifest X)"

# the audit log
check_eq "log: one publish entry" "$(python3 - "$O/publish.log" "$id1" <<'PY'
import json, sys
e = [json.loads(l) for l in open(sys.argv[1])]
p = e[-1]
docs = p["documents"]
print(len(e), p["action"], p["result"], p["release"] == sys.argv[2], p["pages"], p["files"], p["compressed"],
      p["manifest"].startswith("sha256:"), p["dictionary"].startswith("sha256:"), p["check"], p["errors"],
      sorted(p) == sorted(["time", "action", "user", "result", "errors", "site", "release", "dictionary", "check",
                           "pages", "files", "compressed", "manifest", "documents"] + (["sudo_user"] if "sudo_user" in p else [])),
      len(docs), all(len(d["reviewers"]) == 3 and len(set(d["reviewers"])) == 3 for d in docs))
PY
)" "1 publish ok True 125 617 205 True True {'result': 'passed', 'errors': 0, 'warnings': 0, 'vetoes': []} 0 True 65 True"
check_eq "log: reviewers of a document" "$(python3 -c '
import json, sys
p = json.loads(open(sys.argv[1]).readlines()[-1])
print([d["reviewers"] for d in p["documents"] if d["path"] == "content/policy/2024-one-thing-plan.md"][0])' "$O/publish.log")" \
  "['zhang.wei', 'li.na', 'wang.qiang']"
check_eq "log: manifest digest is the file's" "$(python3 -c '
import json, sys
print(json.loads(open(sys.argv[1]).readlines()[-1])["manifest"])' "$O/publish.log")" "sha256:$(sha256sum < "$m" | cut -c1-64)"

# the same site again: a new release, the same bytes (brotli from the cache)
sleep 1
pub
id2=$(readlink "$O/current" | sed 's#^releases/##')
check "second publish: a new release" test "$id2" != "$id1"
check "same site, same manifest" cmp "$O/releases/$id1/.govpub-manifest" "$O/releases/$id2/.govpub-manifest"
# a damaged cache entry is never used: the .br still decodes to the file
for f in "$O"/.cache/brotli/*.br; do printf 'junk' > "$f"; done
# and what no file of this publish uses (an older version of a page, what a
# killed publish was writing) leaves the cache
printf 'old' > "$O/.cache/brotli/q11-$(printf '0%.0s' $(seq 64)).br"
printf 'part' > "$O/.cache/brotli/q11-$(printf '1%.0s' $(seq 64)).br.tmp-99999-0"
sleep 1
pub
id3=$(readlink "$O/current" | sed 's#^releases/##')
check "damaged brotli cache: same manifest" cmp "$O/releases/$id1/.govpub-manifest" "$O/releases/$id3/.govpub-manifest"
check_eq "brotli cache: only what the publish used (one per text file)" "$(ls "$O/.cache/brotli" | grep -c '^q11-[0-9a-f]\{64\}\.br$') $(ls "$O/.cache/brotli" | wc -l)" "205 205"

"$GOVPUB" releases --out "$O" > "$T/out"
check_eq "releases: three, oldest first, current marked" "$(sed 's/  */ /g' "$T/out")" \
"$(printf '  %s %s 125 pages %s\n  %s %s 125 pages %s\n* %s %s 125 pages %s current' \
  "$id1" "$(python3 -c 'import json,sys; t=json.loads(open(sys.argv[1]).readlines()[0])["time"]; print(t[:10], t[11:19], "UTC")' "$O/publish.log")" "$(id -un)" \
  "$id2" "$(python3 -c 'import json,sys; t=json.loads(open(sys.argv[1]).readlines()[1])["time"]; print(t[:10], t[11:19], "UTC")' "$O/publish.log")" "$(id -un)" \
  "$id3" "$(python3 -c 'import json,sys; t=json.loads(open(sys.argv[1]).readlines()[2])["time"]; print(t[:10], t[11:19], "UTC")' "$O/publish.log")" "$(id -un)" | sed 's/  */ /g')"

# an id without --seal: a usage error, not a listing that ignores it
"$GOVPUB" releases --out "$O" "$id1" > "$T/out" 2> "$T/err"
check_eq "releases ID without --seal: exit 2, nothing listed" "$?:$(cat "$T/out")" "2:"
same "releases ID without --seal: said" "$T/err" <<X
govpub: error: unexpected argument "$id1"
  hint: run \`govpub releases --help\`: an id goes with --seal
X

# tampering: a changed, an added and a removed file, each named
echo '<p>defaced</p>' >> "$O/current/news/index.html"
echo 'x' > "$O/current/evil.html"
rm "$O/current/robots.txt"
"$GOVPUB" verify --out "$O" 2> "$T/err"
check_eq "verify tampered: exit 1" "$?" 1
sed -e 's/was sha256:[0-9a-f]*, now sha256:[0-9a-f]*/was X, now Y/' "$T/err" > "$T/err.s"
same "verify tampered: every difference named" "$T/err.s" <<X
$O/current/evil.html: error: added since publishing
  hint: restore the release: govpub deploy from the publishing host, or govpub rollback
$O/current/news/index.html: error: changed since publishing (was X, now Y)
  hint: restore the release: govpub deploy from the publishing host, or govpub rollback
$O/current/robots.txt: error: removed since publishing
  hint: restore the release: govpub deploy from the publishing host, or govpub rollback
govpub: $O/current differs from its manifest: 1 added, 1 removed, 1 changed
X
"$GOVPUB" verify "$O/releases/$id2" 2>/dev/null
check_eq "verify a folder given: the untouched release" "$?" 0

# a damaged manifest: edited, truncated, missing, not a folder
V=$T/v
cp -R "$O/releases/$id2" "$V"
sed -i 's/ robots.txt$/ robots2.txt/' "$V/.govpub-manifest"
"$GOVPUB" verify "$V" 2> "$T/err"
check_eq "edited manifest: exit 1" "$?" 1
same "edited manifest: message" "$T/err" <<X
$V/.govpub-manifest: error: the manifest is damaged: its own digest does not match its contents (edited?)
  hint: restore the release from a trusted copy (govpub deploy) or publish again
X
cp "$O/releases/$id2/.govpub-manifest" "$V/" && head -n 20 "$O/releases/$id2/.govpub-manifest" > "$V/.govpub-manifest"
"$GOVPUB" verify "$V" 2> "$T/err"
check_eq "truncated manifest: exit 1" "$?" 1
check_file_has "truncated manifest: message" "$T/err" "error: the manifest is damaged: its last line is not \"end sha256:…\" (truncated?)"
rm "$V/.govpub-manifest"
"$GOVPUB" verify "$V" 2> "$T/err"
check_eq "no manifest: exit 1" "$?" 1
check_file_has "no manifest: message" "$T/err" "$V/.govpub-manifest: error: no manifest: this tree cannot be verified"
"$GOVPUB" verify "$T/nowhere" 2> "$T/err"
check_eq "no such folder: exit 1" "$?" 1
same "no such folder: message, and no count of differences" "$T/err" <<X
$T/nowhere: error: no such folder
  hint: give the folder a web server serves (e.g. out/current)
X
cp "$O/releases/$id2/.govpub-manifest" "$V/"
ln -s /etc/passwd "$V/passwd.html"
"$GOVPUB" verify "$V" 2> "$T/err"
check_file_has "a link inside the tree: named" "$T/err" "$V/passwd.html: error: added since publishing (not a regular file)"
# an empty folder added is named too (the manifest lists files only), the
# deepest one where they nest
rm "$V/passwd.html"
mkdir "$V/empty" && mkdir -p "$V/news/deep/er"
"$GOVPUB" verify "$V" 2> "$T/err"
check_eq "empty folders added: exit 1" "$?" 1
same "empty folders added: each named" "$T/err" <<X
$V/empty/: error: added since publishing (an empty folder)
  hint: restore the release: govpub deploy from the publishing host, or govpub rollback
$V/news/deep/er/: error: added since publishing (an empty folder)
  hint: restore the release: govpub deploy from the publishing host, or govpub rollback
govpub: $V differs from its manifest: 2 added, 0 removed, 0 changed
X
check_eq "a published release holds no empty folder" "$(find "$O/releases/$id2" -type d -empty | wc -l)" 0

# rollback: to the previous release by default, logged; a tampered one refused
"$GOVPUB" rollback --out "$O" 2> "$T/err"
check_eq "rollback: exit 0" "$?" 0
check_eq "rollback: current is the previous release" "$(readlink "$O/current")" "releases/$id2"
check_eq "rollback: message" "$(cat "$T/err")" "govpub: $O/current → release $id2 (was $id3)"
check_eq "rollback: logged" "$(tail -1 "$O/publish.log" | python3 -c 'import json,sys; e=json.load(sys.stdin); print(e["action"], e["result"], e["from"], e["release"])')" \
  "rollback ok $id3 $id2"
"$GOVPUB" rollback --out "$O" "$id3" 2> "$T/err"
check_eq "rollback to a tampered release: exit 1" "$?" 1
check_eq "rollback to a tampered release: current unchanged" "$(readlink "$O/current")" "releases/$id2"
check_file_has "rollback to a tampered release: names the change" "$T/err" "$O/releases/$id3/news/index.html: error: changed since publishing"
check_file_has "rollback to a tampered release: the hint is not to roll back to it" "$T/err" \
  "  hint: this release was changed after it was published: publish again, or take another release (govpub releases lists them)"
check_file_has "rollback refused: said" "$T/err" "govpub: rollback refused; $O/current is unchanged"
"$GOVPUB" rollback --out "$O" nope 2> "$T/err"
check_eq "rollback to an unknown id: exit 1" "$?" 1
check_file_has "rollback to an unknown id: message" "$T/err" "error: no release \"nope\" in $O/releases"
"$GOVPUB" rollback --out "$O" "$id1" 2>/dev/null
"$GOVPUB" rollback --out "$O" 2> "$T/err"
check_eq "rollback past the oldest: exit 1" "$?" 1
check_file_has "rollback past the oldest: message" "$T/err" "error: no published release before the current one ($id1) in $O/releases"
check_eq "log: refusals logged" "$(tail -1 "$O/publish.log" | python3 -c 'import json,sys; e=json.load(sys.stdin); print(e["action"], e["result"])')" "rollback refused"

# the lock: a publish while another holds <out>/.lock is refused at once
flock "$O/.lock" sh -c "\"$GOVPUB\" publish --site \"$S\" --trust \"$TRUST\" 2> \"$T/err\"; echo \$? > \"$T/rc\""
check_eq "lock: exit 1" "$(cat "$T/rc")" 1
check_file_has "lock: message" "$T/err" "error: another govpub build, publish, rollback or deploy is working on \"$O\""
check_eq "lock: refusal logged" "$(tail -1 "$O/publish.log" | python3 -c 'import json,sys; e=json.load(sys.stdin); print(e["action"], e["result"], "release" in e)')" "publish refused False"
check_eq "lock: current unchanged" "$(readlink "$O/current")" "releases/$id1"

# a block hit stops the publish: refused, logged, current unchanged
cp "$S/site.yaml" "$T/site.yaml.good"
cp "$S/reviews/site.yaml" "$T/site-record.good"
good_site() { cp "$T/site.yaml.good" "$S/site.yaml"; cp "$T/site-record.good" "$S/reviews/site.yaml"; }
sed -i 's/^description: /description: 示例敏感词。/' "$S/site.yaml"
sample_sign_site "$S" # signed by its reviewers: the scan still stops it
pub
check_eq "block hit: exit 1" "$rc" 1
check_eq "block hit: current unchanged" "$(readlink "$O/current")" "releases/$id1"
check_eq "block hit: the last line says the publish was refused" "$(tail -1 "$T/err")" \
  "govpub: publish refused: $(grep -c ': error: ' "$T/err") error$([ "$(grep -c ': error: ' "$T/err")" = 1 ] || echo s); $O/current is unchanged"
check_eq "block hit: logged as refused" "$(tail -1 "$O/publish.log" | python3 -c 'import json,sys; e=json.load(sys.stdin); print(e["action"], e["result"], e["errors"] > 0)')" "publish refused True"
check_eq "block hit: no partial left" "$(ls -A "$O/releases" | grep -c partial)" 0
check_file_lacks "block hit: the site's review is not what refused it" "$T/err" "site's own files"
good_site

# the inspection gate: judged two years later, every column is stale and
# the home page out of date — 单项否决, so the publish is refused; the
# solicitation still 进行中 long after its end: is the one error (result)
sed -i 's/^  as_of: 2025-01-16$/  as_of: 2026-12-20/' "$S/site.yaml"
sample_sign_site "$S"
pub
check_eq "inspection gate: exit 1" "$rc" 1
check_file_has "inspection gate: a stale column named" "$T/err" "content/news/_index.md:1:1: warning: [栏目更新] column \"news\" (动态) not updated since 2025-01-14 (栏目不更新, 705 days before 2026-12-20)"
check_file_has "inspection gate: the veto said" "$T/err" "govpub: error: inspection: 单项否决: "
check_eq "inspection gate: current unchanged" "$(readlink "$O/current")" "releases/$id1"
check_eq "inspection gate: logged" "$(tail -1 "$O/publish.log" | python3 -c 'import json,sys; e=json.load(sys.stdin); c = e["check"]; print(e["action"], e["result"], c["result"], c["errors"], len(c["vetoes"]))')" "publish refused failed 2 2"
check_eq "inspection gate: no partial left" "$(ls -A "$O/releases" | grep -c partial)" 0
good_site

# the footer's 党政机关 badge changed and not signed with the site: withheld,
# so every page shows a broken image, and the link check refuses the publish
cp "$S/static/images/dzjg.svg" "$T/dzjg.good"
sed -i 's/<svg /<svg data-changed="1" /' "$S/static/images/dzjg.svg"
pub
check_eq "changed badge: exit 1" "$rc" 1
check_file_has "changed badge: withheld" "$T/err" \
  "$S/static/images/dzjg.svg:1:1: warning: withheld from publishing: no approved document uses it, and the site's review does not cover it as it is"
check_file_has "changed badge: the pages' image, withheld" "$T/err" "image \"/images/dzjg.svg\" names images/dzjg.svg, which is withheld from publishing ($S/static/images/dzjg.svg: no review covers it as it is)
  hint: an approved document that uses it publishes it; a file the site serves by itself is signed with the site: govpub review sign site"
check_eq "changed badge: current unchanged" "$(readlink "$O/current")" "releases/$id1"
cp "$T/dzjg.good" "$S/static/images/dzjg.svg"

# footer.dzjg_img naming a file the site lacks (a .png for the .svg there),
# signed with the site: said once, at its key in site.yaml — not as every
# page's broken image in the staging folder, a path gone once refused
sed -i 's#^  dzjg_img: images/dzjg.svg$#  dzjg_img: images/dzjg.png#' "$S/site.yaml"
sample_sign_site "$S"
pub
check_eq "badge not in static/: exit 1" "$rc" 1
check_eq "badge not in static/: the one error, at site.yaml" "$(grep -A1 ': error: ' "$T/err")" \
  "$S/site.yaml:27:13: error: footer.dzjg_img \"images/dzjg.png\" (the 党政机关网站标识 image) is not a static file of the site
  hint: put the file at static/images/dzjg.png, or name the one there is: images/dzjg.svg"
check_eq "badge not in static/: current unchanged" "$(readlink "$O/current")" "releases/$id1"
good_site

# a column's _index.md marked as a draft: a publishing build leaves drafts
# out, so the column would have no page — refused, and said so
cp "$S/content/news/_index.md" "$T/index.good"
sed -i '0,/^title:/s//draft: true\ntitle:/' "$S/content/news/_index.md"
pub
check_eq "draft column index: exit 1" "$rc" 1
check_eq "draft column index: the one error" "$(grep -c ': error: ' "$T/err")" 1
check_file_has "draft column index: said" "$T/err" 'content/news/_index.md:2:8: error: column "news" would have no page: its _index.md is a draft'
check_eq "draft column index: current unchanged" "$(readlink "$O/current")" "releases/$id1"
cp "$T/index.good" "$S/content/news/_index.md"

# keep_releases: the newest N stay (and whatever current points at)
sed -i 's/^keep_releases: 5$/keep_releases: 2/' "$S/site.yaml"
sample_sign_site "$S"
sleep 1; pub; sleep 1; pub
check_eq "keep_releases 2: two left" "$(ls "$O/releases" | wc -l)" 2
check_eq "log is append-only: every entry still there" "$(wc -l < "$O/publish.log")" 16 # an entry per publish, rollback and refusal above

# usage
"$GOVPUB" publish --bogus 2> "$T/err"
check_eq "usage: exit 2" "$?" 2
for c in publish releases rollback verify deploy; do
  "$GOVPUB" $c --help > "$T/out"; check_eq "$c --help" "$?/$(head -c 13 "$T/out")" "0/usage: govpub"
done

# The output folder inside the site's checkout, with files in it the
# repository tracks (an editor's commit holding out/current, or a whole
# release): publish, rollback and deploy refuse to work on it.
git -C "$S" init -q && git -C "$S" add -f out/current
served=$(readlink "$O/current")
pub
check_eq "tracked output: publish refused (exit 1)" "$rc" 1
check_file_has "tracked output: said" "$T/err" \
  "$O: error: the repository tracks files in the output folder (current, …): a commit could replace what is published"
check_file_has "tracked output: the hint names the folder to untrack" "$T/err" \
  "  hint: untrack it (git rm -r --cached $O; keep it in .gitignore) and publish to a folder outside the checkout: --out /srv/govpub"
check_eq "tracked output: current unchanged" "$(readlink "$O/current")" "$served"
"$GOVPUB" rollback --out "$O" 2> "$T/err"
check_eq "tracked output: rollback refused (exit 1)" "$?" 1
check_file_has "tracked output: rollback says why" "$T/err" "the repository tracks files in the output folder"
git -C "$S" rm -q --cached out/current
pub
check_eq "untracked again: publish exits 0" "$rc" 0

# The seal: every release publish makes carries .govpub-seal, the Ed25519
# signature, under the publisher key derived from this host's key
# (GOVPUB_STATE_DIR), of the release's id, its manifest's digest and when
# it was sealed; rollback serves only a release whose seal verifies, and
# seals it anew (a web server's verify --seen takes no older seal).
sleep 1
pub
a=$(readlink "$O/current" | sed 's#^releases/##') # the two releases kept (keep_releases: 2)
sleep 1
pub
b=$(readlink "$O/current" | sed 's#^releases/##')
A=$O/releases/$a
check_eq "seal: its lines" "$(sed 's/[0-9a-f]\{64\}$/X/; s#^ed25519: [A-Za-z0-9+/]\{86\}==$#ed25519: S#; s/^sealed: [0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z$/sealed: T/' "$A/.govpub-seal")" "govpub-seal 3
release: $a
manifest: sha256:X
sealed: T
ed25519: S"
check "seal: sealed when the release was made or after (UTC)" \
  expr "$(sealed_at "$A")" \>= "$(echo "$a" | sed 's/^\(....\)\(..\)\(..\)-\(..\)\(..\)\(..\)$/\1-\2-\3T\4:\5:\6Z/')"
check "seal: the newer release sealed later" expr "$(sealed_at "$O/releases/$b")" \> "$(sealed_at "$A")"
ma=sha256:$(sha256sum < "$A/.govpub-manifest" | cut -c1-64)
check_eq "seal: the manifest file's digest" "$(sed -n 3p "$A/.govpub-seal")" "manifest: $ma"
"$GOVPUB" releases --publisher-key > "$T/publisher.pub" 2>/dev/null
check_eq "seal: the publisher key is the one derived from the host key (Python's hmac and cryptography)" \
  "$(cut -d' ' -f1,2 "$T/publisher.pub")" "$(publisher_derived)"
check_eq "seal: its signature of the statement verifies under it (openssl, not libsodium)" \
  "$(seal_openssl "$A" "$T/publisher.pub")" "Signature Verified Successfully"
check "seal: not in the manifest (two releases of one site, one manifest)" \
  cmp "$A/.govpub-manifest" "$O/releases/$b/.govpub-manifest"
check "seal: verify passes with it" "$GOVPUB" verify "$A"
"$GOVPUB" rollback --out "$O" 2> "$T/err"
check_eq "sealed: rollback exit 0" "$?" 0
check_eq "sealed: rolled back" "$(cat "$T/err")" "govpub: $O/current → release $a (was $b)"
check "sealed: rollback sealed it anew, after the release it replaced" \
  expr "$(sealed_at "$A")" \> "$(sealed_at "$O/releases/$b")"
check_eq "sealed: and its signature holds (openssl)" "$(seal_openssl "$A" "$T/publisher.pub")" \
  "Signature Verified Successfully"
"$GOVPUB" rollback --out "$O" "$b" 2>/dev/null
cp -R "$A" "$T/a.saved"
restore_a() { rm -rf "$A" && cp -R "$T/a.saved" "$A"; }
hint="publish again; or, once you know the release is what govpub published (one made before releases were sealed, or on the host this one replaces), vouch for it: govpub releases --out $O --seal $a"

# refused NAME MESSAGE: rollback to release a refused, exit 1, with exactly
# MESSAGE about its seal, the hint and the summary; current unchanged
refused() {
  "$GOVPUB" rollback --out "$O" "$a" 2> "$T/err"
  check_eq "$1: rollback exit 1" "$?" 1
  same "$1: refused" "$T/err" <<X
$A/.govpub-seal: error: $2
  hint: $hint
govpub: rollback refused; $O/current is unchanged
X
  check_eq "$1: current unchanged" "$(readlink "$O/current")" "releases/$b"
}
forged="the seal does not verify under this host's key: sealed on another host, or forged"

# 1. a page and the manifest rewritten together, in govpub's own format:
# the manifest verifies, the seal names what it was made for; with the
# seal's manifest line rewritten too, its HMAC does not hold
echo '<p>defaced</p>' >> "$A/news/index.html"
manifest_rewrite "$A"
check "rewritten with its manifest: verify alone is fooled" "$GOVPUB" verify "$A"
mnew=sha256:$(sha256sum < "$A/.govpub-manifest" | cut -c1-64)
refused "rewritten with its manifest" \
  "the seal is of another manifest ($ma, the release's is $mnew): the release was rewritten since it was sealed"
sed -i "3s/.*/manifest: $mnew/" "$A/.govpub-seal"
refused "rewritten with its manifest and the seal's line" "$forged"
restore_a

# 2. another release's seal copied in: it names that release; with its
# release line changed too, its HMAC does not hold
cp "$O/releases/$b/.govpub-seal" "$A/"
refused "a copied seal" "the seal is release $b's, not $a's (copied from another release?)"
sed -i "2s/.*/release: $a/" "$A/.govpub-seal"
refused "a copied seal, its release line changed" "$forged"
restore_a

# 3. a seal made with another host's key (its own state folder): the
# same lines, another HMAC
GOVPUB_STATE_DIR=$T/other-host "$GOVPUB" releases --out "$O" --seal "$a" 2>/dev/null
check_eq "another host's seal: the same message" "$(head -n 3 "$A/.govpub-seal")" "$(head -n 3 "$T/a.saved/.govpub-seal")"
check "another host's seal: another signature" sh -c "! cmp -s '$A/.govpub-seal' '$T/a.saved/.govpub-seal'"
refused "another host's seal" "$forged"
restore_a

# 4. no seal (a release an older govpub made), a damaged one; then the
# operator vouches for it: govpub releases --seal, after its manifest
rm "$A/.govpub-seal"
refused "no seal" "no seal: release $a was not published by govpub on this host, or before releases were sealed"
printf 'govpub-seal 1\nrelease: %s\n' "$a" > "$A/.govpub-seal"
refused "a damaged seal" "the seal is damaged: it is not the lines of a govpub seal (\"govpub-seal 3\", 2 or 1)"
# a seal of version 1, as govpub wrote them before (the HMAC under this
# host's key, made here with Python): still taken on this host; with its
# HMAC changed, refused
seal_v1 "$A"
check_eq "a v1 seal: its lines" "$(sed 's/[0-9a-f]\{64\}$/X/' "$A/.govpub-seal")" "govpub-seal 1
release: $a
manifest: sha256:X
hmac-sha256: X"
"$GOVPUB" rollback --out "$O" "$a" 2> "$T/err"
check_eq "a v1 seal this host made: rollback takes it" "$?/$(readlink "$O/current")" "0/releases/$a"
"$GOVPUB" rollback --out "$O" "$b" 2>/dev/null
sed -i '4s/.$/x/' "$A/.govpub-seal"
refused "a v1 seal, its HMAC changed" "the seal is damaged: it is not the lines of a govpub seal (\"govpub-seal 3\", 2 or 1)"
seal_v1 "$A"
sed -i "4s/.\$/$(sed -n '4s/.*\(.\)$/\1/p' "$A/.govpub-seal" | tr 0-9a-f 1-9a-f0)/" "$A/.govpub-seal"
refused "a v1 seal, its HMAC another" "$forged"
(GOVPUB_STATE_DIR=$T/other-host; seal_v1 "$A") # a subshell: the variable stays this host's
refused "a v1 seal made with another host's key" "$forged"
rm "$A/.govpub-seal"
echo '<p>defaced</p>' >> "$A/news/index.html"
"$GOVPUB" releases --out "$O" --seal "$a" 2> "$T/err"
check_eq "--seal of a release that does not verify: exit 1" "$?" 1
check_eq "--seal of a release that does not verify: the file named, not sealed" \
  "$(sed 's/was sha256:[0-9a-f]*, now sha256:[0-9a-f]*/was X, now Y/' "$T/err")" \
  "$A/news/index.html: error: changed since publishing (was X, now Y)
  hint: this release was changed after it was published: publish again, or take another release (govpub releases lists them)
govpub: release $a not sealed"
check "--seal refused: no seal written" test ! -e "$A/.govpub-seal"
check_eq "--seal refused: logged" "$(tail -1 "$O/publish.log" | python3 -c 'import json,sys; e=json.load(sys.stdin); print(e["action"], e["result"], e["release"], "manifest" in e)')" \
  "seal refused $a False"
cp "$T/a.saved/news/index.html" "$A/news/index.html"
"$GOVPUB" releases --out "$O" --seal "$a" 2> "$T/err"
check_eq "--seal: exit 0" "$?" 0
check_eq "--seal: said" "$(cat "$T/err")" \
  "govpub: sealed release $a with this host's key (manifest $ma): deploy and rollback take it now"
check_eq "--seal: the seal publish wrote, but for its time" "$(head -n 3 "$A/.govpub-seal")" \
  "$(head -n 3 "$T/a.saved/.govpub-seal")"
check "--seal: sealed anew" expr "$(sealed_at "$A")" \> "$(sealed_at "$T/a.saved")"
check_eq "--seal: logged" "$(tail -1 "$O/publish.log" | python3 -c 'import json,sys; e=json.load(sys.stdin); print(e["action"], e["result"], e["release"], e["manifest"])')" \
  "seal ok $a $ma"
"$GOVPUB" rollback --out "$O" "$a" 2>/dev/null
check_eq "--seal: rollback takes it" "$?/$(readlink "$O/current")" "0/releases/$a"
"$GOVPUB" releases --out "$O" --seal 2> "$T/err"
check_eq "--seal without an id: usage" "$?/$(head -1 "$T/err")" "2/govpub: error: --seal needs a release id"
"$GOVPUB" releases --out "$O" --seal nope 2> "$T/err"
check_eq "--seal of no release: exit 1" "$?/$(head -1 "$T/err")" "1/govpub: error: no release \"nope\" in $O/releases"
"$GOVPUB" rollback --seal 2> "$T/err"
check_eq "--seal is releases' option only" "$?/$(head -1 "$T/err")" "2/govpub: error: unknown option \"--seal\""

# 5. a preview build's release (no manifest, no seal: unreviewed drafts
# bannered) is never served by a rollback (it used to be, with a warning)
"$GOVPUB" build --site "$S" --out "$O" -q 2>/dev/null
p=$(readlink "$O/preview" | sed 's#^releases/##')
"$GOVPUB" rollback --out "$O" "$p" 2> "$T/err"
check_eq "a preview release: rollback exit 1" "$?" 1
same "a preview release: refused" "$T/err" <<X
$O/releases/$p/.govpub-manifest: error: no manifest: this tree cannot be verified
  hint: only a release made by \`govpub publish\` has a manifest; publish again, or deploy a published release
govpub: rollback refused; $O/current is unchanged
X
check_eq "a preview release: current unchanged" "$(readlink "$O/current")" "releases/$a"

# 6. no host key on this machine: rollback cannot check a seal; publish
# refuses at once rather than make a release nothing would take
GOVPUB_STATE_DIR=$T/no-key "$GOVPUB" rollback --out "$O" "$b" 2> "$T/err"
check_eq "no host key: rollback exit 1" "$?" 1
same "no host key: refused" "$T/err" <<X
$T/no-key/sigcache.key: error: no host key to check the seal of release $b with: this host has sealed no release
  hint: deploy and roll back on the host that published it; moving to a new host: docs/operators.md, "The seal"
govpub: rollback refused; $O/current is unchanged
X
check "no host key: none made by a rollback" test ! -e "$T/no-key"
nrel=$(ls "$O/releases" | wc -l)
env -u GOVPUB_STATE_DIR -u XDG_STATE_HOME -u HOME "$GOVPUB" publish --site "$S" --out "$O" --trust "$TRUST" 2> "$T/err"
check_eq "no state folder: publish exit 1" "$?" 1
same "no state folder: publish refused before building" "$T/err" <<X
govpub: error: no state folder (no HOME): no host key to seal the release with
  hint: set GOVPUB_STATE_DIR to a folder only this host's operators can read (docs/operators.md, "The seal"): deploy and rollback refuse a release that is not sealed
X
check_eq "no state folder: no release made, current unchanged" "$(ls "$O/releases" | wc -l) $(readlink "$O/current")" \
  "$nrel releases/$a"
check_eq "no state folder: logged as refused" "$(tail -1 "$O/publish.log" | python3 -c 'import json,sys; e=json.load(sys.stdin); print(e["action"], e["result"], "release" in e)')" \
  "publish refused False"
cp "$GOVPUB_STATE_DIR/sigcache.key" "$T/key.saved"
printf 'short' > "$GOVPUB_STATE_DIR/sigcache.key" # damaged: not 32 bytes
pub
check_eq "a damaged host key: publish exit 1" "$rc" 1
same "a damaged host key: publish refused before building" "$T/err" <<X
$GOVPUB_STATE_DIR/sigcache.key: error: the host key is not 32 bytes: no release can be sealed or checked with it
  hint: restore it from this host's backup; a new key (delete this one, then publish) cannot check the releases sealed before it: each must be sealed again (govpub releases --seal ID)
X
check_eq "a damaged host key: no release made" "$(ls "$O/releases" | wc -l)" "$nrel"
cp "$T/key.saved" "$GOVPUB_STATE_DIR/sigcache.key"

# the default rollback goes to the newest published release before the
# current one: a preview build's release between them is skipped, never served
sed -i 's/^keep_releases: 2$/keep_releases: 3/' "$S/site.yaml"
sample_sign_site "$S"
pub
x=$(readlink "$O/current" | sed 's#^releases/##')
"$GOVPUB" build --site "$S" --out "$O" -q 2>/dev/null
p=$(readlink "$O/preview" | sed 's#^releases/##')
pub
c=$(readlink "$O/current" | sed 's#^releases/##')
check_eq "a published release, a preview build, a published release" "$(ls "$O/releases" | tail -3 | tr '\n' ' ')" "$x $p $c "
"$GOVPUB" rollback --out "$O" 2> "$T/err"
check_eq "default rollback past a preview: exit 0" "$?" 0
check_eq "default rollback past a preview: the published release before" "$(readlink "$O/current")" "releases/$x"
check_eq "default rollback past a preview: said" "$(cat "$T/err")" "govpub: $O/current → release $x (was $c)"

# an HTML attachment (a search engine's verification page) is a static file,
# not a page: the inspection holds it to the link rules, not to the pages'
# footer and meta tags, in the publish gate and in govpub check alike
mkdir -p "$S/static/files"
printf 'baidu-site-verification: code-0123456789\n' > "$S/static/files/baidu_verify_code-0123456789.html"
sample_sign_site "$S"
pub
check_eq "an HTML attachment: published (exit 0)" "$rc:$(grep -c 'error' "$T/err")" "0:0"
check "an HTML attachment: served" test -f "$O/current/files/baidu_verify_code-0123456789.html"
"$GOVPUB" check --site "$S" --out "$O" > "$T/out" 2>&1
check_eq "an HTML attachment: govpub check passes" "$?:$(tail -1 "$T/out")" "0:verdict: 合格 (0 errors, 0 warnings)"

# a mistyped output folder: said, and nothing made there (no folder, no lock, no log)
"$GOVPUB" rollback --out "$T/no-such-out" 2> "$T/err"
check_eq "rollback, no such output folder: exit 1" "$?" 1
same "rollback, no such output folder: said" "$T/err" <<X
$T/no-such-out: error: no such output folder
  hint: name the output folder govpub publish writes: --out DIR (or --site DIR for DIR/out)
govpub: rollback refused; $T/no-such-out/current is unchanged
X
"$GOVPUB" releases --out "$T/no-such-out" --seal "$x" 2> /dev/null
check_eq "releases --seal, no such output folder: exit 1, nothing made" "$?:$(ls -d "$T/no-such-out" 2>/dev/null)" "1:"

# the footer links a chart's CSV that only the site's review covers; the
# CSV changes: chart and CSV are withheld, and the link check says so of
# the CSV as of the badge (it said "not in the output")
sed 's/^data: gdp.csv/data: extra.csv/' "$S/charts/gdp.yaml" > "$S/charts/extra.yaml"
cp "$S/charts/gdp.csv" "$S/charts/extra.csv"
mkdir -p "$S/layouts/partials"
sed 's#</footer>#<a href="/charts/extra.csv">数据</a></footer>#' "$ROOT/themes/default/layouts/partials/footer.mustache" \
  > "$S/layouts/partials/footer.mustache"
sample_sign_site "$S"
pub
check_eq "the footer's CSV: published" "$rc:$(cmp "$S/charts/extra.csv" "$O/current/charts/extra.csv" && echo same)" "0:same"
id_csv=$(readlink "$O/current")
cp "$S/charts/extra.csv" "$T/extra.csv.good"
sed -i '$ s/[0-9]$/0/' "$S/charts/extra.csv"
pub
check_eq "the footer's CSV changed: refused, current unchanged" "$rc $(readlink "$O/current")" "1 $id_csv"
check_file_has "the footer's CSV changed: withheld, said at the link" "$T/err" \
  "index.html:120:1: error: [附件下载] attachment \"/charts/extra.csv\" names charts/extra.csv, which is withheld from publishing ($S/charts/extra.yaml: no review covers it as it is)"
cp "$T/extra.csv.good" "$S/charts/extra.csv"

# a 2024 news item edited and not yet signed again: withheld, and the rest
# is published — the annual report still counts it (it was published in
# 2024; the report is made from the preview), so one page held back for
# review does not stop every publish on the report's figures
sed -i 's/^正文。$/正文（修订）。/; $ s/$/\n\n（本文有修订。）/' "$S/content/news/2024-data-sharing.md"
pub
check_eq "an edited 2024 item held back: published, exit 0" "$rc" 0
check_file_has "an edited 2024 item held back: said" "$T/err" \
  "content/news/2024-data-sharing.md:1:1: warning: withheld from publishing: stale"
check_file_lacks "an edited 2024 item held back: the report still agrees" "$T/err" "年度报表"
check "an edited 2024 item held back: not served" test ! -e "$O/current/news/2024-data-sharing/index.html"

# The site's own static/robots.txt (Hugo's habit: its rules, e.g. keeping
# crawlers out of the search page) is published in place of govpub's once
# the site's review covers it — withheld until then, and govpub's
# published — with the line naming the sitemap added unless it has it
# (base_url decides it, in any case and spacing); a preview keeps govpub's.
sitemap_line="Sitemap: https://www.ylq.gov.cn/sitemap.xml"
printf 'User-agent: *\nDisallow: /search/' > "$S/static/robots.txt"
pub
check_eq "the site's robots.txt, not signed: withheld, govpub's published" \
  "$rc:$(grep -c 'static/robots.txt:1:1: warning: withheld from publishing' "$T/err"):$(cat "$O/current/robots.txt")" \
  "0:1:User-agent: *
Allow: /
$sitemap_line"
sample_sign_site "$S"
pub
check_eq "the site's robots.txt, signed: published, the sitemap's line added" \
  "$rc:$(cat "$O/current/robots.txt")" "0:User-agent: *
Disallow: /search/
$sitemap_line"
check "the site's robots.txt: precompressed as govpub's was" sh -c "gzip -dc '$O/current/robots.txt.gz' | cmp - '$O/current/robots.txt'"
printf 'User-agent: *\r\nDisallow: /search/\r\nsitemap:https://www.ylq.gov.cn/sitemap.xml \r\n' > "$S/static/robots.txt"
sample_sign_site "$S"
pub
check_eq "the site's robots.txt naming the sitemap itself: published as it is" \
  "$rc:$(cmp "$S/static/robots.txt" "$O/current/robots.txt" && echo same)" "0:same"
"$GOVPUB" build --site "$S" --out "$O" -q 2>"$T/err"
check_eq "the site's robots.txt: a preview keeps govpub's" "$?:$(cat "$O/preview/robots.txt")" "0:User-agent: *
Disallow: /
$sitemap_line"
